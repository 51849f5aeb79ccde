"""The wat-als form: every question of the framework, filled in with the assessment's answers."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments.scenarios import Framework
from assessments.whatif import AnswerSet

UNKNOWN = "onbekend"


def field_name(question_code: str) -> str:
    return f"q-{question_code}"


class ScenarioAnswersForm(forms.Form):
    """One field per question; its initial value is the assessment's own answer."""

    def __init__(self, *args: Any, framework: Framework, base: AnswerSet, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.framework = framework
        self.base = base
        self.groups: dict[str, list[str]] = {}
        for question in framework.questions:
            choices = [(o.code, o.text("label")) for o in question.options.all()]
            choices.append((UNKNOWN, _("Onbekend")))
            current = sorted(o.code for o in question.options.all() if o.code in base.chosen)
            if question.code in base.unknown:
                current = [UNKNOWN]
            name = field_name(question.code)
            if question.kind == "multiple":
                self.fields[name] = forms.MultipleChoiceField(
                    label=question.text("text"),
                    choices=choices,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    initial=current,
                )
            else:
                self.fields[name] = forms.ChoiceField(
                    label=question.text("text"),
                    choices=choices,
                    required=False,
                    widget=forms.RadioSelect,
                    initial=current[0] if current else None,
                )
            self.groups.setdefault(question.characteristic.text("name"), []).append(name)

    def grouped(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(name, [self[f] for f in fields]) for name, fields in self.groups.items()]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for question in self.framework.questions:
            name = field_name(question.code)
            value = cleaned.get(name)
            if isinstance(value, list) and UNKNOWN in value and len(value) > 1:
                self.add_error(
                    name,
                    _("Bij ‘%(question)s’: kies ‘Onbekend’ of antwoorden, niet allebei.")
                    % {"question": question.text("text")},
                )
        return cleaned

    def scenario(self) -> AnswerSet:
        """The answers as filled in (call after ``is_valid``)."""
        chosen: set[str] = set()
        unknown: set[str] = set()
        for question in self.framework.questions:
            value = self.cleaned_data.get(field_name(question.code))
            values = value if isinstance(value, list) else [value] if value else []
            if UNKNOWN in values:
                unknown.add(question.code)
            else:
                chosen |= set(values)
        return AnswerSet(frozenset(chosen), frozenset(unknown))


class ScenarioSaveForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Titel van het scenario"),
        max_length=200,
        help_text=gettext_lazy("Bijvoorbeeld: Als het platform een intakegesprek invoert"),
        error_messages={"required": gettext_lazy("Geef het scenario een titel.")},
    )
    motivation = forms.CharField(
        label=gettext_lazy("Motivering"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Waarom is dit een zinvol advies aan het platform?"),
        error_messages={"required": gettext_lazy("Schrijf kort op waarom u dit adviseert.")},
    )

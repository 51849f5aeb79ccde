"""Forms of the double assessment: start one, and settle its differences."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments.agreement import QuestionPair
from assessments.models import ConsensusChoice, Platform
from inclusief.people import public_name
from inclusief.roles import ANALIST


class AnalystChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        # Colleagues by name; without one by their public name, never by their login.
        return obj.get_full_name() or public_name(obj)


class DoubleStartForm(forms.Form):
    platform = forms.ModelChoiceField(
        label=gettext_lazy("Platform"),
        queryset=Platform.objects.order_by("name"),
        error_messages={"required": gettext_lazy("Kies het platform dat beoordeeld wordt.")},
    )
    first_analyst = AnalystChoiceField(
        label=gettext_lazy("Eerste analist"),
        queryset=get_user_model().objects.none(),
        error_messages={"required": gettext_lazy("Kies de eerste analist.")},
    )
    second_analyst = AnalystChoiceField(
        label=gettext_lazy("Tweede analist"),
        queryset=get_user_model().objects.none(),
        error_messages={"required": gettext_lazy("Kies de tweede analist.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        analysts = (
            get_user_model()
            .objects.filter(is_active=True, groups__name=ANALIST)
            .order_by("first_name", "last_name", "username")
        )
        self.fields["first_analyst"].queryset = analysts
        self.fields["second_analyst"].queryset = analysts

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        first, second = cleaned.get("first_analyst"), cleaned.get("second_analyst")
        if first and second and first == second:
            self.add_error(
                "second_analyst", _("Kies twee verschillende analisten: zij werken onafhankelijk.")
            )
        return cleaned


def choice_field(pair: QuestionPair) -> str:
    return f"keuze-{pair.question}"


def motivation_field(pair: QuestionPair) -> str:
    return f"motivering-{pair.question}"


class SettleForm(forms.Form):
    """Per difference: whose answer the consensus takes, and why."""

    def __init__(
        self, *args: Any, differences: list[QuestionPair], labels: dict[str, str], **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.differences = differences
        for pair in differences:
            question = labels.get(pair.question, pair.question)
            self.fields[choice_field(pair)] = forms.ChoiceField(
                label=question,
                choices=ConsensusChoice.Source.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Kies bij ‘%(question)s’ welk antwoord de consensus wordt.")
                    % {"question": question}
                },
            )
            self.fields[motivation_field(pair)] = forms.CharField(
                label=_("Motivering bij ‘%(question)s’") % {"question": question},
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={
                    "required": _("Geef bij ‘%(question)s’ een motivering.")
                    % {"question": question}
                },
            )

    def rows(self) -> list[tuple[QuestionPair, forms.BoundField, forms.BoundField]]:
        return [(p, self[choice_field(p)], self[motivation_field(p)]) for p in self.differences]

    def decisions(self) -> dict[str, tuple[str, str]]:
        return {
            p.question: (
                self.cleaned_data[choice_field(p)],
                self.cleaned_data[motivation_field(p)],
            )
            for p in self.differences
        }

"""Forms of the questionnaire, built from the framework data rather than written per question."""

from django import forms
from django.contrib.auth import get_user_model
from django.forms.utils import ErrorList
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models import Answer, Platform, Priority, Verdict
from assessments.services import AnswerInput
from framework.models import Question, QuestionKind, StatementKind
from inclusief.roles import ANALIST, BEHEERDER

UNKNOWN = "unknown"
MAX_TEXT = 5000


def _note_field() -> forms.CharField:
    return forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Waarom dit antwoord? Wat zag u op het platform?"),
    )


# How the parts of a question's evidence are named in an error message.
EVIDENCE_PARTS = {
    "note": _("Toelichting"),
    "source_url": _("Bron"),
    "source_reference": _("Bronverwijzing"),
    "consulted_on": _("Datum van raadplegen"),
}


def _lower_first(message: str) -> str:
    return message[:1].lower() + message[1:]


class StepForm(forms.Form):
    """One characteristic: per question the choice, a toelichting and a source.

    Every error names the question it belongs to, in the summary and at the field, because a
    step holds several questions with the same "Bron" and "Toelichting" fields.
    """

    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, questions: list[Question], answers: dict[int, Answer], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            choices = [(str(o.pk), o.label) for o in question.options.all()]
            choices.append((UNKNOWN, _("Onbekend")))
            answer = answers.get(question.pk)
            code = question.code
            if question.kind == QuestionKind.SINGLE:
                self.fields[code] = forms.ChoiceField(
                    label=question.label,
                    required=False,
                    choices=choices,
                    widget=forms.RadioSelect,
                    error_messages={"invalid_choice": _("Kies één van de antwoorden.")},
                )
            else:
                self.fields[code] = forms.MultipleChoiceField(
                    label=question.label,
                    required=False,
                    choices=choices,
                    widget=forms.CheckboxSelectMultiple,
                    error_messages={"invalid_choice": _("Kies alleen uit de gegeven antwoorden.")},
                )
            self.fields[f"{code}-note"] = _note_field()
            self.fields[f"{code}-source_url"] = forms.URLField(
                label=_("Bron: webadres"),
                required=False,
                max_length=500,
                assume_scheme="https",
                error_messages={
                    "invalid": _(
                        "Geef een geldig webadres, bijvoorbeeld https://www.voorbeeld.nl."
                    ),
                    "max_length": _("Het webadres mag hoogstens 500 tekens hebben."),
                },
            )
            self.fields[f"{code}-source_reference"] = forms.CharField(
                label=_("Bron: document of andere verwijzing"),
                required=False,
                max_length=300,
                help_text=_("Bijvoorbeeld de titel van een rapport en de pagina."),
            )
            self.fields[f"{code}-consulted_on"] = forms.DateField(
                label=_("Geraadpleegd op"),
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                error_messages={"invalid": _("Geef een geldige datum, bijvoorbeeld 2026-03-31.")},
            )
            if answer is not None and not self.is_bound:
                if answer.unknown:
                    value = UNKNOWN if question.kind == QuestionKind.SINGLE else [UNKNOWN]
                else:
                    ids = [str(o.pk) for o in answer.options.all()]
                    value = (ids[0] if ids else "") if question.kind == QuestionKind.SINGLE else ids
                self.initial[code] = value
                self.initial[f"{code}-note"] = answer.note
                self.initial[f"{code}-source_url"] = answer.source_url
                self.initial[f"{code}-source_reference"] = answer.source_reference
                self.initial[f"{code}-consulted_on"] = answer.consulted_on

    def full_clean(self) -> None:
        super().full_clean()
        if not self._errors:
            return
        for question in self.questions:
            code = question.code
            if code in self._errors:
                self._errors[code] = ErrorList(
                    _("Bij ‘%(question)s’: %(message)s")
                    % {"question": question.label, "message": _lower_first(str(m))}
                    for m in self._errors[code]
                )
            for suffix, part in EVIDENCE_PARTS.items():
                name = f"{code}-{suffix}"
                if name in self._errors:
                    self._errors[name] = ErrorList(
                        _("%(part)s bij ‘%(question)s’: %(message)s")
                        % {
                            "part": part,
                            "question": question.label,
                            "message": _lower_first(str(m)),
                        }
                        for m in self._errors[name]
                    )

    def clean(self) -> dict:
        data = super().clean()
        today = timezone.localdate()
        for question in self.questions:
            code = question.code
            value = data.get(code)
            if isinstance(value, list) and UNKNOWN in value and len(value) > 1:
                self.add_error(code, _("Kies ‘Onbekend’ of één of meer antwoorden, niet allebei."))
            consulted = data.get(f"{code}-consulted_on")
            if consulted and consulted > today:
                self.add_error(
                    f"{code}-consulted_on", _("De datum van raadplegen ligt in de toekomst.")
                )
        return data

    def safe_chosen_codes(self) -> set[str]:
        """Option codes in the submitted data, valid or not, so that the follow-up questions
        of an invalid form stay on screen."""
        by_id = {str(o.pk): o.code for q in self.questions for o in q.options.all()}
        chosen = set()
        getlist = getattr(self.data, "getlist", None)
        for question in self.questions:
            values = getlist(question.code) if getlist else self.data.get(question.code, [])
            if not isinstance(values, list | tuple):
                values = [values]
            chosen.update(by_id[str(v)] for v in values if str(v) in by_id)
        return chosen

    def chosen_codes(self) -> set[str]:
        """Option codes chosen in this form (for which follow-up questions apply)."""
        by_id = {str(o.pk): o.code for q in self.questions for o in q.options.all()}
        chosen: set[str] = set()
        for question in self.questions:
            value = self.cleaned_data.get(question.code)
            values = value if isinstance(value, list) else [value] if value else []
            chosen.update(by_id[v] for v in values if v in by_id)
        return chosen

    def answer_inputs(self, questions: list[Question]) -> list[AnswerInput]:
        inputs = []
        for question in questions:
            code = question.code
            value = self.cleaned_data.get(code)
            values = value if isinstance(value, list) else [value] if value else []
            inputs.append(
                AnswerInput(
                    question=question,
                    option_ids=[int(v) for v in values if v != UNKNOWN],
                    unknown=UNKNOWN in values,
                    note=self.cleaned_data.get(f"{code}-note", ""),
                    source_url=self.cleaned_data.get(f"{code}-source_url", ""),
                    source_reference=self.cleaned_data.get(f"{code}-source_reference", ""),
                    consulted_on=self.cleaned_data.get(f"{code}-consulted_on"),
                )
            )
        return inputs


def _priority_field() -> forms.ChoiceField:
    """Hoog, middel or laag, none chosen beforehand: "no priority" is no answer for an
    uitdaging, so it is not offered as one."""
    return forms.ChoiceField(
        label=_("Prioriteit"),
        required=False,
        choices=Priority.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies hoog, middel of laag.")},
    )


def _check_challenge(form: forms.Form, data: dict) -> None:
    """A confirmed uitdaging has a priority; with hoog or middel also an action, or the
    explicit choice "nog te bepalen"."""
    priority = data.get("priority")
    if not priority:
        form.add_error("priority", _("Kies een prioriteit: hoog, middel of laag."))
    if data.get("action") and data.get("action_pending"):
        form.add_error(
            "action_pending",
            _("Beschrijf wat er georganiseerd moet worden óf kies ‘nog te bepalen’, niet allebei."),
        )
    elif priority in (Priority.HIGH, Priority.MEDIUM) and not (
        data.get("action") or data.get("action_pending")
    ):
        form.add_error(
            "action",
            _(
                "Beschrijf wat er georganiseerd moet worden, of kies ‘nog te bepalen’: "
                "bij prioriteit hoog of middel hoort een actie."
            ),
        )


REVIEW_VERDICTS = [
    (Verdict.CONFIRMED, _("Bevestigen: dit klopt voor dit platform")),
    (Verdict.NOT_APPLICABLE, _("Niet van toepassing")),
    (Verdict.ADJUSTED, _("Aanpassen: in eigen woorden")),
]


class FindingReviewForm(forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    verdict = forms.ChoiceField(
        label=_("Uw oordeel"),
        choices=REVIEW_VERDICTS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies bevestigen, niet van toepassing of aanpassen.")},
    )
    motivation = forms.CharField(
        label=_("Motivering"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kort: waarom komt u tot dit oordeel?"),
        error_messages={"required": _("Geef een korte motivering.")},
    )
    own_title = forms.CharField(
        label=_("Eigen titel"),
        required=False,
        max_length=200,
        help_text=_("Alleen bij aanpassen."),
    )
    own_text = forms.CharField(
        label=_("Eigen uitleg"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Alleen bij aanpassen."),
    )
    action = forms.CharField(
        label=_("Wat moet er georganiseerd worden?"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    action_owner = forms.CharField(
        label=_("Door wie?"),
        required=False,
        max_length=200,
        help_text=_("Bijvoorbeeld het platform, de gemeente, UWV of een jobcoach."),
    )
    action_pending = forms.BooleanField(
        label=_("Nog te bepalen"),
        required=False,
        help_text=_("Kies dit als nog niet duidelijk is wat er georganiseerd moet worden."),
    )
    priority = _priority_field()
    evidence = forms.CharField(
        label=_("Onderbouwing en bronnen"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, is_challenge: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_challenge = is_challenge
        if not is_challenge:
            for name in ("action", "action_owner", "action_pending", "priority"):
                del self.fields[name]

    def clean(self) -> dict:
        data = super().clean()
        if data.get("verdict") == Verdict.ADJUSTED and not data.get("own_title"):
            self.add_error("own_title", _("Geef bij aanpassen een eigen titel."))
        if self.is_challenge and data.get("verdict") in (Verdict.CONFIRMED, Verdict.ADJUSTED):
            _check_challenge(self, data)
        return data


class OwnFindingForm(forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    kind = forms.ChoiceField(
        label=_("Soort"),
        choices=StatementKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies kans of uitdaging.")},
    )
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        error_messages={"required": _("Geef een korte titel.")},
    )
    text = forms.CharField(
        label=_("Uitleg"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    motivation = forms.CharField(
        label=_("Motivering"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Geef een korte motivering.")},
    )
    action = forms.CharField(
        label=_("Wat moet er georganiseerd worden?"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Alleen bij een uitdaging."),
    )
    action_owner = forms.CharField(label=_("Door wie?"), required=False, max_length=200)
    action_pending = forms.BooleanField(
        label=_("Nog te bepalen"),
        required=False,
        help_text=_("Alleen bij een uitdaging waarvan de actie nog niet duidelijk is."),
    )
    priority = _priority_field()

    def clean(self) -> dict:
        data = super().clean()
        if data.get("kind") == StatementKind.CHALLENGE:
            _check_challenge(self, data)
        else:
            data["priority"] = ""
            data["action_pending"] = False
        return data


class BulkConfirmForm(forms.Form):
    """Confirm all open derived findings of one criterion with one shared motivation."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    motivation = forms.CharField(
        label=_("Gedeelde motivering"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Geldt voor elke bevinding die u zo bevestigt; u kunt haar daarna per "
            "bevinding aanpassen."
        ),
        error_messages={"required": _("Geef een korte motivering voor alle bevindingen.")},
    )
    priority = _priority_field()

    def __init__(self, *args, has_challenges: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_challenges = has_challenges
        if has_challenges:
            self.fields["priority"].label = _("Prioriteit van de uitdagingen")
            self.fields["priority"].help_text = _(
                "Een uitdaging zonder voorgestelde actie krijgt als actie ‘nog te bepalen’."
            )
        else:
            del self.fields["priority"]

    def clean(self) -> dict:
        data = super().clean()
        if self.has_challenges and not data.get("priority"):
            self.add_error("priority", _("Kies een prioriteit voor de uitdagingen."))
        return data


class StartAssessmentForm(forms.Form):
    platform = forms.ModelChoiceField(
        label=_("Platform"),
        queryset=Platform.objects.order_by("name"),
        to_field_name="slug",
        error_messages={
            "required": _("Kies een platform uit de lijst."),
            "invalid_choice": _("Kies een platform uit de lijst."),
        },
    )


class UserChoiceField(forms.ModelChoiceField):
    """Colleagues by full name, with the username to tell namesakes apart."""

    def label_from_instance(self, obj) -> str:
        name = obj.get_full_name()
        return f"{name} ({obj.username})" if name else obj.username


class ReviewerForm(forms.Form):
    reviewer = UserChoiceField(
        label=_("Reviewer"),
        queryset=get_user_model().objects.none(),
        empty_label=_("Kies een collega"),
        error_messages={"required": _("Kies een reviewer.")},
    )

    def __init__(self, *args, exclude_ids: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = (
            get_user_model()
            .objects.filter(groups__name__in=[ANALIST, BEHEERDER], is_active=True)
            .exclude(pk__in=exclude_ids)
            .distinct()
            .order_by("username")
        )


class CoAuthorForm(forms.Form):
    username = forms.CharField(label=_("Gebruikersnaam van de collega"), max_length=150)

    def clean_username(self):
        name = self.cleaned_data["username"].strip()
        user = (
            get_user_model()
            .objects.filter(username__iexact=name, is_active=True, groups__name=ANALIST)
            .first()
        )
        if user is None:
            raise forms.ValidationError(_("Er is geen analist met deze gebruikersnaam."))
        return user


class ReviewCommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Opmerking van de reviewer"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Schrijf een opmerking; een lege opmerking helpt de auteur niet.")
        },
    )

    def clean_comment(self) -> str:
        comment = self.cleaned_data["comment"].strip()
        if not comment:
            raise forms.ValidationError(
                _("Schrijf een opmerking; een lege opmerking helpt de auteur niet.")
            )
        return comment


class SendBackForm(forms.Form):
    """Why the reviewer returns the assessment; may stay empty if findings carry comments."""

    message = forms.CharField(
        label=_("Wat moet de auteur aanpassen?"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PublishForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ik heb de beoordeling bekeken en keur haar goed voor publicatie."),
        error_messages={
            "required": _("Vink aan dat u de beoordeling goedkeurt; pas dan wordt zij openbaar.")
        },
    )


class UpgradeForm(forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput)

"""Forms of the maatwerkscan: the needs (pseudonymous, structured only) and the week plan."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from framework.models import SkillLevel, TargetGroup
from maatwerk.models import Guidance, Importance, PayBasis, Province, Schedule, WorkPreference
from maatwerk.ranking import Needs

# What the form starts with: nothing about the person is assumed beyond this.
INITIAL = {
    "guidance": Guidance.SOME,
    "work_mode": WorkPreference.EITHER,
    "skill_level": SkillLevel.LOWER,
    "hours_per_week": 16,
    "schedule": Schedule.FLEXIBLE,
    "income_security": Importance.MEDIUM,
}


class NeedsForm(forms.Form):
    """The needs of one person. No name, no BSN, no date of birth, no free text about health."""

    target_groups = forms.ModelMultipleChoiceField(
        label=_("Doelgroepen"),
        queryset=TargetGroup.objects.order_by("order", "code"),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kies wat op de persoon van toepassing is. Niets kiezen mag ook."),
    )
    guidance = forms.ChoiceField(
        label=_("Behoefte aan begeleiding"), choices=Guidance.choices, widget=forms.RadioSelect
    )
    work_mode = forms.ChoiceField(
        label=_("Werkvorm"), choices=WorkPreference.choices, widget=forms.RadioSelect
    )
    skill_level = forms.ChoiceField(
        label=_("Skills-niveau"), choices=SkillLevel.choices, widget=forms.RadioSelect
    )
    hours_per_week = forms.IntegerField(
        label=_("Beschikbare uren per week"),
        min_value=1,
        max_value=60,
        error_messages={
            "required": _("Vul in hoeveel uur per week de persoon kan werken."),
            "invalid": _("Vul een heel aantal uren in, bijvoorbeeld 16."),
            "min_value": _("Vul minstens 1 uur per week in."),
            "max_value": _("Vul hoogstens 60 uur per week in."),
        },
    )
    schedule = forms.ChoiceField(
        label=_("Werktijden"), choices=Schedule.choices, widget=forms.RadioSelect
    )
    region = forms.ChoiceField(
        label=_("Regio voor fysiek werk"),
        choices=[("", _("Geen voorkeur"))] + list(Province.choices),
        required=False,
        help_text=_("Alleen de provincie; de catalogus kent nog geen werkgebieden per platform."),
    )
    receives_benefit = forms.BooleanField(label=_("De persoon heeft een uitkering"), required=False)
    income_security = forms.ChoiceField(
        label=_("Hoe belangrijk is inkomenszekerheid?"),
        choices=Importance.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", INITIAL)
        super().__init__(*args, **kwargs)

    def needs(self) -> Needs:
        """The needs from a valid form, or the starting values when the form is not bound."""
        data = self.cleaned_data if self.is_bound else {**INITIAL, "target_groups": []}
        return Needs(
            target_groups=frozenset(g.code for g in data.get("target_groups") or []),
            guidance=data["guidance"],
            work_mode=data["work_mode"],
            skill_level=data["skill_level"],
            hours_per_week=data["hours_per_week"],
            schedule=data["schedule"],
            region=data.get("region") or "",
            receives_benefit=bool(data.get("receives_benefit")),
            income_security=data["income_security"],
        )


class SaveScanForm(NeedsForm):
    """The needs plus the author's label; what is stored when the author saves."""

    label = forms.CharField(
        label=_("Eigen label"),
        max_length=40,
        help_text=_("Kies een kort label, geen naam. Bijvoorbeeld: kandidaat A."),
        error_messages={
            "required": _("Geef de scan een kort label, bijvoorbeeld 'kandidaat A'."),
            "max_length": _("Het label mag hoogstens 40 tekens lang zijn."),
        },
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    field_order = ["label"]


class WeekSettingsForm(forms.Form):
    benefit_threshold = forms.DecimalField(
        label=_("Inkomensgrens voor de uitkering (bruto per maand, euro)"),
        required=False,
        min_value=Decimal("0"),
        max_digits=8,
        decimal_places=2,
        localize=True,
        help_text=_(
            "Vul zelf in boven welk bedrag het inkomen de uitkering raakt. Dit is een "
            "indicatie, geen berekening van de uitkering."
        ),
        error_messages={
            "invalid": _("Vul een bedrag in euro in, bijvoorbeeld 1200 of 1200,50."),
            "min_value": _("Het bedrag kan niet negatief zijn."),
            "max_digits": _("Dat bedrag is te groot."),
            "max_decimal_places": _("Gebruik hoogstens twee cijfers achter de komma."),
        },
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput)


class WeekItemForm(forms.Form):
    """Add one kind of work to the week: a ranked platform or a Table 1 work type."""

    source = forms.CharField(widget=forms.HiddenInput)
    hours_per_week = forms.DecimalField(
        label=_("Uren per week"),
        min_value=Decimal("0.5"),
        max_value=Decimal("60"),
        max_digits=4,
        decimal_places=1,
        localize=True,
        error_messages={
            "required": _("Vul in hoeveel uur per week."),
            "invalid": _("Vul een aantal uren in, bijvoorbeeld 8 of 7,5."),
            "min_value": _("Vul minstens een half uur in."),
            "max_value": _("Vul hoogstens 60 uur in."),
        },
    )
    pay_basis = forms.ChoiceField(label=_("Betaling"), choices=PayBasis.choices)
    pay_amount = forms.DecimalField(
        label=_("Geschat bedrag in euro (per uur of per klus)"),
        min_value=Decimal("0"),
        max_digits=7,
        decimal_places=2,
        localize=True,
        error_messages={
            "required": _("Vul een geschat bedrag in; het blijft gemarkeerd als schatting."),
            "invalid": _("Vul een bedrag in euro in, bijvoorbeeld 14,50."),
            "min_value": _("Het bedrag kan niet negatief zijn."),
        },
    )
    tasks_per_week = forms.IntegerField(
        label=_("Klussen per week (bij betaling per klus)"),
        required=False,
        min_value=0,
        validators=[MinValueValidator(0), MaxValueValidator(500)],
        error_messages={"invalid": _("Vul een heel aantal klussen in.")},
    )
    travel_minutes_per_week = forms.IntegerField(
        label=_("Reistijd per week in minuten (fysiek werk)"),
        required=False,
        min_value=0,
        max_value=1800,
        error_messages={
            "invalid": _("Vul de reistijd in hele minuten in."),
            "max_value": _("Vul hoogstens 1800 minuten (30 uur) reistijd in."),
        },
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("pay_basis") == PayBasis.TASK and not data.get("tasks_per_week"):
            self.add_error(
                "tasks_per_week", _("Vul bij betaling per klus in hoeveel klussen per week.")
            )
        return data

"""GET forms of the results pages: the overview's filters and the comparison's choice."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.forms import ANY
from assessments.lens import lens_groups
from assessments.models import Assessment
from assessments.results import (
    DEFAULT_SORT,
    MAX_COMPARED,
    MIN_COMPARED,
    OverviewFilters,
    chosen_assessments,
    comparison_candidates,
)
from framework.models import Segment, SkillLevel, WorkMode


def lens_choices() -> list[tuple[str, str]]:
    return [("", _("Alle doelgroepen"))] + [(g.code, g.name) for g in lens_groups()]


def segment_choices() -> list[tuple[str, str]]:
    return ANY + [(s.code, s.name) for s in Segment.objects.order_by("order", "code")]


class OverviewFilterForm(forms.Form):
    """Filters of the overview and its exports. Unknown values are ignored (stale links)."""

    sector = forms.ChoiceField(label=_("Sector"), required=False)
    mode = forms.ChoiceField(
        label=_("Fysiek of online"), required=False, choices=ANY + WorkMode.choices
    )
    skill_level = forms.ChoiceField(
        label=_("Skills-niveau"), required=False, choices=ANY + SkillLevel.choices
    )
    # Choices read lazily: an export without a lens asks nothing about target groups.
    doelgroep = forms.ChoiceField(
        label=_("Bekijk voor doelgroep"), required=False, choices=lambda: lens_choices()
    )
    fit = forms.BooleanField(
        label=_("Alleen platforms die per saldo passen bij deze doelgroep"), required=False
    )
    sort = forms.CharField(required=False, max_length=120, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = segment_choices()
        for name in ("sector", "mode", "skill_level", "doelgroep"):
            self.fields[name].widget.attrs["class"] = "form-select"

    def filters(self) -> OverviewFilters:
        self.is_valid()
        value = {
            name: self.cleaned_data.get(name, "") or ""
            for name in self.fields
            if name not in self.errors
        }
        return OverviewFilters(
            segment=value.get("sector", ""),
            mode=value.get("mode", ""),
            skill_level=value.get("skill_level", ""),
            sort=value.get("sort", "") or DEFAULT_SORT,
            target_group=value.get("doelgroep", ""),
            fit_only=bool(value.get("fit")) and bool(value.get("doelgroep")),
        )


def assessment_label(assessment: Assessment) -> str:
    return _("%(platform)s (versie %(edition)s, %(status)s)") % {
        "platform": assessment.platform.name,
        "edition": assessment.edition,
        "status": assessment.get_status_display().lower(),
    }


class ComparisonForm(forms.Form):
    """Which assessments to compare: 2 to 6 of those the user may see.

    The list to choose from is a search (platform name, sector) limited in the database; the
    choice itself is checked against what the user may see.
    """

    q = forms.CharField(label=_("Zoek op platformnaam"), required=False, max_length=100)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    a = forms.MultipleChoiceField(
        label=_("Beoordelingen"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "Een gekozen beoordeling bestaat niet of u mag haar niet zien. Kies uit de lijst."
            ),
        },
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = segment_choices()
        self.fields["sector"].widget.attrs["class"] = "form-select"
        self.fields["q"].widget.attrs["class"] = "form-control"
        keys = self.data.getlist("a") if hasattr(self.data, "getlist") else []
        self.chosen = chosen_assessments(user, keys)
        search = self._search_terms()
        candidates, self.total = comparison_candidates(user, **search)
        self.candidates = [a for a in candidates if str(a.uuid) not in self.chosen]
        self.fields["a"].choices = [
            (key, assessment_label(a))
            for key, a in [*self.chosen.items(), *((str(a.uuid), a) for a in self.candidates)]
        ]

    def _search_terms(self) -> dict[str, str]:
        query = str(self.data.get("q", "") or "")[:100].replace("\x00", "")
        sector = str(self.data.get("sector", "") or "")
        if sector not in {code for code, _label in self.fields["sector"].choices}:
            sector = ""
        return {"query": query.strip(), "sector": sector}

    def clean_a(self) -> list[Assessment]:
        chosen = list(dict.fromkeys(self.cleaned_data["a"]))
        if len(chosen) < MIN_COMPARED:
            raise forms.ValidationError(
                _("Kies ten minste %(min)d beoordelingen om te vergelijken; u koos er %(n)d.")
                % {"min": MIN_COMPARED, "n": len(chosen)}
            )
        if len(chosen) > MAX_COMPARED:
            raise forms.ValidationError(
                _("Kies ten hoogste %(max)d beoordelingen; u koos er %(n)d.")
                % {"max": MAX_COMPARED, "n": len(chosen)}
            )
        return [self.chosen[key] for key in chosen]

    def shown(self) -> list[tuple[Assessment, bool]]:
        """The chosen assessments first (checked), then the search results."""
        return [(a, True) for a in self.chosen.values()] + [(a, False) for a in self.candidates]

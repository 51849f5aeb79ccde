"""Forms for the public catalogue pages and the reports page."""

import uuid
from typing import Any

from django import forms
from django.conf import settings
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from assessments.access import assessment_visibility_filter
from assessments.catalogue import CatalogueFilters, profile_filter_options
from assessments.models import Assessment, AssessmentStatus, PlatformStatus
from assessments.reports.data import catalogue_assessments
from framework.models import Segment, SkillLevel, WorkMode, WorkType
from inclusief.caching import framework_data

ANY = [("", _("Alle"))]


class PlatformFilterForm(forms.Form):
    """The catalogue's GET form: a search box and filters. Unknown values are ignored."""

    q = forms.CharField(
        label=_("Zoeken"),
        required=False,
        max_length=200,
        widget=forms.SearchInput(attrs={"class": "form-control", "aria-describedby": "zoek-hulp"}),
    )
    segment = forms.ChoiceField(label=_("Sector"), required=False)
    mode = forms.ChoiceField(
        label=_("Fysiek of online"), required=False, choices=ANY + WorkMode.choices
    )
    skill_level = forms.ChoiceField(
        label=_("Skills-niveau"), required=False, choices=ANY + SkillLevel.choices
    )
    organisation_model = forms.ChoiceField(label=_("Organisatiemodel"), required=False)
    employment_relation = forms.ChoiceField(label=_("Arbeidsrelatie"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=ANY + PlatformStatus.choices
    )
    work_type = forms.ChoiceField(label=_("Werksoort"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Reference data from the in-process cache; labels per request (language).
        segments = framework_data(
            "filter:segments", lambda: list(Segment.objects.order_by("order", "code"))
        )
        work_types = framework_data(
            "filter:work_types", lambda: list(WorkType.objects.order_by("order", "code"))
        )
        self.fields["segment"].choices = ANY + [(s.code, s.name) for s in segments]
        self.fields["work_type"].choices = ANY + [(w.code, w.name) for w in work_types]
        for name, field in self.fields.items():
            if name != "q":
                field.widget.attrs["class"] = "form-select"
        for key in ("organisation_model", "employment_relation"):
            options = framework_data(
                f"filter:{key}", lambda key=key: list(profile_filter_options(key))
            )
            self.fields[key].choices = ANY + [(option.code, option.label) for option in options]

    def filter_selects(self) -> list[tuple[forms.BoundField, str]]:
        """Each filter's label field and its <select>, built in Python: Django's select
        widget renders a template per option, which was most of the catalogue page's time."""
        selects = []
        for name in self.fields:
            if name == "q":
                continue
            bound = self[name]
            current = str(bound.value() or "")
            options = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (value, " selected" if str(value) == current else "", label)
                    for value, label in bound.field.choices
                ),
            )
            selects.append(
                (
                    bound,
                    format_html(
                        '<select name="{}" id="{}" class="form-select">{}</select>',
                        bound.html_name,
                        bound.id_for_label,
                        options,
                    ),
                )
            )
        return selects

    def filters(self) -> CatalogueFilters:
        """The valid filter values; an invalid value (a stale link) counts as no filter."""
        self.is_valid()
        values = {
            name: self.cleaned_data.get(name, "") or ""
            for name in CatalogueFilters.__dataclass_fields__
            if name not in self.errors
        }
        return CatalogueFilters(**values)


class ReportJobForm(forms.Form):
    """Start a report over many assessments: all published ones, or a selection.

    The selection arrives as the uuids of the chosen assessments (``ReportChoiceForm`` helps
    to find them); it is checked against what the user may see in one query, never by listing
    every assessment. One report holds at most ``REPORT_MAX_ASSESSMENTS``.
    """

    ALL = "all"
    SELECTION = "selection"

    scope = forms.ChoiceField(
        label=_("Welke beoordelingen?"),
        widget=forms.RadioSelect,
        choices=[
            (ALL, _("Alle gepubliceerde beoordelingen")),
            (SELECTION, _("Alleen de beoordelingen die ik hierboven gekozen heb")),
        ],
        initial=ALL,
    )
    assessments = forms.ModelMultipleChoiceField(
        label=_("Beoordelingen"),
        queryset=None,
        to_field_name="uuid",
        widget=forms.MultipleHiddenInput,
        required=False,
    )
    language = forms.ChoiceField(label=_("Taal van het rapport"), widget=forms.RadioSelect)

    def __init__(self, *args, user, language: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["assessments"].queryset = Assessment.objects.filter(
            assessment_visibility_filter(user)
        )
        self.fields["language"].choices = settings.LANGUAGES
        self.fields["language"].initial = language

    def clean_assessments(self) -> Any:
        chosen = self.cleaned_data["assessments"]
        if len(self.data.getlist("assessments")) > settings.REPORT_MAX_ASSESSMENTS:
            raise forms.ValidationError(_too_many(len(self.data.getlist("assessments"))))
        return chosen

    def clean(self) -> dict:
        data = super().clean()
        if data.get("scope") == self.SELECTION:
            if "assessments" in self.errors:
                return data
            if not data.get("assessments"):
                self.add_error("assessments", _("Kies ten minste één beoordeling."))
            else:
                data["chosen"] = catalogue_assessments([str(a.uuid) for a in data["assessments"]])
        elif data.get("scope") == self.ALL:
            published = Assessment.objects.published().count()
            if published > settings.REPORT_MAX_ASSESSMENTS:
                self.add_error("scope", _too_many(published))
                return data
            data["chosen"] = catalogue_assessments()
            if not data["chosen"]:
                self.add_error("scope", _("Er zijn nog geen gepubliceerde beoordelingen."))
        return data


def _too_many(count: int) -> str:
    return _(
        "Een rapport kan ten hoogste %(max)d beoordelingen bevatten; dit zijn er %(n)d. "
        "Kies minder beoordelingen, bijvoorbeeld met de filters op sector of status."
    ) % {"max": settings.REPORT_MAX_ASSESSMENTS, "n": count}


class ReportChoiceForm(forms.Form):
    """Find assessments for a report: a search by platform name, sector and status, a page
    of results, and the uuids chosen so far (``kies``), all in the query string, so that the
    page works without JavaScript and without a session."""

    PAGE_SIZE = 25

    q = forms.CharField(label=_("Zoek op platformnaam"), required=False, max_length=100)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["sector"].choices = [("", _("Alle sectoren"))] + [
            (segment.code, segment.name) for segment in Segment.objects.order_by("order", "code")
        ]
        self.fields["status"].choices = [("", _("Alle statussen")), *AssessmentStatus.choices]
        for name in ("sector", "status"):
            self.fields[name].widget.attrs["class"] = "form-select"
        self.fields["q"].widget.attrs["class"] = "form-control"

    def chosen(self) -> list[Assessment]:
        """The chosen assessments the user may see, in platform order (one query)."""
        keys = []
        for key in self.data.getlist("kies")[: settings.REPORT_MAX_ASSESSMENTS + 1]:
            try:
                keys.append(uuid.UUID(str(key)))
            except ValueError:
                continue
        return list(
            Assessment.objects.filter(assessment_visibility_filter(self.user), uuid__in=keys)
            .select_related("platform")
            .order_by("platform__name", "-edition")
        )

    def candidates(self, chosen: list[Assessment]) -> Any:
        """The matching assessments the user may see and has not chosen yet (a queryset;
        the view shows one page of it)."""
        self.is_valid()
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        queryset = Assessment.objects.filter(assessment_visibility_filter(self.user)).exclude(
            pk__in=[a.pk for a in chosen]
        )
        if data.get("q"):
            queryset = queryset.filter(platform__name__icontains=data["q"].strip())
        if data.get("sector"):
            queryset = queryset.filter(platform__segments__code=data["sector"])
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        return queryset.select_related("platform").order_by("platform__name", "-edition", "pk")

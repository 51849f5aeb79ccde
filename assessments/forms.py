"""Forms for the public catalogue pages."""

from django import forms
from django.conf import settings
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from assessments.access import assessment_visibility_filter
from assessments.catalogue import CatalogueFilters, profile_filter_options
from assessments.models import Assessment, PlatformStatus
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
    """Start a report over many assessments: all published ones, or a selection."""

    ALL = "all"
    SELECTION = "selection"

    scope = forms.ChoiceField(
        label=_("Welke beoordelingen?"),
        widget=forms.RadioSelect,
        choices=[
            (ALL, _("Alle gepubliceerde beoordelingen")),
            (SELECTION, _("Alleen de beoordelingen die ik hieronder kies")),
        ],
        initial=ALL,
    )
    assessments = forms.ModelMultipleChoiceField(
        label=_("Beoordelingen"),
        queryset=None,
        to_field_name="uuid",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    language = forms.ChoiceField(label=_("Taal van het rapport"), widget=forms.RadioSelect)

    def __init__(self, *args, user, language: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["assessments"].queryset = (
            Assessment.objects.filter(assessment_visibility_filter(user))
            .select_related("platform")
            .order_by("platform__name", "-edition")
        )
        self.fields["assessments"].label_from_instance = lambda a: (
            f"{a.platform.name} ({_('versie')} {a.edition}, {a.get_status_display()})"
        )
        self.fields["language"].choices = settings.LANGUAGES
        self.fields["language"].initial = language

    def clean(self) -> dict:
        data = super().clean()
        if data.get("scope") == self.SELECTION:
            if not data.get("assessments"):
                self.add_error("assessments", _("Kies ten minste één beoordeling."))
            else:
                data["chosen"] = catalogue_assessments([str(a.uuid) for a in data["assessments"]])
        elif data.get("scope") == self.ALL:
            data["chosen"] = catalogue_assessments()
            if not data["chosen"]:
                self.add_error("scope", _("Er zijn nog geen gepubliceerde beoordelingen."))
        return data

"""Admin for curating the catalogue: searchable lists, sources inline, history, import/export."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.forms import ImportForm
from simple_history.admin import SimpleHistoryAdmin

from assessments.catalogue import platform_derive_work_flags, profile_filter_options
from assessments.models import (
    MODE_FIELDS,
    SKILL_LEVEL_FIELDS,
    Platform,
    PlatformSource,
    ProfileAnswer,
)
from assessments.resources import (
    MAX_SOURCES,
    ImportRefused,
    LimitedCSV,
    LimitedXLSX,
    PlatformResource,
    check_size,
)
from framework.models import Option, SkillLevel, WorkMode

# Addresses typed without a scheme get https:// (Django 6's default, chosen now).
URL_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}


class ProfileOptionFilter(admin.SimpleListFilter):
    """Filter platforms on the options chosen in their profile for one framework question."""

    key = ""

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(option.code, option.label) for option in profile_filter_options(self.key)]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if not self.value():
            return queryset
        return queryset.filter(pk__in=Platform.objects.with_answer(self.value()).values("pk"))


class OrganisationModelFilter(ProfileOptionFilter):
    title = _("organisatiemodel")
    parameter_name = "organisatiemodel"
    key = "organisation_model"


class EmploymentRelationFilter(ProfileOptionFilter):
    title = _("arbeidsrelatie")
    parameter_name = "arbeidsrelatie"
    key = "employment_relation"


class ModeFilter(admin.SimpleListFilter):
    title = _("fysiek of online")
    parameter_name = "werkvorm"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(code, str(label)) for code, label in WorkMode.choices]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() in MODE_FIELDS:
            return queryset.with_mode(self.value())
        return queryset


class SkillLevelFilter(admin.SimpleListFilter):
    title = _("skills-niveau")
    parameter_name = "niveau"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(code, str(label)) for code, label in SkillLevel.choices]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() in SKILL_LEVEL_FIELDS:
            return queryset.with_skill_level(self.value())
        return queryset


# Check boxes instead of Django's two-pane "filter_horizontal" widget: that widget's script
# puts aria-label on bare spans (prohibited ARIA, flagged by axe), and check boxes work
# without JavaScript and by keyboard as they are.
CHECKBOXES = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}


def _https_urls(field: models.Field, **kwargs: Any) -> forms.Field | None:
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class ProfileAnswerForm(forms.ModelForm):
    """Offers only the options of the answer's own question (all of them for a new answer)."""

    class Meta:
        model = ProfileAnswer
        formfield_callback = _https_urls
        fields = [
            "platform",
            "question",
            "unknown",
            "options",
            "note",
            "source_url",
            "source_title",
            "consulted_on",
        ]
        widgets = {"options": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        question_id = self.instance.question_id or self.initial.get("question")
        if question_id and "options" in self.fields:
            self.fields["options"].queryset = Option.objects.filter(
                question_id=question_id
            ).order_by("order", "code")


class ProfileAnswerInline(admin.StackedInline):
    formfield_overrides = URL_OVERRIDES
    form = ProfileAnswerForm
    model = ProfileAnswer
    extra = 0
    fields = [
        "question",
        "unknown",
        "options",
        "note",
        ("source_url", "source_title", "consulted_on"),
    ]


class PlatformSourceInline(admin.StackedInline):
    # Stacked, not tabular: a table's column headers are no labels for its inputs (axe).
    formfield_overrides = URL_OVERRIDES
    model = PlatformSource
    extra = 0
    fields = ["url", "title", "consulted_on", "note"]
    # As many as the spreadsheet has columns for, so an export holds every source.
    max_num = MAX_SOURCES


class CatalogueImportForm(ImportForm):
    """The import form refuses a file over the size limit before it is stored or read."""

    def clean_import_file(self) -> Any:
        import_file = self.cleaned_data["import_file"]
        try:
            check_size(import_file.size)
        except ImportRefused as exc:
            raise ValidationError(str(exc), code="too_large") from None
        return import_file


@admin.register(Platform)
class PlatformAdmin(ImportExportMixin, SimpleHistoryAdmin):
    formfield_overrides = {**URL_OVERRIDES, **CHECKBOXES}
    resource_classes = [PlatformResource]
    formats = [LimitedCSV, LimitedXLSX]
    import_form_class = CatalogueImportForm
    export_template_name = "admin/assessments/platform_export.html"
    # The message only: a traceback tells a curator nothing.
    import_error_display = ("message",)
    list_display = ["name", "status", "status_date", "sector_list", "mode_list", "website"]
    list_filter = [
        "segments",
        ModeFilter,
        SkillLevelFilter,
        OrganisationModelFilter,
        EmploymentRelationFilter,
        "status",
    ]
    search_fields = ["name", "description", "website", "segments__name_nl", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PlatformSourceInline, ProfileAnswerInline]
    history_list_display = ["status"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "website", "description"]}),
        (_("Status"), {"fields": ["status", "status_date", "status_note"]}),
        (
            _("Soort werk"),
            {
                "fields": ["segments", "work_types", "mode_list", "skill_level_list"],
                "description": _(
                    "Fysiek of online en het skills-niveau volgen uit de profielantwoorden "
                    "op de vragen 'Waar wordt het werk gedaan?' en 'Welk skills-niveau vragen "
                    "de klussen?' hieronder, met hun bron."
                ),
            },
        ),
    ]
    readonly_fields = ["mode_list", "skill_level_list"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).prefetch_related("segments")

    @admin.display(description=_("sectoren"))
    def sector_list(self, platform: Platform) -> str:
        return ", ".join(segment.name_nl for segment in platform.segments.all()) or "–"

    @admin.display(description=_("fysiek of online"))
    def mode_list(self, platform: Platform) -> str:
        return ", ".join(platform.mode_labels()) or "–"

    @admin.display(description=_("skills-niveau"))
    def skill_level_list(self, platform: Platform) -> str:
        return ", ".join(platform.skill_level_labels()) or "–"

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # The profile answers (inline) are the source; the flags follow them.
        platform_derive_work_flags(platform_ids=[form.instance.pk])

    def add_data_read_fail_error_to_form(self, form: Any, e: Exception) -> None:
        if isinstance(e, ImportRefused):
            form.add_error("import_file", str(e))
        else:
            form.add_error(
                "import_file",
                gettext(
                    "Het bestand kon niet worden gelezen. Kies het juiste formaat (CSV of "
                    "XLSX) en sla een CSV-bestand op als UTF-8."
                ),
            )

    def get_import_data_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        kwargs = super().get_import_data_kwargs(**kwargs)
        kwargs["rollback_on_validation_errors"] = True
        return kwargs

    def process_result(self, result: Any, request: HttpRequest) -> HttpResponse:
        # The resource rolled everything back; say so instead of reporting a success.
        if result.has_errors() or result.has_validation_errors():
            messages.error(
                request,
                gettext(
                    "Er is niets geïmporteerd: het bestand bevat fouten. Herstel ze en "
                    "importeer het bestand opnieuw."
                ),
            )
            return HttpResponseRedirect(reverse("admin:assessments_platform_import"))
        return super().process_result(result, request)


@admin.register(ProfileAnswer)
class ProfileAnswerAdmin(SimpleHistoryAdmin):
    formfield_overrides = URL_OVERRIDES
    list_display = ["platform", "question", "unknown", "source_url", "consulted_on"]
    list_filter = ["unknown", "question__characteristic"]
    search_fields = ["platform__name", "question__code", "note", "source_url", "source_title"]
    autocomplete_fields = ["platform"]
    form = ProfileAnswerForm
    list_select_related = ["platform", "question"]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        platform_derive_work_flags(platform_ids=[form.instance.platform_id])

    def delete_model(self, request: HttpRequest, obj: ProfileAnswer) -> None:
        super().delete_model(request, obj)
        platform_derive_work_flags(platform_ids=[obj.platform_id])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        platform_ids = list(queryset.values_list("platform_id", flat=True).distinct())
        super().delete_queryset(request, queryset)
        platform_derive_work_flags(platform_ids=platform_ids)

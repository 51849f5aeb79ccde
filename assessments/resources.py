"""CSV/XLSX import and export of the catalogue (django-import-export).

Columns: slug, name, website, description, status, status_date, sectors, work_types, modes,
skill_levels. List columns hold codes or names separated by ``;``. A row with a known slug
updates that platform; any other row adds one. The slug column may stay empty for new rows.

An import is all-or-nothing: every row is checked (address, sector, work type, duplicates in
the file and against the database), and one bad row rolls the whole file back, so a
corrected file can simply be imported again.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import slugify
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from assessments.models import MODE_FIELDS, SKILL_LEVEL_FIELDS, Platform, PlatformStatus
from framework.models import Segment, SkillLevel, WorkMode, WorkType
from inclusief.spreadsheets import looks_like_formula, neutralise

LIST_SEPARATOR = ";"

# The columns an import understands, in the order an export writes them.
COLUMNS = [
    "slug",
    "name",
    "website",
    "description",
    "status",
    "status_date",
    "sectors",
    "work_types",
    "modes",
    "skill_levels",
]

# Free-text columns that must not look like a spreadsheet formula on import.
TEXT_COLUMNS = ("name", "website", "description", "slug")


def split_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [part.strip() for part in str(value).split(LIST_SEPARATOR) if part.strip()]


def _lookup(values: list[str], choices: dict[str, Any]) -> tuple[list[Any], list[str]]:
    """Match each value against codes and names (case-insensitive): (found, unknown)."""
    found, unknown = [], []
    for value in values:
        match = choices.get(value.casefold())
        if match is None:
            unknown.append(value)
        elif match not in found:
            found.append(match)
    return found, unknown


def _choice_index(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    return {str(key).casefold(): value for key, value in pairs}


def normalise_website(value: str) -> str:
    return value.strip().rstrip("/").casefold()


class PlatformResource(resources.ModelResource):
    slug = fields.Field(attribute="slug", column_name="slug")
    name = fields.Field(attribute="name", column_name="name")
    website = fields.Field(attribute="website", column_name="website")
    description = fields.Field(attribute="description", column_name="description")
    status = fields.Field(attribute="status", column_name="status")
    status_date = fields.Field(
        attribute="status_date", column_name="status_date", widget=widgets.DateWidget("%Y-%m-%d")
    )
    # List columns are read in import_instance() (they need checks across models) and
    # written by the dehydrate_* methods below.
    sectors = fields.Field(column_name="sectors", readonly=True)
    work_types = fields.Field(column_name="work_types", readonly=True)
    modes = fields.Field(column_name="modes", readonly=True)
    skill_levels = fields.Field(column_name="skill_levels", readonly=True)

    class Meta:
        model = Platform
        fields = COLUMNS
        export_order = COLUMNS
        import_id_fields = ["slug"]
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = False
        report_skipped = True

    # -- export -------------------------------------------------------------------------

    def get_export_queryset(self, request: Any = None) -> Any:  # pragma: no cover - admin
        return Platform.objects.prefetch_related("segments", "work_types").order_by("name")

    def export_field(self, field: Any, instance: Any, **kwargs: Any) -> Any:
        # Every cell, CSV or XLSX: a name like =cmd|' /C calc'!A0 is written as text.
        return neutralise(super().export_field(field, instance, **kwargs))

    def dehydrate_sectors(self, platform: Platform) -> str:
        return LIST_SEPARATOR.join(segment.code for segment in platform.segments.all())

    def dehydrate_work_types(self, platform: Platform) -> str:
        return LIST_SEPARATOR.join(work_type.code for work_type in platform.work_types.all())

    def dehydrate_modes(self, platform: Platform) -> str:
        return LIST_SEPARATOR.join(platform.modes)

    def dehydrate_skill_levels(self, platform: Platform) -> str:
        return LIST_SEPARATOR.join(platform.skill_levels)

    # -- import -------------------------------------------------------------------------

    def import_data(self, dataset: Any, *args: Any, **kwargs: Any) -> Any:
        # All-or-nothing: a row that fails validation rolls back the whole file, not only
        # rows that raise. Transactions are always on, also when a caller forgets them.
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, *args, **kwargs)

    def before_import(self, dataset: Any, **kwargs: Any) -> None:
        self._segments = _choice_index(
            [(s.code, s) for s in Segment.objects.all()]
            + [(s.name_nl, s) for s in Segment.objects.all()]
            + [(s.name_en, s) for s in Segment.objects.exclude(name_en="")]
        )
        self._work_types = _choice_index(
            [(w.code, w) for w in WorkType.objects.all()]
            + [(w.name_nl, w) for w in WorkType.objects.all()]
        )
        self._modes = _choice_index(
            [(code, code) for code in WorkMode.values]
            + [(str(label), code) for code, label in WorkMode.choices]
            + [("physical", WorkMode.PHYSICAL)]
        )
        self._skill_levels = _choice_index(
            [(code, code) for code in SkillLevel.values]
            + [(str(label), code) for code, label in SkillLevel.choices]
        )
        self._statuses = _choice_index(
            [(code, code) for code in PlatformStatus.values]
            + [(str(label), code) for code, label in PlatformStatus.choices]
        )
        # Rows per name and per website, to name duplicates within the file.
        headers = dataset.headers or []
        self._rows_by_name: dict[str, list[int]] = defaultdict(list)
        self._rows_by_website: dict[str, list[int]] = defaultdict(list)
        for number, values in enumerate(dataset, 1):
            row = dict(zip(headers, values, strict=False))
            name = str(row.get("name") or "").strip().casefold()
            website = normalise_website(str(row.get("website") or ""))
            if name:
                self._rows_by_name[name].append(number)
            if website:
                self._rows_by_website[website].append(number)
        self._pending: dict[int, dict[str, list[Any]]] = {}

    def import_instance(self, instance: Platform, row: dict[str, Any], **kwargs: Any) -> None:
        errors: dict[str, list[ValidationError]] = {}

        def add(field: str, message: str) -> None:
            errors.setdefault(field, []).append(ValidationError(message, code="invalid"))

        raw_status = str(row.get("status") or "").strip()
        if raw_status:
            status = self._statuses.get(raw_status.casefold())
            if status is None:
                add(
                    "status",
                    _("Onbekende status '%(value)s'. Kies uit: active, stopped, bankrupt.")
                    % {"value": raw_status},
                )
            row = {**row, "status": status or raw_status}
        else:
            row = {**row, "status": PlatformStatus.ACTIVE}
        row["name"] = str(row.get("name") or "").strip()
        row["website"] = str(row.get("website") or "").strip()
        row["description"] = str(row.get("description") or "").strip()
        row["slug"] = str(row.get("slug") or "").strip()
        for column in TEXT_COLUMNS:
            if looks_like_formula(row[column]):
                add(
                    column,
                    _(
                        "De waarde '%(value)s' in kolom %(column)s begint met =, +, -, @ of een "
                        "tab en zou in een spreadsheet een formule worden. Haal dat teken weg."
                    )
                    % {"value": row[column][:50], "column": column},
                )

        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                for message in messages:
                    add(field, message)
        if "status_date" in errors:
            errors["status_date"] = [
                ValidationError(
                    _("Ongeldige datum '%(value)s'. Schrijf de datum als JJJJ-MM-DD.")
                    % {"value": row.get("status_date")},
                    code="invalid",
                )
            ]

        number = kwargs.get("row_number", 0)
        name_key = instance.name.casefold()
        if not instance.name:
            add("name", _("De naam ontbreekt."))
        else:
            if not instance.slug:
                instance.slug = self._free_slug(instance)
            rows = self._rows_by_name.get(name_key, [])
            if len(rows) > 1 and rows[0] != number:
                add(
                    "name",
                    _("De naam '%(name)s' staat al in regel %(row)s van dit bestand.")
                    % {"name": instance.name, "row": rows[0]},
                )
            elif (
                Platform.objects.filter(name__iexact=instance.name).exclude(pk=instance.pk).exists()
            ):
                add(
                    "name",
                    _("Er bestaat al een platform met de naam '%(name)s'.")
                    % {"name": instance.name},
                )

        if instance.website:
            try:
                URLValidator(schemes=["http", "https"])(instance.website)
            except ValidationError:
                add(
                    "website",
                    _(
                        "Ongeldig webadres '%(value)s'. Een adres begint met https:// of "
                        "http://, bijvoorbeeld https://www.voorbeeld.nl."
                    )
                    % {"value": instance.website},
                )
            else:
                website_key = normalise_website(instance.website)
                rows = self._rows_by_website.get(website_key, [])
                if len(rows) > 1 and rows[0] != number:
                    add(
                        "website",
                        _("Het webadres '%(value)s' staat al in regel %(row)s van dit bestand.")
                        % {"value": instance.website, "row": rows[0]},
                    )
                else:
                    clash = (
                        Platform.objects.exclude(pk=instance.pk)
                        .filter(website__iexact=instance.website.strip())
                        .first()
                    )
                    if clash is None:
                        clash = next(
                            (
                                other
                                for other in Platform.objects.exclude(pk=instance.pk)
                                .exclude(website="")
                                .only("name", "website")
                                if normalise_website(other.website) == website_key
                            ),
                            None,
                        )
                    if clash is not None:
                        add(
                            "website",
                            _("Het webadres '%(value)s' hoort al bij platform '%(name)s'.")
                            % {"value": instance.website, "name": clash.name},
                        )

        segments, unknown = _lookup(split_list(row.get("sectors")), self._segments)
        if unknown:
            add(
                "segments",
                _("Onbekende sector: %(values)s. Gebruik de code of naam van een sector.")
                % {"values": ", ".join(f"'{value}'" for value in unknown)},
            )
        work_types, unknown = _lookup(split_list(row.get("work_types")), self._work_types)
        if unknown:
            add(
                "work_types",
                _("Onbekende werksoort: %(values)s.")
                % {"values": ", ".join(f"'{value}'" for value in unknown)},
            )
        modes, unknown = _lookup(split_list(row.get("modes")), self._modes)
        if unknown:
            add(
                "physical",
                _("Onbekende waarde voor fysiek/online: %(values)s. Gebruik fysiek of online.")
                % {"values": ", ".join(f"'{value}'" for value in unknown)},
            )
        levels, unknown = _lookup(split_list(row.get("skill_levels")), self._skill_levels)
        if unknown:
            add(
                "skill_lower",
                _("Onbekend skills-niveau: %(values)s. Gebruik lager, middelbaar of hoger.")
                % {"values": ", ".join(f"'{value}'" for value in unknown)},
            )
        for mode, field in MODE_FIELDS.items():
            setattr(instance, field, mode in modes)
        for level, field in SKILL_LEVEL_FIELDS.items():
            setattr(instance, field, level in levels)
        self._pending[id(instance)] = {"segments": segments, "work_types": work_types}
        if errors:
            raise ValidationError(errors)

    def validate_instance(
        self,
        instance: Platform,
        import_validation_errors: dict | None = None,
        validate_unique: bool = True,
    ) -> None:
        # Names and websites were checked above with clearer messages than the generic
        # constraint errors; full_clean still checks every other field.
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(
                exclude=[*errors.keys(), "name", "website"], validate_constraints=False
            )
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def save_m2m(self, instance: Platform, row: dict[str, Any], **kwargs: Any) -> None:
        pending = self._pending.pop(id(instance), None)
        if pending is None:
            return
        instance.segments.set(pending["segments"])
        instance.work_types.set(pending["work_types"])

    def _free_slug(self, instance: Platform) -> str:
        base = slugify(instance.name)[:110] or "platform"
        slug, counter = base, 2
        while Platform.objects.filter(slug=slug).exclude(pk=instance.pk).exists():
            slug = f"{base}-{counter}"
            counter += 1
        return slug

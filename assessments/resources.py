"""CSV/XLSX import and export of the catalogue (django-import-export).

Columns (``COLUMNS``): slug, name, website, description, status, status_date, status_note,
sectors, work_types, modes, modes_source, skill_levels, skill_levels_source, then the
platform's general sources in numbered groups ``source_1_url``, ``source_1_title``,
``source_1_consulted_on``, ``source_1_note`` … up to ``MAX_SOURCES``. List columns hold codes
or names separated by ``;``. A row with a known slug updates that platform; any other row adds
one. The slug column may stay empty for new rows. A column that is left out of the file leaves
that value alone; an empty cell in a column that is there clears it.

Modes and skill levels are the platform's profile answers to werkvorm and skills (the one
source of truth, see ``assessments.catalogue``); ``modes_source`` and ``skill_levels_source``
hold their source (an address or a title). An export read back in changes nothing.

An import is all-or-nothing: every row is checked (address, sector, work type, duplicates in
the file and against the database, values that look like spreadsheet formulas), and one bad
row rolls the whole file back, so a corrected file can simply be imported again. Messages name
the file's own line numbers (the header is line 1). Files are refused at once, before any row
is read, when they exceed the limits on bytes, rows or columns (``check_*`` below), so a
small but sparse spreadsheet cannot keep a worker busy.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections import defaultdict
from typing import Any

import tablib
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from import_export import fields, resources, widgets
from import_export.formats.base_formats import CSV, XLSX
from import_export.instance_loaders import CachedInstanceLoader
from import_export.results import RowResult
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from assessments.catalogue import (
    MODE_OPTIONS,
    SKILL_LEVEL_OPTIONS,
    SKILL_LEVEL_QUESTION,
    WORK_MODE_QUESTION,
    work_flags_from_options,
)
from assessments.models import Platform, PlatformSource, PlatformStatus, ProfileAnswer
from framework.models import Option, Question, Segment, SkillLevel, WorkMode, WorkType
from inclusief.spreadsheets import looks_like_formula, neutralise

LIST_SEPARATOR = ";"
MAX_SOURCES = 10
SOURCE_PARTS = ("url", "title", "consulted_on", "note")

BASE_COLUMNS = [
    "slug",
    "name",
    "website",
    "description",
    "status",
    "status_date",
    "status_note",
    "sectors",
    "work_types",
    "modes",
    "modes_source",
    "skill_levels",
    "skill_levels_source",
]


def source_column(number: int, part: str) -> str:
    return f"source_{number}_{part}"


SOURCE_COLUMNS = [
    source_column(number, part) for number in range(1, MAX_SOURCES + 1) for part in SOURCE_PARTS
]
# The columns an import understands, in the order an export writes them.
COLUMNS = BASE_COLUMNS + SOURCE_COLUMNS
REQUIRED_COLUMNS = ["name"]
# What the import preview shows per row: the values as they will be stored.
PREVIEW_COLUMNS = [*BASE_COLUMNS, "sources"]

WORK_QUESTIONS = {
    "modes": (WORK_MODE_QUESTION, MODE_OPTIONS),
    "skill_levels": (SKILL_LEVEL_QUESTION, SKILL_LEVEL_OPTIONS),
}


# --- limits --------------------------------------------------------------------------------


class ImportRefused(ValueError):
    """The file as a whole cannot be imported; the message is for the user (Dutch)."""


def import_limits() -> tuple[int, int, int]:
    """(bytes, rows, columns) a catalogue file may have; settings may lower or raise them."""
    return (
        getattr(settings, "CATALOGUE_IMPORT_MAX_BYTES", 5 * 1024 * 1024),
        getattr(settings, "CATALOGUE_IMPORT_MAX_ROWS", 10_000),
        getattr(settings, "CATALOGUE_IMPORT_MAX_COLUMNS", len(COLUMNS) + 10),
    )


def check_size(size: int) -> None:
    max_bytes, _rows, _columns = import_limits()
    if size > max_bytes:
        raise ImportRefused(
            _(
                "Het bestand is %(size)s groot; het mag hoogstens %(limit)s zijn. Splits het "
                "in kleinere bestanden."
            )
            % {"size": _megabytes(size), "limit": _megabytes(max_bytes)}
        )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def check_shape(rows: int | None, columns: int | None) -> None:
    """Refuse a sheet with more data rows or columns than allowed (header not counted)."""
    _bytes, max_rows, max_columns = import_limits()
    if rows is not None and rows > max_rows:
        raise ImportRefused(
            _(
                "Het bestand heeft meer dan %(limit)s rijen met platforms (tot regel "
                "%(line)s); importeer hoogstens %(limit)s rijen per keer. Lege rijen onder de "
                "gegevens tellen ook mee: verwijder ze."
            )
            % {"limit": max_rows, "line": rows + 1}
        )
    if columns is not None and columns > max_columns:
        raise ImportRefused(
            _(
                "Het bestand heeft %(count)s kolommen; het mag er hoogstens %(limit)s hebben. "
                "Lege kolommen naast de gegevens tellen ook mee: verwijder ze."
            )
            % {"count": columns, "limit": max_columns}
        )


def check_headers(headers: list[Any]) -> None:
    """A missing required column is named in Dutch, instead of failing later on every row."""
    present = {str(header or "").strip() for header in headers}
    missing = [column for column in REQUIRED_COLUMNS if column not in present]
    if missing:
        raise ImportRefused(
            ngettext(
                "De kolom %(columns)s ontbreekt. De eerste regel van het bestand moet de "
                "kolomnamen bevatten, zoals in een export: %(example)s.",
                "De kolommen %(columns)s ontbreken. De eerste regel van het bestand moet de "
                "kolomnamen bevatten, zoals in een export: %(example)s.",
                len(missing),
            )
            % {
                "columns": ", ".join(f"'{column}'" for column in missing),
                "example": ", ".join(BASE_COLUMNS[:4]) + ", …",
            }
        )


def _dataset(headers: list[Any], rows: list[list[Any]]) -> tablib.Dataset:
    headers = [str(header or "").strip() for header in headers]
    check_headers(headers)
    width = len(headers)
    dataset = tablib.Dataset(headers=headers)
    # Blank rows at the end of a sheet are left out; blank rows in between stay (and are
    # skipped), so every row keeps its line number.
    while rows and all(value in (None, "") for value in rows[-1]):
        rows.pop()
    for number, row in enumerate(rows, 2):
        row = list(row)
        if len(row) > width:
            if any(value not in (None, "") for value in row[width:]):
                raise ImportRefused(
                    _("Regel %(line)s heeft meer cellen dan er kolomnamen zijn.") % {"line": number}
                )
            row = row[:width]
        dataset.append(row + [""] * (width - len(row)))
    return dataset


class LimitedCSV(CSV):
    """CSV that refuses an oversized file before parsing it, and names its lines."""

    def create_dataset(self, in_stream: Any) -> tablib.Dataset:
        if isinstance(in_stream, bytes):
            check_size(len(in_stream))
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        else:
            check_size(len(in_stream.encode("utf-8")))
        _bytes, max_rows, max_columns = import_limits()
        reader = csv.reader(io.StringIO(in_stream.lstrip("\ufeff")))
        headers = next(reader, [])
        check_shape(None, len(headers))
        rows: list[list[Any]] = []
        for row in reader:
            if len(rows) >= max_rows:
                check_shape(len(rows) + 1, None)
            check_shape(None, len(row))
            rows.append(row)
        return _dataset(headers, rows)


class LimitedXLSX(XLSX):
    """XLSX read with openpyxl in read-only mode, refused on its declared size first.

    A spreadsheet declares its used range (the sheet's dimension); a sheet that says it runs
    to row 20,000 or column XFD is refused before a single row is read. Rows are then read
    with a hard stop, so a sheet whose dimension lies is refused as soon as it passes a limit.
    """

    def create_dataset(self, in_stream: bytes) -> tablib.Dataset:
        # openpyxl is imported here: only an XLSX import needs it.
        import openpyxl  # noqa: PLC0415
        from openpyxl.utils.exceptions import InvalidFileException  # noqa: PLC0415

        check_size(len(in_stream))
        _bytes, max_rows, max_columns = import_limits()
        try:
            book = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=True)
        except (InvalidFileException, KeyError, OSError, ValueError) as exc:
            raise ImportRefused(
                _("Dit is geen leesbaar XLSX-bestand. Sla het op als Excel-werkmap (.xlsx).")
            ) from exc
        try:
            sheet = book.active
            # From the dimension tag: None when the file does not declare it.
            check_shape(
                sheet.max_row - 1 if sheet.max_row else None,
                sheet.max_column,
            )
            rows: list[list[Any]] = []
            headers: list[Any] = []
            for index, values in enumerate(
                sheet.iter_rows(values_only=True, max_col=max_columns + 1)
            ):
                if index == 0:
                    headers = list(values)
                    while headers and headers[-1] in (None, ""):
                        headers.pop()
                    check_shape(None, len(headers))
                    continue
                if index > max_rows:
                    check_shape(index, None)
                rows.append([_cell(value) for value in values])
        finally:
            book.close()
        return _dataset(headers, rows)


def _cell(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return value.date() if value.time() == datetime.time() else value
    return "" if value is None else value


# --- helpers -------------------------------------------------------------------------------


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


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _unneutralise(value: str) -> str:
    """Our export writes formula-like text with a leading apostrophe; read it back as it was."""
    if value.startswith("'") and looks_like_formula(value[1:]):
        return value[1:]
    return value


_url = URLValidator(schemes=["http", "https"])


def _is_url(value: str) -> bool:
    try:
        _url(value)
    except ValidationError:
        return False
    return True


def _answer_source(answer: ProfileAnswer | None) -> str:
    if answer is None:
        return ""
    return answer.source_url or answer.source_title


def with_row_relations(queryset: Any) -> Any:
    """Platforms with everything a spreadsheet row shows, in a fixed number of queries."""
    return queryset.prefetch_related(
        "segments",
        "work_types",
        Prefetch("sources", queryset=PlatformSource.objects.order_by("pk")),
        Prefetch(
            "profile_answers",
            queryset=ProfileAnswer.objects.filter(
                question__code__in=[WORK_MODE_QUESTION, SKILL_LEVEL_QUESTION]
            )
            .select_related("question")
            .prefetch_related("options"),
            to_attr="work_answers",
        ),
    )


def _work_answers(platform: Platform) -> list[ProfileAnswer]:
    if not platform.pk:
        return []
    if not hasattr(platform, "work_answers"):
        platform.work_answers = list(
            platform.profile_answers.filter(
                question__code__in=[WORK_MODE_QUESTION, SKILL_LEVEL_QUESTION]
            )
            .select_related("question")
            .prefetch_related("options")
        )
    return platform.work_answers


def platform_row(platform: Platform) -> dict[str, str]:
    """One platform as a spreadsheet row (values as stored), from the prefetched relations."""
    answers = {answer.question.code: answer for answer in _work_answers(platform)}
    saved = platform.pk is not None
    row = {
        "slug": platform.slug,
        "name": platform.name,
        "website": platform.website,
        "description": platform.description,
        "status": platform.status,
        "status_date": platform.status_date.isoformat() if platform.status_date else "",
        "status_note": platform.status_note,
        "sectors": (
            LIST_SEPARATOR.join(sorted(s.code for s in platform.segments.all())) if saved else ""
        ),
        "work_types": (
            LIST_SEPARATOR.join(sorted(w.code for w in platform.work_types.all())) if saved else ""
        ),
    }
    for column, (question, options) in WORK_QUESTIONS.items():
        answer = answers.get(question)
        chosen = (
            set()
            if answer is None or answer.unknown
            else {option.code for option in answer.options.all()}
        )
        row[column] = LIST_SEPARATOR.join(
            value for value, code in options.items() if code in chosen
        )
        row[f"{column}_source"] = _answer_source(answer)
    sources = list(platform.sources.all()) if saved else []
    for number in range(1, MAX_SOURCES + 1):
        source = sources[number - 1] if number <= len(sources) else None
        row[source_column(number, "url")] = source.url if source else ""
        row[source_column(number, "title")] = source.title if source else ""
        row[source_column(number, "consulted_on")] = (
            source.consulted_on.isoformat() if source and source.consulted_on else ""
        )
        row[source_column(number, "note")] = source.note if source else ""
    return row


def _sources_summary(row: dict[str, str]) -> str:
    parts = []
    for number in range(1, MAX_SOURCES + 1):
        label = row.get(source_column(number, "url")) or row.get(source_column(number, "title"))
        if label:
            consulted = row.get(source_column(number, "consulted_on"))
            parts.append(f"{label} ({consulted})" if consulted else label)
    return "; ".join(parts)


def _preview_values(row: dict[str, str] | None) -> list[str]:
    if row is None:
        return [""] * len(PREVIEW_COLUMNS)
    return [row.get(column, "") for column in BASE_COLUMNS] + [_sources_summary(row)]


class StoredValuesDiff:
    """The import preview: each row's values as they will be stored, changes marked.

    Replaces the character diff of django-import-export, which showed nothing for sectors,
    modes and skill levels (they are not plain model fields) and cost a diff per cell.
    """

    def __init__(self, resource: PlatformResource, instance: Platform | None, new: bool) -> None:
        self.left = _preview_values(None if new else resource.stored_row(instance))
        self.right: list[str] = []
        self.new = new

    def compare_with(self, resource: PlatformResource, instance: Platform | None) -> None:
        self.right = _preview_values(resource.stored_row(instance) if instance else None)

    def as_html(self) -> list[str]:
        return [
            format_html("<ins>{}</ins>", new) if (new != old and new) else conditional_escape(new)
            for old, new in zip(self.left, self.right, strict=True)
        ]


def _source_field(number: int, part: str) -> fields.Field:
    return fields.Field(column_name=source_column(number, part), readonly=True)


class PlatformResource(resources.ModelResource):
    slug = fields.Field(attribute="slug", column_name="slug")
    name = fields.Field(attribute="name", column_name="name")
    website = fields.Field(attribute="website", column_name="website")
    description = fields.Field(attribute="description", column_name="description")
    status = fields.Field(attribute="status", column_name="status")
    status_date = fields.Field(
        attribute="status_date", column_name="status_date", widget=widgets.DateWidget("%Y-%m-%d")
    )
    status_note = fields.Field(attribute="status_note", column_name="status_note")
    # List columns and sources are read in import_instance() (they need checks across models)
    # and written from platform_row().
    sectors = fields.Field(column_name="sectors", readonly=True)
    work_types = fields.Field(column_name="work_types", readonly=True)
    modes = fields.Field(column_name="modes", readonly=True)
    modes_source = fields.Field(column_name="modes_source", readonly=True)
    skill_levels = fields.Field(column_name="skill_levels", readonly=True)
    skill_levels_source = fields.Field(column_name="skill_levels_source", readonly=True)
    # The numbered source columns, declared in the class body so the metaclass sees them
    # (forty near-identical lines otherwise).
    locals().update(
        {
            source_column(number, part): _source_field(number, part)
            for number in range(1, MAX_SOURCES + 1)
            for part in SOURCE_PARTS
        }
    )

    class Meta:
        model = Platform
        fields = COLUMNS
        export_order = COLUMNS
        import_id_fields = ["slug"]
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = True
        report_skipped = True
        # All platforms of a file are read in one query, with their relations.
        instance_loader_class = CachedInstanceLoader

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._stored: dict[int, tuple[Platform, dict[str, str]]] = {}
        self._writes: list[tuple[Platform, bool, dict[str, Any]]] = []

    # -- export -------------------------------------------------------------------------

    def get_queryset(self) -> Any:
        return with_row_relations(Platform.objects.all())

    def get_export_queryset(self, request: Any = None) -> Any:
        return with_row_relations(Platform.objects.order_by("name"))

    def stored_row(self, platform: Platform) -> dict[str, str]:
        """The platform's row as stored, computed once per platform object."""
        cached = self._stored.get(id(platform))
        if cached is None or cached[0] is not platform:
            cached = (platform, platform_row(platform))
            self._stored[id(platform)] = cached
        return cached[1]

    def export_field(self, field: fields.Field, instance: Platform, **kwargs: Any) -> Any:
        # Every cell an export writes passes through neutralise(): a name like "=1+2" must
        # not run as a formula in the spreadsheet that opens the file.
        if field.column_name in COLUMNS:
            return neutralise(self.stored_row(instance)[field.column_name])
        return neutralise(super().export_field(field, instance, **kwargs))

    def export(self, queryset: Any = None, **kwargs: Any) -> tablib.Dataset:
        if queryset is not None:
            # The admin passes its change list's queryset; replace its prefetches by what a
            # row needs (the same lookup with another queryset would be refused).
            queryset = with_row_relations(queryset.prefetch_related(None))
        try:
            return super().export(queryset, **kwargs)
        finally:
            self._stored.clear()

    # -- import -------------------------------------------------------------------------

    def get_diff_class(self) -> type:
        return StoredValuesDiff

    def get_diff_headers(self) -> list[str]:
        return PREVIEW_COLUMNS

    def import_data(self, dataset: Any, *args: Any, **kwargs: Any) -> Any:
        # All-or-nothing: a row that fails validation rolls back the whole file, not only
        # rows that raise. Transactions are always on, also when a caller forgets them.
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        try:
            result = super().import_data(dataset, *args, **kwargs)
        finally:
            self._stored.clear()
        # django-import-export counts data rows from 1; the file's line numbers count the
        # header as line 1, and that is what a user looks for in the spreadsheet.
        for invalid in result.invalid_rows:
            invalid.number += 1
        for error_row in result.error_rows:
            error_row.number += 1
            for error in error_row.errors:
                if error.number is not None:
                    error.number += 1
        return result

    def before_import(self, dataset: Any, **kwargs: Any) -> None:
        check_headers(dataset.headers or [])
        if "slug" not in dataset.headers:
            dataset.append_col([""] * len(dataset), header="slug")
        self._columns = set(dataset.headers)
        segments = list(Segment.objects.all())
        self._segments = _choice_index(
            [(s.code, s) for s in segments]
            + [(s.name_nl, s) for s in segments]
            + [(s.name_en, s) for s in segments if s.name_en]
        )
        work_types = list(WorkType.objects.all())
        self._work_types = _choice_index(
            [(w.code, w) for w in work_types] + [(w.name_nl, w) for w in work_types]
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
        self._work_questions = {
            question.code: question
            for question in Question.objects.filter(
                code__in=[WORK_MODE_QUESTION, SKILL_LEVEL_QUESTION]
            )
        }
        self._work_options = {
            option.code: option
            for option in Option.objects.filter(
                question__code__in=[WORK_MODE_QUESTION, SKILL_LEVEL_QUESTION]
            )
        }
        # What the database holds, read once: checks per row are lookups, not queries, so
        # an import's time grows linearly with its rows.
        self._db_names: dict[str, int] = {}
        self._db_websites: dict[str, tuple[int, str]] = {}
        self._db_slugs: set[str] = set()
        for pk, slug, name, website in Platform.objects.values_list(
            "pk", "slug", "name", "website"
        ):
            self._db_names[name.casefold()] = pk
            self._db_slugs.add(slug)
            if website:
                self._db_websites[normalise_website(website)] = (pk, name)
        # Lines per name and per website, to name duplicates within the file.
        headers = dataset.headers or []
        self._lines_by_name: dict[str, list[int]] = defaultdict(list)
        self._lines_by_website: dict[str, list[int]] = defaultdict(list)
        for line, values in enumerate(dataset, 2):
            row = dict(zip(headers, values, strict=False))
            name = _text(row.get("name")).casefold()
            website = normalise_website(_text(row.get("website")))
            if name:
                self._lines_by_name[name].append(line)
            if website:
                self._lines_by_website[website].append(line)
        self._new_slugs: set[str] = set()
        self._pending: dict[int, dict[str, Any]] = {}

    def import_row(self, row: dict[str, Any], instance_loader: Any, **kwargs: Any) -> Any:
        if all(_text(value) == "" for value in row.values()):
            # A blank line in the middle of a sheet: nothing to import, numbering kept.
            result = self.get_row_result_class()()
            result.import_type = RowResult.IMPORT_TYPE_SKIP
            result.diff = [""] * len(PREVIEW_COLUMNS)
            return result
        return super().import_row(row, instance_loader, **kwargs)

    def import_instance(self, instance: Platform, row: dict[str, Any], **kwargs: Any) -> None:
        errors: dict[str, list[ValidationError]] = {}
        line = kwargs.get("row_number", 0) + 1

        def add(field: str, message: str) -> None:
            errors.setdefault(field, []).append(ValidationError(message, code="invalid"))

        # Values that a spreadsheet would run as a formula are refused, never stored.
        cleaned: dict[str, Any] = {}
        for column, value in row.items():
            text = _text(value) if not isinstance(value, datetime.date) else value
            if isinstance(text, str):
                if looks_like_formula(text):
                    add(
                        column,
                        _(
                            "De waarde '%(value)s' in kolom %(column)s begint met =, +, -, @ of "
                            "een tab en zou in een spreadsheet een formule worden. Haal dat "
                            "teken weg."
                        )
                        % {"value": text[:50], "column": column},
                    )
                text = _unneutralise(text)
            cleaned[column] = text
        row = cleaned

        raw_status = row.get("status") or ""
        if "status" in self._columns:
            if raw_status:
                status = self._statuses.get(raw_status.casefold())
                if status is None:
                    add(
                        "status",
                        _("Onbekende status '%(value)s'. Kies uit: active, stopped, bankrupt.")
                        % {"value": raw_status},
                    )
                row["status"] = status or raw_status
            else:
                row["status"] = PlatformStatus.ACTIVE

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

        self._check_name_and_slug(instance, line, add)
        self._check_website(instance, line, add)
        pending: dict[str, Any] = {}
        if "sectors" in self._columns:
            segments, unknown = _lookup(split_list(row.get("sectors")), self._segments)
            if unknown:
                add(
                    "sectors",
                    _("Onbekende sector: %(values)s. Gebruik de code of naam van een sector.")
                    % {"values": ", ".join(f"'{value}'" for value in unknown)},
                )
            pending["segments"] = segments
        if "work_types" in self._columns:
            work_types, unknown = _lookup(split_list(row.get("work_types")), self._work_types)
            if unknown:
                add(
                    "work_types",
                    _("Onbekende werksoort: %(values)s.")
                    % {"values": ", ".join(f"'{value}'" for value in unknown)},
                )
            pending["work_types"] = work_types
        self._read_work_answers(instance, row, pending, add)
        self._read_sources(row, pending, add)
        self._pending[id(instance)] = pending
        if errors:
            raise ValidationError(errors)

    def _check_name_and_slug(self, instance: Platform, line: int, add: Any) -> None:
        if not instance.name:
            add("name", _("De naam ontbreekt."))
            return
        lines = self._lines_by_name.get(instance.name.casefold(), [])
        if len(lines) > 1 and lines[0] != line:
            add(
                "name",
                _("De naam '%(name)s' staat al in regel %(row)s van dit bestand.")
                % {"name": instance.name, "row": lines[0]},
            )
        elif self._db_names.get(instance.name.casefold(), instance.pk) != instance.pk:
            add(
                "name",
                _("Er bestaat al een platform met de naam '%(name)s'.") % {"name": instance.name},
            )
        if not instance.slug:
            base = slugify(instance.name)[:110] or "platform"
            slug, counter = base, 2
            while slug in self._db_slugs or slug in self._new_slugs:
                slug = f"{base}-{counter}"
                counter += 1
            instance.slug = slug
        self._new_slugs.add(instance.slug)

    def _check_website(self, instance: Platform, line: int, add: Any) -> None:
        if not instance.website:
            return
        if not _is_url(instance.website):
            add(
                "website",
                _(
                    "Ongeldig webadres '%(value)s'. Een adres begint met https:// of "
                    "http://, bijvoorbeeld https://www.voorbeeld.nl."
                )
                % {"value": instance.website},
            )
            return
        key = normalise_website(instance.website)
        lines = self._lines_by_website.get(key, [])
        if len(lines) > 1 and lines[0] != line:
            add(
                "website",
                _("Het webadres '%(value)s' staat al in regel %(row)s van dit bestand.")
                % {"value": instance.website, "row": lines[0]},
            )
            return
        clash = self._db_websites.get(key)
        if clash is not None and clash[0] != instance.pk:
            add(
                "website",
                _("Het webadres '%(value)s' hoort al bij platform '%(name)s'.")
                % {"value": instance.website, "name": clash[1]},
            )

    def _read_work_answers(
        self, instance: Platform, row: dict[str, Any], pending: dict[str, Any], add: Any
    ) -> None:
        """Modes and skill levels become the profile answers to werkvorm and skills."""
        current = {
            answer.question.code: answer
            for answer in (getattr(instance, "work_answers", None) or [])
        }
        for column, (question_code, options) in WORK_QUESTIONS.items():
            if column not in self._columns:
                continue
            choices = self._modes if column == "modes" else self._skill_levels
            values, unknown = _lookup(split_list(row.get(column)), choices)
            if unknown:
                message = (
                    _("Onbekende waarde voor fysiek/online: %(values)s. Gebruik fysiek of online.")
                    if column == "modes"
                    else _(
                        "Onbekend skills-niveau: %(values)s. Gebruik lager, middelbaar of hoger."
                    )
                )
                add(column, message % {"values": ", ".join(f"'{v}'" for v in unknown)})
                continue
            codes = {options[value] for value in values}
            answer = current.get(question_code)
            before = (
                set()
                if answer is None or answer.unknown
                else {option.code for option in answer.options.all()}
            )
            source_column_name = f"{column}_source"
            source = (
                row.get(source_column_name) or ""
                if source_column_name in self._columns
                else _answer_source(answer)
            )
            if codes == before and source == _answer_source(answer):
                continue
            if codes and question_code not in self._work_questions:
                add(column, _("Het raamwerk is nog niet geladen; laat deze kolom leeg."))
                continue
            if codes and not source:
                add(
                    source_column_name,
                    _(
                        "Geef in kolom '%(column)s' de bron (een adres of een titel) voor "
                        "'%(values)s'; zonder bron wordt het antwoord niet opgeslagen."
                    )
                    % {"column": source_column_name, "values": LIST_SEPARATOR.join(values)},
                )
                continue
            pending.setdefault("answers", {})[question_code] = (codes, source)

    def _read_sources(self, row: dict[str, Any], pending: dict[str, Any], add: Any) -> None:
        if not any(column in self._columns for column in SOURCE_COLUMNS):
            return
        sources = []
        for number in range(1, MAX_SOURCES + 1):
            values = {part: row.get(source_column(number, part)) or "" for part in SOURCE_PARTS}
            if not any(values.values()):
                continue
            url, title = values["url"], values["title"]
            if not url and not title:
                add(
                    source_column(number, "url"),
                    _("Bron %(number)s heeft een adres of een titel nodig.") % {"number": number},
                )
                continue
            if url and not _is_url(url):
                add(
                    source_column(number, "url"),
                    _("Ongeldig adres '%(value)s' bij bron %(number)s.")
                    % {"value": url, "number": number},
                )
                continue
            consulted = values["consulted_on"]
            if isinstance(consulted, str) and consulted:
                try:
                    consulted = datetime.date.fromisoformat(consulted[:10])
                except ValueError:
                    add(
                        source_column(number, "consulted_on"),
                        _(
                            "Ongeldige datum '%(value)s' bij bron %(number)s. Schrijf de datum "
                            "als JJJJ-MM-DD."
                        )
                        % {"value": consulted, "number": number},
                    )
                    continue
            for part, limit in (("url", 500), ("title", 300), ("note", 300)):
                if len(values[part]) > limit:
                    add(
                        source_column(number, part),
                        _("Bron %(number)s: hoogstens %(limit)s tekens.")
                        % {"number": number, "limit": limit},
                    )
            sources.append(
                {
                    "url": url,
                    "title": title,
                    "consulted_on": consulted or None,
                    "note": values["note"],
                }
            )
        pending["sources"] = sources

    def skip_row(
        self,
        instance: Platform,
        original: Platform | None,
        row: dict[str, Any],
        import_validation_errors: dict | None = None,
    ) -> bool:
        # Unchanged rows are marked so in the preview and are not written again.
        if import_validation_errors or original is None or not original.pk:
            return False
        planned = self._planned_row(instance)
        return planned == self.stored_row(original)

    def _planned_row(self, instance: Platform) -> dict[str, str]:
        """The row as it will be stored once this import is saved."""
        pending = self._pending.get(id(instance), {})
        row = dict(self.stored_row(instance))
        row.update(
            {
                "slug": instance.slug,
                "name": instance.name,
                "website": instance.website,
                "description": instance.description,
                "status": instance.status,
                "status_date": instance.status_date.isoformat() if instance.status_date else "",
                "status_note": instance.status_note,
            }
        )
        if "segments" in pending:
            row["sectors"] = LIST_SEPARATOR.join(sorted(s.code for s in pending["segments"]))
        if "work_types" in pending:
            row["work_types"] = LIST_SEPARATOR.join(sorted(w.code for w in pending["work_types"]))
        for column, (question_code, options) in WORK_QUESTIONS.items():
            if question_code in pending.get("answers", {}):
                codes, source = pending["answers"][question_code]
                row[column] = LIST_SEPARATOR.join(v for v, code in options.items() if code in codes)
                row[f"{column}_source"] = source
        if "sources" in pending:
            for number in range(1, MAX_SOURCES + 1):
                source = (
                    pending["sources"][number - 1] if number <= len(pending["sources"]) else None
                )
                for part in SOURCE_PARTS:
                    value = source[part] if source else ""
                    if isinstance(value, datetime.date):
                        value = value.isoformat()
                    row[source_column(number, part)] = value or ""
        return row

    def validate_instance(
        self,
        instance: Platform,
        import_validation_errors: dict | None = None,
        validate_unique: bool = True,
    ) -> None:
        # Names, slugs and websites were checked above against an index read once, with
        # clearer messages than the generic unique errors; full_clean checks the rest.
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(
                exclude=[*errors.keys(), "name", "website", "slug"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def save_instance(self, instance: Platform, is_create: bool, row: Any, **kwargs: Any) -> None:
        """Plan the write; after_import() writes all rows at once (nothing in a preview)."""
        planned = self._planned_row(instance)
        # The flags follow the profile answers this row sets (one source of truth).
        codes = {
            code
            for column, (_question, options) in WORK_QUESTIONS.items()
            for value, code in options.items()
            if value in split_list(planned[column])
        }
        for field, value in work_flags_from_options(codes).items():
            setattr(instance, field, value)
        self._stored[id(instance)] = (instance, planned)
        self._writes.append((instance, is_create, self._pending.pop(id(instance), {})))

    def save_m2m(self, instance: Platform, row: Any, **kwargs: Any) -> None:
        """Relations are written with the rows, in after_import()."""

    def after_import(self, dataset: Any, result: Any, **kwargs: Any) -> None:
        super().after_import(dataset, result, **kwargs)
        writes, self._writes = self._writes, []
        if kwargs.get("dry_run") or result.has_errors() or result.has_validation_errors():
            return
        write_rows(writes, self._work_questions, self._work_options)


PLATFORM_FIELDS = [
    "slug",
    "name",
    "website",
    "description",
    "status",
    "status_date",
    "status_note",
    "physical",
    "online",
    "skill_lower",
    "skill_middle",
    "skill_higher",
    "updated_at",
]


def write_rows(
    writes: list[tuple[Platform, bool, dict[str, Any]]],
    questions: dict[str, Question],
    options: dict[str, Option],
) -> None:
    """Write an import's planned rows in bulk: a few queries per 500 rows, not per row.

    Per row the old way cost some 45 queries (save, history, each relation and its history);
    at 5,000 rows that did not fit in a request. Platforms, sources and work answers are
    written with bulk_create_with_history / bulk_update_with_history, so the audit trail
    still shows each new version. Relations are only rewritten where they changed.
    """
    now = timezone.now()
    new = [platform for platform, created, _pending in writes if created]
    changed = [platform for platform, created, _pending in writes if not created]
    bulk_create_with_history(new, Platform, batch_size=500)
    missing = [platform for platform in new if platform.pk is None]
    if missing:  # a database that does not return keys from a bulk insert
        keys = dict(
            Platform.objects.filter(slug__in=[p.slug for p in missing]).values_list("slug", "pk")
        )
        for platform in missing:
            platform.pk = platform.id = keys[platform.slug]
    for platform in changed:
        platform.updated_at = now
    bulk_update_with_history(changed, Platform, PLATFORM_FIELDS, batch_size=500)

    for relation, attribute in (("segments", "segment_id"), ("work_types", "worktype_id")):
        through = getattr(Platform, relation).through
        rewrite: list[tuple[Platform, list[Any]]] = []
        for platform, created, pending in writes:
            if relation not in pending:
                continue
            wanted = pending[relation]
            if not created and {o.pk for o in getattr(platform, relation).all()} == {
                o.pk for o in wanted
            }:
                continue
            rewrite.append((platform, wanted))
        through.objects.filter(
            platform_id__in=[platform.pk for platform, _wanted in rewrite]
        ).delete()
        through.objects.bulk_create(
            [
                through(platform_id=platform.pk, **{attribute: item.pk})
                for platform, wanted in rewrite
                for item in wanted
            ],
            batch_size=1000,
        )

    _write_sources(writes)
    _write_work_answers(writes, questions, options)


def _write_sources(writes: list[tuple[Platform, bool, dict[str, Any]]]) -> None:
    replace = []
    for platform, created, pending in writes:
        if "sources" not in pending:
            continue
        if not created:
            current = [(s.url, s.title, s.consulted_on, s.note) for s in platform.sources.all()]
            wanted = [
                (s["url"], s["title"], s["consulted_on"], s["note"]) for s in pending["sources"]
            ]
            if current == wanted:
                continue
        replace.append((platform, created, pending["sources"]))
    old = [platform.pk for platform, created, _sources in replace if not created]
    if old:
        # One by one, so each removed source leaves its history record.
        for source in PlatformSource.objects.filter(platform_id__in=old):
            source.delete()
    bulk_create_with_history(
        [
            PlatformSource(platform=platform, **values)
            for platform, _created, sources in replace
            for values in sources
        ],
        PlatformSource,
        batch_size=500,
    )


def _write_work_answers(
    writes: list[tuple[Platform, bool, dict[str, Any]]],
    questions: dict[str, Question],
    options: dict[str, Option],
) -> None:
    through = ProfileAnswer.options.through
    create: list[tuple[ProfileAnswer, set[str]]] = []
    update: list[tuple[ProfileAnswer, set[str]]] = []
    for platform, created, pending in writes:
        if "answers" not in pending:
            continue
        existing = (
            {} if created else {answer.question.code: answer for answer in _work_answers(platform)}
        )
        for question_code, (codes, source) in pending.get("answers", {}).items():
            answer = existing.get(question_code) or ProfileAnswer(
                platform=platform, question=questions[question_code]
            )
            answer.unknown = not codes
            if _is_url(source):
                answer.source_url = source
            else:
                answer.source_url, answer.source_title = "", source
            (update if answer.pk else create).append((answer, codes))
    bulk_create_with_history([answer for answer, _codes in create], ProfileAnswer, batch_size=500)
    bulk_update_with_history(
        [answer for answer, _codes in update],
        ProfileAnswer,
        ["unknown", "source_url", "source_title"],
        batch_size=500,
    )
    if create and any(answer.pk is None for answer, _codes in create):
        keys = {
            (a.platform_id, a.question_id): a.pk
            for a in ProfileAnswer.objects.filter(
                platform_id__in={answer.platform_id for answer, _codes in create}
            )
        }
        for answer, _codes in create:
            answer.pk = answer.id = keys[(answer.platform_id, answer.question_id)]
    through.objects.filter(profileanswer_id__in=[answer.pk for answer, _codes in update]).delete()
    through.objects.bulk_create(
        [
            through(profileanswer_id=answer.pk, option_id=options[code].pk)
            for answer, codes in create + update
            for code in sorted(codes)
        ],
        batch_size=1000,
    )

"""Full downloads of the open data, written in the background and kept as files.

Each writer walks the database in chunks (``iterator(chunk_size=…)`` with prefetching per
chunk) and writes to a temporary file, which the storage API then copies in chunks: memory
stays the same however many assessments there are. CSV files come in two flavours: ``;``
with a UTF-8 byte order mark, which Dutch Excel opens correctly, and plain ``,`` without one.
Every CSV cell passes through ``inclusief.spreadsheets.neutralise``.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models import (
    COUNTING_VERDICTS,
    Answer,
    Assessment,
    Finding,
    Platform,
    ProfileAnswer,
    Verdict,
)
from framework.models import Criterion, FrameworkVersion, Statement, StatementKind
from inclusief.spreadsheets import neutralise
from inclusief.streaming import batched
from opendata.api import serializers as s
from opendata.api.views import framework_content
from opendata.models import DatasetFile
from opendata.people import co_authors_with_names

CHUNK = 50
SCHEMA_VERSION = 1
# An assessment's findings in the downloads: as on its results page, ties broken by creation.
FINDING_ORDER = ("criterion__order", "kind", "order", "pk")


@dataclass(frozen=True)
class Dataset:
    code: str
    filename: str
    title: Any
    description: Any
    media_type: str
    write: Callable[[IO[str]], int]
    delimiter: str = ""

    @property
    def format(self) -> str:
        return "JSON" if self.media_type == "application/json" else "CSV"


# --- Records -----------------------------------------------------------------------------------


def published_assessments() -> Iterator[Assessment]:
    queryset = (
        Assessment.objects.published()
        .select_related("platform", "owner__profile")
        .prefetch_related(
            co_authors_with_names(),
            Prefetch(
                "answers", Answer.objects.select_related("question").prefetch_related("options")
            ),
            Prefetch("findings", Finding.objects.order_by(*FINDING_ORDER)),
        )
        .order_by("pk")
    )
    return queryset.iterator(chunk_size=CHUNK)


def assessment_records() -> Iterator[dict[str, Any]]:
    """Each published assessment in the API's detail shape (without the edition list).

    One serializer for all records: a DRF serializer is a web of objects that point at each
    other, which only the cyclic garbage collector frees, so a new one per record would let
    memory grow with the export.
    """
    criteria = list(Criterion.objects.all())
    context: dict[str, Any] = {
        "request": None,
        "criteria": criteria,
        "criterion_codes": {c.pk: c.code for c in criteria},
        "statement_codes": dict(Statement.objects.values_list("pk", "code")),
        "editions": [],
        "counts": {},
    }
    serializer = s.AssessmentDetailSerializer(context=context)
    for assessment in published_assessments():
        counts: dict[tuple[int, int, str], int] = {}
        for f in assessment.findings.all():
            if f.counts:
                key = (assessment.pk, f.criterion_id, f.kind)
                counts[key] = counts.get(key, 0) + 1
        context["counts"] = counts
        data = serializer.to_representation(assessment)
        data.pop("editions")
        # Prefetched findings point back at their assessment: a reference cycle that only the
        # cyclic collector would free. Dropping the cache frees the chunk by reference count.
        assessment._prefetched_objects_cache.clear()
        yield data


def platform_records() -> Iterator[dict[str, Any]]:
    queryset = Platform.objects.prefetch_related(
        "segments",
        "work_types",
        "sources",
        Prefetch(
            "profile_answers",
            ProfileAnswer.objects.select_related("question").prefetch_related("options"),
        ),
        Prefetch(
            "assessments", Assessment.objects.published().order_by("-edition"), to_attr="published"
        ),
    ).order_by("slug")
    serializer = s.PlatformDetailSerializer(context={"request": None})
    for platform in queryset.iterator(chunk_size=CHUNK):
        data = serializer.to_representation(platform)
        platform._prefetched_objects_cache.clear()  # see assessment_records
        yield data


# --- Writers -----------------------------------------------------------------------------------


def _json_list(out: IO[str], key: str, records: Iterator[dict[str, Any]]) -> int:
    """``{"schema_version": 1, "licence": …, key: [ … ]}`` written one record at a time."""
    head = {
        "schema_version": SCHEMA_VERSION,
        "generated_at": timezone.now(),
        "licence": {"name": settings.OPEN_DATA_LICENCE_NAME, "url": settings.OPEN_DATA_LICENCE_URL},
    }
    out.write(json.dumps(head, cls=DjangoJSONEncoder, ensure_ascii=False)[:-1])
    out.write(f', "{key}": [\n')
    count = 0
    for record in records:
        if count:
            out.write(",\n")
        out.write(json.dumps(record, cls=DjangoJSONEncoder, ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count


def _csv(out: IO[str], delimiter: str, rows: Iterator[list[Any]]) -> int:
    if delimiter == ";":
        out.write("\ufeff")  # Dutch Excel reads UTF-8 only with the byte order mark.
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    count = -1  # the header is not a record
    for row in rows:
        writer.writerow([neutralise(_cell(value)) for value in row])
        count += 1
    return max(count, 0)


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    return value


ASSESSMENT_COLUMNS = [
    "assessment_uuid",
    "platform",
    "platform_slug",
    "edition",
    "published_at",
    "framework_version",
    "authors",
    "criterion",
    "opportunities",
    "challenges",
]


def _assessment_batches() -> Iterator[list[Assessment]]:
    """Published assessments without their answers and findings, ``CHUNK`` at a time: what the
    CSV files need (three queries per chunk: assessments, co-authors, and the caller's)."""
    queryset = (
        Assessment.objects.published()
        .select_related("platform", "owner__profile")
        .prefetch_related(co_authors_with_names())
        .order_by("pk")
    )
    return batched(queryset.iterator(chunk_size=CHUNK), CHUNK)


def assessment_rows() -> Iterator[list[Any]]:
    """Long format: one row per published assessment and criterion.

    The values are those of the JSON download (the same serializer fields), but read without
    answers and findings: the counts come from one aggregate query per chunk.
    """
    yield ASSESSMENT_COLUMNS
    criteria = list(Criterion.objects.all())
    serializer = s.AssessmentSerializer(context={"request": None})
    published_at = serializer.fields["published_at"]
    for batch in _assessment_batches():
        counts = Counter(
            Finding.objects.counting()
            .filter(assessment__in=[a.pk for a in batch])
            .values_list("assessment_id", "criterion_id", "kind")
        )
        for a in batch:
            authors = ", ".join(serializer.get_authors(a))
            stamp = published_at.to_representation(a.published_at) if a.published_at else None
            for c in criteria:
                yield [
                    str(a.uuid),
                    a.platform.name,
                    a.platform.slug,
                    a.edition,
                    stamp,
                    a.framework_version,
                    authors,
                    c.code,
                    counts[(a.pk, c.pk, StatementKind.OPPORTUNITY)],
                    counts[(a.pk, c.pk, StatementKind.CHALLENGE)],
                ]


FINDING_COLUMNS = [
    "assessment_uuid",
    "platform_slug",
    "edition",
    "finding_uuid",
    "criterion",
    "kind",
    "statement",
    "title",
    "explanation",
    "verdict",
    "counts",
    "motivation",
    "action",
    "action_owner",
    "priority",
]

_FINDING_FIELDS = (
    "assessment_id",
    "uuid",
    "criterion_id",
    "kind",
    "statement_id",
    "title_nl",
    "own_title",
    "explanation_nl",
    "own_text",
    "verdict",
    "no_longer_triggered",
    "flag_resolved",
    "motivation",
    "action",
    "action_owner",
    "priority",
)


def finding_rows() -> Iterator[list[Any]]:
    """One row per finding of a published assessment, with its verdict.

    The values are those of the JSON download (``FindingSerializer``, Dutch texts), read as
    plain tuples, one query per chunk of assessments: building a model instance and a
    serializer representation per finding made this file as slow as the JSON one.
    """
    yield FINDING_COLUMNS
    criterion_codes = dict(Criterion.objects.values_list("pk", "code"))
    statement_codes = dict(Statement.objects.values_list("pk", "code"))
    for batch in _assessment_batches():
        findings = (
            Finding.objects.filter(assessment__in=[a.pk for a in batch])
            .order_by("assessment_id", *FINDING_ORDER)
            .values_list(*_FINDING_FIELDS)
        )
        by_pk = {a.pk: a for a in batch}
        for row in findings:
            f = dict(zip(_FINDING_FIELDS, row, strict=True))
            a = by_pk[f["assessment_id"]]
            adjusted = f["verdict"] == Verdict.ADJUSTED
            yield [
                str(a.uuid),
                a.platform.slug,
                a.edition,
                str(f["uuid"]),
                criterion_codes[f["criterion_id"]],
                f["kind"],
                statement_codes.get(f["statement_id"]),
                f["own_title"] if adjusted and f["own_title"] else f["title_nl"],
                f["own_text"] if adjusted and f["own_text"] else f["explanation_nl"],
                f["verdict"],
                f["verdict"] in COUNTING_VERDICTS
                and not (f["no_longer_triggered"] and not f["flag_resolved"]),
                f["motivation"],
                f["action"],
                f["action_owner"],
                f["priority"],
            ]


PLATFORM_COLUMNS = [
    "slug",
    "name",
    "website",
    "status",
    "status_date",
    "sectors",
    "work_types",
    "modes",
    "skill_levels",
    "description",
]


def platform_rows() -> Iterator[list[Any]]:
    yield PLATFORM_COLUMNS
    for record in platform_records():
        yield [
            record["slug"],
            record["name"],
            record["website"],
            record["status"],
            record["status_date"],
            "|".join(record["sectors"]),
            "|".join(record["work_types"]),
            "|".join(record["modes"]),
            "|".join(record["skill_levels"]),
            record["description"],
        ]


def framework_write(out: IO[str]) -> int:
    version = FrameworkVersion.objects.current()
    if version is None:
        out.write("{}\n")
        return 0
    data = s.FrameworkSerializer(framework_content(version), context={"request": None}).data
    json.dump(
        {"schema_version": SCHEMA_VERSION, **data},
        out,
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
    )
    return len(data["statements"])


def _csv_pair(code: str, filename: str, title: Any, description: Any, rows: Callable) -> list:
    return [
        Dataset(
            code=f"{code}-csv",
            filename=f"{filename}.csv",
            title=title,
            description=description,
            media_type="text/csv",
            delimiter=";",
            write=lambda out: _csv(out, ";", rows()),
        ),
        Dataset(
            code=f"{code}-csv-comma",
            filename=f"{filename}-komma.csv",
            title=title,
            description=description,
            media_type="text/csv",
            delimiter=",",
            write=lambda out: _csv(out, ",", rows()),
        ),
    ]


ASSESSMENTS_TITLE = _("Gepubliceerde beoordelingen")
FINDINGS_TITLE = _("Bevindingen van gepubliceerde beoordelingen")
CATALOGUE_TITLE = _("Catalogus van platforms")
FRAMEWORK_TITLE = _("Raamwerk inclusief platformwerk")

DATASETS: list[Dataset] = [
    Dataset(
        code="assessments-json",
        filename="inclusief-beoordelingen.json",
        title=ASSESSMENTS_TITLE,
        description=_(
            "Alle gepubliceerde beoordelingen met antwoorden en bronnen, bevindingen met "
            "oordeel, acties en auteurs (bij hun publieke naam)."
        ),
        media_type="application/json",
        write=lambda out: _json_list(out, "assessments", assessment_records()),
    ),
    *_csv_pair(
        "assessments",
        "inclusief-beoordelingen",
        ASSESSMENTS_TITLE,
        _("Per gepubliceerde beoordeling en criterium het aantal kansen en uitdagingen."),
        assessment_rows,
    ),
    *_csv_pair(
        "findings",
        "inclusief-bevindingen",
        FINDINGS_TITLE,
        _("Per bevinding van een gepubliceerde beoordeling: oordeel, motivering en actie."),
        finding_rows,
    ),
    Dataset(
        code="catalogue-json",
        filename="inclusief-catalogus.json",
        title=CATALOGUE_TITLE,
        description=_("Alle platforms in de catalogus met hun profiel en bronnen."),
        media_type="application/json",
        write=lambda out: _json_list(out, "platforms", platform_records()),
    ),
    *_csv_pair(
        "catalogue",
        "inclusief-catalogus",
        CATALOGUE_TITLE,
        _("Alle platforms in de catalogus, één regel per platform."),
        platform_rows,
    ),
    Dataset(
        code="framework-json",
        filename="inclusief-raamwerk.json",
        title=FRAMEWORK_TITLE,
        description=_(
            "De huidige versie van het raamwerk: criteria, kansen en uitdagingen, kenmerken "
            "met vragen en antwoorden, werksoorten en sectoren."
        ),
        media_type="application/json",
        write=framework_write,
    ),
]
DATASETS_BY_CODE = {d.code: d for d in DATASETS}


def dataset_build(dataset: Dataset) -> DatasetFile:
    """Write one download to a temporary file and store it (replacing the previous file)."""
    with tempfile.TemporaryFile("w+b") as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        records = dataset.write(text)
        text.flush()
        text.detach()
        raw.seek(0, 2)
        size = raw.tell()
        raw.seek(0)
        with transaction.atomic():
            existing = DatasetFile.objects.select_for_update().filter(code=dataset.code).first()
            old_name = existing.file.name if existing else None
            entry = existing or DatasetFile(code=dataset.code)
            entry.file.save(f"open-data/{dataset.filename}", File(raw), save=False)
            entry.records = records
            entry.size = size
            entry.generated_at = timezone.now()
            entry.save()
    if old_name and old_name != entry.file.name:
        entry.file.storage.delete(old_name)
    return entry


def datasets_build() -> list[DatasetFile]:
    return [dataset_build(dataset) for dataset in DATASETS]

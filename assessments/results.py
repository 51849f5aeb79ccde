"""Results across assessments: the overview, the side-by-side comparison and the exports.

Plain functions with a fixed number of queries, whatever the number of assessments or
findings (the exports: a fixed number per batch of ``EXPORT_BATCH``, read as they are sent):
the views and the export endpoints only call these. Which findings count is decided
once, in ``assessments.models.counting_q``; the export schema is documented in
``docs/results-export-schema.md`` (keep ``SCHEMA_VERSION`` in step with it).
"""

from __future__ import annotations

import hashlib
import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.utils import translation

from assessments.access import assessment_visibility_filter
from assessments.catalogue import CatalogueFilters, filter_platforms
from assessments.lens import order_by_fit
from assessments.matrix import assessment_matrices
from assessments.models import Assessment, Finding, Platform, Verdict, counting_q
from framework.models import Criterion, StatementKind
from inclusief.people import public_name
from inclusief.spreadsheets import neutralise
from inclusief.streaming import batched

SCHEMA_VERSION = "1.1"
OVERVIEW_PAGE_SIZE = 50
OVERVIEW_CACHE_SECONDS = 300
MIN_COMPARED = 2
MAX_COMPARED = 6
KINDS = (StatementKind.OPPORTUNITY, StatementKind.CHALLENGE)
DEFAULT_SORT = "platform"
# Exports read the database this many assessments (or findings) at a time.
EXPORT_BATCH = 500


# --- Overview ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class OverviewFilters:
    """The overview's filters and sort order; empty strings mean "no filter"."""

    segment: str = ""
    mode: str = ""
    skill_level: str = ""
    sort: str = DEFAULT_SORT
    # The target-group lens (assessments/lens.py): sort by fit, or keep only a positive fit.
    target_group: str = ""
    fit_only: bool = False

    @property
    def active(self) -> bool:
        return bool(self.segment or self.mode or self.skill_level or self.target_group)


@dataclass(frozen=True)
class SortKey:
    """A parsed ``sort``: ``platform`` or ``<criterion code>:<kind>``; ``-`` sorts descending."""

    field: str
    kind: str = ""
    descending: bool = False

    @property
    def value(self) -> str:
        base = f"{self.field}:{self.kind}" if self.kind else self.field
        return f"-{base}" if self.descending else base


def parse_sort(value: str, criteria: Sequence[Criterion]) -> SortKey:
    """The sort key asked for, or sorting by platform name when the value is not known."""
    descending = value.startswith("-")
    base = value[1:] if descending else value
    if base in ("platform", "fit"):
        return SortKey(base, descending=descending)
    code, _, kind = base.partition(":")
    if kind in KINDS and any(c.code == code for c in criteria):
        return SortKey(code, kind, descending)
    return SortKey(DEFAULT_SORT)


def latest_published() -> QuerySet[Assessment]:
    """Per platform, its newest published assessment (an older edition is superseded)."""
    newer = Assessment.objects.published().filter(
        platform=OuterRef("platform"), edition__gt=OuterRef("edition")
    )
    return Assessment.objects.published().filter(~Exists(newer))


def filtered_assessments(filters: OverviewFilters) -> QuerySet[Assessment]:
    """The latest published assessments of the platforms that pass the filters."""
    platforms = filter_platforms(
        Platform.objects.all(),
        CatalogueFilters(
            segment=filters.segment, mode=filters.mode, skill_level=filters.skill_level
        ),
    )
    return latest_published().filter(platform__in=platforms.values("pk"))


def overview_queryset(filters: OverviewFilters, criteria: Sequence[Criterion]) -> QuerySet:
    """Filtered and sorted assessments with their platform and sectors (two queries)."""
    sort = parse_sort(filters.sort, criteria)
    queryset = filtered_assessments(filters).select_related("platform")
    queryset = queryset.prefetch_related("platform__segments")
    sign = "-" if sort.descending else ""
    if sort.field in ("platform", "fit"):  # fit: ordered by name here, by fit in overview_ids
        return queryset.order_by(f"{sign}platform__name", "-edition")
    queryset = queryset.annotate(
        sort_count=Count(
            "findings",
            filter=counting_q("findings__")
            & Q(findings__criterion__code=sort.field, findings__kind=sort.kind),
        )
    )
    return queryset.order_by(f"{sign}sort_count", "platform__name")


def overview_ids(filters: OverviewFilters, criteria: Sequence[Criterion]) -> list[int]:
    """The overview's assessments in order, as ids.

    Working this out reads every latest published assessment (an anti-join and a sort), tens
    of milliseconds at 50,000 assessments. Its answer changes only when something is published
    (or removed) or a platform changes, so it is cached under a key made of those facts: any
    such change makes a new key, and the old entry simply expires.
    """
    published = Assessment.objects.published().aggregate(m=Max("published_at"), n=Count("pk"))
    platforms = Platform.objects.aggregate(m=Max("updated_at"), n=Count("pk"))
    fingerprint = repr((filters, [c.code for c in criteria], published, platforms))
    key = "overview-ids:" + hashlib.sha256(fingerprint.encode()).hexdigest()
    ids = cache.get(key)
    if ids is None:
        ids = list(overview_queryset(filters, criteria).values_list("pk", flat=True))
        if filters.target_group and (
            filters.fit_only or parse_sort(filters.sort, criteria).field == "fit"
        ):
            ids = _by_fit(ids, filters, criteria)
        cache.set(key, ids, OVERVIEW_CACHE_SECONDS)
    return ids


def _by_fit(ids: list[int], filters: OverviewFilters, criteria: Sequence[Criterion]) -> list[int]:
    """Keep only a positive fit (``fit_only``) and/or order by fit: ``fit`` best first."""
    sort = parse_sort(filters.sort, criteria)
    ordered = order_by_fit(ids, filters.target_group, positive_only=filters.fit_only)
    if sort.field != "fit":
        keep = set(ordered)
        return [pk for pk in ids if pk in keep]
    return ordered[::-1] if sort.descending else ordered


def overview_assessments(ids: Sequence[int]) -> list[Assessment]:
    """The assessments of one overview page, in the order of ``ids`` (two queries)."""
    found = {
        a.pk: a
        for a in Assessment.objects.filter(pk__in=list(ids))
        .select_related("platform")
        .prefetch_related("platform__segments")
    }
    return [found[pk] for pk in ids if pk in found]


@dataclass(frozen=True)
class OverviewCell:
    criterion: Criterion
    opportunities: int
    challenges: int


@dataclass
class OverviewRow:
    assessment: Assessment
    cells: list[OverviewCell]

    @property
    def totals(self) -> tuple[int, int]:
        return (
            sum(c.opportunities for c in self.cells),
            sum(c.challenges for c in self.cells),
        )


def finding_counts(assessment_ids: Sequence[int]) -> dict[tuple[int, int, str], int]:
    """Counting findings per (assessment, criterion, kind), in one aggregate query."""
    rows = (
        Finding.objects.counting()
        .filter(assessment__in=list(assessment_ids))
        .values("assessment_id", "criterion_id", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(r["assessment_id"], r["criterion_id"], r["kind"]): r["n"] for r in rows}


def overview_rows(
    assessments: Sequence[Assessment], criteria: Sequence[Criterion]
) -> list[OverviewRow]:
    counts = finding_counts([a.pk for a in assessments])
    return [
        OverviewRow(
            assessment=a,
            cells=[
                OverviewCell(
                    criterion=c,
                    opportunities=counts.get((a.pk, c.pk, StatementKind.OPPORTUNITY), 0),
                    challenges=counts.get((a.pk, c.pk, StatementKind.CHALLENGE), 0),
                )
                for c in criteria
            ],
        )
        for a in assessments
    ]


# --- Comparison -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ComparedFinding:
    finding: Finding
    differs: bool


@dataclass
class ComparisonCell:
    items: list[ComparedFinding] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.items)


@dataclass
class ComparisonRow:
    criterion: Criterion
    kind: str
    cells: list[ComparisonCell]

    @property
    def kind_label(self) -> str:
        return str(StatementKind(self.kind).label)

    @property
    def differences(self) -> int:
        return sum(1 for cell in self.cells for item in cell.items if item.differs)

    @property
    def counts_differ(self) -> bool:
        return len({cell.count for cell in self.cells}) > 1


@dataclass
class Comparison:
    assessments: list[Assessment]
    rows: list[ComparisonRow]


def _statement_key(finding: Finding) -> tuple[str, Any]:
    """What makes two findings "the same": the framework statement, or an own title."""
    if finding.statement_id is not None:
        return ("statement", finding.statement_id)
    return ("own", finding.title.strip().casefold())


def compare(
    assessments: Sequence[Assessment], criteria: Sequence[Criterion] | None = None
) -> Comparison:
    """Matrices side by side; a finding present in some but not all assessments differs."""
    criteria = list(criteria) if criteria is not None else list(Criterion.objects.all())
    matrices = assessment_matrices(list(assessments), criteria)
    rows = []
    for index, criterion in enumerate(criteria):
        for kind in KINDS:
            lists = [
                m.rows[index].challenges
                if kind == StatementKind.CHALLENGE
                else m.rows[index].opportunities
                for m in matrices
            ]
            present = Counter(key for found in lists for key in {_statement_key(f) for f in found})
            cells = [
                ComparisonCell(
                    items=[
                        ComparedFinding(f, present[_statement_key(f)] < len(matrices))
                        for f in found
                    ]
                )
                for found in lists
            ]
            rows.append(ComparisonRow(criterion=criterion, kind=kind, cells=cells))
    return Comparison(assessments=list(assessments), rows=rows)


CANDIDATE_LIMIT = 50


def comparison_candidates(
    user, *, query: str = "", sector: str = "", limit: int = CANDIDATE_LIMIT
) -> tuple[list[Assessment], int]:
    """Assessments the user may see that match the search, the first ``limit`` of them by
    platform name, and how many match in all. The database does the limiting: the catalogue
    may hold tens of thousands of assessments."""
    queryset = Assessment.objects.filter(assessment_visibility_filter(user))
    if query:
        queryset = queryset.filter(platform__name__icontains=query)
    if sector:
        queryset = queryset.filter(platform__segments__code=sector)
    total = queryset.count()
    chosen = list(
        queryset.select_related("platform").order_by("platform__name", "-edition")[:limit]
    )
    return chosen, total


def chosen_assessments(user, keys: Sequence[str]) -> dict[str, Assessment]:
    """The chosen assessments the user may see, by uuid text; unknown or hidden ones are left
    out (the form names them as an error)."""
    valid = []
    for key in keys[: MAX_COMPARED * 3]:
        try:
            valid.append(uuid.UUID(str(key)))
        except ValueError:
            continue
    found = (
        Assessment.objects.filter(assessment_visibility_filter(user))
        .filter(uuid__in=valid)
        .select_related("platform")
    )
    return {str(a.uuid): a for a in found}


# --- Exports ----------------------------------------------------------------------------------

OVERVIEW_COLUMNS = [
    "schema_version",
    "assessment_uuid",
    "platform",
    "platform_slug",
    "edition",
    "framework_version",
    "published_at",
    "sectors",
    "physical",
    "online",
    "skill_lower",
    "skill_middle",
    "skill_higher",
    "criterion",
    "criterion_name",
    "kansen",
    "uitdagingen",
]

FINDING_COLUMNS = [
    "schema_version",
    "assessment_uuid",
    "platform",
    "platform_slug",
    "edition",
    "published_at",
    "finding_uuid",
    "criterion",
    "kind",
    "statement_code",
    "custom",
    "adjusted",
    "title",
    "explanation",
    "action",
    "action_owner",
    "priority",
    # 1.1: the analyst's decision, and who took it (the public display name).
    "verdict",
    "motivation",
    "action_pending",
    "decided_by",
]


def _assessment_record(assessment: Assessment) -> dict[str, Any]:
    platform = assessment.platform
    return {
        "assessment_uuid": str(assessment.uuid),
        "platform": platform.name,
        "platform_slug": platform.slug,
        "edition": assessment.edition,
        "framework_version": assessment.framework_version,
        "published_at": assessment.published_at.isoformat() if assessment.published_at else None,
        "sectors": [s.code for s in platform.segments.all()],
        "physical": platform.physical,
        "online": platform.online,
        "skill_lower": platform.skill_lower,
        "skill_middle": platform.skill_middle,
        "skill_higher": platform.skill_higher,
    }


def _filters_record(filters: OverviewFilters) -> dict[str, str]:
    return {"sector": filters.segment, "mode": filters.mode, "skill_level": filters.skill_level}


def overview_export(filters: OverviewFilters) -> tuple[dict[str, Any], Iterator[dict[str, Any]]]:
    """The whole filtered overview (no pages) as the JSON document of the schema: its head,
    and its ``assessments`` as a generator that reads them in batches of ``EXPORT_BATCH``
    (three queries per batch: the assessments, their sectors, the counts)."""
    criteria = list(Criterion.objects.all())
    with translation.override("nl"):
        head = {
            "schema_version": SCHEMA_VERSION,
            "filters": _filters_record(filters),
            "criteria": [{"code": c.code, "name": c.name} for c in criteria],
        }
    return head, _overview_records(filters, criteria)


def _overview_records(
    filters: OverviewFilters, criteria: list[Criterion]
) -> Iterator[dict[str, Any]]:
    assessments = overview_queryset(filters, criteria).iterator(chunk_size=EXPORT_BATCH)
    for batch in batched(assessments, EXPORT_BATCH):
        for row in overview_rows(batch, criteria):
            yield {
                **_assessment_record(row.assessment),
                "counts": {
                    cell.criterion.code: {
                        "kansen": cell.opportunities,
                        "uitdagingen": cell.challenges,
                    }
                    for cell in row.cells
                },
            }


def overview_csv_rows(filters: OverviewFilters) -> Iterator[list[Any]]:
    """One row per assessment and criterion (long format), after the header row."""
    head, records = overview_export(filters)
    names = {c["code"]: c["name"] for c in head["criteria"]}
    yield OVERVIEW_COLUMNS
    for record in records:
        for code, counts in record["counts"].items():
            values = {
                **record,
                "schema_version": SCHEMA_VERSION,
                "sectors": ";".join(record["sectors"]),
                "criterion": code,
                "criterion_name": names[code],
                **counts,
            }
            yield [_csv_value(values[column]) for column in OVERVIEW_COLUMNS]


def finding_records(filters: OverviewFilters) -> Iterator[dict[str, Any]]:
    """Every counting finding of the filtered overview's assessments, read in batches of
    ``EXPORT_BATCH``: two queries per batch (the findings, who decided on them)."""
    findings = (
        Finding.objects.counting()
        .filter(assessment__in=filtered_assessments(filters).values("pk"))
        .select_related(
            "assessment__platform", "assessment__owner__profile", "criterion", "statement"
        )
        .order_by(
            "assessment__platform__name",
            "-assessment__edition",
            "criterion__order",
            "kind",
            "order",
            "pk",
        )
    )
    for batch in batched(findings.iterator(chunk_size=EXPORT_BATCH), EXPORT_BATCH):
        deciders = finding_deciders(batch)
        with translation.override("nl"):
            records = [_finding_record(f, deciders) for f in batch]
        yield from records


def _finding_record(f: Finding, deciders: dict[int, Any]) -> dict[str, Any]:
    a = f.assessment
    return {
        "assessment_uuid": str(a.uuid),
        "platform": a.platform.name,
        "platform_slug": a.platform.slug,
        "edition": a.edition,
        "published_at": a.published_at.isoformat() if a.published_at else None,
        "finding_uuid": str(f.uuid),
        "criterion": f.criterion.code,
        "kind": f.kind,
        "statement_code": f.statement.code if f.statement else None,
        "custom": f.is_custom,
        "adjusted": f.verdict == Verdict.ADJUSTED,
        "title": f.title,
        "explanation": f.explanation,
        "action": f.action or f.suggested_action,
        "action_owner": f.action_owner,
        "priority": f.priority or None,
        "verdict": f.verdict,
        "motivation": f.motivation,
        "action_pending": f.action_pending,
        "decided_by": public_name(deciders.get(f.pk, a.owner)),
    }


def finding_deciders(findings: Sequence[Finding]) -> dict[int, Any]:
    """Per finding, the user who last gave it a verdict (from its history), in one query.

    A finding without such a history row (imported, or derived before the history existed)
    has no entry; the export then names the assessment's owner.
    """
    history = Finding.history.model
    rows = (
        history.objects.filter(id__in=[f.pk for f in findings], history_user__isnull=False)
        .exclude(verdict=Verdict.OPEN)
        .select_related("history_user__profile")
        .order_by("id", "-history_date")
    )
    deciders: dict[int, Any] = {}
    for row in rows:
        deciders.setdefault(row.id, row.history_user)
    return deciders


def findings_export(filters: OverviewFilters) -> tuple[dict[str, Any], Iterator[dict[str, Any]]]:
    """The JSON document's head, and its ``findings`` as a generator (see finding_records)."""
    head = {"schema_version": SCHEMA_VERSION, "filters": _filters_record(filters)}
    return head, finding_records(filters)


def findings_csv_rows(filters: OverviewFilters) -> Iterator[list[Any]]:
    yield FINDING_COLUMNS
    for record in finding_records(filters):
        values = {**record, "schema_version": SCHEMA_VERSION}
        yield [_csv_value(values[column]) for column in FINDING_COLUMNS]


def _csv_value(value: Any) -> Any:
    """Booleans as true/false and missing values as empty cells, as the schema says."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    # A title like =HYPERLINK(...) must reach a spreadsheet as text, not as a formula.
    return neutralise(value)

"""Sector benchmarks: a platform's kansen and uitdagingen per criterion against the median
of the latest published assessments in its sector and in the whole catalogue.

``benchmarks_compute`` works the medians out over the whole catalogue (in the background,
after a publication) and stores them in ``SectorBenchmark``; ``assessment_benchmark`` reads
them for one assessment in three queries, for the platform page and the PDF summary.
A group with fewer than ``MINIMUM_GROUP`` assessments gets no median: three is the least
that makes a middle value mean something and that keeps one platform from being recognised
in its sector's figure.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import Assessment, Platform
from assessments.results import finding_counts, latest_published
from framework.models import Criterion, Segment, StatementKind
from opendata.models import SectorBenchmark
from opendata.public_pages import public_pages_changed

MINIMUM_GROUP = 3
KINDS = (StatementKind.OPPORTUNITY, StatementKind.CHALLENGE)


@transaction.atomic
def benchmarks_compute() -> int:
    """Replace the stored medians with fresh ones; the number of rows written."""
    latest = list(latest_published().values_list("pk", "platform_id"))
    counts = finding_counts([pk for pk, _platform in latest])
    segments_of: dict[int, list[int]] = defaultdict(list)
    through = Platform.segments.through.objects.filter(
        platform_id__in=[platform for _pk, platform in latest]
    )
    for platform_id, segment_id in through.values_list("platform_id", "segment_id"):
        segments_of[platform_id].append(segment_id)
    criteria = list(Criterion.objects.values_list("pk", flat=True))
    groups: dict[int | None, list[int]] = defaultdict(list)
    for pk, platform_id in latest:
        groups[None].append(pk)
        for segment_id in segments_of[platform_id]:
            groups[segment_id].append(pk)
    for segment_id in Segment.objects.values_list("pk", flat=True):
        groups.setdefault(segment_id, [])
    groups.setdefault(None, [])
    now = timezone.now()
    rows = []
    for segment_id, members in groups.items():
        for criterion_id in criteria:
            for kind in KINDS:
                values = [counts.get((pk, criterion_id, kind), 0) for pk in members]
                rows.append(
                    SectorBenchmark(
                        segment_id=segment_id,
                        criterion_id=criterion_id,
                        kind=kind,
                        assessments=len(values),
                        median=statistics.median(values) if len(values) >= MINIMUM_GROUP else None,
                        computed_at=now,
                    )
                )
    SectorBenchmark.objects.all().delete()
    SectorBenchmark.objects.bulk_create(rows)
    public_pages_changed()
    return len(rows)


@dataclass(frozen=True)
class Group:
    """One comparison group: a sector, or the whole catalogue (``segment`` None)."""

    segment: Segment | None
    assessments: int

    @property
    def name(self) -> str:
        return self.segment.name if self.segment else _("alle platforms")

    @property
    def too_small(self) -> bool:
        return self.assessments < MINIMUM_GROUP


@dataclass(frozen=True)
class Comparison:
    """One criterion and kind: this assessment's count and the median of each group."""

    criterion: Criterion
    kind: str
    value: int
    medians: list[float | None]

    @property
    def kind_label(self) -> str:
        return str(StatementKind(self.kind).label)


@dataclass
class Benchmark:
    assessment: Assessment
    groups: list[Group]
    rows: list[Comparison] = field(default_factory=list)

    @property
    def available(self) -> bool:
        return bool(self.rows)

    @property
    def scale(self) -> float:
        values = [r.value for r in self.rows] + [m for r in self.rows for m in r.medians if m]
        return max(values, default=0) or 1


def assessment_benchmark(assessment: Assessment) -> Benchmark:
    """The benchmark of one published assessment against its platform's sectors and the
    whole catalogue, from the stored medians (three queries)."""
    segments = sorted(assessment.platform.segments.all(), key=lambda s: (s.order, s.code))
    stored = list(
        SectorBenchmark.objects.filter(
            Q(segment__in=[s.pk for s in segments]) | Q(segment__isnull=True)
        ).select_related("criterion")
    )
    by_key = {(b.segment_id, b.criterion_id, b.kind): b for b in stored}
    sizes: dict[int | None, int] = {}
    for b in stored:
        sizes[b.segment_id] = b.assessments
    groups = [Group(s, sizes.get(s.pk, 0)) for s in segments] + [Group(None, sizes.get(None, 0))]
    benchmark = Benchmark(assessment=assessment, groups=groups)
    if not stored:
        return benchmark
    counts = finding_counts([assessment.pk])
    criteria = sorted({b.criterion for b in stored}, key=lambda c: (c.order, c.code))
    for criterion in criteria:
        for kind in KINDS:
            medians = []
            for group in groups:
                key = (group.segment.pk if group.segment else None, criterion.pk, kind)
                row = by_key.get(key)
                medians.append(row.median if row else None)
            benchmark.rows.append(
                Comparison(
                    criterion=criterion,
                    kind=kind,
                    value=counts.get((assessment.pk, criterion.pk, kind), 0),
                    medians=medians,
                )
            )
    return benchmark


# --- The chart (server-made SVG; the template draws what these numbers say) -------------------

LABEL_WIDTH = 230
BAR_AREA = 300
BAR_HEIGHT = 12
BAR_GAP = 3
ROW_GAP = 14


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    y: int
    width: int
    mine: bool

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 2

    @property
    def value_x(self) -> int:
        return LABEL_WIDTH + self.width + 6

    @property
    def shown(self) -> str:
        if self.value is None:
            return _("te weinig beoordelingen")
        return f"{self.value:g}".replace(".", ",")


@dataclass(frozen=True)
class ChartRow:
    title: str
    y: int
    bars: list[Bar]


@dataclass(frozen=True)
class Chart:
    rows: list[ChartRow]
    height: int
    width: int = LABEL_WIDTH + BAR_AREA + 150
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT


def benchmark_chart(benchmark: Benchmark) -> Chart:
    """Positions for the SVG: per criterion and kind a title line, then one bar for this
    assessment and one per comparison group (none for a group that is too small)."""
    scale = benchmark.scale
    series = [_("deze beoordeling")] + [
        _("mediaan %(group)s") % {"group": g.name} for g in benchmark.groups
    ]
    rows = []
    y = 0
    for row in benchmark.rows:
        title_y = y + BAR_HEIGHT
        y += BAR_HEIGHT + BAR_GAP + 2
        bars = []
        for index, (label, value) in enumerate(zip(series, [row.value, *row.medians], strict=True)):
            width = round(BAR_AREA * value / scale) if value else 0
            bars.append(Bar(label=label, value=value, y=y, width=width, mine=index == 0))
            y += BAR_HEIGHT + BAR_GAP
        rows.append(
            ChartRow(title=f"{row.criterion.name}: {row.kind_label.lower()}", y=title_y, bars=bars)
        )
        y += ROW_GAP
    return Chart(rows=rows, height=max(y, 1))

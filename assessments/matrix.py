"""The kansen/uitdagingen matrix of an assessment, as plain data for pages and PDFs.

Only findings that count (confirmed, adjusted, or the analyst's own; see
``Finding.objects.counting()``) appear. Two queries for any number of findings: the criteria
and the findings. ``assessment_matrices`` builds several matrices in the same two queries.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from assessments.models import Assessment, Finding, Priority
from framework.models import Criterion

PRIORITY_ORDER = {Priority.HIGH: 0, Priority.MEDIUM: 1, Priority.LOW: 2, "": 3}

# Geometry of the small bar chart per criterion (SVG user units).
CHART_LABEL_WIDTH = 120
CHART_BAR_WIDTH = 200
CHART_WIDTH = CHART_LABEL_WIDTH + CHART_BAR_WIDTH + 40


@dataclass(frozen=True)
class Chart:
    """Bar lengths for one criterion's kansen against uitdagingen, on a shared scale."""

    opportunities: int
    challenges: int
    scale: int

    def _length(self, count: int) -> int:
        return round(CHART_BAR_WIDTH * count / self.scale) if self.scale else 0

    @property
    def opportunity_length(self) -> int:
        return self._length(self.opportunities)

    @property
    def challenge_length(self) -> int:
        return self._length(self.challenges)

    @property
    def opportunity_label_x(self) -> int:
        return CHART_LABEL_WIDTH + self.opportunity_length + 6

    @property
    def challenge_label_x(self) -> int:
        return CHART_LABEL_WIDTH + self.challenge_length + 6

    @property
    def bar_x(self) -> int:
        return CHART_LABEL_WIDTH

    @property
    def width(self) -> int:
        return CHART_WIDTH


@dataclass
class MatrixRow:
    criterion: Criterion
    opportunities: list[Finding] = field(default_factory=list)
    challenges: list[Finding] = field(default_factory=list)
    scale: int = 0

    @property
    def counts(self) -> tuple[int, int]:
        return len(self.opportunities), len(self.challenges)

    @property
    def chart(self) -> Chart:
        return Chart(len(self.opportunities), len(self.challenges), self.scale)


@dataclass
class Matrix:
    assessment: Assessment
    rows: list[MatrixRow]

    def __post_init__(self) -> None:
        # One scale for all charts of a matrix, so bars compare across criteria.
        scale = max((max(row.counts) for row in self.rows), default=0)
        for row in self.rows:
            row.scale = scale

    @property
    def actions(self) -> list[Finding]:
        """The uitdagingen with what must be organised, highest priority first."""
        challenges = [f for row in self.rows for f in row.challenges]
        return sorted(
            challenges, key=lambda f: (PRIORITY_ORDER.get(f.priority, 3), f.criterion.order)
        )

    @property
    def totals(self) -> tuple[int, int]:
        return (
            sum(len(r.opportunities) for r in self.rows),
            sum(len(r.challenges) for r in self.rows),
        )


def assessment_matrices(
    assessments: Sequence[Assessment], criteria: list[Criterion] | None = None
) -> list[Matrix]:
    """The matrices of several assessments, in the order given, in two queries."""
    criteria = criteria if criteria is not None else list(Criterion.objects.all())
    by_pk = {c.pk: c for c in criteria}
    assessment_by_pk = {a.pk: a for a in assessments}
    rows = {a.pk: {c.pk: MatrixRow(criterion=c) for c in criteria} for a in assessments}
    findings = (
        Finding.objects.counting()
        .filter(assessment__in=[a.pk for a in assessments])
        .select_related("statement")
        .order_by("criterion__order", "order", "pk")
    )
    for finding in findings:
        row = rows[finding.assessment_id].get(finding.criterion_id)
        if row is None:
            continue
        # Known objects, so that templates never query per finding.
        finding.criterion = by_pk[finding.criterion_id]
        finding.assessment = assessment_by_pk[finding.assessment_id]
        (row.challenges if finding.is_challenge else row.opportunities).append(finding)
    return [Matrix(assessment=a, rows=[rows[a.pk][c.pk] for c in criteria]) for a in assessments]


def assessment_matrix(assessment: Assessment, criteria: list[Criterion] | None = None) -> Matrix:
    return assessment_matrices([assessment], criteria)[0]

"""The kansen/uitdagingen matrix of an assessment, as plain data for pages and PDFs.

Only findings that count (confirmed, adjusted, or the analyst's own) appear. Two queries for
any number of findings: the criteria and the findings with their statements.
"""

from dataclasses import dataclass, field

from assessments.models import Assessment, Finding, Priority
from framework.models import Criterion

PRIORITY_ORDER = {Priority.HIGH: 0, Priority.MEDIUM: 1, Priority.LOW: 2, "": 3}


@dataclass
class MatrixRow:
    criterion: Criterion
    opportunities: list[Finding] = field(default_factory=list)
    challenges: list[Finding] = field(default_factory=list)

    @property
    def counts(self) -> tuple[int, int]:
        return len(self.opportunities), len(self.challenges)


@dataclass
class Matrix:
    assessment: Assessment
    rows: list[MatrixRow]

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


def assessment_matrix(assessment: Assessment, criteria: list[Criterion] | None = None) -> Matrix:
    criteria = criteria if criteria is not None else list(Criterion.objects.all())
    rows = {c.pk: MatrixRow(criterion=c) for c in criteria}
    findings = (
        Finding.objects.filter(assessment=assessment)
        .select_related("criterion")
        .order_by("criterion__order", "order", "pk")
    )
    for finding in findings:
        if not finding.counts or finding.criterion_id not in rows:
            continue
        row = rows[finding.criterion_id]
        (row.challenges if finding.is_challenge else row.opportunities).append(finding)
    return Matrix(assessment=assessment, rows=[rows[c.pk] for c in criteria])

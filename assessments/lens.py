"""The target-group lens: any result seen "voor doelgroep X".

Every framework statement records for which target groups it weighs most, or that it holds for
all (``Statement.target_groups``, empty = all). Under a lens a finding is

* **weighty** – its statement weighs especially for the group: shown first and marked;
* **general** – it holds for every group (also the analyst's own findings): shown as usual;
* **other** – it weighs only for other groups: folded away under a visible summary, never
  hidden silently.

The actions follow the same order. The overview's *fit* for a group is
2 × weighty kansen + general kansen − 2 × weighty uitdagingen − general uitdagingen, the same
weights the maatwerkscan uses (``maatwerk.ranking``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Q

from assessments.matrix import PRIORITY_ORDER, Matrix
from assessments.models import Finding
from framework.models import Criterion, Statement, StatementKind, TargetGroup
from inclusief.caching import framework_data

LENS_PARAM = "doelgroep"
WEIGHTY, GENERAL, OTHER = "weighty", "general", "other"


def lens_group(code: str | None) -> TargetGroup | None:
    """The target group a ``?doelgroep=`` value names; None for empty or unknown values."""
    return TargetGroup.objects.filter(code=code).first() if code else None


def lens_groups() -> list[TargetGroup]:
    """The groups to choose from (framework data: cached, cleared when the framework changes)."""
    return framework_data(
        "lens:groups", lambda: list(TargetGroup.objects.order_by("order", "code"))
    )


def statement_groups(statement_ids: Iterable[int]) -> dict[int, set[str]]:
    """Per statement, the codes of the groups it weighs for (one query)."""
    groups: dict[int, set[str]] = defaultdict(set)
    rows = Statement.target_groups.through.objects.filter(
        statement_id__in=list(statement_ids)
    ).values_list("statement_id", "targetgroup__code")
    for statement_id, code in rows:
        groups[statement_id].add(code)
    return groups


def weight(finding: Finding, groups: dict[int, set[str]], code: str) -> str:
    names = groups.get(finding.statement_id, set()) if finding.statement_id else set()
    if not names:
        return GENERAL
    return WEIGHTY if code in names else OTHER


@dataclass
class LensedFindings:
    """One cell under the lens: what matters first (weighty before general), the rest folded."""

    shown: list[Finding] = field(default_factory=list)
    folded: list[Finding] = field(default_factory=list)
    weighty: list[Finding] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.shown) + len(self.folded)


def lensed(findings: Sequence[Finding], groups: dict[int, set[str]], code: str) -> LensedFindings:
    result = LensedFindings()
    weights = {f.pk: weight(f, groups, code) for f in findings}
    result.weighty = [f for f in findings if weights[f.pk] == WEIGHTY]
    result.shown = result.weighty + [f for f in findings if weights[f.pk] == GENERAL]
    result.folded = [f for f in findings if weights[f.pk] == OTHER]
    return result


@dataclass
class LensRow:
    criterion: Criterion
    opportunities: LensedFindings
    challenges: LensedFindings


@dataclass
class LensMatrix:
    """A matrix as seen for one target group; ``actions`` reordered the same way."""

    group: TargetGroup
    matrix: Matrix
    rows: list[LensRow]
    actions: list[Finding]
    folded_actions: list[Finding]

    @property
    def assessment(self):  # noqa: ANN201 — the template reads it like Matrix.assessment
        return self.matrix.assessment

    @property
    def weighty_count(self) -> int:
        return sum(len(r.opportunities.weighty) + len(r.challenges.weighty) for r in self.rows)

    @property
    def folded_count(self) -> int:
        return sum(len(r.opportunities.folded) + len(r.challenges.folded) for r in self.rows)


def lens_matrix(matrix: Matrix, group: TargetGroup) -> LensMatrix:
    """The matrix for ``group``: one query for the statements' target groups."""
    findings = [f for row in matrix.rows for f in (*row.opportunities, *row.challenges)]
    groups = statement_groups({f.statement_id for f in findings if f.statement_id})
    rows = [
        LensRow(
            criterion=row.criterion,
            opportunities=lensed(row.opportunities, groups, group.code),
            challenges=lensed(row.challenges, groups, group.code),
        )
        for row in matrix.rows
    ]
    order = {WEIGHTY: 0, GENERAL: 1, OTHER: 2}

    def key(f: Finding) -> tuple[int, int, int]:
        return (
            order[weight(f, groups, group.code)],
            PRIORITY_ORDER.get(f.priority, 3),
            f.criterion.order,
        )

    actions = sorted(matrix.actions, key=key)
    return LensMatrix(
        group=group,
        matrix=matrix,
        rows=rows,
        actions=[f for f in actions if weight(f, groups, group.code) != OTHER],
        folded_actions=[f for f in actions if weight(f, groups, group.code) == OTHER],
    )


def lens_comparison(comparison, group: TargetGroup) -> None:  # noqa: ANN001 — results.Comparison
    """Mark and reorder every cell of a comparison for ``group`` (adds ``cell.lens``)."""
    findings = [
        item.finding for row in comparison.rows for cell in row.cells for item in cell.items
    ]
    groups = statement_groups({f.statement_id for f in findings if f.statement_id})
    for row in comparison.rows:
        for cell in row.cells:
            by_finding = {item.finding.pk: item for item in cell.items}
            lens = lensed([item.finding for item in cell.items], groups, group.code)
            cell.lens_shown = [by_finding[f.pk] for f in lens.shown]
            cell.lens_folded = [by_finding[f.pk] for f in lens.folded]
            cell.lens_weighty = [by_finding[f.pk] for f in lens.weighty]


@dataclass(frozen=True)
class Fit:
    weighty_opportunities: int = 0
    general_opportunities: int = 0
    weighty_challenges: int = 0
    general_challenges: int = 0

    @property
    def score(self) -> int:
        return (
            2 * self.weighty_opportunities
            + self.general_opportunities
            - 2 * self.weighty_challenges
            - self.general_challenges
        )


def fit_scores(assessment_ids: Sequence[int], code: str) -> dict[int, Fit]:
    """Per assessment its fit for the group ``code``, in one aggregate query."""
    rows = (
        Finding.objects.counting()
        .filter(assessment__in=list(assessment_ids))
        .values("assessment_id", "kind")
        .annotate(
            weighty=Count("pk", filter=Q(statement__target_groups__code=code), distinct=True),
            general=Count(
                "pk",
                filter=Q(statement__isnull=True) | Q(statement__target_groups__isnull=True),
                distinct=True,
            ),
        )
        .order_by()
    )
    parts: dict[int, dict[str, int]] = defaultdict(dict)
    for r in rows:
        prefix = "opportunities" if r["kind"] == StatementKind.OPPORTUNITY else "challenges"
        parts[r["assessment_id"]][f"weighty_{prefix}"] = r["weighty"]
        parts[r["assessment_id"]][f"general_{prefix}"] = r["general"]
    return {pk: Fit(**parts.get(pk, {})) for pk in assessment_ids}


def order_by_fit(ids: Sequence[int], code: str, *, positive_only: bool = False) -> list[int]:
    """The ids best fit first (stable for equal fits); only those with a fit above 0 if asked."""
    fits = fit_scores(ids, code)
    chosen = [pk for pk in ids if not positive_only or fits[pk].score > 0]
    return sorted(chosen, key=lambda pk: -fits[pk].score)

"""Reusable reads of the framework for pages and reports."""

from dataclasses import dataclass

from django.db.models import Prefetch

from framework.models import (
    Characteristic,
    Criterion,
    FrameworkVersion,
    Option,
    Question,
    SkillLevel,
    Statement,
    StatementKind,
    TargetGroup,
    WorkMode,
    WorkType,
)
from framework.versions import current_rules
from framework.wording import labels, when_text


@dataclass
class CriterionRow:
    criterion: Criterion
    opportunities: list[Statement]
    challenges: list[Statement]


@dataclass
class WorkTypeRow:
    skill_level: str
    label: str
    cells: list[tuple[str, list[WorkType]]]


def statement_matrix() -> list[CriterionRow]:
    """Criteria with their kansen and uitdagingen, in framework order (two queries)."""
    rows = []
    for criterion in Criterion.objects.prefetch_related(
        Prefetch("statements", queryset=Statement.objects.order_by("order", "code"))
    ):
        statements = list(criterion.statements.all())
        rows.append(
            CriterionRow(
                criterion=criterion,
                opportunities=[s for s in statements if s.kind == StatementKind.OPPORTUNITY],
                challenges=[s for s in statements if s.kind == StatementKind.CHALLENGE],
            )
        )
    return rows


def characteristics_with_questions() -> list[Characteristic]:
    options = Option.objects.order_by("order", "code")
    questions = Question.objects.order_by("order", "code").prefetch_related(
        Prefetch("options", queryset=options), "shown_if"
    )
    return list(Characteristic.objects.prefetch_related(Prefetch("questions", queryset=questions)))


def work_types_by_cell() -> list[WorkTypeRow]:
    """Table 1 of the paper: the work types per cell, skill levels as rows and physical/online
    as columns (the framework page; the catalogue adds platform counts in
    ``assessments.catalogue.catalogue_work_type_counts``)."""
    by_cell: dict[tuple[str, str], list[WorkType]] = {}
    for work_type in WorkType.objects.order_by("order", "code"):
        by_cell.setdefault((work_type.skill_level, work_type.mode), []).append(work_type)
    return [
        WorkTypeRow(
            skill_level=level,
            label=str(level_label),
            cells=[(mode, by_cell.get((level, mode), [])) for mode in WorkMode.values],
        )
        for level, level_label in SkillLevel.choices
    ]


def _with_when_texts(rows: list[CriterionRow]) -> list[CriterionRow]:
    """Give every statement its ``when_text``: when it appears, in words, from its rule."""
    rules = current_rules()
    names = labels()
    for row in rows:
        for statement in (*row.opportunities, *row.challenges):
            rule = rules.rule_for(statement.code)
            statement.when_text = when_text(rule, names) if rule else None
    return rows


def framework_overview() -> dict:
    return {
        "version": FrameworkVersion.objects.current(),
        "matrix": _with_when_texts(statement_matrix()),
        "characteristics": characteristics_with_questions(),
        "grid": work_types_by_cell(),
        "modes": WorkMode.choices,
        "target_groups": list(TargetGroup.objects.all()),
    }

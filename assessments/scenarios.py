"""Wat-als scenarios on an assessment: reading the answers, and saving, approving, deleting.

The arithmetic lives in ``assessments.whatif`` (pure); this module feeds it from the database
and holds the services. Who may do what:

- anyone who may see the assessment may try a scenario (nothing is stored);
- its authors and beheerders may save one; it starts as a concept, seen only by those who may
  see the concept work of the assessment (authors, reviewer, beheerders);
- the assessment's reviewer or a beheerder, never the scenario's own author, approves it; an
  approved scenario appears on the public results page and in the report ("Advies aan het
  platform"). This is the four-eyes rule of the findings, applied to advice added later.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.access import is_author
from assessments.derive import answered_codes
from assessments.models import Assessment, Finding, Scenario, ScenarioStatus
from assessments.whatif import (
    AnswerSet,
    Change,
    Outcome,
    StatementInfo,
    Step,
    apply_changes,
    best_steps,
    compare,
)
from framework.models import Criterion, Question, Statement
from framework.rules import Rules
from framework.versions import current_rules, stored_version
from inclusief.caching import bump
from inclusief.roles import BEHEERDER, has_role

User = AbstractBaseUser | AnonymousUser


@dataclass(frozen=True)
class Framework:
    """The framework data a scenario page needs, read once per request."""

    rules: Rules
    statements: dict[str, StatementInfo]
    criteria: list[Criterion]
    questions: list[Question]

    @property
    def criterion_names(self) -> dict[str, str]:
        return {c.code: c.text("name") for c in self.criteria}

    @property
    def question_kinds(self) -> dict[str, str]:
        return {q.code: q.kind for q in self.questions}

    @property
    def question_options(self) -> dict[str, list[str]]:
        return {q.code: [o.code for o in q.options.all()] for q in self.questions}

    def question(self, code: str) -> Question | None:
        return next((q for q in self.questions if q.code == code), None)


def scenario_framework(assessment: Assessment) -> Framework:
    """The framework a scenario on ``assessment`` is worked out with: the rules of the
    assessment's own framework version (a later load never changes its advice)."""
    stored = stored_version(assessment.framework_version)
    statements = {
        s.code: StatementInfo(s.code, s.criterion.code, s.kind, s.text("title"), s.order)
        for s in Statement.objects.select_related("criterion")
    }
    return Framework(
        rules=stored.rules if stored is not None else current_rules(),
        statements=statements,
        criteria=list(Criterion.objects.all()),
        questions=list(
            Question.objects.select_related("characteristic").prefetch_related("options")
        ),
    )


def answer_set(assessment: Assessment) -> AnswerSet:
    """The assessment's answers as the rules see them (``derive.answered_codes``)."""
    chosen, unknown = answered_codes(assessment)
    return AnswerSet(frozenset(chosen), frozenset(unknown))


def scenario_changes(scenario: Scenario) -> list[Change]:
    return [Change.from_data(question, data) for question, data in scenario.changes.items()]


def outcome_of(
    framework: Framework, base: AnswerSet, changes: Sequence[Change]
) -> tuple[AnswerSet, Outcome]:
    after = apply_changes(base, changes, framework.rules)
    return after, compare(
        framework.rules, base, after, framework.statements, [c.code for c in framework.criteria]
    )


def steps_for(framework: Framework, base: AnswerSet) -> list[Step]:
    return best_steps(
        framework.rules,
        base,
        framework.statements,
        framework.question_kinds,
        framework.question_options,
    )


# --- Who may do what -------------------------------------------------------------------------


def can_save_scenario(user: User, assessment: Assessment) -> bool:
    return is_author(user, assessment) or has_role(user, BEHEERDER)


def can_approve_scenario(user: User, scenario: Scenario) -> bool:
    if not user.is_authenticated or scenario.is_approved or scenario.author_id == user.pk:
        return False
    return scenario.assessment.reviewer_id == user.pk or has_role(user, BEHEERDER)


def can_see_drafts(user: User, assessment: Assessment) -> bool:
    if not user.is_authenticated:
        return False
    return (
        is_author(user, assessment)
        or assessment.reviewer_id == user.pk
        or has_role(user, BEHEERDER)
    )


def visible_scenarios(user: User, assessment: Assessment) -> list[Scenario]:
    scenarios = assessment.scenarios.select_related("author", "approved_by")
    if not can_see_drafts(user, assessment):
        scenarios = scenarios.filter(status=ScenarioStatus.APPROVED)
    return list(scenarios)


# --- Services --------------------------------------------------------------------------------


@transaction.atomic
def scenario_save(
    *,
    assessment: Assessment,
    author: AbstractBaseUser,
    title: str,
    motivation: str,
    changes: Sequence[Change],
) -> Scenario:
    """Store the changed answers under a title; refused without a change or a permission."""
    if not can_save_scenario(author, assessment):
        raise PermissionDenied
    if not changes:
        raise ValidationError(
            _("Dit scenario verandert geen enkel antwoord. Wijzig eerst een antwoord.")
        )
    # Lock the assessment row so two saves of the same title cannot both pass the check.
    Assessment.objects.select_for_update().filter(pk=assessment.pk).first()
    if assessment.scenarios.filter(title__iexact=title.strip()).exists():
        raise ValidationError(
            {"title": _("Er is al een scenario met deze titel bij deze beoordeling.")}
        )
    scenario = Scenario(
        assessment=assessment,
        author=author,
        title=title.strip(),
        motivation=motivation.strip(),
        changes={c.question: c.to_data() for c in changes},
    )
    scenario.full_clean()
    scenario.save()
    return scenario


@transaction.atomic
def scenario_approve(*, scenario: Scenario, user: AbstractBaseUser) -> Scenario:
    scenario = Scenario.objects.select_for_update().select_related("assessment").get(pk=scenario.pk)
    if not can_approve_scenario(user, scenario):
        raise PermissionDenied
    scenario.status = ScenarioStatus.APPROVED
    scenario.approved_by = user
    scenario.approved_at = timezone.now()
    scenario.save(update_fields=["status", "approved_by", "approved_at"])
    # An approved scenario is public advice: stored public pages must show it at once.
    bump("public")
    return scenario


@transaction.atomic
def scenario_delete(*, scenario: Scenario, user: AbstractBaseUser) -> None:
    """Its author or a beheerder may take back a concept scenario; an approved one stays."""
    if scenario.is_approved:
        raise PermissionDenied
    if scenario.author_id != user.pk and not has_role(user, BEHEERDER):
        raise PermissionDenied
    scenario.delete()


# --- For pages and reports -------------------------------------------------------------------


@dataclass(frozen=True)
class ChangeLine:
    question: str
    before: str
    after: str


@dataclass
class Advice:
    """A saved scenario with what it changes and gains, for the page and the report."""

    scenario: Scenario
    lines: list[ChangeLine]
    outcome: Outcome
    criterion_names: dict[str, str]
    # The assessment's own uitdagingen (as the analyst confirmed them) that this would resolve,
    # with the action written for each: the work the platform would no longer leave to others.
    resolved_findings: list[Finding] = field(default_factory=list)

    @property
    def criteria(self) -> list[tuple[str, object]]:
        return [
            (self.criterion_names.get(c.criterion, c.criterion), c)
            for c in self.outcome.criteria
            if c.gained or c.lost
        ]


def _answer_text(framework: Framework, question: Question, answers: AnswerSet) -> str:
    if question.code in answers.unknown:
        return _("onbekend")
    chosen = [o.text("label") for o in question.options.all() if o.code in answers.chosen]
    return ", ".join(chosen) if chosen else _("niet beantwoord")


def change_lines(
    framework: Framework, base: AnswerSet, after: AnswerSet, changes: Sequence[Change]
) -> list[ChangeLine]:
    lines = []
    for change in changes:
        question = framework.question(change.question)
        if question is None:
            continue
        lines.append(
            ChangeLine(
                question.text("text"),
                _answer_text(framework, question, base),
                _answer_text(framework, question, after),
            )
        )
    return lines


def advice_for(
    assessment: Assessment, scenarios: Sequence[Scenario], framework: Framework | None = None
) -> list[Advice]:
    if not scenarios:
        return []
    framework = framework or scenario_framework(assessment)
    base = answer_set(assessment)
    challenges = [
        f
        for f in assessment.findings.counting().select_related("statement", "criterion")
        if f.is_challenge and f.statement is not None
    ]
    advice = []
    for scenario in scenarios:
        changes = scenario_changes(scenario)
        after, outcome = outcome_of(framework, base, changes)
        resolved = {s.code for s in outcome.challenges_resolved}
        advice.append(
            Advice(
                scenario,
                change_lines(framework, base, after, changes),
                outcome,
                framework.criterion_names,
                [f for f in challenges if f.statement.code in resolved],
            )
        )
    return advice


def published_advice(assessment: Assessment) -> list[Advice]:
    """The approved scenarios of an assessment, as the report shows them."""
    return advice_for(
        assessment,
        list(assessment.scenarios.filter(status=ScenarioStatus.APPROVED).order_by("created_at")),
    )


@dataclass(frozen=True)
class StepLine:
    line: ChangeLine
    step: Step


def step_lines(framework: Framework, base: AnswerSet, steps: Sequence[Step]) -> list[StepLine]:
    """Each suggested step in words: the question, its answer now and the answer suggested."""
    lines = []
    for step in steps:
        after = apply_changes(base, [step.change], framework.rules)
        [line] = change_lines(framework, base, after, [step.change]) or [None]
        if line is not None:
            lines.append(StepLine(line, step))
    return lines

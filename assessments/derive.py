"""Derive an assessment's findings from its answers, and keep them in step when answers change.

``plan_rederive`` is pure: what the rules derive now, against the findings there are, gives
what to create, what to keep and what to flag. ``findings_rederive`` applies that plan. A
finding that is no longer triggered is flagged for the analyst, never deleted; one that is
triggered again loses the flag and keeps the analyst's review.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from assessments.models import Answer, Assessment, Finding
from framework.models import Statement
from framework.rules import Rules
from framework.versions import current_rules, stored_version
from framework.wording import finding_why, labels_of


@dataclass(frozen=True)
class DerivationPlan:
    create: dict[str, frozenset[str]]
    keep: dict[str, frozenset[str]]
    flag: frozenset[str]


def plan_rederive(derived: Mapping[str, frozenset[str]], existing: Iterable[str]) -> DerivationPlan:
    """``derived``: statement code -> triggering options; ``existing``: statement codes that
    already have a finding."""
    existing = set(existing)
    return DerivationPlan(
        create={code: opts for code, opts in derived.items() if code not in existing},
        keep={code: opts for code, opts in derived.items() if code in existing},
        flag=frozenset(existing - set(derived)),
    )


def chosen_option_codes(assessment: Assessment) -> set[str]:
    """The options of all answers that are not 'unknown'."""
    return set(
        Answer.objects.filter(assessment=assessment, unknown=False).values_list(
            "options__code", flat=True
        )
    ) - {None}


@transaction.atomic
def findings_rederive(assessment: Assessment, rules: Rules | None = None) -> DerivationPlan:
    # Given rules are the caller's (the seeder's, of the current rows); otherwise the rules
    # and texts of the framework version the assessment was made with.
    stored = None
    if rules is None:
        stored = stored_version(assessment.framework_version)
        rules = stored.rules if stored is not None else current_rules()
    derived = rules.derive(chosen_option_codes(assessment))
    findings = {
        f.statement.code: f
        for f in Finding.objects.filter(assessment=assessment, statement__isnull=False)
        .select_related("statement")
        .select_for_update()
        if f.statement is not None
    }
    plan = plan_rederive(derived, findings)

    # Statements of the assessment's own framework version, with that version's texts.
    statements = list(
        Statement.all_versions.filter(code__in=plan.create).select_related("criterion")
    )
    if stored is not None:
        stored.show_texts("statement", statements)
    # bulk_create_with_history: bulk writes still leave an audit trail.
    bulk_create_with_history(
        [
            Finding(
                assessment=assessment,
                statement=s,
                criterion=s.criterion,
                kind=s.kind,
                title_nl=s.title_nl,
                title_en=s.title_en,
                explanation_nl=s.explanation_nl,
                explanation_en=s.explanation_en,
                suggested_action_nl=s.action_nl,
                suggested_action_en=s.action_en,
                triggered_by=sorted(plan.create[s.code]),
                order=s.order,
            )
            for s in statements
        ],
        Finding,
    )
    # Changed findings are written in one bulk update with their history rows, so the
    # number of queries does not grow with the number of findings.
    now = timezone.now()
    changed = []
    for code, options in plan.keep.items():
        finding = findings[code]
        if finding.no_longer_triggered or finding.triggered_by != sorted(options):
            finding.no_longer_triggered = False
            finding.flag_resolved = False
            finding.triggered_by = sorted(options)
            changed.append(finding)
    for code in plan.flag:
        finding = findings[code]
        if not finding.no_longer_triggered:
            finding.no_longer_triggered = True
            finding.flag_resolved = False
            changed.append(finding)
    for finding in changed:
        finding.updated_at = now
    if changed:
        bulk_update_with_history(
            changed,
            Finding,
            ["no_longer_triggered", "flag_resolved", "triggered_by", "updated_at"],
            batch_size=500,
        )
    return plan


def answered_codes(assessment: Assessment) -> tuple[set[str], set[str]]:
    """The chosen option codes (of answers that are not 'unknown') and the codes of the
    questions answered 'onbekend', in two queries."""
    chosen = set(
        Answer.options.through.objects.filter(
            answer__assessment=assessment, answer__unknown=False
        ).values_list("option__code", flat=True)
    )
    unknown = set(
        Answer.objects.filter(assessment=assessment, unknown=True).values_list(
            "question__code", flat=True
        )
    )
    return chosen, unknown


def attach_explanations(assessment: Assessment, findings: Iterable[Finding]) -> None:
    """Give every derived finding a ``why`` (see ``framework.wording.FindingWhy``): the
    answers that raised it, what would switch it off and which answers are still open.

    Uses the rules of the assessment's framework version (the current ones when that version
    is not stored); own additions and findings whose statement has no rule get none.
    """
    findings = [f for f in findings if f.statement_id is not None]
    if not findings:
        return
    stored = stored_version(assessment.framework_version)
    rules = stored.rules if stored is not None else current_rules()
    names = labels_of(stored)
    chosen, unknown = answered_codes(assessment)
    for finding in findings:
        assert finding.statement is not None  # filtered above
        code = finding.statement.code
        # ``why`` is set on the instance for the templates; it is not a model field.
        if rules.rule_for(code) is None:
            setattr(finding, "why", None)  # noqa: B010
            continue
        setattr(finding, "why", finding_why(rules.explain(code, chosen, unknown), names))  # noqa: B010

"""Confirming all derived findings of one criterion at once, with one shared motivation.

Reviewing 38 findings one page at a time took 76 page loads; most are confirmed with the same
reason ("bevestigd op basis van de antwoorden en de site"). Each finding stays editable on its
own page afterwards.
"""

from django.db import transaction

from assessments.models import Assessment, Finding, Verdict
from assessments.services import _bump_lock
from framework.models import Criterion


def findings_to_confirm(assessment: Assessment, criterion: Criterion) -> list[Finding]:
    """The derived findings of ``criterion`` that still wait for a first decision.

    A finding that no longer follows from the answers is left out: it asks for a deliberate
    choice between confirming and "niet van toepassing", one at a time.
    """
    return list(
        assessment.findings.filter(
            criterion=criterion,
            statement__isnull=False,
            verdict=Verdict.OPEN,
            no_longer_triggered=False,
        ).order_by("kind", "order", "pk")
    )


@transaction.atomic
def findings_confirm_all(
    *,
    assessment: Assessment,
    criterion: Criterion,
    expected_version: int | None,
    motivation: str,
    priority: str = "",
) -> list[Finding]:
    """Confirm every open derived finding of the criterion with the same motivation.

    An uitdaging gets ``priority`` and the framework's suggested action; without a suggested
    action its action is marked "nog te bepalen", so that nothing looks filled in that is not.
    Raises ``AssessmentConflict`` when the assessment was saved by someone else meanwhile.
    """
    _bump_lock(assessment, expected_version)
    confirmed = []
    for finding in findings_to_confirm(assessment, criterion):
        finding.verdict = Verdict.CONFIRMED
        finding.motivation = motivation
        if finding.is_challenge:
            finding.priority = priority
            finding.action = finding.action or finding.suggested_action
            finding.action_pending = not finding.action
        finding.full_clean()
        finding.save()
        confirmed.append(finding)
    return confirmed

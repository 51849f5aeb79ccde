"""What changed between two editions of one platform's assessment.

Answers are matched by question code, findings by statement code (an own finding by its
title), so editions on different framework versions still line up. Only findings that stand
in the results count as present: a finding set to "niet van toepassing" in the newer edition
reads as removed.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from assessments.models import Answer, Assessment, Finding
from framework.models import Option


@dataclass(frozen=True)
class AnswerChange:
    question: str
    before: str
    after: str


@dataclass(frozen=True)
class FindingChange:
    finding: Finding
    before: str
    after: str


@dataclass
class EditionDiff:
    older: Assessment
    newer: Assessment
    answers: list[AnswerChange] = field(default_factory=list)
    added: list[Finding] = field(default_factory=list)
    removed: list[Finding] = field(default_factory=list)
    verdicts: list[FindingChange] = field(default_factory=list)
    actions: list[FindingChange] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.answers or self.added or self.removed or self.verdicts or self.actions)


def _answers(assessment: Assessment) -> dict[str, tuple[str, str, int]]:
    """question code -> (question text, answer as text, order key)."""
    rows = (
        Answer.objects.filter(assessment=assessment)
        .select_related("question__characteristic")
        .prefetch_related(Prefetch("options", queryset=Option.objects.order_by("order", "code")))
    )
    out = {}
    for answer in rows:
        if answer.unknown:
            text = _("Onbekend")
        else:
            text = "; ".join(o.label for o in answer.options.all()) or _("(geen antwoord)")
        order = answer.question.characteristic.order * 1000 + answer.question.order
        out[answer.question.code] = (answer.question.label, text, order)
    return out


def _key(finding: Finding) -> str:
    return finding.statement.code if finding.statement_id else f"own:{finding.title_nl}"


def _findings(assessment: Assessment) -> dict[str, Finding]:
    rows = assessment.findings.select_related("statement", "criterion").order_by(
        "criterion__order", "kind", "order", "pk"
    )
    return {_key(f): f for f in rows}


def edition_diff(older: Assessment, newer: Assessment) -> EditionDiff:
    """The changes from ``older`` to ``newer`` (two editions of one platform)."""
    diff = EditionDiff(older=older, newer=newer)
    before, after = _answers(older), _answers(newer)
    none = _("(geen antwoord)")
    for code in sorted(set(before) | set(after), key=lambda c: (after.get(c) or before[c])[2]):
        old_text = before[code][1] if code in before else none
        new_text = after[code][1] if code in after else none
        if old_text != new_text:
            label = (after.get(code) or before[code])[0]
            diff.answers.append(AnswerChange(question=label, before=old_text, after=new_text))

    old_findings, new_findings = _findings(older), _findings(newer)
    for key, finding in new_findings.items():
        previous = old_findings.get(key)
        if finding.counts and (previous is None or not previous.counts):
            diff.added.append(finding)
        elif previous is not None and previous.counts and not finding.counts:
            diff.removed.append(previous)
        if previous is None:
            continue
        if previous.verdict != finding.verdict:
            diff.verdicts.append(
                FindingChange(
                    finding=finding,
                    before=previous.get_verdict_display(),
                    after=finding.get_verdict_display(),
                )
            )
        # An action matters only while the finding stands; a dropped one is listed above.
        both_count = previous.counts and finding.counts
        if both_count and (previous.action, previous.action_owner) != (
            finding.action,
            finding.action_owner,
        ):
            diff.actions.append(
                FindingChange(finding=finding, before=previous.action, after=finding.action)
            )
    for key, previous in old_findings.items():
        if key not in new_findings and previous.counts:
            diff.removed.append(previous)
    return diff


def previous_published(assessment: Assessment) -> Assessment | None:
    """The edition a report compares with: the latest published one before this one."""
    return (
        Assessment.objects.published()
        .filter(platform_id=assessment.platform_id, edition__lt=assessment.edition)
        .order_by("-edition")
        .first()
    )


def report_edition_diff(assessment: Assessment) -> EditionDiff | None:
    """For a report's appendix: the changes since the previous published edition, if any."""
    older = previous_published(assessment)
    return edition_diff(older, assessment) if older is not None else None

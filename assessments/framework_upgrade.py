"""Moving a concept to the current framework version: what would change, before it does.

A concept made with an earlier framework version keeps that version until an author chooses
"Bijwerken naar versie X"; this module tells them first what that would change.
"""

from dataclasses import dataclass, field

from assessments.models import Assessment
from assessments.questionnaire import QuestionnaireState
from framework.models import Statement
from framework.versions import current_label


@dataclass
class UpgradePreview:
    target: str
    reworded: list[tuple[str, str]] = field(default_factory=list)
    dropped_questions: list[str] = field(default_factory=list)
    dropped_options: list[tuple[str, str]] = field(default_factory=list)
    new_questions: list[str] = field(default_factory=list)
    findings_added: list[str] = field(default_factory=list)
    findings_flagged: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (
            self.reworded
            or self.dropped_questions
            or self.dropped_options
            or self.new_questions
            or self.findings_added
            or self.findings_flagged
        )


def needs_upgrade(assessment: Assessment) -> bool:
    label = current_label()
    return bool(label) and assessment.is_editable and assessment.framework_version != label


def upgrade_preview(assessment: Assessment) -> UpgradePreview:
    """What moving ``assessment`` to the current version would change (nothing is written)."""
    old = QuestionnaireState.load(assessment)
    target = current_label() or ""
    current = Assessment(pk=assessment.pk, framework_version=target)
    new = QuestionnaireState.load(current)
    preview = UpgradePreview(target=target)
    new_questions = {q.code: q for c in new.steps for q in c.questions.all()}
    old_questions = {q.code: q for c in old.steps for q in c.questions.all()}
    new_options = {o.code for q in new_questions.values() for o in q.options.all()}
    for code, question in old_questions.items():
        answered = question.pk in old.answers
        if code not in new_questions:
            if answered:
                preview.dropped_questions.append(question.label)
        elif question.label != new_questions[code].label:
            preview.reworded.append((question.label, new_questions[code].label))
    for code, question in new_questions.items():
        if code not in old_questions:
            preview.new_questions.append(question.label)
    for answer in old.answers.values():
        for option in answer.options.all():
            if option.code not in new_options:
                question = old_questions.get(answer.question.code) or answer.question
                preview.dropped_options.append((question.label, option.label))
    chosen = {o for o in old.chosen if o in new_options}
    derived = new.rules.derive(chosen)
    existing = {
        f.statement.code: f
        for f in assessment.findings.filter(statement__isnull=False).select_related("statement")
    }
    for statement in Statement.objects.filter(code__in=set(derived) - set(existing)):
        preview.findings_added.append(statement.title)
    for code, finding in existing.items():
        if code not in derived and not finding.no_longer_triggered:
            preview.findings_flagged.append(finding.title)
    return preview

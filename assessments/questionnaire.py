"""The questionnaire's structure: steps, which questions apply, and the task list's statuses."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from assessments.models import Answer, Assessment, Finding
from framework.models import Characteristic, Criterion, Option, Question
from framework.rules import Rules
from framework.versions import current_rules, stored_version
from inclusief.caching import framework_data

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
DONE = "done"
TO_REVISE = "to_revise"
STATUS_LABELS = {
    NOT_STARTED: _("Niet gestart"),
    IN_PROGRESS: _("Bezig"),
    DONE: _("Klaar"),
    TO_REVISE: _("Opmerking van de reviewer"),
}


@dataclass
class Task:
    key: str
    title: str
    url: str
    status: str
    detail: str = ""

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


def _steps(
    characteristics: QuerySet[Characteristic],
    questions: QuerySet[Question],
    options: QuerySet[Option],
) -> list[Characteristic]:
    """The characteristics with their questions, options and show-if options prefetched."""
    questions = questions.order_by("order", "code").prefetch_related(
        Prefetch("options", queryset=options.order_by("order", "code")), "shown_if"
    )
    return list(characteristics.prefetch_related(Prefetch("questions", queryset=questions)))


def _current_steps() -> list[Characteristic]:
    """The current framework's questionnaire; cached with the framework (``framework_data``),
    so a step page does not read the ~250 rows of the framework on every request."""
    return _steps(Characteristic.objects.all(), Question.objects.all(), Option.objects.all())


@dataclass
class QuestionnaireState:
    """Everything the questionnaire pages need, read in a fixed number of queries."""

    assessment: Assessment
    steps: list[Characteristic]
    answers: dict[int, Answer]
    rules: Rules
    chosen: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, assessment: Assessment) -> "QuestionnaireState":
        """The questionnaire of the framework version the assessment was made with.

        On the current version that is the current rows; on an earlier one, the rows of
        that version (also retired ones) with that version's texts, so that a later load of
        the framework never changes what an assessment asks or shows.
        """
        stored = stored_version(assessment.framework_version)
        if stored is None:
            steps = framework_data("questionnaire-current", _current_steps)
        else:
            steps = _steps(
                Characteristic.all_versions.filter(code__in=stored.codes("characteristic")),
                Question.all_versions.filter(code__in=stored.codes("question")),
                Option.all_versions.filter(code__in=stored.codes("option")),
            )
        answers = {
            a.question_id: a
            for a in Answer.objects.filter(assessment=assessment).prefetch_related("options")
        }
        if stored is not None:
            stored.show_texts("characteristic", steps)
            stored.show_texts("question", [q for c in steps for q in c.questions.all()])
            stored.show_texts(
                "option", [o for c in steps for q in c.questions.all() for o in q.options.all()]
            )
            stored.show_texts("option", [o for a in answers.values() for o in a.options.all()])
        chosen = {o.code for a in answers.values() if not a.unknown for o in a.options.all()}
        return cls(
            assessment=assessment,
            steps=steps,
            answers=answers,
            rules=stored.rules if stored is not None else current_rules(),
            chosen=chosen,
        )

    def step_number(self, characteristic: Characteristic) -> int:
        return next(i for i, c in enumerate(self.steps, start=1) if c.pk == characteristic.pk)

    def visible_codes(self, chosen: set[str] | None = None) -> set[str]:
        return self.rules.visible_questions(self.chosen if chosen is None else chosen)

    def visible_questions(
        self, characteristic: Characteristic, chosen: set[str] | None = None
    ) -> list[Question]:
        visible = self.visible_codes(chosen)
        return [q for q in characteristic.questions.all() if q.code in visible]

    def hidden_answered(self, characteristic: Characteristic) -> list[Question]:
        """Questions no longer asked whose earlier answer is kept but does not count."""
        visible = self.visible_codes()
        return [
            q
            for q in characteristic.questions.all()
            if q.code not in visible and q.pk in self.answers
        ]

    def is_answered(self, question: Question) -> bool:
        answer = self.answers.get(question.pk)
        return bool(answer and (answer.unknown or answer.options.all()) and not answer.prefilled)

    def step_status(self, characteristic: Characteristic) -> tuple[str, int, int, int]:
        questions = self.visible_questions(characteristic)
        answered = sum(1 for q in questions if self.is_answered(q))
        prefilled = sum(
            1 for q in questions if q.pk in self.answers and self.answers[q.pk].prefilled
        )
        if questions and answered == len(questions):
            status = DONE
        elif answered:
            status = IN_PROGRESS
        else:
            status = NOT_STARTED
        return status, answered, len(questions), prefilled


def review_status(findings: list[Finding], questions_done: bool = True) -> str:
    """A criterion without findings is done only once all questions are answered."""
    if not findings:
        return DONE if questions_done else NOT_STARTED
    if any(f.comment_open for f in findings):
        # Sent back with a remark here: not finished until the author has dealt with it.
        return TO_REVISE
    open_ = [f for f in findings if f.needs_decision]
    if not open_:
        return DONE
    return IN_PROGRESS if len(open_) < len(findings) else NOT_STARTED


def findings_by_criterion(assessment: Assessment) -> dict[int, list[Finding]]:
    grouped: dict[int, list[Finding]] = {}
    for finding in assessment.findings.select_related("statement").order_by("kind", "order", "pk"):
        grouped.setdefault(finding.criterion_id, []).append(finding)
    return grouped


def criteria() -> list[Criterion]:
    return list(Criterion.objects.all())

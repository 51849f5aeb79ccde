"""Submitting one questionnaire step: what is saved, which follow-ups appear, where to go next.

The step view only reads the request and renders or redirects; every decision about the
questions lives here, so that it can be tested without HTTP.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from django.urls import reverse

from assessments import services
from assessments.models import Assessment
from assessments.questionnaire import QuestionnaireState
from assessments.questionnaire_forms import StepForm
from framework.models import Characteristic, Question


class Destination(StrEnum):
    """Where the analyst goes after a step was saved."""

    NEXT_STEP = "next_step"  # the following characteristic
    SAME_STEP = "same_step"  # back to this step, at the first new follow-up question
    CHECK_ANSWERS = "check_answers"  # after the last step: "Antwoorden controleren"
    TASK_LIST = "task_list"  # "Opslaan en later verder": leave the questionnaire


@dataclass
class StepOutcome:
    """The result of :func:`step_submit`.

    ``form`` holds the errors when nothing was saved; ``saved`` lists the questions whose
    answers were stored; ``follow_ups`` the questions that apply because of this answer and
    still wait for one; ``destination`` and ``next_step`` say where the user goes now.
    """

    form: StepForm
    visible: list[Question]
    saved: list[Question] = field(default_factory=list)
    follow_ups: list[Question] = field(default_factory=list)
    destination: Destination | None = None
    next_step: Characteristic | None = None

    @property
    def is_saved(self) -> bool:
        return self.destination is not None

    def url(self, assessment: Assessment) -> str:
        """The address to redirect to after a successful save."""
        if self.destination == Destination.TASK_LIST:
            return assessment.get_absolute_url()
        if self.destination == Destination.CHECK_ANSWERS:
            return reverse("assessments:check_answers", kwargs={"uuid": assessment.uuid})
        assert self.next_step is not None
        url = reverse(
            "assessments:step", kwargs={"uuid": assessment.uuid, "code": self.next_step.code}
        )
        if self.destination == Destination.SAME_STEP and self.follow_ups:
            url += "#" + self.follow_ups[0].code
        return url


def step_form(
    state: QuestionnaireState, characteristic: Characteristic, data: Mapping | None = None
) -> StepForm:
    """The form of one step, bound to ``data`` when given."""
    return StepForm(data, questions=list(characteristic.questions.all()), answers=state.answers)


def step_submit(
    *,
    state: QuestionnaireState,
    characteristic: Characteristic,
    data: Mapping,
    leave: bool,
) -> StepOutcome:
    """Validate and save the answers of one step.

    ``leave`` is the choice "Opslaan en later verder": the analyst always leaves the step, even
    when follow-up questions appeared (they wait on the task list). Otherwise new unanswered
    follow-ups bring the analyst back to this step; after the last step comes the page
    "Antwoorden controleren". Raises :class:`services.AssessmentConflict` when someone else
    saved the assessment since the form was opened; nothing is saved then.
    """
    form = step_form(state, characteristic, data)
    visible_before = state.visible_questions(characteristic)
    if not form.is_valid():
        shown = state.visible_questions(characteristic, state.chosen | form.safe_chosen_codes())
        return StepOutcome(form=form, visible=shown)

    questions = list(characteristic.questions.all())
    on_this_step = {q.code for q in questions}
    chosen_elsewhere = {
        c for c in state.chosen if state.rules.option_question.get(c) not in on_this_step
    }
    now_visible = state.visible_questions(characteristic, chosen_elsewhere | form.chosen_codes())
    services.answers_save(
        assessment=state.assessment,
        inputs=form.answer_inputs(now_visible),
        expected_version=form.cleaned_data["lock_version"],
    )
    # Follow-ups answered in the same go (shown at once by the page's script) need no
    # second round; unanswered ones are the ones that "appeared".
    follow_ups = [
        q for q in now_visible if q not in visible_before and not form.cleaned_data.get(q.code)
    ]
    number = state.step_number(characteristic)
    outcome = StepOutcome(form=form, visible=now_visible, saved=now_visible, follow_ups=follow_ups)
    if leave:
        outcome.destination = Destination.TASK_LIST
    elif follow_ups:
        outcome.destination = Destination.SAME_STEP
        outcome.next_step = characteristic
    elif number == len(state.steps):
        outcome.destination = Destination.CHECK_ANSWERS
    else:
        outcome.destination = Destination.NEXT_STEP
        outcome.next_step = state.steps[number]
    return outcome

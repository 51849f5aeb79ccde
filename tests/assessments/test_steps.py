"""step_submit: what a questionnaire step saves and where the analyst goes next (no HTTP)."""

import pytest

from assessments import services
from assessments.questionnaire import QuestionnaireState
from assessments.steps import Destination, step_submit
from tests.assessments.builders import platform, user_with_role


@pytest.fixture
def assessment(fw):
    return services.assessment_start(platform=platform(), owner=user_with_role("ana"))


def submit(assessment, code: str, data: dict, *, leave: bool = False):
    assessment.refresh_from_db()
    state = QuestionnaireState.load(assessment)
    characteristic = next(c for c in state.steps if c.code == code)
    return step_submit(
        state=state,
        characteristic=characteristic,
        data={"lock_version": assessment.lock_version, **data},
        leave=leave,
    )


def test_the_first_step_saves_its_answers_and_leads_to_the_second(assessment, fw):
    outcome = submit(
        assessment, "werk", {"mode": fw["options"]["online"].pk, "community": "unknown"}
    )
    assert [q.code for q in outcome.saved] == ["mode", "community"]
    assert outcome.follow_ups == []
    assert outcome.destination == Destination.NEXT_STEP
    assert outcome.next_step.code == "beoordeling"
    assert outcome.url(assessment) == f"/beoordelingen/{assessment.uuid}/vragen/beoordeling/"
    assert assessment.answers.get(question__code="community").unknown is True


def test_a_new_follow_up_brings_the_analyst_back_to_it(assessment, fw):
    outcome = submit(assessment, "beoordeling", {"rates": fw["options"]["rated"].pk})
    assert [q.code for q in outcome.follow_ups] == ["how"]
    assert outcome.destination == Destination.SAME_STEP
    assert outcome.url(assessment) == f"/beoordelingen/{assessment.uuid}/vragen/beoordeling/#how"


def test_save_and_later_leaves_even_when_a_follow_up_appeared(assessment, fw):
    outcome = submit(assessment, "beoordeling", {"rates": fw["options"]["rated"].pk}, leave=True)
    assert [q.code for q in outcome.follow_ups] == ["how"]
    assert outcome.destination == Destination.TASK_LIST
    assert outcome.url(assessment) == f"/beoordelingen/{assessment.uuid}/"


def test_after_the_last_step_comes_check_answers(assessment, fw):
    outcome = submit(
        assessment,
        "beoordeling",
        {"rates": fw["options"]["rated"].pk, "how": [fw["options"]["stars"].pk]},
    )
    assert outcome.follow_ups == []
    assert outcome.destination == Destination.CHECK_ANSWERS
    assert outcome.url(assessment) == f"/beoordelingen/{assessment.uuid}/antwoorden/"


def test_an_invalid_step_saves_nothing_and_keeps_its_follow_ups_on_screen(assessment, fw):
    outcome = submit(
        assessment,
        "beoordeling",
        {"rates": fw["options"]["rated"].pk, "rates-consulted_on": "gisteren"},
    )
    assert outcome.is_saved is False
    assert outcome.saved == []
    assert [q.code for q in outcome.visible] == ["rates", "how"]
    assert outcome.form.errors["rates-consulted_on"] == [
        "Datum van raadplegen bij ‘Worden werkers beoordeeld?’: geef een geldige datum, "
        "bijvoorbeeld 2026-03-31."
    ]
    assert not assessment.answers.filter(question__code="rates", prefilled=False).exists()


def test_a_stale_lock_version_raises_a_conflict_and_saves_nothing(assessment, fw):
    state = QuestionnaireState.load(assessment)
    services.answers_save(assessment=assessment, inputs=[], expected_version=None)
    with pytest.raises(services.AssessmentConflict):
        step_submit(
            state=state,
            characteristic=state.steps[0],
            data={"lock_version": 1, "mode": fw["options"]["online"].pk},
            leave=False,
        )
    assert not assessment.answers.filter(question__code="mode", prefilled=False).exists()

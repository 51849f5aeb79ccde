import pytest

from assessments import services
from assessments.derive import plan_rederive
from assessments.models import Verdict
from framework.models import Statement
from tests.assessments.builders import platform, small_framework, user_with_role


def test_plan_creates_new_keeps_existing_and_flags_the_rest():
    derived = {"a": frozenset({"x"}), "b": frozenset()}
    plan = plan_rederive(derived, existing=["b", "c"])
    assert plan.create == {"a": frozenset({"x"})}
    assert plan.keep == {"b": frozenset()}
    assert plan.flag == frozenset({"c"})


@pytest.fixture
def setup(db):
    fw = small_framework()
    analist = user_with_role("ana")
    assessment = services.assessment_start(platform=platform(), owner=analist)
    return fw, assessment


def answer(assessment, fw, question_code: str, *option_keys: str, unknown: bool = False):
    from framework.models import Question

    question = Question.objects.get(code=question_code)
    services.answers_save(
        assessment=assessment,
        inputs=[
            services.AnswerInput(
                question=question,
                option_ids=[fw["options"][k].pk for k in option_keys],
                unknown=unknown,
            )
        ],
        expected_version=None,
    )


def codes(assessment) -> dict[str, bool]:
    return {f.statement.code: f.no_longer_triggered for f in assessment.findings.all()}


def test_a_new_assessment_starts_with_the_general_statements(setup):
    _, assessment = setup
    assert codes(assessment) == {"u-monitoring": False}


def test_answers_derive_the_statements_their_options_trigger(setup):
    fw, assessment = setup
    answer(assessment, fw, "mode", "online")
    answer(assessment, fw, "community", "no-community")
    assert codes(assessment) == {"u-monitoring": False, "k-online": False, "u-isolation": False}


def test_unknown_derives_nothing(setup):
    fw, assessment = setup
    answer(assessment, fw, "mode", unknown=True)
    assert codes(assessment) == {"u-monitoring": False}


def test_rederive_keeps_the_review_of_a_finding_that_is_still_triggered(setup):
    fw, assessment = setup
    answer(assessment, fw, "mode", "online")
    finding = assessment.findings.get(statement__code="k-online")
    assessment.refresh_from_db()
    services.finding_review(
        finding=finding,
        expected_version=assessment.lock_version,
        verdict=Verdict.CONFIRMED,
        motivation="Klopt, alles gaat via de app.",
    )
    answer(assessment, fw, "community", "no-community")
    finding.refresh_from_db()
    assert finding.verdict == Verdict.CONFIRMED
    assert finding.motivation == "Klopt, alles gaat via de app."
    assert finding.no_longer_triggered is False


def test_a_finding_no_longer_triggered_is_flagged_not_deleted(setup):
    fw, assessment = setup
    answer(assessment, fw, "mode", "online")
    answer(assessment, fw, "mode", "physical")
    assert codes(assessment) == {"u-monitoring": False, "k-online": True}
    finding = assessment.findings.get(statement__code="k-online")
    assert finding.needs_decision is True
    assert finding.counts is False


def test_a_flagged_finding_triggered_again_loses_its_flag_and_keeps_its_review(setup):
    fw, assessment = setup
    answer(assessment, fw, "mode", "online")
    finding = assessment.findings.get(statement__code="k-online")
    assessment.refresh_from_db()
    services.finding_review(
        finding=finding,
        expected_version=assessment.lock_version,
        verdict=Verdict.CONFIRMED,
        motivation="Gezien op de site.",
    )
    answer(assessment, fw, "mode", "physical")
    answer(assessment, fw, "mode", "online")
    finding.refresh_from_db()
    assert (finding.no_longer_triggered, finding.verdict) == (False, Verdict.CONFIRMED)


def test_deciding_on_a_flagged_finding_resolves_it(setup):
    fw, assessment = setup
    answer(assessment, fw, "mode", "online")
    answer(assessment, fw, "mode", "physical")
    finding = assessment.findings.get(statement__code="k-online")
    assessment.refresh_from_db()
    services.finding_review(
        finding=finding,
        expected_version=assessment.lock_version,
        verdict=Verdict.NOT_APPLICABLE,
        motivation="Geen online werk meer.",
    )
    finding.refresh_from_db()
    assert finding.needs_decision is False
    assert services.open_findings(assessment) == 1  # only the general one is still open


def test_an_answer_to_a_question_that_no_longer_applies_is_kept_but_does_not_count(setup):
    fw, assessment = setup
    answer(assessment, fw, "rates", "rated")
    answer(assessment, fw, "how", "stars")
    assert "u-stars" in codes(assessment)
    answer(assessment, fw, "rates", "not-rated")
    assert codes(assessment)["u-stars"] is True  # flagged
    kept = assessment.answers.get(question__code="how")
    assert [o.code for o in kept.options.all()] == ["how-stars"]


def test_findings_keep_their_text_when_the_framework_changes_later(setup):
    fw, assessment = setup
    answer(assessment, fw, "mode", "online")
    Statement.objects.filter(code="k-online").update(title_nl="Nieuwe tekst")
    finding = assessment.findings.get(statement__code="k-online")
    assert finding.title == "Online werk kan vanuit huis"


def test_starting_prefills_answers_from_the_catalogue_profile(db):
    from assessments.models import ProfileAnswer
    from framework.models import Question

    fw = small_framework()
    p = platform("Onlinewerk")
    profile = ProfileAnswer.objects.create(
        platform=p,
        question=Question.objects.get(code="mode"),
        source_url="https://voorbeeld.nl/over",
        note="Volgens de site",
    )
    profile.options.add(fw["options"]["online"])
    assessment = services.assessment_start(platform=p, owner=user_with_role("bob"))
    prefilled = assessment.answers.get(question__code="mode")
    assert prefilled.prefilled is True
    assert prefilled.source_url == "https://voorbeeld.nl/over"
    assert [o.code for o in prefilled.options.all()] == ["mode-online"]
    assert "k-online" in codes(assessment)

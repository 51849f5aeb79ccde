"""Wat als in the browser's terms: try, save, approve; drafts stay internal."""

import re

import pytest
from django.test import Client

from assessments.models import Answer, AssessmentStatus, Scenario, ScenarioStatus
from assessments.reports import assessment_report
from tests.assessments.factories import AnswerFactory, PublishedAssessmentFactory
from tests.users import make_user


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def setup(fw):
    author = make_user("anna@example.org", "analist", password=None, first_name="Anna")
    reviewer = make_user("rob@example.org", "analist", password=None, first_name="Rob")
    assessment = PublishedAssessmentFactory(
        platform__name="Klusplein", owner=author, reviewer=reviewer
    )
    o = fw["options"]
    for option in ("online", "no-community", "rated", "stars"):
        AnswerFactory(assessment=assessment, question=o[option].question, options=[o[option]])
    return {"author": author, "reviewer": reviewer, "assessment": assessment, "fw": fw}


def _answers(setup, **changes) -> dict[str, object]:
    data = {
        "q-mode": "mode-online",
        "q-community": "community-no",
        "q-rates": "rates-yes",
        "q-how": ["how-stars"],
    }
    data.update({f"q-{k}": v for k, v in changes.items()})
    return data


def test_anyone_may_try_a_scenario_on_a_published_assessment(client, setup):
    url = f"/beoordelingen/{setup['assessment'].uuid}/wat-als/"

    page = _text(client.get(url))
    tried = _text(client.post(url, {**_answers(setup, community="community-yes"), "bekijk": "1"}))

    assert "Beste stappen" in page
    assert "Scenario bewaren" not in page
    assert "<strong>Is er een community?</strong>: <del>Nee</del>" in tried
    assert "Uitdaging opgelost</span> Risico op isolement" in tried
    assert Scenario.objects.count() == 0
    assert Answer.objects.get(question__code="community").options.get().code == "community-no"


def test_best_steps_name_the_question_and_the_answer_to_choose(client, setup):
    page = _text(client.get(f"/beoordelingen/{setup['assessment'].uuid}/wat-als/"))

    steps = page[page.index("Beste stappen") : page.index("Wat verandert er?")]
    assert steps.index("Is er een community?") < steps.index("Worden werkers beoordeeld?")
    assert "<del>Nee</del>" in steps and "<ins>Ja</ins>" in steps
    assert "Lost op</span> Risico op isolement" in steps


def test_the_script_gets_only_the_result(client, setup):
    response = client.post(
        f"/beoordelingen/{setup['assessment'].uuid}/wat-als/",
        {**_answers(setup, community="community-yes"), "bekijk": "1"},
        headers={"X-Whatif-Fragment": "1"},
    )

    html = response.content.decode()
    assert "<html" not in html
    assert "Risico op isolement" in html


def test_an_author_saves_a_scenario_as_a_concept(client, setup):
    client.force_login(setup["author"])

    response = client.post(
        f"/beoordelingen/{setup['assessment'].uuid}/wat-als/",
        {
            **_answers(setup, community="community-yes"),
            "bewaar": "1",
            "title": "Als het platform een forum opent",
            "motivation": "Contact met andere werkers helpt tegen isolement.",
        },
    )

    scenario = Scenario.objects.get()
    assert response.status_code == 302
    assert response["Location"] == scenario.get_absolute_url()
    assert scenario.changes == {"community": {"options": ["community-yes"], "unknown": False}}
    assert scenario.status == ScenarioStatus.DRAFT
    assert scenario.author == setup["author"]


def test_saving_without_a_change_or_a_title_says_what_is_missing(client, setup):
    client.force_login(setup["author"])
    url = f"/beoordelingen/{setup['assessment'].uuid}/wat-als/"

    no_change = client.post(
        url, {**_answers(setup), "bewaar": "1", "title": "T", "motivation": "M"}
    )
    no_title = client.post(url, {**_answers(setup, community="community-yes"), "bewaar": "1"})

    assert no_change.status_code == 400
    assert "Dit scenario verandert geen enkel antwoord." in _text(no_change)
    assert no_title.status_code == 400
    assert "Geef het scenario een titel." in _text(no_title)
    # What was typed is still there.
    assert 'value="community-yes" checked' in no_title.content.decode()
    assert Scenario.objects.count() == 0


def test_a_second_scenario_with_the_same_title_is_refused(client, setup):
    client.force_login(setup["author"])
    url = f"/beoordelingen/{setup['assessment'].uuid}/wat-als/"
    data = {**_answers(setup, community="community-yes"), "bewaar": "1", "motivation": "M"}
    client.post(url, {**data, "title": "Forum"})

    response = client.post(url, {**data, "title": "forum"})

    assert response.status_code == 400
    assert "Er is al een scenario met deze titel bij deze beoordeling." in _text(response)
    assert Scenario.objects.count() == 1


def test_someone_who_is_not_an_author_cannot_save(client, setup):
    client.force_login(make_user("ot@example.org", "analist", password=None))

    response = client.post(
        f"/beoordelingen/{setup['assessment'].uuid}/wat-als/",
        {
            **_answers(setup, community="community-yes"),
            "bewaar": "1",
            "title": "T",
            "motivation": "M",
        },
    )

    assert response.status_code == 403
    assert Scenario.objects.count() == 0


def _scenario(setup, **fields) -> Scenario:
    return Scenario.objects.create(
        assessment=setup["assessment"],
        author=setup["author"],
        title=fields.pop("title", "Forum"),
        motivation="Contact helpt.",
        changes={"community": {"options": ["community-yes"], "unknown": False}},
        **fields,
    )


def test_a_concept_scenario_is_internal(client, setup):
    scenario = _scenario(setup)

    results = _text(client.get(f"/beoordelingen/{setup['assessment'].uuid}/resultaat/"))
    detail = client.get(scenario.get_absolute_url())

    assert "Forum" not in results
    assert "Er is nog geen goedgekeurd scenario bij deze beoordeling." in results
    assert detail.status_code == 404


def test_the_author_cannot_approve_their_own_scenario_but_the_reviewer_can(client, setup):
    scenario = _scenario(setup)
    url = f"{scenario.get_absolute_url()}goedkeuren/"

    client.force_login(setup["author"])
    assert client.post(url).status_code == 403
    client.force_login(setup["reviewer"])
    assert client.post(url).status_code == 302

    scenario.refresh_from_db()
    assert scenario.status == ScenarioStatus.APPROVED
    assert scenario.approved_by == setup["reviewer"]


def test_an_approved_scenario_is_public_on_the_results_and_in_the_report(client, setup):
    _scenario(setup, status=ScenarioStatus.APPROVED, approved_by=setup["reviewer"])
    client.logout()

    results = _text(client.get(f"/beoordelingen/{setup['assessment'].uuid}/resultaat/"))
    report = assessment_report(setup["assessment"])

    assert "Advies aan het platform" in results
    assert "Uitdaging opgelost</span> Risico op isolement" in results
    assert [a.scenario.title for a in report.advice] == ["Forum"]
    assert [s.title for s in report.advice[0].outcome.challenges_resolved] == [
        "Risico op isolement"
    ]


def test_an_approved_scenario_cannot_be_deleted_a_concept_can(client, setup):
    approved = _scenario(setup, title="A", status=ScenarioStatus.APPROVED)
    concept = _scenario(setup, title="B")
    client.force_login(setup["author"])

    assert client.post(f"{approved.get_absolute_url()}verwijderen/").status_code == 403
    assert client.post(f"{concept.get_absolute_url()}verwijderen/").status_code == 302
    assert list(Scenario.objects.values_list("title", flat=True)) == ["A"]


def test_a_concept_assessment_stays_hidden_from_strangers(client, setup):
    setup["assessment"].status = AssessmentStatus.CONCEPT
    setup["assessment"].save()
    client.force_login(make_user("ot@example.org", "analist", password=None))

    assert client.get(f"/beoordelingen/{setup['assessment'].uuid}/wat-als/").status_code == 404


def test_a_beheerder_may_delete_a_concept_scenario(client, setup):
    concept = _scenario(setup)
    client.force_login(make_user("bea@example.org", "beheerder", password=None))

    response = client.post(f"{concept.get_absolute_url()}verwijderen/")

    assert response.status_code == 302
    assert Scenario.objects.count() == 0


def test_the_pdf_has_an_advice_section_with_the_approved_scenario_only(setup):
    from assessments.reports import render_assessment_pdf
    from tests.assessments.test_reports import pdf_text

    _scenario(setup, title="Als er een forum komt", status=ScenarioStatus.APPROVED)
    _scenario(setup, title="Nog niet goedgekeurd")

    text = pdf_text(render_assessment_pdf(setup["assessment"], "nl"))

    assert "Advies aan het platform" in text
    assert "Als er een forum komt" in text
    assert "Uitdaging opgelost Risico op isolement" in text
    assert "Nog niet goedgekeurd" not in text


def test_an_approval_shows_at_once_on_the_stored_public_results_page(client, setup, settings):
    from django.core.cache import caches

    settings.PAGE_CACHE_SECONDS = 300
    caches["pages"].clear()
    scenario = _scenario(setup)
    url = f"/beoordelingen/{setup['assessment'].uuid}/resultaat/"
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"

    reviewer = Client()
    reviewer.force_login(setup["reviewer"])
    reviewer.post(f"{scenario.get_absolute_url()}goedkeuren/")

    page = client.get(url)
    assert page["X-Page-Cache"] == "miss"
    assert "Uitdaging opgelost</span> Risico op isolement" in _text(page)

"""The analyst's flow: last step, check answers, findings in bulk, priority and action."""

import pytest

from assessments import services
from assessments.models import Verdict
from tests.assessments.builders import platform, user_with_role


@pytest.fixture
def analist(db):
    return user_with_role("ana")


@pytest.fixture
def author(client, analist):
    client.force_login(analist)
    return client


@pytest.fixture
def assessment(fw, analist):
    return services.assessment_start(platform=platform(), owner=analist)


def test_the_last_step_leads_to_check_answers_which_leads_to_the_findings(author, assessment, fw):
    response = author.post(
        f"/beoordelingen/{assessment.uuid}/vragen/beoordeling/",
        {
            "lock_version": assessment.lock_version,
            "rates": fw["options"]["not-rated"].pk,
            "next": "continue",
        },
    )
    assert response["Location"] == f"/beoordelingen/{assessment.uuid}/antwoorden/"
    html = author.get(response["Location"]).content.decode()
    assert (
        f'<a class="btn btn-primary" href="/beoordelingen/{assessment.uuid}/bevindingen/'
        f'passend_werk/">Verder naar de bevindingen</a>' in html
    )


def test_save_and_later_leaves_the_step_even_when_follow_ups_appeared(author, assessment, fw):
    response = author.post(
        f"/beoordelingen/{assessment.uuid}/vragen/beoordeling/",
        {
            "lock_version": assessment.lock_version,
            "rates": fw["options"]["rated"].pk,
            "next": "later",
        },
    )
    assert response["Location"] == f"/beoordelingen/{assessment.uuid}/"
    html = author.get(response["Location"]).content.decode()
    assert (
        "Uw antwoorden zijn opgeslagen. Door uw antwoord zijn er vervolgvragen bijgekomen; "
        "die staan klaar als u verdergaat." in html
    )


def test_logging_out_says_so(author):
    response = author.post("/account/uitloggen/", follow=True)
    assert "U bent uitgelogd." in response.content.decode()


def bulk_url(assessment, criterion: str) -> str:
    return f"/beoordelingen/{assessment.uuid}/bevindingen/{criterion}/bevestigen/"


def test_all_derived_findings_of_a_criterion_are_confirmed_at_once(author, assessment):
    open_before = sorted(
        assessment.findings.filter(criterion__code="passend_werk", verdict="open").values_list(
            "statement__code", flat=True
        )
    )
    assert open_before == ["u-monitoring"]
    html = author.get(f"/beoordelingen/{assessment.uuid}/bevindingen/passend_werk/").content
    assert "Alle afgeleide bevindingen van dit criterium bevestigen" in html.decode()
    response = author.post(
        bulk_url(assessment, "passend_werk"),
        {
            "lock_version": assessment.lock_version,
            "motivation": "Gezien op de site",
            "priority": "medium",
        },
    )
    assert response.status_code == 302
    finding = assessment.findings.get(statement__code="u-monitoring")
    assert (finding.verdict, finding.motivation, finding.priority, finding.action) == (
        Verdict.CONFIRMED,
        "Gezien op de site",
        "medium",
        "Volg de belasting.",
    )
    assert finding.action_pending is False
    html = author.get(response["Location"]).content.decode()
    assert "1 bevinding is bevestigd." in html
    assert "Alle afgeleide bevindingen van dit criterium bevestigen" not in html


def test_bulk_confirm_without_motivation_or_priority_names_both_and_saves_nothing(
    author, assessment
):
    response = author.post(
        bulk_url(assessment, "passend_werk"), {"lock_version": assessment.lock_version}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Geef een korte motivering voor alle bevindingen." in html
    assert "Kies een prioriteit voor de uitdagingen." in html
    assert assessment.findings.get(statement__code="u-monitoring").verdict == "open"


def test_bulk_confirm_on_a_stale_page_shows_the_conflict_and_saves_nothing(author, assessment):
    stale = assessment.lock_version
    services.answers_save(assessment=assessment, inputs=[], expected_version=None)
    response = author.post(
        bulk_url(assessment, "passend_werk"),
        {"lock_version": stale, "motivation": "Gezien", "priority": "low"},
    )
    assert (
        "Deze beoordeling is intussen opgeslagen, in een ander venster of door iemand anders."
        in response.content.decode()
    )
    assert assessment.findings.get(statement__code="u-monitoring").verdict == "open"


def test_a_researcher_cannot_confirm_in_bulk(client, assessment):
    client.force_login(user_with_role("onno", "onderzoeker"))
    response = client.post(
        bulk_url(assessment, "passend_werk"),
        {"lock_version": assessment.lock_version, "motivation": "x", "priority": "low"},
    )
    assert response.status_code == 404


def review(author, assessment, finding, **data):
    url = f"/beoordelingen/{assessment.uuid}/bevinding/{finding.uuid}/"
    return author.post(
        url, {"lock_version": assessment.lock_version, "verdict": "confirmed", **data}
    )


def test_the_priority_of_a_challenge_has_no_preselected_value(author, assessment):
    finding = assessment.findings.get(statement__code="u-monitoring")
    html = author.get(f"/beoordelingen/{assessment.uuid}/bevinding/{finding.uuid}/").content
    html = html.decode()
    assert 'name="priority" id="id_priority_0" value="high">' in html
    assert "Geen prioriteit" not in html
    assert 'name="priority" id="id_priority_0" value="high" checked' not in html


def test_priority_high_needs_an_action_or_nog_te_bepalen(author, assessment):
    finding = assessment.findings.get(statement__code="u-monitoring")
    response = review(author, assessment, finding, motivation="Klopt", priority="high")
    assert (
        "Beschrijf wat er georganiseerd moet worden, of kies ‘nog te bepalen’: bij prioriteit "
        "hoog of middel hoort een actie." in response.content.decode()
    )
    response = review(
        author, assessment, finding, motivation="Klopt", priority="high", action_pending="on"
    )
    assert response.status_code == 302
    finding.refresh_from_db()
    assert (finding.priority, finding.action, finding.action_pending) == ("high", "", True)
    html = author.get(response["Location"]).content.decode()
    assert "Te organiseren: nog te bepalen" in html


def test_priority_low_needs_no_action(author, assessment):
    finding = assessment.findings.get(statement__code="u-monitoring")
    response = review(author, assessment, finding, motivation="Klopt", priority="low")
    assert response.status_code == 302
    finding.refresh_from_db()
    assert (finding.priority, finding.action, finding.action_pending) == ("low", "", False)


def test_a_visitor_reads_the_progress_without_being_addressed_as_its_author(client, assessment):
    from django.utils import timezone

    from assessments.models import AssessmentStatus

    assessment.status = AssessmentStatus.PUBLISHED
    assessment.published_at = timezone.now()
    assessment.save()
    html = client.get(f"/beoordelingen/{assessment.uuid}/").content.decode()
    assert "0 van 4 onderdelen zijn afgerond." in html
    assert "U heeft" not in html

import re

import pytest
from django.test import Client

from assessments import services
from assessments.models import Assessment, AssessmentStatus, Verdict
from framework.models import Question
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


def step_url(a: Assessment, code: str) -> str:
    return f"/beoordelingen/{a.uuid}/vragen/{code}/"


def title_of(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def test_an_analist_starts_an_assessment_from_a_platform(author, fw):
    p = platform("Helpers")
    response = author.post("/beoordelingen/nieuw/", {"platform": p.slug})
    assessment = Assessment.objects.get(platform=p)
    assert response.status_code == 302
    assert response["Location"] == f"/beoordelingen/{assessment.uuid}/"
    assert assessment.framework_version == "test-1"
    assert assessment.edition == 1


def test_a_researcher_may_not_start_an_assessment(client, fw):
    client.force_login(user_with_role("onno", "onderzoeker"))
    assert client.post("/beoordelingen/nieuw/", {"platform": platform().slug}).status_code == 403


def test_task_list_shows_each_task_with_its_status(author, assessment):
    html = author.get(f"/beoordelingen/{assessment.uuid}/").content.decode()
    assert "Soort werk" in html and "Beoordeling" in html
    assert "Bevindingen: Passend werk" in html
    assert "Niet gestart" in html
    assert "U heeft 0 van 4 onderdelen afgerond." in html


def test_step_page_names_its_place_in_title_and_heading(author, assessment):
    html = author.get(step_url(assessment, "werk")).content.decode()
    assert title_of(html).startswith("Stap 1 van 2: Soort werk")
    assert "Stap 1 van 2" in re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    assert "novalidate" in html
    assert "Onbekend" in html
    assert "Meer uitleg" not in html or "<details" in html


def test_save_and_continue_goes_to_the_next_step(author, assessment, fw):
    response = author.post(
        step_url(assessment, "werk"),
        {
            "lock_version": assessment.lock_version,
            "mode": fw["options"]["online"].pk,
            "community": "unknown",
            "next": "continue",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == step_url(assessment, "beoordeling")
    saved = assessment.answers.get(question__code="community")
    assert saved.unknown is True


def test_save_and_later_returns_to_the_task_list(author, assessment, fw):
    response = author.post(
        step_url(assessment, "werk"),
        {
            "lock_version": assessment.lock_version,
            "mode": fw["options"]["online"].pk,
            "next": "later",
        },
    )
    assert response["Location"] == f"/beoordelingen/{assessment.uuid}/"
    html = author.get(response["Location"]).content.decode()
    assert "Bezig" in html


def test_a_validation_error_keeps_everything_typed_and_follows_the_error_pattern(
    author, assessment, fw
):
    response = author.post(
        step_url(assessment, "werk"),
        {
            "lock_version": assessment.lock_version,
            "mode": fw["options"]["online"].pk,
            "mode-note": "Alles gaat via de app",
            "mode-source_url": "geen adres",
            "next": "continue",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert title_of(html).startswith("Fout: Stap 1 van 2")
    assert 'class="error-summary' in html and "autofocus" in html
    assert 'href="#id_mode-source_url"' in html
    # The message names its question, in the summary (a link) and at the field.
    message = (
        "Bron bij ‘Is het werk fysiek of online?’: geef een geldig webadres, "
        "bijvoorbeeld https://www.voorbeeld.nl."
    )
    assert f'<a class="alert-link" href="#id_mode-source_url">{message}</a>' in html
    assert (
        f'id="id_mode-source_url-error"><span class="visually-hidden">Fout: </span>{message}</p>'
        in html
    )
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_mode-source_url-error"' in html
    assert "Alles gaat via de app" in html
    assert f'value="{fw["options"]["online"].pk}" checked' in html
    assert not assessment.answers.filter(question__code="mode", prefilled=False).exists()


def test_unknown_together_with_answers_is_refused(author, assessment, fw):
    author.post(
        step_url(assessment, "beoordeling"),
        {
            "lock_version": assessment.lock_version,
            "rates": fw["options"]["rated"].pk,
            "next": "later",
        },
    )
    assessment.refresh_from_db()
    response = author.post(
        step_url(assessment, "beoordeling"),
        {
            "lock_version": assessment.lock_version,
            "rates": fw["options"]["rated"].pk,
            "how": [fw["options"]["stars"].pk, "unknown"],
            "next": "later",
        },
    )
    assert (
        "Bij ‘Hoe worden werkers beoordeeld?’: kies ‘Onbekend’ of één of meer antwoorden, "
        "niet allebei." in response.content.decode()
    )


def follow_up_block(html: str) -> str:
    """The opening tag of the follow-up question's block on the step page."""
    match = re.search(r'<div class="question" id="how"[^>]*>', html)
    assert match, "the follow-up question is not on the page"
    return match.group(0)


def test_a_follow_up_question_appears_after_the_answer_that_asks_for_it(author, assessment, fw):
    html = author.get(step_url(assessment, "beoordeling")).content.decode()
    # On the page but hidden, with the answer that shows it, for the page's script.
    block = follow_up_block(html)
    assert " hidden" in block
    assert f'data-reveal-when="rates={fw["options"]["rated"].pk}"' in block
    assert "follow-up-questions.js" in html
    response = author.post(
        step_url(assessment, "beoordeling"),
        {
            "lock_version": assessment.lock_version,
            "rates": fw["options"]["rated"].pk,
            "next": "continue",
        },
    )
    assert response["Location"] == step_url(assessment, "beoordeling") + "#how"
    html = author.get(step_url(assessment, "beoordeling")).content.decode()
    assert " hidden" not in follow_up_block(html)
    assert "Door uw antwoord zijn er vervolgvragen bijgekomen." in html


def test_a_follow_up_answered_in_the_same_go_is_saved_and_the_step_moves_on(author, assessment, fw):
    # What a browser with the script sends: the follow-up was shown and answered at once.
    response = author.post(
        step_url(assessment, "beoordeling"),
        {
            "lock_version": assessment.lock_version,
            "rates": fw["options"]["rated"].pk,
            "how": [fw["options"]["stars"].pk],
            "next": "later",
        },
    )
    assert response["Location"] == assessment.get_absolute_url()
    saved = {a.question.code: a for a in assessment.answers.select_related("question")}
    assert list(saved["how"].options.values_list("code", flat=True)) == ["how-stars"]


def test_a_hidden_follow_up_posted_with_its_old_answer_is_kept_but_not_counted(
    author, assessment, fw
):
    post = {"lock_version": assessment.lock_version, "next": "later"}
    author.post(
        step_url(assessment, "beoordeling"),
        post | {"rates": fw["options"]["rated"].pk, "how": [fw["options"]["stars"].pk]},
    )
    assessment.refresh_from_db()
    # The user undoes the answer that asked for the follow-up; the script hides it, but its
    # inputs are still in the form and are posted as they were.
    author.post(
        step_url(assessment, "beoordeling"),
        post
        | {
            "lock_version": assessment.lock_version,
            "rates": fw["options"]["not-rated"].pk,
            "how": [fw["options"]["reviews"].pk],
        },
    )
    html = author.get(step_url(assessment, "beoordeling")).content.decode()
    assert " hidden" in follow_up_block(html)
    assert "gelden niet meer door een gewijzigd antwoord" in html
    how = assessment.answers.get(question__code="how")
    assert list(how.options.values_list("code", flat=True)) == ["how-stars"]


def test_check_answers_lists_every_answer_with_a_change_link(author, assessment, fw):
    author.post(
        step_url(assessment, "werk"),
        {
            "lock_version": assessment.lock_version,
            "mode": fw["options"]["online"].pk,
            "community": "unknown",
            "mode-note": "Zie de site",
            "next": "later",
        },
    )
    html = author.get(f"/beoordelingen/{assessment.uuid}/antwoorden/").content.decode()
    assert "Online" in html and "Zie de site" in html and "Onbekend" in html
    assert f'href="{step_url(assessment, "werk")}#mode"' in html
    assert html.count(">Wijzigen<") == 3


def test_the_second_of_two_saves_sees_a_conflict_and_loses_nothing(fw, analist, assessment):
    colleague = user_with_role("col")
    assessment.co_authors.add(colleague)
    first, second = Client(), Client()
    first.force_login(analist)
    second.force_login(colleague)
    seen = assessment.lock_version  # both opened the page at this version
    r1 = first.post(
        step_url(assessment, "werk"),
        {"lock_version": seen, "mode": fw["options"]["online"].pk, "next": "later"},
    )
    assert r1.status_code == 302
    r2 = second.post(
        step_url(assessment, "werk"),
        {
            "lock_version": seen,
            "mode": fw["options"]["physical"].pk,
            "mode-note": "Het werk is bij mensen thuis",
            "next": "later",
        },
    )
    html = r2.content.decode()
    assert r2.status_code == 200
    assert (
        "Deze beoordeling is intussen opgeslagen, in een ander venster of door iemand anders"
        in html
    )
    assert "Het werk is bij mensen thuis" in html
    assert re.search(r"<td>Is het werk fysiek of online\?</td><td>Online</td>", html)
    saved = assessment.answers.get(question__code="mode")
    assert [o.code for o in saved.options.all()] == ["mode-online"]
    # Saving again, deliberately, replaces the other version.
    assessment.refresh_from_db()
    r3 = second.post(
        step_url(assessment, "werk"),
        {
            "lock_version": assessment.lock_version,
            "mode": fw["options"]["physical"].pk,
            "next": "later",
        },
    )
    assert r3.status_code == 302
    assert [o.code for o in saved.options.all()] == ["mode-physical"]


def test_typed_answers_survive_an_expired_session(fw, analist, assessment):
    browser = Client()
    response = browser.post(
        step_url(assessment, "werk"),
        {
            "lock_version": assessment.lock_version,
            "mode": fw["options"]["online"].pk,
            "mode-note": "Getypt voor de sessie verliep",
            "next": "continue",
        },
    )
    assert response["Location"].startswith("/account/inloggen/?next=")
    browser.force_login(analist)
    html = browser.get(step_url(assessment, "werk")).content.decode()
    assert "Uw sessie was verlopen" in html
    assert "Getypt voor de sessie verliep" in html
    assert f'value="{fw["options"]["online"].pk}" checked' in html


def test_another_analist_cannot_find_a_concept(client, assessment):
    client.force_login(user_with_role("eve"))
    assert client.get(f"/beoordelingen/{assessment.uuid}/").status_code == 404
    assert client.get(step_url(assessment, "werk")).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in_for_a_concept(client, assessment):
    assert client.get(f"/beoordelingen/{assessment.uuid}/").status_code == 404
    assert client.get(step_url(assessment, "werk")).status_code == 302


def _review_everything(assessment):
    for finding in assessment.findings.all():
        assessment.refresh_from_db()
        services.finding_review(
            finding=finding,
            expected_version=assessment.lock_version,
            verdict=Verdict.CONFIRMED,
            motivation="Klopt.",
            action="Regel het.",
            priority="high",
        )


def test_review_form_requires_a_motivation_and_for_a_challenge_an_action(author, assessment):
    finding = assessment.findings.get(statement__code="u-monitoring")
    url = f"/beoordelingen/{assessment.uuid}/bevinding/{finding.uuid}/"
    html = author.post(
        url, {"lock_version": assessment.lock_version, "verdict": "confirmed", "action": ""}
    ).content.decode()
    assert "Geef een korte motivering." in html
    assert "Kies een prioriteit: hoog, middel of laag." in html
    response = author.post(
        url,
        {
            "lock_version": assessment.lock_version,
            "verdict": "adjusted",
            "own_title": "Niemand let op werkdruk",
            "motivation": "Gezien in interviews",
            "action": "Jobcoach volgt de uren",
            "action_owner": "Gemeente",
            "priority": "high",
        },
    )
    assert response.status_code == 302
    finding.refresh_from_db()
    assert (finding.verdict, finding.title, finding.action_owner) == (
        "adjusted",
        "Niemand let op werkdruk",
        "Gemeente",
    )


def test_an_analist_adds_an_own_challenge(author, assessment):
    url = f"/beoordelingen/{assessment.uuid}/bevindingen/integratie/toevoegen/"
    response = author.post(
        url,
        {
            "lock_version": assessment.lock_version,
            "kind": "uitdaging",
            "title": "Geen Nederlandstalige app",
            "motivation": "App is alleen Engels",
            "action": "Vertaal de app",
            "priority": "medium",
        },
    )
    assert response.status_code == 302
    own = assessment.findings.get(title_nl="Geen Nederlandstalige app")
    assert own.is_custom and own.counts and own.criterion.code == "integratie"


def test_the_flow_from_concept_to_published_and_a_new_edition(fw, analist, assessment):
    reviewer = user_with_role("rev")
    author, rev = Client(), Client()
    author.force_login(analist)
    rev.force_login(reviewer)
    base = f"/beoordelingen/{assessment.uuid}/status/"
    author.post(base + "submit/", {"reviewer": reviewer.pk})
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.CONCEPT  # open findings block the review
    _review_everything(assessment)
    author.post(base + "submit/", {"reviewer": reviewer.pk})
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.REVIEW
    assert author.post(step_url(assessment, "werk"), {"lock_version": 1}).status_code == 403
    rev.post(base + "publish/", {"confirm": "on"})
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.PUBLISHED and assessment.published_at
    assert Client().get(f"/beoordelingen/{assessment.uuid}/").status_code == 200
    response = author.post(base + "new-edition/")
    copy = Assessment.objects.get(platform=assessment.platform, edition=2)
    assert response["Location"] == f"/beoordelingen/{copy.uuid}/"
    assert copy.status == AssessmentStatus.CONCEPT and copy.previous == assessment
    assert copy.findings.count() == assessment.findings.count()
    assert {f.verdict for f in copy.findings.all()} == {"confirmed"}


def test_a_reviewer_can_send_back_and_comment(fw, analist, assessment):
    reviewer = user_with_role("rev")
    _review_everything(assessment)
    services.assessment_submit_for_review(assessment=assessment, reviewer=reviewer)
    rev = Client()
    rev.force_login(reviewer)
    finding = assessment.findings.first()
    url = f"/beoordelingen/{assessment.uuid}/bevinding/{finding.uuid}/opmerking/"
    assert rev.post(url, {"comment": "Bron ontbreekt"}).status_code == 302
    finding.refresh_from_db()
    assert finding.review_comment == "Bron ontbreekt"
    rev.post(f"/beoordelingen/{assessment.uuid}/status/send-back/")
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.CONCEPT


def test_questions_in_the_form_match_the_framework(author, assessment):
    html = author.get(step_url(assessment, "werk")).content.decode()
    for question in Question.objects.filter(characteristic__code="werk"):
        assert question.text_nl in html


def test_submitting_without_a_reviewer_shows_the_error_pattern(author, assessment):
    response = author.post(f"/beoordelingen/{assessment.uuid}/status/submit/", {"reviewer": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert title_of(html).startswith("Fout: Status en review")
    summary = html.split('class="error-summary', 1)[1].split("</div>", 1)[0]
    assert 'href="#id_reviewer"' in summary and "Kies een reviewer." in summary
    assert re.search(r'<select[^>]*name="reviewer"[^>]*aria-invalid="true"', html)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.CONCEPT


def test_submitting_with_open_findings_says_why_and_keeps_the_chosen_reviewer(
    author, assessment, fw
):
    reviewer = user_with_role("rev")
    author.post(
        step_url(assessment, "werk"),
        {"lock_version": assessment.lock_version, "mode": fw["options"]["online"].pk},
    )
    response = author.post(
        f"/beoordelingen/{assessment.uuid}/status/submit/", {"reviewer": reviewer.pk}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Beoordeel eerst alle kansen en uitdagingen" in html.split('class="error-summary')[1]
    assert re.search(rf'<option value="{reviewer.pk}" selected>', html)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.CONCEPT


def test_inviting_an_unknown_co_author_keeps_the_name_and_explains(author, assessment):
    response = author.post(
        f"/beoordelingen/{assessment.uuid}/status/co-author/", {"username": "niemand"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_username"' in html and "Er is geen analist met deze gebruikersnaam." in html
    assert 'value="niemand"' in html
    assert not assessment.co_authors.exists()

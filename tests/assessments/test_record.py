"""The assessment record: editions copy everything, the workflow is visible and nothing leaks.

Each of the defects of issue 12 has a test here that failed before the fix.
"""

import copy
import threading
from datetime import date

import pytest
from django.core import mail
from django.db import connection
from django.test import Client

from assessments import services
from assessments.exchange import ExchangeError, export_assessments, import_assessments
from assessments.matrix import assessment_matrix
from assessments.models import Assessment, AssessmentStatus, Verdict
from framework.models import Question
from tests.assessments.builders import platform, user_with_role


def choose(assessment, fw, question_code: str, *option_keys: str, **fields) -> None:
    services.answers_save(
        assessment=assessment,
        inputs=[
            services.AnswerInput(
                question=Question.objects.get(code=question_code),
                option_ids=[fw["options"][k].pk for k in option_keys],
                unknown=fields.pop("unknown", False),
                **fields,
            )
        ],
        expected_version=None,
    )


def review_all(assessment) -> None:
    for finding in assessment.findings.all():
        services.finding_review(
            finding=finding,
            expected_version=None,
            verdict=Verdict.CONFIRMED,
            motivation=f"Motivering {finding.title_nl}",
            action="Regel het." if finding.is_challenge else "",
            priority="high" if finding.is_challenge else "",
        )


@pytest.fixture
def people(db):
    ana = user_with_role("ana")
    ana.email = "ana@example.org"
    ana.first_name, ana.last_name = "Ana", "Analist"
    ana.save()
    rev = user_with_role("rev")
    rev.email = "rev@example.org"
    rev.first_name, rev.last_name = "Ruud", "Reviewer"
    rev.save()
    return {"ana": ana, "rev": rev}


@pytest.fixture
def published(fw, people):
    """Edition 1 of Klusplein: every question answered, every finding reviewed, published."""
    first = services.assessment_start(platform=platform("Klusplein"), owner=people["ana"])
    choose(first, fw, "mode", "online", note="Alles via de app.", source_url="https://k.nl/")
    choose(first, fw, "community", "no-community", consulted_on=date(2026, 5, 1))
    choose(first, fw, "rates", "rated", source_reference="Voorwaarden, art. 4")
    choose(first, fw, "how", unknown=True, note="Niet te vinden.")
    review_all(first)
    services.finding_comment(
        finding=first.findings.get(statement__code="u-isolation"),
        comment="Geheime opmerking: bron ontbreekt",
    )
    services.assessment_submit(assessment=first, reviewer=people["rev"])
    services.assessment_publish(assessment=first)
    first.refresh_from_db()
    return first


def answer_set(assessment) -> set[tuple]:
    return {
        (
            a.question.code,
            frozenset(o.code for o in a.options.all()),
            a.unknown,
            a.note,
            a.source_url,
            a.source_reference,
            a.consulted_on,
        )
        for a in assessment.answers.select_related("question").prefetch_related("options")
    }


def matrix_cells(assessment) -> list[tuple]:
    return [
        (
            row.criterion.code,
            [(f.title, f.verdict, f.motivation, f.action) for f in row.opportunities],
            [(f.title, f.verdict, f.motivation, f.action) for f in row.challenges],
        )
        for row in assessment_matrix(assessment).rows
    ]


# --- Defect 1: "Nieuwe versie" dropped every chosen answer -----------------------------------


def test_a_new_edition_copies_every_answer_and_its_matrix_equals_the_published_one(
    published, people
):
    second = services.assessment_new_edition(assessment=published, owner=people["ana"])
    assert answer_set(second) == answer_set(published)
    assert len(answer_set(second)) == 4
    assert matrix_cells(second) == matrix_cells(published)
    assert [f.no_longer_triggered for f in second.findings.all()] == [False] * 3
    assert {f.review_comment for f in second.findings.all()} == {""}
    assert {
        (a.carried_over, f.carried_over)
        for a in second.answers.all()
        for f in second.findings.all()
    } == {(True, True)}
    assert (second.edition, second.previous, second.framework_version) == (2, published, "test-1")


def test_the_new_edition_reads_as_done_and_marks_what_was_carried_over(published, people):
    client = Client()
    client.force_login(people["ana"])
    response = client.post(f"/beoordelingen/{published.uuid}/status/new-edition/")
    second = Assessment.objects.get(platform=published.platform, edition=2)
    assert response["Location"] == f"/beoordelingen/{second.uuid}/"
    html = client.get(f"/beoordelingen/{second.uuid}/").content.decode()
    assert "U heeft 4 van 4 onderdelen afgerond." in html
    assert "2 van 2 vragen beantwoord · 2 overgenomen uit versie 1" in html
    html = client.get(f"/beoordelingen/{second.uuid}/bevindingen/integratie/").content.decode()
    assert "overgenomen uit versie 1" in html
    assert "Volgt niet meer uit de antwoorden" not in html
    # Saving a finding again takes the mark away.
    finding = second.findings.get(statement__code="u-isolation")
    second.refresh_from_db()
    services.finding_review(
        finding=finding,
        expected_version=second.lock_version,
        verdict=Verdict.CONFIRMED,
        motivation="Nog steeds zo.",
        action="Organiseer een forum.",
        priority="medium",
    )
    html = client.get(f"/beoordelingen/{second.uuid}/bevindingen/integratie/").content.decode()
    assert "overgenomen uit versie 1" not in html


# --- Defect 5: two edition starts at once ended in a 500 -------------------------------------


def test_a_second_edition_while_one_is_open_is_refused_with_a_message(published, people):
    client = Client()
    client.force_login(people["ana"])
    client.post(f"/beoordelingen/{published.uuid}/status/new-edition/")
    response = client.post(f"/beoordelingen/{published.uuid}/status/new-edition/", follow=True)
    assert response.status_code == 200
    assert (
        "Van Klusplein is versie 2 al in bewerking. Werk in die versie verder; er kan maar "
        "één versie tegelijk in bewerking zijn."
    ) in response.content.decode()
    assert Assessment.objects.filter(platform=published.platform).count() == 2


def test_two_starts_for_one_platform_get_consecutive_editions(fw, people):
    klusplein = platform("Klusplein")
    first = services.assessment_start(platform=klusplein, owner=people["ana"])
    second = services.assessment_start(platform=klusplein, owner=people["rev"])
    assert (first.edition, second.edition) == (1, 2)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers on the whole file, so two threads never race on the "
    "platform row; this test runs in CI's PostgreSQL pass.",
)
def test_two_concurrent_new_editions_give_one_edition_and_one_clear_refusal():
    from tests.assessments.builders import small_framework

    small_framework()
    ana, bert = user_with_role("ana"), user_with_role("bert")
    first = services.assessment_start(platform=platform("Klusplein"), owner=ana)
    first.status = AssessmentStatus.PUBLISHED
    first.save()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def start(owner) -> None:
        try:
            barrier.wait()
            services.assessment_new_edition(assessment=first, owner=owner)
            outcomes.append("started")
        except services.WorkflowError as exc:
            outcomes.append(str(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=start, args=(u,)) for u in (ana, bert)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == [
        "Van Klusplein is versie 2 al in bewerking. Werk in die versie verder; er kan maar "
        "één versie tegelijk in bewerking zijn.",
        "started",
    ]
    editions = Assessment.objects.filter(platform=first.platform).values_list("edition", flat=True)
    assert sorted(editions) == [1, 2]


# --- Defect 3: reviewer comments were public ---------------------------------------------------


def test_reviewer_comments_are_not_shown_to_visitors_but_are_to_participants(published, people):
    url = f"/beoordelingen/{published.uuid}/bevindingen/integratie/"
    assert "Geheime opmerking" not in Client().get(url).content.decode()
    researcher = Client()
    researcher.force_login(user_with_role("rita", "onderzoeker"))
    assert "Geheime opmerking" not in researcher.get(url).content.decode()
    author = Client()
    author.force_login(people["ana"])
    assert (
        "Opmerking reviewer: Geheime opmerking: bron ontbreekt" in author.get(url).content.decode()
    )


# --- Defect 4: a sent-back assessment looked finished ------------------------------------------


@pytest.fixture
def sent_back(fw, people):
    first = services.assessment_start(platform=platform("Klusplein"), owner=people["ana"])
    choose(first, fw, "mode", "online")
    choose(first, fw, "community", "no-community")
    choose(first, fw, "rates", "not-rated")
    review_all(first)
    services.assessment_submit(assessment=first, reviewer=people["rev"])
    reviewer = Client()
    reviewer.force_login(people["rev"])
    finding = first.findings.get(statement__code="u-isolation")
    reviewer.post(
        f"/beoordelingen/{first.uuid}/bevinding/{finding.uuid}/opmerking/",
        {"comment": "Welke bron zegt dat er geen forum is?"},
    )
    response = reviewer.post(
        f"/beoordelingen/{first.uuid}/status/send-back/",
        {"message": "Vul de bronnen aan."},
    )
    assert response.status_code == 302
    first.refresh_from_db()
    return first


def test_a_sent_back_assessment_says_so_in_the_list_task_list_and_status_page(sent_back, people):
    author = Client()
    author.force_login(people["ana"])
    html = author.get("/beoordelingen/").content.decode()
    assert "versie 1, <strong>Teruggestuurd door de reviewer</strong>" in html
    html = author.get(f"/beoordelingen/{sent_back.uuid}/").content.decode()
    assert "De reviewer heeft deze beoordeling teruggestuurd." in html
    assert "U heeft 3 van 4 onderdelen afgerond." in html
    assert "task-status-to_revise" in html and "Opmerking van de reviewer" in html
    html = author.get(f"/beoordelingen/{sent_back.uuid}/status/").content.decode()
    finding = sent_back.findings.get(statement__code="u-isolation")
    assert "Toelichting van de reviewer:</strong> Vul de bronnen aan." in html
    assert (
        f'<a href="/beoordelingen/{sent_back.uuid}/bevinding/{finding.uuid}/">Integratie: '
        "Risico op isolement</a> — Welke bron zegt dat er geen forum is?"
    ) in html
    assert "Opnieuw ter review aanbieden" in html


def test_my_tasks_lists_what_waits_for_each_person(sent_back, people, fw):
    other = services.assessment_start(platform=platform("Bezorgers"), owner=people["rev"])
    author = Client()
    author.force_login(people["ana"])
    html = author.get("/mijn-taken/").content.decode()
    sent_back_part = html.split('id="teruggestuurd"')[1].split('id="concepten"')[0]
    assert (
        f'<a href="/beoordelingen/{sent_back.uuid}/status/">Klusplein, versie 1</a>'
        in sent_back_part
    )
    assert "1 opmerking te verwerken" in sent_back_part
    assert "Er wacht niets op uw review." in html
    reviewer = Client()
    reviewer.force_login(people["rev"])
    html = reviewer.get("/mijn-taken/").content.decode()
    assert "Er is niets naar u teruggestuurd." in html
    assert f'<a href="{other.get_absolute_url()}">Bezorgers, versie 1</a>' in html


def test_saving_the_commented_finding_clears_its_open_mark_and_resubmit_clears_sent_back(
    sent_back, people
):
    finding = sent_back.findings.get(statement__code="u-isolation")
    services.finding_review(
        finding=finding,
        expected_version=None,
        verdict=Verdict.CONFIRMED,
        motivation="Bron: de FAQ van het platform.",
        action="Organiseer een forum.",
        priority="high",
    )
    finding.refresh_from_db()
    assert (finding.comment_open, finding.review_comment) == (
        False,
        "Welke bron zegt dat er geen forum is?",
    )
    services.assessment_submit(assessment=sent_back, reviewer=people["rev"])
    sent_back.refresh_from_db()
    assert (sent_back.status, sent_back.is_sent_back) == (AssessmentStatus.REVIEW, False)


# --- Defect 6: co-authors bypassed the service; an import could name its owner reviewer ------


def test_adding_a_co_author_goes_through_the_service_with_lock_and_history(fw, people):
    assessment = services.assessment_start(platform=platform("Klusplein"), owner=people["ana"])
    bert = user_with_role("bert")
    client = Client()
    client.force_login(people["ana"])
    before = assessment.lock_version
    response = client.post(
        f"/beoordelingen/{assessment.uuid}/status/co-author/", {"username": "bert"}
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert list(assessment.co_authors.all()) == [bert]
    assert assessment.lock_version == before + 1
    latest = assessment.history.first()
    assert [row.user_id for row in latest.co_authors.all()] == [bert.pk]


def test_the_reviewer_cannot_become_a_co_author(sent_back, people):
    client = Client()
    client.force_login(people["ana"])
    response = client.post(
        f"/beoordelingen/{sent_back.uuid}/status/co-author/", {"username": "rev"}
    )
    assert response.status_code == 400
    assert (
        "Deze collega is de reviewer van deze beoordeling en kan geen mede-auteur worden."
        in response.content.decode()
    )
    assert not sent_back.co_authors.exists()


def test_an_import_that_names_the_owner_as_reviewer_is_refused(published, people):
    data = export_assessments(Assessment.objects.filter(pk=published.pk))
    entry = copy.deepcopy(data)
    entry["assessments"][0]["reviewer"] = "ana"
    entry["assessments"][0]["uuid"] = "6f1b0a52-1111-4222-8333-944455556666"
    entry["assessments"][0]["edition"] = 7
    with pytest.raises(ExchangeError, match="reviewer 'ana' is also an author"):
        import_assessments(entry)


# --- Workflow visibility: mail, confirmation, refusals ------------------------------------------


def test_submit_send_back_and_publish_mail_the_people_waiting_in_their_language(
    fw, people, django_capture_on_commit_callbacks
):
    reviewer = Client()
    reviewer.force_login(people["rev"])
    reviewer.post("/i18n/setlang/", {"language": "en"})
    reviewer.get("/mijn-taken/")
    assessment = services.assessment_start(platform=platform("Klusplein"), owner=people["ana"])
    choose(assessment, fw, "mode", "physical")
    choose(assessment, fw, "community", "community")
    choose(assessment, fw, "rates", "not-rated")
    review_all(assessment)
    author = Client()
    author.force_login(people["ana"])
    with django_capture_on_commit_callbacks(execute=True):
        author.post(
            f"/beoordelingen/{assessment.uuid}/status/submit/", {"reviewer": people["rev"].pk}
        )
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["rev@example.org"], "For review: assessment of Klusplein (edition 1)")
    ]
    assert f"http://localhost:8000/beoordelingen/{assessment.uuid}/status/" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        reviewer.post(
            f"/beoordelingen/{assessment.uuid}/status/send-back/", {"message": "Meer bronnen."}
        )
    assert [(m.to, m.subject) for m in mail.outbox[1:]] == [
        (["ana@example.org"], "Teruggestuurd: beoordeling van Klusplein (versie 1)")
    ]
    assert "Meer bronnen." in mail.outbox[1].body
    services.assessment_submit(assessment=assessment, reviewer=people["rev"])
    with django_capture_on_commit_callbacks(execute=True):
        reviewer.post(f"/beoordelingen/{assessment.uuid}/status/publish/", {"confirm": "on"})
    assert [(m.to, m.subject) for m in mail.outbox[2:]] == [
        (["ana@example.org"], "Gepubliceerd: beoordeling van Klusplein (versie 1)")
    ]


def test_publishing_asks_for_confirmation_first(sent_back, people):
    services.assessment_submit(assessment=sent_back, reviewer=people["rev"])
    reviewer = Client()
    reviewer.force_login(people["rev"])
    url = f"/beoordelingen/{sent_back.uuid}/status/publish/"
    html = reviewer.get(url).content.decode()
    assert "Na publicatie is de beoordeling van Klusplein voor iedereen te lezen" in html
    response = reviewer.post(url, {})
    assert response.status_code == 400
    assert "Vink aan dat u de beoordeling goedkeurt; pas dan wordt zij openbaar." in (
        response.content.decode()
    )
    sent_back.refresh_from_db()
    assert sent_back.status == AssessmentStatus.REVIEW
    assert reviewer.post(url, {"confirm": "on"}).status_code == 302
    sent_back.refresh_from_db()
    assert sent_back.status == AssessmentStatus.PUBLISHED


def test_an_empty_review_comment_is_refused_and_keeps_the_old_one(sent_back, people):
    services.assessment_submit(assessment=sent_back, reviewer=people["rev"])
    reviewer = Client()
    reviewer.force_login(people["rev"])
    finding = sent_back.findings.get(statement__code="u-isolation")
    response = reviewer.post(
        f"/beoordelingen/{sent_back.uuid}/bevinding/{finding.uuid}/opmerking/", {"comment": "  "}
    )
    assert response.status_code == 400
    assert "Schrijf een opmerking; een lege opmerking helpt de auteur niet." in (
        response.content.decode()
    )
    finding.refresh_from_db()
    assert finding.review_comment == "Welke bron zegt dat er geen forum is?"


def test_sending_back_without_any_explanation_is_refused(fw, people):
    assessment = services.assessment_start(platform=platform("Klusplein"), owner=people["ana"])
    choose(assessment, fw, "mode", "physical")
    review_all(assessment)
    services.assessment_submit(assessment=assessment, reviewer=people["rev"])
    reviewer = Client()
    reviewer.force_login(people["rev"])
    response = reviewer.post(f"/beoordelingen/{assessment.uuid}/status/send-back/", {"message": ""})
    assert response.status_code == 400
    assert "zonder uitleg kan de auteur niets met het terugsturen" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.REVIEW


def test_the_reviewer_sees_the_authors_verdict_motivation_and_action(sent_back, people):
    services.assessment_submit(assessment=sent_back, reviewer=people["rev"])
    reviewer = Client()
    reviewer.force_login(people["rev"])
    finding = sent_back.findings.get(statement__code="u-isolation")
    html = reviewer.get(
        f"/beoordelingen/{sent_back.uuid}/bevinding/{finding.uuid}/"
    ).content.decode()
    part = html.split('id="author-view"')[1].split("</dl>")[0]
    assert 'Oordeel</dt><dd class="col-sm-9">Bevestigd</dd>' in part
    assert "Motivering Risico op isolement" in part
    assert "Regel het." in part


# --- Comparing editions: the page and the PDF appendix ----------------------------------------


@pytest.fixture
def two_editions(published, people, fw):
    """Edition 2: community now "yes" (the isolation challenge no longer follows and is set
    to not applicable), the online opportunity's action changed; then published."""
    second = services.assessment_new_edition(assessment=published, owner=people["ana"])
    choose(second, fw, "community", "community")
    services.finding_review(
        finding=second.findings.get(statement__code="u-isolation"),
        expected_version=None,
        verdict=Verdict.NOT_APPLICABLE,
        motivation="Er is nu een forum.",
    )
    services.finding_review(
        finding=second.findings.get(statement__code="u-monitoring"),
        expected_version=None,
        verdict=Verdict.CONFIRMED,
        motivation="Nog steeds zo.",
        action="Jobcoach volgt de uren.",
        priority="high",
    )
    services.assessment_submit(assessment=second, reviewer=people["rev"])
    services.assessment_publish(assessment=second)
    second.refresh_from_db()
    return published, second


def test_the_edition_diff_lists_changed_answers_findings_verdicts_and_actions(two_editions):
    from assessments.editions import edition_diff

    first, second = two_editions
    diff = edition_diff(first, second)
    assert [(c.question, c.before, c.after) for c in diff.answers] == [
        ("Is er een community?", "Nee", "Ja")
    ]
    assert [f.title for f in diff.added] == []
    assert [f.title for f in diff.removed] == ["Risico op isolement"]
    assert [(c.finding.title, c.before, c.after) for c in diff.verdicts] == [
        ("Risico op isolement", "Bevestigd", "Niet van toepassing")
    ]
    assert [(c.finding.title, c.before, c.after) for c in diff.actions] == [
        ("Belasting niet gevolgd", "Regel het.", "Jobcoach volgt de uren.")
    ]


def test_the_diff_page_is_public_for_published_editions(two_editions):
    first, second = two_editions
    html = Client().get(f"/beoordelingen/{second.uuid}/veranderd/").content.decode()
    assert "Wat is er veranderd sinds versie 1" in html
    assert '<th scope="row">Is er een community?</th><td>Nee</td><td>Ja</td>' in html
    assert "Oordeel over ‘Risico op isolement’: Bevestigd → Niet van toepassing" in html
    assert "Actie bij ‘Belasting niet gevolgd’: Regel het. → Jobcoach volgt de uren." in html
    assert Client().get(f"/beoordelingen/{first.uuid}/veranderd/").status_code == 404


def test_the_pdf_of_a_later_edition_has_a_what_changed_appendix(two_editions):
    from assessments.reports import render_assessment_pdf
    from tests.assessments.test_reports import pdf_text

    first, second = two_editions
    # The file published reports are stored as (rendered in the background at publication).
    text = pdf_text(render_assessment_pdf(second, "nl"))
    assert "Wat is er veranderd sinds versie 1" in text
    assert "Is er een community? Nee Ja" in text
    assert "Oordeel over ‘Risico op isolement’: Bevestigd → Niet van toepassing" in text
    first_text = pdf_text(render_assessment_pdf(first, "nl"))
    assert "Wat is er veranderd" not in first_text


# --- Query budget of "Mijn taken" ---------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3])
def test_my_tasks_has_a_fixed_query_count(fw, people, count, django_assert_num_queries):
    client = Client()
    client.force_login(people["ana"])
    client.get("/mijn-taken/")  # the session and the remembered language exist from here on
    for i in range(count):
        services.assessment_start(platform=platform(f"Platform {i}"), owner=people["ana"])
        sent_back = services.assessment_start(platform=platform(f"Terug {i}"), owner=people["ana"])
        review_all(sent_back)
        services.assessment_submit(assessment=sent_back, reviewer=people["rev"])
        services.assessment_send_back(assessment=sent_back, message="Graag aanvullen.")
        to_review = services.assessment_start(platform=platform(f"Review {i}"), owner=people["rev"])
        review_all(to_review)
        services.assessment_submit(assessment=to_review, reviewer=people["ana"])
    with django_assert_num_queries(10):
        response = client.get("/mijn-taken/")
    assert response.content.decode().count('class="my-tasks"') == 3

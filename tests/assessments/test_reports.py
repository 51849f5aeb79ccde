"""PDF reports: generated PDFs are read back with pypdf and checked for their content."""

import io
import logging
import re
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import timezone
from pypdf import PdfReader

from assessments import services
from assessments.models import (
    Assessment,
    AssessmentStatus,
    ReportJob,
    ReportJobStatus,
    Verdict,
)
from assessments.reports import (
    REPORT_BASE_URL,
    render_assessment_pdf,
    render_catalogue_pdf,
    url_fetcher,
)
from tests.assessments.builders import platform, user_with_role

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def pdf_text(pdf: bytes) -> str:
    """All text of a PDF, with runs of whitespace folded to one space."""
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def analist(db):
    user = user_with_role("ana")
    user.first_name, user.last_name = "Ana", "Lyst"
    user.save()
    return user


def answer_inputs(fw, **answers) -> list[services.AnswerInput]:
    from framework.models import Question

    inputs = []
    for code, (option_key, source) in answers.items():
        inputs.append(
            services.AnswerInput(
                question=Question.objects.get(code=code),
                option_ids=[fw["options"][option_key].pk] if option_key else [],
                unknown=option_key is None,
                note="",
                source_url=source,
                source_reference="Website van het platform" if source else "",
                consulted_on=date(2025, 3, 14) if source else None,
            )
        )
    return inputs


def make_assessment(
    fw, owner, name: str = "Klusplein", *, published: bool = True, confirm: bool = True
) -> Assessment:
    """An assessment with: mode online (sourced), community unknown, rates unanswered."""
    assessment = services.assessment_start(platform=platform(name), owner=owner)
    services.answers_save(
        assessment=assessment,
        inputs=answer_inputs(
            fw,
            mode=("online", f"https://{name.lower().replace(' ', '-')}.example/werken"),
            community=(None, ""),
        ),
        expected_version=None,
    )
    if confirm:
        for finding in assessment.findings.all():
            services.finding_review(
                finding=finding,
                expected_version=None,
                verdict=Verdict.CONFIRMED,
                motivation=f"Motivering bij {finding.title_nl}.",
                evidence="Gesprek met het platform, maart 2025.",
                action="Regel een vast aanspreekpunt." if finding.is_challenge else "",
                priority="high" if finding.is_challenge else "",
            )
    if published:
        Assessment.objects.filter(pk=assessment.pk).update(
            status=AssessmentStatus.PUBLISHED, published_at=timezone.now()
        )
        assessment.refresh_from_db()
    return assessment


@pytest.fixture
def assessment(fw, analist):
    return make_assessment(fw, analist)


@pytest.fixture
def weasyprint_warnings(caplog):
    caplog.set_level(logging.WARNING, logger="weasyprint")
    return lambda: [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")]


def test_the_cover_names_platform_author_status_and_framework_version(assessment):
    text = pdf_text(render_assessment_pdf(assessment, "nl"))
    cover = text[: text.index("Inhoud")]
    assert "Beoordeling van Klusplein" in cover
    assert "Auteur A.L." in cover  # public_name: never the login, initials only
    assert "Status Gepubliceerd" in cover
    assert "Raamwerkversie test-1" in cover
    assert "Versie van de beoordeling 1" in cover


def test_the_matrix_shows_the_counting_findings_and_not_the_rejected_ones(fw, analist):
    assessment = make_assessment(fw, analist, confirm=False)
    online = assessment.findings.get(statement__code="k-online")
    monitoring = assessment.findings.get(statement__code="u-monitoring")
    services.finding_review(
        finding=online, expected_version=None, verdict=Verdict.CONFIRMED, motivation="Klopt."
    )
    services.finding_review(
        finding=monitoring,
        expected_version=None,
        verdict=Verdict.NOT_APPLICABLE,
        motivation="Het platform volgt de belasting wel.",
    )
    text = pdf_text(render_assessment_pdf(assessment, "nl"))
    matrix = text[text.index("Kansen en uitdagingen van Klusplein per criterium") :]
    assert "Online werk kan vanuit huis" in matrix
    assert "Belasting niet gevolgd" not in text
    assert "Motivering Klopt." in text


def test_findings_show_motivation_evidence_action_and_the_sources_of_answers(assessment):
    text = pdf_text(render_assessment_pdf(assessment, "nl"))
    findings = text[text.index("Bevindingen per criterium Passend werk") :]
    assert "Motivering Motivering bij Online werk kan vanuit huis." in findings
    assert "Onderbouwing en bronnen Gesprek met het platform, maart 2025." in findings
    assert "Wat moet er georganiseerd worden Regel een vast aanspreekpunt." in findings
    # The address may wrap after its "/" at the end of a line (read back as a space).
    assert re.search(
        r"Is het werk fysiek of online\? — Online · bron: Website van het platform, "
        r"https://klusplein\.example/ ?werken \(geraadpleegd op 14 maart 2025\)",
        findings,
    )


def test_unknown_answers_are_listed_as_unknown_and_unanswered_questions_are_left_out(
    assessment,
):
    text = pdf_text(render_assessment_pdf(assessment, "nl"))
    profile = text[text.index("Profiel van het platform Status") :]
    assert "Is er een community? Onbekend" in profile
    assert "Worden werkers beoordeeld?" not in text
    assert "Hoe worden werkers beoordeeld?" not in text


def test_the_english_report_has_english_headings_and_statements(assessment):
    text = pdf_text(render_assessment_pdf(assessment, "en"))
    assert "Assessment of Klusplein" in text
    assert "Contents" in text
    assert "Summary" in text
    assert "Findings per criterion" in text
    assert "Online work can be done from home" in text
    assert "Samenvatting" not in text


def test_the_pdf_is_tagged_with_title_and_language(assessment):
    reader = PdfReader(io.BytesIO(render_assessment_pdf(assessment, "en")))
    root = reader.trailer["/Root"]
    assert reader.metadata.title == "Assessment of Klusplein, version 1"
    assert root["/Lang"] == "en"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root


def test_rendering_logs_no_weasyprint_warnings(assessment, weasyprint_warnings):
    render_assessment_pdf(assessment, "nl")
    render_catalogue_pdf([assessment], "en")
    assert weasyprint_warnings() == []


def test_the_url_fetcher_serves_static_files_and_refuses_the_network():
    from weasyprint.urls import URLFetcherResponse

    fetcher = url_fetcher()
    response = fetcher.fetch(REPORT_BASE_URL + "static/css/report.css")
    assert isinstance(response, URLFetcherResponse)
    assert b"@page" in response.read()
    for url in (
        "https://example.org/static/css/report.css",
        "http://127.0.0.1:8000/static/css/report.css",
        "file:///etc/passwd",
        REPORT_BASE_URL + "static/../../inclusief/settings.py",
    ):
        with pytest.raises(ValueError, match="Reports fetch no external resources"):
            fetcher.fetch(url)


def test_the_pdf_view_sends_a_published_report_to_its_stored_file(client, assessment):
    # Published reports are made once in the background (opendata); no request renders one.
    response = client.get(f"/beoordelingen/{assessment.uuid}/rapport.pdf")
    assert response.status_code == 302
    assert response["Location"] == f"/open-data/rapporten/{assessment.uuid}/nl.pdf"


def test_the_pdf_view_downloads_a_concept_with_a_clear_file_name(client, fw, analist):
    assessment = make_assessment(fw, analist, published=False)
    client.force_login(analist)
    response = client.get(f"/beoordelingen/{assessment.uuid}/rapport.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="inclusief-klusplein-v1.pdf"'
    assert "Beoordeling van Klusplein" in pdf_text(response.content)


def test_the_pdf_view_hides_a_concept_from_another_analist(client, fw, analist):
    concept = make_assessment(fw, analist, published=False)
    client.force_login(user_with_role("otto"))
    assert client.get(f"/beoordelingen/{concept.uuid}/rapport.pdf").status_code == 404
    client.force_login(analist)
    response = client.get(f"/beoordelingen/{concept.uuid}/rapport.pdf")
    assert response.status_code == 200
    assert "nog niet gepubliceerd" in pdf_text(response.content)


def test_the_task_list_links_to_the_pdf(client, assessment, analist):
    client.force_login(analist)
    html = client.get(f"/beoordelingen/{assessment.uuid}/").content.decode()
    assert f'href="/beoordelingen/{assessment.uuid}/rapport.pdf"' in html


def test_the_command_writes_a_readable_pdf_of_one_or_all_assessments(tmp_path, fw, analist):
    first = make_assessment(fw, analist, "Klusplein")
    make_assessment(fw, analist, "Helpers")
    make_assessment(fw, analist, "Concepto", published=False)
    one = tmp_path / "one.pdf"
    call_command("report", str(first.uuid), "-o", str(one), "--language", "en")
    assert "Assessment of Klusplein" in pdf_text(one.read_bytes())
    every = tmp_path / "all.pdf"
    call_command("report", "--all", "-o", str(every))
    text = pdf_text(every.read_bytes())
    assert "Rapport over platforms" in text
    assert "Beoordeling van Helpers" in text and "Beoordeling van Klusplein" in text
    assert "Concepto" not in text


def test_the_command_refuses_unknown_uuids(tmp_path, fw):
    with pytest.raises(CommandError, match="No assessment with uuid"):
        call_command("report", "00000000-0000-0000-0000-000000000000", "-o", str(tmp_path / "x"))


# --- Reports over many assessments, as background jobs ----------------------------------------


@pytest.fixture
def researcher(db):
    user = user_with_role("rosa", "onderzoeker")
    return user


def test_the_reports_page_is_for_researchers_analists_and_beheerders(client, fw):
    client.force_login(user_with_role("zonder", None))
    assert client.get("/rapporten/").status_code == 403
    client.force_login(user_with_role("rosa", "onderzoeker"))
    html = client.get("/rapporten/").content.decode()
    assert "Alle gepubliceerde beoordelingen" in html
    assert 'href="/rapporten/"' in html  # the navigation links here


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_a_report_job_over_a_selection_runs_and_offers_the_download(
    client, fw, analist, researcher
):
    first = make_assessment(fw, analist, "Klusplein")
    make_assessment(fw, analist, "Helpers")
    client.force_login(researcher)
    response = client.post(
        "/rapporten/",
        {"scope": "selection", "assessments": [str(first.uuid)], "language": "nl"},
    )
    job = ReportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/rapporten/{job.uuid}/"
    assert job.status == ReportJobStatus.DONE
    assert (job.progress_done, job.progress_total) == (2, 2)
    html = client.get(response["Location"]).content.decode()
    assert "Het rapport is klaar." in html
    assert "report-job.js" not in html
    download = client.get(f"/rapporten/{job.uuid}/download/")
    assert download["Content-Type"] == "application/pdf"
    text = pdf_text(download.content)
    assert "Beoordeling van Klusplein" in text
    assert "Helpers" not in text


def test_a_running_job_shows_its_progress_and_keeps_it_up_to_date(client, researcher):
    job = ReportJob.objects.create(
        requested_by=researcher, language="nl", progress_done=3, progress_total=10
    )
    html = client_for(client, researcher).get(f"/rapporten/{job.uuid}/").content.decode()
    assert "Bezig: 3 van 10 stappen klaar." in html
    assert f'<a href="/rapporten/{job.uuid}/">Status bijwerken</a>' in html
    assert 'src="/static/js/report-job.js"' in html
    assert client.get(f"/rapporten/{job.uuid}/download/").status_code == 404


def test_a_job_is_hidden_from_other_users(client, researcher):
    job = ReportJob.objects.create(requested_by=researcher, language="nl")
    client.force_login(user_with_role("otto", "onderzoeker"))
    assert client.get(f"/rapporten/{job.uuid}/").status_code == 404
    assert client.get(f"/rapporten/{job.uuid}/download/").status_code == 404


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_a_failing_job_says_so_with_the_reason(client, fw, analist, researcher, monkeypatch):
    make_assessment(fw, analist)

    def broken(*args, **kwargs):
        raise RuntimeError("Het lettertype ontbreekt")

    monkeypatch.setattr("assessments.reports.layout.render_catalogue_pdf", broken)
    client.force_login(researcher)
    response = client.post("/rapporten/", {"scope": "all", "language": "nl"})
    job = ReportJob.objects.get()
    assert job.status == ReportJobStatus.FAILED
    html = client.get(response["Location"]).content.decode()
    assert "Mislukt" in html
    assert "Het rapport is mislukt" in html
    assert "RuntimeError: Het lettertype ontbreekt" in html
    assert client.get(f"/rapporten/{job.uuid}/download/").status_code == 404


def test_an_empty_selection_is_refused_with_a_message(client, fw, researcher):
    client.force_login(researcher)
    response = client.post("/rapporten/", {"scope": "selection", "language": "nl"})
    assert response.status_code == 200
    assert "Kies ten minste één beoordeling." in response.content.decode()
    assert not ReportJob.objects.exists()


def test_a_researcher_cannot_select_someone_elses_concept(client, fw, analist, researcher):
    concept = make_assessment(fw, analist, published=False)
    client.force_login(researcher)
    response = client.post(
        "/rapporten/",
        {"scope": "selection", "assessments": [str(concept.uuid)], "language": "nl"},
    )
    assert response.status_code == 200
    assert not ReportJob.objects.exists()


def run_worker(monkeypatch) -> None:
    """Run the database backend's worker until the queue is empty, as ``db_worker --batch``.

    The worker recycles database connections between tasks; inside a test's transaction that
    would close the test's own connection on PostgreSQL, so recycling is switched off here.
    """
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)


def client_for(client, user):
    client.force_login(user)
    return client


@pytest.mark.slow_pdf
def test_the_catalogue_report_of_73_assessments_completes_as_a_background_task(
    client, fw, analist, researcher, monkeypatch
):
    """The paper's study covered 73 platforms: the whole catalogue in one PDF, made by the
    database task backend's worker, as in production."""
    names = [f"Platform {n:02d}" for n in range(73)]
    for name in names:
        make_assessment(fw, analist, name)
    response = client_for(client, researcher).post(
        "/rapporten/", {"scope": "all", "language": "nl"}
    )
    job = ReportJob.objects.get()
    assert job.status == ReportJobStatus.QUEUED
    assert "In de wachtrij" in client.get(response["Location"]).content.decode()

    run_worker(monkeypatch)

    job.refresh_from_db()
    assert job.status == ReportJobStatus.DONE, job.error
    assert (job.progress_done, job.progress_total) == (74, 74)
    text = pdf_text(client.get(f"/rapporten/{job.uuid}/download/").content)
    assert "Aantal beoordelingen 73" in text
    assert [name for name in names if f"Beoordeling van {name}" not in text] == []


def test_the_reports_page_query_count_does_not_grow_with_jobs_or_assessments(
    client, fw, analist, researcher
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/rapporten/").status_code == 200
        return len(captured)

    client.force_login(researcher)
    make_assessment(fw, analist, "Een")
    ReportJob.objects.create(requested_by=researcher, language="nl")
    one = queries()
    for name in ("Twee", "Drie"):
        make_assessment(fw, analist, name)
        ReportJob.objects.create(requested_by=researcher, language="en")
    assert queries() == one


def test_a_task_that_failed_in_the_worker_marks_its_job_failed(
    client, fw, analist, researcher, monkeypatch
):
    """The worker records a failure our service never saw (here: the task cannot load)."""
    from assessments.reports.jobs import report_job_start

    job = report_job_start(
        requested_by=researcher, assessments=[make_assessment(fw, analist)], language="nl"
    )
    ReportJob.objects.filter(pk=job.pk).update(uuid="00000000-0000-0000-0000-000000000001")

    run_worker(monkeypatch)

    html = (
        client_for(client, researcher)
        .get("/rapporten/00000000-0000-0000-0000-000000000001/")
        .content.decode()
    )
    assert "Het rapport is mislukt" in html
    assert "De achtergrondtaak is afgebroken (" in html
    assert ReportJob.objects.get().status == ReportJobStatus.FAILED

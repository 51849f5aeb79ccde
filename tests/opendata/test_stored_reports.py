"""Published reports are files: made once in the background at publication (nl and en),
stored through the storage API, served as files; no visitor's request renders a PDF."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from assessments import services
from assessments.models import AssessmentStatus
from opendata.models import DatasetFile, SectorBenchmark, StoredReport
from opendata.reports import stored_reports_make

pytestmark = pytest.mark.django_db

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def no_rendering(monkeypatch):
    """Any attempt to lay out a PDF fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("a PDF was rendered inside a request")

    monkeypatch.setattr("weasyprint.HTML.render", refuse)
    monkeypatch.setattr("assessments.reports.layout.render_assessment_pdf", refuse)
    monkeypatch.setattr("assessments.reports.render_assessment_pdf", refuse)


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_publication_makes_both_reports_benchmarks_and_downloads_in_the_background(
    world, django_capture_on_commit_callbacks
):
    concept = world.concept
    concept.status = AssessmentStatus.REVIEW
    concept.save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.assessment_publish(assessment=concept)
    # Nothing was made inside the publishing request itself...
    assert StoredReport.objects.count() == 0
    ours = [c for c in callbacks if "on_published" in c.__qualname__]
    assert len(ours) == 1
    ours[0]()  # ...only when the transaction commits, by the (here immediate) task.
    reports = {r.language: r for r in StoredReport.objects.filter(assessment=concept)}
    assert sorted(reports) == ["en", "nl"]
    for report in reports.values():
        with report.file.open("rb") as fh:
            assert fh.read(5) == b"%PDF-"
        assert report.layout_version == "1"
    assert DatasetFile.objects.count() == 9
    assert SectorBenchmark.objects.filter(segment__isnull=True).first().assessments == 3


def test_an_anonymous_visitor_gets_the_stored_file_and_nothing_is_rendered(
    client, world, monkeypatch
):
    second = world.assessments["klusplein-2"]
    stored_reports_make(assessment=second)
    stored = StoredReport.objects.get(assessment=second, language="en")
    with stored.file.open("rb") as fh:
        expected = fh.read()

    def refuse(*args, **kwargs):
        raise AssertionError("a PDF was rendered inside a request")

    monkeypatch.setattr("weasyprint.HTML.render", refuse)
    monkeypatch.setattr("assessments.reports.layout.render_assessment_pdf", refuse)
    monkeypatch.setattr("assessments.reports.render_assessment_pdf", refuse)
    response = client.get(f"/open-data/rapporten/{second.uuid}/en.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="inclusief-klusplein-v2-en.pdf"'
    )
    assert b"".join(response.streaming_content) == expected


def test_the_old_report_link_of_a_published_assessment_leads_to_the_stored_file(
    client, world, no_rendering
):
    second = world.assessments["klusplein-2"]
    response = client.get(f"/beoordelingen/{second.uuid}/rapport.pdf")
    assert response.status_code == 302
    assert response["Location"] == f"/open-data/rapporten/{second.uuid}/nl.pdf"


def test_while_the_file_is_not_ready_the_page_says_so(client, world, no_rendering):
    second = world.assessments["klusplein-2"]
    response = client.get(f"/open-data/rapporten/{second.uuid}/nl.pdf")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    html = response.content.decode()
    assert "Dit bestand is nog niet klaar" in html
    assert "Probeer het over een paar minuten nog eens." in html


def test_no_stored_report_for_a_concept_or_an_unknown_language(client, world, no_rendering):
    assert client.get(f"/open-data/rapporten/{world.concept.uuid}/nl.pdf").status_code == 404
    second = world.assessments["klusplein-2"]
    assert client.get(f"/open-data/rapporten/{second.uuid}/de.pdf").status_code == 404


@pytest.mark.slow
def test_regenerate_reports_makes_missing_and_outdated_ones(world, settings):
    first = world.assessments["klusplein-1"]
    stored_reports_make(assessment=first)
    call_command("regenerate_reports", "--outdated", stdout=io.StringIO())
    assert StoredReport.objects.count() == 8  # four published assessments, two languages
    settings.REPORT_LAYOUT_VERSION = "2"
    call_command(
        "regenerate_reports", "--outdated", "--platform", "klusplein", stdout=io.StringIO()
    )
    assert sorted(
        StoredReport.objects.filter(layout_version="2").values_list(
            "assessment__edition", flat=True
        )
    ) == [1, 1, 2, 2]
    assert StoredReport.objects.count() == 8

"""Report jobs that stop moving are failed, not "Bezig" for ever; old reports are removed."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from assessments.models import ReportJob, ReportJobStatus
from assessments.reports.jobs import report_job_run, report_job_sync, report_jobs_prune
from tests.assessments.builders import user_with_role


@pytest.fixture
def researcher(db):
    return user_with_role("rosa", "onderzoeker")


def job_of(user, status=ReportJobStatus.RUNNING, *, age=timedelta(0), heartbeat=None):
    job = ReportJob.objects.create(
        requested_by=user, language="nl", status=status, progress_done=2, progress_total=9
    )
    now = timezone.now()
    ReportJob.objects.filter(pk=job.pk).update(
        created_at=now - age, heartbeat_at=None if heartbeat is None else now - heartbeat
    )
    job.refresh_from_db()
    return job


def test_a_running_job_without_progress_for_too_long_is_shown_as_failed(client, researcher):
    job = job_of(researcher, age=timedelta(minutes=30), heartbeat=timedelta(minutes=11))
    client.force_login(researcher)
    html = client.get(f"/rapporten/{job.uuid}/").content.decode()
    assert "Het rapport is mislukt" in html
    assert "al 10 minuten geen voortgang" in html
    job.refresh_from_db()
    assert job.status == ReportJobStatus.FAILED
    assert job.finished_at is not None
    # The list says so too, and offers no endless "Bezig".
    listing = client.get("/rapporten/").content.decode()
    assert "Mislukt" in listing
    assert "Bezig" not in listing


def test_a_job_that_moves_keeps_running(client, researcher):
    job = job_of(researcher, age=timedelta(minutes=30), heartbeat=timedelta(minutes=2))
    client.force_login(researcher)
    html = client.get(f"/rapporten/{job.uuid}/").content.decode()
    assert "Bezig: 2 van 9 stappen klaar." in html
    assert ReportJob.objects.get().status == ReportJobStatus.RUNNING


def test_a_job_no_worker_picks_up_says_that_no_worker_runs(client, researcher):
    job = job_of(researcher, ReportJobStatus.QUEUED, age=timedelta(minutes=61))
    client.force_login(researcher)
    html = client.get(f"/rapporten/{job.uuid}/").content.decode()
    assert "er draait geen achtergrondverwerker" in html
    fresh = job_of(researcher, ReportJobStatus.QUEUED, age=timedelta(minutes=5))
    assert report_job_sync(fresh).status == ReportJobStatus.QUEUED


@override_settings(REPORT_STALL_MINUTES=1)
def test_the_limits_follow_the_settings(researcher):
    job = job_of(researcher, age=timedelta(minutes=3), heartbeat=timedelta(seconds=90))
    assert report_job_sync(job).status == ReportJobStatus.FAILED


def test_a_job_that_finishes_meanwhile_is_not_overwritten(researcher):
    job = job_of(researcher, age=timedelta(minutes=30), heartbeat=timedelta(minutes=11))
    # The worker finished after the page loaded the job and before it was marked failed.
    ReportJob.objects.filter(pk=job.pk).update(status=ReportJobStatus.DONE, pdf=b"%PDF")
    assert report_job_sync(job).status == ReportJobStatus.DONE


def test_progress_is_a_heartbeat(researcher, monkeypatch):
    job = job_of(researcher, ReportJobStatus.QUEUED)
    seen = []

    def render(assessments, language, progress):
        progress(1, 2)
        seen.append(ReportJob.objects.get(pk=job.pk).heartbeat_at)
        return b"%PDF-1.7"

    monkeypatch.setattr("assessments.reports.layout.render_catalogue_pdf", render)
    monkeypatch.setattr("assessments.reports.jobs.catalogue_assessments", lambda uuids: [])
    report_job_run(job=job)
    assert seen[0] is not None
    assert timezone.now() - seen[0] < timedelta(minutes=1)


def test_finished_reports_older_than_the_keep_days_are_removed(researcher, client):
    old_done = job_of(researcher, ReportJobStatus.DONE, age=timedelta(days=31))
    old_failed = job_of(researcher, ReportJobStatus.FAILED, age=timedelta(days=40))
    recent = job_of(researcher, ReportJobStatus.DONE, age=timedelta(days=29))
    assert report_jobs_prune() == 2
    assert list(ReportJob.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not ReportJob.objects.filter(pk__in=[old_done.pk, old_failed.pk]).exists()
    client.force_login(researcher)
    assert "wordt 30 dagen bewaard" in client.get("/rapporten/").content.decode()


def test_the_prune_command_reports_what_it_removed(researcher, capsys):
    job_of(researcher, ReportJobStatus.DONE, age=timedelta(days=60))
    call_command("prune_report_jobs")
    assert "Deleted 1 report job(s)." in capsys.readouterr().out
    assert not ReportJob.objects.exists()

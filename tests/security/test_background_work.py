"""Finding 5: background work. A report whose worker died is failed with its reason (and its
task row too), a failed report can be retried from its page, and a report job leaves no
process behind."""

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from django.test import override_settings
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from assessments.models import ReportJob, ReportJobStatus
from assessments.reports.jobs import report_job_start
from assessments.services import assessment_start
from tests.assessments.builders import platform, user_with_role
from tests.security.conftest import publish

pytestmark = pytest.mark.django_db
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def researcher(db):
    return user_with_role("rosa", "onderzoeker")


def running_job(user, worker: str, assessments=()) -> ReportJob:
    job = report_job_start(requested_by=user, assessments=list(assessments), language="nl")
    ReportJob.objects.filter(pk=job.pk).update(status=ReportJobStatus.RUNNING, worker=worker)
    DBTaskResult.objects.filter(id=job.task_id).update(status=TaskResultStatus.RUNNING)
    job.refresh_from_db()
    return job


def dead_pid() -> int:
    child = subprocess.Popen(["sleep", "60"])
    child.send_signal(signal.SIGKILL)
    child.wait()
    return child.pid


def test_a_job_whose_worker_was_killed_is_failed_with_the_reason(client, researcher, published):
    pid = dead_pid()
    job = running_job(researcher, f"{socket.gethostname()}:{pid}", [published])
    client.force_login(researcher)
    html = client.get(f"/rapporten/{job.uuid}/").content.decode()
    assert "Het rapport is mislukt" in html
    assert f"De achtergrondverwerker (proces {pid}) is gestopt terwijl hij het rapport maakte" in (
        html
    )
    job.refresh_from_db()
    assert job.status == ReportJobStatus.FAILED
    task_row = DBTaskResult.objects.get(id=job.task_id)
    assert task_row.status == TaskResultStatus.FAILED
    assert task_row.exception_class_path == "assessments.reports.jobs.WorkerGone"


def test_a_job_whose_worker_lives_keeps_running(client, researcher, published):
    job = running_job(researcher, f"{socket.gethostname()}:{os.getpid()}", [published])
    client.force_login(researcher)
    assert "Bezig: 0 van 2 stappen klaar." in client.get(f"/rapporten/{job.uuid}/").content.decode()
    job.refresh_from_db()
    assert job.status == ReportJobStatus.RUNNING


def test_a_worker_on_another_host_is_left_to_the_stall_time(client, researcher, published):
    job = running_job(researcher, f"elders.example:{dead_pid()}", [published])
    client.force_login(researcher)
    client.get(f"/rapporten/{job.uuid}/")
    job.refresh_from_db()
    assert job.status == ReportJobStatus.RUNNING


def test_a_failed_report_is_retried_from_its_page(client, researcher, published):
    job = running_job(researcher, f"{socket.gethostname()}:{dead_pid()}", [published])
    client.force_login(researcher)
    html = client.get(f"/rapporten/{job.uuid}/").content.decode()
    assert f'action="/rapporten/{job.uuid}/opnieuw/"' in html
    response = client.post(f"/rapporten/{job.uuid}/opnieuw/")
    new_job = ReportJob.objects.exclude(pk=job.pk).get()
    assert response["Location"] == f"/rapporten/{new_job.uuid}/"
    assert (new_job.assessment_uuids, new_job.language, new_job.requested_by) == (
        [str(published.uuid)],
        "nl",
        researcher,
    )
    job.refresh_from_db()
    assert job.status == ReportJobStatus.FAILED


def test_only_a_failed_report_can_be_retried(client, researcher, published):
    job = running_job(researcher, f"{socket.gethostname()}:{os.getpid()}", [published])
    client.force_login(researcher)
    response = client.post(f"/rapporten/{job.uuid}/opnieuw/", follow=True)
    assert "Alleen een mislukt rapport kan opnieuw worden gemaakt." in response.content.decode()
    assert ReportJob.objects.count() == 1


def test_someone_elses_report_cannot_be_retried(client, researcher, published):
    job = running_job(researcher, f"{socket.gethostname()}:{dead_pid()}", [published])
    client.force_login(user_with_role("nieuwsgierig", "onderzoeker"))
    assert client.post(f"/rapporten/{job.uuid}/opnieuw/").status_code == 404


def children() -> set[int]:
    mine = str(os.getpid())
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[1] == mine and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


@override_settings(TASKS=IMMEDIATE_TASKS, CATALOGUE_REPORT_WORKERS=2)
def test_a_report_job_leaves_no_process_behind(researcher, published, author):
    second = publish(assessment_start(platform=platform("Tweede"), owner=author))
    before = children()
    job = report_job_start(requested_by=researcher, assessments=[published, second], language="nl")
    assert job.status == ReportJobStatus.DONE
    deadline = time.monotonic() + 10
    while children() - before and time.monotonic() < deadline:
        time.sleep(0.2)
    assert children() - before == set()

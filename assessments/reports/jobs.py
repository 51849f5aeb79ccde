"""Catalogue reports as background jobs: start one, run it, read its outcome.

The task ``make_catalogue_report`` only loads the job and calls ``report_job_run``. The PDF
is stored on the job in the database, so a worker on any machine that reaches the database
can make it and any app server can hand it out.
"""

from __future__ import annotations

import logging
import os
import socket
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus, task
from django_tasks.exceptions import TaskResultDoesNotExist

from assessments import reports
from assessments.models import Assessment, ReportJob, ReportJobStatus
from assessments.reports.data import catalogue_assessments

logger = logging.getLogger(__name__)


class ReportJobError(Exception):
    """A job that cannot be made; the message is for the user."""


@transaction.atomic
def report_job_start(
    *, requested_by: Any, assessments: list[Assessment], language: str
) -> ReportJob:
    """Record the job and queue its task in one transaction (the database backend's queue is
    a table, so the task exists exactly when the job does)."""
    report_jobs_prune()
    job = ReportJob(
        requested_by=requested_by,
        assessment_uuids=[str(a.uuid) for a in assessments],
        language=language,
        progress_total=len(assessments) + 1,
    )
    job.full_clean()
    job.save()
    result = make_catalogue_report.enqueue(str(job.uuid))
    # The immediate backend (tests) has already run the task; keep what it wrote.
    ReportJob.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.refresh_from_db()
    return job


def _progress(job: ReportJob) -> reports.ProgressCallback:
    def update(done: int, total: int) -> None:
        ReportJob.objects.filter(pk=job.pk).update(
            progress_done=done, progress_total=total, heartbeat_at=timezone.now()
        )

    return update


def report_jobs_prune(now: datetime | None = None) -> int:
    """Delete finished jobs (and their PDFs) older than ``REPORT_KEEP_DAYS``; how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.REPORT_KEEP_DAYS)
    deleted, _by_model = ReportJob.objects.filter(
        status__in=[ReportJobStatus.DONE, ReportJobStatus.FAILED], created_at__lt=cutoff
    ).delete()
    return deleted


def report_job_run(*, job: ReportJob) -> ReportJob:
    """Render the job's PDF and store it, updating progress; on failure record why and re-raise
    so the task backend records the failure too."""
    ReportJob.objects.filter(pk=job.pk).update(
        status=ReportJobStatus.RUNNING,
        progress_done=0,
        error="",
        heartbeat_at=timezone.now(),
        worker=this_worker(),
    )
    try:
        assessments = catalogue_assessments(job.assessment_uuids)
        missing = len(job.assessment_uuids) - len(assessments)
        if missing:
            raise ReportJobError(
                _("%(n)s van de gekozen beoordelingen bestaan niet meer.") % {"n": missing}
            )
        pdf = reports.render_catalogue_pdf(assessments, job.language, progress=_progress(job))
    except Exception as exc:
        message = str(exc) if isinstance(exc, ReportJobError) else f"{type(exc).__name__}: {exc}"
        logger.exception("Report job %s failed", job.uuid)
        ReportJob.objects.filter(pk=job.pk).update(
            status=ReportJobStatus.FAILED, error=message, finished_at=timezone.now()
        )
        raise
    ReportJob.objects.filter(pk=job.pk).update(
        status=ReportJobStatus.DONE, pdf=pdf, finished_at=timezone.now()
    )
    job.refresh_from_db()
    return job


def this_worker() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    try:  # a zombie has died; only its exit status is left
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def _worker_gone_reason(job: ReportJob) -> str:
    """Why a running job's worker is known to be gone ("" when it may still be at work).

    Only a worker on this host can be checked; elsewhere the stall time decides.
    """
    host, _sep, pid = job.worker.rpartition(":")
    if job.status != ReportJobStatus.RUNNING or host != socket.gethostname() or not pid.isdigit():
        return ""
    if _process_alive(int(pid)):
        return ""
    return _(
        "De achtergrondverwerker (proces %(pid)s) is gestopt terwijl hij het rapport maakte, "
        "bijvoorbeeld doordat hij werd afgebroken of te weinig geheugen had."
    ) % {"pid": pid}


def _fail_task(job: ReportJob, message: str) -> None:
    """Mark the task row of the database queue failed too, so it does not stay RUNNING."""
    # Imported here: the model belongs to the queue backend, not to what the module needs.
    from django_tasks_db.models import DBTaskResult  # noqa: PLC0415

    if job.task_id:
        DBTaskResult.objects.filter(id=job.task_id, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED,
            finished_at=timezone.now(),
            exception_class_path="assessments.reports.jobs.WorkerGone",
            traceback=message,
        )


def _stalled_reason(job: ReportJob, now: datetime) -> str:
    """Why an unfinished job will not finish any more, or "" while it still may."""
    if job.status == ReportJobStatus.RUNNING:
        last = job.heartbeat_at or job.created_at
        if now - last > timedelta(minutes=settings.REPORT_STALL_MINUTES):
            return _(
                "Het maken van het rapport is gestopt: al %(minutes)s minuten geen voortgang. "
                "De achtergrondtaak is waarschijnlijk onderbroken."
            ) % {"minutes": settings.REPORT_STALL_MINUTES}
    elif job.status == ReportJobStatus.QUEUED and now - job.created_at > timedelta(
        minutes=settings.REPORT_QUEUE_MINUTES
    ):
        return _(
            "Het rapport is na %(minutes)s minuten nog niet begonnen: er draait geen "
            "achtergrondverwerker. Meld dit aan een beheerder."
        ) % {"minutes": settings.REPORT_QUEUE_MINUTES}
    return ""


def _fail(job: ReportJob, message: str) -> ReportJob:
    # Only while still unfinished: a worker that finishes at this moment wins.
    ReportJob.objects.filter(
        pk=job.pk, status__in=[ReportJobStatus.QUEUED, ReportJobStatus.RUNNING]
    ).update(status=ReportJobStatus.FAILED, error=message, finished_at=timezone.now())
    job.refresh_from_db(fields=["status", "error", "finished_at"])
    return job


def report_job_sync(job: ReportJob, now: datetime | None = None) -> ReportJob:
    """Mark a job failed when it will not finish any more.

    A worker can lose a task in ways our service never sees (the task could not be imported or
    loaded, the job row was gone); the task backend still records the failure. A worker that
    is killed records nothing: its job stops moving, and after ``REPORT_STALL_MINUTES``
    without progress (``REPORT_QUEUE_MINUTES`` without starting) it counts as failed. Either
    way the status page must not wait forever for a report that will not come.
    """
    if job.is_finished:
        return job
    stalled = _worker_gone_reason(job) or _stalled_reason(job, now or timezone.now())
    if stalled:
        logger.warning("Report job %s counted as failed: %s", job.uuid, stalled)
        _fail_task(job, stalled)
        return _fail(job, stalled)
    if not job.task_id:
        return job
    try:
        result = make_catalogue_report.get_result(job.task_id)
    except (NotImplementedError, TaskResultDoesNotExist):
        return job
    if result.status != TaskResultStatus.FAILED:
        return job
    cause = result.errors[-1].exception_class_path if result.errors else ""
    return _fail(job, _("De achtergrondtaak is afgebroken (%(cause)s).") % {"cause": cause or "?"})


@task()
def make_catalogue_report(job_uuid: str) -> None:
    """The background task (django-tasks, database backend): load the job, run it."""
    report_job_run(job=ReportJob.objects.get(uuid=job_uuid))


@transaction.atomic
def report_job_retry(*, job: ReportJob) -> ReportJob:
    """A new job for a failed one: the same choice of assessments (those that still exist) and
    language. The failed job stays in the list with its reason."""
    if job.status != ReportJobStatus.FAILED:
        raise ReportJobError(_("Alleen een mislukt rapport kan opnieuw worden gemaakt."))
    assessments = catalogue_assessments(job.assessment_uuids)
    if not assessments:
        raise ReportJobError(_("Geen van de gekozen beoordelingen bestaat nog."))
    return report_job_start(
        requested_by=job.requested_by, assessments=assessments, language=job.language
    )

"""Background tasks (django-tasks, database backend). Thin: load, then call a service."""

from django_tasks import task

from assessments.models import ReportJob


@task()
def make_catalogue_report(job_uuid: str) -> None:
    from assessments.report_jobs import report_job_run

    report_job_run(job=ReportJob.objects.get(uuid=job_uuid))

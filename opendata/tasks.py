"""Background tasks (django-tasks, database backend). Thin: load, then call a service."""

from django_tasks import task

from assessments.models import Assessment
from opendata.benchmarks import benchmarks_compute
from opendata.datasets import datasets_build
from opendata.reports import stored_reports_make


@task()
def after_publication(assessment_uuid: str) -> None:
    """A publication's follow-up work: its stored reports, the benchmarks, the downloads."""
    assessment = Assessment.objects.select_related("platform").get(uuid=assessment_uuid)
    stored_reports_make(assessment=assessment)
    benchmarks_compute()
    datasets_build()

"""Background tasks (django-tasks, database backend). Each is defined beside its service."""

from assessments.reports.jobs import make_catalogue_report

__all__ = ["make_catalogue_report"]

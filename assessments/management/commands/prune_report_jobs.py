"""Delete finished catalogue reports older than REPORT_KEEP_DAYS (also done on every new one)."""

from django.core.management.base import BaseCommand

from assessments.reports.jobs import report_jobs_prune


class Command(BaseCommand):
    help = "Delete finished report jobs and their PDFs older than REPORT_KEEP_DAYS days."

    def handle(self, *args, **options) -> None:
        deleted = report_jobs_prune()
        self.stdout.write(f"Deleted {deleted} report job(s).")

"""Delete saved maatwerkscans older than MAATWERK_KEEP_DAYS. Run it daily from cron."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from maatwerk.services import scan_prune


class Command(BaseCommand):
    help = "Delete saved maatwerkscans unchanged for longer than MAATWERK_KEEP_DAYS (default 90)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = scan_prune()
        self.stdout.write(
            f"Deleted {count} maatwerkscan(s) unchanged for more than "
            f"{settings.MAATWERK_KEEP_DAYS} days."
        )

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from opendata.reports import stored_reports_regenerate


class Command(BaseCommand):
    help = (
        "Render the stored PDF reports of published assessments again (Dutch and English), "
        "e.g. after a new report layout or framework version."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--outdated",
            action="store_true",
            help="Only reports that are missing or of another REPORT_LAYOUT_VERSION.",
        )
        parser.add_argument("--platform", default="", help="Only this platform (slug).")

    def handle(self, *args: Any, **options: Any) -> None:
        done = stored_reports_regenerate(
            only_outdated=options["outdated"], platform=options["platform"]
        )
        self.stdout.write(f"Stored reports made for {done} published assessment(s).")

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments.loading import (
    DEFAULT_SOURCE,
    CatalogueSourceError,
    load_catalogue,
    read_catalogue,
)


class Command(BaseCommand):
    help = "Load the seed catalogue of platforms (upsert by slug; safe to run again)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "source",
            nargs="?",
            default=str(DEFAULT_SOURCE),
            help="YAML file, or JSON made by export_catalogue (default: %(default)s).",
        )

    def handle(self, *args, source: str, **options) -> None:
        try:
            report = load_catalogue(read_catalogue(Path(source)))
        except CatalogueSourceError as exc:
            raise CommandError(f"Nothing loaded. {exc}") from None
        self.stdout.write(
            f"Catalogue: {report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged."
        )

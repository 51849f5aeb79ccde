from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from framework.loading import DEFAULT_SOURCE, FrameworkSourceError, load_framework, read_source


class Command(BaseCommand):
    help = "Load the Raamwerk (criteria, statements, characteristics, rules) from its source file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "source",
            nargs="?",
            default=str(DEFAULT_SOURCE),
            help="YAML source or a JSON file made by export_framework (default: %(default)s).",
        )

    def handle(self, *args: object, source: str, **options: object) -> None:
        try:
            report = load_framework(read_source(Path(source)))
        except FrameworkSourceError as exc:
            raise CommandError(f"Nothing loaded. {exc}") from None
        counts = ", ".join(f"{n} {k}" for k, n in report.counts.items())
        if report.changed:
            self.stdout.write(
                f"Framework {report.version}: {report.created} created, {report.updated} updated, "
                f"{report.retired} retired ({counts})."
            )
        else:
            self.stdout.write(f"Framework {report.version} is up to date ({counts}).")

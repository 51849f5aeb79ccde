import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from framework.loading import UnknownVersion, export_framework


class Command(BaseCommand):
    help = "Write the whole framework to stdout, in the shape load_framework reads back."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["json"], default="json")
        parser.add_argument(
            "--framework-version",
            dest="label",
            default=None,
            help="Export this stored version (default: the current one).",
        )

    def handle(self, *args, **options) -> None:
        try:
            data = export_framework(options["label"])
        except UnknownVersion:
            raise CommandError(f"No framework version {options['label']!r} is stored.") from None
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))

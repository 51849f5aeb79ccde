import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from framework.loading import UnknownVersion, export_framework
from framework.rulebook import rule_book_markdown


class Command(BaseCommand):
    help = (
        "Write the whole framework to stdout: as JSON in the shape load_framework reads back, "
        "or as a Markdown rule book for review."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["json", "markdown"], default="json")
        parser.add_argument(
            "--framework-version",
            dest="label",
            default=None,
            help="Export this stored version as JSON (default: the current one).",
        )
        parser.add_argument(
            "--language", choices=["nl", "en"], default="nl", help="language of the rule book"
        )

    def handle(self, *args: object, **options: Any) -> None:
        if options["format"] == "markdown":
            with translation.override(options["language"]):
                self.stdout.write(rule_book_markdown(), ending="")
            return
        try:
            data = export_framework(options["label"])
        except UnknownVersion:
            raise CommandError(f"No framework version {options['label']!r} is stored.") from None
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))

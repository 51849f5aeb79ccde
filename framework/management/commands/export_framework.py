import json

from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation

from framework.loading import export_framework
from framework.rulebook import rule_book_markdown


class Command(BaseCommand):
    help = (
        "Write the whole framework to stdout: as JSON in the shape load_framework reads back, "
        "or as a Markdown rule book for review."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["json", "markdown"], default="json")
        parser.add_argument(
            "--language", choices=["nl", "en"], default="nl", help="language of the rule book"
        )

    def handle(self, *args, **options) -> None:
        if options["format"] == "markdown":
            with translation.override(options["language"]):
                self.stdout.write(rule_book_markdown(), ending="")
            return
        self.stdout.write(json.dumps(export_framework(), ensure_ascii=False, indent=2))

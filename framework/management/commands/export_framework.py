import json

from django.core.management.base import BaseCommand, CommandParser

from framework.loading import export_framework


class Command(BaseCommand):
    help = "Write the whole framework to stdout, in the shape load_framework reads back."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args, **options) -> None:
        self.stdout.write(json.dumps(export_framework(), ensure_ascii=False, indent=2))

import json

from django.core.management.base import BaseCommand, CommandParser

from assessments.loading import catalogue_queryset, platform_as_dict
from assessments.resources import PlatformResource


class Command(BaseCommand):
    help = "Write the catalogue to stdout: JSON with profiles and sources, or CSV as imported."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args, format: str, **options) -> None:
        platforms = catalogue_queryset()
        if format == "json":
            data = {"platforms": [platform_as_dict(platform) for platform in platforms]}
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            dataset = PlatformResource().export(queryset=platforms)
            self.stdout.write(dataset.csv, ending="")

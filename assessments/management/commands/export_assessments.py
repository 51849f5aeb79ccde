import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments.exchange import export_assessments
from assessments.models import Assessment, AssessmentStatus, Platform


class Command(BaseCommand):
    help = (
        "Write assessments to stdout as JSON in the schema of docs/export-schema.md "
        "(all statuses unless --status is given)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["json"], default="json")
        parser.add_argument("--platform", metavar="SLUG", help="Only this platform's assessments.")
        parser.add_argument(
            "--status", choices=AssessmentStatus.values, help="Only assessments with this status."
        )

    def handle(self, *args, format: str, platform: str | None, status: str | None, **options):
        assessments = Assessment.objects.all()
        if platform:
            if not Platform.objects.filter(slug=platform).exists():
                raise CommandError(f"Unknown platform {platform!r} (give its slug).")
            assessments = assessments.filter(platform__slug=platform)
        if status:
            assessments = assessments.filter(status=status)
        data = export_assessments(assessments)
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from assessments.exchange import ExchangeError, import_assessments, read_document


class Command(BaseCommand):
    help = (
        "Import assessments from a JSON file made by export_assessments "
        "(docs/export-schema.md). All or nothing: a bad entry stops the whole import."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The JSON file.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Overwrite assessments whose uuid exists here (never a published one).",
        )
        parser.add_argument(
            "--owner",
            metavar="USERNAME",
            help="Owner for assessments whose owner has no account here.",
        )

    def handle(self, *args, file: str, replace: bool, owner: str | None, **options) -> None:
        fallback = None
        if owner:
            model = get_user_model()
            fallback = model.objects.filter(**{model.USERNAME_FIELD: owner}).first()
            if fallback is None:
                raise CommandError(f"Nothing imported. --owner: there is no user {owner!r}.")
        path = Path(file)
        try:
            data = read_document(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise CommandError(f"Nothing imported. Cannot read {path}: {exc.strerror}.") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CommandError(f"Nothing imported. {path} is not valid JSON: {exc}.") from None
        except ExchangeError as exc:
            raise CommandError(f"Nothing imported. {path}: {exc}") from None
        try:
            # The model's own validation messages are in the active language; the CLI is English.
            with translation.override("en"):
                report = import_assessments(data, owner_fallback=fallback, replace=replace)
        except ExchangeError as exc:
            raise CommandError(f"Nothing imported. {exc}") from None

        self.stdout.write(
            f"Imported {report.imported} assessment(s): {len(report.created)} created, "
            f"{len(report.replaced)} replaced; findings derived from the answers for "
            f"{len(report.derived)}."
        )
        for uuid, original, used in report.owners_substituted:
            self.stdout.write(
                f"Assessment {uuid}: owner {original!r} is unknown here; now owned by {used!r}."
            )
        for warning in report.warnings:
            self.stdout.write(f"Warning: {warning}")

"""Write a PDF report: one or more assessments by uuid, or every published one (--all).

One assessment gives its own report; several (or --all) give the overview plus every report,
as the background job on the Rapporten page does.
"""

import time
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments.reports.data import catalogue_assessments
from assessments.reports.layout import render_assessment_pdf, render_catalogue_pdf


class Command(BaseCommand):
    help = "Write the PDF report of assessments (uuids) or of all published ones (--all)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("assessments", nargs="*", metavar="ASSESSMENT", help="uuid")
        parser.add_argument("--all", action="store_true", help="all published assessments")
        parser.add_argument("-o", "--output", required=True, help="the PDF file to write")
        parser.add_argument(
            "--language", choices=[code for code, _ in settings.LANGUAGES], default="nl"
        )

    def handle(
        self, *args, assessments: list[str], all: bool, output: str, language: str, **options
    ) -> None:
        if all == bool(assessments):
            raise CommandError("Give assessment uuids or --all, not both and not neither.")
        try:
            chosen = catalogue_assessments(None if all else assessments)
        except ValidationError as exc:
            raise CommandError(f"Not a valid uuid: {exc.messages[0]}") from exc
        if not all:
            missing = sorted(set(assessments) - {str(a.uuid) for a in chosen})
            if missing:
                raise CommandError(f"No assessment with uuid: {', '.join(missing)}")
        if not chosen:
            raise CommandError("There are no published assessments.")
        started = time.monotonic()
        if len(chosen) == 1 and not all:
            pdf = render_assessment_pdf(chosen[0], language)
        else:

            def progress(done: int, total: int) -> None:
                if options["verbosity"] > 1:
                    self.stderr.write(f"{done}/{total}")

            pdf = render_catalogue_pdf(chosen, language, progress=progress)
        Path(output).write_bytes(pdf)
        self.stdout.write(
            f"Wrote {output}: {len(chosen)} assessment(s), {len(pdf)} bytes, "
            f"{time.monotonic() - started:.1f} s."
        )

"""Fill the database with deterministic synthetic platforms and assessments (bulk inserts).

    python manage.py seed_scale --platforms 10000 --assessments 50000 --seed 1

Seeded platforms have slugs starting with ``seed-``; ``--flush-seeded`` removes those (and
only those) first. The framework is loaded when it is missing.
"""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments.seeding import SeedError, flush_seeded, seed_scale, seeded_exists
from framework.models import Question


class Command(BaseCommand):
    help = "Seed synthetic platforms, profiles, assessments, answers and findings at scale."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--platforms", type=int, default=100)
        parser.add_argument("--assessments", type=int, default=500)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--flush-seeded",
            action="store_true",
            help="Delete earlier seeded rows (slugs and user names starting with 'seed-') first.",
        )

    def handle(self, *args, platforms: int, assessments: int, seed: int, **options) -> None:
        quiet = options["verbosity"] == 0

        def log(line: str) -> None:
            if not quiet:
                self.stdout.write(line)
                self.stdout.flush()

        if not Question.objects.exists():
            log("No framework loaded; loading fixtures/framework.yaml first.")
            call_command("load_framework", verbosity=0)
        if seeded_exists():
            if not options["flush_seeded"]:
                raise CommandError(
                    "Seeded data already exists (platforms with a 'seed-' slug). "
                    "Run again with --flush-seeded to delete it first; nothing was written."
                )
            started = time.perf_counter()
            flush_seeded()
            log(f"Removed earlier seeded data in {time.perf_counter() - started:.1f} s.")
        log(f"Seeding {platforms} platforms and {assessments} assessments (seed {seed}).")
        try:
            report = seed_scale(platforms=platforms, assessments=assessments, seed=seed, log=log)
        except SeedError as exc:
            raise CommandError(str(exc)) from None
        log(
            f"Seeded {report.platforms} platforms, {report.profile_answers} profile answers, "
            f"{report.assessments} assessments, {report.answers} answers, "
            f"{report.findings} findings in {report.timings['total']:.1f} s."
        )

from typing import Any

from django.core.management.base import BaseCommand

from opendata.benchmarks import benchmarks_compute
from opendata.datasets import datasets_build


class Command(BaseCommand):
    help = "Recompute the sector benchmarks and rebuild every open-data download."

    def handle(self, *args: Any, **options: Any) -> None:
        rows = benchmarks_compute()
        self.stdout.write(f"Sector benchmarks: {rows} medians.")
        for entry in datasets_build():
            self.stdout.write(f"{entry.file.name}: {entry.records} records, {entry.size} bytes")

"""The full open-data export, measured: every dataset of ``opendata.datasets`` written for the
published assessments in the current database, into a temporary directory.

    DATABASE_URL=postgres://… python bench/export_probe.py [--no-tracemalloc] [--only CODE,…]

Prints ONE JSON object on stdout:

    {"assessments": N, "files": {filename: bytes}, "seconds": s, "cpu_seconds": c,
     "peak_rss_mb": x, "rss_before_mb": y, "tracemalloc_peak_mb": z, "queries": q, ...}

``rss_before_mb`` is the resident memory after Python, Django and the app are loaded and
before the export starts: the baseline that any process of the app pays. ``peak_rss_mb`` is
the highest resident memory of the whole run (``ru_maxrss``), so what the export itself adds
is the difference. ``tracemalloc_peak_mb`` is the peak of Python allocations during the export
(tracing slows the run by about half; ``--no-tracemalloc`` measures time without it).
Reads DATABASE_URL and DJANGO_SETTINGS_MODULE (default ``bench.settings``) like bench/probe.py.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
django.setup()

from django.db import connection  # noqa: E402

from assessments.models import Assessment  # noqa: E402
from opendata.datasets import DATASETS  # noqa: E402

MB = 1024 * 1024


def rss_now_mb() -> float:
    """Resident memory now, from /proc (Linux); ``ru_maxrss`` only knows the peak."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-tracemalloc", action="store_true")
    parser.add_argument("--only", default="", help="dataset codes, comma-separated")
    args = parser.parse_args(argv)
    chosen = [d for d in DATASETS if not args.only or d.code in args.only.split(",")]

    assessments = Assessment.objects.published().count()
    queries = 0

    def count(execute, sql, params, many, context):  # noqa: ANN001, ANN202
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    rss_before = rss_now_mb()
    files: dict[str, int] = {}
    per_file_seconds: dict[str, float] = {}
    if not args.no_tracemalloc:
        tracemalloc.start()
    cpu_started = cpu_seconds()
    started = time.perf_counter()
    with (
        tempfile.TemporaryDirectory(prefix="export-probe-") as directory,
        connection.execute_wrapper(count),
    ):
        for dataset in chosen:
            path = Path(directory) / dataset.filename
            file_started = time.perf_counter()
            with path.open("w", encoding="utf-8", newline="") as out:
                dataset.write(out)
            per_file_seconds[dataset.filename] = round(time.perf_counter() - file_started, 1)
            files[dataset.filename] = path.stat().st_size
            path.unlink()  # the figures, not the files, are the result
            print(  # progress for a long run; stdout carries only the result
                f"[export_probe] {dataset.filename}: {files[dataset.filename]} bytes, "
                f"{per_file_seconds[dataset.filename]} s, peak RSS {peak_rss_mb():.1f} MB",
                file=sys.stderr,
                flush=True,
            )
    seconds = time.perf_counter() - started
    cpu = cpu_seconds() - cpu_started
    traced_peak = tracemalloc.get_traced_memory()[1] / MB if tracemalloc.is_tracing() else None
    tracemalloc.stop()
    print(
        json.dumps(
            {
                "assessments": assessments,
                "files": files,
                "seconds": round(seconds, 1),
                "cpu_seconds": round(cpu, 1),
                "per_file_seconds": per_file_seconds,
                "peak_rss_mb": round(peak_rss_mb(), 1),
                "rss_before_mb": round(rss_before, 1),
                "tracemalloc_peak_mb": round(traced_peak, 1) if traced_peak is not None else None,
                "queries": queries,
                "load_average": [round(x, 2) for x in os.getloadavg()],
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])

"""Time a catalogue import through the admin (preview, then confirm) at several sizes.

    DATABASE_URL=sqlite:////tmp/inclusief-import-bench.sqlite3 \
        .venv/bin/python bench/catalogue_import.py 1000 2500 5000 [--xlsx]

Each size uploads a CSV of new platforms (every column, two sources each) to the admin's
import page, as a curator would, and times the preview request and the confirm request; then
uploads the same file again (every row unchanged) and times that preview. With --xlsx the same
rows go in as an Excel workbook instead of a CSV file. The database is
created afresh (migrate + load_framework) unless --keep is given.
"""

from __future__ import annotations

import csv
import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inclusief.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")


def catalogue_csv(rows: int) -> bytes:
    from assessments.resources import COLUMNS  # noqa: PLC0415 - after django.setup()

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    sectors = ["horeca", "schoonmaak", "zorg", "logistiek", "onderwijs"]
    for n in range(rows):
        writer.writerow(
            {
                "name": f"Bench platform {n}",
                "website": f"https://bench{n}.example.nl",
                "description": "Een platform voor klussen in de buurt, om de import te meten.",
                "status": "active" if n % 10 else "stopped",
                "status_date": "" if n % 10 else "2024-05-15",
                "sectors": f"{sectors[n % 5]};{sectors[(n + 1) % 5]}",
                "work_types": "schoonmaak" if n % 2 else "",
                "modes": "fysiek" if n % 3 else "fysiek;online",
                "modes_source": f"https://bench{n}.example.nl/over",
                "skill_levels": "lager;middelbaar",
                "skill_levels_source": "Tabel 1 van het paper",
                "source_1_url": f"https://nieuws.example.nl/{n}",
                "source_1_consulted_on": "2026-11-30",
                "source_1_note": "Werkwijze en tarieven",
                "source_2_title": f"Jaarverslag {n}",
            }
        )
    return out.getvalue().encode()


def catalogue_xlsx(rows: int) -> bytes:
    """The same rows as catalogue_csv, as the XLSX workbook a curator saves from Excel."""
    from openpyxl import Workbook  # noqa: PLC0415 - only the --xlsx run needs it

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for record in csv.reader(io.StringIO(catalogue_csv(rows).decode())):
        sheet.append(record)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def main() -> None:
    import django  # noqa: PLC0415

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415
    from django.core.management import call_command  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.test.utils import setup_test_environment  # noqa: PLC0415

    from assessments.models import Platform  # noqa: PLC0415
    from tests.users import make_user  # noqa: PLC0415

    setup_test_environment()  # so that responses carry their template context
    from django.conf import settings  # noqa: PLC0415

    # force_login has no client address; django-axes would log "unknown" into an inet column.
    settings.AXES_ENABLED = False
    sizes = [int(arg) for arg in sys.argv[1:] if arg.isdigit()] or [1000, 2500, 5000]
    call_command("migrate", verbosity=0)
    call_command("load_framework", verbosity=0)
    Platform.objects.filter(name__startswith="Bench platform").delete()
    admin = make_user(f"bench-{time.time_ns()}", is_superuser=True, is_staff=True, password=None)
    client = Client()
    client.force_login(admin)

    xlsx = "--xlsx" in sys.argv
    # The admin offers its formats in this order: CSV (0), XLSX (1).
    file_format, filename, content_type = (
        (1, "platforms.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        if xlsx
        else (0, "platforms.csv", "text/csv")
    )
    build = catalogue_xlsx if xlsx else catalogue_csv

    def upload(data: bytes) -> tuple[float, float, object]:
        start, cpu = time.perf_counter(), time.process_time()
        response = client.post(
            "/beheer/assessments/platform/import/",
            {
                "resource": 0,
                "format": file_format,
                "import_file": SimpleUploadedFile(filename, data, content_type),
            },
        )
        return time.perf_counter() - start, time.process_time() - cpu, response

    # Wall time is what the curator waits; CPU time is what this process used of it (on a
    # shared machine the difference is time spent waiting for a core).
    print(
        f"{'rows':>6} {'preview s (cpu)':>16} {'import s (cpu)':>15} {'ms/row':>7} "
        f"{'unchanged preview s (cpu)':>26}"
    )
    for rows in sizes:
        data = build(rows)
        preview, preview_cpu, response = upload(data)
        confirm = response.context["confirm_form"]
        assert confirm is not None, "the preview found errors"
        start, cpu = time.perf_counter(), time.process_time()
        done = client.post("/beheer/assessments/platform/process_import/", confirm.initial)
        commit, commit_cpu = time.perf_counter() - start, time.process_time() - cpu
        assert done.status_code == 302, done.status_code
        assert Platform.objects.filter(name__startswith="Bench platform").count() == rows
        again, again_cpu, _response = upload(data)
        print(
            f"{rows:>6} {preview:>8.1f} ({preview_cpu:>4.1f}) {commit:>7.1f} ({commit_cpu:>4.1f}) "
            f"{1000 * commit / rows:>7.2f} {again:>17.1f} ({again_cpu:>4.1f})",
            flush=True,
        )
        Platform.objects.filter(name__startswith="Bench platform").delete()


if __name__ == "__main__":
    main()

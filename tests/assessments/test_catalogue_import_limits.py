"""Catalogue files are refused at once when they exceed the limits on bytes, rows or columns."""

import io
import time

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.models import Platform
from assessments.resources import ImportRefused, LimitedCSV, LimitedXLSX

pytestmark = pytest.mark.django_db


def xlsx(cells: dict[tuple[int, int], str]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for (row, column), value in cells.items():
        sheet.cell(row=row, column=column, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_small_sparse_xlsx_is_refused_before_its_rows_are_read():
    # The file of the bug report: a few KB, one cell far down the sheet.
    data = xlsx({(1, 1): "name", (20_000, 1): "x"})
    assert len(data) < 10_000
    start = time.perf_counter()
    with pytest.raises(ImportRefused) as info:
        LimitedXLSX().create_dataset(data)
    assert time.perf_counter() - start < 10
    assert str(info.value) == (
        "Het bestand heeft meer dan 10000 rijen met platforms (tot regel 20000); importeer "
        "hoogstens 10000 rijen per keer. Lege rijen onder de gegevens tellen ook mee: "
        "verwijder ze."
    )


def test_an_xlsx_with_a_far_column_is_refused():
    data = xlsx({(1, 1): "name", (2, 16_000): "x"})
    with pytest.raises(ImportRefused) as info:
        LimitedXLSX().create_dataset(data)
    assert str(info.value) == (
        "Het bestand heeft 16000 kolommen; het mag er hoogstens 63 hebben. Lege kolommen "
        "naast de gegevens tellen ook mee: verwijder ze."
    )


def test_limits_come_from_the_settings(settings):
    settings.CATALOGUE_IMPORT_MAX_ROWS = 2
    settings.CATALOGUE_IMPORT_MAX_BYTES = 200
    with pytest.raises(ImportRefused) as info:
        LimitedCSV().create_dataset("name\na\nb\nc\n")
    assert "meer dan 2 rijen" in str(info.value)
    with pytest.raises(ImportRefused) as info:
        LimitedCSV().create_dataset("name\n" + "x" * 300)
    assert str(info.value) == (
        "Het bestand is 0,0 MB groot; het mag hoogstens 0,0 MB zijn. Splits het in kleinere "
        "bestanden."
    )


def test_blank_rows_keep_line_numbers_and_trailing_ones_are_dropped():
    dataset = LimitedXLSX().create_dataset(
        xlsx({(1, 1): "name", (2, 1): "Een", (4, 1): "Twee", (5, 1): None})
    )
    assert [row[0] for row in dataset] == ["Een", "", "Twee"]


def test_the_admin_names_the_limit_and_stores_nothing(admin_client):
    data = xlsx({(1, 1): "name", (20_000, 1): "x"})
    response = admin_client.post(
        "/beheer/assessments/platform/import/",
        {
            "resource": 0,
            "format": 1,
            "import_file": SimpleUploadedFile(
                "leeg.xlsx",
                data,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
        },
    )
    assert response.status_code == 200
    assert "meer dan 10000 rijen met platforms (tot regel 20000)" in response.content.decode()
    assert Platform.objects.count() == 0


def test_the_admin_refuses_a_file_over_the_byte_limit(admin_client, settings):
    settings.CATALOGUE_IMPORT_MAX_BYTES = 1024 * 1024
    upload = SimpleUploadedFile("groot.csv", b"name\n" + b"x" * (2 * 1024 * 1024), "text/csv")
    response = admin_client.post(
        "/beheer/assessments/platform/import/",
        {"resource": 0, "format": 0, "import_file": upload},
    )
    assert (
        "Het bestand is 2,0 MB groot; het mag hoogstens 1,0 MB zijn." in response.content.decode()
    )


def test_the_admin_names_a_missing_column_in_dutch(admin_client):
    upload = SimpleUploadedFile("fout.csv", b"naam,website\nTemper,https://temper.works\n")
    response = admin_client.post(
        "/beheer/assessments/platform/import/",
        {"resource": 0, "format": 0, "import_file": upload},
    )
    assert response.status_code == 200
    assert "De kolom &#x27;name&#x27; ontbreekt." in response.content.decode()


@pytest.mark.slow
def test_a_5000_row_catalogue_file_passes_the_limits_and_every_row_lands(framework, admin_client):
    # The size the issue names: not refused by any limit, previewed, confirmed, all stored.
    # (How long it takes is measured by bench/catalogue_import.py, see docs/performance.md.)
    from bench.catalogue_import import catalogue_csv  # noqa: PLC0415 - the benchmark's own file

    data = catalogue_csv(5000)
    preview = admin_client.post(
        "/beheer/assessments/platform/import/",
        {
            "resource": 0,
            "format": 0,
            "import_file": SimpleUploadedFile("platforms.csv", data, "text/csv"),
        },
    )
    confirm = preview.context["confirm_form"]
    assert confirm is not None
    done = admin_client.post("/beheer/assessments/platform/process_import/", confirm.initial)
    assert done.status_code == 302
    assert Platform.objects.filter(name__startswith="Bench platform").count() == 5000
    last = Platform.objects.get(name="Bench platform 4999")
    assert last.sources.count() == 2

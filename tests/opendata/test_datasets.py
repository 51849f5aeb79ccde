"""The open-data downloads: built as files, served from storage, readable by Dutch Excel,
safe against formula injection, and written in constant memory."""

import csv
import io
import json
import tracemalloc

import pytest
from django.utils import timezone

from assessments.models import Assessment, AssessmentStatus, Finding, Platform, Verdict
from opendata.datasets import DATASETS, DATASETS_BY_CODE, dataset_build, datasets_build
from opendata.models import DatasetFile
from tests.opendata.conftest import CONCEPT_SUMMARY, SECRET_REVIEW

pytestmark = pytest.mark.django_db


def read(entry: DatasetFile) -> bytes:
    with entry.file.open("rb") as fh:
        return fh.read()


def download(client, filename: str) -> bytes:
    response = client.get(f"/open-data/bestanden/{filename}")
    assert response.status_code == 200
    assert response.streaming
    return b"".join(response.streaming_content)


def test_every_download_is_built_and_served_as_a_stored_file(client, world):
    entries = {e.code: e for e in datasets_build()}
    assert sorted(entries) == sorted(d.code for d in DATASETS)
    assert entries["assessments-json"].records == 4
    assert entries["findings-csv"].records == 6
    assert entries["catalogue-csv-comma"].records == 3
    for dataset in DATASETS:
        body = download(client, dataset.filename)
        assert body == read(entries[dataset.code])
        assert len(body) == entries[dataset.code].size


def test_a_download_not_yet_made_says_so(client, world):
    response = client.get("/open-data/bestanden/inclusief-beoordelingen.json")
    assert response.status_code == 404
    assert "Dit bestand is nog niet klaar" in response.content.decode()
    assert client.get("/open-data/bestanden/../../settings.py").status_code == 404


def test_semicolon_csv_has_a_bom_and_the_comma_one_has_none(client, world):
    datasets_build()
    semicolon = download(client, "inclusief-beoordelingen.csv")
    comma = download(client, "inclusief-beoordelingen-komma.csv")
    assert semicolon.startswith("\ufeffassessment_uuid;platform;platform_slug;".encode())
    assert comma.startswith(b"assessment_uuid,platform,platform_slug,")
    rows = list(csv.reader(io.StringIO(semicolon.decode("utf-8-sig")), delimiter=";"))
    second = world.assessments["klusplein-2"]
    published = timezone.localtime(second.published_at).isoformat()
    assert [r for r in rows if r[0] == str(second.uuid)] == [
        [
            str(second.uuid),
            "Klusplein",
            "klusplein",
            "2",
            published,
            "test-1",
            "J.D.V., P.B.",
            "passend_werk",
            "1",
            "0",
        ],
        [
            str(second.uuid),
            "Klusplein",
            "klusplein",
            "2",
            published,
            "test-1",
            "J.D.V., P.B.",
            "integratie",
            "0",
            "1",
        ],
    ]
    assert list(csv.reader(io.StringIO(comma.decode()))) == rows


def test_downloads_hold_nothing_private(client, world):
    datasets_build()
    for dataset in DATASETS:
        body = download(client, dataset.filename).decode("utf-8-sig")
        assert SECRET_REVIEW not in body
        assert CONCEPT_SUMMARY not in body
        assert "example.org" not in body


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_csv_cell_that_looks_like_a_formula_is_neutralised(client, world, start):
    klusplein = world.platforms["Klusplein"]
    klusplein.description = f'{start}HYPERLINK("https://evil.example")'
    klusplein.save()
    finding = Finding.objects.filter(assessment=world.assessments["klusplein-2"]).first()
    finding.motivation = f"{start}1+2"
    finding.save()
    datasets_build()
    hostile = 0
    for dataset in DATASETS:
        if dataset.format != "CSV":
            continue
        text = download(client, dataset.filename).decode("utf-8-sig")
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=dataset.delimiter):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (dataset.code, cell)
                hostile += cell.startswith("'" + start)
    # The description is in both catalogue CSVs, the motivation in both findings CSVs.
    assert hostile == 4


def test_the_json_download_has_the_api_shape_and_the_licence(client, world):
    datasets_build()
    data = json.loads(download(client, "inclusief-beoordelingen.json"))
    assert data["schema_version"] == 1
    assert data["licence"] == {
        "name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }
    assert sorted((a["platform"]["slug"], a["edition"]) for a in data["assessments"]) == [
        ("horecahulp", 1),
        ("klusplein", 1),
        ("klusplein", 2),
        ("poetsnet", 1),
    ]
    framework = json.loads(download(client, "inclusief-raamwerk.json"))
    assert [c["code"] for c in framework["criteria"]] == ["passend_werk", "integratie"]


def test_a_rebuild_replaces_the_file_and_deletes_the_old_one(world):
    first = dataset_build(DATASETS_BY_CODE["catalogue-json"])
    old_name = first.file.name
    Platform.objects.create(name="Nieuw", slug="nieuw")
    second = dataset_build(DATASETS_BY_CODE["catalogue-json"])
    assert DatasetFile.objects.filter(code="catalogue-json").count() == 1
    assert second.records == 4
    if second.file.name != old_name:
        assert not second.file.storage.exists(old_name)


def _add_published(world, count: int, prefix: str) -> None:
    fw = world.fw
    for i in range(count):
        p = Platform.objects.create(name=f"{prefix} {i}", slug=f"{prefix}-{i}")
        a = Assessment.objects.create(
            platform=p,
            owner=world.owner,
            framework_version="test-1",
            status=AssessmentStatus.PUBLISHED,
            published_at=timezone.now(),
            summary="x" * 400,
        )
        Finding.objects.bulk_create(
            Finding(
                assessment=a,
                statement=s,
                criterion=s.criterion,
                kind=s.kind,
                title_nl=s.title_nl,
                explanation_nl="uitleg " * 40,
                verdict=Verdict.CONFIRMED,
            )
            for s in fw["statements"].values()
        )


def _peak(dataset_code: str) -> tuple[int, int]:
    tracemalloc.start()
    try:
        entry = dataset_build(DATASETS_BY_CODE[dataset_code])
        return tracemalloc.get_traced_memory()[1], entry.size
    finally:
        tracemalloc.stop()


@pytest.mark.slow
def test_the_full_export_is_written_in_constant_memory(world, monkeypatch):
    """Six times as many assessments: a file six times as large, the same peak memory,
    because only one chunk of assessments is in memory at a time (chunks of 20 here, so
    that both sizes span several chunks)."""
    monkeypatch.setattr("opendata.datasets.CHUNK", 20)
    _add_published(world, 60, "klein")
    small_peak, small_size = _peak("assessments-json")
    _add_published(world, 300, "groot")
    large_peak, large_size = _peak("assessments-json")
    assert large_size > 4.5 * small_size
    assert large_peak < 1.5 * small_peak, (small_peak, large_peak)

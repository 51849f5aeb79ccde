import csv
import io
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from assessments.models import Platform, ProfileAnswer
from assessments.resources import COLUMNS
from tests.assessments.factories import (
    OptionFactory,
    PlatformFactory,
    PlatformSourceFactory,
    ProfileAnswerFactory,
    QuestionFactory,
    SegmentFactory,
)

pytestmark = pytest.mark.django_db

NOTES = Path("/work/shared/data/platforms-nl.md")
SEED = Path(settings.BASE_DIR) / "fixtures" / "catalogue.yaml"

# Every platform in the notes' table and the ones named in the text with facts.
EXPECTED = {
    "croqqer": "active", "handige-helden": "active", "any-jobby": "active", "hlprs": "active",
    "fiverr": "active", "jellow": "active", "peopleperhour": "active", "upwork": "active",
    "tisser": "active", "charly-cares": "active", "kolibri-next": "active", "roamler": "active",
    "temper": "active", "youngones": "active", "helpling": "bankrupt", "deliveroo": "stopped",
    "thuisbezorgd": "active", "uber": "active", "werkspot": "active", "zorgmatch": "active",
    "clickworker": "active", "amazon-mechanical-turk": "active", "youbahn": "active",
    "klusup": "active", "huiscleaning": "active", "platformvmz": "active",
    "carematch": "active", "dytter": "bankrupt",
}  # fmt: skip


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_seed_has_every_platform_with_status(full_framework):
    run("load_catalogue")
    assert dict(Platform.objects.values_list("slug", "status")) == EXPECTED


@pytest.mark.skipif(not NOTES.exists(), reason="research notes not available")
def test_every_platform_in_the_notes_table_is_seeded(full_framework):
    run("load_catalogue")
    table_names = re.findall(r"^\| \*\*(.+?)\*\* \|", NOTES.read_text(), flags=re.M)
    assert len(table_names) == 22
    names = set(Platform.objects.values_list("name", flat=True))
    assert sorted(set(table_names) - names) == []


def test_seed_facts_carry_their_sources(full_framework):
    run("load_catalogue")
    for platform in Platform.objects.exclude(slug="zorgmatch"):
        assert platform.sources.exists(), platform.slug
    for answer in ProfileAnswer.objects.filter(unknown=False):
        assert answer.source_url or answer.source_title, answer
    temper = Platform.objects.get(slug="temper")
    assert temper.profile_answers.get(question__code="orgmodel").options.get().code == (
        "orgmodel-marketplace"
    )
    tisser = Platform.objects.get(slug="tisser")
    answer = tisser.profile_answers.get(question__code="relatie")
    assert answer.source_url == ""
    assert answer.source_title.startswith("Position paper Raamwerk inclusief platformwerk")


def test_seed_keeps_unknowns_unknown(full_framework):
    run("load_catalogue")
    croqqer = Platform.objects.get(slug="croqqer")
    assert croqqer.profile_answers.get(question__code="relatie").unknown is True
    assert croqqer.skill_levels == []
    assert Platform.objects.get(slug="zorgmatch").profile_answers.count() == 0


def test_load_catalogue_is_idempotent(full_framework):
    assert run("load_catalogue") == "Catalogue: 28 created, 0 updated, 0 unchanged.\n"
    counts = (Platform.history.count(), ProfileAnswer.objects.count())
    assert run("load_catalogue") == "Catalogue: 0 created, 0 updated, 28 unchanged.\n"
    assert (Platform.history.count(), ProfileAnswer.objects.count()) == counts


def test_load_catalogue_refuses_a_malformed_file_naming_the_entry(tmp_path):
    SegmentFactory(code="zorg")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "platforms:\n"
        "  - {slug: goed, name: Goed, status: active, sectors: [zorg]}\n"
        "  - {slug: fout, name: Fout, status: active, sectors: [ruimtevaart]}\n"
    )
    with pytest.raises(CommandError) as info:
        run("load_catalogue", str(bad))
    assert str(info.value) == (
        "Nothing loaded. platform #2 ('fout'): unknown sectors code 'ruimtevaart'."
    )
    assert Platform.objects.count() == 0


def make_catalogue() -> Platform:
    question = QuestionFactory(code="orgmodel")
    option = OptionFactory(code="orgmodel-marketplace", question=question)
    other = QuestionFactory(code="relatie")
    platform = PlatformFactory(
        name="Temper", slug="temper", website="https://temper.works",
        segments=[SegmentFactory(code="horeca")], skill_lower=True,
    )  # fmt: skip
    ProfileAnswerFactory(
        platform=platform, question=question, options=[option],
        note="Prikbord.", source_url="https://help.temper.works/", source_title="Help",
    )  # fmt: skip
    ProfileAnswerFactory(
        platform=platform, question=other, unknown=True, source_url="", source_title=""
    )
    PlatformSourceFactory(platform=platform, url="https://nrc.nl/temper", title="NRC")
    return platform


def test_export_catalogue_json_has_profile_and_sources():
    make_catalogue()
    data = json.loads(run("export_catalogue", "--format", "json"))
    [temper] = data["platforms"]
    assert temper["slug"] == "temper"
    assert temper["sectors"] == ["horeca"]
    assert temper["modes"] == ["fysiek"]
    assert temper["skill_levels"] == ["lager"]
    assert temper["sources"] == [
        {"url": "https://nrc.nl/temper", "title": "NRC", "consulted_on": None, "note": ""}
    ]
    assert sorted(temper["profile"], key=lambda a: a["question"]) == [
        {
            "question": "orgmodel",
            "options": ["orgmodel-marketplace"],
            "unknown": False,
            "note": "Prikbord.",
            "source": {"url": "https://help.temper.works/", "title": "Help", "consulted_on": None},
        },
        {"question": "relatie", "options": [], "unknown": True, "note": "", "source": None},
    ]


def test_export_catalogue_json_loads_back(tmp_path):
    make_catalogue()
    exported = run("export_catalogue", "--format", "json")
    Platform.objects.all().delete()
    path = tmp_path / "catalogue.json"
    path.write_text(exported)
    run("load_catalogue", str(path))
    assert run("export_catalogue", "--format", "json") == exported


def test_export_catalogue_csv_has_the_import_columns():
    make_catalogue()
    rows = list(csv.DictReader(io.StringIO(run("export_catalogue", "--format", "csv"))))
    assert list(rows[0].keys()) == COLUMNS
    assert rows[0]["name"] == "Temper"
    assert rows[0]["sectors"] == "horeca"
    assert rows[0]["modes"] == "fysiek"


def test_demo_setup_runs_load_catalogue():
    assert "load_catalogue" in settings.DEMO_SETUP_COMMANDS

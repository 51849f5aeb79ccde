import csv
import datetime
import io
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from assessments.catalogue import platform_derive_work_flags
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

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

NOTES = Path("/work/shared/data/platforms-nl.md")
MORE_NOTES = Path("/work/shared/data/platforms-nl-more.md")
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
    # The supplement (platforms-nl-more.md): 40 new platforms, and Foodora from its §3.
    "uber-eats": "active", "fooddrop": "active", "bestellenbij": "active",
    "gorillas": "stopped", "getir": "stopped", "flink": "active", "zapp": "stopped",
    "bolt": "active", "viavan": "active", "abel": "stopped", "brenger": "active",
    "homerr": "active", "zoofy": "active", "homedeal": "active", "tuinklushulp": "active",
    "homeworks": "active", "ikzoekeenwittewerkster": "active", "housekeeping-in": "active",
    "huishoudelijke-hulp": "active", "wehelpen": "active", "sitly": "active",
    "babysits": "active", "bsit": "active", "airbsit": "active", "zorgoppas": "active",
    "kriterion-oppascentrale": "active", "huisdierenoppas": "active", "staffyou": "active",
    "horecabaas": "active", "flexbaas": "active", "chefbridge": "active", "maqqie": "active",
    "hoofdkraan": "active", "freelance-nl": "active", "striive": "active",
    "textbroker-nl": "active", "scribbr": "active", "thuisbasisonderwijs": "active",
    "studentvoorstudent": "active", "bijles-aan-huis": "active", "foodora": "stopped",
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


@pytest.mark.skipif(not MORE_NOTES.exists(), reason="research notes not available")
def test_every_platform_in_the_supplement_is_seeded(full_framework):
    run("load_catalogue")
    text = MORE_NOTES.read_text()
    new_rows = text[text.index("## 2.") : text.index("## 3.")]
    table_names = re.findall(r"^\| \*\*(.+?)\*\* \|", new_rows, flags=re.M)
    assert len(table_names) == 40
    names = set(Platform.objects.values_list("name", flat=True))
    assert sorted(set(table_names) - names) == []
    assert Platform.objects.count() == 69


def test_exits_keep_their_dates_and_notes(full_framework):
    run("load_catalogue")
    getir = Platform.objects.get(slug="getir")
    assert (getir.status, getir.status_date) == ("stopped", datetime.date(2024, 5, 15))
    dytter = Platform.objects.get(slug="dytter")
    assert (dytter.status, dytter.status_date) == ("bankrupt", datetime.date(2023, 7, 15))
    abel = Platform.objects.get(slug="abel")
    assert (abel.status_date, abel.status_note) == (
        None,
        "Eind 2017 gestopt (de precieze datum staat niet in de bron).",
    )


def test_inferred_facts_are_marked_as_the_curators_reading(full_framework):
    run("load_catalogue")
    uber_eats = Platform.objects.get(slug="uber-eats")
    orgmodel = uber_eats.profile_answers.get(question__code="orgmodel")
    assert orgmodel.note.startswith("Lezing van de beheerder")
    assert (
        orgmodel.source_url
        == "https://nos.nl/artikel/2546094-laatste-maaltijdbezorger-stopt-met-zzp-ers"
    )
    # Every skill level is our mapping onto the paper's Table 1, never a stated fact.
    for answer in ProfileAnswer.objects.filter(question__code="skills", unknown=False):
        assert answer.note.startswith("Lezing van de beheerder"), answer
    # "onbekend" in the notes stays unknown.
    relation = Platform.objects.get(slug="fooddrop").profile_answers.get(question__code="relatie")
    assert (relation.unknown, list(relation.options.all())) == (True, [])
    # Sources keep the short quote as their note.
    source = Platform.objects.get(slug="zoofy").sources.get(
        url="https://zoofy.nl/en/terms-and-conditions-for-pro"
    )
    assert source.note == (
        '"facilitates the formation of that agreement … and receives a commission based on '
        'the total invoice amount"'
    )


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
    assert croqqer.modes == ["fysiek"]
    assert Platform.objects.get(slug="zorgmatch").profile_answers.count() == 0


def test_load_catalogue_is_idempotent(full_framework):
    assert run("load_catalogue") == "Catalogue: 69 created, 0 updated, 0 unchanged.\n"
    counts = (Platform.history.count(), ProfileAnswer.objects.count())
    assert run("load_catalogue") == "Catalogue: 0 created, 0 updated, 69 unchanged.\n"
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
        segments=[SegmentFactory(code="horeca")],
    )  # fmt: skip
    for code, option_code in (("werkvorm", "werkvorm-fysiek"), ("skills", "skills-lager")):
        work_question = QuestionFactory(code=code)
        ProfileAnswerFactory(
            platform=platform, question=work_question,
            options=[OptionFactory(code=option_code, question=work_question)],
        )  # fmt: skip
    platform_derive_work_flags(platform_ids=[platform.pk])
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
    assert sorted(temper["profile"], key=lambda a: a["question"])[:2] == [
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


def test_load_catalogue_refuses_modes_that_disagree_with_the_profile(tmp_path):
    werkvorm = QuestionFactory(code="werkvorm")
    OptionFactory(code="werkvorm-fysiek", question=werkvorm)
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "platforms:\n"
        "  - slug: een\n"
        "    name: Een\n"
        "    status: active\n"
        "    modes: [online]\n"
        "    profile:\n"
        "      - {question: werkvorm, options: [werkvorm-fysiek], source: {url: 'https://a.nl'}}\n"
    )
    with pytest.raises(CommandError) as info:
        run("load_catalogue", str(bad))
    assert str(info.value) == (
        "Nothing loaded. platform #1 ('een'): 'modes' (online) differs from the profile answer "
        "to 'werkvorm' (fysiek). Give them in the profile, with a source; 'modes' is derived "
        "from it."
    )
    assert Platform.objects.count() == 0


def test_demo_setup_runs_load_catalogue():
    assert "load_catalogue" in settings.DEMO_SETUP_COMMANDS

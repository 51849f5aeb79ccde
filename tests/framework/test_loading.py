"""Loading the framework source: idempotent, all-or-nothing, versioned, and round-trippable."""

import copy
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from framework.loading import (
    DEFAULT_SOURCE,
    FrameworkSourceError,
    export_framework,
    load_framework,
    read_source,
)
from framework.models import (
    Characteristic,
    Criterion,
    FrameworkVersion,
    Option,
    Question,
    Segment,
    Statement,
    TargetGroup,
    WorkType,
)

pytestmark = pytest.mark.django_db

ALL_MODELS = (
    FrameworkVersion,
    Option,
    Question,
    Characteristic,
    Statement,
    Criterion,
    WorkType,
    TargetGroup,
    Segment,
)


@pytest.fixture
def source():
    return read_source(DEFAULT_SOURCE)


def _row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in ALL_MODELS}


def _empty_database() -> None:
    """Remove every framework row with plain DELETEs, children before parents. The deletion
    collector is bypassed on purpose: the framework must not depend on other apps' tables."""
    through = (Option.triggers.through, Question.shown_if.through, Statement.target_groups.through)
    for model in (*through, *ALL_MODELS):
        model.objects.all()._raw_delete(model.objects.db)


def _statement(data: dict, code: str) -> dict:
    for criterion in data["criteria"]:
        for statement in criterion["statements"]:
            if statement["code"] == code:
                return statement
    raise LookupError(code)


def _option(data: dict, code: str) -> dict:
    for char in data["characteristics"]:
        for question in char["questions"]:
            for option in question["options"]:
                if option["code"] == code:
                    return option
    raise LookupError(code)


def test_loading_twice_changes_nothing(source):
    first = load_framework(source)
    second = load_framework(read_source(DEFAULT_SOURCE))

    assert first.created > 0
    assert (second.created, second.updated, second.deleted) == (0, 0, 0)
    assert not second.changed


def test_load_command_reports_up_to_date_the_second_time():
    call_command("load_framework", stdout=StringIO())
    out = StringIO()

    call_command("load_framework", stdout=out)

    assert out.getvalue().startswith("Framework 2.0 is up to date (5 criteria,")


def _break_unknown_trigger(data):
    _option(data, "filter-ja")["triggers"] = ["no-such-statement"]
    return "option #1 (code 'filter-ja'): triggers unknown statement 'no-such-statement'"


def _break_missing_action(data):
    statement = _statement(data, "int-uitd-preference-filters")
    del statement["action"]
    return "statement #9 (code 'int-uitd-preference-filters'): an uitdaging needs an 'action'"


def _break_bad_kind(data):
    _statement(data, "pw-kans-online")["kind"] = "risico"
    return "statement #2 (code 'pw-kans-online'): kind must be 'kans' or 'uitdaging'"


def _break_duplicate_code(data):
    _statement(data, "pw-kans-online")["code"] = "pw-kans-skill-levels"
    return "statement #2 (code 'pw-kans-skill-levels'): code used twice"


def _break_missing_title(data):
    _statement(data, "bg-kans-intake")["title"] = " "
    return "statement #2 (code 'bg-kans-intake'): 'title' is missing or empty"


@pytest.mark.parametrize(
    "breaker",
    [
        _break_unknown_trigger,
        _break_missing_action,
        _break_bad_kind,
        _break_duplicate_code,
        _break_missing_title,
    ],
)
def test_malformed_source_is_refused_naming_the_entry_and_writes_nothing(source, breaker):
    bad = copy.deepcopy(source)
    expected = breaker(bad)

    with pytest.raises(FrameworkSourceError) as excinfo:
        load_framework(bad)

    assert expected in str(excinfo.value)
    assert set(_row_counts().values()) == {0}


def test_malformed_source_leaves_a_loaded_framework_untouched(source):
    load_framework(source)
    before = _row_counts()
    bad = copy.deepcopy(source)
    bad["version"] = "1.1"
    _break_missing_action(bad)

    with pytest.raises(FrameworkSourceError):
        load_framework(bad)

    assert _row_counts() == before
    assert FrameworkVersion.objects.current().label == "2.0"


def test_load_command_refuses_a_malformed_file(tmp_path, source):
    bad = copy.deepcopy(source)
    _break_bad_kind(bad)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")

    with pytest.raises(CommandError, match=r"^Nothing loaded\. .*pw-kans-online"):
        call_command("load_framework", str(path))


def test_changed_content_under_the_same_version_is_refused(source):
    load_framework(source)
    changed = copy.deepcopy(source)
    _statement(changed, "pw-kans-online")["title"] = "Online klussen (herzien)"

    with pytest.raises(FrameworkSourceError, match="new version label"):
        load_framework(changed)

    assert Statement.objects.get(code="pw-kans-online").title_nl != "Online klussen (herzien)"


def test_changed_content_under_a_new_version_is_loaded(source):
    load_framework(source)
    changed = copy.deepcopy(source)
    changed["version"] = "1.1"
    _statement(changed, "pw-kans-online")["title"] = "Online klussen (herzien)"

    report = load_framework(changed)

    assert report.updated >= 1
    assert Statement.objects.get(code="pw-kans-online").title_nl == "Online klussen (herzien)"
    assert FrameworkVersion.objects.current().label == "1.1"


def test_export_loads_back_into_an_empty_database_as_the_same_framework(source, tmp_path):
    load_framework(source)
    exported = export_framework()
    path = tmp_path / "framework.json"
    path.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    _empty_database()
    assert set(_row_counts().values()) == {0}

    load_framework(read_source(path))

    assert export_framework() == exported


def test_export_command_prints_json_with_the_required_shape(framework):
    out = StringIO()

    call_command("export_framework", "--format", "json", stdout=out)

    data = json.loads(out.getvalue())
    assert data["version"] == "2.0"
    assert {"version", "criteria", "characteristics", "work_types", "target_groups"} <= set(data)
    criterion = data["criteria"][0]
    assert {"code", "name", "question", "statements"} <= set(criterion)
    assert {"code", "kind", "title", "explanation", "source", "general"} <= set(
        criterion["statements"][0]
    )
    characteristic = data["characteristics"][0]
    assert {"code", "name", "questions"} <= set(characteristic)
    question = characteristic["questions"][0]
    assert {"code", "text", "kind", "options"} <= set(question)
    assert {"code", "label", "triggers"} <= set(question["options"][0])
    assert {"code", "name", "mode", "skill_level"} <= set(data["work_types"][0])
    assert {"code", "name"} <= set(data["target_groups"][0])
    assert [c["code"] for c in data["criteria"]] == [
        "passend_werk",
        "begeleiding",
        "ontwikkeling",
        "integratie",
        "financiele_zekerheid",
    ]
    options = [o for q in characteristic["questions"] for o in q["options"]]
    option = next(o for o in options if o["code"] == "werkvorm-online")
    assert option["triggers"] == ["int-uitd-online-participation", "pw-kans-online"]

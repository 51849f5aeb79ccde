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
    Contradiction,
    Criterion,
    FrameworkVersion,
    Option,
    Question,
    Rule,
    Segment,
    Statement,
    TargetGroup,
    WorkType,
)

pytestmark = pytest.mark.django_db

ALL_MODELS = (
    Rule,
    Contradiction,
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


def _rule(data: dict, code: str) -> tuple[int, dict]:
    for index, rule in enumerate(data["rules"]):
        if rule["statement"] == code:
            return index + 1, rule
    raise LookupError(code)


def _break_rule_unknown_option(data):
    index, rule = _rule(data, "pw-kans-skill-levels")
    rule["when"] = {"any": [rule["when"]["any"][0], "skills-hogerr"]}
    return (
        f"rules[{index}] (statement 'pw-kans-skill-levels') › when › any[2]: "
        "unknown option 'skills-hogerr'."
    )


def _break_rule_unknown_key(data):
    index, rule = _rule(data, "int-uitd-isolation")
    rule["unless"] = {"not": ["werklocatie-ja"]}
    return (
        f"rules[{index}] (statement 'int-uitd-isolation') › unless: unknown key(s) not; "
        "use one of option, any, all, none, at_least+of."
    )


def _break_rule_at_least_too_many(data):
    index, rule = _rule(data, "pw-kans-skill-levels")
    rule["when"]["any"][0]["at_least"] = 4
    return (
        f"rules[{index}] (statement 'pw-kans-skill-levels') › when › any[1] › at_least: "
        "4 is more than the 3 parts in 'of'."
    )


def _break_rule_empty_none(data):
    index, rule = _rule(data, "ontw-kans-low-entry")
    rule["when"] = {"none": []}
    return (
        f"rules[{index}] (statement 'ontw-kans-low-entry') › when › none: must be a non-empty list."
    )


def _break_rule_default_on_a_specific_statement(data):
    index, rule = _rule(data, "pw-kans-online")
    del rule["when"]
    rule["default"] = True
    return (
        f"rules[{index}] (statement 'pw-kans-online'): 'default: true' goes with a statement "
        "marked 'general: true', and only with one."
    )


def _break_rule_both_trigger_and_rule(data):
    _option(data, "werkvorm-online")["triggers"] = ["pw-kans-online"]
    index, _ = _rule(data, "pw-kans-online")
    return (
        f"rules[{index}] (statement 'pw-kans-online'): the statement is also in an option's "
        "'triggers'; put that option into the rule instead."
    )


def _break_rule_without_source(data):
    index, rule = _rule(data, "int-uitd-preference-filters")
    rule["source"] = ""
    return (
        f"rules[{index}] (statement 'int-uitd-preference-filters'): 'source' (the paper "
        "section) is missing or empty."
    )


def _break_contradiction_unknown_statement(data):
    data["contradictions"][0]["statements"][1] = "ontw-uitd-entry-demand"
    return "contradictions[1]: unknown statement 'ontw-uitd-entry-demand'."


@pytest.mark.parametrize(
    "breaker",
    [
        _break_rule_unknown_option,
        _break_rule_unknown_key,
        _break_rule_at_least_too_many,
        _break_rule_empty_none,
        _break_rule_default_on_a_specific_statement,
        _break_rule_both_trigger_and_rule,
        _break_rule_without_source,
        _break_contradiction_unknown_statement,
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
    assert (data["schema"], data["schema_version"]) == ("inclusief.framework", 2)
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
    rules = {rule["statement"]: rule for rule in data["rules"]}
    assert rules["pw-kans-online"] == {
        "statement": "pw-kans-online",
        "when": "werkvorm-online",
        "source": "Kenmerken, 1. Flexibiliteit en variatie in klussen; Appendix A, Passend werk",
    }
    assert rules["fin-uitd-benefits"]["default"] is True
    assert rules["fin-uitd-benefits"]["unless"] == "uitkering-geregeld"
    assert {"statements": ["ontw-kans-low-entry", "ontw-uitd-entry-demands"]} in data[
        "contradictions"
    ]


def test_export_command_writes_the_rule_book_in_markdown(framework):
    out = StringIO()

    call_command("export_framework", "--format", "markdown", stdout=out)

    book = out.getvalue()
    assert book.startswith("# Regelboek: Raamwerk inclusief platformwerk (versie 2.0)\n")
    assert book.count("\n### ") == Statement.objects.count()
    low_entry = book[book.index("### Kans: Lage toetredingseisen") :]
    low_entry = low_entry[: low_entry.index("\n### ")]
    assert (
        "Verschijnt als:\n- Bij ‘Wat moet een werker doen of hebben om zich aan te melden?’ is "
        "geen van deze gekozen: ‘Een toelatingstest maken’," in low_entry
    )
    assert "Bron in het paper: Kenmerken, 4. Doelgroep werkers en toetredingscriteria" in low_entry
    assert (
        "- Hoge toetredingseisen sluiten mensen uit ↔ Lage toetredingseisen geven kans op "
        "werkervaring\n" in book
    )

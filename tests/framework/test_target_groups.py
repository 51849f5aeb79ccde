"""Target groups per statement: loaded from the source, validated, exported."""

import copy

import pytest

from framework.loading import (
    DEFAULT_SOURCE,
    FrameworkSourceError,
    export_framework,
    load_framework,
    read_source,
)
from framework.models import Statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def source():
    return read_source(DEFAULT_SOURCE)


def _statement(data: dict, code: str) -> dict:
    for criterion in data["criteria"]:
        for statement in criterion["statements"]:
            if statement["code"] == code:
                return statement
    raise LookupError(code)


def test_every_statement_of_the_source_names_its_target_groups_and_their_paper_section(source):
    statements = [s for c in source["criteria"] for s in c["statements"]]

    assert [s["code"] for s in statements if "target_groups" not in s] == []
    assert [s["code"] for s in statements if not s.get("target_groups_source")] == []


def test_loaded_statements_carry_their_target_groups(source):
    load_framework(source)

    online = Statement.objects.get(code="pw-kans-online")
    scope = Statement.objects.get(code="pw-kans-clear-scope")
    general = Statement.objects.get(code="pw-kans-skill-levels")
    assert sorted(online.target_groups.values_list("code", flat=True)) == [
        "fysieke-beperking",
        "psychosociale-beperking",
    ]
    assert list(scope.target_groups.values_list("code", flat=True)) == ["verstandelijke-beperking"]
    assert scope.target_groups_source == (
        "Appendix A, Passend werk (verstandelijke beperking als voorbeeld)"
    )
    assert general.target_groups.count() == 0


def test_export_writes_all_or_the_sorted_codes(source):
    load_framework(source)

    exported = export_framework()

    assert _statement(exported, "pw-kans-skill-levels")["target_groups"] == "all"
    assert _statement(exported, "pw-kans-online")["target_groups"] == [
        "fysieke-beperking",
        "psychosociale-beperking",
    ]


def test_an_unknown_target_group_is_refused_naming_the_statement(source):
    bad = copy.deepcopy(source)
    _statement(bad, "pw-kans-online")["target_groups"] = ["blinden"]

    with pytest.raises(FrameworkSourceError, match=r"pw-kans-online.*unknown group 'blinden'"):
        load_framework(bad)

    assert Statement.objects.count() == 0


def test_a_target_group_list_without_its_paper_section_is_refused(source):
    bad = copy.deepcopy(source)
    _statement(bad, "pw-kans-online")["target_groups_source"] = ""

    with pytest.raises(FrameworkSourceError, match=r"pw-kans-online.*target_groups_source"):
        load_framework(bad)


def test_changing_target_groups_in_a_new_version_updates_the_statement(source):
    load_framework(source)
    changed = copy.deepcopy(source)
    changed["version"] = "9.9"
    _statement(changed, "pw-kans-online")["target_groups"] = "all"

    load_framework(changed)

    assert Statement.objects.get(code="pw-kans-online").target_groups.count() == 0

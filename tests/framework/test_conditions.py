"""The rule language: parsing, three-valued evaluation, defaults, unless, and the words for it."""

import pytest

from framework.conditions import (
    AllOf,
    AnyOf,
    AtLeast,
    ConditionError,
    NoneOf,
    OptionIs,
    parse,
    to_data,
)
from framework.rules import Rule, Rules

# A small framework: two single questions, one multiple, one follow-up shown after "rate-yes".
OPTION_QUESTION = {
    "place-physical": "place",
    "place-online": "place",
    "level-low": "level",
    "level-mid": "level",
    "level-high": "level",
    "rate-yes": "rate",
    "rate-no": "rate",
    "form-stars": "form",
    "form-reviews": "form",
}


def _rules(**rules: Rule) -> Rules:
    return Rules(
        general=frozenset(),
        triggers={},
        option_question=OPTION_QUESTION,
        shown_if={"form": frozenset({"rate-yes"})},
        question_order=("place", "level", "rate", "form"),
        rules=dict(rules),
    )


def _when(statement: str, raw, unless=None, default=False) -> Rule:
    return Rule(
        statement=statement,
        when=None if raw is None else parse(raw),
        unless=None if unless is None else parse(unless),
        default=default,
    )


def test_parse_reads_every_form_and_writes_it_back():
    raw = {
        "any": [
            "place-online",
            {"option": "rate-yes"},
            {"all": ["level-low", {"none": ["form-stars"]}]},
            {"at_least": 2, "of": ["level-low", "level-mid", "level-high"]},
        ]
    }

    condition = parse(raw, options=OPTION_QUESTION)

    assert condition == AnyOf(
        (
            OptionIs("place-online"),
            OptionIs("rate-yes"),
            AllOf((OptionIs("level-low"), NoneOf((OptionIs("form-stars"),)))),
            AtLeast(2, (OptionIs("level-low"), OptionIs("level-mid"), OptionIs("level-high"))),
        )
    )
    assert to_data(condition)["any"][1] == "rate-yes"
    assert parse(to_data(condition)) == condition


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            5,
            "when: expected an option code or a mapping with one of "
            "option/any/all/none/at_least, got int.",
        ),
        ({"any": "level-low"}, "when › any: must be a non-empty list."),
        ({"all": ["level-low", "level-top"]}, "when › all[2]: unknown option 'level-top'."),
        (
            {"at_least": 0, "of": ["level-low"]},
            "when › at_least: must be a whole number of 1 or more.",
        ),
        ({"at_least": 2}, "when: 'at_least' and 'of' go together, and nothing else."),
        ({"any": ["level-low"], "none": ["level-mid"]}, "when: unknown key(s) any, none;"),
        ({"none": [{"option": 3}]}, "when › none[1] › option: must be an option code (text)."),
    ],
)
def test_parse_names_the_bad_part(raw, message):
    with pytest.raises(ConditionError) as excinfo:
        parse(raw, "when", options=OPTION_QUESTION)

    assert str(excinfo.value).startswith(message)


def test_an_option_holds_only_when_chosen():
    rules = _rules(s=_when("s", "place-online"))

    assert set(rules.derive(["place-online"])) == {"s"}
    assert set(rules.derive(["place-physical"])) == set()
    assert rules.derive(["place-online", "level-low"]) == {"s": frozenset({"place-online"})}


def test_none_holds_only_over_an_answered_question():
    rules = _rules(s=_when("s", {"none": ["level-high"]}))

    assert rules.derive(["level-low"]) == {"s": frozenset({"level-low"})}
    assert rules.derive(["level-low", "level-high"]) == {}
    # Unanswered or "onbekend" (no option chosen) is not "not chosen".
    assert rules.derive([]) == {}
    assert rules.derive(["place-online"]) == {}


def test_none_over_a_follow_up_that_does_not_apply_holds():
    rules = _rules(s=_when("s", {"none": ["form-stars"]}))

    assert set(rules.derive(["rate-no"])) == {"s"}  # no rating system: no stars
    assert set(rules.derive(["rate-yes"])) == set()  # the follow-up is still open
    assert set(rules.derive(["rate-yes", "form-reviews"])) == {"s"}
    assert set(rules.derive([])) == set()  # the opening question itself is open


def test_a_hidden_follow_up_answer_does_not_count():
    rules = _rules(s=_when("s", "form-stars"))

    assert rules.derive(["rate-no", "form-stars"]) == {}


def test_all_needs_every_part_across_questions():
    rules = _rules(s=_when("s", {"all": ["place-online", "level-high"]}))

    assert set(rules.derive(["place-online", "level-high"])) == {"s"}
    assert rules.derive(["place-online"]) == {}
    assert rules.derive(["level-high", "place-physical"]) == {}


def test_at_least_counts_distinct_chosen_parts():
    rules = _rules(s=_when("s", {"at_least": 2, "of": ["level-low", "level-mid", "level-high"]}))

    assert rules.derive(["level-low"]) == {}
    assert rules.derive(["level-low", "level-high"]) == {
        "s": frozenset({"level-low", "level-high"})
    }


def test_unless_switches_off_only_when_its_answer_is_chosen():
    rules = _rules(s=_when("s", "form-stars", unless={"any": ["form-reviews"]}))

    assert set(rules.derive(["rate-yes", "form-stars"])) == {"s"}
    assert rules.derive(["rate-yes", "form-stars", "form-reviews"]) == {}


def test_a_default_holds_without_answers_and_an_unknown_answer_does_not_switch_it_off():
    rules = _rules(s=_when("s", None, unless="place-physical", default=True))

    assert rules.derive([]) == {"s": frozenset()}
    assert rules.derive(["place-online"]) == {"s": frozenset()}
    assert rules.derive(["place-physical"]) == {}


def test_explain_names_the_answers_the_switch_and_what_is_missing():
    rules = _rules(s=_when("s", {"none": ["level-high"]}, unless="place-physical"))

    raised = rules.explain("s", ["level-low", "level-mid"], unknown=["place"])
    blocked = rules.explain("s", ["level-low", "place-physical"])
    missing = rules.explain("s", [], unknown=["level"])

    assert (raised.holds, raised.because, raised.switched_off_by) == (
        True,
        ("level-low", "level-mid"),
        (),
    )
    assert (raised.unknown, raised.unanswered) == (("place",), ())
    assert (blocked.holds, blocked.switched_off_by) == (False, ("place-physical",))
    assert (missing.holds, missing.unknown, missing.unanswered) == (False, ("level",), ("place",))


def test_old_option_triggers_still_derive():
    rules = Rules(
        general=frozenset({"g"}),
        triggers={"place-online": frozenset({"s"}), "level-low": frozenset({"s"})},
        option_question=OPTION_QUESTION,
        question_order=("place", "level", "rate", "form"),
    )

    assert rules.derive(["place-online", "level-low"]) == {
        "g": frozenset(),
        "s": frozenset({"place-online", "level-low"}),
    }
    assert rules.rule_for("s").when == AnyOf((OptionIs("level-low"), OptionIs("place-online")))


def test_explain_leaves_out_open_questions_that_cannot_change_the_outcome():
    rules = _rules(s=_when("s", {"any": ["place-online", "level-high"]}))

    explanation = rules.explain("s", ["place-online"])

    assert (explanation.holds, explanation.because, explanation.unanswered) == (
        True,
        ("place-online",),
        (),
    )

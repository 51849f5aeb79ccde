"""Wat als: the difference changed answers make, and the best single steps (pure functions)."""

from assessments.whatif import (
    AnswerSet,
    Change,
    StatementInfo,
    apply_changes,
    best_steps,
    changes_between,
    compare,
    steps_per_challenge,
)
from framework.rules import Rules

# The shape of the small test framework: a community question, a rating question with a
# follow-up that appears only when workers are rated, and one statement that always holds.
RULES = Rules(
    general=frozenset({"u-monitoring"}),
    triggers={
        "mode-online": frozenset({"k-online"}),
        "mode-physical": frozenset(),
        "community-no": frozenset({"u-isolation"}),
        "community-yes": frozenset(),
        "rates-yes": frozenset(),
        "rates-no": frozenset(),
        "how-stars": frozenset({"u-stars"}),
        "how-reviews": frozenset(),
    },
    option_question={
        "mode-online": "mode",
        "mode-physical": "mode",
        "community-no": "community",
        "community-yes": "community",
        "rates-yes": "rates",
        "rates-no": "rates",
        "how-stars": "how",
        "how-reviews": "how",
    },
    shown_if={"how": frozenset({"rates-yes"})},
    question_order=("mode", "community", "rates", "how"),
)
STATEMENTS = {
    "k-online": StatementInfo("k-online", "passend_werk", "kans", "Werk vanuit huis"),
    "u-isolation": StatementInfo("u-isolation", "integratie", "uitdaging", "Risico op isolement"),
    "u-stars": StatementInfo("u-stars", "passend_werk", "uitdaging", "Alleen sterren"),
    "u-monitoring": StatementInfo("u-monitoring", "passend_werk", "uitdaging", "Niet gevolgd"),
}
CRITERIA = ["passend_werk", "integratie"]
KINDS = {"mode": "single", "community": "single", "rates": "single", "how": "multiple"}
OPTIONS = {
    "mode": ["mode-online", "mode-physical"],
    "community": ["community-no", "community-yes"],
    "rates": ["rates-yes", "rates-no"],
    "how": ["how-stars", "how-reviews"],
}
BASE = AnswerSet(frozenset({"mode-online", "community-no", "rates-yes", "how-stars"}))


def titles(items) -> list[str]:
    return [s.title for s in items]


def test_a_community_resolves_the_risk_of_isolation_and_nothing_else():
    after = apply_changes(BASE, [Change("community", frozenset({"community-yes"}))], RULES)

    outcome = compare(RULES, BASE, after, STATEMENTS, CRITERIA)

    by = {c.criterion: c for c in outcome.criteria}
    assert titles(by["integratie"].challenges_resolved) == ["Risico op isolement"]
    assert by["integratie"].balance == 1
    assert by["passend_werk"].gained == [] and by["passend_werk"].lost == []
    assert titles(outcome.challenges_added) == []


def test_going_physical_loses_a_kans_and_keeps_every_uitdaging():
    after = apply_changes(BASE, [Change("mode", frozenset({"mode-physical"}))], RULES)

    outcome = compare(RULES, BASE, after, STATEMENTS, CRITERIA)

    by = {c.criterion: c for c in outcome.criteria}
    assert titles(by["passend_werk"].opportunities_lost) == ["Werk vanuit huis"]
    assert by["passend_werk"].balance == -1
    assert titles(outcome.challenges_resolved) == []


def test_a_follow_up_answer_stops_counting_when_its_question_disappears():
    # No ratings: the "how" question no longer applies, so its stars no longer count.
    after = apply_changes(BASE, [Change("rates", frozenset({"rates-no"}))], RULES)

    outcome = compare(RULES, BASE, after, STATEMENTS, CRITERIA)

    assert titles(outcome.challenges_resolved) == ["Alleen sterren"]


def test_onbekend_replaces_the_chosen_options_of_that_question():
    after = apply_changes(BASE, [Change("community", unknown=True)], RULES)

    assert after.chosen == {"mode-online", "rates-yes", "how-stars"}
    assert after.unknown == {"community"}
    assert changes_between(BASE, after, RULES) == [Change("community", frozenset(), True)]


def test_changes_between_lists_only_the_questions_that_differ_in_questionnaire_order():
    after = AnswerSet(frozenset({"mode-physical", "community-no", "rates-yes", "how-reviews"}))

    changes = changes_between(BASE, after, RULES)

    assert changes == [
        Change("mode", frozenset({"mode-physical"})),
        Change("how", frozenset({"how-reviews"})),
    ]


def test_best_steps_resolve_an_uitdaging_without_raising_one_best_first():
    steps = best_steps(RULES, BASE, STATEMENTS, KINDS, OPTIONS)

    assert [(s.change.question, sorted(s.change.options)) for s in steps] == [
        ("community", ["community-yes"]),
        ("rates", ["rates-no"]),
    ]
    # Taking away the only rating method would leave the question unanswered: not a step.
    assert [titles(s.resolves) for s in steps] == [["Risico op isolement"], ["Alleen sterren"]]
    # The general statement holds whatever the answers: no step can resolve it.
    best = steps_per_challenge(steps)
    assert set(best) == {"u-isolation", "u-stars"}
    assert best["u-stars"].change.question == "rates"


def test_a_step_that_raises_a_new_uitdaging_is_never_suggested():
    base = AnswerSet(frozenset({"community-yes", "rates-yes", "how-stars"}))

    steps = best_steps(RULES, base, STATEMENTS, KINDS, OPTIONS)

    assert all(s.change.options != {"community-no"} for s in steps)
    assert [(s.change.question, sorted(s.change.options)) for s in steps] == [
        ("rates", ["rates-no"]),
    ]


def test_steps_that_resolve_more_come_first():
    rules = Rules(
        general=frozenset(),
        triggers={
            "a-1": frozenset({"u1", "u2"}),
            "a-2": frozenset(),
            "b-1": frozenset({"u3"}),
            "b-2": frozenset(),
        },
        option_question={"a-1": "a", "a-2": "a", "b-1": "b", "b-2": "b"},
        question_order=("b", "a"),
    )
    statements = {
        code: StatementInfo(code, "integratie", "uitdaging", code) for code in ("u1", "u2", "u3")
    }
    base = AnswerSet(frozenset({"a-1", "b-1"}))

    steps = best_steps(
        rules,
        base,
        statements,
        {"a": "single", "b": "single"},
        {"a": ["a-1", "a-2"], "b": ["b-1", "b-2"]},
    )

    assert [len(s.resolves) for s in steps] == [2, 1]
    assert steps[0].change == Change("a", frozenset({"a-2"}))


def test_no_uitdaging_means_no_steps():
    base = AnswerSet(frozenset({"community-yes", "rates-no"}))
    rules = Rules(
        general=frozenset(),
        triggers=RULES.triggers,
        option_question=RULES.option_question,
        shown_if=RULES.shown_if,
        question_order=RULES.question_order,
    )

    assert best_steps(rules, base, STATEMENTS, KINDS, OPTIONS) == []

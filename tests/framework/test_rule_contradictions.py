"""The rules of the real framework never contradict themselves, and every rule can fire.

Each declared contradiction is checked exhaustively over the questions its statements' rules
look at (every answer of each such question, "onbekend" included, with options the rules do not
name folded into one); Hypothesis then draws whole questionnaires across all characteristics.
The rules come straight from the source file, so these tests need no database.
"""

import itertools
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framework.conditions import evaluate, negative_parts, options_in
from framework.loading import DEFAULT_SOURCE, read_source
from framework.rules import Rules

SOURCE = read_source(DEFAULT_SOURCE)
RULES = Rules.from_source(SOURCE)
QUESTIONS = {
    question["code"]: (question["kind"], [option["code"] for option in question["options"]])
    for char in SOURCE["characteristics"]
    for question in char["questions"]
}


def _scope(referenced: set[str]) -> tuple[list[str], set[str]]:
    """The questions the options belong to, plus the questions that reveal them."""
    referenced = set(referenced)
    questions: list[str] = []
    todo = sorted({RULES.option_question[o] for o in referenced})
    while todo:
        question = todo.pop()
        if question in questions:
            continue
        questions.append(question)
        for option in RULES.shown_if.get(question, ()):
            referenced.add(option)
            todo.append(RULES.option_question[option])
    return questions, referenced


def _states(question: str, referenced: set[str]) -> list[tuple[str, ...]]:
    """Every distinguishable answer: unknown, and each choice among the options the rules
    name (plus one option they do not name, which stands for all of those)."""
    kind, options = QUESTIONS[question]
    named = [o for o in options if o in referenced]
    pool = named + [o for o in options if o not in referenced][:1]
    states: list[tuple[str, ...]] = [()]
    if kind == "single":
        return states + [(o,) for o in pool]
    for size in range(1, len(pool) + 1):
        states += list(itertools.combinations(pool, size))
    return states


def _answer_sets(referenced: set[str]) -> Iterator[set[str]]:
    questions, referenced = _scope(referenced)
    for combination in itertools.product(*(_states(q, referenced) for q in questions)):
        yield {option for state in combination for option in state}


def _rule_options(*statements: str) -> set[str]:
    options: set[str] = set()
    for code in statements:
        rule = RULES.rule_for(code)
        for condition in (rule.when, rule.unless):
            if condition is not None:
                options |= options_in(condition)
    return options


def test_every_statement_has_a_rule_with_a_paper_section():
    statements = {s["code"] for c in SOURCE["criteria"] for s in c["statements"]}

    assert set(RULES.rules) == statements
    assert [code for code, rule in RULES.rules.items() if not rule.source.strip()] == []


def test_the_declared_contradictions():
    assert len(RULES.contradictions) == 16
    assert frozenset({"ontw-kans-low-entry", "ontw-uitd-entry-demands"}) in RULES.contradictions
    assert frozenset({"fin-kans-benefits-clear", "fin-uitd-benefits"}) in RULES.contradictions
    assert frozenset({"ontw-kans-review-feedback", "ontw-uitd-bare-stars"}) in RULES.contradictions


@pytest.mark.parametrize("group", RULES.contradictions, ids=lambda g: " + ".join(sorted(g)))
def test_no_answers_derive_two_statements_of_a_declared_contradiction(group):
    checked = 0
    for answers in _answer_sets(_rule_options(*group)):
        derived = set(RULES.derive(answers))
        assert len(group & derived) <= 1, sorted(answers)
        checked += 1

    assert checked >= 3


@pytest.mark.parametrize("statement", sorted(RULES.rules))
def test_every_statement_is_reachable(statement):
    assert any(
        statement in RULES.derive(answers) for answers in _answer_sets(_rule_options(statement))
    )


@pytest.mark.parametrize("statement", sorted(RULES.rules))
def test_every_none_and_unless_can_be_both_true_and_false(statement):
    rule = RULES.rule_for(statement)
    parts = negative_parts(rule.when) if rule.when is not None else []
    if rule.unless is not None:
        parts.append(rule.unless)
    for part in parts:
        values = {
            evaluate(part, RULES.answers(answers))
            for answers in _answer_sets(_rule_options(statement))
        }
        assert {True, False} <= values, part


def test_a_default_is_switched_off_only_by_its_unless():
    for code, rule in RULES.rules.items():
        if rule.default:
            assert code in RULES.derive([]), code


def _questionnaire() -> st.SearchStrategy[set[str]]:
    per_question = []
    for kind, options in QUESTIONS.values():
        if kind == "single":
            per_question.append(st.sampled_from([(), *((o,) for o in options)]))
        else:
            per_question.append(
                st.one_of(st.just(()), st.sets(st.sampled_from(options), min_size=1).map(tuple))
            )
    return st.tuples(*per_question).map(lambda states: {o for s in states for o in s})


@pytest.mark.slow
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_questionnaire())
def test_no_questionnaire_derives_a_declared_contradiction(answers):
    derived = RULES.derive(answers)

    assert RULES.contradictions_in(derived) == []
    # What is derived always names chosen options that count, never a hidden answer.
    counting = RULES.counting_options(answers)
    assert all(reasons <= counting for reasons in derived.values())

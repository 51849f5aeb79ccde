"""Agreement figures against values worked out by hand."""

import pytest

from assessments.agreement import QuestionPair, agreement, by_characteristic, cohen_kappa


def single(q: str, a: str | None, b: str | None, characteristic: str = "c") -> QuestionPair:
    return QuestionPair(
        q, characteristic, "single", frozenset({a} if a else ()), frozenset({b} if b else ())
    )


def multiple(q: str, a: set[str], b: set[str], characteristic: str = "c") -> QuestionPair:
    return QuestionPair(q, characteristic, "multiple", frozenset(a), frozenset(b))


def test_perfect_agreement_has_kappa_one():
    pairs = [single("q1", "x", "x"), single("q2", "y", "y"), single("q3", None, None)]

    result = agreement(pairs)

    assert result.agreed == 3
    assert result.percentage == 100
    assert result.kappa == 1.0


def test_agreement_no_better_than_chance_has_kappa_zero():
    # Both say x half the time, independently: p_o = 0.5, p_e = 0.5*0.5 + 0.5*0.5 = 0.5.
    pairs = [("x", "x"), ("x", "y"), ("y", "x"), ("y", "y")]

    assert cohen_kappa(pairs) == 0.0


def test_a_textbook_kappa():
    # 10 items: 4 x/x, 1 x/y, 2 y/x, 3 y/y. p_o = 0.7; first: x 5, y 5; second: x 6, y 4;
    # p_e = (5*6 + 5*4) / 100 = 0.5; kappa = (0.7 - 0.5) / 0.5 = 0.4.
    pairs = [("x", "x")] * 4 + [("x", "y")] + [("y", "x")] * 2 + [("y", "y")] * 3

    assert cohen_kappa(pairs) == pytest.approx(0.4)


def test_one_question_answered_onbekend_by_both_has_no_kappa():
    result = agreement([single("q1", None, None)])

    assert result.agreed == 1
    assert result.kappa is None
    assert result.jaccard is None


def test_jaccard_of_several_answer_questions():
    pairs = [
        multiple("m1", {"a", "b"}, {"b", "c"}),  # 1 / 3
        multiple("m2", set(), set()),  # both onbekend: 1
        multiple("m3", {"a"}, set()),  # onbekend against an answer: 0
    ]

    result = agreement(pairs)

    assert result.jaccard == pytest.approx((1 / 3 + 1 + 0) / 3)
    assert result.agreed == 1
    assert result.kappa is None


def test_figures_per_characteristic():
    pairs = [
        single("q1", "x", "x", "werk"),
        single("q2", "x", "y", "werk"),
        multiple("m1", {"a"}, {"a"}, "geld"),
    ]

    groups = by_characteristic(pairs)

    assert groups["werk"].percentage == 50
    assert groups["geld"].percentage == 100
    assert groups["geld"].jaccard == 1.0

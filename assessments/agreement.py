"""How far two independent assessments of one platform agree: a pure function of their answers.

How answers count (the same on the page, in the report and in the export):

- An answer is the set of chosen options. "Onbekend" and "not answered" both count as the
  answer "onbekend": neither analyst knew, so they agree on that.
- One-answer questions: the two agree when they gave the same answer. Cohen's kappa is taken
  over all one-answer questions together, each question an item and each option (or
  "onbekend") a category: kappa = (p_o - p_e) / (1 - p_e), with p_o the share of questions on
  which they agree and p_e the agreement expected by chance from how often each analyst used
  each category. When p_e is 1 (every answer in one and the same category) kappa is undefined
  and shown as such, never as a number.
- Several-answer questions: Jaccard overlap |A ∩ B| / |A ∪ B| of the two option sets; two
  "onbekend" answers overlap completely (1), "onbekend" against any options not at all (0).
  They agree on the question only when the sets are equal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

UNKNOWN = "onbekend"


@dataclass(frozen=True)
class QuestionPair:
    question: str
    characteristic: str
    kind: str  # "single" or "multiple"
    first: frozenset[str]  # empty = onbekend
    second: frozenset[str]

    @property
    def agrees(self) -> bool:
        return self.first == self.second

    @property
    def jaccard(self) -> float:
        union = self.first | self.second
        if not union:
            return 1.0
        return len(self.first & self.second) / len(union)

    def category(self, answer: frozenset[str]) -> str:
        """A one-answer question's answer as one category (several chosen: joined, sorted)."""
        return "+".join(sorted(answer)) if answer else UNKNOWN


@dataclass(frozen=True)
class Agreement:
    """Agreement over a group of questions (one characteristic, or all of them)."""

    questions: int
    agreed: int
    kappa: float | None  # over the one-answer questions; None when undefined or none
    single_questions: int
    jaccard: float | None  # mean over the several-answer questions; None when none
    multiple_questions: int

    @property
    def percentage(self) -> float | None:
        return 100 * self.agreed / self.questions if self.questions else None


def cohen_kappa(pairs: Sequence[tuple[str, str]]) -> float | None:
    """Cohen's kappa for two raters over items with one category each; None if undefined."""
    if not pairs:
        return None
    n = len(pairs)
    observed = sum(1 for a, b in pairs if a == b) / n
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    expected = sum(first[c] * second[c] for c in first.keys() | second.keys()) / (n * n)
    if expected >= 1:
        return None
    return (observed - expected) / (1 - expected)


def agreement(pairs: Iterable[QuestionPair]) -> Agreement:
    pairs = list(pairs)
    single = [p for p in pairs if p.kind != "multiple"]
    multiple = [p for p in pairs if p.kind == "multiple"]
    return Agreement(
        questions=len(pairs),
        agreed=sum(1 for p in pairs if p.agrees),
        kappa=cohen_kappa([(p.category(p.first), p.category(p.second)) for p in single]),
        single_questions=len(single),
        jaccard=(sum(p.jaccard for p in multiple) / len(multiple)) if multiple else None,
        multiple_questions=len(multiple),
    )


def by_characteristic(pairs: Iterable[QuestionPair]) -> dict[str, Agreement]:
    grouped: dict[str, list[QuestionPair]] = {}
    for pair in pairs:
        grouped.setdefault(pair.characteristic, []).append(pair)
    return {name: agreement(group) for name, group in grouped.items()}


def pairs_from_answers(
    questions: Sequence[tuple[str, str, str]],
    first: Mapping[str, frozenset[str]],
    second: Mapping[str, frozenset[str]],
) -> list[QuestionPair]:
    """``questions``: (code, characteristic, kind) in questionnaire order; the answers map
    question code -> chosen options (missing or empty = onbekend)."""
    return [
        QuestionPair(
            code, characteristic, kind, first.get(code, frozenset()), second.get(code, frozenset())
        )
        for code, characteristic, kind in questions
    ]

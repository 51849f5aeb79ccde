"""Wat als: what an assessment's matrix would become if some answers were different.

Everything here is a pure function of the framework's rules and two sets of answers, so it can
be tested without a database: ``compare`` gives the statements gained and lost per criterion,
``best_steps`` searches the single answer changes that resolve an uitdaging without raising a
new one. The assessment itself never changes; a saved scenario stores only the changed answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from framework.rules import Rules

# How a scenario stores one changed answer: {"options": [...], "unknown": bool}.
ChangeData = Mapping[str, object]


@dataclass(frozen=True)
class AnswerSet:
    """The answers that matter to the rules: chosen option codes, and the questions said to be
    "onbekend". A question in neither is unanswered."""

    chosen: frozenset[str]
    unknown: frozenset[str] = frozenset()

    def options_of(self, question: str, option_question: Mapping[str, str]) -> frozenset[str]:
        return frozenset(o for o in self.chosen if option_question.get(o) == question)


@dataclass(frozen=True)
class Change:
    """One question answered differently: these options, or "onbekend" (no options)."""

    question: str
    options: frozenset[str] = frozenset()
    unknown: bool = False

    def to_data(self) -> dict[str, object]:
        return {"options": sorted(self.options), "unknown": self.unknown}

    @classmethod
    def from_data(cls, question: str, data: ChangeData) -> Change:
        options = data.get("options") or []
        if not isinstance(options, list | tuple):
            raise ValueError(f"options of {question!r} must be a list")
        return cls(question, frozenset(str(o) for o in options), bool(data.get("unknown")))


@dataclass(frozen=True)
class StatementInfo:
    """What the pages need to know of a statement: never shown by its code."""

    code: str
    criterion: str
    kind: str  # "kans" or "uitdaging"
    title: str
    order: int = 0


@dataclass
class CriterionChange:
    criterion: str
    gained: list[StatementInfo] = field(default_factory=list)
    lost: list[StatementInfo] = field(default_factory=list)

    @property
    def opportunities_gained(self) -> list[StatementInfo]:
        return [s for s in self.gained if s.kind == "kans"]

    @property
    def opportunities_lost(self) -> list[StatementInfo]:
        return [s for s in self.lost if s.kind == "kans"]

    @property
    def challenges_resolved(self) -> list[StatementInfo]:
        return [s for s in self.lost if s.kind == "uitdaging"]

    @property
    def challenges_added(self) -> list[StatementInfo]:
        return [s for s in self.gained if s.kind == "uitdaging"]

    @property
    def balance(self) -> int:
        """Kansen gained plus uitdagingen resolved, minus the opposite: > 0 is a gain."""
        return (
            len(self.opportunities_gained)
            + len(self.challenges_resolved)
            - len(self.opportunities_lost)
            - len(self.challenges_added)
        )


@dataclass
class Outcome:
    """The difference a scenario makes, per criterion, in framework order."""

    criteria: list[CriterionChange]
    derived_before: Mapping[str, frozenset[str]]
    derived_after: Mapping[str, frozenset[str]]

    @property
    def changed(self) -> bool:
        return any(c.gained or c.lost for c in self.criteria)

    @property
    def challenges_resolved(self) -> list[StatementInfo]:
        return [s for c in self.criteria for s in c.challenges_resolved]

    @property
    def challenges_added(self) -> list[StatementInfo]:
        return [s for c in self.criteria for s in c.challenges_added]


def apply_changes(base: AnswerSet, changes: Iterable[Change], rules: Rules) -> AnswerSet:
    """``base`` with each changed question's answer replaced."""
    chosen = set(base.chosen)
    unknown = set(base.unknown)
    for change in changes:
        chosen -= {o for o in chosen if rules.option_question.get(o) == change.question}
        unknown.discard(change.question)
        if change.unknown:
            unknown.add(change.question)
        else:
            chosen |= change.options
    return AnswerSet(frozenset(chosen), frozenset(unknown))


def changes_between(base: AnswerSet, scenario: AnswerSet, rules: Rules) -> list[Change]:
    """The questions whose answer differs, in questionnaire order."""
    changes = []
    for question in rules.question_order:
        before = base.options_of(question, rules.option_question)
        after = scenario.options_of(question, rules.option_question)
        was_unknown = question in base.unknown
        is_unknown = question in scenario.unknown
        if before != after or was_unknown != is_unknown:
            changes.append(Change(question, after, is_unknown and not after))
    return changes


def compare(
    rules: Rules,
    base: AnswerSet,
    scenario: AnswerSet,
    statements: Mapping[str, StatementInfo],
    criteria: Sequence[str],
) -> Outcome:
    """What ``scenario`` raises that ``base`` does not (gained), and the reverse (lost)."""
    before = rules.derive(base.chosen)
    after = rules.derive(scenario.chosen)
    by_criterion = {code: CriterionChange(code) for code in criteria}
    for code in sorted(set(after) - set(before)):
        if code in statements:
            info = statements[code]
            by_criterion.setdefault(info.criterion, CriterionChange(info.criterion))
            by_criterion[info.criterion].gained.append(info)
    for code in sorted(set(before) - set(after)):
        if code in statements:
            info = statements[code]
            by_criterion.setdefault(info.criterion, CriterionChange(info.criterion))
            by_criterion[info.criterion].lost.append(info)
    for change in by_criterion.values():
        change.gained.sort(key=lambda s: (s.kind, s.order, s.code))
        change.lost.sort(key=lambda s: (s.kind, s.order, s.code))
    return Outcome(list(by_criterion.values()), before, after)


@dataclass(frozen=True)
class Step:
    """A single answer change that resolves uitdagingen without raising a new one."""

    change: Change
    resolves: tuple[StatementInfo, ...]
    gains: tuple[StatementInfo, ...]  # kansen it raises on top


def _alternatives(
    question: str, kind: str, options: Sequence[str], current: frozenset[str]
) -> list[frozenset[str]]:
    """Every answer that differs from ``current`` by one step within the framework's options:
    another option (one answer), or one option added or taken away (several answers)."""
    if kind == "multiple":
        return [current ^ {option} for option in options if current ^ {option}]
    return [frozenset({option}) for option in options if frozenset({option}) != current]


def best_steps(
    rules: Rules,
    base: AnswerSet,
    statements: Mapping[str, StatementInfo],
    question_kinds: Mapping[str, str],
    question_options: Mapping[str, Sequence[str]],
) -> list[Step]:
    """Single answer changes that resolve at least one uitdaging and raise none, best first.

    Ranked by the number of uitdagingen resolved, then kansen gained, then questionnaire
    order, so the list is stable for the same answers.
    """
    before = rules.derive(base.chosen)
    challenges_before = {c for c in before if c in statements and statements[c].kind == "uitdaging"}
    if not challenges_before:
        return []
    visible = rules.visible_questions(base.chosen)
    order = {q: i for i, q in enumerate(rules.question_order)}
    steps: list[tuple[tuple[int, int, int], Step]] = []
    for question in rules.question_order:
        if question not in visible or question not in question_options:
            continue
        current = base.options_of(question, rules.option_question)
        for answer in _alternatives(
            question, question_kinds.get(question, "single"), question_options[question], current
        ):
            change = Change(question, answer)
            after = rules.derive(apply_changes(base, [change], rules).chosen)
            new = set(after) - set(before)
            if any(statements[c].kind == "uitdaging" for c in new if c in statements):
                continue
            resolved = sorted(challenges_before - set(after))
            if not resolved:
                continue
            gains = sorted(c for c in new if c in statements and statements[c].kind == "kans")
            step = Step(
                change,
                tuple(statements[c] for c in resolved),
                tuple(statements[c] for c in gains),
            )
            steps.append(((-len(resolved), -len(gains), order[question]), step))
    steps.sort(key=lambda pair: pair[0])
    return [step for _, step in steps]


def steps_per_challenge(steps: Sequence[Step]) -> dict[str, Step]:
    """For each uitdaging, the best step that resolves it (steps come ranked)."""
    best: dict[str, Step] = {}
    for step in steps:
        for info in step.resolves:
            best.setdefault(info.code, step)
    return best

"""The condition language of the framework's rules: parse, check, evaluate and put into words.

A rule in ``fixtures/framework.yaml`` says when a statement is raised. Its conditions are
small YAML mappings:

- ``option-code`` (a bare text) or ``{option: option-code}``: that answer is chosen;
- ``{any: [...]}``: at least one of the parts holds;
- ``{all: [...]}``: every part holds (parts may name options of different questions);
- ``{none: [...]}``: none of the parts holds;
- ``{at_least: N, of: [...]}``: at least N of the parts hold (variety).

Conditions are evaluated in three values: true, false and unknown (``None``). An option of a
question that was answered "onbekend" or not at all is *unknown*, never "not chosen", so a
``none`` over such a question does not hold and an ``unless`` built from it does not switch
anything off. An option of a question that does not apply (a follow-up whose opening answer
was not chosen) is not chosen.

Everything here is pure: no database, no Django models.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

Truth = bool | None  # None: unknown


class ConditionError(ValueError):
    """A condition is malformed; the message names the bad part."""


@dataclass(frozen=True)
class OptionIs:
    code: str


@dataclass(frozen=True)
class AnyOf:
    parts: tuple["Condition", ...]


@dataclass(frozen=True)
class AllOf:
    parts: tuple["Condition", ...]


@dataclass(frozen=True)
class NoneOf:
    parts: tuple["Condition", ...]


@dataclass(frozen=True)
class AtLeast:
    count: int
    parts: tuple["Condition", ...]


Condition = OptionIs | AnyOf | AllOf | NoneOf | AtLeast

_LIST_KEYS: dict[str, type[AnyOf] | type[AllOf] | type[NoneOf]] = {
    "any": AnyOf,
    "all": AllOf,
    "none": NoneOf,
}


def parse(raw: Any, where: str = "condition", options: Iterable[str] | None = None) -> Condition:
    """Read a condition from its YAML/JSON shape; with ``options``, every code must be one.

    Raises ``ConditionError`` naming ``where`` and the bad part, e.g.
    ``rule for 'x' › when › any[2]: unknown option 'foo'``.
    """
    known = set(options) if options is not None else None

    def walk(node: Any, path: str) -> Condition:
        if isinstance(node, str):
            return check_option(node, path)
        if not isinstance(node, dict):
            raise ConditionError(
                f"{path}: expected an option code or a mapping with one of "
                f"option/any/all/none/at_least, got {type(node).__name__}."
            )
        keys = set(node)
        if keys == {"option"}:
            if not isinstance(node["option"], str):
                raise ConditionError(f"{path} › option: must be an option code (text).")
            return check_option(node["option"], f"{path} › option")
        if len(keys) == 1 and keys <= set(_LIST_KEYS):
            (key,) = keys
            return _LIST_KEYS[key](parts(node[key], f"{path} › {key}"))
        if keys == {"at_least", "of"}:
            count = node["at_least"]
            items = parts(node["of"], f"{path} › of")
            if not isinstance(count, int) or isinstance(count, bool) or count < 1:
                raise ConditionError(f"{path} › at_least: must be a whole number of 1 or more.")
            if count > len(items):
                raise ConditionError(
                    f"{path} › at_least: {count} is more than the {len(items)} parts in 'of'."
                )
            return AtLeast(count, items)
        if "at_least" in keys or "of" in keys:
            raise ConditionError(f"{path}: 'at_least' and 'of' go together, and nothing else.")
        raise ConditionError(
            f"{path}: unknown key(s) {', '.join(sorted(map(str, keys))) or '(none)'}; "
            "use one of option, any, all, none, at_least+of."
        )

    def parts(items: Any, path: str) -> tuple[Condition, ...]:
        if not isinstance(items, list) or not items:
            raise ConditionError(f"{path}: must be a non-empty list.")
        return tuple(walk(item, f"{path}[{i + 1}]") for i, item in enumerate(items))

    def check_option(code: str, path: str) -> OptionIs:
        if not code.strip():
            raise ConditionError(f"{path}: empty option code.")
        if known is not None and code not in known:
            raise ConditionError(f"{path}: unknown option {code!r}.")
        return OptionIs(code)

    return walk(raw, where)


def to_data(condition: Condition) -> Any:
    """The condition in its source shape (a bare option code for a single option)."""
    match condition:
        case OptionIs(code):
            return code
        case AnyOf(parts):
            return {"any": [to_data(p) for p in parts]}
        case AllOf(parts):
            return {"all": [to_data(p) for p in parts]}
        case NoneOf(parts):
            return {"none": [to_data(p) for p in parts]}
        case AtLeast(count, parts):
            return {"at_least": count, "of": [to_data(p) for p in parts]}
    raise TypeError(condition)


def options_in(condition: Condition) -> set[str]:
    match condition:
        case OptionIs(code):
            return {code}
        case AnyOf(parts) | AllOf(parts) | NoneOf(parts) | AtLeast(_, parts):
            return set().union(*(options_in(p) for p in parts))
    raise TypeError(condition)


def positive_options(condition: Condition) -> set[str]:
    """The options whose choice can make the condition true (not those under a ``none``)."""
    match condition:
        case OptionIs(code):
            return {code}
        case NoneOf():
            return set()
        case AnyOf(parts) | AllOf(parts) | AtLeast(_, parts):
            return set().union(*(positive_options(p) for p in parts))
    raise TypeError(condition)


def negative_parts(condition: Condition) -> list[Condition]:
    """Every ``none`` part in the condition (they must be able to be both true and false)."""
    match condition:
        case OptionIs():
            return []
        case NoneOf(parts):
            return [condition, *(n for p in parts for n in negative_parts(p))]
        case AnyOf(parts) | AllOf(parts) | AtLeast(_, parts):
            return [n for p in parts for n in negative_parts(p)]
    raise TypeError(condition)


@dataclass(frozen=True)
class Answers:
    """What the answers say about each option: chosen, not chosen, or unknown.

    ``chosen``: the chosen options that count (of questions that apply); ``settled``: the
    questions whose answer is known (answered with options, or not applicable);
    ``option_question``: option code -> question code.
    """

    chosen: frozenset[str]
    settled: frozenset[str]
    option_question: Mapping[str, str]

    def option(self, code: str) -> Truth:
        if code in self.chosen:
            return True
        return False if self.option_question.get(code) in self.settled else None

    def question_of(self, code: str) -> str:
        return self.option_question.get(code, "")


def evaluate(condition: Condition, answers: Answers) -> Truth:
    """Three-valued (Kleene) evaluation."""
    match condition:
        case OptionIs(code):
            return answers.option(code)
        case AnyOf(parts):
            values = [evaluate(p, answers) for p in parts]
            return True if True in values else (None if None in values else False)
        case AllOf(parts):
            values = [evaluate(p, answers) for p in parts]
            return False if False in values else (None if None in values else True)
        case NoneOf(parts):
            inner = evaluate(AnyOf(parts), answers)
            return None if inner is None else not inner
        case AtLeast(count, parts):
            values = [evaluate(p, answers) for p in parts]
            if values.count(True) >= count:
                return True
            if values.count(True) + values.count(None) < count:
                return False
            return None
    raise TypeError(condition)


def support(condition: Condition, answers: Answers, value: bool = True) -> set[str]:
    """The chosen options that make ``condition`` evaluate to ``value``.

    For "not chosen" the support is what was chosen instead in the same question, so that an
    explanation can say "the answer was X" rather than "Y was not chosen".
    """
    match condition:
        case OptionIs(code):
            if value:
                return {code}
            question = answers.question_of(code)
            return {c for c in answers.chosen if answers.question_of(c) == question}
        case AnyOf(parts) | AllOf(parts) | AtLeast(_, parts):
            return set().union(
                *(support(p, answers, value) for p in parts if evaluate(p, answers) is value)
            )
        case NoneOf(parts):
            return set().union(
                *(
                    support(p, answers, not value)
                    for p in parts
                    if evaluate(p, answers) is not value
                )
            )
    raise TypeError(condition)


def unknown_questions(condition: Condition, answers: Answers) -> set[str]:
    """The questions, not yet answered or answered "onbekend", that the condition looks at."""
    return {
        answers.question_of(code)
        for code in options_in(condition)
        if answers.option(code) is None and answers.question_of(code)
    }


# --- Putting conditions into words -------------------------------------------------------


@dataclass(frozen=True)
class Phrase:
    """A sentence, optionally followed by a list of sub-phrases (rendered as a nested list)."""

    text: str
    items: tuple["Phrase", ...] = ()


@dataclass(frozen=True)
class Wording:
    """The words a description is built from; the caller passes translated texts."""

    question: Callable[[str], str]  # question code -> question text
    option: Callable[[str], str]  # option code -> option label
    chosen: str  # "Bij ‘{question}’ is gekozen: {options}."
    chosen_not: str  # "Bij ‘{question}’ is {options} niet gekozen."
    chosen_none: str  # "Bij ‘{question}’ is geen van deze gekozen: {options}."
    or_word: str  # "of"
    all_of: str  # "Alle volgende gelden:"
    any_of: str  # "Minstens één van de volgende geldt:"
    at_least: str  # "Minstens {count} van de volgende gelden:"
    at_most: str  # "Hoogstens {count} van de volgende gelden:"


def _quoted(labels: list[str], joiner: str) -> str:
    quoted = [f"‘{label}’" for label in labels]
    if len(quoted) == 1:
        return quoted[0]
    return f"{', '.join(quoted[:-1])} {joiner} {quoted[-1]}"


def _by_question(codes: list[str], answers_of: Callable[[str], str]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for code in codes:
        grouped.setdefault(answers_of(code), []).append(code)
    return grouped


def describe(
    condition: Condition,
    words: Wording,
    question_of: Callable[[str], str],
    negated: bool = False,
) -> Phrase:
    """``condition`` (or, with ``negated``, its opposite) in plain words.

    Options of one question are grouped into one sentence, so ``any: [a, b]`` over one question
    reads "Bij ‘vraag’ is gekozen: ‘A’ of ‘B’."
    """

    def options_sentence(codes: list[str], template: str) -> Phrase:
        (question,) = {question_of(c) for c in codes}
        labels = [words.option(c) for c in codes]
        if template == words.chosen_none and len(codes) == 1:
            template = words.chosen_not
        return Phrase(
            template.format(
                question=words.question(question), options=_quoted(labels, words.or_word)
            )
        )

    def grouped(parts: tuple[Condition, ...], template: str, heading: str, negate: bool) -> Phrase:
        """Bare options become one sentence per question; other parts are described with
        ``negate``; more than one sentence goes under ``heading``."""
        codes = [p.code for p in parts if isinstance(p, OptionIs)]
        groups = _by_question(codes, question_of)
        phrases = [options_sentence(group, template) for group in groups.values()]
        phrases += [
            describe(p, words, question_of, negate) for p in parts if not isinstance(p, OptionIs)
        ]
        return phrases[0] if len(phrases) == 1 else Phrase(heading, tuple(phrases))

    match condition:
        case OptionIs(code):
            return options_sentence([code], words.chosen_not if negated else words.chosen)
        case AnyOf(parts) if not negated:
            return grouped(parts, words.chosen, words.any_of, False)
        case NoneOf(parts) if negated:  # not none == any
            return grouped(parts, words.chosen, words.any_of, False)
        case AnyOf(parts) | NoneOf(parts):  # not any == none == all parts false
            return grouped(parts, words.chosen_none, words.all_of, True)
        case AllOf(parts):
            heading = words.any_of if negated else words.all_of
            items = tuple(describe(p, words, question_of, negated) for p in parts)
            return items[0] if len(items) == 1 else Phrase(heading, items)
        case AtLeast(count, parts):
            items = tuple(describe(p, words, question_of) for p in parts)
            if negated:
                return Phrase(words.at_most.format(count=count - 1), items)
            return Phrase(words.at_least.format(count=count), items)
    raise TypeError(condition)

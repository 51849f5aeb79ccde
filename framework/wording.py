"""The rules in plain words, for the framework page, the findings and the rule book.

Built on ``framework.conditions.describe``; this module adds the translated sentences and the
labels of questions and options, so that no internal code ever reaches a page or a PDF.
"""

from dataclasses import dataclass

from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from framework.conditions import Phrase, Wording, describe
from framework.models import Option, Question
from framework.rules import Explanation, Rule
from framework.versions import StoredVersion
from inclusief.caching import framework_data


@dataclass(frozen=True)
class Labels:
    questions: dict[str, str]
    options: dict[str, str]
    option_question: dict[str, str]


def labels() -> Labels:
    """Question texts and option labels in the active language (cached with the framework)."""
    language = (get_language() or "nl")[:2]

    def load() -> Labels:
        questions = {q.code: q.label for q in Question.objects.all()}
        options: dict[str, str] = {}
        option_question: dict[str, str] = {}
        for option in Option.objects.select_related("question"):
            options[option.code] = option.label
            option_question[option.code] = option.question.code
        return Labels(questions, options, option_question)

    return framework_data(f"wording-labels-{language}", load)


def labels_of(stored: StoredVersion | None) -> Labels:
    """The labels of an assessment's own framework version: an older version's texts come
    from its stored source, so a later load that rewords or retires them changes nothing in
    what an older assessment says (``None``: the current version, read from the rows)."""
    if stored is None:
        return labels()
    english = (get_language() or "nl")[:2] == "en"

    def text(entry: dict, name: str) -> str:
        return str((english and entry.get(f"{name}_en")) or entry.get(name) or "")

    return Labels(
        {code: text(entry, "text") for code, entry in stored.items.get("question", {}).items()},
        {code: text(entry, "label") for code, entry in stored.items.get("option", {}).items()},
        dict(stored.rules.option_question),
    )


def wording(names: Labels) -> Wording:
    return Wording(
        question=lambda code: names.questions.get(code, code),
        option=lambda code: names.options.get(code, code),
        chosen=_("Bij ‘{question}’ is gekozen: {options}."),
        chosen_not=_("Bij ‘{question}’ is {options} niet gekozen."),
        chosen_none=_("Bij ‘{question}’ is geen van deze gekozen: {options}."),
        or_word=pgettext("joins the last two answers in a rule", "of"),
        all_of=_("Alle volgende gelden:"),
        any_of=_("Minstens één van de volgende geldt:"),
        at_least=_("Minstens {count} van de volgende gelden:"),
        at_most=_("Hoogstens {count} van de volgende gelden:"),
    )


@dataclass(frozen=True)
class WhenText:
    """When a statement appears, in words (the framework page and the rule book)."""

    general: bool
    when: Phrase | None
    unless: Phrase | None
    source: str


def when_text(rule: Rule, names: Labels | None = None) -> WhenText:
    names = names or labels()
    words = wording(names)

    def question_of(code: str) -> str:
        return names.option_question.get(code, "")

    return WhenText(
        general=rule.default,
        when=None if rule.when is None else describe(rule.when, words, question_of),
        unless=None if rule.unless is None else describe(rule.unless, words, question_of),
        source=rule.source,
    )


@dataclass(frozen=True)
class Reason:
    question: str
    options: tuple[str, ...]


@dataclass(frozen=True)
class FindingWhy:
    """Why a derived finding is there, in words: the answers that raised it (or that it holds
    in general), what would switch it off, and which answers are still open."""

    general: bool
    because: tuple[Reason, ...]
    switch_off: Phrase | None
    open_questions: tuple[str, ...]
    unknown_questions: tuple[str, ...]


def _reasons(options: tuple[str, ...], names: Labels, order: dict[str, int]) -> tuple[Reason, ...]:
    grouped: dict[str, list[str]] = {}
    for code in sorted(options, key=lambda o: order.get(o, 0)):
        grouped.setdefault(names.option_question.get(code, ""), []).append(code)
    return tuple(
        Reason(
            question=names.questions.get(question, ""),
            options=tuple(names.options.get(code, "") for code in codes),
        )
        for question, codes in grouped.items()
    )


def finding_why(explanation: Explanation, names: Labels | None = None) -> FindingWhy:
    names = names or labels()
    words = wording(names)
    rule = explanation.rule

    def question_of(code: str) -> str:
        return names.option_question.get(code, "")

    ways = []
    if rule.when is not None:
        ways.append(describe(rule.when, words, question_of, negated=True))
    if rule.unless is not None:
        ways.append(describe(rule.unless, words, question_of))
    if len(ways) > 1:
        # Either way switches it off: flatten into one list.
        items: list[Phrase] = []
        for way in ways:
            items.extend(way.items if way.text == words.any_of else (way,))
        switch_off: Phrase | None = Phrase(words.any_of, tuple(items))
    else:
        switch_off = ways[0] if ways else None
    order = {code: i for i, code in enumerate(names.options)}
    return FindingWhy(
        general=rule.default,
        because=_reasons(explanation.because, names, order),
        switch_off=switch_off,
        open_questions=tuple(names.questions.get(q, "") for q in explanation.unanswered),
        unknown_questions=tuple(names.questions.get(q, "") for q in explanation.unknown),
    )

"""The trigger rules of the framework as a pure function.

``Rules`` is a plain snapshot of the framework's rules (which option triggers which statement,
which statements hold in general, which questions appear only after an earlier answer). Deriving
statements from answers is then a pure function of that snapshot and the chosen option codes,
testable without a database or HTTP.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from framework.models import Option, Question, Statement


@dataclass(frozen=True)
class Rules:
    general: frozenset[str]
    triggers: Mapping[str, frozenset[str]]
    option_question: Mapping[str, str]
    shown_if: Mapping[str, frozenset[str]] = field(default_factory=dict)
    question_order: tuple[str, ...] = ()

    @classmethod
    def from_db(cls) -> "Rules":
        triggers: dict[str, set[str]] = {}
        option_question: dict[str, str] = {}
        for code, question_code in Option.objects.values_list("code", "question__code"):
            option_question[code] = question_code
            triggers[code] = set()
        # Through tables reach retired rows too; the current rules leave them out.
        for code, statement_code in Option.triggers.through.objects.filter(
            option__retired=False, statement__retired=False
        ).values_list("option__code", "statement__code"):
            triggers[code].add(statement_code)
        shown_if: dict[str, set[str]] = {}
        for question_code, option_code in Question.shown_if.through.objects.filter(
            question__retired=False, option__retired=False
        ).values_list("question__code", "option__code"):
            shown_if.setdefault(question_code, set()).add(option_code)
        return cls(
            general=frozenset(
                Statement.objects.filter(general=True).values_list("code", flat=True)
            ),
            triggers={k: frozenset(v) for k, v in triggers.items()},
            option_question=option_question,
            shown_if={k: frozenset(v) for k, v in shown_if.items()},
            question_order=tuple(Question.objects.values_list("code", flat=True)),
        )

    def visible_questions(self, selected: Iterable[str]) -> set[str]:
        """Questions that apply given the chosen options; a conditional question applies only
        when an option that reveals it is chosen in a question that itself applies."""
        chosen = set(selected)
        visible: set[str] = set()
        # Questions are ordered so that a revealing option always sits in an earlier question.
        for question in self.question_order:
            reveal = self.shown_if.get(question)
            if not reveal or any(
                option in chosen and self.option_question.get(option) in visible
                for option in reveal
            ):
                visible.add(question)
        return visible

    def counting_options(self, selected: Iterable[str]) -> set[str]:
        """The chosen options that count: those of questions that apply."""
        chosen = set(selected)
        visible = self.visible_questions(chosen)
        return {o for o in chosen if self.option_question.get(o) in visible}

    def derive(self, selected: Iterable[str]) -> dict[str, frozenset[str]]:
        """Statement code -> the chosen option codes that trigger it (empty for a general one)."""
        reasons: dict[str, set[str]] = {code: set() for code in self.general}
        for option in sorted(self.counting_options(selected)):
            for statement in self.triggers.get(option, ()):
                reasons.setdefault(statement, set()).add(option)
        return {code: frozenset(options) for code, options in reasons.items()}

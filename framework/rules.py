"""The rules of the framework as a pure function.

``Rules`` is a plain snapshot of the framework's rules: per statement a ``Rule`` (a condition
in the language of ``framework.conditions``, or a default that holds unless an answer switches
it off), the declared contradictions, and which questions appear only after an earlier answer.
Deriving statements from answers is then a pure function of that snapshot and the chosen
option codes, testable without a database or HTTP; ``explain`` says why one statement is or
is not raised.

A framework loaded from a source without a ``rules`` section keeps working: each statement's
rule is then built from the options that trigger it (any of them) or its ``general`` flag.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from framework.conditions import (
    Answers,
    AnyOf,
    Condition,
    ConditionError,
    OptionIs,
    evaluate,
    parse,
    support,
    unknown_questions,
)
from framework.models import Contradiction as ContradictionRow
from framework.models import FrameworkVersion, Option, Question, Statement
from framework.models import Rule as RuleRow


@dataclass(frozen=True)
class Rule:
    """When one statement is raised.

    ``default``: the statement holds for platform work in general; otherwise it holds when
    ``when`` is true. Either way an ``unless`` that is true (never one that is unknown)
    switches it off.
    """

    statement: str
    when: Condition | None = None
    unless: Condition | None = None
    default: bool = False
    source: str = ""
    note: str = ""


@dataclass(frozen=True)
class Explanation:
    """Why a statement is or is not raised by a set of answers.

    ``because``: the chosen options that raised it (empty for a default); ``switched_off_by``:
    the chosen options that switch it off now; ``unknown`` / ``unanswered``: questions the
    rule looks at whose answer is "onbekend" / missing.
    """

    statement: str
    holds: bool
    rule: Rule
    because: tuple[str, ...] = ()
    switched_off_by: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    unanswered: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rules:
    general: frozenset[str]
    triggers: Mapping[str, frozenset[str]]
    option_question: Mapping[str, str]
    shown_if: Mapping[str, frozenset[str]] = field(default_factory=dict)
    question_order: tuple[str, ...] = ()
    rules: Mapping[str, Rule] = field(default_factory=dict)
    contradictions: tuple[frozenset[str], ...] = ()

    @classmethod
    def from_db(cls, version: FrameworkVersion | None = None) -> "Rules":
        """The rules of ``version`` (default: the current framework version)."""
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
        version = version or FrameworkVersion.objects.current()
        rules: dict[str, Rule] = {}
        contradictions: tuple[frozenset[str], ...] = ()
        if version is not None:
            for row in RuleRow.objects.filter(framework_version=version).select_related(
                "statement"
            ):
                rules[row.statement.code] = rule_from_data(
                    row.statement.code,
                    {
                        "when": row.when,
                        "unless": row.unless,
                        "default": row.default,
                        "source": row.source,
                        "note": row.note,
                    },
                )
            contradictions = tuple(
                frozenset(codes)
                for codes in ContradictionRow.objects.filter(framework_version=version)
                .order_by("order")
                .values_list("statements", flat=True)
            )
        return cls(
            general=frozenset(
                Statement.objects.filter(general=True).values_list("code", flat=True)
            ),
            triggers={k: frozenset(v) for k, v in triggers.items()},
            option_question=option_question,
            shown_if={k: frozenset(v) for k, v in shown_if.items()},
            question_order=tuple(Question.objects.values_list("code", flat=True)),
            rules=rules,
            contradictions=contradictions,
        )

    @classmethod
    def from_source(cls, data: Mapping) -> "Rules":
        """The rules of a framework source (the loaded YAML/JSON), without a database."""
        triggers: dict[str, set[str]] = {}
        option_question: dict[str, str] = {}
        shown_if: dict[str, frozenset[str]] = {}
        order: list[str] = []
        for char in data.get("characteristics", []):
            for question in char.get("questions", []):
                order.append(question["code"])
                if question.get("shown_if"):
                    shown_if[question["code"]] = frozenset(question["shown_if"])
                for option in question.get("options", []):
                    option_question[option["code"]] = question["code"]
                    triggers[option["code"]] = set(option.get("triggers", []))
        return cls(
            general=frozenset(
                stmt["code"]
                for crit in data.get("criteria", [])
                for stmt in crit.get("statements", [])
                if stmt.get("general")
            ),
            triggers={k: frozenset(v) for k, v in triggers.items()},
            option_question=option_question,
            shown_if=shown_if,
            question_order=tuple(order),
            rules={
                entry["statement"]: rule_from_data(entry["statement"], entry)
                for entry in data.get("rules", [])
            },
            contradictions=tuple(
                frozenset(group["statements"] if isinstance(group, dict) else group)
                for group in data.get("contradictions", [])
            ),
        )

    # --- The rule of each statement ------------------------------------------------------

    def rule_for(self, statement: str) -> Rule | None:
        """The statement's rule; for a source without rules, built from its triggers."""
        if statement in self.rules:
            return self.rules[statement]
        if statement in self.general:
            return Rule(statement=statement, default=True)
        options = sorted(o for o, targets in self.triggers.items() if statement in targets)
        if not options:
            return None
        when: Condition = (
            OptionIs(options[0])
            if len(options) == 1
            else AnyOf(tuple(OptionIs(o) for o in options))
        )
        return Rule(statement=statement, when=when)

    def statements(self) -> list[str]:
        """Every statement that has a rule, in a stable order."""
        codes = set(self.rules) | set(self.general)
        for targets in self.triggers.values():
            codes |= targets
        return sorted(codes)

    # --- Which answers count -------------------------------------------------------------

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

    def answers(self, selected: Iterable[str]) -> Answers:
        """What the chosen options say about every option (chosen / not chosen / unknown).

        A question is settled when it applies and has a chosen option, or when it does not
        apply because the questions that could reveal it are settled without revealing it.
        """
        counting = self.counting_options(selected)
        visible = self.visible_questions(counting)
        answered = {self.option_question[o] for o in counting}
        settled: set[str] = set()
        for question in self.question_order:
            if question in visible:
                if question in answered:
                    settled.add(question)
                continue
            gates = {self.option_question.get(o) for o in self.shown_if.get(question, ())}
            if gates and gates <= settled:
                settled.add(question)
        return Answers(frozenset(counting), frozenset(settled), self.option_question)

    # --- Deriving and explaining ---------------------------------------------------------

    @staticmethod
    def _holds(rule: Rule, answers: Answers) -> bool:
        raised = rule.default or (rule.when is not None and evaluate(rule.when, answers) is True)
        return raised and not (rule.unless is not None and evaluate(rule.unless, answers) is True)

    def derive(self, selected: Iterable[str]) -> dict[str, frozenset[str]]:
        """Statement code -> the chosen option codes that raised it (empty for a default)."""
        answers = self.answers(selected)
        derived: dict[str, frozenset[str]] = {}
        for code in self.statements():
            rule = self.rule_for(code)
            if rule is None or not self._holds(rule, answers):
                continue
            reasons = support(rule.when, answers) if rule.when is not None else set()
            derived[code] = frozenset(reasons)
        return derived

    def explain(
        self, statement: str, chosen: Iterable[str], unknown: Iterable[str] = ()
    ) -> "Explanation":
        """Why ``statement`` is (or is not) raised by ``chosen``; ``unknown``: the questions
        answered "onbekend" (any other question without a chosen option is unanswered)."""
        rule = self.rule_for(statement)
        if rule is None:
            raise KeyError(statement)
        answers = self.answers(chosen)
        holds = self._holds(rule, answers)
        because: set[str] = set()
        if rule.when is not None and evaluate(rule.when, answers) is True:
            because = support(rule.when, answers)
        switched_off: set[str] = set()
        missing: set[str] = set()
        # Open questions matter only where they leave a part undecided: a true ``when`` stays
        # true whatever they become, an undecided ``unless`` may still switch the point off.
        if rule.unless is not None:
            unless = evaluate(rule.unless, answers)
            if unless is True:
                switched_off = support(rule.unless, answers)
            elif unless is None:
                missing |= unknown_questions(rule.unless, answers)
        if rule.when is not None and evaluate(rule.when, answers) is None:
            missing |= unknown_questions(rule.when, answers)
        said_unknown = set(unknown)
        order = {q: i for i, q in enumerate(self.question_order)}
        ordered = sorted(missing, key=lambda q: order.get(q, len(order)))
        return Explanation(
            statement=statement,
            holds=holds,
            rule=rule,
            because=tuple(sorted(because)),
            switched_off_by=tuple(sorted(switched_off)),
            unknown=tuple(q for q in ordered if q in said_unknown),
            unanswered=tuple(q for q in ordered if q not in said_unknown),
        )

    def contradictions_in(self, derived: Iterable[str]) -> list[frozenset[str]]:
        """The declared contradictions of which more than one statement is in ``derived``."""
        present = set(derived)
        return [group for group in self.contradictions if len(group & present) > 1]


def rule_from_data(
    statement: str,
    data: Mapping,
    options: Iterable[str] | None = None,
    where: str | None = None,
) -> Rule:
    """A ``Rule`` from its source shape; raises ``ConditionError`` naming the bad part."""
    where = where or f"rule for {statement!r}"
    when = data.get("when")
    unless = data.get("unless")
    return Rule(
        statement=statement,
        when=None if when is None else parse(when, f"{where} › when", options),
        unless=None if unless is None else parse(unless, f"{where} › unless", options),
        default=bool(data.get("default", False)),
        source=data.get("source") or "",
        note=data.get("note") or "",
    )


def validate_rules(
    data: Mapping,
    statements: Mapping[str, bool],
    options: Iterable[str],
    triggered: Iterable[str] = (),
) -> None:
    """Check the ``rules`` and ``contradictions`` sections of a framework source.

    ``statements``: statement code -> its ``general`` flag; ``options``: every option code;
    ``triggered``: statements raised by an option's ``triggers`` list. Raises
    ``ConditionError`` with a message that names the rule (or contradiction) and the bad part.
    """
    options = set(options)
    triggered = set(triggered)
    rules = data.get("rules", [])
    if not isinstance(rules, list):
        raise ConditionError("'rules' must be a list.")
    seen: set[str] = set()
    for index, entry in enumerate(rules):
        where = f"rules[{index + 1}]"
        if not isinstance(entry, dict):
            raise ConditionError(f"{where}: must be a mapping with a 'statement'.")
        code = entry.get("statement")
        if not isinstance(code, str) or code not in statements:
            raise ConditionError(f"{where}: unknown statement {code!r}.")
        where = f"{where} (statement {code!r})"
        unknown_keys = set(entry) - {"statement", "when", "unless", "default", "source", "note"}
        if unknown_keys:
            raise ConditionError(f"{where}: unknown key(s) {', '.join(sorted(unknown_keys))}.")
        if code in seen:
            raise ConditionError(f"{where}: the statement has more than one rule.")
        seen.add(code)
        if code in triggered:
            raise ConditionError(
                f"{where}: the statement is also in an option's 'triggers'; "
                "put that option into the rule instead."
            )
        if not isinstance(entry.get("source"), str) or not entry["source"].strip():
            raise ConditionError(f"{where}: 'source' (the paper section) is missing or empty.")
        default = entry.get("default", False)
        if not isinstance(default, bool):
            raise ConditionError(f"{where}: 'default' must be true or false.")
        if default == ("when" in entry):
            raise ConditionError(
                f"{where}: give either 'when' or 'default: true' (a default holds unless an "
                "answer switches it off)."
            )
        if default != statements[code]:
            raise ConditionError(
                f"{where}: 'default: true' goes with a statement marked 'general: true', and "
                "only with one."
            )
        rule_from_data(code, entry, options, where=where)
    groups = data.get("contradictions", [])
    if not isinstance(groups, list):
        raise ConditionError("'contradictions' must be a list.")
    for index, group in enumerate(groups):
        where = f"contradictions[{index + 1}]"
        codes = group.get("statements") if isinstance(group, dict) else group
        if not isinstance(codes, list) or len(codes) < 2:
            raise ConditionError(f"{where}: list at least two statements.")
        for code in codes:
            if code not in statements:
                raise ConditionError(f"{where}: unknown statement {code!r}.")
        if len(set(codes)) != len(codes):
            raise ConditionError(f"{where}: a statement is named twice.")


def explain(
    statement_code: str,
    chosen: Iterable[str],
    unknown: Iterable[str] = (),
    rules: Rules | None = None,
) -> Explanation:
    """Why a statement is (or is not) raised by ``chosen`` options, with ``unknown`` the
    questions answered "onbekend"; ``rules`` defaults to the current framework's rules.

    For other apps (wat-als scenarios, maatwerk): turn the result into words with
    ``framework.wording.finding_why``.
    """
    return (rules or Rules.from_db()).explain(statement_code, chosen, unknown)

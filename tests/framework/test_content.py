"""The real framework content: complete, consistent and fully translated."""

import pytest

from framework.conditions import negative_parts, options_in, positive_options
from framework.loading import DEFAULT_SOURCE, load_framework, read_source
from framework.models import (
    Characteristic,
    Contradiction,
    Criterion,
    FrameworkVersion,
    Option,
    Question,
    Rule,
    Statement,
    TargetGroup,
    WorkType,
)
from framework.rules import Rules

pytestmark = pytest.mark.django_db

# Minimum kansen/uitdagingen per criterion: the paper's summary table "Raamwerk inclusief
# platformwerk" has at least this many points per cell.
TABLE_MINIMUM = {
    "passend_werk": (7, 2),
    "begeleiding": (4, 3),
    "ontwikkeling": (5, 4),
    "integratie": (4, 3),
}


@pytest.fixture
def source():
    return read_source(DEFAULT_SOURCE)


@pytest.fixture
def loaded(source):
    load_framework(source)


def test_real_source_loads_with_version_2_0(source):
    report = load_framework(source)

    assert report.version == "2.0"
    assert report.counts["criteria"] == 5
    assert report.counts["characteristics"] == 8
    assert source["source_document"].startswith("TNO, Verbiest & Van de Ven")


def test_criteria_in_paper_order_with_income_side_last(loaded):
    codes = list(Criterion.objects.values_list("code", "is_income_side"))

    assert codes == [
        ("passend_werk", False),
        ("begeleiding", False),
        ("ontwikkeling", False),
        ("integratie", False),
        ("financiele_zekerheid", True),
    ]


def test_each_criterion_has_at_least_the_table_counts(loaded):
    for code, (kansen, uitdagingen) in TABLE_MINIMUM.items():
        statements = Statement.objects.filter(criterion__code=code)
        assert statements.filter(kind="kans").count() >= kansen, code
        assert statements.filter(kind="uitdaging").count() >= uitdagingen, code
    assert Statement.objects.filter(kind="kans").count() >= 20
    assert Statement.objects.filter(kind="uitdaging").count() >= 12
    financial = Statement.objects.filter(criterion__code="financiele_zekerheid")
    assert financial.filter(kind="kans").exists()
    assert financial.filter(kind="uitdaging").exists()


def test_every_statement_has_a_stored_rule_of_the_current_version(loaded):
    version = FrameworkVersion.objects.current()
    with_rule = set(
        Rule.objects.filter(framework_version=version).values_list("statement__code", flat=True)
    )

    assert with_rule == set(Statement.objects.values_list("code", flat=True))
    assert Contradiction.objects.filter(framework_version=version).count() == 16


def _rule_options(rules: Rules) -> tuple[set[str], set[str]]:
    """Options that can raise a statement, and options whose answer a rule looks at at all
    (a ``none`` looks at every option of its question: any answer settles it)."""
    positive: set[str] = set()
    looked_at: set[str] = set()
    for rule in rules.rules.values():
        for condition in (rule.when, rule.unless):
            if condition is None:
                continue
            looked_at |= options_in(condition)
            for part in negative_parts(condition):
                questions = {rules.option_question[o] for o in options_in(part)}
                looked_at |= {o for o, q in rules.option_question.items() if q in questions}
        if rule.when is not None:
            positive |= positive_options(rule.when)
    return positive, looked_at


def test_every_option_matters_to_a_rule_or_is_neutral(loaded):
    _, looked_at = _rule_options(Rules.from_db())
    silent = Option.objects.filter(neutral=False).exclude(code__in=looked_at)

    assert list(silent.values_list("code", flat=True)) == []


def test_neutral_options_never_raise_a_statement(loaded):
    positive, _ = _rule_options(Rules.from_db())
    noisy = Option.objects.filter(neutral=True, code__in=positive)

    assert list(noisy.values_list("code", flat=True)) == []
    assert not Option.triggers.through.objects.exists()  # version 2.0 has only rules


def test_every_uitdaging_has_an_action_in_both_languages(loaded):
    for statement in Statement.objects.filter(kind="uitdaging"):
        assert statement.action_nl.strip(), statement.code
        assert statement.action_en.strip(), statement.code


def test_only_uitdagingen_have_actions(loaded):
    assert not Statement.objects.filter(kind="kans").exclude(action_nl="").exists()


def test_general_statements_are_the_ones_the_paper_says_hold_generally(loaded):
    general = set(Statement.objects.filter(general=True).values_list("code", flat=True))

    assert general == {
        "pw-uitd-no-fit-method",
        "pw-uitd-workload-monitoring",
        "bg-kans-subsidy-support",
        "bg-uitd-no-supervisor",
        "ontw-uitd-existing-skills",
        "ontw-uitd-rating-portability",
        "int-kans-communicate-target-group",
        "fin-uitd-benefits",
        "fin-uitd-short-gigs-income",
    }


def _pairs(obj, *names):
    return [(name, getattr(obj, f"{name}_nl"), getattr(obj, f"{name}_en")) for name in names]


def test_every_text_has_an_english_version(loaded):
    checks = []
    for c in Criterion.objects.all():
        checks += [(c.code, *p) for p in _pairs(c, "name", "question", "definition")]
    for s in Statement.objects.all():
        checks += [(s.code, *p) for p in _pairs(s, "title", "explanation", "action")]
    for h in Characteristic.objects.all():
        checks += [(h.code, *p) for p in _pairs(h, "name", "description")]
    for q in Question.objects.all():
        checks += [(q.code, *p) for p in _pairs(q, "text", "help", "more")]
    for o in Option.objects.all():
        checks += [(o.code, *p) for p in _pairs(o, "label")]
    for w in WorkType.objects.all():
        checks += [(w.code, *p) for p in _pairs(w, "name")]
    for t in TargetGroup.objects.all():
        checks += [(t.code, *p) for p in _pairs(t, "name", "description", "examples")]

    missing = [(code, name) for code, name, nl, en in checks if nl.strip() and not en.strip()]

    assert missing == []


def test_every_question_has_help_and_more(loaded):
    for question in Question.objects.all():
        assert question.help_nl.strip() and question.more_nl.strip(), question.code


def test_every_item_names_its_source(loaded):
    for model in (Criterion, Statement, Characteristic, Question, TargetGroup):
        assert not model.objects.filter(source="").exists(), model.__name__


def test_no_unknown_option_in_the_file(source):
    labels = [
        option["label"].lower()
        for char in source["characteristics"]
        for question in char["questions"]
        for option in question["options"]
    ]

    assert "onbekend" not in labels


def test_seven_characteristics_in_paper_order_plus_financial(loaded):
    rows = list(Characteristic.objects.values_list("code", "section"))

    assert rows == [
        ("flexibiliteit-variatie", "kenmerk"),
        ("organisatie-verdienmodel", "kenmerk"),
        ("arbeidsrelatie", "kenmerk"),
        ("doelgroep-toetreding", "kenmerk"),
        ("ontwikkeling-community", "kenmerk"),
        ("beoordeling-beloning", "kenmerk"),
        ("werktijden-planning", "kenmerk"),
        ("financiele-zekerheid", "financieel"),
    ]


def test_conditional_questions_depend_on_earlier_options(loaded):
    order = list(Question.objects.values_list("code", flat=True))
    conditional = Question.objects.filter(shown_if__isnull=False).distinct()

    assert {q.code for q in conditional} >= {"beoordelingsvorm", "werkerkosten", "modelcontract"}
    for question in conditional:
        for option in question.shown_if.all():
            assert order.index(option.question.code) < order.index(question.code)


def test_option_codes_carry_their_question_prefix(loaded):
    prefixes = {
        "gesprek-opdrachtgever": "gesprekog-",
        "ontwdienst": "ontwdienst-",
    }
    for option in Option.objects.select_related("question"):
        prefix = prefixes.get(option.question.code, f"{option.question.code}-")
        assert option.code.startswith(prefix), option.code


# Table 1 of the paper: (skill level, mode) -> number of work types and a few names.
TABLE_1 = {
    ("lager", "fysiek"): (17, {"Maaltijdbezorging", "Vakkenvullen", "Groenvoorziening"}),
    ("lager", "online"): (9, {"Vragenlijsten invullen", "Data-entry"}),
    ("middelbaar", "fysiek"): (18, {"Kinderopvang", "Barista", "Tuin- en straatwerk"}),
    ("middelbaar", "online"): (8, {"Voice-over inspreken", "Transcriptie"}),
    ("hoger", "fysiek"): (8, {"Verpleging", "Zelfstandig kok", "Projectmanagement"}),
    ("hoger", "online"): (8, {"Grafisch ontwerp", "Programmeren", "Communicatie"}),
}


def test_every_table_1_work_type_is_present(loaded):
    assert WorkType.objects.count() == 68
    for (level, mode), (count, names) in TABLE_1.items():
        cell = WorkType.objects.filter(skill_level=level, mode=mode)
        assert cell.count() == count, (level, mode)
        assert names <= set(cell.values_list("name_nl", flat=True)), (level, mode)


def test_ambiguous_work_types_carry_a_note(loaded):
    for code in ("productschappen-fotograferen", "prijzen-noteren", "bijles"):
        assert WorkType.objects.get(code=code).note


def test_target_groups_cover_the_four_kinds_and_multiple_problems(loaded):
    codes = set(TargetGroup.objects.values_list("code", flat=True))

    assert {
        "fysieke-beperking",
        "verstandelijke-beperking",
        "psychosociale-beperking",
        "situationele-beperking",
    } <= codes
    multi = TargetGroup.objects.get(code="meervoudige-problematiek")
    assert "startkwalificatie" in multi.description_nl
    assert "schulden" in multi.description_nl

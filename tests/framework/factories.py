import factory

from framework.models import (
    Characteristic,
    Contradiction,
    Criterion,
    FrameworkVersion,
    Option,
    Question,
    Rule,
    Segment,
    Statement,
    TargetGroup,
    WorkType,
)


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"criterium-{n}")
    name_nl = factory.Sequence(lambda n: f"Criterium {n}")
    name_en = factory.Sequence(lambda n: f"Criterion {n}")
    question_nl = "Hoe kan het?"
    definition_nl = "Een definitie."
    source = "Test"


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"stelling-{n}")
    criterion = factory.SubFactory(CriterionFactory)
    kind = "kans"
    title_nl = factory.Sequence(lambda n: f"Stelling {n}")
    title_en = factory.Sequence(lambda n: f"Statement {n}")
    explanation_nl = "Uitleg."
    source = "Test"


class CharacteristicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Characteristic
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"kenmerk-{n}")
    name_nl = factory.Sequence(lambda n: f"Kenmerk {n}")
    source = "Test"


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"vraag-{n}")
    characteristic = factory.SubFactory(CharacteristicFactory)
    kind = "single"
    text_nl = factory.Sequence(lambda n: f"Vraag {n}?")
    source = "Test"


class OptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Option
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"optie-{n}")
    question = factory.SubFactory(QuestionFactory)
    label_nl = factory.Sequence(lambda n: f"Optie {n}")


class WorkTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkType
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"werksoort-{n}")
    name_nl = factory.Sequence(lambda n: f"Werksoort {n}")
    mode = "fysiek"
    skill_level = "lager"


class SegmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Segment
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"sector-{n}")
    name_nl = factory.Sequence(lambda n: f"Sector {n}")


class FrameworkVersionFactory(factory.django.DjangoModelFactory):
    """Not current by default: only one version may be current (pass ``is_current=True``)."""

    class Meta:
        model = FrameworkVersion
        django_get_or_create = ["label"]

    label = factory.Sequence(lambda n: f"test-{n}")
    source_document = "Raamwerk inclusief platformwerk"


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"doelgroep-{n}")
    name_nl = factory.Sequence(lambda n: f"Doelgroep {n}")
    source = "Test"


class RuleFactory(factory.django.DjangoModelFactory):
    """A rule that holds in general (``default``); give ``when`` and ``default=False`` for a
    condition."""

    class Meta:
        model = Rule

    framework_version = factory.SubFactory(FrameworkVersionFactory)
    statement = factory.SubFactory(StatementFactory)
    default = True
    source = "Test"


class ContradictionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contradiction

    framework_version = factory.SubFactory(FrameworkVersionFactory)
    statements = factory.LazyFunction(lambda: ["stelling-a", "stelling-b"])
    note = "Deze twee spreken elkaar tegen."

import factory

from framework.models import (
    Characteristic,
    Criterion,
    Option,
    Question,
    Segment,
    Statement,
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

import factory

from assessments.models import Platform, PlatformSource, ProfileAnswer
from framework.models import Question
from tests.framework.factories import (  # noqa: F401  (shared with the framework tests)
    CharacteristicFactory,
    OptionFactory,
    QuestionFactory,
    SegmentFactory,
    WorkTypeFactory,
)


class PlatformFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Platform
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Platform {n}")
    slug = factory.Sequence(lambda n: f"platform-{n}")
    website = factory.Sequence(lambda n: f"https://platform{n}.example.nl")
    description = "Een platform voor klussen."
    physical = True

    @factory.post_generation
    def segments(self, create, extracted, **kwargs):
        if create and extracted:
            self.segments.set(extracted)


class ProfileAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProfileAnswer
        skip_postgeneration_save = True

    platform = factory.SubFactory(PlatformFactory)
    question = factory.SubFactory(QuestionFactory)
    source_url = "https://bron.example.nl/pagina"
    source_title = "Bron"

    @factory.post_generation
    def options(self, create, extracted, **kwargs):
        if create and extracted:
            self.options.set(extracted)


class PlatformSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlatformSource

    platform = factory.SubFactory(PlatformFactory)
    url = "https://bron.example.nl/"
    title = "Een bron"


def profile_questions() -> tuple[Question, Question]:
    """The organisation-model and employment-relation questions with two options each."""
    from assessments.catalogue import EMPLOYMENT_RELATION_QUESTION, ORGANISATION_MODEL_QUESTION

    org = QuestionFactory(code=ORGANISATION_MODEL_QUESTION)
    OptionFactory(code="orgmodel-marketplace", question=org, label_nl="Marktplaats")
    OptionFactory(code="orgmodel-algorithm", question=org, label_nl="Algoritme")
    rel = QuestionFactory(code=EMPLOYMENT_RELATION_QUESTION, kind="multiple")
    OptionFactory(code="relatie-zzp", question=rel, label_nl="Zzp")
    OptionFactory(code="relatie-loondienst", question=rel, label_nl="Loondienst")
    return org, rel

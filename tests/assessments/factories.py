import uuid

import factory
from django.utils import timezone

from assessments.models import (
    Answer,
    Assessment,
    AssessmentStatus,
    ConsensusChoice,
    DoubleAssessment,
    Finding,
    MailLanguage,
    Platform,
    PlatformSource,
    ProfileAnswer,
    ReportJob,
    Scenario,
)
from framework.models import Question
from tests.framework.factories import (  # noqa: F401  (shared with the framework tests)
    CharacteristicFactory,
    CriterionFactory,
    OptionFactory,
    QuestionFactory,
    SegmentFactory,
    WorkTypeFactory,
)
from tests.inclusief.factories import UserFactory


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


class AssessmentFactory(factory.django.DjangoModelFactory):
    """A concept assessment of a new platform; ``PublishedAssessmentFactory`` for a public one."""

    class Meta:
        model = Assessment
        skip_postgeneration_save = True

    platform = factory.SubFactory(PlatformFactory)
    owner = factory.SubFactory(UserFactory)
    framework_version = "test-1"
    edition = 1

    @factory.post_generation
    def co_authors(self, create, extracted, **kwargs):
        if create and extracted:
            self.co_authors.set(extracted)


class PublishedAssessmentFactory(AssessmentFactory):
    status = AssessmentStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer
        skip_postgeneration_save = True

    assessment = factory.SubFactory(AssessmentFactory)
    question = factory.SubFactory(QuestionFactory)
    source_url = "https://bron.example.nl/voorwaarden"

    @factory.post_generation
    def options(self, create, extracted, **kwargs):
        if create and extracted:
            self.options.set(extracted)


class FindingFactory(factory.django.DjangoModelFactory):
    """An own finding (no statement); pass ``statement=`` with its criterion and kind for one
    that follows from the framework."""

    class Meta:
        model = Finding

    assessment = factory.SubFactory(AssessmentFactory)
    criterion = factory.SubFactory(CriterionFactory)
    kind = "uitdaging"
    title_nl = factory.Sequence(lambda n: f"Bevinding {n}")
    explanation_nl = "Uitleg bij de bevinding."


class MailLanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MailLanguage

    user = factory.SubFactory(UserFactory)
    language = "nl"


class ScenarioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scenario

    assessment = factory.SubFactory(AssessmentFactory)
    title = factory.Sequence(lambda n: f"Scenario {n}")
    motivation = "Wat als het platform dit anders doet?"
    changes = factory.LazyFunction(lambda: {"vraag-0": ["optie-0"]})
    author = factory.SubFactory(UserFactory)


class DoubleAssessmentFactory(factory.django.DjangoModelFactory):
    """Two assessments of one platform (editions 1 and 2) by two analysts, both done: their
    answers are copied (``full_clean`` wants them non-empty)."""

    class Meta:
        model = DoubleAssessment

    platform = factory.SubFactory(PlatformFactory)
    started_by = factory.SubFactory(UserFactory)
    first = factory.SubFactory(AssessmentFactory, platform=factory.SelfAttribute("..platform"))
    second = factory.SubFactory(
        AssessmentFactory, platform=factory.SelfAttribute("..platform"), edition=2
    )
    first_done_at = factory.LazyFunction(timezone.now)
    second_done_at = factory.LazyFunction(timezone.now)
    first_answers = factory.LazyFunction(lambda: {"vraag-0": ["optie-0"]})
    second_answers = factory.LazyFunction(lambda: {"vraag-0": ["optie-1"]})


class ConsensusChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsensusChoice

    double = factory.SubFactory(DoubleAssessmentFactory)
    question = factory.SubFactory(QuestionFactory)
    source = "first"
    motivation = "Het eerste antwoord heeft de betere bron."
    decided_by = factory.SubFactory(UserFactory)


class ReportJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportJob

    requested_by = factory.SubFactory(UserFactory)
    assessment_uuids = factory.LazyFunction(lambda: [str(uuid.uuid4())])
    language = "nl"


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

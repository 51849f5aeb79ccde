"""Factories for the open-data models. Files are names only: nothing is written to storage."""

import factory
from django.utils import timezone

from opendata.models import DatasetFile, SectorBenchmark, StoredReport
from tests.assessments.factories import CriterionFactory, PublishedAssessmentFactory


class StoredReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StoredReport

    assessment = factory.SubFactory(PublishedAssessmentFactory)
    language = "nl"
    file = factory.Sequence(lambda n: f"reports/rapport-{n}.pdf")
    layout_version = "1"
    framework_version = "test-1"
    rendered_at = factory.LazyFunction(timezone.now)


class DatasetFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DatasetFile
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"dataset-{n}")
    file = factory.LazyAttribute(lambda d: f"open-data/{d.code}.csv")
    generated_at = factory.LazyFunction(timezone.now)


class SectorBenchmarkFactory(factory.django.DjangoModelFactory):
    """The benchmark over the whole catalogue (no segment); pass ``segment=`` for a sector."""

    class Meta:
        model = SectorBenchmark

    criterion = factory.SubFactory(CriterionFactory)
    kind = "kans"
    assessments = 5
    median = 1.0
    computed_at = factory.LazyFunction(timezone.now)

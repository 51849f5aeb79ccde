"""Factories for the maatwerkscan's models."""

import datetime
from decimal import Decimal

import factory

from maatwerk.models import MinimumWage, Scan, WeekItem
from tests.inclusief.factories import UserFactory


class MinimumWageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MinimumWage
        django_get_or_create = ["valid_from"]

    valid_from = factory.Sequence(lambda n: datetime.date(2020, 1, 1) + datetime.timedelta(days=n))
    hourly_amount = Decimal("14.40")
    source_url = "https://www.rijksoverheid.nl/onderwerpen/minimumloon"


class ScanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scan
        skip_postgeneration_save = True

    author = factory.SubFactory(UserFactory)
    label = factory.Sequence(lambda n: f"Scan {n}")
    guidance = "enige"
    work_mode = "beide"
    skill_level = "lager"
    hours_per_week = 16
    schedule = "flexibel"
    income_security = "middel"

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_groups.set(extracted)


class WeekItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WeekItem

    scan = factory.SubFactory(ScanFactory)
    label = factory.Sequence(lambda n: f"Klus {n}")
    mode = "fysiek"
    skill_level = "lager"
    hours_per_week = Decimal("8.0")
    pay_basis = "uur"
    pay_amount = Decimal("15.00")

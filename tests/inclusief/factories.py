"""Factories for the base package's models, and the user they hang on."""

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from inclusief.models import ContentVersion, DeletionRequest, Profile, RateLimitHit


class UserFactory(factory.django.DjangoModelFactory):
    """A Django user without a usable password (log in with ``client.force_login``); hashing
    a password is slow and no test of these factories logs in through the form."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_unusable_password")


class ContentVersionFactory(factory.django.DjangoModelFactory):
    """The one row (pk 1, made by a migration): fetched when it exists, as the caching module
    does."""

    class Meta:
        model = ContentVersion
        django_get_or_create = ["id"]

    id = 1
    public = factory.Sequence(lambda n: f"publiek{n}")
    framework = factory.Sequence(lambda n: f"raamwerk{n}")
    changed_at = factory.LazyFunction(timezone.now)


class RateLimitHitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RateLimitHit

    key = "api:192.0.2.1"
    at = factory.LazyFunction(timezone.now)


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory)
    display_name = factory.Sequence(lambda n: f"Analist {n}")


class DeletionRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeletionRequest

    user = factory.SubFactory(UserFactory)
    note = "Ik werk hier niet meer."

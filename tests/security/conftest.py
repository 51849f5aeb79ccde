"""The attack suite: every try of issue 15 replayed, the ones that held and the ones fixed.

Runs on SQLite and, with ``DATABASE_URL=postgres://…``, on PostgreSQL (CI runs both).
"""

import pytest
from django.utils import timezone

from assessments.models import Assessment, AssessmentStatus
from assessments.services import assessment_start
from tests.assessments.builders import platform, small_framework
from tests.users import make_user


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hundreds of login attempts: a fast hasher keeps them quick (the limits are the subject)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def fw(db):
    return small_framework()


@pytest.fixture
def author(db):
    return make_user("auteur@example.org", "analist", first_name="Anna", last_name="de Vries")


def publish(assessment: Assessment) -> Assessment:
    """Published without the review round (the workflow has its own tests)."""
    assessment.status = AssessmentStatus.PUBLISHED
    assessment.published_at = timezone.now()
    assessment.save()
    return assessment


@pytest.fixture
def published(fw, author):
    return publish(assessment_start(platform=platform("Klusplein"), owner=author))

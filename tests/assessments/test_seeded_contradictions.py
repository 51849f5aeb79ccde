"""The seeded assessments (derived with the real rules) never hold a declared contradiction."""

import pytest

from assessments.models import Assessment, Finding
from assessments.seeding import seed_scale
from framework.rules import Rules

pytestmark = pytest.mark.django_db


def test_no_seeded_assessment_derives_two_statements_of_a_contradiction(full_framework):
    seed_scale(platforms=5, assessments=60, seed=13, log=lambda _: None)
    rules = Rules.from_db()
    by_assessment: dict[int, set[str]] = {}
    for assessment_id, code in Finding.objects.filter(statement__isnull=False).values_list(
        "assessment_id", "statement__code"
    ):
        by_assessment.setdefault(assessment_id, set()).add(code)

    assert Assessment.objects.count() == 60
    assert len(rules.contradictions) == 16
    assert {pk: rules.contradictions_in(codes) for pk, codes in by_assessment.items()} == {
        pk: [] for pk in by_assessment
    }

"""Finding 3: the session as free storage for anonymous posts to a questionnaire step."""

import uuid

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from assessments.services import assessment_start
from tests.assessments.builders import platform

pytestmark = pytest.mark.django_db

BIG = "x" * 2_000_000


def step_url(key, code: str = "werk") -> str:
    return f"/beoordelingen/{key}/vragen/{code}/"


def test_posts_to_a_step_of_a_non_existent_assessment_store_nothing(fw):
    browser = Client()
    url = step_url(uuid.uuid4())
    for _ in range(4):
        response = browser.post(url, {"mode-note": BIG, "next": "continue"})
        assert response.status_code == 302
        assert response["Location"].startswith("/account/inloggen/?next=")
    assert Session.objects.count() == 0


def test_a_huge_post_to_a_real_concept_is_not_kept(fw, author):
    concept = assessment_start(platform=platform(), owner=author)
    browser = Client()
    for _ in range(4):
        browser.post(step_url(concept.uuid), {"mode-note": BIG, "next": "continue"})
    assert Session.objects.count() == 0


def test_a_post_to_a_published_assessment_is_not_kept(published):
    browser = Client()
    browser.post(step_url(published.uuid), {"mode-note": "iets", "next": "continue"})
    assert Session.objects.count() == 0


def test_a_normal_form_is_kept_for_after_the_login_and_the_session_stays_small(fw, author):
    concept = assessment_start(platform=platform(), owner=author)
    browser = Client()
    note = "n" * 5000
    for code in ["werk", "beoordeling", "werk", "beoordeling", "werk"]:
        browser.post(step_url(concept.uuid, code), {"mode-note": note, "next": "continue"})
    session = Session.objects.get()
    pending = session.get_decoded()["pending_posts"]
    assert sorted(pending) == [step_url(concept.uuid, "beoordeling"), step_url(concept.uuid)]
    assert len(session.session_data) < 30_000


def test_only_the_newest_three_forms_are_kept(fw, author):
    concepts = [assessment_start(platform=platform(f"P{i}"), owner=author) for i in range(4)]
    browser = Client()
    for concept in concepts:
        browser.post(step_url(concept.uuid), {"mode-note": "kort", "next": "continue"})
    pending = Session.objects.get().get_decoded()["pending_posts"]
    assert list(pending) == [step_url(c.uuid) for c in concepts[1:]]

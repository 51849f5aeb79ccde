"""Attacks a new user might try, and what they get: the right status, and a log line."""

import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.users import PASSWORD

# Each lockout case signs in many times through the real throttling: seconds in all.
pytestmark = pytest.mark.slow

LOGIN = "/account/inloggen/"


def fail_logins(client, username: str, times: int) -> list[int]:
    return [
        client.post(LOGIN, {"username": username, "password": "raden-raden-raden"}).status_code
        for _ in range(times)
    ]


def test_post_without_csrf_token_is_refused_and_logged(analist, caplog):
    client = Client(enforce_csrf_checks=True)
    client.force_login(analist)
    with caplog.at_level(logging.WARNING, logger="django.security.csrf"):
        response = client.post(reverse("password_change"), {"old_password": PASSWORD})
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()
    assert [r.name for r in caplog.records if "CSRF" in r.getMessage()] == ["django.security.csrf"]


def test_login_without_csrf_token_is_refused(analist):
    client = Client(enforce_csrf_checks=True)
    response = client.post(LOGIN, {"username": "anna", "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_brute_force_is_locked_out_with_429_and_logged(client, analist, caplog):
    limit = settings.AXES_FAILURE_LIMIT
    with caplog.at_level(logging.WARNING, logger="axes"):
        statuses = fail_logins(client, "anna", limit + 2)
    assert statuses == [200] * (limit - 1) + [429, 429, 429]
    assert any("Locking out" in r.getMessage() for r in caplog.records)
    assert AccessAttempt.objects.get(username="anna").failures_since_start == limit + 2
    # Even the right password is refused while the lock holds.
    response = client.post(LOGIN, {"username": "anna", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_page_is_friendly_and_names_the_wait(client, analist):
    fail_logins(client, "anna", settings.AXES_FAILURE_LIMIT)
    response = client.post(LOGIN, {"username": "anna", "password": PASSWORD})
    html = response.content.decode()
    assert response.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in response.templates]
    assert "<h1>Te veel pogingen</h1>" in html
    assert "Probeer het over 15 minuten opnieuw." in html


def test_lockout_ends_by_itself_after_the_cool_off_time(client, analist):
    fail_logins(client, "anna", settings.AXES_FAILURE_LIMIT)
    assert client.post(LOGIN, {"username": "anna", "password": PASSWORD}).status_code == 429
    # Let the cool-off time pass: move the recorded attempts back in time.
    past = timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    AccessAttempt.objects.update(attempt_time=past)
    response = client.post(LOGIN, {"username": "anna", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(analist.pk)


def test_lockout_holds_just_before_the_cool_off_time_ends(client, analist):
    fail_logins(client, "anna", settings.AXES_FAILURE_LIMIT)
    almost = timezone.now() - settings.AXES_COOLOFF_TIME + timedelta(seconds=30)
    AccessAttempt.objects.update(attempt_time=almost)
    assert client.post(LOGIN, {"username": "anna", "password": PASSWORD}).status_code == 429


def test_lockout_of_one_user_leaves_another_user_alone(client, analist, onderzoeker):
    fail_logins(client, "anna", settings.AXES_FAILURE_LIMIT)
    response = client.post(LOGIN, {"username": "otto", "password": PASSWORD})
    assert response.status_code == 302


def test_a_successful_login_resets_the_failure_count(client, analist):
    fail_logins(client, "anna", settings.AXES_FAILURE_LIMIT - 1)
    assert client.post(LOGIN, {"username": "anna", "password": PASSWORD}).status_code == 302
    client.post(reverse("logout"))
    assert fail_logins(client, "anna", settings.AXES_FAILURE_LIMIT - 1) == [200] * (
        settings.AXES_FAILURE_LIMIT - 1
    )


def test_admin_is_closed_to_a_logged_in_non_staff_user(client, analist):
    client.force_login(analist)
    response = client.get("/beheer/auth/user/")
    assert response.status_code == 302
    assert response["Location"].startswith("/beheer/login/")


def test_admin_login_is_throttled_too(client, analist):
    statuses = [
        client.post(
            "/beheer/login/", {"username": "anna", "password": "raden-raden-raden"}
        ).status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses[-1] == 429


def test_reading_someone_elses_concept_by_changing_the_address_fails_and_is_logged(
    client, db, caplog
):
    from assessments.services import assessment_start
    from tests.assessments.builders import platform, small_framework, user_with_role

    small_framework()
    concept = assessment_start(platform=platform(), owner=user_with_role("eigenaar"))
    client.force_login(user_with_role("nieuwsgierig"))
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(f"/beoordelingen/{concept.uuid}/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
    assert concept.platform.name not in response.content.decode()
    assert [r.getMessage() for r in caplog.records if r.name == "django.request"] == [
        f"Not Found: /beoordelingen/{concept.uuid}/"
    ]


def test_a_user_without_the_role_gets_the_friendly_403_page(client, onderzoeker):
    client.force_login(onderzoeker)
    response = client.get("/beoordelingen/nieuw/")
    assert response.status_code == 403
    assert "<h1>Geen toegang</h1>" in response.content.decode()

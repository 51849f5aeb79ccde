"""Hostile input to every form of the accounts: never a 500, never a write, always escaped."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from hypothesis import example, given

from inclusief.models import RateLimitHit
from tests.fuzz import FUZZ_SETTINGS, assert_no_injected_markup, hostile_form, hostile_text
from tests.users import PASSWORD

pytestmark = pytest.mark.slow

User = get_user_model()


def password_hash(user) -> str:
    return User.objects.get(pk=user.pk).password


@FUZZ_SETTINGS
@given(data=hostile_form(["username", "password", "next"]))
@example(data={"username": "<script>xss()</script>", "password": "x"})
@example(data={"username": "a" * 100_000, "password": "x" * 100_000})
@example(data={"username": "anna\x00", "password": PASSWORD})
def test_login_form_survives_hostile_input(client, analist, data):
    users_before = User.objects.count()
    response = client.post(reverse("login"), data)
    assert response.status_code in {200, 400, 429}
    assert "_auth_user_id" not in client.session
    assert User.objects.count() == users_before
    assert_no_injected_markup(response.content.decode())


@FUZZ_SETTINGS
@given(data=hostile_form(["username", "password"]))
@example(data={"username": "a" * 100_000, "password": "x"})
def test_admin_login_form_survives_hostile_input(client, analist, data):
    response = client.post("/beheer/login/", data)
    assert response.status_code in {200, 400, 429}
    assert "_auth_user_id" not in client.session
    assert_no_injected_markup(response.content.decode())


@FUZZ_SETTINGS
@given(data=hostile_form(["old_password", "new_password1", "new_password2"]))
@example(
    data={"old_password": PASSWORD, "new_password1": "\x00" * 20, "new_password2": "\x00" * 20}
)
def test_password_change_form_survives_hostile_input(client, analist, data):
    client.force_login(analist)
    before = password_hash(analist)
    response = client.post(reverse("password_change"), data)
    assert response.status_code in {200, 400}
    assert password_hash(analist) == before
    assert_no_injected_markup(response.content.decode())


@FUZZ_SETTINGS
@given(data=hostile_form(["email"]))
@example(data={"email": "anna@example.org\x00"})
@example(data={"email": ["anna@example.org", "<script>xss()</script>@example.org"]})
def test_password_reset_form_survives_hostile_input(client, analist, data):
    # Every example is a fresh visitor: the per-address reset limit must not turn the many
    # examples of one test into a 429 (tests/security covers that limit).
    RateLimitHit.objects.all().delete()
    users_before, mails_before = User.objects.count(), len(mail.outbox)
    response = client.post(reverse("password_reset"), data)
    assert response.status_code in {200, 302, 400}
    assert User.objects.count() == users_before
    assert len(mail.outbox) == mails_before
    assert_no_injected_markup(response.content.decode())


@FUZZ_SETTINGS
@given(data=hostile_form(["new_password1", "new_password2"]))
def test_set_password_form_survives_hostile_input(client, analist, data):
    # A fresh reset for every example: the reset mail limits (per address, per account; tested
    # in tests/security) must not answer the fourth example with a 429 and no mail.
    RateLimitHit.objects.all().delete()
    client.post(reverse("password_reset"), {"email": "anna@example.org"})
    link = re.search(r"http://testserver(/account/\S+)", mail.outbox[-1].body).group(1)
    form_url = client.get(link)["Location"]
    before = password_hash(analist)
    response = client.post(form_url, data)
    if response.status_code == 302:  # hypothesis found a valid new password: fine, and whole
        assert response["Location"] == reverse("password_reset_complete")
        assert password_hash(analist) != before
    else:
        assert response.status_code in {200, 400}
        assert password_hash(analist) == before
    assert_no_injected_markup(response.content.decode())


@FUZZ_SETTINGS
@given(data=hostile_form(["language", "next"]))
@example(data={"language": "en", "next": "https://evil.example/"})
@example(data={"language": "en", "next": "//evil.example/"})
@example(data={"language": "en", "next": "javascript:xss()"})
def test_language_switch_survives_hostile_input_and_stays_on_the_site(client, db, data):
    response = client.post(reverse("set_language"), data, headers={"referer": ""})
    assert response.status_code in {204, 302, 400}
    if response.status_code == 302:
        location = response["Location"]
        parts = urlsplit(location.replace("\\", "/"))
        assert (parts.scheme, parts.netloc) == ("", ""), location[:200]


@FUZZ_SETTINGS
@given(text=hostile_text())
def test_hostile_text_in_the_address_is_escaped_on_the_login_page(client, db, text):
    response = client.get(reverse("login"), {"next": text})
    assert response.status_code == 200
    assert_no_injected_markup(response.content.decode())


def test_a_body_over_the_upload_limit_is_refused_with_400(client, db):
    response = client.post(reverse("password_reset"), {"email": "a" * 3_000_000})
    assert response.status_code == 400

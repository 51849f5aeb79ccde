import re
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.users import PASSWORD

LOGIN = "/account/inloggen/"


def log_in(client, username, password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def test_login_page_has_autocomplete_hints_and_allows_paste(client, db):
    response = client.get(LOGIN)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'autocomplete="username"' in html
    assert 'autocomplete="current-password"' in html
    assert "onpaste" not in html


def test_login_with_the_right_password_redirects_home(client, analist):
    response = log_in(client, "anna")
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.session["_auth_user_id"] == str(analist.pk)


def test_login_with_a_wrong_password_shows_an_error_and_stays_anonymous(client, analist):
    response = log_in(client, "anna", "wrong-password-123")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].errors["__all__"]


def test_login_follows_a_local_next_but_not_another_site(client, analist):
    assert log_in(client, "anna", next="/toegankelijkheid")["Location"] == "/toegankelijkheid"
    client.post(reverse("logout"))
    assert log_in(client, "anna", next="https://evil.example/")["Location"] == reverse("home")


def test_login_gives_a_new_session_key(client, analist):
    client.get(LOGIN)
    session = client.session
    session["visited"] = True
    session.save()
    before = session.session_key
    log_in(client, "anna")
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()


def test_header_shows_the_name_and_a_logout_button_after_login(client, analist):
    client.force_login(analist)
    html = client.get("/").content.decode()
    assert "Anna de Vries" in html
    assert f'action="{reverse("logout")}" method="post"' in html


def test_logout_refuses_get(client, analist):
    client.force_login(analist)
    assert client.get(reverse("logout")).status_code == 405
    assert "_auth_user_id" in client.session


def test_logout_deletes_the_session_on_the_server(client, analist):
    client.force_login(analist)
    key = client.session.session_key
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    # Replaying the old cookie gets an anonymous visitor.
    client.cookies[settings.SESSION_COOKIE_NAME] = key
    assert client.get("/").context["user"].is_authenticated is False


def test_session_survives_activity_and_ends_after_the_idle_time(client, analist):
    client.force_login(analist)
    idle = timedelta(seconds=settings.SESSION_COOKIE_AGE)
    start = timezone.now()
    # Each request renews the expiry (SESSION_SAVE_EVERY_REQUEST), so activity keeps it alive.
    for minutes_later in (idle * 0.9, idle * 1.8):
        with mock.patch("django.utils.timezone.now", return_value=start + minutes_later):
            assert client.get("/").context["user"].is_authenticated is True
    with mock.patch(
        "django.utils.timezone.now", return_value=start + idle * 1.8 + idle + timedelta(seconds=1)
    ):
        assert client.get("/").context["user"].is_authenticated is False


def test_idle_time_is_the_documented_sixty_minutes_by_default():
    assert settings.SESSION_IDLE_MINUTES == 60
    assert settings.SESSION_COOKIE_AGE == 3600
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_password_change_needs_login(client, db):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


@pytest.mark.parametrize(
    ("new_password", "message"),
    [
        ("kort-maar-1", "Gebruik minstens 12 tekens"),
        ("password1234", "te algemeen"),
        ("123456789012345", "volledig uit cijfers"),
    ],
)
def test_password_change_refuses_weak_passwords(client, analist, new_password, message):
    client.force_login(analist)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    analist.refresh_from_db()
    assert analist.check_password(PASSWORD)


def test_password_change_keeps_this_session_and_saves_the_password(client, analist):
    client.force_login(analist)
    new = "een-lange-zin-over-fietsen"
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response["Location"] == reverse("password_change_done")
    analist.refresh_from_db()
    assert analist.check_password(new)
    assert client.get(reverse("password_change_done")).status_code == 200


def test_password_reset_mails_a_working_link(client, analist):
    response = client.post(reverse("password_reset"), {"email": "anna@example.org"})
    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Nieuw wachtwoord voor Inclusief"
    link = re.search(r"http://testserver(/account/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]  # Django hides the token behind a redirect
    new = "een-lange-zin-over-treinen"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response["Location"] == reverse("password_reset_complete")
    analist.refresh_from_db()
    assert analist.check_password(new)
    # The link works once.
    again = client.get(link)
    assert again.status_code == 200
    assert again.context["validlink"] is False
    assert "werkt niet meer" in again.content.decode()


def test_password_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(client, db):
    response = client.post(reverse("password_reset"), {"email": "niemand@example.org"})
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_accessibility_statement_names_the_configured_time_limits(client, db, settings):
    settings.SESSION_IDLE_MINUTES = 45
    html = client.get("/toegankelijkheid").content.decode()
    assert "Na 45 minuten zonder activiteit wordt u uitgelogd." in html
    assert "kunt u 15 minuten niet inloggen." in html

"""Finding 6: login throttling per address and per username, behind trusted proxies."""

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.test import RequestFactory

from inclusief.throttling import client_address
from tests.users import PASSWORD, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/account/inloggen/"
RESET = "/account/wachtwoord-vergeten/"
WRONG = "raden-raden-raden"
ATTACKER, OWNER, OTHER, PROXY = "203.0.113.5", "198.51.100.7", "192.0.2.44", "10.0.0.2"


def login(client, username: str, password: str, address: str = ATTACKER, **extra) -> int:
    data = {"username": username, "password": password}
    return client.post(LOGIN, data, REMOTE_ADDR=address, **extra).status_code


@pytest.fixture
def anna(db):
    return make_user("anna@example.org", "analist", email="anna@example.org")


def test_100_wrong_passwords_over_25_usernames_from_one_address_lock_that_address(client):
    names = [f"naam{i}@example.org" for i in range(25)]
    statuses = [login(client, names[i % 25], WRONG) for i in range(100)]
    assert statuses == [200] * 19 + [429] * 81


def test_a_locked_address_cannot_log_in_even_with_the_right_password(client, anna):
    for i in range(20):
        login(client, f"naam{i}", WRONG)
    assert login(client, "anna@example.org", PASSWORD) == 429
    assert login(client, "anna@example.org", PASSWORD, address=OWNER) == 302


def test_failures_from_many_addresses_lock_the_username_for_those_addresses(client, anna):
    statuses = [
        login(client, "anna@example.org", WRONG, address=f"203.0.113.{i}") for i in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    assert login(client, "anna@example.org", PASSWORD, address="203.0.113.1") == 429


def test_the_owner_still_logs_in_from_an_address_that_has_not_failed(client, anna):
    for _ in range(10):
        login(client, "anna@example.org", WRONG)
    assert login(client, "anna@example.org", PASSWORD, address=ATTACKER) == 429
    assert login(client, "anna@example.org", PASSWORD, address=OWNER) == 302
    assert client.session["_auth_user_id"] == str(anna.pk)


def test_a_fresh_address_gets_one_wrong_try_while_the_username_is_locked(client, anna):
    for _ in range(5):
        login(client, "anna@example.org", WRONG)
    assert login(client, "anna@example.org", WRONG, address=OTHER) == 429
    assert login(client, "anna@example.org", PASSWORD, address=OTHER) == 429


def test_logging_into_ones_own_account_does_not_clear_an_address(client, anna):
    make_user("eve@example.org", "analist")
    for i in range(19):
        login(client, f"naam{i}", WRONG)
    assert login(client, "eve@example.org", PASSWORD) == 302
    client.post("/account/uitloggen/", REMOTE_ADDR=ATTACKER)
    assert login(client, "naam19", WRONG) == 429


def test_behind_a_trusted_proxy_an_attacker_cannot_lock_out_the_owner(client, anna, settings):
    settings.TRUSTED_PROXIES = 1
    for _ in range(6):
        login(client, "anna@example.org", WRONG, address=PROXY, HTTP_X_FORWARDED_FOR=ATTACKER)
    assert (
        login(client, "anna@example.org", PASSWORD, address=PROXY, HTTP_X_FORWARDED_FOR=OWNER)
        == 302
    )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


def test_a_forged_forwarded_for_entry_is_not_believed(settings):
    settings.TRUSTED_PROXIES = 1
    request = RequestFactory().get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"1.2.3.4, {ATTACKER}"
    )
    assert client_address(request) == ATTACKER


def test_two_trusted_proxies_take_the_second_entry_from_the_right(settings):
    settings.TRUSTED_PROXIES = 2
    request = RequestFactory().get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"1.2.3.4, {ATTACKER}, 10.0.0.1"
    )
    assert client_address(request) == ATTACKER


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = 0
    request = RequestFactory().get("/", REMOTE_ADDR=OWNER, HTTP_X_FORWARDED_FOR=ATTACKER)
    assert client_address(request) == OWNER


def test_a_request_that_skipped_the_proxy_counts_under_its_socket_address(settings):
    settings.TRUSTED_PROXIES = 1
    assert client_address(RequestFactory().get("/", REMOTE_ADDR=OWNER)) == OWNER
    garbage = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="<script>")
    assert client_address(garbage) == PROXY


def test_ten_reset_requests_from_one_address_send_three_mails_then_429(client, anna):
    statuses = [
        client.post(RESET, {"email": "anna@example.org"}, REMOTE_ADDR=ATTACKER).status_code
        for _ in range(10)
    ]
    assert statuses == [302] * 5 + [429] * 5
    assert len(mail.outbox) == 3
    page = client.post(RESET, {"email": "anna@example.org"}, REMOTE_ADDR=ATTACKER)
    assert page["Retry-After"].isdigit()
    html = page.content.decode()
    assert "<h1>Even geduld</h1>" in html
    assert "Er zijn vanaf uw adres te veel wachtwoordherstel-aanvragen gedaan." in html


def test_reset_requests_for_one_account_from_many_addresses_send_three_mails(client, anna):
    statuses = [
        client.post(RESET, {"email": "ANNA@example.org"}, REMOTE_ADDR=f"203.0.113.{i}").status_code
        for i in range(10)
    ]
    assert statuses == [302] * 10
    assert len(mail.outbox) == 3
    assert mail.outbox[0].to == ["anna@example.org"]

import json

import pytest
from django.conf import settings
from django.urls import reverse

from tests.inclusief.test_settings import PRODUCTION_ENV, run_manage

PUBLIC_PAGES = ["/", "/toegankelijkheid", "/account/inloggen/", "/account/wachtwoord-vergeten/"]


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("url", [*PUBLIC_PAGES, "/bestaat-niet/", "/health/"])
def test_every_response_carries_the_security_headers(client, db, url):
    response = client.get(url)
    csp = csp_directives(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_error_and_lockout_pages_carry_the_headers_too(client, analist):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            reverse("login"), {"username": "anna", "password": "raden-raden-raden"}
        )
    assert response.status_code == 429
    assert csp_directives(response)["frame-ancestors"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pages_have_no_inline_script_or_style(client, analist):
    client.force_login(analist)
    for url in [*PUBLIC_PAGES[:2], reverse("password_change")]:
        html = client.get(url).content.decode()
        assert "<script>" not in html
        assert " style=" not in html
        assert "<style" not in html


def test_development_has_no_hsts_and_no_secure_cookie_requirement():
    # Over plain http a Strict-Transport-Security header would lock developers out.
    assert settings.HTTPS is False
    assert getattr(settings, "SECURE_HSTS_SECONDS", 0) == 0


PRODUCTION_PROBE = """
import json
from django.conf import settings
from django.test import Client
response = Client().get("/account/inloggen/", secure=True, headers={"host": "inclusief.example.nl"})
session = settings.SESSION_COOKIE_NAME
csrf = settings.CSRF_COOKIE_NAME
cookie = response.cookies[csrf]
print(json.dumps({
    "status": response.status_code,
    "hsts": response.get("Strict-Transport-Security"),
    "redirect": Client().get("/", headers={"host": "inclusief.example.nl"}).status_code,
    "csrf_cookie": {"secure": bool(cookie["secure"]), "httponly": bool(cookie["httponly"]),
                    "name": csrf},
    "session": {"secure": settings.SESSION_COOKIE_SECURE,
                "httponly": settings.SESSION_COOKIE_HTTPONLY, "name": session},
}))
"""


def test_production_sends_hsts_for_a_year_and_secure_httponly_cookies():
    result = run_manage("shell", "-c", PRODUCTION_PROBE, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout.strip().splitlines()[-1])
    assert facts["status"] == 200
    hsts = dict((part.strip().split("=") + [""])[:2] for part in facts["hsts"].split(";"))
    assert int(hsts["max-age"]) >= 31_536_000
    assert "includeSubDomains" in hsts
    assert facts["redirect"] == 301  # plain http is sent to https
    assert facts["csrf_cookie"] == {"secure": True, "httponly": True, "name": "__Host-csrftoken"}
    assert facts["session"] == {"secure": True, "httponly": True, "name": "__Host-sessionid"}

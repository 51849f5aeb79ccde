"""The home page per role, at desktop and phone width, checked with axe.

Screenshots of each role's home page are kept as artefacts in ``var/screenshots/`` (CI keeps
the folder), so a reviewer can see the front door without starting the app.
"""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from assessments.models import Assessment, AssessmentStatus, Finding, Verdict
from framework.models import Criterion
from inclusief.roles import ANALIST, BEHEERDER, ONDERZOEKER
from tests.assessments.factories import PlatformFactory
from tests.users import make_user

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
WIDTHS = (1280, 320)


@pytest.fixture
def content(transactional_db):
    call_command("load_framework", verbosity=0)
    author = make_user("anna@example.org", ANALIST, first_name="Anna", last_name="Analist")
    criterion = Criterion.objects.get(code="passend_werk")
    for i, name in enumerate(("Klusplein", "Buurthulp Oost", "Schoonmaakplatform Noord")):
        assessment = Assessment.objects.create(
            platform=PlatformFactory(name=name),
            owner=author,
            framework_version="1.0",
            status=AssessmentStatus.PUBLISHED,
            published_at=timezone.now() - datetime.timedelta(days=i),
        )
        for j in range(i + 1):
            Finding.objects.create(
                assessment=assessment,
                criterion=criterion,
                kind="kans" if j % 2 == 0 else "uitdaging",
                title_nl=f"Punt {j}",
                verdict=Verdict.CONFIRMED,
            )
    Assessment.objects.create(
        platform=PlatformFactory(name="Concept Platform"), owner=author, framework_version="1.0"
    )
    PlatformFactory(name="Zonder bron Platform")
    return author


def _sign_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def _check_home(page, assert_accessible, role: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(SCREENSHOTS / f"home-{role}-{width}.png"), full_page=True)
        assert_accessible(page)


def test_an_anonymous_visitor_sees_what_inclusief_knows(page, assert_accessible, content):
    _check_home(page, assert_accessible, "anonymous")

    assert page.locator(".key-figures dd").all_inner_texts()[:2] == ["5", "3"]
    assert page.locator(".latest-list > li > a").all_inner_texts() == [
        "Klusplein",
        "Buurthulp Oost",
        "Schoonmaakplatform Noord",
    ]
    page.get_by_role("link", name="Bekijk de catalogus van platforms").click()
    assert page.url.endswith("/platforms/")


def test_an_analist_starts_an_assessment_in_one_click(
    page, assert_accessible, content, live_server
):
    _sign_in(page, live_server, content)
    _check_home(page, assert_accessible, "analist")

    expect(page.get_by_role("link", name="Concept Platform")).to_be_visible()
    page.get_by_role("link", name="Beoordeling starten").click()
    assert page.url.endswith("/beoordelingen/nieuw/")


def test_a_researcher_reaches_the_overview_in_one_click(
    page, assert_accessible, content, live_server
):
    _sign_in(page, live_server, make_user("rosa@example.org", ONDERZOEKER))
    _check_home(page, assert_accessible, "onderzoeker")

    page.locator('[data-role="onderzoeker"]').get_by_role(
        "link", name="Overzicht van alle gepubliceerde beoordelingen"
    ).click()
    assert page.url.endswith("/beoordelingen/overzicht/")


def test_a_beheerder_sees_what_to_fix_in_the_catalogue(
    page, assert_accessible, content, live_server
):
    _sign_in(page, live_server, make_user("bea@example.org", BEHEERDER))
    _check_home(page, assert_accessible, "beheerder")

    panel = page.locator('[data-role="beheerder"]')
    assert "5 platforms zonder bron" in panel.inner_text()
    panel.get_by_role("link", name="Zonder bron Platform bijwerken").click()
    assert "/beheer/assessments/platform/" in page.url


def test_how_it_works_and_the_glossary_are_accessible_in_both_languages(
    page, assert_accessible, content
):
    for path in ("/hoe-werkt-het/", "/raamwerk/begrippen/"):
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(path)
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            assert_accessible(page)
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Glossary"
    assert_accessible(page)

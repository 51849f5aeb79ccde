"""Wat als in Chromium: change an answer, see the difference without a reload, save it."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from assessments.models import Answer, Assessment, AssessmentStatus, Scenario
from tests.assessments.builders import small_framework
from tests.assessments.factories import PlatformFactory
from tests.users import make_user


@pytest.fixture
def published(transactional_db):
    fw = small_framework()
    author = make_user("anna@example.org", "analist", first_name="Anna", last_name="Analist")
    assessment = Assessment.objects.create(
        platform=PlatformFactory(name="Klusplein"),
        owner=author,
        framework_version="test-1",
        status=AssessmentStatus.PUBLISHED,
        published_at=timezone.now(),
    )
    for option in ("online", "no-community", "rated", "stars"):
        answer = Answer.objects.create(
            assessment=assessment, question=fw["options"][option].question
        )
        answer.options.set([fw["options"][option]])
    return assessment


def _sign_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_an_author_tries_and_saves_a_scenario(page, assert_accessible, published, live_server):
    _sign_in(page, live_server, published.owner)
    page.goto(f"/beoordelingen/{published.uuid}/wat-als/")
    assert_accessible(page)

    # The script shows the difference as soon as the answer changes.
    page.get_by_role("group", name="Is er een community?").get_by_label("Ja").check()
    result = page.locator("#whatif-result")
    result.get_by_text("Risico op isolement").wait_for()
    assert "Uitdaging opgelost" in result.inner_text()
    assert_accessible(page)

    page.get_by_label("Titel van het scenario").fill("Als er een forum komt")
    page.get_by_label("Motivering").fill("Contact met andere werkers helpt tegen isolement.")
    with page.expect_navigation():
        page.get_by_role("button", name="Scenario bewaren").click()
    assert page.locator("h1").inner_text() == "Scenario: Als er een forum komt"
    assert_accessible(page)
    assert Scenario.objects.get().changes == {
        "community": {"options": ["community-yes"], "unknown": False}
    }


def test_without_javascript_the_button_shows_the_difference(browser, live_server, published):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"/beoordelingen/{published.uuid}/wat-als/")
    page.get_by_role("group", name="Is er een community?").get_by_label("Ja").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Verschil bekijken").first.click()

    assert "Uitdaging opgelost" in page.locator("#whatif-result").inner_text()
    context.close()


def test_the_page_reflows_at_320_pixels(page, assert_accessible, published):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"/beoordelingen/{published.uuid}/wat-als/")

    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)

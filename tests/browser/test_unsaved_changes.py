"""A questionnaire step warns before leaving with typed, unsaved answers (JavaScript only)."""

import pytest
from django.conf import settings
from django.test import Client

from assessments import services
from tests.assessments.builders import platform, small_framework, user_with_role


@pytest.fixture
def step_page(page, live_server, transactional_db):
    small_framework()
    analist = user_with_role("ana")
    assessment = services.assessment_start(platform=platform(), owner=analist)
    client = Client()
    client.force_login(analist)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page.goto(f"/beoordelingen/{assessment.uuid}/vragen/werk/")
    return page, assessment


def test_leaving_a_step_with_typed_answers_asks_first(step_page):
    page, assessment = step_page
    dialogs = []

    def dismiss(dialog) -> None:
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.get_by_role("group", name="Is het werk fysiek of online?").get_by_label("Online").check()
    page.get_by_role("link", name="Terug naar het overzicht").click()
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    # Staying keeps what was typed.
    assert page.url.endswith("/vragen/werk/")
    assert page.get_by_label("Online").is_checked()


def test_saving_never_asks(step_page):
    page, assessment = step_page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    page.get_by_label("Online").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan en later verder").click()
    assert page.url.endswith(f"/beoordelingen/{assessment.uuid}/")
    assert dialogs == []


def test_an_untouched_step_leaves_without_asking(step_page):
    page, assessment = step_page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    with page.expect_navigation():
        page.get_by_role("link", name="Terug naar het overzicht").click()
    assert dialogs == []

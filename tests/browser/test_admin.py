"""The catalogue admin in a real browser: every page axe-clean, Dutch, and working under the CSP."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.assessments.factories import (
    OptionFactory,
    PlatformFactory,
    PlatformSourceFactory,
    ProfileAnswerFactory,
    QuestionFactory,
    SegmentFactory,
    profile_questions,
)
from tests.users import make_user


@pytest.fixture
def curator(page, live_server, transactional_db):
    user = make_user("beheer", "beheerder", password=None, is_superuser=True)
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    org, rel = profile_questions()
    werkvorm = QuestionFactory(code="werkvorm", kind="multiple")
    OptionFactory(code="werkvorm-fysiek", question=werkvorm, label_nl="Op een fysieke plek")
    horeca = SegmentFactory(code="horeca", name_nl="Horeca")
    temper = PlatformFactory(
        name="Temper", slug="temper", description="Diensten in de horeca.", segments=[horeca]
    )
    ProfileAnswerFactory(
        platform=temper, question=org, options=[org.options.get(code="orgmodel-marketplace")]
    )
    ProfileAnswerFactory(platform=temper, question=werkvorm, options=[werkvorm.options.get()])
    PlatformSourceFactory(platform=temper, url="https://help.temper.works/", title="Help")
    PlatformFactory(name="Helpling", slug="helpling", status="bankrupt")
    return temper


ADMIN_PAGES = [
    "/beheer/",
    "/beheer/assessments/platform/",
    "/beheer/assessments/platform/?status__exact=bankrupt",
    "/beheer/assessments/platform/add/",
    "/beheer/assessments/platform/import/",
    "/beheer/assessments/platform/export/",
    "/beheer/assessments/profileanswer/",
]


def test_every_catalogue_admin_page_is_accessible(page, assert_accessible, curator):
    for path in ADMIN_PAGES:
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == "nl", path
        assert_accessible(page)
    version = curator.history.latest().history_id
    answer = curator.profile_answers.first()
    for path in (
        f"/beheer/assessments/platform/{curator.pk}/change/",
        f"/beheer/assessments/platform/{curator.pk}/history/",
        f"/beheer/assessments/platform/{curator.pk}/history/{version}/",
        f"/beheer/assessments/platform/{curator.pk}/delete/",
        f"/beheer/assessments/profileanswer/{answer.pk}/change/",
    ):
        page.goto(path)
        assert_accessible(page)


def test_select_all_on_the_export_page_works_under_the_csp(page, curator):
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.goto("/beheer/assessments/platform/export/")
    toggle = page.get_by_label("Alles selecteren")
    fields = page.locator(
        '.selectable-field-export-row input[type="checkbox"]:not(#select-all-toggle)'
    )
    expect(fields).to_have_count(53)
    toggle.uncheck()
    assert [fields.nth(i).is_checked() for i in range(3)] == [False, False, False]
    toggle.check()
    assert all(fields.nth(i).is_checked() for i in range(fields.count()))
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_the_admin_has_a_favicon_and_speaks_english_when_chosen(page, live_server, curator):
    page.goto("/beheer/")
    assert page.locator('link[rel="icon"]').get_attribute("href").endswith("favicon.svg")
    assert page.locator("h1").inner_text() == "Websitebeheer"
    page.goto(f"/beheer/assessments/platform/{curator.pk}/change/")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    assert page.locator(".messagelist").inner_text() == "Gewijzigd: platform ‘Temper’."
    page.goto("/beheer/assessments/platform/import/")
    expect(page.get_by_label("Bestand om te importeren")).to_be_visible()
    assert_english = {"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}
    page.context.add_cookies([assert_english])
    page.goto("/beheer/")
    assert page.locator("h1").inner_text() == "Site administration"
    page.goto("/beheer/assessments/platform/import/")
    expect(page.get_by_label("File to import")).to_be_visible()

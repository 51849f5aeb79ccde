"""A double assessment in Chromium: start, hand in twice, read the agreement, settle."""

from django.conf import settings
from django.test import Client

from assessments.models import Answer, DoubleAssessment
from tests.assessments.builders import small_framework
from tests.assessments.factories import PlatformFactory
from tests.users import make_user


def _as(browser, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def _answer(assessment, fw, *names):
    for name in names:
        option = fw["options"][name]
        answer, _ = Answer.objects.get_or_create(assessment=assessment, question=option.question)
        answer.options.add(option)


def test_two_analysts_complete_a_double_assessment(
    browser, live_server, assert_accessible, transactional_db
):
    fw = small_framework()
    PlatformFactory(name="Klusplein")
    rosa = make_user("rosa@example.org", "onderzoeker", first_name="Rosa", last_name="Onderzoek")
    anna = make_user("anna@example.org", "analist", first_name="Anna", last_name="Analist")
    bert = make_user("bert@example.org", "analist", first_name="Bert", last_name="Analist")

    researcher = _as(browser, live_server, rosa)
    researcher.goto("/beoordelingen/dubbel/")
    assert_accessible(researcher)
    researcher.get_by_label("Platform").select_option(label="Klusplein")
    researcher.get_by_label("Eerste analist").select_option(label="Anna Analist")
    researcher.get_by_label("Tweede analist").select_option(label="Bert Analist")
    with researcher.expect_navigation():
        researcher.get_by_role("button", name="Starten").click()
    double = DoubleAssessment.objects.get()
    assert_accessible(researcher)

    _answer(double.first, fw, "online", "community")
    _answer(double.second, fw, "online", "no-community")
    for user in (anna, bert):
        page = _as(browser, live_server, user)
        page.goto(double.get_absolute_url())
        with page.expect_navigation():
            page.get_by_role("button", name="Mijn antwoorden inleveren").click()
        assert "Uw antwoorden zijn ingeleverd" in page.content()
        page.context.close()

    researcher.reload()
    assert "Is er een community?" in researcher.locator(".difference").inner_text()
    assert_accessible(researcher)
    researcher.set_viewport_size({"width": 320, "height": 800})
    assert researcher.evaluate("document.documentElement.scrollWidth") <= 320

    analyst = _as(browser, live_server, anna)
    analyst.goto(double.get_absolute_url())
    with analyst.expect_navigation():
        analyst.get_by_role("button", name="Consensus vastleggen").click()
    assert "Geef bij ‘Is er een community?’ een motivering." in analyst.content()
    assert_accessible(analyst)
    analyst.get_by_role("group", name="Is er een community?").get_by_label(
        "Antwoord van de eerste analist"
    ).check()
    analyst.get_by_label("Motivering bij ‘Is er een community?’").fill("Het forum staat online.")
    with analyst.expect_navigation():
        analyst.get_by_role("button", name="Consensus vastleggen").click()
    double.refresh_from_db()
    assert double.consensus is not None
    assert analyst.url.endswith(double.consensus.get_absolute_url())

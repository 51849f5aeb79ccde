import pytest
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


@pytest.fixture
def catalogue(transactional_db):
    org, rel = profile_questions()
    horeca = SegmentFactory(code="horeca", name_nl="Horeca")
    temper = PlatformFactory(
        name="Temper", slug="temper", description="Diensten in de horeca.",
        segments=[horeca], skill_lower=True,
    )  # fmt: skip
    ProfileAnswerFactory(
        platform=temper, question=org, options=[org.options.get(code="orgmodel-marketplace")]
    )
    ProfileAnswerFactory(platform=temper, question=rel, unknown=True, source_url="")
    PlatformSourceFactory(platform=temper, url="https://help.temper.works/", title="Help")
    PlatformFactory(name="Helpling", status="bankrupt", status_note="Failliet sinds 2023.")
    question = QuestionFactory(code="extra")
    OptionFactory(code="extra-a", question=question)
    return temper


def test_catalogue_pages_are_accessible(page, assert_accessible, catalogue):
    page.goto("/platforms/")
    assert page.locator("h1").inner_text() == "Platforms in Nederland"
    assert_accessible(page)

    page.get_by_role("searchbox", name="Zoeken").fill("horeca")
    page.get_by_label("Organisatiemodel").select_option("orgmodel-marketplace")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("heading", name="Gevonden platforms: 1")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Temper").click()
    assert page.locator("h1").inner_text().startswith("Temper")
    expect(page.get_by_text("Nog geen gepubliceerde beoordelingen")).to_be_visible()
    assert_accessible(page)

    page.goto("/platforms/werksoorten/")
    expect(page.locator("caption")).to_be_visible()
    assert_accessible(page)


def test_empty_search_is_accessible(page, assert_accessible, catalogue):
    page.goto("/platforms/?q=bestaatniet")
    empty_state = page.get_by_text("Geen platforms gevonden met deze zoekterm of filters.")
    expect(empty_state).to_be_visible()
    assert_accessible(page)

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from assessments.models import Assessment, AssessmentStatus, Finding, Verdict
from framework.models import Segment
from tests.assessments.builders import platform, small_framework, user_with_role


@pytest.fixture
def results(transactional_db) -> list[Assessment]:
    fw = small_framework()
    s = fw["statements"]
    owner = user_with_role("ana")
    horeca = Segment.objects.create(code="horeca", name_nl="Horeca")
    assessments = []
    for name, chosen in (("Temper", ["online", "stars"]), ("Helpers", ["online", "monitoring"])):
        p = platform(name)
        p.segments.set([horeca])
        a = Assessment.objects.create(
            platform=p,
            owner=owner,
            framework_version="test-1",
            status=AssessmentStatus.PUBLISHED,
            published_at=timezone.now(),
        )
        for key in chosen:
            st = s[key]
            Finding.objects.create(
                assessment=a,
                statement=st,
                criterion=st.criterion,
                kind=st.kind,
                title_nl=st.title_nl,
                verdict=Verdict.CONFIRMED,
                priority="high",
                action_owner="Gemeente",
            )
        assessments.append(a)
    return assessments


def test_results_pages_are_accessible(page, assert_accessible, results):
    page.goto("/beoordelingen/overzicht/")
    assert page.locator("h1").inner_text() == "Overzicht van gepubliceerde beoordelingen"
    assert_accessible(page)

    page.get_by_label("Sector").select_option("horeca")
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_role("heading", name="Gevonden beoordelingen: 2")).to_be_visible()
    page.get_by_role("link", name="Uitdagingen (Passend werk)").click()
    expect(page.locator('th[aria-sort="descending"]')).to_have_count(1)
    assert_accessible(page)

    page.get_by_role("link", name="Temper").click()
    assert page.locator("h1").inner_text() == "Resultaat: Temper"
    expect(page.get_by_role("img", name="Passend werk: 1 kansen en 1 uitdagingen")).to_be_visible()
    assert_accessible(page)

    page.goto("/beoordelingen/vergelijken/")
    assert_accessible(page)
    page.get_by_label("Temper (versie 1)").check()
    page.get_by_role("button", name="Vergelijken").click()
    expect(page.get_by_role("heading", name="Er is een probleem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Helpers (versie 1)").check()
    page.get_by_role("button", name="Vergelijken").click()
    expect(page.get_by_role("table").get_by_text("(verschil)")).to_have_count(2)
    assert_accessible(page)

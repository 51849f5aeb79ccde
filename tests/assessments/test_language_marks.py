"""Language of parts: Dutch content on English pages is marked lang="nl" (WCAG 3.1.2)."""

import pytest

from assessments.models import Finding, Verdict
from tests.assessments.builders import user_with_role
from tests.assessments.factories import PublishedAssessmentFactory


@pytest.fixture
def english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return client


@pytest.fixture
def published(fw):
    a = PublishedAssessmentFactory(
        platform__name="Klusplein",
        platform__slug="klusplein",
        platform__description="Klussen in de buurt, van tuinieren tot verhuizen.",
        owner=user_with_role("ana"),
    )
    s = fw["statements"]["online"]
    s.title_en = "Online work can be done from home"
    s.save()
    Finding.objects.create(
        assessment=a,
        statement=s,
        criterion=s.criterion,
        kind=s.kind,
        title_nl=s.title_nl,
        title_en=s.title_en,
        verdict=Verdict.CONFIRMED,
        motivation="Gezien op de site",
    )
    stars = fw["statements"]["stars"]
    Finding.objects.create(
        assessment=a,
        statement=stars,
        criterion=stars.criterion,
        kind=stars.kind,
        title_nl=stars.title_nl,
        verdict=Verdict.CONFIRMED,
        motivation="Klopt",
        action="Uitleg bij de sterren",
        priority="high",
    )
    return a


def test_dutch_texts_on_an_english_results_page_say_they_are_dutch(english, published):
    client = english
    html = client.get(f"/beoordelingen/{published.uuid}/resultaat/").content.decode()
    assert '<html lang="en">' in html
    # English framework text: no mark; a title without English falls back to Dutch: marked.
    assert "<li>Online work can be done from home" in html
    assert '<li><span lang="nl">Alleen sterren</span>' in html
    # The analyst's action is Dutch.
    assert '<span lang="nl">Uitleg bij de sterren</span>' in html


def test_the_analysts_motivation_is_marked_on_the_findings_page(english, published):
    client = english
    html = client.get(f"/beoordelingen/{published.uuid}/bevindingen/passend_werk/").content.decode()
    assert 'Motivation: <span lang="nl">Klopt</span>' in html


def test_a_catalogue_description_is_marked_in_english(english, published):
    client = english
    html = client.get("/platforms/klusplein/").content.decode()
    assert '<p class="lead" lang="nl">Klussen in de buurt, van tuinieren tot verhuizen.</p>' in html


def test_nothing_is_marked_on_dutch_pages(client, published):
    html = client.get(f"/beoordelingen/{published.uuid}/resultaat/").content.decode()
    assert 'lang="nl"' not in html.replace('<html lang="nl">', "")

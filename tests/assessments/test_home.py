"""The home page leads each visitor: what Inclusief knows, and each role's first task."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments.home import catalogue_health
from assessments.models import AssessmentStatus, Finding, PlatformStatus, Verdict
from tests.assessments.factories import (
    AssessmentFactory,
    PlatformFactory,
    PlatformSourceFactory,
    PublishedAssessmentFactory,
)
from tests.users import make_user


def _publish(platform, owner, *, days_ago: int = 0, kansen: int = 0, uitdagingen: int = 0):
    assessment = PublishedAssessmentFactory(
        platform=platform,
        owner=owner,
        published_at=timezone.now() - datetime.timedelta(days=days_ago),
    )
    criterion = _criterion()
    for i in range(kansen):
        _finding(assessment, criterion, "kans", f"Kans {i}")
    for i in range(uitdagingen):
        _finding(assessment, criterion, "uitdaging", f"Uitdaging {i}")
    return assessment


def _criterion():
    from framework.models import Criterion

    return Criterion.objects.get_or_create(
        code="passend_werk",
        defaults={
            "name_nl": "Passend werk",
            "question_nl": "?",
            "definition_nl": "D",
            "source": "T",
        },
    )[0]


def _finding(assessment, criterion, kind, title):
    Finding.objects.create(
        assessment=assessment,
        criterion=criterion,
        kind=kind,
        title_nl=title,
        verdict=Verdict.CONFIRMED,
    )


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def analist(db):
    return make_user(
        "ana@example.org", "analist", password=None, first_name="Ana", last_name="Lyst"
    )


def test_it_shows_key_figures_and_the_latest_publications_to_anyone(client, analist):
    older = _publish(PlatformFactory(name="Klusplein"), analist, days_ago=3, kansen=2)
    _publish(PlatformFactory(name="Helpers"), analist, days_ago=1, kansen=1, uitdagingen=4)
    PlatformFactory(name="Nog niet beoordeeld")

    text = _text(client.get("/"))

    assert re.search(r"Platforms in de catalogus</dt><dd>3</dd>", text)
    assert re.search(r"Gepubliceerde beoordelingen</dt><dd>2</dd>", text)
    last = timezone.localtime(timezone.now() - datetime.timedelta(days=1)).date()
    assert f"Laatst gepubliceerd</dt><dd>{last.day} " in text
    # Newest first, each with its balance in words and as a chart with a text alternative.
    assert text.index(">Helpers</a>") < text.index(">Klusplein</a>")
    assert "kansen 1, uitdagingen 4" in text
    assert '<title id="balance-1">1 kansen en 4 uitdagingen</title>' in text
    assert "kansen 2, uitdagingen 0" in text
    assert f'href="/beoordelingen/{older.uuid}/resultaat/"' in text


def test_it_offers_three_starting_points_and_cites_the_paper(client, db):
    text = _text(client.get("/"))

    for href in ('href="/raamwerk/"', 'href="/platforms/"', 'href="/beoordelingen/overzicht/"'):
        assert href in text
    assert '<cite lang="nl">Raamwerk inclusief platformwerk</cite>' in text
    assert "Er is nog geen beoordeling gepubliceerd" in text
    assert "Beoordeling starten" not in text


def test_it_puts_starting_an_assessment_first_for_an_analist(client, analist):
    concept = AssessmentFactory(platform__name="Klusplein", owner=analist)
    client.force_login(analist)

    main = _text(client.get("/")).split('<main id="main"')[1]

    assert main.index('href="/beoordelingen/nieuw/"') < main.index('href="/raamwerk/"')
    text = main
    assert f'href="{concept.get_absolute_url()}">Klusplein</a>' in text
    assert "Mijn concepten" in text


def test_it_lists_what_waits_for_review(client, analist):
    author = make_user("auteur@example.org", "analist", password=None)
    waiting = AssessmentFactory(
        platform__name="Temper", owner=author, reviewer=analist, status=AssessmentStatus.REVIEW
    )
    client.force_login(analist)

    text = _text(client.get("/"))

    assert "Er wacht 1 beoordeling op uw review." in text
    assert f'href="{waiting.get_absolute_url()}">Temper</a>' in text


def test_it_leads_a_researcher_to_overview_comparison_and_reports(client, db):
    client.force_login(make_user("onderzoeker@example.org", "onderzoeker", password=None))

    text = _text(client.get("/"))

    panel = text[text.index('data-role="onderzoeker"') :]
    for href in ("/beoordelingen/overzicht/", "/beoordelingen/vergelijken/", "/rapporten/"):
        assert f'href="{href}"' in panel
    assert 'data-role="analist"' not in text


def test_it_shows_catalogue_health_to_a_beheerder(client, db):
    today = timezone.localdate()
    unsourced = PlatformFactory(name="Zonder bron")
    stale = PlatformFactory(name="Oude bron")
    PlatformSourceFactory(platform=stale, consulted_on=today - datetime.timedelta(days=400))
    fresh = PlatformFactory(name="Verse bron")
    PlatformSourceFactory(platform=fresh, consulted_on=today - datetime.timedelta(days=10))
    stopped = PlatformFactory(name="Foodzo", description="Het platform is in 2018 gestopt.")
    PlatformSourceFactory(platform=stopped, consulted_on=today)
    PlatformFactory(
        name="Al gestopt",
        description="Gestopt in 2018.",
        status=PlatformStatus.STOPPED,
        status_date=datetime.date(2018, 8, 1),
    )
    client.force_login(make_user("beheer@example.org", "beheerder", password=None))

    text = _text(client.get("/"))

    panel = text[text.index('data-role="beheerder"') :]
    # "Al gestopt" has no source either, so two platforms lack one.
    assert "2 platforms zonder bron" in panel
    assert "1 platform met bronnen ouder dan een jaar" in panel
    assert "1 actief platform dat mogelijk gestopt is" in panel
    assert (
        f'href="/beheer/assessments/platform/{unsourced.pk}/change/">Zonder bron bijwerken' in panel
    )
    assert f'href="/beheer/assessments/platform/{stale.pk}/change/">Oude bron bijwerken' in panel
    assert f'href="/beheer/assessments/platform/{stopped.pk}/change/">Foodzo bijwerken' in panel
    assert "Verse bron bijwerken" not in panel


def test_catalogue_health_counts_past_the_listed_platforms(db):
    for i in range(12):
        PlatformFactory(name=f"Kaal {i:02}")

    unsourced = {check.code: check for check in catalogue_health()}["unsourced"]

    assert unsourced.count == 12
    assert [p.name for p in unsourced.platforms] == [f"Kaal {i:02}" for i in range(10)]


@pytest.mark.parametrize("published_count", [1, 3])
def test_the_anonymous_home_page_runs_a_fixed_number_of_queries(client, analist, published_count):
    for i in range(published_count):
        _publish(PlatformFactory(name=f"Platform {i}"), analist, kansen=1, uitdagingen=1)

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")

    assert response.status_code == 200
    assert len(queries) == 3


def test_the_english_home_page_is_translated(client, db):
    client.cookies["django_language"] = "en"

    text = _text(client.get("/"))

    assert "Where would you like to start?" in text
    assert "Platforms in the catalogue" in text


def test_catalogue_health_reads_source_notes_and_counts_undated_sources_as_old(db):
    today = timezone.localdate()
    bankrupt = PlatformFactory(name="Klusbaas", description="Klussen in de buurt.")
    PlatformSourceFactory(platform=bankrupt, consulted_on=today, note="Het bedrijf is FAILLIET.")
    undated = PlatformFactory(name="Zonder datum")
    PlatformSourceFactory(platform=undated, consulted_on=None)
    both = PlatformFactory(name="Oud en nieuw")
    PlatformSourceFactory(platform=both, consulted_on=today - datetime.timedelta(days=800))
    PlatformSourceFactory(platform=both, consulted_on=today - datetime.timedelta(days=3))

    checks = {check.code: check for check in catalogue_health()}

    assert [p.name for p in checks["maybe_stopped"].platforms] == ["Klusbaas"]
    assert [p.name for p in checks["stale"].platforms] == ["Zonder datum"]

"""Choosing the assessments of a report: a search with pages, not every assessment as a
checkbox; the choice travels in the query string; one report holds a limited number."""

import re

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments.models import Assessment, AssessmentStatus, ReportJob
from framework.models import Segment
from tests.assessments.builders import platform, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def researcher(client):
    user = user_with_role("rosa", "onderzoeker")
    client.force_login(user)
    return user


def assessments(count: int, prefix: str = "Platform", **fields) -> list[Assessment]:
    owner = user_with_role(f"ana-{prefix.lower()}", "analist")
    made = []
    for i in range(count):
        status = fields.get("status", AssessmentStatus.PUBLISHED)
        made.append(
            Assessment.objects.create(
                platform=platform(f"{prefix} {i:02d}"),
                owner=owner,
                framework_version="test-1",
                status=status,
                published_at=timezone.now() if status == AssessmentStatus.PUBLISHED else None,
            )
        )
    return made


def offered(html: str) -> list[str]:
    """The uuids offered as checkboxes to choose (not yet chosen)."""
    return re.findall(r'type="checkbox" name="kies" value="([0-9a-f-]+)" id="kies-[^"]+">', html)


def checked(html: str) -> list[str]:
    return re.findall(r'type="checkbox" name="kies" value="([0-9a-f-]+)" [^>]*checked>', html)


def hidden_chosen(html: str) -> list[str]:
    return re.findall(r'<input type="hidden" name="assessments" value="([0-9a-f-]+)">', html)


def page_queries(client, url: str = "/rapporten/") -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_page_offers_one_page_of_assessments_not_all(client, researcher):
    made = assessments(30)
    html = client.get("/rapporten/").content.decode()
    assert offered(html) == [str(a.uuid) for a in made[:25]]
    assert "Gevonden: 30 beoordelingen" in html
    assert "Pagina 1 van 2" in html
    second = client.get("/rapporten/?pagina=2").content.decode()
    assert offered(second) == [str(a.uuid) for a in made[25:]]


def test_the_page_runs_as_many_queries_for_one_assessment_as_for_sixty(client, researcher):
    assessments(1, "Een")
    chosen = assessments(1, "Gekozen")[0]
    url = f"/rapporten/?q=e&kies={chosen.uuid}"
    one = page_queries(client, url)
    assessments(60, "Meer")
    assert page_queries(client, url) == one


def test_the_search_filters_on_name_sector_and_status(client, researcher):
    horeca = Segment.objects.create(code="horeca", name_nl="Horeca")
    klus = assessments(2, "Klus")
    assessments(2, "Bezorg")
    concept = assessments(1, "Klusconcept", status=AssessmentStatus.CONCEPT)[0]
    klus[1].platform.segments.set([horeca])
    by_name = client.get("/rapporten/?q=klus").content.decode()
    # A researcher sees published assessments only: the concept is not offered.
    assert offered(by_name) == [str(a.uuid) for a in klus]
    assert str(concept.uuid) not in by_name
    assert offered(client.get("/rapporten/?sector=horeca").content.decode()) == [str(klus[1].uuid)]
    assert offered(client.get("/rapporten/?status=concept").content.decode()) == []


def test_the_choice_is_carried_in_the_query_string_and_makes_the_report(client, researcher):
    made = assessments(30)
    chosen = [made[3], made[28]]
    url = f"/rapporten/?pagina=2&kies={chosen[0].uuid}&kies={chosen[1].uuid}"
    html = client.get(url).content.decode()
    assert checked(html) == [str(a.uuid) for a in chosen]
    assert hidden_chosen(html) == [str(a.uuid) for a in chosen]
    assert "Uw keuze: 2 beoordelingen." in html
    # Chosen ones are not offered twice; the rest of page 2 is.
    assert offered(html) == [str(a.uuid) for a in made[26:28] + made[29:]]
    response = client.post(
        url,
        {"scope": "selection", "assessments": hidden_chosen(html), "language": "nl"},
    )
    assert response.status_code == 302
    assert sorted(ReportJob.objects.get().assessment_uuids) == sorted(str(a.uuid) for a in chosen)


@override_settings(REPORT_MAX_ASSESSMENTS=2)
def test_a_selection_over_the_limit_is_refused_with_a_message(client, researcher):
    made = assessments(3)
    response = client.post(
        "/rapporten/",
        {"scope": "selection", "assessments": [str(a.uuid) for a in made], "language": "nl"},
    )
    assert response.status_code == 200
    assert (
        "Een rapport kan ten hoogste 2 beoordelingen bevatten; dit zijn er 3."
        in response.content.decode()
    )
    assert not ReportJob.objects.exists()


@override_settings(REPORT_MAX_ASSESSMENTS=2)
def test_all_published_over_the_limit_is_refused_with_a_message(client, researcher):
    assessments(3)
    response = client.post("/rapporten/", {"scope": "all", "language": "nl"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Een rapport kan ten hoogste 2 beoordelingen bevatten; dit zijn er 3." in html
    assert "Kies minder beoordelingen, bijvoorbeeld met de filters op sector of status." in html
    assert not ReportJob.objects.exists()

"""The public platform page as a journalist cites it: newest edition, history with what
changed, a stable citation with public names only."""

import re

import pytest

pytestmark = pytest.mark.django_db


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_the_page_summarises_the_newest_edition_and_lists_every_edition(client, world):
    second = world.assessments["klusplein-2"]
    first = world.assessments["klusplein-1"]
    html = client.get("/platforms/klusplein/").content.decode()
    record = html.split('id="record-title"')[1].split('id="benchmark-title"')[0]
    plain = text(record)
    assert "Nieuwste versie: versie 2" in plain
    assert "Deze beoordeling stelt 1 kans en 1 uitdagingen vast." in plain
    assert "Nieuwer." in plain
    rows = re.findall(r"<tr>(.*?)</tr>", record.split("<tbody>")[1].split("</tbody>")[0], re.S)
    assert [text(r) for r in rows] == [
        f"Versie 2 {_date(second)} 1 1 kansen +1, uitdagingen +0 ten opzichte van de vorige "
        "versie Wat is er veranderd sinds versie 1",
        f"Versie 1 {_date(first)} 0 1 eerste versie",
    ]
    assert f'href="/beoordelingen/{second.uuid}/resultaat/"' in record
    assert f'href="/open-data/rapporten/{second.uuid}/en.pdf"' in record
    assert f'href="/beoordelingen/{second.uuid}/veranderd/?sinds=1"' in record


def _date(assessment) -> str:
    from django.utils import timezone
    from django.utils.dateformat import format as date_format

    return date_format(timezone.localtime(assessment.published_at), "j F Y")


def test_the_citation_is_stable_and_uses_public_names_only(client, world):
    second = world.assessments["klusplein-2"]
    html = client.get("/platforms/klusplein/").content.decode()
    citation = text(html.split('<p class="citation">')[1].split("</p>")[0])
    assert citation == (
        f"Inclusief ({second.published_at.year}). Beoordeling van Klusplein, versie 2. "
        f"Auteurs: J.D.V., P.B. · Gepubliceerd op {_date(second)}; raamwerkversie test-1. "
        f"http://testserver/beoordelingen/{second.uuid}/resultaat/"
    )
    assert "example.org" not in html.split('id="record-title"')[1]


def test_a_platform_without_publications_says_so(client, world):
    from assessments.models import Platform

    Platform.objects.create(name="Leeg", slug="leeg")
    html = client.get("/platforms/leeg/").content.decode()
    assert "Van dit platform is nog geen beoordeling gepubliceerd." in html

"""Sector benchmarks: medians per criterion in the sector and the whole catalogue, shown on
the public platform page and in the PDF summary; fewer than three says so instead."""

import re

import pytest

from assessments.reports import render_assessment_html
from opendata.benchmarks import assessment_benchmark, benchmarks_compute
from opendata.models import SectorBenchmark
from tests.opendata.conftest import _finding, publish_assessment

pytestmark = pytest.mark.django_db


def medians(benchmark) -> list[tuple[str, str, int, list]]:
    return [(r.criterion.code, r.kind, r.value, r.medians) for r in benchmark.rows]


def test_medians_use_each_platforms_latest_edition(world):
    assert benchmarks_compute() == 3 * 2 * 2  # (2 sectors + catalogue) x 2 criteria x 2 kinds
    catalogue = SectorBenchmark.objects.filter(segment__isnull=True)
    # Klusplein 2 (not 1), Horecahulp and Poetsnet: three platforms.
    assert {b.assessments for b in catalogue} == {3}
    horeca = SectorBenchmark.objects.filter(segment=world.horeca)
    assert {b.assessments for b in horeca} == {2}
    benchmark = assessment_benchmark(world.assessments["klusplein-2"])
    assert [g.name for g in benchmark.groups] == ["Horeca", "alle platforms"]
    assert medians(benchmark) == [
        # passend werk kans: Klusplein 1, Horecahulp 0, Poetsnet 0 -> median 0
        ("passend_werk", "kans", 1, [None, 0]),
        # passend werk uitdaging: 0 (stars not applicable), 1, 0 -> 0
        ("passend_werk", "uitdaging", 0, [None, 0]),
        ("integratie", "kans", 0, [None, 0]),
        # integratie uitdaging: 1, 1, 0 -> 1
        ("integratie", "uitdaging", 1, [None, 1]),
    ]


def test_a_sector_with_three_gets_its_median(world):
    extra = type(world.platforms["Klusplein"]).objects.create(name="Tapper", slug="tapper")
    extra.segments.add(world.horeca)
    a = publish_assessment(extra, world.owner)
    _finding(a, world.fw["statements"]["online"])
    _finding(a, world.fw["statements"]["isolation"])
    benchmarks_compute()
    benchmark = assessment_benchmark(world.assessments["klusplein-2"])
    assert medians(benchmark) == [
        ("passend_werk", "kans", 1, [1, 0.5]),
        ("passend_werk", "uitdaging", 0, [0, 0.0]),
        ("integratie", "kans", 0, [0, 0.0]),
        ("integratie", "uitdaging", 1, [1, 1.0]),
    ]


def test_the_platform_page_shows_chart_table_and_the_fewer_than_three_message(client, world):
    benchmarks_compute()
    html = client.get("/platforms/klusplein/").content.decode()
    assert "Vergelijking met de sector" in html
    assert (
        "In de sector Horeca zijn minder dan drie beoordelingen gepubliceerd (2); daarom staat "
        "hier geen mediaan voor die sector." in html
    )
    svg = re.search(
        r"<svg role=\"img\" aria-labelledby=\"benchmark-svg-title[^>]*>(.*?)</svg>", html, re.S
    )
    assert svg is not None
    desc = re.search(r"<desc [^>]*>(.*?)</desc>", svg.group(1), re.S).group(1)
    assert desc.startswith(
        "Passend werk, kans: deze beoordeling 1; mediaan Horeca niet bekend (te weinig "
        "beoordelingen); mediaan alle platforms 0."
    )
    assert svg.group(1).count("<rect") == 3  # only non-zero bars: 1 kans, 1 uitdaging, 1 median
    table = html.split('id="benchmark-caption"')[1].split("</table>")[0]
    cells = re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", table)
    assert cells[:4] == [
        "Criterium",
        "Deze beoordeling",
        "Mediaan Horeca",
        "Mediaan alle platforms",
    ]
    assert cells[4:8] == ["Passend werk: kans", "1", "te weinig", "0"]


def test_before_any_computation_the_page_says_it_is_not_there_yet(client, world):
    html = client.get("/platforms/klusplein/").content.decode()
    assert "De vergelijking is nog niet berekend; dat gebeurt kort na een publicatie." in html


def test_the_pdf_summary_has_the_benchmark(world):
    benchmarks_compute()
    html = render_assessment_html(world.assessments["klusplein-2"], "en")
    assert "Comparison with the sector" in html
    assert "Median Horeca" in html or "Median Hospitality" in html

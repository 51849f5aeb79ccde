"""The maatwerkscan in Chromium: a scan, a week plan and the PDF, axe-clean and at 320 px;
and the target-group lens on the matrix page."""

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from playwright.sync_api import expect
from pypdf import PdfReader

from inclusief.roles import ANALIST, BEHEERDER, ONDERZOEKER
from maatwerk.models import MinimumWage, Scan, WeekItem
from tests.maatwerk.builders import maatwerk_framework, published
from tests.users import make_user

WIDTH = 320


@pytest.fixture
def content(transactional_db) -> dict:
    for role in (ANALIST, ONDERZOEKER, BEHEERDER):
        Group.objects.get_or_create(name=role)
    # A transactional test empties the tables, also the seeded minimum wage.
    MinimumWage.objects.filter(valid_from__gt=date(2025, 7, 1)).delete()
    MinimumWage.objects.update_or_create(
        valid_from=date(2025, 7, 1),
        defaults={
            "hourly_amount": Decimal("14.40"),
            "source_url": "https://www.rijksoverheid.nl/onderwerpen/minimumloon/bedragen-minimumloon",
            "verified": True,
        },
    )
    maatwerk_framework()
    return {
        "without": published("Zonder Hulp", "pw-kans-choose-jobs", "pw-kans-clear-scope"),
        "intake": published(
            "Met Intake", "bg-kans-intake", "int-kans-physical-location", "bg-uitd-zzp-admin"
        ),
        "online": published(
            "Alleen Online", "pw-kans-online", "bg-uitd-zzp-admin", physical=False, online=True
        ),
        "coach": make_user("coach", ANALIST, password=None),
    }


def sign_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def assert_reflows(page) -> None:
    page.set_viewport_size({"width": WIDTH, "height": 800})
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= WIDTH, f"{page.url} is {width} px wide at {WIDTH} px"
    page.set_viewport_size({"width": 1280, "height": 900})


def ranked_names(page) -> list[str]:
    return [
        name.strip().split(". ", 1)[1].split(" (")[0]
        for name in page.locator("#platforms .ranked h3").all_inner_texts()
    ]


def test_a_scan_ranks_and_explains_and_updates_as_you_type(
    page, live_server, content, assert_accessible
):
    page.goto("/maatwerk/")
    assert_accessible(page)
    page.get_by_label("Mensen met een verstandelijke beperking").check()
    page.get_by_label("Veel begeleiding").check()
    page.get_by_label("Beschikbare uren per week").fill("20")
    # The script has already shown the ranking while typing; the button does the same for
    # anyone without JavaScript (a plain GET of this page).
    page.wait_for_function("() => document.querySelectorAll('#platforms .ranked').length === 3")
    with page.expect_navigation(url="**/maatwerk/?target_groups=*"):
        page.get_by_role("button", name="Toon passend werk").click()
    page.wait_for_load_state()

    assert ranked_names(page) == ["Met Intake", "Zonder Hulp", "Alleen Online"]
    expect(page.get_by_role("heading", name="Zo komt deze volgorde tot stand")).to_be_visible()
    first = page.locator("#platforms .ranked").first
    assert "Zelf administratie regelen als zzp'er: Hulp bij de administratie" in first.inner_text()
    assert_accessible(page)
    assert_reflows(page)

    # With JavaScript the order follows the form without pressing the button.
    page.get_by_label("Alleen online werk (vanuit huis)").check()
    page.wait_for_function("() => document.querySelectorAll('#platforms .ranked').length === 1")
    assert ranked_names(page) == ["Alleen Online"]
    assert "work_mode=online" in page.url
    assert Scan.objects.count() == 0


def test_a_week_from_two_platforms_against_the_minimum_wage(
    page, live_server, content, assert_accessible
):
    sign_in(page, live_server, content["coach"])
    page.goto(
        "/maatwerk/?guidance=veel&work_mode=beide&skill_level=lager&hours_per_week=24"
        "&schedule=flexibel&income_security=hoog"
    )
    page.get_by_label("Eigen label").fill("kandidaat A")
    page.get_by_role("button", name="Scan bewaren").click()
    expect(page.get_by_role("heading", name="Maatwerkscan: kandidaat A")).to_be_visible()
    assert_accessible(page)

    form = page.locator("form[data-live-week]")
    form.get_by_label("Platform of werksoort").select_option(label="Met Intake")
    form.get_by_label("Uren per week").fill("8")
    form.get_by_label("Geschat bedrag in euro").fill("14")
    # The week shows the item as a preview while typing (JavaScript), nothing is saved yet.
    page.wait_for_selector("#week-figures >> text=voorbeeld, nog niet toegevoegd")
    assert WeekItem.objects.count() == 0
    form.get_by_role("button", name="Aan de week toevoegen").click()

    form = page.locator("form[data-live-week]")
    form.get_by_label("Platform of werksoort").select_option(label="Alleen Online")
    form.get_by_label("Uren per week").fill("8")
    form.get_by_label("Geschat bedrag in euro").fill("15,50")
    page.wait_for_selector("#week-figures >> text=voorbeeld, nog niet toegevoegd")
    form.get_by_role("button", name="Aan de week toevoegen").click()
    page.wait_for_selector("#week-figures >> text=Alleen Online")

    totals = page.locator("table.week-totals")
    assert "€ 236,00" in totals.inner_text()  # 8 × 14 + 8 × 15.50
    assert "€ 230,40" in totals.inner_text()  # 16 h × € 14.40
    summary = page.locator("ul.week-summary").inner_text()
    assert "Op of boven het minimumloon voor dezelfde uren." in summary
    week_text = page.locator("#week").inner_text()
    assert "bij meerdere platforms: Met Intake, Alleen Online" in week_text, week_text
    assert_accessible(page)
    assert_reflows(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Maatwerkadvies als PDF").click()
    pdf = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert "Maatwerkadvies: kandidaat A" in text
    assert "Met Intake" in text and "Alleen Online" in text
    assert "€ 236,00" in text


def test_the_matrix_page_for_a_target_group(page, live_server, content, assert_accessible):
    page.goto(f"/beoordelingen/{content['without'].uuid}/resultaat/")
    page.get_by_label("Bekijk voor doelgroep").select_option(
        label="Mensen met een verstandelijke beperking"
    )
    page.get_by_role("button", name="Toon", exact=True).click()

    expect(page.locator(".lens-mark")).to_have_count(1)
    assert "doelgroep=verstandelijke-beperking" in page.url
    assert_accessible(page)
    assert_reflows(page)

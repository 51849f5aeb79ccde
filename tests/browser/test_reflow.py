"""Reflow (WCAG 1.4.10) and one focus style, walked as each role in Chromium at 320 px.

Every page of the walks of an anonymous visitor, an analyst, a researcher and a beheerder is
opened at 320 CSS px wide: the page never scrolls sideways (``scrollWidth`` <= 320); a table
that is wider scrolls inside a declared region (``.scroll-region``) that the keyboard can
reach, that is named, and that shows its cue ("Schuif de tabel opzij"). Real framework and
catalogue content, so that long Dutch words and real tables are part of the test.
"""

from collections.abc import Callable

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from assessments import services
from assessments.findings_bulk import findings_confirm_all
from assessments.models import Assessment, AssessmentStatus, Platform, ReportJob
from framework.models import Characteristic, Criterion
from inclusief.roles import ANALIST, BEHEERDER, ONDERZOEKER
from tests.users import make_user

WIDTH = 320

PAGE_WIDTH = """() => {
  const root = document.documentElement;
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('.scroll-region')) continue;
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > root.clientWidth + 1) {
      wide.push(el.tagName.toLowerCase() + (el.className ? '.' + el.className : '')
                + ' ' + Math.round(box.right));
    }
  }
  return {scrollWidth: root.scrollWidth, wide: wide.slice(0, 8)};
}"""

REGIONS = """() => Array.from(document.querySelectorAll('.scroll-region')).map(region => {
  const hint = region.previousElementSibling;
  const label = document.getElementById(region.getAttribute('aria-labelledby') || '');
  return {
    scrolls: region.scrollWidth > region.clientWidth,
    tabindex: region.getAttribute('tabindex'),
    role: region.getAttribute('role'),
    named: Boolean((label && label.textContent.trim()) || region.getAttribute('aria-label')),
    cue: Boolean(hint && hint.classList.contains('scroll-hint')
                 && getComputedStyle(hint).display !== 'none'),
    border: getComputedStyle(region).borderTopWidth,
  };
})"""


@pytest.fixture
def walk_content(transactional_db) -> dict:
    """Real framework and catalogue; two published assessments and one concept."""
    call_command("load_framework", verbosity=0)
    call_command("load_catalogue", verbosity=0)
    for role in (ANALIST, ONDERZOEKER, BEHEERDER):
        Group.objects.get_or_create(name=role)
    analist = make_user("anna", ANALIST, password=None, first_name="Anna", last_name="Analist")
    users = {
        "analist": analist,
        "onderzoeker": make_user(
            "olga", ONDERZOEKER, password=None, first_name="Olga", last_name="Onderzoeker"
        ),
        "beheerder": make_user(
            "bert", BEHEERDER, password=None, first_name="Bert", last_name="Beheerder"
        ),
    }
    platforms = list(Platform.objects.order_by("name")[:3])
    published = []
    for p in platforms[:2]:
        a = services.assessment_start(platform=p, owner=analist)
        for criterion in Criterion.objects.all():
            a.refresh_from_db()
            findings_confirm_all(
                assessment=a,
                criterion=criterion,
                expected_version=a.lock_version,
                motivation="Bevestigd op basis van de antwoorden en de site van het platform.",
                priority="high",
            )
        Assessment.objects.filter(pk=a.pk).update(
            status=AssessmentStatus.PUBLISHED, published_at=timezone.now()
        )
        published.append(a)
    concept = services.assessment_start(platform=platforms[2], owner=analist)
    ReportJob.objects.create(
        requested_by=users["onderzoeker"],
        assessment_uuids=[str(a.uuid) for a in published],
        language="nl",
    )
    return {"users": users, "published": published, "concept": concept}


def public_pages(content: dict) -> list[str]:
    first, second = content["published"]
    finding = first.findings.order_by("pk").first()
    return [
        "/",
        "/raamwerk/",
        "/platforms/",
        f"/platforms/{first.platform.slug}/",
        "/platforms/werksoorten/",
        "/beoordelingen/",
        "/beoordelingen/overzicht/",
        f"/beoordelingen/vergelijken/?a={first.uuid}&a={second.uuid}&vergelijk=1",
        f"/beoordelingen/{first.uuid}/",
        f"/beoordelingen/{first.uuid}/resultaat/",
        f"/beoordelingen/{first.uuid}/antwoorden/",
        *[f"/beoordelingen/{first.uuid}/bevindingen/{c.code}/" for c in Criterion.objects.all()],
        f"/beoordelingen/{first.uuid}/bevinding/{finding.uuid}/",
        f"/beoordelingen/{first.uuid}/status/",
        "/toegankelijkheid",
        "/hoe-werkt-het/",
        "/raamwerk/begrippen/",
        "/documentatie/",
        "/documentatie/results-export-schema/",
        "/documentatie/export-schema/",
        "/documentatie/performance/",
    ]


def analist_pages(content: dict) -> list[str]:
    concept = content["concept"]
    finding = concept.findings.order_by("pk").first()
    steps = [
        f"/beoordelingen/{concept.uuid}/vragen/{c.code}/" for c in Characteristic.objects.all()
    ]
    return [
        *public_pages(content),
        "/beoordelingen/nieuw/",
        f"/beoordelingen/{concept.uuid}/",
        *steps,
        f"/beoordelingen/{concept.uuid}/antwoorden/",
        *[f"/beoordelingen/{concept.uuid}/bevindingen/{c.code}/" for c in Criterion.objects.all()],
        f"/beoordelingen/{concept.uuid}/bevinding/{finding.uuid}/",
        f"/beoordelingen/{concept.uuid}/status/",
        f"/beoordelingen/{concept.uuid}/resultaat/",
        "/rapporten/",
        "/account/wachtwoord/",
    ]


def researcher_pages(content: dict) -> list[str]:
    job = ReportJob.objects.get()
    return [*public_pages(content), "/rapporten/", f"/rapporten/{job.uuid}/"]


def beheerder_pages(content: dict) -> list[str]:
    return [*public_pages(content), "/account/wachtwoord/"]


def anonymous_pages(content: dict) -> list[str]:
    return [*public_pages(content), "/account/inloggen/", "/account/wachtwoord-vergeten/"]


def sign_in(page, live_server, user) -> None:
    """Give the browser the session of ``user`` (the login form itself is tested elsewhere)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def check_reflow(page, paths: list[str]) -> None:
    page.set_viewport_size({"width": WIDTH, "height": 800})
    problems = []
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, (path, response.status)
        measured = page.evaluate(PAGE_WIDTH)
        if measured["scrollWidth"] > WIDTH:
            problems.append((path, measured))
        for region in page.evaluate(REGIONS):
            assert region["tabindex"] == "0" and region["role"] == "region", (path, region)
            assert region["named"], (path, region)
            if region["scrolls"]:
                assert region["cue"] and region["border"] == "1px", (path, region)
    assert problems == [], "\n".join(f"{p}: {m}" for p, m in problems)


@pytest.mark.parametrize(
    ("role", "pages"),
    [
        (None, anonymous_pages),
        ("analist", analist_pages),
        ("onderzoeker", researcher_pages),
        ("beheerder", beheerder_pages),
    ],
    ids=["anonymous", "analist", "onderzoeker", "beheerder"],
)
def test_every_page_of_the_walk_reflows_at_320_px(
    page, live_server, walk_content, role: str | None, pages: Callable
):
    if role is not None:
        sign_in(page, live_server, walk_content["users"][role])
    paths = pages(walk_content)
    assert len(paths) >= 20
    check_reflow(page, paths)


FOCUS_STYLE = """el => {
  const style = getComputedStyle(el);
  return [style.outlineStyle, style.outlineWidth, style.outlineColor, style.outlineOffset];
}"""


def test_every_kind_of_interactive_element_has_the_same_focus_style(
    page, live_server, walk_content
):
    sign_in(page, live_server, walk_content["users"]["analist"])
    concept = walk_content["concept"]
    first_step = Characteristic.objects.order_by("order").first()
    page.goto(f"/beoordelingen/{concept.uuid}/vragen/{first_step.code}/")
    kinds = {
        "link": page.locator("main a").first,
        "nav link": page.locator(".site-header .nav-link").first,
        "button": page.locator("main button[type=submit]").first,
        "header button": page.get_by_role("button", name="Uitloggen"),
        "radio": page.locator("main input[type=radio]").first,
        "checkbox or radio": page.locator("main .form-check-input").last,
        "summary": page.locator("main summary").first,
    }
    styles = {}
    for name, locator in kinds.items():
        # Focus the way a keyboard user does: Tab from the element before it.
        locator.evaluate("el => el.scrollIntoView()")
        locator.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        assert locator.evaluate("el => el === document.activeElement"), name
        styles[name] = tuple(locator.evaluate(FOCUS_STYLE))
    # 3 px solid near-black (#0b0c0c, 19:1 on white), 2 px from the element, everywhere.
    assert set(styles.values()) == {("solid", "3px", "rgb(11, 12, 12)", "2px")}, styles


LINES_PER_CELL = """cells => cells.map(cell => {
  const range = document.createRange();
  range.selectNodeContents(cell);
  const tops = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
  return [cell.textContent.trim(), tops.size];
})"""


@pytest.mark.parametrize("width", [1280, 320])
def test_one_word_cells_never_break_inside_the_word(page, walk_content, width):
    # "Prio/ritei/t" and "Hoo/g" at 1280 px, overview headers letter by letter at 320 px.
    first = walk_content["published"][0]
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"/beoordelingen/{first.uuid}/resultaat/")
    cells = page.locator(".actions-table th[scope=col], .actions-table td:first-child")
    lines = cells.evaluate_all(LINES_PER_CELL)
    one_word = [(text, count) for text, count in map(tuple, lines) if " " not in text]
    assert ("Prioriteit", 1) in one_word and ("Hoog", 1) in one_word
    assert all(count == 1 for _, count in one_word), one_word
    page.goto("/beoordelingen/overzicht/")
    headers = page.locator(".overview-table thead th").evaluate_all(LINES_PER_CELL)
    one_word = [(text, count) for text, count in map(tuple, headers) if " " not in text]
    assert one_word == [
        ("Platform", 1),
        ("Sector", 1),
        ("Begeleiding", 1),
        ("Ontwikkeling", 1),
        ("Integratie", 1),
    ]

import csv
import io
import json
import re
import tracemalloc
from itertools import product

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments import services
from assessments.lens import lens_groups
from assessments.matrix import assessment_matrix
from assessments.models import Assessment, AssessmentStatus, Finding, Verdict
from assessments.results import FINDING_COLUMNS, OVERVIEW_COLUMNS, SCHEMA_VERSION
from framework.models import Segment
from tests.assessments.builders import platform, user_with_role


@pytest.fixture
def analist(db):
    return user_with_role("ana")


def published(name: str, owner, *, edition: int = 1, **platform_fields) -> Assessment:
    p = platform_named(name, **platform_fields)
    return Assessment.objects.create(
        platform=p,
        owner=owner,
        framework_version="test-1",
        edition=edition,
        status=AssessmentStatus.PUBLISHED,
        published_at=timezone.now(),
    )


def platform_named(name: str, **fields):
    from assessments.models import Platform

    existing = Platform.objects.filter(name=name).first()
    if existing:
        return existing
    p = platform(name)
    for key, value in fields.items():
        if key == "segments":
            p.segments.set(value)
        else:
            setattr(p, key, value)
    p.save()
    return p


def finding(
    assessment,
    statement=None,
    *,
    criterion=None,
    kind=None,
    title_nl=None,
    verdict=Verdict.CONFIRMED,
    **fields,
) -> Finding:
    return Finding.objects.create(
        assessment=assessment,
        statement=statement,
        criterion=criterion or statement.criterion,
        kind=kind or statement.kind,
        title_nl=title_nl or (statement.title_nl if statement else "Eigen bevinding"),
        verdict=verdict,
        **fields,
    )


def full(assessment, fw) -> Assessment:
    """Every kind of finding: counting and not, framework and own, with priorities."""
    s, c = fw["statements"], fw["criteria"]
    finding(assessment, s["online"])
    finding(
        assessment,
        s["stars"],
        verdict=Verdict.ADJUSTED,
        own_title="Alleen sterren, geen uitleg",
        priority="medium",
        action="Uitleg bij sterren",
        action_owner="Platform",
    )
    finding(assessment, s["monitoring"], priority="high", action_owner="Gemeente")
    finding(assessment, s["isolation"], verdict=Verdict.NOT_APPLICABLE)
    finding(
        assessment,
        None,
        criterion=c["integ"],
        kind="uitdaging",
        title_nl="Geen vaste collega's",
        priority="low",
        action="Koppel een buddy",
        action_owner="Werkgever",
    )
    return assessment


# --- The counting rule ------------------------------------------------------------------------


def test_counting_queryset_agrees_with_the_counts_property(fw, analist):
    a = published("Klusplein", analist)
    s = fw["statements"]["online"]
    for i, (verdict, gone, resolved) in enumerate(
        product(Verdict.values, (False, True), (False, True))
    ):
        finding(
            a,
            None,
            criterion=s.criterion,
            kind="kans",
            title_nl=f"F{i}",
            verdict=verdict,
            no_longer_triggered=gone,
            flag_resolved=resolved,
        )
    in_db = set(Finding.objects.counting().values_list("title_nl", flat=True))
    in_python = {f.title_nl for f in Finding.objects.all() if f.counts}
    assert in_db == in_python
    assert len(in_db) == 6  # two verdicts × (current, or gone and decided on)


# --- Matrix page ------------------------------------------------------------------------------


def test_matrix_shows_only_counting_findings_and_marks_adjusted_and_own(client, fw, analist):
    a = full(published("Klusplein", analist), fw)
    finding(
        a,
        None,
        criterion=fw["criteria"]["pw"],
        kind="kans",
        title_nl="Vervallen kans",
        no_longer_triggered=True,
    )
    html = client.get(f"/beoordelingen/{a.uuid}/resultaat/").content.decode()
    assert "Online werk kan vanuit huis" in html
    assert "Alleen sterren, geen uitleg</li>" not in html
    assert 'Alleen sterren, geen uitleg <span class="finding-mark">(aangepast)</span>' in html
    assert 'Geen vaste collega&#x27;s <span class="finding-mark">(eigen toevoeging)</span>' in html
    assert "Risico op isolement" not in html
    assert "Vervallen kans" not in html
    assert html.count("<h1>") == 1


def test_matrix_lists_actions_by_priority_with_who(fw, analist):
    a = full(published("Klusplein", analist), fw)
    actions = assessment_matrix(a).actions
    assert [(f.priority, f.action_owner) for f in actions] == [
        ("high", "Gemeente"),
        ("medium", "Platform"),
        ("low", "Werkgever"),
    ]


def test_matrix_page_shows_actions_in_priority_order(client, fw, analist):
    a = full(published("Klusplein", analist), fw)
    html = client.get(f"/beoordelingen/{a.uuid}/resultaat/").content.decode()
    table = html[html.index("actions-table") :]
    positions = [table.index(who) for who in ("Gemeente", "Platform", "Werkgever")]
    assert positions == sorted(positions)
    assert "Volg de belasting." not in table  # the statement's own action text is not copied
    assert "Uitleg bij sterren" in table


def test_chart_has_a_text_alternative_with_the_numbers(client, fw, analist):
    a = full(published("Klusplein", analist), fw)
    html = client.get(f"/beoordelingen/{a.uuid}/resultaat/").content.decode()
    svg = re.search(r'<svg[^>]*aria-labelledby="chart-passend_werk-title".*?</svg>', html, re.S)
    assert svg is not None
    assert 'role="img"' in svg.group(0)
    title = re.search(r'<title id="chart-passend_werk-title">(.*?)</title>', svg.group(0)).group(1)
    assert title == "Passend werk: 1 kansen en 2 uitdagingen"
    assert "<strong>Integratie</strong>: kansen 0, uitdagingen 1" in html
    # Bars share one scale: the largest count (2) fills the bar width.
    assert 'width="200" height="22" class="chart-bar chart-bar-uitdaging"' in svg.group(0)
    assert 'width="100" height="22" class="chart-bar chart-bar-kans"' in svg.group(0)


def test_another_analist_cannot_see_a_concepts_matrix(client, fw, analist):
    concept = services.assessment_start(platform=platform("Geheim"), owner=analist)
    client.force_login(user_with_role("bert"))
    assert client.get(f"/beoordelingen/{concept.uuid}/resultaat/").status_code == 404
    client.force_login(analist)
    response = client.get(f"/beoordelingen/{concept.uuid}/resultaat/")
    assert response.status_code == 200
    assert "nog niet gepubliceerd" in response.content.decode()


def test_task_list_links_to_the_matrix(client, fw, analist):
    concept = services.assessment_start(platform=platform("Geheim"), owner=analist)
    client.force_login(analist)
    html = client.get(f"/beoordelingen/{concept.uuid}/").content.decode()
    assert f'href="/beoordelingen/{concept.uuid}/resultaat/">Resultaat (matrix)</a>' in html


# --- Comparison -------------------------------------------------------------------------------


def compare_url(*assessments) -> str:
    return "/beoordelingen/vergelijken/?vergelijk=1&" + "&".join(f"a={a.uuid}" for a in assessments)


def test_comparison_refuses_one_assessment(client, fw, analist):
    a = published("Klusplein", analist)
    response = client.get(compare_url(a))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kies ten minste 2 beoordelingen om te vergelijken; u koos er 1." in html
    assert "comparison-table" not in html


def test_comparison_refuses_seven_assessments(client, fw, analist):
    chosen = [published(f"Platform {i}", analist) for i in range(7)]
    html = client.get(compare_url(*chosen)).content.decode()
    assert "Kies ten hoogste 6 beoordelingen; u koos er 7." in html
    assert "comparison-table" not in html


def test_comparison_refuses_a_concept_the_user_may_not_see(client, fw, analist):
    a = published("Klusplein", analist)
    concept = services.assessment_start(platform=platform("Geheim"), owner=analist)
    client.force_login(user_with_role("bert"))
    html = client.get(compare_url(a, concept)).content.decode()
    assert "Een gekozen beoordeling bestaat niet of u mag haar niet zien." in html
    assert "Geheim" not in html
    assert "comparison-table" not in html


def test_comparison_marks_findings_present_in_some_but_not_all(client, fw, analist):
    s = fw["statements"]
    a = published("Klusplein", analist)
    b = published("Helpers", analist)
    finding(a, s["online"])
    finding(b, s["online"])
    finding(a, s["stars"])
    html = client.get(compare_url(a, b)).content.decode()
    assert "comparison-table" in html
    assert "Online werk kan vanuit huis</li>" in html
    assert html.count('Alleen sterren <strong class="diff-mark">(verschil)</strong>') == 1
    assert "1 verschil</span>" in html
    assert html.count('class="diff-mark"') == 1


def test_comparison_lists_only_the_chosen_sector(client, fw, analist):
    horeca = Segment.objects.create(code="horeca", name_nl="Horeca")
    published("Temper", analist, segments=[horeca])
    published("Klusplein", analist)
    html = client.get("/beoordelingen/vergelijken/?sector=horeca&toon=1").content.decode()
    assert "Temper (versie 1)" in html
    assert "Klusplein" not in html


# --- Overview ---------------------------------------------------------------------------------


def test_overview_counts_per_cell(client, fw, analist):
    a = full(published("Klusplein", analist), fw)
    response = client.get("/beoordelingen/overzicht/")
    rows = response.context["rows"]
    assert [r.assessment for r in rows] == [a]
    cells = {c.criterion.code: (c.opportunities, c.challenges) for c in rows[0].cells}
    assert cells == {"passend_werk": (1, 2), "integratie": (0, 1)}


def test_overview_shows_only_the_newest_published_edition(client, fw, analist):
    published("Klusplein", analist)
    newer = published("Klusplein", analist, edition=2)
    services.assessment_start(platform=platform("Geheim"), owner=analist)
    rows = client.get("/beoordelingen/overzicht/").context["rows"]
    assert [r.assessment for r in rows] == [newer]


def test_overview_filters_by_sector_mode_and_skill_level(client, fw, analist):
    horeca = Segment.objects.create(code="horeca", name_nl="Horeca")
    temper = published("Temper", analist, segments=[horeca], skill_lower=True)
    online = published("Werkspot", analist, physical=False, online=True, skill_higher=True)

    def names(query: str) -> list[str]:
        rows = client.get(f"/beoordelingen/overzicht/?{query}").context["rows"]
        return [r.assessment.platform.name for r in rows]

    assert names("sector=horeca") == [temper.platform.name]
    assert names("mode=online") == [online.platform.name]
    assert names("skill_level=lager") == ["Temper"]
    assert names("mode=fysiek") == ["Temper"]
    assert names("sector=bestaat-niet") == ["Temper", "Werkspot"]  # unknown value: ignored


def test_overview_sorts_by_name_and_by_a_count(client, fw, analist):
    s = fw["statements"]
    a = published("Alfa", analist)
    b = published("Beta", analist)
    finding(b, s["stars"])
    finding(b, s["monitoring"])
    finding(a, s["stars"])

    def names(sort: str) -> list[str]:
        rows = client.get(f"/beoordelingen/overzicht/?sort={sort}").context["rows"]
        return [r.assessment.platform.name for r in rows]

    assert names("platform") == ["Alfa", "Beta"]
    assert names("-platform") == ["Beta", "Alfa"]
    assert names("-passend_werk:uitdaging") == ["Beta", "Alfa"]
    assert names("passend_werk:uitdaging") == ["Alfa", "Beta"]
    assert names("onzin") == ["Alfa", "Beta"]


def test_overview_headers_say_how_the_table_is_sorted(client, fw, analist):
    published("Alfa", analist)
    html = client.get("/beoordelingen/overzicht/?sort=-passend_werk:kans").content.decode()
    sorted_header = '<th scope="col" class="text-end" aria-sort="descending">'
    assert sorted_header + '<a href="?sort=passend_werk%3Akans">' in html
    assert '<th scope="col" rowspan="2" aria-sort="none"><a href="?sort=platform">' in html


# --- Exports ----------------------------------------------------------------------------------


def test_overview_csv_has_the_documented_header_and_one_row_per_criterion(client, fw, analist):
    horeca = Segment.objects.create(code="horeca", name_nl="Horeca")
    a = full(published("Klusplein", analist, segments=[horeca]), fw)
    response = client.get("/beoordelingen/overzicht/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    # For Dutch Excel: a byte-order mark and ";" between the columns.
    body = response.getvalue()  # a stream: read once
    assert body.startswith(b"\xef\xbb\xbfschema_version;assessment_uuid;platform;")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "schema_version",
        "assessment_uuid",
        "platform",
        "platform_slug",
        "edition",
        "framework_version",
        "published_at",
        "sectors",
        "physical",
        "online",
        "skill_lower",
        "skill_middle",
        "skill_higher",
        "criterion",
        "criterion_name",
        "kansen",
        "uitdagingen",
    ]
    assert rows[0] == OVERVIEW_COLUMNS
    records = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert [(r["criterion"], r["kansen"], r["uitdagingen"]) for r in records] == [
        ("passend_werk", "1", "2"),
        ("integratie", "0", "1"),
    ]
    assert records[0]["assessment_uuid"] == str(a.uuid)
    assert records[0]["sectors"] == "horeca"
    assert records[0]["physical"] == "true"
    assert records[0]["schema_version"] == SCHEMA_VERSION


def test_overview_json_matches_the_schema(client, fw, analist):
    a = full(published("Klusplein", analist), fw)
    document = json.loads(client.get("/beoordelingen/overzicht/export.json").getvalue())
    assert set(document) == {"schema_version", "filters", "criteria", "assessments"}
    assert document["schema_version"] == SCHEMA_VERSION
    assert document["criteria"] == [
        {"code": "passend_werk", "name": "Passend werk"},
        {"code": "integratie", "name": "Integratie"},
    ]
    record = document["assessments"][0]
    assert set(record) == set(OVERVIEW_COLUMNS[1:13]) | {"counts"}
    assert record["assessment_uuid"] == str(a.uuid)
    assert record["counts"] == {
        "passend_werk": {"kansen": 1, "uitdagingen": 2},
        "integratie": {"kansen": 0, "uitdagingen": 1},
    }


def test_findings_exports_hold_counting_findings_with_the_documented_keys(client, fw, analist):
    full(published("Klusplein", analist), fw)
    rows = list(
        csv.reader(
            io.StringIO(
                client.get("/beoordelingen/bevindingen/export.csv").getvalue().decode("utf-8-sig")
            ),
            delimiter=";",
        )
    )
    assert rows[0] == [
        "schema_version",
        "assessment_uuid",
        "platform",
        "platform_slug",
        "edition",
        "published_at",
        "finding_uuid",
        "criterion",
        "kind",
        "statement_code",
        "custom",
        "adjusted",
        "title",
        "explanation",
        "action",
        "action_owner",
        "priority",
        "verdict",
        "motivation",
        "action_pending",
        "decided_by",
    ]
    assert rows[0] == FINDING_COLUMNS
    assert len(rows) == 5  # header + 4 counting findings
    document = json.loads(client.get("/beoordelingen/bevindingen/export.json").getvalue())
    assert document["schema_version"] == SCHEMA_VERSION
    assert [set(f) for f in document["findings"]] == [set(FINDING_COLUMNS[1:])] * 4
    own = [f for f in document["findings"] if f["custom"]]
    assert own == [
        {**own[0], "statement_code": None, "title": "Geen vaste collega's", "priority": "low"}
    ]
    adjusted = [f["title"] for f in document["findings"] if f["adjusted"]]
    assert adjusted == ["Alleen sterren, geen uitleg"]


def test_exports_honour_the_filters(client, fw, analist):
    horeca = Segment.objects.create(code="horeca", name_nl="Horeca")
    full(published("Temper", analist, segments=[horeca]), fw)
    full(published("Klusplein", analist), fw)
    response = client.get("/beoordelingen/overzicht/export.json?sector=horeca")
    document = json.loads(response.getvalue())
    assert [r["platform"] for r in document["assessments"]] == ["Temper"]
    findings = json.loads(
        client.get("/beoordelingen/bevindingen/export.json?sector=horeca").getvalue()
    )["findings"]
    assert {f["platform"] for f in findings} == {"Temper"}


def test_overview_links_to_exports_with_its_filters(client, fw, analist):
    html = client.get("/beoordelingen/overzicht/?mode=online&sort=-platform").content.decode()
    assert 'href="/beoordelingen/overzicht/export.csv?mode=online"' in html
    assert 'href="/beoordelingen/bevindingen/export.json?mode=online"' in html


# --- Query counts -----------------------------------------------------------------------------


def build(fw, owner, n: int) -> list[Assessment]:
    horeca = Segment.objects.get_or_create(code="horeca", name_nl="Horeca")[0]
    return [full(published(f"Platform {i}", owner, segments=[horeca]), fw) for i in range(n)]


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        assert response.status_code == 200
        response.getvalue()  # a download streams: its queries run while it is read
    return len(context.captured_queries)


def test_matrix_page_query_count_does_not_grow_with_findings(client, fw, analist):
    small = full(published("Klein", analist), fw)
    large = full(published("Groot", analist), fw)
    for i in range(10):
        finding(
            large,
            None,
            criterion=fw["criteria"]["pw"],
            kind="uitdaging",
            title_nl=f"Extra {i}",
            priority="high",
        )
    client.get(f"/beoordelingen/{small.uuid}/resultaat/")  # warm up (cached rules and labels)
    lens_groups()  # framework data, cached per process after the first page that needs it
    assert queries(client, f"/beoordelingen/{small.uuid}/resultaat/") == queries(
        client, f"/beoordelingen/{large.uuid}/resultaat/"
    )


@pytest.mark.parametrize("size", [2, 6])
def test_comparison_query_count_is_fixed(client, fw, analist, size, django_assert_num_queries):
    chosen = build(fw, analist, size)
    client.get("/")  # warm up (session, site-wide lookups)
    # 6 + the target groups of the lens (then cached) + the content versions, read once a request
    with django_assert_num_queries(8):
        assert client.get(compare_url(*chosen)).context["comparison"] is not None


@pytest.mark.parametrize("size", [2, 6])
def test_overview_query_count_is_fixed(client, fw, analist, size, django_assert_num_queries):
    from django.core.cache import cache

    build(fw, analist, size)
    cache.clear()
    url = "/beoordelingen/overzicht/?sector=horeca&sort=-passend_werk:kans"
    # 8 + the target groups of the lens (then cached) + the content versions, read once a request
    with django_assert_num_queries(10):
        client.get(url)
    # The order of the overview is cached until something is published or a platform changes
    # (7 + the content versions, read once a request).
    with django_assert_num_queries(8):
        client.get(url)


@pytest.mark.parametrize("size", [2, 6])
def test_exports_query_count_is_fixed(client, fw, analist, size):
    build(fw, analist, size)
    # Five of each are the download limit (inclusief/throttling.py: savepoint, prune old
    # counts, count, record, release).
    assert queries(client, "/beoordelingen/overzicht/export.json") == 10
    # One more for who decided each finding (its history).
    assert queries(client, "/beoordelingen/bevindingen/export.csv") == 8


EXPORT_URLS = [
    "/beoordelingen/overzicht/export.json",
    "/beoordelingen/overzicht/export.csv",
    "/beoordelingen/bevindingen/export.json",
    "/beoordelingen/bevindingen/export.csv?scheiding=komma",
]


@pytest.mark.parametrize("url", EXPORT_URLS)
def test_an_export_of_30_assessments_runs_the_queries_of_one(client, fw, analist, url):
    build(fw, analist, 1)
    one = queries(client, url)
    for i in range(1, 30):
        full(published(f"Platform {i}", analist), fw)
    assert queries(client, url) == one


def test_the_findings_export_reads_a_fixed_number_of_findings_per_query(
    client, fw, analist, monkeypatch
):
    build(fw, analist, 6)
    assert Finding.objects.counting().count() == 24  # four per assessment
    url = "/beoordelingen/bevindingen/export.csv"
    one_batch = queries(client, url)
    monkeypatch.setattr("assessments.results.EXPORT_BATCH", 5)
    # 24 findings in 5 batches of at most 5: one more query (who decided) per extra batch.
    assert queries(client, url) == one_batch + 4


@pytest.mark.parametrize("url", EXPORT_URLS)
def test_exports_are_sent_while_they_are_written(client, fw, analist, url):
    build(fw, analist, 1)
    response = client.get(url)
    assert response.streaming
    assert response["Content-Disposition"].startswith('attachment; filename="inclusief-')


def _add_published_with_findings(fw, owner, count: int, prefix: str) -> None:
    for i in range(count):
        a = published(f"{prefix} {i}", owner)
        Finding.objects.bulk_create(
            Finding(
                assessment=a,
                statement=s,
                criterion=s.criterion,
                kind=s.kind,
                title_nl=s.title_nl,
                explanation_nl="uitleg " * 40,
                motivation="motivering " * 20,
                verdict=Verdict.CONFIRMED,
            )
            for s in fw["statements"].values()
        )


def _streamed_peak(client, url: str) -> tuple[int, int]:
    """Peak traced memory while the whole download is read chunk by chunk, and its size."""
    tracemalloc.start()
    try:
        response = client.get(url)
        size = sum(len(chunk) for chunk in response.streaming_content)
        return tracemalloc.get_traced_memory()[1], size
    finally:
        tracemalloc.stop()


@pytest.mark.slow
@pytest.mark.parametrize(
    "url", ["/beoordelingen/bevindingen/export.json", "/beoordelingen/bevindingen/export.csv"]
)
def test_the_findings_export_is_written_in_constant_memory(client, fw, analist, monkeypatch, url):
    """Six times as many findings: a download six times as large, the same peak memory,
    because one batch of findings is in memory at a time (batches of 20 here, so that both
    sizes span several batches)."""
    monkeypatch.setattr("assessments.results.EXPORT_BATCH", 20)
    monkeypatch.setattr("inclusief.streaming.ROWS_PER_CHUNK", 20)
    _add_published_with_findings(fw, analist, 20, "Klein")
    client.get(url).getvalue()  # first imports and caches, which are not the export's
    small_peak, small_size = _streamed_peak(client, url)
    _add_published_with_findings(fw, analist, 100, "Groot")
    large_peak, large_size = _streamed_peak(client, url)
    assert large_size > 5 * small_size
    assert large_peak < 1.5 * small_peak, (small_peak, large_peak)


def test_published_assessments_link_to_their_matrix(client, fw, analist):
    a = published("Klusplein", analist)
    expected = f'href="/beoordelingen/{a.uuid}/resultaat/"'
    assert expected in client.get("/beoordelingen/").content.decode()
    assert expected in client.get(f"/platforms/{a.platform.slug}/").content.decode()
    nav = client.get("/").content.decode()
    assert 'href="/beoordelingen/overzicht/">Overzicht</a>' in nav


def test_overview_shows_a_newly_published_assessment_at_once(client, fw, analist):
    from django.core.cache import cache

    cache.clear()
    build(fw, analist, 2)
    before = client.get("/beoordelingen/overzicht/").content.decode()
    extra = services.assessment_start(platform=platform("Nieuwkomer"), owner=analist)
    Assessment.objects.filter(pk=extra.pk).update(
        status=AssessmentStatus.PUBLISHED, published_at=timezone.now()
    )
    after = client.get("/beoordelingen/overzicht/").content.decode()
    assert "Nieuwkomer" not in before
    assert "Nieuwkomer" in after


def test_the_findings_export_says_what_was_decided_by_whom_by_public_name(client, fw, analist):
    analist.first_name, analist.last_name = "Anna", "Analist"
    analist.save()
    a = full(published("Klusplein", analist), fw)
    reviewer = user_with_role("rev")
    reviewer.first_name, reviewer.last_name = "Rob", "Reviewer"
    reviewer.save()
    stars = a.findings.get(statement__code="u-stars")
    stars._history_user = reviewer
    stars.motivation = "Gezien op de site"
    stars.action_pending = False
    stars.save()
    response = client.get("/beoordelingen/bevindingen/export.csv?scheiding=komma")
    text = response.getvalue().decode("utf-8-sig")
    records = list(csv.DictReader(io.StringIO(text)))
    by_title = {r["title"]: r for r in records}
    assert {
        key: by_title["Alleen sterren, geen uitleg"][key]
        for key in ("verdict", "motivation", "action", "action_owner", "priority", "decided_by")
    } == {
        "verdict": "adjusted",
        "motivation": "Gezien op de site",
        "action": "Uitleg bij sterren",
        "action_owner": "Platform",
        "priority": "medium",
        "decided_by": "R.R.",
    }
    # Without a history row naming someone, the assessment's owner is named.
    assert by_title["Geen vaste collega's"]["decided_by"] == "A.A."
    assert "ana" not in {r["decided_by"] for r in records}
    assert "@" not in text

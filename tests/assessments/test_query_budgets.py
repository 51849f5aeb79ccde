"""Query budgets: every page and data function reads in a number of queries that does not grow
with the data.

Each test measures the same page or function on a small and on a large dataset made by the
``seed_scale`` seeder (real framework, synthetic platforms and assessments), and asserts that
both counts are equal. Detail pages compare the smallest and the largest object of one dataset
(an assessment with few findings against one with many; a platform with one edition against
one with several).
"""

from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments import reports
from assessments.derive import findings_rederive
from assessments.matrix import assessment_matrix
from assessments.models import Answer, Assessment, AssessmentStatus, Finding, Platform
from assessments.seeding import flush_seeded, seed_scale
from framework.models import Criterion
from framework.rules import Rules
from inclusief import caching

# Seeds a small and a large dataset per page to compare query counts (25 s of test time): run
# by CI, left out of make test-fast.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

SMALL = {"platforms": 3, "assessments": 4}
LARGE = {"platforms": 30, "assessments": 40}


def seed(size: dict, seed_value: int = 7) -> None:
    flush_seeded()
    seed_scale(**size, seed=seed_value, log=lambda _: None)


def count_queries(action: Callable[[], object]) -> int:
    """Queries of ``action`` with a cold framework cache (the worst case)."""
    caches["default"].clear()
    caching.forget()
    with CaptureQueriesContext(connection) as context:
        action()
    return len(context.captured_queries)


def get_ok(client, url: str, params: dict | None = None) -> Callable[[], object]:
    def action():
        response = client.get(url, params or {})
        assert response.status_code == 200, (url, response.status_code)
        return response

    return action


def published_by_findings() -> tuple[Assessment, Assessment]:
    """The first-edition published assessments with the fewest and with the most findings
    (a later edition also shows what changed since the one before: other queries, not more)."""
    ordered = list(
        Assessment.objects.published()
        .filter(edition=1)
        .annotate(n=Count("findings"))
        .order_by("n", "pk")
    )
    assert ordered[0].n < ordered[-1].n
    return ordered[0], ordered[-1]


def platforms_by_editions() -> tuple[Platform, Platform]:
    """Platforms with one and with the most editions, each with a published one (a page with a
    published edition reads its findings, authors and sector benchmark: other queries)."""
    ordered = list(
        Platform.objects.filter(assessments__status=AssessmentStatus.PUBLISHED)
        .annotate(n=Count("assessments", distinct=True))
        .order_by("n", "pk")
    )
    assert ordered[0].n < ordered[-1].n
    return ordered[0], ordered[-1]


# --- catalogue pages ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [{}, {"mode": "fysiek", "skill_level": "lager"}, {"q": "klussen"}],
    ids=["page-1", "filtered", "search"],
)
def test_platform_list_queries_do_not_grow_with_platforms(client, framework, params):
    seed(SMALL)
    small = count_queries(get_ok(client, "/platforms/", params))
    seed(LARGE)
    large = count_queries(get_ok(client, "/platforms/", params))
    assert small == large


def test_platform_detail_queries_do_not_grow_with_editions(client, framework):
    seed(LARGE)
    few, many = platforms_by_editions()
    assert count_queries(get_ok(client, few.get_absolute_url())) == count_queries(
        get_ok(client, many.get_absolute_url())
    )


def test_work_type_grid_queries_do_not_grow_with_platforms(client, framework):
    seed(SMALL)
    small = count_queries(get_ok(client, reverse("assessments:work_type_grid")))
    seed(LARGE)
    large = count_queries(get_ok(client, reverse("assessments:work_type_grid")))
    assert small == large


def test_framework_page_has_a_fixed_query_count(client, framework, django_assert_num_queries):
    # Criteria, statements, characteristics, questions, options, shown_if, work types,
    # target groups, version (9); with a cold cache the rules (8) and the labels of questions
    # and options (2) for the "when" texts, and the content versions read once per request
    # (1): a fixed number whatever the framework holds.
    with django_assert_num_queries(20):
        get_ok(client, reverse("framework"))()


def test_home_and_assessment_list_do_not_grow_with_assessments(client, framework):
    url = reverse("assessments:assessment_list")
    seed(SMALL)
    small = (count_queries(get_ok(client, "/")), count_queries(get_ok(client, url)))
    seed(LARGE)
    large = (count_queries(get_ok(client, "/")), count_queries(get_ok(client, url)))
    assert small == large


# --- assessment pages --------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["task_list", "check_answers"])
def test_assessment_pages_do_not_grow_with_answers_and_findings(client, framework, page):
    seed(LARGE)
    few, many = published_by_findings()
    urls = [reverse(f"assessments:{page}", kwargs={"uuid": a.uuid}) for a in (few, many)]
    assert count_queries(get_ok(client, urls[0])) == count_queries(get_ok(client, urls[1]))


def test_step_page_does_not_grow_with_answers(client, framework):
    seed(LARGE)
    few, many = published_by_findings()
    # A reader who wrote neither: the same access checks for both.
    reader = get_user_model().objects.exclude(pk__in=[few.owner_id, many.owner_id]).first()
    client.force_login(reader)
    counts = []
    for assessment in (few, many):
        code = Answer.objects.filter(assessment=assessment).values_list(
            "question__characteristic__code", flat=True
        )[0]
        url = reverse("assessments:step", kwargs={"uuid": assessment.uuid, "code": code})
        counts.append(count_queries(get_ok(client, url)))
    assert counts[0] == counts[1]


def test_findings_page_does_not_grow_with_findings(client, framework):
    seed(LARGE)
    criterion = Criterion.objects.order_by("order").first()
    ordered = list(
        Assessment.objects.published()
        .annotate(n=Count("findings", filter=models_q_criterion(criterion)))
        .order_by("n", "pk")
    )
    few, many = ordered[0], ordered[-1]
    assert few.n < many.n
    urls = [
        reverse("assessments:findings", kwargs={"uuid": a.uuid, "criterion": criterion.code})
        for a in (few, many)
    ]
    assert count_queries(get_ok(client, urls[0])) == count_queries(get_ok(client, urls[1]))


def models_q_criterion(criterion):
    from django.db.models import Q

    return Q(findings__criterion=criterion)


# --- data functions ----------------------------------------------------------------------------


def test_assessment_matrix_has_a_fixed_query_count(framework, django_assert_num_queries):
    seed(LARGE)
    few, many = published_by_findings()
    for assessment in (few, many):
        with django_assert_num_queries(2):
            matrix = assessment_matrix(assessment)
        assert sum(sum(r.counts) for r in matrix.rows) <= assessment.n
    criteria = list(Criterion.objects.all())
    with django_assert_num_queries(1):
        assessment_matrix(many, criteria)


def test_rules_from_db_has_a_fixed_query_count(framework, django_assert_num_queries):
    # Options, triggers, shown_if, the current version, its rules and contradictions, general
    # statements, question order.
    with django_assert_num_queries(8):
        Rules.from_db()


def test_findings_rederive_has_a_fixed_query_budget(framework):
    """Deriving from scratch (all findings new) and flagging every finding after the answers
    are withdrawn: a bulk insert and a bulk update with their history rows, never a query
    per finding. (SQLite splits a bulk insert into batches of a few dozen rows, so the bound
    allows two batches; the framework has 64 statements, so no assessment has more findings.
    With a cold cache one more query reads the assessment's stored framework version, whose
    texts the new findings take.)
    """
    seed(LARGE)
    few, many = published_by_findings()
    rules = Rules.from_db()
    for assessment in (few, many):
        Finding.objects.filter(assessment=assessment)._raw_delete(connection.alias)
    created = [count_queries(lambda a=a: findings_rederive(a, rules)) for a in (few, many)]
    assert max(created) <= 10, created
    for assessment in (few, many):
        Answer.objects.filter(assessment=assessment).update(unknown=True)
    flagged = [count_queries(lambda a=a: findings_rederive(a, rules)) for a in (few, many)]
    assert max(flagged) <= 10, flagged
    general = Finding.objects.filter(assessment=many, statement__general=True).count()
    flagged_rows = Finding.objects.filter(assessment=many, no_longer_triggered=True).count()
    assert flagged_rows == Finding.objects.filter(assessment=many).count() - general
    assert flagged_rows > 10


def test_seeded_findings_match_what_the_rules_derive(framework):
    """The seeder derives findings as the app does: rederiving changes nothing."""
    seed(SMALL)
    rules = Rules.from_db()
    for assessment in Assessment.objects.all():
        plan = findings_rederive(assessment, rules)
        assert plan.create == {}
        assert plan.flag == frozenset()
    assert not Finding.objects.filter(no_longer_triggered=True).exists()


# --- result pages and reports ---------------------------------------------------------------


def test_results_page_does_not_grow_with_findings(client, framework):
    seed(LARGE)
    few, many = published_by_findings()
    urls = [reverse("assessments:results", kwargs={"uuid": a.uuid}) for a in (few, many)]
    assert count_queries(get_ok(client, urls[0])) == count_queries(get_ok(client, urls[1]))


def test_comparison_does_not_grow_with_findings(client, framework):
    url = reverse("assessments:comparison")
    seed(LARGE)
    published = list(
        Assessment.objects.published().annotate(n=Count("findings")).order_by("n", "pk")
    )
    fewest = [str(a.uuid) for a in published[:2]]
    most = [str(a.uuid) for a in published[-4:]]
    # Two and four assessments: the count stays the same for more assessments and findings.
    assert count_queries(get_ok(client, url, {"a": fewest})) == count_queries(
        get_ok(client, url, {"a": most})
    )


def test_overview_does_not_grow_with_assessments(client, framework):
    url = reverse("assessments:overview")
    seed(SMALL)
    small = count_queries(get_ok(client, url))
    seed(LARGE)
    large = count_queries(get_ok(client, url))
    assert small == large


def test_assessment_report_html_does_not_grow_with_findings(framework):
    seed(LARGE)
    few, many = published_by_findings()
    counts = [
        count_queries(lambda a=a: reports.render_assessment_html(a, "nl")) for a in (few, many)
    ]
    assert counts[0] == counts[1]


def test_seeded_statuses_are_a_mix(framework):
    seed(LARGE)
    statuses = set(Assessment.objects.values_list("status", flat=True))
    assert statuses == {s.value for s in AssessmentStatus}


def test_page_links_stay_few_however_many_pages():
    from django.core.paginator import Paginator

    from inclusief.paging import page_links

    page = Paginator(range(10_000), 25).get_page(200)
    assert page_links(page) == [1, None, 198, 199, 200, 201, 202, None, 400]
    assert page_links(Paginator(range(50), 25).get_page(1)) == [1, 2]

"""In-process measurements for the benchmark, run by bench/run.py in separate processes.

    python -m bench.probe targets            # JSON: the URL of each page, or why it is absent
    python -m bench.probe pdf                # JSON: one assessment's PDF against WeasyPrint alone
    python -m bench.probe catalogue-start    # JSON: enqueue the 73-assessment catalogue report
    python -m bench.probe catalogue-status UUID
    python -m bench.probe catalogue-inline   # JSON: the same 73 assessments, rendered in-process
    python -m bench.probe analysts N PASSWORD  # JSON: N signed-in analysts, each with a concept
    python -m bench.probe versions           # JSON: the content versions (page-cache tokens)
    python -m bench.probe writes-check ISO-TIME  # JSON: what the analysts saved since then

Pages and functions that this build does not have yet (another branch brings them) are
reported as {"available": false, "reason": ...} instead of failing the run.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time
import tracemalloc

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
django.setup()

from django.db.models import Count  # noqa: E402
from django.template import TemplateDoesNotExist  # noqa: E402
from django.template.loader import get_template  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from assessments.models import Assessment, Platform  # noqa: E402

CATALOGUE_SIZE = 73


def _reverse(name: str, **kwargs) -> str | None:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def _page(url: str | None, reason: str = "") -> dict:
    if url is None:
        return {"available": False, "reason": reason or "URL not in this build"}
    return {"available": True, "url": url}


def _sample_assessment() -> Assessment:
    """A published assessment with many findings: the one the matrix and the PDF use."""
    return (
        Assessment.objects.published()
        .filter(platform__slug__startswith="seed-")
        .annotate(n=Count("findings"))
        .order_by("-n", "pk")
        .select_related("platform")[:1]
        .get()
    )


def targets() -> dict:
    platform = (
        Platform.objects.filter(slug__startswith="seed-")
        .annotate(n=Count("assessments"))
        .order_by("-n", "pk")
        .first()
    )
    sample = _sample_assessment()
    four = list(
        Assessment.objects.published()
        .filter(platform__slug__startswith="seed-", edition=1)
        .order_by("pk")
        .values_list("uuid", flat=True)[:4]
    )
    catalogue = _reverse("assessments:platform_list")
    comparison = _reverse("assessments:comparison")
    return {
        "bare": _page(_reverse("bench_bare")),
        "home": _page(_reverse("home")),
        "catalogue_page_1": _page(catalogue),
        "catalogue_search": _page(
            catalogue and f"{catalogue}?q=klussen&mode=fysiek&skill_level=lager"
        ),
        "platform": _page(platform and platform.get_absolute_url()),
        "matrix": _page(_reverse("assessments:results", uuid=sample.uuid)),
        "comparison_4": _page(comparison and comparison + "?" + "&".join(f"a={u}" for u in four)),
        "overview": _page(_reverse("assessments:overview")),
        "api_assessments": _page(_reverse("opendata:api-assessments")),
        "api_assessment": _page(_reverse("opendata:api-assessment", uuid=sample.uuid)),
        "api_platforms": _page(
            (_reverse("opendata:api-platforms") or "") + "?mode=fysiek&skill_level=lager"
            if _reverse("opendata:api-platforms")
            else None
        ),
        "api_platform": _page(platform and _reverse("opendata:api-platform", slug=platform.slug)),
        "_sample_assessment": str(sample.uuid),
        "_sample_findings": sample.n,
        "_platform_editions": platform.n if platform else 0,
    }


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pdf(runs: int = 3) -> dict:
    try:
        from assessments import reports

        get_template("reports/assessment.html")
    except (ImportError, TemplateDoesNotExist) as exc:
        return {"available": False, "reason": f"assessment reports not in this build ({exc})"}
    from weasyprint import HTML

    assessment = _sample_assessment()
    options = getattr(reports, "PDF_OPTIONS", {})
    fetcher = reports.url_fetcher()
    base_url = getattr(reports, "REPORT_BASE_URL", None)
    rss_before = _rss_mb()

    # Cold: the first PDF of a fresh process, with its peak of Python allocations.
    tracemalloc.start()
    started = time.perf_counter()
    document = reports.render_assessment_pdf(assessment, "nl")
    cold = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = _rss_mb()

    html = reports.render_assessment_html(assessment, "nl")

    def weasyprint_alone() -> bytes:
        return HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf(**options)

    full, alone = [], []
    for _ in range(runs):
        started = time.perf_counter()
        reports.render_assessment_pdf(assessment, "nl")
        full.append(time.perf_counter() - started)
        started = time.perf_counter()
        weasyprint_alone()
        alone.append(time.perf_counter() - started)
    return {
        "available": True,
        "assessment": str(assessment.uuid),
        "findings": assessment.n,
        "pdf_bytes": len(document),
        "pdf_seconds": statistics.median(full),
        "weasyprint_seconds": statistics.median(alone),
        "ratio": statistics.median(full) / statistics.median(alone),
        "pdf_cold_seconds": cold,
        "pdf_peak_python_mb": peak / 2**20,
        "process_rss_before_mb": rss_before,
        "process_peak_rss_mb": rss_after,
        "runs": runs,
    }


def catalogue_start() -> dict:
    try:
        from assessments.reports.jobs import report_job_start

        get_template("reports/catalogue.html")
    except (ImportError, TemplateDoesNotExist) as exc:
        return {"available": False, "reason": f"report jobs not in this build ({exc})"}
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username__startswith="seed-").order_by("pk").first()
    chosen = _catalogue_choice()
    job = report_job_start(requested_by=user, assessments=chosen, language="nl")
    return {"available": True, "job": str(job.uuid), "assessments": len(chosen)}


def _catalogue_choice() -> list[Assessment]:
    return list(
        Assessment.objects.published()
        .filter(platform__slug__startswith="seed-", edition=1)
        .order_by("platform__name")[:CATALOGUE_SIZE]
    )


def catalogue_inline() -> dict:
    """The catalogue report's rendering alone, without the task queue: for profiling it."""
    from assessments.reports import catalogue_assessments, render_catalogue_pdf

    assessments = catalogue_assessments([str(a.uuid) for a in _catalogue_choice()])
    started = time.perf_counter()
    pdf = render_catalogue_pdf(assessments, "nl", progress=lambda done, total: None)
    return {
        "available": True,
        "assessments": len(assessments),
        "pdf_bytes": len(pdf),
        "seconds": time.perf_counter() - started,
    }


def catalogue_status(job_uuid: str) -> dict:
    from assessments.models import ReportJob

    job = ReportJob.objects.get(uuid=job_uuid)
    seconds = (job.finished_at - job.created_at).total_seconds() if job.finished_at else None
    return {
        "status": job.status,
        "error": job.error,
        "pdf_bytes": len(job.pdf or b""),
        "enqueued_to_finished_seconds": seconds,
    }


BENCH_ANALYST = "bench-analist-"


def analysts(count: int, password: str) -> dict:
    """``count`` analysts who can sign in with ``password``, each the owner of their own
    concept assessment: a new edition of a published seeded assessment (answers and findings
    with verdicts copied, as an analyst's follow-up edition starts), on a platform of its own.

    Returns each analyst's plan: the addresses the mixed scenario visits. Run again on the
    same database (``--skip-seed``), it reuses the analysts and their concepts.

    Saving an account bumps the "public" content version (names appear on public pages), so
    the versions returned are read after it, and bench/run.py warms the pages afterwards.
    """
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import transaction

    from assessments import services
    from assessments.models import AssessmentStatus, Finding, Verdict
    from assessments.questionnaire import QuestionnaireState
    from inclusief.roles import ANALIST

    User = get_user_model()
    group = Group.objects.get(name=ANALIST)
    open_statuses = [AssessmentStatus.CONCEPT, AssessmentStatus.REVIEW]
    busy = set(
        Assessment.objects.filter(status__in=open_statuses).values_list("platform_id", flat=True)
    )
    sources = list(
        Assessment.objects.published()
        .filter(platform__slug__startswith="seed-")
        .exclude(platform_id__in=busy)
        .annotate(n=Count("findings"))
        .order_by("-n", "pk")[: 50 * count]
    )
    plans = []
    with transaction.atomic():
        for i in range(1, count + 1):
            user, _created = User.objects.get_or_create(
                username=f"{BENCH_ANALYST}{i:02d}",
                defaults={"first_name": "Bench", "last_name": f"analist {i:02d}"},
            )
            user.set_password(password)
            user.save()
            user.groups.add(group)
            concept = Assessment.objects.filter(owner=user, status=AssessmentStatus.CONCEPT).first()
            if concept is None:
                source = next(
                    s
                    for s in sources
                    if not Assessment.objects.filter(
                        platform_id=s.platform_id, edition__gt=s.edition
                    ).exists()
                    and s.platform_id not in busy
                )
                busy.add(source.platform_id)
                concept = services.assessment_new_edition(assessment=source, owner=user)
            state = QuestionnaireState.load(concept)
            reviewable = list(
                Finding.objects.filter(
                    assessment=concept,
                    verdict__in=[Verdict.CONFIRMED, Verdict.NOT_APPLICABLE],
                    statement__isnull=False,
                )
                .select_related("criterion")
                .order_by("criterion__order", "kind", "order", "pk")
            )
            # Round-robin over the criteria, so that successive rounds visit each findings page.
            rank: dict[int, int] = {}
            for f in reviewable:
                rank[f.criterion_id] = rank.get(f.criterion_id, -1) + 1
                f.rank = rank[f.criterion_id]
            reviewable = sorted(reviewable, key=lambda f: (f.rank, f.criterion.order))[:40]
            plans.append(
                {
                    "username": user.username,
                    "assessment": str(concept.uuid),
                    "login": reverse("login"),
                    "my_tasks": reverse("assessments:my_tasks"),
                    "task_list": concept.get_absolute_url(),
                    "steps": [
                        reverse("assessments:step", kwargs={"uuid": concept.uuid, "code": c.code})
                        for c in state.steps
                    ],
                    "findings": [
                        {
                            "url": reverse(
                                "assessments:finding_edit",
                                kwargs={"uuid": concept.uuid, "finding": f.uuid},
                            ),
                            "findings_url": reverse(
                                "assessments:findings",
                                kwargs={"uuid": concept.uuid, "criterion": f.criterion.code},
                            ),
                        }
                        for f in reviewable
                    ],
                    "matrix": reverse("assessments:results", kwargs={"uuid": concept.uuid}),
                    "overview": reverse("assessments:overview"),
                }
            )
    return {"available": True, "analysts": plans, "versions": versions()}


def versions() -> dict:
    from inclusief.models import ContentVersion

    row = ContentVersion.objects.filter(pk=1).values("public", "framework", "changed_at").first()
    return {"available": True, **{k: str(v) for k, v in (row or {}).items()}}


def writes_check(since: str) -> dict:
    """What the bench analysts' concepts show of the run since ``since`` (ISO time): answers
    and findings saved, their history rows, and the findings whose motivation a review set."""
    import datetime

    from assessments.models import Answer, AssessmentStatus, Finding

    start = datetime.datetime.fromisoformat(since)
    concepts = Assessment.objects.filter(
        owner__username__startswith=BENCH_ANALYST, status=AssessmentStatus.CONCEPT
    )
    answers = Answer.objects.filter(assessment__in=concepts)
    findings = Finding.objects.filter(assessment__in=concepts)
    return {
        "available": True,
        "versions": versions(),
        "assessments": concepts.count(),
        "answers_changed": answers.filter(updated_at__gte=start).count(),
        "answers_with_bench_note": answers.filter(
            updated_at__gte=start, note__startswith="Bench "
        ).count(),
        "answer_saves": Answer.history.filter(
            assessment_id__in=concepts.values("pk"), history_date__gte=start
        ).count(),
        "findings_reviewed": findings.filter(
            updated_at__gte=start, motivation__startswith="Bench "
        ).count(),
        "finding_saves": Finding.history.filter(
            assessment_id__in=concepts.values("pk"),
            history_date__gte=start,
            motivation__startswith="Bench ",
        ).count(),
    }


def main(argv: list[str]) -> None:
    command = argv[0]
    if command == "targets":
        result = targets()
    elif command == "pdf":
        result = pdf()
    elif command == "catalogue-start":
        result = catalogue_start()
    elif command == "catalogue-inline":
        result = catalogue_inline()
    elif command == "catalogue-status":
        result = catalogue_status(argv[1])
    elif command == "analysts":
        result = analysts(int(argv[1]), argv[2])
    elif command == "versions":
        result = versions()
    elif command == "writes-check":
        result = writes_check(argv[1])
    else:
        raise SystemExit(f"unknown command {command}")
    print("PROBE_JSON " + json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])

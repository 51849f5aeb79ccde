"""Result pages: an assessment's matrix, the comparison, the overview and the exports."""

import csv
import json

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from assessments.access import get_assessment_for_user
from assessments.matrix import assessment_matrix
from assessments.results import (
    CANDIDATE_LIMIT,
    KINDS,
    OVERVIEW_PAGE_SIZE,
    SCHEMA_VERSION,
    compare,
    findings_csv_rows,
    findings_export,
    overview_assessments,
    overview_csv_rows,
    overview_export,
    overview_ids,
    overview_rows,
    parse_sort,
)
from assessments.results_forms import ComparisonForm, OverviewFilterForm
from framework.models import Criterion, StatementKind
from inclusief.caching import public_page

KIND_PLURALS = {StatementKind.OPPORTUNITY: _("Kansen"), StatementKind.CHALLENGE: _("Uitdagingen")}


@require_safe
@public_page
def results(request: HttpRequest, uuid) -> HttpResponse:
    assessment = get_assessment_for_user(request, uuid)
    matrix = assessment_matrix(assessment)
    return render(request, "assessments/results.html", {"assessment": assessment, "matrix": matrix})


@require_safe
@public_page
def comparison(request: HttpRequest) -> HttpResponse:
    form = ComparisonForm(request.GET or None, user=request.user)
    result = None
    # The search button only narrows the list; only "Vergelijken" checks the choice.
    if "vergelijk" in request.GET and form.is_valid():
        result = compare(form.cleaned_data["a"])
    return render(
        request,
        "assessments/comparison.html",
        {
            "form": form,
            "checked": form.is_bound and "vergelijk" in request.GET,
            "shown": form.shown(),
            "total": form.total,
            "limit": CANDIDATE_LIMIT,
            "comparison": result,
        },
    )


def _sort_headers(request: HttpRequest, criteria: list[Criterion], current: str) -> dict:
    """Per sortable column: the link that sorts by it and its aria-sort value."""
    query = request.GET.copy()
    query.pop("pagina", None)
    current_key = parse_sort(current, criteria)
    columns = ["platform"] + [f"{c.code}:{kind}" for c in criteria for kind in KINDS]
    headers = {}
    for column in columns:
        active = current_key.value.lstrip("-") == column
        descending = current_key.descending if active else False
        # A click on the sorted column turns the order round; counts start high-first.
        if active:
            next_value = column if descending else f"-{column}"
        else:
            next_value = column if column == "platform" else f"-{column}"
        query["sort"] = next_value
        headers[column] = {
            "url": f"?{query.urlencode()}",
            "aria_sort": ("descending" if descending else "ascending") if active else "none",
        }
    return headers


@require_safe
@public_page
def overview(request: HttpRequest) -> HttpResponse:
    form = OverviewFilterForm(request.GET)
    filters = form.filters()
    criteria = list(Criterion.objects.all())
    page = Paginator(overview_ids(filters, criteria), OVERVIEW_PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    rows = overview_rows(overview_assessments(page.object_list), criteria)
    headers = _sort_headers(request, criteria, filters.sort)
    query = request.GET.copy()
    query.pop("pagina", None)
    export_query = request.GET.copy()
    for key in ("pagina", "sort"):
        export_query.pop(key, None)
    columns = [
        {
            "criterion": c,
            "kinds": [
                {"label": KIND_PLURALS[kind], **headers[f"{c.code}:{kind}"]} for kind in KINDS
            ],
        }
        for c in criteria
    ]
    return render(
        request,
        "assessments/overview.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "rows": rows,
            "columns": columns,
            "platform_header": headers["platform"],
            "query": query.urlencode(),
            "schema_version": SCHEMA_VERSION,
            "exports": export_urls(export_query.urlencode()),
        },
    )


def _csv_response(rows, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerows(rows)
    return response


def _json_response(document: dict, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def overview_export_view(request: HttpRequest, fmt: str) -> HttpResponse:
    filters = OverviewFilterForm(request.GET).filters()
    if fmt == "csv":
        return _csv_response(overview_csv_rows(filters), "inclusief-overzicht.csv")
    return _json_response(overview_export(filters), "inclusief-overzicht.json")


@require_safe
def findings_export_view(request: HttpRequest, fmt: str) -> HttpResponse:
    filters = OverviewFilterForm(request.GET).filters()
    if fmt == "csv":
        return _csv_response(findings_csv_rows(filters), "inclusief-bevindingen.csv")
    return _json_response(findings_export(filters), "inclusief-bevindingen.json")


def export_urls(query: str) -> dict[str, str]:
    suffix = f"?{query}" if query else ""
    return {
        name: reverse(f"assessments:{name}") + suffix
        for name in (
            "overview_export_csv",
            "overview_export_json",
            "findings_export_csv",
            "findings_export_json",
        )
    }

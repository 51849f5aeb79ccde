"""Result pages: an assessment's matrix, the comparison, the overview and the exports."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from assessments.access import get_assessment_for_user
from assessments.derive import attach_explanations
from assessments.lens import (
    LENS_PARAM,
    fit_scores,
    lens_comparison,
    lens_group,
    lens_groups,
    lens_matrix,
)
from assessments.matrix import assessment_matrix
from assessments.report_views import limited_download
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
from assessments.scenarios import advice_for, visible_scenarios
from framework.models import Criterion, StatementKind
from inclusief.caching import public_page
from inclusief.streaming import csv_chunks, json_chunks, streaming_download

KIND_PLURALS = {StatementKind.OPPORTUNITY: _("Kansen"), StatementKind.CHALLENGE: _("Uitdagingen")}


@require_safe
@public_page
def results(request: HttpRequest, uuid) -> HttpResponse:
    assessment = get_assessment_for_user(request, uuid)
    matrix = assessment_matrix(assessment)
    attach_explanations(
        assessment, [f for row in matrix.rows for f in (*row.opportunities, *row.challenges)]
    )
    group = lens_group(request.GET.get(LENS_PARAM))
    lens = lens_matrix(matrix, group) if group else None
    return render(
        request,
        "assessments/results.html",
        {
            "assessment": assessment,
            "matrix": matrix,
            "lens": lens,
            "actions": lens.actions if lens else matrix.actions,
            "lens_groups": lens_groups(),
            "advice": advice_for(assessment, visible_scenarios(request.user, assessment)),
        },
    )


@require_safe
@public_page
def comparison(request: HttpRequest) -> HttpResponse:
    form = ComparisonForm(request.GET or None, user=request.user)
    result = None
    # The search button only narrows the list; only "Vergelijken" checks the choice.
    group = lens_group(request.GET.get(LENS_PARAM))
    if "vergelijk" in request.GET and form.is_valid():
        result = compare(form.cleaned_data["a"])
        if group:
            lens_comparison(result, group)
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
            "lens_group": group,
            "lens_groups": lens_groups(),
        },
    )


def _sort_headers(request: HttpRequest, criteria: list[Criterion], current: str) -> dict:
    """Per sortable column: the link that sorts by it and its aria-sort value."""
    query = request.GET.copy()
    query.pop("pagina", None)
    current_key = parse_sort(current, criteria)
    columns = ["platform", "fit"] + [f"{c.code}:{kind}" for c in criteria for kind in KINDS]
    headers = {}
    for column in columns:
        active = current_key.value.lstrip("-") == column
        descending = current_key.descending if active else False
        # A click on the sorted column turns the order round; counts start high-first.
        if active:
            next_value = column if descending else f"-{column}"
        else:
            next_value = column if column in ("platform", "fit") else f"-{column}"
        query["sort"] = next_value
        # "fit" lists the best fit (the highest score) first: that is a descending order.
        shown_descending = descending != (column == "fit")
        headers[column] = {
            "url": f"?{query.urlencode()}",
            "aria_sort": ("descending" if shown_descending else "ascending") if active else "none",
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
    group = lens_group(filters.target_group)
    if group:
        fits = fit_scores([row.assessment.pk for row in rows], group.code)
        for row in rows:
            row.fit = fits[row.assessment.pk]
    headers = _sort_headers(request, criteria, filters.sort)
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
            "lens_group": group,
            "fit_header": headers.get("fit"),
            "schema_version": SCHEMA_VERSION,
            "exports": export_urls(export_query.urlencode()),
        },
    )


# Dutch Excel opens a CSV by double-click only when it starts with a byte-order mark and
# separates with ";" (the comma is the decimal sign); other tools ask for "?scheiding=komma".
CSV_SEPARATORS = {"puntkomma": ";", "komma": ","}


def _csv_response(request: HttpRequest, rows, filename: str) -> StreamingHttpResponse:
    separator = CSV_SEPARATORS.get(request.GET.get("scheiding", ""), ";")
    return streaming_download(
        csv_chunks(rows, delimiter=separator),
        content_type="text/csv; charset=utf-8",
        filename=filename,
    )


def _json_response(head: dict, key: str, records, filename: str) -> StreamingHttpResponse:
    return streaming_download(
        json_chunks(head, key, records),
        content_type="application/json; charset=utf-8",
        filename=filename,
    )


@require_safe
@limited_download(renders=False)
def overview_export_view(request: HttpRequest, fmt: str) -> HttpResponseBase:
    filters = OverviewFilterForm(request.GET).filters()
    if fmt == "csv":
        return _csv_response(request, overview_csv_rows(filters), "inclusief-overzicht.csv")
    head, records = overview_export(filters)
    return _json_response(head, "assessments", records, "inclusief-overzicht.json")


@require_safe
@limited_download(renders=False)
def findings_export_view(request: HttpRequest, fmt: str) -> HttpResponseBase:
    filters = OverviewFilterForm(request.GET).filters()
    if fmt == "csv":
        return _csv_response(request, findings_csv_rows(filters), "inclusief-bevindingen.csv")
    head, records = findings_export(filters)
    return _json_response(head, "findings", records, "inclusief-bevindingen.json")


def export_urls(query: str) -> dict[str, str]:
    suffix = f"?{query}" if query else ""
    comma = f"?{query}&scheiding=komma" if query else "?scheiding=komma"
    urls = {
        name: reverse(f"assessments:{name}") + suffix
        for name in (
            "overview_export_csv",
            "overview_export_json",
            "findings_export_csv",
            "findings_export_json",
        )
    }
    for name in ("overview_export_csv", "findings_export_csv"):
        urls[f"{name}_comma"] = reverse(f"assessments:{name}") + comma
    return urls

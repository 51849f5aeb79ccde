"""The open-data pages: the downloads with their licence, the DCAT description, and the
stored reports of published assessments (served as files; never rendered here)."""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from assessments.models import Assessment
from opendata.datasets import DATASETS
from opendata.dcat import dcat_catalogue
from opendata.models import DatasetFile
from opendata.reports import REPORT_LANGUAGES, report_filename, stored_report_for

NOT_READY_RETRY_SECONDS = 60
_BY_FILENAME = {d.filename: d for d in DATASETS}


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    stored = {d.code: d for d in DatasetFile.objects.all()}
    rows = [(dataset, stored.get(dataset.code)) for dataset in DATASETS]
    return render(
        request,
        "opendata/index.html",
        {
            "rows": rows,
            "licence_name": settings.OPEN_DATA_LICENCE_NAME,
            "licence_url": settings.OPEN_DATA_LICENCE_URL,
            "publisher": settings.OPEN_DATA_PUBLISHER,
        },
    )


@require_safe
def download(request: HttpRequest, filename: str) -> HttpResponse:
    """A stored download, streamed from the storage in chunks; 404 until it was made."""
    dataset = _BY_FILENAME.get(filename)
    if dataset is None:
        raise Http404
    entry = DatasetFile.objects.filter(code=dataset.code).first()
    if entry is None or not entry.file.storage.exists(entry.file.name):
        return render(
            request,
            "opendata/not_ready.html",
            {"what": dataset.title},
            status=404,
        )
    response = FileResponse(entry.file.open("rb"), as_attachment=True, filename=dataset.filename)
    response["Content-Type"] = (
        f"{dataset.media_type}; charset=utf-8" if dataset.format == "CSV" else dataset.media_type
    )
    response["Last-Modified"] = http_date(entry.generated_at.timestamp())
    return response


@require_safe
def dcat(request: HttpRequest) -> JsonResponse:
    base = f"{request.scheme}://{request.get_host()}"
    return JsonResponse(
        dcat_catalogue(base),
        content_type="application/ld+json",
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )


@require_safe
def report(request: HttpRequest, uuid, language: str) -> HttpResponse:
    """The stored PDF of a published assessment. Rendering happens only in the background
    task after publication; until it is done this page says so (503 with Retry-After)."""
    if language not in REPORT_LANGUAGES:
        raise Http404
    assessment = get_object_or_404(
        Assessment.objects.published().select_related("platform"), uuid=uuid
    )
    stored = stored_report_for(assessment, language)
    if stored is None or not stored.file.storage.exists(stored.file.name):
        response = render(
            request,
            "opendata/not_ready.html",
            {"what": _("het rapport"), "assessment": assessment},
            status=503,
        )
        response["Retry-After"] = str(NOT_READY_RETRY_SECONDS)
        return response
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=report_filename(assessment, language),
        content_type="application/pdf",
    )
    return response

"""PDF reports: one assessment as a download; reports over many as background jobs."""

from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from assessments import reports
from assessments.access import get_assessment_for_user
from assessments.forms import ReportChoiceForm, ReportJobForm
from assessments.lens import LENS_PARAM, lens_group
from assessments.models import ReportJob, ReportJobStatus
from assessments.reports.jobs import (
    ReportJobError,
    report_job_retry,
    report_job_start,
    report_job_sync,
)
from inclusief.access import role_required
from inclusief.roles import ANALIST, ONDERZOEKER
from inclusief.throttling import (
    NoSlot,
    client_address,
    ratelimit_take,
    ratelimit_wait,
    render_slot,
)
from inclusief.views import too_many_requests

EXPORT_WINDOW = timedelta(minutes=10)
# What a visitor waits before trying again when every render place is taken.
RENDER_RETRY_SECONDS = 10


def _visitor(request: HttpRequest) -> str:
    """Signed-in users are counted per account, everyone else per address."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"address:{client_address(request) or 'unknown'}"


def limited_download(*, renders: bool) -> Callable:
    """Limit a download view: ``EXPORTS_PER_10_MINUTES`` per visitor and, when the view
    renders a PDF in the request (``renders``), ``PDF_RENDERS_AT_ONCE`` renders in the whole
    site and one per visitor at a time. Six concurrent renders used to keep every app
    worker busy for seconds (``/health/`` waited 12 s); the excess now gets 429 at once."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            visitor = _visitor(request)
            key = f"export:{visitor}"
            if not ratelimit_take(
                key=key, limit=settings.EXPORTS_PER_10_MINUTES, window=EXPORT_WINDOW
            ):
                return too_many_requests(
                    request,
                    reason=_("U heeft in korte tijd veel bestanden opgevraagd."),
                    retry_after=ratelimit_wait(key=key, window=EXPORT_WINDOW),
                )
            if not renders:
                return view(request, *args, **kwargs)
            try:
                with render_slot(
                    keys=[
                        ("pdf-render", settings.PDF_RENDERS_AT_ONCE),
                        (f"pdf-render:{visitor}", 1),
                    ]
                ):
                    return view(request, *args, **kwargs)
            except NoSlot:
                return too_many_requests(
                    request,
                    reason=_("Er worden nu veel rapporten tegelijk gemaakt."),
                    retry_after=RENDER_RETRY_SECONDS,
                )

        return wrapped

    return decorator


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _language() -> str:
    return (get_language() or "nl")[:2]


@require_safe
@limited_download(renders=True)
def assessment_pdf(request: HttpRequest, uuid) -> HttpResponse:
    assessment = get_assessment_for_user(request, uuid)
    group = lens_group(request.GET.get(LENS_PARAM))
    if assessment.is_published and (group is None or not request.user.is_authenticated):
        # Published reports are files, made once in the background (opendata); no anonymous
        # request lays one out. A signed-in user may ask for the lens, which is rendered.
        return redirect("opendata:report", uuid=assessment.uuid, language=_language())
    pdf = reports.render_assessment_pdf(assessment, _language(), target_group=group)
    suffix = f"-{group.code}" if group else ""
    return _pdf_response(
        pdf, f"inclusief-{assessment.platform.slug}-v{assessment.edition}{suffix}.pdf"
    )


@role_required(ONDERZOEKER, ANALIST)
def report_jobs(request: HttpRequest) -> HttpResponse:
    choice = _report_choice(request)
    # Whoever has chosen assessments means those, not every published one.
    initial = {"scope": ReportJobForm.SELECTION} if choice["chosen"] else None
    form = ReportJobForm(
        request.POST or None, initial=initial, user=request.user, language=_language()
    )
    if request.method == "POST" and form.is_valid():
        job = report_job_start(
            requested_by=request.user,
            assessments=form.cleaned_data["chosen"],
            language=form.cleaned_data["language"],
        )
        return redirect(job)
    jobs = [
        job if job.is_finished else report_job_sync(job)
        for job in ReportJob.objects.filter(requested_by=request.user).defer("pdf")[:50]
    ]
    return render(
        request,
        "assessments/report_jobs.html",
        {
            "form": form,
            "jobs": jobs,
            "keep_days": settings.REPORT_KEEP_DAYS,
            **choice,
        },
    )


def _report_choice(request: HttpRequest) -> dict[str, Any]:
    """The search for a report's assessments: the chosen ones and one page of the rest."""
    choice = ReportChoiceForm(request.GET, user=request.user)
    chosen = choice.chosen()
    page = Paginator(choice.candidates(chosen), ReportChoiceForm.PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    # Paged by submit buttons inside the form (not the pagination partial's links), so that
    # the ticks on this page travel along to the next.
    return {
        "choice": choice,
        "chosen": chosen,
        "page": page,
        "max_assessments": settings.REPORT_MAX_ASSESSMENTS,
    }


def _job_for_user(request: HttpRequest, uuid) -> ReportJob:
    """A report job is its requester's alone; anyone else learns nothing of it (404)."""
    try:
        return ReportJob.objects.defer("pdf").get(uuid=uuid, requested_by=request.user)
    except ReportJob.DoesNotExist:
        raise Http404 from None


@login_required
@require_safe
def report_job(request: HttpRequest, uuid) -> HttpResponse:
    job = report_job_sync(_job_for_user(request, uuid))
    return render(request, "assessments/report_job.html", {"job": job})


@login_required
@require_safe
@limited_download(renders=False)
def report_job_download(request: HttpRequest, uuid) -> HttpResponse:
    job = _job_for_user(request, uuid)
    if job.status != ReportJobStatus.DONE:
        raise Http404
    pdf = ReportJob.objects.values_list("pdf", flat=True).get(pk=job.pk)
    return _pdf_response(bytes(pdf), f"inclusief-rapport-{job.created_at:%Y-%m-%d}.pdf")


@login_required
@require_POST
def report_job_retry_view(request: HttpRequest, uuid) -> HttpResponse:
    job = report_job_sync(_job_for_user(request, uuid))
    try:
        new_job = report_job_retry(job=job)
    except ReportJobError as exc:
        messages.error(request, str(exc))
        return redirect(job)
    return redirect(new_job)

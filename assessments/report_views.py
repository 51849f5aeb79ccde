"""PDF reports: one assessment as a download; reports over many as background jobs."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from assessments.access import get_assessment_for_user
from assessments.forms import ReportJobForm
from assessments.models import ReportJob, ReportJobStatus
from assessments.report_jobs import report_job_start, report_job_sync
from assessments.reports import render_assessment_pdf
from inclusief.access import role_required
from inclusief.roles import ANALIST, ONDERZOEKER


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _language() -> str:
    return (get_language() or "nl")[:2]


@require_safe
def assessment_pdf(request: HttpRequest, uuid) -> HttpResponse:
    assessment = get_assessment_for_user(request, uuid)
    if assessment.is_published:
        # Published reports are files, made once in the background (opendata); no visitor's
        # request lays one out.
        return redirect("opendata:report", uuid=assessment.uuid, language=_language())
    pdf = render_assessment_pdf(assessment, _language())
    return _pdf_response(pdf, f"inclusief-{assessment.platform.slug}-v{assessment.edition}.pdf")


@role_required(ONDERZOEKER, ANALIST)
def report_jobs(request: HttpRequest) -> HttpResponse:
    form = ReportJobForm(request.POST or None, user=request.user, language=_language())
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
        {"form": form, "jobs": jobs, "keep_days": settings.REPORT_KEEP_DAYS},
    )


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
def report_job_download(request: HttpRequest, uuid) -> HttpResponse:
    job = _job_for_user(request, uuid)
    if job.status != ReportJobStatus.DONE:
        raise Http404
    pdf = ReportJob.objects.values_list("pdf", flat=True).get(pk=job.pk)
    return _pdf_response(bytes(pdf), f"inclusief-rapport-{job.created_at:%Y-%m-%d}.pdf")

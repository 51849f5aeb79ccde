"""Published reports as files: rendered once in the background, stored, served as files.

``stored_report_make`` renders one language of a published assessment's PDF and saves it
through Django's storage API; the download view only opens the stored file, so no visitor's
request ever lays out a PDF. ``stored_reports_regenerate`` makes them again after a layout
or framework change (``manage.py regenerate_reports``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

# The module, not the function: assessments.reports loads WeasyPrint only when a report is
# laid out, so that every process that merely starts Django stays without it (~22 MB).
from assessments import reports as assessment_reports
from assessments.models import Assessment
from opendata.models import StoredReport

logger = logging.getLogger(__name__)

REPORT_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


def report_filename(assessment: Assessment, language: str) -> str:
    return f"inclusief-{assessment.platform.slug}-v{assessment.edition}-{language}.pdf"


def stored_report_make(*, assessment: Assessment, language: str) -> StoredReport:
    """Render and store one report; replaces (and deletes the file of) an older one."""
    if not assessment.is_published:
        raise ValueError("Only published assessments get a stored report.")
    pdf = assessment_reports.render_assessment_pdf(assessment, language)
    name = f"reports/{assessment.uuid}/{report_filename(assessment, language)}"
    with transaction.atomic():
        old = (
            StoredReport.objects.select_for_update()
            .filter(assessment=assessment, language=language)
            .first()
        )
        report = old or StoredReport(assessment=assessment, language=language)
        old_name = old.file.name if old else None
        report.file.save(name, ContentFile(pdf), save=False)
        report.layout_version = settings.REPORT_LAYOUT_VERSION
        report.framework_version = assessment.framework_version
        report.size = len(pdf)
        report.rendered_at = timezone.now()
        report.save()
    if old_name and old_name != report.file.name:
        report.file.storage.delete(old_name)
    return report


def stored_reports_make(*, assessment: Assessment) -> list[StoredReport]:
    return [stored_report_make(assessment=assessment, language=lang) for lang in REPORT_LANGUAGES]


def outdated_assessments() -> Iterable[Assessment]:
    """Published assessments whose stored reports are missing or of another layout."""
    current = StoredReport.objects.filter(layout_version=settings.REPORT_LAYOUT_VERSION)
    complete = (
        current.values("assessment_id")
        .annotate(n=Count("pk"))
        .filter(n=len(REPORT_LANGUAGES))
        .values("assessment_id")
    )
    return Assessment.objects.published().exclude(pk__in=complete).order_by("pk")


def stored_reports_regenerate(*, only_outdated: bool = False, platform: str = "") -> int:
    """Render the stored reports again; the number of assessments done."""
    queryset = outdated_assessments() if only_outdated else Assessment.objects.published()
    if platform:
        queryset = queryset.filter(platform__slug=platform)
    done = 0
    for assessment in queryset.select_related("platform").order_by("pk").iterator(chunk_size=50):
        stored_reports_make(assessment=assessment)
        done += 1
    return done


def stored_report_for(assessment: Assessment, language: str) -> StoredReport | None:
    return StoredReport.objects.filter(assessment=assessment, language=language).first()

"""PDF reports: what they show (``data``), how they are laid out (``layout``) and catalogue
reports as background jobs (``jobs``).

The public names of all three are importable from here. ``layout`` and ``jobs`` are loaded
on first use: WeasyPrint takes about a second and 40 MB to import, which a web worker should
spend only when someone asks for a PDF.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from assessments.reports.data import (
    AnswerLine,
    AssessmentReport,
    CriterionNotes,
    CriterionSection,
    FindingEntry,
    FindingSource,
    FrameworkContext,
    ProfileSection,
    assessment_report,
    catalogue_assessments,
    framework_context,
    report_queryset,
    statement_notes,
    user_name,
)

if TYPE_CHECKING:
    from assessments.reports.jobs import (
        ReportJobError,
        make_catalogue_report,
        report_job_run,
        report_job_start,
        report_job_sync,
        report_jobs_prune,
    )
    from assessments.reports.layout import (
        PDF_OPTIONS,
        REPORT_BASE_URL,
        ProgressCallback,
        StaticOnlyFetcher,
        render_assessment_html,
        render_assessment_pdf,
        render_catalogue_html,
        render_catalogue_pdf,
        render_document,
        url_fetcher,
        write_pdf,
    )

_LAZY = {
    "assessments.reports.layout": (
        "PDF_OPTIONS",
        "REPORT_BASE_URL",
        "ProgressCallback",
        "StaticOnlyFetcher",
        "render_assessment_html",
        "render_assessment_pdf",
        "render_catalogue_html",
        "render_catalogue_pdf",
        "render_document",
        "url_fetcher",
        "write_pdf",
    ),
    "assessments.reports.jobs": (
        "ReportJobError",
        "make_catalogue_report",
        "report_job_run",
        "report_job_start",
        "report_job_sync",
        "report_jobs_prune",
    ),
}
_LAZY_MODULE = {name: module for module, names in _LAZY.items() for name in names}
# The names these had before the package was split, for code written against them.
_RENAMED = {"_render_document": "render_document", "_url_fetcher": "url_fetcher"}

__all__ = [
    "AnswerLine",
    "AssessmentReport",
    "CriterionNotes",
    "CriterionSection",
    "FindingEntry",
    "FindingSource",
    "FrameworkContext",
    "ProfileSection",
    "assessment_report",
    "catalogue_assessments",
    "framework_context",
    "report_queryset",
    "statement_notes",
    "user_name",
    "PDF_OPTIONS",
    "REPORT_BASE_URL",
    "ProgressCallback",
    "StaticOnlyFetcher",
    "render_assessment_html",
    "render_assessment_pdf",
    "render_catalogue_html",
    "render_catalogue_pdf",
    "render_document",
    "url_fetcher",
    "write_pdf",
    "ReportJobError",
    "make_catalogue_report",
    "report_job_run",
    "report_job_start",
    "report_job_sync",
    "report_jobs_prune",
]


def __getattr__(name: str) -> Any:
    # Looked up on every use (not cached here), so a test may replace a name in its module.
    name = _RENAMED.get(name, name)
    module = _LAZY_MODULE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)

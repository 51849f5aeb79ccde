"""Reports as HTML and PDF: our templates (``templates/reports/``), laid out by WeasyPrint.

The reports use a small print stylesheet (``static/css/report.css``), not the screen CSS. They
are tagged (PDF/UA-1) and carry title and language metadata. Nothing is fetched from the
network: the URL fetcher serves our static files from disk and refuses every other address.

A catalogue report is one HTML document and one WeasyPrint layout: the overview, every
assessment and the appendix. It shows each assessment shorter than its own report does: the
findings with the analyst's motivation, the matrix and the actions, while the framework's
explanation of each kans and uitdaging is printed once in the appendix; the platform profile,
the answers behind each finding and the rules that derived it stay in the assessment's own
report. The stylesheet does what a document of many parts needs: page
numbers run through with ``counter(page)``, the overview's page column is
``target-counter()`` of each assessment's first heading, and ``bookmark-level`` puts the
appendix at the top of the outline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import CSS, HTML, Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from assessments.editions import report_edition_diff
from assessments.lens import lens_matrix
from assessments.models import Assessment
from assessments.reports.data import (
    FrameworkContext,
    assessment_report,
    framework_context,
    statement_notes,
)
from framework.models import TargetGroup

# The base URL of the report HTML. It is not a real address: the URL fetcher maps it to the
# static files on disk, so ``{% static %}`` paths resolve without a web server.
REPORT_BASE_URL = "https://report.inclusief.invalid/"

PDF_OPTIONS: dict[str, Any] = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}

ProgressCallback = Callable[[int, int], None]


# --- HTML --------------------------------------------------------------------------------------


def render_assessment_html(
    assessment: Assessment,
    language: str,
    *,
    framework: FrameworkContext | None = None,
    target_group: TargetGroup | None = None,
) -> str:
    """The report of one assessment as HTML for WeasyPrint, optionally seen for one target
    group (the lens of ``assessments.lens``)."""
    with translation.override(language):
        if framework is None:
            framework = framework_context(assessment.framework_version)
        report = assessment_report(assessment, framework["criteria"])
        return render_to_string(
            "reports/assessment.html",
            {
                **framework,
                "report": report,
                "edition_diff": report_edition_diff(assessment),
                "lens": lens_matrix(report.matrix, target_group) if target_group else None,
                "standalone": True,
                "generated_at": timezone.now(),
                "LANGUAGE_CODE": language,
            },
        )


def render_catalogue_html(
    assessments: Iterable[Assessment], language: str, progress: ProgressCallback | None = None
) -> str:
    """The overview of many assessments, each assessment's report, and the appendix, as one
    HTML document. ``progress(done, total)`` is called as each assessment's data is read;
    ``total`` counts one more step, the layout of the whole document."""
    assessments = list(assessments)
    total = len(assessments) + 1
    with translation.override(language):
        framework = framework_context()
        reports = []
        for done, assessment in enumerate(assessments, start=1):
            reports.append(assessment_report(assessment, framework["criteria"], explain=False))
            if progress:
                progress(done, total)
        return render_to_string(
            "reports/catalogue.html",
            {
                **framework,
                "reports": reports,
                "statement_notes": statement_notes(reports, framework["criteria"]),
                "standalone": False,
                "generated_at": timezone.now(),
                "LANGUAGE_CODE": language,
            },
        )


# --- WeasyPrint ------------------------------------------------------------------------------


def _static_path(url: str) -> Path | None:
    """The file on disk behind a report URL under STATIC_URL, or None."""
    parsed = urlparse(url)
    if f"{parsed.scheme}://{parsed.netloc}/" != REPORT_BASE_URL:
        return None
    prefix = settings.STATIC_URL
    if not parsed.path.startswith(prefix):
        return None
    relative = unquote(parsed.path[len(prefix) :])
    if ".." in Path(relative).parts:
        return None
    found = finders.find(relative)
    if isinstance(found, str):
        return Path(found)
    collected = Path(settings.STATIC_ROOT) / relative
    return collected if collected.is_file() else None


class StaticOnlyFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that reads our static files and refuses everything else."""

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        path = _static_path(url)
        if path is None:
            # A report must never reach out to the network (offline and closed networks).
            raise ValueError(f"Reports fetch no external resources: {url}")
        content_type = "text/css" if path.suffix == ".css" else "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), headers={"Content-Type": content_type})


def url_fetcher() -> StaticOnlyFetcher:
    return StaticOnlyFetcher(fail_on_errors=True)


def render_document(
    html: str, extra_css: str = "", font_config: FontConfiguration | None = None
) -> Document:
    """Lay out one HTML document as a tagged WeasyPrint ``Document``.

    ``extra_css`` is a user stylesheet on top of the document's own; documents laid out one
    after another may share ``font_config`` so that fonts are looked up once.
    """
    fetcher = url_fetcher()
    stylesheets = (
        [CSS(string=extra_css, url_fetcher=fetcher, font_config=font_config)] if extra_css else None
    )
    return HTML(string=html, base_url=REPORT_BASE_URL, url_fetcher=fetcher).render(
        stylesheets=stylesheets, font_config=font_config, **PDF_OPTIONS
    )


def write_pdf(document: Document) -> bytes:
    pdf: bytes = document.write_pdf(**PDF_OPTIONS)
    return pdf


def render_assessment_pdf(
    assessment: Assessment, language: str, *, target_group: TargetGroup | None = None
) -> bytes:
    """One assessment's report as a tagged PDF, optionally seen for one target group."""
    return write_pdf(
        render_document(render_assessment_html(assessment, language, target_group=target_group))
    )


def render_catalogue_pdf(
    assessments: Iterable[Assessment], language: str, progress: ProgressCallback | None = None
) -> bytes:
    """An overview of many assessments (platforms × criteria), each report, and the appendix:
    one document, laid out in this process. ``progress(done, total)`` is called as each
    assessment is read and once more when the file is written."""
    assessments = list(assessments)
    total = len(assessments) + 1
    pdf = write_pdf(render_document(render_catalogue_html(assessments, language, progress)))
    if progress:
        progress(total, total)
    return pdf

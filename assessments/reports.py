"""PDF reports: one assessment, or an overview of many, rendered by WeasyPrint.

The reports are our own templates (``templates/reports/``) with a small print stylesheet
(``static/css/report.css``), not the screen CSS. They are tagged (PDF/UA-1) and carry title and
language metadata. Nothing is fetched from the network: the URL fetcher serves our static files
from disk and refuses every other address.

A catalogue report renders the overview and every assessment as separate WeasyPrint documents
and joins their pages. That gives real progress per assessment and keeps one bad assessment
from hiding where a failure came from; page numbers run on through the whole file because each
part starts its page counter where the previous part ended.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation

from assessments.matrix import Matrix, assessment_matrix
from assessments.models import Answer, Assessment, Finding
from assessments.questionnaire import QuestionnaireState
from framework.models import Characteristic, Criterion, FrameworkVersion, Option, Question

if TYPE_CHECKING:
    from weasyprint import Document

logger = logging.getLogger(__name__)

# The base URL of the report HTML. It is not a real address: the URL fetcher maps it to the
# static files on disk, so ``{% static %}`` paths resolve without a web server.
REPORT_BASE_URL = "https://report.inclusief.invalid/"

ProgressCallback = Callable[[int, int], None]


# --- Data for the templates ------------------------------------------------------------------


@dataclass
class AnswerLine:
    question: Question
    answer: Answer

    @property
    def is_unknown(self) -> bool:
        return self.answer.unknown or not self.answer.options.all()

    @property
    def options(self) -> list[Option]:
        return [] if self.is_unknown else list(self.answer.options.all())

    @property
    def has_source(self) -> bool:
        return bool(self.answer.source_url or self.answer.source_reference)


@dataclass
class ProfileSection:
    characteristic: Characteristic
    lines: list[AnswerLine]


@dataclass
class FindingSource:
    """An answer that led to a finding, with where the analyst found it."""

    question: str
    option: str
    answer: Answer


@dataclass
class FindingEntry:
    finding: Finding
    sources: list[FindingSource]


@dataclass
class CriterionSection:
    criterion: Criterion
    opportunities: list[FindingEntry] = field(default_factory=list)
    challenges: list[FindingEntry] = field(default_factory=list)


@dataclass
class AssessmentReport:
    assessment: Assessment
    matrix: Matrix
    sections: list[CriterionSection]
    profile: list[ProfileSection]
    unknown_count: int
    answered_count: int
    authors: list[str]


def user_name(user: Any) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def assessment_report(
    assessment: Assessment, criteria: list[Criterion] | None = None
) -> AssessmentReport:
    """Everything one report shows. Only answered, currently asked questions appear."""
    criteria = criteria if criteria is not None else list(Criterion.objects.all())
    matrix = assessment_matrix(assessment, criteria)
    state = QuestionnaireState.load(assessment)
    profile = []
    answer_by_option: dict[str, tuple[Question, Option, Answer]] = {}
    for characteristic in state.steps:
        lines = []
        for question in state.visible_questions(characteristic):
            answer = state.answers.get(question.pk)
            if answer is None or not (answer.unknown or answer.options.all()):
                continue  # never answered: left out, not shown as unknown
            line = AnswerLine(question=question, answer=answer)
            lines.append(line)
            for option in line.options:
                answer_by_option[option.code] = (question, option, answer)
        if lines:
            profile.append(ProfileSection(characteristic=characteristic, lines=lines))

    def entry(finding: Finding) -> FindingEntry:
        sources = []
        for code in finding.triggered_by or []:
            if code in answer_by_option:
                question, option, answer = answer_by_option[code]
                sources.append(FindingSource(question.label, option.label, answer))
        return FindingEntry(finding=finding, sources=sources)

    sections = [
        CriterionSection(
            criterion=row.criterion,
            opportunities=[entry(f) for f in row.opportunities],
            challenges=[entry(f) for f in row.challenges],
        )
        for row in matrix.rows
    ]
    lines = [line for section in profile for line in section.lines]
    authors = [user_name(assessment.owner)] + [
        user_name(u) for u in assessment.co_authors.order_by("last_name", "username")
    ]
    return AssessmentReport(
        assessment=assessment,
        matrix=matrix,
        sections=sections,
        profile=profile,
        unknown_count=sum(1 for line in lines if line.is_unknown),
        answered_count=len(lines),
        authors=authors,
    )


def _framework_context() -> dict[str, Any]:
    version = FrameworkVersion.objects.current()
    return {
        "framework_version": version,
        "criteria": list(Criterion.objects.all()),
        "characteristics": list(Characteristic.objects.order_by("order", "code")),
    }


def _report_queryset():
    return Assessment.objects.select_related("platform", "owner", "reviewer").prefetch_related(
        "platform__segments", "platform__work_types"
    )


# --- HTML --------------------------------------------------------------------------------------


def render_assessment_html(
    assessment: Assessment,
    language: str,
    *,
    standalone: bool = True,
    framework: dict[str, Any] | None = None,
) -> str:
    """The report of one assessment as HTML for WeasyPrint.

    ``standalone=False`` is a part of a catalogue report: no appendix of its own (the catalogue
    has one at the end) and a cover that reads as a chapter opening.
    """
    with translation.override(language):
        framework = framework if framework is not None else _framework_context()
        return render_to_string(
            "reports/assessment.html",
            {
                **framework,
                "report": assessment_report(assessment, framework["criteria"]),
                "standalone": standalone,
                "anchor": f"a{assessment.pk}",
                "generated_at": timezone.now(),
                "LANGUAGE_CODE": language,
            },
        )


def render_catalogue_html(
    reports: list[dict[str, Any]], language: str, *, framework: dict[str, Any], part: str
) -> str:
    """The catalogue's own pages: ``part`` is "overview" (cover + table) or "appendix"."""
    with translation.override(language):
        return render_to_string(
            "reports/catalogue.html",
            {
                **framework,
                "rows": reports,
                "part": part,
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
    if found:
        return Path(found)
    collected = Path(settings.STATIC_ROOT) / relative
    return collected if collected.is_file() else None


def _url_fetcher():
    """A WeasyPrint URL fetcher that reads our static files and refuses everything else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
            path = _static_path(url)
            if path is None:
                # A report must never reach out to the network (offline and closed networks).
                raise ValueError(f"Reports fetch no external resources: {url}")
            content_type = "text/css" if path.suffix == ".css" else "application/octet-stream"
            return URLFetcherResponse(
                url, path.read_bytes(), headers={"Content-Type": content_type}
            )

    return StaticOnlyFetcher(fail_on_errors=True)


PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}


def _cache_page_references() -> None:
    """Make pydyf's ``PDF.page_references`` cheap to read.

    WeasyPrint reads it once per tagged element to point the element at its page, and pydyf
    builds the whole tuple of page references on every read: quadratic in the pages. For a
    catalogue report of 600 pages that alone took tens of seconds of writing the PDF. The
    cached tuple is rebuilt whenever the number of pages changed, so the output is the same.
    """
    import pydyf

    if getattr(pydyf.PDF, "_inclusief_cached_page_references", False):
        return
    original = pydyf.PDF.page_references.fget

    def page_references(self):
        count = len(self.pages["Kids"])
        cached = self.__dict__.get("_inclusief_page_references")
        if cached is None or cached[0] != count:
            cached = (count, original(self))
            self.__dict__["_inclusief_page_references"] = cached
        return cached[1]

    pydyf.PDF.page_references = property(page_references)
    pydyf.PDF._inclusief_cached_page_references = True


def _render_document(html: str, extra_css: str = "", font_config: Any = None) -> Document:
    """Lay out one HTML document. Parts of one catalogue report share ``font_config`` (a
    WeasyPrint ``FontConfiguration``): fonts are then looked up and loaded once, not per part."""
    from weasyprint import CSS, HTML

    fetcher = _url_fetcher()
    stylesheets = (
        [CSS(string=extra_css, url_fetcher=fetcher, font_config=font_config)] if extra_css else None
    )
    return HTML(string=html, base_url=REPORT_BASE_URL, url_fetcher=fetcher).render(
        stylesheets=stylesheets, font_config=font_config, **PDF_OPTIONS
    )


def render_assessment_pdf(assessment: Assessment, language: str) -> bytes:
    """One assessment's report as a tagged PDF."""
    document = _render_document(render_assessment_html(assessment, language))
    _cache_page_references()
    return document.write_pdf(**PDF_OPTIONS)


def _part_css(first_page: int) -> str:
    # Each part of a catalogue report continues the page numbers of the one before it. The
    # total of pages is unknown to a part, so its footer shows only the page number. These are
    # user stylesheets, which lose to the report's author stylesheet unless marked important.
    return (
        f"@page :first {{ counter-set: page {first_page} !important; }}\n"
        "@page { @bottom-right { content: counter(page) !important; } }\n"
    )


def render_catalogue_pdf(
    assessments: Iterable[Assessment],
    language: str,
    progress: ProgressCallback | None = None,
) -> bytes:
    """An overview of many assessments (platforms × criteria) followed by each report.

    ``progress(done, total)`` is called after each assessment; ``total`` counts the
    assessments plus one step for putting the file together.
    """
    from weasyprint.text.fonts import FontConfiguration

    assessments = list(assessments)
    total = len(assessments) + 1
    font_config = FontConfiguration()
    with translation.override(language):
        framework = _framework_context()
        rows = []
        for assessment in assessments:
            matrix = assessment_matrix(assessment, framework["criteria"])
            rows.append({"assessment": assessment, "matrix": matrix, "page": 0})
    # Lay out the overview once with placeholder page numbers of the final width, to learn
    # how many pages it takes before the assessments start.
    for row in rows:
        row["page"] = 10 ** len(str(20 * total))
    overview = _render_document(
        render_catalogue_html(rows, language, framework=framework, part="overview"),
        font_config=font_config,
    )
    next_page = len(overview.pages) + 1
    parts: list[Document] = []
    for index, (row, assessment) in enumerate(zip(rows, assessments, strict=True), start=1):
        row["page"] = next_page
        html = render_assessment_html(assessment, language, standalone=False, framework=framework)
        part = _render_document(html, _part_css(next_page), font_config)
        next_page += len(part.pages)
        parts.append(part)
        if progress:
            progress(index, total)
    overview_pages = next_page - sum(len(part.pages) for part in parts) - 1
    overview = _render_document(
        render_catalogue_html(rows, language, framework=framework, part="overview"),
        _part_css(1),
        font_config,
    )
    if len(overview.pages) != overview_pages:
        # Cannot happen while the placeholders are as wide as the real numbers; if it does,
        # the page column of the overview is off, which the log should say.
        logger.error("Catalogue overview changed length; its page numbers are off.")
    appendix = _render_document(
        render_catalogue_html(rows, language, framework=framework, part="appendix"),
        _part_css(next_page),
        font_config,
    )
    pages = [page for document in (overview, *parts, appendix) for page in document.pages]
    _cache_page_references()
    pdf = overview.copy(pages).write_pdf(**PDF_OPTIONS)
    if progress:
        progress(total, total)
    return pdf


def catalogue_assessments(uuids: list[str] | None = None) -> list[Assessment]:
    """The assessments of a catalogue report in platform order: given ones, or all published."""
    queryset = _report_queryset().order_by("platform__name", "-edition")
    if uuids is None:
        return list(queryset.published())
    return list(queryset.filter(uuid__in=uuids))

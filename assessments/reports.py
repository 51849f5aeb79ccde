"""PDF reports: one assessment, or an overview of many, rendered by WeasyPrint.

The reports are our own templates (``templates/reports/``) with a small print stylesheet
(``static/css/report.css``), not the screen CSS. They are tagged (PDF/UA-1) and carry title and
language metadata. Nothing is fetched from the network: the URL fetcher serves our static files
from disk and refuses every other address.

A catalogue report renders the overview and every assessment as separate WeasyPrint documents
and joins their pages. That gives real progress per assessment and keeps one bad assessment
from hiding where a failure came from; page numbers run on through the whole file because each
part starts its page counter where the previous part ended. With more than one core, the
assessments are laid out in worker processes and the tagged PDFs merged with pikepdf; their
page numbers are stamped on afterwards (see "Parallel layout" below).
"""

from __future__ import annotations

import io
import logging
import os
import warnings
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
from assessments.scenarios import Advice, published_advice
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
    # Approved wat-als scenarios: "Advies aan het platform".
    advice: list[Advice] = field(default_factory=list)


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
        advice=published_advice(assessment),
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


def _render_document(
    html: str, extra_css: str = "", font_config: Any = None, *, tagged: bool = True
) -> Document:
    """Lay out one HTML document. Parts of one catalogue report share ``font_config`` (a
    WeasyPrint ``FontConfiguration``): fonts are then looked up and loaded once, not per part.
    ``tagged=False`` is for pages that only carry artifacts (the stamped page numbers)."""
    from weasyprint import CSS, HTML

    fetcher = _url_fetcher()
    stylesheets = (
        [CSS(string=extra_css, url_fetcher=fetcher, font_config=font_config)] if extra_css else None
    )
    return HTML(string=html, base_url=REPORT_BASE_URL, url_fetcher=fetcher).render(
        stylesheets=stylesheets, font_config=font_config, **(PDF_OPTIONS if tagged else {})
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


# The appendix closes the whole catalogue: its bookmark sits at the top level, not under the
# last assessment's. (Each part is its own WeasyPrint document; a heading's bookmark nests under
# the nearest higher one before it in the file.)
_APPENDIX_CSS = ".appendix > .section-title { bookmark-level: 1; }\n"


def _unnumbered_part_css() -> str:
    # A part laid out in a worker process cannot know on which page it starts: its footer is
    # left empty and the page number is stamped on afterwards (see ``_stamp_page_numbers``).
    return "@page { @bottom-right { content: none !important; } }\n"


def _page_number_sheet_css(first_page: int) -> str:
    # Pages that carry nothing but the report's footer: one empty block per page.
    return (
        _part_css(first_page)
        + ".page-number-sheet { break-after: page; }\n"
        + ".page-number-sheet:last-child { break-after: auto; }\n"
    )


def catalogue_workers() -> int:
    """How many processes lay out a catalogue report.

    ``CATALOGUE_REPORT_WORKERS`` in the settings decides when set (1 is the serial path);
    otherwise one per available core, at most two.
    """
    configured = getattr(settings, "CATALOGUE_REPORT_WORKERS", None)
    if configured is not None:
        return max(1, int(configured))
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(2, cores))


def render_catalogue_pdf(
    assessments: Iterable[Assessment],
    language: str,
    progress: ProgressCallback | None = None,
    *,
    workers: int | None = None,
) -> bytes:
    """An overview of many assessments (platforms × criteria) followed by each report.

    ``progress(done, total)`` is called as assessments are laid out; ``total`` counts the
    assessments plus one step for putting the file together.

    With two or more ``workers`` (default: ``catalogue_workers()``) the assessments are laid
    out in worker processes and their PDFs merged; with one, everything happens in this
    process. Both give the same pages, text, page numbers, bookmarks and tags.
    """
    assessments = list(assessments)
    workers = catalogue_workers() if workers is None else workers
    if workers >= 2 and len(assessments) >= 2:
        return _render_catalogue_parallel(assessments, language, progress, workers)
    return _render_catalogue_serial(assessments, language, progress)


def _catalogue_rows(
    assessments: list[Assessment], language: str
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    with translation.override(language):
        framework = _framework_context()
        rows = [
            {
                "assessment": assessment,
                "matrix": assessment_matrix(assessment, framework["criteria"]),
                "page": 0,
            }
            for assessment in assessments
        ]
    return framework, rows


def _placeholder_page(total: int) -> int:
    # A page number as wide as the real ones will be (about 20 pages per assessment).
    return 10 ** len(str(20 * total))


def _render_catalogue_serial(
    assessments: list[Assessment], language: str, progress: ProgressCallback | None
) -> bytes:
    """All parts laid out one after another in this process, written as one document."""
    from weasyprint.text.fonts import FontConfiguration

    total = len(assessments) + 1
    font_config = FontConfiguration()
    framework, rows = _catalogue_rows(assessments, language)
    # Lay out the overview once with placeholder page numbers of the final width, to learn
    # how many pages it takes before the assessments start.
    for row in rows:
        row["page"] = _placeholder_page(total)
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
        _part_css(next_page) + _APPENDIX_CSS,
        font_config,
    )
    pages = [page for document in (overview, *parts, appendix) for page in document.pages]
    _cache_page_references()
    pdf = overview.copy(pages).write_pdf(**PDF_OPTIONS)
    if progress:
        progress(total, total)
    return pdf


# --- Parallel layout -------------------------------------------------------------------------
#
# The parent process does all database work and template rendering. Worker processes (forked,
# so they share the parent's settings and loaded code, and never use its database connection)
# lay out contiguous chunks of assessments and write each chunk as one tagged PDF, with empty
# page-number footers. The last chunk also carries the catalogue's appendix. The parent then
# lays out the overview with the real start pages, merges overview and chunks into one tagged
# PDF (pages, structure tree, bookmarks, named destinations) and stamps the missing page
# numbers as pagination artifacts.

CHUNKS_PER_WORKER = 2
# Page numbers are laid out this many pages at a time.
SHEETS_PER_BATCH = 100

# Set in each worker process: where it reports every laid-out part to the parent.
_worker_messages: Any = None


def _worker_start(messages: Any) -> None:
    global _worker_messages
    _worker_messages = messages


def _lay_out_chunk(htmls: list[str], first_index: int) -> bytes:
    """Worker: lay out the parts of one chunk and write them as one tagged PDF.

    Reports ``(index, number of pages)`` of each part as soon as it is laid out; ``index``
    counts from ``first_index``, the chunk's place in the catalogue.
    """
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    documents = []
    for index, html in enumerate(htmls, start=first_index):
        documents.append(_render_document(html, _unnumbered_part_css(), font_config))
        if _worker_messages is not None:
            _worker_messages.put((index, len(documents[-1].pages)))
    pages = [page for document in documents for page in document.pages]
    _cache_page_references()
    return documents[0].copy(pages).write_pdf(**PDF_OPTIONS)


def _lay_out_page_numbers(html: str, first_page: int, font_config: Any = None) -> bytes:
    """Pages that show only the report's footer, numbered from ``first_page``; untagged."""
    return _render_document(
        html, _page_number_sheet_css(first_page), font_config, tagged=False
    ).write_pdf()


def _page_number_html(count: int, language: str) -> str:
    from django.templatetags.static import static

    return (
        f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8">'
        f'<link rel="stylesheet" href="{static("css/report.css")}"></head><body>'
        + '<div class="page-number-sheet"></div>' * count
        + "</body></html>"
    )


def _chunk_bounds(count: int, chunks: int) -> list[tuple[int, int]]:
    """Split ``count`` parts into at most ``chunks`` contiguous, nearly equal ranges."""
    chunks = max(1, min(chunks, count))
    size, extra = divmod(count, chunks)
    bounds, start = [], 0
    for index in range(chunks):
        end = start + size + (1 if index < extra else 0)
        bounds.append((start, end))
        start = end
    return bounds


def _close_connections_before_fork() -> None:
    """A forked child must not share the parent's open database sockets: close them here; the
    parent reconnects on its next query. A connection inside a transaction (a caller's
    ``atomic`` block, or a test) stays open: the workers never touch it and leave with
    ``os._exit``, so it is not closed or used from the child either."""
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close()


def _render_catalogue_parallel(
    assessments: list[Assessment],
    language: str,
    progress: ProgressCallback | None,
    workers: int,
) -> bytes:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

    import pikepdf
    from weasyprint.text.fonts import FontConfiguration

    total = len(assessments) + 1
    framework, rows = _catalogue_rows(assessments, language)
    bounds = _chunk_bounds(len(assessments), workers * CHUNKS_PER_WORKER)
    context = multiprocessing.get_context("fork")
    messages = context.SimpleQueue()
    part_lengths: list[int | None] = [None] * len(assessments)

    def take_messages() -> None:
        before = sum(length is not None for length in part_lengths)
        while not messages.empty():
            index, length = messages.get()
            part_lengths[index] = length
        done = sum(length is not None for length in part_lengths)
        if progress and done != before:
            progress(done, total)

    executor = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_worker_start,
        initargs=(messages,),
    )
    succeeded = False
    try:
        chunk_futures: list[Future] = []
        for start, end in bounds:
            htmls = [
                render_assessment_html(assessment, language, standalone=False, framework=framework)
                for assessment in assessments[start:end]
            ]
            if not chunk_futures:
                # With the fork context the executor starts all its workers at the first
                # submit, and never again: close the database connections just before.
                _close_connections_before_fork()
            chunk_futures.append(executor.submit(_lay_out_chunk, htmls, start))
            take_messages()

        # While the workers lay out and write, this process does the rest. First the overview
        # with placeholder page numbers of the final width, to learn where the assessments
        # start; then the page numbers of the assessments' pages, in batches, as far as the
        # parts laid out so far reach (they are numbered on from the overview, whichever
        # chunk they fall in); and as soon as every part's length is known, the overview
        # with the real page numbers and the appendix.
        font_config = FontConfiguration()
        for row in rows:
            row["page"] = _placeholder_page(total)
        overview_length = len(
            _render_document(
                render_catalogue_html(rows, language, framework=framework, part="overview"),
                font_config=font_config,
            ).pages
        )
        sheets: list[tuple[int, bytes]] = []  # (first page number, PDF of numbered pages)
        sheets_end = overview_length + 1  # the first page number without a sheet yet
        head = tail = None
        merger = None  # overview and the chunks so far, as soon as the overview is there
        merged_chunks = 0

        def lay_out_sheets(limit: int) -> None:
            nonlocal sheets_end
            while sheets_end < limit:
                count = min(SHEETS_PER_BATCH, limit - sheets_end)
                html = _page_number_html(count, language)
                sheets.append((sheets_end, _lay_out_page_numbers(html, sheets_end, font_config)))
                sheets_end += count
                take_messages()

        pending = set(chunk_futures)
        while pending or head is None:
            if pending:
                finished, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
                for future in finished:
                    future.result()  # a worker's failure is raised here
            take_messages()
            known = [length for length in part_lengths if length is not None]
            if not pending and len(known) != len(part_lengths):
                raise RuntimeError("A catalogue worker finished without reporting all its parts.")
            if head is None and len(known) == len(part_lengths):
                lengths = [length for length in part_lengths if length is not None]
                head, overview_length, next_page = _lay_out_overview(
                    rows, lengths, overview_length, language, framework, font_config
                )
                if sheets and sheets[0][0] != overview_length + 1:
                    # The overview came out longer or shorter than with the placeholders
                    # (not seen in practice): every later page number moves.
                    sheets.clear()
                    sheets_end = overview_length + 1
                appendix = _render_document(
                    render_catalogue_html(rows, language, framework=framework, part="appendix"),
                    _part_css(next_page) + _APPENDIX_CSS,
                    font_config,
                )
                tail = appendix.write_pdf(**PDF_OPTIONS)
                lay_out_sheets(next_page)
            else:
                lay_out_sheets(min(overview_length + 1 + sum(known), sheets_end + SHEETS_PER_BATCH))
            if head is not None:
                merger = merger or TaggedPdfMerger(head)
                while merged_chunks < len(chunk_futures) and chunk_futures[merged_chunks].done():
                    merger.append(chunk_futures[merged_chunks].result())
                    merged_chunks += 1
        for future in chunk_futures[merged_chunks:]:
            merger.append(future.result())
        take_messages()
        succeeded = True
    finally:
        # On failure, do not wait for the other chunks: pending ones are cancelled and a
        # running one is left to finish in its process.
        executor.shutdown(wait=succeeded, cancel_futures=True)

    merger.append(tail)
    pdf = merger.finish()
    for first_page, numbers in sheets:
        stamp_pages(pdf, numbers, first_page - 1)
    output = io.BytesIO()
    pdf.save(output, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    if progress:
        progress(total, total)
    return output.getvalue()


def _lay_out_overview(
    rows: list[dict[str, Any]],
    part_lengths: list[int],
    overview_length: int,
    language: str,
    framework: dict[str, Any],
    font_config: Any,
) -> tuple[bytes, int, int]:
    """The overview's PDF with the page on which each part starts, its length, and the page
    after the last part. ``overview_length`` is its expected length in pages."""
    for _attempt in range(3):
        next_page = overview_length + 1
        for row, length in zip(rows, part_lengths, strict=True):
            row["page"] = next_page
            next_page += length
        overview = _render_document(
            render_catalogue_html(rows, language, framework=framework, part="overview"),
            _part_css(1),
            font_config,
        )
        if len(overview.pages) == overview_length:
            break
        overview_length = len(overview.pages)
    else:
        logger.error("Catalogue overview changed length; its page numbers are off.")
    return overview.write_pdf(**PDF_OPTIONS), overview_length, next_page


# --- Merging tagged PDFs ---------------------------------------------------------------------


def _tree_pairs(node: Any, entries: str) -> list[tuple[Any, Any]]:
    """The (key, value) pairs of a PDF number tree (``entries="/Nums"``) or name tree
    (``"/Names"``), walking its /Kids."""
    pairs = []
    if entries in node:
        flat = node[entries]
        pairs.extend((flat[i], flat[i + 1]) for i in range(0, len(flat), 2))
    for kid in node.get("/Kids", ()):
        pairs.extend(_tree_pairs(kid, entries))
    return pairs


def _number_tree_pairs(node: Any) -> list[tuple[int, Any]]:
    """The (key, value) pairs of a PDF number tree, in key order."""
    return sorted(((int(k), v) for k, v in _tree_pairs(node, "/Nums")), key=lambda p: p[0])


def _name_tree_pairs(node: Any) -> list[tuple[bytes, Any]]:
    """The (key, value) pairs of a PDF name tree."""
    return [(bytes(k), v) for k, v in _tree_pairs(node, "/Names")]


def _kids(element: Any) -> list[Any]:
    import pikepdf

    if "/K" not in element:
        return []
    kids = element.K
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _document_element(tree_root: Any) -> Any:
    """The single top-level element of a WeasyPrint structure tree (its /Document)."""
    (document,) = _kids(tree_root)
    return document


def _copy_from(target: Any, source: Any, obj: Any) -> Any:
    """``obj`` of ``source`` copied into ``target``; references to pages that were already
    copied into ``target`` point to those copies (one object copier per source file)."""
    import pikepdf

    if not isinstance(obj, pikepdf.Object):
        return obj  # numbers, booleans
    if isinstance(obj, pikepdf.Dictionary | pikepdf.Array | pikepdf.Stream):
        if not obj.is_indirect:
            obj = source.make_indirect(obj)
        return target.copy_foreign(obj)
    return obj  # names, strings: plain values


def merge_tagged_pdfs(documents: list[bytes]) -> Any:
    """Join tagged PDFs (as WeasyPrint writes them) into one ``pikepdf.Pdf``."""
    merger = TaggedPdfMerger(documents[0])
    for data in documents[1:]:
        merger.append(data)
    return merger.finish()


class TaggedPdfMerger:
    """Joins tagged PDFs (as WeasyPrint writes them) into one, one document at a time.

    The first document gives the catalogue dictionary (metadata, language, viewer preferences,
    MarkInfo). The pages of the others follow in order; the top-level elements of each
    structure tree join the first one's /Document element; page and annotation keys into the
    ParentTree are shifted past the ones already used; role maps, named destinations and
    bookmarks are joined. Pages are copied before anything that refers to them, so /Pg
    entries, destinations and bookmarks point at the copied pages.
    """

    def __init__(self, first: bytes) -> None:
        import pikepdf
        from pikepdf import Array

        self.pdf = merged = pikepdf.open(io.BytesIO(first))
        catalog = merged.Root
        self.tree = tree = catalog.StructTreeRoot
        self.document = document = _document_element(tree)
        if not isinstance(document.get("/K"), Array):
            document.K = Array(_kids(document))
        self.parent_tree = list(_number_tree_pairs(tree.ParentTree))
        self.next_key = max((key for key, _value in self.parent_tree), default=-1) + 1
        if "/ParentTreeNextKey" in tree:
            self.next_key = max(self.next_key, int(tree.ParentTreeNextKey))
        self.appended = 0
        self.dests: dict[bytes, Any] = {}
        if "/Names" in catalog and "/Dests" in catalog.Names:
            self.dests.update(_name_tree_pairs(catalog.Names.Dests))

    def append(self, data: bytes) -> None:
        """Add the pages, tags, destinations and bookmarks of the PDF ``data`` at the end."""
        import pikepdf
        from pikepdf import Array, Dictionary, Name

        merged, tree, document = self.pdf, self.tree, self.document
        source = pikepdf.open(io.BytesIO(data))
        self.appended += 1
        _retag_font_subsets(source, f"part {self.appended}")

        first_new = len(merged.pages)
        with warnings.catch_warnings():
            # pikepdf warns that named destinations are not carried over: they are, below.
            warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
            merged.pages.extend(source.pages)
        offset = self.next_key
        for page in merged.pages[first_new:]:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annotation in page.obj.get("/Annots", ()):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset

        source_tree = source.Root.StructTreeRoot
        source_document = _document_element(source_tree)
        # The source's /Document element stays behind: whatever refers to it is pointed at
        # the merged one. Cut those references first, or copying would drag it along.
        placeholder = Name("/InclusiefMergedDocument")
        kids = _kids(source_document)
        for kid in kids:
            if isinstance(kid, Dictionary) and "/P" in kid:
                kid.P = placeholder
        source_pairs = _number_tree_pairs(source_tree.ParentTree)
        for _key, value in source_pairs:
            if isinstance(value, Array):
                for index, item in enumerate(value):
                    if item.is_indirect and item.objgen == source_document.objgen:
                        value[index] = placeholder
        for kid in kids:
            copied = _copy_from(merged, source, kid)
            if isinstance(copied, Dictionary):
                copied.P = document
            document.K.append(copied)
        for key, value in source_pairs:
            if value.is_indirect and value.objgen == source_document.objgen:
                copied = document
            else:
                copied = _copy_from(merged, source, value)
                if isinstance(copied, Array):
                    for index, item in enumerate(copied):
                        if item == placeholder:
                            copied[index] = document
            self.parent_tree.append((key + offset, copied))
            self.next_key = max(self.next_key, key + offset + 1)
        if "/ParentTreeNextKey" in source_tree:
            self.next_key = max(self.next_key, offset + int(source_tree.ParentTreeNextKey))
        else:
            self.next_key = max(self.next_key, offset + len(source.pages))

        for map_name in ("/RoleMap", "/ClassMap"):
            if map_name in source_tree:
                if map_name not in tree:
                    tree[map_name] = Dictionary()
                target_map = tree[map_name]
                for key, value in source_tree[map_name].items():
                    if key not in target_map:
                        target_map[key] = _copy_from(merged, source, value)

        if "/Names" in source.Root and "/Dests" in source.Root.Names:
            for key, value in _name_tree_pairs(source.Root.Names.Dests):
                if key not in self.dests:
                    self.dests[key] = _copy_from(merged, source, value)

        _append_outlines(merged, source)

    def finish(self) -> Any:
        """The merged ``pikepdf.Pdf``, with its ParentTree and destinations rebuilt."""
        import pikepdf
        from pikepdf import Array, Dictionary

        merged, tree, catalog = self.pdf, self.tree, self.pdf.Root
        tree.ParentTree = merged.make_indirect(
            Dictionary(
                Nums=Array([item for key, value in self.parent_tree for item in (key, value)])
            )
        )
        tree.ParentTreeNextKey = self.next_key
        if self.dests:
            if "/Names" not in catalog:
                catalog.Names = Dictionary()
            catalog.Names.Dests = merged.make_indirect(
                Dictionary(
                    Names=Array(
                        [
                            item
                            for key in sorted(self.dests)
                            for item in (pikepdf.String(key), self.dests[key])
                        ]
                    )
                )
            )
        return merged


def _append_outlines(merged: Any, source: Any) -> None:
    """Add the bookmarks of ``source`` after those of ``merged``, at the top level."""
    from pikepdf import Dictionary, Name

    if "/Outlines" not in source.Root or "/First" not in source.Root.Outlines:
        return
    source_outlines = source.Root.Outlines
    items = []
    item = source_outlines.First
    while True:
        items.append(item)
        if "/Parent" in item:
            del item.Parent  # the source's outline root stays behind
        if "/Next" not in item:
            break
        item = item.Next
    copied = [merged.copy_foreign(item) for item in items]
    catalog = merged.Root
    if "/Outlines" not in catalog:
        catalog.Outlines = merged.make_indirect(Dictionary(Type=Name.Outlines, Count=0))
    outlines = catalog.Outlines
    for item in copied:
        item.Parent = outlines
    if "/Last" in outlines:
        outlines.Last.Next = copied[0]
        copied[0].Prev = outlines.Last
    else:
        outlines.First = copied[0]
    outlines.Last = copied[-1]
    outlines.Count = int(outlines.get("/Count", 0)) + int(source_outlines.get("/Count", 0))


def _retag_font_subsets(pdf: Any, salt: str) -> None:
    """Give the font subsets used by the pages of ``pdf`` tags of their own.

    WeasyPrint derives a subset's six-letter tag from the font's name only, so every part
    written on its own calls its own subset of, say, DejaVu Sans by the same name. In one
    file, different subsets must have different tags (ISO 32000-1, 9.6.4).
    """
    import hashlib

    from pikepdf import Name

    def retag(name: Any) -> Any:
        text = str(name)[1:]
        tag, plus, rest = text.partition("+")
        if not plus or len(tag) != 6:
            return name
        digest = hashlib.md5(f"{salt}/{tag}".encode(), usedforsecurity=False).digest()
        return Name("/" + "".join(chr(65 + byte % 26) for byte in digest[:6]) + "+" + rest)

    seen: set[tuple[int, int]] = set()

    def visit_font(font: Any) -> None:
        if font.is_indirect:
            if font.objgen in seen:
                return
            seen.add(font.objgen)
        if "/BaseFont" in font:
            font.BaseFont = retag(font.BaseFont)
        descriptor = font.get("/FontDescriptor")
        if descriptor is not None and "/FontName" in descriptor:
            descriptor.FontName = retag(descriptor.FontName)
        for descendant in font.get("/DescendantFonts", ()):
            visit_font(descendant)

    def visit_resources(resources: Any) -> None:
        if resources is None or (resources.is_indirect and resources.objgen in seen):
            return
        if resources.is_indirect:
            seen.add(resources.objgen)
        for font in resources.get("/Font", {}).values():
            visit_font(font)
        for xobject in resources.get("/XObject", {}).values():
            visit_resources(xobject.get("/Resources"))

    for page in pdf.pages:
        visit_resources(page.obj.get("/Resources"))


def stamp_pages(pdf: Any, sheets: bytes, first_index: int) -> None:
    """Draw page ``i`` of the PDF ``sheets`` onto page ``first_index + i`` of ``pdf``.

    The sheets carry the page numbers of the footer. Each is drawn as a Form XObject inside
    an /Artifact of type /Pagination: page numbers are not part of the structure tree.
    """
    import pikepdf
    from pikepdf import Dictionary, Name

    numbers = pikepdf.open(io.BytesIO(sheets))
    _retag_font_subsets(numbers, f"page numbers from {first_index}")
    name = Name("/InclusiefPageNumber")
    opening = pdf.make_stream(b"q\n")
    closing = pdf.make_stream(
        b"Q\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n"
        b"q " + bytes(name) + b" Do Q\nEMC\n"
    )
    shared_seen: set[tuple[int, int]] = set()
    for offset, sheet in enumerate(numbers.pages):
        page = pdf.pages[first_index + offset]
        form = pdf.copy_foreign(sheet.as_form_xobject())
        shared = page.obj.get("/Resources", Dictionary())
        if shared.is_indirect and shared.objgen not in shared_seen:
            # Pages of one WeasyPrint document share one resource dictionary. Each page gets
            # its own now; make the shared parts indirect so that they stay shared.
            shared_seen.add(shared.objgen)
            for key, value in shared.items():
                if isinstance(value, pikepdf.Dictionary | pikepdf.Array) and not value.is_indirect:
                    shared[key] = pdf.make_indirect(value)
        resources = Dictionary(dict(shared.items()))
        xobjects = shared.get("/XObject", Dictionary())
        resources.XObject = Dictionary(dict(xobjects.items()))
        resources.XObject[name] = form
        page.obj.Resources = resources
        page.contents_add(opening, prepend=True)
        page.contents_add(closing)


def catalogue_assessments(uuids: list[str] | None = None) -> list[Assessment]:
    """The assessments of a catalogue report in platform order: given ones, or all published."""
    queryset = _report_queryset().order_by("platform__name", "-edition")
    if uuids is None:
        return list(queryset.published())
    return list(queryset.filter(uuid__in=uuids))

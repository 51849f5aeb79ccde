"""The layout of the PDF reports, read back with pdfplumber (word boxes and table cells).

Checked for a single report and a catalogue report, in Dutch and English, with a matrix long
enough to run over a page (every statement of the real framework confirmed):
- no page holds only a section heading and its intro (the matrix heading used to stand
  alone at the bottom of a page while the table started on the next);
- every word of a table's header row lies inside its own cell ("Prioriteit" used to run past
  the table's border).
"""

import io

import pdfplumber
import pytest
from django.core.management import call_command
from django.utils import timezone

from assessments.models import Assessment, AssessmentStatus, Finding, Platform, Verdict
from assessments.reports import render_assessment_pdf, render_catalogue_pdf
from framework.models import Statement
from tests.assessments.builders import user_with_role

pytestmark = pytest.mark.slow

H2_SIZE = 15  # pt, report.css
# Running header and footer sit in the page margins (22 mm = 62 pt).
MARGIN = 60


@pytest.fixture
def assessments(db) -> list[Assessment]:
    """Two published assessments with every statement of the real framework confirmed."""
    call_command("load_framework", verbosity=0)
    call_command("load_catalogue", verbosity=0)
    owner = user_with_role("layout-analist")
    result = []
    for platform in Platform.objects.order_by("name")[:2]:
        a = Assessment.objects.create(
            platform=platform,
            owner=owner,
            framework_version="1.0",
            status=AssessmentStatus.PUBLISHED,
            published_at=timezone.now(),
        )
        Finding.objects.bulk_create(
            Finding(
                assessment=a,
                statement=s,
                criterion=s.criterion,
                kind=s.kind,
                title_nl=s.title_nl,
                title_en=s.title_en,
                explanation_nl=s.explanation_nl,
                explanation_en=s.explanation_en,
                suggested_action_nl=s.action_nl,
                suggested_action_en=s.action_en,
                verdict=Verdict.CONFIRMED,
                motivation="Bevestigd op basis van de site van het platform.",
                priority="high" if s.kind == "uitdaging" else "",
                action_owner="Gemeente",
                order=s.order,
            )
            for s in Statement.objects.select_related("criterion")
        )
        result.append(a)
    return result


def render(kind: str, assessments: list[Assessment]) -> bytes:
    report, language = kind.split("-")
    if report == "single":
        return render_assessment_pdf(assessments[0], language)
    return render_catalogue_pdf(assessments, language)


def body_lines(page) -> list[tuple[float, str]]:
    """(size, text) per line of the page, without the running header and footer."""
    lines: dict[float, list] = {}
    for word in page.extract_words(extra_attrs=["size"]):
        if word["top"] < MARGIN or word["bottom"] > page.height - MARGIN:
            continue
        lines.setdefault(round(word["top"]), []).append(word)
    return [
        (max(w["size"] for w in words), " ".join(w["text"] for w in words))
        for _, words in sorted(lines.items())
    ]


KINDS = ["single-nl", "single-en", "catalogue-nl", "catalogue-en"]


def check_no_page_holds_only_a_heading_and_its_intro(pdf) -> None:
    lonely = []
    assert len(pdf.pages) > 8
    for number, page in enumerate(pdf.pages, start=1):
        lines = body_lines(page)
        headings = [text for size, text in lines if size >= H2_SIZE - 0.5]
        # A heading, at most three lines of intro and a caption, and then nothing.
        if headings and len(lines) <= len(headings) + 4 and not page.find_tables():
            lonely.append((number, [text for _, text in lines]))
    assert lonely == []


def check_the_matrix_starts_on_the_page_of_its_heading(pdf, kind: str) -> None:
    heading = "Kansen en uitdagingen" if kind.endswith("nl") else "Opportunities and challenges"
    first_row = "Passend werk" if kind.endswith("nl") else "Suitable work"
    found = 0
    for page in pdf.pages:
        lines = body_lines(page)
        if (H2_SIZE, heading) in [(round(size), text) for size, text in lines]:
            found += 1
            texts = [text for _, text in lines]
            after = texts[texts.index(heading) + 1 :]
            assert any(text.startswith(first_row) for text in after), texts
    assert found == (1 if kind.startswith("single") else 2)


def check_every_table_header_word_lies_inside_its_cell(pdf) -> None:
    checked = 0
    outside = []
    for number, page in enumerate(pdf.pages, start=1):
        words = page.extract_words()
        for table in page.find_tables():
            header = table.rows[0]
            cells = [c for c in header.cells if c is not None]
            for word in words:
                if not (header.bbox[1] <= word["top"] and word["bottom"] <= header.bbox[3]):
                    continue
                cell = next(c for c in cells if c[0] - 1 <= word["x0"] < c[2])
                checked += 1
                if word["x1"] > cell[2] - 1:
                    outside.append((number, word["text"], round(word["x1"] - cell[2], 1)))
    assert checked > 20
    assert outside == []


def check_every_table_stays_within_the_page_margins(pdf) -> None:
    """Tables end at the right margin (18 mm = 51 pt), not past it."""
    wide = []
    for number, page in enumerate(pdf.pages, start=1):
        for table in page.find_tables():
            if table.bbox[2] > page.width - 51 + 1:
                wide.append((number, round(table.bbox[2] - (page.width - 51), 1)))
    assert wide == []


@pytest.mark.parametrize("kind", KINDS)
def test_report_layout(assessments, kind):
    with pdfplumber.open(io.BytesIO(render(kind, assessments))) as pdf:
        check_no_page_holds_only_a_heading_and_its_intro(pdf)
        check_the_matrix_starts_on_the_page_of_its_heading(pdf, kind)
        check_every_table_header_word_lies_inside_its_cell(pdf)
        check_every_table_stays_within_the_page_margins(pdf)

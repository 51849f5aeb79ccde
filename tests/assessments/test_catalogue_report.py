"""The catalogue report as one document: read back with pypdf, it must read as one report
with running page numbers, an overview that names the right pages, and one outline."""

import io
import re

import pytest
from pypdf import PdfReader

from assessments.reports import render_catalogue_pdf
from tests.assessments.builders import user_with_role
from tests.assessments.test_reports import make_assessment

NAMES = ["Klusplein", "Helpers", "Bezorgbaan"]


@pytest.fixture
def assessments(fw):
    analist = user_with_role("ana")
    return [make_assessment(fw, analist, name) for name in NAMES]


def page_texts(pdf: bytes) -> list[str]:
    return [
        re.sub(r"\s+", " ", page.extract_text()).strip()
        for page in PdfReader(io.BytesIO(pdf)).pages
    ]


def start_pages(texts: list[str]) -> dict[str, int]:
    """The page of each platform as the overview's page column gives it."""
    overview = " ".join(texts[:2])
    pages = {}
    for name in NAMES:
        match = re.search(rf"{name} versie 1, Gepubliceerd (?:\d+ / \d+ )*(\d+)", overview)
        assert match, f"{name} not in the overview"
        pages[name] = int(match.group(1))
    return pages


def bookmarks(pdf: bytes) -> list[tuple[int, str, int]]:
    """(depth, title, page from 1) of every bookmark, in order."""
    reader = PdfReader(io.BytesIO(pdf))
    found = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


@pytest.mark.slow_pdf
def test_the_catalogue_reads_as_one_report(assessments):
    """One rendering (they are slow), checked for everything a reader relies on."""
    calls = []
    pdf = render_catalogue_pdf(
        assessments, "nl", progress=lambda done, total: calls.append((done, total))
    )
    texts = page_texts(pdf)

    # Every page shows its number of the total in the footer.
    assert len(texts) > len(NAMES) + 2
    for number, text in enumerate(texts, start=1):
        assert f"{number} / {len(texts)}" in text, f"page {number}: {text[-80:]}"

    # The overview names the page where each platform starts.
    pages = start_pages(texts)
    assert pages["Klusplein"] == 3  # after the cover and the overview
    assert list(pages.values()) == sorted(pages.values())
    for name, page in pages.items():
        assert f"Beoordeling van {name}" in texts[page - 1]
        assert f"Beoordeling van {name}" not in texts[page - 2]

    # The outline: the report, each assessment and the appendix at the top level.
    top = [(title, page) for depth, title, page in bookmarks(pdf) if depth == 0]
    assert top == [
        ("Rapport over platforms", 1),
        *[(f"Beoordeling van {name}", pages[name]) for name in NAMES],
        ("Bijlage: het raamwerk", len(texts)),
    ]
    nested = [title for depth, title, _page in bookmarks(pdf) if depth == 1]
    assert nested.count("Samenvatting") == len(NAMES)
    assert "Overzicht" in nested

    # The appendix appears once, at the end, on a page of its own.
    with_appendix = [n for n, text in enumerate(texts, 1) if "Bijlage: het raamwerk" in text]
    assert with_appendix == [len(texts)]
    assert "Beoordeling van Bezorgbaan" not in texts[-1]

    # Tagged, with language and title.
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl"
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    assert reader.metadata.title == "Inclusief: rapport over platforms"

    # Progress: one step per assessment read, one for the whole file.
    total = len(NAMES) + 1
    assert calls == [(1, total), (2, total), (3, total), (4, total)]

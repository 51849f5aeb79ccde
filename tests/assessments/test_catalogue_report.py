"""The catalogue report as one document: read back with pypdf, it must read as one report
with running page numbers, an overview that names the right pages, and one outline."""

import io
import re

import pytest
from pypdf import PdfReader

from assessments import services
from assessments.models import Finding, StatementKind, Verdict
from assessments.reports import render_assessment_pdf, render_catalogue_pdf
from tests.assessments.builders import user_with_role
from tests.assessments.test_reports import make_assessment

NAMES = ["Klusplein", "Helpers", "Bezorgbaan"]


@pytest.fixture
def assessments(fw):
    for statement in fw["statements"].values():
        statement.explanation_nl = f"Wat het raamwerk zegt over {statement.title_nl}."
        statement.save()
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

    # The outline: the report, each assessment and the two appendices at the top level.
    notes_page = next(
        n for n, text in enumerate(texts, 1) if "Bijlage: de kansen en uitdagingen" in text
    )
    assert notes_page > pages["Bezorgbaan"]
    top = [(title, page) for depth, title, page in bookmarks(pdf) if depth == 0]
    assert top == [
        ("Rapport over platforms", 1),
        *[(f"Beoordeling van {name}", pages[name]) for name in NAMES],
        ("Bijlage: de kansen en uitdagingen uitgelegd", notes_page),
        ("Bijlage: het raamwerk", len(texts)),
    ]
    nested = [title for depth, title, _page in bookmarks(pdf) if depth == 1]
    assert nested.count("Samenvatting") == len(NAMES)
    assert "Overzicht" in nested

    # The appendix appears once, at the end, on a page of its own.
    with_appendix = [n for n, text in enumerate(texts, 1) if "Bijlage: het raamwerk" in text]
    assert with_appendix == [len(texts)]
    assert "Beoordeling van Bezorgbaan" not in texts[-1]

    # Each assessment shows its findings with the analyst's words; the framework's explanation
    # of a kans or uitdaging is printed once for all of them, in the appendix.
    whole = " ".join(texts)
    findings = list(Finding.objects.filter(assessment=assessments[0]))
    assert findings
    for finding in findings:
        assert whole.count(f"Motivering bij {finding.title_nl}.") == len(NAMES)
        assert whole.count(finding.explanation_nl[:60]) == 1, finding.title_nl
        assert whole.index(finding.explanation_nl[:60]) > whole.index(
            "de kansen en uitdagingen uitgelegd"
        )
    # The profile and the answers behind each finding stay in each assessment's own report.
    assert "Profiel van het platform" not in whole
    assert "Afgeleid uit de antwoorden" not in whole
    assert "in het eigen rapport van elke beoordeling" in whole

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


@pytest.mark.slow_pdf
def test_a_finding_in_the_analysts_own_words_keeps_its_explanation_in_the_catalogue(fw):
    """Only the framework's own texts move to the appendix: an added finding, or one the
    analyst reworded, is explained where it stands; the assessment's own report is complete."""
    assessment = make_assessment(fw, user_with_role("ana"), "Klusplein")
    services.finding_add(
        assessment=assessment,
        expected_version=None,
        criterion=fw["criteria"]["integ"],
        kind=StatementKind.CHALLENGE,
        title="Geen vast aanspreekpunt",
        text="Werkers weten niet bij wie zij met vragen terechtkunnen.",
        motivation="Gezien in de helppagina's.",
        action="Wijs een contactpersoon aan.",
    )
    reworded = assessment.findings.exclude(statement=None).first()
    services.finding_review(
        finding=reworded,
        expected_version=None,
        verdict=Verdict.ADJUSTED,
        motivation="Voor dit platform anders gezegd.",
        own_text="Bij dit platform gaat het vooral om het werk in de avond.",
    )
    catalogue = " ".join(page_texts(render_catalogue_pdf([assessment], "nl")))
    assert "Werkers weten niet bij wie zij met vragen terechtkunnen." in catalogue
    assert "Bij dit platform gaat het vooral om het werk in de avond." in catalogue
    assert "Wijs een contactpersoon aan." in catalogue  # in the actions table
    assert "Profiel van het platform" not in catalogue

    own = " ".join(page_texts(render_assessment_pdf(assessment, "nl")))
    assert "Profiel van het platform" in own
    assert "Afgeleid uit de antwoorden" in own
    assert "Bijlage: de kansen en uitdagingen uitgelegd" not in own
    for finding in assessment.findings.exclude(statement=None):
        assert finding.explanation_nl[:60] in own

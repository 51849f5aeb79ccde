"""The catalogue report laid out in worker processes and merged: read back with pypdf and
pikepdf, it must read as one report with page numbers, bookmarks and tags that hold together,
and as the same document as the serial path."""

import io
import re

import pikepdf
import pytest
from pypdf import PdfReader

from assessments import reports
from assessments.reports import _render_document, merge_tagged_pdfs, render_catalogue_pdf
from tests.assessments.builders import user_with_role
from tests.assessments.test_reports import make_assessment

NAMES = ["Klusplein", "Helpers", "Bezorgbaan"]


@pytest.fixture
def assessments(fw):
    analist = user_with_role("ana")
    return [make_assessment(fw, analist, name) for name in NAMES]


@pytest.fixture
def parallel_pdf(assessments):
    calls = []
    pdf = render_catalogue_pdf(
        assessments, "nl", progress=lambda done, total: calls.append((done, total)), workers=2
    )
    return pdf, calls


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


def test_every_page_prints_its_own_number_in_the_footer(parallel_pdf):
    pdf, _calls = parallel_pdf
    texts = page_texts(pdf)
    assert len(texts) > len(NAMES) + 2
    for number, text in enumerate(texts, start=1):
        assert str(number) in re.findall(r"\d+", text), f"page {number}: {text[-80:]}"


def test_the_overview_names_the_page_where_each_platform_starts(parallel_pdf):
    pdf, _calls = parallel_pdf
    texts = page_texts(pdf)
    pages = start_pages(texts)
    assert sorted(pages.values()) == list(pages.values())
    for name, page in pages.items():
        assert f"Beoordeling van {name}" in texts[page - 1]
        assert f"Beoordeling van {name}" not in texts[page - 2]


def test_one_bookmark_per_assessment_points_at_its_first_page(parallel_pdf):
    pdf, _calls = parallel_pdf
    reader = PdfReader(io.BytesIO(pdf))
    pages = start_pages(page_texts(pdf))
    top = [item for item in reader.outline if not isinstance(item, list)]
    by_title = {item.title: reader.get_destination_page_number(item) + 1 for item in top}
    for name, page in pages.items():
        assert by_title[f"Beoordeling van {name}"] == page
    titles = [item.title for item in top]
    assert titles[0] == "Rapport over platforms"
    assert titles[-1] == "Bijlage: het raamwerk"
    assert [t for t in titles if t.startswith("Beoordeling van")] == [
        f"Beoordeling van {name}" for name in NAMES
    ]


def structure_problems(pdf_bytes: bytes) -> list[str]:
    """What breaks the structure tree of a tagged PDF: elements pointing at pages that are not
    in the document, a wrong /P, ParentTree keys missing or used twice."""
    pdf = pikepdf.open(io.BytesIO(pdf_bytes))
    problems = []
    pages = {page.obj.objgen for page in pdf.pages}
    tree = pdf.Root.StructTreeRoot
    nums = tree.ParentTree.Nums
    keys = [int(nums[i]) for i in range(0, len(nums), 2)]
    if len(keys) != len(set(keys)):
        problems.append("ParentTree keys used twice")
    if "/ParentTreeNextKey" in tree and int(tree.ParentTreeNextKey) <= max(keys):
        problems.append("ParentTreeNextKey too low")
    used = [int(page.obj.StructParents) for page in pdf.pages]
    for page in pdf.pages:
        used += [int(a.StructParent) for a in page.obj.get("/Annots", ()) if "/StructParent" in a]
    if len(used) != len(set(used)):
        problems.append("a StructParents key is used by two pages or annotations")
    problems += [f"no ParentTree entry for key {key}" for key in set(used) - set(keys)]
    stack = [(tree, kid) for kid in reports._kids(tree)]
    elements = 0
    while stack:
        parent, element = stack.pop()
        if not isinstance(element, pikepdf.Dictionary):
            continue  # a marked-content id
        if element.get("/Type") in ("/MCR", "/OBJR"):
            if "/Pg" in element and element.Pg.objgen not in pages:
                problems.append("a content reference points at a page outside the document")
            continue
        elements += 1
        if element.P.objgen != parent.objgen:
            problems.append(f"element {element.objgen} has the wrong /P")
        if "/Pg" in element and element.Pg.objgen not in pages:
            problems.append(f"element {element.objgen} points at a page outside the document")
        stack += [(element, kid) for kid in reports._kids(element)]
    if elements < len(pages):
        problems.append(f"only {elements} elements")
    return problems


def test_the_structure_tree_holds_together(parallel_pdf):
    pdf, _calls = parallel_pdf
    assert structure_problems(pdf) == []
    document = pikepdf.open(io.BytesIO(pdf))
    root = document.Root
    assert str(root.Lang) == "nl"
    assert bool(root.MarkInfo.Marked)
    assert "/Metadata" in root and "/ViewerPreferences" in root


def test_the_parallel_and_the_serial_path_give_the_same_document(assessments, parallel_pdf):
    pdf, _calls = parallel_pdf
    serial = render_catalogue_pdf(assessments, "nl", workers=1)
    parallel_texts, serial_texts = page_texts(pdf), page_texts(serial)
    assert len(parallel_texts) == len(serial_texts)
    for number, (ours, theirs) in enumerate(zip(parallel_texts, serial_texts, strict=True), 1):
        # The stamped page number may be read at another place in the page's text.
        assert sorted(ours.split()) == sorted(theirs.split()), f"page {number}"
    assert bookmarks(pdf) == bookmarks(serial)
    top_level = [title for depth, title, _page in bookmarks(serial) if depth == 0]
    assert top_level[-1] == "Bijlage: het raamwerk"
    assert structure_problems(serial) == []


def bookmarks(pdf: bytes) -> list[tuple[int, str, int]]:
    """(depth, title, page) of every bookmark, in order."""
    reader = PdfReader(io.BytesIO(pdf))
    found = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return found


def test_progress_counts_every_assessment_and_ends_with_the_whole_file(parallel_pdf):
    _pdf, calls = parallel_pdf
    total = len(NAMES) + 1
    assert calls[-1] == (total, total)
    done = [d for d, t in calls]
    assert done == sorted(done) and all(t == total for _d, t in calls)
    assert len(NAMES) in done


def test_a_failure_in_a_worker_is_raised_not_waited_for(assessments, monkeypatch):
    original = reports._render_document

    def failing(html, extra_css="", *args, **kwargs):
        if extra_css == reports._unnumbered_part_css() and "Helpers" in html:
            raise RuntimeError("Lay-out mislukt")
        return original(html, extra_css, *args, **kwargs)

    monkeypatch.setattr(reports, "_render_document", failing)
    with pytest.raises(RuntimeError, match="Lay-out mislukt"):
        render_catalogue_pdf(assessments, "nl", workers=2)


def test_the_setting_chooses_the_serial_path(assessments, settings, monkeypatch):
    def no_parallel(*args, **kwargs):
        raise AssertionError("the parallel path ran")

    monkeypatch.setattr(reports, "_render_catalogue_parallel", no_parallel)
    settings.CATALOGUE_REPORT_WORKERS = 1
    assert reports.catalogue_workers() == 1
    assert "Beoordeling van Helpers" in " ".join(
        page_texts(render_catalogue_pdf(assessments, "nl"))
    )


def test_merging_keeps_links_destinations_and_their_tags(db):
    """Documents with links: annotations keep a ParentTree entry of their own and internal
    links still find their target, which lies on the copied page."""

    def document(name: str) -> bytes:
        html = (
            f'<html lang="nl"><body><h1 id="{name}-top">{name}</h1>'
            f'<p><a href="#{name}-end">naar het eind</a></p>'
            f'<p style="break-before: page" id="{name}-end">Einde van {name}. '
            f'<a href="https://example.org/{name}">bron</a></p></body></html>'
        )
        return _render_document(html).write_pdf(**reports.PDF_OPTIONS)

    merged = merge_tagged_pdfs([document("een"), document("twee"), document("drie")])
    output = io.BytesIO()
    merged.save(output)
    data = output.getvalue()
    assert structure_problems(data) == []
    pdf = pikepdf.open(io.BytesIO(data))
    assert len(pdf.pages) == 6
    pages = [page.obj.objgen for page in pdf.pages]
    names = pdf.Root.Names.Dests.Names
    dests = {str(names[i]): names[i + 1] for i in range(0, len(names), 2)}
    assert list(dests) == sorted(dests)
    assert pages.index(dests["twee-end"][0].objgen) == 3
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    links = 0
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", ()):
            links += 1
            element = tree[int(annotation.StructParent)]
            assert element.S == "/Link"
            targets = [
                k.Obj.objgen for k in reports._kids(element) if isinstance(k, pikepdf.Dictionary)
            ]
            assert annotation.objgen in targets
    assert links == 6
    outline = PdfReader(io.BytesIO(data)).outline
    assert [item.title for item in outline] == ["een", "twee", "drie"]


def test_every_font_subset_has_a_name_of_its_own(parallel_pdf):
    """Each part embeds its own subset of the same fonts: in one file they need their own
    names, or a viewer may draw one part's text with another part's glyphs."""
    pdf, _calls = parallel_pdf
    document = pikepdf.open(io.BytesIO(pdf))
    programs: dict[str, set] = {}

    def visit(resources):
        if resources is None:
            return
        for font in resources.get("/Font", {}).values():
            for described in [font, *font.get("/DescendantFonts", ())]:
                descriptor = described.get("/FontDescriptor")
                if descriptor is None:
                    continue
                for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                    if key in descriptor:
                        name = str(described.BaseFont)
                        programs.setdefault(name, set()).add(descriptor[key].objgen)
                        assert str(descriptor.FontName) == name
        for xobject in resources.get("/XObject", {}).values():
            visit(xobject.get("/Resources"))

    for page in document.pages:
        visit(page.obj.get("/Resources"))
    assert len(programs) > 3  # overview, parts, page numbers
    assert {name: ids for name, ids in programs.items() if len(ids) > 1} == {}

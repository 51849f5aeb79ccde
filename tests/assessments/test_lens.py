"""The target-group lens on the matrix, the comparison, the overview and the PDF."""

import io
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from pypdf import PdfReader

from assessments.lens import fit_scores, lens_matrix
from assessments.matrix import assessment_matrix
from framework.models import TargetGroup
from tests.maatwerk.builders import maatwerk_framework, published
from tests.users import make_user

pytestmark = pytest.mark.django_db

V = "verstandelijke-beperking"


@pytest.fixture
def world():
    maatwerk_framework()
    cache.clear()
    a = published(
        "Klusplein",
        "pw-kans-choose-jobs",  # all groups
        "pw-kans-online",  # physical + psychosocial
        "pw-kans-clear-scope",  # intellectual
        "fin-uitd-payment-after-approval",  # all groups
        "bg-uitd-zzp-admin",  # intellectual
        "pw-uitd-physical-demands",  # physical
    )
    b = published("Bezorgers", "pw-kans-online", "pw-uitd-physical-demands")
    return {"a": a, "b": b}


def _titles(findings) -> list[str]:
    return [f.title for f in findings]


def test_the_lens_puts_weighty_findings_first_and_folds_the_others(world):
    lens = lens_matrix(assessment_matrix(world["a"]), TargetGroup.objects.get(code=V))

    pw = lens.rows[0]
    assert _titles(pw.opportunities.shown) == [
        "Duidelijk afgebakende klussen",
        "De werker kiest zelf",
    ]
    assert _titles(pw.opportunities.weighty) == ["Duidelijk afgebakende klussen"]
    assert _titles(pw.opportunities.folded) == ["Online klussen"]
    assert _titles(pw.challenges.folded) == ["Fysiek werk past niet bij elke beperking"]
    assert _titles(lens.actions) == [
        "Zelf administratie regelen als zzp'er",
        "Pas betaald na goedkeuring",
    ]
    assert _titles(lens.folded_actions) == ["Fysiek werk past niet bij elke beperking"]


def test_the_matrix_page_for_a_group_marks_and_folds_but_hides_nothing(client, world):
    url = reverse("assessments:results", args=[world["a"].uuid])

    plain = client.get(url).content.decode()
    lensed = client.get(url, {"doelgroep": V}).content.decode()

    assert "weegt zwaar voor deze doelgroep" not in plain
    assert "Mensen met een verstandelijke beperking</strong>" in lensed
    assert lensed.count("(weegt zwaar voor deze doelgroep)") == 2
    assert "<summary>Minder van belang voor deze doelgroep (1)</summary>" in lensed
    # Folded, not hidden: every finding's title is still on the page.
    for title in ("Online klussen", "Fysiek werk past niet bij elke beperking"):
        assert title in lensed
    actions = re.search(r'<table class="table actions-table">.*?</table>', lensed, re.S).group(0)
    assert actions.index("Zelf administratie regelen") < actions.index("Pas betaald na goedkeuring")


def test_an_unknown_group_shows_the_plain_matrix(client, world):
    url = reverse("assessments:results", args=[world["a"].uuid])

    response = client.get(url, {"doelgroep": "bestaat-niet"})

    assert response.context["lens"] is None
    assert "weegt zwaar voor deze doelgroep" not in response.content.decode()


def test_the_comparison_for_a_group(client, world):
    response = client.get(
        reverse("assessments:comparison"),
        {"a": [world["a"].uuid, world["b"].uuid], "vergelijk": "1", "doelgroep": V},
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "(weegt zwaar voor deze doelgroep)" in content
    assert "Minder van belang voor deze doelgroep (1)" in content


def test_the_overview_sorts_and_filters_by_fit_for_a_group(client, world):
    calm = published("Rustig Online", "pw-kans-online", "pw-kans-choose-jobs", online=True)
    fits = fit_scores([world["a"].pk, world["b"].pk, calm.pk], "fysieke-beperking")
    # Klusplein: choose jobs 1 + online 2 - payment after approval 1 - physical demands 2
    assert [fits[a.pk].score for a in (world["a"], world["b"], calm)] == [0, 0, 3]
    url = reverse("assessments:overview")

    by_fit = client.get(url, {"doelgroep": "fysieke-beperking", "sort": "fit"})
    fitting = client.get(url, {"doelgroep": "fysieke-beperking", "fit": "on"})

    rows = by_fit.context["rows"]
    assert [(r.assessment.platform.name, r.fit.score) for r in rows] == [
        ("Rustig Online", 3),
        ("Bezorgers", 0),
        ("Klusplein", 0),
    ]
    assert 'aria-sort="descending"><a href="?doelgroep=fysieke-beperking&amp;sort=-fit">' in (
        by_fit.content.decode()
    )
    assert [r.assessment.platform.name for r in fitting.context["rows"]] == ["Rustig Online"]


def test_the_pdf_for_a_group_marks_and_lists_the_rest(client, world):
    # Published reports are stored files; a signed-in reader may ask for the lens.
    client.force_login(make_user("onderzoeker", "onderzoeker", password=None))
    url = reverse("assessments:assessment_pdf", args=[world["a"].uuid])

    response = client.get(url, {"doelgroep": V})

    assert response["Content-Disposition"].endswith(f'-v1-{V}.pdf"')
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Bekeken voor: Mensen met een verstandelijke beperking" in text
    assert "(weegt zwaar voor deze doelgroep)" in text
    assert "Minder van belang voor deze doelgroep (1):" in text
    assert "Acties die minder van belang zijn voor deze doelgroep" in text

"""Derived findings explain themselves in words, on the findings page, the matrix and the PDF."""

import pytest
from django.utils.html import escape

from assessments import services
from assessments.models import Verdict
from assessments.reports import render_assessment_pdf
from framework.models import Option, Question
from tests.assessments.builders import platform, user_with_role
from tests.assessments.test_reports import pdf_text

COMMUNITY = "Kunnen werkers via het platform contact hebben met andere werkers?"
WORKPLACE = (
    "Is er een fysieke werkplek (kantoor of werkplaats) waar werkers samen en met begeleiding "
    "werken?"
)


@pytest.fixture
def owner(db):
    return user_with_role("ana")


def _answer(assessment, question: str, *options: str, unknown: bool = False) -> None:
    services.answers_save(
        assessment=assessment,
        inputs=[
            services.AnswerInput(
                question=Question.objects.get(code=question),
                option_ids=list(
                    Option.objects.filter(code__in=options).values_list("pk", flat=True)
                ),
                unknown=unknown,
            )
        ],
        expected_version=None,
    )


def _finding(html: str, title: str) -> str:
    """The markup of the one finding with this title on a findings page."""
    (chunk,) = [c for c in html.split('<li class="finding">') if title in c]
    return chunk


@pytest.fixture
def assessment(full_framework, owner):
    assessment = services.assessment_start(platform=platform("Klusplein"), owner=owner)
    _answer(assessment, "werkvorm", "werkvorm-online")
    _answer(assessment, "community", "community-geen")
    _answer(assessment, "werklocatie", unknown=True)
    return assessment


def test_the_findings_page_says_which_answers_raised_a_finding_and_what_switches_it_off(
    client, owner, assessment
):
    client.force_login(owner)

    html = client.get(f"/beoordelingen/{assessment.uuid}/bevindingen/integratie/").content.decode()

    isolation = _finding(html, "Zonder community raakt de werker geïsoleerd")
    assert f"{escape(COMMUNITY)} — ‘Nee, er is geen community’" in isolation
    assert "Dit punt vervalt als:" in isolation
    assert (
        f"Bij ‘{escape(COMMUNITY)}’ is gekozen: ‘Ja, via een forum voor vragen en tips’ of "
        "‘Ja, via een chat in de app’." in isolation
    )
    assert f"Bij ‘{escape(WORKPLACE)}’ is gekozen: ‘Ja’." in isolation
    assert f"{escape(WORKPLACE)} (onbekend)" in isolation
    for code in ("community-geen", "int-uitd-isolation", "werklocatie-ja"):
        assert code not in html


def test_a_default_finding_says_it_holds_in_general_and_which_answer_switches_it_off(
    client, owner, assessment
):
    client.force_login(owner)

    html = client.get(
        f"/beoordelingen/{assessment.uuid}/bevindingen/financiele_zekerheid/"
    ).content.decode()

    benefits = _finding(html, "Onduidelijk wat een klus betekent voor de uitkering")
    assert "Geldt voor platformwerk in het algemeen." in benefits
    assert (
        "Bij ‘Is duidelijk en geregeld wat platformwerk betekent voor een uitkering?’ is gekozen: "
        "‘Ja, het platform informeert erover of regelt het met de uitkerende instantie’."
        in benefits
    )
    assert "(niet beantwoord)" in benefits


def test_the_matrix_has_an_expandable_why_per_finding_and_the_pdf_explains_too(
    client, owner, assessment
):
    for finding in assessment.findings.filter(statement__code="int-uitd-online-participation"):
        services.finding_review(
            finding=finding,
            expected_version=None,
            verdict=Verdict.CONFIRMED,
            motivation="Klopt.",
            action="Regel een werkplek.",
        )
    client.force_login(owner)

    html = client.get(f"/beoordelingen/{assessment.uuid}/resultaat/").content.decode()
    text = pdf_text(render_assessment_pdf(assessment, "nl"))

    assert (
        '<details class="finding-why-details"><summary>Waarom?<span class="visually-hidden"> '
        "Online werk helpt niet om mee te doen in de samenleving</span></summary>" in html
    )
    assert "Bij ‘Waar wordt het werk gedaan?’ is ‘Online, ook vanuit huis’ niet gekozen." in html
    assert "Waarom dit punt? Dit punt vervalt als:" in text
    assert "online-participation" not in text

"""Issue 12 in Chromium: submit, send back, "Mijn taken", resubmit, publish, a new edition and
the comparison of the two editions; every page visited is checked with axe."""

import re

import pytest
from playwright.sync_api import expect

from assessments import services
from assessments.models import Assessment, AssessmentStatus, Verdict
from framework.models import Question
from inclusief.roles import ANALIST
from tests.assessments.builders import platform, small_framework
from tests.browser.test_assessment_flow import go, log_in, log_out
from tests.users import make_user


@pytest.fixture
def ready_concept(transactional_db):
    """A concept of Klusplein with every question answered and every finding reviewed."""
    fw = small_framework()
    anna = make_user("anna", ANALIST, first_name="Anna", last_name="Analist")
    make_user("rob", ANALIST, first_name="Rob", last_name="Reviewer")
    assessment = services.assessment_start(platform=platform("Klusplein"), owner=anna)
    for code, option in (("mode", "online"), ("community", "no-community"), ("rates", "rated")):
        services.answers_save(
            assessment=assessment,
            inputs=[
                services.AnswerInput(
                    question=Question.objects.get(code=code),
                    option_ids=[fw["options"][option].pk],
                    unknown=False,
                )
            ],
            expected_version=None,
        )
    services.answers_save(
        assessment=assessment,
        inputs=[
            services.AnswerInput(
                question=Question.objects.get(code="how"), option_ids=[], unknown=True
            )
        ],
        expected_version=None,
    )
    for finding in assessment.findings.all():
        services.finding_review(
            finding=finding,
            expected_version=None,
            verdict=Verdict.CONFIRMED,
            motivation="Gezien op de website.",
            action="Regel contact." if finding.is_challenge else "",
            priority="high" if finding.is_challenge else "",
        )
    return assessment


def my_tasks(page) -> None:
    go(page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn taken"))


def test_the_review_round_trip_and_a_new_edition_compared(page, assert_accessible, ready_concept):
    assessment = ready_concept
    status_url = f"/beoordelingen/{assessment.uuid}/status/"

    # 1. The author offers the concept for review.
    log_in(page, "anna")
    page.goto(status_url)
    page.get_by_label("Reviewer", exact=True).select_option(label="Rob Reviewer (rob)")
    go(page.get_by_role("button", name="Ter review aanbieden"))
    expect(page.get_by_text("De beoordeling is ter review aangeboden.")).to_be_visible()
    log_out(page)

    # 2. The reviewer finds it under "Mijn taken", comments on a finding and sends it back.
    log_in(page, "rob")
    my_tasks(page)
    assert_accessible(page)
    go(page.get_by_role("link", name="Klusplein, versie 1"))
    go(page.get_by_role("link", name="Bevindingen: Integratie"))
    go(page.get_by_role("link", name=re.compile(r"^Opmerking plaatsen\W+Risico op isolement")))
    author_view = page.get_by_role("region", name="Oordeel van de auteur")
    assert "Gezien op de website." in author_view.inner_text()
    assert "Regel contact." in author_view.inner_text()
    go(page.get_by_role("button", name="Opmerking opslaan"))
    assert page.title().startswith("Fout: ")
    assert page.get_by_text(
        "Schrijf een opmerking; een lege opmerking helpt de auteur niet."
    ).first.is_visible()
    assert_accessible(page)
    page.get_by_label("Opmerking van de reviewer").fill("Welke bron zegt dat er geen forum is?")
    go(page.get_by_role("button", name="Opmerking opslaan"))
    page.goto(status_url)
    page.get_by_label("Wat moet de auteur aanpassen?").fill("Vul de bronnen aan.")
    go(page.get_by_role("button", name="Terugsturen naar de auteur"))
    expect(page.get_by_text("De beoordeling is teruggestuurd naar de auteur.")).to_be_visible()
    log_out(page)

    # 3. The author sees it on "Mijn taken", reads every comment and deals with it.
    log_in(page, "anna")
    my_tasks(page)
    sent_back = page.get_by_role("heading", name="Teruggestuurd naar u")
    expect(sent_back).to_be_visible()
    expect(page.get_by_text("1 opmerking te verwerken")).to_be_visible()
    go(page.get_by_role("link", name="Klusplein, versie 1"))
    expect(page.get_by_role("heading", name="Teruggestuurd door de reviewer")).to_be_visible()
    expect(page.get_by_text("Vul de bronnen aan.")).to_be_visible()
    assert_accessible(page)
    go(page.get_by_role("link", name="Integratie: Risico op isolement"))
    page.get_by_label("Motivering").fill("Bron: de veelgestelde vragen van Klusplein.")
    go(page.get_by_role("button", name="Oordeel opslaan"))
    page.goto(status_url)
    page.get_by_label("Reviewer", exact=True).select_option(label="Rob Reviewer (rob)")
    go(page.get_by_role("button", name="Opnieuw ter review aanbieden"))
    log_out(page)

    # 4. The reviewer approves, after confirming.
    log_in(page, "rob")
    my_tasks(page)
    go(page.get_by_role("link", name="Klusplein, versie 1"))
    go(page.get_by_role("link", name="Goedkeuren en publiceren…"))
    assert_accessible(page)
    go(page.get_by_role("button", name="Goedkeuren en publiceren"))
    assert page.title().startswith("Fout: Goedkeuren en publiceren")
    page.get_by_label("Ik heb de beoordeling bekeken en keur haar goed voor publicatie.").check()
    go(page.get_by_role("button", name="Goedkeuren en publiceren"))
    expect(page.get_by_text("De beoordeling is goedgekeurd en gepubliceerd.")).to_be_visible()
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.PUBLISHED
    log_out(page)

    # 5. The author starts a new edition, changes one answer and compares the editions.
    log_in(page, "anna")
    page.goto(status_url)
    go(page.get_by_role("button", name="Nieuwe versie starten"))
    expect(page.get_by_text("U heeft 4 van 4 onderdelen afgerond.")).to_be_visible()
    assert_accessible(page)
    second = Assessment.objects.get(platform=assessment.platform, edition=2)
    go(page.get_by_role("link", name="Soort werk"))
    page.get_by_role("group", name="Is er een community?").get_by_label("Ja").check()
    go(page.get_by_role("button", name="Opslaan en later verder"))
    page.goto(f"/beoordelingen/{second.uuid}/status/")
    go(page.get_by_role("link", name="Wat is er veranderd sinds versie 1"))
    table = page.get_by_role("table", name="Gewijzigde antwoorden")
    assert table.get_by_role("row").nth(1).inner_text().split("\t") == [
        "Is er een community?",
        "Nee",
        "Ja",
    ]
    assert_accessible(page)

"""Framework versions are append-only: a later load never rewrites a published assessment."""

import copy
import json
import re

import pytest
from django.test import Client

from assessments import services
from assessments.exchange import export_assessments
from assessments.models import Assessment, Verdict
from assessments.reports import render_assessment_pdf
from framework.loading import UnknownVersion, export_framework, load_framework
from framework.models import Option, Question, Statement
from tests.assessments.builders import platform, user_with_role
from tests.assessments.test_reports import pdf_text


def source_1_0() -> dict:
    """A small framework in the source format, version 1.0."""
    return {
        "version": "1.0",
        "criteria": [
            {
                "code": "passend_werk",
                "name": "Passend werk",
                "question": "Hoe passend is het werk?",
                "definition": "Werk dat past bij wat iemand kan.",
                "source": "Tabel PSO",
                "statements": [
                    {
                        "code": "k-online",
                        "kind": "kans",
                        "title": "Werk vanuit huis",
                        "explanation": "Online klussen kunnen thuis.",
                        "source": "Kenmerken 1",
                    },
                    {
                        "code": "u-alleen",
                        "kind": "uitdaging",
                        "title": "Alleen werken",
                        "explanation": "Geen collega's in de buurt.",
                        "action": "Organiseer contact.",
                        "source": "Kenmerken 5",
                    },
                ],
            }
        ],
        "characteristics": [
            {
                "code": "werk",
                "name": "Soort werk",
                "source": "Kenmerken 1",
                "questions": [
                    {
                        "code": "mode",
                        "kind": "single",
                        "text": "Is het werk fysiek of online?",
                        "source": "Kenmerken 1",
                        "options": [
                            {"code": "mode-online", "label": "Online", "triggers": ["k-online"]},
                            {"code": "mode-fysiek", "label": "Fysiek", "neutral": True},
                        ],
                    },
                    {
                        "code": "community",
                        "kind": "single",
                        "text": "Kunnen werkers elkaar ontmoeten?",
                        "source": "Kenmerken 5",
                        "options": [
                            {"code": "community-nee", "label": "Nee", "triggers": ["u-alleen"]},
                            {"code": "community-ja", "label": "Ja", "neutral": True},
                        ],
                    },
                ],
            }
        ],
    }


def source_1_1() -> dict:
    """1.1 drops the option 'Online', rewords a question and removes a statement."""
    data = copy.deepcopy(source_1_0())
    data["version"] = "1.1"
    statements = data["criteria"][0]["statements"]
    data["criteria"][0]["statements"] = [s for s in statements if s["code"] != "k-online"]
    mode, community = data["characteristics"][0]["questions"]
    mode["options"] = [o for o in mode["options"] if o["code"] != "mode-online"]
    community["text"] = "Is er een plek waar werkers elkaar treffen?"
    return data


@pytest.fixture
def people(db):
    ana = user_with_role("ana")
    ana.first_name, ana.last_name = "Ana", "Lyst"
    ana.save()
    return {"ana": ana, "rev": user_with_role("rev")}


def start_and_answer(people, name: str) -> Assessment:
    assessment = services.assessment_start(platform=platform(name), owner=people["ana"])
    services.answers_save(
        assessment=assessment,
        inputs=[
            services.AnswerInput(
                question=Question.objects.get(code="mode"),
                option_ids=[Option.objects.get(code="mode-online").pk],
                unknown=False,
                note="Alles via de app.",
            ),
            services.AnswerInput(
                question=Question.objects.get(code="community"),
                option_ids=[Option.objects.get(code="community-nee").pk],
                unknown=False,
            ),
        ],
        expected_version=None,
    )
    return assessment


def publish(assessment: Assessment, people) -> None:
    for finding in assessment.findings.all():
        services.finding_review(
            finding=finding,
            expected_version=None,
            verdict=Verdict.CONFIRMED,
            motivation="Gezien op de website.",
            action="Organiseer een forum." if finding.is_challenge else "",
            priority="high" if finding.is_challenge else "",
        )
    services.assessment_submit(assessment=assessment, reviewer=people["rev"])
    services.assessment_publish(assessment=assessment)


def without_tokens(html: str) -> str:
    """The page without its per-request CSP nonce and CSRF token."""
    html = re.sub(r'nonce="[^"]*"', 'nonce=""', html)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def what_the_public_sees(assessment: Assessment, researcher: Client) -> dict:
    client = Client()
    results = client.get(f"/beoordelingen/{assessment.uuid}/resultaat/").content.decode()
    return {
        "matrix": results,
        "answers_page": without_tokens(
            researcher.get(f"/beoordelingen/{assessment.uuid}/antwoorden/").content.decode()
        ),
        "json": json.dumps(
            export_assessments(Assessment.objects.filter(pk=assessment.pk))["assessments"],
            sort_keys=True,
        ),
        # Published reports are stored files; this renders one again, as a regeneration would.
        "pdf": pdf_text(render_assessment_pdf(assessment, "nl")),
    }


def test_a_later_framework_version_never_changes_a_published_assessment(people):
    load_framework(source_1_0())
    published = start_and_answer(people, "Klusplein")
    publish(published, people)
    published.refresh_from_db()
    researcher = Client()
    researcher.force_login(user_with_role("rita", "onderzoeker"))
    before = what_the_public_sees(published, researcher)
    assert "Werk vanuit huis" in before["matrix"]
    assert "Kunnen werkers elkaar ontmoeten?" in before["pdf"]
    assert "Online" in before["pdf"]

    report = load_framework(source_1_1())
    assert (report.retired, report.deleted) == (2, 0)

    after = what_the_public_sees(published, researcher)
    assert after["json"] == before["json"]
    assert after["answers_page"] == before["answers_page"]
    assert "Kunnen werkers elkaar ontmoeten?" in after["answers_page"]
    # The retired rows stay, marked, and the answer still holds its option.
    assert Option.all_versions.get(code="mode-online").retired is True
    assert Statement.all_versions.get(code="k-online").retired is True
    assert list(published.answers.get(question__code="mode").options.values_list("code")) == [
        ("mode-online",)
    ]


def test_retired_items_do_not_appear_in_new_assessments(people):
    load_framework(source_1_0())
    load_framework(source_1_1())
    fresh = services.assessment_start(platform=platform("Werkapp"), owner=people["ana"])
    client = Client()
    client.force_login(people["ana"])
    html = client.get(f"/beoordelingen/{fresh.uuid}/vragen/werk/").content.decode()
    assert "Is er een plek waar werkers elkaar treffen?" in html
    assert "Kunnen werkers elkaar ontmoeten?" not in html
    online, fysiek = (Option.all_versions.get(code=c).pk for c in ("mode-online", "mode-fysiek"))
    assert re.search(rf'name="mode"[^>]*value="{fysiek}"', html)
    assert not re.search(rf'name="mode"[^>]*value="{online}"', html)
    assert fresh.framework_version == "1.1"
    assert not fresh.findings.filter(statement__code="k-online").exists()


def test_a_concept_on_an_older_version_keeps_it_until_the_author_upgrades(people):
    load_framework(source_1_0())
    concept = start_and_answer(people, "Klusplein")
    load_framework(source_1_1())
    client = Client()
    client.force_login(people["ana"])
    html = client.get(f"/beoordelingen/{concept.uuid}/vragen/werk/").content.decode()
    assert "Kunnen werkers elkaar ontmoeten?" in html  # still the 1.0 wording
    html = client.get(f"/beoordelingen/{concept.uuid}/").content.decode()
    assert "Bijwerken naar versie 1.1" in html
    html = client.get(f"/beoordelingen/{concept.uuid}/bijwerken/").content.decode()
    assert "Kunnen werkers elkaar ontmoeten? → Is er een plek waar werkers elkaar treffen?" in html
    assert "Is het werk fysiek of online?: Online" in html
    assert "Werk vanuit huis" in html.split("niet meer uit de antwoorden volgen")[1]
    concept.refresh_from_db()
    assert concept.framework_version == "1.0"  # looking changes nothing
    response = client.post(
        f"/beoordelingen/{concept.uuid}/bijwerken/", {"lock_version": concept.lock_version}
    )
    assert response.status_code == 302
    concept.refresh_from_db()
    assert concept.framework_version == "1.1"
    assert not concept.answers.get(question__code="mode").options.exists()
    online = concept.findings.get(statement__code="k-online")
    assert online.no_longer_triggered is True


def test_any_stored_version_can_be_exported_as_it_was_loaded(people):
    load_framework(source_1_0())
    load_framework(source_1_1())
    assert export_framework("1.0") == source_1_0()
    assert export_framework("1.1") == source_1_1()
    assert export_framework()["characteristics"][0]["questions"][1]["text"] == (
        "Is er een plek waar werkers elkaar treffen?"
    )
    with pytest.raises(UnknownVersion):
        export_framework("0.9")


def test_a_version_without_an_answered_question_loads_and_keeps_the_answer(people):
    load_framework(source_1_0())
    published = start_and_answer(people, "Klusplein")
    publish(published, people)
    without_question = copy.deepcopy(source_1_0())
    without_question["version"] = "1.2"
    questions = without_question["characteristics"][0]["questions"]
    without_question["characteristics"][0]["questions"] = [
        q for q in questions if q["code"] != "community"
    ]
    report = load_framework(without_question)  # round one: ProtectedError half-way
    assert (report.retired, report.deleted) == (3, 0)  # the question and its two options
    answer = published.answers.get(question__code="community")
    assert answer.question.retired is True
    assert [o.label for o in answer.options.all()] == ["Nee"]
    assert not Question.objects.filter(code="community").exists()


def test_a_later_framework_version_never_changes_a_published_results_page_or_pdf(people):
    load_framework(source_1_0())
    published = start_and_answer(people, "Klusplein")
    publish(published, people)
    url = f"/beoordelingen/{published.uuid}/resultaat/"
    before = (Client().get(url).content.decode(), pdf_text(render_assessment_pdf(published, "nl")))
    load_framework(source_1_1())
    after = (Client().get(url).content.decode(), pdf_text(render_assessment_pdf(published, "nl")))
    assert after == before

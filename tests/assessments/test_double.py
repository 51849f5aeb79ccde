"""Dubbele beoordeling: independent parts, measured agreement, a settled consensus."""

import csv
import io
import json
import re

import pytest

from assessments.double import double_hand_in, double_start
from assessments.models import (
    Answer,
    Assessment,
    AssessmentStatus,
    ConsensusChoice,
    DoubleAssessment,
)
from tests.assessments.factories import PlatformFactory
from tests.users import make_user


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def people(fw):
    return {
        "rosa": make_user("rosa@example.org", "onderzoeker", password=None, first_name="Rosa"),
        "anna": make_user("anna@example.org", "analist", password=None, first_name="Anna"),
        "bert": make_user("bert@example.org", "analist", password=None, first_name="Bert"),
        "fw": fw,
    }


def _answer(assessment, fw, *options):
    by_question = {}
    for name in options:
        option = fw["options"][name]
        by_question.setdefault(option.question, []).append(option)
    for question, chosen in by_question.items():
        answer, _ = Answer.objects.get_or_create(assessment=assessment, question=question)
        answer.unknown = False
        answer.save()
        answer.options.set(chosen)


@pytest.fixture
def started(people):
    return double_start(
        platform=PlatformFactory(name="Klusplein"),
        first_analyst=people["anna"],
        second_analyst=people["bert"],
        started_by=people["rosa"],
    )


def test_a_researcher_starts_one_for_two_different_analysts(client, people):
    platform = PlatformFactory(name="Klusplein")
    client.force_login(people["rosa"])

    same = client.post(
        "/beoordelingen/dubbel/",
        {
            "platform": platform.pk,
            "first_analyst": people["anna"].pk,
            "second_analyst": people["anna"].pk,
        },
    )
    made = client.post(
        "/beoordelingen/dubbel/",
        {
            "platform": platform.pk,
            "first_analyst": people["anna"].pk,
            "second_analyst": people["bert"].pk,
        },
    )

    assert same.status_code == 400
    assert "Kies twee verschillende analisten" in _text(same)
    double = DoubleAssessment.objects.get()
    assert made["Location"] == double.get_absolute_url()
    assert (double.first.owner, double.second.owner) == (people["anna"], people["bert"])


def test_an_analyst_cannot_see_the_other_part_before_both_handed_in(client, people, started):
    client.force_login(people["anna"])

    other = client.get(started.second.get_absolute_url())
    page = _text(client.get(started.get_absolute_url()))

    assert other.status_code == 404
    assert "De overeenstemming is te zien zodra beide analisten hebben ingeleverd." not in page
    assert "Mijn antwoorden inleveren" in page


def test_handing_in_freezes_the_answers_and_the_part(people, started):
    fw = people["fw"]
    _answer(started.first, fw, "online", "community")

    double = double_hand_in(double=started, user=people["anna"])

    assert double.first_answers["community"] == ["community-yes"]
    assert double.first_done_at is not None
    started.first.refresh_from_db()
    assert started.first.status == AssessmentStatus.REVIEW
    assert not started.first.is_editable


def _both_handed_in(people, started):
    fw = people["fw"]
    _answer(started.first, fw, "online", "community", "rated", "stars", "reviews")
    _answer(started.second, fw, "online", "no-community", "rated", "stars")
    double_hand_in(double=started, user=people["anna"])
    return double_hand_in(double=started, user=people["bert"])


def test_the_agreement_page_shows_figures_and_every_difference(client, people, started):
    double = _both_handed_in(people, started)
    client.force_login(people["rosa"])

    page = _text(client.get(double.get_absolute_url()))

    # mode and rates agree, community differs; "how": {stars, reviews} against {stars}
    # differs too, with Jaccard 1/2: 2 of 4 questions agree.
    # Kappa over the three one-answer questions: p_o = 2/3, p_e = 2/9, kappa = 4/7.
    assert (
        '<th scope="row">Alle vragen</th><td>4</td><td>50%</td><td>0,57</td><td>0,50</td>' in page
    )
    assert "Is er een community?" in page
    assert "Hoe worden werkers beoordeeld?" in page
    assert "Consensus vastleggen" not in page  # the researcher does not settle


def test_the_analysts_settle_a_consensus_that_follows_the_workflow(client, people, started):
    double = _both_handed_in(people, started)
    client.force_login(people["anna"])
    url = f"{double.get_absolute_url()}consensus/"

    incomplete = client.post(url, {"keuze-community": "first"})
    done = client.post(
        url,
        {
            "keuze-community": "first",
            "motivering-community": "Het forum staat op de site.",
            "keuze-how": "second",
            "motivering-how": "Reviews zijn niet openbaar.",
        },
    )

    assert incomplete.status_code == 400
    assert "Geef bij ‘Is er een community?’ een motivering." in _text(incomplete)
    double.refresh_from_db()
    consensus = double.consensus
    assert done["Location"] == consensus.get_absolute_url()
    assert consensus.status == AssessmentStatus.CONCEPT
    assert list(consensus.co_authors.all()) == [people["bert"]]
    chosen = {
        a.question.code: sorted(o.code for o in a.options.all())
        for a in Answer.objects.filter(assessment=consensus)
    }
    assert chosen["community"] == ["community-yes"]
    assert chosen["how"] == ["how-stars"]
    assert chosen["mode"] == ["mode-online"]
    assert ConsensusChoice.objects.filter(double=double).count() == 2
    assert Assessment.objects.filter(platform=double.platform).count() == 3


def test_the_agreement_export_lists_every_question(client, people, started):
    _both_handed_in(people, started)
    client.force_login(people["rosa"])

    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get("/beoordelingen/dubbel/overeenstemming.csv")
                .getvalue()
                .decode("utf-8-sig")
            ),
            delimiter=";",
        )
    )
    data = json.loads(client.get("/beoordelingen/dubbel/overeenstemming.json").getvalue())

    by_code = {r["question"]: r for r in rows}
    assert by_code["community"]["agreed"] == "0"
    assert by_code["mode"]["agreement_percentage"] == "100.0"
    assert by_code["how"]["mean_jaccard"] == "0.5"
    assert data["schema_version"] == 1
    assert [q["question"] for q in data["questions"]] == list(by_code)


def test_strangers_learn_nothing_of_a_double_assessment(client, people, started):
    client.force_login(make_user("ot@example.org", "analist", password=None))

    assert client.get(started.get_absolute_url()).status_code == 404
    assert client.get("/beoordelingen/dubbel/overeenstemming.csv").status_code == 403


def test_the_consensus_report_has_a_reliability_appendix(client, people, started):
    from assessments.reports import render_assessment_pdf
    from tests.assessments.test_reports import pdf_text

    double = _both_handed_in(people, started)
    client.force_login(people["anna"])
    client.post(
        f"{double.get_absolute_url()}consensus/",
        {
            "keuze-community": "first",
            "motivering-community": "Het forum staat op de site.",
            "keuze-how": "second",
            "motivering-how": "Reviews zijn niet openbaar.",
        },
    )
    double.refresh_from_db()

    text = pdf_text(render_assessment_pdf(double.consensus, "nl"))

    assert "Betrouwbaarheid" in text
    assert "Alle vragen 4 50% 0,57 0,50" in text
    assert (
        "Is er een community?: Antwoord van de eerste analist. Het forum staat op de site." in text
    )


def test_a_double_assessment_blocks_no_later_edition(people, started):
    from assessments import services

    _both_handed_in(people, started)

    # Both parts are handed in (read-only); a normal new edition may start.
    later = services.assessment_start(platform=started.platform, owner=people["anna"])

    assert later.edition == 3

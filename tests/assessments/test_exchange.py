"""Moving assessments between installations: export, import, and refusing bad files."""

import copy
import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from assessments import services
from assessments.exchange import ExchangeError, export_assessments, import_assessments
from assessments.models import Answer, Assessment, Finding, Verdict
from framework.models import Question
from tests.assessments.builders import platform, small_framework, user_with_role

# Each test loads the real framework into a fresh installation (about 1.3 s each, 50 s in all):
# run by CI, left out of make test-fast.
pytestmark = pytest.mark.slow


def answer(assessment, fw, question_code: str, *option_keys: str, **fields) -> None:
    services.answers_save(
        assessment=assessment,
        inputs=[
            services.AnswerInput(
                question=Question.objects.get(code=question_code),
                option_ids=[fw["options"][k].pk for k in option_keys],
                unknown=fields.pop("unknown", False),
                **fields,
            )
        ],
        expected_version=None,
    )


def review(assessment, statement_code: str, verdict: str, **fields) -> None:
    services.finding_review(
        finding=assessment.findings.get(statement__code=statement_code),
        expected_version=None,
        verdict=verdict,
        motivation=f"Motivering bij {statement_code}",
        **fields,
    )


@pytest.fixture
def setup(db):
    """Klusplein: a published edition 1 and a concept edition 2; Werkapp: one concept."""
    fw = small_framework()
    ana = user_with_role("ana")
    bert = user_with_role("bert")
    rita = user_with_role("rita", "onderzoeker")

    first = services.assessment_start(platform=platform("Klusplein"), owner=ana)
    first.co_authors.add(bert)
    first.summary = "Een marktplaats voor klussen."
    first.save()
    answer(first, fw, "mode", "online", note="Alles via de app.")
    answer(first, fw, "community", "no-community")
    answer(first, fw, "rates", "rated")
    answer(first, fw, "how", "stars", "reviews", source_reference="Voorwaarden, art. 4")
    review(first, "k-online", Verdict.CONFIRMED)
    review(
        first,
        "u-isolation",
        Verdict.ADJUSTED,
        own_title="Weinig contact met andere werkers",
        own_text="Er is geen forum.",
        action="Een maandelijkse bijeenkomst.",
        action_owner="Platform",
        priority="high",
    )
    review(first, "u-stars", Verdict.NOT_APPLICABLE)
    review(first, "u-monitoring", Verdict.CONFIRMED, evidence="Interview, maart 2024")
    services.finding_add(
        assessment=first,
        expected_version=None,
        criterion=fw["criteria"]["integ"],
        kind="kans",
        title="Klanten kennen de werker",
        text="Vaste klanten vragen dezelfde werker.",
        motivation="Uit gesprekken.",
        priority="low",
    )
    services.finding_comment(
        finding=first.findings.get(statement__code="k-online"), comment="Bron toevoegen."
    )
    services.assessment_submit_for_review(assessment=first, reviewer=rita)
    services.assessment_publish(assessment=first)

    second = services.assessment_new_edition(assessment=first, owner=ana)
    answer(second, fw, "mode", "physical")

    third = services.assessment_start(platform=platform("Werkapp"), owner=bert)
    answer(
        third,
        fw,
        "mode",
        "online",
        source_url="https://werkapp.example.nl/over-ons",
        consulted_on=date(2024, 5, 17),
    )
    answer(third, fw, "rates", "rated")
    answer(third, fw, "how", "stars")
    return {"fw": fw, "first": first, "second": second, "third": third, "ana": ana}


def exported() -> dict:
    """An export as another installation would read it: through JSON text."""
    return json.loads(json.dumps(export_assessments(Assessment.objects.all())))


def without_time(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "exported_at"}


def counts() -> tuple[int, int, int]:
    return Assessment.objects.count(), Answer.objects.count(), Finding.objects.count()


def test_export_lists_assessments_by_platform_and_edition(setup):
    data = exported()
    assert data["schema"] == "inclusief.assessments"
    assert data["schema_version"] == 1
    assert [(a["platform"]["slug"], a["edition"], a["status"]) for a in data["assessments"]] == [
        ("klusplein", 1, "published"),
        ("klusplein", 2, "concept"),
        ("werkapp", 1, "concept"),
    ]


def test_export_names_answers_and_findings_by_code(setup):
    first = exported()["assessments"][0]
    assert first["owner"] == "ana"
    assert first["co_authors"] == ["bert"]
    assert first["reviewer"] == "rita"
    assert [(a["question"], a["options"]) for a in first["answers"]] == [
        ("mode", ["mode-online"]),
        ("community", ["community-no"]),
        ("rates", ["rates-yes"]),
        ("how", ["how-stars", "how-reviews"]),
    ]
    adjusted = next(f for f in first["findings"] if f["statement"] == "u-isolation")
    assert adjusted["verdict"] == "adjusted"
    assert adjusted["own_title"] == "Weinig contact met andere werkers"
    assert adjusted["priority"] == "high"
    assert adjusted["triggered_by"] == ["community-no"]
    own = next(f for f in first["findings"] if f["statement"] is None)
    assert (own["criterion"], own["kind"], own["title"]) == (
        "integratie",
        "kans",
        "Klanten kennen de werker",
    )


def test_round_trip_into_an_empty_installation_gives_identical_data(setup):
    before = exported()
    Assessment.objects.all().delete()

    report = import_assessments(copy.deepcopy(before), owner_fallback=None)

    assert len(report.created) == 3
    assert report.derived == []
    assert without_time(exported()) == without_time(before)
    second = Assessment.objects.get(uuid=before["assessments"][1]["uuid"])
    assert str(second.previous.uuid) == before["assessments"][0]["uuid"]


def test_round_trip_keeps_the_flag_of_a_finding_no_longer_triggered(setup):
    before = exported()
    Assessment.objects.all().delete()
    import_assessments(before, owner_fallback=None)
    finding = Finding.objects.get(assessment__edition=2, statement__code="k-online")
    assert (finding.no_longer_triggered, finding.flag_resolved) == (True, False)
    assert finding.verdict == Verdict.CONFIRMED


def test_import_keeps_the_snapshot_texts_of_the_file(setup):
    data = exported()
    data["assessments"][2]["findings"][0]["title"] = "Oude titel uit de vorige versie"
    Assessment.objects.all().delete()
    import_assessments(data, owner_fallback=None)
    finding = Finding.objects.get(uuid=data["assessments"][2]["findings"][0]["uuid"])
    assert finding.title_nl == "Oude titel uit de vorige versie"


def test_import_without_findings_derives_them_from_the_answers(setup):
    data = exported()
    del data["assessments"][2]["findings"]
    data["assessments"][1]["findings"] = []
    Assessment.objects.all().delete()

    report = import_assessments(data, owner_fallback=None)

    werkapp = Assessment.objects.get(platform__slug="werkapp")
    assert report.derived == [data["assessments"][1]["uuid"], str(werkapp.uuid)]
    assert sorted(werkapp.findings.values_list("statement__code", flat=True)) == [
        "k-online",
        "u-monitoring",
        "u-stars",
    ]
    assert set(werkapp.findings.values_list("verdict", flat=True)) == {Verdict.OPEN}


WERKAPP = "assessments[2] (platform 'werkapp')"


def _set(path: tuple, value):
    def mutate(data: dict) -> None:
        target = data["assessments"][2]
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


BAD_ENTRIES = [
    (
        _set(("answers", 0, "options"), ["x"]),
        f"{WERKAPP} › answers[0]: unknown option code 'x' for question 'mode'.",
    ),
    (
        _set(("answers", 0, "options"), ["how-stars"]),
        f"{WERKAPP} › answers[0]: unknown option code 'how-stars' for question 'mode'.",
    ),
    (
        _set(("answers", 0, "question"), "bestaat-niet"),
        f"{WERKAPP} › answers[0]: unknown question 'bestaat-niet'.",
    ),
    (
        _set(("answers", 0, "options"), ["mode-online", "mode-physical"]),
        f"{WERKAPP} › answers[0]: question 'mode' takes one option, got 2 "
        "(mode-online, mode-physical).",
    ),
    (
        _set(("answers", 0, "unknown"), True),
        f"{WERKAPP} › answers[0]: 'unknown' is true but options are given; choose one of the two.",
    ),
    (
        _set(("answers", 0, "consulted_on"), "2024-13-01"),
        f"{WERKAPP} › answers[0]: 'consulted_on' must be an ISO date (YYYY-MM-DD) or null, "
        "got '2024-13-01'.",
    ),
    (
        _set(("answers", 0, "consulted_on"), "17 mei 2024"),
        f"{WERKAPP} › answers[0]: 'consulted_on' must be an ISO date (YYYY-MM-DD) or null, "
        "got '17 mei 2024'.",
    ),
    (
        _set(("answers", 0, "source_url"), "werkapp punt nl"),
        f"{WERKAPP} › answers[0]: 'source_url' is not a valid web address: 'werkapp punt nl'.",
    ),
    (
        _set(("answers", 1, "question"), "mode"),
        f"{WERKAPP} › answers[1]: unknown option code 'rates-yes' for question 'mode'.",
    ),
    (
        _set(("findings", 0, "verdict"), "misschien"),
        f"{WERKAPP} › findings[0]: 'verdict' must be one of 'open', 'confirmed', "
        "'not_applicable', 'adjusted', got 'misschien'.",
    ),
    (
        _set(("findings", 0, "priority"), "urgent"),
        f"{WERKAPP} › findings[0]: 'priority' must be one of '', 'high', 'medium', 'low', "
        "got 'urgent'.",
    ),
    (
        _set(("findings", 0, "kind"), "risico"),
        f"{WERKAPP} › findings[0]: 'kind' must be one of 'kans', 'uitdaging', got 'risico'.",
    ),
    (
        _set(("findings", 0, "statement"), "bestaat-niet"),
        f"{WERKAPP} › findings[0]: unknown statement 'bestaat-niet'.",
    ),
    (
        _set(("findings", 0, "criterion"), "geluk"),
        f"{WERKAPP} › findings[0]: unknown criterion 'geluk'.",
    ),
    (
        _set(("findings", 0, "title"), ""),
        f"{WERKAPP} › findings[0]: 'title' is empty.",
    ),
    (
        _set(("findings", 0, "verdit"), "open"),
        f"{WERKAPP} › findings[0]: unknown field 'verdit'.",
    ),
    (
        _set(("findings", 0, "no_longer_triggered"), "nee"),
        f"{WERKAPP} › findings[0]: 'no_longer_triggered' must be true or false, got 'nee'.",
    ),
    (
        _set(("status",), "klaar"),
        f"{WERKAPP}: 'status' must be one of 'concept', 'review', 'published', got 'klaar'.",
    ),
    (
        _set(("created_at",), "gisteren"),
        f"{WERKAPP}: 'created_at' must be an ISO 8601 date and time, got 'gisteren'.",
    ),
    (
        _set(("edition",), 0),
        f"{WERKAPP}: 'edition' must be a whole number from 1, got 0.",
    ),
    (
        _set(("uuid",), "niet-een-uuid"),
        f"{WERKAPP}: 'uuid' is not a UUID: 'niet-een-uuid'.",
    ),
    (
        _set(("platform",), {"slug": "bestaat-niet", "name": "Bestaat Niet"}),
        "assessments[2] (platform 'bestaat-niet'): unknown platform 'bestaat-niet'; "
        "add it to the catalogue first.",
    ),
    (
        _set(("owner",), "onbekend"),
        f"{WERKAPP}: unknown user 'onbekend' as owner; name a fallback owner.",
    ),
]


@pytest.mark.parametrize(("mutate", "message"), BAD_ENTRIES)
def test_a_malformed_file_is_refused_naming_the_entry_and_writes_nothing(setup, mutate, message):
    data = exported()
    mutate(data)
    Assessment.objects.all().delete()

    with pytest.raises(ExchangeError) as error:
        import_assessments(data, owner_fallback=None)

    assert str(error.value) == message
    assert counts() == (0, 0, 0)


def test_the_same_edition_twice_in_one_file_is_refused(setup):
    data = exported()
    data["assessments"][2]["platform"] = {"slug": "klusplein", "name": "Klusplein"}
    data["assessments"][2]["edition"] = 2
    Assessment.objects.all().delete()
    with pytest.raises(ExchangeError) as error:
        import_assessments(data, owner_fallback=None)
    assert str(error.value) == (
        "assessments[2] (platform 'klusplein'): edition 2 of 'klusplein' is also in "
        "assessments[1] (platform 'klusplein')."
    )
    assert counts() == (0, 0, 0)


def test_an_edition_that_exists_here_is_refused(setup):
    data = exported()
    Assessment.objects.all().delete()
    here = services.assessment_start(platform=setup["third"].platform, owner=setup["ana"])
    before = counts()
    with pytest.raises(ExchangeError) as error:
        import_assessments(data, owner_fallback=None)
    assert str(error.value) == (
        f"{WERKAPP}: edition 1 of platform 'werkapp' already exists here (assessment {here.uuid})."
    )
    assert counts() == before


@pytest.mark.parametrize(
    ("top", "message"),
    [
        (
            {"schema": "iets-anders"},
            "This is not an assessments export: 'schema' must be 'inclusief.assessments', "
            "got 'iets-anders'.",
        ),
        (
            {"schema_version": 2},
            "Unsupported schema_version 2; this installation reads 1.",
        ),
        ({"schema_version": [1]}, "Unsupported schema_version [1]; this installation reads 1."),
        ({"schema_version": "1"}, "Unsupported schema_version '1'; this installation reads 1."),
        ({"assessments": {}}, "top level: 'assessments' must be a list."),
        ({"extra": 1}, "top level: unknown field 'extra'."),
    ],
)
def test_a_wrong_schema_or_version_is_refused(setup, top, message):
    data = exported()
    data.update(top)
    with pytest.raises(ExchangeError) as error:
        import_assessments(data, owner_fallback=None)
    assert str(error.value) == message


def test_an_assessment_that_exists_here_is_refused_by_default(setup):
    data = exported()
    before = counts()
    with pytest.raises(ExchangeError) as error:
        import_assessments(data, owner_fallback=None)
    uuid = data["assessments"][0]["uuid"]
    assert str(error.value) == (
        f"assessments[0] (platform 'klusplein'): an assessment with uuid {uuid} already "
        "exists here (Klusplein (1)); use --replace to overwrite it."
    )
    assert counts() == before


def test_replace_rewrites_a_concept(setup):
    data = exported()
    data["assessments"] = [data["assessments"][2]]
    data["assessments"][0]["summary"] = "Bijgewerkt op de andere installatie."
    data["assessments"][0]["answers"] = data["assessments"][0]["answers"][:1]
    data["assessments"][0]["findings"] = data["assessments"][0]["findings"][:1]

    report = import_assessments(data, owner_fallback=None, replace=True)

    third = setup["third"]
    third.refresh_from_db()
    assert report.replaced == [str(third.uuid)]
    assert third.summary == "Bijgewerkt op de andere installatie."
    assert list(third.answers.values_list("question__code", flat=True)) == ["mode"]
    assert third.findings.count() == 1
    assert without_time(export_assessments(Assessment.objects.filter(pk=third.pk))) == (
        without_time(data)
    )


def test_replace_never_overwrites_a_published_assessment(setup):
    data = exported()
    data["assessments"] = data["assessments"][:1]
    before = counts()
    with pytest.raises(ExchangeError) as error:
        import_assessments(data, owner_fallback=None, replace=True)
    assert "is published here and is never overwritten" in str(error.value)
    assert counts() == before


def test_an_unknown_owner_falls_back_and_is_reported(setup):
    data = exported()
    data["assessments"][2]["owner"] = "elders"
    Assessment.objects.all().delete()
    report = import_assessments(data, owner_fallback=setup["ana"])
    uuid = data["assessments"][2]["uuid"]
    assert report.owners_substituted == [(uuid, "elders", "ana")]
    assert Assessment.objects.get(uuid=uuid).owner == setup["ana"]


def test_export_command_writes_json_filtered_by_platform_and_status(setup):
    out = StringIO()
    call_command("export_assessments", "--format", "json", stdout=out)
    assert len(json.loads(out.getvalue())["assessments"]) == 3

    out = StringIO()
    call_command("export_assessments", "--platform", "klusplein", "--status", "concept", stdout=out)
    data = json.loads(out.getvalue())
    assert [(a["platform"]["slug"], a["edition"]) for a in data["assessments"]] == [
        ("klusplein", 2)
    ]


def test_export_command_refuses_an_unknown_platform(setup):
    with pytest.raises(CommandError, match="Unknown platform 'nergens'"):
        call_command("export_assessments", "--platform", "nergens", stdout=StringIO())


def test_import_command_round_trip(setup, tmp_path):
    out = StringIO()
    call_command("export_assessments", stdout=out)
    path = tmp_path / "assessments.json"
    path.write_text(out.getvalue(), encoding="utf-8")
    Assessment.objects.all().delete()

    result = StringIO()
    call_command("import_assessments", str(path), stdout=result)

    assert result.getvalue() == (
        "Imported 3 assessment(s): 3 created, 0 replaced; "
        "findings derived from the answers for 0.\n"
    )
    again = StringIO()
    call_command("export_assessments", stdout=again)
    assert without_time(json.loads(again.getvalue())) == without_time(json.loads(out.getvalue()))


def test_import_command_refuses_a_bad_file_and_names_the_entry(setup, tmp_path):
    data = exported()
    data["assessments"][2]["answers"][0]["options"] = ["x"]
    path = tmp_path / "assessments.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    Assessment.objects.all().delete()

    with pytest.raises(CommandError) as error:
        call_command("import_assessments", str(path), stdout=StringIO())

    assert str(error.value) == (
        f"Nothing imported. {WERKAPP} › answers[0]: unknown option code 'x' for question 'mode'."
    )
    assert counts() == (0, 0, 0)


def test_import_command_refuses_text_that_is_not_json(db, tmp_path):
    path = tmp_path / "kapot.json"
    path.write_text("{niet json", encoding="utf-8")
    with pytest.raises(CommandError, match=r"^Nothing imported\. .*kapot\.json is not valid JSON"):
        call_command("import_assessments", str(path))


def test_import_command_uses_the_owner_option_for_unknown_owners(setup, tmp_path):
    data = exported()
    data["assessments"][2]["owner"] = "elders"
    path = tmp_path / "assessments.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    Assessment.objects.all().delete()

    out = StringIO()
    call_command("import_assessments", str(path), "--owner", "ana", stdout=out)

    uuid = data["assessments"][2]["uuid"]
    assert f"Assessment {uuid}: owner 'elders' is unknown here; now owned by 'ana'." in (
        out.getvalue()
    )

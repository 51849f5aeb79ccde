"""Hostile input to every form of the assessment flow: never a 500, never a partial write,
and whatever is saved comes back escaped."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments import services
from assessments.models import Answer, Assessment, Finding
from tests.assessments.builders import platform, small_framework, user_with_role
from tests.fuzz import FUZZ_SETTINGS, assert_no_injected_markup, hostile_form, hostile_text

pytestmark = pytest.mark.slow

STEP_FIELDS = [
    "lock_version",
    "mode",
    "community",
    "mode-note",
    "mode-source_url",
    "mode-source_reference",
    "mode-consulted_on",
    "community-note",
    "next",
]
REVIEW_FIELDS = [
    "lock_version",
    "verdict",
    "motivation",
    "own_title",
    "own_text",
    "action",
    "action_owner",
    "priority",
    "evidence",
    "form",
]
OWN_FIELDS = ["lock_version", "kind", "title", "text", "motivation", "action", "priority"]


@pytest.fixture
def world(db):
    small_framework()
    analist = user_with_role("ana")
    assessment = services.assessment_start(platform=platform(), owner=analist)
    return analist, assessment


def snapshot(assessment: Assessment) -> tuple:
    return (
        Assessment.objects.get(pk=assessment.pk).lock_version,
        Answer.objects.filter(assessment=assessment).count(),
        Finding.objects.filter(assessment=assessment).count(),
    )


@FUZZ_SETTINGS
@given(data=hostile_form(STEP_FIELDS))
def test_step_form_survives_hostile_input(client, world, data):
    analist, assessment = world
    client.force_login(analist)
    before = snapshot(assessment)
    response = client.post(f"/beoordelingen/{assessment.uuid}/vragen/werk/", data)
    assert response.status_code in {200, 302}
    if response.status_code == 200:
        assert snapshot(assessment) == before  # a refused form writes nothing
        assert_no_injected_markup(response.content.decode())


@FUZZ_SETTINGS
@given(data=hostile_form(REVIEW_FIELDS))
def test_finding_review_form_survives_hostile_input(client, world, data):
    analist, assessment = world
    client.force_login(analist)
    finding = assessment.findings.first()
    before = Finding.objects.filter(pk=finding.pk).values().get()
    response = client.post(f"/beoordelingen/{assessment.uuid}/bevinding/{finding.uuid}/", data)
    assert response.status_code in {200, 302, 403}
    if response.status_code != 302:
        assert Finding.objects.filter(pk=finding.pk).values().get() == before
        assert_no_injected_markup(response.content.decode())


@FUZZ_SETTINGS
@given(data=hostile_form(OWN_FIELDS))
def test_own_finding_form_survives_hostile_input(client, world, data):
    analist, assessment = world
    client.force_login(analist)
    before = snapshot(assessment)
    response = client.post(
        f"/beoordelingen/{assessment.uuid}/bevindingen/integratie/toevoegen/", data
    )
    assert response.status_code in {200, 302}
    if response.status_code == 200:
        assert snapshot(assessment) == before
        assert_no_injected_markup(response.content.decode())


@FUZZ_SETTINGS
@given(text=hostile_text(2000).filter(lambda t: "\x00" not in t))
def test_saved_hostile_text_is_escaped_wherever_it_is_shown(client, world, text):
    analist, assessment = world
    client.force_login(analist)
    assessment.refresh_from_db()
    response = client.post(
        f"/beoordelingen/{assessment.uuid}/bevindingen/integratie/toevoegen/",
        {
            "lock_version": assessment.lock_version,
            "kind": "kans",
            "title": text[:200] or "x",
            "text": text,
            "motivation": text or "m",
        },
    )
    assert response.status_code in {200, 302}
    for url in (
        f"/beoordelingen/{assessment.uuid}/bevindingen/integratie/",
        f"/beoordelingen/{assessment.uuid}/",
    ):
        assert_no_injected_markup(client.get(url).content.decode())


@FUZZ_SETTINGS
@given(slug=st.one_of(hostile_text(100), st.just("klusplein")))
def test_starting_an_assessment_with_a_hostile_platform_choice(client, world, slug):
    analist, _ = world
    client.force_login(analist)
    count = Assessment.objects.count()
    response = client.post("/beoordelingen/nieuw/", {"platform": slug})
    assert response.status_code in {200, 302}
    assert Assessment.objects.count() in {count, count + 1}


@FUZZ_SETTINGS
@given(
    params=hostile_form(
        [
            "q",
            "segment",
            "mode",
            "skill_level",
            "organisation_model",
            "employment_relation",
            "status",
            "work_type",
            "pagina",
        ]
    )
)
def test_list_pages_survive_hostile_query_parameters(client, world, params):
    params = {k: (v if not isinstance(v, list) else v[0]) for k, v in params.items()}
    for url in ("/platforms/", "/beoordelingen/"):
        response = client.get(url, params)
        assert response.status_code == 200
        assert_no_injected_markup(response.content.decode())

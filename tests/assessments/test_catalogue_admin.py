import pytest

from assessments.models import Platform
from tests.assessments.factories import (
    PlatformFactory,
    PlatformSourceFactory,
    ProfileAnswerFactory,
    SegmentFactory,
    profile_questions,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "/beheer/assessments/platform/"


@pytest.fixture
def platforms():
    org, rel = profile_questions()
    horeca = SegmentFactory(code="horeca", name_nl="Horeca")
    temper = PlatformFactory(name="Temper", slug="temper", segments=[horeca], skill_lower=True)
    ProfileAnswerFactory(
        platform=temper, question=org, options=[org.options.get(code="orgmodel-marketplace")]
    )
    ProfileAnswerFactory(
        platform=temper, question=rel, options=[rel.options.get(code="relatie-zzp")]
    )
    PlatformSourceFactory(platform=temper)
    PlatformFactory(name="Upwork", slug="upwork", physical=False, online=True, status="stopped")
    return temper


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["Temper", "Upwork"]),
        ({"q": "temp"}, ["Temper"]),
        ({"segments__id__exact": "SEGMENT"}, ["Temper"]),
        ({"werkvorm": "online"}, ["Upwork"]),
        ({"niveau": "lager"}, ["Temper"]),
        ({"organisatiemodel": "orgmodel-marketplace"}, ["Temper"]),
        ({"arbeidsrelatie": "relatie-loondienst"}, []),
        ({"status__exact": "stopped"}, ["Upwork"]),
    ],
)
def test_admin_list_searches_and_filters(admin_client, platforms, params, expected):
    if "segments__id__exact" in params:
        params = {"segments__id__exact": platforms.segments.get().pk}
    response = admin_client.get(CHANGELIST, params)
    assert response.status_code == 200
    names = [p.name for p in response.context["cl"].result_list]
    assert sorted(names) == expected


def test_admin_change_page_shows_sources_and_profile_inline(admin_client, platforms):
    response = admin_client.get(f"{CHANGELIST}{platforms.pk}/change/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "profile_answers-TOTAL_FORMS" in content
    assert "sources-TOTAL_FORMS" in content
    assert 'value="https://bron.example.nl/"' in content


def test_admin_edit_is_recorded_in_history_with_the_user(admin_client, admin_user, platforms):
    platform = Platform.objects.get(slug="upwork")
    response = admin_client.post(
        f"{CHANGELIST}{platform.pk}/change/",
        {
            "name": "Upwork",
            "slug": "upwork",
            "website": "https://www.upwork.com",
            "description": "Online freelance.",
            "status": "stopped",
            "status_date": "",
            "status_note": "",
            "online": "on",
            "sources-TOTAL_FORMS": 0,
            "sources-INITIAL_FORMS": 0,
            "profile_answers-TOTAL_FORMS": 0,
            "profile_answers-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302
    latest = platform.history.latest()
    assert latest.history_user == admin_user
    assert latest.website == "https://www.upwork.com"
    history = admin_client.get(f"{CHANGELIST}{platform.pk}/history/")
    assert history.status_code == 200
    content = history.content.decode()
    assert admin_user.username in content
    assert "https://www.upwork.com" in content


def test_admin_changelist_query_count_is_flat(admin_client, django_assert_max_num_queries):
    for _ in range(5):
        PlatformFactory(segments=[SegmentFactory(code="zorg", name_nl="Zorg")])
    with django_assert_max_num_queries(20):
        assert admin_client.get(CHANGELIST).status_code == 200

import pytest
from django.urls import reverse

from tests.assessments.factories import (
    OptionFactory,
    PlatformFactory,
    PlatformSourceFactory,
    ProfileAnswerFactory,
    QuestionFactory,
    SegmentFactory,
    profile_questions,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/platforms/"


def make_platforms(count: int) -> None:
    org, rel = profile_questions()
    sector = SegmentFactory(code="horeca", name_nl="Horeca")
    for _ in range(count):
        platform = PlatformFactory(segments=[sector])
        ProfileAnswerFactory(platform=platform, question=org, options=[org.options.first()])
        ProfileAnswerFactory(platform=platform, question=rel, options=[rel.options.first()])
        PlatformSourceFactory(platform=platform)


@pytest.mark.parametrize("count", [1, 5])
def test_list_page_query_count_does_not_grow_with_platforms(
    client, django_assert_num_queries, count
):
    make_platforms(count)
    # session/auth middleware hit nothing for anonymous users; the count covers the page:
    # the content versions (1), the framework data on a cold cache, and the platforms.
    with django_assert_num_queries(8):
        response = client.get(LIST_URL, {"segment": "horeca"})
    assert response.status_code == 200
    assert len(response.context["platforms"]) == count


def test_list_shows_count_and_names(client):
    PlatformFactory(name="Temper")
    PlatformFactory(name="Upwork")
    response = client.get(LIST_URL)
    content = response.content.decode()
    assert "Gevonden platforms: 2" in content
    assert "Temper" in content and "Upwork" in content


def test_list_paginates_by_25(client):
    for _ in range(26):
        PlatformFactory()
    first = client.get(LIST_URL)
    second = client.get(LIST_URL, {"pagina": 2})
    assert len(first.context["platforms"]) == 25
    assert len(second.context["platforms"]) == 1
    assert 'aria-label="Paginering"' in first.content.decode()


def test_pagination_links_keep_the_filters(client):
    for _ in range(26):
        PlatformFactory(physical=True)
    content = client.get(LIST_URL, {"mode": "fysiek"}).content.decode()
    assert "?mode=fysiek&amp;pagina=2" in content


def test_search_narrows_the_list(client):
    PlatformFactory(name="Temper", description="Diensten in de horeca")
    PlatformFactory(name="Upwork", description="Online freelance")
    response = client.get(LIST_URL, {"q": "horeca"})
    assert [p.name for p in response.context["platforms"]] == ["Temper"]


def test_empty_result_shows_clear_empty_state(client):
    PlatformFactory(name="Temper")
    content = client.get(LIST_URL, {"q": "bestaatniet"}).content.decode()
    assert "Gevonden platforms: 0" in content
    assert "Geen platforms gevonden met deze zoekterm of filters." in content


def test_unknown_filter_value_is_ignored(client):
    PlatformFactory(name="Temper")
    response = client.get(LIST_URL, {"segment": "bestaat-niet"})
    assert [p.name for p in response.context["platforms"]] == ["Temper"]


def test_filter_form_offers_organisation_model_options(client):
    profile_questions()
    content = client.get(LIST_URL).content.decode()
    assert '<option value="orgmodel-marketplace">Marktplaats</option>' in content


def test_platform_page_shows_profile_sources_and_unknowns(client):
    question = QuestionFactory(code="orgmodel", text_nl="Hoe brengt het platform werk bij elkaar?")
    option = OptionFactory(code="orgmodel-marketplace", question=question, label_nl="Marktplaats")
    unknown_question = QuestionFactory(
        code="relatie", characteristic=question.characteristic, text_nl="Op welke basis?"
    )
    platform = PlatformFactory(name="Croqqer", slug="croqqer")
    ProfileAnswerFactory(
        platform=platform,
        question=question,
        options=[option],
        source_url="https://bron.example.nl/croqqer",
        source_title="Gamechangers",
        note="Een marktplaats voor klussen.",
    )
    PlatformSourceFactory(platform=platform, url="https://croqqer.example/", title="Voorwaarden")
    response = client.get(reverse("assessments:platform_detail", kwargs={"slug": "croqqer"}))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Marktplaats" in content
    assert 'href="https://bron.example.nl/croqqer"' in content
    assert "Een marktplaats voor klussen." in content
    assert "Voorwaarden" in content
    assert unknown_question.text_nl in content
    assert "Onbekend" in content
    assert "Nog geen gepubliceerde beoordelingen" in content


def test_platform_page_of_unknown_slug_is_404(client):
    assert client.get("/platforms/bestaat-niet/").status_code == 404


def test_work_type_grid_counts_platforms_per_cell_and_links_to_the_list(client):
    PlatformFactory(physical=True, skill_lower=True)
    PlatformFactory(physical=True, online=True, skill_lower=True)
    PlatformFactory(physical=False, online=True, skill_higher=True)
    response = client.get(reverse("assessments:work_type_grid"))
    rows = {row.skill_level: row for row in response.context["rows"]}
    assert [(c.mode, c.count) for c in rows["lager"].cells] == [("fysiek", 2), ("online", 1)]
    assert [(c.mode, c.count) for c in rows["hoger"].cells] == [("fysiek", 0), ("online", 1)]
    assert "/platforms/?mode=fysiek&amp;skill_level=lager" in response.content.decode()


def test_nav_has_platforms_item(client):
    content = client.get("/").content.decode()
    assert 'href="/platforms/"' in content

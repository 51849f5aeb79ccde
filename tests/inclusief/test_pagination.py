"""Every paginated list renders the one pagination partial: numbered page links that keep the
visitor's filters, the current page marked for screen readers, previous and next links."""

from django.urls import reverse

from tests.assessments.factories import (
    DoubleAssessmentFactory,
    PlatformFactory,
    PublishedAssessmentFactory,
)
from tests.inclusief.factories import UserFactory

NAV = '<nav aria-label="Paginering">'


def page_link(number: int, query: str = "", *, current: bool = False) -> str:
    prefix = f"{query}&amp;" if query else ""
    mark = ' aria-current="page"' if current else ""
    return (
        f'<a class="page-link" href="?{prefix}pagina={number}"{mark}>'
        f'<span class="visually-hidden">Pagina </span>{number}</a>'
    )


def test_overview_page_two_keeps_the_filter(client, db):
    PublishedAssessmentFactory.create_batch(51, owner=UserFactory())
    PublishedAssessmentFactory(platform=PlatformFactory(physical=False, online=True))

    first = client.get(reverse("assessments:overview"), {"mode": "fysiek"}).content.decode()
    second = client.get(reverse("assessments:overview"), {"mode": "fysiek", "pagina": 2})

    assert NAV in first
    assert page_link(1, "mode=fysiek", current=True) in first
    assert page_link(2, "mode=fysiek") in first
    assert len(second.context["rows"]) == 1
    html = second.content.decode()
    assert page_link(2, "mode=fysiek", current=True) in html
    assert '<a class="page-link" href="?mode=fysiek&amp;pagina=1" rel="prev">Vorige pagina</a>' in (
        html
    )


def test_assessment_list_links_every_page(client, db):
    PublishedAssessmentFactory.create_batch(26, owner=UserFactory())

    html = client.get(reverse("assessments:assessment_list"), {"pagina": 2}).content.decode()

    assert page_link(1) in html
    assert page_link(2, current=True) in html
    assert 'href="?pagina=1" rel="prev">Vorige pagina</a>' in html
    assert 'rel="next"' not in html


def test_double_list_links_every_page(client, beheerder):
    DoubleAssessmentFactory.create_batch(26, started_by=beheerder)
    client.force_login(beheerder)

    html = client.get(reverse("assessments:double_list")).content.decode()

    assert page_link(1, current=True) in html
    assert page_link(2) in html
    assert 'href="?pagina=2" rel="next">Volgende pagina</a>' in html


def test_a_list_of_one_page_has_no_page_links(client, db):
    PublishedAssessmentFactory.create_batch(3, owner=UserFactory())
    assert NAV not in client.get(reverse("assessments:assessment_list")).content.decode()


def test_catalogue_page_two_replaces_the_old_page_number(client, db):
    PlatformFactory.create_batch(51)
    html = client.get(reverse("assessments:platform_list"), {"q": "", "pagina": 2}).content.decode()
    assert page_link(3, "q=") in html
    assert "pagina=2&amp;pagina" not in html

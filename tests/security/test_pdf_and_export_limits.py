"""Finding 4: PDFs rendered on demand and exports, limited per visitor and site-wide."""

import pytest
from django.utils import timezone

from inclusief.models import RateLimitHit

pytestmark = pytest.mark.django_db


@pytest.fixture
def concept(fw, author, client):
    """Rendered on request: a signed-in author's concept (published reports are stored files)."""
    from assessments.services import assessment_start
    from tests.assessments.builders import platform

    client.force_login(author)
    return assessment_start(platform=platform("Concept"), owner=author)


def pdf_url(assessment) -> str:
    return f"/beoordelingen/{assessment.uuid}/rapport.pdf"


def renders_in_progress(key: str, n: int) -> None:
    RateLimitHit.objects.bulk_create(RateLimitHit(key=key, at=timezone.now()) for _ in range(n))


def test_a_render_takes_a_place_and_gives_it_back(client, concept):
    response = client.get(pdf_url(concept))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert not RateLimitHit.objects.filter(key__startswith="pdf-render").exists()


def test_when_every_render_place_is_taken_the_visitor_is_asked_to_try_again(
    client, published, settings
):
    renders_in_progress("pdf-render", settings.PDF_RENDERS_AT_ONCE)
    response = client.get(pdf_url(published))
    assert response.status_code == 429
    assert response["Retry-After"] == "10"
    html = response.content.decode()
    assert "Er worden nu veel rapporten tegelijk gemaakt." in html
    assert "Probeer het over 10 seconden nog eens." in html
    # The rest of the site is not kept waiting.
    assert client.get("/health/").status_code == 200


def test_a_signed_in_user_renders_one_pdf_at_a_time(client, concept, author):
    renders_in_progress(f"pdf-render:user:{author.pk}", 1)
    assert client.get(pdf_url(concept)).status_code == 429
    RateLimitHit.objects.all().delete()
    assert client.get(pdf_url(concept)).status_code == 200


def test_a_render_left_behind_by_a_crash_stops_counting_after_two_minutes(
    client, concept, settings
):
    old = timezone.now() - timezone.timedelta(minutes=3)
    RateLimitHit.objects.bulk_create(
        RateLimitHit(key="pdf-render", at=old) for _ in range(settings.PDF_RENDERS_AT_ONCE)
    )
    assert client.get(pdf_url(concept)).status_code == 200


def test_exports_are_limited_per_visitor(client, published, author, settings):
    settings.EXPORTS_PER_10_MINUTES = 3
    urls = [
        "/beoordelingen/overzicht/export.csv",
        "/beoordelingen/bevindingen/export.json",
        "/beoordelingen/overzicht/export.json",
        "/beoordelingen/bevindingen/export.csv",
    ]
    statuses = [client.get(url).status_code for url in urls]
    assert statuses == [200, 200, 200, 429]
    refused = client.get(urls[0])
    assert "U heeft in korte tijd veel bestanden opgevraagd." in refused.content.decode()
    assert 590 <= int(refused["Retry-After"]) <= 601
    # Another visitor (another address) is not held up.
    assert client.get(urls[0], REMOTE_ADDR="198.51.100.7").status_code == 200
    # A signed-in user counts per account, wherever they come from.
    client.force_login(author)
    assert client.get(urls[0]).status_code == 200


def test_pdf_downloads_count_as_exports(client, concept, settings):
    settings.EXPORTS_PER_10_MINUTES = 1
    assert client.get(pdf_url(concept)).status_code == 200
    assert client.get(pdf_url(concept)).status_code == 429

"""The tries of issue 15 that held, kept as regression tests beside the ones that were fixed:
object access, CSRF, redirects, XSS, URL schemes, WeasyPrint fetches, headers, concurrent
saves and a database that goes away."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from assessments.exchange import ExchangeError, export_assessments, import_assessments
from assessments.models import Assessment
from assessments.reports.layout import url_fetcher
from assessments.services import AssessmentConflict, assessment_start, finding_add
from tests.assessments.builders import platform, user_with_role
from tests.users import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def test_a_stranger_guessing_a_concepts_address_gets_404(client, fw, author):
    concept = assessment_start(platform=platform("Geheim"), owner=author)
    client.force_login(user_with_role("nieuwsgierig"))
    for url in [f"/beoordelingen/{concept.uuid}/", f"/beoordelingen/{concept.uuid}/rapport.pdf"]:
        response = client.get(url)
        assert response.status_code == 404
        assert "Geheim" not in response.content.decode()


def test_a_post_without_csrf_token_is_refused(author):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(author)
    response = browser.post("/account/gegevens/", {"display_name": "Overgenomen"})
    assert response.status_code == 403
    assert not hasattr(type(author).objects.get(pk=author.pk), "profile")


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"]
)
def test_login_never_redirects_off_the_site(client, db, target):
    make_user("anna", "analist")
    response = client.post(
        f"/account/inloggen/?next={target}", {"username": "anna", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_the_language_switch_never_redirects_off_the_site(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_script_in_an_own_finding_is_shown_as_text(client, published, fw):
    finding_add(
        assessment=published,
        expected_version=None,
        criterion=fw["criteria"]["pw"],
        kind="kans",
        title="<script>alert(1)</script>",
        text='<img src=x onerror="alert(2)">',
        motivation="m",
    )
    html = client.get(f"/beoordelingen/{published.uuid}/resultaat/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html


def test_a_javascript_address_as_source_is_refused_on_import(published):
    document = export_assessments(Assessment.objects.filter(pk=published.pk))
    document["assessments"][0]["answers"] = [
        {"question": "mode", "options": ["mode-online"], "source_url": "javascript:alert(1)"}
    ]
    Assessment.objects.all().delete()
    with pytest.raises(ExchangeError, match="'source_url' is not a valid web address"):
        import_assessments(document)


@pytest.mark.parametrize(
    "url",
    ["http://169.254.169.254/latest/meta-data/", "file:///etc/passwd", "https://x.example/a.css"],
)
def test_a_report_fetches_nothing_but_our_own_static_files(url):
    with pytest.raises(ValueError, match="Reports fetch no external resources"):
        url_fetcher().fetch(url)


def test_every_response_carries_the_security_headers(client, db):
    response = client.get("/")
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_two_saves_from_the_same_version_do_not_overwrite_each_other(published, fw):
    version = published.lock_version
    common = {
        "criterion": fw["criteria"]["pw"],
        "kind": "kans",
        "text": "",
        "motivation": "m",
    }
    finding_add(assessment=published, expected_version=version, title="Eerste", **common)
    with pytest.raises(AssessmentConflict):
        finding_add(assessment=published, expected_version=version, title="Tweede", **common)
    assert list(
        published.findings.filter(title_nl__in=["Eerste", "Tweede"]).values_list(
            "title_nl", flat=True
        )
    ) == ["Eerste"]


def test_a_database_that_goes_away_gives_503_on_health_not_a_crash(client, db):
    with mock.patch("inclusief.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}

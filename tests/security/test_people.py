"""Finding 7: people's data. Public names, "Mijn gegevens", deletion with a successor,
and beheerders managed by superusers only."""

import json

import pytest
from axes.models import AccessLog
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import ProtectedError

from assessments.models import Assessment, ReportJob
from assessments.reports import render_assessment_html
from assessments.services import assessment_start
from inclusief.models import DeletionRequest
from inclusief.roles import ANALIST, BEHEERDER
from tests.assessments.builders import platform
from tests.security.conftest import publish
from tests.users import PASSWORD, make_user

pytestmark = pytest.mark.django_db
User = get_user_model()
LOGIN_NAME = "j.jansen@gemeente.example"


@pytest.fixture
def nameless(fw):
    """An analist whose login is an e-mail address and who gave no name."""
    return make_user(LOGIN_NAME, ANALIST, email=LOGIN_NAME)


@pytest.fixture
def nameless_published(nameless):
    return publish(assessment_start(platform=platform("Bezorgers"), owner=nameless))


def test_public_pages_never_show_the_login_of_a_user_without_a_name(client, nameless_published):
    a = nameless_published
    for url in [f"/platforms/{a.platform.slug}/", f"/beoordelingen/{a.uuid}/"]:
        html = client.get(url).content.decode()
        assert LOGIN_NAME not in html
        assert "een analist" in html


def test_the_report_cover_never_shows_the_login(nameless_published, author):
    nameless_published.reviewer = author
    nameless_published.save()
    html = render_assessment_html(nameless_published, "nl")
    assert LOGIN_NAME not in html
    assert "een analist" in html
    assert "A.D.V." in html  # the reviewer, by initials


def test_a_chosen_display_name_shows_on_public_pages(client, nameless, nameless_published):
    client.force_login(nameless)
    response = client.post("/account/gegevens/", {"display_name": "Jan J."})
    assert response.status_code == 302
    client.logout()
    html = client.get(f"/platforms/{nameless_published.platform.slug}/").content.decode()
    assert "Jan J." in html
    assert "Jan J." in render_assessment_html(nameless_published, "nl")


def test_the_login_or_an_email_address_is_refused_as_display_name(client, nameless):
    client.force_login(nameless)
    for value in [LOGIN_NAME.upper(), "iemand@example.org"]:
        response = client.post("/account/gegevens/", {"display_name": value})
        assert response.status_code == 400
        assert "Kies een naam die niet uw inlognaam of e-mailadres is." in (
            response.content.decode()
        )
    assert not hasattr(User.objects.get(pk=nameless.pk), "profile")


def test_my_data_shows_what_is_stored(client, nameless, nameless_published):
    AccessLog.objects.create(
        username=LOGIN_NAME,
        ip_address="198.51.100.7",
        user_agent="x",
        attempt_time="2026-01-02T10:00Z",
    )
    client.force_login(nameless)
    html = client.get("/account/gegevens/").content.decode()
    assert "<h1>Mijn gegevens</h1>" in html
    assert LOGIN_NAME in html  # the user sees their own login
    assert "Bezorgers" in html
    assert "198.51.100.7" in html


def test_my_data_export_is_json_with_every_section(client, nameless, nameless_published):
    client.force_login(nameless)
    response = client.get("/account/gegevens/export.json")
    assert response["Content-Disposition"] == (
        'attachment; filename="inclusief-mijn-gegevens.json"'
    )
    document = json.loads(response.content)
    assert document["schema"] == "inclusief.personal-data"
    assert sorted(document["sections"]) == [
        "account",
        "assessments",
        "history",
        "logins",
        "maatwerk_scans",
        "report_jobs",
    ]
    account = document["sections"]["account"][0]
    assert (account["username"], account["email"], account["public_name"]) == (
        LOGIN_NAME,
        LOGIN_NAME,
        "een analist",
    )
    assert document["sections"]["assessments"] == [
        {
            "uuid": str(nameless_published.uuid),
            "platform": "Bezorgers",
            "edition": 1,
            "status": "published",
            "role": "auteur",
        }
    ]


def test_my_data_is_for_signed_in_users_only(client):
    for url in ["/account/gegevens/", "/account/gegevens/export.json"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/account/inloggen/")


def test_a_user_asks_for_deletion_and_can_withdraw(client, nameless):
    client.force_login(nameless)
    client.post("/account/gegevens/verwijderen/", {"note": "Ik ga weg."})
    assert DeletionRequest.objects.get(user=nameless).note == "Ik ga weg."
    assert "Verzoek intrekken" in client.get("/account/gegevens/").content.decode()
    client.post("/account/gegevens/verwijderen/", {"withdraw": "1"})
    assert not DeletionRequest.objects.exists()


def test_an_owner_of_assessments_could_not_be_deleted(nameless, nameless_published):
    with pytest.raises(ProtectedError):
        User.objects.get(pk=nameless.pk).delete()


def test_a_beheerder_deletes_an_account_and_a_successor_takes_over(
    client, nameless, nameless_published, author
):
    beheerder = make_user("bea", BEHEERDER, password=None)
    Assessment.history.filter(uuid=nameless_published.uuid).update(history_user=nameless)
    ReportJob.objects.create(requested_by=nameless, language="nl")
    AccessLog.objects.create(username=LOGIN_NAME, ip_address="198.51.100.7", user_agent="x")
    DeletionRequest.objects.create(user=nameless)
    client.force_login(beheerder)
    listing = client.get("/account/verwijderverzoeken/").content.decode()
    assert f'href="/account/verwijderen/{nameless.pk}/"' in listing

    response = client.post(f"/account/verwijderen/{nameless.pk}/", {"successor": author.pk})

    assert response.status_code == 302
    assert not User.objects.filter(pk=nameless.pk).exists()
    nameless_published.refresh_from_db()
    assert nameless_published.owner == author
    rows = Assessment.history.filter(uuid=nameless_published.uuid)
    # The old versions name a pseudonym; the hand-over itself names the beheerder.
    names = {row.history_user.username for row in rows}
    (pseudonym,) = names - {"bea"}
    assert pseudonym.startswith("verwijderd-")
    assert names == {pseudonym, "bea"}
    pseudonym_user = User.objects.get(username=pseudonym)
    assert (
        pseudonym_user.email,
        pseudonym_user.is_active,
        pseudonym_user.has_usable_password(),
    ) == (
        "",
        False,
        False,
    )
    # The old rows' owner column points at the pseudonym too; the newest names the successor.
    assert set(rows.values_list("owner_id", flat=True)) == {pseudonym_user.pk, author.pk}
    assert not AccessLog.objects.filter(username=LOGIN_NAME).exists()
    assert not ReportJob.objects.exists()
    assert not DeletionRequest.objects.exists()


def test_the_successor_must_be_someone_else_who_may_write(client, nameless, nameless_published):
    beheerder = make_user("bea", BEHEERDER, password=None)
    reader = make_user("otto", "onderzoeker", password=None)
    client.force_login(beheerder)
    response = client.post(f"/account/verwijderen/{nameless.pk}/", {"successor": reader.pk})
    assert response.status_code == 400
    assert "Selecteer een geldige keuze." in response.content.decode()
    assert User.objects.filter(pk=nameless.pk).exists()


def test_only_a_superuser_deletes_a_beheerder_account(client, author):
    beheerder = make_user("bea", BEHEERDER, password=None)
    other = make_user("ben", BEHEERDER, password=None)
    client.force_login(beheerder)
    assert client.get(f"/account/verwijderen/{other.pk}/").status_code == 403
    assert client.get(f"/account/verwijderen/{beheerder.pk}/").status_code == 403
    root = make_user("root", is_superuser=True, is_staff=True, password=None)
    client.force_login(root)
    response = client.post(f"/account/verwijderen/{other.pk}/", {"successor": author.pk})
    assert response.status_code == 302
    assert not User.objects.filter(pk=other.pk).exists()


def test_a_beheerder_cannot_reset_another_beheerders_password(client):
    beheerder = make_user("bea", BEHEERDER, password=None)
    other = make_user("ben", BEHEERDER)
    client.force_login(beheerder)
    response = client.post(
        f"/beheer/auth/user/{other.pk}/password/",
        {"password1": "overgenomen-account-1", "password2": "overgenomen-account-1"},
    )
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.check_password(PASSWORD)
    # The change page is read-only: a post changes nothing.
    client.post(
        f"/beheer/auth/user/{other.pk}/change/", {"username": "ben", "email": "x@evil.example"}
    )
    other.refresh_from_db()
    assert other.email == "ben@example.org"
    assert (
        'name="email"' not in client.get(f"/beheer/auth/user/{other.pk}/change/").content.decode()
    )


def test_a_beheerder_cannot_make_someone_beheerder(client, author):
    beheerder = make_user("bea", BEHEERDER, password=None)
    client.force_login(beheerder)
    html = client.get(f"/beheer/auth/user/{author.pk}/change/").content.decode()
    beheerder_group = Group.objects.get(name=BEHEERDER)
    assert f'value="{beheerder_group.pk}"' not in html


def test_the_privacy_statement_says_what_is_kept_and_how_long(client, settings):
    html = client.get("/privacy").content.decode()
    assert "<h1>Privacyverklaring</h1>" in html
    for expected in [
        "Sessie (cookie)",
        f"{settings.SESSION_IDLE_MINUTES} minuten na uw laatste verzoek",
        "Inlogpogingen (adres, tijdstip, browser)",
        "Geschiedenis (wie wijzigde wat en wanneer)",
        f"{settings.REPORT_KEEP_DAYS} dagen nadat het rapport klaar of mislukt is",
    ]:
        assert expected in html

"""The page cache: anonymous visitors get stored pages, and no change is ever hidden by one."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.utils import timezone

from assessments import services
from assessments.models import Assessment, AssessmentStatus, Platform
from inclusief import pagecache
from inclusief.models import ContentVersion
from tests.assessments.builders import platform, small_framework, user_with_role

pytestmark = pytest.mark.usefixtures("page_cache")


@pytest.fixture
def fw(db):
    return small_framework()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what is given as if its transaction committed (the test's own never does).

    What the test wrote before counts as committed earlier: its pending renewal is dropped,
    so the renewal that ``action`` needs must come from ``action`` itself.
    """

    def run(action):
        connection.run_on_commit = [
            entry for entry in connection.run_on_commit if entry[1] is not pagecache._renew_token
        ]
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def published(name: str, owner) -> Assessment:
    return Assessment.objects.create(
        platform=platform(name),
        owner=owner,
        framework_version="test-1",
        status=AssessmentStatus.PUBLISHED,
        published_at=timezone.now(),
    )


def test_an_anonymous_visitor_gets_the_stored_page_without_a_query(
    client, fw, django_assert_num_queries
):
    platform("Klusplein")
    first = client.get("/platforms/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):  # the content token was read a moment ago
        second = client.get("/platforms/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "Klusplein" in second.content.decode()
    # The middleware still adds its headers to a stored page.
    assert second["Content-Security-Policy"]
    assert second["Content-Language"] == "nl"
    assert "Cookie" in second["Vary"]  # the language comes from a cookie


def test_each_query_string_and_language_is_its_own_page(client, fw):
    platform("Klusplein")
    platform("Schoonmaakhulp")
    client.get("/platforms/?q=klus")
    other = client.get("/platforms/?q=schoon")
    assert other["X-Page-Cache"] == "miss"
    assert "Schoonmaakhulp" in other.content.decode()
    assert "Klusplein" not in other.content.decode()

    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/platforms/?q=schoon")
    assert english["X-Page-Cache"] == "miss"
    assert '<html lang="en">' in english.content.decode()


def test_a_platform_edited_in_the_admin_shows_at_once(client, fw, committed, admin_client):
    klus = platform("Klusplein")
    assert "Klusplein" in client.get("/platforms/").content.decode()
    assert client.get("/platforms/")["X-Page-Cache"] == "hit"

    def edit():
        return admin_client.post(
            f"/beheer/assessments/platform/{klus.pk}/change/",
            {
                "name": "Klusplein Plus",
                "slug": "klusplein",
                "website": "",
                "description": "Klussen in de buurt.",
                "status": "active",
                "status_date": "",
                "status_note": "",
                "physical": "on",
                "sources-TOTAL_FORMS": 0,
                "sources-INITIAL_FORMS": 0,
                "profile_answers-TOTAL_FORMS": 0,
                "profile_answers-INITIAL_FORMS": 0,
            },
        )

    assert committed(edit).status_code == 302
    after = client.get("/platforms/")
    assert after["X-Page-Cache"] == "miss"
    assert "Klusplein Plus" in after.content.decode()
    assert "Klusplein Plus" in client.get("/platforms/klusplein/").content.decode()


def test_a_publication_shows_at_once_on_every_public_page(client, fw, committed):
    author = user_with_role("ana")
    published("Bestaand", author)
    pages = ["/", "/platforms/", "/beoordelingen/overzicht/", "/platforms/nieuwkomer/"]
    newcomer = platform("Nieuwkomer")
    for url in pages:
        client.get(url)
    assert "Nieuwkomer" not in client.get("/beoordelingen/overzicht/").content.decode()

    def publish():
        assessment = services.assessment_start(platform=newcomer, owner=author)
        Assessment.objects.filter(pk=assessment.pk).update(
            status=AssessmentStatus.PUBLISHED, published_at=timezone.now()
        )

    committed(publish)
    overview = client.get("/beoordelingen/overzicht/")
    assert overview["X-Page-Cache"] == "miss"
    assert "Nieuwkomer" in overview.content.decode()
    detail = client.get("/platforms/nieuwkomer/").content.decode()
    assert "Nog geen gepubliceerde beoordelingen" not in detail


def test_a_write_that_is_rolled_back_keeps_the_stored_pages(client, fw, committed):
    platform("Klusplein")
    client.get("/platforms/")
    token = pagecache.current_token()

    def failing_edit():
        try:
            with transaction.atomic():
                Platform.objects.update(name="Nooit")
                raise RuntimeError("refused")
        except RuntimeError:
            pass

    committed(failing_edit)
    assert pagecache.current_token() == token
    assert client.get("/platforms/")["X-Page-Cache"] == "hit"


def test_one_token_per_transaction_however_many_writes(fw, committed):
    before = pagecache.current_token()
    with transaction.atomic():
        committed(lambda: [platform(f"P{n}") for n in range(5)])
    assert pagecache.current_token() != before
    assert ContentVersion.objects.count() == 1


def test_signed_in_users_never_get_or_leave_a_stored_page(client, fw):
    platform("Klusplein")
    anonymous = client.get("/platforms/").content.decode()
    member = Client()
    member.force_login(user_with_role("ana"))
    response = member.get("/platforms/")
    assert "X-Page-Cache" not in response
    assert "Uitloggen" in response.content.decode()
    assert response.content.decode() != anonymous
    # And what the signed-in user saw was not stored for anonymous visitors.
    assert "Uitloggen" not in client.get("/platforms/").content.decode()


def test_pending_messages_bypass_the_cache(client, fw):
    client.get("/")
    client.cookies["messages"] = "something"
    assert "X-Page-Cache" not in client.get("/")


def test_a_page_that_used_a_csrf_token_is_not_stored(db):
    def view(request):
        return HttpResponse(f"token {get_token(request)}")

    cached_view = pagecache.public_page(view)
    factory = RequestFactory()
    for _ in range(2):
        request = factory.get("/form/")
        request.LANGUAGE_CODE = "nl"
        response = cached_view(request)
        assert "X-Page-Cache" not in response


def test_stored_pages_carry_no_csrf_token_and_the_language_switch_needs_none(fw):
    strict = Client(enforce_csrf_checks=True)
    home = strict.get("/")
    strict.get("/")
    assert "csrfmiddlewaretoken" not in home.content.decode()
    switched = strict.post("/i18n/setlang/", {"language": "en", "next": "/platforms/"})
    assert switched.status_code == 302
    assert switched["Location"] == "/platforms/"
    assert strict.get("/platforms/").content.decode().count('lang="en"') >= 1


def test_a_new_framework_shows_at_once_on_the_framework_page(client, fw, committed):
    from framework.models import Criterion

    client.get("/raamwerk/")
    assert client.get("/raamwerk/")["X-Page-Cache"] == "hit"
    committed(lambda: Criterion.objects.filter(code="integratie").update(name_nl="Meedoen"))
    page = client.get("/raamwerk/")
    assert page["X-Page-Cache"] == "miss"
    assert "Meedoen" in page.content.decode()


@pytest.mark.parametrize(
    ("sql", "tracked"),
    [
        ('INSERT INTO "assessments_answer" ("assessment_id") VALUES (%s)', True),
        ('UPDATE "framework_statement" SET "title_nl" = %s WHERE "id" = %s', True),
        ('DELETE FROM "assessments_platform_segments" WHERE "id" IN (%s)', True),
        ('UPDATE "auth_user" SET "first_name" = %s WHERE "id" = %s', True),
        ('UPDATE "auth_user" SET "last_login" = %s WHERE "auth_user"."id" = %s', False),
        ('UPDATE "django_session" SET "session_data" = %s', False),
        ('UPDATE "assessments_reportjob" SET "progress_done" = %s', False),
        ('SELECT "id" FROM "assessments_platform"', False),
        ('TRUNCATE "django_session", "assessments_platform"', True),
    ],
)
def test_which_writes_retire_pages(db, sql, tracked):
    assert pagecache.writes_tracked_table(sql) is tracked


def test_the_cache_can_be_turned_off(client, fw, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    assert "X-Page-Cache" not in client.get("/")


def test_group_changes_do_not_matter_to_public_pages(fw, committed):
    before = pagecache.current_token()
    committed(lambda: Group.objects.get_or_create(name="extra"))
    assert pagecache.current_token() == before


def test_another_process_changing_the_data_retires_pages_within_a_second(client, fw):
    platform("Klusplein")
    client.get("/platforms/")
    # Another worker commits a change: the row gets a new token, this process has not seen it.
    ContentVersion.objects.filter(pk=1).update(token="from-another-worker")
    Platform.objects.filter(slug="klusplein").update(name="Klusplein Elders")
    assert client.get("/platforms/")["X-Page-Cache"] == "hit"  # trusted for RECHECK_SECONDS
    token, read_at = pagecache._token_memo
    pagecache._token_memo = (token, read_at - pagecache.RECHECK_SECONDS)
    after = client.get("/platforms/")
    assert after["X-Page-Cache"] == "miss"
    assert "Klusplein Elders" in after.content.decode()

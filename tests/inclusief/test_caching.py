"""The caches: anonymous visitors get stored pages and everyone gets framework data from the
cache, and no publication, catalogue edit or framework load is ever hidden by one."""

import re

import pytest
from django.contrib.auth.models import update_last_login
from django.core.management import call_command
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.utils import timezone

from assessments import services
from assessments.models import Assessment, AssessmentStatus, Platform
from inclusief import caching
from inclusief.models import ContentVersion
from tests.assessments.builders import platform, small_framework, user_with_role

pytestmark = pytest.mark.usefixtures("page_cache")


@pytest.fixture
def fw(db):
    return small_framework()


def published(name: str, owner) -> Assessment:
    return Assessment.objects.create(
        platform=platform(name),
        owner=owner,
        framework_version="test-1",
        status=AssessmentStatus.PUBLISHED,
        published_at=timezone.now(),
    )


def test_an_anonymous_visitor_gets_the_stored_page_without_a_query(
    client, fw, django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr(caching, "RECHECK_SECONDS", 60.0)  # a loaded test machine is slow
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


def test_a_platform_edited_in_the_admin_shows_at_once(client, fw, admin_client):
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

    assert edit().status_code == 302
    after = client.get("/platforms/")
    assert after["X-Page-Cache"] == "miss"
    assert "Klusplein Plus" in after.content.decode()
    assert "Klusplein Plus" in client.get("/platforms/klusplein/").content.decode()


def test_a_publication_shows_at_once_on_every_public_page(client, fw):
    author = user_with_role("ana")
    published("Bestaand", author)
    pages = ["/", "/platforms/", "/beoordelingen/overzicht/", "/platforms/nieuwkomer/"]
    assessment = services.assessment_start(platform=platform("Nieuwkomer"), owner=author)
    for url in pages:
        client.get(url)
    assert client.get("/beoordelingen/overzicht/")["X-Page-Cache"] == "hit"
    assert "Nieuwkomer" not in client.get("/beoordelingen/overzicht/").content.decode()

    Assessment.objects.filter(pk=assessment.pk).update(status=AssessmentStatus.REVIEW)
    assessment.refresh_from_db()
    services.assessment_publish(assessment=assessment)

    overview = client.get("/beoordelingen/overzicht/")
    assert overview["X-Page-Cache"] == "miss"
    assert "Nieuwkomer" in overview.content.decode()
    detail = client.get("/platforms/nieuwkomer/").content.decode()
    assert "Nog geen gepubliceerde beoordelingen" not in detail


def test_concept_work_never_retires_a_public_page(client, fw):
    from framework.models import Question

    author = user_with_role("ana")
    published("Bestaand", author)
    concept = services.assessment_start(platform=platform("Nieuwkomer"), owner=author)
    before = client.get("/beoordelingen/overzicht/")
    services.answers_save(
        assessment=concept,
        inputs=[
            services.AnswerInput(
                question=Question.objects.get(code="mode"),
                option_ids=[fw["options"]["online"].pk],
                unknown=False,
                note="",
                source_url="",
                source_reference="",
                consulted_on=None,
            )
        ],
        expected_version=None,
    )
    assert concept.answers.count() == 1
    after = client.get("/beoordelingen/overzicht/")
    assert after["X-Page-Cache"] == "hit"
    assert after.content == before.content


def test_an_edit_that_is_rolled_back_keeps_the_stored_pages(client, fw):
    klus = platform("Klusplein")
    client.get("/platforms/")

    def failing_edit():
        try:
            with transaction.atomic():
                klus.name = "Nooit"
                klus.save()
                raise RuntimeError("refused")
        except RuntimeError:
            pass

    failing_edit()
    caching.forget()  # as another process would: it reads the committed token
    assert client.get("/platforms/")["X-Page-Cache"] == "hit"


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

    cached_view = caching.public_page(view)
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


def test_a_framework_edit_in_the_admin_shows_at_once(client, fw):
    from framework.models import Criterion

    client.get("/raamwerk/")
    assert client.get("/raamwerk/")["X-Page-Cache"] == "hit"
    criterion = Criterion.objects.get(code="passend_werk")
    criterion.name_nl = "Meedoen"
    criterion.save()
    page = client.get("/raamwerk/")
    assert page["X-Page-Cache"] == "miss"
    assert "Meedoen" in page.content.decode()


def test_a_framework_load_shows_at_once_on_public_and_signed_in_pages(client, db, tmp_path):
    from framework.loading import DEFAULT_SOURCE

    call_command("load_framework", verbosity=0)
    member = Client()
    member.force_login(user_with_role("ana"))
    assert "Passend werk" in client.get("/raamwerk/").content.decode()
    assert client.get("/raamwerk/")["X-Page-Cache"] == "hit"
    assert "Passend werk" in member.get("/raamwerk/").content.decode()
    source = tmp_path / "framework.yaml"
    # A changed source is a new framework version (append-only): give it a label of its own.
    text = re.sub(r"^version: .*$", "version: 'next'", DEFAULT_SOURCE.read_text(), flags=re.M)
    source.write_text(text.replace("name: Passend werk\n", "name: Werk dat past\n", 1))

    call_command("load_framework", str(source), verbosity=0)

    public = client.get("/raamwerk/")
    assert public["X-Page-Cache"] == "miss"
    assert "Werk dat past" in public.content.decode()
    assert "Werk dat past" in member.get("/raamwerk/").content.decode()


def test_framework_data_is_loaded_once_per_framework_version(fw):
    from framework.models import Segment

    calls = []

    def load():
        calls.append(1)
        return sorted(s.code for s in Segment.objects.all())

    first = caching.framework_data("segments", load)
    assert caching.framework_data("segments", load) == first
    assert calls == [1]
    Segment.objects.create(code="horeca", order=9, name_nl="Horeca")
    assert caching.framework_data("segments", load) == sorted([*first, "horeca"])
    assert calls == [1, 1]


def test_the_cache_can_be_turned_off(client, fw, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    assert "X-Page-Cache" not in client.get("/")


def test_a_sign_in_does_not_retire_public_pages(client, fw):
    user = user_with_role("ana")
    client.get("/platforms/")
    update_last_login(None, user)  # what every sign-in does
    assert client.get("/platforms/")["X-Page-Cache"] == "hit"


def test_another_process_changing_the_data_retires_pages_within_a_second(client, fw):
    platform("Klusplein")
    client.get("/platforms/")
    # Another worker commits a change: the row gets a new token, this process has not seen it.
    ContentVersion.objects.filter(pk=1).update(public="from-another-worker")
    Platform.objects.filter(slug="klusplein").update(name="Klusplein Elders")
    assert client.get("/platforms/")["X-Page-Cache"] == "hit"  # trusted for RECHECK_SECONDS
    tokens, read_at = caching._memo
    caching._memo = (tokens, read_at - caching.RECHECK_SECONDS)
    after = client.get("/platforms/")
    assert after["X-Page-Cache"] == "miss"
    assert "Klusplein Elders" in after.content.decode()

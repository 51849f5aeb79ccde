"""The open-data API as a reuser meets it: shapes, filters, pages, caching headers, CORS,
rate limits, and nothing private."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.models import Assessment, AssessmentStatus
from opendata.api.throttling import AnonymousThrottle
from tests.opendata.conftest import CONCEPT_SUMMARY, SECRET_REVIEW, publish_assessment

pytestmark = pytest.mark.django_db


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    return response, (response.json() if response.status_code == 200 else None)


def test_assessment_list_has_only_published_ones_with_public_author_names(client, world):
    response, data = get(client, "/api/v1/assessments/")
    assert response.status_code == 200
    assert [(a["platform"]["slug"], a["edition"]) for a in data["results"]] == [
        ("poetsnet", 1),
        ("horecahulp", 1),
        ("klusplein", 2),
        ("klusplein", 1),
    ]
    klusplein_2 = data["results"][2]
    assert klusplein_2["authors"] == ["J.D.V.", "P.B."]
    assert klusplein_2["counts"] == [
        {"criterion": "passend_werk", "opportunities": 1, "challenges": 0},
        {"criterion": "integratie", "opportunities": 0, "challenges": 1},
    ]
    assert klusplein_2["summary"] == "Nieuwer."


def test_nothing_private_leaves_through_any_endpoint(client, world):
    """No concept, no reviewer's comment, no login or e-mail address, anywhere."""
    second = world.assessments["klusplein-2"]
    urls = [
        "/api/v1/assessments/",
        f"/api/v1/assessments/{second.uuid}/",
        "/api/v1/platforms/",
        "/api/v1/platforms/poetsnet/",
        "/api/v1/platforms/klusplein/",
        "/api/v1/framework/",
        "/api/v1/framework/test-1/",
        "/api/v1/work-types/",
    ]
    for url in urls:
        body = client.get(url).content.decode()
        assert SECRET_REVIEW not in body, url
        assert CONCEPT_SUMMARY not in body, url
        assert str(world.concept.uuid) not in body, url
        assert "example.org" not in body, url
        assert "review_comment" not in body, url
    assert client.get(f"/api/v1/assessments/{world.concept.uuid}/").status_code == 404


def test_a_concept_under_review_is_not_found_either(client, world):
    world.concept.status = AssessmentStatus.REVIEW
    world.concept.save()
    assert client.get(f"/api/v1/assessments/{world.concept.uuid}/").status_code == 404


def test_assessment_detail_has_answers_findings_actions_and_editions(client, world):
    second = world.assessments["klusplein-2"]
    first = world.assessments["klusplein-1"]
    _response, data = get(client, f"/api/v1/assessments/{second.uuid}/")
    assert data["previous_edition"] == str(first.uuid)
    assert [(e["edition"], e["uuid"]) for e in data["editions"]] == [
        (2, str(second.uuid)),
        (1, str(first.uuid)),
    ]
    assert data["answers"] == [
        {
            "question": "mode",
            "unknown": False,
            "options": [{"code": "mode-online", "label": {"nl": "Online", "en": ""}}],
            "note": "",
            "source": {
                "url": "https://klusplein.example.nl/werk",
                "title": "Werkpagina",
                "consulted_on": None,
            },
        }
    ]
    findings = {f["statement"]: f for f in data["findings"]}
    assert sorted(findings) == ["k-online", "u-isolation", "u-stars"]
    assert findings["u-stars"]["verdict"] == "not_applicable"
    assert findings["u-stars"]["counts"] is False
    assert findings["u-stars"]["motivation"] == "Geen sterren."
    assert findings["k-online"]["title"] == {
        "nl": "Online werk kan vanuit huis",
        "en": "Online work can be done from home",
    }
    assert data["actions"] == [
        {
            "finding": str(second.findings.get(statement__code="u-isolation").uuid),
            "criterion": "integratie",
            "title": "Risico op isolement",
            "action": "Organiseer een buddy.",
            "action_owner": "",
            "priority": "high",
        }
    ]


def test_platform_detail_has_profile_sources_and_published_editions(client, world):
    _response, data = get(client, "/api/v1/platforms/klusplein/")
    assert data["sectors"] == ["horeca"]
    assert data["profile"] == [
        {
            "question": "mode",
            "unknown": False,
            "options": [{"code": "mode-physical", "label": {"nl": "Fysiek", "en": ""}}],
            "note": "",
            "source": {
                "url": "https://klusplein.example.nl/werk",
                "title": "Werkpagina",
                "consulted_on": None,
            },
        }
    ]
    assert data["sources"] == [
        {
            "url": "https://klusplein.example.nl/over",
            "title": "Over ons",
            "consulted_on": None,
            "note": "",
        }
    ]
    assert [a["edition"] for a in data["assessments"]] == [2, 1]
    _response, poetsnet = get(client, "/api/v1/platforms/poetsnet/")
    assert [a["edition"] for a in poetsnet["assessments"]] == [1]  # not the concept


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sector=horeca", ["horecahulp", "klusplein"]),
        ("sector=schoonmaak", ["poetsnet"]),
        ("mode=online", ["poetsnet"]),
        ("mode=fysiek", ["horecahulp", "klusplein"]),
        ("skill_level=lager", ["horecahulp", "klusplein", "poetsnet"]),
        ("skill_level=hoger", []),
        ("status=active", ["horecahulp", "klusplein", "poetsnet"]),
        ("status=bankrupt", []),
    ],
)
def test_platform_filters(client, world, query, expected):
    _response, data = get(client, f"/api/v1/platforms/?{query}")
    assert [p["slug"] for p in data["results"]] == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sector=horeca", [("horecahulp", 1), ("klusplein", 2), ("klusplein", 1)]),
        ("mode=online", [("poetsnet", 1)]),
        ("latest=true&sector=horeca", [("horecahulp", 1), ("klusplein", 2)]),
        ("platform=klusplein", [("klusplein", 2), ("klusplein", 1)]),
        ("framework_version=test-2", []),
        ("status=stopped", []),
    ],
)
def test_assessment_filters(client, world, query, expected):
    _response, data = get(client, f"/api/v1/assessments/?{query}")
    assert [(a["platform"]["slug"], a["edition"]) for a in data["results"]] == expected


def test_a_bad_filter_value_is_refused_with_a_message_naming_it(client, world):
    response = client.get("/api/v1/platforms/?mode=onder-water")
    assert response.status_code == 400
    assert response.json() == {"mode": "Onbekende waarde onder-water; kies uit: fysiek, online."}
    response = client.get("/api/v1/assessments/?sector=ruimtevaart")
    assert response.status_code == 400
    assert response.json() == {"sector": "Onbekende sector ruimtevaart."}


def test_cursor_pages_walk_every_assessment_once(client, world):
    seen = []
    url = "/api/v1/assessments/?page_size=3"
    pages = 0
    while url:
        _response, data = get(client, url)
        seen += [a["uuid"] for a in data["results"]]
        url = data["next"]
        pages += 1
    assert pages == 2
    assert sorted(seen) == sorted(str(a.uuid) for a in world.assessments.values())


def test_etag_and_last_modified_answer_304(client, world):
    url = f"/api/v1/assessments/{world.assessments['klusplein-2'].uuid}/"
    response = client.get(url)
    etag, modified = response["ETag"], response["Last-Modified"]
    assert etag.startswith('"') and modified.endswith("GMT")
    again = client.get(url, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    since = client.get(url, headers={"if-modified-since": modified})
    assert since.status_code == 304
    # A change makes a new ETag: the old one no longer matches.
    Assessment.objects.filter(pk=world.assessments["klusplein-2"].pk).update(summary="Anders.")
    changed = client.get(url, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed.json()["summary"] == "Anders."


def test_list_answers_304_on_its_etag(client, world):
    response = client.get("/api/v1/platforms/")
    assert (
        client.get("/api/v1/platforms/", headers={"if-none-match": response["ETag"]}).status_code
        == 304
    )


def test_cors_allows_any_origin_to_read_but_only_with_get(client, world):
    response = client.get("/api/v1/platforms/", headers={"origin": "https://data.example.com"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options(
        "/api/v1/platforms/",
        headers={
            "origin": "https://data.example.com",
            "access-control-request-method": "POST",
        },
    )
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    # Pages of the site itself get no CORS headers.
    page = client.get("/platforms/", headers={"origin": "https://data.example.com"})
    assert "Access-Control-Allow-Origin" not in page


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(client, world, method):
    response = getattr(client, method)("/api/v1/platforms/klusplein/")
    assert response.status_code == 405
    assert Assessment.objects.count() == 5


def test_anonymous_rate_limit_answers_429_with_retry_after(client, world, monkeypatch):
    monkeypatch.setattr(AnonymousThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    statuses = [client.get("/api/v1/work-types/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/platforms/")
    assert response.status_code == 429
    wait = int(response["Retry-After"])
    assert 1 <= wait <= 60
    assert response.json() == {
        "detail": f"Te veel verzoeken. Probeer het over {wait} seconden opnieuw."
    }


def test_signed_in_users_see_no_more_than_anonymous_ones(client, world, settings):
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    anonymous = client.get("/api/v1/assessments/").json()
    # A signed-in session made by hand: force_login has no address, which axes then logs as
    # "unknown", and PostgreSQL refuses that in its inet column.
    session = SessionStore()
    session[SESSION_KEY] = str(world.owner.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = world.owner.get_session_auth_hash()
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    assert client.get("/beoordelingen/").context["user"] == world.owner
    assert client.get("/api/v1/assessments/").json() == anonymous


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_counts_stay_the_same_with_more_rows(client, world):
    from framework.loading import export_framework
    from framework.models import FrameworkVersion

    # The loader stores each version's source with it (as load_framework does).
    FrameworkVersion.objects.filter(label="test-1").update(content=export_framework())
    counts = {
        "assessments": _queries(client, "/api/v1/assessments/"),
        "platforms": _queries(client, "/api/v1/platforms/"),
        "assessment": _queries(
            client, f"/api/v1/assessments/{world.assessments['klusplein-2'].uuid}/"
        ),
        "platform": _queries(client, "/api/v1/platforms/klusplein/"),
        "framework": _queries(client, "/api/v1/framework/test-1/"),
    }
    assert counts == {
        "assessments": 4,
        "platforms": 3,
        "assessment": 9,
        "platform": 7,
        "framework": 10,
    }
    for i in range(3):
        p = type(world.platforms["Klusplein"]).objects.create(name=f"Extra {i}", slug=f"extra-{i}")
        p.segments.add(world.horeca)
        publish_assessment(p, world.owner)
    assert _queries(client, "/api/v1/assessments/") == counts["assessments"]
    assert _queries(client, "/api/v1/platforms/") == counts["platforms"]


def test_docs_page_lists_every_endpoint_without_scripts(client, world):
    response = client.get("/api/v1/")
    html = response.content.decode()
    for path in [
        "/api/v1/assessments/",
        "/api/v1/assessments/{uuid}/",
        "/api/v1/framework/",
        "/api/v1/framework/{label}/",
        "/api/v1/platforms/",
        "/api/v1/platforms/{slug}/",
        "/api/v1/work-types/",
    ]:
        assert f"<code>GET {path}</code>" in html
    assert "<script" not in html.split("</main>")[0].split("<main")[-1]


def test_schema_is_openapi_3_json(client, world):
    response = client.get("/api/v1/schema/")
    schema = json.loads(response.content)
    assert schema["openapi"] == "3.1.0"
    assert schema["info"]["license"] == {
        "name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }


def test_an_older_framework_version_answers_with_its_stored_source(client, world):
    from framework.models import FrameworkVersion

    FrameworkVersion.objects.create(label="test-0", content={"version": "test-0", "criteria": []})
    _response, data = get(client, "/api/v1/framework/test-0/")
    assert data["version"]["label"] == "test-0"
    assert data["version"]["is_current"] is False
    assert data["source"] == {"version": "test-0", "criteria": []}
    assert data["criteria"] == []
    _response, current = get(client, "/api/v1/framework/test-1/")
    assert [c["code"] for c in current["criteria"]] == ["passend_werk", "integratie"]
    assert [c["code"] for c in current["source"]["criteria"]] == ["passend_werk", "integratie"]


# --- Stored answers (the page cache) -----------------------------------------------------------


def test_a_stored_answer_comes_without_a_query_and_is_the_same(client, world, page_cache):
    first = client.get("/api/v1/assessments/")
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/api/v1/assessments/")
    assert again["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert again.json() == first.json()
    assert again["Content-Type"] == "application/json"
    assert again["ETag"] == first["ETag"]
    assert again["Last-Modified"] == first["Last-Modified"]


def test_a_stored_answer_still_counts_against_the_rate_limit(
    client, world, page_cache, monkeypatch
):
    monkeypatch.setattr(AnonymousThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    responses = [client.get("/api/v1/work-types/") for _ in range(4)]
    assert [r.status_code for r in responses] == [200, 200, 200, 429]
    assert responses[2]["X-Page-Cache"] == "hit"


def test_a_publication_shows_in_the_api_at_once(client, world, page_cache):
    from assessments.services import assessment_publish  # noqa: PLC0415 - this test only

    client.get("/api/v1/assessments/")
    assert client.get("/api/v1/assessments/")["X-Page-Cache"] == "hit"
    concept = world.concept
    concept.status = AssessmentStatus.REVIEW
    concept.save(update_fields=["status"])
    assessment_publish(assessment=concept)

    response = client.get("/api/v1/assessments/")
    assert response["X-Page-Cache"] == "miss"
    assert [(a["platform"]["slug"], a["edition"]) for a in response.json()["results"]][0] == (
        "poetsnet",
        2,
    )


def test_an_answer_for_another_format_is_stored_apart(client, world, page_cache):
    url = "/api/v1/platforms/klusplein/"
    client.get(url, headers={"Accept": "application/json"})
    other = client.get(url, headers={"Accept": "application/json; indent=4"})
    assert other["X-Page-Cache"] == "miss"
    assert b"\n    " in other.content

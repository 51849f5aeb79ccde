"""Every response of the API matches the OpenAPI schema it publishes (a contract test).

The schema is OpenAPI 3.1, whose schemas are JSON Schema 2020-12, so each 200 response is
validated with ``jsonschema`` against the operation's response schema, with the schema's
components in reach of its ``$ref``s. A new endpoint without a case here fails the test.
"""

import pytest
from django.urls import reverse
from jsonschema import Draft202012Validator

from opendata.api.docs import api_schema

pytestmark = pytest.mark.django_db


def cases(world) -> list[tuple[str, str]]:
    """(path template in the schema, concrete URL) for every endpoint, with its filters."""
    second = world.assessments["klusplein-2"]
    return [
        ("/api/v1/framework/", "/api/v1/framework/"),
        ("/api/v1/framework/{label}/", "/api/v1/framework/test-1/"),
        ("/api/v1/work-types/", "/api/v1/work-types/"),
        ("/api/v1/platforms/", "/api/v1/platforms/"),
        ("/api/v1/platforms/", "/api/v1/platforms/?page_size=1"),
        ("/api/v1/platforms/", "/api/v1/platforms/?sector=horeca&mode=fysiek&status=active"),
        ("/api/v1/platforms/{slug}/", "/api/v1/platforms/klusplein/"),
        ("/api/v1/platforms/{slug}/", "/api/v1/platforms/poetsnet/"),
        ("/api/v1/assessments/", "/api/v1/assessments/"),
        ("/api/v1/assessments/", "/api/v1/assessments/?page_size=1&latest=true"),
        ("/api/v1/assessments/", "/api/v1/assessments/?skill_level=lager&framework_version=x"),
        ("/api/v1/assessments/{uuid}/", f"/api/v1/assessments/{second.uuid}/"),
        (
            "/api/v1/assessments/{uuid}/",
            f"/api/v1/assessments/{world.assessments['poetsnet'].uuid}/",
        ),
    ]


def validator_for(schema: dict, path: str) -> Draft202012Validator:
    operation = schema["paths"][path]["get"]
    response = operation["responses"]["200"]["content"]["application/json"]["schema"]
    return Draft202012Validator({**response, "components": schema["components"]})


def test_every_response_matches_the_schema(client, world):
    schema = api_schema()
    checked = set()
    for path, url in cases(world):
        response = client.get(url)
        assert response.status_code == 200, url
        errors = list(validator_for(schema, path).iter_errors(response.json()))
        assert errors == [], f"{url}: {[e.message for e in errors][:3]}"
        checked.add(path)
        # The next page too, when there is one.
        data = response.json()
        if isinstance(data, dict) and data.get("next"):
            following = client.get(data["next"])
            assert list(validator_for(schema, path).iter_errors(following.json())) == []
    assert checked == set(schema["paths"]), "every endpoint needs a contract case"


def test_the_served_schema_is_the_one_checked_against(client, world):
    assert client.get(reverse("opendata:api-schema")).json() == api_schema()


def test_the_schema_rejects_a_wrong_shape(client, world):
    """The contract can fail: a response with a field of the wrong type does not pass."""
    schema = api_schema()
    data = client.get("/api/v1/platforms/klusplein/").json()
    data["sectors"] = "horeca"
    assert list(validator_for(schema, "/api/v1/platforms/{slug}/").iter_errors(data)) != []
    del data["slug"]
    messages = [
        e.message for e in validator_for(schema, "/api/v1/platforms/{slug}/").iter_errors(data)
    ]
    assert "'slug' is a required property" in messages

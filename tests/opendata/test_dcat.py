"""The DCAT-AP description is valid JSON-LD (expanded offline with PyLD) and carries what a
data portal needs: licence, publisher, title, description and a download per distribution."""

import json

import pytest
from pyld import jsonld

from opendata.datasets import DATASETS, datasets_build

pytestmark = pytest.mark.django_db

DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
LICENCE = "https://creativecommons.org/licenses/by/4.0/"


def _no_network(url, options=None):
    raise AssertionError(f"the JSON-LD processor tried to fetch {url}")


def expanded(client) -> list[dict]:
    response = client.get("/open-data/catalogus.jsonld")
    assert response["Content-Type"] == "application/ld+json"
    return jsonld.expand(json.loads(response.content), {"documentLoader": _no_network})


def test_the_description_expands_offline_to_a_dcat_catalogue(client, world):
    datasets_build()
    [catalogue] = expanded(client)
    assert catalogue["@type"] == [DCAT + "Catalog"]
    assert catalogue[DCT + "license"] == [{"@id": LICENCE}]
    assert catalogue[DCT + "publisher"][0]["http://xmlns.com/foaf/0.1/name"] == [
        {"@value": "Inclusief"}
    ]
    datasets = catalogue[DCAT + "dataset"]
    titles = sorted(
        t["@value"] for d in datasets for t in d[DCT + "title"] if t["@language"] == "nl"
    )
    assert titles == [
        "Bevindingen van gepubliceerde beoordelingen",
        "Catalogus van platforms",
        "Gepubliceerde beoordelingen",
        "Raamwerk inclusief platformwerk",
    ]
    downloads = sorted(
        dist[DCAT + "downloadURL"][0]["@id"] for d in datasets for dist in d[DCAT + "distribution"]
    )
    assert downloads == sorted(
        f"http://testserver/open-data/bestanden/{d.filename}" for d in DATASETS
    )
    for dataset in datasets:
        assert dataset[DCT + "license"] == [{"@id": LICENCE}]
        assert dataset[DCT + "description"]
        assert dataset[DCAT + "contactPoint"]
        for dist in dataset[DCAT + "distribution"]:
            assert dist[DCAT + "accessURL"]
            assert dist[DCAT + "byteSize"][0]["@type"] == (
                "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"
            )


def test_the_description_becomes_rdf_with_the_licence_of_every_distribution(client, world):
    response = client.get("/open-data/catalogus.jsonld")
    quads = jsonld.to_rdf(
        json.loads(response.content),
        {"format": "application/n-quads", "documentLoader": _no_network},
    )
    licence_lines = [line for line in quads.splitlines() if f"<{DCT}license> <{LICENCE}>" in line]
    # The catalogue, the API service, 4 datasets and their 9 distributions (a dataset
    # whose @id equalled the catalogue's once merged the two; this count caught it).
    assert len(licence_lines) == 1 + 1 + 4 + len(DATASETS)


def test_the_licence_is_a_setting(client, world, settings):
    settings.OPEN_DATA_LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"
    settings.OPEN_DATA_LICENCE_NAME = "CC0 1.0"
    [catalogue] = expanded(client)
    assert catalogue[DCT + "license"] == [
        {"@id": "https://creativecommons.org/publicdomain/zero/1.0/"}
    ]
    page = client.get("/open-data/").content.decode()
    assert "De gegevens vallen onder de licentie CC0 1.0." in page

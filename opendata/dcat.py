"""A DCAT-AP description of the open data as JSON-LD, for national data portals to harvest.

The ``@context`` is written inline (no remote context to fetch), so any JSON-LD processor can
expand it offline; a test expands it with PyLD and checks the DCAT-AP mandatory properties.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from opendata.datasets import DATASETS, Dataset
from opendata.models import DatasetFile

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "adms": "http://www.w3.org/ns/adms#",
    "dct:issued": {"@type": "xsd:dateTime"},
    "dct:modified": {"@type": "xsd:dateTime"},
    "dcat:byteSize": {"@type": "xsd:nonNegativeInteger"},
    "dct:license": {"@type": "@id"},
    "dcat:accessURL": {"@type": "@id"},
    "dcat:downloadURL": {"@type": "@id"},
    "dcat:landingPage": {"@type": "@id"},
    "dcat:mediaType": {"@type": "@id"},
    "dct:format": {"@type": "@id"},
    "dct:language": {"@type": "@id"},
    "dcat:theme": {"@type": "@id"},
    "vcard:hasEmail": {"@type": "@id"},
    "dcat:endpointURL": {"@type": "@id"},
    "dcat:endpointDescription": {"@type": "@id"},
}
MEDIA_TYPES = "http://www.iana.org/assignments/media-types/"
FILE_TYPES = "http://publications.europa.eu/resource/authority/file-type/"
LANGUAGES = "http://publications.europa.eu/resource/authority/language/"
# The EU data theme "Economy and finance" and "Population and society".
THEMES = [
    "http://publications.europa.eu/resource/authority/data-theme/ECON",
    "http://publications.europa.eu/resource/authority/data-theme/SOCI",
]


def _texts(value: Any) -> list[dict[str, str]]:
    out = []
    for language in ("nl", "en"):
        with translation.override(language):
            out.append({"@language": language, "@value": str(value)})
    return out


def _distribution(base: str, dataset: Dataset, stored: DatasetFile | None) -> dict[str, Any]:
    url = base + reverse("opendata:download", args=[dataset.filename])
    kind = "JSON" if dataset.format == "JSON" else "CSV"
    distribution: dict[str, Any] = {
        "@id": url + "#distribution",
        "@type": "dcat:Distribution",
        "dct:title": _texts(dataset.title),
        "dcat:accessURL": url,
        "dcat:downloadURL": url,
        "dcat:mediaType": MEDIA_TYPES + dataset.media_type,
        "dct:format": FILE_TYPES + kind,
        "dct:license": settings.OPEN_DATA_LICENCE_URL,
    }
    if dataset.delimiter:
        distribution["dct:description"] = (
            "UTF-8 with byte order mark, separator ';'"
            if dataset.delimiter == ";"
            else "UTF-8, separator ','"
        )
    if stored is not None:
        distribution["dcat:byteSize"] = str(stored.size)
        distribution["dct:modified"] = stored.generated_at.isoformat()
    return distribution


def dcat_catalogue(base: str) -> dict[str, Any]:
    """The catalogue of datasets; ``base`` is the site's address (scheme and host)."""
    stored = {d.code: d for d in DatasetFile.objects.all()}
    page = base + reverse("opendata:index")
    publisher = {
        "@id": page + "#publisher",
        "@type": "foaf:Agent",
        "foaf:name": settings.OPEN_DATA_PUBLISHER,
    }
    contact = {
        "@type": "vcard:Organization",
        "vcard:fn": settings.OPEN_DATA_PUBLISHER,
        "vcard:hasEmail": "mailto:" + settings.OPEN_DATA_CONTACT_EMAIL,
    }
    groups: dict[str, list[Dataset]] = {}
    for dataset in DATASETS:
        groups.setdefault(str(dataset.title), []).append(dataset)
    datasets = []
    for members in groups.values():
        first = members[0]
        key = first.code.split("-")[0]
        dates = [stored[d.code].generated_at for d in members if d.code in stored]
        entry: dict[str, Any] = {
            "@id": f"{page}#dataset-{key}",
            "@type": "dcat:Dataset",
            "dct:identifier": f"{page}#dataset-{key}",
            "dct:title": _texts(first.title),
            "dct:description": _texts(first.description),
            "dct:publisher": {"@id": publisher["@id"]},
            "dcat:contactPoint": contact,
            "dct:license": settings.OPEN_DATA_LICENCE_URL,
            "dct:language": [LANGUAGES + "NLD", LANGUAGES + "ENG"],
            "dcat:theme": THEMES,
            "dcat:keyword": _texts("platformwerk") + _texts("inclusie"),
            "dcat:landingPage": page,
            "dcat:distribution": [_distribution(base, d, stored.get(d.code)) for d in members],
        }
        if dates:
            entry["dct:modified"] = max(dates).isoformat()
        datasets.append(entry)
    api = base + reverse("opendata:api-docs")
    return {
        "@context": CONTEXT,
        "@id": page + "#catalogue",
        "@type": "dcat:Catalog",
        "dct:title": _texts("Inclusief open data"),
        "dct:description": [
            {
                "@language": "nl",
                "@value": "Open data over hoe inclusief digitale arbeidsplatforms zijn.",
            },
            {
                "@language": "en",
                "@value": "Open data on how inclusive digital labour platforms are.",
            },
        ],
        "dct:publisher": publisher,
        "dct:license": settings.OPEN_DATA_LICENCE_URL,
        "dcat:landingPage": page,
        "dcat:dataset": datasets,
        "dcat:service": {
            "@id": api + "#service",
            "@type": "dcat:DataService",
            "dct:title": _texts("Inclusief open data API"),
            "dcat:endpointURL": base + "/api/v1/",
            "dcat:endpointDescription": base + reverse("opendata:api-schema"),
            "dct:license": settings.OPEN_DATA_LICENCE_URL,
        },
    }

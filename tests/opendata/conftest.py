"""A small published world for the open-data tests: three platforms in two sectors, published
assessments with findings (one with a reviewer's comment), and a concept that must never leak."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from assessments.models import (
    Answer,
    Assessment,
    AssessmentStatus,
    Finding,
    Platform,
    PlatformSource,
    ProfileAnswer,
    Verdict,
)
from framework.models import Segment
from tests.assessments.builders import small_framework, user_with_role

SECRET_REVIEW = "GEHEIM-reviewcommentaar"
CONCEPT_SUMMARY = "GEHEIM-concepttekst"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@dataclass
class World:
    fw: dict[str, Any]
    horeca: Segment
    schoonmaak: Segment
    platforms: dict[str, Platform]
    assessments: dict[str, Assessment]
    concept: Assessment
    owner: Any


def _finding(assessment: Assessment, statement, verdict=Verdict.CONFIRMED, **fields) -> Finding:
    return Finding.objects.create(
        assessment=assessment,
        statement=statement,
        criterion=statement.criterion,
        kind=statement.kind,
        title_nl=statement.title_nl,
        title_en=statement.title_en,
        explanation_nl=statement.explanation_nl,
        suggested_action_nl=statement.action_nl,
        verdict=verdict,
        **fields,
    )


def publish_assessment(platform: Platform, owner, *, edition: int = 1, **fields) -> Assessment:
    return Assessment.objects.create(
        platform=platform,
        owner=owner,
        framework_version="test-1",
        edition=edition,
        status=AssessmentStatus.PUBLISHED,
        published_at=timezone.now(),
        **fields,
    )


@pytest.fixture
def world(db) -> World:
    return build_world()


def build_world() -> World:
    fw = small_framework()
    s = fw["statements"]
    horeca = Segment.objects.create(code="horeca", name_nl="Horeca", name_en="Hospitality")
    schoonmaak = Segment.objects.create(code="schoonmaak", name_nl="Schoonmaak", order=1)
    owner = user_with_role("jan.de.vries@example.org")
    owner.first_name, owner.last_name, owner.email = "Jan", "de Vries", "jan@example.org"
    owner.save()
    co_author = user_with_role("piet@example.org")
    co_author.first_name, co_author.last_name = "Piet", "Bakker"
    co_author.save()
    platforms = {}
    for name, segment, online in [
        ("Klusplein", horeca, False),
        ("Horecahulp", horeca, False),
        ("Poetsnet", schoonmaak, True),
    ]:
        p = Platform.objects.create(
            name=name,
            slug=name.lower(),
            physical=not online,
            online=online,
            skill_lower=True,
            website=f"https://{name.lower()}.example.nl",
        )
        p.segments.add(segment)
        platforms[name] = p
    klusplein = platforms["Klusplein"]
    PlatformSource.objects.create(
        platform=klusplein, url="https://klusplein.example.nl/over", title="Over ons"
    )
    profile = ProfileAnswer.objects.create(
        platform=klusplein,
        question=fw["options"]["online"].question,
        source_url="https://klusplein.example.nl/werk",
        source_title="Werkpagina",
    )
    profile.options.add(fw["options"]["physical"])
    first = publish_assessment(klusplein, owner, summary="Eerste versie.")
    _finding(first, s["isolation"])
    second = publish_assessment(klusplein, owner, edition=2, previous=first, summary="Nieuwer.")
    second.co_authors.add(co_author)
    _finding(second, s["isolation"], priority="high", action="Organiseer een buddy.")
    _finding(second, s["online"], review_comment=SECRET_REVIEW)
    _finding(second, s["stars"], verdict=Verdict.NOT_APPLICABLE, motivation="Geen sterren.")
    answer = Answer.objects.create(
        assessment=second,
        question=fw["options"]["online"].question,
        source_url="https://klusplein.example.nl/werk",
        source_reference="Werkpagina",
    )
    answer.options.add(fw["options"]["online"])
    horecahulp = publish_assessment(platforms["Horecahulp"], owner)
    _finding(horecahulp, s["isolation"])
    _finding(horecahulp, s["stars"])
    poetsnet = publish_assessment(platforms["Poetsnet"], owner)
    concept = Assessment.objects.create(
        platform=platforms["Poetsnet"],
        owner=owner,
        framework_version="test-1",
        edition=2,
        summary=CONCEPT_SUMMARY,
    )
    _finding(concept, s["online"])
    return World(
        fw=fw,
        horeca=horeca,
        schoonmaak=schoonmaak,
        platforms=platforms,
        assessments={
            "klusplein-1": first,
            "klusplein-2": second,
            "horecahulp": horecahulp,
            "poetsnet": poetsnet,
        },
        concept=concept,
        owner=owner,
    )

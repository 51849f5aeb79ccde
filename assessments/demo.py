"""Published example assessments for the demo database (``make demo``), never in production.

Two follow the paper's worked examples (Voorbeeld 1 and 2) on two invented platforms labelled
"Voorbeeld uit het paper"; a few more are plainly marked demo data, on invented platforms too,
so that the matrix, comparison, overview, sector benchmark and reports show something on the
first start. No real company is ever assessed here.

Everything goes through the normal services (assessment_start pre-fills from the profile,
answers_save, finding_review, submit, publish), so the findings follow whatever trigger rules
are loaded and the record is the same as one made by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from assessments.catalogue import platform_derive_work_flags
from assessments.models import (
    Assessment,
    AssessmentStatus,
    Platform,
    PlatformSource,
    ProfileAnswer,
    Verdict,
)
from assessments.services import (
    assessment_publish,
    assessment_start,
    assessment_submit_for_review,
    finding_review,
)
from framework.models import Option, Segment

PAPER = "Position paper Raamwerk inclusief platformwerk"
DEMO_SOURCE = "Demodata: verzonnen voor de demo, geen echte bron"


@dataclass(frozen=True)
class DemoPlatform:
    slug: str
    name: str
    description: str
    sectors: list[str]
    # Option codes; only what the source (the paper, or nothing for demo data) supports.
    answers: list[str]
    source_title: str
    summary: str
    motivation: str
    extra: dict[str, str] = field(default_factory=dict)


# Voorbeeld 1, "Fysieke klussen in en om het huis": only answers the paper's text gives.
EXAMPLE_1 = DemoPlatform(
    slug="voorbeeld-paper-klussen-in-huis",
    name="Buurtklus (Voorbeeld uit het paper)",
    description=(
        "Verzonnen platform, geen echt bedrijf. Het volgt het eerste uitgewerkte voorbeeld van "
        "het paper: een marktplaats voor fysieke klussen in en om het huis."
    ),
    sectors=["klussen-huis"],
    answers=[
        "werkvorm-fysiek",  # physical tasks in and around the house
        "skills-lager",  # from hanging a lamp ...
        "skills-middelbaar",  # ... to installing a PC
        "variatie-divers",  # a great variety of small jobs
        "orgmodel-marketplace",  # platforms that match on posted jobs
        "keuze-opdrachtgever",  # clients choose from the profiles of odd-jobbers
        "filter-ja",  # one platform lets clients state age, gender or education
        "regio-ja",  # they match regionally
        "relatie-zzp",  # an employment relation that asks for much self-reliance
        "toetreding-identiteit",  # low entry criteria
        "toetreding-leeftijd",
        "community-geen",  # no community function (yet)
        "beoordeling-ja",
        "beoordelingsvorm-reviews",  # written reviews by those who post the jobs
        "planning-adhoc",  # short jobs that must be done at short notice
    ],
    source_title=f"{PAPER}, Voorbeeld 1 (fysieke klussen in en om het huis)",
    summary=(
        "Uitgewerkt voorbeeld 1 uit het paper, op een verzonnen platform: wat het raamwerk "
        "laat zien voor een marktplaats voor klussen in en om het huis. Geen oordeel over een "
        "echt bedrijf."
    ),
    motivation="Volgt uit voorbeeld 1 van het paper (fysieke klussen in en om het huis).",
)

# Voorbeeld 2, "Online klussen met een hoog skills-niveau".
EXAMPLE_2 = DemoPlatform(
    slug="voorbeeld-paper-online-hoog-niveau",
    name="Expertnet (Voorbeeld uit het paper)",
    description=(
        "Verzonnen platform, geen echt bedrijf. Het volgt het tweede uitgewerkte voorbeeld van "
        "het paper: een marktplaats voor online klussen op een hoog skills-niveau."
    ),
    sectors=["creatief-it", "zakelijk"],
    answers=[
        "werkvorm-online",  # online tasks
        "skills-hoger",  # at a high skill level
        "opdrachtvorm-losse-klussen",  # gigs rather than full jobs
        "orgmodel-marketplace",
        "keuze-opdrachtgever",  # clients view and compare profiles
        "gesprekog-ja",  # often an interview before the client chooses
        "aanbod-automatisch",  # work comes in when a client contacts you
        "relatie-zzp",
        "uitstraling-zelfstandig",  # 'find the perfect freelancer'
        "ontwdienst-training",  # free training on becoming a freelancer
        "ontwdienst-cursussen",  # free courses
        "ontwdienst-assessment",  # a scan of hard and soft skills
        "community-forum",  # a forum for questions to other freelancers
        "beoordeling-ja",
        "beoordelingsvorm-sterren",  # an extensive review system
        "beoordelingsvorm-reviews",
        "prijs-werker",  # workers set and negotiate their rate
        "planning-gepland",  # often longer gigs
        "reactietijd-24u",  # respond within 24 hours
    ],
    source_title=f"{PAPER}, Voorbeeld 2 (online klussen op hoog niveau)",
    summary=(
        "Uitgewerkt voorbeeld 2 uit het paper, op een verzonnen platform: wat het raamwerk "
        "laat zien voor een marktplaats voor online klussen op een hoog skills-niveau. Geen "
        "oordeel over een echt bedrijf."
    ),
    motivation="Volgt uit voorbeeld 2 van het paper (online klussen op een hoog skills-niveau).",
)

DEMO_SUMMARY = (
    "Demodata: een verzonnen beoordeling van een verzonnen platform, alleen om de demo te "
    "vullen. Zegt niets over een echt bedrijf."
)
DEMO_MOTIVATION = "Demodata: verzonnen voor de demo."


def _demo(slug: str, name: str, what: str, sectors: list[str], answers: list[str]) -> DemoPlatform:
    return DemoPlatform(
        slug=slug,
        name=f"{name} (demodata)",
        description=f"Verzonnen platform voor de demo, geen echt bedrijf: {what}",
        sectors=sectors,
        answers=answers,
        source_title=DEMO_SOURCE,
        summary=DEMO_SUMMARY,
        motivation=DEMO_MOTIVATION,
    )


DEMO_PLATFORMS = [
    _demo(
        "demo-schoonmaakplein",
        "Schoonmaakplein",
        "huishoudens vinden hier een schoonmaker.",
        ["schoonmaak"],
        [
            "werkvorm-fysiek",
            "skills-lager",
            "orgmodel-marketplace",
            "keuze-opdrachtgever",
            "relatie-dah",
            "toetreding-vog",
            "community-geen",
            "beoordeling-ja",
            "beoordelingsvorm-sterren",
            "werktijden-overleg",
            "planning-gepland",
        ],
    ),
    _demo(
        "demo-fietskoerier",
        "Fietskoerier",
        "bezorging van maaltijden met een app die ritten toewijst.",
        ["maaltijdbezorging"],
        [
            "werkvorm-fysiek",
            "skills-lager",
            "orgmodel-algorithm",
            "keuze-platform",
            "aanbod-automatisch",
            "relatie-uitzend",
            "toetreding-leeftijd",
            "toetreding-vervoer",
            "ontwdienst-onboarding",
            "community-chat",
            "beoordeling-ja",
            "beoordelingsvorm-sterren",
            "betaalwijze-uur",
            "planning-adhoc",
            "reactietijd-direct",
        ],
    ),
    _demo(
        "demo-zorgrooster",
        "Zorgrooster",
        "zorginstellingen zetten diensten uit voor zelfstandige zorgverleners.",
        ["zorg"],
        [
            "werkvorm-fysiek",
            "skills-middelbaar",
            "skills-hoger",
            "orgmodel-marketplace",
            "keuze-werker",
            "relatie-zzp",
            "toetreding-diploma",
            "toetreding-vog",
            "toetreding-kvk",
            "ontwdienst-training",
            "community-forum",
            "werktijden-diensten",
            "planning-gepland",
        ],
    ),
    _demo(
        "demo-tekstwerk-online",
        "Tekstwerk Online",
        "online opdrachten voor teksten en vertalingen.",
        ["creatief-it"],
        [
            "werkvorm-online",
            "skills-middelbaar",
            "skills-hoger",
            "orgmodel-marketplace",
            "keuze-werker",
            "relatie-zzp",
            "toetreding-test",
            "ontwdienst-cursussen",
            "community-geen",
            "beoordeling-ja",
            "beoordelingsvorm-sterren",
            "goedkeuring-ja",
            "werktijden-zelf",
        ],
    ),
]

EXAMPLES = [EXAMPLE_1, EXAMPLE_2]


@transaction.atomic
def demo_platform_create(*, spec: DemoPlatform) -> Platform:
    """The invented platform with a profile sourced to the paper (or marked demo data)."""
    platform, _created = Platform.objects.update_or_create(
        slug=spec.slug, defaults={"name": spec.name, "description": spec.description}
    )
    platform.segments.set(Segment.objects.filter(code__in=spec.sectors))
    PlatformSource.objects.get_or_create(platform=platform, title=spec.source_title)
    options = list(Option.objects.filter(code__in=spec.answers).select_related("question"))
    by_question: dict[int, list[Option]] = {}
    for option in options:
        by_question.setdefault(option.question_id, []).append(option)
    for question_id, chosen in by_question.items():
        answer, _new = ProfileAnswer.objects.update_or_create(
            platform=platform,
            question_id=question_id,
            defaults={"unknown": False, "source_title": spec.source_title, "source_url": ""},
        )
        answer.options.set(chosen)
    platform_derive_work_flags(platform_ids=[platform.pk])
    return platform


@transaction.atomic
def demo_assessment_publish(*, spec: DemoPlatform, owner, reviewer) -> Assessment:
    """Start, review every derived finding, submit and publish, as an analyst would."""
    platform = demo_platform_create(spec=spec)
    published = Assessment.objects.filter(
        platform=platform, status=AssessmentStatus.PUBLISHED
    ).first()
    if published is not None:
        return published
    assessment = assessment_start(platform=platform, owner=owner)
    for finding in assessment.findings.all():
        finding_review(
            finding=finding,
            expected_version=None,
            verdict=Verdict.CONFIRMED,
            motivation=spec.motivation,
            action=finding.suggested_action if finding.is_challenge else "",
        )
    assessment.summary = spec.summary
    assessment.save(update_fields=["summary", "updated_at"])
    assessment_submit_for_review(assessment=assessment, reviewer=reviewer)
    return assessment_publish(assessment=assessment)


def demo_content_publish(*, owner, reviewer) -> list[Assessment]:
    """The two worked examples and the demo-data assessments, published (idempotent)."""
    return [
        demo_assessment_publish(spec=spec, owner=owner, reviewer=reviewer)
        for spec in [*EXAMPLES, *DEMO_PLATFORMS]
    ]

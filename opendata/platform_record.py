"""What a journalist needs to cite a platform's assessment: the latest published edition's
summary, the history of editions with what changed, and a stable citation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings

from assessments.models import Assessment, Platform
from assessments.results import finding_counts
from inclusief.people import public_name
from opendata.people import co_authors_with_names


@dataclass(frozen=True)
class Edition:
    assessment: Assessment
    opportunities: int
    challenges: int
    previous: Edition | None

    @property
    def opportunities_change(self) -> int | None:
        return None if self.previous is None else self.opportunities - self.previous.opportunities

    @property
    def challenges_change(self) -> int | None:
        return None if self.previous is None else self.challenges - self.previous.challenges


@dataclass(frozen=True)
class Citation:
    publisher: str
    authors: list[str]
    title: str
    edition: int
    published_at: Any
    framework_version: str
    url: str

    @property
    def year(self) -> int:
        return self.published_at.year


@dataclass(frozen=True)
class PlatformRecord:
    platform: Platform
    editions: list[Edition]  # newest first

    @property
    def latest(self) -> Edition | None:
        return self.editions[0] if self.editions else None


def platform_record(platform: Platform) -> PlatformRecord:
    """The platform's published editions with their totals (two queries)."""
    published = list(
        Assessment.objects.published()
        .filter(platform=platform)
        .select_related("owner__profile")
        .prefetch_related(co_authors_with_names())
        .order_by("edition")
    )
    counts = finding_counts([a.pk for a in published])
    editions: list[Edition] = []
    previous = None
    for assessment in published:
        assessment.platform = platform
        totals = [0, 0]
        for (pk, _criterion, kind), n in counts.items():
            if pk == assessment.pk:
                totals[0 if kind == "kans" else 1] += n
        previous = Edition(assessment, totals[0], totals[1], previous)
        editions.append(previous)
    return PlatformRecord(platform=platform, editions=list(reversed(editions)))


def citation(assessment: Assessment, url: str) -> Citation:
    co_authors = sorted(assessment.co_authors.all(), key=lambda u: (u.last_name, u.pk))
    return Citation(
        publisher=settings.OPEN_DATA_PUBLISHER,
        authors=[public_name(assessment.owner), *(public_name(u) for u in co_authors)],
        title=assessment.platform.name,
        edition=assessment.edition,
        published_at=assessment.published_at,
        framework_version=assessment.framework_version,
        url=url,
    )

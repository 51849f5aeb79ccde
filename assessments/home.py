"""What the home page shows: key figures, the latest publications, and each role's first tasks.

Plain queries with a fixed number of round trips, so the page stays fast at catalogue scale
(the query-count tests hold it). The home view picks the blocks for the visitor's roles.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import (
    Count,
    Exists,
    Max,
    OuterRef,
    Q,
    QuerySet,
)
from django.utils import timezone

from assessments.matrix import Chart
from assessments.models import (
    Assessment,
    AssessmentStatus,
    Platform,
    PlatformSource,
    PlatformStatus,
    ProfileAnswer,
    counting_q,
)
from framework.models import StatementKind

LATEST_COUNT = 5
# A source older than this may no longer describe the platform as it is today.
SOURCE_MAX_AGE = datetime.timedelta(days=365)
# Words in a platform's description or source notes that suggest it is no longer active.
STOP_WORDS = ("gestopt", "stopt ", "stopte", "failliet", "faillissement", "vertrokken", "bankrupt")
HEALTH_LIST_LIMIT = 10


@dataclass(frozen=True)
class KeyFigures:
    platforms: int
    published: int
    last_published: datetime.datetime | None


@dataclass(frozen=True)
class Balance:
    """One published assessment's confirmed kansen against its uitdagingen, for a small chart."""

    assessment: Assessment
    opportunities: int
    challenges: int

    @property
    def chart(self) -> Chart:
        """Bar lengths on this assessment's own scale (the larger count fills the bar)."""
        return Chart(self.opportunities, self.challenges, max(self.opportunities, self.challenges))


@dataclass(frozen=True)
class HealthCheck:
    """One kind of catalogue problem, with the platforms that have it (the first few)."""

    code: str
    count: int
    platforms: list[Platform] = field(default_factory=list)


def key_figures() -> KeyFigures:
    published = Assessment.objects.published().aggregate(n=Count("pk"), last=Max("published_at"))
    return KeyFigures(
        platforms=Platform.objects.count(),
        published=published["n"],
        last_published=published["last"],
    )


def latest_balances(limit: int = LATEST_COUNT) -> list[Balance]:
    """The most recently published assessments with their counted kansen and uitdagingen."""
    counted = counting_q("findings__")
    # Count the findings of the few latest only (one query still: the latest are a subquery);
    # counting before the limit would count every published assessment's findings.
    newest = Assessment.objects.published().order_by("-published_at", "-pk").values("pk")[:limit]
    latest = (
        Assessment.objects.filter(pk__in=newest)
        .select_related("platform")
        .annotate(
            opportunities=Count(
                "findings", filter=counted & Q(findings__kind=StatementKind.OPPORTUNITY)
            ),
            challenges=Count(
                "findings", filter=counted & Q(findings__kind=StatementKind.CHALLENGE)
            ),
        )
        .order_by("-published_at", "-pk")[:limit]
    )
    return [Balance(a, a.opportunities, a.challenges) for a in latest]


def drafts_of(user: AbstractBaseUser) -> QuerySet[Assessment]:
    """Concepts the user writes, as author or co-author, most recently changed first."""
    return (
        Assessment.objects.filter(Q(owner=user) | Q(co_authors=user))
        .filter(status=AssessmentStatus.CONCEPT)
        .select_related("platform")
        .distinct()
        .order_by("-updated_at")
    )


def to_review_by(user: AbstractBaseUser) -> QuerySet[Assessment]:
    return (
        Assessment.objects.filter(reviewer=user, status=AssessmentStatus.REVIEW)
        .select_related("platform")
        .order_by("updated_at")
    )


def _sourced(platforms: QuerySet[Platform]) -> QuerySet[Platform]:
    general = PlatformSource.objects.filter(platform=OuterRef("pk"))
    profile = ProfileAnswer.objects.filter(platform=OuterRef("pk")).exclude(source_url="")
    return platforms.annotate(has_general=Exists(general), has_profile=Exists(profile))


def catalogue_health(today: datetime.date | None = None) -> list[HealthCheck]:
    """What a beheerder should fix first: unsourced platforms, stale sources, likely stops."""
    today = today or timezone.localdate()
    platforms = Platform.objects.order_by("name")

    unsourced = _sourced(platforms).filter(has_general=False, has_profile=False)

    # Stale: no source of either kind consulted within SOURCE_MAX_AGE (a source without a date
    # cannot show it is recent). Two anti-joins; joining both kinds at once multiplies rows.
    since = today - SOURCE_MAX_AGE
    recent_general = PlatformSource.objects.filter(platform=OuterRef("pk"), consulted_on__gte=since)
    recent_profile = ProfileAnswer.objects.filter(platform=OuterRef("pk"), consulted_on__gte=since)
    stale = (
        platforms.exclude(Exists(recent_general))
        .exclude(Exists(recent_profile))
        .exclude(pk__in=unsourced.values("pk"))
    )

    # One pattern, so the database reads each text once rather than once per word.
    words = "|".join(re.escape(word) for word in STOP_WORDS)
    notes = PlatformSource.objects.filter(platform=OuterRef("pk"), note__iregex=words)
    maybe_stopped = platforms.filter(status=PlatformStatus.ACTIVE).filter(
        Q(description__iregex=words) | Exists(notes)
    )

    checks = []
    for code, queryset in (
        ("unsourced", unsourced),
        ("stale", stale),
        ("maybe_stopped", maybe_stopped),
    ):
        found = list(queryset[: HEALTH_LIST_LIMIT + 1])
        count = len(found) if len(found) <= HEALTH_LIST_LIMIT else queryset.count()
        checks.append(HealthCheck(code, count, found[:HEALTH_LIST_LIMIT]))
    return checks

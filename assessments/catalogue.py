"""Catalogue queries: search, filters, the Table 1 grid and the platform page's data.

Plain functions over querysets so the views stay thin and the queries are testable without HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from simple_history.utils import bulk_update_with_history

from assessments.models import MODE_FIELDS, SKILL_LEVEL_FIELDS, Assessment, Platform, ProfileAnswer
from framework.models import Characteristic, Option, Question, SkillLevel, WorkMode, WorkType
from inclusief.caching import framework_data
from inclusief.people import public_name

# The framework questions whose options describe a platform's organisation model and its
# employment relation (question codes from fixtures/framework.yaml). The catalogue's list
# filters and the admin's list filters both read them from here.
ORGANISATION_MODEL_QUESTION = "orgmodel"
EMPLOYMENT_RELATION_QUESTION = "relatie"
PROFILE_FILTER_QUESTIONS: dict[str, str] = {
    "organisation_model": ORGANISATION_MODEL_QUESTION,
    "employment_relation": EMPLOYMENT_RELATION_QUESTION,
}

# The two profile questions behind Table 1 (fixtures/framework.yaml). Their answers are the one
# source of truth for a platform's work modes and skill levels; the flags on Platform
# (physical, online, skill_*) are an index derived from them by platform_derive_work_flags, so
# lists and the Table 1 grid can filter and count without joining the profile.
WORK_MODE_QUESTION = "werkvorm"
SKILL_LEVEL_QUESTION = "skills"
MODE_OPTIONS: dict[str, str] = {mode: f"{WORK_MODE_QUESTION}-{mode}" for mode in WorkMode.values}
SKILL_LEVEL_OPTIONS: dict[str, str] = {
    level: f"{SKILL_LEVEL_QUESTION}-{level}" for level in SkillLevel.values
}

PAGE_SIZE = 25

# Full-text search on PostgreSQL (Dutch configuration). PLATFORM_SEARCH_VECTOR is also the
# expression of the GIN index in migration 0003_platform_search_index: keep them identical.
PLATFORM_SEARCH_VECTOR = (
    "to_tsvector('dutch'::regconfig, coalesce(name, '') || ' ' || coalesce(description, ''))"
)
SEGMENT_SEARCH_VECTOR = "to_tsvector('dutch'::regconfig, coalesce(name_nl, ''))"
TSQUERY = "websearch_to_tsquery('dutch'::regconfig, %s)"


def search_platforms(queryset: QuerySet, query: str) -> QuerySet:
    """Full-text search with the Dutch configuration on PostgreSQL; icontains elsewhere.

    The search runs in a subquery over primary keys so that joining sectors never
    duplicates platforms in the result and the caller's ordering stays intact.
    """
    query = (query or "").strip()
    if not query:
        return queryset
    model = queryset.model
    if connection.vendor == "postgresql":
        # Name and description through the GIN index of migration 0003 (the expression here
        # must stay the one indexed there); sectors through their own small table. Building
        # the vector per platform at query time took 0.5 s at 10,000 platforms.
        segments = Platform.segments.through.objects.filter(
            # Constant SQL; the user's text goes in as a bound parameter.
            segment_id__in=RawSQL(  # noqa: S611
                f"SELECT id FROM framework_segment WHERE {SEGMENT_SEARCH_VECTOR} @@ {TSQUERY}",  # noqa: S608
                [query],
            )
        ).values("platform_id")
        own_text = RawSQL(  # noqa: S611
            f"SELECT id FROM assessments_platform WHERE {PLATFORM_SEARCH_VECTOR} @@ {TSQUERY}",  # noqa: S608
            [query],
        )
        return queryset.filter(Q(pk__in=own_text) | Q(pk__in=segments) | Q(name__icontains=query))
    for term in query.split():
        matching = model.objects.filter(
            Q(name__icontains=term)
            | Q(description__icontains=term)
            | Q(segments__name_nl__icontains=term)
        ).values("pk")
        queryset = queryset.filter(pk__in=matching)
    return queryset


def profile_filter_options(key: str) -> QuerySet[Option]:
    """The options of the question behind a profile filter (empty if it is not loaded)."""
    return Option.objects.filter(question__code=PROFILE_FILTER_QUESTIONS[key]).order_by(
        "order", "code"
    )


@dataclass(frozen=True)
class CatalogueFilters:
    """The catalogue's filter values, all optional (empty string: no filter)."""

    q: str = ""
    segment: str = ""
    mode: str = ""
    skill_level: str = ""
    organisation_model: str = ""
    employment_relation: str = ""
    status: str = ""
    work_type: str = ""

    @property
    def active(self) -> bool:
        return any(getattr(self, name) for name in self.__dataclass_fields__)


def filter_platforms(queryset: QuerySet, filters: CatalogueFilters) -> QuerySet:
    """Apply the catalogue filters; each filter narrows the set (logical AND)."""
    if filters.segment:
        queryset = queryset.filter(
            pk__in=_pks(queryset.model.objects.with_segment(filters.segment))
        )
    if filters.work_type:
        queryset = queryset.filter(
            pk__in=_pks(queryset.model.objects.with_work_type(filters.work_type))
        )
    if filters.mode:
        queryset = queryset.with_mode(filters.mode)
    if filters.skill_level:
        queryset = queryset.with_skill_level(filters.skill_level)
    if filters.status:
        queryset = queryset.with_status(filters.status)
    for key in PROFILE_FILTER_QUESTIONS:
        option_code = getattr(filters, key)
        if option_code:
            queryset = queryset.filter(pk__in=_pks(queryset.model.objects.with_answer(option_code)))
    if filters.q:
        queryset = search_platforms(queryset, filters.q)
    return queryset


def _pks(queryset: QuerySet) -> QuerySet:
    return queryset.values("pk")


def catalogue_list(filters: CatalogueFilters) -> QuerySet:
    """The public list: filtered platforms with what each row shows, in a fixed query count."""
    queryset = Platform.objects.prefetch_related("segments").order_by("name")
    return filter_platforms(queryset, filters)


@dataclass(frozen=True)
class GridCell:
    mode: str
    skill_level: str
    count: int
    work_types: list[WorkType]

    @property
    def query(self) -> str:
        return f"mode={self.mode}&skill_level={self.skill_level}"


@dataclass(frozen=True)
class GridRow:
    skill_level: str
    label: str
    cells: list[GridCell]


def catalogue_work_type_counts() -> list[GridRow]:
    """Table 1 with the catalogue's platform counts per cell: skill level (rows) by
    physical/online (columns); the framework page's version without counts is
    ``framework.queries.work_types_by_cell``.

    One query counts all six cells; one query fetches the Table 1 work types.
    """
    aggregates = {
        f"{mode}__{level}": Count(
            "pk", filter=Q(**{MODE_FIELDS[mode]: True, SKILL_LEVEL_FIELDS[level]: True})
        )
        for mode in WorkMode.values
        for level in SkillLevel.values
    }
    counts = Platform.objects.aggregate(**aggregates)
    work_types: dict[tuple[str, str], list[WorkType]] = {}
    for work_type in WorkType.objects.order_by("order", "code"):
        work_types.setdefault((work_type.mode, work_type.skill_level), []).append(work_type)
    return [
        GridRow(
            skill_level=level,
            label=str(SkillLevel(level).label),
            cells=[
                GridCell(
                    mode=mode,
                    skill_level=level,
                    count=counts[f"{mode}__{level}"],
                    work_types=work_types.get((mode, level), []),
                )
                for mode in WorkMode.values
            ],
        )
        for level in SkillLevel.values
    ]


@dataclass(frozen=True)
class ProfileLine:
    question: Question
    answer: ProfileAnswer | None

    @property
    def is_unknown(self) -> bool:
        return self.answer is None or self.answer.is_unknown

    @property
    def options(self) -> list[Option]:
        return [] if self.is_unknown else list(self.answer.options.all())


@dataclass(frozen=True)
class ProfileSection:
    characteristic: Characteristic
    lines: list[ProfileLine]


def platform_profile(platform: Platform) -> list[ProfileSection]:
    """Every characteristic question with the platform's answer, or unknown when it has none."""
    answers = {
        answer.question_id: answer
        for answer in ProfileAnswer.objects.filter(platform=platform).prefetch_related(
            Prefetch("options", queryset=Option.objects.order_by("order", "code"))
        )
    }
    characteristics = framework_data(
        "profile:characteristics",
        lambda: list(
            Characteristic.objects.prefetch_related(
                Prefetch("questions", queryset=Question.objects.order_by("order", "code"))
            ).order_by("order", "code")
        ),
    )
    return [
        ProfileSection(
            characteristic=characteristic,
            lines=[
                ProfileLine(question=question, answer=answers.get(question.pk))
                for question in characteristic.questions.all()
            ],
        )
        for characteristic in characteristics
    ]


def published_assessments_for(platform: Platform) -> list[Any]:
    """The platform's published assessments, newest edition first: its history of versions."""
    assessments = list(
        Assessment.objects.published()
        .filter(platform=platform)
        .select_related("owner__profile")
        .order_by("-edition")
    )
    # A public page: the author by initials, never the login (inclusief.people).
    for assessment in assessments:
        assessment.author_name = public_name(assessment.owner)
    return assessments


def work_flags_from_options(option_codes: set[str]) -> dict[str, bool]:
    """The Platform flags that a set of chosen werkvorm/skills option codes stands for."""
    flags = {field: MODE_OPTIONS[mode] in option_codes for mode, field in MODE_FIELDS.items()}
    flags.update(
        {
            field: SKILL_LEVEL_OPTIONS[level] in option_codes
            for level, field in SKILL_LEVEL_FIELDS.items()
        }
    )
    return flags


def profile_work_options(platform_ids: list[int] | None = None) -> dict[int, set[str]]:
    """Per platform, the werkvorm and skills options its profile chose (unknown answers: none)."""
    through = ProfileAnswer.options.through
    rows = through.objects.filter(
        profileanswer__question__code__in=[WORK_MODE_QUESTION, SKILL_LEVEL_QUESTION],
        profileanswer__unknown=False,
    )
    if platform_ids is not None:
        rows = rows.filter(profileanswer__platform_id__in=platform_ids)
    chosen: dict[int, set[str]] = {}
    for platform_id, code in rows.values_list("profileanswer__platform_id", "option__code"):
        chosen.setdefault(platform_id, set()).add(code)
    return chosen


def platform_derive_work_flags(*, platform_ids: list[int]) -> int:
    """Write the Platform flags from the profile answers; returns how many platforms changed.

    Called by every write that can change a werkvorm or skills answer (seed loading, the admin,
    the spreadsheet import, the data migration), so the flags never disagree with the profile.
    One query reads the answers; only platforms whose flags differ are written.
    """
    if not platform_ids:
        return 0
    chosen = profile_work_options(platform_ids)
    fields = [*MODE_FIELDS.values(), *SKILL_LEVEL_FIELDS.values()]
    changed = []
    for platform in Platform.objects.filter(pk__in=platform_ids).only("pk", *fields):
        flags = work_flags_from_options(chosen.get(platform.pk, set()))
        if any(getattr(platform, field) != value for field, value in flags.items()):
            for field, value in flags.items():
                setattr(platform, field, value)
            changed.append(platform)
    bulk_update_with_history(changed, Platform, fields, batch_size=500)
    return len(changed)

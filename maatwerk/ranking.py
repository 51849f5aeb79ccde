"""The maatwerkscan's ranking: a person's needs against published platforms and Table 1.

A plain, documented scoring function, shown on the page as "Zo komt deze volgorde tot stand".
Pure: needs and facts in, an ordered list with reasons out; no database access here (the facts
are gathered in ``maatwerk.candidates``).

The order, for platforms:

1. **Werkvorm.** A person who can only work online never gets a platform without online work;
   one who can only work on location never gets an online-only platform. Those drop out, with
   the reason shown.
2. **Veel begeleiding.** For a person who needs a lot of guidance, platforms are ordered first
   by how many kinds of guidance their published assessment confirms (an intake, a physical
   workplace with guidance, work instructions or a helpline, help finding guidance, help with
   benefits and subsidies). A platform without any comes after every platform with some, however
   many other kansen it has.
3. **Score**, the sum of:
   - every confirmed kans +1, and +1 more if it weighs especially for one of the person's
     target groups (the framework's target-group weighting);
   - every confirmed uitdaging −1, and −1 more if it weighs especially for the person's groups;
   - the person's skill level offered +2, not offered −2;
   - enige begeleiding: +2 for every kind of guidance;
   - vaste tijden: −2 for every uitdaging about short-notice or on-demand work;
     flexibele tijden: +1 if the platform lets workers choose their hours;
   - income security "heel belangrijk": financial kansen +1 and uitdagingen −1 extra;
   - a benefit: +1 if the effect on the benefit is clear, −1 if it is not.
4. Equal scores: by platform name.

Work types (Table 1) follow the same werkvorm rule; their score is the skill match (+2 same
level, 0 one level apart, −2 two apart) plus what the paper says about the work form for the
person's groups (online work helps people with a physical or psychosocial limitation; physical
work does not suit every physical limitation; online work gives less contact with society).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

FINANCIAL_CRITERION = "financiele_zekerheid"

# Kansen that show the platform offers guidance of some kind (framework statement codes).
GUIDANCE_STATEMENTS = (
    "bg-kans-intake",
    "int-kans-physical-location",
    "bg-kans-work-instructions",
    "bg-kans-match-support",
    "bg-kans-subsidy-support",
)
# Uitdagingen about work at short notice, which fixed times do not combine with.
SHORT_NOTICE_STATEMENTS = (
    "pw-uitd-adhoc",
    "pw-uitd-fast-response",
    "pw-uitd-algorithmic-on-demand",
)
FLEXIBLE_HOURS_STATEMENT = "pw-kans-flexible-hours"
BENEFIT_CLEAR_STATEMENT = "fin-kans-benefits-clear"
BENEFIT_UNCLEAR_STATEMENT = "fin-uitd-benefits"

SKILL_ORDER = ("lager", "middelbaar", "hoger")

# Work form and target group, from the paper (Kenmerken, 1. Flexibiliteit en variatie;
# Appendix A, Passend werk and Integratie): (mode, groups, points, statement whose title says why).
WORK_FORM_NOTES = (
    ("online", {"fysieke-beperking", "psychosociale-beperking"}, 2, "pw-kans-online"),
    ("fysiek", {"fysieke-beperking"}, -2, "pw-uitd-physical-demands"),
    (
        "online",
        {"situationele-beperking", "meervoudige-problematiek"},
        -1,
        "int-uitd-online-participation",
    ),
)


@dataclass(frozen=True)
class Needs:
    """A person's needs, as the scan form records them."""

    target_groups: frozenset[str] = frozenset()
    guidance: str = "geen"  # geen | enige | veel
    work_mode: str = "beide"  # fysiek | online | beide
    skill_level: str = "lager"
    hours_per_week: int = 16
    schedule: str = "flexibel"  # vast | flexibel
    region: str = ""
    receives_benefit: bool = False
    income_security: str = "middel"  # laag | middel | hoog


@dataclass(frozen=True)
class FindingFact:
    """A confirmed finding of a published assessment."""

    statement_code: str | None
    kind: str  # kans | uitdaging
    criterion_code: str
    title: str
    motivation: str = ""
    action: str = ""
    # Empty: weighs for every group alike.
    target_groups: frozenset[str] = frozenset()

    @property
    def is_challenge(self) -> bool:
        return self.kind == "uitdaging"


@dataclass(frozen=True)
class PlatformFacts:
    key: str  # the assessment's uuid
    name: str
    physical: bool
    online: bool
    skill_levels: frozenset[str]
    findings: tuple[FindingFact, ...] = ()
    pay_basis: str = ""  # uur | klus | "" when the catalogue does not say
    url: str = ""


@dataclass(frozen=True)
class WorkTypeFacts:
    key: str  # the work type's code
    name: str
    mode: str
    skill_level: str
    platforms: tuple[str, ...] = ()  # names of published platforms offering it
    mode_label: str = ""
    skill_label: str = ""


@dataclass(frozen=True)
class Point:
    """One line of the score: why, and how many points."""

    reason: str
    points: int


@dataclass
class Ranked:
    key: str
    name: str
    score: int = 0
    guidance_kinds: int = 0
    points: list[Point] = field(default_factory=list)
    serving: list[FindingFact] = field(default_factory=list)
    blocking: list[FindingFact] = field(default_factory=list)
    # The findings that weigh especially for the person's target groups (marked on the page).
    weighty: list[FindingFact] = field(default_factory=list)
    excluded: str = ""
    url: str = ""
    platforms: tuple[str, ...] = ()
    facts: PlatformFacts | WorkTypeFacts | None = None

    def add(self, reason: str, points: int) -> None:
        if points:
            self.points.append(Point(reason, points))
            self.score += points

    @property
    def to_organise(self) -> list[FindingFact]:
        """The uitdagingen with what must be organised for this person, weightiest first."""
        return [f for f in self.blocking if f.action]


def _mode_exclusion(needs: Needs, physical: bool, online: bool) -> str:
    if needs.work_mode == "online" and not online:
        return "alleen-fysiek"
    if needs.work_mode == "fysiek" and not physical:
        return "alleen-online"
    return ""


def _weighs_for(fact: FindingFact, needs: Needs) -> bool:
    return bool(fact.target_groups & needs.target_groups)


def _matters(fact: FindingFact, needs: Needs) -> bool:
    """A finding matters for the person when it holds for all groups or for one of theirs."""
    return not fact.target_groups or not needs.target_groups or _weighs_for(fact, needs)


def rank_platform(needs: Needs, facts: PlatformFacts, labels: dict[str, str]) -> Ranked:
    ranked = Ranked(key=facts.key, name=facts.name, url=facts.url, facts=facts)
    ranked.excluded = _mode_exclusion(needs, facts.physical, facts.online)
    codes = {f.statement_code for f in facts.findings if not f.is_challenge}
    ranked.guidance_kinds = sum(1 for code in GUIDANCE_STATEMENTS if code in codes)

    specific = 0
    for fact in facts.findings:
        sign = -1 if fact.is_challenge else 1
        points = sign
        if _weighs_for(fact, needs):
            points += sign
            specific += 1
            ranked.weighty.append(fact)
        if needs.income_security == "hoog" and fact.criterion_code == FINANCIAL_CRITERION:
            points += sign
        if needs.schedule == "vast" and fact.statement_code in SHORT_NOTICE_STATEMENTS:
            points -= 2
        if needs.schedule == "flexibel" and fact.statement_code == FLEXIBLE_HOURS_STATEMENT:
            points += 1
        if needs.receives_benefit and fact.statement_code in (
            BENEFIT_CLEAR_STATEMENT,
            BENEFIT_UNCLEAR_STATEMENT,
        ):
            points += sign
        if fact.is_challenge:
            if _matters(fact, needs):
                ranked.blocking.append(fact)
        elif _matters(fact, needs):
            ranked.serving.append(fact)
        ranked.score += points
    kansen = sum(1 for f in facts.findings if not f.is_challenge)
    uitdagingen = len(facts.findings) - kansen
    ranked.points.append(
        Point(labels["findings"].format(kansen=kansen, uitdagingen=uitdagingen), ranked.score)
    )
    if specific:
        ranked.points.append(Point(labels["specific"].format(count=specific), 0))
    if needs.skill_level in facts.skill_levels:
        ranked.add(labels["skill_yes"], 2)
    else:
        ranked.add(labels["skill_no"], -2)
    if needs.guidance == "enige":
        ranked.add(
            labels["guidance_some"].format(count=ranked.guidance_kinds), 2 * ranked.guidance_kinds
        )
    # Weightiest first: what weighs for the person's own groups before the general points.
    ranked.serving.sort(key=lambda f: not _weighs_for(f, needs))
    ranked.blocking.sort(key=lambda f: not _weighs_for(f, needs))
    return ranked


def rank_work_type(
    needs: Needs, facts: WorkTypeFacts, labels: dict[str, str], titles: dict[str, str]
) -> Ranked:
    ranked = Ranked(key=facts.key, name=facts.name, platforms=facts.platforms, facts=facts)
    ranked.excluded = _mode_exclusion(needs, facts.mode == "fysiek", facts.mode == "online")
    if facts.skill_level in SKILL_ORDER and needs.skill_level in SKILL_ORDER:
        distance = abs(SKILL_ORDER.index(facts.skill_level) - SKILL_ORDER.index(needs.skill_level))
        ranked.add(
            labels["skill_distance"].format(distance=distance), {0: 2, 1: 0}.get(distance, -2)
        )
    for mode, groups, points, statement in WORK_FORM_NOTES:
        if facts.mode == mode and groups & needs.target_groups and statement in titles:
            ranked.add(titles[statement], points)
    return ranked


def _order_key(ranked: Ranked, needs: Needs) -> tuple:
    guidance_first = -ranked.guidance_kinds if needs.guidance == "veel" else 0
    return (guidance_first, -ranked.score, ranked.name.casefold())


@dataclass
class Ranking:
    platforms: list[Ranked]
    excluded_platforms: list[Ranked]
    work_types: list[Ranked]
    excluded_work_types: list[Ranked]


def rank(
    needs: Needs,
    platforms: Iterable[PlatformFacts],
    work_types: Sequence[WorkTypeFacts],
    *,
    labels: dict[str, str],
    titles: dict[str, str],
) -> Ranking:
    """Everything the scan shows: platforms and work types in order, and what dropped out."""
    ranked_platforms = [rank_platform(needs, p, labels) for p in platforms]
    ranked_types = [rank_work_type(needs, w, labels, titles) for w in work_types]
    return Ranking(
        platforms=sorted(
            (r for r in ranked_platforms if not r.excluded), key=lambda r: _order_key(r, needs)
        ),
        excluded_platforms=sorted(
            (r for r in ranked_platforms if r.excluded), key=lambda r: r.name.casefold()
        ),
        work_types=sorted(
            (r for r in ranked_types if not r.excluded),
            key=lambda r: (-r.score, r.name.casefold()),
        ),
        excluded_work_types=[r for r in ranked_types if r.excluded],
    )

"""Baan engineering: a scan's week plan in figures, against the statutory minimum wage.

All amounts are gross estimates. Per month is per week × 52 / 12. The minimum wage is the
hourly amount in force on the day of the calculation (``MinimumWage``), times the hours of
work in the plan; travel time is shown, and the hourly income is also given with travel counted
in, because unpaid travel lowers what an hour of work really earns.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from assessments.models import Finding
from maatwerk.models import MinimumWage, PayBasis, Scan, WeekItem

WEEKS_PER_MONTH = Decimal(52) / Decimal(12)
CENT = Decimal("0.01")


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ItemFigures:
    item: WeekItem
    income_per_week: Decimal
    travel_hours: Decimal

    @property
    def is_preview(self) -> bool:
        return self.item.pk is None

    @property
    def is_physical(self) -> bool:
        return self.item.mode == "fysiek"


@dataclass(frozen=True)
class AddedChallenge:
    """An uitdaging of the platforms in the week, and where it occurs."""

    title: str
    action: str
    platforms: tuple[str, ...]

    @property
    def adds_up(self) -> bool:
        return len(self.platforms) > 1


@dataclass
class WeekPlan:
    items: list[ItemFigures]
    hours_available: int
    minimum_wage: MinimumWage | None
    benefit_threshold: Decimal | None
    challenges: list[AddedChallenge] = field(default_factory=list)

    @property
    def work_hours(self) -> Decimal:
        return sum((f.item.hours_per_week for f in self.items), Decimal(0))

    @property
    def travel_hours(self) -> Decimal:
        return sum((f.travel_hours for f in self.items), Decimal(0))

    @property
    def income_per_week(self) -> Decimal:
        return _money(sum((f.income_per_week for f in self.items), Decimal(0)))

    @property
    def income_per_month(self) -> Decimal:
        return _money(self.income_per_week * WEEKS_PER_MONTH)

    @property
    def hours_per_month(self) -> Decimal:
        return (self.work_hours * WEEKS_PER_MONTH).quantize(Decimal("0.1"))

    @property
    def minimum_per_week(self) -> Decimal | None:
        if self.minimum_wage is None:
            return None
        return _money(self.work_hours * self.minimum_wage.hourly_amount)

    @property
    def minimum_per_month(self) -> Decimal | None:
        week = self.minimum_per_week
        return None if week is None else _money(week * WEEKS_PER_MONTH)

    @property
    def income_per_hour(self) -> Decimal | None:
        return _money(self.income_per_week / self.work_hours) if self.work_hours else None

    @property
    def income_per_hour_with_travel(self) -> Decimal | None:
        hours = self.work_hours + self.travel_hours
        return _money(self.income_per_week / hours) if hours else None

    @property
    def below_minimum(self) -> bool:
        minimum = self.minimum_per_week
        return minimum is not None and self.income_per_week < minimum

    @property
    def shortfall_per_month(self) -> Decimal:
        minimum = self.minimum_per_month
        return (
            max(Decimal(0), minimum - self.income_per_month) if minimum is not None else Decimal(0)
        )

    @property
    def over_available_hours(self) -> bool:
        return self.work_hours + self.travel_hours > self.hours_available

    @property
    def above_benefit_threshold(self) -> bool | None:
        if self.benefit_threshold is None:
            return None
        return self.income_per_month > self.benefit_threshold

    @property
    def work_forms(self) -> list[str]:
        return sorted({f.item.get_mode_display() for f in self.items})

    @property
    def skill_levels(self) -> list[str]:
        return sorted({f.item.get_skill_level_display() for f in self.items})

    @property
    def platform_count(self) -> int:
        return len({f.item.assessment_id for f in self.items if f.item.assessment_id})

    @property
    def challenges_adding_up(self) -> list[AddedChallenge]:
        return [c for c in self.challenges if c.adds_up]


def item_income(item: WeekItem) -> Decimal:
    if item.pay_basis == PayBasis.TASK:
        return item.pay_amount * (item.tasks_per_week or 0)
    return item.pay_amount * item.hours_per_week


def week_challenges(items: list[WeekItem]) -> list[AddedChallenge]:
    """The confirmed uitdagingen of the week's platforms, those on several platforms first."""
    by_assessment = {i.assessment_id: i.label for i in items if i.assessment_id}
    found: dict[tuple, dict] = defaultdict(lambda: {"platforms": [], "title": "", "action": ""})
    rows = (
        Finding.objects.counting()
        .filter(assessment__in=list(by_assessment), kind="uitdaging")
        .order_by("criterion__order", "order", "pk")
    )
    for f in rows:
        key = ("statement", f.statement_id) if f.statement_id else ("own", f.title.casefold())
        entry = found[key]
        entry["title"] = entry["title"] or f.title
        entry["action"] = entry["action"] or f.action or f.suggested_action
        name = by_assessment[f.assessment_id]
        if name not in entry["platforms"]:
            entry["platforms"].append(name)
    # Platforms in the order of the week.
    position = {label: i for i, label in enumerate(by_assessment.values())}
    challenges = [
        AddedChallenge(
            title=e["title"],
            action=e["action"],
            platforms=tuple(sorted(e["platforms"], key=position.__getitem__)),
        )
        for e in found.values()
    ]
    # Stable: those on more platforms first, then in framework order.
    return sorted(challenges, key=lambda c: -len(c.platforms))


def week_plan(
    scan: Scan, *, today: date | None = None, preview: WeekItem | None = None
) -> WeekPlan:
    """The plan in figures; ``preview`` is an unsaved item shown as if added (live update)."""
    items = list(scan.week_items.all()) + ([preview] if preview is not None else [])
    figures = [
        ItemFigures(
            item=item,
            income_per_week=item_income(item),
            travel_hours=Decimal(item.travel_minutes_per_week) / Decimal(60),
        )
        for item in items
    ]
    return WeekPlan(
        items=figures,
        hours_available=scan.hours_per_week,
        minimum_wage=MinimumWage.objects.on(today or date.today()),
        benefit_threshold=scan.benefit_threshold,
        challenges=week_challenges(items),
    )

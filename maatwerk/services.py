"""Every write of maatwerk: keyword-only, atomic, validated, with an optimistic lock on scans."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.results import latest_published
from framework.models import TargetGroup, WorkMode, WorkType
from maatwerk.candidates import pay_bases
from maatwerk.models import PayBasis, Scan, WeekItem, WorkPreference
from maatwerk.ranking import Needs

PLATFORM_PREFIX = "platform:"
WORK_TYPE_PREFIX = "werksoort:"


class ScanConflict(Exception):
    """The scan changed (in another window) since the form was shown."""


def _check_lock(scan: Scan, lock_version: int | None) -> None:
    if lock_version is not None and lock_version != scan.lock_version:
        raise ScanConflict


def _bump(scan: Scan) -> None:
    Scan.objects.filter(pk=scan.pk).update(
        lock_version=F("lock_version") + 1, updated_at=timezone.now()
    )
    scan.refresh_from_db(fields=["lock_version", "updated_at"])


@transaction.atomic
def scan_save(
    *,
    author: AbstractBaseUser,
    label: str,
    needs: Needs,
    scan: Scan | None = None,
    lock_version: int | None = None,
) -> Scan:
    """Store the needs under the author's label: a new scan, or an update of ``scan``."""
    if scan is None:
        scan = Scan(author=author)
    else:
        scan = Scan.objects.select_for_update().get(pk=scan.pk)
        _check_lock(scan, lock_version)
        scan.lock_version += 1
    scan.label = label.strip()
    scan.guidance = needs.guidance
    scan.work_mode = needs.work_mode
    scan.skill_level = needs.skill_level
    scan.hours_per_week = needs.hours_per_week
    scan.schedule = needs.schedule
    scan.region = needs.region
    scan.receives_benefit = needs.receives_benefit
    scan.income_security = needs.income_security
    scan.full_clean()
    scan.save()
    scan.target_groups.set(TargetGroup.objects.filter(code__in=needs.target_groups))
    return scan


def scan_needs(scan: Scan) -> Needs:
    return Needs(
        target_groups=frozenset(g.code for g in scan.target_groups.all()),
        guidance=scan.guidance,
        work_mode=scan.work_mode,
        skill_level=scan.skill_level,
        hours_per_week=scan.hours_per_week,
        schedule=scan.schedule,
        region=scan.region,
        receives_benefit=scan.receives_benefit,
        income_security=scan.income_security,
    )


@transaction.atomic
def scan_delete(*, scan: Scan) -> None:
    scan.delete()


def scan_prune() -> int:
    """Delete every scan unchanged for longer than MAATWERK_KEEP_DAYS; return how many."""
    expired = Scan.objects.expired()
    count = expired.count()
    expired.delete()
    return count


@transaction.atomic
def scan_set_benefit_threshold(
    *, scan: Scan, amount: Decimal | None, lock_version: int | None
) -> Scan:
    scan = Scan.objects.select_for_update().get(pk=scan.pk)
    _check_lock(scan, lock_version)
    scan.benefit_threshold = amount
    scan.lock_version += 1
    scan.full_clean()
    scan.save(update_fields=["benefit_threshold", "lock_version", "updated_at"])
    return scan


def _source_values(scan: Scan, source: str) -> dict[str, Any]:
    """What an item copies from its source: a published platform or a Table 1 work type."""
    if source.startswith(PLATFORM_PREFIX):
        key = source[len(PLATFORM_PREFIX) :]
        assessment = (
            latest_published().filter(uuid=key).select_related("platform").first()
            if _is_uuid(key)
            else None
        )
        if assessment is None:
            raise ValidationError(_("Dit platform heeft geen gepubliceerde beoordeling (meer)."))
        platform = assessment.platform
        online_only = scan.work_mode == WorkPreference.ONLINE or not platform.physical
        levels = platform.skill_levels
        return {
            "assessment": assessment,
            "label": platform.name,
            "mode": WorkMode.ONLINE if online_only else WorkMode.PHYSICAL,
            "skill_level": scan.skill_level
            if scan.skill_level in levels or not levels
            else levels[0],
            "catalogue_pay_basis": pay_bases([platform.pk]).get(platform.pk, ""),
        }
    if source.startswith(WORK_TYPE_PREFIX):
        work_type = WorkType.objects.filter(code=source[len(WORK_TYPE_PREFIX) :]).first()
        if work_type is None:
            raise ValidationError(_("Deze werksoort bestaat niet (meer)."))
        return {
            "work_type": work_type,
            "label": work_type.name,
            "mode": work_type.mode,
            "skill_level": work_type.skill_level,
            "catalogue_pay_basis": "",
        }
    raise ValidationError(_("Kies een platform of werksoort uit de lijst."))


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def week_item_build(
    *,
    scan: Scan,
    source: str,
    hours_per_week: Decimal,
    pay_basis: str,
    pay_amount: Decimal,
    tasks_per_week: int | None,
    travel_minutes_per_week: int | None,
) -> WeekItem:
    """An unsaved, validated item: what ``week_item_add`` stores and the live preview shows."""
    values = _source_values(scan, source)
    catalogue_basis = values.pop("catalogue_pay_basis")
    basis = catalogue_basis or pay_basis
    if basis == PayBasis.TASK and not tasks_per_week:
        raise ValidationError(
            {"tasks_per_week": _("Dit platform betaalt per klus: vul in hoeveel klussen per week.")}
        )
    item = WeekItem(
        scan=scan,
        order=scan.week_items.count(),
        hours_per_week=hours_per_week,
        pay_basis=basis,
        pay_basis_from_catalogue=bool(catalogue_basis),
        pay_amount=pay_amount,
        tasks_per_week=tasks_per_week if basis == PayBasis.TASK else None,
        travel_minutes_per_week=(travel_minutes_per_week or 0)
        if values["mode"] == WorkMode.PHYSICAL
        else 0,
        **values,
    )
    item.full_clean()
    return item


@transaction.atomic
def week_item_add(
    *,
    scan: Scan,
    source: str,
    hours_per_week: Decimal,
    pay_basis: str,
    pay_amount: Decimal,
    tasks_per_week: int | None,
    travel_minutes_per_week: int | None,
    lock_version: int | None,
) -> WeekItem:
    """Add work to the week. The catalogue's pay basis wins over the entered one where known."""
    scan = Scan.objects.select_for_update().get(pk=scan.pk)
    _check_lock(scan, lock_version)
    item = week_item_build(
        scan=scan,
        source=source,
        hours_per_week=hours_per_week,
        pay_basis=pay_basis,
        pay_amount=pay_amount,
        tasks_per_week=tasks_per_week,
        travel_minutes_per_week=travel_minutes_per_week,
    )
    item.save()
    _bump(scan)
    return item


@transaction.atomic
def week_item_remove(*, item: WeekItem, lock_version: int | None) -> None:
    scan = Scan.objects.select_for_update().get(pk=item.scan_id)
    _check_lock(scan, lock_version)
    item.delete()
    _bump(scan)

"""Maatwerkscan pages: thin views that read a form, call one service, and render or redirect.

Who may do what (see README "Maatwerk"):
- anyone may run a scan: it reads published data only and stores nothing;
- analisten, onderzoekers and beheerders may save scans; a saved scan is its author's alone
  (``get_scan_for_user``), also for the week plan and the PDF.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from inclusief.access import role_required, user_has_any_role
from inclusief.roles import ANALIST, ONDERZOEKER
from maatwerk.access import get_scan_for_user
from maatwerk.candidates import scan_ranking
from maatwerk.forms import NeedsForm, SaveScanForm, WeekItemForm, WeekSettingsForm
from maatwerk.models import Scan, WeekItem
from maatwerk.report import render_advice_pdf
from maatwerk.services import (
    PLATFORM_PREFIX,
    WORK_TYPE_PREFIX,
    ScanConflict,
    scan_delete,
    scan_needs,
    scan_prune,
    scan_save,
    scan_set_benefit_threshold,
    week_item_add,
    week_item_build,
    week_item_remove,
)
from maatwerk.week import week_plan

SCAN_ROLES = (ANALIST, ONDERZOEKER)
CONFLICT = gettext_lazy(
    "Deze scan is intussen ergens anders gewijzigd (bijvoorbeeld in een ander venster). "
    "Hieronder staat de nieuwste versie; uw wijziging is niet opgeslagen."
)


def _may_save(request: HttpRequest) -> bool:
    return request.user.is_authenticated and user_has_any_role(request.user, SCAN_ROLES)


def _carried(data: Any) -> list[tuple[str, str]]:
    """The needs as (name, value) pairs, to carry into the save form as hidden inputs."""
    return [
        (name, value)
        for name, values in data.lists()
        if name in NeedsForm.base_fields
        for value in values
    ]


@require_safe
def scan(request: HttpRequest) -> HttpResponse:
    """The scan itself: needs in, a ranked and explained list out. Nothing is stored."""
    form = NeedsForm(request.GET or None)
    ranking = scan_ranking(form.needs()) if form.is_bound and form.is_valid() else None
    save_form = SaveScanForm() if ranking else None
    return render(
        request,
        "maatwerk/scan.html",
        {
            "form": form,
            "ranking": ranking,
            "save_form": save_form,
            "may_save": _may_save(request),
            "keep_days": settings.MAATWERK_KEEP_DAYS,
            "carried": _carried(request.GET),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@role_required(*SCAN_ROLES)
@require_POST
def scan_save_view(request: HttpRequest) -> HttpResponse:
    form = SaveScanForm(request.POST)
    if form.is_valid():
        saved = scan_save(author=request.user, label=form.cleaned_data["label"], needs=form.needs())
        messages.success(request, _("De scan is bewaard."))
        return redirect(saved)
    needs_form = NeedsForm(request.POST)
    ranking = scan_ranking(needs_form.needs()) if needs_form.is_valid() else None
    return render(
        request,
        "maatwerk/scan.html",
        {
            "form": needs_form,
            "ranking": ranking,
            "save_form": form,
            "may_save": True,
            "keep_days": settings.MAATWERK_KEEP_DAYS,
            "carried": _carried(request.POST),
        },
        status=400,
    )


@role_required(*SCAN_ROLES)
@require_safe
def scan_list(request: HttpRequest) -> HttpResponse:
    scan_prune()  # retention also holds where no cron job runs
    scans = Scan.objects.filter(author=request.user).prefetch_related("target_groups")
    return render(
        request,
        "maatwerk/scan_list.html",
        {"scans": scans, "keep_days": settings.MAATWERK_KEEP_DAYS},
    )


def _scan_context(scan: Scan, preview: WeekItem | None = None, **extra: Any) -> dict[str, Any]:
    needs = scan_needs(scan)
    ranking = scan_ranking(needs)
    sources = [(f"{PLATFORM_PREFIX}{r.key}", r.name) for r in ranking.platforms] + [
        (f"{WORK_TYPE_PREFIX}{r.key}", r.name) for r in ranking.work_types
    ]
    context = {
        "scan": scan,
        "needs": needs,
        "ranking": ranking,
        "plan": week_plan(scan, preview=preview),
        "sources": sources,
        "keep_days": settings.MAATWERK_KEEP_DAYS,
        "form": SaveScanForm(initial=_scan_initial(scan)),
        "item_form": WeekItemForm(initial={"lock_version": scan.lock_version}),
        "settings_form": WeekSettingsForm(
            initial={"benefit_threshold": scan.benefit_threshold, "lock_version": scan.lock_version}
        ),
    }
    context.update(extra)
    return context


def _scan_initial(scan: Scan) -> dict[str, Any]:
    return {
        "label": scan.label,
        "target_groups": [g.code for g in scan.target_groups.all()],
        "guidance": scan.guidance,
        "work_mode": scan.work_mode,
        "skill_level": scan.skill_level,
        "hours_per_week": scan.hours_per_week,
        "schedule": scan.schedule,
        "region": scan.region,
        "receives_benefit": scan.receives_benefit,
        "income_security": scan.income_security,
        "lock_version": scan.lock_version,
    }


def _preview(scan: Scan, data: Any) -> WeekItem | None:
    """The item being typed into the add form, unsaved (the live week update asks for it)."""
    if "source" not in data:
        return None
    form = WeekItemForm(data)
    if not form.is_valid():
        return None
    fields = {k: v for k, v in form.cleaned_data.items() if k != "lock_version"}
    try:
        return week_item_build(scan=scan, **fields)
    except ValidationError:
        return None


def _render_detail(request: HttpRequest, scan: Scan, status: int = 200, **extra: Any):
    return render(request, "maatwerk/scan_detail.html", _scan_context(scan, **extra), status=status)


def _conflict(request: HttpRequest, uuid: UUID) -> HttpResponse:
    messages.error(request, CONFLICT)
    return _render_detail(request, get_scan_for_user(request, uuid), status=409)


@role_required(*SCAN_ROLES)
def scan_detail(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """A saved scan: its needs (editable), the ranking, the week plan."""
    scan_prune()
    scan = get_scan_for_user(request, uuid)
    if request.method != "POST":
        return _render_detail(request, scan, preview=_preview(scan, request.GET))
    form = SaveScanForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, scan, status=400, form=form)
    try:
        scan_save(
            author=request.user,
            scan=scan,
            label=form.cleaned_data["label"],
            needs=form.needs(),
            lock_version=form.cleaned_data["lock_version"],
        )
    except ScanConflict:
        return _conflict(request, uuid)
    messages.success(request, _("De behoeften zijn bijgewerkt."))
    return redirect(scan)


@role_required(*SCAN_ROLES)
@require_POST
def scan_delete_view(request: HttpRequest, uuid: UUID) -> HttpResponse:
    scan_delete(scan=get_scan_for_user(request, uuid))
    messages.success(request, _("De scan is verwijderd."))
    return redirect("maatwerk:scan_list")


@role_required(*SCAN_ROLES)
@require_POST
def week_item_add_view(request: HttpRequest, uuid: UUID) -> HttpResponse:
    scan = get_scan_for_user(request, uuid)
    form = WeekItemForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            week_item_add(
                scan=scan,
                source=data["source"],
                hours_per_week=data["hours_per_week"],
                pay_basis=data["pay_basis"],
                pay_amount=data["pay_amount"],
                tasks_per_week=data["tasks_per_week"],
                travel_minutes_per_week=data["travel_minutes_per_week"],
                lock_version=data["lock_version"],
            )
        except ScanConflict:
            return _conflict(request, uuid)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, _("Het werk is aan de week toegevoegd."))
            return redirect(f"{scan.get_absolute_url()}#week")
    return _render_detail(request, scan, status=400, item_form=form)


@role_required(*SCAN_ROLES)
@require_POST
def week_item_remove_view(request: HttpRequest, uuid: UUID, item: int) -> HttpResponse:
    scan = get_scan_for_user(request, uuid)
    week_item = get_object_or_404(WeekItem, pk=item, scan=scan)
    try:
        lock = int(request.POST.get("lock_version", ""))
    except ValueError:
        lock = -1
    try:
        week_item_remove(item=week_item, lock_version=lock)
    except ScanConflict:
        return _conflict(request, uuid)
    messages.success(request, _("Het werk is uit de week gehaald."))
    return redirect(f"{scan.get_absolute_url()}#week")


@role_required(*SCAN_ROLES)
@require_POST
def benefit_threshold_view(request: HttpRequest, uuid: UUID) -> HttpResponse:
    scan = get_scan_for_user(request, uuid)
    form = WeekSettingsForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, scan, status=400, settings_form=form)
    try:
        scan_set_benefit_threshold(
            scan=scan,
            amount=form.cleaned_data["benefit_threshold"],
            lock_version=form.cleaned_data["lock_version"],
        )
    except ScanConflict:
        return _conflict(request, uuid)
    messages.success(request, _("De inkomensgrens is bewaard."))
    return redirect(f"{scan.get_absolute_url()}#week")


@role_required(*SCAN_ROLES)
@require_safe
def scan_pdf(request: HttpRequest, uuid: UUID) -> HttpResponse:
    scan = get_scan_for_user(request, uuid)
    context = _scan_context(scan)
    pdf = render_advice_pdf(context, (get_language() or "nl")[:2])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="maatwerkadvies.pdf"'
    return response

"""Maatwerk: pseudonymous needs profiles (scans), their week plans, and the minimum wage table.

A scan describes one person only through structured needs: no name, no BSN, no date of birth,
no free text about health. The author's own short label is the only name. Scans exist only
when their author saves them, and are deleted ``MAATWERK_KEEP_DAYS`` after their last change
(``maatwerk.services.scan_prune``).
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from framework.models import SkillLevel, TargetGroup, WorkMode, WorkType


class Guidance(models.TextChoices):
    NONE = "geen", _("Geen begeleiding nodig")
    SOME = "enige", _("Enige begeleiding")
    MUCH = "veel", _("Veel begeleiding")


class WorkPreference(models.TextChoices):
    PHYSICAL = "fysiek", _("Alleen fysiek werk (op locatie)")
    ONLINE = "online", _("Alleen online werk (vanuit huis)")
    EITHER = "beide", _("Fysiek of online")


class Schedule(models.TextChoices):
    FIXED = "vast", _("Vaste, vooraf geplande tijden")
    FLEXIBLE = "flexibel", _("Flexibele tijden")


class Importance(models.TextChoices):
    LOW = "laag", _("Niet zo belangrijk")
    MEDIUM = "middel", _("Belangrijk")
    HIGH = "hoog", _("Heel belangrijk")


class Province(models.TextChoices):
    """Region at province level: enough to talk about physical work, and no more (AVG)."""

    DRENTHE = "drenthe", "Drenthe"
    FLEVOLAND = "flevoland", "Flevoland"
    FRIESLAND = "friesland", "Fryslân"
    GELDERLAND = "gelderland", "Gelderland"
    GRONINGEN = "groningen", "Groningen"
    LIMBURG = "limburg", "Limburg"
    NOORD_BRABANT = "noord-brabant", "Noord-Brabant"
    NOORD_HOLLAND = "noord-holland", "Noord-Holland"
    OVERIJSSEL = "overijssel", "Overijssel"
    UTRECHT = "utrecht", "Utrecht"
    ZEELAND = "zeeland", "Zeeland"
    ZUID_HOLLAND = "zuid-holland", "Zuid-Holland"


class PayBasis(models.TextChoices):
    HOUR = "uur", _("per uur")
    TASK = "klus", _("per klus")


class MinimumWageQuerySet(models.QuerySet):
    def on(self, day: date) -> MinimumWage | None:
        """The amount in force on ``day``: the latest that started on or before it."""
        return self.filter(valid_from__lte=day).order_by("-valid_from").first()


class MinimumWage(models.Model):
    """The statutory gross minimum wage per hour (21 and older) from a date, with its source."""

    valid_from = models.DateField(_("geldt vanaf"), unique=True)
    hourly_amount = models.DecimalField(
        _("bruto per uur (euro)"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    source_url = models.URLField(_("bron (adres)"), max_length=500)
    source_note = models.CharField(_("toelichting bij de bron"), max_length=300, blank=True)
    verified = models.BooleanField(
        _("gecontroleerd"),
        default=False,
        help_text=_(
            "Aan als een beheerder het bedrag met de officiële bron heeft vergeleken. Uit: "
            "te controleren door een beheerder."
        ),
    )

    objects = MinimumWageQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("minimumloon")
        verbose_name_plural = _("minimumlonen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hourly_amount__gt=0), name="minimum_wage_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.valid_from:%Y-%m-%d}: € {self.hourly_amount}"


class ScanQuerySet(models.QuerySet):
    def expired(self, now: timezone.datetime | None = None) -> ScanQuerySet:
        now = now or timezone.now()
        return self.filter(updated_at__lt=now - timedelta(days=settings.MAATWERK_KEEP_DAYS))


class Scan(models.Model):
    """A saved maatwerkscan: one person's needs, described pseudonymously, and a week plan."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="maatwerk_scans",
        verbose_name=_("auteur"),
    )
    label = models.CharField(
        _("eigen label"),
        max_length=40,
        help_text=_("Een kort label dat u zelf kiest, geen naam. Bijvoorbeeld: kandidaat A."),
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="+", verbose_name=_("doelgroepen")
    )
    guidance = models.CharField(
        _("behoefte aan begeleiding"), max_length=8, choices=Guidance.choices
    )
    work_mode = models.CharField(_("werkvorm"), max_length=8, choices=WorkPreference.choices)
    skill_level = models.CharField(_("skills-niveau"), max_length=12, choices=SkillLevel.choices)
    hours_per_week = models.PositiveSmallIntegerField(
        _("beschikbare uren per week"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    schedule = models.CharField(_("werktijden"), max_length=10, choices=Schedule.choices)
    region = models.CharField(
        _("regio (provincie)"), max_length=20, choices=Province.choices, blank=True
    )
    receives_benefit = models.BooleanField(_("heeft een uitkering"), default=False)
    income_security = models.CharField(
        _("belang van inkomenszekerheid"), max_length=8, choices=Importance.choices
    )
    benefit_threshold = models.DecimalField(
        _("inkomensgrens voor de uitkering (bruto per maand)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    # Optimistic lock: the author may have the scan open in two windows.
    lock_version = models.PositiveIntegerField(default=1, editable=False)

    objects = ScanQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("maatwerkscan")
        verbose_name_plural = _("maatwerkscans")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours_per_week__gte=1, hours_per_week__lte=60),
                name="scan_hours_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("maatwerk:scan_detail", kwargs={"uuid": self.uuid})

    @property
    def expires_on(self) -> date:
        return (self.updated_at + timedelta(days=settings.MAATWERK_KEEP_DAYS)).date()


class WeekItem(models.Model):
    """One kind of work in a scan's week: from a published platform assessment or a work type."""

    scan = models.ForeignKey(
        Scan, on_delete=models.CASCADE, related_name="week_items", verbose_name=_("scan")
    )
    order = models.PositiveSmallIntegerField(default=0)
    assessment = models.ForeignKey(
        "assessments.Assessment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("platform (gepubliceerde beoordeling)"),
    )
    work_type = models.ForeignKey(
        WorkType,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("werksoort"),
    )
    # A copy of the name, so the plan still reads well if the source goes away.
    label = models.CharField(_("omschrijving"), max_length=200)
    mode = models.CharField(_("fysiek of online"), max_length=10, choices=WorkMode.choices)
    skill_level = models.CharField(_("skills-niveau"), max_length=12, choices=SkillLevel.choices)
    hours_per_week = models.DecimalField(
        _("uren per week"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("60"))],
    )
    pay_basis = models.CharField(_("betaling"), max_length=4, choices=PayBasis.choices)
    pay_basis_from_catalogue = models.BooleanField(_("betaalwijze uit de catalogus"), default=False)
    pay_amount = models.DecimalField(
        _("geschat bedrag (euro)"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    tasks_per_week = models.PositiveSmallIntegerField(
        _("klussen per week"), null=True, blank=True, validators=[MaxValueValidator(500)]
    )
    travel_minutes_per_week = models.PositiveSmallIntegerField(
        _("reistijd per week (minuten)"), default=0, validators=[MaxValueValidator(1800)]
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("werk in de week")
        verbose_name_plural = _("werk in de week")

    def __str__(self) -> str:
        return self.label

"""The platform catalogue: platforms active in the Netherlands and their sourced profiles.

A platform's *profile* holds its answers to the framework's characteristic questions. Each
answer names its source (address, title, the date it was consulted) and may be "unknown":
an answer with ``unknown=True`` and no options. A question without any answer also reads as
unknown, so the catalogue never pretends to know more than its sources say.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from framework.models import (
    Criterion,
    Option,
    Question,
    Segment,
    SkillLevel,
    Statement,
    StatementKind,
    WorkMode,
    WorkType,
    localized,
)


class PlatformStatus(models.TextChoices):
    ACTIVE = "active", _("Actief")
    STOPPED = "stopped", _("Gestopt")
    BANKRUPT = "bankrupt", _("Failliet")

    @property
    def is_historical(self) -> bool:
        return self != PlatformStatus.ACTIVE


class PlatformQuerySet(models.QuerySet):
    def with_segment(self, code: str) -> PlatformQuerySet:
        return self.filter(segments__code=code)

    def with_mode(self, mode: str) -> PlatformQuerySet:
        if mode == WorkMode.PHYSICAL:
            return self.filter(physical=True)
        if mode == WorkMode.ONLINE:
            return self.filter(online=True)
        return self.none()

    def with_skill_level(self, level: str) -> PlatformQuerySet:
        field = SKILL_LEVEL_FIELDS.get(level)
        return self.filter(**{field: True}) if field else self.none()

    def with_status(self, status: str) -> PlatformQuerySet:
        return self.filter(status=status)

    def with_answer(self, option_code: str) -> PlatformQuerySet:
        """Platforms whose profile chose this option (for organisation model and the like)."""
        return self.filter(
            profile_answers__options__code=option_code, profile_answers__unknown=False
        )

    def with_work_type(self, code: str) -> PlatformQuerySet:
        return self.filter(work_types__code=code)

    def active(self) -> PlatformQuerySet:
        return self.filter(status=PlatformStatus.ACTIVE)


SKILL_LEVEL_FIELDS = {
    SkillLevel.LOWER: "skill_lower",
    SkillLevel.MIDDLE: "skill_middle",
    SkillLevel.HIGHER: "skill_higher",
}
MODE_FIELDS = {WorkMode.PHYSICAL: "physical", WorkMode.ONLINE: "online"}


class Platform(models.Model):
    """A catalogue entry: a digital labour platform active (or once active) in the Netherlands."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    website = models.URLField(_("website"), max_length=300, blank=True)
    description = models.TextField(_("korte beschrijving"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PlatformStatus.choices, default=PlatformStatus.ACTIVE
    )
    status_date = models.DateField(
        _("datum van de status"),
        null=True,
        blank=True,
        help_text=_("Wanneer het platform stopte of failliet ging, als dat bekend is."),
    )
    status_note = models.CharField(
        _("toelichting op de status"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld 'failliet sinds 2023' als de precieze datum onbekend is."),
    )
    segments = models.ManyToManyField(
        Segment, blank=True, related_name="platforms", verbose_name=_("sectoren")
    )
    work_types = models.ManyToManyField(
        WorkType, blank=True, related_name="platforms", verbose_name=_("werksoorten")
    )
    # Derived from the profile answers to werkvorm and skills, the one source of truth
    # (assessments.catalogue.platform_derive_work_flags); kept here so lists and the Table 1
    # grid filter and count without joining the profile. Never edited directly.
    physical = models.BooleanField(_("fysiek werk"), default=False, editable=False)
    online = models.BooleanField(_("online werk"), default=False, editable=False)
    skill_lower = models.BooleanField(_("lager skills-niveau"), default=False, editable=False)
    skill_middle = models.BooleanField(_("middelbaar skills-niveau"), default=False, editable=False)
    skill_higher = models.BooleanField(_("hoger skills-niveau"), default=False, editable=False)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[segments, work_types])
    objects = PlatformQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("platform")
        verbose_name_plural = _("platforms")
        # Lists in name order stop after one page: the comparison's first 50 candidates of
        # 50,000 assessments in 2 ms instead of a 60 ms sort of all of them.
        indexes = [models.Index(fields=["name"], name="platform_name")]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="platform_name_unique_ci"),
            models.UniqueConstraint(
                fields=["website"],
                condition=~models.Q(website=""),
                name="platform_website_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=PlatformStatus.values),
                name="platform_status_valid",
            ),
            # A status date records when a platform stopped; an active platform has none.
            models.CheckConstraint(
                condition=~models.Q(status=PlatformStatus.ACTIVE)
                | models.Q(status_date__isnull=True),
                name="platform_active_has_no_status_date",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("assessments:platform_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        super().clean()
        if self.status == PlatformStatus.ACTIVE and self.status_date:
            raise ValidationError(
                {"status_date": _("Een actief platform heeft geen einddatum; laat dit veld leeg.")}
            )

    @property
    def is_historical(self) -> bool:
        return self.status != PlatformStatus.ACTIVE

    @property
    def modes(self) -> list[str]:
        return [mode for mode, field in MODE_FIELDS.items() if getattr(self, field)]

    @property
    def skill_levels(self) -> list[str]:
        return [level for level, field in SKILL_LEVEL_FIELDS.items() if getattr(self, field)]

    def mode_labels(self) -> list[str]:
        return [str(WorkMode(mode).label) for mode in self.modes]

    def skill_level_labels(self) -> list[str]:
        return [str(SkillLevel(level).label) for level in self.skill_levels]


class ProfileAnswer(models.Model):
    """A platform's answer to one characteristic question, with its source."""

    platform = models.ForeignKey(
        Platform,
        on_delete=models.CASCADE,
        related_name="profile_answers",
        verbose_name=_("platform"),
    )
    question = models.ForeignKey(
        Question,
        on_delete=models.PROTECT,
        related_name="profile_answers",
        verbose_name=_("vraag"),
    )
    options = models.ManyToManyField(
        Option, blank=True, related_name="profile_answers", verbose_name=_("antwoorden")
    )
    unknown = models.BooleanField(
        _("onbekend"),
        default=False,
        help_text=_("Aan als geen bron het antwoord geeft. Kies dan geen antwoorden."),
    )
    note = models.TextField(_("toelichting"), blank=True)
    source_url = models.URLField(_("bron (adres)"), max_length=500, blank=True)
    source_title = models.CharField(_("bron (titel)"), max_length=300, blank=True)
    consulted_on = models.DateField(_("geraadpleegd op"), null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[options])

    class Meta:
        ordering = ["question__characteristic__order", "question__order", "question__code"]
        verbose_name = _("profielantwoord")
        verbose_name_plural = _("profielantwoorden")
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "question"], name="profile_answer_one_per_question"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.platform}: {self.question.code}"

    def clean(self) -> None:
        super().clean()
        if not self.unknown and not (self.source_url or self.source_title):
            raise ValidationError(
                _("Geef een bron (adres of titel) voor dit antwoord, of zet het op onbekend.")
            )

    @property
    def is_unknown(self) -> bool:
        """Unknown when flagged so, or when no option was chosen."""
        return self.unknown or not self.options.all()


class PlatformSource(models.Model):
    """A source for general facts about a platform (description, status, sectors, website)."""

    platform = models.ForeignKey(
        Platform, on_delete=models.CASCADE, related_name="sources", verbose_name=_("platform")
    )
    url = models.URLField(_("adres"), max_length=500, blank=True)
    title = models.CharField(_("titel"), max_length=300, blank=True)
    consulted_on = models.DateField(_("geraadpleegd op"), null=True, blank=True)
    note = models.CharField(_("waarvoor"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("bron")
        verbose_name_plural = _("bronnen")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(url="", title=""), name="platform_source_has_url_or_title"
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.url


# --- Assessments -----------------------------------------------------------------------------


class AssessmentStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    REVIEW = "review", _("Ter review")
    PUBLISHED = "published", _("Gepubliceerd")


class AssessmentQuerySet(models.QuerySet):
    def published(self) -> AssessmentQuerySet:
        return self.filter(status=AssessmentStatus.PUBLISHED)


class Assessment(models.Model):
    """An analyst's assessment of one platform against one version of the framework."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    platform = models.ForeignKey(
        Platform, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("platform")
    )
    framework_version = models.CharField(_("raamwerkversie"), max_length=40)
    edition = models.PositiveIntegerField(
        _("versie van de beoordeling"),
        default=1,
        help_text=_("1 voor de eerste beoordeling van dit platform, 2 voor de volgende, enz."),
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_editions",
        verbose_name=_("vorige versie"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("auteur"),
    )
    co_authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="co_authored_assessments",
        verbose_name=_("mede-auteurs"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments_to_review",
        verbose_name=_("reviewer"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.CONCEPT,
    )
    summary = models.TextField(_("samenvatting"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    sent_back_at = models.DateTimeField(
        _("teruggestuurd op"),
        null=True,
        blank=True,
        help_text=_("Gezet als de reviewer de beoordeling terugstuurt; leeg na opnieuw aanbieden."),
    )
    send_back_message = models.TextField(_("toelichting van de reviewer"), blank=True)
    # Optimistic lock: every save of answers or findings raises it; a save that carries an
    # older number is a conflict (someone else saved in between).
    lock_version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["lock_version"], m2m_fields=[co_authors])
    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "edition"], name="assessment_edition_unique_per_platform"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=AssessmentStatus.values),
                name="assessment_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.platform} ({self.edition})"

    def get_absolute_url(self) -> str:
        return reverse("assessments:task_list", kwargs={"uuid": self.uuid})

    @property
    def is_editable(self) -> bool:
        return self.status == AssessmentStatus.CONCEPT

    @property
    def is_published(self) -> bool:
        return self.status == AssessmentStatus.PUBLISHED

    @property
    def is_sent_back(self) -> bool:
        """A concept that the reviewer returned to its authors, not yet offered again."""
        return self.status == AssessmentStatus.CONCEPT and self.sent_back_at is not None

    @property
    def state_label(self) -> str:
        """The status as people should read it: a returned concept says so."""
        if self.is_sent_back:
            return str(_("Teruggestuurd door de reviewer"))
        return self.get_status_display()


class Answer(models.Model):
    """An answer in an assessment to one characteristic question, with its evidence."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="answers", verbose_name=_("beoordeling")
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="answers", verbose_name=_("vraag")
    )
    options = models.ManyToManyField(
        Option, blank=True, related_name="answers", verbose_name=_("antwoorden")
    )
    unknown = models.BooleanField(_("onbekend"), default=False)
    note = models.TextField(_("toelichting"), blank=True)
    source_url = models.URLField(_("bron (adres)"), max_length=500, blank=True)
    source_reference = models.CharField(_("bron (document)"), max_length=300, blank=True)
    consulted_on = models.DateField(_("geraadpleegd op"), null=True, blank=True)
    prefilled = models.BooleanField(
        _("overgenomen uit de catalogus"),
        default=False,
        help_text=_("Aan tot de analist het antwoord bevestigt of wijzigt."),
    )
    carried_over = models.BooleanField(
        _("overgenomen uit de vorige versie"),
        default=False,
        help_text=_("Aan tot de analist het antwoord in de nieuwe versie opslaat."),
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[options])

    class Meta:
        ordering = ["question__characteristic__order", "question__order"]
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question"], name="answer_one_per_question"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment}: {self.question.code}"


class Verdict(models.TextChoices):
    OPEN = "open", _("Nog te beoordelen")
    CONFIRMED = "confirmed", _("Bevestigd")
    NOT_APPLICABLE = "not_applicable", _("Niet van toepassing")
    ADJUSTED = "adjusted", _("Aangepast")


class Priority(models.TextChoices):
    HIGH = "high", _("Hoog")
    MEDIUM = "medium", _("Middel")
    LOW = "low", _("Laag")


# The verdicts with which a finding stands in the results.
COUNTING_VERDICTS = (Verdict.CONFIRMED, Verdict.ADJUSTED)


def counting_q(prefix: str = "") -> models.Q:
    """The database form of ``Finding.counts``: the one rule for which findings count.

    ``prefix`` reaches findings through a relation, e.g. ``"findings__"`` from an assessment.
    Keep it in step with ``Finding.counts`` (a test checks that both agree).
    """
    return models.Q(**{f"{prefix}verdict__in": COUNTING_VERDICTS}) & ~models.Q(
        **{f"{prefix}no_longer_triggered": True, f"{prefix}flag_resolved": False}
    )


class FindingQuerySet(models.QuerySet):
    def counting(self) -> FindingQuerySet:
        """Findings that stand in the results (see ``counting_q``)."""
        return self.filter(counting_q())


class Finding(models.Model):
    """A kans or uitdaging in an assessment: derived from the answers, or added by the analyst.

    The statement's texts are copied in when the finding is made, so a later edit of the
    framework never rewrites an assessment.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="findings", verbose_name=_("beoordeling")
    )
    statement = models.ForeignKey(
        Statement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="findings",
        verbose_name=_("stelling uit het raamwerk"),
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="findings", verbose_name=_("criterium")
    )
    kind = models.CharField(_("soort"), max_length=10, choices=StatementKind.choices)
    title_nl = models.CharField(_("titel (NL)"), max_length=200)
    title_en = models.CharField(_("titel (EN)"), max_length=200, blank=True)
    explanation_nl = models.TextField(_("uitleg (NL)"), blank=True)
    explanation_en = models.TextField(_("uitleg (EN)"), blank=True)
    suggested_action_nl = models.TextField(_("voorgestelde actie (NL)"), blank=True)
    suggested_action_en = models.TextField(_("voorgestelde actie (EN)"), blank=True)
    triggered_by = models.JSONField(
        _("afgeleid uit"),
        default=list,
        blank=True,
        help_text=_("De codes van de antwoorden die deze bevinding opleverden."),
    )
    no_longer_triggered = models.BooleanField(
        _("niet meer afgeleid"),
        default=False,
        help_text=_("Aan als gewijzigde antwoorden deze bevinding niet meer opleveren."),
    )
    flag_resolved = models.BooleanField(
        _("besluit genomen"),
        default=False,
        help_text=_("Aan als de analist over een niet meer afgeleide bevinding heeft besloten."),
    )
    verdict = models.CharField(
        _("oordeel"), max_length=16, choices=Verdict.choices, default=Verdict.OPEN
    )
    own_title = models.CharField(_("eigen formulering (titel)"), max_length=200, blank=True)
    own_text = models.TextField(_("eigen formulering (uitleg)"), blank=True)
    motivation = models.TextField(_("motivering"), blank=True)
    action = models.TextField(_("wat moet er georganiseerd worden"), blank=True)
    action_owner = models.CharField(_("door wie"), max_length=200, blank=True)
    priority = models.CharField(_("prioriteit"), max_length=8, choices=Priority.choices, blank=True)
    # The analyst chose "nog te bepalen" for the action: a deliberate blank, not a forgotten one.
    action_pending = models.BooleanField(_("actie nog te bepalen"), default=False)
    evidence = models.TextField(_("onderbouwing en bronnen"), blank=True)
    review_comment = models.TextField(_("opmerking van de reviewer"), blank=True)
    comment_open = models.BooleanField(
        _("opmerking nog te verwerken"),
        default=False,
        help_text=_("Aan na een opmerking van de reviewer, tot de auteur de bevinding opslaat."),
    )
    carried_over = models.BooleanField(
        _("overgenomen uit de vorige versie"),
        default=False,
        help_text=_("Aan tot de analist de bevinding in de nieuwe versie opslaat."),
    )
    order = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    history = HistoricalRecords()
    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["criterion__order", "kind", "order", "pk"]
        verbose_name = _("bevinding")
        verbose_name_plural = _("bevindingen")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "statement"],
                condition=models.Q(statement__isnull=False),
                name="finding_one_per_statement",
            ),
            models.CheckConstraint(
                condition=models.Q(verdict__in=Verdict.values), name="finding_verdict_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title_nl

    def _localized(self, field: str) -> str:
        return localized(self, field)

    @property
    def is_custom(self) -> bool:
        return self.statement_id is None

    @property
    def is_challenge(self) -> bool:
        return self.kind == StatementKind.CHALLENGE

    @property
    def is_reviewed(self) -> bool:
        return self.verdict != Verdict.OPEN

    @property
    def needs_decision(self) -> bool:
        """Open: not yet reviewed, or no longer derived and not yet decided on."""
        return self.verdict == Verdict.OPEN or (self.no_longer_triggered and not self.flag_resolved)

    @property
    def counts(self) -> bool:
        """Whether the finding stands in the results: confirmed, adjusted or added by hand."""
        return self.verdict in COUNTING_VERDICTS and not (
            self.no_longer_triggered and not self.flag_resolved
        )

    @property
    def title(self) -> str:
        if self.verdict == Verdict.ADJUSTED and self.own_title:
            return self.own_title
        return self._localized("title")

    @property
    def has_own_explanation(self) -> bool:
        """Whether the explanation is the analyst's (an added finding, or one put into the
        analyst's own words) rather than the framework's."""
        return self.is_custom or bool(self.verdict == Verdict.ADJUSTED and self.own_text)

    @property
    def explanation(self) -> str:
        if self.verdict == Verdict.ADJUSTED and self.own_text:
            return self.own_text
        return self._localized("explanation")

    @property
    def suggested_action(self) -> str:
        return self._localized("suggested_action")


class MailLanguage(models.Model):
    """The language a person last used on the site, so that notifications reach them in it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mail_language",
        verbose_name=_("gebruiker"),
    )
    language = models.CharField(_("taal"), max_length=8, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("taal voor berichten")
        verbose_name_plural = _("talen voor berichten")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.language}"


# --- Wat-als scenarios ----------------------------------------------------------------------


class ScenarioStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    APPROVED = "approved", _("Goedgekeurd")


class Scenario(models.Model):
    """Changed answers on a scratch copy of an assessment: advice to the platform.

    Only the changed answers are stored (question code -> options or "onbekend"); what they
    gain is worked out again from the rules whenever it is shown. A scenario is public (on
    the results page and in the report) once the assessment's reviewer or a beheerder, not its
    author, has approved it: the same four-eyes rule as the findings.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="scenarios",
        verbose_name=_("beoordeling"),
    )
    title = models.CharField(_("titel"), max_length=200)
    motivation = models.TextField(_("motivering"), max_length=5000)
    changes = models.JSONField(_("gewijzigde antwoorden"), default=dict)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="scenarios",
        verbose_name=_("auteur"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ScenarioStatus.choices, default=ScenarioStatus.DRAFT
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approved_scenarios",
        verbose_name=_("goedgekeurd door"),
    )
    approved_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("wat-als scenario")
        verbose_name_plural = _("wat-als scenario's")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ScenarioStatus.values), name="scenario_status_valid"
            ),
            models.UniqueConstraint(
                fields=["assessment", "title"], name="scenario_title_unique_per_assessment"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "assessments:scenario", kwargs={"uuid": self.assessment.uuid, "scenario": self.uuid}
        )

    @property
    def is_approved(self) -> bool:
        return self.status == ScenarioStatus.APPROVED


# --- Dubbele beoordeling ----------------------------------------------------------------------


class DoubleAssessment(models.Model):
    """Two analysts assess one platform independently; their agreement is measured and a
    consensus is settled.

    Each analyst works in an ordinary concept assessment of their own (``first``, ``second``);
    the access rules already keep each from seeing the other's. When an analyst hands in, the
    answers are copied into ``*_answers`` (question code -> chosen option codes; empty means
    onbekend) and the part becomes read-only, so the agreement never changes afterwards.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    platform = models.ForeignKey(
        Platform,
        on_delete=models.PROTECT,
        related_name="double_assessments",
        verbose_name=_("platform"),
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="double_assessments_started",
        verbose_name=_("gestart door"),
    )
    first = models.OneToOneField(
        Assessment,
        on_delete=models.PROTECT,
        related_name="double_as_first",
        verbose_name=_("eerste beoordeling"),
    )
    second = models.OneToOneField(
        Assessment,
        on_delete=models.PROTECT,
        related_name="double_as_second",
        verbose_name=_("tweede beoordeling"),
    )
    first_done_at = models.DateTimeField(_("eerste ingeleverd op"), null=True, blank=True)
    second_done_at = models.DateTimeField(_("tweede ingeleverd op"), null=True, blank=True)
    first_answers = models.JSONField(_("antwoorden eerste analist"), default=dict)
    second_answers = models.JSONField(_("antwoorden tweede analist"), default=dict)
    consensus = models.OneToOneField(
        Assessment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="double_as_consensus",
        verbose_name=_("consensus"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("dubbele beoordeling")
        verbose_name_plural = _("dubbele beoordelingen")

    def __str__(self) -> str:
        return f"{self.platform} ({self.created_at:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("assessments:double", kwargs={"uuid": self.uuid})

    @property
    def both_done(self) -> bool:
        return self.first_done_at is not None and self.second_done_at is not None


class ConsensusChoice(models.Model):
    """How one disagreement of a double assessment was settled, and why."""

    class Source(models.TextChoices):
        FIRST = "first", _("Antwoord van de eerste analist")
        SECOND = "second", _("Antwoord van de tweede analist")

    double = models.ForeignKey(
        DoubleAssessment,
        on_delete=models.CASCADE,
        related_name="choices",
        verbose_name=_("dubbele beoordeling"),
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="+", verbose_name=_("vraag")
    )
    source = models.CharField(_("gekozen antwoord"), max_length=10, choices=Source.choices)
    motivation = models.TextField(_("motivering"), max_length=5000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    decided_at = models.DateTimeField(_("besloten op"), auto_now_add=True)

    class Meta:
        ordering = ["question__characteristic__order", "question__order"]
        verbose_name = _("besluit bij een verschil")
        verbose_name_plural = _("besluiten bij verschillen")
        constraints = [
            models.UniqueConstraint(
                fields=["double", "question"], name="consensus_one_per_question"
            ),
            models.CheckConstraint(
                condition=models.Q(source__in=["first", "second"]), name="consensus_source_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.double}: {self.question.code}"


# --- Reports ---------------------------------------------------------------------------------


class ReportJobStatus(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    RUNNING = "running", _("Bezig")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Mislukt")


class ReportJob(models.Model):
    """A PDF report over several assessments, made by a background task.

    The PDF is kept in the database (a BinaryField), not under MEDIA_ROOT: the task worker may
    run on another machine than the app server that offers the download, and the database is
    the one store they share. Reports are a few megabytes; ``defer("pdf")`` keeps lists light.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="report_jobs",
        verbose_name=_("aangevraagd door"),
    )
    created_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    assessment_uuids = models.JSONField(_("beoordelingen"), default=list)
    language = models.CharField(_("taal"), max_length=5, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ReportJobStatus.choices,
        default=ReportJobStatus.QUEUED,
    )
    progress_done = models.PositiveIntegerField(_("klaar"), default=0)
    progress_total = models.PositiveIntegerField(_("totaal"), default=0)
    # When the worker last showed it was alive (start and every step): a job that stops
    # moving is marked failed instead of showing "Bezig" for ever (report_job_sync).
    heartbeat_at = models.DateTimeField(_("laatste voortgang"), null=True, blank=True)
    error = models.TextField(_("foutmelding"), blank=True)
    pdf = models.BinaryField(_("PDF"), null=True, blank=True, editable=False)
    task_id = models.CharField(_("taak"), max_length=64, blank=True, editable=False)
    # "host:pid" of the worker process making the report: when that process is gone on this
    # host, the job is failed at once instead of after REPORT_STALL_MINUTES (report_job_sync).
    worker = models.CharField(_("verwerker"), max_length=300, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("rapportopdracht")
        verbose_name_plural = _("rapportopdrachten")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ReportJobStatus.values),
                name="report_job_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.uuid} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("assessments:report_job", kwargs={"uuid": self.uuid})

    @property
    def is_finished(self) -> bool:
        return self.status in (ReportJobStatus.DONE, ReportJobStatus.FAILED)

    @property
    def percent(self) -> int:
        if not self.progress_total:
            return 0
        return round(100 * self.progress_done / self.progress_total)

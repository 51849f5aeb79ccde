"""The Raamwerk inclusief platformwerk as data.

Texts are stored in Dutch (``*_nl``) and English (``*_en``); ``Localized.text()`` picks the one
for the active language. Every item has a stable ``code`` used by fixtures, exports and URLs,
and a ``source`` naming the section of the position paper it comes from.
"""

from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from framework.wording import WhenText


def localized(obj: object, field: str) -> str:
    """``obj.<field>_en`` for the English language when it is filled in, else ``<field>_nl``."""
    lang = (get_language() or "nl")[:2]
    value = getattr(obj, f"{field}_en", "") if lang == "en" else ""
    return value or str(getattr(obj, f"{field}_nl"))


class Localized(models.Model):
    """Mixin for models with ``<field>_nl`` / ``<field>_en`` pairs."""

    class Meta:
        abstract = True

    def text(self, field: str) -> str:
        return localized(self, field)


class FrameworkVersionQuerySet(models.QuerySet["FrameworkVersion"]):
    def current(self) -> "FrameworkVersion | None":
        return self.filter(is_current=True).first()


class FrameworkVersion(models.Model):
    """A loaded edition of the framework; assessments pin the label they were made with."""

    label = models.CharField(_("versie"), max_length=40, unique=True)
    loaded_at = models.DateTimeField(_("geladen op"), auto_now=True)
    is_current = models.BooleanField(_("huidige versie"), default=False)
    source_document = models.CharField(_("brondocument"), max_length=300, blank=True)
    content_hash = models.CharField(_("inhoudscontrole"), max_length=64, blank=True)
    content = models.JSONField(
        _("inhoud"),
        default=dict,
        blank=True,
        help_text=_(
            "De bron zoals die geladen is: welke onderdelen en teksten deze versie had, ook "
            "nadat een nieuwere versie ze wijzigde of liet vervallen."
        ),
    )

    objects = FrameworkVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("raamwerkversie")
        verbose_name_plural = _("raamwerkversies")
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="one_current_framework_version",
            )
        ]

    def __str__(self) -> str:
        return self.label


class CodedManager(models.Manager):
    """Every row, also those that a newer framework version retired.

    The default manager, so that relations (an answer's options, a finding's statement)
    always reach the rows an assessment was made with.
    """

    def get_by_natural_key(self, code: str) -> models.Model:
        return self.get(code=code)


class CurrentManager(CodedManager):
    """``objects``: only what the current framework version holds (nothing retired)."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(retired=False)


def retired_field() -> models.BooleanField:
    return models.BooleanField(
        _("vervallen"),
        default=False,
        help_text=_(
            "Aan als de huidige raamwerkversie dit onderdeel niet meer heeft. Het blijft "
            "bewaard voor de beoordelingen die ermee gemaakt zijn."
        ),
    )


class Criterion(Localized):
    """One of the four PSO criteria, or the income-side dimension financiële zekerheid."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    name_nl = models.CharField(_("naam (NL)"), max_length=120)
    name_en = models.CharField(_("naam (EN)"), max_length=120, blank=True)
    question_nl = models.CharField(_("leidende vraag (NL)"), max_length=300)
    question_en = models.CharField(_("leidende vraag (EN)"), max_length=300, blank=True)
    definition_nl = models.TextField(_("definitie (NL)"))
    definition_en = models.TextField(_("definitie (EN)"), blank=True)
    is_income_side = models.BooleanField(
        _("inkomenskant"),
        default=False,
        help_text=_(
            "Aan voor financiële zekerheid, de dimensie die het paper aan de PSO-criteria toevoegt."
        ),
    )
    source = models.CharField(_("bron in het paper"), max_length=300)

    retired = retired_field()

    all_versions = CodedManager()
    objects = CurrentManager()

    class Meta:
        default_manager_name = "all_versions"
        ordering = ["order", "code"]
        verbose_name = _("criterium")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return self.name_nl

    def natural_key(self) -> tuple[str]:
        return (self.code,)

    @property
    def name(self) -> str:
        return self.text("name")

    @property
    def question(self) -> str:
        return self.text("question")

    @property
    def definition(self) -> str:
        return self.text("definition")


class StatementKind(models.TextChoices):
    OPPORTUNITY = "kans", _("Kans")
    CHALLENGE = "uitdaging", _("Uitdaging")


class Statement(Localized):
    """A kans or uitdaging of platform work for one criterion."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="statements", verbose_name=_("criterium")
    )
    kind = models.CharField(_("soort"), max_length=10, choices=StatementKind.choices)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    title_nl = models.CharField(_("titel (NL)"), max_length=200)
    title_en = models.CharField(_("titel (EN)"), max_length=200, blank=True)
    explanation_nl = models.TextField(_("uitleg (NL)"))
    explanation_en = models.TextField(_("uitleg (EN)"), blank=True)
    action_nl = models.TextField(
        _("wat moet er georganiseerd worden (NL)"),
        blank=True,
        help_text=_("Alleen voor een uitdaging: wat er nodig is om haar op te vangen."),
    )
    action_en = models.TextField(_("wat moet er georganiseerd worden (EN)"), blank=True)
    general = models.BooleanField(
        _("geldt voor platformwerk in het algemeen"),
        default=False,
        help_text=_("Aan als het paper zegt dat dit voor (bijna) alle platformwerk geldt."),
    )
    source = models.CharField(_("bron in het paper"), max_length=300)
    # The target-group lens: for which groups this statement weighs most. Empty means it
    # holds for every group alike ("all" in the source file).
    target_groups: "models.ManyToManyField[TargetGroup, Any]" = models.ManyToManyField(
        "TargetGroup",
        blank=True,
        related_name="statements",
        verbose_name=_("weegt vooral voor doelgroepen"),
        help_text=_("Leeg: de stelling weegt voor alle doelgroepen even zwaar."),
    )
    target_groups_source = models.CharField(
        _("bron voor de doelgroepen"),
        max_length=300,
        blank=True,
        help_text=_("Het deel van het paper waarop de keuze van doelgroepen steunt."),
    )

    retired = retired_field()

    # Set by framework.queries for the framework page (when it appears, in words); not a field.
    when_text: "WhenText | None"

    all_versions = CodedManager()
    objects = CurrentManager()

    class Meta:
        default_manager_name = "all_versions"
        ordering = ["criterion__order", "kind", "order", "code"]
        verbose_name = _("kans of uitdaging")
        verbose_name_plural = _("kansen en uitdagingen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["kans", "uitdaging"]), name="statement_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title_nl}"

    def natural_key(self) -> tuple[str]:
        return (self.code,)

    @property
    def title(self) -> str:
        return self.text("title")

    @property
    def explanation(self) -> str:
        return self.text("explanation")

    @property
    def action(self) -> str:
        return self.text("action")

    @property
    def is_challenge(self) -> bool:
        return self.kind == StatementKind.CHALLENGE


class CharacteristicSection(models.TextChoices):
    CHARACTERISTIC = "kenmerk", _("Kenmerk van het platform")
    FINANCIAL = "financieel", _("Financiële zekerheid")


class Characteristic(Localized):
    """One of the seven platform characteristics, or the financial-security question group."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    section = models.CharField(
        _("onderdeel"),
        max_length=12,
        choices=CharacteristicSection.choices,
        default=CharacteristicSection.CHARACTERISTIC,
    )
    name_nl = models.CharField(_("naam (NL)"), max_length=160)
    name_en = models.CharField(_("naam (EN)"), max_length=160, blank=True)
    description_nl = models.TextField(_("beschrijving (NL)"), blank=True)
    description_en = models.TextField(_("beschrijving (EN)"), blank=True)
    source = models.CharField(_("bron in het paper"), max_length=300)

    retired = retired_field()

    all_versions = CodedManager()
    objects = CurrentManager()

    class Meta:
        default_manager_name = "all_versions"
        ordering = ["order", "code"]
        verbose_name = _("kenmerk")
        verbose_name_plural = _("kenmerken")

    def __str__(self) -> str:
        return self.name_nl

    def natural_key(self) -> tuple[str]:
        return (self.code,)

    @property
    def name(self) -> str:
        return self.text("name")

    @property
    def description(self) -> str:
        return self.text("description")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Eén antwoord")
    MULTIPLE = "multiple", _("Meerdere antwoorden")


class Question(Localized):
    """A concrete question about a characteristic. "Onbekend" is always a possible answer."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    characteristic = models.ForeignKey(
        Characteristic,
        on_delete=models.PROTECT,
        related_name="questions",
        verbose_name=_("kenmerk"),
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    kind = models.CharField(_("soort"), max_length=10, choices=QuestionKind.choices)
    text_nl = models.CharField(_("vraag (NL)"), max_length=300)
    text_en = models.CharField(_("vraag (EN)"), max_length=300, blank=True)
    help_nl = models.TextField(_("hulptekst (NL)"), blank=True)
    help_en = models.TextField(_("hulptekst (EN)"), blank=True)
    more_nl = models.TextField(_("meer uitleg (NL)"), blank=True)
    more_en = models.TextField(_("meer uitleg (EN)"), blank=True)
    shown_if: "models.ManyToManyField[Option, Any]" = models.ManyToManyField(
        "Option",
        blank=True,
        related_name="reveals",
        verbose_name=_("alleen tonen als gekozen is"),
        help_text=_(
            "Leeg: de vraag staat altijd. Anders alleen als één van deze antwoorden gekozen is."
        ),
    )
    source = models.CharField(_("bron in het paper"), max_length=300)

    retired = retired_field()

    all_versions = CodedManager()
    objects = CurrentManager()

    class Meta:
        default_manager_name = "all_versions"
        ordering = ["characteristic__order", "order", "code"]
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")

    def __str__(self) -> str:
        return self.text_nl

    def natural_key(self) -> tuple[str]:
        return (self.code,)

    @property
    def label(self) -> str:
        return self.text("text")

    @property
    def help(self) -> str:
        return self.text("help")

    @property
    def more(self) -> str:
        return self.text("more")


class Option(Localized):
    """An answer option; choosing it triggers the statements it lists."""

    code = models.SlugField(_("code"), max_length=100, unique=True)
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="options", verbose_name=_("vraag")
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    label_nl = models.CharField(_("antwoord (NL)"), max_length=200)
    label_en = models.CharField(_("antwoord (EN)"), max_length=200, blank=True)
    triggers = models.ManyToManyField(
        Statement, blank=True, related_name="triggered_by", verbose_name=_("leidt tot")
    )
    neutral = models.BooleanField(
        _("bewust neutraal"),
        default=False,
        help_text=_("Aan als dit antwoord met opzet geen kans of uitdaging oplevert."),
    )

    retired = retired_field()

    all_versions = CodedManager()
    objects = CurrentManager()

    class Meta:
        default_manager_name = "all_versions"
        ordering = ["question__characteristic__order", "question__order", "order", "code"]
        verbose_name = _("antwoordoptie")
        verbose_name_plural = _("antwoordopties")

    def __str__(self) -> str:
        return f"{self.question.code}: {self.label_nl}"

    def natural_key(self) -> tuple[str]:
        return (self.code,)

    @property
    def label(self) -> str:
        return self.text("label")


class WorkMode(models.TextChoices):
    PHYSICAL = "fysiek", _("Fysiek")
    ONLINE = "online", _("Online")


class SkillLevel(models.TextChoices):
    LOWER = "lager", _("Lager skills-niveau")
    MIDDLE = "middelbaar", _("Middelbaar skills-niveau")
    HIGHER = "hoger", _("Hoger skills-niveau")


class WorkType(Localized):
    """A kind of platform work from Table 1 of the paper."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    name_nl = models.CharField(_("naam (NL)"), max_length=120)
    name_en = models.CharField(_("naam (EN)"), max_length=120, blank=True)
    mode = models.CharField(_("fysiek of online"), max_length=10, choices=WorkMode.choices)
    skill_level = models.CharField(_("skills-niveau"), max_length=12, choices=SkillLevel.choices)
    note = models.CharField(_("opmerking"), max_length=300, blank=True)

    retired = retired_field()

    all_versions = CodedManager()
    objects = CurrentManager()

    class Meta:
        default_manager_name = "all_versions"
        ordering = ["skill_level", "mode", "order", "code"]
        verbose_name = _("werksoort")
        verbose_name_plural = _("werksoorten")

    def __str__(self) -> str:
        return self.name_nl

    def natural_key(self) -> tuple[str]:
        return (self.code,)

    @property
    def name(self) -> str:
        return self.text("name")


class TargetGroup(Localized):
    """A kind of limitation that puts people at a distance from the labour market."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    name_nl = models.CharField(_("naam (NL)"), max_length=120)
    name_en = models.CharField(_("naam (EN)"), max_length=120, blank=True)
    description_nl = models.TextField(_("beschrijving (NL)"), blank=True)
    description_en = models.TextField(_("beschrijving (EN)"), blank=True)
    examples_nl = models.CharField(_("voorbeelden (NL)"), max_length=300, blank=True)
    examples_en = models.CharField(_("voorbeelden (EN)"), max_length=300, blank=True)
    source = models.CharField(_("bron in het paper"), max_length=300)

    retired = retired_field()

    all_versions = CodedManager()
    objects = CurrentManager()

    class Meta:
        default_manager_name = "all_versions"
        ordering = ["order", "code"]
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")

    def __str__(self) -> str:
        return self.name_nl

    def natural_key(self) -> tuple[str]:
        return (self.code,)

    @property
    def name(self) -> str:
        return self.text("name")

    @property
    def description(self) -> str:
        return self.text("description")

    @property
    def examples(self) -> str:
        return self.text("examples")


class Segment(Localized):
    """A sector or segment in which platforms are active (catalogue reference data)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    name_nl = models.CharField(_("naam (NL)"), max_length=120)
    name_en = models.CharField(_("naam (EN)"), max_length=120, blank=True)

    retired = retired_field()

    all_versions = CodedManager()
    objects = CurrentManager()

    class Meta:
        default_manager_name = "all_versions"
        ordering = ["order", "code"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectoren")

    def __str__(self) -> str:
        return self.name_nl

    def natural_key(self) -> tuple[str]:
        return (self.code,)

    @property
    def name(self) -> str:
        return self.text("name")


class Rule(models.Model):
    """When a statement is raised, in one framework version (see ``framework.conditions``).

    ``when`` and ``unless`` hold conditions in their source shape; ``default`` marks a
    statement that holds for platform work in general unless an answer switches it off.
    Rules belong to the version that loaded them, so an older version's rules stay readable.
    """

    framework_version = models.ForeignKey(
        FrameworkVersion,
        on_delete=models.CASCADE,
        related_name="rules",
        verbose_name=_("raamwerkversie"),
    )
    statement = models.ForeignKey(
        Statement, on_delete=models.CASCADE, related_name="rules", verbose_name=_("stelling")
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    when = models.JSONField(_("verschijnt als"), null=True, blank=True)
    unless = models.JSONField(_("niet als"), null=True, blank=True)
    default = models.BooleanField(_("geldt in het algemeen"), default=False)
    source = models.CharField(_("bron in het paper"), max_length=300)
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["framework_version", "order"]
        verbose_name = _("regel")
        verbose_name_plural = _("regels")
        constraints = [
            models.UniqueConstraint(
                fields=["framework_version", "statement"], name="one_rule_per_statement"
            ),
            models.CheckConstraint(
                condition=models.Q(default=True, when__isnull=True)
                | models.Q(default=False, when__isnull=False),
                name="rule_default_or_when",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.framework_version}: {self.statement.code}"


class Contradiction(models.Model):
    """Statements of one framework version that can never hold together."""

    framework_version = models.ForeignKey(
        FrameworkVersion,
        on_delete=models.CASCADE,
        related_name="contradictions",
        verbose_name=_("raamwerkversie"),
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    statements = models.JSONField(_("stellingen"), default=list)
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["framework_version", "order"]
        verbose_name = _("tegenstrijdigheid")
        verbose_name_plural = _("tegenstrijdigheden")

    def __str__(self) -> str:
        return " / ".join(self.statements)

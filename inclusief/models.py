from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """One row with a token per topic of cached content (``inclusief.caching``).

    ``public`` changes when what anonymous visitors see changes (publication, catalogue),
    ``framework`` when the framework does. Cached pages and data are stored under these tokens,
    so a new token retires them in every process. Random tokens rather than counters: a
    restored backup or a rolled-back test never brings back a token something was stored under.
    """

    public = models.CharField(max_length=32, default="")
    framework = models.CharField(max_length=32, default="")
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = "content version"

    def __str__(self) -> str:
        return f"{self.public}/{self.framework} ({self.changed_at:%Y-%m-%d %H:%M:%S})"


class RateLimitHit(models.Model):
    """One counted request under a rate limit or one PDF render in progress.

    Kept in the database, the one store that every app server shares, so a limit holds
    across gunicorn workers and machines. Old rows are deleted as new ones are counted.
    """

    key = models.CharField(max_length=200)
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["key", "at"], name="ratelimit_key_at")]

    def __str__(self) -> str:
        return f"{self.key} {self.at:%Y-%m-%d %H:%M:%S}"


class Profile(models.Model):
    """What a user chooses about how they appear to others (the user model stays Django's).

    Made when a user first sets something; without one, ``public_name`` uses initials.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(
        _("naam op openbare pagina's"),
        max_length=80,
        blank=True,
        help_text=_(
            "Zo staat u op gepubliceerde beoordelingen en in rapporten. Leeg: uw initialen."
        ),
    )

    class Meta:
        verbose_name = _("profiel")
        verbose_name_plural = _("profielen")

    def __str__(self) -> str:
        return self.display_name or f"profile {self.pk}"


class DeletionRequest(models.Model):
    """A user's request to delete their account; a beheerder carries it out, choosing who
    takes over the user's assessments (``inclusief.personal_data.account_delete``)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deletion_request"
    )
    requested_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    note = models.TextField(_("toelichting"), blank=True, max_length=1000)

    class Meta:
        ordering = ["requested_at"]
        verbose_name = _("verwijderverzoek")
        verbose_name_plural = _("verwijderverzoeken")

    def __str__(self) -> str:
        return f"deletion request {self.pk}"

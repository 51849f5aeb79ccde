from django.db import models


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

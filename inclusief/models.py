from django.db import models


class ContentVersion(models.Model):
    """One row whose token changes whenever data that public pages show changes.

    The page cache (``inclusief.pagecache``) keys every stored page on this token, so a new
    token retires every stored page at once, in every worker process. A token rather than a
    counter: a database restored from a backup, or a test rolled back, never brings back a
    token that pages were stored under.
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = "content version"

    def __str__(self) -> str:
        return f"{self.token} ({self.changed_at:%Y-%m-%d %H:%M:%S})"


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

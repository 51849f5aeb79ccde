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

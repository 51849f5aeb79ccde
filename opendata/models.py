"""What the open-data app keeps: stored report files, dataset files and sector benchmarks.

Files go through Django's storage API (``default_storage``): the local file system by
default, an S3-compatible store when app servers and workers share the work.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment
from framework.models import Criterion, Segment, StatementKind


class StoredReport(models.Model):
    """The PDF of one published assessment in one language, rendered once in the background."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="stored_reports"
    )
    language = models.CharField(max_length=5, choices=settings.LANGUAGES)
    file = models.FileField(upload_to="reports/", max_length=300)
    layout_version = models.CharField(max_length=40)
    framework_version = models.CharField(max_length=40)
    size = models.PositiveBigIntegerField(default=0)
    rendered_at = models.DateTimeField()

    class Meta:
        verbose_name = _("opgeslagen rapport")
        verbose_name_plural = _("opgeslagen rapporten")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "language"], name="stored_report_one_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment} [{self.language}]"


class DatasetFile(models.Model):
    """One full download of the open data (e.g. the published assessments as CSV)."""

    code = models.SlugField(max_length=60, unique=True)
    file = models.FileField(upload_to="open-data/", max_length=300)
    records = models.PositiveIntegerField(default=0)
    size = models.PositiveBigIntegerField(default=0)
    generated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("downloadbestand")
        verbose_name_plural = _("downloadbestanden")

    def __str__(self) -> str:
        return self.code


class SectorBenchmark(models.Model):
    """The median number of kansen or uitdagingen per criterion over the latest published
    assessments of one sector (``segment``), or of the whole catalogue (``segment`` empty).

    Worked out in the background after every publication (``opendata.benchmarks``), so a
    platform page reads a handful of rows instead of aggregating the catalogue.
    """

    segment = models.ForeignKey(
        Segment, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=StatementKind.choices)
    assessments = models.PositiveIntegerField()
    median = models.FloatField(null=True, blank=True)
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["segment", "criterion", "kind"],
                condition=models.Q(segment__isnull=False),
                name="sector_benchmark_unique",
            ),
            models.UniqueConstraint(
                fields=["criterion", "kind"],
                condition=models.Q(segment__isnull=True),
                name="catalogue_benchmark_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.segment or '*'} {self.criterion.code} {self.kind}: {self.median}"

"""Partials that other apps' templates include: the public platform record (summary,
editions, citation, sector benchmark) and the benchmark alone for the PDF summary."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from assessments.models import Assessment, Platform
from opendata.benchmarks import assessment_benchmark, benchmark_chart
from opendata.platform_record import citation, platform_record

register = template.Library()


@register.inclusion_tag("opendata/_platform_record.html", takes_context=True)
def platform_open_data(context: dict[str, Any], platform: Platform) -> dict[str, Any]:
    record = platform_record(platform)
    latest = record.latest
    out: dict[str, Any] = {"record": record, "platform": platform}
    if latest is not None:
        request = context.get("request")
        path = reverse("assessments:results", kwargs={"uuid": latest.assessment.uuid})
        url = request.build_absolute_uri(path) if request is not None else path
        benchmark = assessment_benchmark(latest.assessment)
        out.update(
            citation=citation(latest.assessment, url),
            benchmark=benchmark,
            chart=benchmark_chart(benchmark),
            latest=latest,
        )
    return out


@register.inclusion_tag("opendata/_benchmark.html")
def benchmark_for(assessment: Assessment, heading_level: int = 2) -> dict[str, Any]:
    """The sector benchmark of one published assessment (the PDF summary uses this)."""
    if not assessment.is_published:
        return {"benchmark": None}
    benchmark = assessment_benchmark(assessment)
    return {
        "benchmark": benchmark,
        "chart": benchmark_chart(benchmark),
        "heading": f"h{heading_level}",
        "id_prefix": f"bm{assessment.pk}",
    }

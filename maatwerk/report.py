"""The PDF "Maatwerkadvies": the scan's ranking and week plan in the report style.

Same stylesheet and base template as the assessment reports (``reports/_document.html``,
``static/css/report.css``), laid out by the shared WeasyPrint helper of ``assessments.reports``
(tagged PDF/UA, no network).
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

from assessments import reports


def render_advice_html(context: dict[str, Any], language: str) -> str:
    with translation.override(language):
        return render_to_string(
            "maatwerk/advice.html",
            {**context, "generated_at": timezone.now(), "LANGUAGE_CODE": language},
        )


def render_advice_pdf(context: dict[str, Any], language: str) -> bytes:
    return reports.write_pdf(reports.render_document(render_advice_html(context, language)))

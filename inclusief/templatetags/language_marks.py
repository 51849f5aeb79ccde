"""Language of parts (WCAG 3.1.2): Dutch content on an English page says it is Dutch.

Texts that people write (notes, motivations, descriptions, the analyst's own findings) exist
in Dutch only, and a framework text without an English version falls back to Dutch. On an
English page each such text carries ``lang="nl"`` so that screen readers pronounce it as
Dutch; on a Dutch page nothing is added. The same templates make the PDFs, so the marks are
in the reports too.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

DUTCH = ' lang="nl"'


def _page_is_dutch() -> bool:
    return (get_language() or "nl")[:2] == "nl"


@register.simple_tag
def lang_nl() -> SafeString:
    """` lang="nl"` for a text that is always Dutch (written by a person), else nothing."""
    return mark_safe("" if _page_is_dutch() else DUTCH)  # noqa: S308 (a constant)


@register.filter
def lang_of(obj: object, field: str) -> SafeString:
    """` lang="nl"` when ``obj``'s ``field`` is shown in Dutch on an English page.

    True for a field without an English version (``<field>_en`` empty), for a finding the
    analyst added or put into own words, and for any object that has no English field at all.
    """
    if _page_is_dutch():
        return mark_safe("")  # noqa: S308
    if getattr(obj, "is_custom", False):
        return mark_safe(DUTCH)  # noqa: S308
    if field in ("title", "explanation") and getattr(obj, "verdict", "") == "adjusted":
        own = getattr(obj, "own_title" if field == "title" else "own_text", "")
        if own:
            return mark_safe(DUTCH)  # noqa: S308
    english = getattr(obj, f"{field}_en", None)
    return mark_safe("" if english else DUTCH)  # noqa: S308


@register.simple_tag
def dutch(text: object) -> SafeString:
    """A Dutch text as a span marked ``lang="nl"`` on an English page (escaped)."""
    if _page_is_dutch() or not text:
        return format_html("{}", text or "")
    return format_html('<span lang="nl">{}</span>', text)


@register.simple_tag
def text_of(obj: object, field: str) -> SafeString:
    """``obj.<field>`` escaped, in a span marked ``lang="nl"`` only when it is Dutch on an
    English page (so Dutch pages keep their plain markup)."""
    value = getattr(obj, field, "") or ""
    if lang_of(obj, field):
        return format_html('<span lang="nl">{}</span>', value)
    return format_html("{}", value)

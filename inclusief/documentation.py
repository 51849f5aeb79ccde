"""The project's documentation (docs/*.md), served by the app as pages.

The Markdown files stay the one source: the same text is read on GitHub and in the app. They
are rendered with markdown-it-py (CommonMark plus tables) with raw HTML switched off, so a
document can never put a script or a style into a page. A link to another document
(``results-export-schema.md``) becomes a link to its page.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

DOCS_DIR = Path(settings.BASE_DIR) / "docs"
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MD_LINK = re.compile(r'href="([a-z0-9][a-z0-9-]*)\.md(#[^"]*)?"')
# The documents are written in English (code and schemas are English in this project).
LANGUAGE = "en"


@dataclass(frozen=True)
class Document:
    slug: str
    title: str
    html: SafeString

    def get_absolute_url(self) -> str:
        return reverse("documentation_page", kwargs={"slug": self.slug})


def _renderer() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def _title(text: str, slug: str) -> str:
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return slug


def _scroll_regions(html: str) -> str:
    """Wide tables and code blocks scroll inside a region the keyboard can reach (reflow at
    320 px), each with its cue, as the site's own tables do."""
    count = 0

    def table(match: re.Match) -> str:
        nonlocal count
        count += 1
        return (
            '<p class="scroll-hint" aria-hidden="true">Scroll the table sideways to see all '
            f'columns.</p><div class="scroll-region" role="region" tabindex="0" '
            f'aria-label="Table {count}"><table class="table table-sm">'
        )

    html = re.sub(r"<table>", table, html).replace("</table>", "</table></div>")
    return html.replace("<pre>", '<pre class="scroll-code" tabindex="0">')


@lru_cache(maxsize=32)
def _render(path: Path, mtime: float) -> Document:
    text = path.read_text(encoding="utf-8")
    html = _renderer().render(text)
    base = reverse("documentation")
    html = MD_LINK.sub(lambda m: f'href="{base}{m[1]}/{m[2] or ""}"', html)
    html = _scroll_regions(html)
    # The markup is markdown-it's own output with raw HTML escaped, so it is safe to show.
    return Document(slug=path.stem, title=_title(text, path.stem), html=mark_safe(html))  # noqa: S308


def document(slug: str) -> Document | None:
    """The document ``docs/<slug>.md``, or None when there is no such file."""
    if not SLUG.match(slug):
        return None
    path = DOCS_DIR / f"{slug}.md"
    if not path.is_file():
        return None
    return _render(path, path.stat().st_mtime)


def documents() -> list[Document]:
    """Every document, ordered by title."""
    found = (document(p.stem) for p in sorted(DOCS_DIR.glob("*.md")))
    return sorted((d for d in found if d is not None), key=lambda d: d.title.lower())

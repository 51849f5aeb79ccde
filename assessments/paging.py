"""Page links for long lists: the first and last pages and a window around the current one.

Listing every page number made the catalogue's HTML and render time grow with the data
(400 links at 10,000 platforms); this keeps the links at a fixed maximum.
"""

from django.core.paginator import Page


def page_links(page: Page, *, around: int = 2, ends: int = 1) -> list[int | None]:
    """Page numbers to link, with None where numbers are left out."""
    paginator = page.paginator
    return [
        number if isinstance(number, int) else None
        for number in paginator.get_elided_page_range(
            page.number, on_each_side=around, on_ends=ends
        )
    ]

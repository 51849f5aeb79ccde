"""Page links for long lists: the first and last pages and a window around the current one.

Listing every page number made the catalogue's HTML and render time grow with the data
(400 links at 10,000 platforms); this keeps the links at a fixed maximum. Every paginated
list renders its links with ``{% pagination page %}`` (``inclusief_tags``) and the one
partial ``templates/_pagination.html``; the page number travels as ``?pagina=``.
"""

from django.core.paginator import Page
from django.http import HttpRequest

PAGE_PARAMETER = "pagina"


def page_links(page: Page, *, around: int = 2, ends: int = 1) -> list[int | None]:
    """Page numbers to link, with None where numbers are left out."""
    paginator = page.paginator
    return [
        number if isinstance(number, int) else None
        for number in paginator.get_elided_page_range(
            page.number, on_each_side=around, on_ends=ends
        )
    ]


def query_without_page(request: HttpRequest | None) -> str:
    """The request's query string (filters, search, sort) without the page number, so that
    every page link keeps what the visitor chose."""
    if request is None:
        return ""
    query = request.GET.copy()
    query.pop(PAGE_PARAMETER, None)
    return query.urlencode()

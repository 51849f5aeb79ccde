from datetime import timedelta

from django import template
from django.core.paginator import Page

from inclusief import people
from inclusief.access import user_has_any_role
from inclusief.paging import page_links, query_without_page

register = template.Library()


@register.filter
def whole_minutes(value: timedelta | None) -> int:
    """A duration in whole minutes, rounded up (a lock of 90 seconds reads as 2 minutes)."""
    if value is None:
        return 0
    seconds = int(value.total_seconds())
    return -(-seconds // 60)


@register.filter
def has_any_role(user, roles: str) -> bool:
    """``user|has_any_role:"onderzoeker,analist"``: beheerders pass too, as at the role gates."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user_has_any_role(user, tuple(r.strip() for r in roles.split(",") if r.strip()))


@register.filter
def public_name(user) -> str:
    """``{{ assessment.owner|public_name }}``: the chosen display name or initials, never the
    login (``inclusief.people.public_name``)."""
    return people.public_name(user)


@register.inclusion_tag("_pagination.html", takes_context=True)
def pagination(context, page: Page) -> dict[str, object]:
    """``{% pagination page %}``: the page links of any paginated list, keeping the request's
    filters in every link (``inclusief.paging``)."""
    return {
        "page": page,
        "page_links": page_links(page),
        "query": query_without_page(context.get("request")),
    }

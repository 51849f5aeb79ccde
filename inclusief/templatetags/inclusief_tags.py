from datetime import timedelta

from django import template

from inclusief import people
from inclusief.access import user_has_any_role

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

from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def whole_minutes(value: timedelta | None) -> int:
    """A duration in whole minutes, rounded up (a lock of 90 seconds reads as 2 minutes)."""
    if value is None:
        return 0
    seconds = int(value.total_seconds())
    return -(-seconds // 60)

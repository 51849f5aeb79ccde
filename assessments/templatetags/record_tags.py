"""Template filters for the assessment record."""

from django import template

from inclusief.people import public_name

register = template.Library()


@register.filter(name="public_name")
def public_name_filter(user) -> str:
    """How a person appears on anything public: initials, never the login."""
    return public_name(user)

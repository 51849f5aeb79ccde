"""How people appear to others: never by their login, which is often an e-mail address."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.utils.translation import gettext as _


def display_name(user: AbstractBaseUser) -> str:
    """The name the user chose for public pages ("" when none). Load users with
    ``select_related("profile")`` where many are shown, to keep to one query."""
    profile = getattr(user, "profile", None)  # a missing profile raises an AttributeError
    return profile.display_name.strip() if profile is not None else ""


def public_name(user: AbstractBaseUser | AnonymousUser | None) -> str:
    """The name shown for ``user`` on anything public (pages, API, PDFs).

    The display name the user chose, else the initials of the full name (``J. de Vries``
    becomes ``J.d.V.``), else a neutral word; the login is never used.
    """
    if user is None or not user.is_authenticated:
        return _("onbekend")
    chosen = display_name(user)
    if chosen:
        return chosen
    parts = f"{getattr(user, 'first_name', '')} {getattr(user, 'last_name', '')}".split()
    if not parts:
        return _("een analist")
    return "".join(f"{part[0].upper()}." for part in parts)

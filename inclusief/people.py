"""How people appear to others: never by their login, which is often an e-mail address."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.utils.translation import gettext as _


def public_name(user: AbstractBaseUser | AnonymousUser | None) -> str:
    """The name shown for ``user`` on anything public (pages, API, PDFs).

    Initials of the full name (``J. de Vries`` becomes ``J.d.V.``), or a neutral word when
    no name is known; the login is never used.
    """
    if user is None or not user.is_authenticated:
        return _("onbekend")
    parts = f"{getattr(user, 'first_name', '')} {getattr(user, 'last_name', '')}".split()
    if not parts:
        return _("een analist")
    return "".join(f"{part[0].upper()}." for part in parts)

"""Users with a role, for any test. Log them in with ``client.force_login(user)``.

``client.login()`` does not work here: django-axes needs the request to authenticate, and the
test client's ``login`` passes none. Tests of the login form itself post to ``/account/inloggen/``.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from inclusief.roles import ANALIST, BEHEERDER, ONDERZOEKER

PASSWORD = "correct-horse-battery-staple-42"


def make_user(username: str, role: str | None = None, *, password: str | None = PASSWORD, **extra):
    """A user with ``role``; ``password=None`` skips the (slow) hashing for force_login-only use."""
    user = get_user_model().objects.create_user(
        username=username,
        email=extra.pop("email", f"{username}@example.org"),
        password=password,
        is_staff=extra.pop("is_staff", role == BEHEERDER),
        **extra,
    )
    if role is not None:
        # get_or_create: transactional tests (browser) flush the groups of the data migration.
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


def make_role_users() -> dict:
    """One user per column of the permission matrix (anonymous is None)."""
    return {
        "anonymous": None,
        "analist_author": make_user(
            "auteur", ANALIST, password=None, first_name="Anna", last_name="Auteur"
        ),
        "analist_other": make_user("andere", ANALIST, password=None),
        "onderzoeker": make_user("onderzoeker", ONDERZOEKER, password=None),
        "beheerder": make_user("beheerder", BEHEERDER, password=None),
    }

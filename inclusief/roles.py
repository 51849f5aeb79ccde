"""The three roles of Inclusief, as Django groups.

| role        | who                 | may                                                          |
|-------------|---------------------|--------------------------------------------------------------|
| beheerder   | catalogue admin     | curate the catalogue and the framework, manage users         |
| analist     | policy advisor      | create assessments, edit own/invited concepts, review others |
| onderzoeker | researcher          | read every published assessment, compare, export             |

The groups themselves come from the data migration `inclusief/migrations/0001_roles.py`.
Model permissions for beheerder are (re)assigned after every `migrate` by
`assign_role_permissions`, because the permissions of apps that migrate later (framework,
catalogue) do not exist yet when our data migration runs.
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, Group, Permission

BEHEERDER = "beheerder"
ANALIST = "analist"
ONDERZOEKER = "onderzoeker"
ROLES = (BEHEERDER, ANALIST, ONDERZOEKER)

# Apps whose models a beheerder curates. Another app joins by adding its label here; the
# post_migrate handler picks up its permissions on the next `migrate`.
BEHEERDER_APPS = ("framework", "assessments", "maatwerk")
# "Manages users": a beheerder maintains accounts and their roles in the admin, but
# cannot change groups' permissions (that stays with superusers).
BEHEERDER_USER_PERMISSIONS = ("add_user", "change_user", "view_user", "view_group")

User = AbstractBaseUser | AnonymousUser


def has_role(user: User, role: str) -> bool:
    """True when the user is logged in and in the role's group. Superusers have every role."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # Cache the user's group names on the object: templates and views ask several times.
    names = getattr(user, "_inclusief_role_names", None)
    if names is None:
        names = frozenset(user.groups.values_list("name", flat=True))
        user._inclusief_role_names = names
    return role in names


def is_beheerder(user: User) -> bool:
    return has_role(user, BEHEERDER)


def is_analist(user: User) -> bool:
    return has_role(user, ANALIST)


def is_onderzoeker(user: User) -> bool:
    return has_role(user, ONDERZOEKER)


def assign_role_permissions(using: str = "default") -> None:
    """Give beheerder every model permission of the curated apps; safe to run repeatedly."""
    groups = Group.objects.using(using)
    beheerder, _ = groups.get_or_create(name=BEHEERDER)
    for role in (ANALIST, ONDERZOEKER):
        groups.get_or_create(name=role)
    permissions = Permission.objects.using(using)
    beheerder.permissions.add(
        *permissions.filter(content_type__app_label__in=BEHEERDER_APPS),
        *permissions.filter(
            content_type__app_label="auth", codename__in=BEHEERDER_USER_PERMISSIONS
        ),
    )

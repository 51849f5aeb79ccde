"""User administration for beheerders, without a way to promote themselves.

A beheerder "manages users": adds accounts, changes names and e-mail, gives the roles analist
and onderzoeker (groups) and staff access. Django's stock UserAdmin would also let anyone with
``change_user`` tick "superuser", grant single permissions, or change a superuser's password,
which turns a beheerder into a superuser. Those stay with superusers, and so does everything
about beheerders: making someone beheerder, and changing, resetting the password of or
deleting another beheerder (a beheerder could otherwise take over a colleague's account).
"""

from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.http import HttpRequest

from inclusief.roles import BEHEERDER

User = get_user_model()
SUPERUSER_ONLY_FIELDS = ("is_superuser", "user_permissions")
# A beheerder editing their own account cannot change their own roles or access either.
OWN_ACCOUNT_FIELDS = ("groups", "is_staff", "is_active")


def _is_beheerder(user: Any) -> bool:
    return user.is_superuser or user.groups.filter(name=BEHEERDER).exists()


class InclusiefUserAdmin(UserAdmin):
    # No profile inline: the display name is each user's own choice ("Mijn gegevens").
    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        readonly = tuple(super().get_readonly_fields(request, obj))
        if request.user.is_superuser:
            return readonly
        if obj is not None and obj.pk == request.user.pk:
            return (*readonly, *SUPERUSER_ONLY_FIELDS, *OWN_ACCOUNT_FIELDS)
        return (*readonly, *SUPERUSER_ONLY_FIELDS)

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.exclude(name=BEHEERDER)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def _manages(self, request: HttpRequest, obj: Any) -> bool:
        """Whether ``request.user`` may touch ``obj``: superusers anyone, others themselves and
        users who are not beheerder (nor superuser)."""
        if obj is None or request.user.is_superuser or obj.pk == request.user.pk:
            return True
        return not _is_beheerder(obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._manages(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # An account that owns assessments is deleted through "Account verwijderen" (a
        # successor takes them over); the admin's delete page lists them as protected.
        if obj is not None and obj.pk == request.user.pk:
            return False
        return self._manages(request, obj) and super().has_delete_permission(request, obj)


admin.site.unregister(User)
admin.site.register(User, InclusiefUserAdmin)

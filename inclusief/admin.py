"""User administration for beheerders, without a way to promote themselves.

A beheerder "manages users": adds accounts, changes names and e-mail, gives roles (groups) and
staff access. Django's stock UserAdmin would also let anyone with ``change_user`` tick
"superuser", grant single permissions, or change a superuser's password, which turns a
beheerder into a superuser. Those stay with superusers.
"""

from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest

User = get_user_model()
SUPERUSER_ONLY_FIELDS = ("is_superuser", "user_permissions")


class InclusiefUserAdmin(UserAdmin):
    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        readonly = tuple(super().get_readonly_fields(request, obj))
        if request.user.is_superuser:
            return readonly
        return (*readonly, *SUPERUSER_ONLY_FIELDS)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


admin.site.unregister(User)
admin.site.register(User, InclusiefUserAdmin)

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _assign_role_permissions(sender: AppConfig, using: str = "default", **kwargs) -> None:
    from inclusief.roles import (  # noqa: PLC0415 — roles imports auth models, not ready at import
        BEHEERDER_APPS,
        assign_role_permissions,
    )

    # Django sends post_migrate once per app, after auth has created that app's
    # permissions; react to the apps whose permissions a beheerder gets.
    if sender.label in (*BEHEERDER_APPS, "inclusief"):
        assign_role_permissions(using=using)


class InclusiefConfig(AppConfig):
    name = "inclusief"
    verbose_name = "Inclusief"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model  # noqa: PLC0415 — needs the app registry

        from inclusief import checks  # noqa: F401, PLC0415 — registers itself; imports models
        from inclusief.caching import bump_on_change  # noqa: PLC0415 — imports models

        # Authors' names show on public pages (as initials); a sign-in alone changes nothing.
        bump_on_change([get_user_model()], "public")

        post_migrate.connect(_assign_role_permissions, dispatch_uid="inclusief_role_permissions")

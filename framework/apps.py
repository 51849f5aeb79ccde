from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrameworkConfig(AppConfig):
    name = "framework"
    verbose_name = _("Raamwerk")

    def ready(self) -> None:
        from inclusief.caching import bump_on_change  # noqa: PLC0415 — imports models

        # Admin edits of framework rows; a framework load bumps by itself (bulk writes).
        bump_on_change(self.get_models(), "framework")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrameworkConfig(AppConfig):
    name = "framework"
    verbose_name = _("Raamwerk")

    def ready(self) -> None:
        from framework.cache import connect_signals

        connect_signals(self)

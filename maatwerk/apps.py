from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaatwerkConfig(AppConfig):
    name = "maatwerk"
    verbose_name = _("Maatwerk")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The declared hook through which inclusief shows and exports a user's saved scans.
        from inclusief.personal_data import register  # noqa: PLC0415 (app registry is ready here)
        from maatwerk.personal_data import maatwerk_data  # noqa: PLC0415 (imports models)

        register(maatwerk_data)

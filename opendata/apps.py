from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "opendata"
    verbose_name = "Open data"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The declared hook: publication (assessments.signals) queues the stored reports,
        # the downloads and the sector benchmarks (opendata/hooks.py).
        from opendata import hooks  # noqa: PLC0415 — hooks import models, not ready at import

        hooks.connect()

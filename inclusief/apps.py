from django.apps import AppConfig


class InclusiefConfig(AppConfig):
    name = "inclusief"
    verbose_name = "Inclusief"

    def ready(self) -> None:
        from inclusief import checks  # noqa: F401  (registers the deploy checks)

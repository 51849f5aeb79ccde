"""Deploy checks of our own, run by `manage.py check --deploy`."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def check_production_settings(app_configs, **kwargs) -> list[Error]:
    errors = []
    if settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY:
        errors.append(
            Error(
                "SECRET_KEY is the development key.",
                hint="Set SECRET_KEY in the environment to a long random value.",
                id="inclusief.E001",
            )
        )
    if not settings.HTTPS:
        errors.append(
            Error(
                "HTTPS is off.",
                hint="Serve production behind TLS and set HTTPS=true.",
                id="inclusief.E002",
            )
        )
    if settings.DEMO_MODE:
        errors.append(
            Error(
                "DEMO_MODE is on.",
                hint="Demo accounts must never exist in production; unset DEMO_MODE.",
                id="inclusief.E003",
            )
        )
    return errors

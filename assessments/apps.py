from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def _published_assessment_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    # A concept is nobody else's business; an assessment that is or was published is public.
    if instance.published_at is not None:
        from inclusief.caching import bump  # noqa: PLC0415 — the app registry is not ready at import

        bump("public")


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Platforms en beoordelingen")

    def ready(self) -> None:
        from assessments.models import Assessment, Platform, PlatformSource, ProfileAnswer  # noqa: PLC0415 — models load after the app registry
        from inclusief.caching import bump_on_change  # noqa: PLC0415 — imports models

        # The catalogue: admin edits and imports save these one by one.
        bump_on_change([Platform, PlatformSource, ProfileAnswer], "public")
        for signal in (post_save, post_delete):
            signal.connect(
                _published_assessment_changed, sender=Assessment, dispatch_uid=f"public-{signal}"
            )

        # The declared hook through which inclusief shows, exports and hands over what this
        # app keeps about a person (inclusief/personal_data.py).
        from assessments.personal_data import assessments_data  # noqa: PLC0415 — imports models
        from inclusief.personal_data import register  # noqa: PLC0415 — imports models

        register(assessments_data)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Platforms en beoordelingen")

    def ready(self) -> None:
        # The declared hook through which inclusief shows, exports and hands over what this
        # app keeps about a person (inclusief/personal_data.py).
        from assessments.personal_data import assessments_data
        from inclusief.personal_data import register

        register(assessments_data)

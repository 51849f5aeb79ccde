"""What maatwerk keeps about a user (the hook of ``inclusief.personal_data``).

A user's saved scans are their own working notes about people they coach. They are shown and
exported to the user, and are not handed to a successor: they go with the account.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone
from django.utils.translation import gettext as _

from inclusief.personal_data import Section
from maatwerk.models import Scan


class MaatwerkData:
    def describe(self, user: AbstractBaseUser) -> list[Section]:
        scans = Scan.objects.filter(author=user).order_by("label", "pk")
        return [
            Section(
                key="maatwerk_scans",
                title=_("Uw maatwerkscans"),
                why=_("U heeft ze bewaard om een week samen te stellen en advies te printen."),
                keep=_(
                    "%(days)s dagen na de laatste wijziging, of tot u ze verwijdert; ze gaan "
                    "niet over naar een opvolger."
                )
                % {"days": settings.MAATWERK_KEEP_DAYS},
                columns=[
                    ("uuid", _("Kenmerk")),
                    ("label", _("Label")),
                    ("updated_at", _("Gewijzigd op")),
                    ("week_items", _("Werk in de week")),
                ],
                rows=[
                    {
                        "uuid": str(s.uuid),
                        "label": s.label,
                        "updated_at": timezone.localtime(s.updated_at).isoformat(
                            timespec="seconds"
                        ),
                        "week_items": s.week_items.count(),
                    }
                    for s in scans
                ],
            )
        ]

    def hand_over(self, *, user: AbstractBaseUser, successor: AbstractBaseUser) -> None:
        """Nothing to hand over: the scans are deleted with the account (on_delete CASCADE)."""


maatwerk_data = MaatwerkData()

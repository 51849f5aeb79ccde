"""What the assessments app keeps about a person (the hook of ``inclusief.personal_data``)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import Assessment, AssessmentStatus, ReportJob
from inclusief.personal_data import Section


def _when(value: Any) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else ""


class AssessmentsData:
    def describe(self, user: AbstractBaseUser) -> list[Section]:
        mine = (
            Assessment.objects.filter(Q(owner=user) | Q(co_authors=user) | Q(reviewer=user))
            .select_related("platform")
            .distinct()
            .order_by("platform__name", "edition")
        )
        co_authored = set(user.co_authored_assessments.values_list("pk", flat=True))

        def role(a: Assessment) -> str:
            if a.owner_id == user.pk:
                return _("auteur")
            if a.pk in co_authored:
                return _("mede-auteur")
            return _("reviewer")

        assessments = Section(
            key="assessments",
            title=_("Uw beoordelingen"),
            why=_("U heeft ze gemaakt, eraan meegeschreven of ze beoordeeld."),
            keep=_(
                "Zolang de beoordeling bestaat. Verwijdert u uw account, dan neemt een "
                "opvolger ze over."
            ),
            columns=[
                ("uuid", _("Kenmerk")),
                ("platform", _("Platform")),
                ("edition", _("Versie")),
                ("status", _("Status")),
                ("role", _("Uw rol")),
            ],
            rows=[
                {
                    "uuid": str(a.uuid),
                    "platform": a.platform.name,
                    "edition": a.edition,
                    "status": a.status,
                    "role": role(a),
                }
                for a in mine
            ],
        )
        jobs = Section(
            key="report_jobs",
            title=_("Uw rapportopdrachten"),
            why=_("Zodat u een rapport over meer platforms kunt downloaden."),
            keep=_("Tot het rapport wordt opgeruimd (zie de privacyverklaring)."),
            columns=[
                ("uuid", _("Kenmerk")),
                ("created_at", _("Aangevraagd op")),
                ("status", _("Status")),
            ],
            rows=[
                {"uuid": str(j.uuid), "created_at": _when(j.created_at), "status": j.status}
                for j in ReportJob.objects.filter(requested_by=user).defer("pdf")
            ],
        )
        return [assessments, jobs]

    def hand_over(self, *, user: AbstractBaseUser, successor: AbstractBaseUser) -> None:
        # One save per assessment, so the audit trail records the new owner and reviewer.
        for assessment in Assessment.objects.filter(owner=user):
            # A co-author who becomes the owner is no longer a co-author too.
            assessment.co_authors.remove(successor)
            assessment.owner = successor
            assessment.save(update_fields=["owner", "updated_at"])
        for assessment in user.co_authored_assessments.all():
            assessment.co_authors.remove(user)
        # A review in progress passes to the successor unless they are one of its authors;
        # then the reviewer is left empty and the authors choose another.
        for assessment in Assessment.objects.filter(reviewer=user):
            authors = {assessment.owner_id, *assessment.co_authors.values_list("pk", flat=True)}
            takes_over = (
                assessment.status == AssessmentStatus.REVIEW and successor.pk not in authors
            )
            assessment.reviewer = successor if takes_over else None
            assessment.save(update_fields=["reviewer", "updated_at"])
        ReportJob.objects.filter(requested_by=user).delete()


assessments_data = AssessmentsData()

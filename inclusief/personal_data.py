"""What Inclusief stores about a person: shown to them, exported, and removed on request.

The project package knows only the account itself (name, e-mail, roles, login records);
apps that keep more about a user register a provider here (a declared hook, so that
``inclusief`` imports no app): ``describe`` lists what the app holds about the user and
``hand_over`` gives it to a successor before the account is deleted.

Deleting an account (``account_delete``):

1. every provider hands the user's work to the successor a beheerder chose;
2. the audit trail keeps every version, but "who changed it" and any user column in it now
   point to a pseudonym account (``verwijderd-<random>``, no name, e-mail or password),
   one per deleted person, so the history still shows that one person made those changes;
3. the user's login records (django-axes) and sessions are deleted, then the account.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from typing import Any, Protocol

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.models import HistoricalChanges

from inclusief.models import DeletionRequest, Profile
from inclusief.people import display_name, public_name
from inclusief.roles import ANALIST, BEHEERDER

logger = logging.getLogger(__name__)

PSEUDONYM_PREFIX = "verwijderd-"


@dataclass
class Section:
    """One kind of data about the user: what it is, why we keep it, for how long, the rows."""

    key: str
    title: str
    why: str
    keep: str
    columns: list[tuple[str, str]]  # (field in the export, label on the page)
    rows: list[dict[str, Any]] = field(default_factory=list)

    def table(self) -> list[list[Any]]:
        return [[row.get(name, "") for name, _label in self.columns] for row in self.rows]


class Provider(Protocol):
    def describe(self, user: AbstractBaseUser) -> list[Section]: ...

    def hand_over(self, *, user: AbstractBaseUser, successor: AbstractBaseUser) -> None: ...


_providers: list[Provider] = []


def register(provider: Provider) -> None:
    """Called by an app's ``ready()``; a provider is registered once."""
    if provider not in _providers:
        _providers.append(provider)


def history_models() -> list[Any]:
    """The audit trail's tables (django-simple-history), whichever app they belong to."""
    return [model for model in apps.get_models() if issubclass(model, HistoricalChanges)]


def _when(value: Any) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else ""


def _own_sections(user: AbstractBaseUser) -> list[Section]:
    account = Section(
        key="account",
        title=_("Uw account"),
        why=_("Om u te laten inloggen en u rechten te geven."),
        keep=_("Zolang uw account bestaat."),
        columns=[
            ("username", _("Gebruikersnaam")),
            ("first_name", _("Voornaam")),
            ("last_name", _("Achternaam")),
            ("email", _("E-mailadres")),
            ("display_name", _("Naam op openbare pagina's")),
            ("public_name", _("Zo ziet een bezoeker u")),
            ("roles", _("Rollen")),
            ("date_joined", _("Account aangemaakt")),
            ("last_login", _("Laatst ingelogd")),
        ],
        rows=[
            {
                "username": user.get_username(),
                "first_name": user.first_name,
                "last_name": user.last_name,
                "email": user.email,
                "display_name": display_name(user),
                "public_name": public_name(user),
                "roles": ", ".join(sorted(user.groups.values_list("name", flat=True))),
                "date_joined": _when(user.date_joined),
                "last_login": _when(user.last_login),
            }
        ],
    )
    logins = Section(
        key="logins",
        title=_("Inlogpogingen"),
        why=_("Om te raden wachtwoorden tegen te houden en misbruik te kunnen nagaan."),
        keep=_(
            "Mislukte pogingen tot de blokkade is verlopen; geslaagde inlogs tot een "
            "beheerder ze opruimt (zie de privacyverklaring)."
        ),
        columns=[
            ("time", _("Tijdstip")),
            ("address", _("Adres")),
            ("result", _("Uitkomst")),
        ],
        rows=[
            {"time": _when(log.attempt_time), "address": log.ip_address, "result": "ok"}
            for log in AccessLog.objects.filter(username=user.get_username()).order_by(
                "-attempt_time"
            )[:50]
        ]
        + [
            {
                "time": _when(attempt.attempt_time),
                "address": attempt.ip_address,
                "result": _("%(n)s keer mislukt") % {"n": attempt.failures_since_start},
            }
            for attempt in AccessAttempt.objects.filter(username=user.get_username())
        ],
    )
    history = Section(
        key="history",
        title=_("Uw wijzigingen in de geschiedenis"),
        why=_("Wie wat wanneer wijzigde, zodat beoordelingen controleerbaar blijven."),
        keep=_(
            "Zolang het gewijzigde gegeven bestaat. Na verwijdering van uw account staat "
            "er een schuilnaam in plaats van u."
        ),
        columns=[("model", _("Soort gegeven")), ("changes", _("Aantal wijzigingen"))],
        rows=[
            {"model": str(model.instance_type._meta.verbose_name), "changes": count}
            for model in history_models()
            if "history_user_id" in _user_columns(model)
            and (count := model.objects.filter(history_user=user).count())
        ],
    )
    return [account, logins, history]


def personal_data(user: AbstractBaseUser) -> list[Section]:
    """Everything Inclusief keeps about ``user``, section by section."""
    sections = _own_sections(user)
    for provider in _providers:
        sections.extend(provider.describe(user))
    return sections


def personal_data_document(user: AbstractBaseUser) -> dict[str, Any]:
    """The JSON export of ``personal_data``: stable English field names."""
    return {
        "schema": "inclusief.personal-data",
        "schema_version": 1,
        "exported_at": _when(timezone.now()),
        "sections": {section.key: section.rows for section in personal_data(user)},
    }


@transaction.atomic
def profile_update(*, user: AbstractBaseUser, display_name: str) -> Profile:
    profile, _created = Profile.objects.get_or_create(user=user)
    profile.display_name = display_name.strip()
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def deletion_request_create(*, user: AbstractBaseUser, note: str) -> DeletionRequest:
    request, _created = DeletionRequest.objects.update_or_create(
        user=user, defaults={"note": note.strip()}
    )
    return request


@transaction.atomic
def deletion_request_withdraw(*, user: AbstractBaseUser) -> None:
    DeletionRequest.objects.filter(user=user).delete()


def _pseudonym() -> AbstractBaseUser:
    user = get_user_model()(username=f"{PSEUDONYM_PREFIX}{secrets.token_hex(4)}", is_active=False)
    user.set_unusable_password()
    user.save()
    return user


def _user_columns(model: Any) -> list[str]:
    user_model = get_user_model()
    return [
        f.attname
        for f in model._meta.get_fields()
        if getattr(f, "many_to_one", False) and f.related_model is user_model
    ]


def _pseudonymise_history(*, user: AbstractBaseUser, pseudonym: AbstractBaseUser) -> int:
    """Point every history row's user columns (who changed it, and copies of owner-like
    fields) from ``user`` to ``pseudonym``; how many rows changed."""
    changed = 0
    for history in history_models():
        for column in _user_columns(history):
            changed += history.objects.filter(**{column: user.pk}).update(**{column: pseudonym.pk})
    return changed


def successor_choices(user: AbstractBaseUser) -> Any:
    """Active people who may take over ``user``'s work: analists and beheerders."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[ANALIST, BEHEERDER])
        .exclude(pk=user.pk)
        .exclude(username__startswith=PSEUDONYM_PREFIX)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


@transaction.atomic
def account_delete(
    *, user: AbstractBaseUser, successor: AbstractBaseUser, by: AbstractBaseUser
) -> AbstractBaseUser:
    """Delete ``user``'s account; ``successor`` takes over their work. Returns the pseudonym
    that stands for the user in the history."""
    if successor.pk == user.pk:
        raise ValidationError(_("Kies een andere opvolger dan de persoon zelf."))
    if not successor_choices(user).filter(pk=successor.pk).exists():
        raise ValidationError(_("De opvolger moet een actieve analist of beheerder zijn."))
    for provider in _providers:
        provider.hand_over(user=user, successor=successor)
    pseudonym = _pseudonym()
    rows = _pseudonymise_history(user=user, pseudonym=pseudonym)
    username = user.get_username()
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username=username).delete()
    _delete_sessions(user)
    user_id = user.pk
    user.delete()
    # No name or e-mail in the log: the ids say enough to whoever holds the database.
    logger.warning(
        "Account %s deleted by %s; successor %s; %s history rows now show %s.",
        user_id,
        by.pk,
        successor.pk,
        rows,
        pseudonym.get_username(),
    )
    return pseudonym


def _delete_sessions(user: AbstractBaseUser) -> None:
    """End the user's sessions (database sessions; one decode per live session)."""
    doomed = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now())
        if session.get_decoded().get("_auth_user_id") == str(user.pk)
    ]
    Session.objects.filter(pk__in=doomed).delete()

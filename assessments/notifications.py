"""E-mail to the people an assessment's workflow waits for, in each recipient's language.

Sent after the transaction commits, so a rolled-back status change never mails anyone. The
recipient's language is the one they last used on the site (``MailLanguage``), Dutch when
nothing is known.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from assessments.models import Assessment, MailLanguage

SUBMITTED = "submitted"
SENT_BACK = "sent_back"
PUBLISHED = "published"


def remember_language(user, language: str) -> None:
    """Keep the language a signed-in person uses, for the mail they will get."""
    if not user.is_authenticated:
        return
    code = (language or settings.LANGUAGE_CODE)[:2]
    if code not in dict(settings.LANGUAGES):
        return
    if language_of_or_none(user) != code:
        MailLanguage.objects.update_or_create(user=user, defaults={"language": code})


def language_of_or_none(user) -> str | None:
    return MailLanguage.objects.filter(user=user).values_list("language", flat=True).first()


def language_of(user) -> str:
    return language_of_or_none(user) or settings.LANGUAGE_CODE


def recipients(event: str, assessment: Assessment) -> list:
    """Who waits for the assessment after ``event``: the reviewer, or its authors."""
    if event == SUBMITTED:
        return [assessment.reviewer] if assessment.reviewer else []
    authors = [assessment.owner, *assessment.co_authors.order_by("pk")]
    return [user for user in authors if user.email]


def notify(event: str, assessment: Assessment) -> int:
    """Send one mail per recipient; returns how many were sent."""
    link = settings.SITE_URL.rstrip("/") + (
        assessment.get_absolute_url()
        if event != SUBMITTED
        else f"/beoordelingen/{assessment.uuid}/status/"
    )
    sent = 0
    for user in recipients(event, assessment):
        if not user.email:
            continue
        with translation.override(language_of(user)):
            context = {"assessment": assessment, "link": link, "recipient": user}
            subject = render_to_string(f"assessments/mail/{event}_subject.txt", context)
            body = render_to_string(f"assessments/mail/{event}_body.txt", context)
        sent += send_mail(
            " ".join(subject.split()),
            body,
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        )
    return sent


def on_commit_notify(event: str, assessment: Assessment) -> None:
    transaction.on_commit(lambda: notify(event, assessment))

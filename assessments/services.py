"""Writes to assessments, answers and findings. Each is one transaction.

Saves that come from a form carry the assessment's ``lock_version`` as the user saw it; if
someone else saved in between, ``AssessmentConflict`` is raised and nothing is written, so the
view can show both versions and keep what the user typed.
"""

import uuid
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from assessments import notifications
from assessments.access import can_edit, can_review, can_start_assessment
from assessments.derive import findings_rederive
from assessments.models import (
    Answer,
    Assessment,
    AssessmentStatus,
    Finding,
    Platform,
    Verdict,
)
from assessments.signals import assessment_published
from framework.models import Criterion, FrameworkVersion, Question
from inclusief.caching import bump


class AssessmentConflict(Exception):
    """Someone else saved this assessment after the user opened the page."""

    def __init__(self, assessment: Assessment) -> None:
        super().__init__("The assessment was changed by someone else.")
        self.assessment = assessment


class WorkflowError(Exception):
    """A status change that is not allowed now; the message is for the user."""


@dataclass(frozen=True)
class AnswerInput:
    question: Question
    option_ids: list[int]
    unknown: bool
    note: str = ""
    source_url: str = ""
    source_reference: str = ""
    consulted_on: date | None = None


def _bump_lock(assessment: Assessment, expected_version: int | None) -> None:
    """Raise the lock version, or raise AssessmentConflict if it moved since the user read it."""
    query = Assessment.objects.filter(pk=assessment.pk)
    if expected_version is not None:
        query = query.filter(lock_version=expected_version)
    updated = query.update(lock_version=F("lock_version") + 1, updated_at=timezone.now())
    if not updated:
        raise AssessmentConflict(Assessment.objects.get(pk=assessment.pk))
    assessment.refresh_from_db(fields=["lock_version", "updated_at"])


@transaction.atomic
def assessment_start(*, platform: Platform, owner: User) -> Assessment:
    """A new concept for the platform, its answers pre-filled from the catalogue profile."""
    version = FrameworkVersion.objects.current()
    if version is None:
        raise WorkflowError(
            _("Er is nog geen raamwerk geladen; een beheerder moet dat eerst doen.")
        )
    # Under the platform lock, two starts at once get editions n and n + 1, never a clash on
    # the unique edition number. (Parallel concepts are allowed here: a double assessment
    # starts two on purpose.)
    platform = _lock_platform(platform)
    assessment = Assessment(
        platform=platform,
        owner=owner,
        framework_version=version.label,
        edition=_next_edition(platform),
    )
    assessment.full_clean()
    assessment.save()
    profile = platform.profile_answers.prefetch_related("options")
    answers = [
        Answer(
            assessment=assessment,
            question_id=p.question_id,
            unknown=p.unknown,
            note=p.note,
            source_url=p.source_url,
            source_reference=p.source_title,
            consulted_on=p.consulted_on,
            prefilled=True,
        )
        for p in profile
    ]
    bulk_create_with_history(answers, Answer)
    by_question = {a.question_id: a for a in Answer.objects.filter(assessment=assessment)}
    through = Answer.options.through
    through.objects.bulk_create(
        [
            through(answer_id=by_question[p.question_id].pk, option_id=o.pk)
            for p in profile
            for o in p.options.all()
        ]
    )
    findings_rederive(assessment)
    return assessment


@transaction.atomic
def answers_save(
    *, assessment: Assessment, inputs: list[AnswerInput], expected_version: int | None
) -> Assessment:
    """Save the answers of one questionnaire page, confirm them, and re-derive the findings."""
    _bump_lock(assessment, expected_version)
    existing = {
        a.question_id: a
        for a in Answer.objects.filter(
            assessment=assessment, question__in=[i.question for i in inputs]
        )
    }
    for item in inputs:
        answer = existing.get(item.question.pk) or Answer(
            assessment=assessment, question=item.question
        )
        answer.unknown = item.unknown
        answer.note = item.note
        answer.source_url = item.source_url
        answer.source_reference = item.source_reference
        answer.consulted_on = item.consulted_on
        answer.prefilled = False
        answer.carried_over = False
        answer.full_clean(exclude=["assessment", "question"])
        answer.save()
        answer.options.set([] if item.unknown else item.option_ids)
    findings_rederive(assessment)
    return assessment


@transaction.atomic
def finding_review(
    *,
    finding: Finding,
    expected_version: int | None,
    verdict: str,
    motivation: str,
    own_title: str = "",
    own_text: str = "",
    action: str = "",
    action_owner: str = "",
    priority: str = "",
    evidence: str = "",
    action_pending: bool = False,
) -> Finding:
    _bump_lock(finding.assessment, expected_version)
    finding.verdict = verdict
    finding.motivation = motivation
    finding.own_title = own_title if verdict == Verdict.ADJUSTED else ""
    finding.own_text = own_text if verdict == Verdict.ADJUSTED else ""
    finding.action = action
    finding.action_owner = action_owner
    finding.priority = priority
    finding.action_pending = action_pending and not action
    finding.evidence = evidence
    finding.flag_resolved = finding.no_longer_triggered
    finding.carried_over = False
    finding.comment_open = False
    finding.full_clean()
    finding.save()
    return finding


@transaction.atomic
def finding_add(
    *,
    assessment: Assessment,
    expected_version: int | None,
    criterion: Criterion,
    kind: str,
    title: str,
    text: str,
    motivation: str,
    action: str = "",
    action_owner: str = "",
    priority: str = "",
    evidence: str = "",
    action_pending: bool = False,
) -> Finding:
    """The analyst's own kans or uitdaging; it counts as confirmed from the start."""
    _bump_lock(assessment, expected_version)
    order = (assessment.findings.aggregate(m=Max("order"))["m"] or 0) + 1
    finding = Finding(
        assessment=assessment,
        criterion=criterion,
        kind=kind,
        title_nl=title,
        title_en=title,
        explanation_nl=text,
        explanation_en=text,
        verdict=Verdict.CONFIRMED,
        motivation=motivation,
        action=action,
        action_owner=action_owner,
        priority=priority,
        action_pending=action_pending and not action,
        evidence=evidence,
        order=order + 1000,
    )
    finding.full_clean()
    finding.save()
    return finding


def _require(allowed: bool) -> None:
    """Each workflow service checks its own permission; a view then answers 403."""
    if not allowed:
        raise PermissionDenied


def _lock_platform(platform: Platform) -> Platform:
    """Lock the platform row: the one place where starts of its editions queue up.

    Locking the parent row (and not an aggregate over its assessments, which locks nothing
    on PostgreSQL when there are no rows yet) makes a second, concurrent start wait, then see
    the first one's edition and refuse with a clear message.
    """
    return Platform.objects.select_for_update().get(pk=platform.pk)


def _refuse_second_open_edition(platform: Platform) -> None:
    open_edition = (
        Assessment.objects.filter(
            platform=platform, status__in=[AssessmentStatus.CONCEPT, AssessmentStatus.REVIEW]
        )
        # The parts of a double assessment are a record of their own, not an open edition.
        .filter(double_as_first__isnull=True, double_as_second__isnull=True)
        .order_by("edition")
        .first()
    )
    if open_edition is not None:
        raise WorkflowError(
            _(
                "Van %(platform)s is versie %(edition)s al in bewerking. Werk in die versie "
                "verder; er kan maar één versie tegelijk in bewerking zijn."
            )
            % {"platform": platform.name, "edition": open_edition.edition}
        )


def _next_edition(platform: Platform) -> int:
    latest = Assessment.objects.filter(platform=platform).aggregate(m=Max("edition"))["m"]
    return (latest or 0) + 1


@transaction.atomic
def finding_comment(*, finding: Finding, comment: str, by: User | None = None) -> Finding:
    """The reviewer's remark on one finding; it stays open until the author saves it again."""
    if by is not None:
        _require(can_review(by, finding.assessment))
    comment = comment.strip()
    if not comment:
        raise WorkflowError(_("Schrijf een opmerking; een lege opmerking helpt de auteur niet."))
    finding.review_comment = comment
    finding.comment_open = True
    finding.full_clean()
    finding.save(update_fields=["review_comment", "comment_open", "updated_at"])
    return finding


def open_findings(assessment: Assessment) -> int:
    return sum(1 for f in assessment.findings.all() if f.needs_decision)


def _author_ids(assessment: Assessment) -> set[int]:
    return {assessment.owner_id, *assessment.co_authors.values_list("pk", flat=True)}


@transaction.atomic
def assessment_submit(
    *, assessment: Assessment, reviewer: User, by: User | None = None
) -> Assessment:
    """Offer a concept for review to a colleague who is not one of its authors."""
    if by is not None:
        _require(can_edit(by, assessment))
    if assessment.status != AssessmentStatus.CONCEPT:
        raise WorkflowError(_("Alleen een concept kan ter review worden aangeboden."))
    if reviewer.pk in _author_ids(assessment):
        raise WorkflowError(_("Kies een reviewer die geen auteur van deze beoordeling is."))
    if open_findings(assessment):
        raise WorkflowError(
            _(
                "Beoordeel eerst alle kansen en uitdagingen, ook de bevindingen die niet meer "
                "uit de antwoorden volgen."
            )
        )
    _bump_lock(assessment, None)
    assessment.status = AssessmentStatus.REVIEW
    assessment.reviewer = reviewer
    assessment.sent_back_at = None
    assessment.save(update_fields=["status", "reviewer", "sent_back_at", "updated_at"])
    notifications.on_commit_notify(notifications.SUBMITTED, assessment)
    return assessment


# The name of round one; kept so callers outside this branch keep working.
assessment_submit_for_review = assessment_submit


@transaction.atomic
def assessment_send_back(
    *, assessment: Assessment, message: str = "", by: User | None = None
) -> Assessment:
    """Return a concept to its authors; they see it as sent back until they offer it again."""
    if by is not None:
        _require(can_review(by, assessment))
    if assessment.status != AssessmentStatus.REVIEW:
        raise WorkflowError(_("Deze beoordeling is niet ter review."))
    message = message.strip()
    if (
        by is not None
        and not message
        and not assessment.findings.filter(comment_open=True).exists()
    ):
        raise WorkflowError(
            _(
                "Schrijf wat de auteur moet aanpassen, hier of als opmerking bij een "
                "bevinding; zonder uitleg kan de auteur niets met het terugsturen."
            )
        )
    _bump_lock(assessment, None)
    assessment.status = AssessmentStatus.CONCEPT
    assessment.sent_back_at = timezone.now()
    assessment.send_back_message = message
    assessment.save(update_fields=["status", "sent_back_at", "send_back_message", "updated_at"])
    notifications.on_commit_notify(notifications.SENT_BACK, assessment)
    return assessment


@transaction.atomic
def assessment_publish(*, assessment: Assessment, by: User | None = None) -> Assessment:
    if by is not None:
        _require(can_review(by, assessment))
    if assessment.status != AssessmentStatus.REVIEW:
        raise WorkflowError(_("Alleen een beoordeling die ter review is kan worden gepubliceerd."))
    _bump_lock(assessment, None)
    assessment.status = AssessmentStatus.PUBLISHED
    assessment.published_at = timezone.now()
    assessment.save(update_fields=["status", "published_at", "updated_at"])
    bump("public")
    notifications.on_commit_notify(notifications.PUBLISHED, assessment)
    assessment_published.send(sender=Assessment, assessment=assessment)
    return assessment


@transaction.atomic
def co_author_add(*, assessment: Assessment, co_author: User, by: User | None = None) -> Assessment:
    """Invite a colleague to write along; the reviewer cannot also be an author."""
    if by is not None:
        _require(can_edit(by, assessment))
    if co_author.pk in _author_ids(assessment):
        raise WorkflowError(_("Deze collega is al auteur van deze beoordeling."))
    if assessment.reviewer_id == co_author.pk:
        raise WorkflowError(
            _("Deze collega is de reviewer van deze beoordeling en kan geen mede-auteur worden.")
        )
    _bump_lock(assessment, None)
    assessment.co_authors.add(co_author)
    # A snapshot row, so the history shows who was added when.
    assessment.save(update_fields=["updated_at"])
    return assessment


@transaction.atomic
def assessment_new_edition(*, assessment: Assessment, owner: User) -> Assessment:
    """A new concept that copies a published assessment completely.

    Every answer (options, unknowns, notes, sources, dates) and every finding (derived and
    own, with verdict, motivation and action) is copied and marked as carried over until it
    is saved again; reviewer comments stay with the edition they were made on. The copy keeps
    the framework version of its source; moving to a newer version is a separate, previewed
    step (``assessment_upgrade``), so nothing changes by itself.
    """
    if not can_start_assessment(owner):
        raise PermissionDenied
    if not assessment.is_published:
        raise WorkflowError(
            _("Alleen van een gepubliceerde beoordeling kan een nieuwe versie komen.")
        )
    platform = _lock_platform(assessment.platform)
    _refuse_second_open_edition(platform)
    copy = Assessment(
        platform=platform,
        owner=owner,
        framework_version=assessment.framework_version,
        edition=_next_edition(platform),
        previous=assessment,
        summary=assessment.summary,
    )
    copy.full_clean()
    copy.save()
    # Read the options per answer before copying: a prefetched relation on a copied instance
    # would still describe the source answer (round one lost every chosen option that way).
    source_answers = list(assessment.answers.prefetch_related("options"))
    chosen = {a.question_id: [o.pk for o in a.options.all()] for a in source_answers}
    answers = []
    for answer in source_answers:
        answers.append(
            Answer(
                assessment=copy,
                question_id=answer.question_id,
                unknown=answer.unknown,
                note=answer.note,
                source_url=answer.source_url,
                source_reference=answer.source_reference,
                consulted_on=answer.consulted_on,
                prefilled=answer.prefilled,
                carried_over=True,
            )
        )
    bulk_create_with_history(answers, Answer)
    by_question = {a.question_id: a.pk for a in Answer.objects.filter(assessment=copy)}
    through = Answer.options.through
    through.objects.bulk_create(
        [
            through(answer_id=by_question[question_id], option_id=option_id)
            for question_id, option_ids in chosen.items()
            for option_id in option_ids
        ]
    )
    findings = list(assessment.findings.all())
    for finding in findings:
        finding.pk = None
        finding.uuid = uuid.uuid4()
        finding.assessment = copy
        finding.review_comment = ""
        finding.comment_open = False
        finding.carried_over = True
    bulk_create_with_history(findings, Finding)
    findings_rederive(copy)
    return copy


@transaction.atomic
def assessment_upgrade(
    *, assessment: Assessment, expected_version: int | None, by: User | None = None
) -> Assessment:
    """Move a concept to the current framework version, by an author's explicit choice.

    Chosen options that the current version no longer has are taken off the answers (the
    answer history keeps them); the findings are derived again, so what no longer follows is
    flagged for a decision and what follows now is added.
    """
    if by is not None:
        _require(can_edit(by, assessment))
    version = FrameworkVersion.objects.current()
    if version is None or not assessment.is_editable:
        raise WorkflowError(_("Alleen een concept kan naar een nieuwe raamwerkversie."))
    if assessment.framework_version == version.label:
        raise WorkflowError(_("Deze beoordeling gebruikt de huidige raamwerkversie al."))
    _bump_lock(assessment, expected_version)
    for answer in assessment.answers.prefetch_related("options"):
        gone = [o for o in answer.options.all() if o.retired]
        if gone:
            answer.options.remove(*gone)
    assessment.framework_version = version.label
    assessment.save(update_fields=["framework_version", "updated_at"])
    findings_rederive(assessment)
    return assessment

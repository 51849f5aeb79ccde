"""Writes to assessments, answers and findings. Each is one transaction.

Saves that come from a form carry the assessment's ``lock_version`` as the user saw it; if
someone else saved in between, ``AssessmentConflict`` is raised and nothing is written, so the
view can show both versions and keep what the user typed.
"""

import uuid
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from assessments.derive import findings_rederive
from assessments.models import (
    Answer,
    Assessment,
    AssessmentStatus,
    Finding,
    Platform,
    Verdict,
)
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
def assessment_start(*, platform: Platform, owner) -> Assessment:
    """A new concept for the platform, its answers pre-filled from the catalogue profile."""
    version = FrameworkVersion.objects.current()
    if version is None:
        raise WorkflowError(
            _("Er is nog geen raamwerk geladen; een beheerder moet dat eerst doen.")
        )
    previous = (
        Assessment.objects.select_for_update()
        .filter(platform=platform)
        .aggregate(m=Max("edition"))["m"]
    )
    assessment = Assessment(
        platform=platform,
        owner=owner,
        framework_version=version.label,
        edition=(previous or 0) + 1,
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
) -> Finding:
    _bump_lock(finding.assessment, expected_version)
    finding.verdict = verdict
    finding.motivation = motivation
    finding.own_title = own_title if verdict == Verdict.ADJUSTED else ""
    finding.own_text = own_text if verdict == Verdict.ADJUSTED else ""
    finding.action = action
    finding.action_owner = action_owner
    finding.priority = priority
    finding.evidence = evidence
    finding.flag_resolved = finding.no_longer_triggered
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
        evidence=evidence,
        order=order + 1000,
    )
    finding.full_clean()
    finding.save()
    return finding


@transaction.atomic
def finding_comment(*, finding: Finding, comment: str) -> Finding:
    finding.review_comment = comment
    finding.full_clean()
    finding.save(update_fields=["review_comment", "updated_at"])
    return finding


def open_findings(assessment: Assessment) -> int:
    return sum(1 for f in assessment.findings.all() if f.needs_decision)


@transaction.atomic
def assessment_submit_for_review(*, assessment: Assessment, reviewer) -> Assessment:
    if assessment.status != AssessmentStatus.CONCEPT:
        raise WorkflowError(_("Alleen een concept kan ter review worden aangeboden."))
    if reviewer.pk == assessment.owner_id or assessment.co_authors.filter(pk=reviewer.pk).exists():
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
    assessment.save(update_fields=["status", "reviewer", "updated_at"])
    return assessment


@transaction.atomic
def assessment_send_back(*, assessment: Assessment) -> Assessment:
    if assessment.status != AssessmentStatus.REVIEW:
        raise WorkflowError(_("Deze beoordeling is niet ter review."))
    _bump_lock(assessment, None)
    assessment.status = AssessmentStatus.CONCEPT
    assessment.save(update_fields=["status", "updated_at"])
    return assessment


@transaction.atomic
def assessment_publish(*, assessment: Assessment) -> Assessment:
    if assessment.status != AssessmentStatus.REVIEW:
        raise WorkflowError(_("Alleen een beoordeling die ter review is kan worden gepubliceerd."))
    _bump_lock(assessment, None)
    assessment.status = AssessmentStatus.PUBLISHED
    assessment.published_at = timezone.now()
    assessment.save(update_fields=["status", "published_at", "updated_at"])
    bump("public")
    return assessment


@transaction.atomic
def assessment_new_edition(*, assessment: Assessment, owner) -> Assessment:
    """A new concept that copies a published assessment: answers, findings and reviews."""
    if not assessment.is_published:
        raise WorkflowError(
            _("Alleen van een gepubliceerde beoordeling kan een nieuwe versie komen.")
        )
    latest = (
        Assessment.objects.select_for_update()
        .filter(platform=assessment.platform)
        .aggregate(m=Max("edition"))["m"]
    )
    version = FrameworkVersion.objects.current()
    copy = Assessment.objects.create(
        platform=assessment.platform,
        owner=owner,
        framework_version=version.label if version else assessment.framework_version,
        edition=latest + 1,
        previous=assessment,
        summary=assessment.summary,
    )
    for answer in assessment.answers.prefetch_related("options"):
        options = list(answer.options.all())
        answer.pk = None
        answer.assessment = copy
        answer.save()
        answer.options.set(options)
    findings = list(assessment.findings.all())
    for finding in findings:
        finding.pk = None
        finding.uuid = uuid.uuid4()
        finding.assessment = copy
        finding.review_comment = ""
    bulk_create_with_history(findings, Finding)
    findings_rederive(copy)
    return copy

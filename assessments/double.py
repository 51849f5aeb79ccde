"""Dubbele beoordeling: two analysts assess one platform independently, then settle a consensus.

The figures come from ``assessments.agreement`` (pure); this module holds the services and
who may do what:

- an onderzoeker or beheerder starts one and names two different analysts;
- each analyst answers in a concept of their own, which the other cannot see, and hands it
  in: the answers are copied onto the double assessment and the concept becomes read-only;
- once both have handed in, the two analysts, the one who started it and beheerders see the
  agreement and every difference side by side;
- one of the two analysts or a beheerder settles the consensus: per difference the chosen
  answer and a motivation. The consensus is a new concept assessment (both analysts
  co-authors) that follows the normal review workflow; the two originals stay, read-only.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments import services
from assessments.agreement import Agreement, QuestionPair, agreement, by_characteristic
from assessments.models import (
    Answer,
    Assessment,
    AssessmentStatus,
    ConsensusChoice,
    DoubleAssessment,
    Platform,
)
from framework.models import Question
from inclusief.roles import ANALIST, BEHEERDER, ONDERZOEKER, has_role

User = AbstractBaseUser | AnonymousUser


def can_start_double(user: User) -> bool:
    return has_role(user, ONDERZOEKER) or has_role(user, BEHEERDER)


def is_double_analyst(user: User, double: DoubleAssessment) -> bool:
    return user.is_authenticated and user.pk in (double.first.owner_id, double.second.owner_id)


def can_see_double(user: User, double: DoubleAssessment) -> bool:
    return user.is_authenticated and (
        is_double_analyst(user, double)
        or double.started_by_id == user.pk
        or has_role(user, BEHEERDER)
    )


def can_settle(user: User, double: DoubleAssessment) -> bool:
    return (
        double.both_done
        and double.consensus_id is None
        and (is_double_analyst(user, double) or has_role(user, BEHEERDER))
    )


def _answers_of(assessment: Assessment) -> dict[str, list[str]]:
    """Question code -> chosen option codes (empty: onbekend or not answered)."""
    answers: dict[str, list[str]] = {}
    for answer in Answer.objects.filter(assessment=assessment).prefetch_related(
        "options", "question"
    ):
        codes = [] if answer.unknown else sorted(o.code for o in answer.options.all())
        answers[answer.question.code] = codes
    return answers


@transaction.atomic
def double_start(
    *,
    platform: Platform,
    first_analyst: AbstractBaseUser,
    second_analyst: AbstractBaseUser,
    started_by: AbstractBaseUser,
) -> DoubleAssessment:
    if not can_start_double(started_by):
        raise PermissionDenied
    if first_analyst.pk == second_analyst.pk:
        raise ValidationError(
            {"second_analyst": _("Kies twee verschillende analisten: zij werken onafhankelijk.")}
        )
    for field, analyst in (("first_analyst", first_analyst), ("second_analyst", second_analyst)):
        if not has_role(analyst, ANALIST):
            raise ValidationError({field: _("Deze gebruiker is geen analist.")})
    # One after the other in this transaction: each takes the next edition number.
    first = services.assessment_start(platform=platform, owner=first_analyst)
    second = services.assessment_start(platform=platform, owner=second_analyst)
    return DoubleAssessment.objects.create(
        platform=platform, started_by=started_by, first=first, second=second
    )


@transaction.atomic
def double_hand_in(*, double: DoubleAssessment, user: AbstractBaseUser) -> DoubleAssessment:
    """The analyst's answers are final: copied onto the double assessment, the part locked."""
    double = (
        DoubleAssessment.objects.select_for_update()
        .select_related("first", "second")
        .get(pk=double.pk)
    )
    if user.pk == double.first.owner_id and double.first_done_at is None:
        part, prefix = double.first, "first"
    elif user.pk == double.second.owner_id and double.second_done_at is None:
        part, prefix = double.second, "second"
    else:
        raise PermissionDenied
    answered = Answer.objects.filter(assessment=part).count()
    if answered == 0:
        raise ValidationError(_("Beantwoord eerst de vragen; er is nog niets om in te leveren."))
    setattr(double, f"{prefix}_answers", _answers_of(part))
    setattr(double, f"{prefix}_done_at", timezone.now())
    double.save()
    # Handed in: no longer a concept, and without a reviewer nobody can publish it. It stays
    # as the record of what this analyst found on their own.
    part.status = AssessmentStatus.REVIEW
    part.save(update_fields=["status", "updated_at"])
    return double


@dataclass
class DoubleResult:
    pairs: list[QuestionPair]
    overall: Agreement
    per_characteristic: dict[str, Agreement]
    questions: dict[str, Question]

    @property
    def differences(self) -> list[QuestionPair]:
        return [p for p in self.pairs if not p.agrees]


def double_result(double: DoubleAssessment) -> DoubleResult:
    questions = list(Question.objects.select_related("characteristic").prefetch_related("options"))
    pairs = [
        QuestionPair(
            q.code,
            q.characteristic.text("name"),
            q.kind,
            frozenset(double.first_answers.get(q.code, [])),
            frozenset(double.second_answers.get(q.code, [])),
        )
        for q in questions
    ]
    return DoubleResult(
        pairs, agreement(pairs), by_characteristic(pairs), {q.code: q for q in questions}
    )


@transaction.atomic
def double_settle(
    *,
    double: DoubleAssessment,
    user: AbstractBaseUser,
    decisions: Mapping[str, tuple[str, str]],
) -> Assessment:
    """``decisions``: question code -> (``"first"``/``"second"``, motivation), one per
    difference. Agreed answers are taken over as they are."""
    double = (
        DoubleAssessment.objects.select_for_update()
        .select_related("first", "second")
        .get(pk=double.pk)
    )
    if not can_settle(user, double):
        raise PermissionDenied
    result = double_result(double)
    missing = [p.question for p in result.differences if p.question not in decisions]
    if missing:
        raise ValidationError(
            _("Kies bij elk verschil een antwoord en geef een motivering (%(n)s open).")
            % {"n": len(missing)}
        )
    consensus = services.assessment_start(platform=double.platform, owner=user)
    for analyst in (double.first.owner, double.second.owner):
        if analyst.pk != user.pk:
            consensus.co_authors.add(analyst)
    inputs = []
    for pair in result.pairs:
        question = result.questions[pair.question]
        if pair.agrees:
            chosen = pair.first
        else:
            source, motivation = decisions[pair.question]
            chosen = pair.first if source == ConsensusChoice.Source.FIRST else pair.second
            ConsensusChoice.objects.create(
                double=double,
                question=question,
                source=source,
                motivation=motivation,
                decided_by=user,
            )
        option_ids = [o.pk for o in question.options.all() if o.code in chosen]
        inputs.append(
            services.AnswerInput(question=question, option_ids=option_ids, unknown=not option_ids)
        )
    services.answers_save(assessment=consensus, inputs=inputs, expected_version=None)
    double.consensus = consensus
    double.save(update_fields=["consensus"])
    return consensus


def double_for_consensus(assessment: Assessment) -> DoubleAssessment | None:
    return (
        DoubleAssessment.objects.filter(consensus=assessment)
        .select_related("first__owner", "second__owner")
        .first()
    )


@dataclass(frozen=True)
class QuestionAgreementRow:
    """One question across all finished double assessments, for the research export."""

    question: str
    text: str
    characteristic: str
    kind: str
    doubles: int
    agreed: int
    mean_jaccard: float | None

    @property
    def percentage(self) -> float | None:
        return round(100 * self.agreed / self.doubles, 1) if self.doubles else None


DOUBLES_BATCH = 200


def agreement_per_question() -> list[QuestionAgreementRow]:
    """How often analysts agree on each question, over every double assessment handed in by
    both: the weak questions of the framework show up with a low percentage.

    The double assessments are read in batches and only tallied (agreed, summed overlap), so
    memory does not grow with their number; the rows are one per question."""
    questions = list(Question.objects.select_related("characteristic"))
    finished = DoubleAssessment.objects.filter(
        first_done_at__isnull=False, second_done_at__isnull=False
    ).only("first_answers", "second_answers")
    doubles = 0
    agreed: Counter[str] = Counter()
    overlap: dict[str, float] = defaultdict(float)
    for double in finished.iterator(chunk_size=DOUBLES_BATCH):
        doubles += 1
        for question in questions:
            pair = QuestionPair(
                question.code,
                "",
                question.kind,
                frozenset(double.first_answers.get(question.code, [])),
                frozenset(double.second_answers.get(question.code, [])),
            )
            agreed[question.code] += pair.agrees
            if question.kind == "multiple":
                overlap[question.code] += pair.jaccard
    return [
        QuestionAgreementRow(
            question=question.code,
            text=question.text("text"),
            characteristic=question.characteristic.text("name"),
            kind=question.kind,
            doubles=doubles,
            agreed=agreed[question.code],
            mean_jaccard=(
                round(overlap[question.code] / doubles, 3)
                if question.kind == "multiple" and doubles
                else None
            ),
        )
        for question in questions
    ]


@dataclass
class Reliability:
    """The appendix "Betrouwbaarheid" of a consensus assessment's report."""

    double: DoubleAssessment
    result: DoubleResult
    choices: list[tuple[str, ConsensusChoice]]


def reliability_for(assessment: Assessment) -> Reliability | None:
    double = double_for_consensus(assessment)
    if double is None:
        return None
    return Reliability(
        double,
        double_result(double),
        [
            (c.question.text("text"), c)
            for c in double.choices.select_related("question__characteristic")
        ],
    )

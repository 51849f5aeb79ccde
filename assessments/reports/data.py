"""What a report shows, as plain data for the templates: no HTML, no PDF."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict

from django.contrib.auth.models import AbstractBaseUser

from assessments.derive import attach_explanations
from assessments.double import Reliability, reliability_for
from assessments.matrix import Matrix, assessment_matrix
from assessments.models import Answer, Assessment, AssessmentQuerySet, Finding
from assessments.questionnaire import QuestionnaireState
from assessments.scenarios import Advice, published_advice
from framework.models import (
    Characteristic,
    Criterion,
    FrameworkVersion,
    Option,
    Question,
    StatementKind,
    localized,
)
from framework.versions import stored_version
from inclusief.people import public_name


@dataclass
class AnswerLine:
    question: Question
    answer: Answer

    @property
    def is_unknown(self) -> bool:
        return self.answer.unknown or not self.answer.options.all()

    @property
    def options(self) -> list[Option]:
        return [] if self.is_unknown else list(self.answer.options.all())

    @property
    def has_source(self) -> bool:
        return bool(self.answer.source_url or self.answer.source_reference)


@dataclass
class ProfileSection:
    characteristic: Characteristic
    lines: list[AnswerLine]


@dataclass
class FindingSource:
    """An answer that led to a finding, with where the analyst found it."""

    question: str
    option: str
    answer: Answer


@dataclass
class FindingEntry:
    finding: Finding
    sources: list[FindingSource]


@dataclass
class CriterionSection:
    criterion: Criterion
    opportunities: list[FindingEntry] = field(default_factory=list)
    challenges: list[FindingEntry] = field(default_factory=list)


@dataclass
class AssessmentReport:
    assessment: Assessment
    matrix: Matrix
    sections: list[CriterionSection]
    profile: list[ProfileSection]
    unknown_count: int
    answered_count: int
    authors: list[str]
    # Approved wat-als scenarios: "Advies aan het platform".
    advice: list[Advice] = field(default_factory=list)
    # For the consensus of a double assessment: the appendix "Betrouwbaarheid".
    reliability: Reliability | None = None

    @property
    def anchor(self) -> str:
        """The prefix of this report's element ids, unique within a catalogue report."""
        return f"a{self.assessment.pk}"


@dataclass(frozen=True)
class StatementNote:
    """The general text of a kans or uitdaging from the framework, as its findings copied it.

    A catalogue report prints it once, in its appendix, instead of under every finding of every
    assessment: the same explanation 73 times made up a third of such a report.
    """

    code: str
    kind: str
    title_nl: str
    title_en: str
    explanation_nl: str
    explanation_en: str
    source: str

    @property
    def is_challenge(self) -> bool:
        return self.kind == StatementKind.CHALLENGE

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def explanation(self) -> str:
        return localized(self, "explanation")


@dataclass
class CriterionNotes:
    criterion: Criterion
    notes: list[StatementNote]


def statement_notes(
    reports: list[AssessmentReport], criteria: list[Criterion]
) -> list[CriterionNotes]:
    """Each kans and uitdaging that a catalogue report shows, once, per criterion in the
    framework's order: opportunities before challenges, then by title. A statement whose texts
    differ between framework versions appears once per wording."""
    by_criterion: dict[str, set[StatementNote]] = {c.code: set() for c in criteria}
    for report in reports:
        for section in report.sections:
            for entry in (*section.opportunities, *section.challenges):
                finding = entry.finding
                if finding.statement is None:
                    continue
                note = StatementNote(
                    code=finding.statement.code,
                    kind=finding.kind,
                    title_nl=finding.title_nl,
                    title_en=finding.title_en,
                    explanation_nl=finding.explanation_nl,
                    explanation_en=finding.explanation_en,
                    source=finding.statement.source,
                )
                by_criterion.setdefault(section.criterion.code, set()).add(note)
    return [
        CriterionNotes(
            criterion=criterion,
            notes=sorted(
                by_criterion[criterion.code],
                key=lambda n: (n.is_challenge, n.title.casefold(), n.code),
            ),
        )
        for criterion in criteria
        if by_criterion.get(criterion.code)
    ]


class FrameworkContext(TypedDict):
    """The framework data every report template gets."""

    framework_version: FrameworkVersion | None
    criteria: list[Criterion]
    characteristics: list[Characteristic]


def user_name(user: AbstractBaseUser | None) -> str:
    # Reports are public documents: the chosen display name or initials, never the login.
    return public_name(user) if user is not None else ""


def assessment_report(
    assessment: Assessment, criteria: list[Criterion] | None = None, *, explain: bool = True
) -> AssessmentReport:
    """Everything one report shows. Only answered, currently asked questions appear.

    ``explain=False`` leaves out why each finding was derived (``Finding.why``), which a
    catalogue report does not print.
    """
    criteria = criteria if criteria is not None else list(Criterion.objects.all())
    matrix = assessment_matrix(assessment, criteria)
    if explain:
        attach_explanations(
            assessment, [f for row in matrix.rows for f in (*row.opportunities, *row.challenges)]
        )
    state = QuestionnaireState.load(assessment)
    profile = []
    answer_by_option: dict[str, tuple[Question, Option, Answer]] = {}
    for characteristic in state.steps:
        lines = []
        for question in state.visible_questions(characteristic):
            answer = state.answers.get(question.pk)
            if answer is None or not (answer.unknown or answer.options.all()):
                continue  # never answered: left out, not shown as unknown
            line = AnswerLine(question=question, answer=answer)
            lines.append(line)
            for option in line.options:
                answer_by_option[option.code] = (question, option, answer)
        if lines:
            profile.append(ProfileSection(characteristic=characteristic, lines=lines))

    def entry(finding: Finding) -> FindingEntry:
        sources = []
        for code in finding.triggered_by or []:
            if code in answer_by_option:
                question, option, answer = answer_by_option[code]
                sources.append(FindingSource(question.label, option.label, answer))
        return FindingEntry(finding=finding, sources=sources)

    sections = [
        CriterionSection(
            criterion=row.criterion,
            opportunities=[entry(f) for f in row.opportunities],
            challenges=[entry(f) for f in row.challenges],
        )
        for row in matrix.rows
    ]
    lines = [line for section in profile for line in section.lines]
    authors = [user_name(assessment.owner)] + [
        user_name(u)
        for u in assessment.co_authors.select_related("profile").order_by("last_name", "username")
    ]
    return AssessmentReport(
        assessment=assessment,
        matrix=matrix,
        sections=sections,
        profile=profile,
        unknown_count=sum(1 for line in lines if line.is_unknown),
        answered_count=len(lines),
        authors=authors,
        advice=published_advice(assessment),
        reliability=reliability_for(assessment),
    )


def framework_context(label: str | None = None) -> FrameworkContext:
    """The framework a report describes: the current one, or the version ``label`` as it was
    loaded (its items and texts), so that a later load never changes a published report."""
    stored = stored_version(label) if label else None
    if stored is None:
        return {
            "framework_version": FrameworkVersion.objects.current(),
            "criteria": list(Criterion.objects.all()),
            "characteristics": list(Characteristic.objects.order_by("order", "code")),
        }
    criteria = list(Criterion.all_versions.filter(code__in=stored.codes("criterion")))
    characteristics = list(
        Characteristic.all_versions.filter(code__in=stored.codes("characteristic")).order_by(
            "order", "code"
        )
    )
    stored.show_texts("criterion", criteria)
    stored.show_texts("characteristic", characteristics)
    return {
        "framework_version": FrameworkVersion.objects.filter(label=label).first(),
        "criteria": criteria,
        "characteristics": characteristics,
    }


def report_queryset() -> AssessmentQuerySet:
    return Assessment.objects.select_related(
        "platform", "owner__profile", "reviewer__profile"
    ).prefetch_related("platform__segments", "platform__work_types")


def catalogue_assessments(uuids: list[str] | None = None) -> list[Assessment]:
    """The assessments of a catalogue report in platform order: given ones, or all published."""
    queryset = report_queryset().order_by("platform__name", "-edition")
    if uuids is None:
        return list(queryset.published())
    return list(queryset.filter(uuid__in=uuids))

"""Move assessments between installations as JSON (schema ``inclusief.assessments``).

The schema is documented in ``docs/export-schema.md``. An export names everything by its
stable code (platform slug, question and option codes, statement and criterion codes,
usernames), never by database id, so it loads into another installation that has the same
framework and catalogue.

Importing is all or nothing: the whole file is checked first, against the schema and against
this installation's framework, catalogue and assessments, and only then written, in one
transaction. A malformed file raises ``ExchangeError`` whose message names the bad entry, e.g.
``assessments[2] (platform 'fiverr') › answers[4]: unknown option code 'x' for question 'y'``.
"""

from __future__ import annotations

import datetime
import json
import uuid as uuid_module
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from assessments.derive import findings_rederive
from assessments.models import (
    Answer,
    Assessment,
    AssessmentStatus,
    Finding,
    Platform,
    Priority,
    Verdict,
)
from assessments.questionnaire_forms import MAX_TEXT
from framework.models import (
    Criterion,
    FrameworkVersion,
    Option,
    Question,
    QuestionKind,
    Statement,
    StatementKind,
)

SCHEMA_NAME = "inclusief.assessments"
SCHEMA_VERSION = 1
SUPPORTED_SCHEMA_VERSIONS = frozenset({1})
# A valid file nests six levels deep (document › assessments › entry › answers › answer ›
# options); anything much deeper is not an export, and Python's parser would recurse on it.
MAX_DEPTH = 12


class ExchangeError(ValueError):
    """The file cannot be imported; the message names the bad entry. Nothing was written."""


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    derived: list[str] = field(default_factory=list)
    # (assessment uuid, username in the file, username used here)
    owners_substituted: list[tuple[str, str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return len(self.created) + len(self.replaced)


# --- Export ----------------------------------------------------------------------------------


def _datetime_out(value: datetime.datetime | None) -> str | None:
    return value.astimezone(datetime.UTC).isoformat() if value else None


def _answer_as_dict(answer: Answer) -> dict[str, Any]:
    return {
        "question": answer.question.code,
        "options": [option.code for option in answer.options.all()],
        "unknown": answer.unknown,
        "note": answer.note,
        "source_url": answer.source_url,
        "source_reference": answer.source_reference,
        "consulted_on": answer.consulted_on.isoformat() if answer.consulted_on else None,
        "prefilled": answer.prefilled,
    }


def _finding_as_dict(finding: Finding) -> dict[str, Any]:
    return {
        "uuid": str(finding.uuid),
        "statement": finding.statement.code if finding.statement else None,
        "criterion": finding.criterion.code,
        "kind": finding.kind,
        "order": finding.order,
        "title": finding.title_nl,
        "title_en": finding.title_en,
        "explanation": finding.explanation_nl,
        "explanation_en": finding.explanation_en,
        "suggested_action": finding.suggested_action_nl,
        "suggested_action_en": finding.suggested_action_en,
        "triggered_by": list(finding.triggered_by),
        "no_longer_triggered": finding.no_longer_triggered,
        "flag_resolved": finding.flag_resolved,
        "verdict": finding.verdict,
        "own_title": finding.own_title,
        "own_text": finding.own_text,
        "motivation": finding.motivation,
        "action": finding.action,
        "action_owner": finding.action_owner,
        "priority": finding.priority,
        "evidence": finding.evidence,
        "review_comment": finding.review_comment,
    }


def _assessment_as_dict(assessment: Assessment) -> dict[str, Any]:
    return {
        "uuid": str(assessment.uuid),
        "platform": {"slug": assessment.platform.slug, "name": assessment.platform.name},
        "framework_version": assessment.framework_version,
        "edition": assessment.edition,
        "previous": str(assessment.previous.uuid) if assessment.previous else None,
        "status": assessment.status,
        "owner": assessment.owner.get_username(),
        "co_authors": sorted(user.get_username() for user in assessment.co_authors.all()),
        "reviewer": assessment.reviewer.get_username() if assessment.reviewer else None,
        "created_at": _datetime_out(assessment.created_at),
        "published_at": _datetime_out(assessment.published_at),
        "summary": assessment.summary,
        "answers": [_answer_as_dict(answer) for answer in assessment.answers.all()],
        "findings": [_finding_as_dict(finding) for finding in assessment.findings.all()],
    }


def export_assessments(queryset: QuerySet[Assessment]) -> dict[str, Any]:
    """The assessments in ``queryset`` as a document of the current schema version."""
    assessments = (
        queryset.select_related("platform", "owner", "reviewer", "previous")
        .prefetch_related(
            "co_authors",
            Prefetch(
                "answers",
                Answer.objects.select_related("question")
                .prefetch_related(
                    # Retired options too: an answer keeps what it chose under its version.
                    Prefetch("options", Option.all_versions.order_by("order", "code"))
                )
                .order_by("question__characteristic__order", "question__order", "question__code"),
            ),
            # The model's ordering ends in pk; the importer writes findings in file order,
            # so a re-export lists them in the same order.
            Prefetch("findings", Finding.objects.select_related("statement", "criterion")),
        )
        .order_by("platform__slug", "edition")
    )
    return {
        "schema": SCHEMA_NAME,
        "schema_version": SCHEMA_VERSION,
        "exported_at": _datetime_out(timezone.now()),
        "assessments": [_assessment_as_dict(assessment) for assessment in assessments],
    }


# --- Import: reading and checking ------------------------------------------------------------

ASSESSMENT_KEYS = {
    "uuid",
    "platform",
    "framework_version",
    "edition",
    "previous",
    "status",
    "owner",
    "co_authors",
    "reviewer",
    "created_at",
    "published_at",
    "summary",
    "answers",
    "findings",
}
ANSWER_KEYS = {
    "question",
    "options",
    "unknown",
    "note",
    "source_url",
    "source_reference",
    "consulted_on",
    "prefilled",
}
FINDING_KEYS = {
    "uuid",
    "statement",
    "criterion",
    "kind",
    "order",
    "title",
    "title_en",
    "explanation",
    "explanation_en",
    "suggested_action",
    "suggested_action_en",
    "triggered_by",
    "no_longer_triggered",
    "flag_resolved",
    "verdict",
    "own_title",
    "own_text",
    "motivation",
    "action",
    "action_owner",
    "priority",
    "evidence",
    "review_comment",
}
# Finding text fields: file key -> model field.
FINDING_TEXT = {
    "title": "title_nl",
    "title_en": "title_en",
    "explanation": "explanation_nl",
    "explanation_en": "explanation_en",
    "suggested_action": "suggested_action_nl",
    "suggested_action_en": "suggested_action_en",
    "own_title": "own_title",
    "own_text": "own_text",
    "motivation": "motivation",
    "action": "action",
    "action_owner": "action_owner",
    "evidence": "evidence",
    "review_comment": "review_comment",
}
ANSWER_TEXT = ("note", "source_url", "source_reference")

_url = URLValidator()


def read_document(text: str) -> Any:
    """Parse an export file, refusing what the checks below cannot see safely.

    Invalid JSON raises ``json.JSONDecodeError``. 200,000 nested brackets made ``json.loads``
    raise RecursionError; a NUL character in any text makes PostgreSQL refuse the query it
    ends up in. Both are named here, not left to a traceback.
    """
    try:
        data = json.loads(text)
    except RecursionError:
        raise ExchangeError(
            f"The file nests lists or objects deeper than {MAX_DEPTH} levels."
        ) from None
    check_structure(data)
    return data


def check_structure(data: Any) -> None:
    """Refuse nesting deeper than ``MAX_DEPTH`` and NUL characters anywhere, naming where."""
    stack: list[tuple[Any, str, int]] = [(data, "top level", 1)]
    while stack:
        value, where, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ExchangeError(
                f"{where}: the file nests lists or objects deeper than {MAX_DEPTH} levels."
            )
        if isinstance(value, dict):
            for key, item in value.items():
                if "\x00" in key:
                    raise ExchangeError(f"{where}: a field name contains a NUL character.")
                stack.append((item, f"{where} › {key}", depth + 1))
        elif isinstance(value, list):
            stack.extend((item, f"{where}[{i}]", depth + 1) for i, item in enumerate(value))
        elif isinstance(value, str) and "\x00" in value:
            raise ExchangeError(f"{where}: the text contains a NUL character (\\u0000).")


def _fail(where: str, message: str) -> None:
    raise ExchangeError(f"{where}: {message}")


def _mapping(value: Any, where: str, allowed: set[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        _fail(where, f"must be an object, got {_type(value)}.")
    unknown = sorted(set(value) - allowed)
    if unknown:
        _fail(where, f"unknown field {unknown[0]!r}.")
    return value


def _type(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false"}.get(
        type(value), "null" if value is None else type(value).__name__
    )


def _text(entry: dict, key: str, where: str, *, required: bool = False) -> str:
    value = entry.get(key)
    if value is None:
        if required:
            _fail(where, f"'{key}' is missing.")
        return ""
    if not isinstance(value, str):
        _fail(where, f"'{key}' must be text, got {_type(value)}.")
    if required and not value.strip():
        _fail(where, f"'{key}' is empty.")
    # The forms' limit for free text; shorter model limits are checked by full_clean.
    if len(value) > MAX_TEXT:
        _fail(where, f"'{key}' has {len(value)} characters; at most {MAX_TEXT} are allowed.")
    return value


def _bool(entry: dict, key: str, where: str) -> bool:
    value = entry.get(key, False)
    if not isinstance(value, bool):
        _fail(where, f"'{key}' must be true or false, got {value!r}.")
    return value


def _list(entry: dict, key: str, where: str) -> list:
    value = entry.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        _fail(where, f"'{key}' must be a list, got {_type(value)}.")
    return value


def _codes(entry: dict, key: str, where: str) -> list[str]:
    values = _list(entry, key, where)
    for value in values:
        if not isinstance(value, str):
            _fail(where, f"'{key}' must be a list of codes (text), got {value!r}.")
    return values


def _choice(entry: dict, key: str, where: str, choices: list[str], default: str) -> str:
    value = entry.get(key, default)
    if value not in choices:
        allowed = ", ".join(repr(c) for c in choices)
        _fail(where, f"'{key}' must be one of {allowed}, got {value!r}.")
    return value


def _uuid(entry: dict, key: str, where: str, *, required: bool) -> uuid_module.UUID | None:
    value = entry.get(key)
    if value is None:
        if required:
            _fail(where, f"'{key}' is missing.")
        return None
    try:
        return uuid_module.UUID(value)
    except (TypeError, ValueError, AttributeError):
        _fail(where, f"'{key}' is not a UUID: {value!r}.")


def _datetime(entry: dict, key: str, where: str) -> datetime.datetime | None:
    value = entry.get(key)
    if value is None:
        return None
    parsed = None
    if isinstance(value, str):
        try:
            parsed = parse_datetime(value)
        except ValueError:
            parsed = None
    if parsed is None:
        _fail(where, f"'{key}' must be an ISO 8601 date and time, got {value!r}.")
    parsed = parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)
    if parsed > timezone.now():
        _fail(where, f"'{key}' lies in the future: {value}.")
    return parsed


def _date(entry: dict, key: str, where: str) -> datetime.date | None:
    value = entry.get(key)
    if value is None:
        return None
    parsed = None
    if isinstance(value, str):
        try:
            parsed = parse_date(value)
        except ValueError:
            parsed = None
    if parsed is None:
        _fail(where, f"'{key}' must be an ISO date (YYYY-MM-DD) or null, got {value!r}.")
    if parsed > timezone.localdate():
        _fail(where, f"'{key}' lies in the future: {value}.")
    return parsed


def _full_clean(instance: Any, where: str, exclude: list[str]) -> None:
    """The model's own checks (lengths, choices, URLs) as a last line, naming the field."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        name, messages = next(iter(exc.message_dict.items()))
        _fail(where, f"'{name}': {' '.join(messages)}")


@dataclass
class _AnswerPlan:
    answer: Answer
    options: list[Option]


@dataclass
class _AssessmentPlan:
    where: str
    assessment: Assessment
    existing: Assessment | None
    created_at: datetime.datetime | None
    co_authors: list
    previous: uuid_module.UUID | None
    answers: list[_AnswerPlan]
    findings: list[Finding]

    @property
    def derive(self) -> bool:
        return not self.findings and bool(self.answers)


class _Reader:
    """Checks a document against the schema and this installation, entry by entry."""

    def __init__(self, *, owner_fallback: Any, replace: bool, report: ImportReport) -> None:
        self.owner_fallback = owner_fallback
        self.replace = replace
        self.report = report
        # Every version's items: an assessment made with an earlier version imports as it was.
        self.questions = {q.code: q for q in Question.all_versions.all()}
        self.options = {o.code: o for o in Option.all_versions.select_related("question")}
        self.statements = {s.code: s for s in Statement.all_versions.all()}
        self.criteria = {c.code: c for c in Criterion.all_versions.all()}
        self.framework_versions = set(FrameworkVersion.objects.values_list("label", flat=True))
        self.users: dict[str, Any] = {}
        self.seen_assessments: dict[uuid_module.UUID, str] = {}
        self.seen_editions: dict[tuple[int, int], str] = {}
        self.seen_findings: dict[uuid_module.UUID, str] = {}

    def user(self, username: str) -> Any:
        if username not in self.users:
            model = get_user_model()
            self.users[username] = model.objects.filter(**{model.USERNAME_FIELD: username}).first()
        return self.users[username]

    def platform(self, entry: dict, where: str) -> Platform:
        value = _mapping(entry.get("platform"), f"{where} › platform", {"slug", "name"})
        slug = _text(value, "slug", f"{where} › platform")
        name = _text(value, "name", f"{where} › platform")
        if not slug and not name:
            _fail(f"{where} › platform", "give a 'slug' or a 'name'.")
        found = Platform.objects.filter(slug=slug).first() if slug else None
        if found is None and name:
            found = Platform.objects.filter(name__iexact=name).first()
        if found is None:
            _fail(where, f"unknown platform {slug or name!r}; add it to the catalogue first.")
        return found

    def document(self, data: Any) -> list[_AssessmentPlan]:
        check_structure(data)
        if not isinstance(data, dict):
            raise ExchangeError(f"The file must hold a JSON object, got {_type(data)}.")
        if data.get("schema") != SCHEMA_NAME:
            raise ExchangeError(
                f"This is not an assessments export: 'schema' must be {SCHEMA_NAME!r}, "
                f"got {data.get('schema')!r}."
            )
        version = data.get("schema_version")
        # bool is an int in Python, and a list is not hashable: check the type first.
        if type(version) is not int or version not in SUPPORTED_SCHEMA_VERSIONS:
            supported = ", ".join(str(v) for v in sorted(SUPPORTED_SCHEMA_VERSIONS))
            raise ExchangeError(
                f"Unsupported schema_version {version!r}; this installation reads {supported}."
            )
        _mapping(data, "top level", {"schema", "schema_version", "exported_at", "assessments"})
        if not isinstance(data.get("assessments"), list):
            raise ExchangeError("top level: 'assessments' must be a list.")
        return [self.assessment(i, entry) for i, entry in enumerate(data["assessments"])]

    def assessment(self, index: int, entry: Any) -> _AssessmentPlan:
        where = f"assessments[{index}]"
        if isinstance(entry, dict) and isinstance(entry.get("platform"), dict):
            label = entry["platform"].get("slug") or entry["platform"].get("name")
            if isinstance(label, str) and label:
                where += f" (platform {label!r})"
        entry = _mapping(entry, where, ASSESSMENT_KEYS)
        uuid = _uuid(entry, "uuid", where, required=True)
        if uuid in self.seen_assessments:
            _fail(where, f"uuid {uuid} is also used by {self.seen_assessments[uuid]}.")
        self.seen_assessments[uuid] = where
        platform = self.platform(entry, where)

        existing = Assessment.objects.filter(uuid=uuid).first()
        if existing is not None:
            if not self.replace:
                _fail(
                    where,
                    f"an assessment with uuid {uuid} already exists here ({existing}); "
                    "use --replace to overwrite it.",
                )
            if existing.is_published:
                _fail(
                    where,
                    f"the assessment with uuid {uuid} is published here and is never "
                    "overwritten; start a new edition instead.",
                )

        framework_version = _text(entry, "framework_version", where, required=True)
        if framework_version not in self.framework_versions:
            self.report.warnings.append(
                f"{where}: framework version {framework_version!r} is not loaded here; "
                "its codes were checked against the framework that is."
            )
        edition = entry.get("edition")
        if not isinstance(edition, int) or isinstance(edition, bool) or edition < 1:
            _fail(where, f"'edition' must be a whole number from 1, got {edition!r}.")
        key = (platform.pk, edition)
        if key in self.seen_editions:
            _fail(
                where,
                f"edition {edition} of {platform.slug!r} is also in {self.seen_editions[key]}.",
            )
        self.seen_editions[key] = where
        taken = Assessment.objects.filter(platform=platform, edition=edition).exclude(uuid=uuid)
        if taken.exists():
            _fail(
                where,
                f"edition {edition} of platform {platform.slug!r} already exists here "
                f"(assessment {taken.first().uuid}).",
            )

        status = _choice(entry, "status", where, AssessmentStatus.values, "")
        published_at = _datetime(entry, "published_at", where)
        if status == AssessmentStatus.PUBLISHED and published_at is None:
            _fail(where, "a published assessment needs 'published_at'.")

        owner_name = _text(entry, "owner", where, required=True)
        owner = self.user(owner_name)
        if owner is None:
            if self.owner_fallback is None:
                _fail(where, f"unknown user {owner_name!r} as owner; name a fallback owner.")
            owner = self.owner_fallback
            self.report.owners_substituted.append((str(uuid), owner_name, owner.get_username()))
        co_authors = []
        for name in _codes(entry, "co_authors", where):
            user = self.user(name)
            if user is None:
                self.report.warnings.append(f"{where}: co-author {name!r} is unknown here.")
            else:
                co_authors.append(user)
        reviewer_name = _text(entry, "reviewer", where)
        reviewer = self.user(reviewer_name) if reviewer_name else None
        if reviewer_name and reviewer is None:
            self.report.warnings.append(f"{where}: reviewer {reviewer_name!r} is unknown here.")
        if reviewer is not None and reviewer.pk in {owner.pk, *(u.pk for u in co_authors)}:
            # The same rule as assessment_submit: nobody reviews their own work.
            _fail(
                where,
                f"reviewer {reviewer_name!r} is also an author of this assessment; "
                "the reviewer must be someone else.",
            )

        assessment = existing or Assessment(uuid=uuid)
        assessment.platform = platform
        assessment.framework_version = framework_version
        assessment.edition = edition
        assessment.status = status
        assessment.owner = owner
        assessment.reviewer = reviewer
        assessment.published_at = published_at
        assessment.summary = _text(entry, "summary", where)
        _full_clean(assessment, where, ["uuid", "previous"])

        answers = [
            self.answer(f"{where} › answers[{i}]", item)
            for i, item in enumerate(_list(entry, "answers", where))
        ]
        seen_questions: dict[str, int] = {}
        for i, plan in enumerate(answers):
            code = plan.answer.question.code
            if code in seen_questions:
                _fail(
                    f"{where} › answers[{i}]",
                    f"question {code!r} is answered twice (also answers[{seen_questions[code]}]).",
                )
            seen_questions[code] = i

        findings = [
            self.finding(f"{where} › findings[{i}]", item, uuid)
            for i, item in enumerate(_list(entry, "findings", where))
        ]
        seen_statements: dict[str, int] = {}
        for i, finding in enumerate(findings):
            if finding.statement is None:
                continue
            code = finding.statement.code
            if code in seen_statements:
                _fail(
                    f"{where} › findings[{i}]",
                    f"statement {code!r} appears twice (also findings[{seen_statements[code]}]).",
                )
            seen_statements[code] = i

        return _AssessmentPlan(
            where=where,
            assessment=assessment,
            existing=existing,
            created_at=_datetime(entry, "created_at", where),
            co_authors=co_authors,
            previous=_uuid(entry, "previous", where, required=False),
            answers=answers,
            findings=findings,
        )

    def answer(self, where: str, entry: Any) -> _AnswerPlan:
        entry = _mapping(entry, where, ANSWER_KEYS)
        code = _text(entry, "question", where, required=True)
        question = self.questions.get(code)
        if question is None:
            _fail(where, f"unknown question {code!r}.")
        options = []
        for option_code in _codes(entry, "options", where):
            option = self.options.get(option_code)
            if option is None or option.question_id != question.pk:
                _fail(where, f"unknown option code {option_code!r} for question {code!r}.")
            if option in options:
                _fail(where, f"option {option_code!r} is given twice.")
            options.append(option)
        unknown = _bool(entry, "unknown", where)
        if unknown and options:
            _fail(where, "'unknown' is true but options are given; choose one of the two.")
        if question.kind == QuestionKind.SINGLE and len(options) > 1:
            _fail(
                where,
                f"question {code!r} takes one option, got {len(options)} "
                f"({', '.join(o.code for o in options)}).",
            )
        source_url = _text(entry, "source_url", where)
        if source_url:
            try:
                _url(source_url)
            except ValidationError:
                _fail(where, f"'source_url' is not a valid web address: {source_url!r}.")
        answer = Answer(
            question=question,
            unknown=unknown,
            note=_text(entry, "note", where),
            source_url=source_url,
            source_reference=_text(entry, "source_reference", where),
            consulted_on=_date(entry, "consulted_on", where),
            prefilled=_bool(entry, "prefilled", where),
        )
        _full_clean(answer, where, ["assessment", "question"])
        return _AnswerPlan(answer=answer, options=options)

    def finding(self, where: str, entry: Any, assessment_uuid: uuid_module.UUID) -> Finding:
        entry = _mapping(entry, where, FINDING_KEYS)
        if "statement" not in entry:
            _fail(where, "'statement' is missing (use null for the analyst's own finding).")
        statement = None
        if entry["statement"] is not None:
            code = _text(entry, "statement", where, required=True)
            statement = self.statements.get(code)
            if statement is None:
                _fail(where, f"unknown statement {code!r}.")
        criterion_code = _text(entry, "criterion", where, required=True)
        criterion = self.criteria.get(criterion_code)
        if criterion is None:
            _fail(where, f"unknown criterion {criterion_code!r}.")
        finding_uuid = _uuid(entry, "uuid", where, required=False) or uuid_module.uuid4()
        if finding_uuid in self.seen_findings:
            _fail(where, f"uuid {finding_uuid} is also used by {self.seen_findings[finding_uuid]}.")
        self.seen_findings[finding_uuid] = where
        owner = Finding.objects.filter(uuid=finding_uuid).values_list("assessment__uuid", flat=True)
        other = next(iter(owner), None)
        if other is not None and other != assessment_uuid:
            _fail(where, f"a finding with uuid {finding_uuid} already exists here.")
        order = entry.get("order", 0)
        if not isinstance(order, int) or isinstance(order, bool) or not 0 <= order <= 32767:
            _fail(where, f"'order' must be a whole number from 0 to 32767, got {order!r}.")
        finding = Finding(
            uuid=finding_uuid,
            statement=statement,
            criterion=criterion,
            kind=_choice(entry, "kind", where, StatementKind.values, ""),
            order=order,
            triggered_by=_codes(entry, "triggered_by", where),
            no_longer_triggered=_bool(entry, "no_longer_triggered", where),
            flag_resolved=_bool(entry, "flag_resolved", where),
            verdict=_choice(entry, "verdict", where, Verdict.values, Verdict.OPEN),
            priority=_choice(entry, "priority", where, ["", *Priority.values], ""),
            **{
                name: _text(entry, key, where, required=key == "title")
                for key, name in FINDING_TEXT.items()
            },
        )
        _full_clean(finding, where, ["uuid", "assessment", "statement", "criterion"])
        return finding


# --- Import: writing -------------------------------------------------------------------------


def _write(plan: _AssessmentPlan, report: ImportReport) -> Assessment:
    assessment = plan.assessment
    if plan.existing is not None:
        assessment.answers.all().delete()
        assessment.findings.all().delete()
    assessment.previous = None
    assessment.save()
    # created_at is auto_now_add; keep the date from the file.
    if plan.created_at is not None:
        Assessment.objects.filter(pk=assessment.pk).update(created_at=plan.created_at)
    assessment.co_authors.set(plan.co_authors)
    for item in plan.answers:
        item.answer.assessment = assessment
        item.answer.save()
        item.answer.options.set(item.options)
    # Written in file order, so the findings keep their order in a later export.
    for finding in plan.findings:
        finding.assessment = assessment
        finding.save()
    if plan.derive:
        findings_rederive(assessment)
        report.derived.append(str(assessment.uuid))
    (report.replaced if plan.existing else report.created).append(str(assessment.uuid))
    return assessment


def import_assessments(
    data: dict[str, Any], *, owner_fallback: Any = None, replace: bool = False
) -> ImportReport:
    """Check the whole document, then write it in one transaction.

    ``owner_fallback`` owns an assessment whose owner is unknown here (the original name is
    in the report); without it, an unknown owner is an error. With ``replace``, an assessment
    whose uuid exists here is rewritten (answers and findings replaced), unless it is
    published here.
    """
    report = ImportReport()
    with transaction.atomic():
        reader = _Reader(owner_fallback=owner_fallback, replace=replace, report=report)
        plans = reader.document(data)
        written: dict[uuid_module.UUID, Assessment] = {}
        try:
            for plan in plans:
                written[plan.assessment.uuid] = _write(plan, report)
            for plan in plans:
                if plan.previous is None:
                    continue
                previous = (
                    written.get(plan.previous)
                    or Assessment.objects.filter(uuid=plan.previous).first()
                )
                if previous is None:
                    report.warnings.append(
                        f"{plan.where}: previous edition {plan.previous} is not here; "
                        "the link is left empty."
                    )
                    continue
                Assessment.objects.filter(pk=plan.assessment.pk).update(previous=previous)
        except IntegrityError as exc:
            raise ExchangeError(f"The database refused the import: {exc}") from None
    return report

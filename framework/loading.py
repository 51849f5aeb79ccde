"""Load the framework from its source file and export it in the same shape.

The source (``fixtures/framework.yaml``) and the JSON export share one structure, so an export
loads back into an empty database as the same framework. Loading is idempotent: it compares
every field and writes only what differs, and it refuses a malformed source as a whole,
naming the bad entry, before anything is written.

Versions are append-only. Each loaded version keeps its whole source (``FrameworkVersion.
content``), so any stored version can be exported again and an assessment made with it can
show that version's texts. The rows hold the current version: a newer source adds rows and
changes texts in place, and an item it no longer has is marked ``retired``, never deleted,
because answers and findings of earlier assessments keep pointing at it.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from django.conf import settings
from django.db import models, transaction

from framework.conditions import ConditionError
from framework.models import (
    Characteristic,
    CharacteristicSection,
    Contradiction,
    Criterion,
    FrameworkVersion,
    Option,
    Question,
    QuestionKind,
    Rule,
    Segment,
    SkillLevel,
    Statement,
    StatementKind,
    TargetGroup,
    WorkMode,
    WorkType,
)
from framework.rules import validate_rules
from inclusief.caching import bump

DEFAULT_SOURCE = Path(settings.BASE_DIR) / "fixtures" / "framework.yaml"


class FrameworkSourceError(ValueError):
    """The source is malformed; the message names the entry."""


@dataclass
class LoadReport:
    version: str
    created: int = 0
    updated: int = 0
    retired: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def deleted(self) -> int:
        """Nothing is ever deleted; kept for callers that print it."""
        return 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.retired)


# (file key, model field) pairs per kind of entry; "name" in the file is the Dutch text.
_TEXT = lambda *names: [(n, f"{n}_nl") for n in names] + [(f"{n}_en", f"{n}_en") for n in names]  # noqa: E731

CRITERION_FIELDS = _TEXT("name", "question", "definition") + [("source", "source")]
STATEMENT_FIELDS = _TEXT("title", "explanation", "action") + [
    ("source", "source"),
    ("target_groups_source", "target_groups_source"),
]
# ``target_groups`` of a statement: this word, or a list of target group codes.
ALL_TARGET_GROUPS = "all"
CHARACTERISTIC_FIELDS = _TEXT("name", "description") + [("source", "source")]
QUESTION_FIELDS = _TEXT("text", "help", "more") + [("source", "source")]
OPTION_FIELDS = _TEXT("label")
WORK_TYPE_FIELDS = _TEXT("name") + [("note", "note")]
TARGET_GROUP_FIELDS = _TEXT("name", "description", "examples") + [("source", "source")]
SEGMENT_FIELDS = _TEXT("name")

REQUIRED = {
    "criterion": ["code", "name", "question", "definition", "source"],
    "statement": ["code", "kind", "title", "explanation", "source"],
    "characteristic": ["code", "name", "source"],
    "question": ["code", "kind", "text", "source", "options"],
    "option": ["code", "label"],
    "work_type": ["code", "name", "mode", "skill_level"],
    "target_group": ["code", "name", "source"],
    "segment": ["code", "name"],
}


def read_source(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise FrameworkSourceError(f"Cannot read {path}: {exc.strerror}") from None
    try:
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise FrameworkSourceError(
            f"{path} is not valid {path.suffix[1:].upper()}: {exc}"
        ) from None
    if not isinstance(data, dict):
        raise FrameworkSourceError(f"{path}: the top level must be a mapping with a 'version'.")
    return data


def _where(kind: str, index: int, entry: Any) -> str:
    code = entry.get("code") if isinstance(entry, dict) else None
    return f"{kind} #{index + 1}" + (f" (code {code!r})" if code else "")


def _require(kind: str, index: int, entry: Any) -> None:
    where = _where(kind, index, entry)
    if not isinstance(entry, dict):
        raise FrameworkSourceError(f"{where}: must be a mapping, got {type(entry).__name__}.")
    for key in REQUIRED[kind]:
        value = entry.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise FrameworkSourceError(f"{where}: '{key}' is missing or empty.")
    for key, value in entry.items():
        if key.endswith("_en") and value is not None and not isinstance(value, str):
            raise FrameworkSourceError(f"{where}: '{key}' must be text.")


def _list(data: dict, key: str, where: str) -> list:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise FrameworkSourceError(f"{where}: '{key}' must be a list.")
    return value


def validate(data: dict[str, Any]) -> None:
    """Check the whole source before anything is written."""
    if not isinstance(data.get("version"), str) or not data["version"].strip():
        raise FrameworkSourceError("The source needs a 'version' label (text).")
    seen: dict[str, set[str]] = {}

    def unique(kind: str, index: int, entry: dict) -> None:
        codes = seen.setdefault(kind, set())
        if entry["code"] in codes:
            raise FrameworkSourceError(f"{_where(kind, index, entry)}: code used twice.")
        codes.add(entry["code"])

    group_codes = {
        str(g["code"])
        for g in _list(data, "target_groups", "top level")
        if isinstance(g, dict) and g.get("code")
    }
    for ci, crit in enumerate(_list(data, "criteria", "top level")):
        _require("criterion", ci, crit)
        unique("criterion", ci, crit)
        for si, stmt in enumerate(_list(crit, "statements", _where("criterion", ci, crit))):
            _require("statement", si, stmt)
            unique("statement", si, stmt)
            where = f"{_where('criterion', ci, crit)} › {_where('statement', si, stmt)}"
            if stmt["kind"] not in StatementKind.values:
                raise FrameworkSourceError(
                    f"{where}: kind must be 'kans' or 'uitdaging', got {stmt['kind']!r}."
                )
            if stmt["kind"] == StatementKind.CHALLENGE and not stmt.get("action"):
                raise FrameworkSourceError(
                    f"{where}: an uitdaging needs an 'action' (wat moet er georganiseerd worden)."
                )
            _validate_target_groups(stmt, where, group_codes)
    statement_codes = seen.get("statement", set())

    option_codes: set[str] = set()
    for hi, char in enumerate(_list(data, "characteristics", "top level")):
        _require("characteristic", hi, char)
        unique("characteristic", hi, char)
        section = char.get("section", CharacteristicSection.CHARACTERISTIC)
        if section not in CharacteristicSection.values:
            raise FrameworkSourceError(
                f"{_where('characteristic', hi, char)}: unknown section {section!r}."
            )
        for qi, question in enumerate(_list(char, "questions", _where("characteristic", hi, char))):
            _require("question", qi, question)
            unique("question", qi, question)
            where = f"{_where('characteristic', hi, char)} › {_where('question', qi, question)}"
            if question["kind"] not in QuestionKind.values:
                raise FrameworkSourceError(
                    f"{where}: kind must be 'single' or 'multiple', got {question['kind']!r}."
                )
            for shown in _list(question, "shown_if", where):
                if shown not in option_codes:
                    raise FrameworkSourceError(
                        f"{where}: shown_if names {shown!r}, which is not an option of an "
                        "earlier question."
                    )
            for oi, option in enumerate(_list(question, "options", where)):
                _require("option", oi, option)
                unique("option", oi, option)
                owhere = f"{where} › {_where('option', oi, option)}"
                for code in _list(option, "triggers", owhere):
                    if code not in statement_codes:
                        raise FrameworkSourceError(
                            f"{owhere}: triggers unknown statement {code!r}."
                        )
                option_codes.add(option["code"])

    _validate_rules(data, option_codes)

    for wi, work_type in enumerate(_list(data, "work_types", "top level")):
        _require("work_type", wi, work_type)
        unique("work_type", wi, work_type)
        where = _where("work_type", wi, work_type)
        if work_type["mode"] not in WorkMode.values:
            raise FrameworkSourceError(f"{where}: mode must be 'fysiek' or 'online'.")
        if work_type["skill_level"] not in SkillLevel.values:
            raise FrameworkSourceError(
                f"{where}: skill_level must be 'lager', 'middelbaar' or 'hoger'."
            )
    for ti, group in enumerate(_list(data, "target_groups", "top level")):
        _require("target_group", ti, group)
        unique("target_group", ti, group)
    for si, segment in enumerate(_list(data, "segments", "top level")):
        _require("segment", si, segment)
        unique("segment", si, segment)


SCHEMA = "inclusief.framework"
# 1: options trigger statements; 2: adds the ``rules`` and ``contradictions`` sections.
SCHEMA_VERSIONS = (1, 2)


def _validate_rules(data: dict[str, Any], option_codes: set[str]) -> None:
    """The rules and contradictions (see ``framework.rules``), checked before any write."""
    version = data.get("schema_version", 1)
    if data.get("schema", SCHEMA) != SCHEMA or version not in SCHEMA_VERSIONS:
        raise FrameworkSourceError(
            f"Unsupported framework schema {data.get('schema')!r} version {version!r}; "
            f"this installation reads {SCHEMA!r} versions {SCHEMA_VERSIONS}."
        )
    statements = {
        stmt["code"]: bool(stmt.get("general", False))
        for crit in data.get("criteria", [])
        for stmt in crit.get("statements", [])
    }
    triggered = {
        code
        for char in data.get("characteristics", [])
        for question in char.get("questions", [])
        for option in question.get("options", [])
        for code in option.get("triggers", [])
    }
    try:
        validate_rules(data, statements, option_codes, triggered)
    except ConditionError as exc:
        raise FrameworkSourceError(str(exc)) from None


def _store_rules(version: FrameworkVersion, data: dict[str, Any]) -> None:
    """Write the rules of ``version`` when it has none yet (a version's rules never change:
    a changed source needs a new version label)."""
    if version.rules.exists() or version.contradictions.exists():
        return
    statements = {s.code: s for s in Statement.objects.all()}
    Rule.objects.bulk_create(
        Rule(
            framework_version=version,
            statement=statements[entry["statement"]],
            order=index,
            when=entry.get("when"),
            unless=entry.get("unless"),
            default=bool(entry.get("default", False)),
            source=entry["source"],
            note=entry.get("note") or "",
        )
        for index, entry in enumerate(data.get("rules", []))
    )
    Contradiction.objects.bulk_create(
        Contradiction(
            framework_version=version,
            order=index,
            statements=list(group["statements"] if isinstance(group, dict) else group),
            note=(group.get("note") or "") if isinstance(group, dict) else "",
        )
        for index, group in enumerate(data.get("contradictions", []))
    )


def _validate_target_groups(stmt: dict, where: str, group_codes: set[str]) -> None:
    """``target_groups`` is optional ("all"); a list names known groups and its source."""
    groups = stmt.get("target_groups", ALL_TARGET_GROUPS)
    if groups == ALL_TARGET_GROUPS:
        return
    if not isinstance(groups, list) or not groups:
        raise FrameworkSourceError(
            f"{where}: target_groups must be 'all' or a non-empty list of target group codes."
        )
    for code in groups:
        if code not in group_codes:
            raise FrameworkSourceError(f"{where}: target_groups names unknown group {code!r}.")
    if not str(stmt.get("target_groups_source") or "").strip():
        raise FrameworkSourceError(
            f"{where}: target_groups needs a 'target_groups_source' (the paper section)."
        )


def statement_target_group_codes(stmt: dict) -> list[str]:
    """The group codes a source entry names; empty for "all"."""
    groups = stmt.get("target_groups", ALL_TARGET_GROUPS)
    return [] if groups == ALL_TARGET_GROUPS else list(groups)


def content_hash(data: dict[str, Any]) -> str:
    payload = {k: v for k, v in data.items() if k != "version"}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


# One of the framework's coded models (Criterion, Statement, Question, Option, …).
Coded = TypeVar("Coded", bound=models.Model)


class _Upserter:
    def __init__(self, report: LoadReport) -> None:
        self.report = report

    def upsert(
        self,
        model: type[Coded],
        entry: dict,
        fields: list[tuple[str, str]],
        **extra: Any,
    ) -> Coded:
        values = {model_field: entry.get(key) or "" for key, model_field in fields}
        values.update(extra)
        values["retired"] = False  # back in the current version if an earlier one retired it
        # The default manager of every coded model is ``all_versions``: retired rows too.
        obj = model._default_manager.filter(code=entry["code"]).first()
        if obj is None:
            obj = model(code=entry["code"], **values)
            obj.full_clean()
            obj.save()
            self.report.created += 1
            return obj
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.full_clean()
            obj.save(update_fields=changed)
            self.report.updated += 1
        return obj

    def set_m2m(self, manager: Any, targets: list[models.Model]) -> None:
        wanted = {t.pk for t in targets}
        current = set(manager.values_list("pk", flat=True))
        if wanted != current:
            manager.set(targets)
            self.report.updated += 1

    def retire(self, model: type[models.Model], keep: set[str]) -> None:
        """Mark what the new version lacks as retired; its rows stay for older assessments."""
        current = model._default_manager.filter(retired=False)
        self.report.retired += current.exclude(code__in=keep).update(retired=True)


@transaction.atomic
def load_framework(data: dict[str, Any]) -> LoadReport:
    """Bring the database in line with ``data``; raise FrameworkSourceError before writing."""
    validate(data)
    version_label = data["version"].strip()
    digest = content_hash(data)
    report = LoadReport(version=version_label)
    up = _Upserter(report)

    existing = FrameworkVersion.objects.filter(label=version_label).first()
    if existing and existing.content_hash and existing.content_hash != digest:
        raise FrameworkSourceError(
            f"The content differs from the already loaded version {version_label!r}. "
            "Give the changed framework a new version label, so that assessments keep "
            "the version they were made with."
        )

    statements: dict[str, Statement] = {}
    for ci, crit in enumerate(data.get("criteria", [])):
        criterion = up.upsert(
            Criterion,
            crit,
            CRITERION_FIELDS,
            order=ci,
            is_income_side=bool(crit.get("income_side", False)),
        )
        for si, stmt in enumerate(crit.get("statements", [])):
            statements[stmt["code"]] = up.upsert(
                Statement,
                stmt,
                STATEMENT_FIELDS,
                criterion=criterion,
                kind=stmt["kind"],
                order=si,
                general=bool(stmt.get("general", False)),
            )

    options: dict[str, Option] = {}
    questions: set[str] = set()
    for hi, char in enumerate(data.get("characteristics", [])):
        characteristic = up.upsert(
            Characteristic,
            char,
            CHARACTERISTIC_FIELDS,
            order=hi,
            section=char.get("section", CharacteristicSection.CHARACTERISTIC),
        )
        for qi, q in enumerate(char.get("questions", [])):
            question = up.upsert(
                Question,
                q,
                QUESTION_FIELDS,
                characteristic=characteristic,
                kind=q["kind"],
                order=qi,
            )
            questions.add(q["code"])
            up.set_m2m(question.shown_if, [options[code] for code in q.get("shown_if", [])])
            for oi, o in enumerate(q["options"]):
                option = up.upsert(
                    Option,
                    o,
                    OPTION_FIELDS,
                    question=question,
                    order=oi,
                    neutral=bool(o.get("neutral", False)),
                )
                options[o["code"]] = option
                up.set_m2m(option.triggers, [statements[c] for c in o.get("triggers", [])])

    work_types = data.get("work_types", [])
    for wi, wt in enumerate(work_types):
        up.upsert(
            WorkType, wt, WORK_TYPE_FIELDS, order=wi, mode=wt["mode"], skill_level=wt["skill_level"]
        )
    groups = data.get("target_groups", [])
    target_groups = {
        tg["code"]: up.upsert(TargetGroup, tg, TARGET_GROUP_FIELDS, order=ti)
        for ti, tg in enumerate(groups)
    }
    for crit in data.get("criteria", []):
        for stmt in crit.get("statements", []):
            up.set_m2m(
                statements[stmt["code"]].target_groups,
                [target_groups[code] for code in statement_target_group_codes(stmt)],
            )
    segments = data.get("segments", [])
    for si, seg in enumerate(segments):
        up.upsert(Segment, seg, SEGMENT_FIELDS, order=si)

    up.retire(Option, set(options))
    up.retire(Question, questions)
    up.retire(Characteristic, {c["code"] for c in data.get("characteristics", [])})
    up.retire(Statement, set(statements))
    up.retire(Criterion, {c["code"] for c in data.get("criteria", [])})
    up.retire(WorkType, {w["code"] for w in work_types})
    up.retire(TargetGroup, {t["code"] for t in groups})
    up.retire(Segment, {s["code"] for s in segments})

    if existing is None:
        FrameworkVersion.objects.filter(is_current=True).update(is_current=False)
        existing = FrameworkVersion.objects.create(
            label=version_label,
            is_current=True,
            content_hash=digest,
            source_document=data.get("source_document", ""),
            content=data,
        )
        report.created += 1
    elif not existing.is_current or not existing.content_hash or not existing.content:
        FrameworkVersion.objects.exclude(pk=existing.pk).update(is_current=False)
        existing.is_current = True
        existing.content_hash = digest
        existing.content = data
        existing.save(update_fields=["is_current", "content_hash", "content"])
        report.updated += 1

    _store_rules(FrameworkVersion.objects.get(label=version_label), data)

    report.counts = {
        "criteria": Criterion.objects.count(),
        "statements": Statement.objects.count(),
        "characteristics": Characteristic.objects.count(),
        "questions": Question.objects.count(),
        "options": Option.objects.count(),
        "work_types": WorkType.objects.count(),
        "target_groups": TargetGroup.objects.count(),
        "segments": Segment.objects.count(),
    }
    # Bulk updates send no signals: the load says itself that the framework changed.
    bump("framework")
    return report


def _texts(obj: models.Model, *names: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in names:
        out[name] = getattr(obj, f"{name}_nl")
        out[f"{name}_en"] = getattr(obj, f"{name}_en")
    return out


class UnknownVersion(LookupError):
    """No framework version with this label is stored."""


def export_framework(label: str | None = None) -> dict[str, Any]:
    """A framework version as plain data, in the shape ``load_framework`` reads.

    Without ``label``: the current version, read from the rows. With a label: that version as
    it was loaded, from its stored source, also after newer versions changed or retired parts.
    """
    if label is not None:
        stored = FrameworkVersion.objects.filter(label=label).first()
        if stored is None:
            raise UnknownVersion(label)
        if stored.content:
            content: dict[str, Any] = stored.content  # a JSON field: typed where it is read
            return content
        if not stored.is_current:
            raise UnknownVersion(label)
    return _export_current()


def _export_current() -> dict[str, Any]:
    version = FrameworkVersion.objects.current()
    criteria = []
    # Explicit querysets: a relation reaches retired rows too, the current version does not.
    statements = models.Prefetch(
        "statements", queryset=Statement.objects.prefetch_related("target_groups")
    )
    for criterion in Criterion.objects.prefetch_related(statements):
        entry: dict[str, Any] = {
            "code": criterion.code,
            **_texts(criterion, "name", "question", "definition"),
        }
        entry["source"] = criterion.source
        entry["income_side"] = criterion.is_income_side
        entry["statements"] = [
            {
                "code": s.code,
                "kind": s.kind,
                **_texts(s, "title", "explanation", "action"),
                "source": s.source,
                "general": s.general,
                "target_groups": sorted(t.code for t in s.target_groups.all()) or ALL_TARGET_GROUPS,
                "target_groups_source": s.target_groups_source,
            }
            for s in sorted(criterion.statements.all(), key=lambda s: s.order)
        ]
        criteria.append(entry)

    characteristics = []
    chars = Characteristic.objects.prefetch_related(
        models.Prefetch("questions", queryset=Question.objects.all()),
        "questions__shown_if",
        models.Prefetch("questions__options", queryset=Option.objects.all()),
        models.Prefetch("questions__options__triggers", queryset=Statement.objects.all()),
    )
    for char in chars:
        entry = {"code": char.code, "section": char.section, **_texts(char, "name", "description")}
        entry["source"] = char.source
        entry["questions"] = []
        for q in sorted(char.questions.all(), key=lambda q: q.order):
            entry["questions"].append(
                {
                    "code": q.code,
                    "kind": q.kind,
                    **_texts(q, "text", "help", "more"),
                    "source": q.source,
                    "shown_if": sorted(o.code for o in q.shown_if.all()),
                    "options": [
                        {
                            "code": o.code,
                            **_texts(o, "label"),
                            "triggers": sorted(s.code for s in o.triggers.all()),
                            "neutral": o.neutral,
                        }
                        for o in sorted(q.options.all(), key=lambda o: o.order)
                    ],
                }
            )
        characteristics.append(entry)

    rules: list[dict[str, Any]] = []
    contradictions: list[dict[str, Any]] = []
    if version is not None:
        for rule in version.rules.select_related("statement").order_by("order"):
            entry = {"statement": rule.statement.code}
            if rule.default:
                entry["default"] = True
            else:
                entry["when"] = rule.when
            if rule.unless is not None:
                entry["unless"] = rule.unless
            entry["source"] = rule.source
            if rule.note:
                entry["note"] = rule.note
            rules.append(entry)
        for group in version.contradictions.order_by("order"):
            contradictions.append(
                {
                    "statements": list(group.statements),
                    **({"note": group.note} if group.note else {}),
                }
            )
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSIONS[-1],
        "version": version.label if version else "",
        "source_document": version.source_document if version else "",
        "criteria": criteria,
        "characteristics": characteristics,
        "work_types": [
            {
                "code": w.code,
                **_texts(w, "name"),
                "mode": w.mode,
                "skill_level": w.skill_level,
                "note": w.note,
            }
            for w in WorkType.objects.order_by("order")
        ],
        "target_groups": [
            {"code": t.code, **_texts(t, "name", "description", "examples"), "source": t.source}
            for t in TargetGroup.objects.all()
        ],
        "segments": [{"code": s.code, **_texts(s, "name")} for s in Segment.objects.all()],
        "rules": rules,
        "contradictions": contradictions,
    }

"""Load the framework from its source file and export it in the same shape.

The source (``fixtures/framework.yaml``) and the JSON export share one structure, so an export
loads back into an empty database as the same framework. Loading is idempotent: it compares
every field and writes only what differs, and it refuses a malformed source as a whole,
naming the bad entry, before anything is written.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db import models, transaction

from framework.models import (
    Characteristic,
    CharacteristicSection,
    Criterion,
    FrameworkVersion,
    Option,
    Question,
    QuestionKind,
    Segment,
    SkillLevel,
    Statement,
    StatementKind,
    TargetGroup,
    WorkMode,
    WorkType,
)
from inclusief.caching import bump

DEFAULT_SOURCE = Path(settings.BASE_DIR) / "fixtures" / "framework.yaml"


class FrameworkSourceError(ValueError):
    """The source is malformed; the message names the entry."""


@dataclass
class LoadReport:
    version: str
    created: int = 0
    updated: int = 0
    deleted: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


# (file key, model field) pairs per kind of entry; "name" in the file is the Dutch text.
_TEXT = lambda *names: [(n, f"{n}_nl") for n in names] + [(f"{n}_en", f"{n}_en") for n in names]  # noqa: E731

CRITERION_FIELDS = _TEXT("name", "question", "definition") + [("source", "source")]
STATEMENT_FIELDS = _TEXT("title", "explanation", "action") + [("source", "source")]
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


def content_hash(data: dict[str, Any]) -> str:
    payload = {k: v for k, v in data.items() if k != "version"}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


class _Upserter:
    def __init__(self, report: LoadReport) -> None:
        self.report = report

    def upsert(
        self,
        model: type[models.Model],
        entry: dict,
        fields: list[tuple[str, str]],
        **extra: Any,
    ) -> models.Model:
        values = {model_field: entry.get(key) or "" for key, model_field in fields}
        values.update(extra)
        obj = model.objects.filter(code=entry["code"]).first()
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

    def prune(self, model: type[models.Model], keep: set[str]) -> None:
        obsolete = model.objects.exclude(code__in=keep)
        count = obsolete.count()
        if count:
            obsolete.delete()
            self.report.deleted += count


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
    for ti, tg in enumerate(groups):
        up.upsert(TargetGroup, tg, TARGET_GROUP_FIELDS, order=ti)
    segments = data.get("segments", [])
    for si, seg in enumerate(segments):
        up.upsert(Segment, seg, SEGMENT_FIELDS, order=si)

    # Children before parents, so PROTECT on a parent never blocks a prune of its children.
    up.prune(Option, set(options))
    up.prune(Question, questions)
    up.prune(Characteristic, {c["code"] for c in data.get("characteristics", [])})
    up.prune(Statement, set(statements))
    up.prune(Criterion, {c["code"] for c in data.get("criteria", [])})
    up.prune(WorkType, {w["code"] for w in work_types})
    up.prune(TargetGroup, {t["code"] for t in groups})
    up.prune(Segment, {s["code"] for s in segments})

    if existing is None:
        FrameworkVersion.objects.filter(is_current=True).update(is_current=False)
        FrameworkVersion.objects.create(
            label=version_label,
            is_current=True,
            content_hash=digest,
            source_document=data.get("source_document", ""),
        )
        report.created += 1
    elif not existing.is_current or not existing.content_hash:
        FrameworkVersion.objects.exclude(pk=existing.pk).update(is_current=False)
        existing.is_current = True
        existing.content_hash = digest
        existing.save(update_fields=["is_current", "content_hash"])
        report.updated += 1

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


def export_framework() -> dict[str, Any]:
    """The whole framework as plain data, in the shape ``load_framework`` reads."""
    version = FrameworkVersion.objects.current()
    criteria = []
    for criterion in Criterion.objects.prefetch_related("statements"):
        entry = {"code": criterion.code, **_texts(criterion, "name", "question", "definition")}
        entry["source"] = criterion.source
        entry["income_side"] = criterion.is_income_side
        entry["statements"] = [
            {
                "code": s.code,
                "kind": s.kind,
                **_texts(s, "title", "explanation", "action"),
                "source": s.source,
                "general": s.general,
            }
            for s in sorted(criterion.statements.all(), key=lambda s: s.order)
        ]
        criteria.append(entry)

    characteristics = []
    chars = Characteristic.objects.prefetch_related(
        "questions__shown_if", "questions__options__triggers"
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

    return {
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
    }

"""Load the seed catalogue (fixtures/catalogue.yaml) and export the catalogue.

Loading is idempotent: platforms are upserted by slug, a field is written only when it
differs, and a malformed file is refused as a whole, naming the entry, before anything is
written. Answers and sources that an admin added by hand stay in place.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Prefetch

from assessments.catalogue import (
    MODE_OPTIONS,
    SKILL_LEVEL_OPTIONS,
    SKILL_LEVEL_QUESTION,
    WORK_MODE_QUESTION,
    platform_derive_work_flags,
)
from assessments.models import (
    Platform,
    PlatformSource,
    PlatformStatus,
    ProfileAnswer,
)
from framework.models import Option, Question, Segment, SkillLevel, WorkMode, WorkType

DEFAULT_SOURCE = Path(settings.BASE_DIR) / "fixtures" / "catalogue.yaml"


class CatalogueSourceError(ValueError):
    """The seed file is malformed; the message names the entry."""


@dataclass
class CatalogueLoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def read_catalogue(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CatalogueSourceError(f"Cannot read {path}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise CatalogueSourceError(f"{path} is not valid YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("platforms"), list):
        raise CatalogueSourceError(f"{path}: the top level needs a 'platforms' list.")
    return data


_url = URLValidator(schemes=["http", "https"])


def _date(value: Any, where: str, key: str) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise CatalogueSourceError(f"{where}: '{key}' must be a date (YYYY-MM-DD).") from None


def _check_url(value: Any, where: str) -> str:
    value = (value or "").strip()
    if value:
        try:
            _url(value)
        except ValidationError:
            raise CatalogueSourceError(f"{where}: {value!r} is not a valid address.") from None
    return value


def _source(entry: Any, where: str, default_date: datetime.date | None) -> dict[str, Any]:
    if not isinstance(entry, dict):
        raise CatalogueSourceError(f"{where}: a source must be a mapping with url and/or title.")
    url = _check_url(entry.get("url"), where)
    title = str(entry.get("title") or "").strip()
    if not url and not title:
        raise CatalogueSourceError(f"{where}: a source needs a 'url' or a 'title'.")
    return {
        "url": url,
        "title": title,
        "consulted_on": _date(entry.get("consulted_on"), where, "consulted_on") or default_date,
        "note": str(entry.get("note") or "").strip(),
    }


def validate_catalogue(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Check the whole file and return normalised entries; raise on the first bad entry."""
    default_date = _date(data.get("consulted_on"), "top level", "consulted_on")
    segments = set(Segment.objects.values_list("code", flat=True))
    work_types = set(WorkType.objects.values_list("code", flat=True))
    options = dict(Option.objects.values_list("code", "question__code"))
    questions = set(Question.objects.values_list("code", flat=True))
    seen_slugs: set[str] = set()
    seen_names: set[str] = set()
    entries = []
    for index, raw in enumerate(data["platforms"]):
        slug = raw.get("slug") if isinstance(raw, dict) else None
        where = f"platform #{index + 1}" + (f" ({slug!r})" if slug else "")
        if not isinstance(raw, dict):
            raise CatalogueSourceError(f"{where}: must be a mapping.")
        for key in ("slug", "name", "status"):
            if not str(raw.get(key) or "").strip():
                raise CatalogueSourceError(f"{where}: '{key}' is missing or empty.")
        if slug in seen_slugs or raw["name"].casefold() in seen_names:
            raise CatalogueSourceError(f"{where}: slug or name used twice.")
        seen_slugs.add(slug)
        seen_names.add(raw["name"].casefold())
        if raw["status"] not in PlatformStatus.values:
            raise CatalogueSourceError(
                f"{where}: status must be one of {', '.join(PlatformStatus.values)}."
            )
        status_date = _date(raw.get("status_date"), where, "status_date")
        if raw["status"] == PlatformStatus.ACTIVE and status_date:
            raise CatalogueSourceError(f"{where}: an active platform has no status_date.")

        def codes(
            key: str, allowed: set[str] | list[str], where: str = where, raw: dict = raw
        ) -> list[str]:
            values = raw.get(key) or []
            if not isinstance(values, list):
                raise CatalogueSourceError(f"{where}: '{key}' must be a list.")
            for value in values:
                if value not in allowed:
                    raise CatalogueSourceError(f"{where}: unknown {key} code {value!r}.")
            return values

        entry = {
            "slug": slug,
            "name": raw["name"].strip(),
            "website": _check_url(raw.get("website"), where),
            "description": str(raw.get("description") or "").strip(),
            "status": raw["status"],
            "status_date": status_date,
            "status_note": str(raw.get("status_note") or "").strip(),
            "segments": codes("sectors", segments),
            "work_types": codes("work_types", work_types),
            # Derived from the profile (werkvorm, skills); checked against it below.
            "modes": codes("modes", WorkMode.values),
            "skill_levels": codes("skill_levels", SkillLevel.values),
            "sources": [
                _source(source, f"{where} › source #{i + 1}", default_date)
                for i, source in enumerate(raw.get("sources") or [])
            ],
            "profile": [],
            "given": {key for key in ("modes", "skill_levels") if key in raw},
        }
        for i, answer in enumerate(raw.get("profile") or []):
            awhere = f"{where} › profile #{i + 1}"
            if not isinstance(answer, dict) or answer.get("question") not in questions:
                question = answer.get("question") if isinstance(answer, dict) else None
                raise CatalogueSourceError(f"{awhere}: unknown question {question!r}.")
            unknown = bool(answer.get("unknown", False))
            chosen = answer.get("options") or []
            if unknown and chosen:
                raise CatalogueSourceError(f"{awhere}: an unknown answer has no options.")
            if not unknown and not chosen:
                raise CatalogueSourceError(f"{awhere}: give options or set unknown: true.")
            for code in chosen:
                if options.get(code) != answer["question"]:
                    raise CatalogueSourceError(
                        f"{awhere}: {code!r} is not an option of {answer['question']!r}."
                    )
            source = answer.get("source")
            if not unknown and not source:
                raise CatalogueSourceError(f"{awhere}: a known answer needs a 'source'.")
            source = _source(source, awhere, default_date) if source else None
            entry["profile"].append(
                {
                    "question": answer["question"],
                    "options": chosen,
                    "unknown": unknown,
                    "note": str(answer.get("note") or "").strip(),
                    "source_url": source["url"] if source else "",
                    "source_title": source["title"] if source else "",
                    "consulted_on": source["consulted_on"] if source else None,
                }
            )
        _check_derived_work_profile(entry, where)
        entries.append(entry)
    return entries


def _check_derived_work_profile(entry: dict[str, Any], where: str) -> None:
    """Refuse 'modes'/'skill_levels' that disagree with the profile they are derived from.

    The profile answers to werkvorm and skills are the one source of truth; an export still
    lists modes and skill levels for readers, so a file may carry them, but only as a copy.
    """
    chosen = {
        code
        for answer in entry["profile"]
        if answer["question"] in (WORK_MODE_QUESTION, SKILL_LEVEL_QUESTION)
        for code in answer["options"]
    }
    for key, options in (("modes", MODE_OPTIONS), ("skill_levels", SKILL_LEVEL_OPTIONS)):
        if key not in entry["given"]:
            continue
        from_profile = [value for value, code in options.items() if code in chosen]
        if sorted(entry[key]) != sorted(from_profile):
            question = WORK_MODE_QUESTION if key == "modes" else SKILL_LEVEL_QUESTION
            raise CatalogueSourceError(
                f"{where}: '{key}' ({', '.join(entry[key]) or 'empty'}) differs from the "
                f"profile answer to '{question}' ({', '.join(from_profile) or 'none'}). "
                f"Give them in the profile, with a source; '{key}' is derived from it."
            )


def _assign(instance: Any, values: dict[str, Any]) -> bool:
    changed = False
    for key, value in values.items():
        if getattr(instance, key) != value:
            setattr(instance, key, value)
            changed = True
    return changed


def load_catalogue(data: dict[str, Any]) -> CatalogueLoadReport:
    """Upsert every platform of the seed file by slug, in one transaction."""
    entries = validate_catalogue(data)
    report = CatalogueLoadReport()
    segments = {s.code: s for s in Segment.objects.all()}
    work_types = {w.code: w for w in WorkType.objects.all()}
    questions = {q.code: q for q in Question.objects.all()}
    options = {o.code: o for o in Option.objects.all()}
    touched: list[int] = []
    with transaction.atomic():
        for entry in entries:
            platform = Platform.objects.filter(slug=entry["slug"]).first()
            created = platform is None
            platform = platform or Platform(slug=entry["slug"])
            fields = {
                key: entry[key]
                for key in ("name", "website", "description", "status", "status_date")
            }
            fields["status_note"] = entry["status_note"]
            changed = _assign(platform, fields)
            if changed or created:
                platform.full_clean()
                platform.save()
            if {s.code for s in platform.segments.all()} != set(entry["segments"]):
                platform.segments.set([segments[c] for c in entry["segments"]])
                changed = True
            if {w.code for w in platform.work_types.all()} != set(entry["work_types"]):
                platform.work_types.set([work_types[c] for c in entry["work_types"]])
                changed = True
            existing = {
                (s.url, s.title): s for s in PlatformSource.objects.filter(platform=platform)
            }
            for source in entry["sources"]:
                current = existing.get((source["url"], source["title"]))
                if current is None:
                    PlatformSource.objects.create(platform=platform, **source)
                    changed = True
                elif _assign(current, source):
                    current.save()
                    changed = True
            for answer in entry["profile"]:
                current = ProfileAnswer.objects.filter(
                    platform=platform, question=questions[answer["question"]]
                ).first()
                values = {k: answer[k] for k in ("unknown", "note", "source_url", "source_title")}
                values["consulted_on"] = answer["consulted_on"]
                if current is None:
                    current = ProfileAnswer(
                        platform=platform, question=questions[answer["question"]]
                    )
                    _assign(current, values)
                    current.full_clean()
                    current.save()
                    changed = True
                elif _assign(current, values):
                    current.full_clean()
                    current.save()
                    changed = True
                if {o.code for o in current.options.all()} != set(answer["options"]):
                    current.options.set([options[c] for c in answer["options"]])
                    changed = True
            touched.append(platform.pk)
            if created:
                report.created += 1
            elif changed:
                report.updated += 1
            else:
                report.unchanged += 1
        # Modes and skill levels follow the profile answers just written.
        platform_derive_work_flags(platform_ids=touched)
    return report


def catalogue_queryset() -> Any:
    return Platform.objects.prefetch_related(
        "segments",
        "work_types",
        "sources",
        Prefetch(
            "profile_answers",
            queryset=ProfileAnswer.objects.select_related("question").prefetch_related("options"),
        ),
    ).order_by("name")


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def platform_as_dict(platform: Platform) -> dict[str, Any]:
    """One platform in the export's stable JSON shape (also readable by load_catalogue)."""
    return {
        "slug": platform.slug,
        "name": platform.name,
        "website": platform.website,
        "description": platform.description,
        "status": platform.status,
        "status_date": _iso(platform.status_date),
        "status_note": platform.status_note,
        "sectors": [segment.code for segment in platform.segments.all()],
        "work_types": [work_type.code for work_type in platform.work_types.all()],
        "modes": platform.modes,
        "skill_levels": platform.skill_levels,
        "sources": [
            {
                "url": source.url,
                "title": source.title,
                "consulted_on": _iso(source.consulted_on),
                "note": source.note,
            }
            for source in platform.sources.all()
        ],
        "profile": [
            {
                "question": answer.question.code,
                "options": sorted(option.code for option in answer.options.all()),
                "unknown": answer.unknown,
                "note": answer.note,
                "source": (
                    {
                        "url": answer.source_url,
                        "title": answer.source_title,
                        "consulted_on": _iso(answer.consulted_on),
                    }
                    if answer.source_url or answer.source_title
                    else None
                ),
            }
            for answer in platform.profile_answers.all()
        ],
    }

"""An earlier framework version, read from its stored source.

The rows always hold the current version. An assessment made with an earlier version reads
that version here: which questions, options and statements it had, their texts then, and its
rules. Everything comes from ``FrameworkVersion.content`` (the source as it was loaded), so a
later load can change or retire items without changing what an older assessment shows.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from framework.models import FrameworkVersion
from framework.rules import Rules
from inclusief.caching import framework_data

# The text fields per kind of item, as the source names them (Dutch, then ``<name>_en``).
TEXT_FIELDS = {
    "criterion": ("name", "question", "definition"),
    "statement": ("title", "explanation", "action"),
    "characteristic": ("name", "description"),
    "question": ("text", "help", "more"),
    "option": ("label",),
}


@dataclass(frozen=True)
class StoredVersion:
    """One framework version as it was loaded: its items by code, and its rules."""

    label: str
    items: dict[str, dict[str, dict[str, Any]]]
    rules: Rules

    def codes(self, kind: str) -> set[str]:
        return set(self.items.get(kind, {}))

    def show_texts(self, kind: str, objects: Iterable[Any]) -> None:
        """Give in-memory rows this version's texts (nothing is saved)."""
        entries = self.items.get(kind, {})
        for obj in objects:
            entry = entries.get(obj.code)
            if entry is None:
                continue
            for name in TEXT_FIELDS[kind]:
                setattr(obj, f"{name}_nl", entry.get(name) or "")
                setattr(obj, f"{name}_en", entry.get(f"{name}_en") or "")


def current_label() -> str | None:
    """The label of the current version (cached; cleared by every framework load)."""

    def load() -> str | None:
        version = FrameworkVersion.objects.current()
        return version.label if version else None

    return framework_data("framework-current-label", load)


def _items(content: dict[str, Any]) -> dict[str, dict[str, dict[str, Any]]]:
    items: dict[str, dict[str, dict[str, Any]]] = {kind: {} for kind in TEXT_FIELDS}
    for criterion in content.get("criteria", []):
        items["criterion"][criterion["code"]] = criterion
        for statement in criterion.get("statements", []):
            items["statement"][statement["code"]] = statement
    for characteristic in content.get("characteristics", []):
        items["characteristic"][characteristic["code"]] = characteristic
        for question in characteristic.get("questions", []):
            items["question"][question["code"]] = question
            for option in question.get("options", []):
                items["option"][option["code"]] = option
    return items


def stored_version(label: str) -> StoredVersion | None:
    """An earlier version with a stored source; None for the current version (read its rows)
    or for a version whose source was never stored (loaded before sources were kept)."""
    if label == current_label():
        return None

    def load() -> StoredVersion | None:
        content = (
            FrameworkVersion.objects.filter(label=label).values_list("content", flat=True).first()
        )
        if not content:
            return None
        # Rules.from_source reads both the rules section and the options' triggers.
        return StoredVersion(label=label, items=_items(content), rules=Rules.from_source(content))

    return framework_data(f"framework-version-{label}", load)


def current_rules() -> Rules:
    """The current framework's rules (cached with the framework)."""
    return framework_data("rules-current", Rules.from_db)


def rules_for(label: str) -> Rules:
    """The rules an assessment on version ``label`` is derived with."""
    stored = stored_version(label)
    return stored.rules if stored is not None else current_rules()

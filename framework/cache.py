"""A small in-process cache for framework and reference data (segments, work types, options,
characteristics with their questions).

Those rows change only when a beheerder edits them or the framework is loaded again, yet
every catalogue page read them: four of the catalogue page's queries, on a loaded 2-core
machine a large share of its time. Entries live for ``TTL_SECONDS`` and are dropped at once in
the process that saves or deletes any framework row; other processes (gunicorn workers) see
an edit at the latest ``TTL_SECONDS`` later.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models.signals import m2m_changed, post_delete, post_save

T = TypeVar("T")
TTL_SECONDS = 60.0

_entries: dict[str, tuple[float, Any]] = {}
_lock = threading.Lock()


def cached(key: str, load: Callable[[], T]) -> T:
    """The value under ``key``, loaded with ``load()`` when absent or older than the TTL."""
    now = time.monotonic()
    entry = _entries.get(key)
    if entry is not None and now - entry[0] < TTL_SECONDS:
        return entry[1]
    value = load()
    with _lock:
        _entries[key] = (now, value)
    return value


def clear(*args: Any, **kwargs: Any) -> None:
    """Drop every entry (also a signal receiver)."""
    with _lock:
        _entries.clear()


def connect_signals(app_config) -> None:
    """Clear on any save, delete or many-to-many change of a framework model."""
    for model in app_config.get_models():
        uid = f"framework-cache-{model._meta.label}"
        post_save.connect(clear, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(clear, sender=model, dispatch_uid=uid + "-delete")
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                clear, sender=field.remote_field.through, dispatch_uid=f"{uid}-{field.name}"
            )

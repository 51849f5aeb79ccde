"""One cache module, on Django's cache framework, keyed on content versions.

Two topics, each with a version (a random token) in the one ``ContentVersion`` row:

- ``"public"``: what anonymous visitors see of the catalogue and of published assessments;
- ``"framework"``: the framework and its reference data (options, segments, work types).

Whatever changes a topic calls ``bump(topic)``: the publication of an assessment, catalogue
edits (the catalogue models' signals, so admin edits and imports are covered), a framework
load or a framework edit in the admin. Nothing else does: concept work never retires a page.

``bump`` writes the new token inside the caller's transaction. Other processes see it when
that transaction commits (never before, never after a rollback); the process itself at once.

- ``public_page(view)`` keeps whole responses for anonymous visitors in the ``pages`` cache,
  under both tokens + language + full path (the open-data API uses the same store through
  ``page_key`` / ``stored_page`` / ``store_page``, after its rate limit). A process trusts
  the tokens it read for ``RECHECK_SECONDS``, so a stored page costs no query; other
  processes follow within that.
- ``framework_data(key, load)`` keeps framework data in the ``default`` cache under the
  framework token, read again at the start of every request: signed-in pages never lag.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, Literal, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.core.signals import request_started
from django.db import DatabaseError, models
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.template.response import SimpleTemplateResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from inclusief.models import ContentVersion

Topic = Literal["public", "framework"]
TOPICS: tuple[Topic, ...] = ("public", "framework")
EMPTY: dict[str, str] = {"public": "", "framework": ""}
RECHECK_SECONDS = 1.0
T = TypeVar("T")

# The tokens as this process last read or wrote them, and when; when the current request began.
_memo: tuple[dict[str, str], float] | None = None
_request_started = 0.0


def _mark_request(**kwargs: Any) -> None:
    global _request_started
    _request_started = time.monotonic()


request_started.connect(_mark_request, dispatch_uid="inclusief-caching-request")


def versions(*, read_since: float) -> dict[str, str]:
    """The tokens, read from the database unless this process read them at ``read_since``
    (a ``time.monotonic()`` value) or later."""
    global _memo
    if _memo is not None and _memo[1] >= read_since:
        return _memo[0]
    row: dict[str, str] = ContentVersion.objects.filter(pk=1).values(*TOPICS).first() or dict(EMPTY)
    _memo = (row, time.monotonic())
    return row


def bump(*topics: Topic) -> None:
    """Retire what is stored under ``topics`` (see the module docstring)."""
    global _memo
    new: dict[str, str] = {topic: secrets.token_hex(16) for topic in topics}
    try:
        if not ContentVersion.objects.filter(pk=1).update(**new, changed_at=timezone.now()):
            ContentVersion.objects.create(pk=1, **{**EMPTY, **new}, changed_at=timezone.now())
    except DatabaseError:  # pragma: no cover - only while migrating, before the table exists
        return
    if _memo is None:
        # Nothing remembered: the other topics' tokens are unknown here, so the next read
        # fetches all of them rather than taking "" for a topic that has a token.
        return
    _memo = ({**_memo[0], **new}, time.monotonic())


def bump_on_change(models_: Iterable[type[models.Model]], *topics: Topic) -> None:
    """Bump ``topics`` whenever one of ``models_`` is saved, deleted or has a many-to-many
    change (admin edits, imports). Called from the apps' ``ready()``."""

    def receiver(sender: Any, instance: Any = None, update_fields: Any = None, **kw: Any) -> None:
        if update_fields is not None and set(update_fields) <= {"last_login"}:
            return  # a sign-in changes nothing anyone else sees
        bump(*topics)

    for model in models_:
        uid = f"inclusief-caching-{model._meta.label}"
        post_save.connect(receiver, sender=model, weak=False, dispatch_uid=f"{uid}-save")
        post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=f"{uid}-delete")
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(receiver, sender=through, weak=False, dispatch_uid=f"{uid}-{field}")


def framework_data(key: str, load: Callable[[], T]) -> T:
    """Framework data under ``key``, loaded with ``load()`` once per framework version."""
    fresh_since = max(_request_started, time.monotonic() - RECHECK_SECONDS)
    cache_key = f"framework:{versions(read_since=fresh_since)['framework']}:{key}"
    value: T | None = caches["default"].get(cache_key)
    if value is None:
        value = load()
        caches["default"].set(cache_key, value, None)
    return value


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    user = getattr(request, "user", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and (user is None or not user.is_authenticated)
    )


def cacheable(request: HttpRequest) -> bool:
    """Whether a response to ``request`` may come from, or go to, the page cache."""
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def page_key(request: HttpRequest, *varies: str) -> str:
    """The key of a stored response: both tokens, the language, the full path and ``varies``
    (what else the response depends on, such as the API's Accept header)."""
    # Read before the page is built: a page stored during a change is never newer-keyed.
    tokens = versions(read_since=time.monotonic() - RECHECK_SECONDS)
    path = hashlib.sha256("\n".join((request.get_full_path(), *varies)).encode()).hexdigest()
    return f"page:{tokens['public']}:{tokens['framework']}:{request.LANGUAGE_CODE}:{path}"


def stored_page(key: str) -> HttpResponse | None:
    stored = caches["pages"].get(key)
    if stored is None:
        return None
    response = HttpResponse(stored[0], headers=stored[1])
    response["X-Page-Cache"] = "hit"
    return response


def store_page(key: str, request: HttpRequest, response: HttpResponse) -> None:
    """Keep a rendered ``response`` under ``key`` if it is the same for every visitor."""
    if _storable(request, response):
        headers = {k: v for k, v in response.items() if k.lower() != "set-cookie"}
        caches["pages"].set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
        response["X-Page-Cache"] = "miss"


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve ``view`` from the page cache to anonymous visitors: GET/HEAD only, never with a
    session or pending messages, never a response that sets a cookie or used a CSRF token."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not cacheable(request):
            return view(request, *args, **kwargs)
        key = page_key(request)
        stored = stored_page(key)
        if stored is not None:
            return stored
        response = view(request, *args, **kwargs)
        if isinstance(response, SimpleTemplateResponse):
            response.render()
        patch_vary_headers(response, ["Cookie"])  # the language cookie
        store_page(key, request, response)
        return response

    return wrapped


def forget() -> None:
    """Forget the tokens this process read (tests: each starts on a fresh database state)."""
    global _memo
    _memo = None

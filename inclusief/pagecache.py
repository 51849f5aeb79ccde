"""A cache of whole public pages for anonymous visitors, retired by any change to their data.

Public pages (home, the framework, the catalogue, a platform, published results, the
comparison and the overview) are the same for every anonymous visitor in one language, yet
rendering them costs 10-200 ms of templates and queries. ``public_page`` stores such a
response in the ``pages`` cache under

    the content token + the language + the full path (with its query string)

and serves it from there until the token changes or ``PAGE_CACHE_SECONDS`` pass.

Staying correct is the point:

- **Every write changes the token.** A database execute wrapper on every connection notices
  each INSERT, UPDATE, DELETE or TRUNCATE of a table that public pages read (the framework
  and assessments apps, except report jobs, and the user table, whose names show as authors)
  and, once the transaction commits, gives ``ContentVersion`` a new random token. Bulk
  inserts, queryset updates and admin edits all pass through it; only PostgreSQL COPY does
  not, so the seeder calls ``content_changed()`` itself. The token lives in the database, so
  every gunicorn worker sees a change, whatever the cache backend: the process that wrote at
  once, the others within ``RECHECK_SECONDS`` (they read the token at most that often, so a
  stored page costs no database round trip at all).
- **Only what is the same for everyone is stored.** Signed-in visitors (or anyone with a
  session or pending messages) are never served from or stored into the cache; only GET and
  HEAD with status 200; never a response that sets a cookie or used a CSRF token (the
  language switch needs none, see ``inclusief.urls``).
- **The token is read before the page is built**, so a page stored during a write holds data
  at least as new as its token.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import time
from collections.abc import Callable
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection, transaction
from django.db.backends.signals import connection_created
from django.http import HttpRequest, HttpResponse
from django.template.response import SimpleTemplateResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
# Apps whose tables public pages read; report jobs are private and change every few seconds.
TRACKED_APPS = ("framework", "assessments")
UNTRACKED_MODELS = {"assessments.reportjob"}
# The user's last login changes on every sign-in and is shown nowhere public.
_LAST_LOGIN_ONLY = re.compile(r'^UPDATE "auth_user" SET "last_login" = %s WHERE', re.IGNORECASE)
_WRITE = re.compile(
    r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+"?(\w+)"?',
    re.IGNORECASE,
)

# How long a process trusts the token it read last. The process that wrote renews its copy at
# once; other processes (workers, machines) follow within this time.
RECHECK_SECONDS = 1.0

_tracked_tables: frozenset[str] | None = None
_seen_token: str | None = None
_token_memo: tuple[str, float] | None = None


def tracked_tables() -> frozenset[str]:
    global _tracked_tables
    if _tracked_tables is None:
        names = {"auth_user"}
        for label in TRACKED_APPS:
            for model in apps.get_app_config(label).get_models(include_auto_created=True):
                if model._meta.label_lower not in UNTRACKED_MODELS:
                    names.add(model._meta.db_table)
        _tracked_tables = frozenset(names)
    return _tracked_tables


def writes_tracked_table(sql: str) -> bool:
    """Whether ``sql`` changes a table that public pages read (TRUNCATE: any of its tables)."""
    match = _WRITE.match(sql)
    if match is None:
        return False
    if sql.lstrip()[:8].upper() == "TRUNCATE":
        return any(f'"{table}"' in sql for table in tracked_tables())
    return match.group(1) in tracked_tables() and not _LAST_LOGIN_ONLY.match(sql)


# --- the token ------------------------------------------------------------------------------


def current_token(*, recheck: float = 0.0) -> str:
    """The token pages are stored under now ("" before the first migration made the row).

    With ``recheck`` a token read less than that many seconds ago is trusted.
    """
    global _token_memo
    now = time.monotonic()
    if recheck and _token_memo is not None and now - _token_memo[1] < recheck:
        return _token_memo[0]
    from inclusief.models import ContentVersion

    token = ContentVersion.objects.filter(pk=1).values_list("token", flat=True).first() or ""
    _token_memo = (token, now)
    return token


def _renew_token() -> None:
    global _token_memo
    from inclusief.models import ContentVersion

    token = secrets.token_hex(16)
    try:
        updated = ContentVersion.objects.filter(pk=1).update(token=token, changed_at=timezone.now())
        if not updated:
            ContentVersion.objects.update_or_create(
                pk=1, defaults={"token": token, "changed_at": timezone.now()}
            )
    except DatabaseError:
        # Only while migrating, before the table exists: there are no stored pages yet.
        logger.debug("Content version not renewed (no table yet).", exc_info=True)
        return
    _token_memo = (token, time.monotonic())


def content_changed() -> None:
    """Retire every stored page once the current transaction commits (at once outside one).

    Registered once per transaction: a second call while an earlier one is still pending at
    the same or an outer savepoint adds nothing.
    """
    conn = connection
    if conn.in_atomic_block:
        active = set(conn.savepoint_ids)
        for sids, func, _robust in conn.run_on_commit:
            if func is _renew_token and set(sids) <= active:
                return
    transaction.on_commit(_renew_token, robust=True)


def _watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if isinstance(sql, str) and writes_tracked_table(sql):
        content_changed()
    return result


def install_write_watch(sender=None, connection=None, **kwargs) -> None:
    """Add the write watch to a database connection (``connection_created`` receiver)."""
    if connection is not None and _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch_writes)


def connect() -> None:
    connection_created.connect(install_write_watch, dispatch_uid="inclusief-page-cache-writes")
    # The connection may already be open (management shell, tests).
    install_write_watch(connection=connection)


# --- the cache ------------------------------------------------------------------------------


def _enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_SECONDS", 0) > 0


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _key(token: str, request: HttpRequest) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page:{token}:{request.LANGUAGE_CODE}:{path}"


def _forget_stale_framework_data(token: str) -> None:
    """A token this process has not seen yet: drop its in-process framework cache too, so a
    page stored under the new token is never built from framework rows of before the change."""
    global _seen_token
    if token != _seen_token:
        from framework import cache as framework_cache

        framework_cache.clear()
        _seen_token = token


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve ``view`` from the page cache to anonymous visitors (see the module docstring)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not (_enabled() and _cacheable_request(request)):
            return view(request, *args, **kwargs)
        token = current_token(recheck=RECHECK_SECONDS)
        _forget_stale_framework_data(token)
        store = caches[CACHE_ALIAS]
        key = _key(token, request)
        stored = store.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if isinstance(response, SimpleTemplateResponse):
            response.render()
        # The page differs by language (the cookie); say so to any shared cache in front.
        patch_vary_headers(response, ["Cookie"])
        if _anonymous_storable(request, response):
            headers = {k: v for k, v in response.items() if k.lower() != "set-cookie"}
            store.set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    return wrapped


def _anonymous_storable(request: HttpRequest, response: HttpResponse) -> bool:
    user = getattr(request, "user", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and (user is None or not user.is_authenticated)
    )

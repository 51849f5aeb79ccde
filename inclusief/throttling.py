"""Who is asking (the client address behind trusted proxies) and how often they may ask.

* ``client_address``: the visitor's address. Behind ``TRUSTED_PROXIES`` reverse proxies it
  is read from ``X-Forwarded-For``, counting that many entries from the right (each proxy
  appends the address it saw; anything further left was written by the client and is not
  believed). Without trusted proxies the header is ignored.
* ``LoginThrottle``: django-axes counting failed logins per address across usernames and per
  username across addresses (see its docstring for the trade-off).
* ``ratelimit_take`` / ``render_slot``: small database-backed limits for password-reset
  mail, exports and PDF renders.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone

from inclusief.models import RateLimitHit


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str | None:
    """The address that limits and logs count the request under; None when the request has
    none (a test client's login), which axes stores as an empty address."""
    remote = _valid(request.META.get("REMOTE_ADDR", "") or "")
    proxies = settings.TRUSTED_PROXIES
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        # The request did not pass every trusted proxy: only the socket address is known.
        return remote
    return _valid(forwarded[-proxies]) or remote


def _failures(attempts: Any) -> int:
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


class LoginThrottle(AxesDatabaseHandler):
    """Failed logins counted per address and per username, each on its own.

    * An address is locked after ``LOGIN_ADDRESS_FAILURE_LIMIT`` failures for any usernames
      (100 guesses spread over 25 names from one address no longer go unnoticed).
    * A username is locked after ``AXES_FAILURE_LIMIT`` failures from any addresses, but
      only for addresses that have failed themselves in the cool-off time. An address that
      has not failed may still log in with the right password; its first wrong one puts it
      under the lock too. The trade-off: a spread attack (a botnet) gets one guess per
      fresh address per cool-off time, and in return nobody can lock a named account
      for its owner.
    """

    def _counts(self, request: HttpRequest, credentials: dict | None) -> tuple[int, int]:
        recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))
        by_address = _failures(recent.filter(ip_address=request.axes_ip_address))
        username = get_client_username(request, credentials)
        by_username = _failures(recent.filter(username=username)) if username else 0
        return by_address, by_username

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        # Axes compares this number with AXES_FAILURE_LIMIT, before and after each failure.
        by_address, by_username = self._counts(request, credentials)
        counted = by_username if by_address else 0
        if by_address >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            counted = max(counted, get_failure_limit(request, credentials))
        return counted

    def reset_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> int:
        # A successful login clears only this username's failures from this address: logging
        # into one's own account must not wipe an address's failures against other accounts.
        username = get_client_username(request, credentials)
        deleted, _by_model = AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address
        ).delete()
        return deleted


@transaction.atomic
def ratelimit_take(*, key: str, limit: int, window: timedelta) -> bool:
    """Count one request under ``key``; False (and nothing counted) when ``limit`` requests
    were already counted within ``window``."""
    now = timezone.now()
    RateLimitHit.objects.filter(key=key, at__lt=now - window).delete()
    if RateLimitHit.objects.filter(key=key).count() >= limit:
        return False
    RateLimitHit.objects.create(key=key, at=now)
    return True


def ratelimit_wait(*, key: str, window: timedelta) -> int:
    """Seconds until the oldest counted request under ``key`` leaves the window (at least 1)."""
    oldest = RateLimitHit.objects.filter(key=key).order_by("at").values_list("at", flat=True)
    first = next(iter(oldest), None)
    if first is None:
        return 1
    return max(1, int((first + window - timezone.now()).total_seconds()) + 1)


# A render that crashed without cleaning up stops counting after this long.
RENDER_SLOT_TIMEOUT = timedelta(minutes=2)


class NoSlot(Exception):
    """Too many renders are running; try again shortly."""


@contextmanager
def render_slot(*, keys: list[tuple[str, int]]) -> Iterator[None]:
    """Hold one place under each ``(key, limit)`` for the duration, or raise ``NoSlot``.

    Rows mark renders in progress; a process that dies leaves its row, which stops
    counting after ``RENDER_SLOT_TIMEOUT``.
    """
    now = timezone.now()
    taken: list[int] = []
    with transaction.atomic():
        for key, limit in keys:
            RateLimitHit.objects.filter(key=key, at__lt=now - RENDER_SLOT_TIMEOUT).delete()
            if RateLimitHit.objects.filter(key=key).count() >= limit:
                raise NoSlot
        taken = [RateLimitHit.objects.create(key=key, at=now).pk for key, _limit in keys]
    try:
        yield
    finally:
        RateLimitHit.objects.filter(pk__in=taken).delete()

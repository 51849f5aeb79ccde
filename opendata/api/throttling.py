from django.core.cache import caches
from rest_framework.throttling import AnonRateThrottle


class AnonymousThrottle(AnonRateThrottle):
    """Anonymous visitors (everyone, through the API) share ``API_ANON_RATE`` per address;
    past it the API answers 429 with ``Retry-After`` (seconds)."""

    scope = "anon"
    cache = caches["api-throttle"]

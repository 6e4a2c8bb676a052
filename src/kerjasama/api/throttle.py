"""A rate limit per API token (or per signed-in browser session user) on every API operation.

``KERJASAMA_API_RATE_PER_MINUTE`` requests per caller per clock minute (0 turns the limit off); the request
over it is answered 429 ``{"error": {"code": "rate_limited", "message"}}`` with ``Retry-After`` (seconds to
the next minute). Counters live in Django's cache (``KERJASAMA_CACHE``: per process by default, Redis when
several processes or servers share the load, so the limit holds across them). The limit is checked after
authentication: unauthenticated requests are answered 401, and guessed tokens count against the client
address in ``accounts.lockout``.

A fixed window (the counter of the current minute) is cheap and atomic with ``cache.incr``; a caller can at
most send twice the limit across a minute boundary, which is enough to stop one client from starving others.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

WINDOW_S = 60
logger = logging.getLogger(__name__)


def caller_key(request: HttpRequest) -> str | None:
    """``token:<sha256 prefix>`` for a bearer token, ``user:<pk>`` for a session, ``None`` for no caller."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return "token:" + hashlib.sha256(token.strip().encode()).hexdigest()[:32]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return None


class ApiRateThrottle(BaseThrottle):
    """django-ninja throttle (``NinjaAPI(throttle=...)``): a counter per caller and minute in the cache."""

    def __init__(self) -> None:
        self._wait = threading.local()

    def allow_request(self, request: HttpRequest) -> bool:
        limit = int(settings.KERJASAMA_API_RATE_PER_MINUTE)
        ident = caller_key(request)
        if limit <= 0 or ident is None:
            return True
        now = time.time()
        window = int(now // WINDOW_S)
        key = f"kerjasama:api-rate:{ident}:{window}"
        try:
            cache.add(key, 0, timeout=WINDOW_S + 5)
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, timeout=WINDOW_S + 5)
                count = 1
        except Exception as exc:  # the cache's own connection errors (redis.ConnectionError, ...)
            # The cache (Redis in multi-server mode) is down: the limit cannot be counted. Fail open, as the
            # pages do, rather than refusing every API request with a 500 (issue 14 item 5, Redis down).
            logger.warning("API rate limit not counted, the cache is unavailable: %s", type(exc).__name__)
            return True
        self._wait.seconds = (window + 1) * WINDOW_S - now
        return count <= limit

    def wait(self) -> float | None:
        return max(1.0, float(getattr(self._wait, "seconds", WINDOW_S)))

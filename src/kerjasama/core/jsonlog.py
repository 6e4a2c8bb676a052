"""Structured logs (issue 14 item 8): with ``KERJASAMA_LOG_FORMAT=json`` every log record is one JSON object on
one line, for a log collector (journald, Loki, Elasticsearch) to index.

Fields: ``time`` (UTC, ISO 8601 with milliseconds), ``level``, ``logger``, ``message``, ``request_id`` (the id
``RequestIdMiddleware`` gave the request, also in the ``X-Request-ID`` response header and in every audit event
of the request), ``user_id``, ``view`` (the resolver's view name), and on the access line that
``RequestLogMiddleware`` writes per request (logger ``kerjasama.request``) also ``method``, ``status`` and
``duration_ms``; ``exception`` holds a traceback when there is one.

What is never written: only these fields are taken from a record (Django's ``django.request`` logger passes the
whole request as ``extra``; it is not serialised), the raw path is not logged (it may carry a calendar token or
a NIK typed into a search), and the message and traceback go through :func:`scrub`, which masks passwords,
tokens, secrets and session cookies written as ``name=value`` or ``name: value``, ``Bearer`` credentials, the
password in a URL (``scheme://user:password@host``) and any 16-digit number (a NIK, Nomor Induk Kependudukan,
UU 24/2013 jo. UU 27/2022 on personal data: a NIK is personal data that a log has no reason to hold).
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils.functional import SimpleLazyObject, empty

MASK = "[disaring]"

#: Names whose value is a secret wherever it appears (``password=…``, ``"token": "…"``, ``Cookie: sessionid=…``).
SENSITIVE_NAMES = (
    r"pass(?:word|wd)?|kata[_ ]?sandi|secret|token|api[_-]?key|authorization|sessionid|csrftoken|csrfmiddlewaretoken"
    r"|cookie|dsn|private[_-]?key|nik"
)
_NAMED = re.compile(
    rf"""(?ix)
    (?P<name>["']?[\w-]*(?:{SENSITIVE_NAMES})[\w-]*["']?)   # a name that contains a secret's name
    (?P<sep>\s*[:=]\s*)
    (?P<value>"[^"]*"|'[^']*'|[^\s,;&)}}\]]+)
    """
)
_BEARER = re.compile(r"(?i)\b(bearer|token|basic)\s+[A-Za-z0-9._~+/=-]{8,}")
_URL_PASSWORD = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://[^\s:/@]+:)[^\s@/]+@")
#: A NIK has 16 digits; a longer run of digits is left as it is (an amount, a timestamp).
_NIK = re.compile(r"(?<!\d)\d{16}(?!\d)")


def scrub(text: str) -> str:
    """``text`` with the secrets and NIKs it may carry masked."""
    text = _URL_PASSWORD.sub(rf"\1{MASK}@", text)
    text = _BEARER.sub(rf"\1 {MASK}", text)
    text = _NAMED.sub(lambda m: f"{m.group('name')}{m.group('sep')}{MASK}", text)
    return _NIK.sub(MASK, text)


_current_request: ContextVar[HttpRequest | None] = ContextVar("kerjasama_log_request", default=None)


def _user_id(request: HttpRequest | None) -> int | None:
    """The signed-in user's id when the request already knows it (never a database query from a log call)."""
    if request is None:
        return None
    auth = getattr(request, "auth", None)  # the API's token user (django-ninja)
    if auth is not None and getattr(auth, "is_authenticated", False):
        return getattr(auth, "pk", None)
    user = request.__dict__.get("user")
    if user is None:
        return None
    if isinstance(user, SimpleLazyObject) and getattr(user, "_wrapped", empty) is empty:
        return None
    if getattr(user, "is_authenticated", False):
        return getattr(user, "pk", None)
    return None


def _view(request: HttpRequest | None) -> str | None:
    match = getattr(request, "resolver_match", None) if request is not None else None
    name = getattr(match, "view_name", "") if match is not None else ""
    return str(name) or None


class JsonFormatter(logging.Formatter):
    """One JSON object per line; only the fields listed in the module's docstring, scrubbed."""

    def format(self, record: logging.LogRecord) -> str:
        # Imported here: Django configures logging before the apps are loaded, and the middleware module
        # imports the auth app's.
        from kerjasama.core.middleware import current_request_id

        request = _current_request.get()
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": scrub(record.getMessage()),
            "request_id": current_request_id(),
            "user_id": _user_id(request),
            "view": _view(request),
        }
        for name in ("method", "status", "duration_ms"):
            value = record.__dict__.get(name)
            if isinstance(value, int | float | str) and not isinstance(value, bool):
                entry[name] = value if not isinstance(value, str) else scrub(value)
        if record.exc_info:
            entry["exception"] = scrub(self.formatException(record.exc_info))
        elif record.stack_info:
            entry["exception"] = scrub(self.formatStack(record.stack_info))
        return json.dumps(entry, ensure_ascii=False, default=str)


request_logger = logging.getLogger("kerjasama.request")


class RequestLogMiddleware:
    """Keeps the request for the log lines written while it is answered, and with ``KERJASAMA_ACCESS_LOG`` writes
    one access line per request (logger ``kerjasama.request``: view, method, status, duration; no path)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        from django.conf import settings

        self.get_response = get_response
        self.access_log = bool(getattr(settings, "KERJASAMA_ACCESS_LOG", False))

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        token = _current_request.set(request)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            if self.access_log:
                status = response.status_code
                request_logger.log(
                    logging.WARNING if status >= 500 else logging.INFO,
                    "%s %s %s",
                    request.method,
                    _view(request) or "unresolved",
                    status,
                    extra={
                        "method": str(request.method),
                        "status": status,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    },
                )
            return response
        finally:
            _current_request.reset(token)

"""Optional error reporting to a Sentry-compatible service (issue 14 item 8): Sentry, GlitchTip, Bugsink.

Off unless ``SENTRY_DSN`` is set (empty by default: nothing leaves the server). When set, ``sentry_sdk`` is
initialised once per process (web, worker, commands; ``CoreConfig.ready``) with the Django integration,
``send_default_pii=False`` (no user names, e-mail addresses, IP addresses, cookies or request bodies) and
:func:`before_send`, which walks the whole event (message, exception values, stack frames' local variables,
request headers and query, breadcrumbs, extra) and masks:

- the value of every key that names a secret (password, token, secret, authorization, cookie, session, csrf,
  api key, DSN, NIK);
- inside every string, what :func:`kerjasama.core.jsonlog.scrub` masks in a log line (``name=value`` secrets,
  ``Bearer`` credentials, a URL's password, a 16-digit NIK: personal data under UU 27/2022, which an error
  report sent to another service must not carry);
- the user to its id only.

``SENTRY_ENVIRONMENT`` (default ``KERJASAMA_ENV``) and ``SENTRY_TRACES_SAMPLE_RATE`` (default 0: errors only, no
performance tracing) complete the settings.
"""

from __future__ import annotations

import re
from typing import Any

from kerjasama.core.jsonlog import MASK, SENSITIVE_NAMES, scrub

_SECRET_KEY = re.compile(rf"(?i)({SENSITIVE_NAMES}|session|csrf|credential)")
#: Nesting deeper than this is cut (an event is a tree of a few levels; a cycle cannot occur in JSON).
_MAX_DEPTH = 20


def _clean(value: Any, depth: int = 0) -> Any:
    if depth > _MAX_DEPTH:
        return MASK
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {
            key: MASK if isinstance(key, str) and _SECRET_KEY.search(key) else _clean(item, depth + 1)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        # Header lists come as [name, value] pairs.
        if len(value) == 2 and isinstance(value[0], str) and _SECRET_KEY.search(value[0]):
            return [value[0], MASK]
        return [_clean(item, depth + 1) for item in value]
    return value


def before_send(event: Any, hint: Any = None) -> Any:
    """The event with its secrets and NIKs masked, and its user reduced to the id (``before_send`` hook)."""
    user = event.get("user")
    cleaned: dict[str, Any] = _clean(event)
    if isinstance(user, dict):
        cleaned["user"] = {"id": user["id"]} if "id" in user else {}
    request = cleaned.get("request")
    if isinstance(request, dict):
        request.pop("cookies", None)
        request.pop("data", None)  # a form or JSON body: may hold anything a user typed
    return cleaned


def before_breadcrumb(crumb: Any, hint: Any = None) -> Any:
    cleaned: dict[str, Any] = _clean(crumb)
    return cleaned


def init(dsn: str, *, environment: str, release: str | None = None, traces_sample_rate: float = 0.0) -> bool:
    """Start reporting to ``dsn``; ``False`` (and nothing started) when it is empty."""
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        send_default_pii=False,
        include_local_variables=True,
        max_request_body_size="never",
        traces_sample_rate=traces_sample_rate,
        before_send=before_send,
        before_breadcrumb=before_breadcrumb,
        integrations=[DjangoIntegration()],
    )
    return True


def init_from_settings() -> bool:
    from importlib.metadata import PackageNotFoundError, version

    from django.conf import settings

    try:
        release: str | None = f"kerjasama@{version('kerjasama')}"
    except PackageNotFoundError:
        release = None
    return init(
        str(settings.SENTRY_DSN),
        environment=str(settings.SENTRY_ENVIRONMENT),
        release=release,
        traces_sample_rate=float(settings.SENTRY_TRACES_SAMPLE_RATE),
    )

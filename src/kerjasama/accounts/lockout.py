"""Protection against password guessing (django-axes, database handler): lockout per account and per address.

After ``AXES_FAILURE_LIMIT`` failed logins (``KERJASAMA_LOGIN_FAILURE_LIMIT``, default 5) for one username, or
from one client address, within ``AXES_COOLOFF_TIME`` (``KERJASAMA_LOGIN_LOCKOUT_MINUTES``, default 15), further
logins of that username or from that address are refused until the failures are that old. Invalid API tokens
count against the client address the same way (``api.auth.TokenAuth``). Attempts are rows in the database
(``axes.AccessAttempt``), shared by every worker and server on SQLite and PostgreSQL; an administrator lifts a
lockout in the admin (*Access attempts*) or with ``kerjasama manage axes_reset_username <username>``.

Each login is audited (``AuditAction.LOGIN_*``) by the receivers in :mod:`kerjasama.accounts.login_audit`.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from kerjasama.core.errors import KerjasamaError
from kerjasama.core.middleware import is_trusted_proxy

#: Set on a request whose login was refused without checking the password, because of a lockout.
REFUSED_WHILE_LOCKED = "kerjasama_refused_while_locked"


class TooManyAttempts(KerjasamaError):
    """Too many failed logins or invalid API tokens from this address or for this account (HTTP 429)."""

    http_status = 429
    exit_code = 1


class LockoutBackend(AxesStandaloneBackend):
    """Axes's first authentication backend, which also marks a login refused because of a lockout."""

    def authenticate(
        self, request: HttpRequest, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> None:
        try:
            super().authenticate(request, username, password, **kwargs)
        except AxesBackendPermissionDenied:
            setattr(request, REFUSED_WHILE_LOCKED, True)
            raise


def lockout_parameters(request_or_attempt: Any, credentials: dict[str, Any] | None = None) -> list[str]:
    """Count failures per username and per client address; a token attempt (no username) per address only.

    Without this, every attempt without a username (invalid API tokens) would share one counter.
    """
    if credentials is not None:
        username = credentials.get("username")
    elif isinstance(request_or_attempt, AccessAttempt):
        username = request_or_attempt.username
    else:
        username = getattr(request_or_attempt, "POST", {}).get("username")
    return ["username", "ip_address"] if username else ["ip_address"]


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: ``REMOTE_ADDR``, or behind a trusted reverse proxy (``KERJASAMA_TRUSTED_PROXIES``)
    the right-most address of ``X-Forwarded-For`` that is not itself a trusted proxy.

    ``X-Forwarded-For`` from anyone else is ignored: a client could otherwise pick a new address per guess.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    if remote is None or not is_trusted_proxy(remote):
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    for address in reversed(forwarded):
        if not is_trusted_proxy(address):
            return address
    return remote


def locked_until(request: HttpRequest, credentials: dict[str, Any] | None = None) -> datetime | None:
    """When the lockout that covers this request ends (``None`` if it is not locked out).

    The attempts of each parameter (the username, the address) are counted newest first; the lockout lasts
    until the attempt that reached the limit is older than the cool-off.
    """
    cool_off = get_cool_off(request)
    if cool_off is None:
        return None
    limit = get_failure_limit(request, credentials)
    handler: Any = AxesProxyHandler.get_implementation()
    AxesProxyHandler.update_request(request)
    ends: list[datetime] = []
    for attempts in handler.get_user_attempts(request, credentials):
        total = 0
        for attempt_time, failures in attempts.order_by("-attempt_time").values_list(
            "attempt_time", "failures_since_start"
        ):
            total += failures
            if total >= limit:
                ends.append(attempt_time + cool_off)
                break
    return max(ends) if ends else None


def retry_message(until: datetime | None, language: str | None = None) -> str:
    """'Try again after 14:35 (in about 15 minutes)' in the active language (or ``language``)."""
    if until is None:
        return _("Too many failed attempts. Try again later.")
    minutes = max(1, math.ceil((until - timezone.now()).total_seconds() / 60))
    at = timezone.localtime(until).strftime("%H:%M")
    if language is None:
        return _("Too many failed attempts. Try again after %(time)s (in about %(minutes)d minutes).") % {
            "time": at,
            "minutes": minutes,
        }
    with override(language):
        return retry_message(until)


def too_many_attempts(request: HttpRequest, credentials: dict[str, Any] | None = None) -> TooManyAttempts:
    """The coded error (``auth.too_many_attempts``) with the time to try again, in both languages."""
    until = locked_until(request, credentials)
    return TooManyAttempts(
        code="auth.too_many_attempts",
        message_id=retry_message(until, "id"),
        message_en=retry_message(until, "en"),
    )


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """``AXES_LOCKOUT_CALLABLE``: the login form again, answered 429, saying when to try again.

    Used for every login form that goes through ``authenticate`` (the site's and the admin's).
    """
    credentials = credentials or {}
    username = str(credentials.get("username") or "")
    form = AuthenticationForm(request, initial={"username": username})
    return render(
        request,
        "accounts/login.html",
        {
            "form": form,
            "locked_out_message": retry_message(locked_until(request, credentials)),
            "next": request.POST.get("next") or request.GET.get("next", ""),
        },
        status=429,
    )


def record_token_failure(request: HttpRequest, presented: str) -> bool:
    """Count an invalid API token against the client address; True when that starts a lockout."""
    AxesProxyHandler.user_login_failed(
        sender=TokenFailure, credentials={"username": None, "token_prefix": presented[:12]}, request=request
    )
    return bool(getattr(request, "axes_locked_out", False))


def address_locked(request: HttpRequest) -> bool:
    """Whether the client address is locked out (API tokens are refused with 429 meanwhile)."""
    return not AxesProxyHandler.is_allowed(request, {"username": None})


class TokenFailure:
    """The ``sender`` of an invalid-token failure (so receivers can tell it from a password login)."""

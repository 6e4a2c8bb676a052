"""Logins in the audit trail: successes, failures (the username tried, never the password), lockouts, logouts.

Django sends ``user_logged_in``, ``user_login_failed`` and ``user_logged_out`` from every login form that goes
through ``authenticate``/``login`` (the site's and the admin's); django-axes sends ``user_locked_out``. The
receivers are connected by ``AccountsConfig.ready``. A failed attempt is the system's record (no one is signed
in): its object is the account that was tried, when it exists, and ``new`` holds the username and address.
"""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest, HttpResponse

from kerjasama.accounts.lockout import REFUSED_WHILE_LOCKED, client_ip, locked_until
from kerjasama.accounts.models import User
from kerjasama.core import audit
from kerjasama.core.actors import SYSTEM
from kerjasama.core.audit_actions import AuditAction

#: Set on a request whose login failed (read by :class:`LoginFailureStatusMiddleware`).
LOGIN_FAILED = "kerjasama_login_failed"

USER_TYPE = "accounts.user"


def _address(request: HttpRequest | None) -> str | None:
    return client_ip(request) if request is not None else None


def _tried(username: object) -> str:
    return str(username or "")[:150]


def _target(username: str) -> dict[str, Any]:
    """The audit object of an attempt: the account, or only the name tried when no such account exists."""
    user = User.objects.filter(username=username).only("pk", "username").first() if username else None
    if user is not None:
        return {"obj": user, "object_label": user.username}
    return {"object_type": USER_TYPE, "object_id": "", "object_label": username}


def on_logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    audit.record(
        actor=user,
        action=AuditAction.LOGIN_SUCCEEDED,
        obj=user,
        object_label=user.get_username(),
        new={"ip_address": _address(request)},
    )


def on_logged_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is None or not getattr(user, "is_authenticated", False):
        return
    audit.record(actor=user, action=AuditAction.LOGOUT, obj=user, object_label=user.get_username())


def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    """A wrong password, an unknown username, or an attempt refused because of a lockout."""
    username = _tried(credentials.get("username"))
    refused = bool(request is not None and getattr(request, REFUSED_WHILE_LOCKED, False))
    if request is not None:
        setattr(request, LOGIN_FAILED, True)
    audit.record(
        actor=SYSTEM,
        action=AuditAction.LOGIN_FAILED,
        new={
            "username": username,
            "ip_address": _address(request),
            "reason": "locked_out" if refused else "credentials",
        },
        **_target(username),
    )


def on_locked_out(
    sender: Any,
    request: HttpRequest,
    username: str | None = None,
    ip_address: str | None = None,
    **kwargs: Any,
) -> None:
    """A lockout begins (axes also signals each attempt refused during one: those are failed logins)."""
    if getattr(request, REFUSED_WHILE_LOCKED, False):
        return
    until = locked_until(request, getattr(request, "axes_credentials", None))
    details = {"ip_address": ip_address, "until": until.isoformat() if until else None}
    if username:
        audit.record(
            actor=SYSTEM,
            action=AuditAction.LOGIN_LOCKED_OUT,
            new={"username": _tried(username), **details},
            **_target(_tried(username)),
        )
    else:
        audit.record(
            actor=SYSTEM,
            action=AuditAction.API_TOKEN_LOCKED_OUT,
            object_type="accounts.apitoken",
            object_label=str(ip_address or ""),
            new=details,
        )


def connect() -> None:
    user_logged_in.connect(on_logged_in, dispatch_uid="kerjasama.accounts.login_audit.in")
    user_logged_out.connect(on_logged_out, dispatch_uid="kerjasama.accounts.login_audit.out")
    user_login_failed.connect(on_login_failed, dispatch_uid="kerjasama.accounts.login_audit.failed")
    user_locked_out.connect(on_locked_out, dispatch_uid="kerjasama.accounts.login_audit.locked")


class LoginFailureStatusMiddleware:
    """Answers a failed login 401 instead of 200 (the form is shown again), so logs tell failures apart.

    A lockout is answered 429 by ``axes.middleware.AxesMiddleware`` (``accounts.lockout.lockout_response``).
    """

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response: HttpResponse = self.get_response(request)
        if getattr(request, LOGIN_FAILED, False) and response.status_code == 200:
            response.status_code = 401
        return response

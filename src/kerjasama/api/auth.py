"""API authentication: a token (``Authorization: Bearer ksd_...``: a person's, or a machine client's from the
OAuth2 client-credentials grant at ``/api/v1/oauth/token``), limited by its scopes, or the browser session."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from kerjasama.accounts import lockout, scopes
from kerjasama.accounts.services import authenticate_api_key
from kerjasama.core import audit
from kerjasama.core.actors import SYSTEM
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import KerjasamaError

#: Where the API is mounted; a path's area (``accounts.scopes.area_of``) is what follows it.
API_ROOT = "/api/v1/"


class ScopeDenied(KerjasamaError):
    """A valid token used for a request its scopes do not cover (403 ``auth.scope_denied``)."""

    http_status = 403


class TokenAuth(HttpBearer):
    """An API token, within its scopes (``accounts.scopes``: a request outside them is answered 403
    ``auth.scope_denied``). Invalid tokens count against the client address like failed logins
    (``accounts.lockout``): once it is locked out, an invalid token from it is answered 429
    (``auth.too_many_attempts``, not recorded again) until the lockout ends.

    A valid token is accepted without looking at the lockout (no query per request): a key has 256 random
    bits, so the limit is there against floods of guesses, not because a guess could succeed.
    """

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = authenticate_api_key(token)
        if found is not None:
            api_path = request.path.split(API_ROOT, 1)[-1]
            if not scopes.allows(found.scope_list, request.method or "GET", api_path):
                raise ScopeDenied(
                    "auth.scope_denied",
                    f"Token ini tidak mencakup {scopes.required(request.method or 'GET', api_path)} "
                    f"(cakupannya: {found.scopes}).",
                    f"This token does not cover {scopes.required(request.method or 'GET', api_path)} "
                    f"(its scopes: {found.scopes}).",
                )
            request.user = found.user
            return found.user
        if lockout.address_locked(request):
            raise lockout.too_many_attempts(request, {"username": None})
        audit.record(
            actor=SYSTEM,
            action=AuditAction.API_TOKEN_REJECTED,
            object_type="accounts.apitoken",
            object_label=token[:12],
            new={"ip_address": lockout.client_ip(request), "prefix": token[:12]},
        )
        if lockout.record_token_failure(request, token):
            raise lockout.too_many_attempts(request, {"username": None})
        return None


class ActiveSessionAuth(SessionAuth):
    """The logged-in browser session (CSRF-checked for unsafe methods by django-ninja)."""

    def _get_key(self, request: HttpRequest) -> str | None:
        # Without a session cookie there is no session to protect: answer 401, not a CSRF 403.
        if self.param_name not in request.COOKIES:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None


API_AUTH = [TokenAuth(), ActiveSessionAuth()]

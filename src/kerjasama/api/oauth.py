"""``POST /api/v1/oauth/token``: the OAuth2 token endpoint of the client-credentials grant (RFC 6749 §4.4) for
machine clients (``accounts.api_clients``; issue 15 item 10: the government's service gateway, SPLP).

The request is form-encoded (§4.4.2): ``grant_type=client_credentials`` and an optional ``scope``; the client
authenticates with HTTP Basic (``client_secret_basic``) or ``client_id`` and ``client_secret`` in the body
(``client_secret_post``, §2.3.1). The answer follows RFC 6749 rather than this API's error shape, because OAuth2
libraries read it: ``{"access_token", "token_type": "Bearer", "expires_in", "scope"}`` (§5.1), or
``{"error": "invalid_client" | "invalid_grant" | "invalid_scope" | "invalid_request" |
"unsupported_grant_type", "error_description"}`` (§5.2), never cached. A wrong secret counts against the
client address like a wrong password (``accounts.lockout``) and is audited.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any
from urllib.parse import unquote

from django.http import HttpRequest, HttpResponse
from ninja import Form, Router, Schema

from kerjasama.accounts import lockout
from kerjasama.accounts.api_clients import authenticate_client, issue_access_token
from kerjasama.core import audit
from kerjasama.core.actors import SYSTEM
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import KerjasamaError

router = Router(auth=None, tags=["oauth"])


class TokenOut(Schema):
    access_token: str
    token_type: str
    expires_in: int
    scope: str


class OAuthErrorOut(Schema):
    error: str
    error_description: str


def _answer(body: dict[str, Any], status: int = 200, **headers: str) -> HttpResponse:
    response = HttpResponse(json.dumps(body), status=status, content_type="application/json")
    response["Cache-Control"] = "no-store"
    response["Pragma"] = "no-cache"
    for name, value in headers.items():
        response[name] = value
    return response


def _error(error: str, description: str, status: int = 400, **headers: str) -> HttpResponse:
    return _answer({"error": error, "error_description": description}, status, **headers)


def _credentials(request: HttpRequest, client_id: str, client_secret: str) -> tuple[str, str] | None:
    """The client's id and secret from the Basic header (preferred, §2.3.1) or the body."""
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        identifier, separator, secret = decoded.partition(":")
        return (unquote(identifier), unquote(secret)) if separator else None
    if client_id and client_secret:
        return client_id, client_secret
    return None


@router.post(
    "/token",
    response={200: TokenOut, 400: OAuthErrorOut, 401: OAuthErrorOut, 429: OAuthErrorOut},
    summary="Token akses klien mesin / Access token for a machine client (OAuth2 client credentials)",
    openapi_extra={"security": []},
)
def token(
    request: HttpRequest,
    grant_type: str = Form(..., description="client_credentials"),
    scope: str = Form("", description="space-separated scopes; default: all of the client's"),
    client_id: str = Form("", description="with client_secret, when HTTP Basic is not used"),
    client_secret: str = Form("", description="with client_id, when HTTP Basic is not used"),
) -> HttpResponse:
    """Issue an access token to a registered client (RFC 6749 §4.4)."""
    if lockout.address_locked(request):
        return _error("invalid_client", "Too many failed attempts from this address; try again later.", 429)
    credentials = _credentials(request, client_id, client_secret)
    if credentials is None:
        return _error(
            "invalid_client", "Client authentication required (HTTP Basic or client_id/client_secret).", 401,
            **{"WWW-Authenticate": 'Basic realm="kerjasama"'},
        )
    client = authenticate_client(*credentials)
    if client is None:
        audit.record(
            actor=SYSTEM,
            action=AuditAction.API_CLIENT_REJECTED,
            object_type="accounts.apiclient",
            object_label=credentials[0][:40],
            new={"ip_address": lockout.client_ip(request), "client_id": credentials[0][:40]},
        )
        lockout.record_token_failure(request, credentials[0])
        return _error(
            "invalid_client", "Unknown client or wrong secret.", 401,
            **{"WWW-Authenticate": 'Basic realm="kerjasama"'},
        )
    if grant_type != "client_credentials":
        return _error("unsupported_grant_type", "Only grant_type=client_credentials is supported.")
    try:
        issued, key, seconds = issue_access_token(client=client, requested=scope)
    except KerjasamaError as exc:
        return _error("invalid_scope", exc.message_en)
    return _answer({"access_token": key, "token_type": "Bearer", "expires_in": seconds, "scope": issued.scopes})

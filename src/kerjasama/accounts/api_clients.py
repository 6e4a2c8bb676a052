"""Machine clients of the API (issue 15 item 10): the government's service gateway (SPLP, *Sistem Penghubung
Layanan Pemerintah*, Perpres 95/2018 Pasal 45 [U: the gateway's own technical standard was not in the sources])
and other agencies' systems obtain short-lived access tokens with the OAuth2 client-credentials grant (RFC 6749
§4.4) instead of holding a person's password or session.

* A client is registered for a **service account** (a user whose role and jurisdiction it acts with), with
  **scopes** (``accounts.scopes``) that narrow what its tokens may do; the secret is shown once, only its
  SHA-256 hash is stored.
* ``authenticate_client`` checks an id and secret (in constant time over the hashes); a wrong one counts
  against the client address like a wrong password (``accounts.lockout``).
* ``issue_access_token`` gives an ``ApiToken`` tied to the client, ending after
  ``KERJASAMA_OAUTH_TOKEN_SECONDS``, with the scopes asked for within the client's.
* Revoking a client ends its tokens at once (``services.authenticate_api_key`` refuses them).
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kerjasama.accounts import scopes as api_scopes
from kerjasama.accounts.models import ApiClient, ApiToken, User
from kerjasama.accounts.policy import require
from kerjasama.accounts.services import (
    TOKEN_PREFIX,
    _hash_key,
    _scope_text,
    check_role_ceiling,
)
from kerjasama.core import audit
from kerjasama.core.actors import Actor, is_system
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import KerjasamaError
from kerjasama.core.transitions import transition

CLIENT_PREFIX = "ksdc_"


def _may_manage(actor: Actor, user: User) -> None:
    """Who registers a client for ``user``: the system (the command line) or whoever manages that user."""
    if is_system(actor):
        return
    require(actor, "accounts.manage_users", user.organisation)
    check_role_ceiling(actor, target=user)


@transaction.atomic
def register_client(*, actor: Actor, user: User, name: str, scopes: Iterable[str]) -> tuple[ApiClient, str]:
    """Register a machine client acting as ``user`` within ``scopes``; the secret is returned once."""
    _may_manage(actor, user)
    if not user.is_active:
        raise KerjasamaError(
            "accounts.inactive_user",
            f"Akun {user.username} tidak aktif.",
            f"The account {user.username} is not active.",
        )
    scope_text = _scope_text(scopes)
    secret = secrets.token_urlsafe(32)
    client = ApiClient.objects.create(
        name=(name.strip() or "client")[:100],
        client_id=CLIENT_PREFIX + secrets.token_urlsafe(16),
        secret_hash=_hash_key(secret),
        user=user,
        scopes=scope_text,
        created_by=None if is_system(actor) else actor,  # type: ignore[misc]
    )
    audit.record(
        actor=actor,
        action=AuditAction.API_CLIENT_REGISTERED,
        obj=client,
        new={"client_id": client.client_id, "user": user.pk, "scopes": scope_text},
    )
    return client, secret


@transaction.atomic
def revoke_client(*, actor: Actor, client: ApiClient) -> ApiClient:
    """End a client and, with it, every access token it holds (compare-and-swap on ``revoked_at``)."""
    _may_manage(actor, client.user)
    return transition(
        client,
        actor=actor,
        action=AuditAction.API_CLIENT_REVOKED,
        field="revoked_at",
        expected=None,
        target=timezone.now(),
        conflict_code="accounts.client_already_revoked",
        describe=lambda revoked_at: ("aktif", "active") if revoked_at is None else ("sudah dicabut", "revoked"),
    )


def authenticate_client(client_id: str, secret: str) -> ApiClient | None:
    """The active client with this id and secret, or None (same answer for an unknown id and a wrong
    secret)."""
    client = (
        ApiClient.objects.select_related("user")
        .filter(client_id=client_id, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    presented = _hash_key(secret)
    if client is None:
        hmac.compare_digest(presented, presented)  # the same work either way
        return None
    return client if hmac.compare_digest(presented, client.secret_hash) else None


@transaction.atomic
def issue_access_token(*, client: ApiClient, requested: str = "") -> tuple[ApiToken, str, int]:
    """An access token for ``client`` with the scopes asked for (all of the client's when none are), within
    the client's; ``accounts.invalid_scope`` when none of those asked is granted."""
    granted = client.scopes.split()
    try:
        asked = api_scopes.parse(requested) if requested.strip() else tuple(granted)
    except api_scopes.UnknownScope as exc:
        raise _invalid_scope(str(exc)) from None
    scope_list = api_scopes.narrowed(asked, granted)
    if not scope_list or len(scope_list) < len(asked):
        raise _invalid_scope(" ".join(sorted(set(asked) - set(scope_list))) or requested)
    seconds = int(settings.KERJASAMA_OAUTH_TOKEN_SECONDS)
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = timezone.now() + timedelta(seconds=seconds)
    token = ApiToken.objects.create(
        user=client.user,
        name=f"OAuth2: {client.name}"[:100],
        prefix=key[:12],
        key_hash=_hash_key(key),
        scopes=" ".join(scope_list),
        expires_at=expires_at,
        client=client,
    )
    audit.record(
        actor=client.user,
        action=AuditAction.API_CLIENT_TOKEN_ISSUED,
        obj=token,
        new={"client_id": client.client_id, "scopes": token.scopes, "expires_at": expires_at.isoformat()},
    )
    return token, key, seconds


def _invalid_scope(what: str) -> KerjasamaError:
    return KerjasamaError(
        "accounts.invalid_scope",
        f"Cakupan tidak diberikan kepada klien ini: {what}.",
        f"Scope not granted to this client: {what}.",
    )

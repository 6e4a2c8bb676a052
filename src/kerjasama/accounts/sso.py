"""Single sign-on with OpenID Connect: configuration, discovery, and how a login finds its account.

Issue 15 item 5. Many regions run their own identity provider (Keycloak or another OIDC provider); officials
sign in there with the authorization code flow and PKCE (RFC 7636), through ``mozilla-django-oidc``
(:mod:`kerjasama.accounts.oidc`). This module holds the rules that are the system's, not the library's:

- the provider's endpoints from settings, or read once from its discovery document (no network at import);
- a login is matched first by the stored link (issuer + ``sub``), so a changed e-mail or name changes nothing;
- a first login links to an existing account only as ``KERJASAMA_OIDC_LINK_BY`` says (NIP, e-mail or none),
  the NIP claim validated first (18 digits, PP 11/2017 jo. Peraturan BKN on the NIP);
- an account already linked to another identity of the same provider is refused;
- an unknown person gets no role: with ``KERJASAMA_OIDC_CREATE_USERS`` an inactive account without role or
  organisation is made for an administrator to complete; either way the person sees "not linked yet";
- every login, link, creation and refusal is in the audit trail (``AuditAction.SSO_*``).

The provider never grants a role or an organisation: they are assigned in the system (``accounts.services``).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

import requests
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from kerjasama.accounts.models import SsoIdentity, User
from kerjasama.accounts.policy import require
from kerjasama.core import audit
from kerjasama.core.actors import SYSTEM, Actor
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import KerjasamaError

#: A NIP has 18 digits (PP 11/2017 jo. Peraturan BKN; as ``letters.domain.signature``).
NIP_PATTERN = re.compile(r"^\d{18}$")
LINK_METHODS = ("nip", "email")

#: mozilla-django-oidc setting → the key of the provider's discovery document (OpenID Connect Discovery 1.0).
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "KERJASAMA_OIDC_END_SESSION_ENDPOINT": "end_session_endpoint",
}

_discovery_cache: dict[str, dict[str, Any]] = {}
_discovery_lock = threading.Lock()


class SsoRefused(KerjasamaError):
    """A single sign-on refused: the person is not signed in and the refusal is audited."""

    http_status = 403


class SsoNotLinked(SsoRefused):
    """The provider knows the person, the system has no active account linked to them (yet)."""


def refused(code: str, message_id: str, message_en: str) -> SsoRefused:
    return SsoRefused(f"sso.{code}", message_id, message_en)


def not_linked() -> SsoNotLinked:
    return SsoNotLinked(
        "sso.not_linked",
        "Akun Anda belum ditautkan. Mintalah administrator sistem menautkan atau mengaktifkan akun Anda.",
        "Your account is not linked yet. Ask your system administrator to link or activate your account.",
    )


def enabled() -> bool:
    return bool(getattr(settings, "KERJASAMA_OIDC_ENABLED", False))


def issuer() -> str:
    return str(settings.KERJASAMA_OIDC_ISSUER).rstrip("/")


def clear_discovery_cache() -> None:
    with _discovery_lock:
        _discovery_cache.clear()


def _discovery() -> dict[str, Any]:
    iss = issuer()
    if not iss:
        raise refused(
            "not_configured",
            "SSO belum dikonfigurasi (KERJASAMA_OIDC_ISSUER atau endpoint kosong).",
            "SSO is not configured (KERJASAMA_OIDC_ISSUER or the endpoints are empty).",
        )
    with _discovery_lock:
        if iss in _discovery_cache:
            return _discovery_cache[iss]
    try:
        response = requests.get(f"{iss}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise unreachable() from exc
    if str(document.get("issuer", "")).rstrip("/") != iss:
        raise refused(
            "discovery_issuer",
            "Dokumen discovery penyedia identitas menyebut penerbit lain.",
            "The identity provider's discovery document names another issuer.",
        )
    with _discovery_lock:
        _discovery_cache[iss] = document
    return document


def unreachable() -> SsoRefused:
    return refused(
        "provider_unreachable",
        "Penyedia identitas (SSO) tidak dapat dihubungi. Coba lagi nanti atau masuk dengan akun lokal.",
        "The identity provider (SSO) cannot be reached. Try again later or log in with a local account.",
    )


def provider_setting(name: str) -> str:
    """An endpoint: the explicit setting, else the provider's discovery document (read once per process)."""
    value = str(getattr(settings, name, "") or "")
    if value or name not in DISCOVERED:
        return value
    return str(_discovery().get(DISCOVERED[name], "") or "")


def _claim(claims: dict[str, Any], setting: str) -> str:
    name = str(getattr(settings, setting, "") or "")
    value = claims.get(name) if name else None
    return str(value).strip() if value is not None else ""


@dataclass(frozen=True)
class SsoClaimsFact:
    """What the provider says about the person, through the claim mapping (``KERJASAMA_OIDC_CLAIM_*``)."""

    issuer: str
    subject: str
    username: str
    name: str
    nip: str
    email: str
    unit: str

    @classmethod
    def from_claims(cls, *, iss: str, claims: dict[str, Any]) -> SsoClaimsFact:
        return cls(
            issuer=iss.rstrip("/"),
            subject=str(claims.get("sub") or ""),
            username=_claim(claims, "KERJASAMA_OIDC_CLAIM_USERNAME"),
            name=_claim(claims, "KERJASAMA_OIDC_CLAIM_NAME"),
            nip=_claim(claims, "KERJASAMA_OIDC_CLAIM_NIP").replace(" ", ""),
            email=_claim(claims, "KERJASAMA_OIDC_CLAIM_EMAIL"),
            unit=_claim(claims, "KERJASAMA_OIDC_CLAIM_UNIT"),
        )

    def label(self) -> str:
        return (self.username or self.email or self.subject)[:150]


def record_refusal(exc: KerjasamaError, *, fact: SsoClaimsFact | None = None, ip_address: str | None) -> None:
    """Audit a refused single sign-on (no one is signed in: the system records it)."""
    details: dict[str, Any] = {"code": exc.code, "ip_address": ip_address}
    if fact is not None:
        details.update({"issuer": fact.issuer, "subject": fact.subject, "username": fact.username})
    with transaction.atomic():
        audit.record(
            actor=SYSTEM,
            action=AuditAction.SSO_REFUSED,
            object_type="accounts.user",
            object_id="",
            object_label=fact.label() if fact else "",
            new=details,
            reason=exc.message_en,
        )


def _link_methods() -> list[str]:
    methods = [m.strip().lower() for m in settings.KERJASAMA_OIDC_LINK_BY if m.strip()]
    unknown = [m for m in methods if m not in (*LINK_METHODS, "none")]
    if unknown:
        raise refused(
            "link_setting",
            f"KERJASAMA_OIDC_LINK_BY tidak dikenal: {', '.join(unknown)} (none, nip, email, nip,email).",
            f"Unknown KERJASAMA_OIDC_LINK_BY: {', '.join(unknown)} (none, nip, email, nip,email).",
        )
    return [m for m in methods if m in LINK_METHODS]


def _candidate(fact: SsoClaimsFact, methods: list[str]) -> tuple[User | None, str]:
    for method in methods:
        if method == "nip":
            if not fact.nip:
                continue
            if not NIP_PATTERN.match(fact.nip):
                raise refused(
                    "nip_invalid",
                    "NIP dari penyedia identitas tidak sah (harus 18 angka); akun tidak ditautkan.",
                    "The NIP from the identity provider is not valid (it must be 18 digits); nothing linked.",
                )
            users = list(User.objects.filter(nip=fact.nip)[:2])
        else:
            if not fact.email:
                continue
            users = list(User.objects.filter(email__iexact=fact.email)[:2])
        if len(users) > 1:
            raise refused(
                "ambiguous",
                "Lebih dari satu akun cocok; administrator harus menautkan akun Anda.",
                "More than one account matches; an administrator must link your account.",
            )
        if users:
            return users[0], method
    return None, ""


def _refuse_inactive(user: User) -> None:
    if user.is_active:
        return
    if not user.role:
        raise not_linked()  # made by a first login, waiting for an administrator
    raise refused(
        "account_inactive",
        "Akun Anda dinonaktifkan. Hubungi administrator sistem.",
        "Your account is deactivated. Contact your system administrator.",
    )


def resolve_login(*, fact: SsoClaimsFact) -> User:
    """The account a verified SSO login signs in to, linking it on a first login as configured.

    Raises :class:`SsoRefused` (audited by the caller) or :class:`SsoNotLinked`. The provider's claims never
    grant a role or an organisation.
    """
    if not fact.subject:
        raise refused("no_subject", "Token tanpa subjek (sub).", "The token has no subject (sub).")
    with transaction.atomic():
        identity = (
            SsoIdentity.objects.select_related("user")
            .filter(issuer=fact.issuer, subject=fact.subject)
            .first()
        )
        if identity is not None:
            identity.last_login_at = timezone.now()
            identity.claimed_email = fact.email[:254]
            identity.claimed_unit = fact.unit[:200]
            if NIP_PATTERN.match(fact.nip):
                identity.claimed_nip = fact.nip
            identity.save(update_fields=["last_login_at", "claimed_email", "claimed_unit", "claimed_nip"])
            _refuse_inactive(identity.user)
            return identity.user
        user, method = _candidate(fact, _link_methods())
        if user is not None:
            if SsoIdentity.objects.filter(user=user, issuer=fact.issuer).exists():
                raise refused(
                    "linked_elsewhere",
                    "Akun yang cocok sudah ditautkan ke identitas SSO lain; tidak ditautkan lagi.",
                    "The matching account is already linked to another SSO identity; not linked again.",
                )
            _refuse_inactive(user)
            _link(user=user, fact=fact, linked_by=method, actor=SYSTEM)
            return user
    if settings.KERJASAMA_OIDC_CREATE_USERS:
        _create_unprivileged(fact)
    raise not_linked()


def _link(*, user: User, fact: SsoClaimsFact, linked_by: str, actor: Actor) -> SsoIdentity:
    try:
        with transaction.atomic():
            identity = SsoIdentity.objects.create(
                user=user,
                issuer=fact.issuer,
                subject=fact.subject,
                linked_by=linked_by,
                claimed_nip=fact.nip if NIP_PATTERN.match(fact.nip) else "",
                claimed_email=fact.email[:254],
                claimed_unit=fact.unit[:200],
                last_login_at=timezone.now() if actor is SYSTEM else None,
            )
    except IntegrityError as exc:
        raise subject_linked_elsewhere() from exc
    audit.record(
        actor=actor,
        action=AuditAction.SSO_LINKED,
        obj=user,
        object_label=user.username,
        new={"issuer": fact.issuer, "subject": fact.subject, "linked_by": linked_by},
    )
    return identity


def subject_linked_elsewhere() -> SsoRefused:
    return refused(
        "subject_linked_elsewhere",
        "Identitas SSO ini sudah ditautkan ke akun lain.",
        "This SSO identity is already linked to another account.",
    )


def _free_username(wanted: str) -> str:
    base = re.sub(r"[^\w.@+-]", "", wanted)[:140] or "sso"
    candidate, n = base, 1
    while User.objects.filter(username=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _create_unprivileged(fact: SsoClaimsFact) -> User:
    """An inactive account with no role and no organisation (KERJASAMA_OIDC_CREATE_USERS), linked."""
    with transaction.atomic():
        nip = (
            fact.nip if NIP_PATTERN.match(fact.nip) and not User.objects.filter(nip=fact.nip).exists() else ""
        )
        user = User(
            username=_free_username(fact.username or fact.subject),
            email=fact.email[:254],
            full_name=fact.name[:200],
            nip=nip,
            role="",
            organisation=None,
            is_active=False,
        )
        user.set_unusable_password()
        audit.save_with_history(user, actor=SYSTEM, action=AuditAction.SSO_ACCOUNT_CREATED)
        audit.record(
            actor=SYSTEM,
            action=AuditAction.SSO_ACCOUNT_CREATED,
            obj=user,
            object_label=user.username,
            new={"issuer": fact.issuer, "subject": fact.subject, "role": "", "is_active": False},
        )
        _link(user=user, fact=fact, linked_by=SsoIdentity.LinkedBy.CREATED, actor=SYSTEM)
    return user


def link_identity(*, actor: Actor, user: User, issuer: str, subject: str) -> SsoIdentity:
    """An administrator links an account to an identity at the provider (e.g. when NIP and e-mail differ)."""
    with transaction.atomic():
        require(actor, "accounts.manage_users", user.organisation)
        if SsoIdentity.objects.filter(issuer=issuer.rstrip("/"), subject=subject).exclude(user=user).exists():
            raise subject_linked_elsewhere()
        if SsoIdentity.objects.filter(user=user, issuer=issuer.rstrip("/")).exists():
            raise refused(
                "linked_elsewhere",
                "Akun ini sudah ditautkan ke identitas SSO lain dari penyedia yang sama.",
                "This account is already linked to another SSO identity of the same provider.",
            )
        fact = SsoClaimsFact(
            issuer=issuer.rstrip("/"), subject=subject, username="", name="", nip="", email="", unit=""
        )
        return _link(user=user, fact=fact, linked_by=SsoIdentity.LinkedBy.ADMIN, actor=actor)


def unlink_identity(*, actor: Actor, identity: SsoIdentity) -> None:
    with transaction.atomic():
        require(actor, "accounts.manage_users", identity.user.organisation)
        audit.record(
            actor=actor,
            action=AuditAction.SSO_UNLINKED,
            obj=identity.user,
            object_label=identity.user.username,
            old={"issuer": identity.issuer, "subject": identity.subject, "linked_by": identity.linked_by},
        )
        identity.delete()


def record_login(*, user: User, fact: SsoClaimsFact, ip_address: str | None) -> None:
    with transaction.atomic():
        audit.record(
            actor=user,
            action=AuditAction.SSO_LOGIN_SUCCEEDED,
            obj=user,
            object_label=user.username,
            new={"issuer": fact.issuer, "subject": fact.subject, "ip_address": ip_address},
        )

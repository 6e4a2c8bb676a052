"""Every change to organisations, users and API tokens (house rule 2)."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kerjasama.accounts import scopes as api_scopes
from kerjasama.accounts.choices import ROLE_ORGANISATION_KINDS, OrganisationKind, Role
from kerjasama.accounts.models import ApiToken, Organisation, User
from kerjasama.accounts.policy import require
from kerjasama.core import audit
from kerjasama.core.actors import Actor, is_system
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import KerjasamaError, PermissionDenied, field_error, reject_unknown_fields
from kerjasama.core.transitions import transition
from kerjasama.core.versioning import claim_version

TOKEN_PREFIX = "ksd_"  # noqa: S105 - a public marker that starts every key, not a secret


def _user_snapshot(user: User) -> dict[str, Any]:
    return {
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email,
        "organisation": user.organisation_id,
        "role": user.role,
        "is_unit_head": user.is_unit_head,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        # Personal data (UU 27/2022): the trail says that the NIP changed, not the NIP.
        "nip": f"{'*' * 14}{user.nip[-4:]}" if user.nip else "",
    }


def _org_snapshot(org: Organisation) -> dict[str, Any]:
    return {
        "name": org.name,
        "kind": org.kind,
        "region": org.region_id,
        "parent": org.parent_id,
        "opd_function": org.opd_function,
        "is_active": org.is_active,
        "registration_number": org.registration_number,
    }


def _check_role_fits(role: str, organisation: Organisation | None) -> None:
    if role not in Role.values:
        raise KerjasamaError(
            "accounts.unknown_role", f"Peran tidak dikenal: {role}.", f"Unknown role: {role}."
        )
    if organisation is None:
        if role == Role.SYSTEM_ADMIN:
            return
        raise KerjasamaError(
            "accounts.organisation_required",
            "Pengguna harus tergabung dalam sebuah organisasi.",
            "A user must belong to an organisation.",
        )
    if organisation.kind not in ROLE_ORGANISATION_KINDS[role]:
        raise KerjasamaError(
            "accounts.role_mismatch",
            f"Peran '{Role(role).label}' tidak dapat diberikan kepada anggota organisasi jenis "
            f"'{OrganisationKind(organisation.kind).label}'.",
            f"Role '{role}' cannot be given to a member of a '{organisation.kind}' organisation.",
        )
    if role == Role.GOVERNOR_OFFICE and (organisation.region_id is None or "." in organisation.region_id):
        raise KerjasamaError(
            "accounts.role_mismatch",
            "Peran kantor gubernur hanya untuk organisasi pemerintah daerah provinsi.",
            "The governor's-office role belongs only to a provincial government organisation.",
        )


class AboveRoleCeiling(PermissionDenied):
    """The actor tried to give a role, or manage an account, above what it may hand out (code
    ``accounts.role_ceiling``, HTTP 403)."""

    def __init__(self, message_id: str, message_en: str) -> None:
        KerjasamaError.__init__(
            self, code="accounts.role_ceiling", message_id=message_id, message_en=message_en
        )


def _holds_system_admin(user: User) -> bool:
    return bool(user.is_superuser or user.role == Role.SYSTEM_ADMIN)


def check_role_ceiling(actor: Actor, *, role: str | None = None, target: User | None = None) -> None:
    """The role ceiling of every service that assigns a role or manages someone else's account.

    The system-administrator role carries national jurisdiction and the admin site, so only the system itself
    (``SYSTEM``: a command on the server) and a superuser may give it (``role``) or manage an account that holds
    it (``target``: its role, organisation, password or tokens). Below that ceiling, who manages whose account
    is the ``accounts.manage_users`` permission (a Pemda's cooperation unit, its own Pemda's accounts).
    """
    if is_system(actor) or getattr(actor, "is_superuser", False):
        return
    if role == Role.SYSTEM_ADMIN:
        raise AboveRoleCeiling(
            "Hanya superuser yang dapat memberikan peran administrator sistem.",
            "Only a superuser can give the system-administrator role.",
        )
    if target is not None and _holds_system_admin(target):
        raise AboveRoleCeiling(
            "Hanya superuser yang dapat mengelola akun administrator sistem.",
            "Only a superuser can manage a system administrator's account.",
        )


def _validate_organisation(*, kind: str, region: Any, parent: Organisation | None) -> None:
    if kind not in OrganisationKind.values:
        raise KerjasamaError(
            "accounts.unknown_kind",
            f"Jenis organisasi tidak dikenal: {kind}.",
            f"Unknown organisation kind: {kind}.",
        )
    if kind == OrganisationKind.PEMDA and (region is None or not region.is_autonomous):
        raise KerjasamaError(
            "accounts.pemda_needs_autonomous_region",
            "Pemda harus terhubung dengan daerah otonom.",
            "A Pemda must be linked to an autonomous region.",
        )
    if kind == OrganisationKind.OPD and (parent is None or parent.kind != OrganisationKind.PEMDA):
        raise KerjasamaError(
            "accounts.opd_needs_pemda",
            "OPD harus berada di bawah sebuah Pemda.",
            "An OPD must sit under a Pemda.",
        )


@transaction.atomic
def create_organisation(
    *,
    actor: Actor,
    name: str,
    kind: str,
    region: Any = None,
    parent: Organisation | None = None,
    opd_function: str = "",
    is_demo: bool = False,
    registration_number: str = "",
) -> Organisation:
    require(actor, "accounts.manage_organisation")
    name = name.strip()
    if not name:
        raise KerjasamaError(
            "accounts.name_required", "Nama organisasi wajib diisi.", "The name is required."
        )
    _validate_organisation(kind=kind, region=region, parent=parent)
    if kind == OrganisationKind.OPD and parent is not None:
        region = parent.region  # an OPD works in its Pemda's region
    if kind == OrganisationKind.PEMDA and Organisation.objects.filter(kind=kind, region=region).exists():
        raise KerjasamaError(
            "accounts.pemda_exists",
            f"Pemda untuk {region} sudah ada.",
            f"A Pemda for {region} already exists.",
        )
    org = Organisation.objects.create(
        name=name,
        kind=kind,
        region=region,
        parent=parent,
        opd_function=opd_function,
        is_demo=is_demo,
        registration_number=registration_number.strip()[:100],
    )
    audit.record(actor=actor, action=AuditAction.ORGANISATION_CREATED, obj=org, new=_org_snapshot(org))
    return org


@transaction.atomic
def update_organisation(
    *, actor: Actor, organisation: Organisation, expected_version: int | None = None, **changes: Any
) -> Organisation:
    """Change an organisation's name, unit function, registration number (NIB …) or active flag.

    ``expected_version`` is the version the editing form read; a save from an older one is refused with
    ``accounts.stale_version`` (409) and nothing is written (issue 8, item 11).
    """
    require(actor, "accounts.manage_organisation", organisation)
    allowed = {"name", "opd_function", "is_active", "registration_number"}
    reject_unknown_fields(changes, allowed, app="accounts")
    claim_version(organisation, expected=expected_version, code="accounts.stale_version")
    old = _org_snapshot(organisation)
    for field, value in changes.items():
        setattr(organisation, field, value)
    organisation.save()
    audit.record(
        actor=actor,
        action=AuditAction.ORGANISATION_UPDATED,
        obj=organisation,
        old=old,
        new=_org_snapshot(organisation),
    )
    return organisation


def _check_password(password: str, user: User | None = None) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise KerjasamaError(
            "accounts.weak_password",
            "Kata sandi tidak memenuhi syarat: " + " ".join(exc.messages),
            "The password does not meet the requirements: " + " ".join(exc.messages),
        ) from exc


@transaction.atomic
def create_user(
    *,
    actor: Actor,
    username: str,
    organisation: Organisation | None,
    role: str,
    password: str,
    full_name: str = "",
    email: str = "",
    position: str = "",
    is_unit_head: bool = False,
    is_demo: bool = False,
) -> User:
    """Create an account. System administrators get the admin site (is_staff); nobody else does."""
    require(actor, "accounts.manage_users", organisation)
    username = username.strip()
    if not username:
        raise KerjasamaError(
            "accounts.username_required", "Nama pengguna wajib diisi.", "A username is required."
        )
    if User.objects.filter(username__iexact=username).exists():
        raise KerjasamaError(
            "accounts.username_taken",
            f"Nama pengguna '{username}' sudah dipakai.",
            f"The username '{username}' is already taken.",
        )
    _check_role_fits(role, organisation)
    check_role_ceiling(actor, role=role)
    user = User(
        username=username,
        organisation=organisation,
        role=role,
        full_name=full_name,
        email=email,
        position=position,
        is_unit_head=is_unit_head,
        is_demo=is_demo,
    )
    _check_password(password, user)
    user.set_password(password)
    user.is_staff = role == Role.SYSTEM_ADMIN
    user.is_superuser = role == Role.SYSTEM_ADMIN
    user.save()
    audit.record(actor=actor, action=AuditAction.USER_CREATED, obj=user, new=_user_snapshot(user))
    return user


def _checked_nip(nip: str, user: User) -> str:
    """A NIP has 18 digits (PP 11/2017 jo. Peraturan BKN) and belongs to one account: single sign-on links by it."""
    nip = nip.replace(" ", "")
    if nip and not (len(nip) == 18 and nip.isdigit()):
        raise field_error("accounts.nip_invalid", "nip", "NIP terdiri atas 18 angka.", "A NIP has 18 digits.")
    if nip and User.objects.filter(nip=nip).exclude(pk=user.pk).exists():
        raise field_error(
            "accounts.nip_taken",
            "nip",
            "NIP ini sudah dipakai akun lain.",
            "This NIP belongs to another account.",
        )
    return nip


@transaction.atomic
def update_user(*, actor: Actor, user: User, expected_version: int | None = None, **changes: Any) -> User:
    """Change a user's name, e-mail, position, head-of-unit flag, role, organisation or active flag.

    ``expected_version`` is the version the editing form read; a save from an older one is refused with
    ``accounts.stale_version`` (409) and nothing is written (issue 8, item 11).
    """
    require(actor, "accounts.manage_users", user.organisation)
    allowed = {"full_name", "email", "position", "is_unit_head", "role", "organisation", "is_active", "nip"}
    reject_unknown_fields(changes, allowed, app="accounts")
    if "nip" in changes:
        changes["nip"] = _checked_nip(str(changes["nip"] or ""), user)
    if "organisation" in changes:
        require(actor, "accounts.manage_users", changes["organisation"])
    check_role_ceiling(actor, role=changes.get("role"), target=user)
    claim_version(user, expected=expected_version, code="accounts.stale_version")
    old = _user_snapshot(user)
    for field, value in changes.items():
        setattr(user, field, value)
    _check_role_fits(user.role, user.organisation)
    if user.role != old["role"]:
        # The role decides the admin flags, as in create_user: a demoted administrator keeps no superuser.
        user.is_superuser = user.role == Role.SYSTEM_ADMIN
    user.is_staff = user.is_superuser or user.role == Role.SYSTEM_ADMIN
    user.save()
    audit.record(actor=actor, action=AuditAction.USER_UPDATED, obj=user, old=old, new=_user_snapshot(user))
    return user


@transaction.atomic
def change_password(*, actor: Actor, user: User, new_password: str) -> None:
    """A user changes their own password (or an account manager resets someone else's)."""
    if actor.pk != user.pk:
        require(actor, "accounts.manage_users", user.organisation)
        check_role_ceiling(actor, target=user)
    _check_password(new_password, user)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    audit.record(actor=actor, action=AuditAction.USER_PASSWORD_CHANGED, obj=user)


def _hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def issue_api_token(
    *, actor: Actor, user: User, name: str, scopes: Iterable[str] = api_scopes.FULL
) -> tuple[ApiToken, str]:
    """Issue a personal token limited to ``scopes`` (``accounts.scopes``; by default read and write, as before
    scopes existed); the plain key is returned once and never stored."""
    if actor.pk != user.pk:
        require(actor, "accounts.manage_users", user.organisation)
        check_role_ceiling(actor, target=user)
    name = name.strip() or "token"
    scope_text = _scope_text(scopes)
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name[:100], prefix=key[:12], key_hash=_hash_key(key), scopes=scope_text
    )
    audit.record(
        actor=actor,
        action=AuditAction.API_TOKEN_ISSUED,
        obj=token,
        new={"user": user.pk, "name": token.name, "scopes": scope_text},
    )
    return token, key


def _scope_text(scopes: Iterable[str]) -> str:
    """Scopes as stored, or ``accounts.unknown_scope`` for one outside the vocabulary; at least one."""
    try:
        parsed = api_scopes.parse(list(scopes))
    except api_scopes.UnknownScope as exc:
        raise KerjasamaError(
            "accounts.unknown_scope",
            f"Cakupan tidak dikenal: {exc}. Yang tersedia: {', '.join(api_scopes.ALL_SCOPES)}.",
            f"Unknown scope: {exc}. Available: {', '.join(api_scopes.ALL_SCOPES)}.",
        ) from None
    if not parsed:
        raise KerjasamaError(
            "accounts.no_scope", "Pilih sekurang-kurangnya satu cakupan.", "Choose at least one scope."
        )
    return " ".join(parsed)


@transaction.atomic
def revoke_api_token(*, actor: Actor, token: ApiToken) -> ApiToken:
    if actor.pk != token.user_id:
        require(actor, "accounts.manage_users", token.user.organisation)
        check_role_ceiling(actor, target=token.user)
    # Compare-and-swap on ``revoked_at``: only the first of two concurrent revocations writes (house rule 5).
    return transition(
        token,
        actor=actor,
        action=AuditAction.API_TOKEN_REVOKED,
        field="revoked_at",
        expected=None,
        target=timezone.now(),
        conflict_code="accounts.token_already_revoked",
        describe=_token_state,
    )


def _token_state(revoked_at: object) -> tuple[str, str]:
    return ("aktif", "active") if revoked_at is None else ("sudah dicabut", "revoked")


def authenticate_token(key: str) -> User | None:
    """The user behind an API key, or None. Revoked and expired tokens and inactive users are refused."""
    token = authenticate_api_key(key)
    return token.user if token is not None else None


def authenticate_api_key(key: str) -> ApiToken | None:
    """The token (with its user and scopes) behind an API key, or None: revoked or expired tokens, tokens of a
    revoked client and inactive users are refused."""
    if not key.startswith(TOKEN_PREFIX):
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user", "user__organisation")
        .filter(key_hash=_hash_key(key), revoked_at__isnull=True, user__is_active=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .filter(Q(client__isnull=True) | Q(client__revoked_at__isnull=True))
        .first()
    )
    if token is None:
        return None
    # Touch last_used at most once a minute: no write per request. A plain update, not a transition: it is
    # bookkeeping, not a change of the token's state, so it needs no history row, audit event or claim.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token

"""Who may see and do what (house rule 4).

Lists are scoped by ``Model.objects.visible_to(user)``, which rests on :func:`jurisdiction_of`; single objects
go through :func:`can`, which asks the ``rules`` permission registry defined at the bottom of this module.

Jurisdiction follows the organisation: Kemendagri (and system admins) see the whole country; a Pemda of a
province sees the province and its kab/kota (the governor acts there as central-government representative,
UU 23/2014 Pasal 91 and 370(1)); a Pemda of a kab/kota sees itself; a third party sees only itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import rules

from kerjasama.accounts.choices import GOVERNMENT_KINDS, OrganisationKind, Role
from kerjasama.core.actors import is_system


@dataclass(frozen=True)
class Jurisdiction:
    user_id: int | None
    organisation_id: int | None
    national: bool = False
    province_code: str | None = None
    region_code: str | None = None
    sees_audit_trail: bool = False

    def covers_region(self, code: str | None) -> bool:
        if self.national:
            return True
        if code is None:
            return False
        if self.province_code:
            return code == self.province_code or code.startswith(self.province_code + ".")
        return code == self.region_code


NOBODY = Jurisdiction(user_id=None, organisation_id=None)


def jurisdiction_of(user: Any) -> Jurisdiction:
    """The part of the country (and of the records) a user may see."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOBODY
    org = user.organisation
    org_id = org.pk if org is not None else None
    if user.is_superuser or user.role == Role.SYSTEM_ADMIN:
        return Jurisdiction(user.pk, org_id, national=True, sees_audit_trail=True)
    if org is None or not org.is_active:
        return Jurisdiction(user.pk, None)
    is_auditor = user.role == Role.AUDITOR
    if org.kind == OrganisationKind.KEMENDAGRI:
        return Jurisdiction(user.pk, org_id, national=True, sees_audit_trail=True)
    if org.kind in GOVERNMENT_KINDS and org.region_id:
        region_code: str = org.region_id
        if "." not in region_code:
            return Jurisdiction(user.pk, org_id, province_code=region_code, sees_audit_trail=is_auditor)
        return Jurisdiction(user.pk, org_id, region_code=region_code, sees_audit_trail=is_auditor)
    return Jurisdiction(user.pk, org_id)


# --- predicates -------------------------------------------------------------------------------------------


@rules.predicate
def is_system_admin(user: Any) -> bool:
    return bool(user.is_active and (user.is_superuser or user.role == Role.SYSTEM_ADMIN))


@rules.predicate
def is_ministry(user: Any) -> bool:
    org = user.organisation
    return bool(
        user.role == Role.MINISTRY
        and org is not None
        and org.kind == OrganisationKind.KEMENDAGRI
        and org.is_active
    )


@rules.predicate
def is_read_only(user: Any) -> bool:
    return bool(user.role == Role.AUDITOR)


@rules.predicate
def organisation_in_jurisdiction(user: Any, org: Any) -> bool:
    if org is None:
        return False
    scope = jurisdiction_of(user)
    if scope.national or org.pk == scope.organisation_id:
        return True
    return bool(org.region_id) and scope.covers_region(org.region_id)


@rules.predicate
def manages_own_pemda(user: Any, org: Any) -> bool:
    """A cooperation-unit operator administers the accounts of its own Pemda and that Pemda's units."""
    if org is None or user.role != Role.COOPERATION_OPERATOR or user.organisation is None:
        return False
    mine = user.organisation
    pemda = mine if mine.kind == OrganisationKind.PEMDA else mine.parent
    if pemda is None:
        return False
    return bool(org.pk == pemda.pk or org.parent_id == pemda.pk)


@rules.predicate
def works_for_region(user: Any, region: Any) -> bool:
    """The user's organisation is the Pemda (or one of its units) of exactly this region."""
    org = user.organisation
    return bool(region is not None and org is not None and org.is_active and org.region_id == region.code)


@rules.predicate
def is_profile_editor(user: Any) -> bool:
    # The cooperation unit coordinates the identification with the planning unit (S-seed000).
    return user.role in (Role.COOPERATION_OPERATOR, Role.PLANNING_UNIT)


@rules.predicate
def is_tkksd_member(user: Any) -> bool:
    return bool(user.role == Role.TKKSD_MEMBER)


@rules.predicate
def is_cooperation_operator(user: Any) -> bool:
    return bool(user.role == Role.COOPERATION_OPERATOR)


rules.add_perm("accounts.view_organisation", organisation_in_jurisdiction)
rules.add_perm("accounts.manage_users", is_system_admin | (manages_own_pemda & ~is_read_only))
rules.add_perm("accounts.manage_organisation", is_system_admin)
rules.add_perm("regions.override_adjacency", is_system_admin | is_ministry)
rules.add_perm("regions.import_boundaries", is_system_admin | is_ministry)
rules.add_perm("affairs.edit_authority", is_system_admin | is_ministry)
# Pemetaan urusan: a region edits only its own profile and identifications; its TKKSD verifies them.
rules.add_perm("mapping.edit_region", is_system_admin | (works_for_region & is_profile_editor))
rules.add_perm("mapping.verify_identification", is_system_admin | (works_for_region & is_tkksd_member))
rules.add_perm("mapping.publish_identification", is_system_admin | (works_for_region & is_cooperation_operator))
rules.add_perm("mapping.run_national", is_system_admin | is_ministry)


def can(user: Any, action: str, obj: Any = None) -> bool:
    """The single entry point for object-level checks in views, API handlers and services."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(rules.has_perm(action, user, obj))


def require(actor: Any, action: str, obj: Any = None) -> None:
    """Raise ``PermissionDenied`` unless ``actor`` may do ``action``.

    ``SYSTEM`` (``kerjasama.core.actors``) is the system itself: an operator running a ``kerjasama`` command
    on the server, who already holds the server's credentials. Every such change is still written to the
    audit trail. ``None`` is not an actor: it is refused, so a forgotten argument never skips policy.
    """
    from kerjasama.core.errors import PermissionDenied

    if is_system(actor):
        return
    if actor is None:
        # Transitional: callers still passing None are being moved to SYSTEM (issue 7); until then None
        # keeps its old meaning so nothing breaks half-way. Removed when no caller passes None.
        return
    if not can(actor, action, obj):
        raise PermissionDenied(action)

"""Who may see and do what (house rule 4): the jurisdiction of a user, and the one entry point for checks.

Lists are scoped by ``Model.objects.restrict(user, "view")`` (``kerjasama.core.scoping``), which rests on
:func:`jurisdiction_of`; single objects go through :func:`can`, which asks the ``rules`` permission registry.
Each app declares its own permissions and predicates in its ``rules.py`` (autodiscovered by the ``rules``
app); the predicates several apps share are in :mod:`kerjasama.accounts.predicates`.

Jurisdiction follows the organisation: Kemendagri (and system admins) see the whole country; a Pemda of a
province sees the province and its kab/kota (the governor acts there as central-government representative,
UU 23/2014 Pasal 91 and 370(1)); a Pemda of a kab/kota sees itself; a third party sees only itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import rules

from kerjasama.accounts.choices import GOVERNMENT_KINDS, THIRD_PARTY_KINDS, OrganisationKind, Role
from kerjasama.core.actors import Actor, is_system
from kerjasama.core.errors import PermissionDenied


@dataclass(frozen=True)
class Jurisdiction:
    """A user's part of the country and of the records (``kerjasama.core.scoping.Scope``)."""

    user_id: int | None
    organisation_id: int | None
    national: bool = False
    province_code: str | None = None
    region_code: str | None = None
    sees_audit_trail: bool = False
    #: The user speaks for a third party (pihak ketiga, PP 28/2018 Pasal 14), not for a government.
    third_party: bool = False

    def covers_region(self, code: str | None) -> bool:
        if self.national:
            return True
        if code is None:
            return False
        if self.province_code:
            return code == self.province_code or code.startswith(self.province_code + ".")
        return code == self.region_code


NOBODY = Jurisdiction(user_id=None, organisation_id=None)

#: The system itself (``kerjasama.core.actors.SYSTEM``: commands and the task worker) reads the whole country.
SYSTEM_JURISDICTION = Jurisdiction(user_id=None, organisation_id=None, national=True, sees_audit_trail=True)


def jurisdiction_of(user: Any) -> Jurisdiction:
    """The part of the country (and of the records) a user may see."""
    if is_system(user):
        return SYSTEM_JURISDICTION
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOBODY
    org = user.organisation
    org_id = org.pk if org is not None else None
    if user.is_superuser or user.role == Role.SYSTEM_ADMIN:
        return Jurisdiction(user.pk, org_id, national=True, sees_audit_trail=True)
    third_party = org is not None and org.kind in THIRD_PARTY_KINDS
    if org is None or not org.is_active:
        return Jurisdiction(user.pk, None, third_party=third_party)
    is_auditor = user.role == Role.AUDITOR
    if org.kind == OrganisationKind.KEMENDAGRI:
        return Jurisdiction(user.pk, org_id, national=True, sees_audit_trail=True)
    if org.kind in GOVERNMENT_KINDS and org.region_id:
        region_code: str = org.region_id
        if "." not in region_code:
            return Jurisdiction(user.pk, org_id, province_code=region_code, sees_audit_trail=is_auditor)
        return Jurisdiction(user.pk, org_id, region_code=region_code, sees_audit_trail=is_auditor)
    return Jurisdiction(user.pk, org_id, third_party=third_party)


def can(user: Any, action: str, obj: Any = None) -> bool:
    """The single entry point for object-level checks in views, API handlers and services."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(rules.has_perm(action, user, obj))


def require(actor: Actor, action: str, obj: Any = None) -> None:
    """Raise ``PermissionDenied`` unless ``actor`` may do ``action``.

    ``SYSTEM`` (``kerjasama.core.actors``) is the system itself: an operator running a ``kerjasama`` command
    on the server, who already holds the server's credentials. Every such change is still written to the
    audit trail. ``None`` is not an actor: it is refused, so a forgotten argument never skips policy.
    """
    if is_system(actor):
        return
    if actor is None:
        raise TypeError(f"{action}: an actor is required (a user, or kerjasama.core.actors.SYSTEM), not None")
    if not can(actor, action, obj):
        raise PermissionDenied(action)

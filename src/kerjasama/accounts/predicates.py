"""The ``rules`` predicates several apps build their permissions from (roles, the ministry, the region).

Each app's ``rules.py`` imports what it needs from here and declares its own permissions; a predicate that
only one app uses lives in that app's ``rules.py``.
"""

from __future__ import annotations

from typing import Any

import rules

from kerjasama.accounts.choices import OrganisationKind, Role
from kerjasama.accounts.policy import jurisdiction_of


@rules.predicate
def is_system_admin(user: Any) -> bool:
    return bool(user.is_active and (user.is_superuser or user.role == Role.SYSTEM_ADMIN))


@rules.predicate
def is_ministry(user: Any) -> bool:
    """A Kemendagri official with oversight of regional cooperation (Ditjen Bina Administrasi Kewilayahan)."""
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
def works_for_region(user: Any, region: Any) -> bool:
    """The user's organisation is the Pemda (or one of its units) of exactly this region."""
    org = user.organisation
    return bool(region is not None and org is not None and org.is_active and org.region_id == region.code)


@rules.predicate
def region_in_jurisdiction(user: Any, region: Any) -> bool:
    """The region lies in the user's jurisdiction (the whole country, a province with its kab/kota, or one
    kab/kota; UU 23/2014 Pasal 91 and 370(1))."""
    return bool(region is not None and jurisdiction_of(user).covers_region(region.code))


@rules.predicate
def is_national(user: Any) -> bool:
    """The user oversees the whole country (Kemendagri's officials and system admins)."""
    return jurisdiction_of(user).national


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

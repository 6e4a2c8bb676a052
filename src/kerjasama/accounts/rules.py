"""Who may see organisations and manage accounts (``rules`` permissions of the accounts app)."""

from __future__ import annotations

from typing import Any

import rules

from kerjasama.accounts.choices import OrganisationKind, Role
from kerjasama.accounts.policy import jurisdiction_of
from kerjasama.accounts.predicates import is_read_only, is_system_admin
from kerjasama.core.errors import describe_action


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


rules.add_perm("accounts.view_organisation", organisation_in_jurisdiction)
rules.add_perm("accounts.manage_users", is_system_admin | (manages_own_pemda & ~is_read_only))
rules.add_perm("accounts.manage_organisation", is_system_admin)

# What each permission lets a person do, in words: a refusal says it (core.errors.PermissionDenied).
describe_action(
    "accounts.view_organisation",
    "melihat organisasi ini",
    "see this organisation",
)
describe_action(
    "accounts.manage_users",
    "mengelola akun pengguna organisasi ini",
    "manage the user accounts of this organisation",
)
describe_action(
    "accounts.manage_organisation",
    "mengelola data organisasi",
    "manage organisations",
)

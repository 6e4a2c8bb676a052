"""Who may do what on an agreement (``rules`` permissions of the agreements app; issue 10, item 9).

One record, seen identically by every party; each party acts only for its own side. A region acts through its
cooperation unit (*Bagian Kerja Sama*) and reviews through its TKKSD (Permendagri 22/2020; R16, R21); a third
party (PP 28/2018 Pasal 14) through its own users; a ministry/agency of a synergy (Pasal 46) through its
officials. The governor's office reads the agreements of its province as the central government's
representative (UU 23/2014 Pasal 91) but does not act for a party; Kemendagri reads all; an auditor reads
within its jurisdiction; an uninvolved region sees nothing (no public register yet).
"""

from __future__ import annotations

from typing import Any

import rules

from kerjasama.accounts.choices import OrganisationKind, Role
from kerjasama.accounts.policy import jurisdiction_of
from kerjasama.accounts.predicates import (
    is_cooperation_operator,
    is_ministry,
    is_system_admin,
    is_tkksd_member,
    works_for_region,
)
from kerjasama.core.errors import describe_action


def _party_parts(agreement: Any) -> tuple[list[str], list[int]]:
    parties = list(agreement.parties.all())
    return (
        [str(p.region_id) for p in parties if p.region_id],
        [int(p.organisation_id) for p in parties if p.organisation_id],
    )


@rules.predicate
def sees_agreement(user: Any, agreement: Any) -> bool:
    """The same answer as ``Agreement.objects.restrict(user, "view")`` for one record."""
    if agreement is None:
        return False
    scope = jurisdiction_of(user)
    if scope.national:
        return True
    regions, organisations = _party_parts(agreement)
    if scope.organisation_id is not None and scope.organisation_id in organisations:
        return True
    return any(scope.covers_region(code) for code in regions)


@rules.predicate
def speaks_for_party(user: Any, party: Any) -> bool:
    """The user acts for this party's side: its region's cooperation unit, the third party's own user, or
    a ministry official for the ministry/agency of a synergy."""
    if party is None or not user.is_active:
        return False
    if party.region_id is not None:
        return bool(works_for_region(user, party.region) and is_cooperation_operator(user))
    org = user.organisation
    if org is None or not org.is_active or org.pk != party.organisation_id:
        return False
    if org.kind == OrganisationKind.KEMENDAGRI:
        return bool(user.role == Role.MINISTRY)
    return bool(user.role == Role.THIRD_PARTY)


@rules.predicate
def reviews_for_party(user: Any, party: Any) -> bool:
    """A TKKSD member of the party's region (the TKKSD reviews the proposal; Permendagri 22/2020, R16)."""
    return bool(
        party is not None
        and party.region_id is not None
        and works_for_region(user, party.region)
        and is_tkksd_member(user)
    )


@rules.predicate
def speaks_for_proposer(user: Any, agreement: Any) -> bool:
    proposer = next((p for p in agreement.parties.all() if p.role == "proposer"), None) if agreement else None
    return bool(speaks_for_party(user, proposer))


@rules.predicate
def speaks_for_some_party(user: Any, agreement: Any) -> bool:
    return bool(agreement is not None and any(speaks_for_party(user, p) for p in agreement.parties.all()))


@rules.predicate
def proposes_for_region(user: Any, region: Any) -> bool:
    return bool(works_for_region(user, region) and is_cooperation_operator(user))


@rules.predicate
def registers_for_regions(user: Any, regions: Any) -> bool:
    """The cooperation unit of one of the party regions (``regions``: the Regions of the agreement)."""
    return bool(is_cooperation_operator(user) and any(works_for_region(user, r) for r in regions or ()))


rules.add_perm("agreements.view_agreement", is_system_admin | sees_agreement)
rules.add_perm("agreements.propose", is_system_admin | proposes_for_region)
# The proposer's side steers the shared record: edits the proposal, sends the offer, records documents,
# moves to the PKS drafting, drafts the NK, cancels.
rules.add_perm("agreements.manage", is_system_admin | speaks_for_proposer)
rules.add_perm("agreements.record_document", is_system_admin | speaks_for_some_party)
# A party attaches its files to the shared record (its signed KB or PKS, its surat kuasa): a third party too,
# which has no region whose documents it could upload otherwise (documents.services._require_upload).
rules.add_perm("agreements.attach_document", is_system_admin | speaks_for_some_party)
rules.add_perm("agreements.act_for_party", is_system_admin | speaks_for_party)
rules.add_perm("agreements.review_for_party", is_system_admin | reviews_for_party)
# The register of agreements made before the system (issue 10, item 7): a party region's cooperation unit
# records its own agreements; Kemendagri (pembinaan dan pengawasan of KSD, PP 28/2018 BAB V, Pasal 44(5);
# PP 12/2017) records any.
rules.add_perm("agreements.register_existing", is_system_admin | is_ministry | registers_for_regions)

describe_action("agreements.view_agreement", "melihat kerja sama ini", "see this agreement")
describe_action(
    "agreements.propose",
    "mengajukan kerja sama atas nama daerah ini (unit kerja sama daerah)",
    "propose a cooperation for this region (the region's cooperation unit)",
)
describe_action(
    "agreements.manage",
    "mengelola kerja sama ini atas nama pihak pengusul",
    "manage this agreement for the proposing party",
)
describe_action(
    "agreements.record_document",
    "mencatat dokumen pada kerja sama ini (pihak kerja sama)",
    "record a document on this agreement (a party)",
)
describe_action(
    "agreements.attach_document",
    "melampirkan berkas pada kerja sama ini (pihak kerja sama)",
    "attach a file to this agreement (a party)",
)
describe_action(
    "agreements.act_for_party",
    "bertindak atas nama pihak ini dalam kerja sama",
    "act for this party of the agreement",
)
describe_action(
    "agreements.review_for_party",
    "mencatat kajian TKKSD atas nama daerah pihak ini",
    "record the TKKSD review for this party's region",
)
describe_action(
    "agreements.register_existing",
    "mencatat kerja sama yang sudah berjalan (unit kerja sama daerah pihak, atau Kemendagri)",
    "register an existing agreement (a party region's cooperation unit, or Kemendagri)",
)

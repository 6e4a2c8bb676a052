"""Who may see and do what in an agreement's monev (``rules`` permissions of the monev app).

- See: whoever sees the agreement (its party regions' jurisdictions, the governor's office of their province,
  Kemendagri, the third party's own users; ``agreements.rules.sees_agreement``).
- Self-assessment: only the party's own side (its region's cooperation unit, the third party's users, the
  ministry for a synergy; ``agreements.rules.speaks_for_party``), never a read-only auditor.
- TKKSD evaluation: the officials of that party's region who serve the TKKSD (TKKSD members, the cooperation
  unit that keeps its records; Permendagri 22/2020, R21 [S]).
- Governor's evaluation: the governor's office (GWPP) of a province in which one of the parties lies (UU 23/2014
  Pasal 368; PP 12/2017 Pasal 24(1) via PP 28/2018 Pasal 44(5)).
"""

from __future__ import annotations

from typing import Any

import rules

from kerjasama.accounts.choices import Role
from kerjasama.accounts.predicates import (
    is_cooperation_operator,
    is_read_only,
    is_system_admin,
    is_tkksd_member,
    works_for_region,
)
from kerjasama.agreements.rules import sees_agreement, speaks_for_party
from kerjasama.core.errors import describe_action


def governor_province(user: Any) -> str | None:
    """The province code of a governor's-office account (its organisation is the province's Pemda/OPD)."""
    org = getattr(user, "organisation", None)
    if (
        not user.is_active
        or user.role != Role.GOVERNOR_OFFICE
        or org is None
        or not org.is_active
        or not org.region_id
        or "." in org.region_id
    ):
        return None
    return str(org.region_id)


@rules.predicate
def governs_a_party(user: Any, agreement: Any) -> bool:
    province = governor_province(user)
    if province is None or agreement is None:
        return False
    return any(
        p.region_id and (p.region_id == province or str(p.region_id).startswith(province + "."))
        for p in agreement.parties.all()
    )


@rules.predicate
def evaluates_for_party(user: Any, party: Any) -> bool:
    return bool(
        party is not None
        and party.region_id is not None
        and works_for_region(user, party.region)
        and (is_tkksd_member(user) or is_cooperation_operator(user))
    )


rules.add_perm("monev.view", is_system_admin | sees_agreement)
rules.add_perm("monev.self_assess", is_system_admin | (speaks_for_party & ~is_read_only))
rules.add_perm("monev.evaluate_tkksd", is_system_admin | (evaluates_for_party & ~is_read_only))
rules.add_perm("monev.evaluate_governor", is_system_admin | governs_a_party)

describe_action("monev.view", "melihat monev kerja sama ini", "see this agreement's monev")
describe_action(
    "monev.self_assess",
    "mengisi evaluasi mandiri atas nama pihak ini (unit kerja sama daerah pihak)",
    "fill in the self-assessment for this party (the party's cooperation unit)",
)
describe_action(
    "monev.evaluate_tkksd",
    "mencatat evaluasi TKKSD untuk pihak ini (TKKSD atau unit kerja sama daerah pihak)",
    "record the TKKSD evaluation for this party (the party region's TKKSD or cooperation unit)",
)
describe_action(
    "monev.evaluate_governor",
    "mencatat evaluasi gubernur sebagai wakil pemerintah pusat atas kerja sama ini",
    "record the governor's evaluation as central government's representative for this agreement",
)

"""Who may do what in an agreement's lifecycle (``rules`` permissions; the object is the agreement).

One record seen identically by every party (issue 10): whoever sees the agreement sees its amendments, its
lineage and its settlement. A party's official (its region's cooperation unit, the third party's own users,
the ministry's officials for a synergy) records an adendum and settles the checklist items for the parties;
a party region's cooperation unit proposes the extension (a new agreement through the full procedure, R19);
the proposing side ends the cooperation, as in ``agreements.manage`` (``agreements.services.end_agreement``).
"""

from __future__ import annotations

from typing import Any

import rules

from kerjasama.accounts.predicates import is_cooperation_operator, is_system_admin, works_for_region
from kerjasama.agreements.rules import sees_agreement, speaks_for_proposer, speaks_for_some_party
from kerjasama.core.errors import describe_action


@rules.predicate
def speaks_for_a_party_region(user: Any, agreement: Any) -> bool:
    """The cooperation unit of one of the agreement's party regions."""
    return bool(
        agreement is not None
        and is_cooperation_operator(user)
        and any(p.region is not None and works_for_region(user, p.region) for p in agreement.parties.all())
    )


rules.add_perm("lifecycle.view", is_system_admin | sees_agreement)
rules.add_perm("lifecycle.record_amendment", is_system_admin | speaks_for_some_party)
rules.add_perm("lifecycle.propose_extension", is_system_admin | speaks_for_a_party_region)
rules.add_perm("lifecycle.settle", is_system_admin | speaks_for_some_party)
rules.add_perm("lifecycle.terminate", is_system_admin | speaks_for_proposer)

describe_action("lifecycle.view", "melihat kerja sama ini", "see this agreement")
describe_action(
    "lifecycle.record_amendment",
    "mencatat adendum kerja sama ini (pihak kerja sama)",
    "record an amendment of this agreement (a party)",
)
describe_action(
    "lifecycle.propose_extension",
    "mengusulkan perpanjangan kerja sama ini (unit kerja sama daerah pihak)",
    "propose the extension of this agreement (a party region's cooperation unit)",
)
describe_action(
    "lifecycle.settle",
    "mencatat penyelesaian pengakhiran kerja sama ini (pihak kerja sama)",
    "record the settlement of this agreement's end (a party)",
)
describe_action(
    "lifecycle.terminate",
    "mengakhiri kerja sama ini atas nama pihak pengusul",
    "end this agreement for the proposing party",
)

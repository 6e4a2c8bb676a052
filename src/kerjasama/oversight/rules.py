"""Who may see and record an agreement's publication consent (``rules`` permissions of the oversight app).

- See the consent page: whoever sees the agreement (``agreements.rules.sees_agreement``).
- Record a decision for a party: only that party's own side (its region's cooperation unit, the third party's
  users, the ministry for a synergy; ``agreements.rules.speaks_for_party``), never a read-only auditor. The
  decision to publish is the public body's own (UU 14/2008 Pasal 7, 17 [U]).
"""

from __future__ import annotations

import rules

from kerjasama.accounts.predicates import is_read_only, is_system_admin
from kerjasama.agreements.rules import sees_agreement, speaks_for_party
from kerjasama.core.errors import describe_action

rules.add_perm("oversight.view_publication", is_system_admin | sees_agreement)
rules.add_perm("oversight.record_consent", is_system_admin | (speaks_for_party & ~is_read_only))

describe_action(
    "oversight.view_publication",
    "melihat persetujuan publikasi kerja sama ini",
    "see this agreement's publication consent",
)
describe_action(
    "oversight.record_consent",
    "mencatat persetujuan publikasi atas nama pihak ini (unit kerja sama daerah pihak)",
    "record the publication decision for this party (the party's cooperation unit)",
)

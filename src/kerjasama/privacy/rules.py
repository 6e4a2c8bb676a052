"""Who handles personal-data duties: the officials who act for the controller (UU 27/2022 Pasal 53: the
controller appoints an official or officer for personal-data protection [U]). In Kerjasama these are the system
administrators and Kemendagri's officials (the ministry runs the national system); read-only auditors see what
was done through the audit trail only. Requests and breaches are visible to them only."""

from __future__ import annotations

from typing import Any

import rules

from kerjasama.accounts.predicates import is_ministry, is_system_admin
from kerjasama.core.errors import describe_action


@rules.predicate
def is_privacy_officer(user: Any) -> bool:
    """A system administrator or a Kemendagri official (the protection officer's duties)."""
    return bool(is_system_admin(user) or is_ministry(user))


rules.add_perm("privacy.view", is_privacy_officer)
rules.add_perm("privacy.manage", is_privacy_officer)

describe_action(
    "privacy.view",
    "melihat catatan pelindungan data pribadi (permintaan subjek data dan insiden)",
    "see the personal-data records (data-subject requests and breaches)",
)
describe_action(
    "privacy.manage",
    "menangani permintaan subjek data dan insiden kegagalan pelindungan data pribadi",
    "handle data-subject requests and personal-data breaches",
)

"""Who records the early warning's risk events (issue 12 items 5 and 9).

The events the system has no other source for (a change of head of region, a protest, a warning letter, an
audit finding …) are recorded by a party's cooperation unit (its own agreement), by the governor's office of the
province of a party region (UU 23/2014 Pasal 91: the governor oversees the kab/kota of the province as the
central government's representative) or by the ministry (national oversight). Reading the risk follows the
agreement (``agreements.view_agreement``): an uninvolved region sees nothing (404).
"""

from __future__ import annotations

from typing import Any

import rules

from kerjasama.accounts.choices import Role
from kerjasama.accounts.policy import jurisdiction_of
from kerjasama.accounts.predicates import is_ministry, is_system_admin
from kerjasama.agreements.rules import sees_agreement, speaks_for_some_party
from kerjasama.core.errors import describe_action


@rules.predicate
def oversees_agreement_province(user: Any, agreement: Any) -> bool:
    """The governor's office of the province a party region lies in (or is)."""
    if agreement is None or user.role != Role.GOVERNOR_OFFICE:
        return False
    scope = jurisdiction_of(user)
    if not scope.province_code:
        return False
    return any(p.region_id and scope.covers_region(str(p.region_id)) for p in agreement.parties.all())


rules.add_perm("disputes.view_risk", is_system_admin | sees_agreement)
rules.add_perm(
    "disputes.record_risk_event",
    is_system_admin | speaks_for_some_party | oversees_agreement_province | is_ministry,
)

describe_action(
    "disputes.record_risk_event",
    "mencatat peristiwa risiko kerja sama ini (unit kerja sama para pihak, kantor gubernur, atau kementerian)",
    "record a risk event of this agreement (the parties' cooperation units, the governor's office or the "
    "ministry)",
)
describe_action("disputes.view_risk", "melihat risiko kerja sama ini", "see this agreement's risk")

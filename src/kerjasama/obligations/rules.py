"""Who may do what with the obligations of an agreement (``rules`` permissions; issue 11, item 1).

Reads follow the agreement (``agreements.view_agreement``). A party acts through its cooperation unit, its
third party's users or its ministry officials (``agreements.rules.speaks_for_party``):

* any party adds and corrects obligations (the PKS binds every party; either may enter it);
* only the obligated party records its fulfilment (it holds the evidence: a transfer slip, minutes);
* only the other parties confirm or dispute it (payment received, service delivered), and only they waive an
  occurrence: a waiver releases a claim, and a claim is released by whom it is owed (the creditor's release,
  *pembebasan utang*, KUHPerdata Pasal 1438 and 1440 [U]); the debtor waiving its own obligation would be no
  release at all.
"""

from __future__ import annotations

from typing import Any

import rules

from kerjasama.accounts.predicates import is_system_admin
from kerjasama.agreements.rules import sees_agreement, speaks_for_party, speaks_for_some_party
from kerjasama.core.errors import describe_action


@rules.predicate
def sees_obligation(user: Any, obligation: Any) -> bool:
    return bool(obligation is not None and sees_agreement(user, obligation.agreement))


@rules.predicate
def speaks_for_obligated(user: Any, obligation: Any) -> bool:
    return bool(obligation is not None and speaks_for_party(user, obligation.party))


@rules.predicate
def speaks_for_counterparty(user: Any, obligation: Any) -> bool:
    """The user acts for a party of the agreement other than the obligated one (who is owed)."""
    if obligation is None:
        return False
    return any(
        speaks_for_party(user, p) for p in obligation.agreement.parties.all() if p.pk != obligation.party_id
    )


rules.add_perm("obligations.view", is_system_admin | sees_agreement)
rules.add_perm("obligations.manage", is_system_admin | speaks_for_some_party)
rules.add_perm("obligations.fulfil", is_system_admin | speaks_for_obligated)
rules.add_perm("obligations.confirm", is_system_admin | speaks_for_counterparty)
rules.add_perm("obligations.waive", is_system_admin | speaks_for_counterparty)
# The evidence of a fulfilment is filed by the obligated party, a third party included (it has no region of
# its own to upload for): ``documents.services`` asks ``<app_label>.attach_document`` on the record attached to.
rules.add_perm("obligations.attach_document", is_system_admin | speaks_for_obligated)

describe_action("obligations.view", "melihat kewajiban kerja sama ini", "see this agreement's obligations")
describe_action(
    "obligations.manage",
    "mencatat kewajiban pada kerja sama ini (pihak kerja sama)",
    "record obligations on this agreement (a party)",
)
describe_action(
    "obligations.fulfil",
    "mencatat pemenuhan kewajiban ini (hanya pihak yang berkewajiban)",
    "record the fulfilment of this obligation (only the obligated party)",
)
describe_action(
    "obligations.confirm",
    "mengonfirmasi atau menyanggah pemenuhan kewajiban ini (hanya pihak lain)",
    "confirm or dispute the fulfilment of this obligation (only the other parties)",
)
describe_action(
    "obligations.attach_document",
    "melampirkan bukti pemenuhan kewajiban ini (hanya pihak yang berkewajiban)",
    "attach the evidence of this obligation's fulfilment (only the obligated party)",
)
describe_action(
    "obligations.waive",
    "membebaskan kewajiban ini (hanya pihak yang berhak menerima)",
    "waive this obligation (only the party it is owed to)",
)

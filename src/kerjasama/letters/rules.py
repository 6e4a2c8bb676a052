"""Who may see and write an agreement's official letters.

A letter is the issuing region's own correspondence: its cooperation unit (*Bagian Kerja Sama*, Permendagri
22/2020) drafts, edits and finalises it for its party of the agreement; the jurisdiction over the issuing region
(the governor's office of its province, UU 23/2014 Pasal 91; Kemendagri) reads it. Another party receives the
final letter through the official channel (later: SRIKANDI, issue 15 item 3), never the draft here.
"""

from __future__ import annotations

from typing import Any

import rules

from kerjasama.accounts.policy import jurisdiction_of
from kerjasama.accounts.predicates import is_cooperation_operator, is_system_admin, works_for_region
from kerjasama.agreements.rules import sees_agreement
from kerjasama.core.errors import describe_action
from kerjasama.disputes.rules import sees_dispute


@rules.predicate
def sees_letter(user: Any, letter: Any) -> bool:
    """The same answer as ``Letter.objects.restrict(user, "view")`` for one letter, and the agreement visible."""
    if letter is None or not jurisdiction_of(user).covers_region(letter.region_id):
        return False
    if letter.agreement_id is not None:
        return bool(sees_agreement(user, letter.agreement))
    if letter.dispute_id is not None:
        return bool(sees_dispute(user, letter.dispute))
    return True  # a TKKSD meeting or a periodic report: scoped by the issuing region alone, like the letter


@rules.predicate
def writes_for_region(user: Any, letter: Any) -> bool:
    """The issuing region's cooperation unit."""
    return bool(
        letter is not None and is_cooperation_operator(user) and works_for_region(user, letter.region)
    )


@rules.predicate
def drafts_for_agreement(user: Any, agreement: Any) -> bool:
    """A party region's cooperation unit (it writes letters of its own party)."""
    if agreement is None or not is_cooperation_operator(user):
        return False
    return any(p.region_id and works_for_region(user, p.region) for p in agreement.parties.all())


@rules.predicate
def configures_region(user: Any, region: Any) -> bool:
    """The region's cooperation unit sets its letterhead, number pattern and classification."""
    return bool(region is not None and is_cooperation_operator(user) and works_for_region(user, region))


@rules.predicate
def drafts_for_region_record(user: Any, record: Any) -> bool:
    """A TKKSD meeting or a periodic report: the cooperation unit of the record's own region."""
    return bool(record is not None and configures_region(user, record.region))


@rules.predicate
def drafts_for_dispute(user: Any, dispute: Any) -> bool:
    """A dispute letter: the cooperation unit of a party region that sees the case (never a non-party)."""
    if dispute is None or not is_cooperation_operator(user) or not sees_dispute(user, dispute):
        return False
    return any(p.region_id and works_for_region(user, p.region) for p in dispute.parties.all())


rules.add_perm("letters.view", is_system_admin | sees_letter)
rules.add_perm("letters.draft_for_region_record", is_system_admin | drafts_for_region_record)
rules.add_perm("letters.draft_for_dispute", is_system_admin | drafts_for_dispute)
rules.add_perm("letters.draft", is_system_admin | drafts_for_agreement)
rules.add_perm("letters.write", is_system_admin | writes_for_region)
rules.add_perm("letters.configure", is_system_admin | configures_region)

describe_action("letters.view", "melihat surat dinas ini", "see this official letter")
describe_action(
    "letters.draft",
    "menyusun surat dinas untuk kerja sama ini (unit kerja sama daerah pihak)",
    "draft an official letter for this agreement (a party region's cooperation unit)",
)
describe_action(
    "letters.write",
    "mengubah atau menetapkan surat dinas ini (unit kerja sama daerah penerbit)",
    "edit or finalise this official letter (the issuing region's cooperation unit)",
)
describe_action(
    "letters.configure",
    "mengatur kop, pola nomor dan klasifikasi surat daerah ini",
    "set this region's letterhead, number pattern and letter classification",
)
describe_action(
    "letters.draft_for_region_record",
    "menyusun surat dinas dari rapat TKKSD atau laporan daerah ini (unit kerja sama daerah)",
    "draft an official letter from this region's TKKSD meeting or report (its cooperation unit)",
)
describe_action(
    "letters.draft_for_dispute",
    "menyusun surat perselisihan (unit kerja sama daerah pihak perkara)",
    "draft a dispute letter (the cooperation unit of a party region of the case)",
)

"""Who may see and do what with a dispute case (``rules`` permissions; issue 12, items 1-3).

CONFIDENTIAL (issue 12 item 1): a case is seen by its parties, by the resolver in effect (the governor's office
of the province for kab/kota of one province, UU 23/2014 Pasal 91(3) huruf c and 370(1)) and by the ministry
(Pasal 92, 370(2)-(4); national oversight); the same answer as ``Dispute.objects.restrict(user, "view")``.

* a party registers a case (its cooperation unit, a third party's or the ministry's own users), and so may the
  governor's office for kab/kota of its province or the ministry on its own initiative;
* the resolver screens: the governor's office of the resolver's province, or the ministry (the Minister's
  cases, the clause cases it oversees, and any case where the governor does not act, Pasal 370(3));
* the parties and the resolver record deliberation rounds, declare the deliberation failed, record a
  settlement; each party confirms the issue list for itself; the claimant or the resolver withdraws.
"""

from __future__ import annotations

from typing import Any

import rules

from kerjasama.accounts.choices import Role
from kerjasama.accounts.policy import jurisdiction_of
from kerjasama.accounts.predicates import is_ministry, is_system_admin, works_for_region
from kerjasama.agreements.rules import speaks_for_party
from kerjasama.core.errors import describe_action
from kerjasama.disputes.choices import DisputeRole, Resolver


def _parties(dispute: Any) -> list[Any]:
    return list(dispute.parties.all())


@rules.predicate
def sees_dispute(user: Any, dispute: Any) -> bool:
    """The same answer as ``Dispute.objects.restrict(user, "view")`` (``models.CaseRestriction``)."""
    if dispute is None:
        return False
    scope = jurisdiction_of(user)
    if scope.national:
        return True
    own = scope.region_code or scope.province_code
    if own and dispute.resolver_region_id == own:
        return True
    return any(
        (own and p.region_id == own)
        or (scope.organisation_id is not None and p.organisation_id == scope.organisation_id)
        for p in _parties(dispute)
    )


@rules.predicate
def speaks_for_dispute_party(user: Any, dispute: Any) -> bool:
    return bool(dispute is not None and any(speaks_for_party(user, p) for p in _parties(dispute)))


@rules.predicate
def speaks_for_claimant(user: Any, dispute: Any) -> bool:
    return bool(
        dispute is not None
        and any(speaks_for_party(user, p) for p in _parties(dispute) if p.role == DisputeRole.CLAIMANT)
    )


@rules.predicate
def is_governor_office_of(user: Any, region: Any) -> bool:
    return bool(user.role == Role.GOVERNOR_OFFICE and works_for_region(user, region))


@rules.predicate
def resolves_dispute(user: Any, dispute: Any) -> bool:
    """The governor's office of the resolver's province, or the ministry (Pasal 370(2)-(4))."""
    if dispute is None:
        return False
    if is_ministry(user):
        return True
    return bool(
        dispute.resolver == Resolver.GOVERNOR and is_governor_office_of(user, dispute.resolver_region)
    )


@rules.predicate
def registers_dispute(user: Any, parties: Any) -> bool:
    """``parties``: the unsaved ``DisputeParty`` rows. A party's side, the ministry, or the governor's office
    of the one province every party region lies in (its own initiative for its kab/kota, Pasal 91(3) huruf c)."""
    parties = list(parties or ())
    if not parties:
        return False
    if any(speaks_for_party(user, p) for p in parties) or is_ministry(user):
        return True
    org = user.organisation
    if user.role != Role.GOVERNOR_OFFICE or org is None or not org.is_active or not org.region_id:
        return False
    province = org.region_id
    return all(p.region_id is not None and str(p.region_id).startswith(province + ".") for p in parties)


@rules.predicate
def confirms_for_party(user: Any, party: Any) -> bool:
    return bool(speaks_for_party(user, party))


rules.add_perm("disputes.view", is_system_admin | sees_dispute)
rules.add_perm("disputes.register", is_system_admin | registers_dispute)
rules.add_perm("disputes.screen", is_system_admin | resolves_dispute)
rules.add_perm("disputes.deliberate", is_system_admin | speaks_for_dispute_party | resolves_dispute)
rules.add_perm("disputes.confirm_issues", is_system_admin | confirms_for_party)
rules.add_perm("disputes.settle", is_system_admin | speaks_for_dispute_party | resolves_dispute)
rules.add_perm("disputes.withdraw", is_system_admin | speaks_for_claimant | resolves_dispute)
# The resolver records that a party does not take part (the path proceeds without it, issue 12 item 3).
rules.add_perm("disputes.record_absence", is_system_admin | resolves_dispute)
# The evidence (claims, minutes, letters) is filed by a party, a third party included, or by the resolver:
# ``documents.services`` asks ``<app_label>.attach_document`` on the record attached to.
rules.add_perm("disputes.attach_document", is_system_admin | speaks_for_dispute_party | resolves_dispute)

describe_action("disputes.view", "melihat perselisihan ini", "see this dispute")
describe_action(
    "disputes.record_absence",
    "mencatat pihak yang tidak ikut serta (hanya penyelesai)",
    "record that a party does not take part (only the resolver)",
)
describe_action(
    "disputes.attach_document",
    "melampirkan dokumen pada perselisihan ini (para pihak atau penyelesai)",
    "attach a document to this dispute (the parties or the resolver)",
)
describe_action(
    "disputes.register",
    "mendaftarkan perselisihan ini (pihak, kantor gubernur untuk kabupaten/kotanya, atau kementerian)",
    "register this dispute (a party, the governor's office for its kab/kota, or the ministry)",
)
describe_action(
    "disputes.screen",
    "menapis perselisihan ini (hanya penyelesai: kantor gubernur provinsi itu atau kementerian)",
    "screen this dispute (only the resolver: that province's governor's office or the ministry)",
)
describe_action(
    "disputes.deliberate",
    "mencatat musyawarah perselisihan ini (para pihak atau penyelesai)",
    "record this dispute's deliberation (the parties or the resolver)",
)
describe_action(
    "disputes.confirm_issues",
    "mengonfirmasi daftar masalah atas nama pihak ini",
    "confirm the issue list for this party",
)
describe_action(
    "disputes.settle",
    "mencatat perdamaian perselisihan ini (para pihak atau penyelesai)",
    "record this dispute's settlement (the parties or the resolver)",
)
describe_action(
    "disputes.withdraw",
    "mencabut perselisihan ini (pemohon atau penyelesai)",
    "withdraw this dispute (the claimant or the resolver)",
)


@rules.predicate
def decides_dispute(user: Any, dispute: Any) -> bool:
    """The resolver decides (Pasal 370(1)-(4)); for a case settled by the agreement's clause (PP 28/2018 Pasal
    21) the parties record the forum's outcome too, and the ministry (oversight) may."""
    if dispute is None:
        return False
    if resolves_dispute(user, dispute):
        return True
    return bool(dispute.resolver == Resolver.AGREEMENT and speaks_for_dispute_party(user, dispute))


@rules.predicate
def speaks_for_ordered_party(user: Any, order: Any) -> bool:
    return bool(order is not None and speaks_for_party(user, order.party))


# Facilitation, the decision, the confirmation of orders, closure and extensions: the resolver's.
rules.add_perm("disputes.facilitate", is_system_admin | resolves_dispute)
rules.add_perm("disputes.answer_clarification", is_system_admin | confirms_for_party)
rules.add_perm("disputes.decide", is_system_admin | decides_dispute)
rules.add_perm("disputes.fulfil_order", is_system_admin | speaks_for_ordered_party)
rules.add_perm("disputes.confirm_order", is_system_admin | resolves_dispute)
rules.add_perm("disputes.close", is_system_admin | resolves_dispute)
rules.add_perm("disputes.extend", is_system_admin | resolves_dispute)

describe_action(
    "disputes.facilitate",
    "memfasilitasi perselisihan ini (hanya penyelesai)",
    "facilitate this dispute (only the resolver)",
)
describe_action(
    "disputes.answer_clarification",
    "menjawab klarifikasi atas nama pihak ini",
    "answer the clarification for this party",
)
describe_action(
    "disputes.decide",
    "mencatat keputusan perselisihan ini (hanya penyelesai)",
    "record this dispute's decision (only the resolver)",
)
describe_action(
    "disputes.fulfil_order",
    "mencatat pemenuhan perintah ini (hanya pihak yang diperintah)",
    "record this order's fulfilment (only the ordered party)",
)
describe_action(
    "disputes.confirm_order",
    "mengonfirmasi pemenuhan perintah (hanya penyelesai)",
    "confirm an order's fulfilment (only the resolver)",
)
describe_action(
    "disputes.close", "menutup perselisihan ini (hanya penyelesai)", "close this dispute (only the resolver)"
)
describe_action(
    "disputes.extend",
    "memperpanjang batas waktu suatu tahap (hanya penyelesai)",
    "extend a step's due date (only the resolver)",
)

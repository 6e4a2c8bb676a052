"""Every change to publication consent (house rule 2).

A party decides, for its own side, whether the agreement may appear in the public register and which parts it
withholds, each with its UU 14/2008 Pasal 17 reason [U]. The decision is the party's own (the public body
decides on its information: UU 14/2008 Pasal 7, 17); the agreement is published only while every party
consents, so a withdrawal (a refusal after a consent) unpublishes it at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db import transaction
from django.utils import timezone

from kerjasama.accounts.policy import require
from kerjasama.agreements.models import Agreement, AgreementParty
from kerjasama.core import audit
from kerjasama.core.actors import Actor, user_or_none
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import field_error
from kerjasama.oversight.choices import ConsentDecision, WithheldItem, WithholdingReason
from kerjasama.oversight.models import PublicationConsent


def _withheld(items: Mapping[str, str] | Iterable[tuple[str, str]]) -> list[dict[str, str]]:
    pairs = items.items() if isinstance(items, Mapping) else items
    cleaned: dict[str, str] = {}
    for item, reason in pairs:
        if item not in WithheldItem.values:
            raise field_error(
                "oversight.item_invalid",
                "withheld",
                f"Bagian yang dikecualikan tidak dikenal: {item}.",
                f"Unknown withheld part: {item}.",
            )
        if reason not in WithholdingReason.values:
            raise field_error(
                "oversight.reason_required",
                "withheld",
                "Setiap bagian yang dikecualikan memerlukan alasan menurut UU 14/2008 Pasal 17.",
                "Each withheld part needs its reason under UU 14/2008 Article 17.",
            )
        cleaned[item] = reason
    return [{"item": item, "reason": cleaned[item]} for item in WithheldItem.values if item in cleaned]


@transaction.atomic
def record_publication_consent(
    *,
    actor: Actor,
    agreement: Agreement,
    party: AgreementParty,
    decision: str,
    withheld: Mapping[str, str] | Iterable[tuple[str, str]] = (),
) -> PublicationConsent:
    """Record ``party``'s decision on publishing ``agreement`` (``withheld``: part → Pasal 17 reason), replacing
    its previous one (history and the audit trail keep every decision)."""
    require(actor, "oversight.record_consent", party)
    if party.agreement_id != agreement.pk:
        raise field_error(
            "oversight.party_not_in_agreement",
            "party",
            "Pihak tersebut bukan pihak kerja sama ini.",
            "That party is not a party of this agreement.",
        )
    if decision not in ConsentDecision.values:
        raise field_error(
            "oversight.decision_invalid",
            "decision",
            "Pilih setuju atau menolak publikasi.",
            "Choose to consent to or refuse publication.",
        )
    items = _withheld(withheld) if decision == ConsentDecision.CONSENT else []
    # One decision per party at a time (the agreement's row lock on PostgreSQL; SQLite serialises writers).
    list(Agreement.objects.select_for_update().filter(pk=agreement.pk).values_list("pk"))
    consent = PublicationConsent.objects.filter(agreement=agreement, party=party).first()
    old = None if consent is None else {"decision": consent.decision, "withheld": consent.withheld}
    if consent is None:
        consent = PublicationConsent(agreement=agreement, party=party, is_example=agreement.is_example)
    consent.decision = decision
    consent.withheld = items
    consent.decided_by = user_or_none(actor)
    consent.decided_at = timezone.now()
    audit.save_with_history(consent, actor=actor, action=AuditAction.PUBLICATION_CONSENT_RECORDED)
    audit.record(
        actor=actor,
        action=AuditAction.PUBLICATION_CONSENT_RECORDED,
        obj=agreement,
        old=old,
        new={"party": party.pk, "decision": decision, "withheld": items},
    )
    return consent

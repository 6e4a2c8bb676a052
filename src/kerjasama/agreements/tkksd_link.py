"""The TKKSD reviews proposals as a body: agreements are a subject kind of the ``tkksd`` app's decisions.

A party region's TKKSD review of a proposal is a decision taken in a held meeting of that region's TKKSD,
under a decree in force on the meeting date (Permendagri 22/2020; rulebook R16, R21; issue 10, item 4). The
``tkksd`` app records the decision and refuses it without such a meeting and decree; this module tells it
which regions an agreement belongs to (its region parties: each reviews through its own TKKSD), which
agreements a meeting may decide on, and applies a recorded decision as the party's review.
"""

from __future__ import annotations

from typing import Any

from kerjasama.agreements.choices import CLOSED_STAGES, TkksdReview
from kerjasama.agreements.models import Agreement, AgreementParty
from kerjasama.agreements.party_actions import AGREEMENT_SUBJECT, apply_tkksd_decision
from kerjasama.tkksd.subjects import SubjectKind, register_subject


def _lookup(subject_id: str) -> tuple[frozenset[str], str] | None:
    if not subject_id.isdigit():
        return None
    agreement = Agreement.objects.filter(pk=int(subject_id)).prefetch_related("parties").first()
    if agreement is None:
        return None
    regions = frozenset(str(p.region_id) for p in agreement.parties.all() if p.region_id)
    return regions, f"Usulan kerja sama: {agreement.title}"


def _choices(region: Any) -> list[tuple[str, str]]:
    """The open agreements the region is a party to whose review is not yet an approval."""
    rows = (
        Agreement.objects.filter(parties__region=region)
        .exclude(stage__in=CLOSED_STAGES)
        .exclude(
            pk__in=AgreementParty.objects.filter(region=region, tkksd_review=TkksdReview.APPROVED).values(
                "agreement_id"
            )
        )
        .order_by("-pk")
        .values_list("pk", "title")
        .distinct()
    )
    return [(str(pk), f"Usulan kerja sama: {title}") for pk, title in rows]


def register_agreement_subjects() -> None:
    register_subject(
        SubjectKind(
            type=AGREEMENT_SUBJECT,
            label_id="Usulan kerja sama",
            label_en="Cooperation proposal",
            lookup=_lookup,
            choices=_choices,
            on_decided=apply_tkksd_decision,
        )
    )

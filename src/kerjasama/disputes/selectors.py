"""Reads of the dispute cases, scoped by ``Dispute.objects.restrict`` (confidential: ``models.CaseRestriction``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from kerjasama.disputes.models import DeliberationRound, Dispute, DisputeParty
from kerjasama.disputes.services import not_found


def visible_disputes(user: Any) -> QuerySet[Dispute]:
    """The cases ``user`` may see, newest first, with their parties."""
    # each case's parties in their order (the model's ordering would join every case again)
    parties = DisputeParty.objects.select_related("region", "organisation").order_by("position", "id")
    return (
        Dispute.objects.restrict(user, "view")
        .select_related("resolver_region", "proposed_region", "agreement")
        .prefetch_related(Prefetch("parties", queryset=parties))
    )


def visible_dispute(user: Any, dispute_id: int) -> Dispute:
    """One case with its rounds, or ``disputes.not_found`` (outside the caller's sight exactly as missing)."""
    found = (
        visible_disputes(user)
        .prefetch_related(Prefetch("rounds", queryset=DeliberationRound.objects.order_by("number")))
        .filter(pk=dispute_id)
        .first()
    )
    if found is None:
        raise not_found()
    return found


def visible_round(user: Any, round_id: int) -> DeliberationRound:
    found = (
        DeliberationRound.objects.restrict(user, "view").select_related("dispute").filter(pk=round_id).first()
    )
    if found is None:
        raise not_found()
    return found


def case_documents(user: Any, dispute: Dispute) -> list[Any]:
    """The documents attached to a case that ``user`` may see (the case's readers: ``attached`` scoping)."""
    from kerjasama.documents.models import Document

    return list(
        Document.objects.restrict(user, "view")
        .filter(object_type="disputes.dispute", object_id=str(dispute.pk))
        .order_by("created_at", "id")
    )

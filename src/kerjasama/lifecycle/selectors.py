"""Every read of the lifecycle app: the terms in force on a date, the amendments, the lineage (predecessor,
successor, the agreements superseded by a successor in force) and the settlement checklist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from kerjasama.agreements.choices import AgreementStage
from kerjasama.agreements.models import Agreement
from kerjasama.lifecycle.domain import terms as domain
from kerjasama.lifecycle.models import Amendment, Settlement, Succession


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{Decimal(value).quantize(Decimal('0.01'))}"


def base_terms(agreement: Agreement) -> dict[str, Any]:
    """The terms as signed: the agreement's own fields and each party's financing share (``parties``
    prefetched by the caller keeps this query-free)."""
    return {
        "object": agreement.object,
        "scope": agreement.scope,
        "value": _money(agreement.value),
        "apbd_budgeted": agreement.apbd_budgeted,
        "burdens_public": agreement.burdens_public,
        "shares": {p.code: _money(p.share_percent) for p in agreement.parties.all()},
    }


def amendments_of(agreement: Agreement) -> list[Amendment]:
    """The agreement's amendments in their order (sequence), with who recorded them (one query)."""
    return list(
        Amendment.objects.filter(agreement_id=agreement.pk)
        .select_related("recorded_by", "document")
        .order_by("sequence")
    )


def as_changes(amendments: list[Amendment]) -> list[domain.Change]:
    return [domain.Change(a.sequence, a.effective_from, a.changes) for a in amendments]


def terms_as_of(agreement: Agreement, on: date, amendments: list[Amendment] | None = None) -> dict[str, Any]:
    """What was in force on ``on``: the signed terms overlaid by every adendum effective on or before ``on``,
    in order of (effective date, sequence). The term end is never amended (an extension is a new agreement,
    R19)."""
    rows = amendments_of(agreement) if amendments is None else amendments
    return domain.overlay(base_terms(agreement), as_changes(rows), on)


def successor_of(agreement: Agreement) -> Agreement | None:
    """The agreement that extends or renews ``agreement`` (whatever its stage), or None."""
    link = Succession.objects.filter(predecessor_id=agreement.pk).select_related("successor").first()
    return link.successor if link is not None else None


def predecessor_of(agreement: Agreement) -> Agreement | None:
    """The agreement ``agreement`` extends or renews, or None."""
    link = Succession.objects.filter(successor_id=agreement.pk).select_related("predecessor").first()
    return link.predecessor if link is not None else None


def superseded_agreement_ids(queryset: QuerySet[Agreement]) -> set[int]:
    """The ids of the agreements in ``queryset`` whose successor is in force (*pelaksanaan*): their expiry no
    longer needs a reminder, and the automatic end leaves them to their successor's lineage. One query."""
    return set(
        Succession.objects.filter(
            predecessor__in=queryset.order_by().values("pk"), successor__stage=AgreementStage.PELAKSANAAN
        ).values_list("predecessor_id", flat=True)
    )


@dataclass(frozen=True)
class Lineage:
    """The links of one agreement as the reader may follow them (None when absent or not visible)."""

    predecessor: Agreement | None
    predecessor_kind: str
    successor: Agreement | None
    successor_kind: str


def lineage(agreement: Agreement, user: Any) -> Lineage:
    """The predecessor and successor of ``agreement`` that ``user`` may see (at most two queries)."""
    links = list(
        Succession.objects.filter(Q(predecessor_id=agreement.pk) | Q(successor_id=agreement.pk)).order_by(
            "pk"
        )
    )
    if not links:
        return Lineage(None, "", None, "")
    ids = {
        link.successor_id if link.predecessor_id == agreement.pk else link.predecessor_id for link in links
    }
    visible = {a.pk: a for a in Agreement.objects.restrict(user, "view").filter(pk__in=ids)}
    pred = succ = None
    pred_kind = succ_kind = ""
    for link in links:
        if link.predecessor_id == agreement.pk:
            succ, succ_kind = visible.get(link.successor_id), link.kind
        else:
            pred, pred_kind = visible.get(link.predecessor_id), link.kind
    return Lineage(pred, pred_kind if pred else "", succ, succ_kind if succ else "")


def settlement_of(agreement: Agreement) -> Settlement | None:
    """The settlement checklist of ``agreement`` with its items in order (two queries), or None."""
    return (
        Settlement.objects.filter(agreement_id=agreement.pk)
        .select_related("document")
        .prefetch_related("items__updated_by")
        .first()
    )

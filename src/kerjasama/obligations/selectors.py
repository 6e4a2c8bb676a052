"""Every read of obligations that leaves the app (house rule 4: scoped by ``restrict``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q
from django.utils import timezone

from kerjasama.agreements.choices import AgreementStage
from kerjasama.obligations.choices import OPEN_STATUSES, DueStatus
from kerjasama.obligations.models import (
    DueEscalation,
    FulfilmentConfirmation,
    Obligation,
    ObligationDue,
)


def agreement_obligations(user: Any, agreement_id: int) -> list[Obligation]:
    """The obligations of one agreement the user may see, each with its occurrences, their confirmations and
    escalation steps prefetched (a fixed number of queries however many there are)."""
    dues = ObligationDue.objects.select_related("evidence").prefetch_related(
        Prefetch(
            "confirmations",
            queryset=FulfilmentConfirmation.objects.select_related("party__region", "party__organisation"),
        ),
        Prefetch("escalations", queryset=DueEscalation.objects.order_by("level")),
    )
    return list(
        Obligation.objects.restrict(user, "view")
        .filter(agreement_id=agreement_id)
        .select_related("party__region", "party__organisation", "agreement")
        .prefetch_related(Prefetch("dues", queryset=dues.order_by("due_date", "pk")))
        .order_by("first_due", "pk")
    )


@dataclass(frozen=True)
class LateDue:
    """An occurrence past its due date and still open (for the stagnation signal of the disputes module)."""

    agreement_id: int
    obligation_id: int
    due_id: int
    title: str
    party_id: int
    due_date: date
    days_late: int


def late_obligations(
    agreement_ids: Iterable[int], min_days_late: int, *, today: date | None = None
) -> list[LateDue]:
    """Open occurrences (pending or late) of the given agreements at least ``min_days_late`` days past their
    due date (at least one), oldest first. System-side (no user scope): the caller scopes the agreements."""
    today = today or timezone.localdate()
    ids = sorted({int(i) for i in agreement_ids})
    if not ids:
        return []
    cutoff = date.fromordinal(today.toordinal() - max(1, int(min_days_late)))
    rows = (
        ObligationDue.objects.filter(
            obligation__agreement_id__in=ids, status__in=OPEN_STATUSES, due_date__lte=cutoff
        )
        .select_related("obligation")
        .order_by("due_date", "pk")
    )
    return [
        LateDue(
            agreement_id=d.obligation.agreement_id,
            obligation_id=d.obligation_id,
            due_id=d.pk,
            title=d.obligation.title,
            party_id=d.obligation.party_id,
            due_date=d.due_date,
            days_late=(today - d.due_date).days,
        )
        for d in rows
    ]


@dataclass(frozen=True)
class UpcomingDue:
    """One due date of an obligation, for a calendar feed (the deadlines app's ICS) or "my deadlines"."""

    agreement_id: int
    agreement_title: str
    obligation_id: int
    due_id: int
    title: str
    region_id: str | None
    organisation_id: int | None
    due_date: date
    status: str
    amount: Decimal | None
    url: str


def upcoming_dues(
    region_ids: Iterable[str],
    start: date,
    end: date,
    *,
    organisation_ids: Iterable[int] = (),
    include_late: bool = True,
) -> list[UpcomingDue]:
    """The open occurrences owed by the given regions (or organisations) due between ``start`` and ``end``
    inclusive, and (``include_late``) those already late, of agreements in force; in due-date order."""
    regions = sorted({str(r) for r in region_ids})
    organisations = sorted({int(o) for o in organisation_ids})
    owner = Q(pk__in=[])
    if regions:
        owner |= Q(obligation__party__region_id__in=regions)
    if organisations:
        owner |= Q(obligation__party__organisation_id__in=organisations)
    window = Q(status=DueStatus.PENDING, due_date__gte=start, due_date__lte=end)
    if include_late:
        window |= Q(status=DueStatus.LATE, due_date__lte=end)
    rows = (
        ObligationDue.objects.filter(owner, window, obligation__agreement__stage=AgreementStage.PELAKSANAAN)
        .select_related("obligation__agreement", "obligation__party")
        .order_by("due_date", "pk")
    )
    return [
        UpcomingDue(
            agreement_id=d.obligation.agreement_id,
            agreement_title=d.obligation.agreement.title,
            obligation_id=d.obligation_id,
            due_id=d.pk,
            title=d.obligation.title,
            region_id=d.obligation.party.region_id,
            organisation_id=d.obligation.party.organisation_id,
            due_date=d.due_date,
            status=d.status,
            amount=d.obligation.amount,
            url=f"/kerja-sama/{d.obligation.agreement_id}/kewajiban/#due-{d.pk}",
        )
        for d in rows
    ]

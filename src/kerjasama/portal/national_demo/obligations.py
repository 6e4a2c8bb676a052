"""Obligations of the agreements signed (the PKS's *hak dan kewajiban*, UU 23/2014 Pasal 366(2); PP 28/2018
Pasal 6(4), 19(2)) with every occurrence up to the fixed today, and the risk event log of ten years.

Each signed agreement has a payment or service obligation of one party (quarterly, per semester or yearly);
past occurrences are mostly fulfilled (the others late, a few waived), the next ones pending. Ten years of
hand-recorded events (``disputes.RiskEvent``: a change of head of region, complaints, audit findings …) fall
on some agreements, dated within their term.
"""

from __future__ import annotations

from datetime import date, timedelta

from kerjasama.disputes.models import RiskEvent, RiskEventKind
from kerjasama.obligations.choices import DueStatus, ObligationKind, Recurrence
from kerjasama.obligations.models import Obligation, ObligationDue
from kerjasama.portal.national_demo.agreements import NationalDemoAgreement
from kerjasama.portal.national_demo.common import LABEL, NationalDemoRun, bulk, own_timestamps, stamp

MONTHS = {Recurrence.QUARTERLY: 3, Recurrence.SEMESTER: 6, Recurrence.YEARLY: 12}


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, min(day.day, 28))


def load_obligations(run: NationalDemoRun, made: list[NationalDemoAgreement]) -> None:
    rng = run.rng
    obligations: list[Obligation] = []
    dues: list[ObligationDue] = []
    events: list[RiskEvent] = []
    kinds = list(RiskEventKind.values)
    horizon = run.base + timedelta(days=365)
    for m in made:
        a = m.agreement
        if m.signed_on is None or a.term_start is None or a.term_end is None:
            continue
        for n in range(1 if rng.random() < 0.7 else 2):
            party = m.parties[rng.randrange(len(m.parties))]
            recurrence = rng.choice(list(MONTHS))
            first = _add_months(a.term_start, MONTHS[recurrence])
            if first > a.term_end:
                continue
            payment = rng.random() < 0.6
            ob = Obligation(
                agreement=a,
                party=party,
                title=("Pembayaran kontribusi" if payment else "Penyampaian laporan layanan")
                + f" {n + 1}{LABEL}",
                kind=ObligationKind.PAYMENT if payment else ObligationKind.SERVICE,
                amount=(a.value or 0) / 20 if payment and a.value else None,
                recurrence=recurrence,
                first_due=first,
                source_clause="Pasal 5 PKS: hak dan kewajiban para pihak (contoh)",
                is_example=True,
                created_by_id=a.created_by_id,
                created_at=stamp(m.signed_on),
                updated_at=stamp(m.signed_on),
            )
            obligations.append(ob)
            day = first
            last = min(a.term_end, a.ended_on or a.term_end, horizon)
            while day <= last:
                status, fulfilled = DueStatus.PENDING, None
                if day < run.base:
                    r = rng.random()
                    if r < 0.85:
                        status, fulfilled = DueStatus.FULFILLED, day + timedelta(days=rng.randint(-5, 20))
                    elif r < 0.97:
                        status = DueStatus.LATE
                    else:
                        status = DueStatus.WAIVED
                dues.append(
                    ObligationDue(
                        obligation=ob,
                        due_date=day,
                        status=status,
                        fulfilled_on=fulfilled if fulfilled is None else min(fulfilled, run.base),
                        fulfilment_note="Terpenuhi (contoh)" if fulfilled else "",
                        waived_reason="Dibebaskan atas kesepakatan para pihak (contoh)"
                        if status == DueStatus.WAIVED
                        else "",
                        updated_at=stamp(min(day, run.base)),
                    )
                )
                day = _add_months(day, MONTHS[recurrence])
        if rng.random() < 0.25:
            last = min(a.ended_on or run.base, run.base)
            for _ in range(rng.randint(1, 3)):
                on = run.day_between(m.signed_on, last)
                events.append(
                    RiskEvent(
                        agreement=a,
                        kind=kinds[rng.randrange(len(kinds))],
                        date=on,
                        note="Peristiwa contoh yang dibangkitkan (data contoh)",
                        recorded_by_id=a.created_by_id,
                        recorded_at=stamp(on),
                    )
                )
    with own_timestamps(Obligation, ObligationDue, RiskEvent):
        bulk(Obligation, obligations, with_history=True)
        for d in dues:
            d.obligation_id = d.obligation.pk
        bulk(ObligationDue, dues)  # the volume: no creation history row (see common.bulk)
        bulk(RiskEvent, events, with_history=True)
    run.add("obligations", len(obligations))
    run.add("obligation_dues", len(dues))
    run.add("risk_events", len(events))

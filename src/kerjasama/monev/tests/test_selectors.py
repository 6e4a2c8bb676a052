"""Overdue monev, monev missed twice and stagnation (issue 11 items 2 and 6), with query-count guards."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kerjasama.agreements.models import Agreement
from kerjasama.core.actors import SYSTEM
from kerjasama.monev import services
from kerjasama.monev.choices import Flag, PartyMonevStatus
from kerjasama.monev.models import MonevPeriod
from kerjasama.monev.selectors import (
    agreement_monev,
    flags_for,
    missed_twice,
    monev_deadlines,
    overdue_monev,
    stagnant_agreements,
)
from kerjasama.monev.tests.conftest import TODAY, party_of, register

pytestmark = pytest.mark.django_db


def _submit(actor: Any, period: MonevPeriod, party: Any) -> None:
    services.save_self_assessment(
        actor=actor, period=period, party=party, progress_percent="50", submit=True, today=TODAY
    )


def test_a_party_is_overdue_after_the_due_date_without_a_submission(
    persona: Any, waste: Agreement, periods: list[MonevPeriod]
) -> None:
    first = periods[0]
    yogya, sleman = party_of(waste, "34.71"), party_of(waste, "34.04")
    _submit(persona("kabkota"), first, yogya)
    # A draft is not a submission.
    services.save_self_assessment(
        actor=persona("neighbour"), period=first, party=sleman, progress_percent="5", today=TODAY
    )
    items = overdue_monev(TODAY, agreement_ids=[waste.pk])
    # Periods 1-3 are past due (30 Jul 2025, 30 Jan 2026, 30 Jul 2026); period 4 is due 30 Jan 2027.
    assert {(i.period_id, i.party_id) for i in items} == {
        (first.pk, sleman.pk),
        (periods[1].pk, yogya.pk),
        (periods[1].pk, sleman.pk),
        (periods[2].pk, yogya.pk),
        (periods[2].pk, sleman.pk),
    }
    assert all(i.overdue for i in items)
    # On the due day itself nothing of that period is overdue yet.
    assert not [i for i in overdue_monev(first.due, agreement_ids=[waste.pk]) if i.period_id == first.pk]
    # The deadlines of one region include the not-yet-due period; the other province's region has none.
    mine = monev_deadlines(TODAY, region_code="34.71")
    assert {(i.period_id, i.overdue) for i in mine} == {
        (periods[1].pk, True),
        (periods[2].pk, True),
        (periods[3].pk, False),
    }
    assert {i.region_code for i in monev_deadlines(TODAY, region_code="34")} == {"34.71", "34.04"}
    assert monev_deadlines(TODAY, region_code="33.74") == []


def test_monev_missed_twice_is_a_stagnation_flag(
    persona: Any, waste: Agreement, periods: list[MonevPeriod]
) -> None:
    yogya, sleman = party_of(waste, "34.71"), party_of(waste, "34.04")
    for period in periods[:3]:
        _submit(persona("kabkota"), period, yogya)
    _submit(persona("neighbour"), periods[0], sleman)
    _submit(persona("neighbour"), periods[1], sleman)
    assert missed_twice([waste.pk], TODAY) == set()  # Sleman missed one period
    assert missed_twice([waste.pk], date(2027, 2, 1)) == {waste.pk}  # and then a second
    assert Flag.MISSED_TWICE in flags_for([waste.pk], date(2027, 2, 1))[waste.pk]


def test_an_agreement_with_no_event_for_twelve_months_is_stagnant(persona: Any, waste: Agreement) -> None:
    today = timezone.localdate()
    assert stagnant_agreements(today, [waste.pk]) == {}
    later = today + timedelta(days=370)
    assert list(stagnant_agreements(later, [waste.pk])) == [waste.pk]
    # A monev entry is a recorded event: it resets the clock (here, ten months on).
    with_time = timezone.now() + timedelta(days=300)
    import time_machine

    with time_machine.travel(with_time, tick=False):
        services.generate_periods(actor=SYSTEM, agreement=waste, today=with_time.date())
        period = MonevPeriod.objects.filter(agreement=waste).order_by("start").first()
        assert period is not None
        _submit(persona("kabkota"), period, party_of(waste, "34.71"))
    assert stagnant_agreements(later, [waste.pk]) == {}
    assert Flag.STAGNANT in flags_for([waste.pk], today + timedelta(days=800))[waste.pk]


def test_the_monev_of_an_agreement_reads_in_a_fixed_number_of_queries(
    persona: Any, waste: Agreement, periods: list[MonevPeriod]
) -> None:
    from kerjasama.agreements.selectors import visible_agreement

    user = persona("kabkota")
    _submit(user, periods[0], party_of(waste, "34.71"))

    def count(today: date) -> int:
        agreement = visible_agreement(user, waste.pk)
        with CaptureQueriesContext(connection) as ctx:
            data = agreement_monev(agreement, user, today)
        assert data.periods
        return len(ctx.captured_queries)

    few = count(TODAY)
    services.generate_periods(actor=SYSTEM, agreement=waste, today=date(2029, 12, 31))
    assert MonevPeriod.objects.filter(agreement=waste).count() == 10
    assert count(date(2029, 12, 31)) == few
    first = agreement_monev(visible_agreement(user, waste.pk), user, TODAY).periods[-1]
    assert [p.status for p in first.parties] == [PartyMonevStatus.SUBMITTED, PartyMonevStatus.OVERDUE]


def test_deadlines_and_flags_read_in_a_fixed_number_of_queries(persona: Any, waste: Agreement) -> None:
    other = register(persona("neighbour"), ["34.04", "34.02"], "Pemadam kebakaran Sleman dan Bantul")
    for agreement in (waste, other):
        services.generate_periods(actor=SYSTEM, agreement=agreement, today=TODAY)
    with CaptureQueriesContext(connection) as one:
        monev_deadlines(TODAY, agreement_ids=[waste.pk])
    with CaptureQueriesContext(connection) as two:
        monev_deadlines(TODAY, agreement_ids=[waste.pk, other.pk])
    assert len(one.captured_queries) == len(two.captured_queries) <= 3
    with CaptureQueriesContext(connection) as flags_one:
        flags_for([waste.pk], TODAY)
    with CaptureQueriesContext(connection) as flags_two:
        flags_for([waste.pk, other.pk], TODAY)
    assert len(flags_one.captured_queries) == len(flags_two.captured_queries)


def test_each_overdue_item_names_the_partys_cooperation_unit(
    persona: Any, waste: Agreement, periods: list[MonevPeriod]
) -> None:
    from kerjasama.monev.selectors import deadlines_for_user, responsible_users

    items = overdue_monev(TODAY, agreement_ids=[waste.pk])
    users = responsible_users(items)
    yogya, sleman = party_of(waste, "34.71"), party_of(waste, "34.04")
    assert [u.username for u in users[yogya.pk]] == ["operator.yogya"]
    assert [u.username for u in users[sleman.pk]] == ["operator.sleman"]
    assert {i.party_id for i in deadlines_for_user(persona("kabkota"), TODAY)} == {yogya.pk}
    assert len(deadlines_for_user(persona("ministry"), TODAY)) == 8
    assert deadlines_for_user(persona("third_party"), TODAY) == []

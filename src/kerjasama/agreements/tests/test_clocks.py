"""The deadline clocks of the current stage (issue 10, item 5): working days, only where a parameter is set, never
"deemed approved" (R31)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse

from kerjasama.agreements import selectors, services
from kerjasama.agreements.clocks import stage_clocks
from kerjasama.agreements.tests.conftest import (
    party,
    propose_waste,
    review,
    sign_both,
    signatories,
    to_kb_drafting,
)
from kerjasama.rulebook.workdays import WorkingCalendar

pytestmark = pytest.mark.django_db

OFFER_DAY = date(2026, 6, 12)  # a Friday


def _offered(people: dict[str, Any]) -> Any:
    agreement = propose_waste(people)
    review(agreement, "34.71", people["tkksd_yogya"])
    services.send_offer(
        actor=people["yogya"], agreement=agreement, letter_number="415.4/001", letter_date=OFFER_DAY
    )
    return selectors.visible_agreement(people["yogya"], agreement.pk)


def test_no_clock_runs_where_the_regulations_set_no_limit(people: dict[str, Any]) -> None:
    """The default: PP 28/2018 sets no reply limit for an offer [U]; the clock says so, with no date."""
    (clock,) = stage_clocks(_offered(people))
    assert clock.name == "balasan_penawaran" and clock.status == "tidak_ditetapkan"
    assert clock.due is None and clock.days is None and clock.start == OFFER_DAY


def test_a_configured_limit_counts_working_days_from_the_offer_letter(
    people: dict[str, Any], settings: Any
) -> None:
    settings.KERJASAMA_RULEBOOK = {**settings.KERJASAMA_RULEBOOK, "offer_reply_days": "10"}
    agreement = _offered(people)
    due = WorkingCalendar().add_working_days(OFFER_DAY, 10)
    assert due > OFFER_DAY + timedelta(days=10), "weekends do not count"
    expectations = (
        (due + timedelta(days=1), "terlambat"),
        (due, "jatuh_tempo"),
        (due - timedelta(days=30), "jatuh_tempo"),
        (due - timedelta(days=31), "sesuai_jadwal"),
    )
    for today, status in expectations:
        (clock,) = stage_clocks(agreement, today=today)
        assert (clock.due, clock.days, clock.status) == (due, 10, status), today
    # Late is a reminder: the stage stays where it is; the partner's reply is still awaited.
    assert agreement.stage == "penawaran"


def test_each_region_s_dprd_has_its_own_clock(people: dict[str, Any], settings: Any) -> None:
    settings.KERJASAMA_RULEBOOK = {**settings.KERJASAMA_RULEBOOK, "dprd_decision_days": "30"}
    agreement = to_kb_drafting(people)
    signatories(agreement, people)
    agreement = sign_both(agreement, people, services.sign_kb)
    for code, when in (("34.71", date(2026, 8, 3)), ("34.04", date(2026, 8, 10))):
        actor = people["yogya" if code == "34.71" else "sleman"]
        agreement = selectors.visible_agreement(actor, agreement.pk)
        services.request_dprd_approval(
            actor=actor,
            agreement=agreement,
            party=party(agreement, code),
            letter_number=f"170/{code}",
            requested_on=when,
        )
    loaded = selectors.visible_agreement(people["sleman"], agreement.pk)
    clocks = {c.region: c for c in stage_clocks(loaded, today=date(2026, 8, 20)) if c.name == "keputusan_dprd"}
    assert set(clocks) == {"34.71", "34.04"}
    assert clocks["34.71"].due == WorkingCalendar().add_working_days(date(2026, 8, 3), 30)
    assert clocks["34.04"].start == date(2026, 8, 10)
    assert all(c.rule == "R13" for c in clocks.values())


def test_the_page_and_the_api_show_the_clocks_to_every_party(
    people: dict[str, Any], client_as: Any, settings: Any
) -> None:
    settings.KERJASAMA_RULEBOOK = {**settings.KERJASAMA_RULEBOOK, "offer_reply_days": "10"}
    agreement = _offered(people)
    for who in ("kabkota", "neighbour"):
        body = client_as(who).get(reverse("agreements:detail", kwargs={"pk": agreement.pk})).content.decode()
        assert 'data-testid="clock-balasan_penawaran"' in body and "hari kerja" in body, who
        assert "dianggap disetujui" in body
        data = client_as(who).get(f"/api/v1/agreements/{agreement.pk}").json()
        (clock,) = data["clocks"]
        assert clock["working_days"] == 10 and clock["rule"] == "R16" and clock["status"] in {
            "terlambat",
            "jatuh_tempo",
            "sesuai_jadwal",
        }

"""Agreements as a subject of the TKKSD's decisions: the party regions' TKKSD decide, the decision is the
party's review (issue 10, item 4)."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.agreements.tests.conftest import party, propose_waste, tkksd_decide
from kerjasama.core.errors import KerjasamaError
from kerjasama.regions.models import Region
from kerjasama.tkksd.subjects import subject_kind

pytestmark = pytest.mark.django_db

SUBJECT = "agreements.agreement"


def test_it_names_the_party_regions_and_offers_the_open_proposals_to_their_meetings(
    people: dict[str, Any],
) -> None:
    agreement = propose_waste(people)
    kind = subject_kind(SUBJECT)
    assert kind is not None and kind.on_decided is not None
    regions, label = kind.lookup(str(agreement.pk)) or (frozenset(), "")
    assert regions == {"34.71", "34.04"} and agreement.title in label
    assert kind.lookup("999999") is None and kind.lookup("x") is None
    yogya, semarang = Region.objects.get(code="34.71"), Region.objects.get(code="33.74")
    assert [pk for pk, _ in kind.choices(yogya)] == [str(agreement.pk)]
    assert kind.choices(semarang) == []
    tkksd_decide(agreement, "34.71")
    assert kind.choices(yogya) == []  # approved: nothing left to decide for Yogyakarta
    assert [pk for pk, _ in kind.choices(Region.objects.get(code="34.04"))] == [str(agreement.pk)]


def test_a_decision_then_a_later_one_replace_the_review_and_history_keeps_both(
    people: dict[str, Any],
) -> None:
    agreement = propose_waste(people)
    first = tkksd_decide(agreement, "34.71", "return", "Lengkapi kajian biaya.")
    assert party(agreement, "34.71").tkksd_review == "returned"
    second = tkksd_decide(agreement, "34.71", "approve")
    yogya = party(agreement, "34.71")
    assert (yogya.tkksd_review, yogya.tkksd_decision_ref) == ("approved", f"tkksd:{second.pk}")
    refs = list(yogya.history.order_by("history_date").values_list("tkksd_decision_ref", flat=True))
    assert f"tkksd:{first.pk}" in refs and f"tkksd:{second.pk}" in refs


def test_a_region_that_is_no_party_cannot_decide_on_the_agreement(people: dict[str, Any]) -> None:
    from datetime import date

    from kerjasama.accounts.models import User
    from kerjasama.tkksd import services as tkksd_services

    agreement = propose_waste(people)
    semarang = Region.objects.get(code="33.74")
    operator = User.objects.get(username="operator.semarang")
    decree = tkksd_services.record_decree(
        actor=operator,
        region=semarang,
        number="1/2026",
        decree_date=date(2026, 1, 5),
        period_start=date(2026, 1, 5),
    )
    member = tkksd_services.add_member(
        actor=operator, decree=decree, name="Sekda", position="Sekda", role="ketua"
    )
    meeting = tkksd_services.schedule_meeting(
        actor=operator, region=semarang, meeting_date=date(2026, 6, 10), place="Balai Kota", agenda="Kajian"
    )
    tkksd_services.hold_meeting(actor=operator, meeting=meeting, attendee_ids=[member.pk])
    with pytest.raises(KerjasamaError) as refused:
        tkksd_services.record_decision(
            actor=operator,
            meeting=meeting,
            subject_type=SUBJECT,
            subject_id=str(agreement.pk),
            outcome="approve",
        )
    assert refused.value.code == "tkksd.subject_other_region"
    assert {p.tkksd_review for p in agreement.parties.all()} == {"pending"}

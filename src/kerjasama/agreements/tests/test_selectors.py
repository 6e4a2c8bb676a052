"""The list (filters, counts, constant queries), the detail (timeline) and the actions offered to each user."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from kerjasama.agreements import selectors, services
from kerjasama.agreements.selectors import AgreementFilters
from kerjasama.agreements.tests.conftest import WASTE, propose_waste, review, to_kb_drafting
from kerjasama.core.errors import NotFound
from kerjasama.regions.models import Region

pytestmark = pytest.mark.django_db


def _names(result: selectors.AgreementList) -> set[str]:
    return {a.title for a in result.agreements}


def test_it_filters_and_counts(persona: Any, people: dict[str, Any]) -> None:
    propose_waste(people, title="A")
    to_kb_drafting(people, title="B")
    propose_waste(people, title="C", category="sukarela", affairs=["1.03"])
    ministry = persona("ministry")
    everything = selectors.agreement_list(ministry)
    assert everything.total == 3 and everything.by_stage == {"persiapan": 2, "penyusunan_kb": 1}
    assert everything.by_type == {"KSDD": 3}
    assert _names(selectors.agreement_list(ministry, AgreementFilters(stage="penyusunan_kb"))) == {"B"}
    assert _names(selectors.agreement_list(ministry, AgreementFilters(category="sukarela"))) == {"C"}
    assert _names(selectors.agreement_list(ministry, AgreementFilters(affair="1.03"))) == {"C"}
    assert selectors.agreement_list(ministry, AgreementFilters(partner="34.04")).total == 3
    assert selectors.agreement_list(ministry, AgreementFilters(partner="33.74")).total == 0
    assert selectors.agreement_list(ministry, AgreementFilters(province="34")).total == 3
    assert selectors.agreement_list(ministry, AgreementFilters(province="33")).total == 0
    assert selectors.agreement_list(persona("other_province")).total == 0


def test_my_turn_follows_the_stage(people: dict[str, Any]) -> None:
    agreement = propose_waste(people)
    mine = AgreementFilters(my_turn=True)
    assert selectors.agreement_list(people["yogya"], mine).total == 1  # the proposer sends the offer
    assert selectors.agreement_list(people["sleman"], mine).total == 0  # nothing for Sleman before the offer
    review(agreement, "34.71", people["tkksd_yogya"])
    services.send_offer(actor=people["yogya"], agreement=agreement, letter_number="1")
    assert selectors.agreement_list(people["sleman"], mine).total == 1
    assert selectors.agreement_list(people["yogya"], mine).total == 0


def test_expiring_within_n_days(people: dict[str, Any]) -> None:
    from kerjasama.agreements.tests.test_engine_link import _in_force

    today = timezone.localdate()
    _in_force(people, term_start=date(2024, 1, 1), term_end=today + timedelta(days=30))
    assert selectors.agreement_list(people["yogya"], AgreementFilters(expiring_within_days=60)).total == 1
    assert selectors.agreement_list(people["yogya"], AgreementFilters(expiring_within_days=10)).total == 0


def test_the_list_takes_the_same_queries_for_one_or_many(
    persona: Any, people: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    propose_waste(people)
    with django_assert_max_num_queries(8) as one:
        selectors.agreement_list(persona("province"))
    for i in range(5):
        propose_waste(people, title=f"Lagi {i}", partner_regions=[Region.objects.get(code="34.02")])
    with django_assert_max_num_queries(len(one.captured_queries)):
        result = selectors.agreement_list(persona("province"))
        assert len(result.agreements) == 6
        assert all(len(a.parties.all()) == 2 for a in result.agreements)


def test_the_detail_shows_the_same_record_and_its_timeline(persona: Any, people: dict[str, Any]) -> None:
    agreement = to_kb_drafting(people)
    for who in ("yogya", "sleman"):
        detail = selectors.agreement_detail(people[who], agreement.pk)
        assert [e.stage for e in detail.timeline] == ["persiapan", "penawaran", "penyusunan_kb"]
        assert [p.region_id for p in detail.parties] == ["34.71", "34.04"]
        assert [d.kind for d in detail.recorded_documents] == ["penawaran"]
    with pytest.raises(NotFound):
        selectors.agreement_detail(persona("other_province"), agreement.pk)


def test_it_offers_each_user_only_what_they_may_do_now(persona: Any, people: dict[str, Any]) -> None:
    agreement = propose_waste(people)
    loaded = selectors.visible_agreement(people["yogya"], agreement.pk)

    def names(user: Any) -> set[str]:
        return {
            a["action"]
            for a in selectors.available_actions(user, selectors.visible_agreement(user, agreement.pk))
        }

    assert "send_offer" not in names(people["yogya"]), "the TKKSD has not reviewed yet (R16, R21)"
    assert {"cancel_agreement", "record_signatory"} <= names(people["yogya"])
    assert names(people["tkksd_yogya"]) == {"record_tkksd_review"}
    assert names(persona("province")) == set() and names(persona("ministry")) == set()
    assert selectors.available_actions(persona("other_province"), loaded) == []
    review(agreement, "34.71", people["tkksd_yogya"])
    assert "send_offer" in names(people["yogya"])
    services.send_offer(actor=people["yogya"], agreement=agreement, letter_number="1")
    sleman = names(people["sleman"])
    assert "decline_offer" in sleman and "accept_offer" not in sleman  # its TKKSD has not approved
    review(agreement, "34.71", people["tkksd_yogya"])
    review(agreement, "34.04", people["tkksd_sleman"])
    assert "accept_offer" in names(people["sleman"])
    assert "send_offer" not in names(people["yogya"])


def test_a_proposal_prefilled_from_a_recommendation(people: dict[str, Any]) -> None:
    from kerjasama.affairs.models import Affair

    values = services.proposal_from_recommendation(
        Region.objects.get(code="34.71"), Region.objects.get(code="34.04"), Affair.objects.get(code=WASTE)
    )
    values["justification_externality"] = values["justification_externality"] or "Sampah lintas batas."
    agreement = services.propose_agreement(actor=people["yogya"], **values)
    assert agreement.origin_kind == "recommendation" and agreement.origin_ref == "34.71/34.04/2.11"
    assert [p.region_id for p in agreement.parties.all()] == ["34.71", "34.04"]


def test_the_detail_takes_the_same_queries_for_two_or_four_parties(
    people: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    two = propose_waste(people)
    four = propose_waste(
        people, partner_regions=list(Region.objects.filter(code__in=["34.04", "34.02", "34.03"]))
    )
    with django_assert_max_num_queries(40) as small:
        selectors.agreement_detail(people["yogya"], two.pk)
    with django_assert_max_num_queries(len(small.captured_queries)):
        detail = selectors.agreement_detail(people["yogya"], four.pk)
    assert len(detail.parties) == 4


def test_the_detail_reads_attached_files_and_the_tkksd_decree_once(
    people: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    """The rulebook is asked about every candidate action (signing by each party, PKS drafting, cancelling);
    the files attached and the proposer's TKKSD decree behind those questions are read once per request."""
    agreement = to_kb_drafting(people)
    with django_assert_max_num_queries(40) as counted:
        detail = selectors.agreement_detail(people["yogya"], agreement.pk)
    assert detail.actions, "KB drafting offers actions to a party's official"
    sqls = [q["sql"] for q in counted.captured_queries]
    assert sum('"documents_document"' in q and "object_type" in q for q in sqls) == 1
    assert sum('"tkksd_decree"' in q for q in sqls) == 1

"""The services of a dispute case: registration with the rulebook's proposed resolver, screening (confirm,
correct with a reason, *bukan wewenang*), bounded deliberation rounds, settlement and withdrawal; CAS and audit."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kerjasama.accounts.models import Organisation
from kerjasama.core.actors import SYSTEM
from kerjasama.core.errors import Conflict, KerjasamaError
from kerjasama.core.models import AuditEvent
from kerjasama.disputes import services
from kerjasama.disputes.choices import DisputeStage
from kerjasama.disputes.models import DeliberationRound, Dispute
from kerjasama.disputes.services import PartyInput
from kerjasama.disputes.tests.conftest import TODAY, region_parties, register

pytestmark = pytest.mark.django_db


def test_it_proposes_the_governor_for_kabkota_of_one_province() -> None:
    case = register(parties=region_parties("32.73", "32.04"))
    assert (case.proposed_resolver, case.proposed_region_id) == ("gubernur", "32")
    assert (case.resolver, case.resolver_region_id) == ("gubernur", "32")
    assert "370(1)" in case.proposed_basis
    assert case.stage == DisputeStage.REGISTERED
    assert case.number.startswith("PRS/2026/")
    assert AuditEvent.objects.filter(action="dispute.registered", object_id=str(case.pk)).exists()


def test_it_proposes_the_minister_by_default_for_kabkota_of_different_provinces() -> None:
    case = register(parties=region_parties("34.71", "33.74"))
    assert (case.proposed_resolver, case.proposed_region_id) == ("menteri", None)
    assert case.legal_review
    assert "kajian_hukum" in {f["code"] for f in case.flags}


def test_it_proposes_the_governor_for_different_provinces_when_the_setting_says_so(settings: Any) -> None:
    settings.KERJASAMA_RULEBOOK = {
        **settings.KERJASAMA_RULEBOOK,
        "kabkota_cross_province_dispute_authority": "gubernur",
    }
    case = register(parties=region_parties("34.71", "33.74"))
    assert case.proposed_resolver == "gubernur"
    assert case.legal_review


def test_it_proposes_the_minister_when_a_province_is_a_party() -> None:
    case = register(parties=region_parties("34", "34.04"))
    assert (case.proposed_resolver, case.proposed_region_id) == ("menteri", None)
    assert "370(2)" in case.proposed_basis


def test_it_sends_a_ksdpk_dispute_to_the_agreements_clause() -> None:
    mitra = _mitra()
    case = register(
        kind="KSDPK",
        sector="investasi",
        parties=[
            PartyInput("pemohon", organisation_id=mitra.pk),
            PartyInput("termohon", region_code="34.71"),
        ],
    )
    assert case.proposed_resolver == "perjanjian"
    assert "klausul_perjanjian" in {f["code"] for f in case.flags}


def _mitra() -> Organisation:
    return Organisation.objects.get(users__username="mitra.contoh")


def test_it_flags_a_boundary_dispute() -> None:
    case = register(causes=["batas"])
    assert "batas_wilayah" in {f["code"] for f in case.flags}


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"causes": []}, "disputes.causes_required"),
        ({"causes": ["bukan"]}, "disputes.causes_invalid"),
        ({"sector": "air"}, "disputes.sector_invalid"),
        ({"kind": "X"}, "disputes.kind_invalid"),
        ({"claims": " "}, "disputes.required"),
        ({"parties": region_parties("34.71")}, "disputes.parties_roles"),
        ({"parties": region_parties("34.71", "34.71")}, "disputes.duplicate_party"),
        ({"parties": region_parties("34.71", "99.99")}, "disputes.unknown_region"),
    ],
)
def test_it_refuses_bad_registrations(change: dict[str, Any], code: str) -> None:
    with pytest.raises(KerjasamaError) as caught:
        register(**change)
    assert caught.value.code == code
    assert not Dispute.objects.exists()


def test_it_opens_the_deliberation_when_the_resolver_accepts(deliberating: Dispute) -> None:
    assert deliberating.stage == DisputeStage.DELIBERATION
    assert deliberating.deliberation_deadline == TODAY + timedelta(days=60)
    assert AuditEvent.objects.filter(action="dispute.screened", object_id=str(deliberating.pk)).exists()
    assert deliberating.history.count() >= 2


def test_it_needs_a_reason_to_correct_the_resolver(dispute: Dispute) -> None:
    with pytest.raises(KerjasamaError) as caught:
        services.screen_dispute(actor=SYSTEM, dispute=dispute, outcome="diterima", resolver="menteri")
    assert caught.value.code == "disputes.correction_reason_required"
    done = services.screen_dispute(
        actor=SYSTEM,
        dispute=dispute,
        outcome="diterima",
        resolver="menteri",
        reason="Gubernur tidak bertindak",
    )
    assert (done.resolver, done.resolver_region_id) == ("menteri", None)
    assert done.proposed_resolver == "gubernur"


def test_it_closes_a_case_that_is_not_our_authority(dispute: Dispute) -> None:
    with pytest.raises(KerjasamaError):
        services.screen_dispute(actor=SYSTEM, dispute=dispute, outcome="bukan_wewenang")
    done = services.screen_dispute(
        actor=SYSTEM,
        dispute=dispute,
        outcome="bukan_wewenang",
        reason="Pokoknya sengketa batas",
        referred_to="Prosedur penegasan batas daerah",
    )
    assert done.stage == DisputeStage.NOT_COMPETENT
    assert done.closed_at is not None
    with pytest.raises(Conflict):
        services.settle(actor=SYSTEM, dispute=done, terms="x")


def test_a_second_screening_of_the_same_case_is_a_conflict(dispute: Dispute) -> None:
    stale = Dispute.objects.get(pk=dispute.pk)
    services.screen_dispute(actor=SYSTEM, dispute=dispute, outcome="diterima")
    with pytest.raises(Conflict) as caught:
        services.screen_dispute(actor=SYSTEM, dispute=stale, outcome="diterima")
    assert caught.value.code == "disputes.stage_changed"


def test_it_bounds_the_rounds(deliberating: Dispute, settings: Any) -> None:
    settings.KERJASAMA_DISPUTE_MAX_ROUNDS = 2
    for n in (1, 2):
        row = services.record_round(
            actor=SYSTEM, dispute=deliberating, meeting_date=TODAY, minutes=f"Rapat {n}", issues=["Tarif"]
        )
        assert row.number == n
    with pytest.raises(KerjasamaError) as caught:
        services.record_round(actor=SYSTEM, dispute=deliberating, meeting_date=TODAY, minutes="Rapat 3")
    assert caught.value.code == "disputes.rounds_exhausted"
    assert DeliberationRound.objects.filter(dispute=deliberating).count() == 2


def test_it_refuses_rounds_after_the_deadline(deliberating: Dispute) -> None:
    assert deliberating.deliberation_deadline is not None
    late = deliberating.deliberation_deadline + timedelta(days=1)
    with pytest.raises(KerjasamaError) as caught:
        services.record_round(
            actor=SYSTEM, dispute=deliberating, meeting_date=TODAY, minutes="Rapat", today=late
        )
    assert caught.value.code == "disputes.deliberation_overdue"


def test_each_party_confirms_the_issue_list(deliberating: Dispute) -> None:
    row = services.record_round(
        actor=SYSTEM, dispute=deliberating, meeting_date=TODAY, minutes="Rapat", issues=["Tarif", "Tunggakan"]
    )
    for party in deliberating.parties.all():
        row = services.confirm_issues(actor=SYSTEM, round=row, party=party)
        row = services.confirm_issues(actor=SYSTEM, round=row, party=party)
    assert sorted(row.confirmed_parties) == sorted(deliberating.parties.values_list("pk", flat=True))


def test_a_failed_deliberation_goes_to_facilitation(deliberating: Dispute) -> None:
    done = services.fail_deliberation(actor=SYSTEM, dispute=deliberating, reason="Tidak ada titik temu")
    assert done.stage == DisputeStage.FACILITATION
    with pytest.raises(Conflict):
        services.record_round(actor=SYSTEM, dispute=done, meeting_date=TODAY, minutes="Rapat")


@pytest.mark.parametrize("screen", [False, True])
def test_it_settles_or_withdraws_at_any_open_stage(dispute: Dispute, screen: bool) -> None:
    if screen:
        dispute = services.screen_dispute(actor=SYSTEM, dispute=dispute, outcome="diterima")
    other = register()
    assert (
        services.settle(actor=SYSTEM, dispute=dispute, terms="Kesepakatan damai").stage
        == DisputeStage.SETTLED
    )
    assert services.withdraw(actor=SYSTEM, dispute=other, reason="Dibayar").stage == DisputeStage.WITHDRAWN
    for case in (dispute, other):
        with pytest.raises(Conflict):
            services.withdraw(actor=SYSTEM, dispute=case, reason="lagi")


@settings(max_examples=15, deadline=None)
@given(order=st.permutations(["32.73", "32.04"]))
def test_it_proposes_the_same_resolver_whatever_the_order_of_the_parties(order: list[str]) -> None:
    parties = region_parties(order[0], order[1])
    rows = services._party_rows(parties)
    proposal = services.propose_resolver(kind="KSDD", parties=rows)
    assert (proposal.resolver, proposal.region) == ("gubernur", "32")


def test_the_meeting_must_have_happened(deliberating: Dispute) -> None:
    with pytest.raises(KerjasamaError) as caught:
        services.record_round(
            actor=SYSTEM, dispute=deliberating, meeting_date=date(2026, 7, 1), minutes="Rapat"
        )
    assert caught.value.code == "disputes.meeting_in_future"


def test_a_party_that_does_not_take_part_is_recorded_once(dispute: Dispute) -> None:
    party = dispute.parties.get(region_id="34.04")
    stale = type(party).objects.get(pk=party.pk)
    done = services.record_absence(actor=SYSTEM, party=party, reason="Dua kali tidak hadir")
    assert not done.took_part
    assert AuditEvent.objects.filter(action="dispute.party_absent", object_id=str(party.pk)).exists()
    with pytest.raises(Conflict):
        services.record_absence(actor=SYSTEM, party=stale, reason="lagi")


def _waste_agreement() -> Any:
    from kerjasama.agreements.register import register_existing_agreement

    return register_existing_agreement(
        actor=SYSTEM,
        type="KSDD",
        category="sukarela",
        title="Pengelolaan sampah regional (contoh)",
        region_codes=["34.71", "34.04"],
        affairs=["2.11"],
        number="PKS/UJI/PRS/2026",
        term_start=date(2026, 1, 1),
        term_end=date(2030, 12, 31),
        apbd_budgeted=True,
    )


def test_it_links_the_case_to_its_agreement_of_the_same_kind(persona: Any) -> None:
    agreement = _waste_agreement()
    case = register(actor=persona("kabkota"), agreement=agreement)
    assert case.agreement_id == agreement.pk
    assert case.initiated_by == "pihak"
    with pytest.raises(KerjasamaError) as caught:
        register(agreement=agreement, kind="KSDPK")
    assert caught.value.code == "disputes.kind_mismatch"


def test_the_initiator_is_read_from_the_actor(persona: Any) -> None:
    assert register(actor=persona("province")).initiated_by == "gubernur"
    assert register(actor=persona("ministry")).initiated_by == "menteri"

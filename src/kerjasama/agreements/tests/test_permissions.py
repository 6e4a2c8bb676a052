"""The permission matrix over every persona (house rule 10): who sees an agreement (``restrict`` and
``policy.can`` agree) and who may call each service (issue 10, item 9)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from kerjasama.accounts.policy import can
from kerjasama.agreements import services
from kerjasama.agreements.models import Agreement, AgreementParty, DprdApproval
from kerjasama.agreements.tests.conftest import WASTE, party, propose_waste, review, tkksd_decide
from kerjasama.core.errors import KerjasamaError, PermissionDenied
from kerjasama.regions.models import Region
from kerjasama.tkksd import services as tkksd_services
from kerjasama.tkksd.models import Decision

pytestmark = pytest.mark.django_db

#: Every persona of the matrix (``PERSONAS`` in the root conftest.py).
ALL = ("ministry", "province", "kabkota", "neighbour", "other_province", "third_party", "auditor", "admin")


def _ksdpk(persona: Any) -> Agreement:
    return services.propose_agreement(
        actor=persona("kabkota"),
        lead_region=Region.objects.get(code="34.71"),
        partner_organisations=[persona("third_party").organisation],
        type="KSDPK",
        title="KSDPK persampahan",
        affairs=[WASTE],
    )


@pytest.mark.parametrize(
    ("kind", "seen_by"),
    [
        ("ksdd", {"ministry", "province", "kabkota", "neighbour", "auditor", "admin"}),
        ("ksdpk", {"ministry", "province", "kabkota", "third_party", "auditor", "admin"}),
    ],
)
def test_it_shows_an_agreement_to_its_parties_province_and_ministry_only(
    persona: Any, people: dict[str, Any], kind: str, seen_by: set[str]
) -> None:
    agreement = propose_waste(people) if kind == "ksdd" else _ksdpk(persona)
    for name in ALL:
        user = persona(name)
        listed = Agreement.objects.restrict(user, "view").filter(pk=agreement.pk).exists()
        assert listed == (name in seen_by), name
        assert can(user, "agreements.view_agreement", agreement) == listed, name
        parties = AgreementParty.objects.restrict(user, "view").filter(agreement=agreement).count()
        assert parties == (agreement.parties.count() if listed else 0), name


def test_an_uninvolved_region_of_the_same_province_sees_nothing(persona: Any, people: dict[str, Any]) -> None:
    from kerjasama.accounts.choices import OrganisationKind, Role
    from kerjasama.accounts.models import Organisation, User

    bantul = User.objects.create(
        username="operator.bantul",
        organisation=Organisation.objects.get(kind=OrganisationKind.PEMDA, region_id="34.02"),
        role=Role.COOPERATION_OPERATOR,
    )
    agreement = propose_waste(people)
    assert not Agreement.objects.restrict(bantul, "view").filter(pk=agreement.pk).exists()
    assert not can(bantul, "agreements.view_agreement", agreement)


Call = Callable[[Any, Agreement], Any]


def _decided(people: dict[str, Any]) -> Agreement:
    agreement = propose_waste(people)
    tkksd_decide(agreement, "34.71")
    return agreement


def _offer(people: dict[str, Any]) -> Agreement:
    agreement = propose_waste(people)
    review(agreement, "34.71", people["tkksd_yogya"])
    return services.send_offer(actor=people["yogya"], agreement=agreement, letter_number="415.4/1")


SERVICES: dict[str, tuple[Callable[[dict[str, Any]], Agreement], Call, set[str]]] = {
    "propose_agreement": (
        propose_waste,
        lambda u, a: propose_waste({"yogya": u}, title="Lain"),
        {"kabkota", "admin"},
    ),
    "update_proposal": (
        propose_waste,
        lambda u, a: services.update_proposal(
            actor=u, agreement=a, expected_version=None, scope="Ruang lingkup"
        ),
        {"kabkota", "admin"},
    ),
    "send_offer": (
        propose_waste,
        lambda u, a: services.send_offer(actor=u, agreement=a, letter_number="1"),
        {"kabkota", "admin"},
    ),
    "cancel_agreement": (
        propose_waste,
        lambda u, a: services.cancel_agreement(actor=u, agreement=a, reason="Tidak jadi"),
        {"kabkota", "admin"},
    ),
    "accept_offer": (
        _offer,
        lambda u, a: services.accept_offer(actor=u, agreement=a, party=party(a, "34.04")),
        {"neighbour", "admin"},
    ),
    "decline_offer": (
        _offer,
        lambda u, a: services.decline_offer(actor=u, agreement=a, party=party(a, "34.04"), reason="Tidak"),
        {"neighbour", "admin"},
    ),
    "record_tkksd_review": (
        _decided,
        lambda u, a: services.record_tkksd_review(
            actor=u,
            agreement=a,
            party=party(a, "34.71"),
            decision_ref=f"tkksd:{Decision.objects.get(subject_id=str(a.pk)).pk}",
        ),
        {"admin"},  # the TKKSD member of Kota Yogyakarta is not a matrix persona; see the next test
    ),
    "record_signatory": (
        propose_waste,
        lambda u, a: services.record_signatory(
            actor=u, agreement=a, party=party(a, "34.04"), signatory_name="Bupati"
        ),
        {"neighbour", "admin"},
    ),
    "start_review": (
        propose_waste,
        lambda u, a: services.start_review(actor=u, agreement=a, party=party(a, "34.04")),
        {"neighbour", "admin"},
    ),
    "acknowledge": (
        propose_waste,
        lambda u, a: services.acknowledge(actor=u, agreement=a, party=party(a, "34.71")),
        {"kabkota", "admin"},
    ),
    "record_document": (
        propose_waste,
        lambda u, a: services.record_document(
            actor=u, agreement=a, kind="studi_kelayakan", dated=date(2026, 5, 1)
        ),
        {"kabkota", "neighbour", "admin"},
    ),
    "sign_kb": (
        propose_waste,
        lambda u, a: services.sign_kb(actor=u, agreement=a, party=party(a, "34.04")),
        {"neighbour", "admin"},
    ),
    "request_dprd_approval": (
        propose_waste,
        lambda u, a: services.request_dprd_approval(
            actor=u, agreement=a, party=party(a, "34.04"), letter_number="1"
        ),
        {"neighbour", "admin"},
    ),
    "approve_side": (
        propose_waste,
        lambda u, a: services.approve_side(actor=u, agreement=a, party=party(a, "34.04")),
        {"neighbour", "admin"},
    ),
    "decline_side": (
        propose_waste,
        lambda u, a: services.decline_side(actor=u, agreement=a, party=party(a, "34.04"), reason="Tidak"),
        {"neighbour", "admin"},
    ),
    "sign_pks": (
        propose_waste,
        lambda u, a: services.sign_pks(actor=u, agreement=a, party=party(a, "34.71")),
        {"kabkota", "admin"},
    ),
    "sign_nota_kesepakatan": (
        propose_waste,
        lambda u, a: services.sign_nota_kesepakatan(actor=u, agreement=a, party=party(a, "34.04")),
        {"neighbour", "admin"},
    ),
    "draft_nota_kesepakatan": (
        propose_waste,
        lambda u, a: services.draft_nota_kesepakatan(actor=u, agreement=a),
        {"kabkota", "admin"},
    ),
    "start_pks_drafting": (
        propose_waste,
        lambda u, a: services.start_pks_drafting(actor=u, agreement=a),
        {"kabkota", "admin"},
    ),
}


@pytest.mark.parametrize("service", sorted(SERVICES))
@pytest.mark.parametrize("name", ALL)
def test_the_service_matrix(persona: Any, people: dict[str, Any], service: str, name: str) -> None:
    build, call, allowed = SERVICES[service]
    agreement = build(people)
    try:
        call(persona(name), agreement)
    except PermissionDenied:
        assert name not in allowed, f"{name} was refused {service}"
    except KerjasamaError:
        # Allowed by policy, refused for another reason (the rulebook, a missing step): policy let it through.
        assert name in allowed, f"{name} passed the policy of {service}"
    else:
        assert name in allowed, f"{name} was allowed {service}"


def test_only_the_party_regions_tkksd_records_its_review(people: dict[str, Any]) -> None:
    agreement = propose_waste(people)
    yogya = party(agreement, "34.71")
    with pytest.raises(PermissionDenied):
        services.record_tkksd_review(
            actor=people["tkksd_sleman"], agreement=agreement, party=yogya, decision_ref="tkksd:1"
        )
    with pytest.raises(PermissionDenied):
        services.record_tkksd_review(actor=people["yogya"], agreement=agreement, party=yogya, decision_ref="1")
    review(agreement, "34.71", people["tkksd_yogya"])
    assert party(agreement, "34.71").tkksd_review == "approved"


def test_a_tkksd_review_is_a_decision_of_the_party_regions_tkksd_in_a_meeting(people: dict[str, Any]) -> None:
    agreement = propose_waste(people)
    yogya, sleman = party(agreement, "34.71"), party(agreement, "34.04")
    # A free-text reference, or no decision at all, is not a review (issue 10, item 4).
    for ref in ("Keputusan TKKSD 34.71/2027/1", "tkksd:999999", ""):
        with pytest.raises(KerjasamaError) as refused:
            services.record_tkksd_review(
                actor=people["tkksd_yogya"], agreement=agreement, party=yogya, decision_ref=ref
            )
        assert refused.value.code == "agreements.tkksd_decision_missing"
    # Sleman's TKKSD decided (a return): its decision is Sleman's review, never Yogyakarta's.
    decision = tkksd_decide(agreement, "34.04", "return", "Hitung ulang biaya angkut.")
    sleman.refresh_from_db()
    assert (sleman.tkksd_review, sleman.tkksd_decision_ref) == ("returned", f"tkksd:{decision.pk}")
    assert sleman.tkksd_review_reasons == "Hitung ulang biaya angkut."
    assert sleman.tkksd_reviewed_on == decision.meeting.meeting_date
    assert party(agreement, "34.71").tkksd_review == "pending"
    with pytest.raises(KerjasamaError) as refused:
        services.record_tkksd_review(
            actor=people["tkksd_yogya"], agreement=agreement, party=yogya, decision_ref=f"tkksd:{decision.pk}"
        )
    assert refused.value.code == "agreements.tkksd_decision_missing"


def test_a_region_without_a_tkksd_decree_in_force_cannot_pass_review(people: dict[str, Any]) -> None:
    from kerjasama.tkksd.models import Meeting

    agreement = propose_waste(people)
    with pytest.raises(KerjasamaError) as refused:
        tkksd_services.schedule_meeting(
            actor=people["yogya"],
            region=Region.objects.get(code="34.71"),
            meeting_date=date(2026, 6, 10),
            place="Ruang rapat",
            agenda="Kajian usulan",
        )
    assert refused.value.code.startswith("tkksd.")
    assert not Meeting.objects.exists() and party(agreement, "34.71").tkksd_review == "pending"


def test_only_the_party_region_records_its_dprd_decision(people: dict[str, Any]) -> None:
    from kerjasama.agreements.tests.conftest import sign_both, signatories, to_kb_drafting

    agreement = to_kb_drafting(people)
    signatories(agreement, people)
    agreement = sign_both(agreement, people, services.sign_kb)
    services.request_dprd_approval(
        actor=people["sleman"], agreement=agreement, party=party(agreement, "34.04"), letter_number="2",
        requested_on=date(2026, 8, 1),
    )
    approval = DprdApproval.objects.get(agreement=agreement, region_id="34.04")
    with pytest.raises(PermissionDenied):
        services.record_dprd_decision(
            actor=people["yogya"],
            approval=approval,
            outcome="approved",
            decision_number="1",
            decision_date=date(2026, 9, 1),
        )

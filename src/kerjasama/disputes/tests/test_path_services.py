"""The rest of a case's legal path (issue 12 item 3): facilitation by the resolver (sessions, clarification
requests, a neutral evaluation), the decision (the Minister's final, the governor's with the law's wording; the
clause's forum for a KSDPK), its orders tracked on the parties and mirrored as obligations on the agreement in
force, closure, the due date of each step and its extension with a reason, and the notifications."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kerjasama.accounts.models import Organisation
from kerjasama.core.actors import SYSTEM
from kerjasama.core.errors import Conflict, KerjasamaError, PermissionDenied
from kerjasama.core.models import AuditEvent
from kerjasama.disputes import services
from kerjasama.disputes.choices import DisputeStage
from kerjasama.disputes.models import Dispute, DisputeOrder
from kerjasama.disputes.services import OrderInput, PartyInput
from kerjasama.disputes.tests.conftest import TODAY, region_parties, register
from kerjasama.documents.tests.samples import pdf_bytes
from kerjasama.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _agreement() -> Any:
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


def _pdf(name: str = "keputusan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def _facilitating(actor: Any = SYSTEM, **overrides: Any) -> Dispute:
    case = register(**overrides)
    services.screen_dispute(actor=SYSTEM, dispute=case, outcome="diterima", today=TODAY)
    return services.fail_deliberation(actor=SYSTEM, dispute=case, reason="Buntu", today=TODAY)


def _deciding(**overrides: Any) -> Dispute:
    case = _facilitating(**overrides)
    return services.end_facilitation(actor=SYSTEM, dispute=case, reason="Tidak sepakat", today=TODAY)


def _party(case: Dispute, code: str) -> Any:
    return case.parties.get(region_id=code)


def test_the_whole_path_under_the_governor_with_an_agreement_in_force(
    persona: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _whole_path(persona)
    governor, sleman = persona("province"), persona("neighbour")
    # Every step told somebody: Sleman of its order and of the closure, the governor of the registration
    # and of the fulfilment.
    assert Notification.objects.filter(recipient=sleman, key__contains=":order_due:").exists()
    assert Notification.objects.filter(recipient=governor, key__contains=":order_fulfilled:").exists()
    assert Notification.objects.filter(recipient=sleman, key__contains=":closed:").exists()
    assert Notification.objects.filter(recipient=governor, key__contains=":registered:").exists()
    assert not Notification.objects.filter(recipient__username="operator.semarang").exists()


def _whole_path(persona: Any) -> None:
    agreement = _agreement()
    governor, yogya, sleman = persona("province"), persona("kabkota"), persona("neighbour")
    case = register(actor=yogya, agreement=agreement)
    services.screen_dispute(actor=governor, dispute=case, outcome="diterima", today=TODAY)
    services.fail_deliberation(actor=yogya, dispute=case, reason="Tiga putaran buntu", today=TODAY)
    case.refresh_from_db()
    assert case.stage == DisputeStage.FACILITATION
    assert case.facilitation_deadline == TODAY + timedelta(days=60)

    session = services.record_session(
        actor=governor,
        dispute=case,
        session_date=TODAY,
        summary="Para pihak memaparkan posisi tentang tipping fee.",
        attendees={_party(case, "34.71").pk: "Kabag Kerja Sama", _party(case, "34.04").pk: "Kadis LH"},
    )
    assert session.number == 1 and len(session.attendees) == 2
    asked = services.request_clarification(
        actor=governor,
        dispute=case,
        party=_party(case, "34.04"),
        question="Rincian tunggakan per triwulan?",
        due_date=TODAY + timedelta(days=7),
    )
    with pytest.raises(PermissionDenied):
        services.answer_clarification(actor=yogya, clarification=asked, answer="Bukan kami")
    services.answer_clarification(
        actor=sleman, clarification=asked, answer="Triwulan I dan II belum dibayar."
    )
    with pytest.raises(Conflict):
        services.answer_clarification(actor=sleman, clarification=asked, answer="lagi")
    services.record_evaluation(
        actor=governor, dispute=case, evaluation="Tunggakan diakui; besaran disengketakan."
    )
    services.end_facilitation(actor=governor, dispute=case, reason="Tidak sepakat besaran", today=TODAY)
    case.refresh_from_db()
    assert case.stage == DisputeStage.DECISION
    assert case.decision_deadline == TODAY + timedelta(days=30)

    services.record_decision(
        actor=governor,
        dispute=case,
        number="188/KEP/2026",
        decision_date=TODAY,
        text="Kabupaten Sleman membayar tunggakan tipping fee triwulan I dan II 2026.",
        upload=_pdf(),
        orders=[
            OrderInput(
                _party(case, "34.04").pk, "Membayar tunggakan triwulan I dan II", TODAY + timedelta(30)
            )
        ],
        today=TODAY,
    )
    case.refresh_from_db()
    assert case.stage == DisputeStage.IMPLEMENTATION
    assert case.decision_final is False
    assert (
        "tidak menyatakannya bersifat final" in case.decision_basis
        and "Pasal 370 ayat (1)" in case.decision_basis
    )
    assert case.decision_document is not None and case.decision_document.object_id == str(case.pk)
    order = case.orders.get()
    assert order.party.region_id == "34.04" and order.status == "open"
    # The order is an obligation of Sleman on the agreement in force: its obligations page shows it.
    assert order.obligation is not None
    assert order.obligation.agreement_id == agreement.pk and order.obligation.party.region_id == "34.04"
    assert list(order.obligation.dues.values_list("due_date", "status")) == [
        (TODAY + timedelta(30), "pending")
    ]

    with pytest.raises(KerjasamaError) as caught:
        services.close_case(actor=governor, dispute=case)
    assert caught.value.code == "disputes.orders_pending"
    with pytest.raises(PermissionDenied):
        services.fulfil_order(actor=yogya, order=order, note="Bukan kami")
    services.fulfil_order(actor=sleman, order=order, note="Dibayar lunas 1 Juli", upload=_pdf("bukti.pdf"))
    order.refresh_from_db()
    assert order.status == "fulfilled" and order.evidence is not None
    assert order.obligation is not None
    assert list(order.obligation.dues.values_list("status", flat=True)) == ["fulfilled"]
    with pytest.raises(PermissionDenied):
        services.confirm_order(actor=sleman, order=order)
    services.confirm_order(actor=governor, order=order, note="Bukti transfer diperiksa")
    with pytest.raises(Conflict):
        services.confirm_order(actor=governor, order=order)
    services.close_case(actor=governor, dispute=case, note="Keputusan dilaksanakan")
    case.refresh_from_db()
    assert case.stage == DisputeStage.CLOSED and case.closed_at is not None
    for action in (
        "dispute.session_recorded",
        "dispute.clarification_requested",
        "dispute.clarification_answered",
        "dispute.evaluation_recorded",
        "dispute.facilitation_ended",
        "dispute.decided",
        "dispute.order_fulfilled",
        "dispute.order_confirmed",
        "dispute.closed",
    ):
        assert AuditEvent.objects.filter(action=action).exists(), action


def test_the_ministers_decision_is_final(persona: Any) -> None:
    case = _deciding(parties=region_parties("34.71", "33.74"))
    assert case.resolver == "menteri"
    with pytest.raises(PermissionDenied):
        services.record_decision(
            actor=persona("province"), dispute=case, number="X", decision_date=TODAY, text="Putusan"
        )
    services.record_decision(
        actor=persona("ministry"), dispute=case, number="100/KEP/2026", decision_date=TODAY, text="Putusan"
    )
    case.refresh_from_db()
    assert case.decision_final is True and "bersifat final" in case.decision_basis
    assert "370 ayat (4)" in case.decision_basis
    # Nothing ordered: the case closes with the decision.
    assert case.stage == DisputeStage.CLOSED


def test_a_clause_case_records_the_forum_and_its_outcome(persona: Any) -> None:
    mitra = Organisation.objects.get(users__username="mitra.contoh")
    case = register(
        kind="KSDPK",
        parties=[
            PartyInput("pemohon", organisation_id=mitra.pk),
            PartyInput("termohon", region_code="34.71"),
        ],
    )
    services.screen_dispute(actor=SYSTEM, dispute=case, outcome="diterima", today=TODAY)
    services.fail_deliberation(actor=SYSTEM, dispute=case, reason="Buntu", today=TODAY)
    case.refresh_from_db()
    assert case.resolver == "perjanjian"
    # No facilitation by a governor for a clause case: straight to the forum's outcome.
    assert case.stage == DisputeStage.DECISION and case.facilitation_deadline is None
    with pytest.raises(KerjasamaError) as caught:
        services.record_decision(
            actor=persona("third_party"), dispute=case, number="BANI-1", decision_date=TODAY, text="Putusan"
        )
    assert caught.value.code == "disputes.forum_invalid"
    with pytest.raises(PermissionDenied):
        services.record_decision(
            actor=persona("neighbour"),
            dispute=case,
            number="B",
            decision_date=TODAY,
            text="P",
            forum="arbitrase",
        )
    services.record_decision(
        actor=persona("third_party"),
        dispute=case,
        number="BANI No. 12/2026",
        decision_date=TODAY,
        text="Putusan arbitrase: Kota Yogyakarta membayar kompensasi.",
        forum="arbitrase",
        orders=[OrderInput(_party(case, "34.71").pk, "Membayar kompensasi", TODAY + timedelta(days=60))],
    )
    case.refresh_from_db()
    assert case.forum == "arbitrase" and case.decision_final is False and "Pasal 21" in case.decision_basis
    order = case.orders.get()
    assert order.obligation is None  # no agreement in force recorded with the case


def test_a_forum_is_refused_for_a_case_the_resolver_decides() -> None:
    case = _deciding()
    with pytest.raises(KerjasamaError) as caught:
        services.record_decision(
            actor=SYSTEM, dispute=case, number="1", decision_date=TODAY, text="P", forum="pengadilan"
        )
    assert caught.value.code == "disputes.forum_not_clause"


def test_the_steps_keep_to_their_stage(persona: Any) -> None:
    case = register()
    with pytest.raises(Conflict) as caught:
        services.record_session(actor=SYSTEM, dispute=case, session_date=TODAY, summary="x")
    assert caught.value.code == "disputes.not_in_facilitation"
    with pytest.raises(Conflict):
        services.record_decision(actor=SYSTEM, dispute=case, number="1", decision_date=TODAY, text="x")
    facilitating = _facilitating()
    with pytest.raises(KerjasamaError) as refused:
        services.record_session(
            actor=SYSTEM, dispute=facilitating, session_date=TODAY + timedelta(days=1), summary="x"
        )
    assert refused.value.code == "disputes.session_date_in_future"
    with pytest.raises(PermissionDenied):
        services.record_session(
            actor=persona("kabkota"), dispute=facilitating, session_date=TODAY, summary="x"
        )


def test_orders_must_name_a_party_of_the_case_and_a_future_date() -> None:
    case = _deciding()
    other = register(title="Lain")
    for orders, code in (
        ([OrderInput(other.parties.first().pk, "x", TODAY + timedelta(1))], "disputes.party_not_of_dispute"),  # type: ignore[union-attr]
        ([OrderInput(_party(case, "34.04").pk, "x", TODAY - timedelta(1))], "disputes.due_in_past"),
        ([OrderInput(_party(case, "34.04").pk, " ", TODAY + timedelta(1))], "disputes.required"),
    ):
        with pytest.raises(KerjasamaError) as caught:
            services.record_decision(
                actor=SYSTEM, dispute=case, number="1", decision_date=TODAY, text="x", orders=orders
            )
        assert caught.value.code == code
    assert Dispute.objects.get(pk=case.pk).stage == DisputeStage.DECISION
    assert not DisputeOrder.objects.filter(dispute=case).exists()


def test_an_extension_needs_a_reason_and_a_later_date(persona: Any) -> None:
    case = _facilitating()
    due = case.facilitation_deadline
    assert due is not None and services.step_due(case) == due
    with pytest.raises(KerjasamaError) as caught:
        services.extend_deadline(
            actor=SYSTEM, dispute=case, step="fasilitasi", new_due=due + timedelta(9), reason=" "
        )
    assert caught.value.code == "disputes.required"
    with pytest.raises(KerjasamaError) as caught:
        services.extend_deadline(actor=SYSTEM, dispute=case, step="fasilitasi", new_due=due, reason="Sakit")
    assert caught.value.code == "disputes.extension_not_later"
    with pytest.raises(Conflict):
        services.extend_deadline(
            actor=SYSTEM, dispute=case, step="keputusan", new_due=due + timedelta(9), reason="x"
        )
    with pytest.raises(PermissionDenied):
        services.extend_deadline(
            actor=persona("kabkota"), dispute=case, step="fasilitasi", new_due=due + timedelta(9), reason="x"
        )
    services.extend_deadline(
        actor=persona("province"),
        dispute=case,
        step="fasilitasi",
        new_due=due + timedelta(14),
        reason="Banjir",
    )
    case.refresh_from_db()
    assert case.facilitation_deadline == due + timedelta(14)
    event = AuditEvent.objects.get(action="dispute.extended")
    assert event.reason == "Banjir" and (event.old or {}).get("due") == due.isoformat()
    assert case.history.filter(history_change_reason="dispute.extended").exists()


def test_an_orders_due_date_is_extended_on_the_order() -> None:
    case = _deciding()
    services.record_decision(
        actor=SYSTEM,
        dispute=case,
        number="1",
        decision_date=TODAY,
        text="x",
        orders=[OrderInput(_party(case, "34.04").pk, "Bayar", TODAY + timedelta(10))],
    )
    case.refresh_from_db()
    order = case.orders.get()
    assert services.step_due(case) == TODAY + timedelta(10)
    assert order.effective_status(TODAY + timedelta(11)) == "late"
    services.extend_deadline(
        actor=SYSTEM,
        dispute=case,
        step="perintah",
        order=order,
        new_due=TODAY + timedelta(20),
        reason="APBD-P",
    )
    order.refresh_from_db()
    assert order.due_date == TODAY + timedelta(20) and order.effective_status(TODAY + timedelta(11)) == "open"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(min_value=-5, max_value=30), min_size=1, max_size=5))
def test_a_due_date_only_ever_moves_later(steps: list[int]) -> None:
    case = _facilitating(title=f"H{len(steps)}")
    for shift in steps:
        before = Dispute.objects.get(pk=case.pk).facilitation_deadline
        assert before is not None
        try:
            services.extend_deadline(
                actor=SYSTEM, dispute=case, step="fasilitasi", new_due=before + timedelta(shift), reason="r"
            )
        except KerjasamaError:
            assert shift <= 0
        after = Dispute.objects.get(pk=case.pk).facilitation_deadline
        assert after is not None and after >= before and (after > before) == (shift > 0)

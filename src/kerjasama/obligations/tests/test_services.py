"""The services of the obligations app: occurrences generated idempotently, the parties' steps with their
policy, history and audit, and the daily escalation (once per occurrence and level)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.base import ContentFile

from kerjasama.agreements import services as agreement_services
from kerjasama.agreements.models import Agreement
from kerjasama.core.actors import SYSTEM
from kerjasama.core.errors import Conflict, KerjasamaError, PermissionDenied
from kerjasama.core.models import AuditEvent
from kerjasama.notifications.models import Notification
from kerjasama.obligations import services
from kerjasama.obligations.choices import ConfirmationOutcome, DueStatus
from kerjasama.obligations.models import DueEscalation, FulfilmentConfirmation, Obligation, ObligationDue
from kerjasama.obligations.selectors import late_obligations, upcoming_dues
from kerjasama.obligations.tests.conftest import TODAY, add_fee
from kerjasama.regions.models import Region

pytestmark = pytest.mark.django_db


def _due(fee: Obligation, on: date) -> ObligationDue:
    return fee.dues.get(due_date=on)


def test_it_generates_the_occurrences_for_the_horizon_once(fee: Obligation) -> None:
    dates = list(fee.dues.order_by("due_date").values_list("due_date", flat=True))
    # From 10 March 2026 to 24 months after 15 June 2026 (10 June 2028 is the last 10th before 15 June 2028).
    assert dates[0] == date(2026, 3, 10) and dates[-1] == date(2028, 6, 10)
    assert len(dates) == 28
    assert fee.amount == Decimal("125000000")
    assert services.generate_dues(fee, today=TODAY) == 0
    assert fee.dues.count() == 28
    assert AuditEvent.objects.filter(action="obligation.added", object_id=str(fee.pk)).count() == 1
    assert fee.history.count() == 1


def test_it_never_generates_past_the_last_date(agreement: Agreement, people: dict[str, Any]) -> None:
    fee = add_fee(agreement, people["yogya"], last_due=date(2026, 8, 31), recurrence="quarterly")
    assert list(fee.dues.values_list("due_date", flat=True)) == [date(2026, 3, 10), date(2026, 6, 10)]
    later = services.generate_dues(fee, today=date(2030, 1, 1))
    assert later == 0


def test_it_reads_indonesian_amounts_and_refuses_ambiguous_ones(
    agreement: Agreement, people: dict[str, Any]
) -> None:
    fee = add_fee(agreement, people["yogya"], amount="1.250.000,50")
    assert fee.amount == Decimal("1250000.50")
    with pytest.raises(KerjasamaError) as caught:
        add_fee(agreement, people["yogya"], amount="1.250")
    assert caught.value.code == "obligations.amount_invalid" and caught.value.http_status == 422
    assert Obligation.objects.filter(agreement=agreement).count() == 1  # nothing half-written


def test_it_refuses_an_agreement_not_in_force(people: dict[str, Any]) -> None:
    proposal = agreement_services.propose_agreement(
        actor=people["yogya"],
        lead_region=Region.objects.get(code="34.71"),
        partner_regions=[Region.objects.get(code="34.04")],
        type="KSDD",
        title="Usulan persampahan",
        category="sukarela",
        affairs=["2.11"],
    )
    with pytest.raises(KerjasamaError) as caught:
        add_fee(proposal, people["yogya"])
    assert caught.value.code == "obligations.not_in_force"


def test_only_a_party_adds_an_obligation(agreement: Agreement, people: dict[str, Any]) -> None:
    for name in ("governor", "ministry"):
        with pytest.raises(PermissionDenied):
            add_fee(agreement, people[name])
    assert add_fee(agreement, people["sleman"]).party.region_id == "34.71"  # Sleman enters Yogya's obligation


def test_only_the_obligated_party_records_its_fulfilment(
    fee: Obligation, people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    due = _due(fee, date(2026, 3, 10))
    with pytest.raises(PermissionDenied):
        services.record_fulfilment(actor=people["sleman"], due=due, fulfilled_on=date(2026, 3, 9))
    with django_capture_on_commit_callbacks(execute=True):
        done = services.record_fulfilment(
            actor=people["yogya"], due=due, fulfilled_on=date(2026, 3, 9), note="SP2D 1"
        )
    assert done.status == DueStatus.FULFILLED and done.fulfilled_on == date(2026, 3, 9)
    assert done.history.first().status == DueStatus.FULFILLED
    assert AuditEvent.objects.filter(action="obligation.fulfilled", object_id=str(due.pk)).count() == 1
    assert Notification.objects.filter(recipient__username="operator.sleman").exists()
    with pytest.raises(Conflict) as caught:  # someone recorded it a moment ago
        services.record_fulfilment(actor=people["yogya"], due=due)
    assert caught.value.http_status == 409
    with pytest.raises(KerjasamaError):
        services.record_fulfilment(
            actor=people["yogya"], due=_due(fee, date(2026, 4, 10)), fulfilled_on=date(2027, 1, 1)
        )


def test_the_evidence_must_be_attached_to_the_obligation(
    fee: Obligation, people: dict[str, Any], agreement: Agreement
) -> None:
    from kerjasama.agreements.demo import feasibility_pdf
    from kerjasama.documents.services import upload_document

    def upload(attached_to: Any) -> Any:
        return upload_document(
            actor=people["yogya"],
            region=Region.objects.get(code="34.71"),
            kind="bukti",
            title="Bukti transfer",
            upload=ContentFile(feasibility_pdf("bukti"), name="bukti.pdf"),
            attached_to=attached_to,
        ).document

    due = _due(fee, date(2026, 3, 10))
    with pytest.raises(KerjasamaError) as caught:
        services.record_fulfilment(actor=people["yogya"], due=due, evidence=upload(agreement))
    assert caught.value.code == "obligations.evidence_not_attached"
    evidence = upload(fee)
    services.record_fulfilment(actor=people["yogya"], due=due, evidence=evidence)
    # The partner reads the evidence (attached to the obligation, visible wherever the obligation is).
    from kerjasama.documents.models import Document

    assert Document.objects.restrict(people["sleman"], "view").filter(pk=evidence.pk).exists()


def test_the_other_party_confirms_and_a_dispute_is_added_not_overwritten(
    fee: Obligation, people: dict[str, Any]
) -> None:
    due = _due(fee, date(2026, 3, 10))
    with pytest.raises(Conflict):  # nothing to confirm yet
        services.confirm_fulfilment(actor=people["sleman"], due=due)
    services.record_fulfilment(actor=people["yogya"], due=due, fulfilled_on=date(2026, 3, 10))
    with pytest.raises(PermissionDenied):
        services.confirm_fulfilment(actor=people["yogya"], due=due)
    first = services.confirm_fulfilment(actor=people["sleman"], due=due, note="Diterima")
    with pytest.raises(KerjasamaError) as caught:
        services.dispute_fulfilment(actor=people["sleman"], due=due, note=" ")
    assert caught.value.code == "obligations.required"
    second = services.dispute_fulfilment(actor=people["sleman"], due=due, note="Kurang Rp 5.000.000")
    rows = list(FulfilmentConfirmation.objects.filter(due=due).order_by("pk"))
    assert [r.outcome for r in rows] == [ConfirmationOutcome.CONFIRMED, ConfirmationOutcome.DISPUTED]
    assert rows[0].pk == first.pk and rows[0].note == "Diterima" and rows[1].pk == second.pk
    assert {r.party.region_id for r in rows} == {"34.04"}
    assert AuditEvent.objects.filter(action="obligation.confirmed", object_id=str(due.pk)).count() == 2


def test_only_the_party_owed_waives_with_a_reason(fee: Obligation, people: dict[str, Any]) -> None:
    due = _due(fee, date(2026, 4, 10))
    with pytest.raises(PermissionDenied):
        services.waive_due(actor=people["yogya"], due=due, reason="Kami bebaskan sendiri")
    with pytest.raises(KerjasamaError):
        services.waive_due(actor=people["sleman"], due=due, reason="")
    waived = services.waive_due(actor=people["sleman"], due=due, reason="TPA tutup sebulan (banjir)")
    assert waived.status == DueStatus.WAIVED and waived.waived_reason.startswith("TPA tutup")
    with pytest.raises(Conflict):
        services.record_fulfilment(actor=people["yogya"], due=due)


def _notices(username: str) -> list[str]:
    return list(
        Notification.objects.filter(recipient__username=username, key__contains=":late:")
        .order_by("key")
        .values_list("key", flat=True)
    )


def test_it_escalates_along_the_ladder_once_per_step(
    fee: Obligation, people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    """Each step notifies its people once: the second run of a day finds the step recorded and sends nothing
    (the notifications are delivered by the immediate task backend when the step commits)."""
    march, april = _due(fee, date(2026, 3, 10)), _due(fee, date(2026, 4, 10))
    services.record_fulfilment(actor=people["yogya"], due=march, fulfilled_on=date(2026, 3, 10))

    def run(day: date) -> dict[str, Any]:
        with django_capture_on_commit_callbacks(execute=True):
            return services.escalate_late(day)

    day1 = run(date(2026, 4, 11))
    assert day1["marked_late"] == 1 and day1["escalations_by_level"] == {
        "reminder": 1,
        "escalation": 0,
        "partner_governor": 0,
    }
    assert day1["notifications"] == 1
    again = run(date(2026, 4, 11))
    assert again["marked_late"] == 0 and again["escalations"] == 0 and again["notifications"] == 0
    assert _notices("operator.yogya") == [f"obligation-due:{april.pk}:late:0"]
    assert _notices("operator.sleman") == [] and _notices("gubernur.diy") == []
    run(date(2026, 4, 17))  # 7 days late
    assert run(date(2026, 4, 17))["escalations"] == 0
    assert _notices("operator.yogya") == [
        f"obligation-due:{april.pk}:late:0",
        f"obligation-due:{april.pk}:late:1",
    ]
    run(date(2026, 5, 10))  # 30 days late (and May falls due today: not late yet)
    assert run(date(2026, 5, 10))["escalations"] == 0
    assert _notices("operator.sleman") == [f"obligation-due:{april.pk}:late:2"]
    assert _notices("gubernur.diy") == [f"obligation-due:{april.pk}:late:2"]
    # Yogyakarta three steps (the last step tells the owner too), Sleman and the governor's office one each.
    assert Notification.objects.filter(key__contains=":late:").count() == 5
    assert list(DueEscalation.objects.filter(due=april).values_list("level", flat=True)) == [0, 1, 2]
    assert ObligationDue.objects.get(pk=april.pk).status == DueStatus.LATE
    assert ObligationDue.objects.get(pk=march.pk).status == DueStatus.FULFILLED
    assert AuditEvent.objects.filter(action="obligation.escalated").count() == 3


def test_a_step_commits_its_notices_to_the_outbox(fee: Obligation) -> None:
    """A worker killed after the step's commit loses nothing: the notices wait in the outbox
    (``PendingNotification``) for the hourly redelivery; the step is never taken again."""
    from kerjasama.notifications.models import PendingNotification

    services.escalate_late(date(2026, 4, 11))  # the on-commit delivery never runs here (a "killed" worker)

    def late_notices() -> list[str]:
        rows = PendingNotification.objects.select_related("recipient").order_by("pk")
        return [p.recipient.username for p in rows if ":late:" in p.payload["key"]]

    first = late_notices()
    # March is 32 days late (three steps: Yogyakarta three times, Sleman and the governor once), April 1 day.
    assert sorted(first) == ["gubernur.diy", "operator.sleman"] + ["operator.yogya"] * 4
    services.escalate_late(date(2026, 4, 11))
    assert late_notices() == first


def test_it_escalates_to_the_head_of_the_obligated_unit(
    fee: Obligation, people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    """Issue 11 item 1: "reminder to the owner, then to the cooperation unit head". With a Kepala Bagian Kerja
    Sama recorded (``is_unit_head``), the reminder goes to the operators and the escalation to the head."""
    from kerjasama.accounts import services as account_services
    from kerjasama.accounts.choices import Role

    account_services.create_user(
        actor=SYSTEM,
        username="kabag.yogya",
        organisation=people["yogya"].organisation,
        role=Role.COOPERATION_OPERATOR,
        password="Kabag-Yogya-2026!x",
        is_unit_head=True,
    )
    services.record_fulfilment(actor=people["yogya"], due=_due(fee, date(2026, 3, 10)))
    april = _due(fee, date(2026, 4, 10))
    for day in (date(2026, 4, 11), date(2026, 4, 17), date(2026, 4, 17)):
        with django_capture_on_commit_callbacks(execute=True):
            services.escalate_late(day)
    assert _notices("operator.yogya") == [f"obligation-due:{april.pk}:late:0"]
    assert _notices("kabag.yogya") == [f"obligation-due:{april.pk}:late:1"]


def test_it_escalates_only_agreements_in_force(
    fee: Obligation, people: dict[str, Any], agreement: Agreement
) -> None:
    agreement_services.end_agreement(
        actor=SYSTEM, agreement=agreement, ground="kesepakatan_para_pihak", ended_on=date(2026, 4, 1)
    )
    result = services.escalate_late(date(2026, 5, 1))
    assert result["marked_late"] == 0 and result["escalations"] == 0


def test_a_changed_schedule_moves_only_open_future_occurrences(
    fee: Obligation, people: dict[str, Any]
) -> None:
    services.record_fulfilment(actor=people["yogya"], due=_due(fee, date(2026, 3, 10)))
    services.escalate_late(TODAY)  # April, May late
    changed = services.update_obligation(
        actor=people["sleman"], obligation=fee, expected_version=1, recurrence="quarterly", today=TODAY
    )
    dates = set(changed.dues.values_list("due_date", flat=True))
    assert {date(2026, 3, 10), date(2026, 4, 10), date(2026, 5, 10)} <= dates  # kept: fulfilled and late
    assert date(2026, 7, 10) not in dates and date(2026, 9, 10) in dates
    with pytest.raises(Conflict):
        services.update_obligation(actor=people["yogya"], obligation=fee, expected_version=1, title="Lain")
    with pytest.raises(KerjasamaError) as caught:
        services.update_obligation(actor=people["yogya"], obligation=fee, expected_version=2, party=None)
    assert caught.value.code == "obligations.field_not_editable"


def test_the_selectors_for_disputes_and_calendars(fee: Obligation, agreement: Agreement) -> None:
    late = late_obligations([agreement.pk], 30, today=TODAY)
    assert [(x.due_date, x.days_late) for x in late] == [
        (date(2026, 3, 10), 97),
        (date(2026, 4, 10), 66),
        (date(2026, 5, 10), 36),
    ]
    assert late_obligations([agreement.pk + 1000], 1, today=TODAY) == []
    services.escalate_late(TODAY)
    upcoming = upcoming_dues(["34.71"], TODAY, TODAY + timedelta(days=60))
    assert [u.due_date for u in upcoming] == [
        date(2026, 3, 10),
        date(2026, 4, 10),
        date(2026, 5, 10),
        date(2026, 6, 10),
        date(2026, 7, 10),
        date(2026, 8, 10),
    ]
    assert [u.status for u in upcoming][:4] == [DueStatus.LATE] * 4
    assert upcoming_dues(["34.04"], TODAY, TODAY + timedelta(days=60)) == []


def test_a_third_party_files_the_evidence_of_its_own_obligation(persona: Any, people: dict[str, Any]) -> None:
    """A KSDPK's third party has no region to upload for; it attaches its evidence to its own obligation
    (``obligations.attach_document``), and only to its own."""
    from kerjasama.accounts.demo import MITRA_NAME
    from kerjasama.agreements.demo import feasibility_pdf
    from kerjasama.agreements.register import PartnerOrganisation, register_existing_agreement
    from kerjasama.documents.services import upload_document

    ksdpk = register_existing_agreement(
        actor=SYSTEM,
        type="KSDPK",
        title="Pengolahan sampah dengan badan usaha",
        region_codes=["34.71"],
        partner=PartnerOrganisation(MITRA_NAME, "badan_usaha"),
        affairs=["2.11"],
        number="PKS/UJI/KSDPK/1",
        term_start=date(2026, 1, 1),
        term_end=date(2030, 12, 31),
        apbd_budgeted=True,
        burdens_public=False,
    )
    mitra = persona("third_party")
    own = ksdpk.parties.get(organisation=mitra.organisation)
    fee = add_fee(ksdpk, people["yogya"], party=own, title="Bagi hasil")
    owed = add_fee(ksdpk, people["yogya"], title="Penyediaan lahan")  # Kota Yogyakarta's obligation

    def upload(attached_to: Any) -> Any:
        return upload_document(
            actor=mitra,
            region=Region.objects.get(code="34.71"),
            kind="bukti",
            title="Bukti setor",
            upload=ContentFile(feasibility_pdf("bukti"), name="bukti.pdf"),
            attached_to=attached_to,
        ).document

    with pytest.raises(PermissionDenied):
        upload(owed)
    due = fee.dues.get(due_date=date(2026, 3, 10))
    done = services.record_fulfilment(actor=mitra, due=due, evidence=upload(fee))
    assert done.status == DueStatus.FULFILLED and done.evidence is not None


def _escalation_queries(day: date) -> tuple[dict[str, Any], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        result = services.escalate_late(day)
    return result, len(captured.captured_queries)


def test_it_marks_and_escalates_in_chunks_at_a_constant_number_of_queries(
    fee: Obligation, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A national run: the queries grow with the chunks of ``CHUNK`` occurrences, not with the occurrences;
    each occurrence marked late keeps its history row (one audit event per chunk), each step its audit event."""
    monkeypatch.setattr(services, "CHUNK", 1000)
    far = date(2028, 7, 1)  # 28 occurrences late, most of them past every step of the ladder
    result, queries = _escalation_queries(far)
    assert result["marked_late"] == 28 and result["escalations"] == 28 + 28 + 27
    assert queries < 40, "one chunk per step: not one query per occurrence"
    assert ObligationDue.objects.filter(obligation=fee, status=DueStatus.LATE).count() == 28
    marked = AuditEvent.objects.get(action="obligation.late")
    assert marked.new is not None and len(marked.new["dues"]) == 28
    assert AuditEvent.objects.filter(action="obligation.escalated").count() == 83
    assert ObligationDue.history.filter(status=DueStatus.LATE).count() == 28
    again, _ = _escalation_queries(far)
    assert again["marked_late"] == 0 and again["escalations"] == 0 and again["notifications"] == 0

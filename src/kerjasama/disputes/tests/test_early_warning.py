"""The early warning on the system's own data: the adapter reads obligations, monev, lifecycle and disputes; the
risk event log; the stored assessments and the regions' aggregates; the hook and the tasks (issue 12 item 5).

Example data: the Kota Yogyakarta (34.71) - Kabupaten Sleman (34.04) waste KSDD in force since January 2026, a
monthly tipping fee owed by Kota Yogyakarta from March; the clock at 15 June 2026 (Jakarta)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from itertools import combinations
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kerjasama.agreements.models import Agreement
from kerjasama.agreements.register import register_existing_agreement
from kerjasama.core.actors import SYSTEM
from kerjasama.core.errors import KerjasamaError, PermissionDenied
from kerjasama.core.models import AuditEvent
from kerjasama.disputes import early_warning
from kerjasama.disputes.conf import risk_config
from kerjasama.disputes.domain import assess
from kerjasama.disputes.models import RegionRisk, RiskAssessment, RiskEvent
from kerjasama.disputes.tests.conftest import region_parties, register
from kerjasama.obligations import services as obligations
from kerjasama.obligations.models import ObligationDue

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _clock() -> Iterator[None]:
    with time_machine.travel(datetime(2026, 6, 15, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta")), tick=False):
        yield


def waste(**overrides: Any) -> Agreement:
    values: dict[str, Any] = {
        "actor": SYSTEM,
        "type": "KSDD",
        "category": "sukarela",
        "title": "Pengelolaan sampah regional Kota Yogyakarta dan Kabupaten Sleman",
        "region_codes": ["34.71", "34.04"],
        "affairs": ["2.11"],
        "number": "PKS/UJI/RISK/2026",
        "term_start": date(2026, 1, 1),
        "term_end": date(2030, 12, 31),
        "apbd_budgeted": True,
    }
    values.update(overrides)
    return register_existing_agreement(**values)


def add_fee(agreement: Agreement) -> Any:
    return obligations.add_obligation(
        actor=SYSTEM,
        agreement=agreement,
        party=agreement.parties.order_by("position", "id")[0],
        title="Tipping fee bulanan",
        kind="payment",
        recurrence="monthly",
        first_due=date(2026, 3, 10),
        amount="125.000.000",
        today=TODAY,
    )


def inputs(agreement: Agreement) -> Any:
    agreement = Agreement.objects.prefetch_related("parties").get(pk=agreement.pk)
    return early_warning.build_inputs([agreement], as_of=TODAY)[agreement.pk]


def kinds(agreement: Agreement) -> list[str]:
    data, _ = inputs(agreement)
    return sorted(e.kind for e in data.events)


def test_unpaid_fees_become_dues_and_late_payments_with_days_and_amounts() -> None:
    agreement = waste()
    add_fee(agreement)
    data, log = inputs(agreement)
    late = [e for e in data.events if e.kind == "payment_late"]
    # 10 March, April, May and June 2026 are due by 15 June; none is paid.
    assert sorted(e.days_late for e in late) == [5, 36, 66, 97]
    assert {e.amount_idr for e in late} == {125_000_000.0}
    assert {e.party for e in late} == {"34.71"}
    assert sum(e.kind == "obligation_due" for e in data.events) == 4
    assert {m["source"] for m in log.meta} == {"obligations"}
    assert data.agreement.parties == ("34.71", "34.04")
    assert data.agreement.budgeted_in_apbd is True


def test_a_payment_on_time_is_received_and_not_late() -> None:
    agreement = waste()
    fee = add_fee(agreement)
    for due in ObligationDue.objects.filter(obligation=fee, due_date__lte=TODAY):
        obligations.record_fulfilment(actor=SYSTEM, due=due, fulfilled_on=due.due_date)
    found = kinds(agreement)
    assert "payment_late" not in found
    assert found.count("payment_received") == 4
    assert found.count("obligation_fulfilled") == 4


def test_a_payment_made_late_counts_its_days() -> None:
    agreement = waste()
    fee = add_fee(agreement)
    first = ObligationDue.objects.filter(obligation=fee).order_by("due_date").first()
    assert first is not None
    obligations.record_fulfilment(actor=SYSTEM, due=first, fulfilled_on=date(2026, 4, 19))
    data, _ = inputs(agreement)
    late = sorted((e.date, e.days_late) for e in data.events if e.kind == "payment_late")
    assert (date(2026, 4, 19), 40) in late


def test_earlier_disputes_between_the_same_parties_count() -> None:
    agreement = waste()
    register()  # Kota Yogyakarta vs Kabupaten Sleman, no agreement named
    register(parties=region_parties("34.71", "33.74"))
    found = kinds(agreement)
    assert (
        found.count("dispute_registered") == 1
    )  # the Yogyakarta - Semarang case is not between these parties


def test_risk_events_feed_the_engine_and_are_audited(persona: Any) -> None:
    agreement = waste()
    event = early_warning.record_risk_event(
        actor=persona("kabkota"),
        agreement=agreement,
        kind="community_protest",
        date=date(2026, 6, 1),
        party=agreement.parties.get(region_id="34.04"),
        note="Warga menutup akses TPA",
    )
    assert event.recorded_by == persona("kabkota")
    assert AuditEvent.objects.filter(action="dispute.risk_event_recorded", object_id=str(event.pk)).exists()
    data, log = inputs(agreement)
    protest = next(e for e in data.events if e.kind == "community_protest")
    assert protest.party == "34.04"
    assert log.meta[protest.index]["source"] == f"risk_event:{event.pk}"


@pytest.mark.parametrize("who", ["kabkota", "neighbour", "province", "ministry"])
def test_the_parties_the_governor_and_the_ministry_record_events(persona: Any, who: str) -> None:
    agreement = waste()
    early_warning.record_risk_event(
        actor=persona(who), agreement=agreement, kind="warning_letter", date=date(2026, 6, 1)
    )
    assert RiskEvent.objects.filter(agreement=agreement).count() == 1


@pytest.mark.parametrize("who", ["other_province", "third_party", "auditor"])
def test_others_may_not_record_events(persona: Any, who: str) -> None:
    agreement = waste()
    with pytest.raises(PermissionDenied):
        early_warning.record_risk_event(
            actor=persona(who), agreement=agreement, kind="warning_letter", date=date(2026, 6, 1)
        )
    assert not RiskEvent.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("kind", "payment_late", "disputes.risk_kind_invalid"),
        ("date", date(2026, 6, 16), "disputes.risk_date_invalid"),
        ("amount", "-5", "disputes.risk_amount_invalid"),
        ("note", "x" * 5000, "disputes.risk_note_too_long"),
    ],
)
def test_bad_risk_events_are_refused(field: str, value: Any, code: str) -> None:
    agreement = waste()
    values: dict[str, Any] = {"kind": "complaint", "date": date(2026, 6, 1)}
    values[field] = value
    with pytest.raises(KerjasamaError) as caught:
        early_warning.record_risk_event(actor=SYSTEM, agreement=agreement, **values)
    assert caught.value.code == code


def test_a_party_of_another_agreement_is_refused() -> None:
    agreement = waste()
    other = waste(number="PKS/UJI/RISK/2", region_codes=["34.71", "34.02"])
    with pytest.raises(KerjasamaError) as caught:
        early_warning.record_risk_event(
            actor=SYSTEM,
            agreement=agreement,
            kind="complaint",
            date=date(2026, 6, 1),
            party=other.parties.get(region_id="34.02"),
        )
    assert caught.value.code == "disputes.risk_party_invalid"


def test_recompute_stores_assessments_and_region_aggregates() -> None:
    risky = waste()
    add_fee(risky)
    calm = waste(number="PKS/UJI/RISK/3", region_codes=["34.71", "34.02"])
    summary = early_warning.recompute_all(as_of=TODAY)
    assert summary["assessed"] == 2
    stored = {a.agreement_id: a for a in RiskAssessment.objects.all()}
    assert stored[risky.pk].score > stored[calm.pk].score
    codes = {i["code"] for i in stored[risky.pk].indicators}
    assert "payment_late" in codes
    cited = {str(i) for ind in stored[risky.pk].indicators for i in ind["evidence"]}
    assert cited == set(stored[risky.pk].evidence_events)
    yogya = RegionRisk.objects.get(region_id="34.71")
    assert yogya.agreements == 2
    assert yogya.max_band == stored[risky.pk].band
    assert sum(yogya.band_counts.values()) == 2
    diy = RegionRisk.objects.get(region_id="34")
    assert diy.agreements == 2  # each agreement once, though both its parties lie in DIY
    assert RegionRisk.objects.get(region_id="34.02").agreements == 1


def test_an_agreement_no_longer_in_force_loses_its_assessment() -> None:
    agreement = waste()
    early_warning.recompute_all(as_of=TODAY)
    Agreement.objects.filter(pk=agreement.pk).update(stage="berakhir")
    assert early_warning.recompute_agreement(agreement.pk, as_of=TODAY) is None
    assert not RiskAssessment.objects.exists()
    assert not RegionRisk.objects.filter(region_id="34.71").exists()


def test_recording_an_event_recomputes_on_commit(django_capture_on_commit_callbacks: Any) -> None:
    agreement = waste()
    with django_capture_on_commit_callbacks(execute=True):
        early_warning.record_risk_event(
            actor=SYSTEM, agreement=agreement, kind="community_protest", date=date(2026, 6, 1)
        )
    stored = RiskAssessment.objects.get(agreement=agreement)
    assert "community" in {i["code"] for i in stored.indicators}


def test_a_fulfilment_elsewhere_enqueues_a_recompute(django_capture_on_commit_callbacks: Any) -> None:
    agreement = waste()
    fee = add_fee(agreement)
    early_warning.recompute_all(as_of=TODAY)
    before = RiskAssessment.objects.get(agreement=agreement).score
    with django_capture_on_commit_callbacks(execute=True):
        for due in ObligationDue.objects.filter(obligation=fee, due_date__lte=TODAY):
            obligations.record_fulfilment(actor=SYSTEM, due=due, fulfilled_on=due.due_date)
    after = RiskAssessment.objects.get(agreement=agreement).score
    assert after < before


def test_the_command_recomputes_everything(capsys: Any) -> None:
    waste()
    call_command("risk_recompute", "--as-of", "2026-06-15")
    out = capsys.readouterr().out
    assert '"assessed": 1' in out
    assert RiskAssessment.objects.count() == 1


def test_recompute_queries_do_not_grow_with_agreements(django_assert_max_num_queries: Any) -> None:
    pairs = list(combinations(["34.71", "34.01", "34.02", "34.03"], 2))
    add_fee(waste(number="PKS/UJI/Q/0", region_codes=list(pairs[0])))
    ids = list(Agreement.objects.values_list("pk", flat=True))
    with django_assert_max_num_queries(40) as few:
        early_warning.recompute_chunk(ids, as_of=TODAY)
    for n, pair in enumerate(pairs[1:5], start=1):
        add_fee(waste(number=f"PKS/UJI/Q/{n}", region_codes=list(pair)))
    ids = list(Agreement.objects.values_list("pk", flat=True))
    assert len(ids) == 5
    with django_assert_max_num_queries(len(few.captured_queries)):
        early_warning.recompute_chunk(ids, as_of=TODAY)


@pytest.fixture
def fee_agreement(db: Any) -> Agreement:
    agreement = waste()
    add_fee(agreement)
    return agreement


def _score(agreement: Agreement) -> float:
    data, _ = inputs(agreement)
    return float(assess(data, risk_config())["score"])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    statuses=st.lists(st.sampled_from(["pending", "on_time", "late", "waived"]), min_size=4, max_size=4),
    which=st.integers(0, 3),
)
def test_fulfilling_an_occurrence_on_time_never_raises_the_score(
    fee_agreement: Agreement, statuses: list[str], which: int
) -> None:
    """Whatever the other occurrences' state, paying a pending one on its date never raises the score, and every
    occurrence not waived is one ``obligation_due`` of the engine's input."""
    dues = list(
        ObligationDue.objects.filter(obligation__agreement=fee_agreement, due_date__lte=TODAY).order_by(
            "due_date"
        )
    )
    assert len(dues) == 4
    with transaction.atomic():
        for due, status in zip(dues, statuses, strict=True):
            if status == "pending":
                values: dict[str, Any] = {"status": "pending", "fulfilled_on": None}
            elif status == "waived":
                values = {"status": "waived", "fulfilled_on": None}
            else:
                late = status == "late"
                values = {
                    "status": "fulfilled",
                    "fulfilled_on": due.due_date + timedelta(days=45 if late else 0),
                }
            ObligationDue.objects.filter(pk=due.pk).update(**values)
        data, _ = inputs(fee_agreement)
        assert sum(e.kind == "obligation_due" for e in data.events) == 4 - statuses.count("waived")
        before = _score(fee_agreement)
        if statuses[which] == "pending":
            target = dues[which]
            ObligationDue.objects.filter(pk=target.pk).update(
                status="fulfilled", fulfilled_on=target.due_date
            )
            assert _score(fee_agreement) <= before
        transaction.set_rollback(True)


def test_the_tariff_review_cycle_is_a_setting(settings: Any) -> None:
    agreement = waste(term_start=date(2024, 1, 1))
    add_fee(agreement)
    assert inputs(agreement)[0].agreement.review_every_years is None  # default 0: unknown, silent
    settings.KERJASAMA_TARIFF_REVIEW_EVERY_YEARS = 1
    data, _ = inputs(agreement)
    assert data.agreement.review_every_years == 1
    assert "tariff_review_overdue" in {i["code"] for i in assess(data, risk_config())["indicators"]}
    early_warning.record_risk_event(
        actor=SYSTEM, agreement=agreement, kind="tariff_review_done", date=date(2026, 1, 2)
    )
    data, _ = inputs(agreement)
    assert "tariff_review_overdue" not in {i["code"] for i in assess(data, risk_config())["indicators"]}

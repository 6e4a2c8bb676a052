"""Monev services: periods, self-assessments with revisions, TKKSD and governor evaluations, with policy,
history and audit (PP 28/2018 Pasal 44(5) → PP 12/2017; UU 23/2014 Pasal 368)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import override_settings

from kerjasama.agreements.models import Agreement
from kerjasama.core.actors import SYSTEM
from kerjasama.core.errors import Conflict, KerjasamaError, PermissionDenied
from kerjasama.core.models import AuditEvent
from kerjasama.monev import services
from kerjasama.monev.choices import AssessmentStatus
from kerjasama.monev.models import MonevPeriod, SelfAssessment, TkksdEvaluation
from kerjasama.monev.tests.conftest import TODAY, party_of, register

pytestmark = pytest.mark.django_db


def test_it_opens_semester_periods_from_the_term_start_once(persona: Any, waste: Agreement) -> None:
    made = services.generate_periods(actor=persona("kabkota"), agreement=waste, today=TODAY)
    assert [(p.sequence, p.start, p.end, p.due) for p in made] == [
        (1, date(2025, 3, 1), date(2025, 6, 30), date(2025, 7, 30)),
        (2, date(2025, 7, 1), date(2025, 12, 31), date(2026, 1, 30)),
        (3, date(2026, 1, 1), date(2026, 6, 30), date(2026, 7, 30)),
        (4, date(2026, 7, 1), date(2026, 12, 31), date(2027, 1, 30)),
    ]
    assert services.generate_periods(actor=SYSTEM, agreement=waste, today=TODAY) == []
    assert MonevPeriod.objects.filter(agreement=waste).count() == 4
    assert AuditEvent.objects.filter(action="monev.period_opened").count() == 4
    # Later, only the new period is added.
    later = services.generate_periods(actor=SYSTEM, agreement=waste, today=date(2027, 2, 1))
    assert [(p.sequence, p.start) for p in later] == [(5, date(2027, 1, 1))]


def test_it_reads_the_period_and_due_days_from_the_settings(persona: Any, waste: Agreement) -> None:
    with override_settings(KERJASAMA_MONEV={"period_months": "3", "due_days": "10"}):
        made = services.generate_periods(actor=SYSTEM, agreement=waste, today=date(2025, 7, 1))
    assert [(p.start, p.end, p.due) for p in made] == [
        (date(2025, 3, 1), date(2025, 3, 31), date(2025, 4, 10)),
        (date(2025, 4, 1), date(2025, 6, 30), date(2025, 7, 10)),
        (date(2025, 7, 1), date(2025, 9, 30), date(2025, 10, 10)),
    ]


def test_it_opens_no_period_before_the_agreement_is_in_force(persona: Any, waste: Agreement) -> None:
    waste.stage = "penyusunan_pks"
    assert services.generate_periods(actor=SYSTEM, agreement=waste, today=TODAY) == []


def test_it_reads_indonesian_numbers(persona: Any, waste: Agreement, first: MonevPeriod) -> None:
    saved = services.save_self_assessment(
        actor=persona("kabkota"),
        period=first,
        party=party_of(waste, "34.71"),
        progress_percent="0,8",
        budget_realised="1.250.000,50",
        outputs="Pengangkutan sampah",
        today=TODAY,
    )
    saved.refresh_from_db()
    assert saved.progress_percent == Decimal("0.80")
    assert saved.budget_realised == Decimal("1250000.50")
    assert saved.status == AssessmentStatus.DRAFT and saved.revision == 1


@pytest.mark.parametrize(
    ("progress", "budget", "code", "field"),
    [
        ("101", None, "monev.progress_invalid", "progress_percent"),
        ("", None, "monev.progress_invalid", "progress_percent"),
        ("abc", None, "input.not_a_number", "progress_percent"),
        ("50", "1.234", "input.ambiguous_number", "budget_realised"),
        ("50", "-5", "monev.budget_invalid", "budget_realised"),
        ("50", "0,125", "monev.budget_invalid", "budget_realised"),
    ],
)
def test_it_refuses_bad_numbers_and_writes_nothing(
    persona: Any,
    waste: Agreement,
    first: MonevPeriod,
    progress: str,
    budget: str | None,
    code: str,
    field: str,
) -> None:
    with pytest.raises(KerjasamaError) as caught:
        services.save_self_assessment(
            actor=persona("kabkota"),
            period=first,
            party=party_of(waste, "34.71"),
            progress_percent=progress,
            budget_realised=budget,
            today=TODAY,
        )
    assert caught.value.code == code and caught.value.details[0].location == field
    assert caught.value.http_status == 422
    assert not SelfAssessment.objects.exists()


def test_a_submitted_assessment_is_never_overwritten(
    persona: Any, waste: Agreement, first: MonevPeriod
) -> None:
    yogya, party = persona("kabkota"), party_of(waste, "34.71")
    draft = services.save_self_assessment(
        actor=yogya, period=first, party=party, progress_percent="30", today=TODAY
    )
    edited = services.save_self_assessment(
        actor=yogya, period=first, party=party, progress_percent="35", today=TODAY
    )
    assert edited.pk == draft.pk and edited.revision == 1  # a draft is edited in place
    submitted = services.submit_self_assessment(actor=yogya, assessment=edited)
    assert submitted.status == AssessmentStatus.SUBMITTED and submitted.submitted_at is not None
    with pytest.raises(Conflict) as caught:
        services.submit_self_assessment(actor=yogya, assessment=SelfAssessment.objects.get(pk=draft.pk))
    assert caught.value.code == "monev.assessment_changed"
    correction = services.save_self_assessment(
        actor=yogya, period=first, party=party, progress_percent="40", submit=True, today=TODAY
    )
    assert correction.pk != draft.pk and correction.revision == 2
    rows = list(SelfAssessment.objects.filter(period=first, party=party).order_by("revision"))
    assert [(r.revision, r.progress_percent, r.status) for r in rows] == [
        (1, Decimal("35.00"), "submitted"),
        (2, Decimal("40.00"), "submitted"),
    ]
    # Row history and audit events: saved twice + submitted for revision 1.
    assert SelfAssessment.history.filter(id=draft.pk).count() >= 3
    assert AuditEvent.objects.filter(action="monev.self_assessment_submitted").count() == 2


@pytest.mark.parametrize(
    "who", ["neighbour", "province", "ministry", "auditor", "other_province", "third_party"]
)
def test_only_the_partys_own_officials_assess_it(
    persona: Any, waste: Agreement, first: MonevPeriod, who: str
) -> None:
    with pytest.raises(PermissionDenied):
        services.save_self_assessment(
            actor=persona(who),
            period=first,
            party=party_of(waste, "34.71"),
            progress_percent="10",
            today=TODAY,
        )
    # Sleman's operator assesses Sleman's side.
    if who == "neighbour":
        services.save_self_assessment(
            actor=persona(who),
            period=first,
            party=party_of(waste, "34.04"),
            progress_percent="10",
            today=TODAY,
        )


def test_a_period_not_started_cannot_be_assessed(
    persona: Any, waste: Agreement, periods: list[MonevPeriod]
) -> None:
    with pytest.raises(KerjasamaError) as caught:
        services.save_self_assessment(
            actor=persona("kabkota"),
            period=periods[-1],
            party=party_of(waste, "34.71"),
            progress_percent="10",
            today=date(2026, 6, 1),
        )
    assert caught.value.code == "monev.period_not_started"


def test_the_tkksd_evaluates_its_own_regions_party(
    persona: Any, waste: Agreement, first: MonevPeriod, tkksd_yogya: Any
) -> None:
    yogya = party_of(waste, "34.71")
    evaluation = services.record_tkksd_evaluation(
        actor=tkksd_yogya,
        period=first,
        party=yogya,
        rating="baik",
        meeting_ref="Rapat 12-07-2025",
        today=TODAY,
    )
    assert evaluation.rating == "baik" and evaluation.meeting_ref == "Rapat 12-07-2025"
    with pytest.raises(Conflict):
        services.record_tkksd_evaluation(
            actor=tkksd_yogya, period=first, party=yogya, rating="cukup", today=TODAY
        )
    with pytest.raises(PermissionDenied):  # Yogyakarta's TKKSD does not evaluate Sleman's side
        services.record_tkksd_evaluation(
            actor=tkksd_yogya, period=first, party=party_of(waste, "34.04"), rating="baik", today=TODAY
        )
    with pytest.raises(KerjasamaError) as caught:
        services.record_tkksd_evaluation(
            actor=persona("neighbour"),
            period=first,
            party=party_of(waste, "34.04"),
            rating="luar_biasa",
            today=TODAY,
        )
    assert caught.value.code == "monev.rating_invalid"
    assert TkksdEvaluation.objects.count() == 1
    assert AuditEvent.objects.filter(action="monev.tkksd_evaluated").count() == 1


def test_the_evaluation_links_the_tkksd_decision_on_the_period(
    persona: Any, waste: Agreement, first: MonevPeriod
) -> None:
    from kerjasama.tkksd import services as tkksd_services

    operator = persona("kabkota")
    decree = tkksd_services.record_decree(
        actor=operator,
        region=waste.lead_region,
        number="100/009/2026",
        decree_date=date(2026, 1, 5),
        period_start=date(2026, 1, 5),
    )
    member = tkksd_services.add_member(
        actor=operator, decree=decree, name="Sekda", position="Sekda", role="ketua"
    )
    meeting = tkksd_services.schedule_meeting(
        actor=operator,
        region=waste.lead_region,
        meeting_date=date(2026, 2, 2),
        place="Balai Kota",
        agenda="Monev",
    )
    tkksd_services.hold_meeting(actor=operator, meeting=meeting, attendee_ids=[member.pk])
    decision = tkksd_services.record_decision(
        actor=operator,
        meeting=meeting,
        subject_type="monev.monevperiod",
        subject_id=str(first.pk),
        outcome="approve",
    )
    # A decision of this TKKSD cannot serve Sleman's party.
    with pytest.raises(KerjasamaError) as caught:
        services.record_tkksd_evaluation(
            actor=SYSTEM,
            period=first,
            party=party_of(waste, "34.04"),
            rating="baik",
            decision=decision,
            today=TODAY,
        )
    assert caught.value.code == "monev.decision_mismatch"
    evaluation = services.record_tkksd_evaluation(
        actor=operator,
        period=first,
        party=party_of(waste, "34.71"),
        rating="baik",
        decision=decision,
        today=TODAY,
    )
    assert evaluation.decision_id == decision.pk and evaluation.meeting_ref == "Rapat TKKSD 02-02-2026"


def test_the_governors_office_evaluates_agreements_in_its_province(
    persona: Any, waste: Agreement, first: MonevPeriod
) -> None:
    evaluation = services.record_governor_evaluation(
        actor=persona("province"), period=first, rating="cukup", notes="Perlu percepatan", today=TODAY
    )
    assert evaluation.province_id == "34"
    with pytest.raises(Conflict):
        services.record_governor_evaluation(
            actor=persona("province"), period=first, rating="baik", today=TODAY
        )
    for who in ("kabkota", "ministry", "auditor", "neighbour"):
        with pytest.raises(PermissionDenied):
            services.record_governor_evaluation(actor=persona(who), period=first, rating="baik", today=TODAY)


def test_a_governor_does_not_evaluate_another_provinces_agreement(persona: Any) -> None:
    semarang = register(
        persona("other_province"), ["33.74", "33.22"], "Air limbah Kota dan Kabupaten Semarang"
    )
    services.generate_periods(actor=SYSTEM, agreement=semarang, today=TODAY)
    period = MonevPeriod.objects.filter(agreement=semarang).first()
    assert period is not None
    with pytest.raises(PermissionDenied):
        services.record_governor_evaluation(
            actor=persona("province"), period=period, rating="baik", today=TODAY
        )

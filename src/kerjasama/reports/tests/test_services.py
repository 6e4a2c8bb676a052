"""The services of the periodic report: generated from the data, frozen on submit, compare-and-swap on status,
the province's consolidation, notifications to the recipient and back to the author."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from kerjasama.core.errors import Conflict, KerjasamaError, PermissionDenied
from kerjasama.core.models import AuditEvent
from kerjasama.notifications.models import PendingNotification
from kerjasama.regions.models import Region
from kerjasama.reports import services
from kerjasama.reports.choices import ReportStatus
from kerjasama.reports.models import PeriodicReport
from kerjasama.reports.tests.conftest import SEMESTER_I, TODAY, sign

pytestmark = pytest.mark.django_db


def test_it_generates_the_report_from_the_data(draft: PeriodicReport) -> None:
    content = draft.content
    assert draft.status == ReportStatus.DRAFT
    assert draft.period_label == "Semester I 2026"
    assert draft.title == "Laporan Pelaksanaan Kerja Sama Daerah Semester I Tahun 2026"
    [row] = content["agreements"]
    assert row["in_force"] and not row["new"] and not row["ended"]
    assert row["partners"] == ["Kabupaten Sleman"] or row["partners"][0].endswith("Sleman")
    # Six monthly fees fall due from January to June 2026, each Rp 1.500.000.
    o = row["obligations"]
    assert o["pending"] + o["late"] + o["fulfilled"] + o["waived"] == 6
    assert Decimal(o["amount_due"]) == Decimal("9000000.00")
    assert row["monev"]["periods"] == 1 and row["monev"]["own_submitted"] == 1
    assert row["problems"] == ["Armada pengangkut kurang."]
    assert content["totals"]["agreements"] == 1
    assert AuditEvent.objects.filter(action="reports.generated", object_id=str(draft.pk)).exists()


def test_it_refuses_a_writer_of_another_region(persona: Any, waste: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.generate_report(
            actor=persona("neighbour"),
            region=Region.objects.get(code="34.71"),
            period_start=SEMESTER_I,
            today=TODAY,
        )


def test_it_refuses_a_start_that_is_no_period(persona: Any, yogya: Region) -> None:
    with pytest.raises(KerjasamaError) as caught:
        services.generate_report(
            actor=persona("kabkota"), region=yogya, period_start=date(2026, 2, 1), today=TODAY
        )
    assert caught.value.code == "reports.period_invalid"


def test_it_freezes_the_content_on_submit(persona: Any, submitted: PeriodicReport, yogya: Region) -> None:
    assert submitted.status == ReportStatus.SUBMITTED
    assert submitted.number == "000.7/123/KSD"
    with pytest.raises(Conflict):
        services.generate_report(actor=persona("kabkota"), region=yogya, period_start=SEMESTER_I, today=TODAY)
    with pytest.raises(Conflict):
        services.refresh_report(actor=persona("kabkota"), report=submitted, today=TODAY)


def test_it_notifies_the_governor_on_submit(persona: Any, submitted: PeriodicReport) -> None:
    recipients = set(PendingNotification.objects.values_list("recipient__username", flat=True))
    assert "gubernur.diy" in recipients


def test_it_submits_only_once_when_two_submit_at_once(persona: Any, draft: PeriodicReport) -> None:
    stale = PeriodicReport.objects.get(pk=draft.pk)
    sign(draft, persona("kabkota"))
    with pytest.raises(Conflict) as caught:
        sign(stale, persona("kabkota"))
    assert caught.value.code == "reports.changed"
    assert AuditEvent.objects.filter(action="reports.submitted", object_id=str(draft.pk)).count() == 1


def test_it_refuses_a_submission_before_the_period_ends(persona: Any, waste: Any, yogya: Region) -> None:
    report = services.generate_report(
        actor=persona("kabkota"), region=yogya, period_start=date(2026, 7, 1), today=TODAY
    )
    with pytest.raises(KerjasamaError) as caught:
        sign(report, persona("kabkota"))
    assert caught.value.code == "reports.period_not_ended"


def test_it_checks_the_letter_fields(persona: Any, draft: PeriodicReport) -> None:
    with pytest.raises(KerjasamaError) as caught:
        sign(draft, persona("kabkota"), number=" ")
    assert caught.value.code == "reports.required"
    with pytest.raises(KerjasamaError) as caught:
        sign(draft, persona("kabkota"), signatory_nip="12345")
    assert caught.value.code == "reports.nip_invalid"


def test_it_returns_with_a_reason_that_reaches_the_author(persona: Any, submitted: PeriodicReport) -> None:
    with pytest.raises(KerjasamaError):
        services.return_report(actor=persona("province"), report=submitted, reason="  ")
    returned = services.return_report(
        actor=persona("province"), report=submitted, reason="Lengkapi nilai TKKSD."
    )
    assert returned.status == ReportStatus.DRAFT
    assert returned.return_reason == "Lengkapi nilai TKKSD."
    told = PendingNotification.objects.filter(recipient__username="operator.yogya").last()
    assert told is not None and told.payload["context"]["reason"] == "Lengkapi nilai TKKSD."
    # Corrected and sent again.
    services.refresh_report(actor=persona("kabkota"), report=returned, today=TODAY)
    again = sign(PeriodicReport.objects.get(pk=returned.pk), persona("kabkota"))
    assert again.status == ReportStatus.SUBMITTED and again.return_reason == ""


def test_only_the_governor_of_the_province_reviews_a_kabkota_report(
    persona: Any, submitted: PeriodicReport
) -> None:
    for who in ("kabkota", "neighbour", "ministry", "other_province", "auditor"):
        with pytest.raises(PermissionDenied):
            services.accept_report(actor=persona(who), report=submitted)
    accepted = services.accept_report(actor=persona("province"), report=submitted)
    assert accepted.status == ReportStatus.ACCEPTED and accepted.reviewed_by == persona("province")


def test_the_province_consolidates_its_kabkota_reports(
    persona: Any, submitted: PeriodicReport, diy: Region
) -> None:
    services.accept_report(actor=persona("province"), report=submitted)
    report = services.generate_report(
        actor=persona("province"), region=diy, period_start=SEMESTER_I, today=TODAY
    )
    consolidation = report.content["consolidation"]
    assert [c["region_code"] for c in consolidation["reports"]] == ["34.71"]
    assert consolidation["kabkota_count"] == 5 and consolidation["reported_count"] == 1
    assert {m["code"] for m in consolidation["not_reported"]} == {"34.01", "34.02", "34.03", "34.04"}
    assert list(report.consolidated.all()) == [submitted]
    assert consolidation["totals"]["agreements"] == (
        report.content["totals"]["agreements"] + submitted.content["totals"]["agreements"]
    )
    # The province submits to the Minister; the ministry accepts.
    sent = sign(report, persona("province"))
    recipients = set(
        PendingNotification.objects.filter(payload__object_id=str(report.pk)).values_list(
            "recipient__username", flat=True
        )
    )
    assert "kemendagri" in recipients
    with pytest.raises(PermissionDenied):
        services.accept_report(actor=persona("province"), report=sent)
    assert services.accept_report(actor=persona("ministry"), report=sent).status == ReportStatus.ACCEPTED


def test_it_keeps_a_history_row_per_change(persona: Any, submitted: PeriodicReport) -> None:
    services.accept_report(actor=persona("province"), report=submitted)
    statuses = list(submitted.history.order_by("history_date").values_list("status", flat=True))
    assert statuses[-1] == ReportStatus.ACCEPTED and ReportStatus.SUBMITTED in statuses

"""Fixtures of the reports tests: the Kota Yogyakarta–Kabupaten Sleman waste agreement in force (registered as
the monev tests do), a monthly tipping fee of Kota Yogyakarta, and the first monev periods with Kota
Yogyakarta's self-assessment, so Semester I 2026 has something to report."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kerjasama.agreements.models import Agreement
from kerjasama.monev import services as monev
from kerjasama.monev.models import MonevPeriod
from kerjasama.monev.tests.conftest import TODAY, party_of, register
from kerjasama.obligations import services as obligations
from kerjasama.regions.models import Region
from kerjasama.reports import services
from kerjasama.reports.models import PeriodicReport

SEMESTER_I = date(2026, 1, 1)
__all__ = ["SEMESTER_I", "TODAY"]


@pytest.fixture
def waste(persona: Any) -> Agreement:
    agreement = register(
        persona("kabkota"),
        ["34.71", "34.04"],
        "Pengelolaan sampah regional Kota Yogyakarta dan Kabupaten Sleman",
    )
    kabkota = persona("kabkota")
    obligations.add_obligation(
        actor=kabkota,
        agreement=agreement,
        party=party_of(agreement, "34.71"),
        title="Tipping fee bulanan",
        kind="payment",
        recurrence="monthly",
        first_due=date(2025, 4, 10),
        amount="1.500.000",
        today=TODAY,
    )
    monev.generate_periods(actor=kabkota, agreement=agreement, today=TODAY)
    period = MonevPeriod.objects.get(agreement=agreement, end=date(2026, 6, 30))
    monev.save_self_assessment(
        actor=kabkota,
        period=period,
        party=party_of(agreement, "34.71"),
        progress_percent="40",
        problems="Armada pengangkut kurang.",
        submit=True,
        today=TODAY,
    )
    return agreement


@pytest.fixture
def yogya() -> Region:
    return Region.objects.get(code="34.71")


@pytest.fixture
def diy() -> Region:
    return Region.objects.get(code="34")


@pytest.fixture
def draft(persona: Any, waste: Agreement, yogya: Region) -> PeriodicReport:
    return services.generate_report(
        actor=persona("kabkota"), region=yogya, period_start=SEMESTER_I, today=TODAY
    )


def sign(report: PeriodicReport, actor: Any, **extra: Any) -> PeriodicReport:
    values: dict[str, Any] = {
        "number": "000.7/123/KSD",
        "signatory_name": "Dra. Contoh Pejabat",
        "signatory_title": "Sekretaris Daerah",
        "signatory_nip": "197001011990031001",
        "report_date": date(2026, 7, 20),
        "today": TODAY,
    }
    values.update(extra)
    return services.submit_report(actor=actor, report=report, **values)


@pytest.fixture
def submitted(persona: Any, draft: PeriodicReport) -> PeriodicReport:
    return sign(draft, persona("kabkota"))

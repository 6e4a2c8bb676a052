"""Fixtures of the letters tests: the Kota Yogyakarta (34.71) - Kabupaten Sleman (34.04) waste cooperation
(entered through the register of existing agreements) and the personas of the permission matrix."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from kerjasama.agreements.models import Agreement
from kerjasama.agreements.register import register_existing_agreement
from kerjasama.core.actors import SYSTEM
from kerjasama.disputes import services as dispute_services
from kerjasama.disputes.models import Dispute
from kerjasama.disputes.services import PartyInput
from kerjasama.regions.models import Region
from kerjasama.reports import services as report_services
from kerjasama.reports.models import PeriodicReport
from kerjasama.tkksd import services as tkksd_services
from kerjasama.tkksd.choices import MemberRole
from kerjasama.tkksd.models import Meeting


def register_waste(**overrides: Any) -> Agreement:
    values: dict[str, Any] = {
        "actor": SYSTEM,
        "type": "KSDD",
        "category": "sukarela",
        "title": "Pengelolaan sampah regional Kota Yogyakarta dan Kabupaten Sleman",
        "region_codes": ["34.71", "34.04"],
        "affairs": ["2.11"],
        "number": "PKS/UJI/001/2026",
        "term_start": date(2026, 1, 1),
        "term_end": date(2030, 12, 31),
        "apbd_budgeted": True,
    }
    values.update(overrides)
    return register_existing_agreement(**values)


@pytest.fixture
def agreement(db: Any) -> Agreement:
    return register_waste()


@pytest.fixture
def people(persona: Any) -> dict[str, Any]:
    return {
        name: persona(name)
        for name in ("kabkota", "neighbour", "province", "other_province", "ministry", "third_party", "admin")
    }


@pytest.fixture
def meeting(persona: Any) -> Meeting:
    operator = persona("kabkota")
    yogya = Region.objects.get(code="34.71")
    start = timezone.localdate() - timedelta(days=60)
    decree = tkksd_services.record_decree(
        actor=operator,
        region=yogya,
        number="100/001/2026",
        title="Pembentukan TKKSD Kota Yogyakarta (contoh)",
        decree_date=start,
        period_start=start,
    )
    for name, position, role in (
        ("Sekda Contoh", "Sekretaris Daerah", MemberRole.CHAIR),
        ("Kabag Kerja Sama Contoh", "Kepala Bagian Kerja Sama", MemberRole.SECRETARY),
        ("Kepala Bappeda Contoh", "Kepala Bappeda", MemberRole.MEMBER),
    ):
        tkksd_services.add_member(actor=operator, decree=decree, name=name, position=position, role=role)
    return tkksd_services.schedule_meeting(
        actor=operator,
        region=yogya,
        meeting_date=date(2026, 12, 7),
        place="Ruang Rapat Bagian Kerja Sama (contoh)",
        agenda="Kajian usulan kerja sama persampahan",
    )


@pytest.fixture
def report(persona: Any, agreement: Agreement) -> PeriodicReport:
    return report_services.generate_report(
        actor=persona("kabkota"),
        region=Region.objects.get(code="34.71"),
        period_start=date(2026, 1, 1),
        today=date(2026, 7, 10),
    )


@pytest.fixture
def dispute(agreement: Agreement) -> Dispute:
    return dispute_services.register_dispute(
        actor=SYSTEM,
        title="Tunggakan tipping fee TPA regional (contoh)",
        kind="KSDD",
        sector="pelayanan_publik",
        causes=["pembiayaan"],
        claims="RAHASIA-PERKARA: pembayaran triwulan I belum diterima.",
        parties=[PartyInput("pemohon", region_code="34.71"), PartyInput("termohon", region_code="34.04")],
        agreement=agreement,
    )

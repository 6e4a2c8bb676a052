"""Fixtures of the dispute-case tests: a DIY dispute between Kota Yogyakarta (34.71, claimant) and Kabupaten
Sleman (34.04, respondent) over waste fees, registered by Kota Yogyakarta's cooperation unit (example data);
the clock at 15 June 2026 (Jakarta)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from kerjasama.core.actors import SYSTEM
from kerjasama.disputes import services
from kerjasama.disputes.models import Dispute
from kerjasama.disputes.services import PartyInput

TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _clock() -> Iterator[None]:
    with time_machine.travel(datetime(2026, 6, 15, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta")), tick=False):
        yield


def region_parties(claimant: str, *respondents: str) -> list[PartyInput]:
    return [PartyInput("pemohon", region_code=claimant)] + [
        PartyInput("termohon", region_code=code) for code in respondents
    ]


def register(actor: Any = SYSTEM, **overrides: Any) -> Dispute:
    values: dict[str, Any] = {
        "actor": actor,
        "title": "Tunggakan tipping fee TPA regional",
        "kind": "KSDD",
        "sector": "pelayanan_publik",
        "causes": ["pembiayaan", "komitmen"],
        "claims": "Pembayaran tipping fee triwulan I dan II 2026 belum diterima.",
        "parties": region_parties("34.71", "34.04"),
    }
    values.update(overrides)
    return services.register_dispute(**values)


@pytest.fixture
def dispute(db: Any) -> Dispute:
    return register()


@pytest.fixture
def deliberating(dispute: Dispute) -> Dispute:
    return services.screen_dispute(actor=SYSTEM, dispute=dispute, outcome="diterima", today=TODAY)

"""Fixtures of the obligations tests: the Kota Yogyakarta (34.71) - Kabupaten Sleman (34.04) waste cooperation
in force (entered through the register of existing agreements), with a monthly tipping fee owed by Kota
Yogyakarta; the clock at 15 June 2026 (Jakarta)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from kerjasama.agreements.models import Agreement, AgreementParty
from kerjasama.agreements.register import register_existing_agreement
from kerjasama.core.actors import SYSTEM
from kerjasama.obligations import services
from kerjasama.obligations.models import Obligation

TODAY = date(2026, 6, 15)
WASTE = "2.11"


@pytest.fixture(autouse=True)
def _clock() -> Iterator[None]:
    with time_machine.travel(datetime(2026, 6, 15, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta")), tick=False):
        yield


@pytest.fixture
def people(persona: Any) -> dict[str, Any]:
    return {
        "yogya": persona("kabkota"),
        "sleman": persona("neighbour"),
        "governor": persona("province"),
        "ministry": persona("ministry"),
        "admin": persona("admin"),
    }


def register_waste(**overrides: Any) -> Agreement:
    values: dict[str, Any] = {
        "actor": SYSTEM,
        "type": "KSDD",
        "category": "sukarela",
        "title": "Pengelolaan sampah regional Kota Yogyakarta dan Kabupaten Sleman",
        "region_codes": ["34.71", "34.04"],
        "affairs": [WASTE],
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


def party(agreement: Agreement, code: str) -> AgreementParty:
    return agreement.parties.get(region_id=code)


def add_fee(agreement: Agreement, actor: Any, **overrides: Any) -> Obligation:
    values: dict[str, Any] = {
        "actor": actor,
        "agreement": agreement,
        "party": party(agreement, "34.71"),
        "title": "Tipping fee bulanan",
        "kind": "payment",
        "recurrence": "monthly",
        "first_due": date(2026, 3, 10),
        "amount": "125.000.000",
        "today": TODAY,
    }
    values.update(overrides)
    return services.add_obligation(**values)


@pytest.fixture
def fee(agreement: Agreement, people: dict[str, Any]) -> Obligation:
    return add_fee(agreement, people["yogya"])

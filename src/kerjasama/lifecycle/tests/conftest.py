"""Fixtures of the lifecycle tests: the Yogyakarta–Sleman waste agreement in force (registered as an existing
agreement, issue 10 item 7), its people, and a KSDPK in force with the demo third party."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from kerjasama.agreements.models import Agreement
from kerjasama.agreements.register import register_existing_agreement

WASTE = "2.11"


def in_force(actor: Any, **overrides: Any) -> Agreement:
    values: dict[str, Any] = {
        "type": "KSDD",
        "category": "wajib",
        "title": "Pengelolaan sampah regional Kota Yogyakarta dan Kabupaten Sleman",
        "region_codes": ["34.71", "34.04"],
        "affairs": [WASTE],
        "justification_externality": "Sampah kota diangkut ke TPA di wilayah Sleman.",
        "object": "Pengelolaan sampah di TPA Piyungan",
        "scope": "Pengangkutan dan pemrosesan akhir",
        "value": Decimal("1000000000"),
        "apbd_budgeted": True,
        "burdens_public": False,
        "term_start": date(2021, 1, 1),
        "term_end": date(2025, 12, 31),
        "number": "PKS/001/2021",
    }
    values.update(overrides)
    return register_existing_agreement(actor=actor, **values)


@pytest.fixture
def yogya(persona: Any) -> Any:
    return persona("kabkota")


@pytest.fixture
def sleman(persona: Any) -> Any:
    return persona("neighbour")


@pytest.fixture
def agreement(yogya: Any) -> Agreement:
    return in_force(yogya)

"""Fixtures of the letters tests: the Kota Yogyakarta (34.71) - Kabupaten Sleman (34.04) waste cooperation
(entered through the register of existing agreements) and the personas of the permission matrix."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kerjasama.agreements.models import Agreement
from kerjasama.agreements.register import register_existing_agreement
from kerjasama.core.actors import SYSTEM


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

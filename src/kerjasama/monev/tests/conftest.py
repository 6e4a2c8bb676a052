"""Fixtures of the monev tests: the Kota Yogyakarta–Kabupaten Sleman waste agreement in force (registered as
an existing agreement through the agreements services, as its cooperation unit does), and its periods."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kerjasama.accounts.models import User
from kerjasama.agreements.models import Agreement, AgreementParty
from kerjasama.agreements.register import register_existing_agreement
from kerjasama.monev import services
from kerjasama.monev.models import MonevPeriod

#: The day the tests stand on (the periods and due dates are computed from it, not from the clock).
TODAY = date(2026, 11, 30)
TERM_START = date(2025, 3, 1)


def register(actor: Any, codes: list[str], title: str, **extra: Any) -> Agreement:
    values: dict[str, Any] = {
        "type": "KSDD",
        "category": "sukarela",
        "title": title,
        "region_codes": codes,
        "affairs": ["2.11"],
        "number": f"PKS/{'-'.join(codes)}/2025",
        "term_start": TERM_START,
        "term_end": date(2030, 2, 28),
        "apbd_budgeted": True,
    }
    values.update(extra)
    return register_existing_agreement(actor=actor, **values)


@pytest.fixture
def waste(persona: Any) -> Agreement:
    return register(
        persona("kabkota"),
        ["34.71", "34.04"],
        "Pengelolaan sampah regional Kota Yogyakarta dan Kabupaten Sleman",
    )


@pytest.fixture
def periods(persona: Any, waste: Agreement) -> list[MonevPeriod]:
    services.generate_periods(actor=persona("kabkota"), agreement=waste, today=TODAY)
    return list(MonevPeriod.objects.filter(agreement=waste).order_by("start"))


@pytest.fixture
def first(periods: list[MonevPeriod]) -> MonevPeriod:
    return periods[0]


def party_of(agreement: Agreement, code: str) -> AgreementParty:
    return agreement.parties.select_related("region").get(region_id=code)


@pytest.fixture
def tkksd_yogya(db: Any) -> User:
    return User.objects.select_related("organisation").get(username="tkksd.yogya")

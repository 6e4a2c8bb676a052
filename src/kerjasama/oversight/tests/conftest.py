"""Fixtures of the oversight tests: a Kota Yogyakarta–Kabupaten Sleman agreement in force with its signed PKS
attached (registered and uploaded through the agreements services, as the cooperation unit does)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kerjasama.agreements.models import Agreement, AgreementParty
from kerjasama.agreements.register import register_existing_agreement
from kerjasama.agreements.services import attach_file
from kerjasama.documents.choices import DocumentKind
from kerjasama.documents.tests.conftest import documents_dir  # noqa: F401 - every test stores under tmp_path
from kerjasama.documents.tests.samples import pdf_bytes, upload
from kerjasama.oversight.services import record_publication_consent

YOGYA, SLEMAN = "34.71", "34.04"


def register(actor: Any, title: str, codes: tuple[str, ...] = (YOGYA, SLEMAN), **extra: Any) -> Agreement:
    values: dict[str, Any] = {
        "type": "KSDD",
        "category": "sukarela",
        "title": title,
        "region_codes": list(codes),
        "affairs": ["2.11"],
        "number": f"PKS/{title[:20]}/2025",
        "term_start": date(2025, 3, 1),
        "term_end": date(2030, 2, 28),
        "apbd_budgeted": True,
    }
    values.update(extra)
    return register_existing_agreement(actor=actor, **values)


def party_of(agreement: Agreement, code: str) -> AgreementParty:
    return agreement.parties.select_related("region").get(region_id=code)


def consent_all(persona: Any, agreement: Agreement, **withheld: str) -> None:
    """Both parties consent, Kota Yogyakarta withholding ``withheld`` (part → Pasal 17 reason)."""
    record_publication_consent(
        actor=persona("kabkota"),
        agreement=agreement,
        party=party_of(agreement, YOGYA),
        decision="consent",
        withheld=withheld,
    )
    record_publication_consent(
        actor=persona("neighbour"), agreement=agreement, party=party_of(agreement, SLEMAN), decision="consent"
    )


def attach_pks(persona: Any, agreement: Agreement, name: str) -> Any:
    return attach_file(
        actor=persona("kabkota"),
        agreement=agreement,
        kind=DocumentKind.PKS,
        title="PKS ditandatangani",
        upload=upload(name, pdf_bytes("Perjanjian Kerja Sama")),
    )


@pytest.fixture
def waste(persona: Any) -> Agreement:
    return register(
        persona("kabkota"),
        "Pengelolaan sampah regional Yogyakarta Sleman",
        value="1250000000",
        object="Pengangkutan dan pengolahan sampah di TPA Piyungan",
    )

"""Fixtures of the agreements tests: the two regions' people of the KSDD path (Kota Yogyakarta 34.71 proposes
waste cooperation to Kabupaten Sleman 34.04) and helpers that walk an agreement through its stages."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kerjasama.accounts.choices import OrganisationKind, Role
from kerjasama.accounts.models import Organisation, User
from kerjasama.agreements import services
from kerjasama.agreements.models import Agreement, AgreementParty
from kerjasama.regions.models import Region

WASTE = "2.11"  # Lingkungan Hidup (persampahan)


@pytest.fixture
def tkksd_sleman(db: Any) -> User:
    pemda = Organisation.objects.get(kind=OrganisationKind.PEMDA, region_id="34.04")
    return User.objects.create(username="tkksd.sleman", organisation=pemda, role=Role.TKKSD_MEMBER)


@pytest.fixture
def people(persona: Any, tkksd_sleman: User) -> dict[str, Any]:
    return {
        "yogya": persona("kabkota"),
        "sleman": persona("neighbour"),
        "tkksd_yogya": User.objects.get(username="tkksd.yogya"),
        "tkksd_sleman": tkksd_sleman,
    }


def party(agreement: Agreement, code: str) -> AgreementParty:
    return (
        agreement.parties.get(region_id=code)
        if "." in code or code.isdigit()
        else agreement.parties.get(organisation__name=code)
    )


def propose_waste(people: dict[str, Any], **overrides: Any) -> Agreement:
    values: dict[str, Any] = {
        "actor": people["yogya"],
        "lead_region": Region.objects.get(code="34.71"),
        "partner_regions": [Region.objects.get(code="34.04")],
        "type": "KSDD",
        "category": "wajib",
        "title": "Pengelolaan sampah regional Kota Yogyakarta dan Kabupaten Sleman",
        "affairs": [WASTE],
        "justification_externality": "Sampah kota diangkut ke TPA di wilayah Sleman.",
        "apbd_budgeted": False,
        "burdens_public": False,
        "term_start": date(2027, 1, 1),
        "term_end": date(2031, 12, 31),
    }
    values.update(overrides)
    return services.propose_agreement(**values)


def review(agreement: Agreement, code: str, actor: Any, outcome: str = "approved") -> None:
    services.record_tkksd_review(
        actor=actor,
        agreement=agreement,
        party=party(agreement, code),
        outcome=outcome,
        reasons="" if outcome == "approved" else "Perlu kajian biaya.",
        decision_ref=f"Keputusan TKKSD {code}/2027/1",
        reviewed_on=date(2026, 6, 10),
    )


def signatories(agreement: Agreement, people: dict[str, Any]) -> None:
    for code, actor, name in (
        ("34.71", people["yogya"], "Wali Kota Yogyakarta"),
        ("34.04", people["sleman"], "Bupati Sleman"),
    ):
        services.record_signatory(
            actor=actor,
            agreement=agreement,
            party=party(agreement, code),
            signatory_name=name,
            signatory_title=name,
        )


def to_kb_drafting(people: dict[str, Any], **overrides: Any) -> Agreement:
    """Proposal → TKKSD Yogya → offer → TKKSD Sleman → accepted: stage penyusunan_kb."""
    agreement = propose_waste(people, **overrides)
    review(agreement, "34.71", people["tkksd_yogya"])
    agreement = services.send_offer(
        actor=people["yogya"], agreement=agreement, letter_number="415.4/001", letter_date=date(2026, 6, 12)
    )
    review(agreement, "34.04", people["tkksd_sleman"])
    return services.accept_offer(actor=people["sleman"], agreement=agreement, party=party(agreement, "34.04"))


def sign_both(agreement: Agreement, people: dict[str, Any], sign: Any) -> Agreement:
    agreement = sign(actor=people["yogya"], agreement=agreement, party=party(agreement, "34.71"))
    return sign(actor=people["sleman"], agreement=agreement, party=party(agreement, "34.04"))

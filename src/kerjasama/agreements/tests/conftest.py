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
from kerjasama.tkksd import services as tkksd_services
from kerjasama.tkksd.models import Decision
from kerjasama.tkksd.selectors import active_decree

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


#: The party review as the TKKSD decision's outcome.
OUTCOME_OF_REVIEW = {"approved": "approve", "returned": "return", "rejected": "reject"}
OPERATORS = {"34.71": "operator.yogya", "34.04": "operator.sleman"}


def tkksd_decide(agreement: Agreement, code: str, outcome: str = "approve", reasons: str = "") -> Decision:
    """The region's TKKSD decides on the agreement in a held meeting (decree in force, one member), recorded
    by the region's cooperation operator through the tkksd services, as on the TKKSD meeting page."""
    region = Region.objects.get(code=code)
    operator = User.objects.get(username=OPERATORS[code])
    decree = active_decree(code, on=MEETING_DAY)
    if decree is None:
        decree = tkksd_services.record_decree(
            actor=operator,
            region=region,
            number=f"100.3.3/{code}/2026",
            decree_date=date(2026, 1, 5),
            period_start=date(2026, 1, 5),
        )
        tkksd_services.add_member(
            actor=operator, decree=decree, name="Sekretaris Daerah", position="Sekretaris Daerah", role="ketua"
        )
    member = decree.members.filter(removed_at__isnull=True).first()
    assert member is not None
    meeting = tkksd_services.schedule_meeting(
        actor=operator, region=region, meeting_date=MEETING_DAY, place="Ruang rapat", agenda="Kajian usulan"
    )
    tkksd_services.hold_meeting(actor=operator, meeting=meeting, attendee_ids=[member.pk])
    return tkksd_services.record_decision(
        actor=operator,
        meeting=meeting,
        subject_type="agreements.agreement",
        subject_id=str(agreement.pk),
        outcome=outcome,
        reasons=reasons,
    )


MEETING_DAY = date(2026, 6, 10)


def review(agreement: Agreement, code: str, actor: Any = None, outcome: str = "approved") -> None:
    """The party region's TKKSD review: a decision in its meeting (``actor`` is kept for older call sites;
    the decision is recorded by the region's operator)."""
    tkksd_decide(
        agreement,
        code,
        OUTCOME_OF_REVIEW[outcome],
        "" if outcome == "approved" else "Perlu kajian biaya.",
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

"""A KSDPK with its feasibility study (R17) and a synergy Nota Kesepakatan with its work plan (R18)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kerjasama.accounts.choices import OrganisationKind
from kerjasama.accounts.models import Organisation
from kerjasama.agreements import services
from kerjasama.agreements.models import AgreementParty
from kerjasama.agreements.tests.conftest import WASTE, review
from kerjasama.core.errors import KerjasamaError, RuleRefusal
from kerjasama.regions.models import Region

pytestmark = pytest.mark.django_db


def _party(agreement: Any, org: Organisation) -> AgreementParty:
    return agreement.parties.get(organisation=org)


def test_it_walks_a_ksdpk_with_its_feasibility_study(persona: Any, people: dict[str, Any]) -> None:
    yogya, mitra_user = people["yogya"], persona("third_party")
    mitra = mitra_user.organisation
    agreement = services.propose_agreement(
        actor=yogya,
        lead_region=Region.objects.get(code="34.71"),
        partner_organisations=[mitra],
        type="KSDPK",
        title="Pengolahan sampah menjadi energi bersama PT Mitra Contoh",
        affairs=[WASTE],
        apbd_budgeted=True,
        burdens_public=False,
        term_start=date(2027, 1, 1),
        term_end=date(2036, 12, 31),
    )
    review(agreement, "34.71", people["tkksd_yogya"])
    with pytest.raises(RuleRefusal) as refused:
        services.send_offer(
            actor=yogya, agreement=agreement, letter_number="415.4/010", letter_date=date(2026, 6, 12)
        )
    assert "R17" in {f["rule"] for f in refused.value.findings}
    services.record_document(
        actor=yogya, agreement=agreement, kind="studi_kelayakan", number="FS/2026/1", dated=date(2026, 5, 1)
    )
    agreement = services.send_offer(
        actor=yogya, agreement=agreement, letter_number="415.4/010", letter_date=date(2026, 6, 12)
    )
    assert agreement.stage == "penawaran"
    agreement = services.accept_offer(actor=mitra_user, agreement=agreement, party=_party(agreement, mitra))
    assert agreement.stage == "penyusunan_kb"
    services.record_signatory(
        actor=yogya,
        agreement=agreement,
        party=agreement.parties.get(region_id="34.71"),
        signatory_name="Wali Kota",
    )
    services.record_signatory(
        actor=mitra_user, agreement=agreement, party=_party(agreement, mitra), signatory_name="Direktur Utama"
    )
    for actor, p in (
        (yogya, agreement.parties.get(region_id="34.71")),
        (mitra_user, _party(agreement, mitra)),
    ):
        agreement = services.sign_kb(actor=actor, agreement=agreement, party=p)
    assert agreement.stage == "kb_ditandatangani"
    agreement = services.start_pks_drafting(actor=yogya, agreement=agreement)
    with pytest.raises(RuleRefusal) as refused:
        services.sign_pks(actor=yogya, agreement=agreement, party=agreement.parties.get(region_id="34.71"))
    assert "R27" in {f["rule"] for f in refused.value.findings}  # the contract's minimum clauses
    agreement = services.update_proposal(
        actor=yogya,
        agreement=agreement,
        expected_version=agreement.version,
        pks_clauses=["hak_kewajiban", "jangka_waktu", "penyelesaian_perselisihan", "sanksi"],
    )
    for actor, p in (
        (yogya, agreement.parties.get(region_id="34.71")),
        (mitra_user, _party(agreement, mitra)),
    ):
        agreement = services.sign_pks(actor=actor, agreement=agreement, party=p)
    assert agreement.stage == "pelaksanaan"


def test_a_ksdpk_needs_a_third_party(people: dict[str, Any]) -> None:
    with pytest.raises(KerjasamaError) as err:
        services.propose_agreement(
            actor=people["yogya"],
            lead_region=Region.objects.get(code="34.71"),
            partner_regions=[Region.objects.get(code="34.04")],
            type="KSDPK",
            title="Tanpa pihak ketiga",
            affairs=[WASTE],
        )
    assert err.value.code == "agreements.parties_invalid"


def test_it_walks_a_synergy_nota_kesepakatan_with_its_work_plan(persona: Any, people: dict[str, Any]) -> None:
    yogya, ministry = people["yogya"], persona("ministry")
    kemendagri = Organisation.objects.get(kind=OrganisationKind.KEMENDAGRI, pk=ministry.organisation_id)
    agreement = services.propose_agreement(
        actor=yogya,
        lead_region=Region.objects.get(code="34.71"),
        partner_organisations=[kemendagri],
        type="SINERGI",
        title="Sinergi penataan administrasi kewilayahan",
        affairs=[WASTE],
    )
    assert not agreement.dprd_approval_required  # synergy: PP 28/2018 Pasal 6(2) does not apply
    agreement = services.draft_nota_kesepakatan(actor=yogya, agreement=agreement)
    assert agreement.stage == "penyusunan_nk"
    services.record_signatory(
        actor=yogya,
        agreement=agreement,
        party=agreement.parties.get(region_id="34.71"),
        signatory_name="Wali Kota",
    )
    with pytest.raises(RuleRefusal) as refused:
        services.sign_nota_kesepakatan(
            actor=yogya, agreement=agreement, party=agreement.parties.get(region_id="34.71")
        )
    assert "R18" in {f["rule"] for f in refused.value.findings}  # the work plan is missing
    services.record_document(actor=yogya, agreement=agreement, kind="rencana_kerja", number="RK/2027")
    agreement = services.sign_nota_kesepakatan(
        actor=yogya, agreement=agreement, party=agreement.parties.get(region_id="34.71")
    )
    assert agreement.stage == "penyusunan_nk"
    agreement = services.sign_nota_kesepakatan(
        actor=ministry, agreement=agreement, party=_party(agreement, kemendagri)
    )
    assert agreement.stage == "pelaksanaan"


def test_it_refuses_a_mandatory_ksdd_between_regions_that_do_not_border(people: dict[str, Any]) -> None:
    with pytest.raises(RuleRefusal) as refused:
        services.propose_agreement(
            actor=people["yogya"],
            lead_region=Region.objects.get(code="34.71"),
            partner_regions=[Region.objects.get(code="33.74")],
            type="KSDD",
            category="wajib",
            title="Wajib tanpa batas wilayah",
            affairs=[WASTE],
            justification_externality="x",
        )
    assert "R7" in {f["rule"] for f in refused.value.findings}

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


# -- partner selection (issue 10 item 3: "KSDPK with its feasibility study and partner selection step") ------


def _ksdpk_with_study(persona: Any, people: dict[str, Any]) -> Any:
    yogya = people["yogya"]
    agreement = services.propose_agreement(
        actor=yogya,
        lead_region=Region.objects.get(code="34.71"),
        partner_organisations=[persona("third_party").organisation],
        type="KSDPK",
        title="Pengolahan sampah menjadi energi",
        affairs=[WASTE],
        apbd_budgeted=True,
        burdens_public=False,
    )
    review(agreement, "34.71", people["tkksd_yogya"])
    services.record_document(actor=yogya, agreement=agreement, kind="studi_kelayakan", number="FS/1")
    return services.load(agreement.pk)


def _offer(people: dict[str, Any], agreement: Any) -> Any:
    return services.send_offer(actor=people["yogya"], agreement=agreement, letter_number="415.4/010")


def test_a_third_party_initiative_needs_the_pasal_18_criteria_before_the_offer(
    persona: Any, people: dict[str, Any]
) -> None:
    agreement = _ksdpk_with_study(persona, people)
    agreement = services.record_partner_selection(
        actor=people["yogya"],
        agreement=agreement,
        expected_version=agreement.version,
        ksdpk_kind="pelayanan_publik",
        method="prakarsa_pihak_ketiga",
        reference="Surat prakarsa PT Mitra Contoh 01/2026",
        selected_on=date(2026, 5, 2),
        initiative_criteria=["layak_ekonomi_finansial"],
    )
    assert agreement.third_party_initiated, "an initiative method means the third party initiated it"
    with pytest.raises(RuleRefusal) as refused:
        _offer(people, agreement)
    r17 = [f for f in refused.value.findings if f["rule"] == "R17"]
    assert r17 and "terintegrasi_rencana_induk" in r17[0]["message_id"]
    agreement = services.record_partner_selection(
        actor=people["yogya"],
        agreement=agreement,
        expected_version=agreement.version,
        ksdpk_kind="pelayanan_publik",
        method="prakarsa_pihak_ketiga",
        reference="Surat prakarsa PT Mitra Contoh 01/2026",
        selected_on=date(2026, 5, 2),
        initiative_criteria=[
            "terintegrasi_rencana_induk",
            "layak_ekonomi_finansial",
            "kemampuan_keuangan_pemrakarsa",
        ],
    )
    assert _offer(people, agreement).stage == "penawaran"


def test_local_policy_may_require_the_selection_before_the_offer(
    persona: Any, people: dict[str, Any], settings: Any
) -> None:
    settings.KERJASAMA_RULEBOOK = {**settings.KERJASAMA_RULEBOOK, "ksdpk_partner_selection_required": "true"}
    agreement = _ksdpk_with_study(persona, people)
    with pytest.raises(RuleRefusal) as refused:
        _offer(people, agreement)
    assert any(
        f["rule"] == "R17" and "Pemilihan mitra" in f["message_id"] for f in refused.value.findings
    )
    agreement = services.record_partner_selection(
        actor=people["yogya"],
        agreement=agreement,
        expected_version=agreement.version,
        ksdpk_kind="pengelolaan_aset",
        method="pemanfaatan_bmd",
        reference="BA seleksi mitra KSP 02/2026",
        selected_on=date(2026, 5, 20),
    )
    assert not agreement.third_party_initiated and agreement.initiative_criteria == []
    assert _offer(people, agreement).stage == "penawaran"


def test_the_selection_is_the_proposer_s_and_only_for_a_ksdpk_in_preparation(
    persona: Any, people: dict[str, Any]
) -> None:
    from kerjasama.agreements.tests.conftest import propose_waste
    from kerjasama.core.errors import Conflict, PermissionDenied

    agreement = _ksdpk_with_study(persona, people)
    values: dict[str, Any] = {
        "ksdpk_kind": "investasi",
        "method": "kpbu",
        "reference": "Penetapan badan usaha pelaksana KPBU",
        "selected_on": date(2026, 5, 2),
    }
    with pytest.raises(PermissionDenied):
        services.record_partner_selection(
            actor=persona("third_party"), agreement=agreement, expected_version=agreement.version, **values
        )
    with pytest.raises(Conflict):
        services.record_partner_selection(
            actor=people["yogya"], agreement=agreement, expected_version=agreement.version - 1, **values
        )
    for bad, code in (
        ({"method": "undian"}, "agreements.selection_method_invalid"),
        ({"reference": "  "}, "agreements.selection_reference_required"),
        ({"selected_on": date(2999, 1, 1)}, "agreements.selection_date_future"),
    ):
        with pytest.raises(KerjasamaError) as refused:
            services.record_partner_selection(
                actor=people["yogya"],
                agreement=agreement,
                expected_version=agreement.version,
                **{**values, **bad},
            )
        assert refused.value.code == code
    ksdd = propose_waste(people)
    with pytest.raises(KerjasamaError) as not_ksdpk:
        services.record_partner_selection(
            actor=people["yogya"], agreement=ksdd, expected_version=ksdd.version, **values
        )
    assert not_ksdpk.value.code == "agreements.not_ksdpk"
    offered = _offer(people, agreement)
    with pytest.raises(KerjasamaError) as too_late:
        services.record_partner_selection(
            actor=people["yogya"], agreement=offered, expected_version=offered.version, **values
        )
    assert too_late.value.code == "agreements.not_editable"

"""Builders of subjects for the rulebook tests: a lawful baseline that each test bends one way."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from kerjasama.rulebook.settings import DEFAULT_KSDD_PKS_CLAUSES
from kerjasama.rulebook.subjects import AgreementState, DocumentFact, Plan, ThirdParty

D = date


def plan(**overrides: Any) -> Plan:
    """A lawful mandatory KSDD between Kota Yogyakarta and Sleman on public works."""
    base = Plan(
        type="KSDD",
        parties=("34.71", "34.04"),
        category="wajib",
        affairs=("1.03",),
        externality=True,
        efficiency=True,
        burdens_public=False,
        budgeted_in_apbd=True,
        term_years=5.0,
    )
    return replace(base, **overrides)


def ksdd_documents(*, with_dprd: bool = False) -> tuple[DocumentFact, ...]:
    docs = [
        DocumentFact("kajian_tkksd", on=D(2025, 1, 6)),
        DocumentFact(
            "penawaran",
            signed=True,
            signatory_role="kepala_daerah",
            issuer="34.71",
            on=D(2025, 1, 10),
            copies_to=frozenset(
                {"menteri_dalam_negeri", "kementerian_lembaga_terkait", "dprd:34.71", "gubernur:34"}
            ),
        ),
        DocumentFact("kb", signed=True, signatory_role="kepala_daerah", on=D(2025, 2, 3)),
        DocumentFact(
            "pks",
            signed=True,
            signatory_role="pejabat_dikuasakan",
            surat_kuasa=True,
            on=D(2025, 3, 3),
            clauses=frozenset(DEFAULT_KSDD_PKS_CLAUSES),
        ),
    ]
    if with_dprd:
        docs.insert(3, DocumentFact("persetujuan_dprd", on=D(2025, 2, 20)))
    return tuple(docs)


def agreement(**overrides: Any) -> AgreementState:
    """A lawful KSDD in force (PKS signed) with every record in order."""
    base = AgreementState(
        type="KSDD",
        parties=("34.71", "34.04"),
        stage="pelaksanaan",
        category="wajib",
        affairs=("1.03",),
        documents=ksdd_documents(),
        lawful_object_attested=True,
        in_development_plan=True,
        tkksd_formed=True,
        term_years=5.0,
    )
    return replace(base, **overrides)


KSDPK_CLAUSES = frozenset({"hak_kewajiban", "jangka_waktu", "penyelesaian_perselisihan", "sanksi"})


def ksdpk_agreement(**overrides: Any) -> AgreementState:
    """A lawful KSDPK of Kota Yogyakarta with a BUMD, in force."""
    docs = (
        DocumentFact("studi_kelayakan", on=D(2025, 1, 2)),
        DocumentFact("kajian_tkksd", on=D(2025, 1, 6)),
        DocumentFact(
            "penawaran", signed=True, signatory_role="kepala_daerah", issuer="34.71", on=D(2025, 1, 10)
        ),
        DocumentFact("kb", signed=True, signatory_role="kepala_daerah", on=D(2025, 2, 3)),
        DocumentFact(
            "pks", signed=True, signatory_role="kepala_daerah", on=D(2025, 3, 3), clauses=KSDPK_CLAUSES
        ),
    )
    base = AgreementState(
        type="KSDPK",
        parties=("34.71",),
        stage="pelaksanaan",
        third_party=ThirdParty("bumd", "PT Anindya Mitra Internasional"),
        affairs=("1.03",),
        documents=docs,
        lawful_object_attested=True,
        in_development_plan=True,
        tkksd_formed=True,
        term_years=10.0,
    )
    return replace(base, **overrides)


def sinergi_agreement(**overrides: Any) -> AgreementState:
    docs = (
        DocumentFact("nk", signed=True, signatory_role="kepala_daerah", on=D(2025, 4, 7)),
        DocumentFact("rencana_kerja", on=D(2025, 4, 7)),
    )
    base = AgreementState(
        type="SINERGI",
        parties=("34",),
        stage="pelaksanaan",
        affairs=("2.15",),
        documents=docs,
        lawful_object_attested=True,
    )
    return replace(base, **overrides)


def without(state: AgreementState, kind: str) -> AgreementState:
    return replace(state, documents=tuple(d for d in state.documents if d.kind != kind))


def with_doc(state: AgreementState, kind: str, **changes: Any) -> AgreementState:
    """Replace the documents of ``kind`` by copies with ``changes``."""
    return replace(
        state, documents=tuple(replace(d, **changes) if d.kind == kind else d for d in state.documents)
    )

"""A small real-code fixture for the mapping engine, and sanity tests of the fixture itself.

Regions (Kepmendagri 300.2.2-2138/2025 codes): DI Yogyakarta (34) complete; Jawa Tengah (33) with Kabupaten
Magelang 33.08, Kota Magelang 33.71 and Kota Semarang 33.74; DKI Jakarta (31) with two non-autonomous
administrative cities, and Jawa Barat (32) with Kota Bekasi, to check that those units are never parties.
Adjacency is the real border between these kab/kota; lengths are simplified (Kota Yogyakarta shares about
1.1 km with Sleman and 15.8 km with Bantul). Functional area: KARTAMANTUL, the Kawasan Perkotaan Yogyakarta.
Authority rows paraphrase ``shared/domain/authority_matrix.csv``.
"""

from __future__ import annotations

from collections.abc import Iterable

from kerjasama.mapping.domain import (
    AffairTraitFact,
    ExistingAgreement,
    FunctionalAreaFact,
    IdentificationFact,
    IndicatorDef,
    IndicatorValueFact,
    MappingInputs,
    MappingWeights,
)
from kerjasama.rulebook import AffairFact, ReferenceData, RegionFact, SubAffairRow


def _prov(code: str, name: str) -> RegionFact:
    return RegionFact(code, name, "provinsi", "provinsi", code, True)


def _kab(code: str, name: str) -> RegionFact:
    return RegionFact(code, name, "kabkota", "kabupaten", code[:2], True)


def _kota(code: str, name: str, autonomous: bool = True) -> RegionFact:
    return RegionFact(code, name, "kabkota", "kota", code[:2], autonomous)


REGIONS: tuple[RegionFact, ...] = (
    _prov("31", "DKI Jakarta"),
    _kota("31.71", "Kota Administrasi Jakarta Selatan", autonomous=False),
    _kota("31.75", "Kota Administrasi Jakarta Timur", autonomous=False),
    _prov("32", "Jawa Barat"),
    _kota("32.75", "Kota Bekasi"),
    _prov("33", "Jawa Tengah"),
    _kab("33.08", "Kabupaten Magelang"),
    _kota("33.71", "Kota Magelang"),
    _kota("33.74", "Kota Semarang"),
    _prov("34", "DI Yogyakarta"),
    _kab("34.01", "Kabupaten Kulon Progo"),
    _kab("34.02", "Kabupaten Bantul"),
    _kab("34.03", "Kabupaten Gunungkidul"),
    _kab("34.04", "Kabupaten Sleman"),
    _kota("34.71", "Kota Yogyakarta"),
)

#: (a, b, shared border km, simplified)
BORDERS: tuple[tuple[str, str, float], ...] = (
    ("34.71", "34.04", 1.1),
    ("34.71", "34.02", 15.8),
    ("34.04", "34.02", 43.4),
    ("34.04", "34.01", 13.0),
    ("34.02", "34.01", 30.0),
    ("34.02", "34.03", 40.0),
    ("34.04", "34.03", 6.1),
    ("33.08", "34.04", 25.4),
    ("33.08", "34.01", 20.0),
    ("33.08", "33.71", 12.0),
    ("31.71", "31.75", 10.0),
    ("31.75", "32.75", 9.0),
)
ADJACENCY: tuple[tuple[str, str], ...] = tuple((a, b) for a, b, _ in BORDERS)
BORDER_KM: dict[frozenset[str], float | None] = {frozenset((a, b)): km for a, b, km in BORDERS}

CENTROIDS: dict[str, tuple[float, float]] = {
    "31": (-6.20, 106.83),
    "32": (-6.92, 107.60),
    "32.75": (-6.28, 106.99),
    "33": (-7.15, 110.14),
    "33.08": (-7.55, 110.25),
    "33.71": (-7.48, 110.22),
    "33.74": (-7.02, 110.42),
    "34": (-7.87, 110.43),
    "34.01": (-7.83, 110.16),
    "34.02": (-7.90, 110.33),
    "34.03": (-7.98, 110.60),
    "34.04": (-7.72, 110.36),
    "34.71": (-7.80, 110.375),
}

AFFAIRS: tuple[AffairFact, ...] = (
    AffairFact("1.01", "Pendidikan", "Education", "wajib_pelayanan_dasar"),
    AffairFact(
        "1.03",
        "Pekerjaan Umum dan Penataan Ruang",
        "Public Works and Spatial Planning",
        "wajib_pelayanan_dasar",
    ),
    AffairFact("2.11", "Lingkungan Hidup", "Environment", "wajib_non_pelayanan_dasar"),
    AffairFact("3.29", "Energi dan Sumber Daya Mineral", "Energy and Mineral Resources", "pilihan"),
)

#: 1.01 deliberately has no rows (the matrix does not cover it: ``unknown``); kab/kota hold nothing in 3.29.
AUTHORITY_ROWS: tuple[SubAffairRow, ...] = (
    SubAffairRow(
        "1.03",
        "Air Minum",
        "SPAM lintas provinsi dan SPAM strategis nasional",
        "Pengelolaan dan pengembangan SPAM lintas kab/kota",
        "Pengelolaan dan pengembangan SPAM di Daerah kab/kota",
        "S",
    ),
    SubAffairRow(
        "1.03",
        "Persampahan",
        "Sistem persampahan lintas provinsi",
        "Pengembangan sistem dan pengelolaan persampahan regional",
        "Pengembangan sistem dan pengelolaan persampahan dalam Daerah kab/kota",
        "S",
    ),
    SubAffairRow("1.03", "Jalan", "Jalan nasional", "Penyelenggaraan jalan provinsi", "Jalan kab/kota", "S"),
    SubAffairRow(
        "2.11",
        "Persampahan",
        "Kebijakan pengelolaan sampah nasional",
        "Penanganan sampah di TPA/TPST regional",
        "Pengelolaan sampah",
        "S",
    ),
    SubAffairRow(
        "2.11", "Keanekaragaman Hayati (Kehati)", "Kehati nasional", "Kehati provinsi", "Kehati kab/kota", "V"
    ),
    SubAffairRow("3.29", "Ketenagalistrikan", "Tarif nasional", "Tarif tenaga listrik provinsi", "", "S"),
)

WASTE = IndicatorDef(
    code="waste_service_coverage",
    name_id="cakupan layanan sampah",
    name_en="waste service coverage",
    unit="%",
    affairs=("1.03", "2.11"),
    better="higher",
    worst=0.0,
    best=100.0,
    role="service",
)
LANDFILL = IndicatorDef(
    code="landfill_remaining_life",
    name_id="sisa umur TPA",
    name_en="landfill remaining life",
    unit="tahun",
    unit_en="years",
    affairs=("1.03", "2.11"),
    better="higher",
    worst=0.0,
    best=20.0,
    role="capacity",
)
INDICATORS: tuple[IndicatorDef, ...] = (WASTE, LANDFILL)

VALUES: tuple[IndicatorValueFact, ...] = (
    IndicatorValueFact("34.71", WASTE.code, 40.0, 2022),
    IndicatorValueFact("34.71", WASTE.code, 45.0, 2023),
    IndicatorValueFact("34.04", WASTE.code, 70.0, 2023),
    IndicatorValueFact("34.04", LANDFILL.code, 12.0, 2023),
    IndicatorValueFact("34.02", WASTE.code, 60.0, 2023),
    IndicatorValueFact("34.02", LANDFILL.code, 12.0, 2023),
    IndicatorValueFact("34.01", WASTE.code, 55.0, 2023),
    IndicatorValueFact("34.03", WASTE.code, 40.0, 2023),
    IndicatorValueFact("33.74", WASTE.code, 80.0, 2023),
    IndicatorValueFact("33.74", LANDFILL.code, 15.0, 2023),
)

KARTAMANTUL = FunctionalAreaFact(
    code="KARTAMANTUL",
    name="Kawasan Perkotaan Yogyakarta",
    kind="metropolitan",
    members=("34.71", "34.04", "34.02"),
    confidence="S",
)
FUNCTIONAL_AREAS: tuple[FunctionalAreaFact, ...] = (KARTAMANTUL,)

#: Kota Yogyakarta needs waste processing (verified); Kota Semarang's offer is still a draft.
IDENTIFICATIONS: tuple[IdentificationFact, ...] = (
    IdentificationFact("34.71", "2.11", "pengolahan sampah", "", externality=True, status="verified"),
    IdentificationFact("33.74", "2.11", "", "kapasitas TPA Jatibarang", externality=False, status="draft"),
)

WEIGHTS = MappingWeights(reference_year=2025)

#: As in ``affairs/data/affair_characteristics.csv``: water/PU and the environment carry a cross-regional
#: externality (UU 23/2014 Lampiran); education is a service without one; energy neither.
TRAITS: tuple[AffairTraitFact, ...] = (
    AffairTraitFact("1.01", False, "service", frozenset({"metropolitan"}), "", "U"),
    AffairTraitFact("1.03", True, "service", frozenset({"metropolitan", "river_basin", "other"}), "", "S"),
    AffairTraitFact("2.11", True, "service", frozenset({"metropolitan", "river_basin", "other"}), "", "V"),
    AffairTraitFact("3.29", False, "regional", frozenset(), "", "U"),
)
#: Every affair with an externality: for tests of other rules (authority), so a bordering pair is evidence.
ALL_EXTERNAL: tuple[AffairTraitFact, ...] = tuple(
    AffairTraitFact(a.code, True, "regional", frozenset(), "", "S") for a in AFFAIRS
)


def build_ref() -> ReferenceData:
    return ReferenceData(REGIONS, ADJACENCY, AFFAIRS, authority_rows=AUTHORITY_ROWS)


REF = build_ref()


def build_inputs(
    *,
    values: Iterable[IndicatorValueFact] = VALUES,
    identifications: Iterable[IdentificationFact] = IDENTIFICATIONS,
    agreements: Iterable[ExistingAgreement] = (),
    functional_areas: Iterable[FunctionalAreaFact] = FUNCTIONAL_AREAS,
    ref: ReferenceData = REF,
    traits: Iterable[AffairTraitFact] = TRAITS,
) -> MappingInputs:
    return MappingInputs(
        ref,
        indicators=INDICATORS,
        values=values,
        functional_areas=functional_areas,
        identifications=identifications,
        agreements=agreements,
        border_km=BORDER_KM,
        centroids=CENTROIDS,
        affair_traits=traits,
    )


def test_it_builds_the_fixture_with_the_real_borders() -> None:
    assert REF.borders("34.71", "34.04")
    assert REF.borders("34.71", "34.02")
    assert not REF.borders("34.71", "33.74")
    assert REF.borders("34", "33")
    inputs = build_inputs()
    assert "31.71" not in inputs.regions and "31.75" not in inputs.regions
    assert set(inputs.static_partners("34.71")) == {"34", "34.02", "34.04"}


def test_it_derives_province_border_lengths_from_the_crossing_kabkota_pairs() -> None:
    inputs = build_inputs()
    assert inputs.pair_facts("33", "34").border_km == 25.4 + 20.0
    assert inputs.pair_facts("34.04", "33").border_km == 25.4
    assert inputs.pair_facts("34.71", "34").border_km is None  # inside its own province

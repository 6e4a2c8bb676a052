"""The indicator catalogue of region profiles (potensi dan karakteristik daerah).

Indicators that drive cooperation in practice. ``affairs`` says which concurrent affairs an indicator
informs; ``role`` says whether it measures how well a region serves itself (low = need), spare capacity it
can share, or only context; ``worst``/``best`` are fixed reference points that turn a value into a 0–1
strength, so one region's change never shifts another region's strength.
The reference points are the project's working assumptions for ranking partners, not legal norms.

``low``/``high`` bound what a value can plausibly be (issue 9: a landfill life of 1e308 years was accepted).
They are checks against typing errors, not norms: shares are 0–100 %; counts and outputs are bounded well
above the largest Indonesian region (population 60 million, above Jawa Barat's ~50 million, BPS 2023; area
400,000 km², above Papua's former extent); the landfill life 100 years; the referral class 0–4 by its own
definition; the BNPB disaster risk index (IRBI) 0–250. Widen a bound here if a real figure exceeds it.
"""

from __future__ import annotations

from typing import TypedDict

from kerjasama.core.numbers import format_number, range_in_words


class IndicatorSpec(TypedDict):
    code: str
    name_id: str
    name_en: str
    unit: str
    affairs: list[str]
    role: str
    better: str
    worst: float
    best: float
    # The plausible range a typed value must fall in (a value outside it is a typing error, not a fact), and
    # the unit as words for the message that states it ("antara 0 dan 100 persen").
    low: float
    high: float
    unit_words_id: str
    unit_words_en: str


INDICATORS: list[IndicatorSpec] = [
    {
        "code": "population",
        "name_id": "Jumlah penduduk",
        "name_en": "Population",
        "unit": "jiwa",
        "affairs": ["1.02", "2.12", "2.14"],
        "role": "context",
        "better": "higher",
        "worst": 0,
        "best": 5_000_000,
        "low": 0,
        "high": 60_000_000,
        "unit_words_id": "jiwa",
        "unit_words_en": "people",
    },
    {
        "code": "area_km2",
        "name_id": "Luas wilayah",
        "name_en": "Area",
        "unit": "km²",
        "affairs": ["2.10"],
        "role": "context",
        "better": "higher",
        "worst": 0,
        "best": 50_000,
        "low": 0,
        "high": 400_000,
        "unit_words_id": "km²",
        "unit_words_en": "km²",
    },
    {
        "code": "density",
        "name_id": "Kepadatan penduduk",
        "name_en": "Population density",
        "unit": "jiwa/km²",
        "affairs": ["1.03", "1.04", "2.15"],
        "role": "context",
        "better": "higher",
        "worst": 0,
        "best": 15_000,
        "low": 0,
        "high": 50_000,
        "unit_words_id": "jiwa per km²",
        "unit_words_en": "people per km²",
    },
    {
        "code": "urbanisation",
        "name_id": "Tingkat urbanisasi",
        "name_en": "Urbanisation",
        "unit": "%",
        "affairs": ["1.04", "2.15"],
        "role": "context",
        "better": "higher",
        "worst": 0,
        "best": 100,
        "low": 0,
        "high": 100,
        "unit_words_id": "persen",
        "unit_words_en": "percent",
    },
    {
        "code": "fiscal_capacity",
        "name_id": "Indeks kapasitas fiskal",
        "name_en": "Fiscal capacity index",
        "unit": "indeks",
        "affairs": [],
        "role": "capacity",
        "better": "higher",
        "worst": 0,
        "best": 4,
        "low": 0,
        "high": 20,
        "unit_words_id": "(indeks)",
        "unit_words_en": "(index)",
    },
    {
        "code": "water_coverage",
        "name_id": "Cakupan layanan air minum",
        "name_en": "Drinking-water coverage",
        "unit": "%",
        "affairs": ["1.03"],
        "role": "service",
        "better": "higher",
        "worst": 0,
        "best": 100,
        "low": 0,
        "high": 100,
        "unit_words_id": "persen",
        "unit_words_en": "percent",
    },
    {
        "code": "waste_coverage",
        "name_id": "Cakupan layanan sampah",
        "name_en": "Waste service coverage",
        "unit": "%",
        "affairs": ["1.03", "2.11"],
        "role": "service",
        "better": "higher",
        "worst": 0,
        "best": 100,
        "low": 0,
        "high": 100,
        "unit_words_id": "persen",
        "unit_words_en": "percent",
    },
    {
        "code": "landfill_life",
        "name_id": "Sisa umur TPA",
        "name_en": "Landfill remaining life",
        "unit": "tahun",
        "affairs": ["1.03", "2.11"],
        "role": "capacity",
        "better": "higher",
        "worst": 0,
        "best": 20,
        "low": 0,
        "high": 100,
        "unit_words_id": "tahun",
        "unit_words_en": "years",
    },
    {
        "code": "wastewater_coverage",
        "name_id": "Cakupan layanan air limbah",
        "name_en": "Wastewater coverage",
        "unit": "%",
        "affairs": ["1.03", "1.04"],
        "role": "service",
        "better": "higher",
        "worst": 0,
        "best": 100,
        "low": 0,
        "high": 100,
        "unit_words_id": "persen",
        "unit_words_en": "percent",
    },
    {
        "code": "hospital_beds",
        "name_id": "Tempat tidur rumah sakit per 1.000 penduduk",
        "name_en": "Hospital beds per 1,000",
        "unit": "per 1.000",
        "affairs": ["1.02"],
        "role": "service",
        "better": "higher",
        "worst": 0,
        "best": 3,
        "low": 0,
        "high": 50,
        "unit_words_id": "per 1.000 penduduk",
        "unit_words_en": "per 1,000 people",
    },
    {
        "code": "referral_class",
        "name_id": "Kelas rumah sakit rujukan tertinggi (A=4 … D=1)",
        "name_en": "Highest referral hospital class (A=4 … D=1)",
        "unit": "kelas",
        "affairs": ["1.02"],
        "role": "capacity",
        "better": "higher",
        "worst": 0,
        "best": 4,
        "low": 0,
        "high": 4,
        "unit_words_id": "(kelas D=1 sampai A=4; 0 bila tidak ada)",
        "unit_words_en": "(class D=1 to A=4; 0 if none)",
    },
    {
        "code": "school_capacity",
        "name_id": "Daya tampung sekolah dasar",
        "name_en": "Basic-school capacity",
        "unit": "% kebutuhan",
        "affairs": ["1.01"],
        "role": "service",
        "better": "higher",
        "worst": 50,
        "best": 110,
        "low": 0,
        "high": 300,
        "unit_words_id": "persen kebutuhan",
        "unit_words_en": "percent of need",
    },
    {
        "code": "public_transport",
        "name_id": "Cakupan angkutan umum",
        "name_en": "Public transport coverage",
        "unit": "%",
        "affairs": ["2.15"],
        "role": "service",
        "better": "higher",
        "worst": 0,
        "best": 100,
        "low": 0,
        "high": 100,
        "unit_words_id": "persen",
        "unit_words_en": "percent",
    },
    {
        "code": "tourism_visitors",
        "name_id": "Kunjungan wisatawan",
        "name_en": "Tourism visitors",
        "unit": "ribu/tahun",
        "affairs": ["3.26"],
        "role": "capacity",
        "better": "higher",
        "worst": 0,
        "best": 5_000,
        "low": 0,
        "high": 100_000,
        "unit_words_id": "ribu kunjungan per tahun",
        "unit_words_en": "thousand visits a year",
    },
    {
        "code": "agri_output",
        "name_id": "Produksi pertanian",
        "name_en": "Agricultural output",
        "unit": "ribu ton",
        "affairs": ["2.09", "3.27"],
        "role": "capacity",
        "better": "higher",
        "worst": 0,
        "best": 1_000,
        "low": 0,
        "high": 50_000,
        "unit_words_id": "ribu ton",
        "unit_words_en": "thousand tonnes",
    },
    {
        "code": "fisheries_output",
        "name_id": "Produksi perikanan",
        "name_en": "Fisheries output",
        "unit": "ribu ton",
        "affairs": ["3.25"],
        "role": "capacity",
        "better": "higher",
        "worst": 0,
        "best": 200,
        "low": 0,
        "high": 5000,
        "unit_words_id": "ribu ton",
        "unit_words_en": "thousand tonnes",
    },
    {
        "code": "disaster_risk",
        "name_id": "Indeks risiko bencana",
        "name_en": "Disaster risk index",
        "unit": "indeks",
        "affairs": ["1.05"],
        "role": "service",
        "better": "lower",
        "worst": 250,
        "best": 0,
        "low": 0,
        "high": 250,
        "unit_words_id": "(indeks)",
        "unit_words_en": "(index)",
    },
    {
        "code": "shared_river_basins",
        "name_id": "Wilayah sungai lintas daerah",
        "name_en": "Shared river basins",
        "unit": "jumlah",
        "affairs": ["1.03", "2.11"],
        "role": "context",
        "better": "higher",
        "worst": 0,
        "best": 5,
        "low": 0,
        "high": 50,
        "unit_words_id": "wilayah sungai",
        "unit_words_en": "river basins",
    },
]


SPECS: dict[str, IndicatorSpec] = {spec["code"]: spec for spec in INDICATORS}


def plausible_range(code: str) -> tuple[float, float] | None:
    """The ``(low, high)`` a value of indicator ``code`` must fall in; ``None`` for an unknown code."""
    spec = SPECS.get(code)
    return None if spec is None else (spec["low"], spec["high"])


def out_of_range(code: str, value: float) -> tuple[str, str] | None:
    """``None`` when ``value`` is plausible for ``code``; else the message (Indonesian, English) stating the
    range in words, e.g. "nilai 150 di luar rentang: harus antara 0 dan 100 persen"."""
    spec = SPECS.get(code)
    if spec is None or spec["low"] <= value <= spec["high"]:
        return None
    words_id, words_en = range_in_words(spec["low"], spec["high"], spec["unit_words_id"], spec["unit_words_en"])
    shown = format_number(value) if abs(value) < 1e18 else f"{value:.3g}"
    return (
        f"nilai {shown} tidak masuk akal untuk {spec['name_id']}: harus {words_id}",
        f"the value {shown} is implausible for {spec['name_en']}: it must be {words_en}",
    )

"""The indicator catalogue of region profiles (potensi dan karakteristik daerah).

Indicators that drive cooperation in practice. ``affairs`` says which concurrent affairs an indicator
informs; ``role`` says whether it measures how well a region serves itself (low = need), spare capacity it
can share, or only context; ``worst``/``best`` are fixed reference points that turn a value into a 0–1
strength, so one region's change never shifts another region's strength.
The reference points are the project's working assumptions for ranking partners, not legal norms.
"""

from __future__ import annotations

from typing import TypedDict


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
    },
]

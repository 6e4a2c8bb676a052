"""Example region profiles and identifications for all autonomous regions (DATA CONTOH, never statistics).

Generated with a fixed seed so every installation shows the same example; every value and identification
is marked ``is_example`` and its source says it was generated. Cities get denser, more urban, better-served
profiles than regencies; regencies get more land, agriculture and landfill space. That is what makes the
recommendations interesting to try, and nothing more.
"""

from __future__ import annotations

import random

from django.db import transaction

from kerjasama.core import audit
from kerjasama.core.actors import Actor
from kerjasama.core.audit_actions import AuditAction
from kerjasama.mapping.choices import IdentificationStatus
from kerjasama.mapping.models import Identification, Indicator, IndicatorValue
from kerjasama.regions.models import Region

SEED = 2026
YEAR = 2025
SOURCE = "Data contoh yang dibangkitkan Kerjasama (bukan statistik resmi) / generated example data"

# indicator code -> (low, high) for a kota, a kabupaten and a province
RANGES: dict[str, tuple[tuple[float, float], tuple[float, float], tuple[float, float]]] = {
    "population": ((100_000, 3_000_000), (150_000, 3_500_000), (1_000_000, 50_000_000)),
    "area_km2": ((10, 600), (300, 15_000), (3_000, 150_000)),
    "density": ((1_500, 15_000), (30, 2_500), (10, 1_500)),
    "urbanisation": ((75, 100), (10, 60), (20, 80)),
    "fiscal_capacity": ((0.5, 3.5), (0.2, 2.5), (0.5, 3.5)),
    "water_coverage": ((55, 98), (25, 85), (40, 90)),
    "waste_coverage": ((45, 95), (10, 70), (30, 80)),
    "landfill_life": ((0, 6), (3, 20), (2, 15)),
    "wastewater_coverage": ((40, 90), (10, 70), (25, 80)),
    "hospital_beds": ((1.5, 3.5), (0.4, 1.6), (0.8, 2.0)),
    "referral_class": ((2, 4), (1, 3), (3, 4)),
    "school_capacity": ((90, 115), (65, 105), (80, 105)),
    "public_transport": ((35, 85), (5, 40), (15, 60)),
    "tourism_visitors": ((100, 4_000), (20, 2_500), (500, 8_000)),
    "agri_output": ((0, 40), (50, 900), (500, 9_000)),
    "fisheries_output": ((0, 20), (0, 150), (20, 1_500)),
    "disaster_risk": ((60, 160), (80, 220), (100, 200)),
    "shared_river_basins": ((1, 3), (1, 5), (2, 8)),
}
INTEGER_INDICATORS = {"population", "referral_class", "shared_river_basins"}

NEEDS = {
    "2.11": ("Perluasan layanan pengangkutan dan pemrosesan akhir sampah", "landfill_life", "waste_coverage"),
    "1.03": (
        "Penambahan sambungan layanan air minum dan pengelolaan air limbah",
        "water_coverage",
        "wastewater_coverage",
    ),
    "1.02": ("Akses rumah sakit rujukan dan tempat tidur rawat inap", "referral_class", "hospital_beds"),
    "2.15": (
        "Angkutan umum yang menghubungkan kawasan permukiman dan pusat kegiatan",
        "public_transport",
        None,
    ),
    "3.26": ("Promosi bersama destinasi wisata", "tourism_visitors", None),
    "1.05": ("Kesiapsiagaan dan bantuan bersama penanggulangan bencana", "disaster_risk", None),
}
OFFERS = {
    "2.11": "Kapasitas TPA/TPST yang masih tersedia untuk sampah daerah tetangga",
    "1.03": "Kapasitas produksi air baku dan instalasi pengolahan yang dapat dibagi",
    "1.02": "Layanan rumah sakit rujukan dengan kelas yang lebih tinggi",
    "2.15": "Trayek dan armada angkutan umum yang dapat diperpanjang",
    "3.26": "Paket dan promosi destinasi wisata unggulan",
    "1.05": "Tim reaksi cepat dan logistik kebencanaan",
}


def _value(rng: random.Random, code: str, kind_index: int) -> float:
    low, high = RANGES[code][kind_index]
    value = rng.uniform(low, high)
    return float(round(value)) if code in INTEGER_INDICATORS else round(value, 1)


@transaction.atomic
def load_mapping_demo(*, actor: Actor) -> dict[str, int]:
    """Create the example profiles and identifications once; a second run changes nothing."""
    if IndicatorValue.objects.filter(is_example=True).exists():
        return {"values": 0, "identifications": 0}
    rng = random.Random(SEED)
    indicators = {i.code: i for i in Indicator.objects.all()}
    values: list[IndicatorValue] = []
    identifications: list[Identification] = []
    existing = set(Identification.objects.values_list("region_id", "affair_id"))
    for region in Region.objects.filter(is_autonomous=True).order_by("code"):
        kind_index = {"kota": 0, "kabupaten": 1, "provinsi": 2}[region.kind]
        profile: dict[str, float] = {}
        for code in RANGES:
            if code not in indicators:
                continue
            profile[code] = _value(rng, code, kind_index)
            values.append(
                IndicatorValue(
                    region=region,
                    indicator=indicators[code],
                    year=YEAR,
                    value=profile[code],
                    source=SOURCE,
                    is_example=True,
                )
            )
        for affair, (need_text, capacity_code, service_code) in NEEDS.items():
            if (region.code, affair) in existing or rng.random() < 0.45:
                continue
            capacity = indicators[capacity_code]
            strength = (profile[capacity_code] - capacity.worst) / (capacity.best - capacity.worst)
            if capacity.better == "lower":
                strength = 1 - strength
            offers = OFFERS[affair] if strength > 0.6 else ""
            needs = need_text if strength < 0.4 or (service_code and profile[service_code] < 50) else ""
            if not (needs or offers):
                continue
            status = rng.choice(
                [IdentificationStatus.PUBLISHED] * 3
                + [IdentificationStatus.VERIFIED, IdentificationStatus.DRAFT]
            )
            identifications.append(
                Identification(
                    region=region,
                    affair_id=affair,
                    needs=needs,
                    offers=offers,
                    status=status,
                    is_example=True,
                    externalities="Dampak lintas daerah (contoh)" if rng.random() < 0.5 else "",
                )
            )
    IndicatorValue.objects.bulk_create(values, batch_size=1000)
    Identification.objects.bulk_create(identifications, batch_size=500)
    counts = {"values": len(values), "identifications": len(identifications)}
    audit.record(
        actor=actor,
        action=AuditAction.MAPPING_DEMO_LOADED,
        object_type="mapping.indicatorvalue",
        object_id="*",
        object_label="data contoh / example data",
        new=counts,
    )
    return counts

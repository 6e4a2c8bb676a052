"""The regions of the run, their borders, and their example profiles and identifications.

Profiles: for every indicator a yearly value over the run's years (the mapping demo's ranges per kind of
region, ``mapping.demo.RANGES``), drifting a little from year to year; identifications: what a region lacks
and offers per affair (``mapping.demo.NEEDS``/``OFFERS``). Rows that already exist (the small demo's 2025
profile, a region's own identification) are left alone. Regions and adjacency are only read.
"""

from __future__ import annotations

from kerjasama.mapping.choices import IdentificationStatus
from kerjasama.mapping.demo import INTEGER_INDICATORS, NEEDS, OFFERS, RANGES
from kerjasama.mapping.models import Identification, Indicator, IndicatorValue
from kerjasama.portal.national_demo.common import (
    LABEL,
    NationalDemoRegion,
    NationalDemoRun,
    bulk,
    own_timestamps,
    stamp,
)
from kerjasama.regions.models import Adjacency, Region

SOURCE = "Data contoh nasional yang dibangkitkan Kerjasama (bukan statistik resmi) / generated example data"
KIND_INDEX = {"kota": 0, "kabupaten": 1, "provinsi": 2}


def select_regions(run: NationalDemoRun) -> None:
    """The autonomous regions of the run (all, or those of the scale's provinces), in code order."""
    rows = Region.objects.filter(is_autonomous=True).order_by("code")
    if run.scale.provinces is not None:
        rows = rows.filter(code__regex=r"^(" + "|".join(run.scale.provinces) + r")(\.|$)")
    for r in rows.values("code", "name", "level", "kind", "province_id"):
        row = NationalDemoRegion(r["code"], r["name"], r["level"], r["kind"], r["province_id"] or r["code"])
        run.regions.append(row)
        run.by_code[row.code] = row


def bordering_pairs(run: NationalDemoRun) -> list[tuple[str, str]]:
    """Pairs of the run's regions that border (kab/kota from the adjacency table; provinces when two of
    their kab/kota border), sorted, so the choice among them is deterministic."""
    codes = set(run.by_code)
    pairs: set[tuple[str, str]] = set()
    for a, b in Adjacency.objects.values_list("region_a_id", "region_b_id"):
        if a in codes and b in codes:
            pairs.add((a, b))
            pa, pb = run.by_code[a].province, run.by_code[b].province
            if pa != pb and pa in codes and pb in codes:
                pairs.add((min(pa, pb), max(pa, pb)))
    return sorted(pairs)


def load_profiles(run: NationalDemoRun) -> None:
    """Yearly indicator values over the run's years and identifications, for every region of the run."""
    rng = run.rng
    indicators = {i.code: i for i in Indicator.objects.all()}
    codes = [c for c in RANGES if c in indicators]
    region_codes = [r.code for r in run.regions]
    existing = set(
        IndicatorValue.objects.filter(region_id__in=region_codes).values_list(
            "region_id", "indicator_id", "year"
        )
    )
    years = range(run.base.year - run.years, run.base.year)
    values: list[IndicatorValue] = []
    for region in run.regions:
        k = KIND_INDEX[region.kind]
        for code in codes:
            low, high = RANGES[code][k]
            value = rng.uniform(low, high)
            for year in years:
                value = min(high, max(low, value * rng.uniform(0.97, 1.04)))
                if (region.code, code, year) in existing:
                    continue
                shown = float(round(value)) if code in INTEGER_INDICATORS else round(value, 1)
                values.append(
                    IndicatorValue(
                        region_id=region.code,
                        indicator_id=code,
                        year=year,
                        value=shown,
                        source=SOURCE,
                        is_example=True,
                        updated_at=stamp(run.base),
                    )
                )
    taken = set(
        Identification.objects.filter(region_id__in=region_codes).values_list("region_id", "affair_id")
    )
    idents: list[Identification] = []
    statuses = [IdentificationStatus.PUBLISHED] * 3 + [
        IdentificationStatus.VERIFIED,
        IdentificationStatus.DRAFT,
    ]
    for region in run.regions:
        for affair, (need_text, _capacity, _service) in NEEDS.items():
            if (region.code, affair) in taken or rng.random() < 0.4:
                continue
            roll = rng.random()
            made = run.day_between(run.start, run.base)
            status = rng.choice(statuses)
            idents.append(
                Identification(
                    region_id=region.code,
                    affair_id=affair,
                    needs=need_text + LABEL if roll < 0.7 else "",
                    offers=OFFERS[affair] + LABEL if roll >= 0.4 else "",
                    externalities="Dampak lintas daerah (contoh)" if rng.random() < 0.5 else "",
                    status=status,
                    is_example=True,
                    created_at=stamp(made),
                    updated_at=stamp(made),
                    submitted_at=stamp(made) if status != IdentificationStatus.DRAFT else None,
                    verified_at=stamp(made) if status != IdentificationStatus.DRAFT else None,
                    published_at=stamp(made) if status == IdentificationStatus.PUBLISHED else None,
                )
            )
    with own_timestamps(IndicatorValue, Identification):
        bulk(IndicatorValue, values)
        bulk(Identification, idents)
    run.add("indicator_values", len(values))
    run.add("identifications", len(idents))

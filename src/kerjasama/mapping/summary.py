"""The stored national summary of the mapping: per province and affair, how many distinct mandatory-eligible
pairs the engine found, how many recommendation rows the province's regions hold (and of them mandatory-
eligible), and how many autonomous regions the province has.

The national page used to read every recommendation row (75,000 after a national run on the demo data) on
each request; it now reads 38 × 32 stored rows (``ProvinceAffairSummary``). ``refresh_summary`` is called at
the end of ``runner.run`` whenever it stores results: the national run, and every partial recompute, which is
also how ``runner.refresh_stale`` stores its results. The summary therefore changes in the same step as the
recommendations it counts. Identification counts are not stored: a verification shows on the national page
at once (one grouped query, ``selectors.national_matrix``), without waiting for the worker.

A pair is counted in the province of the region that holds the recommendation (``region_id``), as the
national page always did; so recommendations of a region only change its own province's rows, and a partial
refresh recomputes only the provinces of the regions it touched.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Q, QuerySet, Value
from django.db.models.functions import Concat, Greatest, Least, Substr

from kerjasama.affairs.models import Affair
from kerjasama.mapping.choices import RecommendationCategory
from kerjasama.mapping.models import ProvinceAffairSummary, Recommendation
from kerjasama.regions.models import Region


def refresh_summary(provinces: Iterable[str] | None = None) -> int:
    """Recompute the summary rows of ``provinces`` (codes like ``"34"``; None: every province) from every
    stored recommendation (system read, no user scope: the rows are scoped when read).

    Rows are written with an upsert keyed on (province, affair), so two refreshes at once never fail on the
    unique constraint and a reader always sees a complete set of rows. Returns the number of rows written.
    """
    wanted = None if provinces is None else {p.split(".")[0] for p in provinces}
    if wanted is not None and not wanted:
        return 0
    province_qs = Region.objects.filter(level="provinsi")
    if wanted is not None:
        province_qs = province_qs.filter(code__in=wanted)
    province_codes = list(province_qs.order_by("code").values_list("code", flat=True))
    if not province_codes:
        return 0
    scope = set(province_codes)
    counts: dict[str, int] = defaultdict(int)
    autonomous = list(
        Region.objects.filter(_in(scope, ""), is_autonomous=True).values_list("code", flat=True)
    )
    for code in autonomous:
        counts[code[:2]] += 1
    held = Recommendation.objects.all()
    if wanted is not None:
        # Only autonomous regions hold recommendations; their codes use the index on region_id (a join to
        # the region table to filter by province read the whole recommendation table).
        held = held.filter(region_id__in=autonomous)
    rows_held = _rows_held(held)
    recommendations = held.filter(category=RecommendationCategory.WAJIB)
    # Distinct unordered pairs per (affair, province of the holding region), counted by the database: a
    # province's recommendations are thousands of rows, the answer 32 numbers (Kemendagri codes: the province
    # is the code's first two digits). Least/Greatest make A-B and B-A one pair.
    pair = Concat(Least("region_id", "partner_id"), Value("|"), Greatest("region_id", "partner_id"))
    pairs = {
        (affair_id, province): count
        for affair_id, province, count in recommendations.annotate(province=Substr("region_id", 1, 2))
        .values("affair_id", "province")
        .annotate(pairs=Count(pair, distinct=True))
        .values_list("affair_id", "province", "pairs")
        .order_by()
    }
    rows = [
        ProvinceAffairSummary(
            province_id=province,
            affair_id=affair,
            regions=counts.get(province, 0),
            mandatory_pairs=pairs.get((affair, province), 0),
            recommendations=sum(rows_held.get((affair, province), {}).values()),
            mandatory_recommendations=rows_held.get((affair, province), {}).get(RecommendationCategory.WAJIB, 0),
        )
        for affair in Affair.objects.order_by("code").values_list("code", flat=True)
        for province in province_codes
    ]
    with transaction.atomic():
        ProvinceAffairSummary.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["province", "affair"],
            update_fields=[
                "regions",
                "mandatory_pairs",
                "recommendations",
                "mandatory_recommendations",
                "refreshed_at",
            ],
            batch_size=500,
        )
    return len(rows)


def _rows_held(held: QuerySet[Recommendation]) -> dict[tuple[str, str], dict[str, int]]:
    """Recommendation rows per (affair, province of the holding region) and category, counted by the database
    (one grouped query; the answer is a few thousand numbers at most)."""
    counted: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for affair_id, province, category, n in (
        held.annotate(province=Substr("region_id", 1, 2))
        .values("affair_id", "province", "category")
        .annotate(n=Count("id"))
        .values_list("affair_id", "province", "category", "n")
        .order_by()
    ):
        counted[(affair_id, province)][category] = n
    return counted


def _in(provinces: set[str], prefix: str) -> Q:
    """Regions (through ``prefix``) that are one of ``provinces`` or lie in one of them."""
    return Q(**{f"{prefix}code__in": provinces}) | Q(**{f"{prefix}province_id__in": provinces})

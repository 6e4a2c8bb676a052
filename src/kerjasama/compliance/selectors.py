"""Feeding the rulebook: the national reference data and the legal parameters, read once and cached.

The rulebook is pure Python (house rule 1): it is handed plain facts. Building them takes a few queries
and ~50 ms, so they are kept per process and rebuilt only when the reference data changed, which one read
tells: every service that changes regions, adjacency (and its overrides), affairs, the authority matrix or
functional areas bumps the national reference version (``kerjasama.core.reference``) in its transaction.
"""

from __future__ import annotations

import threading
from typing import Any

from django.conf import settings

from kerjasama.affairs.models import Affair, AuthorityEntry
from kerjasama.core import reference
from kerjasama.regions.models import Region
from kerjasama.regions.selectors import effective_kabkota_pairs
from kerjasama.rulebook import AffairFact, ReferenceData, RegionFact, RulebookSettings, SubAffairRow

_lock = threading.Lock()
_cache: dict[str, Any] = {}


def reference_version() -> tuple[int, str]:
    """The version of the national reference data (``kerjasama.core.reference``; one query)."""
    return reference.current(reference.NATIONAL)


def build_reference_data() -> ReferenceData:
    """Regions, effective kab/kota adjacency (overrides applied), the 32 affairs and the authority matrix."""
    regions = [
        RegionFact(
            code=code,
            name=name,
            level=level,  # type: ignore[arg-type]  # Region.level/kind hold exactly these literals
            kind=kind,  # type: ignore[arg-type]
            # The province row, not the code's prefix: a kab/kota recoded into a new province keeps its row
            # (docs/region-codes.md).
            province_code=province or code,
            autonomous=autonomous,
        )
        for code, name, level, kind, autonomous, province in Region.objects.values_list(
            "code", "name", "level", "kind", "is_autonomous", "province_id"
        )
    ]
    affairs = [
        AffairFact(code, name_id, name_en, category, not_covered_id, not_covered_en)
        for code, name_id, name_en, category, not_covered_id, not_covered_en in Affair.objects.values_list(
            "code", "name_id", "name_en", "category", "not_covered_id", "not_covered_en"
        )
    ]
    rows = [
        SubAffairRow(
            affair_code=affair_id,
            name=sub,
            pusat=pusat,
            provinsi=provinsi,
            kabkota=kabkota,
            confidence=confidence,  # type: ignore[arg-type]  # V/S/U, enforced by the importer
            source=source,
            code=code,
        )
        for affair_id, sub, pusat, provinsi, kabkota, confidence, source, code in AuthorityEntry.objects.order_by(
            "affair_id", "position", "id"
        ).values_list(
            "affair_id", "sub_affair", "pusat", "provinsi", "kabkota", "confidence", "source", "code"
        )
    ]
    return ReferenceData(regions, list(effective_kabkota_pairs()), affairs, authority_rows=rows)


def reference_data() -> ReferenceData:
    """The cached reference data, rebuilt when the national reference version moved (1 query)."""
    version = reference_version()
    with _lock:
        if _cache.get("version") != version or "data" not in _cache:
            _cache["data"] = build_reference_data()
            _cache["version"] = version
        data: ReferenceData = _cache["data"]
    return data


def rulebook_settings() -> RulebookSettings:
    """The legal parameters: the rulebook's documented defaults, overridden by KERJASAMA_RULEBOOK_* values.

    A misspelt or malformed variable raises ``ValueError`` (also reported by ``kerjasama manage check``).
    """
    key = tuple(sorted((k, str(v)) for k, v in settings.KERJASAMA_RULEBOOK.items()))
    with _lock:
        if _cache.get("settings_key") != key:
            _cache["settings"] = RulebookSettings.from_mapping(settings.KERJASAMA_RULEBOOK)
            _cache["settings_key"] = key
        parsed: RulebookSettings = _cache["settings"]
    return parsed

"""The scoring weights of the mapping engine: points per reason, thresholds and the reference year.

None of these is law: they are policy knobs of the recommendation (ARCHITECTURE.md house rule 1: parameters
the sources do not pin down are settings, never literals). The score of a candidate partner is the sum of the
points its reasons contribute, clamped to 0..100 and rounded to one decimal.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any


@dataclass(frozen=True, slots=True)
class MappingWeights:
    """Weights (points) and thresholds; see ``weights_reference()`` for the documentation of each."""

    border: float = 30.0
    border_km_full: float = 20.0
    border_base_share: float = 0.5
    functional_area: float = 25.0
    complementarity: float = 25.0
    need_offer: float = 20.0
    distance: float = 10.0
    distance_zero_km: float = 150.0
    service_max_km: float = 100.0
    max_partners: int = 5
    min_score: float = 15.0
    extension_window_years: int = 1
    reference_year: int | None = None

    def __post_init__(self) -> None:
        for name in ("border", "functional_area", "complementarity", "need_offer", "distance", "min_score"):
            value = getattr(self, name)
            if not math.isfinite(value) or value < 0:
                raise ValueError(f"mapping weight {name} must be a finite number >= 0, not {value!r}")
        for name in ("border_km_full", "distance_zero_km", "service_max_km"):
            value = getattr(self, name)
            if not math.isfinite(value) or value <= 0:
                raise ValueError(f"mapping weight {name} must be a finite number > 0, not {value!r}")
        if not 0.0 <= self.border_base_share <= 1.0:
            raise ValueError("mapping weight border_base_share must lie in 0..1")
        if self.max_partners < 1:
            raise ValueError("mapping weight max_partners must be >= 1")
        if self.extension_window_years < 0:
            raise ValueError("mapping weight extension_window_years must be >= 0")

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> MappingWeights:
        """Build weights from name -> value; strings are parsed (environment style: ``"30"``, ``"2.5"``;
        ``""``/``none``/``null`` for ``reference_year`` = the current year). Unknown names raise ``ValueError``
        so a misspelt key never passes silently; so does a value that does not parse or is out of range."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown mapping weights: {', '.join(unknown)}")
        parsed: dict[str, Any] = {}
        for name, raw in values.items():
            try:
                parsed[name] = _COERCERS[name](raw)
            except (TypeError, ValueError) as exc:
                raise ValueError(f"mapping weight {name}: {exc}") from exc
        return replace(cls(), **parsed)

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


_DOCS: dict[str, str] = {
    "border": "Points for sharing a border (berbatasan, UU 23/2014 Pasal 364(1)); the full amount once the "
    "shared border reaches border_km_full.",
    "border_km_full": "Shared border length (km) at which the border component saturates.",
    "border_base_share": "Share of the border points given for bordering at all (a kab/kota inside its own "
    "province, or a border of unknown length); the rest grows linearly with the km up to border_km_full.",
    "functional_area": "Points for being members of the same functional area (kawasan perkotaan, DAS, ...).",
    "complementarity": "Points at full complementarity: one party's need on a service indicator (1 - strength) "
    "times the other's strength on the same indicator or its best capacity indicator of the affair.",
    "need_offer": "Points when a verified/published need of one party matches the other's offer.",
    "distance": "Points at zero distance between centroids, decaying linearly to 0 at distance_zero_km.",
    "distance_zero_km": "Centroid distance (km) at which the distance component reaches 0.",
    "service_max_km": "Distance (km between centroids) beyond which a non-bordering partner is not recommended "
    "for an affair where distance matters (service-type: health referral, schools, waste, water, transport; "
    "and regional ones) unless a need/offer match asks for it. 100 km is about two to three hours by road in "
    "Indonesia (road detour x1.3-1.5 at 40-50 km/h): the reach of a daily service such as referral transport, "
    "commuting to school or waste haulage. Bordering regions are always within reach.",
    "max_partners": "At most this many partners per (region, affair).",
    "min_score": "Candidates scoring below this (after rounding to 0.1) are not recommended.",
    "extension_window_years": "An existing agreement ending within this many years of reference_year (before "
    "or after) turns the recommendation into kind='extension'; one running longer suppresses it.",
    "reference_year": "The year 'now' for agreement end dates; None = the current calendar year.",
}


def weights_reference() -> list[dict[str, Any]]:
    """Every weight with its default and meaning (for docs, ``.env.example`` and the admin page)."""
    defaults = MappingWeights()
    return [
        {"name": f.name, "default": getattr(defaults, f.name), "doc": _DOCS[f.name]} for f in fields(defaults)
    ]


_NONE = {"", "none", "null"}


def _float(raw: Any) -> float:
    if isinstance(raw, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(raw, int | float):
        return float(raw)
    if isinstance(raw, str):
        return float(raw.strip().replace(",", "."))
    raise TypeError(f"expected a number, got {type(raw).__name__}")


def _int(raw: Any) -> int:
    if isinstance(raw, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str):
        return int(raw.strip())
    raise TypeError(f"expected an integer, got {raw!r}")


def _optional_int(raw: Any) -> int | None:
    if raw is None or (isinstance(raw, str) and raw.strip().lower() in _NONE):
        return None
    return _int(raw)


_COERCERS: dict[str, Callable[[Any], Any]] = {
    "border": _float,
    "border_km_full": _float,
    "border_base_share": _float,
    "functional_area": _float,
    "complementarity": _float,
    "need_offer": _float,
    "distance": _float,
    "distance_zero_km": _float,
    "service_max_km": _float,
    "max_partners": _int,
    "min_score": _float,
    "extension_window_years": _int,
    "reference_year": _optional_int,
}

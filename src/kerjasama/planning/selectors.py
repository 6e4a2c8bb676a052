"""Reads of the planning nomenclature for the other apps (public reference data: no scoping needed beyond the
models' public restriction)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from kerjasama.planning.models import NomenclatureEntry


def _in_force_in(year: int) -> Q:
    return Q(valid_from__lte=year) & (Q(valid_to__isnull=True) | Q(valid_to__gte=year))


def in_force(year: int, *, affairs: Iterable[str] | None = None) -> dict[str, str]:
    """Every code in force in budget ``year`` (of ``affairs`` only, when given) with its name (the latest
    instrument's, should two overlap)."""
    rows = NomenclatureEntry.objects.filter(_in_force_in(year))
    if affairs is not None:
        rows = rows.filter(affair_code__in=list(affairs))
    return dict(rows.order_by("valid_from").values_list("code", "name"))


def names_for(codes: Iterable[str], year: int) -> dict[str, str]:
    """The names in force in ``year`` of those of ``codes`` the nomenclature holds (one query)."""
    wanted = {c.strip() for c in codes if c and c.strip()}
    if not wanted:
        return {}
    rows = (
        NomenclatureEntry.objects.filter(_in_force_in(year), code__in=wanted)
        .order_by("valid_from")
        .values_list("code", "name")
    )
    return dict(rows)

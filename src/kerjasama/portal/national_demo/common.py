"""Shared pieces of the national example data: the scales, the fixed calendar, the run context, and the
bulk helpers that write rows with their own (historic) timestamps.

Everything generated here is *data contoh* (example data, never real cooperation): agreements, obligations,
monev rows, reports and risk events carry ``is_example=True``; organisations and users ``is_demo=True``; the
disputes (which have no flag of their own) carry " (data contoh)" in their title and arise from example
agreements. Reference data (regions, adjacency, affairs, the rulebook) is only read.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, cast

from django.db import models

#: The title suffix the small demo uses (``agreements.demo.LABEL``): pages show it with the example badge.
LABEL = " (data contoh)"
#: Registration numbers of the national example agreements start with this (also its "already loaded" mark).
NUMBER_PREFIX = "CONTOH-NAS"
#: Usernames of the generated users start with this.
USER_PREFIX = "nas."
#: The fixed "today" of the generated data: nothing depends on the day the command runs.
BASE_DATE = date(2026, 7, 1)
BATCH = 2000


@dataclass(frozen=True)
class NationalDemoScale:
    """How much to generate. ``provinces``: None for every province, else the first N of ``SMALL_PROVINCES``."""

    name: str
    agreements: int
    disputes: int
    third_parties: int
    users_per_region: int
    provinces: tuple[str, ...] | None = None


#: The small scale (tests, a quick look): DI Yogyakarta and Jawa Tengah with their kab/kota.
SMALL_PROVINCES = ("33", "34")
SCALES = {
    "national": NationalDemoScale(
        "national", agreements=30_000, disputes=1_000, third_parties=200, users_per_region=8
    ),
    "small": NationalDemoScale(
        "small", agreements=200, disputes=30, third_parties=6, users_per_region=3, provinces=SMALL_PROVINCES
    ),
}


@dataclass
class NationalDemoRegion:
    code: str
    name: str
    level: str  # provinsi | kabkota
    kind: str  # provinsi | kabupaten | kota
    province: str  # the province code (itself for a province)


@dataclass
class NationalDemoRun:
    """One generation: the seeded random source, the calendar and what the modules share."""

    seed: int
    years: int
    scale: NationalDemoScale
    rng: random.Random
    base: date = BASE_DATE
    regions: list[NationalDemoRegion] = field(default_factory=list)
    by_code: dict[str, NationalDemoRegion] = field(default_factory=dict)
    actor: Any = None  # the user the rows are recorded by (a generated ministry administrator)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def start(self) -> date:
        return date(self.base.year - self.years, self.base.month, 1)

    def day_between(self, first: date, last: date) -> date:
        if last <= first:
            return first
        return first + timedelta(days=self.rng.randrange((last - first).days + 1))

    def add(self, key: str, n: int) -> None:
        self.counts[key] = self.counts.get(key, 0) + n


def stamp(day: date, minute: int = 0) -> datetime:
    """A timestamp on ``day`` during office hours (08:00 UTC + ``minute``), timezone-aware."""
    return datetime.combine(day, time(8, 0), tzinfo=UTC) + timedelta(minutes=minute % 480)


@contextmanager
def own_timestamps(*model_classes: type[models.Model]) -> Iterator[None]:
    """Let the rows keep the timestamps the generator gives them (a ten-year history, not "now"): switches
    ``auto_now``/``auto_now_add`` off for the duration; every such field must then be set by the caller."""
    saved: list[tuple[Any, bool, bool]] = []
    for model in model_classes:
        for f in model._meta.concrete_fields:
            f = cast(Any, f)
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                saved.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, now_add in saved:
            f.auto_now, f.auto_now_add = now, now_add


def bulk(model: type[models.Model], rows: Sequence[models.Model], *, with_history: bool = False) -> None:
    """Insert ``rows`` in batches (primary keys set on the objects); with their ``+`` history rows when the
    pages show the model's history (``simple_history``). The high-volume rows (obligation occurrences, monev
    periods and self-assessments: hundreds of thousands at national scale) are written without one; a later
    change through the services records its history as usual."""
    if not rows:
        return
    if with_history:
        from simple_history.utils import bulk_create_with_history

        bulk_create_with_history(list(rows), model, batch_size=BATCH)
    else:
        model._default_manager.bulk_create(list(rows), batch_size=BATCH)

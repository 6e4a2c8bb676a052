"""National example data at scale (``kerjasama demo --scale national --years 10``; issue 14 item 1).

Generates, deterministically from a seed (``random.Random(seed)``, a fixed calendar ``common.BASE_DATE``),
for every autonomous region of the master data: ten years of profiles and identifications, example users
with their roles, ~30,000 agreements across every stage of the rulebook's stage tables with parties, affairs,
recorded documents and small generated PDFs, obligations with every occurrence, risk events, monev periods
and self-assessments, semester reports and ~1,000 dispute cases in every stage. All of it is example data
(``is_example``/``is_demo``, titles ending in " (data contoh)"); regions, adjacency, affairs and the rulebook
are only read. Rows are written with ``bulk_create`` in batches, no per-row service call.

It refuses (``demo.real_data``) an installation holding real (non-example) agreements unless ``force``, and
refuses a second run (``demo.already_loaded``): the data is generated once into an installation.
"""

from __future__ import annotations

import random
import time
from typing import Any

from django.db import connection, transaction

from kerjasama.agreements.models import Agreement
from kerjasama.core import audit
from kerjasama.core.actors import SYSTEM
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import KerjasamaError
from kerjasama.portal.national_demo import (
    agreements,
    disputes,
    documents,
    monev,
    obligations,
    regions,
    reports,
    users,
)
from kerjasama.portal.national_demo.common import (
    BASE_DATE,
    NUMBER_PREFIX,
    SCALES,
    NationalDemoRun,
    NationalDemoScale,
)
from kerjasama.portal.national_demo.digest import digest

__all__ = ["BASE_DATE", "SCALES", "check_can_run", "digest", "generate"]


def check_can_run(*, force: bool = False) -> None:
    """Refuse an installation that already holds the national example data, or real agreements (unless
    ``force``): example data must never be mixed into a real register unasked."""
    if Agreement.objects.filter(is_example=True, origin_ref__startswith=NUMBER_PREFIX + "/").exists():
        raise KerjasamaError(
            "demo.already_loaded",
            "Data contoh nasional sudah dimuat di instalasi ini; buat ulang di basis data yang kosong.",
            "The national example data is already loaded in this installation; generate it again into an "
            "empty database.",
        )
    if not force and Agreement.objects.filter(is_example=False).exists():
        raise KerjasamaError(
            "demo.real_data",
            "Instalasi ini memuat kerja sama nyata (bukan data contoh); data contoh tidak ditambahkan. "
            "Gunakan --force bila memang dikehendaki.",
            "This installation holds real (non-example) agreements; no example data was added. Use --force "
            "if that is really wanted.",
        )


def _analyze() -> None:
    """Refresh the planner's statistics after the bulk load (``ANALYZE``, PostgreSQL and SQLite alike):
    hundreds of thousands of rows written at once leave the statistics of empty tables, and the planner then
    picks nested loops over what it believes are a few dozen rows (the public register's join estimated 69
    agreements for 21,341; autovacuum, where it runs at all, catches up only minutes later)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def generate(
    *,
    scale: str | NationalDemoScale = "national",
    years: int = 10,
    seed: int = 2026,
    agreements_count: int | None = None,
    force: bool = False,
    progress: Any = None,
) -> dict[str, Any]:
    """Generate the example data in one transaction; returns the counts, the seconds per part and the
    digest of what was written."""
    chosen = SCALES[scale] if isinstance(scale, str) else scale
    if agreements_count is not None:
        from dataclasses import replace

        chosen = replace(chosen, agreements=agreements_count)
    if years < 1:
        raise KerjasamaError("demo.years_invalid", "--years paling sedikit 1.", "--years must be at least 1.")
    timings: dict[str, float] = {}

    def step(name: str, fn: Any, *args: Any) -> Any:
        began = time.monotonic()
        result = fn(*args)
        timings[name] = round(time.monotonic() - began, 2)
        if progress is not None:
            progress(f"{name}: {timings[name]} s")
        return result

    run = NationalDemoRun(seed=seed, years=years, scale=chosen, rng=random.Random(seed))
    with transaction.atomic():
        check_can_run(force=force)
        regions.select_regions(run)
        if not run.regions:
            raise KerjasamaError(
                "demo.no_regions",
                "Belum ada data wilayah: jalankan `kerjasama setup` dahulu.",
                "No regions yet: run `kerjasama setup` first.",
            )
        pairs = regions.bordering_pairs(run)
        step("profiles", regions.load_profiles, run)
        third = step("third_parties", users.load_third_parties, run)
        operators = step("users", users.load_users, run, third)
        factory = agreements.NationalDemoAgreementFactory(run, pairs, third, users.ministry(run), operators)
        made = step("agreements", agreements.load_agreements, run, factory)
        step("documents", documents.load_documents, run, made)
        step("obligations", obligations.load_obligations, run, made)
        step("monev", monev.load_monev, run, made)
        step("reports", reports.load_reports, run, made)
        step("disputes", disputes.load_disputes, run, made)
        audit.record(
            actor=SYSTEM,
            action=AuditAction.NATIONAL_DEMO_LOADED,
            object_type="agreements.agreement",
            new={"scale": chosen.name, "years": years, "seed": seed, **run.counts},
        )
    step("analyze", _analyze)
    return {
        "scale": chosen.name,
        "years": years,
        "seed": seed,
        "base_date": run.base.isoformat(),
        "regions": len(run.regions),
        "counts": run.counts,
        "seconds": timings,
        "digest": step("digest", digest),
    }

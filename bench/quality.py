"""Benchmark: the data-quality rules (``oversight.quality``) over synthetic agreements and regions (prints JSON).

Facts are generated with a fixed seed (example data, not real agreements): 570 synthetic region codes and ``--count``
agreements of two parties each, at random stages, with random gaps in their documents, monev, obligations and
dates. Generation is not timed; the timed part is what ``kerjasama quality-recompute`` does after reading the
rows: score every agreement, then every region over its agreements, then the ranking. The database reads are
not measured here (they are a fixed number of queries; see docs/data-quality.md). Both wall-clock and CPU
seconds are reported; on a shared machine the CPU seconds are the figure to compare.

    .venv/bin/python bench/quality.py [--count 30000] [--seed 13]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from kerjasama.oversight import quality

STAGES = (
    "persiapan",
    "penawaran",
    "kb_ditandatangani",
    "penyusunan_pks",
    "pelaksanaan",
    "pelaksanaan",
    "berakhir",
)
REGIONS = [f"{p:02d}" for p in range(11, 49)] + [
    f"{p:02d}.{k:02d}" for p in range(11, 49) for k in range(1, 15)
]


def generate(rng: random.Random, pk: int) -> quality.QualityAgreementFacts:
    start = date(2016, 1, 1) + timedelta(days=rng.randrange(0, 3650))
    codes = rng.sample(REGIONS, 2)
    parties = [
        quality.PartyFacts(
            pk * 2 + i, code, "Kepala Daerah" if rng.random() < 0.9 else "", "Bupati" if rng.random() < 0.9 else "",
            rng.random() < 0.8, rng.random() < 0.7, start - timedelta(days=rng.randrange(-30, 60)),
        )
        for i, code in enumerate(codes)
    ]  # fmt: skip

    def pair(high: int) -> tuple[int, int]:
        total = rng.randrange(0, high)
        return total, rng.randrange(0, total + 1)

    monev, dues, obligations, fulfilments, rated = pair(20), pair(40), pair(5), pair(30), pair(10)
    return quality.QualityAgreementFacts(
        pk=pk, title=f"contoh {pk}", type=rng.choice(("KSDD", "KSDD", "KSDPK", "SINERGI")),
        stage=rng.choice(STAGES), dprd_required=rng.random() < 0.5, number="PKS" if rng.random() < 0.9 else "",
        term_start=start, term_end=start + timedelta(days=365 * rng.randrange(1, 10)),
        has_signed_agreement=rng.random() < 0.8, has_signed_kb=rng.random() < 0.8, n_affairs=rng.randrange(0, 3),
        parties=parties, monev_expected=monev[0], monev_on_time=monev[1], dues_past=dues[0],
        dues_recorded=dues[1], obligations=obligations[0], obligations_in_term=obligations[1],
        fulfilments=fulfilments[0], fulfilments_agreed=fulfilments[1], rated_periods=rated[0],
        rated_periods_close=rated[1],
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=30_000)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    weights = {code: rule.weight for code, rule in quality.RULES.items()}
    agreements = [generate(rng, pk) for pk in range(1, args.count + 1)]
    regions = [
        quality.RegionFacts(code, code, code[:2], rng.random() < 0.5, rng.random() < 0.3, rng.random() < 0.7, 2,
                            rng.randrange(0, 3))
        for code in REGIONS
    ]  # fmt: skip
    started, cpu_started = time.perf_counter(), time.process_time()
    scores = {a.pk: quality.score_agreement(a, weights) for a in agreements}
    by_region: dict[str, list[quality.Score]] = {}
    for a in agreements:
        for p in a.parties:
            by_region.setdefault(p.region_code or "", []).append(scores[a.pk])
    region_scores = [quality.score_region(r, by_region.get(r.code, []), weights) for r in regions]
    ranked = sorted(region_scores, key=lambda s: -s.score)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    report: dict[str, Any] = {
        "bench": "quality",
        "agreements": args.count,
        "regions": len(regions),
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu_seconds, 3),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "mean_agreement_score": round(sum(s.score for s in scores.values()) / len(scores), 1),
        "best_region_score": ranked[0].score,
        "worst_region_score": ranked[-1].score,
        "python": platform.python_version(),
        "cpu": platform.processor() or platform.machine(),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()

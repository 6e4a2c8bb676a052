"""Benchmark: the early warning over 30,000 synthetic agreements with ten years of events each (prints JSON).

Agreements are generated with a fixed seed (example data, not real agreements): KSDD, KSDPK and synergies of
two example parties, started ten years before ``as_of``, some ending within a year, with quarterly obligations
(due, fulfilled or not), payments received or late, semester monev (submitted with a rating, or missed),
tariff reviews every two or three years (sometimes skipped) and a few random signals (protests, complaints,
warning letters, audit findings, leadership and regulation changes, disputes). Generation is not timed; the
timed part is what ``kerjasama risk`` and the API do per agreement after reading the body: check the input
strictly and assess it (``assess_document`` on the parsed JSON object), on one core; ``--json-text`` starts
from each document's text instead (``json.loads`` included). Both wall-clock and CPU seconds are reported: on
a shared machine the CPU seconds are the figure to compare with the target. Target (issue 12): under 10 s
for 30,000 agreements.

    .venv/bin/python bench/risk.py [--count 30000] [--seed 12] [--json-text]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from kerjasama.disputes.domain import RiskConfig, assess_document

AS_OF = date(2026, 11, 30)
BATCH = 1000
SIGNALS = (
    "community_protest",
    "service_interruption",
    "complaint",
    "warning_letter",
    "audit_finding",
    "leadership_change",
    "regulation_change",
    "addendum_signed",
    "addendum_unapproved",
    "dispute_registered",
    "dispute_closed",
)


def generate(rng: random.Random) -> dict[str, Any]:
    start = AS_OF - timedelta(days=3652 + rng.randrange(0, 180))
    kind = rng.choice(("KSDD", "KSDD", "KSDPK", "SINERGI"))
    parties = ["32.73", "32.04"] if kind != "KSDPK" else ["32.73"]
    agreement: dict[str, Any] = {
        "type": kind,
        "parties": parties,
        "affairs": ["1.03"],
        "sector": rng.choice(("pelayanan_publik", "infrastruktur", "aset", "lainnya")),
        "start": start.isoformat(),
        "end": (AS_OF + timedelta(days=rng.randrange(30, 2000))).isoformat(),
        "budgeted_in_apbd": rng.random() > 0.1,
        "review_every_years": rng.choice((2, 3)),
    }
    if kind == "KSDPK":
        agreement["third_party"] = {"kind": "bumd", "name": "PD Contoh"}
        parties = [*parties, "PD Contoh"]
    diligence = rng.random()  # how reliably this agreement is carried out
    events: list[dict[str, Any]] = []
    for quarter in range(40):
        day = (start + timedelta(days=91 * quarter + 30)).isoformat()
        payer = parties[-1]
        amount = rng.randrange(50, 900) * 1_000_000
        events.append({"date": day, "kind": "obligation_due", "party": payer, "amount_idr": amount})
        if rng.random() < 0.9 + diligence / 10:
            events.append({"date": day, "kind": "obligation_fulfilled", "party": payer})
            events.append({"date": day, "kind": "payment_received", "party": payer, "amount_idr": amount})
        else:
            late = rng.randrange(10, 240)
            events.append(
                {"date": day, "kind": "payment_late", "party": payer, "days_late": late, "amount_idr": amount}
            )
    for semester in range(20):
        day = (start + timedelta(days=182 * semester + 150)).isoformat()
        if rng.random() < 0.85 + diligence / 10:
            events.append(
                {"date": day, "kind": "monev_submitted", "party": parties[0], "rating": rng.randint(1, 5)}
            )
        else:
            events.append({"date": day, "kind": "monev_missed", "party": parties[0]})
    for year in range(0, 10, agreement["review_every_years"]):
        if rng.random() < 0.8:
            events.append(
                {"date": (start + timedelta(days=365 * year + 300)).isoformat(), "kind": "tariff_review_done"}
            )
    for _ in range(rng.randrange(0, 8)):
        day = start + timedelta(days=rng.randrange(0, (AS_OF - start).days + 60))
        events.append({"date": day.isoformat(), "kind": rng.choice(SIGNALS), "note": "contoh"})
    rng.shuffle(events)
    return {"as_of": AS_OF.isoformat(), "agreement": agreement, "events": events}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=30_000)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--json-text", action="store_true", help="time from JSON text (json.loads included)")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    rng = random.Random(args.seed)
    config = RiskConfig()
    seconds = cpu_seconds = 0.0
    events = 0
    bands: Counter[int] = Counter()
    done = 0
    while done < args.count:  # in batches, so that 30,000 documents never sit in memory at once
        documents = [generate(rng) for _ in range(min(BATCH, args.count - done))]
        inputs: list[Any] = [json.dumps(d) for d in documents] if args.json_text else documents
        events += sum(len(d["events"]) for d in documents)
        started, cpu_started = time.perf_counter(), time.process_time()
        results = [assess_document(d, config) for d in inputs]
        seconds += time.perf_counter() - started
        cpu_seconds += time.process_time() - cpu_started
        bands.update(r["band"] for r in results)
        done += len(documents)
    report: dict[str, Any] = {
        "bench": "risk",
        "agreements": args.count,
        "events": events,
        "input": "JSON text (json.loads included)" if args.json_text else "parsed JSON objects",
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu_seconds, 2),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "agreements_per_second": round(args.count / seconds),
        "target_seconds": 10,
        "bands": dict(sorted(bands.items())),
        "python": platform.python_version(),
        "cpu": platform.processor() or platform.machine(),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()

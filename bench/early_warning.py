"""Backtest of the early warning over EXAMPLE histories (issue 12 item 8); prints JSON.

Generates ``--count`` example histories (``kerjasama.disputes.domain.histories``: ten years, 2016-2025, of
invented agreements on real region codes, some ending in a registered dispute), replays each one month by
month (``as_of`` = every month end while the agreement is in force and before its dispute's registration)
through the engine with the settings in force (``KERJASAMA_RISK_*`` from the environment over the documented
defaults), and reports:

- for the agreements that later had a dispute: how many months before the registration the band FIRST reached
  4 (and, separately, 3): median, 25th and 75th percentiles, the share warned 3 months or more ahead, and the
  misses (never reached that band before the registration); flagged + misses = disputed;
- for those without a dispute: the false-alarm rate (share that ever reached band 4, and 3) and the share of
  agreement-months at band 4 (and 3);
- the same per archetype, the indicators in force at each first flag, and the settings used.

The figures describe the engine's reaction to the generator's invented stories, NOT its accuracy on real
agreements: the histories are example data (the JSON says so in ``example_data`` and ``note``).

    .venv/bin/python bench/early_warning.py [--count 2000] [--seed 12]

Parsing each document once and assessing it at every month end (the engine ignores events after ``as_of``)
keeps a run of 2,000 histories (about 90,000 assessments) to about 7 CPU seconds on one core (measured:
16 s wall-clock on a shared, loaded machine).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from kerjasama.disputes.domain import RiskConfig, assess, parse_input
from kerjasama.disputes.domain.histories import (
    ARCHETYPES,
    EXAMPLE_NOTE,
    HISTORY_END,
    HISTORY_START,
    ExampleHistoryFact,
    generate_histories,
    months_before,
    percentile,
    replay_dates,
)

FLAG_BANDS = (4, 3)


def config_from_environment() -> RiskConfig:
    """The settings in force, read as ``kerjasama.core.settings`` reads them (without Django)."""
    return RiskConfig.from_mapping(
        {
            key.removeprefix("KERJASAMA_RISK_").lower(): value
            for key, value in os.environ.items()
            if key.startswith("KERJASAMA_RISK_")
        }
    )


def replay(history: ExampleHistoryFact, config: RiskConfig) -> list[tuple[int, list[str]]]:
    """The band and the indicator codes at each month end of ``replay_dates(history)``."""
    data = parse_input(history.document)
    results = []
    for as_of in replay_dates(history):
        result = assess(replace(data, as_of=as_of), config)
        results.append((result["band"], [i["code"] for i in result["indicators"]]))
    return results


def lead_summary(leads: list[int], disputed: int) -> dict[str, Any]:
    values = [float(v) for v in leads]
    median = percentile(values, 0.5)
    return {
        "flagged": len(leads),
        "misses": disputed - len(leads),
        "lead_months": {
            "median": median,
            "p25": percentile(values, 0.25),
            "p75": percentile(values, 0.75),
            "share_at_least_3": round(sum(v >= 3 for v in leads) / len(leads), 3) if leads else None,
        },
        "share_of_disputed_warned_at_least_3_months_ahead": round(sum(v >= 3 for v in leads) / disputed, 3)
        if disputed
        else None,
    }


class Tally:
    """The figures of one group of histories (all, or one archetype)."""

    def __init__(self) -> None:
        self.count = 0
        self.disputed = 0
        self.leads: dict[int, list[int]] = {band: [] for band in FLAG_BANDS}
        self.quiet = 0
        self.ever: Counter[int] = Counter()
        self.quiet_months = 0
        self.months_at: Counter[int] = Counter()
        self.before_onset = 0

    def add(self, history: ExampleHistoryFact, bands: list[int]) -> None:
        self.count += 1
        if history.dispute_date is not None:
            self.disputed += 1
            dates = replay_dates(history)
            for band in FLAG_BANDS:
                first = next((i for i, b in enumerate(bands) if b >= band), None)
                if first is not None:
                    self.leads[band].append(months_before(dates[first], history.dispute_date))
                    if band == 4 and history.onset is not None and dates[first] < history.onset:
                        self.before_onset += 1
            return
        self.quiet += 1
        self.quiet_months += len(bands)
        for band in FLAG_BANDS:
            self.ever[band] += any(b >= band for b in bands)
            self.months_at[band] += sum(b >= band for b in bands)

    def as_json(self) -> dict[str, Any]:
        disputed: dict[str, Any] = {
            "count": self.disputed,
            # first reached band 4 before the story's trouble began: an alarm raised by earlier noise, so its
            # "lead" overstates what the engine saw coming
            "band_4_first_reached_before_onset": self.before_onset,
        }
        quiet: dict[str, Any] = {"count": self.quiet, "agreement_months": self.quiet_months}
        for band in FLAG_BANDS:
            disputed[f"band_{band}_or_more"] = lead_summary(self.leads[band], self.disputed)
            quiet[f"false_alarm_rate_band_{band}_or_more"] = (
                round(self.ever[band] / self.quiet, 3) if self.quiet else None
            )
            quiet[f"share_of_months_at_band_{band}_or_more"] = (
                round(self.months_at[band] / self.quiet_months, 4) if self.quiet_months else None
            )
        figures: dict[str, Any] = {"histories": self.count}
        if self.disputed and self.quiet:
            flagged = len(self.leads[4]) + self.ever[4]
            # depends on the share of disputes among the histories (the generator's ~13 %)
            figures["share_of_band_4_flags_that_preceded_a_dispute"] = (
                round(len(self.leads[4]) / flagged, 3) if flagged else None
            )
        if self.disputed:
            figures["disputed"] = disputed
        if self.quiet:
            figures["not_disputed"] = quiet
        return figures


def backtest(count: int, seed: int, config: RiskConfig) -> dict[str, Any]:
    overall = Tally()
    per_archetype = {name: Tally() for name in ARCHETYPES}
    first_flag_indicators: dict[str, Counter[str]] = {"disputed": Counter(), "not_disputed": Counter()}
    causes: dict[str, dict[str, list[int]]] = {}
    assessments = 0
    for history in generate_histories(seed, count):
        replayed = replay(history, config)
        assessments += len(replayed)
        bands = [band for band, _ in replayed]
        overall.add(history, bands)
        per_archetype[history.archetype].add(history, bands)
        first = next(((band, codes) for band, codes in replayed if band >= 4), None)
        group = "disputed" if history.dispute_date is not None else "not_disputed"
        if first is not None:
            first_flag_indicators[group].update(first[1])
        if history.dispute_date is not None:
            entry = causes.setdefault(f"{history.archetype}:{history.cause}", {"count": [], "flagged": []})
            entry["count"].append(1)
            entry["flagged"].append(int(first is not None))
    return {
        "assessments": assessments,
        "overall": overall.as_json(),
        "per_archetype": {name: tally.as_json() for name, tally in per_archetype.items()},
        "disputes_by_cause_band_4": {
            key: {"disputed": len(value["count"]), "flagged": sum(value["flagged"])}
            for key, value in sorted(causes.items())
        },
        "indicators_at_first_band_4": {
            group: dict(counter.most_common()) for group, counter in first_flag_indicators.items()
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="example histories (default 2000)")
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    config = config_from_environment()
    started, cpu_started = time.perf_counter(), time.process_time()
    figures = backtest(args.count, args.seed, config)
    report: dict[str, Any] = {
        "bench": "early_warning",
        "example_data": True,
        "note": EXAMPLE_NOTE
        + " The figures show how the engine reacts to invented stories, not how it performs on real agreements.",
        "seed": args.seed,
        "histories": args.count,
        "history_window": [HISTORY_START.isoformat(), HISTORY_END.isoformat()],
        **figures,
        "settings": config.to_dict(),
        "seconds": round(time.perf_counter() - started, 2),
        "cpu_seconds": round(time.process_time() - cpu_started, 2),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "python": platform.python_version(),
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()

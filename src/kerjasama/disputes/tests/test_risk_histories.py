"""Example histories for the early-warning backtest (issue 12 item 8): the generator, ``kerjasama
risk-histories`` and ``bench/early_warning.py`` (example data, not real agreements)."""

from __future__ import annotations

import importlib.util
import json
import os
import statistics
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from io import StringIO
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from kerjasama.disputes.domain import RiskConfig, assess_document, parse_input
from kerjasama.disputes.domain.histories import (
    ARCHETYPE_SHARES,
    ARCHETYPES,
    DISPUTE_ARCHETYPES,
    HISTORY_END,
    HISTORY_START,
    REGION_CODES,
    ExampleHistoryFact,
    generate_histories,
    generate_history,
    months_before,
    percentile,
    replay_dates,
)

REPO = Path(__file__).resolve().parents[4]
KERJASAMA = Path(sys.executable).parent / "kerjasama"
SEEDS = st.integers(min_value=0, max_value=2**32)
INDEXES = st.integers(min_value=0, max_value=5_000)


def lines(seed: int, count: int) -> list[str]:
    return [json.dumps(h.as_json(), sort_keys=True) for h in generate_histories(seed, count)]


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_early_warning", REPO / "bench" / "early_warning.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def sample() -> list[ExampleHistoryFact]:
    return list(generate_histories(7, 2_000))


# --- the generator -----------------------------------------------------------------------------------------


def test_it_generates_the_same_histories_from_the_same_seed() -> None:
    assert lines(3, 40) == lines(3, 40)


def test_it_generates_other_histories_from_another_seed() -> None:
    first, second = lines(3, 40), lines(4, 40)
    assert first != second
    assert sum(a == b for a, b in zip(first, second, strict=True)) <= 1


def test_it_keeps_the_first_histories_of_a_longer_run() -> None:
    assert lines(9, 60)[:25] == lines(9, 25)


@settings(max_examples=60, deadline=None)
@given(seed=SEEDS, index=INDEXES)
def test_it_generates_valid_engine_input(seed: int, index: int) -> None:
    history = generate_history(seed, index)
    document = history.document
    data = parse_input(document)  # raises on anything the contract refuses (unknown fields included)
    assert "example" not in document and history.example and history.as_json()["example"] is True
    result = assess_document(document)
    assert 1 <= result["band"] <= 5
    assert all(event.date <= data.as_of for event in data.events)
    assert set(data.agreement.parties) <= set(REGION_CODES)
    assert data.agreement.start >= HISTORY_START and data.as_of <= HISTORY_END
    assert data.agreement.end is not None and data.as_of <= data.agreement.end


@settings(max_examples=60, deadline=None)
@given(seed=SEEDS, index=INDEXES)
def test_it_registers_the_dispute_last_and_after_the_first_event(seed: int, index: int) -> None:
    history = generate_history(seed, index)
    events = history.document["events"]
    registered = [e for e in events if e["kind"] == "dispute_registered"]
    if history.archetype not in DISPUTE_ARCHETYPES:
        assert history.dispute_date is None and not registered
        return
    assert history.dispute_date is not None and history.onset is not None
    assert [e["date"] for e in registered] == [history.dispute_date.isoformat()]
    assert events[-1]["date"] == history.dispute_date.isoformat()
    assert history.document["as_of"] == history.dispute_date.isoformat()
    first = date.fromisoformat(events[0]["date"])
    assert first < history.dispute_date
    assert history.onset <= history.dispute_date


@settings(max_examples=60, deadline=None)
@given(seed=SEEDS, index=INDEXES)
def test_it_records_a_late_payment_only_once_paid(seed: int, index: int) -> None:
    """No look-ahead: a ``payment_late`` is dated on the day the payment arrives, ``days_late`` after an
    ``obligation_due`` of the same party, with the fulfilment on the same day."""
    events = generate_history(seed, index).document["events"]
    dues = {(e["date"], e.get("party")) for e in events if e["kind"] == "obligation_due"}
    fulfilled = {(e["date"], e.get("party")) for e in events if e["kind"] == "obligation_fulfilled"}
    for event in (e for e in events if e["kind"] == "payment_late"):
        due = date.fromisoformat(event["date"]) - timedelta(days=event["days_late"])
        assert (due.isoformat(), event["party"]) in dues
        assert (event["date"], event["party"]) in fulfilled


def test_it_draws_each_archetype_near_its_share(sample: list[ExampleHistoryFact]) -> None:
    counts = Counter(h.archetype for h in sample)
    assert set(counts) == set(ARCHETYPES)
    for name, share in ARCHETYPE_SHARES.items():
        spread = 4 * (share * (1 - share) / len(sample)) ** 0.5  # four standard deviations
        assert abs(counts[name] / len(sample) - share) <= spread, (name, counts[name])
    disputed = sum(h.dispute_date is not None for h in sample) / len(sample)
    assert 0.10 <= disputed <= 0.15


def test_it_tells_each_archetype_its_own_story(sample: list[ExampleHistoryFact]) -> None:
    """The mechanics the module documents show in the events: trouble brings late payments and missed monev,
    calm agreements rarely have them, a troubled agreement is renegotiated."""

    def share_with(archetype: str, kind: str) -> float:
        group = [h for h in sample if h.archetype == archetype]
        return sum(any(e["kind"] == kind for e in h.document["events"]) for h in group) / len(group)

    assert share_with("deteriorating", "monev_missed") > 2 * share_with("healthy", "monev_missed")
    assert share_with("deteriorating", "payment_late") > 2 * share_with("healthy", "payment_late")
    assert share_with("troubled", "addendum_signed") == 1.0
    causes = Counter(h.cause for h in sample if h.archetype == "sudden")
    assert set(causes) == {"force_majeure", "community_rejection", "asset_boundary"}


@settings(max_examples=40, deadline=None)
@given(seed=SEEDS, index=INDEXES)
def test_it_replays_month_ends_in_force_before_the_registration(seed: int, index: int) -> None:
    history = generate_history(seed, index)
    start = date.fromisoformat(history.document["agreement"]["start"])
    end = date.fromisoformat(history.document["agreement"]["end"])
    dates = replay_dates(history)
    assert dates == sorted(set(dates))
    assert all(start <= d <= min(end, HISTORY_END) for d in dates)
    assert all((d + timedelta(days=1)).day == 1 for d in dates)
    if history.dispute_date is not None:
        assert dates and dates[-1] < history.dispute_date


def test_it_counts_whole_months_before_a_date() -> None:
    assert months_before(date(2024, 1, 31), date(2024, 4, 30)) == 2
    assert months_before(date(2024, 1, 31), date(2024, 5, 1)) == 3
    assert months_before(date(2024, 3, 31), date(2024, 4, 2)) == 0


@given(st.lists(st.integers(min_value=-1000, max_value=1000), min_size=2, max_size=40))
def test_it_computes_quartiles_as_the_inclusive_method(values: list[int]) -> None:
    floats = [float(v) for v in values]
    p25, p50, p75 = statistics.quantiles(floats, n=4, method="inclusive")
    for share, expected in ((0.25, p25), (0.5, p50), (0.75, p75)):
        assert percentile(floats, share) == pytest.approx(expected)
    assert percentile([], 0.5) is None


# --- kerjasama risk-histories ------------------------------------------------------------------------------


def test_it_writes_one_json_line_per_history_marked_as_example_data(tmp_path: Path) -> None:
    out = StringIO()
    call_command("risk_histories", "--seed", "5", "--count", "4", stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(rows) == 4 and [r["index"] for r in rows] == [0, 1, 2, 3]
    for row in rows:
        assert row["example"] is True and "example data" in row["note"]
        assert set(row) == {
            "example",
            "note",
            "index",
            "archetype",
            "cause",
            "onset",
            "dispute_date",
            "document",
        }
        assert (row["dispute_date"] is None) == (row["archetype"] not in DISPUTE_ARCHETYPES)
        parse_input(row["document"])
    path = tmp_path / "histories.jsonl"
    call_command("risk_histories", "--seed", "5", "--count", "4", "--out", str(path), stderr=StringIO())
    assert path.read_text(encoding="utf-8") == out.getvalue()


def test_it_refuses_a_negative_count() -> None:
    with pytest.raises(CommandError, match="--count"):
        call_command("risk_histories", "--count", "-1", stdout=StringIO())


def test_it_runs_as_the_kerjasama_subcommand_without_a_database(tmp_path: Path) -> None:
    env = {**os.environ, "KERJASAMA_VAR_DIR": str(tmp_path / "var")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [str(KERJASAMA), "risk-histories", "--seed", "5", "--count", "3"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["document"] for r in rows] == [h.document for h in generate_histories(5, 3)]
    help_text = subprocess.run(
        [str(KERJASAMA), "risk-histories", "--help"], env=env, capture_output=True, text=True, timeout=120
    ).stdout
    assert "EXAMPLE DATA" in help_text and "example data (not real agreements)" in " ".join(help_text.split())


# --- bench/early_warning.py --------------------------------------------------------------------------------


def check_group(figures: dict[str, Any]) -> None:
    disputed = figures.get("disputed", {"count": 0})
    quiet = figures.get("not_disputed", {"count": 0})
    assert disputed["count"] + quiet["count"] == figures["histories"]
    for band in (4, 3):
        if disputed["count"]:
            flagged = disputed[f"band_{band}_or_more"]
            assert flagged["flagged"] + flagged["misses"] == disputed["count"]
            leads = flagged["lead_months"]
            if flagged["flagged"]:
                assert leads["p25"] <= leads["median"] <= leads["p75"] and 0 <= leads["share_at_least_3"] <= 1
            else:
                assert leads["median"] is None
        if quiet["count"]:
            assert 0 <= quiet[f"false_alarm_rate_band_{band}_or_more"] <= 1
            assert 0 <= quiet[f"share_of_months_at_band_{band}_or_more"] <= 1


def test_it_reports_the_backtest_with_consistent_counts() -> None:
    bench = load_bench()
    figures = bench.backtest(120, 5, RiskConfig())
    assert set(figures) == {
        "assessments",
        "overall",
        "per_archetype",
        "disputes_by_cause_band_4",
        "indicators_at_first_band_4",
    }
    overall = figures["overall"]
    assert overall["histories"] == 120
    assert 0 <= overall["share_of_band_4_flags_that_preceded_a_dispute"] <= 1
    before_onset = overall["disputed"]["band_4_first_reached_before_onset"]
    assert 0 <= before_onset <= overall["disputed"]["band_4_or_more"]["flagged"]
    check_group(overall)
    assert set(figures["per_archetype"]) == set(ARCHETYPES)
    for group in figures["per_archetype"].values():
        check_group(group)
    assert sum(g["histories"] for g in figures["per_archetype"].values()) == 120
    disputed = overall["disputed"]["count"]
    assert disputed == sum(v["disputed"] for v in figures["disputes_by_cause_band_4"].values())
    assert overall["disputed"]["band_4_or_more"]["flagged"] == sum(
        v["flagged"] for v in figures["disputes_by_cause_band_4"].values()
    )
    histories = list(generate_histories(5, 120))
    assert figures["assessments"] == sum(len(replay_dates(h)) for h in histories)
    assert disputed == sum(h.dispute_date is not None for h in histories)


def test_it_prints_json_that_says_it_is_example_data() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "early_warning.py"), "--count", "30", "--seed", "2"],
        capture_output=True,
        text=True,
        timeout=300,
        env={k: v for k, v in os.environ.items() if not k.startswith("KERJASAMA_RISK_")},
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["example_data"] is True and "example data" in report["note"]
    assert report["histories"] == 30 and report["overall"]["histories"] == 30
    assert report["settings"] == json.loads(json.dumps(RiskConfig().to_dict()))
    assert report["history_window"] == [HISTORY_START.isoformat(), HISTORY_END.isoformat()]

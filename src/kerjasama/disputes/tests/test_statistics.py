"""The pure dispute statistics (issue 12 item 7): totals, causes counted once per cause, pairings by the
rulebook's names, durations (median, p90), small-cell suppression; and the chart component's geometry."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from kerjasama.core.charts import bar_chart
from kerjasama.disputes.statistics import (
    CAUSES,
    PAIRING_CODES,
    RESOLVERS,
    SECTORS,
    STAGES,
    CaseFacts,
    filter_cases,
    pair_key,
    pairing_of,
    percentile,
    summarise,
    suppress,
)

TODAY = date(2026, 6, 15)
REGIONS = ("34", "33", "34.71", "34.04", "33.74", "32.73")


def case(**overrides: object) -> CaseFacts:
    values: dict[str, object] = {
        "kind": "KSDD",
        "sector": "pelayanan_publik",
        "causes": ("pembiayaan",),
        "region_codes": ("34.71", "34.04"),
        "resolver": "gubernur",
        "resolver_region": "34",
        "stage": "musyawarah",
        "registered": date(2025, 3, 1),
        "closed": None,
    }
    values.update(overrides)
    return CaseFacts(**values)  # type: ignore[arg-type]


@st.composite
def cases(draw: st.DrawFn) -> CaseFacts:
    registered = draw(st.dates(min_value=date(2018, 1, 1), max_value=TODAY))
    stage = draw(st.sampled_from(STAGES))
    closed = None
    if stage in ("bukan_wewenang", "damai", "dicabut", "selesai"):
        closed = registered + timedelta(days=draw(st.integers(0, 900)))
    return CaseFacts(
        kind=draw(st.sampled_from(("KSDD", "KSDPK", "SINERGI", "lainnya"))),
        sector=draw(st.sampled_from(SECTORS)),
        causes=tuple(draw(st.lists(st.sampled_from(CAUSES), min_size=1, max_size=4))),
        region_codes=tuple(draw(st.lists(st.sampled_from(REGIONS), max_size=4))),
        resolver=draw(st.sampled_from(RESOLVERS)),
        resolver_region=draw(st.sampled_from((None, "34", "33"))),
        stage=stage,
        registered=registered,
        closed=closed,
    )


SINGLE = ("sector", "pairing", "resolver", "stage", "outcome")


@settings(max_examples=60, deadline=None)
@given(st.lists(cases(), max_size=40))
def test_it_counts_every_case_once_in_each_single_valued_dimension(facts: list[CaseFacts]) -> None:
    summary = summarise(facts, today=TODAY)
    assert summary.total == len(facts)
    for key in SINGLE:
        assert sum(v or 0 for v in summary.tables[key].column()) == len(facts), key
    assert sum(v or 0 for v in summary.tables["year"].column()) == len(facts)
    for row in summary.tables["year"].rows:
        assert row.values[0] == sum(v or 0 for v in row.values[1:]), "outcomes add up to the year's cases"
    open_cases = summary.tables["outcome"].rows[-1].values[0]
    assert sum(v or 0 for v in summary.tables["age"].column()) == open_cases


@settings(max_examples=60, deadline=None)
@given(st.lists(cases(), max_size=40))
def test_it_counts_a_case_once_under_each_of_its_distinct_causes(facts: list[CaseFacts]) -> None:
    table = summarise(facts, today=TODAY).tables["cause"]
    assert table.multi
    counts = {row.code: row.values[0] for row in table.rows}
    for cause in CAUSES:
        assert counts[cause] == sum(1 for c in facts if cause in c.causes)
    assert sum(v or 0 for v in counts.values()) == sum(len(set(c.causes)) for c in facts)


def test_a_case_with_a_repeated_cause_counts_once_for_it() -> None:
    table = summarise([case(causes=("pembiayaan", "pembiayaan", "komitmen"))], today=TODAY).tables["cause"]
    counts = {row.code: row.values[0] for row in table.rows}
    assert counts["pembiayaan"] == 1 and counts["komitmen"] == 1 and sum(v or 0 for v in counts.values()) == 2


def test_it_names_the_five_pairings_as_the_rulebook_does() -> None:
    assert pair_key("34", "33") == "antar_provinsi"
    assert pair_key("34", "34.71") == "provinsi_kabkota_wilayahnya"
    assert pair_key("33", "34.71") == "provinsi_kabkota_provinsi_lain"
    assert pair_key("33.74", "34.71") == "kabkota_beda_provinsi"
    assert pair_key("34.04", "34.71") == "kabkota_satu_provinsi"
    assert pairing_of(case(kind="KSDPK")) == "ksdpk"
    assert pairing_of(case(kind="SINERGI", region_codes=("34.71",))) == "sinergi"
    assert pairing_of(case(region_codes=("34.71",))) == "lainnya"
    assert pairing_of(case(region_codes=("34.71", "34.04", "33.74"))) == "campuran"
    assert PAIRING_CODES[:5] == (
        "antar_provinsi",
        "provinsi_kabkota_wilayahnya",
        "provinsi_kabkota_provinsi_lain",
        "kabkota_beda_provinsi",
        "kabkota_satu_provinsi",
    )


def test_it_gives_the_median_and_p90_by_nearest_rank() -> None:
    assert percentile([], 50) is None
    assert percentile([10], 90) == 10
    assert percentile([1, 2, 3, 4], 50) == 2
    assert percentile(list(range(1, 11)), 90) == 9
    assert percentile(list(range(1, 11)), 100) == 10
    start = date(2025, 1, 1)
    facts = [
        case(stage="damai", registered=start, closed=start + timedelta(days=d)) for d in (10, 20, 30, 40)
    ]
    facts.append(case(stage="musyawarah", registered=start))
    rows = {row.code: row.values for row in summarise(facts, today=TODAY).tables["duration"].rows}
    assert rows["damai"] == (4, 20, 40)
    assert rows["semua"] == (4, 20, 40)
    assert rows["dicabut"] == (0, None, None)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 5000), min_size=1, max_size=50), st.floats(1, 100))
def test_a_percentile_is_one_of_the_values_and_monotone(values: list[int], q: float) -> None:
    p = percentile(values, q)
    assert p in values
    assert percentile(values, 50) <= percentile(values, 90)  # type: ignore[operator]


def test_it_bands_open_cases_by_age() -> None:
    facts = [
        case(registered=TODAY - timedelta(days=10)),
        case(registered=TODAY - timedelta(days=120)),
        case(registered=TODAY - timedelta(days=400)),
        case(registered=TODAY - timedelta(days=400), stage="damai", closed=TODAY),
    ]
    ages = {row.code: row.values[0] for row in summarise(facts, today=TODAY).tables["age"].rows}
    assert ages == {"0-90": 1, "91-180": 1, "181-365": 0, "365+": 1}


def test_it_filters_by_year_and_by_the_province_of_a_party_or_the_resolver() -> None:
    facts = [
        case(),
        case(registered=date(2024, 5, 1)),
        case(region_codes=("33.74", "32.73"), resolver="menteri", resolver_region=None),
    ]
    assert len(filter_cases(facts, year=2025)) == 2
    assert len(filter_cases(facts, province="34")) == 2
    assert len(filter_cases(facts, province="32")) == 1
    assert filter_cases(facts, province="11") == []


@settings(max_examples=40, deadline=None)
@given(st.lists(cases(), max_size=30))
def test_suppression_hides_exactly_the_counts_one_and_two(facts: list[CaseFacts]) -> None:
    plain = summarise(facts, today=TODAY)
    hidden = suppress(plain)
    assert hidden.suppressed
    for key, table in plain.tables.items():
        for row, shown in zip(table.rows, hidden.tables[key].rows, strict=True):
            count, seen = row.values[0], shown.values[0]
            assert seen == (None if count in (1, 2) else count)
            if key == "duration" and count in (1, 2):
                assert shown.values[1:] == (None, None), "no median of one or two cases"


def test_the_chart_scales_bars_to_the_largest_value_and_keeps_the_figures() -> None:
    chart = bar_chart(key="x", title="T", rows=[("a", 4), ("b", 2), ("c", None), ("d", 0)])
    widths = [bar.width for bar in chart.bars]
    assert widths[0] > widths[1] > 0 and widths[2] == 0 and widths[3] == 0
    assert widths[0] == 2 * widths[1]
    assert [text for _, _, text in chart.rows] == ["4", "2", "<3", "0"]
    assert chart.description == "a: 4; b: 2; c: <3; d: 0"
    empty = bar_chart(key="e", title="E", rows=[("a", 0)])
    assert empty.bars[0].width == 0 and empty.height > 0

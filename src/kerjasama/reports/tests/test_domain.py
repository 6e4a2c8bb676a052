"""The pure builder of a report's content: which agreements a period holds, the totals (each the sum of the
rows, a province's the sum of its own and its kab/kota's), the national count of who has reported."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from kerjasama.reports.domain.content import (
    COUNT_KEYS,
    AgreementFacts,
    ChildReport,
    MonevFacts,
    ObligationFacts,
    add_totals,
    build_region_content,
    classify,
    consolidate,
    national_summary,
)
from kerjasama.reports.domain.periods import period_containing, period_starting, recent_periods

START, END = date(2026, 1, 1), date(2026, 6, 30)


def facts(pk: int = 1, **extra: object) -> AgreementFacts:
    values: dict[str, object] = {
        "id": pk,
        "number": f"PKS/{pk}",
        "title": f"Kerja sama {pk}",
        "type": "KSDD",
        "stage": "pelaksanaan",
        "partners": ("Kabupaten Sleman",),
        "term_start": date(2025, 3, 1),
        "term_end": date(2030, 2, 28),
    }
    values.update(extra)
    return AgreementFacts(**values)  # type: ignore[arg-type]


def test_it_labels_the_periods() -> None:
    assert period_containing(date(2026, 5, 2), "semester").label == "Semester I 2026"
    assert period_containing(date(2026, 7, 1), "semester").label == "Semester II 2026"
    assert period_containing(date(2026, 7, 1), "tahunan").label == "Tahun 2026"
    assert period_starting(date(2026, 2, 1), "semester") is None
    assert [p.label for p in recent_periods(date(2026, 11, 30), "semester", 3)] == [
        "Semester II 2026",
        "Semester I 2026",
        "Semester II 2025",
    ]


def test_it_classifies_new_in_force_and_ended() -> None:
    assert classify(facts(term_start=date(2026, 2, 1)), START, END) == {
        "new": True,
        "ended": False,
        "in_force": True,
    }
    ended = facts(stage="berakhir", ended_on=date(2026, 3, 1))
    assert classify(ended, START, END) == {"new": False, "ended": True, "in_force": True}
    # Ended after the period: it was in force in it (a report written late still describes its period).
    assert classify(facts(stage="berakhir", ended_on=date(2026, 9, 1)), START, END)["in_force"]
    # Not yet started, ended before, or never in force: not in the report.
    assert not any(classify(facts(term_start=date(2026, 8, 1)), START, END).values())
    assert not any(classify(facts(stage="berakhir", ended_on=date(2025, 12, 31)), START, END).values())
    assert not any(classify(facts(stage="penyusunan_pks"), START, END).values())


obligation_facts = st.builds(
    ObligationFacts,
    pending=st.integers(0, 50),
    fulfilled=st.integers(0, 50),
    late=st.integers(0, 50),
    waived=st.integers(0, 50),
    amount_due=st.decimals(0, 10**12, places=2, allow_nan=False, allow_infinity=False),
    amount_paid=st.decimals(0, 10**12, places=2, allow_nan=False, allow_infinity=False),
)
agreement_facts = st.builds(
    facts,
    pk=st.integers(1, 10**6),
    stage=st.sampled_from(["pelaksanaan", "berakhir", "penyusunan_pks"]),
    term_start=st.dates(date(2024, 1, 1), date(2027, 1, 1)),
    ended_on=st.one_of(st.none(), st.dates(date(2024, 1, 1), date(2027, 1, 1))),
    obligations=obligation_facts,
    monev=st.builds(MonevFacts, periods=st.integers(0, 2), own_submitted=st.integers(0, 2)),
    problems=st.lists(st.text(min_size=1, max_size=5), max_size=2).map(tuple),
)


@given(st.lists(agreement_facts, max_size=12))
def test_the_totals_are_the_sums_of_the_rows(agreements: list[AgreementFacts]) -> None:
    content = build_region_content(
        region={"code": "34.71", "name": "Kota Yogyakarta", "level": "kabkota"},
        kind="semester",
        start=START,
        end=END,
        label="Semester I 2026",
        agreements=agreements,
    )
    rows, totals = content["agreements"], content["totals"]
    assert totals["agreements"] == len(rows)
    assert totals["new"] == sum(r["new"] for r in rows)
    assert totals["ended"] == sum(r["ended"] for r in rows)
    assert totals["obligations_late"] == sum(r["obligations"]["late"] for r in rows)
    assert Decimal(totals["amount_due"]) == sum(
        (Decimal(r["obligations"]["amount_due"]) for r in rows), Decimal(0)
    )
    # Every row lived in the period.
    assert all(r["new"] or r["in_force"] or r["ended"] for r in rows)


@given(st.lists(st.lists(agreement_facts, max_size=4), max_size=5))
def test_the_province_totals_are_its_own_plus_its_kabkota(children_facts: list[list[AgreementFacts]]) -> None:
    def content(rows: list[AgreementFacts], code: str) -> dict[str, Any]:
        return build_region_content(
            region={"code": code, "name": code, "level": "kabkota"},
            kind="semester",
            start=START,
            end=END,
            label="Semester I 2026",
            agreements=rows,
        )

    own = content([facts()], "34")
    children = [
        ChildReport(
            i + 1,
            f"34.0{i + 1}",
            f"Kab {i}",
            "submitted",
            "1",
            START + timedelta(days=200),
            content(rows, "x"),
        )
        for i, rows in enumerate(children_facts)
    ]
    kabkota = [(f"34.0{i}", f"Kab {i}") for i in range(1, 6)] + [("34.71", "Kota Yogyakarta")]
    out = consolidate(own, children, kabkota)["consolidation"]
    expected = add_totals([own["totals"], *(c.content["totals"] for c in children)])
    assert out["totals"] == expected
    for key in COUNT_KEYS:
        assert out["totals"][key] == own["totals"][key] + sum(c.content["totals"][key] for c in children)
    assert out["reported_count"] + len(out["not_reported"]) == out["kabkota_count"]


def test_the_national_summary_counts_who_has_reported() -> None:
    summary = national_summary(
        [("33", "Jawa Tengah"), ("34", "DIY")],
        {"34": [("34.71", "Kota Yogyakarta"), ("34.04", "Sleman")], "33": [("33.74", "Kota Semarang")]},
        {"34": "submitted", "34.71": "accepted", "34.04": "draft"},
        ["submitted", "accepted"],
    )
    assert summary["provinces_reported"] == 1
    assert summary["provinces_not_reported"] == [{"code": "33", "name": "Jawa Tengah"}]
    assert summary["kabkota_reported"] == 1 and summary["kabkota_count"] == 3
    diy = summary["provinces"][1]
    assert diy["kabkota_not_reported"] == [{"code": "34.04", "name": "Sleman"}]


def test_it_reads_the_period_settings() -> None:
    from kerjasama.reports.conf import from_values

    assert from_values("tahunan", "45").period == "tahunan"
    assert from_values(None, None).due_days == 30
    for bad in (("bulanan", "30"), ("semester", "-1")):
        try:
            from_values(*bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad} accepted")

"""One source of truth for authority (issue 9 section 3): the plan checker's R11 and the recommendations'
authority decision agree for every pairing kind and every affair of the authority matrix."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kerjasama.mapping.domain.authority import cross_border_note, plan_affair
from kerjasama.rulebook import check_plan
from kerjasama.rulebook.facts import SubAffairRow
from kerjasama.rulebook.reference import ReferenceData
from kerjasama.rulebook.tests.fixtures import ADJACENCY, AFFAIRS, REGIONS

#: One pair per pairing kind of UU 23/2014 Pasal 364(2) (and kota-kabupaten within one province).
PAIRS: dict[str, tuple[str, str]] = {
    "kab-kab same province (e)": ("34.04", "34.02"),
    "kota-kab same province (e)": ("34.71", "34.04"),
    "kab-kab different provinces (d)": ("33.08", "34.04"),
    "kab-own province (b)": ("34.04", "34"),
    "kab-other province (c)": ("33.08", "34"),
    "province-province (a)": ("33", "34"),
}
PACKAGE = Path(__file__).resolve().parents[2] / "affairs" / "data" / "affairs.json"


def _shipped_rows() -> list[SubAffairRow]:
    data = json.loads(PACKAGE.read_text("utf-8"))
    return [
        SubAffairRow(
            r["affair_code"],
            r["sub_affair"],
            r["pusat"],
            r["provinsi"],
            r["kabkota"],
            r["confidence"],
            r["source"],
            r.get("code", ""),
        )
        for r in data["authority"]
    ]


def _level(ref: ReferenceData, code: str) -> Any:
    fact = ref.region(code)
    assert fact is not None
    return fact.level


def _assert_agree(ref: ReferenceData, affair: str, a: str, b: str) -> None:
    """The recommendation's decision for (a, b) on the affair equals the checker's R11 for the plan {a, b}."""
    plan = plan_affair(ref, affair)
    decision = plan.decisions[(_level(ref, a), _level(ref, b))]
    result = check_plan({"type": "KSDD", "category": "sukarela", "parties": [a, b], "affairs": [affair]}, ref)
    r11 = [f for f in result["findings"] if f["rule"] == "R11"]
    if decision is None:  # excluded from recommendations <=> an R11 error in the checker
        assert [f["severity"] for f in r11] == ["error"], (affair, a, b, r11)
        return
    expected = [f["severity"] for f in decision]
    note_finding = None
    pa, pb = ref.region(a), ref.region(b)
    assert pa is not None and pb is not None
    if plan.cross_border_sub_affairs and pa.level == pb.level == "kabkota":
        found = cross_border_note(
            ref, affair, plan.cross_border_sub_affairs, pa.province_code, pb.province_code
        )
        if found is not None:
            note_finding = found[1]
            expected.append(note_finding["severity"])
    assert [f["severity"] for f in r11] == expected, (affair, a, b, r11, decision)
    if note_finding is not None:
        assert r11[-1] == note_finding  # the same words, severity and basis on both pages
    for mine, theirs in zip(decision, r11, strict=False):
        assert mine["basis"] == theirs["basis"]


def test_the_checker_and_the_recommendations_agree_on_every_affair_of_the_shipped_matrix() -> None:
    ref = ReferenceData(REGIONS, ADJACENCY, AFFAIRS, authority_rows=_shipped_rows())
    for affair in ref.affairs:
        for a, b in PAIRS.values():
            _assert_agree(ref, affair, a, b)
            _assert_agree(ref, affair, b, a)


CELLS = st.sampled_from(
    ["", "dalam Daerah kab/kota", "lintas kab/kota dalam 1 provinsi", "TPA regional", "x"]
)
ROWS = st.lists(
    st.tuples(st.sampled_from(["1.03", "2.11", "3.28", "3.29", "1.01"]), CELLS, CELLS, CELLS),
    max_size=8,
)


@settings(max_examples=60, deadline=None)
@given(ROWS)
def test_the_checker_and_the_recommendations_agree_on_any_matrix(
    raw: list[tuple[str, str, str, str]],
) -> None:
    rows = [
        SubAffairRow(affair, f"Sub {i}", pusat, prov, kab, "U", code=f"{affair}.{i + 1:02d}")
        for i, (affair, pusat, prov, kab) in enumerate(raw)
    ]
    ref = ReferenceData(REGIONS, ADJACENCY, AFFAIRS, authority_rows=rows)
    for affair in ("1.03", "2.11", "3.28", "3.29", "1.01"):
        for a, b in PAIRS.values():
            _assert_agree(ref, affair, a, b)

"""Properties of the early warning (issue 12 item 6), checked with hypothesis over random event streams."""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kerjasama.disputes.domain import EVENT_KINDS, assess_document

AS_OF = date(2026, 11, 30)
START = date(2018, 1, 1)
PARTIES = ["32.73", "32.04"]


def day(offset: int) -> str:
    return (AS_OF - timedelta(days=offset)).isoformat()


past_days = st.integers(min_value=0, max_value=(AS_OF - START).days).map(day)
parties = st.sampled_from([*PARTIES, None])
any_kind = st.sampled_from(EVENT_KINDS)


@st.composite
def events(draw: Any, kinds: Any = any_kind, dates: Any = past_days) -> dict[str, Any]:
    event: dict[str, Any] = {"date": draw(dates), "kind": draw(kinds)}
    for key, values in (
        ("party", parties),
        ("amount_idr", st.none() | st.integers(min_value=0, max_value=5_000_000_000)),
        ("days_late", st.none() | st.integers(min_value=0, max_value=800)),
        ("rating", st.none() | st.integers(min_value=1, max_value=5)),
    ):
        value = draw(values)
        if value is not None:
            event[key] = value
    return event


@st.composite
def documents(draw: Any) -> dict[str, Any]:
    end = draw(
        st.none() | st.integers(min_value=-700, max_value=2000).map(lambda d: AS_OF + timedelta(days=d))
    )
    return {
        "as_of": AS_OF.isoformat(),
        "agreement": {
            "type": "KSDD",
            "parties": list(PARTIES),
            "start": START.isoformat(),
            "end": None if end is None else end.isoformat(),
            "budgeted_in_apbd": draw(st.none() | st.booleans()),
            "review_every_years": draw(st.none() | st.integers(min_value=1, max_value=5)),
        },
        "events": draw(st.lists(events(), max_size=30)),
    }


def score(document: dict[str, Any]) -> float:
    return float(assess_document(copy.deepcopy(document))["score"])


def adding(document: dict[str, Any], event: dict[str, Any]) -> dict[str, Any]:
    bigger = copy.deepcopy(document)
    bigger["events"].append(event)
    return bigger


PROPERTY_SETTINGS = settings(max_examples=150, deadline=None)


@PROPERTY_SETTINGS
@given(documents(), events(kinds=st.sampled_from(["payment_late", "community_protest", "monev_missed"])))
def test_it_never_lowers_the_score_for_a_late_payment_a_protest_or_a_missed_monev(
    document: dict[str, Any], event: dict[str, Any]
) -> None:
    assert score(adding(document, event)) >= score(document)


@PROPERTY_SETTINGS
@given(documents(), events(kinds=st.just("obligation_fulfilled")))
def test_it_never_raises_the_score_for_a_fulfilled_obligation(
    document: dict[str, Any], event: dict[str, Any]
) -> None:
    assert score(adding(document, event)) <= score(document)


@PROPERTY_SETTINGS
@given(
    documents(),
    st.lists(events(dates=st.integers(min_value=1, max_value=3000).map(lambda d: day(-d))), min_size=1),
)
def test_it_ignores_events_after_as_of(document: dict[str, Any], later: list[dict[str, Any]]) -> None:
    bigger = copy.deepcopy(document)
    bigger["events"] += later
    assert assess_document(bigger) == assess_document(copy.deepcopy(document))


def canonical(document: dict[str, Any]) -> dict[str, Any]:
    """The result with each indicator's evidence as the events themselves (their indexes change with order)."""
    result = assess_document(copy.deepcopy(document))
    for indicator in result["indicators"]:
        indicator["evidence"] = sorted(
            json.dumps(document["events"][i], sort_keys=True) for i in indicator["evidence"]
        )
    return result


@PROPERTY_SETTINGS
@given(documents(), st.randoms(use_true_random=False))
def test_it_does_not_depend_on_the_order_of_the_events(document: dict[str, Any], random: Any) -> None:
    shuffled = copy.deepcopy(document)
    random.shuffle(shuffled["events"])
    assert canonical(shuffled) == canonical(document)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(["0001-01-01", "9999-12-31", "2026-02-29", "32.73", "KSDPK", "payment_late"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
AGREEMENT_FIELDS = ["type", "parties", "third_party", "affairs", "sector", "start", "end", "budgeted_in_apbd"]
EVENT_FIELDS = ["date", "kind", "party", "amount_idr", "days_late", "rating", "note"]


@PROPERTY_SETTINGS
@given(
    documents(),
    st.sampled_from(
        ["as_of", *(f"agreement.{f}" for f in AGREEMENT_FIELDS), *(f"event.{f}" for f in EVENT_FIELDS)]
    ),
    json_values,
)
def test_it_answers_any_input_with_an_assessment_or_a_coded_error(
    document: dict[str, Any], path: str, value: Any
) -> None:
    """No input makes the engine fail otherwise (the API would answer 500): one field replaced by any JSON."""
    from kerjasama.disputes.domain import RiskInputError

    scope, _, key = path.rpartition(".")
    if scope == "agreement":
        document["agreement"][key] = value
    elif scope == "event":
        document["events"].append({"date": "2026-01-01", "kind": "complaint", key: value})
    else:
        document[key] = value
    try:
        result = assess_document(json.dumps(document))
    except RiskInputError as error:
        assert error.code.startswith("input.") and error.message_id and error.message_en
    else:
        assert 0 <= result["score"] <= 100 and 1 <= result["band"] <= 5

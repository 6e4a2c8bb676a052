"""Example documents of the early-warning contract shared by the tests (example data, not real agreements).

``healthy()``: a Kota Bandung - Kabupaten Bandung waste KSDD since 2020 where every quarterly fee is paid and
every obligation fulfilled on time, monev is submitted each year and the tariff is reviewed every two years.
``at_risk()``: the same agreement with a payment 120 days late, a missed monev and the 2024 tariff review
skipped (issue 12's acceptance point).
"""

from __future__ import annotations

import copy
from typing import Any

AS_OF = "2026-11-30"
PARTIES = ["32.73", "32.04"]


def healthy() -> dict[str, Any]:
    events: list[dict[str, Any]] = []
    for year in range(2020, 2027):
        for month in (3, 6, 9):
            day = f"{year}-{month:02d}-01"
            events.append(
                {"date": day, "kind": "obligation_due", "party": "32.04", "amount_idr": 450_000_000}
            )
            events.append({"date": day, "kind": "obligation_fulfilled", "party": "32.04"})
            events.append(
                {"date": day, "kind": "payment_received", "party": "32.04", "amount_idr": 450_000_000}
            )
        events.append({"date": f"{year}-07-15", "kind": "monev_submitted", "party": "32.73", "rating": 4})
        if year % 2 == 0:
            events.append({"date": f"{year}-12-20", "kind": "tariff_review_done", "party": "32.73"})
    return {
        "as_of": AS_OF,
        "agreement": {
            "type": "KSDD",
            "parties": list(PARTIES),
            "affairs": ["1.03"],
            "sector": "pelayanan_publik",
            "start": "2020-01-01",
            "end": "2030-12-31",
            "budgeted_in_apbd": True,
            "review_every_years": 2,
        },
        "events": events,
    }


def at_risk() -> dict[str, Any]:
    document = copy.deepcopy(healthy())
    document["events"] = [
        e
        for e in document["events"]
        if not (e["kind"] == "tariff_review_done" and e["date"] >= "2024")
        and not (e["kind"] == "monev_submitted" and e["date"].startswith("2026"))
    ]
    document["events"] += [
        {"date": "2026-07-15", "kind": "monev_missed", "party": "32.73"},
        {
            "date": "2026-10-01",
            "kind": "payment_late",
            "party": "32.04",
            "days_late": 120,
            "amount_idr": 450_000_000,
        },
    ]
    return document

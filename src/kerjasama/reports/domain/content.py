"""The content of a periodic report upward, built from facts (nothing typed twice; issue 11 item 7).

Pure: the selector (``reports.selectors``) reads the database into :class:`AgreementFacts`; this module turns
them into the JSON-safe snapshot that a report stores, and that is frozen when it is submitted (so what was
submitted on a date stays answerable, whatever the data say later). What a report holds follows the practice
the regulation leaves open (PP 28/2018 Pasal 44(5) jo. PP 12/2017 Pasal 24; REGULATIONS.md §1.8 "what a
report should hold" [U]): the agreements new, in force and ended in the period, their obligations and monev,
problems, amendments and extensions, and totals. A province adds the consolidation of its kab/kota reports
and the list of those that have not reported; the ministry's national view counts who has reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

#: The version of the snapshot's shape (a reader of old snapshots knows what it holds).
SCHEMA = 1
#: Agreement stages in which an agreement has been in force (``agreements.choices.AgreementStage``).
IN_FORCE = "pelaksanaan"
ENDED = "berakhir"
#: Counted figures of the totals (each the sum over the rows; money as strings of rupiah).
COUNT_KEYS = (
    "agreements",
    "new",
    "in_force",
    "ended",
    "obligations_pending",
    "obligations_fulfilled",
    "obligations_late",
    "obligations_waived",
    "monev_periods",
    "monev_submitted",
    "with_problems",
)
MONEY_KEYS = ("amount_due", "amount_paid")


@dataclass(frozen=True)
class ObligationFacts:
    """The occurrences of an agreement's obligations falling due in the period, by status, and their money."""

    pending: int = 0
    fulfilled: int = 0
    late: int = 0
    waived: int = 0
    amount_due: Decimal = Decimal(0)
    amount_paid: Decimal = Decimal(0)


@dataclass(frozen=True)
class MonevFacts:
    """The monev periods of the agreement that ended within the report period, and what was recorded."""

    periods: int = 0
    own_submitted: int = 0
    partners_expected: int = 0
    partners_submitted: int = 0
    tkksd_ratings: tuple[str, ...] = ()
    governor_ratings: tuple[str, ...] = ()


@dataclass(frozen=True)
class AgreementFacts:
    id: int
    number: str
    title: str
    type: str
    stage: str
    partners: tuple[str, ...]
    term_start: date | None
    term_end: date | None
    ended_on: date | None = None
    termination_ground: str = ""
    is_example: bool = False
    obligations: ObligationFacts = field(default_factory=ObligationFacts)
    monev: MonevFacts = field(default_factory=MonevFacts)
    problems: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    amendments: tuple[str, ...] = ()
    successor: str = ""


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def classify(facts: AgreementFacts, start: date, end: date) -> dict[str, bool]:
    """New (its term started in the period), ended (it ended in the period), in force (some day of the period).

    A report written late still describes its period: an agreement ended after the period was in force in it.
    """
    lived = facts.stage in (IN_FORCE, ENDED)
    began = facts.term_start
    new = bool(lived and began is not None and start <= began <= end)
    ended = bool(facts.stage == ENDED and facts.ended_on is not None and start <= facts.ended_on <= end)
    in_force = bool(
        lived
        and (began is None or began <= end)
        and (facts.ended_on is None or facts.ended_on >= start)
        and (facts.stage == IN_FORCE or facts.ended_on is not None)
    )
    return {"new": new, "ended": ended, "in_force": in_force}


def agreement_row(facts: AgreementFacts, start: date, end: date) -> dict[str, Any] | None:
    """The report's row for one agreement, or None if the agreement did not live in the period."""
    kinds = classify(facts, start, end)
    if not any(kinds.values()):
        return None
    o, m = facts.obligations, facts.monev
    return {
        "id": facts.id,
        "number": facts.number,
        "title": facts.title,
        "type": facts.type,
        "stage": facts.stage,
        "partners": list(facts.partners),
        "term_start": _iso(facts.term_start),
        "term_end": _iso(facts.term_end),
        "ended_on": _iso(facts.ended_on) if kinds["ended"] else None,
        "termination_ground": facts.termination_ground if kinds["ended"] else "",
        **kinds,
        "is_example": facts.is_example,
        "obligations": {
            "pending": o.pending,
            "fulfilled": o.fulfilled,
            "late": o.late,
            "waived": o.waived,
            "amount_due": str(o.amount_due),
            "amount_paid": str(o.amount_paid),
        },
        "monev": {
            "periods": m.periods,
            "own_submitted": m.own_submitted,
            "partners_expected": m.partners_expected,
            "partners_submitted": m.partners_submitted,
            "tkksd_ratings": list(m.tkksd_ratings),
            "governor_ratings": list(m.governor_ratings),
        },
        "problems": list(facts.problems),
        "flags": list(facts.flags),
        "amendments": list(facts.amendments),
        "successor": facts.successor,
    }


def empty_totals() -> dict[str, Any]:
    return {**dict.fromkeys(COUNT_KEYS, 0), **{k: "0" for k in MONEY_KEYS}}


def row_totals(row: Mapping[str, Any]) -> dict[str, Any]:
    """One row's contribution to the totals."""
    o, m = row["obligations"], row["monev"]
    return {
        "agreements": 1,
        "new": int(row["new"]),
        "in_force": int(row["in_force"]),
        "ended": int(row["ended"]),
        "obligations_pending": o["pending"],
        "obligations_fulfilled": o["fulfilled"],
        "obligations_late": o["late"],
        "obligations_waived": o["waived"],
        "monev_periods": m["periods"],
        "monev_submitted": m["own_submitted"],
        "with_problems": int(bool(row["problems"] or row["flags"])),
        "amount_due": o["amount_due"],
        "amount_paid": o["amount_paid"],
    }


def add_totals(parts: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The sum of totals (counts as integers, money as decimal strings)."""
    out = empty_totals()
    money = {k: Decimal(0) for k in MONEY_KEYS}
    for part in parts:
        for key in COUNT_KEYS:
            out[key] += int(part.get(key, 0))
        for key in MONEY_KEYS:
            money[key] += Decimal(str(part.get(key, "0")))
    out.update({k: str(v) for k, v in money.items()})
    return out


def build_region_content(
    *,
    region: Mapping[str, str],
    kind: str,
    start: date,
    end: date,
    label: str,
    agreements: Iterable[AgreementFacts],
    is_example: bool = False,
) -> dict[str, Any]:
    """The snapshot of a region's own report: its agreements that lived in the period, and the totals."""
    rows = [r for r in (agreement_row(a, start, end) for a in agreements) if r is not None]
    rows.sort(key=lambda r: (not r["new"], r["ended"], r["title"], r["id"]))
    return {
        "schema": SCHEMA,
        "region": dict(region),
        "period": {"kind": kind, "start": start.isoformat(), "end": end.isoformat(), "label": label},
        "agreements": rows,
        "totals": add_totals(row_totals(r) for r in rows),
        "is_example": bool(is_example or any(r["is_example"] for r in rows)),
    }


@dataclass(frozen=True)
class ChildReport:
    """A kab/kota report sent to the province, with its frozen snapshot."""

    id: int
    region_code: str
    region_name: str
    status: str
    number: str
    submitted_on: date | None
    content: Mapping[str, Any]


def consolidate(
    own: Mapping[str, Any], children: Sequence[ChildReport], kabkota: Sequence[tuple[str, str]]
) -> dict[str, Any]:
    """A province's snapshot: its own content, the consolidation of the kab/kota reports sent to it (their
    frozen totals, never their live data), and the kab/kota of the province that have not reported."""
    sent = {c.region_code for c in children}
    reports: list[dict[str, Any]] = [
        {
            "id": c.id,
            "region_code": c.region_code,
            "region_name": c.region_name,
            "status": c.status,
            "number": c.number,
            "submitted_on": _iso(c.submitted_on),
            "totals": dict(c.content.get("totals") or empty_totals()),
        }
        for c in sorted(children, key=lambda c: c.region_code)
    ]
    not_reported = [{"code": code, "name": name} for code, name in sorted(kabkota) if code not in sent]
    out = dict(own)
    out["consolidation"] = {
        "kabkota_count": len(kabkota),
        "reported_count": len(reports),
        "reports": reports,
        "not_reported": not_reported,
        "kabkota_totals": add_totals(r["totals"] for r in reports),
        "totals": add_totals([own["totals"], *(r["totals"] for r in reports)]),
    }
    out["is_example"] = bool(own.get("is_example") or any(c.content.get("is_example") for c in children))
    return out


def national_summary(
    provinces: Sequence[tuple[str, str]],
    kabkota: Mapping[str, Sequence[tuple[str, str]]],
    statuses: Mapping[str, str],
    sent_statuses: Iterable[str],
) -> dict[str, Any]:
    """The ministry's view of one period: per province the status of its report and how many of its kab/kota
    reported to the governor, and who has not reported (provinces and kab/kota)."""
    sent = set(sent_statuses)
    rows = []
    for code, name in provinces:
        children = list(kabkota.get(code, ()))
        missing = [{"code": c, "name": n} for c, n in children if statuses.get(c) not in sent]
        rows.append(
            {
                "code": code,
                "name": name,
                "status": statuses.get(code, ""),
                "reported": statuses.get(code) in sent,
                "kabkota_count": len(children),
                "kabkota_reported": len(children) - len(missing),
                "kabkota_not_reported": missing,
            }
        )
    return {
        "provinces": rows,
        "provinces_count": len(rows),
        "provinces_reported": sum(1 for r in rows if r["reported"]),
        "provinces_not_reported": [{"code": r["code"], "name": r["name"]} for r in rows if not r["reported"]],
        "kabkota_count": sum(r["kabkota_count"] for r in rows),
        "kabkota_reported": sum(r["kabkota_reported"] for r in rows),
    }

"""Example histories for the early-warning backtest (issue 12 item 8): ten years of EXAMPLE agreements, each
with its event stream in the engine's input vocabulary, some of which end in a registered dispute.

**Example data, not real agreements.** The region codes are real Kemendagri codes (a small fixed list of
metropolitan clusters whose members do cooperate, e.g. Bandung Raya and Kartamantul on regional landfills), but
every agreement, amount, rating and event is invented by a seeded pseudo-random generator. The mechanics below
are plausible stories, written from the disputes issue 12 names (contested tipping fees, frozen fees,
concessions ending without a transition plan) and the causes of Kemendagri's draft guideline (lack of
commitment, exceeding authority); they are **not** fitted to any observed dispute and **not** tuned to the
engine: the rates are round numbers chosen before the backtest was run, and no figure was adjusted after.
A backtest over them measures how the engine reacts to these stories, not how it would perform on real
agreements.

Pure and deterministic: no Django, no database; history ``i`` of seed ``s`` depends only on ``(s, i)``
(``random.Random(f"{seed}:{i}")``, whose string seeding is stable across runs and platforms), so the first
``n`` histories of a longer run are the ``n`` histories of a shorter one.

Recording rules (so that replaying month by month never sees the future):
- ``obligation_due`` is recorded on its due date, with its amount and the paying party.
- A payment is recorded on the day it arrives: ``obligation_fulfilled`` and ``payment_received``; when it
  arrives more than ``PAYMENT_TERM_DAYS`` after the due date, also ``payment_late`` with ``days_late`` (the days
  late are known only once paid). An obligation never paid before the history ends stays open
  (``obligation_overdue`` in the engine).
- Monev every semester (PP 28/2018 Pasal 44(5) sends monitoring to PP 12/2017; the semester rhythm is the
  example's assumption [U]): ``monev_submitted`` with a rating 1-5 when the report arrives (in the month after
  the semester), or ``monev_missed`` recorded at the end of that month.
- ``tariff_review_done`` on the day of the review, for agreements with a periodic tariff/fee review.
- Warning letters (SP1-SP3, practice [U]) follow arrears: SP1 once a payment is more than 60 days overdue, SP2
  and SP3 30-60 days apart while it stays unpaid, each only in the parties' practice (a share of agreements).
- Changes of head of region follow the simultaneous-election waves (inaugurations in 2016, 2017 or 2018, the
  next term or an acting head (Pj) in 2021, 2022 or 2023, and the 2024 elections' heads in February 2025);
  which wave an example region follows is illustrative, not its real calendar.
- Regulation changes an operator may record: PP 28/2018 (promulgated 13 July 2018, REGULATIONS.md [V]) for
  every agreement, and UU 1/2022 on central-regional fiscal relations (fees and retributions, 5 January 2022
  [S]) for fee-based agreements; each recorded in half of the agreements in force.
- A history ends at its dispute's registration (the ``dispute_registered`` event is its last), or at the
  earlier of the agreement's end and ``HISTORY_END``.

Archetypes (shares in ``ARCHETYPE_SHARES``; about 13 % end in a dispute):
- ``healthy``: payments almost always within the term, monev submitted and rated 3-5, reviews on time, rare
  complaints; most prepare an extension or a transition plan 6-12 months before the end, some let the
  agreement end as planned without one.
- ``noisy``: healthy but noisy: an occasional late payment (a few weeks, rarely three to five months), now and
  then a missed or poorly rated monev, a review a few months late, complaints and the odd protest.
- ``troubled``: trouble that is resolved without a dispute: arrears and falling monev for 6-18 months, then a
  renegotiation (addendum), the arrears paid late, the review done. No dispute: an honest source of alarms.
- ``deteriorating``: slowly deteriorating over 12-36 months from an onset, ending in ``dispute_registered``.
  The cause sets the onset: a tariff/fee contested after a skipped review, a new head of region near a payment
  cycle, lack of commitment (often not budgeted in the APBD), a party exceeding its authority (an addendum
  without the required approval). Arrears grow, monev is rated worse then missed, complaints and protests
  rise in public services, warning letters and audit findings follow; no extension or successor plan is
  agreed once the trouble has begun.
- ``sudden``: a dispute with little or no warning: force majeure (service interruptions in the last weeks),
  community rejection (protests in the last weeks), or an asset/boundary claim (nothing in the event stream
  at all). The backtest is honest about what the engine cannot see.
"""

from __future__ import annotations

import calendar
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

HISTORY_START = date(2016, 1, 1)
HISTORY_END = date(2025, 12, 31)
EXAMPLE_NOTE = (
    "Data contoh (bukan perjanjian nyata) / example data (not real agreements): generated by "
    "kerjasama.disputes.domain.histories for the early-warning backtest."
)

#: Share of each archetype (they sum to 1).
ARCHETYPE_SHARES: dict[str, float] = {
    "healthy": 0.50,
    "noisy": 0.30,
    "troubled": 0.07,
    "deteriorating": 0.09,
    "sudden": 0.04,
}
ARCHETYPES: tuple[str, ...] = tuple(ARCHETYPE_SHARES)
DISPUTE_ARCHETYPES = frozenset({"deteriorating", "sudden"})
DETERIORATING_CAUSES = ("tariff", "leadership", "commitment", "authority")
SUDDEN_CAUSES = ("force_majeure", "community_rejection", "asset_boundary")

#: Days after the due date within which a payment counts as on time (the example contracts' payment term).
PAYMENT_TERM_DAYS = 14

#: Metropolitan clusters (province code, member kab/kota codes; Kemendagri codes as the project's master data
#: holds them): Bandung Raya, Kartamantul, Gerbangkertosusila (part), Sarbagita, Kedungsepur (part), Solo Raya
#: (part), Mamminasata, Mebidangro (part).
CLUSTERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("32", ("32.73", "32.04", "32.77", "32.17")),
    ("34", ("34.71", "34.04", "34.02")),
    ("35", ("35.78", "35.15", "35.25")),
    ("51", ("51.71", "51.03", "51.04", "51.02")),
    ("33", ("33.74", "33.22")),
    ("33", ("33.72", "33.11", "33.13")),
    ("73", ("73.71", "73.06", "73.09")),
    ("12", ("12.71", "12.07")),
)
REGION_CODES: tuple[str, ...] = tuple(
    sorted({code for province, members in CLUSTERS for code in (province, *members)})
)

#: Third parties of the example KSDPK (the rulebook's kinds; the names say they are examples).
THIRD_PARTIES: tuple[tuple[str, str], ...] = (
    ("badan_usaha", "PT Contoh Olah Sampah"),
    ("bumd", "Perumda Air Minum Contoh"),
    ("bumn", "PT Contoh Infrastruktur (Persero)"),
    ("koperasi", "Koperasi Contoh Mandiri"),
    ("perguruan_tinggi", "Universitas Contoh"),
)


@dataclass(frozen=True, slots=True)
class HistoryThemeFact:
    """What an example cooperation is about: sector, affairs, whether it carries a fee with a periodic review,
    how often payments fall due (months) and their size (rupiah per period)."""

    name: str
    sector: str
    affairs: tuple[str, ...]
    fee_review: bool
    every_months: int
    amount_range: tuple[int, int]
    public_service: bool


THEMES: tuple[HistoryThemeFact, ...] = (
    HistoryThemeFact(
        "tpa_regional", "pelayanan_publik", ("2.11",), True, 3, (150_000_000, 900_000_000), True
    ),
    HistoryThemeFact("air_minum", "pelayanan_publik", ("1.03",), True, 3, (100_000_000, 600_000_000), True),
    HistoryThemeFact(
        "transportasi", "pelayanan_publik", ("2.15",), True, 6, (200_000_000, 1_200_000_000), True
    ),
    HistoryThemeFact(
        "rujukan_kesehatan", "pelayanan_publik", ("1.02",), False, 6, (100_000_000, 500_000_000), True
    ),
    HistoryThemeFact(
        "jalan_perbatasan", "infrastruktur", ("1.03",), False, 12, (500_000_000, 4_000_000_000), False
    ),
    HistoryThemeFact(
        "kawasan_industri", "investasi", ("2.18",), True, 12, (300_000_000, 2_500_000_000), False
    ),
    HistoryThemeFact(
        "pengadaan_bersama", "pengadaan", ("1.03",), False, 12, (200_000_000, 1_500_000_000), False
    ),
    HistoryThemeFact("pemanfaatan_aset", "aset", ("1.03",), True, 12, (100_000_000, 800_000_000), False),
    HistoryThemeFact("pariwisata", "lainnya", ("3.26",), False, 12, (100_000_000, 600_000_000), False),
)

#: Inauguration dates of the three illustrative election waves (2015, 2017 and 2018 elections; the next
#: elected head or an acting Pj five years on; the 2024 elections' heads on 20 February 2025). The days of the
#: 2017/2018 waves and of their Pj are approximate: example data.
LEADERSHIP_WAVES: tuple[tuple[date, ...], ...] = (
    (date(2016, 2, 17), date(2021, 2, 26), date(2025, 2, 20)),
    (date(2017, 5, 22), date(2022, 5, 22), date(2025, 2, 20)),
    (date(2018, 9, 20), date(2023, 9, 20), date(2025, 2, 20)),
)
#: Regulation changes (date, note, only for fee-based agreements).
REGULATION_CHANGES: tuple[tuple[date, str, bool], ...] = (
    (date(2018, 7, 13), "PP 28/2018 tentang Kerja Sama Daerah", False),
    (date(2022, 1, 5), "UU 1/2022 tentang HKPD (pajak dan retribusi daerah)", True),
)


@dataclass(frozen=True, slots=True)
class HistoryConditionsFact:
    """How an archetype behaves in calm times (before any trouble): per-payment, per-monev and per-year rates."""

    p_late: float  # a payment arrives after the term
    late_days: tuple[int, int]  # ... by this many days (uniform)
    p_very_late: float  # a payment arrives 90-150 days late
    p_monev_missed: float
    ratings: tuple[int, ...]  # drawn uniformly
    review_delay_months: tuple[int, int]  # a review is done this many months after its due date (uniform)
    complaints_per_year: float
    protests_per_year: float
    interruptions_per_year: float
    p_audit_finding: float  # per year
    addenda_per_year: float
    unapproved_addenda_per_year: float
    p_prepared_end: float  # an extension or a transition plan is signed before the end
    prepared_months: tuple[int, int]  # ... this many months before it
    p_warning_practice: float  # the parties send warning letters when payments are overdue


CALM = HistoryConditionsFact(
    p_late=0.03,
    late_days=(15, 30),
    p_very_late=0.0,
    p_monev_missed=0.01,
    ratings=(3, 4, 4, 4, 5, 5),
    review_delay_months=(-3, 2),
    complaints_per_year=0.1,
    protests_per_year=0.0,
    interruptions_per_year=0.05,
    p_audit_finding=0.03,
    addenda_per_year=0.05,
    unapproved_addenda_per_year=0.0,
    p_prepared_end=0.9,
    prepared_months=(6, 12),
    p_warning_practice=0.5,
)
NOISY = HistoryConditionsFact(
    p_late=0.12,
    late_days=(15, 75),
    p_very_late=0.02,
    p_monev_missed=0.06,
    ratings=(2, 3, 3, 4, 4, 5),
    review_delay_months=(-2, 9),
    complaints_per_year=0.6,
    protests_per_year=0.15,
    interruptions_per_year=0.15,
    p_audit_finding=0.08,
    addenda_per_year=0.08,
    unapproved_addenda_per_year=0.01,
    p_prepared_end=0.7,
    prepared_months=(1, 10),
    p_warning_practice=0.5,
)


@dataclass(frozen=True, slots=True)
class ExampleHistoryFact:
    """One example history: the engine's input document (``as_of`` = the history's last day) and what the
    backtest needs to know about it. ``example`` is always true; the document itself stays valid engine input
    (the engine refuses unknown fields, so the flag lives beside it)."""

    index: int
    archetype: str
    cause: str | None
    onset: date | None
    dispute_date: date | None
    document: dict[str, Any]
    example: bool = field(default=True)

    def as_json(self) -> dict[str, Any]:
        """The JSON line of ``kerjasama risk-histories``."""
        return {
            "example": True,
            "note": EXAMPLE_NOTE,
            "index": self.index,
            "archetype": self.archetype,
            "cause": self.cause,
            "onset": None if self.onset is None else self.onset.isoformat(),
            "dispute_date": None if self.dispute_date is None else self.dispute_date.isoformat(),
            "document": self.document,
        }


# --- calendar helpers ----------------------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def month_ends(first: date, last: date) -> list[date]:
    """Every month end ``m`` with ``first <= m <= last``."""
    ends: list[date] = []
    current = month_end(first)
    while current <= last:
        ends.append(current)
        current = month_end(current + timedelta(days=1))
    return ends


def _between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _poisson_days(rng: random.Random, per_year: float, first: date, last: date) -> list[date]:
    """Days of a Poisson process with ``per_year`` events a year between ``first`` and ``last``."""
    days: list[date] = []
    if per_year <= 0 or last < first:
        return days
    current = first
    while True:
        current += timedelta(days=max(1, round(rng.expovariate(per_year / 365.0))))
        if current > last:
            return days
        days.append(current)


# --- the generator -------------------------------------------------------------------------------------------


class _Builder:
    """Collects one history's events, dropping anything after the history's last day."""

    def __init__(self, last_day: date) -> None:
        self.last_day = last_day
        self.events: list[dict[str, Any]] = []

    def add(self, day: date, kind: str, **fields_: Any) -> None:
        if day <= self.last_day:
            self.events.append(
                {"date": day.isoformat(), "kind": kind, **{k: v for k, v in fields_.items() if v is not None}}
            )


def _pick_archetype(rng: random.Random) -> str:
    draw, total = rng.random(), 0.0
    for name, share in ARCHETYPE_SHARES.items():
        total += share
        if draw < total:
            return name
    return ARCHETYPES[-1]


def _parties(rng: random.Random, kind: str) -> tuple[list[str], dict[str, str] | None]:
    province, members = CLUSTERS[rng.randrange(len(CLUSTERS))]
    if kind == "KSDD":
        if rng.random() < 0.15:  # a province with one of its kab/kota
            return [province, rng.choice(members)], None
        count = 3 if len(members) >= 3 and rng.random() < 0.2 else 2
        return rng.sample(list(members), count), None
    region = rng.choice((province, *members))
    if kind == "KSDPK":
        third_kind, name = THIRD_PARTIES[rng.randrange(len(THIRD_PARTIES))]
        return [region], {"kind": third_kind, "name": name}
    return [region], None  # SINERGI: the region's side (the ministry is not a region code)


def _term_years(rng: random.Random) -> int:
    return rng.choices(range(1, 11), weights=(5, 10, 15, 5, 35, 5, 3, 3, 2, 17))[0]


def _wave(code: str) -> tuple[date, ...]:
    return LEADERSHIP_WAVES[int(code.replace(".", "")) % len(LEADERSHIP_WAVES)]


def _schedule(start: date, end: date, every_months: int) -> list[date]:
    """Due dates: the last day of each period of the term (``every_months`` months), within the term."""
    dues: list[date] = []
    step = 1
    while True:
        due = add_months(start, every_months * step) - timedelta(days=1)
        if due > end:
            return dues
        dues.append(due)
        step += 1


def _severity(
    archetype: str, day: date, onset: date | None, peak: date | None, recovery: date | None
) -> float:
    """0 in calm times; rising to 1 at the dispute (deteriorating) or to its peak, then 0 after the recovery
    (troubled)."""
    if onset is None or peak is None or day < onset:
        return 0.0
    if archetype == "troubled":
        if recovery is not None and day >= recovery:
            return 0.0
        return min(0.7, 0.7 * (day - onset).days / max(1, (peak - onset).days))
    if archetype == "deteriorating":
        return min(1.0, (day - onset).days / max(1, (peak - onset).days))
    return 0.0


def generate_history(seed: int, index: int) -> ExampleHistoryFact:
    """History ``index`` of ``seed`` (deterministic)."""
    rng = random.Random(f"{seed}:{index}")
    archetype = _pick_archetype(rng)
    base = CALM if archetype in {"healthy", "sudden", "deteriorating"} else NOISY
    kind = rng.choices(("KSDD", "KSDPK", "SINERGI"), weights=(60, 25, 15))[0]
    parties, third = _parties(rng, kind)
    theme = THEMES[rng.randrange(len(THEMES))]
    lead = parties[0]
    if third is not None and theme.name in {"kawasan_industri", "pemanfaatan_aset"}:
        payer = third["name"]  # a concession or lease fee paid by the third party
    else:
        payer = parties[-1] if len(parties) > 1 and rng.random() < 0.8 else lead
    cause: str | None = None
    if archetype == "deteriorating":
        causes = [
            c
            for c in DETERIORATING_CAUSES
            if (c != "tariff" or theme.fee_review) and (c != "leadership" or payer in REGION_CODES)
        ]
        cause = rng.choice(causes)
    elif archetype == "sudden":
        cause = rng.choice(SUDDEN_CAUSES)
    elif archetype == "troubled":
        cause = "tariff" if theme.fee_review and rng.random() < 0.5 else "commitment"
    review_years = rng.choice((2, 3, 5)) if theme.fee_review else None
    onset = peak = recovery = dispute = None
    # Start, term, and (for the archetypes with trouble) its dates; a start or term that leaves no room for
    # the story is drawn again (so those archetypes lean to longer and earlier agreements).
    for attempt in range(200):
        start = add_months(HISTORY_START, rng.randrange(0, 114))  # 2016-01 .. 2025-06
        end = add_months(start, 12 * _term_years(rng)) - timedelta(days=1)
        latest = min(end, HISTORY_END)
        if archetype == "deteriorating":
            length = rng.randint(365, 3 * 365)
            if cause == "leadership":
                # The onset is a change of the payer's head of region (a new head who does not honour the
                # predecessor's commitment), at least three months into the term.
                changes = [
                    d for d in _wave(payer) if add_months(start, 3) <= d and d + timedelta(days=365) <= latest
                ]
                if not changes:
                    if attempt > 100:
                        cause = "commitment"
                    continue
                onset = rng.choice(changes)
                length = min(length, (latest - onset).days)
                dispute = onset + timedelta(days=length)
            elif cause == "tariff" and review_years is not None:
                # The onset is a periodic review that is not held: the payer contests the old tariff.
                dues = [add_months(start, 12 * review_years * k) for k in range(1, 11)]
                dues = [d for d in dues if d + timedelta(days=365) <= latest]
                if not dues:
                    continue
                onset = dues[0]
                length = min(length, (latest - onset).days)
                dispute = onset + timedelta(days=length)
            else:
                earliest_onset = add_months(start, 6)
                if earliest_onset + timedelta(days=length) > latest:
                    continue
                dispute = _between(rng, earliest_onset + timedelta(days=length), latest)
                onset = dispute - timedelta(days=length)
            peak = dispute
        elif archetype == "troubled":
            length = rng.randint(180, 540)
            earliest_onset = add_months(start, 6)
            if earliest_onset + timedelta(days=length + 180) > latest:
                continue
            onset = _between(rng, earliest_onset, latest - timedelta(days=length + 180))
            peak = recovery = onset + timedelta(days=length)
        elif archetype == "sudden":
            earliest = add_months(start, 12)
            if earliest > latest:
                continue
            dispute = _between(rng, earliest, latest)
            onset = dispute - timedelta(days=rng.randint(0, 90))
        break
    else:  # pragma: no cover - 200 draws always find room (most terms are 5 or 10 years)
        raise RuntimeError("no room for the history")
    last_day = dispute if dispute is not None else min(end, HISTORY_END)
    out = _Builder(last_day)
    budgeted = rng.random() > (0.5 if cause == "commitment" else 0.08)

    def severity(day: date) -> float:
        return _severity(archetype, day, onset, peak, recovery)

    # Payments: due at the end of each period, paid on time, late, or (deep in trouble) not before the end.
    low, high = theme.amount_range
    amount = rng.randrange(low // 1_000_000, high // 1_000_000) * 1_000_000
    overdue: list[tuple[date, date | None]] = []  # (due, paid or None) of payments beyond the term
    for due in _schedule(start, end, theme.every_months):
        if due > last_day:
            break
        out.add(due, "obligation_due", party=payer, amount_idr=amount)
        level = severity(due)
        draw = rng.random()
        if level > 0 and draw < 0.2 + 0.7 * level:
            delay = rng.randint(30, 30 + round(240 * level))
            if level > 0.5 and rng.random() < (level - 0.5) * 1.2:
                delay = 10_000  # not paid while the trouble lasts
        elif draw < base.p_very_late:
            delay = rng.randint(90, 150)
        elif draw < base.p_very_late + base.p_late:
            delay = rng.randint(*base.late_days)
        else:
            delay = rng.randint(0, PAYMENT_TERM_DAYS)
        paid = due + timedelta(days=delay)
        if recovery is not None and due < recovery < paid:
            paid = recovery + timedelta(days=rng.randint(0, 30))  # arrears settled after the renegotiation
            delay = (paid - due).days
        if delay > PAYMENT_TERM_DAYS:
            overdue.append((due, paid if paid <= last_day else None))
        out.add(paid, "obligation_fulfilled", party=payer)
        out.add(paid, "payment_received", party=payer, amount_idr=amount)
        if delay > PAYMENT_TERM_DAYS:
            out.add(paid, "payment_late", party=payer, amount_idr=amount, days_late=delay)

    # Warning letters follow arrears of more than 60 days, in the practice of some parties only.
    if rng.random() < (0.8 if kind == "KSDPK" else base.p_warning_practice):
        letter = 0
        next_day: date | None = None
        for arrears_due, arrears_paid in sorted(overdue, key=lambda item: item[0]):
            first = arrears_due + timedelta(days=60 + rng.randint(0, 30))
            settled = arrears_paid or date.max
            day = max(first, next_day) if next_day is not None else first
            while letter < 3 and day < settled and day <= last_day:
                letter += 1
                out.add(day, "warning_letter", party=payer, note=f"SP{letter}")
                day += timedelta(days=rng.randint(30, 60))
                next_day = day
            if letter >= 3:
                break
        # Three letters at most per history (SP1-SP3): a later run of arrears continues the sequence.

    # Monev every semester, reported in the following month (or missed, recorded at the month's end).
    semester_end = date(start.year, 6, 30) if start.month <= 6 else date(start.year, 12, 31)
    while semester_end <= last_day:
        report_month = semester_end + timedelta(days=1)
        level = severity(semester_end)
        if rng.random() < base.p_monev_missed + 0.6 * level:
            out.add(month_end(report_month), "monev_missed", party=lead)
        else:
            rating = rng.choice(base.ratings) - round(3 * level * rng.random())
            out.add(
                report_month + timedelta(days=rng.randint(5, 27)),
                "monev_submitted",
                party=lead,
                rating=max(1, rating),
            )
        semester_end = month_end(add_months(semester_end, 6))

    # Periodic tariff/fee reviews: on time (within the archetype's delay), or skipped while in trouble.
    if review_years is not None:
        reference = start
        while True:
            due = add_months(reference, 12 * review_years)
            if due > last_day:
                break
            skipped = severity(due) > 0.2 or (
                cause == "tariff" and onset is not None and add_months(onset, -12) <= due and recovery is None
            )
            if skipped and recovery is not None and due < recovery:
                done = recovery + timedelta(days=rng.randint(30, 120))  # reviewed in the renegotiation
            elif skipped:
                break  # the review never happens before the history ends
            else:
                low_m, high_m = base.review_delay_months
                done = add_months(due, rng.randint(low_m, high_m)) + timedelta(days=rng.randint(0, 27))
            done = max(done, reference + timedelta(days=180))
            out.add(done, "tariff_review_done", party=lead)
            reference = done

    # Community complaints, protests and service interruptions: a base rate, more with the trouble.
    scale = 1.0 if theme.public_service else 0.3
    window_start = start
    for kind_, rate, extra in (
        ("complaint", base.complaints_per_year, 3.0),
        ("community_protest", base.protests_per_year, 2.0),
        ("service_interruption", base.interruptions_per_year, 1.5),
    ):
        for day in _poisson_days(rng, rate * scale, window_start, last_day):
            out.add(day, kind_, note="contoh")
        if onset is not None and peak is not None and archetype in {"deteriorating", "troubled"}:
            # the extra rate grows with the severity: thinned Poisson over the trouble
            for day in _poisson_days(rng, extra * scale, onset, peak):
                if rng.random() < severity(day):
                    out.add(day, kind_, note="contoh")

    # Audit findings (BPK reports on the regional accounts are published around May).
    for year in range(start.year + 1, last_day.year + 1):
        day = date(year, 5, rng.randint(10, 31))
        if start < day <= last_day and rng.random() < base.p_audit_finding + 0.5 * severity(day):
            out.add(day, "audit_finding", party=lead, amount_idr=rng.randrange(50, 2_000) * 1_000_000)

    # Addenda, with and without the required approval (a party exceeding its authority).
    for day in _poisson_days(rng, base.addenda_per_year, start, last_day):
        out.add(day, "addendum_signed")
    for day in _poisson_days(rng, base.unapproved_addenda_per_year, start, last_day):
        out.add(day, "addendum_unapproved", party=lead)
    if cause == "authority" and onset is not None and dispute is not None:
        out.add(_between(rng, onset, onset + (dispute - onset) / 3), "addendum_unapproved", party=lead)
    if recovery is not None:
        out.add(recovery, "addendum_signed", note="renegosiasi")

    # Changes of head of region (recorded by the cooperation unit most of the time) and regulation changes.
    for code in parties:
        for day in _wave(code):
            if start < day <= min(end, last_day) and rng.random() < 0.85:
                out.add(day, "leadership_change", party=code)
    for day, note, fee_only in REGULATION_CHANGES:
        if start < day <= min(end, last_day) and (theme.fee_review or not fee_only) and rng.random() < 0.5:
            out.add(day, "regulation_change", note=note)

    # Preparing the end: an extension or a transition plan some months before it (or nothing).
    if rng.random() < base.p_prepared_end:
        low_m, high_m = base.prepared_months
        day = add_months(end, -rng.randint(low_m, high_m))
        # Parties heading for a dispute do not agree on an extension or a successor while in trouble.
        if day > start and (archetype != "deteriorating" or onset is None or day < onset):
            out.add(day, rng.choice(("extension_signed", "transition_plan")))

    # Sudden disputes: what little shows before them.
    if archetype == "sudden" and onset is not None and dispute is not None:
        if cause == "force_majeure":
            for _ in range(rng.randint(1, 3)):
                out.add(_between(rng, onset, dispute), "service_interruption", note="contoh: keadaan kahar")
        elif cause == "community_rejection":
            for _ in range(rng.randint(1, 4)):
                out.add(_between(rng, onset, dispute), "community_protest", note="contoh: penolakan warga")
            if rng.random() < 0.5:
                out.add(_between(rng, onset, dispute), "complaint", note="contoh")
    if dispute is not None:
        out.add(dispute, "dispute_registered", party=lead, note="contoh")

    events = sorted(out.events, key=lambda e: (e["date"], e["kind"], e.get("party", ""), e.get("note", "")))
    agreement: dict[str, Any] = {
        "type": kind,
        "parties": parties,
        "affairs": list(theme.affairs),
        "sector": theme.sector,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "budgeted_in_apbd": budgeted,
    }
    if third is not None:
        agreement["third_party"] = third
    if review_years is not None:
        agreement["review_every_years"] = review_years
    document = {"as_of": last_day.isoformat(), "agreement": agreement, "events": events}
    return ExampleHistoryFact(index, archetype, cause, onset, dispute, document)


def generate_histories(seed: int, count: int) -> Iterator[ExampleHistoryFact]:
    """``count`` example histories of ``seed``, one at a time."""
    for index in range(count):
        yield generate_history(seed, index)


def replay_dates(history: ExampleHistoryFact) -> list[date]:
    """The month ends at which the backtest assesses a history: from its start, while the agreement is in
    force, before its dispute's registration (strictly), up to ``HISTORY_END``."""
    agreement = history.document["agreement"]
    start = date.fromisoformat(agreement["start"])
    last = min(date.fromisoformat(agreement["end"]), HISTORY_END)
    if history.dispute_date is not None:
        last = min(last, history.dispute_date - timedelta(days=1))
    return month_ends(start, last)


def months_before(earlier: date, later: date) -> int:
    """Whole months from ``earlier`` to ``later`` (the lead time of a warning)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return months


def percentile(values: list[float], share: float) -> float | None:
    """The ``share`` quantile (linear interpolation, as ``statistics.quantiles(method="inclusive")``)."""
    if not values:
        return None
    ordered = sorted(values)
    position = share * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)

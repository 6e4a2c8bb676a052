"""Statistics of dispute cases: the evidence base for the ministry's dispute guideline (issue 12 item 7).

Pure Python (no Django): ``stats_data.case_facts`` reads the cases into :class:`CaseFacts` in a constant number
of queries, and this module counts them. Every figure is an aggregate: a count or a duration in days, never a
case's title, number or party.

Dimensions (each table lists every known code, zeros included, so two years compare row by row):

* ``sector``: the five sectors of the draft guideline and ``lainnya`` (single-valued: totals = cases);
* ``cause``: several per case; a case counts ONCE under each of its distinct causes (totals >= cases);
* ``pairing``: the five pairings of UU 23/2014 Pasal 364(2) (``rulebook.reference.PAIRINGS``, keyed by the
  rulebook's own names) for a KSDD between regions, ``ksdpk`` (PP 28/2018 Pasal 21), ``sinergi`` (R34),
  ``campuran`` (three or more regions of different pairings) and ``lainnya`` (no two region parties);
* ``resolver``: the resolver in effect (UU 23/2014 Pasal 91(3) huruf c, 92, 370; the agreement's clause);
* ``stage``: the stage reached (the furthest for a closed case is its closing stage);
* ``outcome``: settled (``damai``), decided (``selesai``: closed after a decision), withdrawn (``dicabut``), not
  competent (``bukan_wewenang``), open (any open stage);
* ``year``: the year of registration, with its outcomes;
* ``duration``: registration -> closure in days, median and p90 (nearest rank) per outcome; ``age``: open cases
  by age as of the day of the figures.

Small cells: :func:`suppress` replaces counts 1 and 2 by ``None`` (shown "<3"); the provincial view uses it for
viewers without national scope (docs/disputes.md, "Statistics").
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import combinations

from kerjasama.rulebook.reference import PAIRINGS

SECTORS = ("pelayanan_publik", "investasi", "pengadaan", "infrastruktur", "aset", "lainnya")
CAUSES = (
    "wanprestasi",
    "komitmen",
    "kewenangan",
    "pembiayaan",
    "tarif",
    "aset",
    "batas",
    "tafsir",
    "perubahan",
    "penolakan",
    "keadaan_kahar",
    "lainnya",
)
#: The five mandatory pairings (Pasal 364(2) huruf a-e, the rulebook's keys), then the other kinds.
PAIRING_CODES = (*(p.key for p in PAIRINGS), "ksdpk", "sinergi", "campuran", "lainnya")
RESOLVERS = ("gubernur", "menteri", "perjanjian")
STAGES = (
    "didaftarkan",
    "musyawarah",
    "fasilitasi",
    "keputusan",
    "pelaksanaan",
    "bukan_wewenang",
    "damai",
    "dicabut",
    "selesai",
)
OUTCOME_OF_STAGE = {
    "damai": "damai",
    "selesai": "diputus",
    "dicabut": "dicabut",
    "bukan_wewenang": "bukan_wewenang",
}
OUTCOMES = ("damai", "diputus", "dicabut", "bukan_wewenang", "berjalan")
#: Age bands of open cases, in days since registration: (code, lower bound inclusive, upper bound exclusive).
AGE_BANDS = (("0-90", 0, 91), ("91-180", 91, 181), ("181-365", 181, 366), ("365+", 366, None))
#: Counts from 1 up to this are suppressed in a view that must not let a case be recognised.
SMALL_CELL_MAX = 2


@dataclass(frozen=True)
class CaseFacts:
    """What the statistics read of one case (no title, number, party name or text)."""

    kind: str
    sector: str
    causes: tuple[str, ...]
    region_codes: tuple[str, ...]
    resolver: str
    resolver_region: str | None
    stage: str
    registered: date
    closed: date | None = None

    @property
    def year(self) -> int:
        return self.registered.year

    @property
    def provinces(self) -> frozenset[str]:
        """The provinces concerned: those of the region parties and of the resolver."""
        codes = [*self.region_codes, *([self.resolver_region] if self.resolver_region else [])]
        return frozenset(province_of(c) for c in codes)


@dataclass(frozen=True)
class Row:
    code: str
    values: tuple[int | None, ...]


@dataclass(frozen=True)
class Table:
    """One table of figures: ``columns`` name the values of each row (the first is what a chart draws)."""

    key: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    #: True when a case may be counted in several rows (causes): the rows need not add up to the cases.
    multi: bool = False

    def column(self, index: int = 0) -> list[int | None]:
        return [row.values[index] for row in self.rows]


@dataclass(frozen=True)
class Summary:
    total: int | None
    tables: dict[str, Table] = field(default_factory=dict)
    suppressed: bool = False


def province_of(code: str) -> str:
    """``"34.71"`` -> ``"34"``: the first segment of a Kemendagri code is its province."""
    return code.split(".", 1)[0]


def _level(code: str) -> str:
    return "provinsi" if "." not in code else "kabkota"


def pair_key(a: str, b: str) -> str:
    """The Pasal 364(2) pairing of two distinct regions, by their codes (the same reading as
    ``rulebook.ReferenceData.pairing``: the province of a kab/kota is its code's first segment, R5)."""
    la, lb = _level(a), _level(b)
    if la == lb == "provinsi":
        return PAIRINGS[0].key
    if la == lb == "kabkota":
        return PAIRINGS[4].key if province_of(a) == province_of(b) else PAIRINGS[3].key
    prov, kk = (a, b) if la == "provinsi" else (b, a)
    return PAIRINGS[1].key if province_of(kk) == prov else PAIRINGS[2].key


def pairing_of(case: CaseFacts) -> str:
    if case.kind == "KSDPK":
        return "ksdpk"
    if case.kind == "SINERGI":
        return "sinergi"
    codes = sorted(set(case.region_codes))
    if len(codes) < 2:
        return "lainnya"
    keys = {pair_key(a, b) for a, b in combinations(codes, 2)}
    return keys.pop() if len(keys) == 1 else "campuran"


def outcome_of(stage: str) -> str:
    return OUTCOME_OF_STAGE.get(stage, "berjalan")


def duration_days(case: CaseFacts) -> int | None:
    """Registration -> closure in days (None while open)."""
    if case.closed is None or outcome_of(case.stage) == "berjalan":
        return None
    return max(0, (case.closed - case.registered).days)


def percentile(values: Sequence[int], q: float) -> int | None:
    """Nearest-rank percentile (``q`` in (0, 100]): the smallest value with at least q% of values at or below
    it; ``None`` for no values. Median = ``percentile(values, 50)``."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def filter_cases(
    cases: Iterable[CaseFacts], *, year: int | None = None, province: str | None = None
) -> list[CaseFacts]:
    return [
        c for c in cases if (year is None or c.year == year) and (province is None or province in c.provinces)
    ]


def _count(
    cases: Sequence[CaseFacts], codes: Sequence[str], keys: Callable[[CaseFacts], Iterable[str]]
) -> dict[str, int]:
    counts = dict.fromkeys(codes, 0)
    for case in cases:
        for key in set(keys(case)):
            counts[key] = counts.get(key, 0) + 1
    return counts


def _single(
    key: str, cases: Sequence[CaseFacts], codes: Sequence[str], of: Callable[[CaseFacts], str]
) -> Table:
    counts = _count(cases, codes, lambda c: (of(c),))
    return Table(key, ("count",), tuple(Row(code, (n,)) for code, n in counts.items()))


def summarise(cases: Sequence[CaseFacts], *, today: date) -> Summary:
    """Every table of the dashboards and exports over ``cases`` (already filtered)."""
    tables = [
        _single("sector", cases, SECTORS, lambda c: c.sector),
        Table(
            "cause",
            ("count",),
            tuple(Row(k, (n,)) for k, n in _count(cases, CAUSES, lambda c: c.causes).items()),
            multi=True,
        ),
        _single("pairing", cases, PAIRING_CODES, pairing_of),
        _single("resolver", cases, RESOLVERS, lambda c: c.resolver),
        _single("stage", cases, STAGES, lambda c: c.stage),
        _single("outcome", cases, OUTCOMES, lambda c: outcome_of(c.stage)),
        _years(cases),
        _durations(cases),
        _ages(cases, today),
    ]
    return Summary(total=len(cases), tables={t.key: t for t in tables})


def _years(cases: Sequence[CaseFacts]) -> Table:
    """One pass: per year of registration, the cases and their outcomes."""
    per_year: dict[int, dict[str, int]] = {}
    for case in cases:
        counts = per_year.setdefault(case.year, dict.fromkeys(OUTCOMES, 0))
        counts[outcome_of(case.stage)] += 1
    rows = tuple(
        Row(str(year), (sum(counts.values()), *(counts[o] for o in OUTCOMES)))
        for year, counts in sorted(per_year.items())
    )
    return Table("year", ("count", *OUTCOMES), rows)


def _durations(cases: Sequence[CaseFacts]) -> Table:
    """Per closing outcome and overall: closed cases, median and p90 of days from registration to closure."""
    rows = []
    closed = [(outcome_of(c.stage), d) for c in cases if (d := duration_days(c)) is not None]
    for code in (*OUTCOMES[:-1], "semua"):
        days = [d for o, d in closed if code in ("semua", o)]
        rows.append(Row(code, (len(days), percentile(days, 50), percentile(days, 90))))
    return Table("duration", ("count", "median_days", "p90_days"), tuple(rows))


def _ages(cases: Sequence[CaseFacts], today: date) -> Table:
    def band(case: CaseFacts) -> tuple[str, ...]:
        age = max(0, (today - case.registered).days)
        return tuple(code for code, low, high in AGE_BANDS if age >= low and (high is None or age < high))

    open_cases = [c for c in cases if outcome_of(c.stage) == "berjalan"]
    counts = _count(open_cases, [b[0] for b in AGE_BANDS], band)
    return Table("age", ("count",), tuple(Row(k, (n,)) for k, n in counts.items()))


def _hide(value: int | None) -> int | None:
    return None if value is not None and 1 <= value <= SMALL_CELL_MAX else value


def suppress(summary: Summary) -> Summary:
    """Counts 1-2 become ``None`` (shown "<3") in every count column. The duration table keeps its day
    figures only where at least three closed cases stand behind them (a median of one case is that case)."""
    tables = {}
    for key, table in summary.tables.items():
        rows = []
        for row in table.rows:
            if key == "duration":
                n = row.values[0]
                hidden = n is not None and 1 <= n <= SMALL_CELL_MAX
                rows.append(Row(row.code, (_hide(n), *(None if hidden else v for v in row.values[1:]))))
            else:
                rows.append(Row(row.code, tuple(_hide(v) for v in row.values)))
        tables[key] = replace(table, rows=tuple(rows))
    return replace(summary, total=_hide(summary.total), tables=tables, suppressed=True)

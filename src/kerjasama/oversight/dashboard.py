"""The figures of the oversight dashboards (issue 13 item 1): for the country, each province and each autonomous
kab/kota, computed together in a fixed number of queries whatever the data size, then stored as
:class:`~kerjasama.oversight.models.DashboardSnapshot` rows (``dashboard_services``) the pages read.

Legal basis: Kemendagri oversees regional cooperation nationally (UU 23/2014 Pasal 373; PP 12/2017 Pasal 2, 5),
the governor as central government's representative supervises the kab/kota of the province (UU 23/2014
Pasal 91; PP 12/2017 Pasal 24), and the regions report their cooperation upward (PP 28/2018 Pasal 37;
Permendagri 22/2020 Pasal 29, the semester report).

Scope (a Jawa Barat figure never counts a Jawa Tengah agreement):

* an agreement counts in the scope of each of its region parties, in the province of each, and nationally;
* a region's own duties (mapping, TKKSD decree, semester report) count in its own scope, its province's and
  the national one;
* a dispute counts where ``disputes.statistics.filter_cases`` counts it (the provinces of its region parties
  and of its resolver) and in the scope of each region party.

Every figure is a count; the figures hold codes, never titles or names of persons, so a snapshot may be stored
and exported. Labels are given at display time, in the reader's language (``dashboard_views``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from typing import Any

from django.db.models import Q
from django.utils import timezone

from kerjasama.agreements.choices import AgreementCategory, AgreementStage, AgreementType
from kerjasama.agreements.models import Agreement, AgreementParty
from kerjasama.disputes import statistics
from kerjasama.disputes.models import RiskAssessment
from kerjasama.disputes.stats_data import case_facts
from kerjasama.mapping.choices import IdentificationStatus
from kerjasama.mapping.models import Identification
from kerjasama.regions.models import Region
from kerjasama.reports.choices import SENT_STATUSES
from kerjasama.reports.conf import report_settings
from kerjasama.reports.domain.periods import recent_periods
from kerjasama.reports.models import PeriodicReport
from kerjasama.tkksd.models import Decree

NATIONAL = "nasional"
#: How many years the "new" and "ending" tables cover (the current one included).
YEARS = 10
#: The dispute tables the dashboards show (of ``disputes.statistics.summarise``).
DISPUTE_TABLES = ("sector", "cause", "stage")
#: Early-warning bands (``disputes.early_warning``): 1 lowest, 5 highest; "at risk" is 3 and above.
RISK_BANDS = ("1", "2", "3", "4", "5")
AT_RISK_BAND = 3
_REPORTED = (IdentificationStatus.SUBMITTED, IdentificationStatus.VERIFIED, IdentificationStatus.PUBLISHED)
_VERIFIED = (IdentificationStatus.VERIFIED, IdentificationStatus.PUBLISHED)


def province_of(code: str) -> str:
    return code.split(".", 1)[0]


def level_of(scope: str) -> str:
    if scope == NATIONAL:
        return "nasional"
    return "provinsi" if "." not in scope else "kabkota"


def pairing_of(kind: str, codes: Iterable[str]) -> str:
    """The kind of parties of an agreement, with the codes of the dispute statistics (the five pairings of UU
    23/2014 Pasal 364(2), ``ksdpk``, ``sinergi``, ``campuran``, ``lainnya``)."""
    if kind == AgreementType.KSDPK:
        return "ksdpk"
    if kind == AgreementType.SINERGI:
        return "sinergi"
    distinct = sorted(set(codes))
    if len(distinct) < 2:
        return "lainnya"
    keys = {statistics.pair_key(a, b) for a, b in combinations(distinct, 2)}
    return keys.pop() if len(keys) == 1 else "campuran"


@dataclass
class _Scope:
    agreements: int = 0
    by_type: Counter[str] = field(default_factory=Counter)
    by_category: Counter[str] = field(default_factory=Counter)
    by_affair: Counter[str] = field(default_factory=Counter)
    by_pairing: Counter[str] = field(default_factory=Counter)
    by_stage: Counter[str] = field(default_factory=Counter)
    new: Counter[str] = field(default_factory=Counter)
    ending: Counter[str] = field(default_factory=Counter)
    risk: Counter[str] = field(default_factory=Counter)
    regions: int = 0
    mapping_reported: int = 0
    mapping_verified: int = 0
    decree: int = 0
    report_received: int = 0
    cases: list[statistics.CaseFacts] = field(default_factory=list)
    #: Per child region (the provinces of the country; a province itself and its kab/kota).
    children: dict[str, dict[str, Any]] = field(default_factory=dict)


def _rows(codes: Iterable[str], counts: Counter[str]) -> list[list[Any]]:
    return [[code, counts.get(code, 0)] for code in codes]


def _scopes_of(codes: Iterable[str]) -> set[str]:
    out = {NATIONAL}
    for code in codes:
        out.add(code)
        out.add(province_of(code))
    return out


def latest_report_period(today: date) -> Any:
    """The most recent semester (or year, as configured) whose report is already due (Permendagri 22/2020
    Pasal 29), or ``None``."""
    rs = report_settings()
    for period in recent_periods(today, rs.period, 4):
        if period.due(rs.due_days) < today:
            return period
    return None  # pragma: no cover - one of four past periods is always due


def compute_all(*, today: date | None = None) -> dict[str, dict[str, Any]]:
    """The figures of every scope (``NATIONAL``, each province code, each autonomous kab/kota code): eleven
    queries whatever the number of regions, agreements and cases."""
    today = today or timezone.localdate()
    now = timezone.now()
    regions = list(
        Region.objects.filter(is_autonomous=True).order_by("code").values("code", "name", "province_id")
    )
    names = {r["code"]: r["name"] for r in regions}
    scopes: dict[str, _Scope] = defaultdict(_Scope)
    scopes[NATIONAL] = _Scope()
    for r in regions:
        scopes[r["code"]] = _Scope()

    parties: dict[int, list[str]] = defaultdict(list)
    for agreement_id, region_id in (
        AgreementParty.objects.filter(region__isnull=False)
        .order_by()
        .values_list("agreement_id", "region_id")
    ):
        parties[agreement_id].append(region_id)
    affairs: dict[int, list[str]] = defaultdict(list)
    for agreement_id, affair_id in Agreement.affairs.through.objects.order_by().values_list(
        "agreement_id", "affair_id"
    ):
        affairs[agreement_id].append(affair_id)
    bands = dict(RiskAssessment.objects.order_by().values_list("agreement_id", "band"))
    first_year = today.year - YEARS + 1
    per_child_agreements: dict[str, Counter[str]] = defaultdict(Counter)
    for a in Agreement.objects.order_by().values(
        "pk", "type", "category", "stage", "term_start", "term_end", "ended_on", "created_at"
    ):
        codes = parties.get(a["pk"], [])
        in_scopes = _scopes_of(codes)
        cancelled = a["stage"] == AgreementStage.DIBATALKAN
        started = a["term_start"] or timezone.localdate(a["created_at"])
        ended = a["ended_on"] or (a["term_end"] if a["term_end"] and a["term_end"] <= today else None)
        pairing = pairing_of(a["type"], codes)
        for key in in_scopes:
            s = scopes[key]
            s.by_stage[a["stage"]] += 1
            if cancelled:
                continue
            s.agreements += 1
            s.by_type[a["type"]] += 1
            s.by_category[a["category"] or "-"] += 1
            s.by_pairing[pairing] += 1
            for affair in set(affairs.get(a["pk"], ())):
                s.by_affair[affair] += 1
            if first_year <= started.year <= today.year:
                s.new[str(started.year)] += 1
            if ended is not None and first_year <= ended.year <= today.year:
                s.ending[str(ended.year)] += 1
            band = bands.get(a["pk"])
            if band is not None:
                s.risk[str(band)] += 1
        if not cancelled:
            # Children: a province counts in the national table, a region in its province's table.
            for prov in {province_of(c) for c in codes}:
                per_child_agreements[NATIONAL][prov] += 1
            for code in set(codes):
                per_child_agreements[province_of(code)][code] += 1

    # The regions' own duties (four queries).
    reported: set[str] = set()
    verified: set[str] = set()
    for row in (
        Identification.objects.order_by()
        .values("region_id", "status")
        .filter(Q(status__in=_REPORTED))
        .distinct()
    ):
        reported.add(row["region_id"])
        if row["status"] in _VERIFIED:
            verified.add(row["region_id"])
    decreed = set(
        Decree.objects.filter(period_start__lte=today)
        .filter(Q(period_end__isnull=True) | Q(period_end__gte=today))
        .order_by()
        .values_list("region_id", flat=True)
        .distinct()
    )
    period = latest_report_period(today)
    received: set[str] = set()
    if period is not None:
        received = set(
            PeriodicReport.objects.filter(
                period_kind=report_settings().period, period_start=period.start, status__in=SENT_STATUSES
            )
            .order_by()
            .values_list("region_id", flat=True)
            .distinct()
        )
    for r in regions:
        code = r["code"]
        duties = {
            "mapping_reported": code in reported,
            "mapping_verified": code in verified,
            "decree": code in decreed,
            "report_received": code in received,
        }
        for key in _scopes_of([code]):
            s = scopes[key]
            s.regions += 1
            s.mapping_reported += int(duties["mapping_reported"])
            s.mapping_verified += int(duties["mapping_verified"])
            s.decree += int(duties["decree"])
            s.report_received += int(duties["report_received"])
        prov = province_of(code)
        child = {"code": code, "name": r["name"], **duties}
        scopes[prov].children[code] = child
        if code == prov:
            scopes[NATIONAL].children[code] = {"code": code, "name": r["name"]}

    # Disputes (two queries): the provinces of the parties and the resolver, and each region party.
    for case in case_facts():
        keys = {NATIONAL, *case.provinces, *case.region_codes}
        for key in keys:
            if key in scopes:
                scopes[key].cases.append(case)

    out: dict[str, dict[str, Any]] = {}
    empty_disputes = statistics.summarise([], today=today)
    for key, s in scopes.items():
        summary = statistics.summarise(s.cases, today=today) if s.cases else empty_disputes
        years = [str(y) for y in range(first_year, today.year + 1)]
        children = _children(key, s, per_child_agreements, scopes, names)
        out[key] = {
            "scope": key,
            "level": level_of(key),
            "computed_at": now.isoformat(),
            "today": today.isoformat(),
            "report_period": period.label if period is not None else "",
            "totals": {
                "agreements": s.agreements,
                "regions": s.regions,
                "mapping_reported": s.mapping_reported,
                "mapping_verified": s.mapping_verified,
                "decree": s.decree,
                "report_received": s.report_received,
                "disputes": summary.total,
                "at_risk": sum(n for band, n in s.risk.items() if int(band) >= AT_RISK_BAND),
            },
            "tables": {
                "type": _rows(AgreementType.values, s.by_type),
                "category": _rows([*AgreementCategory.values, "-"], s.by_category),
                "affair": sorted(([k, v] for k, v in s.by_affair.items()), key=lambda kv: (-kv[1], kv[0])),
                "pairing": _rows(statistics.PAIRING_CODES, s.by_pairing),
                "stage": _rows(AgreementStage.values, s.by_stage),
                "new": _rows(years, s.new),
                "ending": _rows(years, s.ending),
                "mapping": [
                    ["regions", s.regions],
                    ["reported", s.mapping_reported],
                    ["verified", s.mapping_verified],
                ],
                "tkksd": [["regions", s.regions], ["decree", s.decree]],
                "reports": [["regions", s.regions], ["received", s.report_received]],
                "risk": _rows(RISK_BANDS, s.risk),
                **{
                    f"dispute_{name}": [[row.code, row.values[0]] for row in summary.tables[name].rows]
                    for name in DISPUTE_TABLES
                },
            },
            "children": children,
        }
    return out


def _children(
    key: str,
    s: _Scope,
    per_child_agreements: dict[str, Counter[str]],
    scopes: dict[str, _Scope],
    names: dict[str, str],
) -> list[dict[str, Any]]:
    """The rows of the drill-down table: the provinces of the country, or a province itself and its kab/kota,
    each with its agreements and duties."""
    level = level_of(key)
    if level == "kabkota":
        return []
    rows = []
    for code, child in sorted(s.children.items()):
        if level == "nasional":
            c = scopes[code]
            rows.append(
                {
                    "code": code,
                    "name": names.get(code, code),
                    "agreements": per_child_agreements[NATIONAL].get(code, 0),
                    "regions": c.regions,
                    "mapping_reported": c.mapping_reported,
                    "mapping_verified": c.mapping_verified,
                    "decree": c.decree,
                    "report_received": c.report_received,
                }
            )
        else:
            rows.append({**child, "agreements": per_child_agreements[key].get(code, 0)})
    return rows

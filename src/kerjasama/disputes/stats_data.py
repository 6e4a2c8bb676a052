"""The database side of the dispute statistics: the cases as :class:`~kerjasama.disputes.statistics.CaseFacts`
(two queries, whatever the number of cases), the labels of every code, the anonymised lessons of a year, and
the XLSX of the tables.

WHO SEES WHAT (docs/disputes.md, "Statistics"): the figures count ALL cases, not only those the viewer may see:
they are aggregate counts without a title, number, party or text, and issue 13 item 3 publishes aggregate
dispute statistics on the public register, so an aggregate count is not confidential. The provincial view
suppresses counts 1-2 for a viewer without national scope (``statistics.suppress``), because in one province
a small count next to a sector and a pairing can point at a case the governor's office is not party to. The
lessons (text) leave the system only anonymised and only to the ministry (the annual PDF).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from kerjasama.core import xlsx
from kerjasama.disputes.choices import Cause, DisputeStage, Resolver, Sector
from kerjasama.disputes.models import Dispute, DisputeLesson, DisputeParty
from kerjasama.disputes.statistics import AGE_BANDS, CaseFacts, Summary, Table
from kerjasama.rulebook.reference import PAIRINGS

OUTCOME_LABELS = {
    "damai": _("Settled by agreement"),
    "diputus": _("Decided and closed"),
    "dicabut": _("Withdrawn"),
    "bukan_wewenang": _("Not our authority"),
    "berjalan": _("Still open"),
    "semua": _("All closed cases"),
}
PAIRING_EXTRA = {
    "ksdpk": _("KSDPK (with a third party)"),
    "sinergi": _("Central-regional synergy"),
    "campuran": _("Several pairings (three or more regions)"),
    "lainnya": _("Other (fewer than two regions)"),
}
TABLE_TITLES = {
    "sector": _("Disputes by sector"),
    "cause": _("Disputes by cause (a case counts once under each of its causes)"),
    "pairing": _("Disputes by pairing of the parties"),
    "resolver": _("Disputes by resolver"),
    "stage": _("Disputes by stage reached"),
    "outcome": _("Disputes by outcome"),
    "year": _("Disputes registered per year, by outcome"),
    "duration": _("Duration from registration to closure (days)"),
    "age": _("Open disputes by age (days since registration)"),
}
COLUMN_LABELS = {
    "count": _("Cases"),
    "median_days": _("Median (days)"),
    "p90_days": _("90th percentile (days)"),
    **OUTCOME_LABELS,
}


def _local_day(value: Any) -> date | None:
    return timezone.localtime(value).date() if value is not None else None


def case_facts() -> list[CaseFacts]:
    """Every case as the statistics read it: two queries (cases, region parties), any number of cases."""
    regions: dict[int, list[str]] = defaultdict(list)
    for dispute_id, region_id in (
        DisputeParty.objects.filter(region__isnull=False).order_by().values_list("dispute_id", "region_id")
    ):
        regions[dispute_id].append(region_id)
    rows = Dispute.objects.order_by().values_list(
        "pk",
        "kind",
        "sector",
        "causes",
        "resolver",
        "resolver_region_id",
        "stage",
        "registered_at",
        "closed_at",
    )
    facts = []
    for pk, kind, sector, causes, resolver, resolver_region, stage, registered_at, closed_at in rows:
        facts.append(
            CaseFacts(
                kind=kind,
                sector=sector,
                causes=tuple(causes or ()),
                region_codes=tuple(regions.get(pk, ())),
                resolver=resolver,
                resolver_region=resolver_region,
                stage=stage,
                registered=_local_day(registered_at) or date.min,
                closed=_local_day(closed_at),
            )
        )
    return facts


def row_label(key: str, code: str) -> str:
    """The label of a row code in the active language."""
    english = translation.get_language() == "en"
    if key == "sector":
        return str(Sector(code).label)
    if key == "cause":
        return str(Cause(code).label)
    if key == "pairing":
        for p in PAIRINGS:
            if p.key == code:
                return f"({p.letter}) {p.label_en if english else p.label_id}"
        return str(PAIRING_EXTRA[code])
    if key == "resolver":
        return str(Resolver(code).label)
    if key == "stage":
        return str(DisputeStage(code).label)
    if key in ("outcome", "duration"):
        return str(OUTCOME_LABELS[code])
    if key == "age":
        return str(_("%(band)s days") % {"band": code})
    return code


def table_rows(table: Table) -> list[tuple[str, tuple[int | None, ...]]]:
    return [(row_label(table.key, row.code), row.values) for row in table.rows]


def headers(table: Table) -> list[str]:
    first = str(_("Year")) if table.key == "year" else str(_("Category"))
    return [first, *(str(COLUMN_LABELS[c]) for c in table.columns)]


def cell(value: int | None) -> int | str:
    """A figure as the XLSX and the pages show it: a suppressed cell is the text "<3", an absent one "-"."""
    return "<3" if value is None else value


def summary_xlsx(summary: Summary, *, heading: Sequence[str], keys: Sequence[str] | None = None) -> bytes:
    """One sheet per table, exactly the figures of the page (a suppressed cell is "<3"); ``heading``: the
    lines above every table (title, period, "data per tanggal")."""
    book = xlsx.new_workbook()
    book.remove(book.active)
    for key in keys or list(summary.tables):
        table = summary.tables[key]
        sheet = book.create_sheet(title=key[:31])
        for line in heading:
            xlsx.append_row(sheet, [line])
        xlsx.append_row(sheet, [str(TABLE_TITLES[key])])
        xlsx.append_row(sheet, headers(table))
        for label, values in table_rows(table):
            shown = [_duration_cell(table, i, v) for i, v in enumerate(values)]
            xlsx.append_row(sheet, [label, *shown])
    return xlsx.to_bytes(book)


def _duration_cell(table: Table, index: int, value: int | None) -> int | str:
    """In the duration table a day figure without closed cases is "-" (no figure), not a suppressed cell."""
    if table.key == "duration" and index > 0 and value is None and table.rows:
        return "-"
    return cell(value)


#: What replaces a party's name in a published lesson.
PARTY_PLACEHOLDER = "[pihak]"


def anonymise(text: str, names: Sequence[str]) -> str:
    """``text`` with every party name (case-insensitive, longest first) replaced by ``[pihak]``."""
    every = set()
    for name in names:
        name = (name or "").strip()
        if not name:
            continue
        every.add(name)
        # "Kota Bandung" is also written "Bandung" (too short a remainder would blank common words: 4+ letters).
        for prefix in ("Kota ", "Kabupaten ", "Kab. ", "Provinsi "):
            if name.startswith(prefix) and len(name) - len(prefix) >= 4:
                every.add(name[len(prefix) :])
    for name in sorted(every, key=len, reverse=True):
        text = re.sub(re.escape(name), PARTY_PLACEHOLDER, text, flags=re.IGNORECASE)
    return text


def lessons_of_year(year: int) -> list[dict[str, str]]:
    """The lessons recorded in ``year``, anonymised: no case number, title or party name; only the case's
    sector and kind stand beside the text (two queries)."""
    lessons = list(
        DisputeLesson.objects.filter(recorded_at__year=year)
        .select_related("dispute")
        .order_by("recorded_at", "id")
    )
    names: dict[int, list[str]] = defaultdict(list)
    parties = DisputeParty.objects.filter(dispute_id__in={lesson.dispute_id for lesson in lessons})
    for party in parties.select_related("region", "organisation"):
        names[party.dispute_id].append(party.name)
        if party.region_id:
            names[party.dispute_id].append(party.region_id)
    return [
        {
            "sector": str(Sector(lesson.dispute.sector).label),
            "kind": lesson.dispute.get_kind_display(),
            "text": anonymise(lesson.text, names[lesson.dispute_id]),
        }
        for lesson in lessons
    ]


__all__ = ["AGE_BANDS", "case_facts", "lessons_of_year", "summary_xlsx"]

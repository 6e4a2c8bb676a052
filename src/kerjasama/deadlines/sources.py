"""The deadline sources this app provides (registered in ``DeadlinesConfig.ready``).

``agreements.expiry``: an agreement in force (*pelaksanaan*) has two dates to act on before it ends by the
expiry of its term (PP 28/2018 Pasal 9(1) huruf a for a KSDD, Pasal 22 for a KSDPK): its notice date (the date
the PKS says the parties must give notice of renewal or ending) and its end of term. Their reminder leads
(180/90/30 calendar days) are a local-policy setting (``conf.expiry_leads``). Agreements the lifecycle hook
names as superseded (renewed or extended into a successor, ``registry.set_superseded_hook``) are skipped, so
their pending reminders are cancelled at the next planning.

``agreements.stages``: the rulebook's stage clocks (``rulebook.stages.deadline_rules`` / ``compute_deadline``),
in Indonesian working days (UU 23/2014 Pasal 1 angka 50; ``rulebook.workdays``). Each clock's length is a
rulebook setting; ``None`` (the default for KSDD/KSDPK: no limit was found in PP 28/2018, R31 [U]) means no
clock and no item. A missed clock never makes anything "deemed approved" (R31). Start dates: the day the
agreement entered the clock's first stage (its row history), the last party's KB signature for the KB → PKS
clock, each DPRD request's ``requested_on`` for the DPRD decision (one item per requesting region).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.db.models import Max, Min, Q, QuerySet

from kerjasama.agreements.choices import AgreementStage, DprdOutcome, RecordedDocumentKind
from kerjasama.agreements.clocks import CLOCK_LABELS
from kerjasama.agreements.models import Agreement, AgreementDocument, AgreementParty, DprdApproval
from kerjasama.deadlines import conf
from kerjasama.deadlines.registry import DeadlineItem, DeadlineWindow, superseded_ids
from kerjasama.rulebook.stages import TABLES, compute_deadline
from kerjasama.rulebook.workdays import WorkingCalendar

EXPIRY = "agreements.expiry"
STAGES = "agreements.stages"


def agreement_url(pk: int) -> str:
    return f"/kerja-sama/{pk}/"


def _scoped(qs: QuerySet[Agreement], window: DeadlineWindow) -> QuerySet[Agreement]:
    if window.agreement_ids is not None:
        qs = qs.filter(pk__in=window.agreement_ids)
    if window.regions is not None or window.organisations is not None:
        wanted = Q(region_id__in=list(window.regions or ())) | Q(
            organisation_id__in=list(window.organisations or ())
        )
        qs = qs.filter(pk__in=AgreementParty.objects.filter(wanted).values("agreement_id"))
    return qs


def _owners(agreement_ids: Iterable[int]) -> dict[int, tuple[tuple[str, ...], tuple[int, ...]]]:
    """Party regions and party organisations of each agreement (one query)."""
    regions: dict[int, list[str]] = defaultdict(list)
    organisations: dict[int, list[int]] = defaultdict(list)
    rows = (
        AgreementParty.objects.filter(agreement_id__in=list(agreement_ids))
        .order_by()  # the model's ordering joins the agreements to sort a set read whole
        .values_list("agreement_id", "region_id", "organisation_id")
    )
    for agreement_id, region_id, organisation_id in rows:
        if region_id:
            regions[agreement_id].append(region_id)
        if organisation_id:
            organisations[agreement_id].append(organisation_id)
    return {
        pk: (tuple(sorted(regions[pk])), tuple(sorted(organisations[pk])))
        for pk in set(regions) | set(organisations)
    }


def expiry_items(window: DeadlineWindow) -> list[DeadlineItem]:
    """The notice date and the end of term of every agreement in force inside the window."""
    in_window = Q(notice_date__range=(window.start, window.end)) | Q(
        term_end__range=(window.start, window.end)
    )
    rows = list(
        _scoped(Agreement.objects.filter(in_window, stage=AgreementStage.PELAKSANAAN), window)
        .order_by()
        .values_list("pk", "title", "notice_date", "term_end")
    )
    skip = superseded_ids([r[0] for r in rows])
    rows = [r for r in rows if r[0] not in skip]
    owners = _owners(r[0] for r in rows)
    leads = conf.expiry_leads()
    items: list[DeadlineItem] = []
    for pk, title, notice_date, term_end in rows:
        regions, organisations = owners.get(pk, ((), ()))
        common: dict[str, Any] = {
            "source": EXPIRY,
            "agreement_id": pk,
            "owner_regions": regions,
            "owner_organisations": organisations,
            "lead_days": leads,
            "url": agreement_url(pk),
        }
        if notice_date is not None and window.start <= notice_date <= window.end:
            items.append(
                DeadlineItem(
                    key=f"agreement:{pk}:notice",
                    title_id=f"Batas pemberitahuan perpanjangan/pengakhiran: {title}",
                    title_en=f"Notice date for renewal or ending: {title}",
                    due=notice_date,
                    basis="PKS (jangka waktu); PP 28/2018 Pasal 9(1) huruf a, 22",
                    **common,
                )
            )
        if term_end is not None and window.start <= term_end <= window.end:
            items.append(
                DeadlineItem(
                    key=f"agreement:{pk}:expiry",
                    title_id=f"Jangka waktu kerja sama berakhir: {title}",
                    title_en=f"The agreement's term ends: {title}",
                    due=term_end,
                    basis="PP 28/2018 Pasal 9(1) huruf a, 22 (berakhirnya jangka waktu)",
                    **common,
                )
            )
    return items


def _entered(agreement_ids: list[int], stage: str) -> dict[int, date]:
    """The day each agreement first entered ``stage`` (its row history; one query)."""
    history = Agreement.history.model
    rows = (
        history.objects.filter(id__in=agreement_ids, stage=stage)
        .values("id")
        .annotate(first=Min("history_date"))
        .values_list("id", "first")
    )
    return {pk: first.date() for pk, first in rows}


def _kb_signed(agreement_ids: list[int]) -> dict[int, date]:
    """The day the last party signed the KB (the party stamps; one query)."""
    rows = (
        AgreementParty.objects.filter(agreement_id__in=agreement_ids, kb_signed_at__isnull=False)
        .values("agreement_id")
        .annotate(last=Max("kb_signed_at"))
        .values_list("agreement_id", "last")
    )
    return {pk: last.date() for pk, last in rows}


def _offer_dated(agreement_ids: list[int]) -> dict[int, date]:
    """The date of each agreement's offer letter (the recorded ``penawaran`` document; one query)."""
    rows = (
        AgreementDocument.objects.filter(
            agreement_id__in=agreement_ids, kind=RecordedDocumentKind.PENAWARAN, dated__isnull=False
        )
        .values("agreement_id")
        .annotate(last=Max("dated"))
        .values_list("agreement_id", "last")
    )
    return dict(rows)


def stage_clock_items(window: DeadlineWindow) -> list[DeadlineItem]:
    """Every running stage clock whose due date falls inside the window (none while its parameter is None)."""
    from kerjasama.compliance.selectors import rulebook_settings

    rules_settings = rulebook_settings()
    calendar = WorkingCalendar.from_settings(rules_settings)
    leads = conf.stage_leads()
    items: list[DeadlineItem] = []
    for kind, table in sorted(TABLES.items()):
        for rule in table.deadlines:
            if getattr(rules_settings, rule.parameter, None) is None:
                continue
            rows = list(
                _scoped(Agreement.objects.filter(type=kind, stage__in=rule.stages), window)
                .order_by()
                .values_list("pk", "title", "stage")
            )
            if not rows:
                continue
            ids = [r[0] for r in rows]
            owners = _owners(ids)
            titles = {pk: title for pk, title, _stage in rows}
            starts: list[tuple[int, str, date, tuple[str, ...]]] = []  # (agreement, suffix, start, regions)
            if rule.starts_on == "permohonan_dprd":
                for approval in DprdApproval.objects.filter(
                    agreement_id__in=ids, outcome=DprdOutcome.PENDING
                ).values_list("agreement_id", "region_id", "requested_on"):
                    starts.append((approval[0], f":{approval[1]}", approval[2], (approval[1],)))
            else:
                if rule.starts_on == "kb_ditandatangani":
                    found = _kb_signed(ids)
                    found = {**_entered(ids, "kb_ditandatangani"), **found}
                elif rule.starts_on == "penawaran_dikirim":
                    # The offer letter's date, as the agreement page's clock counts (agreements.clocks);
                    # the day it entered penawaran where no letter date is recorded.
                    found = {**_entered(ids, "penawaran"), **_offer_dated(ids)}
                else:  # laporan_terakhir: from entering implementation until the monev app reports
                    found = _entered(ids, table.active)
                for pk, start in found.items():
                    starts.append((pk, "", start, owners.get(pk, ((), ()))[0]))
            for pk, suffix, start, regions in starts:
                deadline = compute_deadline(rule, start, rules_settings, calendar)
                if deadline is None or not (window.start <= deadline.due <= window.end):
                    continue
                items.append(
                    DeadlineItem(
                        key=f"agreement:{pk}:clock:{rule.name}{suffix}",
                        title_id=f"Tenggat {CLOCK_LABELS.get(rule.name, (rule.name,))[0].lower()} "
                        f"({deadline.days} hari kerja): {titles[pk]}",
                        title_en=f"Deadline: {CLOCK_LABELS.get(rule.name, (rule.name, rule.name))[1].lower()} "
                        f"({deadline.days} working days): {titles[pk]}",
                        due=deadline.due,
                        source=STAGES,
                        agreement_id=pk,
                        owner_regions=regions,
                        owner_organisations=() if suffix else owners.get(pk, ((), ()))[1],
                        lead_days=leads,
                        url=agreement_url(pk),
                        basis=f"{rule.rule}; {rule.basis}",
                        working_days=True,
                    )
                )
    return items


def working_days_before(calendar: WorkingCalendar, day: date, days: int) -> date:
    """The working day ``days`` working days before ``day`` (``day`` itself for 0)."""
    while days > 0:
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            days -= 1
    return day

"""Every change to a periodic report upward (house rule 2): generate or refresh a draft, submit, accept, return.

The reporting line is PP 12/2017 Pasal 24 (via PP 28/2018 Pasal 44(5)): a kab/kota reports to the governor as
central government's representative (GWPP), a province to the Minister; frequency and format are local policy
[U] (``reports.conf``). Each service checks policy (``accounts.policy.require``, ``reports.rules``), writes in
one transaction a history row and an audit event; status changes are compare-and-swap through
``core.transitions.transition`` (two officials submitting at once give one submission and one conflict). The
recipient is notified on submit, the author on acceptance or return (with the reason).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone

from kerjasama.accounts.choices import OrganisationKind, Role
from kerjasama.accounts.models import User
from kerjasama.accounts.policy import require
from kerjasama.core import audit
from kerjasama.core.actors import Actor, user_or_none
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import Conflict, ErrorDetail, KerjasamaError
from kerjasama.core.transitions import choice_labels, transition
from kerjasama.notifications.choices import NotificationKind
from kerjasama.notifications.services import notify
from kerjasama.regions.choices import Level
from kerjasama.regions.models import Region
from kerjasama.reports.choices import ReportLevel, ReportStatus
from kerjasama.reports.conf import report_settings
from kerjasama.reports.domain.content import ChildReport, build_region_content, consolidate
from kerjasama.reports.domain.periods import Period, period_starting
from kerjasama.reports.models import (
    NAME_MAX_LENGTH,
    NIP_MAX_LENGTH,
    NUMBER_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    PeriodicReport,
)
from kerjasama.reports.selectors import kabkota_of, report_facts, sent_child_reports

BASIS_ID = "Dasar: PP 28/2018 Pasal 44(5) jo. PP 12/2017 Pasal 24."
BASIS_EN = "Basis: PP 28/2018 Article 44(5) with PP 12/2017 Article 24."
#: A civil servant's NIP (Nomor Induk Pegawai) has 18 digits (PP 11/2017 on civil-service management [U]).
NIP_DIGITS = 18


def _error(code: str, field: str, message_id: str, message_en: str) -> KerjasamaError:
    return KerjasamaError(code, message_id, message_en, [ErrorDetail(field, message_id, message_en)])


def _save(obj: models.Model, *, actor: Actor, action: AuditAction) -> None:
    obj._history_user = user_or_none(actor)  # type: ignore[attr-defined]
    obj._change_reason = action.value  # type: ignore[attr-defined]
    try:
        obj.save()
    finally:
        for attribute in ("_history_user", "_change_reason"):
            obj.__dict__.pop(attribute, None)


def report_url(report: PeriodicReport) -> str:
    return reverse("reports:detail", kwargs={"report_id": report.pk})


def not_found() -> KerjasamaError:
    from kerjasama.core.errors import NotFound

    return NotFound("reports.not_found", "Laporan tidak ditemukan.", "The report was not found.")


def _period(period_start: date) -> Period:
    conf = report_settings()
    period = period_starting(period_start, conf.period)
    if period is None:
        raise _error(
            "reports.period_invalid",
            "period_start",
            f"Tidak ada periode pelaporan ({conf.period}) yang dimulai {period_start:%d-%m-%Y}.",
            f"No reporting period ({conf.period}) starts on {period_start:%d-%m-%Y}.",
        )
    return period


def _content(region: Region, period: Period, today: date) -> tuple[dict[str, Any], list[PeriodicReport]]:
    own = build_region_content(
        region={"code": region.code, "name": region.name, "level": region.level},
        kind=period.kind,
        start=period.start,
        end=period.end,
        label=period.label,
        agreements=report_facts(region, period.start, period.end, today),
    )
    if region.level != Level.PROVINSI:
        return own, []
    children = sent_child_reports(region.code, period.start)
    content = consolidate(
        own,
        [
            ChildReport(
                id=c.pk,
                region_code=c.region_id,
                region_name=c.region.name,
                status=c.status,
                number=c.number,
                submitted_on=timezone.localdate(c.submitted_at) if c.submitted_at else None,
                content=c.content,
            )
            for c in children
        ],
        kabkota_of(region.code),
    )
    return content, children


def _fill(report: PeriodicReport, *, actor: Actor, today: date, refreshed: bool) -> PeriodicReport:
    period = Period(report.period_kind, report.period_start, report.period_end)
    content, children = _content(report.region, period, today)
    report.content = content
    report.generated_at = timezone.now()
    report.is_example = report.is_example or bool(content.get("is_example"))
    _save(report, actor=actor, action=AuditAction.REPORT_GENERATED)
    report.consolidated.set(children)
    audit.record(
        actor=actor,
        action=AuditAction.REPORT_GENERATED,
        obj=report,
        new={
            "region": report.region_id,
            "period": report.period_label,
            "agreements": content["totals"]["agreements"],
            "consolidated": [c.pk for c in children],
            "refreshed": refreshed,
        },
    )
    return report


def _not_draft(report: PeriodicReport) -> Conflict:
    return Conflict(
        "reports.not_draft",
        "Laporan ini sudah diajukan: isinya dibekukan dan tidak dapat disusun ulang.",
        "This report was already submitted: its content is frozen and cannot be regenerated.",
        [ErrorDetail("status", str(report.status), str(report.status))],
    )


@transaction.atomic
def generate_report(
    *, actor: Actor, region: Region, period_start: date, today: date | None = None
) -> PeriodicReport:
    """Draft the report of ``region`` for the period starting ``period_start`` from the data (a province's
    consolidates the kab/kota reports sent to it); a draft already there is refreshed. A submitted report is
    frozen: 409 ``reports.not_draft``."""
    require(actor, "reports.write_region", region)
    today = today or timezone.localdate()
    period = _period(period_start)
    if period.start > today:
        raise _error(
            "reports.period_not_started",
            "period_start",
            f"Periode {period.label} belum dimulai.",
            f"The period {period.label} has not started yet.",
        )
    existing = (
        PeriodicReport.objects.select_for_update().filter(region=region, period_start=period.start).first()
    )
    if existing is not None:
        if existing.status != ReportStatus.DRAFT:
            raise _not_draft(existing)
        return _fill(existing, actor=actor, today=today, refreshed=True)
    report = PeriodicReport(
        region=region,
        level=ReportLevel.PROVINSI if region.level == Level.PROVINSI else ReportLevel.KABKOTA,
        period_kind=period.kind,
        period_start=period.start,
        period_end=period.end,
        period_label=period.label,
        generated_at=timezone.now(),
        created_by=user_or_none(actor),
    )
    try:
        with transaction.atomic():
            _save(report, actor=actor, action=AuditAction.REPORT_GENERATED)
    except IntegrityError as exc:  # another official drafted it at the same moment
        raise Conflict(
            "reports.exists",
            "Laporan periode ini baru saja disusun orang lain. Muat ulang halaman.",
            "The report of this period was just drafted by someone else. Reload the page.",
        ) from exc
    return _fill(report, actor=actor, today=today, refreshed=False)


@transaction.atomic
def refresh_report(*, actor: Actor, report: PeriodicReport, today: date | None = None) -> PeriodicReport:
    """Regenerate a draft from the current data (409 ``reports.not_draft`` once submitted)."""
    require(actor, "reports.write", report)
    locked = PeriodicReport.objects.select_for_update().select_related("region").get(pk=report.pk)
    if locked.status != ReportStatus.DRAFT:
        raise _not_draft(locked)
    return _fill(locked, actor=actor, today=today or timezone.localdate(), refreshed=True)


def _text(value: str | None, *, field: str, label_id: str, label_en: str, limit: int, required: bool) -> str:
    text = " ".join((value or "").split()) if limit <= NAME_MAX_LENGTH else (value or "").strip()
    if required and not text:
        raise _error("reports.required", field, f"{label_id} wajib diisi.", f"{label_en} is required.")
    if len(text) > limit:
        raise _error(
            "reports.too_long",
            field,
            f"{label_id} paling panjang {limit} karakter.",
            f"{label_en} has at most {limit} characters.",
        )
    return text


def _recipients(report: PeriodicReport) -> list[User]:
    """Who receives the report: the governor's office of the province (kab/kota), the ministry (province)."""
    users = User.objects.filter(is_active=True, organisation__is_active=True)
    if report.level == ReportLevel.PROVINSI:
        return list(users.filter(role=Role.MINISTRY, organisation__kind=OrganisationKind.KEMENDAGRI))
    return list(users.filter(role=Role.GOVERNOR_OFFICE, organisation__region_id=report.region.province_id))


def _authors(report: PeriodicReport) -> list[User]:
    """Who wrote the report: whoever submitted it and the region's cooperation unit (and, for a province, its
    governor's office)."""
    roles = [Role.COOPERATION_OPERATOR]
    if report.level == ReportLevel.PROVINSI:
        roles.append(Role.GOVERNOR_OFFICE)
    people = list(
        User.objects.filter(
            is_active=True,
            organisation__is_active=True,
            role__in=roles,
            organisation__region_id=report.region_id,
        )
    )
    if report.submitted_by is not None and report.submitted_by not in people:
        people.append(report.submitted_by)
    return people


def _tell(
    *,
    actor: Actor,
    report: PeriodicReport,
    recipients: list[User],
    event: str,
    texts: tuple[str, str],
    reason: str = "",
) -> None:
    status_id, status_en = choice_labels(PeriodicReport, "status")(report.status)
    context: dict[str, Any] = {
        "report_title": f"{report.title} — {report.region.name}",
        "event": f"report_{event}",
        "event_id": texts[0],
        "event_en": texts[1],
        "stage": report.status,
        "stage_id": status_id,
        "stage_en": status_en,
        "actor_name": str(getattr(actor, "full_name", "") or getattr(actor, "username", "") or actor),
    }
    if reason:
        context["reason"] = reason
    stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
    notify(
        actor=actor,
        recipients=recipients,
        kind=NotificationKind.REPORT_UPDATED,
        obj_type=report._meta.label_lower,
        obj_id=report.pk,
        obj_label=str(report)[:300],
        context=context,
        url=report_url(report),
        key=f"report:{report.pk}:{event}:{stamp}",
        region=report.region_id,
    )


@transaction.atomic
def submit_report(
    *,
    actor: Actor,
    report: PeriodicReport,
    number: str,
    signatory_name: str,
    signatory_title: str,
    signatory_nip: str = "",
    report_date: date | None = None,
    unit_notes: str = "",
    today: date | None = None,
) -> PeriodicReport:
    """Sign off and send the draft upward (kab/kota → governor, province → Minister): the letter number, date
    and signatory are typed by the unit; the content generated is frozen from now on. Only after the period
    ended (a report describes a whole period). Compare-and-swap on draft → submitted."""
    require(actor, "reports.write", report)
    today = today or timezone.localdate()
    if report.period_end >= today:
        raise _error(
            "reports.period_not_ended",
            "period",
            f"Periode {report.period_label} belum berakhir ({report.period_end:%d-%m-%Y}); laporan diajukan "
            "setelah periode berakhir. " + BASIS_ID,
            f"The period {report.period_label} has not ended yet ({report.period_end:%d-%m-%Y}); a report is "
            "submitted after its period ends. " + BASIS_EN,
        )
    stamps: dict[str, Any] = {
        "number": _text(
            number,
            field="number",
            label_id="Nomor surat",
            label_en="The letter number",
            limit=NUMBER_MAX_LENGTH,
            required=True,
        ),
        "signatory_name": _text(
            signatory_name,
            field="signatory_name",
            label_id="Nama penanda tangan",
            label_en="The signatory",
            limit=NAME_MAX_LENGTH,
            required=True,
        ),
        "signatory_title": _text(
            signatory_title,
            field="signatory_title",
            label_id="Jabatan penanda tangan",
            label_en="The signatory's title",
            limit=NAME_MAX_LENGTH,
            required=True,
        ),
        "signatory_nip": re.sub(r"\s+", "", signatory_nip or ""),
        "unit_notes": _text(
            unit_notes,
            field="unit_notes",
            label_id="Catatan",
            label_en="The notes",
            limit=TEXT_MAX_LENGTH,
            required=False,
        ),
        "report_date": report_date or today,
        "submitted_at": timezone.now(),
        "submitted_by": user_or_none(actor),
        "return_reason": "",
    }
    nip = stamps["signatory_nip"]
    if nip and (len(nip) != NIP_DIGITS or not nip.isdigit() or len(nip) > NIP_MAX_LENGTH):
        raise _error(
            "reports.nip_invalid",
            "signatory_nip",
            f"NIP terdiri atas {NIP_DIGITS} angka.",
            f"A NIP has {NIP_DIGITS} digits.",
        )
    report = transition(
        report,
        actor=actor,
        action=AuditAction.REPORT_SUBMITTED,
        expected=ReportStatus.DRAFT,
        target=ReportStatus.SUBMITTED,
        stamps=stamps,
        conflict_code="reports.changed",
    )
    _tell(
        actor=actor,
        report=report,
        recipients=_recipients(report),
        event="submitted",
        texts=("Laporan diajukan untuk diperiksa", "Report submitted for review"),
    )
    return report


@transaction.atomic
def accept_report(*, actor: Actor, report: PeriodicReport) -> PeriodicReport:
    """The recipient accepts a submitted report (submitted → accepted)."""
    require(actor, "reports.review", report)
    report = transition(
        report,
        actor=actor,
        action=AuditAction.REPORT_ACCEPTED,
        expected=ReportStatus.SUBMITTED,
        target=ReportStatus.ACCEPTED,
        stamps={"reviewed_at": timezone.now(), "reviewed_by": user_or_none(actor)},
        conflict_code="reports.changed",
    )
    _tell(
        actor=actor,
        report=report,
        recipients=_authors(report),
        event="accepted",
        texts=("Laporan diterima", "Report accepted"),
    )
    return report


@transaction.atomic
def return_report(*, actor: Actor, report: PeriodicReport, reason: str) -> PeriodicReport:
    """The recipient returns a submitted report with a reason: back to draft, for the unit to correct and
    submit again (the reason reaches the author)."""
    require(actor, "reports.review", report)
    text = _text(
        reason,
        field="reason",
        label_id="Alasan pengembalian",
        label_en="The reason for returning",
        limit=TEXT_MAX_LENGTH,
        required=True,
    )
    report = transition(
        report,
        actor=actor,
        action=AuditAction.REPORT_RETURNED,
        expected=ReportStatus.SUBMITTED,
        target=ReportStatus.DRAFT,
        stamps={"reviewed_at": timezone.now(), "reviewed_by": user_or_none(actor), "return_reason": text},
        conflict_code="reports.changed",
        reason=text,
    )
    _tell(
        actor=actor,
        report=report,
        recipients=_authors(report),
        event="returned",
        texts=("Laporan dikembalikan untuk diperbaiki", "Report returned for correction"),
        reason=text,
    )
    return report

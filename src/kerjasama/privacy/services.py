"""Every change of the privacy app: receiving and answering a data subject's request, recording and notifying a
breach, escalating a late one. Keyword-only, an ``actor``, one transaction, policy checked, audited with history.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kerjasama.accounts.choices import OrganisationKind, Role
from kerjasama.accounts.models import User
from kerjasama.accounts.policy import require
from kerjasama.core import audit
from kerjasama.core.actors import SYSTEM, Actor, user_or_none
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import KerjasamaError, field_error
from kerjasama.notifications.choices import NotificationKind
from kerjasama.notifications.services import notify
from kerjasama.privacy import conf
from kerjasama.privacy.choices import BreachStatus, RequestKind, RequestStatus
from kerjasama.privacy.domain.clock import due
from kerjasama.privacy.domain.masking import mask_nik
from kerjasama.privacy.models import DataBreach, DataSubjectRequest


def _required(field: str, value: str, label_id: str, label_en: str) -> str:
    text = (value or "").strip()
    if not text:
        raise field_error("privacy.required", field, f"{label_id} wajib diisi.", f"{label_en} is required.")
    return text


def receive_request(
    *,
    actor: Actor,
    kind: str,
    subject_name: str,
    details: str,
    subject_email: str = "",
    subject_nik: str = "",
    received_at: datetime | None = None,
    region: Any = None,
    subject_user: Any = None,
) -> DataSubjectRequest:
    """Register a data subject's request as received; the 3×24-hour clock starts at ``received_at`` (UU 27/2022
    Pasal 32(2) ff. [U]; ``KERJASAMA_PRIVACY_ANSWER_HOURS``)."""
    require(actor, "privacy.manage")
    if kind not in RequestKind.values:
        raise field_error(
            "privacy.bad_kind", "kind", "Jenis permintaan tidak dikenal.", "Unknown request kind."
        )
    name = _required("subject_name", subject_name, "Nama subjek data", "The data subject's name")
    text = _required("details", details, "Isi permintaan", "What is asked")
    nik = re.sub(r"\D", "", subject_nik or "")
    if subject_nik and len(nik) != 16:
        raise field_error(
            "privacy.bad_nik", "subject_nik", "NIK terdiri atas 16 angka.", "A NIK has 16 digits."
        )
    received = received_at or timezone.now()
    with transaction.atomic():
        request = DataSubjectRequest(
            kind=kind,
            region=region,
            subject_user=subject_user,
            subject_name=name,
            subject_email=(subject_email or "").strip(),
            subject_nik=nik,
            details=text,
            received_at=received,
            due_at=due(received, conf.answer_hours()),
            recorded_by=user_or_none(actor),
        )
        audit.save_with_history(request, actor=actor, action=AuditAction.PRIVACY_REQUEST_RECEIVED)
        audit.record(
            actor=actor,
            action=AuditAction.PRIVACY_REQUEST_RECEIVED,
            obj=request,
            # The trail names the request, never the subject's identity number.
            new={"kind": kind, "due_at": request.due_at.isoformat(), "nik": mask_nik(nik)},
        )
    return request


def answer_request(
    *,
    actor: Actor,
    request: DataSubjectRequest,
    answer: str,
    refused: bool = False,
    at: datetime | None = None,
) -> DataSubjectRequest:
    """Answer (or refuse with reasons, Pasal 33-34 [U]) a request; the clock stops at ``at``."""
    require(actor, "privacy.manage", request)
    text = _required("answer", answer, "Jawaban", "The answer")
    with transaction.atomic():
        fresh = DataSubjectRequest.objects.select_for_update().get(pk=request.pk)
        if not fresh.is_open:
            raise KerjasamaError(
                "privacy.already_answered",
                "Permintaan ini sudah dijawab.",
                "This request has already been answered.",
            )
        fresh.status = RequestStatus.REFUSED if refused else RequestStatus.ANSWERED
        fresh.answer = text
        fresh.answered_at = at or timezone.now()
        audit.save_with_history(fresh, actor=actor, action=AuditAction.PRIVACY_REQUEST_ANSWERED)
        audit.record(
            actor=actor,
            action=AuditAction.PRIVACY_REQUEST_ANSWERED,
            obj=fresh,
            new={"status": fresh.status, "late": fresh.answered_at > fresh.due_at},
        )
    return fresh


def record_breach(
    *,
    actor: Actor,
    title: str,
    data_disclosed: str,
    discovered_at: datetime,
    how: str,
    affected: str,
    measures: str,
    occurred_at: datetime | None = None,
    affected_count: int | None = None,
    region: Any = None,
) -> DataBreach:
    """Record a breach; the written notification to the data subjects and the authority is due 3×24 hours after
    discovery (UU 27/2022 Pasal 46(1) [U]; ``KERJASAMA_PRIVACY_BREACH_HOURS``)."""
    require(actor, "privacy.manage")
    values = {
        "title": _required("title", title, "Judul", "The title"),
        "data_disclosed": _required(
            "data_disclosed", data_disclosed, "Data yang terungkap", "The data disclosed"
        ),
        "how": _required("how", how, "Cara terjadinya", "How it happened"),
        "affected": _required("affected", affected, "Pihak terdampak", "Whom it affects"),
        "measures": _required("measures", measures, "Upaya penanganan", "What was done"),
    }
    if discovered_at > timezone.now():
        raise field_error(
            "privacy.future",
            "discovered_at",
            "Waktu diketahui tidak boleh di masa depan.",
            "The discovery cannot be in the future.",
        )
    with transaction.atomic():
        breach = DataBreach(
            **values,
            discovered_at=discovered_at,
            occurred_at=occurred_at,
            affected_count=affected_count,
            region=region,
            due_at=due(discovered_at, conf.breach_hours()),
            recorded_by=user_or_none(actor),
        )
        audit.save_with_history(breach, actor=actor, action=AuditAction.PRIVACY_BREACH_RECORDED)
        audit.record(
            actor=actor,
            action=AuditAction.PRIVACY_BREACH_RECORDED,
            obj=breach,
            new={"title": breach.title, "due_at": breach.due_at.isoformat()},
        )
    return breach


def mark_breach_notified(*, actor: Actor, breach: DataBreach, at: datetime | None = None) -> DataBreach:
    """The written notification went to the data subjects and the authority: the clock stops."""
    require(actor, "privacy.manage", breach)
    with transaction.atomic():
        fresh = DataBreach.objects.select_for_update().get(pk=breach.pk)
        if fresh.status == BreachStatus.NOTIFIED:
            return fresh
        fresh.status = BreachStatus.NOTIFIED
        fresh.notified_at = at or timezone.now()
        audit.save_with_history(fresh, actor=actor, action=AuditAction.PRIVACY_BREACH_NOTIFIED)
        audit.record(
            actor=actor,
            action=AuditAction.PRIVACY_BREACH_NOTIFIED,
            obj=fresh,
            new={"notified_at": fresh.notified_at.isoformat(), "late": fresh.notified_at > fresh.due_at},
        )
    return fresh


def escalation_recipients(region_code: str | None) -> list[User]:
    """The heads of the region's units (``is_unit_head``) and Kemendagri's officials."""
    ministry = Q(role=Role.MINISTRY, organisation__kind=OrganisationKind.KEMENDAGRI)
    heads = Q(is_unit_head=True, organisation__region_id=region_code) if region_code else Q(pk__in=[])
    return list(User.objects.filter(ministry | heads, is_active=True).order_by("pk"))


def _escalate(obj: DataSubjectRequest | DataBreach, *, now: datetime, what_id: str, url: str) -> None:
    obj.escalated_at = now
    action = (
        AuditAction.PRIVACY_REQUEST_ESCALATED
        if isinstance(obj, DataSubjectRequest)
        else AuditAction.PRIVACY_BREACH_ESCALATED
    )
    audit.save_with_history(obj, actor=SYSTEM, action=action)
    recipients = escalation_recipients(obj.region_id)
    audit.record(
        actor=SYSTEM,
        action=action,
        obj=obj,
        new={"due_at": obj.due_at.isoformat(), "recipients": [u.pk for u in recipients]},
        reason="3x24 jam terlampaui / 3x24 hours passed (UU 27/2022)",
    )
    notify(
        actor=SYSTEM,
        recipients=recipients,
        kind=NotificationKind.PRIVACY_OVERDUE,
        obj_type=obj._meta.label_lower,
        obj_id=obj.pk,
        obj_label=what_id,
        context={"what_id": what_id, "due_text": timezone.localtime(obj.due_at).strftime("%d-%m-%Y %H:%M")},
        url=url,
        key=f"{obj._meta.label_lower}:{obj.pk}:overdue",
        region=obj.region_id,
    )


def escalate_late(now: datetime | None = None) -> dict[str, int]:
    """Escalate, once, every open request and unnotified breach past its 3×24 hours (hourly task)."""
    moment = now or timezone.now()
    counts = {"requests": 0, "breaches": 0}
    with transaction.atomic():
        for request in DataSubjectRequest.objects.select_for_update().filter(
            status=RequestStatus.RECEIVED, due_at__lt=moment, escalated_at__isnull=True
        ):
            _escalate(
                request,
                now=moment,
                what_id=f"Permintaan subjek data #{request.pk} ({request.get_kind_display()})",
                url=f"/privasi/permintaan/{request.pk}/",
            )
            counts["requests"] += 1
        for breach in DataBreach.objects.select_for_update().filter(
            status=BreachStatus.OPEN, due_at__lt=moment, escalated_at__isnull=True
        ):
            _escalate(
                breach,
                now=moment,
                what_id=f"Insiden #{breach.pk}: {breach.title}",
                url=f"/privasi/insiden/{breach.pk}/",
            )
            counts["breaches"] += 1
    return counts


def record_download(*, actor: Actor, obj: Any, what: str) -> None:
    """A letter or an access export was produced (each leaves the system with personal data)."""
    action = AuditAction.PRIVACY_DATA_EXPORTED if what == "export" else AuditAction.PRIVACY_LETTER_DOWNLOADED
    audit.record(actor=actor, action=action, obj=obj, new={"what": what})

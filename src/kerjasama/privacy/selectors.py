"""Reads of the privacy app, always scoped (house rule 4), and the access export of a data subject's data."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from kerjasama.accounts.policy import can
from kerjasama.core.errors import NotFound
from kerjasama.privacy.models import DataBreach, DataSubjectRequest


def _not_found() -> NotFound:
    return NotFound("privacy.not_found", "Catatan tidak ditemukan.", "The record was not found.")


def requests_for(user: Any) -> QuerySet[DataSubjectRequest]:
    if not can(user, "privacy.view"):
        return DataSubjectRequest.objects.none()
    return (
        DataSubjectRequest.objects.restrict(user, "view")
        .select_related("region")
        .order_by("status", "due_at", "pk")
    )


def visible_request(user: Any, pk: int) -> DataSubjectRequest:
    found = requests_for(user).filter(pk=pk).first()
    if found is None:
        raise _not_found()
    return found


def breaches_for(user: Any) -> QuerySet[DataBreach]:
    if not can(user, "privacy.view"):
        return DataBreach.objects.none()
    return DataBreach.objects.restrict(user, "view").select_related("region")


def visible_breach(user: Any, pk: int) -> DataBreach:
    found = breaches_for(user).filter(pk=pk).first()
    if found is None:
        raise _not_found()
    return found


def subject_data(request: DataSubjectRequest) -> dict[str, Any]:
    """What the system holds about the request's data subject (the answer to an access request, UU 27/2022
    Pasal 7 and 32 [U]): the account, and every letter and report that names them as signatory."""
    from kerjasama.letters.models import Letter
    from kerjasama.reports.models import PeriodicReport

    user = request.subject_user
    name = request.subject_name.strip()
    account: dict[str, Any] | None = None
    if user is not None:
        account = {
            "username": user.username,
            "full_name": user.full_name,
            "email": user.email,
            "position": user.position,
            "organisation": str(user.organisation) if user.organisation_id else "",
            "role": user.get_role_display(),
            "is_unit_head": user.is_unit_head,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        }
        name = name or user.full_name
    letters = (
        [
            {
                "id": letter.pk,
                "number": letter.number,
                "subject": letter.subject,
                "signer_name": letter.signer_name,
                "signer_nip": letter.signer_nip,
                "signer_title": letter.signer_title,
            }
            for letter in Letter.objects.filter(signer_name__iexact=name).order_by("pk")
        ]
        if name
        else []
    )
    reports = (
        [
            {
                "id": report.pk,
                "signatory_name": report.signatory_name,
                "signatory_nip": report.signatory_nip,
                "signatory_title": report.signatory_title,
            }
            for report in PeriodicReport.objects.filter(signatory_name__iexact=name).order_by("pk")
        ]
        if name
        else []
    )
    return {
        "request": request.pk,
        "subject_name": request.subject_name,
        "account": account,
        "letters_signed": letters,
        "reports_signed": reports,
        "processing_register": "/privasi/",
    }

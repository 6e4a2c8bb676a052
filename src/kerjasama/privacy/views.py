"""The privacy pages (``/privasi/``): the register of processing with its exports, the queue of data subjects'
requests with their 3×24-hour clocks, and the breach log. Only for the officials who handle personal-data duties
(``privacy.view`` / ``privacy.manage``); everyone else gets 404 (the pages' existence is not secret, their
records are)."""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kerjasama.accounts.models import User
from kerjasama.accounts.policy import can
from kerjasama.core.errors import KerjasamaError, NotFound
from kerjasama.core.pages import form_error_text
from kerjasama.privacy import exports, pdf, selectors, services
from kerjasama.privacy.domain.clock import ClockFact, clock
from kerjasama.privacy.domain.register import FIELDS, register_rows
from kerjasama.privacy.forms import DataBreachForm, RequestAnswerForm, SubjectRequestForm
from kerjasama.privacy.models import DataBreach, DataSubjectRequest

_OUTCOME_KEY = "privacy_outcome"


def _allowed(request: HttpRequest) -> None:
    if not request.user.is_authenticated or not can(request.user, "privacy.view"):
        raise Http404


def _clock_text(fact: ClockFact) -> str:
    return fact.text_en() if (get_language() or "id").startswith("en") else fact.text_id()


def _request_clock(item: DataSubjectRequest) -> ClockFact:
    return clock(due_at=item.due_at, now=timezone.now(), stopped_at=item.answered_at)


def _breach_clock(item: DataBreach) -> ClockFact:
    return clock(due_at=item.due_at, now=timezone.now(), stopped_at=item.notified_at)


def _error_outcome(exc: KerjasamaError) -> dict[str, Any]:
    return {"ok": False, "message": exc.message(get_language())}


def _file(content: bytes, content_type: str, name: str) -> HttpResponse:
    answer = HttpResponse(content, content_type=content_type)
    answer["Content-Disposition"] = f'attachment; filename="{name}"'
    answer["Cache-Control"] = "no-store"
    return answer


def register_page(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    return render(
        request,
        "privacy/register.html",
        {"rows": register_rows(), "fields": sorted(FIELDS.items())},
    )


def register_json_download(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    return _file(exports.register_json(), "application/json", "catatan-pemrosesan.json")


def register_xlsx_download(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    return _file(
        exports.register_xlsx(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "catatan-pemrosesan.xlsx",
    )


def requests_page(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    may_manage = can(request.user, "privacy.manage")
    form = SubjectRequestForm(request.POST or None) if may_manage else None
    outcome = request.session.pop(_OUTCOME_KEY, None) if request.method == "GET" else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            subject_user = None
            if data["subject_username"]:
                subject_user = User.objects.filter(username=data["subject_username"].strip()).first()
            try:
                created = services.receive_request(
                    actor=request.user,
                    kind=data["kind"],
                    subject_name=data["subject_name"],
                    subject_email=data["subject_email"],
                    details=data["details"],
                    received_at=data["received_at"],
                    subject_user=subject_user,
                )
            except KerjasamaError as exc:
                outcome, status = _error_outcome(exc), exc.http_status
            else:
                return redirect("privacy:request", pk=created.pk)
        else:
            outcome, status = {"ok": False, "message": form_error_text(form)}, 422
    items = [
        (item, _clock_text(_request_clock(item)), _request_clock(item))
        for item in selectors.requests_for(request.user)
    ]
    return render(
        request,
        "privacy/requests.html",
        {"items": items, "form": form, "outcome": outcome},
        status=status,
    )


def _request(request: HttpRequest, pk: int) -> DataSubjectRequest:
    _allowed(request)
    try:
        return selectors.visible_request(request.user, pk)
    except NotFound:
        raise Http404 from None


def request_page(request: HttpRequest, pk: int) -> HttpResponse:
    item = _request(request, pk)
    may_manage = can(request.user, "privacy.manage") and item.is_open
    form = RequestAnswerForm(request.POST or None) if may_manage else None
    outcome = request.session.pop(_OUTCOME_KEY, None) if request.method == "GET" else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                services.answer_request(
                    actor=request.user,
                    request=item,
                    answer=form.cleaned_data["answer"],
                    refused=form.cleaned_data["refused"],
                )
            except KerjasamaError as exc:
                outcome, status = _error_outcome(exc), exc.http_status
            else:
                request.session[_OUTCOME_KEY] = {
                    "ok": True,
                    "message": _("The answer is recorded; its letter is ready."),
                }
                return redirect("privacy:request", pk=item.pk)
        else:
            outcome, status = {"ok": False, "message": form_error_text(form)}, 422
    fact = _request_clock(item)
    return render(
        request,
        "privacy/request.html",
        {"item": item, "clock": fact, "clock_text": _clock_text(fact), "form": form, "outcome": outcome},
        status=status,
    )


def request_letter(request: HttpRequest, pk: int) -> HttpResponse:
    item = _request(request, pk)
    if item.is_open:
        raise Http404
    services.record_download(actor=request.user, obj=item, what="letter")
    return _file(pdf.request_letter_pdf(item), "application/pdf", f"jawaban-permintaan-{item.pk}.pdf")


def _access_data(request: HttpRequest, pk: int) -> tuple[DataSubjectRequest, dict[str, Any]]:
    item = _request(request, pk)
    if item.kind != "access":
        raise Http404
    services.record_download(actor=request.user, obj=item, what="export")
    return item, selectors.subject_data(item)


def request_export_json(request: HttpRequest, pk: int) -> HttpResponse:
    item, data = _access_data(request, pk)
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str).encode()
    return _file(body, "application/json", f"data-pribadi-{item.pk}.json")


def request_export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    item, data = _access_data(request, pk)
    return _file(
        pdf.access_summary_pdf(item, data), "application/pdf", f"ringkasan-data-pribadi-{item.pk}.pdf"
    )


def breaches_page(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    may_manage = can(request.user, "privacy.manage")
    form = DataBreachForm(request.POST or None) if may_manage else None
    outcome = None
    status = 200
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                created = services.record_breach(actor=request.user, **form.cleaned_data)
            except KerjasamaError as exc:
                outcome, status = _error_outcome(exc), exc.http_status
            else:
                return redirect("privacy:breach", pk=created.pk)
        else:
            outcome, status = {"ok": False, "message": form_error_text(form)}, 422
    items = [
        (item, _clock_text(_breach_clock(item)), _breach_clock(item))
        for item in selectors.breaches_for(request.user)
    ]
    return render(
        request, "privacy/breaches.html", {"items": items, "form": form, "outcome": outcome}, status=status
    )


def _breach(request: HttpRequest, pk: int) -> DataBreach:
    _allowed(request)
    try:
        return selectors.visible_breach(request.user, pk)
    except NotFound:
        raise Http404 from None


def breach_page(request: HttpRequest, pk: int) -> HttpResponse:
    item = _breach(request, pk)
    may_manage = can(request.user, "privacy.manage") and item.notified_at is None
    outcome = request.session.pop(_OUTCOME_KEY, None) if request.method == "GET" else None
    if request.method == "POST":
        if not may_manage:
            raise Http404
        services.mark_breach_notified(actor=request.user, breach=item)
        request.session[_OUTCOME_KEY] = {"ok": True, "message": _("The notification is recorded as sent.")}
        return redirect("privacy:breach", pk=item.pk)
    fact = _breach_clock(item)
    return render(
        request,
        "privacy/breach.html",
        {
            "item": item,
            "clock": fact,
            "clock_text": _clock_text(fact),
            "may_manage": may_manage,
            "outcome": outcome,
        },
    )


def breach_letter(request: HttpRequest, pk: int) -> HttpResponse:
    item = _breach(request, pk)
    services.record_download(actor=request.user, obj=item, what="letter")
    return _file(pdf.breach_letter_pdf(item), "application/pdf", f"pemberitahuan-insiden-{item.pk}.pdf")

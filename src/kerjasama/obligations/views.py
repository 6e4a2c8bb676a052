"""The obligations tab of an agreement (``/kerja-sama/<id>/kewajiban/``): its parties' obligations with their
occurrences, the form that adds one, the steps on an occurrence (fulfil, confirm, dispute, waive; htmx swaps
the list in place like the agreement's page) and the XLSX export. Every change goes through ``services``."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kerjasama.accounts.policy import can
from kerjasama.agreements.models import Agreement
from kerjasama.core.errors import KerjasamaError, PermissionDenied
from kerjasama.core.pages import form_error_text
from kerjasama.core.xlsx import append_row, new_workbook, to_bytes
from kerjasama.obligations import services
from kerjasama.obligations.choices import OPEN_STATUSES, ConfirmationOutcome, DueStatus
from kerjasama.obligations.forms import AnswerForm, FulfilForm, ObligationForm, WaiveForm
from kerjasama.obligations.models import ObligationDue
from kerjasama.obligations.selectors import agreement_obligations

_OUTCOME_KEY = "obligations_outcome"
#: Occurrences due within this many days (and every late one) offer their steps on the page.
ACTION_WINDOW_DAYS = 45
ACTIONS = ("fulfil", "confirm", "dispute", "waive")


def _agreement(request: HttpRequest, agreement_id: int) -> Agreement:
    agreement: Agreement = get_object_or_404(
        Agreement.objects.restrict(request.user, "view").prefetch_related(
            "parties__region", "parties__organisation"
        ),
        pk=agreement_id,
    )
    return agreement


def _list_url(agreement_id: int) -> str:
    return services.obligations_url(agreement_id)


def _rows(request: HttpRequest, agreement: Agreement) -> list[dict[str, Any]]:
    user = request.user
    today = timezone.localdate()
    window = today + timedelta(days=ACTION_WINDOW_DAYS)
    rows = []
    for obligation in agreement_obligations(user, agreement.pk):
        obligation.agreement = agreement  # the parties are prefetched once for every permission check
        may = {
            "fulfil": can(user, "obligations.fulfil", obligation),
            "confirm": can(user, "obligations.confirm", obligation),
            "waive": can(user, "obligations.waive", obligation),
        }
        dues = []
        for due in obligation.dues.all():
            open_ = due.status in OPEN_STATUSES and due.due_date <= window
            row: dict[str, Any] = {
                "due": due,
                "fulfil": may["fulfil"] and open_,
                "answer": may["confirm"] and due.status == DueStatus.FULFILLED,
                "waive": may["waive"] and open_,
                "level": max((e.level for e in due.escalations.all()), default=None),
            }
            # One form per occurrence, each with its own element ids (a page of many forms has no duplicate id).
            ids = f"d{due.pk}_%s"
            if row["fulfil"]:
                row["fulfil_form"] = FulfilForm(prefix="fulfil", auto_id=ids)
            if row["answer"]:
                row["answer_form"] = AnswerForm(prefix="answer", auto_id=ids)
            if row["waive"]:
                row["waive_form"] = WaiveForm(prefix="waive", auto_id=ids)
            dues.append(row)
        rows.append({"obligation": obligation, "dues": dues, "may": may})
    return rows


def _context(
    request: HttpRequest,
    agreement: Agreement,
    outcome: dict[str, Any] | None = None,
    form: ObligationForm | None = None,
) -> dict[str, Any]:
    parties = list(agreement.parties.all())
    may_manage = agreement.stage in services.MANAGE_STAGES and can(
        request.user, "obligations.manage", agreement
    )
    return {
        "a": agreement,
        "rows": _rows(request, agreement),
        "outcome": outcome,
        "form": (form or ObligationForm(parties=parties, prefix="new")) if may_manage else None,
        "statuses": DueStatus,
        "today": timezone.localdate(),
    }


def _outcome_of_error(exc: KerjasamaError) -> dict[str, Any]:
    language = get_language() or "id"
    return {
        "ok": False,
        "code": exc.code,
        "status": exc.http_status,
        "message": exc.message(language),
        "details": [d.message(language) for d in exc.details[:10]],
    }


def obligations_page(request: HttpRequest, agreement_id: int) -> HttpResponse:
    """The list (GET) and the form that adds an obligation (POST)."""
    agreement = _agreement(request, agreement_id)
    outcome = request.session.pop(_OUTCOME_KEY, None) if request.method == "GET" else None
    form = None
    status = 200
    if request.method == "POST":
        form = ObligationForm(request.POST, parties=list(agreement.parties.all()), prefix="new")
        if form.is_valid():
            data = form.cleaned_data
            party = next(p for p in agreement.parties.all() if str(p.pk) == data["party"])
            try:
                obligation = services.add_obligation(
                    actor=request.user,
                    agreement=agreement,
                    party=party,
                    title=data["title"],
                    kind=data["kind"],
                    recurrence=data["recurrence"],
                    first_due=data["first_due"],
                    last_due=data["last_due"],
                    amount=data["amount"],
                    owner_unit=data["owner_unit"],
                    description=data["description"],
                    source_clause=data["source_clause"],
                )
            except KerjasamaError as exc:
                outcome = _outcome_of_error(exc)
                status = exc.http_status
            else:
                request.session[_OUTCOME_KEY] = {
                    "ok": True,
                    "message": _("The obligation “%(title)s” was recorded.") % {"title": obligation.title},
                }
                return redirect(f"{_list_url(agreement.pk)}#hasil")
        else:
            outcome = {
                "ok": False,
                "code": "form",
                "status": 422,
                "message": form_error_text(form),
                "details": [],
            }
            status = 422
    return render(
        request, "obligations/list.html", _context(request, agreement, outcome, form), status=status
    )


def _fulfil(request: HttpRequest, due: ObligationDue) -> str:
    form = FulfilForm(request.POST, request.FILES, prefix="fulfil")
    if not form.is_valid():
        raise KerjasamaError("form", form_error_text(form), form_error_text(form))
    data = form.cleaned_data
    obligation = due.obligation
    with transaction.atomic():  # the evidence and the fulfilment together, or neither
        evidence = None
        if data["evidence"]:
            from kerjasama.documents.services import upload_document

            if not can(request.user, "obligations.fulfil", obligation):
                raise PermissionDenied("obligations.fulfil")
            region = obligation.party.region or obligation.agreement.lead_region
            version = upload_document(
                actor=request.user,
                region=region,
                kind="bukti",
                title=_("Evidence: %(title)s, %(date)s")
                % {"title": obligation.title, "date": due.due_date.isoformat()},
                upload=data["evidence"],
                attached_to=obligation,
            )
            evidence = version.document
        services.record_fulfilment(
            actor=request.user,
            due=due,
            fulfilled_on=data["fulfilled_on"],
            note=data["note"],
            evidence=evidence,
        )
    return _("Fulfilment recorded; the other parties are asked to confirm it.")


def _answer(request: HttpRequest, due: ObligationDue, outcome: str) -> str:
    form = AnswerForm(request.POST, prefix="answer")
    if not form.is_valid():
        raise KerjasamaError("form", form_error_text(form), form_error_text(form))
    services.answer_fulfilment(actor=request.user, due=due, outcome=outcome, note=form.cleaned_data["note"])
    if outcome == ConfirmationOutcome.CONFIRMED:
        return _("Fulfilment confirmed.")
    return _("Fulfilment disputed; the disagreement is recorded beside the earlier answers.")


def _waive(request: HttpRequest, due: ObligationDue) -> str:
    form = WaiveForm(request.POST, prefix="waive")
    if not form.is_valid():
        raise KerjasamaError("form", form_error_text(form), form_error_text(form))
    services.waive_due(actor=request.user, due=due, reason=form.cleaned_data["reason"])
    return _("The occurrence was waived.")


@require_POST
def due_action(request: HttpRequest, agreement_id: int, due_id: int, action: str) -> HttpResponse:
    """One step on one occurrence; htmx swaps the list in place, a plain post reloads at the outcome."""
    agreement = _agreement(request, agreement_id)
    due = get_object_or_404(
        ObligationDue.objects.restrict(request.user, "view").select_related(
            "obligation__party__region", "obligation__agreement__lead_region"
        ),
        pk=due_id,
        obligation__agreement_id=agreement.pk,
    )
    outcome: dict[str, Any]
    status = 200
    try:
        if action == "fulfil":
            message = _fulfil(request, due)
        elif action == "confirm":
            message = _answer(request, due, ConfirmationOutcome.CONFIRMED)
        elif action == "dispute":
            message = _answer(request, due, ConfirmationOutcome.DISPUTED)
        elif action == "waive":
            message = _waive(request, due)
        else:
            return HttpResponse(status=404)
    except KerjasamaError as exc:
        outcome = (
            _outcome_of_error(exc)
            if exc.code != "form"
            else {"ok": False, "code": "form", "status": 422, "message": exc.message_id, "details": []}
        )
        status = outcome["status"]
    else:
        outcome = {"ok": True, "message": message}
    if request.htmx:  # type: ignore[attr-defined]
        return render(
            request,
            "obligations/list.html",
            _context(request, agreement, outcome),
            status=200 if outcome["ok"] else status,
        )
    request.session[_OUTCOME_KEY] = outcome
    return redirect(f"{_list_url(agreement.pk)}#hasil")


def obligations_export(request: HttpRequest, agreement_id: int) -> HttpResponse:
    """The list as XLSX: one row per occurrence (the same selector, the same scope)."""
    agreement = _agreement(request, agreement_id)
    book = new_workbook()
    sheet = book.active
    sheet.title = "Kewajiban"
    append_row(
        sheet,
        [
            _("Obligation"),
            _("Obligated party"),
            _("Owner unit"),
            _("Kind"),
            _("Amount (rupiah)"),
            _("Recurrence"),
            _("Due date"),
            _("Status"),
            _("Fulfilled on"),
            _("Confirmations"),
            _("Reason for waiving"),
            _("Example data"),
        ],
    )
    for obligation in agreement_obligations(request.user, agreement.pk):
        for due in obligation.dues.all():
            append_row(
                sheet,
                [
                    obligation.title,
                    obligation.party.name,
                    obligation.owner_unit,
                    obligation.get_kind_display(),
                    obligation.amount,
                    obligation.get_recurrence_display(),
                    due.due_date,
                    due.get_status_display(),
                    due.fulfilled_on,
                    "; ".join(f"{c.party.name}: {c.get_outcome_display()}" for c in due.confirmations.all()),
                    due.waived_reason,
                    _("yes") if obligation.is_example else "",
                ],
            )
    response = HttpResponse(
        to_bytes(book), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="kewajiban-{agreement.pk}.xlsx"'
    return response

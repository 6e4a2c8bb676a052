"""Pages' POSTs for an agreement's budget lines (issue 15 item 7); the list is on the agreement page
(``{% budget_lines %}``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kerjasama.agreements import budget
from kerjasama.agreements.models import Agreement, AgreementBudgetLine, AgreementParty
from kerjasama.core.errors import KerjasamaError
from kerjasama.core.pages import show_error


def _back(pk: int) -> HttpResponse:
    return redirect(reverse("agreements:detail", kwargs={"pk": pk}) + "#anggaran")


def _agreement(request: HttpRequest, pk: int) -> Agreement:
    agreement = Agreement.objects.restrict(request.user, "view").filter(pk=pk).first()
    if agreement is None:
        raise Http404
    return agreement


@require_POST
def budget_add(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement(request, pk)
    party = AgreementParty.objects.filter(agreement=agreement, pk=request.POST.get("party") or 0).first()
    try:
        if party is None:
            raise KerjasamaError("agreements.party_not_found", "Pihak tidak ditemukan.", "Party not found.")
        year_text = (request.POST.get("fiscal_year") or "").strip()
        if not year_text.isdigit():
            raise KerjasamaError(
                "agreements.bad_budget_year",
                "Tahun anggaran harus empat angka.",
                "The budget year must be four digits.",
            )
        budget.add_budget_line(
            actor=request.user,
            agreement=agreement,
            party=party,
            fiscal_year=int(year_text),
            code=request.POST.get("code", ""),
            amount=request.POST.get("amount", ""),
            note=request.POST.get("note", ""),
        )
        messages.success(request, _("Budget line recorded."))
    except KerjasamaError as exc:
        show_error(request, exc)
    return _back(pk)


@require_POST
def budget_remove(request: HttpRequest, pk: int, line_id: int) -> HttpResponse:
    agreement = _agreement(request, pk)
    line = (
        AgreementBudgetLine.objects.restrict(request.user, "view")
        .filter(agreement=agreement, pk=line_id)
        .select_related("party")
        .first()
    )
    if line is None:
        raise Http404
    try:
        budget.remove_budget_line(actor=request.user, line=line)
        messages.success(request, _("Budget line removed."))
    except KerjasamaError as exc:
        show_error(request, exc)
    return _back(pk)

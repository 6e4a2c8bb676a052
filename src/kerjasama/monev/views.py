"""Pages of an agreement's monev: periods with each party's status, the self-assessment and evaluation forms,
and the XLSX export. Every change goes through ``monev.services``; a refusal is shown beside its field or on
top of the form, and what the official typed stays in the form."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kerjasama.accounts.policy import can
from kerjasama.agreements.models import Agreement, AgreementParty
from kerjasama.agreements.selectors import visible_agreement
from kerjasama.core import xlsx
from kerjasama.core.errors import NotFound
from kerjasama.core.pages import form_outcome, page_denied
from kerjasama.monev import services
from kerjasama.monev.forms import GovernorEvaluationForm, SelfAssessmentForm, TkksdEvaluationForm
from kerjasama.monev.models import MonevPeriod
from kerjasama.monev.selectors import agreement_monev
from kerjasama.monev.subjects import PERIOD_SUBJECT


def _agreement(request: HttpRequest, agreement_id: int) -> Agreement:
    try:
        agreement = visible_agreement(request.user, agreement_id)
    except NotFound as exc:
        raise Http404 from exc
    if not can(request.user, "monev.view", agreement):
        raise page_denied("monev.view")
    return agreement


def _period(agreement: Agreement, period_id: int) -> MonevPeriod:
    period = MonevPeriod.objects.filter(agreement=agreement, pk=period_id).first()
    if period is None:
        raise Http404
    period.agreement = agreement
    return period


def _party(agreement: Agreement, party_id: int, action: str, request: HttpRequest) -> AgreementParty:
    party = next((p for p in agreement.parties.all() if p.pk == party_id), None)
    if party is None:
        raise Http404
    if not can(request.user, action, party):
        raise page_denied(action)
    return party


def monev_url(agreement: Agreement) -> str:
    return reverse("monev:agreement", kwargs={"agreement_id": agreement.pk})


def agreement_page(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = _agreement(request, agreement_id)
    data = agreement_monev(agreement, request.user)
    can_open = any(p.can_assess for row in data.periods for p in row.parties) or any(
        can(request.user, "monev.self_assess", p) for p in agreement.parties.all()
    )
    return render(
        request,
        "monev/agreement.html",
        {"a": agreement, "m": data, "can_open": can_open},
    )


@require_POST
def open_periods(request: HttpRequest, agreement_id: int) -> HttpResponse:
    """A party's cooperation unit opens the periods due so far (the daily task does the same)."""
    agreement = _agreement(request, agreement_id)
    if not any(can(request.user, "monev.self_assess", p) for p in agreement.parties.all()):
        raise page_denied("monev.self_assess")
    created = services.generate_periods(actor=request.user, agreement=agreement)
    messages.success(request, _("%(n)d monev period(s) opened.") % {"n": len(created)})
    return redirect(monev_url(agreement))


def self_assessment(request: HttpRequest, agreement_id: int, period_id: int, party_id: int) -> HttpResponse:
    agreement = _agreement(request, agreement_id)
    period = _period(agreement, period_id)
    party = _party(agreement, party_id, "monev.self_assess", request)
    data = agreement_monev(agreement, request.user)
    row = next(
        p for r in data.periods if r.period.pk == period.pk for p in r.parties if p.party.pk == party.pk
    )
    current = row.draft or row.submitted
    initial: dict[str, Any] = {}
    if current is not None:
        initial = {
            "progress_percent": _plain(current.progress_percent),
            "budget_realised": _plain(current.budget_realised),
            "outputs": current.outputs,
            "problems": current.problems,
            "follow_up": current.follow_up,
        }
    form = SelfAssessmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        answer = form_outcome(
            request,
            form,
            partial(
                services.save_self_assessment,
                actor=request.user,
                period=period,
                party=party,
                progress_percent=cd["progress_percent"],
                outputs=cd["outputs"],
                budget_realised=cd["budget_realised"],
                problems=cd["problems"],
                follow_up=cd["follow_up"],
                submit=request.POST.get("action") == "submit",
            ),
            done=_("The self-assessment was saved."),
            to=monev_url(agreement) + f"#periode-{period.pk}",
        )
        if answer is not None:
            return answer
    return render(
        request,
        "monev/form.html",
        {
            "a": agreement,
            "period": period,
            "party": party,
            "form": form,
            "row": row,
            "title": _("Self-assessment"),
            "two_buttons": True,
        },
    )


def _plain(value: Any) -> str:
    """A stored decimal as the Indonesian form shows it (typed back, it reads the same number)."""
    from kerjasama.core.numbers import format_number

    return "" if value is None else format_number(value)


def tkksd_evaluation(request: HttpRequest, agreement_id: int, period_id: int, party_id: int) -> HttpResponse:
    agreement = _agreement(request, agreement_id)
    period = _period(agreement, period_id)
    party = _party(agreement, party_id, "monev.evaluate_tkksd", request)
    from kerjasama.tkksd.models import Decision

    decisions = {
        str(d.pk): d
        for d in Decision.objects.filter(
            subject_type=PERIOD_SUBJECT, subject_id=str(period.pk), meeting__region_id=party.region_id
        ).select_related("meeting")
    }
    choices = [
        (pk, f"{d.meeting.meeting_date:%d-%m-%Y} · {d.get_outcome_display()}") for pk, d in decisions.items()
    ]
    form = TkksdEvaluationForm(request.POST or None, decisions=choices)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        answer = form_outcome(
            request,
            form,
            partial(
                services.record_tkksd_evaluation,
                actor=request.user,
                period=period,
                party=party,
                rating=cd["rating"],
                notes=cd["notes"],
                decision=decisions.get(cd["decision"] or ""),
                meeting_ref=cd["meeting_ref"],
            ),
            done=_("The TKKSD evaluation was recorded."),
            to=monev_url(agreement) + f"#periode-{period.pk}",
        )
        if answer is not None:
            return answer
    return render(
        request,
        "monev/form.html",
        {"a": agreement, "period": period, "party": party, "form": form, "title": _("TKKSD evaluation")},
    )


def governor_evaluation(request: HttpRequest, agreement_id: int, period_id: int) -> HttpResponse:
    agreement = _agreement(request, agreement_id)
    period = _period(agreement, period_id)
    if not can(request.user, "monev.evaluate_governor", agreement):
        raise page_denied("monev.evaluate_governor")
    form = GovernorEvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        answer = form_outcome(
            request,
            form,
            partial(
                services.record_governor_evaluation,
                actor=request.user,
                period=period,
                rating=form.cleaned_data["rating"],
                notes=form.cleaned_data["notes"],
            ),
            done=_("The governor's evaluation was recorded."),
            to=monev_url(agreement) + f"#periode-{period.pk}",
        )
        if answer is not None:
            return answer
    return render(
        request,
        "monev/form.html",
        {"a": agreement, "period": period, "form": form, "title": _("Governor's evaluation")},
    )


def export_xlsx(request: HttpRequest, agreement_id: int) -> HttpResponse:
    """The agreement's monev as a spreadsheet: one row per period and party (what the page shows)."""
    agreement = _agreement(request, agreement_id)
    data = agreement_monev(agreement, request.user)
    book = xlsx.new_workbook()
    sheet = book.active
    sheet.title = "Monev"
    xlsx.append_row(sheet, [_("Agreement"), agreement.number or agreement.title])
    xlsx.append_row(
        sheet,
        [
            _("Period start"),
            _("Period end"),
            _("Due"),
            _("Party"),
            _("Status"),
            _("Revision"),
            _("Progress (%)"),
            _("Budget realised (rupiah)"),
            _("Outputs"),
            _("Problems"),
            _("Follow-up"),
            _("TKKSD rating"),
            _("TKKSD notes"),
            _("Governor's rating"),
        ],
    )
    for row in sorted(data.periods, key=lambda r: r.period.start):
        governor = "; ".join(f"{g.province.name}: {g.rating}" for g in row.governor)
        for p in row.parties:
            s = p.submitted
            xlsx.append_row(
                sheet,
                [
                    row.period.start,
                    row.period.end,
                    row.period.due,
                    p.party.name,
                    p.status_label,
                    s.revision if s else None,
                    float(s.progress_percent) if s else None,
                    float(s.budget_realised) if s and s.budget_realised is not None else None,
                    s.outputs if s else "",
                    s.problems if s else "",
                    s.follow_up if s else "",
                    p.tkksd.rating if p.tkksd else "",
                    p.tkksd.notes if p.tkksd else "",
                    governor,
                ],
            )
    response = HttpResponse(
        xlsx.to_bytes(book), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    stamp: date = timezone.localdate()
    response["Content-Disposition"] = f'attachment; filename="monev-{agreement.pk}-{stamp:%Y%m%d}.xlsx"'
    return response

"""The dispute pages (``/perselisihan/``): the confidential list (``restrict``), the registration form, and a
case's page with its parties, path, screening panel (for the resolver), deliberation rounds and closing steps.
Every change goes through ``services``; a refusal is a 403 naming the action, a case outside the caller's
sight a 404, bad input the form again with its message (422)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kerjasama.accounts.policy import can
from kerjasama.core.errors import KerjasamaError, NotFound, PermissionDenied
from kerjasama.core.pages import apply_error, error_text, form_error_text
from kerjasama.disputes import services
from kerjasama.disputes.choices import CLOSED_STAGES, Cause, DisputeStage, Resolver
from kerjasama.disputes.conf import max_rounds
from kerjasama.disputes.forms import (
    ClarificationForm,
    CloseForm,
    DisputeAnswerForm,
    DisputeDecisionForm,
    DisputeForm,
    DisputeFulfilForm,
    EvaluationForm,
    EvidenceForm,
    ExtendForm,
    RoundForm,
    ScreenForm,
    SessionForm,
)
from kerjasama.disputes.models import Dispute, DisputeOrder
from kerjasama.disputes.selectors import case_documents, visible_dispute, visible_disputes
from kerjasama.disputes.sla import countdown

#: The path of a case, in order.
PATH = (
    DisputeStage.REGISTERED,
    DisputeStage.DELIBERATION,
    DisputeStage.FACILITATION,
    DisputeStage.DECISION,
    DisputeStage.IMPLEMENTATION,
    DisputeStage.CLOSED,
)


def _case(request: HttpRequest, dispute_id: int) -> Dispute:
    try:
        return visible_dispute(request.user, dispute_id)
    except NotFound as exc:
        raise Http404(str(exc)) from exc


@login_required
def dispute_list(request: HttpRequest) -> HttpResponse:
    cases = list(visible_disputes(request.user).prefetch_related("orders")[:200])
    today = timezone.localdate()
    for case in cases:
        setattr(case, "sla", countdown(case, today))  # noqa: B010 - a display attribute
    return render(request, "disputes/list.html", {"cases": cases})


def _party_inputs(data: dict[str, Any]) -> list[services.PartyInput]:
    parties = []
    if data["claimant"]:
        parties.append(services.PartyInput("pemohon", region_code=data["claimant"].strip()))
    if data["respondent"]:
        parties.append(services.PartyInput("termohon", region_code=data["respondent"].strip()))
    if data["organisation"] is not None:
        role = data["organisation_role"] or "termohon"
        parties.append(services.PartyInput(role, organisation_id=data["organisation"].pk))
    return parties


@login_required
def dispute_register(request: HttpRequest) -> HttpResponse:
    form = DisputeForm(request.POST or None, prefix="new")
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            try:
                agreement = None
                if data.get("agreement"):
                    from kerjasama.agreements.selectors import visible_agreement

                    agreement = visible_agreement(request.user, data["agreement"])
                case = services.register_dispute(
                    actor=request.user,
                    title=data["title"],
                    kind=data["kind"],
                    sector=data["sector"],
                    causes=data["causes"],
                    claims=data["claims"],
                    parties=_party_inputs(data),
                    agreement=agreement,
                )
            except PermissionDenied as exc:
                raise DjangoPermissionDenied(exc) from exc
            except KerjasamaError as exc:
                apply_error(form, exc)
            else:
                messages.success(request, _("Dispute registered; the resolver is asked to screen it."))
                return redirect(reverse("disputes:detail", args=[case.pk]))
    return render(request, "disputes/register.html", {"form": form}, status=status)


def _path(case: Dispute) -> list[dict[str, Any]]:
    current = PATH.index(DisputeStage(case.stage)) if case.stage in PATH else None
    return [
        {"stage": stage, "done": current is not None and n < current, "current": n == current}
        for n, stage in enumerate(PATH)
    ]


@login_required
def dispute_detail(request: HttpRequest, dispute_id: int) -> HttpResponse:
    case = _case(request, dispute_id)
    user = request.user
    open_ = case.stage not in CLOSED_STAGES
    rounds = list(case.rounds.all())
    own_parties = [p for p in case.parties.all() if can(user, "disputes.confirm_issues", p)]
    for r in rounds:
        r.to_confirm = [p for p in own_parties if p.pk not in r.confirmed_parties]
        r.confirmed_names = [p.name for p in case.parties.all() if p.pk in r.confirmed_parties]
    may = {
        "screen": case.stage == DisputeStage.REGISTERED and can(user, "disputes.screen", case),
        "round": case.stage == DisputeStage.DELIBERATION
        and len(rounds) < max_rounds()
        and can(user, "disputes.deliberate", case),
        "fail": case.stage == DisputeStage.DELIBERATION and can(user, "disputes.deliberate", case),
        "settle": open_ and can(user, "disputes.settle", case),
        "withdraw": open_ and can(user, "disputes.withdraw", case),
        "attach": can(user, "disputes.attach_document", case),
        "absence": open_ and can(user, "disputes.record_absence", case),
    }
    parties = list(case.parties.all())
    active = [p for p in parties if p.took_part]
    today = timezone.localdate()
    orders = list(
        case.orders.select_related("party__region", "party__organisation", "evidence", "obligation")
    )
    for order in orders:
        order.state = order.effective_status(today)
        order.may_fulfil = (
            case.stage == DisputeStage.IMPLEMENTATION
            and order.status == DisputeOrder.Status.OPEN
            and can(user, "disputes.fulfil_order", order)
        )
        order.may_confirm = (
            order.status == DisputeOrder.Status.FULFILLED
            and order.confirmed_at is None
            and can(user, "disputes.confirm_order", case)
        )
    clarifications = list(case.clarifications.select_related("party__region", "party__organisation"))
    for c in clarifications:
        c.may_answer = open_ and not c.answered_at and can(user, "disputes.answer_clarification", c.party)
    facilitating = case.stage == DisputeStage.FACILITATION and can(user, "disputes.facilitate", case)
    may |= {
        "facilitate": facilitating,
        "decide": case.stage == DisputeStage.DECISION and can(user, "disputes.decide", case),
        "close_case": case.stage == DisputeStage.IMPLEMENTATION
        and bool(orders)
        and all(o.confirmed_at for o in orders)
        and can(user, "disputes.close", case),
        "extend": open_ and case.stage != DisputeStage.REGISTERED and can(user, "disputes.extend", case),
    }
    context = {
        "sla": countdown(case, today),
        "sessions": list(case.sessions.all()),
        "party_names": {p.pk: p.name for p in parties},
        "clarifications": clarifications,
        "orders": orders,
        "session_form": SessionForm(prefix="session", parties=active) if facilitating else None,
        "clarification_form": ClarificationForm(prefix="ask", parties=active) if facilitating else None,
        "evaluation_form": EvaluationForm(prefix="eval", initial={"evaluation": case.evaluation})
        if facilitating
        else None,
        "end_form": CloseForm(prefix="end") if facilitating else None,
        "decision_form": DisputeDecisionForm(
            prefix="decision", parties=parties, clause=case.resolver == Resolver.AGREEMENT
        )
        if may["decide"]
        else None,
        "answer_form": DisputeAnswerForm(prefix="answer"),
        "fulfil_form": DisputeFulfilForm(prefix="fulfil"),
        "extend_form": ExtendForm(prefix="extend", orders=[o for o in orders if o.status == "open"])
        if may["extend"]
        else None,
        "case": case,
        "causes": [str(Cause(c).label) for c in case.causes if c in Cause.values],
        "path": _path(case),
        "rounds": rounds,
        "max_rounds": max_rounds(),
        "may": may,
        "screen_form": ScreenForm(prefix="screen") if may["screen"] else None,
        "round_form": RoundForm(prefix="round") if may["round"] else None,
        "close_form": CloseForm(prefix="close")
        if (may["fail"] or may["settle"] or may["withdraw"])
        else None,
        "closed": not open_,
        "documents": case_documents(user, case),
        "evidence_form": EvidenceForm(prefix="doc") if may["attach"] else None,
        "absence_form": CloseForm(prefix="absent") if may["absence"] else None,
    }
    return render(request, "disputes/detail.html", context)


def _screen(request: HttpRequest, case: Dispute) -> str:
    form = ScreenForm(request.POST, prefix="screen")
    if not form.is_valid():
        raise KerjasamaError("disputes.form", form_error_text(form), form_error_text(form))
    data = form.cleaned_data
    services.screen_dispute(
        actor=request.user,
        dispute=case,
        outcome=data["outcome"],
        reason=data["reason"],
        resolver=data["resolver"] or None,
        resolver_region=(data["resolver_region"] or "").strip() or None,
        referred_to=data["referred_to"],
    )
    return _("Screening recorded.")


def _round(request: HttpRequest, case: Dispute) -> str:
    form = RoundForm(request.POST, prefix="round")
    if not form.is_valid():
        raise KerjasamaError("disputes.form", form_error_text(form), form_error_text(form))
    data = form.cleaned_data
    services.record_round(
        actor=request.user,
        dispute=case,
        meeting_date=data["meeting_date"],
        minutes=data["minutes"],
        issues=[line for line in data["issues"].splitlines() if line.strip()],
    )
    return _("Deliberation round recorded.")


def _evidence(request: HttpRequest, case: Dispute) -> str:
    form = EvidenceForm(request.POST, request.FILES, prefix="doc")
    if not form.is_valid():
        raise KerjasamaError("disputes.form", form_error_text(form), form_error_text(form))
    data = form.cleaned_data
    services.attach_evidence(
        actor=request.user, dispute=case, title=data["title"], kind=data["kind"], upload=data["file"]
    )
    return _("Document attached to the dispute.")


def _absence(request: HttpRequest, case: Dispute) -> str:
    form = CloseForm(request.POST, prefix="absent")
    party = case.parties.filter(pk=str(request.POST.get("party", "")).strip() or 0).first()
    if not form.is_valid() or party is None:
        raise KerjasamaError("disputes.form", form_error_text(form), form_error_text(form))
    services.record_absence(actor=request.user, party=party, reason=form.cleaned_data["reason"])
    return _("Recorded: the party does not take part; the path proceeds without it.")


def _confirm(request: HttpRequest, case: Dispute) -> str:
    row = case.rounds.filter(pk=str(request.POST.get("round", "")).strip() or 0).first()
    party = case.parties.filter(pk=str(request.POST.get("party", "")).strip() or 0).first()
    if row is None or party is None:
        raise Http404("round or party")
    services.confirm_issues(actor=request.user, round=row, party=party)
    return _("Issue list confirmed for %(party)s.") % {"party": party.name}


def _closing(step: str) -> Any:
    def run(request: HttpRequest, case: Dispute) -> str:
        form = CloseForm(request.POST, prefix="close")
        if not form.is_valid():
            raise KerjasamaError("disputes.form", form_error_text(form), form_error_text(form))
        reason = form.cleaned_data["reason"]
        if step == "gagal":
            services.fail_deliberation(actor=request.user, dispute=case, reason=reason)
            return _("The deliberation failed; the case goes to facilitation.")
        if step == "damai":
            services.settle(actor=request.user, dispute=case, terms=reason)
            return _("Settlement recorded; the case is closed.")
        services.withdraw(actor=request.user, dispute=case, reason=reason)
        return _("The dispute is withdrawn.")

    return run


def _valid(form: Any) -> dict[str, Any]:
    if not form.is_valid():
        raise KerjasamaError("disputes.form", form_error_text(form), form_error_text(form))
    data: dict[str, Any] = form.cleaned_data
    return data


def _active_parties(case: Dispute) -> list[Any]:
    return [p for p in case.parties.all() if p.took_part]


def _session(request: HttpRequest, case: Dispute) -> str:
    form = SessionForm(request.POST, prefix="session", parties=_active_parties(case))
    data = _valid(form)
    services.record_session(
        actor=request.user,
        dispute=case,
        session_date=data["session_date"],
        summary=data["summary"],
        attendees=form.attendees(),
    )
    return _("Facilitation session recorded.")


def _clarification(request: HttpRequest, case: Dispute) -> str:
    data = _valid(ClarificationForm(request.POST, prefix="ask", parties=_active_parties(case)))
    party = case.parties.get(pk=data["party"])
    services.request_clarification(
        actor=request.user, dispute=case, party=party, question=data["question"], due_date=data["due_date"]
    )
    return _("Clarification requested.")


def _answer(request: HttpRequest, case: Dispute) -> str:
    asked = case.clarifications.filter(pk=str(request.POST.get("clarification", "")).strip() or 0).first()
    if asked is None:
        raise Http404("clarification")
    data = _valid(DisputeAnswerForm(request.POST, prefix="answer"))
    services.answer_clarification(actor=request.user, clarification=asked, answer=data["answer"])
    return _("Clarification answered.")


def _evaluation(request: HttpRequest, case: Dispute) -> str:
    data = _valid(EvaluationForm(request.POST, prefix="eval"))
    services.record_evaluation(actor=request.user, dispute=case, evaluation=data["evaluation"])
    return _("Neutral evaluation recorded.")


def _end_facilitation(request: HttpRequest, case: Dispute) -> str:
    data = _valid(CloseForm(request.POST, prefix="end"))
    services.end_facilitation(actor=request.user, dispute=case, reason=data["reason"])
    return _("Facilitation ended; the case awaits the decision.")


def _decision(request: HttpRequest, case: Dispute) -> str:
    form = DisputeDecisionForm(
        request.POST,
        request.FILES,
        prefix="decision",
        parties=list(case.parties.all()),
        clause=case.resolver == Resolver.AGREEMENT,
    )
    data = _valid(form)
    try:
        orders = form.orders()
    except ValidationError as exc:  # an incomplete order row
        message = " ".join(exc.messages)
        raise KerjasamaError("disputes.order_incomplete", message, message) from exc
    services.record_decision(
        actor=request.user,
        dispute=case,
        number=data["number"],
        decision_date=data["decision_date"],
        text=data["text"],
        upload=data.get("file"),
        orders=orders,
        forum=data.get("forum", ""),
    )
    return _("Decision recorded.")


def _order(request: HttpRequest, case: Dispute) -> DisputeOrder:
    order = case.orders.filter(pk=str(request.POST.get("order", "")).strip() or 0).first()
    if order is None:
        raise Http404("order")
    order.dispute = case
    return order


def _fulfil(request: HttpRequest, case: Dispute) -> str:
    order = _order(request, case)
    data = _valid(DisputeFulfilForm(request.POST, request.FILES, prefix="fulfil"))
    services.fulfil_order(
        actor=request.user,
        order=order,
        note=data["note"],
        fulfilled_on=data.get("fulfilled_on"),
        upload=data.get("file"),
    )
    return _("Fulfilment recorded; the resolver is asked to confirm it.")


def _confirm_order(request: HttpRequest, case: Dispute) -> str:
    services.confirm_order(actor=request.user, order=_order(request, case))
    return _("Fulfilment confirmed.")


def _close_case(request: HttpRequest, case: Dispute) -> str:
    services.close_case(actor=request.user, dispute=case, note=str(request.POST.get("note", ""))[:4000])
    return _("The case is closed.")


def _extend(request: HttpRequest, case: Dispute) -> str:
    orders = list(case.orders.filter(status="open"))
    data = _valid(ExtendForm(request.POST, prefix="extend", orders=orders))
    order = next((o for o in orders if o.pk == data.get("order")), None)
    services.extend_deadline(
        actor=request.user,
        dispute=case,
        step=data["step"],
        new_due=data["new_due"],
        reason=data["reason"],
        order=order,
    )
    return _("Due date extended.")


STEPS = {
    "sesi": _session,
    "klarifikasi": _clarification,
    "jawab": _answer,
    "evaluasi": _evaluation,
    "akhiri-fasilitasi": _end_facilitation,
    "keputusan": _decision,
    "penuhi": _fulfil,
    "konfirmasi-perintah": _confirm_order,
    "tutup": _close_case,
    "perpanjang": _extend,
    "saring": _screen,
    "musyawarah": _round,
    "dokumen": _evidence,
    "absen": _absence,
    "konfirmasi": _confirm,
    "gagal": _closing("gagal"),
    "damai": _closing("damai"),
    "cabut": _closing("cabut"),
}


@login_required
@require_POST
def dispute_step(request: HttpRequest, dispute_id: int, step: str) -> HttpResponse:
    run = STEPS.get(step)
    if run is None:
        raise Http404(step)
    case = _case(request, dispute_id)
    try:
        done = run(request, case)
    except PermissionDenied as exc:
        raise DjangoPermissionDenied(exc) from exc
    except KerjasamaError as exc:
        messages.error(request, error_text(exc, details=3))
    else:
        messages.success(request, done)
    return redirect(reverse("disputes:detail", args=[case.pk]))

"""The dispute pages (``/perselisihan/``): the confidential list (``restrict``), the registration form, and a
case's page with its parties, path, screening panel (for the resolver), deliberation rounds and closing steps.
Every change goes through ``services``; a refusal is a 403 naming the action, a case outside the caller's
sight a 404, bad input the form again with its message (422)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kerjasama.accounts.policy import can
from kerjasama.core.errors import KerjasamaError, NotFound, PermissionDenied
from kerjasama.core.pages import apply_error, error_text, form_error_text
from kerjasama.disputes import services
from kerjasama.disputes.choices import CLOSED_STAGES, Cause, DisputeStage
from kerjasama.disputes.conf import max_rounds
from kerjasama.disputes.forms import CloseForm, DisputeForm, EvidenceForm, RoundForm, ScreenForm
from kerjasama.disputes.models import Dispute
from kerjasama.disputes.selectors import case_documents, visible_dispute, visible_disputes

#: The path of a case, in order (the later stages are the next slice's; shown so the path is visible).
PATH = (
    DisputeStage.REGISTERED,
    DisputeStage.DELIBERATION,
    DisputeStage.FACILITATION,
    DisputeStage.DECISION,
    DisputeStage.IMPLEMENTATION,
)


def _case(request: HttpRequest, dispute_id: int) -> Dispute:
    try:
        return visible_dispute(request.user, dispute_id)
    except NotFound as exc:
        raise Http404(str(exc)) from exc


@login_required
def dispute_list(request: HttpRequest) -> HttpResponse:
    cases = list(visible_disputes(request.user)[:200])
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
                case = services.register_dispute(
                    actor=request.user,
                    title=data["title"],
                    kind=data["kind"],
                    sector=data["sector"],
                    causes=data["causes"],
                    claims=data["claims"],
                    parties=_party_inputs(data),
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
    context = {
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


STEPS = {
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

"""Pages of the agreements (issue 10, item 8): the list with its filters and counts, the shared record of one
cooperation with its stage timeline, parties, documents and signatures, TKKSD decisions, history and the
actions THIS user may take now, and the form of a new proposal.

Every read goes through ``selectors`` (scoped by ``restrict(user, "view")``); every change through one service
of ``services`` (policy, rulebook, transition helper, audit, notifications). A refused action shows the
rulebook's findings with their legal basis; a lost race shows the 409 message; the outcome is announced
(``role="status"``) and receives focus.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kerjasama.accounts.policy import can
from kerjasama.affairs.models import Affair, AuthorityEntry
from kerjasama.agreements import services
from kerjasama.agreements.choices import (
    AgreementStage,
    AgreementType,
    OriginKind,
)
from kerjasama.agreements.forms import (
    INITIATIVE_CRITERIA_LABELS,
    LIST_PAGE_SIZE,
    UPLOAD_KINDS,
    DprdDecisionForm,
    DprdRequestForm,
    ListFilterForm,
    OfferForm,
    PartnerSelectionForm,
    ProposalForm,
    ReasonForm,
    SignatoryForm,
    UploadForm,
    yes_no,
)
from kerjasama.agreements.models import Agreement, AgreementParty
from kerjasama.agreements.selectors import (
    AgreementFilters,
    agreement_detail,
    agreement_facets,
    agreement_list,
    visible_agreement,
)
from kerjasama.agreements.state import OBJECT_TYPE
from kerjasama.core.errors import KerjasamaError, NotFound, PermissionDenied, RuleRefusal
from kerjasama.core.pages import form_error_text
from kerjasama.core.xlsx import append_row, new_workbook, to_bytes
from kerjasama.regions.models import Region
from kerjasama.rulebook.stages import table_for

#: The labels of the actions a page offers (the service each calls is the key).
ACTION_LABELS = {
    "send_offer": gettext_lazy("Send the offer"),
    "accept_offer": gettext_lazy("Accept the offer"),
    "decline_offer": gettext_lazy("Decline the offer"),
    "sign_kb": gettext_lazy("Sign the KB"),
    "sign_pks": gettext_lazy("Sign the PKS"),
    "sign_nota_kesepakatan": gettext_lazy("Sign the Nota Kesepakatan"),
    "request_dprd_approval": gettext_lazy("Request DPRD approval"),
    "record_dprd_decision": gettext_lazy("Record the DPRD decision"),
    "start_pks_drafting": gettext_lazy("Start drafting the PKS"),
    "draft_nota_kesepakatan": gettext_lazy("Start drafting the Nota Kesepakatan"),
    "cancel_agreement": gettext_lazy("Cancel the cooperation"),
    "acknowledge": gettext_lazy("Acknowledge"),
    "start_review": gettext_lazy("Start reviewing"),
    "approve_side": gettext_lazy("Approve our side"),
    "decline_side": gettext_lazy("Decline our side"),
    "record_signatory": gettext_lazy("Record the signatory"),
    "record_partner_selection": gettext_lazy("Record the partner selection (KSDPK)"),
}

#: The form of each action that needs fields (the others are one button).
ACTION_FORMS: dict[str, Any] = {
    "send_offer": OfferForm,
    "decline_offer": ReasonForm,
    "decline_side": ReasonForm,
    "cancel_agreement": ReasonForm,
    "request_dprd_approval": DprdRequestForm,
    "record_dprd_decision": DprdDecisionForm,
    "record_signatory": SignatoryForm,
    "record_partner_selection": PartnerSelectionForm,
}

#: The actions of one party's side (the service takes ``party=``).
PARTY_ACTIONS = {
    "accept_offer",
    "decline_offer",
    "sign_kb",
    "sign_pks",
    "sign_nota_kesepakatan",
    "request_dprd_approval",
    "record_dprd_decision",
    "acknowledge",
    "start_review",
    "approve_side",
    "decline_side",
    "record_signatory",
}


def _visible(request: HttpRequest, pk: int) -> Agreement:
    """The agreement if the user may see it; the page's 404 otherwise (not there and not visible look alike)."""
    try:
        return visible_agreement(request.user, pk)
    except NotFound:
        raise Http404 from None


def detail_url(pk: int) -> str:
    return reverse("agreements:detail", kwargs={"pk": pk})


# -- list -------------------------------------------------------------------------------------------------


def _filters(request: HttpRequest) -> tuple[ListFilterForm, AgreementFilters]:
    form = ListFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = AgreementFilters(
        type=data.get("type") or None,
        category=data.get("category") or None,
        stage=data.get("stage") or None,
        affair=data.get("affair") or None,
        partner=(data.get("partner") or "").strip() or None,
        province=data.get("province") or None,
        expiring_within_days=data.get("expiring"),
        my_turn=bool(data.get("my_turn")),
    )
    return form, filters


def _require_reader(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise Http404


def agreement_list_page(request: HttpRequest) -> HttpResponse:
    """The agreements the user may see, filtered, with counts by stage and type (constant query count)."""
    _require_reader(request)
    form, filters = _filters(request)
    try:
        number = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        number = 1
    result = agreement_list(request.user, filters, limit=LIST_PAGE_SIZE, offset=(number - 1) * LIST_PAGE_SIZE)
    facets = agreement_facets(request.user, filters)
    form.with_counts(
        {
            "stage": result.by_stage,
            "type": result.by_type,
            "category": facets["category"],
            "affair": facets["affair"],
        }
    )
    pages = Paginator(range(result.total), LIST_PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    stage_labels = dict(AgreementStage.choices)
    type_labels = dict(AgreementType.choices)
    return render(
        request,
        "agreements/list.html",
        {
            "form": form,
            "result": result,
            "page": pages.get_page(number),
            "query": query.urlencode(),
            "by_stage": [(stage_labels.get(s, s), s, n) for s, n in sorted(result.by_stage.items())],
            "by_type": [(type_labels.get(t, t), t, n) for t, n in sorted(result.by_type.items())],
            "can_propose": _proposing_region(request.user) is not None,
        },
    )


def agreement_export(request: HttpRequest) -> HttpResponse:
    """The filtered list as XLSX (the same selector, the same scope; at most 5,000 rows)."""
    _require_reader(request)
    _form, filters = _filters(request)
    result = agreement_list(request.user, filters, limit=5000)
    book = new_workbook()
    sheet = book.active
    sheet.title = "Kerja sama"
    append_row(
        sheet,
        [
            _("Number"),
            _("Title"),
            _("Type"),
            _("Category"),
            _("Stage"),
            _("Parties"),
            _("Affairs"),
            _("Term start"),
            _("Term end"),
            _("Example data"),
        ],
    )
    for a in result.agreements:
        append_row(
            sheet,
            [
                a.number,
                a.title,
                a.get_type_display(),
                a.get_category_display(),
                a.get_stage_display(),
                "; ".join(_party_name(p) for p in a.parties.all()),
                ", ".join(f.code for f in a.affairs.all()),
                a.term_start,
                a.term_end,
                _("yes") if a.is_example else "",
            ],
        )
    response = HttpResponse(
        to_bytes(book), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="kerja-sama.xlsx"'
    return response


def _party_name(party: AgreementParty) -> str:
    if party.region is not None:
        return party.region.name
    return party.organisation.name if party.organisation is not None else "?"


# -- detail -----------------------------------------------------------------------------------------------


def _stage_steps(agreement: Agreement, visited: set[str]) -> list[dict[str, Any]]:
    """The stages of the rulebook's table for this type, each done / current / next (the DPRD stage only where
    approval is required: PP 28/2018 Pasal 6(2))."""
    table = table_for(agreement.type)
    steps = []
    reached_current = False
    for stage in table.stages:
        if stage.terminal and stage.id != agreement.stage:
            continue
        if stage.condition and not agreement.dprd_approval_required and stage.id not in visited:
            continue
        if stage.id == agreement.stage:
            state, reached_current = "current", True
        elif not reached_current and stage.id in visited:
            state = "done"
        else:
            state = "next"
        english = (get_language() or "").startswith("en")
        steps.append({"id": stage.id, "name": stage.name_en if english else stage.name_id, "state": state})
    return steps


def _decisions_by_region(pk: int) -> dict[str, list[Any]]:
    from kerjasama.tkksd.selectors import decisions_for

    out: dict[str, list[Any]] = {}
    for decision in decisions_for(OBJECT_TYPE, [pk]).get(str(pk), []):
        out.setdefault(decision.meeting.region_id, []).append(decision)
    return out


def _documents(user: Any, detail: Any) -> list[dict[str, Any]]:
    """The files attached to the agreement, each with the signatures of its latest version and the signing
    order of the parties' signatories. The reader may see the agreement, so every party sees the same files
    (whichever region uploaded them): documents attached to an agreement follow the agreement's visibility
    (``core.scoping.register_attachment_owner``), and the verdicts are read as the reader."""
    from kerjasama.documents.domain.signatures import signing_order
    from kerjasama.documents.selectors import signatures_for

    files = detail.files
    summaries = signatures_for(user, [f.pk for f in files])
    expected = [p.signatory_name or _party_name(p) for p in detail.parties]
    recorded = {d.document_id: d for d in detail.recorded_documents if d.document_id}
    rows = []
    for f in files:
        summary = summaries[f.pk]
        steps, upcoming = signing_order(expected, summary.signers) if summary.signed else ([], None)
        rows.append(
            {"file": f, "summary": summary, "steps": steps, "next": upcoming, "recorded": recorded.get(f.pk)}
        )
    return rows


#: The signature a party gives in each stage (rulebook action, the document assumed signed, the service).
_SIGNING_BY_STAGE = {
    AgreementStage.PENYUSUNAN_KB: ("tandatangani_kb", "kb", "sign_kb"),
    AgreementStage.KB_DITANDATANGANI: ("tandatangani_pks", "pks", "sign_pks"),
    AgreementStage.MENUNGGU_DPRD: ("tandatangani_pks", "pks", "sign_pks"),
    AgreementStage.PENYUSUNAN_PKS: ("tandatangani_pks", "pks", "sign_pks"),
    AgreementStage.PENYUSUNAN_NK: ("tandatangani_nk", "nk", "sign_nota_kesepakatan"),
}


def _not_yet(
    user: Any, agreement: Agreement, parties: list[AgreementParty], offered: set[str]
) -> dict[str, Any]:
    """Why the user's side cannot sign yet in this stage: the rulebook's error findings (with their legal basis)
    for the signature the stage leads to, when the page does not offer it to a party the user acts for."""
    step = (
        _SIGNING_BY_STAGE.get(AgreementStage(agreement.stage))
        if agreement.stage in _SIGNING_BY_STAGE
        else None
    )
    if step is None:
        return {}
    action, kind, service = step
    if service in offered or not any(can(user, "agreements.act_for_party", p) for p in parties):
        return {}
    result = services.evaluate_action(agreement, action, assume_signed=kind)  # type: ignore[arg-type]
    english = (get_language() or "").startswith("en")
    findings = [
        {"rule": f.rule, "message": f.message_en if english else f.message_id, "basis": f.basis}
        for f in result.findings
        if f.severity == "error"
    ]
    return {"label": ACTION_LABELS[service], "findings": findings} if findings else {}


def _audit_trail(user: Any, pk: int) -> list[Any]:
    """The official trail of the record's business events, as far as the reader may see audit events (the
    auditor and the ministry all; others their own); the stage history above is everyone's."""
    from kerjasama.core.models import AuditEvent

    return list(
        AuditEvent.objects.restrict(user, "view")
        .filter(object_type=OBJECT_TYPE, object_id=str(pk))
        .order_by("occurred_at", "pk")[:200]
    )


def _detail_context(request: HttpRequest, pk: int, outcome: dict[str, Any] | None = None) -> dict[str, Any]:
    from kerjasama.tkksd.selectors import has_active_decree

    try:
        detail = agreement_detail(request.user, pk)
    except NotFound:
        raise Http404 from None
    agreement = detail.agreement
    today = timezone.localdate()
    visited = {e.stage for e in detail.timeline}
    decisions = _decisions_by_region(pk)
    region_parties = [p for p in detail.parties if p.region_id]
    parties = []
    approvals = {a.region_id: a for a in detail.dprd_approvals}
    for p in detail.parties:
        parties.append(
            {
                "party": p,
                "name": _party_name(p),
                "decisions": decisions.get(p.region_id or "", []),
                "dprd": approvals.get(p.region_id or ""),
            }
        )
    no_decree = [p for p in region_parties if not has_active_decree(str(p.region_id), on=today)]
    # One entry per action (and party); the form each needs, bound only for the one that was just refused.
    actions = []
    review_regions = []
    for item in detail.actions:
        name = item["action"]
        if name == "record_tkksd_review":
            party = next((p for p in detail.parties if p.pk == item["party"]), None)
            if party is not None and party.region_id:
                review_regions.append(party)
            continue
        if name == "record_document":
            continue
        if name == "terminate_agreement":
            # Ending goes through the settlement of assets and obligations and the termination document
            # (issue 11 item 4): the lifecycle panel links its page; the page offers no shortcut around it.
            continue
        party = next((p for p in detail.parties if p.pk == item["party"]), None)
        form_class = ACTION_FORMS.get(name)
        form = None
        if form_class is not None:
            kwargs: dict[str, Any] = {"prefix": f"{name}-{item['party'] or 0}"}
            if form_class is PartnerSelectionForm:
                kwargs["initial"] = _partner_selection_initial(agreement)
            form = form_class(**kwargs)
        actions.append(
            {
                "name": name,
                "label": ACTION_LABELS.get(name, name),
                "party": party,
                "party_name": _party_name(party) if party else "",
                "form": form,
                "key": f"{name}-{item['party'] or 0}",
            }
        )
    affairs = list(agreement.affairs.all())
    sub_names = dict(
        AuthorityEntry.objects.filter(code__in=agreement.sub_affairs).values_list("code", "sub_affair")
    )
    may_upload = any(a["action"] == "record_document" for a in detail.actions)
    offered = {a["action"] for a in detail.actions}
    return {
        "d": detail,
        "a": agreement,
        "steps": _stage_steps(agreement, visited),
        "history": [(dict(AgreementStage.choices).get(e.stage, e.stage), e) for e in detail.timeline],
        "parties": parties,
        "no_decree": no_decree,
        "actions": actions,
        "review_regions": review_regions,
        "documents": _documents(request.user, detail),
        "audit": _audit_trail(request.user, pk),
        "affairs": affairs,
        "sub_affairs": [(code, sub_names.get(code, "")) for code in agreement.sub_affairs],
        "category_reason": _category_reason(agreement),
        "upload_form": UploadForm(prefix="upload") if may_upload else None,
        "outcome": outcome,
        "not_yet": _not_yet(request.user, agreement, detail.parties, offered),
        "clocks": _clocks(detail),
        "initiative_labels": [
            INITIATIVE_CRITERIA_LABELS.get(c, c) for c in agreement.initiative_criteria or ()
        ],
    }


def _clocks(detail: Any) -> list[dict[str, Any]]:
    """The current stage's deadline clocks in the page's language, with the party region each one is for."""
    english = (get_language() or "").startswith("en")
    names = {p.region_id: _party_name(p) for p in detail.parties if p.region_id}
    return [
        {
            "clock": c,
            "label": c.label_en if english else c.label_id,
            "region_name": names.get(c.region, "") if c.region else "",
        }
        for c in detail.clocks
    ]


def _partner_selection_initial(agreement: Agreement) -> dict[str, Any]:
    """The partner selection as recorded, and the version the form read (409 if it changed meanwhile)."""
    return {
        "expected_version": agreement.version,
        "ksdpk_kind": agreement.ksdpk_kind,
        "method": agreement.partner_selection_method,
        "reference": agreement.partner_selection_ref,
        "selected_on": agreement.partner_selection_date,
        "third_party_initiated": agreement.third_party_initiated,
        "initiative_criteria": list(agreement.initiative_criteria or ()),
    }


def _category_reason(agreement: Agreement) -> str:
    """Why the category means what it does, in the law's words (REGULATIONS.md §1.2)."""
    if agreement.type != AgreementType.KSDD or not agreement.category:
        return ""
    if agreement.category == "wajib":
        return _(
            "Mandatory: between bordering regions, for affairs with cross-regional externalities and public "
            "services more efficient if managed jointly (UU 23/2014 Pasal 364(1); PP 28/2018 Pasal 3(2))."
        )
    return _(
        "Voluntary: between regions, bordering or not, for affairs judged more effective and efficient if done "
        "together (UU 23/2014 Pasal 365; PP 28/2018 Pasal 3(3))."
    )


def agreement_detail_page(request: HttpRequest, pk: int) -> HttpResponse:
    _require_reader(request)
    outcome = request.session.pop(_OUTCOME_KEY, None)
    if outcome and outcome.get("pk") != pk:
        outcome = None
    return render(request, "agreements/detail.html", _detail_context(request, pk, outcome))


# -- actions ----------------------------------------------------------------------------------------------

_OUTCOME_KEY = "agreements.outcome"


def _outcome_of_error(exc: KerjasamaError) -> dict[str, Any]:
    language = get_language() or "id"
    english = language.startswith("en")
    findings = []
    if isinstance(exc, RuleRefusal):
        for f in exc.findings:
            findings.append(
                {
                    "rule": f.get("rule", ""),
                    "message": f.get("message_en" if english else "message_id", ""),
                    "basis": f.get("basis", ""),
                }
            )
    return {
        "ok": False,
        "code": exc.code,
        "status": exc.http_status,
        "message": exc.message(language),
        "details": [d.message(language) for d in exc.details[:10]],
        "findings": findings,
    }


def _party(agreement: Agreement, request: HttpRequest) -> AgreementParty:
    try:
        party_id = int(request.POST.get("party", ""))
    except ValueError:
        raise Http404 from None
    party = next((p for p in agreement.parties.all() if p.pk == party_id), None)
    if party is None:
        raise Http404
    return party


def _run(name: str, agreement: Agreement, request: HttpRequest) -> str | None:
    """Call the service behind ``name`` with the form's values; returns a form error text, or None."""
    kwargs: dict[str, Any] = {"actor": request.user, "agreement": agreement}
    form = None
    if name in PARTY_ACTIONS:
        kwargs["party"] = _party(agreement, request)
    form_class = ACTION_FORMS.get(name)
    if form_class is not None:
        prefix = f"{name}-{request.POST.get('party') or 0}"
        form = form_class(request.POST, prefix=prefix)
        if not form.is_valid():
            return form_error_text(form)
        kwargs.update(form.cleaned_data)
    if name == "send_offer":
        copies = kwargs.pop("copies_to", "")
        kwargs["copies_to"] = [c.strip() for c in copies.split(",") if c.strip()]
    if name == "record_dprd_decision":
        party = kwargs.pop("party")
        approval = next((a for a in agreement.dprd_approvals.all() if a.region_id == party.region_id), None)
        if approval is None:
            raise Http404
        del kwargs["agreement"]
        kwargs["approval"] = approval
    service = getattr(services, name)
    service(**kwargs)
    return None


@require_POST
def agreement_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One action of the page: only those ``available_actions`` offers, each through its service."""
    _require_reader(request)
    if action not in ACTION_LABELS:  # ending is not one: the lifecycle's settlement page ends an agreement
        raise Http404
    agreement = _visible(request, pk)
    # The stage the page was loaded with: the services answer 409 when it has moved since (a lost race).
    seen = request.POST.get("stage", "")
    if seen in AgreementStage.values:
        agreement.stage = seen
    try:
        problem = _run(action, agreement, request)
    except PermissionDenied as exc:
        outcome = _outcome_of_error(exc)
    except KerjasamaError as exc:
        outcome = _outcome_of_error(exc)
    else:
        if problem:
            outcome = {
                "ok": False,
                "code": "form",
                "status": 422,
                "message": problem,
                "details": [],
                "findings": [],
            }
        else:
            fresh = Agreement.objects.get(pk=pk)
            outcome = {
                "ok": True,
                "message": _("Done: %(action)s. The stage is now “%(stage)s”.")
                % {"action": ACTION_LABELS[action], "stage": fresh.get_stage_display()},
            }
    outcome["pk"] = pk
    if request.htmx:  # type: ignore[attr-defined]
        # htmx swaps the record's body in place (hx-select): the same page, with the outcome announced.
        return render(request, "agreements/detail.html", _detail_context(request, pk, outcome))
    request.session[_OUTCOME_KEY] = outcome
    return redirect(f"{detail_url(pk)}#hasil")


@require_POST
def agreement_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """A document of the agreement, uploaded through the documents block (versioned, SHA-256, signatures
    checked on upload) and, where the rulebook reads it, recorded on the agreement (``record_document``)."""
    _require_reader(request)
    agreement = _visible(request, pk)
    form = UploadForm(request.POST, request.FILES, prefix="upload")
    outcome: dict[str, Any]
    if not can(request.user, "agreements.attach_document", agreement):
        outcome = _outcome_of_error(PermissionDenied("agreements.attach_document"))
    elif not form.is_valid():
        text = form_error_text(form)
        outcome = {"ok": False, "code": "form", "status": 422, "message": text, "details": [], "findings": []}
    else:
        kind, recorded_kind, label = UPLOAD_KINDS[form.cleaned_data["kind"]]
        try:
            version = services.attach_file(
                actor=request.user,
                agreement=agreement,
                kind=kind,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                recorded_kind=recorded_kind,
                number=form.cleaned_data["number"],
                dated=form.cleaned_data["dated"],
            )
        except KerjasamaError as exc:
            outcome = _outcome_of_error(exc)
        else:
            outcome = {
                "ok": True,
                "message": _("The document “%(title)s” was uploaded (%(kind)s).")
                % {"title": version.document.title, "kind": label},
            }
    outcome["pk"] = pk
    request.session[_OUTCOME_KEY] = outcome
    return redirect(f"{detail_url(pk)}#hasil")


# -- propose ----------------------------------------------------------------------------------------------


def _proposing_region(user: Any) -> Region | None:
    org = getattr(user, "organisation", None)
    if org is None or not org.region_id:
        return None
    region = Region.objects.filter(code=org.region_id, is_autonomous=True).first()
    if region is None or not can(user, "agreements.propose", region):
        return None
    return region


def _initial_from_request(request: HttpRequest, region: Region) -> dict[str, Any]:
    """Pre-filled from a mapping recommendation (``?mitra=&urusan=``) or a plan check (``?rencana=`` codes)."""
    partner_code = request.GET.get("mitra", "")
    affair_code = request.GET.get("urusan", "")
    if partner_code and affair_code:
        partner = Region.objects.filter(code=partner_code, is_autonomous=True).first()
        affair = Affair.objects.filter(code=affair_code).first()
        if partner is not None and affair is not None:
            values = services.proposal_from_recommendation(region, partner, affair)
            return {
                "type": values["type"],
                "category": values["category"],
                "title": values["title"],
                "partner_region": partner.code,
                "affairs": values["affairs"],
                "justification_externality": values["justification_externality"],
                "origin_kind": values["origin_kind"],
                "origin_ref": values["origin_ref"],
            }
    if request.GET.get("rencana") == "1":
        from_plan = _initial_from_plan(request, region)
        if from_plan:
            return from_plan
    return {"type": AgreementType.KSDD, "origin_kind": OriginKind.MANUAL}


def _initial_from_plan(request: HttpRequest, region: Region) -> dict[str, Any] | None:
    """A plan checked on the plan checker (its query string, ``?rencana=1&type=…&party=…``), when the user's
    region is one of its parties; ``None`` when the plan does not parse (the checker explains why)."""
    from kerjasama.compliance.forms import plan_from_query
    from kerjasama.compliance.selectors import reference_data, rulebook_settings
    from kerjasama.rulebook.plan import PlanInputError, parse_plan

    try:
        plan = parse_plan(plan_from_query(request.GET), reference_data(), rulebook_settings())
    except PlanInputError:
        return None
    if region.code not in plan.parties:
        return None
    values = services.proposal_from_plan(plan, lead_region=region)
    partners = values["partner_regions"]
    return {
        "type": values["type"],
        "category": values["category"],
        "partner_region": partners[0].code if partners else None,
        "affairs": values["affairs"],
        "sub_affairs": values["sub_affairs"],
        "apbd_budgeted": {True: "yes", False: "no"}.get(values["apbd_budgeted"], ""),
        "burdens_public": {True: "yes", False: "no"}.get(values["burdens_public"], ""),
        "origin_kind": values["origin_kind"],
        "origin_ref": values["origin_ref"],
    }


def agreement_new(request: HttpRequest) -> HttpResponse:
    """A new proposal of the user's region (the cooperation unit: ``agreements.propose``)."""
    _require_reader(request)
    region = _proposing_region(request.user)
    if region is None:
        raise Http404
    form = ProposalForm(request.POST or None, initial=_initial_from_request(request, region))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        partner_region = data["partner_region"]
        partner_org = data["partner_organisation"]
        origin_kind = data["origin_kind"] if data["origin_kind"] in OriginKind.values else OriginKind.MANUAL
        try:
            agreement = services.propose_agreement(
                actor=request.user,
                lead_region=region,
                type=data["type"],
                title=data["title"],
                partner_regions=[partner_region] if partner_region else [],
                partner_organisations=[partner_org] if partner_org else [],
                category=data["category"],
                affairs=data["affairs"],
                sub_affairs=data["sub_affairs"],
                object=data["object"],
                scope=data["scope"],
                justification_externality=data["justification_externality"],
                justification_efficiency=data["justification_efficiency"],
                legal_basis=data["legal_basis"],
                term_start=data["term_start"],
                term_end=data["term_end"],
                apbd_budgeted=yes_no(data["apbd_budgeted"]),
                burdens_public=yes_no(data["burdens_public"]),
                value=data["value"],
                origin_kind=origin_kind,
                origin_ref=data["origin_ref"] if origin_kind != OriginKind.MANUAL else "",
            )
        except KerjasamaError as exc:
            outcome = _outcome_of_error(exc)
            form.add_error(None, outcome["message"])
            for detail in outcome["details"]:
                form.add_error(None, detail)
            for finding in outcome["findings"]:
                form.add_error(None, f"{finding['message']} ({finding['basis']})")
        else:
            request.session[_OUTCOME_KEY] = {
                "ok": True,
                "pk": agreement.pk,
                "message": _("The proposal was recorded. Next: its review by your region's TKKSD."),
            }
            return redirect(detail_url(agreement.pk))
    return render(request, "agreements/form.html", {"form": form, "region": region, "today": timezone.localdate()})

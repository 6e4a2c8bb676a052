"""Pages of an agreement's lifecycle: its amendments with the terms in force on a date and its lineage (with
the extension button), and its end (the settlement checklist and the termination).

Every change goes through ``lifecycle.services``; a refusal is shown beside its field or on top of the form,
and what the official typed stays in the form. Outside the reader's visibility the page is a 404.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kerjasama.accounts.policy import can
from kerjasama.agreements.choices import AgreementStage
from kerjasama.agreements.models import Agreement
from kerjasama.agreements.selectors import visible_agreement
from kerjasama.core.errors import KerjasamaError, NotFound
from kerjasama.core.pages import form_outcome, page_denied, show_error
from kerjasama.documents.choices import DocumentKind
from kerjasama.lifecycle import selectors, services
from kerjasama.lifecycle.choices import SettlementStatus
from kerjasama.lifecycle.conf import item_info
from kerjasama.lifecycle.forms import AmendmentForm, ExtensionForm, SettlementItemForm, TerminationForm
from kerjasama.lifecycle.models import SettlementItem


def _visible(request: HttpRequest, agreement_id: int) -> Agreement:
    if not request.user.is_authenticated:
        raise Http404
    try:
        return visible_agreement(request.user, agreement_id)
    except NotFound:
        raise Http404 from None


def _upload(request: HttpRequest, agreement: Agreement, upload: Any, title: str) -> Any:
    """The uploaded file as a document attached to the agreement (the documents block: versioned, checked)."""
    if upload is None:
        return None
    from kerjasama.documents.services import upload_document

    org = getattr(request.user, "organisation", None)
    codes = {p.region_id for p in agreement.parties.all() if p.region_id}
    region = org.region if org is not None and org.region_id in codes else agreement.lead_region
    version = upload_document(
        actor=request.user,
        region=region,
        kind=DocumentKind.OTHER,
        title=title[:200],
        upload=upload,
        attached_to=agreement,
    )
    return version.document


def _parties(agreement: Agreement) -> list[tuple[str, str]]:
    return [(p.code, p.name) for p in agreement.parties.all()]


def amendments_url(agreement_id: int) -> str:
    return reverse("lifecycle:amendments", kwargs={"agreement_id": agreement_id})


def termination_url(agreement_id: int) -> str:
    return reverse("lifecycle:termination", kwargs={"agreement_id": agreement_id})


def _on(request: HttpRequest) -> date:
    try:
        return date.fromisoformat(request.GET.get("pada", ""))
    except ValueError:
        return timezone.localdate()


def amendments_page(request: HttpRequest, agreement_id: int) -> HttpResponse:
    """The amendments (adendum) of an agreement, the terms in force on a date (``?pada=YYYY-MM-DD``), its
    lineage, and for a party's official the form of a new amendment and the extension button."""
    agreement = _visible(request, agreement_id)
    in_force = agreement.stage == AgreementStage.PELAKSANAAN
    may_record = in_force and can(request.user, "lifecycle.record_amendment", agreement)
    form = AmendmentForm(request.POST or None, request.FILES or None, parties=_parties(agreement))
    if request.method == "POST":
        if not can(request.user, "lifecycle.record_amendment", agreement):
            raise page_denied("lifecycle.record_amendment")
        if form.is_valid():
            data = form.cleaned_data

            @transaction.atomic
            def record() -> Any:
                document = _upload(request, agreement, data.get("document"), data["title"])
                return services.record_amendment(
                    actor=request.user,
                    agreement=agreement,
                    title=data["title"],
                    number=data["number"],
                    signed_on=data["signed_on"],
                    effective_from=data["effective_from"],
                    changes=form.changes(),
                    reason=data["reason"],
                    document=document,
                )

            answer = form_outcome(
                request,
                form,
                record,
                done=lambda amendment: _("Amendment %(n)s was recorded.") % {"n": amendment.sequence},
                to=amendments_url(agreement.pk),
            )
            if answer is not None:
                return answer
    on = _on(request)
    rows = selectors.amendments_of(agreement)
    terms = selectors.terms_as_of(agreement, on, rows)
    names = dict(_parties(agreement))
    may_extend = agreement.stage in (AgreementStage.PELAKSANAAN, AgreementStage.BERAKHIR) and can(
        request.user, "lifecycle.propose_extension", agreement
    )
    return render(
        request,
        "lifecycle/amendments.html",
        {
            "a": agreement,
            "amendments": rows,
            "on": on,
            "terms": terms,
            "shares": [(names.get(code, code), share) for code, share in terms["shares"].items()],
            "lineage": selectors.lineage(agreement, request.user),
            "form": form if may_record or form.is_bound else None,
            "extension_form": ExtensionForm() if may_extend else None,
        },
    )


@require_POST
def extension(request: HttpRequest, agreement_id: int) -> HttpResponse:
    """Propose the extension or renewal: a new agreement in *persiapan* (full procedure, R19), then its page."""
    agreement = _visible(request, agreement_id)
    if not can(request.user, "lifecycle.propose_extension", agreement):
        raise page_denied("lifecycle.propose_extension")
    form = ExtensionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose extension or renewal."))
        return redirect(amendments_url(agreement.pk))
    try:
        successor = services.propose_extension(
            actor=request.user, agreement=agreement, kind=form.cleaned_data["kind"]
        )
    except KerjasamaError as exc:
        show_error(request, exc)
        return redirect(amendments_url(agreement.pk))
    messages.success(
        request, _("The extension was proposed as a new agreement; it goes through the full procedure again.")
    )
    return redirect(reverse("agreements:detail", kwargs={"pk": successor.pk}))


def termination_page(request: HttpRequest, agreement_id: int) -> HttpResponse:
    """The end of the cooperation: the settlement checklist (each item settled or not applicable with a note),
    and for the proposing side the termination on a PP 28/2018 ground with its document."""
    agreement = _visible(request, agreement_id)
    open_or_ended = agreement.stage in (AgreementStage.PELAKSANAAN, AgreementStage.BERAKHIR)
    may_settle = open_or_ended and can(request.user, "lifecycle.settle", agreement)
    may_end = agreement.stage == AgreementStage.PELAKSANAAN and can(
        request.user, "lifecycle.terminate", agreement
    )
    form = TerminationForm(
        request.POST if request.POST.get("step") == "end" else None,
        request.FILES or None,
        agreement_type=agreement.type,
        initial={"ended_on": timezone.localdate()},
    )
    if request.method == "POST":
        step = request.POST.get("step")
        if step == "open":
            if not can(request.user, "lifecycle.settle", agreement):
                raise page_denied("lifecycle.settle")
            try:
                services.open_settlement(actor=request.user, agreement=agreement)
            except KerjasamaError as exc:
                show_error(request, exc)
            return redirect(termination_url(agreement.pk))
        if step == "end":
            if not can(request.user, "lifecycle.terminate", agreement):
                raise page_denied("lifecycle.terminate")
            if form.is_valid():
                data = form.cleaned_data

                @transaction.atomic
                def terminate() -> Any:
                    document = _upload(
                        request, agreement, data.get("document"), data["document_number"] or "Pengakhiran"
                    )
                    return services.terminate_agreement(
                        actor=request.user,
                        agreement=agreement,
                        ground=data["ground"],
                        ended_on=data["ended_on"],
                        reason=data["reason"],
                        document_number=data["document_number"],
                        document_date=data["document_date"],
                        document=document,
                    )

                answer = form_outcome(
                    request,
                    form,
                    terminate,
                    done=_("The cooperation has ended."),
                    to=termination_url(agreement.pk),
                )
                if answer is not None:
                    return answer
    settlement = selectors.settlement_of(agreement)
    items = [
        (
            item,
            item_info(item.key),
            SettlementItemForm(
                initial={"status": item.status, "note": item.note, "version": item.version},
                prefix=f"i{item.pk}",
            ),
        )
        for item in (settlement.items.all() if settlement is not None else [])
    ]
    return render(
        request,
        "lifecycle/termination.html",
        {
            "a": agreement,
            "settlement": settlement,
            "items": items,
            "pending": sum(1 for item, _info, _f in items if item.status == SettlementStatus.PENDING),
            "may_settle": may_settle,
            "may_end": may_end,
            "form": form if may_end or form.is_bound else None,
        },
    )


@require_POST
def settlement_item(request: HttpRequest, agreement_id: int, item_id: int) -> HttpResponse:
    agreement = _visible(request, agreement_id)
    if not can(request.user, "lifecycle.settle", agreement):
        raise page_denied("lifecycle.settle")
    item = get_object_or_404(
        SettlementItem.objects.restrict(request.user, "view").select_related("settlement"),
        pk=item_id,
        settlement__agreement_id=agreement.pk,
    )
    form = SettlementItemForm(request.POST, prefix=f"i{item.pk}")
    if not form.is_valid():
        messages.error(request, _("Choose a status for the item."))
        return redirect(termination_url(agreement.pk))
    try:
        services.update_settlement_item(
            actor=request.user,
            item=item,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data.get("version"),
        )
    except KerjasamaError as exc:
        show_error(request, exc)
    else:
        messages.success(request, _("The settlement item was saved."))
    return redirect(termination_url(agreement.pk) + f"#butir-{item.pk}")

"""Pages of the oversight app: an agreement's publication consent (for its parties) and the public register
(no login: ``/daftar-kerja-sama/``), which shows only published agreements and only their released parts."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kerjasama.accounts.policy import can
from kerjasama.agreements.models import Agreement
from kerjasama.agreements.selectors import visible_agreement
from kerjasama.core.actors import SYSTEM
from kerjasama.core.errors import NotFound
from kerjasama.core.pages import form_outcome, page_denied
from kerjasama.documents.responses import download_response
from kerjasama.oversight import services
from kerjasama.oversight.forms import PublicationConsentForm
from kerjasama.oversight.selectors import (
    PublicFilters,
    public_agreement,
    public_pks,
    public_register,
    publication_overview,
    withheld_of,
)
from kerjasama.regions.domain import codes
from kerjasama.regions.models import Region

#: Agreements on one page of the public register.
PAGE_SIZE = 25


def _agreement(request: HttpRequest, agreement_id: int) -> Agreement:
    try:
        agreement = visible_agreement(request.user, agreement_id)
    except NotFound as exc:
        raise Http404 from exc
    if not can(request.user, "oversight.view_publication", agreement):
        raise page_denied("oversight.view_publication")
    return agreement


def consent_page(request: HttpRequest, agreement_id: int) -> HttpResponse:
    """The agreement's publication state and, for each party the user speaks for, its decision form."""
    agreement = _agreement(request, agreement_id)
    overview = publication_overview(agreement)
    mine = [d for d in overview.decisions if can(request.user, "oversight.record_consent", d.party)]
    errors: dict[int, PublicationConsentForm] = {}
    if request.method == "POST":
        party_id = request.POST.get("party", "")
        decision = next((d for d in mine if str(d.party.pk) == party_id), None)
        if decision is None:
            raise page_denied("oversight.record_consent")
        form = PublicationConsentForm(request.POST, prefix=f"p{decision.party.pk}")
        if form.is_valid():
            answer = form_outcome(
                request,
                form,
                lambda: services.record_publication_consent(
                    actor=request.user,
                    agreement=agreement,
                    party=decision.party,
                    decision=form.cleaned_data["decision"],
                    withheld=form.withheld(),
                ),
                done=_("The publication decision was recorded."),
                to=reverse("oversight:consent", kwargs={"agreement_id": agreement.pk}),
            )
            if answer is not None:
                return answer
        errors[decision.party.pk] = form
    forms = []
    for d in mine:
        initial: dict[str, str] = {}
        if d.consent is not None:
            initial["decision"] = d.consent.decision
            for entry in d.consent.withheld:
                initial[f"withhold_{entry['item']}"] = entry["reason"]
        forms.append(
            (d, errors.get(d.party.pk) or PublicationConsentForm(initial=initial, prefix=f"p{d.party.pk}"))
        )
    return render(
        request,
        "oversight/consent.html",
        {"a": agreement, "overview": overview, "forms": forms},
    )


def _register_page(
    request: HttpRequest, filters: PublicFilters, template: str, **extra: object
) -> HttpResponse:
    page = Paginator(public_register(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    for agreement in page.object_list:
        agreement.withheld = withheld_of(agreement)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        template,
        {
            "page": page,
            "filters": filters,
            "querystring": params.urlencode(),
            "example": any(a.is_example for a in page.object_list),
            **extra,
        },
    )


@login_not_required
def register_list(request: HttpRequest) -> HttpResponse:
    """The public register: published agreements, searchable by title, region and affair."""
    region = request.GET.get("region", "").strip()[:20]
    filters = PublicFilters(
        query=request.GET.get("q", "").strip()[:100],
        region=codes.normalise(region) if region else "",
        affair=request.GET.get("affair", "").strip()[:4],
    )
    return _register_page(request, filters, "oversight/register_list.html")


@login_not_required
def register_region(request: HttpRequest, code: str) -> HttpResponse:
    """One region's published agreements."""
    region = Region.objects.filter(code=codes.normalise(code)).first()
    if region is None:
        raise Http404
    return _register_page(
        request, PublicFilters(region=region.code), "oversight/register_region.html", region=region
    )


@login_not_required
def register_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One published agreement with its released parts (an unpublished one is not found)."""
    agreement = public_agreement(pk)
    if agreement is None:
        raise Http404
    withheld = withheld_of(agreement)
    return render(
        request,
        "oversight/register_detail.html",
        {"a": agreement, "withheld": withheld, "pks": public_pks(agreement)},
    )


@login_not_required
def register_pks(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The signed PKS of a published agreement whose every party releases it; anything else is not found. The
    server itself serves it (``SYSTEM``: the parties' consent is the permission), and the download is audited."""
    agreement = public_agreement(pk)
    version = public_pks(agreement) if agreement is not None else None
    if version is None:
        raise Http404
    return download_response(actor=SYSTEM, version=version)

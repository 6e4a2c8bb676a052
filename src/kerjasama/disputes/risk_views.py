"""The early-warning pages (``/perselisihan/risiko/``, issue 12 items 5 and 9): the "Kerja sama berisiko"
dashboard (the cooperation unit: its agreements; the governor's office: its province's; the ministry: national,
drillable to a province and a region), an agreement's risk explained indicator by indicator with the events
behind each, the risk event log's form, the thresholds in force, and the XLSX export of the at-risk list.

Scoped like the agreement (``Agreement.objects.restrict``): an agreement outside the caller's sight is a 404.
No regulation defines a risk of dispute (UU 23/2014 Pasal 370; PP 28/2018 Pasal 8, 21): the indicators are the
system's documented heuristics. Every page says that a high score is not proof of a dispute.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kerjasama.accounts.policy import can, jurisdiction_of
from kerjasama.agreements.models import Agreement, AgreementParty
from kerjasama.agreements.selectors import visible_agreement
from kerjasama.core.errors import KerjasamaError, NotFound, PermissionDenied
from kerjasama.core.pages import LabelledErrorsMixin, apply_error
from kerjasama.core.xlsx import append_row, new_workbook, to_bytes
from kerjasama.disputes import early_warning
from kerjasama.disputes.conf import risk_config
from kerjasama.disputes.domain import BAND_LABELS, CAVEAT_EN, CAVEAT_ID, config_reference
from kerjasama.disputes.models import TEXT_MAX_LENGTH, RiskAssessment, RiskEventKind

#: The most rows the dashboard lists (the export has them all).
DASHBOARD_ROWS = 200
#: How many indicators the dashboard names per agreement.
TOP_INDICATORS = 3


def _english() -> bool:
    return not (get_language() or "id").startswith("id")


def _say(row: dict[str, Any], key: str = "message") -> str:
    return str(row.get(f"{key}_en" if _english() else f"{key}_id", ""))


def _caveat() -> str:
    return CAVEAT_EN if _english() else CAVEAT_ID


def _label(assessment: RiskAssessment) -> str:
    return assessment.label_en if _english() else assessment.label_id


def party_name(party: AgreementParty) -> str:
    target: Any = party.region if party.region_id else party.organisation
    return str(getattr(target, "name", target))


def _agreement(request: HttpRequest, agreement_id: int) -> Agreement:
    try:
        return visible_agreement(request.user, agreement_id)
    except NotFound as exc:
        raise Http404(str(exc)) from exc


def _scoped(request: HttpRequest) -> tuple[Any, str]:
    """The visible assessments, narrowed to ``?wilayah=CODE`` (a province or a kab/kota: the drill-down)."""
    rows = early_warning.visible_assessments(request.user)
    code = (request.GET.get("wilayah") or "").strip()[:13]
    if code:
        near = (
            Q(region_id=code) if "." in code else Q(region_id=code) | Q(region__code__startswith=code + ".")
        )
        rows = rows.filter(agreement_id__in=AgreementParty.objects.filter(near).values("agreement_id"))
    return rows, code


def _row(assessment: RiskAssessment) -> dict[str, Any]:
    agreement = assessment.agreement
    return {
        "a": assessment,
        "agreement": agreement,
        "label": _label(assessment),
        "parties": "; ".join(party_name(p) for p in agreement.parties.all()),
        "top": [_say(i) for i in assessment.indicators[:TOP_INDICATORS]],
        "completeness_percent": round(assessment.completeness * 100),
    }


@login_required
def risk_dashboard(request: HttpRequest) -> HttpResponse:
    rows, code = _scoped(request)
    listed = [_row(a) for a in rows[:DASHBOARD_ROWS]]
    regions = early_warning.visible_regions(request.user)
    scope = jurisdiction_of(request.user)
    if code:
        regions = regions.filter(region__code__startswith=code + ".") if "." not in code else regions.none()
    elif scope.national:
        regions = regions.filter(region__level="provinsi")
    region_rows = list(regions[:100])
    for r in region_rows:
        r.counts = [r.band_counts.get(str(b), 0) for b in range(1, 6)]
        r.drillable = "." not in str(r.region_id)
    return render(
        request,
        "disputes/risk_dashboard.html",
        {
            "rows": listed,
            "more": rows.count() > DASHBOARD_ROWS if len(listed) == DASHBOARD_ROWS else False,
            "regions": region_rows,
            "code": code,
            "caveat": _caveat(),
            "bands": [(b, *BAND_LABELS[b]) for b in range(1, 6)],
        },
    )


@login_required
def risk_export(request: HttpRequest) -> HttpResponse:
    rows, _code = _scoped(request)
    book = new_workbook()
    sheet = book.active
    sheet.title = "risiko"
    append_row(sheet, [_caveat()])
    append_row(
        sheet,
        [
            _("Number"),
            _("Title"),
            _("Parties"),
            _("Band"),
            _("Label"),
            _("Score"),
            _("Data completeness"),
            _("Indicators"),
            _("As of"),
        ],
    )
    for a in rows:
        row = _row(a)
        append_row(
            sheet,
            [
                a.agreement.number,
                a.agreement.title,
                row["parties"],
                a.band,
                row["label"],
                a.score,
                a.completeness,
                " | ".join(_say(i) for i in a.indicators),
                a.as_of,
            ],
        )
    response = HttpResponse(
        to_bytes(book), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="kerja-sama-berisiko.xlsx"'
    return response


@login_required
def risk_thresholds(request: HttpRequest) -> HttpResponse:
    config = risk_config()
    weights = [
        {"code": code, "default": default, "weight": config.weight(code), "off": code in config.disabled}
        for code, default in config.weights.items()
    ]
    bounds = [0.0, *config.score_bands]
    bands = [
        {"band": b, "label_id": BAND_LABELS[b][0], "label_en": BAND_LABELS[b][1], "from": bounds[b - 1]}
        for b in range(1, 6)
    ]
    values = config.to_dict()
    settings_rows = [
        {"name": f"KERJASAMA_RISK_{row['name'].upper()}", "value": values.get(row["name"]), **row}
        for row in config_reference()
        if not row["name"].startswith("weight_")
    ]
    return render(
        request,
        "disputes/risk_thresholds.html",
        {
            "weights": weights,
            "bands": bands,
            "settings_rows": settings_rows,
            "disabled": sorted(config.disabled),
            "review_every_years": early_warning.review_every_years(),
            "caveat": _caveat(),
        },
    )


class RiskEventForm(LabelledErrorsMixin, forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of event"), choices=RiskEventKind.choices)
    date = forms.DateField(label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    party = forms.ModelChoiceField(
        label=gettext_lazy("Party concerned"), queryset=AgreementParty.objects.none(), required=False
    )
    amount = forms.CharField(label=gettext_lazy("Amount (rupiah)"), required=False, max_length=30)
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "data-counter": str(TEXT_MAX_LENGTH)}),
    )

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["party"]
        field.queryset = AgreementParty.objects.filter(agreement=agreement).select_related(
            "region", "organisation"
        )
        field.label_from_instance = party_name


#: The events the adapter derives from the system's own rows (``early_warning``), named for the page; the
#: events recorded by hand are named by ``RiskEventKind``.
DERIVED_EVENT_LABELS = {
    "obligation_due": gettext_lazy("Obligation due"),
    "obligation_fulfilled": gettext_lazy("Obligation fulfilled"),
    "payment_late": gettext_lazy("Late payment"),
    "payment_received": gettext_lazy("Payment received"),
    "monev_submitted": gettext_lazy("Monitoring submitted"),
    "monev_missed": gettext_lazy("Monitoring missed"),
    "addendum_signed": gettext_lazy("Addendum signed"),
    "extension_signed": gettext_lazy("Extension signed"),
    "dispute_registered": gettext_lazy("Dispute registered"),
    "dispute_closed": gettext_lazy("Dispute closed"),
}


def _evidence(
    assessment: RiskAssessment, indicator: dict[str, Any], names: dict[str, str]
) -> list[dict[str, Any]]:
    """The events behind ``indicator``, labelled in the reader's language; an event's party is stored as its
    region code (the assessment is computed from codes), shown by the party's name (``names``)."""
    kinds = {**DERIVED_EVENT_LABELS, **dict(RiskEventKind.choices)}
    found = []
    for index in indicator.get("evidence", []):
        event = assessment.evidence_events.get(str(index))
        if event:
            party = event.get("party")
            found.append(
                {
                    **event,
                    "kind_label": kinds.get(event["kind"], event["kind"].replace("_", " ")),
                    "party": names.get(str(party), party) if party else party,
                }
            )
    return found


@login_required
def risk_agreement(
    request: HttpRequest, agreement_id: int, form: RiskEventForm | None = None
) -> HttpResponse:
    agreement = _agreement(request, agreement_id)
    assessment = RiskAssessment.objects.filter(agreement=agreement).first()
    indicators = []
    mitigations: dict[str, str] = {}
    if assessment is not None:
        mitigations = {m["code"]: _say(m) for m in assessment.mitigations}
        names = {
            str(p.region_id): p.region.name for p in agreement.parties.select_related("region") if p.region_id
        }
        indicators = [
            {
                **i,
                "message": _say(i),
                "mitigation": mitigations.get(i["code"], ""),
                "events": _evidence(assessment, i, names),
            }
            for i in assessment.indicators
        ]
    may_record = can(request.user, "disputes.record_risk_event", agreement)
    status = 422 if form is not None else 200
    return render(
        request,
        "disputes/risk_agreement.html",
        {
            "agreement": agreement,
            "assessment": assessment,
            "label": _label(assessment) if assessment else "",
            "indicators": indicators,
            "completeness_note": mitigations.get("data_completeness", ""),
            "completeness_percent": round(assessment.completeness * 100) if assessment else None,
            "events": early_warning.risk_events_of(request.user, agreement),
            "may_record": may_record,
            "form": form or (RiskEventForm(agreement=agreement, prefix="ev") if may_record else None),
            "caveat": _caveat(),
            "today": date.today(),
        },
        status=status,
    )


@login_required
@require_POST
def risk_event_record(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = _agreement(request, agreement_id)
    form = RiskEventForm(request.POST, agreement=agreement, prefix="ev")
    if form.is_valid():
        data = form.cleaned_data
        try:
            early_warning.record_risk_event(
                actor=request.user,
                agreement=agreement,
                kind=data["kind"],
                date=data["date"],
                party=data["party"],
                amount=data["amount"] or None,
                note=data["note"],
            )
        except PermissionDenied as exc:
            raise DjangoPermissionDenied(exc) from exc
        except KerjasamaError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Risk event recorded; the agreement's risk is recomputed."))
            return redirect(reverse("disputes:risk_agreement", args=[agreement.pk]))
    elif not can(request.user, "disputes.record_risk_event", agreement):
        raise DjangoPermissionDenied("disputes.record_risk_event")
    return risk_agreement(request, agreement.pk, form=form)

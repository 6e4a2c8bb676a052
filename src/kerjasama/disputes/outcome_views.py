"""The outcome page of a case (``/perselisihan/<id>/hasil/``, issue 12 item 4): the outcomes applied to the
agreement with links to the amendment, obligation and termination, and, for whoever may apply one (a party
for a settlement, the resolver for a decision), the form. Every change goes through ``outcomes.apply_outcome``;
a case outside the caller's sight is a 404, a refusal a 403, bad input the form again with its message."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from kerjasama.agreements.models import AgreementParty
from kerjasama.core.errors import KerjasamaError, NotFound, PermissionDenied
from kerjasama.core.pages import LabelledErrorsMixin, apply_error
from kerjasama.disputes import outcomes
from kerjasama.disputes.models import TEXT_MAX_LENGTH, TITLE_MAX_LENGTH, Dispute, OutcomeKind
from kerjasama.disputes.selectors import visible_dispute
from kerjasama.obligations.choices import ObligationKind, Recurrence


def _date() -> forms.DateField:
    return forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))


class OutcomeForm(LabelledErrorsMixin, forms.Form):
    kind = forms.ChoiceField(label=_lazy("Outcome"), choices=OutcomeKind.choices)
    note = forms.CharField(
        label=_lazy("Note"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    title = forms.CharField(
        label=_lazy("Title of the addendum or obligation"), required=False, max_length=TITLE_MAX_LENGTH
    )
    signed_on = _date()
    effective_from = _date()
    number = forms.CharField(label=_lazy("Addendum document number"), required=False, max_length=100)
    new_object = forms.CharField(label=_lazy("New object"), required=False, max_length=TEXT_MAX_LENGTH)
    new_scope = forms.CharField(label=_lazy("New scope"), required=False, max_length=TEXT_MAX_LENGTH)
    party = forms.ModelChoiceField(
        label=_lazy("Obligated party"), required=False, queryset=AgreementParty.objects.none()
    )
    obligation_kind = forms.ChoiceField(
        label=_lazy("Kind of obligation"), required=False, choices=[("", "—"), *ObligationKind.choices]
    )
    recurrence = forms.ChoiceField(
        label=_lazy("Recurrence"), required=False, choices=[("", "—"), *Recurrence.choices]
    )
    first_due = _date()
    amount = forms.DecimalField(label=_lazy("Amount (rupiah)"), required=False, min_value=0, decimal_places=2)
    ground = forms.CharField(label=_lazy("Termination ground"), required=False, max_length=40)
    document_number = forms.CharField(
        label=_lazy("Termination document number"), required=False, max_length=100
    )

    def __init__(self, *args: Any, case: Dispute, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signed_on"].label = _lazy("Addendum signed on")
        self.fields["effective_from"].label = _lazy("Addendum effective from")
        self.fields["first_due"].label = _lazy("First due date")
        field: Any = self.fields["party"]
        field.queryset = AgreementParty.objects.filter(agreement_id=case.agreement_id or 0).select_related(
            "region"
        )


def _case(request: HttpRequest, dispute_id: int) -> Dispute:
    try:
        return visible_dispute(request.user, dispute_id)
    except NotFound as exc:
        raise Http404(str(exc)) from exc


def _apply(request: HttpRequest, case: Dispute, form: OutcomeForm) -> Any:
    data = form.cleaned_data
    changes = {k: data[f"new_{k}"] for k in ("object", "scope") if data[f"new_{k}"]}
    return outcomes.apply_outcome(
        actor=request.user,
        dispute=case,
        kind=data["kind"],
        note=data["note"],
        title=data["title"],
        signed_on=data["signed_on"],
        effective_from=data["effective_from"],
        changes=changes,
        number=data["number"],
        party=data["party"],
        obligation_kind=data["obligation_kind"],
        recurrence=data["recurrence"],
        first_due=data["first_due"],
        amount=data["amount"],
        ground=data["ground"],
        document_number=data["document_number"],
    )


@login_required
def outcome_page(request: HttpRequest, dispute_id: int) -> HttpResponse:
    case = _case(request, dispute_id)
    may = outcomes.may_apply(request.user, case)
    form = OutcomeForm(request.POST or None, case=case) if may else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise DjangoPermissionDenied(_("You may not apply an outcome to this dispute."))
        if form.is_valid():
            try:
                _apply(request, case, form)
            except PermissionDenied as exc:
                raise DjangoPermissionDenied(exc) from exc
            except KerjasamaError as exc:
                apply_error(form, exc)
                status = 422
            else:
                messages.success(request, _("The outcome was applied to the agreement."))
                return redirect(reverse("disputes:outcomes", args=[case.pk]))
        else:
            status = 422
    context = {
        "case": case,
        "outcomes": outcomes.visible_outcomes(request.user, case),
        "allowed": outcomes.outcome_allowed(case),
        "form": form,
    }
    return render(request, "disputes/outcome.html", context, status=status)

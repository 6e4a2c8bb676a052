"""The letters of an agreement (``/kerja-sama/<id>/surat/``): the list with the form that drafts a letter from
the agreement's data, a letter's page (edit while a draft; read-only once final, with "new version"), the
finalising step and the PDF. Every change goes through ``services``; every read through ``selectors``."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kerjasama.accounts.policy import can
from kerjasama.agreements.models import Agreement
from kerjasama.agreements.selectors import visible_agreement
from kerjasama.core.errors import KerjasamaError, NotFound
from kerjasama.core.pages import form_error_text
from kerjasama.letters import services
from kerjasama.letters.forms import LetterDraftForm, LetterEditForm
from kerjasama.letters.models import Letter
from kerjasama.letters.pdf import letter_pdf
from kerjasama.letters.selectors import agreement_letters, visible_letter

_OUTCOME_KEY = "letters_outcome"


def _agreement(request: HttpRequest, agreement_id: int) -> Agreement:
    if not request.user.is_authenticated:
        raise Http404
    try:
        return visible_agreement(request.user, agreement_id)
    except NotFound:
        raise Http404 from None


def _letter(request: HttpRequest, agreement_id: int, letter_id: int) -> Letter:
    if not request.user.is_authenticated:
        raise Http404
    try:
        return visible_letter(request.user, agreement_id, letter_id)
    except NotFound:
        raise Http404 from None


def _outcome_of_error(exc: KerjasamaError) -> dict[str, Any]:
    language = get_language() or "id"
    return {
        "ok": False,
        "code": exc.code,
        "message": exc.message(language),
        "details": [d.message(language) for d in exc.details[:10]],
    }


def letter_url(letter: Letter) -> str:
    return reverse("letters:detail", kwargs={"agreement_id": letter.agreement_id, "letter_id": letter.pk})


def letters_page(request: HttpRequest, agreement_id: int) -> HttpResponse:
    """The agreement's letters (GET) and the form that drafts one (POST)."""
    agreement = _agreement(request, agreement_id)
    outcome = request.session.pop(_OUTCOME_KEY, None) if request.method == "GET" else None
    may_draft = can(request.user, "letters.draft", agreement)
    form = LetterDraftForm(request.POST or None) if may_draft else None
    status = 200
    if request.method == "POST":
        if form is None:
            outcome = {"ok": False, "message": _("Your account may not draft letters for this agreement.")}
            status = 403
        elif form.is_valid():
            try:
                letter = services.draft_letter(
                    actor=request.user,
                    agreement=agreement,
                    kind=form.cleaned_data["kind"],
                    variant=form.cleaned_data.get("variant") or "",
                )
            except KerjasamaError as exc:
                outcome, status = _outcome_of_error(exc), exc.http_status
            else:
                request.session[_OUTCOME_KEY] = {"ok": True, "message": _("The draft letter was made.")}
                return redirect(letter_url(letter))
        else:
            outcome, status = {"ok": False, "message": form_error_text(form)}, 422
    letters = list(agreement_letters(request.user, agreement))
    context = {"a": agreement, "letters": letters, "form": form, "outcome": outcome}
    return render(request, "letters/list.html", context, status=status)


def letter_page(request: HttpRequest, agreement_id: int, letter_id: int) -> HttpResponse:
    """One letter: its edit form while a draft and the writer may edit it, else its text read-only."""
    letter = _letter(request, agreement_id, letter_id)
    may_write = can(request.user, "letters.write", letter)
    outcome = request.session.pop(_OUTCOME_KEY, None) if request.method == "GET" else None
    form = None
    status = 200
    if may_write and not letter.is_final:
        form = LetterEditForm(request.POST or None, instance=letter)
    if request.method == "POST":
        if form is None:
            outcome, status = {"ok": False, "message": _("This letter can no longer be edited.")}, 409
        elif form.is_valid():
            try:
                services.update_letter(actor=request.user, letter=letter, changes=dict(form.cleaned_data))
            except KerjasamaError as exc:
                outcome, status = _outcome_of_error(exc), exc.http_status
            else:
                request.session[_OUTCOME_KEY] = {"ok": True, "message": _("The draft was saved.")}
                return redirect(letter_url(letter))
        else:
            outcome, status = {"ok": False, "message": form_error_text(form)}, 422
    classification = services.classification_for(letter.region, letter.kind)
    successor = Letter.objects.restrict(request.user, "view").filter(supersedes=letter).first()
    context = {
        "a": letter.agreement,
        "letter": letter,
        "form": form,
        "outcome": outcome,
        "may_write": may_write,
        "classification_confirmed": classification.confirmed,
        "successor": successor,
    }
    return render(request, "letters/detail.html", context, status=status)


@require_POST
def letter_finalise(request: HttpRequest, agreement_id: int, letter_id: int) -> HttpResponse:
    letter = _letter(request, agreement_id, letter_id)
    try:
        final = services.finalise_letter(actor=request.user, letter=letter)
    except KerjasamaError as exc:
        request.session[_OUTCOME_KEY] = _outcome_of_error(exc)
    else:
        request.session[_OUTCOME_KEY] = {
            "ok": True,
            "message": _("The letter was finalised with number %(number)s.") % {"number": final.number},
        }
    return redirect(letter_url(letter))


@require_POST
def letter_new_version(request: HttpRequest, agreement_id: int, letter_id: int) -> HttpResponse:
    letter = _letter(request, agreement_id, letter_id)
    try:
        copy = services.start_new_version(actor=request.user, letter=letter)
    except KerjasamaError as exc:
        request.session[_OUTCOME_KEY] = _outcome_of_error(exc)
        return redirect(letter_url(letter))
    request.session[_OUTCOME_KEY] = {"ok": True, "message": _("A new version was started as a draft.")}
    return redirect(letter_url(copy))


def letter_pdf_download(request: HttpRequest, agreement_id: int, letter_id: int) -> HttpResponse:
    return letter_pdf_response(request, _letter(request, agreement_id, letter_id))


def letter_pdf_response(request: HttpRequest, letter: Letter) -> HttpResponse:
    """A letter's PDF (any subject): the signed PDF once signed (issue 15 item 4), else rendered; audited."""
    from kerjasama.letters.signing import download_bytes

    services.record_download(actor=request.user, letter=letter)
    name = (letter.number or f"konsep-{letter.pk}").replace("/", "-").replace(" ", "")
    response = HttpResponse(download_bytes(letter) or letter_pdf(letter), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="surat-{name}.pdf"'
    return response

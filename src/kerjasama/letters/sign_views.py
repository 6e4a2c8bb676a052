"""Pages of electronic signing and the SRIKANDI bundle for a letter (issue 15 items 3-4; an agreement's
letters under the agreement, the other subjects' under ``/surat/``): sign a
final letter (POST; the passphrase or TOTP code is never echoed, logged or stored), export one letter or a set as
a SRIKANDI bundle (POST; a ZIP download). Every change goes through ``letters.signing``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST

from kerjasama.core.errors import KerjasamaError
from kerjasama.letters import draft_views, signing
from kerjasama.letters.draft_views import any_letter_url
from kerjasama.letters.models import Letter
from kerjasama.letters.selectors import agreement_letters
from kerjasama.letters.views import _OUTCOME_KEY, _agreement, _letter, _outcome_of_error


@sensitive_variables("passphrase", "totp")
@sensitive_post_parameters("passphrase", "totp")
@require_POST
def letter_sign(request: HttpRequest, agreement_id: int, letter_id: int) -> HttpResponse:
    return _sign(request, _letter(request, agreement_id, letter_id))


@sensitive_variables("passphrase", "totp")
@sensitive_post_parameters("passphrase", "totp")
@require_POST
def subject_letter_sign(request: HttpRequest, letter_id: int) -> HttpResponse:
    """Sign a letter of a TKKSD meeting, a report or a dispute (its page is under ``/surat/``)."""
    return _sign(request, draft_views._letter(request, letter_id))


@sensitive_variables("passphrase", "totp")
def _sign(request: HttpRequest, letter: Letter) -> HttpResponse:
    passphrase = request.POST.get("passphrase", "")
    totp = request.POST.get("totp", "")
    try:
        signing.sign_letter(
            actor=request.user,
            letter=letter,
            nik=request.POST.get("nik", "")[:40],
            passphrase=passphrase[:200] or None,
            totp=totp[:20] or None,
            checked_unknown=request.POST.get("checked_unknown") == "1",
        )
    except KerjasamaError as exc:
        request.session[_OUTCOME_KEY] = _outcome_of_error(exc)
    else:
        request.session[_OUTCOME_KEY] = {
            "ok": True,
            "message": _("The letter was signed electronically; the signed PDF is now its download."),
        }
    del passphrase, totp
    return redirect(any_letter_url(letter))


def _zip(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
def letter_srikandi(request: HttpRequest, agreement_id: int, letter_id: int) -> HttpResponse:
    return _srikandi(request, _letter(request, agreement_id, letter_id))


@require_POST
def subject_letter_srikandi(request: HttpRequest, letter_id: int) -> HttpResponse:
    """The SRIKANDI bundle of a letter of a TKKSD meeting, a report or a dispute."""
    return _srikandi(request, draft_views._letter(request, letter_id))


def _srikandi(request: HttpRequest, letter: Letter) -> HttpResponse:
    try:
        data = signing.srikandi_bundle(actor=request.user, letters=[letter], today=timezone.localdate())
    except KerjasamaError as exc:
        request.session[_OUTCOME_KEY] = _outcome_of_error(exc)
        return redirect(any_letter_url(letter))
    return _zip(data, f"srikandi-{signing.file_name(letter).removesuffix('.pdf')}.zip")


@require_POST
def letters_srikandi(request: HttpRequest, agreement_id: int) -> HttpResponse:
    """A bundle of the chosen letters of the agreement (a form on its letters page)."""
    agreement = _agreement(request, agreement_id)
    ids = [int(v) for v in request.POST.getlist("letter") if v.isdigit()][:200]
    chosen = list(agreement_letters(request.user, agreement).filter(pk__in=ids).order_by("pk"))
    try:
        data = signing.srikandi_bundle(actor=request.user, letters=chosen, today=timezone.localdate())
    except KerjasamaError as exc:
        request.session[_OUTCOME_KEY] = _outcome_of_error(exc)
        from django.urls import reverse

        return redirect(reverse("letters:list", kwargs={"agreement_id": agreement.pk}))
    return _zip(data, f"srikandi-kerja-sama-{agreement.pk}.zip")

"""The region's letters (``/surat/``): the list of every letter the user's region issued, the page of a letter
drafted from a TKKSD meeting, a periodic report or a dispute (edit while a draft, finalise, new version, PDF),
the "Buat surat" steps posted from those records' pages, and the letterhead and classification page
(``/surat/kop/``). Letters of an agreement keep their pages under ``/kerja-sama/<id>/surat/``. Every change goes
through the services; every read through the selectors."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kerjasama.accounts.policy import can
from kerjasama.core.errors import KerjasamaError, NotFound
from kerjasama.core.pages import form_error_text
from kerjasama.disputes.selectors import visible_dispute
from kerjasama.letters import services, subject_services
from kerjasama.letters.choices import LetterKind
from kerjasama.letters.forms import (
    ClassificationForm,
    DisputeLetterForm,
    EmblemForm,
    LetterheadForm,
    MeetingInvitationForm,
    SubjectLetterEditForm,
)
from kerjasama.letters.models import Letter, LetterheadProfile
from kerjasama.letters.selectors import region_letters, visible_letter_by_id
from kerjasama.letters.views import _outcome_of_error, letter_pdf_response
from kerjasama.regions.models import Region
from kerjasama.reports.selectors import visible_reports
from kerjasama.tkksd.models import Meeting

_OUTCOME_KEY = "letters_outcome"


def any_letter_url(letter: Letter) -> str:
    """The page of a letter: under its agreement, or under ``/surat/`` for the other subjects."""
    if letter.agreement_id is not None:
        return reverse("letters:detail", kwargs={"agreement_id": letter.agreement_id, "letter_id": letter.pk})
    return reverse("region_letters:detail", kwargs={"letter_id": letter.pk})


def subject_url(letter: Letter) -> str:
    """The page of what the letter is about."""
    if letter.agreement_id is not None:
        return reverse("agreements:detail", args=[letter.agreement_id])
    if letter.tkksd_meeting is not None:
        meeting = letter.tkksd_meeting
        return reverse("tkksd:meeting", kwargs={"code": meeting.region_id, "meeting_id": meeting.pk})
    if letter.periodic_report_id is not None:
        return reverse("reports:detail", args=[letter.periodic_report_id])
    return reverse("disputes:detail", args=[letter.dispute_id])


def _own_region(request: HttpRequest) -> Region | None:
    org = getattr(request.user, "organisation", None)
    return org.region if org is not None and org.region_id else None


def _signed_in(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise Http404


def _letter(request: HttpRequest, letter_id: int) -> Letter:
    _signed_in(request)
    try:
        return visible_letter_by_id(request.user, letter_id)
    except NotFound:
        raise Http404 from None


@require_GET
def region_letters_page(request: HttpRequest) -> HttpResponse:
    """Every letter of the user's region the user may see: kind, number, status and subject."""
    _signed_in(request)
    region = _own_region(request)
    letters = list(region_letters(request.user, region.code)[:500]) if region is not None else []
    rows = [
        {"letter": letter, "url": any_letter_url(letter), "subject_url": subject_url(letter)}
        for letter in letters
    ]
    context = {
        "region": region,
        "rows": rows,
        "may_configure": region is not None and can(request.user, "letters.configure", region),
    }
    return render(request, "letters/region_list.html", context)


def subject_letter_page(request: HttpRequest, letter_id: int) -> HttpResponse:
    """A letter drafted from a TKKSD meeting, a report or a dispute: editable while a draft."""
    letter = _letter(request, letter_id)
    if letter.agreement_id is not None:
        return redirect(any_letter_url(letter))
    may_write = can(request.user, "letters.write", letter)
    outcome = request.session.pop(_OUTCOME_KEY, None) if request.method == "GET" else None
    form = (
        SubjectLetterEditForm(request.POST or None, instance=letter)
        if may_write and not letter.is_final
        else None
    )
    status = 200
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
                return redirect(any_letter_url(letter))
        else:
            outcome, status = {"ok": False, "message": form_error_text(form)}, 422
    classification = services.classification_for(letter.region, letter.kind)
    successor = Letter.objects.restrict(request.user, "view").filter(supersedes=letter).first()
    context = {
        "letter": letter,
        "form": form,
        "outcome": outcome,
        "may_write": may_write,
        "classification_confirmed": classification.confirmed,
        "successor": successor,
        "subject_url": subject_url(letter),
    }
    return render(request, "letters/subject_detail.html", context, status=status)


@require_POST
def subject_letter_finalise(request: HttpRequest, letter_id: int) -> HttpResponse:
    letter = _letter(request, letter_id)
    try:
        final = services.finalise_letter(actor=request.user, letter=letter)
    except KerjasamaError as exc:
        request.session[_OUTCOME_KEY] = _outcome_of_error(exc)
    else:
        request.session[_OUTCOME_KEY] = {
            "ok": True,
            "message": _("The letter was finalised with number %(number)s.") % {"number": final.number},
        }
    return redirect(any_letter_url(letter))


@require_POST
def subject_letter_new_version(request: HttpRequest, letter_id: int) -> HttpResponse:
    letter = _letter(request, letter_id)
    try:
        copy = services.start_new_version(actor=request.user, letter=letter)
    except KerjasamaError as exc:
        request.session[_OUTCOME_KEY] = _outcome_of_error(exc)
        return redirect(any_letter_url(letter))
    request.session[_OUTCOME_KEY] = {"ok": True, "message": _("A new version was started as a draft.")}
    return redirect(any_letter_url(copy))


@require_GET
def subject_letter_pdf(request: HttpRequest, letter_id: int) -> HttpResponse:
    return letter_pdf_response(request, _letter(request, letter_id))


def _drafted(request: HttpRequest, run: Any, back: str) -> HttpResponse:
    try:
        letter = run()
    except KerjasamaError as exc:
        messages.error(request, _outcome_of_error(exc)["message"])
        return redirect(back)
    request.session[_OUTCOME_KEY] = {"ok": True, "message": _("The draft letter was made.")}
    return redirect(any_letter_url(letter))


@require_POST
def draft_from_meeting(request: HttpRequest, meeting_id: int) -> HttpResponse:
    _signed_in(request)
    meeting = (
        Meeting.objects.restrict(request.user, "view").select_related("region").filter(pk=meeting_id).first()
    )
    if meeting is None:
        raise Http404
    back = reverse("tkksd:meeting", kwargs={"code": meeting.region_id, "meeting_id": meeting.pk})
    form = MeetingInvitationForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_error_text(form))
        return redirect(back)
    time = form.cleaned_data["meeting_time"]
    return _drafted(
        request,
        lambda: subject_services.draft_meeting_invitation(
            actor=request.user, meeting=meeting, meeting_time=time
        ),
        back,
    )


@require_POST
def draft_from_report(request: HttpRequest, report_id: int) -> HttpResponse:
    _signed_in(request)
    report = visible_reports(request.user).select_related("region").filter(pk=report_id).first()
    if report is None:
        raise Http404
    back = reverse("reports:detail", args=[report.pk])
    return _drafted(
        request, lambda: subject_services.draft_report_cover(actor=request.user, report=report), back
    )


@require_POST
def draft_from_dispute(request: HttpRequest, dispute_id: int) -> HttpResponse:
    _signed_in(request)
    try:
        dispute = visible_dispute(request.user, dispute_id)
    except NotFound:
        raise Http404 from None
    back = reverse("disputes:detail", args=[dispute.pk])
    form = DisputeLetterForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_error_text(form))
        return redirect(back)
    purpose = form.cleaned_data["purpose"]
    return _drafted(
        request,
        lambda: subject_services.draft_dispute_letter(actor=request.user, dispute=dispute, purpose=purpose),
        back,
    )


def _letterhead_forms(region: Region, data: Any = None, files: Any = None, which: str = "") -> dict[str, Any]:
    profile = LetterheadProfile.objects.filter(region=region).first()
    initial = {
        f: getattr(profile, f) if profile else ""
        for f in ("government_name", "address", "contact", "unit_code", "number_pattern")
    }
    rows = []
    for kind in LetterKind:
        current = services.classification_for(region, kind)
        bound = data if which == f"class-{kind.value}" else None
        rows.append(
            {
                "kind": kind,
                "current": current,
                "form": ClassificationForm(
                    bound,
                    prefix=f"class-{kind.value}",
                    initial={
                        "kind": kind.value,
                        "kka_code": current.kka_code,
                        "retention_class": current.retention_class,
                    },
                ),
            }
        )
    return {
        "profile": profile,
        "letterhead_form": LetterheadForm(data if which == "letterhead" else None, initial=initial),
        "emblem_form": EmblemForm(data if which == "emblem" else None, files if which == "emblem" else None),
        "classification_rows": rows,
    }


def letterhead_page(request: HttpRequest) -> HttpResponse:
    """The region's letterhead (government name, unit, address, contact, unit code, number pattern, emblem) and
    per letter kind its KKA code and JRA class: for the region's cooperation unit (``letters.configure``)."""
    _signed_in(request)
    region = _own_region(request)
    if region is None or not can(request.user, "letters.configure", region):
        raise Http404
    which = request.POST.get("which", "") if request.method == "POST" else ""
    forms = _letterhead_forms(region, request.POST or None, request.FILES or None, which)
    outcome = request.session.pop(_OUTCOME_KEY, None) if request.method == "GET" else None
    status = 200
    if request.method == "POST":
        try:
            done = _save_letterhead(request, region, which, forms)
        except KerjasamaError as exc:
            outcome, status = _outcome_of_error(exc), exc.http_status
        else:
            if done is None:
                outcome, status = {"ok": False, "message": _("Check the form.")}, 422
            else:
                request.session[_OUTCOME_KEY] = {"ok": True, "message": done}
                return redirect(reverse("region_letters:letterhead"))
    context = {"region": region, "outcome": outcome, **forms}
    return render(request, "letters/letterhead.html", context, status=status)


def _save_letterhead(request: HttpRequest, region: Region, which: str, forms: dict[str, Any]) -> str | None:
    if which == "letterhead":
        form = forms["letterhead_form"]
        if not form.is_valid():
            return None
        services.set_letterhead(actor=request.user, region=region, changes=dict(form.cleaned_data))
        return _("The letterhead was saved.")
    if which == "emblem":
        form = forms["emblem_form"]
        if not form.is_valid():
            return None
        if form.cleaned_data["remove"]:
            subject_services.set_emblem(actor=request.user, region=region, data=None)
            return _("The emblem was removed.")
        upload = form.cleaned_data["emblem"]
        if upload is None:
            form.add_error("emblem", _("Choose a PNG or SVG file."))
            return None
        # Read one byte past the cap: a larger file is refused without reading it all.
        data = upload.read(subject_services.conf.emblem_max_bytes() + 1)
        subject_services.set_emblem(actor=request.user, region=region, data=data)
        return _("The emblem was saved.")
    for row in forms["classification_rows"]:
        if which == f"class-{row['kind'].value}":
            form = row["form"]
            if not form.is_valid():
                return None
            services.set_classification(
                actor=request.user,
                region=region,
                kind=row["kind"].value,
                kka_code=form.cleaned_data["kka_code"],
                retention_class=form.cleaned_data["retention_class"],
            )
            return _("The classification was confirmed.")
    return None

"""Pages of a region's TKKSD: the team (decree in force, members, earlier decrees, meetings with decisions,
tasks), and the forms that record a decree, a member, a meeting, its holding and its decisions.

Every change goes through ``tkksd.services``; a refusal is shown beside the field it concerns (the service's
error names the field) or at the top of the form, and what the official typed stays in the form.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kerjasama.accounts.choices import OrganisationKind
from kerjasama.accounts.models import Organisation, User
from kerjasama.accounts.policy import can
from kerjasama.core.errors import KerjasamaError, NotFound
from kerjasama.core.pages import form_outcome, page_denied, show_error
from kerjasama.regions.models import Region
from kerjasama.tkksd import services
from kerjasama.tkksd.choices import MeetingStatus
from kerjasama.tkksd.forms import (
    DecisionForm,
    DecreeForm,
    EndDecreeForm,
    HoldForm,
    MeetingForm,
    MemberForm,
    RemoveMemberForm,
)
from kerjasama.tkksd.models import Decree, Meeting, Member
from kerjasama.tkksd.selectors import decree_members, region_tkksd, tkksd_tasks, visible_meeting
from kerjasama.tkksd.subjects import subject_kinds


def _region(request: HttpRequest, code: str, action: str = "tkksd.view_decree") -> Region:
    region = get_object_or_404(
        Region.objects.restrict(request.user, "view").select_related("province"),
        code=code,
        is_autonomous=True,
    )
    if not can(request.user, action, region):
        raise page_denied(action)
    return region


def region_url(region: Region) -> str:
    return reverse("tkksd:region", kwargs={"code": region.code})


def region_page(request: HttpRequest, code: str) -> HttpResponse:
    region = _region(request, code)
    data = region_tkksd(region, request.user)
    return render(
        request,
        "tkksd/region.html",
        {
            "region": region,
            "t": data,
            "tasks": tkksd_tasks(),
            "can_manage": can(request.user, "tkksd.manage", region),
            "can_record": can(request.user, "tkksd.record_meeting", region),
            "end_form": EndDecreeForm(),
            "remove_form": RemoveMemberForm(),
            "statuses": MeetingStatus,
        },
    )


def decree_new(request: HttpRequest, code: str) -> HttpResponse:
    region = _region(request, code, "tkksd.manage")
    form = DecreeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        answer = form_outcome(
            request,
            form,
            partial(
                services.record_decree,
                actor=request.user,
                region=region,
                number=data["number"],
                title=data["title"],
                decree_date=data["decree_date"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                upload=data["document"],
            ),
            done=lambda decree: _("Decree %(number)s was recorded.") % {"number": decree.number},
            to=region_url(region),
        )
        if answer is not None:
            return answer
    return render(request, "tkksd/decree_form.html", {"region": region, "form": form})


@require_POST
def decree_end(request: HttpRequest, code: str, decree_id: int) -> HttpResponse:
    region = _region(request, code, "tkksd.manage")
    decree = get_object_or_404(Decree.objects.restrict(request.user, "change"), region=region, pk=decree_id)
    form = EndDecreeForm(request.POST)
    if not form.is_valid():
        messages.error(request, " · ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(region_url(region))
    try:
        services.end_decree(
            actor=request.user,
            decree=decree,
            end_date=form.cleaned_data["end_date"],
            reason=form.cleaned_data["reason"],
        )
    except KerjasamaError as exc:
        show_error(request, exc)
    else:
        messages.success(request, _("Decree %(number)s was ended.") % {"number": decree.number})
    return redirect(region_url(region))


def _member_choices(region: Region) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    units = list(
        Organisation.objects.filter(region=region, kind=OrganisationKind.OPD, is_active=True)
        .order_by("name")
        .values_list("pk", "name")
    )
    users = [
        (u.pk, f"{u.full_name or u.username} ({u.username})")
        for u in User.objects.filter(organisation__region=region, is_active=True).order_by("username")
    ]
    return units, users


def member_new(request: HttpRequest, code: str) -> HttpResponse:
    """Add a member to the decree in force (or to the decree ``?sk=<id>`` of the region, e.g. next year's)."""
    region = _region(request, code, "tkksd.manage")
    data = region_tkksd(region, request.user)
    wanted = request.GET.get("sk", "")
    decree = next((d for d in data.decrees if str(d.pk) == wanted), None) if wanted.isdigit() else data.active
    if decree is None:
        messages.error(request, _("There is no TKKSD decree in force: record the decree first."))
        return redirect(region_url(region))
    units, users = _member_choices(region)
    form = MemberForm(request.POST or None, units=units, users=users)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        answer = form_outcome(
            request,
            form,
            partial(
                services.add_member,
                actor=request.user,
                decree=decree,
                name=cd["name"],
                position=cd["position"],
                role=cd["role"],
                unit=Organisation.objects.filter(pk=cd["unit"]).first() if cd["unit"] else None,
                unit_name=cd["unit_name"],
                user=User.objects.filter(pk=cd["user"]).select_related("organisation").first()
                if cd["user"]
                else None,
            ),
            done=_("%(name)s was added to the TKKSD.") % {"name": cd["name"]},
            to=region_url(region),
        )
        if answer is not None:
            return answer
    return render(
        request,
        "tkksd/member_form.html",
        {"region": region, "decree": decree, "form": form, "members": decree_members(decree)},
    )


@require_POST
def member_remove(request: HttpRequest, code: str, member_id: int) -> HttpResponse:
    region = _region(request, code, "tkksd.manage")
    member = get_object_or_404(
        Member.objects.restrict(request.user, "change").select_related("decree__region"),
        decree__region=region,
        pk=member_id,
    )
    form = RemoveMemberForm(request.POST)
    if not form.is_valid():
        messages.error(request, " · ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(region_url(region))
    try:
        services.remove_member(actor=request.user, member=member, reason=form.cleaned_data["reason"])
    except KerjasamaError as exc:
        show_error(request, exc)
    else:
        messages.success(request, _("%(name)s was removed from the TKKSD.") % {"name": member.name})
    return redirect(region_url(region))


def meeting_new(request: HttpRequest, code: str) -> HttpResponse:
    region = _region(request, code, "tkksd.record_meeting")
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        answer = form_outcome(
            request,
            form,
            partial(
                services.schedule_meeting,
                actor=request.user,
                region=region,
                meeting_date=cd["meeting_date"],
                place=cd["place"],
                agenda=cd["agenda"],
            ),
            done=lambda meeting: _("The meeting was scheduled."),
            to=lambda meeting: meeting_url(meeting),
        )
        if answer is not None:
            return answer
    return render(request, "tkksd/meeting_form.html", {"region": region, "form": form})


def meeting_url(meeting: Meeting) -> str:
    return reverse("tkksd:meeting", kwargs={"code": meeting.region_id, "meeting_id": meeting.pk})


def _meeting(request: HttpRequest, region: Region, meeting_id: int) -> Meeting:
    try:
        return visible_meeting(request.user, region, meeting_id)
    except NotFound as exc:
        raise Http404 from exc


def _subject_choices(region: Region) -> list[tuple[str, list[tuple[str, str]]]]:
    groups = []
    for kind in subject_kinds():
        options = [(f"{kind.type}:{sid}", label) for sid, label in kind.choices(region)]
        if options:
            label = kind.label_en if (get_language() or "").startswith("en") else kind.label_id
            groups.append((label, options))
    return groups


def _meeting_page(
    request: HttpRequest,
    region: Region,
    meeting: Meeting,
    *,
    hold_form: HoldForm | None = None,
    decision_form: DecisionForm | None = None,
) -> HttpResponse:
    can_record = can(request.user, "tkksd.record_meeting", region)
    context: dict[str, Any] = {
        "region": region,
        "meeting": meeting,
        "can_record": can_record,
        "statuses": MeetingStatus,
    }
    if can_record and meeting.status == MeetingStatus.SCHEDULED:
        members = [(m.pk, f"{m.name} · {m.get_role_display()}") for m in decree_members(meeting.decree)]
        context["hold_form"] = hold_form or HoldForm(members=members)
    if can_record and meeting.status == MeetingStatus.HELD:
        context["decision_form"] = decision_form or DecisionForm(subjects=_subject_choices(region))
    return render(request, "tkksd/meeting.html", context)


def meeting_page(request: HttpRequest, code: str, meeting_id: int) -> HttpResponse:
    region = _region(request, code, "tkksd.view_records")
    return _meeting_page(request, region, _meeting(request, region, meeting_id))


@require_POST
def meeting_hold(request: HttpRequest, code: str, meeting_id: int) -> HttpResponse:
    region = _region(request, code, "tkksd.record_meeting")
    meeting = _meeting(request, region, meeting_id)
    members = [(m.pk, f"{m.name} · {m.get_role_display()}") for m in decree_members(meeting.decree)]
    form = HoldForm(request.POST, request.FILES, members=members)
    if form.is_valid():
        answer = form_outcome(
            request,
            form,
            partial(
                services.hold_meeting,
                actor=request.user,
                meeting=meeting,
                attendee_ids=form.cleaned_data["attendees"],
                minutes=form.cleaned_data["minutes"],
            ),
            done=_("The meeting was recorded as held."),
            to=meeting_url(meeting),
        )
        if answer is not None:
            return answer
    return _meeting_page(request, region, meeting, hold_form=form)


@require_POST
def decision_new(request: HttpRequest, code: str, meeting_id: int) -> HttpResponse:
    region = _region(request, code, "tkksd.record_meeting")
    meeting = _meeting(request, region, meeting_id)
    form = DecisionForm(request.POST, subjects=_subject_choices(region))
    if form.is_valid():
        subject_type, subject_id = form.subject_parts()
        answer = form_outcome(
            request,
            form,
            partial(
                services.record_decision,
                actor=request.user,
                meeting=meeting,
                subject_type=subject_type,
                subject_id=subject_id,
                outcome=form.cleaned_data["outcome"],
                reasons=form.cleaned_data["reasons"],
            ),
            done=_("The decision was recorded."),
            to=meeting_url(meeting) + "#keputusan",
        )
        if answer is not None:
            return answer
    return _meeting_page(request, region, _meeting(request, region, meeting_id), decision_form=form)

"""Pages of the mapping of cooperable affairs: a region's map, a province view, the national matrix."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kerjasama.accounts.policy import can, jurisdiction_of
from kerjasama.accounts.predicates import region_in_jurisdiction
from kerjasama.affairs.models import Affair, AuthorityEntry
from kerjasama.core.errors import KerjasamaError, PermissionDenied
from kerjasama.core.numbers import format_number
from kerjasama.core.pages import error_text, form_error_text, show_error
from kerjasama.mapping import exports, services
from kerjasama.mapping.choices import EDITABLE_STATUSES, IdentificationStatus
from kerjasama.mapping.forms import IdentificationForm, ProfileUploadForm, ProfileValueForm
from kerjasama.mapping.models import MAX_REMARK_CHARS, Identification, IdentificationRevision, Indicator
from kerjasama.mapping.remarks import CommentForm, ReturnForm
from kerjasama.mapping.selectors import (
    freshness,
    latest_national_run,
    national_matrix,
    province_overview,
    region_mapping,
)
from kerjasama.mapping.verification import identification_detail as identification_detail_read
from kerjasama.regions.choices import Level
from kerjasama.regions.models import Region


def _region(request: HttpRequest, code: str) -> Region:
    return get_object_or_404(
        Region.objects.restrict(request.user, "view").select_related("province"),
        code=code,
        is_autonomous=True,
    )


def _map_points(mapping: Any) -> dict[str, Any]:
    """What the region's map draws (``partners_map.js``): the region, each partner the viewer may see (the
    page's own recommendations, already scoped) with its strongest category and the affairs that name it, and
    the boundary files to load. The same partners are listed under the map in text."""
    partners: dict[str, dict[str, Any]] = {}
    for affair_code, recs in mapping.recommendations.items():
        for rec in recs:
            entry = partners.setdefault(
                rec.partner_id,
                {
                    "code": rec.partner_id,
                    "name": rec.partner.name,
                    "lat": rec.partner.centroid_lat,
                    "lng": rec.partner.centroid_lng,
                    "role": "sukarela",
                    "affairs": {},
                },
            )
            entry["affairs"][affair_code] = rec.category
            if rec.category == "wajib":
                entry["role"] = "wajib"
    for entry in partners.values():
        entry["affair_list"] = ", ".join(sorted(entry["affairs"]))
    region = mapping.region
    codes = [region.code, *partners]
    return {
        "self": {
            "code": region.code,
            "name": region.name,
            "lat": region.centroid_lat,
            "lng": region.centroid_lng,
        },
        "partners": sorted(partners.values(), key=lambda p: (p["role"] != "wajib", p["name"])),
        "boundaries": {
            "kabkota": static("regions/boundaries/kabkota.json") if any("." in c for c in codes) else "",
            "provinsi": static("regions/boundaries/provinsi.json") if any("." not in c for c in codes) else "",
        },
    }


def region_page(request: HttpRequest, code: str) -> HttpResponse:
    region = _region(request, code)
    affair = request.GET.get("affair", "")
    mandatory_only = request.GET.get("wajib") == "1"
    mapping = region_mapping(region, request.user, affair=affair, mandatory_only=mandatory_only)
    return render(
        request,
        "mapping/region.html",
        {
            "m": mapping,
            "affair": affair,
            "mandatory_only": mandatory_only,
            # The stored recommendations are shown within the region's jurisdiction only (Recommendation
            # .restriction): anyone else is told so, not that the national run has not been made.
            "recs_in_scope": jurisdiction_of(request.user).covers_region(region.code),
            "can_edit": can(request.user, "mapping.edit_region", region),
            # "Ajukan kerja sama" beside each recommendation, for the region's own cooperation unit (issue 10).
            "can_propose": can(request.user, "agreements.propose", region),
            "can_verify": can(request.user, "mapping.verify_identification", region),
            "can_publish": can(request.user, "mapping.publish_identification", region),
            "upload_form": ProfileUploadForm(),
            "value_form": ProfileValueForm(
                indicators=list(Indicator.objects.order_by("position").values_list("code", "name_id")),
                # What the official typed before a refusal comes back into the form (nothing typed is lost).
                initial=request.session.pop(VALUE_DRAFT_KEY, None) or {"year": timezone.now().year - 1},
            ),
            "map_points": _map_points(mapping),
            "open_revisions": {
                rev.identification.affair_id: rev
                for rev in IdentificationRevision.objects.restrict(request.user, "change")
                .filter(identification__region=region)
                .exclude(status=IdentificationStatus.PUBLISHED)
                .select_related("identification")
            },
        },
    )


def _identification(request: HttpRequest, region: Region, affair: str) -> Identification:
    """The identification of ``affair`` as the user may see it (other regions: published only), or 404."""
    item = (
        Identification.objects.restrict(request.user, "view")
        .filter(region=region, affair_id=affair)
        .select_related("region", "affair", "created_by", "submitted_by", "verified_by", "published_by")
        .first()
    )
    if item is None:
        raise Http404
    return item


def detail_url(region: Region | str, affair: str) -> str:
    code = region if isinstance(region, str) else region.code
    return reverse("mapping:identification_detail", kwargs={"code": code, "affair": affair})


def _actions(user: Any, region: Region, record: Identification | IdentificationRevision) -> dict[str, bool]:
    """Which buttons the page offers for ``record``: only what the rules allow in its current status."""
    status = record.status
    edits = can(user, "mapping.edit_region", region)
    corrects = can(user, "mapping.correct_identification", region)
    verifies = can(user, "mapping.verify_identification", region)
    publishes = can(user, "mapping.publish_identification", region)
    editable = status in EDITABLE_STATUSES
    return {
        "edit": edits and editable,
        "submit": edits and editable,
        "delete": corrects and editable,
        "withdraw": corrects and status == IdentificationStatus.SUBMITTED,
        "verify": verifies and status == IdentificationStatus.SUBMITTED,
        "return": verifies and status == IdentificationStatus.SUBMITTED,
        "publish": publishes and status == IdentificationStatus.VERIFIED,
        "revise": corrects
        and isinstance(record, Identification)
        and status == IdentificationStatus.PUBLISHED,
    }


def identification_detail(request: HttpRequest, code: str, affair: str) -> HttpResponse:
    """The read-only page of one identification, for everyone who may see it (the TKKSD included)."""
    region = _region(request, code)
    item = _identification(request, region, affair)
    detail = identification_detail_read(item, request.user)
    record: Identification | IdentificationRevision = detail.revision or item
    return render(
        request,
        "mapping/identification_detail.html",
        {
            "region": region,
            "affair": item.affair,
            "item": item,
            "d": detail,
            "record": record,
            "actions": _actions(request.user, region, record),
            "can_comment": can(request.user, "mapping.comment_identification", region),
            "comment_form": CommentForm(),
            "return_form": ReturnForm(),
            "max_remark": MAX_REMARK_CHARS,
        },
    )


def identification_edit(request: HttpRequest, code: str, affair: str) -> HttpResponse:
    """The edit form of a draft or returned identification, or of the open revision of a published one.

    Anything else is not editable: the official is taken to the detail page, which says why and offers
    what the rules allow (withdraw, revise).
    """
    region = _region(request, code)
    affair_obj = get_object_or_404(Affair.objects.restrict(request.user, "view"), code=affair)
    if not can(request.user, "mapping.edit_region", region):
        # An old link to the form, opened by someone who may only read: the detail page, if they may see it.
        _identification(request, region, affair_obj.code)
        return redirect(detail_url(region, affair_obj.code))
    item = Identification.objects.filter(region=region, affair=affair_obj).first()
    revision = services.open_revision(item) if item is not None else None
    record: Identification | IdentificationRevision | None = revision or item
    if record is not None and record.status not in EDITABLE_STATUSES:
        if item is not None and item.status == IdentificationStatus.PUBLISHED and revision is None:
            messages.info(request, _("This identification is published: start a revision to change it."))
        else:
            messages.info(
                request,
                _("“%(status)s” cannot be edited; withdraw it first if it must change.")
                % {"status": record.get_status_display()},
            )
        return redirect(detail_url(region, affair_obj.code))
    initial: dict[str, object] = {"version": 0}
    if record is not None:
        initial = {
            "version": record.version,
            "needs": record.needs,
            "offers": record.offers,
            "externalities": record.externalities,
            "programmes": "\n".join(record.programmes),
            "sub_affairs": list(record.sub_affairs),
        }
    form = IdentificationForm(
        request.POST or None,
        initial=initial,
        affair_code=affair_obj.code,
        level=region.level,
        entries=list(AuthorityEntry.objects.filter(affair=affair_obj).order_by("position", "id")),
    )
    if request.method == "POST" and form.is_valid():
        content = {
            "needs": form.cleaned_data["needs"],
            "offers": form.cleaned_data["offers"],
            "externalities": form.cleaned_data["externalities"],
            "programmes": form.programme_codes(),
            "sub_affairs": form.cleaned_data["sub_affairs"],
            "expected_version": form.cleaned_data["version"],
        }
        try:
            if revision is not None:
                services.save_revision(actor=request.user, revision=revision, **content)
            else:
                services.save_identification(actor=request.user, region=region, affair=affair_obj, **content)
        except KerjasamaError as exc:
            # The form stays bound to what the official typed (nothing is lost), with the message on top.
            form.add_error(None, error_text(exc))
            if exc.code == "mapping.bad_programme_code":
                label = form.fields["programmes"].label
                for detail in exc.details:
                    form.add_error("programmes", f"{label}: {detail.message(get_language())}")
            if exc.code == "mapping.bad_sub_affair":
                english = (get_language() or "").startswith("en")
                for detail in exc.details:
                    form.add_error("sub_affairs", detail.message_en if english else detail.message_id)
        else:
            if revision is not None:
                messages.success(
                    request, _("The revision was saved; submit it to the TKKSD when it is ready.")
                )
            else:
                messages.success(request, _("The identification was saved as a draft."))
            return redirect(detail_url(region, affair_obj.code))
    return render(
        request,
        "mapping/identification_form.html",
        {
            "region": region,
            "affair": affair_obj,
            "form": form,
            "item": item,
            "record": record,
            "revision": revision,
        },
    )


def region_url(region: Region) -> str:
    return reverse("mapping:region", kwargs={"code": region.code})


#: The workflow steps a button may ask for, each the service it calls.
STEPS = {
    "submit": services.submit_identification,
    "verify": services.verify_identification,
    "withdraw": services.withdraw_identification,
    "publish": services.publish_identification,
}


@require_POST
def identification_action(request: HttpRequest, code: str, affair: str, action: str) -> HttpResponse:
    """One button of the workflow; the outcome is shown at the top of the identification's page."""
    region = _region(request, code)
    item = _identification(request, region, affair)
    # While a revision is open, the workflow steps act on it; the published text stays as it is.
    revision = (
        IdentificationRevision.objects.restrict(request.user, "change")
        .filter(identification=item)
        .exclude(status=IdentificationStatus.PUBLISHED)
        .first()
    )
    record: Identification | IdentificationRevision = revision or item
    target = detail_url(region, affair)
    try:
        if action in STEPS:
            STEPS[action](actor=request.user, identification=record)
        elif action == "return":
            services.return_identification(
                actor=request.user, identification=record, reason=request.POST.get("reason", "")
            )
        elif action == "delete":
            services.delete_identification(actor=request.user, identification=record)
            if revision is not None:
                messages.success(
                    request, _("The revision was discarded; the published identification stays.")
                )
            else:
                messages.success(request, _("The draft identification was deleted."))
                target = region_url(region)
            return redirect(target)
        elif action == "revise":
            services.start_revision(actor=request.user, identification=item)
            messages.success(
                request,
                _(
                    "A revision was opened. The published identification stays in force until the revision "
                    "is published."
                ),
            )
            return redirect(reverse("mapping:identification", kwargs={"code": region.code, "affair": affair}))
        elif action == "comment":
            comment = services.add_comment(
                actor=request.user, identification=item, text=request.POST.get("text", "")
            )
            messages.success(request, _("Your comment was added."))
            return redirect(f"{target}#komentar-{comment.pk}")
        else:
            raise Http404
        if isinstance(record, IdentificationRevision):
            message = _("Done: the revision is now “%(status)s”.")
        else:
            message = _("Done: the identification is now “%(status)s”.")
        messages.success(request, message % {"status": record.get_status_display()})
    except PermissionDenied:
        messages.error(request, _("Your account may not do this for this identification."))
    except KerjasamaError as exc:
        show_error(request, exc)
    return redirect(target)


def profile_template(request: HttpRequest, code: str) -> HttpResponse:
    region = _region(request, code)
    if not can(request.user, "mapping.edit_region", region):
        raise Http404
    response = HttpResponse(
        services.profile_template_xlsx(region),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="templat-profil-{region.code}.xlsx"'
    return response


#: The session key holding a refused profile value's typed fields until the region page shows them again.
VALUE_DRAFT_KEY = "mapping.profile_value_draft"


@require_POST
def profile_value(request: HttpRequest, code: str) -> HttpResponse:
    """One value typed in by the region's own editor (the XLSX template is for many at once)."""
    region = _region(request, code)
    choices = list(Indicator.objects.order_by("position").values_list("code", "name_id"))
    form = ProfileValueForm(request.POST, indicators=choices)
    typed = {name: request.POST.get(name, "")[:400] for name in ("indicator", "year", "value", "source")}
    if not form.is_valid():
        messages.error(request, form_error_text(form))
        request.session[VALUE_DRAFT_KEY] = typed
        return redirect(region_url(region))
    try:
        services.set_indicator_value(
            actor=request.user,
            region=region,
            indicator_code=form.cleaned_data["indicator"],
            year=form.cleaned_data["year"],
            value=form.cleaned_data["value"],
            source=form.cleaned_data["source"],
        )
    except KerjasamaError as exc:
        show_error(request, exc)
        request.session[VALUE_DRAFT_KEY] = typed
    else:
        messages.success(
            request,
            _("The value %(value)s was saved; recommendations follow at the next refresh.")
            % {"value": format_number(form.cleaned_data["value"])},
        )
    return redirect(region_url(region))


@require_POST
def profile_upload(request: HttpRequest, code: str) -> HttpResponse:
    region = _region(request, code)
    form = ProfileUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose the filled XLSX template to upload."))
        return redirect(region_url(region))
    upload = form.cleaned_data["file"]
    try:
        if upload.size > services.MAX_UPLOAD_BYTES:
            raise KerjasamaError(
                "mapping.bad_upload",
                "Berkas terlalu besar (maks. 2 MB).",
                "The file is too large (max 2 MB).",
            )
        report = services.import_profile_xlsx(actor=request.user, region=region, content=upload.read())
    except KerjasamaError as exc:
        show_error(request, exc, details=30)
    else:
        messages.success(request, _("%(n)s values imported.") % {"n": report.saved})
    return redirect(region_url(region))


def region_export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    region = _region(request, code)
    mapping = region_mapping(region, request.user)
    if fmt == "xlsx":
        content = exports.region_xlsx(mapping)
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    elif fmt == "pdf":
        # The document's number, date and issuing unit, when the official gives them (?nomor=&tanggal=&unit=);
        # otherwise the PDF prints lines to fill in by hand.
        header = exports.document_header(
            region,
            number=request.GET.get("nomor", ""),
            date=request.GET.get("tanggal", ""),
            unit=request.GET.get("unit", ""),
        )
        published_only = not region_in_jurisdiction(request.user, region)
        response = HttpResponse(
            exports.region_pdf(mapping, header, published_only=published_only), content_type="application/pdf"
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="peta-urusan-{region.code}.{fmt}"'
    return response


def province_page(request: HttpRequest, code: str) -> HttpResponse:
    province = get_object_or_404(
        Region.objects.restrict(request.user, "view"), code=code, level=Level.PROVINSI
    )
    if not can(request.user, "mapping.view_province", province):
        raise Http404
    overview = province_overview(province, request.user)
    return render(
        request,
        "mapping/province.html",
        {
            "province": province,
            "overview": overview,
            "boundaries": "regions/boundaries/kabkota.json",
            "province_code": province.code,
            "map_label": _("Map of the completion of the kabupaten/kota of %(name)s") % {"name": province.name},
            "map_values": {
                row["region"].code: {
                    "pct": row["completion_pct"],
                    "text": _("%(done)s of 32 affairs identified (%(pct)s%%)")
                    % {"done": row["done"], "pct": row["completion_pct"]},
                    "url": region_url(row["region"]),
                }
                for row in overview.rows
            },
            "freshness": freshness(request.user, province=province),
        },
    )


def national_page(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "mapping.view_national"):
        # Officials of a province or a kab/kota are taken to the overview of their own jurisdiction.
        scope = jurisdiction_of(request.user)
        if scope.province_code:
            return redirect("mapping:province", code=scope.province_code)
        if scope.region_code:
            return redirect("mapping:region", code=scope.region_code)
        raise Http404
    matrix = national_matrix(request.user)
    return render(
        request,
        "mapping/national.html",
        {
            "matrix": matrix,
            "boundaries": "regions/boundaries/provinsi.json",
            "map_label": _("Map of the mapping completion per province"),
            "map_values": {
                c["province"].code: {
                    "pct": c["pct"],
                    "text": _("%(pct)s%% identified (%(done)s of %(possible)s)")
                    % {"pct": c["pct"], "done": c["identified"], "possible": c["possible"]},
                    "url": reverse("mapping:province", kwargs={"code": c["province"].code}),
                }
                for c in matrix["completion"]
            },
            "freshness": freshness(request.user),
            "run": latest_national_run(request.user),
            "can_run": can(request.user, "mapping.run_national"),
        },
    )

"""Pages of the mapping of cooperable affairs: a region's map, a province view, the national matrix."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kerjasama.accounts.policy import can, jurisdiction_of
from kerjasama.affairs.models import Affair
from kerjasama.core.errors import KerjasamaError
from kerjasama.core.pages import error_text, show_error
from kerjasama.mapping import exports, services
from kerjasama.mapping.forms import IdentificationForm, ProfileUploadForm, ProfileValueForm
from kerjasama.mapping.models import Identification, Indicator
from kerjasama.mapping.selectors import (
    freshness,
    latest_national_run,
    national_matrix,
    province_overview,
    region_mapping,
)
from kerjasama.regions.choices import Level
from kerjasama.regions.models import Region


def _region(request: HttpRequest, code: str) -> Region:
    return get_object_or_404(
        Region.objects.restrict(request.user, "view").select_related("province"), code=code, is_autonomous=True
    )


def _map_points(mapping: Any) -> list[dict[str, Any]]:
    points = [
        {
            "code": mapping.region.code,
            "name": mapping.region.name,
            "lat": mapping.region.centroid_lat,
            "lng": mapping.region.centroid_lng,
            "role": "self",
        }
    ]
    for partner in mapping.partners.values():
        wajib = any(
            r.partner_id == partner.code and r.category == "wajib"
            for recs in mapping.recommendations.values()
            for r in recs
        )
        points.append(
            {
                "code": partner.code,
                "name": partner.name,
                "lat": partner.centroid_lat,
                "lng": partner.centroid_lng,
                "role": "wajib" if wajib else "sukarela",
            }
        )
    return points


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
            "can_edit": can(request.user, "mapping.edit_region", region),
            "can_verify": can(request.user, "mapping.verify_identification", region),
            "can_publish": can(request.user, "mapping.publish_identification", region),
            "upload_form": ProfileUploadForm(),
            "value_form": ProfileValueForm(
                indicators=list(Indicator.objects.order_by("position").values_list("code", "name_id")),
                initial={"year": timezone.now().year - 1},
            ),
            "map_points": _map_points(mapping),
        },
    )


def identification_edit(request: HttpRequest, code: str, affair: str) -> HttpResponse:
    region = _region(request, code)
    affair_obj = get_object_or_404(Affair.objects.restrict(request.user, "view"), code=affair)
    if not can(request.user, "mapping.edit_region", region):
        raise Http404
    item = Identification.objects.filter(region=region, affair=affair_obj).first()
    initial: dict[str, object] = {"version": 0}
    if item is not None:
        initial = {
            "version": item.version,
            "needs": item.needs,
            "offers": item.offers,
            "externalities": item.externalities,
            "programmes": "\n".join(item.programmes),
        }
    form = IdentificationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_identification(
                actor=request.user,
                region=region,
                affair=affair_obj,
                needs=form.cleaned_data["needs"],
                offers=form.cleaned_data["offers"],
                externalities=form.cleaned_data["externalities"],
                programmes=form.programme_codes(),
                expected_version=form.cleaned_data["version"],
            )
        except KerjasamaError as exc:
            # The form stays bound to what the official typed (nothing is lost), with the message on top.
            form.add_error(None, error_text(exc))
            for detail in exc.details:
                form.add_error("programmes", detail.message(get_language()))
        else:
            messages.success(request, _("The identification was saved as a draft."))
            return redirect(f"{region_url(region)}#urusan-{affair_obj.code}")
    return render(
        request,
        "mapping/identification_form.html",
        {"region": region, "affair": affair_obj, "form": form, "item": item},
    )


def region_url(region: Region) -> str:
    return reverse("mapping:region", kwargs={"code": region.code})


@require_POST
def identification_action(request: HttpRequest, code: str, affair: str, action: str) -> HttpResponse:
    region = _region(request, code)
    item = (
        Identification.objects.restrict(request.user, "view").filter(region=region, affair_id=affair).first()
    )
    if item is None:
        raise Http404
    try:
        if action == "submit":
            services.submit_identification(actor=request.user, identification=item)
        elif action == "verify":
            services.verify_identification(actor=request.user, identification=item)
        elif action == "return":
            services.return_identification(
                actor=request.user, identification=item, reason=request.POST.get("reason", "")
            )
        elif action == "publish":
            services.publish_identification(actor=request.user, identification=item)
        else:
            raise Http404
        messages.success(
            request,
            _("Done: the identification is now “%(status)s”.") % {"status": item.get_status_display()},
        )
    except KerjasamaError as exc:
        show_error(request, exc)
    return redirect(f"{region_url(region)}#urusan-{affair}")


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


@require_POST
def profile_value(request: HttpRequest, code: str) -> HttpResponse:
    """One value typed in by the region's own editor (the XLSX template is for many at once)."""
    region = _region(request, code)
    choices = list(Indicator.objects.order_by("position").values_list("code", "name_id"))
    form = ProfileValueForm(request.POST, indicators=choices)
    if not form.is_valid():
        messages.error(
            request, " ".join(f"{k}: {' '.join(str(e) for e in v)}" for k, v in form.errors.items())
        )
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
    else:
        messages.success(request, _("The value was saved; recommendations follow at the next refresh."))
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
        response = HttpResponse(exports.region_pdf(mapping), content_type="application/pdf")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="peta-urusan-{region.code}.{fmt}"'
    return response


def province_page(request: HttpRequest, code: str) -> HttpResponse:
    province = get_object_or_404(Region.objects.restrict(request.user, "view"), code=code, level=Level.PROVINSI)
    if not can(request.user, "mapping.view_province", province):
        raise Http404
    return render(
        request,
        "mapping/province.html",
        {
            "province": province,
            "rows": province_overview(province, request.user),
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
    return render(
        request,
        "mapping/national.html",
        {
            "matrix": national_matrix(request.user),
            "freshness": freshness(request.user),
            "run": latest_national_run(request.user),
            "can_run": can(request.user, "mapping.run_national"),
        },
    )

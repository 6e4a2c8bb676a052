"""The page that imports the register of existing agreements (``/kerja-sama/impor/``; issue 10, item 7): the
template to download, the upload (with a "check only" option) and the row report, in the active language.

Every row goes through ``agreements.imports.import_register_xlsx`` (all rows or none; the policy
``agreements.register_existing`` row by row), so a kab/kota's cooperation unit imports only agreements its
region is party to and Kemendagri any. The upload is capped before it is read (``imports.MAX_UPLOAD_BYTES``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from kerjasama.accounts.policy import can
from kerjasama.agreements import imports
from kerjasama.agreements.models import Agreement
from kerjasama.core.errors import KerjasamaError, PermissionDenied
from kerjasama.core.pages import LabelledErrorsMixin

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Rows of a refused import listed on the page (the count of all is always shown).
REPORT_MAX_ROWS = 200


class RegisterUploadForm(LabelledErrorsMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Filled register template (XLSX)"),
        help_text=gettext_lazy("At most 2 MB; one row per agreement."),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Only check the file, save nothing"), required=False, initial=False
    )


def _own_regions(user: Any) -> list[Any]:
    org = getattr(user, "organisation", None)
    region = getattr(org, "region", None) if org is not None else None
    return [region] if region is not None else []


def _require_importer(request: HttpRequest) -> None:
    if not can(request.user, "agreements.register_existing", _own_regions(request.user)):
        raise DjangoPermissionDenied(PermissionDenied("agreements.register_existing"))


def template_download(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    response = HttpResponse(imports.register_template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="templat-register-kerja-sama.xlsx"'
    return response


def import_page(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    context: dict[str, Any] = {"columns": imports.COLUMNS, "english": get_language() == "en"}
    form = RegisterUploadForm()
    if request.method == "POST":
        form = RegisterUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > imports.MAX_UPLOAD_BYTES:
                    raise KerjasamaError(
                        "agreements.bad_upload",
                        "Berkas terlalu besar (maks. 2 MB).",
                        "The file is too large (max 2 MB).",
                    )
                report = imports.import_register_xlsx(
                    actor=request.user, content=upload.read(), dry_run=form.cleaned_data["dry_run"]
                )
            except KerjasamaError as exc:
                language = get_language()
                context["error"] = exc.message(language)
                context["error_code"] = exc.code
                context["problems"] = [
                    (d.location, d.message(language)) for d in exc.details[:REPORT_MAX_ROWS]
                ]
                context["more_problems"] = max(0, len(exc.details) - REPORT_MAX_ROWS)
            else:
                context["report"] = report
                if not report.dry_run:
                    context["created"] = list(
                        Agreement.objects.restrict(request.user, "view")
                        .filter(pk__in=report.created)
                        .order_by("pk")
                        .values("pk", "title", "number")
                    )
                    form = RegisterUploadForm()
    context["form"] = form
    context["page_title"] = _("Import existing agreements")
    return render(request, "agreements/import.html", context)

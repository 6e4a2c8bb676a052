"""Pages of a document: its versions, a form for a new version, and the permission-checked download."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kerjasama.accounts.policy import can
from kerjasama.core.errors import KerjasamaError, NotFound
from kerjasama.documents import services
from kerjasama.documents.forms import VersionUploadForm
from kerjasama.documents.models import Document
from kerjasama.documents.responses import download_response
from kerjasama.documents.selectors import version_of, visible_document


def _document(request: HttpRequest, pk: int) -> Document:
    try:
        return visible_document(request.user, pk)
    except NotFound as exc:
        raise Http404(exc.message(get_language())) from exc


def _detail(
    request: HttpRequest, document: Document, form: VersionUploadForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "versions": list(document.versions.all()),
            "can_upload": can(request.user, "documents.upload", document.region),
            "form": form,
        },
        status=status,
    )


@require_GET
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _document(request, pk), VersionUploadForm())


@require_POST
def version_upload(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    form = VersionUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, document, form, status=422)
    try:
        version = services.add_version(
            actor=request.user, document=document, upload=form.cleaned_data["file"]
        )
    except KerjasamaError as exc:
        form.add_error("file", f"{exc.message(get_language())} [{exc.code}]")
        return _detail(request, document, form, status=exc.http_status)
    messages.success(request, _("Version %(number)s was uploaded.") % {"number": version.number})
    return redirect("documents:detail", pk=document.pk)


@require_GET
def version_download(request: HttpRequest, pk: int, number: int) -> HttpResponseBase:
    document = _document(request, pk)
    try:
        return download_response(actor=request.user, version=version_of(document, number))
    except NotFound as exc:
        raise Http404(exc.message(get_language())) from exc

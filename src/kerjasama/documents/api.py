"""API v1: documents (metadata, versions with their electronic-signature checks, permission-checked downloads,
uploads).

Outside the caller's jurisdiction a document answers 404, exactly as if it did not exist.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse
from ninja import File, Form, Router, UploadedFile

from kerjasama.core.errors import NotFound
from kerjasama.documents import services
from kerjasama.documents.models import Document, DocumentVersion, SignatureCheck
from kerjasama.documents.responses import download_response
from kerjasama.documents.schemas import DocumentOut, VersionOut
from kerjasama.documents.selectors import signature_summary, version_of, visible_document
from kerjasama.regions.models import Region

router = Router(tags=["documents"])


def _check_dict(check: SignatureCheck) -> dict[str, Any]:
    return {
        "position": check.position,
        "field_name": check.field_name,
        "signer_name": check.signer_name,
        "signer_serial": check.signer_serial,
        "issuer": check.issuer,
        "signing_time": check.signing_time,
        "intact": check.intact,
        "valid": check.valid,
        "trusted": check.trusted,
        "modified_after_signing": check.modified_after_signing,
        "status": check.status,
        "status_label": check.get_status_display(),
        "detail": check.detail,
        "detail_en": check.detail_en,
        "checked_at": check.checked_at,
    }


def _version_dict(version: DocumentVersion) -> dict[str, Any]:
    user = version.uploaded_by
    signatures = signature_summary(version)
    return {
        "number": version.number,
        "file_name": version.original_name,
        "content_type": version.content_type,
        "size": version.size,
        "sha256": version.blob.sha256,
        "uploaded_by": user.get_username() if user is not None else None,
        "uploaded_at": version.uploaded_at,
        "download_url": reverse(
            "api:document_version_download",
            kwargs={"document_id": version.document_id, "number": version.number},
        ),
        "signature_status": signatures.status,
        "signatures": [_check_dict(c) for c in signatures.checks],
    }


def _document_dict(document: Document) -> dict[str, Any]:
    return {
        "id": document.pk,
        "region": document.region_id,
        "kind": document.kind,
        "kind_label": document.get_kind_display(),
        "title": document.title,
        "object_type": document.object_type,
        "object_id": document.object_id,
        "created_at": document.created_at,
        "url": reverse("documents:detail", kwargs={"pk": document.pk}),
        "versions": [_version_dict(v) for v in document.versions.all()],
    }


@router.get(
    "/{document_id}", response=DocumentOut, summary="A document and its versions (who, when, size, SHA-256)"
)
def document_detail(request: HttpRequest, document_id: int) -> dict[str, Any]:
    return _document_dict(visible_document(request.user, document_id))


@router.get(
    "/{document_id}/versions/{number}/download",
    url_name="document_version_download",
    summary="The file of one version, as an attachment",
    response={200: None},
)
def version_download(request: HttpRequest, document_id: int, number: int) -> HttpResponseBase:
    document = visible_document(request.user, document_id)
    return download_response(actor=request.user, version=version_of(document, number))


@router.post("", response={201: DocumentOut}, summary="Upload a new document of a region (its version 1)")
def document_upload(
    request: HttpRequest,
    region: Form[str],
    kind: Form[str],
    title: Form[str],
    file: File[UploadedFile],
) -> tuple[int, dict[str, Any]]:
    region_obj = Region.objects.filter(code=region).first()
    if region_obj is None:
        raise NotFound(
            "documents.region_not_found", f"Daerah {region} tidak ditemukan.", f"Region {region} not found."
        )
    version = services.upload_document(
        actor=request.user, region=region_obj, kind=kind, title=title, upload=file
    )
    return 201, _document_dict(visible_document(request.user, version.document_id))


@router.post(
    "/{document_id}/versions", response={201: VersionOut}, summary="Upload a new version of a document"
)
def version_upload(
    request: HttpRequest, document_id: int, file: File[UploadedFile]
) -> tuple[int, dict[str, Any]]:
    document = visible_document(request.user, document_id)
    version = services.add_version(actor=request.user, document=document, upload=file)
    return 201, _version_dict(version)

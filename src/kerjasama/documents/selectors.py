"""Reads of documents that leave the system (pages, API), always within the reader's jurisdiction."""

from __future__ import annotations

from typing import Any

from django.db import models

from kerjasama.core.errors import NotFound
from kerjasama.documents.models import Document, DocumentVersion


def document_not_found() -> NotFound:
    """Outside the reader's jurisdiction or absent: the two are not told apart (no existence is revealed)."""
    return NotFound("documents.not_found", "Dokumen tidak ditemukan.", "Document not found.")


def visible_document(user: Any, document_id: int) -> Document:
    """The document with its region and versions, or ``documents.not_found`` (also outside the jurisdiction)."""
    document = (
        Document.objects.restrict(user, "view")
        .select_related("region", "created_by")
        .prefetch_related(
            models.Prefetch(
                "versions",
                queryset=DocumentVersion.objects.select_related("blob", "uploaded_by").order_by("-number"),
            )
        )
        .filter(pk=document_id)
        .first()
    )
    if document is None:
        raise document_not_found()
    return document


def version_of(document: Document, number: int) -> DocumentVersion:
    """Version ``number`` of a document the reader may already see, or ``documents.not_found``."""
    version = (
        DocumentVersion.objects.select_related("blob", "document")
        .filter(document=document, number=number)
        .first()
    )
    if version is None:
        raise document_not_found()
    return version


def documents_attached_to(user: Any, obj: models.Model) -> models.QuerySet[Document]:
    """The documents of a record (an agreement, a dispute …) that the reader may see, newest first."""
    return (
        Document.objects.restrict(user, "view")
        .filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        .select_related("region")
    )

"""Reads of documents that leave the system (pages, API), always within the reader's jurisdiction."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models

from kerjasama.core.errors import NotFound
from kerjasama.documents.domain.signatures import overall_status
from kerjasama.documents.models import Document, DocumentVersion, SignatureCheck


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
                queryset=DocumentVersion.objects.select_related("blob", "uploaded_by")
                .prefetch_related(_checks_prefetch())
                .order_by("-number"),
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


def _checks_prefetch() -> models.Prefetch:
    return models.Prefetch("signature_checks", queryset=SignatureCheck.objects.order_by("position"))


@dataclass(frozen=True)
class SignatureSummary:
    """The electronic signatures of one document version, in signing order, and their overall verdict."""

    version_number: int | None
    checks: tuple[SignatureCheck, ...]

    @property
    def signed(self) -> bool:
        return bool(self.checks)

    @property
    def status(self) -> str | None:
        """The worst status among the signatures (``None``: not signed electronically)."""
        return overall_status(c.status for c in self.checks)

    @property
    def signers(self) -> list[str]:
        """The signers' names in signing order (the field name where a signature could not be read)."""
        return [c.signer_name or c.field_name for c in self.checks]


def signature_summary(version: DocumentVersion) -> SignatureSummary:
    """The signatures of a version the reader already sees (uses prefetched checks when present)."""
    checks = sorted(version.signature_checks.all(), key=lambda c: c.position)
    return SignatureSummary(version_number=version.number, checks=tuple(checks))


def signatures_for(user: Any, document_ids: Iterable[int]) -> dict[int, SignatureSummary]:
    """The signatures of the latest version of each document, for lists (an agreement's documents): one query.

    Every requested id gets a summary; a document the reader may not see, or whose latest version carries no
    signature, gets an unsigned one (nothing about it is revealed).
    """
    ids = sorted({int(i) for i in document_ids})
    summaries: dict[int, list[SignatureCheck]] = {i: [] for i in ids}
    numbers: dict[int, int] = {}
    if ids:
        latest = (
            DocumentVersion.objects.filter(document=models.OuterRef("version__document"))
            .order_by("-number")
            .values("number")[:1]
        )
        rows = (
            SignatureCheck.objects.restrict(user, "view")
            .filter(version__document_id__in=ids, version__number=models.Subquery(latest))
            .select_related("version")
            .order_by("version__document_id", "position")
        )
        for check in rows:
            summaries[check.version.document_id].append(check)
            numbers[check.version.document_id] = check.version.number
    return {i: SignatureSummary(version_number=numbers.get(i), checks=tuple(c)) for i, c in summaries.items()}

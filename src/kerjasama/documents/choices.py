"""Enumerations of the documents app (house rule 7): what a document is, and the file types it may have."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DocumentKind(models.TextChoices):
    """The documents of a cooperation's lifecycle (PP 28/2018; Permendagri 22/2020 Pasal 5 to 9)."""

    OFFER_LETTER = "surat_penawaran", _("Offer letter (surat penawaran)")
    KB = "kesepakatan_bersama", _("Memorandum of understanding (Kesepakatan Bersama)")
    PKS = "perjanjian_kerja_sama", _("Cooperation agreement (Perjanjian Kerja Sama)")
    MINUTES = "berita_acara", _("Minutes (berita acara)")
    EVIDENCE = "bukti", _("Evidence")
    OTHER = "lainnya", _("Other document")


class FileType(models.TextChoices):
    """A file type the system recognises by content; which of them are accepted is a setting
    (``KERJASAMA_DOCUMENT_TYPES``)."""

    PDF = "pdf", "PDF"
    XLSX = "xlsx", "XLSX"


#: The content type a download is served with, by detected file type (never the type the browser sent).
CONTENT_TYPES: dict[str, str] = {
    FileType.PDF: "application/pdf",
    FileType.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class SignatureStatus(models.TextChoices):
    """The verdict on one electronic signature in an uploaded PDF (UU 11/2008 jo. UU 19/2016 Pasal 11;
    PP 71/2019 Pasal 59-60). The values are those of ``documents.domain.signatures``."""

    VALID = "sah", pgettext_lazy("signature status", "valid")
    INVALID = "tidak_sah", pgettext_lazy("signature status", "not valid")
    UNVERIFIABLE = "tidak_dapat_diverifikasi", pgettext_lazy("signature status", "cannot be verified")

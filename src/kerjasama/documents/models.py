"""Documents attached to cooperation records: the letters, agreements, minutes and evidence of a KSD.

A cooperation leaves a paper trail that the law names (PP 28/2018; Permendagri 22/2020): the offer letter
(*surat penawaran*), the Kesepakatan Bersama, the Perjanjian Kerja Sama, minutes (*berita acara*) of
deliberations and evidence of implementation. Kerjasama keeps each as a :class:`Document` with its versions;
the bytes of every version live once in storage, named by their SHA-256 (:class:`Blob`), and are never
overwritten: a corrected letter is a new version, the old one stays readable.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kerjasama.core.scoping import RestrictedQuerySet, Restriction
from kerjasama.documents.choices import DocumentKind, SignatureStatus


def storage_name_for(sha256: str) -> str:
    """Where content with this SHA-256 lives in the documents storage (``sha256/ab/cd/<hash>``)."""
    return f"sha256/{sha256[:2]}/{sha256[2:4]}/{sha256}"


class Blob(models.Model):
    """Stored bytes, addressed by their SHA-256: one row and one stored file per distinct content.

    Two uploads of the same file share a blob; a blob is never overwritten or deleted by the application.
    """

    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    storage_name = models.CharField(_("storage name"), max_length=200, unique=True)
    created_at = models.DateTimeField(_("stored at"), default=timezone.now)

    class Meta:
        verbose_name = _("stored file")
        verbose_name_plural = _("stored files")
        constraints = [
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="documents_blob_sha256_hex"
            ),
        ]

    def __str__(self) -> str:
        return self.sha256


class Document(models.Model):
    """A logical document of a region's cooperation (an offer letter, a KB, a PKS …) with its versions.

    ``object_type`` (``app_label.model``) and ``object_id`` name the record it belongs to (an agreement, a
    dispute …); ``region`` is the region whose officials hold it, which sets who may see it.
    """

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=300)
    object_type = models.CharField(_("attached to (type)"), max_length=100, blank=True, default="")
    object_id = models.CharField(_("attached to (id)"), max_length=64, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    history = HistoricalRecords()
    # Within the region's jurisdiction, and for whoever may view the record it is attached to (every party of
    # an agreement: core.scoping.register_attachment_owner).
    restriction = Restriction(region_fields=("region",), attached=("object_type", "object_id"))
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["object_type", "object_id"], name="documents_attached_to")]

    def __str__(self) -> str:
        return self.title


class DocumentVersion(models.Model):
    """One uploaded version of a document: numbered from 1, never changed once written."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    blob = models.ForeignKey(Blob, on_delete=models.PROTECT, related_name="versions")
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    restriction = Restriction(
        region_fields=("document__region",), attached=("document__object_type", "document__object_id")
    )
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["document", "-number"]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="documents_version_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="documents_version_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"


class SignatureCheck(models.Model):
    """What the offline check found about one electronic signature embedded in an uploaded PDF version.

    UU 11/2008 jo. UU 19/2016 (ITE) Pasal 11 gives an electronic signature legal force when a change to the
    signed information after signing can be detected; PP 71/2019 Pasal 59-60 ties a certified signature to an
    Indonesian certification authority (BSrE for officials). One row per signature field, numbered in signing
    order; written once when the version is uploaded and never changed. A PDF without signatures has no rows.
    """

    version = models.ForeignKey(DocumentVersion, on_delete=models.PROTECT, related_name="signature_checks")
    position = models.PositiveSmallIntegerField(_("signing order"))
    field_name = models.CharField(_("signature field"), max_length=300, blank=True, default="")
    signer_name = models.CharField(_("signer"), max_length=300, blank=True, default="")
    signer_serial = models.CharField(_("certificate serial number"), max_length=100, blank=True, default="")
    issuer = models.CharField(_("certificate issuer"), max_length=300, blank=True, default="")
    signing_time = models.DateTimeField(_("signing time (claimed)"), null=True, blank=True)
    intact = models.BooleanField(_("signed content intact"))
    valid = models.BooleanField(_("signature verifies"))
    trusted = models.BooleanField(_("certificate chains to a trust root"))
    modified_after_signing = models.BooleanField(_("changed after signing"))
    status = models.CharField(_("status"), max_length=30, choices=SignatureStatus.choices)
    detail = models.CharField(_("reason (Indonesian)"), max_length=500)
    detail_en = models.CharField(_("reason (English)"), max_length=500)
    checked_at = models.DateTimeField(_("checked at"), default=timezone.now)

    restriction = Restriction(
        region_fields=("version__document__region",),
        attached=("version__document__object_type", "version__document__object_id"),
    )
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("signature check")
        verbose_name_plural = _("signature checks")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "position"], name="documents_signature_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1), name="documents_signature_position_positive"
            ),
            models.CheckConstraint(
                condition=Q(status__in=SignatureStatus.values), name="documents_signature_status_valid"
            ),
            # "sah" only when every check passed (the verdict can never contradict its findings).
            models.CheckConstraint(
                condition=~Q(status=SignatureStatus.VALID)
                | Q(intact=True, valid=True, trusted=True, modified_after_signing=False),
                name="documents_signature_valid_consistent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version} #{self.position} {self.signer_name or self.field_name}: {self.status}"

    @property
    def is_valid(self) -> bool:
        return self.status == SignatureStatus.VALID

    @property
    def is_invalid(self) -> bool:
        return self.status == SignatureStatus.INVALID

    @property
    def marker(self) -> str:
        """The shape shown beside the status, so it is never told by colour alone (✔ sah, ✖ tidak sah, ?)."""
        if self.status == SignatureStatus.VALID:
            return "✔"
        return "✖" if self.status == SignatureStatus.INVALID else "?"

    @property
    def css_class(self) -> str:
        if self.status == SignatureStatus.VALID:
            return "verdict ok"
        return "verdict bad" if self.status == SignatureStatus.INVALID else "status unknown"

    def reason(self, language: str | None) -> str:
        """The reason in the reader's language (Indonesian unless English is asked for)."""
        return self.detail_en if (language or "").startswith("en") else self.detail

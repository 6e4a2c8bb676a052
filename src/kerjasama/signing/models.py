"""Electronic signing records (issue 15 item 4; UU 11/2008 jo. UU 19/2016 Pasal 11, PP 71/2019 Pasal 59-60).

``SigningAttempt``: every attempt to sign a document, whatever its outcome (who, which document, the result,
the signing service's error code), never the passphrase or TOTP code. ``SignedDocument``: a signed PDF the
system holds (content-addressed in the documents storage by SHA-256), the token its QR code carries to the
public verification page, and the few facts that page may show (none when the document is confidential).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kerjasama.core.scoping import RestrictedQuerySet, Restriction
from kerjasama.signing.choices import AttemptResult


class SigningAttempt(models.Model):
    """One request to the signing service for one document (never retried automatically)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    object_type = models.CharField(_("document type"), max_length=60)
    object_id = models.CharField(_("document id"), max_length=40)
    object_label = models.CharField(_("document"), max_length=200, blank=True)
    backend = models.CharField(_("signing service"), max_length=10)
    result = models.CharField(
        _("result"), max_length=10, choices=AttemptResult.choices, default=AttemptResult.PENDING
    )
    error_code = models.CharField(_("signing service's error code"), max_length=40, blank=True)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()
    restriction = Restriction(region_fields=("region",))

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("signing attempt")
        verbose_name_plural = _("signing attempts")
        indexes = [models.Index(fields=["object_type", "object_id"], name="signing_attempt_object")]

    def __str__(self) -> str:
        return f"{self.object_type}:{self.object_id} {self.result}"


class SignedDocument(models.Model):
    """A signed PDF the system holds: its SHA-256, where it is stored, the verification token of its QR code and
    what the public page may show about it (nothing when ``confidential``, e.g. a *rahasia* letter)."""

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("issuing region"), on_delete=models.PROTECT, related_name="+"
    )
    object_type = models.CharField(_("document type"), max_length=60)
    object_id = models.CharField(_("document id"), max_length=40)
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    storage_name = models.CharField(_("storage name"), max_length=200)
    token = models.CharField(_("verification token"), max_length=64, unique=True)
    confidential = models.BooleanField(_("confidential"), default=False)
    number = models.CharField(_("number"), max_length=100, blank=True)
    dated = models.DateField(_("date"), null=True, blank=True)
    issuer_name = models.CharField(_("issuing region"), max_length=200, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    backend = models.CharField(_("signing service"), max_length=10)
    attempt = models.OneToOneField(SigningAttempt, on_delete=models.PROTECT, related_name="signed")
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()
    restriction = Restriction(region_fields=("region",))

    class Meta:
        verbose_name = _("signed document")
        verbose_name_plural = _("signed documents")
        constraints = [
            models.UniqueConstraint(fields=["object_type", "object_id"], name="signing_one_signed_per_object")
        ]

    def __str__(self) -> str:
        return f"{self.object_type}:{self.object_id} {self.sha256[:12]}"

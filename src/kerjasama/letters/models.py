"""Official letters (*naskah dinas*, Permendagri 1/2023) of an agreement and the numbering register.

A letter is written by a party region's cooperation unit from the agreement's data. While a draft it is editable
and carries no number (drafts burn no numbers); finalising takes the next number of the issuing unit's register
for the year (``LetterNumberSequence``, gap-free) and freezes it; a later change is a new version (a new draft
that supersedes the final one and gets its own number when finalised).
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from functools import reduce

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kerjasama.core.scoping import RestrictedQuerySet, Restriction, Scope
from kerjasama.disputes.models import CaseRestriction, Dispute
from kerjasama.letters.choices import LetterKind, LetterNature, LetterStatus, SignerCapacity

TEXT_MAX_LENGTH = 6000
LINE_MAX_LENGTH = 300


class LetterheadProfile(models.Model):
    """A region's letterhead (*kop naskah dinas*) and numbering data: its government's name and address as
    printed, its unit code and its number pattern (local rules vary; blank: ``KERJASAMA_LETTER_NUMBER_PATTERN``)."""

    region = models.OneToOneField(
        "regions.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="letterhead"
    )
    government_name = models.CharField(
        _("government name (letterhead)"), max_length=LINE_MAX_LENGTH, blank=True
    )
    address = models.CharField(_("address (letterhead)"), max_length=LINE_MAX_LENGTH, blank=True)
    contact = models.CharField(_("telephone, e-mail, website"), max_length=LINE_MAX_LENGTH, blank=True)
    unit_code = models.CharField(_("unit code in letter numbers"), max_length=40, blank=True)
    number_pattern = models.CharField(_("letter number pattern"), max_length=100, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # The region's emblem (*lambang daerah*) printed in the letterhead: PNG or SVG, checked by content and
    # capped in size (``letters.domain.emblem``); kept in the database (a few hundred kilobytes at most).
    emblem = models.BinaryField(_("emblem (lambang daerah)"), null=True, blank=True, editable=False)
    emblem_type = models.CharField(_("emblem type"), max_length=20, blank=True)

    history = HistoricalRecords(excluded_fields=["emblem"])
    objects = RestrictedQuerySet.as_manager()
    restriction = Restriction(region_fields=("region",))

    class Meta:
        verbose_name = _("letterhead")
        verbose_name_plural = _("letterheads")

    def __str__(self) -> str:
        return self.government_name or str(self.region_id)


class LetterClassification(models.Model):
    """The archive classification code (KKA, Permendagri 83/2022) and retention class (JRA) a region gives a
    kind of letter. Without a row the settings' defaults apply, shown as *not confirmed*: the KKA code for
    cooperation letters was not found in the sources read, so the region must confirm it."""

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("letter kind"), max_length=20, choices=LetterKind.choices)
    kka_code = models.CharField(_("archive classification code (KKA)"), max_length=40)
    retention_class = models.CharField(_("retention class (JRA)"), max_length=200)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = Restriction(region_fields=("region",))

    class Meta:
        verbose_name = _("letter classification")
        verbose_name_plural = _("letter classifications")
        constraints = [models.UniqueConstraint(fields=["region", "kind"], name="letters_one_class_per_kind")]

    def __str__(self) -> str:
        return f"{self.region_id} {self.kind}: {self.kka_code}"


class LetterNumberSequence(models.Model):
    """The numbering register (*buku agenda*) of one issuing unit for one year: ``last_number`` is the last
    sequence number given. Claimed with ``select_for_update`` inside the finalising transaction (SQLite: the
    database write lock), so numbers are gap-free and never given twice."""

    unit = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number given"), default=0)

    objects = RestrictedQuerySet.as_manager()
    restriction = Restriction(region_fields=("unit__region",))

    class Meta:
        verbose_name = _("letter number sequence")
        verbose_name_plural = _("letter number sequences")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="letters_one_sequence_per_year")]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.year}: {self.last_number}"


@dataclass(frozen=True)
class LetterRestriction(Restriction):
    """The issuing region's jurisdiction, and for a dispute notice also the case's own scope: a letter about a
    dispute is seen only by who sees the case (its parties, the resolver in effect, Kemendagri), never by the
    rest of the issuing region's jurisdiction."""

    def q(self, scope: Scope, action: str) -> Q | None:
        base = super().q(scope, action)
        case = CaseRestriction().q(scope, action)
        if case is None:
            return base
        about_case = Q(dispute__isnull=True) | Q(dispute__in=Dispute.objects.filter(case).values("pk"))
        return about_case if base is None else base & about_case


#: The subjects a letter may be about (exactly one is set).
SUBJECT_FIELDS = ("agreement", "tkksd_meeting", "periodic_report", "dispute")


def _exactly_one_subject() -> Q:
    one_each = [Q(**{f"{f}__isnull": f != chosen for f in SUBJECT_FIELDS}) for chosen in SUBJECT_FIELDS]
    return reduce(operator.or_, one_each)


class Letter(models.Model):
    """An official letter (*naskah dinas berbentuk surat dinas*, Permendagri 1/2023) of an agreement: header
    (Nomor, Sifat, Lampiran, Hal), addressee (*Yth.*), body, signature block (Pasal 44) and copies (*tembusan*).

    Seen by the issuing region's jurisdiction (its own officials, its governor's office, Kemendagri); the other
    parties receive it through the official channel, not as a draft here.
    """

    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("agreement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="letters",
    )
    kind = models.CharField(_("letter kind"), max_length=20, choices=LetterKind.choices)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("issuing region"), on_delete=models.PROTECT, related_name="+"
    )
    issuing_unit = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=LetterStatus.choices, default=LetterStatus.DRAFT
    )
    version_number = models.PositiveIntegerField(_("letter version"), default=1)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("supersedes"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    number = models.CharField(_("number"), max_length=100, blank=True)
    sequence = models.PositiveIntegerField(_("sequence number"), null=True, blank=True)
    year = models.PositiveIntegerField(_("register year"), null=True, blank=True)
    dated = models.DateField(_("date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    kka_code = models.CharField(_("archive classification code (KKA)"), max_length=40, blank=True)
    retention_class = models.CharField(_("retention class (JRA)"), max_length=200, blank=True)
    nature = models.CharField(
        _("nature (sifat)"), max_length=20, choices=LetterNature.choices, default=LetterNature.BIASA
    )
    attachments = models.CharField(_("attachments (lampiran)"), max_length=LINE_MAX_LENGTH, blank=True)
    subject = models.CharField(_("subject (hal)"), max_length=LINE_MAX_LENGTH)
    addressee = models.TextField(_("addressee (Yth.)"), validators=[MaxLengthValidator(1000)])
    body = models.TextField(_("body"), validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    signer_capacity = models.CharField(
        _("signatory's capacity"),
        max_length=20,
        choices=SignerCapacity.choices,
        default=SignerCapacity.DEFINITIVE,
    )
    signer_title = models.CharField(_("signatory's office"), max_length=LINE_MAX_LENGTH, blank=True)
    signer_name = models.CharField(_("signatory's name"), max_length=200, blank=True)
    signer_rank = models.CharField(_("signatory's rank (pangkat)"), max_length=100, blank=True)
    signer_nip = models.CharField(_("signatory's NIP"), max_length=30, blank=True)
    copies = models.TextField(
        _("copies (tembusan), one per line"), blank=True, validators=[MaxLengthValidator(2000)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)
    # The subject of a letter not written about an agreement (exactly one subject: the check constraint).
    tkksd_meeting = models.ForeignKey(
        "tkksd.Meeting",
        verbose_name=_("TKKSD meeting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="letters",
    )
    periodic_report = models.ForeignKey(
        "reports.PeriodicReport",
        verbose_name=_("periodic report"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="letters",
    )
    dispute = models.ForeignKey(
        "disputes.Dispute",
        verbose_name=_("dispute"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="letters",
    )
    # The choice made when drafting (a reply's decision, a dispute letter's purpose): it shaped the default body.
    variant = models.CharField(_("variant chosen when drafting"), max_length=20, blank=True)
    annex = models.TextField(
        _("attached list (lampiran), one line each"),
        blank=True,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
        help_text=_("Printed on its own page after the letter, e.g. the list of invitees."),
    )

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = LetterRestriction(region_fields=("region",))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("official letter")
        verbose_name_plural = _("official letters")
        constraints = [
            models.UniqueConstraint(
                fields=["issuing_unit", "year", "sequence"],
                condition=models.Q(sequence__isnull=False),
                name="letters_sequence_given_once",
            ),
            models.CheckConstraint(
                condition=_exactly_one_subject(),
                name="letters_exactly_one_subject",
            ),
        ]

    def __str__(self) -> str:
        return self.number or f"{self.get_kind_display()} (draft)"

    @property
    def is_final(self) -> bool:
        return self.status == LetterStatus.FINAL

    def copy_lines(self) -> list[str]:
        return [line.strip() for line in self.copies.splitlines() if line.strip()]

    @property
    def subject_record(self) -> models.Model | None:
        """What the letter is about: its agreement, TKKSD meeting, periodic report or dispute."""
        return self.agreement or self.tkksd_meeting or self.periodic_report or self.dispute

    def annex_lines(self) -> list[str]:
        return [line.strip() for line in self.annex.splitlines() if line.strip()]

    def addressee_lines(self) -> list[str]:
        return [line.strip() for line in self.addressee.splitlines() if line.strip()]

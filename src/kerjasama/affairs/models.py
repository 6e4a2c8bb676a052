"""The 32 concurrent government affairs (urusan pemerintahan konkuren) and the authority matrix.

UU 23/2014 Pasal 9–12 classify the affairs; its Lampiran divides each affair's sub-affairs between the
central government, provinces and kab/kota. A KSD object must lie within each party's authority (R10, R11).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kerjasama.affairs.choices import AffairReach, AuthorityStatus, Category
from kerjasama.core.choices import Confidence
from kerjasama.core.scoping import RestrictedQuerySet, Restriction


class Affair(models.Model):
    """One concurrent government affair, coded as in Kepmendagri 050-5889/2021 (1.01 … 3.32)."""

    code = models.CharField(_("code"), max_length=4, primary_key=True)
    name_id = models.CharField(_("name (Indonesian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    #: Why the authority matrix does not cover this affair yet (project data, authority_not_covered.csv).
    not_covered_id = models.TextField(_("why not covered (Indonesian)"), blank=True)
    not_covered_en = models.TextField(_("why not covered (English)"), blank=True)
    # What the mapping reads (affair_characteristics.csv, ``affairs.domain.characteristics``): whether the
    # affair carries a cross-regional externality (UU 23/2014 Pasal 364(1)), how distance bears on it, and
    # which functional-area kinds are evidence for it; with the source and confidence of that row.
    cross_regional_externality = models.BooleanField(_("cross-regional externality"), default=False)
    externality_basis = models.TextField(_("basis of the externality assessment"), blank=True)
    reach = models.CharField(
        _("reach"), max_length=12, choices=AffairReach.choices, default=AffairReach.REGIONAL
    )
    area_kinds = models.CharField(_("relevant functional-area kinds"), max_length=200, blank=True)
    characteristics_confidence = models.CharField(
        _("confidence of the characteristics"), max_length=1, choices=Confidence.choices, blank=True
    )
    characteristics_source = models.TextField(_("source of the characteristics"), blank=True)

    objects = RestrictedQuerySet.as_manager()
    # Affairs and the authority matrix are public law: everyone may read them.
    restriction = Restriction(public=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("affair")
        verbose_name_plural = _("affairs")

    def __str__(self) -> str:
        return f"{self.code} {self.name_id}"


class AuthorityEntry(models.Model):
    """One sub-affair row of the Lampiran of UU 23/2014: what each level holds, with source and confidence.

    The level columns are short paraphrases of the Lampiran cells; an empty column means no authority at
    that level (or none found). ``confidence`` is the weaker of the provinsi and kab/kota tags.
    """

    affair = models.ForeignKey(Affair, on_delete=models.CASCADE, related_name="authority_entries")
    #: The stable sub-affair identifier ``<affair>.<NN>`` (``rulebook.facts.sub_affair_code``): assigned once
    #: when the row is created, from its number in the source, and never renumbered.
    code = models.CharField(_("identifier"), max_length=8, unique=True)
    position = models.PositiveIntegerField(_("order"), default=0)
    sub_affair = models.CharField(_("sub-affair"), max_length=200)
    pusat = models.TextField(_("central government"), blank=True)
    provinsi = models.TextField(_("province"), blank=True)
    kabkota = models.TextField(_("regency/city"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    confidence = models.CharField(_("confidence"), max_length=1, choices=Confidence.choices)
    source = models.TextField(_("source"))
    # Optimistic locking: bumped by every service update (kerjasama.core.versioning; issue 8, item 11).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["affair", "position", "id"]
        verbose_name = _("authority matrix entry")
        verbose_name_plural = _("authority matrix entries")
        constraints = [
            models.UniqueConstraint(fields=["affair", "sub_affair"], name="affairs_unique_sub_affair"),
        ]

    def __str__(self) -> str:
        return f"{self.affair_id} {self.sub_affair}"

    def text_for(self, level: str) -> str:
        return str(getattr(self, level))


def level_status(entries: list[AuthorityEntry], level: str) -> str:
    """Whether a level holds an affair: held if any sub-affair gives it authority; unknown without rows."""
    if not entries:
        return AuthorityStatus.UNKNOWN
    return (
        AuthorityStatus.HELD if any(e.text_for(level).strip() for e in entries) else AuthorityStatus.NOT_HELD
    )

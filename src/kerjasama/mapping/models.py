"""Region profiles, identifications of cooperable affairs and the stored recommendations.

Pemetaan urusan yang dapat dikerjasamakan: a region identifies and maps the affairs it can cooperate on from
its potential and characteristics (PP 28/2018 Pasal 5(1); Permendagri 22/2020 Pasal 5), coordinated by its
cooperation unit with its planning unit for programmes and activities, with the TKKSD [S: S-seed000, S-banjar2].
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kerjasama.core.scoping import RestrictedQuerySet, Restriction
from kerjasama.mapping.choices import (
    Better,
    IdentificationStatus,
    IndicatorRole,
    MappingRunStatus,
    RecommendationCategory,
    RecommendationKind,
)

#: Length limits of the mapping's texts (issue 9: a 208,000-character text was accepted and made a 64-page
#: PDF). One needs/offers/externalities text of 2,000 characters is about a third of an A4 page; the
#: programme list holds up to ``PROGRAMMES_MAX_CODES`` codes; a source is a citation, not a document.
IDENTIFICATION_TEXT_MAX_LENGTH = 2000
PROGRAMMES_TEXT_MAX_LENGTH = 1000
PROGRAMMES_MAX_CODES = 50
SOURCE_MAX_LENGTH = 300


class Indicator(models.Model):
    """One indicator of a region's potential and characteristics (e.g. waste service coverage)."""

    code = models.CharField(_("code"), max_length=40, primary_key=True)
    name_id = models.CharField(_("name (Indonesian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40)
    affairs = models.ManyToManyField("affairs.Affair", verbose_name=_("affairs it informs"), blank=True)
    role = models.CharField(_("role"), max_length=10, choices=IndicatorRole.choices)
    better = models.CharField(_("better when"), max_length=10, choices=Better.choices)
    worst = models.FloatField(_("worst reference value"))
    best = models.FloatField(_("best reference value"))
    position = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name_id


class IndicatorValue(models.Model):
    """A yearly value of an indicator for one region, with its source."""

    region = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="indicator_values")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("value"))
    source = models.CharField(_("source"), max_length=SOURCE_MAX_LENGTH)
    is_example = models.BooleanField(
        _("example data"), default=False, help_text=_("Generated for the demo; never an official statistic.")
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # An official figure replaced by a later one (a form, an import) keeps its old value here (issue 8).
    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    # Profiles are shared within the jurisdiction; the ministry sees all; third parties see none.
    restriction = Restriction(region_fields=("region",))

    class Meta:
        ordering = ["region", "indicator", "-year"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "indicator", "year"], name="mapping_one_value_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.indicator_id} {self.year}: {self.value}"


class Identification(models.Model):
    """A region's identification of one affair: what it lacks, what it can offer, cross-border effects and
    the programmes and activities it links to (Kepmendagri 050-5889/2021 codes)."""

    region = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="identifications")
    affair = models.ForeignKey("affairs.Affair", on_delete=models.PROTECT, related_name="identifications")
    needs = models.TextField(
        _("needs (what it lacks)"), blank=True, validators=[MaxLengthValidator(IDENTIFICATION_TEXT_MAX_LENGTH)]
    )
    offers = models.TextField(
        _("offers (what it can provide)"), blank=True, validators=[MaxLengthValidator(IDENTIFICATION_TEXT_MAX_LENGTH)]
    )
    externalities = models.TextField(
        _("cross-border externalities"), blank=True, validators=[MaxLengthValidator(IDENTIFICATION_TEXT_MAX_LENGTH)]
    )
    programmes = models.JSONField(_("programme and activity codes"), default=list, blank=True)
    #: Sub-affair identifiers of the affair's authority matrix (``AuthorityEntry.code``, e.g. ``3.28.02``;
    #: the Lampiran's *sub urusan*, UU 23/2014), checked against the affair by the service.
    sub_affairs = models.JSONField(_("sub-affairs"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=IdentificationStatus.choices, default=IdentificationStatus.DRAFT
    )
    is_example = models.BooleanField(_("example data"), default=False)
    # Optimistic locking: bumped on every save of the draft (kerjasama.core.versioning).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # The verification loop (issue 9): who submitted and published it, and the TKKSD's last reason for
    # returning it (every earlier reason stays in the row history).
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    # Within the jurisdiction every status; elsewhere only published ones, and third parties none.
    restriction = Restriction(region_fields=("region",), shared=Q(status=IdentificationStatus.PUBLISHED))

    class Meta:
        ordering = ["region", "affair"]
        verbose_name = _("identification")
        verbose_name_plural = _("identifications")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "affair"], name="mapping_one_identification_per_affair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.affair_id} ({self.status})"


#: The longest return reason or comment an official may write (characters).
MAX_REMARK_CHARS = 2000


class IdentificationRevision(models.Model):
    """A proposed change to a published identification (*perubahan hasil identifikasi*).

    The TKKSD verifies a revision like the first version (Permendagri 22/2020 Pasal 5; the TKKSD's mapping
    task [S]); until the region's cooperation unit publishes it, the published identification stays in force
    for other regions and for the recommendations. Publishing copies the content onto the identification
    (its row history keeps the old and the new text); the revision row stays as the record of the change.
    At most one revision is open (not yet published) per identification.
    """

    identification = models.ForeignKey(Identification, on_delete=models.CASCADE, related_name="revisions")
    needs = models.TextField(
        _("needs (what it lacks)"), blank=True, validators=[MaxLengthValidator(IDENTIFICATION_TEXT_MAX_LENGTH)]
    )
    offers = models.TextField(
        _("offers (what it can provide)"), blank=True, validators=[MaxLengthValidator(IDENTIFICATION_TEXT_MAX_LENGTH)]
    )
    externalities = models.TextField(
        _("cross-border externalities"), blank=True, validators=[MaxLengthValidator(IDENTIFICATION_TEXT_MAX_LENGTH)]
    )
    programmes = models.JSONField(_("programme and activity codes"), default=list, blank=True)
    #: Sub-affair identifiers of the affair's authority matrix (``AuthorityEntry.code``, e.g. ``3.28.02``;
    #: the Lampiran's *sub urusan*, UU 23/2014), checked against the affair by the service.
    sub_affairs = models.JSONField(_("sub-affairs"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=IdentificationStatus.choices, default=IdentificationStatus.DRAFT
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    # Work in progress of the region: seen within its jurisdiction only (never shared with other regions).
    restriction = Restriction(region_fields=("identification__region",))

    class Meta:
        ordering = ["identification", "-created_at"]
        verbose_name = _("identification revision")
        verbose_name_plural = _("identification revisions")
        constraints = [
            models.UniqueConstraint(
                fields=["identification"],
                condition=~Q(status=IdentificationStatus.PUBLISHED),
                name="mapping_one_open_revision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.identification_id} revisi ({self.status})"

    @property
    def region(self) -> Any:
        return self.identification.region

    @property
    def region_id(self) -> str:
        return self.identification.region_id

    @property
    def affair(self) -> Any:
        return self.identification.affair

    @property
    def affair_id(self) -> str:
        return self.identification.affair_id


class IdentificationComment(models.Model):
    """A remark in the verification dialogue between the cooperation unit and the TKKSD on one
    identification (the TKKSD prepares and reviews the mapping with the units: Permendagri 22/2020 [S])."""

    identification = models.ForeignKey(Identification, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_label = models.CharField(_("author"), max_length=200)
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()
    # The dialogue of the region's officials: seen within the jurisdiction only, even on a published one.
    restriction = Restriction(region_fields=("identification__region",))

    class Meta:
        ordering = ["identification", "created_at", "pk"]
        verbose_name = _("identification comment")
        verbose_name_plural = _("identification comments")

    def __str__(self) -> str:
        return f"{self.identification_id} {self.author_label}: {self.text[:40]}"


class Recommendation(models.Model):
    """A suggested partner for a region and an affair, with its score and the reasons (stored per run)."""

    region = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="recommendations")
    partner = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="+")
    affair = models.ForeignKey("affairs.Affair", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("score"))
    category = models.CharField(_("category"), max_length=10, choices=RecommendationCategory.choices)
    kind = models.CharField(
        _("kind"), max_length=10, choices=RecommendationKind.choices, default=RecommendationKind.NEW
    )
    reasons = models.JSONField(_("reasons"), default=list)
    findings = models.JSONField(_("rulebook findings"), default=list)
    authority_note = models.JSONField(_("authority note"), null=True, blank=True)
    uses_example_data = models.BooleanField(_("based on example data"), default=False)
    #: When this row last changed (a refresh leaves an unchanged row as it is); when the region was last
    #: recomputed is its ``ComputedRegion`` stamp, which the pages show.
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()
    # Derived from published reference data and the profiles of the jurisdiction: shown within it.
    restriction = Restriction(region_fields=("region",))

    class Meta:
        ordering = ["region", "affair", "-score", "partner"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "partner", "affair"], name="mapping_one_recommendation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region_id} ↔ {self.partner_id} {self.affair_id} ({self.score})"


class ComputedRegion(models.Model):
    """When the engine last brought a region's stored recommendations up to date ("dihitung pada").

    A refresh recomputes a region's recommendations but rewrites only the rows whose content changed (a row
    version left behind per unchanged row made every read of the table slower until a vacuum: 893,817 dead rows
    beside 21,462 live after the 30-minute soak, bench/load). A row's own ``computed_at`` therefore says when
    it last changed; this stamp says when the region was last recomputed, with or without a change, and is
    what the pages show. One narrow row per region, written in the transaction that stores its rows.
    """

    region = models.OneToOneField(
        "regions.Region", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    computed_at = models.DateTimeField(_("computed at"))

    objects = RestrictedQuerySet.as_manager()
    # Shown with the recommendations it dates: within the jurisdiction.
    restriction = Restriction(region_fields=("region",))

    class Meta:
        verbose_name = _("region's recommendations computed")
        verbose_name_plural = _("regions' recommendations computed")

    def __str__(self) -> str:
        return f"{self.region_id}: {self.computed_at:%Y-%m-%d %H:%M}"


class StaleRegion(models.Model):
    """A region whose profile or identifications changed since its recommendations were computed.

    Services mark it and, on commit, enqueue the refresh task (``mapping.tasks``), which the worker runs: it
    claims the marks and recomputes every region the change can affect, so no page waits for the engine.
    """

    region = models.OneToOneField(
        "regions.Region", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    identifications_changed = models.BooleanField(default=False)
    # The affairs whose identifications changed (issue 9: the refresh then recomputes only the neighbours and
    # the regions matching on those affairs); empty with ``identifications_changed``: unknown, recompute all
    # regions with a need or offer.
    affairs = models.JSONField(default=list, blank=True)
    # Without ``identifications_changed`` (a profile change): the affairs whose profile changed (the affairs the
    # changed indicators inform; the refresh then recomputes only those affairs of the region's candidates on
    # them), or null for every affair (a change to the register of agreements, or unknown).
    profile_affairs = models.JSONField(null=True, default=None, blank=True)
    marked_at = models.DateTimeField(auto_now=True)

    objects = RestrictedQuerySet.as_manager()
    # A mark belongs to its region's jurisdiction (the refresher reads every mark as the system).
    restriction = Restriction(region_fields=("region",))

    class Meta:
        verbose_name = _("region awaiting recompute")
        verbose_name_plural = _("regions awaiting recompute")

    def __str__(self) -> str:
        return str(self.region_id)


class ProvinceAffairSummary(models.Model):
    """The engine's figures for one province and one affair, stored so the national page reads 38 × 32 rows
    instead of every recommendation (issue 9, section 5): the distinct mandatory-eligible pairs held by the
    province's regions. Refreshed by ``mapping.summary`` at the end of every run of the engine (national or
    partial, including the refresh of marked regions), so it changes exactly when the recommendations do.
    (Identification counts change with every verification and are counted live by one grouped query.)

    The figures count every row (they are computed by the system), so they are exact for whoever sees every
    row inside the province: Kemendagri and system admins (the whole country), and the province's own
    officials (their jurisdiction covers the province and its kab/kota; UU 23/2014 Pasal 91). A kab/kota
    official sees only part of a province and therefore gets no summary row (their figure would not be theirs).
    """

    province = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="+")
    affair = models.ForeignKey("affairs.Affair", on_delete=models.CASCADE, related_name="+")
    #: Autonomous regions of the province, the province itself included.
    regions = models.PositiveIntegerField(_("autonomous regions"), default=0)
    mandatory_pairs = models.PositiveIntegerField(_("distinct mandatory-eligible pairs"), default=0)
    #: Recommendation rows held by the province's regions on the affair, and of them the mandatory-eligible
    #: (``category`` wajib): the API's ``count`` for whoever sees whole provinces (``selectors.recommendation_count``)
    #: reads these instead of counting the table, whose cost grows with the rows a refresh leaves behind.
    recommendations = models.PositiveIntegerField(_("recommendations"), default=0)
    mandatory_recommendations = models.PositiveIntegerField(_("mandatory-eligible recommendations"), default=0)
    refreshed_at = models.DateTimeField(_("refreshed at"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()
    # Only a whole-province view is exact: the nation, or the province's own officials (not a kab/kota, whose
    # jurisdiction is matched against ``province`` and never equals a province code).
    restriction = Restriction(region_fields=("province",))

    class Meta:
        ordering = ["affair", "province"]
        verbose_name = _("mapping summary (province × affair)")
        verbose_name_plural = _("mapping summaries (province × affair)")
        constraints = [
            models.UniqueConstraint(fields=["province", "affair"], name="mapping_one_summary_per_affair"),
        ]

    def __str__(self) -> str:
        return f"{self.province_id} {self.affair_id}: {self.mandatory_pairs} pairs"
class MappingRun(models.Model):
    """A national run of the recommendation engine requested by the ministry from the national page.

    The request only stores this record and enqueues the task (``mapping.tasks.run_national_mapping``); the
    worker claims it (queued -> running by compare-and-swap), counts the regions done as it computes, and
    closes it as done or failed. The page shows the latest record (status, regions done of total).
    """

    status = models.CharField(
        _("status"), max_length=10, choices=MappingRunStatus.choices, default=MappingRunStatus.QUEUED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    regions_total = models.PositiveIntegerField(_("regions"), default=0)
    regions_done = models.PositiveIntegerField(_("regions done"), default=0)
    recommendations = models.PositiveIntegerField(_("recommendations"), default=0)
    mandatory_eligible = models.PositiveIntegerField(_("mandatory-eligible"), default=0)
    error = models.TextField(_("error"), blank=True)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    # National oversight: Kemendagri and system admins see every run (no region field).
    restriction = Restriction()

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("national mapping run")
        verbose_name_plural = _("national mapping runs")

    def __str__(self) -> str:
        return f"{self.pk} {self.status} {self.regions_done}/{self.regions_total}"

    @property
    def percent(self) -> int:
        return round(100 * self.regions_done / self.regions_total) if self.regions_total else 0

"""The TKKSD (*Tim Koordinasi Kerja Sama Daerah*) of a region as a body: its decrees, members, meetings and
decisions.

The TKKSD is "tim yang dibentuk oleh Kepala Daerah untuk membantu dalam menyiapkan kerja sama daerah" [V for
Permendagri 22/2009 Pasal 1 angka 6; S for the 2020 regime: S-kukar, S-yogya]. It is formed by decree of the
head of region, for an open period or per year [S: S-toba], chaired by the regional secretary [S: S-yogya]. It
reviews proposals before the offer and takes part in the mapping of cooperable affairs [S: S-banjar2, S-viva].
Neither UU 23/2014 nor PP 28/2018 mentions it; it rests on Permendagri 22/2020, whose TKKSD article was not
read (REGULATIONS.md §1.10, rule R21).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kerjasama.core.scoping import RestrictedQuerySet, Restriction
from kerjasama.tkksd.choices import DecisionOutcome, MeetingStatus, MemberRole
from kerjasama.tkksd.domain.periods import in_force

NUMBER_MAX_LENGTH = 120
TITLE_MAX_LENGTH = 300
NAME_MAX_LENGTH = 200
TEXT_MAX_LENGTH = 4000


class Decree(models.Model):
    """*Keputusan Kepala Daerah tentang Pembentukan TKKSD*: the decree by which the head of region forms the
    region's TKKSD, for an open period or per year (R21 [S])."""

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="tkksd_decrees"
    )
    number = models.CharField(_("decree number"), max_length=NUMBER_MAX_LENGTH)
    title = models.CharField(_("decree title"), max_length=TITLE_MAX_LENGTH, blank=True)
    decree_date = models.DateField(_("decree date"))
    period_start = models.DateField(_("in force from"))
    period_end = models.DateField(
        _("in force until"), null=True, blank=True, help_text=_("Empty: until it is ended or replaced.")
    )
    end_reason = models.CharField(_("reason for ending"), max_length=TITLE_MAX_LENGTH, blank=True)
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("decree document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_example = models.BooleanField(_("example data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    # A decree of the head of region is a public act: every signed-in official may see that it exists (its
    # number, date and period); third parties see none (scoping.Restriction.shared).
    restriction = Restriction(region_fields=("region",), shared=Q(pk__isnull=False))

    class Meta:
        ordering = ["region", "-period_start", "-id"]
        verbose_name = _("TKKSD decree")
        verbose_name_plural = _("TKKSD decrees")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__isnull=True) | Q(period_end__gte=models.F("period_start")),
                name="tkksd_decree_period_order",
            ),
            models.UniqueConstraint(fields=["region", "number"], name="tkksd_decree_number_unique"),
        ]

    def __str__(self) -> str:
        return self.number

    def in_force_on(self, on: date) -> bool:
        return in_force(self.period_start, self.period_end, on)


class Member(models.Model):
    """A member of the TKKSD named in a decree: chair, secretary or member, with position and unit."""

    decree = models.ForeignKey(
        Decree, verbose_name=_("decree"), on_delete=models.PROTECT, related_name="members"
    )
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    position = models.CharField(_("position (jabatan)"), max_length=NAME_MAX_LENGTH)
    unit = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("unit (OPD)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit_name = models.CharField(_("unit name"), max_length=NAME_MAX_LENGTH, blank=True)
    role = models.CharField(_("role in the team"), max_length=12, choices=MemberRole.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tkksd_memberships",
    )
    position_order = models.PositiveIntegerField(_("order"), default=0)
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    removal_reason = models.CharField(_("reason for removal"), max_length=TITLE_MAX_LENGTH, blank=True)
    is_example = models.BooleanField(_("example data"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = Restriction(region_fields=("decree__region",))

    class Meta:
        ordering = ["decree", "position_order", "id"]
        verbose_name = _("TKKSD member")
        verbose_name_plural = _("TKKSD members")
        constraints = [
            # One chair at a time in a decree's team.
            models.UniqueConstraint(
                fields=["decree"],
                condition=Q(role=MemberRole.CHAIR, removed_at__isnull=True),
                name="tkksd_one_chair_per_decree",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"

    @property
    def unit_label(self) -> str:
        return self.unit.name if self.unit is not None else self.unit_name


class Meeting(models.Model):
    """A meeting (*rapat*) of the TKKSD: scheduled, then held with its attendees and minutes (*berita acara*)."""

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="tkksd_meetings"
    )
    decree = models.ForeignKey(
        Decree, verbose_name=_("decree"), on_delete=models.PROTECT, related_name="meetings"
    )
    meeting_date = models.DateField(_("meeting date"))
    place = models.CharField(_("place"), max_length=NAME_MAX_LENGTH)
    agenda = models.TextField(_("agenda"), max_length=TEXT_MAX_LENGTH)
    status = models.CharField(
        _("status"), max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    attendees = models.ManyToManyField(
        Member, verbose_name=_("attendees"), blank=True, related_name="meetings"
    )
    minutes = models.ForeignKey(
        "documents.Document",
        verbose_name=_("minutes"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    held_at = models.DateTimeField(_("recorded as held at"), null=True, blank=True)
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_example = models.BooleanField(_("example data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    # Meetings, minutes and decisions stay inside the region's jurisdiction (its own officials, its
    # province's governor as central-government representative, Kemendagri; UU 23/2014 Pasal 91).
    restriction = Restriction(region_fields=("region",))

    class Meta:
        ordering = ["-meeting_date", "-id"]
        verbose_name = _("TKKSD meeting")
        verbose_name_plural = _("TKKSD meetings")
        indexes = [models.Index(fields=["region", "meeting_date"], name="tkksd_meeting_region_date")]

    def __str__(self) -> str:
        return f"{self.meeting_date:%d-%m-%Y} · {self.place}"


class Decision(models.Model):
    """A decision of the TKKSD on one subject (a proposal, an identification …) taken in a held meeting:
    approve, return with reasons, or reject (R21: the TKKSD review is a stage gate before the offer)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="decisions"
    )
    #: ``app_label.model`` of the subject (``"agreements.agreement"``, ``"mapping.identification"``).
    subject_type = models.CharField(_("subject type"), max_length=100)
    subject_id = models.CharField(_("subject id"), max_length=64)
    subject_label = models.CharField(_("subject"), max_length=TITLE_MAX_LENGTH)
    outcome = models.CharField(_("outcome"), max_length=10, choices=DecisionOutcome.choices)
    reasons = models.TextField(_("reasons"), max_length=TEXT_MAX_LENGTH, blank=True)
    decided_at = models.DateTimeField(_("recorded at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_example = models.BooleanField(_("example data"), default=False)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = Restriction(region_fields=("meeting__region",))

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = _("TKKSD decision")
        verbose_name_plural = _("TKKSD decisions")
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="tkksd_decision_subject")]
        constraints = [
            # One decision per subject in one meeting; a later meeting may decide it again.
            models.UniqueConstraint(
                fields=["meeting", "subject_type", "subject_id"], name="tkksd_one_decision_per_meeting"
            ),
            models.CheckConstraint(
                condition=Q(outcome=DecisionOutcome.APPROVE) | ~Q(reasons=""),
                name="tkksd_decision_reasons_when_not_approved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject_label}: {self.get_outcome_display()}"

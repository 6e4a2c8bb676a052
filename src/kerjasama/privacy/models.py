"""Records of the duties of a personal-data controller (UU 27/2022): data subjects' requests with their
3×24-hour clock, breaches (*kegagalan pelindungan data pribadi*) with their notification clock, and the log of
processing ended at the end of a retention period."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kerjasama.core.scoping import RestrictedQuerySet, Restriction
from kerjasama.privacy.choices import BreachStatus, RequestKind, RequestStatus, RetentionActionKind

TEXT_MAX = 4000


class DataSubjectRequest(models.Model):
    """A data subject's request (access, correction, restriction, deletion where lawful; UU 27/2022 Pasal 5-9
    [U]) to be answered within 3×24 hours of receipt (Pasal 32(2), 33, 34 ff. [U]). ``due_at`` is fixed at
    receipt; escalated once when late to the unit heads and the ministry."""

    kind = models.CharField(_("request kind"), max_length=20, choices=RequestKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.RECEIVED
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("data subject's account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subject_name = models.CharField(_("data subject's name"), max_length=200)
    subject_email = models.EmailField(_("data subject's e-mail"), blank=True)
    subject_nik = models.CharField(_("data subject's NIK (for verification)"), max_length=16, blank=True)
    details = models.TextField(_("what is asked"), validators=[MaxLengthValidator(TEXT_MAX)])
    received_at = models.DateTimeField(_("received at"))
    due_at = models.DateTimeField(_("answer due at"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True, validators=[MaxLengthValidator(TEXT_MAX)])
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = Restriction(region_fields=("region",))

    class Meta:
        ordering = ["due_at", "id"]
        verbose_name = _("data-subject request")
        verbose_name_plural = _("data-subject requests")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == RequestStatus.RECEIVED


class DataBreach(models.Model):
    """A failure of personal-data protection (*kegagalan pelindungan data pribadi*): the controller notifies the
    data subjects and the authority in writing within 3×24 hours (UU 27/2022 Pasal 46(1)), stating the data
    disclosed, when and how, and what was done to handle and recover (Pasal 46(2)) [U]."""

    title = models.CharField(_("title"), max_length=200)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=BreachStatus.choices, default=BreachStatus.OPEN
    )
    data_disclosed = models.TextField(_("personal data disclosed"), validators=[MaxLengthValidator(TEXT_MAX)])
    occurred_at = models.DateTimeField(_("occurred at"), null=True, blank=True)
    discovered_at = models.DateTimeField(_("discovered at"))
    how = models.TextField(_("how it happened"), validators=[MaxLengthValidator(TEXT_MAX)])
    affected = models.TextField(_("whom it affects"), validators=[MaxLengthValidator(TEXT_MAX)])
    affected_count = models.PositiveIntegerField(_("number of data subjects affected"), null=True, blank=True)
    measures = models.TextField(_("what was done"), validators=[MaxLengthValidator(TEXT_MAX)])
    due_at = models.DateTimeField(_("notification due at"))
    notified_at = models.DateTimeField(_("notified at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = Restriction(region_fields=("region",))

    class Meta:
        ordering = ["-discovered_at", "-id"]
        verbose_name = _("personal-data breach")
        verbose_name_plural = _("personal-data breaches")

    def __str__(self) -> str:
        return self.title


class RetentionEnded(models.Model):
    """Processing ended for one record when its retention period ran out: what, why (the JRA class and the
    rule), and how (anonymised or erased). One row per record: the retention run is idempotent."""

    object_type = models.CharField(_("record type"), max_length=60)
    object_id = models.CharField(_("record id"), max_length=40)
    retention_class = models.CharField(_("retention class (JRA)"), max_length=200)
    rule = models.CharField(_("rule applied"), max_length=260)
    action = models.CharField(_("action"), max_length=20, choices=RetentionActionKind.choices)
    closed_on = models.DateField(_("record closed on"))
    ended_at = models.DateTimeField(_("ended at"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()
    restriction = Restriction(region_fields=())

    class Meta:
        ordering = ["-ended_at", "-id"]
        verbose_name = _("retention ended")
        verbose_name_plural = _("retention ended")
        constraints = [
            models.UniqueConstraint(fields=["object_type", "object_id"], name="privacy_retention_once"),
        ]

    def __str__(self) -> str:
        return f"{self.object_type}:{self.object_id} {self.action}"

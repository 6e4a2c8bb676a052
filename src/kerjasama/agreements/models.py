"""The shared cooperation record (*kerja sama daerah*), its parties, its DPRD approvals and its documents.

One record per cooperation, seen identically by every party (issue 10): a KSDD between regions (UU 23/2014
Pasal 363; PP 28/2018 Pasal 1 angka 2), a KSDPK with a third party (PP 28/2018 Pasal 14) or a synergy with a
central ministry/agency through a Nota Kesepakatan (PP 28/2018 Pasal 46). Its ``stage`` is a state of the
rulebook's stage table for its type (``rulebook.stages.table_for``; PP 28/2018 Pasal 6(1), 19(1)); every change
goes through ``agreements.services``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kerjasama.agreements.choices import (
    AgreementCategory,
    AgreementStage,
    AgreementType,
    DprdOutcome,
    KsdpkKind,
    OriginKind,
    PartnerSelectionMethod,
    PartyRole,
    PartyStatus,
    RecordedDocumentKind,
    TkksdReview,
)
from kerjasama.core.scoping import RestrictedQuerySet, Restriction

#: Length limits (like the mapping's; issue 9: unbounded texts made a 64-page PDF).
TEXT_MAX_LENGTH = 2000
TITLE_MAX_LENGTH = 300
REF_MAX_LENGTH = 200
NAME_MAX_LENGTH = 200
NUMBER_MAX_LENGTH = 100
MAX_SUB_AFFAIRS = 50

#: Who sees an agreement (issue 10, item 9): every official whose jurisdiction covers one of its party
#: regions (the region itself; the governor's office of the province, UU 23/2014 Pasal 91; Kemendagri all),
#: and a third party's users for the agreements their organisation is party to. No public register yet.
_PARTY_RESTRICTION = Restriction(
    region_fields=("parties__region",), organisation_field="parties__organisation"
)


def _through_agreement() -> Restriction:
    return Restriction(
        region_fields=("agreement__parties__region",), organisation_field="agreement__parties__organisation"
    )


class Agreement(models.Model):
    """A cooperation (*kerja sama daerah*) from its preparation (*persiapan*) to its end.

    Kesepakatan Bersama (KB), Persetujuan DPRD where PP 28/2018 Pasal 6(2) requires it, Perjanjian Kerja Sama
    (PKS), or for a synergy the Nota Kesepakatan with its work plan (PP 28/2018 Pasal 46).
    """

    type = models.CharField(_("type"), max_length=10, choices=AgreementType.choices)
    category = models.CharField(
        _("category"), max_length=10, choices=AgreementCategory.choices, blank=True, default=""
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    object = models.TextField(
        _("object (objek)"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    scope = models.TextField(
        _("scope (ruang lingkup)"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    affairs = models.ManyToManyField("affairs.Affair", verbose_name=_("affairs"), related_name="agreements")
    #: Sub-affair identifiers of the authority matrix (``AuthorityEntry.code``, e.g. ``3.28.02``).
    sub_affairs = models.JSONField(_("sub-affairs"), default=list, blank=True)
    justification_externality = models.TextField(
        _("justification: externality"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    justification_efficiency = models.TextField(
        _("justification: efficiency"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    legal_basis = models.TextField(
        _("legal basis"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    #: The clause keys the PKS/contract states (R27: UU 23/2014 Pasal 366(2); PP 28/2018 Pasal 19(2), 6(4)),
    #: e.g. ``hak_kewajiban``, ``jangka_waktu``, ``penyelesaian_perselisihan``, ``sanksi``.
    pks_clauses = models.JSONField(_("PKS clauses"), default=list, blank=True)
    term_start = models.DateField(_("term start"), null=True, blank=True)
    term_end = models.DateField(_("term end"), null=True, blank=True)
    notice_date = models.DateField(_("notice date"), null=True, blank=True)
    #: Whether the cooperation is budgeted in the current APBD (None: not stated, read as "not budgeted").
    apbd_budgeted = models.BooleanField(_("budgeted in the APBD"), null=True, blank=True)
    #: Whether it burdens the public and the region (None: not stated, read as "burdens"; PP Pasal 6(2)).
    burdens_public = models.BooleanField(_("burdens the public and the region"), null=True, blank=True)
    value = models.DecimalField(
        _("value (rupiah)"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    #: KSDPK only (PP 28/2018 Pasal 15(1)): its kind, and how its third party was chosen (no procedure is set
    #: by PP 28/2018: a third-party initiative meets the Pasal 18 criteria, the rest follows sector rules).
    ksdpk_kind = models.CharField(_("KSDPK kind"), max_length=20, choices=KsdpkKind.choices, blank=True)
    third_party_initiated = models.BooleanField(_("initiated by the third party"), default=False)
    #: The Pasal 18 criteria a third-party initiative was found to meet (``rulebook.subjects.INITIATIVE_CRITERIA``).
    initiative_criteria = models.JSONField(_("initiative criteria met"), default=list, blank=True)
    partner_selection_method = models.CharField(
        _("partner selection"), max_length=30, choices=PartnerSelectionMethod.choices, blank=True
    )
    partner_selection_ref = models.CharField(
        _("partner selection document"), max_length=REF_MAX_LENGTH, blank=True
    )
    partner_selection_date = models.DateField(_("partner selection date"), null=True, blank=True)
    stage = models.CharField(
        _("stage"), max_length=20, choices=AgreementStage.choices, default=AgreementStage.PERSIAPAN
    )
    #: Computed by the rulebook (``requires_dprd_approval``, PP 28/2018 Pasal 6(2)) at proposal and whenever
    #: the financing changes; stored so lists can filter on it.
    dprd_approval_required = models.BooleanField(_("DPRD approval required"), default=False)
    origin_kind = models.CharField(
        _("origin"), max_length=20, choices=OriginKind.choices, default=OriginKind.MANUAL
    )
    origin_ref = models.CharField(_("origin reference"), max_length=REF_MAX_LENGTH, blank=True)
    lead_region = models.ForeignKey(
        "regions.Region", verbose_name=_("proposing region"), on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField(_("registration number"), max_length=NUMBER_MAX_LENGTH, blank=True)
    #: Why the cooperation ended (PP 28/2018 Pasal 9(1) for a KSDD, Pasal 22 for a KSDPK; R29), and when.
    termination_ground = models.CharField(_("ground for ending"), max_length=40, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    cancel_reason = models.TextField(
        _("reason for cancelling"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    is_example = models.BooleanField(_("example data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Optimistic locking for content edits (kerjasama.core.versioning); stage changes use compare-and-swap.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = _PARTY_RESTRICTION

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        indexes = [
            models.Index(fields=["stage", "term_end"], name="agreements_stage_end"),
            models.Index(fields=["type", "stage"], name="agreements_type_stage"),
            # The list's order (newest first): a page of 50 reads the index, not a sort of the whole register.
            models.Index(fields=["-created_at", "-id"], name="agreements_newest"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True)
                | Q(term_start__isnull=True)
                | Q(term_end__gte=models.F("term_start")),
                name="agreements_term_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.number or self.title


class AgreementParty(models.Model):
    """A party (*pihak*) of a cooperation with its own status, signatory, TKKSD review and signatures.

    A region party is an autonomous region represented by its head of region (PP 28/2018 Pasal 2); a third
    party (PP 28/2018 Pasal 14) or a ministry/agency (synergy, Pasal 46) is an ``accounts.Organisation``.
    The head of region may authorise an official in writing (*surat kuasa*) to sign the PKS (Pasal 13, 23(1)).
    """

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="agreement_parties"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreement_parties",
    )
    role = models.CharField(_("role"), max_length=10, choices=PartyRole.choices)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=PartyStatus.choices, default=PartyStatus.AWARE
    )
    reason = models.TextField(_("reason"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    share_percent = models.DecimalField(
        _("financing share (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    signatory_name = models.CharField(_("signatory"), max_length=NAME_MAX_LENGTH, blank=True)
    signatory_title = models.CharField(_("signatory's title"), max_length=NAME_MAX_LENGTH, blank=True)
    power_of_attorney_holder = models.CharField(
        _("holder of the power of attorney (surat kuasa)"), max_length=NAME_MAX_LENGTH, blank=True
    )
    power_of_attorney_number = models.CharField(
        _("power of attorney letter number"), max_length=NUMBER_MAX_LENGTH, blank=True
    )
    power_of_attorney_date = models.DateField(_("power of attorney date"), null=True, blank=True)
    tkksd_review = models.CharField(
        _("TKKSD review"), max_length=10, choices=TkksdReview.choices, default=TkksdReview.PENDING
    )
    tkksd_review_reasons = models.TextField(
        _("TKKSD review reasons"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    #: The TKKSD decision this review is (the ``tkksd`` app's decision id, or a decree/minutes reference).
    tkksd_decision_ref = models.CharField(_("TKKSD decision"), max_length=REF_MAX_LENGTH, blank=True)
    tkksd_reviewed_on = models.DateField(_("TKKSD review date"), null=True, blank=True)
    kb_signed_at = models.DateTimeField(_("KB signed at"), null=True, blank=True)
    pks_signed_at = models.DateTimeField(_("PKS signed at"), null=True, blank=True)
    nk_signed_at = models.DateTimeField(_("NK signed at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = _through_agreement()

    class Meta:
        ordering = ["agreement", "position", "id"]
        verbose_name = _("agreement party")
        verbose_name_plural = _("agreement parties")
        constraints = [
            models.CheckConstraint(
                condition=(Q(region__isnull=False) & Q(organisation__isnull=True))
                | (Q(region__isnull=True) & Q(organisation__isnull=False)),
                name="agreements_party_is_region_or_organisation",
            ),
            models.UniqueConstraint(
                fields=["agreement", "region"],
                condition=Q(region__isnull=False),
                name="agreements_one_region_party",
            ),
            models.UniqueConstraint(
                fields=["agreement", "organisation"],
                condition=Q(organisation__isnull=False),
                name="agreements_one_organisation_party",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if self.region is not None:
            return self.region.name
        return self.organisation.name if self.organisation is not None else "-"

    @property
    def code(self) -> str:
        """The region code, or ``org:<id>`` for an organisation."""
        return str(self.region_id) if self.region_id else f"org:{self.organisation_id}"


class DprdApproval(models.Model):
    """A party region's request to its DPRD and the DPRD's decision (*persetujuan DPRD*): required when the
    cooperation burdens the public and the region or is not budgeted in the APBD (PP 28/2018 Pasal 6(1)(e),
    6(2), 19(1); UU 23/2014 Pasal 154(1) huruf i). There is no "deemed approved" (R31)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="dprd_approvals")
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField(_("requested on"))
    request_letter_number = models.CharField(_("request letter number"), max_length=NUMBER_MAX_LENGTH)
    decision_number = models.CharField(_("decision number"), max_length=NUMBER_MAX_LENGTH, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=DprdOutcome.choices, default=DprdOutcome.PENDING
    )
    notes = models.TextField(_("notes"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = _through_agreement()

    class Meta:
        ordering = ["agreement", "region", "requested_on"]
        verbose_name = _("DPRD approval")
        verbose_name_plural = _("DPRD approvals")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "region"], name="agreements_one_dprd_request"),
        ]

    def __str__(self) -> str:
        return f"DPRD {self.region_id} ({self.outcome})"


class AgreementDocument(models.Model):
    """A document the rulebook reads on an agreement (``rulebook.subjects.DocumentFact``): its kind in the
    regulation's terms, number and date, whether it is signed and by whom, with the file (if uploaded) in
    the documents block. Offer letters (R16), feasibility studies (R17), work plans (R18) are recorded here;
    the parties' KB/PKS/NK signatures and the DPRD decisions are read from their own records."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="recorded_documents")
    kind = models.CharField(_("kind"), max_length=20, choices=RecordedDocumentKind.choices)
    number = models.CharField(_("number"), max_length=NUMBER_MAX_LENGTH, blank=True)
    dated = models.DateField(_("date"), null=True, blank=True)
    signed = models.BooleanField(_("signed"), default=False)
    #: ``rulebook.subjects.SignatoryRole``: kepala_daerah, pejabat_dikuasakan, kepala_opd, lainnya.
    signatory_role = models.CharField(_("signatory role"), max_length=20, blank=True)
    issuer = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    copies_to = models.JSONField(_("copies to (tembusan)"), default=list, blank=True)
    document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = _through_agreement()

    class Meta:
        ordering = ["agreement", "recorded_at", "id"]
        verbose_name = _("recorded document")
        verbose_name_plural = _("recorded documents")

    def __str__(self) -> str:
        return f"{self.kind} {self.number}".strip()


class AgreementBudgetLine(models.Model):
    """What a party region budgets for the cooperation in a budget year, under which activity or sub-activity
    of the planning nomenclature (Kepmendagri 050-5889/2021 as amended; commonly the regional secretariat's
    *Fasilitasi Kerja Sama Daerah*), and how much. Each party funds the cooperation from its own APBD
    (REGULATIONS.md §1.7); whether it is budgeted decides the DPRD approval of a KSDD (PP 28/2018 Pasal 6(2)).
    The code is kept as typed; its name is the nomenclature's in force that year (issue 15 item 7)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="budget_lines")
    party = models.ForeignKey(AgreementParty, on_delete=models.CASCADE, related_name="budget_lines")
    fiscal_year = models.PositiveIntegerField(_("budget year"))
    code = models.CharField(_("activity or sub-activity code"), max_length=30)
    amount = models.DecimalField(_("amount (Rp)"), max_digits=18, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = RestrictedQuerySet.as_manager()
    restriction = _through_agreement()

    class Meta:
        ordering = ["agreement", "fiscal_year", "party", "code", "id"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self) -> str:
        return f"{self.fiscal_year} {self.code} {self.amount}"

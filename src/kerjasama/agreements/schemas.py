"""API v1 schemas of the agreements (*kerja sama daerah*): the record as the list and the detail show it, the
inputs of every service, and the error bodies the write routes answer with (issue 10, items 8 and 9).

Enumerated inputs are the app's own choices (``choices.py``), so a value outside them is a 422
``input.invalid`` before any service runs; everything else is checked by the services (stable
``agreements.*`` codes, Indonesian and English messages).
"""

# No `from __future__ import annotations`: django-ninja and pydantic read these annotations at runtime.
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, Schema

from kerjasama.agreements.choices import (
    AgreementCategory,
    AgreementStage,
    AgreementType,
    DprdOutcome,
    KsdpkKind,
    OriginKind,
    PartnerSelectionMethod,
    RecordedDocumentKind,
    TkksdReview,
)
from kerjasama.core.pagination import MAX_OFFSET

#: An id a database column holds (a larger number is a 422, never an overflow in the database).
RecordId = Annotated[int, Field(ge=1, le=MAX_OFFSET)]
#: One code in a list (a region code, an affair or sub-affair code, a PKS clause key, a copy's addressee).
Code = Annotated[str, Field(max_length=200)]
#: At most this many partners, affairs, sub-affairs or copies in one request (far beyond any agreement).
MAX_ITEMS = 50

# --- answers ---------------------------------------------------------------------------------------------


class PartyOut(Schema):
    id: int
    code: str = Field(description="the region code, or `org:<id>` for an organisation")
    region: str | None
    organisation: int | None
    name: str
    role: str = Field(description="proposer (*pengusul*) or partner (*mitra*)")
    status: str = Field(description="the party's own status: aware, reviewing, approved, signed, declined")
    status_label: str
    reason: str
    acknowledged_at: datetime | None
    signatory_name: str
    signatory_title: str
    power_of_attorney_holder: str = Field(description="holder of the *surat kuasa*, if any")
    power_of_attorney_number: str
    power_of_attorney_date: date | None
    tkksd_review: str = Field(
        description="the party region's TKKSD review: pending, approved, returned, rejected"
    )
    tkksd_review_reasons: str
    tkksd_decision_ref: str
    tkksd_reviewed_on: date | None
    kb_signed_at: datetime | None
    pks_signed_at: datetime | None
    nk_signed_at: datetime | None
    version: int


class AgreementOut(Schema):
    id: int
    number: str
    title: str
    type: str = Field(description="KSDD, KSDPK or SINERGI")
    type_label: str
    category: str = Field(description="wajib or sukarela (KSDD only)")
    stage: str = Field(description="a stage id of the type's table (`rulebook.stages`)")
    stage_label: str
    lead_region: str
    parties: list[PartyOut]
    affairs: list[str]
    term_start: date | None
    term_end: date | None
    dprd_approval_required: bool
    is_example: bool = Field(description="demo data (*data contoh*)")
    published: bool = Field(description="shown in the public register: every party consented")
    publication: str = Field(description="not_published, partial (some parties consented) or published")
    created_at: datetime
    version: int
    url: str = Field(description="the detail page")


class AgreementPage(Schema):
    items: list[AgreementOut]
    count: int
    by_stage: dict[str, int]
    by_type: dict[str, int]
    limit: int
    offset: int
    next: str | None = None
    previous: str | None = None


class SignatureOut(Schema):
    signer_name: str
    issuer: str
    signing_time: datetime | None
    status: str
    status_label: str
    modified_after_signing: bool | None


class FileOut(Schema):
    id: int
    kind: str
    title: str
    created_at: datetime
    api_url: str
    readable: bool = Field(
        description="whether the caller may open the file and read its signature checks (documents are scoped "
        "by their region's jurisdiction); when false, signature_status is None whatever the file holds"
    )
    signature_status: str | None = Field(
        description="the worst verdict over the latest version's electronic signatures (None: not signed)"
    )
    signed_version: int | None
    signatures: list[SignatureOut]


class RecordedDocumentOut(Schema):
    id: int
    kind: str
    kind_label: str
    number: str
    dated: date | None
    signed: bool
    signatory_role: str
    issuer: str | None
    copies_to: list[str]
    document: int | None


class DprdApprovalOut(Schema):
    id: int
    region: str
    requested_on: date
    request_letter_number: str
    decision_number: str
    decision_date: date | None
    outcome: str
    notes: str


class TimelineOut(Schema):
    stage: str
    stage_label: str
    at: datetime
    by: str
    reason: str


class ActionOut(Schema):
    action: str = Field(description="the service name, e.g. send_offer, sign_kb, record_tkksd_review")
    party: int | None = Field(description="the party the caller acts for, where the action is a party's")


class ClockOut(Schema):
    """A deadline clock of the current stage (``agreements.clocks``): working days set by a legal parameter;
    ``status`` tidak_ditetapkan (no limit set), belum_mulai, sesuai_jadwal, jatuh_tempo or terlambat. A clock
    that ran out is a reminder, never "deemed approved" (R31)."""

    name: str
    label: str
    label_en: str
    parameter: str
    working_days: int | None
    start: date | None
    due: date | None
    status: str
    rule: str
    basis: str
    region: str | None


class AgreementDetailOut(AgreementOut):
    category_label: str
    object: str
    scope: str
    justification_externality: str
    justification_efficiency: str
    legal_basis: str
    sub_affairs: list[str]
    pks_clauses: list[str]
    notice_date: date | None
    apbd_budgeted: bool | None
    burdens_public: bool | None
    value: Decimal | None
    origin_kind: str
    origin_ref: str
    cancel_reason: str
    termination_ground: str
    ended_on: date | None
    recorded_documents: list[RecordedDocumentOut]
    files: list[FileOut]
    dprd_approvals: list[DprdApprovalOut]
    timeline: list[TimelineOut]
    actions: list[ActionOut]
    clocks: list[ClockOut]
    ksdpk_kind: str
    partner_selection_method: str
    partner_selection_ref: str
    partner_selection_date: date | None
    third_party_initiated: bool
    initiative_criteria: list[str]


class HistoryEventOut(Schema):
    id: int
    occurred_at: datetime
    actor: str
    action: str
    object_type: str
    object_id: str
    object_label: str
    old: Any = None
    new: Any = None
    reason: str


class HistoryPage(Schema):
    items: list[HistoryEventOut]
    count: int
    limit: int
    offset: int


class FindingOut(Schema):
    rule: str
    severity: str
    message_id: str
    message_en: str
    basis: str


class ErrorDetailOut(Schema):
    location: str | None = None
    message: str | None = None
    message_id: str | None = None
    message_en: str | None = None


class ErrorBody(Schema):
    code: str = Field(description="stable code for scripts, e.g. agreements.stage_conflict")
    message: str = Field(description="for people, in the active language")
    message_id: str | None = None
    message_en: str | None = None
    details: list[ErrorDetailOut] | None = None
    findings: list[FindingOut] | None = Field(
        None, description="agreements.rule_refused: the rulebook's findings with their legal basis"
    )


class ErrorOut(Schema):
    error: ErrorBody


# --- inputs ----------------------------------------------------------------------------------------------

Text = Field("", max_length=20000)


class ProposeIn(Schema):
    lead_region: str = Field(description="Kemendagri code of the proposing region (*daerah pengusul*)")
    type: AgreementType
    title: str = Field(max_length=2000)
    partner_regions: list[Code] = Field([], max_length=MAX_ITEMS, description="region codes of the partners")
    partner_organisations: list[RecordId] = Field(
        [],
        max_length=MAX_ITEMS,
        description="organisation ids (third party of a KSDPK, ministry of a synergy)",
    )
    category: AgreementCategory | None = None
    affairs: list[Code] = Field([], max_length=MAX_ITEMS, description="affair codes (*urusan*), e.g. 2.11")
    sub_affairs: list[Code] = Field([], max_length=MAX_ITEMS)
    object: str = Text
    scope: str = Text
    justification_externality: str = Text
    justification_efficiency: str = Text
    legal_basis: str = Text
    term_start: date | None = None
    term_end: date | None = None
    notice_date: date | None = None
    apbd_budgeted: bool | None = None
    burdens_public: bool | None = None
    value: Decimal | None = Field(None, ge=0, le=Decimal("1e15"), description="rupiah")
    origin_kind: OriginKind = OriginKind.MANUAL
    origin_ref: str = Field("", max_length=500)
    number: str = Field("", max_length=500)


class UpdateIn(Schema):
    """Only the fields sent are changed (``update_proposal``)."""

    expected_version: int = Field(ge=1, le=MAX_OFFSET, description="the `version` the caller read")
    title: str | None = Field(None, max_length=2000)
    object: str | None = Field(None, max_length=20000)
    scope: str | None = Field(None, max_length=20000)
    category: AgreementCategory | None = None
    affairs: list[Code] | None = Field(None, max_length=MAX_ITEMS)
    sub_affairs: list[Code] | None = Field(None, max_length=MAX_ITEMS)
    justification_externality: str | None = Field(None, max_length=20000)
    justification_efficiency: str | None = Field(None, max_length=20000)
    legal_basis: str | None = Field(None, max_length=20000)
    term_start: date | None = None
    term_end: date | None = None
    notice_date: date | None = None
    apbd_budgeted: bool | None = None
    burdens_public: bool | None = None
    value: Decimal | None = Field(None, ge=0, le=Decimal("1e15"))
    number: str | None = Field(None, max_length=500)
    pks_clauses: list[Code] | None = Field(None, max_length=MAX_ITEMS)


class StageIn(Schema):
    expected_stage: AgreementStage = Field(
        description="the stage the caller saw; another stage now is a 409 agreements.stage_conflict"
    )


class ReasonIn(StageIn):
    reason: str = Field(max_length=20000)


class PartyStageIn(StageIn):
    party: int = Field(ge=1, le=MAX_OFFSET, description="the party (its id) the caller acts for")


class DeclineOfferIn(PartyStageIn):
    reason: str = Field(max_length=20000)


class SignIn(PartyStageIn):
    signed_at: datetime | None = Field(None, description="when the party signed (default: now)")


class OfferIn(StageIn):
    letter_number: str = Field(max_length=500, description="number of the offer letter (*surat penawaran*)")
    letter_date: date | None = None
    copies_to: list[Code] = Field([], max_length=MAX_ITEMS, description="copies (*tembusan*)")
    signatory_role: str = Field("kepala_daerah", max_length=20)
    document: int | None = Field(None, ge=1, le=MAX_OFFSET, description="the attached offer letter file")


class DprdRequestIn(PartyStageIn):
    letter_number: str = Field(max_length=500)
    requested_on: date | None = None


class DprdDecisionIn(PartyStageIn):
    outcome: DprdOutcome
    decision_number: str = Field(max_length=500)
    decision_date: date
    notes: str = Field("", max_length=20000)


class PartnerSelectionIn(Schema):
    expected_version: int | None = Field(None, description="the record's version you read (409 if it moved)")
    ksdpk_kind: KsdpkKind
    method: PartnerSelectionMethod
    reference: str = Field(max_length=500, description="number or name of the selection document")
    selected_on: date | None = None
    third_party_initiated: bool = False
    initiative_criteria: list[str] = Field(
        default_factory=list, max_length=10, description="PP 28/2018 Pasal 18 criteria the initiative meets"
    )


class DocumentIn(Schema):
    kind: RecordedDocumentKind
    number: str = Field("", max_length=500)
    dated: date | None = None
    signed: bool = False
    signatory_role: str = Field("", max_length=20)
    document: int | None = Field(
        None, ge=1, le=MAX_OFFSET, description="a documents.Document of this agreement"
    )


class PartyVersionIn(Schema):
    expected_version: int | None = Field(
        None, ge=1, le=MAX_OFFSET, description="the party's `version` the caller read (409 if it changed)"
    )


class PartyReasonIn(PartyVersionIn):
    reason: str = Field(max_length=20000)


class TkksdReviewIn(PartyVersionIn):
    """Re-applies a TKKSD decision recorded in a meeting of the party region's TKKSD (``tkksd:<id>``); the
    outcome, reasons and date are the decision's (an ``outcome`` given must agree)."""

    decision_ref: str = Field(min_length=1, max_length=500)
    outcome: TkksdReview | None = None
    reasons: str = Field("", max_length=20000)
    reviewed_on: date | None = None


class SignatoryIn(PartyVersionIn):
    signatory_name: str = Field(max_length=500)
    signatory_title: str = Field("", max_length=500)
    power_of_attorney_holder: str = Field("", max_length=500)
    power_of_attorney_number: str = Field("", max_length=500)
    power_of_attorney_date: date | None = None

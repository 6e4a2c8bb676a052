"""API v1 shapes of the dispute cases (django-ninja; issue 12 items 1-3)."""

# No `from __future__ import annotations`: django-ninja builds the schemas from these annotations.
from datetime import date, datetime

from ninja import Field, Schema

from kerjasama.disputes.domain import SECTORS


class DisputePartyIn(Schema):
    role: str = Field(description="pemohon (claimant) or termohon (respondent)")
    region: str | None = Field(None, description="a region's Kemendagri code (dd or dd.dd)")
    organisation: int | None = Field(None, description="or an organisation's id (a third party, a ministry)")


class DisputeIn(Schema):
    title: str
    kind: str = Field(description="KSDD, KSDPK, SINERGI or lainnya")
    sector: str = Field(description=f"one of {', '.join(SECTORS)}")
    causes: list[str] = Field(description="one or more cause codes")
    claims: str
    parties: list[DisputePartyIn]
    agreement: int | None = None


class ScreenIn(Schema):
    outcome: str = Field(description="diterima (accepted) or bukan_wewenang (not our authority)")
    reason: str = ""
    resolver: str | None = Field(None, description="gubernur, menteri or perjanjian; default the proposal")
    resolver_region: str | None = Field(None, description="the governor's province code")
    referred_to: str = Field("", description="where a bukan_wewenang case goes instead")


class RoundIn(Schema):
    meeting_date: date
    minutes: str
    issues: list[str] = []


class ConfirmIn(Schema):
    party: int = Field(description="the confirming party's id (DisputeParty)")


class DisputeReasonIn(Schema):
    reason: str


class TermsIn(Schema):
    terms: str


class DisputePartyOut(Schema):
    id: int
    role: str
    region: str | None
    organisation: int | None
    name: str
    took_part: bool


class RoundOut(Schema):
    id: int
    number: int
    meeting_date: date
    minutes: str
    issues: list[str]
    confirmed_parties: list[int]
    recorded_at: datetime


class CaseDocumentOut(Schema):
    id: int = Field(description="a documents.Document id (download through /api/v1/documents)")
    title: str
    kind: str


class DisputeOut(Schema):
    id: int
    number: str
    title: str
    agreement: int | None
    kind: str
    sector: str
    causes: list[str]
    claims: str
    initiated_by: str
    registered_at: datetime
    stage: str
    proposed_resolver: str
    proposed_region: str | None
    proposed_basis: str
    legal_review: bool
    flags: list[dict[str, str]]
    resolver: str
    resolver_region: str | None
    resolver_basis: str
    screening_outcome: str
    screening_reason: str
    referred_to: str
    deliberation_deadline: date | None
    closing_reason: str
    parties: list[DisputePartyOut]
    rounds: list[RoundOut] = []
    documents: list[CaseDocumentOut] = Field([], description="the attached documents the caller may see")


class AttendeeIn(Schema):
    party: int = Field(description="a DisputeParty id")
    names: str = Field(description="who attended for that party")


class SessionIn(Schema):
    session_date: date
    summary: str
    attendees: list[AttendeeIn] = []


class ClarificationIn(Schema):
    party: int = Field(description="the DisputeParty asked")
    question: str
    due_date: date


class DisputeAnswerIn(Schema):
    answer: str


class EvaluationIn(Schema):
    evaluation: str


class OrderIn(Schema):
    party: int = Field(description="the DisputeParty ordered")
    action: str = Field(description="what it must do")
    due_date: date


class DecisionIn(Schema):
    number: str
    decision_date: date
    text: str = Field(description="the decision; for a KSDPK clause case the award or judgment")
    forum: str = Field(
        "", description="mediasi, arbitrase or pengadilan: only for a case settled by the clause"
    )
    orders: list[OrderIn] = []


class DisputeFulfilIn(Schema):
    note: str
    fulfilled_on: date | None = None


class NoteIn(Schema):
    note: str = ""


class ExtendIn(Schema):
    step: str = Field(description="musyawarah, fasilitasi, keputusan or perintah")
    new_due: date
    reason: str
    order: int | None = Field(None, description="the DisputeOrder id, for step perintah")


class SessionOut(Schema):
    id: int
    number: int
    session_date: date
    attendees: list[dict[str, object]]
    summary: str


class ClarificationOut(Schema):
    id: int
    party: int
    question: str
    due_date: date
    answer: str
    answered_at: datetime | None


class OrderOut(Schema):
    id: int
    party: int
    action: str
    due_date: date
    status: str = Field(description="open, fulfilled or late (open past its due date)")
    fulfilment_note: str
    fulfilled_on: date | None
    evidence: int | None
    confirmed_at: datetime | None
    obligation: int | None = Field(
        description="the mirrored obligations.Obligation on the agreement in force"
    )


class CasePathOut(DisputeOut):
    """The case with the rest of its path (facilitation, decision, orders) and its SLA countdown."""

    facilitation_deadline: date | None
    evaluation: str
    decision_deadline: date | None
    decision_number: str
    decision_date: date | None
    decision_text: str
    decision_document: int | None
    decision_final: bool = Field(
        description="true only for the Minister's decision (UU 23/2014 Pasal 370(4))"
    )
    decision_basis: str
    forum: str
    step_due: date | None = Field(description="the open step's due date")
    days_left: int | None = Field(description="days to the open step's due date; negative: days late")
    sessions: list[SessionOut] = []
    clarifications: list[ClarificationOut] = []
    orders: list[OrderOut] = []

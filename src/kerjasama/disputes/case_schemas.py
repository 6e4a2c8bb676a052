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

"""API v1 shapes of the obligations app (django-ninja)."""

# No `from __future__ import annotations`: django-ninja builds the schemas from these annotations.
from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema

from kerjasama.core.pagination import MAX_OFFSET
from kerjasama.obligations.choices import ConfirmationOutcome, DueStatus, ObligationKind, Recurrence


class ConfirmationOut(Schema):
    id: int
    party: int = Field(description="the confirming party (its id)")
    party_name: str
    outcome: ConfirmationOutcome
    note: str
    recorded_at: datetime


class DueOut(Schema):
    id: int
    due_date: date
    status: DueStatus
    fulfilled_on: date | None
    fulfilment_note: str
    evidence_document: int | None = Field(description="the evidence (a documents.Document id)")
    waived_reason: str
    escalation_level: int | None = Field(
        description="the highest escalation step taken: 0 reminder, 1 escalation, 2 partner and governor"
    )
    confirmations: list[ConfirmationOut] = Field(
        description="every answer of the other parties, oldest first"
    )


class ObligationOut(Schema):
    id: int
    agreement: int
    party: int = Field(description="the obligated party (its id)")
    party_name: str
    title: str
    description: str
    owner_unit: str
    kind: ObligationKind
    amount: Decimal | None = Field(description="rupiah")
    recurrence: Recurrence
    first_due: date
    last_due: date | None = Field(description="the effective last date (the agreement's term end if unset)")
    source_clause: str
    version: int
    is_example: bool
    dues: list[DueOut]


class ObligationIn(Schema):
    party: int = Field(ge=1, le=MAX_OFFSET, description="the obligated party (an agreement party id)")
    title: str = Field(max_length=300)
    kind: ObligationKind
    recurrence: Recurrence
    first_due: date
    last_due: date | None = Field(None, description="empty: the agreement's term end")
    amount: Decimal | str | None = Field(
        None, description='rupiah: a number, or Indonesian text such as "1.250.000,50"'
    )
    description: str = Field("", max_length=20000)
    owner_unit: str = Field("", max_length=2000)
    source_clause: str = Field("", max_length=20000)


class FulfilIn(Schema):
    fulfilled_on: date | None = Field(None, description="default today")
    note: str = Field("", max_length=20000)
    evidence_document: int | None = Field(
        None, ge=1, le=MAX_OFFSET, description="a documents.Document attached to the obligation"
    )


class AnswerIn(Schema):
    outcome: ConfirmationOutcome
    note: str = Field("", max_length=20000, description="required for a dispute")
    party: int | None = Field(None, ge=1, le=MAX_OFFSET, description="the party answering (default: yours)")


class WaiveIn(Schema):
    reason: str = Field(max_length=20000)

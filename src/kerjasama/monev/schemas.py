"""API v1 schemas of monev."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema

Text = Field("", max_length=4000)


class SelfAssessmentOut(Schema):
    id: int
    party: int
    revision: int
    status: str
    progress_percent: str
    budget_realised: str | None
    outputs: str
    problems: str
    follow_up: str
    submitted_at: datetime | None


class TkksdEvaluationOut(Schema):
    id: int
    party: int
    rating: str
    notes: str
    decision: int | None
    meeting_ref: str
    evaluated_at: datetime


class GovernorEvaluationOut(Schema):
    id: int
    province: str
    rating: str
    notes: str
    evaluated_at: datetime


class PartyMonevOut(Schema):
    party: int
    name: str
    region: str | None
    status: str
    submitted: SelfAssessmentOut | None
    #: Only for the party's own side; ``null`` for everyone else.
    draft: SelfAssessmentOut | None
    tkksd_evaluation: TkksdEvaluationOut | None


class PeriodOut(Schema):
    id: int
    sequence: int
    start: date
    end: date
    due: date
    parties: list[PartyMonevOut]
    governor_evaluations: list[GovernorEvaluationOut]


class AgreementMonevOut(Schema):
    agreement: int
    flags: list[str]
    periods: list[PeriodOut]


class SelfAssessmentIn(Schema):
    party: int
    #: A number or a string typed the Indonesian way ("45,5"); 0 to 100.
    progress_percent: str | float
    #: Rupiah, e.g. "1.250.000,50" (comma for the decimals) or a JSON number.
    budget_realised: str | float | None = None
    outputs: str = Text
    problems: str = Text
    follow_up: str = Text
    #: Submit at once (otherwise saved as a draft).
    submit: bool = False


class TkksdEvaluationIn(Schema):
    party: int
    rating: str = Field(..., max_length=20)
    notes: str = Text
    #: A TKKSD decision (``tkksd`` API) on subject ``monev.monevperiod`` of this period, by the party region.
    decision: int | None = None
    meeting_ref: str = Field("", max_length=200)


class GovernorEvaluationIn(Schema):
    rating: str = Field(..., max_length=20)
    notes: str = Text


class MonevDeadlineOut(Schema):
    agreement: int
    agreement_label: str
    period: int
    period_start: date
    period_end: date
    due: date
    party: int
    region: str | None
    organisation: int | None
    overdue: bool

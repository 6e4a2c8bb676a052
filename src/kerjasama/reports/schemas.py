"""API v1 shapes of the reports app (django-ninja)."""

# No `from __future__ import annotations`: django-ninja builds the schemas from these annotations.
from datetime import date, datetime
from typing import Any

from ninja import Field, Schema

from kerjasama.reports.choices import ReportLevel, ReportPeriod, ReportStatus


class ReportOut(Schema):
    id: int
    region: str = Field(description="the reporting region's Kemendagri code")
    region_name: str
    level: ReportLevel
    period_kind: ReportPeriod
    period_start: date
    period_end: date
    period_label: str
    title: str
    status: ReportStatus
    number: str
    report_date: date | None
    signatory_name: str
    signatory_title: str
    signatory_nip: str
    unit_notes: str
    generated_at: datetime
    submitted_at: datetime | None
    reviewed_at: datetime | None
    return_reason: str
    is_example: bool
    consolidated: list[int] = Field(description="for a province: the kab/kota reports it consolidates")


class ReportDetailOut(ReportOut):
    content: dict[str, Any] = Field(
        description="the generated content (reports.domain.content); frozen once the report is submitted"
    )


class GenerateIn(Schema):
    region: str = Field(max_length=5, description="the reporting region's code (a kab/kota or a province)")
    period_start: date = Field(description="the first day of the period (1 January or 1 July for a semester)")


class SubmitIn(Schema):
    number: str = Field(max_length=100)
    signatory_name: str = Field(max_length=200)
    signatory_title: str = Field(max_length=200)
    signatory_nip: str = Field("", max_length=30)
    report_date: date | None = None
    unit_notes: str = Field("", max_length=4000)


class ReturnIn(Schema):
    reason: str = Field(max_length=4000)

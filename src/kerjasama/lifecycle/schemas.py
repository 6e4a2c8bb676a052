"""API v1 schemas of the lifecycle: amendments, terms in force, lineage, settlement, termination."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema

from kerjasama.agreements.choices import AgreementStage
from kerjasama.lifecycle.choices import SettlementStatus, SuccessionKind


class TermsOut(Schema):
    on: date
    object: str | None
    scope: str | None
    value: str | None = Field(description="rupiah, as a decimal string")
    apbd_budgeted: bool | None
    burdens_public: bool | None
    shares: dict[str, str | None] = Field(
        description="financing share (%) per party code (region code or org:<id>)"
    )


class AmendmentOut(Schema):
    id: int
    sequence: int
    number: str
    title: str
    signed_on: date
    effective_from: date
    changes: dict[str, Any]
    reason: str
    document: int | None
    recorded_by: str | None
    recorded_at: datetime


class LinkOut(Schema):
    id: int
    title: str
    stage: str
    kind: str


class LineageOut(Schema):
    agreement: int
    predecessor: LinkOut | None
    successor: LinkOut | None


class AmendmentsOut(Schema):
    agreement: int
    stage: str
    amendments: list[AmendmentOut]
    lineage: LineageOut


class AmendmentIn(Schema):
    title: str = Field(max_length=20000)
    number: str = Field("", max_length=500)
    signed_on: date
    effective_from: date
    reason: str = Field(max_length=20000)
    changes: dict[str, Any] = Field(
        description="the changed terms: object, scope, value (rupiah), apbd_budgeted, burdens_public, shares "
        "({party code: percent}); never term_end (R19: an extension is a new agreement)"
    )
    document: int | None = Field(None, description="id of a document attached to the agreement")


class ExtensionIn(Schema):
    kind: SuccessionKind = SuccessionKind.PERPANJANGAN
    title: str = Field("", max_length=20000)


class ExtensionOut(Schema):
    predecessor: int
    successor: int
    kind: str
    successor_stage: str
    successor_url: str


class SettlementItemOut(Schema):
    id: int
    key: str
    label_id: str
    label_en: str
    basis: str
    status: str
    note: str
    version: int
    updated_by: str | None
    updated_at: datetime


class SettlementOut(Schema):
    agreement: int
    stage: str
    started: bool
    ground: str
    document_number: str
    document_date: date | None
    document: int | None
    termination_grounds: list[str]
    complete: bool
    items: list[SettlementItemOut]


class SettlementItemIn(Schema):
    status: SettlementStatus
    note: str = Field("", max_length=20000)
    expected_version: int | None = Field(
        None, description="the item's version the caller read (409 if changed)"
    )


class TerminationIn(Schema):
    expected_stage: AgreementStage = Field(description="the stage the caller saw (409 if it changed)")
    ground: str = Field(max_length=200, description="a ground of PP 28/2018 Pasal 9(1) / 22 (R29)")
    ended_on: date | None = None
    reason: str = Field("", max_length=20000)
    document_number: str = Field("", max_length=500, description="required unless the term expired")
    document_date: date | None = None
    document: int | None = Field(None, description="id of a document attached to the agreement")

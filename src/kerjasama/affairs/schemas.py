"""API shapes of the affairs app."""

from __future__ import annotations

from ninja import Schema


class AuthorityEntryOut(Schema):
    id: str
    sub_affair: str
    pusat: str
    provinsi: str
    kabkota: str
    notes: str
    confidence: str
    source: str


class AffairOut(Schema):
    code: str
    name_id: str
    name_en: str
    category: str
    covered_by_matrix: bool
    authority: dict[str, str]
    not_covered_reason: str
    not_covered_reason_en: str


class AffairDetailOut(AffairOut):
    entries: list[AuthorityEntryOut]


class SubAffairOut(Schema):
    id: str
    affair: str
    affair_name: str
    name: str
    pusat: str
    provinsi: str
    kabkota: str
    holders: list[str]
    confidence: str
    source: str

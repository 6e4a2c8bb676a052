"""API shapes of the accounts app."""

from __future__ import annotations

from ninja import Schema


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    region_code: str | None


class JurisdictionOut(Schema):
    national: bool
    province_code: str | None
    region_code: str | None


class MeOut(Schema):
    username: str
    full_name: str
    role: str
    organisation: OrganisationOut | None
    jurisdiction: JurisdictionOut
    is_demo: bool

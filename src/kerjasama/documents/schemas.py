"""API shapes of the documents app."""

from __future__ import annotations

from datetime import datetime

from ninja import Schema


class VersionOut(Schema):
    number: int
    file_name: str
    content_type: str
    size: int
    sha256: str
    uploaded_by: str | None
    uploaded_at: datetime
    download_url: str


class DocumentOut(Schema):
    id: int
    region: str
    kind: str
    kind_label: str
    title: str
    object_type: str
    object_id: str
    created_at: datetime
    url: str
    versions: list[VersionOut]

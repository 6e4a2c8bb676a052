"""API shapes of the documents app."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema


class SignatureCheckOut(Schema):
    """One electronic signature found in a version, checked offline on upload (docs/signatures.md)."""

    position: int = Field(description="Signing order in the file, from 1")
    field_name: str
    signer_name: str = Field(description="Subject common name of the signer's certificate")
    signer_serial: str = Field(description="Serial number of the signer's certificate (hex)")
    issuer: str = Field(description="Issuer common name and organisation")
    signing_time: datetime | None = Field(
        description="Signing time as claimed by the signer (not time-stamped)"
    )
    intact: bool = Field(description="The signed bytes are unchanged")
    valid: bool = Field(description="The signature verifies against the signer's certificate")
    trusted: bool = Field(description="The certificate chains to a configured trust root")
    modified_after_signing: bool = Field(description="A later update changed more than adding signatures")
    status: str = Field(description="sah | tidak_sah | tidak_dapat_diverifikasi")
    status_label: str
    detail: str = Field(description="Reason, in Indonesian")
    detail_en: str = Field(description="Reason, in English")
    checked_at: datetime


class VersionOut(Schema):
    number: int
    file_name: str
    content_type: str
    size: int
    sha256: str
    uploaded_by: str | None
    uploaded_at: datetime
    download_url: str
    signature_status: str | None = Field(
        description="Worst status among the version's signatures; null when it is not signed electronically"
    )
    signatures: list[SignatureCheckOut]


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

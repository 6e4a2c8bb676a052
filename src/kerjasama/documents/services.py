"""Every change to documents: uploading a document, adding a version, handing a version out (house rule 2).

An upload is checked completely before anything is written (size from the upload's header, then the name,
the declared type against the accepted types, the type by content); the bytes are hashed and stored under
their SHA-256, then the rows are written in one transaction with the audit event. A failure after the bytes
are stored leaves no row behind; the stored file is content-addressed, so it is harmless and the next upload
of the same content reuses it.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import rules
from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.utils import timezone

from kerjasama.accounts.policy import can, require
from kerjasama.core.actors import Actor, is_system, user_or_none
from kerjasama.core.audit import record
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import Conflict, KerjasamaError
from kerjasama.core.scoping import attached_record
from kerjasama.documents.choices import CONTENT_TYPES, DocumentKind, FileType
from kerjasama.documents.domain import signatures
from kerjasama.documents.domain.files import (
    detect_type,
    empty_file,
    extension_of,
    sanitise_file_name,
    too_large,
    type_mismatch,
    type_not_allowed,
)
from kerjasama.documents.models import Blob, Document, DocumentVersion, SignatureCheck, storage_name_for
from kerjasama.documents.selectors import document_not_found
from kerjasama.regions.models import Region

#: The storage alias in ``settings.STORAGES`` (filesystem under var/documents, or S3).
STORAGE_ALIAS = "documents"
#: How often a version number lost to a concurrent upload is retried before giving up with a conflict.
VERSION_ATTEMPTS = 5
TITLE_MAX_LENGTH = 300

logger = logging.getLogger(__name__)


def document_storage() -> Storage:
    return storages[STORAGE_ALIAS]


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed every check, with its digest; ready to be stored and recorded."""

    upload: File
    name: str
    file_type: str
    content_type: str
    size: int
    sha256: str


def accepted_types() -> tuple[str, ...]:
    """The accepted file types: ``KERJASAMA_DOCUMENT_TYPES`` as far as the system can recognise them."""
    wanted = [t.strip().lower() for t in settings.KERJASAMA_DOCUMENT_TYPES]
    return tuple(t for t in wanted if t in FileType.values)


def check_upload(upload: File) -> CheckedFile:
    """Check an upload and hash it; raises a coded ``KerjasamaError`` and writes nothing when it is refused."""
    limit = int(settings.KERJASAMA_DOCUMENT_MAX_BYTES)
    declared_size = upload.size
    if declared_size is not None and declared_size > limit:  # before a byte of the body is read
        raise too_large(limit)
    if declared_size == 0:
        raise empty_file()
    name = sanitise_file_name(str(upload.name or ""))
    extension = extension_of(name)
    allowed = accepted_types()
    if extension not in allowed:
        raise type_not_allowed(extension, allowed)
    stream: IO[bytes] = upload.file if upload.file is not None else upload
    detected = detect_type(stream, max_uncompressed=int(settings.KERJASAMA_DOCUMENT_MAX_UNCOMPRESSED_BYTES))
    if detected != extension:
        raise type_mismatch(extension, detected)
    digest = hashlib.sha256()
    size = 0
    for chunk in upload.chunks():  # the declared size is the client's word: count what actually arrives
        size += len(chunk)
        if size > limit:
            raise too_large(limit)
        digest.update(chunk)
    if size == 0:
        raise empty_file()
    return CheckedFile(
        upload=upload,
        name=name,
        file_type=detected,
        content_type=CONTENT_TYPES[detected],
        size=size,
        sha256=digest.hexdigest(),
    )


def store_content(checked: CheckedFile) -> str:
    """Write the bytes under their content address unless they are there already; returns the name.

    Never overwrites: existing content with the right size is the same content (same SHA-256). A stored file of
    the wrong size is what an interrupted write leaves; it is replaced by the same content. When a concurrent
    upload of the same content wins the race for the name, the storage saves ours under another name, which is
    removed again: the winner's copy holds the same bytes.
    """
    storage = document_storage()
    name = storage_name_for(checked.sha256)
    if storage.exists(name):
        if storage.size(name) == checked.size:
            return name
        storage.delete(name)
    checked.upload.seek(0)
    try:
        saved = storage.save(name, checked.upload)
    except OSError as exc:
        if exc.errno not in _STORAGE_FULL:
            raise
        # The disk (or quota) is full: remove what the failed write left and refuse the upload clearly. The
        # file is written before any row (upload_document, add_version), so no row points at missing bytes.
        with contextlib.suppress(OSError):
            if storage.exists(name):
                storage.delete(name)
        raise StorageFull() from exc
    if saved != name:
        storage.delete(saved)
    return name


#: ``OSError.errno`` of a full disk (ENOSPC) or an exhausted quota (EDQUOT).
_STORAGE_FULL = {errno.ENOSPC, errno.EDQUOT}


class StorageFull(KerjasamaError):
    """The documents storage has no room left (issue 14 item 5: disk full on upload): 507 Insufficient Storage,
    with nothing recorded; the upload can be repeated once an operator has made room."""

    http_status = 507

    def __init__(self) -> None:
        super().__init__(
            "documents.storage_full",
            "Penyimpanan dokumen penuh; berkas tidak disimpan dan tidak ada yang tercatat. Hubungi administrator "
            "sistem, lalu unggah lagi.",
            "The document storage is full; the file was not saved and nothing was recorded. Tell the system "
            "administrator, then upload again.",
        )


def _blob_for(checked: CheckedFile, storage_name: str) -> Blob:
    blob, _created = Blob.objects.get_or_create(
        sha256=checked.sha256, defaults={"size": checked.size, "storage_name": storage_name}
    )
    return blob


def _next_number(document: Document) -> int:
    latest = DocumentVersion.objects.filter(document=document).aggregate(n=Max("number"))["n"]
    return int(latest or 0) + 1


def _append_version(*, actor: Actor, document: Document, blob: Blob, checked: CheckedFile) -> DocumentVersion:
    """Write the next version; a number taken by a concurrent upload is retried with the next one.

    The unique (document, number) constraint decides who got a number, on SQLite and PostgreSQL alike: the
    loser's insert fails inside a savepoint, it reads the new highest number and tries again.
    """
    for _attempt in range(VERSION_ATTEMPTS):
        number = _next_number(document)
        try:
            with transaction.atomic():
                return DocumentVersion.objects.create(
                    document=document,
                    number=number,
                    blob=blob,
                    original_name=checked.name,
                    content_type=checked.content_type,
                    size=checked.size,
                    uploaded_by=user_or_none(actor),
                )
        except IntegrityError:
            continue
    raise Conflict(
        "documents.version_conflict",
        "Versi baru tidak dapat dinomori karena unggahan lain berlangsung bersamaan; silakan coba lagi.",
        "The new version could not be numbered because other uploads ran at the same time; please try again.",
    )


def signature_trust_roots() -> list[Any]:
    """The certificates of ``KERJASAMA_SIGNATURE_TRUST_ROOTS``, read now (an operator may replace a file).

    A file that cannot be read or parsed is left out and logged (the system check ``documents.E003`` reports it
    at start-up): a missing root can only make a signature "tidak dapat diverifikasi", never "sah".
    """
    roots: list[Any] = []
    for path in settings.KERJASAMA_SIGNATURE_TRUST_ROOTS:
        try:
            roots.extend(signatures.parse_certificates(Path(path).read_bytes()))
        except (OSError, signatures.TrustRootError):
            logger.error("signature trust root %s cannot be read; it is ignored", path, exc_info=True)
    return roots


def verify_signatures(checked: CheckedFile) -> list[signatures.SignatureFinding]:
    """The embedded signatures of an uploaded PDF, checked offline (no network); nothing for other types.

    Runs in the upload request, before the database transaction opens, so no write lock is held while it
    works; it is bounded by the upload size cap (``KERJASAMA_DOCUMENT_MAX_BYTES``) and by
    ``signatures.MAX_SIGNATURES``. Verifying here rather than in a task means the uploader sees the verdict at
    once and a version never exists without its check.
    """
    if checked.file_type != "pdf":
        return []
    checked.upload.seek(0)
    data = checked.upload.read()
    return signatures.check_pdf_signatures(data, trust_roots=signature_trust_roots())


def _record_signatures(version: DocumentVersion, findings: list[signatures.SignatureFinding]) -> None:
    now = timezone.now()
    SignatureCheck.objects.bulk_create(
        [
            SignatureCheck(
                version=version,
                position=f.position,
                field_name=f.field_name,
                signer_name=f.signer_name,
                signer_serial=f.signer_serial,
                issuer=f.issuer,
                signing_time=f.signing_time,
                intact=f.intact,
                valid=f.valid,
                trusted=f.trusted,
                modified_after_signing=f.modified_after_signing,
                status=f.status,
                detail=f.reason.id[:500],
                detail_en=f.reason.en[:500],
                checked_at=now,
            )
            for f in findings
        ]
    )


def _record_upload(
    actor: Actor, version: DocumentVersion, findings: list[signatures.SignatureFinding]
) -> None:
    _record_signatures(version, findings)
    record(
        actor=actor,
        action=AuditAction.DOCUMENT_UPLOADED,
        obj=version.document,
        new={
            "version": version.number,
            "file_name": version.original_name,
            "content_type": version.content_type,
            "size": version.size,
            "sha256": version.blob.sha256,
            "signatures": [
                {"field": f.field_name, "signer": f.signer_name, "status": f.status} for f in findings
            ],
        },
    )


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise KerjasamaError("documents.title_required", "Judul dokumen wajib diisi.", "A title is required.")
    if len(title) > TITLE_MAX_LENGTH:
        raise KerjasamaError(
            "documents.title_too_long",
            f"Judul dokumen paling panjang {TITLE_MAX_LENGTH} karakter.",
            f"A title has at most {TITLE_MAX_LENGTH} characters.",
        )
    return title


def _require_upload(actor: Actor, region: Region, attached_to: models.Model | None) -> None:
    """The region's own officials upload its documents (``documents.upload``); a file attached to a record may
    also come from whoever that record's app lets attach files (``<app_label>.attach_document``): the third
    party of an agreement has no region of its own, yet signs and files its side of the KB and the PKS."""
    if attached_to is not None:
        permission = f"{attached_to._meta.app_label}.attach_document"
        if rules.perm_exists(permission) and can(actor, permission, attached_to):
            return
    require(actor, "documents.upload", region)


def upload_document(
    *,
    actor: Actor,
    region: Region,
    kind: str,
    title: str,
    upload: File,
    attached_to: models.Model | None = None,
) -> DocumentVersion:
    """A new document of ``region`` with ``upload`` as its version 1, optionally attached to a record."""
    _require_upload(actor, region, attached_to)
    if kind not in DocumentKind.values:
        raise KerjasamaError(
            "documents.kind_invalid",
            f"Jenis dokumen tidak dikenal: {kind}.",
            f"Unknown document kind: {kind}.",
        )
    title = _clean_title(title)
    checked = check_upload(upload)
    findings = verify_signatures(checked)
    storage_name = store_content(checked)
    with transaction.atomic():
        blob = _blob_for(checked, storage_name)
        document = Document(region=region, kind=kind, title=title, created_by=user_or_none(actor))
        if attached_to is not None:
            document.object_type = attached_to._meta.label_lower
            document.object_id = str(attached_to.pk)
        document._history_user = user_or_none(actor)  # type: ignore[attr-defined]
        document.save()
        version = _append_version(actor=actor, document=document, blob=blob, checked=checked)
        _record_upload(actor, version, findings)
    return version


def add_version(*, actor: Actor, document: Document, upload: File) -> DocumentVersion:
    """``upload`` as the next version of ``document``; earlier versions stay as they are."""
    if not is_system(actor) and not can(actor, "documents.view_document", document):
        raise document_not_found()
    _require_upload(actor, document.region, attached_record(document.object_type, document.object_id))
    checked = check_upload(upload)
    findings = verify_signatures(checked)
    storage_name = store_content(checked)
    with transaction.atomic():
        blob = _blob_for(checked, storage_name)
        version = _append_version(actor=actor, document=document, blob=blob, checked=checked)
        _record_upload(actor, version, findings)
    return version


def open_version(*, actor: Actor, version: DocumentVersion) -> Any:
    """The stored file of ``version``, opened for reading, after recording who took it (``document.downloaded``).

    The caller streams it and closes it. Refused as "not found" outside the actor's jurisdiction.
    """
    if not is_system(actor) and not can(actor, "documents.view_document", version.document):
        raise document_not_found()
    handle = document_storage().open(version.blob.storage_name, "rb")
    try:
        record(
            actor=actor,
            action=AuditAction.DOCUMENT_DOWNLOADED,
            obj=version.document,
            new={"version": version.number, "sha256": version.blob.sha256},
        )
    except BaseException:
        handle.close()
        raise
    return handle

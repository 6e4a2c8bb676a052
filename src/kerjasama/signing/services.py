"""Signing a document through the configured ``Signer`` (issue 15 item 4).

Every attempt is a ``SigningAttempt`` row and a ``signing.attempted`` audit event (who, which document, result,
the signing service's error code), written whatever the outcome; the passphrase or TOTP code goes only to the
signer and is never stored, logged or put in an error. A sign request is never retried: a timed-out one is
recorded ``unknown`` and the next attempt on the same document must say the signatory checked first.
No database transaction is open while the signing service is called.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from kerjasama.core import audit
from kerjasama.core.actors import Actor, user_or_none
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import Conflict, KerjasamaError
from kerjasama.documents.models import storage_name_for
from kerjasama.documents.services import document_storage, signature_trust_roots
from kerjasama.regions.models import Region
from kerjasama.signing import conf
from kerjasama.signing.choices import AttemptResult
from kerjasama.signing.models import SignedDocument, SigningAttempt
from kerjasama.signing.signers import BsreSigner, FakeSigner, Signer, SignerFailure


def get_signer() -> Signer:
    """The signer of ``KERJASAMA_SIGNER``; ``fake`` is refused in production unless explicitly allowed."""
    kind = conf.signer_kind()
    if kind == conf.FAKE:
        if not conf.fake_allowed():
            raise KerjasamaError(
                "signing.fake_refused",
                "Penanda tangan tiruan (bukan BSrE) tidak boleh dipakai di produksi.",
                "The fake signer (not BSrE) is refused in production (KERJASAMA_SIGNER_ALLOW_FAKE).",
            )
        return FakeSigner(conf.fake_signer_dir())
    if kind == conf.BSRE:
        client_id, secret = conf.bsre_credentials()
        return BsreSigner(
            base_url=conf.bsre_url(),
            client_id=client_id,
            client_secret=secret,
            timeout_s=conf.bsre_timeout_s(),
            paths=conf.bsre_paths(),
        )
    raise KerjasamaError(
        "signing.bad_signer", "KERJASAMA_SIGNER tidak dikenal.", "KERJASAMA_SIGNER is not fake or bsre."
    )


def verification_trust_roots() -> list[Any]:
    """The configured trust roots (BSrE's chain once shipped as data) and, while the fake signer is in use, its
    demo root (labelled *not BSrE* in every certificate it issues)."""
    roots = signature_trust_roots()
    if conf.signer_kind() == conf.FAKE and conf.fake_allowed():
        from kerjasama.documents.domain.signatures import parse_certificates

        roots.extend(parse_certificates(FakeSigner(conf.fake_signer_dir()).root_pem()))
    return roots


def new_token() -> str:
    return secrets.token_urlsafe(24)


def verification_url(token: str) -> str:
    from django.urls import reverse

    return conf.site_url() + reverse("signing:verify_token", kwargs={"token": token})


@dataclass(frozen=True)
class PublicFacts:
    """What the public verification page may show of a signed document (nothing when confidential)."""

    confidential: bool
    number: str = ""
    dated: date | None = None
    issuer_name: str = ""
    subject: str = ""


_MESSAGES = {
    AttemptResult.REFUSED: (
        "signing.refused",
        "Layanan tanda tangan menolak permintaan (kode {code}). Periksa NIK dan passphrase/TOTP.",
        "The signing service refused the request (code {code}). Check the NIK and passphrase/TOTP.",
    ),
    AttemptResult.UNKNOWN: (
        "signing.unknown",
        "Hasil penandatanganan tidak diketahui (kode {code}): dokumen mungkin sudah ditandatangani. Periksa di "
        "layanan BSrE sebelum menandatangani lagi; sistem tidak mengulang permintaan secara otomatis.",
        "The signing outcome is unknown (code {code}): the document may have been signed. Check with the BSrE "
        "service before signing again; the system never retries a sign request.",
    ),
    AttemptResult.ERROR: (
        "signing.unavailable",
        "Layanan tanda tangan tidak dapat dihubungi (kode {code}); tidak ada yang ditandatangani.",
        "The signing service could not be reached (code {code}); nothing was signed.",
    ),
}


def _finish(attempt: SigningAttempt, *, actor: Actor, result: str, code: str = "") -> None:
    attempt.result = result
    attempt.error_code = code[:40]
    attempt.finished_at = timezone.now()
    attempt.save(update_fields=["result", "error_code", "finished_at"])
    audit.record(
        actor=actor,
        action=AuditAction.SIGNING_ATTEMPTED,
        object_type=attempt.object_type,
        object_id=attempt.object_id,
        object_label=attempt.object_label,
        new={
            "result": result,
            "error_code": attempt.error_code,
            "backend": attempt.backend,
            "attempt": attempt.pk,
        },
    )


def sign_document(
    *,
    actor: Actor,
    region: Region,
    object_type: str,
    object_id: str,
    object_label: str,
    render: Callable[[str], bytes],
    nik: str,
    passphrase: str | None,
    totp: str | None,
    signer_name: str,
    facts: PublicFacts,
    checked_unknown: bool = False,
    signer: Signer | None = None,
) -> SignedDocument:
    """Sign the PDF ``render(verification_url)`` for one document, once; store it and return the record.

    The caller has checked the policy. Refused (``signing.already_signed``) when the document is signed;
    ``signing.check_unknown`` when its last attempt ended ``unknown`` and ``checked_unknown`` is not given.
    """
    signer = signer or get_signer()
    if SignedDocument.objects.filter(object_type=object_type, object_id=object_id).exists():
        raise Conflict(
            "signing.already_signed", "Dokumen ini sudah ditandatangani.", "This document is already signed."
        )
    last = SigningAttempt.objects.filter(object_type=object_type, object_id=object_id).order_by("-id").first()
    if last is not None and last.result == AttemptResult.UNKNOWN and not checked_unknown:
        raise Conflict(
            "signing.check_unknown",
            "Percobaan terakhir berakhir tanpa kepastian. Pastikan di layanan BSrE bahwa dokumen belum "
            "ditandatangani, lalu centang konfirmasi dan coba lagi.",
            "The last attempt ended with an unknown outcome. Make sure with the BSrE service that the document "
            "was not signed, then tick the confirmation and try again.",
        )
    with transaction.atomic():
        attempt = SigningAttempt.objects.create(
            user=user_or_none(actor),
            region=region,
            object_type=object_type,
            object_id=object_id,
            object_label=object_label[:200],
            backend=signer.name,
        )
    token = new_token()
    try:
        pdf = render(verification_url(token))
        signed = signer.sign_pdf(pdf, nik=nik, passphrase=passphrase, totp=totp, signer_name=signer_name)
    except SignerFailure as failure:
        with transaction.atomic():
            _finish(attempt, actor=actor, result=failure.result, code=failure.code)
        code, message_id, message_en = _MESSAGES[AttemptResult(failure.result)]
        shown = failure.code or "-"
        raise KerjasamaError(code, message_id.format(code=shown), message_en.format(code=shown)) from None
    except Exception:
        with transaction.atomic():
            _finish(attempt, actor=actor, result=AttemptResult.ERROR, code="internal")
        raise
    digest = hashlib.sha256(signed).hexdigest()
    name = storage_name_for(digest)
    storage = document_storage()
    if not storage.exists(name):
        storage.save(name, ContentFile(signed))
    with transaction.atomic():
        record = SignedDocument.objects.create(
            region=region,
            object_type=object_type,
            object_id=object_id,
            sha256=digest,
            size=len(signed),
            storage_name=name,
            token=token,
            confidential=facts.confidential,
            number=facts.number,
            dated=facts.dated,
            issuer_name=facts.issuer_name,
            subject=facts.subject[:300],
            backend=signer.name,
            attempt=attempt,
            signed_by=user_or_none(actor),
        )
        _finish(attempt, actor=actor, result=AttemptResult.OK)
    return record


def signed_bytes(record: SignedDocument) -> bytes:
    with document_storage().open(record.storage_name, "rb") as handle:
        return bytes(handle.read())

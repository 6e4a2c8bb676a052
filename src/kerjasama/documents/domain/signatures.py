"""Electronic signatures embedded in PDF documents (PAdES / CMS), checked offline with pyHanko.

The law accepts electronically signed cooperation documents: UU 11/2008 jo. UU 19/2016 (ITE) Pasal 11 gives an
electronic signature legal force when the signature data is linked only to the signer and any change to the
signature or to the signed information *after signing* can be detected; PP 71/2019 Pasal 59-60 adds that a
certified electronic signature rests on a certificate from an Indonesian certification authority (for
government officials: BSrE, BSSN). A KB or PKS (PP 28/2018 Pasal 6(1) and 19(1)) signed that way is checked
here for exactly those properties:

* **intact**: the signed bytes still hash to the digest in the signature (nothing inside the signed range was
  altered);
* **valid**: the CMS signature over that digest verifies with the signer's certificate;
* **trusted**: the signer's certificate chains to one of the configured trust roots (the operator's list, in
  production BSrE's root CA; none by default);
* **modified after signing**: a later incremental update changed something other than adding another
  signature (or archival data: DSS, document time stamps).

Confidence: the UU ITE and PP 71/2019 articles are cited from their published text as generally quoted; they
are not yet in ``REGULATIONS.md`` and stand as [U] there until a stored source is added.

No network is used: the validation context never fetches CRLs, OCSP responses or missing certificates.
This module imports no Django; the service stores what it returns.
"""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509

#: The statuses a signature check can end in (the ``SignatureStatus`` choices mirror these values).
VALID = "sah"
INVALID = "tidak_sah"
UNVERIFIABLE = "tidak_dapat_diverifikasi"
STATUSES = (VALID, INVALID, UNVERIFIABLE)

#: The signature formats (``/SubFilter``) that are checked: PAdES and the older PKCS#7-detached CMS form.
#: Others (``adbe.x509.rsa_sha1``, ``adbe.pkcs7.sha1`` …) are recorded as "tidak dapat diverifikasi".
SUPPORTED_SUBFILTERS = ("/adbe.pkcs7.detached", "/ETSI.CAdES.detached", "/PBAD.PAdES")

#: The longest stored text of each kind (the model's field lengths).
NAME_MAX = 300
DETAIL_MAX = 500
#: At most this many signature fields are validated per file (bounds the work an upload can cause; a real
#: KB or PKS carries one signature per party). Further fields are recorded as not checked.
MAX_SIGNATURES = 20

logger = logging.getLogger(__name__)


class TrustRootError(ValueError):
    """A configured trust-root file is not a PEM or DER X.509 certificate."""


@dataclass(frozen=True)
class SignatureReason:
    """Why a signature got its status, in Indonesian and English."""

    id: str
    en: str

    def text(self) -> str:
        return f"{self.id} / {self.en}"


@dataclass(frozen=True)
class SignatureFinding:
    """One signature field of a PDF and what the check found (one ``SignatureCheck`` row)."""

    position: int  # signing order, from 1 (the earliest signed revision first)
    field_name: str
    signer_name: str
    signer_serial: str
    issuer: str
    signing_time: datetime | None
    intact: bool
    valid: bool
    trusted: bool
    modified_after_signing: bool
    status: str
    reason: SignatureReason


def parse_certificates(data: bytes) -> list[asn1_x509.Certificate]:
    """The X.509 certificates in ``data`` (one DER certificate, or one or more PEM blocks)."""
    try:
        if pem.detect(data):
            found = [
                asn1_x509.Certificate.load(der)
                for kind, _headers, der in pem.unarmor(data, multiple=True)
                if kind == "CERTIFICATE"
            ]
        else:
            found = [asn1_x509.Certificate.load(data)]
        for certificate in found:
            certificate.native  # noqa: B018 - parse fully now, not at validation time
    except (ValueError, TypeError) as exc:
        raise TrustRootError(str(exc)) from exc
    if not found:
        raise TrustRootError("no CERTIFICATE block")
    return found


def classify(
    *, intact: bool, valid: bool, trusted: bool, modified_after_signing: bool, trust_problem: str = ""
) -> tuple[str, SignatureReason]:
    """The status of a signature from its four findings (UU ITE Pasal 11; PP 71/2019 Pasal 59-60).

    ``tidak_sah`` when the signed bytes were altered, the signature does not verify, or the document was changed
    after signing; ``tidak_dapat_diverifikasi`` when it is cryptographically sound but its certificate cannot be
    tied to a configured root offline; ``sah`` only when all four checks pass.
    """
    if not intact:
        return INVALID, SignatureReason(
            "Integritas rusak: isi yang ditandatangani telah diubah.",
            "Integrity broken: the signed content was altered.",
        )
    if not valid:
        return INVALID, SignatureReason(
            "Tanda tangan tidak cocok dengan sertifikat penandatangan.",
            "The signature does not verify against the signer's certificate.",
        )
    if modified_after_signing:
        return INVALID, SignatureReason(
            "Dokumen diubah setelah ditandatangani.",
            "The document was changed after signing.",
        )
    if not trusted:
        return UNVERIFIABLE, _trust_reason(trust_problem)
    return VALID, SignatureReason(
        "Utuh, cocok, tidak diubah, dan sertifikat berantai ke akar tepercaya.",
        "Intact, verified, unchanged, and the certificate chains to a trusted root.",
    )


#: ``trust_problem`` when no trust root is configured at all.
NO_TRUST_ROOTS = "NO_TRUST_ROOTS"
#: pyHanko's indication when no path to any configured root exists.
NO_CHAIN = "NO_CERTIFICATE_CHAIN_FOUND"


def _trust_reason(problem: str) -> SignatureReason:
    if problem == NO_TRUST_ROOTS:
        return SignatureReason(
            "Belum ada akar tepercaya yang dikonfigurasi, sehingga sertifikat tidak dapat diverifikasi.",
            "No trust root is configured, so the certificate cannot be verified.",
        )
    if problem in ("", NO_CHAIN):
        return SignatureReason(
            "Sertifikat tidak berantai ke akar tepercaya yang dikonfigurasi.",
            "The certificate does not chain to a configured trust root.",
        )
    return SignatureReason(
        f"Sertifikat tidak dapat dikonfirmasi terhadap akar tepercaya ({problem}), mis. kedaluwarsa atau "
        "penggunaan kunci tidak sesuai.",
        f"The certificate cannot be confirmed against the trust roots ({problem}), e.g. expired or wrong key "
        "usage.",
    )


def _name_part(name: Any, *keys: str) -> str:
    native = name.native if name is not None else {}
    for key in keys:
        value = native.get(key)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        if value:
            return str(value)[:NAME_MAX]
    return ""


def _issuer_text(certificate: Any) -> str:
    cn = _name_part(certificate.issuer, "common_name")
    org = _name_part(certificate.issuer, "organization_name")
    return ", ".join(p for p in (cn, org) if p)[:NAME_MAX]


def _broken(position: int, field_name: str, why: str) -> SignatureFinding:
    return SignatureFinding(
        position=position,
        field_name=field_name[:NAME_MAX],
        signer_name="",
        signer_serial="",
        issuer="",
        signing_time=None,
        intact=False,
        valid=False,
        trusted=False,
        modified_after_signing=False,
        status=INVALID,
        reason=SignatureReason(
            f"Tanda tangan rusak dan tidak dapat dibaca: {why}"[:DETAIL_MAX],
            f"Malformed signature that cannot be read: {why}"[:DETAIL_MAX],
        ),
    )


def _modified_after_signing(status: Any, signature_fields: set[str], own_field: str) -> bool:
    """Whether a later update did more than add signatures or archival data (PAdES; ISO 32000-2 12.8).

    pyHanko's diff policy grades later revisions: ``NONE`` (no later revision) and ``LTA_UPDATES`` (DSS, document
    time stamps) are harmless; ``FORM_FILLING`` is harmless only when every changed field is another signature
    field; anything else, a coverage short of the whole signed revision, or a suspicious diff, is a change.
    """
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if status.coverage is None or status.coverage < SignatureCoverageLevel.ENTIRE_REVISION:
        return True
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return False
    level = status.modification_level
    if level is None or level > ModificationLevel.FORM_FILLING:
        return True
    if level == ModificationLevel.FORM_FILLING:
        changed = set(getattr(status.diff_result, "changed_form_fields", set()) or set())
        return bool(changed - (signature_fields - {own_field}))
    return False


def check_pdf_signatures(
    data: bytes, *, trust_roots: Sequence[asn1_x509.Certificate], moment: datetime | None = None
) -> list[SignatureFinding]:
    """Every signature field of the PDF ``data``, checked offline, in signing order.

    A PDF without filled signature fields (or one pyHanko cannot parse at all and that carries no signature
    marker) gives an empty list. A signature that cannot be read is a ``tidak_sah`` finding, never an exception.
    ``moment`` fixes the validation time (default: now).
    """
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        fields = list(enumerate_sig_fields(reader, filled_status=True))
    except (PdfError, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError) as exc:
        if b"/ByteRange" in data:
            return [_broken(1, "", f"PDF tidak dapat diurai / PDF cannot be parsed ({type(exc).__name__})")]
        return []
    signature_fields = {str(name) for name, _obj, _field in fields}
    readable: list[tuple[int, Any]] = []
    broken: list[SignatureFinding] = []
    unsupported: list[SignatureFinding] = []
    for name, sig_obj, sig_field in fields:
        try:
            sig_dict = sig_obj.get_object()
            if sig_dict.get("/Type") == "/DocTimeStamp":
                continue  # a document time stamp is archival data, not a party's signature
            sub_filter = str(sig_dict.get("/SubFilter", ""))
            if sub_filter not in SUPPORTED_SUBFILTERS:
                unsupported.append(_unsupported(str(name), sub_filter))
                continue
            embedded = _embedded(reader, sig_field, str(name))
            readable.append((embedded.signed_revision, embedded))
        except Exception as exc:  # any parse failure of untrusted input is a finding
            broken.append(_broken(0, str(name), type(exc).__name__ + (f": {exc}" if str(exc) else "")))
    readable.sort(key=lambda pair: pair[0])
    findings: list[SignatureFinding] = []
    for position, (_revision, embedded) in enumerate(readable, start=1):
        if position > MAX_SIGNATURES:
            findings.append(_not_checked(position, embedded.field_name))
        else:
            findings.append(_check_one(position, embedded, trust_roots, moment, signature_fields))
    for offset, finding in enumerate(broken + unsupported, start=len(findings) + 1):
        findings.append(_renumbered(finding, offset))
    return findings


def _unsupported(field_name: str, sub_filter: str) -> SignatureFinding:
    shown = sub_filter.lstrip("/")[:80] or "?"
    return replace(
        _broken(0, field_name, ""),
        status=UNVERIFIABLE,
        reason=SignatureReason(
            f"Format tanda tangan tidak didukung ({shown}), sehingga tidak dapat diverifikasi.",
            f"Unsupported signature format ({shown}), so it cannot be verified.",
        ),
    )


def _not_checked(position: int, field_name: str) -> SignatureFinding:
    return replace(
        _broken(position, field_name, ""),
        status=UNVERIFIABLE,
        reason=SignatureReason(
            f"Tidak diperiksa: lebih dari {MAX_SIGNATURES} tanda tangan dalam satu berkas.",
            f"Not checked: more than {MAX_SIGNATURES} signatures in one file.",
        ),
    )


def _renumbered(finding: SignatureFinding, position: int) -> SignatureFinding:
    return replace(finding, position=position)


def _embedded(reader: Any, sig_field: Any, name: str) -> Any:
    from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature

    embedded = EmbeddedPdfSignature(reader, sig_field, name)
    embedded.signed_revision  # noqa: B018 - resolve now so a broken byte range fails here
    return embedded


def _check_one(
    position: int,
    embedded: Any,
    trust_roots: Sequence[asn1_x509.Certificate],
    moment: datetime | None,
    signature_fields: set[str],
) -> SignatureFinding:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    name = embedded.field_name
    try:
        context = ValidationContext(
            trust_roots=list(trust_roots),
            allow_fetching=False,
            revocation_mode="soft-fail",
            moment=moment,
        )
        status = _outside_event_loop(validate_pdf_signature, embedded, context)
        certificate = status.signing_cert
    except Exception as exc:  # what pyHanko cannot evaluate is recorded, not raised
        logger.info("signature %s could not be validated", name, exc_info=True)
        return _broken(position, name, type(exc).__name__ + (f": {exc}" if str(exc) else ""))
    intact, valid = bool(status.intact), bool(status.valid)
    trusted = bool(status.trusted) and bool(trust_roots)
    modified = _modified_after_signing(status, signature_fields, name)
    problem = status.trust_problem_indic
    verdict, reason = classify(
        intact=intact,
        valid=valid,
        trusted=trusted,
        modified_after_signing=modified,
        trust_problem=NO_TRUST_ROOTS if not trust_roots else (problem.name if problem is not None else ""),
    )
    return SignatureFinding(
        position=position,
        field_name=name[:NAME_MAX],
        signer_name=_name_part(certificate.subject, "common_name", "organization_name"),
        signer_serial=format(certificate.serial_number, "x"),
        issuer=_issuer_text(certificate),
        signing_time=status.signer_reported_dt,
        intact=intact,
        valid=valid,
        trusted=trusted,
        modified_after_signing=modified,
        status=verdict,
        reason=reason,
    )


def _outside_event_loop(function: Any, *args: Any) -> Any:
    """``function(*args)``; in a thread of its own when an event loop runs here (pyHanko calls asyncio.run)."""
    try:
        asyncio.get_running_loop()
        loop_running = True
    except RuntimeError:
        loop_running = False
    if not loop_running:
        return function(*args)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args).result()


def load_trust_roots(blobs: Iterable[bytes]) -> list[asn1_x509.Certificate]:
    """All certificates in the given trust-root files' contents."""
    roots: list[asn1_x509.Certificate] = []
    for blob in blobs:
        roots.extend(parse_certificates(blob))
    return roots


_SEVERITY = {VALID: 0, UNVERIFIABLE: 1, INVALID: 2}


def overall_status(statuses: Iterable[str]) -> str | None:
    """One verdict for a version's signatures: the worst of them (``None`` when it has none).

    A document is only as sound as its weakest signature: one ``tidak_sah`` makes the whole ``tidak_sah``.
    """
    worst: str | None = None
    for status in statuses:
        if worst is None or _SEVERITY[status] > _SEVERITY[worst]:
            worst = status
    return worst


def _normalised(name: str) -> str:
    return " ".join(name.casefold().split())


@dataclass(frozen=True)
class SigningStep:
    """One expected signatory and whether a signature by that name was found (PP 28/2018 Pasal 6(1) and 19(1):
    the KB and the PKS are signed by each party's head of region or its authorised official)."""

    signatory: str
    signed: bool
    position: int | None  # the signature's place in the file's signing order, when signed


def signing_order(
    expected: Sequence[str], signer_names: Sequence[str]
) -> tuple[list[SigningStep], str | None]:
    """Who of ``expected`` (in the agreed order) has signed, matched by name (case and spacing ignored) to the
    signers found in the file in signing order, and who is next (``None`` when all have signed)."""
    found: dict[str, int] = {}
    for position, name in enumerate(signer_names, start=1):
        found.setdefault(_normalised(name), position)
    steps = [
        SigningStep(signatory=name, signed=_normalised(name) in found, position=found.get(_normalised(name)))
        for name in expected
    ]
    upcoming = next((step.signatory for step in steps if not step.signed), None)
    return steps, upcoming

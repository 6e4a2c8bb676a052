"""The ``Signer`` interface and its two implementations (issue 15 item 4).

A signature on an official letter is an electronic signature under UU 11/2008 jo. UU 19/2016 (ITE) Pasal 11; a
*certified* one rests on a certificate from an Indonesian certification authority, for government officials
BSrE (BSSN) (PP 71/2019 Pasal 59-60). The region runs BSrE's **eSign Client Service** on its own network; the
system calls its API v2 (sign a PDF with the signatory's NIK and passphrase or TOTP code, check a user's status,
verify a PDF) through :class:`BsreSigner`. :class:`FakeSigner` signs with a local demo CA whose certificates
say plainly that they are **not** BSrE; it serves tests and demos, and production refuses it unless
``KERJASAMA_SIGNER_ALLOW_FAKE`` is set.

Two rules hold for every implementation:

* **never retry a sign request**: a request that timed out may have been signed; its outcome is *unknown*
  (:data:`UNKNOWN`), and the signatory must check before signing again;
* **never keep the secret**: the passphrase or TOTP code is passed through and forgotten; it appears in no
  exception, log line or return value.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

#: The results of a signing attempt (``SigningAttempt.result``).
OK = "ok"
REFUSED = "refused"
UNKNOWN = "unknown"
ERROR = "error"
PENDING = "pending"
RESULTS = (OK, REFUSED, UNKNOWN, ERROR, PENDING)

NIK_PATTERN = re.compile(r"^\d{16}$")


class SignerFailure(Exception):
    """A sign request that did not give a signed PDF: ``result`` is refused, unknown or error; ``code`` is the
    signing service's own error code when it gave one. Never carries the passphrase or TOTP code."""

    def __init__(self, result: str, code: str = "", detail: str = "") -> None:
        super().__init__(result, code, detail)
        self.result = result
        self.code = code[:40]
        self.detail = detail[:300]


@dataclass(frozen=True)
class UserStatus:
    """Whether the NIK has a certificate ready to sign (BSrE's "user status")."""

    ready: bool
    code: str = ""
    message: str = ""


@dataclass(frozen=True)
class VerifyReport:
    """What the signing service says about a PDF's signatures (BSrE's own verification)."""

    ok: bool
    summary: str
    raw: dict[str, Any] = field(default_factory=dict)


class Signer(Protocol):
    """Signs a PDF for one signatory; implementations must never retry a sign request nor keep the secret."""

    name: str

    def sign_pdf(
        self,
        pdf: bytes,
        *,
        nik: str,
        passphrase: str | None,
        totp: str | None,
        signer_name: str = "",
        reason: str = "",
    ) -> bytes: ...

    def user_status(self, nik: str) -> UserStatus: ...

    def verify(self, pdf: bytes) -> VerifyReport: ...


def _check_secret(passphrase: str | None, totp: str | None) -> None:
    if not (passphrase or totp) or (passphrase and totp):
        raise SignerFailure(REFUSED, "secret", "give either the passphrase or the TOTP code")


# --- the fake signer: a local demo CA, clearly not BSrE ------------------------------------------------------

DEMO_ORGANISATION = "DEMO - BUKAN BSrE / NOT BSrE"
DEMO_ROOT_NAME = "Kerjasama Demo Root CA (bukan BSrE / not BSrE)"
_ca_lock = threading.Lock()


class FakeSigner:
    """Signs with pyHanko and a local demo CA kept in ``directory`` (made on first use). Every certificate it
    issues names its organisation *DEMO - BUKAN BSrE / NOT BSrE*. Demo behaviour: a NIK must have 16 digits
    (else *user not registered*), and a passphrase or TOTP beginning with ``salah`` is refused (to show a
    refusal); anything else signs."""

    name = "fake"

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    # The CA: an EC key and a self-signed certificate, written atomically.
    def _ca(self) -> tuple[Any, Any]:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID

        key_path, cert_path = self.directory / "demo-ca.key.pem", self.directory / "demo-ca.pem"
        with _ca_lock:
            if not cert_path.exists():
                self.directory.mkdir(parents=True, exist_ok=True)
                key = ec.generate_private_key(ec.SECP256R1())
                name = x509.Name(
                    [
                        x509.NameAttribute(NameOID.COMMON_NAME, DEMO_ROOT_NAME),
                        x509.NameAttribute(NameOID.ORGANIZATION_NAME, DEMO_ORGANISATION),
                        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
                    ]
                )
                now = dt.datetime.now(dt.UTC)
                cert = (
                    x509.CertificateBuilder()
                    .subject_name(name)
                    .issuer_name(name)
                    .public_key(key.public_key())
                    .serial_number(x509.random_serial_number())
                    .not_valid_before(now - dt.timedelta(days=1))
                    .not_valid_after(now + dt.timedelta(days=3650))
                    .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                    .add_extension(
                        x509.KeyUsage(False, False, False, False, False, True, True, False, False),
                        critical=True,
                    )
                    .add_extension(
                        x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False
                    )
                    .sign(key, hashes.SHA256())
                )
                for path, data in (
                    (
                        key_path,
                        key.private_bytes(
                            serialization.Encoding.PEM,
                            serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption(),
                        ),
                    ),
                    (cert_path, cert.public_bytes(serialization.Encoding.PEM)),
                ):
                    tmp = path.with_suffix(f".{os.getpid()}.tmp")
                    tmp.write_bytes(data)
                    os.chmod(tmp, 0o600)
                    tmp.replace(path)
        loaded_key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        loaded_cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
        return loaded_key, loaded_cert

    def root_pem(self) -> bytes:
        from cryptography.hazmat.primitives import serialization

        return bytes(self._ca()[1].public_bytes(serialization.Encoding.PEM))

    def sign_pdf(
        self,
        pdf: bytes,
        *,
        nik: str,
        passphrase: str | None,
        totp: str | None,
        signer_name: str = "",
        reason: str = "",
    ) -> bytes:
        _check_secret(passphrase, totp)
        if not NIK_PATTERN.match(nik or ""):
            raise SignerFailure(REFUSED, "user_not_registered", "NIK not registered with the demo signer")
        if (passphrase or totp or "").startswith("salah"):
            raise SignerFailure(REFUSED, "wrong_passphrase", "passphrase or TOTP refused by the demo signer")
        from asn1crypto import keys as asn1_keys
        from asn1crypto import x509 as asn1_x509
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import signers
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        ca_key, ca_cert = self._ca()
        key = ec.generate_private_key(ec.SECP256R1())
        now = dt.datetime.now(dt.UTC)
        common = f"{(signer_name or 'Penandatangan')[:40]} (DEMO, bukan BSrE)"
        cert = (
            x509.CertificateBuilder()
            .subject_name(
                x509.Name(
                    [
                        x509.NameAttribute(NameOID.COMMON_NAME, common),
                        x509.NameAttribute(NameOID.ORGANIZATION_NAME, DEMO_ORGANISATION),
                    ]
                )
            )
            .issuer_name(ca_cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True
            )
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
            )
            .sign(ca_key, hashes.SHA256())
        )
        der_key = key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        ca_asn1 = asn1_x509.Certificate.load(ca_cert.public_bytes(serialization.Encoding.DER))
        signer = signers.SimpleSigner(
            signing_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
            signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
            cert_registry=SimpleCertificateStore.from_certs([ca_asn1]),
        )
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        meta = signers.PdfSignatureMetadata(field_name="Tanda_Tangan_Elektronik", reason=reason or None)
        return bytes(signers.sign_pdf(writer, meta, signer=signer).getvalue())

    def user_status(self, nik: str) -> UserStatus:
        if NIK_PATTERN.match(nik or ""):
            return UserStatus(True, "demo", "Demo signer: ready (not BSrE)")
        return UserStatus(False, "user_not_registered", "NIK not registered with the demo signer")

    def verify(self, pdf: bytes) -> VerifyReport:
        from kerjasama.documents.domain.signatures import VALID, check_pdf_signatures, parse_certificates

        findings = check_pdf_signatures(pdf, trust_roots=parse_certificates(self.root_pem()))
        ok = bool(findings) and all(f.status == VALID for f in findings)
        return VerifyReport(ok, f"{len(findings)} signature(s), demo CA", {"signatures": len(findings)})


# --- BSrE eSign Client Service, API v2 ------------------------------------------------------------------------


class BsreSigner:
    """The adapter for the region's BSrE eSign Client Service (API v2) on its own network.

    Client credentials (HTTP Basic) and the base URL come from the settings. A sign request is sent once:
    ``requests`` adds no retry (no ``Retry`` adapter is mounted), and a read timeout or a connection lost after
    sending is :data:`UNKNOWN`; only a refused connection (nothing reached the service) is :data:`ERROR`. An
    answer other than a PDF is a refusal with BSrE's error code (its JSON ``status_code``/``error``).
    """

    name = "bsre"

    def __init__(
        self, *, base_url: str, client_id: str, client_secret: str, timeout_s: float, paths: dict[str, str]
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.auth = (client_id, client_secret)
        self.timeout_s = timeout_s
        self.paths = paths

    def _url(self, key: str) -> str:
        if not self.base_url:
            raise SignerFailure(ERROR, "not_configured", "KERJASAMA_BSRE_URL is not set")
        return self.base_url + self.paths[key]

    @staticmethod
    def _error_code(response: Any) -> tuple[str, str]:
        try:
            body = response.json()
        except ValueError:
            return f"http_{response.status_code}", ""
        if not isinstance(body, dict):
            return f"http_{response.status_code}", ""
        code = str(body.get("status_code") or body.get("error_code") or f"http_{response.status_code}")
        return code, str(body.get("error") or body.get("message") or "")[:300]

    def sign_pdf(
        self,
        pdf: bytes,
        *,
        nik: str,
        passphrase: str | None,
        totp: str | None,
        signer_name: str = "",
        reason: str = "",
    ) -> bytes:
        import requests

        _check_secret(passphrase, totp)
        data = {"nik": nik, "tampilan": "invisible"}
        if passphrase:
            data["passphrase"] = passphrase
        else:
            data["totp"] = str(totp)
        if reason:
            data["reason"] = reason
        url = self._url("sign")
        try:
            with requests.Session() as session:  # a fresh session: no retry adapter, no pooled state
                response = session.post(
                    url,
                    data=data,
                    files={"file": ("dokumen.pdf", pdf, "application/pdf")},
                    auth=self.auth,
                    timeout=(min(10.0, self.timeout_s), self.timeout_s),
                    allow_redirects=False,
                )
        except requests.ConnectTimeout:
            raise SignerFailure(
                ERROR, "connect_timeout", "the signing service did not accept a connection"
            ) from None
        except requests.ConnectionError as exc:
            if _nothing_sent(exc):
                raise SignerFailure(
                    ERROR, "connection_refused", "the signing service refused the connection"
                ) from None
            raise SignerFailure(UNKNOWN, "connection_lost", "the connection ended before an answer") from None
        except requests.Timeout:
            raise SignerFailure(
                UNKNOWN, "timeout", "no answer in time; the document may have been signed"
            ) from None
        except requests.RequestException as exc:
            raise SignerFailure(UNKNOWN, "request_failed", type(exc).__name__) from None
        finally:
            data.pop("passphrase", None)
            data.pop("totp", None)
        content_type = response.headers.get("Content-Type", "")
        if response.status_code == 200 and response.content.startswith(b"%PDF"):
            return bytes(response.content)
        code, message = self._error_code(response)
        if response.status_code >= 500 and "json" not in content_type:
            raise SignerFailure(UNKNOWN, code, "the signing service failed while answering")
        raise SignerFailure(REFUSED, code, message)

    def user_status(self, nik: str) -> UserStatus:
        import requests

        try:
            response = requests.get(
                f"{self._url('status')}/{nik}", auth=self.auth, timeout=self.timeout_s, allow_redirects=False
            )
        except requests.RequestException as exc:
            raise SignerFailure(ERROR, "status_unreachable", type(exc).__name__) from None
        code, message = self._error_code(response)
        return UserStatus(response.status_code == 200 and code in ("1111", "ISSUE"), code, message)

    def verify(self, pdf: bytes) -> VerifyReport:
        import requests

        try:
            response = requests.post(
                self._url("verify"),
                files={"signed_file": ("dokumen.pdf", pdf, "application/pdf")},
                auth=self.auth,
                timeout=self.timeout_s,
                allow_redirects=False,
            )
            body = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise SignerFailure(ERROR, "verify_unreachable", type(exc).__name__) from None
        body = body if isinstance(body, dict) else {}
        ok = response.status_code == 200 and bool(body.get("jumlah_signature") or body.get("signatures"))
        return VerifyReport(ok, str(body.get("summary") or body.get("notes") or "")[:300], body)


def _nothing_sent(exc: Exception) -> bool:
    """A connection refused: the request never reached the service (urllib3's ``NewConnectionError``)."""
    text = f"{exc!r} {exc.__cause__!r} {exc.__context__!r}"
    return "NewConnectionError" in text or "Connection refused" in text

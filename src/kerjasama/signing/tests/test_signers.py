"""The Signer implementations: the fake signs verifiably with its demo CA (labelled not BSrE); the BSrE adapter,
against a fake eSign Client Service on loopback, signs, reports refusals with BSrE's code, never retries, and
records a timed-out request as unknown."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from kerjasama.documents.domain.signatures import VALID, check_pdf_signatures, parse_certificates
from kerjasama.documents.tests.signing import simple_pdf
from kerjasama.signing.signers import ERROR, REFUSED, UNKNOWN, BsreSigner, FakeSigner, SignerFailure

NIK = "3471010101800001"
SECRET = "rahasia-passphrase-XYZ"


def test_it_signs_with_the_fake_signer_verifiably_and_labels_it_not_bsre(tmp_path: Path) -> None:
    signer = FakeSigner(tmp_path / "ca")
    signed = signer.sign_pdf(simple_pdf(), nik=NIK, passphrase=SECRET, totp=None, signer_name="Sri Rahayu")
    findings = check_pdf_signatures(signed, trust_roots=parse_certificates(signer.root_pem()))
    assert [f.status for f in findings] == [VALID]
    assert "bukan BSrE" in findings[0].signer_name and "BSrE" in findings[0].issuer
    # Not trusted without the demo root: the configured BSrE chain does not vouch for it.
    assert check_pdf_signatures(signed, trust_roots=[])[0].status != VALID
    assert SECRET.encode() not in signed
    assert FakeSigner(tmp_path / "ca").root_pem() == signer.root_pem()  # the CA is kept


def test_it_refuses_in_the_fake_signer_a_bad_nik_or_a_wrong_passphrase(tmp_path: Path) -> None:
    signer = FakeSigner(tmp_path / "ca")
    with pytest.raises(SignerFailure) as bad_nik:
        signer.sign_pdf(simple_pdf(), nik="123", passphrase=SECRET, totp=None)
    with pytest.raises(SignerFailure) as wrong:
        signer.sign_pdf(simple_pdf(), nik=NIK, passphrase="salah-1", totp=None)
    with pytest.raises(SignerFailure) as none:
        signer.sign_pdf(simple_pdf(), nik=NIK, passphrase=None, totp=None)
    assert (bad_nik.value.result, wrong.value.result, none.value.result) == (REFUSED, REFUSED, REFUSED)
    assert signer.user_status(NIK).ready and not signer.user_status("1").ready


class FakeBsre:
    """A fake eSign Client Service on 127.0.0.1: answers per ``mode`` and counts the sign requests."""

    def __init__(self) -> None:
        self.mode = "ok"
        self.sign_hits = 0
        self.bodies: list[bytes] = []
        self.auth: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, body: bytes, kind: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                outer.auth.append(self.headers.get("Authorization", ""))
                if self.path == "/api/v2/sign/pdf":
                    outer.sign_hits += 1
                    outer.bodies.append(body)
                    if outer.mode == "slow":
                        time.sleep(1.0)
                        return
                    if outer.mode == "refuse":
                        payload = {"status_code": 2031, "error": "Passphrase anda salah"}
                        self._send(400, json.dumps(payload).encode(), "application/json")
                        return
                    self._send(200, simple_pdf("Ditandatangani BSrE uji"), "application/pdf")
                    return
                self._send(
                    200, json.dumps({"jumlah_signature": 1, "notes": "ok"}).encode(), "application/json"
                )

            def do_GET(self) -> None:
                self._send(
                    200, json.dumps({"status_code": 1111, "message": "ISSUE"}).encode(), "application/json"
                )

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def signer(self, timeout_s: float = 5.0) -> BsreSigner:
        return BsreSigner(
            base_url=self.url,
            client_id="klien",
            client_secret="rahasia-klien",
            timeout_s=timeout_s,
            paths={
                "sign": "/api/v2/sign/pdf",
                "status": "/api/v2/user/check/status",
                "verify": "/api/v2/verify/pdf",
            },
        )


@pytest.fixture
def bsre() -> Iterator[FakeBsre]:
    fake = FakeBsre()
    thread = threading.Thread(target=fake.server.serve_forever, daemon=True)
    thread.start()
    yield fake
    fake.server.shutdown()
    fake.server.server_close()


def test_it_signs_through_bsre_with_nik_and_passphrase_once(bsre: FakeBsre) -> None:
    signed = bsre.signer().sign_pdf(simple_pdf(), nik=NIK, passphrase=SECRET, totp=None)
    assert signed.startswith(b"%PDF") and bsre.sign_hits == 1
    assert NIK.encode() in bsre.bodies[0] and SECRET.encode() in bsre.bodies[0]
    assert bsre.auth[0].startswith("Basic ")
    assert bsre.signer().user_status(NIK).ready
    assert bsre.signer().verify(signed).ok


def test_it_reports_a_bsre_refusal_with_its_error_code_and_without_the_secret(bsre: FakeBsre) -> None:
    bsre.mode = "refuse"
    with pytest.raises(SignerFailure) as refused:
        bsre.signer().sign_pdf(simple_pdf(), nik=NIK, passphrase=None, totp="123456")
    assert (refused.value.result, refused.value.code) == (REFUSED, "2031")
    assert SECRET not in repr(refused.value.args) and "123456" not in repr(refused.value.args)
    assert b'name="totp"' in bsre.bodies[0] and b"passphrase" not in bsre.bodies[0]


def test_it_records_a_timed_out_sign_request_as_unknown_and_never_retries(bsre: FakeBsre) -> None:
    bsre.mode = "slow"
    with pytest.raises(SignerFailure) as slow:
        bsre.signer(timeout_s=0.3).sign_pdf(simple_pdf(), nik=NIK, passphrase=SECRET, totp=None)
    assert slow.value.result == UNKNOWN and slow.value.code == "timeout"
    assert SECRET not in str(slow.value) and SECRET not in repr(slow.value.__cause__)
    time.sleep(1.0)
    assert bsre.sign_hits == 1  # sent once, never again


def test_it_reports_an_unreachable_bsre_as_an_error(bsre: FakeBsre) -> None:
    url = bsre.url
    bsre.server.shutdown()
    bsre.server.server_close()
    signer = bsre.signer()
    signer.base_url = url
    with pytest.raises(SignerFailure) as down:
        signer.sign_pdf(simple_pdf(), nik=NIK, passphrase=SECRET, totp=None)
    assert down.value.result == ERROR

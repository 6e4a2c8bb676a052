"""The signature check itself (``documents.domain.signatures``): pure, offline, on PDFs built in the test."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kerjasama.documents.choices import SignatureStatus
from kerjasama.documents.domain import signatures
from kerjasama.documents.domain.signatures import (
    INVALID,
    STATUSES,
    UNVERIFIABLE,
    VALID,
    TrustRootError,
    check_pdf_signatures,
    classify,
    overall_status,
    parse_certificates,
    signing_order,
)
from kerjasama.documents.tests.signing import (
    TestPki,
    TestSigner,
    change_page_after_signing,
    garbage_signature_pdf,
    sign_pdf,
    simple_pdf,
    tamper,
)


@pytest.fixture(scope="module")
def pki() -> TestPki:
    return TestPki.create()


@pytest.fixture(scope="module")
def yogya(pki: TestPki) -> TestSigner:
    return pki.signer("Hasto Wardoyo", "Pemerintah Kota Yogyakarta")


@pytest.fixture(scope="module")
def sleman(pki: TestPki) -> TestSigner:
    return pki.signer("Harda Kiswaya", "Pemerintah Kabupaten Sleman")


def test_it_mirrors_the_model_choices() -> None:
    assert set(STATUSES) == set(SignatureStatus.values)


def test_it_finds_a_good_signature_valid_when_its_root_is_trusted(pki: TestPki, yogya: TestSigner) -> None:
    signed = sign_pdf(simple_pdf("Kesepakatan Bersama"), yogya, field_name="Walikota_Yogyakarta")
    [finding] = check_pdf_signatures(signed, trust_roots=parse_certificates(pki.root_pem))
    assert finding.status == VALID
    assert (finding.intact, finding.valid, finding.trusted, finding.modified_after_signing) == (
        True,
        True,
        True,
        False,
    )
    assert finding.position == 1
    assert finding.field_name == "Walikota_Yogyakarta"
    assert finding.signer_name == "Hasto Wardoyo"
    assert finding.signer_serial == yogya.serial_hex
    assert finding.issuer == "Root CA Uji Kerjasama, BSrE Uji"
    assert finding.signing_time is not None
    assert abs(finding.signing_time - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)


def test_it_cannot_verify_a_sound_signature_without_a_configured_root(yogya: TestSigner) -> None:
    signed = sign_pdf(simple_pdf(), yogya)
    [finding] = check_pdf_signatures(signed, trust_roots=[])
    assert finding.status == UNVERIFIABLE
    assert (finding.intact, finding.valid, finding.trusted) == (True, True, False)
    assert "Belum ada akar tepercaya" in finding.reason.id


def test_it_cannot_verify_a_signature_from_another_ca(yogya: TestSigner) -> None:
    stranger = TestPki.create("Root CA Lain", "CA Lain")
    [finding] = check_pdf_signatures(
        sign_pdf(simple_pdf(), yogya), trust_roots=parse_certificates(stranger.root_der)
    )
    assert finding.status == UNVERIFIABLE
    assert not finding.trusted
    assert finding.reason.en == "The certificate does not chain to a configured trust root."


def test_it_cannot_verify_a_certificate_without_the_non_repudiation_key_usage(pki: TestPki) -> None:
    signer = pki.signer("Tanpa Nirsangkal", "Uji", non_repudiation=False)
    [finding] = check_pdf_signatures(
        sign_pdf(simple_pdf(), signer), trust_roots=parse_certificates(pki.root_pem)
    )
    assert (finding.status, finding.intact, finding.valid, finding.trusted) == (
        UNVERIFIABLE,
        True,
        True,
        False,
    )
    assert "cannot be confirmed" in finding.reason.en


def test_it_finds_a_tampered_pdf_broken(pki: TestPki, yogya: TestSigner) -> None:
    signed = sign_pdf(simple_pdf("Nilai kontrak 100 juta"), yogya)
    tampered = tamper(signed, b"100 juta", b"900 juta")
    [finding] = check_pdf_signatures(tampered, trust_roots=parse_certificates(pki.root_pem))
    assert finding.status == INVALID
    assert finding.intact is False
    assert finding.trusted is False
    assert "Integritas rusak" in finding.reason.id
    assert "Integrity broken" in finding.reason.en


def test_it_finds_a_page_changed_after_signing(pki: TestPki, yogya: TestSigner, sleman: TestSigner) -> None:
    signed = sign_pdf(sign_pdf(simple_pdf(), yogya, field_name="Yogya"), sleman, field_name="Sleman")
    changed = change_page_after_signing(signed)
    findings = check_pdf_signatures(changed, trust_roots=parse_certificates(pki.root_pem))
    assert [f.field_name for f in findings] == ["Yogya", "Sleman"]
    for finding in findings:
        assert finding.intact is True  # the signed bytes are untouched: the change is a later update
        assert finding.modified_after_signing is True
        assert finding.status == INVALID
        assert "diubah setelah ditandatangani" in finding.reason.id


def test_it_allows_a_later_signature_and_keeps_the_signing_order(
    pki: TestPki, yogya: TestSigner, sleman: TestSigner
) -> None:
    first = sign_pdf(simple_pdf(), sleman, field_name="B_Sleman")  # field names do not decide the order
    both = sign_pdf(first, yogya, field_name="A_Yogya")
    findings = check_pdf_signatures(both, trust_roots=parse_certificates(pki.root_pem))
    assert [(f.position, f.signer_name) for f in findings] == [(1, "Harda Kiswaya"), (2, "Hasto Wardoyo")]
    assert [f.status for f in findings] == [VALID, VALID]
    assert not any(f.modified_after_signing for f in findings)


def test_it_finds_nothing_in_an_unsigned_pdf() -> None:
    assert check_pdf_signatures(simple_pdf(), trust_roots=[]) == []


def test_it_finds_nothing_in_a_pdf_it_cannot_parse_without_a_signature_marker() -> None:
    assert check_pdf_signatures(b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n", trust_roots=[]) == []


def test_it_reports_an_unparseable_pdf_with_a_signature_marker_as_broken() -> None:
    [finding] = check_pdf_signatures(b"%PDF-1.7\n/ByteRange [0 1 2 3] garbage\n%%EOF", trust_roots=[])
    assert finding.status == INVALID
    assert "tidak dapat diurai" in finding.reason.id


def test_it_reports_a_garbage_signature_dictionary_as_broken_without_raising() -> None:
    [finding] = check_pdf_signatures(garbage_signature_pdf(), trust_roots=[])
    assert finding.status == INVALID
    assert finding.field_name == "Tanda_Tangan_Rusak"
    assert finding.signer_name == ""
    assert finding.intact is False
    assert "rusak" in finding.reason.id
    assert "Malformed" in finding.reason.en


def test_it_cannot_verify_an_unsupported_signature_format() -> None:
    [finding] = check_pdf_signatures(garbage_signature_pdf("/adbe.x509.rsa_sha1"), trust_roots=[])
    assert finding.status == UNVERIFIABLE
    assert finding.field_name == "Tanda_Tangan_Rusak"
    assert "adbe.x509.rsa_sha1" in finding.reason.id
    assert "Unsupported signature format" in finding.reason.en


def test_it_records_signatures_beyond_the_cap_as_not_checked(
    monkeypatch: pytest.MonkeyPatch, pki: TestPki, yogya: TestSigner, sleman: TestSigner
) -> None:
    monkeypatch.setattr(signatures, "MAX_SIGNATURES", 1)
    both = sign_pdf(sign_pdf(simple_pdf(), yogya, field_name="Yogya"), sleman, field_name="Sleman")
    findings = check_pdf_signatures(both, trust_roots=parse_certificates(pki.root_pem))
    assert [f.status for f in findings] == [VALID, UNVERIFIABLE]
    assert "Tidak diperiksa" in findings[1].reason.id


def test_it_reads_pem_der_and_bundles_of_roots(pki: TestPki) -> None:
    other = TestPki.create("Root Kedua", "CA Kedua")
    assert len(parse_certificates(pki.root_der)) == 1
    assert len(parse_certificates(pki.root_pem + other.root_pem)) == 2
    with pytest.raises(TrustRootError):
        parse_certificates(b"bukan sertifikat")
    with pytest.raises(TrustRootError):
        parse_certificates(b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")


@given(intact=st.booleans(), valid=st.booleans(), trusted=st.booleans(), modified=st.booleans())
def test_it_classifies_valid_only_when_every_check_passes(
    intact: bool, valid: bool, trusted: bool, modified: bool
) -> None:
    status, reason = classify(intact=intact, valid=valid, trusted=trusted, modified_after_signing=modified)
    assert status in STATUSES
    assert reason.id and reason.en
    assert (status == VALID) == (intact and valid and trusted and not modified)
    assert (status == INVALID) == (not intact or not valid or modified)
    if status == UNVERIFIABLE:
        assert intact and valid and not modified and not trusted


@given(st.lists(st.sampled_from(STATUSES)))
def test_it_takes_the_worst_status_as_the_overall_one(statuses: list[str]) -> None:
    overall = overall_status(statuses)
    if not statuses:
        assert overall is None
    elif INVALID in statuses:
        assert overall == INVALID
    elif UNVERIFIABLE in statuses:
        assert overall == UNVERIFIABLE
    else:
        assert overall == VALID


names = st.text(alphabet="abcdeXYZ ", min_size=1, max_size=8).filter(lambda s: s.strip())


@given(st.lists(names, max_size=5, unique_by=lambda s: " ".join(s.casefold().split())), st.lists(names))
def test_it_tells_who_has_signed_and_who_is_next(expected: list[str], found: list[str]) -> None:
    steps, upcoming = signing_order(expected, found)
    assert [s.signatory for s in steps] == expected
    normalised = [" ".join(n.casefold().split()) for n in found]
    for step in steps:
        assert step.signed == (" ".join(step.signatory.casefold().split()) in normalised)
        assert (step.position is not None) == step.signed
    unsigned = [s.signatory for s in steps if not s.signed]
    assert upcoming == (unsigned[0] if unsigned else None)


def test_it_shows_the_signing_order_of_two_parties() -> None:
    steps, upcoming = signing_order(["Hasto Wardoyo", "Harda Kiswaya"], ["hasto  WARDOYO"])
    assert [(s.signatory, s.signed, s.position) for s in steps] == [
        ("Hasto Wardoyo", True, 1),
        ("Harda Kiswaya", False, None),
    ]
    assert upcoming == "Harda Kiswaya"


@pytest.fixture(scope="module")
def signed_once(pki: TestPki, yogya: TestSigner) -> tuple[bytes, int, int]:
    """A signed PDF and the hole of its ``/ByteRange`` (where the signature value sits, itself unsigned)."""
    signed = sign_pdf(simple_pdf("Perjanjian Kerja Sama"), yogya, field_name="Walikota")
    match = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)", signed)
    assert match is not None
    return signed, int(match[2]), int(match[3])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_it_never_calls_a_changed_signed_byte_valid_and_never_raises(
    pki: TestPki, signed_once: tuple[bytes, int, int], data: st.DataObject
) -> None:
    """Any one byte inside the signed ranges changed: the check still answers, and never with ``sah`` (the
    signature may also no longer be found at all, which shows the file as unsigned, never as signed)."""
    signed, hole_start, hole_end = signed_once
    index = data.draw(
        st.one_of(
            st.integers(min_value=0, max_value=hole_start - 1),
            st.integers(min_value=hole_end, max_value=len(signed) - 1),
        ),
        label="index",
    )
    value = data.draw(st.integers(min_value=0, max_value=255).filter(lambda b: b != signed[index]))
    changed = signed[:index] + bytes([value]) + signed[index + 1 :]
    findings = check_pdf_signatures(changed, trust_roots=parse_certificates(pki.root_pem))
    assert all(f.status in STATUSES for f in findings)
    assert all(f.status != VALID for f in findings)

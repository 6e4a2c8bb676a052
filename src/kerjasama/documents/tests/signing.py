"""Test PKI and signed PDFs for signature tests, built entirely in the test (no files, no network).

Reusable by other apps' tests (agreements signs its KB/PKS with it)::

    pki = TestPki.create()
    alice = pki.signer("Hasto Wardoyo", "Pemerintah Kota Yogyakarta")
    signed = sign_pdf(simple_pdf("Kesepakatan Bersama"), alice, field_name="Walikota")
    pki.root_pem  # write it to a file and list it in KERJASAMA_SIGNATURE_TRUST_ROOTS to make it trusted

Keys are EC P-256 so that generating them takes milliseconds.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.writer import PageObject, PdfFileWriter
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

_ONE_DAY = dt.timedelta(days=1)


def _name(common_name: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


@dataclass(frozen=True)
class TestSigner:
    """A signer's certificate and key, plus the CA certificate that issued it."""

    __test__ = False  # not a pytest class

    certificate: x509.Certificate
    key: ec.EllipticCurvePrivateKey
    ca_certificate: x509.Certificate

    @property
    def serial_hex(self) -> str:
        return format(self.certificate.serial_number, "x")

    def pyhanko_signer(self) -> signers.SimpleSigner:
        der_key = self.key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        ca = asn1_x509.Certificate.load(self.ca_certificate.public_bytes(serialization.Encoding.DER))
        return signers.SimpleSigner(
            signing_cert=asn1_x509.Certificate.load(
                self.certificate.public_bytes(serialization.Encoding.DER)
            ),
            signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
            cert_registry=SimpleCertificateStore.from_certs([ca]),
        )


@dataclass(frozen=True)
class TestPki:
    """A throwaway root CA ("BSrE Uji") that issues signer certificates."""

    __test__ = False

    certificate: x509.Certificate
    key: ec.EllipticCurvePrivateKey
    name: str

    @classmethod
    def create(cls, name: str = "Root CA Uji Kerjasama", organisation: str = "BSrE Uji") -> TestPki:
        key = _key()
        now = dt.datetime.now(dt.UTC)
        subject = _name(name, organisation)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - _ONE_DAY)
            .not_valid_after(now + 3650 * _ONE_DAY)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=False,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256())
        )
        return cls(certificate=certificate, key=key, name=name)

    @property
    def root_pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)

    @property
    def root_der(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.DER)

    def write_root(self, directory: Path, *, pem: bool = True) -> Path:
        """The root certificate as a file (PEM or DER), for ``KERJASAMA_SIGNATURE_TRUST_ROOTS``."""
        path = directory / (f"{self.name.replace(' ', '_')}.{'pem' if pem else 'cer'}")
        path.write_bytes(self.root_pem if pem else self.root_der)
        return path

    def signer(self, common_name: str, organisation: str, *, non_repudiation: bool = True) -> TestSigner:
        """A signer certificate issued by this CA (with the non-repudiation key usage a PDF signature needs
        unless ``non_repudiation=False``)."""
        key = _key()
        now = dt.datetime.now(dt.UTC)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(_name(common_name, organisation))
            .issuer_name(self.certificate.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - _ONE_DAY)
            .not_valid_after(now + 365 * _ONE_DAY)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=non_repudiation,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()), critical=False
            )
            .sign(self.key, hashes.SHA256())
        )
        return TestSigner(certificate=certificate, key=key, ca_certificate=self.certificate)


def _content_page(writer: PdfFileWriter, text: str) -> PageObject:
    font = writer.add_object(
        generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Font"),
                pdf_name("/Subtype"): pdf_name("/Type1"),
                pdf_name("/BaseFont"): pdf_name("/Helvetica"),
            }
        )
    )
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = generic.StreamObject(stream_data=f"BT /F1 16 Tf 72 760 Td ({escaped}) Tj ET".encode("latin-1"))
    resources = generic.DictionaryObject(
        {pdf_name("/Font"): generic.DictionaryObject({pdf_name("/F1"): font})}
    )
    return PageObject(
        contents=writer.add_object(stream),
        media_box=generic.ArrayObject(list(map(generic.NumberObject, (0, 0, 595, 842)))),
        resources=resources,
    )


def simple_pdf(text: str = "Kesepakatan Bersama") -> bytes:
    """A one-page PDF with ``text`` (Latin-1) in an uncompressed content stream."""
    writer = PdfFileWriter(stream_xrefs=False)
    writer.insert_page(_content_page(writer, text))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def sign_pdf(pdf: bytes, signer: TestSigner, *, field_name: str = "Tanda_Tangan_1") -> bytes:
    """``pdf`` signed by ``signer`` (PAdES baseline B, no timestamp) as an incremental update."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    meta = signers.PdfSignatureMetadata(field_name=field_name, subfilter=None)
    out = signers.sign_pdf(writer, meta, signer=signer.pyhanko_signer())
    return out.getvalue()


def change_page_after_signing(signed: bytes, text: str = "Nilai kontrak diubah") -> bytes:
    """An incremental update after the signatures that replaces page 1's content: not an allowed change."""
    writer = IncrementalPdfFileWriter(io.BytesIO(signed), strict=False)
    page_ref = writer.root["/Pages"]["/Kids"][0]
    page = page_ref.get_object()
    stream = generic.StreamObject(stream_data=f"BT /F1 16 Tf 72 700 Td ({text}) Tj ET".encode("latin-1"))
    page[pdf_name("/Contents")] = writer.add_object(stream)
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def tamper(signed: bytes, old: bytes, new: bytes) -> bytes:
    """``signed`` with the first ``old`` (inside the signed bytes) replaced by ``new`` of the same length."""
    assert len(old) == len(new), "same length keeps the byte ranges and offsets in place"
    index = signed.index(old)
    return signed[:index] + new + signed[index + len(old) :]


def garbage_signature_pdf(sub_filter: str = "/adbe.pkcs7.detached") -> bytes:
    """A PDF with a signature field whose /Sig dictionary holds no valid CMS data (malformed), in the format
    ``sub_filter``."""
    writer = PdfFileWriter(stream_xrefs=False)
    page = _content_page(writer, "Perjanjian Kerja Sama")
    writer.insert_page(page)
    sig = writer.add_object(
        generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Sig"),
                pdf_name("/Filter"): pdf_name("/Adobe.PPKLite"),
                pdf_name("/SubFilter"): pdf_name(sub_filter),
                pdf_name("/ByteRange"): generic.ArrayObject(
                    [generic.NumberObject(n) for n in (0, 10, 20, 30)]
                ),
                pdf_name("/Contents"): generic.ByteStringObject(b"\x30\x03\x02\x01\xff rusak"),
            }
        )
    )
    field = writer.add_object(
        generic.DictionaryObject(
            {
                pdf_name("/FT"): pdf_name("/Sig"),
                pdf_name("/T"): generic.TextStringObject("Tanda_Tangan_Rusak"),
                pdf_name("/V"): sig,
                pdf_name("/Type"): pdf_name("/Annot"),
                pdf_name("/Subtype"): pdf_name("/Widget"),
                pdf_name("/Rect"): generic.ArrayObject([generic.NumberObject(0)] * 4),
            }
        )
    )
    writer.root[pdf_name("/AcroForm")] = generic.DictionaryObject(
        {pdf_name("/Fields"): generic.ArrayObject([field]), pdf_name("/SigFlags"): generic.NumberObject(3)}
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()

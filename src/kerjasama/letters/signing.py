"""Signing a final letter electronically (issue 15 item 4) and the SRIKANDI bundle (item 3).

Who signs (``letters.sign``): the certificate holder is the signatory named in the letter's signature block
(the head of region, or the official signing *a.n.*/Plt./Plh.); the system has no head-of-region account role,
so the signing page is operated by the issuing region's cooperation unit (*Bagian Kerja Sama*, Permendagri
22/2020) or a system administrator, with the signatory entering their own NIK and passphrase or TOTP code (their
consent; UU 11/2008 jo. UU 19/2016 Pasal 11, PP 71/2019 Pasal 59-60). Only a **final** (numbered) letter is
signed, once; the signed PDF becomes the letter's download and the letter is frozen (a change is a new version).

The PDF signed is the letter's own PDF with the footer (``letters/_signature_footer.html``: the settings'
wording ``KERJASAMA_SIGNATURE_FOOTER_TEXT`` and a QR code, made offline, to the public verification URL).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable
from datetime import date
from typing import Any

import rules
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from kerjasama.accounts.policy import require
from kerjasama.accounts.predicates import is_system_admin
from kerjasama.core import audit
from kerjasama.core.actors import Actor
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import Conflict, KerjasamaError, describe_action
from kerjasama.letters.choices import LetterNature
from kerjasama.letters.models import Letter
from kerjasama.letters.rules import writes_for_region
from kerjasama.signing import conf as signing_conf
from kerjasama.signing import selectors as signing_selectors
from kerjasama.signing import services as signing_services
from kerjasama.signing.models import SignedDocument

OBJECT_TYPE = "letters.letter"

rules.add_perm("letters.sign", is_system_admin | writes_for_region)
describe_action(
    "letters.sign",
    "menandatangani surat dinas ini secara elektronik (unit kerja sama daerah penerbit, bersama penandatangan)",
    "sign this official letter electronically (the issuing region's cooperation unit, with the signatory)",
)
rules.add_perm("letters.export", is_system_admin | writes_for_region)
describe_action(
    "letters.export",
    "mengekspor surat dinas ini untuk SRIKANDI (unit kerja sama daerah penerbit)",
    "export this official letter for SRIKANDI (the issuing region's cooperation unit)",
)


def qr_svg(url: str) -> str:
    """The QR code of ``url`` as inline SVG (made offline by ``qrcode``; no image library)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    svg = str(image.to_string(encoding="unicode")).split("?>", 1)[-1]
    # Drawn 24 mm square whatever the QR version (the viewBox keeps the modules' proportions).
    return re.sub(
        r'^<svg width="[^"]*" height="[^"]*"', '<svg width="24mm" height="24mm"', svg.lstrip(), count=1
    )


def footer_html(url: str) -> str:
    with translation.override("id"):
        return render_to_string(
            "letters/_signature_footer.html",
            {"footer_text": signing_conf.footer_text(), "url": url, "qr": qr_svg(url)},
        )


def html_for_signing(letter: Letter, url: str) -> str:
    """The letter's HTML with the electronic-signature footer before ``</body>``."""
    from kerjasama.letters.pdf import letter_html

    html = letter_html(letter)
    head, sep, tail = html.rpartition("</body>")
    return head + footer_html(url) + sep + tail if sep else html + footer_html(url)


def pdf_for_signing(letter: Letter, url: str) -> bytes:
    """The letter's PDF with the signature footer, rendered as the letter itself is (the emblem inline)."""
    from kerjasama.letters.pdf import render_letter_pdf

    return render_letter_pdf(html_for_signing(letter, url))


def signed_letter(letter: Letter) -> SignedDocument | None:
    return signing_selectors.signed_for(OBJECT_TYPE, str(letter.pk))


def sign_letter(
    *,
    actor: Actor,
    letter: Letter,
    nik: str,
    passphrase: str | None = None,
    totp: str | None = None,
    checked_unknown: bool = False,
) -> SignedDocument:
    """Sign a final letter once through the configured signer (never retried; the secret never stored)."""
    require(actor, "letters.sign", letter)
    if not letter.is_final:
        raise Conflict(
            "letters.sign_not_final",
            "Hanya surat yang sudah ditetapkan dan bernomor yang dapat ditandatangani.",
            "Only a finalised, numbered letter can be signed.",
        )
    nik = "".join((nik or "").split())
    if not nik.isdigit() or len(nik) != 16:
        raise KerjasamaError("letters.bad_nik", "NIK harus 16 angka.", "The NIK must have 16 digits.")
    return signing_services.sign_document(
        actor=actor,
        region=letter.region,
        object_type=OBJECT_TYPE,
        object_id=str(letter.pk),
        object_label=letter.number,
        render=lambda url: pdf_for_signing(letter, url),
        nik=nik,
        passphrase=passphrase or None,
        totp=totp or None,
        signer_name=letter.signer_name,
        facts=signing_services.PublicFacts(
            confidential=letter.nature == LetterNature.RAHASIA,
            number=letter.number,
            dated=letter.dated,
            issuer_name=letter.region.name,
            subject=letter.subject,
        ),
        checked_unknown=checked_unknown,
    )


def download_bytes(letter: Letter) -> bytes | None:
    """The signed PDF when the letter is signed (its download from then on), else ``None``."""
    record = signed_letter(letter)
    return signing_services.signed_bytes(record) if record is not None else None


# --- SRIKANDI bundle (issue 15 item 3) ----------------------------------------------------------------------

#: The registration fields SRIKANDI's operator types for an outgoing letter, in the CSV's column order.
SRIKANDI_COLUMNS = (
    "nomor",
    "tanggal",
    "sifat",
    "klasifikasi_kka",
    "hal",
    "tujuan",
    "pengirim",
    "jumlah_lampiran",
    "retensi_jra",
    "ditandatangani_elektronik",
    "berkas_pdf",
)


def _attachments_count(text: str) -> str:
    digits = "".join(ch for ch in text.split(" ")[0] if ch.isdigit())
    return digits or ("0" if text.strip() in ("", "-") else "")


def file_name(letter: Letter) -> str:
    return "surat-" + (letter.number or f"konsep-{letter.pk}").replace("/", "-").replace(" ", "") + ".pdf"


def srikandi_bundle(*, actor: Actor, letters: Iterable[Letter], today: date) -> bytes:
    """A ZIP for SRIKANDI's operator: each final letter's PDF (the signed one when signed), ``registrasi.csv``
    (UTF-8 with BOM for Excel) and ``README.txt`` with the operator's steps. Drafts are refused."""
    from kerjasama.letters.pdf import letter_pdf

    chosen = list(letters)
    if not chosen:
        raise KerjasamaError(
            "letters.nothing_to_export", "Pilih sedikitnya satu surat.", "Choose at least one letter."
        )
    for letter in chosen:
        require(actor, "letters.export", letter)
        if not letter.is_final:
            raise Conflict(
                "letters.export_not_final",
                f"Surat {letter.pk} belum ditetapkan; hanya surat bernomor yang didaftarkan di SRIKANDI.",
                f"Letter {letter.pk} is not final; only numbered letters are registered in SRIKANDI.",
            )
    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(SRIKANDI_COLUMNS)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for letter in chosen:
            signed = download_bytes(letter)
            name = file_name(letter)
            bundle.writestr(name, signed if signed is not None else letter_pdf(letter))
            writer.writerow(
                [
                    _safe(v)
                    for v in (
                        letter.number,
                        letter.dated.isoformat() if letter.dated else "",
                        letter.get_nature_display(),
                        letter.kka_code,
                        letter.subject,
                        " / ".join(letter.addressee_lines()),
                        f"{letter.issuing_unit.name}, {letter.region.name}",
                        _attachments_count(letter.attachments),
                        letter.retention_class,
                        "ya" if signed is not None else "tidak",
                        name,
                    )
                ]
            )
        bundle.writestr("registrasi.csv", "\ufeff" + rows.getvalue())
        bundle.writestr("README.txt", render_to_string("letters/srikandi_readme.txt", {"today": today}))
    with transaction.atomic():
        for letter in chosen:
            audit.record(
                actor=actor,
                action=AuditAction.LETTER_SRIKANDI_EXPORTED,
                obj=letter,
                new={"number": letter.number},
            )
    return out.getvalue()


def _safe(value: Any) -> str:
    """A CSV cell Excel will not read as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text

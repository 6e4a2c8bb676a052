"""The PDF of an official letter (WeasyPrint, like the reports' and disputes' exports): letterhead (*kop*: the
region's government name and address as data), the Nomor/Sifat/Lampiran/Hal block as text (so SRIKANDI's
operator and ``pdftotext`` read it), addressee, body, signature block (Pasal 44) and copies (*tembusan*).

Extension points (issue 15, later work): an electronic signature (BSrE) and its footer with a QR code to the
public verification page are added by the signer after finalising; this module draws no signature claim.
"""

from __future__ import annotations

import base64
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from kerjasama.core.errors import KerjasamaError
from kerjasama.letters.domain.signature import signature_block
from kerjasama.letters.models import Letter
from kerjasama.letters.services import letterhead_for

_MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def letter_html(letter: Letter) -> str:
    """The letter as the HTML WeasyPrint renders (Indonesian: an Indonesian official letter)."""
    try:
        lines = signature_block(
            capacity=letter.signer_capacity,
            office=letter.signer_title,
            name=letter.signer_name,
            rank=letter.signer_rank,
            nip=letter.signer_nip,
        ).lines()
    except KerjasamaError:
        # A draft may still break the rules (finalising refuses it); its preview prints what was typed.
        typed = [text for text in (letter.signer_title, letter.signer_name) if text.strip()]
        lines = typed if len(typed) == 2 else []
    dated = letter.dated
    head = letterhead_for(letter.region)
    with translation.override("id"):
        return render_to_string(
            "letters/letter_pdf.html",
            {
                "letter": letter,
                "head": head,
                "emblem": emblem_data_uri(head),
                "date_text": f"{dated.day} {_MONTHS[dated.month - 1]} {dated.year}" if dated else "",
                "signature": lines,
                "paragraphs": [
                    p.strip() for p in letter.body.replace("\r\n", "\n").split("\n\n") if p.strip()
                ],
                "nature": letter.get_nature_display().split(" (")[-1].rstrip(")").capitalize(),
            },
        )


def emblem_data_uri(head: Any) -> str:
    """The region's emblem as a ``data:`` URI for the letterhead (WeasyPrint reads it without any fetch)."""
    if not head.emblem or not head.emblem_type:
        return ""
    return f"data:{head.emblem_type};base64,{base64.b64encode(bytes(head.emblem)).decode()}"


def letter_pdf(letter: Letter) -> bytes:
    return render_letter_pdf(letter_html(letter))


def render_letter_pdf(html: str) -> bytes:
    """A letter's HTML as PDF (the letter itself, and the copy with the signature footer that is signed).

    Only inline ``data:`` URIs (the emblem) are read; nothing is fetched from a network or a file."""
    import weasyprint

    fetcher = weasyprint.URLFetcher(allowed_protocols=("data",))
    pdf: bytes = weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()
    return pdf

"""The letters of the privacy duties as PDF (WeasyPrint, in the official letter's layout like ``letters/pdf.py``):
the answer to a data subject's request, the summary of an access export, and the written notification of a
breach to the data subjects and the authority (UU 27/2022 Pasal 46(2): the data disclosed, when and how, and
what was done [U]). Numbered by the unit's register when sent (the number line is left for the operator)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

from kerjasama.privacy import conf
from kerjasama.privacy.models import DataBreach, DataSubjectRequest

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


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"the privacy PDF fetches nothing: {url}")


def _when(moment: Any) -> str:
    if moment is None:
        return "-"
    local = timezone.localtime(moment)
    return f"{local.day} {_MONTHS[local.month - 1]} {local.year} pukul {local:%H.%M} WIB"


def _day(moment: Any) -> str:
    local = timezone.localtime(moment)
    return f"{local.day} {_MONTHS[local.month - 1]} {local.year}"


def _render(context: dict[str, Any]) -> bytes:
    import weasyprint

    with translation.override("id"):
        html = render_to_string("privacy/letter_pdf.html", {"controller": conf.controller_name(), **context})
    pdf: bytes = weasyprint.HTML(string=html, base_url=None, url_fetcher=_no_fetch).write_pdf()
    return pdf


def request_letter_context(request: DataSubjectRequest) -> dict[str, Any]:
    answered = request.answered_at or timezone.now()
    verdict = "ditolak dengan alasan berikut" if request.status == "refused" else "telah kami tindak lanjuti"
    return {
        "dated": _day(answered),
        "subject": f"Jawaban atas permintaan {request.get_kind_display().split(' (')[-1].rstrip(')')} data pribadi",
        "nature": "Penting",
        "addressee": [f"Sdr. {request.subject_name}", request.subject_email or "di tempat"],
        "paragraphs": [
            f"Menanggapi permintaan Saudara yang kami terima pada {_when(request.received_at)} "
            f"(nomor registrasi {request.pk}), berdasarkan Undang-Undang Nomor 27 Tahun 2022 tentang "
            f"Pelindungan Data Pribadi, dengan ini kami sampaikan bahwa permintaan tersebut {verdict}:",
            request.answer or "-",
            "Jawaban ini disampaikan dalam jangka waktu paling lambat 3 x 24 (tiga kali dua puluh empat) jam "
            f"sejak permintaan diterima, yaitu sebelum {_when(request.due_at)}.",
            "Demikian kami sampaikan. Atas perhatian Saudara kami ucapkan terima kasih.",
        ],
        "facts": [],
        "signer": "Pejabat Pelindungan Data Pribadi",
    }


def request_letter_pdf(request: DataSubjectRequest) -> bytes:
    return _render(request_letter_context(request))


def access_summary_pdf(request: DataSubjectRequest, data: dict[str, Any]) -> bytes:
    account = data.get("account") or {}
    facts = [(key.replace("_", " "), str(value)) for key, value in account.items()]
    facts += [
        ("surat yang ditandatangani", str(len(data["letters_signed"]))),
        ("laporan yang ditandatangani", str(len(data["reports_signed"]))),
    ]
    return _render(
        {
            "dated": _day(timezone.now()),
            "subject": "Ringkasan data pribadi yang diproses (permintaan akses)",
            "nature": "Rahasia",
            "addressee": [f"Sdr. {request.subject_name}"],
            "paragraphs": [
                f"Sesuai permintaan akses nomor registrasi {request.pk}, berikut ringkasan data pribadi Saudara "
                "yang diproses dalam sistem Kerjasama. Salinan lengkap dilampirkan dalam berkas JSON.",
            ],
            "facts": facts,
            "signer": "Pejabat Pelindungan Data Pribadi",
        }
    )


def breach_letter_context(breach: DataBreach) -> dict[str, Any]:
    return {
        "dated": _day(breach.notified_at or timezone.now()),
        "subject": "Pemberitahuan kegagalan pelindungan data pribadi",
        "nature": "Segera",
        "addressee": ["Subjek data pribadi yang terdampak", conf.authority_name()],
        "paragraphs": [
            "Berdasarkan Pasal 46 Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi, dengan ini "
            "kami memberitahukan secara tertulis terjadinya kegagalan pelindungan data pribadi dengan keterangan "
            "sebagai berikut:",
        ],
        "facts": [
            ("Peristiwa", breach.title),
            ("Data pribadi yang terungkap", breach.data_disclosed),
            ("Waktu terjadi", _when(breach.occurred_at)),
            ("Waktu diketahui", _when(breach.discovered_at)),
            ("Cara terungkapnya data", breach.how),
            (
                "Subjek data terdampak",
                breach.affected + (f" ({breach.affected_count} orang)" if breach.affected_count else ""),
            ),
            ("Upaya penanganan dan pemulihan", breach.measures),
            ("Batas pemberitahuan (3 x 24 jam)", _when(breach.due_at)),
        ],
        "closing": "Demikian pemberitahuan ini kami sampaikan untuk menjadi perhatian.",
        "signer": "Pejabat Pelindungan Data Pribadi",
    }


def breach_letter_pdf(breach: DataBreach) -> bytes:
    return _render(breach_letter_context(breach))

"""The default text of the letters not drafted as an offer or a DPRD request (issue 15 item 1): the reply to an
offer, the invitation to a TKKSD meeting, the cover letter of the periodic report and the dispute letters.

Each builder returns the default ``subject`` (*hal*), ``addressee`` (*Yth.*), ``body``, ``attachments``
(*lampiran*) and ``copies`` (*tembusan*) from the system's own records; the cooperation unit edits them while the
letter is a draft (Permendagri 1/2023 on *tata naskah dinas*). The texts are Indonesian: they are the letter.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kerjasama.letters import conf
from kerjasama.letters.choices import NoticeKind, ReplyDecision
from kerjasama.regions.choices import Level
from kerjasama.regions.models import Region

_DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
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
_CLOSING = "Demikian kami sampaikan, atas perhatian dan kerja samanya diucapkan terima kasih."


def long_date(day: date) -> str:
    """ "1 Desember 2026" (the dateline style of Permendagri 1/2023)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def head_title(region: Region) -> str:
    """The head of the region's office as letters name it: "Bupati Sleman", "Wali Kota Yogyakarta", "Gubernur …"."""
    name = region.name
    if region.level == Level.PROVINSI:
        return f"Gubernur {name.removeprefix('Provinsi ')}"
    if name.startswith("Kabupaten "):
        return f"Bupati {name.removeprefix('Kabupaten ')}"
    if name.startswith("Kota "):
        return f"Wali Kota {name.removeprefix('Kota ')}"
    return f"Kepala Daerah {name}"


def place_name(region: Region) -> str:
    """The place in the dateline and after "di": the region's name without "Kabupaten"/"Kota"/"Provinsi"."""
    return region.name.removeprefix("Kabupaten ").removeprefix("Kota ").removeprefix("Provinsi ")


def to_head(region: Region) -> str:
    return f"{head_title(region)}\ndi {place_name(region)}"


def name_list(names: list[str]) -> str:
    if len(names) <= 1:
        return names[0] if names else "mitra kerja sama"
    return ", ".join(names[:-1]) + " dan " + names[-1]


def province_of(region: Region) -> Region | None:
    if region.level == Level.PROVINSI:
        return region
    return Region.objects.filter(code=region.province_code).first()


def offer_reply_text(
    agreement: Any, own: Any, others: list[Any], decision: str, offer: Any | None
) -> dict[str, str]:
    """The reply of a party region to an offer it received: accept, decline or ask for changes. It refers to
    the offer letter's number and date when the system holds the final offer letter."""
    decision = ReplyDecision(decision)
    offerers = [p for p in others if p.region is not None]
    addressee = "\n".join(to_head(p.region) for p in offerers) or "\n".join(p.name for p in others)
    if offer is not None and offer.number and offer.dated:
        reference = f"surat {offer.region.name} Nomor {offer.number} tanggal {long_date(offer.dated)}"
    else:
        reference = f"surat penawaran kerja sama dari {name_list([p.name for p in others])}"
    opening = f"Menindaklanjuti {reference} perihal penawaran kerja sama {agreement.title}, "
    answer = {
        ReplyDecision.ACCEPT: (
            f"dengan ini kami sampaikan bahwa {own.name} pada prinsipnya menerima penawaran kerja sama tersebut. "
            "Pembahasan selanjutnya, termasuk penyusunan kesepakatan bersama, kami harapkan dilakukan melalui Tim "
            "Koordinasi Kerja Sama Daerah masing-masing."
        ),
        ReplyDecision.DECLINE: (
            f"dengan ini kami sampaikan bahwa setelah dilakukan kajian, {own.name} belum dapat menerima penawaran "
            "kerja sama tersebut pada saat ini."
        ),
        ReplyDecision.CHANGES: (
            f"dengan ini kami sampaikan bahwa {own.name} menyambut baik penawaran kerja sama tersebut dengan "
            "catatan perubahan sebagai berikut: ……………………. Kami harapkan tanggapan atas usulan perubahan ini "
            "sebelum pembahasan kesepakatan bersama."
        ),
    }[decision]
    return {
        "subject": f"Jawaban atas Penawaran Kerja Sama {agreement.title}",
        "addressee": addressee,
        "body": f"{opening}{answer}\n\n{_CLOSING}",
        "attachments": "",
        "copies": "",
    }


def tkksd_invitation_text(meeting: Any, members: list[Any], meeting_time: str) -> dict[str, str]:
    """The invitation of the region's TKKSD members to a scheduled meeting: day and date, time, place and
    agenda; with more members than ``KERJASAMA_LETTER_INVITEES_INLINE`` the list goes to an attachment."""
    day = meeting.meeting_date
    names = [f"{m.name} ({m.position})" if m.position else m.name for m in members]
    inline = conf.invitees_inline()
    if len(names) <= inline:
        addressee = "\n".join(names) or "Anggota Tim Koordinasi Kerja Sama Daerah"
        attachments = ""
    else:
        addressee = f"Para Anggota Tim Koordinasi Kerja Sama Daerah {meeting.region.name}\n(daftar terlampir)"
        attachments = "1 (satu) lembar daftar undangan"
    agenda = meeting.agenda.strip()
    body = (
        f"Dalam rangka pelaksanaan tugas Tim Koordinasi Kerja Sama Daerah {meeting.region.name}, dengan ini "
        "kami mengundang Bapak/Ibu untuk menghadiri rapat yang akan dilaksanakan pada:\n\n"
        f"Hari/tanggal: {_DAYS[day.weekday()]}, {long_date(day)}\n"
        f"Waktu: {meeting_time}\n"
        f"Tempat: {meeting.place}\n"
        f"Acara: {agenda}\n\n"
        "Mengingat pentingnya acara tersebut, kami mengharapkan kehadiran Bapak/Ibu tepat pada waktunya.\n\n"
        f"{_CLOSING}"
    )
    return {
        "subject": "Undangan Rapat Tim Koordinasi Kerja Sama Daerah",
        "addressee": addressee,
        "body": body,
        "attachments": attachments,
        "copies": "",
        "invitees": "\n".join(names),
    }


def report_cover_text(report: Any) -> dict[str, str]:
    """The cover letter of the periodic report: a kab/kota to its governor (as the central government's
    representative), a province to the Minister c.q. the Director General of Regional Administration."""
    region = report.region
    if region.level == Level.PROVINSI:
        addressee = "Menteri Dalam Negeri\nc.q. Direktur Jenderal Bina Administrasi Kewilayahan\ndi Jakarta"
        recipient = "Menteri Dalam Negeri"
    else:
        province = province_of(region)
        addressee = to_head(province) if province is not None else "Gubernur\ndi ……………………"
        recipient = head_title(province) if province is not None else "Gubernur"
    return {
        "subject": f"Penyampaian Laporan Pelaksanaan Kerja Sama Daerah {report.period_label}",
        "addressee": addressee,
        "body": (
            f"Dalam rangka pelaporan penyelenggaraan kerja sama daerah, bersama ini kami sampaikan kepada "
            f"{recipient} laporan pelaksanaan kerja sama daerah {region.name} periode {report.period_label} "
            f"({long_date(report.period_start)} sampai dengan {long_date(report.period_end)}).\n\n"
            "Laporan tersebut memuat daftar kerja sama yang sedang berjalan, capaian pelaksanaannya, serta "
            "permasalahan dan tindak lanjutnya, sebagaimana terlampir.\n\n"
            f"{_CLOSING}"
        ),
        "attachments": "1 (satu) berkas laporan",
        "copies": "",
    }


def _resolver_addressee(dispute: Any) -> str:
    from kerjasama.disputes.choices import Resolver

    resolver = dispute.resolver or dispute.proposed_resolver
    region = dispute.resolver_region or dispute.proposed_region
    if resolver == Resolver.GOVERNOR and region is not None:
        return to_head(region)
    return "Menteri Dalam Negeri\nc.q. Direktur Jenderal Bina Administrasi Kewilayahan\ndi Jakarta"


def dispute_notice_text(dispute: Any, own: Any, others: list[Any], purpose: str) -> dict[str, str]:
    """The notice by a party of a dispute to the other parties, or its request for facilitation to the
    resolver in effect (UU 23/2014 Pasal 370; PP 28/2018 Pasal 8). It names the case and its agreement, never
    more than the parties already know."""
    purpose = NoticeKind(purpose)
    agreement = f" dalam pelaksanaan kerja sama {dispute.agreement.title}" if dispute.agreement_id else ""
    case = f"{dispute.title}" + (f" (perkara nomor {dispute.number})" if dispute.number else "")
    other_names = name_list([p.name for p in others])
    if purpose == NoticeKind.NOTICE:
        addressee = "\n".join(to_head(p.region) if p.region is not None else p.name for p in others)
        return {
            "subject": f"Pemberitahuan Perselisihan {dispute.title}",
            "addressee": addressee,
            "body": (
                f"Dengan ini {own.name} memberitahukan adanya perselisihan{agreement} dengan {other_names}, "
                f"yaitu {case}.\n\n"
                "Sehubungan dengan hal tersebut, kami mengajak untuk menyelesaikan perselisihan secara "
                "musyawarah sebelum ditempuh penyelesaian lebih lanjut sesuai ketentuan peraturan "
                "perundang-undangan.\n\n"
                f"{_CLOSING}"
            ),
            "attachments": "",
            "copies": "",
        }
    return {
        "subject": f"Permohonan Fasilitasi Penyelesaian Perselisihan {dispute.title}",
        "addressee": _resolver_addressee(dispute),
        "body": (
            f"Berdasarkan Pasal 370 Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah, dengan ini "
            f"{own.name} mengajukan permohonan fasilitasi penyelesaian perselisihan{agreement} dengan "
            f"{other_names}, yaitu {case}.\n\n"
            "Sebagai bahan pertimbangan, bersama ini kami lampirkan uraian pokok perselisihan dan upaya "
            "penyelesaian yang telah dilakukan.\n\n"
            f"{_CLOSING}"
        ),
        "attachments": "1 (satu) berkas",
        "copies": "\n".join(p.name for p in others),
    }

"""The letters drafted from a reply to an offer, a TKKSD meeting, a periodic report and a dispute (issue 15
item 1): who may draft them from which subject, their default text, the shared numbering register, the scoping
of dispute letters to who sees the case, and each kind's PDF (read back with pdftotext)."""

from __future__ import annotations

import os
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.test import override_settings

from kerjasama.accounts.policy import can
from kerjasama.agreements.models import Agreement
from kerjasama.core.actors import SYSTEM
from kerjasama.core.errors import KerjasamaError, PermissionDenied
from kerjasama.disputes import services as dispute_services
from kerjasama.disputes.models import Dispute
from kerjasama.disputes.services import PartyInput
from kerjasama.letters import services, subject_services
from kerjasama.letters.kinds import report_cover_text
from kerjasama.letters.models import Letter
from kerjasama.letters.pdf import letter_pdf
from kerjasama.regions.models import Region
from kerjasama.reports.models import PeriodicReport
from kerjasama.tkksd.models import Meeting

ARTIFACTS = Path(
    os.environ.get("KERJASAMA_TEST_ARTIFACTS") or Path(__file__).resolve().parents[4] / "test-artifacts"
)


def pdf_text(data: bytes, tmp_path: Path, name: str = "surat") -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def _finalise(letter: Letter, actor: Any) -> Letter:
    services.update_letter(actor=actor, letter=letter, changes={"signer_name": "Contoh Pejabat"})
    return services.finalise_letter(actor=actor, letter=letter)


def test_it_drafts_a_reply_that_cites_the_offer_letter_received(agreement: Agreement, people: Any) -> None:
    offer = _finalise(
        services.draft_letter(actor=people["kabkota"], agreement=agreement, kind="offer"), people["kabkota"]
    )
    reply = services.draft_letter(
        actor=people["neighbour"], agreement=agreement, kind="offer_reply", variant="changes"
    )
    assert reply.region_id == "34.04" and reply.variant == "changes"
    assert offer.number in reply.body and "perubahan" in reply.body
    assert reply.subject.startswith("Jawaban atas Penawaran Kerja Sama")
    assert "Wali Kota Yogyakarta" in reply.addressee
    declined = services.draft_letter(
        actor=people["neighbour"], agreement=agreement, kind="offer_reply", variant="decline"
    )
    assert "belum dapat menerima" in declined.body


def test_a_reply_without_an_offer_on_record_names_the_offering_party(
    agreement: Agreement, people: Any
) -> None:
    reply = services.draft_letter(actor=people["neighbour"], agreement=agreement, kind="offer_reply")
    assert reply.variant == "accept" and "Nomor" not in reply.body and "Kota Yogyakarta" in reply.body


def test_it_refuses_an_agreement_draft_of_a_kind_with_another_subject(
    agreement: Agreement, people: Any
) -> None:
    with pytest.raises(KerjasamaError) as caught:
        services.draft_letter(actor=people["kabkota"], agreement=agreement, kind="tkksd_invitation")
    assert caught.value.code == "letters.wrong_subject"


def test_it_drafts_the_invitation_from_the_meeting_with_members_as_addressees(
    meeting: Meeting, people: Any
) -> None:
    letter = subject_services.draft_meeting_invitation(
        actor=people["kabkota"], meeting=meeting, meeting_time="09.00 WIB s.d. selesai"
    )
    assert letter.tkksd_meeting_id == meeting.pk and letter.agreement_id is None
    assert "Sekda Contoh (Sekretaris Daerah)" in letter.addressee and not letter.annex
    for expected in ("Senin, 7 Desember 2026", "09.00 WIB s.d. selesai", "Ruang Rapat", "Kajian usulan"):
        assert expected in letter.body, expected


@override_settings(KERJASAMA_LETTER_INVITEES_INLINE=2)
def test_many_invitees_go_to_the_attached_list(meeting: Meeting, people: Any) -> None:
    letter = subject_services.draft_meeting_invitation(
        actor=people["kabkota"], meeting=meeting, meeting_time="13.00 WIB"
    )
    assert "(daftar terlampir)" in letter.addressee and letter.attachments
    assert letter.annex_lines()[1:] == [
        "Sekda Contoh (Sekretaris Daerah)",
        "Kabag Kerja Sama Contoh (Kepala Bagian Kerja Sama)",
        "Kepala Bappeda Contoh (Kepala Bappeda)",
    ]


@pytest.mark.parametrize("name", ["neighbour", "province", "other_province", "ministry"])
def test_only_the_meetings_own_cooperation_unit_drafts_its_invitation(
    meeting: Meeting, people: Any, name: str
) -> None:
    with pytest.raises(PermissionDenied):
        subject_services.draft_meeting_invitation(
            actor=people[name], meeting=meeting, meeting_time="09.00 WIB"
        )


def test_it_refuses_an_invitation_without_a_time_or_for_a_held_meeting(meeting: Meeting, people: Any) -> None:
    with pytest.raises(KerjasamaError) as caught:
        subject_services.draft_meeting_invitation(actor=people["kabkota"], meeting=meeting, meeting_time=" ")
    assert caught.value.code == "letters.meeting_time_required"
    Meeting.objects.filter(pk=meeting.pk).update(status="terlaksana")
    meeting.refresh_from_db()
    with pytest.raises(KerjasamaError) as caught:
        subject_services.draft_meeting_invitation(
            actor=people["kabkota"], meeting=meeting, meeting_time="9.00"
        )
    assert caught.value.code == "letters.meeting_not_scheduled"


def test_the_report_cover_goes_to_the_governor_and_a_provinces_to_the_minister(
    report: PeriodicReport, people: Any
) -> None:
    letter = subject_services.draft_report_cover(actor=people["kabkota"], report=report)
    assert letter.periodic_report_id == report.pk
    assert (
        letter.addressee.startswith("Gubernur Daerah Istimewa Yogyakarta") or "Gubernur" in letter.addressee
    )
    assert report.period_label in letter.subject
    with pytest.raises(PermissionDenied):
        subject_services.draft_report_cover(actor=people["neighbour"], report=report)
    province = PeriodicReport(
        region=Region.objects.get(code="34"),
        period_label="Semester I 2026",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30),
    )
    assert "c.q. Direktur Jenderal Bina Administrasi Kewilayahan" in report_cover_text(province)["addressee"]


def test_a_dispute_letter_is_drafted_by_a_party_and_seen_only_by_who_sees_the_case(
    dispute: Dispute, meeting: Meeting, people: Any
) -> None:
    # Kota Yogyakarta against Kota Semarang (two provinces): the Minister resolves, so the governor's office of
    # DIY, whose jurisdiction covers Kota Yogyakarta, is neither a party nor the resolver of this case.
    across = dispute_services.register_dispute(
        actor=SYSTEM,
        title="Perselisihan lintas provinsi (contoh)",
        kind="KSDD",
        sector="pelayanan_publik",
        causes=["pembiayaan"],
        claims="RAHASIA-PERKARA",
        parties=[PartyInput("pemohon", region_code="34.71"), PartyInput("termohon", region_code="33.74")],
    )
    notice = subject_services.draft_dispute_letter(actor=people["kabkota"], dispute=dispute, purpose="notice")
    assert "Bupati Sleman" in notice.addressee and "RAHASIA-PERKARA" not in notice.body
    facilitation = subject_services.draft_dispute_letter(
        actor=people["neighbour"], dispute=dispute, purpose="facilitation"
    )
    assert facilitation.region_id == "34.04" and facilitation.variant == "facilitation"
    for name in ("province", "other_province"):
        with pytest.raises(PermissionDenied):
            subject_services.draft_dispute_letter(actor=people[name], dispute=dispute, purpose="notice")
    invitation = subject_services.draft_meeting_invitation(
        actor=people["kabkota"], meeting=meeting, meeting_time="09.00 WIB"
    )
    secret = subject_services.draft_dispute_letter(
        actor=people["kabkota"], dispute=across, purpose="facilitation"
    )
    assert secret.addressee.startswith("Menteri Dalam Negeri")

    def seen_by(name: str) -> set[int]:
        return set(Letter.objects.restrict(people[name], "view").values_list("pk", flat=True))

    assert {invitation.pk, notice.pk, secret.pk} <= seen_by("kabkota")
    assert {invitation.pk, notice.pk} <= seen_by("province") and secret.pk not in seen_by("province")
    assert secret.pk not in seen_by("other_province")  # a party, but the letter is Kota Yogyakarta's own
    assert secret.pk in seen_by("ministry")
    assert not can(people["province"], "letters.view", secret) and can(
        people["kabkota"], "letters.view", secret
    )


def test_it_shares_one_register_across_kinds(
    agreement: Agreement, meeting: Meeting, report: PeriodicReport, dispute: Dispute, people: Any
) -> None:
    kabkota = people["kabkota"]
    drafts = [
        services.draft_letter(actor=kabkota, agreement=agreement, kind="offer"),
        subject_services.draft_meeting_invitation(actor=kabkota, meeting=meeting, meeting_time="09.00 WIB"),
        subject_services.draft_report_cover(actor=kabkota, report=report),
        subject_services.draft_dispute_letter(actor=kabkota, dispute=dispute, purpose="notice"),
    ]
    assert [d.number for d in drafts] == ["", "", "", ""]
    finals = [_finalise(d, kabkota) for d in drafts]
    assert [f.sequence for f in finals] == [1, 2, 3, 4]
    assert len({f.issuing_unit_id for f in finals}) == 1
    again = services.start_new_version(actor=kabkota, letter=finals[1])
    assert again.tkksd_meeting_id == meeting.pk and again.number == ""


def test_the_database_refuses_a_letter_with_no_subject_or_two(
    agreement: Agreement, meeting: Meeting, people: Any
) -> None:
    letter = services.draft_letter(actor=people["kabkota"], agreement=agreement, kind="offer")
    for subject in ({"agreement": None}, {"tkksd_meeting": meeting}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Letter.objects.filter(pk=letter.pk).update(**subject)


def test_each_kind_prints_its_pdf_with_the_header_and_signature_block(
    agreement: Agreement,
    meeting: Meeting,
    report: PeriodicReport,
    dispute: Dispute,
    people: Any,
    tmp_path: Path,
) -> None:
    kabkota = people["kabkota"]
    with override_settings(KERJASAMA_LETTER_INVITEES_INLINE=2):
        invitation = subject_services.draft_meeting_invitation(
            actor=kabkota, meeting=meeting, meeting_time="09.00 WIB s.d. selesai"
        )
    letters = {
        "offer_reply": services.draft_letter(
            actor=people["neighbour"], agreement=agreement, kind="offer_reply"
        ),
        "tkksd_invitation": invitation,
        "report_cover": subject_services.draft_report_cover(actor=kabkota, report=report),
        "dispute_notice": subject_services.draft_dispute_letter(
            actor=kabkota, dispute=dispute, purpose="notice"
        ),
    }
    expected = {
        "offer_reply": ("Jawaban atas Penawaran", "Kota Yogyakarta", "PEMERINTAH KABUPATEN SLEMAN"),
        "tkksd_invitation": (
            "Undangan Rapat",
            "Hari/tanggal",
            "Daftar undangan rapat TKKSD",
            "Kepala Bappeda",
        ),
        "report_cover": ("Penyampaian Laporan", "Gubernur"),
        "dispute_notice": ("Pemberitahuan Perselisihan", "Bupati Sleman"),
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for kind, letter in letters.items():
        acting = kind == "report_cover"
        services.update_letter(
            actor=people["neighbour"] if kind == "offer_reply" else kabkota,
            letter=letter,
            changes={
                "signer_capacity": "plt" if acting else "definitive",
                "signer_name": "Contoh Pejabat, S.H.",
                "signer_rank": "" if acting else "Pembina Utama Muda",
                "signer_nip": "" if acting else "197001011990031001",
            },
        )
        final = services.finalise_letter(
            actor=people["neighbour"] if kind == "offer_reply" else kabkota, letter=letter
        )
        data = letter_pdf(final)
        text = pdf_text(data, tmp_path, kind)
        for wanted in ("Nomor", final.number, "Sifat", "Lampiran", "Hal", "Contoh Pejabat", *expected[kind]):
            assert wanted in text, (kind, wanted)
        assert ("NIP" in text) is not acting, kind  # Pasal 44: an acting head writes no NIP
        assert "RAHASIA-PERKARA" not in text
        (ARTIFACTS / f"letter-{kind}.pdf").write_bytes(data)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "60",
                "-png",
                str(ARTIFACTS / f"letter-{kind}.pdf"),
                str(ARTIFACTS / f"letter-{kind}"),
            ],
            check=True,
        )

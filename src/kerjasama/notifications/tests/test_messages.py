"""Every notification kind has its templates, renders in Indonesian and in English, and has no gaps."""

from __future__ import annotations

import pytest

from kerjasama.notifications.choices import NotificationKind
from kerjasama.notifications.messages import render_message
from kerjasama.notifications.tests.conftest import CONTEXT

#: The kinds by family (each family's shared test context); every kind belongs to one tested here.
IDENTIFICATION_KINDS = [k for k in NotificationKind.values if k.startswith("mapping.")]
AGREEMENT_KINDS = [k for k in NotificationKind.values if k.startswith("agreements.")]
TKKSD_KINDS = [k for k in NotificationKind.values if k.startswith("tkksd.")]
DEADLINE_KINDS = [k for k in NotificationKind.values if k.startswith("deadlines.")]
REPORT_KINDS = [k for k in NotificationKind.values if k.startswith("reports.")]
DISPUTE_KINDS = [k for k in NotificationKind.values if k.startswith("disputes.")]
PRIVACY_KINDS = [k for k in NotificationKind.values if k.startswith("privacy.")]


def test_every_kind_belongs_to_a_family_tested_here() -> None:
    families = IDENTIFICATION_KINDS + AGREEMENT_KINDS + TKKSD_KINDS + DEADLINE_KINDS + REPORT_KINDS
    families += DISPUTE_KINDS + PRIVACY_KINDS
    assert sorted(families) == sorted(
        NotificationKind.values
    )


@pytest.mark.parametrize("kind", DEADLINE_KINDS)
def test_it_renders_every_deadline_kind_in_both_languages(kind: str) -> None:
    context = {
        "title_id": "Jangka waktu kerja sama berakhir: Persampahan",
        "title_en": "The agreement's term ends: Persampahan",
        "due": "2027-08-30",
        "lead_days": 30,
        "working_days": False,
        "basis": "PP 28/2018 Pasal 9(1)",
    }
    indonesian = render_message(kind, context, "id")
    english = render_message(kind, context, "en")
    for message in (indonesian, english):
        assert message.subject and "\n" not in message.subject and "2027-08-30" in message.subject
    assert indonesian.subject.startswith("Tenggat") and english.subject.startswith("Deadline")


@pytest.mark.parametrize("kind", REPORT_KINDS)
def test_it_renders_every_report_kind_in_both_languages(kind: str) -> None:
    """A report's step names the report (never "the cooperation") and carries the return reason to the author."""
    context = {
        "report_title": "Laporan Semester I 2026 — Kota Yogyakarta",
        "event_id": "Laporan dikembalikan",
        "event_en": "Report returned",
        "stage_id": "Draf",
        "stage_en": "Draft",
        "actor_name": "Biro Tata Pemerintahan DIY",
        "reason": "Lengkapi tabel kewajiban",
    }
    indonesian = render_message(kind, context, "id")
    english = render_message(kind, context, "en")
    for message in (indonesian, english):
        assert message.subject and "\n" not in message.subject
        assert "Kota Yogyakarta" in message.subject and "Lengkapi tabel kewajiban" in message.body
    assert indonesian.subject.startswith("Laporan") and "mencatat langkah pada laporan" in indonesian.body
    assert english.subject.startswith("Report") and "recorded a step on the report" in english.body
    assert "kerja sama" not in indonesian.subject.lower().split("—")[0]


@pytest.mark.parametrize("kind", AGREEMENT_KINDS)
def test_it_renders_every_agreement_kind_in_both_languages(kind: str) -> None:
    from kerjasama.agreements.notices import EVENTS

    event_id, event_en = EVENTS["offer_sent"]
    context = {
        "agreement_title": "Persampahan Yogyakarta-Sleman",
        "event_id": event_id,
        "event_en": event_en,
        "stage_id": "Penawaran",
        "stage_en": "Offer",
        "actor_name": "Operator KSD",
        "reason": "Lengkapi data",
    }
    indonesian = render_message(kind, context, "id")
    english = render_message(kind, context, "en")
    for message in (indonesian, english):
        assert message.subject and "\n" not in message.subject
        assert "Persampahan Yogyakarta-Sleman" in message.subject and "Operator KSD" in message.body
    assert indonesian.subject.startswith("Kerja sama") and event_id in indonesian.subject
    assert english.subject.startswith("Cooperation") and event_en in english.subject
    assert "Penawaran" in indonesian.body and "Offer" in english.body and "Lengkapi data" in indonesian.body


@pytest.mark.parametrize("kind", IDENTIFICATION_KINDS)
def test_it_renders_every_kind_in_both_languages(kind: str) -> None:
    context = {**CONTEXT, "reason": "Lengkapi data"}
    indonesian = render_message(kind, context, "id")
    english = render_message(kind, context, "en")
    for message in (indonesian, english):
        assert message.subject and "\n" not in message.subject
        assert "2.11" in message.subject and "Kota Yogyakarta" in message.subject
        assert "Operator KSD" in message.body
    assert indonesian.subject != english.subject and indonesian.body != english.body
    assert indonesian.subject.startswith("Identifikasi urusan")
    assert "Persampahan" in indonesian.body and "Waste management" in english.body


def test_it_keeps_the_active_language_when_none_is_given() -> None:
    from django.utils import translation

    with translation.override("en"):
        assert render_message(NotificationKind.IDENTIFICATION_VERIFIED, CONTEXT).subject.endswith(
            "was verified"
        )


def test_it_renders_a_tkksd_decision_in_both_languages() -> None:
    context = {
        "region_name": "Kota Yogyakarta",
        "meeting_date": "12-11-2026",
        "subject": "Identifikasi urusan 2.11 Lingkungan Hidup",
        "outcome_label_id": "Dikembalikan dengan alasan",
        "outcome_label_en": "Returned with reasons",
        "reasons": "Lengkapi data",
        "actor_name": "Operator KSD",
    }
    indonesian = render_message(NotificationKind.TKKSD_DECISION_RECORDED, context, "id")
    english = render_message(NotificationKind.TKKSD_DECISION_RECORDED, context, "en")
    assert indonesian.subject == "Keputusan TKKSD Kota Yogyakarta: Dikembalikan dengan alasan"
    assert english.subject == "TKKSD decision for Kota Yogyakarta: Returned with reasons"
    for message in (indonesian, english):
        assert (
            "Operator KSD" in message.body
            and "12-11-2026" in message.body
            and "Lengkapi data" in message.body
        )


@pytest.mark.parametrize("kind", DISPUTE_KINDS)
def test_it_renders_every_dispute_kind_in_both_languages(kind: str) -> None:
    """A dispute's step names the case by its number and carries the note (an order, a reason)."""
    from kerjasama.disputes.notices import EVENTS

    event_id, event_en = EVENTS["order_due"]
    context = {
        "dispute_number": "PRS/2026/00012",
        "dispute_title": "Tunggakan tipping fee TPA",
        "event_id": event_id,
        "event_en": event_en,
        "stage_id": "Pelaksanaan keputusan",
        "stage_en": "Implementation of the decision",
        "actor_name": "Biro Pemerintahan Jawa Barat",
        "reason": "Membayar tunggakan (30-07-2026)",
    }
    indonesian = render_message(kind, context, "id")
    english = render_message(kind, context, "en")
    for message in (indonesian, english):
        assert message.subject and "\n" not in message.subject and "PRS/2026/00012" in message.subject
        assert "Membayar tunggakan" in message.body
    assert indonesian.subject.startswith("Perselisihan") and event_id in indonesian.subject
    assert english.subject.startswith("Dispute") and event_en in english.subject
    assert "mencatat langkah pada perselisihan" in indonesian.body


@pytest.mark.parametrize("kind", PRIVACY_KINDS)
def test_it_renders_every_privacy_kind_in_both_languages(kind: str) -> None:
    """A 3×24-hour clock of UU 27/2022 that ran out names the record and when it was due."""
    context = {"what_id": "Permintaan subjek data #4 (akses)", "due_text": "03-12-2026 10:00"}
    indonesian = render_message(kind, context, "id")
    english = render_message(kind, context, "en")
    for message in (indonesian, english):
        assert message.subject and "\n" not in message.subject and "#4" in message.subject
        assert "03-12-2026 10:00" in message.body
    assert indonesian.subject.startswith("Terlambat") and english.subject.startswith("Overdue")

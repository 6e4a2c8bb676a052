"""Acceptance (issue 15): "A data-subject request and a breach record each produce their letters and deadlines".

A request registered on the page gets its 3×24-hour deadline from receipt, shown as "sisa N jam" and, once
passed, "terlambat N jam"; the hourly escalation notifies the unit heads and the ministry once; the answer
produces the answer letter (PDF); an access request produces the person's data (JSON + PDF summary). A breach
gets its 3×24-hour notification deadline from discovery and its notification letter with what the law asks.
Everything is audited; nobody but the privacy officials sees any of it.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from kerjasama.accounts.models import User
from kerjasama.core.actors import SYSTEM
from kerjasama.core.errors import PermissionDenied
from kerjasama.core.models import AuditEvent
from kerjasama.notifications.models import Notification
from kerjasama.privacy import services
from kerjasama.privacy.domain.clock import clock
from kerjasama.privacy.models import DataBreach, DataSubjectRequest
from kerjasama.privacy.tests.conftest import body_of, pdf_text

pytestmark = pytest.mark.django_db


def test_it_counts_the_clock_in_hours_left_and_hours_late() -> None:
    due_at = timezone.now()
    assert clock(due_at=due_at, now=due_at - timedelta(hours=71, minutes=30)).text_id() == "sisa 72 jam"
    assert clock(due_at=due_at, now=due_at + timedelta(hours=5, minutes=1)).text_id() == "terlambat 6 jam"
    assert clock(due_at=due_at, now=due_at + timedelta(hours=5), stopped_at=due_at).text_en() == "done"


def test_a_data_subject_request_produces_its_deadline_escalation_and_letter(
    client_as: Any, persona: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_as("ministry")
    received = timezone.localtime(timezone.now() - timedelta(hours=70)).replace(second=0, microsecond=0)
    answer = client.post(
        "/privasi/permintaan/",
        {
            "kind": "correction",
            "subject_name": "Budi Contoh",
            "subject_email": "budi@example.org",
            "details": "Mohon perbaiki ejaan nama saya pada surat penawaran.",
            "received_at": received.strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert answer.status_code == 302, body_of(answer)
    request = DataSubjectRequest.objects.get()
    assert request.due_at == received + timedelta(hours=72)
    queue = body_of(client.get("/privasi/permintaan/"))
    assert "Budi Contoh" in queue and "sisa 2 jam" in queue
    assert (
        AuditEvent.objects.filter(action="privacy.request_received", object_id=str(request.pk)).count() == 1
    )

    # Past its 3×24 hours: shown late, escalated once to the unit heads of the region and the ministry.
    later = request.due_at + timedelta(hours=3, minutes=10)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.escalate_late(later) == {"requests": 1, "breaches": 0}
    assert services.escalate_late(later + timedelta(hours=1)) == {"requests": 0, "breaches": 0}
    sent = Notification.objects.filter(kind="privacy.overdue", object_id=str(request.pk))
    ministry_ids = set(User.objects.filter(role="kementerian").values_list("pk", flat=True))
    assert ministry_ids and set(sent.values_list("recipient_id", flat=True)) == ministry_ids
    DataSubjectRequest.objects.filter(pk=request.pk).update(
        due_at=timezone.now() - timedelta(hours=4, minutes=30)
    )
    assert "terlambat 5 jam" in body_of(client.get(f"/privasi/permintaan/{request.pk}/"))

    answer = client.post(
        f"/privasi/permintaan/{request.pk}/",
        {"answer": "Nama Saudara telah kami perbaiki pada surat tersebut."},
    )
    assert answer.status_code == 302
    request.refresh_from_db()
    assert request.status == "answered" and request.answered_at is not None
    letter = client.get(f"/privasi/permintaan/{request.pk}/surat.pdf")
    assert letter.status_code == 200 and letter["Content-Type"] == "application/pdf"
    text = pdf_text(letter.content, tmp_path)
    for expected in (
        "Nomor",
        "Sifat",
        "Hal",
        "Budi Contoh",
        "Nama Saudara telah kami perbaiki",
        "3 x 24",
        "Undang-Undang Nomor 27 Tahun 2022",
        "Pejabat Pelindungan Data Pribadi",
    ):
        assert expected in text, expected
    assert set(
        AuditEvent.objects.filter(
            object_id=str(request.pk), object_type__contains="datasubjectrequest"
        ).values_list("action", flat=True)
    ) >= {
        "privacy.request_received",
        "privacy.request_escalated",
        "privacy.request_answered",
        "privacy.letter_downloaded",
    }


def test_an_access_request_exports_the_persons_data_as_json_and_pdf(
    client_as: Any, persona: Any, tmp_path: Path
) -> None:
    subject = persona("kabkota")
    request = services.receive_request(
        actor=persona("admin"),
        kind="access",
        subject_name=subject.full_name or subject.username,
        details="Data apa saja tentang saya?",
        subject_user=subject,
    )
    client = client_as("admin")
    data = json.loads(client.get(f"/privasi/permintaan/{request.pk}/data.json").content)
    assert data["account"]["username"] == subject.username and data["account"]["email"] == subject.email
    summary = client.get(f"/privasi/permintaan/{request.pk}/ringkasan.pdf")
    assert summary.status_code == 200
    assert subject.username in pdf_text(summary.content, tmp_path)
    assert client.get(f"/privasi/permintaan/{request.pk}/surat.pdf").status_code == 404  # not answered yet


def test_a_breach_record_produces_its_deadline_and_notification_letter(
    client_as: Any, tmp_path: Path
) -> None:
    client = client_as("admin")
    discovered = timezone.localtime(timezone.now() - timedelta(hours=10)).replace(second=0, microsecond=0)
    answer = client.post(
        "/privasi/insiden/",
        {
            "title": "Ekspor daftar pengguna terkirim ke alamat salah",
            "data_disclosed": "nama, e-mail dan jabatan 12 pejabat",
            "discovered_at": discovered.strftime("%Y-%m-%dT%H:%M"),
            "how": "lampiran e-mail dikirim ke penerima yang keliru",
            "affected": "pejabat Bagian Kerja Sama Kota Yogyakarta",
            "affected_count": "12",
            "measures": "penerima diminta menghapus; kata sandi diatur ulang",
        },
    )
    assert answer.status_code == 302, body_of(answer)
    breach = DataBreach.objects.get()
    assert breach.due_at == discovered + timedelta(hours=72)
    assert "sisa 62 jam" in body_of(client.get(f"/privasi/insiden/{breach.pk}/"))
    letter = client.get(f"/privasi/insiden/{breach.pk}/surat.pdf")
    assert letter.status_code == 200
    text = pdf_text(letter.content, tmp_path)
    for expected in (
        "Pemberitahuan kegagalan pelindungan data pribadi",
        "Pasal 46",
        "nama, e-mail dan jabatan",
        "dikirim ke penerima yang keliru",
        "12 orang",
        "kata sandi diatur ulang",
        "Lembaga Penyelenggara Pelindungan Data Pribadi",
        "3 x 24 jam",
    ):
        assert expected in text, expected
    # Late and not notified: escalated once; recorded as notified: the clock stops.
    assert services.escalate_late(breach.due_at + timedelta(minutes=1)) == {"requests": 0, "breaches": 1}
    assert client.post(f"/privasi/insiden/{breach.pk}/").status_code == 302
    breach.refresh_from_db()
    assert breach.status == "notified"
    assert "selesai" in body_of(client.get("/privasi/insiden/"))
    assert set(
        AuditEvent.objects.filter(object_type__contains="databreach").values_list("action", flat=True)
    ) == {
        "privacy.breach_recorded",
        "privacy.breach_escalated",
        "privacy.breach_notified",
        "privacy.letter_downloaded",
    }


@pytest.mark.parametrize("name", [None, "kabkota", "province", "third_party", "auditor"])
def test_it_shows_requests_and_breaches_to_the_privacy_officials_only(
    client_as: Any, persona: Any, name: Any
) -> None:
    request = services.receive_request(
        actor=SYSTEM, kind="access", subject_name="Siti Contoh", details="akses"
    )
    breach = services.record_breach(
        actor=SYSTEM,
        title="Insiden contoh",
        data_disclosed="e-mail",
        discovered_at=timezone.now(),
        how="salah kirim",
        affected="pengguna",
        measures="dihapus",
    )
    client = client_as(name)
    for url in (
        "/privasi/",
        "/privasi/catatan-pemrosesan.xlsx",
        "/privasi/permintaan/",
        f"/privasi/permintaan/{request.pk}/",
        f"/privasi/permintaan/{request.pk}/data.json",
        "/privasi/insiden/",
        f"/privasi/insiden/{breach.pk}/",
        f"/privasi/insiden/{breach.pk}/surat.pdf",
    ):
        answer = client.get(url)
        if name is None:  # the site asks an anonymous visitor to sign in first
            assert answer.status_code == 302 and answer["Location"].startswith("/masuk/"), url
        else:
            assert answer.status_code == 404, url
    if name is not None:
        assert 'data-testid="nav-privacy"' not in body_of(client.get("/"))
        with pytest.raises(PermissionDenied):
            services.receive_request(actor=persona(name), kind="access", subject_name="X", details="akses")


def test_it_refuses_a_request_without_name_or_with_a_bad_nik(persona: Any) -> None:
    from kerjasama.core.errors import KerjasamaError

    with pytest.raises(KerjasamaError) as blank:
        services.receive_request(actor=persona("admin"), kind="access", subject_name=" ", details="x")
    assert blank.value.code == "privacy.required"
    with pytest.raises(KerjasamaError) as bad:
        services.receive_request(
            actor=persona("admin"), kind="access", subject_name="A", details="x", subject_nik="123"
        )
    assert bad.value.code == "privacy.bad_nik"


def test_it_serves_the_register_with_its_exports(client_as: Any) -> None:
    client = client_as("ministry")
    page = body_of(client.get("/privasi/"))
    assert "Pasal 20(2)" in page and "letters.letter.signer_nip" in page
    assert 'data-testid="nav-privacy"' in page  # the menu leads the privacy officials here
    exported = json.loads(client.get("/privasi/catatan-pemrosesan.json").content)
    assert {a["key"] for a in exported["activities"]} >= {"accounts", "signatories", "subject_requests"}
    xlsx = client.get("/privasi/catatan-pemrosesan.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"

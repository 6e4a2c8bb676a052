"""Example data of the privacy app (DATA CONTOH): one access request and one breach, labelled as examples, so
the queue, the log and their pages show something in a demo installation. Idempotent."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from kerjasama.core.actors import Actor
from kerjasama.privacy import services
from kerjasama.privacy.models import DataBreach, DataSubjectRequest

EXAMPLE = "(DATA CONTOH)"


def load_privacy_demo(*, actor: Actor) -> int:
    made = 0
    now = timezone.now()
    if not DataSubjectRequest.objects.filter(subject_name__endswith=EXAMPLE).exists():
        services.receive_request(
            actor=actor,
            kind="access",
            subject_name=f"Pemohon Contoh {EXAMPLE}",
            subject_email="pemohon@example.org",
            details="Contoh: mohon salinan data pribadi saya yang tersimpan di sistem Kerjasama.",
            received_at=now - timedelta(hours=20),
        )
        made += 1
    if not DataBreach.objects.filter(title__endswith=EXAMPLE).exists():
        services.record_breach(
            actor=actor,
            title=f"Lampiran e-mail terkirim ke penerima keliru {EXAMPLE}",
            data_disclosed="Contoh: nama, e-mail dan jabatan pejabat Bagian Kerja Sama",
            discovered_at=now - timedelta(hours=6),
            how="Contoh: ekspor daftar pengguna dikirim ke alamat yang salah",
            affected="Contoh: 12 pejabat Bagian Kerja Sama",
            affected_count=12,
            measures="Contoh: penerima diminta menghapus berkas; kata sandi diatur ulang",
        )
        made += 1
    return made

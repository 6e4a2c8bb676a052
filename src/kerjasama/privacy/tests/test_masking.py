"""NIK and NIP never appear unmasked in a public page, public API answer, open-data file or public export: markers
planted on users (officials and a third party's representative), on letter signatories, on the parties'
signatories and holders of a power of attorney and on a data subject's request, then every public surface crawled
(the register's pages and PKS route, ``/api/v1/public/``, the open-data files, zip and ``kerjasama open-data``)."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from kerjasama.agreements.models import Agreement, AgreementParty
from kerjasama.core.actors import SYSTEM
from kerjasama.letters.models import Letter
from kerjasama.oversight.tests.test_opendata import (  # noqa: F401 - the fixtures the crawl needs
    _no_public_rate_limit,
    _public_answers,
    opened,
)
from kerjasama.oversight.tests.test_public import planted, public_urls  # noqa: F401 - the planted fixture
from kerjasama.privacy import services
from kerjasama.privacy.domain.masking import mask_identifiers, mask_nik, mask_nip
from kerjasama.privacy.tests.conftest import body_of

NIP = "197705052003121077"
NIK = "3471015507770011"
REP_NIK = "3404016612880022"
SIGNER_NIP = "196912311994031055"


def test_it_masks_nip_and_nik_keeping_only_the_ends() -> None:
    assert mask_nip(NIP) == "1977************77"
    assert mask_nik(NIK) == "3471**********11"
    assert mask_nip("") == "" and mask_nik("12") == "**"
    text = f"NIP {NIP}, NIK {NIK[:4]} {NIK[4:8]} {NIK[8:12]} {NIK[12:]}; telepon 0812-7777-3131"
    masked = mask_identifiers(text)
    assert NIP not in masked and NIK[4:8] not in masked and "0812-7777-3131" in masked


@pytest.mark.django_db
def test_it_shows_no_nik_or_nip_on_any_public_surface(
    opened: dict[str, Any],  # noqa: F811 - the imported fixture
    persona: Any,
    tmp_path: Path,
) -> None:
    official = persona("kabkota")
    official.position = f"Kepala Bagian Kerja Sama, NIP {NIP}"
    official.save()
    representative = persona("third_party")
    representative.full_name = f"Perwakilan Mitra NIK {REP_NIK}"
    representative.position = f"Direktur, NIK {REP_NIK}"
    representative.save()
    agreements = [a for a in opened.values() if isinstance(a, Agreement)]
    AgreementParty.objects.filter(agreement__in=agreements).update(
        signatory_name=f"Penandatangan NIP {SIGNER_NIP}", power_of_attorney_holder=f"Kuasa NIK {REP_NIK}"
    )
    for agreement in agreements:
        Letter.objects.create(
            agreement=agreement,
            kind="offer",
            region_id="34.71",
            issuing_unit=official.organisation,
            status="final",
            subject="Penawaran kerja sama",
            addressee="Bupati Sleman",
            body=f"Isi surat, narahubung NIK {NIK}.",
            signer_name="Pejabat Contoh",
            signer_nip=SIGNER_NIP,
        )
    services.receive_request(
        actor=SYSTEM,
        kind="access",
        subject_name="Subjek Contoh",
        subject_nik=NIK,
        details="akses",
        received_at=timezone.now() - timedelta(hours=1),
    )
    answers = _public_answers(opened)
    client = Client()
    for url in [*public_urls(opened), "/", "/data-terbuka/", "/daftar-kerja-sama/?q=Penandatangan"]:
        answers[url] = body_of(client.get(url))
    call_command("open_data", str(tmp_path / "paket"), stdout=io.StringIO())
    for path in (tmp_path / "paket").iterdir():
        answers[f"file:{path.name}"] = path.read_text()
    assert len(answers) > 40
    for where, body in answers.items():
        flat = body.replace(" ", "").replace(".", "")
        for marker in (NIP, NIK, REP_NIK, SIGNER_NIP):
            assert marker not in flat, f"{marker} unmasked in {where}"

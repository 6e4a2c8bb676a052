"""The dispute pages show the case: parties, path, the rulebook's proposal with its basis, the screening panel
only to the resolver, the rounds; the menu leads there for the roles that use it; Indonesian by default."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.core.actors import SYSTEM
from kerjasama.disputes import services
from kerjasama.disputes.models import Dispute
from kerjasama.disputes.tests.conftest import TODAY

pytestmark = pytest.mark.django_db


def test_it_shows_the_case_and_the_screening_panel_to_the_resolver(client_as: Any, dispute: Dispute) -> None:
    page = client_as("province").get(f"/perselisihan/{dispute.pk}/").content.decode()
    assert dispute.number in page
    assert "Kota Yogyakarta" in page and "Pemohon" in page
    assert "UU 23/2014 Pasal 370(1)" in page
    assert 'data-testid="screen-form"' in page
    party_page = client_as("kabkota").get(f"/perselisihan/{dispute.pk}/").content.decode()
    assert 'data-testid="screen-form"' not in party_page
    assert 'data-testid="close-form"' in party_page


def test_it_shows_the_rounds_and_their_form_during_deliberation(
    client_as: Any, deliberating: Dispute
) -> None:
    services.record_round(
        actor=SYSTEM, dispute=deliberating, meeting_date=TODAY, minutes="Rapat pertama", issues=["Tarif"]
    )
    page = client_as("neighbour").get(f"/perselisihan/{deliberating.pk}/").content.decode()
    assert "Rapat pertama" in page and "Tarif" in page
    assert 'data-testid="round-form"' in page
    assert "Musyawarah gagal" in page


def test_a_bad_registration_keeps_the_form_with_its_message(client_as: Any) -> None:
    answer = client_as("kabkota").post(
        "/perselisihan/daftar/",
        {
            "new-title": "Tanpa termohon",
            "new-kind": "KSDD",
            "new-sector": "aset",
            "new-causes": ["aset"],
            "new-claims": "x",
            "new-claimant": "34.71",
        },
    )
    assert answer.status_code == 422
    assert "pemohon dan satu termohon" in answer.content.decode()
    assert not Dispute.objects.exists()


def test_the_menu_leads_to_the_disputes_for_the_roles_that_use_them(client_as: Any) -> None:
    for name in ("ministry", "province", "kabkota", "third_party", "auditor"):
        assert 'data-testid="nav-disputes"' in client_as(name).get("/perselisihan/").content.decode(), name


def test_the_list_speaks_english_when_chosen(client_as: Any, dispute: Dispute) -> None:
    client = client_as("kabkota")
    client.post("/i18n/setlang/", {"language": "en", "next": "/perselisihan/"})
    page = client.get("/perselisihan/").content.decode()
    assert "Disputes you may see" in page
    assert "Registered, awaiting screening" in page


def test_each_party_confirms_the_issue_list_on_the_page(client_as: Any, deliberating: Dispute) -> None:
    row = services.record_round(
        actor=SYSTEM, dispute=deliberating, meeting_date=TODAY, minutes="Rapat", issues=["Tarif"]
    )
    sleman = deliberating.parties.get(region_id="34.04")
    client = client_as("neighbour")
    assert (
        "Konfirmasi daftar masalah untuk Kabupaten Sleman"
        in client.get(f"/perselisihan/{deliberating.pk}/").content.decode()
    )
    answer = client.post(
        f"/perselisihan/{deliberating.pk}/konfirmasi/", {"round": str(row.pk), "party": str(sleman.pk)}
    )
    assert answer.status_code == 302
    page = client.get(f"/perselisihan/{deliberating.pk}/").content.decode()
    assert "Konfirmasi daftar masalah untuk" not in page
    refused = client_as("kabkota").post(
        f"/perselisihan/{deliberating.pk}/konfirmasi/", {"round": str(row.pk), "party": str(sleman.pk)}
    )
    assert refused.status_code == 403


def test_a_closed_case_leads_to_its_lessons(client_as: Any, dispute: Dispute) -> None:
    page = client_as("kabkota").get(f"/perselisihan/{dispute.pk}/")
    assert 'data-testid="lessons-link"' not in page.content.decode(), "open: no lessons yet"
    services.withdraw(actor=SYSTEM, dispute=dispute, reason="Diselesaikan di luar sistem.")
    page = client_as("kabkota").get(f"/perselisihan/{dispute.pk}/")
    assert f'href="/perselisihan/{dispute.pk}/pelajaran/"' in page.content.decode()

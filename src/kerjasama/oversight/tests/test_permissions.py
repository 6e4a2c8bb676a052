"""The permission matrix of the publication consent page over the named personas (house rule 10).

Each party's own cooperation unit records its side's decision; whoever sees the agreement sees the page; the
other province's region and the third party: the agreement does not exist for them (404). The public register
needs no login."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.agreements.models import Agreement
from kerjasama.oversight.models import PublicationConsent
from kerjasama.oversight.tests.conftest import YOGYA, consent_all, party_of

pytestmark = pytest.mark.django_db

#: persona → consent page (GET), recording Kota Yogyakarta's decision (POST), public register (GET)
MATRIX = {
    None: (302, 302, 200),
    "kabkota": (200, 302, 200),
    "neighbour": (200, 403, 200),
    "province": (200, 403, 200),
    "ministry": (200, 403, 200),
    "auditor": (200, 403, 200),
    "other_province": (404, 404, 200),
    "third_party": (404, 404, 200),
    "admin": (200, 302, 200),
}


@pytest.mark.parametrize("who", list(MATRIX))
def test_it_lets_each_persona_see_and_decide_what_the_matrix_says(
    client_as: Any, waste: Agreement, who: str | None
) -> None:
    page, record, public = MATRIX[who]
    party = party_of(waste, YOGYA)
    client = client_as(who)
    url = f"/kerja-sama/{waste.pk}/publikasi/"
    assert client.get(url).status_code == page
    answer = client.post(url, {"party": party.pk, f"p{party.pk}-decision": "consent"})
    assert answer.status_code == record
    assert PublicationConsent.objects.filter(party=party).exists() == (record == 302 and who is not None)
    assert client.get("/daftar-kerja-sama/").status_code == public


def test_it_shows_each_partys_decision_and_withheld_parts_in_words(
    client_as: Any, persona: Any, waste: Agreement
) -> None:
    consent_all(persona, waste, value="17e")
    client = client_as("neighbour")
    client.cookies["django_language"] = "en"
    body = client.get(f"/kerja-sama/{waste.pk}/publikasi/").content.decode()
    assert "Pasal 17(e): national economic resilience" in body
    assert 'data-testid="publication-state"' in body and "Published" in body


def test_the_agreement_page_links_its_publication_page(client_as: Any, waste: Agreement) -> None:
    """The parties reach the consent page from the agreement itself (the register's publication decision)."""
    body = client_as("kabkota").get(f"/kerja-sama/{waste.pk}/").content.decode()
    assert f'href="/kerja-sama/{waste.pk}/publikasi/"' in body

"""The agreements API says whether each agreement is published (through the agreements' publication hook)."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.agreements.models import Agreement
from kerjasama.oversight.services import record_publication_consent
from kerjasama.oversight.tests.conftest import YOGYA, consent_all, party_of

pytestmark = pytest.mark.django_db


def test_it_shows_the_publication_state_in_the_agreements_api(
    client_as: Any, persona: Any, waste: Agreement
) -> None:
    client = client_as("kabkota")
    detail = client.get(f"/api/v1/agreements/{waste.pk}").json()
    assert (detail["published"], detail["publication"]) == (False, "not_published")
    record_publication_consent(
        actor=persona("kabkota"), agreement=waste, party=party_of(waste, YOGYA), decision="consent"
    )
    assert client.get(f"/api/v1/agreements/{waste.pk}").json()["publication"] == "partial"
    consent_all(persona, waste)
    detail = client.get(f"/api/v1/agreements/{waste.pk}").json()
    assert (detail["published"], detail["publication"]) == (True, "published")
    items = {item["id"]: item for item in client.get("/api/v1/agreements").json()["items"]}
    assert items[waste.pk]["published"] is True

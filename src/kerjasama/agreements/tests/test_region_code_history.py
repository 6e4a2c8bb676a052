"""An agreement keeps the region codes it was made with (issue 15, item 6; docs/region-codes.md).

After the synthetic split of ``regions/tests/fixtures`` (example data: Kab. Sleman 34.04 recoded 39.01), the
agreement proposed before it still opens, and its page shows the old and the current code of its party.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from kerjasama.agreements.models import Agreement
from kerjasama.agreements.tests.conftest import propose_waste
from kerjasama.core.actors import SYSTEM
from kerjasama.regions.domain.instruments import parse_instrument
from kerjasama.regions.region_codes import apply_instrument

pytestmark = pytest.mark.django_db

SPLIT = Path(__file__).parents[2] / "regions" / "tests" / "fixtures" / "instrument_synthetic_split.json"


def test_it_shows_the_old_and_the_current_code_after_a_split(people: dict[str, Any], client_as: Any) -> None:
    agreement = propose_waste(people)
    Agreement.objects.filter(pk=agreement.pk).update(
        created_at=dt.datetime(2025, 6, 1, 9, 0, tzinfo=dt.UTC)  # made under the codes of 300.2.2-2138/2025
    )
    url = reverse("agreements:detail", kwargs={"pk": agreement.pk})
    before = client_as("neighbour").get(url).content.decode()
    assert 'data-testid="code-note-34.04"' not in before  # nothing to say while the code is unchanged
    apply_instrument(actor=SYSTEM, parsed=parse_instrument(SPLIT.read_bytes(), filename=SPLIT.name))
    for who in ("kabkota", "neighbour", "ministry"):
        page = client_as(who).get(url)
        assert page.status_code == 200, who
        body = page.content.decode()
        assert 'data-testid="code-note-34.04"' in body, who
        assert "kode lama 34.04, kini 39.01" in body, who
        assert 'data-testid="code-note-34.71"' not in body  # Kota Yogyakarta kept its code
    # An agreement made after the instrument was made with the new code: no note.
    Agreement.objects.filter(pk=agreement.pk).update(created_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    assert 'data-testid="code-note-34.04"' not in client_as("neighbour").get(url).content.decode()

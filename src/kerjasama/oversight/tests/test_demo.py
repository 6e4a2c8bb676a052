"""The example publication (DATA CONTOH): the example agreements in force are published once, the first with
its value withheld, and the public register shows them under the example banner."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kerjasama.agreements.demo import load_agreements_demo
from kerjasama.core.actors import SYSTEM
from kerjasama.oversight.demo import load_publication_demo
from kerjasama.oversight.models import PublicationConsent
from kerjasama.oversight.selectors import published_agreements
from kerjasama.tkksd.demo import load_tkksd_demo

pytestmark = pytest.mark.django_db


def test_it_publishes_the_example_agreements_in_force_once(db: Any) -> None:
    load_tkksd_demo(actor=SYSTEM)
    load_agreements_demo(actor=SYSTEM)
    made = load_publication_demo(actor=SYSTEM)
    published = list(published_agreements())
    assert made > 0 and published
    assert all(a.is_example and a.stage == "pelaksanaan" for a in published)
    assert any(c.withheld == [{"item": "value", "reason": "17b"}] for c in PublicationConsent.objects.all())
    assert load_publication_demo(actor=SYSTEM) == 0
    body = Client().get("/daftar-kerja-sama/").content.decode()
    assert 'data-testid="example-banner"' in body
    assert Client().get(f"/daftar-kerja-sama/{published[0].pk}/").status_code == 200

"""Issue 9: a verified/published identification marks its affair for a bounded refresh; pages and the API say
when the recommendations shown were computed; the API carries the externality of each recommendation."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.accounts.models import User
from kerjasama.affairs.models import Affair
from kerjasama.core.actors import SYSTEM
from kerjasama.mapping import runner
from kerjasama.mapping.domain import engine
from kerjasama.mapping.models import StaleRegion
from kerjasama.mapping.services import (
    publish_identification,
    save_identification,
    set_indicator_value,
    submit_identification,
    verify_identification,
)
from kerjasama.regions.models import Region

pytestmark = pytest.mark.django_db
DIY = {"34", "34.01", "34.02", "34.03", "34.04", "34.71"}


def _published(persona: Any, django_capture_on_commit_callbacks: Any) -> None:
    item = save_identification(
        actor=persona("kabkota"),
        region=Region.objects.get(code="34.71"),
        affair=Affair.objects.get(code="1.02"),
        needs="Rujukan rumah sakit kelas B",
        externalities="Pasien rujukan lintas batas dan pengendalian penyakit menular",
    )
    submit_identification(actor=persona("kabkota"), identification=item)
    with django_capture_on_commit_callbacks(execute=False):
        verify_identification(actor=User.objects.get(username="tkksd.yogya"), identification=item)
        publish_identification(actor=persona("kabkota"), identification=item)


def test_it_marks_the_affair_of_a_verified_identification(
    persona: Any, django_capture_on_commit_callbacks: Any
) -> None:
    _published(persona, django_capture_on_commit_callbacks)
    mark = StaleRegion.objects.get(region_id="34.71")
    assert mark.identifications_changed and mark.affairs == [["1.02", True, False]]
    # A value change afterwards adds the affairs the indicator informs, as needing and offering (the region's
    # candidates on them: its pairs there changed), to the bounded set.
    with django_capture_on_commit_callbacks(execute=False):
        set_indicator_value(
            actor=persona("kabkota"),
            region=Region.objects.get(code="34.71"),
            indicator_code="hospital_beds",
            year=2025,
            value=1.0,
            source="Dinkes (uji)",
        )
    assert StaleRegion.objects.get(region_id="34.71").affairs == [["1.02", True, True]]


def test_it_bounds_the_refresh_to_neighbours_and_the_same_affair(
    persona: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from kerjasama.mapping.demo import load_mapping_demo

    load_mapping_demo(actor=SYSTEM)
    inputs = runner.load_inputs()
    bounded = engine.affected_regions(inputs, "34.71", affairs=["1.02"])
    needing = engine.affected_regions(inputs, "34.71", affairs=["1.02"], sides={"1.02": (True, False)})
    everyone = engine.affected_regions(inputs, "34.71")
    assert {"34.71", "34.04", "34.02", "34"} <= needing <= bounded < everyone
    # A need on health matches only the regions that offer health.
    static = set(inputs.static_partners("34.71")) | {"34.71"}
    assert needing <= static | inputs._offerers.get("1.02", frozenset())


def test_it_makes_a_published_externality_mandatory_for_bordering_partners(
    persona: Any, django_capture_on_commit_callbacks: Any
) -> None:
    runner.run(actor=SYSTEM, regions=DIY)
    # Health (1.02) carries no externality in the Lampiran: bordering partners are voluntary ...
    before = runner.run(actor=SYSTEM, regions={"34.71"}, store=False)[1]
    assert not [r for r in before if r.affair == "1.02" and r.mandatory_eligible]
    _published(persona, django_capture_on_commit_callbacks)
    # ... until Kota Yogyakarta publishes an identification that states one.
    after = runner.run(actor=SYSTEM, regions={"34.71"}, store=False)[1]
    wajib = [r for r in after if r.affair == "1.02" and r.mandatory_eligible]
    assert wajib and all(r.borders for r in wajib)
    ext = wajib[0].to_dict()["externality"]
    assert ext["source"] == "identification" and "identifikasi" in ext["text"]


def test_it_says_when_the_shown_recommendations_were_computed(client_as: Any) -> None:
    runner.run(actor=SYSTEM, regions=DIY)
    client = client_as("kabkota")
    page = client.get("/pemetaan/34.71/").content.decode()
    assert 'data-testid="computed-at"' in page and "<time datetime=" in page
    data = client.get("/api/v1/mapping/regions/34.71").json()
    assert data["computed_at"]["oldest"] and data["computed_at"]["oldest"] <= data["computed_at"]["newest"]
    rec = data["recommendations"][0]
    assert rec["computed_at"] and isinstance(rec["mandatory_eligible"], bool)
    assert rec["externality"]["text"] and rec["externality"]["mandatory_eligible"] is rec["mandatory_eligible"]
    province = client_as("province").get("/pemetaan/provinsi/34/").content.decode()
    assert 'data-testid="computed-at"' in province

"""Adjacency: symmetric, derived province adjacency, islands, manual overrides with audit (R7 input)."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.core.errors import KerjasamaError
from kerjasama.core.models import AuditEvent
from kerjasama.regions.models import Adjacency, AdjacencyOverride, Region
from kerjasama.regions.selectors import effective_kabkota_pairs, neighbours_of, province_pairs
from kerjasama.regions.services import add_adjacency_override, revoke_adjacency_override

pytestmark = pytest.mark.django_db

#: Island regions with no land neighbour in the boundary data (shared/data/boundaries/README.md).
ISLANDS = [
    "11.09",
    "11.72",
    "13.09",
    "14.10",
    "21.02",
    "21.03",
    "21.04",
    "21.05",
    "21.71",
    "31.01",
    "53.05",
    "53.13",
    "53.14",
    "53.20",
    "65.71",
    "71.03",
    "71.04",
    "71.09",
    "72.07",
    "72.11",
    "73.01",
    "74.07",
    "74.12",
    "81.03",
    "81.07",
    "81.08",
    "82.05",
    "82.07",
    "82.08",
    "82.71",
    "91.05",
]


def codes_of(region_code: str) -> set[str]:
    return {n.code for n in neighbours_of(Region.objects.get(code=region_code))}


def test_it_knows_the_neighbours_of_kota_yogyakarta() -> None:
    assert {"34.04", "34.02"} <= codes_of("34.71")


def test_it_has_at_least_976_kabkota_pairs_stored_once_in_order() -> None:
    assert Adjacency.objects.count() >= 976
    assert all(a < b for a, b in Adjacency.objects.values_list("region_a_id", "region_b_id"))


def test_it_is_symmetric() -> None:
    pairs = effective_kabkota_pairs()
    for code in ["34.71", "34.04", "32.73", "33.74", "35.78"]:
        for other in codes_of(code):
            assert code in codes_of(other)
    assert all((b, a) not in pairs for a, b in pairs)


def test_it_gives_island_regions_no_land_neighbour() -> None:
    for code in ISLANDS:
        assert codes_of(code) == set(), code


def test_it_derives_province_adjacency_from_kabkota_pairs() -> None:
    assert codes_of("34") == {"33"}
    assert {"32", "34", "35"} <= codes_of("33")
    provinces = province_pairs()
    assert ("33", "34") in provinces and provinces[("33", "34")] >= 2
    assert codes_of("51") == set()  # Bali: separated from Java and Lombok by sea


def test_it_records_a_maritime_border_override_with_audit(persona: Any) -> None:
    ministry = persona("ministry")
    override = add_adjacency_override(
        actor=ministry,
        code_a="53.13",
        code_b="53.05",
        effect="add",
        reason="Perbatasan laut Selat Alor (contoh uji)",
        source="Peta batas laut (uji)",
    )
    assert (override.region_a_id, override.region_b_id) == ("53.05", "53.13")
    assert "53.13" in codes_of("53.05") and "53.05" in codes_of("53.13")
    neighbour = next(n for n in neighbours_of(Region.objects.get(code="53.05")) if n.code == "53.13")
    assert neighbour.override_reason.startswith("Perbatasan laut")
    event = AuditEvent.objects.get(action="regions.adjacency_override_added")
    assert event.actor == ministry and event.reason.startswith("Perbatasan laut")


def test_it_removes_a_pair_by_override_and_restores_it_on_revoke(persona: Any) -> None:
    override = add_adjacency_override(
        actor=persona("admin"),
        code_a="19.01",
        code_b="19.02",
        effect="remove",
        reason="Bangka dan Belitung pulau terpisah",
        source="uji",
    )
    assert "19.02" not in codes_of("19.01")
    revoke_adjacency_override(actor=persona("admin"), override=override, reason="uji selesai")
    assert "19.02" in codes_of("19.01")
    with pytest.raises(KerjasamaError) as err:
        revoke_adjacency_override(actor=persona("admin"), override=override, reason="lagi")
    assert err.value.code == "regions.override_inactive"


@pytest.mark.parametrize(
    ("a", "b", "reason", "source", "code"),
    [
        ("34.71", "99.99", "x", "y", "regions.unknown_region"),
        ("34.71", "34", "x", "y", "regions.override_needs_kabkota"),
        ("34.71", "34.71", "x", "y", "regions.self_pair"),
        ("34.71", "33.74", "", "y", "regions.override_needs_reason"),
        ("34.71", "33.74", "x", " ", "regions.override_needs_reason"),
    ],
)
def test_it_refuses_a_bad_override_and_changes_nothing(
    persona: Any, a: str, b: str, reason: str, source: str, code: str
) -> None:
    before = AuditEvent.objects.count()
    with pytest.raises(KerjasamaError) as err:
        add_adjacency_override(
            actor=persona("ministry"), code_a=a, code_b=b, effect="add", reason=reason, source=source
        )
    assert err.value.code == code
    assert err.value.message_id and err.value.message_en
    assert not AdjacencyOverride.objects.exists()
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("who", ["kabkota", "province", "third_party", "auditor"])
def test_it_lets_only_the_ministry_and_admins_override(persona: Any, who: str) -> None:
    with pytest.raises(KerjasamaError) as err:
        add_adjacency_override(
            actor=persona(who), code_a="53.05", code_b="53.13", effect="add", reason="x", source="y"
        )
    assert err.value.code == "permission_denied"

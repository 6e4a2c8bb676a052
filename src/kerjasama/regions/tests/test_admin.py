"""The admin never edits append-only rows (adjacency overrides, functional-area members) in place."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.regions.models import AdjacencyOverride
from kerjasama.regions.services import add_adjacency_override

pytestmark = pytest.mark.django_db


def test_it_lets_the_admin_add_but_not_edit_an_override(client_as: Any, persona: Any) -> None:
    override = add_adjacency_override(
        actor=persona("admin"), code_a="53.05", code_b="53.13", effect="add", reason="uji", source="uji"
    )
    client = client_as("admin")
    assert client.get("/admin/regions/adjacencyoverride/add/").status_code == 200
    page = client.get(f"/admin/regions/adjacencyoverride/{override.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    client.post(f"/admin/regions/adjacencyoverride/{override.pk}/change/", {"reason": "diubah"})
    assert AdjacencyOverride.objects.get(pk=override.pk).reason == "uji"

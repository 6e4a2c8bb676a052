"""The rulebook's reference cache follows the explicit reference version, not the names of audit actions."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.affairs.models import AuthorityEntry
from kerjasama.affairs.services import update_authority_entry
from kerjasama.compliance import selectors
from kerjasama.core import audit
from kerjasama.core.actors import SYSTEM
from kerjasama.core.audit_actions import AuditAction
from kerjasama.regions.functional_areas import create_functional_area

pytestmark = pytest.mark.django_db


def test_it_keeps_the_cache_when_only_an_audit_event_is_written() -> None:
    before = selectors.reference_data()
    audit.record(actor=SYSTEM, action=AuditAction.REGIONS_LOADED, object_type="regions.region", object_id="*")
    assert selectors.reference_data() is before


def test_it_rebuilds_the_cache_when_the_authority_matrix_changes(persona: Any) -> None:
    before = selectors.reference_data()
    entry = AuthorityEntry.objects.filter(affair_id="1.01").order_by("position", "id").first()
    assert entry is not None
    update_authority_entry(actor=persona("ministry"), entry=entry, source="Lampiran resmi (uji)")
    assert selectors.reference_data() is not before


def test_it_rebuilds_the_cache_when_a_functional_area_is_created(persona: Any) -> None:
    before = selectors.reference_data()
    create_functional_area(
        actor=persona("ministry"), code="UJI_AREA", name="Kawasan uji", kind="metropolitan", legal_basis="uji"
    )
    assert selectors.reference_data() is not before

"""Reverting an authority-matrix row in the admin really restores it, through the service (issue 8, item 10)."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.affairs import services
from kerjasama.affairs.models import Affair, AuthorityEntry
from kerjasama.core.actors import SYSTEM
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.models import AuditEvent

pytestmark = pytest.mark.django_db

FIELDS = ("position", "sub_affair", "pusat", "provinsi", "kabkota", "notes", "confidence", "source")


def _entry() -> AuthorityEntry:
    return services.create_authority_entry(
        actor=SYSTEM,
        affair=Affair.objects.get(code="1.03"),
        position=99,
        sub_affair="Sub-urusan uji",
        pusat="",
        provinsi="Pengelolaan lintas kabupaten/kota",
        kabkota="Pengelolaan dalam kabupaten/kota",
        notes="versi pertama",
        confidence="S",
        source="Lampiran UU 23/2014",
    )


def test_it_reverts_an_authority_row_to_a_past_version_with_audit(client_as: Any) -> None:
    entry = _entry()
    first = entry.history.earliest()
    services.update_authority_entry(actor=SYSTEM, entry=entry, notes="versi kedua", confidence="V")
    client = client_as("admin")
    url = f"/admin/affairs/authorityentry/{entry.pk}/history/{first.history_id}/"
    form = client.get(url).context["adminform"].form
    assert form.initial["notes"] == "versi pertama"  # the revert form starts from the past version
    # It carries the version stored now, not the past version's number (issue 8, item 11).
    assert form.initial["expected_version"] == entry.version == 2
    response = client.post(url, {**{f: getattr(first, f) for f in FIELDS}, "expected_version": entry.version})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.notes, entry.confidence) == ("versi pertama", "S")
    event = AuditEvent.objects.filter(
        action=AuditAction.AUTHORITY_ENTRY_UPDATED, object_id=str(entry.pk)
    ).latest("pk")
    assert event.old is not None and event.new is not None
    assert (event.old["notes"], event.old["confidence"]) == ("versi kedua", "V")
    assert (event.new["notes"], event.new["confidence"]) == ("versi pertama", "S")


def test_it_writes_no_audit_event_for_an_admin_save_that_changes_nothing(client_as: Any) -> None:
    entry = _entry()
    response = client_as("admin").post(
        f"/admin/affairs/authorityentry/{entry.pk}/change/",
        {**{f: getattr(entry, f) for f in FIELDS}, "expected_version": entry.version},
    )
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(
        action=AuditAction.AUTHORITY_ENTRY_UPDATED, object_id=str(entry.pk)
    ).exists()

"""Two officials editing the same draft identification: the second save from the same loaded version is
refused instead of silently overwriting the first (optimistic locking, issue 8, item 11)."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.affairs.models import Affair
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import Conflict
from kerjasama.core.models import AuditEvent
from kerjasama.mapping import services
from kerjasama.mapping.models import Identification
from kerjasama.regions.models import Region

pytestmark = pytest.mark.django_db

URL = "/pemetaan/34.71/identifikasi/2.11/"


@pytest.fixture
def draft() -> Identification:
    return Identification.objects.create(region_id="34.71", affair_id="2.11", needs="draf awal")


def _save(persona: Any, needs: str, expected_version: int | None) -> Identification:
    return services.save_identification(
        actor=persona("kabkota"),
        region=Region.objects.get(code="34.71"),
        affair=Affair.objects.get(code="2.11"),
        needs=needs,
        expected_version=expected_version,
    )


def test_it_bumps_the_version_on_every_save(persona: Any, draft: Identification) -> None:
    assert draft.version == 1
    assert _save(persona, "draf kedua", 1).version == 2
    assert _save(persona, "draf ketiga", 2).version == 3
    draft.refresh_from_db()
    assert (draft.needs, draft.version) == ("draf ketiga", 3)


def test_it_refuses_the_second_save_from_the_same_loaded_version(persona: Any, draft: Identification) -> None:
    _save(persona, "isian pejabat pertama", 1)
    saved_before = AuditEvent.objects.filter(action=AuditAction.IDENTIFICATION_SAVED).count()
    with pytest.raises(Conflict) as err:
        _save(persona, "isian pejabat kedua", 1)
    assert err.value.code == "mapping.stale_version" and err.value.http_status == 409
    assert "disimpan oleh orang lain" in err.value.message_id and "Someone else saved" in err.value.message_en
    draft.refresh_from_db()
    assert (draft.needs, draft.version) == ("isian pejabat pertama", 2)
    assert AuditEvent.objects.filter(action=AuditAction.IDENTIFICATION_SAVED).count() == saved_before


def test_it_refuses_a_new_form_when_someone_created_the_identification_meanwhile(
    persona: Any, draft: Identification
) -> None:
    with pytest.raises(Conflict) as err:
        _save(persona, "isian dari formulir kosong", 0)
    assert err.value.code == "mapping.stale_version"
    draft.refresh_from_db()
    assert draft.needs == "draf awal"


def test_it_skips_the_check_when_the_caller_did_not_read_the_record(
    persona: Any, draft: Identification
) -> None:
    assert _save(persona, "impor", None).version == 2


def test_it_shows_the_conflict_on_the_page_and_keeps_what_the_official_typed(
    client_as: Any, draft: Identification
) -> None:
    # Two browser tabs (or two officials of the same unit) opened the draft at version 1.
    client = client_as("kabkota")
    page = client.get(URL).content.decode()
    assert 'name="version" value="1"' in page
    form = {"offers": "", "externalities": "", "programmes": "", "version": 1}
    assert client.post(URL, {**form, "needs": "isian pejabat pertama"}).status_code == 302
    response = client.post(URL, {**form, "needs": "isian pejabat kedua"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "disimpan oleh orang lain" in html and "isian pejabat kedua" in html
    draft.refresh_from_db()
    assert (draft.needs, draft.version) == ("isian pejabat pertama", 2)

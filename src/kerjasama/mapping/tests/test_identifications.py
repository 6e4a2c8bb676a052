"""Identification of cooperable affairs: draft → submitted → verified by the TKKSD → published."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.affairs.models import Affair
from kerjasama.core.errors import KerjasamaError
from kerjasama.core.models import AuditEvent
from kerjasama.mapping.domain.programmes import check_programme_code
from kerjasama.mapping.models import Identification
from kerjasama.mapping.services import (
    publish_identification,
    return_identification,
    save_identification,
    submit_identification,
    verify_identification,
)
from kerjasama.regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def tkksd(db: Any) -> Any:
    """The TKKSD member of Kota Yogyakarta (demo account)."""
    from kerjasama.accounts.models import User

    return User.objects.get(username="tkksd.yogya")


def draft(persona: Any, **extra: Any) -> Identification:
    return save_identification(
        actor=persona("kabkota"),
        region=Region.objects.get(code="34.71"),
        affair=Affair.objects.get(code="2.11"),
        needs="TPA Piyungan penuh; butuh pemrosesan akhir bersama",
        offers="",
        programmes=["2.11.04", "2.11.04.2.01"],
        **extra,
    )


def test_it_walks_the_workflow_with_the_right_people(persona: Any, tkksd: Any) -> None:
    item = draft(persona)
    assert item.status == "draft" and item.programmes == ["2.11.04", "2.11.04.2.01"]
    submit_identification(actor=persona("kabkota"), identification=item)
    verify_identification(actor=tkksd, identification=item)
    item = publish_identification(actor=persona("kabkota"), identification=item)
    assert item.status == "published" and item.verified_at and item.published_at
    actions = list(AuditEvent.objects.filter(object_id=str(item.pk)).values_list("action", flat=True))
    assert {
        "mapping.identification_saved",
        "mapping.identification_submit",
        "mapping.identification_verify",
        "mapping.identification_publish",
    } <= set(actions)


def test_it_lets_the_planning_unit_draft_too(persona: Any) -> None:
    from kerjasama.accounts.models import User

    planner = User.objects.get(username="bappeda.yogya")
    item = save_identification(
        actor=planner,
        region=Region.objects.get(code="34.71"),
        affair=Affair.objects.get(code="1.03"),
        needs="SPAM",
    )
    assert item.status == "draft"


def test_it_lets_only_the_regions_tkksd_verify(persona: Any) -> None:
    item = draft(persona)
    submit_identification(actor=persona("kabkota"), identification=item)
    for who in ("kabkota", "neighbour", "province", "ministry"):
        with pytest.raises(KerjasamaError) as err:
            verify_identification(actor=persona(who), identification=item)
        assert err.value.code == "permission_denied"


def test_it_returns_a_submission_with_a_reason(persona: Any, tkksd: Any) -> None:
    item = draft(persona)
    submit_identification(actor=persona("kabkota"), identification=item)
    with pytest.raises(KerjasamaError) as err:
        return_identification(actor=tkksd, identification=item, reason="  ")
    assert err.value.code == "mapping.reason_required"
    item = return_identification(actor=tkksd, identification=item, reason="Lengkapi")
    assert item.status == "returned" and item.return_reason == "Lengkapi"


def test_it_refuses_a_transition_from_the_wrong_state_once(persona: Any) -> None:
    item = draft(persona)
    submit_identification(actor=persona("kabkota"), identification=item)
    stale = Identification.objects.get(pk=item.pk)
    stale.status = "draft"  # a second browser tab still showing the draft
    with pytest.raises(KerjasamaError) as err:
        submit_identification(actor=persona("kabkota"), identification=stale)
    assert err.value.code == "mapping.state_changed"
    assert (
        AuditEvent.objects.filter(action="mapping.identification_submit", object_id=str(item.pk)).count() == 1
    )


def test_it_edits_only_drafts(persona: Any) -> None:
    item = draft(persona)
    submit_identification(actor=persona("kabkota"), identification=item)
    with pytest.raises(KerjasamaError) as err:
        draft(persona)
    assert err.value.code == "mapping.not_draft"


@pytest.mark.parametrize("who", ["neighbour", "province", "ministry", "third_party", "auditor"])
def test_it_lets_a_region_edit_only_its_own_identifications(persona: Any, who: str) -> None:
    with pytest.raises(KerjasamaError) as err:
        save_identification(
            actor=persona(who),
            region=Region.objects.get(code="34.71"),
            affair=Affair.objects.get(code="2.11"),
            needs="x",
        )
    assert err.value.code == "permission_denied"


@pytest.mark.parametrize("codes", [["2.11.4"], ["1.03.02"], ["2.11.04.1.01"], ["abc"]])
def test_it_refuses_malformed_programme_codes_and_saves_nothing(persona: Any, codes: list[str]) -> None:
    with pytest.raises(KerjasamaError) as err:
        save_identification(
            actor=persona("kabkota"),
            region=Region.objects.get(code="34.71"),
            affair=Affair.objects.get(code="2.11"),
            needs="x",
            programmes=codes,
        )
    assert err.value.code == "mapping.bad_programme_code" and err.value.details
    assert not Identification.objects.filter(region_id="34.71", affair_id="2.11").exists()


def test_it_checks_programme_codes_against_affair_and_level() -> None:
    assert check_programme_code("2.11.04.2.01.0001", affair_code="2.11", level="kabkota") is None
    assert check_programme_code("2.11.04.1.01", affair_code="2.11", level="provinsi") is None
    assert check_programme_code("2.11.04.1.01", affair_code="2.11", level="kabkota") is not None
    assert check_programme_code("1.03.02", affair_code="2.11", level="kabkota") is not None


def test_it_hides_drafts_from_others_and_shows_published_ones(persona: Any) -> None:
    item = draft(persona)
    mine = Identification.objects.restrict(persona("kabkota"), "view")
    assert item in mine and item in Identification.objects.restrict(persona("province"), "view")
    assert item in Identification.objects.restrict(persona("ministry"), "view")
    assert item not in Identification.objects.restrict(persona("neighbour"), "view")
    assert not Identification.objects.restrict(persona("third_party"), "view").exists()
    Identification.objects.filter(pk=item.pk).update(status="published")
    assert item in Identification.objects.restrict(persona("neighbour"), "view")
    assert not Identification.objects.restrict(persona("third_party"), "view").exists()

"""Fixtures of the TKKSD tests: Kota Yogyakarta's team built through the services, as its officials do."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from kerjasama.accounts.models import User
from kerjasama.regions.models import Region
from kerjasama.tkksd import services
from kerjasama.tkksd.choices import MemberRole
from kerjasama.tkksd.models import Decree, Meeting


@pytest.fixture
def yogya(db: Any) -> Region:
    return Region.objects.get(code="34.71")


@pytest.fixture
def sleman(db: Any) -> Region:
    return Region.objects.get(code="34.04")


@pytest.fixture
def tkksd_user(db: Any) -> User:
    """The demo TKKSD member of Kota Yogyakarta (role ``anggota_tkksd``)."""
    return User.objects.select_related("organisation").get(username="tkksd.yogya")


@pytest.fixture
def start() -> date:
    return timezone.localdate() - timedelta(days=60)


@pytest.fixture
def decree(persona: Any, yogya: Region, start: date) -> Decree:
    return services.record_decree(
        actor=persona("kabkota"),
        region=yogya,
        number="100/001/2026",
        title="Pembentukan TKKSD Kota Yogyakarta",
        decree_date=start,
        period_start=start,
    )


@pytest.fixture
def team(persona: Any, decree: Decree, tkksd_user: User) -> dict[str, Any]:
    operator = persona("kabkota")
    chair = services.add_member(
        actor=operator, decree=decree, name="Sekda", position="Sekretaris Daerah", role=MemberRole.CHAIR
    )
    secretary = services.add_member(
        actor=operator,
        decree=decree,
        name="Kabag Kerja Sama",
        position="Kepala Bagian Kerja Sama",
        role=MemberRole.SECRETARY,
        user=tkksd_user,
    )
    member = services.add_member(
        actor=operator,
        decree=decree,
        name="Kepala Bappeda",
        position="Kepala Bappeda",
        role=MemberRole.MEMBER,
    )
    return {"chair": chair, "secretary": secretary, "member": member}


@pytest.fixture
def meeting(persona: Any, yogya: Region, team: dict[str, Any]) -> Meeting:
    return services.schedule_meeting(
        actor=persona("kabkota"),
        region=yogya,
        meeting_date=timezone.localdate() - timedelta(days=3),
        place="Balai Kota",
        agenda="Kajian usulan kerja sama persampahan",
    )


@pytest.fixture
def held(persona: Any, meeting: Meeting, team: dict[str, Any]) -> Meeting:
    return services.hold_meeting(
        actor=persona("kabkota"), meeting=meeting, attendee_ids=[team["chair"].pk, team["secretary"].pk]
    )


@pytest.fixture
def identification(persona: Any, yogya: Region) -> Any:
    """A submitted identification of Kota Yogyakarta (the TKKSD verifies identifications)."""
    from kerjasama.affairs.models import Affair
    from kerjasama.mapping.services import save_identification, submit_identification

    item = save_identification(
        actor=persona("kabkota"),
        region=yogya,
        affair=Affair.objects.get(code="2.11"),
        needs="TPA Piyungan penuh; butuh pemrosesan akhir bersama",
    )
    return submit_identification(actor=persona("kabkota"), identification=item)


@pytest.fixture
def sleman_identification(persona: Any, sleman: Region) -> Any:
    from kerjasama.affairs.models import Affair
    from kerjasama.mapping.services import save_identification

    return save_identification(
        actor=persona("neighbour"), region=sleman, affair=Affair.objects.get(code="2.11"), needs="Lahan TPST"
    )

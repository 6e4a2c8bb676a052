"""The example TKKSD teams (DATA CONTOH) for Kota Yogyakarta and Kabupaten Sleman, and only those."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.core.actors import SYSTEM
from kerjasama.tkksd.choices import MeetingStatus
from kerjasama.tkksd.demo import load_tkksd_demo
from kerjasama.tkksd.models import Decree, Meeting, Member
from kerjasama.tkksd.selectors import has_active_decree

pytestmark = pytest.mark.django_db


def test_it_loads_two_example_teams_once(db: Any) -> None:
    assert load_tkksd_demo(actor=SYSTEM) == 2
    assert load_tkksd_demo(actor=SYSTEM) == 0
    assert sorted(Decree.objects.values_list("region_id", flat=True)) == ["34.04", "34.71"]
    assert all(Decree.objects.values_list("is_example", flat=True))
    assert all(Member.objects.values_list("is_example", flat=True))
    assert has_active_decree("34.71") and has_active_decree("34.04") and not has_active_decree("33.74")
    assert Meeting.objects.filter(status=MeetingStatus.HELD, is_example=True).count() == 2
    secretary = Member.objects.get(decree__region_id="34.71", role="sekretaris")
    assert secretary.user is not None and secretary.user.username == "tkksd.yogya"
    assert all("CONTOH" in n for n in Decree.objects.values_list("number", flat=True))

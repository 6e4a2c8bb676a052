"""`kerjasama agreements`: the register on a real installation (issue 10, item 10)."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import Instance

SETUP = """
from datetime import date
from kerjasama.accounts.models import Organisation, User
from kerjasama.agreements import services
from kerjasama.regions.models import Region
yogya = User.objects.get(username="operator.yogya")
tkksd = User.objects.get(username="tkksd.yogya")
ksdd = services.propose_agreement(
    actor=yogya, lead_region=Region.objects.get(code="34.71"), partner_regions=[Region.objects.get(code="34.04")],
    type="KSDD", category="sukarela", title="Persampahan Yogyakarta-Sleman (uji CLI)", affairs=["2.11"],
    term_start=date(2027, 1, 1), term_end=date(2031, 12, 31),
)
# Yogyakarta's TKKSD reviews it: a decision in the demo's held meeting of its TKKSD (the tkksd app).
from kerjasama.tkksd.models import Meeting
from kerjasama.tkksd.services import record_decision
meeting = Meeting.objects.filter(region_id="34.71", status="terlaksana").earliest("meeting_date")
record_decision(actor=yogya, meeting=meeting, subject_type="agreements.agreement", subject_id=str(ksdd.pk),
    outcome="approve")
services.send_offer(actor=yogya, agreement=ksdd, letter_number="415.4/1", letter_date=meeting.meeting_date)
mitra = Organisation.objects.get(name__startswith="PT Mitra Contoh")
ksdpk = services.propose_agreement(
    actor=yogya, lead_region=Region.objects.get(code="34.71"), partner_organisations=[mitra],
    type="KSDPK", title="Pengolahan sampah dengan PT Mitra (uji CLI)", affairs=["2.11"],
)
result = [ksdd.pk, ksdpk.pk]
"""


@pytest.fixture(scope="module")
def ids(instance: Instance) -> list[int]:
    return list(instance.python(SETUP))


def test_it_lists_the_register_as_json(instance: Instance, ids: list[int]) -> None:
    rows = {r["id"]: r for r in instance.json("agreements")}
    ksdd, ksdpk = rows[ids[0]], rows[ids[1]]
    assert ksdd["type"] == "KSDD" and ksdd["category"] == "sukarela" and ksdd["status"] == "penawaran"
    assert [(p["region"], p["role"]) for p in ksdd["parties"]] == [
        ("34.71", "proposer"),
        ("34.04", "partner"),
    ]
    assert all(p["status"] == "aware" for p in ksdd["parties"])
    assert ksdd["affairs"] == ["2.11"] and (ksdd["start"], ksdd["end"]) == ("2027-01-01", "2031-12-31")
    assert ksdpk["category"] is None and ksdpk["parties"][1]["organisation"].startswith("PT Mitra Contoh")


def _own(rows: list[dict[str, object]]) -> list[object]:
    """The rows this module made (``kerjasama setup`` also loads the example agreements, DATA CONTOH)."""
    return [r["id"] for r in rows if not r["example"]]


def test_it_filters_by_region_status_and_type(instance: Instance, ids: list[int]) -> None:
    assert _own(instance.json("agreements", "--region", "34.04")) == [ids[0]]
    assert _own(instance.json("agreements", "--status", "persiapan")) == [ids[1]]
    assert _own(instance.json("agreements", "--type", "ksdpk")) == [ids[1]]
    assert _own(instance.json("agreements", "--region", "33.74")) == []
    listed = instance.json("agreements", "--region", "34.71")
    assert {r["status"] for r in instance.json("agreements", "--status", "penawaran")} == {"penawaran"}
    table = instance.ok("agreements", "--region", "34.71").stdout
    assert "Persampahan Yogyakarta-Sleman" in table and f"{len(listed)} kerja sama" in table


def test_it_refuses_unknown_filters(instance: Instance, ids: list[int]) -> None:
    result = instance.run("agreements", "--status", "signed")
    assert result.returncode == 2 and "agreements.bad_status" in result.stderr
    result = instance.run("agreements", "--region", "99.99")
    assert result.returncode == 2 and "regions.unknown_region" in result.stderr

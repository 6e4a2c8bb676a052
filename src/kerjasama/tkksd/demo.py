"""Example TKKSD teams (DATA CONTOH) for Kota Yogyakarta and Kabupaten Sleman, never real officials.

Kota Yogyakarta's team is formed for an open period (as its Keputusan Walikota No. 55 Tahun 2020 is [S:
S-yogya]); Kabupaten Sleman's per year, as some regions do (Toba, "Tahun 2021" [S: S-toba]). The numbers,
names and meetings below are invented and marked as example data; each team has one held meeting. Only these
two regions get a team: every other region shows "Belum ada SK TKKSD yang berlaku".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from kerjasama.accounts.models import Organisation, User
from kerjasama.core.actors import Actor
from kerjasama.regions.models import Region
from kerjasama.tkksd import services
from kerjasama.tkksd.choices import MemberRole
from kerjasama.tkksd.models import Decree


@dataclass(frozen=True)
class DemoMember:
    name: str
    position: str
    role: str
    unit_name: str = ""
    #: The demo account linked to the member (``accounts.demo``), if any.
    username: str = ""
    #: The demo unit (OPD) whose name starts with this, if any.
    unit_prefix: str = ""


YOGYA_MEMBERS = (
    DemoMember(
        "Sekretaris Daerah Kota Yogyakarta (contoh)",
        "Sekretaris Daerah",
        MemberRole.CHAIR,
        "Sekretariat Daerah",
    ),
    DemoMember(
        "Anggota TKKSD Kota Yogyakarta (contoh)",
        "Kepala Bagian Kerja Sama",
        MemberRole.SECRETARY,
        username="tkksd.yogya",
        unit_prefix="Bagian Kerja Sama Setda Kota Yogyakarta",
    ),
    DemoMember(
        "Kepala Bappeda Kota Yogyakarta (contoh)",
        "Kepala Bappeda",
        MemberRole.MEMBER,
        unit_prefix="Bappeda Kota Yogyakarta",
    ),
    DemoMember(
        "Kepala Bagian Hukum (contoh)", "Kepala Bagian Hukum", MemberRole.MEMBER, "Bagian Hukum Setda"
    ),
    DemoMember(
        "Kepala BPKAD (contoh)",
        "Kepala Badan",
        MemberRole.MEMBER,
        "Badan Pengelolaan Keuangan dan Aset Daerah",
    ),
)
SLEMAN_MEMBERS = (
    DemoMember(
        "Sekretaris Daerah Kabupaten Sleman (contoh)",
        "Sekretaris Daerah",
        MemberRole.CHAIR,
        "Sekretariat Daerah",
    ),
    DemoMember(
        "Kepala Bagian Kerja Sama Sleman (contoh)",
        "Kepala Bagian Kerja Sama",
        MemberRole.SECRETARY,
        unit_prefix="Bagian Kerja Sama Setda Kabupaten Sleman",
    ),
    DemoMember("Kepala Bappeda Sleman (contoh)", "Kepala Bappeda", MemberRole.MEMBER, "Bappeda"),
    DemoMember(
        "Kepala Dinas Lingkungan Hidup Sleman (contoh)",
        "Kepala Dinas",
        MemberRole.MEMBER,
        "Dinas Lingkungan Hidup",
    ),
)


def _members(actor: Actor, decree: Decree, members: tuple[DemoMember, ...]) -> list[int]:
    ids = []
    for m in members:
        unit = (
            Organisation.objects.filter(
                region=decree.region, kind="opd", name__startswith=m.unit_prefix
            ).first()
            if m.unit_prefix
            else None
        )
        user = User.objects.filter(username=m.username).first() if m.username else None
        member = services.add_member(
            actor=actor,
            decree=decree,
            name=m.name,
            position=m.position,
            role=m.role,
            unit=unit,
            unit_name="" if unit is not None else (m.unit_name or m.unit_prefix),
            user=user,
            is_example=True,
        )
        ids.append(member.pk)
    return ids


def _meeting(actor: Actor, decree: Decree, today: date, place: str, agenda: str) -> None:
    on = max(decree.period_start, today - timedelta(days=20))
    meeting = services.schedule_meeting(
        actor=actor, region=decree.region, meeting_date=on, place=place, agenda=agenda, is_example=True
    )
    attendees = list(decree.members.values_list("pk", flat=True))
    services.hold_meeting(actor=actor, meeting=meeting, attendee_ids=attendees)


@transaction.atomic
def load_tkksd_demo(*, actor: Actor) -> int:
    """Create the two example teams if their regions have no decree yet; returns how many were created."""
    today = timezone.localdate()
    created = 0
    yogya = Region.objects.filter(code="34.71").first()
    if yogya is not None and not Decree.objects.filter(region=yogya).exists():
        start = date(2025, 1, 2) if today >= date(2025, 1, 2) else today
        decree = services.record_decree(
            actor=actor,
            region=yogya,
            number="100.3.3.3/001/2025 (CONTOH)",
            title="Pembentukan Tim Koordinasi Kerja Sama Daerah Kota Yogyakarta (DATA CONTOH)",
            decree_date=start,
            period_start=start,
            is_example=True,
        )
        _members(actor, decree, YOGYA_MEMBERS)
        _meeting(
            actor,
            decree,
            today,
            "Ruang Rapat Bagian Kerja Sama, Balai Kota (contoh)",
            "Kajian usulan kerja sama pengelolaan sampah dengan Kabupaten Sleman (DATA CONTOH)",
        )
        created += 1
    sleman = Region.objects.filter(code="34.04").first()
    if sleman is not None and not Decree.objects.filter(region=sleman).exists():
        start = date(today.year, 1, 1)
        decree = services.record_decree(
            actor=actor,
            region=sleman,
            number=f"1/Kep.KDH/A/{today.year} (CONTOH)",
            title=f"Pembentukan TKKSD Kabupaten Sleman Tahun {today.year} (DATA CONTOH)",
            decree_date=min(date(today.year, 1, 2), today),
            period_start=start,
            period_end=date(today.year, 12, 31),
            is_example=True,
        )
        _members(actor, decree, SLEMAN_MEMBERS)
        _meeting(
            actor,
            decree,
            today,
            "Ruang Rapat Sekretariat Daerah Sleman (contoh)",
            "Tanggapan atas penawaran kerja sama persampahan dari Kota Yogyakarta (DATA CONTOH)",
        )
        created += 1
    return created

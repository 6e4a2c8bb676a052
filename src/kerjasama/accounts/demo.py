"""Example organisations and users for trying Kerjasama (never real officials).

Every record made here has ``is_demo=True`` and the pages label it "Data contoh / Example data". The set
covers the personas of the permission matrix: the ministry, a province (DIY, with the governor's office),
a kab/kota (Kota Yogyakarta) with its cooperation unit, TKKSD and planning unit, its neighbour (Sleman),
a region of another province (Kota Semarang), a third party and a read-only auditor.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from kerjasama.accounts import services
from kerjasama.accounts.choices import OpdFunction, OrganisationKind, Role
from kerjasama.accounts.models import Organisation, User
from kerjasama.core.actors import Actor


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    organisation: str  # key into the organisation map below
    full_name: str
    description: str


DEMO_UNITS = {
    # key: (parent Pemda region code, unit name, unit function)
    "ksd_yogya": ("34.71", "Bagian Kerja Sama Setda Kota Yogyakarta (contoh)", OpdFunction.COOPERATION_UNIT),
    "bappeda_yogya": ("34.71", "Bappeda Kota Yogyakarta (contoh)", OpdFunction.PLANNING),
    "ksd_sleman": (
        "34.04",
        "Bagian Kerja Sama Setda Kabupaten Sleman (contoh)",
        OpdFunction.COOPERATION_UNIT,
    ),
    "ksd_semarang": ("33.74", "Bagian Kerja Sama Setda Kota Semarang (contoh)", OpdFunction.COOPERATION_UNIT),
}

DEMO_USERS = [
    DemoUser(
        "admin", Role.SYSTEM_ADMIN, "kemendagri", "Administrator Sistem (contoh)", "system administrator"
    ),
    DemoUser(
        "kemendagri", Role.MINISTRY, "kemendagri", "Analis Ditjen Bina Adwil (contoh)", "ministry oversight"
    ),
    DemoUser(
        "gubernur.diy",
        Role.GOVERNOR_OFFICE,
        "pemda:34",
        "Biro Tata Pemerintahan DIY (contoh)",
        "governor's office, DI Yogyakarta",
    ),
    DemoUser(
        "operator.yogya",
        Role.COOPERATION_OPERATOR,
        "ksd_yogya",
        "Operator KSD Kota Yogyakarta (contoh)",
        "cooperation unit, Kota Yogyakarta",
    ),
    DemoUser(
        "tkksd.yogya",
        Role.TKKSD_MEMBER,
        "pemda:34.71",
        "Anggota TKKSD Kota Yogyakarta (contoh)",
        "TKKSD member, Kota Yogyakarta",
    ),
    DemoUser(
        "bappeda.yogya",
        Role.PLANNING_UNIT,
        "bappeda_yogya",
        "Perencana Bappeda Kota Yogyakarta (contoh)",
        "planning unit, Kota Yogyakarta",
    ),
    DemoUser(
        "operator.sleman",
        Role.COOPERATION_OPERATOR,
        "ksd_sleman",
        "Operator KSD Kabupaten Sleman (contoh)",
        "cooperation unit, neighbour Sleman",
    ),
    DemoUser(
        "operator.semarang",
        Role.COOPERATION_OPERATOR,
        "ksd_semarang",
        "Operator KSD Kota Semarang (contoh)",
        "cooperation unit, another province",
    ),
    DemoUser(
        "mitra.contoh",
        Role.THIRD_PARTY,
        "mitra",
        "Perwakilan PT Mitra Contoh (contoh)",
        "third-party partner",
    ),
    DemoUser("auditor", Role.AUDITOR, "kemendagri", "Auditor Inspektorat (contoh)", "read-only auditor"),
    DemoUser(
        "gubernur.jawabarat",
        Role.GOVERNOR_OFFICE,
        "pemda:32",
        "Biro Pemerintahan Jawa Barat (contoh)",
        "governor's office, Jawa Barat",
    ),
]

KEMENDAGRI_NAME = "Kementerian Dalam Negeri - Ditjen Bina Administrasi Kewilayahan"
MITRA_NAME = "PT Mitra Contoh Sejahtera (contoh)"


@transaction.atomic
def load_demo(*, actor: Actor) -> list[DemoUser]:
    """Create the demo organisations and users if missing; a second run changes nothing."""
    orgs: dict[str, Organisation] = {}
    kemendagri = Organisation.objects.filter(kind=OrganisationKind.KEMENDAGRI, name=KEMENDAGRI_NAME).first()
    orgs["kemendagri"] = kemendagri or services.create_organisation(
        actor=actor, name=KEMENDAGRI_NAME, kind=OrganisationKind.KEMENDAGRI
    )
    for pemda in Organisation.objects.filter(
        kind=OrganisationKind.PEMDA, region_id__in=["34", "34.71", "34.04", "33.74", "32"]
    ):
        orgs[f"pemda:{pemda.region_id}"] = pemda
    for key, (region_code, name, function) in DEMO_UNITS.items():
        unit = Organisation.objects.filter(name=name).first()
        orgs[key] = unit or services.create_organisation(
            actor=actor,
            name=name,
            kind=OrganisationKind.OPD,
            parent=orgs[f"pemda:{region_code}"],
            opd_function=function,
            is_demo=True,
        )
    mitra = Organisation.objects.filter(name=MITRA_NAME).first()
    orgs["mitra"] = mitra or services.create_organisation(
        actor=actor, name=MITRA_NAME, kind=OrganisationKind.BADAN_USAHA, is_demo=True
    )
    existing = set(
        User.objects.filter(username__in=[u.username for u in DEMO_USERS]).values_list("username", flat=True)
    )
    for demo in DEMO_USERS:
        if demo.username in existing:
            continue
        services.create_user(
            actor=actor,
            username=demo.username,
            organisation=orgs[demo.organisation],
            role=demo.role,
            password=settings.KERJASAMA_DEMO_PASSWORD,
            full_name=demo.full_name,
            is_demo=True,
        )
    return DEMO_USERS

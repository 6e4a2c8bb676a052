"""Example organisations and users for every region of the run (``is_demo=True``, never real officials).

Per region: its Pemda (reference data, only read) gets an example cooperation unit (*Bagian Kerja Sama*,
an OPD); the users are cooperation-unit operators (the first one heads the unit and receives escalations),
TKKSD members, planners and a read-only auditor; each province also has governor's-office users (UU 23/2014
Pasal 91, the governor as the central government's representative); the ministry has oversight users and
each example third party (PP 28/2018 Pasal 14) two representatives. Usernames:
``nas.<role>.<region code>.<n>`` (``nas.operator_kerja_sama.34.71.1``), ``nas.kementerian.<n>``,
``nas.pihak_ketiga.<org n>.<n>``; every password is ``KERJASAMA_DEMO_PASSWORD``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.hashers import make_password

from kerjasama.accounts.choices import OpdFunction, OrganisationKind, Role
from kerjasama.accounts.models import Organisation, User
from kerjasama.portal.national_demo.common import USER_PREFIX, NationalDemoRun, bulk, own_timestamps, stamp

THIRD_PARTY_KINDS = (
    OrganisationKind.BADAN_USAHA,
    OrganisationKind.BADAN_USAHA,
    OrganisationKind.BUMN,
    OrganisationKind.BUMD,
    OrganisationKind.KOPERASI,
    OrganisationKind.PERGURUAN_TINGGI,
    OrganisationKind.ORMAS,
)
THIRD_PARTY_NAMES = {
    OrganisationKind.BADAN_USAHA: "PT Mitra Nusantara",
    OrganisationKind.BUMN: "PT Persero Layanan",
    OrganisationKind.BUMD: "Perumda Daerah",
    OrganisationKind.KOPERASI: "Koperasi Bersama",
    OrganisationKind.PERGURUAN_TINGGI: "Universitas Mitra",
    OrganisationKind.ORMAS: "Yayasan Peduli",
}
MINISTRY_NAME = "Kementerian Dalam Negeri (contoh nasional)"
#: Roles per kab/kota or province, in the order the ``users_per_region`` budget takes them.
REGION_ROLES = (
    Role.COOPERATION_OPERATOR,
    Role.TKKSD_MEMBER,
    Role.PLANNING_UNIT,
    Role.COOPERATION_OPERATOR,
    Role.TKKSD_MEMBER,
    Role.AUDITOR,
    Role.COOPERATION_OPERATOR,
    Role.PLANNING_UNIT,
)
#: Indonesian job titles of the generated users (their ``full_name``).
ROLE_TITLES = {
    Role.COOPERATION_OPERATOR: "Operator Kerja Sama",
    Role.TKKSD_MEMBER: "Anggota TKKSD",
    Role.PLANNING_UNIT: "Perencana Bappeda",
    Role.AUDITOR: "Auditor Inspektorat",
}
GOVERNOR_USERS = 5
MINISTRY_USERS = 20
#: A fixed salt: the same password hash on every run, so a run is reproducible (example accounts only).
SALT = "kerjasamaNasDemo"


def ministry(run: NationalDemoRun) -> Organisation:
    """The Kemendagri organisation (the one the installation has, else an example one)."""
    found = Organisation.objects.filter(kind=OrganisationKind.KEMENDAGRI).order_by("pk").first()
    if found is not None:
        return found
    made = Organisation(
        name=MINISTRY_NAME, kind=OrganisationKind.KEMENDAGRI, is_demo=True, created_at=stamp(run.start)
    )
    with own_timestamps(Organisation):
        bulk(Organisation, [made], with_history=True)
    return made


def load_third_parties(run: NationalDemoRun) -> list[Organisation]:
    rows = []
    for n in range(1, run.scale.third_parties + 1):
        kind = THIRD_PARTY_KINDS[(n - 1) % len(THIRD_PARTY_KINDS)]
        region = run.regions[run.rng.randrange(len(run.regions))]
        rows.append(
            Organisation(
                name=f"{THIRD_PARTY_NAMES[kind]} {region.name} {n:03d} (contoh)",
                kind=kind,
                registration_number=f"NIB-CONTOH-{n:06d}",
                is_demo=True,
                created_at=stamp(run.start),
            )
        )
    with own_timestamps(Organisation):
        bulk(Organisation, rows, with_history=True)
    run.add("organisations", len(rows))
    return rows


def load_users(run: NationalDemoRun, third_parties: list[Organisation]) -> dict[str, list[int]]:
    """Create the units and users; returns the ids of the cooperation operators per region code (the
    agreements are "created by" one of them) and ``"ministry"``: the ministry users."""
    pemda = dict(
        Organisation.objects.filter(kind=OrganisationKind.PEMDA, region_id__in=list(run.by_code)).values_list(
            "region_id", "pk"
        )
    )
    units = [
        Organisation(
            name=f"Bagian Kerja Sama Setda {r.name} (contoh)",
            kind=OrganisationKind.OPD,
            region_id=r.code,
            parent_id=pemda[r.code],
            opd_function=OpdFunction.COOPERATION_UNIT,
            is_demo=True,
            created_at=stamp(run.start),
        )
        for r in run.regions
        if r.code in pemda
    ]
    with own_timestamps(Organisation):
        bulk(Organisation, units, with_history=True)
    unit_of = {u.region_id: u.pk for u in units}
    password = make_password(settings.KERJASAMA_DEMO_PASSWORD, SALT)
    joined = stamp(run.start)
    users: list[User] = []

    def user(username: str, role: str, org: int, name: str, head: bool = False) -> None:
        users.append(
            User(
                username=USER_PREFIX + username,
                password=password,
                role=role,
                organisation_id=org,
                full_name=name,
                is_unit_head=head,
                is_demo=True,
                date_joined=joined,
            )
        )

    ministry_org = ministry(run)
    for n in range(1, MINISTRY_USERS + 1):
        role = Role.MINISTRY if n <= MINISTRY_USERS - 3 else Role.AUDITOR
        user(f"{role}.{n}", role, ministry_org.pk, f"Analis Kemendagri {n} (contoh)")
    for r in run.regions:
        if r.code not in pemda:
            continue
        seen: dict[str, int] = {}
        for role in REGION_ROLES[: run.scale.users_per_region]:
            seen[role] = seen.get(role, 0) + 1
            n = seen[role]
            org = unit_of[r.code] if role == Role.COOPERATION_OPERATOR else pemda[r.code]
            head = role == Role.COOPERATION_OPERATOR and n == 1
            user(f"{role}.{r.code}.{n}", role, org, f"{ROLE_TITLES[role]} {r.name} {n} (contoh)", head)
        if r.level == "provinsi":
            for n in range(1, GOVERNOR_USERS + 1):
                user(
                    f"gubernur.{r.code}.{n}",
                    Role.GOVERNOR_OFFICE,
                    pemda[r.code],
                    f"Biro Pemerintahan {r.name} {n} (contoh)",
                )
    for i, org in enumerate(third_parties, start=1):
        for n in (1, 2):
            user(f"pihak_ketiga.{i}.{n}", Role.THIRD_PARTY, org.pk, f"Perwakilan {org.name} {n}")
    bulk(User, users, with_history=True)
    run.add("organisations", len(units))
    run.add("users", len(users))
    operators: dict[str, list[int]] = {}
    for u in users:
        if u.role == Role.COOPERATION_OPERATOR:
            code = u.username[len(USER_PREFIX) :].split(".", 1)[1].rsplit(".", 1)[0]
            operators.setdefault(code, []).append(u.pk)
    operators["ministry"] = [u.pk for u in users if u.role == Role.MINISTRY]
    return operators

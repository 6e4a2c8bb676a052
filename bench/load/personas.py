"""The personas of the load test (issue 14 item 2): who logs in and which requests each one sends, how often.

Plain data without locust, so that the smoke test (``src/kerjasama/core/tests/test_load_personas.py``) can
resolve every path against the URL configuration without gevent's monkey patching: a renamed route breaks a
test, not the bench.

A path may hold placeholders filled at run time from what the user may see (``{agreement}``, ``{dispute}``:
ids read from the API's own lists with the persona's login, so every request stays inside the user's
scope) or fixed per login (``{region}``, ``{province}``). A request whose placeholder has no value for the
user (no dispute visible, say) is skipped. ``group`` names the endpoint group the results aggregate by:
``page:...`` for HTML pages, ``api:...`` for the JSON API.

The demo logins are those of ``kerjasama setup`` (``demo_notices``), password ``KERJASAMA_DEMO_PASSWORD``.
"""

from __future__ import annotations

from dataclasses import dataclass

DEMO_PASSWORD = "kerjasama-demo-2026"  # noqa: S105  # the documented demo password (README, `kerjasama setup`)


@dataclass(frozen=True)
class LoadRequest:
    group: str
    path: str
    weight: int = 1
    #: A write: the JSON body POSTed to ``path`` (``{value}`` is replaced by a fresh number in Indonesian
    #: notation each time). Writes are reported as ``write:...`` groups, outside the read budgets.
    body: str = ""

    @property
    def kind(self) -> str:
        return self.group.split(":")[0] if self.group.startswith(("api:", "write:")) else "page"


@dataclass(frozen=True)
class LoadLogin:
    username: str
    region: str = ""
    province: str = ""


@dataclass(frozen=True)
class LoadPersona:
    name: str
    weight: int
    logins: tuple[LoadLogin, ...]
    requests: tuple[LoadRequest, ...]
    bearer: bool = False  # API client: a token issued on the profile page instead of the browser session
    #: Seconds between one request and the next of one simulated user (uniformly drawn; see THINK_TIMES).
    think_s: tuple[float, float] = (3.0, 10.0)


R = LoadRequest

# Think times (``LoadPersona.think_s``): an official reads what a page shows before the next click (an
# agreement's page, a TKKSD review, a dashboard: several seconds each, more for reviewers and dashboards); the
# public browses the register a little faster; an API client is a program (an integration polling its lists)
# and waits only 1-3 s. ``run.py --wait MIN,MAX`` replaces them all by one uniform think time (the stress
# figure of the closing notes: ``--wait 1,3`` sends about 22 requests per second with 50 users).

UNIT = LoadPersona(
    name="cooperation_unit",
    weight=4,
    think_s=(3.0, 10.0),
    logins=(
        LoadLogin("operator.yogya", "34.71", "34"),
        LoadLogin("operator.sleman", "34.04", "34"),
        LoadLogin("operator.semarang", "33.74", "33"),
    ),
    requests=(
        R("page:home", "/", 2),
        R("page:inbox", "/notifikasi/", 3),
        R("page:inbox", "/notifikasi/?belum=1", 1),
        R("page:agreements-list", "/kerja-sama/", 4),
        R("page:agreements-list", "/kerja-sama/?my_turn=on", 2),
        R("page:agreements-list", "/kerja-sama/?type=KSDD&stage=pelaksanaan", 1),
        R("page:agreements-list", "/kerja-sama/?expiring=180", 1),
        R("page:agreement-detail", "/kerja-sama/{agreement}/", 5),
        R("page:agreement-detail", "/kerja-sama/{agreement}/kewajiban/", 1),
        R("page:agreement-detail", "/kerja-sama/{agreement}/monev/", 1),
        R("page:agreement-detail", "/kerja-sama/{agreement}/adendum/", 1),
        R("page:mapping", "/pemetaan/{region}/", 1),
        R("page:disputes", "/perselisihan/", 1),
        R("page:disputes", "/perselisihan/risiko/", 1),
        R("page:reports", "/laporan/", 1),
        R("api:notifications", "/api/v1/notifications/unread-count", 3),
    ),
)

TKKSD = LoadPersona(
    name="tkksd_member",
    weight=2,
    think_s=(5.0, 15.0),
    logins=(LoadLogin("tkksd.yogya", "34.71", "34"), LoadLogin("bappeda.yogya", "34.71", "34")),
    requests=(
        R("page:home", "/", 1),
        R("page:inbox", "/notifikasi/", 2),
        R("page:tkksd", "/tkksd/{region}/", 3),
        R("page:agreements-list", "/kerja-sama/?my_turn=on", 3),
        R("page:agreements-list", "/kerja-sama/", 2),
        R("page:agreement-detail", "/kerja-sama/{agreement}/", 4),
        R("page:agreement-detail", "/kerja-sama/{agreement}/monev/", 1),
        R("page:mapping", "/pemetaan/{region}/", 1),
        R("api:notifications", "/api/v1/notifications/unread-count", 2),
    ),
)

GOVERNOR = LoadPersona(
    name="governor_office",
    weight=2,
    think_s=(5.0, 15.0),
    logins=(LoadLogin("gubernur.diy", "34", "34"),),
    requests=(
        R("page:home", "/", 2),
        R("page:oversight", "/pengawasan/kualitas/provinsi/{province}/", 3),
        R("page:mapping", "/pemetaan/provinsi/{province}/", 2),
        R("page:reports", "/laporan/provinsi/{province}/", 2),
        R("page:disputes", "/perselisihan/statistik/provinsi/{province}/", 2),
        R("page:agreements-list", "/kerja-sama/?province={province}", 3),
        R("page:agreement-detail", "/kerja-sama/{agreement}/", 2),
        R("page:inbox", "/notifikasi/", 1),
    ),
)

MINISTRY = LoadPersona(
    name="ministry",
    weight=2,
    think_s=(5.0, 15.0),
    logins=(LoadLogin("kemendagri"), LoadLogin("auditor")),
    requests=(
        R("page:home", "/", 1),
        R("page:mapping", "/pemetaan/", 3),  # the national matrix and mapping summary
        R("page:disputes", "/perselisihan/statistik/", 2),
        R("page:disputes", "/perselisihan/daftar/", 1),
        R("page:oversight", "/pengawasan/kualitas/nasional/", 3),  # the quality ranking
        R("page:agreements-list", "/kerja-sama/", 2),
        R("page:agreements-list", "/kerja-sama/?type=KSDPK", 1),
        R("page:agreement-detail", "/kerja-sama/{agreement}/", 2),
        R("page:reports", "/laporan/", 1),
    ),
)

PUBLIC = LoadPersona(
    name="public",
    weight=3,
    think_s=(3.0, 10.0),
    logins=(),  # anonymous
    requests=(
        R("page:public-register", "/daftar-kerja-sama/", 4),
        R("page:public-register", "/daftar-kerja-sama/?q=air", 1),
        R("page:public-register", "/daftar-kerja-sama/wilayah/34/", 1),
        R("page:public-register", "/daftar-kerja-sama/{public_agreement}/", 3),
        R("page:open-data", "/data-terbuka/", 2),
        R("page:public-regions", "/wilayah/", 1),
        R("page:public-regions", "/wilayah/34.71/", 1),
        R("page:public-regions", "/urusan/", 1),
        R("api:public", "/api/v1/public/agreements", 2),
        R("api:public", "/api/v1/public/dispute-statistics", 1),
    ),
)

API_CLIENT = LoadPersona(
    name="api_client",
    weight=3,
    think_s=(1.0, 3.0),
    logins=(
        LoadLogin("operator.yogya", "34.71", "34"),
        LoadLogin("operator.sleman", "34.04", "34"),
        LoadLogin("kemendagri"),
    ),
    bearer=True,
    requests=(
        R("api:me", "/api/v1/me", 1),
        R("api:agreements", "/api/v1/agreements", 4),
        R("api:agreements", "/api/v1/agreements?stage=pelaksanaan", 1),
        R("api:agreements", "/api/v1/agreements/{agreement}", 4),
        R("api:agreements", "/api/v1/agreements/{agreement}/history", 1),
        R("api:obligations", "/api/v1/obligations/agreements/{agreement}", 1),
        R("api:lifecycle", "/api/v1/lifecycle/agreements/{agreement}/terms", 1),
        R("api:deadlines", "/api/v1/deadlines/mine", 2),
        R("api:notifications", "/api/v1/notifications", 2),
        R("api:regions", "/api/v1/regions?level=provinsi", 1),
        R("api:regions", "/api/v1/regions/34.71", 1),
        R("api:disputes", "/api/v1/disputes/cases", 1),
        R("api:disputes", "/api/v1/disputes/statistics", 1),
        R("api:mapping", "/api/v1/mapping/recommendations", 1),  # the user's scope (the API has no region filter)
        # Writes (three in about 25 requests: ~7-10 a minute each with 50 users), ``{value}`` a number typed
        # the Indonesian way. A party's monev self-assessment saved as a draft (an integration's autosave):
        # an audited change in an area a deadline source reads, so each worker's memo of the monev items is
        # recomputed after it, for every user (the ministry's 1,303). A region's statistic (a BPS
        # integration): it enqueues the mapping refresh, which the task worker runs on the affairs the
        # indicator informs, for the region and its candidates on them (258 regions, ~1.1 CPU-seconds each
        # in the dense national example, docs/operations.md). A calendar feed's token issued: a credential
        # (its own data area, moves no deadline).
        R(
            "write:profile",
            "/api/v1/mapping/regions/{region}/profile",
            1,
            body='{"indicator": "waste_coverage", "year": 2025, "value": "{value}", '
            '"source": "Uji beban (contoh): integrasi BPS daerah"}',
        ),
        R(
            "write:monev-draft",
            "/api/v1/monev/periods/{monev_slot.0}/self-assessments",
            1,
            body='{"party": {monev_slot.1}, "progress_percent": "{value}", "outputs": "Draf (uji beban)"}',
        ),
        R("write:calendar-token", "/api/v1/deadlines/calendar-token", 1, body="{}"),
    ),
)

PERSONAS: tuple[LoadPersona, ...] = (UNIT, TKKSD, GOVERNOR, MINISTRY, PUBLIC, API_CLIENT)

#: Where a persona reads the ids its placeholders take (a JSON list, or ``{"items": [...]}``; each with ``id``,
#: or with the fields ``ID_FIELDS`` names: ``{monev_slot.0}`` is the period, ``{monev_slot.1}`` the party of
#: one and the same item, wherever in the path or body of one request they appear).
ID_SOURCES = {
    "agreement": "/api/v1/agreements?limit=50",
    "public_agreement": "/api/v1/public/agreements?limit=50",
    "dispute": "/api/v1/disputes/cases?limit=50",
    "monev_slot": "/api/v1/monev/deadlines",  # self-assessments the user's side has not submitted
}
ID_FIELDS = {"monev_slot": ("period", "party")}
#: Items kept only when a field equals one of the login's values: the ministry and a province's officials see
#: other sides' self-assessments too, and only a party's own side may save one (a login without a region —
#: the ministry — then has no slot and skips the write).
ID_MATCH = {"monev_slot": ("region", "region")}

#: A placeholder in a path or body: ``{name}`` or one field of a many-field id, ``{name.N}``.
PLACEHOLDER = r"\{(\w+)(?:\.(\d))?\}"

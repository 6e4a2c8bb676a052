"""The oversight dashboards: the figures of each scope count only that scope's records (a Jawa Barat figure never
counts a Jawa Tengah agreement), the stored snapshot, who sees which page, the home after login and the menu
item, the XLSX equal to the chart's table view, and a constant number of queries whatever the data size."""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kerjasama.agreements.register import register_existing_agreement
from kerjasama.core.actors import SYSTEM
from kerjasama.core.models import AuditEvent
from kerjasama.oversight.dashboard import NATIONAL, compute_all
from kerjasama.oversight.dashboard_services import recompute_dashboards, snapshot
from kerjasama.oversight.models import DashboardSnapshot
from kerjasama.oversight.tests.conftest import YOGYA, register

pytestmark = pytest.mark.django_db

BANDUNG, KAB_BANDUNG, SEMARANG, KAB_SEMARANG = "32.73", "32.04", "33.74", "33.22"
NATIONAL_URL = "/pengawasan/nasional/"
JABAR = "/pengawasan/provinsi/32/"
DIY = "/pengawasan/provinsi/34/"
REGION = f"/pengawasan/wilayah/{YOGYA}/"


def _agreement(title: str, codes: tuple[str, ...], **extra: Any) -> Any:
    values: dict[str, Any] = {
        "type": "KSDD",
        "category": "sukarela",
        "title": title,
        "region_codes": list(codes),
        "affairs": ["2.11"],
        "number": f"PKS/{title[:24]}/2024",
        "term_start": date(2024, 2, 1),
        "term_end": date(2029, 1, 31),
        "apbd_budgeted": True,
    }
    values.update(extra)
    return register_existing_agreement(actor=SYSTEM, **values)


def _table(figures: dict[str, Any], key: str) -> dict[str, int]:
    return {code: n for code, n in figures["tables"][key]}


def test_each_scope_counts_only_its_own_agreements() -> None:
    _agreement("Persampahan Bandung Raya", (BANDUNG, KAB_BANDUNG))
    _agreement("Air minum Semarang", (SEMARANG, KAB_SEMARANG), term_start=date(2023, 5, 1))
    _agreement("Jalan Bandung Semarang", (BANDUNG, SEMARANG))
    today = date(2026, 6, 1)
    figures = compute_all(today=today)
    national = figures[NATIONAL]["totals"]["agreements"]
    assert figures["32"]["totals"]["agreements"] == 2, "Jawa Barat: its own and the one across provinces"
    assert figures["33"]["totals"]["agreements"] == 2
    assert figures[BANDUNG]["totals"]["agreements"] == 2
    assert figures[KAB_BANDUNG]["totals"]["agreements"] == 1
    assert figures[KAB_SEMARANG]["totals"]["agreements"] == 1
    assert national >= 3
    assert _table(figures["32"], "pairing") == {
        **dict.fromkeys(_table(figures["32"], "pairing"), 0),
        "kabkota_satu_provinsi": 1,
        "kabkota_beda_provinsi": 1,
    }
    assert _table(figures[KAB_BANDUNG], "new")["2024"] == 1
    assert _table(figures[KAB_SEMARANG], "new")["2023"] == 1
    assert _table(figures[KAB_BANDUNG], "new").get("2023") == 0
    assert _table(figures["32"], "affair") == {"2.11": 2}
    assert _table(figures["32"], "type")["KSDD"] == 2
    # The drill-down rows: the province in the national table, each kab/kota in its province's.
    provinces = {c["code"]: c["agreements"] for c in figures[NATIONAL]["children"]}
    assert provinces["32"] == 2 and provinces["33"] == 2
    regions = {c["code"]: c["agreements"] for c in figures["32"]["children"]}
    assert regions[BANDUNG] == 2 and regions[KAB_BANDUNG] == 1 and SEMARANG not in regions
    assert figures[BANDUNG]["children"] == []


def test_the_duties_count_in_the_region_its_province_and_the_country() -> None:
    figures = compute_all(today=date(2026, 6, 1))
    jabar = figures["32"]["totals"]
    assert jabar["regions"] == 1 + sum(1 for c in figures["32"]["children"] if c["code"] != "32")
    assert figures[NATIONAL]["totals"]["regions"] == sum(
        figures[c["code"]]["totals"]["regions"] for c in figures[NATIONAL]["children"]
    )
    assert figures[BANDUNG]["totals"]["regions"] == 1
    assert figures[NATIONAL]["report_period"].startswith("Semester")


def test_the_command_stores_a_snapshot_per_scope_with_an_audit_event() -> None:
    call_command("dashboard_recompute")
    assert DashboardSnapshot.objects.filter(scope=NATIONAL).exists()
    assert DashboardSnapshot.objects.filter(scope="32").exists()
    assert AuditEvent.objects.filter(action="oversight.dashboard_recomputed").count() == 1
    count = DashboardSnapshot.objects.count()
    assert recompute_dashboards(actor=SYSTEM) == count, "a second run replaces, never adds"


def test_a_missing_snapshot_is_computed_on_first_use_and_then_read() -> None:
    assert not DashboardSnapshot.objects.exists()
    figures, _at = snapshot("32")
    assert figures["scope"] == "32"
    _agreement("Persampahan Bandung Raya", (BANDUNG, KAB_BANDUNG))
    assert snapshot("32")[0]["totals"]["agreements"] == 0, "read from the stored figures until refreshed"


def test_the_periodic_task_is_registered_hourly() -> None:
    from kerjasama.core.tasks import periodic_tasks

    found = {t.name: t for t in periodic_tasks()}
    assert found["oversight.dashboard_recompute"].every == "hourly"


#: (persona, url, status): who may open which page (403 outside the role, 404 outside the jurisdiction).
ACCESS = [
    ("ministry", NATIONAL_URL, 200),
    ("ministry", JABAR, 200),
    ("ministry", f"/pengawasan/wilayah/{BANDUNG}/", 200),
    ("province", DIY, 200),
    ("province", REGION, 200),
    ("province", JABAR, 404),
    ("province", f"/pengawasan/wilayah/{BANDUNG}/", 404),
    ("province", NATIONAL_URL, 403),
    ("kabkota", REGION, 200),
    ("kabkota", f"/pengawasan/wilayah/{SEMARANG}/", 404),
    ("kabkota", DIY, 404),
    ("kabkota", NATIONAL_URL, 403),
    ("other_province", REGION, 404),
    ("third_party", REGION, 404),
    ("third_party", NATIONAL_URL, 403),
    ("auditor", NATIONAL_URL, 200),
    ("ministry", "/pengawasan/unduh/nasional.xlsx", 200),
    ("province", "/pengawasan/unduh/nasional.xlsx", 403),
    ("province", "/pengawasan/unduh/32.xlsx", 404),
    ("province", "/pengawasan/unduh/34.xlsx", 200),
    ("kabkota", "/pengawasan/unduh/34.xlsx", 404),
    (None, NATIONAL_URL, 302),
    (None, REGION, 302),
]


def test_each_page_opens_only_within_the_jurisdiction(client_as: Any) -> None:
    call_command("dashboard_recompute")
    answers = {(who, url): client_as(who).get(url).status_code for who, url, _status in ACCESS}
    assert answers == {(who, url): status for who, url, status in ACCESS}


#: (persona, where /pengawasan/ leads after login).
HOMES = [
    ("ministry", NATIONAL_URL),
    ("province", DIY),
    ("kabkota", REGION),
    ("third_party", "/"),
    ("auditor", NATIONAL_URL),
]


def test_each_official_lands_on_their_dashboard_after_login(client: Any, persona: Any) -> None:
    call_command("dashboard_recompute")
    for who, target in HOMES:
        client.logout()
        response = client.post(
            "/masuk/", {"username": persona(who).username, "password": settings.KERJASAMA_DEMO_PASSWORD}
        )
        assert response.status_code == 302, who
        assert client.get(response["Location"]).url == target, who
        page = client.get("/").content.decode()
        assert ('data-testid="nav-oversight"' in page) == (target != "/"), who


def test_the_jawa_barat_governor_of_the_demo_opens_jawa_barat_only(client: Any) -> None:
    call_command("dashboard_recompute")
    client.post("/masuk/", {"username": "gubernur.jawabarat", "password": settings.KERJASAMA_DEMO_PASSWORD})
    assert client.get(JABAR).status_code == 200
    assert client.get(DIY).status_code == 404


def test_the_governor_sees_what_waits_and_who_has_not_reported(client_as: Any, persona: Any) -> None:
    register(persona("kabkota"), "Pengelolaan sampah regional Yogyakarta Sleman")
    call_command("dashboard_recompute")
    html = client_as("province").get(DIY).content.decode()
    for key in ("facilitation", "reports", "decisions"):
        assert f'data-testid="waiting-{key}"' in html
    assert 'data-testid="not-reported"' in html and "/pengawasan/wilayah/34.04/" in html
    assert 'href="/pengawasan/kualitas/"' in html and 'href="/data-terbuka/"' in html
    region = client_as("kabkota").get(REGION).content.decode()
    assert "Pengelolaan sampah regional Yogyakarta Sleman" in region
    assert 'data-testid="dashboard-mapping-status"' in region


def _sheet_rows(content: bytes) -> list[tuple[Any, Any]]:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content)).active
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    start = rows.index(next(r for r in rows if r and r[0] in ("Kategori", "Category"))) + 1
    return [(r[0], r[1]) for r in rows[start:]]


def _html_table(html: str, key: str) -> list[tuple[str, str]]:
    block = html.split(f'data-testid="chart-{key}-table"', 1)[1].split("</details>", 1)[0]
    cells = re.findall(r'<th scope="row">(.*?)</th><td class="num">(.*?)</td>', block)
    return [
        (label.replace("&amp;", "&").replace("&lt;", "<"), text.replace("&lt;", "<")) for label, text in cells
    ]


@pytest.mark.parametrize("key", ["type", "pairing", "new", "dispute_sector"])
def test_each_chart_xlsx_holds_the_figures_of_its_table_view(client_as: Any, persona: Any, key: str) -> None:
    register(persona("kabkota"), "Pengelolaan sampah regional Yogyakarta Sleman")
    call_command("dashboard_recompute")
    client = client_as("province")
    html = client.get(DIY).content.decode()
    table = _html_table(html, key.replace("_", "-"))
    assert table, key
    xlsx = _sheet_rows(client.get(f"/pengawasan/unduh/34.xlsx?tabel={key}").content)
    assert [(label, str(value)) for label, value in xlsx] == table


def test_small_dispute_counts_are_hidden_for_a_province_but_not_for_the_ministry(
    client_as: Any, persona: Any
) -> None:
    from kerjasama.oversight import dashboard_views

    figures = {"tables": {"dispute_sector": [["aset", 2], ["investasi", 5]], "type": [["KSDD", 1]]}}
    hidden = dashboard_views.chart_rows(figures, "dispute_sector", suppressed=True, affairs={})
    shown = dashboard_views.chart_rows(figures, "dispute_sector", suppressed=False, affairs={})
    assert [v for _l, v in hidden] == [None, 5] and [v for _l, v in shown] == [2, 5]
    assert dashboard_views.chart_rows(figures, "type", suppressed=True, affairs={})[0][1] == 1


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_pages_read_the_same_number_of_queries_with_more_data(client_as: Any, persona: Any) -> None:
    register(persona("kabkota"), "Kerja sama pertama Yogyakarta Sleman")
    call_command("dashboard_recompute")
    urls = {
        "ministry": [NATIONAL_URL, DIY, REGION, "/pengawasan/unduh/nasional.xlsx"],
        "province": [DIY, REGION],
        "kabkota": [REGION],
    }
    small = {(who, url): _queries(client_as(who), url) for who, group in urls.items() for url in group}
    for n in range(4):
        register(
            persona("kabkota"),
            f"Kerja sama tambahan {n} Yogyakarta Sleman",
            number=f"PKS/T{n}",
            term_start=date(2022 + n, 4, 1),
            affairs=["2.11", "1.03"][: 1 + n % 2],
        )
        _agreement(
            f"Kerja sama Bandung {n}",
            (BANDUNG, KAB_BANDUNG),
            number=f"PKS/B{n}",
            term_start=date(2020 + n, 1, 1),
        )
    call_command("dashboard_recompute")
    for (who, url), count in small.items():
        assert _queries(client_as(who), url) == count, (who, url)

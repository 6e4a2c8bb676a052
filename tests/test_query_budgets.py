"""Query budgets of every list, dashboard, export and API list (issue 14 item 3).

Each such route is requested as the persona who uses it, once on a small national example data set
(``portal.national_demo`` at a tiny scale: DI Yogyakarta and Jawa Tengah) and once on three times as much
(agreements with their parties, documents, obligations, monev, reports, disputes and risk events). The number
of SQL queries of a request must not grow with the data (``TOLERANCE``: none) and must stay under the route's
budget in ``BUDGETS``; a failing route is reported with both counts, every failing route at once.

The tables below are exhaustive: every named page route and every GET operation of the API is either in
``BUDGETS`` (a list, dashboard, export or API list) or in ``NOT_LISTS`` with the reason, so a new list route
without a budget fails ``test_every_list_route_has_a_budget``. The budgets are listed in docs/operations.md.

Before each counted request the caches are emptied (the dashboards' and maps' cached views are computed in the
counted request), so the cold path is what is counted; a warm-up pass before the first count fills the
in-process caches of reference data that do not depend on the data size.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from kerjasama.portal.national_demo.common import SCALES

pytestmark = pytest.mark.django_db

#: How many more queries the larger data set may cost a request: 0, a count that depends on the data size is an
#: N+1 (paging is LIMIT/OFFSET in the same query, a count query is one whatever the size).
TOLERANCE = 0


@dataclass(frozen=True)
class QueryBudget:
    """One counted request: the route (view name, or ``GET /api/v1/...`` as in the OpenAPI document), who asks,
    the address (``{inforce}``, ``{dispute}``: ids picked in the data set) and the most queries allowed."""

    route: str
    persona: str | None
    url: str
    budget: int


B = QueryBudget
#: Every list, dashboard, export and API list, with its persona and its budget (docs/operations.md).
BUDGETS: list[QueryBudget] = [
    # The site shell and the reference lists.
    B("portal:home", "kabkota", "/", 27),
    B("portal:home", "ministry", "/", 24),
    B("portal:regions", None, "/wilayah/", 6),
    B("portal:region", None, "/wilayah/34.71/", 10),
    B("portal:affairs", None, "/urusan/", 5),
    B("compliance:rules", None, "/aturan/", 3),
    B("accounts:audit_trail", "ministry", "/akun/audit/", 9),
    # Mapping.
    B("mapping:national", "ministry", "/pemetaan/", 13),
    B("mapping:province", "province", "/pemetaan/provinsi/34/", 13),
    B("mapping:region", "kabkota", "/pemetaan/34.71/", 16),
    B("mapping:export", "kabkota", "/pemetaan/34.71/ekspor.xlsx", 13),
    B("mapping:export", "kabkota", "/pemetaan/34.71/ekspor.pdf", 14),
    B("tkksd:region", "kabkota", "/tkksd/34.71/", 10),
    # Agreements and what hangs on one in force.
    B("region_letters:list", "kabkota", "/surat/", 12),
    B("oversight:annual_reports", "ministry", "/pengawasan/laporan-tahunan/", 10),
    B("privacy:requests", "ministry", "/privasi/permintaan/", 10),
    B("privacy:breaches", "ministry", "/privasi/insiden/", 10),
    B("oversight:annual_reports", "province", "/pengawasan/laporan-tahunan/", 10),
    B("agreements:list", "kabkota", "/kerja-sama/", 17),
    B("agreements:list", "ministry", "/kerja-sama/", 17),
    B("agreements:list", "province", "/kerja-sama/?q=contoh", 18),
    B("agreements:export", "ministry", "/kerja-sama/ekspor.xlsx", 14),
    B("agreements:export", "kabkota", "/kerja-sama/ekspor.xlsx", 13),
    B("obligations:list", "ministry", "/kerja-sama/{inforce}/kewajiban/", 14),
    B("obligations:export", "ministry", "/kerja-sama/{inforce}/kewajiban/ekspor.xlsx", 13),
    B("monev:agreement", "ministry", "/kerja-sama/{inforce}/monev/", 26),
    B("monev:export", "ministry", "/kerja-sama/{inforce}/monev/ekspor.xlsx", 25),
    B("notifications:inbox", "kabkota", "/notifikasi/", 11),
    # Reports.
    B("reports:list", "kabkota", "/laporan/", 9),
    B("reports:list", "ministry", "/laporan/", 11),
    B("reports:province", "province", "/laporan/provinsi/34/", 14),
    # Disputes: the cases, the statistics and the early warning.
    B("disputes:list", "ministry", "/perselisihan/", 10),
    B("disputes:list", "kabkota", "/perselisihan/", 10),
    B("disputes:stats", "kabkota", "/perselisihan/statistik/", 10),
    B("disputes:stats_xlsx", "ministry", "/perselisihan/statistik/unduh.xlsx", 7),
    B("disputes:stats_pdf", "ministry", "/perselisihan/statistik/2025.pdf", 9),
    B("disputes:stats_province", "province", "/perselisihan/statistik/provinsi/34/", 10),
    B("disputes:stats_province_xlsx", "province", "/perselisihan/statistik/provinsi/34/unduh.xlsx", 9),
    B("disputes:risk", "kabkota", "/perselisihan/risiko/", 9),
    B("disputes:risk", "ministry", "/perselisihan/risiko/", 9),
    B("disputes:risk_export", "ministry", "/perselisihan/risiko/ekspor.xlsx", 7),
    # Oversight: the public register, quality, dashboards, maps, open data.
    B("oversight:register", None, "/daftar-kerja-sama/", 4),
    B("oversight:register_region", None, "/daftar-kerja-sama/wilayah/33.74/", 5),
    B("oversight:quality_national", "ministry", "/pengawasan/kualitas/nasional/", 25),
    B("oversight:quality_national_xlsx", "ministry", "/pengawasan/kualitas/nasional.xlsx", 24),
    B("oversight:quality_province", "province", "/pengawasan/kualitas/provinsi/34/", 26),
    B("oversight:quality_province_xlsx", "province", "/pengawasan/kualitas/provinsi/34.xlsx", 25),
    B("oversight:quality_region", "kabkota", "/pengawasan/kualitas/wilayah/34.71/", 26),
    B("oversight:dashboard_national", "ministry", "/pengawasan/nasional/", 9),
    B("oversight:dashboard_province", "province", "/pengawasan/provinsi/34/", 13),
    B("oversight:dashboard_region", "kabkota", "/pengawasan/wilayah/34.71/", 26),
    B("oversight:dashboard_xlsx", "ministry", "/pengawasan/unduh/nasional.xlsx", 8),
    B("oversight:map", "ministry", "/pengawasan/peta/", 15),
    B("oversight:map_xlsx", "ministry", "/pengawasan/peta.xlsx", 13),
    B("oversight:network", "province", "/pengawasan/jaringan/", 16),
    B("oversight:public_map", None, "/daftar-kerja-sama/peta/", 11),
    B("oversight:public_map_xlsx", None, "/daftar-kerja-sama/peta.xlsx", 10),
    B("oversight:public_network", None, "/daftar-kerja-sama/jaringan/", 11),
    B("oversight:open_data", None, "/data-terbuka/", 3),
    B("oversight:open_data_file", None, "/data-terbuka/agreements.csv", 3),
    B("oversight:open_data_zip", None, "/data-terbuka/{open_data_zip}", 3),
    # The API's lists.
    B("GET /api/v1/regions", "kabkota", "/api/v1/regions", 7),
    B("GET /api/v1/regions/functional-areas", "kabkota", "/api/v1/regions/functional-areas", 7),
    B("GET /api/v1/affairs", "kabkota", "/api/v1/affairs", 8),
    B("GET /api/v1/affairs/sub-affairs", "kabkota", "/api/v1/affairs/sub-affairs", 7),
    B("GET /api/v1/rulebook/rules", "kabkota", "/api/v1/rulebook/rules", 5),
    B("GET /api/v1/mapping/recommendations", "kabkota", "/api/v1/mapping/recommendations?region=34.71", 8),
    B("GET /api/v1/mapping/recommendations", "ministry", "/api/v1/mapping/recommendations", 8),
    B("GET /api/v1/notifications", "kabkota", "/api/v1/notifications", 8),
    B(
        "GET /api/v1/tkksd/decisions",
        "ministry",
        "/api/v1/tkksd/decisions?subject_type=agreements.agreement&subject_id={inforce}",
        7,
    ),
    B("GET /api/v1/agreements", "kabkota", "/api/v1/agreements", 12),
    B("GET /api/v1/agreements", "ministry", "/api/v1/agreements", 13),
    B("GET /api/v1/monev/deadlines", "ministry", "/api/v1/monev/deadlines", 9),
    B(
        "GET /api/v1/obligations/agreements/{agreement_id}",
        "ministry",
        "/api/v1/obligations/agreements/{inforce}",
        13,
    ),
    B("GET /api/v1/deadlines/mine", "kabkota", "/api/v1/deadlines/mine", 19),
    B("GET /api/v1/disputes/cases", "ministry", "/api/v1/disputes/cases", 8),
    B("GET /api/v1/disputes/statistics", "ministry", "/api/v1/disputes/statistics", 7),
    B(
        "GET /api/v1/disputes/early-warning/agreements",
        "ministry",
        "/api/v1/disputes/early-warning/agreements",
        8,
    ),
    B("GET /api/v1/disputes/early-warning/regions", "ministry", "/api/v1/disputes/early-warning/regions", 8),
    B("GET /api/v1/reports/reports", "ministry", "/api/v1/reports/reports", 8),
    B("GET /api/v1/reports/national/{period_start}", "ministry", "/api/v1/reports/national/2026-01-01", 9),
    B("GET /api/v1/audit", "ministry", "/api/v1/audit", 8),
    B("GET /api/v1/public/agreements", None, "/api/v1/public/agreements", 5),
    B("GET /api/v1/public/mappings", None, "/api/v1/public/mappings", 4),
    B("GET /api/v1/public/dispute-statistics", None, "/api/v1/public/dispute-statistics", 4),
    B(
        "GET /api/v1/oversight/quality/provinces/{code}",
        "province",
        "/api/v1/oversight/quality/provinces/34",
        25,
    ),
    B("GET /api/v1/oversight/quality/national", "ministry", "/api/v1/oversight/quality/national", 24),
]

#: Routes that are not lists: one record's page, a form, a POST-only step, a redirect, a probe, one file.
NOT_LISTS = {
    # Probes, language switch, sign-in and out (with single sign-on), account forms, one organisation.
    "healthz", "readyz", "metrics", "set_language", "login", "logout",
    "sso_start", "sso_callback", "sso_not_linked",
    # An agreement's budget lines: POST steps (the lines are listed on the agreement's page).
    "agreements:budget_add", "agreements:budget_remove",
    # The region's letters: one letter, its PDF, POST steps, the letterhead form.
    "region_letters:detail", "region_letters:pdf", "region_letters:finalise", "region_letters:new_version",
    "region_letters:draft_meeting", "region_letters:draft_report", "region_letters:draft_dispute",
    "region_letters:letterhead", "region_letters:sign", "region_letters:srikandi",
    # Signing a letter and its SRIKANDI bundles (POST or one file); the public verification of one document.
    "letters:sign", "letters:srikandi", "letters:srikandi_set", "signing:verify", "signing:verify_token",
    # Personal data (UU 27/2022): the register of processing is the code's own table (and its JSON/XLSX), one
    # request or breach, their letters and exports.
    "privacy:register", "privacy:register_json", "privacy:register_xlsx", "privacy:request", "privacy:breach",
    "privacy:request_letter", "privacy:request_export_json", "privacy:request_export_pdf", "privacy:breach_letter",
    # One annual report's progress (JSON) and its files.
    "oversight:annual_report_status", "oversight:annual_report_download",
    "accounts:profile", "accounts:password_change", "accounts:token_create", "accounts:token_revoke",
    "accounts:my_organisation", "accounts:organisation",
    "compliance:plan_check", "portal:affair",
    # Mapping: forms, POST steps, the profile template and one identification.
    "mapping:national_run", "mapping:profile_template", "mapping:profile_upload", "mapping:profile_value",
    "mapping:identification", "mapping:identification_detail", "mapping:identification_action",
    # TKKSD: forms, POST steps and one meeting.
    "tkksd:decree_new", "tkksd:decree_end", "tkksd:member_new", "tkksd:member_remove", "tkksd:meeting_new",
    "tkksd:meeting", "tkksd:meeting_hold", "tkksd:decision_new",
    # Agreements: one record, forms, POST steps, the import form and its template.
    "agreements:new", "agreements:detail", "agreements:upload", "agreements:action",
    "agreements_import:page", "agreements_import:template",
    # One agreement's lifecycle, publication consent, letters, monev forms, obligation steps.
    "lifecycle:amendments", "lifecycle:extension", "lifecycle:termination", "lifecycle:settlement_item",
    "oversight:consent", "letters:list", "letters:detail", "letters:finalise", "letters:new_version",
    "letters:pdf", "monev:open_periods", "monev:self_assessment", "monev:tkksd_evaluation",
    "monev:governor_evaluation", "obligations:due_action",
    # Notifications: steps and one object's sent log.
    "notifications:open", "notifications:mark_read", "notifications:mark_all_read", "notifications:preferences",
    "notifications:sent_log",
    # Documents and deadlines: one document, its upload and download; the private calendar feed and its steps.
    "documents:detail", "documents:version_upload", "documents:download",
    "deadlines:calendar_feed", "deadlines:calendar_create", "deadlines:calendar_revoke",
    # Reports: one report, its files and steps.
    "reports:generate", "reports:detail", "reports:xlsx", "reports:pdf", "reports:act",
    # Disputes: the registration form, one case and its pages, steps, thresholds, one agreement's risk.
    "disputes:register", "disputes:detail", "disputes:outcomes", "disputes:step", "disputes:lessons",
    "disputes:risk_thresholds", "disputes:risk_agreement", "disputes:risk_event",
    # Oversight: one published agreement and its file, the landing redirects.
    "oversight:register_detail", "oversight:register_pks", "oversight:quality", "oversight:dashboard",
    # The API: one record, one file, the caller.
    "GET /api/v1/regions/{code}", "GET /api/v1/affairs/{code}", "GET /api/v1/mapping/regions/{code}",
    "GET /api/v1/notifications/unread-count", "GET /api/v1/documents/{document_id}",
    "GET /api/v1/documents/{document_id}/versions/{number}/download", "GET /api/v1/tkksd/regions/{code}",
    "GET /api/v1/tkksd/meetings/{meeting_id}", "GET /api/v1/agreements/{agreement_id}",
    "GET /api/v1/agreements/{agreement_id}/history", "GET /api/v1/monev/agreements/{agreement_id}",
    "GET /api/v1/lifecycle/agreements/{agreement_id}/amendments",
    "GET /api/v1/lifecycle/agreements/{agreement_id}/terms",
    "GET /api/v1/lifecycle/agreements/{agreement_id}/lineage",
    "GET /api/v1/lifecycle/agreements/{agreement_id}/settlement",
    "GET /api/v1/deadlines/agreements/{agreement_id}/reminders", "GET /api/v1/disputes/cases/{dispute_id}",
    "GET /api/v1/disputes/cases/{dispute_id}/outcomes", "GET /api/v1/disputes/lessons/cases/{dispute_id}",
    "GET /api/v1/disputes/early-warning/agreements/{agreement_id}",
    "GET /api/v1/disputes/early-warning/thresholds",
    "GET /api/v1/disputes/early-warning/agreements/{agreement_id}/events",
    "GET /api/v1/reports/reports/{report_id}", "GET /api/v1/reports/reports/{report_id}/export.xlsx",
    "GET /api/v1/reports/reports/{report_id}/export.pdf", "GET /api/v1/public/agreements/{agreement_id}",
    "GET /api/v1/me", "GET /api/v1/oversight/quality/regions/{code}",
}  # fmt: skip


def _route_names() -> list[str]:
    """Every named page route (admin aside) and every GET operation of the API."""
    from django.urls import URLPattern, URLResolver, get_resolver

    from kerjasama.api.api import api

    def walk(resolver: Any, namespace: str = "") -> list[str]:
        names: list[str] = []
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace == "admin" or str(entry.pattern).startswith("api/"):
                    continue
                names += walk(entry, f"{namespace}{entry.namespace}:" if entry.namespace else namespace)
            elif isinstance(entry, URLPattern) and entry.name:
                names.append(f"{namespace}{entry.name}")
        return names

    schema = api.get_openapi_schema()
    return walk(get_resolver()) + [f"GET {path}" for path, ops in schema["paths"].items() if "get" in ops]


def test_every_list_route_has_a_budget() -> None:
    routes = set(_route_names())
    budgeted = {b.route for b in BUDGETS}
    unclassified = sorted(routes - budgeted - NOT_LISTS)
    assert unclassified == [], (
        f"routes with no query budget (BUDGETS) and not listed in NOT_LISTS: {unclassified}"
    )
    assert sorted((budgeted | NOT_LISTS) - routes) == [], "budgets or exemptions for routes that do not exist"
    assert budgeted.isdisjoint(NOT_LISTS)


# --- the data and the counting ---------------------------------------------------------------------------

#: The small data set (x1) and the larger one (x3): agreements and disputes grow, within the same regions.
SMALL = 40, 6
GROWTH = 3


def _ids() -> dict[str, Any]:
    from kerjasama.agreements.choices import AgreementStage
    from kerjasama.agreements.models import Agreement
    from kerjasama.oversight.opendata_views import ZIP_NAME

    inforce = (
        Agreement.objects.filter(is_example=True, stage=AgreementStage.PELAKSANAAN)
        .annotate(n=Count("obligations"))
        .order_by("-n", "id")
        .values_list("id", flat=True)
        .first()
    )
    return {"inforce": inforce, "open_data_zip": ZIP_NAME}


#: The addresses of files (the exports): the warm-up pass leaves them out (their pages warm the same data), the
#: PDFs take seconds to lay out.
FILES = (".pdf", ".xlsx", ".csv", ".zip")


def _count_all(
    client: Any, persona: Callable[[str], Any], *, files: bool = True
) -> dict[QueryBudget, tuple[int, int]]:
    from kerjasama.oversight.maps import forget_cached_views

    ids = _ids()
    counts: dict[QueryBudget, tuple[int, int]] = {}
    for entry in BUDGETS:
        if not files and entry.url.endswith(FILES):
            continue
        client.logout()
        if entry.persona is not None:
            client.force_login(persona(entry.persona))
        url = entry.url.format(**ids)
        cache.clear()
        forget_cached_views()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        counts[entry] = (len(queries), response.status_code)
        if os.environ.get("QUERY_BUDGET_SHOW") == entry.route:  # to find an N+1: the queries of one route
            print(f"--- {entry.route} as {entry.persona}", *(q["sql"][:300] for q in queries), sep="\n")
    return counts


def _build(agreements: int, disputes: int) -> None:
    from dataclasses import replace

    from kerjasama.portal.national_demo import generate

    generate(scale=replace(SCALES["small"], agreements=agreements, disputes=disputes), years=3, seed=14)
    _notifications(agreements // 4)


def _notifications(count: int) -> None:
    """``count`` example notifications with their e-mail delivery to each signed-in persona whose inbox is
    counted (the generator sends none): one per agreement of the data set, newest first."""
    from kerjasama.accounts.models import User
    from kerjasama.agreements.models import Agreement
    from kerjasama.notifications.choices import Channel, DeliveryStatus, NotificationKind
    from kerjasama.notifications.models import Delivery, Notification

    recipients = User.objects.filter(username__in=["operator.yogya", "kemendagri"])
    agreements = list(Agreement.objects.filter(is_example=True).order_by("id")[:count])
    rows = [
        Notification(
            recipient=user,
            kind=NotificationKind.values[0],
            object_type="agreements.agreement",
            object_id=str(a.pk),
            object_label=a.title,
            region_id=a.lead_region_id,
            url=f"/kerja-sama/{a.pk}/",
            key=f"query-budget:{a.pk}",
            actor_label="DATA CONTOH",
        )
        for user in recipients
        for a in agreements
    ]
    Notification.objects.bulk_create(rows)
    Delivery.objects.bulk_create(
        Delivery(
            notification=n,
            channel=Channel.EMAIL,
            status=DeliveryStatus.values[0],
            address="contoh@example.org",
        )
        for n in Notification.objects.filter(key__startswith="query-budget:")
    )


@pytest.fixture
def _documents_in_tmp(tmp_path: Path, settings: Any) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "documents"), "base_url": None},
        },
    }


def test_every_list_route_costs_the_same_queries_on_three_times_the_data(
    client: Any, persona: Callable[[str], Any], _documents_in_tmp: None
) -> None:
    agreements, disputes = SMALL
    with transaction.atomic():
        _build(agreements, disputes)
        _count_all(client, persona, files=False)  # warm-up: in-process caches of reference data, snapshots
        small = _count_all(client, persona)
        transaction.set_rollback(True)
    _build(agreements * GROWTH, disputes * GROWTH)
    _count_all(client, persona, files=False)
    large = _count_all(client, persona)

    problems = []
    for entry in BUDGETS:
        (n_small, status_small), (n_large, status_large) = small[entry], large[entry]
        where = f"{entry.route} as {entry.persona or 'anonymous'} ({entry.url})"
        if status_small != 200 or status_large != 200:
            problems.append(f"{where}: HTTP {status_small}/{status_large}")
        if n_large > n_small + TOLERANCE:
            problems.append(f"{where}: {n_small} queries, {n_large} on {GROWTH}x the data")
        if max(n_small, n_large) > entry.budget:
            problems.append(f"{where}: {max(n_small, n_large)} queries, over its budget of {entry.budget}")
    report = "\n".join(
        f"{e.route:45} {e.persona or '-':10} {small[e][0]:4} {large[e][0]:4} /{e.budget}" for e in BUDGETS
    )
    print(report)
    assert problems == [], "\n".join(problems)

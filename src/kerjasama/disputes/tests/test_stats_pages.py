"""Lessons at closure, the statistics dashboards, their XLSX and the annual PDF, and the API (issue 12 item 7).

Who sees what (docs/disputes.md, "Statistics"): the national figures every logged-in user (aggregate counts);
a province's figures its governor's office (counts 1-2 suppressed) and the ministry; the annual PDF the
ministry; a lesson is recorded on a closed case by a party, the resolver or the ministry.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from openpyxl import load_workbook

from kerjasama.core.actors import SYSTEM
from kerjasama.core.errors import Conflict, KerjasamaError, PermissionDenied
from kerjasama.core.models import AuditEvent
from kerjasama.disputes import services
from kerjasama.disputes.lessons import record_lesson
from kerjasama.disputes.models import Dispute, DisputeLesson
from kerjasama.disputes.statistics import pair_key, pairing_of
from kerjasama.disputes.stats_data import anonymise, case_facts, lessons_of_year
from kerjasama.disputes.tests.conftest import region_parties, register

pytestmark = pytest.mark.django_db

PERSONAS = (
    "ministry",
    "province",
    "kabkota",
    "neighbour",
    "other_province",
    "third_party",
    "auditor",
    "admin",
)


@pytest.fixture
def closed(dispute: Dispute) -> Dispute:
    return services.settle(
        actor=SYSTEM, dispute=dispute, terms="Kota Yogyakarta dan Sleman sepakat mencicil."
    )


def _cases(n_diy: int = 3, n_cross: int = 1) -> list[Dispute]:
    made = [register(title=f"Perselisihan DIY {i}") for i in range(n_diy)]
    made += [
        register(title=f"Lintas provinsi {i}", parties=region_parties("34.71", "33.74"), sector="aset")
        for i in range(n_cross)
    ]
    return made


# -- lessons ---------------------------------------------------------------------------------------------------


def test_it_records_a_lesson_on_a_closed_case_with_history_and_audit(persona: Any, closed: Dispute) -> None:
    lesson = record_lesson(
        actor=persona("kabkota"), dispute=closed, text="  Sepakati jadwal pembayaran di awal. "
    )
    assert lesson.text == "Sepakati jadwal pembayaran di awal."
    assert lesson.recorded_by == persona("kabkota")
    assert lesson.history.count() == 1
    event = AuditEvent.objects.get(action="dispute.lesson_recorded")
    assert event.object_id == str(lesson.pk)


def test_it_refuses_a_lesson_on_an_open_case(persona: Any, dispute: Dispute) -> None:
    with pytest.raises(Conflict) as caught:
        record_lesson(actor=persona("kabkota"), dispute=dispute, text="Terlalu dini.")
    assert caught.value.code == "disputes.not_closed"
    assert not DisputeLesson.objects.exists()


def test_it_refuses_an_empty_lesson(persona: Any, closed: Dispute) -> None:
    with pytest.raises(KerjasamaError) as caught:
        record_lesson(actor=persona("kabkota"), dispute=closed, text="   ")
    assert caught.value.code == "disputes.required"


def test_only_the_parties_the_resolver_and_the_ministry_record_a_lesson(
    persona: Any, closed: Dispute
) -> None:
    allowed = set()
    for name in PERSONAS:
        try:
            record_lesson(actor=persona(name), dispute=closed, text=f"Pelajaran dari {name}")
        except PermissionDenied:
            continue
        allowed.add(name)
    assert allowed == {"ministry", "province", "kabkota", "neighbour", "admin"}


def test_the_lesson_page_shows_the_form_on_a_closed_case_and_records(client_as: Any, closed: Dispute) -> None:
    client = client_as("neighbour")
    url = f"/perselisihan/{closed.pk}/pelajaran/"
    assert 'data-testid="lesson-form"' in client.get(url).content.decode()
    response = client.post(url, {"text": "Libatkan DPRD sejak awal."})
    assert response.status_code == 302
    assert "Libatkan DPRD sejak awal." in client.get(url).content.decode()
    assert client.post(url, {"text": ""}).status_code == 422


def test_the_lesson_page_of_an_open_case_has_no_form(client_as: Any, dispute: Dispute) -> None:
    client = client_as("kabkota")
    page = client.get(f"/perselisihan/{dispute.pk}/pelajaran/").content.decode()
    assert 'data-testid="lessons-open"' in page and 'data-testid="lesson-form"' not in page
    assert client.post(f"/perselisihan/{dispute.pk}/pelajaran/", {"text": "x"}).status_code == 409


def test_the_lesson_page_is_as_confidential_as_the_case(client_as: Any, closed: Dispute) -> None:
    for name in ("other_province", "third_party"):
        assert client_as(name).get(f"/perselisihan/{closed.pk}/pelajaran/").status_code == 404, name
    assert client_as(None).get(f"/perselisihan/{closed.pk}/pelajaran/").status_code == 302


def test_the_lesson_api_records_and_lists(client_as: Any, closed: Dispute, dispute: Dispute) -> None:
    client = client_as("province")
    url = f"/api/v1/disputes/lessons/cases/{closed.pk}"
    created = client.post(url, {"text": "Tetapkan mediator sejak awal."}, content_type="application/json")
    assert created.status_code == 201, created.content
    assert [row["text"] for row in client.get(url).json()] == ["Tetapkan mediator sejak awal."]
    assert client_as("other_province").get(url).status_code == 404
    assert (
        client_as("third_party").post(url, {"text": "x"}, content_type="application/json").status_code == 404
    )


def test_the_lesson_api_answers_409_on_an_open_case(client_as: Any) -> None:
    case = register()
    url = f"/api/v1/disputes/lessons/cases/{case.pk}"
    answer = client_as("kabkota").post(url, {"text": "x"}, content_type="application/json")
    assert answer.status_code == 409 and answer.json()["error"]["code"] == "disputes.not_closed"


def test_a_published_lesson_names_no_party() -> None:
    text = "Kota Yogyakarta menunda pembayaran; SLEMAN menolak. Pemkot Yogyakarta (34.71) lalu sepakat."
    out = anonymise(text, ["Kota Yogyakarta", "Kabupaten Sleman", "34.71"])
    assert "Yogyakarta" not in out and "SLEMAN" not in out and "34.71" not in out
    assert out.count("[pihak]") == 4


def test_the_lessons_of_a_year_are_anonymised(persona: Any, closed: Dispute) -> None:
    record_lesson(
        actor=SYSTEM, dispute=closed, text="Kabupaten Sleman dan Kota Yogyakarta perlu jadwal tarif."
    )
    (lesson,) = lessons_of_year(2026)
    assert "Sleman" not in lesson["text"] and "Yogyakarta" not in lesson["text"]
    assert set(lesson) == {"sector", "kind", "text"}
    assert lessons_of_year(2025) == []


# -- statistics over the database ----------------------------------------------------------------------------


def test_the_pairing_agrees_with_the_rulebook_reference_data() -> None:
    from kerjasama.compliance.selectors import reference_data

    ref = reference_data()
    pairs = [("34", "33"), ("34", "34.71"), ("33", "34.71"), ("33.74", "34.71"), ("34.04", "34.71")]
    for a, b in pairs:
        found = ref.pairing(a, b)
        assert found is not None and found.key == pair_key(a, b), (a, b)


def test_it_reads_the_cases_in_two_queries(django_assert_num_queries: Any) -> None:
    _cases(2, 1)
    with django_assert_num_queries(2):
        facts = case_facts()
    assert len(facts) == 3
    assert sorted(pairing_of(f) for f in facts) == [
        "kabkota_beda_provinsi",
        "kabkota_satu_provinsi",
        "kabkota_satu_provinsi",
    ]
    assert {f.registered.year for f in facts} == {2026}


def _total(page: str) -> str:
    found = re.search(r'data-testid="stats-total"><strong>[^:]*: ([^<]+)</strong>', page)
    assert found, page[:500]
    return found.group(1).strip()


def test_the_national_dashboard_shows_aggregates_to_every_logged_in_user(client_as: Any) -> None:
    cases = _cases(3, 1)
    for name in PERSONAS:
        response = client_as(name).get("/perselisihan/statistik/")
        assert response.status_code == 200, name
        page = response.content.decode()
        assert _total(page) == "4"
        for case in cases:
            assert case.title not in page and case.number not in page
        assert 'role="img"' in page and "<details" in page and "<script" not in page.split("</main>")[0]
    assert client_as(None).get("/perselisihan/statistik/").status_code == 302


def test_only_the_ministry_sees_the_print_link(client_as: Any) -> None:
    assert 'data-testid="stats-pdf"' in client_as("ministry").get("/perselisihan/statistik/").content.decode()
    assert (
        'data-testid="stats-pdf"' not in client_as("kabkota").get("/perselisihan/statistik/").content.decode()
    )


def test_the_year_filter_counts_only_that_year(client_as: Any) -> None:
    _cases(2, 0)
    client = client_as("ministry")
    assert _total(client.get("/perselisihan/statistik/?tahun=2026").content.decode()) == "2"
    assert _total(client.get("/perselisihan/statistik/?tahun=2025").content.decode()) == "0"


def test_the_province_filter_goes_to_the_provincial_page(client_as: Any) -> None:
    response = client_as("ministry").get("/perselisihan/statistik/?provinsi=34&tahun=2026")
    assert (
        response.status_code == 302
        and response["Location"] == "/perselisihan/statistik/provinsi/34/?tahun=2026"
    )
    assert client_as("ministry").get("/perselisihan/statistik/?provinsi=99").status_code == 404


def test_the_provincial_dashboard_is_for_its_governor_and_the_ministry(client_as: Any) -> None:
    _cases(1, 0)
    allowed = {
        name
        for name in PERSONAS
        if client_as(name).get("/perselisihan/statistik/provinsi/34/").status_code == 200
    }
    assert allowed == {"province", "ministry", "auditor", "admin"}
    assert client_as("province").get("/perselisihan/statistik/provinsi/33/").status_code == 403
    assert client_as("ministry").get("/perselisihan/statistik/provinsi/34.71/").status_code == 404


def test_the_governor_sees_small_counts_suppressed_and_the_ministry_does_not(client_as: Any) -> None:
    _cases(2, 1)
    governor = client_as("province").get("/perselisihan/statistik/provinsi/34/").content.decode()
    assert 'data-testid="stats-suppressed"' in governor
    assert _total(governor) == "&lt;3" or _total(governor) == "3"
    assert "&lt;3" in governor
    ministry = client_as("ministry").get("/perselisihan/statistik/provinsi/34/").content.decode()
    assert 'data-testid="stats-suppressed"' not in ministry
    assert _total(ministry) == "3"
    # Jawa Tengah counts only the cross-province case (a party in 33), for the ministry.
    central_java = client_as("ministry").get("/perselisihan/statistik/provinsi/33/").content.decode()
    assert _total(central_java) == "1"


@pytest.mark.parametrize("url", ["/perselisihan/statistik/", "/perselisihan/statistik/provinsi/34/"])
def test_the_dashboards_run_in_constant_queries(
    client_as: Any, django_assert_max_num_queries: Any, url: str
) -> None:
    client = client_as("ministry")
    _cases(1, 1)
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    _cases(6, 3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def _sheets(body: bytes) -> dict[str, list[tuple[Any, ...]]]:
    book = load_workbook(io.BytesIO(body))
    return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in book.worksheets}


def test_the_xlsx_holds_exactly_the_figures_of_the_page(client_as: Any) -> None:
    _cases(2, 1)
    client = client_as("province")
    page = client.get("/perselisihan/statistik/provinsi/34/").content.decode()
    response = client.get("/perselisihan/statistik/provinsi/34/unduh.xlsx?tabel=sector")
    assert response.status_code == 200
    (rows,) = _sheets(response.content).values()
    figures = {row[0]: row[1] for row in rows[5:] if row and row[0]}
    assert len(figures) == 6 and next(iter(figures.values())) == "<3", figures  # public services: 2 cases
    table = page.split('data-testid="chart-sector-table"')[1].split("</table>")[0]
    shown = re.findall(r'<td class="num">([^<]+)</td>', table)
    assert [str(v).replace("<", "&lt;") for v in figures.values()] == shown
    full = _sheets(client_as("ministry").get("/perselisihan/statistik/unduh.xlsx").content)
    assert set(full) == {
        "sector",
        "cause",
        "pairing",
        "resolver",
        "stage",
        "outcome",
        "year",
        "duration",
        "age",
    }
    assert client.get("/perselisihan/statistik/unduh.xlsx?tabel=nope").status_code == 404
    assert client_as("kabkota").get("/perselisihan/statistik/provinsi/34/unduh.xlsx").status_code == 403


def test_the_annual_pdf_is_the_ministrys(client_as: Any, closed: Dispute) -> None:
    record_lesson(
        actor=SYSTEM, dispute=closed, text="Kota Yogyakarta dan Kabupaten Sleman: jadwal tarif tertulis."
    )
    response = client_as("ministry").get("/perselisihan/statistik/2026.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    for name in ("province", "kabkota", "third_party"):
        assert client_as(name).get("/perselisihan/statistik/2026.pdf").status_code == 403, name


def test_the_annual_summary_names_no_party_and_carries_the_lessons(closed: Dispute) -> None:
    from kerjasama.disputes.stats_views import annual_html

    record_lesson(
        actor=SYSTEM, dispute=closed, text="Kota Yogyakarta dan Kabupaten Sleman: jadwal tarif tertulis."
    )
    html = annual_html(2026)
    assert "RINGKASAN TAHUNAN PERSELISIHAN KERJA SAMA DAERAH TAHUN 2026" in html
    assert "Data per tanggal" in html and "<svg" in html
    assert "jadwal tarif tertulis" in html
    assert "Yogyakarta" not in html and "Sleman" not in html and closed.title not in html


def test_the_statistics_api(client_as: Any) -> None:
    _cases(2, 1)
    national = client_as("kabkota").get("/api/v1/disputes/statistics?year=2026")
    assert national.status_code == 200
    body = national.json()
    assert body["total"] == 3 and not body["suppressed"]
    sectors = {row["code"]: row["values"][0] for row in body["tables"]["sector"]["rows"]}
    assert sectors["pelayanan_publik"] == 2 and sectors["aset"] == 1
    governor = client_as("province").get("/api/v1/disputes/statistics?province=34").json()
    assert governor["suppressed"] and governor["total"] == 3
    assert client_as("kabkota").get("/api/v1/disputes/statistics?province=34").status_code == 403
    assert client_as("ministry").get("/api/v1/disputes/statistics?province=99").status_code == 404
    assert client_as(None).get("/api/v1/disputes/statistics").status_code == 401


def test_the_chart_component_renders_an_accessible_svg_with_its_table_and_download() -> None:
    from django.template.loader import render_to_string

    from kerjasama.core.charts import bar_chart

    chart = bar_chart(
        key="demo", title="Judul <grafik>", rows=[("A", 5), ("B", None)], xlsx_url="/x.xlsx?t=1"
    )
    html = render_to_string("core/_chart.html", {"chart": chart})
    assert '<svg class="core-chart-svg" role="img" aria-labelledby="chart-demo-t chart-demo-d"' in html
    assert '<title id="chart-demo-t">Judul &lt;grafik&gt;</title>' in html
    assert '<desc id="chart-demo-d">A: 5; B: &lt;3</desc>' in html
    assert "<details" in html and '<td class="num">5</td>' in html and '<td class="num">&lt;3</td>' in html
    assert 'href="/x.xlsx?t=1"' in html
    assert "<script" not in html and " style=" not in html

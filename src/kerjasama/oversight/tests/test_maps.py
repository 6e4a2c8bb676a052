"""The oversight maps and network pages (issue 13 item 2): each role sees its scope, the public version reads
only published agreements (a planted unpublished one appears nowhere: map data, lines, network, tables, XLSX),
filters narrow the lines, and a page reads the same number of queries whatever the number of agreements."""

from __future__ import annotations

import io
import json
from typing import Any

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kerjasama.agreements.models import Agreement
from kerjasama.oversight.services import record_publication_consent
from kerjasama.oversight.tests.conftest import SLEMAN, YOGYA, consent_all, party_of, register

pytestmark = pytest.mark.django_db

BANTUL = "34.02"
SECRET = "RAHASIA-PETA-5171"


@pytest.fixture
def planted(persona: Any) -> dict[str, Agreement]:
    """A published Yogyakarta–Sleman agreement; an unpublished Yogyakarta–Bantul one (Bantul refused, affair
    1.05 that no published agreement has) and an unpublished Yogyakarta–Sleman one on affair 1.06."""
    published = register(persona("kabkota"), "Pengelolaan sampah regional Yogyakarta Sleman")
    consent_all(persona, published)
    hidden = register(
        persona("kabkota"), SECRET, codes=(YOGYA, BANTUL), affairs=["1.05"], number="PKS/PETA/1"
    )
    record_publication_consent(
        actor=persona("kabkota"), agreement=hidden, party=party_of(hidden, YOGYA), decision="consent"
    )
    hidden_pair = register(persona("kabkota"), SECRET + " dua", affairs=["1.06"], number="PKS/PETA/2")
    return {"published": published, "hidden": hidden, "hidden_pair": hidden_pair}


def page(client: Any, url: str) -> str:
    answer = client.get(url)
    assert answer.status_code == 200, url
    return answer.content.decode()


def embedded(html: str, element_id: str) -> Any:
    start = html.index(f'id="{element_id}"')
    start = html.index(">", start) + 1
    return json.loads(html[start : html.index("</script>", start)])


def workbook_text(content: bytes, sheet: str = "Garis") -> str:
    """The text of one sheet of a map's XLSX (``Garis``: the cooperation lines)."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    return "\n".join(
        " | ".join("" if v is None else str(v) for v in row)
        for row in book[sheet].iter_rows(values_only=True)
    )


def test_public_map_network_and_xlsx_show_only_published_agreements(client_as: Any, planted: Any) -> None:
    client = client_as(None)
    html = page(client, "/daftar-kerja-sama/peta/")
    assert 'data-testid="edge-34.04-34.71"' in html
    assert f'data-testid="edge-{BANTUL}-34.71"' not in html
    assert SECRET not in html and "1.05" not in html.split('id="map-edges-heading"')[1]
    lines = embedded(html, "oversight-map-lines")
    assert all("Bantul" not in line["text"] for line in lines)
    assert "Kota Yogyakarta: 1 " in embedded(html, "oversight-map-values")[YOGYA]["text"]
    network = page(client, "/daftar-kerja-sama/jaringan/")
    assert 'data-testid="edge-34.04-34.71"' in network and f'data-code="{BANTUL}"' not in network
    assert SECRET not in network and "1.06" not in network.split('id="map-edges-heading"')[1]
    for url in (
        "/daftar-kerja-sama/peta/?urusan=1.05",
        "/daftar-kerja-sama/jaringan/?urusan=1.06&tingkat=provinsi",
    ):
        body = page(client, url)
        assert SECRET not in body and 'data-testid="edge-' not in body, url
    assert "risk" not in embedded(page(client, "/daftar-kerja-sama/peta/?ukuran=risk"), "oversight-map-lines")
    text = workbook_text(client.get("/daftar-kerja-sama/peta.xlsx").content)
    assert "Kota Yogyakarta (34.71)" in text and "Bantul (34.02)" not in text and "1.05" not in text
    regions = workbook_text(client.get("/daftar-kerja-sama/peta.xlsx").content, "Peta")
    assert (
        "34.71 | Kota Yogyakarta | 34 | 1 | 1 " in regions
        and "34.02 | Kabupaten Bantul | 34 | 0 | 0 " in regions
    )
    assert SECRET not in regions


def test_anonymous_log_in_and_third_parties_are_sent_to_the_public_map(client_as: Any) -> None:
    assert client_as(None).get("/pengawasan/peta/")["Location"].startswith("/masuk/")
    answer = client_as("third_party").get("/pengawasan/peta/?jenis=KSDD")
    assert answer.status_code == 302 and answer["Location"] == "/daftar-kerja-sama/peta/?jenis=KSDD"
    assert client_as("third_party").get("/pengawasan/jaringan/")["Location"] == "/daftar-kerja-sama/jaringan/"


@pytest.mark.parametrize(
    ("name", "sees"),
    [
        ("ministry", {"34.04-34.71", f"{BANTUL}-34.71"}),
        ("province", {"34.04-34.71", f"{BANTUL}-34.71"}),
        ("kabkota", {"34.04-34.71", f"{BANTUL}-34.71"}),
        ("neighbour", {"34.04-34.71"}),
        ("other_province", set()),
    ],
)
def test_each_role_sees_the_lines_of_its_scope(
    client_as: Any, planted: Any, name: str, sees: set[str]
) -> None:
    client = client_as(name)
    for url in ("/pengawasan/peta/", "/pengawasan/jaringan/"):
        html = page(client, url)
        for pair in ("34.04-34.71", f"{BANTUL}-34.71"):
            assert (f'data-testid="edge-{pair}"' in html) == (pair in sees), (name, url, pair)
    text = workbook_text(client.get("/pengawasan/peta.xlsx").content)
    assert ("Kabupaten Bantul (34.02)" in text) == (f"{BANTUL}-34.71" in sees)


def test_the_neighbour_does_not_learn_the_pairs_of_its_partner(client_as: Any, planted: Any) -> None:
    html = page(client_as("neighbour"), "/pengawasan/peta/")
    assert f'data-testid="map-row-{BANTUL}"' not in html
    # Sleman's own agreements with Yogyakarta: the published one and the unpublished pair (both its own).
    assert 'data-testid="map-row-34.04"' in html and 'data-testid="map-row-34.71"' in html
    values = embedded(html, "oversight-map-values")
    assert set(values) == {SLEMAN, YOGYA}


def test_filters_narrow_the_lines(client_as: Any, planted: Any) -> None:
    client = client_as("ministry")
    html = page(client, "/pengawasan/peta/?urusan=1.05")
    assert f'data-testid="edge-{BANTUL}-34.71"' in html and 'data-testid="edge-34.04-34.71"' not in html
    html = page(client, "/pengawasan/peta/?jenis=KSDPK")
    assert f'data-testid="edge-{BANTUL}-34.71"' not in html
    html = page(client, "/pengawasan/peta/?tingkat=provinsi")
    assert 'data-testid="map-row-34"' in html and 'data-testid="map-row-34.71"' not in html
    for measure in ("mapping", "risk"):
        html = page(client, f"/pengawasan/peta/?ukuran={measure}&urut=nilai")
        assert f'data-measure="{measure}"' in html
    ranked = page(client, "/pengawasan/jaringan/")
    assert 'data-testid="rank-34.71"' in ranked


def test_a_page_reads_the_same_queries_whatever_the_number_of_agreements(
    client_as: Any, persona: Any
) -> None:
    client = client_as("ministry")
    urls = ["/pengawasan/peta/", "/pengawasan/jaringan/", "/daftar-kerja-sama/peta/"]

    def counts() -> list[int]:
        out = []
        for url in urls:
            with CaptureQueriesContext(connection) as ctx:
                page(client, url)
            out.append(len(ctx))
        return out

    register(persona("kabkota"), "Perjanjian pertama Yogyakarta Sleman", number="PKS/Q/1")
    before = counts()
    for n in range(4):
        register(
            persona("kabkota"),
            f"Perjanjian tambahan {n}",
            codes=(YOGYA, BANTUL),
            affairs=[f"1.0{n + 1}"],
            number=f"PKS/Q/{n + 2}",
        )
    assert counts() == before


def test_a_country_of_pairs_is_cut_on_the_page_not_in_the_xlsx(
    client_as: Any, planted: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over national data the page lists and draws the pairs with most agreements only (``PAGE_PAIRS``,
    ``DRAWN_PAIRS``), says so and links the XLSX, which lists every pair."""
    from kerjasama.oversight import map_views

    monkeypatch.setattr(map_views, "PAGE_PAIRS", 1)
    monkeypatch.setattr(map_views, "DRAWN_PAIRS", 1)
    client = client_as("ministry")
    html = page(client, "/pengawasan/peta/")
    table = html.split('id="map-edges-heading"')[1]
    assert table.count('data-testid="edge-') == 1
    assert 'data-testid="map-edges-cut"' in html and 'data-testid="map-edges-xlsx"' in html
    assert len(embedded(html, "oversight-map-lines")) == 1
    network = page(client, "/pengawasan/jaringan/")
    assert network.split('id="map-edges-heading"')[1].count('data-testid="edge-') == 1
    assert network.count('<line class="edge') == 1
    sheet = workbook_text(client.get("/pengawasan/peta.xlsx").content)
    assert "34.02" in sheet and "34.04" in sheet, "the XLSX keeps every pair"
    monkeypatch.setattr(map_views, "PAGE_PAIRS", 100)
    assert 'data-testid="map-edges-cut"' not in page(client, "/pengawasan/peta/")


def test_the_cached_links_follow_every_change_of_parties_stage_and_publication(
    client_as: Any, persona: Any, planted: Any
) -> None:
    """The links are cached per filter set under a data version (``maps.links_version``): a new agreement
    (parties), a change of stage and a new publication consent each show on the next request, a repeated
    request reads no party rows, and each user's scope is applied after the cache (Sleman never gets the
    Yogyakarta–Bantul line the ministry's request cached)."""
    from kerjasama.agreements.services import end_agreement

    bantul_sleman = f'data-testid="edge-{BANTUL}-{SLEMAN}"'
    bantul_yogya = f'data-testid="edge-{BANTUL}-{YOGYA}"'
    page(client_as("ministry"), "/pengawasan/jaringan/")
    with CaptureQueriesContext(connection) as ctx:
        html = page(client_as("ministry"), "/pengawasan/jaringan/")
    assert bantul_yogya in html and bantul_sleman not in html
    party_rows = [q for q in ctx.captured_queries if '"agreements_agreementparty"."region_id"' in q["sql"]]
    assert not party_rows, "the second request reads the cached links"
    assert bantul_yogya not in page(client_as("neighbour"), "/pengawasan/jaringan/")

    register(
        persona("kabkota"), "Kerja sama tiga daerah", codes=(YOGYA, SLEMAN, BANTUL), number="PKS/CACHE/1"
    )
    assert bantul_sleman in page(client_as("ministry"), "/pengawasan/jaringan/")
    html = page(client_as("neighbour"), "/pengawasan/jaringan/")
    assert bantul_sleman in html and bantul_yogya not in html

    assert bantul_yogya in page(client_as("ministry"), "/pengawasan/peta/?urusan=1.05&tahap=pelaksanaan")
    end_agreement(actor=persona("kabkota"), agreement=planted["hidden"], ground="kesepakatan_para_pihak")
    assert bantul_yogya not in page(client_as("ministry"), "/pengawasan/peta/?urusan=1.05&tahap=pelaksanaan")
    assert bantul_yogya in page(client_as("ministry"), "/pengawasan/peta/?urusan=1.05&tahap=berakhir")

    yogya_sleman = f'data-testid="edge-{SLEMAN}-{YOGYA}"'
    assert yogya_sleman not in page(client_as(None), "/daftar-kerja-sama/jaringan/?urusan=1.06")
    consent_all(persona, planted["hidden_pair"])
    assert yogya_sleman in page(client_as(None), "/daftar-kerja-sama/jaringan/?urusan=1.06")

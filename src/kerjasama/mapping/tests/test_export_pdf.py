"""The region's mapping as an official PDF (issue 9 §7): letterhead, number and date, the summary first, a
compact annex that prints each explanation once, and the signature block."""

from __future__ import annotations

import re
import shutil
import subprocess
from typing import Any

import pytest

from kerjasama.accounts.models import User
from kerjasama.core.actors import SYSTEM
from kerjasama.mapping import exports, runner
from kerjasama.mapping.demo import load_mapping_demo
from kerjasama.mapping.selectors import region_mapping
from kerjasama.regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db: Any) -> None:
    load_mapping_demo(actor=SYSTEM)
    runner.run(actor=SYSTEM, regions={"34", "34.01", "34.02", "34.03", "34.04", "34.71"})


def mapping_of(persona: Any) -> Any:
    return region_mapping(Region.objects.get(code="34.71"), persona("kabkota"))


@pytest.mark.usefixtures("demo")
def test_it_prints_the_letterhead_blank_number_and_date_and_signatures(persona: Any) -> None:
    mapping = mapping_of(persona)
    html = exports.region_document_html(mapping, exports.document_header(mapping.region))
    assert "PEMERINTAH KOTA YOGYAKARTA" in html
    # The region's own cooperation unit (its organisation of function "kerja sama") heads the letterhead.
    assert "Bagian Kerja Sama Setda Kota Yogyakarta" in html
    assert re.search(r"Nomor</td><td>:</td><td class=\"fill\">&nbsp;", html)
    assert re.search(r"Tanggal</td><td>:</td><td class=\"fill\">&nbsp;", html)
    signatures = html.split('data-part="signatures"')[1]
    assert "Kepala Bagian Kerja Sama" in signatures and "selaku Ketua TKKSD Kota Yogyakarta" in signatures
    assert "Sekretaris Daerah<br>selaku Ketua TKKSD" in signatures  # the R21 setting tkksd_default_chair
    # The summary comes first, the annex last.
    assert html.index('data-part="summary"') < html.index('data-part="signatures"') < html.index(
        'data-part="annex"'
    )


@pytest.mark.usefixtures("demo")
def test_it_prints_a_given_number_and_date_and_falls_back_to_the_laws_unit_name(persona: Any) -> None:
    region = Region.objects.get(code="34.02")  # Bantul: no cooperation unit on record
    header = exports.document_header(region, number="050/123/2026" + "x" * 500, date="1 Desember 2026")
    assert header.unit == exports.DEFAULT_UNIT and len(header.number) == exports.MAX_HEADER_FIELD
    html = exports.region_document_html(region_mapping(region, persona("ministry")), header)
    assert "050/123/2026" in html and "1 Desember 2026" in html
    assert "Kepala Perangkat Daerah yang Membidangi Kerja Sama" in html


@pytest.mark.usefixtures("demo")
def test_it_prints_each_explanation_once_in_a_compact_annex(persona: Any) -> None:
    mapping = mapping_of(persona)
    html = exports.region_document_html(mapping, exports.document_header(mapping.region))
    annex = html.split('data-part="annex"')[1]
    reasons = [r["text"] for recs in mapping.recommendations.values() for rec in recs for r in rec.reasons]
    repeated = {text for text in reasons if reasons.count(text) > 1}
    assert repeated  # the demo has reasons shared by many partners (e.g. the same border)
    for text in repeated:
        assert annex.count(f"<li>{text}</li>") == 1
    # One row per affair, not one per partner.
    assert annex.count("<tr><td>") == len(mapping.recommendations)


@pytest.mark.usefixtures("demo")
def test_it_names_who_verified_and_when(persona: Any) -> None:
    from kerjasama.mapping import services

    item = services.save_identification(
        actor=persona("kabkota"), region=Region.objects.get(code="34.71"), affair=_affair("2.09"), needs="Pangan"
    )
    services.submit_identification(actor=persona("kabkota"), identification=item)
    tkksd = User.objects.get(username="tkksd.yogya")
    services.verify_identification(actor=tkksd, identification=item)
    mapping = mapping_of(persona)
    html = exports.region_document_html(mapping, exports.document_header(mapping.region))
    summary = html.split('data-part="summary"')[1].split("</table>")[0]
    assert f"oleh {tkksd.full_name or tkksd.username}," in summary


def _affair(code: str) -> Any:
    from kerjasama.affairs.models import Affair

    return Affair.objects.get(code=code)


@pytest.mark.usefixtures("demo")
def test_it_renders_a_sane_pdf_through_the_page(client_as: Any) -> None:
    response = client_as("kabkota").get("/pemetaan/34.71/ekspor.pdf?nomor=050%2F7%2F2026")
    pdf = response.content
    assert response["Content-Type"] == "application/pdf" and pdf.startswith(b"%PDF")
    assert 10_000 < len(pdf) < 1_000_000
    if shutil.which("pdftotext") is None:  # pragma: no cover - poppler-utils is on the test machines
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "PEMERINTAH KOTA YOGYAKARTA" in text and "050/7/2026" in text
    assert "Ketua TKKSD" in text and "LAMPIRAN" in text
    pages = text.count("\f")
    assert 2 <= pages <= 12


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize(("persona_name", "published_only"), [("kabkota", False), ("other_province", True)])
def test_a_reader_outside_the_region_is_told_the_pdf_holds_published_identifications_only(
    client_as: Any, persona_name: str, published_only: bool
) -> None:
    """Another region's official sees the published identifications only; the summary must not read as if the
    region had identified only those (nor say how many others exist)."""
    if shutil.which("pdftotext") is None:  # pragma: no cover - poppler-utils is on the test machines and CI
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = client_as(persona_name).get("/pemetaan/34.71/ekspor.pdf").content
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    text = " ".join(text.split())
    assert ("hanya memuat identifikasi yang telah diterbitkan" in text) is published_only
    assert ("telah mengidentifikasi" in text) is not published_only

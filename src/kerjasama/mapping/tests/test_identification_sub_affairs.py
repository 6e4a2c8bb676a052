"""Sub-affairs on an identification (issue 9 §3: "the identification form lets the unit pick sub-affairs and
programmes by name"): the service checks them against the affair's authority matrix, revisions carry them,
the form offers them by name, and the detail page, the region page, the PDF, the XLSX and the API show them.
Also the programme field's structure help, and two fixes of the recommendation block of the region page."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from typing import Any

import pytest
from openpyxl import load_workbook

from kerjasama.accounts.models import User
from kerjasama.affairs.models import Affair
from kerjasama.core.actors import SYSTEM
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import KerjasamaError
from kerjasama.core.models import AuditEvent
from kerjasama.mapping import exports, runner
from kerjasama.mapping.demo import load_mapping_demo
from kerjasama.mapping.models import Identification, IdentificationRevision
from kerjasama.mapping.selectors import region_mapping
from kerjasama.mapping.services import (
    SUB_AFFAIRS_MAX,
    publish_identification,
    save_identification,
    save_revision,
    start_revision,
    submit_identification,
    verify_identification,
)
from kerjasama.regions.models import Region

pytestmark = pytest.mark.django_db

EDIT = "/pemetaan/34.71/identifikasi/2.11/"
DETAIL = "/pemetaan/34.71/identifikasi/2.11/lihat/"


@pytest.fixture
def operator(persona: Any) -> User:
    user: User = persona("kabkota")
    return user


@pytest.fixture
def tkksd(db: Any) -> User:
    return User.objects.get(username="tkksd.yogya")


def save(operator: User, subs: list[str], affair: str = "2.11") -> Identification:
    return save_identification(
        actor=operator,
        region=Region.objects.get(code="34.71"),
        affair=Affair.objects.get(code=affair),
        needs="TPA Piyungan penuh",
        sub_affairs=subs,
    )


def published(operator: User, tkksd: User, subs: list[str]) -> Identification:
    item = save(operator, subs)
    submit_identification(actor=operator, identification=item)
    verify_identification(actor=tkksd, identification=item)
    return publish_identification(actor=operator, identification=item)


# --- the service ---------------------------------------------------------------------------------------------


def test_it_stores_the_affairs_sub_affairs_in_matrix_order_once_each(operator: User) -> None:
    item = save(operator, [" 2.11.11", "2.11.03", "2.11.11", ""])
    item.refresh_from_db()
    assert item.sub_affairs == ["2.11.03", "2.11.11"]
    event = AuditEvent.objects.filter(action=AuditAction.IDENTIFICATION_SAVED, object_id=str(item.pk)).latest("id")
    assert event.new["sub_affairs"] == ["2.11.03", "2.11.11"]
    assert item.history.latest("history_id").sub_affairs == ["2.11.03", "2.11.11"]


@pytest.mark.parametrize(
    ("subs", "id_text", "en_text"),
    [
        (["2.11.99"], "Sub-urusan: '2.11.99' bukan sub-urusan yang dikenal", "Sub-affairs: '2.11.99' is not a known"),
        (
            ["2.11.11", "3.28.02"],
            "Sub-urusan: 3.28.02 adalah sub-urusan 3.28, bukan urusan 2.11",
            "Sub-affairs: 3.28.02 is a sub-affair of 3.28, not of affair 2.11",
        ),
    ],
)
def test_it_refuses_an_unknown_sub_affair_or_one_of_another_affair_and_writes_nothing(
    operator: User, subs: list[str], id_text: str, en_text: str
) -> None:
    with pytest.raises(KerjasamaError) as caught:
        save(operator, subs)
    error = caught.value
    assert error.code == "mapping.bad_sub_affair"
    assert error.message_id.startswith(id_text) and error.message_en.startswith(en_text)
    assert all(d.location == "Sub-urusan" for d in error.details)
    assert not Identification.objects.filter(region_id="34.71", affair_id="2.11").exists()


def test_it_refuses_an_absurd_number_of_sub_affairs(operator: User) -> None:
    with pytest.raises(KerjasamaError) as caught:
        save(operator, [f"2.11.{n:02d}" for n in range(SUB_AFFAIRS_MAX + 1)])
    assert caught.value.code == "mapping.bad_sub_affair" and "paling banyak" in caught.value.message_id


def test_a_revision_copies_the_sub_affairs_and_publishing_it_replaces_them(operator: User, tkksd: User) -> None:
    item = published(operator, tkksd, ["2.11.11"])
    revision = start_revision(actor=operator, identification=item)
    assert revision.sub_affairs == ["2.11.11"]
    revision = save_revision(
        actor=operator,
        revision=revision,
        needs="TPA Piyungan penuh",
        sub_affairs=["2.11.03", "2.11.11"],
        expected_version=revision.version,
    )
    item.refresh_from_db()
    assert item.sub_affairs == ["2.11.11"]  # the published text stays in force until the revision is published
    with pytest.raises(KerjasamaError) as caught:
        save_revision(actor=operator, revision=revision, needs="x", sub_affairs=["3.28.02"])
    assert caught.value.code == "mapping.bad_sub_affair"
    submit_identification(actor=operator, identification=revision)
    verify_identification(actor=tkksd, identification=revision)
    publish_identification(actor=operator, identification=revision)
    item.refresh_from_db()
    assert item.sub_affairs == ["2.11.03", "2.11.11"]
    event = AuditEvent.objects.get(action=AuditAction.IDENTIFICATION_REVISION_PUBLISHED, object_id=str(item.pk))
    assert event.old is not None and event.new is not None
    assert event.old["sub_affairs"] == ["2.11.11"] and event.new["sub_affairs"] == ["2.11.03", "2.11.11"]
    assert IdentificationRevision.objects.get(pk=revision.pk).sub_affairs == ["2.11.03", "2.11.11"]


# --- the form and the pages ------------------------------------------------------------------------------------


def test_the_form_offers_the_affairs_sub_affairs_by_name_in_a_fieldset(client: Any, operator: User) -> None:
    client.force_login(operator)
    html = client.get(EDIT).content.decode()
    fieldset = html.split('data-testid="sub-affairs-field"')[1].split("</fieldset>")[0]
    assert "<legend>" in fieldset
    assert "<code>2.11.11</code> Persampahan" in fieldset and "3.28" not in fieldset
    assert fieldset.count('type="checkbox"') == 11
    # What each level holds, beside the name.
    assert "Pengelolaan sampah" in fieldset


def test_every_aria_describedby_of_the_form_points_to_an_existing_id(client: Any, operator: User) -> None:
    client.force_login(operator)
    html = client.get(EDIT).content.decode()
    described = re.findall(r'aria-describedby="([^"]+)"', html)
    assert "id_programmes_helptext" in described
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    for value in described:
        assert set(value.split()) <= ids, value


def test_the_programme_help_shows_the_affairs_code_structure_with_the_regions_level_digit(
    client: Any, operator: User
) -> None:
    client.force_login(operator)
    html = client.get(EDIT).content.decode()
    help_text = html.split('id="id_programmes_helptext"')[1].split("</span>")[0]
    assert "2.11.PP" in help_text and "2.11.PP.2.KK" in help_text and "2.11.PP.2.KK.SSSS" in help_text
    assert "kabupaten/kota" in help_text and "1.1" not in help_text
    assert "Judul program belum ditampilkan" in help_text


def test_the_form_saves_the_ticked_sub_affairs_and_the_pages_show_them_by_name(
    client: Any, operator: User
) -> None:
    client.force_login(operator)
    response = client.post(
        EDIT, {"version": 0, "needs": "TPA penuh", "sub_affairs": ["2.11.11", "2.11.03"], "programmes": ""}
    )
    assert response.status_code == 302
    assert Identification.objects.get(region_id="34.71", affair_id="2.11").sub_affairs == ["2.11.03", "2.11.11"]
    detail = client.get(DETAIL).content.decode()
    shown = detail.split('data-testid="sub-affairs"')[1].split("</dd>")[0]
    assert "<code>2.11.11</code> Persampahan" in shown
    assert "<code>2.11.03</code> Pengendalian Pencemaran" in shown
    region = client.get("/pemetaan/34.71/").content.decode()
    cell = region.split('data-testid="sub-affairs-2.11"')[1].split("</td>")[0]
    assert "2.11.03 Pengendalian Pencemaran" in cell and "2.11.11 Persampahan" in cell
    # The edit form comes back with them ticked.
    form = client.get(EDIT).content.decode()
    assert re.search(r'<input[^>]*value="2\.11\.11"[^>]*checked', form)
    assert not re.search(r'<input[^>]*value="2\.11\.01"[^>]*checked', form)


def test_the_form_refuses_a_sub_affair_it_does_not_offer_keeping_what_was_typed(
    client: Any, operator: User
) -> None:
    client.force_login(operator)
    response = client.post(EDIT, {"version": 0, "needs": "TPA penuh", "sub_affairs": ["3.28.02"]})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sub-urusan:" in html and "TPA penuh" in html
    assert not Identification.objects.filter(region_id="34.71", affair_id="2.11").exists()


def test_the_revision_box_shows_the_revisions_sub_affairs(client: Any, operator: User, tkksd: User) -> None:
    item = published(operator, tkksd, ["2.11.11"])
    revision = start_revision(actor=operator, identification=item)
    save_revision(actor=operator, revision=revision, needs="x", sub_affairs=["2.11.05"])
    client.force_login(operator)
    html = client.get(DETAIL).content.decode()
    assert "Bahan Berbahaya dan Beracun" in html.split('data-testid="revision-sub-affairs"')[1].split("</dd>")[0]
    assert "Persampahan" in html.split('data-testid="sub-affairs"')[1].split("</dd>")[0]


# --- API, PDF and XLSX -----------------------------------------------------------------------------------------


def test_the_api_gives_the_sub_affairs_with_their_names(client_as: Any, operator: User) -> None:
    save(operator, ["2.11.11"])
    body = client_as("kabkota").get("/api/v1/mapping/regions/34.71").json()
    ident = next(i for i in body["identifications"] if i["affair"] == "2.11")
    assert ident["sub_affairs"] == [{"id": "2.11.11", "name": "Persampahan"}]


def test_the_pdf_prints_one_line_of_sub_affairs_per_identification(client_as: Any, operator: User) -> None:
    save(operator, ["2.11.03", "2.11.11"])
    mapping = region_mapping(Region.objects.get(code="34.71"), operator)
    html = exports.region_document_html(mapping, exports.document_header(mapping.region))
    assert html.count("<dt>Sub-urusan</dt>") == 1
    assert "2.11.03 Pengendalian Pencemaran dan/atau Kerusakan Lingkungan Hidup; 2.11.11 Persampahan" in html
    pdf = client_as("kabkota").get("/pemetaan/34.71/ekspor.pdf").content
    if shutil.which("pdftotext") is None:  # pragma: no cover - poppler-utils is on the test machines
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert "Sub-urusan" in text and "2.11.11 Persampahan" in text


def test_the_xlsx_has_a_sub_affair_column(operator: User) -> None:
    save(operator, ["2.11.11"])
    mapping = region_mapping(Region.objects.get(code="34.71"), operator)
    sheet = load_workbook(io.BytesIO(exports.region_xlsx(mapping)))["identifikasi"]
    rows = list(sheet.iter_rows(values_only=True))
    column = rows[0].index("sub-urusan")
    assert any(row[column] == "2.11.11 Persampahan" for row in rows[1:])


# --- the recommendation block of the region page ----------------------------------------------------------------


@pytest.fixture
def demo(db: Any) -> None:
    load_mapping_demo(actor=SYSTEM)
    runner.run(actor=SYSTEM, regions={"34", "34.01", "34.02", "34.03", "34.04", "34.71"})


@pytest.mark.usefixtures("demo")
def test_zero_weight_reasons_show_no_points_and_positive_ones_do(client_as: Any) -> None:
    html = client_as("kabkota").get("/pemetaan/34.71/").content.decode()
    reasons = html.split('data-testid="recs-')[1]
    assert "(+0,0)" not in html and "(+0.0)" not in html
    assert re.search(r"\(\+\d+,\d\)", reasons)


@pytest.mark.usefixtures("demo")
def test_it_says_how_many_affairs_have_no_recommendation_and_why(client_as: Any, persona: Any) -> None:
    mapping = region_mapping(Region.objects.get(code="34.71"), persona("kabkota"))
    assert 0 < len(mapping.recommendations) < 32
    missing = 32 - len(mapping.recommendations)
    assert mapping.affairs_without_recommendations == missing
    html = client_as("kabkota").get("/pemetaan/34.71/").content.decode()
    note = html.split('data-testid="recs-missing"')[1].split("</p>")[0]
    assert f"{missing} urusan lain belum punya rekomendasi mitra" in note
    why = "eksternalitas, kawasan fungsional, indikator yang saling melengkapi, atau kecocokan kebutuhan/tawaran"
    assert why in note
    client = client_as("kabkota")
    client.cookies["django_language"] = "en"
    english = client.get("/pemetaan/34.71/").content.decode()
    client.cookies["django_language"] = "id"
    assert f"{missing} other affairs have no recommended partner" in english
    # Filtered to one affair, the sentence would be beside the point.
    one = client_as("kabkota").get("/pemetaan/34.71/", {"affair": next(iter(mapping.recommendations))})
    assert 'data-testid="recs-missing"' not in one.content.decode()

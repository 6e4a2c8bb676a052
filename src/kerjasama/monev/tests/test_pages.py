"""The monev pages: periods with each party's status, the forms (Indonesian numbers, draft then submit, a
correction as a new revision), the XLSX export, and the panel on the agreement page."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kerjasama.agreements.models import Agreement
from kerjasama.core.actors import SYSTEM
from kerjasama.monev import services
from kerjasama.monev.models import MonevPeriod, SelfAssessment, TkksdEvaluation
from kerjasama.monev.tests.conftest import TODAY, party_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_on_today")]


@pytest.fixture
def _on_today() -> Any:
    with time_machine.travel(date(2026, 11, 30), tick=False):
        yield


def test_the_party_saves_a_draft_then_submits_with_indonesian_numbers(
    client_as: Any, waste: Agreement, first: MonevPeriod
) -> None:
    party = party_of(waste, "34.71")
    client = client_as("kabkota")
    url = f"/kerja-sama/{waste.pk}/monev/{first.pk}/mandiri/{party.pk}/"
    form = {"progress_percent": "45,5", "budget_realised": "1.250.000,50", "outputs": "Angkut sampah"}
    assert client.post(url, {**form, "action": "save"}).status_code == 302
    draft = SelfAssessment.objects.get(period=first, party=party)
    assert draft.status == "draft" and draft.budget_realised == Decimal("1250000.50")
    page = client.get(url).content.decode()
    assert 'value="1.250.000,5"' in page  # shown back the Indonesian way, reads the same number
    assert client.post(url, {**form, "progress_percent": "0,8", "action": "submit"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "submitted" and draft.progress_percent == Decimal("0.80")
    # A correction is a new revision; the submitted one stays.
    assert client.post(url, {**form, "progress_percent": "60", "action": "submit"}).status_code == 302
    assert list(SelfAssessment.objects.filter(party=party).values_list("revision", "progress_percent")) == [
        (1, Decimal("0.80")),
        (2, Decimal("60.00")),
    ]


def test_a_bad_number_is_shown_beside_its_field_and_nothing_is_saved(
    client_as: Any, waste: Agreement, first: MonevPeriod
) -> None:
    party = party_of(waste, "34.71")
    answer = client_as("kabkota").post(
        f"/kerja-sama/{waste.pk}/monev/{first.pk}/mandiri/{party.pk}/",
        {"progress_percent": "50", "budget_realised": "1.234", "action": "submit"},
    )
    assert answer.status_code == 200
    body = answer.content.decode()
    assert "id_budget_realised_errors" in body and "dapat dibaca dua cara" in body
    assert 'value="1.234"' in body  # what was typed stays
    assert not SelfAssessment.objects.exists()


def test_the_page_shows_each_partys_status_and_the_evaluations(
    client_as: Any, persona: Any, waste: Agreement, periods: list[MonevPeriod], tkksd_yogya: Any
) -> None:
    first, yogya = periods[0], party_of(waste, "34.71")
    services.save_self_assessment(
        actor=persona("kabkota"), period=first, party=yogya, progress_percent="45,5", submit=True, today=TODAY
    )
    services.record_tkksd_evaluation(
        actor=tkksd_yogya, period=first, party=yogya, rating="baik", meeting_ref="Rapat 7", today=TODAY
    )
    services.record_governor_evaluation(actor=persona("province"), period=first, rating="cukup", today=TODAY)
    body = client_as("neighbour").get(f"/kerja-sama/{waste.pk}/monev/").content.decode()
    assert (
        'data-status="submitted"' in body and 'data-status="overdue"' in body and 'data-status="open"' in body
    )
    assert "45,5%" in body and "Rapat 7" in body and "Daerah Istimewa Yogyakarta" in body
    assert f'data-testid="assess-{yogya.pk}"' not in body  # Sleman cannot assess Yogyakarta's side
    assert f'data-testid="assess-{party_of(waste, "34.04").pk}"' in body


def test_it_shows_the_ratings_by_their_label_in_the_page_language(
    client_as: Any, persona: Any, waste: Agreement, first: MonevPeriod, tkksd_yogya: Any
) -> None:
    """The evaluations show the scale's label ("Baik", "Good"), not the stored value ("baik"): found by the
    in-force browser story (tests/e2e/test_browser_in_force.py)."""
    from django.test import override_settings

    yogya = party_of(waste, "34.71")
    services.record_tkksd_evaluation(
        actor=tkksd_yogya, period=first, party=yogya, rating="baik", meeting_ref="Rapat 7", today=TODAY
    )
    services.record_governor_evaluation(actor=persona("province"), period=first, rating="cukup", today=TODAY)
    url = f"/kerja-sama/{waste.pk}/monev/"
    client = client_as("neighbour")
    body = client.get(url).content.decode()
    assert "<strong>Baik</strong>" in body and "<strong>Cukup</strong>" in body
    assert "<strong>baik</strong>" not in body
    client.cookies["django_language"] = "en"
    text = client.get(url).content.decode()
    assert "<strong>Good</strong>" in text and "<strong>Fair</strong>" in text
    client.cookies["django_language"] = "id"
    with override_settings(KERJASAMA_MONEV={"rating_scale": "a:Sangat baik:Very good"}):
        # A value the scale no longer has is shown as stored.
        assert "<strong>baik</strong>" in client.get(url).content.decode()


def test_the_governor_records_an_evaluation_on_the_page(
    client_as: Any, waste: Agreement, first: MonevPeriod
) -> None:
    client = client_as("province")
    url = f"/kerja-sama/{waste.pk}/monev/{first.pk}/gubernur/"
    assert client.post(url, {"rating": "kurang", "notes": "Lambat"}).status_code == 302
    answer = client.post(url, {"rating": "baik"})
    assert answer.status_code == 200 and "Sudah tercatat" in answer.content.decode()


def test_the_tkksd_form_offers_the_scale_of_the_settings(
    client_as: Any, waste: Agreement, first: MonevPeriod
) -> None:
    from django.test import override_settings

    party = party_of(waste, "34.71")
    url = f"/kerja-sama/{waste.pk}/monev/{first.pk}/tkksd/{party.pk}/"
    with override_settings(
        KERJASAMA_MONEV={"rating_scale": "a:Sangat baik:Very good,b:Perlu perbaikan:Needs work"}
    ):
        body = client_as("kabkota").get(url).content.decode()
        assert "Sangat baik" in body and "Perlu perbaikan" in body and "Cukup" not in body
        assert client_as("kabkota").post(url, {"rating": "b", "meeting_ref": "Rapat 3"}).status_code == 302
    assert TkksdEvaluation.objects.get().rating == "b"


def test_the_export_is_a_spreadsheet_of_what_the_page_shows(
    client_as: Any, persona: Any, waste: Agreement, first: MonevPeriod
) -> None:
    from openpyxl import load_workbook

    services.save_self_assessment(
        actor=persona("kabkota"),
        period=first,
        party=party_of(waste, "34.71"),
        progress_percent="45,5",
        budget_realised="1.250.000,50",
        outputs="=HYPERLINK(1)",
        submit=True,
        today=TODAY,
    )
    answer = client_as("ministry").get(f"/kerja-sama/{waste.pk}/monev/ekspor.xlsx")
    assert answer.status_code == 200 and "spreadsheetml" in answer["Content-Type"]
    sheet = load_workbook(io.BytesIO(answer.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    yogya_row = next(r for r in rows if r[3] == "Kota Yogyakarta" and r[6] is not None)
    assert yogya_row[6] == 45.5 and yogya_row[7] == 1250000.5
    assert yogya_row[8] == "=HYPERLINK(1)"  # text stays text (core.xlsx), never a formula
    assert len(rows) == 2 + 4 * 2  # title, header, 4 periods x 2 parties


def test_the_agreement_page_links_the_monev_and_shows_the_flags(
    client_as: Any, persona: Any, waste: Agreement
) -> None:
    services.generate_periods(actor=SYSTEM, agreement=waste, today=TODAY)
    body = client_as("kabkota").get(f"/kerja-sama/{waste.pk}/").content.decode()
    assert 'data-testid="monev-panel"' in body and f"/kerja-sama/{waste.pk}/monev/" in body
    # Both parties missed periods 1-3: monev missed twice.
    assert 'data-flag="missed_twice"' in body


def test_the_monev_page_reads_in_a_fixed_number_of_queries(
    client_as: Any, waste: Agreement, periods: list[MonevPeriod]
) -> None:
    client = client_as("kabkota")
    with CaptureQueriesContext(connection) as few:
        assert client.get(f"/kerja-sama/{waste.pk}/monev/").status_code == 200
    with time_machine.travel(date(2029, 12, 31), tick=False):
        services.generate_periods(actor=SYSTEM, agreement=waste)
    assert MonevPeriod.objects.filter(agreement=waste).count() == 10
    with CaptureQueriesContext(connection) as many:
        assert client.get(f"/kerja-sama/{waste.pk}/monev/").status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_admin_shows_monev_read_only(
    client_as: Any, persona: Any, waste: Agreement, first: MonevPeriod
) -> None:
    services.save_self_assessment(
        actor=persona("kabkota"),
        period=first,
        party=party_of(waste, "34.71"),
        progress_percent="5",
        today=TODAY,
    )
    client = client_as("admin")
    for name in ("monevperiod", "selfassessment", "tkksdevaluation", "governorevaluation"):
        assert client.get(f"/admin/monev/{name}/").status_code == 200
    assert client.get("/admin/monev/monevperiod/add/").status_code == 403

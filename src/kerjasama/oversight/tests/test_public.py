"""The public register (no login): only published agreements, only their released parts; nothing confidential
of any agreement's records appears on a public page or through the public download route; a page reads a
constant number of queries; ``kerjasama agreements --json`` says which agreements are published."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from kerjasama.agreements.models import Agreement, DprdApproval
from kerjasama.lifecycle.models import Amendment
from kerjasama.monev.models import MonevPeriod, SelfAssessment
from kerjasama.obligations.models import Obligation
from kerjasama.oversight.tests.conftest import SLEMAN, YOGYA, attach_pks, consent_all, party_of, register

pytestmark = pytest.mark.django_db

#: A marker planted in each confidential field; none may appear on a public page.
MARKERS = {
    "unpublished_title": "RAHASIA-JUDUL-7731",
    "withheld_value": "987654321",
    "withheld_object": "RAHASIA-OBJEK-5512",
    "withheld_pks_name": "rahasia-pks-4409.pdf",
    "monev_problems": "RAHASIA-MONEV-2290",
    "monev_follow_up": "RAHASIA-TINDAKLANJUT-1187",
    "obligation_title": "RAHASIA-KEWAJIBAN-6634",
    "obligation_amount": "456789123",
    "tkksd_reasons": "RAHASIA-TKKSD-3021",
    "party_reason": "RAHASIA-ALASAN-8842",
    "dprd_notes": "RAHASIA-DPRD-9917",
    "amendment_reason": "RAHASIA-ADENDUM-4456",
    "justification": "RAHASIA-JUSTIFIKASI-7789",
    "legal_basis": "RAHASIA-DASAR-1123",
}


def plant_related(agreement: Agreement) -> None:
    """Every related record of ``agreement`` with a marker in its text (planted directly: the point is that
    the public pages never read them, whatever the services would allow)."""
    yogya = party_of(agreement, YOGYA)
    yogya.tkksd_review_reasons = MARKERS["tkksd_reasons"]
    yogya.reason = MARKERS["party_reason"]
    yogya.save()
    Agreement.objects.filter(pk=agreement.pk).update(
        justification_externality=MARKERS["justification"], legal_basis=MARKERS["legal_basis"]
    )
    period = MonevPeriod.objects.create(
        agreement=agreement, sequence=1, start=date(2025, 3, 1), end=date(2025, 8, 31), due=date(2025, 9, 30)
    )
    SelfAssessment.objects.create(
        period=period,
        party=yogya,
        progress_percent=Decimal(40),
        problems=MARKERS["monev_problems"],
        follow_up=MARKERS["monev_follow_up"],
    )
    Obligation.objects.create(
        agreement=agreement,
        party=yogya,
        title=MARKERS["obligation_title"],
        kind="payment",
        amount=Decimal(MARKERS["obligation_amount"]),
        recurrence="once",
        first_due=date(2026, 1, 1),
    )
    DprdApproval.objects.create(
        agreement=agreement,
        region_id=YOGYA,
        requested_on=date(2025, 1, 2),
        request_letter_number="1/DPRD",
        notes=MARKERS["dprd_notes"],
    )
    Amendment.objects.create(
        agreement=agreement,
        sequence=1,
        title="Adendum I",
        signed_on=date(2025, 6, 1),
        effective_from=date(2025, 6, 1),
        reason=MARKERS["amendment_reason"],
    )


@pytest.fixture
def planted(persona: Any) -> dict[str, Agreement]:
    """A published agreement withholding its value, object and PKS; a published one releasing its PKS; an
    unpublished one (one party refused) with its own PKS; every related record carrying markers."""
    withheld = register(
        persona("kabkota"),
        "Pengelolaan sampah regional Yogyakarta Sleman",
        value=MARKERS["withheld_value"],
        object=MARKERS["withheld_object"],
    )
    attach_pks(persona, withheld, MARKERS["withheld_pks_name"])
    consent_all(persona, withheld, value="17e", object="17b", pks="17b")
    released = register(persona("kabkota"), "Air minum lintas daerah Yogyakarta Sleman", affairs=["1.03"])
    attach_pks(persona, released, "pks-air-minum.pdf")
    consent_all(persona, released)
    hidden = register(
        persona("kabkota"),
        MARKERS["unpublished_title"],
        affairs=["1.03"],
        number="PKS/RHS/1",
        term_start=date(2025, 4, 1),
    )
    attach_pks(persona, hidden, "pks-hidden.pdf")
    from kerjasama.oversight.services import record_publication_consent

    record_publication_consent(
        actor=persona("kabkota"), agreement=hidden, party=party_of(hidden, YOGYA), decision="consent"
    )
    record_publication_consent(
        actor=persona("neighbour"), agreement=hidden, party=party_of(hidden, SLEMAN), decision="refuse"
    )
    for agreement in (withheld, released, hidden):
        plant_related(agreement)
    return {"withheld": withheld, "released": released, "hidden": hidden}


def public_urls(planted: dict[str, Agreement]) -> list[str]:
    return [
        "/daftar-kerja-sama/",
        "/daftar-kerja-sama/?q=sampah",
        "/daftar-kerja-sama/?region=34.71",
        "/daftar-kerja-sama/?affair=1.03",
        "/daftar-kerja-sama/wilayah/34.71/",
        "/daftar-kerja-sama/wilayah/34.04/",
        *(f"/daftar-kerja-sama/{a.pk}/" for a in planted.values()),
        *(f"/daftar-kerja-sama/{a.pk}/pks/" for a in planted.values()),
    ]


def body_of(answer: Any) -> str:
    content = b"".join(answer.streaming_content) if answer.streaming else answer.content
    return content.decode("utf-8", errors="replace") + " " + answer.get("Content-Disposition", "")


def test_it_leaks_no_confidential_field_on_any_public_page(planted: dict[str, Agreement]) -> None:
    client = Client()
    hidden = planted["hidden"]
    for url in public_urls(planted):
        body = body_of(client.get(url))
        for name, marker in MARKERS.items():
            assert marker not in body, f"{name} leaks on {url}"
        assert f'href="/daftar-kerja-sama/{hidden.pk}/' not in body
        assert "/dokumen/" not in body
    # A search for the unpublished title finds nothing (the page echoes only what the visitor typed).
    body = client.get(f"/daftar-kerja-sama/?q={MARKERS['unpublished_title']}").content.decode()
    assert f'href="/daftar-kerja-sama/{hidden.pk}/' not in body
    assert body.count(MARKERS["unpublished_title"]) == 2  # the search box and the language form's next URL


def test_it_lists_the_published_agreements_with_their_released_parts(planted: dict[str, Agreement]) -> None:
    client = Client()
    body = client.get("/daftar-kerja-sama/").content.decode()
    assert "Pengelolaan sampah regional Yogyakarta Sleman" in body
    assert "Air minum lintas daerah Yogyakarta Sleman" in body
    detail = client.get(f"/daftar-kerja-sama/{planted['withheld'].pk}/").content.decode()
    assert 'data-testid="public-pks"' not in detail
    released = client.get(f"/daftar-kerja-sama/{planted['released'].pk}/").content.decode()
    assert 'data-testid="public-pks"' in released


def test_it_serves_only_a_released_pks_and_nothing_else(planted: dict[str, Agreement]) -> None:
    client = Client()
    answer = client.get(f"/daftar-kerja-sama/{planted['released'].pk}/pks/")
    assert answer.status_code == 200
    assert "pks-air-minum.pdf" in answer["Content-Disposition"]
    assert body_of(answer).startswith("%PDF")
    assert client.get(f"/daftar-kerja-sama/{planted['withheld'].pk}/pks/").status_code == 404
    assert client.get(f"/daftar-kerja-sama/{planted['hidden'].pk}/pks/").status_code == 404
    assert client.get(f"/daftar-kerja-sama/{planted['hidden'].pk}/").status_code == 404


def test_it_refuses_the_withheld_pks_through_the_documents_route_to_anonymous_users(
    planted: dict[str, Agreement],
) -> None:
    from kerjasama.documents.models import Document

    for document in Document.objects.filter(object_id__in=[str(a.pk) for a in planted.values()]):
        answer = Client().get(f"/dokumen/{document.pk}/versi/1/unduh/")
        # The private route sends a visitor to the login page and serves nothing.
        assert answer.status_code == 302 and answer["Location"].startswith("/masuk/")


def test_it_shows_the_example_banner_on_example_data(persona: Any) -> None:
    example = register(persona("kabkota"), "Contoh kerja sama publik", is_example=True)
    consent_all(persona, example)
    body = Client().get("/daftar-kerja-sama/").content.decode()
    assert 'data-testid="example-banner"' in body
    assert (
        'data-testid="example-banner"' in Client().get(f"/daftar-kerja-sama/{example.pk}/").content.decode()
    )


def test_it_reads_a_constant_number_of_queries_per_page(
    persona: Any, django_assert_max_num_queries: Any
) -> None:
    client = Client()
    urls = ["/daftar-kerja-sama/", "/daftar-kerja-sama/?q=publik", "/daftar-kerja-sama/wilayah/34.71/"]
    client.get(urls[0])  # warm the session and caches

    def add(numbers: range) -> None:
        for n in numbers:
            agreement = register(
                persona("kabkota"),
                f"Kerja sama publik {n}",
                number=f"PKS/Q/{n}",
                term_start=date(2025, 1, n + 1),
            )
            consent_all(persona, agreement)

    add(range(2))
    counts = {}
    for url in urls:
        with django_assert_max_num_queries(12) as few:
            assert client.get(url).status_code == 200
        counts[url] = len(few.captured_queries)
    add(range(2, 8))
    for url in urls:
        with django_assert_max_num_queries(counts[url]):
            assert client.get(url).status_code == 200


def test_it_says_which_agreements_are_published_in_the_command_json(planted: dict[str, Agreement]) -> None:
    out = io.StringIO()
    call_command("agreements", "--json", stdout=out)
    rows = {row["id"]: row for row in json.loads(out.getvalue())}
    assert rows[planted["released"].pk]["published"] is True
    assert rows[planted["withheld"].pk]["published"] is True
    assert rows[planted["hidden"].pk]["published"] is False
    assert rows[planted["hidden"].pk]["publication"] == "partial"


def test_it_answers_odd_search_input_without_an_error(planted: dict[str, Agreement]) -> None:
    client = Client()
    assert client.get("/daftar-kerja-sama/?region=<x>&affair=zzzzzz&page=-1&q=%00").status_code in (200, 400)
    assert client.get("/daftar-kerja-sama/?page=99").status_code == 200
    assert client.get("/daftar-kerja-sama/wilayah/99.99/").status_code == 404
    body = client.get("/daftar-kerja-sama/?region=3404").content.decode()
    assert "Air minum lintas daerah Yogyakarta Sleman" in body

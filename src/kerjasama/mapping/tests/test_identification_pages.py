"""The pages of the verification loop (issue 9, section 1): the read-only detail page of an identification,
the buttons each persona is offered, the outcome messages, the edit form of a returned one or a revision,
the role inbox on the home page (with query-count guards) and the read-only admin."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kerjasama.accounts.models import User
from kerjasama.affairs.models import Affair
from kerjasama.mapping.models import Identification, IdentificationRevision
from kerjasama.mapping.services import (
    add_comment,
    publish_identification,
    return_identification,
    save_identification,
    start_revision,
    submit_identification,
    verify_identification,
)
from kerjasama.regions.models import Region

pytestmark = pytest.mark.django_db

DETAIL = "/pemetaan/34.71/identifikasi/2.11/lihat/"
EDIT = "/pemetaan/34.71/identifikasi/2.11/"
REASON = "Lampirkan data timbulan sampah 2024 dari DLH."


def action(name: str, affair: str = "2.11") -> str:
    return f"/pemetaan/34.71/identifikasi/{affair}/{name}/"


@pytest.fixture
def tkksd(db: Any) -> User:
    return User.objects.get(username="tkksd.yogya")


@pytest.fixture
def operator(persona: Any) -> User:
    user: User = persona("kabkota")
    return user


def draft(operator: User, affair: str = "2.11") -> Identification:
    return save_identification(
        actor=operator,
        region=Region.objects.get(code="34.71"),
        affair=Affair.objects.get(code=affair),
        needs="TPA Piyungan penuh",
        externalities="Lindi mengalir ke Sungai Code yang melintasi Sleman dan Bantul",
        programmes=["2.11.04", "2.11.04.2.01"] if affair == "2.11" else [],
    )


def published(operator: User, tkksd: User) -> Identification:
    item = draft(operator)
    submit_identification(actor=operator, identification=item)
    verify_identification(actor=tkksd, identification=item)
    return publish_identification(actor=operator, identification=item)


def login(client: Any, user: User) -> Any:
    client.logout()
    client.force_login(user)
    return client


# --- the detail page -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("kabkota", 200),
        ("province", 200),
        ("ministry", 200),
        ("admin", 200),
        ("auditor", 200),
        ("neighbour", 404),
        ("other_province", 404),
        ("third_party", 404),
    ],
)
def test_it_shows_a_draft_only_within_the_jurisdiction(
    operator: User, client_as: Any, who: str, status: int
) -> None:
    draft(operator)
    assert client_as(who).get(DETAIL).status_code == status


def test_it_shows_the_tkksd_every_field_with_programme_kinds_people_and_the_verify_and_return_buttons(
    operator: User, tkksd: User, client: Any
) -> None:
    item = draft(operator)
    submit_identification(actor=operator, identification=item)
    html = login(client, tkksd).get(DETAIL).content.decode()
    assert "TPA Piyungan penuh" in html and "Sungai Code" in html
    assert "2.11.04</code> Program" in html and "2.11.04.2.01</code> Kegiatan kabupaten/kota" in html
    assert "Operator KSD Kota Yogyakarta (contoh)" in html  # who created and submitted it
    assert 'data-testid="verify-2.11"' in html and 'data-testid="return-form"' in html
    assert 'data-testid="edit-2.11"' not in html and 'data-testid="withdraw-2.11"' not in html
    assert "Riwayat status" in html and "Diajukan ke TKKSD" in html


def test_it_returns_from_the_page_and_shows_the_author_the_reason_at_the_top(
    operator: User, tkksd: User, client: Any
) -> None:
    item = draft(operator)
    submit_identification(actor=operator, identification=item)
    response = login(client, tkksd).post(action("return"), {"reason": REASON})
    assert response.status_code == 302 and response["Location"] == DETAIL  # no anchor past the message
    page = client.get(DETAIL).content.decode()
    assert 'role="status"' in page and "Dikembalikan" in page
    html = login(client, operator).get(DETAIL).content.decode()
    assert 'data-testid="return-reason"' in html and REASON in html
    assert 'data-testid="status-2.11">Dikembalikan<' in html
    assert 'data-testid="edit-2.11"' in html and 'data-testid="submit-2.11"' in html
    form = client.get(EDIT).content.decode()
    assert 'data-testid="return-reason"' in form and REASON in form and "Simpan draf" in form


def test_it_offers_no_save_after_submission_and_withdraws_from_the_page(operator: User, client: Any) -> None:
    item = draft(operator)
    submit_identification(actor=operator, identification=item)
    login(client, operator)
    response = client.get(EDIT)
    assert response.status_code == 302 and response["Location"] == DETAIL
    html = client.get(DETAIL).content.decode()
    assert "Simpan draf" not in html and 'data-testid="submit-2.11"' not in html
    assert 'data-testid="withdraw-2.11"' in html and 'data-testid="delete-2.11"' not in html
    response = client.post(action("withdraw"))
    assert response["Location"] == DETAIL
    item.refresh_from_db()
    assert item.status == "draft"


def test_it_deletes_a_draft_from_the_page_and_lands_on_the_region_page(operator: User, client: Any) -> None:
    item = draft(operator)
    login(client, operator)
    assert 'data-testid="delete-2.11"' in client.get(DETAIL).content.decode()
    response = client.post(action("delete"))
    assert response.status_code == 302 and response["Location"] == "/pemetaan/34.71/"
    assert not Identification.objects.filter(pk=item.pk).exists()


def test_it_refuses_an_action_in_words_and_changes_nothing(operator: User, client_as: Any) -> None:
    item = draft(operator)
    submit_identification(actor=operator, identification=item)
    client = client_as("province")  # sees it, may not verify
    response = client.post(action("verify"), follow=True)
    html = response.content.decode()
    assert 'role="alert"' in html and "Akun Anda tidak dapat melakukan tindakan ini" in html
    item.refresh_from_db()
    assert item.status == "submitted"
    assert client_as("neighbour").post(action("verify")).status_code == 404


def test_it_revises_from_the_page_while_other_regions_still_read_the_published_text(
    operator: User, tkksd: User, client: Any, client_as: Any
) -> None:
    published(operator, tkksd)
    login(client, operator)
    assert 'data-testid="revise-2.11"' in client.get(DETAIL).content.decode()
    response = client.post(action("revise"))
    assert response.status_code == 302 and response["Location"] == EDIT
    form = client.get(EDIT).content.decode()
    assert "Simpan revisi" in form and "Simpan draf" not in form
    version = IdentificationRevision.objects.get().version
    response = client.post(
        EDIT,
        {
            "needs": "Butuh TPST regional",
            "offers": "",
            "externalities": "",
            "programmes": "",
            "version": version,
        },
    )
    assert response["Location"] == DETAIL
    html = client.get(DETAIL).content.decode()
    assert 'data-testid="revision"' in html and "Butuh TPST regional" in html and "TPA Piyungan penuh" in html
    neighbour = client_as("neighbour").get(DETAIL).content.decode()
    assert "TPA Piyungan penuh" in neighbour and "Butuh TPST regional" not in neighbour
    assert 'data-testid="revision"' not in neighbour and "Riwayat status" not in neighbour


def test_it_adds_a_comment_from_the_page(operator: User, tkksd: User, client: Any) -> None:
    draft(operator)
    response = login(client, tkksd).post(action("comment"), {"text": "Mohon cek kode kegiatan."})
    assert response.status_code == 302 and response["Location"].startswith(DETAIL + "#komentar-")
    assert "Mohon cek kode kegiatan." in login(client, operator).get(DETAIL).content.decode()


def test_it_reads_the_detail_page_in_a_constant_number_of_queries(
    operator: User, tkksd: User, client: Any
) -> None:
    item = draft(operator)
    login(client, tkksd)
    with CaptureQueriesContext(connection) as few:
        assert client.get(DETAIL).status_code == 200
    submit_identification(actor=operator, identification=item)
    return_identification(actor=tkksd, identification=item, reason=REASON)
    for n in range(10):
        add_comment(actor=tkksd if n % 2 else operator, identification=item, text=f"Komentar {n}")
    with CaptureQueriesContext(connection) as many:
        assert client.get(DETAIL).status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


# --- the role inbox on the home page --------------------------------------------------------------------------


def test_it_shows_each_role_what_waits_for_it(
    operator: User, tkksd: User, client: Any, client_as: Any
) -> None:
    returned = draft(operator)
    submit_identification(actor=operator, identification=returned)
    return_identification(actor=tkksd, identification=returned, reason=REASON)
    waiting = draft(operator, affair="1.03")
    submit_identification(actor=operator, identification=waiting)
    draft(operator, affair="3.26")

    html = login(client, operator).get("/").content.decode()
    assert 'data-testid="inbox-returned-count">1<' in html and REASON in html
    assert 'data-testid="inbox-submit-count">2<' in html  # the returned one and the draft
    assert 'data-testid="inbox-verify"' not in html
    assert DETAIL in html

    html = login(client, tkksd).get("/").content.decode()
    assert (
        'data-testid="inbox-verify-count">1<' in html and "/pemetaan/34.71/identifikasi/1.03/lihat/" in html
    )
    assert 'data-testid="inbox-submit"' not in html

    html = client_as("neighbour").get("/").content.decode()
    assert 'data-testid="inbox-submit-count">0<' in html and 'data-testid="inbox-published-count">0<' in html
    assert "inbox" not in client_as(None).get("/").content.decode()


def test_it_counts_recently_published_in_the_jurisdiction(
    operator: User, tkksd: User, client_as: Any
) -> None:
    published(operator, tkksd)
    assert 'data-testid="inbox-published-count">1<' in client_as("province").get("/").content.decode()
    assert 'data-testid="inbox-published-count">1<' in client_as("ministry").get("/").content.decode()
    assert 'data-testid="inbox-published-count">0<' in client_as("other_province").get("/").content.decode()


@pytest.mark.parametrize("who", ["operator", "tkksd"])
def test_it_reads_the_inbox_in_a_constant_number_of_queries(
    operator: User, tkksd: User, client: Any, who: str
) -> None:
    login(client, operator if who == "operator" else tkksd)
    draft(operator, affair="2.11")
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for code in Affair.objects.exclude(code="2.11").order_by("code").values_list("code", flat=True)[:12]:
        item = draft(operator, affair=code)
        submit_identification(actor=operator, identification=item)
    first = Identification.objects.get(affair_id="2.11")
    submit_identification(actor=operator, identification=first)
    verify_identification(actor=tkksd, identification=first)
    publish_identification(actor=operator, identification=first)
    start_revision(actor=operator, identification=first)
    with CaptureQueriesContext(connection) as many:
        client.get("/")
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


# --- the admin ------------------------------------------------------------------------------------------------


def test_it_keeps_the_admin_of_identifications_read_only(operator: User, client_as: Any) -> None:
    item = draft(operator)
    client = client_as("admin")
    url = f"/admin/mapping/identification/{item.pk}/change/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"needs": "diubah lewat admin", "status": "published"})
    assert response.status_code == 403
    assert client.get("/admin/mapping/identification/add/").status_code == 403
    item.refresh_from_db()
    assert (item.status, item.needs) == ("draft", "TPA Piyungan penuh")


@pytest.mark.parametrize(
    ("who", "status", "inside"),
    [
        ("kabkota", 200, True),
        ("province", 200, True),
        ("ministry", 200, True),
        ("neighbour", 200, False),
        ("other_province", 200, False),
        ("third_party", 404, False),
    ],
)
def test_it_shows_a_published_one_to_every_official_but_its_dialogue_only_within_the_jurisdiction(
    operator: User, tkksd: User, client_as: Any, who: str, status: int, inside: bool
) -> None:
    item = published(operator, tkksd)
    add_comment(actor=tkksd, identification=item, text="Catatan internal TKKSD")
    response = client_as(who).get(DETAIL)
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert (
            "TPA Piyungan penuh" in html and "Anggota TKKSD Kota Yogyakarta (contoh)" in html
        )  # verified by
        assert ("Catatan internal TKKSD" in html) is inside and ("Riwayat status" in html) is inside
        assert 'data-testid="revise-2.11"' not in html or who == "kabkota"


def test_it_takes_a_reader_of_the_old_form_link_to_the_detail_page(
    operator: User, tkksd: User, client: Any, client_as: Any
) -> None:
    draft(operator)
    response = login(client, tkksd).get(EDIT)
    assert response.status_code == 302 and response["Location"] == DETAIL
    assert client_as("neighbour").get(EDIT).status_code == 404  # a draft of another region stays unseen


def test_it_tells_the_tkksd_when_the_unit_withdrew_it_a_moment_before(
    operator: User, tkksd: User, client: Any
) -> None:
    from kerjasama.mapping.services import withdraw_identification

    item = draft(operator)
    submit_identification(actor=operator, identification=item)
    login(client, tkksd)
    assert 'data-testid="return-form"' in client.get(DETAIL).content.decode()  # the page the TKKSD has open
    withdraw_identification(actor=operator, identification=item)
    response = client.post(action("return"), {"reason": REASON}, follow=True)
    html = response.content.decode()
    assert response.status_code == 200 and 'role="alert"' in html and "“Draf”" in html
    item.refresh_from_db()
    assert (item.status, item.return_reason) == ("draft", "")

"""A record's sent log: who got what, when, by which channel, visible within the record's jurisdiction."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from kerjasama.notifications.choices import Channel, DeliveryStatus, SkipReason
from kerjasama.notifications.models import Delivery
from kerjasama.notifications.tests.conftest import make

pytestmark = pytest.mark.django_db

LOG = reverse("notifications:sent_log", args=["mapping.identification", "7"])


@pytest.fixture
def logged(user: Any) -> Any:
    """Identification 7 of Kota Yogyakarta was notified to its TKKSD member (in-app; e-mail skipped)."""
    notification = make(user("tkksd.yogya"), "identification:7:submitted:h1")
    Delivery.objects.create(
        notification=notification,
        channel=Channel.EMAIL,
        status=DeliveryStatus.SKIPPED,
        error=SkipReason.NO_ADDRESS,
    )
    return notification


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("ministry", 200),
        ("admin", 200),
        ("auditor", 200),
        ("province", 200),
        ("kabkota", 200),
        ("neighbour", 404),
        ("other_province", 404),
        ("third_party", 404),
    ],
)
def test_it_shows_the_log_within_the_records_jurisdiction(
    client_as: Any, logged: Any, who: str, status: int
) -> None:
    assert client_as(who).get(LOG).status_code == status


def test_it_shows_a_recipient_outside_the_jurisdiction_only_their_own_delivery(
    client: Any, user: Any, logged: Any
) -> None:
    sleman = user("operator.sleman")
    own = make(sleman, "identification:7:submitted:h1")
    client.force_login(sleman)
    page = client.get(LOG)
    assert page.status_code == 200
    assert [row["delivery"].notification_id for row in page.context["rows"]] == [own.pk]


def test_it_tells_who_got_what_when_and_by_which_channel(client_as: Any, logged: Any) -> None:
    page = client_as("kabkota").get(LOG)
    html = page.content.decode()
    assert "Anggota TKKSD Kota Yogyakarta (contoh)" in html
    assert "Identifikasi diajukan ke TKKSD" in html
    assert "Di aplikasi" in html and "Terkirim" in html
    assert "Surel" in html and "Dilewati" in html and "Penerima tidak memiliki alamat surel" in html
    assert len(page.context["rows"]) == 2


def test_it_answers_404_for_a_record_with_no_log(client_as: Any, logged: Any) -> None:
    url = reverse("notifications:sent_log", args=["mapping.identification", "8"])
    assert client_as("ministry").get(url).status_code == 404


def test_it_reads_the_log_with_a_constant_number_of_queries(
    client_as: Any, user: Any, logged: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_as("ministry")
    client.get(LOG)
    for username in ("operator.yogya", "bappeda.yogya", "auditor", "admin"):
        make(user(username), "identification:7:submitted:h1")
    with django_assert_max_num_queries(8):
        page = client.get(LOG)
    assert len(page.context["rows"]) == 6

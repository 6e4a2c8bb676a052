"""Identifications submitted, verified, returned and published notify the right officials, once each."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.affairs.models import Affair
from kerjasama.mapping import notices
from kerjasama.mapping.models import Identification
from kerjasama.mapping.services import (
    publish_identification,
    return_identification,
    save_identification,
    submit_identification,
    verify_identification,
)
from kerjasama.notifications.choices import NotificationKind
from kerjasama.notifications.messages import render_message
from kerjasama.notifications.models import Notification
from kerjasama.regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(django_capture_on_commit_callbacks: Any) -> Any:
    """``run(service, **kwargs)``: call a mapping service and deliver what it scheduled."""

    def call(service: Any, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return call


def draft(author: Any, run: Any) -> Identification:
    result: Identification = run(
        save_identification,
        actor=author,
        region=Region.objects.get(code="34.71"),
        affair=Affair.objects.get(code="2.11"),
        needs="TPA Piyungan penuh; butuh pemrosesan akhir bersama",
    )
    return result


def received(kind: str) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_it_tells_the_regions_tkksd_of_a_submission(user: Any, run: Any) -> None:
    operator = user("operator.yogya")
    item = draft(operator, run)
    run(submit_identification, actor=operator, identification=item)
    assert received(NotificationKind.IDENTIFICATION_SUBMITTED) == {"tkksd.yogya"}
    notification = Notification.objects.get(kind=NotificationKind.IDENTIFICATION_SUBMITTED)
    assert notification.object_type == "mapping.identification" and notification.object_id == str(item.pk)
    assert notification.url == "/pemetaan/34.71/identifikasi/2.11/lihat/" and notification.region_id == "34.71"
    subject = render_message(notification.kind, notification.context, "id").subject
    assert subject == "Identifikasi urusan 2.11 Kota Yogyakarta menunggu verifikasi"


def test_it_tells_the_author_and_the_operators_of_a_verification_but_not_the_verifier(
    user: Any, run: Any
) -> None:
    planner, tkksd = user("bappeda.yogya"), user("tkksd.yogya")
    item = draft(planner, run)
    run(submit_identification, actor=planner, identification=item)
    run(verify_identification, actor=tkksd, identification=item)
    assert received(NotificationKind.IDENTIFICATION_VERIFIED) == {"bappeda.yogya", "operator.yogya"}


def test_it_carries_the_reason_of_a_return_and_notifies_a_resubmission_again(user: Any, run: Any) -> None:
    operator, tkksd = user("operator.yogya"), user("tkksd.yogya")
    item = draft(operator, run)
    run(submit_identification, actor=operator, identification=item)
    run(return_identification, actor=tkksd, identification=item, reason="Lengkapi kode kegiatan <b>2.11</b>")
    # The operator is both the author and an operator: one notification, not two.
    returned = Notification.objects.get(kind=NotificationKind.IDENTIFICATION_RETURNED)
    assert returned.recipient == operator
    body = render_message(returned.kind, returned.context, "id").body
    assert "Alasan: Lengkapi kode kegiatan <b>2.11</b>" in body
    run(submit_identification, actor=operator, identification=item)
    assert (
        Notification.objects.filter(kind=NotificationKind.IDENTIFICATION_SUBMITTED, recipient=tkksd).count()
        == 2
    )


def test_it_tells_the_operators_and_the_planning_unit_of_a_publication(user: Any, run: Any) -> None:
    operator, tkksd = user("operator.yogya"), user("tkksd.yogya")
    item = draft(operator, run)
    run(submit_identification, actor=operator, identification=item)
    run(verify_identification, actor=tkksd, identification=item)
    run(publish_identification, actor=operator, identification=item)
    assert received(NotificationKind.IDENTIFICATION_PUBLISHED) == {"bappeda.yogya"}


def test_it_leaves_other_regions_out(user: Any, run: Any) -> None:
    operator = user("operator.yogya")
    item = draft(operator, run)
    run(submit_identification, actor=operator, identification=item)
    recipients = set(Notification.objects.values_list("recipient__username", flat=True))
    assert not recipients & {
        "operator.sleman",
        "operator.semarang",
        "gubernur.diy",
        "kemendagri",
        "mitra.contoh",
    }


def test_it_keys_each_transition_by_its_history_row(user: Any, run: Any) -> None:
    operator = user("operator.yogya")
    item = draft(operator, run)
    run(submit_identification, actor=operator, identification=item)
    latest = item.history.order_by("-history_id").first()
    assert latest is not None and latest.status == "submitted"
    assert (
        notices.idempotency_key(item, "submitted")
        == f"identification:{item.pk}:submitted:h{latest.history_id}"
    )
    assert Notification.objects.get().key == notices.idempotency_key(item, "submitted")


def test_it_ignores_an_event_it_has_no_message_for(user: Any) -> None:
    item = Identification(region_id="34.71", affair_id="2.11")
    assert (
        notices.identification_transitioned(identification=item, event="reopened", actor=user("admin")) == []
    )

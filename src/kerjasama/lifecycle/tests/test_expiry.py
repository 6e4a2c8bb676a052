"""The automatic end (issue 11, item 4): an agreement past its end date with no successor in force becomes
"berakhir" by the system on the expiry ground, with a notice to every party's people; a second run changes
nothing; one agreement failing does not stop the others; the daily task and ``kerjasama end-expired``."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO
from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command

from kerjasama.agreements.choices import AgreementStage
from kerjasama.agreements.models import Agreement
from kerjasama.core.models import AuditEvent
from kerjasama.core.tasks import periodic_tasks
from kerjasama.lifecycle import services
from kerjasama.lifecycle.expiry import end_expired
from kerjasama.lifecycle.models import Settlement, Succession
from kerjasama.lifecycle.tests.conftest import in_force
from kerjasama.notifications.models import PendingNotification

pytestmark = pytest.mark.django_db

TODAY = date(2026, 1, 5)


def test_it_ends_expired_agreements_once_with_notices(yogya: Any, persona: Any) -> None:
    expired = in_force(yogya)
    current = in_force(
        yogya, title="Masih berlaku", number="PKS/2", term_start=date(2022, 1, 1), term_end=date(2026, 1, 5)
    )
    PendingNotification.objects.all().delete()
    first = end_expired(TODAY)
    assert first["ended_ids"] == [expired.pk] and first["failed"] == [] and first["due"] == 1
    expired.refresh_from_db()
    assert expired.stage == AgreementStage.BERAKHIR
    assert expired.termination_ground == "jangka_waktu_berakhir" and expired.ended_on == date(2025, 12, 31)
    assert Agreement.history.filter(id=expired.pk, history_user__isnull=True, stage="berakhir").exists()
    assert AuditEvent.objects.filter(
        actor_label="sistem", object_id=str(expired.pk), action="agreement.stage_changed"
    ).exists()
    # Every party's people are told (the system is no user, so nobody is left out as the actor).
    told = set(PendingNotification.objects.values_list("recipient__username", flat=True))
    assert {"operator.yogya", "operator.sleman"} <= told
    assert Settlement.objects.filter(agreement=expired).exists()
    notices = PendingNotification.objects.count()
    second = end_expired(TODAY)
    assert second["ended"] == 0 and second["due"] == 0
    assert PendingNotification.objects.count() == notices
    current.refresh_from_db()
    assert current.stage == AgreementStage.PELAKSANAAN


def test_a_successor_in_force_keeps_the_old_agreement_out(yogya: Any) -> None:
    old = in_force(yogya)
    successor = services.propose_extension(actor=yogya, agreement=old)
    assert end_expired(TODAY)["ended_ids"] == [old.pk]  # a successor only proposed does not count
    old2 = in_force(yogya, title="Dua", number="PKS/9", term_start=date(2020, 1, 1))
    new2 = in_force(
        yogya, title="Dua lanjutan", number="PKS/10", term_start=date(2026, 1, 3), term_end=date(2030, 1, 1)
    )
    Succession.objects.create(predecessor=old2, successor=new2, kind="perpanjangan")
    result = end_expired(TODAY)
    assert result["ended"] == 0 and result["superseded"] == 1
    old2.refresh_from_db()
    assert old2.stage == AgreementStage.PELAKSANAAN
    assert successor.stage == AgreementStage.PERSIAPAN


def test_one_failure_does_not_stop_the_others(yogya: Any) -> None:
    first = in_force(yogya)
    second = in_force(
        yogya, title="Dua", number="PKS/2", term_start=date(2020, 6, 1), term_end=date(2025, 6, 30)
    )
    from kerjasama.agreements import services as agreement_services

    real = agreement_services.end_agreement

    def flaky(**kwargs: Any) -> Any:
        if kwargs["agreement"].pk == second.pk:
            raise RuntimeError("disk full")
        return real(**kwargs)

    with mock.patch.object(agreement_services, "end_agreement", side_effect=flaky):
        result = end_expired(TODAY)
    assert result["ended_ids"] == [first.pk]
    assert result["failed"] == [{"id": second.pk, "code": "lifecycle.end_failed", "message": "disk full"}]
    second.refresh_from_db()
    assert (
        second.stage == AgreementStage.PELAKSANAAN
        and not Settlement.objects.filter(agreement=second).exists()
    )
    assert end_expired(TODAY)["ended_ids"] == [second.pk]


def test_the_daily_task_and_the_command(yogya: Any) -> None:
    daily = {t.name: t for t in periodic_tasks(every="daily")}
    assert daily["lifecycle.end_expired"].path == "kerjasama.lifecycle.tasks.end_expired_agreements"
    agreement = in_force(yogya)
    out = StringIO()
    call_command("end_expired", "--today", "2026-01-05", "--json", stdout=out)
    assert json.loads(out.getvalue())["ended_ids"] == [agreement.pk]
    out = StringIO()
    call_command("end_expired", "--today", "2026-01-05", stdout=out)
    assert "0 berakhir" in out.getvalue()
    with pytest.raises(SystemExit):
        call_command("end_expired", "--today", "5-1-2026", stderr=StringIO(), stdout=StringIO())

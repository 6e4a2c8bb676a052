"""Amendments (adendum): recorded by a party's official on an agreement in force, effective-dated, never the
term end (R19); ``terms_as_of`` answers what was in force on a date."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kerjasama.agreements.models import Agreement
from kerjasama.core.errors import KerjasamaError, PermissionDenied
from kerjasama.core.models import AuditEvent
from kerjasama.lifecycle import services
from kerjasama.lifecycle.models import Amendment
from kerjasama.lifecycle.selectors import terms_as_of
from kerjasama.lifecycle.tests.conftest import in_force
from kerjasama.notifications.models import PendingNotification

pytestmark = pytest.mark.django_db


def amend(actor: Any, agreement: Agreement, effective: date, **changes: Any) -> Amendment:
    return services.record_amendment(
        actor=actor,
        agreement=agreement,
        title="Adendum nilai",
        signed_on=effective,
        effective_from=effective,
        changes=changes,
        reason="Kenaikan tipping fee",
    )


def test_it_answers_the_terms_in_force_on_a_date(agreement: Agreement, yogya: Any, sleman: Any) -> None:
    first = amend(yogya, agreement, date(2023, 1, 1), value="1500000000")
    second = amend(sleman, agreement, date(2024, 7, 1), scope="Pengangkutan saja", apbd_budgeted=False)
    assert (first.sequence, second.sequence) == (1, 2)
    before = terms_as_of(agreement, date(2022, 12, 31))
    assert before["value"] == "1000000000.00" and before["scope"] == "Pengangkutan dan pemrosesan akhir"
    middle = terms_as_of(agreement, date(2023, 1, 1))
    assert middle["value"] == "1500000000.00" and middle["apbd_budgeted"] is True
    after = terms_as_of(agreement, date(2025, 1, 1))
    assert after["value"] == "1500000000.00"
    assert after["scope"] == "Pengangkutan saja" and after["apbd_budgeted"] is False
    # The agreement itself is not edited: the signed terms stay as signed, the term end too.
    agreement.refresh_from_db()
    assert agreement.scope == "Pengangkutan dan pemrosesan akhir" and agreement.term_end == date(2025, 12, 31)
    assert Amendment.history.filter(agreement_id=agreement.pk).count() == 2
    assert (
        AuditEvent.objects.filter(action="lifecycle.amendment_recorded", object_id=str(agreement.pk)).count()
        == 2
    )


def test_it_tells_the_other_party(agreement: Agreement, yogya: Any, sleman: Any) -> None:
    amend(yogya, agreement, date(2023, 1, 1), value="1")
    recipients = set(PendingNotification.objects.values_list("recipient__username", flat=True))
    assert "operator.sleman" in recipients and "operator.yogya" not in recipients


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"term_end": "2030-12-31"}, "lifecycle.terms_invalid"),
        ({}, "lifecycle.terms_invalid"),
        ({"title": "x"}, "lifecycle.terms_invalid"),
        ({"value": "-5"}, "lifecycle.terms_invalid"),
        ({"shares": {"35.78": "10"}}, "lifecycle.terms_invalid"),
        ({"shares": {"34.71": "60"}}, None),
        ({"shares": {"34.71": "60", "34.04": "30"}}, "lifecycle.terms_invalid"),
        ({"shares": {"34.71": "60", "34.04": "40"}}, None),
    ],
)
def test_it_refuses_what_is_not_a_term_change(
    agreement: Agreement, yogya: Any, changes: dict[str, Any], code: str | None
) -> None:
    if code is None:
        amend(yogya, agreement, date(2023, 1, 1), **changes)
        return
    with pytest.raises(KerjasamaError) as caught:
        amend(yogya, agreement, date(2023, 1, 1), **changes)
    assert caught.value.code == code
    assert not Amendment.objects.filter(agreement=agreement).exists()


def test_it_refuses_a_date_outside_the_term_and_an_agreement_not_in_force(
    agreement: Agreement, yogya: Any, persona: Any
) -> None:
    with pytest.raises(KerjasamaError) as caught:
        amend(yogya, agreement, date(2026, 1, 1), value="1")
    assert caught.value.code == "lifecycle.effective_outside_term"
    from kerjasama.agreements.tests.conftest import propose_waste

    draft = propose_waste({"yogya": yogya})
    with pytest.raises(KerjasamaError) as caught:
        amend(yogya, draft, date(2027, 6, 1), value="1")
    assert caught.value.code == "lifecycle.not_in_force"


def test_only_a_party_records_an_amendment(agreement: Agreement, persona: Any) -> None:
    for name in ("province", "ministry", "other_province", "third_party", "auditor"):
        with pytest.raises(PermissionDenied):
            amend(persona(name), agreement, date(2023, 1, 1), value="1")
    amend(persona("admin"), agreement, date(2023, 1, 1), value="1")


def test_amendments_number_per_agreement(yogya: Any) -> None:
    one = in_force(yogya)
    two = in_force(yogya, title="Kerja sama lain", number="PKS/002/2021", term_start=date(2021, 2, 1))
    assert amend(yogya, one, date(2022, 1, 1), value="1").sequence == 1
    assert amend(yogya, two, date(2022, 1, 1), value="1").sequence == 1
    assert amend(yogya, one, date(2021, 6, 1), value="2").sequence == 2
    # Ordered by effective date: the later-recorded but earlier-effective amendment is overridden by #1.
    assert terms_as_of(one, date(2022, 6, 1))["value"] == "1.00"
    assert terms_as_of(one, date(2021, 12, 1))["value"] == "2.00"

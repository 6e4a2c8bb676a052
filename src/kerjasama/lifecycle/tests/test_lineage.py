"""Extension and renewal as lineage: a NEW agreement in persiapan through the full procedure (R19), pre-filled
from the old one's terms in force and its parties, linked as its successor; the old end date is never edited."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kerjasama.agreements import services as agreement_services
from kerjasama.agreements.choices import AgreementStage
from kerjasama.agreements.models import Agreement
from kerjasama.core.errors import Conflict, KerjasamaError, PermissionDenied
from kerjasama.lifecycle import services
from kerjasama.lifecycle.models import Succession
from kerjasama.lifecycle.selectors import (
    lineage,
    predecessor_of,
    successor_of,
    superseded_agreement_ids,
)
from kerjasama.lifecycle.tests.conftest import in_force

pytestmark = pytest.mark.django_db


def test_it_proposes_the_extension_as_a_new_agreement(agreement: Agreement, yogya: Any) -> None:
    services.record_amendment(
        actor=yogya,
        agreement=agreement,
        title="Adendum ruang lingkup",
        signed_on=date(2023, 1, 1),
        effective_from=date(2023, 1, 1),
        changes={"scope": "Ruang lingkup baru", "value": "2000000000"},
        reason="Perubahan",
    )
    new = services.propose_extension(actor=yogya, agreement=agreement)
    assert new.pk != agreement.pk and new.stage == AgreementStage.PERSIAPAN
    assert new.title.startswith("Perpanjangan: ")
    assert new.scope == "Ruang lingkup baru" and str(new.value) == "2000000000.00"
    assert new.term_start == date(2026, 1, 1) and new.term_end is None
    assert sorted(p.region_id for p in new.parties.all()) == ["34.04", "34.71"]
    assert [a.code for a in new.affairs.all()] == ["2.11"]
    agreement.refresh_from_db()
    assert agreement.term_end == date(2025, 12, 31) and agreement.stage == AgreementStage.PELAKSANAAN
    assert successor_of(agreement) == new and predecessor_of(new) == agreement
    assert successor_of(new) is None and predecessor_of(agreement) is None


def test_one_successor_per_predecessor_unless_cancelled(
    agreement: Agreement, yogya: Any, sleman: Any
) -> None:
    first = services.propose_extension(actor=yogya, agreement=agreement)
    with pytest.raises(Conflict) as caught:
        services.propose_extension(actor=sleman, agreement=agreement)
    assert caught.value.code == "lifecycle.successor_exists"
    agreement_services.cancel_agreement(actor=yogya, agreement=first, reason="Format salah")
    # Sleman's cooperation unit proposes it again: Sleman is the proposing region of the new agreement.
    second = services.propose_extension(actor=sleman, agreement=agreement)
    assert second.lead_region_id == "34.04"
    assert Succession.objects.get(predecessor=agreement).successor_id == second.pk
    assert Succession.history.filter(predecessor_id=agreement.pk).count() == 2


def test_superseded_ids_are_those_whose_successor_is_in_force(yogya: Any) -> None:
    old = in_force(yogya)
    pending = in_force(yogya, title="Kedua", number="PKS/2", term_start=date(2021, 2, 1))
    services.propose_extension(actor=yogya, agreement=pending)
    successor = in_force(
        yogya, title="Pengganti", number="PKS/3", term_start=date(2026, 1, 2), term_end=date(2030, 12, 31)
    )
    Succession.objects.create(predecessor=old, successor=successor, kind="perpanjangan")
    assert superseded_agreement_ids(Agreement.objects.all()) == {old.pk}
    assert superseded_agreement_ids(Agreement.objects.filter(pk=pending.pk)) == set()


def test_who_may_propose_an_extension(agreement: Agreement, persona: Any) -> None:
    for name in ("province", "ministry", "other_province", "third_party", "auditor"):
        with pytest.raises(PermissionDenied):
            services.propose_extension(actor=persona(name), agreement=agreement)


def test_an_extension_needs_an_agreement_in_force(agreement: Agreement, yogya: Any) -> None:
    from kerjasama.agreements.tests.conftest import propose_waste

    with pytest.raises(KerjasamaError) as caught:
        services.propose_extension(
            actor=yogya, agreement=propose_waste({"yogya": yogya}, term_start=date(2027, 2, 1))
        )
    assert caught.value.code == "lifecycle.not_extendable"


def test_lineage_shows_only_what_the_reader_sees(agreement: Agreement, yogya: Any, persona: Any) -> None:
    new = services.propose_extension(actor=yogya, agreement=agreement, kind="pembaruan")
    seen = lineage(agreement, yogya)
    assert seen.successor == new and seen.successor_kind == "pembaruan" and seen.predecessor is None
    assert lineage(new, yogya).predecessor == agreement
    outsider = lineage(agreement, persona("other_province"))
    assert outsider.successor is None and outsider.predecessor is None

"""Termination with settlement: the checklist (a setting), each item settled or not applicable with a note,
the termination document, and the end through agreements' ``end_agreement`` on a PP 28/2018 ground (R29)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import override_settings

from kerjasama.agreements.choices import AgreementStage
from kerjasama.agreements.models import Agreement
from kerjasama.core.errors import Conflict, KerjasamaError, PermissionDenied
from kerjasama.lifecycle import services
from kerjasama.lifecycle.models import SettlementItem

pytestmark = pytest.mark.django_db


def settle_all(actor: Any, agreement: Agreement) -> None:
    settlement = services.open_settlement(actor=actor, agreement=agreement)
    for item in settlement.items.all():
        services.update_settlement_item(actor=actor, item=item, status="done", note="Selesai")


def test_it_ends_after_the_settlement_with_a_lawful_ground(
    agreement: Agreement, yogya: Any, sleman: Any
) -> None:
    settlement = services.open_settlement(actor=sleman, agreement=agreement)
    assert [i.key for i in settlement.items.all()] == ["aset", "kewajiban", "personel", "arsip", "pendanaan"]
    assert services.open_settlement(actor=yogya, agreement=agreement).pk == settlement.pk
    with pytest.raises(KerjasamaError) as caught:
        services.terminate_agreement(
            actor=yogya, agreement=agreement, ground="kesepakatan_para_pihak", document_number="180/1"
        )
    assert caught.value.code == "lifecycle.settlement_incomplete"
    items = list(settlement.items.all())
    for item in items[:-1]:
        services.update_settlement_item(actor=sleman, item=item, status="done", note="Beres")
    with pytest.raises(KerjasamaError) as caught:
        services.update_settlement_item(actor=yogya, item=items[-1], status="not_applicable")
    assert caught.value.code == "lifecycle.note_required"
    services.update_settlement_item(actor=yogya, item=items[-1], status="not_applicable", note="Tanpa dana")
    ended = services.terminate_agreement(
        actor=yogya,
        agreement=agreement,
        ground="kesepakatan_para_pihak",
        ended_on=date(2024, 6, 30),
        document_number="180/1/2024",
        document_date=date(2024, 6, 1),
    )
    assert ended.stage == AgreementStage.BERAKHIR and ended.termination_ground == "kesepakatan_para_pihak"
    assert ended.ended_on == date(2024, 6, 30)
    settlement.refresh_from_db()
    assert settlement.document_number == "180/1/2024" and settlement.ground == "kesepakatan_para_pihak"


@pytest.mark.parametrize("ground", ["pergantian_kepala_daerah", "wanprestasi", "putusan_pengadilan"])
def test_it_refuses_a_ground_the_law_does_not_give_a_ksdd(
    agreement: Agreement, yogya: Any, ground: str
) -> None:
    settle_all(yogya, agreement)
    with pytest.raises(KerjasamaError) as caught:
        services.terminate_agreement(actor=yogya, agreement=agreement, ground=ground, document_number="1")
    assert caught.value.code == "lifecycle.ground_invalid"
    agreement.refresh_from_db()
    assert agreement.stage == AgreementStage.PELAKSANAAN


def test_the_termination_document_is_required_except_on_expiry(agreement: Agreement, yogya: Any) -> None:
    settle_all(yogya, agreement)
    with pytest.raises(KerjasamaError) as caught:
        services.terminate_agreement(actor=yogya, agreement=agreement, ground="tujuan_tercapai")
    assert caught.value.code == "lifecycle.document_required"
    ended = services.terminate_agreement(actor=yogya, agreement=agreement, ground="jangka_waktu_berakhir")
    assert ended.stage == AgreementStage.BERAKHIR


def test_a_stale_item_is_a_conflict(agreement: Agreement, yogya: Any, sleman: Any) -> None:
    item = services.open_settlement(actor=yogya, agreement=agreement).items.first()
    assert item is not None
    services.update_settlement_item(actor=sleman, item=item, status="done", note="x", expected_version=1)
    with pytest.raises(Conflict):
        services.update_settlement_item(actor=yogya, item=item, status="pending", expected_version=1)
    assert SettlementItem.objects.get(pk=item.pk).status == "done"


@override_settings(KERJASAMA_SETTLEMENT_ITEMS=["arsip", "aset", "arsip", "lainnya_setempat"])
def test_the_checklist_is_a_setting(agreement: Agreement, yogya: Any) -> None:
    settlement = services.open_settlement(actor=yogya, agreement=agreement)
    assert [i.key for i in settlement.items.all()] == ["arsip", "aset", "lainnya_setempat"]


def test_who_settles_and_who_terminates(agreement: Agreement, persona: Any, sleman: Any) -> None:
    for name in ("province", "ministry", "other_province", "third_party", "auditor"):
        with pytest.raises(PermissionDenied):
            services.open_settlement(actor=persona(name), agreement=agreement)
    settle_all(sleman, agreement)
    # The partner settles, but the proposing side ends the cooperation (agreements.manage).
    with pytest.raises(PermissionDenied):
        services.terminate_agreement(
            actor=sleman, agreement=agreement, ground="tujuan_tercapai", document_number="1"
        )


def test_the_agreement_page_ends_a_cooperation_only_through_the_settlement(
    persona: Any, client_as: Any
) -> None:
    """The agreement page offers no 'end' shortcut around the settlement checklist: it links the lifecycle's
    settlement page, and a crafted POST of the old action is not found."""
    from django.urls import reverse

    from kerjasama.lifecycle.tests.conftest import in_force

    agreement = in_force(persona("kabkota"))
    client = client_as("kabkota")
    page = client.get(reverse("agreements:detail", kwargs={"pk": agreement.pk}))
    assert "end_agreement" not in {a["name"] for a in page.context["actions"]}
    assert reverse("lifecycle:termination", args=[agreement.pk]) in page.content.decode()
    crafted = client.post(
        reverse("agreements:action", kwargs={"pk": agreement.pk, "action": "end_agreement"}),
        {"stage": "pelaksanaan", "end_agreement-0-ground": "jangka_waktu_berakhir"},
    )
    assert crafted.status_code == 404
    assert Agreement.objects.get(pk=agreement.pk).stage == "pelaksanaan"


def test_it_offers_api_clients_the_termination_route_not_a_bare_end(persona: Any, client_as: Any) -> None:
    """The agreement's ``actions`` name ``terminate_agreement`` (the lifecycle's termination route, which
    needs the settlement): the agreements API has no end route an API client could look for."""
    from kerjasama.lifecycle.tests.conftest import in_force

    agreement = in_force(persona("kabkota"))
    detail = client_as("kabkota").get(f"/api/v1/agreements/{agreement.pk}").json()
    names = {a["action"] for a in detail["actions"]}
    assert "terminate_agreement" in names
    assert "end_agreement" not in names

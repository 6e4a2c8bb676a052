"""The other parties hear of each step once it is committed; content edits are guarded by the version."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.agreements import services
from kerjasama.agreements.tests.conftest import propose_waste, review
from kerjasama.core.errors import Conflict, KerjasamaError
from kerjasama.notifications.choices import NotificationKind
from kerjasama.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_the_partner_hears_of_the_offer_and_the_proposer_does_not(
    people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        agreement = propose_waste(people)
    proposed = set(Notification.objects.values_list("recipient__username", flat=True))
    assert proposed == {"tkksd.yogya"}, "the proposal awaits the proposer's TKKSD review"
    review(agreement, "34.71", people["tkksd_yogya"])
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.send_offer(actor=people["yogya"], agreement=agreement, letter_number="415.4/1")
    told = set(
        Notification.objects.filter(kind=NotificationKind.AGREEMENT_UPDATED).values_list(
            "recipient__username", flat=True
        )
    )
    assert {"operator.sleman", "tkksd.sleman"} <= told and "operator.yogya" not in told
    assert (
        Notification.objects.filter(recipient__username="operator.sleman").get().context["event"]
        == "offer_sent"
    )


def test_a_stale_edit_is_refused_and_writes_nothing(people: dict[str, Any]) -> None:
    agreement = propose_waste(people)
    opened = agreement.version
    services.update_proposal(
        actor=people["yogya"], agreement=agreement, expected_version=opened, scope="Pengangkutan"
    )
    with pytest.raises(Conflict) as err:
        services.update_proposal(
            actor=people["yogya"], agreement=agreement, expected_version=opened, scope="Lain"
        )
    assert err.value.code == "agreements.stale_version"
    agreement.refresh_from_db()
    assert agreement.scope == "Pengangkutan"


def test_a_change_of_financing_recomputes_the_dprd_requirement(people: dict[str, Any]) -> None:
    agreement = propose_waste(people)
    assert agreement.dprd_approval_required
    agreement = services.update_proposal(
        actor=people["yogya"], agreement=agreement, expected_version=agreement.version, apbd_budgeted=True
    )
    assert not agreement.dprd_approval_required
    agreement = services.update_proposal(
        actor=people["yogya"], agreement=agreement, expected_version=agreement.version, burdens_public=True
    )
    assert agreement.dprd_approval_required  # burdens the public: PP 28/2018 Pasal 6(2)


def test_it_refuses_bad_input_with_a_stable_code(people: dict[str, Any]) -> None:
    agreement = propose_waste(people)
    for changes, code in (
        ({"title": "x" * 301}, "agreements.text_too_long"),
        ({"value": "-5"}, "agreements.value_invalid"),
        ({"pks_clauses": ["bukan_klausul"]}, "agreements.unknown_clause"),
        ({"stage": "pelaksanaan"}, "agreements.field_not_editable"),
        ({"affairs": ["9.99"]}, "agreements.unknown_affair"),
    ):
        with pytest.raises(KerjasamaError) as err:
            services.update_proposal(
                actor=people["yogya"], agreement=agreement, expected_version=None, **changes
            )
        assert err.value.code == code, changes
    agreement.refresh_from_db()
    assert agreement.stage == "persiapan" and agreement.value is None

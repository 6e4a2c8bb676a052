"""Drafting, editing, finalising (numbering) and new versions of official letters, with their permissions and
audit events."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings

from kerjasama.agreements.models import Agreement
from kerjasama.core.errors import Conflict, KerjasamaError, PermissionDenied
from kerjasama.core.models import AuditEvent
from kerjasama.letters import services
from kerjasama.letters.choices import LetterKind, LetterStatus
from kerjasama.letters.models import Letter, LetterNumberSequence
from kerjasama.letters.selectors import agreement_letters
from kerjasama.regions.models import Region

SIGNER = {
    "signer_title": "Wali Kota Yogyakarta",
    "signer_name": "Budi Santoso",
    "signer_nip": "197001011990031001",
}


def _ready(actor: Any, agreement: Agreement, kind: str = LetterKind.OFFER) -> Letter:
    letter = services.draft_letter(actor=actor, agreement=agreement, kind=kind)
    return services.update_letter(actor=actor, letter=letter, changes=SIGNER)


def test_it_drafts_an_offer_letter_from_the_agreement_without_a_number(
    agreement: Agreement, people: Any
) -> None:
    letter = services.draft_letter(actor=people["kabkota"], agreement=agreement, kind=LetterKind.OFFER)
    assert letter.status == LetterStatus.DRAFT and letter.number == "" and letter.sequence is None
    assert letter.region_id == "34.71"
    assert agreement.title in letter.subject and agreement.title in letter.body
    assert letter.addressee.startswith("Bupati Sleman")
    assert letter.signer_title == "Wali Kota Yogyakarta"
    assert letter.kka_code == "000.8.3.3"
    assert not LetterNumberSequence.objects.exists()  # a draft burns no number
    assert AuditEvent.objects.filter(action="letter.drafted", object_id=str(letter.pk)).exists()


def test_it_drafts_the_request_for_dprd_approval_to_the_own_dprd(agreement: Agreement, people: Any) -> None:
    letter = services.draft_letter(
        actor=people["neighbour"], agreement=agreement, kind=LetterKind.DPRD_REQUEST
    )
    assert letter.region_id == "34.04"
    assert letter.addressee.startswith("Ketua Dewan Perwakilan Rakyat Daerah Kabupaten Sleman")
    assert "Pasal 6 ayat (2)" in letter.body


def test_it_numbers_finalised_letters_consecutively_per_unit_and_year(
    agreement: Agreement, people: Any
) -> None:
    yogya = people["kabkota"]
    first = services.finalise_letter(actor=yogya, letter=_ready(yogya, agreement))
    draft_between = services.draft_letter(actor=yogya, agreement=agreement, kind=LetterKind.OFFER)
    second = services.finalise_letter(actor=yogya, letter=_ready(yogya, agreement, LetterKind.DPRD_REQUEST))
    assert (first.sequence, second.sequence) == (1, 2)
    assert first.number == f"000.8.3.3/1/KS/{first.year}"
    assert second.number == f"000.8.3.3/2/KS/{second.year}"
    assert Letter.objects.get(pk=draft_between.pk).number == ""
    event = AuditEvent.objects.get(action="letter.finalised", object_id=str(first.pk))
    assert event.new is not None and event.new["number"] == first.number


@override_settings(KERJASAMA_LETTER_NUMBER_PATTERN="{kka}/{seq}/{unit}")
def test_it_uses_the_pattern_from_the_settings_and_the_regions_own_data(
    agreement: Agreement, people: Any
) -> None:
    yogya = people["kabkota"]
    assert services.finalise_letter(actor=yogya, letter=_ready(yogya, agreement)).number == "000.8.3.3/1/KS"
    region = Region.objects.get(code="34.71")
    services.set_letterhead(
        actor=yogya, region=region, changes={"unit_code": "OR", "number_pattern": "{seq}/{unit}/{year}"}
    )
    services.set_classification(
        actor=yogya, region=region, kind=LetterKind.OFFER, kka_code="100.3.5", retention_class="Permanen"
    )
    third = services.finalise_letter(actor=yogya, letter=_ready(yogya, agreement))
    assert third.number == f"2/OR/{third.year}"
    assert third.kka_code == "100.3.5"
    assert services.classification_for(region, LetterKind.OFFER).confirmed
    assert not services.classification_for(region, LetterKind.DPRD_REQUEST).confirmed


def test_it_refuses_a_bad_pattern_for_the_region(agreement: Agreement, people: Any) -> None:
    with pytest.raises(KerjasamaError) as caught:
        services.set_letterhead(
            actor=people["kabkota"],
            region=Region.objects.get(code="34.71"),
            changes={"number_pattern": "{kka}/{unit}"},
        )
    assert caught.value.code == "letters.bad_number_pattern"


def test_it_freezes_a_final_letter_and_changes_it_through_a_new_version(
    agreement: Agreement, people: Any
) -> None:
    yogya = people["kabkota"]
    final = services.finalise_letter(actor=yogya, letter=_ready(yogya, agreement))
    with pytest.raises(Conflict) as caught:
        services.update_letter(actor=yogya, letter=final, changes={"subject": "Hal lain"})
    assert caught.value.code == "letters.frozen"
    with pytest.raises(Conflict):
        services.finalise_letter(actor=yogya, letter=final)
    version = services.start_new_version(actor=yogya, letter=final)
    assert (version.status, version.version_number, version.supersedes_id, version.number) == (
        "draft",
        2,
        final.pk,
        "",
    )
    assert version.body == final.body
    with pytest.raises(Conflict) as again:
        services.start_new_version(actor=yogya, letter=final)
    assert again.value.code == "letters.already_superseded"
    services.update_letter(actor=yogya, letter=version, changes={"subject": "Hal yang diperbaiki"})
    renumbered = services.finalise_letter(actor=yogya, letter=version)
    assert renumbered.sequence == 2 and Letter.objects.get(pk=final.pk).subject != "Hal yang diperbaiki"


def test_it_refuses_to_finalise_an_acting_heads_block_with_a_nip(agreement: Agreement, people: Any) -> None:
    yogya = people["kabkota"]
    letter = services.draft_letter(actor=yogya, agreement=agreement, kind=LetterKind.OFFER)
    letter = services.update_letter(
        actor=yogya,
        letter=letter,
        changes={"signer_capacity": "plt", "signer_name": "Sri Rahayu", "signer_nip": "197001011990031001"},
    )
    with pytest.raises(KerjasamaError) as caught:
        services.finalise_letter(actor=yogya, letter=letter)
    assert caught.value.code == "letters.not_ready"
    assert [d.location for d in caught.value.details] == ["signer_nip"]
    assert not LetterNumberSequence.objects.filter(last_number__gt=0).exists()  # a refusal burns no number


def test_it_refuses_fields_that_are_not_the_drafts_text(agreement: Agreement, people: Any) -> None:
    letter = services.draft_letter(actor=people["kabkota"], agreement=agreement, kind=LetterKind.OFFER)
    with pytest.raises(KerjasamaError) as caught:
        services.update_letter(actor=people["kabkota"], letter=letter, changes={"number": "1/2/3"})
    assert caught.value.code == "letters.field_not_editable"


@pytest.mark.parametrize(
    ("name", "sees", "writes"),
    [
        ("kabkota", True, True),
        ("province", True, False),
        ("ministry", True, False),
        ("neighbour", False, False),
        ("other_province", False, False),
        ("third_party", False, False),
    ],
)
def test_it_scopes_a_letter_to_the_issuing_regions_jurisdiction(
    agreement: Agreement, people: Any, name: str, sees: bool, writes: bool
) -> None:
    from kerjasama.accounts.policy import can

    letter = services.draft_letter(actor=people["kabkota"], agreement=agreement, kind=LetterKind.OFFER)
    user = people[name]
    assert (letter in agreement_letters(user, agreement)) is sees
    assert can(user, "letters.view", letter) is sees
    assert can(user, "letters.write", letter) is writes
    if not writes:
        with pytest.raises(PermissionDenied):
            services.update_letter(actor=user, letter=letter, changes={"subject": "x"})


@pytest.mark.parametrize(
    ("name", "may"), [("kabkota", True), ("neighbour", True), ("province", False), ("other_province", False)]
)
def test_it_lets_only_a_party_regions_cooperation_unit_draft(
    agreement: Agreement, people: Any, name: str, may: bool
) -> None:
    if may:
        assert services.draft_letter(actor=people[name], agreement=agreement, kind=LetterKind.OFFER).pk
    else:
        with pytest.raises(PermissionDenied):
            services.draft_letter(actor=people[name], agreement=agreement, kind=LetterKind.OFFER)

"""``kerjasama resolver``: the rulebook's one dispute classification, its coded input errors, no re-validation."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[int, dict[str, object], str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("resolver", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), json.loads(out.getvalue()), err.getvalue()
    return 0, json.loads(out.getvalue()), err.getvalue()


def test_it_names_the_governor_for_kabkota_of_one_province() -> None:
    status, body, _ = run("3471", "34.04")
    assert status == 0
    assert body["authority"] == "gubernur" and body["region"] == "34" and "370(1)" in str(body["basis"])


def test_it_answers_a_synergy_dispute_with_the_ministers_facilitation_and_the_dpod_note() -> None:
    status, body, _ = run("34", "--type", "SINERGI")
    assert (status, body["authority"], body["facilitation"]) == (0, "menteri", True)
    notes = body["notes"]
    assert isinstance(notes, list) and [n["rule"] for n in notes] == ["R34"]
    assert "396(2)" in notes[0]["basis"] and "Pasal 46" in str(body["basis"])


def test_it_follows_the_configured_synergy_dispute_authority(settings: Any) -> None:
    settings.KERJASAMA_RULEBOOK = {**settings.KERJASAMA_RULEBOOK, "synergy_dispute_authority": "perjanjian"}
    status, body, _ = run("34", "--type", "SINERGI")
    assert (status, body["authority"], body["facilitation"]) == (0, "perjanjian", False)


def test_it_marks_a_governors_decision_as_no_facilitation() -> None:
    status, body, _ = run("32.73", "32.04")
    assert (status, body["facilitation"], body["notes"]) == (0, False, [])


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("34.71", "34.71"), "input.duplicate_party"),
        (("34.71", "99.99"), "input.unknown_region"),
        (("34.71",), "input.wrong_party_count"),
        (("34.71", "34.04", "--type", "KSDPK"), "input.wrong_party_count"),
    ],
)
def test_it_reports_bad_input_with_the_rulebook_code_in_both_languages(
    args: tuple[str, ...], code: str
) -> None:
    status, body, stderr = run(*args)
    error = body["error"]
    assert isinstance(error, dict)
    assert status == 2 and error["code"] == code and error["message_id"] and error["message_en"]
    assert f"Galat [{code}]" in stderr and f"Error [{code}]" in stderr

"""`kerjasama check` and `kerjasama resolver`: the stable scripting contract of the rulebook (issue 3).

Run against a real installation (SQLite, or PostgreSQL with DB=postgres) through the console script.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import Instance

CONTRACT_KEYS = {"valid", "category_allowed", "requires_dprd_approval", "dispute_resolver", "findings"}


def check(instance: Instance, plan: Any) -> tuple[int, Any, str]:
    text = plan if isinstance(plan, str) else json.dumps(plan)
    result = instance.run("check", "-", input=text)
    return result.returncode, json.loads(result.stdout), result.stderr


def ksdd(parties: list[str], category: str = "wajib", **extra: Any) -> dict[str, Any]:
    return {"type": "KSDD", "category": category, "parties": parties, "affairs": ["1.03"], **extra}


def test_it_accepts_a_mandatory_plan_of_bordering_regions(instance: Instance) -> None:
    status, body, _ = check(instance, ksdd(["34.71", "34.04"], justification={"externality": True}))
    assert status == 0 and set(body) == CONTRACT_KEYS
    assert body["valid"] is True and body["category_allowed"] == {"wajib": True, "sukarela": True}
    assert body["dispute_resolver"]["authority"] == "gubernur" and body["dispute_resolver"]["region"] == "34"
    for finding in body["findings"]:
        assert set(finding) == {"rule", "severity", "message_id", "message_en", "basis"}
        assert finding["severity"] in {"error", "warning", "info"}


def test_it_refuses_a_mandatory_plan_of_regions_that_do_not_border(instance: Instance) -> None:
    status, body, stderr = check(instance, ksdd(["34.71", "33.74"], justification={"externality": True}))
    assert status == 1 and body["valid"] is False
    assert body["category_allowed"] == {"wajib": False, "sukarela": True}
    assert any(f["rule"] == "R7" and f["severity"] == "error" for f in body["findings"])
    assert "R7" in stderr
    status, body, _ = check(instance, ksdd(["34.71", "33.74"], category="sukarela"))
    assert status == 0 and body["valid"] is True


@pytest.mark.parametrize(
    ("plan", "code"),
    [
        (ksdd(["34.71", "34.71"]), "input.duplicate_party"),
        (ksdd(["34.71", "99.99"]), "input.unknown_region"),
        ("{not json", "input.malformed_json"),
        (ksdd(["34.71", "34.04"], term_years="lima"), "input.wrong_type"),
        ({"type": "KSDX", "parties": ["34.71"]}, "input.unknown_plan_type"),
    ],
)
def test_it_answers_bad_input_with_exit_2_and_an_error_object(
    instance: Instance, plan: Any, code: str
) -> None:
    status, body, stderr = check(instance, plan)
    assert status == 2
    assert body["error"]["code"] == code and body["error"]["message"]
    assert stderr.strip() and "Traceback" not in stderr
    assert f"Galat [{code}]" in stderr and f"Error [{code}]" in stderr


def test_it_says_a_supporting_element_is_not_a_concurrent_affair(instance: Instance) -> None:
    status, body, _ = check(instance, {**ksdd(["34.71", "34.04"], category="sukarela"), "affairs": ["4.01"]})
    assert status == 1
    r10 = [f for f in body["findings"] if f["rule"] == "R10" and f["severity"] == "error"]
    assert r10 and "bukan urusan pemerintahan konkuren" in r10[0]["message_id"]
    assert "concurrent" in r10[0]["message_en"]


def test_it_requires_dprd_approval_when_not_budgeted(instance: Instance) -> None:
    plan = ksdd(["34.71", "34.04"], category="sukarela", burdens_public=False, budgeted_in_apbd=False)
    assert check(instance, plan)[1]["requires_dprd_approval"] is True
    plan["budgeted_in_apbd"] = True
    assert check(instance, plan)[1]["requires_dprd_approval"] is False


def test_it_reads_a_plan_from_a_file(instance: Instance, tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(ksdd(["34.71", "34.02"], justification={"efficiency": True})))
    result = instance.run("check", str(path))
    assert result.returncode == 0 and json.loads(result.stdout)["valid"] is True
    missing = instance.run("check", str(tmp_path / "absent.json"))
    assert missing.returncode == 2 and json.loads(missing.stdout)["error"]["code"] == "input.unreadable"


def test_it_documents_the_contract_and_defaults_in_help(instance: Instance) -> None:
    text = instance.ok("check", "--help").stdout
    assert "budgeted_in_apbd" in text and "Exit status" in text and "omitted" in text


@pytest.mark.parametrize(
    ("codes", "authority", "region"),
    [
        (["32.73", "32.04"], "gubernur", "32"),
        (["32.73", "33.74"], "menteri", None),
        (["34", "34.71"], "menteri", None),
    ],
)
def test_it_names_who_settles_a_dispute(
    instance: Instance, codes: list[str], authority: str, region: str | None
) -> None:
    body = json.loads(instance.ok("resolver", *codes).stdout)
    assert body["authority"] == authority and body["region"] == region and "Pasal 370" in body["basis"]


def test_it_routes_a_third_party_dispute_to_the_agreement(instance: Instance) -> None:
    body = json.loads(instance.ok("resolver", "34.71", "--type", "KSDPK").stdout)
    assert body["authority"] == "perjanjian" and "Pasal 21" in body["basis"]


def test_it_sends_a_synergy_dispute_to_the_ministers_facilitation(instance: Instance) -> None:
    body = json.loads(instance.ok("resolver", "34", "--type", "SINERGI").stdout)
    assert (body["authority"], body["region"], body["facilitation"]) == ("menteri", None, True)
    assert [n["rule"] for n in body["notes"]] == ["R34"] and "DPOD" in body["notes"][0]["message_en"]


def test_it_refuses_an_unknown_code_in_the_resolver(instance: Instance) -> None:
    result = instance.run("resolver", "32.73", "99.99")
    assert result.returncode == 2 and json.loads(result.stdout)["error"]["code"] == "input.unknown_region"


# --- issue 9 section 3: authority at sub-affair level ----------------------------------------------------------------


def test_it_refuses_forest_management_between_two_bordering_kabupaten(instance: Instance) -> None:
    # Sleman (34.04) and Bantul (34.02) border; 3.28.02 Pengelolaan Hutan is provincial/central (Lampiran BB).
    status, body, stderr = check(
        instance,
        {"type": "KSDD", "category": "sukarela", "parties": ["34.04", "34.02"], "sub_affairs": ["3.28.02"]},
    )
    assert status == 1 and body["valid"] is False
    errors = [f for f in body["findings"] if f["rule"] == "R11" and f["severity"] == "error"]
    assert len(errors) == 1 and "3.28.02 Pengelolaan Hutan" in errors[0]["message_id"]
    assert "TAHURA" in errors[0]["message_id"]  # what the kab/kota may cooperate on instead
    assert "R11" in stderr


def test_it_names_the_province_for_cross_kabkota_waste_without_it(instance: Instance) -> None:
    province = next(r for r in instance.json("regions", "--level", "provinsi") if r["code"] == "34")
    plan = {"type": "KSDD", "category": "sukarela", "parties": ["34.71", "34.04"], "sub_affairs": ["1.03.03"]}
    status, body, _ = check(instance, plan)
    assert status == 0
    notes = [f for f in body["findings"] if f["rule"] == "R11"]
    assert len(notes) == 1 and notes[0]["severity"] == "warning"
    name = province["name"]
    label = name if name.lower().startswith("provinsi") else f"Provinsi {name}"
    assert f"{label} perlu dilibatkan" in notes[0]["message_id"]  # the province by name, e.g. DI Yogyakarta
    assert "kewenangan daerah provinsi" in notes[0]["message_id"]
    status, body, _ = check(instance, {**plan, "parties": ["34.71", "34.04", "34"]})
    assert status == 0 and not [f for f in body["findings"] if f["rule"] == "R11"]


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"sub_affairs": ["3.28.99"]}, "input.unknown_sub_affair"),
        ({"term_years": 1_000_000_000}, "input.out_of_range"),
    ],
)
def test_it_refuses_an_unknown_sub_affair_and_an_absurd_term_with_exit_2(
    instance: Instance, extra: dict[str, Any], code: str
) -> None:
    status, body, stderr = check(instance, ksdd(["34.71", "34.04"], **extra))
    assert status == 2 and body["error"]["code"] == code
    assert "Galat" in stderr and "Error" in stderr


def test_it_documents_sub_affairs_and_the_term_range_in_check_help(instance: Instance) -> None:
    text = instance.ok("check", "--help").stdout
    assert "sub_affairs" in text and "3.28.02" in text and "term_years <= 50" in text


def test_it_lists_sub_affairs_with_identifiers_and_what_each_level_holds(instance: Instance) -> None:
    rows = instance.json("affairs", "--sub", "--affair", "3.28")
    assert [r["id"] for r in rows] == [f"3.28.0{n}" for n in range(1, 7)]
    forest = rows[1]
    assert forest["name"] == "Pengelolaan Hutan" and forest["holders"] == ["pusat", "provinsi"]
    assert set(forest) >= {"id", "affair", "name", "pusat", "provinsi", "kabkota", "confidence", "source"}
    every = instance.json("affairs", "--sub")
    assert len(every) == len({r["id"] for r in every}) > 100
    result = instance.run("affairs", "--sub", "--affair", "9.99", "--json")
    assert result.returncode == 2 and json.loads(result.stdout)["error"]["code"] == "affairs.unknown_affair"

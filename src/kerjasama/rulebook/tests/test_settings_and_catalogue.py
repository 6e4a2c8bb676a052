"""Settings (every open legal parameter) and the rule catalogue a legal officer audits."""

from __future__ import annotations

import re
from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest

from kerjasama.rulebook import RULES, RulebookSettings, catalogue, settings_reference
from kerjasama.rulebook.settings import _COERCERS


def test_it_documents_every_setting_with_rules_and_a_reason() -> None:
    reference = settings_reference()
    assert [r["name"] for r in reference] == [f.name for f in fields(RulebookSettings)]
    for entry in reference:
        assert re.fullmatch(r"R\d+(, R\d+)*", entry["rules"]), entry
        assert entry["doc"]
    assert set(_COERCERS) == {f.name for f in fields(RulebookSettings)}


def test_it_has_the_documented_defaults() -> None:
    s = RulebookSettings()
    assert s.kabkota_cross_province_dispute_authority == "menteri"
    assert s.synergy_dispute_authority == "menteri"
    assert s.follow_permendagri_four_pairings_warning is True
    assert (s.max_pks_term_years, s.max_pks_term_mode) == (None, "off")
    assert (s.offer_reply_days, s.kb_to_pks_days, s.dprd_decision_days, s.reporting_days) == (None,) * 4
    assert s.foreign_dprd_days == 45
    assert s.require_ksdd_musyawarah_step is True
    assert s.joint_leave_days == ()
    assert len(s.tkksd_tasks) == 10
    assert sum(t.startswith("[S]") for t in s.tkksd_tasks) == 4
    assert all(t.startswith("[U]") for t in s.tkksd_tasks[4:])


def test_it_parses_environment_style_values() -> None:
    s = RulebookSettings.from_mapping(
        {
            "offer_reply_days": "14",
            "kb_to_pks_days": "none",
            "follow_permendagri_four_pairings_warning": "off",
            "joint_leave_days": "2025-04-03, 2025-04-02",
            "max_pks_term_mode": "warn",
            "max_pks_term_years": 5,
            "tkksd_tasks": "a|b",
            "ksdd_pks_required_clauses": "objek,jangka_waktu",
            "offer_copy_table": '{"e": ["menteri_dalam_negeri", "gubernur"]}',
            "reporting_frequency": "semester",
            "synergy_dispute_authority": "perjanjian",
        }
    )
    assert s.offer_reply_days == 14 and s.kb_to_pks_days is None
    assert s.follow_permendagri_four_pairings_warning is False
    assert s.joint_leave_days == (date(2025, 4, 2), date(2025, 4, 3))
    assert (s.max_pks_term_mode, s.max_pks_term_years) == ("warn", 5)
    assert s.tkksd_tasks == ("a", "b")
    assert s.ksdd_pks_required_clauses == ("objek", "jangka_waktu")
    assert dict(s.offer_copy_table) == {"e": ("menteri_dalam_negeri", "gubernur")}
    assert s.reporting_frequency == "semester"
    assert s.synergy_dispute_authority == "perjanjian"


@pytest.mark.parametrize(
    "values",
    [
        {"offer_reply_day": "14"},
        {"offer_reply_days": "fourteen"},
        {"offer_reply_days": "0"},
        {"foreign_dprd_days": "none"},
        {"max_pks_term_mode": "strict"},
        {"kabkota_cross_province_dispute_authority": "presiden"},
        {"synergy_dispute_authority": "dpod"},
        {"synergy_dispute_authority": "gubernur"},
        {"require_ksdd_musyawarah_step": "maybe"},
        {"joint_leave_days": "2025-13-01"},
        {"offer_copy_table": '{"f": []}'},
    ],
)
def test_it_rejects_unknown_or_invalid_settings(values: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        RulebookSettings.from_mapping(values)


def test_it_lists_every_rule_once_with_its_citation_and_parameters() -> None:
    entries = catalogue()
    assert [e["id"] for e in entries] == [f"R{n}" for n in range(1, 35)]
    for entry in entries:
        assert entry["title_id"] and entry["title_en"] and entry["basis"] and entry["confidence"]
        assert entry["subjects"]
    by_id = {e["id"]: e for e in entries}
    assert by_id["R25"]["parameters"] == {"kabkota_cross_province_dispute_authority": "menteri"}
    assert by_id["R31"]["parameters"]["foreign_dprd_days"] == 45
    assert by_id["R34"]["parameters"] == {"synergy_dispute_authority": "menteri"}
    assert by_id["R34"]["confidence"] == "M (DPOD text) / L (facilitation default)"
    assert "396(2) huruf d, 397" in by_id["R34"]["basis"] and "Pasal 46" in by_id["R34"]["basis"]
    assert by_id["R34"]["subjects"] == ["DisputeCase", "Plan"]


def test_it_shows_the_current_parameter_values() -> None:
    entries = catalogue(RulebookSettings(offer_reply_days=10, joint_leave_days=(date(2025, 4, 2),)))
    by_id = {e["id"]: e for e in entries}
    assert by_id["R16"]["parameters"]["offer_reply_days"] == 10
    assert by_id["R31"]["parameters"]["joint_leave_days"] == ["2025-04-02"]


def test_it_reads_only_parameters_that_exist() -> None:
    names = {f.name for f in fields(RulebookSettings)}
    for rule in RULES:
        assert set(rule.info.parameters) <= names, rule.id


def _regulations() -> Path | None:
    for parent in Path(__file__).resolve().parents:
        candidate = parent.parent / "shared" / "domain" / "REGULATIONS.md"
        if candidate.is_file():
            return candidate
    return None


def test_it_copies_the_confidence_of_each_rule_verbatim_from_regulations() -> None:
    path = _regulations()
    if path is None:
        pytest.skip("../shared/domain/REGULATIONS.md is not beside the project")
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\| (R\d+) \|.*\| ([^|]+) \|$", line)
        if match:
            table[match.group(1)] = match.group(2).strip()
    assert sorted(table, key=lambda r: int(r[1:])) == [f"R{n}" for n in range(1, 35)]
    assert {e["id"]: e["confidence"] for e in catalogue()} == table

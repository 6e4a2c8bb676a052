"""The early-warning engine (pure): issue 12's acceptance point, each indicator, the input checks, the settings."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from kerjasama.disputes.domain import (
    DEFAULT_WEIGHTS,
    INDICATORS,
    RISK_INPUT_ERROR_CODES,
    RiskConfig,
    RiskInputError,
    assess_document,
    config_reference,
)
from kerjasama.disputes.tests.cases import at_risk, healthy


def codes(result: dict[str, Any]) -> set[str]:
    return {i["code"] for i in result["indicators"]}


def with_events(*events: dict[str, Any], **agreement: Any) -> dict[str, Any]:
    document = healthy()
    document["events"] += list(events)
    document["agreement"].update(agreement)
    return document


def test_it_scores_a_healthy_agreement_low() -> None:
    result = assess_document(healthy())
    assert result["band"] <= 2 and result["score"] < 40
    assert result["label_id"] in {"rendah", "sedang"} and result["completeness"] == 1.0
    assert set(result) == {
        "score", "band", "label_id", "label_en", "indicators", "mitigations", "completeness"
    }  # fmt: skip


def test_it_scores_late_payment_missed_monev_and_a_skipped_review_high_and_names_them() -> None:
    document = at_risk()
    result = assess_document(document)
    assert result["band"] >= 4 and result["label_en"] in {"high", "very high"}
    assert {"payment_late", "monev", "tariff_review_overdue"} <= codes(result)
    by_code = {i["code"]: i for i in result["indicators"]}
    late = by_code["payment_late"]
    assert "120 hari" in late["message_id"] and "Rp 450.000.000" in late["message_id"]
    assert "120 days late" in late["message_en"] and "IDR 450,000,000" in late["message_en"]
    assert [document["events"][i]["kind"] for i in late["evidence"]] == ["payment_late"]
    assert [document["events"][i]["kind"] for i in by_code["monev"]["evidence"]] == ["monev_missed"]
    assert "2024-12-20" in by_code["tariff_review_overdue"]["message_id"]
    for indicator in result["indicators"]:
        assert 1 <= indicator["band"] <= 5 and indicator["weight"] == DEFAULT_WEIGHTS[indicator["code"]]
    mitigations = {m["code"]: m for m in result["mitigations"]}
    assert {"payment_late", "monev", "tariff_review_overdue"} <= set(mitigations)
    assert "jadwalkan peninjauan tarif yang tertunda sejak 2024-12-20" in (
        mitigations["tariff_review_overdue"]["message_id"].lower()
    )


def test_it_ignores_events_after_as_of() -> None:
    document = healthy()
    document["events"].append({"date": "2027-01-01", "kind": "community_protest"})
    assert assess_document(document) == assess_document(healthy())


def test_it_warns_of_an_expiry_without_extension_or_transition_plan() -> None:
    document = healthy()
    document["agreement"]["end"] = "2027-08-31"
    result = assess_document(document)
    finding = next(i for i in result["indicators"] if i["code"] == "expiry_unprepared")
    assert finding["band"] >= 3 and "2027-08-31" in finding["message_id"]
    mitigation = next(m for m in result["mitigations"] if m["code"] == "expiry_unprepared")
    assert mitigation["message_id"].startswith("Siapkan tim transisi: 9 bulan sebelum berakhir")
    document["events"].append({"date": "2026-10-01", "kind": "transition_plan"})
    assert "expiry_unprepared" not in codes(assess_document(document))


def test_it_flags_stagnation_after_the_configured_months() -> None:
    document = healthy()
    document["events"] = [e for e in document["events"] if e["date"] < "2025-06-01"]
    assert "stagnation" in codes(assess_document(document))
    assert "stagnation" not in codes(assess_document(document, RiskConfig(stagnation_months=24)))


@pytest.mark.parametrize(
    ("event", "code"),
    [
        ({"kind": "community_protest"}, "community"),
        ({"kind": "service_interruption"}, "community"),
        ({"kind": "complaint"}, "community"),
        ({"kind": "warning_letter", "party": "32.04", "note": "SP2"}, "warning_letters"),
        ({"kind": "audit_finding", "amount_idr": 2_000_000_000}, "audit_findings"),
        ({"kind": "addendum_unapproved"}, "addendum_unapproved"),
        ({"kind": "dispute_registered"}, "earlier_dispute"),
        ({"kind": "regulation_change"}, "regulation_change"),
        ({"kind": "leadership_change", "party": "32.04"}, "leadership_change"),
        ({"kind": "obligation_due", "party": "32.73", "amount_idr": 10_000_000}, "obligation_overdue"),
    ],
)
def test_it_fires_each_indicator_on_its_events(event: dict[str, Any], code: str) -> None:
    document = with_events({"date": "2026-05-04", **event})
    result = assess_document(document)
    assert code in codes(result)
    finding = next(i for i in result["indicators"] if i["code"] == code)
    assert finding["evidence"] == [len(document["events"]) - 1]
    assert finding["message_id"] and finding["message_en"] and finding["message_id"] != finding["message_en"]
    assert any(m["code"] == code for m in result["mitigations"])
    assert result["score"] > assess_document(healthy())["score"]


def test_it_marks_an_open_dispute_stronger_than_a_closed_one() -> None:
    opened = with_events({"date": "2025-01-10", "kind": "dispute_registered"})
    closed = with_events(
        {"date": "2025-01-10", "kind": "dispute_registered"}, {"date": "2025-09-01", "kind": "dispute_closed"}
    )
    band = {i["code"]: i["band"] for i in assess_document(opened)["indicators"]}["earlier_dispute"]
    assert band == 5
    assert {i["code"]: i["band"] for i in assess_document(closed)["indicators"]}["earlier_dispute"] == 3


def test_it_flags_an_agreement_not_budgeted_in_the_apbd() -> None:
    assert "not_budgeted" in codes(assess_document(with_events(budgeted_in_apbd=False)))


def test_it_switches_an_indicator_off() -> None:
    config = RiskConfig.from_mapping({"disabled": "payment_late,monev", "weight_tariff_review_overdue": "0"})
    result = assess_document(at_risk(), config)
    assert result["indicators"] == [] and result["score"] == 0.0 and result["band"] == 1


def test_it_shows_completeness_as_its_own_score() -> None:
    document = healthy()
    document["agreement"]["end"] = None
    document["agreement"].pop("sector")
    for event in document["events"]:
        event.pop("amount_idr", None)
    result = assess_document(document)
    assert 0 < result["completeness"] < 1
    note = next(m for m in result["mitigations"] if m["code"] == "data_completeness")
    assert "tanggal berakhir" in note["message_id"] and "the sector" in note["message_en"]
    assert result["score"] == assess_document(healthy())["score"]
    empty = healthy()
    empty["events"] = []
    assert assess_document(empty)["completeness"] < 1


def bad(document: Any) -> RiskInputError:
    with pytest.raises(RiskInputError) as caught:
        assess_document(document)
    return caught.value


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda d: d["events"].append({"date": "2026-01-01", "kind": "banjir"}), "input.unknown_event_kind"),
        (
            lambda d: d["events"].append({"date": "2026-01-01", "kind": "complaint", "party": "33.74"}),
            "input.unknown_party",
        ),
        (lambda d: d["events"].append({"date": "2026-02-30", "kind": "complaint"}), "input.malformed_date"),
        (lambda d: d["events"].append({"date": "20260201", "kind": "complaint"}), "input.malformed_date"),
        (
            lambda d: d["events"].append({"date": "2026-02-01", "kind": "complaint", "colour": 1}),
            "input.unknown_field",
        ),
        (
            lambda d: d["events"].append({"date": "2026-02-01", "kind": "monev_submitted", "rating": 6}),
            "input.invalid_value",
        ),
        (
            lambda d: d["events"].append({"date": "2026-02-01", "kind": "payment_late", "amount_idr": "a"}),
            "input.wrong_type",
        ),
        (lambda d: d["events"].append({"kind": "complaint"}), "input.missing_field"),
        (lambda d: d["agreement"].update(end="2019-12-31"), "input.end_before_start"),
        (lambda d: d["agreement"].update(type="KSDX"), "input.invalid_value"),
        (lambda d: d["agreement"].update(parties=["32.73", "32.73"]), "input.duplicate_party"),
        (lambda d: d["agreement"].update(parties=["3273x"]), "input.malformed_region_code"),
        (
            lambda d: d["agreement"].update(third_party={"kind": "alien", "name": "PT X"}),
            "input.invalid_value",
        ),
        (lambda d: d.pop("as_of"), "input.missing_field"),
        (lambda d: d.update(events={}), "input.wrong_type"),
    ],
)
def test_it_refuses_bad_input_with_a_coded_bilingual_error(change: Any, code: str) -> None:
    document = healthy()
    change(document)
    error = bad(document)
    assert error.code == code and code in RISK_INPUT_ERROR_CODES
    assert error.message_id and error.message_en and error.message_id != error.message_en
    assert (
        error.as_dict()["message"] == error.message_id and error.exit_code == 2 and error.http_status == 422
    )


def test_it_refuses_malformed_json_and_a_non_object() -> None:
    assert bad("{not json").code == "input.malformed_json"
    assert bad('{"as_of": NaN}').code == "input.malformed_json"
    assert bad(b"\xff").code == "input.malformed_json"
    assert bad("[]").code == "input.not_an_object"


def test_it_accepts_the_third_partys_name_as_an_event_party() -> None:
    document = healthy()
    document["agreement"].update(
        type="KSDPK", parties=["32.73"], third_party={"kind": "bumd", "name": "PD Kebersihan"}
    )
    document["events"] = [
        dict(e, party="PD Kebersihan") if e.get("party") == "32.04" else e for e in document["events"]
    ]
    assert assess_document(copy.deepcopy(document))["band"] <= 2


def test_it_reads_settings_and_refuses_unknown_or_bad_ones() -> None:
    config = RiskConfig.from_mapping(
        {"weight_monev": "0,5", "late_days": "10,20,30,40", "stagnation_months": "6"}
    )
    assert (
        config.weight("monev") == 0.5
        and config.late_days == (10, 20, 30, 40)
        and config.stagnation_months == 6
    )
    for values in (
        {"weight_monevv": "1"},
        {"weight_monev": "2"},
        {"late_days": "30,20,10,5"},
        {"colour": "1"},
    ):
        with pytest.raises(ValueError):
            RiskConfig.from_mapping(values)
    names = {row["name"] for row in config_reference()}
    assert {f"weight_{code}" for code in INDICATORS} <= names and "stagnation_months" in names


def test_it_documents_every_setting_in_the_env_example() -> None:
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[4] / ".env.example").read_text()
    documented = set(re.findall(r"^#? ?(KERJASAMA_RISK_[A-Z0-9_]+)=", text, re.M))
    assert {f"KERJASAMA_RISK_{row['name'].upper()}" for row in config_reference()} <= documented

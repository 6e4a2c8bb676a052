"""``kerjasama risk [FILE|-]``: issue 12's acceptance point through the command (exit 0 / exit 2 with the error)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from kerjasama.disputes.tests.cases import at_risk, healthy

KERJASAMA = Path(sys.executable).parent / "kerjasama"


def run(document: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[int, dict[str, Any], str]:
    text = document if isinstance(document, str) else json.dumps(document)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    out, err = StringIO(), StringIO()
    status = 0
    try:
        call_command("risk", "-", stdout=out, stderr=err)
    except SystemExit as exc:
        status = int(exc.code or 0)
    return status, json.loads(out.getvalue()), err.getvalue()


def test_it_assesses_a_healthy_agreement_with_exit_0(monkeypatch: pytest.MonkeyPatch) -> None:
    status, body, _ = run(healthy(), monkeypatch)
    assert status == 0 and body["band"] <= 2


def test_it_names_late_payment_missed_monev_and_skipped_review_with_mitigations(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    status, body, _ = run(at_risk(), monkeypatch)
    assert status == 0 and body["band"] >= 4
    named = {"payment_late", "monev", "tariff_review_overdue"}
    assert named <= {i["code"] for i in body["indicators"]} and named <= {
        m["code"] for m in body["mitigations"]
    }


@pytest.mark.parametrize(
    ("document", "code"),
    [
        ("{not json", "input.malformed_json"),
        ({**healthy(), "events": [{"date": "2026-01-01", "kind": "gempa"}]}, "input.unknown_event_kind"),
    ],
)
def test_it_answers_bad_input_with_exit_2_and_an_error_object(
    document: Any, code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    status, body, stderr = run(document, monkeypatch)
    assert status == 2 and body["error"]["code"] == code and body["error"]["message"]
    assert f"Galat [{code}]" in stderr and f"Error [{code}]" in stderr


def test_it_reads_a_file_and_reports_an_unreadable_one(tmp_path: Path) -> None:
    path = tmp_path / "risk.json"
    path.write_text(json.dumps(at_risk()))
    out = StringIO()
    call_command("risk", str(path), stdout=out, stderr=StringIO())
    assert json.loads(out.getvalue())["band"] >= 4
    out = StringIO()
    with pytest.raises(SystemExit) as caught:
        call_command("risk", str(tmp_path / "missing.json"), stdout=out, stderr=StringIO())
    assert caught.value.code == 2 and json.loads(out.getvalue())["error"]["code"] == "input.unreadable"


def test_it_runs_as_the_kerjasama_subcommand_without_a_database(tmp_path: Path) -> None:
    """The console script, as operators and scripts call it; ``kerjasama setup`` has not run here."""
    env = {**os.environ, "KERJASAMA_VAR_DIR": str(tmp_path / "var"), "DJANGO_SETTINGS_MODULE": ""}
    env.pop("DJANGO_SETTINGS_MODULE")
    results = [
        subprocess.run(
            [str(KERJASAMA), "risk", "-"], input=text, env=env, capture_output=True, text=True, timeout=120
        )
        for text in (json.dumps(healthy()), json.dumps(at_risk()), "{oops")
    ]
    assert [r.returncode for r in results] == [0, 0, 2], results[-1].stderr
    assert json.loads(results[0].stdout)["band"] <= 2 and json.loads(results[1].stdout)["band"] >= 4
    assert json.loads(results[2].stdout)["error"]["code"] == "input.malformed_json"
    help_text = subprocess.run(
        [str(KERJASAMA), "risk", "--help"], env=env, capture_output=True, text=True, timeout=120
    ).stdout
    assert "A high score is not proof of a dispute" in " ".join(help_text.split())

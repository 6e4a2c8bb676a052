"""Schemathesis against ``kerjasama serve``: generated requests for every operation of the OpenAPI document,
authenticated as a cooperation operator, must give no server error and no status the document leaves out.

The run is bounded (examples per operation, a time budget) and seeded, so CI repeats the same requests. It
has an installation of its own: the fuzzer writes (documents, notifications read, tokens) and must not
change what the other end-to-end tests see.

Every operation of the document is run (no ``--include``/``--exclude``; ``api/tests/test_api_coverage.py``
checks that every ``/api/v1/`` route Django serves is in the document), and the report must show each one.
The document is fetched first with a generous timeout and given to schemathesis as a file: building it took
more than schemathesis' 10 s on a loaded 2-core CI machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import Instance, InstanceFactory, Server, start_server, stop_process

SCHEMATHESIS = Path(sys.executable).parent / "st"
SEED = 1
MAX_EXAMPLES = 20
MAX_TIME_S = 120
SCHEMA_TIMEOUT_S = 120
FUZZ_USER = "operator.yogya"


@pytest.fixture(scope="module")
def fuzz_instance(instance_factory: InstanceFactory) -> Instance:
    return instance_factory.create("fuzz")


@pytest.fixture(scope="module")
def fuzz_server(fuzz_instance: Instance) -> Iterator[Server]:
    # The per-token rate limit would answer most generated requests 429 (documented, so no failure, but
    # untested logic, and a count that depends on the machine's speed): off for this server.
    fuzz_instance.env["KERJASAMA_API_RATE_PER_MINUTE"] = "0"
    fuzz_instance.env["KERJASAMA_PUBLIC_API_RATE_PER_MINUTE"] = "0"  # the public API's per-address limit
    server = start_server(fuzz_instance)
    try:
        yield server
    finally:
        stop_process(server.process)


def _api_token(instance: Instance) -> str:
    key: str = instance.python(
        "from kerjasama.accounts.models import User\n"
        "from kerjasama.accounts.services import issue_api_token\n"
        f"user = User.objects.get(username={FUZZ_USER!r})\n"
        "_token, result = issue_api_token(actor=user, user=user, name='schemathesis')\n"
    )
    return key


def _failures(report: Path) -> list[str]:
    """The failed checks in schemathesis' NDJSON event stream, one line each."""
    found = []
    for line in report.read_text().splitlines():
        event = json.loads(line)
        scenario = event.get("ScenarioFinished")
        if not scenario:
            continue
        recorder = scenario.get("recorder") or {}
        label = recorder.get("label", "?")
        for checks in (recorder.get("checks") or {}).values():
            for check in checks:
                if str(check.get("status", "")).lower() not in {"success", "skip", "skipped"}:
                    found.append(f"{label}: {json.dumps(check)[:400]}")
    return found


def _exercised(report: Path) -> set[str]:
    """The operations (``METHOD /path``) schemathesis ran scenarios of."""
    labels = set()
    for line in report.read_text().splitlines():
        scenario = json.loads(line).get("ScenarioFinished")
        if scenario:
            labels.add(str((scenario.get("recorder") or {}).get("label", "")))
    return labels


def _operations(schema: dict[str, object]) -> set[str]:
    methods = {"get", "put", "post", "delete", "patch", "head", "options"}
    paths = schema["paths"]
    assert isinstance(paths, dict)
    return {
        f"{method.upper()} {path}" for path, item in paths.items() for method in item if method in methods
    }


def schemathesis_command(schema_file: Path, base_url: str, token: str, report: Path) -> list[str]:
    """The command line of the run: every operation of the document, a fixed seed, one worker."""
    return [
        str(SCHEMATHESIS),
        "run",
        str(schema_file),
        "--url",
        base_url,
        "--checks",
        "not_a_server_error,status_code_conformance",
        "--seed",
        str(SEED),
        "--max-examples",
        str(MAX_EXAMPLES),
        "--max-time",
        str(MAX_TIME_S),
        "--generation-database",
        "none",
        # One worker: with two, schemathesis (through hypothesis) parses sources with `ast` in two threads
        # at once, which CPython 3.11 does not support ("AST constructor recursion depth mismatch", a
        # runtime error of the tool, not of the API, seen in CI and locally).
        "--workers",
        "1",
        "--header",
        f"Authorization: Bearer {token}",
        "--report",
        "ndjson",
        "--report-ndjson-path",
        str(report),
        "--no-color",
    ]


def test_it_gives_no_server_error_and_no_undocumented_status_to_generated_requests(
    fuzz_server: Server, tmp_path: Path
) -> None:
    token = _api_token(fuzz_server.instance)
    report = tmp_path / "events.ndjson"
    loopback = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy
    with loopback.open(f"{fuzz_server.url}/api/v1/openapi.json", timeout=SCHEMA_TIMEOUT_S) as answer:
        schema = json.load(answer)
    schema_file = tmp_path / "openapi.json"
    schema_file.write_text(json.dumps(schema))
    result = subprocess.run(
        schemathesis_command(schema_file, fuzz_server.url, token, report),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=MAX_TIME_S * 4 + 120,
        check=False,
    )
    # Schemathesis prints its errors (an exception, a generation failure) before its long summary: keep the
    # head and the tail of the report, so a failure names its cause (a CI run once showed only the summary).
    stdout = (
        result.stdout
        if len(result.stdout) <= 12000
        else result.stdout[:6000] + "\n…\n" + result.stdout[-6000:]
    )
    output = stdout + result.stderr[-2000:]
    assert report.exists(), output
    assert _failures(report) == [], output
    assert _operations(schema) - _exercised(report) == set(), output
    assert result.returncode == 0, output
    assert "Traceback" not in fuzz_server.log_text(), fuzz_server.log_text()[-4000:]

"""The examples in ``deploy/`` (issue 14 item 8) name commands that exist and agree with the settings."""

from __future__ import annotations

import configparser
import re
import shlex
from pathlib import Path

import pytest
from django.conf import settings

from kerjasama.cli import SUBCOMMANDS

DEPLOY = Path(__file__).resolve().parents[4] / "deploy"
UNITS = sorted(DEPLOY.glob("*.service"))
NGINX = DEPLOY / "nginx-kerjasama.conf"
MIB = 1024 * 1024


def _unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None, comment_prefixes=("#", ";"))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(path.read_text())
    return parser


def _subcommands(exec_start: str) -> list[str]:
    """The ``kerjasama`` subcommands an ExecStart runs (also inside ``/bin/sh -c '...'``)."""
    words = shlex.split(exec_start)
    if words[:2] == ["/bin/sh", "-c"]:
        words = shlex.split(words[2])
    words = [w for w in words if w != "exec"]
    return [words[i + 1] for i, w in enumerate(words[:-1]) if w.endswith("/bin/kerjasama")]


def test_the_examples_are_there() -> None:
    names = {p.name for p in DEPLOY.iterdir()}
    for name in (
        "kerjasama-web.service",
        "kerjasama-worker.service",
        "kerjasama-remind.service",
        "kerjasama-remind.timer",
        "kerjasama-backup.service",
        "kerjasama-backup.timer",
        "nginx-kerjasama.conf",
    ):
        assert name in names


@pytest.mark.parametrize("path", UNITS, ids=lambda p: p.name)
def test_every_exec_start_names_an_existing_kerjasama_subcommand(path: Path) -> None:
    unit = _unit(path)
    exec_start = unit["Service"]["ExecStart"]
    found = _subcommands(exec_start)
    assert found, f"{path.name}: ExecStart runs no kerjasama subcommand: {exec_start}"
    for name in found:
        assert name in SUBCOMMANDS, f"{path.name}: unknown subcommand {name!r}"


def test_the_units_run_what_their_names_say() -> None:
    expected = {
        "kerjasama-web.service": "serve",
        "kerjasama-worker.service": "worker",
        "kerjasama-remind.service": "remind",
        "kerjasama-backup.service": "backup",
    }
    for name, subcommand in expected.items():
        assert _subcommands(_unit(DEPLOY / name)["Service"]["ExecStart"]) == [subcommand]
    # The web service leaves tasks to the worker service.
    assert "--no-worker" in _unit(DEPLOY / "kerjasama-web.service")["Service"]["ExecStart"]


@pytest.mark.parametrize("timer", sorted(DEPLOY.glob("*.timer")), ids=lambda p: p.name)
def test_every_timer_starts_an_existing_oneshot_service(timer: Path) -> None:
    unit = _unit(timer)
    service = DEPLOY / unit["Timer"]["Unit"]
    assert service.is_file() and service.stem == timer.stem
    assert _unit(service)["Service"]["Type"] == "oneshot"
    assert unit["Timer"]["OnCalendar"] and unit["Timer"]["Persistent"] == "true"


def _nginx_size(value: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([kKmMgG]?)", value).groups()  # type: ignore[union-attr]
    return int(number) * {"": 1, "k": 1024, "m": MIB, "g": 1024 * MIB}[unit.lower()]


def test_nginx_body_size_matches_the_upload_cap() -> None:
    """The document cap plus 1 MiB for the multipart form around the file, rounded up to whole MiB."""
    text = NGINX.read_text()
    [value] = re.findall(r"^\s*client_max_body_size\s+(\S+);", text, flags=re.MULTILINE)
    cap = settings.KERJASAMA_DOCUMENT_MAX_BYTES
    assert _nginx_size(value) == (-(-cap // MIB) + 1) * MIB


def test_nginx_site_has_tls_and_the_right_headers() -> None:
    text = NGINX.read_text()
    assert re.search(r"listen 443 ssl;", text) and "ssl_certificate " in text
    assert "return 301 https://" in text
    assert re.search(r'add_header Strict-Transport-Security "max-age=\d+; includeSubDomains.*" always;', text)
    assert text.count("server_tokens off;") == text.count("server {")
    for header in ("Host", "X-Forwarded-For", "X-Forwarded-Proto", "X-Request-ID"):
        assert f"proxy_set_header {header} " in text
    assert "TLSv1 " not in text and "TLSv1.1" not in text


def test_nginx_does_not_pass_the_metrics_on() -> None:
    assert re.search(r"location = /metrics \{\s*return 404;\s*\}", NGINX.read_text())


def test_the_example_environment_names_only_documented_variables() -> None:
    """deploy/kerjasama.env.example (the units' EnvironmentFile) sets variables .env.example describes."""
    example = (DEPLOY.parent / ".env.example").read_text()
    documented = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", example, re.M))
    names = set(re.findall(r"^([A-Z][A-Z0-9_]+)=", (DEPLOY / "kerjasama.env.example").read_text(), re.M))
    assert {"KERJASAMA_METRICS", "KERJASAMA_LOG_FORMAT", "SENTRY_DSN", "PROMETHEUS_MULTIPROC_DIR"} <= names
    assert names - documented == set()

"""HTTP protections: Content-Security-Policy, Permissions-Policy, and a clean ``check --deploy`` in production."""

from __future__ import annotations

import re
import secrets
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from kerjasama.core.settings import _tile_origin

ROOT = Path(__file__).resolve().parents[4]
PACKAGE = ROOT / "src/kerjasama"
KERJASAMA = Path(sys.executable).parent / "kerjasama"

#: Templates rendered to PDF by WeasyPrint, never served to a browser: their <style> is not subject to CSP.
PDF_TEMPLATES = {
    "mapping/templates/mapping/export.html",
    "reports/templates/reports/export.html",
    "disputes/templates/disputes/stats_annual_pdf.html",
    "letters/templates/letters/letter_pdf.html",
    "letters/templates/letters/_signature_footer.html",  # inserted into a letter's PDF before it is signed
    "oversight/templates/oversight/annual_report_pdf.html",
    "privacy/templates/privacy/letter_pdf.html",
}


def _directives(response: Any) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in header.split(";") if part.strip())}


@pytest.mark.django_db
def test_it_allows_only_the_projects_own_files_in_the_content_security_policy(client: Client) -> None:
    directives = _directives(client.get("/masuk/"))
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
def test_it_sends_the_content_security_policy_on_api_answers_and_errors(client: Client) -> None:
    for path in ("/api/v1/regions", "/tidak-ada-halaman-ini/"):
        assert "default-src 'self'" in client.get(path)["Content-Security-Policy"], path


@pytest.mark.django_db
def test_it_denies_camera_microphone_and_geolocation_in_the_permissions_policy(client: Client) -> None:
    policy = client.get("/masuk/")["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


def test_it_allows_images_from_the_configured_tile_server_only() -> None:
    assert _tile_origin("https://tiles.example.go.id/{z}/{x}/{y}.png") == ["https://tiles.example.go.id"]
    assert _tile_origin("https://{s}.tile.example.org/{z}/{x}/{y}.png") == ["https://*.tile.example.org"]
    assert _tile_origin("") == []
    assert _tile_origin("javascript:alert(1)") == []


def _inline_code(text: str) -> list[str]:
    """Inline scripts, <style> elements, style="" attributes and on…="" handlers in a template's text."""
    found = [
        m.group(0) for m in re.finditer(r"<script\b(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", text)
    ]
    found += re.findall(r"<style\b[^>]*>", text)
    found += re.findall(r"\sstyle\s*=\s*[\"']", text)
    found += re.findall(r"\son[a-z]+\s*=\s*[\"']", text)
    return found


def test_it_keeps_every_served_template_free_of_inline_scripts_and_styles() -> None:
    offenders = {}
    for path in sorted(PACKAGE.glob("*/templates/**/*.html")):
        relative = str(path.relative_to(PACKAGE))
        if relative in PDF_TEMPLATES:
            continue
        if found := _inline_code(path.read_text()):
            offenders[relative] = found
    assert offenders == {}


def test_it_recognises_inline_code_in_a_template() -> None:
    text = (
        '<script>alert(1)</script><script src="/static/a.js"></script>'
        '<script type="application/json" id="d">{}</script><td style="--pct: 3">'
        '<form onsubmit="go()"><style>p{}</style>'
    )
    assert _inline_code(text) == ["<script>", "<style>", ' style="', ' onsubmit="']


def _documented_production_environment(tmp_path: Path) -> dict[str, str]:
    """The variables the README's production section exports, with its ``...`` placeholders filled in."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Produksi / Production", 1)[1].split("\n## ", 1)[0]
    command = section.split("export ", 1)[1].split("\n.venv/bin/", 1)[0].replace("\\\n", " ")
    documented = dict(word.split("=", 1) for word in shlex.split(command))
    placeholders = {"SECRET_KEY": secrets.token_urlsafe(50), "DB_PASSWORD": "unused"}
    return {name: placeholders.get(name, value) for name, value in documented.items()}


def test_it_passes_the_deploy_check_with_the_documented_production_settings(tmp_path: Path) -> None:
    environment = _documented_production_environment(tmp_path)
    assert environment["KERJASAMA_ENV"] == "production"
    # The check reads no data; SQLite in a temporary directory keeps the run away from any database.
    environment |= {
        "DB": "sqlite",
        "KERJASAMA_HOME": str(tmp_path),
        "KERJASAMA_VAR_DIR": str(tmp_path / "var"),
        "SQLITE_PATH": str(tmp_path / "var" / "check.sqlite3"),
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "kerjasama.core.settings",
    }
    result = subprocess.run(
        [str(KERJASAMA), "manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout

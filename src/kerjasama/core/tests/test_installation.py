"""The ``kerjasama`` command before ``setup`` and without configuration: a clear message and a documented exit
status instead of a traceback; the installation directory resolved explicitly, never the current directory by
accident."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from kerjasama.core.installation import (
    EXIT_CONFIGURATION,
    EXIT_NOT_SET_UP,
    ConfigurationError,
    database_problem,
    resolve_home,
)

#: Variables that would make the subprocess use another installation than the test's own.
_INSTANCE_VARIABLES = (
    "KERJASAMA_HOME",
    "KERJASAMA_VAR_DIR",
    "KERJASAMA_ENV",
    "SQLITE_PATH",
    "DB",
    "SECRET_KEY",
    "DJANGO_SETTINGS_MODULE",
)


def kerjasama(
    *args: str, home: Path | None, cwd: Path, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in _INSTANCE_VARIABLES}
    if home is not None:
        clean["KERJASAMA_HOME"] = str(home)
    return subprocess.run(  # our own interpreter and fixed arguments
        [sys.executable, "-m", "kerjasama.cli", *args],
        cwd=cwd,
        env={**clean, **env},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def assert_says_run_setup(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == EXIT_NOT_SET_UP == 5, done.stderr
    assert "jalankan `kerjasama setup` terlebih dahulu" in done.stderr
    assert "run `kerjasama setup` first" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("regions",),
        ("neighbours", "34.71"),
        ("serve", "--port", str(free_port()), "--no-worker"),
        ("map", "--region", "34.71"),
    ],
)
def test_it_asks_for_setup_before_a_command_that_needs_the_database(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    done = kerjasama(*args, home=tmp_path, cwd=tmp_path)
    assert_says_run_setup(done)
    assert not (tmp_path / "var" / "kerjasama.sqlite3").exists()  # the check creates no empty database


def test_it_gives_check_its_json_error_and_a_distinct_exit_status_before_setup(tmp_path: Path) -> None:
    plan = '{"type":"KSDD","category":"wajib","parties":["34.71","34.04"],"affairs":["1.03"]}'
    done = kerjasama("check", "-", home=tmp_path, cwd=tmp_path, stdin=plan)
    assert_says_run_setup(done)
    assert json.loads(done.stdout)["error"]["code"] == "setup.required"


def test_it_explains_a_missing_secret_key_in_production(tmp_path: Path) -> None:
    done = kerjasama("regions", home=tmp_path, cwd=tmp_path, KERJASAMA_ENV="production")
    assert done.returncode == EXIT_CONFIGURATION == 6
    assert "Galat [config.secret_key_missing]: SECRET_KEY wajib diisi" in done.stderr
    assert "Error [config.secret_key_missing]: SECRET_KEY must be set" in done.stderr
    assert str(tmp_path / ".env") in done.stderr
    assert "Traceback" not in done.stderr


def test_it_does_not_create_an_installation_in_the_current_directory(tmp_path: Path) -> None:
    done = kerjasama("regions", "--help", home=None, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert list(tmp_path.iterdir()) == []


# --- resolving the installation directory ------------------------------------------------------------------


def make_checkout(root: Path) -> Path:
    (root / "src" / "kerjasama").mkdir(parents=True)
    (root / "pyproject.toml").write_text("[project]\nname = 'kerjasama'\n")
    return root / "src" / "kerjasama"


def test_it_resolves_the_home_in_the_documented_order(tmp_path: Path) -> None:
    checkout_package = make_checkout(tmp_path / "checkout")
    installed_package = tmp_path / "srv" / ".venv" / "lib" / "site-packages" / "kerjasama"
    installed_package.mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    def home(package_dir: Path, *, in_venv: bool = True, environ: dict[str, str] | None = None) -> Path:
        return resolve_home(
            environ=environ or {},
            package_dir=package_dir,
            prefix=str(tmp_path / "srv" / ".venv") if in_venv else "/usr",
            base_prefix="/usr",
            cwd=elsewhere,
        )

    assert (
        home(checkout_package, environ={"KERJASAMA_HOME": str(tmp_path / "x")}) == (tmp_path / "x").resolve()
    )
    assert home(checkout_package) == (tmp_path / "checkout").resolve()
    assert home(installed_package) == (tmp_path / "srv").resolve()
    with pytest.raises(ConfigurationError) as refused:
        home(installed_package, in_venv=False)
    assert refused.value.code == "config.no_home"
    assert "KERJASAMA_HOME" in refused.value.message_id and "KERJASAMA_HOME" in refused.value.message_en
    (elsewhere / "var").mkdir()
    assert home(installed_package, in_venv=False) == elsewhere.resolve()


@pytest.mark.django_db
def test_it_finds_the_test_database_set_up() -> None:
    assert database_problem() is None

"""Isolated Kerjasama installations for end-to-end tests, prepared through the real ``kerjasama`` command.

``instance`` is one installation per test session: a temporary ``KERJASAMA_VAR_DIR`` and either SQLite in
it or, when the environment says ``DB=postgres``, a fresh PostgreSQL database ``kerjasama_e2e_<hex>`` that
is dropped at the end. ``kerjasama setup`` runs once, in a subprocess, exactly as an operator runs it.
``server`` serves that installation with ``kerjasama serve`` on a free loopback port.
``instance_factory`` makes further installations for tests that change data (manual overrides, ...).
Temporary directories, databases and processes are all removed when the session ends.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

#: The console script installed next to the interpreter that runs pytest (``.venv/bin/kerjasama``).
KERJASAMA = Path(sys.executable).parent / "kerjasama"
DEFAULT_DEMO_PASSWORD = "kerjasama-demo-2026"
LOOPBACK = "127.0.0.1"
SETUP_TIMEOUT_S = 600
SERVER_START_TIMEOUT_S = 30

#: Variables that decide what an installation is or how it behaves; each instance sets its own or uses the
#: application's defaults, so that a developer's shell (or CI) cannot leak into the tests.
_INSTANCE_VARIABLES = (
    "KERJASAMA_HOME",
    "KERJASAMA_VAR_DIR",
    "KERJASAMA_ENV",
    "KERJASAMA_LOAD_DEMO",
    "KERJASAMA_TILE_URL",
    "KERJASAMA_TILE_ATTRIBUTION",
    "KERJASAMA_ADJACENCY_TOLERANCE_M",
    "KERJASAMA_TASK_BACKEND",
    "KERJASAMA_TASK_RESULT_DAYS",
    "REDIS_URL",
    "SQLITE_PATH",
    "DB",
    "DB_NAME",
    "DB_TEST_NAME",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "DJANGO_SETTINGS_MODULE",
)


def wants_postgres() -> bool:
    return os.environ.get("DB", "sqlite").strip().lower() in {"postgres", "postgresql"}


def _pg_params() -> dict[str, Any]:
    params: dict[str, Any] = {
        "host": os.environ.get("DB_HOST", LOOPBACK),
        "port": int(os.environ.get("DB_PORT") or 5432),
        "user": os.environ.get("DB_USER", "postgres"),
    }
    if os.environ.get("DB_PASSWORD"):
        params["password"] = os.environ["DB_PASSWORD"]
    return params


def _pg_maintenance() -> Any:
    import psycopg

    try:
        return psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=10, **_pg_params())
    except psycopg.OperationalError as exc:
        pytest.fail(f"DB=postgres, but PostgreSQL is not reachable with {_pg_params()}: {exc}")


def create_pg_database() -> str:
    from psycopg import sql

    name = f"kerjasama_e2e_{secrets.token_hex(6)}"
    with _pg_maintenance() as conn:
        conn.execute(
            sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(sql.Identifier(name))
        )
    return name


def drop_pg_database(name: str) -> None:
    from psycopg import sql

    assert name.startswith("kerjasama_e2e_"), name  # never drop anything this module did not create
    with _pg_maintenance() as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


def pg_database_exists(name: str) -> bool:
    with _pg_maintenance() as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is not None


@dataclass
class Instance:
    """One installation: its directory, its database and the environment every CLI call runs with."""

    name: str
    root: Path
    env: dict[str, str]
    database: str  # "sqlite" or "postgres"
    db_name: str
    demo_password: str
    setup_output: str = ""
    _counter: list[int] = field(default_factory=lambda: [0])

    @property
    def var_dir(self) -> Path:
        return Path(self.env["KERJASAMA_VAR_DIR"])

    def run(
        self, *args: str, input: str | None = None, check: bool = False, timeout: float = 180
    ) -> subprocess.CompletedProcess[str]:
        """``kerjasama ARGS`` in a subprocess with this instance's environment (output captured as text)."""
        return subprocess.run(
            [str(KERJASAMA), *args],
            env=self.env,
            cwd=self.root,
            input=input,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=check,
        )

    def ok(
        self, *args: str, input: str | None = None, timeout: float = 180
    ) -> subprocess.CompletedProcess[str]:
        """Like :meth:`run`, but the command must succeed (the failure shows its stderr)."""
        result = self.run(*args, input=input, timeout=timeout)
        assert result.returncode == 0, (
            f"kerjasama {' '.join(args)} exited {result.returncode}\n"
            f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
        )
        return result

    def json(self, *args: str) -> Any:
        """The parsed JSON that ``kerjasama ARGS --json`` prints."""
        return json.loads(self.ok(*args, "--json").stdout)

    def python(self, code: str) -> Any:
        """Run ``code`` in ``kerjasama manage shell``; it must assign ``result``, which is returned via JSON."""
        marker = "@@KERJASAMA-E2E@@"
        program = f"import json\n{code}\nprint({marker!r} + json.dumps(result))"
        out = self.ok("manage", "shell", "--no-imports", "-c", program).stdout
        line = next((ln for ln in reversed(out.splitlines()) if ln.startswith(marker)), None)
        assert line is not None, f"no result from manage shell:\n{out}"
        return json.loads(line[len(marker) :])

    def counts(self, *models: str) -> dict[str, int]:
        """Row counts of the given models (``"accounts.User"``), read in one ``manage shell`` call."""
        return self.python(
            "from django.apps import apps\n"
            f"result = {{label: apps.get_model(label).objects.count() for label in {list(models)!r}}}"
        )


class InstanceFactory:
    """Makes installations and removes every one of them (directory and database) at ``close``."""

    def __init__(self) -> None:
        self._cleanups: list[Callable[[], None]] = []

    def create(self, name: str, *, setup: bool = True) -> Instance:
        assert KERJASAMA.exists(), f"{KERJASAMA} is missing: install the project into the venv (make venv)"
        root = Path(tempfile.mkdtemp(prefix=f"kerjasama-e2e-{name}-"))
        self._cleanups.append(lambda: shutil.rmtree(root, ignore_errors=True))
        var_dir = root / "var"
        var_dir.mkdir()
        env = {k: v for k, v in os.environ.items() if k not in _INSTANCE_VARIABLES}
        env.update(
            KERJASAMA_HOME=str(root),
            KERJASAMA_VAR_DIR=str(var_dir),
            KERJASAMA_ENV="development",
            KERJASAMA_LOAD_DEMO="true",
            DEBUG="false",
            PYTHONUNBUFFERED="1",
            LOG_LEVEL=os.environ.get("LOG_LEVEL", "WARNING"),
        )
        if wants_postgres():
            db_name = create_pg_database()
            self._cleanups.append(lambda: drop_pg_database(db_name))
            params = _pg_params()
            env.update(
                DB="postgres",
                DB_NAME=db_name,
                DB_HOST=params["host"],
                DB_PORT=str(params["port"]),
                DB_USER=params["user"],
            )
            database = "postgres"
        else:
            db_name = str(var_dir / "kerjasama.sqlite3")
            env.update(DB="sqlite", SQLITE_PATH=db_name)
            database = "sqlite"
        instance = Instance(
            name=name,
            root=root,
            env=env,
            database=database,
            db_name=db_name,
            demo_password=env.get("KERJASAMA_DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD),
        )
        if setup:
            try:
                result = instance.run("setup", check=True, timeout=SETUP_TIMEOUT_S)
            except subprocess.CalledProcessError as exc:
                pytest.fail(
                    f"`kerjasama setup` failed for the {name!r} instance ({database}) with exit {exc.returncode}:\n"
                    f"{exc.stderr}\n--- stdout\n{exc.stdout}"
                )
            except subprocess.TimeoutExpired as exc:
                pytest.fail(f"`kerjasama setup` took longer than {SETUP_TIMEOUT_S} s: {exc.stderr!r}")
            instance.setup_output = result.stdout
        return instance

    def close(self) -> None:
        errors: list[str] = []
        while self._cleanups:
            cleanup = self._cleanups.pop()
            try:
                cleanup()
            except Exception as exc:  # keep cleaning the rest; report at the end
                errors.append(repr(exc))
        if errors:
            raise RuntimeError("e2e cleanup failed: " + "; ".join(errors))


@pytest.fixture(scope="session")
def instance_factory() -> Iterator[InstanceFactory]:
    factory = InstanceFactory()
    try:
        yield factory
    finally:
        factory.close()


@pytest.fixture(scope="session")
def instance(instance_factory: InstanceFactory) -> Instance:
    """The shared installation (national master data and the demo), prepared by ``kerjasama setup``."""
    return instance_factory.create("main")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


# No proxy, whatever the environment says: the server is on the loopback interface.
_direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _answers(url: str) -> bool:
    try:
        with _direct.open(url, timeout=2) as response:
            return bool(response.status == 200)
    except urllib.error.HTTPError:
        return False
    except (urllib.error.URLError, OSError):
        return False


@dataclass
class Server:
    url: str  # "http://127.0.0.1:PORT", no trailing slash
    process: subprocess.Popen[bytes]
    log: Path
    instance: Instance

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def stop_process(process: subprocess.Popen[bytes], timeout: float = 15) -> None:
    """SIGTERM (gunicorn stops its workers gracefully), then SIGKILL to the group this test started."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # the process was started in its own session
        process.wait(timeout=timeout)


def start_server(instance: Instance, *options: str) -> Server:
    """``kerjasama serve`` on a free loopback port (``options`` are added to its command line)."""
    port = free_port()
    log = instance.root / f"serve-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(KERJASAMA), "serve", "--host", LOOPBACK, "--port", str(port), "--workers", "2", *options],
            env=instance.env,
            cwd=instance.root,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    server = Server(url=f"http://{LOOPBACK}:{port}", process=process, log=log, instance=instance)
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"`kerjasama serve` exited with {process.returncode} before answering:\n{server.log_text()}"
            )
        if _answers(f"{server.url}/masuk/"):
            return server
        time.sleep(0.25)
    stop_process(process)
    pytest.fail(
        f"`kerjasama serve` did not answer {server.url}/masuk/ within {SERVER_START_TIMEOUT_S} s:\n"
        f"{server.log_text()}"
    )


@pytest.fixture(scope="session")
def live_server_process(instance: Instance) -> Iterator[Server]:
    server = start_server(instance)
    try:
        yield server
    finally:
        stop_process(server.process)


@pytest.fixture(scope="session")
def server(live_server_process: Server) -> str:
    """The base URL (``http://127.0.0.1:PORT``) of ``kerjasama serve`` running the shared instance."""
    return live_server_process.url


# --- browser (Debian chromium through Playwright) ------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is not installed (apt-get install chromium); browser tests need it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


class Session:
    """A browser context on the local server that refuses other hosts and records page errors."""

    def __init__(self, browser: Any, base_url: str, **options: Any) -> None:
        self.context = browser.new_context(base_url=base_url, locale="id-ID", **options)
        self.context.set_default_timeout(15_000)
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._only_loopback)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        self.page.on(
            "console", lambda msg: msg.type == "error" and self.errors.append(f"console: {msg.text}")
        )

    def _only_loopback(self, route: Any) -> None:
        url = route.request.url
        if urlsplit(url).hostname == LOOPBACK or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def check_clean(self) -> None:
        assert self.blocked == [], f"the pages tried to reach other hosts: {self.blocked}"
        assert self.errors == [], f"errors in the page: {self.errors}"

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def sessions(browser: Any, server: str) -> Iterator[Any]:
    """``sessions(**context_options)`` opens a :class:`Session`; all are checked and closed after the test."""
    opened: list[Session] = []

    def open_session(**options: Any) -> Session:
        session = Session(browser, server, **options)
        opened.append(session)
        return session

    yield open_session
    for session in opened:
        session.close()
    for session in opened:
        session.check_clean()


def log_in(page: Any, username: str, password: str) -> None:
    from playwright.sync_api import expect

    page.goto("/masuk/")
    form = page.locator("main form")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(password)
    form.locator("button[type=submit]").click()
    page.wait_for_url(lambda url: "/masuk/" not in url)
    expect(page.get_by_test_id("nav-profile")).to_have_text(username)

"""Several application servers and task workers on one PostgreSQL and one Redis (issue 14 items 4 and 5).

Every test here runs real processes: ``kerjasama serve --no-worker`` (gunicorn) on loopback ports 8150-8169 and
``kerjasama worker`` (RQ) against one installation made by ``kerjasama setup`` in a fresh PostgreSQL database,
with the cache on Redis (``KERJASAMA_CACHE=redis``) in a Redis database of its own (flushed before and after).
They run only with ``DB=postgres`` and Redis on 127.0.0.1:6379; otherwise they skip, saying why.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.e2e.conftest import (
    KERJASAMA,
    LOOPBACK,
    Instance,
    InstanceFactory,
    instance_factory,  # noqa: F401  (the fixture, for this folder)
    stop_process,
    wants_postgres,
)

#: The Redis database of this folder (flushed before and after): 12, or ``MULTI_REDIS_DB`` when several checkouts
#: run these tests on one machine at once.
REDIS_HOST, REDIS_PORT, REDIS_DB = LOOPBACK, 6379, int(os.environ.get("MULTI_REDIS_DB", "12"))
REDIS_TEST_URL = f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}"
#: The ports of this folder (issue 14's multi-server tests): servers, then the fault proxies.
PORTS = iter(range(8150, 8170))
START_TIMEOUT_S = 40


def _redis_answers() -> str | None:
    try:
        import redis

        redis.Redis(host=REDIS_HOST, port=REDIS_PORT, socket_connect_timeout=2).ping()
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


@pytest.fixture(scope="session")
def multi_prerequisites() -> None:
    """Skip (the reason is printed by ``-ra``) unless PostgreSQL and Redis are what this folder tests."""
    if not wants_postgres():
        pytest.skip("tests/multi runs with DB=postgres (several servers share one PostgreSQL); CI runs it")
    problem = _redis_answers()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(
                f"DB=postgres in CI, but Redis at {REDIS_HOST}:{REDIS_PORT} does not answer: {problem}"
            )
        pytest.skip(f"tests/multi needs Redis at {REDIS_HOST}:{REDIS_PORT}: {problem}")


def next_port() -> int:
    for port in PORTS:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind((LOOPBACK, port))
            except OSError:
                continue
            return port
    pytest.fail("no free loopback port left in 8150-8169")


@pytest.fixture(scope="session")
def redis_client(multi_prerequisites: None) -> Iterator[Any]:
    import redis

    client = redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=3)
    client.flushdb()
    try:
        yield client
    finally:
        client.flushdb()
        client.close()


@pytest.fixture(scope="session")
def cluster(multi_prerequisites: None, redis_client: Any, instance_factory: InstanceFactory) -> Instance:  # noqa: F811
    """One installation (PostgreSQL, demo data) run in multi-server mode: tasks and cache on Redis."""
    made = instance_factory.create("multi")
    return with_env(
        made,
        KERJASAMA_TASK_BACKEND="rq",
        KERJASAMA_CACHE="redis",
        REDIS_URL=REDIS_TEST_URL,
        DB_CONN_MAX_AGE="0",
    )


def with_env(instance: Instance, **env: str) -> Instance:
    return dataclasses.replace(instance, env={**instance.env, **env})


@dataclasses.dataclass
class Proc:
    name: str
    process: subprocess.Popen[bytes]
    log_path: str
    url: str = ""

    def log(self) -> str:
        with contextlib.suppress(FileNotFoundError), open(self.log_path, errors="replace") as f:
            return f.read()
        return ""


def _popen(instance: Instance, name: str, *args: str) -> Proc:
    log_path = str(instance.root / f"{name}.log")
    with open(log_path, "wb") as out:
        process = subprocess.Popen(
            [str(KERJASAMA), *args],
            env=instance.env,
            cwd=instance.root,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    return Proc(name=name, process=process, log_path=log_path)


def stop(proc: Proc) -> None:
    stop_process(proc.process)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.process.pid, signal.SIGKILL)


class Processes:
    """Servers and workers a test starts; all stopped at its end."""

    def __init__(self) -> None:
        self.started: list[Proc] = []

    def server(self, instance: Instance, name: str, *, workers: int = 2) -> Proc:
        """``kerjasama serve --no-worker`` on the next free port of this folder (another, if it was taken
        between the check and gunicorn's bind)."""
        for _attempt in range(3):
            proc = self._server(instance, name, workers=workers)
            if proc is not None:
                return proc
        pytest.fail(f"{name}: every port tried was in use")

    def _server(self, instance: Instance, name: str, *, workers: int) -> Proc | None:
        import requests

        port = next_port()
        proc = _popen(
            instance,
            name,
            "serve",
            "--no-worker",
            "--host",
            LOOPBACK,
            "--port",
            str(port),
            "--workers",
            str(workers),
        )
        proc.url = f"http://{LOOPBACK}:{port}"
        self.started.append(proc)
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if proc.process.poll() is not None:
                if "Address already in use" in proc.log():
                    return None
                pytest.fail(f"{name} exited with {proc.process.returncode}:\n{proc.log()}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{proc.url}/masuk/", timeout=2).status_code == 200:
                    return proc
            time.sleep(0.25)
        pytest.fail(f"{name} did not answer {proc.url}/masuk/ within {START_TIMEOUT_S} s:\n{proc.log()}")

    def worker(self, instance: Instance, name: str) -> Proc:
        proc = _popen(instance, name, "worker")
        self.started.append(proc)
        return proc

    def stop_all(self) -> None:
        for proc in reversed(self.started):
            stop(proc)


@pytest.fixture
def processes() -> Iterator[Processes]:
    started = Processes()
    try:
        yield started
    finally:
        started.stop_all()


def log_in(base_url: str, username: str, password: str) -> Any:
    """A ``requests`` session signed in on ``base_url`` through the login form (CSRF and all)."""
    import requests

    session = requests.Session()
    session.trust_env = False  # loopback only, whatever proxy the environment names
    page = session.get(f"{base_url}/masuk/", timeout=20)
    token = csrf_of(page.text)
    answer = session.post(
        f"{base_url}/masuk/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base_url}/masuk/"},
        timeout=20,
        allow_redirects=False,
    )
    assert answer.status_code == 302, f"login of {username} failed: {answer.status_code} {answer.text[:500]}"
    return session


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def wait_for(check: Callable[[], Any], *, timeout: float, what: str, step: float = 0.5) -> Any:
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        last = check()
        if last:
            return last
        time.sleep(step)
    pytest.fail(f"{what}: not within {timeout} s (last: {last!r})")


def at_once(*calls: Callable[[], Any]) -> list[Any]:
    """Run the calls in threads released together; their results in order (an exception is re-raised)."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)
    errors: list[BaseException] = []

    def run(i: int, call: Callable[[], Any]) -> None:
        barrier.wait()
        try:
            results[i] = call()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    if errors:
        raise errors[0]
    return results

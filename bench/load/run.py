"""Load and soak test of a complete installation on loopback (issue 14 item 2); prints JSON.

Starts the system itself: a PostgreSQL database it creates (``--sqlite``: a SQLite file) in a temporary
installation directory, ``kerjasama setup`` (master data and the demo), then ``kerjasama serve`` (gunicorn with
2 sync workers and one task worker beside it) on 127.0.0.1, waits for ``/healthz`` and runs locust headless
(``bench/load/locustfile.py``: the personas of ``personas.py``), bounded in users, spawn rate, time and
request count. The JSON gives p50/p95/p99 and errors per endpoint group and for pages and API reads, the
budgets of issue 14 (pages p95 < 300 ms, API reads p95 < 150 ms, 0 errors) met or not, the machine's core
count and load average, the RSS of each gunicorn worker and PostgreSQL's open connections
(``pg_stat_activity``) at start and end.

Budgets are measured on the *warm* requests: those sent once every user has logged in (a login hashes a
password with PBKDF2; the burst of them at spawn is reported apart, as ``warmup``). Logins, the CSRF forms,
the token and the id lists are the ``setup:*`` groups, outside the budgets.

The API rate limits are turned off for the run (``KERJASAMA_API_RATE_PER_MINUTE=0``,
``KERJASAMA_PUBLIC_API_RATE_PER_MINUTE=0``): every simulated user comes from 127.0.0.1 and shares ten demo
accounts, so the limits would measure themselves, not the system.

    .venv/bin/python bench/load/run.py                          # 50 users, 2 minutes, PostgreSQL
    .venv/bin/python bench/load/run.py --wait 1,3               # the same with 1-3 s think time for all
    .venv/bin/python bench/load/run.py --soak                   # 50 users, 30 minutes
    .venv/bin/python bench/load/run.py --sqlite --users 10      # the single-unit installation
    .venv/bin/python bench/load/run.py --national               # `kerjasama demo --scale national --years 10` first

Exit status 0 when every budget holds, 1 when one is missed, 2 when the run could not be made.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve().parent
PAGE_P95_MS = 300.0
API_P95_MS = 150.0


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return round(ordered[index], 1)


def _summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    times = [row["ms"] for row in rows]
    errors = [row for row in rows if not row["ok"]]
    out: dict[str, Any] = {
        "requests": len(rows),
        "errors": len(errors),
        "p50_ms": _percentile(times, 0.50),
        "p95_ms": _percentile(times, 0.95),
        "p99_ms": _percentile(times, 0.99),
        "max_ms": round(max(times), 1) if times else None,
    }
    if errors:
        out["error_examples"] = sorted({row.get("e", str(row.get("s"))) for row in errors})[:5]
    return out


def _fail(message: str) -> None:
    sys.stderr.write(message + "\n")
    raise SystemExit(2)


def _psql(sql: str, params: tuple[Any, ...] = (), *, database: str = "postgres") -> list[tuple[Any, ...]]:
    import psycopg

    conninfo = (
        f"host={os.environ.get('DB_HOST', '127.0.0.1')} port={os.environ.get('DB_PORT', '5432')} "
        f"user={os.environ.get('DB_USER', 'postgres')} dbname={database}"
    )
    password = os.environ.get("DB_PASSWORD")
    if password:
        conninfo += f" password={password}"
    with psycopg.connect(conninfo, autocommit=True) as connection:
        cursor = connection.execute(sql, params)  # type: ignore[arg-type]  # fixed statements of this script
        return cursor.fetchall() if cursor.description else []


def _pg_connections(database: str) -> dict[str, int]:
    rows = _psql(
        "SELECT coalesce(state, 'none'), count(*) FROM pg_stat_activity "
        "WHERE datname = %s GROUP BY 1 ORDER BY 1",
        (database,),
    )
    counts = {state: int(n) for state, n in rows}
    # this query's own connection is to the `postgres` database, so it is not counted
    return {"total": sum(counts.values()), **counts}


def _processes(serve: subprocess.Popen[bytes]) -> tuple[list[Any], list[Any]]:
    """(gunicorn workers, task workers): the children of the ``kerjasama serve`` process (gunicorn's
    arbiter), the task worker told apart by its command line."""
    import psutil

    children = psutil.Process(serve.pid).children()
    task_workers = [p for p in children if "worker" in p.cmdline()[2:4] or "--parent-pid" in p.cmdline()]
    web = [p for p in children if p not in task_workers]
    return web, task_workers


def _rss_mb(processes: list[Any]) -> dict[str, float]:
    out: dict[str, float] = {}
    for process in processes:
        try:
            out[str(process.pid)] = round(process.memory_info().rss / 2**20, 1)
        except Exception:  # a worker restarted by gunicorn: reported as missing
            out[str(process.pid)] = -1.0
    return out


def _cpu_seconds(processes: list[Any]) -> float:
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
            total += times.user + times.system
        except Exception:  # noqa: S112  # a process that ended: its time is lost, not the report
            continue
    return total


def _postgres_processes() -> list[Any]:
    """The PostgreSQL server's processes on this machine (the loopback server the run uses)."""
    import psutil

    found = []
    for process in psutil.process_iter(["name"]):
        if process.info["name"] in ("postgres", "postmaster"):
            found.append(process)
    return found


def _wait_healthy(url: str, serve: subprocess.Popen[bytes], timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if serve.poll() is not None:
            _fail(f"kerjasama serve ended with status {serve.returncode}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=5) as response:  # noqa: S310  # loopback
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    _fail(f"{url}/healthz did not answer 200 within {timeout_s} s")


def _kerjasama(*args: str, env: dict[str, str]) -> None:
    command = [str(BIN / "kerjasama"), *args]
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        _fail(
            f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
        )


def _personas() -> tuple[Any, ...]:
    sys.path.insert(0, str(HERE))
    from personas import PERSONAS

    return PERSONAS


def _publish(share: float, env: dict[str, str]) -> None:
    """Every party of ``share`` of the example agreements consents to publication
    (``bench/oversight_pages.py``'s ``_publish``: bulk, example rows), then the stored states and the open-data
    package are rebuilt."""
    code = (
        "import sys, django; sys.path.insert(0, 'bench'); django.setup(); "
        f"from oversight_pages import _publish; print(_publish({share!r}))"
    )
    command = [sys.executable, "-c", code]
    result = subprocess.run(  # noqa: S603  # our own interpreter and a fixed statement
        command,
        env={**env, "DJANGO_SETTINGS_MODULE": "kerjasama.core.settings"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        _fail(f"publishing example consents failed ({result.returncode}):\n{result.stderr[-4000:]}")


def _national_available() -> bool:
    sys.path.insert(0, str(ROOT / "src"))
    from kerjasama.cli import SUBCOMMANDS

    return "demo" in SUBCOMMANDS


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=50, help="concurrent users (default 50)")
    parser.add_argument("--minutes", type=float, default=2.0, help="duration (default 2; 30 with --soak)")
    parser.add_argument("--spawn-rate", type=float, default=5.0, help="users started per second (default 5)")
    parser.add_argument(
        "--max-requests", type=int, default=0, help="stop after N requests (default: no bound)"
    )
    parser.add_argument(
        "--wait",
        default="",
        help="one think time for every persona, MIN,MAX seconds (default: each persona's own, personas.py)",
    )
    parser.add_argument("--soak", action="store_true", help="a 30-minute soak (memory and connections)")
    parser.add_argument("--sqlite", action="store_true", help="SQLite instead of PostgreSQL")
    parser.add_argument(
        "--national", action="store_true", help="load `kerjasama demo --scale national --years 10`"
    )
    parser.add_argument(
        "--publish",
        type=float,
        default=0.66,
        help="with --national: share of the example agreements whose parties consent to publication (0.66)",
    )
    parser.add_argument("--port", type=int, default=8150, help="loopback port (default 8150)")
    parser.add_argument(
        "--db-name", default="kerjasama_load", help="PostgreSQL database to create (dropped first)"
    )
    parser.add_argument("--var-dir", help="installation directory (default: a new temporary one)")
    parser.add_argument("--no-setup", action="store_true", help="reuse --var-dir/--db-name as they are")
    parser.add_argument("--keep", action="store_true", help="keep the database and installation directory")
    parser.add_argument("--samples", help="also keep every request's sample (JSON lines) in this file")
    args = parser.parse_args()
    # A terminated run stops what it started (its ``finally``: the server and locust), as an interrupted one does.
    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(143))
    minutes = 30.0 if args.soak and args.minutes == 2.0 else args.minutes
    if args.national and not _national_available():
        _fail(
            "--national: `kerjasama demo --scale national --years 10` is not available in this version "
            "(issue 14 item 1 has not landed); run without --national."
        )
    if args.no_setup and not args.var_dir:
        _fail("--no-setup needs --var-dir (the installation to reuse)")

    var_dir = Path(args.var_dir or tempfile.mkdtemp(prefix="kerjasama-load-"))
    var_dir.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "KERJASAMA_VAR_DIR": str(var_dir),
        "DB": "sqlite" if args.sqlite else "postgres",
        "DEBUG": "0",
        "KERJASAMA_API_RATE_PER_MINUTE": "0",
        "KERJASAMA_PUBLIC_API_RATE_PER_MINUTE": "0",
        "PYTHONUNBUFFERED": "1",
    }
    if not args.sqlite:
        env["DB_NAME"] = args.db_name
        if not args.no_setup:
            _psql(f'DROP DATABASE IF EXISTS "{args.db_name}" WITH (FORCE)')
            _psql(f'CREATE DATABASE "{args.db_name}"')
    os.environ.update({k: v for k, v in env.items() if k.startswith("DB")})

    timings: dict[str, float] = {}
    if not args.no_setup:
        started = time.monotonic()
        _kerjasama("setup", env=env)
        timings["setup_s"] = round(time.monotonic() - started, 1)
        if args.national:
            started = time.monotonic()
            _kerjasama("demo", "--scale", "national", "--years", "10", env=env)
            timings["national_demo_s"] = round(time.monotonic() - started, 1)
            # What the installation's scheduled tasks would have computed by the next morning: the early
            # warning, the dashboards' and quality figures, and (example) publication consents of a share of the
            # agreements so that the public register has rows (the generator records none).
            started = time.monotonic()
            for command in ("risk-recompute", "dashboard-recompute", "quality-recompute"):
                _kerjasama(command, env=env)
            _publish(args.publish, env)
            if not args.sqlite:
                # the recomputes and the consents are bulk writes too: without fresh statistics (a server
                # whose autovacuum has not run yet, docs/operations.md) the planner misjudges the new rows
                _psql("ANALYZE", database=args.db_name)
            timings["national_prepare_s"] = round(time.monotonic() - started, 1)

    url = f"http://127.0.0.1:{args.port}"
    log = open(var_dir / "serve.log", "ab")  # noqa: SIM115  # closed after the server stops
    serve = subprocess.Popen(  # noqa: S603  # our own command, fixed arguments
        [str(BIN / "kerjasama"), "serve", "--host", "127.0.0.1", "--port", str(args.port), "--workers", "2"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    samples_path = Path(args.samples) if args.samples else var_dir / "samples.jsonl"
    samples_path.unlink(missing_ok=True)
    try:
        _wait_healthy(url, serve)
        web, task_workers = _processes(serve)
        start = {
            "gunicorn_worker_rss_mb": _rss_mb(web),
            "task_worker_rss_mb": _rss_mb(task_workers),
            "load_average": [round(x, 2) for x in os.getloadavg()],
        }
        if not args.sqlite:
            start["pg_connections"] = _pg_connections(args.db_name)
        postgres = [] if args.sqlite else _postgres_processes()
        cpu_before = {
            "gunicorn_workers": _cpu_seconds(web),
            "task_worker": _cpu_seconds(task_workers),
            "postgresql": _cpu_seconds(postgres),
        }
        children_before = os.times()
        locust = [
            str(BIN / "locust"),
            "-f",
            str(HERE / "locustfile.py"),
            "--headless",
            "--only-summary",
            "--users",
            str(args.users),
            "--spawn-rate",
            str(args.spawn_rate),
            "--run-time",
            f"{round(minutes * 60)}s",
            "--stop-timeout",
            "10",
            "--host",
            url,
            "--loglevel",
            "WARNING",
        ]
        locust_env = {
            **env,
            "KERJASAMA_LOAD_SAMPLES": str(samples_path),
            "KERJASAMA_LOAD_MAX_REQUESTS": str(args.max_requests),
            "KERJASAMA_LOAD_WAIT": args.wait,
        }
        started = time.monotonic()
        # In its own process group, stopped with the run whatever ends it: a locust left behind by a stopped
        # run kept sending its users' requests (and its stale tokens, which locked 127.0.0.1 out) to the next
        # run's server on the same port.
        runner = subprocess.Popen(  # noqa: S603
            locust,
            env=locust_env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        try:
            _stdout, stderr = runner.communicate()
        finally:
            if runner.poll() is None:
                os.killpg(runner.pid, signal.SIGKILL)
                runner.wait()
        result = subprocess.CompletedProcess(locust, runner.returncode, _stdout, stderr)
        timings["run_s"] = round(time.monotonic() - started, 1)
        if not samples_path.exists():
            _fail(f"locust wrote no samples (exit {result.returncode}):\n{result.stderr[-4000:]}")
        web_end, task_end = _processes(serve)
        children_after = os.times()
        # Where the machine's cores went during the run (CPU seconds): the budgets are met or missed on the
        # same two cores that also run PostgreSQL and locust itself.
        cpu = {
            "gunicorn_workers": _cpu_seconds(web_end) - cpu_before["gunicorn_workers"],
            "task_worker": _cpu_seconds(task_end) - cpu_before["task_worker"],
            "postgresql": _cpu_seconds(_postgres_processes()) - cpu_before["postgresql"]
            if not args.sqlite
            else 0.0,
            "locust": (children_after.children_user + children_after.children_system)
            - (children_before.children_user + children_before.children_system),
        }
        end = {
            "gunicorn_worker_rss_mb": _rss_mb(web_end),
            "task_worker_rss_mb": _rss_mb(task_end),
            "load_average": [round(x, 2) for x in os.getloadavg()],
        }
        if not args.sqlite:
            end["pg_connections"] = _pg_connections(args.db_name)
    finally:
        if serve.poll() is None:
            os.killpg(serve.pid, signal.SIGTERM)
            try:
                serve.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(serve.pid, signal.SIGKILL)
                serve.wait()
        log.close()

    rows = [json.loads(line) for line in samples_path.read_text(encoding="utf-8").splitlines() if line]
    setup_rows = [row for row in rows if row["g"].startswith("setup:")]
    measured = [row for row in rows if not row["g"].startswith("setup:")]
    warm = [row for row in measured if row.get("w")]
    groups = sorted({row["g"] for row in warm})
    pages = [row for row in warm if row["g"].startswith("page:")]
    api = [row for row in warm if row["g"].startswith("api:")]
    writes = [row for row in warm if row["g"].startswith("write:")]  # reported, not under the read budgets
    by_group = {group: _summary([row for row in warm if row["g"] == group]) for group in groups}
    budgets = {
        "pages_p95_under_300ms": bool(pages)
        and all(s["p95_ms"] < PAGE_P95_MS for g, s in by_group.items() if g.startswith("page:")),
        "api_reads_p95_under_150ms": bool(api)
        and all(s["p95_ms"] < API_P95_MS for g, s in by_group.items() if g.startswith("api:")),
        "zero_errors": not any(not row["ok"] for row in rows),
    }
    report = {
        "benchmark": "load" if not args.soak else "soak",
        "database": "sqlite" if args.sqlite else "postgresql",
        "data": "national (kerjasama demo --scale national --years 10)"
        if args.national
        else "demo (kerjasama setup)",
        "cpu_cores": os.cpu_count(),
        "users": args.users,
        "spawn_rate": args.spawn_rate,
        "minutes": minutes,
        "think_time_s": args.wait
        or {persona.name: list(persona.think_s) for persona in _personas()},
        "max_requests": args.max_requests or None,
        "gunicorn_workers": 2,
        "task_workers": 1,
        "timings": timings,
        "requests": len(rows),
        "requests_per_s": round(len(measured) / timings["run_s"], 1) if timings.get("run_s") else None,
        "warmup": _summary([row for row in measured if not row.get("w")]),
        "setup_requests": _summary(setup_rows),
        "pages": _summary(pages),
        "api": _summary(api),
        "writes": _summary(writes),
        "groups": by_group,
        "budgets": budgets,
        "cpu_seconds": {key: round(value, 1) for key, value in cpu.items()},
        "start": start,
        "end": end,
        "locust_exit": result.returncode,
    }
    print(json.dumps(report, indent=2))
    if not args.keep:
        if not args.sqlite:
            _psql(f'DROP DATABASE IF EXISTS "{args.db_name}" WITH (FORCE)')
        if not args.var_dir and not args.samples:
            shutil.rmtree(var_dir, ignore_errors=True)
    raise SystemExit(0 if all(budgets.values()) else 1)


if __name__ == "__main__":
    main()

"""``kerjasama serve``: serve Kerjasama with gunicorn (static files through whitenoise), with one task worker
beside it, so that a single command runs a complete installation (``make run``)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from typing import Any, TextIO

from django.conf import settings
from django.db import connections

from kerjasama.core.commands import KerjasamaCommand
from kerjasama.core.tasks import worker_kind

#: Seconds a worker gets to finish its current task after SIGTERM before it is killed.
WORKER_STOP_TIMEOUT_S = 30
#: Restart delays after a worker ended on its own: doubled each time, up to the last value.
WORKER_RESTART_DELAYS_S = (1, 2, 5, 10, 30, 60)


class WorkerProcess:
    """``kerjasama worker`` as a child of the server: restarted if it ends on its own, stopped with the server.

    The child runs in its own process group, so Ctrl+C in a terminal reaches only the server, which then stops
    the worker with one SIGTERM (the worker finishes its current task). If the server is killed outright, the
    kernel sends the worker SIGTERM (``kerjasama worker --parent-pid``, Linux's parent-death signal).
    """

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.parent_pid = os.getpid()
        self.process: subprocess.Popen[bytes] | None = None
        self._stopping = threading.Event()
        self._watcher: threading.Thread | None = None

    def start(self) -> None:
        self.process = self._spawn()
        # Linux ties the parent-death signal to the thread that started the child: the main thread here, the
        # watcher for a restarted child; both live as long as the server.
        self._watcher = threading.Thread(target=self._watch, name="kerjasama-worker-watch", daemon=True)
        self._watcher.start()

    def _spawn(self) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(  # noqa: S603  # our own interpreter and fixed arguments
            [sys.executable, "-m", "kerjasama.cli", "worker", "--parent-pid", str(self.parent_pid)],
            stdin=subprocess.DEVNULL,
            process_group=0,
        )
        self._say(f"Pekerja tugas / task worker: pid {process.pid}")
        return process

    def _watch(self) -> None:
        failures = 0
        while not self._stopping.is_set():
            process = self.process
            assert process is not None
            code = process.wait()
            if self._stopping.is_set():
                return
            delay = WORKER_RESTART_DELAYS_S[min(failures, len(WORKER_RESTART_DELAYS_S) - 1)]
            failures += 1
            self._say(
                f"Pekerja tugas berhenti (kode {code}); dimulai lagi dalam {delay} dtk / "
                f"the task worker ended (exit {code}); restarting in {delay} s"
            )
            if self._stopping.wait(delay):
                return
            self.process = self._spawn()

    def stop(self) -> None:
        """SIGTERM, wait for the current task, then SIGKILL; only from the process that started the worker
        (gunicorn's own worker processes are forks of it and must not touch the task worker)."""
        if os.getpid() != self.parent_pid or self._stopping.is_set():
            return
        self._stopping.set()
        process = self.process
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=WORKER_STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._watcher is not None:
            self._watcher.join(timeout=5)

    def _say(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()


class Command(KerjasamaCommand):
    help = (
        "Jalankan server / Serve Kerjasama with gunicorn on HOST:PORT (default 127.0.0.1:8000), with one "
        "background task worker beside it (stopped with the server) unless --no-worker or the task backend "
        "is 'immediate'. Run `kerjasama setup` first."
    )

    def add_command_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
        parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2)")
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="start no task worker (when `kerjasama worker` runs elsewhere, e.g. as its own service)",
        )

    def run(self, *args: Any, **options: Any) -> None:
        from django.core.wsgi import get_wsgi_application
        from gunicorn.app.base import BaseApplication

        from kerjasama.core.bootstrap import demo_notices
        from kerjasama.core.runtime import freeze_startup_heap

        application = get_wsgi_application()

        host, port = options["host"], options["port"]
        if not 0 < port < 65536:
            self.fail("serve.bad_port", f"Port tidak sah: {port}.", f"Invalid port: {port}.")

        class App(BaseApplication):
            def load_config(self) -> None:
                self.cfg.set("bind", f"{host}:{port}")
                self.cfg.set("workers", options["workers"])
                self.cfg.set("accesslog", "-")
                self.cfg.set("timeout", 120)

            def load(self) -> Any:
                return application

        self.stdout.write(f"Kerjasama: http://{host}:{port}/  (Ctrl+C untuk berhenti / to stop)")
        if settings.KERJASAMA_LOAD_DEMO:
            for notice in demo_notices():
                self.stdout.write(notice)
        self.stdout.flush()
        worker = None
        if not options["no_worker"] and worker_kind() is not None:
            worker = WorkerProcess(sys.stdout)
            worker.start()
        # gunicorn forks its workers from this process: a database connection opened here (the
        # installation check, the demo notice) would be inherited by every worker and used by several
        # processes at once, which PostgreSQL answers with "lost synchronization with server" (seen as 500s
        # under load). Each worker opens its own connection on its first request.
        connections.close_all()
        freeze_startup_heap()  # before gunicorn forks: every worker inherits the frozen start-up heap
        try:
            App().run()
        finally:
            if worker is not None:
                worker.stop()

"""``kerjasama worker``: run the background tasks of the configured task backend (house rule 9)."""

from __future__ import annotations

import argparse
import ctypes
import os
import signal
import sys
from typing import Any

import django_rq
from django.core.management import call_command
from redis.exceptions import RedisError

from kerjasama.core.commands import KerjasamaCommand
from kerjasama.core.errors import KerjasamaError
from kerjasama.core.runtime import freeze_startup_heap
from kerjasama.core.tasks import task_queues, worker_kind

#: prctl(2) option: the signal the kernel sends this process when its parent ends (Linux).
PR_SET_PDEATHSIG = 1


class QueueUnavailable(KerjasamaError):
    """The task queue's store (Redis) does not answer: not bad input, the service is down."""

    http_status = 503
    exit_code = 1


def stop_with_parent(parent_pid: int) -> None:
    """Ask the kernel to send SIGTERM when the parent (``kerjasama serve``) ends, even by SIGKILL (Linux);
    exit at once if the parent is already gone."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent_pid:
        raise SystemExit(0)


class Command(KerjasamaCommand):
    help = (
        "Jalankan pekerja tugas latar / Run the background task worker of the configured backend "
        "(KERJASAMA_TASK_BACKEND): database (default; a table in the same database) or rq (Redis at REDIS_URL). "
        "`kerjasama serve` starts one beside the web server; run more for more throughput. --burst works what "
        "is ready, then exits (tests, cron)."
    )

    def add_command_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--burst", action="store_true", help="work the tasks that are ready, then exit (tests, cron)"
        )
        parser.add_argument(
            "--queue",
            action="append",
            metavar="NAME",
            help="work only this queue (repeatable; default: every configured queue)",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="database backend: seconds to wait between looks at an empty queue (default 1)",
        )
        # Hidden: `kerjasama serve` passes its pid so that the worker ends with it.
        parser.add_argument("--parent-pid", type=int, help=argparse.SUPPRESS)

    def run(self, *args: Any, **options: Any) -> None:
        kind = worker_kind()
        if kind is None:
            self.fail(
                "tasks.no_worker",
                "Backend tugas 'immediate' menjalankan tugas langsung di pemanggilnya; tidak ada yang perlu "
                "dikerjakan pekerja. Setel KERJASAMA_TASK_BACKEND=database atau rq.",
                "The 'immediate' task backend runs tasks in the caller; there is nothing for a worker to do. "
                "Set KERJASAMA_TASK_BACKEND=database or rq.",
            )
            return
        queues = self._queues(options["queue"])
        if options["interval"] < 0:
            self.fail(
                "tasks.bad_interval", "Interval tidak boleh negatif.", "The interval must not be negative."
            )
        if options["parent_pid"]:
            stop_with_parent(options["parent_pid"])
        verbosity = options["verbosity"]
        if verbosity:
            self.stdout.write(
                f"Pekerja tugas / task worker: backend {kind}, antrean / queues {', '.join(queues)}"
                + (" (burst)" if options["burst"] else "")
            )
            self.stdout.flush()
        freeze_startup_heap()  # long-lived: no full collection rescans the start-up heap mid-task
        if kind == "database":
            call_command(
                "db_worker",
                queue_name=",".join(queues),
                batch=options["burst"],
                interval=options["interval"],
                reload=False,
                startup_delay=not options["burst"],
                verbosity=verbosity,
                stdout=self.stdout,
                stderr=self.stderr,
            )
        else:
            self._check_redis(queues[0])
            call_command(
                "rqworker",
                *queues,
                job_class="django_tasks_rq.Job",
                burst=options["burst"],
                with_scheduler=not options["burst"],
                verbosity=verbosity,
            )

    def _queues(self, chosen: list[str] | None) -> list[str]:
        configured = task_queues()
        wanted = list(dict.fromkeys(name for value in chosen or [] for name in value.split(",") if name))
        unknown = [name for name in wanted if name not in configured]
        if unknown:
            self.fail(
                "tasks.unknown_queue",
                f"Antrean tidak dikenal: {', '.join(unknown)}. Yang ada: {', '.join(configured)}.",
                f"Unknown queue: {', '.join(unknown)}. Configured: {', '.join(configured)}.",
            )
        return wanted or configured

    def _check_redis(self, queue: str) -> None:
        try:
            django_rq.get_connection(queue).ping()
        except RedisError as exc:
            raise QueueUnavailable(
                "tasks.redis_unavailable",
                f"Redis tidak menjawab ({exc}). Periksa REDIS_URL dan apakah redis-server berjalan.",
                f"Redis does not answer ({exc}). Check REDIS_URL and that redis-server is running.",
            ) from None

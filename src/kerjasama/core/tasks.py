"""Background work (house rule 9): which worker the configured backend needs, the registry of periodic
tasks, and core's own housekeeping task.

Tasks are Django's tasks API through the ``django-tasks`` backport (``from django_tasks import task``).
Apps declare what runs on a schedule in their own ``tasks.py``; core imports no domain app, it only finds
what the apps register::

    @periodic("mapping.refresh", every="hourly")
    @task(queue_name="mapping")
    def refresh_recommendations() -> int: ...

``kerjasama schedule`` (from cron or a systemd timer) discovers every installed app's ``tasks`` module and
enqueues the periodic tasks of a cadence; ``kerjasama worker`` (started by ``kerjasama serve``) runs them.
A periodic task takes no arguments and is idempotent: enqueued twice, it does its work once.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Literal, ParamSpec, TypeVar

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django_tasks import TaskResult, task, task_backends
from django_tasks.base import Task
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult
from django_tasks_rq import RQBackend

from kerjasama.core.errors import KerjasamaError

P = ParamSpec("P")
T = TypeVar("T")

Cadence = Literal["hourly", "daily"]
CADENCES: tuple[Cadence, ...] = ("hourly", "daily")
WorkerKind = Literal["database", "rq"]


def worker_kind(alias: str = "default") -> WorkerKind | None:
    """Which worker the task backend ``alias`` needs: ``database``, ``rq``, or None when tasks run in the
    caller (the immediate backend of the tests) and there is nothing for a worker to do."""
    backend = task_backends[alias]
    if isinstance(backend, DatabaseBackend):
        return "database"
    if isinstance(backend, RQBackend):
        return "rq"
    return None


def task_queues(alias: str = "default") -> list[str]:
    """The queues of the task backend ``alias``, in the order settings list them."""
    return list(settings.TASKS[alias].get("QUEUES") or [])


@dataclass(frozen=True)
class PeriodicTask:
    """A task that ``kerjasama schedule`` enqueues at its cadence."""

    name: str
    task: Task[..., Any]
    every: Cadence
    description: str

    @property
    def path(self) -> str:
        return self.task.module_path

    @property
    def queue_name(self) -> str:
        return self.task.queue_name

    def as_dict(self) -> dict[str, str]:
        return {
            "name": self.name,
            "every": self.every,
            "task": self.path,
            "queue": self.queue_name,
            "description": self.description,
        }


_registry: dict[str, PeriodicTask] = {}


def periodic(
    name: str, *, every: Cadence, description: str | None = None
) -> Callable[[Task[P, T]], Task[P, T]]:
    """Declare a task (made with ``@task``, below this decorator) as periodic under a stable ``name``.

    The task must take no required argument. ``description`` defaults to the first line of its docstring.
    """
    if every not in CADENCES:
        raise ImproperlyConfigured(f"@periodic({name!r}): every={every!r}, expected one of {CADENCES}")

    def register(declared: Task[P, T]) -> Task[P, T]:
        if not isinstance(declared, Task):
            raise ImproperlyConfigured(f"@periodic({name!r}) must decorate a task: put it above @task")
        required = [
            p.name
            for p in inspect.signature(declared.func).parameters.values()
            if p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        ]
        if required:
            raise ImproperlyConfigured(f"periodic task {name!r} must take no arguments, it needs {required}")
        existing = _registry.get(name)
        if existing is not None and existing.path != declared.module_path:
            raise ImproperlyConfigured(
                f"periodic task {name!r} is declared twice: {existing.path} and {declared.module_path}"
            )
        doc = (inspect.getdoc(declared.func) or name).strip().splitlines()[0]
        _registry[name] = PeriodicTask(name=name, task=declared, every=every, description=description or doc)
        return declared

    return register


def periodic_tasks(*, every: Cadence | None = None, only: Iterable[str] | None = None) -> list[PeriodicTask]:
    """Every periodic task the installed apps declare (their ``tasks`` modules are imported first), by
    name; ``every`` keeps one cadence, ``only`` the named ones (an unknown name is an error)."""
    autodiscover_modules("tasks")
    found = sorted(_registry.values(), key=lambda p: p.name)
    wanted = set(only or ())
    unknown = sorted(wanted - {p.name for p in found})
    if unknown:
        known = ", ".join(p.name for p in found)
        raise KerjasamaError(
            "tasks.unknown_periodic",
            f"Tugas berkala tidak dikenal: {', '.join(unknown)}. Yang ada: {known}.",
            f"Unknown periodic task: {', '.join(unknown)}. Known: {known}.",
        )
    return [p for p in found if (every is None or p.every == every) and (not wanted or p.name in wanted)]


def enqueue_periodic(
    *, every: Cadence | None = None, only: Iterable[str] | None = None
) -> list[tuple[PeriodicTask, TaskResult[Any]]]:
    """Enqueue the periodic tasks selected as in :func:`periodic_tasks`; returns each with its result."""
    return [(p, p.task.enqueue()) for p in periodic_tasks(every=every, only=only)]


@periodic("tasks.prune_results", every="daily")
@task()
def prune_task_results() -> int:
    """Delete finished task results older than KERJASAMA_TASK_RESULT_DAYS days (database backend)."""
    cutoff = timezone.now() - timedelta(days=settings.KERJASAMA_TASK_RESULT_DAYS)
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lte=cutoff).delete()
    return deleted

"""Bootstrap per app: each ``AppConfig`` loads its own reference data and, separately, its own demo data.

Core knows no domain app. It asks every installed app, in ``INSTALLED_APPS`` order, for the hooks below and
calls those it finds; ``kerjasama setup`` and the test database (the root ``conftest.py``) both go through
here, so the load sequence is written once, each part in the app that owns the data.

An app's ``AppConfig`` may define:

``load_reference_data(self, *, actor) -> str | None``
    The national master data the app owns (regions, affairs, ...). Idempotent: a second run changes nothing
    and writes no audit event. Returns a one-line bilingual summary (or None).
``load_demo_data(self, *, actor) -> str | None``
    Its example data (every record marked as such). Idempotent too; returns a summary line (or None).
``demo_notice(self) -> str | None``
    What the operator should read once the demo is loaded (the demo logins); printed after every app's
    demo data, and by ``kerjasama serve``.
``bootstrap_after: tuple[str, ...]``
    Labels of apps whose data this app's loaders read (``mapping``'s indicators speak to ``affairs``); an app
    moves after them if ``INSTALLED_APPS`` lists it earlier. Otherwise the order is ``INSTALLED_APPS``.

The hooks import the app's services inside the method: ``apps.py`` is imported while Django populates the
app registry, before any model may be imported.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, runtime_checkable

from django.apps import AppConfig, apps
from django.core.exceptions import ImproperlyConfigured

from kerjasama.core.actors import Actor


@runtime_checkable
class ReferenceDataLoader(Protocol):
    def load_reference_data(self, *, actor: Actor) -> str | None: ...


@runtime_checkable
class DemoDataLoader(Protocol):
    def load_demo_data(self, *, actor: Actor) -> str | None: ...


@runtime_checkable
class DemoNotice(Protocol):
    def demo_notice(self) -> str | None: ...


def bootstrap_order(configs: Iterable[AppConfig] | None = None) -> list[AppConfig]:
    """The app configs in ``INSTALLED_APPS`` order, each moved after the apps its ``bootstrap_after`` names.

    Among the apps that are ready, the one listed first in ``INSTALLED_APPS`` goes first, so the order only
    changes where a dependency demands it. Raises ``ImproperlyConfigured`` for an unknown label or a cycle.
    """
    pending = list(apps.get_app_configs() if configs is None else configs)
    labels = {c.label for c in pending}
    needs: dict[str, set[str]] = {}
    for config in pending:
        after = set(getattr(config, "bootstrap_after", ()))
        unknown = sorted(after - labels)
        if unknown:
            raise ImproperlyConfigured(
                f"{config.label}.bootstrap_after names apps that are not installed: {', '.join(unknown)}"
            )
        needs[config.label] = after
    done: set[str] = set()
    ordered: list[AppConfig] = []
    while pending:
        ready = next((c for c in pending if needs[c.label] <= done), None)
        if ready is None:
            cycle = ", ".join(c.label for c in pending)
            raise ImproperlyConfigured(f"bootstrap_after forms a cycle among: {cycle}")
        pending.remove(ready)
        ordered.append(ready)
        done.add(ready.label)
    return ordered


def _only(configs: list[AppConfig], only: Sequence[str] | None) -> list[AppConfig]:
    if only is None:
        return configs
    unknown = sorted(set(only) - {c.label for c in configs})
    if unknown:
        raise ImproperlyConfigured(f"no installed app with the label(s): {', '.join(unknown)}")
    return [c for c in configs if c.label in only]


def load_reference_data(*, actor: Actor, only: Sequence[str] | None = None) -> list[str]:
    """Run every app's ``load_reference_data`` in bootstrap order (or only those of the ``only`` labels);
    returns their summary lines."""
    summaries: list[str] = []
    for config in _only(bootstrap_order(), only):
        if isinstance(config, ReferenceDataLoader):
            summary = config.load_reference_data(actor=actor)
            if summary:
                summaries.append(summary)
    return summaries


def load_demo_data(*, actor: Actor, only: Sequence[str] | None = None) -> list[str]:
    """Run every app's ``load_demo_data`` in bootstrap order (or only those of the ``only`` labels);
    returns their summary lines. Call it after ``load_reference_data``."""
    summaries: list[str] = []
    for config in _only(bootstrap_order(), only):
        if isinstance(config, DemoDataLoader):
            summary = config.load_demo_data(actor=actor)
            if summary:
                summaries.append(summary)
    return summaries


def demo_notices() -> list[str]:
    """Every app's ``demo_notice`` (the demo logins), in bootstrap order."""
    notices: list[str] = []
    for config in bootstrap_order():
        if isinstance(config, DemoNotice):
            notice = config.demo_notice()
            if notice:
                notices.append(notice)
    return notices

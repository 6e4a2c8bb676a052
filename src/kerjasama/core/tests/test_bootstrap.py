"""Bootstrap per app: ``kerjasama setup`` and the test database loop over the apps' own loaders."""

from __future__ import annotations

from io import StringIO
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from kerjasama.core import bootstrap
from kerjasama.core.actors import SYSTEM
from kerjasama.core.models import AuditEvent


def _labels(configs: list[Any]) -> list[str]:
    return [c.label for c in configs]


def test_it_orders_every_app_after_the_apps_its_loaders_read() -> None:
    order = _labels(bootstrap.bootstrap_order())
    assert order[0] == "admin"  # otherwise INSTALLED_APPS order
    assert order.index("core") < order.index("accounts") < order.index("regions") < order.index("affairs")
    assert order.index("regions") < order.index("mapping") and order.index("affairs") < order.index("mapping")


def test_it_keeps_installed_apps_order_where_nothing_depends() -> None:
    a, b, c = (SimpleNamespace(label=x) for x in "abc")
    assert _labels(bootstrap.bootstrap_order([a, b, c])) == ["a", "b", "c"]  # type: ignore[list-item]
    first = SimpleNamespace(label="first", bootstrap_after=("third",))
    second, third = SimpleNamespace(label="second"), SimpleNamespace(label="third")
    assert _labels(bootstrap.bootstrap_order([first, second, third])) == [  # type: ignore[list-item]
        "second",
        "third",
        "first",
    ]


def test_it_refuses_an_unknown_label_or_a_cycle_in_bootstrap_after() -> None:
    lonely = SimpleNamespace(label="lonely", bootstrap_after=("missing",))
    with pytest.raises(ImproperlyConfigured, match="missing"):
        bootstrap.bootstrap_order([lonely])  # type: ignore[list-item]
    egg = SimpleNamespace(label="egg", bootstrap_after=("hen",))
    hen = SimpleNamespace(label="hen", bootstrap_after=("egg",))
    with pytest.raises(ImproperlyConfigured, match="cycle"):
        bootstrap.bootstrap_order([egg, hen])  # type: ignore[list-item]


def test_it_refuses_an_unknown_app_label_in_only() -> None:
    with pytest.raises(ImproperlyConfigured, match="nosuchapp"):
        bootstrap.load_demo_data(actor=SYSTEM, only=("nosuchapp",))


@pytest.mark.django_db
def test_it_runs_setup_a_second_time_without_changing_anything_or_writing_audit_events() -> None:
    events = AuditEvent.objects.count()
    out = StringIO()
    call_command("setup", "--no-static", "--no-demo", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 1, lines  # one summary line of every app's reference data, as before
    segments = [s.split(":")[0] for s in lines[0].split("; ")]
    assert segments == [
        "Wilayah / regions",
        "ketetanggaan / adjacency",
        "kawasan fungsional / functional areas",
        "Pemda",
        "urusan / affairs",
        "nomenklatur perencanaan / planning nomenclature",
        "indikator / indicators",
    ]
    assert "regions: +0 ~0 =552" in lines[0] and "Pemda: +0" in lines[0] and "affairs: +0" in lines[0]
    assert "planning nomenclature: +0" in lines[0]
    assert "tidak berubah / unchanged" in lines[0] and "indicators: 0 diperbarui" in lines[0]
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_it_loads_the_demo_users_again_without_changes_and_prints_their_logins() -> None:
    events = AuditEvent.objects.count()
    assert bootstrap.load_demo_data(actor=SYSTEM, only=("accounts",)) == []
    assert AuditEvent.objects.count() == events
    (notice,) = bootstrap.demo_notices()
    assert "Demo logins" in notice and "operator.yogya" in notice and "tkksd.yogya" in notice

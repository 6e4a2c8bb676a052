"""House rule 1: the rulebook never imports Django (nor any other kerjasama package), even indirectly."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import kerjasama.rulebook

SRC = Path(kerjasama.rulebook.__file__).resolve().parents[2]


def _modules() -> list[str]:
    names = ["kerjasama.rulebook"]
    for info in pkgutil.walk_packages(kerjasama.rulebook.__path__, "kerjasama.rulebook."):
        if ".tests" not in info.name:
            names.append(info.name)
    return names


def test_it_imports_every_submodule_without_django_or_other_apps() -> None:
    modules = _modules()
    assert {
        "kerjasama.rulebook.plan",
        "kerjasama.rulebook.stages",
        "kerjasama.rulebook.rules.closing",
    } <= set(modules)
    code = (
        f"import {', '.join(modules)}; import sys; "
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.') "
        "or (m.startswith('kerjasama.') and not m.startswith('kerjasama.rulebook'))]; "
        "assert not bad, bad"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    completed = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr

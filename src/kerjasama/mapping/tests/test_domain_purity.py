"""House rule 1: mapping/domain never imports Django (nor any kerjasama package but the rulebook), even
indirectly; checked in a fresh interpreter so nothing imported by the test run can hide an import."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import kerjasama.mapping.domain

SRC = Path(kerjasama.mapping.domain.__file__).resolve().parents[3]


def _modules() -> list[str]:
    names = ["kerjasama.mapping.domain"]
    for info in pkgutil.walk_packages(kerjasama.mapping.domain.__path__, "kerjasama.mapping.domain."):
        names.append(info.name)
    return names


def test_it_imports_every_domain_module_without_django_or_other_apps() -> None:
    modules = _modules()
    assert {"kerjasama.mapping.domain.engine", "kerjasama.mapping.domain.inputs"} <= set(modules)
    allowed = ("kerjasama.rulebook", "kerjasama.mapping.domain")
    code = (
        f"import {', '.join(modules)}; import sys; "
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.') "
        "or (m.startswith('kerjasama.') and m != 'kerjasama.mapping' "
        f"and not m.startswith({allowed!r}))]; "
        "assert not bad, bad"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    completed = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr

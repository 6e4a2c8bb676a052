"""The "never" rules of the dependency graph (docs/architecture.md), read from the source with ``ast``.

Every ``import`` counts, wherever it stands: at the top of a module, inside a function (an import written
there to dodge a cycle is still a dependency) or under ``if TYPE_CHECKING``. Migrations and tests are not
checked. Settings that name apps as strings (``INSTALLED_APPS``, ``ROOT_URLCONF``) are not imports.

1. ``core`` imports no other app: only ``kerjasama.core`` and ``kerjasama.rulebook``.
2. ``rulebook`` imports no Django (nor a Django package) and no other kerjasama package.
3. Every ``<app>/domain/`` package imports no Django and no other app: only its own ``domain``, the rulebook
   and core's pure modules (``PURE_CORE_MODULES``, which obey the same rule).
4. No app below the top imports ``kerjasama.portal`` or ``kerjasama.api``.

Beyond the "never" rules, every import between apps points down the layers of ``LAYERS`` (an app may import
the apps of lower layers, and within its layer only the edges of ``SAME_LAYER``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import kerjasama

PACKAGE_ROOT = Path(kerjasama.__file__).resolve().parent
#: Core modules with no Django import that pure code may use (``KerjasamaError`` and ``ErrorDetail``; the
#: zip-directory check of uploads).
PURE_CORE_MODULES = ("kerjasama.core.errors", "kerjasama.core.archives")
#: Top-level packages that are Django or need it.
DJANGO_PACKAGES = ("django", "ninja", "rules", "simple_history", "template_partials", "storages", "rq")
#: The apps on top, which may import everything below them.
TOP_APPS = ("portal", "api")
#: The layers of docs/architecture.md, bottom first.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("rulebook",),
    ("core",),
    ("accounts",),
    # The planning nomenclature (issue 15 item 7) is reference data like the regions and affairs.
    ("regions", "affairs", "planning"),
    ("compliance", "notifications", "documents", "mapping"),
    # Electronic signing behind a Signer (issue 15 item 4): stores signed PDFs like documents, verifies publicly.
    ("signing",),
    # The TKKSD serves the mapping (it verifies identifications) and, above it, the agreements.
    ("tkksd",),
    ("agreements",),
    # Monitoring and evaluation of agreements in force (issue 11).
    ("monev",),
    # The lifecycle of an agreement in force calls the agreements' services (propose, end).
    ("lifecycle",),
    # The obligations of agreements in force (issue 11, item 1) read and notify the agreements' parties.
    ("obligations",),
    # Deadlines read the agreements (and whatever sources other apps register) and notify.
    ("deadlines",),
    # The disputes and their early warning (issue 12) read the agreements and what happens to them.
    ("disputes",),
    # The periodic report upward (issue 11, item 7) reads agreements, monev, lifecycle and obligations.
    ("reports",),
    # Public oversight (issue 13): publication consent and the public register read every record below.
    ("oversight",),
    # Official letters (issue 15): drafted from an agreement's record, numbered per unit and year.
    ("letters",),
    # Personal data (issue 15 item 9, UU 27/2022): reads the letters' retention classes and every app's
    # personal fields (the register, retention, access exports).
    ("privacy",),
    TOP_APPS,
)
#: Imports allowed inside one layer: the mapping reads the rulebook through its adapter and notifies.
SAME_LAYER = {("mapping", "compliance"), ("mapping", "notifications")}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(source: str, module: str, *, is_package: bool = False) -> Iterator[tuple[str, int]]:
    """Every module ``source`` imports, with its line; ``from a import b`` yields ``a`` and ``a.b`` (``b`` may be
    a module). Relative imports are resolved against ``module``."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            yield base, node.lineno
            for alias in node.names:
                if alias.name != "*":
                    yield f"{base}.{alias.name}", node.lineno


def checked_files(under: Path) -> Iterator[Path]:
    for path in sorted(under.rglob("*.py")):
        parts = path.relative_to(PACKAGE_ROOT).parts
        if "migrations" in parts or "tests" in parts:
            continue
        yield path


def imports_of(path: Path) -> Iterator[tuple[str, str, int]]:
    """(importing module, imported module, line) for one file."""
    module = module_name(path)
    for target, line in imported_modules(
        path.read_text(encoding="utf-8"), module, is_package=path.name == "__init__.py"
    ):
        yield module, target, line


def within(name: str, *prefixes: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def is_django(name: str) -> bool:
    top = name.split(".")[0]
    return top in DJANGO_PACKAGES or top.startswith("django_")


def app_packages() -> list[str]:
    return sorted(p.name for p in PACKAGE_ROOT.iterdir() if (p / "__init__.py").is_file())


def domain_packages() -> list[Path]:
    return sorted(p for p in PACKAGE_ROOT.glob("*/domain") if (p / "__init__.py").is_file())


def report(violations: list[str]) -> str:
    return "dependency rule broken (module:line imports target):\n  " + "\n  ".join(violations)


# --- the rules -------------------------------------------------------------------------------------------------


def test_it_keeps_core_free_of_domain_apps() -> None:
    violations = [
        f"{module}:{line} imports {target}"
        for path in checked_files(PACKAGE_ROOT / "core")
        for module, target, line in imports_of(path)
        if within(target, "kerjasama")
        and target != "kerjasama"
        and not within(target, "kerjasama.core", "kerjasama.rulebook")
    ]
    assert not violations, report(violations)


def test_it_keeps_the_rulebook_free_of_django_and_other_apps() -> None:
    violations = [
        f"{module}:{line} imports {target}"
        for path in checked_files(PACKAGE_ROOT / "rulebook")
        for module, target, line in imports_of(path)
        if is_django(target) or (within(target, "kerjasama") and not within(target, "kerjasama.rulebook"))
        if target != "kerjasama"
    ]
    assert not violations, report(violations)


def test_it_keeps_every_domain_package_free_of_django_and_other_apps() -> None:
    packages = domain_packages()
    assert {p.parent.name for p in packages} >= {"affairs", "mapping", "regions"}
    violations: list[str] = []
    for package in packages:
        own = f"kerjasama.{package.parent.name}.domain"
        for path in checked_files(package):
            for module, target, line in imports_of(path):
                if target == "kerjasama":
                    continue
                if is_django(target) or (
                    within(target, "kerjasama")
                    and not within(target, own, "kerjasama.rulebook", *PURE_CORE_MODULES)
                ):
                    violations.append(f"{module}:{line} imports {target}")
    for pure in PURE_CORE_MODULES:
        path = PACKAGE_ROOT.parent.joinpath(*pure.split(".")).with_suffix(".py")
        for module, target, line in imports_of(path):
            if is_django(target) or (within(target, "kerjasama") and not within(target, *PURE_CORE_MODULES)):
                violations.append(f"{module}:{line} imports {target} (a pure core module)")
    assert not violations, report(violations)


def test_it_keeps_domain_apps_from_importing_the_portal_or_the_api() -> None:
    below = [name for name in app_packages() if name not in TOP_APPS]
    assert {"core", "accounts", "regions", "affairs", "compliance", "mapping"} <= set(below)
    violations = [
        f"{module}:{line} imports {target}"
        for name in below
        for path in checked_files(PACKAGE_ROOT / name)
        for module, target, line in imports_of(path)
        if within(target, *(f"kerjasama.{top}" for top in TOP_APPS))
    ]
    assert not violations, report(violations)


def test_it_keeps_every_import_between_apps_pointing_down_the_layers() -> None:
    layer_of = {app: n for n, layer in enumerate(LAYERS) for app in layer}
    assert set(app_packages()) == set(layer_of), "every app has a layer in LAYERS and docs/architecture.md"
    violations = [
        f"{module}:{line} imports {target} ({app}, layer {layer_of[app]} -> {other}, layer {layer_of[other]})"
        for app in app_packages()
        for path in checked_files(PACKAGE_ROOT / app)
        for module, target, line in imports_of(path)
        if within(target, "kerjasama") and target != "kerjasama"
        for other in [target.split(".")[1]]
        if other in layer_of and other != app
        if layer_of[other] > layer_of[app]
        or (layer_of[other] == layer_of[app] and (app, other) not in SAME_LAYER)
    ]
    assert not violations, report(violations)


# --- the scanner itself ------------------------------------------------------------------------------------------


def test_it_sees_function_local_type_checking_and_relative_imports() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from django.db import models\n"
        "def f():\n"
        "    from kerjasama.api.api import api\n"
        "    import kerjasama.portal.views\n"
        "from . import choices\n"
        "from ..accounts import policy\n"
    )
    found = set(imported_modules(source, "kerjasama.mapping.services"))
    assert ("django.db.models", 3) in found
    assert ("kerjasama.api.api", 5) in found and ("kerjasama.portal.views", 6) in found
    assert ("kerjasama.mapping.choices", 7) in found
    assert ("kerjasama.accounts.policy", 8) in found
    assert is_django("django.db") and is_django("django_tasks") and not is_django("holidays")
    assert within("kerjasama.core.errors", *PURE_CORE_MODULES) and not within(
        "kerjasama.core", "kerjasama.core.errors"
    )


def test_it_resolves_relative_imports_inside_a_package_init() -> None:
    found = set(
        imported_modules("from .engine import recommend\n", "kerjasama.mapping.domain", is_package=True)
    )
    assert ("kerjasama.mapping.domain.engine", 1) in found

"""One name per class: a Django model and a pure domain value never share a name (domain values end in ``Fact``).

Module-level classes only (nested ``Meta``/``Config`` classes and classes defined inside functions are
Django's or local); migrations and tests are not checked; every management command is a ``Command`` by
Django's rule.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from kerjasama.core.tests.test_dependency_rules import PACKAGE_ROOT, checked_files, module_name


def module_classes(tree: ast.Module) -> Iterator[ast.ClassDef]:
    """Classes at module level, including those under a module-level ``if``/``try``."""
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop(0)
        if isinstance(node, ast.ClassDef):
            yield node
        elif isinstance(node, ast.If | ast.Try):
            pending.extend(node.body + node.orelse)
            if isinstance(node, ast.Try):
                pending.extend(node.finalbody)
                for handler in node.handlers:
                    pending.extend(handler.body)


def class_names(paths: list[Path]) -> dict[str, list[str]]:
    where: dict[str, list[str]] = defaultdict(list)
    for path in paths:
        is_command = path.parent.name == "commands" and path.parent.parent.name == "management"
        for node in module_classes(ast.parse(path.read_text(encoding="utf-8"))):
            if is_command and node.name == "Command":
                continue
            where[node.name].append(f"{module_name(path)}:{node.lineno}")
    return where


def test_it_gives_every_class_in_kerjasama_its_own_name() -> None:
    where = class_names(list(checked_files(PACKAGE_ROOT)))
    assert {"Region", "RegionFact", "IdentificationFact", "Identification"} <= set(where)
    shared = {name: places for name, places in sorted(where.items()) if len(places) > 1}
    assert not shared, "classes that share a name (rename the pure one to end in Fact): " + "; ".join(
        f"{name} at {', '.join(places)}" for name, places in shared.items()
    )


def test_it_finds_classes_behind_module_level_conditions() -> None:
    source = (
        "class Plain: ...\n"
        "try:\n    class Tried: ...\nexcept ImportError:\n    class Fallback: ...\n"
        "if True:\n    class Conditional: ...\n"
        "class Outer:\n    class Meta: ...\n"
        "def f():\n    class Local: ...\n"
    )
    names = [c.name for c in module_classes(ast.parse(source))]
    assert sorted(names) == ["Conditional", "Fallback", "Outer", "Plain", "Tried"]

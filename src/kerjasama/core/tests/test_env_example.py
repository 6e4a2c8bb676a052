""".env.example documents every variable the settings read and every rulebook parameter."""

from __future__ import annotations

import re
from pathlib import Path

from kerjasama.rulebook import settings_reference

ROOT = Path(__file__).resolve().parents[4]


def documented() -> set[str]:
    text = (ROOT / ".env.example").read_text()
    return set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", text, re.M))


def test_it_documents_every_variable_the_settings_read() -> None:
    source = (ROOT / "src/kerjasama/core/settings.py").read_text()
    read = set(re.findall(r'env_(?:str|bool|int|float|list)\("([A-Z0-9_]+)"', source))
    assert read, "no env helper calls found"
    assert read - documented() == set()


def test_it_documents_every_rulebook_parameter() -> None:
    wanted = {f"KERJASAMA_RULEBOOK_{s['name'].upper()}" for s in settings_reference()}
    assert wanted - documented() == set()


def test_it_documents_every_mapping_weight() -> None:
    from kerjasama.mapping.domain.weights import weights_reference

    wanted = {f"KERJASAMA_MAPPING_{w['name'].upper()}" for w in weights_reference()}
    assert wanted and wanted - documented() == set()

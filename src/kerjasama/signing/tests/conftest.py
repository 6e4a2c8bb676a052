"""Fixtures of the signing tests: signed files and the fake signer's CA under a temporary directory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def signing_dirs(tmp_path: Path, settings: Any) -> Path:
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "documents"), "base_url": None},
        },
    }
    settings.KERJASAMA_SIGNER = "fake"
    settings.KERJASAMA_FAKE_SIGNER_DIR = str(tmp_path / "fake-signer")
    return tmp_path

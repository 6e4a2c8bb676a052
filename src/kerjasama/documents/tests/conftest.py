"""Fixtures of the documents tests: storage under a temporary directory, sample files, a stored document."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kerjasama.core.actors import SYSTEM
from kerjasama.documents import services
from kerjasama.documents.choices import DocumentKind
from kerjasama.documents.models import Document
from kerjasama.documents.tests.samples import YOGYA, pdf_bytes, upload
from kerjasama.regions.models import Region


@pytest.fixture(autouse=True)
def documents_dir(tmp_path: Path, settings: Any) -> Path:
    """Every test stores its documents under its own temporary directory."""
    location = tmp_path / "documents"
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(location), "base_url": None},
        },
    }
    return location


@pytest.fixture
def region(db: Any) -> Any:
    def get(code: str) -> Region:
        return Region.objects.get(code=code)

    return get


@pytest.fixture
def yogya_document(db: Any) -> Document:
    """A PKS of Kota Yogyakarta with one PDF version, uploaded by the system."""
    version = services.upload_document(
        actor=SYSTEM,
        region=Region.objects.get(code=YOGYA),
        kind=DocumentKind.PKS,
        title="PKS Pengelolaan Sampah Regional",
        upload=upload("PKS Sampah.pdf", pdf_bytes()),
    )
    return version.document

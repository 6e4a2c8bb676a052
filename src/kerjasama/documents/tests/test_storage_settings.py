"""Where documents are stored: the filesystem under var/ by default, S3 when configured; never a public URL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.core.checks import Error

from kerjasama.core import settings as project_settings
from kerjasama.documents.checks import check_document_settings

# Run in a fresh interpreter with the S3 settings; any attempt to open a network connection fails the run.
S3_PROBE = """
import json, socket
def refuse(*args, **kwargs):
    raise AssertionError(f"network access attempted: {args!r}")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
import django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
from kerjasama.documents.services import document_storage
storage = document_storage()
print(json.dumps({
    "class": f"{type(storage).__module__}.{type(storage).__qualname__}",
    "same": storage is storages["documents"],
    "bucket": storage.bucket_name,
    "endpoint": storage.endpoint_url,
    "file_overwrite": storage.file_overwrite,
    "default_acl": storage.default_acl,
    "querystring_auth": storage.querystring_auth,
    "setting": settings.KERJASAMA_DOCUMENT_STORAGE,
}))
"""


def test_it_configures_s3_storage_without_contacting_it(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kerjasama.core.settings",
        "KERJASAMA_VAR_DIR": str(tmp_path),
        "KERJASAMA_DOCUMENT_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": "ksd-dokumen",
        "AWS_S3_ENDPOINT_URL": "https://s3.contoh.go.id",
        "AWS_ACCESS_KEY_ID": "contoh",
        "AWS_SECRET_ACCESS_KEY": "contoh-rahasia",
    }
    completed = subprocess.run(
        [sys.executable, "-c", S3_PROBE], env=env, capture_output=True, text=True, check=False, timeout=120
    )
    assert completed.returncode == 0, completed.stderr
    probe = json.loads(completed.stdout.strip().splitlines()[-1])
    assert probe == {
        "class": "storages.backends.s3.S3Storage",
        "same": True,
        "bucket": "ksd-dokumen",
        "endpoint": "https://s3.contoh.go.id",
        "file_overwrite": False,
        "default_acl": None,
        "querystring_auth": True,
        "setting": "s3",
    }


def test_it_keeps_the_default_document_store_under_var_and_outside_media_and_static() -> None:
    documents: dict[str, Any] = dict(project_settings.STORAGES["documents"])
    assert documents["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    location = Path(documents["OPTIONS"]["location"]).resolve()
    assert location == Path(project_settings.VAR_DIR).resolve() / "documents"
    for public in (Path(project_settings.MEDIA_ROOT).resolve(), Path(project_settings.STATIC_ROOT).resolve()):
        assert public not in location.parents and location != public
        assert location not in public.parents


def test_it_reports_accepted_types_it_cannot_check(settings: Any) -> None:
    assert check_document_settings() == []
    settings.KERJASAMA_DOCUMENT_TYPES = ["pdf", "docx"]
    problems = check_document_settings()
    assert [p.id for p in problems] == ["documents.E001"]
    assert isinstance(problems[0], Error) and "docx" in problems[0].msg

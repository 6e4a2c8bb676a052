"""Pages of the open-data package (no login): ``/data-terbuka/`` describes it and links to each file, each file
is served at ``/data-terbuka/<name>`` (``ocds.json`` among them) and the whole package as a zip.

Nothing here builds the package: the task ``tasks.build_open_data`` writes it to storage (hourly, and after each
change of what is published); these views read its manifest and files from there, with ``Last-Modified`` and
an ``ETag`` per file (a client's conditional request is answered 304). Only when no package was ever built is it
built once, by the first request."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from kerjasama.oversight.opendata import (
    LICENSES,
    PACKAGE_NAME,
    PACKAGE_VERSION,
    SOURCES,
    TABLES,
    stored_file,
    stored_manifest,
)

ZIP_NAME = f"{PACKAGE_NAME}.zip"
CONTENT_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".jsonld": "application/ld+json; charset=utf-8",
}


def _manifest() -> dict[str, Any]:
    manifest = stored_manifest()
    assert manifest is not None  # built when missing
    return manifest


def _built_at(manifest: dict[str, Any]) -> float:
    return datetime.fromisoformat(manifest["built_at"]).timestamp()


@login_not_required
def open_data_page(request: HttpRequest) -> HttpResponse:
    """What the package holds, its licence and sources, and a link to every file (read from the manifest)."""
    manifest = _manifest()
    tables = [
        {
            "name": name,
            "title": table["title"],
            "fields": table["fields"],
            "rows": manifest["rows"].get(name, 0),
        }
        for name, table in TABLES.items()
    ]
    answer = render(
        request,
        "oversight/open_data.html",
        {
            "tables": tables,
            "descriptor": manifest["descriptor"],
            "licenses": LICENSES,
            "sources": SOURCES,
            "version": PACKAGE_VERSION,
            "zip_name": ZIP_NAME,
            "example": manifest["example"],
        },
    )
    answer["Last-Modified"] = http_date(_built_at(manifest))
    return answer


def _stored(request: HttpRequest, name: str, content_type: str, disposition: str) -> HttpResponse:
    manifest = _manifest()
    entry = manifest["files"].get(name)
    if entry is None:
        raise Http404
    etag, modified = f'"{entry["etag"]}"', _built_at(manifest)
    answer = get_conditional_response(request, etag=etag, last_modified=int(modified))
    if answer is None:
        answer = HttpResponse(stored_file(manifest, name), content_type=content_type)
        answer["Content-Disposition"] = f'{disposition}; filename="{name}"'
    answer["ETag"] = etag
    answer["Last-Modified"] = http_date(modified)
    answer["Access-Control-Allow-Origin"] = "*"  # public data, readable by any site's scripts
    return answer


@login_not_required
def open_data_file(request: HttpRequest, name: str) -> HttpResponse:
    """One file of the package (only the package's own file names; anything else is not found)."""
    if name == ZIP_NAME:
        raise Http404
    suffix = name[name.rfind(".") :]
    return _stored(request, name, CONTENT_TYPES.get(suffix, "application/octet-stream"), "inline")


@login_not_required
def open_data_zip(request: HttpRequest) -> HttpResponse:
    """The whole package as one zip."""
    return _stored(request, ZIP_NAME, "application/zip", "attachment")

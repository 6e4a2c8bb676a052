"""Pages of the open-data package (no login): ``/data-terbuka/`` describes it and links to each file, each file
is served at ``/data-terbuka/<name>`` (``ocds.json`` among them) and the whole package as a zip."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from kerjasama.oversight.opendata import (
    LICENSES,
    PACKAGE_NAME,
    PACKAGE_VERSION,
    SOURCES,
    TABLES,
    cached_package_files,
    package_zip,
)

ZIP_NAME = f"{PACKAGE_NAME}.zip"
CONTENT_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".json": "application/json; charset=utf-8",
}


@login_not_required
def open_data_page(request: HttpRequest) -> HttpResponse:
    """What the package holds, its licence and sources, and a link to every file."""
    files = cached_package_files()
    descriptor = json.loads(files["datapackage.json"])
    tables = [
        {
            "name": name,
            "title": table["title"],
            "fields": table["fields"],
            "rows": _rows(files[f"{name}.json"]),
        }
        for name, table in TABLES.items()
    ]
    return render(
        request,
        "oversight/open_data.html",
        {
            "tables": tables,
            "descriptor": descriptor,
            "licenses": LICENSES,
            "sources": SOURCES,
            "version": PACKAGE_VERSION,
            "zip_name": ZIP_NAME,
            "example": any(row["example"] for row in json.loads(files["agreements.json"])),
        },
    )


def _rows(content: bytes) -> int:
    return len(json.loads(content))


@login_not_required
def open_data_file(request: HttpRequest, name: str) -> HttpResponse:
    """One file of the package (only the package's own file names; anything else is not found)."""
    files = cached_package_files()
    if name not in files:
        raise Http404
    suffix = name[name.rfind(".") :]
    answer = HttpResponse(files[name], content_type=CONTENT_TYPES.get(suffix, "application/octet-stream"))
    answer["Content-Disposition"] = f'inline; filename="{name}"'
    answer["Access-Control-Allow-Origin"] = "*"  # public data, readable by any site's scripts
    return answer


@login_not_required
def open_data_zip(request: HttpRequest) -> HttpResponse:
    """The whole package as one zip."""
    answer = HttpResponse(package_zip(cached_package_files()), content_type="application/zip")
    answer["Content-Disposition"] = f'attachment; filename="{ZIP_NAME}"'
    return answer

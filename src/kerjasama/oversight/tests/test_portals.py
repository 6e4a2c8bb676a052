"""The open-data package for the portals regions run (issue 15 item 8): the CKAN dataset round-trips through
``frictionless-ckan-mapper``; the DCAT JSON-LD lists every file of the package; the Satu Data indicator metadata
is complete; ``kerjasama open-data --ckan-push URL --dry-run`` contacts nobody and says what is missing; a real
push creates, then updates, the dataset on a CKAN portal (a fake one on loopback) with the token from the
settings, and a refusal is reported with its code."""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from kerjasama.oversight.opendata import TABLES, descriptor
from kerjasama.oversight.portals import (
    INDICATORS,
    ckan_dataset,
    dataset_problems,
    dcat_dataset,
    frictionless_from_ckan,
)

pytestmark = pytest.mark.django_db

UPDATED = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


@pytest.fixture
def package(settings: Any) -> dict[str, Any]:
    settings.KERJASAMA_SITE_URL = "https://kerjasama.contoh.go.id"
    settings.KERJASAMA_CKAN_ORGANIZATION = "diskominfo-contoh"
    return descriptor(UPDATED)


def test_the_ckan_dataset_round_trips_through_the_mapper(package: dict[str, Any]) -> None:
    dataset = ckan_dataset(package)
    assert dataset["name"] == package["name"] and dataset["owner_org"] == "diskominfo-contoh"
    assert dataset["notes"] == package["description"] and dataset["license_id"] == "CC-BY-4.0"
    assert {t["name"] for t in dataset["tags"]} == set(package["keywords"])
    assert all(r["url"].startswith("https://kerjasama.contoh.go.id/data-terbuka/") for r in dataset["resources"])
    assert all(isinstance(e["value"], str) for e in dataset["extras"])  # CKAN extras are text
    assert dataset_problems(dataset) == []

    back = frictionless_from_ckan(json.loads(json.dumps(dataset)))
    for key in ("name", "title", "description", "version", "created", "last_updated", "keywords"):
        assert back[key] == package[key], key
    assert back["licenses"][0]["path"] == package["licenses"][0]["path"]
    assert len(back["resources"]) == len(package["resources"])
    for original, returned in zip(package["resources"], back["resources"], strict=True):
        assert returned["name"] == original["name"]
        assert returned["title"] == original["title"]
        assert returned["path"] == "https://kerjasama.contoh.go.id/data-terbuka/" + original["path"]
        assert returned["format"].lower() == original["format"]
        assert returned["mediatype"] == original["mediatype"]
        assert returned.get("schema") == original.get("schema")
    assert back["satu_data_indonesia"]["metadata_indikator"] == [i.as_sdi() for i in INDICATORS]


def test_a_portal_would_refuse_a_dataset_without_organisation_or_with_a_bad_name(
    package: dict[str, Any], settings: Any
) -> None:
    settings.KERJASAMA_CKAN_ORGANIZATION = ""
    settings.KERJASAMA_CKAN_DATASET_NAME = "Kerja Sama!"
    problems = dataset_problems(ckan_dataset(package))
    assert len(problems) == 2 and problems[0].startswith("name") and problems[1].startswith("owner_org")


def test_the_dcat_dataset_has_a_distribution_per_file(package: dict[str, Any]) -> None:
    dataset = dcat_dataset(package)
    assert dataset["@type"] == "dcat:Dataset" and dataset["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    for key in ("dct:title", "dct:description", "dct:issued", "dct:modified", "dct:publisher", "dct:license"):
        assert dataset[key], key
    urls = {d["dcat:downloadURL"]["@id"] for d in dataset["dcat:distribution"]}
    assert urls == {"https://kerjasama.contoh.go.id/data-terbuka/" + r["path"] for r in package["resources"]}
    tables = [d for d in dataset["dcat:distribution"] if "dct:conformsTo" in d]
    assert len(tables) == len(TABLES)


def test_every_indicator_has_its_satu_data_metadata() -> None:
    assert [i.code for i in INDICATORS] == ["KSD-01", "KSD-02", "KSD-03"]
    for indicator in INDICATORS:
        fields = indicator.as_sdi()
        assert all(value not in ("", None) for value in fields.values()), indicator.code
        assert indicator.source_table in TABLES


def test_the_portal_files_are_in_the_package_and_served(settings: Any) -> None:
    settings.KERJASAMA_PUBLIC_API_RATE_PER_MINUTE = 0
    cache.clear()
    client = Client()
    answer = client.get("/data-terbuka/dcat.jsonld")
    assert answer.status_code == 200 and answer["Content-Type"].startswith("application/ld+json")
    assert json.loads(answer.content)["@type"] == "dcat:Dataset"
    ckan = json.loads(client.get("/data-terbuka/ckan.json").content)
    assert ckan["resources"][0]["url"].endswith("/data-terbuka/agreements.csv")
    assert b"dcat.jsonld" in client.get("/data-terbuka/").content


def test_the_command_writes_both_files(tmp_path: Path) -> None:
    out = io.StringIO()
    call_command("open_data", str(tmp_path), "--json", stdout=out)
    files = json.loads(out.getvalue())["files"]
    assert "ckan.json" in files and "dcat.jsonld" in files


class FakeCkan(BaseHTTPRequestHandler):
    """The two actions of CKAN's API a push calls, on loopback; remembers what it was sent."""

    datasets: dict[str, dict[str, Any]] = {}
    calls: list[tuple[str, str, dict[str, Any]]] = []
    refuse: bool = False

    def log_message(self, *args: Any) -> None:
        pass

    def _answer(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        action = self.path.rsplit("/", 1)[-1]
        self.calls.append((action, self.headers.get("Authorization", ""), body))
        if action == "package_show":
            if body["id"] in self.datasets:
                return self._answer(200, {"success": True, "result": self.datasets[body["id"]]})
            return self._answer(404, {"success": False, "error": {"__type": "Not Found Error"}})
        if self.refuse:
            return self._answer(409, {"success": False, "error": {"__type": "Validation Error", "name": ["taken"]}})
        stored = {**body, "id": body.get("id", "ckan-uuid-1")}
        self.datasets[stored["name"]] = stored
        return self._answer(200, {"success": True, "result": stored})


@pytest.fixture
def portal() -> Iterator[str]:
    FakeCkan.datasets, FakeCkan.calls, FakeCkan.refuse = {}, [], False
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeCkan)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _run(*args: str) -> tuple[int, dict[str, Any]]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("open_data", *args, "--json", stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), json.loads(out.getvalue())
    return 0, json.loads(out.getvalue())


def test_a_dry_run_contacts_nobody_and_says_what_is_missing(portal: str, settings: Any) -> None:
    settings.KERJASAMA_CKAN_TOKEN = ""
    code, shown = _run("--ckan-push", portal, "--dry-run")
    assert code == 0 and FakeCkan.calls == []
    assert shown["token"] == "missing" and shown["calls"][0]["url"] == f"{portal}/api/3/action/package_show"
    assert any(p.startswith("owner_org") for p in shown["problems"])
    assert any(p.startswith("token") for p in shown["problems"])


def test_a_push_creates_then_updates_the_dataset(portal: str, settings: Any) -> None:
    settings.KERJASAMA_CKAN_TOKEN = "token-rahasia-123"
    settings.KERJASAMA_CKAN_ORGANIZATION = "diskominfo-contoh"
    code, done = _run("--ckan-push", portal)
    assert code == 0 and done["action"] == "created" and done["id"] == "ckan-uuid-1"
    code, done = _run("--ckan-push", portal)
    assert code == 0 and done["action"] == "updated"
    assert [c[0] for c in FakeCkan.calls] == ["package_show", "package_create", "package_show", "package_update"]
    assert {c[1] for c in FakeCkan.calls} == {"token-rahasia-123"}
    created = FakeCkan.calls[1][2]
    assert created["owner_org"] == "diskominfo-contoh" and created["resources"]
    assert FakeCkan.calls[3][2]["id"] == "ckan-uuid-1"
    assert "token-rahasia-123" not in json.dumps(done)


def test_a_refused_or_unready_push_is_reported_with_its_code(portal: str, settings: Any) -> None:
    settings.KERJASAMA_CKAN_TOKEN = "token-rahasia-123"
    settings.KERJASAMA_CKAN_ORGANIZATION = ""
    code, answer = _run("--ckan-push", portal)
    assert code == 1 and answer["error"]["code"] == "opendata.ckan_not_ready" and FakeCkan.calls == []
    settings.KERJASAMA_CKAN_ORGANIZATION = "diskominfo-contoh"
    FakeCkan.refuse = True
    code, answer = _run("--ckan-push", portal)
    assert code == 1 and answer["error"]["code"] == "opendata.ckan_refused"
    code, answer = _run("--ckan-push", "ftp://data.contoh.go.id")
    assert code == 1 and answer["error"]["code"] == "opendata.ckan_bad_url"
    code, answer = _run("--ckan-push", "http://127.0.0.1:9")
    assert code == 1 and answer["error"]["code"] == "opendata.ckan_unreachable"

"""The ``kerjasama`` command as an operator uses it: real subprocesses against an isolated installation."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import Instance, InstanceFactory

SUBCOMMANDS = [
    "setup",
    "serve",
    "regions",
    "neighbours",
    "import-boundaries",
    "export-web-boundaries",
    "import-affairs",
    "adjacency-override",
    "region-codes",
    "createuser",
    "agreements",
    "import-agreements",
    "end-expired",
    "open-data",
    "api-client",
    "import-nomenclature",
    "dashboard-recompute",
    "annual-report",
    "publication-recompute",
    "demo",
    "privacy-retention",
]
DKI_ADMINISTRATIVE_UNITS = {"31.01", "31.71", "31.72", "31.73", "31.74", "31.75"}
COUNTED_MODELS = (
    "accounts.User",
    "accounts.Organisation",
    "regions.Region",
    "regions.Adjacency",
    "regions.AdjacencyOverride",
    "affairs.Affair",
    "affairs.AuthorityEntry",  # the shared matrix and the project's supplement: +0 the second time
)


def assert_bilingual(stderr: str, code: str | None = None) -> None:
    """stderr holds an Indonesian line (``Galat``) and an English line (``Error``), with the code if given."""
    lines = [line.strip() for line in stderr.splitlines()]
    indonesian = [line for line in lines if line.startswith("Galat")]
    english = [line for line in lines if line.startswith("Error")]
    assert indonesian, f"no Indonesian message on stderr:\n{stderr}"
    assert english, f"no English message on stderr:\n{stderr}"
    if code is not None:
        assert any(f"[{code}]" in line for line in indonesian), (
            f"{code} missing from the Indonesian line:\n{stderr}"
        )
        assert any(f"[{code}]" in line for line in english), (
            f"{code} missing from the English line:\n{stderr}"
        )
    assert "Traceback" not in stderr, stderr


def neighbour_codes(instance: Instance, code: str) -> list[str]:
    return [n["code"] for n in instance.json("neighbours", code)["neighbours"]]


@pytest.fixture(scope="module")
def scratch(instance_factory: InstanceFactory) -> Instance:
    """A second installation for tests that add data (overrides, users), so the shared one stays pristine."""
    return instance_factory.create("scratch")


# --- help and dispatch -----------------------------------------------------------------------------------------


def test_it_lists_the_subcommands_in_help(instance: Instance) -> None:
    result = instance.ok("--help")
    for name in [*SUBCOMMANDS, "manage"]:
        assert re.search(rf"^\s+{re.escape(name)}\s", result.stdout, re.MULTILINE), f"{name} not in --help"


@pytest.mark.parametrize("subcommand", SUBCOMMANDS)
def test_it_explains_each_subcommand_with_help(instance: Instance, subcommand: str) -> None:
    result = instance.ok(subcommand, "--help")
    assert "usage:" in result.stdout
    assert result.stderr.strip() == ""


def test_it_refuses_an_unknown_subcommand(instance: Instance) -> None:
    result = instance.run("frobnicate")
    assert result.returncode != 0
    assert "frobnicate" in result.stderr
    assert_bilingual(result.stderr)
    assert result.stdout == ""


# --- regions -----------------------------------------------------------------------------------------------------


def test_it_lists_all_552_regions(instance: Instance) -> None:
    regions = instance.json("regions")
    assert len(regions) == 552
    assert len({r["code"] for r in regions}) == 552
    assert Counter(r["kind"] for r in regions) == {"provinsi": 38, "kabupaten": 416, "kota": 98}
    assert Counter(r["level"] for r in regions) == {"provinsi": 38, "kabkota": 514}
    by_code = {r["code"]: r for r in regions}
    assert by_code["34.71"]["name"] == "Kota Yogyakarta"
    assert by_code["34.71"]["province_code"] == "34"


def test_it_marks_dki_administrative_units_as_not_autonomous(instance: Instance) -> None:
    regions = instance.json("regions")
    not_autonomous = {r["code"] for r in regions if r["autonomous"] is False}
    assert not_autonomous == DKI_ADMINISTRATIVE_UNITS
    assert next(r for r in regions if r["code"] == "31")["autonomous"] is True


def test_it_filters_regions_by_level(instance: Instance) -> None:
    provinces = instance.json("regions", "--level", "provinsi")
    assert len(provinces) == 38
    assert {r["level"] for r in provinces} == {"provinsi"}


def test_it_filters_regions_by_province(instance: Instance) -> None:
    diy = instance.json("regions", "--province", "34")
    assert sorted(r["code"] for r in diy) == ["34", "34.01", "34.02", "34.03", "34.04", "34.71"]


def test_it_refuses_an_unknown_province_in_both_languages(instance: Instance) -> None:
    result = instance.run("regions", "--province", "99")
    assert result.returncode != 0
    assert_bilingual(result.stderr, "regions.unknown_province")
    assert "99" in result.stderr


# --- neighbours ----------------------------------------------------------------------------------------------------


def test_it_lists_the_neighbours_of_kota_yogyakarta(instance: Instance) -> None:
    payload = instance.json("neighbours", "34.71")
    assert payload["region"] == {"code": "34.71", "name": "Kota Yogyakarta"}
    codes = {n["code"] for n in payload["neighbours"]}
    assert {"34.02", "34.04"} <= codes
    assert all(n["code"].startswith("34.") for n in payload["neighbours"])  # the city is inland in DIY


def test_it_lists_jawa_tengah_as_the_only_neighbouring_province_of_diy(instance: Instance) -> None:
    payload = instance.json("neighbours", "34")
    assert [n["code"] for n in payload["neighbours"]] == ["33"]
    assert payload["neighbours"][0]["kabkota_pairs"] > 0


@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_it_refuses_an_unknown_region_code(instance: Instance, as_json: bool) -> None:
    result = instance.run("neighbours", "99.99", *(["--json"] if as_json else []))
    assert result.returncode != 0
    assert_bilingual(result.stderr, "regions.unknown_region")
    if as_json:
        assert json.loads(result.stdout)["error"]["code"] == "regions.unknown_region"


@pytest.mark.parametrize("start", ["34.71", "34.04"])
def test_it_keeps_adjacency_symmetric(instance: Instance, start: str) -> None:
    neighbours = neighbour_codes(instance, start)
    assert neighbours
    for other in neighbours:
        assert start in neighbour_codes(instance, other), (
            f"{start} borders {other} but not the other way round"
        )


# --- setup is idempotent -------------------------------------------------------------------------------------------


def test_it_runs_setup_a_second_time_without_changing_anything(instance: Instance) -> None:
    before = instance.counts(*COUNTED_MODELS)
    neighbours_before = instance.json("neighbours", "34.71")
    result = instance.ok("setup", "--no-static", timeout=600)
    assert "+0" in result.stdout
    assert instance.counts(*COUNTED_MODELS) == before
    assert len(instance.json("regions")) == 552
    assert instance.json("neighbours", "34.71") == neighbours_before
    assert instance.counts("affairs.AuthorityEntry") == {"affairs.AuthorityEntry": 122}


# --- import-boundaries refuses bad input and changes nothing ---------------------------------------------------


def _square(code: str, name: str, lng: float, lat: float, size: float = 0.05) -> dict[str, Any]:
    ring = [[lng, lat], [lng + size, lat], [lng + size, lat + size], [lng, lat + size], [lng, lat]]
    return {
        "type": "Feature",
        "properties": {"code": code, "name": name},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def _collection(*features: dict[str, Any]) -> str:
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


def _bad_input(kind: str, directory: Path) -> Path:
    path = directory / f"{kind}.geojson"
    if kind == "malformed":
        path.write_text('{"type": "FeatureCollection", "features": [ {"type": "Feature",, } ]}')
    elif kind == "truncated":
        text = _collection(
            _square("34.71", "Kota Yogyakarta", 110.35, -7.82),
            _square("34.04", "Kabupaten Sleman", 110.30, -7.75),
        )
        path.write_text(text[: len(text) // 2])
    elif kind == "unknown_code":
        path.write_text(
            _collection(
                _square("34.71", "Kota Yogyakarta", 110.35, -7.82),
                _square("99.99", "Kabupaten Tidak Ada", 140.0, -2.0),
            )
        )
    elif kind == "missing":
        pass  # never written
    return path


BAD_INPUTS = {
    "malformed": "boundaries.malformed_json",
    "truncated": "boundaries.malformed_json",
    "unknown_code": "boundaries.unknown_region",
    "missing": "boundaries.unreadable",
}


@pytest.fixture(scope="module")
def adjacency_baseline(instance: Instance) -> dict[str, Any]:
    return {
        "counts": instance.counts("regions.Adjacency", "regions.RegionBoundary", "regions.Region"),
        "neighbours": instance.json("neighbours", "34.71"),
    }


@pytest.mark.parametrize("kind", list(BAD_INPUTS))
def test_it_refuses_bad_boundary_files_and_keeps_the_adjacency(
    instance: Instance, adjacency_baseline: dict[str, Any], tmp_path: Path, kind: str
) -> None:
    path = _bad_input(kind, tmp_path)
    result = instance.run("import-boundaries", str(path))
    assert result.returncode != 0, result.stdout
    assert_bilingual(result.stderr, BAD_INPUTS[kind])
    if kind == "unknown_code":
        assert "99.99" in result.stderr
    assert instance.json("neighbours", "34.71") == adjacency_baseline["neighbours"]
    assert (
        instance.counts("regions.Adjacency", "regions.RegionBoundary", "regions.Region")
        == (adjacency_baseline["counts"])
    )


def test_it_reports_a_boundary_error_as_json_with_its_code(instance: Instance, tmp_path: Path) -> None:
    result = instance.run("import-boundaries", str(_bad_input("truncated", tmp_path)), "--json")
    assert result.returncode != 0
    error = json.loads(result.stdout)["error"]
    assert error["code"] == "boundaries.malformed_json"
    assert error["message_id"] != error["message_en"]


# --- manual adjacency overrides (on the scratch instance) ------------------------------------------------------


@pytest.fixture
def alor_lembata(scratch: Instance) -> Iterator[dict[str, Any]]:
    """Record the Alor–Lembata maritime border; whatever the test does, the override is revoked afterwards."""
    result = scratch.ok(
        "adjacency-override",
        "add",
        "53.05",
        "53.13",
        "--reason",
        "Perbatasan laut Selat Alor / maritime border (e2e test)",
        "--source",
        "Peta RBI (e2e)",
    )
    found = re.search(r"#(\d+)", result.stdout)
    assert found, result.stdout
    override = {"id": int(found.group(1)), "stdout": result.stdout, "revoked": False}
    yield override
    if not override["revoked"]:
        scratch.ok("adjacency-override", "revoke", str(override["id"]), "--reason", "e2e clean-up")


def test_it_adds_a_manual_override_in_both_directions(
    scratch: Instance, alor_lembata: dict[str, Any]
) -> None:
    for code, other in (("53.05", "53.13"), ("53.13", "53.05")):
        entry = next((n for n in scratch.json("neighbours", code)["neighbours"] if n["code"] == other), None)
        assert entry is not None, f"{other} is not listed as a neighbour of {code}"
        assert entry["override"]["reason"].startswith("Perbatasan laut Selat Alor")
        assert entry["override"]["source"] == "Peta RBI (e2e)"


def test_it_revokes_a_manual_override(scratch: Instance, alor_lembata: dict[str, Any]) -> None:
    assert "53.13" in neighbour_codes(scratch, "53.05")
    scratch.ok("adjacency-override", "revoke", str(alor_lembata["id"]), "--reason", "e2e: withdrawn")
    alor_lembata["revoked"] = True
    assert "53.13" not in neighbour_codes(scratch, "53.05")
    assert "53.05" not in neighbour_codes(scratch, "53.13")
    again = scratch.run("adjacency-override", "revoke", str(alor_lembata["id"]), "--reason", "twice")
    assert again.returncode != 0
    assert_bilingual(again.stderr, "regions.override_inactive")


def test_it_lists_active_overrides_as_json(scratch: Instance, alor_lembata: dict[str, Any]) -> None:
    result = scratch.ok("adjacency-override", "list", "--json")
    active = json.loads(result.stdout)
    assert [(o["id"], o["code_a"], o["code_b"], o["effect"]) for o in active] == [
        (alor_lembata["id"], "53.05", "53.13", "add")
    ]


def test_it_refuses_an_override_with_an_unknown_region(scratch: Instance) -> None:
    before = scratch.counts("regions.AdjacencyOverride")
    neighbours_before = scratch.json("neighbours", "34.71")
    result = scratch.run(
        "adjacency-override", "add", "34.71", "99.99", "--reason", "test", "--source", "test"
    )
    assert result.returncode != 0
    assert_bilingual(result.stderr, "regions.unknown_region")
    assert scratch.counts("regions.AdjacencyOverride") == before
    assert scratch.json("neighbours", "34.71") == neighbours_before


# --- createuser ------------------------------------------------------------------------------------------------------


def test_it_refuses_a_third_party_role_in_a_pemda(scratch: Instance) -> None:
    before = scratch.counts("accounts.User")
    result = scratch.run(
        "createuser",
        "--username",
        "x",
        "--role",
        "pihak_ketiga",
        "--region",
        "34.71",
        "--password-stdin",
        input="sangat-rahasia-2026\n",
    )
    assert result.returncode != 0
    assert_bilingual(result.stderr, "accounts.role_mismatch")
    assert "pihak_ketiga" in result.stderr
    assert scratch.counts("accounts.User") == before
    assert (
        scratch.python(
            "from kerjasama.accounts.models import User\nresult = User.objects.filter(username='x').exists()"
        )
        is False
    )


def test_it_creates_an_operator_in_a_pemda(scratch: Instance) -> None:
    result = scratch.ok(
        "createuser",
        "--username",
        "e2e.operator.bantul",
        "--role",
        "operator_kerja_sama",
        "--region",
        "34.02",
        "--password-stdin",
        input="sangat-rahasia-2026\n",
    )
    assert "e2e.operator.bantul" in result.stdout
    user = scratch.python(
        "from kerjasama.accounts.models import User\n"
        "u = User.objects.select_related('organisation').get(username='e2e.operator.bantul')\n"
        "result = {'role': u.role, 'region': u.organisation.region_id, 'password_ok': u.check_password("
        "'sangat-rahasia-2026')}"
    )
    assert user == {"role": "operator_kerja_sama", "region": "34.02", "password_ok": True}

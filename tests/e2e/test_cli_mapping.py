"""`kerjasama map`: one region's recommendations and the national run, on a real installation."""

from __future__ import annotations

import json

from tests.e2e.conftest import Instance


def test_it_recommends_sleman_and_bantul_to_kota_yogyakarta(instance: Instance) -> None:
    recs = json.loads(instance.ok("map", "--region", "34.71", "--affair", "2.11", "--json").stdout)
    wajib = {r["partner"]: r for r in recs if r["category"] == "wajib"}
    assert {"34.04", "34.02"} <= set(wajib)
    codes = {reason["code"] for reason in wajib["34.04"]["reasons"]}
    assert {"border", "functional_area"} <= codes
    assert all(r["affair"] == "2.11" and r["region"] == "34.71" for r in recs)


def test_it_refuses_an_unknown_or_non_autonomous_region(instance: Instance) -> None:
    for code in ("99.99", "31.71"):
        result = instance.run("map", "--region", code)
        assert result.returncode != 0 and "regions.unknown_region" in result.stderr


def test_it_runs_the_whole_country(instance: Instance) -> None:
    report = json.loads(instance.ok("map", "--all", "--json").stdout)
    assert (
        report["regions"] == 546 and report["recommendation_count"] == len(report["recommendations"]) > 10_000
    )
    assert report["mandatory_eligible"] <= report["recommendation_count"]


def test_it_refreshes_marked_regions_without_work_when_nothing_changed(instance: Instance) -> None:
    result = instance.ok("map", "--refresh")
    assert "0" in result.stdout

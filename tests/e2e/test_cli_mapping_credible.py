"""`kerjasama map --region 34.71 --json` (issue 9 acceptance): mandatory only with an externality, and no
partner beyond the service distance without a need/offer reason."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

from tests.e2e.conftest import KERJASAMA, Instance

CHARACTERISTICS = (
    Path(__file__).resolve().parents[2] / "src" / "kerjasama" / "affairs" / "data" / "affair_characteristics.csv"
)


def _reach() -> dict[str, str]:
    with CHARACTERISTICS.open(encoding="utf-8") as handle:
        return {row["affair_code"]: row["reach"] for row in csv.DictReader(handle)}


def _map(instance: Instance, max_km: str | None = None) -> list[dict[str, object]]:
    env = dict(instance.env)
    if max_km is not None:
        env["KERJASAMA_MAPPING_SERVICE_MAX_KM"] = max_km
    result = subprocess.run(
        [str(KERJASAMA), "map", "--region", "34.71", "--json"],
        env=env,
        cwd=instance.root,
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    recs: list[dict[str, object]] = json.loads(result.stdout)
    return recs


def test_it_marks_each_recommendation_mandatory_only_with_an_externality(instance: Instance) -> None:
    recs = _map(instance)
    assert recs
    for rec in recs:
        externality = rec["externality"]
        assert isinstance(externality, dict) and externality["text"] and externality["text_en"]
        assert rec["mandatory_eligible"] is externality["mandatory_eligible"]
        if rec["mandatory_eligible"]:
            assert rec["borders"] is True and externality["source"] in ("affair", "identification")
            assert rec["category"] == "wajib"
        else:
            assert externality["source"] is None and externality["text"].startswith("sukarela")
    # Waste (2.11, an externality in the Lampiran) with Sleman is mandatory; education (1.01) is not.
    wajib = {(r["affair"], r["partner"]) for r in recs if r["mandatory_eligible"]}
    assert ("2.11", "34.04") in wajib
    assert not any(affair == "1.01" for affair, _partner in wajib)


def test_it_recommends_nothing_far_for_a_service_without_a_need_offer_reason(instance: Instance) -> None:
    reach = _reach()
    for max_km, limit in ((None, 100.0), ("30", 30.0)):
        recs = _map(instance, max_km)
        assert recs
        far_seen = 0
        for rec in recs:
            distance = rec["distance_km"]
            far = not rec["borders"] and isinstance(distance, float) and distance > limit
            codes = {reason["code"] for reason in rec["reasons"]}  # type: ignore[union-attr]
            if far and reach[str(rec["affair"])] != "any_distance":
                assert "need_offer" in codes and "reach" in codes, rec
                far_seen += 1
        if limit == 30.0:
            assert far_seen, "the demo's far need/offer matches exercise the limit"

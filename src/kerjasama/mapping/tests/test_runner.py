"""The engine on the national data: stored recommendations, their reasons, the law, and local recompute."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.compliance.selectors import reference_data
from kerjasama.core.actors import SYSTEM
from kerjasama.mapping import runner
from kerjasama.mapping.models import Recommendation, StaleRegion
from kerjasama.mapping.services import set_indicator_value
from kerjasama.regions.models import Region

pytestmark = pytest.mark.django_db
DIY_AND_NEIGHBOURS = {"34", "34.01", "34.02", "34.03", "34.04", "34.71", "33.08", "33.09", "33.10", "33.74"}


@pytest.fixture
def stored(db: Any) -> None:
    runner.run(actor=SYSTEM, regions=DIY_AND_NEIGHBOURS)


def partners(region: str, affair: str) -> dict[str, Recommendation]:
    return {r.partner_id: r for r in Recommendation.objects.filter(region_id=region, affair_id=affair)}


@pytest.mark.usefixtures("stored")
@pytest.mark.parametrize("affair", ["2.11", "1.03"])
def test_it_recommends_sleman_and_bantul_to_kota_yogyakarta_for_waste(affair: str) -> None:
    found = partners("34.71", affair)
    for code in ("34.04", "34.02"):
        rec = found[code]
        assert rec.category == "wajib"
        codes = {r["code"] for r in rec.reasons}
        assert {"border", "functional_area"} <= codes
        border = next(r for r in rec.reasons if r["code"] == "border")
        assert "berbatasan" in border["text"] and "km" in border["text"]
        area = next(r for r in rec.reasons if r["code"] == "functional_area")
        assert "Kartamantul" in area["text"]


@pytest.mark.usefixtures("stored")
def test_it_never_marks_a_non_bordering_pair_mandatory_eligible() -> None:
    ref = reference_data()
    stored = list(Recommendation.objects.all())
    assert stored
    for rec in stored:
        if rec.category == "wajib":
            assert ref.borders(rec.region_id, rec.partner_id), (rec.region_id, rec.partner_id)
    assert "33.74" not in {r.partner_id for r in stored if r.region_id == "34.71" and r.category == "wajib"}


@pytest.mark.usefixtures("stored")
def test_it_never_recommends_an_affair_outside_authority_silently() -> None:
    ref = reference_data()
    for rec in Recommendation.objects.filter(region_id__in=DIY_AND_NEIGHBOURS):
        for code in (rec.region_id, rec.partner_id):
            status = ref.authority_status(rec.affair_id, "provinsi" if "." not in code else "kabkota")
            if status != "held":
                assert any(f["rule"] == "R11" for f in rec.findings), (
                    rec.region_id,
                    rec.partner_id,
                    rec.affair_id,
                )


@pytest.mark.usefixtures("stored")
def test_it_names_the_province_for_cross_kabkota_scope() -> None:
    rec = partners("34.71", "1.03")["34.04"]
    assert rec.authority_note is not None and rec.authority_note["level"] == "provinsi"
    assert "provinsi" in rec.authority_note["text"].lower()


def test_it_recomputes_only_the_affected_regions_after_a_profile_change(persona: Any) -> None:
    runner.run(actor=SYSTEM, regions={"34.71", "34.04", "11.09"})
    far_before = list(Recommendation.objects.filter(region_id="11.09").values_list("id", flat=True))
    before = partners("34.71", "2.11")["34.04"].score
    for code, value in (("landfill_life", 0), ("waste_coverage", 10)):
        set_indicator_value(
            actor=persona("kabkota"),
            region=Region.objects.get(code="34.71"),
            indicator_code=code,
            year=2025,
            value=value,
            source="DLH (uji)",
        )
    set_indicator_value(
        actor=persona("neighbour"),
        region=Region.objects.get(code="34.04"),
        indicator_code="landfill_life",
        year=2025,
        value=18,
        source="DLH (uji)",
    )
    assert StaleRegion.objects.filter(region_id__in=["34.71", "34.04"]).count() == 2
    assert partners("34.71", "2.11")["34.04"].score == before  # nothing recomputed inside the request
    assert runner.refresh_stale() > 0
    rec = partners("34.71", "2.11")["34.04"]
    assert rec.score > before and any(r["code"] == "complementarity" for r in rec.reasons)
    assert not StaleRegion.objects.exists()
    # Simeulue (an island far away) was not affected: its rows were not rewritten.
    assert list(Recommendation.objects.filter(region_id="11.09").values_list("id", flat=True)) == far_before


def test_it_reports_the_run(db: Any) -> None:
    report, recs = runner.run(actor=SYSTEM, regions={"34.71"}, store=False)
    assert report.recommendations == len(recs) > 0 and report.seconds >= 0
    assert not Recommendation.objects.exists()


def test_it_replaces_a_refreshs_regions_a_few_per_transaction(
    db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A refresh must not hold SQLite's one write lock for the whole run: each batch commits on its own."""
    batches: list[set[str]] = []
    store = runner._store_changes

    def spy(recs: list[Any], *, regions: set[str], affairs: Any, example: set[str]) -> tuple[int, int, int]:
        assert affairs is None
        batches.append(regions)
        return store(recs, regions=regions, affairs=affairs, example=example)

    monkeypatch.setattr(runner, "STORE_BATCH_REGIONS", 3)
    monkeypatch.setattr(runner, "_store_changes", spy)
    _report, recs = runner.run(actor=SYSTEM, regions=DIY_AND_NEIGHBOURS)
    assert [len(b) for b in batches] == [3, 3, 3, 1]
    assert set().union(*batches) == DIY_AND_NEIGHBOURS
    assert Recommendation.objects.filter(region_id__in=DIY_AND_NEIGHBOURS).count() == len(recs) > 0


def test_it_reads_only_the_profiles_a_regions_recompute_needs_and_gets_the_national_answer() -> None:
    from kerjasama.mapping.demo import load_mapping_demo
    from kerjasama.mapping.domain import engine

    load_mapping_demo(actor=SYSTEM)
    national = runner.load_inputs()
    weights = runner.mapping_weights()
    # Every region that identified something (its need/offer matches reach far), plus spread samples.
    identifying = sorted(national.identifying_regions())
    samples = [{"34.71"}, {"34"}, {"33.74", "35.78"}, *({code} for code in identifying[::7]), {"94.01"}]
    assert len(samples) > 20

    def idents(inputs: Any) -> int:
        return sum(map(len, inputs._idents.values()))

    for codes in samples:
        scoped = runner.load_inputs(codes)
        assert engine.recommend(scoped, weights, regions=codes) == engine.recommend(
            national, weights, regions=codes
        ), codes
        assert sum(map(len, scoped._latest.values())) < sum(map(len, national._latest.values()))
        assert idents(scoped) < idents(national)


def test_it_replaces_every_stored_row_in_a_national_run() -> None:
    # SQLite: one executemany; PostgreSQL: TRUNCATE and COPY (run with DB=postgres for that path).
    runner.run(actor=SYSTEM, regions={"34.71"})
    StaleRegion.objects.create(region_id="34.02")
    report, recs = runner.run(actor=SYSTEM)
    assert Recommendation.objects.count() == report.recommendations == len(recs) > 1000
    assert not StaleRegion.objects.exists()
    stored = Recommendation.objects.get(region_id="34.71", partner_id="34.04", affair_id="2.11")
    fact = next(r for r in recs if (r.region, r.partner, r.affair) == ("34.71", "34.04", "2.11"))
    assert stored.reasons == [r.to_dict() for r in fact.reasons]
    assert stored.category == fact.category == "wajib"
    assert stored.findings == [dict(f) for f in fact.findings]


@pytest.mark.usefixtures("stored")
def test_setup_recomputes_recommendations_stored_by_the_older_engine_once() -> None:
    """An upgrade: rows without an ``externality`` reason (stored before issue 9) are recomputed by setup's
    reference step; a second setup leaves them alone."""
    from django.apps import apps

    config = apps.get_app_config("mapping")
    Recommendation.objects.update(reasons=[{"code": "border", "text": "berbatasan", "text_en": "borders"}])
    line = config.load_reference_data(actor=SYSTEM)  # type: ignore[attr-defined]
    assert "dihitung ulang" in line
    assert all(
        any(r.get("code") == "externality" for r in reasons)
        for reasons in Recommendation.objects.values_list("reasons", flat=True)
    )
    computed = set(Recommendation.objects.values_list("computed_at", flat=True))
    assert "dihitung ulang" not in config.load_reference_data(actor=SYSTEM)  # type: ignore[attr-defined]
    assert set(Recommendation.objects.values_list("computed_at", flat=True)) == computed


def _stored_rows() -> dict[tuple[str, str, str], tuple[float, str, str]]:
    return {
        (r.region_id, r.partner_id, r.affair_id): (r.score, r.category, r.kind)
        for r in Recommendation.objects.all()
    }


def test_a_profile_change_refreshes_only_its_affairs_and_equals_a_national_run(persona: Any) -> None:
    """A region's statistic changes its pairs on the affairs the indicator informs, nothing else: the refresh
    recomputes those affairs of the region and of its candidates on them (with the example identifications,
    partners matched far away), leaves every other row as it was (not rewritten: ids kept), and the stored
    recommendations are then exactly what a national run computes."""
    from kerjasama.mapping.demo import load_mapping_demo
    from kerjasama.mapping.domain import engine
    from kerjasama.mapping.models import Indicator

    load_mapping_demo(actor=SYSTEM)
    runner.run(actor=SYSTEM)
    informed = set(Indicator.objects.filter(code="waste_coverage").values_list("affairs__code", flat=True))
    national = runner.load_inputs()
    # a region whose example identification on an informed affair gives it partners beyond its neighbours
    region = next(
        code
        for code in sorted(national.identifying_regions())
        for affair in sorted(informed)
        if national.match_partners(code, affair) - set(national.static_partners(code))
    )
    untouched = set(Recommendation.objects.exclude(affair_id__in=informed).values_list("id", flat=True))
    StaleRegion.objects.all().delete()
    set_indicator_value(
        actor=SYSTEM,
        region=Region.objects.get(code=region),
        indicator_code="waste_coverage",
        year=2026,
        value="12,5",
        source="DLH (uji)",
    )
    assert StaleRegion.objects.get(region_id=region).profile_affairs == sorted(informed)
    recomputed = runner.refresh_stale()
    assert recomputed > len(national.static_partners(region)) + 1  # the far partners too
    assert untouched <= set(Recommendation.objects.values_list("id", flat=True)), "other affairs rewritten"
    fresh = engine.recommend(runner.load_inputs(), runner.mapping_weights())
    assert _stored_rows() == {(r.region, r.partner, r.affair): (r.score, r.category, r.kind) for r in fresh}


def test_a_profile_change_with_another_kind_of_mark_refreshes_every_affair(
    persona: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner.run(actor=SYSTEM, regions=DIY_AND_NEIGHBOURS)
    StaleRegion.objects.all().delete()
    set_indicator_value(
        actor=persona("kabkota"),
        region=Region.objects.get(code="34.71"),
        indicator_code="waste_coverage",
        year=2026,
        value="10",
        source="DLH (uji)",
    )
    from kerjasama.mapping.services import mark_register_changed

    mark_register_changed(region_codes=["34.04"])  # the register: every affair of Sleman's candidates
    marks = dict(StaleRegion.objects.values_list("region_id", "profile_affairs"))
    assert marks["34.04"] is None and marks["34.71"]
    runs: list[dict[str, Any]] = []
    real_run = runner.run

    def spy(**kwargs: Any) -> Any:
        runs.append(kwargs)
        return real_run(**kwargs)

    monkeypatch.setattr(runner, "run", spy)
    assert runner.refresh_stale() > 0
    # Bantul borders Sleman: every affair of it was recomputed, not only the waste affairs (a refresh writes
    # only the rows that changed, so the rows themselves do not show it; the run's arguments do).
    assert len(runs) == 1 and runs[0].get("affairs") is None and "34.02" in runs[0]["regions"]

"""Functional areas (kawasan fungsional): the shipped reference, the import, ministry upkeep, reads, page, API."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

import kerjasama
from kerjasama.core.actors import SYSTEM
from kerjasama.core.errors import KerjasamaError
from kerjasama.core.models import AuditEvent
from kerjasama.regions.choices import FunctionalAreaKind
from kerjasama.regions.domain.functional_areas import COLUMNS, KINDS, parse_functional_areas
from kerjasama.regions.functional_areas import (
    add_functional_area_member,
    create_functional_area,
    load_functional_areas,
    read_package,
    read_source_file,
    remove_functional_area_member,
)
from kerjasama.regions.models import FunctionalArea, FunctionalAreaMember, Region
from kerjasama.regions.selectors import (
    all_functional_areas,
    co_members,
    functional_area_summaries,
    functional_areas_of,
)

pytestmark = pytest.mark.django_db

SHARED_CSV = Path(__file__).resolve().parents[4].parent / "shared" / "domain" / "functional_areas.csv"
SRC = Path(kerjasama.__file__).resolve().parents[1]

GOOD_ROW = {
    "area_id": "UJI_KAWASAN",
    "area_name": "Kawasan Uji",
    "kind": "metropolitan",
    "legal_basis": "Perpres 1/2099 (uji)",
    "member_code": "34.71",
    "member_name": "Kota Yogyakarta",
    "confidence": "V",
    "source": "sumber uji",
    "notes": "",
}


def csv_text(*rows: dict[str, str], columns: list[str] = COLUMNS) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue()


def row(**changes: str) -> dict[str, str]:
    return {**GOOD_ROW, **changes}


def snapshot() -> tuple[Any, ...]:
    return (
        sorted(FunctionalArea.objects.values_list("code", "name", "kind", "legal_basis", "is_reference")),
        sorted(FunctionalAreaMember.objects.values_list("area__code", "region_id", "confidence", "source")),
        AuditEvent.objects.count(),
    )


def run_import(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_functional_areas", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


# --- the shipped reference ----------------------------------------------------------------------------------


def test_it_loads_12_areas_and_61_members_with_their_confidence() -> None:
    assert FunctionalArea.objects.count() == 12
    assert FunctionalArea.objects.filter(is_reference=True).count() == 12
    assert FunctionalAreaMember.objects.count() == 61
    assert FunctionalAreaMember.objects.filter(confidence="V").count() == 22
    assert FunctionalAreaMember.objects.filter(confidence="S").count() == 39
    assert not FunctionalAreaMember.objects.filter(source="").exists()


def test_it_has_kartamantul_with_yogyakarta_sleman_and_bantul() -> None:
    area = FunctionalArea.objects.get(code="KARTAMANTUL")
    assert area.kind == FunctionalAreaKind.OTHER
    assert set(area.members.values_list("region_id", flat=True)) == {"34.71", "34.04", "34.02"}


def test_it_enters_dki_jakarta_once_as_the_province() -> None:
    assert list(
        FunctionalAreaMember.objects.filter(region__code__startswith="31").values_list("region_id")
    ) == [("31",)]
    assert FunctionalAreaMember.objects.get(region_id="31").area.code == "JABODETABEKPUNJUR"
    assert not FunctionalAreaMember.objects.filter(region__is_autonomous=False).exists()


def test_it_keeps_the_kinds_of_the_domain_and_the_choices_in_step() -> None:
    assert tuple(FunctionalAreaKind.values) == KINDS


def test_it_ships_the_json_that_the_parser_reads_from_the_shared_csv() -> None:
    if not SHARED_CSV.is_file():
        pytest.skip("../shared/domain/functional_areas.csv is not present")
    package = read_package()
    assert package["format"] == 1 and "confidence" in package["about"] and "source" in package["about"]
    assert package["areas"] == read_source_file(SHARED_CSV)["areas"]


def test_it_keeps_the_parser_free_of_django() -> None:
    code = (
        "import kerjasama.regions.domain.functional_areas, sys; "
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')]; assert not bad, bad"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


# --- the parser ---------------------------------------------------------------------------------------------


def test_it_parses_areas_in_file_order_with_every_member_fact() -> None:
    parsed = parse_functional_areas(
        csv_text(
            row(), row(member_code="3404", member_name="Kabupaten Sleman", confidence="S", notes="Partial")
        )
    )
    (area,) = parsed["areas"]
    assert area["code"] == "UJI_KAWASAN" and area["legal_basis"] == "Perpres 1/2099 (uji)"
    assert [m["region_code"] for m in area["members"]] == ["34.71", "34.04"]
    assert area["members"][1] == {
        "region_code": "34.04",
        "region_name": "Kabupaten Sleman",
        "confidence": "S",
        "source": "sumber uji",
        "notes": "Partial",
    }
    assert parsed["lines"] == {"UJI_KAWASAN 34.71": 2, "UJI_KAWASAN 34.04": 3}


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (row(area_id=""), "empty area_id"),
        (row(area_id="kawasan uji"), "malformed area_id"),
        (row(area_name=""), "empty area_name"),
        (row(kind="kota_besar"), "unknown kind"),
        (row(confidence="X"), "confidence must be V, S or U"),
        (row(confidence=""), "confidence must be V, S or U"),
        (row(member_code="34.7"), "malformed region code"),
        (row(member_code="34.70"), "malformed region code"),
        (row(source=""), "empty source"),
        (row(legal_basis=""), "empty legal_basis"),
        (row(), "duplicate member: 34.71"),
        (row(member_code="34.04", area_name="Kawasan Lain"), "area_name differs from line 2"),
        (row(member_code="34.04", kind="economic_zone"), "kind differs from line 2"),
        (row(member_code="34.04", legal_basis="Perpres 2/2099"), "legal_basis differs from line 2"),
    ],
)
def test_it_rejects_a_bad_row_and_names_it(bad: dict[str, str], message: str) -> None:
    text = csv_text(row(), row(member_code="34.02", member_name="Kabupaten Bantul"), bad)
    with pytest.raises(KerjasamaError) as err:
        parse_functional_areas(text, filename="fa.csv")
    assert err.value.code == "functional_areas.bad_rows"
    assert [d.location for d in err.value.details] == ["fa.csv baris/line 4"]
    assert message in err.value.details[0].message_en and err.value.details[0].message_id
    assert "ditolak seluruhnya" in err.value.message_id and "rejected as a whole" in err.value.message_en


def test_it_reports_every_bad_row_at_once() -> None:
    text = csv_text(row(kind="?"), row(member_code="34.02", confidence="Z"), row(member_code="x"))
    with pytest.raises(KerjasamaError) as err:
        parse_functional_areas(text)
    assert [d.location.rsplit(" ", 1)[1] for d in err.value.details] == ["2", "3", "4"]


def test_it_rejects_a_missing_column_or_an_extra_cell() -> None:
    columns = [c for c in COLUMNS if c != "confidence"]
    with pytest.raises(KerjasamaError) as err:
        parse_functional_areas(csv_text(row(), columns=columns))
    assert err.value.code == "functional_areas.bad_header" and "confidence" in err.value.message_en
    with pytest.raises(KerjasamaError) as err:
        parse_functional_areas(csv_text(row()).rstrip("\n") + ",extra\n")
    assert err.value.details[0].message_en == "more cells than columns"


def test_it_rejects_an_empty_file() -> None:
    with pytest.raises(KerjasamaError) as err:
        parse_functional_areas(csv_text())
    assert err.value.code == "functional_areas.bad_rows"


# --- the import (command and load service) ------------------------------------------------------------------


def test_it_refuses_an_unknown_region_code_and_changes_nothing(tmp_path: Path) -> None:
    before = snapshot()
    path = tmp_path / "fa.csv"
    path.write_text(csv_text(row(), row(member_code="34.99"), row(member_code="99.01")), encoding="utf-8")
    status, out, err = run_import(str(path), "--json", "--export", str(tmp_path / "out.json"))
    assert status == 2
    error = json.loads(out)["error"]
    assert error["code"] == "regions.unknown_region"
    assert [d["location"] for d in error["details"]] == ["fa.csv baris/line 3", "fa.csv baris/line 4"]
    assert "Galat [regions.unknown_region]" in err and "Error [regions.unknown_region]" in err
    assert snapshot() == before and not (tmp_path / "out.json").exists()


def test_it_refuses_a_dki_administrative_city_as_a_member(tmp_path: Path) -> None:
    before = snapshot()
    path = tmp_path / "fa.csv"
    path.write_text(
        csv_text(row(member_code="31.71", member_name="Kota Adm. Jakarta Pusat")), encoding="utf-8"
    )
    status, out, _err = run_import(str(path), "--json")
    assert status == 2 and json.loads(out)["error"]["code"] == "functional_areas.not_autonomous"
    assert snapshot() == before


def test_it_rejects_a_bad_file_with_a_row_report_and_changes_nothing(tmp_path: Path) -> None:
    before = snapshot()
    path = tmp_path / "fa.csv"
    path.write_text(csv_text(row(), row(confidence="Q")), encoding="utf-8")
    status, _out, err = run_import(str(path))
    assert status == 2 and "functional_areas.bad_rows" in err and "fa.csv baris/line 3" in err
    assert run_import(str(tmp_path / "missing.csv"))[0] == 2
    assert snapshot() == before


def test_it_imports_a_file_once_and_a_second_run_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "fa.csv"
    path.write_text(
        csv_text(row(), row(member_code="34.04", member_name="Kabupaten Sleman", confidence="S")),
        encoding="utf-8",
    )
    export = tmp_path / "fa.json"
    status, out, _err = run_import(str(path), "--json", "--export", str(export))
    assert status == 0
    result = json.loads(out)
    assert result["areas_created"] == 1 and result["members_created"] == 2 and result["changed"] is True
    area = FunctionalArea.objects.get(code="UJI_KAWASAN")
    assert area.is_reference and area.members.get(region_id="34.04").confidence == "S"
    shipped = json.loads(export.read_text(encoding="utf-8"))
    assert shipped["format"] == 1 and shipped["areas"][0]["members"][1]["source"] == "sumber uji"
    events = AuditEvent.objects.filter(action="regions.functional_areas_loaded").count()
    status, out, _err = run_import(str(path), "--json")
    assert status == 0 and json.loads(out)["changed"] is False
    assert AuditEvent.objects.filter(action="regions.functional_areas_loaded").count() == events


def test_it_checks_and_exports_without_the_database(tmp_path: Path) -> None:
    before = snapshot()
    path = tmp_path / "fa.csv"
    path.write_text(csv_text(row(member_code="34.99")), encoding="utf-8")  # unknown, but not checked
    status, out, _err = run_import(str(path), "--no-db", "--export", str(tmp_path / "fa.json"))
    assert status == 0 and "areas: 1" in out and (tmp_path / "fa.json").is_file()
    assert snapshot() == before


def test_it_reloads_the_shipped_reference_without_any_change() -> None:
    before = snapshot()
    for update_existing in (False, True):
        report = load_functional_areas(actor=SYSTEM, data=read_package(), update_existing=update_existing)
        assert not report.changed
    assert snapshot() == before


def test_it_keeps_ministry_corrections_on_setup_and_restores_the_source_on_import(persona: Any) -> None:
    member = FunctionalAreaMember.objects.get(area__code="BIMINDO", region_id="71.73")
    remove_functional_area_member(actor=persona("ministry"), member=member, reason="Perpres read (test)")
    kept = load_functional_areas(actor=SYSTEM, data=read_package(), update_existing=False)
    assert not kept.changed and kept.areas_kept == 12
    assert not FunctionalAreaMember.objects.filter(area__code="BIMINDO", region_id="71.73").exists()
    restored = load_functional_areas(actor=SYSTEM, data=read_package(), update_existing=True)
    assert restored.members_created == 1 and restored.changed
    assert FunctionalAreaMember.objects.filter(area__code="BIMINDO", region_id="71.73").exists()
    event = AuditEvent.objects.filter(action="regions.functional_areas_loaded").latest("pk")
    assert event.new is not None and event.new["members_created"] == 1


def test_it_lets_only_the_ministry_load_the_reference(persona: Any) -> None:
    with pytest.raises(KerjasamaError) as err:
        load_functional_areas(actor=persona("kabkota"), data=read_package(), update_existing=True)
    assert err.value.code == "permission_denied"
    assert not load_functional_areas(
        actor=persona("ministry"), data=read_package(), update_existing=True
    ).changed


# --- upkeep by the ministry ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["province", "kabkota", "neighbour", "third_party", "auditor"])
def test_it_refuses_upkeep_by_anyone_but_the_ministry(persona: Any, who: str) -> None:
    actor = persona(who)
    area = FunctionalArea.objects.get(code="KARTAMANTUL")
    member = area.members.get(region_id="34.02")
    before = snapshot()
    attempts = [
        lambda: create_functional_area(
            actor=actor, code="UJI", name="Uji", kind="other", legal_basis="Kesepakatan Bersama (uji)"
        ),
        lambda: add_functional_area_member(
            actor=actor, area=area, region_code="34.01", confidence="S", source="x"
        ),
        lambda: remove_functional_area_member(actor=actor, member=member, reason="x"),
    ]
    for attempt in attempts:
        with pytest.raises(KerjasamaError) as err:
            attempt()
        assert err.value.code == "permission_denied"
    assert snapshot() == before


@pytest.mark.parametrize("who", ["ministry", "admin"])
def test_it_lets_the_ministry_maintain_areas_with_an_audit_trail(persona: Any, who: str) -> None:
    actor = persona(who)
    area = create_functional_area(
        actor=actor,
        code="kartamantul_plus",
        name="Kawasan Uji Kartamantul Plus",
        kind="strategic",
        legal_basis="Kesepakatan Bersama (uji)",
    )
    assert area.code == "KARTAMANTUL_PLUS" and not area.is_reference and area.history.count() == 1
    member = add_functional_area_member(
        actor=actor, area=area, region_code="3401", confidence="U", source="rapat (uji)", notes="Partial"
    )
    assert member.region_id == "34.01"
    remove_functional_area_member(actor=actor, member=member, reason="salah input (uji)")
    assert not area.members.exists() and member.history.count() == 2
    actions = list(
        AuditEvent.objects.filter(action__startswith="regions.functional_area_")
        .order_by("pk")
        .values_list("action", "actor_label", "reason")
    )
    assert actions == [
        ("regions.functional_area_created", actor.username, ""),
        ("regions.functional_area_member_added", actor.username, ""),
        ("regions.functional_area_member_removed", actor.username, "salah input (uji)"),
    ]
    removed = AuditEvent.objects.get(action="regions.functional_area_member_removed")
    assert (
        removed.old is not None
        and removed.old["region"] == "34.01"
        and removed.old["source"] == "rapat (uji)"
    )


@pytest.mark.parametrize(
    ("region_code", "confidence", "source", "code"),
    [
        ("99.99", "S", "x", "regions.unknown_region"),
        ("31.71", "S", "x", "functional_areas.not_autonomous"),
        ("31.01", "S", "x", "functional_areas.not_autonomous"),
        ("34.71", "S", "x", "functional_areas.duplicate_member"),
        ("34.01", "X", "x", "functional_areas.bad_confidence"),
        ("34.01", "S", "  ", "functional_areas.source_required"),
    ],
)
def test_it_refuses_a_bad_member_with_a_clear_error(
    persona: Any, region_code: str, confidence: str, source: str, code: str
) -> None:
    area = FunctionalArea.objects.get(code="KARTAMANTUL")
    before = snapshot()
    with pytest.raises(KerjasamaError) as err:
        add_functional_area_member(
            actor=persona("ministry"),
            area=area,
            region_code=region_code,
            confidence=confidence,
            source=source,
        )
    assert err.value.code == code and err.value.message_id and err.value.message_en
    assert snapshot() == before


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"code": "KARTAMANTUL"}, "functional_areas.duplicate_area"),
        ({"code": "X"}, "functional_areas.bad_code"),
        ({"code": "BAD CODE"}, "functional_areas.bad_code"),
        ({"kind": "kota_besar"}, "functional_areas.bad_kind"),
        ({"legal_basis": " "}, "functional_areas.incomplete"),
        ({"name": ""}, "functional_areas.incomplete"),
    ],
)
def test_it_refuses_a_bad_area_with_a_clear_error(persona: Any, fields: dict[str, str], code: str) -> None:
    values = {
        "code": "UJI",
        "name": "Uji",
        "kind": "other",
        "legal_basis": "Kesepakatan Bersama (uji)",
        **fields,
    }
    before = snapshot()
    with pytest.raises(KerjasamaError) as err:
        create_functional_area(actor=persona("ministry"), **values)
    assert err.value.code == code
    assert snapshot() == before


def test_it_needs_a_reason_to_remove_a_member_and_removes_it_once(persona: Any) -> None:
    member = FunctionalAreaMember.objects.get(area__code="KARTAMANTUL", region_id="34.02")
    with pytest.raises(KerjasamaError) as err:
        remove_functional_area_member(actor=persona("ministry"), member=member, reason=" ")
    assert err.value.code == "functional_areas.reason_required"
    remove_functional_area_member(actor=persona("ministry"), member=member, reason="uji")
    with pytest.raises(KerjasamaError) as err:
        remove_functional_area_member(actor=persona("ministry"), member=member, reason="uji")
    assert err.value.code == "functional_areas.member_gone"


def test_it_protects_a_region_that_is_a_member() -> None:
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        Region.objects.get(code="34.71").delete()


# --- selectors ----------------------------------------------------------------------------------------------


def test_it_lists_the_memberships_of_a_region_in_one_query(django_assert_num_queries: Any) -> None:
    region = Region.objects.get(code="34.71")
    with django_assert_num_queries(1):
        memberships = functional_areas_of(region)
    (kartamantul,) = memberships
    assert kartamantul.area_code == "KARTAMANTUL" and kartamantul.confidence == "S"
    assert "Kartamantul" in kartamantul.area_name and kartamantul.source
    assert functional_areas_of(Region.objects.get(code="31.71")) == []


def test_it_lists_every_area_with_members_in_two_queries(django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(2):
        areas = all_functional_areas()
        names = [m.region_name for a in areas for m in a.members]
    assert len(areas) == 12 and len(names) == 61 and "Kota Yogyakarta" in names
    bbk = next(a for a in areas if a.code == "BBK")
    assert bbk.kind == "economic_zone" and bbk.weakest_confidence == "S"
    assert [a.code for a in all_functional_areas(kind="economic_zone")] == ["BBK"]
    assert [a.code for a in all_functional_areas(region_code="34.04")] == ["KARTAMANTUL"]


def test_it_gives_the_co_members_of_a_region(django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(1):
        result = co_members("34.71")
    assert result == {"KARTAMANTUL": ["34.02", "34.04"]}
    assert co_members("11.09") == {}


def test_it_gives_plain_facts_for_the_mapping_engine(django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(1):
        facts = functional_area_summaries()
    assert len(facts) == 12 and all(type(f.members) is tuple for f in facts)
    by_code = {f.code: f for f in facts}
    assert by_code["KARTAMANTUL"][3] == ("34.02", "34.04", "34.71")
    assert by_code["KEDUNGSEPUR"].weakest_confidence == "V"
    assert by_code["GERBANGKERTOSUSILA"].weakest_confidence == "S"
    assert by_code["JABODETABEKPUNJUR"].members[0] == "31"


# --- region page and API ------------------------------------------------------------------------------------


def test_it_shows_the_functional_areas_on_the_region_page(
    client: Any, django_assert_max_num_queries: Any
) -> None:
    # 8 + 2: the code history and the predecessor map ("riwayat kode", issue 15 item 6).
    with django_assert_max_num_queries(10):
        html = client.get("/wilayah/34.71/").content.decode()
    assert 'data-testid="functional-areas"' in html
    assert "Sekretariat Bersama Kartamantul (Yogyakarta-Sleman-Bantul urban area)" in html
    assert '<span class="conf conf-S"' in html and ">S</span>" in html
    assert "Voluntary inter-regional cooperation" in html  # the legal basis


def test_it_shows_partial_membership_notes_and_the_province_member(client: Any) -> None:
    karo = client.get("/wilayah/12.06/").content.decode()
    assert "Mebidangro" in karo and "Partial: 4 kecamatan" in karo
    dki = client.get("/wilayah/31/").content.decode()
    assert "Kawasan Perkotaan Jabodetabek-Punjur" in dki
    assert 'data-testid="no-functional-areas"' in client.get("/wilayah/31.71/").content.decode()


def test_it_gives_functional_areas_in_the_api_region_detail(
    client_as: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_as("third_party")
    with django_assert_max_num_queries(8):
        body = client.get("/api/v1/regions/34.71").json()
    assert [a["code"] for a in body["functional_areas"]] == ["KARTAMANTUL"]
    assert body["functional_areas"][0]["confidence"] == "S" and body["functional_areas"][0]["source"]
    assert client.get("/api/v1/regions/11.09").json()["functional_areas"] == []


def test_it_lists_functional_areas_in_the_api(client_as: Any, django_assert_max_num_queries: Any) -> None:
    client = client_as("kabkota")
    with django_assert_max_num_queries(6):
        response = client.get("/api/v1/regions/functional-areas")
    assert response.status_code == 200
    body = response.json()
    assert len(body) == 12 and sum(len(a["members"]) for a in body) == 61
    kedungsepur = next(a for a in body if a["code"] == "KEDUNGSEPUR")
    assert kedungsepur["legal_basis"] == "Perpres 60/2022" and kedungsepur["weakest_confidence"] == "V"
    assert {m["region_code"] for m in kedungsepur["members"]} >= {"33.74", "33.22"}
    url = "/api/v1/regions/functional-areas"
    assert [a["code"] for a in client.get(url, {"kind": "economic_zone"}).json()] == ["BBK"]
    assert [a["code"] for a in client.get(url, {"region": "3471"}).json()] == ["KARTAMANTUL"]
    assert client.get(url, {"kind": "desa"}).status_code == 422


def test_it_shows_functional_areas_in_the_admin(client_as: Any) -> None:
    client = client_as("admin")
    area = FunctionalArea.objects.get(code="KARTAMANTUL")
    for url in [
        "/admin/regions/functionalarea/",
        "/admin/regions/functionalarea/?q=Sleman",
        f"/admin/regions/functionalarea/{area.pk}/change/",
        "/admin/regions/functionalareamember/?q=34.71",
        "/admin/regions/functionalareamember/add/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert (
        "Kabupaten Sleman" in client.get(f"/admin/regions/functionalarea/{area.pk}/change/").content.decode()
    )


def test_it_adds_a_member_in_the_admin_through_the_service(client_as: Any) -> None:
    area = FunctionalArea.objects.get(code="KARTAMANTUL")
    response = client_as("admin").post(
        "/admin/regions/functionalareamember/add/",
        {"area": area.pk, "region": "34.01", "confidence": "U", "source": "uji admin", "notes": ""},
    )
    assert response.status_code == 302
    assert area.members.filter(region_id="34.01", source="uji admin").exists()
    assert AuditEvent.objects.filter(action="regions.functional_area_member_added").count() == 1

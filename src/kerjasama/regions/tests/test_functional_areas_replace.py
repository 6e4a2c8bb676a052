"""``import-functional-areas`` with a truncated file: members are removed only on request, never by surprise.

A valid CSV cut off before its last rows (an interrupted download, a copy-paste that stopped short) looks like
"these members left the area". Removing needs ``--replace``; ``--dry-run`` lists what would go; a replace that
removes more than the configured share of an area's members needs ``--force``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kerjasama.affairs.services import read_source_dir
from kerjasama.core.errors import KerjasamaError
from kerjasama.core.models import AuditEvent
from kerjasama.regions.models import FunctionalAreaMember
from kerjasama.regions.tests.test_functional_areas import SHARED_CSV, csv_text, row, run_import, snapshot

pytestmark = pytest.mark.django_db

AREA = "KARTAMANTUL"  # the last area of the shared file: 34.71, 34.04, then 34.02 on the last line


def truncated(tmp_path: Path, drop_last: int) -> Path:
    lines = SHARED_CSV.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[-1].startswith(f"{AREA},") and ",34.02," in lines[-1]
    path = tmp_path / "functional_areas.csv"
    path.write_text("".join(lines[:-drop_last]), encoding="utf-8")
    return path


def members() -> set[str]:
    return set(FunctionalAreaMember.objects.filter(area__code=AREA).values_list("region_id", flat=True))


def test_it_keeps_members_a_truncated_file_leaves_out_unless_asked_to_replace(tmp_path: Path) -> None:
    status, out, _err = run_import(str(truncated(tmp_path, 1)))
    assert status == 0
    assert members() == {"34.71", "34.04", "34.02"}
    assert "members_removed: 0" in out
    assert f"not in the file, kept (use --replace to remove): {AREA} 34.02" in out


def test_it_lists_what_a_replace_would_remove_in_a_dry_run_and_changes_nothing(tmp_path: Path) -> None:
    before = snapshot()
    status, out, _err = run_import(str(truncated(tmp_path, 2)), "--replace", "--dry-run", "--json")
    assert status == 0
    result = json.loads(out)
    assert result["removed"] == [f"{AREA} 34.02", f"{AREA} 34.04"] and result["members_removed"] == 2
    assert result["dry_run"] is True
    status, text, _err = run_import(str(truncated(tmp_path, 2)), "--replace", "--dry-run")
    assert status == 0 and f"would be removed: {AREA} 34.02" in text
    assert snapshot() == before


def test_it_refuses_a_replace_over_the_share_without_force(tmp_path: Path) -> None:
    before = snapshot()
    status, out, err = run_import(str(truncated(tmp_path, 1)), "--replace", "--json")
    assert status == 2
    error = json.loads(out)["error"]
    assert error["code"] == "functional_areas.too_many_removals"
    assert "20%" in error["message_id"] and "--force" in error["message_en"]
    assert error["details"][0]["location"] == AREA and "34.02" in error["details"][0]["message_en"]
    assert "functional_areas.too_many_removals" in err
    assert snapshot() == before

    status, out, _err = run_import(str(truncated(tmp_path, 1)), "--replace", "--force", "--json")
    assert status == 0 and json.loads(out)["removed"] == [f"{AREA} 34.02"]
    assert members() == {"34.71", "34.04"}
    event = AuditEvent.objects.filter(action="regions.functional_areas_loaded").latest("pk")
    assert event.new is not None and event.new["removed"] == [f"{AREA} 34.02"]


def test_it_replaces_within_the_configured_share(tmp_path: Path, settings: Any) -> None:
    settings.KERJASAMA_FUNCTIONAL_AREAS_MAX_REMOVAL_SHARE = 0.5
    status, out, _err = run_import(str(truncated(tmp_path, 1)), "--replace")
    assert status == 0 and f"removed: {AREA} 34.02" in out
    assert members() == {"34.71", "34.04"}


# --- the caps every CSV import applies before parsing ----------------------------------------------------------


def test_it_refuses_a_functional_areas_csv_over_the_row_or_size_cap(tmp_path: Path, settings: Any) -> None:
    before = snapshot()
    path = tmp_path / "fa.csv"
    path.write_text(
        csv_text(row(), row(member_code="34.04", member_name="Kabupaten Sleman")), encoding="utf-8"
    )
    settings.KERJASAMA_IMPORT_MAX_ROWS = 1
    status, out, _err = run_import(str(path), "--json")
    assert status == 2 and json.loads(out)["error"]["code"] == "functional_areas.too_many_rows"
    settings.KERJASAMA_IMPORT_MAX_ROWS = 2
    settings.KERJASAMA_IMPORT_MAX_UNCOMPRESSED_BYTES = 100
    status, out, _err = run_import(str(path), "--json")
    assert status == 2 and json.loads(out)["error"]["code"] == "functional_areas.file_too_large"
    settings.KERJASAMA_IMPORT_MAX_UNCOMPRESSED_BYTES = 10_000
    assert run_import(str(path), "--no-db")[0] == 0  # at the caps: accepted
    assert snapshot() == before


def test_it_refuses_an_affairs_csv_over_the_row_cap(tmp_path: Path, settings: Any) -> None:
    (tmp_path / "urusan.csv").write_text("code,name\n" + "x,y\n" * 3, encoding="utf-8")
    (tmp_path / "authority_matrix.csv").write_text("code\n", encoding="utf-8")
    settings.KERJASAMA_IMPORT_MAX_ROWS = 2
    with pytest.raises(KerjasamaError) as refused:
        read_source_dir(tmp_path)
    assert refused.value.code == "affairs.too_many_rows"
    assert "urusan.csv" in refused.value.message_id and "2" in refused.value.message_en

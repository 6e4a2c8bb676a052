"""``kerjasama export-web-boundaries``: derived files from the source folder, nothing written on bad input."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

SOURCE = Path("/work/shared/data/boundaries")


def test_it_refuses_a_folder_without_the_sources_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("export_web_boundaries", str(tmp_path), "--out", str(out), stderr=err)
    assert exit_.value.code == 2
    assert "boundaries.missing_source" in err.getvalue() and "kabkota.geojson" in err.getvalue()
    assert not out.exists()


@pytest.mark.skipif(not SOURCE.is_dir(), reason="the shared boundary polygons are not on this machine")
def test_it_writes_the_files_the_maps_load(tmp_path: Path) -> None:
    stdout = io.StringIO()
    call_command("export_web_boundaries", str(SOURCE), "--out", str(tmp_path), "--json", stdout=stdout)
    report = json.loads(stdout.getvalue())
    assert report["files"]["kabkota.json"]["features"] == 514
    shipped = Path(__file__).resolve().parents[1] / "static" / "regions" / "boundaries" / "kabkota.json"
    assert (tmp_path / "kabkota.json").read_text(encoding="utf-8") == shipped.read_text(encoding="utf-8")

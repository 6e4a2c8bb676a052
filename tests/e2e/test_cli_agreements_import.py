"""`kerjasama import-agreements`: the register template, a rejected file, a dry run and a good import on a real
installation (issue 10, items 7 and 10), then `kerjasama map` reads what is now in force.

Runs on its own installation: the import puts Kota Yogyakarta-Kabupaten Sleman waste cooperation in force,
which would change what the shared installation's mapping tests expect."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.e2e.conftest import Instance, InstanceFactory

HEADER = [
    "jenis",
    "kategori",
    "judul",
    "nomor",
    "kode_daerah",
    "pihak_ketiga",
    "jenis_pihak_ketiga",
    "nib",
    "kode_urusan",
    "tanggal_mulai",
    "tanggal_berakhir",
    "nilai",
    "dianggarkan_apbd",
    "eksternalitas",
    "efisiensi",
]
GOOD = {
    "jenis": "KSDD",
    "kategori": "wajib",
    "judul": "Pengelolaan sampah regional Yogyakarta-Sleman (uji impor)",
    "nomor": "PKS/UJI/001/2023",
    "kode_daerah": "34.71; 34.04",
    "kode_urusan": "2.11",
    "tanggal_mulai": "2023-01-01",
    "tanggal_berakhir": "2099-12-31",
    "nilai": "1.500.000.000",
    "dianggarkan_apbd": "ya",
    "eksternalitas": "Sampah kota diangkut ke TPA di wilayah Sleman.",
}
KSDPK = {
    "jenis": "KSDPK",
    "judul": "Pengolahan sampah menjadi energi (uji impor)",
    "nomor": "PKS/UJI/002/2022",
    "kode_daerah": "34.71",
    "pihak_ketiga": "PT Energi Bersih Uji",
    "jenis_pihak_ketiga": "badan_usaha",
    "nib": "9120009876543",
    "kode_urusan": "2.11",
    "tanggal_mulai": "2022-03-01",
    "tanggal_berakhir": "2032-02-28",
}


@pytest.fixture(scope="module")
def importer(instance_factory: InstanceFactory) -> Instance:
    return instance_factory.create("agrimport")


def _write(template: Path, target: Path, rows: list[dict[str, Any]]) -> Path:
    book = load_workbook(io.BytesIO(template.read_bytes()))
    sheet = book["register"]
    for row in rows:
        sheet.append([row.get(code) for code in HEADER])
    book.save(target)
    return target


def _count(instance: Instance) -> int:
    return int(instance.counts("agreements.Agreement")["agreements.Agreement"])


def _new_partners(instance: Instance) -> set[str]:
    recs = json.loads(instance.ok("map", "--region", "34.71", "--affair", "2.11", "--json").stdout)
    return {r["partner"] for r in recs if r.get("kind", "new") != "extension"}


def test_it_writes_the_template_and_imports_all_or_nothing(importer: Instance) -> None:
    template = importer.root / "template.xlsx"
    importer.ok("import-agreements", "--template", str(template))
    book = load_workbook(template)
    assert book.sheetnames == ["register", "petunjuk"]
    assert [str(c.value).split()[0] for c in book["register"][1]] == HEADER

    # a blank template is refused, nothing imported
    blank = importer.run("import-agreements", str(template))
    assert blank.returncode == 1 and "agreements.empty_import" in blank.stderr

    before = _count(importer)
    assert "34.04" in _new_partners(importer), "the engine recommends the pair before the import"

    bad = _write(template, importer.root / "bad.xlsx", [GOOD, {**KSDPK, "tanggal_berakhir": "2023-02-30"}])
    rejected = importer.run("import-agreements", str(bad))
    assert rejected.returncode == 1
    assert "baris/row 3, kolom/column tanggal_berakhir" in rejected.stderr
    assert "2023-02-30" in rejected.stderr
    assert _count(importer) == before

    good = _write(template, importer.root / "good.xlsx", [GOOD, KSDPK])
    dry = json.loads(importer.ok("import-agreements", str(good), "--dry-run", "--json").stdout)
    assert dry["dry_run"] is True and dry["rows"] == dry["checked"] == 2 and dry["created"] == 0
    assert _count(importer) == before

    report = json.loads(importer.ok("import-agreements", str(good), "--json").stdout)
    assert report["created"] == 2 and report["dry_run"] is False
    assert _count(importer) == before + 2
    listed = {r["number"]: r for r in importer.json("agreements", "--region", "34.04")}
    assert listed["PKS/UJI/001/2023"]["status"] == "pelaksanaan"

    # the same file again: every row is already in the register
    again = importer.run("import-agreements", str(good))
    assert again.returncode == 1 and "agreements.import_rejected" in again.stderr
    assert _count(importer) == before + 2

    # the mapping engine reads the register: the pair in force is no longer a new recommendation
    assert "34.04" not in _new_partners(importer)


def test_it_exits_2_on_an_unreadable_file(importer: Instance) -> None:
    junk = importer.root / "junk.xlsx"
    junk.write_bytes(b"this is not a workbook")
    result = importer.run("import-agreements", str(junk))
    assert result.returncode == 2 and "agreements.bad_upload" in result.stderr
    missing = importer.run("import-agreements", str(importer.root / "missing.xlsx"))
    assert missing.returncode == 2 and "agreements.bad_upload" in missing.stderr

"""The profile XLSX import under hostile files: caps checked before parsing, nothing read inside a transaction.

A 1.93 MB workbook of 3.2 million empty rows once held SQLite's write lock for two minutes. The hostile files
here are written straight into a zip as a stream of sheet XML (openpyxl would take minutes to write them).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.db import connection
from openpyxl import load_workbook

from kerjasama.core.errors import KerjasamaError
from kerjasama.core.models import AuditEvent
from kerjasama.mapping.models import IndicatorValue
from kerjasama.mapping.services import import_profile_xlsx, profile_template_xlsx
from kerjasama.regions.models import Region

pytestmark = pytest.mark.django_db

HOSTILE_ROWS = 3_200_000
_PACKAGE = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="profil" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}
_HEADER = ["kode_indikator", "indikator", "satuan", "tahun", "nilai", "sumber"]


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _sheet_rows(region: str, data_rows: int, dimension: str) -> Iterator[bytes]:
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData><row r="1">{_cell("A1", "kode_wilayah")}{_cell("B1", region)}</row>'
        f'<row r="2">{"".join(_cell(f"{col}2", name) for col, name in zip("ABCDEF", _HEADER, strict=True))}</row>'
    ).encode()
    # Rows without a number (each is the next one) and one empty cell: millions compress to little.
    chunk = 100_000
    for start in range(0, data_rows, chunk):
        yield b"<row><c/></row>" * min(chunk, data_rows - start)
    yield b"</sheetData></worksheet>"


def write_hostile_xlsx(path: Path, *, region: str, data_rows: int, dimension: str = "") -> Path:
    """An XLSX whose one sheet has ``data_rows`` empty-ish rows below the template's two head rows; the sheet's
    ``dimension`` says so unless another one is given."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in _PACKAGE.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            for part in _sheet_rows(region, data_rows, dimension or f"A1:F{data_rows + 2}"):
                sheet.write(part)
    return path


@pytest.fixture(scope="module")
def hostile_xlsx(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("hostile") / "profil-34.71.xlsx"
    return write_hostile_xlsx(path, region="34.71", data_rows=HOSTILE_ROWS).read_bytes()


@pytest.fixture
def parse_spy(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Records, each time the import opens a workbook, how many transactions (atomic blocks) are open beyond
    the test's own."""
    outer = len(connection.atomic_blocks)
    depths: list[int] = []
    real: Callable[..., Any] = openpyxl.load_workbook

    def spy(*args: Any, **kwargs: Any) -> Any:
        depths.append(len(connection.atomic_blocks) - outer)
        return real(*args, **kwargs)

    monkeypatch.setattr(openpyxl, "load_workbook", spy)
    return depths


def counts() -> tuple[int, int]:
    return IndicatorValue.objects.count(), AuditEvent.objects.count()


def test_it_refuses_millions_of_rows_from_the_zip_directory_before_parsing(
    persona: Any, hostile_xlsx: bytes, parse_spy: list[int]
) -> None:
    assert len(hostile_xlsx) < 2 * 1024 * 1024  # small enough to pass the upload size check
    before = counts()
    with pytest.raises(KerjasamaError) as refused:
        import_profile_xlsx(
            actor=persona("kabkota"), region=Region.objects.get(code="34.71"), content=hostile_xlsx
        )
    assert refused.value.code == "mapping.archive_too_large"
    assert refused.value.http_status == 413
    assert "terlalu besar" in refused.value.message_id and "too large" in refused.value.message_en
    assert parse_spy == []  # refused from the directory: the sheet was never parsed
    assert counts() == before


def test_it_stops_reading_at_the_row_cap(
    persona: Any, tmp_path: Path, settings: Any, parse_spy: list[int]
) -> None:
    settings.KERJASAMA_IMPORT_MAX_ROWS = 50
    content = write_hostile_xlsx(tmp_path / "long.xlsx", region="34.71", data_rows=51).read_bytes()
    before = counts()
    with pytest.raises(KerjasamaError) as refused:
        import_profile_xlsx(
            actor=persona("kabkota"), region=Region.objects.get(code="34.71"), content=content
        )
    assert refused.value.code == "mapping.too_many_rows"
    assert "50" in refused.value.message_id and "50" in refused.value.message_en
    assert parse_spy == [0]  # parsed outside any transaction
    assert counts() == before


def test_it_accepts_a_file_at_the_row_cap(persona: Any, tmp_path: Path, settings: Any) -> None:
    settings.KERJASAMA_IMPORT_MAX_ROWS = 50
    content = write_hostile_xlsx(tmp_path / "full.xlsx", region="34.71", data_rows=50).read_bytes()
    # Read to the end (not refused as too long); its 50 rows hold no value, so nothing is imported.
    with pytest.raises(KerjasamaError) as refused:
        import_profile_xlsx(actor=persona("kabkota"), region=Region.objects.get(code="34.71"), content=content)
    assert refused.value.code == "mapping.empty_import"


def test_it_counts_rows_whatever_the_sheet_dimension_claims(
    persona: Any, tmp_path: Path, settings: Any
) -> None:
    settings.KERJASAMA_IMPORT_MAX_ROWS = 50
    path = write_hostile_xlsx(tmp_path / "lying.xlsx", region="34.71", data_rows=51, dimension="A1:F3")
    with pytest.raises(KerjasamaError) as refused:
        import_profile_xlsx(
            actor=persona("kabkota"), region=Region.objects.get(code="34.71"), content=path.read_bytes()
        )
    assert refused.value.code == "mapping.too_many_rows"


def test_it_refuses_an_archive_over_the_unpacked_cap(persona: Any, settings: Any) -> None:
    settings.KERJASAMA_IMPORT_MAX_UNCOMPRESSED_BYTES = 1_000
    content = profile_template_xlsx(Region.objects.get(code="34.71"))
    with pytest.raises(KerjasamaError) as refused:
        import_profile_xlsx(
            actor=persona("kabkota"), region=Region.objects.get(code="34.71"), content=content
        )
    assert refused.value.code == "mapping.archive_too_large"


def test_it_parses_outside_the_transaction_and_writes_inside_one(persona: Any, parse_spy: list[int]) -> None:
    book = load_workbook(io.BytesIO(profile_template_xlsx(Region.objects.get(code="34.71"))))
    sheet = book.active
    assert sheet is not None
    for row in sheet.iter_rows(min_row=3):
        if row[0].value == "waste_coverage":
            row[3].value, row[4].value, row[5].value = 2025, 45, "DLH (uji)"
    out = io.BytesIO()
    book.save(out)
    report = import_profile_xlsx(
        actor=persona("kabkota"), region=Region.objects.get(code="34.71"), content=out.getvalue()
    )
    assert parse_spy == [0]
    assert report.saved == 1
    assert IndicatorValue.objects.get(region_id="34.71", indicator_id="waste_coverage", year=2025).value == 45

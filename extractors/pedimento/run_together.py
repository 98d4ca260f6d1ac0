"""A partida's unit price and precio pagado printed so close that the text layer runs them into one word.

Forms drawn cell by cell print the unit price right-aligned in its cell and the precio pagado from the left of
the next one, so the two figures touch: ``0.93252304`` is 0.93252 and 304, ``43.43413705,544`` is 43.43413 and
705,544. Where the split falls the form's own arithmetic says: PRECIO UNIT. × CANTIDAD UMC = PRECIO PAGADO
(Anexo 22). Every split into two well-formed figures is tried, either figure first; the word is split only when
exactly one of them agrees, so a value that merely has many decimals is never cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from extractors.layout import Cell, Record, parse_number

# A figure as printed: thousands grouped by commas or not, decimals after a point; no leading zero but "0.…".
_FIGURE_RE = re.compile(r"(?:0|[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*)(?:\.(\d+))?")
# How far precio pagado may stand from unit price × quantity: the pesos are rounded, and a paid price is
# sometimes a cent or a rounding away (half a percent), beyond the unit price's own rounding.
_TOLERANCE = 0.005
# Decimals of a unit price as Anexo 22 prints it.
_UNIT_DECIMALS = 5


def split_prices(record: Record) -> None:
    """Give the unit price and the precio pagado their own words when one word holds both (see the module)."""
    unit, paid = record.cells.get("unit_price"), record.cells.get("paid_price_mxn")
    qty = parse_number(record.text("umc_quantity"))
    if qty is None or not qty[0]:
        return
    cells = [c for c in (unit, paid) if c is not None and c.words]
    if len(cells) != 1 or len(cells[0].words) != 1:
        return  # both figures have words of their own, or neither is there
    word = cells[0].words[0]
    # the columns' order is not known here: either figure may come first, and the arithmetic says which
    options = [
        (unit_first, s) for unit_first in (True, False) for s in _splits(word.text, unit_first) if _agree(*s, qty[0])
    ]
    if len(options) != 1:
        return
    unit_first, (unit_text, paid_text, _unit_value, _paid_value) = options[0]
    left, right = _cut(word, len(unit_text if unit_first else paid_text))
    page = cells[0].page
    record.cells["unit_price"] = Cell(words=[left if unit_first else right], page=page)
    record.cells["paid_price_mxn"] = Cell(words=[right if unit_first else left], page=page)


def split_unit_and_value_added(record: Record) -> None:
    """Give the unit price and the value added their own words when one word holds both and the precio pagado
    stands apart (``1434.01897234,629``: 1434.01897 and 234,629): the cut is the one whose unit price times the
    quantity is the precio pagado read, and only when exactly one cut agrees."""
    unit, added = record.cells.get("unit_price"), record.cells.get("value_added")
    qty = parse_number(record.text("umc_quantity"))
    paid = parse_number(record.text("paid_price_mxn"))
    if qty is None or not qty[0] or paid is None or len(record.text("paid_price_mxn").split()) != 1:
        return
    cells = [c for c in (unit, added) if c is not None and c.words]
    if len(cells) != 1 or len(cells[0].words) != 1:
        return
    word = cells[0].words[0]
    if parse_number(word.text) is not None and _FIGURE_RE.fullmatch(word.text):
        return  # one well-formed figure: nothing run together
    # the unit price is printed before the value added (Anexo 22's order), its figure first in the word
    options = [
        (unit_text, rest)
        for unit_text, rest, unit_value, _rest_value in _splits(word.text, True)
        if _agree(unit_text, rest, unit_value, paid[0], qty[0])
    ]
    if len(options) > 1:
        # the unit price's own figure has the five decimals of Anexo 22's PRECIO UNIT.; the ones past it are the
        # value added's first digits
        options = [option for option in options if _decimals(option[0]) == _UNIT_DECIMALS]
    if len(options) != 1:
        return
    left, right = _cut(word, len(options[0][0]))
    page = cells[0].page
    record.cells["unit_price"] = Cell(words=[left], page=page)
    record.cells["value_added"] = Cell(words=[right], page=page)


def _splits(text: str, unit_first: bool) -> list[tuple[str, str, float, float]]:
    """(unit text, paid text, unit, paid) for every cut of ``text`` into two well-formed figures."""
    out = []
    for k in range(1, len(text)):
        a, b = text[:k], text[k:]
        if not (_FIGURE_RE.fullmatch(a) and _FIGURE_RE.fullmatch(b)):
            continue
        unit_text, paid_text = (a, b) if unit_first else (b, a)
        if _decimals(paid_text) > 2:
            continue  # money is printed in pesos, or pesos and cents
        out.append((unit_text, paid_text, _figure(unit_text), _figure(paid_text)))
    return out


def _figure(text: str) -> float:
    return float(text.replace(",", ""))


def _decimals(figure: str) -> int:
    match = _FIGURE_RE.fullmatch(figure)
    return len(match.group(1) or "") if match else 0


def _agree(unit_text: str, _paid_text: str, unit: float, paid: float, qty: float) -> bool:
    rounding = qty * 0.5 * 10.0 ** -_decimals(unit_text)
    return bool(abs(unit * qty - paid) <= max(1.0, _TOLERANCE * paid) + rounding)


@dataclass
class _Part:
    """One figure of a word that held two, with its share of the word's box."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float


def _cut(word: Any, at: int) -> tuple[_Part, _Part]:
    """The word as two words, its box shared out by characters (a text layer's digits are even enough)."""
    box = getattr(word, "original", None) or word
    split_x = box.x0 + (box.x1 - box.x0) * at / max(1, len(word.text))
    conf = float(word.confidence)
    left = _Part(word.text[:at], box.x0, box.top, split_x, box.bottom, conf)
    right = _Part(word.text[at:], split_x, box.top, box.x1, box.bottom, conf)
    return left, right


# Eight digits of fracción and a three-digit SEC, with nothing between them.
_FRACCION_AND_SEC_RE = re.compile(r"\d{8}(\d{3})")


def split_fraccion_and_sec(record: Record) -> None:
    """The fracción and the partida's SEC run into one word (``39079101001``: fracción 39079101, SEC 001).

    Some systems print the SEC with three digits hard against the fracción, and their text layers give the two
    as one eleven-digit word (a fracción with its NICO has ten). Read with the SEC column empty, the last three
    digits are the SEC when they make a sequence number (1 or more); the eight before them are the fracción.
    """
    seq, fraccion = record.cells.get("sequence"), record.cells.get("tariff_code")
    if (seq is not None and seq.words) or fraccion is None or len(fraccion.words) != 1:
        return
    word = fraccion.words[0]
    match = _FRACCION_AND_SEC_RE.fullmatch(word.text)
    if match is None or int(match.group(1)) < 1:
        return
    left, right = _cut(word, 8)
    record.cells["tariff_code"] = Cell(words=[left], page=fraccion.page)
    record.cells["sequence"] = Cell(words=[right], page=fraccion.page)

"""A scanned partida's cells put right before they are parsed: what OCR does to a row's layout, not to its
characters. A figure broken at its decimal point (``70889 .83``) is one figure; the two countries (P. V/C and
P. O/D) land in one column, or in the quantity's beside them, when OCR misreads one of their column labels
(``P.v/Cc``, ``Bc 0/D``) and the column is not found.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from extractors.entities.normalise import country_code
from extractors.layout import Cell, Record

# Cells that hold one figure each.
FIGURES = ("customs_value_mxn", "paid_price_mxn", "unit_price", "value_added", "umc_quantity", "umt_quantity")
# A figure's decimals OCR split off as a word of their own; a comma only with one or two digits (three are a
# thousands group).
_DECIMALS_RE = re.compile(r"[.:]\d{1,5}|,\d{1,2}")
_WHOLE_RE = re.compile(r"\d[\d,]*")


def join_split_figures(record: Record) -> None:
    """A figure OCR broke at its decimal point, the decimals a word of their own just right of the whole
    part, is one figure (otherwise the decimals are lost, or taken for the next value)."""
    for key in FIGURES:
        cell = record.cells.get(key)
        if cell is None or len(cell.words) < 2:
            continue
        words: list[Any] = []
        for word in cell.words:
            before = words[-1] if words else None
            if before is not None and _split_from(before, word):
                words[-1] = dataclasses.replace(
                    before,
                    text=before.text + "." + word.text[1:],
                    x1=word.x1,
                    bottom=max(before.bottom, word.bottom),
                    confidence=min(before.confidence, word.confidence),
                )
            else:
                words.append(word)
        cell.words = words


def _split_from(before: Any, word: Any) -> bool:
    height = max(1.0, before.bottom - before.top)
    return (
        _DECIMALS_RE.fullmatch(word.text) is not None
        and _WHOLE_RE.fullmatch(before.text) is not None
        and abs(word.top - before.top) < 0.5 * height
        and word.x0 - before.x1 < 1.5 * height
    )


COUNTRY_CELLS = ("seller_buyer_country", "origin_destination_country")
# Cells beside the countries where a country lands when its column's label was not found.
_NEIGHBOURS = ("umt_quantity", "umc_quantity", "method", "vinc", "nico")


def _is_country(text: str) -> bool:
    token = text.strip(" .,:;")
    return len(token) == 3 and token.isupper() and country_code(token) == token


def place_countries(record: Record) -> None:
    """The partida's two countries in their columns: two in one country column (the other empty) are P. V/C
    then P. O/D, the order every print format has; one in a neighbouring column goes to the country column left
    empty. Countries already one per column are left as read."""
    cells = record.cells
    found = {key: [w for w in cells[key].words if _is_country(w.text)] if key in cells else [] for key in COUNTRY_CELLS}
    strays = [(key, w) for key in _NEIGHBOURS if key in cells for w in cells[key].words if _is_country(w.text)]
    if all(len(ws) == 1 for ws in found.values()) or len(strays) > 1:
        return
    counts = sorted(len(ws) for ws in found.values())
    if counts == [0, 2] and not strays:
        both = sorted(found[COUNTRY_CELLS[0]] + found[COUNTRY_CELLS[1]], key=lambda w: w.x0)
    elif counts == [0, 1] and strays:
        both = sorted([*found[COUNTRY_CELLS[0]], *found[COUNTRY_CELLS[1]], strays[0][1]], key=lambda w: w.x0)
        cells[strays[0][0]].words.remove(strays[0][1])
    else:
        return
    page = next(cells[key].page for key in (*COUNTRY_CELLS, *_NEIGHBOURS) if key in cells)
    for key, word in zip(COUNTRY_CELLS, both, strict=True):
        cells[key] = Cell(words=[word], page=page)


def value_added_from_part(record: Record) -> None:
    """A VAL. AGREG. figure OCR set in the part number's cell beside it (``0|MX76303-89``: a ruling line read
    as a bar, the words split there) is the value added, when that cell is otherwise empty."""
    part, added = record.cells.get("part_number"), record.cells.get("value_added")
    if part is None or len(part.words) < 2 or (added is not None and added.words):
        return
    first = part.words[0]
    if re.fullmatch(r"\d[\d,]*(\.\d+)?", first.text.strip("|[]{}")) is None:
        return
    record.cells["value_added"] = Cell(words=[first], page=part.page)
    part.words = part.words[1:]


def description_from_part(record: Record) -> None:
    """The end of a description that ran on under the part number's header: a grid whose description column is
    narrow prints its text up to the next column (``CINTA ADHESIVA DE`` ``PLASTICO`` ``PN47817-04``). Words of
    letters before the part number's code, a space after the description's last word on its line and farther
    from the code than from it, are the description's (a part number is one code, with a digit)."""
    desc, part = record.cells.get("description"), record.cells.get("part_number")
    if desc is None or part is None or not desc.words or len(part.words) < 2:
        return
    code_at = next((k for k, w in enumerate(part.words) if any(ch.isdigit() for ch in w.text)), 0)
    lead = part.words[:code_at]
    if not lead or not all(w.text.strip(".,;").isalpha() for w in lead):
        return
    height = max(1.0, lead[0].bottom - lead[0].top)
    if any(abs(w.top - lead[0].top) > 0.5 * height for w in part.words[: code_at + 1]):
        return
    before = [w for w in desc.words if abs(w.top - lead[0].top) < 0.5 * height and w.x1 <= lead[0].x0]
    if not before:
        return
    last = max(before, key=lambda w: w.x1)
    inner, outer = lead[0].x0 - last.x1, part.words[code_at].x0 - lead[-1].x1
    if inner > height or outer <= 2 * inner:
        return
    part.words = part.words[code_at:]
    at = next(k for k, w in enumerate(desc.words) if w is last) + 1
    desc.words[at:at] = lead


def without_margin_words(record: Record) -> None:
    """The description without words standing far left of the partida's SEC, the table's first column: outside the
    table, in the page's margin (a screenshot's menu of the site beside the grid, ``Inicio``, ``Facturas``). Nothing
    of a partida is printed left of its number by more than a few characters."""
    desc, seq = record.cells.get("description"), record.cells.get("sequence")
    if desc is None or seq is None or not desc.words or not seq.words:
        return
    left = min(w.x0 for w in seq.words)
    kept = [w for w in desc.words if w.x1 >= left - 3 * max(1.0, w.bottom - w.top)]
    if kept:
        desc.words = kept

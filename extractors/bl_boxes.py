"""Values a B/L prints in a ruled box under a caption of one word, where no label of a field stands, and the order
of its numeric dates told by a date printed with its month named (helpers for ``extractors.bill_of_lading``)."""

from __future__ import annotations

import re
from typing import Any

from extractors.layout import PageLayout, norm

# a freight caption over its box: the word alone, or with the word that says which of its particulars
_FREIGHT_CAPTION = {"FREIGHT", "FLETE"}
_CAPTION_TAIL = {"TERMS", "TERM", "PAYABLE", "PAYMENT", "CHARGES", "CONDITIONS"}
# the terms alone in the box (the word, not a clause that names them)
_TERMS_WORDS = {"PREPAID": "prepaid", "COLLECT": "collect", "PAGADO": "prepaid", "PREPAGADO": "prepaid"}
# how far under the caption's line the box's value may stand, in the caption's heights
BOX_DEPTH = 3.5
# the widest space between two words of one cell, in text heights
CELL_SPACE = 2.5


def cells_of(words: list[Any], height: float) -> list[list[Any]]:
    """A line's words cut at every gutter (a space wider than a cell's)."""
    cells: list[list[Any]] = []
    for word in words:
        if cells and word.x0 - cells[-1][-1].x1 <= CELL_SPACE * height:
            cells[-1].append(word)
        else:
            cells.append([word])
    return cells


def terms_under_caption(pages: list[PageLayout]) -> str | None:
    """Freight terms printed alone in the box under a ``FREIGHT`` caption that stands alone in its cell (a row of
    ruled boxes: ``FREIGHT | LADEN ON BOARD | PLACE AND DATE OF ISSUE`` over ``PREPAID | 08.03.2025 | ...``)."""
    for lay in pages:
        for li, line in enumerate(lay.lines[:-1]):
            for cell in cells_of(line.words, line.height):
                tokens = [norm(w.text) for w in cell if norm(w.text)]
                if not tokens or tokens[0] not in _FREIGHT_CAPTION or not set(tokens[1:]) <= _CAPTION_TAIL:
                    continue
                below = lay.lines[li + 1]
                if below.top - line.bottom > BOX_DEPTH * line.height:
                    continue
                x0, x1 = cell[0].x0, cell[-1].x1
                for under in cells_of(below.words, below.height):
                    if under[0].x0 < x0 - 2 * line.height or under[0].x0 > x1:
                        continue
                    said = " ".join(norm(w.text) for w in under)
                    if said in _TERMS_WORDS:
                        return _TERMS_WORDS[said]
                    if re.fullmatch(r"PORCOBRAR", said.replace(" ", "")):
                        return "collect"
    return None


_MONTHS = {
    "JAN": 1, "ENE": 1, "FEB": 2, "MAR": 3, "APR": 4, "ABR": 4, "MAY": 5, "JUN": 6, "JUL": 7, "AUG": 8, "AGO": 8,
    "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12, "DIC": 12,
}  # fmt: skip
_SEP = r"[\s\-~.,/]{1,3}"
_MONTH_DAY = re.compile(rf"\b([A-Z]{{3}})[A-Z]*{_SEP}(\d{{1,2}}){_SEP}(\d{{4}})\b")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}}){_SEP}([A-Z]{{3}})[A-Z]*{_SEP}(\d{{4}})\b")
_EITHER_WAY = re.compile(r"(?<![\d/.\-])(\d{1,2})[/\-](\d{1,2})[/\-](\d{4})(?![\d/])")


def month_named_order(text: str) -> bool | None:
    """Whether the numeric dates that read either way (``11/05/2024``) are month first (True) or day first
    (False), told by the same day printed with its month named elsewhere on the document (a fax's header line,
    ``NOV-05-2024``); None when no such date tells."""
    upper = text.upper()
    named: set[tuple[int, int, int]] = set()
    for match in _MONTH_DAY.finditer(upper):
        if match.group(1) in _MONTHS:
            named.add((int(match.group(3)), _MONTHS[match.group(1)], int(match.group(2))))
    for match in _DAY_MONTH.finditer(upper):
        if match.group(2) in _MONTHS:
            named.add((int(match.group(3)), _MONTHS[match.group(2)], int(match.group(1))))
    votes = set()
    for match in _EITHER_WAY.finditer(upper):
        a, b, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
        if a == b or a > 12 or b > 12:
            continue
        if (year, a, b) in named:
            votes.add(True)
        if (year, b, a) in named:
            votes.add(False)
    return votes.pop() if len(votes) == 1 else None


def after_slash(pages: list[PageLayout], found: Any) -> bool:
    """Whether a value read right of its label follows a slash printed as a word of its own: the second half of
    a joint caption ("CARRIER NAME / SCAC", its code OCR misread so that no label matched it), not the value."""
    if not found.words:
        return False
    first = found.words[0]
    for lay in pages:
        if lay.number != found.page:
            continue
        for line in lay.lines:
            if first in line.words:
                k = line.words.index(first)
                return k > 0 and line.words[k - 1].text.strip() == "/"
    return False

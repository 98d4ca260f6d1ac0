"""A rectified pedimento's superseded values, never a field's value.

A pedimento's data may be rectified after payment (Ley Aduanera art. 89; RGCE 6.1.1: a rectification pedimento,
clave R1, restates them). A reprint of the pedimento as its data now stand may print the header values that
changed as a table ``CAMPO | DICE | DEBE DECIR``, the way Mexican offices print a correction: the field, what the
document said, and what it must say. The ``DICE`` column's values are superseded; the ``DEBE DECIR`` ones stand.
Their words are taken out of the pages the header's labels are read on, so a field's label in the ``CAMPO``
column is read with the value that stands (the partidas' rows marked so are told in ``partidas``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from extractors.layout import Line, PageLayout, norm
from extractors.pedimento.partidas import STANDING_MARK, SUPERSEDED_MARK

# how far under the heading the table may run
_TABLE_LINES = 16
# the widest space between two of the table's lines, in text heights (a table's rows are printed close together)
_ROW_GAP = 1.2


def without_superseded(pages: Sequence[PageLayout]) -> list[PageLayout]:
    """The pages without the values of the ``DICE`` column of a ``DICE | DEBE DECIR`` table (pages without one
    are returned as they are)."""
    return [_page_without(lay) for lay in pages]


def _page_without(lay: PageLayout) -> PageLayout:
    lines = list(lay.lines)
    changed = False
    for li, line in enumerate(lay.lines):
        heading = _heading(line)
        if heading is None:
            continue
        left, right = heading
        for lj in range(li + 1, min(len(lines), li + 1 + _TABLE_LINES)):
            below, above = lines[lj], lines[lj - 1]
            if below.top - above.bottom > _ROW_GAP * max(1.0, above.height):
                break
            if not any((w.x0 + w.x1) / 2 >= right for w in below.words if norm(w.text)):
                break  # a row with nothing that stands: the table is over
            words = [w for w in below.words if not left <= (w.x0 + w.x1) / 2 < right]
            if len(words) < len(below.words):
                lines[lj] = Line(words=words, top=below.top, bottom=below.bottom, tokens=[norm(w.text) for w in words])
                changed = True
    if not changed:
        return lay
    return PageLayout(number=lay.number, width=lay.width, height=lay.height, lines=lines, ocr=lay.ocr)


def _heading(line: Line) -> tuple[float, float] | None:
    """The span of the ``DICE`` column, (left edge, right edge), when the line heads a ``DICE | DEBE DECIR`` table:
    from halfway between the heading before DICE (the field's, ``CAMPO``) and DICE, or as far left of DICE as DEBE
    DECIR stands right of it, to halfway between DICE and DEBE DECIR."""
    tokens = line.tokens
    for k, word in enumerate(tokens):
        if word != SUPERSEDED_MARK:
            continue
        after = next((j for j in range(k + 1, len(tokens) - 1) if (tokens[j], tokens[j + 1]) == STANDING_MARK), None)
        if after is None:
            continue
        dice, debe = line.words[k], line.words[after]
        gap = debe.x0 - dice.x1
        before: Any = next((w for w in reversed(line.words[:k]) if norm(w.text)), None)
        left = max(dice.x0 - gap, before.x1 if before is not None else 0.0)
        if before is not None:
            left = max(left, (before.x1 + dice.x0) / 2)
        return left, (dice.x1 + debe.x0) / 2
    return None

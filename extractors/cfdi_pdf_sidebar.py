"""A sidebar of fiscal data beside the main column of a CFDI printout.

Invoicing services print the CFDI's data (serie, folio, folio fiscal, fecha, moneda, tipo de cambio …) as small
captions over their values in a shaded band down one side of every page, and the conceptos table in the narrower
main column beside it. The text of the band then runs on the same lines as the conceptos: a description would take
the band's captions for its own words, a figure the band's values. A blank gutter that no word of the page crosses,
from its top to its bottom, sets the band apart; the band's words become lines of their own, read after the main
column's (a column of its own, as a reader takes it in).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from extractors import layout

# the gutter's least width, in the page's text heights (a space between words is under one)
GUTTER = 2.0
# the band's greatest width, as a share of the width the page's words span
NARROW = 0.4
# how many of the header's captions (distinct fields) the band must hold to be the fiscal data's
CAPTIONS = 3


def _gaps(words: list[Any]) -> list[tuple[float, float]]:
    """The blank bands in x between the words of the page (no word's box crosses them), left to right."""
    spans = sorted((float(w.x0), float(w.x1)) for w in words)
    gaps: list[tuple[float, float]] = []
    right = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 > right:
            gaps.append((right, x0))
        right = max(right, x1)
    return gaps


def split_sidebar(page: layout.PageLayout, captions: Callable[[layout.PageLayout], list[Any]]) -> bool:
    """Take a band of fiscal data set apart by a gutter out of the page's lines (see the module's doc): its words
    become lines of their own after the main column's. ``captions`` gives a page's label hits. True when split."""
    words = [w for line in page.lines for w in line.words]
    if len(words) < 10:
        return False
    height = layout.median_line_height(page)
    left, right = min(float(w.x0) for w in words), max(float(w.x1) for w in words)
    for start, end in sorted(_gaps(words), key=lambda gap: gap[0] - gap[1]):
        if end - start < GUTTER * height:
            break
        side_right = right - end < start - left
        width = right - end if side_right else start - left
        if width > NARROW * (right - left):
            continue

        def in_band(word: Any, side_right: bool = side_right, start: float = start, end: float = end) -> bool:
            return float(word.x0) >= end if side_right else float(word.x1) <= start

        shared = [line for line in page.lines if any(map(in_band, line.words)) and not all(map(in_band, line.words))]
        if not shared:
            continue
        keys = {
            hit.key
            for hit in captions(page)
            if all(in_band(w) for w in page.lines[hit.line].words[hit.start : hit.end + 1])
        }
        if len(keys) < CAPTIONS:
            continue
        main: list[layout.Line] = []
        band: list[layout.Line] = []
        for line in page.lines:
            for words_, out in (
                ([w for w in line.words if not in_band(w)], main),
                ([w for w in line.words if in_band(w)], band),
            ):
                if words_:
                    out.append(
                        layout.Line(
                            words=words_,
                            top=min(float(w.top) for w in words_),
                            bottom=max(float(w.bottom) for w in words_),
                            tokens=[layout.norm(w.text) for w in words_],
                        )
                    )
        page.lines = main + band
        return True
    return False


# how many columns a header line must name to head a table whose side may hold a block of its own
TABLE_COLUMNS = 3


def _line_of(words: list[Any]) -> layout.Line:
    return layout.Line(
        words=words,
        top=min(float(w.top) for w in words),
        bottom=max(float(w.bottom) for w in words),
        tokens=[layout.norm(w.text) for w in words],
    )


def split_beside_table(page: layout.PageLayout, columns: dict[str, Any]) -> bool:
    """Take a block of labelled values printed beside a table (a complement's data, "Clave de pedimento: A1",
    "Incoterm: DAP", "Total USD: …", left of the mercancías' table) out of the table's lines: on the table's
    header line (one naming :data:`TABLE_COLUMNS` columns at least) words, a label among them, that end a
    gutter (:data:`GUTTER` text heights) before its first heading, and on the lines under it the words before
    that gutter, down to a line with a word across the gutter or a blank band, become lines of their own after
    the page's others. Read on the rows, the block's labels would be the first column's values and its "Total"
    would end the table."""
    height = layout.median_line_height(page)
    hits: dict[int, list[Any]] = {}
    for hit in layout.find_labels(page, columns):
        if not hit.key.startswith("_"):
            hits.setdefault(hit.line, []).append(hit)
    for index, found in sorted(hits.items()):
        if len({hit.key for hit in found}) < TABLE_COLUMNS:
            continue
        start = min(hit.x0 for hit in found)
        gutter = start - GUTTER * height
        header = page.lines[index]
        # a labelled value beside the header ("Tipo operación: 2"), not a column the header leaves unnamed ("#")
        if not any(float(w.x1) <= gutter and w.text.endswith(":") for w in header.words):
            continue
        kept: list[layout.Line] = []
        block: list[layout.Line] = []
        end = index
        for line in page.lines[index:]:
            if any(float(w.x0) < start and float(w.x1) > gutter for w in line.words):
                break
            if end > index and line.top - page.lines[end - 1].bottom > 2 * height:
                break
            left = [w for w in line.words if float(w.x1) <= gutter]
            right = [w for w in line.words if float(w.x1) > gutter]
            if right:
                kept.append(_line_of(right))
            if left:
                block.append(_line_of(left))
            end += 1
        page.lines = page.lines[:index] + kept + page.lines[end:] + block
        return True
    return False

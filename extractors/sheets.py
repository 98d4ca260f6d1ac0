"""Two pages printed side by side on one sheet, told apart and read as two pages in order.

A print dialog's "2 pages per sheet" puts two consecutive pages of a document, scaled down, on one landscape
sheet; a book or a stapled set scanned open shows two facing pages on one image. Their lines stand at the same
heights, so a reader grouping words into lines would join the left page's ``NUM. PEDIMENTO`` with the right
page's partida row. Such a sheet is recognised by what the two pages leave on it: a gutter down the middle that
no word crosses over the whole height of the pages, words on both sides of it over most of that height, and each
page's own header (its title, its ``Página 1 de 4``) repeated at the same height on both sides. Only the sheet's
own top and bottom margins may hold words across the gutter (the print dialog's ``Impreso ... Hoja 1 de 2``).

The sheet is then read as two pages, the left one first; each word keeps its place within its page. The result's
fields and lines point back at the sheet (:func:`place_on_sheets`), which is what a person sees.
"""

from __future__ import annotations

import dataclasses
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from extractors.layout.lines import Line, group_lines
from extractors.text import DocumentText, PageText, Word

# the gutter lies within this share of the sheet's width around its middle
MIDDLE = (0.3, 0.7)
# the sheet's own header and footer bands (share of its height): words there may cross the gutter
SHEET_MARGIN = 0.07
# the gutter is at least this many word heights wide (two words of a line stand a space apart, well under one)
MIN_GUTTER = 1.5
# each page holds at least this many words and this many lines
MIN_WORDS = 20
MIN_LINES = 5
# the two pages' lines stand over the same heights: the shorter one's span lies this much within the other's
MIN_OVERLAP = 0.6
# a page's own marker, before its number: "Página 1 de 4", "Page 2 of 3", "Pág. 3", "Hoja 1"
_PAGE_MARK = re.compile(r"^(PAGINA|PAGE|PAG|HOJA|SHEET)$")


@dataclass(frozen=True)
class Half:
    """Where a page read off a shared sheet stands on it: the sheet's page number and the page's left edge."""

    sheet: int
    left: float


def split_sheets(doc_text: DocumentText) -> tuple[DocumentText, dict[int, Half]]:
    """The document with every two-page sheet read as two pages, all pages numbered in order, and where each page
    stands on its sheet (by its new number); the document itself and no map when no sheet holds two pages."""
    pages: list[PageText] = []
    halves: dict[int, Half] = {}
    for page in doc_text.pages:
        for left, part in two_pages(page) or [(0.0, page)]:
            number = len(pages) + 1
            pages.append(dataclasses.replace(part, number=number))
            halves[number] = Half(page.number, left)
    if len(pages) == len(doc_text.pages):
        return doc_text, {}
    return DocumentText(media_type=doc_text.media_type, pages=pages), halves


def two_pages(page: PageText) -> list[tuple[float, PageText]] | None:
    """The two pages a sheet holds side by side, each with its left edge on the sheet; None for a single page."""
    if page.width <= page.height or len(page.words) < 2 * MIN_WORDS:
        return None
    top_band, bottom_band = SHEET_MARGIN * page.height, (1 - SHEET_MARGIN) * page.height
    inner = [w for w in page.words if w.top >= top_band and w.bottom <= bottom_band]
    if len(inner) < 2 * MIN_WORDS:
        return None
    height = statistics.median(w.bottom - w.top for w in inner)
    gutter = _gutter(inner, page.width, MIN_GUTTER * height)
    if gutter is None:
        return None
    cut = (gutter[0] + gutter[1]) / 2
    left = [w for w in inner if w.x1 <= cut]
    right = [w for w in inner if w.x0 >= cut]
    if len(left) < MIN_WORDS or len(right) < MIN_WORDS or not _side_by_side(left, right):
        return None
    # a word of the sheet's margins across the gutter is the sheet's own, read with its first page
    first = [w for w in page.words if w.x0 < cut]
    second = [w for w in page.words if w.x0 >= cut]
    left_lines, right_lines = group_lines(w for w in first if w.x1 <= cut), group_lines(second)
    if min(len(left_lines), len(right_lines)) < MIN_LINES or not _same_header(left_lines, right_lines):
        return None
    return [(0.0, _page_of(page, first, 0.0, cut)), (cut, _page_of(page, second, cut, page.width - cut))]


def _gutter(words: Sequence[Word], width: float, min_width: float) -> tuple[float, float] | None:
    """The widest stretch of the sheet's middle that no word covers, if it is ``min_width`` or wider."""
    lo, hi = MIDDLE[0] * width, MIDDLE[1] * width
    spans = sorted((w.x0, w.x1) for w in words if w.x1 > lo and w.x0 < hi)
    best: tuple[float, float] | None = None
    reach = lo
    for x0, x1 in [*spans, (hi, hi)]:
        if x0 > reach and (best is None or x0 - reach > best[1] - best[0]):
            best = (reach, min(x0, hi))
        reach = max(reach, x1)
    if best is None or best[1] - best[0] < min_width:
        return None
    return best


def _side_by_side(left: Sequence[Word], right: Sequence[Word]) -> bool:
    """Both sides' words run over about the same heights (two pages, not a caption beside a column)."""
    a = (min(w.top for w in left), max(w.bottom for w in left))
    b = (min(w.top for w in right), max(w.bottom for w in right))
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared >= MIN_OVERLAP * min(a[1] - a[0], b[1] - b[0])


def _same_header(left: Sequence[Line], right: Sequence[Line]) -> bool:
    """Each page's own header, at the same height on both: the top lines of the two sharing a word of four letters
    or more (the form's title, "Página"), or a page marker ("Página 1 de 4") on a line of each at the same height.

    Only the top lines count for a shared word: two halves of a wide table's caption row ("Line Tariff ... |
    Qty Tariff qty ...") share words too, under a title of the page's own."""
    a, b = _first(left), _first(right)
    if a is not None and b is not None and _level(a, b) and _words(a) & _words(b):
        return True
    marked = [line for line in right if _marked(line)]
    return any(_level(a, b) for a in left if _marked(a) for b in marked)


def _first(lines: Sequence[Line]) -> Line | None:
    """The top line that holds a word (not a scan's speck)."""
    return next((line for line in lines if any(len(t) >= 3 for t in line.tokens)), None)


def _level(a: Line, b: Line) -> bool:
    return abs(a.top - b.top) <= 0.6 * max(a.height, b.height)


def _words(line: Line) -> set[str]:
    return {t for t in line.tokens if len(t) >= 4 and t.isalpha()}


def _marked(line: Line) -> bool:
    """The line numbers its page: "Página 2 de 4", "Page 2 of 3", "Hoja 1"."""
    tokens = line.tokens
    return any(_PAGE_MARK.match(t) and k + 1 < len(tokens) and tokens[k + 1].isdigit() for k, t in enumerate(tokens))


def _page_of(sheet: PageText, words: Sequence[Word], left: float, width: float) -> PageText:
    """One of the sheet's pages: its words moved to the page's own left edge, its text rebuilt line by line."""
    moved = [dataclasses.replace(w, x0=w.x0 - left, x1=w.x1 - left) for w in words]
    text = "\n".join(_spaced(line) for line in group_lines(moved))
    confidence = sheet.confidence
    if sheet.source == "ocr" and moved:
        confidence = sum(w.confidence for w in moved) / len(moved)
    return dataclasses.replace(sheet, text=text, words=moved, width=width, confidence=confidence)


def _spaced(line: Line) -> str:
    """A line's text with two spaces where its words stand a column's gutter apart (wider than ``MIN_GUTTER``
    word heights), as a page's own text keeps apart what stands in different boxes (a letterhead's name and the
    form's title beside it)."""
    parts: list[str] = []
    for k, word in enumerate(line.words):
        if k:
            before = line.words[k - 1]
            gap = word.x0 - before.x1
            parts.append("  " if gap > MIN_GUTTER * max(1.0, before.bottom - before.top) else " ")
        parts.append(word.text)
    return "".join(parts)


def place_on_sheets(builder: Any, halves: dict[int, Half]) -> None:
    """Fields and line cells read off a page of a shared sheet point at the sheet and their box on it."""
    if not halves:
        return
    for cell in builder.fields.values():
        _place(cell, halves)
    for line in builder.lines:
        for cell in line.values():
            _place(cell, halves)


def _place(cell: Any, halves: dict[int, Half]) -> None:
    if not isinstance(cell, dict) or not isinstance(cell.get("page"), int):
        return
    half = halves.get(cell["page"])
    if half is None:
        return
    cell["page"] = half.sheet
    box = cell.get("bbox")
    if isinstance(box, list) and len(box) == 4:
        cell["bbox"] = [round(box[0] + half.left, 2), box[1], round(box[2] + half.left, 2), box[3]]

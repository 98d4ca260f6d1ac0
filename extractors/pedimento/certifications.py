"""The CERTIFICACIONES box: the bank's payment stamp and the customs selection's result, never a field's value.

The official form keeps a box at the right of the header for the certifications: the bank prints its name, the
date and time, the operation number (``OP. 2278577413``), the selection prints ``DESADUANAMIENTO LIBRE``. Its
lines fall between a header label's line and the line of that label's value, or right of a label on its line,
so a lookup that reads "the text right of the label" or "the next line under it" reads the stamp. The box's words
are taken out of the pages the header's labels are read on: the column under the box's label, down to the line
where the box ends (a word that crosses its left edge, or a label or a label's value standing in it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from extractors.layout import Line, PageLayout, find_labels, norm

CERTIFICATIONS = {"certifications": ["CERTIFICACIONES", "CERTIFICACION"]}
# how many lines under its label the box may run
_BOX_LINES = 12
# a word closer than this (in text heights) to the label before it is that label's value, not the stamp's
_VALUE_GAP = 3.0


def without_certifications(
    pages: Sequence[PageLayout], labels: Mapping[str, Sequence[str]], skip: set[tuple[int, int]] | None = None
) -> list[PageLayout]:
    """The pages without the words of their CERTIFICACIONES box (pages without one are returned as they are)."""
    return [_page_without(lay, labels, skip) for lay in pages]


def _page_without(
    lay: PageLayout, labels: Mapping[str, Sequence[str]], skip: set[tuple[int, int]] | None
) -> PageLayout:
    boxes = find_labels(lay, CERTIFICATIONS, skip=skip)
    if not boxes:
        return lay
    lines = list(lay.lines)
    for box in boxes:
        edge = box.x0 - 0.5 * max(1.0, box.bottom - box.top)
        # the label's own line: what stands right of it is the box's
        lines[box.line] = _left_of(lines[box.line], edge, keep_from=box.start)
        for li in range(box.line + 1, min(len(lines), box.line + 1 + _BOX_LINES)):
            if _box_ends(lay, li, edge, labels):
                break
            lines[li] = _left_of(lines[li], edge)
    return PageLayout(number=lay.number, width=lay.width, height=lay.height, lines=lines, ocr=lay.ocr)


def _box_ends(lay: PageLayout, li: int, edge: float, labels: Mapping[str, Sequence[str]]) -> bool:
    """Whether the box is over at line ``li``: a word runs across its left edge, a field's label stands in it, or
    the first word in it follows a label closely (that label's value, printed where the box no longer is)."""
    line = lay.lines[li]
    if any(w.x0 < edge < w.x1 for w in line.words):
        return True
    hits = find_labels(lay, labels, line_range=(li, li + 1))
    # a field's label printed in the box's column (a stamp's banner, ``***PAGO ELECTRONICO***``, names none)
    if any(h.x1 > edge and h.key != "_other" and line.words[h.start].text[:1].isalpha() for h in hits):
        return True
    inside = [k for k, w in enumerate(line.words) if w.x0 >= edge and norm(w.text)]
    if not inside:
        return False
    first = inside[0]
    before = [h for h in hits if h.end == first - 1]
    return any(line.words[first].x0 - h.x1 < _VALUE_GAP * line.height for h in before)


def _left_of(line: Line, edge: float, keep_from: int | None = None) -> Line:
    """The line without its words that begin at or right of ``edge`` (from word ``keep_from`` on, when given:
    the box's label itself is kept, so that it still stops the value of the label before it)."""
    words = [w for k, w in enumerate(line.words) if w.x0 < edge or (keep_from is not None and k == keep_from)]
    if len(words) == len(line.words):
        return line
    return Line(words=words, top=line.top, bottom=line.bottom, tokens=[norm(w.text) for w in words])

"""Transposed tables: the field names down the left, one column per record.

A report writer prints a record whose fields outnumber the page's width turned on its side: each row is one field
(its caption at the left: ``Fracción / MX tariff``, ``Descripción / Description``) and each column one record, a
band of a few records at a time, the band printed again for the next few (and on the next page). The captions are
a table's column captions (``TableSpec.columns``), so the same wordings name the same fields; what differs is that
they stand one under another at the lines' left edge, each with the records' values across its line.

A grid is told by its captions: lines, close one under the other, each opening (its first word) with a caption of
the spec, four different fields or more (``min_header``) and the anchor's among them, whose values all pass the
anchor's test. A line under a caption with nothing in the caption column continues that field (a description
wrapped in its column); a line whose caption is no known field is a field the reader does not take, and the lines
under it too. The records' columns are where the values' words leave gutters across every row; each holds one of
the anchor's values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from extractors.layout.labels import _compile_labels, find_labels
from extractors.layout.lines import Line, PageLayout, norm
from extractors.layout.tables import Cell, Record, TableSpec, _line_has

# how far apart two lines of one grid may stand, in line heights (more is a blank between grids)
ROW_GAP = 2.0
# the gap that ends a caption on its line (the values' column starts past it), in line heights
CAPTION_GAP = 1.5
# the narrowest gutter between two records' columns, in line heights (words of one value are a space apart)
GUTTER = 0.8


@dataclass
class _Row:
    """One field of a grid: its key (None for a caption the spec does not name) and the lines it covers (their
    indices on the page beside them)."""

    key: str | None
    lines: list[Line] = field(default_factory=list)
    indices: list[int] = field(default_factory=list)

    def add(self, li: int, line: Line) -> None:
        self.indices.append(li)
        self.lines.append(line)


@dataclass
class _Grid:
    """A run of caption rows on one page, with the x where its values start."""

    page: int
    rows: list[_Row]
    edge: float

    @property
    def lines(self) -> list[int]:
        return [li for row in self.rows for li in row.indices]


def read_transposed(
    layouts_: Sequence[PageLayout], spec: TableSpec, *, consumed: set[tuple[int, int]] | None = None
) -> list[Record]:
    """The records of every transposed grid on the pages, in order (band by band, left to right).

    A grid at the top of a page without the anchor's row carries on the last grid's records (a band broken by the
    page's end): its columns fill those records' fields. ``consumed`` collects the (page, line) of every line a
    grid took.
    """
    records: list[Record] = []
    last_band: list[Record] = []
    for lay in layouts_:
        for grid in _grids(lay, spec):
            anchor = next((row for row in grid.rows if row.key == spec.anchor), None)
            anchors = _phrases(_values(anchor.lines[0], grid.edge)) if anchor is not None else []
            if anchor is not None and not (anchors and all(spec.anchor_test(_text(p)) for p in anchors)):
                continue
            if anchor is None:
                if not last_band:
                    continue
                spans = _columns(grid, [], len(last_band))
                if spans is None:
                    continue
                band = last_band
            else:
                spans = _columns(grid, anchors, len(anchors))
                if spans is None:
                    continue
                band = [Record(page=grid.page) for _ in anchors]
                records.extend(band)
            for row in grid.rows:
                if row.key is None:
                    continue
                for line in row.lines:
                    for word in _values(line, grid.edge):
                        k = _column_of(word, spans)
                        if k is None:
                            continue
                        band[k].cells.setdefault(row.key, Cell(page=grid.page)).words.append(word)
            last_band = band
            if consumed is not None:
                consumed.update((grid.page, li) for li in grid.lines)
    return records


def _grids(lay: PageLayout, spec: TableSpec) -> list[_Grid]:
    """The page's grids: runs of caption rows with enough fields, the anchor's among them or at the page's top."""
    stop = _compile_labels({"stop": spec.stop}).pairs if spec.stop else []
    grids: list[_Grid] = []
    rows: list[_Row] = []
    edges: list[float] = []
    left = 0.0

    def close() -> None:
        while rows and rows[-1].key is None:
            rows.pop()
        keys = {row.key for row in rows if row.key is not None}
        # a grid without the anchor's row carries on the band the last page broke off: only the page's first
        enough = len(keys) >= spec.min_header and (spec.anchor in keys or not grids)
        if enough and edges:
            grids.append(_Grid(lay.number, list(rows), max(edges)))
        rows.clear()
        edges.clear()

    for li, line in enumerate(lay.lines):
        if rows and line.top - lay.lines[li - 1].bottom > ROW_GAP * max(line.height, lay.lines[li - 1].height):
            close()
        if stop and _line_has(line, stop):
            close()
            continue
        caption = _caption(lay, li, spec)
        if caption is not None:
            key, end = caption
            if rows and abs(line.words[0].x0 - left) > line.height:
                close()
            if not (rows and key == rows[-1].key):
                if any(row.key == key for row in rows):
                    close()  # the next band's first field
                if not rows:
                    left = line.words[0].x0
                rows.append(_Row(key))
            # (a caption of the row before's field is that row's, run onto a second line: its English half)
            rows[-1].add(li, line)
            edges.append(end)
            continue
        if not rows:
            continue
        edge = max(edges)
        if not any(w.x1 <= edge and norm(w.text) for w in line.words):
            rows[-1].add(li, line)  # nothing in the captions' column: the field's values run on
        elif line.words[0].x0 < left - line.height:
            close()  # text starting left of the captions: the grid is over
        elif _opening_key(lay, li, spec) == rows[-1].key:
            rows[-1].add(li, line)  # the rest of the field's caption, wrapped
        else:
            rows.append(_Row(None))  # a field the spec does not name: its values are no record's
            rows[-1].add(li, line)
    close()
    return grids


def _opening_key(lay: PageLayout, li: int, spec: TableSpec) -> str | None:
    """The key of the caption the line opens with, if any."""
    hits = find_labels(lay, spec.columns, line_range=(li, li + 1))
    return next((h.key for h in hits if h.start == 0), None)


def _caption(lay: PageLayout, li: int, spec: TableSpec) -> tuple[str, float] | None:
    """(key, x where the caption ends) when the line opens with a caption of the spec followed, past a gap, by
    values; the caption's words run to that gap (a bilingual caption's second half, ``Fracción / MX tariff``)."""
    line = lay.lines[li]
    hits = find_labels(lay, spec.columns, line_range=(li, li + 1))
    first = next((h for h in hits if h.start == 0), None)
    if first is None or first.key in spec.aside:
        return None
    end = line.words[first.end].x1
    for w in line.words[first.end + 1 :]:
        if w.x0 - end > CAPTION_GAP * line.height:
            return first.key, end
        end = w.x1
    return None  # a caption with no values after it is a table's heading, not a grid's row


def _values(line: Line, edge: float) -> list[Any]:
    return [w for w in line.words if w.x0 > edge and norm(w.text)]


def _text(words: list[Any]) -> str:
    return " ".join(w.text for w in words)


def _phrases(words: list[Any]) -> list[list[Any]]:
    """Words of one line grouped where they stand a space apart (a gutter splits them)."""
    out: list[list[Any]] = []
    for w in sorted(words, key=lambda w: w.x0):
        height = max(1.0, w.bottom - w.top)
        if out and w.x0 - out[-1][-1].x1 < GUTTER * height:
            out[-1].append(w)
        else:
            out.append([w])
    return out


def _columns(grid: _Grid, anchors: list[list[Any]], count: int) -> list[tuple[float, float]] | None:
    """The records' columns as x spans: the gutters every row's values leave, one column per anchor value (in
    order); with no anchor row, as many as the band has records. None when the gutters do not say."""
    spans: list[list[float]] = []
    words = [w for row in grid.rows if row.key is not None for line in row.lines for w in _values(line, grid.edge)]
    for w in sorted(words, key=lambda w: w.x0):
        height = max(1.0, w.bottom - w.top)
        if spans and w.x0 - spans[-1][1] < GUTTER * height:
            spans[-1][1] = max(spans[-1][1], w.x1)
        else:
            spans.append([w.x0, w.x1])
    one_each = all(sum(1 for a in anchors if x0 <= a[0].x0 and a[-1].x1 <= x1) == 1 for x0, x1 in spans)
    if len(spans) == count and (not anchors or one_each):
        return [(x0, x1) for x0, x1 in spans]
    if not anchors:
        return None
    # the gutters closed up somewhere (a long value reaching its neighbour's): each record's column opens a quarter
    # of the columns' pitch before its anchor value and runs to where the next one opens
    starts = [a[0].x0 for a in anchors]
    slack = 0.25 * (starts[1] - starts[0]) if len(starts) > 1 else float("inf")
    opens = [x - slack for x in starts]
    return [(x, opens[k + 1] if k + 1 < len(opens) else float("inf")) for k, x in enumerate(opens)]


def _column_of(word: Any, spans: list[tuple[float, float]]) -> int | None:
    """The column whose span holds the word's centre, else (a word in a gutter) the nearest one."""
    centre = (word.x0 + word.x1) / 2
    for k, (x0, x1) in enumerate(spans):
        if x0 <= centre <= x1:
            return k
    if not spans:
        return None
    return min(range(len(spans)), key=lambda k: min(abs(centre - spans[k][0]), abs(centre - spans[k][1])))

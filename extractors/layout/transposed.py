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
# how little OCR believes a short word of the captions' column that is a speck, not a caption
SPECK_CONFIDENCE = 0.35
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
    ocr: bool = False

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
    found = [(lay, grid) for lay in layouts_ for grid in _grids(lay, spec)]
    _unread_captions([grid for _lay, grid in found])
    for lay, grid in found:
        anchor = next((row for row in grid.rows if row.key == spec.anchor), None)
        anchors = _phrases(_values(anchor.lines[0], grid.edge)) if anchor is not None else []
        passed = [spec.anchor_test(_text(p)) for p in anchors]
        # on a scan a number may be misread (``Sl`` for 1): its column stands, its number is left to the reader
        # (partidas are numbered in order), as long as most of the band's numbers read
        if anchor is not None and not (anchors and (all(passed) or (lay.ocr and 2 * sum(passed) > len(passed)))):
            continue
        misread = {id(w) for p, ok in zip(anchors, passed, strict=True) if not ok for w in p}
        if anchor is None:
            if not last_band:
                continue
            spans = _columns(grid, [], len(last_band))
            if spans is None:
                continue
            band = last_band
        else:
            passing = [p for p, ok in zip(anchors, passed, strict=True) if ok]
            spans = _columns(grid, anchors, len(anchors), passing)
            if spans is None:
                continue
            band = [Record(page=grid.page) for _ in spans]
            records.extend(band)
        for row in grid.rows:
            if row.key is None:
                continue
            for line in row.lines:
                for word in _values(line, grid.edge, grid.ocr):
                    k = _column_of(word, spans)
                    if k is None or id(word) in misread:
                        continue
                    band[k].cells.setdefault(row.key, Cell(page=grid.page)).words.append(word)
        last_band = band
        if consumed is not None:
            consumed.update((grid.page, li) for li in grid.lines)
    return records


def _unread_captions(grids: list[_Grid]) -> None:
    """A caption a scan left unreadable (``SUMG/Unit``) between two read ones is the field another band prints
    alone between those two: every band prints the same fields in the same order."""
    orders = [[row.key for row in grid.rows] for grid in grids]
    for grid in grids:
        keys = [row.key for row in grid.rows]
        for k in range(1, len(grid.rows) - 1):
            before, after = keys[k - 1], keys[k + 1]
            if keys[k] is not None or before is None or after is None:
                continue
            for order in orders:
                at = order.index(before) if before in order else len(order)
                if at + 2 < len(order) and order[at + 2] == after and order[at + 1] not in (None, *keys):
                    grid.rows[k].key = keys[k] = order[at + 1]
                    break


def _grids(lay: PageLayout, spec: TableSpec) -> list[_Grid]:
    """The page's grids: runs of caption rows with enough fields, the anchor's among them or at the page's top."""
    stop = _compile_labels({"stop": spec.stop}).pairs if spec.stop else []
    grids: list[_Grid] = []
    rows: list[_Row] = []
    edges: list[float] = []
    firsts: list[float] = []  # where each caption line's values start
    left = 0.0

    def close() -> None:
        while rows and rows[-1].key is None:
            rows.pop()
        keys = {row.key for row in rows if row.key is not None}
        # a grid without the anchor's row carries on the band the last page broke off: only the page's first
        enough = len(keys) >= spec.min_header and (spec.anchor in keys or not grids)
        if enough and edges:
            grids.append(_Grid(lay.number, list(rows), _edge(edges, firsts), lay.ocr))
        rows.clear()
        edges.clear()
        firsts.clear()

    for li, line in enumerate(lay.lines):
        if rows and line.top - lay.lines[li - 1].bottom > ROW_GAP * max(line.height, lay.lines[li - 1].height):
            close()
        if stop and _line_has(line, stop):
            close()
            continue
        caption = _caption(lay, li, spec)
        if caption is not None:
            key, end, first = caption
            if rows and abs(line.words[_opening(line)].x0 - left) > 2 * line.height:
                close()
            if not (rows and key == rows[-1].key):
                if any(row.key == key for row in rows):
                    close()  # the next band's first field
                if not rows:
                    left = line.words[_opening(line)].x0
                rows.append(_Row(key))
            # (a caption of the row before's field is that row's, run onto a second line: its English half)
            rows[-1].add(li, line)
            edges.append(end)
            firsts.append(first)
            continue
        if not rows:
            continue
        edge = _edge(edges, firsts)
        if not any(w.x1 <= edge and norm(w.text) and not _speck(w, lay) for w in line.words):
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


def _speck(word: Any, lay: PageLayout | None) -> bool:
    """A scan's speck in the captions' column (a shaded caption cell read as a few letters, ``Gee es``): a short
    word OCR hardly believes."""
    return (lay is None or lay.ocr) and float(word.confidence) < SPECK_CONFIDENCE and len(norm(word.text)) <= 4


def _opening_key(lay: PageLayout, li: int, spec: TableSpec) -> str | None:
    """The key of the caption the line opens with, if any."""
    hits = find_labels(lay, spec.columns, line_range=(li, li + 1))
    return next((h.key for h in hits if h.start == _opening(lay.lines[li])), None)


def _opening(line: Line) -> int:
    """The index of the line's first word with a letter or digit (a scan's mark before it is none)."""
    return next((k for k, w in enumerate(line.words) if norm(w.text)), 0)


def _edge(ends: list[float], firsts: list[float]) -> float:
    """Where the captions' column ends: past the longest caption, but before where most lines' values start (a
    caption OCR ran into its first value, read a space apart, ends no caption)."""
    start = sorted(firsts)[len(firsts) // 2]
    return max((end for end in ends if end < start), default=max(ends))


def _caption(lay: PageLayout, li: int, spec: TableSpec) -> tuple[str, float, float] | None:
    """(key, x where the caption ends, x where the values start) when the line opens with a caption of the spec
    followed, past a gap, by values; the caption's words run to that gap (a bilingual caption's second half,
    ``Fracción / MX tariff``)."""
    line = lay.lines[li]
    hits = find_labels(lay, spec.columns, line_range=(li, li + 1))
    first = next((h for h in hits if h.start == _opening(line)), None)
    key, last = (_glued_caption(line, spec), _opening(line)) if first is None else (first.key, first.end)
    if key is None or key in spec.aside:
        return None
    end = line.words[last].x1
    for w in line.words[last + 1 :]:
        if w.x0 - end > CAPTION_GAP * line.height:
            return key, end, w.x0
        end = w.x1
    return None  # a caption with no values after it is a table's heading, not a grid's row


def _glued_caption(line: Line, spec: TableSpec) -> str | None:
    """The key of a caption run into its translation with no space (``UMC/Unit``, ``UMT/Tariffunit``): the line's
    first word, up to its slash or colon, is a caption of the spec."""
    if not line.words:
        return None
    text = line.words[_opening(line)].text.replace(":", "/")
    head = norm(text.split("/")[0])
    if not head or "/" not in text:
        return None
    return next((key for key, labels in spec.columns.items() for label in labels if norm(label) == head), None)


def _values(line: Line, edge: float, ocr: bool = False) -> list[Any]:
    return [w for w in line.words if w.x0 > edge and norm(w.text) and not (ocr and _speck(w, None))]


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


def _columns(
    grid: _Grid, anchors: list[list[Any]], count: int, passing: list[list[Any]] | None = None
) -> list[tuple[float, float]] | None:
    """The records' columns as x spans: the gutters every row's values leave, one column per anchor value (in
    order); with no anchor row, as many as the band has records. None when the gutters do not say."""
    spans: list[list[float]] = []
    words = [
        w for row in grid.rows if row.key is not None for line in row.lines for w in _values(line, grid.edge, grid.ocr)
    ]
    for w in sorted(words, key=lambda w: w.x0):
        height = max(1.0, w.bottom - w.top)
        if spans and w.x0 - spans[-1][1] < GUTTER * height:
            spans[-1][1] = max(spans[-1][1], w.x1)
        else:
            spans.append([w.x0, w.x1])
    read = anchors if passing is None else passing
    held = [sum(1 for a in read if x0 <= a[0].x0 and a[-1].x1 <= x1) for x0, x1 in spans]
    if len(spans) == count and (not anchors or (held == [1] * count and len(read) == len(anchors))):
        return [(x0, x1) for x0, x1 in spans]
    if not anchors:
        return None
    if grid.ocr and max(held, default=0) == 1 and sum(held) == len(read):
        # a number the scan lost or misread: its column stands in the gutters all the same, where it holds values in
        # most of the grid's fields (a few specks in a gutter are no record)
        rows = [row for row in grid.rows if row.key is not None]
        kept = [
            (x0, x1)
            for (x0, x1), n in zip(spans, held, strict=True)
            if n or 2 * sum(any(x0 <= w.x0 and w.x1 <= x1 for w in _row_words(row, grid)) for row in rows) > len(rows)
        ]
        if len(kept) <= 2 * len(anchors):
            return kept
    # the gutters closed up somewhere (a long value reaching its neighbour's): each record's column opens a quarter
    # of the columns' pitch before its anchor value and runs to where the next one opens
    starts = [a[0].x0 for a in anchors]
    slack = 0.25 * (starts[1] - starts[0]) if len(starts) > 1 else float("inf")
    opens = [x - slack for x in starts]
    return [(x, opens[k + 1] if k + 1 < len(opens) else float("inf")) for k, x in enumerate(opens)]


def _row_words(row: _Row, grid: _Grid) -> list[Any]:
    return [w for line in row.lines for w in _values(line, grid.edge, grid.ocr)]


def _column_of(word: Any, spans: list[tuple[float, float]]) -> int | None:
    """The column whose span holds the word's centre; None for a word in no record's column (specks in a gutter
    that a scan read as letters, left out of the columns)."""
    centre = (word.x0 + word.x1) / 2
    return next((k for k, (x0, x1) in enumerate(spans) if x0 <= centre <= x1), None)

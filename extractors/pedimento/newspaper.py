"""Partidas set in newspaper columns: the records run down the left half of the page and go on at the top of the
right half, so one printed line carries the fields of two partidas side by side.

Read across, such a line mixes two records. A page is told to print so when partidas open (their number's label
and the number: ``SEC 8``) both at the start of a line and after a gutter part-way along lines, the later ones
all at one place; the band of lines from the first such opening down to the first line a word of which crosses
that gutter is then read as its left halves, top to bottom, followed by its right halves.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from extractors.layout import LabelHit, PageLayout, TableSpec, find_labels, norm
from extractors.layout.lines import Line

# the narrowest gutter before a right column's opening, in line heights (words of one text are a space apart)
_GUTTER = 2.0
# how far apart the openings of one right column may start, in line heights
_ALIGN = 1.0


def unfolded(pages: list[PageLayout], spec: TableSpec) -> list[PageLayout]:
    """The pages with every band of ``spec``'s records printed in two newspaper columns read column after column
    (a record opens with the label of its number, ``spec.anchor``); on a scan, with a record's number OCR ran
    into its label split off."""
    return [_unfolded(lay, spec) for lay in pages]


def _unfolded(lay: PageLayout, spec: TableSpec) -> PageLayout:
    if lay.ocr:
        lay = _unglued(lay, spec)
    starts: list[int] = []
    inner: list[tuple[int, float]] = []
    is_number = spec.anchor_test
    for hit in find_labels(lay, {spec.anchor: spec.columns[spec.anchor]}):
        line = lay.lines[hit.line]
        after = next((w for w in line.words[hit.end + 1 :] if norm(w.text)), None)
        if after is None or not (is_number(after.text) or (lay.ocr and _labelled(lay, hit, spec))):
            continue  # (on a scan the number may be lost: the record's first cell's label follows its label)
        before = [w for w in line.words[: hit.start] if norm(w.text)]
        if not before:
            starts.append(hit.line)
        elif hit.x0 - before[-1].x1 >= _GUTTER * line.height:
            inner.append((hit.line, hit.x0))
    if not starts or not inner:
        return lay
    height = min(lay.lines[li].height for li, _x in inner)
    edge = min(x for _li, x in inner)
    if any(x - edge > _ALIGN * height for _li, x in inner):
        return lay  # openings part-way along lines at different places: no one column
    gutter = edge - 0.5 * height
    first = min(min(starts), min(li for li, _x in inner))
    last = first
    while last < len(lay.lines) and not any(w.x0 < gutter < w.x1 for w in lay.lines[last].words):
        last += 1
    if any(li >= last for li, _x in inner) or not any(first <= li < last for li in starts):
        return lay
    band = lay.lines[first:last]
    left = [_line([w for w in line.words if w.x1 <= gutter]) for line in band]
    right = [_line([w for w in line.words if w.x0 >= gutter]) for line in band]
    halves = [line for line in [*left, *right] if line is not None]
    return replace(lay, lines=[*lay.lines[:first], *halves, *lay.lines[last:]])


# a record's number OCR ran into its label (``SEC6``)
_GLUED_RE = re.compile(r"([A-Za-z.]{2,})(\d{1,4})")


def _unglued(lay: PageLayout, spec: TableSpec) -> PageLayout:
    """The page with a record's number OCR ran into the label before it (``SEC6 FRACC. …``) split off as a word of
    its own, where the word opens a line or follows a gutter."""
    anchors = {norm(label) for label in spec.columns[spec.anchor]}
    lines = []
    for line in lay.lines:
        words: list[Any] = []
        for k, w in enumerate(line.words):
            glued = _GLUED_RE.fullmatch(w.text)
            opens = k == 0 or w.x0 - line.words[k - 1].x1 >= _GUTTER * line.height
            if glued is None or not opens or norm(glued.group(1)) not in anchors:
                words.append(w)
                continue
            cut = w.x0 + (w.x1 - w.x0) * len(glued.group(1)) / len(w.text)
            words += [replace(w, text=glued.group(1), x1=cut), replace(w, text=glued.group(2), x0=cut)]
        lines.append(line if len(words) == len(line.words) else _line(words))
    return replace(lay, lines=[line for line in lines if line is not None])


def _labelled(lay: PageLayout, hit: LabelHit, spec: TableSpec) -> bool:
    """Whether another of the records' labels follows the label right after it."""
    after = find_labels(lay, spec.columns, line_range=(hit.line, hit.line + 1))
    return any(h.start == hit.end + 1 and h.key != spec.anchor for h in after)


def _line(words: list[Any]) -> Line | None:
    """The words as a line of their own (None for none)."""
    if not words:
        return None
    return Line(
        words=words,
        top=min(w.top for w in words),
        bottom=max(w.bottom for w in words),
        tokens=[norm(w.text) for w in words],
    )

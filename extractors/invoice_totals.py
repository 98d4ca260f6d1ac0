"""An invoice's totals block: the rows under the goods table that run from the net value through charges to
the amount due, each a label with its figure at the right.

A label such as ``TOTAL VALUE`` or ``Total`` names the goods' net value on one invoice and the amount due on
another; what tells them apart is the block: the amount due is its last row, and a row above it whose figure
is the sum of the lines is the net value (the subtotal), whatever its wording.
"""

from __future__ import annotations

from typing import Any

from extractors import layout
from extractors.invoice_values import parse_last_money
from extractors.result import ResultBuilder

TOTAL_KEYS = ("total_strong", "total_weak")
BLOCK_KEYS = (*TOTAL_KEYS, "subtotal_amount", "_other_totals", "_charges")
# rows of one block: within this many lines of each other, labels aligned within this many points
BLOCK_GAP_LINES = 3
ALIGNED = 12.0


def totals_block(pages: list[layout.PageLayout], hits: list[layout.LabelHit]) -> list[layout.Found]:
    """The figures of the totals block that starts at the first row labelled as a total (strong wording
    first), top to bottom: rows whose label starts where that one does and that follow it closely."""
    by_page = {page.number: page for page in pages}
    starts = [hit for key in TOTAL_KEYS for hit in hits if hit.key == key]
    for first in starts:
        found = _row_figure(by_page[first.page], first, hits)
        if found is None:
            continue
        block = [found]
        last_line = first.line
        below = sorted(
            (h for h in hits if h.page == first.page and h.line > first.line and h.key in BLOCK_KEYS),
            key=lambda h: h.line,
        )
        for hit in below:
            if hit.line - last_line > BLOCK_GAP_LINES:
                break
            if abs(hit.x0 - first.x0) > ALIGNED or hit.line == last_line:
                continue
            last_line = hit.line
            if hit.key not in TOTAL_KEYS:
                continue
            row = _row_figure(by_page[hit.page], hit, hits)
            if row is not None:
                block.append(row)
        return block
    return []


def _row_figure(page: layout.PageLayout, hit: layout.LabelHit, hits: list[layout.LabelHit]) -> layout.Found | None:
    """The rightmost money figure on the label's row, before the next label on it."""
    line = page.lines[hit.line]
    stop = min((h.start for h in hits if h.page == hit.page and h.line == hit.line and h.start > hit.end), default=None)
    words = line.words[hit.end + 1 : stop]
    if not words:
        return None
    text = " ".join(word.text for word in words)
    parsed = parse_last_money(text)
    if parsed is None:
        return None
    value, (start, end) = parsed
    used, position = [], 0
    for word in words:
        if position < end and position + len(word.text) > start:
            used.append(word)
        position += len(word.text) + 1
    return layout.Found(value, hit.page, used or words[-1:], text[start:end], 0.95)


def settle_totals(out: ResultBuilder, block: list[layout.Found]) -> None:
    """With two or more total rows in one block, the last is the amount due; the first, when the lines add up
    to it, is the subtotal (unless a subtotal label gave one)."""
    if len(block) < 2:
        return
    last = block[-1]
    out.set("total_amount", last.value, last.confidence, page=last.page, bbox=last.bbox, raw=last.raw)
    amounts: list[Any] = [line["amount"]["value"] for line in out.lines if "amount" in line]
    if "subtotal_amount" in out.fields or not amounts:
        return
    first = block[0]
    if abs(sum(amounts) - first.value) <= 0.01 * max(1, len(amounts)):
        out.set("subtotal_amount", first.value, first.confidence * 0.9, page=first.page, bbox=first.bbox, raw=first.raw)

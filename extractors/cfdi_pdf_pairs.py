"""Values printed at the far end of their label's row, as receipts and kiosk tickets print them.

A narrow printout (a ticket, a column of a statement) sets each label at the left edge and its value flush right
(``FECHA:                2024-03-12T10:22:33``), so the gap between them can be wider than any gap the general
label reader accepts between a label and its value. Such a row is told by its shape, not by its width: the label
opens the line, one run of words follows with no other label in it, and that run ends where the rows around it
end (values set flush right in one column). A value far right of a label with other words or labels between, or
ending where nothing else ends, stays unread here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from extractors import layout

# How far (points) two right-aligned values' ends may differ and still share their column's edge.
EDGE_TOLERANCE = 2.0
# How many rows up and down are looked at for another value ending at the same edge.
NEIGHBOURS = 6


def _run(line: layout.Line, first: int) -> list[layout.WordLike] | None:
    """The words from index ``first`` to the line's end when they are one run (no gap wider than a few
    characters between them), else None."""
    words = line.words[first:]
    if not words:
        return None
    for left, right in zip(words, words[1:], strict=False):
        if right.x0 - left.x1 > 2.5 * line.height:
            return None
    return list(words)


def _shares_edge(page: layout.PageLayout, index: int, edge: float) -> bool:
    """Whether another row near line ``index`` ends at ``edge`` (its last word's right end)."""
    for other in range(max(0, index - NEIGHBOURS), min(len(page.lines), index + NEIGHBOURS + 1)):
        if other == index or not page.lines[other].words:
            continue
        if abs(page.lines[other].words[-1].x1 - edge) <= EDGE_TOLERANCE:
            return True
    return False


def aligned_pair(
    pages: Sequence[layout.PageLayout], hits: Sequence[layout.LabelHit], key: str, parser: layout.Parser
) -> layout.Found | None:
    """The value of ``key`` set flush right on its label's row: the first label of ``key`` that opens its line,
    is followed by one run of words and no other label, and whose run ends at an edge another row near it ends at
    too."""
    by_page = {page.number: page for page in pages}
    for hit in hits:
        if hit.key != key or hit.start != 0:
            continue
        page = by_page[hit.page]
        line = page.lines[hit.line]
        if any(h.page == hit.page and h.line == hit.line and h.start > hit.end for h in hits):
            continue  # another label on the row: its values are read by the general reader
        words = _run(line, hit.end + 1)
        if words is None or not _shares_edge(page, hit.line, words[-1].x1):
            continue
        found = layout.apply_parser(parser, words, hit.page, 0.95)
        if found is not None:
            return found
    return None


def find_value(
    pages: list[layout.PageLayout], hits: Sequence[layout.LabelHit], key: str, parser: Any, prefer: str = "right"
) -> layout.Found | None:
    """A value beside or below its label; failing that, set flush right on its label's row (tickets)."""
    found = layout.find_value(pages, hits, key, parser, prefer=prefer)
    return found if found is not None else aligned_pair(pages, hits, key, parser)


def _slash_groups(words: Sequence[layout.WordLike]) -> list[list[layout.WordLike]]:
    """Words cut at each slash printed as a word of its own (``USD / 17,8486``)."""
    groups: list[list[layout.WordLike]] = [[]]
    for word in words:
        if word.text.strip() == "/":
            groups.append([])
        else:
            groups[-1].append(word)
    return groups


def slashed_pair(
    pages: Sequence[layout.PageLayout], hits: Sequence[layout.LabelHit], key: str, parser: layout.Parser
) -> layout.Found | None:
    """A value printed under a joint label of two fields ("Moneda / T.C.  USD / 17,8486", "Serie / Folio  EXP /
    60374"): two labels with a slash between them and, after the second, two values with a slash between them;
    the first value is the first label's, the second the second's."""
    by_page = {page.number: page for page in pages}
    for left, right in zip(hits, hits[1:], strict=False):
        if key not in (left.key, right.key) or left.key == right.key:
            continue
        if (left.page, left.line) != (right.page, right.line) or left.rest or right.rest:
            continue
        line = by_page[left.page].lines[left.line]
        if [w.text.strip() for w in line.words[left.end + 1 : right.start]] != ["/"]:
            continue
        following = [h.start for h in hits if (h.page, h.line) == (right.page, right.line) and h.start > right.end]
        groups = _slash_groups(line.words[right.end + 1 : min(following, default=len(line.words))])
        if len(groups) != 2 or not all(groups):
            continue
        found = layout.apply_parser(parser, groups[0 if key == left.key else 1], left.page, 0.9)
        if found is not None:
            return found
    return None

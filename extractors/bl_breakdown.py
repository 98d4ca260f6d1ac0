"""Containers broken down by purchase order: a consolidated ocean bill lists under each container the orders it
carries (``PO NO. | CTNS | KGS | CBM``) and closes the container with its total.

::

    MSCU1234565 / SEAL ML-1234567 / 40'HC
                 CTNS  PO NO.
               12 CTNS 4522695401                 4,270.200   2.226
               14 CTNS PO-86861913                4,762.900   1.733
               26 CTNS CONTAINER TOTAL MSCU1234565 9,033.100   3.959

The orders' lines are parts of a container: their counts and kilograms are neither the container's nor the
bill's, and their order numbers and figures are no description of the goods (described once above the
containers). The container's packages and weight are those on the line that closes it (``CONTAINER TOTAL``),
else those its own line prints, else the sum of its parts. Each order printed is a reference of the bill.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from extractors.bl_blocks import PACKAGE_WORDS, container_text, one_extra, read_container, weight_figure
from extractors.bl_labels import CONTAINER_TOTALS
from extractors.bl_units import LB_KG
from extractors.layout import PageLayout, find_labels, norm, ocr_digits

# the heading of the orders' column inside a container's block
ORDER_HEADINGS = {
    "order": [
        "PO NO.",
        "PO NO",
        "PO #",
        "P.O. NO.",
        "P.O. #",
        "PO NUMBER",
        "P.O. NUMBER",
        "ORDER NO.",
        "PURCHASE ORDER",
        "ORDEN DE COMPRA",
        "NO. DE PEDIDO",
        "PEDIDO",
    ]
}
# a count before its kind of package ("12 CTNS")
_COUNT = re.compile(rf"(?<![\d.,])(\d{{1,3}}(?:,\d{{3}})+|\d{{1,6}})\s?(?:{PACKAGE_WORDS})(?![A-Z])", re.IGNORECASE)
# a weight's figure: decimals or thousands separators, no letters ("4,270.200")
_FIGURE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d+")
_TOTALS = {norm(label) for label in CONTAINER_TOTALS}
# the seal after its word on the container's line ("MSCU1234565 / SEAL ML-1234567 / 40'HC")
_SEAL = re.compile(r"\bSEAL\s*(?:NO\.?)?\s*[:#]?\s*([A-Z0-9][A-Z0-9\-]{3,20}\d)(?![A-Z0-9])", re.IGNORECASE)
_GRAND = re.compile(r"\bGRAND\s+TOTAL|\bTOTAL\s+GENERAL|\bGRAN\s+TOTAL", re.IGNORECASE)


@dataclass
class Breakdown:
    """What a container's block says once its orders are told apart."""

    container: str
    page: int
    package_count: int | None = None
    gross_weight_kg: float | None = None
    raw: str = ""
    orders: list[str] = field(default_factory=list)
    seal: str | None = None
    # the words of the container's line and of the orders' heading (what a reading of the goods described once
    # may run on into, where a scan misread the container)
    opening: set[str] = field(default_factory=set)
    first: str = ""
    # the orders' packages and kilograms: figures read, of no line
    parts: list[float] = field(default_factory=list)
    # the words of the orders' heading and lines (and of the closing line): none of them the goods'
    words: set[str] = field(default_factory=set)


def breakdowns(pages: list[PageLayout], columns: Mapping[str, Sequence[str]]) -> dict[str, Breakdown]:
    """Every container whose block lists its orders under a heading of their own, by container number."""
    found: dict[str, Breakdown] = {}
    weight_column: tuple[float, float, bool] | None = None
    for lay in pages:
        weight_column = _weight_column(lay, columns) or weight_column
        heads = [(li, _head(lay, li)) for li in range(len(lay.lines))]
        heads = [(li, value) for li, value in heads if value and not _is_total(lay.lines[li])]
        for k, (li, value) in enumerate(heads):
            assert value is not None
            end = heads[k + 1][0] if k + 1 < len(heads) else len(lay.lines)
            block = _read(lay, li, end, value, weight_column)
            if block is not None:
                found.setdefault(value, block)
    return found


def _head(lay: PageLayout, li: int) -> str | None:
    """The container a line opens a block with; a scan's reading with a character too many in its first word
    (``TCLUS5872112``) where the orders' heading follows (the block is a container's, whole by its check digit)."""
    line = lay.lines[li]
    if container_text(line.text):
        return read_container(line.text)
    if not line.words or li + 1 >= len(lay.lines):
        return None
    extra = one_extra(line.words[0].text.strip(" /"))
    if extra and any(find_labels(lay, ORDER_HEADINGS, line_range=(k, k + 1)) for k in range(li + 1, li + 3)):
        return extra
    return None


def _is_total(line: Any) -> bool:
    joined = "".join(line.tokens)
    return any(label in joined for label in _TOTALS)


def _weight_column(lay: PageLayout, columns: Mapping[str, Sequence[str]]) -> tuple[float, float, bool] | None:
    """The x range of the cargo heading's weight column (from its label to the next label on the right) and
    whether the heading gives the weight in pounds."""
    for li in range(len(lay.lines)):
        hits = find_labels(lay, columns, line_range=(li, li + 1))
        if len({hit.key for hit in hits}) < 3:
            continue
        ordered = sorted(hits, key=lambda h: h.x0)
        for k, hit in enumerate(ordered):
            if hit.key != "gross_weight_kg":
                continue
            right = ordered[k + 1].x0 if k + 1 < len(ordered) else lay.width
            words = lay.lines[li].words[hit.start : hit.end + 1]
            pounds = bool(re.search(r"\bLBS?\b", " ".join(w.text for w in words).upper()))
            return hit.x0, right, pounds
    return None


def _read(
    lay: PageLayout, head: int, end: int, container: str, weight_column: tuple[float, float, bool] | None
) -> Breakdown | None:
    """The block of the container on line ``head`` (up to line ``end``, the next container's) when it lists
    orders under their heading; None otherwise."""
    heading = None
    for li in range(head, min(end, head + 3)):
        hits = find_labels(lay, ORDER_HEADINGS, line_range=(li, li + 1))
        if hits and _heading_alone(lay.lines[li], hits[0]):
            heading = (li, hits[0])
            break
    if heading is None:
        return None
    li0, hit = heading
    block = Breakdown(container, lay.number)
    seal = _SEAL.search(lay.lines[head].text)
    block.seal = seal.group(1).upper() if seal else None
    block.words.update(w.text for w in lay.lines[li0].words)
    block.opening = {w.text for k in range(head, li0 + 1) for w in lay.lines[k].words}
    block.first = lay.lines[head].words[0].text
    counts: list[int] = []
    weights: list[float] = []
    closing = None
    for li in range(li0 + 1, end):
        line = lay.lines[li]
        if _GRAND.search(line.text):
            break
        if _is_total(line):
            named = read_container(line.text)
            if named is None or named == container:
                closing = line
                block.words.update(w.text for w in line.words)
            break
        order = [w for w in line.words if hit.x0 - 2 <= w.x0 <= hit.x1 and re.search(r"\d", w.text)]
        if not order or not re.fullmatch(r"[A-Z0-9][A-Z0-9\-/]{3,24}", order[0].text.upper()):
            break  # the orders' lines end (a gap, the next paragraph)
        block.orders.append(order[0].text.upper())
        block.words.update(w.text for w in line.words)
        count = _count(line, hit)
        weight = _weight(line, weight_column, order[0])
        if count is not None:
            counts.append(count)
        if weight is not None:
            weights.append(weight)
    block.parts = [*counts, *weights]
    if not block.orders:
        return None
    if closing is not None:
        block.package_count = _count(closing, hit)
        block.gross_weight_kg = _weight(closing, weight_column, None)
        block.raw = closing.text
    if block.package_count is None and counts and len(counts) == len(block.orders):
        block.package_count = sum(counts)
    if block.gross_weight_kg is None and weights and len(weights) == len(block.orders):
        block.gross_weight_kg = round(sum(weights), 3)
    return block


def _count(line: Any, hit: Any) -> int | None:
    """A line's packages: a count before its kind of package; else the figure opening the words left of the
    orders' column, its kind misread by a scan ("4CINS")."""
    count = _COUNT.search(line.text)
    if count is not None:
        return int(count.group(1).replace(",", ""))
    before = [w for w in line.words if w.x1 <= hit.x0]
    glued = re.match(r"(\d{1,6})(?:[A-Za-z]{2,6}\.?)?$", before[0].text) if before else None
    return int(glued.group(1)) if glued else None


def _heading_alone(line: Any, hit: Any) -> bool:
    """An orders' heading inside a block: the heading with nothing but the parts' unit words beside it (``CTNS
    PO NO.``), no order number after it (``PO NO. 4522695401`` is a reference, no heading)."""
    rest = [w.text for k, w in enumerate(line.words) if not hit.start <= k <= hit.end]
    return not any(re.search(r"\d", text) for text in rest) and len(rest) <= 4


def _weight(line: Any, column: tuple[float, float, bool] | None, skip: Any) -> float | None:
    """A line's weight: the figure before its kilograms unit, else the figure under the heading's weight
    column."""
    text = line.text
    unit = re.search(r"(?<![\d.,])(\d[\d,.]*)\s*(KGS?|KGM|KILOS?)(?![A-Z])", text, re.IGNORECASE)
    if unit is not None:
        parsed = weight_figure(unit.group(1), one_container=True)
        return parsed[0] if parsed else None
    if column is None:
        return None
    left, right, pounds = column
    for word in line.words:
        if word is skip or not _FIGURE.fullmatch(ocr_digits(word.text)):
            continue
        if word.x1 > left and word.x0 < right:
            parsed = weight_figure(word.text, one_container=True)
            if parsed is not None:
                return round(parsed[0] * LB_KG, 1) if pounds else parsed[0]
    return None


def apply_breakdowns(lines: list[dict[str, dict]], found: dict[str, Breakdown]) -> None:
    """Cargo lines of broken-down containers: packages and weight the container's own (as its closing line or
    its parts say), the description without the orders' numbers and figures. A broken-down container no line
    was read for (a scan misread it on its own line) is a line of its own, in its place among the others."""
    order = list(found)
    read = {_container(line) for line in lines}
    for rank, container in enumerate(order):
        if container in read:
            continue
        later = [k for k, ln in enumerate(lines) if _container(ln) in order and order.index(_container(ln)) > rank]
        line = {"container_number": _field(container, found[container], container, 0.85)}
        lines.insert(later[0] if later else len(lines), line)
    for line in lines:
        block = found.get(_container(line))
        if block is None:
            continue
        if block.seal and "seal_number" not in line:
            line["seal_number"] = _field(block.seal, block, block.seal, 0.85)
        for key, value in (("package_count", block.package_count), ("gross_weight_kg", block.gross_weight_kg)):
            if value is not None:
                line[key] = _field(value, block, block.raw)
        description = line.get("description")
        if description is None:
            continue
        kept = [word for word in str(description["value"]).split() if word not in block.words]
        if len(re.findall(r"[A-Za-z]", " ".join(kept))) >= 3:
            line["description"] = {**description, "value": " ".join(kept)}
        else:
            del line["description"]


def _container(line: dict[str, dict]) -> str:
    return str(line.get("container_number", {}).get("value", ""))


def _field(value: Any, block: Breakdown, raw: str, confidence: float = 0.9) -> dict[str, Any]:
    return {"value": value, "confidence": confidence, "page": block.page, "bbox": None, "raw": raw}


def without_openings(text: str, found: dict[str, Breakdown]) -> str:
    """The goods described once without the words they ran on into: a container's line and its orders' heading
    (a scan's misread container did not end the goods there)."""
    words = text.split()
    for block in found.values():
        # (the run must open with the container's word as the scan read it: a word of the goods that the
        # container's line prints too, "OIL SEAL", is kept)
        starts = [k for k, word in enumerate(words) if word == block.first]
        if starts and all(word in block.opening for word in words[starts[-1] :]):
            words = words[: starts[-1]]
    return " ".join(words)

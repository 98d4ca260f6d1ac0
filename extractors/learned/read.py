"""Read a document with a company's layout memory: find the learned layout it matches (same page size, the learned
labels present, and the same issuer printed where the issuer was), then read each field where it was learned.

``best_reading(doc_text, memory)`` returns a ``LearnedReading`` (fields and line items in the contract's ``Field``
form with ``source: "learned"`` and the layout's id) or None when no layout of the memory applies.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any

from extractors.learned.geometry import Line, Run, find_label, has_digit, is_gap, label_key, page_lines
from extractors.learned.learn import issuer_key
from extractors.learned.values import parse
from extractors.result import make_field

# A layout applies when at least this share of its labels is on the page.
MIN_ANCHORS = 0.8
PAGE_SIZE_TOLERANCE = 3.0
BASE_CONFIDENCE = 0.97
PRIOR_READS = 4  # a new layout is trusted as if it had been right this many times


@dataclass
class LearnedReading:
    layout_id: int
    version: int
    doc_type: str
    score: float
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)
    absent: set[str] = field(default_factory=set)
    lines: list[dict[str, dict[str, Any]]] | None = None


def confidence(stats: dict[str, Any] | None, key: str) -> float:
    """How often this layout's reading of ``key`` was right (smoothed: a new layout starts near the base)."""
    reads, misses = (stats or {}).get(key, [0, 0])
    return max(0.3, BASE_CONFIDENCE * (reads - misses + PRIOR_READS) / (reads + PRIOR_READS))


def _page_size(doc_text: Any) -> tuple[float, float]:
    first = doc_text.pages[0]
    return float(first.width or 612.0), float(first.height or 792.0)


def anchor_share(lines: dict[int, list[Line]], anchors: list[str]) -> float:
    if not anchors:
        return 0.0
    keys = {label_key(w.text) for page in lines.values() for line in page for w in line.words}
    phrases = {
        " ".join(label_key(w.text) for w in line.words[i : i + n])
        for page in lines.values()
        for line in page
        for n in (2, 3, 4)
        for i in range(len(line.words) - n + 1)
    }
    return sum(1 for a in anchors if a in keys or a in phrases) / len(anchors)


def _nearest_line(page: list[Line], middle: float) -> int | None:
    best = min(range(len(page)), key=lambda i: abs((page[i].top + page[i].bottom) / 2 - middle), default=None)
    if best is None:
        return None
    line = page[best]
    return best if abs((line.top + line.bottom) / 2 - middle) <= max(4.0, 0.8 * line.height) else None


def _numberish(text: str) -> bool:
    return has_digit(text) and all(c.isdigit() or c in ".,-()'\u00a0$€£" for c in text)


def read_value(lines: dict[int, list[Line]], rule: dict[str, Any], size: tuple[float, float]) -> tuple[Any, Run] | None:
    """One header field read with its rule: the words where the value sat relative to its label."""
    width, height = size
    if rule["shape"].get("strip") and not rule.get("label"):
        return _read_glued(lines, rule, size)
    label: Run | None = find_label(lines, rule["label"], rule["label_at"], size) if rule.get("label") else None
    if label is not None:
        lbox = label.box
        page_no = label.page
        middle = (lbox[1] + lbox[3]) / 2 + rule["dy"]
        x0, x1 = lbox[0] + rule["dx0"], lbox[0] + rule["dx1"]
    else:
        at = rule["at"]
        page_no = int(at[0])
        middle = (at[2] + at[4]) / 2 * height
        x0, x1 = at[1] * width, at[3] * width
    page = lines.get(page_no) or []
    index = _nearest_line(page, middle)
    if index is None:
        return None
    line = page[index]
    after_label = label.box[2] if label is not None and label.line == index and label.page == page_no else -1e9
    pool = [i for i, w in enumerate(line.words) if w.x0 >= after_label - 0.5]
    overlapping = [i for i in pool if line.words[i].x1 >= x0 - 6 and line.words[i].x0 <= x1 + 6]
    if not overlapping:
        return None
    number = rule["shape"].get("kind") == "number"
    # a code printed as one word stays one word; a number may come apart (``1 234,56``, a scan's ``639.357, 21``)
    limit = rule.get("words", 1) + 3 if number else 1 if rule.get("single") else rule.get("words", 1) + 4
    if rule.get("align") == "right":
        end = min(overlapping, key=lambda i: abs(line.words[i].x1 - x1))
        start = end
        while (
            start - 1 in pool and end - start + 1 < limit and not is_gap(line, line.words[start - 1], line.words[start])
        ):
            if number and not _numberish(line.words[start - 1].text):
                break
            start -= 1
    else:
        start = min(overlapping, key=lambda i: abs(line.words[i].x0 - x0))
        end = start
        while (
            end + 1 < len(line.words)
            and end - start + 1 < limit
            and not is_gap(line, line.words[end], line.words[end + 1])
            and label_key(line.words[end + 1].text) != rule.get("trail")
        ):
            end += 1
        # a longer value printed flush right starts further left: take the rest of its phrase (never the label)
        while (
            not rule.get("single")
            and start - 1 in pool
            and end - start + 1 < limit
            and not is_gap(line, line.words[start - 1], line.words[start])
        ):
            start -= 1
    for stop in range(end, start - 1, -1):
        run = Run(page_no, index, start, line.words[start : stop + 1])
        value = parse(run.text, rule["shape"])
        if value is not None:
            return value, run
    return None


def _read_glued(
    lines: dict[int, list[Line]], rule: dict[str, Any], size: tuple[float, float]
) -> tuple[Any, Run] | None:
    """A value printed in one word with its label (``INV#:A-1001``): the word starting with that label nearest
    to where it was."""
    prefix, at = rule["shape"]["strip"], rule["at"]
    best: tuple[float, Run] | None = None
    for page_no, page in lines.items():
        for index, line in enumerate(page):
            for start, word in enumerate(line.words):
                if not word.text.startswith(prefix) or len(word.text) <= len(prefix):
                    continue
                distance = abs(word.x0 / size[0] - at[1]) + abs(word.top / size[1] - at[2]) + (page_no != at[0])
                if best is None or distance < best[0]:
                    best = (distance, Run(page_no, index, start, [word]))
    if best is None:
        return None
    value = parse(best[1].text, rule["shape"])
    return (value, best[1]) if value is not None else None


def _issuer_matches(
    lines: dict[int, list[Line]], layout: dict[str, Any], doc_text: Any, size: tuple[float, float]
) -> bool:
    issuer = layout.get("issuer")
    if not issuer:
        return False
    rule = layout["fields"].get(issuer["field"]) or {}
    if rule.get("shape"):
        found = read_value(lines, rule, size)
        return found is not None and issuer_key(str(found[0])) == issuer["key"]
    text = issuer_key(" ".join(page.text for page in doc_text.pages))
    return bool(issuer["key"]) and issuer["key"] in text


def _boundaries(columns: dict[str, Any], shift: float) -> list[tuple[float, str | None]]:
    """(left edge, name) of each column, left to right: a left-aligned column starts where its cells start, a
    right-aligned one right after its neighbour's fixed edge (or half-way when neither edge is fixed). Words left
    of the first column or right of the last (a line number, a column nobody taught) belong to none (None)."""
    ordered = sorted(columns.items(), key=lambda item: (item[1]["x0"] + item[1]["x1"]) / 2)
    edges: list[tuple[float, str | None]] = []
    for index, (name, column) in enumerate(ordered):
        if index == 0:
            edge = column["x0"] - (3 if column.get("align") == "left" else 60)
        else:
            previous = ordered[index - 1][1]
            if column.get("align") == "left":
                edge = column["x0"] - 3
            elif previous.get("align") == "right":
                edge = previous["x1"] + 3
            else:
                edge = (previous["x1"] + column["x0"]) / 2
        edges.append((edge + shift, name))
    last = ordered[-1][1]
    edges.append((last["x1"] + (3 if last.get("align") == "right" else 200) + shift, None))
    return edges


def _assign(word: Any, edges: list[tuple[float, str | None]]) -> str | None:
    centre = (word.x0 + word.x1) / 2
    name = None
    for edge, column in edges:
        if centre >= edge:
            name = column
    return name


def _in_column(word: Any, column: dict[str, Any], shift: float) -> bool:
    """A figure, date or code belongs to its column only where the column's cells were (a neighbouring
    untaught column's ``5%`` is not part of the amount)."""
    if column["shape"].get("kind") == "text":
        return True
    return bool(word.x1 >= column["x0"] + shift - 5 and word.x0 <= column["x1"] + shift + 5)


def read_table(lines: dict[int, list[Line]], table: dict[str, Any]) -> list[dict[str, tuple[str, list[Any]]]]:
    """The rows of the learned table on every page: column name → (text, words). A page without the header
    continues the previous page's table when that one ran to the bottom of its page."""
    columns = table["columns"]
    rows: list[dict[str, list[Any]]] = []
    carried: float | None = None  # the shift of a table that may go on on the next page
    for page in lines.values():
        header_index, shift = _find_header(page, columns)
        last_bottom: float | None = None
        if header_index is not None:
            start, last_bottom = header_index + 1, page[header_index].bottom
        elif carried is not None:
            start, shift = 0, carried
        else:
            continue
        ran_off = _table_rows(page[start:], table, shift, last_bottom, rows)
        carried = shift if ran_off else None
    return [{name: (" ".join(w.text for w in words), words) for name, words in row.items()} for row in rows]


def _table_rows(
    page_lines: list[Line],
    table: dict[str, Any],
    shift: float,
    last_bottom: float | None,
    rows: list[dict[str, list[Any]]],
) -> bool:
    """Add the rows found in ``page_lines`` to ``rows``; True when the table may go on on the next page (it ran
    to the end of the page, or ended without the learned end marker).
    ``last_bottom`` None: a continued page, where lines before the first row (the page's own heading) are
    skipped."""
    columns, anchor = table["columns"], table["anchor"]
    edges = _boundaries(columns, shift)
    current: dict[str, list[Any]] | None = None
    for line in page_lines:
        if table.get("stop") and label_key(line.words[0].text) == table["stop"]:
            return False
        cells: dict[str, list[Any]] = {}
        for word in line.words:
            name = _assign(word, edges)
            if name and _in_column(word, columns[name], shift):
                cells.setdefault(name, []).append(word)
        anchor_text = " ".join(w.text for w in cells.get(anchor, []))
        if anchor_text and parse(anchor_text, columns[anchor]["shape"]) is not None and len(cells) > 1:
            current = cells
            rows.append(current)
        elif current is not None and last_bottom is not None and line.top - last_bottom < 1.2 * table["pitch"]:
            for name, words in cells.items():
                if columns[name]["shape"].get("kind") == "text":
                    current.setdefault(name, []).extend(words)
        elif current is None and last_bottom is not None and line.top - last_bottom < 2.5 * table["pitch"]:
            continue  # a second header row, or a rule's caption, before the first row
        elif current is not None or last_bottom is not None:
            # the rows ended without the learned end marker (a page footer): the next page may go on
            return True
        if current is not None:
            last_bottom = line.bottom
    return True


def _find_header(page: list[Line], columns: dict[str, Any]) -> tuple[int | None, float]:
    best: tuple[int, int, float] | None = None
    for index, line in enumerate(page):
        keys = [label_key(w.text) for w in line.words]
        shifts = []
        for column in columns.values():
            first = label_key(column["header"].split(" ")[0])
            hits = [line.words[i].x0 - column["hx0"] for i, k in enumerate(keys) if k == first]
            if hits:
                shifts.append(min(hits, key=abs))
        if len(shifts) >= max(2, 0.6 * len(columns)) and (best is None or len(shifts) > best[0]):
            best = (len(shifts), index, statistics.median(shifts))
    return (best[1], best[2]) if best else (None, 0.0)


def read_layout(
    doc_text: Any, memory_item: dict[str, Any], lines: dict[int, list[Line]] | None = None
) -> LearnedReading | None:
    """Read ``doc_text`` with one learned layout, or None when the layout does not apply to it."""
    layout = memory_item["rules"]
    if not doc_text.pages:
        return None
    lines = lines if lines is not None else page_lines(doc_text)
    size = _page_size(doc_text)
    expected = layout.get("page_size") or size
    if abs(expected[0] - size[0]) > PAGE_SIZE_TOLERANCE or abs(expected[1] - size[1]) > PAGE_SIZE_TOLERANCE:
        return None
    share = anchor_share(lines, layout.get("anchors") or [])
    if share < MIN_ANCHORS or not _issuer_matches(lines, layout, doc_text, size):
        return None
    stats = memory_item.get("stats") or {}
    where = {"source": "learned", "layout_id": memory_item["id"]}
    reading = LearnedReading(memory_item["id"], memory_item.get("version", 1), layout["doc_type"], round(share, 4))
    for name, rule in layout["fields"].items():
        if rule.get("kind") == "absent":
            reading.absent.add(name)
        elif rule.get("kind") == "const":
            reading.fields[name] = {**make_field(rule["value"], confidence(stats, name) * 0.9), **where}
        else:
            found = read_value(lines, rule, size)
            if found is not None:
                value, run = found
                cell = make_field(value, confidence(stats, name), page=run.page, bbox=run.box, raw=run.text)
                reading.fields[name] = {**cell, **where}
    if layout.get("table"):
        reading.lines = []
        shapes = {name: c["shape"] for name, c in layout["table"]["columns"].items()}
        line_conf = confidence(stats, "lines")
        for row in read_table(lines, layout["table"]):
            item = {}
            for name, (text, words) in row.items():
                value = parse(text, shapes[name])
                if value is None or not words:
                    continue
                box = [
                    min(w.x0 for w in words),
                    min(w.top for w in words),
                    max(w.x1 for w in words),
                    max(w.bottom for w in words),
                ]
                page = next(p for p, page_lines_ in lines.items() if any(words[0] in ln.words for ln in page_lines_))
                item[name] = {**make_field(value, line_conf, page=page, bbox=box, raw=text), **where}
            if item:
                reading.lines.append(item)
    return reading


def best_reading(doc_text: Any, memory: list[dict[str, Any]], doc_type: str | None = None) -> LearnedReading | None:
    """The reading with the best-matching layout of the memory (only layouts of ``doc_type`` when given)."""
    if not memory or doc_text is None or not doc_text.pages:
        return None
    lines = page_lines(doc_text)
    best: LearnedReading | None = None
    for item in memory:
        if doc_type and item["rules"].get("doc_type") != doc_type:
            continue
        reading = read_layout(doc_text, item, lines)
        if reading is not None and (best is None or reading.score > best.score):
            best = reading
    return best


def totals_problems(fields: dict[str, Any], lines: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """(code, message, field) when the learned lines do not add up to the learned subtotal: a reading to check."""
    amounts = [
        line["amount"]["value"] for line in lines if isinstance((line.get("amount") or {}).get("value"), int | float)
    ]
    subtotal = (fields.get("subtotal_amount") or {}).get("value")
    if not amounts or not isinstance(subtotal, int | float) or abs(sum(amounts) - subtotal) <= 0.01 * len(amounts):
        return []
    message = f"The lines add up to {sum(amounts):.2f} but the subtotal printed is {subtotal:.2f}."
    return [("totals_mismatch", message, "subtotal_amount")]

"""Learn where each field of one document sits, from the values a person confirmed or corrected.

``learn_layout(doc_text, doc_type, fields, lines)`` finds every value on the page (by its printed form, whatever
the shape: ``1.234,56``, ``05.03.2024``, ``8536 69 99``) and records, as plain data:

- for a header field: the label beside or above it (the words to its left on the same line, else the phrase
  above it), the value's offset from that label, its place on the page, how many words it had and its shape;
- for the line items: each column's header text and x-range, the column every row has (the anchor), and the
  text that ends the table;
- a fingerprint of the layout: the label words and the page size, which do not change when the values do.

Nothing here touches a database: the result is stored by ``evidence.layouts``.
"""

from __future__ import annotations

import statistics
from typing import Any

from extractors.learned.geometry import Line, Run, has_digit, is_gap, label_key, page_lines, phrase_at
from extractors.learned.locate import RunIndex
from extractors.learned.values import kind_of

LAYOUT_FORMAT = 1
# A label further left of its value than this share of the page width is not its label.
MAX_LABEL_GAP = 0.3
# Fields whose value, when printed twice (a subtotal equal to the total), is the lower one.
LOWEST_WINS = frozenset({"total_amount", "total", "cce_total_usd"})
# The fields that name a document's issuer, in order of preference, per document type.
ISSUER_FIELDS: dict[str, tuple[str, ...]] = {
    "commercial_invoice": ("seller_tax_id", "seller_name"),
    "packing_list": ("seller_tax_id", "seller_name"),
    "cfdi": ("issuer_rfc", "issuer_name"),
    "bill_of_lading": ("carrier_scac", "carrier_name"),
    "pedimento": ("patente",),
    # a document nobody retyped: whichever party field a person gave names its issuer
    "other": ("seller_tax_id", "issuer_rfc", "seller_name", "issuer_name", "carrier_name"),
}
ANCHOR_PREFERENCE = ("amount", "quantity", "part_number", "unit_price", "description")


def issuer_of(doc_type: str, fields: dict[str, Any]) -> tuple[str, str] | None:
    """(field, value) naming the issuer of a document, or None when no such field has a value."""
    for name in ISSUER_FIELDS.get(doc_type, ()):
        value = fields.get(name)
        if isinstance(value, str) and value.strip():
            return name, value.strip()
    return None


def issuer_key(value: str) -> str:
    """An issuer compared loosely: letters and digits only, upper case."""
    return "".join(c for c in value.upper() if c.isalnum())


def _label_for(lines: dict[int, list[Line]], run: Run, taken: set[tuple[int, int, int]], width: float) -> Run | None:
    """The label of a value: the phrase left of it on its line, else the phrase just above it."""
    line = lines[run.page][run.line]
    if run.start > 0 and run.words[0].x0 - line.words[run.start - 1].x1 < MAX_LABEL_GAP * width:
        left = phrase_at(line, run.start - 1, run.page, run.line, backwards=True)
        if not has_digit(left.text) and (left.page, left.line, left.start) not in taken and len(left.words) <= 4:
            return left
    x0, _, x1, _ = run.box
    for index in range(run.line - 1, max(run.line - 4, -1), -1):
        above = lines[run.page][index]
        if run.box[1] - above.bottom > 3 * line.height:
            break
        overlapping = [i for i, w in enumerate(above.words) if w.x1 >= x0 - 2 and w.x0 <= x1 + 2]
        if not overlapping:
            continue
        phrase = phrase_at(above, overlapping[0], run.page, index, backwards=False)
        if not has_digit(phrase.text) and len(phrase.words) <= 4:
            return phrase
        return None
    return None


def _trail(lines: dict[int, list[Line]], run: Run) -> str | None:
    """The word printed right after the value in the same phrase (``MVA`` after a VAT number)."""
    line = lines[run.page][run.line]
    end = run.start + len(run.words)
    if end < len(line.words) and not is_gap(line, line.words[end - 1], line.words[end]):
        return label_key(line.words[end].text)
    return None


def _relative(box: list[float], page: int, size: tuple[float, float]) -> list[float]:
    w, h = size
    return [page, round(box[0] / w, 4), round(box[1] / h, 4), round(box[2] / w, 4), round(box[3] / h, 4)]


def _header_rule(
    lines: dict[int, list[Line]],
    name: str,
    run: Run,
    shape: dict[str, Any],
    taken: set[tuple[int, int, int]],
    size: tuple[float, float],
) -> dict[str, Any]:
    box = run.box
    rule: dict[str, Any] = {
        "shape": shape,
        "at": _relative(box, run.page, size),
        "words": len(run.words),
        "single": len(run.words) == 1 and has_digit(run.text),
        "trail": _trail(lines, run),
        "align": "right" if shape["kind"] == "number" else "left",
    }
    label = None if shape.get("strip") else _label_for(lines, run, taken, size[0])
    if label is not None:
        lbox = label.box
        rule.update(
            label=label.text,
            label_at=_relative(lbox, label.page, size)[:3],
            dx0=round(box[0] - lbox[0], 2),
            dx1=round(box[2] - lbox[0], 2),
            dy=round((box[1] + box[3]) / 2 - (lbox[1] + lbox[3]) / 2, 2),
        )
    return rule


def learn_header(
    index: RunIndex,
    fields: dict[str, Any],
    size: tuple[float, float],
    table_rows: set[tuple[int, int]],
    taught: set[str] | None = None,
) -> dict[str, dict[str, Any]]:
    """A rule for every header field that has a value (or was emptied by a person: ``absent``). A value a person
    gave that is not printed as such (a currency the page only implies) is remembered as a constant of the
    issuer; a machine value not found on the page is left to the general reader."""
    rules: dict[str, dict[str, Any]] = {}
    taken: set[tuple[int, int, int]] = set()
    found: dict[str, list[tuple[Run, dict[str, Any]]]] = {}
    for name, value in fields.items():
        if value is None or value == "":
            rules[name] = {"kind": "absent"}
            continue
        candidates = [
            (run, shape)
            for run, shape in index.candidates(value, kind_of(name, value))
            if (run.page, run.line) not in table_rows
        ]
        found[name] = candidates
        if not candidates and (taught is None or name in taught):
            rules[name] = {"kind": "const", "value": value}
    # unique places first, so that a value printed twice goes to the field that is left over
    for name in sorted(found, key=lambda n: len(found[n])):
        candidates = [c for c in found[name] if (c[0].page, c[0].line, c[0].start) not in taken]
        if not candidates:
            candidates = found[name]
        if not candidates:
            continue
        run, shape = candidates[-1] if name in LOWEST_WINS else candidates[0]
        taken.add((run.page, run.line, run.start))
        rules[name] = _header_rule(index.lines, name, run, shape, taken, size)
    return rules


def _row_cells(
    index: RunIndex, line_values: dict[str, Any], after: tuple[int, float]
) -> dict[str, tuple[Run, dict[str, Any]]]:
    """Where one line item's values are printed: anchored on its rarest value, the others nearest to it."""
    options = {
        name: [c for c in index.candidates(value, kind_of(name, value)) if (c[0].page, c[0].box[1]) > after]
        for name, value in line_values.items()
        if value is not None and value != ""
    }
    options = {name: found for name, found in options.items() if found}
    if not options:
        return {}
    anchor = min(options, key=lambda n: (len(options[n]), n not in ANCHOR_PREFERENCE))
    anchor_run, anchor_shape = options[anchor][0]
    cells = {anchor: (anchor_run, anchor_shape)}
    used = {id(w) for w in anchor_run.words}
    middle = (anchor_run.box[1] + anchor_run.box[3]) / 2
    height = index.lines[anchor_run.page][anchor_run.line].height
    for name in sorted(options, key=lambda n: len(options[n])):
        if name == anchor:
            continue
        free = [c for c in options[name] if c[0].page == anchor_run.page and not used & {id(w) for w in c[0].words}]
        if not free:
            continue
        best = min(free, key=lambda c: abs((c[0].box[1] + c[0].box[3]) / 2 - middle))
        if abs((best[0].box[1] + best[0].box[3]) / 2 - middle) <= 2.5 * height:
            cells[name] = best
            used |= {id(w) for w in best[0].words}
    return cells


def learn_table(index: RunIndex, items: list[dict[str, Any]], size: tuple[float, float]) -> dict[str, Any] | None:
    """Columns of the line items: each one's header text and x-range, the anchor column and the end marker."""
    rows: list[dict[str, tuple[Run, dict[str, Any]]]] = []
    after = (0, -1.0)
    for item in items:
        cells = _row_cells(index, item, after)
        if not cells:
            continue
        rows.append(cells)
        first = min(cells.values(), key=lambda c: (c[0].page, c[0].box[1]))[0]
        after = (first.page, first.box[1] + 0.5)
    if not rows:
        return None
    columns: dict[str, dict[str, Any]] = {}
    names = {name for row in rows for name in row}
    for name in names:
        boxes = [row[name][0].box for row in rows if name in row]
        shapes = [row[name][1] for row in rows if name in row]
        columns[name] = {
            "x0": round(min(b[0] for b in boxes), 2),
            "x1": round(max(b[2] for b in boxes), 2),
            "shape": shapes[0],
            "count": len(boxes),
            "align": _alignment(boxes, shapes[0]),
        }
    complete = [n for n in names if columns[n]["count"] == len(rows)]
    anchor = next((n for n in ANCHOR_PREFERENCE if n in complete), complete[0] if complete else None)
    if anchor is None:
        return None
    first_row = min(rows[0].values(), key=lambda c: c[0].box[1])[0]
    page = first_row.page
    lines = index.lines
    header = _header_line(lines[page], first_row, columns)
    if header is None:
        return None
    for column in columns.values():
        words = [w for w in header.words if w.x1 >= column["x0"] - 4 and w.x0 <= column["x1"] + 4]
        if not words:
            centre = (column["x0"] + column["x1"]) / 2
            words = [min(header.words, key=lambda w: abs((w.x0 + w.x1) / 2 - centre))]
        column["header"] = " ".join(w.text for w in words)
        column["hx0"] = round(min(w.x0 for w in words), 2)
    anchor_tops = sorted(row[anchor][0].box[1] for row in rows if row[anchor][0].page == page)
    pitch = statistics.median([b - a for a, b in zip(anchor_tops, anchor_tops[1:], strict=False)] or [12.0])
    last = max((row[anchor][0] for row in rows), key=lambda r: (r.page, r.box[1]))
    return {
        "columns": columns,
        "anchor": anchor,
        "pitch": round(pitch, 2),
        "stop": _stop_text(lines[last.page], last, columns[anchor], pitch),
        "rows": len(rows),
        "row_lines": sorted({(c[0].page, c[0].line) for row in rows for c in row.values()}),
    }


def _alignment(boxes: list[list[float]], shape: dict[str, Any]) -> str:
    """``left`` or ``right``: the edge the cells of a column share (by kind when there is one row)."""
    if len(boxes) > 1:
        left = max(b[0] for b in boxes) - min(b[0] for b in boxes)
        right = max(b[2] for b in boxes) - min(b[2] for b in boxes)
        if abs(left - right) > 1:
            return "left" if left < right else "right"
    return "right" if shape.get("kind") == "number" else "left"


def _header_line(page_lines_: list[Line], first: Run, columns: dict[str, dict[str, Any]]) -> Line | None:
    """The line above the first row with the most words over the columns."""
    best: tuple[int, Line] | None = None
    for line in page_lines_[: first.line][::-1][:4]:
        hits = sum(
            1
            for w in line.words
            if any(w.x1 >= c["x0"] - 15 and w.x0 <= c["x1"] + 15 for c in columns.values()) and not has_digit(w.text)
        )
        if hits >= 2 and (best is None or hits > best[0]):
            best = (hits, line)
    return best[1] if best else None


def _stop_text(page_lines_: list[Line], last: Run, anchor: dict[str, Any], pitch: float) -> str | None:
    """The first word of the first line below the last row that is not a wrapped cell of that row."""
    bottom = last.box[3]
    for line in page_lines_[last.line + 1 :]:
        in_anchor = any(w.x1 >= anchor["x0"] - 2 and w.x0 <= anchor["x1"] + 2 and has_digit(w.text) for w in line.words)
        if not in_anchor and line.top - bottom < 1.2 * pitch:
            bottom = line.bottom
            continue
        first = line.words[0].text
        return None if has_digit(first) else label_key(first)
    return None


def merge_rules(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """A later lesson of the same layout: its rules win for the fields it saw, the earlier ones stay for the
    fields it did not (a document without a freight line does not unlearn the freight), and a value given that
    is not printed on the later page does not replace where the field was found printed before."""
    fields = {**(old.get("fields") or {}), **(new.get("fields") or {})}
    for name, rule in (new.get("fields") or {}).items():
        if rule.get("kind") == "const" and (old.get("fields") or {}).get(name, {}).get("shape"):
            fields[name] = old["fields"][name]  # a value not on this page does not unlearn where it is printed
    merged = {**new, "fields": fields}
    if not new.get("table") and old.get("table"):
        merged["table"] = old["table"]
    merged["anchors"] = sorted(set(new.get("anchors") or []) | set(old.get("anchors") or []))
    return merged


def resolve_decimal(rules: dict[str, Any]) -> None:
    """Numbers that read the same with either decimal mark (``45``, ``1.809``) take the document's own mark."""
    shapes = [r["shape"] for r in rules["fields"].values() if isinstance(r.get("shape"), dict)]
    if rules.get("table"):
        shapes += [c["shape"] for c in rules["table"]["columns"].values()]
    numbers = [s for s in shapes if s.get("kind") == "number"]
    known = [s["decimal"] for s in numbers if s.get("decimal") in (".", ",")]
    mark = max(set(known), key=known.count) if known else "."
    for shape in numbers:
        if shape.get("decimal") not in (".", ","):
            shape["decimal"] = mark


def fingerprint(doc_text: Any) -> list[str]:
    """The words of the first page without digits (labels and fixed text: what stays when values change)."""
    if not doc_text.pages:
        return []
    words = {label_key(w.text) for w in doc_text.pages[0].words if not has_digit(w.text) and len(w.text) > 1}
    return sorted(words)


def learn_layout(
    doc_text: Any,
    doc_type: str,
    fields: dict[str, Any],
    items: list[dict[str, Any]],
    taught: set[str] | None = None,
) -> dict[str, Any]:
    """The layout memory of one document (plain data): header rules, table columns, fingerprint, issuer.
    ``taught`` names the header fields a person gave (None: all of them)."""
    lines = page_lines(doc_text)
    first = doc_text.pages[0] if doc_text.pages else None
    size = (float(first.width or 612.0), float(first.height or 792.0)) if first else (612.0, 792.0)
    index = RunIndex(lines)
    table = learn_table(index, items, size) if items else None
    table_rows: set[tuple[int, int]] = set(map(tuple, table.pop("row_lines"))) if table else set()  # type: ignore[arg-type]
    header = learn_header(index, fields, size, table_rows, taught)
    anchors = sorted({label_key(rule["label"]) for rule in header.values() if rule.get("label")})
    if table:
        anchors += sorted({label_key(c["header"]) for c in table["columns"].values()} - set(anchors))
    issuer = issuer_of(doc_type, fields)
    rules = {
        "format": LAYOUT_FORMAT,
        "doc_type": doc_type,
        "page_size": [round(size[0], 1), round(size[1], 1)],
        "pages": len(doc_text.pages),
        "issuer": {"field": issuer[0], "value": issuer[1], "key": issuer_key(issuer[1])} if issuer else None,
        "anchors": anchors,
        "fingerprint": fingerprint(doc_text),
        "fields": header,
        "table": table,
    }
    resolve_decimal(rules)
    return rules

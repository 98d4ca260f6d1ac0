"""Conceptos and Comercio Exterior mercancías printed as blocks of labelled values rather than as a table.

Some issuers print each concepto as a first line (position, part number, description, the description wrapping
onto the lines under it) and a line of labelled values (``Clave SAT: 26121600  Unidad: H87 Pieza  Cantidad:
120.000  P. Unitario: 1.25 USD  Importe: 150.00 USD``), and each mercancía of the complement as one labelled line
(``Fracción arancelaria: 8544.42.99  Cant. aduana: 120  U. aduana: 06  Valor USD: 150.00``). The labels are the
same wordings the tables' column headers use, so a line is split at each ``label:`` those wordings name; which
line is which follows from the values it labels (a quantity with a price or an amount is a concepto, a fracción
with a customs quantity or value a mercancía), never from one issuer's layout.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import Any

from extractors import layout
from extractors.cfdi_pdf_figures import parse_money
from extractors.result import compact_line, line_field

# A label ends in a colon (``Cantidad:``) or is followed by a colon word of its own (``Cantidad :``).
_COLON = ":"
MAX_LABEL_WORDS = 4


def block_wordings(columns: dict[str, Sequence[str]]) -> dict[str, str]:
    """norm(wording) → field key, for the keys of the contract (not the decoys, whose names start with _). Where
    two keys' wordings read the same once normalised ("UNID AD" and "UNIDAD"), the first key given keeps it."""
    found: dict[str, str] = {}
    for key, words in columns.items():
        if not key.startswith("_"):
            for wording in words:
                found.setdefault(layout.norm(wording), key)
    return found


def labelled_segments(words: list[Any], wordings: dict[str, str]) -> dict[str, list[Any]]:
    """The line's values under a known label, as field key → the words of its value.

    Each colon closes a label: the longest run of at most ``MAX_LABEL_WORDS`` words before it (after the previous
    label's colon, leaving that label one word of value) that is a known wording. A colon whose words name no
    known label still ends the value before it, so an unknown label never runs into a known value."""
    colons = [i for i, word in enumerate(words) if word.text.endswith(_COLON)]
    spans: list[tuple[int, int, str | None]] = []  # label start, colon index, key
    floor = 0
    for i in colons:
        key, start = None, i
        for j in range(max(floor, i - MAX_LABEL_WORDS + 1), i + 1):
            text = layout.norm(" ".join(word.text for word in words[j : i + 1]))
            if text in wordings:
                key, start = wordings[text], j
                break
        spans.append((start, i, key))
        floor = i + 2
    values: dict[str, list[Any]] = {}
    for index, (_start, colon, key) in enumerate(spans):
        end = spans[index + 1][0] if index + 1 < len(spans) else len(words)
        value = words[colon + 1 : end]
        if key is not None and value and key not in values:
            values[key] = value
    return values


def bare_segments(words: list[Any], wordings: dict[str, str]) -> dict[str, list[Any]]:
    """A line of labels without colons, each followed by its figure or code (``FRACC 85044099 CANT 120 UM 06
    USD 150.00``), as field key → the words of its value; empty unless the line is that shape throughout: it
    opens with a known label, each value holds a digit and two labels at least have one (so that a description
    that happens to hold a label's word is not split); a label followed right away by the next reads nothing."""
    spans: list[tuple[int, int, str]] = []  # label start, label end (exclusive), key
    j = 0
    while j < len(words):
        for k in range(min(len(words), j + MAX_LABEL_WORDS), j, -1):
            text = layout.norm(" ".join(word.text for word in words[j:k]))
            if text in wordings:
                spans.append((j, k, wordings[text]))
                j = k
                break
        else:
            j += 1
    if len(spans) < 2 or spans[0][0] != 0:
        return {}
    values: dict[str, list[Any]] = {}
    for index, (_start, end, key) in enumerate(spans):
        stop = spans[index + 1][0] if index + 1 < len(spans) else len(words)
        value = words[end:stop]
        if not value:
            continue  # a figure OCR dropped (a faint "06"): the label reads nothing, the others still do
        if not any(ch.isdigit() for word in value for ch in word.text) or key in values:
            return {}
        values[key] = value
    return values if len(values) >= 2 else {}


# Signs between a quantity and its unit value in a receipt's "120 x 1.25 = 150.00" (OCR's × and * too).
_TIMES = frozenset({"x", "X", "×", "*", "@"})
_EQUALS = frozenset({"=", ":"})


def _figure(text: str) -> float | None:
    parsed = parse_money(text)
    return parsed[0] if parsed is not None and parsed[1][1] - parsed[1][0] >= len(text.strip()) - 1 else None


def _operators_apart(words: list[Any]) -> list[Any]:
    """The ``x`` that OCR ran into the unit value ("x14.91", "x.14.91") as a word of its own, so that the sign
    and the figure are read apart; the figure keeps the word's box (it is what a reader points at)."""
    out: list[Any] = []
    for word in words:
        match = re.fullmatch(r"([xX×*])[.,:]?(\$?\d[\d,.]*)", word.text)
        if match is None or not dataclasses.is_dataclass(word) or isinstance(word, type):
            out.append(word)
            continue
        out.extend([dataclasses.replace(word, text=match.group(1)), dataclasses.replace(word, text=match.group(2))])
    return out


def arithmetic(words: list[Any]) -> dict[str, list[Any]]:
    """The quantity, unit value and amount of a line printed as a receipt prints them: ``120 x 1.25 = 150.00``
    (or without the ``=``). With the ``=`` the shape alone says which figure is which; without it the figures
    must agree (quantity × unit value = amount, the unit value rounded to the cent)."""
    words = _operators_apart(words)
    for i, word in enumerate(words):
        if word.text not in _TIMES or i == 0 or i + 2 > len(words):
            continue
        # the quantity right before the sign, or before its unit ("3 PZA x 1.25 = 3.75")
        unit = [words[i - 1]] if i >= 2 and _UNIT_WORD.fullmatch(words[i - 1].text) else []
        counted = words[i - 1 - len(unit)]
        quantity, price = _figure(counted.text), _figure(words[i + 1].text)
        if quantity is None or price is None:
            continue
        marked = i + 3 < len(words) and words[i + 2].text in _EQUALS
        at = i + 3 if marked else i + 2
        amount = _figure(words[at].text) if at < len(words) else None
        if amount is None:
            continue
        if marked or abs(quantity * price - amount) <= 0.01 + 0.005 * abs(quantity):
            found = {"quantity": [counted], "unit_price": [words[i + 1]], "amount": [words[at]]}
            return {**found, "unit": unit} if unit else found
    return {}


# A unit printed between the quantity and the sign: its name or SAT key (letters, or a letter and digits).
_UNIT_WORD = re.compile(r"[A-Za-z]{1,5}\.?|[A-Z][A-Z0-9]{1,2}")


_POSITION = re.compile(r"\d{1,4}\.?")
_PRODUCT_KEY = re.compile(r"\d{8}")


# What OCR makes of a rule or a speck next to a word ("-EX76408-9", "¥FG23477-1"): no part of a code.
_SPECKS = "-–—¥*·•.,:;'\"_|~`"
# A code set in brackets or parentheses ("[26121600]", "(H87)"), as receipts print the SAT's keys.
_BRACKETS = "[](){}"


def _is_code(text: str) -> bool:
    """A part number's shape: a digit and a letter or joiner, or digits alone (three or more characters), specks
    OCR left at its ends aside."""
    text = text.strip(_SPECKS).strip(_BRACKETS)
    return len(text) >= 3 and any(ch.isdigit() for ch in text) and bool(re.fullmatch(r"[A-Za-z0-9][\w\-./]*", text))


def _numbered(line: layout.Line) -> bool:
    """A position, a code and words: ``1  FG1234-5  TABLERO ...``."""
    texts = [word.text for word in line.words]
    return len(texts) >= 3 and bool(_POSITION.fullmatch(texts[0])) and _is_code(texts[1])


def _first_line_shape(line: layout.Line) -> bool:
    """The block's first line: a position and a code, or a code and words after it."""
    texts = [word.text for word in line.words]
    if _numbered(line):
        return True
    return len(texts) >= 2 and _is_code(texts[0]) and not texts[0].endswith(_COLON)


def _has_label(line: layout.Line) -> bool:
    return any(word.text.endswith(_COLON) for word in line.words)


def _is_rule(line: layout.Line) -> bool:
    """A rule drawn with characters (``-----``, ``=====``, ``*****``) between a receipt's blocks."""
    return bool(line.words) and not any(layout.norm(word.text) for word in line.words)


def _block_lines(lines: list[layout.Line], at: int, floor: int) -> list[layout.Line]:
    """The lines of the concepto above its labelled line ``at``: the contiguous lines above it (no label in them,
    no gap wider than a line and a half) from the last numbered one, else the topmost with a first line's shape."""
    run: list[layout.Line] = []
    below = lines[at]
    for index in range(at - 1, floor - 1, -1):
        line = lines[index]
        apart = below.top - line.bottom > 1.5 * max(line.height, below.height)
        if _has_label(line) or _is_rule(line) or apart or len(run) >= 8:
            break
        run.insert(0, line)
        below = line
    # a position and a code is the surer first line; a code and words may be a heading ("A-12 CONCEPTOS ...")
    numbered = [k for k, line in enumerate(run) if _numbered(line)]
    starts = numbered or [k for k, line in enumerate(run) if _first_line_shape(line)]
    return run[starts[-1] if numbered else starts[0] :] if starts else run[-1:]


def _first_line_cells(block: list[layout.Line], page: int) -> dict[str, layout.Cell]:
    """Part number (or an eight-digit ClaveProdServ) and description from the block's first line; the lines under
    it are the description's continuation."""
    cells: dict[str, layout.Cell] = {}
    if not block:
        return cells
    words = list(block[0].words)
    if len(words) >= 3 and _POSITION.fullmatch(words[0].text) and _is_code(words[1].text):
        words = words[1:]
    if len(words) >= 2 and _is_code(words[0].text):
        key = "product_key" if _PRODUCT_KEY.fullmatch(words[0].text.strip(_BRACKETS)) else "part_number"
        cells[key] = layout.Cell(words=[words[0]], page=page)
        words = words[1:]
        if key == "product_key" and len(words) >= 2 and _is_code(words[0].text) and _has_letter(words[0].text):
            # the ClaveProdServ, then the issuer's part number ("[26121600] FG1234-5 TABLERO ...")
            cells["part_number"] = layout.Cell(words=[words[0]], page=page)
            words = words[1:]
    rest = words + [word for line in block[1:] for word in line.words]
    if rest:
        cells["description"] = layout.Cell(words=rest, page=page)
    return cells


def _has_letter(text: str) -> bool:
    """A part number has a letter or a joiner; a figure ("1,250.00") or a year has none."""
    return any(ch.isalpha() or ch in "-/" for ch in text)


def _parsed(cells: dict[str, layout.Cell], parsers: dict[str, Any]) -> dict[str, Any]:
    line: dict[str, dict[str, Any] | None] = {}
    for key, parser in parsers.items():
        found = layout.found_from_cell(cells.get(key), parser, 0.9)
        if found is not None:
            line[key] = line_field(found.value, found.confidence, page=found.page, bbox=found.bbox, raw=found.raw)
    return compact_line(line)


def read_concepto_blocks(
    pages: list[layout.PageLayout], columns: dict[str, Sequence[str]], parsers: dict[str, Any]
) -> list[dict[str, Any]]:
    """Conceptos printed as blocks: each line that labels a quantity and a price or an amount, with the block's
    first line (part number, description) and the description's continuation above it."""
    wordings = block_wordings(columns)
    out: list[dict[str, Any]] = []
    for page in pages:
        floor = 0
        for index, line in enumerate(page.lines):
            values = _concepto_values(line.words, wordings)
            figures = "quantity" in values and bool({"unit_price", "amount"} & values.keys())
            if not figures and not (page.ocr and "unit" in values):
                continue
            first = _first_line_cells(_block_lines(page.lines, index, floor), page.number)
            if not figures:
                # on a scan, a unit's line whose figures OCR broke: a concepto still when a ClaveProdServ opens
                # its block; its figures come from the complement's mercancía (see ``figures_from_mercancia``)
                if "product_key" not in first:
                    continue
                values = {"unit": values["unit"][:1]}
            cells = {key: layout.Cell(words=words, page=page.number) for key, words in values.items()}
            for key, cell in first.items():
                cells.setdefault(key, cell)
            floor = index + 1
            parsed = _parsed(cells, parsers)
            if "quantity" in parsed or not figures:
                out.append(parsed)
    return out


def _concepto_values(words: list[Any], wordings: dict[str, str]) -> dict[str, list[Any]]:
    """A concepto's labelled values, with the figures of a receipt's ``120 x 1.25 = 150.00`` on the line (a
    labelled value ends where those figures begin), or a line of labels without colons."""
    words = _operators_apart(words)
    values = labelled_segments(words, wordings)
    figures = arithmetic(words)
    if figures:
        position = {id(word): k for k, word in enumerate(words)}
        first = min(position[id(word)] for found in figures.values() for word in found)
        values = {key: [w for w in found if position[id(w)] < first] for key, found in values.items()}
        values = {key: found for key, found in values.items() if found}
        for key, found in figures.items():
            values.setdefault(key, found)
    if not values:
        values = bare_segments(words, wordings)
        if "tariff_code" in values:
            return {}  # a mercancía's line of bare labels ("FRACC … CANT … VALOR …"), no concepto
    return values


def read_labelled_mercancias(
    pages: list[layout.PageLayout],
    columns: dict[str, Sequence[str]],
    parsers: dict[str, Any],
    bare: dict[str, Sequence[str]] | None = None,
) -> list[dict[str, Any]]:
    """Mercancías printed one to a line of labelled values: a fracción with a customs quantity or a value.
    ``bare`` are the wordings of a line of labels without colons, where the line's fracción makes a plain
    "Cant." or "UM" the customs quantity or unit (default: ``columns``)."""
    wordings = block_wordings(columns)
    bare_wordings = block_wordings(bare if bare is not None else columns)
    out: list[dict[str, Any]] = []
    for page in pages:
        for line in page.lines:
            values = labelled_segments(line.words, wordings)
            if "tariff_code" not in values:
                # a line of bare labels where OCR read a period as a colon ("Valor unit: aduana 26.07")
                values = bare_segments(line.words, bare_wordings) or values
            if "tariff_code" not in values or not ({"customs_quantity", "usd_value"} & values.keys()):
                continue
            parsed = _parsed({key: layout.Cell(words=w, page=page.number) for key, w in values.items()}, parsers)
            if "tariff_code" in parsed:
                out.append(parsed)
    return out

"""Cells of a CFDI printout's conceptos that are not printed in the table's columns: the ClaveProdServ leading a
description, values under their own label on the lines under an item (as ERPs print the SAT's codes and the
Comercio Exterior data), and the unit's name printed instead of its SAT key. All from the SAT catalogues'
shapes and the labels issuers print, never from one issuer's layout.
"""

from __future__ import annotations

import re
from typing import Any

from extractors.entities.normalise import parse_amount

_KEY_LEADING = re.compile(r"^\s*(\d{8})\s*[-–:]?\s+(?=\S)")


def key_leading_description(line: dict[str, Any]) -> None:
    """A ClaveProdServ (eight digits, the SAT catalogue's shape) leading the description, as printouts that
    print "26121600 - Tablero ..." do (or where the key's column was not found): it is the product key."""
    if "product_key" in line:
        return
    cell = line.get("description")
    match = _KEY_LEADING.match(str((cell or {}).get("value", "")))
    if cell is None or match is None:
        return
    line["product_key"] = {**cell, "value": match.group(1), "raw": match.group(1)}
    line["description"] = {**cell, "value": cell["value"][match.end() :].strip()}


# A figure whose separators are all one mark grouping thousands of three, but whose last group has two digits
# (``8,574,72``, ``56.997.00``): a group of two digits is never thousands, so its separator is the decimal point
# that OCR read as the thousands mark (or that the print set in the other convention).
_CENTS_AFTER_GROUPS = re.compile(r"(-?\d{1,3}(?:([,.])\d{3})(?:\2\d{3})*)\2(\d{2})")


def cents_apart(printed: str) -> str:
    """``printed`` with the separator before a last group of two digits made a decimal point (``8,574,72`` →
    ``8574.72``) where the groups before it are thousands; otherwise as it was."""
    match = _CENTS_AFTER_GROUPS.fullmatch(printed.strip())
    if match is None:
        return printed
    return match.group(1).replace(match.group(2), "") + "." + match.group(3)


def _pattern(labels: str, value: str, colon: str = ":") -> re.Pattern[str]:
    return re.compile(rf"\b(?:{labels})\s*{colon}\s*({value})", re.IGNORECASE)


# Values printed with their own label on a line of the concepto ("Clave SAT: 26121600  Clave unidad: H87",
# "Fracción: 8544.30.02  Cant. aduana: 122.00  U. aduana: 06  Valor USD: 2,287.50"), as ERPs print the SAT's
# codes and the Comercio Exterior data under each item. The colon is required: a description may hold the words.
_NUMBER = r"\$?\s?\d[\d,]*(?:\.\d+)?"
_IN_CONCEPTO: tuple[tuple[str, str, str], ...] = (
    (
        "product_key",
        r"clave\s*(?:sat|prod(?:ucto)?\.?\s*(?:/|y/o)?\s*serv(?:icio)?\.?)|claveprodserv|c[oó]digo\s*sat",
        r"\d{8}",
    ),
    ("unit", r"clave\s*(?:de\s*)?unidad(?:\s*sat)?|claveunidad|unidad\s*sat|cve\.?\s*unidad", r"[A-Z0-9]{2,3}"),
    (
        "part_number",
        r"no\.?\s*(?:de\s*)?identificaci[oó]n|noidentificacion|no\.?\s*de\s*parte|no\.?\s*ident\.?",
        r"\S+",
    ),
    ("tariff_code", r"fracci[oó]n(?:\s*arancelaria)?|fraccionarancelaria", r"\d{4}\.?\d{2}\.?\d{2}"),
    ("customs_quantity", r"cant(?:idad)?\.?\s*(?:en\s*)?adu(?:ana\b|\.)|cantidadaduana", _NUMBER),
    ("customs_unit", r"u(?:nidad|nid|m)?\.?\s*(?:de\s*medida\s*)?adu(?:ana\b|\.)|unidadaduana", r"\d{2}"),
    ("usd_value", r"valor\s*(?:en\s*)?(?:usd|d[oó]lares|dls|dlls)|valordolares", _NUMBER),
)
LABELLED_IN_CONCEPTO: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, _pattern(labels, value)) for key, labels, value in _IN_CONCEPTO
)
# The same values with their labels and no colons ("Clave prod./serv. 43201800 · Fracción arancelaria 85044099 ·
# Cantidad aduana 332,000"): read only from a note, a line the table already judged to be labelled codes.
# A value here is whole: no letter or digit runs on after it (a period or dash OCR read beside it may), so a word
# run on after it is not taken for its digits.
# A figure there may be printed in either convention (``4.258,000``, ``105.598,40``). On a scan the label may end
# in a speck OCR glued between it and its figure (``SAT.31161800``, ``USD;56,997.00``): a colon's place.
_FIGURE = r"\$?\s?\d(?:[\d,.]*\d)?"
BARE_IN_CONCEPTO: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, _pattern(labels, (_FIGURE if value == _NUMBER else value) + r"(?!\w|[.,]\d)", colon="[:.;]?"))
    for key, labels, value in _IN_CONCEPTO
)


def labelled_in_note(line: dict[str, Any]) -> None:
    """The labelled values of a concepto's note (the lines under the item) into their cells, where the table's
    columns did not give them; the note itself is no cell of the contract."""
    cell = line.pop("_note", None)
    if cell is None:
        return
    text = str(cell.get("value", ""))
    for key, pattern, bare in zip(
        (key for key, _p in LABELLED_IN_CONCEPTO),
        (p for _k, p in LABELLED_IN_CONCEPTO),
        (p for _k, p in BARE_IN_CONCEPTO),
        strict=True,
    ):
        match = pattern.search(text) or bare.search(text)
        if match is None or key in line:
            continue
        raw = match.group(1)
        value: Any = raw.upper()
        if key in ("customs_quantity", "usd_value"):
            value = parse_amount(cents_apart(raw.replace("$", "").strip()))
        elif key == "tariff_code":
            value = re.sub(r"\D", "", raw)
        if value is not None:
            line[key] = {**cell, "value": value, "raw": raw}


# Unit names (and their usual abbreviations) printed instead of the SAT key, from the c_ClaveUnidad catalogue.
UNIT_NAMES: dict[str, str] = {
    **dict.fromkeys(("PIEZA", "PIEZAS", "PZA", "PZAS", "PZ", "PZS", "PIECE", "PIECES", "PCS", "PC"), "H87"),
    **dict.fromkeys(("KILOGRAMO", "KILOGRAMOS", "KG", "KGS", "KILO", "KILOS"), "KGM"),
    **dict.fromkeys(("METRO", "METROS", "MTS", "MT"), "MTR"),
    **dict.fromkeys(("LITRO", "LITROS", "LT", "LTS"), "LTR"),
    **dict.fromkeys(("PAR", "PARES"), "PR"),
    **dict.fromkeys(("JUEGO", "JUEGOS", "CONJUNTO"), "SET"),
    **dict.fromkeys(("CAJA", "CAJAS"), "XBX"),
    **dict.fromkeys(("SERVICIO", "SERVICIOS"), "E48"),
    **dict.fromkeys(("ACTIVIDAD",), "ACT"),
}


# A money figure as printed, alone in its word (``$1,327,448.37``, ``0.00``).
_FIGURE_WORD = re.compile(r"-?\$?\d{1,3}(?:,\d{3})*\.\d{2}|-?\$?\d+\.\d{2}")


def figures_past_description(cells: dict[str, Any]) -> None:
    """Figures the description's cell took that stand right of where the row's own figures begin (its unit value
    or amount): a column of totals under the table whose labels OCR lost (``$1,327,448.37`` over ``$49,428.45``)
    is the wrap of no description, which never reaches into the figures' columns."""
    description = cells.get("description")
    figures = [word for key in ("unit_price", "amount") if key in cells for word in cells[key].words]
    if description is None or not figures:
        return
    edge = min(float(word.x0) for word in figures)
    kept = [
        word for word in description.words if float(word.x0) < edge or not _FIGURE_WORD.fullmatch(word.text.strip())
    ]
    if kept and len(kept) < len(description.words):
        description.words = kept

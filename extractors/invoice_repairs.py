"""A scan's line items put right by their own arithmetic and by the shapes of their values.

OCR misreads a digit (``41`` for ``11``), loses one (``155`` for ``11,755``, ``5931.`` for ``1.5931``) or
leaves a cell unreadable; it reads a hyphen in a code as a tilde and adds specks of punctuation. Every line
carries its own check: quantity × unit price = amount. When one of the three misses that and the other two
give a value that the misread text resembles (at most two digits apart), that value is the printed one; a
cell left unread is filled only when the other two fix it to the cent. Text layers are never touched: there
a line that misses its arithmetic is a discount or a clerk's slip, for a person to see.
"""

from __future__ import annotations

import re
from typing import Any

# confidence of a value put right by the line's arithmetic
REPAIRED = 0.7
# at most this many digits apart (and at most half the digits) for a misread value to be replaced
MAX_DIGIT_EDITS = 2

Line = dict[str, dict[str, Any]]


def tidy_scanned_text(lines: list[Line], ocr_pages: set[int]) -> None:
    """Take OCR's specks out of the codes and descriptions of scanned lines, in place (before a code leading
    each description is split off)."""
    for line in _scanned(lines, ocr_pages):
        _code_specks(line)
        _description_specks(line)


def repair_scanned_lines(lines: list[Line], ocr_pages: set[int], vietnamese: bool = False) -> None:
    """Put right, in place, the figures and units of scanned lines by their arithmetic and the table's units;
    on a Vietnamese table (``vietnamese``), the accents OCR took off its units."""
    scanned = _scanned(lines, ocr_pages)
    for line in scanned:
        _arithmetic(line)
    _units(lines, scanned)
    if vietnamese:
        _vietnamese_units(scanned)


# The units Vietnamese invoices print (đơn vị tính), as OCR without the Vietnamese letters reads them: ``CAI`` is
# ``CÁI`` (pieces), ``BO`` is ``BỘ`` (sets)
VIETNAMESE_UNITS = {
    "CAI": "CÁI",
    "BO": "BỘ",
    "CHIEC": "CHIẾC",
    "CUON": "CUỘN",
    "MET": "MÉT",
    "THUNG": "THÙNG",
    "HOP": "HỘP",
    "TAM": "TẤM",
    "DOI": "ĐÔI",
    "CAY": "CÂY",
}


def _vietnamese_units(scanned: list[Line]) -> None:
    for line in scanned:
        cell = line.get("unit")
        if cell is not None and str(cell["value"]) in VIETNAMESE_UNITS:
            line["unit"] = {**cell, "value": VIETNAMESE_UNITS[str(cell["value"])]}


def _scanned(lines: list[Line], ocr_pages: set[int]) -> list[Line]:
    return [line for line in lines if any(cell.get("page") in ocr_pages for cell in line.values())]


# Units of measure as invoices print them (English, Spanish, and common codes)
_UNIT_WORDS = (
    "PZA PZAS PZ PZS PIEZA PIEZAS PCS PC PIECE PIECES EA EACH KG KGS KGM LB LBS G GR M MT MTS M2 M3 L LT LTS "
    "SET SETS PR PAR PAIR PAIRS ROLL ROLLS RL BOX CJ CAJA CTN CTNS DOZ FT GAL UN UND UNIT UNITS PKG PK PAQ BAG "
    "TON KIT H87"
)
UNITS = frozenset(_UNIT_WORDS.split())


def _units(lines: list[Line], scanned: list[Line]) -> None:
    """A scanned unit that is no unit (``PLA``, ``PENA``) is the nearest unit the table's other lines use, at
    most two letters away; a real unit is never changed."""
    used = [str(line["unit"]["value"]) for line in lines if str(line.get("unit", {}).get("value", "")) in UNITS]
    for line in scanned:
        cell = line.get("unit")
        if cell is None or str(cell["value"]) in UNITS:
            continue
        misread = str(cell["value"])
        near = sorted(
            (_levenshtein(misread, unit), -used.count(unit), unit)
            for unit in set(used)
            if _levenshtein(misread, unit) <= min(2, len(unit) - 1)
        )
        if near and (len(near) == 1 or near[0][:2] != near[1][:2]):
            line["unit"] = {**cell, "value": near[0][2], "confidence": min(REPAIRED, float(cell["confidence"]))}


_DASHES = str.maketrans({"~": "-", "—": "-", "–": "-"})


_GAP_BY_HYPHEN = re.compile(r"(?<=[A-Za-z0-9])(?: -|- | - )(?=[A-Za-z0-9])")


def _code_specks(line: Line) -> None:
    """A part number's hyphen read as a tilde or a long dash, and punctuation or quote marks OCR put at its
    ends; a gap OCR opened beside the hyphen (``SKU- 323759``) is none of the code's, which prints as one
    token."""
    cell = line.get("part_number")
    if cell is None:
        return
    value = str(cell["value"])
    fixed = _GAP_BY_HYPHEN.sub("-", value.translate(_DASHES).strip(".,:;'`\"“”‘’„"))
    if fixed and fixed != value:
        line["part_number"] = {**cell, "value": fixed}


# a speck between two words OCR ran together ("DE.ACERO", "ELECTRICO:PARA", a code and its description:
# "PN-11882.Circuito"); abbreviations ("S.A.") have single letters around their periods, and decimals ("0.2mm")
# a digit after theirs, and are left alone
_JOINED = re.compile(r"(?<=[^\W_]{2})[.:](?=[^\W\d_]{2})")


# a speck beside a comma ("ALUMINIO,.ESPESOR"), and one after a decimal figure ("0.2. MM": a figure ends in a
# digit)
_BY_COMMA = re.compile(r"(?:[.:]+,[.:]*|,[.:]+)\s*(?=\S)")
_AFTER_DECIMAL = re.compile(r"(?<=\d\.\d)(\d*)[.:](?=\s)")


def _description_specks(line: Line) -> None:
    cell = line.get("description")
    if cell is None:
        return
    value = str(cell["value"])
    fixed = _JOINED.sub(" ", _AFTER_DECIMAL.sub(r"\1", _BY_COMMA.sub(", ", value)))
    if fixed != value:
        line["description"] = {**cell, "value": fixed}


def _arithmetic(line: Line) -> None:
    """Put right the one value of quantity, unit price and amount that misses the others (see the module)."""
    if "quoted_price" in line:
        return  # a price quoted per thousand pieces: the price of one is printed nowhere, and none is made up
    quantity, price, amount = (_number(line, key) for key in ("quantity", "unit_price", "amount"))
    if quantity is not None and price is not None and amount is not None:
        if _meets(quantity, price, amount):
            return
        candidates = [
            ("quantity", _quantity_from(price, amount)),
            ("unit_price", _price_from(quantity, amount)),
            ("amount", round(quantity * price, 2)),
        ]
        close = [
            (_digit_edits(_raw(line, key), value), key, value)
            for key, value in candidates
            if value is not None and _resembles(_raw(line, key), value)
        ]
        close.sort(key=lambda item: item[0])
        if close and (len(close) == 1 or close[0][0] < close[1][0]):
            _, key, value = close[0]
            _set(line, key, value)
        return
    if quantity is not None and amount is not None and price is None:
        derived = _price_from(quantity, amount)
        if derived is not None and _unique_price(quantity, amount, derived):
            _set(line, "unit_price", derived, like="amount")
    elif price is not None and amount is not None and quantity is None:
        derived = _quantity_from(price, amount)
        if derived is not None:
            _set(line, "quantity", derived, like="amount")
    elif quantity is not None and price is not None and amount is None:
        _set(line, "amount", round(quantity * price, 2), like="unit_price")


def _number(line: Line, key: str) -> float | None:
    value = line.get(key, {}).get("value")
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _raw(line: Line, key: str) -> str:
    cell = line.get(key, {})
    return str(cell.get("raw") or cell.get("value") or "")


def _meets(quantity: float, price: float, amount: float) -> bool:
    return abs(quantity * price - amount) <= max(0.01, 0.0005 * abs(amount))


def _quantity_from(price: float, amount: float) -> float | None:
    """The whole quantity (or one of three decimals) that, at this price, makes the amount to the cent."""
    if price <= 0:
        return None
    for decimals in (0, 3):
        quantity = round(amount / price, decimals)
        if quantity > 0 and abs(round(quantity * price, 2) - amount) < 0.005:
            return quantity
    return None


def _price_from(quantity: float, amount: float) -> float | None:
    """The unit price, with as few decimals as possible (two to four), that makes the amount to the cent."""
    if quantity <= 0:
        return None
    for decimals in (2, 3, 4):
        price = round(amount / quantity, decimals)
        if price > 0 and abs(round(quantity * price, 2) - amount) < 0.005:
            return price
    return None


def _unique_price(quantity: float, amount: float, price: float) -> bool:
    """Whether no other price of up to four decimals makes the same amount (with few units, several do:
    3 × 1.5000 and 3 × 1.5001 both make 4.50)."""
    return all(abs(round(quantity * (price + sign * 0.0001), 2) - amount) >= 0.005 for sign in (-1, 1))


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _value_digits(value: float) -> str:
    """The digits a value prints with (``1.5931`` → ``15931``, ``11755.0`` → ``11755``, ``0.1358`` → ``1358``)."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return _digits(text).lstrip("0") or "0"


def _digit_edits(raw: str, value: float) -> int:
    return _levenshtein(_digits(raw).lstrip("0"), _value_digits(value))


def _resembles(raw: str, value: float) -> bool:
    """Whether the misread text is at most two digits from the value (and not more than half its digits); the
    same digits with the separator misplaced resemble it most."""
    edits = _digit_edits(raw, value)
    return edits <= MAX_DIGIT_EDITS and 2 * edits <= len(_value_digits(value))


def _levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _set(line: Line, key: str, value: float, like: str | None = None) -> None:
    """Set a repaired value, keeping the misread text as its raw (a filled cell takes a neighbour's page)."""
    cell = line.get(key) or {**line.get(like or key, {}), "bbox": None, "raw": None}
    line[key] = {**cell, "value": value, "confidence": min(REPAIRED, float(cell.get("confidence", 1.0)))}

"""Figures of a CFDI printout's conceptos read as printed, and put back from each other when OCR broke one.

A concepto's figures are tied by the CFDI's own rules: Importe = Cantidad × ValorUnitario (to the cent), and on a
USD invoice with the Comercio Exterior complement the mercancía's ValorDolares is the concepto's Importe. So a
figure OCR mangled (``$134. 12`` split in two words, ``12,525:20``, ``S117)230.30``) is found out by the others
and, when two independent figures agree on it, rebuilt from them. A rebuilt figure keeps a low confidence: the
document still goes to review, with the right value already in place.
"""

from __future__ import annotations

import re
from typing import Any

from extractors.cfdi_pdf_cells import cents_apart
from extractors.entities.normalise import parse_amount
from extractors.layout import ocr_digits
from extractors.review_values import SAME_COUNT_UNITS

# A printed amount: an optional sign and $, digits with separators; a separator OCR read as ":" or ";", and the
# cents OCR cut off into a word of their own ("$96,504. 28") are part of it.
_MONEY = re.compile(r"-?[$S]?\s?\d(?:\d|[,.:;](?=\d)|[.,]\s(?=\d{2}\b(?![.,]\d)))*")

# A figure whose one separator has four digits or more before it: a decimal point or comma, never thousands.
_DECIMALS_ONLY = re.compile(r"-?\d{4,}[.,]\d+")

# The confidence of a figure rebuilt from the others: low enough that the document goes to review.
REPAIRED = 0.6


def parse_money(text: str) -> tuple[float, tuple[int, int]] | None:
    """The first amount in ``text`` (``$1,234.56``, ``1.234,56``, OCR's ``1,234:56`` or ``$1,234. 56``)."""
    fixed = ocr_digits(text)
    match = _MONEY.search(fixed)
    if match is None:
        return None
    # OCR's ":" or ";" is the thousands separator before a group of three and another separator ("2;528.000"),
    # else the decimal point ("12,525:20")
    printed = re.sub(r"[:;](?=\d{3}\.\d)", ",", match.group(0))
    printed = re.sub(r"[:;](?=\d{3},\d)", ".", printed)
    printed = re.sub(r"[:;]", ".", printed).replace(" ", "").replace("$", "")
    if printed.startswith("S"):
        printed = printed[1:]
    printed = cents_apart(printed)
    if _DECIMALS_ONLY.fullmatch(printed):
        # four digits or more before a lone separator are no thousands group (``3343.000``): the decimals
        return float(printed.replace(",", ".")), match.span()
    value = parse_amount(printed)
    return (value, match.span()) if value is not None else None


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.015 + 1e-6 * abs(b)


def _num(line: dict[str, Any], key: str) -> float | None:
    value = line.get(key, {}).get("value")
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _set(line: dict[str, Any], key: str, value: float) -> None:
    """Put a rebuilt figure in place (keeping the printed text as raw), at a confidence that asks for review."""
    cell = dict(line.get(key) or {"page": None, "bbox": None, "raw": None})
    cell["value"] = round(value, 6)
    cell["confidence"] = min(float(cell.get("confidence") or REPAIRED), REPAIRED)
    line[key] = cell


# The confidence of figures the CFDI's arithmetic confirms (quantity × unit value = amount to the cent): OCR's
# own doubt about a word is outweighed by three readings that agree.
CONFIRMED = 0.9


def _confirm(line: dict[str, Any], *keys: str) -> None:
    for key in keys:
        cell = line.get(key)
        if cell is not None and float(cell.get("confidence") or 0.0) < CONFIRMED:
            line[key] = {**cell, "confidence": CONFIRMED}


def _same_digits(a: float, b: float) -> bool:
    """Whether two figures print the same digits and differ only where their separators stand (a decimal comma
    OCR read as a thousands point shifts the value by a power of ten, never its digits)."""
    return f"{a:.6f}".replace(".", "").strip("0") == f"{b:.6f}".replace(".", "").strip("0")


def _digit_slipped(a: float, b: float) -> bool:
    """Whether two figures print the same digits but for one OCR misread or lost (``8,874.72`` for 8,574.72,
    ``56.97.00`` for 56,997.00): their digit strings one substitution or one deletion apart."""
    x, y = (f"{v:.2f}".replace(".", "").lstrip("0") for v in (a, b))
    if len(x) == len(y):
        return sum(1 for p, q in zip(x, y, strict=True) if p != q) == 1
    short, long = sorted((x, y), key=len)
    if len(long) - len(short) != 1:
        return False
    return any(long[:k] + long[k + 1 :] == short for k in range(len(long)))


def repair_figures(line: dict[str, Any], usd: bool) -> None:
    """Quantity, unit value, amount and valor dólares of one concepto, made to agree where the CFDI's rules
    allow only one reading; figures that already agree are left alone."""
    quantity, price, amount = _num(line, "quantity"), _num(line, "unit_price"), _num(line, "amount")
    dollars = _num(line, "usd_value") if usd else None
    product = round(quantity * price, 2) if quantity is not None and price is not None else None
    if product is not None and amount is not None and _close(product, amount):
        _confirm(line, "quantity", "unit_price", "amount")
        if dollars is not None and _close(dollars, amount):
            _confirm(line, "usd_value")
        elif dollars is not None and (
            abs(dollars - amount) < 1.0 or _same_digits(dollars, amount) or _digit_slipped(dollars, amount)
        ):
            # the cents OCR lost from the valor dólares, its separators misread (``122.621.40``), or one of its
            # digits misread or lost, where the concepto's own arithmetic witnesses the amount
            _set(line, "usd_value", amount)
        return
    if product is not None and (amount is None or (dollars is not None and _close(dollars, product))):
        # the amount unreadable, or misread where the valor dólares agrees with quantity × unit value
        _set(line, "amount", product)
        return
    if _quantity_from_customs(line, price, amount):
        return
    reference = amount if amount is not None else dollars
    if reference is None or quantity in (None, 0):
        return
    assert quantity is not None
    if dollars is not None and amount is not None and not _close(dollars, amount):
        return  # the amount itself is in doubt: nothing independent to rebuild from
    unit = round(reference / quantity, 2)
    if _close(round(quantity * unit, 2), reference):
        _set(line, "unit_price", unit)
        if amount is None:
            _set(line, "amount", reference)


SAME_COUNT = set(SAME_COUNT_UNITS.items())


def _quantity_from_customs(line: dict[str, Any], price: float | None, amount: float | None) -> bool:
    """A concepto's quantity OCR misread (``3,112`` for 3,172) where its mercancía counts the same thing: the
    customs quantity times the unit value makes the amount where the quantity read does not, so the customs
    quantity is the concepto's. Set at a confidence that asks for review (the two prints disagree)."""
    units = (line.get("unit", {}).get("value"), line.get("customs_unit", {}).get("value"))
    customs = _num(line, "customs_quantity")
    if customs is None or price is None or amount is None or units not in SAME_COUNT:
        return False
    if not _close(round(customs * price, 2), amount) or _close(customs, _num(line, "quantity") or 0.0):
        return False
    _set(line, "quantity", customs)
    return True


def reconcile_customs_quantity(line: dict[str, Any]) -> None:
    """A customs quantity printed with three decimals (``2,071.000``) that OCR read with a thousands separator
    for the decimal point: where the units count the same thing and it is 1000 times the concepto's quantity,
    it is the concepto's quantity. So is one that reads as the concepto's quantity with one digit lost, where the
    concepto's arithmetic witnesses its quantity."""
    quantity, customs = _num(line, "quantity"), _num(line, "customs_quantity")
    units = (line.get("unit", {}).get("value"), line.get("customs_unit", {}).get("value"))
    if quantity is None or customs is None or units not in SAME_COUNT:
        return
    if _close(quantity, customs):
        _confirm(line, "unit", "customs_unit", "customs_quantity")  # two tables agree on count and unit
        return
    if _close(customs, quantity * 1000) or _close(customs * 1000, quantity):
        _set(line, "customs_quantity", quantity)
        if _AMBIGUOUS.fullmatch(str(line["customs_quantity"].get("raw") or "").strip()):
            # printed with one separator and three digits after it (``630.000``): both readings are the print's
            # own, and the concepto's quantity picks one; no OCR slip to check, and the two tables agree on count
            # and unit as when the figures are equal
            _confirm(line, "unit", "customs_unit", "customs_quantity")
        return
    price, amount = _num(line, "unit_price"), _num(line, "amount")
    witnessed = price is not None and amount is not None and _close(round(quantity * price, 2), amount)
    if witnessed and _digit_lost(str(line["customs_quantity"].get("raw") or ""), quantity):
        # OCR lost a digit of the customs quantity (``111.000`` for 1115.000): the concepto's quantity, which its
        # arithmetic witnesses, is the figure; at a confidence that asks for review
        _set(line, "customs_quantity", quantity)


def _digit_lost(raw: str, quantity: float) -> bool:
    """Whether a figure's printed digits are the quantity's (with 0, 2 or 3 decimals) with one digit left out."""
    digits = re.sub(r"\D", "", raw)
    if len(digits) < 3:
        return False
    for decimals in (0, 2, 3):
        printed = f"{quantity:.{decimals}f}".replace(".", "")
        if len(printed) == len(digits) + 1 and any(
            printed[:k] + printed[k + 1 :] == digits for k in range(len(printed))
        ):
            return True
    return False


# A figure with one separator and three digits after it, and at most three before: thousands or three decimals.
_AMBIGUOUS = re.compile(r"\d{1,3}[.,]\d{3}")


def customs_unit_from_unit(line: dict[str, Any]) -> None:
    """A mercancía whose customs unit OCR lost (a lone ``06`` is easily dropped) but whose customs quantity is the
    concepto's: the customs unit that counts what the concepto's unit counts (H87 → 06 pieza)."""
    quantity, customs = _num(line, "quantity"), _num(line, "customs_quantity")
    unit = line.get("unit", {}).get("value")
    if "customs_unit" in line or quantity is None or customs is None or unit not in SAME_COUNT_UNITS:
        return
    if _close(quantity, customs):
        cell = line["customs_quantity"]
        line["customs_unit"] = {**cell, "value": SAME_COUNT_UNITS[unit], "raw": None, "confidence": REPAIRED}


_UNIT_AFTER_QUANTITY = re.compile(r"\b(\d{2})\s*$")


def customs_unit_beside(record_cells: dict[str, Any]) -> None:
    """Without an "Unidad aduana" column (its header lost), the two-digit c_UnidadAduana code printed right of
    the customs quantity lands in that cell: it is the unit."""
    cell = record_cells.get("customs_quantity")
    if "customs_unit" in record_cells or cell is None or len(cell.words) < 2:
        return
    last = cell.words[-1]
    if _UNIT_AFTER_QUANTITY.fullmatch(ocr_digits(last.text.strip())):
        from extractors.layout import Cell

        cell.words = cell.words[:-1]
        record_cells["customs_unit"] = Cell(words=[last], page=cell.page)


def subtotal_from_lines(fields: dict[str, Any], lines: list[dict[str, Any]]) -> float | None:
    """The subtotal a printout's own figures give where OCR lost or broke the printed one: the CFDI's SubTotal is
    the sum of its conceptos' Importe, so when every concepto's amount was read and they add up to the printed
    total (no taxes or discounts between them, as on an export at IVA 0%), that sum is the subtotal. None where
    the printed subtotal already agrees, or the figures do not."""
    amounts = [_num(line, "amount") for line in lines]
    total = (fields.get("total") or {}).get("value")
    printed = (fields.get("subtotal") or {}).get("value")
    if not amounts or any(a is None for a in amounts) or not isinstance(total, int | float):
        return None
    summed = round(sum(a for a in amounts if a is not None), 2)
    if not _close(summed, float(total)):
        return None
    if isinstance(printed, int | float) and _close(float(printed), summed):
        return None
    return summed


def figures_from_mercancia(line: dict[str, Any], usd: bool) -> None:
    """A concepto whose own figures OCR lost, joined to its mercancía: the quantity is the customs quantity where
    the two units count the same thing (H87 and 06 pieza), and on a USD invoice the amount is the valor dólares;
    ``repair_figures`` then rebuilds the unit value. Each at a confidence that asks for review."""
    units = (line.get("unit", {}).get("value"), line.get("customs_unit", {}).get("value"))
    customs, dollars = _num(line, "customs_quantity"), _num(line, "usd_value")
    if "quantity" not in line and customs is not None and units in SAME_COUNT:
        _set(line, "quantity", customs)
    if "amount" not in line and "unit_price" not in line and usd and dollars is not None:
        _set(line, "amount", dollars)


def confirm_unit_value(line: dict[str, Any]) -> None:
    """A mercancía's valor unitario aduana that the complement's own arithmetic witnesses: ValorDolares is
    CantidadAduana × ValorUnitarioAduana, the unit value printed to the cent, so a product within half a cent per
    unit of a valor dólares and a customs quantity read surely vouches for the unit value OCR doubted."""
    unit, quantity, dollars = _num(line, "usd_unit_value"), _num(line, "customs_quantity"), _num(line, "usd_value")
    if unit is None or quantity is None or dollars is None or quantity <= 0:
        return
    if min(float(line[key].get("confidence") or 0.0) for key in ("customs_quantity", "usd_value")) < SURE:
        return
    if abs(unit * quantity - dollars) <= 0.005 * quantity + 0.011:
        _confirm(line, "usd_unit_value")


# The confidence of a figure that may vouch for another.
SURE = 0.7

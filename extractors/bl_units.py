"""Units and package kinds a US bill prints in its goods table's heading, not in its cells: a weight column
headed ``Weight (Subject to Correction) LBS`` holds pounds; a column headed ``Kind of Package, Description of
Articles`` opens each description with the package kind (``PALLETS PIEZA DE PLASTICO``); a totals line in pounds
with the kilograms printed under or beside it (``11,050 LBS`` / ``5,012.2 KGS``) states the kilograms."""

from __future__ import annotations

import re
from typing import Any

from extractors.layout import PageLayout, norm

# the international pound in kilograms, and its inverse (pounds to the kilogram, to five places)
LB_KG = 0.45359237
LB_PER_KG = 2.20462

_POUNDS = re.compile(r"^(?:LBS?|POUNDS?|LIBRAS)$")
_KILOS = re.compile(r"^(?:KGS?|KILOS?|KILOGRAMS?|KILOGRAMOS)$")
# how many lines above a table's first record its heading may take
HEADING_LINES = 3


def weight_heading_in_pounds(pages: list[PageLayout], records: list[Any], key: str = "gross_weight_kg") -> bool:
    """Whether the heading over the records' weight column names pounds (and not kilograms): the words of the
    lines right above the first record that stand over the column's figures."""
    cells = [(record.page, record.cells[key]) for record in records if key in record.cells and record.cells[key].words]
    if not cells:
        return False
    page = cells[0][0]
    lay = next((lay for lay in pages if lay.number == page), None)
    if lay is None:
        return False
    words = [w for p, cell in cells if p == page for w in cell.words]
    x0, x1 = min(w.x0 for w in words), max(w.x1 for w in words)
    top = min(w.top for w in words)
    above = [li for li, line in enumerate(lay.lines) if line.bottom <= top + 0.5][-HEADING_LINES:]
    heading = [norm(w.text) for li in above for w in lay.lines[li].words if w.x1 > x0 - 2 and w.x0 < x1 + 2]
    tokens = {t for text in heading for t in text.split()}
    return any(_POUNDS.match(t) for t in tokens) and not any(_KILOS.match(t) for t in tokens)


def lines_in_pounds(lines: list[dict[str, dict]]) -> None:
    """Each line's weight converted from pounds to kilograms (to a tenth, as kilograms are printed)."""
    for line in lines:
        weight = line.get("gross_weight_kg")
        if weight is not None and isinstance(weight.get("value"), (int, float)):
            line["gross_weight_kg"] = {**weight, "value": round(float(weight["value"]) * LB_KG, 1)}


# how far whole pounds converted may fall from the kilograms they were rounded from
POUND_ROUNDING_KG = 0.5


def one_line_by_the_kilograms(lines: list[dict[str, dict]], total: Any) -> None:
    """Lines weighed in whole pounds: one line, with the bill's total printed in kilograms, weighs the total (the
    kilograms are the shipper's figure; the pounds a rounding of it). Several lines state no kilograms of their
    own: each weighs its pounds converted, which is what the bill says of it."""
    weights = [line.get("gross_weight_kg") for line in lines]
    if len(lines) != 1 or any(weight is None for weight in weights):
        return
    first = lines[0]["gross_weight_kg"]
    if isinstance(total, (int, float)) and abs(float(first["value"]) - total) <= POUND_ROUNDING_KG:
        lines[0]["gross_weight_kg"] = {**first, "value": float(total)}


_KIND_HEADING = re.compile(r"\bKIND\s+OF\s+PACKAGES?\s*,?\s*(?:AND\s+)?DESCRIPTION", re.IGNORECASE)
_KIND_FIRST = re.compile(
    r"^(?:CTNS?|PLTS?|PKGS?|PCS|BOX(?:ES)?|CASES?|CRATES?|PALLETS?|CARTONS?|SKIDS?|DRUMS?|BAGS?|BALES?|ROLLS?|"
    r"REELS?|COILS?|BUNDLES?|PIECES?|TOTES?)\s+(?!(?:OF|DE|WITH|CON)\b)(?=\S)"
)


def kind_first_off(lines: list[dict[str, dict]], text: str) -> None:
    """Under a heading naming the package kind and the goods as one column, the kind that opens each description
    is no part of the goods ("PALLETS PIEZA DE PLASTICO" → "PIEZA DE PLASTICO")."""
    if not _KIND_HEADING.search(text):
        return
    for line in lines:
        cell = line.get("description")
        if cell is not None and isinstance(cell.get("value"), str):
            rest = _KIND_FIRST.sub("", cell["value"])
            if rest != cell["value"] and re.search(r"[A-Za-z]{3}", rest):
                line["description"] = {**cell, "value": rest}


_FIGURE = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_LBS_FIGURE = re.compile(_FIGURE + r"\s*(?:LBS?|POUNDS)\b", re.IGNORECASE)
_KG_FIGURE = re.compile(_FIGURE + r"\s*(?:KGS?|KILOS?|KGM)\b", re.IGNORECASE)


def kilos_beside_pounds(text: str, weight: float | None) -> float | None:
    """The kilograms a bill prints beside its pounds (the largest such pair: the total), where the two agree
    (the kilograms within a kilogram and a thousandth of the pounds converted), when the weight read is none
    of the figures the bill prints in kilograms (a count or a code read under a totals caption)."""
    pounds = [float(m.group(1).replace(",", "")) for m in _LBS_FIGURE.finditer(text)]
    kilos = [float(m.group(1).replace(",", "")) for m in _KG_FIGURE.finditer(text)]
    pairs = [kg for lb in pounds for kg in kilos if kg > 0 and abs(lb * LB_KG - kg) <= max(1.0, 0.001 * kg)]
    if not pairs or (weight is not None and any(abs(kg - weight) < 0.05 for kg in kilos)):
        return None
    return max(pairs)

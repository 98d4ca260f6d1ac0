"""Cargo rows read by the totals row under them, for a road bill whose table heading could not be read (a fax's
shaded heading band comes out as specks): each row prints a figure under the totals row's count and one under
its weight, and the goods in words beside them (used by ``extractors.bill_of_lading``)."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from extractors.bl_boxes import cells_of
from extractors.layout import PageLayout, norm, ocr_digits

_TOTAL_WORDS = {"TOTAL", "TOTALS", "TOTALES"}
_COUNT = re.compile(r"\d{1,5}")
_WEIGHT = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d{1,3})?|\d+\.\d{1,3}")
# how far apart (in text heights) two rows of the table may stand
ROW_GAP = 3.0
# the fewest letters of the goods beside a row's figures
GOODS_LETTERS = 3
# the confidence of a figure read without its column's heading
ROW_CERTAINTY = 0.85
# how far the rows' summed kilograms may fall from the total's (rounding to a tenth on each row)
WEIGHT_TOLERANCE = 0.05


class TotalsRow(NamedTuple):
    """The totals row's count and weight, and the cargo rows over it (fields as a result's lines hold them)."""

    packages: int
    weight: float
    lines: list[dict[str, dict]]
    raw: str
    page: int

    def adds_up(self, lines: list[dict[str, dict]] | None = None) -> bool:
        """Whether these rows (or other lines read of the same table) hold the totals row's count and weight."""
        lines = self.lines if lines is None else lines
        if not lines or not all("package_count" in ln and "gross_weight_kg" in ln for ln in lines):
            return False
        count = sum(int(ln["package_count"]["value"]) for ln in lines)
        weight = sum(float(ln["gross_weight_kg"]["value"]) for ln in lines)
        return count == self.packages and abs(weight - self.weight) < WEIGHT_TOLERANCE

    def better_than(self, lines: list[dict[str, dict]]) -> bool:
        """Whether these rows are a better reading than the table's lines: they hold the totals row's figures,
        or every row has its count and weight where a line of the table lacks one."""
        if self.adds_up():
            return True
        whole = all("package_count" in ln and "gross_weight_kg" in ln for ln in self.lines)
        return whole and not all("package_count" in ln and "gross_weight_kg" in ln for ln in lines)


def _overlaps(word: Any, column: Any, slack: float) -> bool:
    return word.x0 < column.x1 + slack and word.x1 > column.x0 - slack


def _letters(cell: list[Any]) -> int:
    return len(re.findall(r"[A-Za-z]", "".join(w.text for w in cell)))


def _row(line: Any, count_at: Any, weight_at: Any) -> dict[str, dict] | None:
    """One cargo row: a figure under the weight (a count under the count, when OCR read one) and the goods, the
    cell with most letters right of the figures."""
    slack = line.height
    weight = next((w for w in line.words if _overlaps(w, weight_at, slack)), None)
    # (a figure whose decimal point OCR lost, "1,2125", is still the row's weight: the total puts it right)
    if weight is None or not re.fullmatch(r"\d[\d,]*(?:\.\d{1,3})?", ocr_digits(weight.text)):
        return None
    row: dict[str, dict] = {}
    value = float(ocr_digits(weight.text).replace(",", ""))
    row["gross_weight_kg"] = {"value": value, "confidence": ROW_CERTAINTY, "raw": weight.text}
    count = next((w for w in line.words if _overlaps(w, count_at, slack) and w is not weight), None)
    if count is not None and _COUNT.fullmatch(ocr_digits(count.text)):
        row["package_count"] = {"value": int(ocr_digits(count.text)), "confidence": ROW_CERTAINTY, "raw": count.text}
    right = [w for w in line.words if w.x0 > max(weight.x1, count_at.x1)]
    cells = [cell for cell in cells_of(right, line.height) if _letters(cell) >= GOODS_LETTERS]
    if not cells:
        return None
    goods = max(cells, key=_letters)
    text = " ".join(w.text for w in goods)
    row["description"] = {"value": text, "confidence": ROW_CERTAINTY, "raw": text}
    return row


def rows_over_totals(pages: list[PageLayout]) -> TotalsRow | None:
    """The rows over the first totals row that opens with ``TOTAL`` and prints a count and a weight: every line
    right above it with a weight under the total's and goods beside it, up to the first that has none."""
    for lay in pages:
        for li, line in enumerate(lay.lines):
            if not line.words or norm(line.words[0].text) not in _TOTAL_WORDS:
                continue
            figures = [w for w in line.words[1:] if re.fullmatch(r"[\d.,]+", ocr_digits(w.text))]
            counts = [w for w in figures if _COUNT.fullmatch(ocr_digits(w.text))]
            weights = [w for w in figures if _WEIGHT.fullmatch(ocr_digits(w.text))]
            if len(counts) != 1 or len(weights) != 1:
                continue
            rows: list[dict[str, dict]] = []
            below = line
            for above in reversed(lay.lines[:li]):
                if below.top - above.bottom > ROW_GAP * line.height:
                    break
                row = _row(above, counts[0], weights[0])
                if row is None:
                    break
                rows.insert(0, row)
                below = above
            if rows:
                count = int(ocr_digits(counts[0].text))
                weight = float(ocr_digits(weights[0].text).replace(",", ""))
                return TotalsRow(count, weight, rows, line.text, lay.number)
    return None

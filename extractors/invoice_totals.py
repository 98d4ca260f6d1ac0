"""An invoice's totals block: the rows under the goods table that run from the net value through charges to
the amount due, each a label with its figure at the right.

A label such as ``TOTAL VALUE`` or ``Total`` names the goods' net value on one invoice and the amount due on
another; what tells them apart is the block: the amount due is its last row, and a row above it whose figure
is the sum of the lines is the net value (the subtotal), whatever its wording.
"""

from __future__ import annotations

import re
from typing import Any

from extractors import layout
from extractors.invoice_values import parse_last_money, parse_number
from extractors.result import ResultBuilder

TOTAL_KEYS = ("total_strong", "total_weak")
BLOCK_KEYS = (*TOTAL_KEYS, "subtotal_amount", "_other_totals", "_charges")
# rows of one block: within this many lines of each other, labels aligned within this many points
BLOCK_GAP_LINES = 3
ALIGNED = 12.0


def totals_block(pages: list[layout.PageLayout], hits: list[layout.LabelHit]) -> list[layout.Found]:
    """The figures of the totals block that starts at the first row labelled as a total (strong wording
    first), top to bottom: rows whose label starts where that one does and that follow it closely."""
    by_page = {page.number: page for page in pages}
    starts = [hit for key in TOTAL_KEYS for hit in hits if hit.key == key]
    for first in starts:
        found = row_figure(by_page[first.page], first, hits)
        if found is None:
            continue
        block = [found]
        last_line = first.line
        below = sorted(
            (h for h in hits if h.page == first.page and h.line > first.line and h.key in BLOCK_KEYS),
            key=lambda h: h.line,
        )
        for hit in below:
            if hit.line - last_line > BLOCK_GAP_LINES:
                break
            if abs(hit.x0 - first.x0) > ALIGNED or hit.line == last_line:
                continue
            last_line = hit.line
            if hit.key not in TOTAL_KEYS:
                continue
            row = row_figure(by_page[hit.page], hit, hits)
            if row is not None:
                block.append(row)
        return block
    return []


def row_figure(
    page: layout.PageLayout,
    hit: layout.LabelHit,
    hits: list[layout.LabelHit],
    parser: Any = parse_last_money,
    certainty: float = 0.95,
) -> layout.Found | None:
    """The figure ``parser`` finds right of the label on its row, up to the next label on it (by default the
    rightmost money figure), with the words it was read from."""
    line = page.lines[hit.line]
    stop = min((h.start for h in hits if h.page == hit.page and h.line == hit.line and h.start > hit.end), default=None)
    words = line.words[hit.end + 1 : stop]
    if not words:
        return None
    text, offsets = spaced_text(words)
    parsed = parser(text)
    if parsed is None:
        return None
    value, (start, end) = parsed
    used = [word for word, at in zip(words, offsets, strict=True) if at < end and at + len(word.text) > start]
    return layout.Found(value, hit.page, used or words[-1:], text[start:end], certainty)


def spaced_text(words: list[Any]) -> tuple[str, list[int]]:
    """The words as one text, and where each starts in it. Words a wide gap apart (a quantity's column and
    an amount's: ``178,734      224,739.97``) are joined by two spaces, so that no figure reads across the gap
    as one number with spaces between its thousands (which a single space may be)."""
    text, offsets = "", []
    for index, word in enumerate(words):
        if index:
            before = words[index - 1]
            wide = word.x0 - before.x1 > WIDE_GAP * max(1.0, word.bottom - word.top)
            text += "  " if wide else " "
        offsets.append(len(text))
        text += word.text
    return text, offsets


# a gap between two words wider than this many text heights separates two columns' figures
WIDE_GAP = 1.5


def goods_footer(out: ResultBuilder, pages: list[layout.PageLayout], hits: list[layout.LabelHit]) -> None:
    """The goods table's footer row ("TOTAL: 77,355PCS US$153,752.97") sums the lines' quantities and their
    amounts: its figure is the goods' net value, the subtotal, whatever charges follow it (unless a subtotal
    label gave one)."""
    if "subtotal_amount" in out.fields or not out.lines:
        return
    if any("amount" not in line or "quantity" not in line for line in out.lines):
        return
    amounts = [float(line["amount"]["value"]) for line in out.lines]
    quantities = [float(line["quantity"]["value"]) for line in out.lines]
    by_page = {page.number: page for page in pages}
    for hit in hits:
        if hit.key not in TOTAL_KEYS:
            continue
        found = row_figure(by_page[hit.page], hit, hits)
        if found is None or abs(sum(amounts) - found.value) > 0.01 * len(amounts):
            continue
        line = by_page[hit.page].lines[hit.line]
        before = [word for word in line.words[hit.end + 1 :] if word.x1 <= min(w.x0 for w in found.words)]
        figures = [parse_number(word.text) for word in before]
        if any(figure is not None and abs(figure[0] - sum(quantities)) < 0.001 for figure in figures):
            out.set("subtotal_amount", found.value, 0.9, page=found.page, bbox=found.bbox, raw=found.raw)
            return


def settle_totals(out: ResultBuilder, block: list[layout.Found]) -> None:
    """With two or more total rows in one block, the last is the amount due; the first, when the lines add up
    to it, is the subtotal (unless a subtotal label gave one)."""
    if len(block) < 2:
        return
    last = block[-1]
    out.set("total_amount", last.value, last.confidence, page=last.page, bbox=last.bbox, raw=last.raw)
    amounts: list[Any] = [line["amount"]["value"] for line in out.lines if "amount" in line]
    if "subtotal_amount" in out.fields or not amounts:
        return
    first = block[0]
    if abs(sum(amounts) - first.value) <= 0.01 * max(1, len(amounts)):
        out.set("subtotal_amount", first.value, first.confidence * 0.9, page=first.page, bbox=first.bbox, raw=first.raw)


_UNITS = {
    word: value
    for value, word in enumerate(
        [
            "ZERO",
            "ONE",
            "TWO",
            "THREE",
            "FOUR",
            "FIVE",
            "SIX",
            "SEVEN",
            "EIGHT",
            "NINE",
            "TEN",
            "ELEVEN",
            "TWELVE",
            "THIRTEEN",
            "FOURTEEN",
            "FIFTEEN",
            "SIXTEEN",
            "SEVENTEEN",
            "EIGHTEEN",
            "NINETEEN",
        ]
    )
}
_TENS = {
    word: 10 * (index + 2)
    for index, word in enumerate(["TWENTY", "THIRTY", "FORTY", "FIFTY", "SIXTY", "SEVENTY", "EIGHTY", "NINETY"])
}
_SCALES = {"THOUSAND": 1000, "MILLION": 10**6, "BILLION": 10**9}
# "SAY TOTAL US DOLLARS … ONLY", "TOTAL AMOUNT IN WORDS: U.S. DOLLARS … ONLY"
_SAY = re.compile(r"(?:\bSAY\b|\bIN\s+WORDS\b\s*:?)(?P<words>[A-Z\s,\-/0-9.]*?)\bONLY\b", re.I)
_CENTS = re.compile(r"\b(?:AND\s+)?(?:CENTS?|POINT)\b|\b(\d{1,2})/100\b", re.I)


def words_value(text: str) -> float | None:
    """An amount in English words as "SAY TOTAL" lines print it ("SIX THOUSAND THREE HUNDRED AND NINETY AND
    CENTS NINETY-EIGHT", "… AND 98/100", "… AND SEVENTY-SEVEN CENTS"); words that are no number (the currency)
    are skipped. None when no number word is found."""
    split = _CENTS.search(text)
    whole_text, cents_text = (text, "") if split is None else (text[: split.start()], text[split.end() :])
    if split is not None and split.group(1):
        cents_text = split.group(1)
    if split is not None and not split.group(1) and not _integer_words(cents_text):
        # "… AND SEVENTY-SEVEN CENTS": the cents are the number words after the last "AND"
        ands = list(re.finditer(r"\sAND\s", whole_text, re.I))
        tail_text = whole_text[ands[-1].end() :] if ands else ""
        tail = _integer_words(tail_text)
        if ands and tail is not None and tail < 100 and _only_number_words(tail_text):
            whole_text, cents_text = whole_text[: ands[-1].start()], tail_text
    whole = _integer_words(whole_text)
    if whole is None:
        return None
    cents = 0
    if cents_text.strip():
        digits = re.search(r"\d{1,2}", cents_text)
        cents = int(digits.group(0)) if digits else (_integer_words(cents_text) or 0)
    return round(whole + cents / 100, 2)


def _only_number_words(text: str) -> bool:
    return all(word in _UNITS or word in _TENS for word in re.findall(r"[A-Z]+", text.upper()))


def _integer_words(text: str) -> int | None:
    total = current = 0
    seen = False
    for word in re.findall(r"[A-Z]+", text.upper()):
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "HUNDRED":
            current = max(1, current) * 100
        elif word in _SCALES:
            total += max(1, current) * _SCALES[word]
            current = 0
        else:
            continue
        seen = True
    return total + current if seen else None


def check_amount_in_words(out: ResultBuilder, text: str) -> None:
    """The amount in words ("SAY TOTAL US DOLLARS … ONLY") must be the total read in figures: a clerk's
    mistake or a misread total shows up as a disagreement."""
    total = out.fields.get("total_amount", {}).get("value")
    match = _SAY.search(text)
    if total is None or match is None:
        return
    value = words_value(match.group("words"))
    if value is not None and abs(value - total) > 0.01:
        out.warn(
            "totals_mismatch",
            f"The amount in words says {value:.2f} but the total read is {total:.2f}.",
            "total_amount",
        )

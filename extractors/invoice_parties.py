"""An invoice's parties where no label says who is who: the customer's address block printed without a caption
(an accounting package's invoice prints it on the right, under the letterhead), and a tax id whose generic label
("Tax ID:", "VAT:") fits either party.

An address block is a name over its address lines, each line starting where the name starts, close under the
one above. A Mexican importer buys under its RFC, printed in its block: the block that prints an RFC is the
buyer's, and a tax id printed inside the buyer's block is the buyer's, whatever its label.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from extractors import checks, layout
from extractors.invoice_values import SWISS_UID, parse_tax_id, rfc_by_check_digit
from extractors.result import ResultBuilder

# how far under the line above a block's next line may stand (in line heights), and how many lines a block has
BLOCK_LEADING = 1.6
BLOCK_LINES = 7
# a scan's word boxes hug the letters where a text layer's span the font's height: a scanned line's height is
# this much smaller for the same print
SCAN_HEIGHT = 1.3
# a gap this many text heights wide between two words starts the next column
COLUMN_GAP = 2.5
TAX_KEYS = ("seller_tax_id", "buyer_tax_id")


def segments(line: layout.Line) -> list[list[Any]]:
    """The line's words split at wide gaps: one piece per column the line crosses."""
    pieces: list[list[Any]] = []
    for word in sorted(line.words, key=lambda w: w.x0):
        if pieces and word.x0 - pieces[-1][-1].x1 <= COLUMN_GAP * max(1.0, word.bottom - word.top):
            pieces[-1].append(word)
        else:
            pieces.append([word])
    return pieces


def _piece_at(line: layout.Line, x0: float) -> list[Any] | None:
    """The piece of the line that starts at ``x0`` (within a few points)."""
    return next((piece for piece in segments(line) if abs(piece[0].x0 - x0) < 3), None)


def block_below(page: layout.PageLayout, index: int, x0: float) -> list[int]:
    """The lines of the address block whose first line is ``index``, starting at ``x0``."""
    return _walk(page, index, x0, range(index + 1, min(len(page.lines), index + 2 * BLOCK_LINES)))


def block_top(page: layout.PageLayout, index: int, x0: float) -> int:
    """The first line of the address block that holds line ``index`` (its pieces starting at ``x0``)."""
    return min(_walk(page, index, x0, range(index - 1, max(-1, index - 2 * BLOCK_LINES), -1)))


def _walk(page: layout.PageLayout, index: int, x0: float, order: range) -> list[int]:
    """The block's lines from line ``index`` in the order given: each starts at ``x0`` close to the block's
    line before it. A line with words only beside the block (the next column's labels, printed between the
    block's lines) is passed over; one with words across the block ends it."""
    block = [index]
    right = max(w.x1 for w in (_piece_at(page.lines[index], x0) or page.lines[index].words))
    for k in order:
        line, near = page.lines[k], page.lines[block[-1]]
        gap = line.top - near.bottom if k > block[-1] else near.top - line.bottom
        if (
            gap > BLOCK_LEADING * max(1.0, near.height) * (SCAN_HEIGHT if page.ocr else 1.0)
            or len(block) >= BLOCK_LINES
        ):
            break
        piece = _piece_at(line, x0)
        if piece is None:
            if any(w.x0 < right and w.x1 > x0 - 3 for w in line.words):
                break
            continue
        block.append(k)
        right = max(right, max(w.x1 for w in piece))
    return block


_RFC_TOKEN = re.compile(r"[^\w&Ñ]+")


def _rfc_word(piece: list[Any]) -> Any | None:
    """The word of a piece that is a Mexican RFC in its layout (a label's colon or a comma aside), or one a scan
    misread that its check digit restores (``BMZ080912RBO``). A Swiss enterprise number (``CHE-123.456.789``),
    whose letters and digits fall in an RFC's layout, is none."""
    for word in piece:
        token = _RFC_TOKEN.sub("", word.text)
        if SWISS_UID.fullmatch(word.text.strip(" ,;:").upper()):
            continue
        if checks.rfc_is_valid_format(token) or (len(token) in (12, 13) and rfc_by_check_digit(token) is not None):
            return word
    return None


def buyer_above_tax_id(out: ResultBuilder, pages: list[layout.PageLayout], parse_name: Any) -> None:
    """Without a buyer's label: the name heading the address block that prints an RFC (``parse_name`` takes
    a company's name only), under the block's caption if it has one. The letterhead (the block at the head of the
    first page) is the issuer's, never the buyer's; a block of one line is no address."""
    if "buyer_name" in out.fields or not pages:
        return
    page = pages[0]
    for index, line in enumerate(page.lines):
        for piece in segments(line):
            if _rfc_word(piece) is None:
                continue
            top = block_top(page, index, piece[0].x0)
            if top == index or (top == 0 and abs(piece[0].x0 - min(w.x0 for w in page.lines[0].words)) < 3):
                continue
            # the block's first line that is a company's name: its heading, or the line under a caption a scan
            # misread (``Consig! name and add )`` over the consignee's name)
            for row in range(top, index):
                head = _piece_at(page.lines[row], piece[0].x0) or []
                found = parse_name(" ".join(w.text for w in head)) if head else None
                if found is None or any(ch.isdigit() for ch in found[0]):
                    continue
                out.set("buyer_name", found[0], BLOCK_BUYER, page=page.number, bbox=_bbox(head), raw=found[0])
                return


BLOCK_BUYER = 0.8


def _bbox(words: list[Any]) -> list[float]:
    return [min(w.x0 for w in words), min(w.top for w in words), max(w.x1 for w in words), max(w.bottom for w in words)]


def _line_of(page: layout.PageLayout, bbox: list[float]) -> int | None:
    """The index of the line whose words start the box."""
    for index, line in enumerate(page.lines):
        if any(abs(w.x0 - bbox[0]) < 0.5 and abs(w.top - bbox[1]) < 0.5 for w in line.words):
            return index
    return None


def tax_ids_by_block(out: ResultBuilder, pages: list[layout.PageLayout], hits: list[layout.LabelHit]) -> None:
    """A tax id labelled inside the buyer's address block is the buyer's (``Tax ID: ONA181020T22`` under the
    customer's address); the seller's is then one labelled outside it (the letterhead's, the footer's)."""
    buyer = out.fields.get("buyer_name")
    page = next((p for p in pages if buyer and p.number == buyer.get("page")), None)
    if buyer is None or page is None or not buyer.get("bbox"):
        return
    index = _line_of(page, buyer["bbox"])
    if index is None:
        return
    x0 = buyer["bbox"][0]
    block = set(block_below(page, index, x0))
    inside = [h for h in hits if h.key in TAX_KEYS and h.page == page.number and h.line in block and abs(h.x0 - x0) < 3]
    if not inside:
        _unlabelled_rfc(out, page, sorted(block), x0)
        return
    found = _tax_id(pages, hits, inside)
    if found is None:
        return
    seller = out.fields.get("seller_tax_id")
    if "buyer_tax_id" not in out.fields or out.fields["buyer_tax_id"]["value"] != found.value:
        out.set("buyer_tax_id", found.value, found.confidence, page=found.page, bbox=found.bbox, raw=found.raw)
    if seller is None or seller["value"] != found.value:
        return
    del out.fields["seller_tax_id"]
    outside = [h for h in hits if h.key == "seller_tax_id" and h not in inside]
    again = _tax_id(pages, hits, outside)
    if again is not None and again.value != found.value:
        out.set("seller_tax_id", again.value, again.confidence, page=again.page, bbox=again.bbox, raw=again.raw)


def _tax_id(
    pages: list[layout.PageLayout], hits: list[layout.LabelHit], chosen: list[layout.LabelHit]
) -> layout.Found | None:
    """The tax id right of the first of ``chosen`` that has one (every hit still blocks the words it covers)."""
    marked = [dataclasses.replace(h, key="_chosen") if h in chosen else h for h in hits]
    return layout.find_value(pages, marked, "_chosen", parse_tax_id, prefer="right", depth=0)


def _unlabelled_rfc(out: ResultBuilder, page: layout.PageLayout, block: list[int], x0: float) -> None:
    """An RFC printed in the buyer's block under a label no wording names (``VAT: PTU860627MU5``) is the
    buyer's when nothing else gave its tax id."""
    if "buyer_tax_id" in out.fields:
        return
    for index in block:
        piece = _piece_at(page.lines[index], x0) or []
        word = _rfc_word(piece)
        if word is not None:
            value = _RFC_TOKEN.sub("", word.text).upper()
            if not checks.rfc_is_valid_format(value):
                value = rfc_by_check_digit(value) or value
            out.set("buyer_tax_id", value, UNLABELLED_RFC, page=page.number, bbox=_bbox([word]), raw=word.text)
            return


UNLABELLED_RFC = 0.85

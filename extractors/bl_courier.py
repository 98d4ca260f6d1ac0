"""An express courier's waybill (the international air waybills of DHL, FedEx, UPS and the like): the courier's
name at the head, the waybill number (printed spaced under its bar code: ``WAYBILL 12 3456 7890``), the shipper's
and the receiver's boxes (``From (Shipper)``, ``To (Receiver)``, each under its heading with the account number or
the tax id among its lines), the pieces and their weight, the contents declared for customs (pieces, weight and
contents per kind of goods), who pays the transportation (``Bill transportation charges to: [X] Shipper``: prepaid
when the shipper pays, collect when the receiver does) and the pickup date. Urgent lots go to a maquiladora by
courier: the contract's ``air`` kind, with neither vessel nor container nor SCAC.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from extractors.bl_units import LB_KG
from extractors.layout import PageLayout, norm
from extractors.result import ResultBuilder

Parser = Callable[[str], "tuple[Any, tuple[int, int]] | None"]

# a courier's own words: the receiver (an IATA air waybill's "Consignee"), the pieces, the contents declared for
# customs, who pays the transportation and the duties, the day the courier picked the parcel up
_RECEIVER = re.compile(r"\b(?:RECEIVER|RECIPIENT)\b")
_COURIER_SIGNS = [
    re.compile(p)
    for p in (
        r"\bPIECES\b|\bPCS\b",
        r"\bCONTENTS\b",
        r"\b(?:DECLARED\s+)?VALUE\s+FOR\s+CUSTOMS\b",
        r"\b(?:TRANSPORTATION|SHIPPING)\s+CHARGES\b",
        r"\bDUTIES\s+(?:AND|&)\s+TAXES\b",
        r"\b(?:PICK\s?-?\s?UP|SHIP(?:MENT)?)\s+DATE\b",
    )
]
_WAYBILL = re.compile(r"(?<!SEA )(?<!RAIL )\b(?:WAYBILL|AIRWAYBILL|AWB)\b")
# the other modes' words: an airline's air waybill (IATA: the airports, the rate lines), a ship's, a truck's
_OTHER_MODES = re.compile(
    r"\bAIRPORT\s+OF\s+(?:DEPARTURE|DESTINATION)\b|\bRATE\s+CLASS\b|\bCHARGEABLE\s+WEIGHT\b|\bVESSEL\b"
    r"|\bPORT\s+OF\s+(?:LOADING|DISCHARGE)\b|\bTRAILER\b|\bPRO\s+(?:NO|NUMBER)\b|\bNMFC\b|\bHANDLING\s+UNITS?\b"
)
COURIER_SIGNS = 3


def courier_waybill(text: str) -> bool:
    """A courier's waybill: the word waybill, the receiver, and at least three more of a courier's words; an
    airline's IATA air waybill (airports, rate lines), a ship's or a truck's bill is none."""
    upper = " ".join(text.upper().split())
    if not _WAYBILL.search(upper) or not _RECEIVER.search(upper) or _OTHER_MODES.search(upper):
        return False
    return sum(1 for sign in _COURIER_SIGNS if sign.search(upper)) >= COURIER_SIGNS


def read_courier(
    pages: list[PageLayout],
    result: ResultBuilder,
    party: Parser,
    dates: Parser,
    carrier: tuple[str, Any] | None,
) -> None:
    """The waybill's fields and the contents' lines (``party`` reads a party's name, ``dates`` a date; ``carrier``
    is the name printed at the head, with its box)."""
    result.set("bl_kind", "air", 0.9)
    head = _courier_name(pages[0]) if pages else None
    if head is not None:
        result.set("carrier_name", head, 0.8, page=pages[0].number, raw=head)
    elif carrier is not None:
        result.set("carrier_name", carrier[0], 0.7, page=pages[0].number, bbox=carrier[1], raw=carrier[0])
    for lay in pages:
        for line in lay.lines:
            _header_line(line.text, lay.number, result, dates)
        _waybill_number(lay, result)
        for name, headings in PARTY_HEADINGS.items():
            if name not in result.fields:
                found = _party_in_box(lay, headings, party)
                if found is not None:
                    result.set(name, found[0], 0.9, page=lay.number, raw=found[1])
        if not result.lines:
            for cargo in contents_lines(lay):
                result.add_line(cargo)
    # the totals a waybill leaves unprinted are its contents' rows added up
    for name in ("package_count", "gross_weight_kg"):
        if name not in result.fields and result.lines and all(name in line for line in result.lines):
            total = sum(float(line[name]["value"]) for line in result.lines)
            result.set(name, int(total) if name == "package_count" else round(total, 3), 0.85)


_LEGAL_FORM = re.compile(
    r"\b(?:INC|CORP|CORPORATION|CO|COMPANY|LLC|LTD|LIMITED|GMBH|AG|SA|S\.A|PLC|LP|LLP|BV|NV)\b\.?", re.IGNORECASE
)
HEAD_LINES = 4


def _courier_name(lay: PageLayout) -> str | None:
    """The courier's name at the head of the waybill: the first of the top lines that names a company (its legal
    form), the rules and specks a scan left at its ends taken off."""
    for line in lay.lines[:HEAD_LINES]:
        height = max(1.0, line.height)
        run = line.words[:1]
        for w in line.words[1:]:
            if w.x0 - run[-1].x1 > 3 * height:
                break  # the next box's words (a scan's specks of the bar code) across a gutter
            run.append(w)
        words = [w.text for w in run]
        while words and not re.search(r"[A-Za-z0-9]", words[-1]):
            words.pop()
        while words and not re.search(r"[A-Za-z0-9]", words[0]):
            words.pop(0)
        text = " ".join(words)
        if _LEGAL_FORM.search(text) and not _WAYBILL.search(text.upper()) and len(re.findall(r"[A-Za-z]", text)) >= 5:
            return text
    return None


# --------------------------------------------------------------------------------------------------------
# one line's caption and value

_PIECES = re.compile(r"\bTOTAL\s+(?:NUMBER\s+OF\s+|NO\.?\s+OF\s+)?(?:PIECES|PCS|PACKAGES)\s*:?\s*(\d{1,5})(?![\d.,])")
_UNIT = r"(KGS?|KILOS?|LBS?)"
_WEIGHT = re.compile(
    rf"\bTOTAL\s+(?:ACTUAL\s+|GROSS\s+)?WEIGHT\s*(?:\(?\s*{_UNIT}\s*\)?)?\s*:?\s*(\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"\s*{_UNIT}?(?![A-Z])"
)
_PICKUP = re.compile(r"\b(?:PICK\s?-?\s?UP|SHIP(?:MENT)?)\s+DATE\s*:?\s*(.+)")
_PAYS = re.compile(r"\b(?:TRANSPORTATION|SHIPPING|FREIGHT)\s+CHARGES?\b")
# the option marked: "[X] Receiver", or the mark alone where a scan lost the box's brackets ("X Receiver")
_MARKED = re.compile(
    r"(?:\[\s*[X✓✔]\s*\]|(?<![\w\[])[(]?[X✓✔][)]?(?![\w\]]))\s*(SHIPPER|SENDER|RECEIVER|RECIPIENT|CONSIGNEE|THIRD)\b"
)
# who pays the carriage: the shipper (prepaid) or the receiver (collect); a third party says neither
PAYER_TERMS = {"SHIPPER": "prepaid", "SENDER": "prepaid", "RECEIVER": "collect", "RECIPIENT": "collect"}
PAYER_TERMS["CONSIGNEE"] = "collect"


def _header_line(text: str, page: int, result: ResultBuilder, dates: Parser) -> None:
    upper = text.upper()
    pieces = _PIECES.search(upper)
    if pieces and "package_count" not in result.fields:
        result.set("package_count", int(pieces.group(1)), 0.9, page=page, raw=pieces.group(0))
    weight = _WEIGHT.search(upper)
    if weight and "gross_weight_kg" not in result.fields:
        value = float(weight.group(2).replace(",", ""))
        unit = weight.group(3) or weight.group(1) or "KG"
        if unit.startswith("LB"):
            value = round(value * LB_KG, 1)
        result.set("gross_weight_kg", value, 0.9, page=page, raw=weight.group(0))
    pickup = _PICKUP.search(upper)
    if pickup and "issue_date" not in result.fields:
        parsed = dates(pickup.group(1))
        if parsed is not None:
            result.set("issue_date", parsed[0], 0.9, page=page, raw=pickup.group(0))
    pays = _PAYS.search(upper)
    if pays is not None and "freight_terms" not in result.fields:
        marked = _MARKED.search(upper[pays.end() :])
        terms = PAYER_TERMS.get(marked.group(1)) if marked else None
        if terms is not None:
            result.set("freight_terms", terms, 0.9, page=page, raw=text)


# --------------------------------------------------------------------------------------------------------
# the waybill number

_NUMBER_WORDS = {"WAYBILL", "AIRWAYBILL", "AWB", "TRACKING"}
_AFTER_WORDS = {"NO", "NUMBER", "NUM", ""}
_UPS = re.compile(r"1Z[0-9A-Z]{16}")


def _waybill_number(lay: PageLayout, result: ResultBuilder) -> None:
    """The number after ``WAYBILL`` (``AWB``, ``Tracking no.``) on its line: its groups of digits joined
    (``12 3456 7890``), ten to fourteen digits, or a UPS tracking number."""
    if "bl_number" in result.fields:
        return
    for line in lay.lines:
        words = line.words
        for k, word in enumerate(words):
            if norm(word.text) not in _NUMBER_WORDS:
                continue
            j = k + 1
            while j < len(words) and norm(words[j].text) in _AFTER_WORDS and not words[j].text[:1].isdigit():
                j += 1
            if j < len(words) and _UPS.fullmatch(norm(words[j].text)):
                result.set("bl_number", norm(words[j].text), 0.9, page=lay.number, raw=words[j].text)
                return
            groups: list[str] = []
            while j < len(words) and re.fullmatch(r"\d{1,12}", words[j].text):
                groups.append(words[j].text)
                j += 1
            digits = "".join(groups)
            if 9 <= len(digits) <= 14:
                result.set("bl_number", digits, 0.9, page=lay.number, raw=" ".join(groups))
                return


# --------------------------------------------------------------------------------------------------------
# the parties' boxes

PARTY_HEADINGS: dict[str, list[list[str]]] = {
    "shipper_name": [["FROM", "SHIPPER"], ["FROM", "SENDER"], ["SHIPPER"], ["SENDER"]],
    "consignee_name": [["TO", "RECEIVER"], ["TO", "RECIPIENT"], ["RECEIVER"], ["RECIPIENT"], ["CONSIGNEE"]],
}
# lines of a party's box that are a caption and its value, no name
_CAPTIONED_LINE = re.compile(
    r"\s*(?:ACCOUNT|ACCT|TAX\s+ID|RFC|VAT|EIN|PHONE|TEL|TELEPHONE|CONTACT|ATTN|ATTENTION|E-?MAIL)\b", re.IGNORECASE
)
BOX_LINES = 6


def _heading_at(words: list[Any], k: int, heading: list[str]) -> int | None:
    """The index past the heading when it starts at word ``k`` (parentheses aside: ``From (Shipper)``)."""
    for j, part in enumerate(heading):
        if k + j >= len(words) or norm(words[k + j].text) != part:
            return None
    return k + len(heading)


# what may stand before a heading in its own box: the section's number, a rule or the speck a scan made of the
# number's dark square ("|", "[EI", "IPN"), the preposition a scan misread ("ro (Receiver)")
_BEFORE_HEADING = re.compile(r"\d{1,2}\.?|[^\w]*|[\[|][A-Za-z]{0,2}|[A-Za-z]{1,3}")
BEFORE_WORDS = 3


def _box_start(words: list[Any], k: int, height: float) -> int | None:
    """Where the box of a heading at word ``k`` starts: the line's start or a gutter, with at most a section
    number and a scan's specks between; a heading word inside a sentence or after a check box ("[X] Shipper")
    is none."""
    start = k
    while True:
        if start == 0 or words[start].x0 - words[start - 1].x1 > 3 * height:
            return start
        before = words[start - 1]
        if k - start >= BEFORE_WORDS or re.fullmatch(r"[\[(]?[Xx✓✔][\])]?", before.text):
            return None
        if not _BEFORE_HEADING.fullmatch(before.text):
            return None
        start -= 1


def _party_in_box(lay: PageLayout, headings: list[list[str]], party: Parser) -> tuple[str, str] | None:
    for li, line in enumerate(lay.lines):
        words = line.words
        height = max(1.0, line.height)
        for k in range(len(words)):
            end = next((e for h in headings if (e := _heading_at(words, k, h)) is not None), None)
            start = _box_start(words, k, height) if end is not None else None
            if end is None or start is None:
                continue
            left = words[start].x0 - height
            # the next box's heading on the line bounds this one
            right = next(
                (words[j].x0 for j in range(end, len(words)) if words[j].x0 - words[j - 1].x1 > 3 * height),
                lay.width,
            )
            for below in lay.lines[li + 1 : li + 1 + BOX_LINES]:
                inside = [w for w in below.words if left <= w.x0 < right]
                if not inside:
                    continue
                text = " ".join(w.text for w in inside)
                if _CAPTIONED_LINE.match(text):
                    continue
                parsed = party(text)
                if parsed is not None:
                    return str(parsed[0]), text
                break
    return None


# --------------------------------------------------------------------------------------------------------
# the contents declared: pieces, weight and contents per kind of goods

_PIECES_CAPTIONS = {"PIECES", "PCS", "PIECE", "QTY", "PKGS"}
_WEIGHT_CAPTIONS = {"WEIGHT", "WT"}
_CONTENTS_CAPTIONS = {"CONTENTS", "DESCRIPTION", "COMMODITY"}
_FIGURE = re.compile(r"\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?")


def _captions(words: list[Any]) -> tuple[Any, Any, Any] | None:
    """The pieces', the weight's and the contents' captions of a heading line; a caption stands alone (the
    section's title "Full description of contents" is none)."""
    pieces = next((w for w in words if norm(w.text) in _PIECES_CAPTIONS), None)
    weight = next((w for w in words if norm(w.text) in _WEIGHT_CAPTIONS), None)
    contents = None
    for k, w in enumerate(words):
        if norm(w.text) in _CONTENTS_CAPTIONS and (k == 0 or norm(words[k - 1].text) != "OF"):
            contents = w
    if pieces is None or weight is None or contents is None:
        return None
    return pieces, weight, contents


def contents_lines(lay: PageLayout) -> list[dict[str, dict]]:
    """The rows under a heading that names the pieces, the weight and the contents: a row opens with its figures
    (its count of pieces, its weight); a line with the contents only continues the row above; a word left of the
    columns (the next section's number and title) ends them."""
    for li, line in enumerate(lay.lines):
        captions = _captions(line.words)
        if captions is None:
            continue
        pieces, weight, contents = captions
        height = max(1.0, line.height)
        left = min(pieces.x0, weight.x0, contents.x0) - 6 * height
        rows: list[dict[str, Any]] = []
        for below in lay.lines[li + 1 :]:
            words = below.words
            if not words or any(w.x0 < left for w in words):
                break
            figures: dict[str, float] = {}
            text = []
            for w in words:
                if w.x0 >= contents.x0 - height:
                    text.append(w.text)
                    continue
                if not _FIGURE.fullmatch(w.text):
                    continue
                centre = (w.x0 + w.x1) / 2
                key = min(
                    (("package_count", pieces), ("gross_weight_kg", weight)),
                    key=lambda pair: abs(centre - (pair[1].x0 + pair[1].x1) / 2),
                )[0]
                figures[key] = float(w.text.replace(",", ""))
            if figures:  # (its count of pieces, or its weight where a scan lost the count)
                rows.append({"figures": figures, "text": text, "page": lay.number})
            elif rows and text and not figures:
                rows[-1]["text"].extend(text)
            else:
                break
        return [_line(row) for row in rows]
    return []


def _line(row: dict[str, Any]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    figures = row["figures"]
    count = figures.get("package_count")
    if count is not None and count == int(count):
        out["package_count"] = _cell(int(count), row["page"])
    if "gross_weight_kg" in figures:
        out["gross_weight_kg"] = _cell(figures["gross_weight_kg"], row["page"])
    description = " ".join(row["text"]).strip()
    if re.search(r"[A-Za-z]{3}", description):
        out["description"] = _cell(description, row["page"])
    return out


def _cell(value: Any, page: int) -> dict[str, Any]:
    return {"value": value, "confidence": 0.9, "page": page, "bbox": None, "raw": str(value)}

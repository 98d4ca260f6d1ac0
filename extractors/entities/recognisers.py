"""Regular-expression recognisers for the domain identifiers, each with its normaliser and validator.

Each recogniser yields `Hit`s (character offsets into the text, normalised value, validity). The spaCy
component in `pipeline.py` turns hits into entity spans; the order of `RECOGNISERS` only matters for ties,
since overlapping hits are resolved longest-first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from extractors import checks
from extractors.entities.normalise import (
    MONTH_ALTERNATION,
    make_date,
    month_number,
    numeric_date,
    parse_amount,
)


@dataclass
class Hit:
    label: str
    start: int
    end: int
    value: Any
    valid: bool = True
    details: dict[str, Any] = field(default_factory=dict)


Recogniser = Callable[[str], Iterator[Hit]]

_SEP = r"(?:[ ]{1,2}|-)"
PEDIMENTO_RE = re.compile(rf"(?<![\d.,])(\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{4}}{_SEP}\d{{7}}|\d{{15}})(?![\d.,]\d)")


def pedimentos(text: str) -> Iterator[Hit]:
    for match in PEDIMENTO_RE.finditer(text):
        value = checks.normalise_pedimento(match.group(1))
        if value is None:
            continue
        problems = checks.pedimento_problems(value)
        yield Hit("PEDIMENTO", match.start(1), match.end(1), value, not problems, {"problems": problems})


RFC_RE = re.compile(r"(?<![A-Z0-9Ñ&])([A-ZÑ&]{3,4})[ -]?(\d{2})(\d{2})(\d{2})[ -]?([A-Z0-9]{2}[0-9A])(?![A-Z0-9])")


def rfcs(text: str) -> Iterator[Hit]:
    for match in RFC_RE.finditer(text):
        month, day = int(match.group(3)), int(match.group(4))
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        value = match.group(1) + match.group(2) + match.group(3) + match.group(4) + match.group(5)
        yield Hit("RFC", match.start(), match.end(), value, checks.rfc_is_valid(value))


CURP_RE = re.compile(r"(?<![A-Z0-9])([A-Z]{4}\d{6}[HMX][A-Z]{5}[0-9A-Z]\d)(?![A-Z0-9])")


def curps(text: str) -> Iterator[Hit]:
    for match in CURP_RE.finditer(text):
        value = match.group(1)
        yield Hit("CURP", match.start(), match.end(), value, checks.curp_is_valid(value))


FRACCION_DOTTED_RE = re.compile(
    r"(?<![\d.])(\d{4})\.(\d{2})\.(\d{2})(?:(?:[.\- ]|\s+NICO\s*:?\s*)(\d{2}))?(?![\d.,]?\d)"
)
FRACCION_LABELLED_RE = re.compile(
    r"(?i:fracci[oó]n(?:\s+arancelaria)?|tariff(?:\s+code)?|hts?(?:\s+code)?)\s*[:#.]?\s*"
    r"(\d{8})(?:\s*(?:[\-.]|(?i:nico)\s*[:#]?)?\s*(\d{2}))?(?!\d)"
)


def fracciones(text: str) -> Iterator[Hit]:
    for match in FRACCION_DOTTED_RE.finditer(text):
        value = match.group(1) + match.group(2) + match.group(3)
        details = {"nico": match.group(4)} if match.group(4) else {}
        yield Hit("FRACCION", match.start(), match.end(), value, True, details)
    for match in FRACCION_LABELLED_RE.finditer(text):
        details = {"nico": match.group(2)} if match.group(2) else {}
        end = match.end(2) if match.group(2) else match.end(1)
        yield Hit("FRACCION", match.start(1), end, match.group(1), True, details)


COVE_RE = re.compile(r"(?<![A-Z0-9])(COVE[0-9A-Z]{9})(?![A-Z0-9])")


def coves(text: str) -> Iterator[Hit]:
    for match in COVE_RE.finditer(text):
        yield Hit("COVE", match.start(), match.end(), match.group(1))


UUID_RE = re.compile(
    r"(?<![0-9A-Fa-f-])([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})(?![0-9A-Fa-f-])"
)


def uuids(text: str) -> Iterator[Hit]:
    for match in UUID_RE.finditer(text):
        yield Hit("CFDI_UUID", match.start(), match.end(), match.group(1).upper())


CONTAINER_RE = re.compile(r"(?<![A-Z0-9])([A-Z]{3}[UJZR])[ -]?(\d{6})[ -]?(\d)(?![A-Z0-9])")


def containers(text: str) -> Iterator[Hit]:
    for match in CONTAINER_RE.finditer(text):
        value = match.group(1) + match.group(2) + match.group(3)
        yield Hit("CONTAINER", match.start(), match.end(), value, checks.container_is_valid(value))


# Ocean carriers whose master B/L numbers are their SCAC followed by a serial (DOMAIN.md §6).
CARRIER_SCACS = [
    "MAEU",
    "MSCU",
    "MEDU",
    "EGLV",
    "HLCU",
    "COSU",
    "CMDU",
    "ONEY",
    "OOLU",
    "HDMU",
    "ZIMU",
    "YMLU",
    "SUDU",
    "EVRG",
    "APLU",
    "ANNU",
    "CHNJ",
    "KKLU",
    "NYKS",
    "MOLU",
    "SMLM",
    "WHLC",
    "PCIU",
]
BL_SCAC_RE = re.compile(rf"(?<![A-Z0-9])((?:{'|'.join(CARRIER_SCACS)})[A-Z0-9]{{6,14}})(?![A-Z0-9])")
BL_LABELLED_RE = re.compile(
    r"(?i:\bB/?L|bill\s+of\s+lading|conocimiento\s+de\s+embarque|house\s+bl|master\s+bl)"
    r"\s*(?i:no\.?|number|num\.?|n[uú]mero|#)?\s*[:#.]?\s*([A-Z0-9][A-Z0-9\-]{5,24})(?![A-Z0-9])"
)


def bill_of_lading_numbers(text: str) -> Iterator[Hit]:
    for match in BL_SCAC_RE.finditer(text):
        yield Hit("BL", match.start(1), match.end(1), match.group(1))
    for match in BL_LABELLED_RE.finditer(text):
        value = match.group(1).replace("-", "")
        if any(char.isdigit() for char in value):
            yield Hit("BL", match.start(1), match.end(1), value)


_MONTH = rf"(?P<month>{MONTH_ALTERNATION})\.?"
_DATE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # year first: ISO, and as East Asian documents print it (2024/03/27, 2024.03.27)
    (re.compile(r"(?<![\d/.-])(?P<y>\d{4})([-/.])(?P<m>\d{1,2})\2(?P<d>\d{1,2})(?:T[\d:.]+)?(?![\d])"), "iso"),
    # Korean documents space the parts and close each with a point (2025. 08. 27.)
    (re.compile(r"(?<![\d/.,-])(?P<y>\d{4})\. ?(?P<m>\d{1,2})\. ?(?P<d>\d{1,2})\.?(?![\d])"), "iso"),
    (
        re.compile(r"(?<![\d/.,-])(?P<a>\d{1,2})([/.\-])(?P<b>\d{1,2})\2(?P<y>\d{4}|\d{2})(?![\d/.-]?\d)"),
        "numeric",
    ),
    (
        re.compile(
            rf"(?i)(?<![\w])(?P<d>\d{{1,2}})\.?(?:\s*(?:de|of)?\s*|[\-/ ]){_MONTH}"
            # a four-digit year may run on into the time ("27 ago. 2025, 11:06:16"); two digits followed by a
            # separator are more likely a figure's or a time's than a year
            rf"(?:\s*(?:de|del)?\s*|[\-/ ,]\s*)(?P<y>\d{{4}}(?!\d)|\d{{2}}(?![\d:.,]))"
        ),
        "day_month",
    ),
    (
        re.compile(rf"(?i)(?<![\w]){_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+(?P<y>\d{{4}})(?!\d)"),
        "month_day",
    ),
]


def dates(text: str) -> Iterator[Hit]:
    for pattern, kind in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            ambiguous = False
            if kind == "iso":
                value = make_date(int(match["y"]), int(match["m"]), int(match["d"]))
            elif kind == "numeric":
                value, ambiguous = numeric_date(int(match["a"]), int(match["b"]), int(match["y"]))
            else:
                month = month_number(match["month"])
                value = make_date(int(match["y"]), month, int(match["d"])) if month else None
            if value is None:
                continue
            details = {"ambiguous": True} if ambiguous else {}
            yield Hit("DATE", match.start(), match.end(), value, True, details)


AMOUNT_RE = re.compile(
    r"(?<![\w.,])(-?(?:\d{1,3}(?:,\d{3})+(?:\.\d{1,6})?|\d{1,3}(?:\.\d{3})+(?:,\d{1,6})?"
    r"|\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d{1,6})|\d+[.,]\d{1,6}))(?![\w]|[.,]\d)"
)


def amounts(text: str) -> Iterator[Hit]:
    for match in AMOUNT_RE.finditer(text):
        value = parse_amount(match.group(1))
        if value is not None:
            yield Hit("AMOUNT", match.start(1), match.end(1), value)


RECOGNISERS: list[Recogniser] = [
    uuids,
    pedimentos,
    curps,
    rfcs,
    containers,
    coves,
    fracciones,
    bill_of_lading_numbers,
    dates,
    amounts,
]

"""Parsers of printed values (numbers, dates, codes, names, countries, pedimento numbers, RFCs).

Each takes the text beside a label or in a cell and returns the normalised value with the character span it
used, or None; they forgive what OCR does to digits and letters.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from extractors.entities import recognisers
from extractors.entities.normalise import country_code
from extractors.layout.lines import norm, squash

Parser = Callable[[str], "tuple[Any, tuple[int, int]] | None"]
"""A parser gets the candidate text and returns (value, (start, end) character span used) or None."""


# ----------------------------------------------------------------------------------------------------
# Parsers of printed values. Each takes the text beside a label (or in a cell) and returns the normalised
# value with the character span it used, or None. They forgive what OCR does to digits (O for 0, l for 1).

_DIGITISH = str.maketrans(
    {
        "O": "0",
        "o": "0",
        "D": "0",
        "Q": "0",
        "l": "1",
        "I": "1",
        "S": "5",
        "B": "8",
        "Z": "2",
        "g": "9",
    }
)
_TOKEN_RE = re.compile(r"\S+")


def ocr_digits(text: str) -> str:
    """Fix letters OCR put for digits inside tokens that are mostly digits (same length as the input)."""

    def fix(match: re.Match[str]) -> str:
        token = match.group(0)
        digits = sum(ch.isdigit() for ch in token)
        letters = sum(ch.isalpha() for ch in token)
        if digits and letters <= 2 and digits >= 0.5 * (digits + letters):
            return token.translate(_DIGITISH)
        return token

    return _TOKEN_RE.sub(fix, text)


_NUMBER_RE = re.compile(r"(?<![\w.])-?\$?\s?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w])")


def parse_number(text: str) -> tuple[float, tuple[int, int]] | None:
    """The first number (``1,234,567.89``; a comma is a thousands separator, as pedimentos print them)."""
    fixed = ocr_digits(text)
    if fixed.strip() in ("o", "O"):  # a lone zero OCR read as a letter
        return 0.0, (fixed.index(fixed.strip()), fixed.index(fixed.strip()) + 1)
    match = _NUMBER_RE.search(fixed)
    if match is None:
        return None
    digits = match.group(1).replace(",", "")
    try:
        value = float(digits)
    except ValueError:
        return None
    if fixed[match.start() : match.start() + 1] == "-":
        value = -value
    return value, match.span()


def parse_int(text: str) -> tuple[int, tuple[int, int]] | None:
    """The first whole number."""
    parsed = parse_number(text)
    if parsed is None or parsed[0] != int(parsed[0]):
        return None
    return int(parsed[0]), parsed[1]


def parse_date(text: str) -> tuple[str, tuple[int, int]] | None:
    """The first date, as ``YYYY-MM-DD`` (day first when ambiguous, as Mexican documents print)."""
    hits = sorted(recognisers.dates(text), key=lambda h: h.start)
    if not hits:
        hits = sorted(recognisers.dates(ocr_digits(text)), key=lambda h: h.start)
    if not hits:
        hits = sorted(recognisers.dates(month_letters(text)), key=lambda h: h.start)
    if not hits:
        return None
    return hits[0].value, (hits[0].start, hits[0].end)


# A month's abbreviation between a day and a year (``30/D1C/2024``), a letter of it OCR read as a digit.
_NAMED_MONTH_RE = re.compile(r"(?<=\d[/\-])([A-Za-z0-9]{3})(?=[/\-]\d{2,4})")
_LETTERISH_DIGITS = str.maketrans({"1": "I", "0": "O", "5": "S", "8": "B", "6": "G", "4": "A"})


def month_letters(text: str) -> str:
    """``text`` with the digits OCR put into a month's printed abbreviation read back as letters (same length):
    ``30/D1C/2024`` → ``30/DIC/2024``. A month of digits (``30/12/2024``) is left alone."""

    def fix(match: re.Match[str]) -> str:
        token = match.group(1)
        if sum(ch.isalpha() for ch in token) < 2:
            return token
        return token.translate(_LETTERISH_DIGITS)

    return _NAMED_MONTH_RE.sub(fix, text)


def date_parser(month_first: bool) -> Parser:
    """A date parser for documents that print month first (US forms) or day first (Mexican ones)."""

    def parse(text: str) -> tuple[str, tuple[int, int]] | None:
        for source in (text, ocr_digits(text)):
            hits = sorted(recognisers.dates(source), key=lambda h: h.start)
            if hits:
                hit = hits[0]
                value = hit.value
                if month_first and hit.details.get("ambiguous"):
                    year, month, day = value.split("-")
                    value = f"{year}-{day}-{month}"
                return value, (hit.start, hit.end)
        return None

    return parse


_NUMERIC_DATE_RE = re.compile(r"(?<!\d)(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?!\d)")


def month_first_dates(text: str, default: bool = False) -> bool:
    """Whether the document's numeric dates are month first: a date whose first part is over 12 says day
    first, one whose second part is over 12 says month first; without either, dates written with dots alone
    (``05.08.2024``, the European way: month-first writers use slashes) say day first; else ``default``."""
    day_first = month_first = 0
    matches = list(_NUMERIC_DATE_RE.finditer(text))
    for match in matches:
        first, second = int(match.group(1)), int(match.group(2))
        if first > 12 >= second:
            day_first += 1
        elif second > 12 >= first:
            month_first += 1
    if day_first == month_first:
        if matches and all(m.group(0).count(".") == 2 for m in matches):
            return False
        return default
    return month_first > day_first


_COMPANY_FIXES = [
    (re.compile(r"\bDER\.\s?L\.", re.I), "DE R.L."),
    (re.compile(r"\bDEC\.\s?V\.", re.I), "DE C.V."),
    (re.compile(r"\bS\.A\.DE\b", re.I), "S.A. DE"),
    (re.compile(r"\bS\.\s?DE\s?R\.\s?L\.", re.I), "S. DE R.L."),
    # the space before the legal form lost ("MEXICALIS.A. DE C.V.", "TIJUANAS. DE R.L.")
    (re.compile(r"(?<=[A-Z]{3})(?=S\.\s?(?:A\.(?:\s?B\.)?|DE\s?R\.\s?L\.)(?:\s|$))"), " "),
    # the dot of "C.V." or "R.L." after "DE" read as a comma, a colon or an i ("DE Civ.", "DE R,L.")
    # (its last dot too, lost with it: the form is written with both dots once it has one)
    # (or a doubled C before a dot, "DE Cc.v.")
    (re.compile(r"(?<=\bDE )(?:C[,:;i]|Cc[.,:;i])\s?[Vv][.,]?(?=\s|$)"), "C.V."),
    (re.compile(r"(?<=\bDE )R[,:;i]\s?[Ll][.,]?(?=\s|$)"), "R.L."),
]


def tidy_company(name: str) -> str:
    """A Mexican company name with the spaces OCR dropped from its legal form put back
    ("S. DER.L. DEC.V." → "S. DE R.L. DE C.V.")."""
    for pattern, replacement in _COMPANY_FIXES:
        name = pattern.sub(replacement, name)
    return name


def parse_name(text: str) -> tuple[str, tuple[int, int]] | None:
    """A person's or company's name (the text, with the legal form tidied)."""
    parsed = parse_text(text)
    if parsed is None:
        return None
    return tidy_company(parsed[0]), parsed[1]


def parse_text(text: str) -> tuple[str, tuple[int, int]] | None:
    """The whole text, spaces squashed."""
    stripped = text.strip().lstrip(":.-").rstrip(":-,;").strip()
    if not norm(stripped):
        return None
    start = text.find(stripped)
    return squash(stripped), (start, start + len(stripped))


def parse_regex(pattern: str, *, digits: bool = False, group: int = 0, compact: bool = True) -> Parser:
    """A parser that takes the first match of ``pattern`` (after OCR digit fixes when ``digits``); with
    ``compact`` the spaces, dots and dashes are dropped from the value (codes), else it is kept as printed."""
    compiled = re.compile(pattern)

    def parse(text: str) -> tuple[str, tuple[int, int]] | None:
        source = ocr_digits(text) if digits else text
        match = compiled.search(source.upper())
        if match is None:
            return None
        value = match.group(group)
        return (re.sub(r"[\s.\-]", "", value) if compact else value), match.span(group)

    return parse


def parse_choice(choices: dict[str, str]) -> Parser:
    """One of a fixed set of words (normalised word → value), e.g. {"IMP": "IMP", "IMPORTACION": "IMP"}."""

    def parse(text: str) -> tuple[str, tuple[int, int]] | None:
        for match in _TOKEN_RE.finditer(text):
            key = norm(match.group(0))
            if key in choices:
                return choices[key], match.span()
        return None

    return parse


def parse_country(text: str) -> tuple[str, tuple[int, int]] | None:
    """A country printed as a 3-letter code or a name, as ISO 3166-1 alpha-3."""
    for match in _TOKEN_RE.finditer(text):
        token = match.group(0).strip(" .,:;\"'`“”‘’")
        code = country_code(token)
        if code is None and re.fullmatch(r"[A-Z0-9]{3}", token) and sum(ch.isalpha() for ch in token) >= 2:
            code = token.translate(_TO_LETTER)  # "U5A" as OCR read USA
        if code is not None:
            return code, match.span()
    whole = country_code(text)
    if whole is not None:
        return whole, (0, len(text))
    return None


def parse_pedimento(text: str) -> tuple[str, tuple[int, int]] | None:
    """A pedimento number printed with one or two spaces, dashes or nothing between its groups (on a scan, a
    speck of a dot leader or a quote mark may stand between them too: ``24 40 1834 .4258834``,
    ``25.30 3897: 5218108``, ``25 "07. 2163 5000847``)."""
    fixed = ocr_digits(text)
    for hit in recognisers.pedimentos(fixed):
        return hit.value, (hit.start, hit.end)
    gap = r"[\s\-]{0,3}[\"'`‘’“”]?[.:]?\s?"
    match = re.search(rf"(?<!\d)(\d{{2}}){gap}(\d{{2}}){gap}(\d{{4}}){gap}(\d{{7}})(?!\d)", fixed)
    if match is None:
        return None
    return "".join(match.groups()), match.span()


_TO_LETTER = str.maketrans({"0": "O", "1": "I", "5": "S", "8": "B", "2": "Z", "6": "G"})
_TO_DIGIT = str.maketrans({"O": "0", "D": "0", "Q": "0", "I": "1", "L": "1", "S": "5", "B": "8", "Z": "2", "G": "6"})


def parse_rfc(text: str) -> tuple[str, tuple[int, int]] | None:
    """An RFC (12 or 13 characters), upper case without separators; letters and digits OCR swapped are put
    back where the RFC's layout says they go (letters first, then the six digits of the date)."""
    upper = text.upper()
    for hit in recognisers.rfcs(upper):
        return hit.value, (hit.start, hit.end)
    for match in re.finditer(r"[A-Z0-9&Ñ]{12,13}", upper):
        token = match.group(0)
        head = 3 if len(token) == 12 else 4
        fixed = token[:head].translate(_TO_LETTER) + token[head : head + 6].translate(_TO_DIGIT) + token[head + 6 :]
        if fixed[-1] != "A":
            fixed = fixed[:-1] + fixed[-1].translate(_TO_DIGIT)  # the check digit is a digit or A
        for hit in recognisers.rfcs(fixed):
            return hit.value, match.span()
    return None

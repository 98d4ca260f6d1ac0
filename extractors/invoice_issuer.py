"""The issuer's country as its letterhead states it: an address in the United States (``Laredo, TX 78041``), a
country named in the address, or the country calling code of its telephone (``TEL: +86-755-4073…``).

An invoice that prints no origin for its goods ships them from where its issuer is: a maker's own invoice, or a
distributor's from its stock. The letterhead is the first lines of the text, before any party block; a phone
or a country further down may be the buyer's, and is not read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from extractors.invoice_values import country_name

_US_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|"
    "PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC"
)
US_ADDRESS = re.compile(rf"[A-Za-z],?\s+(?:{_US_STATES})\.?\s+\d{{5}}(?:-\d{{4}})?\b")

# Country calling codes of the countries IMMEX imports come from (ITU-T E.164). +1 is left out: the United
# States share it with Canada and the Caribbean.
CALLING_CODES = {
    "86": "CHN",
    "886": "TWN",
    "852": "HKG",
    "853": "MAC",
    "81": "JPN",
    "82": "KOR",
    "84": "VNM",
    "66": "THA",
    "60": "MYS",
    "65": "SGP",
    "62": "IDN",
    "63": "PHL",
    "91": "IND",
    "49": "DEU",
    "33": "FRA",
    "39": "ITA",
    "34": "ESP",
    "44": "GBR",
    "31": "NLD",
    "32": "BEL",
    "41": "CHE",
    "43": "AUT",
    "48": "POL",
    "420": "CZE",
    "46": "SWE",
    "45": "DNK",
    "351": "PRT",
    "90": "TUR",
    "972": "ISR",
    "55": "BRA",
    "54": "ARG",
    "57": "COL",
    "56": "CHL",
    "52": "MEX",
    "92": "PAK",
    "880": "BGD",
}
# a telephone in international form: the calling code after "+" (or "00"), then the number's digits
_PHONE = re.compile(r"(?:\+|\b00)\s?\(?(\d{1,3})\)?[\s.\-]?\(?\d{1,4}\)?[\s.\-]?\d{3,}")
_PHONE_LABEL = re.compile(r"\b(?:TEL|TELEPHONE|PHONE|PH|FAX|MOBILE|MOB|T|F)\b\.?\s*:?\s*$", re.I)
LETTERHEAD_LINES = 5


def issuer_country(text: str) -> str | None:
    """ISO 3166-1 alpha-3 of the issuer's country when its letterhead (the text's first lines) states it. A text
    built from the page's rows marks a column's gutter with two spaces or more (see :func:`gapped_text`)."""
    letterhead = [line for line in text.splitlines()[:LETTERHEAD_LINES] if line.strip()]
    joined = "\n".join(letterhead)
    if US_ADDRESS.search("\n".join(letterhead[:3])):
        return "USA"
    for line in letterhead:
        for match in _PHONE.finditer(line):
            # "+86-755-…" is a phone as printed; "0086-755-…" only after its label
            phone = match.group(0).startswith("+") or _PHONE_LABEL.search(line[: match.start()])
            code = _calling_code(match.group(0))
            if phone and code:
                return code
    for line in joined.splitlines():
        country = _address_country(line)
        if country:
            return country
    return None


def _calling_code(phone: str) -> str | None:
    """The country of a phone printed as ``+86-755-…`` or ``+886 2 …``: the longest calling code it starts
    with (``886`` before ``86``)."""
    digits = re.sub(r"\D", "", phone.removeprefix("00") if phone.startswith("00") else phone)
    for size in (3, 2):
        code = CALLING_CODES.get(digits[:size])
        if code:
            return code
    return None


def _address_country(line: str) -> str | None:
    """A country named at the end of an address line (``…, Shenzhen, China``, ``Taipei 114, Taiwan``); a line
    whose parts stand a column's gutter apart (two spaces or more: the address, then the form's number and date
    beside it) is read part by part."""
    parts = [part for part in re.split(r"\s{2,}", line.strip()) if part.strip()]
    if len(parts) > 1:
        return next((country for part in parts if (country := _address_country(part))), None)
    parts = [part.strip() for part in re.split(r"[,;]", line.strip().rstrip(".")) if part.strip()]
    tails = (parts[-1:] + [", ".join(parts[-2:])]) if parts else []
    if parts and any(ch.isdigit() for ch in line):
        # an address line without commas ("Shenzhen 518000 China"): its last words (a company's name, with no
        # figure in it, may end in a country's name and is not read so)
        words = parts[-1].split()
        tails += [" ".join(words[-size:]) for size in (1, 2, 3) if len(words) > size]
    for tail in tails:
        # a name or an alpha-3 code, never a two-letter one ("…, CA" is a state)
        if len(tail) >= 3 and len(tail.split()) <= 4:
            country = country_name(tail)
            if country:
                return country
    return None


def gapped_text(lines: Sequence[Any], gap: float = 1.5) -> str:
    """Rows of words as text, two spaces where words stand a column's gutter apart (``gap`` text heights or
    more): a letterhead's address and the form's number and date beside it on one row stay apart."""
    rows = []
    for line in lines:
        words = list(line.words)
        parts = [words[0].text] if words else []
        for a, b in zip(words, words[1:], strict=False):
            height = max(1.0, a.bottom - a.top)
            parts.append(("  " if b.x0 - a.x1 > gap * height else " ") + b.text)
        rows.append("".join(parts))
    return "\n".join(rows)

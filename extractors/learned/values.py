"""A value's shape as one issuer prints it, learned from one example: the decimal mark of its numbers, the order of
its dates, its codes' separators. ``describe`` finds the shape that turns a printed text into a known value;
``parse`` reads the next printed text with that shape.

The shapes are plain dicts (they are stored in the layout memory as data):

- ``{"kind": "number", "decimal": "," | "."}``
- ``{"kind": "date", "order": "DMY" | "MDY" | "YMD"}`` (month names in English, Spanish or German accepted)
- ``{"kind": "digits"}``: a code printed with dots or spaces, kept as its digits (tariff codes)
- ``{"kind": "country"}``: a country name or code, kept as ISO 3166-1 alpha-3
- ``{"kind": "text"}``: text as printed, spaces squashed
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date
from typing import Any

from extractors.entities.normalise import country_code

# Which kind of value a contract field holds (the fields not named here are read as text).
FIELD_KINDS: dict[str, str] = {
    **dict.fromkeys(
        (
            "invoice_date",
            "issue_date",
            "entry_date",
            "payment_date",
            "presentation_date",
            "shipped_on_board_date",
        ),
        "date",
    ),
    **dict.fromkeys(
        (
            "subtotal_amount",
            "total_amount",
            "subtotal",
            "total",
            "exchange_rate",
            "gross_weight_kg",
            "usd_value",
            "customs_value_mxn",
            "commercial_value_mxn",
            "partida_count",
            "package_count",
            "quantity",
            "unit_price",
            "amount",
            "umc_quantity",
            "umt_quantity",
            "paid_price_mxn",
            "value_added",
            "customs_quantity",
            "usd_unit_value",
            "cce_usd_exchange_rate",
            "cce_total_usd",
            "sequence",
        ),
        "number",
    ),
    **dict.fromkeys(("tariff_code", "nico", "pedimento_number", "patente", "customs_office"), "digits"),
    **dict.fromkeys(
        ("origin_country", "seller_buyer_country", "origin_destination_country", "receiver_country"), "country"
    ),
}

MONTHS = {
    **{
        m: i + 1
        for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))
    },
    **{
        m: i + 1
        for i, m in enumerate(("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"))
    },
    **{
        m: i + 1
        for i, m in enumerate(("jan", "feb", "mae", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "dez"))
    },
    "mär": 3,
    "set": 9,
}
ORDERS = ("DMY", "MDY", "YMD")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def kind_of(field: str, value: Any) -> str:
    """The kind of a field's value: from the table above, else from the value itself."""
    if isinstance(value, bool):
        return "text"
    kind = FIELD_KINDS.get(field)
    if kind:
        return kind
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str) and _ISO_DATE.match(value):
        return "date"
    return "text"


def squash(text: str) -> str:
    return " ".join(text.split())


def folded(text: str) -> str:
    """Case, accents and spacing folded away (for comparing text values)."""
    decomposed = unicodedata.normalize("NFKD", squash(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def parse_number(text: str, decimal: str) -> float | None:
    """``1.234,56`` with decimal ``,`` → 1234.56; spaces inside a number are thousands separators."""
    cleaned = text.replace("\u00a0", " ").strip()
    negative = cleaned.startswith("-") or cleaned.endswith("-") or (cleaned.startswith("(") and cleaned.endswith(")"))
    cleaned = re.sub(r"[^\d.,]", "", cleaned)
    if not cleaned or not any(c.isdigit() for c in cleaned):
        return None
    thousands = "." if decimal == "," else ","
    cleaned = cleaned.replace(thousands, "").replace(decimal, ".")
    if cleaned.count(".") > 1:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return -value if negative else value


def parse_date(text: str, order: str) -> str | None:
    """A printed date in the given field order → ``YYYY-MM-DD``."""
    parts = re.findall(r"\d+|[^\W\d_]+", text)
    numbers: list[int] = []
    month: int | None = None
    for part in parts:
        if part.isdigit():
            numbers.append(int(part))
        elif part[:3].casefold() in MONTHS and month is None:
            month = MONTHS[part[:3].casefold()]
    try:
        if month is not None:
            if len(numbers) != 2:
                return None
            first, second = numbers
            day, year = (second, first) if order == "YMD" or first > 31 else (first, second)
        else:
            if len(numbers) != 3:
                return None
            if order == "DMY":
                day, month, year = numbers
            elif order == "MDY":
                month, day, year = numbers
            else:
                year, month, day = numbers
        if year < 100:
            year += 2000
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse(text: str, shape: dict[str, Any]) -> Any:
    """The value of printed ``text`` read with a learned shape; None when it does not fit the shape."""
    text = squash(text)
    strip = shape.get("strip")
    if strip and text.startswith(strip):
        text = text[len(strip) :].strip()
    if not text:
        return None
    kind = shape.get("kind")
    if kind == "number":
        number = parse_number(text, shape.get("decimal", "."))
        if number is None:
            return None
        return int(number) if shape.get("integer") and number.is_integer() else number
    if kind == "date":
        return parse_date(text, shape.get("order", "DMY"))
    if kind == "digits":
        digits = re.sub(r"\D", "", text)
        return digits or None
    if kind == "country":
        code = country_code(text)
        if code:
            return code
        return text.upper() if re.fullmatch(r"[A-Za-z]{3}", text) else None
    return text


def describe(text: str, value: Any, kind: str) -> dict[str, Any] | None:
    """The shape under which printed ``text`` reads as ``value``, or None when it does not."""
    text = squash(text)
    if not text or value is None:
        return None
    if kind == "number":
        if not isinstance(value, int | float) or isinstance(value, bool):
            return None
        if not re.fullmatch(r"[-(]?(?:[$€£¥]|[A-Z]{3})?\s?[\d\s.,'\u00a0]+\)?\s?(?:[$€£¥]|[A-Z]{3})?-?", text):
            return None  # a number inside other text is not this value's cell
        marks = [
            decimal
            for decimal in (".", ",")
            if (number := parse_number(text, decimal)) is not None
            and math.isclose(number, float(value), rel_tol=1e-9, abs_tol=0.005)
        ]
        if not marks:
            return None
        # both marks read it alike (``45``, ``1.809`` as 1809): the document's other numbers decide
        return {"kind": "number", "decimal": marks[0] if len(marks) == 1 else "?", "integer": isinstance(value, int)}
    if kind == "date":
        for order in ORDERS:
            if parse_date(text, order) == value:
                return {"kind": "date", "order": order}
        return None
    if kind == "digits":
        if len(text.split()) > 4 or re.search(r"[^\d\s.\-]", text):
            return None
        return {"kind": "digits"} if re.sub(r"\D", "", text) == re.sub(r"\D", "", str(value)) else None
    if kind == "country":
        if len(text) <= 3 and not text.isupper():
            return None  # "de", "en": words, not country codes
        if parse(text, {"kind": "country"}) == str(value).upper():
            return {"kind": "country"}
        return None
    return {"kind": "text"} if folded(text) == folded(str(value)) else None

"""What a person's correction means: every correctable field has a type, and a correction is parsed by that type
in the person's locale into the canonical form of the extraction contract (extraction-v1.md, "Normalised values").

``parse_correction(field, raw, locale=..., machine=...)`` is the one function every correction path calls (the
portal form, the API, ``evidence.chain.build.correct``). It returns the canonical value (ISO date text, a JSON
number, a code in its normalised form, stripped text; blank clears the value) or raises ``ValueRefused`` with an
English message template and its values, which the portal and the API translate into the person's language.

Dates: ``YYYY-MM-DD`` in any locale; in Spanish ``DD/MM/YYYY`` (as the portal shows dates: ``05/07/2026`` is 5
July) and ``5 jul 2026``; in English ``MM/DD/YYYY`` (``07/05/2026`` is 5 July) and ``Jul 5, 2026`` (as the portal
shows them). Two-digit years and impossible dates (``31/02/2026``, ``32/13/2023``) are refused.

Numbers read the same in both locales, since people type both conventions: with both ``.`` and ``,`` the last one
is the decimal separator (``1.234,50`` and ``1,234.50`` are 1234.5); a lone ``,`` followed by exactly three
digits groups thousands (``1,234`` is 1234, as the portal shows numbers), any other lone ``,`` is a decimal comma
(``12,5``); a lone ``.`` is a decimal point; a separator that repeats groups thousands and every group after the
first must have three digits.

A figure has at most 14 digits before the decimal point and 10 after it (the chain keeps amounts to that size),
so a typed ``99999999999999999999`` or ``0.000000000001`` is refused instead of becoming infinity or zero.

Money (a line's unit price, its price as quoted, an amount, a total) may be typed with the ``$`` sign or with the
document's own currency code (``12.40 USD`` on a dollar invoice, as the screen shows it): a code other than the
document's is refused, since the figure would be in another currency.

``price_basis``, the number of pieces a price is quoted for, is a whole number from 1 to 1,000,000 typed as the
screen and the paper show it: ``1000``, ``1,000``, ``1.000``, ``1 000``, ``per 1000``, ``/M``, ``1000 pcs``, or the
trade's letters and words (``M``, ``mil``, ``millar``, ``thousand`` are 1000; ``C``, ``ciento``, ``hundred`` 100).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from extractors.entities.normalise import CURRENCY_CODES
from immex.errors import ImmexError
from immex.messages import N_

MAX_TEXT = 2000  # characters of a free-text correction (a description is a few hundred at most)

DATE, DECIMAL, INTEGER, TEXT = "date", "decimal", "integer", "text"
PIECES = "pieces"  # the number of pieces a price is quoted for (price_basis)

MAX_WHOLE_DIGITS = 14  # digits before the decimal point of a figure (the chain stores Numeric(20, 6))
MAX_DECIMALS = 10  # digits after it (a price of one piece quoted per million needs more than six)
MAX_PIECES = 1_000_000
SHOWN_VALUE = 40  # characters of a refused value repeated in the message


# field → type. Header and line fields share names where they mean the same thing. Codes are named by kind.
FIELD_TYPES: dict[str, str] = {
    **dict.fromkeys(
        ("entry_date", "payment_date", "presentation_date", "invoice_date", "issue_date", "shipped_on_board_date"),
        DATE,
    ),
    **dict.fromkeys(
        (
            "exchange_rate",
            "gross_weight_kg",
            "usd_value",
            "customs_value_mxn",
            "commercial_value_mxn",
            "subtotal_amount",
            "total_amount",
            "subtotal",
            "total",
            "cce_usd_exchange_rate",
            "cce_total_usd",
            "umc_quantity",
            "umt_quantity",
            "paid_price_mxn",
            "unit_price",
            "quoted_price",
            "value_added",
            "quantity",
            "amount",
            "customs_quantity",
            "usd_unit_value",
        ),
        DECIMAL,
    ),
    **dict.fromkeys(("partida_count", "sequence", "package_count"), INTEGER),
    "price_basis": PIECES,
    "pedimento_number": "pedimento",
    "tariff_code": "tariff_code",
    "nico": "nico",
    "importer_exporter_rfc": "rfc",
    "issuer_rfc": "rfc",
    "receiver_rfc": "rfc",
    "customs_office": "customs_office",
    "patente": "patente",
    "clave": "clave",
    "cce_pedimento_clave": "clave",
    "operation_type": "operation_type",
    "regimen": "regimen",
    "currency": "currency",
    "uuid": "uuid",
    "cfdi_type": "cfdi_type",
    "umc": "pedimento_unit",
    "umt": "pedimento_unit",
    "customs_unit": "pedimento_unit",
    "unit": "unit",
    "container_number": "container",
    "seller_buyer_country": "country",
    "origin_destination_country": "country",
    "origin_country": "country",
    "receiver_country": "country",
    "bl_kind": "bl_kind",
    "freight_terms": "freight_terms",
}

# code kind → (what to strip, pattern of the canonical form, English rule shown when it does not match)
CODES: dict[str, tuple[str, str, str]] = {
    "pedimento": (r"[\s\-]", r"\d{15}", N_("a pedimento number has 15 digits (for example 26 24 3456 6001234)")),
    "tariff_code": (r"[\s.]", r"\d{8}", N_("a tariff code (fracción) has 8 digits (for example 8471.30.01)")),
    "nico": (r"\s", r"\d{2}", N_("a NICO has 2 digits")),
    "rfc": (r"[\s\-]", r"[A-ZÑ&]{3,4}\d{6}[A-Z0-9]{3}", N_("an RFC is 3 or 4 letters, 6 digits and 3 characters")),
    "customs_office": (r"\s", r"\d{3}", N_("a customs office (aduana and section) has 3 digits (for example 240)")),
    "patente": (r"\s", r"\d{4}", N_("a patente has 4 digits")),
    "clave": (r"\s", r"[A-Z0-9]{2}", N_("a pedimento clave has 2 letters or digits (for example IN, RT, V1)")),
    "operation_type": (r"\s", r"IMP|EXP", N_("the operation is IMP or EXP")),
    "regimen": (r"\s", r"[A-Z]{3}", N_("a regime has 3 letters (for example ITE)")),
    "currency": (r"\s", r"[A-Z]{3}", N_("a currency is an ISO 4217 code (for example USD)")),
    "country": (r"\s", r"[A-Z]{3}", N_("a country is an ISO 3166 three-letter code (for example USA)")),
    "uuid": (
        r"\s",
        r"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}",
        N_("a CFDI UUID has 36 characters"),
    ),
    "cfdi_type": (r"\s", r"[IETNP]", N_("a CFDI type is I, E, T, N or P")),
    "pedimento_unit": (r"\s", r"[1-9]|1\d|2[01]", N_("a pedimento unit is a code of Apéndice 7, 1 to 21 (6 is pieza)")),
    "unit": (r"^\s+|\s+$", r"\S.{0,19}", N_("a unit has at most 20 characters")),
    "container": (r"[\s\-]", r"[A-Z]{4}\d{7}", N_("a container number is 4 letters and 7 digits (ISO 6346)")),
    "bl_kind": (r"\s", r"OCEAN|TRUCK|AIR|RAIL", N_("the kind is ocean, truck, air or rail")),
    "freight_terms": (r"\s", r"PREPAID|COLLECT", N_("freight terms are prepaid or collect")),
}
_LOWER_CODES = ("bl_kind", "freight_terms")
_OPERATION_WORDS = {"1": "IMP", "2": "EXP", "IMPORTACION": "IMP", "IMPORTACIÓN": "IMP"}
_OPERATION_WORDS |= {"EXPORTACION": "EXP", "EXPORTACIÓN": "EXP"}

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "ene enero jan january",
        "feb febrero february",
        "mar marzo march",
        "abr abril apr april",
        "may mayo",
        "jun junio june",
        "jul julio july",
        "ago agosto aug august",
        "sep sept septiembre setiembre september",
        "oct octubre october",
        "nov noviembre november",
        "dic diciembre dec december",
    ),
    1,
):
    MONTHS.update(dict.fromkeys(_names.split(), _number))

DATE_HINT = {
    "es": N_("Write it as DD/MM/YYYY (for example 05/07/2026 for 5 July 2026) or YYYY-MM-DD."),
    "en": N_("Write it as MM/DD/YYYY (for example 07/05/2026 for July 5, 2026), Jul 5, 2026 or YYYY-MM-DD."),
}


# money in the document's currency: typed with the ``$`` sign or the document's currency code
MONEY = frozenset(("unit_price", "quoted_price", "amount", "subtotal_amount", "total_amount", "subtotal", "total"))

# the trade's words for the pieces a price is quoted for (M, the Roman thousand; C, the Roman hundred)
BASIS_WORDS = dict.fromkeys(("M", "K", "MIL", "MILLAR", "MILLARES", "THOUSAND"), 1000)
BASIS_WORDS |= dict.fromkeys(("C", "CIEN", "CIENTO", "CIENTOS", "HUNDRED"), 100)
PIECES_RULE = N_(
    "the pieces a price is quoted for are a whole number from 1 to 1,000,000 (M is a thousand, C a hundred)"
)

MESSAGE_VALUES = ("hint", "rule")  # values that are English messages themselves (translated before filling in)


class ValueRefused(ImmexError):
    """A correction that cannot be read as its field's type; nothing is saved. ``template`` is English with
    ``{name}`` placeholders filled from ``values``; the values named in ``MESSAGE_VALUES`` are English sentences
    too. The portal and the API translate both."""

    code = "bad_value"
    http_status = 400

    def __init__(self, template: str, **values: Any) -> None:
        self.template = template
        shown = values.get("value")
        if isinstance(shown, str) and len(shown) > SHOWN_VALUE:  # an absurdly long typing is named, not echoed
            values["value"] = shown[: SHOWN_VALUE - 1] + "…"
        self.values = values
        super().__init__(template.format(**values))

    def translated(self, translate: Any) -> str:
        """The message through ``translate(message, **values)`` (the web layer's ``_``)."""
        values = {k: translate(v) if k in MESSAGE_VALUES else v for k, v in self.values.items()}
        return str(translate(self.template, **values))


def field_type(field: str, machine: Any = None) -> str:
    """The type of ``field``: from the table, else from the machine value (a number, an ISO date), else text."""
    known = FIELD_TYPES.get(field)
    if known:
        return known
    if isinstance(machine, bool):
        return TEXT
    if isinstance(machine, int):
        return INTEGER
    if isinstance(machine, float | Decimal):
        return DECIMAL
    if isinstance(machine, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", machine):
        return DATE
    return TEXT


def parse_correction(
    field: str, raw: Any, *, locale: str = "es", machine: Any = None, currency: str | None = None
) -> Any:
    """The canonical value of a correction of ``field`` typed by a person in ``locale``; None clears it.
    ``currency`` is the document's (a money figure may be typed with it)."""
    kind = field_type(field, machine)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool) or not isinstance(raw, str | int | float | Decimal):
        raise ValueRefused("Send the value as text or a number.")
    if isinstance(raw, str) and len(raw.strip()) > MAX_TEXT:  # of any type: nothing huge reaches the audit log
        raise ValueRefused(
            "The value is too long ({length} characters; at most {limit}).", length=len(raw.strip()), limit=MAX_TEXT
        )
    if kind == DATE:
        return parse_date(raw, locale).isoformat()
    if kind == PIECES:
        return parse_pieces(raw)
    if kind == DECIMAL:
        if field in MONEY and isinstance(raw, str):
            raw = _without_currency(raw, currency)
        return json_number(_in_range(parse_decimal(raw), raw))
    if kind == INTEGER:
        number = _in_range(parse_decimal(raw), raw)
        if number != number.to_integral_value():
            raise ValueRefused("{value} is not a whole number.", value=str(raw))
        return int(number)
    if kind in CODES:
        return parse_code(kind, str(raw))
    return str(raw).strip()


def json_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() and abs(value) < 2**53 else float(value)


# -- numbers ------------------------------------------------------------------------------------------------------


def _in_range(value: Decimal, raw: Any) -> Decimal:
    """``value`` when it fits a figure of the chain (module docstring); a number from JSON is rounded to the
    decimals kept, a typed one with more is refused (it was mistyped)."""
    shown = str(raw).strip()
    if abs(value) >= Decimal(10) ** MAX_WHOLE_DIGITS:
        raise ValueRefused(
            "{value} is too large: a figure has at most {digits} digits before the decimal point.",
            value=shown,
            digits=MAX_WHOLE_DIGITS,
        )
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_DECIMALS:
        if isinstance(raw, str):
            raise ValueRefused(
                "{value} has too many decimals: a figure has at most {digits} after the decimal point.",
                value=shown,
                digits=MAX_DECIMALS,
            )
        value = value.quantize(Decimal(1).scaleb(-MAX_DECIMALS))
    return value


_CURRENCY_BESIDE = re.compile(r"([A-Za-z]{3})?\s*(.*?)\s*([A-Za-z]{3})?")


def _without_currency(text: str, currency: str | None) -> str:
    """The figure of a money value typed with a currency code (``12.40 USD``, ``USD 12.40``): accepted when the
    code is the document's currency, refused when it is another (or the document's is unknown)."""
    match = _CURRENCY_BESIDE.fullmatch(text.strip())
    if match is None or not (match[1] or match[3]) or (match[1] and match[3]) or not match[2]:
        return text
    code = (match[1] or match[3]).upper()
    if currency and code == currency.strip().upper():
        return match[2]
    if code not in CURRENCY_CODES:  # a word, not a currency (``per 1000``): the figure is not a number
        return text
    if currency:
        raise ValueRefused(
            "{value}: this document is in {currency}; write the figure in {currency}, or correct the currency first.",
            value=text.strip(),
            currency=currency.strip().upper(),
        )
    raise ValueRefused(
        "{value}: write the figure alone; this document's currency is not known (correct its currency field).",
        value=text.strip(),
    )


def parse_pieces(raw: Any) -> int:
    """The number of pieces a price is quoted for (module docstring); raises ``ValueRefused``."""
    shown = str(raw).strip()
    if isinstance(raw, str):
        text = raw.strip().upper()
        text = re.sub(r"^(?:/|PER\b|POR\b|X\b|CADA\b)\s*", "", text)
        text = re.sub(r"(?<=\S)\s*(?:PCS?|PIECES?|PIEZAS?|PZAS?|PZS?|UNITS?|UNIDADES|EA)\.?$", "", text).strip()
        if text in BASIS_WORDS:
            return BASIS_WORDS[text]
        # a count of pieces has no decimals: a separator before three digits groups thousands (1.000, 1 000)
        if re.fullmatch(r"\d{1,3}(?:[ .,'\u00a0\u202f]\d{3})+|\d{1,7}", text):
            number = Decimal(re.sub(r"\D", "", text))
        else:
            raise ValueRefused("{value} is not valid: {rule}.", value=shown, rule=PIECES_RULE)
    else:
        number = parse_decimal(raw)
    if number != number.to_integral_value() or not 1 <= number <= MAX_PIECES:
        raise ValueRefused("{value} is not valid: {rule}.", value=shown, rule=PIECES_RULE)
    return int(number)


def _grouped(digits: str, sep: str) -> bool:
    return re.fullmatch(r"\d{1,3}(?:" + re.escape(sep) + r"\d{3})+", digits) is not None


def parse_decimal(raw: Any) -> Decimal:
    """A number typed in either convention (module docstring); raises ``ValueRefused``."""
    if isinstance(raw, Decimal | int | float) and not isinstance(raw, bool):
        value = Decimal(str(raw))
        if not value.is_finite():
            raise ValueRefused("{value} is not a number.", value=str(raw))
        return value
    text = re.sub(r"[\s\u00a0\u202f']", "", str(raw)).removeprefix("$")
    sign = ""
    if text[:1] in "+-":
        sign, text = text[0].replace("+", ""), text[1:]
    text = text.removeprefix("$")
    number = _normalise_digits(text)
    if number is None:
        raise ValueRefused("{value} is not a number.", value=str(raw).strip())
    try:
        return Decimal(sign + number)
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits and one point
        raise ValueRefused("{value} is not a number.", value=str(raw).strip()) from None


def _normalise_digits(text: str) -> str | None:
    """``text`` (no sign, no spaces) as plain digits with at most one ``.``; None when it is not a number."""
    if not re.fullmatch(r"[\d.,]*\d[\d.,]*", text):
        return None
    commas, points = text.count(","), text.count(".")
    if commas and points:
        decimal_sep = "," if text.rfind(",") > text.rfind(".") else "."
        group_sep = "." if decimal_sep == "," else ","
        whole, _, frac = text.rpartition(decimal_sep)
        if text.count(decimal_sep) != 1 or not frac.isdigit() or not _grouped(whole, group_sep):
            return None
        return whole.replace(group_sep, "") + "." + frac
    sep = "," if commas else "." if points else ""
    if not sep:
        return text
    if text.count(sep) > 1:
        return text.replace(sep, "") if _grouped(text, sep) else None
    whole, _, frac = text.partition(sep)
    if sep == "," and len(frac) == 3 and _grouped(text, ","):
        return whole + frac  # 1,234: thousands, as the portal shows numbers
    if not frac.isdigit():
        return None
    return (whole or "0") + "." + frac


# -- dates --------------------------------------------------------------------------------------------------------


def parse_date(raw: Any, locale: str) -> date:
    """A date typed in ``locale`` (module docstring); raises ``ValueRefused`` naming what is wrong."""
    text = str(raw).strip()
    hint = DATE_HINT["en" if locale == "en" else "es"]
    parts = _date_parts(text, locale)
    if parts is None:
        raise ValueRefused("{value} is not a date. {hint}", value=text, hint=hint)
    year, month, day = parts
    if year < 100:
        raise ValueRefused("{value}: write the year with four digits. {hint}", value=text, hint=hint)
    if not 1 <= month <= 12:
        raise ValueRefused("{value} is not a real date: there is no month {month}.", value=text, month=month)
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueRefused(
            "{value} is not a real date: month {month} of {year} has no day {day}.",
            value=text,
            month=month,
            year=year,
            day=day,
        ) from None


def _date_parts(text: str, locale: str) -> tuple[int, int, int] | None:
    """(year, month, day) as written, not yet checked; None when the text has no date shape."""
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if m:
        return int(m[1]), int(m[2]), int(m[3])
    m = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})", text)
    if m:
        first, second, year = int(m[1]), int(m[2]), int(m[3])
        return (year, first, second) if locale == "en" else (year, second, first)
    words = [w for w in re.split(r"[\s,./\-]+", text.lower()) if w and w != "de" and w != "del"]
    if len(words) != 3:
        return None
    numbers = [w for w in words if w.isdigit()]
    names = [w for w in words if not w.isdigit()]
    if len(numbers) != 2 or len(names) != 1 or names[0] not in MONTHS:
        return None
    day_text, year_text = (numbers[0], numbers[1]) if len(numbers[1]) >= 3 else (numbers[1], numbers[0])
    if len(day_text) > 2:
        return None
    return int(year_text), MONTHS[names[0]], int(day_text)


# -- codes --------------------------------------------------------------------------------------------------------


def parse_code(kind: str, raw: str) -> str:
    strip, pattern, rule = CODES[kind]
    text = re.sub(strip, "", raw.strip()).upper()
    if kind == "operation_type":
        text = _OPERATION_WORDS.get(text, text)
    if kind == "pedimento_unit" and text.isdigit():
        text = str(int(text))
    if not re.fullmatch(pattern, text):
        raise ValueRefused("{value} is not valid: {rule}.", value=raw.strip(), rule=rule)
    return text.lower() if kind in _LOWER_CODES else text

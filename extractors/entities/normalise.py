"""Turn the text of a date, an amount, a currency or a unit into the contract's normalised form."""

from __future__ import annotations

import re
from datetime import date

MONTHS: dict[str, int] = {}
_MONTH_NAMES = {
    1: "enero ene january jan janvier janv januari januar jänner styczeń stycznia sty",
    2: "febrero feb february février fevrier févr fevr februari februar lutego luty lut",
    3: "marzo mar march mars maart märz maerz marca marzec",
    4: "abril abr april apr avril avr kwietnia kwiecień kwi",
    5: "mayo may mai mei maja maj",
    6: "junio jun june juin juni czerwca czerwiec cze",
    7: "julio jul july juillet juil juli lipca lipiec lip",
    8: "agosto ago aug august août aout augustus sierpnia sierpień sie",
    9: "septiembre setiembre sep sept september septembre września wrzesień wrz",
    10: "octubre oct october octobre oktober okt października październik paź",
    11: "noviembre nov november novembre listopada listopad lis",
    12: "diciembre dic dec december décembre decembre dezember dez grudnia grudzień gru",
}
for _number, _names in _MONTH_NAMES.items():
    for _name in _names.split():
        MONTHS[_name] = _number

MONTH_ALTERNATION = "|".join(sorted((re.escape(name) for name in MONTHS), key=len, reverse=True))


def month_number(name: str) -> int | None:
    """1..12 for a month name or abbreviation in Spanish, English, French, Dutch, German or Polish."""
    return MONTHS.get(name.lower().rstrip("."))


def make_date(year: int, month: int, day: int) -> str | None:
    """`YYYY-MM-DD`, or None when the parts are not a real date. Two-digit years: 20YY (19YY past 69)."""
    if year < 100:
        year += 1900 if year > 69 else 2000
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def numeric_date(first: int, second: int, year: int, *, day_first: bool = True) -> tuple[str | None, bool]:
    """Read `first/second/year`; returns the ISO date and whether the day/month order was a guess."""
    if first > 12 and second <= 12:
        return make_date(year, second, first), False
    if second > 12 and first <= 12:
        return make_date(year, first, second), False
    ambiguous = first != second
    if day_first:
        return make_date(year, second, first), ambiguous
    return make_date(year, first, second), ambiguous


def parse_amount(text: str) -> float | None:
    """A JSON number from an amount printed either way: `1,234.56`, `1.234,56`, `1 234,56`, `-12.5`, `(7.00)`.

    With both separators present the last one is the decimal mark. With a single separator followed by exactly
    three digits (`1,234` or `1.234`) it is read as a thousands separator; otherwise it is the decimal mark.
    """
    cleaned = text.strip()
    negative = cleaned.startswith("-") or (cleaned.startswith("(") and cleaned.endswith(")"))
    cleaned = re.sub(r"[^\d.,]", "", cleaned.replace("\u00a0", " ").replace(" ", ""))
    if not cleaned or not any(char.isdigit() for char in cleaned):
        return None
    last_dot, last_comma = cleaned.rfind("."), cleaned.rfind(",")
    if last_dot >= 0 and last_comma >= 0:
        decimal = "." if last_dot > last_comma else ","
        thousands = "," if decimal == "." else "."
        cleaned = cleaned.replace(thousands, "").replace(decimal, ".")
    elif last_dot >= 0 or last_comma >= 0:
        separator = "." if last_dot >= 0 else ","
        parts = cleaned.split(separator)
        if len(parts) > 2 or (len(parts[-1]) == 3 and parts[0] not in ("", "0")):
            cleaned = "".join(parts)
        else:
            cleaned = "".join(parts[:-1]) + "." + parts[-1]
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return -value if negative else value


CURRENCY_CODES = frozenset(
    [
        "MXN",
        "USD",
        "EUR",
        "CAD",
        "JPY",
        "CNY",
        "GBP",
        "KRW",
        "CHF",
        "INR",
        "PLN",
        "BRL",
        "TWD",
        "HKD",
        "SGD",
        "AUD",
        "SEK",
        "NOK",
        "DKK",
        "CZK",
        "HUF",
        "COP",
        "CLP",
        "ARS",
        "PEN",
    ]
)

# Words and symbols that name a currency; values are ISO 4217 codes.
CURRENCY_WORDS: dict[str, str] = {
    "pesos mexicanos": "MXN",
    "peso mexicano": "MXN",
    "moneda nacional": "MXN",
    "m.n.": "MXN",
    "dólares americanos": "USD",
    "dolares americanos": "USD",
    "dólares estadounidenses": "USD",
    "dolares estadounidenses": "USD",
    "dólares": "USD",
    "dolares": "USD",
    "us dollars": "USD",
    "us dollar": "USD",
    "u.s. dollars": "USD",
    "dollars": "USD",
    "us$": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "€": "EUR",
    "£": "GBP",
    "₹": "INR",
    "rs.": "INR",
    "rs": "INR",
    "zł": "PLN",
    "pln": "PLN",
}

INCOTERMS = frozenset(
    [
        "EXW",
        "FCA",
        "FAS",
        "FOB",
        "CFR",
        "CIF",
        "CPT",
        "CIP",
        "DAP",
        "DPU",
        "DDP",
        "DAT",
        "DDU",
        "DAF",
        "DES",
        "DEQ",
    ]
)

# Countries as they are printed on invoices → ISO 3166-1 alpha-3 (only the frequent ones; others stay absent).
COUNTRIES: dict[str, str] = {
    "mexico": "MEX",
    "méxico": "MEX",
    "mx": "MEX",
    "mex": "MEX",
    "usa": "USA",
    "us": "USA",
    "u.s.a.": "USA",
    "united states": "USA",
    "united states of america": "USA",
    "estados unidos": "USA",
    "eua": "USA",
    "eeuu": "USA",
    "canada": "CAN",
    "canadá": "CAN",
    "can": "CAN",
    "china": "CHN",
    "chn": "CHN",
    "cn": "CHN",
    "japan": "JPN",
    "japón": "JPN",
    "jpn": "JPN",
    "korea": "KOR",
    "south korea": "KOR",
    "corea": "KOR",
    "kor": "KOR",
    "taiwan": "TWN",
    "twn": "TWN",
    "germany": "DEU",
    "alemania": "DEU",
    "deutschland": "DEU",
    "deu": "DEU",
    "de": "DEU",
    "france": "FRA",
    "francia": "FRA",
    "fra": "FRA",
    "netherlands": "NLD",
    "nederland": "NLD",
    "países bajos": "NLD",
    "nld": "NLD",
    "nl": "NLD",
    "india": "IND",
    "ind": "IND",
    "italy": "ITA",
    "italia": "ITA",
    "spain": "ESP",
    "españa": "ESP",
    "vietnam": "VNM",
    "viet nam": "VNM",
    "malaysia": "MYS",
    "thailand": "THA",
    "brazil": "BRA",
    "brasil": "BRA",
    "poland": "POL",
    "polska": "POL",
    "united kingdom": "GBR",
    "reino unido": "GBR",
    "zzz": "ZZZ",
}


def country_code(text: str) -> str | None:
    """ISO 3166-1 alpha-3 for a country name or code as printed, or None when unknown."""
    return COUNTRIES.get(re.sub(r"\s+", " ", text.strip().lower()).strip(" .,:;"))

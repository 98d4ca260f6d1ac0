"""Values as invoices print them: references, amounts in either decimal convention with or without a currency
beside them, quantities with their unit, incoterms, currencies, tax ids and countries. Each parser returns the
value and the span of text it came from (``None`` when the text holds none), as ``extractors.layout`` expects."""

from __future__ import annotations

import re
import unicodedata

from extractors import checks
from extractors.entities.normalise import CURRENCY_CODES, INCOTERMS, country_code, parse_amount

_REF_RE = re.compile(r"(?:N[°ºO]\.?\s*|#\s*|NR\.?:?\s*|NO\.?:?\s*)?([A-Z0-9][A-Z0-9/_\-.]*\d[A-Z0-9/_\-.]*)", re.I)
# a figure with thousands groups keeps one separator between them ("127,372 154,225.96" is two figures, a
# quantity and an amount, never one). Two more groupings are read whole: the Indian one, in lakhs and crores
# (``1,23,45,678.90``: the last three digits, then groups of two), and the Swiss one, an apostrophe between
# thousands (``110'598.90``, ``23'889``; a typographic apostrophe too).
_LAKHS = r"-?\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,4})?(?![\d,])"
_APOSTROPHES = r"-?\d{1,3}(?:(?P<apos>['’])\d{3})(?:(?P=apos)\d{3})*(?:[.,]\d{1,4})?(?!\d)"
_AMOUNT_RE = re.compile(
    rf"{_LAKHS}|{_APOSTROPHES}|"
    r"-?\d{1,3}(?:(?P<sep>[,. \u00a0])\d{3}(?:(?P=sep)\d{3})*)?(?:[.,]\d{1,4})|-?\d+(?:[.,]\d{1,4})?"
)


def parse_reference(text: str) -> tuple[str, tuple[int, int]] | None:
    """An invoice number: a token with at least one digit (`INV/2023/03/0008`, `n°562044387`, `# BLR_…`)."""
    for match in _REF_RE.finditer(text):
        value = match.group(1).strip(".-/")
        if _looks_like_date(value) or len(value) < 2:
            continue
        return value.upper() if value.isupper() or value.isdigit() else value, match.span(1)
    return None


def _looks_like_date(value: str) -> bool:
    return bool(re.fullmatch(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{2,4}", value))


_SIGN_BEFORE = re.compile(r"(?:[$€£₹]|\bRS\.?|\b(?:" + "|".join(sorted(CURRENCY_CODES)) + r"))\s?$", re.I)
_SIGN_AFTER = re.compile(r"^\s?(?:[€£zł]|(?:" + "|".join(sorted(CURRENCY_CODES)) + r")\b)", re.I)


def _amounts(text: str) -> list[tuple[float, tuple[int, int], bool]]:
    """(value, span, looks like money) for each number in the text, skipping percentages.

    A number looks like money when it has decimals or a currency sign or code right beside it.
    """
    found = []
    for match in _AMOUNT_RE.finditer(text):
        after = text[match.end() : match.end() + 5]
        if after.lstrip().startswith("%"):
            continue
        value = parse_amount(match.group(0))
        if value is None:
            continue
        before = text[max(0, match.start() - 5) : match.start()]
        money = bool(re.search(r"[.,]\d{1,4}$", match.group(0)))
        money = money or bool(_SIGN_BEFORE.search(before)) or bool(_SIGN_AFTER.match(after))
        found.append((value, match.span(), money))
    return found


def parse_money(text: str) -> tuple[float, tuple[int, int]] | None:
    """The first amount that looks like money (decimals, or a currency sign beside it)."""
    for value, span, money in _amounts(text):
        if money:
            return value, span
    return None


def parse_last_money(text: str) -> tuple[float, tuple[int, int]] | None:
    """The last money amount: on a totals row the total is the rightmost figure."""
    money = [(value, span) for value, span, is_money in _amounts(text) if is_money]
    return money[-1] if money else None


def parse_number(text: str) -> tuple[float, tuple[int, int]] | None:
    found = _amounts(text)
    return (found[0][0], found[0][1]) if found else None


# A figure grouped in thousands by spaces, as French and Canadian usage prints it (``12 345,67``, ``1 495``):
# every group after the first is three digits.
_SPACED_THOUSANDS = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?"


def parse_quantity(text: str) -> tuple[float, tuple[int, int]] | None:
    """A quantity: the number printed right before its unit (`1 PCS`) when there is one, else the first. A scan
    may glue the unit on with a speck read as a stop (`583.00.Units`): the stop is neither's."""
    with_unit = list(re.finditer(rf"({_SPACED_THOUSANDS}|\d[\d.,'’]*\d|\d)[.,]?\s*[A-Za-z]{{1,5}}\.?\s*$", text))
    if with_unit:
        match = with_unit[-1]
        value = parse_amount(match.group(1))
        if value is not None:
            return value, match.span(1)
    return parse_number(text)


def parse_incoterm(text: str) -> tuple[str, tuple[int, int]] | None:
    for match in re.finditer(r"[A-Za-z]{3}", text):
        if match.group(0).upper() in INCOTERMS:
            return match.group(0).upper(), match.span()
    return None


def parse_currency(text: str) -> tuple[str, tuple[int, int]] | None:
    for match in re.finditer(r"[A-Za-z]{3}", text):
        if match.group(0).upper() in CURRENCY_CODES:
            return match.group(0).upper(), match.span()
    return None


# India's GST identification number: the state's two digits, the holder's PAN (five letters, four digits, a
# letter), the entity's number, ``Z`` and a check character (``24SSVCC6095K1ZB``); written as one token (a scan's
# space inside it is none of it)
GSTIN = re.compile(r"\d{2}[A-Z]{5}\d{4}[A-Z][0-9A-Z]Z[0-9A-Z]")
# Switzerland's enterprise number (UID): ``CHE-123.456.789``, and as a VAT number with the tax's name after it
# (``CHE-123.456.789 MWST``, ``… TVA``, ``… IVA``); written in that form (its letters and digits would pass for an
# RFC's), whatever spaces a scan put after its points
SWISS_UID = re.compile(r"(?<![A-Z0-9])CHE[- ]?(\d{3})\.? ?(\d{3})\.? ?(\d{3})(?: ?(MWST|TVA|IVA|VAT)\b)?")
# Brazil's company number: eight digits of the company, four of the branch, two check digits
# (``12.345.678/0001-95``), kept as printed
CNPJ = re.compile(r"(?<![\d./-])\d{2}\.?\d{3}\.?\d{3}/\d{4}-?\d{2}(?![\d/])")


# Spain's NIF as printed: a company's letter, seven digits and its control character, a resident's eight digits
# and a letter, a foreigner's X/Y/Z, seven digits and a letter; often with a hyphen after the letter or before the
# control character (``B-12345674``, ``12345678-Z``), and with ``ES`` before it as an EU VAT number
SPANISH_NIF = re.compile(
    r"(?<![A-Z0-9])(?P<vat>ES[ -]?)?(?P<nif>[ABCDEFGHJKLMNPQRSUVWXYZ][ -]?\d{7}[ -]?[0-9A-J]|"
    r"\d{8}[ -]?[A-Z]|[KLMXYZ][ -]?\d{7}[ -]?[A-Z])(?![A-Z0-9])"
)
# Japan's qualified-invoice issuer number: ``T`` and thirteen digits (``T1234567890123``; some print the digits in
# groups, ``T1-2345-6789-0123``)
JAPAN_REGISTRATION = re.compile(r"(?<![A-Z0-9])T[ -]?(\d(?:[ -]?\d){12})(?![0-9])")


def parse_registration_number(text: str) -> tuple[str, tuple[int, int]] | None:
    """A Japanese qualified-invoice issuer number (``T`` and 13 digits) after a "Registration No." label, compacted;
    nothing else (a company register's number under the same words is no tax id)."""
    match = JAPAN_REGISTRATION.search(text.upper())
    if match is None:
        return None
    return "T" + re.sub(r"\D", "", match.group(1)), match.span()


def parse_spanish_nif(text: str) -> tuple[str, tuple[int, int]] | None:
    """A Spanish NIF after a label that names other things too ("CIF" is an incoterm): the NIF's shape only."""
    return _spanish_nif(text.upper())


def _spanish_nif(upper: str) -> tuple[str, tuple[int, int]] | None:
    """A Spanish NIF (or its VAT form): compacted when its control character holds, else as printed."""
    match = SPANISH_NIF.search(upper)
    if match is None:
        return None
    nif = re.sub(r"[ -]", "", match.group("nif"))
    if checks.spanish_nif_is_valid(nif):
        return ("ES" if match.group("vat") else "") + nif, match.span()
    return match.group(0), match.span()


def parse_tax_id(text: str) -> tuple[str, tuple[int, int]] | None:
    """A tax id with at least five digits; an RFC is compacted, a foreign id (EIN, VAT) kept as printed (a
    Spanish NIF and a Japanese registration number compacted too: their separators are print, not the id's)."""
    upper = re.sub(r"^\W*(?:(?:TAX|FISCAL|ID|NO|NUMBER|EIN|VAT)\b\W*)+", lambda m: " " * len(m.group(0)), text.upper())
    cnpj = CNPJ.search(upper)
    if cnpj is not None:
        return cnpj.group(0), cnpj.span()
    swiss = SWISS_UID.search(upper)
    if swiss is not None:
        number = "CHE-" + ".".join(swiss.group(1, 2, 3))
        return (f"{number} {swiss.group(4)}" if swiss.group(4) else number), swiss.span()
    for shaped in (_spanish_nif(upper), parse_registration_number(upper)):
        if shaped is not None and not any(ch.isdigit() for ch in upper[: shaped[1][0]]):
            return shaped  # the first id printed (an id before it is read as before)
    for match in re.finditer(r"(?<![A-Z&Ñ])[A-Z&Ñ]{0,4}[ \-]?\d[\dA-Z .\-]{3,20}[\dA-Z]", upper):
        value = match.group(0).strip(" .-")
        if sum(ch.isdigit() for ch in value) < 5:
            continue
        parts = value.split(" ")
        while len(parts) > 1 and not any(ch.isdigit() for ch in parts[-1]):
            parts.pop()  # a word after the id is not part of it
        value = " ".join(parts)
        compacted = re.sub(r"[ .\-]", "", value)
        span = (match.start(), match.start() + len(value))
        if checks.rfc_is_valid_format(compacted) or GSTIN.fullmatch(compacted):
            return compacted, span
        return _business_number(value), span
    return None


# Canada's business number: nine digits, a program's two letters and its account's four digits (``123456789
# RT0001``); the account is digits only, so a letter a scan read there is the digit it resembles.
_BUSINESS_NUMBER = re.compile(r"(\d{9}) ?([A-Z]{2})([0-9OIL]{4})")


def _business_number(value: str) -> str:
    match = _BUSINESS_NUMBER.fullmatch(value)
    if match is None:
        return value
    account = match.group(3).translate(str.maketrans("OIL", "011"))
    return f"{match.group(1)} {match.group(2)}{account}"


# what OCR reads for a digit, and for a letter (each character may stand for several)
_AS_DIGIT = {"O": "0", "D": "0", "Q": "0", "I": "1", "L": "1", "S": "58", "B": "8", "Z": "2", "G": "69", "T": "7"}
_AS_DIGIT |= {"A": "4", "E": "8"}
_AS_LETTER = {"0": "O", "1": "I", "5": "S", "8": "B", "2": "Z", "6": "G", "4": "A", "7": "T"}


def rfc_by_check_digit(value: str) -> str | None:
    """A scanned RFC whose layout OCR broke (``PUIS70910L41``: an ``S`` where the date's ``8`` is): the one
    reading with letters where letters go and digits where digits go whose check digit and date hold. None
    when no reading, or more than one, does (a guess the check digit cannot settle is no repair). Thirteen
    characters that give no RFC may be a company's twelve with one stroke read twice (``KRF1I40806PV7``: the
    ``1`` read again as an ``I`` beside it): the readings without that doubled character are tried too."""
    token = checks.compact(value)
    if len(token) not in (12, 13) or checks.rfc_is_valid(token):
        return None
    found = _valid_readings(token)
    if not found and len(token) == 13:
        for index in range(1, len(token)):
            if _same_glyph(token[index - 1], token[index]):
                found |= _valid_readings(token[:index] + token[index + 1 :])
    return found.pop() if len(found) == 1 else None


def _same_glyph(before: str, char: str) -> bool:
    """Whether two neighbouring characters may be one glyph read twice (``1`` and ``I``, ``0`` and ``O``)."""
    return before == char or char in _AS_LETTER.get(before, "") + _AS_DIGIT.get(before, "")


def _valid_readings(token: str) -> set[str]:
    """The readings of a 12- or 13-character token, letters where an RFC's letters go and digits where its
    digits go, whose check digit and date hold (the token itself when it is valid)."""
    if checks.rfc_is_valid(token):
        return {token}
    head = len(token) - 9
    options: list[str] = []
    for index, char in enumerate(token):
        if index < head:
            options.append(char + _AS_LETTER.get(char, "") if char.isdigit() else char)
        elif index < head + 6:
            options.append(char if char.isdigit() else _AS_DIGIT.get(char, ""))
        else:
            options.append(char + (_AS_DIGIT.get(char, "") + _AS_LETTER.get(char, "")))
    if any(not option for option in options) or _readings(options) > 64:
        return set()
    return {reading for reading in _expand(options) if checks.rfc_is_valid(reading) and _rfc_date(reading)}


def _readings(options: list[str]) -> int:
    count = 1
    for option in options:
        count *= len(option)
    return count


def _expand(options: list[str]) -> list[str]:
    readings = [""]
    for option in options:
        readings = [reading + char for reading in readings for char in option]
    return readings


def _rfc_date(rfc: str) -> bool:
    """Whether the six digits after the name's letters are a date (YYMMDD)."""
    digits = rfc[len(rfc) - 9 : len(rfc) - 3]
    month, day = int(digits[2:4]), int(digits[4:6])
    return 1 <= month <= 12 and 1 <= day <= 31


# ISO 3166-1 alpha-2 codes as a country-of-origin column prints them ("JP", "TW"), read only when the cell holds
# the code alone in capitals (as words, "in", "it" or "es" are prose)
ALPHA2 = {
    "JP": "JPN",
    "KR": "KOR",
    "TW": "TWN",
    "VN": "VNM",
    "GB": "GBR",
    "IT": "ITA",
    "ES": "ESP",
    "FR": "FRA",
    "IN": "IND",
    "MY": "MYS",
    "TH": "THA",
    "BR": "BRA",
    "PL": "POL",
    "CA": "CAN",
    "HK": "HKG",
    "SG": "SGP",
    "PH": "PHL",
    "ID": "IDN",
    "CH": "CHE",
}


# Names the entity layer's table lacks, as invoices print them (compared in capitals, without accents or
# punctuation: "TAIWÁN", "Japón", "P.R. China", "Taiwan, R.O.C.")
MORE_COUNTRIES = {
    "TAIWAN": "TWN",
    "TAIWAN ROC": "TWN",
    "ROC": "TWN",
    "JAPON": "JPN",
    "MEXICO": "MEX",
    "CANADA": "CAN",
    "PR CHINA": "CHN",
    "PRC": "CHN",
    "PEOPLES REPUBLIC OF CHINA": "CHN",
    "REPUBLICA POPULAR CHINA": "CHN",
    "HONG KONG": "HKG",
    "COREA DEL SUR": "KOR",
    "REPUBLIC OF KOREA": "KOR",
    "ESTADOS UNIDOS DE AMERICA": "USA",
    "SINGAPORE": "SGP",
    "SINGAPUR": "SGP",
    "TAILANDIA": "THA",
    "MALASIA": "MYS",
    "PHILIPPINES": "PHL",
    "FILIPINAS": "PHL",
    "INDONESIA": "IDN",
    "SWITZERLAND": "CHE",
    "SUIZA": "CHE",
    "AUSTRIA": "AUT",
    "SWEDEN": "SWE",
    "SUECIA": "SWE",
    "BELGIUM": "BEL",
    "BELGICA": "BEL",
    "CZECH REPUBLIC": "CZE",
    "CZECHIA": "CZE",
    "REPUBLICA CHECA": "CZE",
    "TURKEY": "TUR",
    "TURQUIA": "TUR",
    "UK": "GBR",
    "GREAT BRITAIN": "GBR",
    "ALEMANIA": "DEU",
    "ESPANA": "ESP",
    "PAISES BAJOS": "NLD",
    "HOLANDA": "NLD",
    "BRASIL": "BRA",
    "VIETNAM": "VNM",
    # the French names (a Canadian or European maker's bilingual invoice)
    "ETATS UNIS": "USA",
    # the initials with their stops ("U.S.A."), the stops read as spaces
    "U S A": "USA",
    "ETATS UNIS D AMERIQUE": "USA",
    "CHINE": "CHN",
    "ALLEMAGNE": "DEU",
    "COREE": "KOR",
    "COREE DU SUD": "KOR",
    "MEXIQUE": "MEX",
    "ITALIE": "ITA",
    "ESPAGNE": "ESP",
    "ROYAUME UNI": "GBR",
    "SUISSE": "CHE",
    "PAYS BAS": "NLD",
    "INDE": "IND",
    "THAILANDE": "THA",
    "MALAISIE": "MYS",
    "BRESIL": "BRA",
    "SUEDE": "SWE",
    "BELGIQUE": "BEL",
    "AUTRICHE": "AUT",
    "TURQUIE": "TUR",
    "SINGAPOUR": "SGP",
    # the German names (a German, Austrian or Swiss maker's letterhead: "3400 Burgdorf, Schweiz")
    "SCHWEIZ": "CHE",
    "OSTERREICH": "AUT",
    "MEXIKO": "MEX",
    "ITALIEN": "ITA",
    "FRANKREICH": "FRA",
    "NIEDERLANDE": "NLD",
    "SPANIEN": "ESP",
    "POLEN": "POL",
    "TSCHECHIEN": "CZE",
    "SCHWEDEN": "SWE",
    "BELGIEN": "BEL",
    "TURKEI": "TUR",
    "INDIEN": "IND",
    "KANADA": "CAN",
    "SUDKOREA": "KOR",
    "VEREINIGTE STAATEN": "USA",
    "VEREINIGTES KONIGREICH": "GBR",
    "GROSSBRITANNIEN": "GBR",
    "SVIZZERA": "CHE",
    # South Asia's makers of gloves, garments and trims
    "PAKISTAN": "PAK",
    "BANGLADESH": "BGD",
    "SRI LANKA": "LKA",
}


def _plain(text: str) -> str:
    """Capitals without accents, punctuation or repeated spaces."""
    decomposed = unicodedata.normalize("NFKD", text.upper())
    letters = "".join(ch if ch.isalnum() else " " for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(letters.split())


_MORE_COUNTRIES = {name.replace(" ", ""): code for name, code in MORE_COUNTRIES.items()}


def country_name(text: str) -> str | None:
    """ISO 3166-1 alpha-3 of a country named by the whole text (a name or an alpha-3 code), accents or not."""
    plain = _plain(text)
    return country_code(text) or _MORE_COUNTRIES.get(plain.replace(" ", "")) or country_code(plain.lower())


def parse_country(text: str) -> tuple[str, tuple[int, int]] | None:
    code = country_name(text) or ALPHA2.get(text.strip())
    if code:
        return code, (0, len(text))
    for match in re.finditer(r"(?:[^\W\d_]|\.)+(?:\s+[^\W\d_]+){0,3}", text):
        code = country_name(match.group(0))
        if code:
            return code, match.span()
    return None

"""Check digits and format checks for the identifiers on customs documents.

Every function here answers a question; none of them rejects a document. A failed check becomes a warning
for a reviewer (about 1.5% of RFCs in real use fail their own check digit, see docs DOMAIN.md §6).
"""

from __future__ import annotations

import re

_RFC_ALPHABET = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ"
_CURP_ALPHABET = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ"

RFC_RE = re.compile(r"^[A-ZÑ&]{3,4}[0-9]{6}[A-Z0-9]{2}[0-9A]$")
CURP_RE = re.compile(r"^[A-Z]{4}[0-9]{6}[HMX][A-Z]{2}[A-Z]{3}[0-9A-Z][0-9]$")
CONTAINER_RE = re.compile(r"^[A-Z]{3}[UJZR][0-9]{7}$")
PEDIMENTO_RE = re.compile(r"^[0-9]{15}$")
UUID_RE = re.compile(r"^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$")

# Aduana codes known from Anexo 22 Apéndice 1 (DOMAIN.md §6). Not exhaustive: an unknown code is a warning.
KNOWN_ADUANAS = frozenset(
    [
        "01",
        "02",
        "05",
        "06",
        "07",
        "08",
        "11",
        "12",
        "14",
        "16",
        "17",
        "18",
        "19",
        "20",
        "22",
        "23",
        "24",
        "25",
        "26",
        "27",
        "28",
        "30",
        "31",
        "33",
        "34",
        "37",
        "38",
        "39",
        "40",
        "42",
        "43",
        "44",
        "46",
        "47",
        "48",
        "50",
        "51",
        "52",
        "53",
        "64",
        "65",
        "67",
        "73",
        "75",
        "80",
        "81",
        "82",
        "83",
        "84",
        "85",
    ]
)


def compact(value: str) -> str:
    """Upper-case and drop spaces, dashes and dots (how identifiers are compared)."""
    return re.sub(r"[\s\-.]", "", value).upper()


def rfc_check_digit(rfc: str) -> str:
    """The check character an RFC (12 or 13 characters) should end with."""
    body = compact(rfc)[:-1].rjust(12)
    total = 0
    for position, char in enumerate(body):
        index = _RFC_ALPHABET.find(char)
        if index < 0:
            raise ValueError(f"character {char!r} cannot appear in an RFC")
        total += index * (13 - position)
    return "0123456789A"[(11 - total) % 11]


def rfc_is_valid_format(rfc: str) -> bool:
    """12 characters (persona moral) or 13 (persona física) in the RFC's layout."""
    value = compact(rfc)
    return len(value) in (12, 13) and bool(RFC_RE.match(value))


def rfc_is_valid(rfc: str) -> bool:
    """Layout and check digit both correct."""
    value = compact(rfc)
    if not rfc_is_valid_format(value):
        return False
    # Generic RFCs (public in general, foreign residents) have no real check digit.
    if value in GENERIC_RFCS:
        return True
    try:
        return rfc_check_digit(value) == value[-1]
    except ValueError:
        return False


GENERIC_RFCS = frozenset({"XAXX010101000", "XEXX010101000"})


def curp_check_digit(curp: str) -> str:
    """The check digit (last character) of an 18-character CURP."""
    body = compact(curp)[:17]
    total = 0
    for position, char in enumerate(body):
        index = _CURP_ALPHABET.find(char)
        if index < 0:
            raise ValueError(f"character {char!r} cannot appear in a CURP")
        total += index * (18 - position)
    return str((10 - total % 10) % 10)


def curp_is_valid(curp: str) -> bool:
    """Layout and check digit both correct."""
    value = compact(curp)
    if not CURP_RE.match(value):
        return False
    try:
        return curp_check_digit(value) == value[-1]
    except ValueError:
        return False


def _iso6346_value(char: str) -> int:
    if char.isdigit():
        return int(char)
    # A=10 .. Z=38, skipping the multiples of 11 (11, 22, 33).
    value = 10
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        if value % 11 == 0:
            value += 1
        if letter == char:
            return value
        value += 1
    raise ValueError(f"character {char!r} cannot appear in a container number")


def iso6346_check_digit(container: str) -> str:
    """The check digit of an ISO 6346 container number (from its first 10 characters)."""
    body = compact(container)[:10]
    total = sum(_iso6346_value(char) * (2**position) for position, char in enumerate(body))
    return str(total % 11 % 10)


def container_is_valid(container: str) -> bool:
    """Owner code, category, serial and check digit all correct."""
    value = compact(container)
    return bool(CONTAINER_RE.match(value)) and iso6346_check_digit(value) == value[-1]


# how many leading characters a carrier's bill numbers of one series share (its SCAC and the serial's first digits)
SERIES_PREFIX = 8


def same_bill_series(value: str, bill: str) -> bool:
    """Whether a container-shaped number is a bill of the same carrier's series as ``bill`` (a master bill's
    underlying bills, ``TFNR8318385-1`` under ``TFNR8318213``): the same length and the same SCAC and first
    serial digits. A carrier's bill number is its SCAC and a serial, a container's shape."""
    value, bill = compact(value), compact(bill)
    return len(value) == len(bill) and len(bill) > SERIES_PREFIX and value[:SERIES_PREFIX] == bill[:SERIES_PREFIX]


def normalise_pedimento(number: str) -> str | None:
    """Fifteen digits with the separators removed, or None when it is not a pedimento number."""
    digits = re.sub(r"[\s\-]", "", number)
    return digits if PEDIMENTO_RE.match(digits) else None


def format_pedimento(number: str) -> str:
    """The official printed form: two spaces between year, aduana, patente and the 7-digit block."""
    digits = normalise_pedimento(number)
    if digits is None:
        raise ValueError(f"{number!r} is not a 15-digit pedimento number")
    return f"{digits[:2]}  {digits[2:4]}  {digits[4:8]}  {digits[8:]}"


def pedimento_problems(number: str, *, year: int | None = None) -> list[str]:
    """What looks wrong with a pedimento number (there is no check digit; the format rules are all there is).

    ``year`` is the validation year when it is known (e.g. from the document's date): the first two digits and
    the seventh digit should agree with it, except for consolidados and the originals of rectifications.
    """
    digits = normalise_pedimento(number)
    if digits is None:
        return ["a pedimento number has 15 digits"]
    problems: list[str] = []
    if digits[2:4] not in KNOWN_ADUANAS:
        problems.append(f"aduana {digits[2:4]} is not in the list of known customs offices")
    if year is not None:
        if digits[:2] != f"{year % 100:02d}":
            problems.append(f"the number starts with year {digits[:2]} but the document is from {year}")
        if digits[8] != str(year % 10):
            problems.append(f"the 7th-block year digit {digits[8]} does not match {year}")
    elif digits[8] != digits[1]:
        # Without a date the year digit should still match the validation year in the first two digits,
        # unless the pedimento is a consolidado begun the year before.
        previous = str((int(digits[1]) - 1) % 10)
        if digits[8] != previous:
            problems.append(f"the year digit {digits[8]} does not match the validation year 20{digits[:2]}")
    return problems


def uuid_is_valid(value: str) -> bool:
    """36 characters in the RFC 4122 layout (case ignored)."""
    return bool(UUID_RE.match(value.strip().upper()))


# Spain's tax number (NIF). A company's (the former CIF): its form's letter, seven digits and a control character,
# a digit or a letter (``B12345674``, ``Q2826000H``); a resident's: eight digits and a letter (the DNI's); a
# foreigner's (NIE): X, Y or Z, seven digits and a letter. Sources: Orden EHA/451/2008 (the company's letters
# and control character), Real Decreto 1065/2007 art. 18-20 (the NIF's forms).
SPANISH_NIF_RE = re.compile(r"^(?:[ABCDEFGHJNPQRSUVW][0-9]{7}[0-9A-J]|[0-9]{8}[A-Z]|[KLMXYZ][0-9]{7}[A-Z])$")
_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
_CIF_LETTERS = "JABCDEFGHI"


def spanish_nif_is_valid(nif: str) -> bool:
    """Whether a Spanish NIF (compacted, without the ``ES`` of its VAT form) ends in its control character."""
    if not SPANISH_NIF_RE.match(nif):
        return False
    if nif[0].isdigit() or nif[0] in "XYZ":
        number = int(str("XYZ".find(nif[0])) + nif[1:8] if nif[0] in "XYZ" else nif[:8])
        return _DNI_LETTERS[number % 23] == nif[8]
    if nif[0] in "KLM":  # residents without a DNI: the DNI's letter over the seven digits
        return _DNI_LETTERS[int(nif[1:8]) % 23] == nif[8]
    digits = [int(ch) for ch in nif[1:8]]
    even = sum(digits[1::2])
    odd = sum(sum(divmod(2 * d, 10)) for d in digits[0::2])
    control = (10 - (even + odd) % 10) % 10
    return nif[8] in (str(control), _CIF_LETTERS[control])


# Japan's qualified-invoice issuer number: ``T`` and thirteen digits, the first a check digit over the other twelve
# (a company's corporate number; the National Tax Agency's rule: nine less the sum of the digits, counted from the
# right, times one at odd places and two at even ones, modulo nine)
JAPAN_REGISTRATION_RE = re.compile(r"^T[0-9]{13}$")


def japan_registration_is_valid(number: str) -> bool:
    """Whether a qualified-invoice registration number (``T`` and 13 digits) passes its check digit."""
    if not JAPAN_REGISTRATION_RE.match(number):
        return False
    base = number[2:][::-1]
    total = sum(int(ch) * (1 if k % 2 == 0 else 2) for k, ch in enumerate(base))
    return int(number[1]) == 9 - total % 9

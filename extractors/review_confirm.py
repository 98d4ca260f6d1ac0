"""Values OCR doubted that the document itself confirms: their doubt is no reason for review.

A scan's word confidence says OCR hesitated, not that it erred; a clerk sent every hesitation learns to ignore
review. Where an independent fact vouches for the reading, the cell's confidence is raised to ``CONFIRMED``:
- a tax id (RFC) whose check digit holds, read exactly as printed (or with OCR's lookalike letters in its date
  put back to the digits that alone stand there);
- a line's quantity × unit price = amount to the cent (three readings that a one-character slip would break), and
  so a CFDI mercancía's customs quantity × unit value in dollars = its value in dollars;
- a description or catalogue code (unit, product key, fracción) another line reads surely, word for word;
- a line's part number printed whole twice for it (a CFDI's concepto and its mercancía);
- a unit price the reader took from elsewhere on the line that the page prints and that the line's arithmetic
  gives to the cent; a CFDI mercancía's customs quantity that its concepto's quantity, read surely, repeats;
- a tax id put right from OCR's lookalike characters in its date and homoclave that is the only such reading
  whose check digit holds; a date that another date of the document, read surely at its own label, repeats;
- a partida's value added read as a lone round letter (``o``): only the zero looks so; a régimen that the clave
  and the operation fix (IN on an import is ITE);
- lines' packages or weights that add up to the total the document prints apart;
- a folio fiscal printed twice on the page (header and stamp chain) and read the same in both places (OCR's
  lookalike letters taken for the hexadecimal digits they stand for);
- a CFDI's type that the page names in words (``INGRESO``), naming no other type, or prints as the I's one
  stroke after its label; an issue date the stamp's certification date repeats; a concepto's quantity that its
  mercancía repeats and that gives its amount;
- a pedimento's operation that its dates confirm (an import's entry date, an export's presentation date);
- a partida's UMT that another partida of the same fracción reads surely (the tariff fixes one per fracción);
- a company name whose only doubtful words are those of its legal form (``S. DE R.L. DE C.V.``), a closed
  wording that the whole form's shape vouches for.

Only values read as printed are confirmed: a value a reader rebuilt or repaired keeps the low confidence its
reader gave it on purpose, unless the page prints it twice and both copies agree (a folio fiscal, a concepto's
quantity that its mercancía repeats).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from extractors import checks
from extractors.result import ResultBuilder
from extractors.review_forms import DATE_OF_OPERATION, printed_dates
from extractors.review_slips import LEGAL_FORM
from extractors.text import PageText

# The confidence of a value an independent fact confirms (as the readers' own confirmations: check digit,
# the form's arithmetic): above the review threshold.
CONFIRMED = 0.9
# Line cells whose product is the amount, per family.
ARITHMETIC: dict[str, tuple[str, str, str]] = {
    "commercial_invoice": ("quantity", "unit_price", "amount"),
    "cfdi": ("quantity", "unit_price", "amount"),
}
# A CFDI mercancía's (Comercio Exterior) own product: customs quantity × unit value in dollars = value in dollars.
MERCANCIA_ARITHMETIC = ("customs_quantity", "usd_unit_value", "usd_value")
# Header fields that hold a tax id (RFC), and identifiers a document may print twice (a CFDI's folio fiscal in its
# header and in the stamp's chain).
TAX_ID = re.compile(r".*_(?:rfc|tax_id)")
TWICE_PRINTED = ("uuid",)


def _digits(text: str) -> str:
    """A figure's significant digits: how a printed figure and the number read from it are compared."""
    return re.sub(r"\D", "", text).strip("0")


def _as_printed(cell: dict[str, Any]) -> bool:
    """Whether the value is what the page printed (not rebuilt by a reader): its raw text says the same."""
    value, raw = cell.get("value"), cell.get("raw")
    if raw is None or value is None:
        return False
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _digits(f"{float(value):.6f}") == _digits(str(raw))
    return checks.compact(str(value)) == checks.compact(str(raw))


def _raise(cells: dict[str, Any], key: str) -> None:
    """Put in a copy of the cell at ``CONFIRMED`` (a cell may be shared with the reading it came from)."""
    cell = cells.get(key)
    if cell is not None and float(cell.get("confidence") or 0.0) < CONFIRMED and _as_printed(cell):
        cells[key] = {**cell, "confidence": CONFIRMED}


def confirm_readings(doc_type: str, builder: ResultBuilder, page_lines: list[str] | None = None) -> None:
    """Raise the confidence of the values the document confirms (see the module's docstring)."""
    _tax_ids(builder)
    _arithmetic(doc_type, builder)
    _descriptions_repeated(builder)
    _line_totals(doc_type, builder)
    if page_lines is not None:
        _printed_twice(builder, "\n".join(page_lines))
        _part_numbers_twice(builder, page_lines)
        _prices_given(doc_type, builder, page_lines)
        if doc_type == "cfdi":
            _type_named(builder, "\n".join(page_lines))
            _type_stroke(builder, page_lines)
        if doc_type == "pedimento":
            _operation_dated(builder, page_lines)
    if doc_type == "cfdi":
        _issued_when_stamped(builder)
        _quantities_twice(builder)
        _customs_quantities(builder)
    if doc_type == "pedimento":
        _tariff_units(builder)
        _lone_zeros(builder)
        _partida_products(builder)
        _regimen_by_clave(builder)
    _dates_agree(builder)


def _tax_ids(builder: ResultBuilder) -> None:
    for name, cell in list(builder.fields.items()):
        value = str(cell.get("value") or "")
        if TAX_ID.fullmatch(name) and value not in checks.GENERIC_RFCS and checks.rfc_is_valid(value):
            _raise(builder.fields, name)
            raw = str(cell.get("raw") or "")
            repaired = _date_repaired(value, raw) or _only_reading(value, raw)
            if repaired and float(cell.get("confidence") or 0) < CONFIRMED:
                builder.fields[name] = {**cell, "confidence": CONFIRMED}


# Characters OCR confuses in an RFC's homoclave and name (both ways): each a lookalike of the others in its group.
_LOOKALIKE_GROUPS = ("0OQD", "1IL", "2Z", "5S", "6G", "8B")
_LOOKALIKES = {ch: group for group in _LOOKALIKE_GROUPS for ch in group}


def _only_reading(value: str, raw: str) -> bool:
    """Whether an RFC the reader put right from OCR's lookalike characters in its date and homoclave
    (``VUVO50114613`` for ``VUV0501146I3``) is the only reading of the printed characters, each taken as itself
    or a lookalike, that has the RFC's layout and a check digit that holds: the check digit then picks it.
    A raw with many doubtful characters offers too many readings to weigh; none is confirmed then."""
    raw = checks.compact(raw)
    if len(raw) != len(value) or raw == value or len(value) not in (12, 13):
        return False
    if any(a != b and _LOOKALIKES.get(a, a) != _LOOKALIKES.get(b, b) for a, b in zip(raw, value, strict=True)):
        return False
    name = len(value) - 9  # the name's letters: put right there, the reader's doubt stays (a clerk compares them)
    if raw[:name] != value[:name]:
        return False
    choices = [ch if k < name else _LOOKALIKES.get(ch, ch) for k, ch in enumerate(raw)]
    if sum(len(options) > 1 for options in choices) > 8:
        return False
    readings = [""]
    for options in choices:
        readings = [head + ch for head in readings for ch in options]
    valid = {reading for reading in readings if checks.rfc_is_valid(reading) and reading not in checks.GENERIC_RFCS}
    return valid == {value}


def _partida_products(builder: ResultBuilder) -> None:
    """A partida's precio pagado OCR doubted (or the reader put right from a misread digit) that its precio
    unitario × cantidad UMC, both read surely, gives within the unit price's rounding (five decimals, Anexo 22:
    precio pagado / cantidad UMC): the form's own arithmetic fixes the figure, to the peso and below."""
    for line in builder.lines:
        cell = line.get("paid_price_mxn")
        unit, quantity, paid = (_number(line.get(key)) for key in ("unit_price", "umc_quantity", "paid_price_mxn"))
        if cell is None or unit is None or quantity is None or paid is None or not unit or not quantity:
            continue
        if float(cell.get("confidence") or 0.0) >= DOUBT:
            continue
        if any(float((line.get(key) or {}).get("confidence") or 0.0) < DOUBT for key in ("unit_price", "umc_quantity")):
            continue
        if abs(unit * quantity - paid) <= 0.000005 * quantity + 0.005:
            line["paid_price_mxn"] = {**cell, "confidence": CONFIRMED}


# The régimen a clave de pedimento fixes, by operation (Anexo 22, Apéndices 2 and 16): an IMMEX temporary import
# (IN) is ITE; a definitive import or export (A1) is IMD or EXD.
REGIMEN_OF_CLAVE: dict[tuple[str, str], str] = {("IN", "IMP"): "ITE", ("A1", "IMP"): "IMD", ("A1", "EXP"): "EXD"}


def _regimen_by_clave(builder: ResultBuilder) -> None:
    """A régimen OCR doubted that the clave and the operation, both read surely, fix: two readings agree."""
    cell = builder.fields.get("regimen")
    clave, operation = builder.fields.get("clave"), builder.fields.get("operation_type")
    if cell is None or clave is None or operation is None or float(cell.get("confidence") or 0.0) >= CONFIRMED:
        return
    if min(float(clave.get("confidence") or 0.0), float(operation.get("confidence") or 0.0)) < DOUBT:
        return
    expected = REGIMEN_OF_CLAVE.get((str(clave.get("value")), str(operation.get("value"))))
    if expected is not None and cell.get("value") == expected:
        _raise(builder.fields, "regimen")


_ZERO_LOOKALIKES = frozenset({"0", "O", "o", "Q", "D"})


def _lone_zeros(builder: ResultBuilder) -> None:
    """A partida's value added read as a lone zero that OCR printed as its lookalike letter (``o``): a value added
    in pesos is none or a figure of several digits, and one round character can only be the zero."""
    for line in builder.lines:
        cell = line.get("value_added")
        if cell is None or cell.get("value") != 0 or float(cell.get("confidence") or 0.0) >= CONFIRMED:
            continue
        if str(cell.get("raw") or "").strip() in _ZERO_LOOKALIKES:
            line["value_added"] = {**cell, "confidence": CONFIRMED}


def _dates_agree(builder: ResultBuilder) -> None:
    """A date OCR doubted that another date of the document, read surely at its own label, repeats (a pedimento's
    presentation and payment on one day, a B/L issued the day it was shipped on board): two readings of the same
    date in two places agree, and a misread date would have to slip into exactly the other one."""
    dates = {name: cell for name, cell in builder.fields.items() if name.endswith("_date") and cell.get("value")}
    for name, cell in dates.items():
        if float(cell.get("confidence") or 0.0) >= DOUBT or not _date_as_printed(cell):
            continue
        if any(
            other != name
            and float(sure.get("confidence") or 0.0) >= DOUBT
            and sure.get("value") == cell.get("value")
            and (sure.get("bbox") is None or sure.get("bbox") != cell.get("bbox"))
            and _date_as_printed(sure)
            for other, sure in dates.items()
        ):
            builder.fields[name] = {**cell, "confidence": CONFIRMED}


def _date_as_printed(cell: dict[str, Any]) -> bool:
    """Whether an ISO date read is the date its raw text prints (day, month and year digits all there)."""
    value, raw = str(cell.get("value") or ""), str(cell.get("raw") or "")
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if match is None or not raw:
        return False
    year, month, day = match.groups()
    digits = re.sub(r"\D", "", raw)
    return year in digits and (day + month in digits or month + day in digits or day.lstrip("0") in raw)


def _date_repaired(value: str, raw: str) -> bool:
    """Whether an RFC was read as printed but for letters OCR put in its date, where only digits stand (``ZOVO80214``
    for ``ZOV080214``): the reader's repair is the only reading the RFC's shape allows, and its check digit holds."""
    raw = checks.compact(raw)
    if len(raw) != len(value) or len(value) not in (12, 13) or raw == value:
        return False
    start = len(value) - 9  # the six digits of the date follow the three or four letters of the name
    date = range(start, start + 6)
    pairs = enumerate(zip(raw, value, strict=True))
    return all(a == b or (k in date and a.translate(_LOOKALIKE_DIGITS) == b) for k, (a, b) in pairs)


def _number(cell: dict[str, Any] | None) -> float | None:
    value = None if cell is None else cell.get("value")
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _arithmetic(doc_type: str, builder: ResultBuilder) -> None:
    rules = [ARITHMETIC[doc_type]] if doc_type in ARITHMETIC else []
    if doc_type == "cfdi":
        rules.append(MERCANCIA_ARITHMETIC)
    for keys in rules:
        for line in builder.lines:
            quantity, price, amount = (_number(line.get(key)) for key in keys)
            if quantity is None or price is None or amount is None or not quantity or not amount:
                continue
            # exactly to the cent (a price printed rounded, whose product only comes near the amount, confirms
            # nothing: a digit slipped in the quantity might hide in its rounding)
            if abs(round(quantity * price, 2) - amount) < 0.005:
                for key in keys:
                    _raise(line, key)


# Line cells whose sum over the lines the document prints as a header total, per family, and the rounding allowed.
LINE_TOTALS: dict[str, tuple[tuple[str, str, float], ...]] = {
    "bill_of_lading": (("package_count", "package_count", 0.0), ("gross_weight_kg", "gross_weight_kg", 0.05)),
}


def _line_totals(doc_type: str, builder: ResultBuilder) -> None:
    """Lines whose counts or weights add up to the total the document prints apart (read surely, as printed):
    every line's figure is confirmed by the sum (a misread digit in one would break it)."""
    for line_key, total_key, rounding in LINE_TOTALS.get(doc_type, ()):
        total = builder.fields.get(total_key)
        figures = [_number(line.get(line_key)) for line in builder.lines]
        if total is None or len(figures) < 2 or any(figure is None for figure in figures):
            continue
        if float(total.get("confidence") or 0.0) < DOUBT or not _as_printed(total):
            continue
        value = _number(total)
        if value is not None and abs(sum(figure or 0.0 for figure in figures) - value) <= rounding + 1e-6:
            for line in builder.lines:
                _raise(line, line_key)


# Line cells a document may print alike on several lines: the goods' words, and codes of a catalogue (a unit of
# measure, a CFDI's product key and customs unit, a fracción).
REPEATED_CELLS = ("description", "unit", "product_key", "customs_unit", "tariff_code")


def _descriptions_repeated(builder: ResultBuilder) -> None:
    """A description or code OCR doubted that another line reads surely, character for character: the same goods
    or unit listed twice, whose two readings agree (a misreading would have to spell the other line's exactly)."""
    for key in REPEATED_CELLS:
        sure = {
            " ".join(str(line[key].get("value")).split())
            for line in builder.lines
            if line.get(key) and float(line[key].get("confidence") or 0.0) >= DOUBT
        }
        for line in builder.lines:
            cell = line.get(key)
            if cell is not None and " ".join(str(cell.get("value")).split()) in sure:
                _raise(line, key)


def _customs_quantities(builder: ResultBuilder) -> None:
    """A CFDI mercancía's customs quantity OCR doubted that its concepto's quantity, read surely in its own row,
    repeats: the same figure printed twice (its own print read with a lookalike mark, ``4.414.000`` for
    ``4,414.000``, still gives its digits)."""
    for line in builder.lines:
        customs, quantity = line.get("customs_quantity"), line.get("quantity")
        if customs is None or quantity is None or float(customs.get("confidence") or 0.0) >= CONFIRMED:
            continue
        value = _number(customs)
        if value is None or value != _number(quantity) or float(quantity.get("confidence") or 0.0) < DOUBT:
            continue
        if _digits(f"{value:.6f}") == _digits(str(customs.get("raw") or "")):
            line["customs_quantity"] = {**customs, "confidence": CONFIRMED}


# Letters OCR reads for the digits they look like; a folio fiscal is hexadecimal, so none of them is its own.
_LOOKALIKE_DIGITS = str.maketrans("OQILSZG", "0011526")


def _printed_twice(builder: ResultBuilder, text: str) -> None:
    """A hexadecimal identifier read the same in two places of the page (the second copy's letters that are no
    hexadecimal digit taken as the digits they look like: the stamp's chain is small print)."""
    squeezed = checks.compact(text).translate(_LOOKALIKE_DIGITS)
    for name in TWICE_PRINTED:
        cell = builder.fields.get(name)
        value = checks.compact(str(cell.get("value") or "")) if cell else ""
        if cell is not None and len(value) >= 32 and squeezed.count(value) >= 2:
            # two copies that agree vouch for the value even where the reader put OCR's lookalike letters back
            # to the hexadecimal digits they stand for (no other reading of them is a hexadecimal digit)
            raw = checks.compact(str(cell.get("raw") or "")).translate(_LOOKALIKE_DIGITS)
            if raw == value and float(cell.get("confidence") or 0.0) < CONFIRMED:
                builder.fields[name] = {**cell, "confidence": CONFIRMED}


_PART_TOKEN = re.compile(r"[^\s|]+")


def _part_numbers_twice(builder: ResultBuilder, page_lines: list[str]) -> None:
    """A line's part number OCR doubted that the page prints, whole, in two places for that line (a CFDI's
    concepto prints it as its NoIdentificacion and its Comercio Exterior mercancía again): two copies read
    alike vouch for each other (a misreading would have to slip the same way twice). A number that several
    lines share must be printed twice as often; a short or letters-only token is no identifier."""
    tokens: dict[str, int] = {}
    for text in page_lines:
        for token in _PART_TOKEN.findall(text):
            key = token.strip(".,;:()\"'“”").lstrip("-").upper()
            tokens[key] = tokens.get(key, 0) + 1
    values = [str((line.get("part_number") or {}).get("value") or "").upper() for line in builder.lines]
    for line, value in zip(builder.lines, values, strict=True):
        cell = line.get("part_number")
        if cell is None or len(value) < 5 or not any(ch.isdigit() for ch in value):
            continue
        if float(cell.get("confidence") or 0.0) >= CONFIRMED or not _as_printed(cell):
            continue
        if tokens.get(value, 0) >= 2 * values.count(value):
            line["part_number"] = {**cell, "confidence": CONFIRMED}


def _prices_given(doc_type: str, builder: ResultBuilder, page_lines: list[str]) -> None:
    """A unit price the reader took from elsewhere on the line (not read at its own place: a CFDI concepto's
    price from its mercancía's unit value, say) that the page prints, and that times the line's quantity gives its
    amount to the cent, both read surely as printed: the form's own arithmetic vouches for it."""
    keys = ARITHMETIC.get(doc_type)
    if keys is None:
        return
    figures = {_digits(figure) for text in page_lines for figure in re.findall(r"\d[\d,.]*\d|\d", text)}
    quantity_key, price_key, amount_key = keys
    for line in builder.lines:
        cell = line.get(price_key)
        quantity, price, amount = (_number(line.get(key)) for key in keys)
        if cell is None or cell.get("raw") is not None or quantity is None or price is None or amount is None:
            continue
        if not quantity or float(cell.get("confidence") or 0.0) >= CONFIRMED:
            continue
        sure = all(
            float(line[key].get("confidence") or 0.0) >= DOUBT and _as_printed(line[key])
            for key in (quantity_key, amount_key)
        )
        printed = _digits(f"{price:.6f}") in figures
        if sure and printed and abs(round(quantity * price, 2) - amount) < 0.005:
            line[price_key] = {**cell, "confidence": CONFIRMED}


# A CFDI's type (c_TipoDeComprobante) and the word a printout names it by.
TYPE_WORDS = {"I": "INGRESO", "E": "EGRESO", "T": "TRASLADO", "N": "NOMINA"}
_TYPE_WORD = re.compile(r"\b(INGRESO|EGRESO|TRASLADO|N[OÓ]MINA)\b")


def _type_named(builder: ResultBuilder, text: str) -> None:
    """A CFDI type the reader inferred (from a positive total, say) that the page names in words ("CFDI 4.0 ·
    INGRESO"), with no word of another type anywhere: the printout says which it is."""
    cell = builder.fields.get("cfdi_type")
    word = TYPE_WORDS.get(str(cell.get("value") or "")) if cell else None
    if cell is None or word is None or float(cell.get("confidence") or 0.0) >= CONFIRMED:
        return
    named = {found.replace("Ó", "O") for found in _TYPE_WORD.findall(text.upper())}
    if named == {word}:
        builder.fields["cfdi_type"] = {**cell, "confidence": CONFIRMED}


# The type's key under its label, printed as the I's one upright stroke that OCR reads as a bar, a one, a small l
# or an exclamation mark (no other key, E T N P, is one stroke), alone after the label and its colon.
_TYPE_STROKE = re.compile(
    r"(?:^|\s)(?:TIPO\s+DE\s+)?COMPROBANTE\s*:\s*[|1lI!]\s*$|(?:^|\s)TIPO\s+DE\s+CFDI\s*:\s*[|1lI!]\s*$",
    re.IGNORECASE,
)


def _type_stroke(builder: ResultBuilder, page_lines: list[str]) -> None:
    """A CFDI type I (inferred by the reader) whose label the page prints with one stroke after it."""
    cell = builder.fields.get("cfdi_type")
    if cell is None or cell.get("value") != "I" or float(cell.get("confidence") or 0.0) >= CONFIRMED:
        return
    if any(_TYPE_STROKE.search(line) for line in page_lines):
        builder.fields["cfdi_type"] = {**cell, "confidence": CONFIRMED}


def _issued_when_stamped(builder: ResultBuilder) -> None:
    """An issue date OCR doubted that the stamp's certification date, read elsewhere on the page, repeats: a CFDI
    is stamped within hours of its issue, and two readings of one date in two places agree."""
    issued, stamped = builder.fields.get("issue_date"), builder.fields.get("stamp_date")
    if issued is None or stamped is None or float(stamped.get("confidence") or 0.0) < DOUBT:
        return
    raw = str(issued.get("raw") or "")
    same = issued.get("value") == stamped.get("value") and raw.startswith(str(issued.get("value")))
    if same and float(issued.get("confidence") or 0.0) < CONFIRMED:
        builder.fields["issue_date"] = {**issued, "confidence": CONFIRMED}


def _quantities_twice(builder: ResultBuilder) -> None:
    """A concepto's quantity that its mercancía repeats in the same unit (Comercio Exterior), read surely there,
    and that gives the concepto's amount at its unit price to the cent: the quantity is confirmed twice, even
    where the concepto's own print of it was misread and put right by the reader."""
    for line in builder.lines:
        quantity, customs = line.get("quantity"), line.get("customs_quantity")
        price, amount = _number(line.get("unit_price")), _number(line.get("amount"))
        if quantity is None or customs is None or price is None or amount is None:
            continue
        value = _number(quantity)
        if value is None or value != _number(customs) or float(customs.get("confidence") or 0.0) < DOUBT:
            continue
        if abs(round(value * price, 2) - amount) < 0.005 and float(quantity.get("confidence") or 0.0) < CONFIRMED:
            line["quantity"] = {**quantity, "confidence": CONFIRMED}


def _tariff_units(builder: ResultBuilder) -> None:
    """A partida's UMT OCR doubted that another partida of the same fracción gives surely: the tariff fixes one
    unit of measure per fracción (TIGIE), so two partidas of one fracción that read the same unit agree."""
    sure: dict[str, set[str]] = {}
    for line in builder.lines:
        tariff, unit = (str((line.get(key) or {}).get("value") or "") for key in ("tariff_code", "umt"))
        if tariff and unit and float(line["umt"].get("confidence") or 0.0) >= DOUBT:
            sure.setdefault(tariff, set()).add(unit)
    for line in builder.lines:
        tariff, unit = (str((line.get(key) or {}).get("value") or "") for key in ("tariff_code", "umt"))
        if unit and sure.get(tariff) == {unit}:
            _raise(line, "umt")


def _operation_dated(builder: ResultBuilder, page_lines: list[str]) -> None:
    """A pedimento's operation OCR doubted that its dates confirm: an import prints its entry date (``ENTRADA``)
    and no presentation date, an export its presentation date and no entry date (Anexo 22, FECHAS)."""
    cell = builder.fields.get("operation_type")
    value = str(cell.get("value") or "") if cell else ""
    if cell is None or value not in DATE_OF_OPERATION or float(cell.get("confidence") or 0.0) >= CONFIRMED:
        return
    if re.sub(r"[^A-Z]", "", str(cell.get("raw") or "").upper()) != value:
        return  # rebuilt by the reader, not read as printed
    own, other = DATE_OF_OPERATION[value]
    if printed_dates(own, page_lines) and not printed_dates(other, page_lines):
        builder.fields["operation_type"] = {**cell, "confidence": CONFIRMED}


# OCR's doubt about a word below this is what sends a reading to review (the pipeline's review threshold).
DOUBT = 0.7
_TOKEN = re.compile(r"[A-Z0-9&]+")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.upper())


def _inside(word: object, bbox: Sequence[float]) -> bool:
    x0, top, x1, bottom = (float(getattr(word, key)) for key in ("x0", "top", "x1", "bottom"))
    return x0 >= bbox[0] - 1 and x1 <= bbox[2] + 1 and top >= bbox[1] - 1 and bottom <= bbox[3] + 1


def confirm_legal_forms(builder: ResultBuilder, pages: Sequence[PageText]) -> None:
    """A name OCR doubted only in the words of its legal form keeps the confidence its other words give it: the
    form is a closed wording (``S.A. DE C.V.``) whose whole shape, read at the name's end, vouches for them."""
    by_number = {page.number: page for page in pages}
    for name, cell in list(builder.fields.items()):
        value, bbox, page = str(cell.get("value") or ""), cell.get("bbox"), by_number.get(cell.get("page") or 0)
        form = LEGAL_FORM.search(value)
        if not name.endswith("_name") or form is None or page is None or not bbox or not _as_printed(cell):
            continue
        words = [word for word in page.words if _inside(word, bbox)]
        if not words or float(cell["confidence"]) >= DOUBT:
            continue
        form_tokens = set(_tokens(form.group()))
        in_form = [bool(_tokens(word.text)) and set(_tokens(word.text)) <= form_tokens for word in words]
        if not all(inside for word, inside in zip(words, in_form, strict=True) if word.confidence < DOUBT):
            continue
        lowest = min(word.confidence for word in words)
        if lowest <= 0:  # a word OCR gave no confidence at all: nothing to weigh the reader's certainty by
            continue
        # the reader's own certainty (what it multiplied OCR's doubt by) stays; only the form's words' doubt goes
        certainty = float(cell["confidence"]) / lowest
        sure = min((word.confidence for word, inside in zip(words, in_form, strict=True) if not inside), default=1.0)
        confidence = round(max(float(cell["confidence"]), min(CONFIRMED, certainty * sure)), 4)
        builder.fields[name] = {**cell, "confidence": confidence}

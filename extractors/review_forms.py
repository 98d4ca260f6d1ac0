"""Review checks by the form's own rules, across fields and against the printed page:
- a pedimento's dates: an import has an entry date, an export a presentation date (Anexo 22, FECHAS); a date the
  page prints right after its own label (``PAGO 14/02/2025``) is the one read, and so are the header's figures
  printed after their labels and a colon (``PESO BRUTO: 11,970.098``);
- a bill of lading's weights printed in kilograms and pounds side by side: the weight read in kilograms is the
  kilograms' figure, not the pounds' figure converted again;
- an invoice's party tax id printed under the party's name, after its label (``GSTIN:``, ``VAT No.:``,
  ``RFC:``), that was not read; the seller's name read where the page prints it over the buyer's tax id (the
  buyer's block taken for the seller's).
Each failure is a warning with a code that sends the document to review.
"""

from __future__ import annotations

import re
from typing import Any

from extractors.bl_units import LB_PER_KG
from extractors.layout import norm
from extractors.layout.values import parse_date
from extractors.result import ResultBuilder, register_review_codes

REVIEW_CODES = ("value_mismatch", "unread_value", "missing_key_fields")
register_review_codes(*REVIEW_CODES)

# Anexo 22 (FECHAS, Apéndice 12): the date an operation has and the one it cannot have.
DATE_OF_OPERATION: dict[str, tuple[str, str]] = {
    "IMP": ("entry_date", "presentation_date"),
    "EXP": ("presentation_date", "entry_date"),
}
# The labels of a pedimento's dates in its FECHAS block (a date follows on the same line).
DATE_LABELS: dict[str, tuple[str, ...]] = {
    "entry_date": ("ENTRADA", "FECHA DE ENTRADA", "FECHA ENTRADA"),
    "payment_date": ("PAGO", "FECHA DE PAGO", "FECHA PAGO"),
    "presentation_date": ("PRESENTACION", "FECHA DE PRESENTACION", "FECHA PRESENTACION"),
}
# The labels of a pedimento's header figures, printed with a colon and the figure after them (Anexo 22, fields
# 6, 7, 12 and 13).
FIGURE_LABELS: dict[str, tuple[str, ...]] = {
    "exchange_rate": ("TIPO CAMBIO", "TIPO DE CAMBIO"),
    "gross_weight_kg": ("PESO BRUTO", "PESO BRUTO (KG)", "PESO BRUTO KG", "PESO BRUTO KGS"),
    "usd_value": ("VALOR DOLARES", "VALOR EN DOLARES"),
    "customs_value_mxn": ("VALOR ADUANA", "VALOR EN ADUANA"),
}
_DATE_TEXT = r"(\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}|\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2})"

# Labels of a party's tax id, as invoices of many countries print them before it.
TAX_ID_LABELS = (
    "RFC",
    "R.F.C.",
    "TAX ID",
    "TAX NO",
    "TAX NUMBER",
    "TAX REG",
    "TIN",
    "VAT",
    "VAT NO",
    "VAT REG",
    "GSTIN",
    "GST NO",
    "EIN",
    "NIT",
    "RUC",
    "CUIT",
    "RUT",
    "NIF",
    "CIF",
    "USCI",
    "UID",
    "MWST",
    "UST-IDNR",
    "TVA",
    "ABN",
    "ID. FISCAL",
    "NUM. REG. ID. TRIB",
)
_TAX_ID = re.compile(
    r"(?<![A-Z0-9])(?:"
    + "|".join(r"[\s.]*".join(re.escape(word) for word in label.split()) for label in TAX_ID_LABELS)
    + r")\.?\s*(?:NO\.?|#)?\s*:\s*(?P<value>(?=[A-Z0-9.\-]*\d)[A-Z0-9][A-Z0-9.\- ]{5,24}[A-Z0-9])",
    re.IGNORECASE,
)
# Lines under a party's name that still belong to its block (name, address, tax id).
PARTY_BLOCK_LINES = 5
# Invoice parties and the field of each one's tax id.
INVOICE_PARTIES = (("seller_name", "seller_tax_id"), ("buyer_name", "buyer_tax_id"))


def _value(cell: dict[str, Any] | None) -> Any:
    return None if cell is None else cell.get("value")


def form_checks(doc_type: str, builder: ResultBuilder, page_lines: list[str] | None = None) -> None:
    """Run the family's rules on one reading; each warns once at most."""
    lines = page_lines or []
    if doc_type == "pedimento":
        _date_kinds(builder)
        _labelled_dates(builder, lines)
        _labelled_figures(builder, lines)
    elif doc_type == "bill_of_lading":
        _weights_in_pounds(builder, lines)
    elif doc_type == "commercial_invoice":
        _party_tax_ids(builder, lines)
        _seller_over_buyer_tax_id(builder, lines)
    elif doc_type == "cfdi":
        _exchange_rate_required(builder)


def _exchange_rate_required(builder: ResultBuilder) -> None:
    """A CFDI in a currency other than pesos states its exchange rate (TipoCambio is required then, CFDI 3.3 and
    4.0): a printout read without one lost it."""
    currency = str(_value(builder.fields.get("currency")) or "").upper()
    if currency and currency not in ("MXN", "XXX") and _value(builder.fields.get("exchange_rate")) in (None, ""):
        builder.warn(
            "missing_key_fields",
            f"A CFDI in {currency} states its exchange rate, but none was read; enter it from the document.",
            "exchange_rate",
        )


def _date_kinds(builder: ResultBuilder) -> None:
    """An import pedimento's first date is its entry, an export's its presentation: the other one read was a
    date of another kind (or of another label) taken for it."""
    operation = str(_value(builder.fields.get("operation_type")) or "").upper()
    kinds = DATE_OF_OPERATION.get(operation)
    if kinds is None:
        return
    _own, other = kinds
    if _value(builder.fields.get(other)) in (None, ""):
        return
    if operation == "IMP":
        builder.warn(
            "value_mismatch",
            "An import pedimento has an entry date, not a presentation date; check which date the document gives.",
            other,
        )
    else:
        builder.warn(
            "value_mismatch",
            "An export pedimento has a presentation date, not an entry date; check which date the document gives.",
            other,
        )


def printed_dates(field: str, page_lines: list[str]) -> set[str]:
    """The dates (``YYYY-MM-DD``) the page prints right after one of ``field``'s labels, on its line."""
    found: set[str] = set()
    for label in DATE_LABELS.get(field, ()):
        words = r"\s+".join(re.escape(word) for word in label.split())
        pattern = re.compile(rf"(?<![A-Z0-9*]){words}\s*:?\s*{_DATE_TEXT}(?![\d/.\-]*\d)")
        for line in page_lines:
            plain = line.upper().translate(_ACCENTLESS)
            for match in pattern.finditer(plain):
                parsed = parse_date(match.group(1))
                if parsed is not None:
                    found.add(parsed[0])
    return found


_ACCENTLESS = str.maketrans("ÁÉÍÓÚ", "AEIOU")


def _labelled_dates(builder: ResultBuilder, page_lines: list[str]) -> None:
    """A date read that the page prints under another date's label, while its own label holds another date."""
    for field in DATE_LABELS:
        value = _value(builder.fields.get(field))
        if not isinstance(value, str) or not value:
            continue
        printed = printed_dates(field, page_lines)
        if printed and value not in printed:
            label, shown = field.replace("_", " "), ", ".join(sorted(printed))
            builder.warn(
                "value_mismatch",
                f"The {label} was read as {value} but the page prints {shown} after its label; check the date.",
                field,
            )
            return


def _digits(text: str) -> str:
    """A figure's significant digits: how a printed figure and the number read from it are compared."""
    return re.sub(r"\D", "", text).strip("0")


def printed_figures(field: str, page_lines: list[str]) -> list[str]:
    """The figures the page prints right after one of ``field``'s labels and a colon (a cell's bar between)."""
    found: list[str] = []
    for label in FIGURE_LABELS.get(field, ()):
        words = r"\s*".join(re.escape(word) for word in label.split())
        pattern = re.compile(rf"(?<![A-Z0-9]){words}\s*:\s*\|?\s*(\d[\d.,]*\d|\d)(?![\d.,]*\d)")
        for line in page_lines:
            plain = line.upper().translate(_ACCENTLESS)
            found.extend(match.group(1) for match in pattern.finditer(plain) if _ONE_NUMBER.fullmatch(match.group(1)))
    return found


# One figure, its thousands grouped by commas or points (or not at all) and its decimals after the other mark: not
# two figures run together (a bank stamp's ``362142.00165345.00`` printed into the value's column).
_ONE_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?")


def _labelled_figures(builder: ResultBuilder, page_lines: list[str]) -> None:
    """A header figure read that is none of the figures the page prints after its own label (its digits differ):
    it was taken from another place of the page."""
    for field in FIGURE_LABELS:
        value = _value(builder.fields.get(field))
        if not isinstance(value, int | float) or isinstance(value, bool):
            continue
        printed = printed_figures(field, page_lines)
        if printed and all(_digits(figure) != _digits(f"{float(value):.6f}") for figure in printed):
            label, read, shown = field.replace("_", " "), f"{float(value):,}", printed[0]
            builder.warn(
                "value_mismatch",
                f"The {label} was read as {read} but the page prints {shown} after its label; check it.",
                field,
            )
            return


_FIGURE = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|(?<![\d.,])\d+(?:\.\d+)?(?![\d,])")


def _figures(text: str) -> list[float]:
    return [float(figure.replace(",", "")) for figure in _FIGURE.findall(text)]


def _near(a: float, b: float) -> bool:
    return abs(a - b) <= max(1.0, 0.002 * max(a, b))


def _weights_in_pounds(builder: ResultBuilder, page_lines: list[str]) -> None:
    """A weight in kilograms not printed on the page, whose pounds (× 2.20462) the page prints on a row that
    also prints those pounds in pounds again: the row gives kilograms and pounds side by side, and the
    kilograms' figure was converted as if it were pounds."""
    cells: list[tuple[str, dict[str, Any] | None, int | None]] = [
        ("gross_weight_kg", builder.fields.get("gross_weight_kg"), None)
    ]
    cells += [("gross_weight_kg", line.get("gross_weight_kg"), index) for index, line in enumerate(builder.lines, 1)]
    rows = [_figures(line) for line in page_lines]
    for name, cell, index in cells:
        weight = _value(cell)
        if not isinstance(weight, int | float) or isinstance(weight, bool) or weight <= 0:
            continue
        if any(_near(float(weight), figure) for row in rows for figure in row):
            continue  # printed as read
        as_pounds = float(weight) * LB_PER_KG
        for row in rows:
            if any(_near(as_pounds, figure) for figure in row) and any(
                _near(as_pounds * LB_PER_KG, figure) for figure in row
            ):
                read, printed = f"{float(weight):,.1f}", f"{as_pounds:,.1f}"
                if index is None:
                    builder.warn(
                        "value_mismatch",
                        f"The gross weight read, {read} kg, is the page's {printed} kg converted as if it were "
                        "pounds (the row prints the pounds beside it); check the weight.",
                        name,
                    )
                else:
                    builder.warn(
                        "value_mismatch",
                        f"Line {index}: the gross weight read, {read} kg, is the page's {printed} kg converted as "
                        "if it were pounds (the row prints the pounds beside it); check the weight.",
                        name,
                    )
                return


def _party_tax_ids(builder: ResultBuilder, page_lines: list[str]) -> None:
    """A party's tax id printed after its label in the lines under the party's name, with no tax id read."""
    squeezed = [norm(line) for line in page_lines]
    names = {norm(str(_value(builder.fields.get(name)) or "")) for name, _ in INVOICE_PARTIES} - {""}
    read = {norm(str(_value(cell))) for key, cell in builder.fields.items() if key.endswith(("_tax_id", "_rfc"))}
    for name_field, tax_field in INVOICE_PARTIES:
        name = norm(str(_value(builder.fields.get(name_field)) or ""))
        if len(name) < 6 or _value(builder.fields.get(tax_field)) not in (None, ""):
            continue
        for row, text in enumerate(squeezed):
            if name not in text:
                continue
            for below in page_lines[row + 1 : row + 1 + PARTY_BLOCK_LINES]:
                if any(other in norm(below) for other in names if other != name):
                    break  # the next party's block
                found = _TAX_ID.search(below)
                if found is not None and norm(found.group("value")) not in read:
                    party, printed = name_field.removesuffix("_name"), found.group(0).strip()[:40]
                    builder.warn(
                        "unread_value",
                        f"The page prints the {party}'s tax id ({printed!r}) under its name, but it was not read; "
                        "enter it.",
                        tax_field,
                    )
                    return
            break


def _seller_over_buyer_tax_id(builder: ResultBuilder, page_lines: list[str]) -> None:
    """The seller's name read is printed over the buyer's tax id, in the lines of its block (before the next
    party's name): the name is the buyer's block's, taken for the seller's (the issuer's own name, in a form the
    reader did not know, was missed), or the two parties were read the wrong way round."""
    buyer_tax_id = norm(str(_value(builder.fields.get("buyer_tax_id")) or ""))
    seller = norm(str(_value(builder.fields.get("seller_name")) or ""))
    if len(buyer_tax_id) < 8 or len(seller) < 6:
        return
    if buyer_tax_id == norm(str(_value(builder.fields.get("seller_tax_id")) or "")):
        return  # one tax id read for both: the seller's block prints it rightly
    buyer = norm(str(_value(builder.fields.get("buyer_name")) or ""))
    for row, line in enumerate(page_lines):
        if seller not in norm(line):
            continue
        if buyer and buyer != seller and buyer in norm(line):
            return  # the two parties' boxes side by side, read as one line: the lines below are both blocks'
        for below in page_lines[row + 1 : row + 1 + PARTY_BLOCK_LINES]:
            squeezed = norm(below)
            if buyer and buyer != seller and buyer in squeezed:
                break  # the buyer's own block
            if buyer_tax_id in squeezed:
                printed = str(_value(builder.fields.get("buyer_tax_id")))
                builder.warn(
                    "value_mismatch",
                    f"The seller read is printed over the buyer's tax id ({printed}); check which party is which.",
                    "seller_name",
                )
                return
        return

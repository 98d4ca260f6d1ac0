"""Review routing: checks that tell when a reading may be wrong, each adding a warning whose code sends the
document to review (``needs_review``).

The mechanism is a list of warnings with codes: a check (here, or a family's own) calls ``builder.warn(code,
message, field)``; ``extractors.result.needs_review`` is true when any warning's code is in
``REVIEW_CODES``. A family with checks of its own adds its codes with ``register_review_codes``.

The generic checks below run on every family from data tables: key fields missing, no line items where the
family always has some, line cells missing, quantity × unit price against the amount, the lines' sum against
the printed total, layout agreement (rows of figures on the page that no line was read from), and (in
``review_values`` and ``review_text``) values of the wrong shape and names holding a label.
"""

from __future__ import annotations

import re
from typing import Any

from extractors.line_rules import price_of_one
from extractors.result import ResultBuilder, register_review_codes
from extractors.review_confirm import confirm_readings
from extractors.review_forms import form_checks
from extractors.review_slips import slip_checks
from extractors.review_text import text_checks
from extractors.review_values import value_checks

# The fields without which a document of the family cannot be used (a clerk must read it).
KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "commercial_invoice": ("invoice_number", "invoice_date", "seller_name", "buyer_name", "total_amount", "currency"),
    "bill_of_lading": (
        "bl_number",
        "carrier_name",
        "shipper_name",
        "consignee_name",
        "package_count",
        "gross_weight_kg",
        "issue_date",
    ),
    "bill_of_lading/ocean": (
        "vessel",
        "voyage",
        "port_of_loading",
        "port_of_discharge",
        "notify_party_name",
        "shipped_on_board_date",
        "goods_description",
    ),
    # a printout's version and type say which rules (and catalogues) its content follows; a printout always
    # prints both parties' names (a name missing was lost, or refused as a neighbouring label's value)
    "cfdi": (
        "uuid",
        "cfdi_version",
        "cfdi_type",
        "issue_date",
        "issuer_rfc",
        "issuer_name",
        "receiver_rfc",
        "receiver_name",
        "subtotal",
        "total",
        "currency",
    ),
    "pedimento": ("pedimento_number", "operation_type", "clave", "importer_exporter_rfc"),
}
# Families whose documents always list goods, and the cells every line must have.
LINE_CELLS: dict[str, tuple[str, ...]] = {
    "commercial_invoice": ("description", "quantity", "amount"),
    "cfdi": ("description", "quantity", "amount"),
    "pedimento": ("tariff_code", "umc_quantity"),
}
# B/L lines depend on the kind: containers on ocean B/Ls, handling units on truck ones.
BL_LINE_CELLS: dict[str, tuple[str, ...]] = {
    "ocean": ("container_number", "package_count", "gross_weight_kg"),
    "truck": ("package_count", "gross_weight_kg"),
}
# Cells a document prints on every line or on none (a part-number column, a container's seal; an invoice's
# fracción, origin and unit columns, which customs needs for every item once the invoice gives them at all).
PARTIAL_CELLS: dict[str, tuple[str, ...]] = {
    "commercial_invoice": ("part_number", "unit_price", "tariff_code", "origin_country", "unit"),
    "cfdi": ("part_number", "unit_price"),
    "bill_of_lading": ("seal_number", "container_number", "package_count", "gross_weight_kg", "description"),
}
# (quantity, unit price, amount) per family, and the header field the amounts add up to.
ARITHMETIC: dict[str, tuple[tuple[str, str, str], str]] = {
    "commercial_invoice": (("quantity", "unit_price", "amount"), "subtotal_amount"),
    "cfdi": (("quantity", "unit_price", "amount"), "subtotal"),
}

REVIEW_CODES = (
    "missing_key_fields",
    "lines_missing",
    "line_incomplete",
    "line_mismatch",
    "totals_mismatch",
    "low_layout_agreement",
)
register_review_codes(*REVIEW_CODES)

FIELD_NAMES = {
    "invoice_number": "invoice number",
    "invoice_date": "invoice date",
    "seller_name": "seller",
    "total_amount": "total",
    "total": "total",
    "currency": "currency",
    "bl_number": "B/L number",
    "carrier_name": "carrier",
    "buyer_name": "buyer",
    "vessel": "vessel",
    "voyage": "voyage",
    "port_of_loading": "port of loading",
    "port_of_discharge": "port of discharge",
    "notify_party_name": "notify party",
    "issue_date": "issue date",
    "subtotal": "subtotal",
    "shipper_name": "shipper",
    "consignee_name": "consignee",
    "package_count": "package count",
    "gross_weight_kg": "gross weight",
    "shipped_on_board_date": "shipped-on-board date",
    "goods_description": "goods description",
    "uuid": "folio fiscal (UUID)",
    "cfdi_version": "CFDI version",
    "cfdi_type": "CFDI type",
    "issuer_name": "issuer",
    "receiver_name": "receiver",
    "issuer_rfc": "issuer RFC",
    "receiver_rfc": "receiver RFC",
    "pedimento_number": "pedimento number",
    "operation_type": "operation type",
    "clave": "clave de pedimento",
    "importer_exporter_rfc": "importer/exporter RFC",
}


def review_checks(doc_type: str, builder: ResultBuilder, page_lines: list[str] | None = None) -> None:
    """Run the generic checks for one family's result; ``page_lines`` is the text of every printed line."""
    if any(warning["code"] in ("extractor_failed", "no_extractor") for warning in builder.warnings):
        return  # nothing was read: that warning says it all
    confirm_readings(doc_type, builder, page_lines)  # OCR's doubt about values the document confirms is no reason
    _key_fields(doc_type, builder)
    _lines(doc_type, builder)
    _arithmetic(doc_type, builder)
    value_checks(doc_type, builder)  # values wrong but adding up: shapes, figures printed twice, ranges
    text_checks(doc_type, builder)  # names and descriptions read into a neighbouring label
    slip_checks(doc_type, builder, page_lines)  # values of the wrong kind: titles as names, figures as descriptions
    form_checks(doc_type, builder, page_lines)  # the form's rules: dates by operation, kg beside lb, tax ids
    if page_lines is not None and doc_type in ("commercial_invoice", "cfdi"):
        _layout_agreement(doc_type, builder, page_lines)


def _value(cell: dict[str, Any] | None) -> Any:
    return None if cell is None else cell.get("value")


def _key_fields(doc_type: str, builder: ResultBuilder) -> None:
    wanted = KEY_FIELDS.get(doc_type, ()) + KEY_FIELDS.get(f"{doc_type}/{_value(builder.fields.get('bl_kind'))}", ())
    missing = [name for name in wanted if _value(builder.fields.get(name)) in (None, "")]
    if missing:
        names = ", ".join(FIELD_NAMES.get(name, name.replace("_", " ")) for name in missing)
        builder.warn(
            "missing_key_fields",
            f"Could not read: {names}. Read them from the document and enter them.",
            missing[0],
        )


def _lines(doc_type: str, builder: ResultBuilder) -> None:
    cells = LINE_CELLS.get(doc_type)
    if doc_type == "bill_of_lading":
        cells = BL_LINE_CELLS.get(str(_value(builder.fields.get("bl_kind"))))
    if builder.line_cells is not None:
        cells = builder.line_cells
    if cells is None:
        return
    if not builder.lines:
        builder.warn("lines_missing", "No goods lines were read from this document; enter them from the paper.")
        return
    # a column read on some lines is printed on all of them: the lines without it lost it
    uneven = [
        name
        for name in PARTIAL_CELLS.get(doc_type, ())
        if any(_value(line.get(name)) not in (None, "") for line in builder.lines)
    ]
    for index, line in enumerate(builder.lines, start=1):
        missing = [name for name in (*cells, *uneven) if _value(line.get(name)) in (None, "")]
        if "quoted_price" in line:
            missing = [name for name in missing if name != "unit_price"]  # its price is quoted per thousand
        if missing:
            builder.warn(
                "line_incomplete",
                f"Line {index} lacks {', '.join(name.replace('_', ' ') for name in missing)}; check it on the paper.",
                missing[0],
            )
            return


def _arithmetic(doc_type: str, builder: ResultBuilder) -> None:
    rule = ARITHMETIC.get(doc_type)
    if rule is None or not builder.lines:
        return
    (quantity_key, price_key, amount_key), total_key = rule
    done = {warning["code"] for warning in builder.warnings}  # the family's own checks said it already
    amounts = []
    for index, line in enumerate(builder.lines, start=1):
        quantity, price, amount = (_value(line.get(key)) for key in (quantity_key, price_key, amount_key))
        if price is None:
            price = price_of_one(line)  # a price quoted per thousand pieces: its price of one
        if isinstance(amount, int | float):
            amounts.append(float(amount))
        if not all(isinstance(v, int | float) for v in (quantity, price, amount)):
            continue
        # prices are printed rounded (to 2–4 decimals): allow half a unit of the price's last place per piece
        tolerance = max(0.02, 0.005 * abs(float(amount)), abs(float(quantity)) * 0.00005 + 0.01)
        if "line_mismatch" not in done and abs(float(quantity) * float(price) - float(amount)) > tolerance:
            builder.warn(
                "line_mismatch",
                f"Line {index}: {quantity} × {price} is not {amount}; check the line (a discount may explain it).",
                amount_key,
            )
            break
    total = _value(builder.fields.get(total_key))
    if total is None and doc_type == "commercial_invoice":
        return  # without a subtotal, the total may include freight and taxes
    if "totals_mismatch" in done:
        return
    if doc_type == "cfdi" and _value(builder.fields.get("cfdi_type")) == "T" and total == 0:
        return  # a CFDI de Traslado's SubTotal is zero by rule while its conceptos keep the goods' value
    if isinstance(total, int | float) and amounts and len(amounts) == len(builder.lines):
        if abs(sum(amounts) - float(total)) > max(0.01 * len(amounts), 0.0001 * abs(float(total))):
            builder.warn(
                "totals_mismatch",
                f"The lines add up to {sum(amounts):,.2f} but the document says {float(total):,.2f}; "
                "a line may be missing or misread.",
                total_key,
            )
    elif total is not None and amounts and len(amounts) != len(builder.lines):
        builder.warn("line_incomplete", "Some lines have no amount; check them on the paper.", amount_key)


def _goods_rows(builder: ResultBuilder, page_lines: list[str]) -> int:
    """How many printed rows look like goods lines (two or more money figures, no totals word). A row the text
    gives as two lines (a wrapped cell's first words set a little higher than the row's figures) counts once: two
    rows one after the other (lines without figures aside) whose figures are different cells of one line read (its
    quantity and weight over its price and amount) are its halves. A line missed beside one that shares a figure
    with it (the same quantity) still counts: its other figures are no read line's."""
    cells = [_line_figures(line) for line in builder.lines]
    rows = 0
    before: tuple[int, set[str]] | None = None  # the line read the previous printed row matched, and its figures
    for text in page_lines:
        sums = _money(text)
        if _TOTALS.search(text):
            before = None
            continue
        if len(sums) < 2:
            continue  # a wrapped cell's words between the row's halves (``mm`` under ``… superior a 0.2``)
        if is_credit_row(text):
            continue  # a credit for returned goods: no goods line
        if repeats_a_line(text, sums, builder.lines):
            continue  # a packing list's row after the invoice's: the same goods again, weighed
        match = _matched_line(sums, cells)
        if before is not None and match is not None and match[0] == before[0] and not match[1] & before[1]:
            before = (match[0], match[1] | before[1])
            continue  # the second half of the row before
        rows += 1
        before = match
    return rows


# a negative amount at the row's end (``(148.68)``, ``-148.68``), and a negative figure before it (the quantity)
_NEGATIVE_END = re.compile(r"(?:\(\s?\d[\d.,]*\)|(?<![\w.,])-\s?\d[\d.,]*)\s*$")
_NEGATIVE_FIGURE = re.compile(r"(?<![\w.,)-])-\d")


def is_credit_row(text: str) -> bool:
    """A printed row that credits returned goods (``… -50 KG 2.9736 (148.68)``): its amount is negative, and so
    is a figure before it, the quantity returned."""
    end = _NEGATIVE_END.search(text.rstrip())
    return end is not None and bool(_NEGATIVE_FIGURE.search(text[: end.start()]))


def repeats_a_line(text: str, sums: list[str], lines: list[dict[str, Any]]) -> bool:
    """A printed row that lists a read line's goods again (a packing list printed after the invoice, in one
    document): it prints the line's part number and its quantity, and none of the line's money (its price, its
    amount), only figures of its own (cartons, weights)."""
    tokens = set(text.split())
    money = set()
    for figure in sums:
        money |= {round(value, 4) for value in _plain_numbers(figure)}
    numbers = set()
    for token in tokens:
        numbers |= {round(value, 4) for value in _plain_numbers(token)}
    for line in lines:
        code = _value(line.get("part_number"))
        if not isinstance(code, str) or code not in tokens:
            continue
        figures = _line_figures(line)
        quantity = figures.get("quantity")
        prices = {figures[key] for key in ("unit_price", "quoted_price", "amount") if key in figures}
        if quantity is not None and quantity in numbers and prices and not prices & money:
            return True
    return False


def _plain_numbers(figure: str) -> set[float]:
    """What a printed figure may stand for, in either decimal convention."""
    values = set()
    for plain in (figure.replace(",", ""), figure.replace(".", "").replace(",", ".")):
        try:
            values.add(float(plain))
        except ValueError:
            continue
    return values


def _line_figures(line: dict[str, Any]) -> dict[str, float]:
    """A read line's figures by cell name."""
    return {
        key: round(float(cell["value"]), 4)
        for key, cell in line.items()
        if isinstance(cell, dict) and isinstance(cell.get("value"), int | float) and not isinstance(cell["value"], bool)
    }


def _matched_line(sums: list[str], cells: list[dict[str, float]]) -> tuple[int, set[str]] | None:
    """The read line holding most of a row's figures (by either decimal convention), and which of its cells
    they are; None when no line holds any."""
    values = set()
    for figure in sums:
        for plain in (figure.replace(",", ""), figure.replace(".", "").replace(",", ".")):
            try:
                values.add(round(float(plain), 4))
            except ValueError:
                continue
    best: tuple[int, set[str]] | None = None
    for index, figures in enumerate(cells):
        held = {key for key, value in figures.items() if value in values}
        if held and (best is None or len(held) > len(best[1])):
            best = (index, held)
    return best


_MONEY = re.compile(r"\d[\d,.]*[.,]\d{2,4}\b")
# (an export invoice's goods at their price term, "FOB value" or "Valor FOB", is the first row of its totals, and so
# is a US distributor's "Merchandise")
_TOTALS = re.compile(
    r"TOTAL|SUBTOTAL|IMPORTE CON LETRA|DESCUENTO|IVA|FREIGHT|FLETE|FRETE|ADUANA|D[OÓ]LARES|MERCHANDISE|"
    r"\b(?:EXW|FCA|FAS|FOB|CFR|CIF|CPT|CIP|DAP|DPU|DDP)\s+VALUE\b|\bVALOR\s+(?:EXW|FCA|FAS|FOB|CFR|CIF|CPT|CIP|DAP|DPU|DDP)\b",
    re.I,
)


def _money(text: str) -> list[str]:
    """The sums of money a row prints: figures with decimals. A figure whose last separator recurs in it
    (``302.902.540.782``, ``59.773.069``) groups an integer's thousands: an identifier or a count, no sum."""
    sums = []
    for figure in _MONEY.findall(text):
        last = next(ch for ch in reversed(figure) if ch in ".,")
        if figure.count(last) == 1:
            sums.append(figure)
    return sums


def _layout_agreement(doc_type: str, builder: ResultBuilder, page_lines: list[str]) -> None:
    """Rows of the page that look like goods lines (two or more money figures, no totals word) against the lines
    read: fewer lines read than such rows means the table was read only in part."""
    rows = _goods_rows(builder, page_lines)
    if doc_type == "cfdi":
        # conceptos rows start at their eight-digit ClaveProdServ; mercancías rows (which may start at an
        # eight-digit fracción) are not conceptos
        tariffs = {str(_value(line.get("tariff_code"))) for line in builder.lines}
        rows = sum(
            1
            for text in page_lines
            if len(_money(text)) >= 2
            and re.match(r"\s*\d{8}\b", text)
            and text.split()[0] not in tariffs
            and not _TOTALS.search(text)
        )
    if rows > len(builder.lines):
        builder.warn(
            "low_layout_agreement",
            f"The page shows {rows} rows of figures but {len(builder.lines)} lines were read; "
            "check that every line is there.",
        )

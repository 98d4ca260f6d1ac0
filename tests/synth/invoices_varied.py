"""The randomised invoice arrangements (``ledger``, ``stacked``, ``euro``, ``boxed``, ``tabular``, ``mixed``; see
``invoices``)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth

from tests.synth.draw import Sheet, dmy, mdy_en, wrap

FONTS = [("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold"), ("Courier", "Courier-Bold")]

# Label wordings suppliers print, per field (a draw picks one, and its punctuation).
LABELS = {
    "invoice_number": ["Invoice No.", "Invoice Number", "INVOICE NO", "Factura No.", "No. de Factura", "Invoice Nr"],
    "invoice_date": ["Date", "Invoice Date", "Fecha", "Fecha de factura", "DATE"],
    "currency": ["Currency", "Moneda", "CURRENCY"],
    "incoterm": ["Incoterm", "Incoterms", "Terms of Delivery", "Delivery Terms", "INCOTERM"],
    "origin_country": ["Country of Origin", "Origin", "País de origen", "COUNTRY OF ORIGIN"],
    "seller_name": ["Seller", "Exporter", "Supplier", "Vendor", "Proveedor", "Exportador"],
    "seller_tax_id": ["Tax ID", "EIN", "Tax ID No.", "Id. fiscal", "VAT No."],
    "buyer_name": ["Sold To", "Bill To", "Buyer", "Importer", "Comprador", "Importador"],
    "buyer_tax_id": ["RFC", "R.F.C.", "Buyer RFC"],
    "subtotal_amount": ["Subtotal", "Sub-Total", "Sub Total", "Net Amount"],
    "total_amount": ["Total", "TOTAL USD", "Invoice Total", "Grand Total", "Total a pagar", "Total Amount"],
    "freight": ["Freight", "Flete", "Shipping"],
}
PUNCT = ["", ":", ".:", " :"]
# Bilingual wordings (``mixed``).
BILINGUAL = {
    "invoice_number": ["Factura / Invoice No.", "No. Factura / Invoice Number", "Factura No. / Invoice No."],
    "invoice_date": ["Fecha / Date", "Fecha de emisión / Issue date"],
    "currency": ["Moneda / Currency", "Divisa / Currency"],
    "incoterm": ["Incoterm", "Término de venta / Incoterm"],
    "origin_country": ["Origen / Origin", "País de origen / Country of origin"],
    "seller_name": ["Vendedor / Seller", "Exportador / Exporter", "Proveedor / Supplier"],
    "seller_tax_id": ["Id. fiscal / Tax ID", "Tax ID / Id. fiscal"],
    "buyer_name": ["Comprador / Buyer", "Importador / Importer", "Cliente / Sold to"],
    "buyer_tax_id": ["RFC", "RFC / Tax ID"],
    "subtotal_amount": ["Subtotal / Sub-total", "Subtotal"],
    "total_amount": ["Total / Total", "Total a pagar / Total due", "Total"],
    "freight": ["Flete / Freight"],
}
COLUMNS = {
    "part_number": ["Part No.", "No. de parte", "Item", "SKU", "Código", "Material", "Part Number", "Item No."],
    "description": ["Description", "Descripción", "Goods Description"],
    "quantity": ["Qty", "Quantity", "Cantidad", "Cant."],
    "unit": ["UoM", "Unit", "Unidad", "U/M"],
    "unit_price": ["Unit Price", "Price", "Precio unitario", "Unit Value", "Precio"],
    "amount": ["Amount", "Importe", "Line Total", "Extended", "Total", "Value"],
    "tariff_code": ["HTS", "HS Code", "Fracción", "HTS Code", "Tariff"],
    "origin_country": ["Origin", "COO", "Origen", "Country of Origin"],
    "_line": ["Line", "Ln", "Pos."],
    "_discount": ["Disc %", "Discount", "Descuento"],
    "_weight": ["Net Wt (kg)", "Net Weight", "Peso neto"],
}
COUNTRIES = {"USA": "USA", "CHN": "China", "KOR": "Korea", "JPN": "Japan", "DEU": "Germany", "TWN": "Taiwan"}
WIDTHS = {
    "part_number": 62,
    "description": 150,
    "quantity": 48,
    "unit": 30,
    "unit_price": 58,
    "amount": 66,
    "tariff_code": 52,
    "origin_country": 44,
    "_line": 24,
    "_discount": 36,
    "_weight": 48,
}
RIGHT = {"quantity", "unit_price", "amount", "_discount", "_weight"}


@dataclass
class Draw:
    """One invoice's random choices."""

    regular: str
    bold: str
    size: float
    numbers: str  # us | eu | plain
    below: bool  # labels above their values
    code_leads: bool  # the part number leads the description (no part column)
    columns: list[str]
    headers: dict[str, str]
    bottom: float  # where a page's table must end (a low value breaks tables across pages)

    bilingual: bool = False
    grid: bool = False
    listed: bool = False

    def label(self, rng: random.Random, key: str) -> str:
        return rng.choice((BILINGUAL if self.bilingual else LABELS)[key]) + rng.choice(PUNCT)

    def number(self, value: float, decimals: int) -> str:
        text = f"{value:,.{decimals}f}"
        if self.numbers == "eu":
            return text.replace(",", "_").replace(".", ",").replace("_", ".")
        if self.numbers == "plain":
            return f"{value:.{decimals}f}"
        return text

    def quantity(self, value: float) -> str:
        return self.number(value, 0) if value == int(value) else self.number(value, 3)


def _draw(arrangement: str, rng: random.Random) -> Draw:
    regular, bold = rng.choice(FONTS[:2]) if arrangement != "euro" else FONTS[2]
    numbers = {
        "ledger": rng.choice(["us", "plain"]),
        "stacked": rng.choice(["us", "eu"]),
        "euro": "eu",
        "boxed": rng.choice(["us", "plain"]),
        "tabular": "us",
        "mixed": "eu",
        "catalog": rng.choice(["us", "plain"]),
        "grid": "eu",
    }[arrangement]
    code_leads = arrangement in ("stacked", "mixed") or (arrangement == "boxed" and rng.random() < 0.5)
    core = ["description", "quantity", "unit", "unit_price", "amount"]
    optional = [key for key in ("tariff_code", "origin_country") if rng.random() < 0.6]
    if arrangement == "stacked" and rng.random() < 0.5:
        core.remove("unit")  # the unit printed beside the quantity
    columns = ([] if code_leads else ["part_number"]) + core[:1]
    middle = optional + core[1:]
    if arrangement == "boxed":
        columns = ["quantity", "unit"] + ([] if code_leads else ["part_number"]) + ["description"] + optional
        columns += ["unit_price", "amount"]
    elif arrangement == "ledger":
        rng.shuffle(optional)
        columns = ["_line"] + columns + optional + [k for k in core[1:]]
    elif arrangement == "catalog":
        columns = ["description", "part_number", "quantity", "unit_price", "amount"]
    elif arrangement == "grid":
        columns = ["_line", "part_number", "description", "tariff_code", "origin_country"]
        columns += ["quantity", "unit", "unit_price", "amount"]
    elif arrangement == "tabular":
        columns = ["part_number", "quantity", "unit", "description"] + optional + ["unit_price", "amount"]
    elif arrangement == "mixed":
        columns = ["_line", "description"] + optional + ["quantity", "unit", "unit_price", "amount"]
    elif arrangement == "euro":
        columns = columns + optional + ["quantity", "unit", "unit_price", "_discount", "_weight", "amount"]
    else:
        columns = columns + middle
    size = rng.choice([7.0, 7.5, 8.0]) if arrangement != "euro" else 7.0
    headers = {key: rng.choice(COLUMNS[key]) for key in columns}
    if arrangement == "euro":
        headers["part_number"] = rng.choice(["Material", "No. de parte", "Código"])
    if arrangement == "tabular":
        headers["part_number"] = rng.choice(["Item No.", "Part Number", "Part No.", "SKU"])
        regular, bold = FONTS[1]
    if arrangement == "catalog":
        headers["part_number"] = rng.choice(["Item Code", "Part #", "Cat. No."])
    if arrangement == "grid":
        spanish = {
            "_line": "Pos.",
            "part_number": "No. de parte",
            "description": "Descripción",
            "tariff_code": "Fracción",
            "origin_country": "Origen",
            "quantity": "Cantidad",
            "unit": "Unidad",
            "unit_price": "Precio unitario",
            "amount": "Importe",
        }
        headers = {key: spanish[key] for key in columns}
    paged = ("stacked", "boxed", "tabular", "mixed", "grid")
    bottom = rng.choice([520.0, 600.0, 700.0]) if arrangement in paged else 700.0
    below = arrangement in ("stacked", "boxed", "mixed", "grid")
    return Draw(
        regular,
        bold,
        size,
        numbers,
        below,
        code_leads,
        columns,
        headers,
        bottom,
        bilingual=arrangement == "mixed",
        grid=arrangement == "tabular",
        listed=arrangement == "catalog",
    )


def render_varied(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    d = _draw(arrangement, rng)
    s = Sheet(path, title="Commercial Invoice")
    L, R = 36.0, s.width - 36.0
    for key in ("tariff_code", "origin_country", "unit"):
        if key not in d.columns and not (key == "unit" and "quantity" in d.columns):
            for ln in lines:
                ln.pop(key, None)
    title = rng.choice(["COMMERCIAL INVOICE", "FACTURA COMERCIAL", "INVOICE", "Commercial Invoice"])
    date_text = rng.choice([dmy(f["invoice_date"]), f["invoice_date"], mdy_en(f["invoice_date"])])
    header: list[tuple[str, str]] = [
        (d.label(rng, "invoice_number"), f["invoice_number"]),
        (d.label(rng, "invoice_date"), date_text),
        (d.label(rng, "currency"), f["currency"]),
        (d.label(rng, "incoterm"), f"{f['incoterm']} {rng.choice(['', '2020', 'Laredo, TX'])}".strip()),
    ]
    if rng.random() < 0.8:
        header.append((d.label(rng, "origin_country"), COUNTRIES[f["origin_country"]]))
    else:
        f.pop("origin_country")
    rng.shuffle(header)
    y = 40.0
    # the seller: a letterhead (ledger, euro) or a labelled block (stacked, boxed)
    if arrangement in ("ledger", "euro", "tabular", "catalog"):
        s.text(L, y, f["seller_name"], font=d.bold, size=rng.choice([11.0, 12.0, 13.0]))
        s.text(L, y + 12, x["seller_address"], font=d.regular, size=d.size)
        s.text(L, y + 22, f"{d.label(rng, 'seller_tax_id')} {f['seller_tax_id']}", font=d.regular, size=d.size)
        s.right(R, y, title, font=d.bold, size=13)
        y = 90.0
        if arrangement == "euro":
            s.text(R - 120, 60, "*** ORIGINAL ***", font=d.bold, size=10)
        # header fields: label, dot leaders or spaces, value beside
        hx = R - 220
        if d.listed:  # the header fields in a list under the letterhead, values at a tab stop
            hx = L
            y = 78.0
        for label, value in header:
            if d.grid:  # a ruled label cell and value cell
                s.box(hx - 3, y - 9, hx + 100, y + 4, 0.4)
                s.box(hx + 100, y - 9, R, y + 4, 0.4)
                s.text(hx, y, label.rstrip(":. "), font=d.bold, size=d.size)
                s.text(hx + 104, y, value, font=d.regular, size=d.size)
                y += 13
                continue
            end = s.text(hx, y, label, font=d.bold, size=d.size)
            s.text(max(end + 6, hx + 95), y, value, font=d.regular, size=d.size)
            y += d.size + 4
        y += 8
        if d.listed:
            s.right(R, 60, "Page 1", font=d.regular, size=d.size)
        s.text(L, y, d.label(rng, "buyer_name"), font=d.bold, size=d.size)
        s.text(L, y + 11, f["buyer_name"], font=d.regular, size=d.size)
        s.text(L, y + 21, x["buyer_address"][:70], font=d.regular, size=d.size)
        s.text(L, y + 31, f"{d.label(rng, 'buyer_tax_id')} {f['buyer_tax_id']}", font=d.regular, size=d.size)
        y += 50
    else:
        s.text(L, y, title, font=d.bold, size=14)
        y += 16
        if rng.random() < 0.5:
            s.hline(L, R, y - 6, 0.3)  # a noise line
        half = (R - L) / 2
        blocks = [
            (d.label(rng, "seller_name"), [f["seller_name"], x["seller_address"][:60]], "seller"),
            (d.label(rng, "buyer_name"), [f["buyer_name"], x["buyer_address"][:60]], "buyer"),
        ]
        for k, (label, values, who) in enumerate(blocks):
            bx = L + k * half
            if arrangement in ("boxed", "grid"):
                s.box(bx, y - 9, bx + half - 4, y + 36, 0.5)
            if arrangement == "grid" and who == "buyer" and rng.random() < 0.6:
                s.text(bx + 120, y - 14, "RECIBIDO", font=d.bold, size=11)  # a stamp
            if arrangement == "mixed" and who == "seller" and rng.random() < 0.6:
                s.text(bx + 150, y - 14, "PAGADO / PAID", font=d.bold, size=11)  # a stamp
            s.text(bx + 3, y, label, font=d.bold, size=d.size - 0.5)
            for j, v in enumerate(values):
                s.text(bx + 3, y + 11 * (j + 1), v, font=d.regular, size=d.size)
            tax_key = "seller_tax_id" if who == "seller" else "buyer_tax_id"
            s.text(bx + 3, y + 33, f"{d.label(rng, tax_key)} {f[tax_key]}", font=d.regular, size=d.size)
        y += 56
        # header fields: labels above their values, side by side
        width = (R - L) / len(header)
        for k, (label, value) in enumerate(header):
            hx = L + k * width
            if arrangement in ("boxed", "grid"):
                s.box(hx, y - 9, hx + width, y + 14, 0.5)
            s.text(hx + 3, y - 1, label.rstrip(":. "), font=d.bold, size=d.size - 1)
            s.text(hx + 3, y + 10, value, font=d.regular, size=d.size)
        y += 34
    y = _table(s, d, rng, lines, y)
    y = _totals(s, d, rng, f, x, y)
    if rng.random() < 0.7:
        s.text(L, y + 20, rng.choice(NOTES), font=d.regular, size=6.5)
    s.save()
    return s.page


NOTES = [
    "We certify that this invoice is true and correct.",
    "Declaramos bajo protesta de decir verdad que los datos son correctos.",
    "Goods of the origin stated. Payment 30 days net. Bank: First Commerce Bank, SWIFT FCBKUS33.",
]


def _cell(d: Draw, key: str, ln: dict[str, Any], index: int) -> str:
    if key == "_line":
        return str(index + 1)
    if key == "_discount":
        return d.number(0, 2) + " %"
    if key == "_weight":
        return d.number(ln["quantity"] * 0.01, 2)
    value = ln[key]
    if key == "quantity":
        text = d.quantity(value)
        return text if "unit" in d.columns else f"{text} {ln['unit']}"
    if key == "unit_price":
        return d.number(value, 4)
    if key == "amount":
        return d.number(value, 2)
    if key == "tariff_code":
        return f"{value[:4]}.{value[4:6]}.{value[6:]}"
    if key == "origin_country":
        return str(value)
    if key == "description" and d.code_leads:
        return f"{ln['part_number']} {value}"
    return str(value)


def _table(s: Sheet, d: Draw, rng: random.Random, lines: list[dict[str, Any]], y: float) -> float:
    L, R = 36.0, s.width - 36.0
    gap = rng.choice([4.0, 6.0, 9.0])
    # a column is at least as wide as its header (headers never run into each other)
    widths = {key: max(WIDTHS[key], stringWidth(d.headers[key], d.bold, d.size - 0.5) + 2) for key in d.columns}
    natural = sum(widths.values()) + gap * (len(d.columns) - 1)
    for extra in ("_weight", "_discount", "_line"):
        if natural > R - L and extra in d.columns:  # too wide for the page: the extra column is left out
            d.columns.remove(extra)
            natural -= widths.pop(extra) + gap
    scale = min(1.0, (R - L) / natural)
    spans: list[tuple[str, float, float]] = []
    at = L
    for key in d.columns:
        width = widths[key] * scale
        if key == "description":
            width += max(0.0, (R - L) - natural)
        spans.append((key, at, at + width))
        at += width + gap * scale

    def header(y: float) -> float:
        s.shade(L - 2, y - 9, R + 2, y + 3)
        for key, x0, x1 in spans:
            label = d.headers[key]
            if key in RIGHT:
                s.right(x1, y, label, font=d.bold, size=d.size - 0.5)
            else:
                s.text(x0, y, label, font=d.bold, size=d.size - 0.5)
        return y + 14

    y = header(y)
    desc_width = next(x1 - x0 for key, x0, x1 in spans if key == "description")
    for index, ln in enumerate(lines):
        desc = wrap(_cell(d, "description", ln, index), desc_width - 4, font=d.regular, size=d.size)
        if y + 11 * len(desc) > d.bottom:
            s.new_page()
            y = header(56.0)
        for key, x0, x1 in spans:
            if key == "description":
                for k, part in enumerate(desc):
                    s.text(x0, y + 11 * k, part, font=d.regular, size=d.size)
                continue
            text = _cell(d, key, ln, index)
            if key in RIGHT:
                s.right(x1, y, text, font=d.regular, size=d.size)
            else:
                s.text(x0, y, text, font=d.regular, size=d.size)
        y += 11 * len(desc) + 3
        if d.grid:
            s.hline(L, R, y - 8, 0.3)
    s.hline(L, R, y - 4, 0.5)
    return y + 10


def _totals(s: Sheet, d: Draw, rng: random.Random, f: dict[str, Any], x: dict[str, Any], y: float) -> float:
    R = s.width - 36.0
    if y > s.height - 90:
        s.new_page()
        y = 60.0
    rows = [(d.label(rng, "subtotal_amount"), f["subtotal_amount"])]
    if x["freight"] or rng.random() < 0.5:
        rows.append((d.label(rng, "freight"), x["freight"]))
    rows.append((d.label(rng, "total_amount"), f["total_amount"]))
    for label, value in rows:
        s.text(R - 200, y, label, font=d.bold, size=d.size)
        s.right(R, y, d.number(value, 2), font=d.regular, size=d.size)
        y += d.size + 5
    return y

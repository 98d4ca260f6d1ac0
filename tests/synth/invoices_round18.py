"""Round 18 of the held-out commercial-invoice arrangements (see ``invoices``), written before the reader saw them.

Facts, not copies, from public sources: how suppliers of gloves, apparel trims and small hardware sell by the dozen
(``DZ``, ``DOZ``) and by the gross (``GR``, ``GRS``, 144 pieces), pricing per dozen or per gross while the customs
declaration counts pieces, so that such invoices print a unit of sale beside a piece count (``Pcs``); how an
exporter's shipping documents travel as one PDF (the commercial invoice followed by its packing list) and are
printed "2 pages per sheet", two portrait pages reduced side by side on a landscape sheet, so that the invoice's
last page and the packing list's first may share a sheet, and the packing list repeats the part numbers and
quantities with cartons and weights in place of prices.

* ``docenas``: a supplier's invoice whose lines are sold by the dozen, by the gross or by the piece (one unit per
  line, ``DZ``, ``GRS`` or ``PCS``), columns ``Item | Style / Part No. | Description | Fracc. MX | Qty | U/M |
  Pcs | Price per U/M | Amount``: the quantity in the unit of sale, the pieces beside it, the price per dozen or
  gross; a note ``1 DZ = 12 PCS   1 GRS = 144 PCS``. The truth's quantity is the pieces and its unit ``PCS``; a line
  priced per dozen or gross keeps no unit price (the page prints none per piece).
* ``dosarriba``: the commercial invoice and its packing list printed two pages per landscape sheet, each page
  reduced to about two thirds: the invoice's pages first (``Part No. | Description | Fracción | Qty | Unit | Unit
  Price | Amount``, ``Page 1 of 2``), then the packing list's (``Part No. | Description | Qty | Cartons | Net Wt kg |
  Gross Wt kg``), so that a sheet may carry the end of the invoice and the start of the packing list. The truth
  is the invoice's (its lines once).

Both print each line's Mexican fracción. Renderers set the truth to what they print and drop what they do not print.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("docenas", "dosarriba")
# the issuer's country as its letterhead prints it: without an origin printed anywhere, the goods of an exporter's
# own invoice go from there (as round 6's makers' invoices); a US distributor's letterhead states none
SELLERS = [
    ("GUANGZHOU EVERBRIGHT GLOVES & TRIMS CO., LTD.", "No. 88 Huangpu Rd E., Tianhe, Guangzhou 510630, China", "CHN"),
    ("TEXAS BORDER INDUSTRIAL SUPPLY LLC", "5150 Bob Bullock Loop, Laredo, TX 78045", None),
    ("KARACHI SAFETY WEAR (PVT) LTD.", "Plot 14, Sector 23, Korangi Industrial Area, Karachi, Pakistan", "PAK"),
]
SHIPPERS = [
    ("NORTHSTAR PRECISION COMPONENTS LTD.", "Unit 5, 21 Kwai Fung Cres., Kwai Chung, Hong Kong", "HKG"),
    ("OHIO VALLEY WIRE PRODUCTS INC", "2700 Spring Grove Ave, Cincinnati, OH 45225", None),
    ("BUSAN MECHATRONICS CO., LTD.", "45 Noksansaneop-ro, Gangseo-gu, Busan, Korea", "KOR"),
]


def _date_as_meant(truth: dict[str, Any], country: str | None) -> str:
    """The date as printed (month first, ``05/02/2024``) and the truth's date as the page means it: an issuer
    outside the United States writes its numeric dates day first (Hong Kong and Pakistan by British usage, as
    every non-US issuer of the development arrangements does) where no part over 12 says otherwise, so a date
    whose day is 12 or less is that other day and month."""
    f = truth["fields"]
    shown = _mdy(f["invoice_date"])
    y, m, d = str(f["invoice_date"]).split("-")
    if country and int(d) <= 12:
        f["invoice_date"] = f"{y}-{d}-{m}"
    return shown


def _origin_of_issuer(truth: dict[str, Any], country: str | None) -> None:
    """Neither arrangement prints an origin, per line or for the invoice: the invoice's is its issuer's country."""
    f = truth["fields"]
    if country:
        f["origin_country"] = country
    else:
        f.pop("origin_country", None)
    for ln in truth["lines"]:
        ln.pop("origin_country", None)


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw the invoice; returns its page count (drawn twice so that "page N of M" knows M)."""
    draw = _docenas if arrangement == "docenas" else _dosarriba
    state = rng.getstate()
    original = _copy(truth)
    pages = draw(truth, path, rng, 0)
    rng.setstate(state)
    truth.clear()
    truth.update(original)
    return draw(truth, path, rng, pages)


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _mdy(iso: str) -> str:
    y, m, d = str(iso).split("-")
    return f"{m}/{d}/{y}"


# --------------------------------------------------------------------------------------------------------
# docenas


def _docenas(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    name, address, country = rng.choice(SELLERS)
    f["seller_name"] = name
    _origin_of_issuer(truth, country)
    shown = _date_as_meant(truth, country)
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = 7.2
    s = Sheet(path, title="Commercial Invoice")
    L, R = 30.0, s.width - 30.0
    W = R - L
    rows: list[tuple[dict[str, Any], str, str, str, float]] = []
    for ln in lines:
        pcs = float(ln["quantity"])
        unit_price = float(ln["unit_price"])
        pick = rng.random()
        if pick < 0.25 and pcs >= 1440:
            per, um = 144, "GRS"
        elif pick < 0.7:
            per, um = 12, "DZ"
        else:
            per, um = 1, "PCS"
        sale = max(1.0, round(pcs / per))  # sold in whole dozens or grosses: the pieces are what was sold
        pcs = sale * per
        ln["quantity"] = pcs
        price = round(unit_price * per, 4)
        ln["amount"] = round(sale * price, 2)
        ln["unit"] = "PCS"
        if per == 1:
            ln["unit_price"] = price
        else:
            ln.pop("unit_price", None)  # priced per dozen or gross: no price per piece printed
        rows.append((ln, f"{sale:,.0f}", um, f"{pcs:,.0f}", price))
    f["subtotal_amount"] = round(sum(float(ln["amount"]) for ln in lines), 2)
    f["total_amount"] = round(f["subtotal_amount"] + x["freight"], 2)
    cols = [
        ("Item", 0.0, 0.04, "l"),
        ("Style / Part No.", 0.04, 0.13, "l"),
        ("Description", 0.17, 0.3, "l"),
        ("Fracc. MX", 0.47, 0.09, "l"),
        ("Qty", 0.56, 0.07, "r"),
        ("U/M", 0.63, 0.05, "l"),
        ("Pcs", 0.68, 0.09, "r"),
        ("Price per U/M", 0.77, 0.1, "r"),
        (f"Amount {f['currency']}", 0.87, 0.13, "r"),
    ]

    def foot() -> None:
        s.text(L, s.height - 16, "1 DZ = 12 PCS     1 GRS = 144 PCS", font=regular, size=6)
        s.right(R, s.height - 16, f"Page {s.page} of {pages}", font=regular, size=6)

    def head() -> float:
        s.text(L, 30, name, font=bold, size=11)
        s.text(L, 40, address, font=regular, size=7)
        s.text(L, 49, f"Tax ID: {f['seller_tax_id']}", font=regular, size=7)
        s.right(R, 30, "COMMERCIAL INVOICE", font=bold, size=13)
        s.right(R, 42, f"Invoice No.: {f['invoice_number']}", font=bold, size=8)
        s.right(R, 51, f"Date: {shown}", font=regular, size=7.5)
        s.hline(L, R, 56, 0.8)
        if s.page > 1:
            return 70.0
        s.text(L, 68, "SOLD TO:", font=bold, size=7)
        s.text(L + 50, 68, f["buyer_name"], font=regular, size=7.5)
        s.text(L + 50, 77, x["buyer_address"], font=regular, size=7)
        s.text(L + 50, 86, f"RFC: {f['buyer_tax_id']}", font=regular, size=7)
        s.text(L + W * 0.6, 68, f"Terms of sale: {f['incoterm']}", font=regular, size=7.5)
        s.text(L + W * 0.6, 77, f"Payment: {x['terms']}", font=regular, size=7.5)
        s.text(L + W * 0.6, 86, f"Customer P.O.: {x['po']}", font=regular, size=7.5)
        return 102.0

    def header(y: float) -> float:
        s.shade(L, y - 9, R, y + 4, 0.85)
        for label, dx, cw, align in cols:
            if align == "r":
                s.right(L + W * (dx + cw) - 3, y, label, font=bold, size=size - 0.4)
            else:
                s.text(L + W * dx + 3, y, label, font=bold, size=size - 0.4)
        return y + 14

    y = header(head())
    for k, (ln, sold, um, pieces, price) in enumerate(rows):
        desc = wrap(str(ln["description"]), W * 0.3 - 6, font=regular, size=size)
        h = 9 * len(desc) + 4
        if y + h > s.height - 110:
            foot()
            s.new_page()
            y = header(head())
        cells = [
            str(k + 1),
            str(ln["part_number"]),
            None,
            str(ln["tariff_code"]),
            sold,
            um,
            pieces,
            f"{price:,.4f}",
            f"{ln['amount']:,.2f}",
        ]
        for (_label, dx, cw, align), text in zip(cols, cells, strict=True):
            if text is None:
                for j, part in enumerate(desc):
                    s.text(L + W * dx + 3, y + 9 * j, part, font=regular, size=size)
            elif align == "r":
                s.right(L + W * (dx + cw) - 3, y, text, font=regular, size=size)
            else:
                s.text(L + W * dx + 3, y, text, font=regular, size=size)
        y += h
    s.hline(L, R, y - 5, 0.5)
    y += 8
    for k, (label, value) in enumerate(
        (("Subtotal", f["subtotal_amount"]), ("Freight", x["freight"]), (f"Total {f['currency']}", f["total_amount"]))
    ):
        s.right(R - 90, y + 11 * k, label, font=bold, size=size)
        s.right(R - 3, y + 11 * k, f"{value:,.2f}", font=bold if k == 2 else regular, size=size)
    foot()
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------
# dosarriba: invoice and packing list, two pages per landscape sheet


def _dosarriba(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    name, address, country = rng.choice(SHIPPERS)
    f["seller_name"] = name
    _origin_of_issuer(truth, country)
    shown = _date_as_meant(truth, country)
    f.pop("seller_tax_id", None)  # neither page prints the shipper's tax id
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = 8.0
    per_page = rng.choice([14, 18, 22])
    s = Sheet(path, wide=True, title="Invoice and Packing List")
    k = min(s.width / 2 / 612.0, s.height / 792.0) * 0.97
    VW, VH = 612.0, 792.0
    L, R = 40.0, VW - 40.0
    W = R - L
    chunks = [lines[i : i + per_page] for i in range(0, len(lines), per_page)] or [[]]
    cartons = [max(1, int(float(ln["quantity"]) // rng.choice([50, 100, 200]))) for ln in lines]
    nets = [round(float(ln["quantity"]) * rng.uniform(0.01, 0.4), 2) for ln in lines]
    inv_cols = [
        ("Part No.", 0.0, "l"),
        ("Description", 0.16, "l"),
        ("Fracción", 0.5, "l"),
        ("Qty", 0.72, "r"),
        ("Unit", 0.73, "l"),
        ("Unit Price", 0.87, "r"),
        ("Amount", 1.0, "r"),
    ]
    pl_cols = [
        ("Part No.", 0.0, "l"),
        ("Description", 0.16, "l"),
        ("Qty", 0.64, "r"),
        ("Cartons", 0.74, "r"),
        ("Net Wt kg", 0.87, "r"),
        ("Gross Wt kg", 1.0, "r"),
    ]
    slot = 0

    def begin() -> None:
        nonlocal slot
        if slot and slot % 2 == 0:
            s.new_page()
        c = s.canvas
        c.saveState()
        ox = (s.width / 2) * (slot % 2) + (s.width / 2 - VW * k) / 2
        c.translate(ox, (s.height - VH * k) / 2)
        c.scale(k, k)
        c.setLineWidth(0.4)
        c.rect(0, 0, VW, VH)
        s.height = VH
        slot += 1

    def end() -> None:
        s.canvas.restoreState()
        s.height = s.size[1]

    def letterhead(title: str, n: int, of: int) -> float:
        s.text(L, 50, name, font=bold, size=12)
        s.text(L, 62, address, font=regular, size=8)
        s.right(R, 50, title, font=bold, size=13)
        s.right(R, 63, f"No. {f['invoice_number']}    Date {shown}", font=regular, size=8.5)
        s.right(R, VH - 30, f"Page {n} of {of}", font=regular, size=7.5)
        s.hline(L, R, 70, 0.8)
        s.text(L, 84, "Consignee:", font=bold, size=8)
        s.text(L + 60, 84, f["buyer_name"], font=regular, size=8)
        s.text(L + 60, 94, f"RFC {f['buyer_tax_id']}   {x['buyer_address']}"[:90], font=regular, size=7.5)
        s.text(L, 106, f"Terms: {f['incoterm']}    Currency: {f['currency']}    P.O.: {x['po']}", font=regular, size=8)
        return 124.0

    def table_head(y: float, cols: list[tuple[str, float, str]]) -> float:
        s.shade(L, y - 10, R, y + 4, 0.86)
        for label, dx, align in cols:
            (s.right if align == "r" else s.text)(
                L + W * dx + (-2 if align == "r" else 2), y, label, font=bold, size=size - 0.5
            )
        return y + 15

    def cell(cols: list[tuple[str, float, str]], y: float, values: list[str]) -> None:
        for (_label, dx, align), text in zip(cols, values, strict=True):
            (s.right if align == "r" else s.text)(
                L + W * dx + (-2 if align == "r" else 2), y, text, font=regular, size=size - 0.6
            )

    for n, chunk in enumerate(chunks):
        begin()
        y = table_head(letterhead("COMMERCIAL INVOICE", n + 1, len(chunks)), inv_cols)
        for ln in chunk:
            cell(
                inv_cols,
                y,
                [
                    str(ln["part_number"]),
                    str(ln["description"])[:34],
                    str(ln["tariff_code"]),
                    f"{ln['quantity']:,.0f}",
                    str(ln["unit"]),
                    f"{ln['unit_price']:,.4f}",
                    f"{ln['amount']:,.2f}",
                ],
            )
            y += 12
        if n == len(chunks) - 1:
            s.hline(L, R, y - 6, 0.5)
            y += 6
            for j, (label, value) in enumerate(
                (("Subtotal", f["subtotal_amount"]), ("Freight", x["freight"]), ("TOTAL", f["total_amount"]))
            ):
                s.right(R - 80, y + 12 * j, label, font=bold, size=size)
                s.right(R - 2, y + 12 * j, f"{value:,.2f}", font=bold if j == 2 else regular, size=size)
            s.text(L, y + 50, "We certify this invoice is true and correct.", font=regular, size=7.5)
        end()
    for n, chunk in enumerate(chunks):
        begin()
        y = table_head(letterhead("PACKING LIST", n + 1, len(chunks)), pl_cols)
        base = n * per_page
        for j, ln in enumerate(chunk):
            net = nets[base + j]
            cell(
                pl_cols,
                y,
                [
                    str(ln["part_number"]),
                    str(ln["description"])[:30],
                    f"{ln['quantity']:,.0f}",
                    str(cartons[base + j]),
                    f"{net:,.2f}",
                    f"{net * 1.08 + cartons[base + j] * 0.6:,.2f}",
                ],
            )
            y += 12
        if n == len(chunks) - 1:
            s.hline(L, R, y - 6, 0.5)
            s.text(L, y + 8, f"TOTAL CARTONS: {sum(cartons)}    NET WT: {sum(nets):,.2f} KG", font=bold, size=size)
        end()
    s.save()
    for ln in lines:
        # the invoice's column shows no more; a comma left at the cut separates nothing (a text value never ends on
        # one: every reader drops it)
        ln["description"] = str(ln["description"])[:34].rstrip(" ,;")
    return s.page

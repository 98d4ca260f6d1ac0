"""Round 7 of the held-out invoice arrangements (see ``invoices``), modelled on two ERP outputs the earlier
arrangements do not draw:

* ``posnr``: an ERP billing document printed as a commercial invoice by a US or German plant of a large
  manufacturer (the SAP SD invoice output and its public descriptions: item numbers counted in steps of ten, often
  zero-padded as ``000010``; the material number in its own column; the price per pricing unit as ``12.5000 USD /
  1 PC``; ``Net value``; the sold-to and ship-to parties with the customer number; ``Your order`` (the PO) and
  ``Billing document`` / ``Date`` in a block top right; ``Incoterms`` with the place; ``Terms of payment``). Under
  each item, lines in smaller type give what customs needs: ``Country of origin``, ``HTS (US)`` or ``Commodity
  code`` (the six-digit heading dotted) and ``Fracción arancelaria MX`` with the eight-digit Mexican fracción (an
  IMMEX customer asks its suppliers for it). The number format follows the plant's country (``1,234.50`` and
  ``03/12/2024`` for a US plant, ``1.234,50`` and ``12.03.2024`` for a German one); ``Page 2`` with the
  header repeated; ``Total net value``, ``Freight``, ``Total amount``.
* ``balancedue``: a small US distributor's invoice from an accounting package for small businesses (the QuickBooks
  invoice form as its user guide describes it: ``BILL TO`` / ``SHIP TO``, ``INVOICE #``, ``DATE``, ``TERMS``,
  ``DUE DATE``, custom fields ``P.O. NUMBER`` and ``INCOTERM``; a ``SHIP DATE`` / ``SHIP VIA`` / ``TRACKING NO.``
  row; lines ``ACTIVITY | DESCRIPTION | QTY | RATE | AMOUNT`` where the activity is the item's name, sub-items
  shown as ``Parent:Child`` so the part number follows a category; rates as entered (``0.4575``, ``12.5``);
  ``SUBTOTAL``, ``SHIPPING``, ``TOTAL``, ``BALANCE DUE`` with the currency; a thank-you message; the seller's tax
  id in the footer). No tariff codes, no origin per line (the truth drops them).

Renderers set the truth to what they print and drop what they do not print.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("posnr", "balancedue")
PLANTS = [
    ("NORTHFIELD INDUSTRIAL PRODUCTS, INC.", "USA", "2200 Lakeshore Pkwy, Rockford, IL 61108", "US"),
    ("MIDWEST CONNECTOR SYSTEMS CORP.", "USA", "455 Enterprise Dr, Columbus, OH 43230", "US"),
    ("RHEINTAL KOMPONENTEN GMBH", "DEU", "Industriestraße 14, 76131 Karlsruhe", "DE"),
    ("SCHWABEN ELEKTROTECHNIK AG", "DEU", "Daimlerstraße 31, 70372 Stuttgart", "DE"),
]
DISTRIBUTORS = [
    ("Rio Grande Industrial Supply", "1120 Zaragoza St, Laredo, TX 78040", "LAREDO, TX"),
    ("Sun City Fasteners & Electrical", "7300 Montana Ave, El Paso, TX 79925", "EL PASO, TX"),
    ("Border Plastics Distribution LLC", "2501 S Jackson Rd, McAllen, TX 78503", "MCALLEN, TX"),
]
CATEGORIES = ["Cable Assemblies", "Electrical", "Fasteners", "Plastics", "Components", "Hardware"]
COUNTRIES = {"USA": "United States", "CHN": "China", "KOR": "Korea", "JPN": "Japan", "DEU": "Germany"}
COUNTRIES |= {"TWN": "Taiwan", "MEX": "Mexico"}
MX_TARIFF_LABELS = ["Fracción arancelaria MX", "Mexican tariff no. (fracción)", "Fracc. arancelaria (MX)"]


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw the invoice; returns its page count."""
    return (_posnr if arrangement == "posnr" else _balancedue)(truth, path, rng)


def _num(value: float, decimals: int, german: bool) -> str:
    text = f"{value:,.{decimals}f}"
    return text.translate(str.maketrans(",.", ".,")) if german else text


# --------------------------------------------------------------------------------------------------------


def _posnr(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    name, _country, address, notation = rng.choice(PLANTS)
    german = notation == "DE"
    tax_id = (
        f"DE{rng.randint(10**8, 10**9 - 1)}" if german else f"{rng.randint(10, 99)}-{rng.randint(10**6, 10**7 - 1)}"
    )
    incoterm = rng.choice(["FCA", "DAP", "EXW", "CPT"])
    f.update({"seller_name": name, "seller_tax_id": tax_id, "incoterm": incoterm})
    f.pop("origin_country", None)  # stated per item only
    for ln in lines:
        ln["unit"] = {"PCS": "PC", "EA": "PC"}.get(ln["unit"], ln["unit"])
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = rng.choice([7.0, 7.5])
    padded = rng.random() < 0.5
    yy, mm, dd = f["invoice_date"].split("-")
    when = f"{dd}.{mm}.{yy}" if german else f"{mm}/{dd}/{yy}"
    place = rng.choice(["LAREDO, TX", "EL PASO, TX", "MEMPHIS, TN"]) if not german else "FRANKFURT"
    s = Sheet(path, title="Commercial Invoice")
    L, R = 34.0, s.width - 34.0
    doc_label = rng.choice(["Billing document", "Invoice No.", "Invoice"])
    customer_no = f"{rng.randint(100000, 999999)}"

    def letterhead() -> float:
        s.text(L, 40, name, font=bold, size=11)
        s.text(L, 51, address, font=regular, size=size - 0.5)
        s.right(R, 40, "Commercial Invoice", font=bold, size=13)
        s.right(R, 52, f"Page {s.page}", font=regular, size=size)
        return 66.0

    y = letterhead()
    block = [
        (doc_label, f["invoice_number"]),
        ("Date", when),
        ("Customer number", customer_no),
        ("Your order", x["po"]),
        ("Currency", f["currency"]),
    ]
    for k, (label, value) in enumerate(block):
        s.text(R - 200, y + 8 + 10 * k, label, font=regular, size=size)
        s.text(R - 110, y + 8 + 10 * k, value, font=bold if label == doc_label else regular, size=size)
    s.text(L, y + 8, "Sold-to party", font=bold, size=size)
    rows = [f["buyer_name"], *wrap(x["buyer_address"], 230, font=regular, size=size)[:2], f"RFC {f['buyer_tax_id']}"]
    for k, row in enumerate(rows):
        s.text(L, y + 18 + 10 * k, row, font=regular, size=size)
    y += 18 + 10 * len(rows) + 8
    s.text(L, y, "Ship-to party", font=bold, size=size)
    s.text(L + 70, y, rng.choice(["Same as sold-to party", f["buyer_name"]]), font=regular, size=size)
    y = max(y + 18, 150.0)
    terms = rng.choice(["Net 30 days", "Net 60 days", "Within 45 days due net"])
    s.text(L, y, f"Incoterms: {incoterm} {place}", font=regular, size=size)
    s.text(L + 200, y, f"Terms of payment: {terms}", font=regular, size=size)
    y += 10
    s.text(L, y, f"Our VAT / tax id: {tax_id}", font=regular, size=size)
    y += 18
    cols = [
        ("Item", L + 2, "l"),
        ("Material", L + 40, "l"),
        ("Description", L + 120, "l"),
        ("Quantity", R - 165, "r"),
        ("UoM", R - 160, "l"),
        ("Price", R - 78, "r"),
        ("Net value", R - 2, "r"),
    ]
    bottom = rng.choice([640.0, 700.0])

    def header(y: float) -> float:
        s.hline(L, R, y - 9, 0.8)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size)
        s.hline(L, R, y + 4, 0.5)
        return y + 15

    y = header(y)
    small = size - 1
    for k, ln in enumerate(lines, start=1):
        desc = wrap(ln["description"], R - 210 - (L + 120), font=regular, size=size)
        tall = 10 * len(desc) + 3 * 9 + 6
        if y + tall > bottom:
            s.right(R, y + 2, "Continued on next page", font=regular, size=small)
            s.new_page()
            y = letterhead()
            s.text(
                L,
                y + 6,
                f"{doc_label} {f['invoice_number']}   Date {when}   Your order {x['po']}",
                font=regular,
                size=size,
            )
            y = header(y + 26)
        item = f"{10 * k:06d}" if padded else str(10 * k)
        price = f"{_num(ln['unit_price'], 4, german)} {f['currency']} / 1 {ln['unit']}"
        qty = _num(ln["quantity"], 0 if ln["quantity"] == int(ln["quantity"]) else 3, german)
        cells = [item, ln["part_number"], desc[0], qty, ln["unit"], price, _num(ln["amount"], 2, german)]
        for (_label, cx, align), cell in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        for j, part in enumerate(desc[1:], start=1):
            s.text(L + 120, y + 10 * j, part, font=regular, size=size)
        y += 10 * len(desc)
        code = ln["tariff_code"]
        origin = COUNTRIES.get(ln["origin_country"], ln["origin_country"])
        customs = [
            f"{'Ursprungsland / Country of origin' if german else 'Country of origin'}: {origin}",
            f"{'Commodity code' if german else 'HTS (US)'}: {code[:4]}.{code[4:6]}",
            f"{rng.choice(MX_TARIFF_LABELS)}: {code}",
        ]
        for line in customs:
            s.text(L + 120, y, line, font=regular, size=small)
            y += 9
        y += 6
    if y + 80 > s.height - 40:
        s.new_page()
        y = letterhead() + 10
    s.hline(R - 230, R, y - 4, 0.5)
    rows2 = [("Total net value", f["subtotal_amount"]), ("Freight", x["freight"]), ("Total amount", f["total_amount"])]
    for label, value in rows2:
        y += 11
        big = label == "Total amount"
        s.text(R - 230, y, label, font=bold if big else regular, size=size)
        s.right(R - 2, y, f"{_num(value, 2, german)} {f['currency']}", font=bold if big else regular, size=size)
    y += 24
    s.text(
        L,
        y,
        "The exporter of the products covered by this document declares that, except where otherwise",
        font=regular,
        size=small,
    )
    s.text(L, y + 9, "clearly indicated, these products are of the origin stated per item.", font=regular, size=small)
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _rate(value: float) -> str:
    """A rate as the package shows what was entered: two decimals at least, more only when there are more."""
    text = f"{value:,.4f}".rstrip("0")
    whole, _dot, frac = text.partition(".")
    return f"{whole}.{frac.ljust(2, '0')}"


def _balancedue(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    name, address, city = rng.choice(DISTRIBUTORS)
    incoterm = rng.choice(["FCA", "EXW", "DAP"])
    f.update({"seller_name": name, "incoterm": incoterm})
    f.pop("origin_country", None)  # the form has no place for it
    for ln in lines:
        ln.pop("tariff_code", None)
        ln.pop("origin_country", None)
        ln.pop("unit", None)
    accent = rng.choice([(0.13, 0.42, 0.36), (0.16, 0.31, 0.55), (0.35, 0.35, 0.35)])
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = rng.choice([8.0, 8.5])
    s = Sheet(path, title="Invoice")
    c = s.canvas
    L, R = 40.0, s.width - 40.0
    s.text(L, 44, name, font=bold, size=12)
    street, _comma, rest = address.partition(", ")
    s.text(L, 56, street, font=regular, size=size)
    s.text(L, 66, rest, font=regular, size=size)
    slug = name.split()[0].lower()
    s.text(
        L,
        76,
        f"billing@{slug}supply.com   +1 (915) {rng.randint(200, 999)}-{rng.randint(1000, 9999)}",
        font=regular,
        size=size,
    )
    c.setFillColorRGB(*accent)
    c.setFont(bold, 20)
    c.drawString(L, s.height - 110, "INVOICE")
    c.setFillGray(0)
    yy, mm, dd = (int(p) for p in f["invoice_date"].split("-"))
    issued = date(yy, mm, dd)
    days = rng.choice([30, 45, 60])
    due = issued + timedelta(days=days)
    us = f"{mm:02d}/{dd:02d}/{yy}"
    y = 130.0
    s.text(L, y, "BILL TO", font=bold, size=size - 0.5)
    s.text(L + 190, y, "SHIP TO", font=bold, size=size - 0.5)
    bill = [
        *wrap(f["buyer_name"], 170, font=regular, size=size),
        *wrap(x["buyer_address"], 170, font=regular, size=size)[:2],
    ]
    bill.append(f"RFC: {f['buyer_tax_id']}")
    ship = [
        *wrap(f["buyer_name"], 150, font=regular, size=size),
        *wrap(x["buyer_address"], 150, font=regular, size=size)[:2],
    ]
    if rng.random() < 0.5:
        ship = [f"c/o {rng.choice(['Laredo Cross-Dock', 'Border Transfer Yard'])}", city]
        ship += wrap(f"for {f['buyer_name']}", 150, font=regular, size=size)
    for k, row in enumerate(bill):
        s.text(L, y + 11 * (k + 1), row, font=regular, size=size)
    for k, row in enumerate(ship):
        s.text(L + 190, y + 11 * (k + 1), row, font=regular, size=size)
    right = [
        ("INVOICE #", f["invoice_number"]),
        ("DATE", us),
        ("DUE DATE", f"{due.month:02d}/{due.day:02d}/{due.year}"),
        ("TERMS", f"Net {days}"),
    ]
    for k, (label, value) in enumerate(right):
        s.right(R - 90, y + 11 * k, label, font=bold, size=size - 0.5)
        s.text(R - 84, y + 11 * k, value, font=regular, size=size)
    y += 11 * (max(len(bill), len(ship)) + 1) + 10
    s.hline(L, R, y - 8, 0.4)
    extra = [("SHIP DATE", us), ("SHIP VIA", rng.choice(["Customer truck", "FedEx Freight", "LTL"]))]
    extra += [("P.O. NUMBER", x["po"]), ("INCOTERM", f"{incoterm} {city}")]
    for k, (label, value) in enumerate(extra):
        s.text(L + 130 * k, y, label, font=bold, size=size - 0.5)
        s.text(L + 130 * k, y + 11, value, font=regular, size=size)
    y += 32
    cols = [("ACTIVITY", L + 4, "l"), ("DESCRIPTION", L + 170, "l"), ("QTY", R - 150, "r")]
    cols += [("RATE", R - 80, "r"), ("AMOUNT", R - 4, "r")]
    bottom = rng.choice([650.0, 700.0])

    def header(y: float) -> float:
        c.setFillColorRGB(*[0.75 + 0.25 * v for v in accent])
        c.rect(L, s.height - (y + 4), R - L, 14, stroke=0, fill=1)
        c.setFillGray(0)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
        return y + 18

    y = header(y)
    category = rng.choice(CATEGORIES)
    for ln in lines:
        desc = wrap(ln["description"], R - 178 - (L + 170), font=regular, size=size)
        if y + 12 * len(desc) > bottom:
            s.right(R, s.height - 30, f"Page {s.page}", font=regular, size=size - 1)
            s.new_page()
            s.text(L, 40, f"{name}  -  Invoice {f['invoice_number']} (continued)", font=bold, size=size)
            y = header(64.0)
        activity = f"{category}:{ln['part_number']}" if rng.random() < 0.8 else ln["part_number"]
        qty = f"{ln['quantity']:,.0f}" if ln["quantity"] == int(ln["quantity"]) else f"{ln['quantity']:,.2f}"
        cells = [activity, desc[0], qty, _rate(ln["unit_price"]), f"{ln['amount']:,.2f}"]
        for (_label, cx, align), cell in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        for j, part in enumerate(desc[1:], start=1):
            s.text(L + 170, y + 11 * j, part, font=regular, size=size)
        y += 11 * len(desc) + 7
        s.hline(L, R, y - 9, 0.2)
    if y + 110 > s.height - 40:
        s.right(R, s.height - 30, f"Page {s.page}", font=regular, size=size - 1)
        s.new_page()
        y = 60.0
    y += 6
    s.text(
        L,
        y,
        rng.choice(["Thank you for your business!", "Thank you for choosing us.", "We appreciate your business."]),
        font=regular,
        size=size,
    )
    rows = [("SUBTOTAL", f"{f['subtotal_amount']:,.2f}"), ("SHIPPING", f"{x['freight']:,.2f}")]
    rows.append(("TOTAL", f"{f['total_amount']:,.2f}"))
    for label, value in rows:
        s.text(R - 200, y, label, font=regular, size=size)
        s.right(R - 4, y, value, font=regular, size=size)
        y += 12
    s.hline(R - 200, R, y - 8, 0.6)
    y += 4
    s.text(R - 200, y, "BALANCE DUE", font=regular, size=size)
    s.right(R - 4, y, f"{f['currency']} {f['total_amount']:,.2f}", font=bold, size=size + 4)
    s.text(L, s.height - 44, f"Federal Tax ID (EIN): {f['seller_tax_id']}", font=regular, size=size - 1)
    s.text(
        L,
        s.height - 34,
        "Please make checks payable to " + name + ". Wire instructions available on request.",
        font=regular,
        size=size - 1,
    )
    if s.page > 1:
        s.right(R, s.height - 30, f"Page {s.page}", font=regular, size=size - 1)
    s.save()
    return s.page

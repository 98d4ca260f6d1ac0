"""Round 14 of the held-out commercial-invoice arrangements (see ``invoices``), written before the reader saw them.

Facts, not copies, from public sources: the express carriers' commercial invoice forms and their online shipping
tools' guides (the fields a courier asks for a dutiable parcel: shipper and consignee with their tax ids, importer
if other than consignee, the waybill number, reason for export, country of manufacture and harmonized code per
line, terms of sale, the shipper's declaration that the invoice is true and correct); the UK's invoicing rules
(the VAT registration number ``GB`` and nine digits, zero rating of exported goods), the company registration line
UK companies print on their stationery (Companies Act: registered number, place of registration and registered
office), the EORI number the UK issues since 2021 (``GB`` and twelve digits), the UK tariff's ten-digit commodity
codes, and the UK-Mexico trade continuity agreement's origin declaration on the invoice.

* ``courier``: the commercial invoice an express courier's online shipping tool prints for a dutiable shipment of
  parts to a maquiladora: ``COMMERCIAL INVOICE`` over a grid of boxes (``Date of Export`` as ``08/27/2025``, ``Air
  Waybill No.`` with the courier's ten digits: a number that is not the invoice's, ``Invoice No.``, ``Export
  References`` with the PO, ``Shipper/Exporter`` with ``Tax ID/VAT/EIN No.``, ``Consignee`` with the RFC, ``Importer -
  if other than consignee: SAME AS CONSIGNEE``, ``Country of Export``, ``Country of Ultimate Destination: MEXICO``,
  ``Reason for Export: SALE``, ``Terms of Sale (Incoterm)``); the lines ``No. of Pkgs | Qty | UOM | Net Wt (kg) |
  Description of Goods | Part No. | Harmonized Code | Country of Manufacture | Unit Value | Total Value`` with the
  six-digit HS heading dotted (the shipper's code: not a Mexican fracción, the truth drops it) and the country spelled
  out; packages and weights beside each line (figures that are neither quantities nor amounts); the totals ``Total No.
  of Packages``, ``Total Net Weight``, ``Subtotal``, ``Freight``, ``Insurance``, ``Total Invoice Value``, ``Currency
  Code``; the declaration and signature; ``Page 1 of 2`` at every foot with the header boxes again on each page.
* ``sterling``: a UK maker's export invoice billed in pounds sterling: the letterhead with ``VAT Reg. No.
  GB123456789`` (the seller's tax id as printed) and ``EORI No. GB123456789000``; ``INVOICE`` with ``Invoice
  No.``, ``Invoice Date`` as ``27 August 2025`` (the long British date), ``Your Order No.``, ``Account No.``;
  ``Invoice To`` with the buyer's RFC; ``Delivery Terms: FCA Birmingham (Incoterms® 2020)``; lines ``Item | Part No.
  | Description | Commodity Code | Origin | Qty | Unit | Unit Price £ | Net Value £`` with the UK's ten-digit
  commodity code (not a Mexican fracción, dropped from the truth), the origin spelled out per line; amounts as
  ``£1,234.56``; ``Goods Total``, ``Carriage``, ``VAT @ 0% (Zero-rated export)``, ``Invoice Total GBP``; the
  origin declaration for UK preferential origin; ``Registered in England and Wales No. 01234567`` with the
  registered office at every foot and ``Page 1 of 2``.

Renderers set the truth to what they print and drop what they do not print.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

from tests.synth.draw import MONTHS_EN_LONG, Sheet, wrap

ARRANGEMENTS = ("courier", "sterling")
COUNTRIES = {
    "USA": "UNITED STATES",
    "CHN": "CHINA",
    "KOR": "KOREA, SOUTH",
    "JPN": "JAPAN",
    "DEU": "GERMANY",
    "TWN": "TAIWAN",
    "MEX": "MEXICO",
    "GBR": "UNITED KINGDOM",
    "MYS": "MALAYSIA",
    "VNM": "VIET NAM",
    "THA": "THAILAND",
    "CAN": "CANADA",
    "ITA": "ITALY",
    "IND": "INDIA",
}
UK = [
    ("MIDLAND PRECISION COMPONENTS LTD", "Unit 7, Tyburn Road Industrial Estate, Birmingham B24 8HJ", "Birmingham"),
    ("PENNINE CABLE & WIRE LIMITED", "Holmfield Mills, Halifax, West Yorkshire HX2 9TN", "Leeds"),
    ("SOLENT MOULDED PLASTICS LTD", "14 Hamble Lane Business Park, Southampton SO31 4QD", "Southampton"),
]
COURIERS = ["EXPRESS WORLDWIDE", "INTERNATIONAL PRIORITY", "WORLDWIDE EXPRESS SAVER"]


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw the invoice; returns its page count (drawn twice so that "page N of M" knows M)."""
    draw = _courier if arrangement == "courier" else _sterling
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
    d = date.fromisoformat(iso)
    return f"{d.month:02d}/{d.day:02d}/{d.year}"


def _long(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day} {MONTHS_EN_LONG[d.month - 1]} {d.year}"


# --------------------------------------------------------------------------------------------------------


def _courier(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    seller_country = str(f.pop("origin_country", "USA"))  # the form states the country of export; origin per line
    hs = {}
    for ln in lines:
        code = ln.pop("tariff_code")
        hs[id(ln)] = f"{code[:4]}.{code[4:6]}"
        ln.setdefault("origin_country", "USA")
    waybill = f"{rng.randint(10**9, 10**10 - 1)}"
    service = rng.choice(COURIERS)
    export_country = COUNTRIES.get(seller_country, seller_country)
    pkgs = [max(1, int(ln["quantity"] // rng.choice([50, 100, 250, 500])) % 12 + 1) for ln in lines]
    weights = [round(rng.uniform(0.4, 18.0) * p, 2) for ln, p in zip(lines, pkgs, strict=True)]
    regular, bold = "Helvetica", "Helvetica-Bold"
    size, cap = 6.8, 5.0
    s = Sheet(path, wide=True, title="Commercial Invoice")
    L, R = 24.0, s.width - 24.0
    W = R - L

    def box(x0: float, y0: float, x1: float, y1: float, caption: str, rows: list[str]) -> None:
        s.box(x0, y0, x1, y1, 0.5)
        s.text(x0 + 2, y0 + 6, caption, font=regular, size=cap)
        for k, row in enumerate(rows):
            s.text(x0 + 4, y0 + 15 + 8.5 * k, row, font=bold if k == 0 else regular, size=size)

    def foot() -> None:
        s.right(R, s.height - 14, f"Page {s.page} of {pages}", font=regular, size=6)
        s.text(L, s.height - 14, f"{service}  -  Waybill {waybill}", font=regular, size=6)

    def head() -> float:
        s.centre((L + R) / 2, 26, "COMMERCIAL INVOICE", font=bold, size=13)
        y = 34.0
        c = [L, L + W * 0.25, L + W * 0.5, L + W * 0.75, R]
        box(c[0], y, c[1], y + 22, "Date of Export", [_mdy(f["invoice_date"])])
        box(c[1], y, c[2], y + 22, "Air Waybill No.", [waybill])
        box(c[2], y, c[3], y + 22, "Invoice No.", [f["invoice_number"]])
        box(c[3], y, c[4], y + 22, "Export References (i.e. order no., invoice no.)", [f"PO {x['po']}"])
        y += 22
        box(
            c[0],
            y,
            c[2],
            y + 52,
            "Shipper/Exporter (complete name and address)",
            [
                f["seller_name"],
                *wrap(x["seller_address"], W * 0.48, size=size)[:2],
                f"Tax ID/VAT/EIN No.: {f['seller_tax_id']}",
            ],
        )
        box(
            c[2],
            y,
            c[4],
            y + 52,
            "Consignee (complete name and address)",
            [f["buyer_name"], *wrap(x["buyer_address"], W * 0.48, size=size)[:2], f"RFC: {f['buyer_tax_id']}"],
        )
        y += 52
        box(c[0], y, c[1], y + 22, "Importer - if other than consignee", ["SAME AS CONSIGNEE"])
        box(c[1], y, c[2], y + 22, "Country of Export", [export_country])
        box(c[2], y, c[3], y + 22, "Country of Ultimate Destination", ["MEXICO"])
        box(c[3], y, c[4], y + 22, "Reason for Export", ["SALE"])
        y += 22
        box(c[0], y, c[1], y + 22, "Terms of Sale (Incoterm)", [f["incoterm"]])
        box(c[1], y, c[2], y + 22, "Currency Code", [f["currency"]])
        box(c[2], y, c[3], y + 22, "Payment Terms", [x["terms"]])
        box(c[3], y, c[4], y + 22, "Service", [service])
        return y + 34

    cols = [
        ("No. of Pkgs", 0.0, "r", 0.05),
        ("Qty", 0.05, "r", 0.07),
        ("UOM", 0.125, "l", 0.04),
        ("Net Wt (kg)", 0.165, "r", 0.06),
        ("Description of Goods", 0.235, "l", 0.24),
        ("Part No.", 0.48, "l", 0.09),
        ("Harmonized Code", 0.575, "l", 0.07),
        ("Country of Manufacture", 0.65, "l", 0.12),
        ("Unit Value", 0.775, "r", 0.09),
        ("Total Value", 0.87, "r", 0.13),
    ]

    def header(y: float) -> float:
        s.shade(L, y - 9, R, y + 4, 0.86)
        for label, dx, align, w in cols:
            if align == "r":
                s.right(L + W * (dx + w) - 3, y, label, font=bold, size=cap + 0.6)
            else:
                s.text(L + W * dx + 3, y, label, font=bold, size=cap + 0.6)
        return y + 14

    y = header(head())
    for ln, p, kg in zip(lines, pkgs, weights, strict=True):
        desc = wrap(ln["description"], W * 0.24 - 6, font=regular, size=size)
        h = 9 * len(desc) + 4
        if y + h > s.height - 120:
            s.text(L, y + 4, "Continued on next page", font=regular, size=6)
            foot()
            s.new_page()
            y = header(head())
        cells = [
            str(p),
            f"{ln['quantity']:,.0f}",
            ln["unit"],
            f"{kg:,.2f}",
            None,
            ln["part_number"],
            hs[id(ln)],
            COUNTRIES.get(ln["origin_country"], ln["origin_country"]),
            f"{ln['unit_price']:,.4f}",
            f"{ln['amount']:,.2f}",
        ]
        for (_label, dx, align, w), text in zip(cols, cells, strict=True):
            if text is None:
                for j, part in enumerate(desc):
                    s.text(L + W * dx + 3, y + 9 * j, part, font=regular, size=size)
            elif align == "r":
                s.right(L + W * (dx + w) - 3, y, text, font=regular, size=size)
            else:
                s.text(L + W * dx + 3, y, text, font=regular, size=size)
        y += h
        s.hline(L, R, y - 3.5, 0.2)
    y += 6
    tot = [
        ("Total No. of Packages:", str(sum(pkgs))),
        ("Total Net Weight (kg):", f"{sum(weights):,.2f}"),
    ]
    money = [
        ("Subtotal:", f"{f['subtotal_amount']:,.2f}"),
        ("Freight:", f"{x['freight']:,.2f}"),
        ("Insurance:", "0.00"),
        ("Total Invoice Value:", f"{f['total_amount']:,.2f}"),
        ("Currency Code:", f["currency"]),
    ]
    for k, (label, value) in enumerate(tot):
        s.text(L, y + 10 * k, label, font=bold, size=size)
        s.text(L + 100, y + 10 * k, value, font=regular, size=size)
    for k, (label, value) in enumerate(money):
        s.right(R - 90, y + 10 * k, label, font=bold, size=size)
        s.right(R - 3, y + 10 * k, value, font=bold if k == 3 else regular, size=size)
    y += 56
    s.text(L, y, "I declare all the information contained in this invoice to be true and correct.", size=size)
    s.text(L, y + 18, "Signature of Shipper/Exporter: ________________________", size=size)
    s.text(L + 300, y + 18, f"Date: {_mdy(f['invoice_date'])}", size=size)
    foot()
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _sterling(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    name, address, city = rng.choice(UK)
    digits = "".join(str(rng.randint(0, 9)) for _ in range(9))
    vat = f"GB{digits}"
    eori = f"GB{digits}000"
    company_no = f"{rng.randint(100000, 9999999):08d}"
    rate = rng.uniform(0.73, 0.80)
    for ln in lines:
        ln["unit_price"] = round(ln["unit_price"] * rate, 4)
        ln["amount"] = round(ln["quantity"] * ln["unit_price"], 2)
        ln["origin_country"] = "GBR" if rng.random() < 0.75 else ln.get("origin_country", "GBR")
    x["freight"] = round(x["freight"] * rate, 2)
    f["subtotal_amount"] = round(sum(ln["amount"] for ln in lines), 2)
    f["total_amount"] = round(f["subtotal_amount"] + x["freight"], 2)
    f.update({"seller_name": name, "seller_tax_id": vat, "currency": "GBP"})
    f.pop("origin_country", None)  # per line only
    codes = {}
    for ln in lines:
        code = ln.pop("tariff_code")
        codes[id(ln)] = code[:6] + f"{rng.randint(0, 99):02d}" + rng.choice(["00", "90", "10"])
    account = f"{name[:3]}{rng.randint(100, 999)}"
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = 7.2
    s = Sheet(path, title="Invoice")
    L, R = 34.0, s.width - 34.0
    M = (L + R) / 2

    def gbp(value: float, decimals: int = 2) -> str:
        return f"£{value:,.{decimals}f}"

    def foot() -> None:
        s.hline(L, R, s.height - 34, 0.4)
        s.text(
            L,
            s.height - 26,
            f"Registered in England and Wales No. {company_no}. Registered office: {address}.",
            font=regular,
            size=5.6,
        )
        s.right(R, s.height - 16, f"Page {s.page} of {pages}", font=regular, size=6)

    def top() -> float:
        s.text(L, 36, name, font=bold, size=12)
        s.text(L, 47, address + ", United Kingdom", font=regular, size=size - 0.6)
        s.text(L, 56, f"VAT Reg. No. {vat}    EORI No. {eori}", font=regular, size=size - 0.6)
        s.right(R, 38, "INVOICE", font=bold, size=16)
        s.hline(L, R, 62, 1.0)
        return 76.0

    y = top()
    info = [
        ("Invoice No.", f["invoice_number"]),
        ("Invoice Date", _long(f["invoice_date"])),
        ("Your Order No.", x["po"]),
        ("Account No.", account),
        ("Payment Terms", {"NET 30": "30 days net", "NET 60": "60 days net"}.get(x["terms"], "Payment in advance")),
        ("Currency", "GBP - Pound Sterling"),
    ]
    for k, (label, value) in enumerate(info):
        s.text(M + 40, y + 10 * k, label, font=bold, size=size)
        s.text(M + 120, y + 10 * k, value, font=regular, size=size)
    s.text(L, y, "Invoice To", font=bold, size=size)
    rows = [f["buyer_name"], *wrap(x["buyer_address"], M - L - 10, font=regular, size=size)[:2], "Mexico"]
    rows.append(f"RFC: {f['buyer_tax_id']}")
    for k, row in enumerate(rows, start=1):
        s.text(L, y + 9 * k, row, font=regular, size=size)
    y += 66
    named = {"FCA": city, "EXW": city, "FOB": "Felixstowe", "CIF": "Manzanillo, Mexico"}.get(
        f["incoterm"], "Queretaro, Mexico"
    )
    s.text(L, y, f"Delivery Terms: {f['incoterm']} {named} (Incoterms® 2020)", font=bold, size=size)
    y += 16
    cols = [
        ("Item", L + 2, "l"),
        ("Part No.", L + 24, "l"),
        ("Description", L + 92, "l"),
        ("Commodity Code", L + 250, "l"),
        ("Origin", L + 308, "l"),
        ("Qty", L + 396, "r"),
        ("Unit", L + 402, "l"),
        ("Unit Price £", L + 468, "r"),
        ("Net Value £", R - 2, "r"),
    ]

    def header(y: float) -> float:
        s.hline(L, R, y - 9, 0.6)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.4)
        s.hline(L, R, y + 4, 0.6)
        return y + 14

    y = header(y)
    for k, ln in enumerate(lines, start=1):
        desc = wrap(ln["description"], 152, font=regular, size=size)
        h = 9 * len(desc) + 4
        if y + h > s.height - 150:
            s.right(R, y + 4, "continued overleaf", font=regular, size=6)
            foot()
            s.new_page()
            y = header(top() + 4)
        cells = [
            str(k),
            ln["part_number"],
            None,
            codes[id(ln)],
            COUNTRIES.get(ln["origin_country"], ln["origin_country"]).title(),
            f"{ln['quantity']:,.0f}",
            ln["unit"],
            f"{ln['unit_price']:,.4f}",
            f"{ln['amount']:,.2f}",
        ]
        for (_label, cx, align), text in zip(cols, cells, strict=True):
            if text is None:
                for j, part in enumerate(desc):
                    s.text(cx, y + 9 * j, part, font=regular, size=size)
            else:
                (s.right if align == "r" else s.text)(cx, y, text, font=regular, size=size)
        y += h
    s.hline(L, R, y - 4, 0.5)
    y += 8
    totals = [
        ("Goods Total", gbp(f["subtotal_amount"])),
        ("Carriage", gbp(x["freight"])),
        ("VAT @ 0% (Zero-rated export)", gbp(0.0)),
        ("Invoice Total GBP", gbp(f["total_amount"])),
    ]
    for k, (label, value) in enumerate(totals):
        s.right(R - 90, y + 11 * k, label, font=bold, size=size)
        s.right(R - 2, y + 11 * k, value, font=bold if k == 3 else regular, size=size)
    y += 54
    decl = (
        f"The exporter of the products covered by this document (customs authorisation No. {eori}) declares that, "
        "except where otherwise clearly indicated, these products are of UK preferential origin."
    )
    for part in wrap(decl, R - L, font=regular, size=size - 0.6):
        s.text(L, y, part, font=regular, size=size - 0.6)
        y += 8
    s.text(L, y + 4, f"{city}, {_long(f['invoice_date'])}", font=regular, size=size - 0.6)
    s.text(L, y + 22, "For and on behalf of " + name, font=regular, size=size - 0.6)
    foot()
    s.save()
    return s.page

"""Round 5 of the held-out invoice arrangements (see ``invoices``), modelled on two kinds of issuer the earlier
arrangements do not draw:

* ``parts``: a Japanese or Korean trading company's export invoice. The title ``INVOICE`` over a grid of boxes
  (``Shipper/Exporter``, ``For account & risk of Messrs.``, ``Notify party``, ``Invoice No. & Date`` in one box,
  ``L/C No.``, ``Port of loading``, ``Final destination``, ``Carrier``, ``Sailing on or about``, ``Remarks``); the
  table ``Marks & Numbers | Parts No. | Description of Goods | Quantity | Unit Price | Amount`` with the price term
  above (``FOB TOKYO``), quantities as ``1,200PCS`` or ``1,200 PCS``, unit prices with ``@`` (``@US$0.4500``),
  each description followed by ``H.S. CODE: 8536.90`` (the six-digit heading, not a Mexican fracción: the truth
  keeps no tariff code); ``Continued on next page`` and ``Page 1/2`` at page breaks; ``TOTAL:`` with the packages
  count; the company's corporate number (Japan, 13 digits) or business registration number (Korea) under the
  letterhead; the signature over the company's name in the lower right.
* ``distributor``: a US distributor's invoice to a maquiladora. ``Bill To`` and ``Ship To`` side by side, a row
  of boxes ``Invoice # | Invoice Date (MM/DD/YYYY) | Customer PO | Terms | Ship Via | FOB``; the table ``Ln | SKU |
  Description | Fracc. MX | COO | Qty Ord | Qty Ship | UOM | Unit Price | Ext. Price`` (the quantity is the one
  shipped; back-ordered lines show fewer shipped than ordered), two-letter origin codes (``CN``), ``$`` on the
  money, descriptions over two lines with the manufacturer's part; the table breaks across pages with
  ``Continued`` and ``Page 1 of 2``; ``Subtotal``, ``Freight``, ``Sales Tax (export, exempt) 0.00``, ``Total Due
  (USD)``; ``Federal Tax ID`` in the footer with remit-to lines.

Renderers set the truth to what they print and drop what they do not print.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from tests.synth.draw import MONTHS_EN, Sheet, wrap

ARRANGEMENTS = ("parts", "distributor")
TRADERS = [
    ("KANSAI DENKI BUHIN CO., LTD.", "JPN", "3-5-12 Minamisemba, Chuo-ku, Osaka 542-0081, Japan", "OSAKA"),
    ("TOYOSHIMA PRECISION TRADING CORPORATION", "JPN", "2-11-1 Shibaura, Minato-ku, Tokyo 108-0023, Japan", "TOKYO"),
    ("NAGOYA AUTO PARTS EXPORT CO., LTD.", "JPN", "1-4-7 Meieki, Nakamura-ku, Nagoya 450-0002, Japan", "NAGOYA"),
    ("DAEHAN INDUSTRIAL PARTS CO., LTD.", "KOR", "77 Sinseon-ro, Nam-gu, Busan 48547, Korea", "BUSAN"),
    ("SEOHAN ELECTRONICS TRADING INC.", "KOR", "15 Teheran-ro 87-gil, Gangnam-gu, Seoul 06164, Korea", "INCHEON"),
]
DISTRIBUTORS = [
    ("BORDERLAND INDUSTRIAL SUPPLY, INC.", "4410 Gateway Blvd, El Paso, TX 79905"),
    ("RIO GRANDE ELECTRONIC COMPONENTS LLC", "1200 Industrial Pkwy, McAllen, TX 78503"),
    ("SOUTHWEST FASTENER & MRO SUPPLY CO.", "2250 E Valencia Rd, Tucson, AZ 85706"),
]
ISO2 = {"USA": "US", "CHN": "CN", "KOR": "KR", "JPN": "JP", "DEU": "DE", "TWN": "TW", "MEX": "MX"}


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw the invoice; returns its page count."""
    return (_parts if arrangement == "parts" else _distributor)(truth, path, rng)


def _n(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}"


def _qty(value: float) -> str:
    return _n(value, 0) if value == int(value) else _n(value, 3)


# --------------------------------------------------------------------------------------------------------


def _parts(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    name, country, address, port = rng.choice(TRADERS)
    if country == "JPN":
        tax_label, tax_id = "Corporate No.", f"{rng.randint(10**12, 10**13 - 1)}"
    else:
        tax_label, tax_id = (
            "Business Reg. No.",
            f"{rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10000, 99999)}",
        )
    f.update({"seller_name": name, "origin_country": country, "seller_tax_id": tax_id})
    truth["references"] = [r for r in truth["references"] if r["kind"] != "po"]
    for ln in lines:
        ln["_hs"] = ln.pop("tariff_code")[:6]
        ln.pop("origin_country", None)
    regular, bold = rng.choice([("Times-Roman", "Times-Bold"), ("Helvetica", "Helvetica-Bold")])
    size = rng.choice([7.0, 7.5, 8.0])
    glued = rng.random() < 0.5  # "1,200PCS"
    s = Sheet(path, title="Invoice")
    L, R, M = 32.0, s.width - 32.0, 300.0
    s.centre(s.width / 2, 36, "INVOICE", font=bold, size=16)

    def box(x0: float, y0: float, x1: float, y1: float, label: str, values: list[str]) -> None:
        s.box(x0, y0, x1, y1, 0.5)
        s.text(x0 + 3, y0 + 8, label, font=regular, size=size - 1.5)
        for k, value in enumerate(values):
            s.text(x0 + 8, y0 + 19 + 10 * k, value, font=regular, size=size)

    parts = wrap(address, M - L - 14, font=regular, size=size)[:2]
    box(L, 46, M, 110, "Shipper/Exporter", [name, *parts, f"{tax_label}: {tax_id}"])
    y, mm, d = f["invoice_date"].split("-")
    date_text = rng.choice(
        [f"{MONTHS_EN[int(mm) - 1]}. {int(d)}, {y}", f"{y}/{mm}/{d}", f"{d}-{MONTHS_EN[int(mm) - 1]}-{y}"]
    )
    box(M, 46, R, 78, "No. & date of invoice", [f"{f['invoice_number']}    {date_text}"])
    box(M, 78, R, 110, "No. & date of L/C", [rng.choice(["", f"M{rng.randint(10**9, 10**10 - 1)}"])])
    buyer = [f["buyer_name"], *wrap(x["buyer_address"], M - L - 14, font=regular, size=size)[:2]]
    box(L, 110, M, 170, "For account & risk of Messrs.", [*buyer, f"RFC: {f['buyer_tax_id']}"])
    box(M, 110, R, 170, "Remarks", [f"Price term: {f['incoterm']} {port}", "Payment: T/T 60 DAYS AFTER B/L DATE"])
    box(L, 170, M, 202, "Notify party", ["SAME AS CONSIGNEE"])
    box(M, 170, R, 202, "Country of origin", [{"JPN": "JAPAN", "KOR": "KOREA"}[country]])
    half = (M - L) / 2
    box(L, 202, L + half, 230, "Port of loading", [f"{port}, {'JAPAN' if country == 'JPN' else 'KOREA'}"])
    box(L + half, 202, M, 230, "Final destination", [rng.choice(["MANZANILLO, MEXICO", "LAZARO CARDENAS, MEXICO"])])
    box(L, 230, L + half, 258, "Carrier", [rng.choice(["ONE HARMONY", "HMM ALGECIRAS", "NYK VEGA"])])
    box(L + half, 230, M, 258, "Sailing on or about", [date_text])
    cols = [("marks", L + 2, "l"), ("part", L + 76, "l"), ("desc", L + 150, "l")]
    cols += [("qty", R - 170, "r"), ("price", R - 88, "r"), ("amount", R - 2, "r")]
    heads = {"marks": "Marks & Numbers", "part": rng.choice(["Parts No.", "Part No.", "PARTS NO."])}
    heads |= {"desc": "Description of Goods", "qty": "Quantity", "price": "Unit Price", "amount": "Amount"}
    bottom = rng.choice([600.0, 680.0, 720.0])

    def header(y: float) -> float:
        s.hline(L, R, y - 10, 0.8)
        for key, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, heads[key], font=bold, size=size)
        s.right(R - 2, y + 10, f"{f['incoterm']} {port}", font=bold, size=size - 1)
        s.hline(L, R, y + 14, 0.5)
        return y + 28

    y_at = header(278.0)
    s.text(L + 2, y_at, "K.D.M.", font=regular, size=size)
    s.text(L + 2, y_at + 10, "MANZANILLO", font=regular, size=size)
    s.text(L + 2, y_at + 20, f"C/NO. 1-{rng.randint(5, 80)}", font=regular, size=size)
    s.text(L + 2, y_at + 30, "MADE IN " + ("JAPAN" if country == "JPN" else "KOREA"), font=regular, size=size)
    width = R - 170 - 56 - (L + 150)
    for ln in lines:
        desc = wrap(ln["description"].upper(), width, font=regular, size=size)
        if y_at + 10 * (len(desc) + 2) > bottom:
            s.right(R, y_at + 6, "Continued on next page", font=regular, size=size - 1)
            s.right(R, s.height - 30, f"Page {s.page}", font=regular, size=size - 1)
            s.new_page()
            s.text(L, 40, f"Invoice No. {f['invoice_number']}", font=regular, size=size)
            y_at = header(66.0)
        s.text(L + 76, y_at, ln["part_number"], font=regular, size=size)
        for k, part in enumerate(desc):
            s.text(L + 150, y_at + 10 * k, part, font=regular, size=size)
        s.text(
            L + 150, y_at + 10 * len(desc), f"H.S. CODE: {ln['_hs'][:4]}.{ln['_hs'][4:]}", font=regular, size=size - 1
        )
        gap = "" if glued else " "
        s.right(R - 170, y_at, f"{_qty(ln['quantity'])}{gap}{ln['unit']}", font=regular, size=size)
        s.right(R - 88, y_at, f"@US${_n(ln['unit_price'], 4)}", font=regular, size=size)
        s.right(R - 2, y_at, f"US${_n(ln['amount'], 2)}", font=regular, size=size)
        y_at += 10 * (len(desc) + 1) + 6
    for ln in lines:
        ln.pop("_hs")
    if y_at + 120 > s.height - 40:
        s.new_page()
        y_at = 60.0
    s.hline(L, R, y_at - 4, 0.5)
    y_at += 8
    total_qty = sum(ln["quantity"] for ln in lines)
    s.text(L + 150, y_at, "TOTAL:", font=bold, size=size)
    s.right(R - 170, y_at, f"{_qty(total_qty)}{lines[0]['unit']}", font=bold, size=size)
    s.right(R - 2, y_at, f"US${_n(f['subtotal_amount'], 2)}", font=bold, size=size)
    if x["freight"]:
        y_at += 12
        s.text(L + 150, y_at, "FREIGHT CHARGE:", font=regular, size=size)
        s.right(R - 2, y_at, f"US${_n(x['freight'], 2)}", font=regular, size=size)
        y_at += 12
        s.text(L + 150, y_at, "GRAND TOTAL:", font=bold, size=size)
        s.right(R - 2, y_at, f"US${_n(f['total_amount'], 2)}", font=bold, size=size)
    y_at += 30
    s.text(L, y_at, f"TOTAL PACKAGES: {rng.randint(2, 60)} CARTONS", font=regular, size=size)
    s.hline(R - 200, R, y_at + 30, 0.5)
    s.text(R - 200, y_at + 40, name, font=bold, size=size - 0.5)
    s.text(
        R - 200,
        y_at + 50,
        "Signed by: " + rng.choice(["T. YAMAMOTO", "K. SATO", "J. KIM", "S. PARK"]),
        font=regular,
        size=size - 0.5,
    )
    if s.page > 1:
        s.right(R, s.height - 30, f"Page {s.page}", font=regular, size=size - 1)
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _distributor(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    name, address = rng.choice(DISTRIBUTORS)
    f["seller_name"] = name
    # stated per line only (the COO column): the form prints no origin for the invoice (as round 9's and round 12's
    # US distributors' forms, whose truth drops it too)
    f.pop("origin_country", None)
    for ln in lines:
        ln["unit"] = {"PCS": "EA"}.get(ln["unit"], ln["unit"])
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Courier", "Courier-Bold")])
    size = 7.0 if regular == "Courier" else rng.choice([7.0, 7.5])
    s = Sheet(path, title="Invoice")
    L, R = 28.0, s.width - 28.0
    s.text(L, 40, name, font=bold, size=12)
    s.text(L, 52, address, font=regular, size=size)
    s.text(
        L,
        62,
        f"Phone (915) {rng.randint(200, 999)}-{rng.randint(1000, 9999)}   sales@{name.split()[0].lower()}.com",
        font=regular,
        size=size,
    )
    s.right(R, 42, "INVOICE", font=bold, size=18)
    blocks = [
        (
            "Bill To:",
            [f["buyer_name"], *wrap(x["buyer_address"], 230, font=regular, size=size)[:2], f"RFC {f['buyer_tax_id']}"],
        )
    ]
    ship = rng.choice(["SAME", "c/o BORDER WAREHOUSE, 8900 Americas Ave, El Paso TX (for export to Mexico)"])
    blocks.append(("Ship To:", wrap(ship, 230, font=regular, size=size)[:2]))
    for k, (label, rows) in enumerate(blocks):
        x0 = L + 290 * k
        s.text(x0, 86, label, font=bold, size=size)
        for j, row in enumerate(rows):
            s.text(x0 + 6, 97 + 10 * j, row, font=regular, size=size)
    y, mm, d = f["invoice_date"].split("-")
    boxes = [
        (rng.choice(["Invoice #", "Invoice No."]), f["invoice_number"]),
        ("Invoice Date", f"{mm}/{d}/{y}"),
        ("Customer PO", x["po"]),
        ("Terms", rng.choice(["Net 30", "Net 45", "Prepaid"])),
        ("Ship Via", rng.choice(["Best Way", "UPS Freight", "Customer Truck"])),
        ("FOB", f["incoterm"] + " " + rng.choice(["El Paso", "Origin", "Laredo"])),
    ]
    width = (R - L) / len(boxes)
    for k, (label, value) in enumerate(boxes):
        x0 = L + k * width
        s.shade(x0, 140, x0 + width, 150, 0.85)
        s.box(x0, 140, x0 + width, 164, 0.4)
        s.centre(x0 + width / 2, 148, label, font=bold, size=size - 0.5)
        s.centre(x0 + width / 2, 160, value, font=regular, size=size)
    cols = [
        ("ln", L + 2, "l", "Ln"),
        ("sku", L + 18, "l", rng.choice(["SKU", "Item/SKU"])),
        ("desc", L + 90, "l", "Description"),
        ("fr", L + 262, "l", rng.choice(["Fracc. MX", "Fraccion MX"])),
        ("coo", L + 312, "l", "COO"),
        ("ord", L + 362, "r", "Qty Ord"),
        ("ship", L + 402, "r", "Qty Ship"),
        ("uom", L + 408, "l", "UOM"),
        ("price", R - 56, "r", "Unit Price"),
        ("ext", R - 2, "r", "Ext. Price"),
    ]
    bottom = rng.choice([560.0, 640.0, 700.0])

    def header(y: float) -> float:
        s.shade(L, y - 9, R, y + 3, 0.8)
        for _key, cx, align, label in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
        return y + 14

    def footer() -> None:
        s.text(L, s.height - 40, f"Federal Tax ID: {f['seller_tax_id']}", font=regular, size=size - 1)
        s.text(
            L,
            s.height - 31,
            f"Remit to: {name}, PO Box {rng.randint(1000, 9999)}, Dallas TX 75265",
            font=regular,
            size=size - 1,
        )
        s.right(R, s.height - 31, f"Page {s.page}", font=regular, size=size - 1)

    y_at = header(184.0)
    for k, ln in enumerate(lines, start=1):
        mfr = f"Mfr P/N {rng.choice(['TE', 'MOLEX', '3M', 'PANDUIT'])}-{rng.randint(10000, 99999)}"
        desc = wrap(ln["description"], 160, font=regular, size=size) + [mfr]
        if y_at + 10 * len(desc) > bottom:
            s.right(R, y_at + 4, "Continued", font=bold, size=size)
            footer()
            s.new_page()
            s.text(L, 40, f"{name}  -  Invoice {f['invoice_number']}", font=bold, size=size)
            y_at = header(60.0)
        ordered = ln["quantity"] + (rng.choice([0, 0, 0, 10, 50]) if rng.random() < 0.3 else 0)
        s.text(L + 2, y_at, str(k), font=regular, size=size)
        s.text(L + 18, y_at, ln["part_number"], font=regular, size=size)
        for j, part in enumerate(desc):
            s.text(L + 90, y_at + 10 * j, part, font=regular, size=size)
        s.text(L + 262, y_at, ln["tariff_code"], font=regular, size=size)
        s.text(L + 312, y_at, ISO2[ln["origin_country"]], font=regular, size=size)
        s.right(L + 362, y_at, _qty(ordered), font=regular, size=size)
        s.right(L + 402, y_at, _qty(ln["quantity"]), font=regular, size=size)
        s.text(L + 408, y_at, ln["unit"], font=regular, size=size)
        s.right(R - 56, y_at, f"${_n(ln['unit_price'], 4)}", font=regular, size=size)
        s.right(R - 2, y_at, f"${_n(ln['amount'], 2)}", font=regular, size=size)
        y_at += 10 * len(desc) + 5
        s.hline(L, R, y_at - 8, 0.2)
    if y_at + 80 > s.height - 50:
        footer()
        s.new_page()
        y_at = 60.0
    rows = [("Subtotal", f["subtotal_amount"]), ("Freight", x["freight"]), ("Sales Tax (export, exempt)", 0.0)]
    rows.append(("Total Due (USD)", f["total_amount"]))
    for label, value in rows:
        y_at += 12
        s.text(R - 200, y_at, label, font=bold if "Total" in label else regular, size=size)
        s.right(R - 2, y_at, f"${_n(value, 2)}", font=bold if "Total" in label else regular, size=size)
    s.text(
        L,
        y_at,
        "Goods exported under IMMEX program of consignee. Thank you for your business!",
        font=regular,
        size=size - 1,
    )
    footer()
    s.save()
    return s.page

"""Round 9 of the held-out invoice arrangements (see ``invoices``), modelled on two invoice outputs the earlier
arrangements do not draw:

* ``facture``: a Quebec manufacturer's bilingual French / English export invoice, as the Charter of the French
  language asks for commercial documents there (French first, English after the slash): ``FACTURE / INVOICE``,
  ``No de facture / Invoice No.``, ``Date : 2025-08-27`` (the ISO order Canadian forms print), ``Vendu à / Sold
  to`` and ``Expédié à / Ship to`` side by side, the seller's business number (``NE / BN 123456789 RT0001``, the
  Canada Revenue Agency's nine digits and program account) as its tax id; lines ``Article / Item | Description |
  Qté / Qty | Prix unitaire / Unit price | Montant / Amount`` with the French-Canadian number format (space for
  thousands, comma for decimals: ``12 345,67``), the HS code at six digits (the international part of the
  Harmonized System, the only part a foreign seller knows: no Mexican fracción, the truth drops it) and the
  country of origin under each description; ``Sous-total / Subtotal``, ``Transport / Freight``, the sales taxes
  zero-rated for export (``TPS / GST 0,00``, ``TVQ / QST 0,00``, ``Exportation détaxée / Zero-rated export``),
  ``Total USD``; ``Incoterms® 2020`` and the named place; ``Suite à la page suivante / Continued`` at a
  page break and the header printed again on every page.
* ``shipped``: a US industrial distributor's combined ``COMMERCIAL INVOICE / PACKING LIST`` from its ERP, as
  shipments to maquiladoras are billed: ``Sold To`` / ``Ship To`` boxes, a row of header cells (``Invoice No.``,
  ``Invoice Date`` as ``Aug 27 2025``, ``Order No.``, ``Customer PO``, ``Ship Via``, ``Terms``, ``Incoterm``);
  lines ``Ln | Item No. / Customer Item | Description | MX HTS | COO | Qty Ord | Qty Shp | B/O | UM | Unit Price |
  Ext Price`` where a back-ordered line ships less than was ordered (the amount is the shipped quantity's),
  the Mexican fracción the customer asked for in its own column, descriptions on several lines; ``Continued on
  next page`` and the table's header again when the lines run over; net and gross weights and the carton count
  of the packing list; ``Merchandise``, ``Freight``, ``Invoice Total``; the exporter's federal tax id (EIN) in
  the footer and a Schedule B / EEI statement.

Renderers set the truth to what they print and drop what they do not print.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

from tests.synth.draw import MONTHS_EN, Sheet, wrap

ARRANGEMENTS = ("facture", "shipped")
QUEBEC = [
    ("PLASTIQUES LAURENTIDES INC.", "1250, boul. Industriel, Saint-Jérôme (Québec) J7Y 4B8, Canada"),
    ("COMPOSANTES BOREAL LTEE", "3400, rue Jean-Yves, Kirkland (Québec) H9J 2R6, Canada"),
    ("FILS ET CABLES SAINT-LAURENT INC.", "88, chemin du Fleuve, Trois-Rivières (Québec) G9A 5H1, Canada"),
]
PAYS = {"USA": "États-Unis", "CHN": "Chine", "KOR": "Corée", "JPN": "Japon", "DEU": "Allemagne", "CAN": "Canada"}
PAYS |= {"TWN": "Taïwan", "MEX": "Mexique"}


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw the invoice; returns its page count."""
    return (_facture if arrangement == "facture" else _shipped)(truth, path, rng)


def _fr(value: float, decimals: int = 2) -> str:
    """``12 345,67``: a space between thousands, a comma before the decimals."""
    return f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",")


# --------------------------------------------------------------------------------------------------------


def _facture(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    name, address = rng.choice(QUEBEC)
    bn = f"{rng.randint(100000000, 999999999)} RT0001"
    f.update({"seller_name": name, "seller_tax_id": bn})
    f.pop("origin_country", None)  # stated per line only
    hs_codes = {}
    for ln in lines:
        code = ln.pop("tariff_code")
        hs_codes[ln["part_number"]] = f"{code[:4]}.{code[4:6]}"
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = rng.choice([7.5, 8.0])
    place = rng.choice(["Montréal (QC)", "Saint-Jérôme (QC)", "Laredo, TX"])
    s = Sheet(path, title="Facture / Invoice")
    L, R = 36.0, s.width - 36.0

    def top() -> float:
        s.text(L, 40, name, font=bold, size=11)
        for k, part in enumerate(wrap(address, 260, font=regular, size=size)[:2]):
            s.text(L, 52 + 10 * k, part, font=regular, size=size)
        s.text(L, 74, f"NE / BN {bn}", font=regular, size=size)
        s.right(R, 44, "FACTURE / INVOICE", font=bold, size=15)
        s.right(R, 58, f"No de facture / Invoice No. : {f['invoice_number']}", font=bold, size=size)
        s.right(R, 69, f"Date : {f['invoice_date']}", font=regular, size=size)
        s.hline(L, R, 82, 1.0)
        return 98.0

    def foot() -> None:
        s.centre(s.width / 2, s.height - 24, f"Page {s.page}", font=regular, size=size - 1)

    y = top()
    half = (R - L) / 2
    for k, title in enumerate(("Vendu à / Sold to", "Expédié à / Ship to")):
        x0 = L + k * half
        s.shade(x0, y - 9, x0 + half - 8, y + 3, 0.88)
        s.text(x0 + 3, y, title, font=bold, size=size)
        rows = [f["buyer_name"], *wrap(x["buyer_address"], half - 20, font=regular, size=size)[:3]]
        if k == 0:
            rows.append(f"RFC : {f['buyer_tax_id']}")
        for j, row in enumerate(rows):
            s.text(x0 + 4, y + 12 + 10 * j, row, font=regular, size=size)
    y += 72
    cells = [
        ("Bon de commande / PO", x["po"]),
        ("Conditions / Terms", rng.choice(["Net 30 jours / days", "Net 45 jours / days"])),
        ("Incoterms® 2020", f"{f['incoterm']} {place}"),
        ("Devise / Currency", f["currency"]),
    ]
    width = (R - L) / len(cells)
    for k, (label, value) in enumerate(cells):
        x0 = L + k * width
        s.box(x0, y - 9, x0 + width, y + 14, 0.4)
        s.text(x0 + 3, y - 1, label, font=bold, size=size - 1)
        s.text(x0 + 5, y + 10, value, font=regular, size=size)
    y += 30
    cols = [
        ("Article / Item", L + 2, "l"),
        ("Description", L + 92, "l"),
        ("Qté / Qty", R - 175, "r"),
        ("Prix unitaire / Unit price", R - 80, "r"),
        ("Montant / Amount", R - 2, "r"),
    ]

    def header(y: float) -> float:
        s.shade(L, y - 9, R, y + 4, 0.8)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
        return y + 15

    y = header(y)
    for ln in lines:
        desc = wrap(ln["description"], R - 245 - (L + 92), font=regular, size=size)
        if y + 10 * len(desc) + 24 > s.height - 60:
            s.right(R, y + 2, "Suite à la page suivante / Continued", font=regular, size=size - 1)
            foot()
            s.new_page()
            y = header(top())
        cells2 = [ln["part_number"], desc[0], _fr(ln["quantity"], 0 if ln["quantity"] == int(ln["quantity"]) else 2)]
        cells2 += [_fr(ln["unit_price"], 4), _fr(ln["amount"])]
        for (_l, cx, align), cell in zip(cols, cells2, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        s.text(R - 172, y, ln.get("unit", "PCS").lower(), font=regular, size=size - 1)
        for j, part in enumerate(desc[1:], start=1):
            s.text(L + 92, y + 10 * j, part, font=regular, size=size)
        y += 10 * len(desc)
        origin = PAYS.get(ln["origin_country"], ln["origin_country"])
        hs = rng.choice(["SH / HS", "Code SH / HS code"])
        s.canvas.setFillGray(0.35)
        s.text(L + 92, y, f"{hs} : {hs_codes[ln['part_number']]}   Origine / Origin : {origin}", size=size - 1)
        s.canvas.setFillGray(0)
        y += 14
        s.hline(L, R, y - 9, 0.15)
    if y + 110 > s.height - 60:
        foot()
        s.new_page()
        y = top()
    y += 6
    totals = [
        ("Sous-total / Subtotal", _fr(f["subtotal_amount"])),
        ("Transport / Freight", _fr(x["freight"])),
        ("TPS / GST (0 %)", "0,00"),
        ("TVQ / QST (0 %)", "0,00"),
        (f"Total {f['currency']}", _fr(f["total_amount"])),
    ]
    for label, value in totals:
        last = label.startswith("Total")
        s.text(R - 230, y, label, font=bold if last else regular, size=size)
        s.right(R - 2, y, f"{value} $" if last else value, font=bold if last else regular, size=size)
        if last:
            s.hline(R - 230, R, y - 9, 0.8)
        y += 12
    s.text(L, y - 48, "Exportation détaxée / Zero-rated export", font=regular, size=size)
    s.text(L, y - 36, "Pays de destination / Country of destination : Mexique / Mexico", font=regular, size=size)
    foot()
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _us_date(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{MONTHS_EN[d.month - 1]} {d.day:02d} {d.year}"


def _shipped(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    f.pop("origin_country", None)  # stated per line only (the COO column)
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Courier", "Courier-Bold")])
    size = 6.5 if regular == "Courier" else 7.0
    s = Sheet(path, title="Commercial Invoice")
    L, R = 28.0, s.width - 28.0
    order = f"SO{rng.randint(100000, 999999)}"
    via = rng.choice(["UPS FREIGHT", "FEDEX FREIGHT LTL", "CUSTOMER PICKUP", "ESTES EXPRESS"])
    cols = [
        ("Ln", L + 2, "l"),
        ("Item No. / Customer Item", L + 18, "l"),
        ("Description", L + 112, "l"),
        ("MX HTS", L + 262, "l"),
        ("COO", L + 306, "l"),
        ("Qty Ord", L + 358, "r"),
        ("Qty Shp", L + 398, "r"),
        ("B/O", L + 424, "r"),
        ("UM", L + 430, "l"),
        ("Unit Price", R - 48, "r"),
        ("Ext Price", R - 2, "r"),
    ]

    def top() -> None:
        s.text(L, 38, f["seller_name"], font=bold, size=11)
        s.text(L, 49, x["seller_address"], font=regular, size=size)
        s.right(R, 38, "COMMERCIAL INVOICE / PACKING LIST", font=bold, size=11)
        s.right(R, 49, f"Invoice No. {f['invoice_number']}   Page {s.page}", font=regular, size=size)
        s.hline(L, R, 56, 1.0)

    def header(y: float) -> float:
        s.shade(L, y - 8, R, y + 4, 0.82)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
        return y + 14

    top()
    y = 72.0
    half = (R - L) / 2
    for k, title in enumerate(("SOLD TO", "SHIP TO")):
        x0 = L + k * half
        s.box(x0, y - 9, x0 + half - 6, y + 52, 0.5)
        s.text(x0 + 3, y, title, font=bold, size=size)
        rows = [f["buyer_name"], *wrap(x["buyer_address"], half - 20, font=regular, size=size)[:2]]
        rows.append(f"RFC {f['buyer_tax_id']}" if k == 0 else "ATTN: RECEIVING / ALMACEN")
        for j, row in enumerate(rows):
            s.text(x0 + 6, y + 11 + 9 * j, row, font=regular, size=size)
    y += 66
    cells = [
        ("Invoice No.", f["invoice_number"]),
        ("Invoice Date", _us_date(f["invoice_date"])),
        ("Order No.", order),
        ("Customer PO", x["po"]),
        ("Ship Via", via),
        ("Terms", x["terms"]),
        ("Incoterm", f"{f['incoterm']} LAREDO TX"),
    ]
    width = (R - L) / len(cells)
    for k, (label, value) in enumerate(cells):
        x0 = L + k * width
        s.box(x0, y - 9, x0 + width, y + 14, 0.4)
        s.text(x0 + 2, y - 1, label, font=bold, size=size - 1)
        s.text(x0 + 2, y + 10, value, font=regular, size=size - 0.5)
    y = header(y + 30)
    bottom = s.height - 60
    cartons = 0
    for k, ln in enumerate(lines, start=1):
        desc = wrap(ln["description"].upper(), 145, font=regular, size=size)
        items = [ln["part_number"], f"C/I: {rng.randint(10000, 99999)}-{rng.choice('ABC')}"]
        tall = 9 * max(len(desc), 2) + 6
        if y + tall > bottom:
            s.right(R, y + 2, "Continued on next page", font=bold, size=size)
            s.new_page()
            top()
            y = header(74.0)
        shipped = ln["quantity"]
        ordered = shipped + (rng.choice([0, 0, 0, 10, 50, 100]) if shipped >= 100 else 0)
        qfmt = "{:,.0f}" if shipped == int(shipped) else "{:,.2f}"
        cells2 = [
            str(k),
            items[0],
            desc[0],
            ln["tariff_code"],
            ln["origin_country"],
            qfmt.format(ordered),
            qfmt.format(shipped),
            qfmt.format(ordered - shipped),
            ln.get("unit", "EA"),
            f"{ln['unit_price']:,.4f}",
            f"{ln['amount']:,.2f}",
        ]
        for (_l, cx, align), cell in zip(cols, cells2, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        s.text(L + 18, y + 9, items[1], font=regular, size=size - 0.5)
        for j, part in enumerate(desc[1:], start=1):
            s.text(L + 112, y + 9 * j, part, font=regular, size=size)
        y += tall
        s.hline(L, R, y - 8, 0.15)
        cartons += max(1, int(shipped) // rng.choice([50, 100, 250]))
    if y + 120 > bottom:
        s.right(R, y + 2, "Continued on next page", font=bold, size=size)
        s.new_page()
        top()
        y = 74.0
    y += 8
    net = sum(ln["quantity"] for ln in lines) * rng.uniform(0.01, 0.05)
    pack = [
        f"Total cartons: {cartons}",
        f"Net weight: {net:,.1f} LB",
        f"Gross weight: {net * 1.12:,.1f} LB",
    ]
    for j, row in enumerate(pack):
        s.text(L, y + 11 * j, row, font=regular, size=size)
    totals = [("Merchandise", f["subtotal_amount"]), ("Freight", x["freight"])]
    totals.append((f"Invoice Total {f['currency']}", f["total_amount"]))
    for j, (label, value) in enumerate(totals):
        last = j == len(totals) - 1
        s.text(R - 190, y + 11 * j, label, font=bold if last else regular, size=size)
        s.right(R - 2, y + 11 * j, f"{value:,.2f}", font=bold if last else regular, size=size)
    y += 50
    notes = [
        "These commodities, technology, or software were exported from the United States in accordance with the "
        "Export Administration Regulations. Diversion contrary to U.S. law is prohibited.",
        f"Exporter Federal Tax ID (EIN): {f['seller_tax_id']}   AES ITN: X{f['invoice_date'].replace('-', '')}"
        f"{rng.randint(100000, 999999)}",
    ]
    for note in notes:
        for part in wrap(note, R - L, font=regular, size=size - 1):
            s.text(L, y, part, font=regular, size=size - 1)
            y += 8
    s.save()
    return s.page

"""Round 10 of the held-out invoice arrangements (see ``invoices``), modelled on two invoice outputs the earlier
arrangements do not draw:

* ``gstin``: an Indian manufacturer's export invoice as the Indian GST rules print it: the title ``TAX INVOICE``
  with ``(SUPPLY MEANT FOR EXPORT UNDER LUT WITHOUT PAYMENT OF IGST)``, the exporter's 15-character GSTIN (two
  digits of state, the ten-character PAN, entity number, ``Z`` and a check character) as its tax id and its
  10-digit ``IEC`` (importer-exporter code) beside it; ``Invoice No. & Date`` in one cell with the date as
  ``27-08-2025``; ``Consignee`` and ``Buyer (if other than consignee)``; ``Pre-Carriage by``, ``Port of
  Loading``, ``Port of Discharge``, ``Country of Origin of Goods: INDIA``, ``Terms of Delivery``; lines
  ``S.No. | Item Code | Description of Goods | HSN | Qty | Unit | Rate | Amount`` with the Indian eight-digit
  HSN (ITC-HS, not the Mexican fracción: the truth drops it) and amounts grouped in lakhs and crores
  (``1,23,45,678.90``); ``Amount Chargeable (in words)`` as ``US DOLLARS ... ONLY``; ``Declaration: We declare
  that this invoice shows the actual price``; the origin printed once for the whole invoice (the truth keeps it
  there and drops it from the lines).
* ``handelsrechnung``: a Swiss maker's bilingual German / English invoice: ``HANDELSRECHNUNG / COMMERCIAL
  INVOICE``, the company's UID (``CHE-123.456.789 MWST``, the Swiss enterprise number) as its tax id, the date
  as ``27.08.2025``; amounts and quantities with the Swiss apostrophe for thousands (``12'345.60``); lines
  ``Pos. | Art.-Nr. | Bezeichnung / Description | Menge / Qty | Einh. / Unit | Preis / Price | Betrag /
  Amount``, under each description ``Ursprung / Origin: DE`` (ISO two-letter codes) and ``Zolltarif-Nr. MX /
  MX tariff no.: 7318.15.99`` (the Mexican fracción the customer asks for so the FTA's preference is claimed);
  ``Fortsetzung / continued`` at a page break with the header again; ``Netto / Net``, ``Fracht / Freight``,
  ``Total``; the EFTA-Mexico origin declaration text at the foot; the origin per line only (the truth drops the
  invoice-level one).

Renderers set the truth to what they print and drop what they do not print.
"""

from __future__ import annotations

import random
import string
from datetime import date
from pathlib import Path
from typing import Any

from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("gstin", "handelsrechnung")
INDIA = [
    ("SHREE GANESH AUTO COMPONENTS PVT. LTD.", "Plot No. 42, MIDC Bhosari, Pune 411026, Maharashtra, India", "27"),
    ("KAVERI PRECISION CASTINGS LIMITED", "Survey No. 118, Hosur Road, Bengaluru 560099, Karnataka, India", "29"),
    ("NARMADA WIRES & CABLES PVT LTD", "Block C-7, GIDC Estate, Vapi 396195, Gujarat, India", "24"),
]
SWISS = [
    ("PRÄZISIONSTEILE EMMENTAL AG", "Industriestrasse 12, 3400 Burgdorf, Schweiz"),
    ("FEINMECHANIK RHEINTAL GMBH", "Werkstrasse 5, 9434 Au SG, Schweiz"),
    ("ZÜRCHER KABELWERKE AG", "Binzstrasse 39, 8045 Zürich, Schweiz"),
]
ALPHA2 = {"USA": "US", "CHN": "CN", "KOR": "KR", "JPN": "JP", "DEU": "DE", "TWN": "TW", "CAN": "CA", "MEX": "MX"}
ALPHA2 |= {"CHE": "CH", "IND": "IN"}
ONES = ["ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN", "ELEVEN", "TWELVE"]
ONES += ["THIRTEEN", "FOURTEEN", "FIFTEEN", "SIXTEEN", "SEVENTEEN", "EIGHTEEN", "NINETEEN"]
TENS = ["", "", "TWENTY", "THIRTY", "FORTY", "FIFTY", "SIXTY", "SEVENTY", "EIGHTY", "NINETY"]


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw the invoice; returns its page count."""
    return (_gstin if arrangement == "gstin" else _handelsrechnung)(truth, path, rng)


def _lakh(value: float, decimals: int = 2) -> str:
    """``1,23,45,678.90``: the last three digits, then groups of two (the Indian numbering system)."""
    text = f"{abs(value):.{decimals}f}"
    whole, _, frac = text.partition(".")
    head, tail = whole[:-3], whole[-3:]
    groups: list[str] = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    if head:
        groups.insert(0, head)
    grouped = ",".join([*groups, tail])
    return ("-" if value < 0 else "") + grouped + (f".{frac}" if frac else "")


def _swiss(value: float, decimals: int = 2) -> str:
    """``12'345.60``: an apostrophe between thousands."""
    return f"{value:,.{decimals}f}".replace(",", "'")


def _words(n: int) -> str:
    """An integer in English words, as Indian invoices spell the total."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else f" {ONES[n % 10]}")
    if n < 1000:
        rest = n % 100
        return f"{ONES[n // 100]} HUNDRED" + (f" AND {_words(rest)}" if rest else "")
    for size, name in ((10**6, "MILLION"), (1000, "THOUSAND")):
        if n >= size:
            rest = n % size
            return f"{_words(n // size)} {name}" + (f" {_words(rest)}" if rest else "")
    return str(n)


def _gstin_of(state: str, rng: random.Random) -> str:
    pan = "".join(rng.choice(string.ascii_uppercase) for _ in range(3)) + "C"
    pan += rng.choice(string.ascii_uppercase) + f"{rng.randint(1000, 9999)}" + rng.choice(string.ascii_uppercase)
    return f"{state}{pan}1Z{rng.choice(string.ascii_uppercase + string.digits)}"


# --------------------------------------------------------------------------------------------------------


def _gstin(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    name, address, state = rng.choice(INDIA)
    gstin = _gstin_of(state, rng)
    f.update({"seller_name": name, "seller_tax_id": gstin, "origin_country": "IND"})
    for ln in lines:
        ln.pop("origin_country", None)  # stated once for the invoice
    hsn = {ln["part_number"]: ln.pop("tariff_code")[:6] + f"{rng.randint(10, 99)}" for ln in lines}
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = 7.0
    s = Sheet(path, title="Tax Invoice")
    L, R = 30.0, s.width - 30.0
    M = (L + R) / 2
    d = date.fromisoformat(f["invoice_date"])
    when = f"{d.day:02d}-{d.month:02d}-{d.year}"
    iec = f"{rng.randint(10**9, 10**10 - 1)}"
    port = rng.choice(["NHAVA SHEVA, INDIA", "CHENNAI, INDIA", "MUNDRA, INDIA"])
    fy = d.year % 100 - (1 if d.month < 4 else 0)  # the Indian financial year starts in April
    ref = f"EXP/{fy:02d}-{fy + 1:02d}/{rng.randint(100, 999)}"

    def cell(x0: float, y0: float, x1: float, y1: float, caption: str, rows: list[str]) -> None:
        s.box(x0, y0, x1, y1, 0.5)
        s.text(x0 + 3, y0 + 8, caption, font=bold, size=size - 0.5)
        for k, row in enumerate(rows):
            s.text(x0 + 5, y0 + 18 + 9 * k, row, font=regular, size=size)

    def top() -> float:
        s.centre(s.width / 2, 30, "TAX INVOICE", font=bold, size=12)
        s.centre(s.width / 2, 40, "(SUPPLY MEANT FOR EXPORT UNDER LUT WITHOUT PAYMENT OF IGST)", font=regular, size=6.5)
        seller = [name, *wrap(address, M - L - 10, font=regular, size=size)[:2], f"GSTIN: {gstin}", f"IEC: {iec}"]
        cell(L, 46, M, 110, "Exporter", seller)
        cell(M, 46, M + (R - M) / 2, 72, "Invoice No. & Date", [f"{f['invoice_number']}  dt. {when}"])
        cell(M + (R - M) / 2, 46, R, 72, "Exporter's Ref.", [ref])
        cell(M, 72, R, 110, "Buyer's Order No. & Date", [f"{x['po']}  dt. {when}", f"Page {s.page}"])
        return 110.0

    y = top()
    consignee = [f["buyer_name"], *wrap(x["buyer_address"], M - L - 10, font=regular, size=size)[:2]]
    consignee.append(f"RFC: {f['buyer_tax_id']}")
    cell(L, y, M, y + 56, "Consignee", consignee)
    cell(M, y, R, y + 56, "Buyer (if other than consignee)", ["SAME AS CONSIGNEE"])
    y += 56
    w = (R - L) / 4
    row = [
        ("Pre-Carriage by", "ROAD"),
        ("Port of Loading", port),
        ("Port of Discharge", "MANZANILLO, MEXICO"),
        ("Country of Origin of Goods", "INDIA"),
    ]
    for k, (caption, value) in enumerate(row):
        cell(L + k * w, y, L + (k + 1) * w, y + 28, caption, [value])
    y += 28
    cell(L, y, R, y + 28, "Terms of Delivery and Payment", [f"{f['incoterm']}  {port}   /   {x['terms']}"])
    y += 40
    cols = [
        ("S.No.", L + 3, "l"),
        ("Item Code", L + 28, "l"),
        ("Description of Goods", L + 92, "l"),
        ("HSN", L + 300, "l"),
        ("Qty", L + 385, "r"),
        ("Unit", L + 390, "l"),
        (f"Rate ({f['currency']})", R - 70, "r"),
        (f"Amount ({f['currency']})", R - 3, "r"),
    ]

    def header(y: float) -> float:
        s.shade(L, y - 9, R, y + 4, 0.85)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size)
        return y + 14

    y = header(y)
    for k, ln in enumerate(lines, start=1):
        desc = wrap(ln["description"].upper(), 200, font=regular, size=size)
        if y + 9 * len(desc) > s.height - 150:
            s.right(R, y + 4, "Continued ...", font=regular, size=size)
            s.new_page()
            y = header(top() + 16)
        cells = [str(k), ln["part_number"], desc[0], hsn[ln["part_number"]], _lakh(ln["quantity"], 0)]
        cells += [ln.get("unit", "NOS"), _lakh(ln["unit_price"], 4), _lakh(ln["amount"])]
        if ln["quantity"] != int(ln["quantity"]):
            cells[4] = _lakh(ln["quantity"], 2)
        for (_l, cx, align), text in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, text, font=regular, size=size)
        for j, part in enumerate(desc[1:], start=1):
            s.text(L + 92, y + 9 * j, part, font=regular, size=size)
        y += 9 * len(desc) + 3
    s.hline(L, R, y - 4, 0.6)
    y += 8
    totals = [("Sub Total", f["subtotal_amount"]), ("Freight", x["freight"]), ("IGST @ 0% (LUT)", 0.0)]
    totals.append((f"Grand Total ({f['currency']})", f["total_amount"]))
    for j, (label, value) in enumerate(totals):
        last = j == len(totals) - 1
        s.text(R - 200, y + 10 * j, label, font=bold if last else regular, size=size)
        s.right(R - 3, y + 10 * j, _lakh(value), font=bold if last else regular, size=size)
    y += 10 * len(totals) + 8
    whole = int(f["total_amount"])
    cents = round((f["total_amount"] - whole) * 100)
    words = f"US DOLLARS {_words(whole)}" + (f" AND CENTS {_words(cents)}" if cents else "") + " ONLY"
    s.text(L, y, "Amount Chargeable (in words):", font=bold, size=size)
    for k, part in enumerate(wrap(words, R - L - 130, font=regular, size=size)):
        s.text(L + 125, y + 9 * k, part, font=regular, size=size)
    y += 30
    s.text(L, y, "Declaration:", font=bold, size=size)
    declaration = (
        "We declare that this invoice shows the actual price of the goods described and that all particulars are "
        "true and correct."
    )
    s.text(L, y + 10, declaration, font=regular, size=size - 0.5)
    s.right(R, y, f"for {name}", font=bold, size=size)
    s.right(R, y + 36, "Authorised Signatory", font=regular, size=size)
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _handelsrechnung(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    name, address = rng.choice(SWISS)
    uid = f"CHE-{rng.randint(100, 999)}.{rng.randint(100, 999)}.{rng.randint(100, 999)} MWST"
    f.update({"seller_name": name, "seller_tax_id": uid})
    f.pop("origin_country", None)  # stated per line only
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = 7.5
    s = Sheet(path, title="Handelsrechnung")
    L, R = 42.0, s.width - 36.0
    d = date.fromisoformat(f["invoice_date"])
    when = f"{d.day:02d}.{d.month:02d}.{d.year}"
    customer = f"{rng.randint(10000, 99999)}"
    cols = [
        ("Pos.", L, "l"),
        ("Art.-Nr.", L + 26, "l"),
        ("Bezeichnung / Description", L + 100, "l"),
        ("Menge / Qty", R - 185, "r"),
        ("Einh. / Unit", R - 180, "l"),
        ("Preis / Price", R - 70, "r"),
        ("Betrag / Amount", R, "r"),
    ]

    def top() -> None:
        s.text(L, 40, name, font=bold, size=11)
        s.text(L, 51, address, font=regular, size=size - 1)
        s.text(L, 60, f"UID {uid}", font=regular, size=size - 1)
        s.right(R, 40, f"Seite / Page {s.page}", font=regular, size=size - 1)

    def header(y: float) -> float:
        s.hline(L, R, y - 10, 0.8)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
        s.hline(L, R, y + 4, 0.4)
        return y + 16

    top()
    y = 92.0
    s.text(L, y, f["buyer_name"], font=bold, size=size)
    for k, part in enumerate(wrap(x["buyer_address"], 220, font=regular, size=size)[:2], start=1):
        s.text(L, y + 10 * k, part, font=regular, size=size)
    s.text(L, y + 30, f"RFC {f['buyer_tax_id']}", font=regular, size=size)
    s.text(L, y + 40, "Mexiko / Mexico", font=regular, size=size)
    bx = R - 210
    s.text(bx, y - 6, "HANDELSRECHNUNG / COMMERCIAL INVOICE", font=bold, size=size + 1.5)
    info = [
        ("Rechnungs-Nr. / Invoice no.", f["invoice_number"]),
        ("Datum / Date", when),
        ("Kunden-Nr. / Customer no.", customer),
        ("Ihre Bestellung / Your order", x["po"]),
        ("Lieferbedingung / Incoterms", f"{f['incoterm']} 2020"),
        ("Zahlung / Payment", x["terms"]),
        ("Währung / Currency", f["currency"]),
    ]
    for k, (label, value) in enumerate(info):
        s.text(bx, y + 8 + 10 * k, label, font=regular, size=size - 0.5)
        s.text(bx + 118, y + 8 + 10 * k, value, font=bold, size=size - 0.5)
    y = header(y + 90)
    for k, ln in enumerate(lines, start=1):
        desc = wrap(ln["description"], R - 190 - (L + 100) - 10, font=regular, size=size)
        tall = 10 * len(desc) + 22
        if y + tall > s.height - 70:
            s.right(R, y, "Fortsetzung / continued", font=regular, size=size - 0.5)
            s.new_page()
            top()
            y = header(84.0)
        qd = 0 if ln["quantity"] == int(ln["quantity"]) else 2
        cells = [f"{k:>3}", ln["part_number"], desc[0], _swiss(ln["quantity"], qd), ln.get("unit", "Stk")]
        cells += [_swiss(ln["unit_price"], 4), _swiss(ln["amount"])]
        for (_l, cx, align), text in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, text, font=regular, size=size)
        for j, part in enumerate(desc[1:], start=1):
            s.text(L + 100, y + 10 * j, part, font=regular, size=size)
        y += 10 * len(desc)
        code = ln["tariff_code"]
        origin = ALPHA2.get(ln["origin_country"], ln["origin_country"])
        extra = f"Ursprung / Origin: {origin}     Zolltarif-Nr. MX / MX tariff no.: {code[:4]}.{code[4:6]}.{code[6:]}"
        s.text(L + 100, y, extra, font=regular, size=size - 1.5)
        y += 14
    if y + 130 > s.height - 40:
        s.right(R, y, "Fortsetzung / continued", font=regular, size=size - 0.5)
        s.new_page()
        top()
        y = 90.0
    s.hline(R - 200, R, y - 6, 0.6)
    totals = [("Netto / Net", f["subtotal_amount"]), ("Fracht / Freight", x["freight"])]
    totals.append((f"Total {f['currency']}", f["total_amount"]))
    for j, (label, value) in enumerate(totals):
        last = j == len(totals) - 1
        s.text(R - 200, y + 6 + 11 * j, label, font=bold if last else regular, size=size)
        s.right(R, y + 6 + 11 * j, _swiss(value), font=bold if last else regular, size=size)
    y += 56
    declaration = (
        f"The exporter of the products covered by this document (customs authorisation No. CH/{rng.randint(100, 999)}"
        "/0012) declares that, except where otherwise clearly indicated, these products are of Swiss preferential "
        "origin."
    )
    for part in wrap(declaration, R - L, font=regular, size=size - 1):
        s.text(L, y, part, font=regular, size=size - 1)
        y += 9
    s.text(L, y + 4, f"{address.split(', ')[1].split(' ', 1)[1]}, {when}", font=regular, size=size - 1)
    s.text(L, y + 30, f"Bank: UBS Switzerland AG   IBAN CH93 0076 2011 6238 5295 {rng.randint(1, 9)}", size=size - 1.5)
    s.save()
    return s.page

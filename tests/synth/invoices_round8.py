"""Round 8 of the held-out invoice arrangements (see ``invoices``), modelled on two invoice outputs the earlier
arrangements do not draw:

* ``corchete``: the customer invoice of an open-source ERP's accounting app (its QWeb report as the public source
  tree and user documentation show it): the seller's letterhead top left, the customer's address block on the
  right; the title as ``Invoice INV/2024/00012`` (the journal's sequence, printed here as the number the supplier
  gave); a row of small label-over-value cells ``Invoice Date | Due Date | Source | Customer Code | Incoterm``;
  lines ``Description | Quantity | Unit Price | Taxes | Amount`` where the description opens with the internal
  reference in square brackets (``[P84212-20] Plastic housing``), the quantity followed by its unit (``120.00
  Units``), taxes printed as their names (``0% EXP``); under each line the product's Mexican tariff fraction and
  the country of origin, as the Mexican localisation keeps them on the product (``Fracción arancelaria:
  85444299``); ``Untaxed Amount``, a freight line, ``Total``; ``Payment Communication:`` with the number; the
  footer with the company's phone, mail, web and tax id, ``Page 1 / 2``.
* ``messrs``: an East-Asian trading house's export invoice as typed in its export-documents package after the
  letter-of-credit invoice tradition (ICC UCP 600 art. 18 asks the invoice to name the buyer and the goods as in
  the credit): the seller's name spaced in capitals, ``INVOICE`` centred; ``Messrs.`` and the buyer; ``Invoice
  No. & Date``, ``L/C No.``, ``Shipped per``, ``From``/``To``, ``Sailing on or about``; the table ``Marks &
  Nos. | Description of Goods | Quantity | Unit Price | Amount`` with the trade term over the price columns
  (``FOB BUSAN``), the part number as ``P/N`` on its own line under the goods, the shipping marks in the first
  column; ``TOTAL`` with the quantity summed; ``SAY: US DOLLARS ... ONLY``; ``Country of Origin`` once for the
  whole invoice; a signature for the seller. No tariff code per line (the truth drops it), no seller tax id.

Renderers set the truth to what they print and drop what they do not print.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.synth.draw import MONTHS_EN, Sheet, wrap

ARRANGEMENTS = ("corchete", "messrs")
COUNTRIES = {"USA": "United States", "CHN": "China", "KOR": "South Korea", "JPN": "Japan", "DEU": "Germany"}
COUNTRIES |= {"TWN": "Taiwan", "MEX": "Mexico", "VNM": "Vietnam", "MYS": "Malaysia", "THA": "Thailand"}
UNIT_NAMES = {"PCS": "Units", "EA": "Units", "PC": "Units", "KG": "kg", "KGS": "kg", "M": "m", "MTR": "m"}
HOUSES = [
    ("DAESUNG TRADING CO., LTD.", "KOR", "BUSAN", "12F, Jungang-daero 70, Dong-gu, Busan, Korea"),
    ("HANBIT INTERNATIONAL CORPORATION", "KOR", "INCHEON", "233 Songdo-dong, Yeonsu-gu, Incheon, Korea"),
    ("KAOHSIUNG PRECISION TRADING CO., LTD.", "TWN", "KAOHSIUNG", "No. 5, Chenggong 2nd Rd., Kaohsiung, Taiwan"),
    ("TOKAI BUSSAN KAISHA, LTD.", "JPN", "NAGOYA", "3-8-12 Meieki, Nakamura-ku, Nagoya, Japan"),
]


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw the invoice; returns its page count."""
    return (_corchete if arrangement == "corchete" else _messrs)(truth, path, rng)


# --------------------------------------------------------------------------------------------------------


def _corchete(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    f.pop("origin_country", None)  # stated per line only
    origins = {ln["origin_country"] for ln in lines}
    if len(origins) == 1:
        # one origin stated under every item is the invoice's too (the readers' rule for per-item origins)
        f["origin_country"] = next(iter(origins))
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = rng.choice([7.5, 8.0])
    accent = rng.choice([(0.44, 0.29, 0.40), (0.0, 0.45, 0.55), (0.2, 0.2, 0.2)])
    incoterm = f.get("incoterm") or rng.choice(["FCA", "EXW", "DAP"])
    f["incoterm"] = incoterm
    s = Sheet(path, title="Invoice")
    c = s.canvas
    L, R = 40.0, s.width - 40.0
    yy, mm, dd = (int(p) for p in f["invoice_date"].split("-"))
    issued = date(yy, mm, dd)
    iso = rng.random() < 0.5
    fmt = "{:%Y-%m-%d}" if iso else "{:%m/%d/%Y}"
    due = issued + timedelta(days=rng.choice([30, 45, 60]))
    web = f["seller_name"].split()[0].lower().strip(",.")

    def letterhead() -> None:
        s.text(L, 40, f["seller_name"], font=bold, size=10)
        for k, part in enumerate(wrap(x["seller_address"], 220, font=regular, size=size)[:2]):
            s.text(L, 51 + 10 * k, part, font=regular, size=size)
        c.setStrokeColorRGB(*accent)
        s.hline(L, R, 74, 1.2)
        c.setStrokeGray(0)

    def footer() -> None:
        s.hline(L, R, s.height - 44, 0.3)
        tail = f"+1 {rng.randint(200, 999)} {rng.randint(200, 999)} {rng.randint(1000, 9999)}   sales@{web}.com"
        s.centre(s.width / 2, s.height - 34, f"{tail}   www.{web}.com   Tax ID: {f['seller_tax_id']}", size=size - 1)
        s.centre(s.width / 2, s.height - 24, f"Page {s.page}", size=size - 1)

    letterhead()
    y = 92.0
    rows = [f["buyer_name"], *wrap(x["buyer_address"], 200, font=regular, size=size)[:3]]
    rows.append(rng.choice(["RFC: ", "Tax ID: ", "VAT: "]) + f["buyer_tax_id"])
    for k, row in enumerate(rows):
        s.text(R - 210, y + 10 * k, row, font=bold if k == 0 else regular, size=size)
    y += 10 * len(rows) + 16
    c.setFillColorRGB(*accent)
    c.setFont(regular, 16)
    c.drawString(L, s.height - y, f"Invoice {f['invoice_number']}")
    c.setFillGray(0)
    y += 22
    cells = [
        ("Invoice Date:", fmt.format(issued)),
        ("Due Date:", fmt.format(due)),
        ("Source:", x["po"]),
        ("Customer Code:", f"C{rng.randint(1000, 9999)}"),
        ("Incoterm:", incoterm),
    ]
    for k, (label, value) in enumerate(cells):
        s.text(L + 100 * k, y, label, font=bold, size=size)
        s.text(L + 100 * k, y + 11, value, font=regular, size=size)
    y += 32
    cols = [("Description", L + 2, "l"), ("Quantity", R - 210, "r"), ("Unit Price", R - 140, "r")]
    cols += [("Taxes", R - 110, "l"), ("Amount", R - 2, "r")]
    bottom = s.height - rng.choice([70.0, 120.0])

    def header(y: float) -> float:
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size)
        s.hline(L, R, y + 4, 0.8)
        return y + 16

    y = header(y)
    tax = rng.choice(["0% EXP", "IVA 0%", "Exempt"])
    cur = f["currency"]
    sym = "$ " if cur == "USD" else ""
    sign_after = cur != "USD"
    for ln in lines:
        text = f"[{ln['part_number']}] {ln['description']}"
        desc = wrap(text, R - 260 - L, font=regular, size=size)
        if y + 11 * len(desc) + 22 > bottom:
            footer()
            s.new_page()
            letterhead()
            y = header(96.0)
        qty = ln["quantity"]
        unit = UNIT_NAMES.get(ln.get("unit", "PCS"), "Units")
        ln["unit"] = unit.upper()  # the unit as printed (several codes print as "Units")
        price = (
            f"{ln['unit_price']:,.4f}" if round(ln["unit_price"], 2) != ln["unit_price"] else f"{ln['unit_price']:,.2f}"
        )
        amount = f"{ln['amount']:,.2f} {cur}" if sign_after else f"{sym}{ln['amount']:,.2f}"
        cells2 = [desc[0], f"{qty:,.2f} {unit}", price, tax, amount]
        for (_l, cx, align), cell in zip(cols, cells2, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        for j, part in enumerate(desc[1:], start=1):
            s.text(L + 2, y + 11 * j, part, font=regular, size=size)
        y += 11 * len(desc)
        origin = COUNTRIES.get(ln["origin_country"], ln["origin_country"])
        note = f"Fracción arancelaria: {ln['tariff_code']}   Origin: {origin}"
        c.setFillGray(0.35)
        s.text(L + 10, y, note, font=regular, size=size - 1)
        c.setFillGray(0)
        y += 14
        s.hline(L, R, y - 10, 0.15)
    if y + 90 > bottom:
        footer()
        s.new_page()
        letterhead()
        y = 96.0
    y += 6
    totals = [("Untaxed Amount", f["subtotal_amount"]), ("Freight", x["freight"]), ("Total", f["total_amount"])]
    for label, value in totals:
        big = label == "Total"
        s.hline(R - 210, R, y - 9, 0.8 if big else 0.3)
        s.text(R - 210, y, label, font=bold if big else regular, size=size)
        shown = f"{value:,.2f} {cur}" if sign_after else f"{sym}{value:,.2f}"
        s.right(R - 2, y, shown, font=bold if big else regular, size=size)
        y += 14
    if not sign_after:
        s.text(R - 210, y, f"Currency: {cur}", font=regular, size=size - 1)
    y += 18
    s.text(L, y, f"Payment Communication: {f['invoice_number']}", font=regular, size=size)
    s.text(
        L,
        y + 12,
        rng.choice(["Payment terms: 30 Days", "Payment terms: 45 Days", "Payment terms: End of Month"]),
        size=size,
    )
    footer()
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _say(total: float) -> str:
    dollars, cents = divmod(round(total * 100), 100)
    return f"SAY: US DOLLARS {_english(int(dollars))} AND CENTS {cents:02d}/100 ONLY."


ONES = [
    "ZERO",
    "ONE",
    "TWO",
    "THREE",
    "FOUR",
    "FIVE",
    "SIX",
    "SEVEN",
    "EIGHT",
    "NINE",
    "TEN",
    "ELEVEN",
    "TWELVE",
    "THIRTEEN",
    "FOURTEEN",
    "FIFTEEN",
    "SIXTEEN",
]
ONES += ["SEVENTEEN", "EIGHTEEN", "NINETEEN"]
TENS = ["_", "_", "TWENTY", "THIRTY", "FORTY", "FIFTY", "SIXTY", "SEVENTY", "EIGHTY", "NINETY"]


def _english(n: int) -> str:
    """A whole number in English words, as letter-of-credit invoices spell the total."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else "-" + ONES[n % 10])
    if n < 1000:
        return ONES[n // 100] + " HUNDRED" + ("" if n % 100 == 0 else " " + _english(n % 100))
    for size, name in ((10**9, "BILLION"), (10**6, "MILLION"), (1000, "THOUSAND")):
        if n >= size:
            return _english(n // size) + f" {name}" + ("" if n % size == 0 else " " + _english(n % size))
    return ""


def _messrs(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    name, country, port, address = rng.choice(HOUSES)
    incoterm = rng.choice(["FOB", "CIF", "CFR"])
    f.update({"seller_name": name, "incoterm": incoterm, "origin_country": country})
    f.pop("seller_tax_id", None)
    for ln in lines:
        ln.pop("tariff_code", None)
        ln["origin_country"] = country
    regular, bold = rng.choice(
        [("Times-Roman", "Times-Bold"), ("Courier", "Courier-Bold"), ("Helvetica", "Helvetica-Bold")]
    )
    size = 7.0 if regular == "Courier" else rng.choice([7.5, 8.0])
    s = Sheet(path, title="Invoice")
    L, R = 44.0, s.width - 44.0
    spaced = " ".join(name) if rng.random() < 0.4 and len(name) < 34 else name
    s.centre(s.width / 2, 42, spaced, font=bold, size=11)
    s.centre(s.width / 2, 54, address, font=regular, size=size)
    tel = f"TEL: +82-51-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}"
    tel += f"   FAX: +82-51-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}"
    s.centre(s.width / 2, 64, tel, font=regular, size=size - 0.5)
    s.hline(L, R, 72, 1.0)
    s.centre(s.width / 2, 90, "I N V O I C E" if rng.random() < 0.5 else "COMMERCIAL INVOICE", font=bold, size=14)
    y_, m_, d_ = f["invoice_date"].split("-")
    when = rng.choice([f"{MONTHS_EN[int(m_) - 1].upper()}. {int(d_)}, {y_}", f"{d_}-{MONTHS_EN[int(m_) - 1]}-{y_}"])
    sail = date(int(y_), int(m_), int(d_)) + timedelta(days=rng.randint(2, 9))
    M = s.width / 2
    y = 110.0
    s.box(L, y - 10, R, y + 84, 0.6)
    s.vline(M, y - 10, y + 84, 0.6)
    s.text(L + 4, y, "Messrs.", font=bold, size=size)
    buyer = [f["buyer_name"], *wrap(x["buyer_address"], M - L - 20, font=regular, size=size)[:3]]
    buyer.append(f"RFC: {f['buyer_tax_id']}")
    for k, row in enumerate(buyer):
        s.text(L + 12, y + 11 * (k + 1), row, font=regular, size=size)
    right = [
        ("Invoice No. & Date", f"{f['invoice_number']}    {when}"),
        ("L/C No. / Payment", rng.choice(["T/T 30 DAYS AFTER B/L DATE", "T/T IN ADVANCE", "OPEN ACCOUNT 60 DAYS"])),
        ("Buyer's Order No.", x["po"]),
        ("Currency", f["currency"]),
    ]
    for k, (label, value) in enumerate(right):
        s.text(M + 4, y + 23 * k, label, font=bold, size=size - 0.5)
        s.text(M + 12, y + 23 * k + 10, value, font=regular, size=size)
    y += 84
    s.hline(L, R, y, 0.6)
    vessel = rng.choice(["HMM ALGECIRAS", "EVER GIVEN", "ONE HARMONY", "YM WELLNESS", "KMTC TIANJIN"])
    voy = f"{rng.randint(10, 99)}{rng.choice('EWNS')}"
    ship = [
        ("Shipped per", f"{vessel} V.{voy}"),
        ("Sailing on or about", f"{MONTHS_EN[sail.month - 1].upper()}. {sail.day}, {sail.year}"),
    ]
    ship += [
        ("From", f"{port}, {COUNTRIES.get(country, country).upper()}"),
        ("To", rng.choice(["MANZANILLO, MEXICO", "LAZARO CARDENAS, MEXICO", "LONG BEACH, CA IN TRANSIT TO MEXICO"])),
    ]
    for k, (label, value) in enumerate(ship):
        cx = L + 4 + (k % 2) * (M - L)
        cy = y + 10 + (k // 2) * 22
        s.text(cx, cy, label, font=bold, size=size - 0.5)
        s.text(cx + 8, cy + 10, value, font=regular, size=size)
    y += 52
    s.hline(L, R, y, 0.6)
    y += 12
    cols = [("Marks & Nos.", L + 2, "l"), ("Description of Goods", L + 96, "l"), ("Quantity", R - 170, "r")]
    cols += [("Unit Price", R - 90, "r"), ("Amount", R - 2, "r")]

    def header(y: float) -> float:
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size)
        s.right(R - 45, y + 11, f"{incoterm} {port}", font=bold, size=size - 0.5)
        s.hline(L, R, y + 15, 0.6)
        return y + 28

    y = header(y)
    marks = ["ENOR", "MEXICO", f"C/NO. 1-{rng.randint(20, 300)}", "MADE IN " + COUNTRIES.get(country, country).upper()]
    unit = rng.choice(["PCS", "EA", "SETS"])
    for k, part in enumerate(marks):
        s.text(L + 2, y + 10 * k, part, font=regular, size=size - 0.5)
    top = y
    for ln in lines:
        desc = wrap(ln["description"].upper(), R - 235 - (L + 96), font=regular, size=size)
        tall = 10 * (len(desc) + 1) + 6
        if y + tall > s.height - 120:
            s.right(R, y + 4, "- TO BE CONTINUED -", font=regular, size=size)
            s.new_page()
            s.text(L, 40, f"{name}   INVOICE No. {f['invoice_number']}   (CONT'D)", font=bold, size=size)
            y = header(64.0)
            top = y
        ln["unit"] = unit
        q = (
            f"{ln['quantity']:,.0f} {unit}"
            if ln["quantity"] == int(ln["quantity"])
            else f"{ln['quantity']:,.2f} {unit}"
        )
        cells = [desc[0], q, f"{ln['unit_price']:,.4f}", f"{ln['amount']:,.2f}"]
        for (_l, cx, align), cell in zip(cols[1:], cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        for j, part in enumerate(desc[1:], start=1):
            s.text(L + 96, y + 10 * j, part, font=regular, size=size)
        y += 10 * len(desc)
        s.text(L + 96, y, f"P/N: {ln['part_number']}", font=regular, size=size)
        y += 16
    y = max(y, top + 46)
    s.hline(L + 90, R, y - 8, 0.6)
    total_q = sum(ln["quantity"] for ln in lines)
    s.text(L + 96, y, "TOTAL :", font=bold, size=size)
    s.right(R - 170, y, f"{total_q:,.0f} {unit}", font=bold, size=size)
    s.right(R - 2, y, f"{f['currency']} {f['subtotal_amount']:,.2f}", font=bold, size=size)
    y += 12
    s.text(L + 96, y, "OCEAN FREIGHT & INSURANCE", font=regular, size=size)
    s.right(R - 2, y, f"{x['freight']:,.2f}", font=regular, size=size)
    y += 12
    s.text(L + 96, y, f"GRAND TOTAL ({incoterm} {port})", font=bold, size=size)
    s.right(R - 2, y, f"{f['currency']} {f['total_amount']:,.2f}", font=bold, size=size)
    s.hline(L + 90, R, y + 4, 0.6)
    s.hline(L + 90, R, y + 6, 0.6)
    y += 20
    for part in wrap(_say(f["total_amount"]), R - L - 100, font=regular, size=size):
        s.text(L + 96, y, part, font=regular, size=size)
        y += 10
    y += 8
    s.text(L + 96, y, f"Country of Origin : {COUNTRIES.get(country, country).upper()}", font=regular, size=size)
    y += 40
    if y > s.height - 50:
        s.new_page()
        y = 80.0
    s.text(R - 200, y, name, font=bold, size=size)
    s.hline(R - 200, R, y + 30, 0.5)
    s.text(R - 200, y + 40, "Authorized Signature", font=regular, size=size - 0.5)
    s.save()
    return s.page

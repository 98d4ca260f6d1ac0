"""Round 17 of the held-out commercial-invoice arrangements (see ``invoices``), written before the reader saw them.

Facts, not copies, from public sources: how US distributors' billing systems apply a customer's return to the next
invoice (a credit line for the returned parts under the RMA, the return-merchandise authorisation, citing the
invoice they were billed on, with a negative quantity and the amount in parentheses, ``(1,234.56)``, and the
credits summed apart from the goods shipped before freight); the typing conventions of East Asian trading houses'
export invoices (a value repeated from the line above printed as a ditto mark, ``"`` or ``DO.`` / ``-do-``; the
commodity lines grouped by tariff heading; Taiwan's eight-digit Business Administration number, the ``統一編號``, as
the seller's tax id; ``Aug. 27, 2025`` dates; ``E. & O.E.``).

* ``abono``: a US distributor's invoice whose table mixes the goods shipped with credit lines for returned parts:
  ``Ln | Part No. | Description | MX Tariff | Qty | UOM | Unit Price | Ext. Amount``, a credit line numbered in
  the same sequence, its description ``CREDIT - RMA R25-0412 RETURNED … (ORIG INV 4471)``, its quantity negative
  and its amount in parentheses, the part and the fracción of a good line (often the same part as a line shipped);
  under the table ``Goods Shipped``, ``Less Credits``, ``Freight`` and ``Invoice Total`` (the goods less the
  credits plus freight). The truth keeps the goods lines only (a credit line ships nothing); its subtotal is the
  goods shipped and its total the printed invoice total.
* ``ditto``: a Taiwanese trading house's invoice in a typewriter face: the lines sorted by tariff heading, columns
  ``Item | Part No. | Description of Goods | H.S. Code (Mexico) | Origin | Quantity | Unit | Unit Price | Amount``,
  where a description, a fracción, an origin or a unit that repeats the line above is printed as a ditto mark
  (``"``, ``DO.`` or ``-do-``, one style per invoice), never across a page break; the seller's ``Business ID No.``
  (eight digits) under the letterhead; ``Date: Aug. 27, 2025``; ``Shipped per``, ``From … To …``; ``TOTAL`` with
  the quantities summed; ``E. & O.E.``. The truth keeps each line's own values (what the marks stand for).

Renderers set the truth to what they print and drop what they do not print.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("abono", "ditto")
DISTRIBUTORS = [
    ("MIDWEST ELECTRONIC SUPPLY CO", "4100 W Marginal Rd, Elk Grove Village, IL 60007", "LAREDO, TX"),
    ("SOUTHWEST INDUSTRIAL COMPONENTS INC", "9800 Ardmore Ave, El Paso, TX 79925", "EL PASO, TX"),
    ("CAROLINA CONNECTOR & CABLE LLC", "210 Commerce Blvd, Greenville, SC 29607", "LAREDO, TX"),
]
TRADERS = [
    ("FORMOSA UNITED TRADING CO., LTD.", "7F, No. 168, Sec. 2, Zhongshan N. Rd., Taipei 10448, Taiwan"),
    ("EVERWIN PRECISION INDUSTRIAL CORP.", "No. 35, Gongye 2nd Rd., Annan Dist., Tainan 70955, Taiwan"),
    ("GOLDEN HARBOR ENTERPRISE CO., LTD.", "12F-3, No. 91, Zhongzheng 4th Rd., Kaohsiung 80147, Taiwan"),
]
COUNTRIES = {
    "USA": "U.S.A.",
    "CHN": "CHINA",
    "KOR": "KOREA",
    "JPN": "JAPAN",
    "DEU": "GERMANY",
    "TWN": "TAIWAN",
    "MEX": "MEXICO",
    "VNM": "VIETNAM",
}
MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sep.", "Oct.", "Nov.", "Dec."]


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw the invoice; returns its page count (drawn twice so that "page N of M" knows M)."""
    draw = _abono if arrangement == "abono" else _ditto
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


def long_date(iso: str) -> str:
    """``2025-08-27`` → ``Aug. 27, 2025`` (the abbreviated month with its period, May without one)."""
    d = date.fromisoformat(iso)
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def paren(value: float) -> str:
    """A credit as accounting prints it: ``-1234.5`` → ``(1,234.50)``."""
    text = f"{abs(value):,.2f}"
    return f"({text})" if value < 0 else text


def _dotted(code: str) -> str:
    return f"{code[:4]}.{code[4:6]}.{code[6:]}"


# --------------------------------------------------------------------------------------------------------


def _abono(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    name, address, border = rng.choice(DISTRIBUTORS)
    f["seller_name"] = name
    f.pop("origin_country", None)  # the invoice states no origin
    for ln in lines:
        ln.pop("origin_country", None)
    # the credits: returned parts billed on an earlier invoice, placed after the line they concern or at the end
    credits: list[tuple[int, dict[str, Any]]] = []
    for _ in range(rng.choice([1, 1, 2])):
        src = rng.choice(lines)
        qty = -float(rng.choice([5, 10, 12, 24, 50, 100]))
        rma = f"R{rng.randint(22, 25)}-{rng.randint(1000, 9999)}"
        earlier = f"{rng.randint(40000, 79999)}"
        reason = rng.choice(["RETURNED DEFECTIVE", "RETURNED - WRONG PART SHIPPED", "RETURNED OVERSHIPMENT"])
        credit = {
            "part_number": src["part_number"],
            "description": f"CREDIT - RMA {rma} {reason} (ORIG INV {earlier})",
            "tariff_code": src["tariff_code"],
            "quantity": qty,
            "unit": src["unit"],
            "unit_price": src["unit_price"],
            "amount": round(qty * float(src["unit_price"]), 2),
        }
        after = lines.index(src) if rng.random() < 0.6 else len(lines) - 1
        credits.append((after, credit))
    rows: list[tuple[bool, dict[str, Any]]] = []
    for k, ln in enumerate(lines):
        rows.append((False, ln))
        rows += [(True, c) for after, c in credits if after == k]
    goods = round(sum(float(ln["amount"]) for ln in lines), 2)
    less = round(sum(float(c["amount"]) for _a, c in credits), 2)
    f["subtotal_amount"] = goods
    f["total_amount"] = round(goods + less + x["freight"], 2)
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size, cap = 7.2, 5.8
    s = Sheet(path, title="Invoice")
    L, R = 30.0, s.width - 30.0
    W = R - L
    customer = f"C{rng.randint(10000, 99999)}"
    via = rng.choice(["FEDEX FREIGHT", "CUSTOMER PICKUP", "XPO LOGISTICS", "SAIA"])

    def foot() -> None:
        s.text(L, s.height - 16, f"{name}  |  Fed. Tax ID {f['seller_tax_id']}", font=regular, size=6)
        s.right(R, s.height - 16, f"Page {s.page} of {pages}", font=regular, size=6)

    def head() -> float:
        s.text(L, 30, name, font=bold, size=11)
        s.text(L, 40, address, font=regular, size=size)
        s.right(R, 30, "INVOICE", font=bold, size=15)
        rows_h = [
            ("Invoice #", f["invoice_number"]),
            ("Invoice Date", _mdy(f["invoice_date"])),
            ("Customer #", customer),
        ]
        for k, (label, value) in enumerate(rows_h):
            s.right(R - 80, 44 + 10 * k, label, font=bold, size=size)
            s.right(R, 44 + 10 * k, value, font=regular, size=size)
        return 80.0

    cols = [
        ("Ln", 0.0, "l", 0.04),
        ("Part No.", 0.04, "l", 0.13),
        ("Description", 0.17, "l", 0.33),
        ("MX Tariff", 0.5, "l", 0.1),
        ("Qty", 0.6, "r", 0.08),
        ("UOM", 0.68, "l", 0.05),
        ("Unit Price", 0.73, "r", 0.11),
        ("Ext. Amount", 0.84, "r", 0.16),
    ]

    def header(y: float) -> float:
        s.shade(L, y - 9, R, y + 4, 0.85)
        for label, dx, align, w in cols:
            if align == "r":
                s.right(L + W * (dx + w) - 3, y, label, font=bold, size=cap + 1)
            else:
                s.text(L + W * dx + 3, y, label, font=bold, size=cap + 1)
        return y + 14

    y = head()
    half = W / 2
    for k, label in enumerate(("BILL TO", "SHIP TO")):
        x0 = L + half * k
        s.box(x0, y, x0 + half - 4, y + 50, 0.5)
        s.text(x0 + 3, y + 8, label, font=bold, size=cap)
        s.text(x0 + 6, y + 18, f["buyer_name"], font=bold, size=size)
        for j, part in enumerate(wrap(x["buyer_address"], half - 16, font=regular, size=size)[:2]):
            s.text(x0 + 6, y + 27 + 9 * j, part, font=regular, size=size)
        if k == 0:
            s.text(x0 + 6, y + 45, f"RFC {f['buyer_tax_id']}", font=regular, size=size)
    y += 60
    cells = [
        ("Customer PO", x["po"]),
        ("Terms", x["terms"]),
        ("Ship Via", via),
        ("FOB", f"{f['incoterm']} {border}"),
        ("Currency", f["currency"]),
    ]
    w = W / len(cells)
    for k, (label, value) in enumerate(cells):
        s.box(L + w * k, y, L + w * (k + 1), y + 22, 0.5)
        s.text(L + w * k + 3, y + 7, label, font=regular, size=cap)
        s.text(L + w * k + 5, y + 17, value, font=bold, size=size)
    y = header(y + 36)
    for k, (is_credit, ln) in enumerate(rows, start=1):
        desc = wrap(str(ln["description"]), W * 0.33 - 6, font=bold if is_credit else regular, size=size)
        h = 9 * len(desc) + 5
        if y + h > s.height - 110:
            s.right(R, y + 4, "Continued", font=regular, size=6)
            foot()
            s.new_page()
            y = header(head() + 4)
        font = bold if is_credit else regular
        texts = [
            str(k),
            str(ln["part_number"]),
            None,
            _dotted(str(ln["tariff_code"])),
            f"{ln['quantity']:,.0f}",
            str(ln["unit"]),
            f"{ln['unit_price']:,.4f}",
            paren(float(ln["amount"])),
        ]
        for (_label, dx, align, cw), text in zip(cols, texts, strict=True):
            if text is None:
                for j, part in enumerate(desc):
                    s.text(L + W * dx + 3, y + 9 * j, part, font=font, size=size)
            elif align == "r":
                s.right(L + W * (dx + cw) - 3, y, text, font=font, size=size)
            else:
                s.text(L + W * dx + 3, y, text, font=font, size=size)
        y += h
        s.hline(L, R, y - 7, 0.2)
    y += 8
    totals = [
        ("Goods Shipped", f"{goods:,.2f}"),
        ("Less Credits", paren(less)),
        ("Freight", f"{x['freight']:,.2f}"),
        (f"Invoice Total {f['currency']}", f"{f['total_amount']:,.2f}"),
    ]
    for k, (label, value) in enumerate(totals):
        s.right(R - 100, y + 11 * k, label, font=bold, size=size)
        s.right(R - 3, y + 11 * k, value, font=bold if k == 3 else regular, size=size)
    s.text(L, y, "Credits are issued against the RMA numbers shown and", font=regular, size=6)
    s.text(L, y + 8, "applied to this invoice. Please remit the invoice total.", font=regular, size=6)
    foot()
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _ditto(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    name, address = rng.choice(TRADERS)
    ban = f"{rng.randint(10000000, 99999999)}"
    f.update({"seller_name": name, "seller_tax_id": ban})
    f.pop("origin_country", None)  # stated per line
    lines.sort(key=lambda ln: str(ln["tariff_code"]))  # grouped by heading, as printed
    for ln in lines:
        ln["description"] = str(ln["description"]).upper()
        ln["origin_country"] = ln.get("origin_country") or "TWN"
        if ln["origin_country"] not in COUNTRIES:
            ln["origin_country"] = "TWN"
    mark = rng.choice(['"', "DO.", "-do-"])
    regular, bold = "Courier", "Courier-Bold"
    size = 6.8
    s = Sheet(path, title="Invoice")
    L, R = 28.0, s.width - 28.0
    W = R - L
    load = rng.choice(["KEELUNG, TAIWAN", "KAOHSIUNG, TAIWAN", "TAICHUNG, TAIWAN"])
    tel = f"886-{rng.choice(['2', '6', '7'])}-{rng.randint(2000000, 2999999)}"
    to = rng.choice(["MANZANILLO, MEXICO", "LAZARO CARDENAS, MEXICO", "LONG BEACH, CA (IN TRANSIT TO MEXICO)"])

    def foot() -> None:
        s.centre((L + R) / 2, s.height - 16, f"- {s.page} / {pages} -", font=regular, size=6.5)

    def head() -> float:
        s.centre((L + R) / 2, 30, name, font=bold, size=11)
        s.centre((L + R) / 2, 40, address, font=regular, size=size)
        s.centre((L + R) / 2, 49, f"Business ID No.: {ban}   TEL: {tel}", font=regular, size=size)
        s.hline(L, R, 54, 1.0)
        s.centre((L + R) / 2, 70, "I N V O I C E", font=bold, size=12)
        return 84.0

    y = head()
    left = [
        ("Invoice No.:", f["invoice_number"]),
        ("Date:", long_date(f["invoice_date"])),
        ("Your Order No.:", x["po"]),
        ("Terms:", f"{f['incoterm']} {load.split(',')[0] if f['incoterm'][0] in 'FE' else to.split(',')[0]}"),
    ]
    right = [
        ("Shipped per:", rng.choice(["S.S. EVER GIVEN V.0215E", "S.S. YM WELLNESS V.088E", "S.S. WAN HAI 512 V.E031"])),
        ("From:", load),
        ("To:", to),
        ("Payment:", x["terms"]),
    ]
    for k, ((l1, v1), (l2, v2)) in enumerate(zip(left, right, strict=True)):
        s.text(L, y + 10 * k, f"{l1:<17}{v1}", font=regular, size=size)
        s.text(L + W / 2, y + 10 * k, f"{l2:<13}{v2}", font=regular, size=size)
    y += 46
    s.text(L, y, "For account and risk of Messrs.:", font=regular, size=size)
    s.text(L + 10, y + 10, f["buyer_name"], font=bold, size=size)
    s.text(L + 10, y + 20, x["buyer_address"], font=regular, size=size)
    s.text(L + 10, y + 30, f"R.F.C.: {f['buyer_tax_id']}", font=regular, size=size)
    y += 46
    cols = [
        ("Item", 0.0, "l", 0.04),
        ("Part No.", 0.04, "l", 0.12),
        ("Description of Goods", 0.16, "l", 0.27),
        ("H.S.Code(MX)", 0.43, "l", 0.11),
        ("Origin", 0.54, "l", 0.08),
        ("Quantity", 0.62, "r", 0.09),
        ("Unit", 0.71, "l", 0.05),
        ("Unit Price", 0.76, "r", 0.1),
        ("Amount", 0.86, "r", 0.14),
    ]

    def header(y: float) -> float:
        s.hline(L, R, y - 9, 0.6)
        for label, dx, align, w in cols:
            if align == "r":
                s.right(L + W * (dx + w) - 2, y, label, font=bold, size=size - 0.4)
            else:
                s.text(L + W * dx + 2, y, label, font=bold, size=size - 0.4)
        s.text(L + W * 0.76 + 2, y + 9, f"{f['currency']}/{f['incoterm']}", font=regular, size=size - 0.8)
        s.hline(L, R, y + 13, 0.6)
        return y + 24

    y = header(y)
    above: dict[str, Any] | None = None
    for k, ln in enumerate(lines, start=1):
        desc_same = above is not None and above["description"] == ln["description"]
        desc = [mark] if desc_same else wrap(str(ln["description"]), W * 0.27 - 4, font=regular, size=size)
        h = 9 * len(desc) + 5
        if y + h > s.height - 110:
            s.right(R, y + 2, "(TO BE CONTINUED)", font=regular, size=size)
            foot()
            s.new_page()
            y = header(head())
            above = None
            desc_same = False
            desc = wrap(str(ln["description"]), W * 0.27 - 4, font=regular, size=size)
            h = 9 * len(desc) + 5

        def shown(key: str, text: str) -> str:
            return mark if above is not None and above[key] == ln[key] else text

        texts = [
            f"{k}.",
            str(ln["part_number"]),
            None,
            shown("tariff_code", _dotted(str(ln["tariff_code"]))),
            shown("origin_country", COUNTRIES[str(ln["origin_country"])]),
            f"{ln['quantity']:,.0f}",
            shown("unit", str(ln["unit"])),
            f"{ln['unit_price']:,.4f}",
            f"{ln['amount']:,.2f}",
        ]
        for (_label, dx, align, cw), text in zip(cols, texts, strict=True):
            if text is None:
                for j, part in enumerate(desc):
                    s.text(L + W * dx + 2 + (20 if desc_same else 0), y + 9 * j, part, font=regular, size=size)
            elif align == "r":
                s.right(L + W * (dx + cw) - 2, y, text, font=regular, size=size)
            elif text == mark:
                s.text(L + W * dx + 2 + 12, y, text, font=regular, size=size)
            else:
                s.text(L + W * dx + 2, y, text, font=regular, size=size)
        y += h
        above = ln
    s.hline(L, R, y - 4, 0.6)
    qty_total = sum(float(ln["quantity"]) for ln in lines)
    s.text(L + W * 0.16 + 2, y + 6, "TOTAL:", font=bold, size=size)
    s.right(L + W * 0.71 - 2, y + 6, f"{qty_total:,.0f}", font=bold, size=size)
    s.right(R - 2, y + 6, f"{f['subtotal_amount']:,.2f}", font=bold, size=size)
    y += 18
    if x["freight"]:
        s.right(L + W * 0.86 - 2, y, "OCEAN FREIGHT:", font=regular, size=size)
        s.right(R - 2, y, f"{x['freight']:,.2f}", font=regular, size=size)
        y += 10
    s.right(L + W * 0.86 - 2, y, f"TOTAL AMOUNT {f['currency']}:", font=bold, size=size)
    s.right(R - 2, y, f"{f['total_amount']:,.2f}", font=bold, size=size)
    s.hline(R - 90, R, y + 3, 0.6)
    s.hline(R - 90, R, y + 5, 0.6)
    y += 24
    s.text(L, y, "E. & O.E.", font=regular, size=size)
    s.text(R - 200, y, name, font=bold, size=size)
    s.hline(R - 200, R, y + 30, 0.4)
    s.text(R - 200, y + 38, "Authorized Signature", font=regular, size=size)
    foot()
    s.save()
    return s.page

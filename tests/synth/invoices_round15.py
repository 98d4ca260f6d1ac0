"""Round 15 of the held-out commercial-invoice arrangements (see ``invoices``), written before the reader saw them.

Facts, not copies, from public sources: the IMMEX decree and Ley Aduanera on temporary imports of goods the foreign
owner sends to the maquiladora without a sale (the consignment or "shelter" arrangement: the foreign party keeps the
goods' ownership, and the customs value is declared from a pro forma or no-charge invoice whose values are stated
"for customs purposes only"); US exporters' practice for no-charge shipments (``NO CHARGE`` / ``N/C`` in the
charge column, the US Schedule B or HTS code of ten digits beside the Mexican fracción the maquiladora's broker
needs); Korea's trade practice and the standard commercial-invoice form Korean exporters print (numbered boxes ①
to ⑪ with Korean captions and English ones, the seller's business registration number ``123-45-67890`` — three,
two and five digits — as its tax id, dates written ``2025. 08. 27.``, the Korean tariff's ten-digit HSK code printed
``8542.39-0000``).

* ``consignacion``: a US parent's no-charge invoice for materials it consigns to its maquiladora: ``CONSIGNMENT
  INVOICE - NO COMMERCIAL VALUE`` under the letterhead (the owner's EIN as its tax id), ``VALUES FOR CUSTOMS
  PURPOSES ONLY`` stamped across the head; a grid ``Invoice No. | Date`` (``08/27/2025``) ``| Shipment No. |
  Work Order``; ``Owner of goods / Shipper``, ``Consignee (IMMEX)`` with the RFC and ``IMMEX No.`` (the program's
  number: not an invoice's), ``Ship to`` the plant; ``Transaction: CONSIGNMENT - NO SALE``, the Incoterm with its
  place; lines ``Ln | Part No. | Description | US HTS | MX Fracc. | COO | Qty | UOM | Unit Value | Ext. Value |
  Charge`` with the US ten-digit code dotted (``8542.39.0090``) BESIDE the Mexican fracción dotted
  (``8542.39.99``: the truth keeps the Mexican one), two-letter origins, the charge column ``N/C`` on every line;
  ``Total value for customs (USD)``, ``Freight (customs value)``, ``Total declared value``, then ``AMOUNT DUE: 0.00
  (NO CHARGE)`` (not the invoice's total); the trade-compliance signature; ``Page 1 of 2`` with the table's header
  again on each page.
* ``hangul``: a Korean maker's export invoice on the standard numbered form: ``상업송장 COMMERCIAL INVOICE``;
  boxes ``① 수출자 Shipper/Exporter`` (with ``사업자등록번호 Business Reg. No. 123-45-67890``), ``② 수입자 For
  account & risk of Messrs.`` (the buyer with its RFC), ``③ 통지처 Notify party``, ``④ 선적항 Port of loading``,
  ``⑤ 도착지 Final destination``, ``⑥ 운송수단 Carrier``, ``⑦ 출항일 Sailing on or about``, ``⑧ 송장번호 및 일자 No. &
  date of invoice`` (number and date in one box, the date as ``2025. 08. 27.``), ``⑨ 신용장번호 및 일자 No. & date of
  L/C``, ``⑩ 신용장 발행은행 L/C issuing bank``, ``⑪ 비고 Remarks`` (the terms of delivery and payment); the lines
  ``⑫ 화인 Marks & number of pkgs | ⑬ 품명 및 규격 Description of goods | ⑭ 수량 Quantity | ⑮ 단가 Unit price | ⑯ 금액
  Amount`` where each description carries ``P/N:`` and the HSK code (``HS 8542.39-0000``: ten digits of Korea's
  tariff, not the Mexican fracción, dropped from the truth), quantities with their unit (``1,200 PCS``), prices as
  ``US$0.4500``; ``TOTAL`` with the quantity summed, ``원산지 Country of origin: REPUBLIC OF KOREA`` once; ``계속
  / Continued`` at a page break; the signature box ``⑰ Signed by``.

Renderers set the truth to what they print and drop what they do not print.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("consignacion", "hangul")
TWO_LETTER = {"USA": "US", "CHN": "CN", "KOR": "KR", "JPN": "JP", "DEU": "DE", "TWN": "TW", "MEX": "MX"}
PARENTS = [
    ("NORTHLAND INDUSTRIAL CONTROLS INC", "2200 Lakeshore Pkwy, Milwaukee, WI 53207", "EL PASO, TX"),
    ("CASCADE MEDICAL TECHNOLOGIES LLC", "18 Technology Dr, Irvine, CA 92618", "OTAY MESA, CA"),
    ("MIDWEST HARNESS SYSTEMS CORP", "4100 Industrial Blvd, Dayton, OH 45414", "LAREDO, TX"),
]
KOREA = [
    ("한성정밀주식회사", "HANSUNG PRECISION CO., LTD.", "55, Gongdan-ro, Seongsan-gu, Changwon-si, Gyeongsangnam-do"),
    ("대명전자부품(주)", "DAEMYUNG ELECTRONIC PARTS CO., LTD.", "123, Sandan-ro, Danwon-gu, Ansan-si, Gyeonggi-do"),
    ("우진케이블주식회사", "WOOJIN CABLE CO., LTD.", "77, Seobu-ro, Gumi-si, Gyeongsangbuk-do"),
]
PORTS_KR = ["BUSAN, KOREA", "INCHEON, KOREA", "GWANGYANG, KOREA"]


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw the invoice; returns its page count (drawn twice so that "page N of M" knows M)."""
    draw = _consignacion if arrangement == "consignacion" else _hangul
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


def korean_date(iso: str) -> str:
    """``2025-08-27`` → ``2025. 08. 27.`` (the way Korean documents write a date)."""
    d = date.fromisoformat(iso)
    return f"{d.year}. {d.month:02d}. {d.day:02d}."


def hsk(code: str, rng: random.Random) -> str:
    """A Korean ten-digit HSK code on the same six-digit heading, printed ``8542.39-0000``."""
    return f"{code[:4]}.{code[4:6]}-{rng.randint(0, 99):02d}{rng.choice(['00', '10', '90'])}"


# --------------------------------------------------------------------------------------------------------


def _consignacion(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    name, address, border = rng.choice(PARENTS)
    f["seller_name"] = name
    f.pop("origin_country", None)  # origin per line only
    for ln in lines:
        ln.setdefault("origin_country", "USA")
    us_hts = {
        id(ln): f"{ln['tariff_code'][:4]}.{ln['tariff_code'][4:6]}.{rng.randint(0, 99):02d}{rng.randint(0, 99):02d}"
        for ln in lines
    }
    program = f"{rng.randint(100, 9999)}-{rng.randint(2006, 2019)}"
    shipment = f"SHP{rng.randint(100000, 999999)}"
    order = f"WO-{rng.randint(10000, 99999)}"
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size, cap = 7.0, 5.2
    s = Sheet(path, wide=True, title="Consignment Invoice")
    L, R = 26.0, s.width - 26.0
    W = R - L

    def box(x0: float, y0: float, x1: float, y1: float, caption: str, rows: list[str]) -> None:
        s.box(x0, y0, x1, y1, 0.5)
        s.text(x0 + 2, y0 + 6.5, caption, font=regular, size=cap)
        for k, row in enumerate(rows):
            s.text(x0 + 4, y0 + 15.5 + 8.5 * k, row, font=bold if k == 0 else regular, size=size)

    def foot() -> None:
        s.text(L, s.height - 14, f"{name}  -  Trade Compliance", font=regular, size=6)
        s.right(R, s.height - 14, f"Page {s.page} of {pages}", font=regular, size=6)

    def head() -> float:
        s.text(L, 30, name, font=bold, size=12)
        s.text(L, 40, f"{address}   EIN {f['seller_tax_id']}", font=regular, size=size)
        s.right(R, 30, "CONSIGNMENT INVOICE", font=bold, size=12)
        s.right(R, 40, "NO COMMERCIAL VALUE", font=bold, size=8)
        s.centre((L + R) / 2, 52, "*** VALUES FOR CUSTOMS PURPOSES ONLY ***", font=bold, size=9)
        y = 58.0
        c = [L, L + W * 0.25, L + W * 0.5, L + W * 0.75, R]
        box(c[0], y, c[1], y + 22, "Invoice No.", [f["invoice_number"]])
        box(c[1], y, c[2], y + 22, "Date", [_mdy(f["invoice_date"])])
        box(c[2], y, c[3], y + 22, "Shipment No.", [shipment])
        box(c[3], y, c[4], y + 22, "Work Order / Owner's PO", [f"{order} / {x['po']}"])
        return y + 22

    def parties(y: float) -> float:
        c = [L, L + W / 3, L + 2 * W / 3, R]
        box(c[0], y, c[1], y + 50, "Owner of goods / Shipper", [name, *wrap(address, W / 3 - 8, size=size)[:2]])
        box(
            c[1],
            y,
            c[2],
            y + 50,
            "Consignee (IMMEX)",
            [f["buyer_name"], f"RFC: {f['buyer_tax_id']}", f"IMMEX No.: {program}"],
        )
        box(c[2], y, c[3], y + 50, "Ship to", [f["buyer_name"], *wrap(x["buyer_address"], W / 3 - 8, size=size)[:2]])
        y += 50
        box(c[0], y, c[1], y + 22, "Transaction", ["CONSIGNMENT - NO SALE"])
        box(c[1], y, c[2], y + 22, "Incoterms® 2020", [f"{f['incoterm']} {border}"])
        box(c[2], y, c[3], y + 22, "Currency", [f"{f['currency']} (customs value)"])
        return y + 34

    cols = [
        ("Ln", 0.0, "l", 0.025),
        ("Part No.", 0.025, "l", 0.09),
        ("Description", 0.115, "l", 0.25),
        ("US HTS", 0.37, "l", 0.08),
        ("MX Fracc.", 0.45, "l", 0.065),
        ("COO", 0.515, "l", 0.03),
        ("Qty", 0.545, "r", 0.07),
        ("UOM", 0.62, "l", 0.035),
        ("Unit Value", 0.655, "r", 0.09),
        ("Ext. Value", 0.745, "r", 0.12),
        ("Charge", 0.875, "r", 0.12),
    ]

    def header(y: float) -> float:
        s.shade(L, y - 9, R, y + 4, 0.86)
        for label, dx, align, w in cols:
            if align == "r":
                s.right(L + W * (dx + w) - 3, y, label, font=bold, size=cap + 1)
            else:
                s.text(L + W * dx + 3, y, label, font=bold, size=cap + 1)
        return y + 14

    y = header(parties(head() + 6))
    for k, ln in enumerate(lines, start=1):
        desc = wrap(ln["description"], W * 0.25 - 6, font=regular, size=size)
        h = 9 * len(desc) + 6
        if y + h > s.height - 110:
            s.right(R, y + 4, "Continued on next page", font=regular, size=6)
            foot()
            s.new_page()
            y = header(head() + 16)
        fr = ln["tariff_code"]
        cells = [
            str(k),
            ln["part_number"],
            None,
            us_hts[id(ln)],
            f"{fr[:4]}.{fr[4:6]}.{fr[6:]}",
            TWO_LETTER.get(ln["origin_country"], ln["origin_country"][:2]),
            f"{ln['quantity']:,.0f}",
            ln["unit"],
            f"{ln['unit_price']:,.4f}",
            f"{ln['amount']:,.2f}",
            "N/C",
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
        s.hline(L, R, y - 8, 0.2)
    y += 8
    totals = [
        ("Total value for customs (USD):", f"{f['subtotal_amount']:,.2f}"),
        ("Freight (customs value):", f"{x['freight']:,.2f}"),
        ("Total declared value (USD):", f"{f['total_amount']:,.2f}"),
        ("AMOUNT DUE:", "0.00  (NO CHARGE)"),
    ]
    for k, (label, value) in enumerate(totals):
        s.right(R - 110, y + 11 * k, label, font=bold, size=size)
        s.right(R - 3, y + 11 * k, value, font=bold if k == 2 else regular, size=size)
    notes = [
        "Goods consigned by their owner to its IMMEX contract manufacturer for processing; no sale is involved and",
        "no payment is due. The values stated are for customs purposes only and reflect the owner's standard cost.",
    ]
    for j, note in enumerate(notes):
        s.text(L, y + 9 * j, note, font=regular, size=size - 0.6)
    y += 52
    s.hline(L, L + 200, y, 0.5)
    s.text(L, y + 9, "Authorized signature - Trade Compliance", font=regular, size=size - 0.6)
    s.text(L + 260, y + 9, f"Date: {_mdy(f['invoice_date'])}", font=regular, size=size - 0.6)
    foot()
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _hangul_font() -> str:
    if "HYSMyeongJo-Medium" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("HYSMyeongJo-Medium"))
    return "HYSMyeongJo-Medium"


def _hangul(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    kr, name, address = rng.choice(KOREA)
    brn = f"{rng.randint(100, 899)}-{rng.randint(10, 99)}-{rng.randint(10000, 99999)}"
    f.update({"seller_name": name, "seller_tax_id": brn, "origin_country": "KOR"})
    codes = {}
    for ln in lines:
        ln["description"] = str(ln["description"]).upper()  # the form prints the goods in capitals
        codes[id(ln)] = hsk(ln.pop("tariff_code"), rng)
        ln.pop("origin_country", None)  # stated once for the invoice
    ko = _hangul_font()
    regular, bold = "Helvetica", "Helvetica-Bold"
    size, cap = 7.2, 5.6
    s = Sheet(path, title="Commercial Invoice")
    L, R = 30.0, s.width - 30.0
    M = (L + R) / 2
    port = rng.choice(PORTS_KR)
    vessel = rng.choice(["HYUNDAI GOODWILL", "HMM OSLO", "SM BUSAN", "KMTC SHANGHAI"])
    voyage = f"{rng.randint(10, 99)}{rng.choice('EW')}"
    sailing = korean_date(f["invoice_date"])
    marks = ["ENSAMBLES", "MEXICO", f"C/NO. 1-{rng.randint(5, 60)}", "MADE IN KOREA"]

    def cap2(x0: float, y0: float, number: str, korean: str, english: str) -> None:
        end = s.text(x0 + 2, y0 + 7, f"{number} ", font=ko, size=cap + 0.6)
        end = s.text(end, y0 + 7, korean, font=ko, size=cap + 0.6)
        s.text(end + 4, y0 + 7, english, font=regular, size=cap)

    def box(x0: float, y0: float, x1: float, y1: float, caption: tuple[str, str, str], rows: list[str]) -> None:
        s.box(x0, y0, x1, y1, 0.5)
        cap2(x0, y0, *caption)
        for k, row in enumerate(rows):
            s.text(x0 + 5, y0 + 17 + 8.6 * k, row, font=bold if k == 0 else regular, size=size)

    def head() -> float:
        s.centre(M, 30, "상업송장", font=ko, size=13)
        s.centre(M, 44, "COMMERCIAL INVOICE", font=bold, size=13)
        s.right(R, 30, f"Page {s.page} / {pages}", font=regular, size=6.5)
        return 52.0

    y = head()
    top = y
    h1 = 58
    box(
        L,
        y,
        M,
        y + h1,
        ("①", "수출자", "Shipper/Exporter"),
        [name, *wrap(address, M - L - 10, size=size)[:2]],
    )
    end = s.text(L + 5, y + 17 + 8.6 * 3, "사업자등록번호", font=ko, size=size - 0.6)
    s.text(end + 4, y + 17 + 8.6 * 3, f"Business Reg. No. {brn}", font=regular, size=size)
    box(
        M,
        y,
        R,
        y + 30,
        ("⑧", "송장번호 및 일자", "No. & date of invoice"),
        [f"{f['invoice_number']}     {korean_date(f['invoice_date'])}"],
    )
    box(M, y + 30, R, y + h1, ("⑨", "신용장번호 및 일자", "No. & date of L/C"), ["T/T REMITTANCE - N/A"])
    y += h1
    box(
        L,
        y,
        M,
        y + h1,
        ("②", "수입자", "For account & risk of Messrs."),
        [f["buyer_name"], *wrap(x["buyer_address"], M - L - 10, size=size)[:2], f"RFC: {f['buyer_tax_id']}"],
    )
    box(M, y, R, y + h1, ("⑩", "신용장 발행은행", "L/C issuing bank"), ["N/A"])
    y += h1
    box(L, y, M, y + 30, ("③", "통지처", "Notify party"), ["SAME AS CONSIGNEE"])
    terms = [
        f"TERMS OF DELIVERY: {f['incoterm']} {port.split(',')[0]}",
        f"PAYMENT: T/T {x['terms']}",
        f"PO NO.: {x['po']}",
    ]
    box(M, y, R, y + 60, ("⑪", "비고", "Remarks"), terms)
    box(L, y + 30, (L + M) / 2, y + 60, ("④", "선적항", "Port of loading"), [port])
    box((L + M) / 2, y + 30, M, y + 60, ("⑤", "도착지", "Final destination"), ["MANZANILLO, MEXICO"])
    y += 60
    box(L, y, (L + M) / 2, y + 30, ("⑥", "운송수단", "Carrier"), [f"{vessel} V.{voyage}"])
    box((L + M) / 2, y, M, y + 30, ("⑦", "출항일", "Sailing on or about"), [sailing])
    y += 30
    del top

    cols = [
        (("⑫", "화인", "Marks & number of pkgs"), L + 3, "l"),
        (("⑬", "품명 및 규격", "Description of goods"), L + 110, "l"),
        (("⑭", "수량", "Quantity"), L + 372, "r"),
        (("⑮", "단가", "Unit price"), L + 448, "r"),
        (("⑯", "금액", "Amount"), R - 3, "r"),
    ]

    def header(y: float) -> float:
        s.box(L, y, R, y + 22, 0.5)
        for (num, korean, english), cx, align in cols:
            if align == "r":
                s.right(cx, y + 9, f"{num} {korean}", font=ko, size=cap + 0.6)
                s.right(cx, y + 18, english, font=regular, size=cap)
            else:
                s.text(cx, y + 9, f"{num} {korean}", font=ko, size=cap + 0.6)
                s.text(cx, y + 18, english, font=regular, size=cap)
        s.right(R - 3, y - 3, f"{f['incoterm']} {port.split(',')[0]}  (US$)", font=bold, size=cap + 1)
        return y + 34

    y = header(y + 10)
    first = True
    for ln in lines:
        desc = wrap(ln["description"], 250, font=regular, size=size)
        rows = [*desc, f"P/N: {ln['part_number']}", f"HS {codes[id(ln)]}"]
        h = 9 * len(rows) + 6
        if y + h > s.height - 110:
            s.centre(M, y + 6, "계속 / Continued", font=ko, size=size)
            s.new_page()
            y = header(head() + 10)
            first = True
        if first:
            for j, mark in enumerate(marks):
                s.text(L + 3, y + 9 * j, mark, font=regular, size=size - 0.6)
            first = False
        for j, row in enumerate(rows):
            s.text(L + 110, y + 9 * j, row, font=bold if j == 0 else regular, size=size)
        s.right(L + 372, y, f"{ln['quantity']:,.0f} {ln['unit']}", font=regular, size=size)
        s.right(L + 448, y, f"US${ln['unit_price']:,.4f}", font=regular, size=size)
        s.right(R - 3, y, f"US${ln['amount']:,.2f}", font=regular, size=size)
        y += h
    s.hline(L, R, y - 4, 0.6)
    y += 6
    units = {ln["unit"] for ln in lines}
    total_qty = f"{sum(ln['quantity'] for ln in lines):,.0f}" + (f" {units.pop()}" if len(units) == 1 else "")
    s.text(L + 110, y, "TOTAL", font=bold, size=size)
    s.right(L + 372, y, total_qty, font=bold, size=size)
    s.right(R - 3, y, f"US${f['subtotal_amount']:,.2f}", font=bold, size=size)
    if x["freight"]:
        y += 10
        s.text(L + 110, y, "FREIGHT", font=regular, size=size)
        s.right(R - 3, y, f"US${x['freight']:,.2f}", font=regular, size=size)
        y += 10
        s.text(L + 110, y, "GRAND TOTAL", font=bold, size=size)
        s.right(R - 3, y, f"US${f['total_amount']:,.2f}", font=bold, size=size)
    y += 20
    end = s.text(L, y, "원산지", font=ko, size=size)
    s.text(end + 4, y, "Country of origin: REPUBLIC OF KOREA", font=bold, size=size)
    y += 24
    s.box(M + 40, y, R, y + 50, 0.5)
    cap2(M + 40, y, "⑰", "서명", "Signed by")
    s.text(M + 50, y + 40, name, font=bold, size=size)
    s.hline(M + 50, R - 10, y + 30, 0.4)
    s.save()
    return s.page

"""Round 16 of the held-out commercial-invoice arrangements (see ``invoices``), written before the reader saw them.

Facts, not copies, from public sources: the fastener and small-parts trade's pricing per thousand pieces (the
price column stating a price per ``M``, the Roman thousand, beside a quantity in pieces: ``12.50 /M``, ``USD 12.50
per M``; the extension is the quantity in thousands times that price, so the price of one piece is printed nowhere)
and US distributors' invoices to maquiladoras that print the Mexican fracción the customer asks for; Vietnam's rules
for export invoices (Decree 123/2020: the seller's ``Mã số thuế`` / tax code of ten digits, thirteen with a branch
suffix ``-001``; the ``Ký hiệu`` / symbol and ``Số`` / number of the invoice), the Vietnamese way of printing
numbers (dots between thousands, a comma before decimals: ``12.345,60``) and dates (``ngày 27 tháng 08 năm 2025``
beside ``27/08/2025``), the Vietnamese tariff's eight-digit HS codes (AHTN), Vietnam's export VAT rate of 0 %
(``Thuế suất GTGT: 0%``).

* ``millar``: a US fastener distributor's invoice priced per thousand: ``INVOICE`` with ``Invoice No.``, ``Invoice
  Date`` as ``08/27/2025``, ``Customer PO``, ``Ship Via``, ``Terms``, ``FOB``; ``Sold To`` / ``Ship To`` with the
  buyer's RFC; lines ``Line | Item No. | Description | MX Fracc. | Ord. | Shipped | U/M | Price | Per | Extension``
  where the quantity is in pieces (``25,000 EA``), the price a price per thousand (``12.5000``) and ``Per`` reads
  ``M`` (the truth keeps no unit price: the document never prints one piece's price), the extension the quantity
  in thousands times it; ``Merchandise``, ``Freight``, ``Invoice Total USD``; the Mexican fracción dotted per line
  (``7318.15.99``); ``Page 1 of 2`` and the table's header again on every page; the seller's EIN in the footer.
* ``vietnam``: a Vietnamese maker's bilingual Vietnamese / English export invoice: ``HÓA ĐƠN THƯƠNG MẠI /
  COMMERCIAL INVOICE``; the seller with ``Mã số thuế / Tax code: 0312345678`` (its tax id as printed); ``Số / No.``
  and ``Ngày / Date`` as ``27/08/2025`` with ``Ngày 27 tháng 08 năm 2025`` under the title; ``Người mua / Buyer``
  with the RFC; ``Điều kiện giao hàng / Terms of delivery`` (``FOB HAI PHONG``), ``Cảng xếp hàng / Port of
  loading``, ``Phương thức thanh toán / Payment``, ``Đồng tiền / Currency: USD``; lines ``STT / No. | Mã hàng /
  Item code | Tên hàng / Description | Mã HS / HS code | ĐVT / Unit | Số lượng / Qty | Đơn giá / Unit price |
  Thành tiền / Amount`` with Vietnam's eight-digit HS code (not the Mexican fracción: dropped from the truth), units
  as Vietnamese print them (``CÁI`` pieces, ``BỘ`` sets, ``KG``; the truth keeps the printed unit), money and
  quantities dot-grouped with decimal commas (``12.345,60``, ``1.200``); ``Cộng / Total``, ``Cước vận chuyển /
  Freight``, ``Thuế GTGT 0% / VAT 0%``, ``Tổng cộng / Grand total``; the amount in English words; ``Xuất xứ /
  Origin: VIỆT NAM`` once; ``Trang 1/2`` and ``(tiếp theo / continued)`` at a page break.

Renderers set the truth to what they print and drop what they do not print.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("millar", "vietnam")
DISTRIBUTORS = [
    ("LONE STAR FASTENER SUPPLY INC", "6200 Northwest Dr, Mesquite, TX 75150", "LAREDO, TX"),
    ("GREAT PLAINS BOLT & SCREW CO", "1450 Industrial Ave, Wichita, KS 67213", "EL PASO, TX"),
    ("PACIFIC RIM HARDWARE DISTRIBUTORS LLC", "2300 E Artesia Blvd, Long Beach, CA 90805", "OTAY MESA, CA"),
]
VIETNAM = [
    (
        "CÔNG TY TNHH LINH KIỆN ĐIỆN TỬ SAO VIỆT",
        "SAO VIET ELECTRONIC COMPONENTS CO., LTD",
        "KCN VSIP, Thuận An, Bình Dương",
    ),
    ("CÔNG TY CỔ PHẦN CƠ KHÍ HẢI ĐĂNG", "HAI DANG MECHANICAL JSC", "KCN Đình Vũ, Hải An, Hải Phòng"),
    ("CÔNG TY TNHH DÂY CÁP MINH PHÁT", "MINH PHAT CABLE CO., LTD", "KCN Quang Minh, Mê Linh, Hà Nội"),
]
VN_UNITS = {"PCS": "CÁI", "EA": "CÁI", "PZA": "CÁI", "SET": "BỘ", "KG": "KG", "M": "MÉT"}


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw the invoice; returns its page count (drawn twice so that "page N of M" knows M)."""
    draw = _millar if arrangement == "millar" else _vietnam
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


def vn_number(value: float, decimals: int = 2) -> str:
    """``12345.6`` → ``12.345,60`` (Vietnamese grouping: dots for thousands, a comma before decimals)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def _words(n: int) -> str:
    ones = "ZERO ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE TEN ELEVEN TWELVE THIRTEEN FOURTEEN FIFTEEN SIXTEEN "
    ones += "SEVENTEEN EIGHTEEN NINETEEN"
    small = ones.split()
    tens = ["_", "_", "TWENTY", "THIRTY", "FORTY", "FIFTY", "SIXTY", "SEVENTY", "EIGHTY", "NINETY"]
    if n < 20:
        return small[n]
    if n < 100:
        return tens[n // 10] + ("" if n % 10 == 0 else " " + small[n % 10])
    if n < 1000:
        return small[n // 100] + " HUNDRED" + ("" if n % 100 == 0 else " " + _words(n % 100))
    for size, name in ((1_000_000, "MILLION"), (1000, "THOUSAND")):
        if n >= size:
            rest = n % size
            return _words(n // size) + " " + name + ("" if rest == 0 else " " + _words(rest))
    return str(n)


# --------------------------------------------------------------------------------------------------------


def _millar(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    name, address, border = rng.choice(DISTRIBUTORS)
    f["seller_name"] = name
    f.pop("origin_country", None)  # the invoice states no origin
    per_m: dict[int, float] = {}
    for ln in lines:
        qty = float(ln["quantity"])
        price = round(max(0.01, float(ln["unit_price"]) * 1000), 2)
        ln["unit"] = "EA"
        ln["amount"] = round(qty / 1000 * price, 2)
        per_m[id(ln)] = price
        ln.pop("unit_price", None)  # only the price per thousand is printed
        ln.pop("origin_country", None)
    f["subtotal_amount"] = round(sum(ln["amount"] for ln in lines), 2)
    f["total_amount"] = round(f["subtotal_amount"] + x["freight"], 2)
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size, cap = 7.2, 5.6
    s = Sheet(path, wide=True, title="Invoice")
    L, R = 28.0, s.width - 28.0
    W = R - L
    via = rng.choice(["CUSTOMER TRUCK", "UPS FREIGHT", "ESTES EXPRESS", "OLD DOMINION"])

    def foot() -> None:
        s.text(L, s.height - 14, f"{name}  -  Federal Tax ID (EIN) {f['seller_tax_id']}", font=regular, size=6)
        s.right(R, s.height - 14, f"Page {s.page} of {pages}", font=regular, size=6)

    def head() -> float:
        s.text(L, 30, name, font=bold, size=12)
        s.text(L, 40, address, font=regular, size=size)
        s.right(R, 30, "INVOICE", font=bold, size=14)
        y = 50.0
        cells = [
            ("Invoice No.", f["invoice_number"]),
            ("Invoice Date", _mdy(f["invoice_date"])),
            ("Customer PO", x["po"]),
            ("Ship Via", via),
            ("Terms", "NET 30"),
            ("FOB", f"{f['incoterm']} {border}"),
        ]
        w = W / len(cells)
        for k, (label, value) in enumerate(cells):
            s.box(L + w * k, y, L + w * (k + 1), y + 22, 0.5)
            s.text(L + w * k + 3, y + 7, label, font=regular, size=cap)
            s.text(L + w * k + 5, y + 17, value, font=bold, size=size)
        return y + 22

    cols = [
        ("Line", 0.0, "l", 0.03),
        ("Item No.", 0.03, "l", 0.1),
        ("Description", 0.13, "l", 0.3),
        ("MX Fracc.", 0.43, "l", 0.07),
        ("Ord.", 0.5, "r", 0.07),
        ("Shipped", 0.57, "r", 0.08),
        ("U/M", 0.65, "l", 0.04),
        ("Price", 0.69, "r", 0.09),
        ("Per", 0.78, "l", 0.04),
        ("Extension", 0.82, "r", 0.18),
    ]

    def header(y: float) -> float:
        s.shade(L, y - 9, R, y + 4, 0.86)
        for label, dx, align, w in cols:
            if align == "r":
                s.right(L + W * (dx + w) - 3, y, label, font=bold, size=cap + 1)
            else:
                s.text(L + W * dx + 3, y, label, font=bold, size=cap + 1)
        return y + 14

    y = head() + 8
    half = W / 2
    s.box(L, y, L + half, y + 48, 0.5)
    s.box(L + half, y, R, y + 48, 0.5)
    s.text(L + 3, y + 7, "Sold To", font=regular, size=cap)
    s.text(L + half + 3, y + 7, "Ship To", font=regular, size=cap)
    for k, row in enumerate([f["buyer_name"], *wrap(x["buyer_address"], half - 10, size=size)[:2]]):
        s.text(L + 5, y + 17 + 9 * k, row, font=bold if k == 0 else regular, size=size)
        s.text(L + half + 5, y + 17 + 9 * k, row, font=bold if k == 0 else regular, size=size)
    s.text(L + 5, y + 44, f"RFC: {f['buyer_tax_id']}", font=regular, size=size)
    y = header(y + 64)
    for k, ln in enumerate(lines, start=1):
        desc = wrap(ln["description"], W * 0.3 - 6, font=regular, size=size)
        h = 9 * len(desc) + 6
        if y + h > s.height - 100:
            s.right(R, y + 4, "Continued on next page", font=regular, size=6)
            foot()
            s.new_page()
            y = header(head() + 20)
        fr = ln["tariff_code"]
        ordered = ln["quantity"] + (rng.choice([0, 0, 1000]) if k % 3 == 0 else 0)
        cells = [
            str(k),
            ln["part_number"],
            None,
            f"{fr[:4]}.{fr[4:6]}.{fr[6:]}",
            f"{ordered:,.0f}",
            f"{ln['quantity']:,.0f}",
            ln["unit"],
            f"{per_m[id(ln)]:,.4f}",
            "M",
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
        s.hline(L, R, y - 8, 0.2)
    y += 8
    s.text(L, y, "Prices are per thousand pieces (M = 1,000) unless noted.", font=regular, size=size - 0.6)
    for k, (label, value) in enumerate(
        [
            ("Merchandise:", f"{f['subtotal_amount']:,.2f}"),
            ("Freight:", f"{x['freight']:,.2f}"),
            (f"Invoice Total {f['currency']}:", f"{f['total_amount']:,.2f}"),
        ]
    ):
        s.right(R - 110, y + 11 * k, label, font=bold, size=size)
        s.right(R - 3, y + 11 * k, value, font=bold if k == 2 else regular, size=size)
    foot()
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _vn_fonts() -> tuple[str, str]:
    """A font with the Vietnamese letters (the standard PDF fonts lack most of them)."""
    names = pdfmetrics.getRegisteredFontNames()
    if "VNSans" not in names:
        base = Path("/usr/share/fonts/truetype/dejavu")
        pdfmetrics.registerFont(TTFont("VNSans", str(base / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("VNSans-Bold", str(base / "DejaVuSans-Bold.ttf")))
    return "VNSans", "VNSans-Bold"


def _vietnam(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    vn, name, address = rng.choice(VIETNAM)
    tax = f"0{rng.randint(100000000, 999999999)}" + (f"-00{rng.randint(1, 3)}" if rng.random() < 0.3 else "")
    f.update({"seller_name": name, "seller_tax_id": tax, "origin_country": "VNM"})
    hs = {}
    for ln in lines:
        ln["description"] = str(ln["description"]).upper()
        code = ln.pop("tariff_code")
        hs[id(ln)] = f"{code[:4]}{rng.randint(0, 99):02d}{rng.choice(['00', '10', '90'])}"
        ln.pop("origin_country", None)  # stated once
        ln["unit"] = VN_UNITS.get(str(ln["unit"]).upper(), "CÁI")
    regular, bold = _vn_fonts()
    size, cap = 6.8, 5.4
    s = Sheet(path, title="Commercial Invoice")
    L, R = 28.0, s.width - 28.0
    W = R - L
    d = date.fromisoformat(f["invoice_date"])
    port = rng.choice(["HAI PHONG, VIET NAM", "HO CHI MINH CITY, VIET NAM", "CAI MEP, VIET NAM"])
    symbol = f"1C{d.year % 100:02d}TYY"
    named = port.split(",")[0] if f["incoterm"][:1] in "FE" else "MANZANILLO, MEXICO"

    def foot() -> None:
        s.text(L, s.height - 14, f"{name}  ·  MST / Tax code {tax}", font=regular, size=5.8)
        s.right(R, s.height - 14, f"Trang {s.page}/{pages}", font=regular, size=6)

    def head() -> float:
        s.text(L, 28, vn, font=bold, size=9)
        s.text(L, 38, name, font=bold, size=8)
        s.text(L, 47, f"Địa chỉ / Address: {address}, Việt Nam", font=regular, size=size)
        s.text(L, 56, f"Mã số thuế / Tax code: {tax}", font=regular, size=size)
        s.centre((L + R) / 2, 74, "HÓA ĐƠN THƯƠNG MẠI / COMMERCIAL INVOICE", font=bold, size=11.5)
        s.centre((L + R) / 2, 84, f"Ngày {d.day:02d} tháng {d.month:02d} năm {d.year}", font=regular, size=size)
        s.text(R - 150, 28, f"Ký hiệu / Symbol: {symbol}", font=regular, size=size)
        s.text(R - 150, 38, f"Số / No.: {f['invoice_number']}", font=bold, size=size + 0.4)
        s.text(R - 150, 48, f"Ngày / Date: {d.day:02d}/{d.month:02d}/{d.year}", font=regular, size=size)
        return 96.0

    y = head()
    rows = [
        ("Người mua / Buyer:", f["buyer_name"]),
        ("Địa chỉ / Address:", x["buyer_address"]),
        ("Mã số thuế người mua / Buyer's tax ID (RFC):", f["buyer_tax_id"]),
        ("Điều kiện giao hàng / Terms of delivery:", f"{f['incoterm']} {named}"),
        ("Cảng xếp hàng / Port of loading:", port),
        ("Phương thức thanh toán / Payment:", rng.choice(["T/T 30 DAYS AFTER B/L DATE", "T/T IN ADVANCE"])),
        ("Đồng tiền / Currency:", f["currency"]),
        ("Đơn đặt hàng / Buyer's order No.:", x["po"]),
    ]
    for label, value in rows:
        end = s.text(L, y, label, font=bold, size=size)
        s.text(max(end + 5, L + 150), y, value, font=regular, size=size)
        y += 10
    y += 6
    cols = [
        ("STT", "No.", 0.0, "l", 0.04),
        ("Mã hàng", "Item code", 0.04, "l", 0.12),
        ("Tên hàng", "Description", 0.16, "l", 0.3),
        ("Mã HS", "HS code", 0.46, "l", 0.08),
        ("ĐVT", "Unit", 0.54, "l", 0.05),
        ("Số lượng", "Qty", 0.59, "r", 0.1),
        ("Đơn giá", "Unit price", 0.69, "r", 0.12),
        ("Thành tiền", "Amount", 0.81, "r", 0.19),
    ]

    def header(y: float) -> float:
        s.shade(L, y - 9, R, y + 12, 0.86)
        for vn_label, en, dx, align, w in cols:
            for j, text in enumerate((vn_label, en)):
                if align == "r":
                    s.right(L + W * (dx + w) - 3, y + 9 * j, text, font=bold, size=cap + 0.6)
                else:
                    s.text(L + W * dx + 3, y + 9 * j, text, font=bold, size=cap + 0.6)
        return y + 22

    y = header(y)
    for k, ln in enumerate(lines, start=1):
        desc = wrap(ln["description"], W * 0.3 - 6, font=regular, size=size)
        h = 9 * len(desc) + 5
        if y + h > s.height - 120:
            s.right(R, y + 4, "(tiếp theo / continued)", font=regular, size=6)
            foot()
            s.new_page()
            y = header(head() + 6)
        cells = [
            str(k),
            ln["part_number"],
            None,
            hs[id(ln)],
            ln["unit"],
            vn_number(ln["quantity"], 0),
            vn_number(ln["unit_price"], 4),
            vn_number(ln["amount"]),
        ]
        for (_v, _e, dx, align, w), text in zip(cols, cells, strict=True):
            if text is None:
                for j, part in enumerate(desc):
                    s.text(L + W * dx + 3, y + 9 * j, part, font=regular, size=size)
            elif align == "r":
                s.right(L + W * (dx + w) - 3, y, text, font=regular, size=size)
            else:
                s.text(L + W * dx + 3, y, text, font=regular, size=size)
        y += h
        s.hline(L, R, y - 7, 0.2)
    y += 8
    totals = [
        ("Cộng / Total:", vn_number(f["subtotal_amount"])),
        ("Cước vận chuyển / Freight:", vn_number(x["freight"])),
        ("Thuế GTGT 0% / VAT 0%:", vn_number(0.0)),
        (f"Tổng cộng / Grand total ({f['currency']}):", vn_number(f["total_amount"])),
    ]
    for k, (label, value) in enumerate(totals):
        s.right(R - 110, y + 11 * k, label, font=bold, size=size)
        s.right(R - 3, y + 11 * k, value, font=bold if k == 3 else regular, size=size)
    y += 50
    cents = round(f["total_amount"] * 100)
    words = f"Bằng chữ / In words: US DOLLARS {_words(cents // 100)} AND {cents % 100:02d}/100 ONLY"
    for part in wrap(words, W, font=regular, size=size):
        s.text(L, y, part, font=regular, size=size)
        y += 9
    s.text(L, y + 4, "Xuất xứ / Origin: VIỆT NAM", font=bold, size=size)
    s.text(R - 180, y + 20, "NGƯỜI BÁN / SELLER", font=bold, size=size)
    s.text(R - 180, y + 50, "(Ký, đóng dấu / Signed and stamped)", font=regular, size=5.6)
    foot()
    s.save()
    return s.page

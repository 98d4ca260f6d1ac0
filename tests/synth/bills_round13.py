"""Round 13 of the held-out bill-of-lading arrangements (see ``bills``), modelled on two transport documents the
earlier arrangements do not draw:

* ``tidan``: a Chinese carrier's bill of lading as issued at a Chinese port, every box captioned in Chinese with
  the English under it (``托运人 Shipper``, ``收货人 Consignee``, ``通知人 Notify Party``, ``前程运输 Pre-carriage by``,
  ``收货地点 Place of Receipt``, ``船名 航次 Ocean Vessel Voy. No.``, ``装货港 Port of Loading``, ``卸货港 Port of
  Discharge``, ``交货地点 Place of Delivery``, ``提单号 B/L No.``), the carrier's Chinese name over its English one
  and its SCAC beside the B/L number (the number is the SCAC and ten digits); the particulars ``标记与号码 Marks &
  Nos. | 件数 No. of Pkgs. | 货物描述 Description of Goods | 毛重 Gross Weight (KGS) | 尺码 Measurement (CBM)``
  holding the goods once, then a ``集装箱清单 CONTAINER LIST`` table inside the same box (``集装箱号 Container No. |
  封号 Seal No. | 箱型 Type | 件数 Pkgs | 毛重 G.W. KGS | 体积 CBM``); the total packages in words (``SAY: FOURTEEN
  PALLETS ONLY``); ``运费 Freight``: ``FREIGHT PREPAID`` / ``FREIGHT COLLECT``; dates as Chinese forms print them,
  ``2025-08-27``, under ``装船日期 Date Laden on Board`` and ``签发地点及日期 Place and Date of Issue``; ``正本提单份数
  No. of Original B(s)/L THREE (3)``. Public sources: Chinese carriers' published B/L specimens (bilingual captions,
  ``SAY`` totals, container lists), the NMFTA's SCAC list.
* ``stcc``: a US railroad's carload bill for a boxcar or intermodal container moving from a US shipper to a Mexican
  plant through a border interchange (Laredo or Eagle Pass, where US railroads hand cars to the Mexican ones): the
  uniform straight bill's title ``STRAIGHT BILL OF LADING - ORIGINAL - NOT NEGOTIABLE``, the railroad's name and its
  SCAC (two to four letters: ``UP``, ``BNSF``), ``Bill of Lading No.``, ``Date`` in the US order; ``Car Initial and
  Number`` (``TBOX 661234``: reporting marks and number), ``Route`` (``UP-LAREDO-CPKC``) and ``Border interchange``;
  the commodity lines ``No. Pkgs. | Kind of Package, Description of Articles | STCC | Weight (Subject to
  Correction) LBS`` with the seven-digit Standard Transportation Commodity Code the railroads rate by (not a
  tariff code) and each line's weight in pounds only; the totals in pounds and in kilograms (the Mexican side's
  unit); the seals applied; freight terms as check boxes ``PREPAID``, ``COLLECT``, ``RULE 11`` (the rule that
  bills the US and Mexican legs apart); the shipper's signature block for Section 7 of the conditions. Public
  sources: the uniform straight bill of lading's fields and conditions, the AAR's STCC and reporting-mark
  conventions, the railroads' published border interchange points.

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

ARRANGEMENTS = ("tidan", "stcc")
KIND = {"tidan": "ocean", "stcc": "truck"}
CARRIERS_CN = [
    ("中远海运集装箱运输有限公司", "COSCO SHIPPING LINES CO., LTD.", "COSU"),
    ("东方海外货柜航运有限公司", "ORIENT OVERSEAS CONTAINER LINE LIMITED", "OOLU"),
]
RAILROADS = [("UNION PACIFIC RAILROAD COMPANY", "UP"), ("BNSF RAILWAY COMPANY", "BNSF")]
CROSSINGS = [("LAREDO, TX", "CPKC"), ("EAGLE PASS, TX", "FXE"), ("EL PASO, TX", "FXE")]
ORIGINS = ["CHICAGO, IL", "KANSAS CITY, MO", "DALLAS, TX", "MEMPHIS, TN", "ST. LOUIS, MO"]
STCC = ["3079950", "3357120", "3679910", "3621210", "3643920", "3452120", "2655210"]
LBS = 2.20462
LB_KG = 0.45359237  # the international pound
NUMBERS = [
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
    "SEVENTEEN",
    "EIGHTEEN",
    "NINETEEN",
]
TENS = ["", "", "TWENTY", "THIRTY", "FORTY", "FIFTY", "SIXTY", "SEVENTY", "EIGHTY", "NINETY"]


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw the bill; returns its page count."""
    return (_tidan if arrangement == "tidan" else _stcc)(truth, path, rng)


def say(n: int) -> str:
    """A count in English words, as ``SAY`` totals print it (up to 999)."""
    if n < 20:
        return NUMBERS[n]
    if n < 100:
        return TENS[n // 10] + (f"-{NUMBERS[n % 10]}" if n % 10 else "")
    rest = n % 100
    return f"{NUMBERS[n // 100]} HUNDRED" + (f" AND {say(rest)}" if rest else "")


def _cjk() -> str:
    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


# --------------------------------------------------------------------------------------------------------


def _tidan(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    cn, carrier, scac = rng.choice(CARRIERS_CN)
    number = f"{scac}{rng.randint(10**9, 10**10 - 1)}"
    f.update({"carrier_name": carrier, "carrier_scac": scac, "bl_number": number})
    regular, bold = "Helvetica", "Helvetica-Bold"
    size, cap = 7.0, 5.2
    s = Sheet(path, title="Bill of Lading")
    L, R = 28.0, s.width - 28.0
    M = (L + R) / 2
    q = (R - M) / 2
    sizes = [rng.choice(["40HQ", "40GP", "20GP"]) for _ in lines]
    kind = rng.choice([("PLTS", "PALLETS"), ("CTNS", "CARTONS"), ("PKGS", "PACKAGES")])
    issue_place = f["port_of_loading"].split(",")[0]

    def box(x0: float, y0: float, x1: float, y1: float, zh: str, en: str, rows: list[str]) -> None:
        s.box(x0, y0, x1, y1, 0.5)
        end = s.text(x0 + 2, y0 + 7, zh, font=_cjk(), size=cap + 0.8)
        s.text(end + 3, y0 + 7, en, font=regular, size=cap)
        for k, row in enumerate(rows):
            s.text(x0 + 5, y0 + 17 + 9 * k, row, font=regular, size=size)

    def head() -> float:
        s.text(L, 24, cn, font=_cjk(), size=11)
        s.text(L, 36, carrier, font=bold, size=9)
        s.right(R, 24, "提单", font=_cjk(), size=12)
        s.right(R, 36, "BILL OF LADING", font=bold, size=11)
        return 44.0

    y = head()
    sw = wrap(x["shipper_address"], M - L - 12, font=regular, size=size)[:2]
    box(L, y, M, y + 50, "托运人", "Shipper", [f["shipper_name"], *sw])
    box(M, y, M + q, y + 25, "提单号", "B/L No.", [number])
    box(M + q, y, R, y + 25, "承运人代码", "SCAC", [scac])
    box(M, y + 25, R, y + 50, "订舱号", "Booking No.", [x.get("booking", number[-9:])])
    y += 50
    cw = wrap(x["consignee_address"], M - L - 12, font=regular, size=size)[:2]
    box(L, y, M, y + 50, "收货人", "Consignee", [f["consignee_name"], *cw, f"RFC: {x['consignee_rfc']}"])
    box(M, y, R, y + 50, "出口参考", "Export References", [f"INVOICE NO. {x['invoice']}", f"P.O. NO. {x['po']}"])
    y += 50
    box(L, y, M, y + 36, "通知人", "Notify Party", [f.get("notify_party_name", "SAME AS CONSIGNEE")])
    box(
        M,
        y,
        R,
        y + 36,
        "交货代理",
        "Delivery Agent",
        [f"{carrier.split(' CO')[0].split(' LIMITED')[0]} (MEXICO) S.A. DE C.V."],
    )
    y += 36
    h = (M - L) / 2
    box(L, y, L + h, y + 25, "前程运输", "Pre-carriage by", [""])
    box(L + h, y, M, y + 25, "收货地点", "Place of Receipt", [f["port_of_loading"]])
    box(M, y, M + q, y + 25, "船名 航次", "Ocean Vessel Voy. No.", [f"{f['vessel']} {f['voyage']}"])
    box(M + q, y, R, y + 25, "装货港", "Port of Loading", [f["port_of_loading"]])
    y += 25
    box(L, y, L + h, y + 25, "卸货港", "Port of Discharge", [f["port_of_discharge"]])
    box(L + h, y, M, y + 25, "交货地点", "Place of Delivery", [f["place_of_delivery"]])
    box(M, y, R, y + 25, "目的地", "Final Destination (for the Merchant's reference)", [f["place_of_delivery"]])
    y += 25
    top, bottom = y, s.height - 120
    c1, c2, c3, c4 = L + 110, L + 170, R - 110, R - 50
    s.box(L, top, R, bottom, 0.5)
    s.hline(L, R, top + 18, 0.4)
    for cx, zh, en in (
        (L, "标记与号码", "Marks & Nos."),
        (c1, "件数", "No. of Pkgs."),
        (c2, "货物描述", "Description of Goods"),
        (c3, "毛重", "Gross Weight (KGS)"),
        (c4, "尺码", "Measurement (CBM)"),
    ):
        s.text(cx + 2, top + 7, zh, font=_cjk(), size=cap + 0.8)
        s.text(cx + 2, top + 15, en, font=regular, size=cap)
    yy = top + 30
    cbms = [round(ln["package_count"] * rng.uniform(0.9, 2.2), 3) for ln in lines]
    s.text(L + 4, yy, "N/M", font=regular, size=size)
    s.text(c1 + 4, yy, f"{f['package_count']} {kind[0]}", font=regular, size=size)
    s.text(c2 + 4, yy, "SHIPPER'S LOAD, COUNT AND SEAL", font=regular, size=size)
    s.text(c2 + 4, yy + 9, "SAID TO CONTAIN:", font=regular, size=size)
    desc = wrap(f["goods_description"].upper(), c3 - c2 - 10, font=regular, size=size)
    for k, part in enumerate(desc):
        s.text(c2 + 4, yy + 18 + 9 * k, part, font=regular, size=size)
    s.right(c4 - 4, yy, f"{f['gross_weight_kg']:,.2f}", font=regular, size=size)
    s.right(R - 4, yy, f"{sum(cbms):.3f}", font=regular, size=size)
    yy += 18 + 9 * len(desc) + 6
    s.text(c2 + 4, yy, f"SAY: {say(f['package_count'])} ({f['package_count']}) {kind[1]} ONLY", font=bold, size=size)
    yy += 16
    # the container list, inside the particulars box
    cols = [
        ("集装箱号", "Container No.", L + 4, "l"),
        ("封号", "Seal No.", L + 110, "l"),
        ("箱型", "Type", L + 200, "l"),
        ("件数", "Pkgs", L + 290, "r"),
        ("毛重", "G.W. KGS", L + 380, "r"),
        ("体积", "CBM", L + 450, "r"),
    ]

    def list_head(yy: float) -> float:
        end = s.text(L + 4, yy, "集装箱清单", font=_cjk(), size=size)
        s.text(end + 4, yy, "CONTAINER LIST", font=bold, size=size)
        yy += 10
        for zh, en, cx, align in cols:
            if align == "r":
                s.right(cx, yy + 8, en, font=regular, size=cap + 0.6)
                s.right(cx, yy, zh, font=_cjk(), size=cap + 0.6)
            else:
                s.text(cx, yy, zh, font=_cjk(), size=cap + 0.6)
                s.text(cx, yy + 8, en, font=regular, size=cap + 0.6)
        yy += 8
        s.hline(L + 4, L + 460, yy + 3, 0.3)
        return yy + 12

    yy = list_head(yy)
    for ln, size_type, cbm in zip(lines, sizes, cbms, strict=True):
        if yy > bottom - 16:
            s.text(c2 + 4, yy, "TO BE CONTINUED ON ATTACHED LIST", font=regular, size=size)
            s.new_page()
            head()
            s.text(L, 56, f"ATTACHED LIST TO B/L No. {number}", font=bold, size=size + 1)
            top, bottom = 64.0, s.height - 60
            s.box(L, top, R, bottom, 0.5)
            yy = list_head(top + 14)
        cells = [
            ln["container_number"],
            ln["seal_number"],
            f"1X{size_type}",
            f"{ln['package_count']} {kind[0]}",
            f"{ln['gross_weight_kg']:,.2f}",
            f"{cbm:.3f}",
        ]
        for (_zh, _en, cx, align), cell in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, yy, cell, font=regular, size=size)
        yy += 10
    yy += 8
    terms = "FREIGHT PREPAID" if f["freight_terms"] == "prepaid" else "FREIGHT COLLECT"
    s.text(c2 + 4, yy, terms, font=bold, size=size + 1)
    y = bottom
    box(L, y, M, y + 25, "装船日期", "Date Laden on Board", [f["shipped_on_board_date"]])
    box(M, y, R, y + 25, "签发地点及日期", "Place and Date of Issue", [f"{issue_place}  {f['issue_date']}"])
    box(L, y + 25, M, y + 50, "正本提单份数", "No. of Original B(s)/L", ["THREE (3)"])
    box(M, y + 25, R, y + 50, "承运人签字", "Signed for the Carrier", [f"AS CARRIER: {carrier}"])
    end = s.text(L, y + 62, "运费支付地", font=_cjk(), size=cap + 0.8)
    payable = issue_place if f["freight_terms"] == "prepaid" else "DESTINATION"
    s.text(end + 3, y + 62, f"Freight payable at: {payable}", font=regular, size=size)
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _stcc(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    railroad, scac = rng.choice(RAILROADS)
    crossing, mx_road = rng.choice(CROSSINGS)
    number = f"{rng.randint(100000, 999999)}"
    f.update({"carrier_name": railroad, "carrier_scac": scac, "bl_number": number, "bl_kind": "rail"})
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = 7.2
    s = Sheet(path, title="Straight Bill of Lading")
    L, R = 30.0, s.width - 30.0
    M = (L + R) / 2
    issued = date.fromisoformat(f["issue_date"])
    car = f"{rng.choice(['TBOX', 'ABOX', 'UP', 'BNSF', 'CSXT'])} {rng.randint(100000, 799999)}"
    origin = rng.choice(ORIGINS)

    def lv(x0: float, y: float, label: str, value: str) -> None:
        s.text(x0, y, label, font=regular, size=size - 1.4)
        s.text(x0, y + 9, value, font=bold, size=size)

    s.centre((L + R) / 2, 28, "STRAIGHT BILL OF LADING - ORIGINAL - NOT NEGOTIABLE", font=bold, size=11)
    s.text(L, 44, railroad, font=bold, size=10)
    s.text(L, 54, f"SCAC: {scac}", font=regular, size=size)
    s.box(R - 180, 36, R, 60, 0.6)
    s.text(R - 176, 45, "Bill of Lading No.", font=regular, size=size - 1.4)
    s.text(R - 176, 56, number, font=bold, size=10)
    s.right(R - 4, 45, "Date", font=regular, size=size - 1.4)
    s.right(R - 4, 56, issued.strftime("%m/%d/%Y"), font=bold, size=size)
    y = 72.0
    s.box(L, y - 6, M, y + 48, 0.5)
    s.box(M, y - 6, R, y + 48, 0.5)
    s.text(L + 4, y + 2, "SHIPPER (Name and address)", font=regular, size=size - 1.4)
    s.text(M + 4, y + 2, "CONSIGNEE (Name and address)", font=regular, size=size - 1.4)
    for k, row in enumerate([f["shipper_name"], *wrap(x["shipper_address"], M - L - 10, size=size)[:2]]):
        s.text(L + 4, y + 12 + 9 * k, row, font=regular, size=size)
    rows = [f["consignee_name"], *wrap(x["consignee_address"], R - M - 10, size=size)[:2], f"RFC {x['consignee_rfc']}"]
    for k, row in enumerate(rows):
        s.text(M + 4, y + 12 + 9 * k, row, font=regular, size=size)
    y += 58
    grid = [
        ("Origin station", origin),
        ("Car Initial and Number", car),
        ("Route", f"{scac}-{crossing.split(',')[0]}-{mx_road}"),
        ("Border interchange", f"{crossing} / {mx_road}"),
    ]
    for k, (label, value) in enumerate(grid):
        lv(L + 4 + k * (R - L) / 4, y, label, value)
    y += 22
    grid = [
        ("Shipper's Ref. (PO)", ", ".join(x.get("pos") or [x["po"]])),
        ("Invoice", x["invoice"]),
        ("Seal Nos.", " / ".join(x.get("seals", []))),
        ("Customs broker (MX)", "AGENCIA ADUANAL " + rng.choice(["GARZA", "SALINAS", "RUIZ"])),
    ]
    for k, (label, value) in enumerate(grid):
        lv(L + 4 + k * (R - L) / 4, y, label, value)
    y += 28
    c1, c2, c3 = L + 60, R - 170, R - 4
    s.shade(L, y - 9, R, y + 13, 0.88)
    s.text(L + 4, y, "No. Pkgs.", font=bold, size=size - 0.5)
    s.text(c1, y, "Kind of Package, Description of Articles,", font=bold, size=size - 0.5)
    s.text(c1, y + 9, "Special Marks and Exceptions", font=bold, size=size - 0.5)
    s.text(c2, y, "STCC", font=bold, size=size - 0.5)
    s.right(c3, y, "Weight (Subject to", font=bold, size=size - 0.5)
    s.right(c3, y + 9, "Correction) LBS", font=bold, size=size - 0.5)
    y += 26
    total_lbs = 0
    for ln in lines:
        lbs = round(ln["gross_weight_kg"] * LBS)
        total_lbs += lbs
        if len(lines) > 1:
            # the line prints whole pounds only: what it states in kilograms is those pounds converted (a bill of
            # one line states its kilograms in the total printed under the pounds)
            ln["gross_weight_kg"] = round(lbs * LB_KG, 1)
        desc = wrap(ln["description"].upper(), c2 - c1 - 60, font=regular, size=size)
        s.right(L + 40, y, str(ln["package_count"]), font=regular, size=size)
        s.text(c1, y, rng.choice(["PALLETS", "SKIDS", "CARTONS"]) + " " + desc[0], font=regular, size=size)
        for j, part in enumerate(desc[1:], start=1):
            s.text(c1, y + 9 * j, part, font=regular, size=size)
        s.text(c2, y, rng.choice(STCC), font=regular, size=size)
        s.right(c3, y, f"{lbs:,}", font=regular, size=size)
        y += 9 * len(desc) + 5
    s.hline(L, R, y - 4, 0.6)
    y += 6
    s.text(L + 4, y, f"{f['package_count']}", font=bold, size=size)
    s.text(c1, y, "TOTAL PACKAGES / TOTAL GROSS WEIGHT", font=bold, size=size)
    s.right(c3, y, f"{total_lbs:,} LBS", font=bold, size=size)
    s.right(c3, y + 10, f"{f['gross_weight_kg']:,.1f} KGS", font=bold, size=size)
    y += 30
    marks = {t: "[X]" if f["freight_terms"] == t else "[ ]" for t in ("prepaid", "collect")}
    s.text(L, y, "FREIGHT CHARGES:", font=bold, size=size)
    s.text(
        L + 90, y, f"{marks['prepaid']} PREPAID    {marks['collect']} COLLECT    [ ] RULE 11", font=regular, size=size
    )
    y += 16
    clause = (
        "RECEIVED, subject to the classifications and tariffs in effect on the date of the issue of this Bill of "
        "Lading, the property described above in apparent good order, except as noted. Subject to Section 7 of the "
        "conditions, if this shipment is to be delivered to the consignee without recourse on the consignor, the "
        "consignor shall sign the following statement: The carrier shall not make delivery of this shipment without "
        "payment of freight and all other lawful charges."
    )
    for part in wrap(clause, R - L, font=regular, size=5.5):
        s.text(L, y, part, font=regular, size=5.5)
        y += 7
    y += 20
    s.hline(L, L + 200, y, 0.5)
    s.hline(M + 20, R, y, 0.5)
    s.text(L, y + 9, f"SHIPPER: {f['shipper_name']}", font=regular, size=size - 1)
    s.text(
        M + 20,
        y + 9,
        f"CARRIER: {railroad}  Per ________  Date {issued.strftime('%m/%d/%Y')}",
        font=regular,
        size=size - 1,
    )
    s.save()
    return s.page

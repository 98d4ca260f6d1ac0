"""Round 16 of the held-out bill-of-lading arrangements (see ``bills``), modelled on two transport documents the
earlier arrangements do not draw.

Facts, not copies, from public sources: carriers' published conventions for breakbulk and project cargo (goods that
travel loose in the hold or on deck, not in containers: each piece or crate declared with its marks, its
dimensions in centimetres and its weight, the freight tonne taken on the larger of weight and measure; the clauses
``SHIPPED ON DECK AT SHIPPER'S RISK`` for deck cargo and ``SAID TO CONTAIN``; the ``CONGENBILL``-style liner terms
``FIO`` / ``LINER TERMS``; no container nor seal numbers); the Voluntary Interindustry Commerce Solutions (VICS)
bill of lading as US shippers print it from their transport systems: ``Bill of Lading Number``, ``SID No.``
(shipper identification) and ``CID No.`` (the consignee's), ``Trailer number``, ``Seal number(s)``, ``SCAC``, ``Pro
number``, ``Freight Charge Terms: Prepaid / Collect / 3rd Party``, ``Master Bill of Lading: with attached underlying
Bills of Lading``, the ``CUSTOMER ORDER INFORMATION`` table (``CUSTOMER ORDER NUMBER | # PKGS | WEIGHT | PALLET/SLIP
(CIRCLE ONE) | ADDITIONAL SHIPPER INFO``) and the ``CARRIER INFORMATION`` table (``HANDLING UNIT QTY TYPE | PACKAGE
QTY TYPE | WEIGHT | H.M. (X) | COMMODITY DESCRIPTION | LTL ONLY NMFC # CLASS``), and its ``SUPPLEMENT TO THE BILL OF
LADING`` continuation pages with ``Page 1 of 2``.

* ``breakbulk``: an ocean carrier's bill of lading for project cargo shipped loose (machinery parts in wooden
  crates, steel on skids): the boxes ``Shipper``, ``Consignee``, ``Notify Party``, ``B/L No.`` with the SCAC,
  ``Vessel``, ``Voyage``, ``Port of Loading``, ``Port of Discharge``, ``Place of Delivery``; the particulars
  ``Marks and Numbers | No. and Kind of Packages | Description of Goods | Gross Weight KGS | Measurement CBM`` with
  one block per cargo item: its marks (``CASE 1/6 - 6/6``), its packages (``6 WOODEN CRATES``), the goods and one
  dimension line per crate (``CASE 3: 240 x 120 x 150 CM  1,230 KGS``: pieces' own weights, not the item's), the
  item's weight and measure; ``TOTAL``, the packages in words, ``UNDER DECK`` or ``SHIPPED ON DECK AT SHIPPER'S
  RISK``, ``LINER TERMS``; ``FREIGHT PREPAID`` / ``FREIGHT COLLECT``; ``Shipped on board`` and ``Place and date of
  issue`` with dates as ``27 Aug 2025``; no containers and no seals (the truth has none).
* ``suplemento``: a US shipper's VICS master bill of lading for a truckload to a Mexican plant: ``BILL OF LADING``
  with ``Date`` (``08/27/2025``), ``Bill of Lading Number``, the ``SHIP FROM`` / ``SHIP TO`` / ``THIRD PARTY
  FREIGHT CHARGES BILL TO`` blocks with ``SID#`` and ``CID#`` (numbers that are not the bill's), ``CARRIER NAME``,
  ``Trailer number``, ``Seal number(s)``, ``SCAC``, ``Pro number``; the ``CUSTOMER ORDER INFORMATION`` table with
  a row per purchase order (its packages and kilograms: part of the load) and ``GRAND TOTAL``; the ``CARRIER
  INFORMATION`` table with the goods (handling units, packages, kilograms, commodity, NMFC and class) and its own
  ``GRAND TOTAL``; ``Freight Charge Terms`` as marked boxes; the master-bill box checked ``with attached
  underlying Bills of Lading`` and a ``SUPPLEMENT TO THE BILL OF LADING`` page listing the underlying bills (each a
  number, a PO, packages and kilograms: bills that are not this one) and any goods rows that did not fit, with
  ``Page 2 of 2``.

Renderers set the truth to what they print and drop what they do not print.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("breakbulk", "suplemento")
KIND = {"breakbulk": "ocean", "suplemento": "truck"}
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
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


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw the bill; returns its page count (drawn twice so that "page N of M" knows M)."""
    draw = _breakbulk if arrangement == "breakbulk" else _suplemento
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


def _dmon(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day:02d} {MONTHS[d.month - 1]} {d.year}"


def _mdy(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.month:02d}/{d.day:02d}/{d.year}"


def _words(n: int) -> str:
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else " " + ONES[n % 10])
    if n < 1000:
        return ONES[n // 100] + " HUNDRED" + ("" if n % 100 == 0 else " " + _words(n % 100))
    return str(n)


# --------------------------------------------------------------------------------------------------------


def _breakbulk(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    for ln in lines:
        ln.pop("container_number", None)
        ln.pop("seal_number", None)
        ln["package_count"] = max(1, min(int(ln["package_count"]), rng.randint(2, 8)))
    truth["references"] = [r for r in truth["references"] if r["kind"] not in ("container", "seal")]
    f["package_count"] = sum(int(ln["package_count"]) for ln in lines)
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size, cap = 7.0, 5.2
    s = Sheet(path, title="Bill of Lading")
    L, R = 28.0, s.width - 28.0
    M = (L + R) / 2
    deck = rng.random() < 0.4
    kinds = [rng.choice(["WOODEN CRATES", "CASES", "SKIDS", "STEEL FRAMES"]) for _ in lines]

    def box(x0: float, y0: float, x1: float, y1: float, caption: str, rows: list[str]) -> None:
        s.box(x0, y0, x1, y1, 0.5)
        s.text(x0 + 2, y0 + 6.5, caption, font=regular, size=cap)
        for k, row in enumerate(rows):
            s.text(x0 + 5, y0 + 16 + 8.5 * k, row, font=bold if k == 0 else regular, size=size)

    def foot() -> None:
        s.text(L, s.height - 14, f"{f['carrier_name']}  -  B/L {f['bl_number']}", font=regular, size=6)
        s.right(R, s.height - 14, f"Page {s.page} of {pages}", font=regular, size=6)

    def head() -> float:
        s.text(L, 26, f["carrier_name"], font=bold, size=11)
        s.right(R, 26, "BILL OF LADING", font=bold, size=12)
        s.right(R, 36, "BREAKBULK / PROJECT CARGO  -  ORIGINAL", font=bold, size=7)
        return 42.0

    y = head()
    sw = wrap(x["shipper_address"], M - L - 12, font=regular, size=size)[:2]
    box(L, y, M, y + 46, "Shipper", [f["shipper_name"], *sw])
    box(M, y, R, y + 23, f"B/L No.   SCAC {f['carrier_scac']}", [f["bl_number"]])
    box(M, y + 23, R, y + 46, "Shipper's References", [f"INVOICE {x['invoice']}   PO {x['po']}"])
    y += 46
    cw = wrap(x["consignee_address"], M - L - 12, font=regular, size=size)[:1]
    box(L, y, M, y + 46, "Consignee", [f["consignee_name"], *cw, f"RFC {x['consignee_rfc']}"])
    box(M, y, R, y + 46, "Notify Party", [f.get("notify_party_name", "SAME AS CONSIGNEE")])
    y += 46
    q = (R - L) / 5
    box(L, y, L + q, y + 24, "Vessel", [f["vessel"]])
    box(L + q, y, L + 2 * q, y + 24, "Voyage", [f["voyage"]])
    box(L + 2 * q, y, L + 3 * q, y + 24, "Port of Loading", [f["port_of_loading"]])
    box(L + 3 * q, y, L + 4 * q, y + 24, "Port of Discharge", [f["port_of_discharge"]])
    box(L + 4 * q, y, R, y + 24, "Place of Delivery", [f["place_of_delivery"]])
    y += 32
    cols = [
        ("Marks and Numbers", L + 3, "l"),
        ("No. and Kind of Packages", L + 96, "l"),
        ("Description of Goods", L + 196, "l"),
        ("Gross Weight KGS", R - 64, "r"),
        ("Measurement CBM", R - 4, "r"),
    ]

    def header(y: float) -> float:
        s.shade(L, y, R, y + 13, 0.88)
        s.box(L, y, R, y + 13, 0.5)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y + 9, label, font=bold, size=cap + 0.8)
        return y + 24

    y = header(y)
    s.text(L + 196, y, "SAID TO CONTAIN:", font=bold, size=size)
    y += 11
    case = 1
    total_cbm = 0.0
    for ln, kind in zip(lines, kinds, strict=True):
        n = int(ln["package_count"])
        shares = [rng.uniform(0.6, 1.4) for _ in range(n)]
        weights = [round(ln["gross_weight_kg"] * w / sum(shares)) for w in shares]
        dims = [(rng.randint(80, 600), rng.randint(60, 240), rng.randint(50, 260)) for _ in range(n)]
        cbm = round(sum(a * b * c for a, b, c in dims) / 1_000_000, 3)
        total_cbm += cbm
        block = 11 + 9 * len(wrap(ln["description"], R - L - 300, font=regular, size=size)) + 9 * n + 8
        if y + block > s.height - 150:
            foot()
            s.new_page()
            y = header(head() + 6)
        first = case
        case += n
        s.text(
            L + 3,
            y,
            f"CASE {first}/{f['package_count']}" + (f" - {case - 1}/{f['package_count']}" if n > 1 else ""),
            font=regular,
            size=size,
        )
        s.text(L + 3, y + 9, "MADE IN " + f["port_of_loading"].split(",")[-1].strip(), font=regular, size=size - 0.6)
        s.text(L + 96, y, f"{n} {kind}", font=regular, size=size)
        s.right(R - 64, y, f"{ln['gross_weight_kg']:,.3f}", font=regular, size=size)
        s.right(R - 4, y, f"{cbm:,.3f}", font=regular, size=size)
        yy = y
        for part in wrap(ln["description"], R - L - 300, font=regular, size=size):
            s.text(L + 196, yy, part, font=regular, size=size)
            yy += 9
        for k, ((a, b, c), w) in enumerate(zip(dims, weights, strict=True)):
            s.text(L + 206, yy, f"CASE {first + k}: {a} x {b} x {c} CM   {w:,} KGS", font=regular, size=size - 1)
            yy += 9
        y = max(yy, y + 20) + 8
    s.hline(L, R, y - 4, 0.4)
    s.text(L + 3, y + 6, "TOTAL:", font=bold, size=size)
    s.text(L + 96, y + 6, f"{f['package_count']} PACKAGES", font=bold, size=size)
    s.right(R - 64, y + 6, f"{f['gross_weight_kg']:,.3f}", font=bold, size=size)
    s.right(R - 4, y + 6, f"{total_cbm:,.3f}", font=bold, size=size)
    y += 18
    s.text(L + 3, y, f"SAY: {_words(f['package_count'])} ({f['package_count']}) PACKAGES ONLY", font=bold, size=size)
    y += 10
    stow = "SHIPPED ON DECK AT SHIPPER'S RISK" if deck else "UNDER DECK"
    s.text(L + 3, y, f"{stow}   -   LINER TERMS   -   NO CONTAINERS: BREAKBULK CARGO", font=regular, size=size)
    y += 14
    prepaid = f["freight_terms"] == "prepaid"
    s.text(L + 3, y, "FREIGHT PREPAID" if prepaid else "FREIGHT COLLECT", font=bold, size=9)
    y += 16
    q = (R - L) / 3
    box(L, y, L + q, y + 24, "Shipped on board", [_dmon(f["shipped_on_board_date"])])
    place = f["port_of_loading"].split(",")[0]
    box(L + q, y, L + 2 * q, y + 24, "Place and date of issue", [f"{place}  {_dmon(f['issue_date'])}"])
    box(L + 2 * q, y, R, y + 24, "No. of original B/Ls", ["THREE (3)"])
    y += 34
    s.text(L, y, f"Signed for the Carrier {f['carrier_name']} as Carrier", font=regular, size=size - 0.6)
    foot()
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _suplemento(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    regular, bold = "Helvetica", "Helvetica-Bold"
    size, cap = 7.0, 5.4
    s = Sheet(path, title="Bill of Lading")
    L, R = 28.0, s.width - 28.0
    M = (L + R) / 2
    pos = list(x.get("pos") or [x["po"]])
    shares = [rng.uniform(0.5, 1.5) for _ in pos]
    order_pkgs = [int(f["package_count"] * w / sum(shares)) for w in shares]
    order_pkgs[-1] = f["package_count"] - sum(order_pkgs[:-1])
    order_kg = [round(f["gross_weight_kg"] * p / max(1, f["package_count"]), 1) for p in order_pkgs]
    order_kg[-1] = round(f["gross_weight_kg"] - sum(order_kg[:-1]), 1)
    sid = f"SID{rng.randint(1000000, 9999999)}"
    cid = f"CID{rng.randint(100000, 999999)}"
    pro = f"{rng.randint(100000000, 999999999)}"
    underlying = [f"{f['bl_number'][:-3]}{rng.randint(100, 999)}-{k + 1}" for k in range(len(pos))]
    seals = x.get("seals") or []

    def foot() -> None:
        s.right(R, s.height - 14, f"Page {s.page} of {pages}", font=regular, size=6.5)

    def cell(x0: float, y0: float, x1: float, y1: float, caption: str, rows: list[str]) -> None:
        s.box(x0, y0, x1, y1, 0.5)
        s.shade(x0, y0, x1, y0 + 8, 0.2)
        c = s.canvas
        c.setFillGray(1)
        s.text(x0 + 3, y0 + 6.2, caption, font=bold, size=cap)
        c.setFillGray(0)
        for k, row in enumerate(rows):
            s.text(x0 + 4, y0 + 17 + 8.6 * k, row, font=regular, size=size)

    s.text(L, 30, f"Date: {_mdy(f['issue_date'])}", font=regular, size=size + 1)
    s.centre(M, 30, "BILL OF LADING", font=bold, size=14)
    s.right(R, 30, f"Page {s.page} of {pages}", font=regular, size=size)
    y = 40.0
    sa = wrap(x["shipper_address"], M - L - 10, size=size)[:2]
    cell(L, y, M, y + 50, "SHIP FROM", [f["shipper_name"], *sa, f"SID#: {sid}"])
    cell(
        M, y, R, y + 50, "", [f"Bill of Lading Number: {f['bl_number']}", "", f"Master B/L covering {len(pos)} orders"]
    )
    y += 50
    ca = wrap(x["consignee_address"], M - L - 10, size=size)[:2]
    cell(L, y, M, y + 58, "SHIP TO", [f["consignee_name"], *ca, f"RFC: {x['consignee_rfc']}   CID#: {cid}"])
    cell(
        M,
        y,
        R,
        y + 58,
        "",
        [
            f"CARRIER NAME: {f['carrier_name']}",
            f"Trailer number: {x.get('trailer', '')}",
            f"Seal number(s): {', '.join(seals)}",
            f"SCAC: {f['carrier_scac']}",
            f"Pro number: {pro}",
        ],
    )
    y += 58
    cell(L, y, M, y + 34, "THIRD PARTY FREIGHT CHARGES BILL TO:", [f"INVOICE REF. {x['invoice']}"])
    prepaid = f["freight_terms"] == "prepaid"
    s.box(M, y, R, y + 34, 0.5)
    s.text(M + 4, y + 9, "Freight Charge Terms: (freight charges are prepaid unless marked otherwise)", size=cap + 0.4)
    for k, label in enumerate(("Prepaid", "Collect", "3rd Party")):
        bx = M + 6 + 80 * k
        s.text(bx, y + 22, label, font=regular, size=size)
        s.box(bx + 38, y + 15, bx + 46, y + 23, 0.5)
        if (k == 0 and prepaid) or (k == 1 and not prepaid):
            s.text(bx + 39.5, y + 22, "X", font=bold, size=size)
    s.text(M + 6, y + 31, "Master Bill of Lading: with attached underlying Bills of Lading  [X]", size=cap + 0.6)
    y += 42
    s.shade(L, y, R, y + 10, 0.2)
    s.canvas.setFillGray(1)
    s.centre(M, y + 7.5, "CUSTOMER ORDER INFORMATION", font=bold, size=6.5)
    s.canvas.setFillGray(0)
    y += 19
    ocols = [("CUSTOMER ORDER NUMBER", L + 3), ("# PKGS", L + 170), ("WEIGHT (KG)", L + 230), ("PALLET/SLIP", L + 310)]
    ocols.append(("ADDITIONAL SHIPPER INFO", L + 380))
    for label, cx in ocols:
        s.text(cx, y, label, font=bold, size=cap + 0.4)
    y += 10
    shown = pos if len(pos) <= 3 else pos[:2]
    for po, p, kg in zip(shown, order_pkgs, order_kg, strict=False):
        for (_label, cx), text in zip(
            ocols, [po, str(p), f"{kg:,.1f}", "Y", f"DEPT {rng.randint(10, 99)}"], strict=True
        ):
            s.text(cx, y, text, font=regular, size=size)
        y += 9
    if len(shown) < len(pos):
        s.text(L + 3, y, "SEE ATTACHED SUPPLEMENT PAGE", font=bold, size=size)
        y += 9
    s.text(L + 3, y + 2, "GRAND TOTAL", font=bold, size=size)
    s.text(L + 170, y + 2, str(f["package_count"]), font=bold, size=size)
    s.text(L + 230, y + 2, f"{f['gross_weight_kg']:,.1f}", font=bold, size=size)
    y += 14
    s.shade(L, y, R, y + 10, 0.2)
    s.canvas.setFillGray(1)
    s.centre(M, y + 7.5, "CARRIER INFORMATION", font=bold, size=6.5)
    s.canvas.setFillGray(0)
    y += 19
    ccols = [
        ("HU QTY", L + 3),
        ("TYPE", L + 36),
        ("PKG QTY", L + 70),
        ("TYPE", L + 106),
        ("WEIGHT (KG)", L + 140),
        ("H.M.", L + 200),
        ("COMMODITY DESCRIPTION", L + 222),
        ("NMFC #", R - 90),
        ("CLASS", R - 30),
    ]

    def carrier_header(y: float) -> float:
        for label, cx in ccols:
            s.text(cx, y, label, font=bold, size=cap + 0.4)
        return y + 10

    y = carrier_header(y)
    rest = list(lines)
    room = 4
    for ln in rest[:room]:
        y = _carrier_row(s, ccols, ln, y, rng, regular, size)
    if len(rest) > room:
        s.text(L + 222, y, "CONTINUED ON SUPPLEMENT PAGE", font=bold, size=size)
        y += 9
    s.text(L + 3, y + 2, "GRAND TOTAL", font=bold, size=size)
    s.text(L + 70, y + 2, str(f["package_count"]), font=bold, size=size)
    s.text(L + 140, y + 2, f"{f['gross_weight_kg']:,.1f}", font=bold, size=size)
    y += 16
    s.text(
        L,
        y,
        "RECEIVED, subject to individually determined rates or contracts that have been agreed upon in writing between "
        "the carrier and shipper, if applicable, otherwise to the rates, classifications and rules",
        size=5,
    )
    s.text(L, y + 7, "that have been established by the carrier and are available to the shipper, on request.", size=5)
    y += 20
    s.box(L, y, M, y + 30, 0.5)
    s.box(M, y, R, y + 30, 0.5)
    s.text(L + 3, y + 7, "SHIPPER SIGNATURE / DATE", font=bold, size=cap)
    s.text(M + 3, y + 7, "CARRIER SIGNATURE / PICKUP DATE", font=bold, size=cap)
    s.text(L + 6, y + 22, f"{rng.choice(['K. JOHNSON', 'T. NGUYEN', 'R. DAVIS'])}   {_mdy(f['issue_date'])}", size=size)
    s.new_page()
    # the supplement
    s.centre(M, 30, "SUPPLEMENT TO THE BILL OF LADING", font=bold, size=12)
    s.text(L, 44, f"Bill of Lading Number: {f['bl_number']}", font=bold, size=size + 0.5)
    s.right(R, 44, f"Date: {_mdy(f['issue_date'])}", font=regular, size=size)
    y = 60.0
    s.text(L, y, "CUSTOMER ORDER INFORMATION", font=bold, size=size)
    y += 11
    for label, cx in ocols:
        s.text(cx, y, label, font=bold, size=cap + 0.4)
    y += 10
    for po, p, kg in zip(pos, order_pkgs, order_kg, strict=True):
        for (_label, cx), text in zip(ocols, [po, str(p), f"{kg:,.1f}", "Y", ""], strict=True):
            s.text(cx, y, text, font=regular, size=size)
        y += 9
    y += 8
    s.text(L, y, "UNDERLYING BILLS OF LADING", font=bold, size=size)
    y += 11
    for label, cx in (
        ("B/L NUMBER", L + 3),
        ("CUSTOMER ORDER", L + 130),
        ("# PKGS", L + 250),
        ("WEIGHT (KG)", L + 310),
    ):
        s.text(cx, y, label, font=bold, size=cap + 0.4)
    y += 10
    for ubl, po, p, kg in zip(underlying, pos, order_pkgs, order_kg, strict=True):
        for cx, text in ((L + 3, ubl), (L + 130, po), (L + 250, str(p)), (L + 310, f"{kg:,.1f}")):
            s.text(cx, y, text, font=regular, size=size)
        y += 9
    if len(rest) > room:
        y += 8
        s.text(L, y, "CARRIER INFORMATION (continued)", font=bold, size=size)
        y = carrier_header(y + 11)
        for ln in rest[room:]:
            if y > s.height - 40:
                foot()
                s.new_page()
                y = carrier_header(40)
            y = _carrier_row(s, ccols, ln, y, rng, regular, size)
    foot()
    s.save()
    return s.page


def _carrier_row(
    s: Sheet, ccols: list[tuple[str, float]], ln: dict[str, Any], y: float, rng: random.Random, font: str, size: float
) -> float:
    hu = max(1, int(ln["package_count"]) // rng.choice([1, 2, 4]))
    desc = wrap(str(ln["description"]), ccols[7][1] - ccols[6][1] - 6, font=font, size=size)
    cells = [str(hu), "PLT", str(ln["package_count"]), "CTN", f"{ln['gross_weight_kg']:,.1f}", "", None]
    cells += [f"{rng.randint(10000, 199999)}", rng.choice(["55", "65", "70", "85"])]
    for (_label, cx), text in zip(ccols, cells, strict=True):
        if text is None:
            for k, part in enumerate(desc):
                s.text(cx, y + 9 * k, part, font=font, size=size)
        else:
            s.text(cx, y, text, font=font, size=size)
    return y + 9 * max(1, len(desc)) + 3

"""Round 15 of the held-out bill-of-lading arrangements (see ``bills``), modelled on two transport documents the
earlier arrangements do not draw.

Facts, not copies, from public sources: carriers' published B/L specimens and tariffs (a "freighted" B/L prints the
freight and charges the carrier billed: each charge with its basis, the revenue tons — the greater of the weight in
metric tons and the measure in cubic metres — or the count of containers it is charged on, the rate, the unit, the
currency and the amount in a ``Prepaid`` or ``Collect`` column; surcharges such as the bunker adjustment factor
(BAF), low-sulphur surcharge and terminal handling charges at origin and destination in local currency; the rate of
exchange; the reverse side's terms and conditions with their clause numbers, the Hague-Visby limitation of 666.67
SDR per package or 2 SDR per kilogram, the one-year time bar); the uniform straight bill of lading and its
delivery receipt (``RECEIVED ... in apparent good order, except as noted``), the carriers' proof of delivery (the
consignee's signature, the date and time of delivery, the exceptions noted as over, short and damaged), and the
pre-printed continuous bill forms that carriers fill on impact printers, whose data land a few points off the boxes
when the form is fed out of register.

* ``fletado``: an ocean carrier's freighted original B/L: the boxes ``Shipper``, ``Consignee``, ``Notify Party``,
  ``B/L No.`` with the SCAC, ``Booking No.``, ``Export References``, ``Place of Receipt``, ``Ocean Vessel``,
  ``Voy. No.``, ``Port of Loading``, ``Port of Discharge``, ``Place of Delivery``; the particulars ``Container No. |
  Seal No. | Type | No. of Pkgs | Gross Weight KGS | Measurement CBM`` under ``SAID TO CONTAIN`` and the goods;
  then ``FREIGHT AND CHARGES`` as a table ``Charge | Basis | Revenue Tons / Units | Rate | Per | Currency | Prepaid |
  Collect`` (ocean freight per container, BAF, low-sulphur surcharge, THC at origin in CNY/KRW/JPY/TWD and at
  destination in MXN, a documentation fee per B/L) whose revenue tons look like weights and whose amounts look like
  values, ``Rate of Exchange`` and the totals per currency; ``FREIGHT PREPAID`` / ``FREIGHT COLLECT``; ``Shipped on
  board`` with its date as ``AUG 27 2025``, ``Place and date of issue``, ``No. of original B/Ls THREE (3)``; a second
  page with the reverse side's clauses in two columns of small type (``1. Definitions`` … with their SDR limits,
  days and years).
* ``entrega``: a US or Mexican truck carrier's pre-printed bill of lading (``STRAIGHT BILL OF LADING - SHORT FORM -
  ORIGINAL - NOT NEGOTIABLE``) returned as the delivery receipt: the form's captions and rules printed with it, the
  data filled by an impact printer in Courier and shifted a few points down and to the right of where the form
  expects them (values cross the rules of their boxes, as a form fed out of register prints them); ``B/L No.``,
  ``Date`` (``08/27/2025``), ``Carrier`` with its SCAC, ``Trailer No.``, ``Seal No(s).``, ``Shipper``,
  ``Consignee``, ``Customer PO``; the commodity lines ``Handling units | Pkgs | Description of articles | Weight
  (KG)``; totals; freight terms as boxes marked with ``X``; at the foot the ``DELIVERY RECEIPT`` filled at the
  plant: ``Date delivered`` (days after the bill: not its date), arrival and departure times, ``Pieces received``
  (the count received, fewer than shipped when the exceptions say short), ``Exceptions: 2 CTNS DAMAGED`` or ``SHORT
  1 PLT``, ``Seal intact: YES``, the receiver's name, and a ``RECIBIDO`` rubber stamp with the plant's name and
  the delivery date. The truth is the bill's: shipped counts and weights, the bill's date.

Renderers set the truth to what they print and drop what they do not print.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("fletado", "entrega")
KIND = {"fletado": "ocean", "entrega": "truck"}
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
LOCAL = {"CHINA": ("CNY", 7.18), "KOREA": ("KRW", 1385.0), "JAPAN": ("JPY", 148.5), "TAIWAN": ("TWD", 31.6)}
CLAUSES = [
    (
        "1. Definitions",
        '"Carrier" means the party on whose behalf this Bill of Lading has been signed. "Merchant" includes the '
        "Shipper, Consignee, Receiver, Holder of this Bill of Lading and the owner of the Goods.",
    ),
    (
        "2. Carrier's Tariff",
        "The terms of the Carrier's applicable Tariff are incorporated herein. Copies are obtainable from the Carrier "
        "or its agents upon request.",
    ),
    (
        "3. Time Bar",
        "The Carrier shall be discharged of all liability unless suit is brought within 1 year after delivery of the "
        "Goods or the date when the Goods should have been delivered.",
    ),
    (
        "4. Limitation of Liability",
        "Where the Hague-Visby Rules apply, the Carrier's liability shall not exceed 666.67 SDR per package or unit or "
        "2 SDR per kilogramme of gross weight of the Goods lost or damaged, whichever is the higher. Where the Hague "
        "Rules apply, liability shall not exceed USD 500 per package.",
    ),
    (
        "5. Shipper-packed Containers",
        "If a Container has not been packed by the Carrier, this Bill of Lading is a receipt only for the number of "
        "Containers shown; the Carrier is not liable for the contents, weights or measurements declared.",
    ),
    (
        "6. Freight and Charges",
        "Freight shall be deemed fully earned on receipt of the Goods. Charges in currencies other than that of the "
        "freight are converted at the rate of exchange ruling on the date of shipment. Interest at 1.5 per cent per "
        "month runs on sums overdue after 30 days.",
    ),
    (
        "7. Notification and Delivery",
        "Any mention of parties to be notified is solely for information of the Carrier; failure to notify shall not "
        "involve the Carrier in any liability. Goods not taken within 5 days may be stored at the Merchant's risk.",
    ),
    (
        "8. Dangerous Goods",
        "No Goods of a dangerous nature shall be tendered without previous written notice of their nature, the IMDG "
        "class and UN number. Such Goods may be landed or destroyed without compensation.",
    ),
    (
        "9. Law and Jurisdiction",
        "Disputes arising under this Bill of Lading shall be determined by the courts and under the law of the place "
        "where the Carrier has its principal place of business.",
    ),
    (
        "10. Verified Gross Mass",
        "The Shipper warrants that the verified gross mass of each packed Container has been declared as required by "
        "SOLAS Chapter VI Regulation 2 before the Container is loaded.",
    ),
]


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw the bill; returns its page count."""
    return (_fletado if arrangement == "fletado" else _entrega)(truth, path, rng)


def _mon(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{MONTHS[d.month - 1]} {d.day:02d} {d.year}"


def _mdy(when: date) -> str:
    return f"{when.month:02d}/{when.day:02d}/{when.year}"


# --------------------------------------------------------------------------------------------------------


def _fletado(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size, cap = 7.0, 5.2
    s = Sheet(path, title="Bill of Lading")
    L, R = 28.0, s.width - 28.0
    M = (L + R) / 2
    country = f["port_of_loading"].split(",")[-1].strip()
    currency, per_usd = LOCAL.get(country, ("USD", 1.0))
    sizes = [rng.choice(["40HC", "40DV", "20DV"]) for _ in lines]
    cbms = [round(ln["package_count"] * rng.uniform(0.6, 1.6), 3) for ln in lines]
    prepaid = f["freight_terms"] == "prepaid"

    def box(x0: float, y0: float, x1: float, y1: float, caption: str, rows: list[str]) -> None:
        s.box(x0, y0, x1, y1, 0.5)
        s.text(x0 + 2, y0 + 6.5, caption, font=regular, size=cap)
        for k, row in enumerate(rows):
            s.text(x0 + 5, y0 + 16 + 8.5 * k, row, font=bold if k == 0 else regular, size=size)

    s.text(L, 26, f["carrier_name"], font=bold, size=11)
    s.right(R, 26, "BILL OF LADING", font=bold, size=12)
    s.right(R, 36, "ORIGINAL", font=bold, size=8)
    y = 42.0
    sw = wrap(x["shipper_address"], M - L - 12, font=regular, size=size)[:2]
    box(L, y, M, y + 46, "Shipper", [f["shipper_name"], *sw])
    box(M, y, (M + R) / 2, y + 23, f"B/L No.  (SCAC {f['carrier_scac']})", [f["bl_number"]])
    box((M + R) / 2, y, R, y + 23, "Booking No.", [x.get("booking", "")])
    box(M, y + 23, R, y + 46, "Export References", [f"INV. {x['invoice']}   PO {x['po']}"])
    y += 46
    cw = wrap(x["consignee_address"], M - L - 12, font=regular, size=size)[:1]
    box(L, y, M, y + 46, "Consignee", [f["consignee_name"], *cw, f"RFC {x['consignee_rfc']}"])
    box(M, y, R, y + 46, "Notify Party", [f.get("notify_party_name", "SAME AS CONSIGNEE")])
    y += 46
    q = (R - L) / 3
    box(L, y, L + q, y + 24, "Place of Receipt", [f["port_of_loading"].split(",")[0] + " CY"])
    box(L + q, y, L + 1.6 * q, y + 24, "Ocean Vessel", [f["vessel"]])
    box(L + 1.6 * q, y, L + 2 * q, y + 24, "Voy. No.", [f["voyage"]])
    box(L + 2 * q, y, R, y + 24, "Port of Loading", [f["port_of_loading"]])
    y += 24
    box(L, y, L + q, y + 24, "Port of Discharge", [f["port_of_discharge"]])
    box(L + q, y, L + 2 * q, y + 24, "Place of Delivery", [f["place_of_delivery"]])
    box(L + 2 * q, y, R, y + 24, "Final Destination (Merchant's reference)", [f["place_of_delivery"]])
    y += 32
    cols = [
        ("Container No.", L + 3, "l"),
        ("Seal No.", L + 78, "l"),
        ("Type", L + 142, "l"),
        ("No. of Pkgs", L + 226, "r"),
        ("Gross Weight KGS", R - 80, "r"),
        ("Measurement CBM", R - 4, "r"),
    ]
    s.shade(L, y, R, y + 13, 0.88)
    s.box(L, y, R, y + 13, 0.5)
    for label, cx, align in cols:
        (s.right if align == "r" else s.text)(cx, y + 9, label, font=bold, size=cap + 0.8)
    y += 24
    kind = rng.choice(["PALLETS", "CARTONS", "PACKAGES"])
    for ln, size_type, cbm in zip(lines, sizes, cbms, strict=True):
        cells = [
            ln["container_number"],
            ln["seal_number"],
            size_type,
            f"{ln['package_count']} {kind}",
            f"{ln['gross_weight_kg']:,.3f}",
            f"{cbm:.3f}",
        ]
        for (_label, cx, align), text in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, text, font=regular, size=size)
        y += 10
    s.hline(L, R, y - 6, 0.4)
    s.text(L + 3, y + 2, f"TOTAL: {len(lines)} CONTAINER(S)", font=bold, size=size)
    s.right(L + 226, y + 2, f"{f['package_count']} {kind}", font=bold, size=size)
    s.right(R - 80, y + 2, f"{f['gross_weight_kg']:,.3f}", font=bold, size=size)
    s.right(R - 4, y + 2, f"{sum(cbms):.3f}", font=bold, size=size)
    y += 16
    s.text(L + 3, y, "SHIPPER'S LOAD, STOW AND COUNT - SAID TO CONTAIN:", font=regular, size=size)
    for part in wrap(f["goods_description"].upper(), R - L - 20, font=regular, size=size):
        y += 9
        s.text(L + 3, y, part, font=regular, size=size)
    y += 20

    # freight and charges
    tons = max(round(f["gross_weight_kg"] / 1000, 3), round(sum(cbms), 3))
    ocean = rng.choice([1850.0, 2150.0, 2450.0, 2875.0])
    charges = [
        ("OCEAN FREIGHT", "/".join(sorted(set(sizes))), f"{len(lines)}", ocean, "CNTR", "USD"),
        ("BUNKER ADJUSTMENT FACTOR (BAF)", "", f"{len(lines)}", rng.choice([412.0, 566.0, 612.0]), "CNTR", "USD"),
        ("LOW SULPHUR SURCHARGE", "", f"{tons:.3f}", rng.choice([8.5, 11.0, 14.25]), "RT", "USD"),
        ("DOCUMENTATION FEE", "", "1", 65.0, "BL", "USD"),
    ]
    if currency != "USD":
        thc = round(rng.uniform(1000, 1400) * per_usd / 7.18, 0)
        charges.append(("TERMINAL HANDLING CHARGE ORIGIN", "", f"{len(lines)}", thc, "CNTR", currency))
    charges.append(("TERMINAL HANDLING CHARGE DEST.", "", f"{len(lines)}", rng.choice([4850.0, 5200.0]), "CNTR", "MXN"))
    s.text(L, y, "FREIGHT AND CHARGES", font=bold, size=size + 1)
    y += 6
    ccols = [
        ("Charge", L + 3, "l"),
        ("Basis", L + 170, "l"),
        ("Revenue Tons / Units", L + 290, "r"),
        ("Rate", L + 350, "r"),
        ("Per", L + 358, "l"),
        ("Currency", L + 386, "l"),
        ("Prepaid", L + 480, "r"),
        ("Collect", R - 3, "r"),
    ]
    s.shade(L, y, R, y + 12, 0.9)
    for label, cx, align in ccols:
        (s.right if align == "r" else s.text)(cx, y + 8.5, label, font=bold, size=cap + 0.6)
    y += 21
    totals: dict[str, float] = {}
    for name, basis, units, rate, per, cur in charges:
        amount = round(rate * float(units), 2)
        totals[cur] = totals.get(cur, 0.0) + amount
        pre, col = (f"{amount:,.2f}", "") if prepaid else ("", f"{amount:,.2f}")
        if cur == "MXN":  # destination charges are collected at destination whatever the terms
            pre, col = "", f"{amount:,.2f}"
        cells = [name, basis, units, f"{rate:,.2f}", per, cur, pre, col]
        for (_label, cx, align), text in zip(ccols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, text, font=regular, size=size)
        y += 9.5
    s.hline(L, R, y - 6, 0.4)
    for cur, total in totals.items():
        s.text(L + 3, y + 2, f"TOTAL {cur}", font=bold, size=size)
        s.right(L + 480 if prepaid and cur != "MXN" else R - 3, y + 2, f"{total:,.2f}", font=bold, size=size)
        y += 9.5
    if currency != "USD":
        s.text(L + 3, y + 4, f"Rate of Exchange: 1 USD = {per_usd:,.4f} {currency}", font=regular, size=size)
        y += 10
    y += 14
    stamp = "FREIGHT PREPAID" if prepaid else "FREIGHT COLLECT"
    s.text(L, y + 6, stamp, font=bold, size=11)
    s.text(L, y + 18, f"Freight payable at: {f['port_of_loading'] if prepaid else f['port_of_discharge']}", size=size)
    box(M, y - 4, R, y + 20, "Shipped on board the vessel", [f"{f['vessel']}  {_mon(f['shipped_on_board_date'])}"])
    y += 26
    city = f["port_of_loading"].split(",")[0]
    box(L, y, M, y + 24, "Place and date of issue", [f"{city}   {_mon(f['issue_date'])}"])
    box(M, y, R, y + 24, "No. of original B/Ls", ["THREE (3)"])
    s.text(L, y + 36, f"Signed as agent for the Carrier {f['carrier_name']}", font=regular, size=6)
    s.text(L, y + 46, "SEE TERMS AND CONDITIONS ON REVERSE", font=bold, size=6)

    # the reverse side
    s.new_page()
    s.centre(M, 30, "TERMS AND CONDITIONS OF CARRIAGE", font=bold, size=9)
    s.centre(M, 40, f"(Reverse of Bill of Lading No. {f['bl_number']})", font=regular, size=6)
    half = (R - L - 16) / 2
    cols_x = [L, L + half + 16]
    column, yy = 0, 56.0
    for title, body in CLAUSES * 2:
        parts = wrap(body, half, font=regular, size=5.6)
        if yy + 7 * (len(parts) + 1) > s.height - 30:
            column += 1
            yy = 56.0
            if column > 1:
                break
        s.text(cols_x[column], yy, title, font=bold, size=6)
        yy += 7
        for part in parts:
            s.text(cols_x[column], yy, part, font=regular, size=5.6)
            yy += 6.6
        yy += 4
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _entrega(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, title="Bill of Lading")
    L, R = 30.0, s.width - 30.0
    M = (L + R) / 2
    form, form_bold, fill = "Helvetica", "Helvetica-Bold", "Courier-Bold"
    cap, size = 5.4, 8.0
    dx, dy = rng.uniform(3.0, 14.0), rng.uniform(3.0, 7.5)  # the form fed out of register
    issued = date.fromisoformat(f["issue_date"])
    delivered = issued + timedelta(days=rng.randint(1, 4))
    pieces = int(f["package_count"])
    short = rng.random() < 0.5
    received = pieces - 1 if short and pieces > 1 else pieces
    exception = "SHORT 1 PLT" if received < pieces else f"{rng.randint(1, 3)} CTNS DAMAGED - CRUSHED CORNERS"
    plant = f["consignee_name"].split(" S.")[0]

    def data(xx: float, yy: float, text: str, sz: float = size) -> None:
        s.text(xx + dx, yy + dy, text, font=fill, size=sz)

    def cbox(x0: float, y0: float, x1: float, y1: float, caption: str) -> None:
        s.box(x0, y0, x1, y1, 0.6)
        s.text(x0 + 2, y0 + 6.5, caption, font=form, size=cap)

    s.text(L, 30, "STRAIGHT BILL OF LADING - SHORT FORM", font=form_bold, size=11)
    s.text(L, 40, "ORIGINAL - NOT NEGOTIABLE", font=form, size=7)
    s.right(R, 30, "Form 1207-C  (continuous)", font=form, size=5.5)
    y = 48.0
    q = (R - L) / 4
    cbox(L, y, L + q, y + 24, "B/L No.")
    cbox(L + q, y, L + 2 * q, y + 24, "Date")
    cbox(L + 2 * q, y, R, y + 24, "Carrier (name and SCAC)")
    data(L + 4, y + 17, f["bl_number"])
    data(L + q + 4, y + 17, _mdy(issued))
    data(L + 2 * q + 4, y + 17, f"{f['carrier_name']}  SCAC {f['carrier_scac']}", size - 0.8)
    y += 24
    cbox(L, y, L + q, y + 24, "Trailer No.")
    cbox(L + q, y, L + 2 * q, y + 24, "Seal No(s).")
    cbox(L + 2 * q, y, R, y + 24, "Customer PO / Reference")
    data(L + 4, y + 17, x["trailer"])
    data(L + q + 4, y + 17, " ".join(x["seals"]), size - 0.8)
    data(L + 2 * q + 4, y + 17, f"{' '.join(x['pos'])}  INV {x['invoice']}", size - 0.8)
    y += 24
    cbox(L, y, M, y + 48, "SHIPPER (FROM)")
    cbox(M, y, R, y + 48, "CONSIGNEE (TO)")
    data(L + 4, y + 17, f["shipper_name"], size - 0.6)
    for k, part in enumerate(wrap(x["shipper_address"], M - L - 20, font=fill, size=size - 1.2)[:2]):
        data(L + 4, y + 27 + 9 * k, part, size - 1.2)
    data(M + 4, y + 17, f["consignee_name"], size - 1.2)
    for k, part in enumerate(wrap(x["consignee_address"], R - M - 20, font=fill, size=size - 1.2)[:2]):
        data(M + 4, y + 27 + 9 * k, part, size - 1.2)
    y += 56
    cols = [("Handling units", L + 3), ("Pkgs", L + 64), ("Description of articles", L + 110), ("Weight (KG)", R - 70)]
    s.shade(L, y, R, y + 13, 0.88)
    s.box(L, y, R, y + 13, 0.6)
    for label, cx in cols:
        s.text(cx, y + 9, label, font=form_bold, size=cap + 0.8)
    y += 13
    rows = max(7, len(lines))
    row_h = 16.0
    for k in range(rows):
        s.hline(L, R, y + row_h * (k + 1), 0.3)
    for cx in (L + 60, L + 106, R - 74):
        s.vline(cx, y - 13, y + row_h * rows, 0.4)
    s.box(L, y, R, y + row_h * rows, 0.6)
    for k, ln in enumerate(lines):
        yy = y + row_h * k + 11
        data(L + 4, yy, f"{max(1, ln['package_count'] // rng.choice([1, 2, 4]))} PLT", size - 0.6)
        data(L + 66, yy, str(ln["package_count"]), size - 0.6)
        data(L + 112, yy, str(ln["description"]), size - 1.2)
        data(R - 68, yy, f"{ln['gross_weight_kg']:,.1f}", size - 0.6)
    y += row_h * rows
    cbox(L, y, M, y + 24, "TOTAL PIECES")
    cbox(M, y, R, y + 24, "TOTAL WEIGHT (KG)")
    data(L + 4, y + 17, str(f["package_count"]))
    data(M + 4, y + 17, f"{f['gross_weight_kg']:,.1f}")
    y += 24
    cbox(L, y, R, y + 26, "FREIGHT CHARGE TERMS")
    prepaid = f["freight_terms"] == "prepaid"
    for k, label in enumerate(("Prepaid", "Collect", "3rd Party")):
        bx = L + 90 + 110 * k
        s.box(bx, y + 11, bx + 9, y + 20, 0.6)
        s.text(bx + 13, y + 18, label, font=form, size=6.5)
        if (k == 0 and prepaid) or (k == 1 and not prepaid):
            data(bx + 1, y + 18, "X")
    y += 34
    s.text(
        L,
        y,
        "RECEIVED, subject to the classifications and tariffs in effect on the date of the issue of this Bill of "
        "Lading, the property described above in apparent good order, except as noted.",
        font=form,
        size=5.2,
    )
    y += 14
    cbox(L, y, M, y + 34, "SHIPPER SIGNATURE / DATE")
    cbox(M, y, R, y + 34, "CARRIER SIGNATURE / PICKUP DATE")
    data(L + 4, y + 24, f"J. {rng.choice(['MILLER', 'GARCIA', 'NGUYEN', 'SMITH'])}   {_mdy(issued)}", size - 1)
    data(M + 4, y + 24, f"DRIVER {rng.randint(100, 999)}   {_mdy(issued)}", size - 1)
    y += 46

    # the delivery receipt, filled at the plant
    s.shade(L, y, R, y + 13, 0.8)
    s.text(L + 3, y + 9.5, "DELIVERY RECEIPT  -  RECIBO DE ENTREGA", font=form_bold, size=8)
    y += 13
    h = 26.0
    cbox(L, y, L + q, y + h, "Date delivered / Fecha de entrega")
    cbox(L + q, y, L + 2 * q, y + h, "Time in / Time out")
    cbox(L + 2 * q, y, L + 3 * q, y + h, "Pieces received / Bultos recibidos")
    cbox(L + 3 * q, y, R, y + h, "Seal intact / Sello intacto")
    arrive = f"{rng.randint(6, 12):02d}:{rng.randint(0, 59):02d}"
    leave = f"{rng.randint(13, 17):02d}:{rng.randint(0, 59):02d}"
    data(L + 4, y + 17, _mdy(delivered))
    data(L + q + 4, y + 17, f"{arrive} / {leave}")
    data(L + 2 * q + 4, y + 17, str(received))
    data(L + 3 * q + 4, y + 17, "YES")
    y += h
    cbox(L, y, R, y + h, "Exceptions (over, short, damaged) / Excepciones")
    data(L + 4, y + 17, exception)
    y += h
    cbox(L, y, M, y + 34, "Received by (print and sign) / Recibió")
    cbox(M, y, R, y + 34, "Consignee stamp / Sello")
    data(L + 4, y + 24, rng.choice(["R. HERNANDEZ", "L. TORRES", "M. CASTILLO", "A. RAMIREZ"]))
    # the receiving dock's rubber stamp, turned a little
    c = s.canvas
    c.saveState()
    c.translate(M + 90, s.height - (y + 22))
    c.rotate(rng.uniform(-9, 9))
    c.setLineWidth(1.2)
    c.roundRect(-70, -14, 140, 30, 4)
    c.setFont("Helvetica-Bold", 9)
    c.drawCentredString(0, 5, "RECIBIDO")
    c.setFont("Helvetica", 6)
    c.drawCentredString(0, -3, plant[:34])
    c.drawCentredString(0, -10, f"{delivered.day:02d} {MONTHS[delivered.month - 1]} {delivered.year}  ALMACEN")
    c.restoreState()
    s.save()
    return s.page

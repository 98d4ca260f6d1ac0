"""Round 12 of the held-out bill-of-lading arrangements (see ``bills``), modelled on two transport documents the
earlier arrangements do not draw:

* ``telex``: the copy of an ocean bill of lading whose originals were surrendered at origin (a "telex release" or
  "express release": the consignee takes delivery without an original), as Asian carriers and forwarders e-mail
  it to the consignee: ``COPY - NON NEGOTIABLE`` at the head, a large ``SURRENDERED`` stamp across the cargo box
  and ``TELEX RELEASED`` beside it, with the stamp's own line ``ORIGINAL B/L SURRENDERED AT SHANGHAI ON 02 SEP
  2025`` (a date that is neither the issue nor the on-board date); boxes captioned as Chinese forwarders print
  them (``Shipper (complete name and address)``, ``Consignee (complete name and address)``, ``Notify Party
  (complete name and address)``, ``Pre-carriage by``, ``Place of Receipt``, ``Ocean Vessel Voy. No.`` with the
  vessel and voyage in one box, ``Port of Loading``, ``Port of Discharge``, ``Place of Delivery``, ``Final
  Destination (for the Merchant's reference only)``, ``B/L No.``, ``Booking No.``); the particulars ``Marks &
  Nos. Container / Seal No. | No. of Containers or Packages | Description of Goods | Gross Weight (KGS) |
  Measurement (CBM)``, each container a line ``CSQU7519848/EU8991880`` with its size in the packages column
  (``1X40HQ``), its packages (``20 CTNS``) and weight in kilograms with two decimals; ``TOTAL``; ``FREIGHT
  PREPAID`` / ``FREIGHT COLLECT``; ``Laden on Board the Vessel`` with its date as ``AUG. 27, 2025`` and ``Place
  and Date of Issue``; the carrier's ``SCAC CODE`` beside its name.
* ``mensajeria``: an express courier's international air waybill for an urgent shipment of parts to a
  maquiladora (the urgent lots go by courier, not by air freight: a small weight, a few pieces): the courier's
  name and logo line, the ten-digit waybill number printed spaced under its bar code (``WAYBILL 12 3456 7890``;
  the truth keeps the digits run together), numbered sections ``1 From (Shipper)`` with the shipper's account
  number, ``2 To (Receiver)`` with the RFC as the receiver's tax id, ``3 Shipment details`` (``Total pieces``,
  ``Total weight kg``, ``Dimensions``), ``4 Full description of contents`` (one row per kind of goods: pieces,
  weight, contents), ``5 Declared value for customs`` with the invoice, ``6 Services`` (``EXPRESS WORLDWIDE``),
  ``7 Payment`` (``Bill transportation charges to: [X] Shipper [ ] Receiver [ ] Third party``: prepaid when the
  shipper pays, collect when the receiver does; ``Bill duties and taxes to: Receiver``), the origin and
  destination service-area codes printed large (``LRD`` → ``QRO``), ``Pickup date`` day first with the
  month's name (``10 SEP 2025``); no seals and no SCAC (dropped from the truth).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.synth.draw import MONTHS_EN, Sheet, wrap

ARRANGEMENTS = ("telex", "mensajeria")
KIND = {"telex": "ocean", "mensajeria": "truck"}
COURIERS = [
    ("DHL EXPRESS (USA) INC", "EXPRESS WORLDWIDE"),
    ("FEDERAL EXPRESS CORPORATION", "INTERNATIONAL PRIORITY"),
    ("UNITED PARCEL SERVICE INC", "WORLDWIDE EXPRESS SAVER"),
]
AREAS = [("LRD", "LAREDO, TX"), ("ELP", "EL PASO, TX"), ("SAT", "SAN ANTONIO, TX"), ("CHI", "CHICAGO, IL")]
DEST_AREAS = [("QRO", "QUERETARO"), ("MTY", "MONTERREY"), ("SLP", "SAN LUIS POTOSI"), ("BJX", "SILAO")]


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw the bill; returns its page count."""
    return (_telex if arrangement == "telex" else _mensajeria)(truth, path, rng)


def _en(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{MONTHS_EN[d.month - 1].upper()}. {d.day:02d}, {d.year}"


# --------------------------------------------------------------------------------------------------------


def _telex(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Courier", "Courier-Bold")])
    size = 7.0 if regular == "Helvetica" else 6.5
    cap = 5.4
    s = Sheet(path, title="Bill of Lading copy")
    L, R = 28.0, s.width - 28.0
    M = (L + R) / 2
    surrendered_at = f["port_of_loading"].split(",")[0]
    on_board = date.fromisoformat(f["shipped_on_board_date"])
    surrendered = on_board + timedelta(days=rng.randint(2, 9))
    sizes = [rng.choice(["40HQ", "40GP", "20GP"]) for _ in lines]
    kind = rng.choice([("CTNS", "CARTONS"), ("PLTS", "PALLETS"), ("PKGS", "PACKAGES")])

    def box(x0: float, y0: float, x1: float, y1: float, caption: str, rows: list[str]) -> None:
        s.box(x0, y0, x1, y1, 0.5)
        s.text(x0 + 2, y0 + 7, caption, font=regular, size=cap)
        for k, row in enumerate(rows):
            s.text(x0 + 5, y0 + 17 + 9 * k, row, font=regular, size=size)

    def head() -> float:
        end = s.text(L, 22, f["carrier_name"], font=bold, size=10)
        s.text(end + 10, 22, f"SCAC CODE: {f['carrier_scac']}", font=regular, size=size)
        s.right(R, 22, "COPY - NON NEGOTIABLE", font=bold, size=9)
        s.centre(M, 34, "BILL OF LADING", font=bold, size=11)
        return 40.0

    y = head()
    sw = wrap(x["shipper_address"], M - L - 12, font=regular, size=size)[:2]
    box(L, y, M, y + 52, "Shipper (complete name and address)", [f["shipper_name"], *sw])
    q = (R - M) / 2
    box(M, y, M + q, y + 26, "B/L No.", [f["bl_number"]])
    box(M + q, y, R, y + 26, "Booking No.", [x.get("booking", f["bl_number"][-9:])])
    box(M, y + 26, R, y + 52, "Export references", [f"INV NO. {x['invoice']}   PO NO. {x['po']}"])
    y += 52
    cw = wrap(x["consignee_address"], M - L - 12, font=regular, size=size)[:2]
    box(
        L,
        y,
        M,
        y + 52,
        "Consignee (complete name and address)",
        [f["consignee_name"], *cw, f"RFC: {x['consignee_rfc']}"],
    )
    s.box(M, y, R, y + 104, 0.5)
    s.text(M + 8, y + 24, "TELEX RELEASED", font=bold, size=14)
    s.text(M + 8, y + 40, f"ORIGINAL B/L SURRENDERED AT {surrendered_at}", font=regular, size=size)
    s.text(
        M + 8,
        y + 50,
        f"ON {surrendered.day:02d} {MONTHS_EN[surrendered.month - 1].upper()} {surrendered.year}",
        font=regular,
        size=size,
    )
    s.text(M + 8, y + 66, "CARGO TO BE RELEASED WITHOUT PRESENTATION OF", font=regular, size=size)
    s.text(M + 8, y + 75, "ORIGINAL BILL OF LADING", font=regular, size=size)
    y += 52
    box(L, y, M, y + 52, "Notify Party (complete name and address)", [f.get("notify_party_name", "SAME AS CONSIGNEE")])
    y += 52
    h = (M - L) / 2
    box(L, y, L + h, y + 26, "Pre-carriage by", [""])
    box(L + h, y, M, y + 26, "Place of Receipt", [f["port_of_loading"]])
    box(M, y, M + q, y + 26, "Ocean Vessel Voy. No.", [f"{f['vessel']} {f['voyage']}"])
    box(M + q, y, R, y + 26, "Port of Loading", [f["port_of_loading"]])
    y += 26
    box(L, y, L + h, y + 26, "Port of Discharge", [f["port_of_discharge"]])
    box(L + h, y, M, y + 26, "Place of Delivery", [f["place_of_delivery"]])
    box(M, y, R, y + 26, "Final Destination (for the Merchant's reference only)", [f["place_of_delivery"]])
    y += 26
    top, bottom = y, s.height - 150
    c1, c2, c3, c4 = L + 120, L + 190, R - 120, R - 56
    s.box(L, top, R, bottom, 0.5)
    for cx in (c1, c2, c3, c4):
        s.vline(cx, top, bottom, 0.4)
    s.hline(L, R, top + 18, 0.4)
    for cx, caption in (
        (L, "Marks & Nos. Container / Seal No."),
        (c1, "No. of Containers"),
        (c2, "Description of Goods"),
        (c3, "Gross Weight (KGS)"),
        (c4, "Measurement (CBM)"),
    ):
        s.text(cx + 2, top + 8, caption, font=regular, size=cap)
    s.text(c1 + 2, top + 14, "or Packages", font=regular, size=cap)
    s.text(c2 + 2, top + 14, "PARTICULARS FURNISHED BY SHIPPER", font=regular, size=cap)
    yy = top + 30
    s.text(c2 + 4, yy, "SHIPPER'S LOAD, COUNT & SEAL", font=regular, size=size)
    s.text(c2 + 4, yy + 9, "SAID TO CONTAIN:", font=regular, size=size)
    desc = wrap(f["goods_description"].upper(), c3 - c2 - 10, font=regular, size=size)
    for k, part in enumerate(desc):
        s.text(c2 + 4, yy + 18 + 9 * k, part, font=regular, size=size)
    yy += 18 + 9 * len(desc) + 8
    total_cbm = 0.0
    page_bottom = bottom - 40
    for ln, size_type in zip(lines, sizes, strict=True):
        if yy > page_bottom:
            s.text(c2 + 4, yy, "CONTINUED ON NEXT PAGE", font=regular, size=size)
            s.new_page()
            head()
            s.text(L, 52, f"B/L No. {f['bl_number']}  (CONTINUED)", font=bold, size=size)
            top, bottom = 60.0, s.height - 60
            s.box(L, top, R, bottom, 0.5)
            yy = top + 14
            page_bottom = bottom - 20
        cbm = round(ln["package_count"] * rng.uniform(0.9, 2.2), 3)
        total_cbm += cbm
        s.text(L + 4, yy, f"{ln['container_number']}/{ln['seal_number']}", font=regular, size=size)
        s.text(c1 + 4, yy, f"1X{size_type}", font=regular, size=size)
        s.text(c2 + 4, yy, f"{ln['package_count']} {kind[0]}", font=regular, size=size)
        s.right(c4 - 4, yy, f"{ln['gross_weight_kg']:,.2f}", font=regular, size=size)
        s.right(R - 4, yy, f"{cbm:.3f}", font=regular, size=size)
        yy += 11
    yy += 4
    s.text(c2 + 4, yy, f"TOTAL: {len(lines)} CONTAINER(S) / {f['package_count']} {kind[1]}", font=bold, size=size)
    s.right(c4 - 4, yy, f"{f['gross_weight_kg']:,.2f}", font=bold, size=size)
    s.right(R - 4, yy, f"{total_cbm:.3f}", font=bold, size=size)
    yy += 14
    terms = "FREIGHT PREPAID" if f["freight_terms"] == "prepaid" else "FREIGHT COLLECT"
    s.text(c2 + 4, yy, terms, font=bold, size=size + 1)
    # the stamp across the cargo box
    c = s.canvas
    c.saveState()
    c.setFillGray(0.55)
    c.setFont("Helvetica-Bold", 34)
    c.translate(M, s.height - (bottom - 60))
    c.rotate(18)
    c.drawCentredString(0, 0, "SURRENDERED")
    c.restoreState()
    y = bottom
    box(L, y, M, y + 26, "Laden on Board the Vessel", [_en(f["shipped_on_board_date"])])
    box(M, y, R, y + 26, "Place and Date of Issue", [f"{surrendered_at}  {_en(f['issue_date'])}"])
    box(L, y + 26, M, y + 52, "Number of Original B(s)/L", ["THREE (3)"])
    box(M, y + 26, R, y + 52, "Signed for the Carrier", [f"AS AGENT FOR {f['carrier_name']}"])
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _mensajeria(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    courier, service = rng.choice(COURIERS)
    origin, origin_city = rng.choice(AREAS)
    dest, dest_city = rng.choice(DEST_AREAS)
    digits = "".join(str(rng.randint(0, 9)) for _ in range(10))
    f.update({"bl_kind": "air", "carrier_name": courier, "bl_number": digits})
    f.pop("carrier_scac", None)  # a courier has no SCAC
    truth["references"] = [r for r in truth["references"] if r["kind"] != "seal"]
    for ln in lines:  # a courier's parcel: a small part of a truckload
        ln["gross_weight_kg"] = max(0.5, round(ln["gross_weight_kg"] / 60, 1))
        ln["package_count"] = max(1, min(ln["package_count"], rng.randint(1, 6)))
    f["gross_weight_kg"] = round(sum(ln["gross_weight_kg"] for ln in lines), 1)
    f["package_count"] = sum(ln["package_count"] for ln in lines)
    regular, bold = "Helvetica", "Helvetica-Bold"
    size = 7.2
    s = Sheet(path, title="Waybill")
    L, R = 30.0, s.width - 30.0
    M = (L + R) / 2
    account = f"{rng.randint(100000000, 999999999)}"
    declared = round(rng.uniform(800, 25000), 2)
    pickup = date.fromisoformat(f["issue_date"])
    spaced = f"{digits[:2]} {digits[2:6]} {digits[6:]}"

    def section(x0: float, y0: float, x1: float, y1: float, n: int, title: str, rows: list[tuple[str, str]]) -> None:
        s.box(x0, y0, x1, y1, 0.6)
        s.shade(x0, y0, x0 + 12, y0 + 11, 0.2)
        s.canvas.setFillGray(1)
        s.text(x0 + 3, y0 + 9, str(n), font=bold, size=8)
        s.canvas.setFillGray(0)
        s.text(x0 + 16, y0 + 9, title, font=bold, size=size)
        for k, (label, value) in enumerate(rows):
            yy = y0 + 21 + 10 * k
            if label:
                end = s.text(x0 + 6, yy, label, font=regular, size=size - 1)
                s.text(max(end + 4, x0 + 70), yy, value, font=bold, size=size)
            else:
                s.text(x0 + 6, yy, value, font=bold, size=size)

    s.text(L, 34, courier, font=bold, size=12)
    s.text(L, 46, "International Waybill - Shipper's copy (not negotiable)", font=regular, size=size)
    # the bar code and the number under it
    for k in range(60):
        w = rng.choice([0.6, 1.0, 1.6])
        s.canvas.setLineWidth(w)
        xx = R - 190 + k * 3
        s.canvas.line(xx, s.height - 22, xx, s.height - 48)
    s.text(R - 190, 58, "WAYBILL", font=regular, size=size)
    s.right(R - 10, 58, spaced, font=bold, size=11)
    y = 70.0
    section(
        L,
        y,
        M,
        y + 76,
        1,
        "From (Shipper)",
        [("Account no.", account), ("", f["shipper_name"]), *[("", r) for r in wrap(x["shipper_address"], 220)[:2]]],
    )
    section(
        M,
        y,
        R,
        y + 76,
        2,
        "To (Receiver)",
        [
            ("", f["consignee_name"]),
            *[("", r) for r in wrap(x["consignee_address"], 220)[:2]],
            ("Tax id (RFC)", x["consignee_rfc"]),
        ],
    )
    y += 76
    dims = f"{rng.randint(30, 120)} x {rng.randint(30, 100)} x {rng.randint(20, 90)} cm"
    section(
        L,
        y,
        M,
        y + 50,
        3,
        "Shipment details",
        [
            ("Total pieces", str(f["package_count"])),
            ("Total weight kg", f"{f['gross_weight_kg']:.1f}"),
            ("Dimensions", dims),
        ],
    )
    section(
        M,
        y,
        R,
        y + 50,
        5,
        "Declared value for customs",
        [
            ("Value", f"{declared:,.2f} USD"),
            ("Invoice no.", x["invoice"]),
            ("Ref. / PO", ", ".join(x.get("pos") or [x["po"]])),
        ],
    )
    y += 50
    h = 22 + 10 * sum(len(wrap(ln["description"].upper(), 330, size=size)) for ln in lines)
    s.box(L, y, R, y + h, 0.6)
    s.shade(L, y, L + 12, y + 11, 0.2)
    s.canvas.setFillGray(1)
    s.text(L + 3, y + 9, "4", font=bold, size=8)
    s.canvas.setFillGray(0)
    s.text(L + 16, y + 9, "Full description of contents", font=bold, size=size)
    s.text(L + 200, y + 9, "Pieces", font=regular, size=size - 1)
    s.text(L + 250, y + 9, "Weight kg", font=regular, size=size - 1)
    s.text(L + 310, y + 9, "Contents", font=regular, size=size - 1)
    yy = y + 21
    for ln in lines:
        s.right(L + 222, yy, str(ln["package_count"]), font=regular, size=size)
        s.right(L + 284, yy, f"{ln['gross_weight_kg']:.1f}", font=regular, size=size)
        for part in wrap(ln["description"].upper(), 330, size=size):
            s.text(L + 310, yy, part, font=regular, size=size)
            yy += 10
    y += h
    prepaid = f["freight_terms"] == "prepaid"
    mark = ("[X]", "[ ]") if prepaid else ("[ ]", "[X]")
    section(
        L,
        y,
        M,
        y + 50,
        6,
        "Services",
        [
            ("Product", service),
            ("Pickup date", f"{pickup.day:02d} {MONTHS_EN[pickup.month - 1].upper()} {pickup.year}"),
        ],
    )
    section(
        M,
        y,
        R,
        y + 50,
        7,
        "Payment",
        [
            ("", f"Bill transportation charges to: {mark[0]} Shipper {mark[1]} Receiver [ ] Third party"),
            ("", "Bill duties and taxes to: [ ] Shipper [X] Receiver [ ] Third party"),
        ],
    )
    y += 62
    s.text(L, y + 20, origin, font=bold, size=30)
    s.text(L + 90, y + 20, "->", font=bold, size=20)
    s.text(L + 130, y + 20, dest, font=bold, size=30)
    s.text(L, y + 32, f"{origin_city}  TO  {dest_city}, MEXICO", font=regular, size=size)
    s.text(M, y + 10, "Shipper's signature: __________________", font=regular, size=size)
    s.text(M, y + 24, f"Date: {pickup.strftime('%d/%m/%Y')}", font=regular, size=size)
    s.save()
    return s.page

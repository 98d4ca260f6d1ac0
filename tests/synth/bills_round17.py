"""Round 17 of the held-out bill-of-lading arrangements (see ``bills``), modelled on two transport documents the
earlier arrangements do not draw.

Facts, not copies, from public sources: how a "switch" bill of lading is issued in triangular trade (an intermediary
that buys from the maker and sells to the importer surrenders the first set of originals at the carrier's office in
the intermediary's port and receives a second set naming itself as shipper, so that the consignee does not learn
the maker's name: the new set has its own number, place and date of issue, while the vessel, the ports, the
containers and the ``Shipped on board`` date stay those of the voyage; carriers print a clause citing the set it
replaces); IATA Resolution 600a and the FIATA / forwarders' house air waybill (a consolidator's ``HOUSE AIR WAYBILL``
with its own number, ``Not negotiable``, issued by the forwarder, which cites the airline's master air waybill the
consolidation flies under, ``MAWB No. 057-12345675``, the first carrier's code in ``Routing``; ``Issuing Carrier's
Agent``; ``Declared Value for Carriage NVD``, ``Declared Value for Customs NCV``; the rate lines with ``Chargeable
Weight`` and ``AS AGREED`` instead of a rate).

* ``switch``: an ocean carrier's switch B/L issued at Hong Kong: the boxes ``Shipper`` (a Hong Kong trading company,
  not the maker), ``Consignee``, ``Notify Party``, ``B/L No.``, ``Booking No.``, ``Vessel / Voyage``, the ports,
  the containers with their seals in the particulars, and the clause ``THIS B/L IS ISSUED IN EXCHANGE FOR B/L NO.
  … ISSUED AT … ON …  THE FIRST SET OF ORIGINALS HAS BEEN SURRENDERED`` (a number, a place and a date that are not
  this bill's); ``Shipped on board`` keeps the voyage's date; ``Place and date of issue`` is Hong Kong, later.
  The truth's shipper is the trading company; its number and issue date are the switch bill's.
* ``hawb``: a forwarder's house air waybill for a consolidated urgent shipment to a Mexican plant (the contract's
  ``air`` kind): the house number top right (``LAX-40123456`` style: the forwarder's station and serial), ``MAWB
  No.`` with the airline's prefix and serial beside it (a reference, not this bill's number: the pedimento's ``M``
  guide), shipper, consignee with the RFC, ``Also notify`` the customs broker, ``Airport of Departure``, ``Routing``
  with the first carrier's code, ``Airport of Destination``, ``Flight/Date``, the ``WT/VAL PPD COLL`` boxes, the
  declared values, the rate lines (pieces, gross weight, ``K``, chargeable weight, ``AS AGREED``, the goods), the
  totals, ``Executed on 27-Aug-2025 at LOS ANGELES`` and the forwarder as issuing carrier. The truth's carrier is the
  forwarder that issues the bill; no SCAC, no seals; the master air waybill a reference.

Renderers set the truth to what they print and drop what they do not print.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.synth import data
from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("switch", "hawb")
KIND = {"switch": "ocean", "hawb": "truck"}
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
TRADERS = [
    ("PEARL RIVER SOURCING (HK) LIMITED", "Unit 1203, 12/F, Tower 2, Lippo Centre, 89 Queensway, Admiralty, Hong Kong"),
    ("KOWLOON GLOBAL TRADING CO., LIMITED", "Flat B, 8/F, Kwai Fung Industrial Bldg, Kwai Chung, N.T., Hong Kong"),
    ("ASIA BRIDGE COMPONENTS LIMITED", "Room 2105, 21/F, Nan Fung Centre, 264-298 Castle Peak Rd, Tsuen Wan, HK"),
]
FORWARDERS = [
    ("SKYLINK GLOBAL LOGISTICS INC", "ORD", "CHICAGO", "CHICAGO O'HARE INTL, IL"),
    ("PACIFIC AIR CONSOLIDATORS INC", "LAX", "LOS ANGELES", "LOS ANGELES INTL, CA"),
    ("TRANSMUNDIAL CARGO EXPRESS SA DE CV", "MIA", "MIAMI", "MIAMI INTL, FL"),
]
AIRLINES = [("001", "AA"), ("139", "AM"), ("016", "UA"), ("865", "MY")]
AIRPORTS_MX = [("QUERETARO INTL (QRO)", "QRO"), ("MONTERREY INTL (MTY)", "MTY"), ("GUADALAJARA INTL (GDL)", "GDL")]


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw the bill; returns its page count (drawn twice so that "page N of M" knows M)."""
    draw = _switch if arrangement == "switch" else _hawb
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
    return f"{d.day:02d} {MONTHS[d.month - 1].upper()} {d.year}"


def _dash(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day:02d}-{MONTHS[d.month - 1]}-{d.year}"


def mawb(prefix: str, serial: int) -> str:
    """An airline's master air waybill: the three-digit prefix, then the serial and its check digit (modulo 7)."""
    return f"{prefix}-{serial:07d}{serial % 7}"


# --------------------------------------------------------------------------------------------------------


def _switch(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    trader, trader_address = rng.choice(TRADERS)
    f["shipper_name"] = trader
    on_board = date.fromisoformat(f["shipped_on_board_date"])
    first_issue = on_board + timedelta(days=rng.randint(0, 1))
    issued = on_board + timedelta(days=rng.randint(4, 15))
    f["issue_date"] = issued.isoformat()
    # (the switch set prints the invoice alone among the references: the orders are not on it)
    truth["references"] = [r for r in truth["references"] if r["kind"] != "po"]
    first_port = str(f["port_of_loading"]).split(",")[0]  # the first set is issued where the goods were loaded
    first_number = f"{f['carrier_scac']}{rng.randint(100000000, 999999999)}"
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size, cap = 7.0, 5.2
    s = Sheet(path, title="Bill of Lading")
    L, R = 28.0, s.width - 28.0
    M = (L + R) / 2

    def box(x0: float, y0: float, x1: float, y1: float, caption: str, rows: list[str]) -> None:
        s.box(x0, y0, x1, y1, 0.5)
        s.text(x0 + 2, y0 + 6.5, caption, font=regular, size=cap)
        for k, row in enumerate(rows):
            s.text(x0 + 5, y0 + 16 + 8.5 * k, row, font=bold if k == 0 else regular, size=size)

    def foot() -> None:
        s.text(L, s.height - 14, f"{f['carrier_name']}  -  B/L No. {f['bl_number']}", font=regular, size=6)
        s.right(R, s.height - 14, f"Page {s.page} of {pages}", font=regular, size=6)

    def head() -> float:
        s.text(L, 26, f["carrier_name"], font=bold, size=11)
        s.right(R, 26, "BILL OF LADING", font=bold, size=12)
        s.right(R, 36, "FOR PORT-TO-PORT OR COMBINED TRANSPORT  -  ORIGINAL", font=regular, size=6.5)
        return 42.0

    y = head()
    sw = wrap(trader_address, M - L - 12, font=regular, size=size)[:2]
    box(L, y, M, y + 46, "Shipper", [trader, *sw])
    box(M, y, R, y + 23, f"B/L No.          SCAC {f['carrier_scac']}", [f["bl_number"]])
    box(M, y + 23, R, y + 46, "Booking No.   /   Export References", [f"{x['booking']}   /   INV {x['invoice']}"])
    y += 46
    cw = wrap(x["consignee_address"], M - L - 12, font=regular, size=size)[:1]
    box(L, y, M, y + 46, "Consignee", [f["consignee_name"], *cw, f"RFC: {x['consignee_rfc']}"])
    box(M, y, R, y + 46, "Notify Party", [f.get("notify_party_name", "SAME AS CONSIGNEE")])
    y += 46
    q = (R - L) / 4
    box(L, y, L + q, y + 24, "Vessel / Voyage", [f"{f['vessel']} / {f['voyage']}"])
    box(L + q, y, L + 2 * q, y + 24, "Port of Loading", [f["port_of_loading"]])
    box(L + 2 * q, y, L + 3 * q, y + 24, "Port of Discharge", [f["port_of_discharge"]])
    box(L + 3 * q, y, R, y + 24, "Place of Delivery", [f["place_of_delivery"]])
    y += 32
    cols = [
        ("Container No. / Seal No.", L + 3, "l"),
        ("No. of Pkgs", L + 150, "l"),
        ("Description of Goods", L + 220, "l"),
        ("Gross Weight (KGS)", R - 70, "r"),
        ("Measurement (CBM)", R - 4, "r"),
    ]

    def header(y: float) -> float:
        s.shade(L, y, R, y + 13, 0.88)
        s.box(L, y, R, y + 13, 0.5)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y + 9, label, font=bold, size=cap + 0.8)
        return y + 24

    y = header(y)
    s.text(L + 220, y, "SHIPPER'S LOAD, STOW, WEIGHT AND COUNT - SAID TO CONTAIN:", font=bold, size=size - 0.4)
    y += 11
    total_cbm = 0.0
    for ln in lines:
        desc = wrap(str(ln["description"]).upper(), R - L - 320, font=regular, size=size)
        h = 9 * max(2, len(desc)) + 8
        if y + h > s.height - 170:
            foot()
            s.new_page()
            y = header(head() + 6)
        cbm = round(ln["package_count"] * rng.uniform(0.6, 1.4), 3)
        total_cbm += cbm
        s.text(L + 3, y, str(ln.get("container_number", "")), font=regular, size=size)
        s.text(L + 3, y + 9, f"SEAL: {ln.get('seal_number', '')}", font=regular, size=size - 0.4)
        s.text(L + 150, y, f"{ln['package_count']} PLTS", font=regular, size=size)
        for k, part in enumerate(desc):
            s.text(L + 220, y + 9 * k, part, font=regular, size=size)
        s.right(R - 70, y, f"{ln['gross_weight_kg']:,.3f}", font=regular, size=size)
        s.right(R - 4, y, f"{cbm:,.3f}", font=regular, size=size)
        y += h
    s.hline(L, R, y - 4, 0.4)
    s.text(L + 3, y + 6, "TOTAL:", font=bold, size=size)
    s.text(L + 150, y + 6, f"{f['package_count']} PLTS", font=bold, size=size)
    s.right(R - 70, y + 6, f"{f['gross_weight_kg']:,.3f}", font=bold, size=size)
    s.right(R - 4, y + 6, f"{total_cbm:,.3f}", font=bold, size=size)
    y += 20
    clause = (
        f"THIS B/L IS ISSUED IN EXCHANGE FOR B/L NO. {first_number} ISSUED AT {first_port} ON "
        f"{_dmon(first_issue.isoformat())}. THE FIRST SET OF ORIGINALS HAS BEEN SURRENDERED AND IS NULL AND VOID."
    )
    s.box(L, y - 8, R, y + 22, 0.8)
    for k, part in enumerate(wrap(clause, R - L - 10, font=bold, size=size)):
        s.text(L + 4, y + 1 + 9 * k, part, font=bold, size=size)
    y += 32
    prepaid = f["freight_terms"] == "prepaid"
    s.text(L + 3, y, "FREIGHT PREPAID" if prepaid else "FREIGHT COLLECT", font=bold, size=9)
    s.text(M, y, f"Freight payable at: {'HONG KONG' if prepaid else 'DESTINATION'}", font=regular, size=size)
    y += 14
    q = (R - L) / 3
    box(L, y, L + q, y + 24, "Shipped on board the vessel", [_dmon(f["shipped_on_board_date"])])
    box(L + q, y, L + 2 * q, y + 24, "Place and date of issue", [f"HONG KONG  {_dmon(f['issue_date'])}"])
    box(L + 2 * q, y, R, y + 24, "Number of original B(s)/L", ["THREE (3)"])
    y += 34
    s.text(L, y, f"As agent for the Carrier {f['carrier_name']}", font=regular, size=size - 0.6)
    foot()
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _hawb(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    forwarder, station, city, airport = rng.choice(FORWARDERS)
    prefix, code = rng.choice(AIRLINES)
    destination, dest_code = rng.choice(AIRPORTS_MX)
    master = mawb(prefix, rng.randint(1000000, 9999999))
    house = f"{station}-{rng.randint(40000000, 49999999)}"
    notify = rng.choice(data.BROKERS)[0]
    f.update(
        {
            "bl_kind": "air",
            "carrier_name": forwarder,
            "bl_number": house,
            "port_of_loading": airport,
            "port_of_discharge": destination,
            "notify_party_name": notify,
        }
    )
    f.pop("carrier_scac", None)
    truth["references"] = [r for r in truth["references"] if r["kind"] != "seal"]
    truth["references"].append({"kind": "awb", "value": master.replace("-", "")})
    for ln in lines:  # an air consolidation: a tenth of a truckload's weight
        ln["gross_weight_kg"] = round(ln["gross_weight_kg"] / 10, 1)
    f["gross_weight_kg"] = round(sum(ln["gross_weight_kg"] for ln in lines), 1)
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Courier", "Courier-Bold")])
    size = 7.0 if regular == "Helvetica" else 6.6
    cap = 5.0
    s = Sheet(path, title="House Air Waybill")
    L, R = 24.0, s.width - 24.0
    M = (L + R) / 2
    flown = date.fromisoformat(f["issue_date"]) + timedelta(days=rng.randint(0, 2))
    prepaid = f["freight_terms"] == "prepaid"

    def box(x0: float, y0: float, x1: float, y1: float, caption: str, rows: list[str]) -> None:
        s.box(x0, y0, x1, y1, 0.5)
        s.text(x0 + 2, y0 + 6, caption, font="Helvetica", size=cap)
        for k, row in enumerate(rows):
            s.text(x0 + 4, y0 + 16 + 9 * k, row, font=regular, size=size)

    s.text(L, 20, f"MAWB No.  {master}", font=bold, size=8)
    s.right(R, 20, f"HAWB No.  {house}", font=bold, size=9)
    y = 26.0
    sw = wrap(x["shipper_address"], M - L - 10, font=regular, size=size)[:2]
    box(L, y, M, y + 50, "Shipper's Name and Address", [f["shipper_name"], *sw])
    s.box(M, y, R, y + 50, 0.5)
    s.text(M + 6, y + 12, "Not negotiable", font="Helvetica", size=6)
    s.text(M + 6, y + 24, "HOUSE AIR WAYBILL", font="Helvetica-Bold", size=11)
    s.text(M + 6, y + 34, f"Issued by {forwarder}", font="Helvetica", size=6.5)
    s.text(
        M + 6,
        y + 43,
        "Copies 1, 2 and 3 of this Air Waybill are originals and have the same validity.",
        font="Helvetica",
        size=4.8,
    )
    y += 50
    cw = wrap(x["consignee_address"], M - L - 10, font=regular, size=size)[:1]
    box(L, y, M, y + 50, "Consignee's Name and Address", [f["consignee_name"], *cw, f"RFC {x['consignee_rfc']}"])
    box(M, y, R, y + 50, "Issuing Carrier's Agent Name and City", [forwarder, city])
    y += 50
    box(L, y, M, y + 24, "Airport of Departure (Addr. of First Carrier) and Requested Routing", [airport])
    box(M, y, R, y + 24, "Accounting Information", ["FREIGHT PREPAID" if prepaid else "FREIGHT COLLECT"])
    y += 24
    w = (M - L) / 4
    box(L, y, L + w, y + 24, "To", [dest_code])
    box(L + w, y, L + 2 * w, y + 24, "By First Carrier", [code])
    box(L + 2 * w, y, L + 3 * w, y + 24, "Currency", ["USD"])
    s.box(L + 3 * w, y, M, y + 24, 0.5)
    s.text(L + 3 * w + 2, y + 6, "WT/VAL  PPD  COLL", font="Helvetica", size=cap)
    s.text(L + 3 * w + 30 if prepaid else L + 3 * w + 44, y + 17, "X", font=bold, size=size)
    box(M, y, M + (R - M) / 2, y + 24, "Declared Value for Carriage", ["NVD"])
    box(M + (R - M) / 2, y, R, y + 24, "Declared Value for Customs", ["NCV"])
    y += 24
    box(L, y, M, y + 24, "Airport of Destination", [destination])
    box(M, y, R, y + 24, "Requested Flight/Date", [f"{code}{rng.randint(100, 999)}/{flown.day:02d}"])
    y += 24
    pos = " ".join(str(r["value"]) for r in truth["references"] if r["kind"] == "po")
    box(L, y, R, y + 34, "Handling Information", [f"ALSO NOTIFY: {notify}", f"INV {x['invoice']}  PO {pos}"])
    y += 42
    cols = [
        ("No. of Pieces RCP", L + 4, "l"),
        ("Gross Weight", L + 110, "r"),
        ("kg lb", L + 116, "l"),
        ("Chargeable Weight", L + 200, "r"),
        ("Rate/Charge", L + 250, "r"),
        ("Total", L + 300, "r"),
        ("Nature and Quantity of Goods (incl. Dimensions or Volume)", L + 310, "l"),
    ]
    s.shade(L, y - 8, R, y + 4, 0.88)
    for label, cx, align in cols:
        (s.right if align == "r" else s.text)(cx, y, label, font="Helvetica-Bold", size=cap + 0.5)
    y += 14
    for ln in lines:
        chargeable = max(ln["gross_weight_kg"], round(ln["gross_weight_kg"] * rng.uniform(1.0, 1.8), 1))
        desc = wrap(str(ln["description"]).upper(), R - L - 320, font=regular, size=size)
        dims = f"DIMS: {ln['package_count']} @ {rng.randint(40, 120)}x{rng.randint(30, 100)}x{rng.randint(20, 90)} CM"
        cells = [str(ln["package_count"]), f"{ln['gross_weight_kg']:,.1f}", "K", f"{chargeable:,.1f}", "AS AGREED", ""]
        for (_label, cx, align), text in zip(cols[:-1], cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, text, font=regular, size=size)
        for k, part in enumerate([*desc, dims]):
            s.text(L + 310, y + 9 * k, part, font=regular, size=size)
        y += 9 * (len(desc) + 1) + 6
    s.hline(L, R, y - 4, 0.4)
    s.text(L + 4, y + 5, str(f["package_count"]), font=bold, size=size)
    s.right(L + 110, y + 5, f"{f['gross_weight_kg']:,.1f}", font=bold, size=size)
    s.text(L + 116, y + 5, "K", font=bold, size=size)
    s.text(L + 310, y + 5, "CONSOLIDATION AS PER ATTACHED MANIFEST", font=regular, size=size - 0.6)
    y += 22
    q = (R - L) / 3
    box(L, y, L + q, y + 24, "Total Prepaid" if prepaid else "Total Collect", ["AS AGREED"])
    box(
        L + q,
        y,
        R,
        y + 24,
        "Executed on (date)  at (place)   Signature of Issuing Carrier or its Agent",
        [f"{_dash(f['issue_date'])}   at {city}   {forwarder}"],
    )
    y += 30
    s.text(L, y, "ORIGINAL 3 (FOR SHIPPER)", font="Helvetica-Bold", size=7)
    s.right(R, y, f"HAWB {house}", font=bold, size=7)
    if pages:
        s.right(R, s.height - 12, f"Page {s.page} of {pages}", font="Helvetica", size=6)
    s.save()
    return s.page

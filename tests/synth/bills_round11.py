"""Round 11 of the held-out bill-of-lading arrangements (see ``bills``), modelled on two transport documents the
earlier arrangements do not draw:

* ``numbered``: a US ocean carrier's short-form export bill of lading in the layout US exporters and forwarders
  have long filled in, every box captioned with its number in parentheses: ``(2) EXPORTER (Principal or seller -
  licensee and address including ZIP Code)``, ``(3) CONSIGNED TO``, ``(4) NOTIFY PARTY/INTERMEDIATE
  CONSIGNEE``, ``(5) DOCUMENT NUMBER`` (the forwarder's file: not the B/L's), ``(5a) B/L NUMBER``, ``(6)
  EXPORT REFERENCES`` (invoice, PO and the AES ITN of the electronic export information), ``(7) FORWARDING
  AGENT``, ``(8) POINT (STATE) OF ORIGIN OR FTZ NUMBER``, ``(9) DOMESTIC ROUTING/EXPORT INSTRUCTIONS``, ``(12)
  PRE-CARRIAGE BY``, ``(13) PLACE OF RECEIPT BY PRE-CARRIER``, ``(14) EXPORTING CARRIER`` (vessel and voyage in
  one box, ``MSC ANNA  V. 412W``), ``(15) PORT OF LOADING/EXPORT``, ``(16) FOREIGN PORT OF UNLOADING``, ``(17)
  PLACE OF DELIVERY BY ON-CARRIER``; the particulars ``(18) MARKS AND NUMBERS | (19) NO. OF PKGS. | (20)
  DESCRIPTION OF COMMODITIES in Schedule B detail | (21) GROSS WEIGHT (Kilos) | (22) MEASUREMENT`` with the
  US ten-digit Schedule B number (not a Mexican fracción) and the Export Administration Regulations' destination
  control statement; the containers not in the box but on an attached rider page (``RIDER TO B/L NO. …``, one row
  per container with its seal, size, packages, description and weight in kilos and pounds) because the box says
  ``CONTAINERS AS PER ATTACHED RIDER``; freight charges with ``PREPAID`` / ``COLLECT`` columns; ``DATED AT
  HOUSTON, TX  AUG 27 2025`` and ``LADEN ON BOARD`` with the date in the US order. The shipper is a US exporter and
  the load port a US port (the truth says so).
* ``aerea``: an IATA air waybill (the ``bill_of_lading`` contract's ``air`` kind) for an urgent shipment from a US
  supplier to a Mexican plant's airport: the AWB number as the airline's three-digit prefix and an eight-digit
  serial (``139-12345675``, its last digit the check digit, serial modulo 7), printed top left as prefix,
  departure code and serial in groups (``139  DTW  1234 5675``) and whole at the foot; the form's fixed captions
  (``Shipper's Name and Address``, ``Consignee's Name and Address``, ``Issuing Carrier's Agent Name and City``,
  ``Airport of Departure (Addr. of First Carrier) and Requested Routing``, ``Airport of Destination``,
  ``Requested Flight/Date``, ``Accounting Information``, ``Handling Information`` with ``ALSO NOTIFY:`` the
  customs broker and the POs); the ``WT/VAL  PPD  COLL`` charge-code boxes; the rate lines ``No. of Pieces RCP
  | Gross Weight | kg lb | Rate Class | Commodity Item No. | Chargeable Weight | Rate/Charge | Total | Nature and
  Quantity of Goods (incl. Dimensions or Volume)`` where the chargeable weight (the volume weight when larger) is
  not the gross weight; ``Executed on (date)`` as IATA prints it, ``27AUG25``; ``ORIGINAL 3 (FOR SHIPPER)``. An
  airline has no SCAC and the flight is not a vessel (the truth drops them); the ports are the airports as
  printed; no seals on air cargo (the truth drops them).

Renderers set the truth to what they print and drop what they do not print.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.synth import data
from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("numbered", "aerea")
KIND = {"numbered": "ocean", "aerea": "truck"}
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
US_EXPORTERS = [
    ("PACIFIC COMPONENTS INC", "1450 Commerce Dr, Laredo, TX 78041", "TX"),
    ("GREAT LAKES WIRE & CABLE LLC", "800 Industrial Pkwy, Toledo, OH 43612", "OH"),
    ("GULF COAST POLYMERS LLC", "4400 Bay Area Blvd, Pasadena, TX 77507", "TX"),
    ("DELTA STEEL PRODUCTS INC", "310 Industrial Park Rd, Decatur, AL 35601", "AL"),
]
# load port (with a terminal) for each Mexican discharge port
US_PORTS = {
    "pacific": [("LONG BEACH, CA", "PIER J - PACIFIC CONTAINER TERMINAL"), ("OAKLAND, CA", "OAKLAND INT'L TERMINAL")],
    "gulf": [("HOUSTON, TX", "BARBOURS CUT TERMINAL"), ("MOBILE, AL", "APM TERMINALS MOBILE")],
}
FORWARDERS = [
    "LONE STAR FORWARDING INC, FMC OTI No. 024518N",
    "BLUEWATER LOGISTICS LLC, FMC OTI No. 019877NF",
    "MIDWEST EXPORT SERVICES CORP, FMC OTI No. 031204F",
]
AIRLINES = [
    ("AMERICAN AIRLINES CARGO", "001", "AA"),
    ("UNITED CARGO", "016", "UA"),
    ("AEROMEXICO CARGO", "139", "AM"),
    ("MAS AIR CARGO", "865", "MY"),
]
DEPARTURES = {
    "PACIFIC COMPONENTS INC": [("LAREDO, TX", "LRD"), ("DALLAS/FORT WORTH, TX", "DFW")],
    "GREAT LAKES WIRE & CABLE LLC": [("DETROIT, MI", "DTW"), ("CHICAGO, IL", "ORD")],
}
DESTINATIONS = [("QUERETARO", "QRO"), ("GUADALAJARA", "GDL"), ("MONTERREY", "MTY"), ("MEXICO CITY", "MEX")]


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw the bill; returns its page count."""
    return (_numbered if arrangement == "numbered" else _aerea)(truth, path, rng)


def _us(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{MONTHS[d.month - 1]} {d.day:02d} {d.year}"


def _awb_serial(body: int) -> str:
    """An air waybill's eight-digit serial: seven digits and their remainder modulo 7 as the check digit."""
    return f"{body:07d}{body % 7}"


def _iata(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day:02d}{MONTHS[d.month - 1]}{d.year % 100:02d}"


# --------------------------------------------------------------------------------------------------------


def _numbered(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    shipper, address, state = rng.choice(US_EXPORTERS)
    coast = "pacific" if any(p in f["port_of_discharge"] for p in ("MANZANILLO", "LAZARO")) else "gulf"
    port, terminal = rng.choice(US_PORTS[coast])
    f.update({"shipper_name": shipper, "port_of_loading": port})
    x["shipper_address"] = address
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Courier", "Courier-Bold")])
    size = 7.0 if regular == "Helvetica" else 6.6
    cap = 5.2
    s = Sheet(path, title="Bill of Lading")
    L, R = 28.0, s.width - 28.0
    M = (L + R) / 2
    itn = f"X{f['issue_date'].replace('-', '')}{rng.randint(100000, 999999)}"
    docno = f"{port[:3]}-{f['issue_date'][2:4]}-{rng.randint(1000, 99999):05d}"
    forwarder = rng.choice(FORWARDERS)

    def box(x0: float, y0: float, x1: float, y1: float, caption: str, rows: list[str]) -> None:
        s.box(x0, y0, x1, y1, 0.5)
        s.text(x0 + 2, y0 + 6, caption, font=regular, size=cap)
        for k, row in enumerate(rows):
            s.text(x0 + 5, y0 + 16 + 9 * k, row, font=bold if k == 0 else regular, size=size)

    s.text(L, 22, f"{f['carrier_name']}   (SCAC {f['carrier_scac']})", font=bold, size=9)
    s.right(R, 22, "BILL OF LADING - SHORT FORM - NOT NEGOTIABLE UNLESS CONSIGNED TO ORDER", font=bold, size=7)
    sw = wrap(address, M - L - 12, font=regular, size=size)[:2]
    box(L, 28, M, 84, "(2) EXPORTER (Principal or seller - licensee and address including ZIP Code)", [shipper, *sw])
    q = (R - M) / 2
    box(M, 28, M + q, 50, "(5) DOCUMENT NUMBER", [docno])
    box(M + q, 28, R, 50, "(5a) B/L NUMBER", [f["bl_number"]])
    refs = [f"INV {x['invoice']}  PO {x['po']}", f"AES ITN: {itn}"]
    box(M, 50, R, 84, "(6) EXPORT REFERENCES", refs)
    cw = wrap(x["consignee_address"], M - L - 12, font=regular, size=size)[:2]
    box(L, 84, M, 140, "(3) CONSIGNED TO", [f["consignee_name"], *cw, f"RFC: {x['consignee_rfc']}"])
    box(M, 84, R, 118, "(7) FORWARDING AGENT (Name and address - references)", [forwarder])
    box(M, 118, R, 140, "(8) POINT (STATE) OF ORIGIN OR FTZ NUMBER", [state])
    box(L, 140, M, 180, "(4) NOTIFY PARTY/INTERMEDIATE CONSIGNEE (Name and address)", [f["notify_party_name"]])
    box(M, 140, R, 180, "(9) DOMESTIC ROUTING/EXPORT INSTRUCTIONS", ["CY/CY - SHIPPER'S LOAD, STOW AND COUNT"])
    box(L, 180, L + q, 204, "(12) PRE-CARRIAGE BY", ["TRUCK"])
    box(L + q, 180, M, 204, "(13) PLACE OF RECEIPT BY PRE-CARRIER", [address.split(", ")[1].upper()])
    box(M, 180, M + q, 204, "(10) LOADING PIER/TERMINAL", [terminal])
    box(M + q, 180, R, 204, "(11) TYPE OF MOVE", ["CY/CY   [X] CONTAINERIZED"])
    box(L, 204, L + q, 228, "(14) EXPORTING CARRIER", [f"{f['vessel']}  V. {f['voyage']}"])
    box(L + q, 204, M, 228, "(15) PORT OF LOADING/EXPORT", [port])
    box(L, 228, L + q, 252, "(16) FOREIGN PORT OF UNLOADING", [f["port_of_discharge"]])
    box(L + q, 228, M, 252, "(17) PLACE OF DELIVERY BY ON-CARRIER", [f["place_of_delivery"]])
    box(M, 204, R, 252, "FOR RELEASE OF CARGO APPLY TO", [f["notify_party_name"]])
    top, bottom = 252.0, 520.0
    c1, c2, c3, c4 = L + 92, L + 150, R - 128, R - 56
    s.box(L, top, R, bottom, 0.5)
    for cx in (c1, c2, c3, c4):
        s.vline(cx, top, bottom, 0.4)
    s.hline(L, R, top + 16, 0.4)
    heads = [
        (L, "MARKS AND NUMBERS (18)"),
        (c1, "NO. OF PKGS. (19)"),
        (c2, "DESCRIPTION OF COMMODITIES in Schedule B detail (20)"),
        (c3, "GROSS WEIGHT (Kilos) (21)"),
        (c4, "MEASUREMENT (22)"),
    ]
    for cx, caption in heads:
        s.text(cx + 2, top + 7, caption, font=regular, size=cap)
    s.text(c2 + 2, top + 13, "PARTICULARS FURNISHED BY SHIPPER", font=regular, size=cap)
    y = top + 28
    kind = rng.choice(["PALLETS", "CARTONS", "CRATES"])
    n = len(lines)
    schedule_b = f"{x['fraccion'][:4]}.{x['fraccion'][4:6]}.{rng.randint(1000, 9999)}"
    s.text(L + 4, y, "N/M", font=regular, size=size)
    s.text(L + 4, y + 9, f"PO {x['po']}", font=regular, size=size)
    s.text(c1 + 4, y, f"{f['package_count']} {kind}", font=regular, size=size)
    body = [
        f"{n} X 40' CONTAINER{'S' if n > 1 else ''} S.T.C.",
        *wrap(f["goods_description"].upper(), c3 - c2 - 10, font=regular, size=size),
    ]
    body += [f"SCHEDULE B NO. {schedule_b}", "SHIPPER'S LOAD, STOW AND COUNT", "CONTAINERS AS PER ATTACHED RIDER"]
    for k, part in enumerate(body):
        s.text(c2 + 4, y + 9 * k, part, font=regular, size=size)
    s.right(c4 - 4, y, f"{f['gross_weight_kg']:,.1f} KGS", font=regular, size=size)
    s.right(c4 - 4, y + 9, f"{f['gross_weight_kg'] * 2.20462:,.0f} LBS", font=regular, size=size)
    cbm = round(f["package_count"] * rng.uniform(0.8, 1.6), 3)
    s.right(R - 4, y, f"{cbm:,.3f} CBM", font=regular, size=size)
    y += 9 * len(body) + 12
    s.text(L + 4, y, "FREIGHT PREPAID" if f["freight_terms"] == "prepaid" else "FREIGHT COLLECT", font=bold, size=size)
    dcs = (
        "These commodities, technology or software were exported from the United States in accordance with the "
        "Export Administration Regulations. Diversion contrary to U.S. law prohibited."
    )
    for k, part in enumerate(wrap(dcs, R - L - 12, font=regular, size=size - 1)):
        s.text(L + 4, bottom - 20 + 8 * k, part, font=regular, size=size - 1)
    y = bottom + 4
    s.box(L, y, M, y + 58, 0.5)
    s.text(L + 2, y + 7, "FREIGHT CHARGES", font=regular, size=cap)
    s.text(L + 150, y + 7, "PREPAID", font=regular, size=cap)
    s.text(L + 220, y + 7, "COLLECT", font=regular, size=cap)
    col = L + 150 if f["freight_terms"] == "prepaid" else L + 220
    for k, charge in enumerate(("OCEAN FREIGHT", "BUNKER SURCHARGE", "DOCUMENTATION FEE")):
        s.text(L + 5, y + 19 + 9 * k, charge, font=regular, size=size)
        s.text(col, y + 19 + 9 * k, "AS ARRANGED", font=regular, size=size)
    box(M, y, R, y + 29, "LADEN ON BOARD THE VESSEL", [f"{_us(f['shipped_on_board_date'])}   BY: ____________"])
    dated = f"DATED AT {port}  {_us(f['issue_date'])}"
    box(M, y + 29, R, y + 58, "", [dated, f"BY: AS AGENT FOR THE CARRIER {f['carrier_name']}"])
    s.text(L, y + 72, f"B/L NO. {f['bl_number']}", font=bold, size=size + 1)
    s.right(R, y + 72, "ORIGINAL", font=bold, size=10)
    s.right(R, y + 84, "Page 1 of 2  -  RIDER ATTACHED", font=regular, size=6)
    # the rider page: every container
    s.new_page()
    s.text(L, 40, f"RIDER TO B/L NO. {f['bl_number']}", font=bold, size=10)
    s.text(
        L,
        52,
        f"{f['carrier_name']}   VESSEL: {f['vessel']}  V. {f['voyage']}   PORT OF LOADING: {port}",
        font=regular,
        size=size,
    )
    s.right(R, 40, "Page 2 of 2", font=regular, size=6)
    y = 76.0
    cols = [
        ("CONTAINER NO.", L + 2, "l"),
        ("SEAL NO.", L + 80, "l"),
        ("SIZE/TYPE", L + 150, "l"),
        ("PKGS", L + 222, "r"),
        ("DESCRIPTION", L + 232, "l"),
        ("GROSS WT (KGS)", R - 70, "r"),
        ("GROSS WT (LBS)", R - 2, "r"),
    ]
    s.shade(L, y - 9, R, y + 3, 0.85)
    for label, cx, align in cols:
        (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
    y += 14
    for ln in lines:
        desc = wrap(ln["description"].upper(), R - 70 - 64 - (L + 232), font=regular, size=size)
        cells = [
            ln["container_number"],
            ln["seal_number"],
            rng.choice(["40' HC", "40' DV", "20' DV"]),
            f"{ln['package_count']} {kind}",
            desc[0],
            f"{ln['gross_weight_kg']:,.1f}",
            f"{ln['gross_weight_kg'] * 2.20462:,.0f}",
        ]
        for (_label, cx, align), cell in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        for k, part in enumerate(desc[1:], start=1):
            s.text(L + 232, y + 9 * k, part, font=regular, size=size)
        y += 9 * len(desc) + 4
    s.hline(L, R, y - 4, 0.6)
    y += 6
    s.text(L + 2, y, f"TOTAL: {n} CONTAINER{'S' if n > 1 else ''}", font=bold, size=size)
    s.right(L + 222, y, str(f["package_count"]), font=bold, size=size)
    s.right(R - 70, y, f"{f['gross_weight_kg']:,.1f}", font=bold, size=size)
    s.right(R - 2, y, f"{f['gross_weight_kg'] * 2.20462:,.0f}", font=bold, size=size)
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _aerea(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    airline, prefix, code = rng.choice(AIRLINES)
    departure, dep_code = rng.choice(DEPARTURES.get(f["shipper_name"], [("CHICAGO, IL", "ORD")]))
    destination, dest_code = rng.choice(DESTINATIONS)
    serial = _awb_serial(rng.randint(1000000, 9999999))
    number = f"{prefix}-{serial}"
    notify = rng.choice(data.BROKERS)[0]
    f.update(
        {
            "bl_kind": "air",
            "carrier_name": airline,
            "bl_number": number,
            "port_of_loading": departure,
            "port_of_discharge": destination,
            "notify_party_name": notify,
        }
    )
    f.pop("carrier_scac", None)  # an airline has no SCAC
    # no seals on an air waybill: the references keep the POs and the invoice it prints
    truth["references"] = [r for r in truth["references"] if r["kind"] != "seal"]
    for ln in lines:  # air cargo: a tenth of a truckload's weight
        ln["gross_weight_kg"] = round(ln["gross_weight_kg"] / 10, 1)
    f["gross_weight_kg"] = round(sum(ln["gross_weight_kg"] for ln in lines), 1)
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Courier", "Courier-Bold")])
    size = 7.0 if regular == "Helvetica" else 6.6
    cap = 5.0
    s = Sheet(path, title="Air Waybill")
    L, R = 24.0, s.width - 24.0
    M = (L + R) / 2
    agent = rng.choice(["EXPEDITORS INTERNATIONAL", "BORDER AIR FREIGHT INC", "MIDWEST AIR LOGISTICS LLC"])
    flown = date.fromisoformat(f["issue_date"]) + timedelta(days=rng.randint(0, 1))
    flight = f"{code}{rng.randint(100, 2999)}/{flown.day:02d}"
    prepaid = f["freight_terms"] == "prepaid"

    def box(x0: float, y0: float, x1: float, y1: float, caption: str, rows: list[str], big: bool = False) -> None:
        s.box(x0, y0, x1, y1, 0.5)
        s.text(x0 + 2, y0 + 6, caption, font=regular, size=cap)
        for k, row in enumerate(rows):
            s.text(x0 + 4, y0 + 16 + 9 * k, row, font=bold if big else regular, size=size)

    s.text(L, 20, f"{prefix}    {dep_code}    {serial[:4]} {serial[4:]}", font=bold, size=10)
    s.right(R, 20, f"{prefix}-{serial[:4]} {serial[4:]}", font=bold, size=10)
    sw = wrap(x["shipper_address"], M - L - 10, font=regular, size=size)[:2]
    box(L, 26, M, 80, "Shipper's Name and Address", [f["shipper_name"], *sw])
    s.text(M - 90, 32, "Shipper's Account Number", font=regular, size=cap)
    s.box(M, 26, R, 80, 0.5)
    s.text(M + 4, 34, "Not Negotiable", font=regular, size=6)
    s.text(M + 4, 46, "Air Waybill", font=bold, size=12)
    s.text(M + 4, 56, f"Issued by  {airline}", font=bold, size=size)
    s.text(M + 4, 70, "Copies 1, 2 and 3 of this Air Waybill are originals and have the same validity.", size=cap)
    cw = wrap(x["consignee_address"], M - L - 10, font=regular, size=size)[:2]
    box(L, 80, M, 134, "Consignee's Name and Address", [f["consignee_name"], *cw, f"RFC {x['consignee_rfc']}"])
    s.text(M - 90, 86, "Consignee's Account Number", font=regular, size=cap)
    terms = (
        "It is agreed that the goods described herein are accepted in apparent good order and condition (except as "
        "noted) for carriage SUBJECT TO THE CONDITIONS OF CONTRACT ON THE REVERSE HEREOF."
    )
    s.box(M, 80, R, 134, 0.5)
    for k, part in enumerate(wrap(terms, R - M - 8, font=regular, size=cap)):
        s.text(M + 4, 88 + 7 * k, part, font=regular, size=cap)
    box(L, 134, M, 160, "Issuing Carrier's Agent Name and City", [f"{agent}, {departure}"])
    acct = ["FREIGHT PREPAID" if prepaid else "FREIGHT COLLECT", f"INV {x['invoice']}"]
    box(M, 134, R, 172, "Accounting Information", acct)
    q = (M - L) / 2
    box(L, 160, L + q, 172, "Agent's IATA Code", [])
    s.text(
        L + 60,
        169,
        f"{rng.randint(10, 99)}-{rng.randint(1, 9)} {rng.randint(1000, 9999)}/{rng.randint(1000, 9999)}",
        size=size,
    )
    box(L + q, 160, M, 172, "Account No.", [])
    box(L, 172, M, 196, "Airport of Departure (Addr. of First Carrier) and Requested Routing", [departure])
    routing = [("To", dest_code), ("By First Carrier", airline.split()[0]), ("to", ""), ("by", "")]
    for k, (caption, value) in enumerate(routing):
        x0 = L + k * (q / 2)
        box(x0, 196, x0 + q / 2, 220, caption, [value])
    codes = [("Currency", "USD"), ("CHGS Code", "PP" if prepaid else "CC")]
    codes += [("WT/VAL PPD", "X" if prepaid else ""), ("COLL", "" if prepaid else "X")]
    codes += [("Other PPD", "X" if prepaid else ""), ("COLL", "" if prepaid else "X")]
    w = (R - M) / 8
    for k, (caption, value) in enumerate(codes):
        box(M + k * w, 172, M + (k + 1) * w, 196, caption, [value])
    box(M + 6 * w, 172, R, 196, "Declared Value for Carriage", ["NVD"])
    box(M, 196, M + (R - M) / 2, 220, "Declared Value for Customs", ["NCV"])
    box(M + (R - M) / 2, 196, R, 220, "Amount of Insurance", ["XXX"])
    box(L, 220, M - 70, 250, "Airport of Destination", [destination], big=True)
    box(M - 70, 220, M, 250, "Requested Flight/Date", [flight])
    handling = [f"ALSO NOTIFY: {notify}", f"PO: {', '.join(x['pos'])}"]
    box(M, 220, R, 250, "Handling Information", handling)
    # the rate lines
    top, bottom = 250.0, 476.0
    cols = [
        ("No. of Pieces RCP", L, 40),
        ("Gross Weight", L + 40, 58),
        ("kg lb", L + 98, 20),
        ("Rate Class", L + 118, 26),
        ("Commodity Item No.", L + 144, 40),
        ("Chargeable Weight", L + 184, 52),
        ("Rate/Charge", L + 236, 44),
        ("Total", L + 280, 64),
        ("Nature and Quantity of Goods (incl. Dimensions or Volume)", L + 344, R - L - 344),
    ]
    s.box(L, top, R, bottom, 0.5)
    for _label, cx, _w in cols[1:]:
        s.vline(cx, top, bottom, 0.4)
    s.hline(L, R, top + 18, 0.4)
    for label, cx, width in cols:
        for k, part in enumerate(wrap(label, width - 4, font=regular, size=cap)[:2]):
            s.text(cx + 2, top + 7 + 6 * k, part, font=regular, size=cap)
    y = top + 30
    rate = round(rng.uniform(1.1, 3.4), 2)
    total_charge = 0.0
    for ln in lines:
        volume = round(ln["gross_weight_kg"] * rng.uniform(0.8, 1.5), 1)
        chargeable = max(volume, ln["gross_weight_kg"])
        charge = round(chargeable * rate, 2)
        total_charge += charge
        dims = f"DIMS: {ln['package_count']} @ {rng.randint(40, 120)}X{rng.randint(40, 120)}X{rng.randint(30, 150)} CM"
        goods = [*wrap(ln["description"].upper(), R - (L + 344) - 8, font=regular, size=size), dims]
        cells = [
            (L + 36, str(ln["package_count"]), "r"),
            (L + 94, f"{ln['gross_weight_kg']:.1f}", "r"),
            (L + 104, "K", "l"),
            (L + 126, "Q", "l"),
            (L + 180, "", "r"),
            (L + 232, f"{chargeable:.1f}", "r"),
            (L + 276, f"{rate:.2f}", "r"),
            (L + 340, f"{charge:,.2f}", "r"),
        ]
        for cx, text, align in cells:
            (s.right if align == "r" else s.text)(cx, y, text, font=regular, size=size)
        for k, part in enumerate(goods):
            s.text(L + 348, y + 9 * k, part, font=regular, size=size)
        y += 9 * len(goods) + 6
    s.hline(L, L + 344, bottom - 16, 0.4)
    s.right(L + 36, bottom - 6, str(f["package_count"]), font=bold, size=size)
    s.right(L + 94, bottom - 6, f"{f['gross_weight_kg']:.1f}", font=bold, size=size)
    s.right(L + 340, bottom - 6, f"{total_charge:,.2f}", font=bold, size=size)
    # charges and signatures
    y = bottom
    half = (M - L) / 2
    other = round(rng.uniform(40, 180), 2)
    rows = [
        ("Weight Charge", total_charge),
        ("Valuation Charge", 0.0),
        ("Tax", 0.0),
        ("Total Other Charges Due Agent", 35.0),
        ("Total Other Charges Due Carrier", other),
    ]
    for k, (caption, amount) in enumerate(rows):
        s.box(L, y + 20 * k, M, y + 20 * (k + 1), 0.5)
        s.centre((L + M) / 2, y + 6 + 20 * k, caption, font=regular, size=cap)
        s.right(L + half - 6 if prepaid else M - 6, y + 16 + 20 * k, f"{amount:,.2f}", font=regular, size=size)
    total = total_charge + 35.0 + other
    k = len(rows)
    s.box(L, y + 20 * k, L + half, y + 20 * (k + 1), 0.5)
    s.box(L + half, y + 20 * k, M, y + 20 * (k + 1), 0.5)
    s.text(L + 2, y + 6 + 20 * k, "Total Prepaid", font=regular, size=cap)
    s.text(L + half + 2, y + 6 + 20 * k, "Total Collect", font=regular, size=cap)
    s.right(L + half - 6 if prepaid else M - 6, y + 16 + 20 * k, f"{total:,.2f}", font=bold, size=size)
    box(M, y, R, y + 30, "Other Charges", [f"AWC 35.00   FSC {other * 0.6:,.2f}   SCC {other * 0.4:,.2f}"])
    cert = (
        "Shipper certifies that the particulars on the face hereof are correct and that insofar as any part of the "
        "consignment contains dangerous goods, such part is properly described by name."
    )
    s.box(M, y + 30, R, y + 70, 0.5)
    for k, part in enumerate(wrap(cert, R - M - 8, font=regular, size=cap)):
        s.text(M + 4, y + 38 + 7 * k, part, font=regular, size=cap)
    s.text(M + 4, y + 66, "Signature of Shipper or his Agent", font=regular, size=cap)
    box(
        M,
        y + 70,
        R,
        y + 120,
        "Executed on (date)          at (place)          Signature of Issuing Carrier or its Agent",
        [f"{_iata(f['issue_date'])}      {departure}      {agent}"],
    )
    s.text(L, y + 140, "ORIGINAL 3 (FOR SHIPPER)", font=bold, size=9)
    s.right(R, y + 140, number, font=bold, size=11)
    s.save()
    return s.page

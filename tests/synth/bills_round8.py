"""Round 8 of the held-out bill-of-lading arrangements (see ``bills``), modelled on two transport documents the
earlier arrangements do not draw:

* ``cotejo``: the draft bill of lading a liner's customer portal mails to the shipper for checking before the
  original is issued (``DRAFT - FOR VERIFICATION ONLY`` across the page, ``Please check and confirm within 24
  hours``): not a boxed form but sections one under another, each a heading and ``Label: value`` lines
  (``Transport Document Number``, ``Booking Number``, ``Shipper``, ``Consignee``, ``Notify Party``, ``Vessel``,
  ``Voyage``, ``Port of Loading`` …) as the electronic-B/L data standards name the fields (the DCSA bill of
  lading data definitions, public on the standard's site); the cargo as a table ``Equipment | Size/Type |
  Seal | Packages | Weight | Volume`` with ISO size-type codes (``45G1``, ``22G1``) and UN/ECE unit codes (``KGM``,
  ``MTQ``), weights with one or three decimals per portal; the goods description once, in capitals, under the
  table; ``Shipped on Board Date`` and ``Date of Issue`` as ``2024-03-12`` (ISO, as the data standard writes
  dates); ``Freight Payment Term: PRE`` or ``COL`` (the standard's codes) with the term spelled beside it.
* ``nmfc``: a US less-than-truckload carrier's bill of lading and delivery receipt: the carrier's ``PRO
  NUMBER`` printed large with its bar code look at the top right, ``BOL #`` for the shipper's own number (here
  the same document number), ``SHIP DATE`` as ``03/12/2024``; ``SHIPPER (FROM)``, ``CONSIGNEE (TO)``, ``BILL
  FREIGHT CHARGES TO`` (third party: the broker or the buyer); the commodity table ``HU QTY | HU TYPE | PKG
  QTY | HM | DESCRIPTION | NMFC # | CLASS | WEIGHT (LBS)`` with the freight class and the NMFC item number of the
  goods, weights in pounds with the kilograms in the totals line; ``FREIGHT CHARGE TERMS`` as check boxes
  ``Prepaid / Collect / 3rd Party``; ``SEAL NO.``, ``TRAILER NO.``; the shipper's and carrier's signature lines
  and the ``DELIVERY RECEIPT`` strip at the foot. Public sources: the NMFTA's description of the NMFC and its
  freight classes, the VICS bill-of-lading fields, LTL carriers' published BOL forms.

Renderers set the truth to what they print and drop what they do not print.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("cotejo", "nmfc")
KIND = {"cotejo": "ocean", "nmfc": "truck"}
SIZE_TYPES = [("45G1", "40' High Cube"), ("42G1", "40' Dry"), ("22G1", "20' Dry")]
LB_PER_KG = 2.20462
CLASSES = [("55", "156600"), ("65", "061700"), ("70", "133300"), ("85", "041024"), ("92.5", "116030")]


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw the bill; returns its page count."""
    return (_cotejo if arrangement == "cotejo" else _nmfc)(truth, path, rng)


# --------------------------------------------------------------------------------------------------------


def _cotejo(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = rng.choice([7.5, 8.0])
    decimals = rng.choice([1, 3])
    s = Sheet(path, title="Draft Bill of Lading")
    c = s.canvas
    L, R = 40.0, s.width - 40.0
    state = {"y": 0.0}

    def watermark() -> None:
        c.saveState()
        c.setFillGray(0.88)
        c.setFont(bold, 40)
        c.translate(s.width / 2, s.height / 2)
        c.rotate(35)
        c.drawCentredString(0, 0, "DRAFT")
        c.restoreState()

    def top() -> None:
        watermark()
        s.text(L, 40, f["carrier_name"], font=bold, size=12)
        s.right(R, 40, "DRAFT - FOR VERIFICATION ONLY", font=bold, size=9)
        s.right(R, 51, f"Page {s.page}", font=regular, size=size - 1)
        s.hline(L, R, 58, 0.8)
        state["y"] = 74.0

    def need(h: float) -> None:
        if state["y"] + h > s.height - 50:
            s.new_page()
            top()

    def heading(title: str) -> None:
        need(40)
        s.shade(L, state["y"] - 9, R, state["y"] + 3, 0.9)
        s.text(L + 3, state["y"], title, font=bold, size=size + 0.5)
        state["y"] += 14

    def pairs(rows: list[tuple[str, str]], cols: int = 2) -> None:
        width = (R - L) / cols
        for k, (label, value) in enumerate(rows):
            cx = L + 4 + (k % cols) * width
            cy = state["y"] + (k // cols) * 11
            end = s.text(cx, cy, f"{label}:", font=bold, size=size)
            s.text(end + 4, cy, value, font=regular, size=size)
        state["y"] += 11 * ((len(rows) + cols - 1) // cols) + 6

    def party(title: str, rows: list[str]) -> None:
        heading(title)
        for row in rows:
            s.text(L + 4, state["y"], row, font=regular, size=size)
            state["y"] += 10
        state["y"] += 4

    top()
    s.text(L, state["y"], "Please check all details and confirm or amend within 24 hours.", font=regular, size=size)
    state["y"] += 16
    heading("Document")
    pairs(
        [
            ("Transport Document Number", f["bl_number"]),
            ("Booking Number", x["booking"]),
            ("Carrier SCAC", f["carrier_scac"]),
            ("Transport Document Type", rng.choice(["Bill of Lading (BOL)", "BOL - Negotiable"])),
            ("Shipped on Board Date", f["shipped_on_board_date"]),
            ("Date of Issue", f["issue_date"]),
        ]
    )
    party("Shipper", [f["shipper_name"], *wrap(x["shipper_address"], 300, font=regular, size=size)[:2]])
    consignee = [f["consignee_name"], *wrap(x["consignee_address"], 300, font=regular, size=size)[:2]]
    consignee.append(f"Tax Reference (RFC): {x['consignee_rfc']}")
    party("Consignee", consignee)
    party("Notify Party", [f["notify_party_name"]])
    heading("Transport")
    pairs(
        [
            ("Vessel", f["vessel"]),
            ("Voyage", f["voyage"]),
            ("Place of Receipt", f["port_of_loading"]),
            ("Port of Loading", f["port_of_loading"]),
            ("Port of Discharge", f["port_of_discharge"]),
            ("Place of Delivery", f["place_of_delivery"]),
        ]
    )
    heading("References")
    pairs([("Invoice Reference", x["invoice"]), ("Purchase Order Reference", x["po"])])
    heading("Equipment and Cargo")
    cols = [
        ("Equipment", L + 4, "l"),
        ("Size/Type", L + 90, "l"),
        ("Seal", L + 170, "l"),
        ("Packages", L + 290, "r"),
        ("Weight", R - 90, "r"),
        ("Volume", R - 4, "r"),
    ]

    def table_head() -> None:
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, state["y"], label, font=bold, size=size)
        s.hline(L, R, state["y"] + 3, 0.4)
        state["y"] += 13

    table_head()
    kind = rng.choice(["PK", "PX", "CT"])
    kinds = {"PK": "Package", "PX": "Pallet", "CT": "Carton"}
    cbm_per_kg = rng.uniform(1 / 300, 1 / 150)
    for ln in lines:
        if state["y"] + 12 > s.height - 50:
            s.new_page()
            top()
            table_head()
        code, _name = rng.choice(SIZE_TYPES)
        cells = [
            ln["container_number"],
            code,
            ln["seal_number"],
            f"{ln['package_count']} {kind}",
            f"{ln['gross_weight_kg']:,.{decimals}f} KGM",
            f"{ln['gross_weight_kg'] * cbm_per_kg:,.3f} MTQ",
        ]
        for (_l, cx, align), cell in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, state["y"], cell, font=regular, size=size)
        state["y"] += 11
    s.hline(L, R, state["y"] - 7, 0.4)
    s.text(L + 4, state["y"] + 2, "Total", font=bold, size=size)
    s.right(L + 290, state["y"] + 2, f"{f['package_count']} {kind}", font=bold, size=size)
    s.right(R - 90, state["y"] + 2, f"{f['gross_weight_kg']:,.{decimals}f} KGM", font=bold, size=size)
    state["y"] += 16
    need(50)
    s.text(L + 4, state["y"], f"Package code {kind}: {kinds[kind]}", font=regular, size=size - 1)
    state["y"] += 12
    s.text(L + 4, state["y"], "Description of Goods:", font=bold, size=size)
    state["y"] += 10
    descriptions = list(dict.fromkeys(ln["description"].upper() for ln in lines))
    for text in descriptions:
        for part in wrap(text, R - L - 10, font=regular, size=size):
            need(12)
            s.text(L + 4, state["y"], part, font=regular, size=size)
            state["y"] += 10
    s.text(L + 4, state["y"], f"HS Code: {x['fraccion'][:6]}", font=regular, size=size)
    state["y"] += 16
    heading("Charges")
    prepaid = f["freight_terms"] == "prepaid"
    pairs(
        [
            ("Freight Payment Term", "PRE (Prepaid)" if prepaid else "COL (Collect)"),
            ("Payment Location", f["port_of_loading"] if prepaid else f["port_of_discharge"]),
            ("Number of Originals", rng.choice(["3", "0 (Sea Waybill release on request)", "1"])),
        ],
        cols=1,
    )
    need(20)
    s.text(L, state["y"] + 4, "This draft is not a valid transport document.", font=regular, size=size - 1)
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _nmfc(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Courier", "Courier-Bold")])
    size = 7.0 if regular == "Courier" else rng.choice([7.5, 8.0])
    s = Sheet(path, title="Bill of Lading")
    L, R = 30.0, s.width - 30.0
    pro = f"{rng.randint(100, 999)}-{rng.randint(100000, 999999)}-{rng.randint(0, 9)}"
    y_, m_, d_ = f["issue_date"].split("-")
    when = f"{m_}/{d_}/{y_}"
    s.text(L, 40, f["carrier_name"], font=bold, size=13)
    s.text(L, 52, f"SCAC {f['carrier_scac']}   MC-{rng.randint(100000, 999999)}", font=regular, size=size)
    s.text(L, 62, "STRAIGHT BILL OF LADING - SHORT FORM - NOT NEGOTIABLE", font=bold, size=size)
    s.right(R, 36, "PRO NUMBER", font=bold, size=size)
    s.right(R, 50, pro, font=bold, size=14)
    for k in range(46):  # the bar code's look (an image on a real form)
        if rng.random() < 0.6:
            s.vline(R - 160 + 3.4 * k, 54, 70, rng.choice([0.8, 1.6, 2.2]))
    y = 86.0
    meta = [("BOL #", f["bl_number"]), ("SHIP DATE", when), ("TRAILER NO.", x["trailer"])]
    meta.append(("SEAL NO.", ", ".join(x["seals"])))
    for k, (label, value) in enumerate(meta):
        s.box(L + k * (R - L) / 4, y - 9, L + (k + 1) * (R - L) / 4, y + 14, 0.5)
        s.text(L + k * (R - L) / 4 + 3, y - 1, label, font=bold, size=size - 1)
        s.text(L + k * (R - L) / 4 + 5, y + 10, value, font=regular, size=size)
    y += 30
    third = (R - L) / 3
    broker = rng.choice(["NORTH AMERICAN BROKERAGE SVCS", "LAREDO 3PL SOLUTIONS", "BORDER FREIGHT AUDIT INC."])
    blocks = [
        ("SHIPPER (FROM)", [f["shipper_name"], *wrap(x["shipper_address"], third - 12, font=regular, size=size)[:2]]),
        (
            "CONSIGNEE (TO)",
            [
                *wrap(f["consignee_name"], third - 12, font=regular, size=size),
                *wrap(x["consignee_address"], third - 12, font=regular, size=size)[:2],
                f"RFC {x['consignee_rfc']}",
            ],
        ),
        ("BILL FREIGHT CHARGES TO", [broker, "ATTN: FREIGHT PAYABLES", f"REF PO {', '.join(x['pos'])}"]),
    ]
    for k, (title, rows) in enumerate(blocks):
        x0 = L + k * third
        s.box(x0, y - 9, x0 + third, y + 62, 0.5)
        s.shade(x0, y - 9, x0 + third, y + 2, 0.85)
        s.text(x0 + 3, y, title, font=bold, size=size - 0.5)
        for j, row in enumerate(rows[:6]):
            s.text(x0 + 5, y + 11 + 9 * j, row, font=regular, size=size - 0.5)
    y += 76
    s.text(L, y, f"CUSTOMER ORDER / INVOICE: {x['invoice']}", font=bold, size=size)
    s.text(L + 260, y, f"PO: {' / '.join(x['pos'])}", font=regular, size=size)
    y += 16
    cols = [
        ("HU QTY", L + 30, "r"),
        ("HU TYPE", L + 36, "l"),
        ("PKG QTY", L + 110, "r"),
        ("HM", L + 118, "l"),
        ("DESCRIPTION", L + 136, "l"),
        ("NMFC #", R - 150, "l"),
        ("CLASS", R - 100, "l"),
        ("WEIGHT (LBS)", R - 4, "r"),
    ]

    def head(y: float) -> float:
        s.shade(L, y - 9, R, y + 3, 0.8)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
        return y + 14

    y = head(y)
    hu_type = rng.choice(["PLT", "SKID", "CRATE"])
    for ln in lines:
        desc = wrap(ln["description"].upper(), R - 160 - (L + 136), font=regular, size=size)
        if y + 9 * len(desc) + 12 > s.height - 60:
            s.right(R, y, "CONTINUED", font=bold, size=size)
            s.new_page()
            s.text(
                L, 40, f"{f['carrier_name']}   PRO {pro}   BOL {f['bl_number']}   PAGE {s.page}", font=bold, size=size
            )
            y = head(64.0)
        cls, item = rng.choice(CLASSES)
        hu = max(1, ln["package_count"] // rng.choice([1, 2, 4]))
        lbs = ln["gross_weight_kg"] * LB_PER_KG
        cells = [str(hu), hu_type, f"{ln['package_count']} PCS", "", desc[0], item, cls, f"{lbs:,.0f}"]
        for (_l, cx, align), cell in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        for j, part in enumerate(desc[1:], start=1):
            s.text(L + 136, y + 9 * j, part, font=regular, size=size)
        y += 9 * len(desc)
        s.text(L + 136, y, f"({ln['gross_weight_kg']:,.1f} KG)", font=regular, size=size - 1)
        y += 12
    s.hline(L, R, y - 8, 0.8)
    s.text(L + 36, y + 2, "TOTAL", font=bold, size=size)
    s.right(L + 110, y + 2, f"{f['package_count']} PCS", font=bold, size=size)
    total_lbs = f["gross_weight_kg"] * LB_PER_KG
    s.right(R - 4, y + 2, f"{total_lbs:,.0f} LBS / {f['gross_weight_kg']:,.1f} KG", font=bold, size=size)
    y += 24
    if y > s.height - 200:
        s.new_page()
        y = 60.0
    terms = f["freight_terms"]
    s.text(L, y, "FREIGHT CHARGE TERMS:", font=bold, size=size)
    marks = [("Prepaid", terms == "prepaid"), ("Collect", terms == "collect"), ("3rd Party", False)]
    for k, (label, on) in enumerate(marks):
        s.text(L + 120 + 70 * k, y, f"[{'X' if on else ' '}] {label}", font=regular, size=size)
    s.text(L + 350, y, "COD AMT: $ ______", font=regular, size=size)
    y += 20
    notice = (
        "RECEIVED, subject to individually determined rates or contracts that have been agreed upon in writing "
        "between the carrier and shipper, if applicable, otherwise to the rates, classifications and rules that "
        "have been established by the carrier and are available to the shipper on request."
    )
    for part in wrap(notice, R - L, font=regular, size=size - 1.5):
        s.text(L, y, part, font=regular, size=size - 1.5)
        y += 7
    y += 20
    for k, label in enumerate(("SHIPPER SIGNATURE / DATE", "CARRIER SIGNATURE / PICKUP DATE")):
        x0 = L + k * (R - L) / 2
        s.hline(x0, x0 + 220, y, 0.5)
        s.text(x0, y + 9, label, font=regular, size=size - 1)
    y += 30
    if y < s.height - 90:
        y = s.height - 90
    s.hline(L, R, y, 1.0)
    s.text(L, y + 12, "DELIVERY RECEIPT", font=bold, size=size + 1)
    s.text(L + 150, y + 12, f"PRO {pro}   BOL {f['bl_number']}   PCS {f['package_count']}", font=regular, size=size)
    s.text(L, y + 30, "RECEIVED IN GOOD ORDER EXCEPT AS NOTED: __________________________", font=regular, size=size)
    s.save()
    return s.page

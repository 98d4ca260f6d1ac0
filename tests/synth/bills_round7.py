"""Round 7 of the held-out bill-of-lading arrangements (see ``bills``), modelled on two transport documents the
earlier arrangements do not draw:

* ``vgm``: a liner's bill of lading as the large carriers' own systems print it since the SOLAS verified gross mass
  rule (2016): ``BILL OF LADING No.`` and ``BOOKING REF.`` in boxes top right, the SCAC beside the carrier's name;
  ``SHIPPER``, ``CONSIGNEE``, ``NOTIFY PARTIES`` boxes; ``VESSEL AND VOYAGE NO`` as one value (``MSC ANNA /
  412W``), ``PORT OF LOADING``, ``PORT OF DISCHARGE``, ``PLACE OF RECEIPT``, ``PLACE OF DELIVERY``; the particulars
  as ``Container Numbers, Seal Numbers and Marks | Description of Packages and Goods | Gross Cargo Weight |
  Measurement``, each container a block (``MSCU1234567`` / ``40' HIGH CUBE`` / ``Seal Number: FJ123456`` beside
  ``14 PALLETS`` and the goods) followed by a line in small type with the container's ``Tare Weight`` and its
  ``VGM`` (cargo plus tare, a weight that is not the cargo's); ``Total Items``, ``Total Gross Weight``; ``FREIGHT
  PREPAID`` or ``FREIGHT COLLECT`` with ``Freight payable at``; ``SHIPPED ON BOARD`` with the date as
  ``12-Mar-2024``; ``PLACE AND DATE OF ISSUE``; ``NUMBER OF ORIGINAL Bs/L``; a rider page when the containers do not
  fit (``RIDER PAGE`` with the B/L number). Public sources: carriers' published B/L specimens and terms, and the
  SOLAS VGM guidance that carriers print the declared VGM on their documents.
* ``cruce``: a border transfer carrier's crossing manifest (``MANIFIESTO DE CRUCE / BORDER CROSSING MANIFEST``),
  the document a drayage company prints for the short haul over the bridge between a US warehouse and the
  maquiladora: the carrier with ``SCAC`` and ``CAAT`` (the Mexican customs' carrier code), ``Folio / Manifest No.``,
  ``Fecha / Date`` as ``03/12/2024`` (US order when the carrier's office is in Texas, day first when in Mexico),
  the bridge, the tractor's unit number and plates, the trailer, the driver with his licence; ``Remitente /
  Shipper``, ``Destinatario / Consignee`` with RFC, ``Agente aduanal / Customs broker`` on each side; the goods
  table ``Bultos / Pcs | Embalaje / Pkg type | Descripción / Description | Factura / Invoice | Peso bruto kg``;
  ``Sellos / Seals``; freight terms as check boxes ``[X] Prepagado / Prepaid  [ ] Por cobrar / Collect``; the
  pedimento it crosses under cited as a reference; signatures. Public sources: the VICS bill-of-lading guidelines
  (carrier, trailer and seal numbers, SCAC, freight charge terms as check boxes) and Mexican customs' rules for the
  CAAT carrier code on border crossings.

Renderers set the truth to what they print and drop what they do not print.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from tests.synth.draw import MONTHS_EN, Sheet, dmy, wrap

ARRANGEMENTS = ("vgm", "cruce")
KIND = {"vgm": "ocean", "cruce": "truck"}
SIZES = [("40' HIGH CUBE", 3900), ("40' DRY VAN", 3750), ("20' DRY VAN", 2200), ("40' HC", 3880)]
BRIDGES = [
    "WORLD TRADE BRIDGE - LAREDO, TX / NUEVO LAREDO, TAMPS.",
    "PUENTE ZARAGOZA-YSLETA - EL PASO, TX / CD. JUAREZ, CHIH.",
    "PUENTE PHARR-REYNOSA - PHARR, TX / REYNOSA, TAMPS.",
    "OTAY MESA - SAN DIEGO, CA / TIJUANA, B.C.",
]
DRIVERS = ["JOSE LUIS HERNANDEZ R.", "MARIO ALBERTO GARZA T.", "RAUL CANTU SALINAS", "FRANCISCO JAVIER LOPEZ M."]


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw the bill; returns its page count."""
    return (_vgm if arrangement == "vgm" else _cruce)(truth, path, rng)


def _day(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{d}-{MONTHS_EN[int(m) - 1]}-{y}"


def _vgm(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Courier", "Courier-Bold")])
    size = 6.5 if regular == "Courier" else rng.choice([7.0, 7.5])
    kind = rng.choice(["PALLETS", "PACKAGES", "CARTONS", "CRATES"])
    s = Sheet(path, title="Bill of Lading")
    L, R, M = 24.0, s.width - 24.0, 306.0

    def box(x0: float, y0: float, x1: float, y1: float, label: str, values: list[str], first_bold: bool = True) -> None:
        s.box(x0, y0, x1, y1, 0.5)
        s.text(x0 + 3, y0 + 7, label, font=bold, size=size - 1.5)
        for k, value in enumerate(values):
            s.text(x0 + 5, y0 + 17 + 9 * k, value, font=bold if k == 0 and first_bold else regular, size=size)

    s.text(L, 30, f["carrier_name"], font=bold, size=12)
    s.text(L, 41, f"SCAC: {f['carrier_scac']}", font=regular, size=size)
    title = rng.choice(["BILL OF LADING", "BILL OF LADING FOR PORT-TO-PORT OR COMBINED TRANSPORT"])
    s.right(R, 30, title, font=bold, size=9)
    box(M + 60, 44, R, 68, "BILL OF LADING No.", [f["bl_number"]])
    box(M + 60, 68, R, 92, "BOOKING REF.", [x["booking"]], first_bold=False)
    box(M, 44, M + 60, 92, "PAGE", ["1"], first_bold=False)
    shipper = [f["shipper_name"], *wrap(x["shipper_address"], M - L - 10, font=regular, size=size)[:2]]
    box(L, 50, M, 104, "SHIPPER:", shipper)
    consignee = [f["consignee_name"], *wrap(x["consignee_address"], M - L - 10, font=regular, size=size)[:2]]
    consignee.append(f"RFC: {x['consignee_rfc']}")
    box(L, 104, M, 158, 'CONSIGNEE: (not negotiable unless consigned "to order")', consignee)
    box(L, 158, M, 200, "NOTIFY PARTIES: (no responsibility shall attach to the carrier)", [f["notify_party_name"]])
    refs = [f"INVOICE: {x['invoice']}", f"PO: {x['po']}"]
    box(M, 92, R, 130, "EXPORT REFERENCES / FORWARDING AGENT", refs, first_bold=False)
    terms = (
        "RECEIVED by the Carrier the Goods as specified below in apparent good order and condition unless otherwise "
        "stated, to be transported to the Port of Discharge or Place of Delivery, subject to the terms hereof."
    )
    for k, part in enumerate(wrap(terms, R - M - 8, font=regular, size=5)):
        s.text(M + 4, 140 + 6 * k, part, font=regular, size=5)
    q = (M - L) / 2
    box(L, 200, M, 226, "VESSEL AND VOYAGE NO", [f"{f['vessel']} / {f['voyage']}"], first_bold=False)
    box(M, 200, M + (R - M) / 2, 226, "PLACE OF RECEIPT", [f["port_of_loading"].split(",")[0] + " CY"], False)
    box(M + (R - M) / 2, 200, R, 226, "BOOKING / SERVICE", [rng.choice(["FCL/FCL", "CY/CY", "CY/DOOR"])], False)
    box(L, 226, L + q, 252, "PORT OF LOADING", [f["port_of_loading"]], False)
    box(L + q, 226, M, 252, "PORT OF DISCHARGE", [f["port_of_discharge"]], False)
    box(M, 226, R, 252, "PLACE OF DELIVERY", [f["place_of_delivery"]], False)
    cols = [
        ("Container Numbers, Seal Numbers and Marks", L + 2),
        ("Description of Packages and Goods", L + 150),
        ("Gross Cargo Weight", R - 118),
        ("Measurement", R - 48),
    ]

    def header(y: float) -> float:
        s.shade(L, y - 8, R, y + 3, 0.86)
        for label, cx in cols:
            s.text(cx, y, label, font=bold, size=size - 1)
        s.text(L + 150, y + 10, "PARTICULARS FURNISHED BY THE SHIPPER", font=regular, size=size - 1.5)
        return y + 22

    done = [False]

    def bottom() -> None:
        """The freight, dates and signature boxes at the foot of the first page (riders carry only goods)."""
        if done[0]:
            return
        done[0] = True
        foot = s.height - 140
        prepaid = f["freight_terms"] == "prepaid"
        payable = f["port_of_loading"] if prepaid else f["port_of_discharge"]
        box(L, foot, M, foot + 28, "FREIGHT & CHARGES", ["FREIGHT PREPAID" if prepaid else "FREIGHT COLLECT"])
        box(M, foot, R, foot + 28, "FREIGHT PAYABLE AT", [payable], False)
        box(L, foot + 28, M, foot + 56, "SHIPPED ON BOARD", [_day(f["shipped_on_board_date"])], False)
        issue_place = f["port_of_loading"].split(",")[0]
        box(M, foot + 28, R, foot + 56, "PLACE AND DATE OF ISSUE", [f"{issue_place}  {_day(f['issue_date'])}"], False)
        originals = rng.choice(["THREE (3)", "ONE (1)", "ZERO (0)"])
        box(L, foot + 56, M, foot + 84, "NUMBER OF ORIGINAL Bs/L", [originals], False)
        box(M, foot + 56, R, foot + 84, "SIGNED FOR THE CARRIER", [f"AS AGENT FOR {f['carrier_name']}"], False)

    y = header(266.0)
    cbm_per_kg = rng.uniform(1 / 300, 1 / 150)
    tail = 150.0
    rider = False
    for k, ln in enumerate(lines):
        size_name, tare = rng.choice(SIZES)
        tare += rng.choice([-50, 0, 40, 80])
        desc = wrap(ln["description"].upper(), R - 130 - (L + 150), font=regular, size=size)
        tall = 9 * max(3, len(desc) + 1) + 16
        room = s.height - (40 if rider else tail)
        if y + tall > room:
            s.text(L + 150, y, "CONTINUED ON RIDER PAGE", font=bold, size=size)
            if not rider:
                bottom()
            s.new_page()
            rider = True
            s.text(L, 36, f["carrier_name"], font=bold, size=10)
            s.right(R, 36, f"RIDER PAGE {s.page - 1} - B/L No. {f['bl_number']}", font=bold, size=9)
            y = header(60.0)
        left = [ln["container_number"], size_name, f"Seal Number: {ln['seal_number']}"]
        for j, part in enumerate(left):
            s.text(L + 2, y + 9 * j, part, font=regular, size=size)
        s.text(L + 150, y, f"{ln['package_count']} {kind}", font=regular, size=size)
        for j, part in enumerate(desc, start=1):
            s.text(L + 150, y + 9 * j, part, font=regular, size=size)
        s.right(R - 62, y, f"{ln['gross_weight_kg']:,.3f} kgs", font=regular, size=size)
        s.right(R - 4, y, f"{ln['gross_weight_kg'] * cbm_per_kg:,.3f} cbm", font=regular, size=size)
        y += 9 * max(3, len(desc) + 1) + 2
        vgm = ln["gross_weight_kg"] + tare
        s.text(
            L + 2,
            y,
            f"Tare Weight: {tare:,} kgs   VGM: {vgm:,.1f} kgs   VGM determined by the shipper (SOLAS VI/2)",
            font=regular,
            size=size - 1.5,
        )
        y += 14
        if k == 0 and len(lines) > 1 and rng.random() < 0.3:
            s.hline(L, R, y - 8, 0.2)
    if y + 40 > s.height - (40 if rider else tail):
        if not rider:
            bottom()
        s.new_page()
        rider = True
        s.right(R, 36, f"RIDER PAGE {s.page - 1} - B/L No. {f['bl_number']}", font=bold, size=9)
        y = 60.0
    s.text(L + 150, y, f"HS CODE: {x['fraccion'][:6]}   SHIPPER'S LOAD, STOW AND COUNT", font=regular, size=size)
    y += 11
    s.text(L + 150, y, f"Total Items: {f['package_count']} {kind}", font=bold, size=size)
    y += 10
    s.text(L + 150, y, f"Total Gross Weight: {f['gross_weight_kg']:,.3f} kgs", font=bold, size=size)
    y += 10
    n = len(lines)
    s.text(L + 150, y, f"{n} CONTAINER{'S' if n > 1 else ''}", font=regular, size=size)
    if not rider:
        bottom()
    s.save()
    return s.page


def _cruce(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    truth["references"] = [r for r in truth["references"] if r["kind"] != "po" or r["value"] == x["pos"][0]]
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = rng.choice([7.0, 7.5])
    texas = rng.random() < 0.5
    s = Sheet(path, title="Manifiesto de cruce")
    L, R = 28.0, s.width - 28.0
    s.text(L, 38, f["carrier_name"], font=bold, size=11)
    caat = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(4))
    s.text(
        L,
        50,
        f"SCAC: {f['carrier_scac']}    CAAT: {caat}    USDOT {rng.randint(10**6, 10**7 - 1)}",
        font=regular,
        size=size,
    )
    s.text(L, 60, f"Permiso SICT: {rng.randint(1000, 9999)}TRA{rng.randint(10**5, 10**6 - 1)}", font=regular, size=size)
    s.right(R, 38, "MANIFIESTO DE CRUCE", font=bold, size=12)
    s.right(R, 50, "BORDER CROSSING MANIFEST", font=bold, size=9)
    y_, m_, d_ = f["issue_date"].split("-")
    when = f"{m_}/{d_}/{y_}" if texas else dmy(f["issue_date"])
    top = [("Folio / Manifest No.:", f["bl_number"]), ("Fecha / Date:", when)]
    top.append(("Hora / Time:", f"{rng.randint(6, 21):02d}:{rng.randint(0, 59):02d}"))
    for k, (label, value) in enumerate(top):
        s.text(R - 190, 66 + 10 * k, label, font=bold, size=size)
        s.text(R - 100, 66 + 10 * k, value, font=regular, size=size)
    y = 106.0
    s.text(L, y, "Puente / Bridge:", font=bold, size=size)
    s.text(L + 70, y, rng.choice(BRIDGES), font=regular, size=size)
    y += 14
    unit = [
        ("Tractor No. Eco. / Unit:", f"{rng.randint(100, 999)}"),
        ("Placas / Plates:", f"{rng.choice(['TX', 'NL', 'TAM'])} {rng.randint(100, 999)}-{rng.randint(10, 99)}"),
        ("Caja / Trailer:", x["trailer"]),
        ("Operador / Driver:", rng.choice(DRIVERS)),
    ]
    for k, (label, value) in enumerate(unit):
        cx = L + (k % 2) * 270
        cy = y + (k // 2) * 11
        end = s.text(cx, cy, label, font=bold, size=size)
        s.text(end + 5, cy, value, font=regular, size=size)
    y += 30
    third = (R - L) / 3
    broker_mx = rng.choice(["AGENCIA ADUANAL GARZA Y ASOCIADOS", "GRUPO ADUANAL FRONTERIZO", "DESPACHOS DEL NORTE"])
    broker_us = rng.choice(["BORDER BROKERAGE CO.", "RIO BRAVO CUSTOMS BROKERS INC.", "LAREDO CUSTOMHOUSE LLC"])
    parties = [
        (
            "Remitente / Shipper",
            [f["shipper_name"], *wrap(x["shipper_address"], third - 14, font=regular, size=size)[:2]],
        ),
        ("Destinatario / Consignee", [f["consignee_name"], f"RFC: {x['consignee_rfc']}"]),
        ("Agente aduanal / Customs broker", [f"MX: {broker_mx}", f"US: {broker_us}"]),
    ]
    for k, (title, rows) in enumerate(parties):
        x0 = L + k * third
        s.box(x0, y - 9, x0 + third, y + 40, 0.5)
        s.text(x0 + 3, y, title, font=bold, size=size)
        j = 0
        for row in rows:
            for part in wrap(row, third - 10, font=regular, size=size):
                s.text(x0 + 5, y + 11 + 9 * j, part, font=regular, size=size)
                j += 1
    y += 56
    ped = f"{y_[2:]} {rng.choice(['24', '07', '30'])} {rng.randint(1000, 3999)} {y_[3]}{rng.randint(0, 999999):06d}"
    s.text(L, y, f"Pedimento: {ped}", font=regular, size=size)
    s.text(L + 200, y, f"Orden de compra / PO: {x['pos'][0]}", font=regular, size=size)
    y += 18
    cols = [
        ("Bultos / Pcs", L + 40, "r"),
        ("Embalaje / Pkg type", L + 50, "l"),
        ("Descripción / Description", L + 140, "l"),
        ("Factura / Invoice", R - 150, "l"),
        ("Peso bruto kg", R - 4, "r"),
    ]
    s.shade(L, y - 9, R, y + 3, 0.84)
    for label, cx, align in cols:
        (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size)
    y += 14
    for ln in lines:
        desc = wrap(ln["description"].upper(), R - 160 - (L + 140), font=regular, size=size)
        pkg = rng.choice(["TARIMAS / PALLETS", "CAJAS / BOXES", "ROLLOS / ROLLS"])
        cells = [str(ln["package_count"]), pkg, desc[0], x["invoice"], f"{ln['gross_weight_kg']:,.1f}"]
        for (_label, cx, align), cell in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        for j, part in enumerate(desc[1:], start=1):
            s.text(L + 140, y + 9 * j, part, font=regular, size=size)
        y += 9 * len(desc) + 5
    s.hline(L, R, y - 5, 0.6)
    y += 6
    s.right(L + 40, y, str(f["package_count"]), font=bold, size=size)
    s.text(L + 50, y, "Total bultos / Total pieces", font=bold, size=size)
    s.text(R - 150, y, "Peso total / Total weight", font=bold, size=size)
    y += 10
    s.right(R - 4, y, f"{f['gross_weight_kg']:,.1f} KG", font=bold, size=size)
    y += 20
    s.text(L, y, f"Sellos / Seals: {'  /  '.join(x['seals'])}", font=bold, size=size)
    y += 14
    prepaid = f["freight_terms"] == "prepaid"
    s.text(L, y, "Flete / Freight:", font=bold, size=size)
    s.text(L + 70, y, f"[{'X' if prepaid else ' '}] Prepagado / Prepaid", font=regular, size=size)
    s.text(L + 190, y, f"[{' ' if prepaid else 'X'}] Por cobrar / Collect", font=regular, size=size)
    y += 40
    for k, label in enumerate(("Firma del operador / Driver", "Entregó / Released by", "Recibió / Received by")):
        x0 = L + k * third
        s.hline(x0 + 6, x0 + third - 12, y, 0.5)
        s.text(x0 + 6, y + 9, label, font=regular, size=size - 1)
    s.save()
    return s.page

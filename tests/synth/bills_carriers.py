"""Ocean bills of lading drawn after the forms the large carriers print (see ``bills``).

* ``particulars``: boxes with the long legal wordings of the labels ("Consignee (negotiable only if consigned
  to order …)", "Vessel (see clause 1 + 19)"), the cargo under "Particulars furnished by Shipper" with a single
  heading "Kind of Packages; Description of goods; Marks and Numbers; Container No./Seal No." over the text
  column: the goods described once, then one line per container
  ``MSKU1234565 ML-1234567 40 DRY 9'6 14 PALLETS`` with its weight (KGS, sometimes LBS beside) and measurement
  in their own columns.
* ``stacked``: ``LABEL:`` headings over their values, the cargo under "Container Numbers, Seal Numbers and
  Marks" / "Description of Packages and Goods" / "Gross Cargo Weight" / "Measurement", each container's column
  holding the container, its type, ``Seal Number: …`` and a tare weight (not the cargo's), the packages
  leading the description.
* ``house``: a forwarder's house B/L: labels with their notes ("Shipper/Exporter (Name and full address)"),
  "Vessel Name / Voyage", "Port of Lading", "Port of Unloading", "Final Place of Delivery", "Date Laden on
  Board"; the cargo table's first column ``MSKU1234565/ML-1234567`` (container and seal joined by a slash), the
  weight cell ``1,234.500 KGS`` over its pounds.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from tests.synth.draw import Sheet, dmy_en, wrap

FONTS = [("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold"), ("Courier", "Courier-Bold")]
PACKAGE_WORDS = ["PALLETS", "PALLET(S)", "CARTONS", "PACKAGES", "CRATES", "PKGS"]
TYPES = ["40 DRY 9'6", "20 DRY 8'6", "40' HIGH CUBE", "40HC", "20GP", "45G1"]


def render_carrier(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw one of this module's arrangements; returns the page count."""
    f = truth["fields"]
    truth["references"] = [ref for ref in truth["references"] if ref["kind"] not in ("invoice", "po")]
    regular, bold = rng.choice(FONTS)
    size = rng.choice([7.0, 7.5, 8.0])
    s = Sheet(path, title="Bill of Lading")
    s.text(32, 30, f["carrier_name"], font=bold, size=rng.choice([11.0, 13.0]))
    if arrangement == "particulars":
        _particulars(s, truth, rng, regular, bold, size)
    elif arrangement == "house":
        _house(s, truth, rng, regular, bold, size)
    else:
        _stacked(s, truth, rng, regular, bold, size)
    s.save()
    return s.page


def _date(rng: random.Random, iso: str) -> str:
    return dmy_en(iso) if rng.random() < 0.5 else iso


def _kg(rng: random.Random, value: float, style: str) -> str:
    if style == "three":
        return f"{value:,.3f}"
    if style == "plain":
        return f"{value:.3f}"
    return f"{value:,.1f}"


def _particulars(s: Sheet, truth: dict[str, Any], rng: random.Random, regular: str, bold: str, size: float) -> None:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    L, R, M = 32.0, s.width - 32.0, 306.0
    s.right(R, 30, "BILL OF LADING FOR OCEAN TRANSPORT OR MULTIMODAL TRANSPORT", font=bold, size=8)

    def box(x0: float, y0: float, x1: float, y1: float, label: str, values: list[str]) -> None:
        s.box(x0, y0, x1, y1, 0.5)
        s.text(x0 + 3, y0 + 7, label, font=regular, size=5.5)
        for k, value in enumerate(values):
            s.text(x0 + 3, y0 + 18 + 10 * k, value, font=regular, size=size)

    box(L, 40, M, 86, "Shipper", [f["shipper_name"], x["shipper_address"][:55]])
    box(M, 40, M + 130, 62, "B/L No.", [f["bl_number"]])
    box(M + 130, 40, R, 62, "Booking No.", [x["booking"]])
    box(M, 62, R, 86, "Export references", [f"SCAC {f['carrier_scac']}"])
    consignee = 'Consignee (negotiable only if consigned "to order", "to order of" a named Person)'
    box(L, 86, M, 132, consignee, [f["consignee_name"], x["consignee_address"][:55]])
    box(M, 86, R, 132, "Onward inland routing (Not part of Carriage as defined in clause 1)", [])
    box(L, 132, M, 166, "Notify Party (see clause 22)", [f["notify_party_name"]])
    box(M, 132, R, 166, "Place of Receipt. Applicable only when document used as Multimodal Transport B/L", [])
    box(L, 166, L + 150, 190, "Vessel (see clause 1 + 19)", [f["vessel"]])
    box(L + 150, 166, M, 190, "Voyage No.", [f["voyage"]])
    box(M, 166, R, 190, "Port of Loading", [f["port_of_loading"]])
    box(L, 190, M, 214, "Port of Discharge", [f["port_of_discharge"]])
    box(M, 190, R, 214, "Place of Delivery. Applicable only when document used as Multimodal Transport B/L", [])
    s.text(M + 3, 208, f["place_of_delivery"], font=regular, size=size)
    y = 228.0
    s.text(L + 150, y, "PARTICULARS FURNISHED BY SHIPPER", font=bold, size=size)
    y += 12
    wx, mx = R - 150, R - 62
    s.text(L, y, "Kind of Packages; Description of goods; Marks and Numbers; Container No./Seal No.", font=bold, size=6)
    s.text(wx, y, "Weight", font=bold, size=6)
    s.text(mx, y, "Measurement", font=bold, size=6)
    s.hline(L, R, y + 3, 0.5)
    y += 14
    pkg_word = rng.choice(PACKAGE_WORDS)
    style = rng.choice(["three", "plain", "us"])
    total_pkgs = f["package_count"]
    s.text(L, y, f"{total_pkgs} {pkg_word}", font=regular, size=size)
    y += 10
    for part in wrap(f["goods_description"], wx - L - 20, font=regular, size=size):
        s.text(L, y, part, font=regular, size=size)
        y += 10
    s.text(L, y, f"HS CODE {x['fraccion'].replace('.', '')[:6]}", font=regular, size=size)
    y += 10
    s.text(L, y, "SHIPPER'S LOAD, STOW AND COUNT", font=regular, size=size)
    y += 16
    lbs = rng.random() < 0.5
    for ln in lines:
        kind = rng.choice(TYPES)
        text = f"{ln['container_number']}  {ln['seal_number']}  {kind}  {ln['package_count']} {pkg_word}"
        s.text(L, y, text, font=regular, size=size)
        s.right(mx - 8, y, f"{_kg(rng, ln['gross_weight_kg'], style)} KGS", font=regular, size=size)
        s.right(R - 4, y, f"{rng.uniform(20, 68):.3f} CBM", font=regular, size=size)
        if lbs:
            s.right(mx - 8, y + 9, f"{ln['gross_weight_kg'] / 0.45359237:,.1f} LBS", font=regular, size=size)
            y += 9
        y += 12
    s.hline(L, R, y - 4, 0.5)
    y += 6
    s.text(L, y, "Above particulars as declared by Shipper, but without responsibility of or representation by Carrier")
    y += 14
    end = s.text(L, y, "Total No. of Packages received by Carrier:", font=regular, size=6)
    s.text(end + 6, y, f"{total_pkgs} {pkg_word}", font=regular, size=size)
    end = s.text(M, y, "Total Gross Weight:", font=regular, size=6)
    s.text(end + 6, y, f"{_kg(rng, f['gross_weight_kg'], style)} KGS", font=regular, size=size)
    y += 16
    freight = "Freight Prepaid" if f["freight_terms"] == "prepaid" else "Freight Collect"
    s.text(L, y, freight.upper(), font=regular, size=size)
    y += 16
    s.box(L, y, M, y + 24, 0.5)
    s.text(L + 3, y + 7, "Shipped on Board Date (Local Time)", font=regular, size=5.5)
    s.text(L + 3, y + 18, _date(rng, f["shipped_on_board_date"]), font=regular, size=size)
    s.box(M, y, R, y + 24, 0.5)
    s.text(M + 3, y + 7, "Place of Issue of B/L", font=regular, size=5.5)
    s.text(M + 3, y + 18, f["port_of_loading"].split(",")[0], font=regular, size=size)
    y += 24
    s.box(L, y, M, y + 24, 0.5)
    s.text(L + 3, y + 7, "Date of Issue of B/L", font=regular, size=5.5)
    s.text(L + 3, y + 18, _date(rng, f["issue_date"]), font=regular, size=size)
    s.box(M, y, R, y + 24, 0.5)
    s.text(M + 3, y + 7, "Number & Sequence of Original B(s)/L", font=regular, size=5.5)
    s.text(M + 3, y + 18, "3/THREE", font=regular, size=size)
    y += 36
    s.text(L, y, f"Signed for the Carrier {f['carrier_name']} as Carrier", font=regular, size=6.5)


def _stacked(s: Sheet, truth: dict[str, Any], rng: random.Random, regular: str, bold: str, size: float) -> None:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    L, R, M = 32.0, s.width - 32.0, 320.0
    s.right(R, 30, "BILL OF LADING No. " + f["bl_number"], font=bold, size=9)
    y = 50.0

    def block(x0: float, top: float, label: str, values: list[str]) -> float:
        s.text(x0, top, label, font=bold, size=size - 0.5)
        for k, value in enumerate(values):
            s.text(x0, top + 10 * (k + 1), value, font=regular, size=size)
        return top + 10 * (len(values) + 1) + 8

    left = y
    left = block(L, left, "SHIPPER:", [f["shipper_name"], x["shipper_address"][:55]])
    left = block(L, left, "CONSIGNEE:", [f["consignee_name"], x["consignee_address"][:55]])
    left = block(L, left, "NOTIFY PARTIES: (No responsibility shall attach to the Carrier)", [f["notify_party_name"]])
    right = y
    right = block(M, right, "BOOKING REF.:", [x["booking"]])
    right = block(M, right, "SCAC CODE:", [f["carrier_scac"]])
    right = block(M, right, "VESSEL AND VOYAGE NO (see Clauses 8 & 9)", [f"{f['vessel']} - {f['voyage']}"])
    right = block(M, right, "PORT OF LOADING", [f["port_of_loading"]])
    right = block(M, right, "PORT OF DISCHARGE", [f["port_of_discharge"]])
    right = block(M, right, "PLACE OF DELIVERY", [f["place_of_delivery"]])
    y = max(left, right) + 6
    cx, dx, wx, mx = L, L + 130, R - 140, R - 55
    s.shade(L - 2, y - 8, R + 2, y + 12)
    s.text(cx, y, "Container Numbers, Seal", font=bold, size=6)
    s.text(cx, y + 8, "Numbers and Marks", font=bold, size=6)
    s.text(dx, y, "Description of Packages and Goods", font=bold, size=6)
    s.text(dx, y + 8, "(Continued on attached Bill of Lading Rider page(s), if applicable)", font=regular, size=5)
    s.text(wx, y, "Gross Cargo", font=bold, size=6)
    s.text(wx, y + 8, "Weight", font=bold, size=6)
    s.text(mx, y, "Measurement", font=bold, size=6)
    y += 24
    pkg_word = rng.choice(PACKAGE_WORDS)
    style = rng.choice(["three", "plain", "us"])
    unit = rng.choice(["kgs", "KGS", "KG"])
    for ln in lines:
        kind = rng.choice(TYPES)
        column = [ln["container_number"], kind, f"Seal Number: {ln['seal_number']}"]
        column.append(f"Tare Weight: {rng.choice([2200, 3750, 3900, 4800]):,} {unit}")
        desc = [f"{ln['package_count']} {pkg_word}", *wrap(ln["description"], wx - dx - 12, font=regular, size=size)]
        for k, text in enumerate(column):
            s.text(cx, y + 10 * k, text, font=regular, size=size)
        for k, text in enumerate(desc):
            s.text(dx, y + 10 * k, text, font=regular, size=size)
        s.text(wx, y, f"{_kg(rng, ln['gross_weight_kg'], style)} {unit}", font=regular, size=size)
        s.text(mx, y, f"{rng.uniform(20, 68):.3f} cu. m", font=regular, size=size)
        y += 10 * max(len(column), len(desc)) + 8
    s.hline(L, R, y - 4, 0.5)
    y += 8
    s.text(L, y, "SHIPPER'S LOAD, STOW AND COUNT. TOTAL:", font=bold, size=size)
    s.text(L + 190, y, f"{f['package_count']} {pkg_word}", font=regular, size=size)
    s.text(wx, y, f"{_kg(rng, f['gross_weight_kg'], style)} {unit}", font=regular, size=size)
    y += 14
    end = s.text(L, y, "DESCRIPTION:", font=bold, size=size)
    s.text(end + 6, y, f["goods_description"], font=regular, size=size)
    y += 16
    freight = "FREIGHT PREPAID" if f["freight_terms"] == "prepaid" else "FREIGHT COLLECT"
    s.text(L, y, freight, font=regular, size=size)
    y += 16
    end = s.text(L, y, "SHIPPED ON BOARD DATE:", font=bold, size=size)
    s.text(end + 6, y, _date(rng, f["shipped_on_board_date"]), font=regular, size=size)
    end = s.text(M, y, "PLACE AND DATE OF ISSUE:", font=bold, size=size)
    s.text(end + 6, y, f"{f['port_of_loading'].split(',')[0]}, {_date(rng, f['issue_date'])}", font=regular, size=size)
    y += 24
    s.text(L, y, f"SIGNED ON BEHALF OF THE CARRIER {f['carrier_name']}", font=regular, size=6.5)


def _house(s: Sheet, truth: dict[str, Any], rng: random.Random, regular: str, bold: str, size: float) -> None:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    L, R, M = 32.0, s.width - 32.0, 300.0
    s.right(R, 30, "HOUSE BILL OF LADING", font=bold, size=10)
    s.right(R, 42, "NOT NEGOTIABLE UNLESS CONSIGNED TO ORDER", font=regular, size=6)

    def cell(x0: float, y0: float, x1: float, label: str, values: list[str]) -> float:
        s.hline(x0, x1, y0 - 8, 0.4)
        s.text(x0 + 2, y0, label, font=bold, size=6)
        for k, value in enumerate(values):
            s.text(x0 + 2, y0 + 11 + 10 * k, value, font=regular, size=size)
        return y0 + 11 + 10 * len(values) + 8

    y = 62.0
    left = cell(L, y, M, "Shipper/Exporter (Name and full address)", [f["shipper_name"], x["shipper_address"][:55]])
    left = cell(L, left, M, "Consignee (Name and full address)", [f["consignee_name"], x["consignee_address"][:55]])
    left = cell(L, left, M, "Notify Party (Name and full address)", [f["notify_party_name"]])
    right = cell(M, y, R, "HBL No.", [f["bl_number"]])
    right = cell(M, right, R, "Master B/L No.", [f"{f['carrier_scac']}{rng.randint(10000000, 99999999)}"])
    right = cell(M, right, R, "Carrier", [f["carrier_name"]])
    right = cell(M, right, R, "Pre-carriage by", ["TRUCK"])
    y = max(left, right)
    cell(L, y, M, "Vessel Name / Voyage", [f"{f['vessel']} V.{f['voyage']}"])
    y = cell(M, y, R, "Port of Lading", [f["port_of_loading"]])
    cell(L, y, M, "Port of Unloading", [f["port_of_discharge"]])
    y = cell(M, y, R, "Final Place of Delivery", [f["place_of_delivery"]])
    cell(L, y, M, "Date Laden on Board", [_date(rng, f["shipped_on_board_date"])])
    y = cell(M, y, R, "B/L Date", [_date(rng, f["issue_date"])]) + 4
    cols = [
        ("Container / Seal", L),
        ("No. of Pkgs", L + 120),
        ("Description of Goods", L + 190),
        ("Gross Weight", R - 80),
    ]
    s.shade(L - 2, y - 8, R + 2, y + 3)
    for label, px in cols:
        s.text(px, y, label, font=bold, size=6.5)
    y += 14
    pkg_word = rng.choice(["PLTS", "CTNS", "PKGS", "SKIDS"])
    style = rng.choice(["three", "us"])
    for ln in lines:
        s.text(cols[0][1], y, f"{ln['container_number']}/{ln['seal_number']}", font=regular, size=size)
        s.text(cols[1][1], y, f"{ln['package_count']} {pkg_word}", font=regular, size=size)
        desc = wrap(ln["description"], R - 90 - cols[2][1], font=regular, size=size)
        for k, part in enumerate(desc):
            s.text(cols[2][1], y + 10 * k, part, font=regular, size=size)
        s.text(cols[3][1], y, f"{_kg(rng, ln['gross_weight_kg'], style)} KGS", font=regular, size=size)
        s.text(cols[3][1], y + 10, f"{ln['gross_weight_kg'] / 0.45359237:,.1f} LBS", font=regular, size=size)
        y += 10 * max(2, len(desc)) + 6
    s.hline(L, R, y - 2, 0.5)
    y += 10
    s.text(L, y, f"TOTAL: {f['package_count']} {pkg_word}", font=bold, size=size)
    s.text(cols[3][1] - 60, y, f"TOTAL: {_kg(rng, f['gross_weight_kg'], style)} KGS", font=bold, size=size)
    y += 14
    s.text(L, y, "SAID TO CONTAIN: " + f["goods_description"], font=regular, size=size)
    y += 14
    freight = "FREIGHT PREPAID" if f["freight_terms"] == "prepaid" else "FREIGHT COLLECT"
    s.text(L, y, f"{freight} - SHIPPER'S LOAD, STOW AND COUNT", font=regular, size=size)
    y += 20
    s.text(L, y, f"As agent for the carrier {f['carrier_name']}", font=regular, size=6.5)


def render_carta_porte(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    """``roadbill``: a Mexican road carrier's printed bill (carta porte): Spanish ``Etiqueta: valor`` pairs in
    two columns (Transportista, No. de guía, Remitente, Destinatario, Placas / Remolque, Sellos), the goods
    under Cantidad / Embalaje / Descripción / Peso (kg), Spanish totals and freight terms."""
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    regular, bold = rng.choice(FONTS)
    size = rng.choice([7.0, 7.5, 8.0])
    s = Sheet(path, title="Carta Porte")
    L, R, M = 32.0, s.width - 32.0, 320.0
    s.text(L, 30, f["carrier_name"], font=bold, size=12)
    s.right(R, 30, rng.choice(["CARTA PORTE", "CARTA DE PORTE - AUTOTRANSPORTE"]), font=bold, size=10)

    def pair(x0: float, y: float, label: str, value: str) -> None:
        end = s.text(x0, y, label, font=bold, size=size)
        s.text(end + 6, y, value, font=regular, size=size)

    y = 52.0
    pair(L, y, rng.choice(["No. de guía:", "Folio:"]), f["bl_number"])
    pair(M, y, "SCAC:", f["carrier_scac"])
    y += 12
    day = f["issue_date"]
    pair(L, y, rng.choice(["Fecha de expedición:", "Fecha:"]), f"{day[8:]}/{day[5:7]}/{day[:4]}")
    pair(M, y, "Placas / Remolque:", x["trailer"])
    y += 18
    s.text(L, y, "Remitente:", font=bold, size=size)
    s.text(M, y, "Destinatario:", font=bold, size=size)
    s.text(L, y + 10, f["shipper_name"], font=regular, size=size)
    s.text(M, y + 10, f["consignee_name"], font=regular, size=size)
    s.text(L, y + 20, x["shipper_address"][:50], font=regular, size=size)
    s.text(M, y + 20, f"RFC: {x['consignee_rfc']}", font=regular, size=size)
    y += 40
    pair(L, y, "Sellos:", " ".join(x["seals"]))
    pair(M, y, "Factura:", x["invoice"])
    y += 12
    pair(L, y, "Orden de compra:", ", ".join(x["pos"]))
    y += 20
    cols = [("Cantidad", L), ("Embalaje", L + 60), ("Descripción de la mercancía", L + 130), ("Peso (kg)", R - 60)]
    s.shade(L - 2, y - 8, R + 2, y + 3)
    for label, px in cols:
        s.text(px, y, label, font=bold, size=size - 0.5)
    y += 14
    for ln in lines:
        s.text(cols[0][1], y, str(ln["package_count"]), font=regular, size=size)
        s.text(cols[1][1], y, rng.choice(["TARIMAS", "CAJAS", "PALLETS"]), font=regular, size=size)
        desc = wrap(ln["description"], R - 80 - cols[2][1], font=regular, size=size)
        for k, part in enumerate(desc):
            s.text(cols[2][1], y + 10 * k, part, font=regular, size=size)
        s.text(cols[3][1], y, f"{ln['gross_weight_kg']:,.1f}", font=regular, size=size)
        y += 10 * len(desc) + 4
    s.hline(L, R, y - 2, 0.5)
    y += 10
    pair(L, y, "Total de bultos:", str(f["package_count"]))
    pair(M, y, "Peso bruto total:", f"{f['gross_weight_kg']:,.1f} kg")
    y += 14
    s.text(L, y, "FLETE PAGADO" if f["freight_terms"] == "prepaid" else "FLETE POR COBRAR", font=bold, size=size)
    y += 24
    s.text(L, y, "Firma del operador                 Firma de recibido", font=regular, size=6.5)
    s.save()
    return s.page

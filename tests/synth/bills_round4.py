"""Round 4 of the held-out bill-of-lading arrangements (see ``bills``), modelled on two kinds of carrier form the
earlier arrangements do not draw:

* ``carrier``: a large ocean carrier's multimodal B/L (the Hapag-Lloyd / CMA CGM kind). Long box labels
  (``Consignee (not negotiable unless consigned to order)``, ``Notify Address (Carrier not responsible for failure
  to notify)``, ``Vessel(s)``, ``Voyage-No.``, ``B/L-No.``); the cargo under ``Container Nos., Seal Nos.; Marks and
  Nos.`` / ``Number and Kind of Packages; Description of Goods`` / ``Gross Weight (kg)`` / ``Measurement (cbm)``,
  either with each container and its seal stacked in the marks column and its packages, weight and volume on
  the same row, or (drawn at random) as one slash-separated line per container under the description
  (``HLXU1234567 / 40HC / SEAL ML-1234567 / 14 PALLETS / 4,567.000 KGS / 33.200 CBM``); ``SHIPPER'S LOAD, STOW
  AND COUNT`` and ``SAID TO CONTAIN``; dates as ``12.03.2024`` or ``12 MAR 2024``; the number of originals and
  the place of issue at the bottom.
* ``linehaul``: a cross-border truck or rail bill in English and Spanish (``Remitente / Ship From``,
  ``Destinatario / Ship To``, ``No. de Guía / B/L No.``), the trailer or railcar, seals, the freight terms as
  check boxes, and the goods with their weight in pounds beside kilograms (``Weight (LBS) | Peso (KGS)``), a
  freight class column and totals in both units.

Renderers drop from the truth what they do not print.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from tests.synth.draw import MONTHS_EN, Sheet, dmy, wrap

ARRANGEMENTS = ("carrier", "linehaul")
KIND = {"carrier": "ocean", "linehaul": "truck"}
LBS_PER_KG = 2.20462


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw the bill; returns its page count."""
    return (_carrier if arrangement == "carrier" else _linehaul)(truth, path, rng)


def _date(iso: str, style: str) -> str:
    y, m, d = iso.split("-")
    return f"{d}.{m}.{y}" if style == "dots" else f"{d} {MONTHS_EN[int(m) - 1].upper()} {y}"


def _kg(value: float, style: str) -> str:
    return f"{value:,.3f}" if style == "three" else f"{value:.1f}"


def _carrier(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    truth["references"] = [r for r in truth["references"] if r["kind"] != "po"]  # the order is not printed
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = rng.choice([7.0, 7.5])
    dstyle = rng.choice(["dots", "month"])
    wstyle = rng.choice(["three", "plain"])
    pkg = rng.choice(["PALLETS", "PALLET(S)", "CARTONS", "PACKAGES"])
    s = Sheet(path, title="Bill of Lading")
    L, R, M = 28.0, s.width - 28.0, 300.0

    def box(x0: float, y0: float, x1: float, y1: float, label: str, values: list[str]) -> None:
        s.box(x0, y0, x1, y1, 0.4)
        s.text(x0 + 3, y0 + 7, label, font=regular, size=5.5)
        for k, value in enumerate(values):
            s.text(x0 + 3, y0 + 18 + 9.5 * k, value, font=regular, size=size)

    s.text(M + 4, 30, f["carrier_name"], font=bold, size=12)
    s.text(M + 4, 42, "Bill of Lading", font=bold, size=10)
    s.text(M + 4, 52, "Multimodal Transport or Port to Port Shipment", font=regular, size=6)
    box(L, 22, M, 74, "Shipper:", [f["shipper_name"], x["shipper_address"][:52]])
    box(M, 58, M + 140, 80, "Carrier's Reference:", [x["booking"]])
    box(M + 140, 58, R, 80, "B/L-No.:", [f["bl_number"]])
    box(M, 80, R, 102, "Export References:", [f"INV {x['invoice']}"])
    box(
        L,
        74,
        M,
        126,
        "Consignee (not negotiable unless consigned to order):",
        [f["consignee_name"], x["consignee_address"][:52], f"RFC {x['consignee_rfc']}"],
    )
    box(M, 102, R, 126, "Forwarding Agent:", [rng.choice(["", "KUEHNE + NAGEL", "DHL GLOBAL FORWARDING"])])
    box(L, 126, M, 164, "Notify Address (Carrier not responsible for failure to notify):", [f["notify_party_name"]])
    box(M, 126, R, 146, "Consignee's Reference:", [""])
    box(M, 146, R, 164, "Place of Receipt:", [f["port_of_loading"].split(",")[0]])
    box(L, 164, L + 150, 186, "Vessel(s):", [f["vessel"]])
    box(L + 150, 164, M, 186, "Voyage-No.:", [f["voyage"]])
    box(M, 164, R, 186, "Port of Loading:", [f["port_of_loading"]])
    box(L, 186, M, 208, "Port of Discharge:", [f["port_of_discharge"]])
    box(M, 186, R, 208, "Place of Delivery:", [f["place_of_delivery"]])
    y = 222.0
    heads = [
        ("Container Nos., Seal Nos.; Marks and Nos.", L),
        ("Number and Kind of Packages; Description of Goods", L + 150),
        ("Gross Weight (kg)", R - 120),
        ("Measurement (cbm)", R - 50),
    ]
    s.shade(L, y - 8, R, y + 3, 0.9)
    for label, hx in heads:
        s.text(hx, y, label, font=bold, size=6)
    y += 16
    slash = rng.random() < 0.5
    total_pkgs = f["package_count"]
    s.text(L + 150, y, "SHIPPER'S LOAD, STOW AND COUNT", font=regular, size=size)
    y += 10
    s.text(L + 150, y, f"{len(lines)} CONTAINER(S) SAID TO CONTAIN {total_pkgs} {pkg}", font=regular, size=size)
    y += 10
    for part in wrap(f["goods_description"], 220, font=regular, size=size):
        s.text(L + 150, y, part, font=regular, size=size)
        y += 10
    s.text(L + 150, y, f"HS CODE: {x['fraccion'][:6]}", font=regular, size=size)
    y += 14
    for ln in lines:
        kind = rng.choice(["40HC", "20GP", "40GP"])
        cbm = f"{rng.uniform(18, 67):.3f}"
        weight = _kg(ln["gross_weight_kg"], wstyle)
        if y > s.height - 150:
            s.new_page()
            y = 60.0
        if slash:
            text = f"{ln['container_number']} / {kind} / SEAL {ln['seal_number']} / {ln['package_count']} {pkg}"
            text += f" / {weight} KGS / {cbm} CBM"
            s.text(L + 150, y, text, font=regular, size=size - 0.5)
            y += 11
        else:
            s.text(L, y, ln["container_number"], font=regular, size=size)
            s.text(L, y + 9.5, f"SEAL: {ln['seal_number']}", font=regular, size=size)
            s.text(L, y + 19, kind, font=regular, size=size)
            s.text(L + 150, y, f"{ln['package_count']} {pkg}", font=regular, size=size)
            s.right(R - 62, y, weight, font=regular, size=size)
            s.right(R - 4, y, cbm, font=regular, size=size)
            y += 32
    for ln in lines:  # the goods are described once for the whole shipment: that is each container's goods, as
        ln["description"] = f["goods_description"]  # on the other forms that describe them once (particulars)
    y += 6
    s.hline(L, R, y - 6, 0.4)
    s.text(L, y + 4, "Total Gross Weight:", font=bold, size=size)
    s.text(L + 90, y + 4, f"{_kg(f['gross_weight_kg'], wstyle)} KGS", font=regular, size=size)
    s.text(L + 250, y + 4, "Total No. of Packages:", font=bold, size=size)
    s.text(L + 350, y + 4, f"{total_pkgs} {pkg}", font=regular, size=size)
    y += 24
    if y > s.height - 90:
        s.new_page()
        y = 60.0
    freight = "FREIGHT PREPAID" if f["freight_terms"] == "prepaid" else "FREIGHT COLLECT"
    box(L, y, M, y + 22, "Freight payable at:", [freight])
    box(M, y, R, y + 22, "Number of original Bs/L:", ["3/THREE"])
    y += 22
    issue_place = f["port_of_loading"].split(",")[0]
    box(L, y, M, y + 22, "Place and date of issue:", [f"{issue_place} {_date(f['issue_date'], dstyle)}"])
    box(M, y, R, y + 22, "Shipped on board the vessel, date:", [_date(f["shipped_on_board_date"], dstyle)])
    y += 34
    s.text(L, y, f"Signed for the Carrier {f['carrier_name']} (as Carrier)", font=regular, size=6)
    s.save()
    return s.page


def _linehaul(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Courier", "Courier-Bold")])
    size = 7.0 if regular == "Courier" else rng.choice([7.0, 7.5])
    rail = rng.random() < 0.4
    if rail:  # a railway's waybill is a rail bill (the contract's ``rail`` kind), not a truck's
        f["bl_kind"] = "rail"
    s = Sheet(path, title="Bill of Lading")
    L, R, M = 30.0, s.width - 30.0, 306.0
    title = "CARTA DE PORTE FERROVIARIA / RAIL WAYBILL" if rail else "UNIFORM STRAIGHT BILL OF LADING / CARTA DE PORTE"
    s.centre(s.width / 2, 32, title, font=bold, size=10)
    s.centre(s.width / 2, 42, "ORIGINAL - NOT NEGOTIABLE / NO NEGOCIABLE", font=regular, size=6.5)
    us_date = f"{f['issue_date'][5:7]}/{f['issue_date'][8:]}/{f['issue_date'][:4]}"
    y = 60.0
    right = [
        ("No. de Guía / B/L No.:", f["bl_number"]),
        ("Fecha / Date:", rng.choice([us_date, dmy(f["issue_date"])])),
        ("Transportista / Carrier:", f["carrier_name"]),
        ("SCAC:", f["carrier_scac"]),
        (
            ("Carro / Railcar:" if rail else "Remolque / Trailer:"),
            (f"TFMX {rng.randint(100000, 999999)}" if rail else x["trailer"]),
        ),
        ("Sellos / Seals:", " ".join(x["seals"])),
    ]
    for k, (label, value) in enumerate(right):
        s.text(M + 6, y + 11 * k, label, font=bold, size=size)
        s.text(M + 112, y + 11 * k, value, font=regular, size=size - (0.5 if len(value) > 34 else 0))
    left = [
        ("Remitente / Ship From:", [f["shipper_name"], x["shipper_address"][:50]]),
        ("Destinatario / Ship To:", [f["consignee_name"], x["consignee_address"][:50], f"RFC: {x['consignee_rfc']}"]),
    ]
    ly = y
    for label, values in left:
        s.text(L, ly, label, font=bold, size=size)
        for k, value in enumerate(values):
            s.text(L + 8, ly + 10 * (k + 1), value, font=regular, size=size)
        ly += 10 * (len(values) + 1) + 6
    y = max(ly, y + 11 * len(right)) + 6
    prepaid = f["freight_terms"] == "prepaid"
    marks = ("X" if prepaid else " ", " " if prepaid else "X")
    s.text(
        L,
        y,
        f"Flete / Freight:  [{marks[0]}] Pagado / Prepaid   [{marks[1]}] Por cobrar / Collect   [ ] 3rd Party",
        font=regular,
        size=size,
    )
    y += 11
    s.text(
        L,
        y,
        f"Órdenes de compra / PO: {', '.join(x['pos'])}     Factura / Invoice: {x['invoice']}",
        font=regular,
        size=size,
    )
    y += 18
    cols = [
        ("No. Bultos / Units", L, "l"),
        ("Tipo / Kind", L + 70, "l"),
        ("Descripción / Description of Articles", L + 118, "l"),
        ("Weight (LBS)", R - 130, "r"),
        ("Peso (KGS)", R - 60, "r"),
        ("Class", R, "r"),
    ]
    s.shade(L - 2, y - 9, R + 2, y + 3, 0.9)
    for label, cx, align in cols:
        (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
    y += 14
    kind = rng.choice(["PLT", "SKID", "CTN", "BOX"])
    for ln in lines:
        desc = wrap(ln["description"], R - 130 - 60 - (L + 118), font=regular, size=size)
        s.text(L + 10, y, str(ln["package_count"]), font=regular, size=size)
        s.text(L + 70, y, kind, font=regular, size=size)
        for k, part in enumerate(desc):
            s.text(L + 118, y + 10 * k, part, font=regular, size=size)
        s.right(R - 130, y, f"{ln['gross_weight_kg'] * LBS_PER_KG:,.0f}", font=regular, size=size)
        s.right(R - 60, y, f"{ln['gross_weight_kg']:,.1f}", font=regular, size=size)
        s.right(R, y, rng.choice(["55", "70", "85"]), font=regular, size=size)
        y += 10 * len(desc) + 4
    s.hline(L, R, y - 4, 0.5)
    y += 8
    s.text(L + 10, y, str(f["package_count"]), font=bold, size=size)
    s.text(L + 118, y, "TOTAL / GRAN TOTAL", font=bold, size=size)
    s.right(R - 130, y, f"{f['gross_weight_kg'] * LBS_PER_KG:,.0f} LBS", font=bold, size=size)
    s.right(R - 60, y, f"{f['gross_weight_kg']:,.1f} KGS", font=bold, size=size)
    y += 26
    s.text(
        L,
        y,
        "RECEIVED, subject to the classifications and tariffs in effect on the date of issue of this Bill of Lading.",
        font=regular,
        size=6,
    )
    s.text(
        L,
        y + 9,
        "Recibido sujeto a las clasificaciones y tarifas vigentes a la fecha de expedición.",
        font=regular,
        size=6,
    )
    y += 30
    s.text(L, y, "Firma del remitente / Shipper signature", font=bold, size=size - 0.5)
    s.text(M, y, "Firma del transportista / Carrier signature", font=bold, size=size - 0.5)
    s.save()
    return s.page

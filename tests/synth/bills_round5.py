"""Round 5 of the held-out bill-of-lading arrangements (see ``bills``), modelled on two kinds of transport
document the earlier arrangements do not draw:

* ``waybill``: an NVOCC's house sea waybill (non-negotiable). Its own house number (the forwarder's SCAC, an
  origin code and a serial) beside the carrier's master B/L number (``MB/L No.``, a second number the reader must
  not take); boxes ``Shipper``, ``Consignee``, ``Notify Party``, ``Pre-carriage by``, ``Place of Receipt``, ``Ocean
  Vessel / Voy. No.`` in one box (``ONE HARMONY / 123E``), ``Port of Loading``, ``Port of Discharge``, ``Place of
  Delivery``; the goods under ``SAID TO CONTAIN``; the container table ``Container No. | Seal No. | Type | Pkgs |
  Gross Weight (KGS) | CBM``, containers printed compact (``MSKU9070323``) or with the check digit set apart
  (``MSKU 907032-3``), packages with their kind (``14 PLTS``); ``FREIGHT PREPAID`` / ``FREIGHT COLLECT`` as a
  stamp; ``LADEN ON BOARD`` with its date and ``Place and Date of Issue``; ``SEA WAYBILL`` and ``NON-NEGOTIABLE``.
* ``cartaporte``: a Mexican carrier's printout of a CFDI de traslado with the Carta Porte complement, for the
  inland leg from the border. ``Folio``, ``Fecha de expedición``, ``Transportista`` with its SCAC; ``Remitente``
  and ``Destinatario`` with origin and destination (``Origen``, ``Destino``, ``Fecha y hora de salida /
  llegada``); ``Autotransporte`` (``Placas``, ``Remolque``, ``Sellos``), ``Operador``; ``Mercancías`` as ``Bienes
  transp. | Descripción | Cantidad | Clave unidad | Embalaje | Peso en kg | Fracción`` (the quantity counts the
  packages); ``Peso bruto total`` and ``Núm. total de mercancías`` (the number of lines, not of packages);
  ``Flete: Pagado`` or ``Por cobrar``; references ``Factura`` and ``Orden de compra``; the seals of the CFDI at the
  bottom.

Renderers set the truth to what they print and drop what they do not print.
"""

from __future__ import annotations

import random
import string
from pathlib import Path
from typing import Any

from tests.synth.draw import MONTHS_EN, Sheet, dmy, wrap

ARRANGEMENTS = ("waybill", "cartaporte")
KIND = {"waybill": "ocean", "cartaporte": "truck"}
NVOCCS = [
    ("PACIFIC BRIDGE LOGISTICS LTD.", "PBLQ"),
    ("ORIENT STAR FREIGHT (HK) LIMITED", "OSFH"),
    ("TRANSMARINE CONSOLIDATORS INC.", "TMCZ"),
]
ORIGIN_CODES = {"SHANGHAI": "SHA", "NINGBO": "NGB", "BUSAN": "PUS", "YOKOHAMA": "YOK", "KAOHSIUNG": "KHH"}
MX_CARRIERS = [
    ("AUTOTRANSPORTES DEL BAJIO SA DE CV", "ATBJ"),
    ("TRANSPORTES FRONTERIZOS DEL NORTE SA DE CV", "TFNR"),
    ("FLETES Y CARGA TRANSFRONTERIZA SA DE CV", "FCTX"),
]
PACKAGES = [("PLTS", "XPX - Pallet"), ("CTNS", "XBX - Caja"), ("PKGS", "XPK - Paquete")]


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw the bill; returns its page count."""
    return (_waybill if arrangement == "waybill" else _cartaporte)(truth, path, rng)


def _month(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{d} {MONTHS_EN[int(m) - 1].upper()} {y}"


def _spaced(container: str) -> str:
    return f"{container[:4]} {container[4:10]}-{container[10]}"


def _waybill(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    carrier, scac = rng.choice(NVOCCS)
    city = f["port_of_loading"].split(",")[0]
    number = f"{scac}{ORIGIN_CODES.get(city, 'SHA')}{rng.randint(10**7, 10**8 - 1)}"
    master = f["bl_number"]
    f.update({"carrier_name": carrier, "carrier_scac": scac, "bl_number": number})
    truth["references"] = [r for r in truth["references"] if r["kind"] != "po"]
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = rng.choice([7.0, 7.5, 8.0])
    spaced = rng.random() < 0.5
    kind, _ = rng.choice(PACKAGES)
    s = Sheet(path, title="Sea Waybill")
    L, R, M = 30.0, s.width - 30.0, 310.0

    def box(x0: float, y0: float, x1: float, y1: float, label: str, values: list[str]) -> None:
        s.box(x0, y0, x1, y1, 0.5)
        s.text(x0 + 3, y0 + 8, label, font=bold, size=size - 1.5)
        for k, value in enumerate(values):
            s.text(x0 + 6, y0 + 19 + 10 * k, value, font=regular, size=size)

    box(L, 24, M, 80, "Shipper", [f["shipper_name"], *wrap(x["shipper_address"], M - L - 12, size=size)[:2]])
    s.text(M + 10, 36, carrier, font=bold, size=11)
    s.text(M + 10, 50, "SEA WAYBILL", font=bold, size=14)
    s.text(M + 130, 50, "NON-NEGOTIABLE", font=bold, size=8)
    box(M, 58, M + 130, 80, "House B/L No.", [number])
    box(M + 130, 58, R, 80, "MB/L No.", [master])
    consignee = [f["consignee_name"], *wrap(x["consignee_address"], M - L - 12, size=size)[:1]]
    box(L, 80, M, 130, "Consignee", [*consignee, f"RFC: {x['consignee_rfc']}"])
    box(M, 80, R, 130, "Export References", [f"INV. {x['invoice']}", f"Booking {x['booking']}"])
    box(L, 130, M, 170, "Notify Party", [f["notify_party_name"], "CUSTOMS BROKER"])
    box(M, 130, R, 170, "For delivery please apply to", [f"{carrier} C/O AGENTE EN MEXICO"])
    half = (M - L) / 2
    box(L, 170, L + half, 196, "Pre-carriage by", [""])
    box(L + half, 170, M, 196, "Place of Receipt", [f"{city} CFS"])
    box(L, 196, L + half, 222, "Ocean Vessel / Voy. No.", [f"{f['vessel']} / {f['voyage']}"])
    box(L + half, 196, M, 222, "Port of Loading", [f["port_of_loading"]])
    box(L, 222, L + half, 248, "Port of Discharge", [f["port_of_discharge"]])
    box(L + half, 222, M, 248, "Place of Delivery", [f["place_of_delivery"]])
    box(M, 170, R, 248, "Final destination (for the merchant's reference only)", [f["place_of_delivery"]])
    y = 266.0
    s.text(L, y, "PARTICULARS FURNISHED BY SHIPPER", font=bold, size=size)
    y += 14
    s.text(L, y, f"SHIPPER'S LOAD, STOW AND COUNT   SAID TO CONTAIN: {f['goods_description']}", font=regular, size=size)
    y += 12
    s.text(L, y, f"HS CODE {x['fraccion'][:6]}   INVOICE NO. {x['invoice']}", font=regular, size=size)
    y += 20
    cols = [
        ("Container No.", L + 2, "l"),
        ("Seal No.", L + 110, "l"),
        ("Type", L + 200, "l"),
        ("Pkgs", L + 290, "r"),
        ("Gross Weight (KGS)", L + 400, "r"),
        ("CBM", R - 2, "r"),
    ]
    s.shade(L, y - 9, R, y + 3, 0.85)
    for label, cx, align in cols:
        (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size)
    y += 14
    for ln in lines:
        if y > s.height - 160:
            s.new_page()
            s.text(L, 40, f"SEA WAYBILL {number} - ATTACHED SHEET", font=bold, size=size)
            y = 64.0
        container = _spaced(ln["container_number"]) if spaced else ln["container_number"]
        cells = [
            container,
            ln["seal_number"],
            rng.choice(["40HC", "20GP", "40GP"]),
            f"{ln['package_count']} {kind}",
            f"{ln['gross_weight_kg']:,.2f}",
            f"{ln['gross_weight_kg'] / rng.uniform(180, 320):.3f}",
        ]
        for (_label, cx, align), cell in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        y += 12
    s.hline(L, R, y - 6, 0.5)
    y += 6
    s.text(L + 2, y, "TOTAL:", font=bold, size=size)
    s.right(L + 290, y, f"{f['package_count']} {kind}", font=bold, size=size)
    s.right(L + 400, y, f"{f['gross_weight_kg']:,.2f}", font=bold, size=size)
    y += 26
    stamp = "FREIGHT PREPAID" if f["freight_terms"] == "prepaid" else "FREIGHT COLLECT"
    s.box(L + 300, y - 12, L + 430, y + 6, 1.2)
    s.centre(L + 365, y, stamp, font=bold, size=10)
    s.text(L, y, f"LADEN ON BOARD: {_month(f['shipped_on_board_date'])}", font=bold, size=size)
    y += 26
    issued = f"{city} {_month(f['issue_date'])}"
    box(L, y, M, y + 30, "Place and Date of Issue", [issued])
    box(M, y, R, y + 30, "Number of Original B(s)/L", ["ZERO (0) - SEA WAYBILL"])
    s.text(L, y + 44, f"Signed as agent for the carrier {carrier}", font=regular, size=size - 1)
    s.save()
    return s.page


def _cartaporte(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    carrier, scac = rng.choice(MX_CARRIERS)
    number = f"{scac}{rng.randint(1000000, 9999999)}"
    f.update({"carrier_name": carrier, "carrier_scac": scac, "bl_number": number})
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = rng.choice([7.0, 7.5])
    s = Sheet(path, title="Carta Porte")
    L, R = 30.0, s.width - 30.0
    s.text(L, 36, carrier, font=bold, size=11)
    s.text(
        L,
        48,
        f"RFC: {x['consignee_rfc'][:3]}{rng.randint(100000, 999999)}{rng.choice('ABC')}{rng.randint(10, 99)}"
        f"   SCAC: {scac}",
        font=regular,
        size=size,
    )
    s.text(L, 58, "Régimen fiscal: 601   Lugar de expedición: 88000", font=regular, size=size)
    s.right(R, 36, rng.choice(["CARTA PORTE", "CFDI DE TRASLADO - CARTA PORTE 3.1"]), font=bold, size=11)
    uuid = "-".join("".join(rng.choice("0123456789ABCDEF") for _ in range(n)) for n in (8, 4, 4, 4, 12))
    right = [
        ("Folio:", number),
        ("Fecha de expedición:", dmy(f["issue_date"]) + f" {rng.randint(6, 20):02d}:{rng.randint(0, 59):02d}"),
        ("Folio fiscal:", uuid),
        ("IdCCP:", "CCC" + uuid[3:]),
    ]
    for k, (label, value) in enumerate(right):
        s.text(R - 250, 50 + 10 * k, label, font=bold, size=size)
        s.text(R - 160, 50 + 10 * k, value, font=regular, size=size)
    y = 100.0
    for k, (title, name, place) in enumerate(
        (
            ("Remitente / Origen", f["shipper_name"], rng.choice(["NUEVO LAREDO, TAMPS.", "LAREDO, TX (CRUCE)"])),
            ("Destinatario / Destino", f["consignee_name"], x["consignee_address"]),
        )
    ):
        x0 = L + k * (R - L) / 2
        s.shade(x0, y - 8, x0 + (R - L) / 2 - 6, y + 3, 0.85)
        s.text(x0 + 3, y, title, font=bold, size=size)
        s.text(x0 + 3, y + 12, name, font=regular, size=size)
        for j, part in enumerate(wrap(place, (R - L) / 2 - 20, size=size)[:2]):
            s.text(x0 + 3, y + 22 + 10 * j, part, font=regular, size=size)
        label = "Fecha y hora de salida:" if k == 0 else "Fecha y hora de llegada:"
        s.text(x0 + 3, y + 44, f"{label} {dmy(f['issue_date'])}", font=regular, size=size)
        if k == 1:
            s.text(x0 + 3, y + 54, f"RFC: {x['consignee_rfc']}", font=regular, size=size)
    y += 74
    s.text(L, y, "Autotransporte", font=bold, size=size + 0.5)
    y += 11
    plates = f"{rng.randint(10, 99)}-AK-{rng.randint(100, 999)}"
    s.text(L, y, f"Permiso SCT: TPAF01   Placas: {plates}   Remolque: {x['trailer']}", font=regular, size=size)
    y += 10
    s.text(L, y, f"Sellos: {', '.join(x['seals'])}", font=regular, size=size)
    s.text(
        L + 280,
        y,
        f"Operador: {rng.choice(['JUAN PEREZ LUNA', 'RAUL ORTIZ GARZA', 'MARIO SALAS VEGA'])}",
        font=regular,
        size=size,
    )
    y += 10
    refs = f"Factura: {x['invoice']}   Orden de compra: {', '.join(x['pos'])}"
    s.text(L, y, refs, font=regular, size=size)
    y += 10
    flete = "Pagado" if f["freight_terms"] == "prepaid" else "Por cobrar"
    s.text(L, y, f"Flete: {flete}", font=bold, size=size)
    y += 20
    s.text(L, y, "Mercancías", font=bold, size=size + 0.5)
    y += 12
    cols = [
        ("Bienes transp.", L + 2, "l"),
        ("Descripción", L + 58, "l"),
        ("Cantidad", L + 262, "r"),
        ("Clave unidad", L + 270, "l"),
        ("Embalaje", L + 326, "l"),
        ("Peso en kg", L + 448, "r"),
        ("Fracción", L + 456, "l"),
    ]
    s.shade(L, y - 9, R, y + 3, 0.85)
    for label, cx, align in cols:
        (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
    y += 14
    _kind, packing = rng.choice(PACKAGES)
    for ln in lines:
        desc = wrap(ln["description"], 190, font=regular, size=size)
        cells = [
            rng.choice(["31161800", "26121600", "39269099"]),
            "",
            str(ln["package_count"]),
            packing.split(" ")[0],
            packing,
            f"{ln['gross_weight_kg']:.3f}",
            x["fraccion"],
        ]
        for (_label, cx, align), cell in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        for j, part in enumerate(desc):
            s.text(L + 58, y + 10 * j, part, font=regular, size=size)
        y += 10 * len(desc) + 4
    s.hline(L, R, y - 4, 0.5)
    y += 8
    s.text(L, y, f"Núm. total de mercancías: {len(lines)}", font=regular, size=size)
    s.text(L + 170, y, f"Total bultos: {f['package_count']}", font=bold, size=size)
    s.text(L + 300, y, f"Peso bruto total: {f['gross_weight_kg']:.3f} KGM", font=bold, size=size)
    y += 30
    seal = "".join(rng.choice(string.ascii_letters + string.digits + "+/") for _ in range(300))
    for label in ("Sello digital del CFDI:", "Sello del SAT:"):
        s.text(L, y, label, font=bold, size=6)
        for part in (seal[:150], seal[150:]):
            y += 7
            s.text(L, y, part, font=regular, size=5)
        y += 10
    s.text(L, y, "Este documento es una representación impresa de un CFDI", font=regular, size=6)
    s.save()
    return s.page

"""Round 14 of the held-out bill-of-lading arrangements (see ``bills``), modelled on two transport documents the
earlier arrangements do not draw:

* ``desglose``: an ocean carrier's bill of lading for a buyer's consolidated order, whose particulars break each
  container down by the buyer's purchase orders, as importers' routing guides ask carriers and forwarders to
  declare (``PO NO. | CTNS | KGS | CBM`` under each container): the boxes ``Shipper``, ``Consignee``, ``Notify
  Party``, ``Vessel / Voyage``, ``Port of Loading``, ``Port of Discharge``, ``Place of Delivery``, ``B/L No.`` and
  ``Booking No.`` top right with the carrier's SCAC; the particulars ``Container No. / Seal No. / Marks | No. of
  Pkgs | Description of Goods | Gross Weight KGS | Measurement CBM`` where each container opens with ``MSCU1234567
  / SEAL ML-1234567 / 40'HC`` and its own packages and weight, followed by the PO lines that make it up (packages
  and kilograms of part of a container: figures that are not a container's nor the bill's), a ``CONTAINER
  TOTAL`` closing each block and a ``GRAND TOTAL`` with the packages in words; ``SHIPPER'S LOAD, STOW AND COUNT``;
  ``FREIGHT PREPAID`` / ``FREIGHT COLLECT``; ``SHIPPED ON BOARD`` and ``Place and Date of Issue`` with dates as
  ``27-AUG-2025``; a rider page when the breakdown runs over (``RIDER PAGE 2 - B/L NO. …``). Every PO printed is a
  reference of the bill (the truth lists them).
* ``paradas``: a Mexican third-party logistics carrier's printout of a CFDI de traslado with the Carta Porte 3.1
  complement for a multi-stop run (Carta Porte 3.1 lets one document carry several ``Ubicaciones``: one origin
  ``OR000001`` and numbered destinations ``DE000002``, ``DE000003`` …, each with its arrival date and time and
  the distance run to it, and each good's ``CantidadTransporta`` ties a quantity to its origin and destination
  IDs): the 3PL's name with its SCAC, ``Serie-Folio`` (the bill's number), the folio fiscal and ``IdCCP`` (two
  more identifiers that are not it), ``Fecha de emisión`` as the XML writes it (``2025-08-27T06:12:44``); the
  ``Ubicaciones`` table ``Tipo | ID | RFC | Nombre | Domicilio | Fecha/hora | Distancia km`` with the stops (the
  border transfer yard where the load is picked up after clearance as origin, the consignee's two plants as
  destinations), ``Total distancia recorrida``; the ``Mercancías`` table ``Bienes
  transp. | Descripción | Cantidad | Clave unidad | Embalaje | Peso en kg | Mat. peligroso | Cantidad transporta`` where
  the quantity counts the packages; a per-stop summary ``Descarga en DE000002: 16 bultos 563.50 kg`` (sums of part
  of the load); ``Peso bruto total`` and ``Núm. total de mercancías`` (lines, not packages); the truck
  (``Perm. SCT TPAF01``, ``Config. vehicular T3S2``, plates, the trailer), the seals, the operator with RFC and
  licence; ``Flete: PAGADO`` / ``POR COBRAR`` and the invoice and POs in ``Observaciones``; the seals of the CFDI
  at the foot.

Renderers set the truth to what they print and drop what they do not print.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("desglose", "paradas")
KIND = {"desglose": "ocean", "paradas": "truck"}
LOGISTICS = [
    ("LOGISTICA INTEGRAL DEL NORESTE SA DE CV", "LINR"),
    ("TRANSPORTES Y ALMACENES DEL BAJIO SA DE CV", "TABJ"),
    ("SERVICIOS LOGISTICOS FRONTERA NORTE SA DE CV", "SLFN"),
]
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
NUMBERS = [
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
    "SEVENTEEN",
    "EIGHTEEN",
    "NINETEEN",
]
TENS = ["", "", "TWENTY", "THIRTY", "FORTY", "FIFTY", "SIXTY", "SEVENTY", "EIGHTY", "NINETY"]


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw the bill; returns its page count."""
    return (_desglose if arrangement == "desglose" else _paradas)(truth, path, rng)


def say(n: int) -> str:
    """A count in English words (up to 9,999)."""
    if n < 20:
        return NUMBERS[n]
    if n < 100:
        return TENS[n // 10] + (f"-{NUMBERS[n % 10]}" if n % 10 else "")
    if n < 1000:
        rest = n % 100
        return f"{NUMBERS[n // 100]} HUNDRED" + (f" AND {say(rest)}" if rest else "")
    rest = n % 1000
    return f"{say(n // 1000)} THOUSAND" + (f" {say(rest)}" if rest else "")


def _dmon(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day:02d}-{MONTHS[d.month - 1]}-{d.year}"


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """``total`` split into ``parts`` positive counts (fewer parts when the total is small)."""
    parts = max(1, min(parts, total))
    cuts = sorted(rng.sample(range(1, total), parts - 1)) if parts > 1 else []
    edges = [0, *cuts, total]
    return [b - a for a, b in zip(edges, edges[1:], strict=False)]


# --------------------------------------------------------------------------------------------------------


def _desglose(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    known = [r["value"] for r in truth["references"] if r["kind"] == "po"]
    pos = [*known, *(rng.choice(["45", "PO-"]) + f"{rng.randint(10000000, 99999999)}" for _ in range(2))]
    breakdown: list[list[tuple[str, int, float, float]]] = []
    for ln in lines:
        counts = _split(int(ln["package_count"]), rng.randint(1, 3), rng)
        chosen = rng.sample(pos, len(counts))
        kgs = [round(ln["gross_weight_kg"] * c / ln["package_count"], 1) for c in counts]
        kgs[-1] = round(ln["gross_weight_kg"] - sum(kgs[:-1]), 1)
        breakdown.append(
            [(p, c, k, round(c * rng.uniform(0.05, 0.12), 3)) for p, c, k in zip(chosen, counts, kgs, strict=True)]
        )
    printed = sorted({p for block in breakdown for p, _c, _k, _m in block})
    for p in printed:
        if p not in known:
            truth["references"].append({"kind": "po", "value": p})
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size, cap = 7.0, 5.2
    s = Sheet(path, title="Bill of Lading")
    L, R = 28.0, s.width - 28.0
    M = (L + R) / 2
    kind = rng.choice(["CTNS", "PLTS", "PKGS"])
    sizes = [rng.choice(["40'HC", "40'DV", "20'DV"]) for _ in lines]

    def box(x0: float, y0: float, x1: float, y1: float, caption: str, rows: list[str]) -> None:
        s.box(x0, y0, x1, y1, 0.5)
        s.text(x0 + 2, y0 + 6.5, caption, font=regular, size=cap)
        for k, row in enumerate(rows):
            s.text(x0 + 5, y0 + 16 + 8.5 * k, row, font=regular, size=size)

    s.text(L, 26, f["carrier_name"], font=bold, size=11)
    s.text(L, 36, f"SCAC: {f['carrier_scac']}", font=regular, size=size)
    s.right(R, 28, "BILL OF LADING", font=bold, size=12)
    s.right(R, 38, "NON-NEGOTIABLE UNLESS CONSIGNED TO ORDER", font=regular, size=6)
    y = 44.0
    sw = wrap(x["shipper_address"], M - L - 12, font=regular, size=size)[:2]
    box(L, y, M, y + 46, "Shipper", [f["shipper_name"], *sw])
    box(M, y, (M + R) / 2, y + 23, "B/L No.", [f["bl_number"]])
    box((M + R) / 2, y, R, y + 23, "Booking No.", [x.get("booking", "")])
    box(M, y + 23, R, y + 46, "Export References", [f"INVOICE {x['invoice']}   PO {' / '.join(known)}"])
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
    y += 30
    c1, c2, c3, c4 = L + 140, L + 195, R - 120, R - 55

    def particulars_head(y: float) -> float:
        s.shade(L, y, R, y + 14, 0.88)
        s.box(L, y, R, y + 14, 0.5)
        for cx, label in (
            (L, "Container No. / Seal No. / Marks"),
            (c1, "No. of Pkgs"),
            (c2, "Description of Goods"),
            (c3, "Gross Weight KGS"),
            (c4, "Measurement CBM"),
        ):
            s.text(cx + 3, y + 9.5, label, font=bold, size=cap + 0.6)
        return y + 24

    y = particulars_head(y)
    s.text(c2 + 4, y, "SHIPPER'S LOAD, STOW AND COUNT", font=regular, size=size)
    s.text(c2 + 4, y + 9, "SAID TO CONTAIN:", font=regular, size=size)
    desc = wrap(f["goods_description"].upper(), c3 - c2 - 10, font=regular, size=size)
    for k, part in enumerate(desc):
        s.text(c2 + 4, y + 18 + 9 * k, part, font=regular, size=size)
    y += 18 + 9 * len(desc) + 8
    page = 1
    total_cbm = 0.0
    for ln, block, kind_size in zip(lines, breakdown, sizes, strict=True):
        need = 12 * (len(block) + 3)
        if y + need > s.height - 110:
            s.text(c2 + 4, y + 2, "CONTINUED ON RIDER PAGE", font=bold, size=size)
            s.new_page()
            page += 1
            s.text(L, 30, f"RIDER PAGE {page} - B/L NO. {f['bl_number']}", font=bold, size=9)
            s.right(R, 30, f["carrier_name"], font=regular, size=size)
            y = particulars_head(40)
        s.text(L + 3, y, f"{ln['container_number']} / SEAL {ln['seal_number']} / {kind_size}", font=bold, size=size)
        y += 11
        s.text(c2 + 4, y, "PO NO.", font=bold, size=cap + 0.8)
        s.right(c1 + 50, y, "CTNS" if kind == "CTNS" else kind, font=bold, size=cap + 0.8)
        y += 10
        cbm = 0.0
        for po, count, kg, m3 in block:
            s.text(c2 + 4, y, po, font=regular, size=size)
            s.right(c1 + 50, y, f"{count} {kind}", font=regular, size=size)
            s.right(c4 - 4, y, f"{kg:,.3f}", font=regular, size=size)
            s.right(R - 4, y, f"{m3:.3f}", font=regular, size=size)
            cbm += m3
            y += 10
        s.hline(c1, R, y - 7, 0.3)
        s.text(c2 + 4, y, f"CONTAINER TOTAL {ln['container_number']}", font=bold, size=size)
        s.right(c1 + 50, y, f"{ln['package_count']} {kind}", font=bold, size=size)
        s.right(c4 - 4, y, f"{ln['gross_weight_kg']:,.3f}", font=bold, size=size)
        s.right(R - 4, y, f"{cbm:.3f}", font=bold, size=size)
        total_cbm += cbm
        y += 16
    s.hline(L, R, y - 8, 0.6)
    s.text(c2 + 4, y, f"GRAND TOTAL: {len(lines)} CONTAINER(S)", font=bold, size=size)
    s.right(c1 + 50, y, f"{f['package_count']} {kind}", font=bold, size=size)
    s.right(c4 - 4, y, f"{f['gross_weight_kg']:,.3f}", font=bold, size=size)
    s.right(R - 4, y, f"{total_cbm:.3f}", font=bold, size=size)
    y += 11
    s.text(
        c2 + 4, y, f"SAY: {say(int(f['package_count']))} ({f['package_count']}) {kind} ONLY", font=regular, size=size
    )
    # the foot of the first page carries the clauses
    y = s.height - 100 if page > 1 else max(y + 20, s.height - 100)
    stamp = "FREIGHT PREPAID" if f["freight_terms"] == "prepaid" else "FREIGHT COLLECT"
    s.text(L, y, stamp, font=bold, size=10)
    box(M, y - 8, R, y + 16, "SHIPPED ON BOARD", [_dmon(f["shipped_on_board_date"])])
    y += 22
    city = f["port_of_loading"].split(",")[0]
    box(L, y, M, y + 24, "Place and Date of Issue", [f"{city}  {_dmon(f['issue_date'])}"])
    box(M, y, R, y + 24, "Number of Original B(s)/L", ["THREE (3)"])
    s.text(L, y + 36, "Signed for the Carrier " + f["carrier_name"] + " as Carrier", font=regular, size=6)
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _paradas(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    carrier, scac = rng.choice(LOGISTICS)
    folio = rng.randint(10000, 99999)
    number = f"CP-{folio}"
    f.update({"carrier_name": carrier, "carrier_scac": scac, "bl_number": number})
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = 6.8
    s = Sheet(path, wide=True, title="Carta Porte")
    L, R = 26.0, s.width - 26.0
    issued = date.fromisoformat(f["issue_date"])
    hour = rng.randint(5, 9)
    stamp = f"{f['issue_date']}T{hour:02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
    fiscal = str(uuid.UUID(int=rng.getrandbits(128))).upper()
    idccp = "CCC" + str(uuid.UUID(int=rng.getrandbits(128))).upper()[3:]
    city = x["consignee_address"].split(",")[-2].strip() if x["consignee_address"].count(",") >= 2 else ""
    plants = [("PLANTA 1", x["consignee_address"]), ("PLANTA 2", f"Parque Industrial {city or 'Norte'}, Nave 4")]
    stops = 2 if len(lines) > 1 else rng.choice([1, 2])
    dest = [f"DE{k + 2:06d}" for k in range(stops)]
    assign = [dest[k % stops] for k in range(len(lines))]
    dists = [rng.randint(12, 60) for _ in range(stops)]
    plates = f"{rng.randint(10, 99)}-AK-{rng.randint(1, 9)}{rng.randint(0, 9)}"
    trailer = x.get("trailer", f"TR{rng.randint(10000, 99999)}")
    initials = rng.choice(["GAMR", "LOPJ", "HERN", "SAVM"])
    born = f"{rng.randint(70, 99)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    op_rfc = f"{initials}{born}{rng.choice('ABCH')}{rng.choice('0123456789ABC')}{rng.randint(0, 9)}"
    licence = f"{rng.choice(['E', 'B'])}{rng.randint(10**8, 10**9 - 1)}"
    pkg = rng.choice([("XPX - Pallet", "PLTS"), ("XBX - Caja", "CAJAS"), ("XPK - Paquete", "BULTOS")])

    def lv(x0: float, y: float, label: str, value: str) -> None:
        end = s.text(x0, y, label, font=bold, size=size)
        s.text(end + 4, y, value, font=regular, size=size)

    def foot() -> None:
        s.text(
            L,
            s.height - 14,
            "Este documento es una representación impresa de un CFDI de Traslado con Carta Porte 3.1",
            size=6,
        )
        s.right(R, s.height - 14, f"Hoja {s.page}", size=6)

    s.text(L, 28, carrier, font=bold, size=12)
    s.text(L, 39, f"SCAC: {scac}    Régimen fiscal: 601 - General de Ley Personas Morales", font=regular, size=size)
    s.right(R, 28, "CFDI DE TRASLADO - COMPLEMENTO CARTA PORTE 3.1", font=bold, size=10)
    s.right(R, 39, f"Serie-Folio: {number}", font=bold, size=9)
    s.hline(L, R, 44, 0.8)
    y = 56.0
    left = [
        ("Folio fiscal:", fiscal),
        ("IdCCP:", idccp),
        ("Fecha de emisión:", stamp),
        ("Tipo de comprobante:", "T - Traslado"),
    ]
    right = [
        ("Transporte internacional:", "No"),
        ("Vía de entrada/salida:", "01 - Autotransporte"),
        ("Total distancia recorrida:", f"{sum(dists)} km"),
        ("Uso CFDI:", "S01 - Sin efectos fiscales"),
    ]
    for k, (label, value) in enumerate(left):
        lv(L, y + 10 * k, label, value)
    for k, (label, value) in enumerate(right):
        lv(L + 420, y + 10 * k, label, value)
    y += 48
    s.text(L, y, "UBICACIONES", font=bold, size=8)
    y += 10
    ucols = [
        ("Tipo", 0),
        ("ID", 50),
        ("RFC", 110),
        ("Nombre", 180),
        ("Domicilio", 420),
        ("Fecha/hora", 600),
        ("Dist. km", 690),
    ]
    s.shade(L, y - 8, R, y + 3, 0.87)
    for label, dx in ucols:
        s.text(L + dx + 2, y, label, font=bold, size=size - 0.4)
    y += 11
    depart = f"{f['issue_date']}T{hour + 1:02d}:00:00"
    yards = {
        "Juárez": "Patio de transferencia, Av. Tecnológico 5600, Cd. Juárez, Chih.",
        "Reynosa": "Patio de transferencia, Blvd. Aeropuerto 1200, Reynosa, Tamps.",
        "Tijuana": "Patio de transferencia, Blvd. Garita de Otay 800, Tijuana, B.C.",
        "Mexicali": "Patio de transferencia, Calz. Aviación 300, Mexicali, B.C.",
    }
    near = [v for k, v in yards.items() if k in x["consignee_address"]]
    yard = near[0] if near else "Patio de transferencia, Carr. Nuevo Laredo-Monterrey km 14, Nuevo Laredo, Tamps."
    if not near:
        dists[0] = rng.randint(240, 880)  # an inland plant: the first leg runs from the border
    rows = [("Origen", "OR000001", "XEXX010101000", f["shipper_name"], yard, depart, "")]
    clock = datetime(issued.year, issued.month, issued.day, hour + 1)
    for k, d in enumerate(dest):
        clock += timedelta(minutes=dists[k] * 60 // 65 + rng.randint(25, 90))  # the run and the unloading before it
        arrive = clock.strftime("%Y-%m-%dT%H:%M:00")
        plant, address = plants[k % 2]
        rows.append(
            ("Destino", d, x["consignee_rfc"], f"{f['consignee_name']} - {plant}", address, arrive, str(dists[k]))
        )
    for row in rows:
        addr = wrap(row[4], 170, font=regular, size=size - 0.4)[:2]
        name = wrap(row[3], 230, font=regular, size=size - 0.4)[:2]
        for (_label, dx), value in zip(ucols, row, strict=True):
            if value in (row[3], row[4]):
                continue
            s.text(L + dx + 2, y, value, font=regular, size=size - 0.4)
        for j, part in enumerate(name):
            s.text(L + 182, y + 8 * j, part, font=regular, size=size - 0.4)
        for j, part in enumerate(addr):
            s.text(L + 422, y + 8 * j, part, font=regular, size=size - 0.4)
        y += 8 * max(len(addr), len(name), 1) + 4
    y += 8
    s.text(L, y, "MERCANCÍAS", font=bold, size=8)
    y += 10
    mcols = [
        ("Bienes transp.", 0, "l"),
        ("Descripción", 60, "l"),
        ("Cantidad", 330, "r"),
        ("Clave unidad", 340, "l"),
        ("Embalaje", 400, "l"),
        ("Peso en kg", 520, "r"),
        ("Mat. peligroso", 530, "l"),
        ("Cantidad transporta", 590, "l"),
    ]

    def mhead(y: float) -> float:
        s.shade(L, y - 8, R, y + 3, 0.87)
        for label, dx, align in mcols:
            (s.right if align == "r" else s.text)(L + dx + 2, y, label, font=bold, size=size - 0.4)
        return y + 11

    y = mhead(y)
    for ln, d in zip(lines, assign, strict=True):
        desc = wrap(ln["description"], 262, font=regular, size=size - 0.4)
        h = 8 * len(desc) + 4
        if y + h > s.height - 150:
            foot()
            s.new_page()
            s.text(L, 28, f"{carrier}  -  Serie-Folio: {number}  (continúa)", font=bold, size=8)
            y = mhead(44)
        cells = [
            rng.choice(["39269099", "26121600", "31162800", "32101600"]),
            None,
            str(ln["package_count"]),
            pkg[0][:3],
            pkg[0],
            f"{ln['gross_weight_kg']:,.2f}",
            "No",
            f"{ln['package_count']}  OR000001 → {d}",
        ]
        for (_label, dx, align), text in zip(mcols, cells, strict=True):
            if text is None:
                for j, part in enumerate(desc):
                    s.text(L + dx + 2, y + 8 * j, part, font=regular, size=size - 0.4)
            else:
                (s.right if align == "r" else s.text)(L + dx + 2, y, text, font=regular, size=size - 0.4)
        y += h
    y += 4
    for d in dest:
        mine = [ln for ln, a in zip(lines, assign, strict=True) if a == d]
        pk = sum(int(ln["package_count"]) for ln in mine)
        kg = sum(float(ln["gross_weight_kg"]) for ln in mine)
        s.text(L + 60, y, f"Descarga en {d}: {pk} {pkg[1].lower()}  {kg:,.2f} kg", font=regular, size=size - 0.4)
        y += 9
    y += 4
    lv(L, y, "Peso bruto total:", f"{f['gross_weight_kg']:,.2f} KGM")
    lv(L + 200, y, "Unidad peso:", "KGM")
    lv(L + 320, y, "Núm. total de mercancías:", str(len(lines)))
    lv(L + 520, y, "Total de bultos:", f"{f['package_count']} {pkg[1]}")
    y += 18
    s.text(L, y, "AUTOTRANSPORTE", font=bold, size=8)
    y += 11
    lv(L, y, "Perm. SCT:", "TPAF01")
    lv(L + 110, y, "Núm. permiso SCT:", f"{rng.randint(1000, 9999)}CPAF{rng.randint(100000, 999999)}")
    lv(L + 300, y, "Config. vehicular:", "T3S2")
    lv(L + 420, y, "Placa:", plates)
    lv(L + 520, y, "Año modelo:", str(rng.randint(2016, 2024)))
    y += 10
    lv(L, y, "Remolque:", f"CTR007 - Caja seca   Placa {trailer}")
    lv(L + 300, y, "Sellos:", "  ".join(x.get("seals", [])))
    y += 10
    lv(L, y, "Operador:", f"RFC {op_rfc}   Licencia {licence}")
    y += 16
    flete = "PAGADO" if f["freight_terms"] == "prepaid" else "POR COBRAR"
    s.text(L, y, "OBSERVACIONES", font=bold, size=8)
    y += 10
    s.text(L, y, f"Flete: {flete}    Factura: {x['invoice']}    O.C.: {', '.join(x.get('pos', [x['po']]))}", size=size)
    y += 10
    s.text(L, y, f"Embarcador: {f['shipper_name']}   Recibe: {f['consignee_name']}", size=size)
    y += 16
    seal = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") for _ in range(340))
    s.text(L, y, "Sello digital del CFDI:", font=bold, size=6)
    for k in range(0, len(seal), 170):
        y += 7
        s.text(L, y, seal[k : k + 170], font="Courier", size=5)
    foot()
    s.save()
    return s.page

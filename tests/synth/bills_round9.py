"""Round 9 of the held-out bill-of-lading arrangements (see ``bills``), modelled on two transport documents the
earlier arrangements do not draw:

* ``fiata``: a European freight forwarder's negotiable FIATA Multimodal Transport Bill of Lading (the "FBL", the
  form the international federation of forwarders publishes for its members): the forwarder, not the shipping
  line, issues it as carrier, so no SCAC is printed (the truth drops it); the form's numbered boxes with their
  fixed English captions (``Consignor``, ``Consigned to order of``, ``Notify address``, ``Place of receipt``,
  ``Ocean vessel``, ``Port of loading``, ``Port of discharge``, ``Place of delivery``, ``Marks and numbers``,
  ``Number and kind of packages``, ``Description of goods``, ``Gross weight``, ``Measurement``, ``Declaration of
  interest of the consignor``, ``Declared value for ad valorem rate``, ``Freight amount``, ``Freight payable
  at``, ``Number of original FBL's``, ``Place and date of issue``); the containers typed into the marks column
  with their seals and size (``MSKU 123456-7`` as owner code and serial apart, ISO 6346's printed form),
  ``SAID TO CONTAIN``, the weights in the European format (``12.345,600 KGS``), dates as ``27.08.2025``, the
  ``SHIPPED ON BOARD`` clause with its date typed in the goods box, ``FREIGHT PREPAID`` / ``FREIGHT COLLECT`` in
  capitals there too; the forwarder's stamp and signature ``as carrier``.
* ``talon``: a Mexican road carrier's ``TALÓN DE EMBARQUE`` (the carrier's consignment note, the paper the
  Carta Porte CFDI replaced but carriers still hand over with it): the folio with a series letter, ``REMITENTE``
  and ``DESTINATARIO`` with RFC, ``ORIGEN`` / ``DESTINO``, ``FECHA`` as ``27/ago/2025``; the goods as ``BULTOS |
  EMBALAJE | QUE DICEN CONTENER | PESO KGS | VOLUMEN M3`` (the carrier's "said to contain"), ``VALOR DECLARADO``,
  ``CONDICIONES DE PAGO: PAGADO / POR COBRAR`` as the carrier's freight terms; ``CAAT`` (the carrier's
  harmonised alphanumeric code for Mexican customs, printed where a US form prints its SCAC), the unit and
  trailer plates, the seals; the charges box (``FLETE``, ``SEGURO``, ``MANIOBRAS``, ``AUTOPISTAS``, ``SUBTOTAL``,
  ``IVA``, ``RETENCIÓN``, ``TOTAL``); printed twice in the same file, as the ``ORIGINAL - CLIENTE`` and ``COPIA -
  OPERADOR`` pages of the carbon set (the copies are the same consignment, not a second one).

Renderers set the truth to what they print and drop what they do not print.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

from tests.synth.data import rfc
from tests.synth.draw import MONTHS_ES, Sheet, wrap

ARRANGEMENTS = ("fiata", "talon")
KIND = {"fiata": "ocean", "talon": "truck"}
FORWARDERS = [
    ("HANSEATIC CARGO LOGISTICS GMBH", "Am Sandtorkai 41, 20457 Hamburg, Germany", "HAMBURG"),
    ("ROTTERDAM FORWARDING B.V.", "Waalhaven O.z. 85, 3087 BM Rotterdam, Netherlands", "ROTTERDAM"),
    ("LIGURIA SPEDIZIONI S.R.L.", "Via di Francia 28, 16149 Genova, Italy", "GENOA"),
]
MX_CARRIERS = [
    "AUTOTRANSPORTES DEL BAJIO SA DE CV",
    "TRANSPORTES FRONTERIZOS DEL NORTE SA DE CV",
    "FLETES Y CARGA DEL CENTRO SA DE CV",
]


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw the bill; returns its page count."""
    return (_fiata if arrangement == "fiata" else _talon)(truth, path, rng)


def _eu(value: float, decimals: int) -> str:
    """``12.345,600``: dots between thousands, a comma before the decimals."""
    return f"{value:,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def _dotted(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


# --------------------------------------------------------------------------------------------------------


def _fiata(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    name, address, _home = rng.choice(FORWARDERS)
    city = f["port_of_loading"].split(",")[0]  # issued where the goods were taken in charge
    f["carrier_name"] = name
    f.pop("carrier_scac", None)
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Courier", "Courier-Bold")])
    size = 7.0 if regular == "Courier" else 7.5
    cap = 5.5
    s = Sheet(path, title="FIATA FBL")
    L, R = 30.0, s.width - 30.0
    M = (L + R) / 2

    def box(x0: float, y0: float, x1: float, y1: float, caption: str, rows: list[str]) -> None:
        s.box(x0, y0, x1, y1, 0.5)
        s.text(x0 + 2, y0 + 6, caption, size=cap)
        for k, row in enumerate(rows):
            s.text(x0 + 5, y0 + 16 + 9 * k, row, font=regular, size=size)

    def frame() -> None:
        s.text(M + 4, 40, "NEGOTIABLE FIATA", font=bold, size=9)
        s.text(M + 4, 51, "MULTIMODAL TRANSPORT BILL OF LADING", font=bold, size=9)
        s.text(M + 4, 62, "issued subject to UNCTAD/ICC Rules for Multimodal Transport Documents", size=cap)
        s.right(R, 40, "FBL", font=bold, size=16)
        s.text(M + 4, 76, name, font=bold, size=size + 1)
        s.text(M + 4, 86, address, font=regular, size=size - 1)

    frame()
    sw = wrap(x["shipper_address"], M - L - 14, font=regular, size=size)[:2]
    box(L, 30, M, 92, "Consignor", [f["shipper_name"], *sw])
    s.box(M, 92, R, 122, 0.5)
    s.text(M + 2, 98, "FBL No.", size=cap)
    s.text(M + 8, 112, f["bl_number"], font=bold, size=size + 2)
    s.text(M + 140, 98, "Shipment ref.", size=cap)
    s.text(M + 146, 112, x["booking"], font=regular, size=size)
    cw = wrap(x["consignee_address"], M - L - 14, font=regular, size=size)[:2]
    box(L, 92, M, 152, "Consigned to order of", [f["consignee_name"], *cw, f"RFC {x['consignee_rfc']}"])
    box(L, 152, M, 196, "Notify address", [f["notify_party_name"]])
    box(M, 122, R, 196, "", [])
    s.text(M + 6, 140, "Delivery agent at destination:", size=cap + 0.5)
    s.text(M + 6, 150, f["notify_party_name"], font=regular, size=size)
    q = (M - L) / 2
    cells: list[tuple[float, float, float, float, str, str]] = [
        (L, 196, L + q, 222, "Place of receipt", f["port_of_loading"]),
        (L + q, 196, M, 222, "Ocean vessel", f"{f['vessel']} / {f['voyage']}"),
        (M, 196, R, 222, "Port of loading", f["port_of_loading"]),
        (L, 222, M, 248, "Port of discharge", f["port_of_discharge"]),
        (M, 222, R, 248, "Place of delivery", f["place_of_delivery"]),
    ]
    for x0, y0, x1, y1, caption, value in cells:
        box(x0, y0, x1, y1, caption, [value])
    top, bottom = 248.0, 560.0
    c1, c2, c3, c4 = L + 130, L + 215, R - 120, R - 55
    s.box(L, top, R, bottom, 0.5)
    for cx in (c1, c2, c3, c4):
        s.vline(cx, top, bottom, 0.4)
    s.hline(L, R, top + 12, 0.4)
    heads = [(L, "Marks and numbers"), (c1, "Number and kind of packages"), (c2, "Description of goods")]
    heads += [(c3, "Gross weight"), (c4, "Measurement")]
    for cx, caption in heads:
        s.text(cx + 2, top + 8, caption, size=cap)
    y = top + 24
    kind = rng.choice(["PALLETS", "CARTONS", "PACKAGES", "CRATES"])
    cbm = rng.uniform(1 / 300, 1 / 150)
    s.text(c2 + 4, y, "SAID TO CONTAIN:", font=regular, size=size)
    goods = wrap(f["goods_description"].upper(), c3 - c2 - 10, font=regular, size=size)
    for k, part in enumerate(goods):
        s.text(c2 + 4, y + 9 * (k + 1), part, font=regular, size=size)
    gy = y + 9 * (len(goods) + 2)
    for part in (f"HS CODE {x['fraccion'][:6]}", f"INVOICE NO. {x['invoice']}", f"P.O. {x['po']}"):
        s.text(c2 + 4, gy, part, font=regular, size=size)
        gy += 9
    for ln in lines:
        code = ln["container_number"]
        size_type = rng.choice(["40'HC", "20'DV", "40'DV"])
        marks = [f"{code[:4]} {code[4:10]}-{code[10:]}", f"SEAL {ln['seal_number']}", size_type]
        for k, part in enumerate(marks):
            s.text(L + 4, y + 9 * k, part, font=regular, size=size)
        s.text(c1 + 4, y, f"{ln['package_count']} {kind}", font=regular, size=size)
        s.right(c4 - 4, y, f"{_eu(ln['gross_weight_kg'], 3)} KGS", font=regular, size=size)
        s.right(R - 4, y, f"{_eu(ln['gross_weight_kg'] * cbm, 3)} CBM", font=regular, size=size)
        y += 9 * len(marks) + 6
    y = max(y, gy) + 10
    s.hline(c1, R, y - 8, 0.4)
    s.text(c1 + 4, y, f"{f['package_count']} {kind}", font=bold, size=size)
    s.text(c2 + 4, y, "TOTAL", font=bold, size=size)
    s.right(c4 - 4, y, f"{_eu(f['gross_weight_kg'], 3)} KGS", font=bold, size=size)
    y += 20
    terms = "FREIGHT PREPAID" if f["freight_terms"] == "prepaid" else "FREIGHT COLLECT"
    s.text(c2 + 4, y, terms, font=bold, size=size + 1)
    s.text(c2 + 4, y + 14, f"SHIPPED ON BOARD {_dotted(f['shipped_on_board_date'])}", font=bold, size=size)
    s.text(c2 + 4, y + 24, f"{f['vessel']} AT {f['port_of_loading']}", font=regular, size=size)
    s.text(L + 4, bottom - 8, "according to the declaration of the consignor", size=cap)
    rows = [
        ("Declaration of interest of the consignor in timely delivery (Clause 6.2.)", ""),
        ("Declared value for ad valorem rate according to the declaration of the consignor (Clauses 7 and 8)", ""),
    ]
    y = bottom
    for caption, value in rows:
        box(L, y, R, y + 22, caption, [value])
        y += 22
    paid_at = city if f["freight_terms"] == "prepaid" else f["port_of_discharge"]
    foot_cells = [
        (L, y, L + 2 * q, y + 26, "Freight amount", "AS ARRANGED"),
        (L + 2 * q, y, L + 3 * q, y + 26, "Freight payable at", paid_at),
        (L + 3 * q, y, R, y + 26, "Place and date of issue", f"{city}, {_dotted(f['issue_date'])}"),
    ]
    for fx0, fy0, fx1, fy1, caption, value in foot_cells:
        box(fx0, fy0, fx1, fy1, caption, [value])
    y += 26
    box(L, y, L + 2 * q, y + 26, "Number of original FBL's", [rng.choice(["3/THREE", "1/ONE"])])
    box(L + 2 * q, y, R, y + 70, "Stamp and signature", [])
    s.text(L + 2 * q + 10, y + 36, name, font=bold, size=size)
    s.text(L + 2 * q + 10, y + 58, "as carrier", font=regular, size=size)
    notice = (
        "Taken in charge in apparent good order and condition, unless otherwise noted herein, at the place of "
        "receipt for transport and delivery as mentioned above. One of these Multimodal Transport Bills of Lading "
        "must be surrendered duly endorsed in exchange for the goods."
    )
    for k, part in enumerate(wrap(notice, 2 * q - 8, font="Helvetica", size=cap)):
        s.text(L + 2, y + 34 + 7 * k, part, size=cap)
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _talon(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    if not f["carrier_name"].endswith("SA DE CV"):
        f["carrier_name"] = rng.choice(MX_CARRIERS)
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = rng.choice([7.0, 7.5])
    s = Sheet(path, title="Talon de embarque")
    L, R = 30.0, s.width - 30.0
    d = date.fromisoformat(f["issue_date"])
    when = f"{d.day:02d}/{MONTHS_ES[d.month - 1].lower()}/{d.year}"
    series = rng.choice("ABCT")
    plates = f"{rng.randint(10, 99)}-AK-{rng.randint(1, 9)}"
    value = rng.randint(200, 4000) * 100
    flete = round(rng.uniform(8000, 42000), 2)
    charges = [("FLETE", flete), ("SEGURO", round(value * 0.002, 2)), ("MANIOBRAS", 850.0), ("AUTOPISTAS", 1240.0)]
    subtotal = sum(v for _k, v in charges)
    charges += [("SUBTOTAL", subtotal), ("IVA 16%", subtotal * 0.16), ("RETENCIÓN 4%", -subtotal * 0.04)]
    charges.append(("TOTAL", subtotal * 1.12))
    origin = rng.choice(["NUEVO LAREDO, TAMPS.", "MANZANILLO, COL.", "CD. JUAREZ, CHIH."])
    dest = rng.choice(["QUERETARO, QRO.", "CELAYA, GTO.", "APODACA, N.L.", "SALTILLO, COAH."])
    pagado = f["freight_terms"] == "prepaid"
    carrier_rfc = rfc(rng)

    def copy(label: str) -> None:
        s.text(L, 40, f["carrier_name"], font=bold, size=12)
        s.text(L, 51, f"RFC {carrier_rfc}   CAAT {f['carrier_scac']}", size=size)
        s.text(L, 61, "Permiso SICT TPAF01 - Autotransporte federal de carga general", size=size - 0.5)
        s.box(R - 150, 28, R, 70, 0.8)
        s.centre(R - 75, 39, "TALÓN DE EMBARQUE", font=bold, size=size + 1)
        s.centre(R - 75, 53, f"{series} {f['bl_number']}", font=bold, size=size + 3)
        s.centre(R - 75, 65, f"FECHA {when}", size=size)
        s.text(L, 80, label, font=bold, size=size + 1)
        y = 94.0
        half = (R - L) / 2
        parties = [
            ("REMITENTE", [f["shipper_name"], *wrap(x["shipper_address"], half - 16, font=regular, size=size)[:2]]),
            (
                "DESTINATARIO",
                [
                    f["consignee_name"],
                    *wrap(x["consignee_address"], half - 16, font=regular, size=size)[:2],
                    f"RFC {x['consignee_rfc']}",
                ],
            ),
        ]
        for k, (title, rows) in enumerate(parties):
            x0 = L + k * half
            s.box(x0, y - 9, x0 + half, y + 44, 0.5)
            s.text(x0 + 3, y, title, font=bold, size=size)
            for j, row in enumerate(rows):
                s.text(x0 + 6, y + 10 + 9 * j, row, font=regular, size=size)
        y += 58
        cells = [
            ("ORIGEN", origin),
            ("DESTINO", dest),
            ("UNIDAD / PLACAS", plates),
            ("REMOLQUE", x["trailer"]),
            ("SELLOS", " ".join(x["seals"])),
        ]
        width = (R - L) / len(cells)
        for k, (title, text) in enumerate(cells):
            x0 = L + k * width
            s.box(x0, y - 9, x0 + width, y + 13, 0.5)
            s.text(x0 + 2, y - 1, title, font=bold, size=size - 1)
            s.text(x0 + 4, y + 9, text, font=regular, size=size - 0.5)
        y += 26
        cols = [("BULTOS", L + 36, "r"), ("EMBALAJE", L + 44, "l"), ("QUE DICEN CONTENER", L + 110, "l")]
        cols += [("PESO KGS", R - 70, "r"), ("VOLUMEN M3", R - 4, "r")]
        s.shade(L, y - 9, R, y + 3, 0.8)
        for title, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, title, font=bold, size=size)
        y += 14
        for ln in lines:
            desc = wrap(ln["description"].upper(), R - 190 - (L + 110), font=regular, size=size)
            pack = "TARIMAS" if ln["package_count"] < 12 else "CAJAS"
            cells2 = [str(ln["package_count"]), pack, desc[0], f"{ln['gross_weight_kg']:,.1f}"]
            cells2.append(f"{ln['gross_weight_kg'] / 220:.2f}")
            for (_t, cx, align), cell in zip(cols, cells2, strict=True):
                (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
            for j, part in enumerate(desc[1:], start=1):
                s.text(L + 110, y + 9 * j, part, font=regular, size=size)
            y += 9 * len(desc) + 4
        s.hline(L, R, y - 6, 0.6)
        s.text(L + 44, y + 2, "TOTAL", font=bold, size=size)
        s.right(L + 36, y + 2, str(f["package_count"]), font=bold, size=size)
        s.right(R - 70, y + 2, f"{f['gross_weight_kg']:,.1f}", font=bold, size=size)
        y += 18
        s.text(L, y, f"FACTURA(S): {x['invoice']}   PEDIDO(S): {', '.join(x['pos'])}", font=regular, size=size)
        y += 12
        s.text(L, y, f"VALOR DECLARADO: $ {value:,.2f} M.N.", font=regular, size=size)
        y += 16
        s.text(L, y, "CONDICIONES DE PAGO:", font=bold, size=size)
        s.text(L + 100, y, f"[{'X' if pagado else ' '}] PAGADO     [{' ' if pagado else 'X'}] POR COBRAR", size=size)
        top = y - 10
        for k, (label, amount) in enumerate(charges):
            s.text(R - 170, top + 10 * k, label, font=bold if label == "TOTAL" else regular, size=size)
            s.right(R - 4, top + 10 * k, f"{amount:,.2f}", font=bold if label == "TOTAL" else regular, size=size)
        s.box(R - 174, top - 9, R, top + 10 * len(charges), 0.5)
        y = top + 10 * len(charges) + 20
        for k, title in enumerate(("RECIBÍ DE CONFORMIDAD (REMITENTE)", "OPERADOR", "RECIBÍ MERCANCÍA (DESTINATARIO)")):
            x0 = L + k * (R - L) / 3
            s.hline(x0 + 6, x0 + (R - L) / 3 - 6, y + 20, 0.5)
            s.text(x0 + 6, y + 29, title, size=size - 1)

    copy("ORIGINAL - CLIENTE")
    s.new_page()
    copy("COPIA - OPERADOR")
    s.save()
    return s.page

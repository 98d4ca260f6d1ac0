"""Round 10 of the held-out CFDI printouts (see ``cfdi_printouts``), modelled on two more printouts of an export
Ingreso CFDI with the Comercio Exterior complement:

* ``descriptivo``: a small issuer's invoicing-portal template whose concepto table has no identification column,
  so the issuer types the part number and the complement's data for that concepto into the description
  (``Descripción`` is free text in the CFDI, up to 1,000 characters): under the goods' name ``No. de parte:
  EX56848-1`` and ``Fracción arancelaria: 8504.40.99 · Cantidad aduana: 1068.000 · Unidad aduana: 06 · Valor
  dólares: 48946.44`` (the fracción dotted as customs brokers write it); columns ``Cantidad | Unidad | Clave SAT
  | Descripción | Valor unitario | Importe``; the issue date as the XML's ``Fecha`` attribute,
  ``2025-04-15T11:06:16``; amounts with no thousands separator; ``Efecto de comprobante: I - Ingreso``,
  ``Exportación: 02``; the timbre block with the QR at the foot.
* ``vanvienen``: a printed-form template with a fixed number of ruled concepto rows a page that carries the
  concepto total from page to page as Mexican paper forms do, ``VAN $ 12,345.67`` at a page's foot and ``VIENEN
  $ 12,345.67`` at the next page's head (running sums, not totals); the date spelled out (``15 de abril de
  2025``); conceptos ``# | No. Identificación | Descripción | Cant. | Clave unidad | Clave prod./serv. | P.
  Unitario | Importe``; the complement's mercancías in a table keyed by the concepto's number (``Partida 1``)
  rather than by the part number, with ``Fracción | Cant. aduana | U. aduana | Valor unitario aduana | Valor
  dólares``; the complement's header data (``Clave de pedimento A1``, ``Certificado origen 0``, ``Incoterm``,
  ``Tipo de cambio USD``, ``Total USD``).
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

from tests.synth.cfdi_printouts import Style
from tests.synth.cfdi_round4 import _qr
from tests.synth.cfdi_round7 import _seals
from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("descriptivo", "vanvienen")
MESES = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random, st: Style) -> int:
    """Draw the printout; returns its page count."""
    return (_descriptivo if arrangement == "descriptivo" else _vanvienen)(truth, path, rng, st)


def _spelled(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day} de {MESES[d.month - 1]} de {d.year}"


def _dotted(code: str) -> str:
    return f"{code[:4]}.{code[4:6]}.{code[6:]}"


# --------------------------------------------------------------------------------------------------------


def _descriptivo(truth: dict[str, Any], path: Path, rng: random.Random, st: Style) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, title="Factura electronica")
    L, R = 34.0, s.width - 34.0
    size, bold, regular = st.size - 0.5, st.bold, st.regular
    v4 = f["cfdi_version"].startswith("4")

    def lv(x0: float, y: float, label: str, value: str) -> None:
        end = s.text(x0, y, label, font=bold, size=size)
        s.text(end + 4, y, value, font=regular, size=size)

    def foot() -> None:
        s.centre(s.width / 2, s.height - 18, "Este documento es una representación impresa de un CFDI", size=6)
        s.right(R, s.height - 18, f"Página {s.page}", size=6)

    s.text(L, 38, f["issuer_name"], font=bold, size=11)
    lv(L, 50, "RFC:", f["issuer_rfc"])
    lv(L, 60, "Régimen fiscal:", "601 General de Ley Personas Morales")
    lv(L, 70, "Lugar de expedición:", x["zip"])
    bx = R - 220
    s.box(bx, 28, R, 96, 0.6)
    s.centre((bx + R) / 2, 39, f"FACTURA {f['series']} {f['folio']}", font=bold, size=size + 2)
    lv(bx + 4, 52, "Folio fiscal:", f["uuid"])
    lv(bx + 4, 62, "Fecha:", f"{f['issue_date']}T{x['time']}")
    lv(bx + 4, 72, "Efecto de comprobante:", "I - Ingreso")
    lv(bx + 4, 82, "Versión:", f["cfdi_version"])
    lv(bx + 4, 92, "Exportación:", "02" if v4 else "-")
    y = 114.0
    s.shade(L, y - 9, R, y + 3, 0.85)
    s.text(L + 3, y, "RECEPTOR", font=bold, size=size)
    y += 13
    lv(L + 4, y, "Nombre:", f["receiver_name"])
    y += 10
    lv(L + 4, y, "RFC:", f["receiver_rfc"])
    lv(L + 160, y, "NumRegIdTrib:", x["receiver_tax_id"])
    lv(L + 330, y, "Residencia fiscal:", "USA")
    y += 10
    lv(L + 4, y, "Uso CFDI:", "S01 Sin efectos fiscales" if v4 else "P01 Por definir")
    lv(L + 160, y, "Moneda:", f["currency"])
    lv(L + 260, y, "Tipo de cambio:", f"{f['exchange_rate']:.4f}")
    lv(L + 400, y, "Método de pago:", "PPD")
    y += 20
    cols = [
        ("Cantidad", L + 40, "r"),
        ("Unidad", L + 46, "l"),
        ("Clave SAT", L + 80, "l"),
        ("Descripción", L + 130, "l"),
        ("Valor unitario", R - 70, "r"),
        ("Importe", R - 2, "r"),
    ]

    def header(y: float) -> float:
        s.shade(L, y - 9, R, y + 3, 0.8)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
        return y + 13

    y = header(y)
    width = R - 150 - (L + 130)
    for ln in lines:
        named = wrap(ln["description"], width, font=regular, size=size)
        text = [*named]
        text.append(f"No. de parte: {ln['part_number']}")
        cce = (
            f"Fracción arancelaria: {_dotted(ln['tariff_code'])} · Cantidad aduana: {ln['customs_quantity']:.3f} · "
            f"Unidad aduana: {ln['customs_unit']} · Valor dólares: {ln['usd_value']:.2f}"
        )
        text += wrap(cce, width, font=regular, size=size - 1)
        if y + 9 * len(text) + 6 > s.height - 50:
            foot()
            s.new_page()
            s.text(L, 34, f"{f['issuer_name']}  ·  Factura {f['series']} {f['folio']}", font=regular, size=size)
            y = header(56.0)
        cells = [f"{ln['quantity']:.3f}", ln["unit"], ln["product_key"]]
        for (_l, cx, align), cell in zip(cols[:3], cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        s.right(R - 70, y, f"{ln['unit_price']:.2f}", font=regular, size=size)
        s.right(R - 2, y, f"{ln['amount']:.2f}", font=regular, size=size)
        for j, part in enumerate(text):
            s.text(L + 130, y + 9 * j, part, font=regular, size=size - 1 if j > len(named) else size)
        y += 9 * len(text) + 5
        s.hline(L, R, y - 8, 0.15)
    if y + 190 > s.height - 40:
        foot()
        s.new_page()
        y = 56.0
    y += 4
    for k, (label, value) in enumerate((("Subtotal", f["subtotal"]), ("IVA 0%", 0.0), ("Total", f["total"]))):
        s.text(R - 170, y + 11 * k, label, font=bold, size=size)
        s.right(R - 2, y + 11 * k, f"{value:.2f}", font=bold, size=size)
    total_usd = sum(ln["usd_value"] for ln in lines)
    summary = f"Incoterm: {x['incoterm']}   Clave de pedimento: A1   Total USD: {total_usd:.2f}"
    s.text(L, y, summary, font=regular, size=size)
    y += 44
    _qr(s, L, y, rng)
    lv(L + 96, y + 4, "No. de serie del certificado del emisor:", x["certificate"])
    lv(L + 96, y + 14, "No. de serie del certificado del SAT:", x["sat_certificate"])
    lv(L + 96, y + 24, "Fecha y hora de certificación:", f"{f['issue_date']}T{x['stamp_time']}")
    lv(L + 96, y + 34, "RFC del proveedor de certificación:", x["pac_rfc"])
    _seals(s, st, L + 96, y + 50, truth, R - L - 96)
    foot()
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _vanvienen(truth: dict[str, Any], path: Path, rng: random.Random, st: Style) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, title="CFDI")
    L, R = 30.0, s.width - 30.0
    size, bold, regular = st.size - 0.5, st.bold, st.regular
    v4 = f["cfdi_version"].startswith("4")
    bottom = s.height - 60

    def lv(x0: float, y: float, label: str, value: str) -> None:
        s.text(x0, y, label, font=bold, size=size - 0.5)
        s.text(x0, y + 9, value, font=regular, size=size)

    def letterhead() -> None:
        s.text(L, 38, f["issuer_name"], font=bold, size=10.5)
        s.text(L, 49, f"R.F.C. {f['issuer_rfc']}   Régimen 601   C.P. {x['zip']}", font=regular, size=size - 0.5)
        s.right(R, 38, f"CFDI {f['cfdi_version']}  ·  INGRESO", font=bold, size=size + 1)
        s.right(R, 49, f"Serie {f['series']}  Folio {f['folio']}", font=bold, size=size + 1)
        s.hline(L, R, 56, 0.8)

    letterhead()
    y = 72.0
    q = (R - L) / 4
    rows = [
        [
            ("Folio fiscal (UUID)", f["uuid"]),
            ("", ""),
            ("Fecha de emisión", f"{_spelled(f['issue_date'])} {x['time']}"),
            ("Lugar de expedición", x["zip"]),
        ],
        [
            ("Receptor", f["receiver_name"]),
            ("", ""),
            ("RFC receptor", f["receiver_rfc"]),
            ("Núm. reg. id. trib.", x["receiver_tax_id"]),
        ],
        [
            ("Uso del CFDI", "S01" if v4 else "P01"),
            ("Moneda", f["currency"]),
            ("Tipo de cambio", f"{f['exchange_rate']:.4f}"),
            ("Residencia fiscal", "USA"),
        ],
    ]
    for row in rows:
        for k, (label, value) in enumerate(row):
            if label:
                lv(L + k * q, y, label, value)
        y += 24
    cols = [
        ("#", L + 2, "l"),
        ("No. Identificación", L + 16, "l"),
        ("Descripción", L + 92, "l"),
        ("Cant.", L + 310, "r"),
        ("Clave unidad", L + 316, "l"),
        ("Clave prod./serv.", L + 364, "l"),
        ("P. Unitario", R - 60, "r"),
        ("Importe", R - 2, "r"),
    ]

    def header(y: float) -> float:
        s.hline(L, R, y - 9, 0.6)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
        s.hline(L, R, y + 4, 0.6)
        return y + 14

    y = header(y + 6)
    per_page = rng.choice([6, 8, 10])  # the ruled concepto rows the form has on each page
    running = 0.0
    for k, ln in enumerate(lines, start=1):
        desc = wrap(ln["description"], L + 300 - (L + 92) - 30, font=regular, size=size)
        if y + 9 * len(desc) + 4 > bottom or (k > 1 and (k - 1) % per_page == 0):
            s.text(R - 180, y + 6, "VAN", font=bold, size=size)
            s.right(R - 2, y + 6, st.money(running), font=bold, size=size)
            s.new_page()
            letterhead()
            s.text(R - 180, 70, "VIENEN", font=bold, size=size)
            s.right(R - 2, 70, st.money(running), font=bold, size=size)
            y = header(88.0)
        cells = [str(k), ln["part_number"], desc[0], st.qty(ln["quantity"]), ln["unit"], ln["product_key"]]
        cells += [st.money(ln["unit_price"]), st.money(ln["amount"])]
        for (_l, cx, align), cell in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        for j, part in enumerate(desc[1:], start=1):
            s.text(L + 92, y + 9 * j, part, font=regular, size=size)
        y += 9 * len(desc) + 4
        running += ln["amount"]
    s.hline(L, R, y - 5, 0.6)
    y += 6
    for k, (label, value) in enumerate((("Subtotal", f["subtotal"]), ("IVA 0%", 0.0), ("Total", f["total"]))):
        s.text(R - 180, y + 11 * k, label, font=bold, size=size)
        s.right(R - 2, y + 11 * k, st.money(value), font=bold, size=size)
    y += 44
    total_usd = sum(ln["usd_value"] for ln in lines)
    cce_head = [
        ("Clave de pedimento", "A1"),
        ("Certificado origen", "0"),
        ("Incoterm", x["incoterm"]),
        ("Tipo de cambio USD", f"{f['exchange_rate']:.4f}"),
        ("Total USD", f"{total_usd:,.2f}"),
    ]
    if y + 60 > bottom:
        s.new_page()
        letterhead()
        y = 74.0
    s.text(L, y, "COMPLEMENTO COMERCIO EXTERIOR", font=bold, size=size + 1)
    y += 12
    for k, (label, value) in enumerate(cce_head):
        lv(L + k * (R - L) / len(cce_head), y, label, value)
    y += 28
    cce = [
        ("Partida", L + 2, "l"),
        ("Fracción", L + 60, "l"),
        ("Cant. aduana", L + 200, "r"),
        ("U. aduana", L + 214, "l"),
        ("Valor unitario aduana", L + 380, "r"),
        ("Valor dólares", R - 2, "r"),
    ]

    def cce_header(y: float) -> float:
        s.shade(L, y - 9, R, y + 3, 0.88)
        for label, cx, align in cce:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
        return y + 13

    y = cce_header(y)
    for k, ln in enumerate(lines, start=1):
        if y + 10 > bottom:
            s.new_page()
            letterhead()
            y = cce_header(74.0)
        cells = [f"Partida {k}", ln["tariff_code"], f"{ln['customs_quantity']:,.3f}", ln["customs_unit"]]
        cells += [f"{ln['usd_value'] / ln['customs_quantity']:,.2f}", f"{ln['usd_value']:,.2f}"]
        for (_l, cx, align), cell in zip(cce, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        y += 10
    if y + 150 > s.height - 30:
        s.new_page()
        letterhead()
        y = 70.0
    y += 10
    _qr(s, L, y, rng)
    s.text(L + 96, y + 4, f"No. certificado emisor {x['certificate']}", font=regular, size=size - 0.5)
    s.text(L + 96, y + 14, f"No. certificado SAT {x['sat_certificate']}", font=regular, size=size - 0.5)
    stamped = f"Certificado el {_spelled(f['issue_date'])} {x['stamp_time']}"
    s.text(L + 96, y + 24, stamped, font=regular, size=size - 0.5)
    s.text(L + 96, y + 34, f"RFC PAC {x['pac_rfc']}", font=regular, size=size - 0.5)
    _seals(s, st, L + 96, y + 50, truth, R - L - 96)
    s.save()
    return s.page

"""Round 14 of the held-out CFDI printouts (see ``cfdi_printouts``), modelled on two more printouts of an export
Ingreso CFDI with the Comercio Exterior complement.

Facts, not copies, from public sources: SAT's Anexo 20 (CFDI 4.0) and its filling guide: the ``Parte`` node of a
concepto (``ClaveProdServ``, ``NoIdentificacion``, ``Cantidad``, ``Unidad``, ``Descripcion`` and optional
``ValorUnitario`` and ``Importe``) that lists the parts of what a concepto sells without making them conceptos of
their own; the ``CfdiRelacionados`` node with its ``TipoRelacion`` from c_TipoRelacion (``04`` sustitución de los
CFDI previos) and the related CFDI's folio fiscal, which the cancellation rules in force since 2022 ask for when a
CFDI with errors is cancelled with motive ``01`` and replaced; the Comercio Exterior 2.0 complement's ``Mercancia``
nodes keyed by ``NoIdentificacion``.

* ``partes``: a maquiladora's printout where each concepto is followed by the parts it is made of (its ``Parte``
  nodes), indented under it in smaller type as ``Parte: 26121600 | EX56848-1-01 | 2,136.000 | PZA | description``,
  some with their own unit value and amount (figures of the parts, not of the conceptos), the concepto's row
  ``# | Clave prod./serv. | No. identificación | Cantidad | Clave unidad | Descripción | Valor unitario | Importe``
  above them; the issue date as ``2025-08-27 11:06:16``; the receiver with ``NumRegIdTrib`` and ``Residencia
  fiscal``; the complement's mercancías as a table of their own after the totals (``No. identificación | Fracción
  arancelaria | Cantidad aduana | Unidad aduana | Valor unitario aduana | Valor dólares``, keyed by the concepto's
  part number: the parts have no mercancía); ``Página 1 de 2``.
* ``sustitucion``: the printout of a CFDI that replaces a cancelled one: a ``CFDI RELACIONADOS`` box under the
  header with ``Tipo de relación: 04 - Sustitución de los CFDI previos`` and the replaced CFDI's folio fiscal (a
  second UUID that is not this CFDI's), an observation naming the replaced series and folio (``Sustituye a la
  factura EXP-14852``) and its date; this CFDI's own data in a box top right (``Serie``, ``Folio``, ``Folio
  fiscal``, ``Fecha de emisión`` as ``27/08/2025 11:06:16``, ``Fecha de certificación`` a few minutes later);
  conceptos ``Cantidad | Clave unidad | Clave prod./serv. | No. identificación | Descripción | Valor unitario |
  Importe | Obj. imp.`` with, under each, its mercancía in small type (``Fracción 85444299 · Cant. aduana 120.000 ·
  U. aduana 06 · Valor USD 150.00``); the totals with the amount in letters; the stamp's data, the seals and the
  QR at the foot.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.synth.cfdi_printouts import Style
from tests.synth.cfdi_round4 import _qr
from tests.synth.cfdi_round7 import _seals
from tests.synth.cfdi_round12 import words
from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("partes", "sustitucion")
PARTS = [
    "CARCASA DE PLASTICO",
    "TARJETA DE CIRCUITO IMPRESO ENSAMBLADA",
    "ARNES DE CONEXION",
    "TORNILLO AUTORROSCANTE",
    "ETIQUETA DE IDENTIFICACION",
    "JUNTA DE HULE",
    "DISIPADOR DE ALUMINIO",
    "CONECTOR DE 4 VIAS",
]


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random, st: Style) -> int:
    """Draw the printout; returns its page count (drawn twice so that "page N of M" knows M)."""
    draw = _partes if arrangement == "partes" else _sustitucion
    state = rng.getstate()
    pages = draw(truth, path, rng, st, 0)
    rng.setstate(state)
    return draw(truth, path, rng, st, pages)


def in_letters(total: float) -> str:
    cents = round(total * 100)
    return f"SON: {words(cents // 100)} DÓLARES {cents % 100:02d}/100 USD"


# --------------------------------------------------------------------------------------------------------


def _partes(truth: dict[str, Any], path: Path, rng: random.Random, st: Style, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, title="CFDI")
    L, R = 30.0, s.width - 30.0
    M = (L + R) / 2
    size, bold, regular = st.size - 0.6, st.bold, st.regular
    v4 = f["cfdi_version"].startswith("4")

    def lv(x0: float, y: float, label: str, value: str) -> None:
        end = s.text(x0, y, label, font=bold, size=size)
        s.text(end + 4, y, value, font=regular, size=size)

    def foot() -> None:
        s.centre(M, s.height - 16, "Este documento es una representación impresa de un CFDI", font=regular, size=6)
        s.right(R, s.height - 16, f"Página {s.page} de {pages}", font=regular, size=6)

    def head() -> float:
        s.text(L, 32, f["issuer_name"], font=bold, size=10.5)
        s.text(L, 42, f"RFC: {f['issuer_rfc']}   Régimen fiscal: 601 - General de Ley Personas Morales", size=size)
        s.right(R, 32, "FACTURA", font=bold, size=13)
        s.right(R, 42, f"{f['series']} {f['folio']}", font=bold, size=size + 1)
        s.hline(L, R, 48, 0.8)
        return 60.0

    y = head()
    left = [
        ("Receptor:", f["receiver_name"]),
        ("RFC receptor:", f["receiver_rfc"]),
        ("NumRegIdTrib:", x["receiver_tax_id"]),
        ("Residencia fiscal:", "USA"),
        ("Uso CFDI:", "S01 - Sin efectos fiscales" if v4 else "P01 - Por definir"),
    ]
    right = [
        ("Serie:", f["series"]),
        ("Folio:", f["folio"]),
        ("Folio fiscal:", f["uuid"]),
        ("Fecha y hora de emisión:", f"{f['issue_date']} {x['time']}"),
        ("Lugar de expedición:", x["zip"]),
        ("Tipo de comprobante:", "I - Ingreso"),
        ("Versión:", f["cfdi_version"]),
        ("Moneda:", f"{f['currency']}   Tipo de cambio: {f['exchange_rate']:.4f}"),
    ]
    for k, (label, value) in enumerate(left):
        lv(L, y + 10 * k, label, value)
    for k, (label, value) in enumerate(right):
        lv(M + 20, y + 10 * k, label, value)
    y += 10 * len(right) + 8
    cols = [
        ("#", L + 2, "l"),
        ("Clave prod./serv.", L + 14, "l"),
        ("No. identificación", L + 78, "l"),
        ("Cantidad", L + 186, "r"),
        ("Clave unidad", L + 192, "l"),
        ("Descripción", L + 240, "l"),
        ("Valor unitario", L + 470, "r"),
        ("Importe", R - 2, "r"),
    ]

    def header(y: float) -> float:
        s.shade(L, y - 9, R, y + 4, 0.85)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
        return y + 14

    y = header(y)
    for k, ln in enumerate(lines, start=1):
        desc = wrap(ln["description"], 150, font=regular, size=size)
        nparts = rng.randint(2, 4)
        parts = rng.sample(PARTS, nparts)
        h = 9 * len(desc) + 8 * nparts + 10
        if y + h > s.height - 60:
            foot()
            s.new_page()
            y = header(head() + 4)
        cells = [
            str(k),
            ln["product_key"],
            ln["part_number"],
            st.qty(ln["quantity"]),
            ln["unit"],
            None,
            st.money(ln["unit_price"]),
            st.money(ln["amount"]),
        ]
        for (_label, cx, align), text in zip(cols, cells, strict=True):
            if text is None:
                for j, part in enumerate(desc):
                    s.text(cx, y + 9 * j, part, font=regular, size=size)
            else:
                (s.right if align == "r" else s.text)(cx, y, text, font=regular, size=size)
        y += 9 * len(desc)
        for j, name in enumerate(parts, start=1):
            per = rng.choice([1, 1, 2, 4])
            qty = ln["quantity"] * per
            text = (
                f"Parte: {rng.choice(['26121600', '39122300', '31161500', '32101600'])}  |  "
                f"{ln['part_number']}-{j:02d}  |  {qty:,.3f}  |  PZA  |  {name}"
            )
            if rng.random() < 0.4:
                unit = round(ln["unit_price"] * rng.uniform(0.03, 0.2) / per, 4)
                text += f"  |  V. unit. {unit:,.4f}  |  Importe {qty * unit:,.2f}"
            s.text(L + 30, y, text, font=regular, size=size - 1.2)
            y += 8
        y += 7
        s.hline(L, R, y - 9, 0.2)
    y += 4
    totals = [("Subtotal:", st.money(f["subtotal"])), ("IVA 0%:", st.money(0.0)), ("Total:", st.money(f["total"]))]
    for k, (label, value) in enumerate(totals):
        s.right(R - 80, y + 10 * k, label, font=bold, size=size)
        s.right(R - 2, y + 10 * k, value, font=bold if k == 2 else regular, size=size)
    s.text(L, y, in_letters(f["total"]), font=regular, size=size - 0.5)
    y += 40
    need = 14 * len(lines) + 60
    if y + need > s.height - 140:
        foot()
        s.new_page()
        y = head() + 4
    s.text(L, y, "COMPLEMENTO COMERCIO EXTERIOR 2.0", font=bold, size=size + 0.5)
    y += 10
    lv(L, y, "Clave de pedimento:", "A1")
    lv(L + 120, y, "Certificado de origen:", "0")
    lv(L + 250, y, "Incoterm:", x["incoterm"])
    lv(L + 340, y, "Tipo de cambio USD:", f"{f['exchange_rate']:.4f}")
    y += 10
    total_usd = round(sum(ln["usd_value"] for ln in lines), 2)
    lv(L, y, "Total USD:", f"{total_usd:,.2f}")
    y += 14
    mcols = [
        ("No. identificación", L + 2, "l"),
        ("Fracción arancelaria", L + 110, "l"),
        ("Cantidad aduana", L + 290, "r"),
        ("Unidad aduana", L + 310, "l"),
        ("Valor unitario aduana", L + 460, "r"),
        ("Valor dólares", R - 2, "r"),
    ]
    s.shade(L, y - 9, R, y + 4, 0.9)
    for label, cx, align in mcols:
        (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
    y += 13
    for ln in lines:
        if y > s.height - 130:
            foot()
            s.new_page()
            y = head() + 4
        cells = [
            ln["part_number"],
            ln["tariff_code"],
            f"{ln['customs_quantity']:,.3f}",
            ln["customs_unit"],
            f"{ln['usd_value'] / ln['customs_quantity']:,.2f}" if ln["customs_quantity"] else "0.00",
            f"{ln['usd_value']:,.2f}",
        ]
        for (_label, cx, align), text in zip(mcols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, text, font=regular, size=size)
        y += 10
    y += 10
    if y > s.height - 130:
        foot()
        s.new_page()
        y = head() + 4
    _qr(s, L, y, rng)
    lv(L + 96, y + 6, "No. de serie del certificado del emisor:", x["certificate"])
    lv(L + 96, y + 16, "No. de serie del certificado del SAT:", x["sat_certificate"])
    lv(L + 96, y + 26, "Fecha y hora de certificación:", f"{f['issue_date']} {x['stamp_time']}")
    _seals(s, st, L + 96, y + 40, truth, R - L - 100)
    foot()
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _sustitucion(truth: dict[str, Any], path: Path, rng: random.Random, st: Style, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, title="CFDI")
    L, R = 28.0, s.width - 28.0
    M = (L + R) / 2
    size, bold, regular = st.size - 0.7, st.bold, st.regular
    v4 = f["cfdi_version"].startswith("4")
    iso = f["issue_date"]
    d = date.fromisoformat(iso)
    when = f"{d.day:02d}/{d.month:02d}/{d.year} {x['time']}"
    old_uuid = str(uuid.UUID(int=rng.getrandbits(128))).upper()
    old_folio = str(int(f["folio"]) - rng.randint(1, 40)) if str(f["folio"]).isdigit() else f"{f['folio']}A"
    old_date = d - timedelta(days=rng.randint(1, 6))
    old_when = f"{old_date.day:02d}/{old_date.month:02d}/{old_date.year}"
    hh, mm, ss = (int(p) for p in str(x["time"]).split(":"))
    stamped = (timedelta(hours=hh, minutes=mm, seconds=ss) + timedelta(seconds=rng.randint(20, 400))).seconds
    certified = f"{stamped // 3600:02d}:{stamped // 60 % 60:02d}:{stamped % 60:02d}"

    def lv(x0: float, y: float, label: str, value: str) -> None:
        end = s.text(x0, y, label, font=bold, size=size)
        s.text(end + 4, y, value, font=regular, size=size)

    def foot() -> None:
        s.centre(M, s.height - 16, "Este documento es una representación impresa de un CFDI", font=regular, size=6)
        s.right(R, s.height - 16, f"Hoja {s.page} de {pages}", font=regular, size=6)

    def head() -> float:
        s.text(L, 30, f["issuer_name"], font=bold, size=10.5)
        s.text(L, 40, f"R.F.C. {f['issuer_rfc']}", font=regular, size=size)
        s.text(L, 49, f"Régimen fiscal: 601 - General de Ley Personas Morales   C.P. {x['zip']}", size=size)
        s.box(M + 40, 20, R, 78, 0.6)
        s.shade(M + 40, 20, R, 30, 0.85)
        s.centre((M + 40 + R) / 2, 27.5, "FACTURA - CFDI DE INGRESO", font=bold, size=size)
        rows = [
            ("Serie:", f"{f['series']}     Folio: {f['folio']}"),
            ("Folio fiscal:", f["uuid"]),
            ("Fecha de emisión:", when),
            ("Fecha de certificación:", f"{d.day:02d}/{d.month:02d}/{d.year} {certified}"),
            ("Versión:", f["cfdi_version"]),
        ]
        for k, (label, value) in enumerate(rows):
            lv(M + 44, 39 + 9 * k, label, value)
        return 90.0

    y = head()
    s.box(L, y - 9, M + 30, y + 33, 0.5)
    s.text(L + 3, y - 1, "RECEPTOR", font=bold, size=size)
    lv(L + 3, y + 9, "Nombre:", f["receiver_name"])
    lv(L + 3, y + 18, "RFC:", f["receiver_rfc"])
    lv(L + 160, y + 18, "NumRegIdTrib:", x["receiver_tax_id"])
    lv(L + 3, y + 27, "Uso CFDI:", "S01 - Sin efectos fiscales" if v4 else "P01 - Por definir")
    lv(L + 160, y + 27, "Residencia fiscal:", "USA")
    lv(M + 40, y, "Moneda:", f"{f['currency']} - Dólar americano")
    lv(M + 40, y + 9, "Tipo de cambio:", f"{f['exchange_rate']:.4f}")
    lv(M + 40, y + 18, "Forma de pago:", "99 - Por definir")
    lv(M + 40, y + 27, "Método de pago:", "PPD - Pago en parcialidades o diferido")
    y += 44
    s.box(L, y - 9, R, y + 22, 0.8)
    s.text(L + 3, y, "CFDI RELACIONADOS", font=bold, size=size)
    lv(L + 110, y, "Tipo de relación:", "04 - Sustitución de los CFDI previos")
    lv(L + 3, y + 10, "UUID relacionado:", old_uuid)
    s.text(
        L + 3,
        y + 19,
        f"Sustituye a la factura {f['series']}-{old_folio} del {old_when}, cancelada con motivo 01 "
        "(comprobante emitido con errores con relación).",
        font=regular,
        size=size - 0.8,
    )
    y += 36
    cols = [
        ("Cantidad", L + 36, "r"),
        ("Clave unidad", L + 42, "l"),
        ("Clave prod./serv.", L + 92, "l"),
        ("No. identificación", L + 158, "l"),
        ("Descripción", L + 246, "l"),
        ("Valor unitario", L + 448, "r"),
        ("Importe", L + 510, "r"),
        ("Obj. imp.", R - 2, "r"),
    ]

    def header(y: float) -> float:
        s.shade(L, y - 9, R, y + 4, 0.85)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.6)
        return y + 14

    y = header(y)
    for ln in lines:
        desc = wrap(ln["description"], 150, font=regular, size=size)
        h = 9 * len(desc) + 14
        if y + h > s.height - 60:
            foot()
            s.new_page()
            y = header(head())
        cells = [
            st.qty(ln["quantity"]),
            ln["unit"],
            ln["product_key"],
            ln["part_number"],
            None,
            st.money(ln["unit_price"]),
            st.money(ln["amount"]),
            "02" if v4 else "",
        ]
        for (_label, cx, align), text in zip(cols, cells, strict=True):
            if text is None:
                for j, part in enumerate(desc):
                    s.text(cx, y + 9 * j, part, font=regular, size=size)
            else:
                (s.right if align == "r" else s.text)(cx, y, text, font=regular, size=size)
        y += 9 * len(desc)
        s.text(
            L + 92,
            y,
            f"Fracción {ln['tariff_code']} · Cant. aduana {ln['customs_quantity']:,.3f} · U. aduana "
            f"{ln['customs_unit']} · Valor USD {ln['usd_value']:,.2f}",
            font=regular,
            size=size - 1.2,
        )
        y += 12
        s.hline(L, R, y - 7, 0.2)
    if y + 150 > s.height - 30:
        foot()
        s.new_page()
        y = head()
    total_usd = round(sum(ln["usd_value"] for ln in lines), 2)
    lv(L, y, "Comercio Exterior:", f"Clave de pedimento A1 · Certificado origen 0 · Incoterm {x['incoterm']}")
    lv(L, y + 9, "Tipo de cambio USD:", f"{f['exchange_rate']:.4f}    Total USD: {total_usd:,.2f}")
    totals = [("Subtotal", st.money(f["subtotal"])), ("IVA 0%", st.money(0.0)), ("Total", st.money(f["total"]))]
    for k, (label, value) in enumerate(totals):
        s.right(R - 80, y + 10 * k, label, font=bold, size=size)
        s.right(R - 2, y + 10 * k, value, font=bold if k == 2 else regular, size=size)
    s.text(L, y + 22, in_letters(f["total"]), font=regular, size=size - 0.5)
    y += 42
    _qr(s, L, y, rng)
    lv(L + 96, y + 6, "No. de certificado del emisor:", x["certificate"])
    lv(L + 96, y + 16, "No. de certificado del SAT:", x["sat_certificate"])
    lv(L + 96, y + 26, "RFC del proveedor de certificación:", x["pac_rfc"])
    _seals(s, st, L + 96, y + 40, truth, R - L - 100)
    foot()
    s.save()
    return s.page

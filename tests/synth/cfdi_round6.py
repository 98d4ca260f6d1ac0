"""Round 6 of the held-out CFDI printouts (see ``cfdi_printouts``), modelled on two more issuers' printouts of an
export Ingreso CFDI with the Comercio Exterior complement:

* ``dosrenglones``: a maquiladora's own ERP printout where every concepto takes two printed lines under a two-line
  column header: ``Cant. | Unidad | No. Parte | Descripción`` over ``Clave SAT | Obj. Imp. | P. Unitario |
  Importe``; the unit as its name with the key in parentheses (``PIEZA (H87)``); money as ``USD 1,234.56``;
  the header as a ruled box ``Serie y Folio: FE 1234``, ``Folio Fiscal (UUID):``, ``Fecha de Emisión:`` as
  ``12/03/2024 10:22:33``, ``Tipo de Comprobante: Ingreso``, ``Versión CFDI: 4.0``; ``EMISOR`` and ``RECEPTOR``
  one under the other with ``R.F.C.``; ``Moneda: Dólar americano (USD)``, ``T.C.: 17.1234``; the Comercio
  Exterior mercancías as a table ``No. Parte | Fracción | Cant. Aduana | U.M.A. | Valor Dólares`` (``U.M.A.``
  the two-digit customs unit code); ``Importe con letra``; the page footer ``Página 1``.
* ``ticket``: an invoicing kiosk's compact one-page printout in a narrow monospaced column, receipt-like: the
  issuer centred at the top, ``RFC`` and ``REGIMEN``, then ``FOLIO FISCAL`` and its value on the next line,
  ``SERIE-FOLIO: A-1234``, ``FECHA: 2024-03-12T10:22:33``, ``TIPO: I``, ``VER: 4.0``, ``CLIENTE`` with its name
  and RFC; each concepto as ``120 x 1.25 = 150.00`` under its ``[26121600] FG1234-5 DESCRIPTION`` line and
  ``UNIDAD: H87``; its Comercio Exterior data on a third line ``FRACC 85444999 CANT 120 UM 06 USD 150.00``; dashed
  rules between blocks; ``SUBTOTAL``, ``TOTAL`` right-aligned with ``MONEDA USD TC 17.1234``; the seal in a
  block of 5-point type. One page unless the conceptos are many.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from tests.synth.cfdi_printouts import Style
from tests.synth.cfdi_round4 import _in_words, _seals
from tests.synth.draw import Sheet, dmy, wrap

ARRANGEMENTS = ("dosrenglones", "ticket")
UNIT_NAMES = {"H87": "PIEZA", "KGM": "KILOGRAMO", "MTR": "METRO"}


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random, st: Style) -> int:
    """Draw the printout; returns its page count."""
    return (_dosrenglones if arrangement == "dosrenglones" else _ticket)(truth, path, rng, st)


def _usd(value: float, decimals: int = 2) -> str:
    return f"USD {value:,.{decimals}f}"


def _dosrenglones(truth: dict[str, Any], path: Path, rng: random.Random, st: Style) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, title="CFDI")
    L, R = 30.0, s.width - 30.0
    size, bold, regular = st.size, st.bold, st.regular

    def foot() -> None:
        s.text(L, s.height - 24, "Este documento es una representación impresa de un CFDI", font=regular, size=6)
        s.right(R, s.height - 24, f"Página {s.page}", font=regular, size=6)

    s.text(L, 40, f["issuer_name"], font=bold, size=11)
    s.box(R - 230, 28, R, 96, 0.6)
    head = [
        ("Serie y Folio:", f"{f['series']} {f['folio']}"),
        ("Folio Fiscal (UUID):", ""),
        ("", f["uuid"]),
        ("Fecha de Emisión:", f"{dmy(f['issue_date'])} {x['time']}"),
        ("Tipo de Comprobante:", "Ingreso"),
        ("Versión CFDI:", f["cfdi_version"]),
    ]
    for k, (label, value) in enumerate(head):
        end = s.text(R - 226, 38 + 10 * k, label, font=bold, size=size - 0.5) if label else R - 226
        s.text(end + 4, 38 + 10 * k, value, font=regular, size=size - 0.5)
    y = 60.0
    for title, rows in (
        ("EMISOR", [("R.F.C.:", f["issuer_rfc"]), ("Régimen Fiscal:", "601 General de Ley Personas Morales")]),
        ("RECEPTOR", [("Nombre:", f["receiver_name"]), ("R.F.C.:", f["receiver_rfc"])]),
    ):
        s.text(L, y, title, font=bold, size=size)
        y += 10
        for label, value in rows:
            end = s.text(L + 6, y, label, font=bold, size=size - 0.5)
            s.text(end + 4, y, value, font=regular, size=size - 0.5)
            y += 10
        y += 2
    s.text(L + 6, y, f"Núm. Reg. Id. Trib.: {x['receiver_tax_id']}   Uso CFDI: S01", font=regular, size=size - 0.5)
    y = max(y + 16, 120.0)
    s.text(L, y, f"Moneda: Dólar americano ({f['currency']})", font=regular, size=size)
    s.text(L + 180, y, f"T.C.: {f['exchange_rate']:.4f}", font=regular, size=size)
    s.text(L + 280, y, "Forma de pago: 99   Método de pago: PPD", font=regular, size=size)
    y += 18
    top = [("Cant.", L + 40, "r"), ("Unidad", L + 48, "l"), ("No. Parte", L + 130, "l"), ("Descripción", L + 210, "l")]
    low = [("Clave SAT", L + 48, "l"), ("Obj. Imp.", L + 130, "l"), ("P. Unitario", R - 90, "r"), ("Importe", R, "r")]

    def header(y: float) -> float:
        s.shade(L, y - 9, R, y + 13, 0.86)
        for rows, dy in ((top, 0), (low, 10)):
            for label, cx, align in rows:
                (s.right if align == "r" else s.text)(cx, y + dy, label, font=bold, size=size - 0.5)
        return y + 24

    y = header(y)
    for ln in lines:
        desc = wrap(ln["description"], R - 100 - (L + 210), font=regular, size=size)
        if y + 10 * (len(desc) + 1) > s.height - 60:
            foot()
            s.new_page()
            y = header(50.0)
        cells = [st.qty(ln["quantity"]), f"{UNIT_NAMES[ln['unit']]} ({ln['unit']})", ln["part_number"], desc[0]]
        for (_label, cx, align), cell in zip(top, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        for j, part in enumerate(desc[1:], start=1):
            s.text(L + 210, y + 10 * j, part, font=regular, size=size)
        y += 10 * len(desc)
        cells = [ln["product_key"], "02", _usd(ln["unit_price"]), _usd(ln["amount"])]
        for (_label, cx, align), cell in zip(low, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        y += 14
        s.hline(L, R, y - 9, 0.2)
    if y > s.height - 260:
        foot()
        s.new_page()
        y = 50.0
    for k, (label, value) in enumerate((("Subtotal", f["subtotal"]), ("IVA Tasa 0%", 0.0), ("Total", f["total"]))):
        s.text(R - 170, y + 11 * k, label, font=bold, size=size)
        s.right(R, y + 11 * k, _usd(value), font=regular, size=size)
    s.text(L, y, "Importe con letra:", font=bold, size=size)
    for k, part in enumerate(wrap(_in_words(f["total"]), 300, font=regular, size=size)):
        s.text(L, y + 10 * (k + 1), part, font=regular, size=size)
    y += 46
    s.text(L, y, "COMERCIO EXTERIOR", font=bold, size=size + 0.5)
    s.text(
        L + 130, y, f"Incoterm: {x['incoterm']}   Clave de pedimento: A1   Tipo operación: 2", font=regular, size=size
    )
    y += 14
    mcols = [("No. Parte", L + 2, "l"), ("Fracción", L + 110, "l"), ("Cant. Aduana", L + 260, "r")]
    mcols += [("U.M.A.", L + 290, "l"), ("Valor Dólares", R, "r")]
    for label, cx, align in mcols:
        (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
    y += 12
    for ln in lines:
        if y > s.height - 60:
            foot()
            s.new_page()
            y = 50.0
        cells = [ln["part_number"], ln["tariff_code"], st.qty(ln["customs_quantity"]), ln["customs_unit"]]
        cells.append(f"{ln['usd_value']:,.2f}")
        for (_label, cx, align), cell in zip(mcols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        y += 10
    y += 10
    if y > s.height - 140:
        foot()
        s.new_page()
        y = 50.0
    _seals(s, st, L, y, truth, R - L)
    foot()
    s.save()
    return s.page


def _ticket(truth: dict[str, Any], path: Path, rng: random.Random, st: Style) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, title="CFDI")
    font, bold = "Courier", "Courier-Bold"
    size = rng.choice([6.0, 6.5])
    width = rng.choice([230.0, 260.0])
    L = rng.choice([40.0, (s.width - width) / 2])
    R = L + width
    mid = (L + R) / 2
    step = size + 2.2
    y = 30.0

    def row(text: str, *, b: bool = False, centre: bool = False) -> None:
        nonlocal y
        if y > s.height - 30:
            # a long ticket goes on to a second page
            s.new_page()
            y = 30.0
        if centre:
            s.centre(mid, y, text, font=bold if b else font, size=size)
        else:
            s.text(L, y, text, font=bold if b else font, size=size)
        y += step

    def pair(label: str, value: str) -> None:
        nonlocal y
        s.text(L, y, label, font=bold, size=size)
        s.right(R, y, value, font=font, size=size)
        y += step

    def dashes() -> None:
        row("-" * int(width / (size * 0.6)))

    for part in wrap(f["issuer_name"], width, font=bold, size=size + 1):
        s.centre(mid, y, part, font=bold, size=size + 1)
        y += step + 1
    row(f"RFC: {f['issuer_rfc']}", centre=True)
    row("REGIMEN: 601", centre=True)
    dashes()
    row("FOLIO FISCAL", b=True)
    row(f["uuid"])
    pair("SERIE-FOLIO:", f"{f['series']}-{f['folio']}")
    pair("FECHA:", f"{f['issue_date']}T{x['time']}")
    pair("TIPO:", "I")
    pair("VER:", f["cfdi_version"])
    dashes()
    row("CLIENTE", b=True)
    for part in wrap(f["receiver_name"], width, font=font, size=size):
        row(part)
    pair("RFC:", f["receiver_rfc"])
    pair("ID TRIB:", x["receiver_tax_id"])
    dashes()
    for ln in lines:
        for k, part in enumerate(
            wrap(f"[{ln['product_key']}] {ln['part_number']} {ln['description']}", width, font=font, size=size)
        ):
            row(part)
        s.text(L, y, f"UNIDAD: {ln['unit']}", font=font, size=size)
        s.right(R, y, f"{st.qty(ln['quantity'])} x {ln['unit_price']:,.2f} = {ln['amount']:,.2f}", font=font, size=size)
        y += step
        row(
            f"FRACC {ln['tariff_code']} CANT {st.qty(ln['customs_quantity'])} UM {ln['customs_unit']} "
            f"USD {ln['usd_value']:,.2f}"
        )
        y += 2
    dashes()
    pair("SUBTOTAL", f"{f['subtotal']:,.2f}")
    pair("TOTAL", f"{f['total']:,.2f}")
    pair(f"MONEDA {f['currency']}", f"TC {f['exchange_rate']:.4f}")
    row(f"INCOTERM {x['incoterm']}  CVE PEDIMENTO A1")
    dashes()
    row("SELLO DIGITAL DEL CFDI", b=True)
    per = int(width / (5 * 0.6))
    for k in range(0, min(len(x["seal"]), per * 6), per):
        s.text(L, y, x["seal"][k : k + per], font=font, size=5)
        y += 6
    y += 4
    row(f"CERT. SAT: {x['sat_certificate']}")
    row(f"FECHA TIMBRADO: {f['issue_date']}T{x['stamp_time']}")
    row("REPRESENTACION IMPRESA DE UN CFDI", centre=True)
    s.save()
    return s.page

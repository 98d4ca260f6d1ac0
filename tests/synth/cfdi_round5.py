"""Round 5 of the held-out CFDI printouts (see ``cfdi_printouts``), modelled on two issuers' printouts the earlier
arrangements do not draw (export Ingreso CFDI with the Comercio Exterior complement):

* ``facturacion``: an invoicing web service's printout. The series and folio printed together (``Folio: A-1234``),
  ``Fecha y hora de emisión`` as ``2024-03-12 10:22:33``, ``Efecto de comprobante: I - Ingreso``, ``Exportación:
  02 - Definitiva con clave A1``; ``Emisor`` and ``Receptor`` side by side; conceptos ``No. Identificación | Clave
  Prod./Serv. | Descripción | Unidad | Cantidad | Valor unitario | Importe`` with the unit as ``H87 - Pieza`` and
  money with ``$``; the CCE mercancías ``Fracción | No. Identificación | Cantidad aduana | Unidad aduana | Valor
  unitario aduana | Valor dólares`` with the customs unit joined to its name (``06 - PIEZA``); ``Moneda: USD``,
  ``Tipo de cambio: 17.1234``; the totals and ``Total con letra``; the timbre block.
* ``addenda``: an automotive supplier's printout with the customer's addenda. Conceptos as blocks: a first line
  ``1  FG1234-5  DESCRIPTION`` and a second of labelled values (``Clave SAT: 26121600  Unidad: H87 Pieza
  Cantidad: 120.000  P. Unitario: 1.25 USD  Importe: 150.00 USD``), descriptions over several lines; the CCE
  mercancías as labelled lines (``Fracción arancelaria: 8544.42.99  Cant. aduana: 120  U. aduana: 06  Valor USD:
  150.00``); an ``ADDENDA`` block (``Orden de compra``, ``Planta``, ``No. proveedor``); the header as ``LABEL:
  value`` pairs in upper case (``SERIE:``, ``FOLIO:``, ``UUID:``, ``FECHA:`` day first); page breaks inside the
  conceptos with ``Hoja 1 de 2``.
"""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Any

from tests.synth.cfdi_printouts import UNIT_NAMES, Style, _table
from tests.synth.cfdi_round4 import _in_words, _seals
from tests.synth.draw import Sheet, dmy, wrap

ARRANGEMENTS = ("facturacion", "addenda")
CUSTOMS_UNITS = {"01": "KILO", "03": "METRO LINEAL", "06": "PIEZA"}


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random, st: Style) -> int:
    """Draw the printout; returns its page count."""
    return (_facturacion if arrangement == "facturacion" else _addenda)(truth, path, rng, st)


def _dotted(code: str) -> str:
    return f"{code[:4]}.{code[4:6]}.{code[6:]}"


def _facturacion(truth: dict[str, Any], path: Path, rng: random.Random, st: Style) -> int:
    f, x = truth["fields"], truth["extra"]
    st = copy.copy(st)
    st.dollar = True
    s = Sheet(path, title="CFDI")
    L, R = 32.0, s.width - 32.0
    s.text(L, 40, "FACTURA", font=st.bold, size=14)
    right = [
        ("Folio:", f"{f['series']}-{f['folio']}"),
        ("Folio fiscal:", f["uuid"]),
        ("Fecha y hora de emisión:", f"{f['issue_date']} {x['time']}"),
        ("Efecto de comprobante:", "I - Ingreso"),
        ("Versión:", f["cfdi_version"]),
    ]
    if f["cfdi_version"] == "4.0":
        right.append(("Exportación:", "02 - Definitiva con clave A1"))
    for k, (label, value) in enumerate(right):
        s.right(R - 170, 36 + 10 * k, label, font=st.bold, size=st.size - 0.5)
        s.text(R - 165, 36 + 10 * k, value, font=st.regular, size=st.size - 0.5)
    y = 112.0
    for k, (title, rows) in enumerate(
        (
            ("Emisor", [("Nombre:", f["issuer_name"]), ("RFC:", f["issuer_rfc"]), ("Régimen fiscal:", "601")]),
            (
                "Receptor",
                [
                    ("Nombre:", f["receiver_name"]),
                    ("RFC:", f["receiver_rfc"]),
                    ("NumRegIdTrib:", x["receiver_tax_id"]),
                    ("Residencia fiscal:", "USA"),
                    ("Uso CFDI:", "S01 - Sin efectos fiscales"),
                ],
            ),
        )
    ):
        x0 = L + k * (R - L) / 2
        s.shade(x0, y - 8, x0 + (R - L) / 2 - 8, y + 3, 0.88)
        s.text(x0 + 3, y, title, font=st.bold, size=st.size)
        for j, (label, value) in enumerate(rows):
            end = s.text(x0 + 3, y + 12 + 10 * j, label, font=st.bold, size=st.size - 0.5)
            s.text(end + 4, y + 12 + 10 * j, value, font=st.regular, size=st.size - 0.5)
    y += 72
    s.text(L, y, f"Moneda: {f['currency']}", font=st.regular, size=st.size)
    s.text(L + 110, y, f"Tipo de cambio: {f['exchange_rate']:.4f}", font=st.regular, size=st.size)
    s.text(L + 260, y, "Forma de pago: 03 - Transferencia   Método de pago: PUE", font=st.regular, size=st.size)
    y += 18
    rows = []
    for ln in truth["lines"]:
        rows.append(
            {
                "part_number": ln["part_number"],
                "product_key": ln["product_key"],
                "description": ln["description"],
                "unit": f"{ln['unit']} - {UNIT_NAMES[ln['unit']]}",
                "quantity": st.qty(ln["quantity"]),
                "unit_price": st.money(ln["unit_price"]),
                "amount": st.money(ln["amount"]),
            }
        )
    cols = [
        ("part_number", "No. Identificación", L + 2, "l"),
        ("product_key", "Clave Prod./Serv.", L + 78, "l"),
        ("description", "Descripción", L + 150, "l"),
        ("unit", "Unidad", L + 322, "l"),
        ("quantity", "Cantidad", L + 420, "r"),
        ("unit_price", "Valor unitario", R - 62, "r"),
        ("amount", "Importe", R - 2, "r"),
    ]
    y = _table(s, st, y, rows, cols, desc_width=165)
    if y > s.height - 220:
        s.new_page()
        y = 50.0
    for k, (label, value) in enumerate((("Subtotal:", f["subtotal"]), ("IVA 0%:", 0.0), ("Total:", f["total"]))):
        s.text(R - 140, y + 11 * k, label, font=st.bold, size=st.size)
        s.right(R, y + 11 * k, st.money(value), font=st.regular, size=st.size)
    s.text(L, y, "Total con letra:", font=st.bold, size=st.size)
    s.text(L, y + 10, _in_words(f["total"]), font=st.regular, size=st.size - 0.5)
    y += 44
    s.text(L, y, "Complemento Comercio Exterior", font=st.bold, size=st.size + 0.5)
    y += 11
    s.text(
        L,
        y,
        f"Clave de pedimento: A1   Certificado de origen: 0   Incoterm: {x['incoterm']}   "
        f"Tipo de cambio USD: {f['exchange_rate']:.4f}   Total USD: {f['total']:,.2f}",
        font=st.regular,
        size=st.size - 0.5,
    )
    y += 16
    mrows = []
    for ln in truth["lines"]:
        unit = ln["customs_unit"]
        mrows.append(
            {
                "tariff_code": _dotted(ln["tariff_code"]) if rng.random() < 0.5 else ln["tariff_code"],
                "part_number": ln["part_number"],
                "customs_quantity": st.qty(ln["customs_quantity"]),
                "customs_unit": f"{unit} - {CUSTOMS_UNITS[unit]}",
                "usd_unit_value": f"{ln['usd_value'] / ln['customs_quantity']:,.2f}",
                "usd_value": f"{ln['usd_value']:,.2f}",
                "description": "",
            }
        )
    mcols = [
        ("tariff_code", "Fracción", L + 2, "l"),
        ("part_number", "No. Identificación", L + 80, "l"),
        ("customs_quantity", "Cantidad aduana", L + 232, "r"),
        ("customs_unit", "Unidad aduana", L + 244, "l"),
        ("usd_unit_value", "Valor unitario aduana", R - 90, "r"),
        ("usd_value", "Valor dólares", R - 2, "r"),
    ]
    y = _table(s, st, y, mrows, mcols)
    if y > s.height - 140:
        s.new_page()
        y = 50.0
    _seals(s, st, L, y, truth, R - L)
    s.save()
    return s.page


def _addenda(truth: dict[str, Any], path: Path, rng: random.Random, st: Style) -> int:
    f, x = truth["fields"], truth["extra"]
    usd = rng.random() < 0.5

    def money(value: float, decimals: int = 2) -> str:
        return f"{value:,.{decimals}f} USD" if usd else f"${value:,.{decimals}f}"

    s = Sheet(path, title="CFDI")
    L, R = 36.0, s.width - 36.0
    size = st.size

    def foot() -> None:
        s.right(R, s.height - 24, f"Hoja {s.page}", font=st.regular, size=6)

    s.text(L, 38, f["issuer_name"], font=st.bold, size=11)
    s.text(L, 50, f"R.F.C.: {f['issuer_rfc']}", font=st.regular, size=size)
    s.text(L, 60, f"EXPEDIDO EN: C.P. {x['zip']}   REGIMEN FISCAL: 601", font=st.regular, size=size)
    s.right(R, 38, "COMPROBANTE FISCAL DIGITAL POR INTERNET", font=st.bold, size=8)
    y = 80.0
    pairs = [
        ("SERIE:", f["series"]),
        ("FOLIO:", f["folio"]),
        ("FECHA:", f"{dmy(f['issue_date'])} {x['time']}"),
        ("TIPO DE COMPROBANTE:", "INGRESO"),
        ("UUID:", f["uuid"]),
        ("VERSION CFDI:", f["cfdi_version"]),
        ("MONEDA:", f["currency"]),
        ("TIPO DE CAMBIO:", f"{f['exchange_rate']:.4f}"),
        ("CLIENTE:", f["receiver_name"]),
        ("RFC CLIENTE:", f["receiver_rfc"]),
        ("ID FISCAL:", x["receiver_tax_id"]),
        ("PAIS:", "USA"),
    ]
    for k, (label, value) in enumerate(pairs):
        col, row = divmod(k, 6)
        lx = L + col * 270
        end = s.text(lx, y + 11 * row, label, font=st.bold, size=size)
        s.text(end + 5, y + 11 * row, value, font=st.regular, size=size)
    y += 76
    s.hline(L, R, y - 9, 0.8)
    s.text(L, y, "CONCEPTOS", font=st.bold, size=size + 0.5)
    y += 14
    bottom = s.height - rng.choice([60.0, 200.0, 300.0])
    for k, ln in enumerate(truth["lines"], start=1):
        desc = wrap(ln["description"], 330, font=st.regular, size=size)
        if y + 11 * (len(desc) + 2) > bottom:
            foot()
            s.new_page()
            s.text(L, 40, f"{f['series']}-{f['folio']}   CONCEPTOS (CONTINUACION)", font=st.bold, size=size)
            y = 60.0
            bottom = s.height - 60
        s.text(L, y, str(k), font=st.bold, size=size)
        s.text(L + 16, y, ln["part_number"], font=st.bold, size=size)
        for j, part in enumerate(desc):
            s.text(L + 100, y + 11 * j, part, font=st.regular, size=size)
        y += 11 * len(desc)
        unit = f"{ln['unit']} {UNIT_NAMES[ln['unit']]}"
        cells = [
            f"Clave SAT: {ln['product_key']}",
            f"Unidad: {unit}",
            f"Cantidad: {st.qty(ln['quantity'])}",
            f"P. Unitario: {money(ln['unit_price'])}",
            f"Importe: {money(ln['amount'])}",
        ]
        at = L + 16
        for cell in cells:
            at = s.text(at, y, cell, font=st.regular, size=size - 0.5) + 12
        y += 15
    s.hline(L, R, y - 8, 0.5)
    if y > s.height - 250:
        foot()
        s.new_page()
        y = 50.0
    for label, value in (("SUBTOTAL:", f["subtotal"]), ("IVA 0%:", 0.0), ("TOTAL:", f["total"])):
        s.text(R - 160, y, label, font=st.bold, size=size)
        s.right(R, y, money(value), font=st.regular, size=size)
        y += 11
    y += 10
    s.text(L, y, "COMPLEMENTO DE COMERCIO EXTERIOR", font=st.bold, size=size + 0.5)
    y += 11
    s.text(L, y, f"INCOTERM: {x['incoterm']}   CLAVE PEDIMENTO: A1   TOTAL USD: {f['total']:,.2f}", size=size)
    y += 13
    for ln in truth["lines"]:
        if y > s.height - 70:
            foot()
            s.new_page()
            y = 50.0
        text = (
            f"No. Ident.: {ln['part_number']}   Fracción arancelaria: {_dotted(ln['tariff_code'])}   "
            f"Cant. aduana: {st.qty(ln['customs_quantity'])}   U. aduana: {ln['customs_unit']}   "
            f"Valor USD: {ln['usd_value']:,.2f}"
        )
        s.text(L + 8, y, text, font=st.regular, size=size - 0.5)
        y += 11
    y += 8
    if y > s.height - 200:
        foot()
        s.new_page()
        y = 50.0
    s.box(L, y, R, y + 42, 0.5)
    s.text(L + 4, y + 10, "ADDENDA", font=st.bold, size=size)
    s.text(L + 4, y + 22, f"Orden de compra: {rng.randint(5500000000, 5599999999)}", font=st.regular, size=size)
    s.text(L + 200, y + 22, f"Planta: {rng.choice(['SILAO', 'SALTILLO', 'HERMOSILLO'])}", font=st.regular, size=size)
    s.text(L + 4, y + 34, f"No. proveedor: {rng.randint(100000, 999999)}", font=st.regular, size=size)
    s.text(L + 200, y + 34, f"Lugar de entrega: {rng.choice(['DOCK 4', 'ANDEN 12'])}", font=st.regular, size=size)
    y += 56
    _seals(s, st, L, y, truth, R - L)
    foot()
    s.save()
    return s.page

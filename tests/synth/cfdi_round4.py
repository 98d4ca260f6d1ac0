"""Round 4 of the held-out CFDI printouts (see ``cfdi_printouts``), modelled on two sources the earlier
arrangements do not draw:

* ``pac``: the free printout template of a certification provider (PAC). The issuer's block with ``Régimen
  fiscal`` and ``Lugar de expedición``; a box ``Serie-Folio``, ``Folio fiscal``, ``No. de serie del CSD``,
  ``Fecha de emisión``; the receptor with ``Uso CFDI``, ``Residencia fiscal`` and ``NumRegIdTrib``; conceptos
  ``Clave SAT | No. Ident. | Cantidad | Clave Unidad | Unidad | Descripción | Valor Unitario | Descuento | Importe |
  Objeto Imp.``; ``Moneda: USD - Dólar americano``; totals with ``Descuento`` and ``IVA 0 %`` and the amount in
  words; the Comercio Exterior complement; at the bottom the QR code beside ``Sello digital del CFDI``, ``Sello
  digital del SAT``, the certification chain, the PAC's RFC and the SAT certificate number.
* ``erp``: an ERP's export invoice. The title ``FACTURA DE EXPORTACIÓN``, Spanish labels in another order
  (``Cliente``, ``RFC Cliente``, ``Fecha Expedición`` day first, ``Folio Fiscal (UUID)``); conceptos ``Partida |
  Código | Descripción | Cant. | Unidad SAT | Clave Prod. | Precio | Importe`` with money as ``1,234.56 USD``;
  a ``COMPLEMENTO COMERCIO EXTERIOR 2.0`` section as ``Clave: valor`` lines (``Clave de pedimento``,
  ``Certificado de origen``, ``Tipo de cambio USD``, ``Total USD``) and its mercancías ``Fracción | Valor Dólares
  | Cant. Aduana | U. Aduana | No. Identificación``; ``Cantidad con letra``; the seals in small print.
"""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Any

from tests.synth.cfdi_printouts import UNIT_NAMES, Style, _concepto_cells, _mercancia_cells, _table
from tests.synth.draw import Sheet, dmy, wrap

ARRANGEMENTS = ("pac", "erp")


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random, st: Style) -> int:
    """Draw the printout; returns its page count."""
    return (_pac if arrangement == "pac" else _erp)(truth, path, rng, st)


UNITS_ES = [
    "CERO",
    "UN",
    "DOS",
    "TRES",
    "CUATRO",
    "CINCO",
    "SEIS",
    "SIETE",
    "OCHO",
    "NUEVE",
    "DIEZ",
    "ONCE",
    "DOCE",
    "TRECE",
    "CATORCE",
    "QUINCE",
    "DIECISÉIS",
    "DIECISIETE",
    "DIECIOCHO",
    "DIECINUEVE",
    "VEINTE",
    "VEINTIÚN",
    "VEINTIDÓS",
    "VEINTITRÉS",
    "VEINTICUATRO",
    "VEINTICINCO",
    "VEINTISÉIS",
    "VEINTISIETE",
    "VEINTIOCHO",
    "VEINTINUEVE",
]
TENS_ES = ["_", "_", "_", "TREINTA", "CUARENTA", "CINCUENTA", "SESENTA", "SETENTA", "OCHENTA", "NOVENTA"]
HUNDREDS_ES = "_ CIENTO DOSCIENTOS TRESCIENTOS CUATROCIENTOS QUINIENTOS SEISCIENTOS SETECIENTOS OCHOCIENTOS NOVECIENTOS"


def palabras(n: int) -> str:
    """An amount in Spanish words, as a CFDI printout's "importe con letra" spells it."""
    if n < 30:
        return UNITS_ES[n]
    if n < 100:
        return TENS_ES[n // 10] + ("" if n % 10 == 0 else " Y " + UNITS_ES[n % 10])
    if n < 1000:
        head, rest = divmod(n, 100)
        if n == 100:
            return "CIEN"
        return HUNDREDS_ES.split(" ")[head] + ("" if rest == 0 else " " + palabras(rest))
    if n < 10**6:
        head, rest = divmod(n, 1000)
        return ("MIL" if head == 1 else f"{palabras(head)} MIL") + ("" if rest == 0 else " " + palabras(rest))
    head, rest = divmod(n, 10**6)
    big = "UN MILLÓN" if head == 1 else f"{palabras(head)} MILLONES"
    return big + ("" if rest == 0 else " " + palabras(rest))


def _in_words(total: float) -> str:
    dollars, cents = divmod(round(total * 100), 100)
    return f"({palabras(int(dollars))} DÓLARES {cents:02d}/100 USD)"


def _qr(s: Sheet, x0: float, y0: float, rng: random.Random) -> None:
    """A QR code's look: a ruled square of dark modules (an image in a real printout: no text)."""
    s.box(x0, y0, x0 + 84, y0 + 84, 0.6)
    for row in range(21):
        for col in range(21):
            if rng.random() < 0.45:
                s.shade(x0 + 2 + col * 3.8, y0 + 2 + row * 3.8, x0 + 5.8 + col * 3.8, y0 + 5.8 + row * 3.8, 0.0)


def _seals(s: Sheet, st: Style, x0: float, y: float, truth: dict[str, Any], width: float) -> float:
    f, x = truth["fields"], truth["extra"]
    blocks = [
        ("Sello digital del CFDI:", x["seal"]),
        ("Sello digital del SAT:", x["seal"][::-1]),
        (
            "Cadena original del complemento de certificación digital del SAT:",
            f"||1.1|{f['uuid']}|{f['issue_date']}T{x['stamp_time']}|{x['pac_rfc']}|{x['seal'][:80]}|{x['sat_certificate']}||",
        ),
    ]
    for label, text in blocks:
        s.text(x0, y, label, font=st.bold, size=6)
        for part in wrap(text, width, font=st.regular, size=5)[:3]:
            y += 7
            s.text(x0, y, part, font=st.regular, size=5)
        y += 10
    return y


def _pac(truth: dict[str, Any], path: Path, rng: random.Random, st: Style) -> int:
    f, x = truth["fields"], truth["extra"]
    s = Sheet(path, title="CFDI")
    L, R = 30.0, s.width - 30.0
    s.text(L, 40, f["issuer_name"], font=st.bold, size=10)
    s.text(L, 52, f"RFC: {f['issuer_rfc']}", font=st.regular, size=st.size)
    s.text(L, 62, "Régimen fiscal: 601 - General de Ley Personas Morales", font=st.regular, size=st.size)
    s.text(L, 72, f"Lugar de expedición: {x['zip']}", font=st.regular, size=st.size)
    s.box(R - 230, 28, R, 100, 0.5)
    s.shade(R - 230, 28, R, 40, 0.85)
    s.centre(R - 115, 37, "Factura", font=st.bold, size=st.size + 1)
    box = [
        ("Serie-Folio:", f"{f['series']}-{f['folio']}"),
        ("Folio fiscal:", f["uuid"]),
        ("No. de serie del CSD:", x["certificate"]),
        ("Fecha de emisión:", f"{f['issue_date']}T{x['time']}"),
        ("Tipo de comprobante:", "I - Ingreso"),
        ("Versión:", f["cfdi_version"]),
    ]
    for k, (label, value) in enumerate(box):
        s.text(R - 226, 50 + 9 * k, label, font=st.bold, size=6.5)
        s.text(R - 150, 50 + 9 * k, value, font=st.regular, size=6.5)
    y = 116.0
    s.shade(L, y - 8, R, y + 3, 0.9)
    s.text(L + 3, y, "Receptor", font=st.bold, size=st.size)
    y += 12
    rows = [
        ("Nombre:", f["receiver_name"], "RFC:", f["receiver_rfc"]),
        ("Uso CFDI:", "S01 - Sin efectos fiscales", "Residencia fiscal:", "USA"),
        ("NumRegIdTrib:", x["receiver_tax_id"], "Régimen fiscal receptor:", "616"),
    ]
    for a, av, b, bv in rows:
        end = s.text(L + 3, y, a, font=st.bold, size=st.size)
        s.text(end + 4, y, av, font=st.regular, size=st.size)
        end = s.text(L + 320, y, b, font=st.bold, size=st.size)
        s.text(end + 4, y, bv, font=st.regular, size=st.size)
        y += 10
    y += 4
    s.text(L, y, "Moneda: USD - Dólar americano", font=st.regular, size=st.size)
    s.text(L + 170, y, f"Tipo de cambio: {f['exchange_rate']:.4f}", font=st.regular, size=st.size)
    s.text(L + 300, y, "Forma de pago: 99 - Por definir   Método de pago: PPD", font=st.regular, size=st.size)
    y += 14
    small = copy.copy(st)
    small.size = min(st.size, 7.0)
    rows_c = _concepto_cells(truth, small)
    for row, ln in zip(rows_c, truth["lines"], strict=True):
        row["_unit_name"] = UNIT_NAMES[ln["unit"]]
        row["_discount"] = small.money(0.0)
        row["_object"] = "02"
    cols = [
        ("product_key", "Clave SAT", L + 2, "l"),
        ("part_number", "No. Ident.", L + 44, "l"),
        ("quantity", "Cantidad", L + 132, "r"),
        ("unit", "Clave Unidad", L + 136, "l"),
        ("_unit_name", "Unidad", L + 184, "l"),
        ("description", "Descripción", L + 226, "l"),
        ("unit_price", "Valor Unitario", R - 118, "r"),
        ("_discount", "Descuento", R - 78, "r"),
        ("amount", "Importe", R - 28, "r"),
        ("_object", "Obj. Imp.", R - 24, "l"),
    ]
    y = _table(s, small, y, rows_c, cols, desc_width=R - 118 - 56 - (L + 226))
    if y > s.height - 200:
        s.new_page()
        y = 50.0
    for k, (label, value) in enumerate(
        (("Subtotal:", f["subtotal"]), ("Descuento:", 0.0), ("IVA 0 %:", 0.0), ("Total:", f["total"]))
    ):
        s.text(R - 150, y + 11 * k, label, font=st.bold, size=st.size)
        s.right(R, y + 11 * k, st.money(value), font=st.regular, size=st.size)
    s.text(L, y, "Importe con letra:", font=st.bold, size=st.size)
    for k, part in enumerate(wrap(_in_words(f["total"]), 300, font=st.regular, size=st.size)):
        s.text(L, y + 10 * (k + 1), part, font=st.regular, size=st.size)
    y += 54
    s.text(L, y, "Complemento de Comercio Exterior 2.0", font=st.bold, size=st.size + 0.5)
    y += 11
    s.text(
        L,
        y,
        f"Clave de pedimento: A1   Certificado origen: 0   Incoterm: {x['incoterm']}",
        font=st.regular,
        size=st.size,
    )
    s.text(
        L + 300,
        y,
        f"Tipo cambio USD: {f['exchange_rate']:.4f}   Total USD: {f['total']:,.2f}",
        font=st.regular,
        size=st.size,
    )
    y += 14
    mcols = [
        ("part_number", "No. Identificación", L + 2, "l"),
        ("tariff_code", "Fracción arancelaria", L + 110, "l"),
        ("customs_quantity", "Cantidad aduana", L + 270, "r"),
        ("customs_unit", "Unidad aduana", L + 290, "l"),
        ("usd_unit_value", "Valor unitario aduana", R - 90, "r"),
        ("usd_value", "Valor dólares", R, "r"),
    ]
    y = _table(s, small, y, _mercancia_cells(truth, st, rng.random() < 0.5), mcols)
    if y > s.height - 170:
        s.new_page()
        y = 50.0
    _qr(s, L, y, rng)
    y = _seals(s, st, L + 96, y + 4, truth, R - L - 100)
    s.text(L + 96, y, f"RFC del proveedor de certificación: {x['pac_rfc']}", font=st.regular, size=6)
    s.text(L + 96, y + 8, f"No. de serie del certificado del SAT: {x['sat_certificate']}", font=st.regular, size=6)
    s.text(
        L + 96, y + 16, f"Fecha y hora de certificación: {f['issue_date']}T{x['stamp_time']}", font=st.regular, size=6
    )
    s.centre(s.width / 2, y + 30, "Este documento es una representación impresa de un CFDI", font=st.regular, size=6)
    s.save()
    return s.page


def _erp(truth: dict[str, Any], path: Path, rng: random.Random, st: Style) -> int:
    f, x = truth["fields"], truth["extra"]
    s = Sheet(path, title="Factura")
    L, R = 36.0, s.width - 36.0
    usd = rng.random() < 0.6  # money as "1,234.56 USD" (else "$1,234.56")
    money = (lambda v: f"{v:,.2f} USD") if usd else st.money
    s.text(L, 38, f["issuer_name"], font=st.bold, size=11)
    s.text(L, 50, f"R.F.C. {f['issuer_rfc']}   Régimen 601", font=st.regular, size=st.size)
    s.text(L, 60, f"C.P. {x['zip']}", font=st.regular, size=st.size)
    s.right(R, 38, "FACTURA DE EXPORTACIÓN", font=st.bold, size=12)
    s.right(R, 50, f"Serie: {f['series']}   Folio: {f['folio']}", font=st.bold, size=st.size + 0.5)
    y = 80.0
    pairs = [
        ("Cliente:", f["receiver_name"]),
        ("RFC Cliente:", f["receiver_rfc"]),
        ("Tax ID:", x["receiver_tax_id"]),
        ("Fecha Expedición:", f"{dmy(f['issue_date'])} {x['time']}"),
        ("Folio Fiscal (UUID):", f["uuid"]),
        ("Versión CFDI:", f["cfdi_version"]),
        ("Tipo:", "Ingreso"),
        ("Moneda / T.C.:", f"{f['currency']} / {f['exchange_rate']:.4f}"),
    ]
    for k, (label, value) in enumerate(pairs):
        col, row = divmod(k, 4)
        lx = L + col * 280
        s.text(lx, y + 11 * row, label, font=st.bold, size=st.size)
        s.text(lx + 88, y + 11 * row, value, font=st.regular, size=st.size)
    y += 56
    if rng.random() < 0.6:
        s.hline(L, R, y - 10, 0.4)
    rows_c = _concepto_cells(truth, st)
    for k, (row, ln) in enumerate(zip(rows_c, truth["lines"], strict=True), start=1):
        row["_line"] = str(k)
        row["unit_price"] = money(ln["unit_price"])
        row["amount"] = money(ln["amount"])
    cols = [
        ("_line", "Partida", L, "l"),
        ("part_number", "Código", L + 34, "l"),
        ("description", "Descripción", L + 104, "l"),
        ("quantity", "Cant.", L + 306, "r"),
        ("unit", "Unidad SAT", L + 312, "l"),
        ("product_key", "Clave Prod.", L + 360, "l"),
        ("unit_price", "Precio", R - 70, "r"),
        ("amount", "Importe", R, "r"),
    ]
    y = _table(s, st, y, rows_c, cols, desc_width=150)
    if y > s.height - 140:
        s.new_page()
        y = 50.0
    for label, value in (("SUBTOTAL", f["subtotal"]), ("I.V.A. 0%", 0.0), ("TOTAL", f["total"])):
        s.text(R - 170, y, label, font=st.bold, size=st.size)
        s.right(R, y, money(value), font=st.regular, size=st.size)
        y += 11
    s.text(L, y - 22, "Cantidad con letra:", font=st.bold, size=st.size)
    s.text(L, y - 11, _in_words(f["total"]), font=st.regular, size=st.size - 0.5)
    y += 12
    if y > s.height - 180:
        s.new_page()
        y = 50.0
    s.text(L, y, "COMPLEMENTO COMERCIO EXTERIOR 2.0", font=st.bold, size=st.size + 1)
    y += 12
    cce = [
        ("Clave de pedimento:", "A1"),
        ("Certificado de origen:", "No"),
        ("Incoterm:", x["incoterm"]),
        ("Tipo de cambio USD:", f"{f['exchange_rate']:.4f}"),
        ("Total USD:", f"{f['total']:,.2f}"),
    ]
    for label, value in cce:
        end = s.text(L, y, label, font=st.bold, size=st.size)
        s.text(max(end + 6, L + 110), y, value, font=st.regular, size=st.size)
        y += 10
    y += 6
    mcols = [
        ("tariff_code", "Fracción", L, "l"),
        ("usd_value", "Valor Dólares", L + 150, "r"),
        ("customs_quantity", "Cant. Aduana", L + 230, "r"),
        ("customs_unit", "U. Aduana", L + 244, "l"),
        ("part_number", "No. Identificación", L + 300, "l"),
    ]
    y = _table(s, st, y, _mercancia_cells(truth, st, rng.random() < 0.5), mcols)
    if y > s.height - 100:
        s.new_page()
        y = 50.0
    _seals(s, st, L, y, truth, R - L)
    s.save()
    return s.page

"""CFDI printouts as ERP systems and the SAT's own viewer print them (development arrangements; see
``cfdi_printouts``).

* ``erp``: an ERP's invoice form (SAP / Oracle style): letterhead with the issuer's RFC, a "Cliente" block, a
  position column (10, 20, …), ``Material | Descripción | Cantidad | UM | Precio unitario | Importe`` where the
  unit column prints the unit's name (``PIEZA``) and the SAT codes ride on a line under each concepto
  (``Clave SAT: 26121600  Clave unidad: H87``), the Comercio Exterior data on another (``Fracción: …  Cant.
  aduana: …  U. aduana: 06  Valor USD: …``), dates day first with dots, amounts with ``USD`` and the total in
  words (``SON: … 28/100 USD``).
* ``satform``: the SAT viewer's "representación impresa": ``Label: value`` pairs (``Nombre emisor:``, ``Código
  postal, fecha y hora de emisión:``), each concepto a block under a two-row header (``Clave del producto y/o
  servicio | No. identificación | Cantidad | Clave de unidad | Unidad | Valor unitario | Importe | Descuento |
  Objeto impuesto``, then ``Descripción``) followed by its tax line, mercancías listed last.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from tests.synth.cfdi_printouts import UNIT_NAMES, Style, _stamp, _table
from tests.synth.draw import Sheet, wrap

UNITS_ES = {"H87": "PIEZA", "KGM": "KILOGRAMO", "MTR": "METRO"}
ONES = ["", "UN", "DOS", "TRES", "CUATRO", "CINCO", "SEIS", "SIETE", "OCHO", "NUEVE"]


def _words(value: float) -> str:
    """A rough amount in words, as the "SON:" line prints it (the figure matters to no reader)."""
    whole = int(value)
    cents = round((value - whole) * 100)
    thousands, rest = divmod(whole, 1000)
    parts = [f"{ONES[min(thousands, 9)] or 'CERO'} MIL" if thousands else "", f"{ONES[rest % 10] or 'CERO'}"]
    return f"SON: {' '.join(p for p in parts if p)} DOLARES {cents:02d}/100 USD"


def _erp(truth: dict[str, Any], path: Path, rng: random.Random, st: Style) -> int:
    f, x = truth["fields"], truth["extra"]
    s = Sheet(path, title="Factura")
    y0, m, d = f["issue_date"].split("-")
    s.text(36, 34, f["issuer_name"], font=st.bold, size=10)
    s.text(36, 45, f"RFC: {f['issuer_rfc']}", size=st.size)
    s.text(36, 55, f"Av. Industrial {rng.randint(100, 999)}, C.P. {x['zip']}", size=st.size)
    s.right(576, 34, "FACTURA", font=st.bold, size=12)
    right = [
        ("Factura:", f"{f['series']}-{f['folio']}"),
        ("Fecha:", f"{d}.{m}.{y0}"),
        ("Folio fiscal:", f["uuid"]),
        ("Versión CFDI:", f["cfdi_version"]),
        ("Tipo:", "I - Ingreso"),
    ]
    y = 50.0
    for label, value in right:
        s.text(330, y, label, font=st.bold, size=st.size)
        s.text(400, y, value, size=st.size - 0.5)
        y += 10
    s.text(36, 80, "Cliente", font=st.bold, size=st.size + 0.5)
    s.text(36, 91, f["receiver_name"], size=st.size)
    s.text(36, 102, f"RFC: {f['receiver_rfc']}   Tax ID: {x['receiver_tax_id']}", size=st.size)
    s.text(36, 120, f"Moneda: {f['currency']}", size=st.size)
    s.text(150, 120, f"Tipo de cambio: {f['exchange_rate']:.4f}", size=st.size)
    s.text(300, 120, f"Incoterm: {x['incoterm']}   Clave de pedimento: A1", size=st.size)
    cols = [
        ("pos", "Pos.", 36, "l"),
        ("part_number", "Material", 62, "l"),
        ("description", "Descripción", 130, "l"),
        ("quantity", "Cantidad", 370, "r"),
        ("unit", "UM", 378, "l"),
        ("unit_price", "Precio unitario", 488, "r"),
        ("amount", "Importe", 576, "r"),
    ]

    def header(y: float) -> float:
        s.shade(34, y - 9, s.width - 34, y + 3)
        for _key, label, px, align in cols:
            (s.right if align == "r" else s.text)(px, y, label, font=st.bold, size=st.size)
        return y + 14

    y = header(140.0)
    for k, ln in enumerate(truth["lines"]):
        desc = wrap(ln["description"], 200, font=st.regular, size=st.size) or [""]
        if y + 11 * (len(desc) + 2) > s.height - 60:
            s.new_page()
            y = header(50.0)
        fr = ln["tariff_code"]
        row = {
            "pos": str(10 * (k + 1)),
            "part_number": ln["part_number"],
            "quantity": st.qty(ln["quantity"]),
            "unit": UNITS_ES[ln["unit"]],
            "unit_price": f"{ln['unit_price']:,.2f}",
            "amount": f"USD {ln['amount']:,.2f}",
        }
        for key, _label, px, align in cols:
            if key == "description":
                for j, part in enumerate(desc):
                    s.text(px, y + 11 * j, part, size=st.size)
                continue
            (s.right if align == "r" else s.text)(px, y, row[key], size=st.size)
        y += 11 * len(desc)
        s.text(130, y, f"Clave SAT: {ln['product_key']}   Clave unidad: {ln['unit']}", size=st.size - 1)
        y += 10
        s.text(
            130,
            y,
            f"Fracción: {fr[:4]}.{fr[4:6]}.{fr[6:]}   Cant. aduana: {st.qty(ln['customs_quantity'])}   "
            f"U. aduana: {ln['customs_unit']}   Valor USD: {ln['usd_value']:,.2f}",
            size=st.size - 1,
        )
        y += 14
    s.hline(34, s.width - 34, y - 4, 0.4)
    if y > s.height - 150:
        s.new_page()
        y = 50.0
    s.text(36, y + 6, _words(f["total"]), size=st.size)
    s.text(420, y + 6, "Subtotal", font=st.bold, size=st.size)
    s.right(576, y + 6, f"USD {f['subtotal']:,.2f}", size=st.size)
    s.text(420, y + 17, "IVA 0%", font=st.bold, size=st.size)
    s.right(576, y + 17, "USD 0.00", size=st.size)
    s.text(420, y + 28, "Total", font=st.bold, size=st.size)
    s.right(576, y + 28, f"USD {f['total']:,.2f}", size=st.size)
    _stamp(s, st, y + 50, truth, False)
    s.save()
    return s.page


def _satform(truth: dict[str, Any], path: Path, rng: random.Random, st: Style) -> int:
    f, x = truth["fields"], truth["extra"]
    s = Sheet(path, title="CFDI")
    pairs = [
        ("RFC emisor:", f["issuer_rfc"], "Folio fiscal:", f["uuid"]),
        ("Nombre emisor:", f["issuer_name"], "No. de serie del CSD:", x["certificate"]),
        ("RFC receptor:", f["receiver_rfc"], "Serie:", f["series"]),
        ("Nombre receptor:", f["receiver_name"], "Folio:", f["folio"]),
        ("Uso CFDI:", "S01 - Sin efectos fiscales.", "Código postal, fecha y hora de emisión:", ""),
        ("Residencia fiscal:", "USA", "", f"{x['zip']} {f['issue_date']} {x['time']}"),
        ("Efecto de comprobante:", "Ingreso", "Régimen fiscal:", "601 General de Ley Personas Morales"),
        ("Exportación:", "Definitiva con clave A1", "Moneda:", f["currency"]),
        ("Versión:", f["cfdi_version"], "Tipo de cambio:", f"{f['exchange_rate']:.6f}"),
    ]
    y = 40.0
    for a, av, b, bv in pairs:
        if a:
            end = s.text(36, y, a, font=st.bold, size=st.size)
            s.text(end + 4, y, av, size=st.size)
        if b:
            end = s.text(320, y, b, font=st.bold, size=st.size)
            if bv:
                s.text(end + 4, y, bv, size=st.size)
        elif bv:
            s.text(320, y, bv, size=st.size)
        y += 11
    s.text(36, y + 8, "Conceptos", font=st.bold, size=st.size + 1)
    y += 24
    cols = [
        ("product_key", "Clave del producto y/o servicio", 36, "l"),
        ("part_number", "No. identificación", 150, "l"),
        ("quantity", "Cantidad", 250, "r"),
        ("unit", "Clave de unidad", 258, "l"),
        ("unit_name", "Unidad", 322, "l"),
        ("unit_price", "Valor unitario", 410, "r"),
        ("amount", "Importe", 470, "r"),
        ("discount", "Descuento", 520, "r"),
        ("object", "Objeto impuesto", 528, "l"),
    ]
    size = st.size - 0.5

    def header(y: float) -> float:
        s.shade(34, y - 9, s.width - 34, y + 13)
        for _key, label, px, align in cols:
            (s.right if align == "r" else s.text)(px, y, label, font=st.bold, size=size)
        s.text(36, y + 10, "Descripción", font=st.bold, size=size)
        return y + 24

    y = header(y)
    for ln in truth["lines"]:
        desc = wrap(ln["description"], 480, font=st.regular, size=size) or [""]
        if y + 11 * (len(desc) + 2) > s.height - 60:
            s.new_page()
            y = header(50.0)
        row = {
            "product_key": ln["product_key"],
            "part_number": ln["part_number"],
            "quantity": st.qty(ln["quantity"]),
            "unit": ln["unit"],
            "unit_name": UNIT_NAMES[ln["unit"]],
            "unit_price": f"{ln['unit_price']:,.2f}",
            "amount": f"{ln['amount']:,.2f}",
            "discount": "0.00",
            "object": "02",
        }
        for key, _label, px, align in cols:
            (s.right if align == "r" else s.text)(px, y, row[key], size=size)
        for j, part in enumerate(desc):
            s.text(36, y + 11 * (j + 1), part, size=size)
        y += 11 * (len(desc) + 1)
        s.text(
            36, y, f"Impuesto: Traslado  IVA  Base {ln['amount']:,.2f}  Tasa 0.000000  Importe 0.00", size=size - 0.5
        )
        y += 14
    s.hline(34, s.width - 34, y - 4, 0.4)
    s.text(36, y + 4, "Complemento de Comercio Exterior - Mercancías", font=st.bold, size=st.size)
    mcols = [
        ("part_number", "No. identificación", 36, "l"),
        ("tariff_code", "Fracción arancelaria", 140, "l"),
        ("customs_quantity", "Cantidad aduana", 300, "r"),
        ("customs_unit", "Unidad aduana", 320, "l"),
        ("usd_unit_value", "Valor unitario aduana", 480, "r"),
        ("usd_value", "Valor dólares", 576, "r"),
    ]
    from tests.synth.cfdi_printouts import _mercancia_cells

    y = _table(s, st, y + 20, _mercancia_cells(truth, st, False), mcols)
    if y > s.height - 150:
        s.new_page()
        y = 50.0
    for label, value in (
        ("Subtotal", f["subtotal"]),
        ("Impuestos trasladados IVA 0.000000", 0.0),
        ("Total", f["total"]),
    ):
        s.text(360, y, label, font=st.bold, size=st.size)
        s.right(576, y, f"$ {value:,.2f}", size=st.size)
        y += 11
    _stamp(s, st, y + 20, truth, False)
    s.save()
    return s.page


DRAWERS = {"erpform": _erp, "satform": _satform}

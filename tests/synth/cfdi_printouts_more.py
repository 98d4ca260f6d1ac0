"""More CFDI printout arrangements (``compact``, ``ledger``, ``modern``, ``plain``, ``taxed``; see
``cfdi_printouts``)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from tests.synth.cfdi_printouts import Style, _cce_intro, _concepto_cells, _mercancia_cells, _stamp, _table
from tests.synth.draw import Sheet, wrap


def _compact(truth: dict[str, Any], path: Path, rng: random.Random, st: Style) -> int:
    f, x = truth["fields"], truth["extra"]
    s = Sheet(path, title="CFDI")
    s.text(36, 36, "Factura Electrónica (CFDI)", font=st.bold, size=11)
    pairs = [
        ("Nombre Emisor:", f["issuer_name"], "RFC Emisor:", f["issuer_rfc"]),
        ("Nombre Receptor:", f["receiver_name"], "RFC Receptor:", f["receiver_rfc"]),
        ("Serie:", f["series"], "Folio:", f["folio"]),
        ("UUID:", f["uuid"], "Versión:", f["cfdi_version"]),
        ("Fecha Emisión:", f"{f['issue_date']}T{x['time']}", "Tipo:", "I - Ingreso"),
        ("Moneda:", f["currency"], "Tipo Cambio:", f"{f['exchange_rate']:.4f}"),
    ]
    y = 54.0
    for a, av, b, bv in pairs:
        end = s.text(36, y, a, font=st.bold, size=st.size)
        s.text(end + 5, y, av, size=st.size)
        end = s.text(380, y, b, font=st.bold, size=st.size)
        s.text(end + 5, y, bv, size=st.size)
        y += 11
    cols = [
        ("quantity", "Cant.", 70, "r"),
        ("unit", "Unidad", 80, "l"),
        ("product_key", "Clave Prod/Serv", 122, "l"),
        ("part_number", "No. Ident.", 196, "l"),
        ("description", "Concepto", 262, "l"),
        ("unit_price", "P. Unitario", 500, "r"),
        ("amount", "Importe", 576, "r"),
    ]
    y = _table(s, st, y + 14, _concepto_cells(truth, st), cols, desc_width=170)
    y = _cce_intro(s, st, y + 4, truth, False)
    mcols = [
        ("part_number", "No. Identificación", 36, "l"),
        ("tariff_code", "Fracción", 140, "l"),
        ("customs_quantity", "Cantidad Aduana", 300, "r"),
        ("customs_unit", "Unidad Aduana", 320, "l"),
        ("usd_value", "Valor Dólares", 576, "r"),
    ]
    y = _table(s, st, y, _mercancia_cells(truth, st, True), mcols)
    if y > s.height - 150:
        s.new_page()
        y = 50.0
    s.text(420, y, "Subtotal:", font=st.bold, size=st.size)
    s.right(576, y, st.money(f["subtotal"]), size=st.size)
    s.text(420, y + 11, "Total:", font=st.bold, size=st.size)
    s.right(576, y + 11, st.money(f["total"]), size=st.size)
    _stamp(s, st, y + 34, truth, False)
    s.save()
    return s.page


def _ledger(truth: dict[str, Any], path: Path, rng: random.Random, st: Style) -> int:
    f, x = truth["fields"], truth["extra"]
    s = Sheet(path, title="CFDI")
    s.text(36, 36, f["issuer_name"], font=st.bold, size=11)
    s.text(36, 48, f"RFC: {f['issuer_rfc']}   Régimen fiscal: 601", size=st.size)
    y0, m, d = f["issue_date"].split("-")
    rows = [
        ("Folio fiscal:", f["uuid"]),
        ("Serie:", f["series"]),
        ("Folio:", f["folio"]),
        ("Fecha de emisión:", f"{d}/{m}/{y0} {x['time']}"),
        ("Versión:", f["cfdi_version"]),
        ("Efecto del comprobante:", "Ingreso"),
    ]
    y = 40.0
    for label, value in rows:
        s.text(360, y, label, font=st.bold, size=st.size)
        s.text(460, y, value, size=st.size - 0.5)
        y += 10
    s.text(36, 74, "Receptor", font=st.bold, size=st.size + 0.5)
    s.text(36, 85, f["receiver_name"], size=st.size)
    s.text(36, 96, f"RFC: {f['receiver_rfc']}", size=st.size)
    s.text(36, 112, f"Moneda: {f['currency']}    Tipo de cambio: {f['exchange_rate']:.4f}", size=st.size)
    cols = [
        ("description", "Descripción", 36, "l"),
        ("product_key", "ClaveProdServ", 214, "l"),
        ("part_number", "NoIdentificacion", 274, "l"),
        ("quantity", "Cantidad", 380, "r"),
        ("unit", "ClaveUnidad", 388, "l"),
        ("unit_price", "ValorUnitario", 500, "r"),
        ("amount", "Importe", 576, "r"),
    ]
    y = _table(s, st, 140, _concepto_cells(truth, st), cols, desc_width=170)
    y = _cce_intro(s, st, y + 4, truth, True)
    mcols = [
        ("part_number", "NoIdentificacion", 36, "l"),
        ("tariff_code", "FraccionArancelaria", 130, "l"),
        ("customs_quantity", "CantidadAduana", 300, "r"),
        ("customs_unit", "UnidadAduana", 320, "l"),
        ("usd_value", "ValorDolares", 576, "r"),
    ]
    y = _table(s, st, y, _mercancia_cells(truth, st, False), mcols)
    if y > s.height - 150:
        s.new_page()
        y = 50.0
    s.text(420, y, "Sub Total", font=st.bold, size=st.size)
    s.right(576, y, st.money(f["subtotal"]), size=st.size)
    s.text(420, y + 11, "Total", font=st.bold, size=st.size)
    s.right(576, y + 11, st.money(f["total"]), size=st.size)
    _stamp(s, st, y + 34, truth, False)
    s.save()
    return s.page


def _modern(truth: dict[str, Any], path: Path, rng: random.Random, st: Style) -> int:
    f, x = truth["fields"], truth["extra"]
    s = Sheet(path, title="CFDI")
    s.text(36, 36, "FACTURA", font=st.bold, size=14)
    s.right(576, 36, f"{f['series']} {f['folio']}", font=st.bold, size=11)

    def panel(x0: float, title: str, rows: list[tuple[str, str]]) -> None:
        s.box(x0, 46, x0 + 266, 46 + 14 + 22 * len(rows), 0.5)
        s.text(x0 + 4, 56, title, font=st.bold, size=st.size + 1)
        for k, (label, value) in enumerate(rows):
            s.text(x0 + 4, 68 + 22 * k, label, font=st.bold, size=6)
            s.text(x0 + 4, 78 + 22 * k, value, size=st.size)

    panel(36, "Emisor", [("Razón social", f["issuer_name"]), ("RFC", f["issuer_rfc"])])
    panel(310, "Receptor", [("Razón social", f["receiver_name"]), ("RFC", f["receiver_rfc"])])
    y = 124.0
    heads = [
        ("Folio fiscal", f["uuid"], 36),
        ("Fecha de emisión", f"{f['issue_date']}T{x['time']}", 230),
        ("Versión", f["cfdi_version"], 340),
        ("Serie", f["series"], 390),
        ("Folio", f["folio"], 430),
        ("Moneda", f["currency"], 480),
        ("Tipo de cambio", f"{f['exchange_rate']:.4f}", 525),
    ]
    for label, value, px in heads:
        s.text(px, y, label, font=st.bold, size=6)
        s.text(px, y + 10, value, size=st.size - 0.5)
    s.text(36, y + 24, "Tipo de comprobante: I - Ingreso", size=st.size)
    cols = [
        ("product_key", "Clave SAT", 36, "l"),
        ("description", "Descripción", 84, "l"),
        ("part_number", "Código", 270, "l"),
        ("quantity", "Cant.", 360, "r"),
        ("unit", "U. Medida", 368, "l"),
        ("unit_price", "Precio", 490, "r"),
        ("amount", "Importe", 576, "r"),
    ]
    y = _table(s, st, y + 44, _concepto_cells(truth, st), cols, desc_width=170)
    y = _cce_intro(s, st, y + 4, truth, False)
    mcols = [
        ("part_number", "Código", 36, "l"),
        ("tariff_code", "Fracción Arancelaria", 130, "l"),
        ("customs_quantity", "Cant. Aduana", 300, "r"),
        ("customs_unit", "U. Aduana", 320, "l"),
        ("usd_value", "Valor USD", 576, "r"),
    ]
    y = _table(s, st, y, _mercancia_cells(truth, st, rng.random() < 0.5), mcols)
    if y > s.height - 150:
        s.new_page()
        y = 50.0
    s.text(420, y, "Subtotal", font=st.bold, size=st.size)
    s.right(576, y, st.money(f["subtotal"]), size=st.size)
    s.text(420, y + 11, "Total", font=st.bold, size=st.size)
    s.right(576, y + 11, st.money(f["total"]), size=st.size)
    _stamp(s, st, y + 34, truth, False)
    s.save()
    return s.page


def _plain(truth: dict[str, Any], path: Path, rng: random.Random, st: Style) -> int:
    f, x = truth["fields"], truth["extra"]
    st.regular, st.bold = "Courier", "Courier-Bold"
    st.size = 7.0
    s = Sheet(path, title="CFDI")
    rows = [
        ("EMISOR:", f["issuer_name"]),
        ("RFC EMISOR:", f["issuer_rfc"]),
        ("RECEPTOR:", f["receiver_name"]),
        ("RFC RECEPTOR:", f["receiver_rfc"]),
        ("FOLIO FISCAL:", f["uuid"]),
        ("SERIE:", f["series"]),
        ("FOLIO:", f["folio"]),
        ("FECHA EMISION:", f"{f['issue_date']} {x['time']}"),
        ("VERSION:", f["cfdi_version"]),
        ("TIPO COMPROBANTE:", "INGRESO"),
        ("MONEDA:", f["currency"]),
        ("TIPO CAMBIO:", f"{f['exchange_rate']:.4f}"),
    ]
    y = 40.0
    for label, value in rows:
        s.text(36, y, label, font=st.bold, size=st.size)
        s.text(140, y, value, size=st.size)
        y += 10
    cols = [
        ("description", "DESCRIPCION", 36, "l"),
        ("quantity", "CANTIDAD", 250, "r"),
        ("unit", "UNIDAD", 258, "l"),
        ("product_key", "CLAVE PROD", 300, "l"),
        ("part_number", "NO IDENT", 372, "l"),
        ("unit_price", "V UNITARIO", 500, "r"),
        ("amount", "IMPORTE", 576, "r"),
    ]
    y = _table(s, st, y + 14, _concepto_cells(truth, st), cols, desc_width=160)
    y = _cce_intro(s, st, y + 4, truth, True)
    mcols = [
        ("part_number", "NO IDENT", 36, "l"),
        ("tariff_code", "FRACCION", 130, "l"),
        ("customs_quantity", "CANT ADUANA", 300, "r"),
        ("customs_unit", "UNIDAD ADUANA", 320, "l"),
        ("usd_value", "VALOR DOLARES", 576, "r"),
    ]
    y = _table(s, st, y, _mercancia_cells(truth, st, False), mcols)
    if y > s.height - 150:
        s.new_page()
        y = 50.0
    s.text(420, y, "SUBTOTAL:", font=st.bold, size=st.size)
    s.right(576, y, st.money(f["subtotal"]), size=st.size)
    s.text(420, y + 11, "TOTAL:", font=st.bold, size=st.size)
    s.right(576, y + 11, st.money(f["total"]), size=st.size)
    _stamp(s, st, y + 34, truth, True)
    s.save()
    return s.page


def _taxed(truth: dict[str, Any], path: Path, rng: random.Random, st: Style) -> int:
    """Headings EMISOR / RECEPTOR over "Razón social" and "R.F.C." labels; each concepto followed by its tax
    line (IVA at a 0 % rate on exports, as CFDI 4.0 printouts show the Traslado of every concepto) and an
    "Objeto imp." column; the Comercio Exterior mercancías in the order fracción first."""
    f, x = truth["fields"], truth["extra"]
    s = Sheet(path, title="CFDI")
    s.text(36, 36, "FACTURA", font=st.bold, size=12)
    right = [
        ("FOLIO FISCAL (UUID):", f["uuid"]),
        ("SERIE Y FOLIO:", f"{f['series']}-{f['folio']}"),
        ("FECHA DE EMISIÓN:", f"{f['issue_date']} {x['time']}"),
        ("TIPO DE COMPROBANTE:", "I - Ingreso"),
        ("VERSIÓN:", f["cfdi_version"]),
    ]
    y = 36.0
    for label, value in right:
        s.text(300, y, label, font=st.bold, size=st.size)
        s.text(405, y, value, size=st.size - 0.5)
        y += 10
    y = max(y, 60.0) + 6
    for heading, name, rfc in (
        ("EMISOR", f["issuer_name"], f["issuer_rfc"]),
        ("RECEPTOR", f["receiver_name"], f["receiver_rfc"]),
    ):
        s.text(36, y, heading, font=st.bold, size=st.size + 1)
        s.text(36, y + 11, "Razón social:", font=st.bold, size=st.size)
        s.text(100, y + 11, name, size=st.size)
        s.text(36, y + 22, "R.F.C.:", font=st.bold, size=st.size)
        s.text(100, y + 22, rfc, size=st.size)
        y += 38
    s.text(36, y, "Moneda:", font=st.bold, size=st.size)
    s.text(80, y, f["currency"], size=st.size)
    s.text(200, y, "Tipo de cambio:", font=st.bold, size=st.size)
    s.text(270, y, f"{f['exchange_rate']:.4f}", size=st.size)
    y += 18
    cols = [
        ("quantity", "Cantidad", 70, "r"),
        ("unit", "Clave unidad", 78, "l"),
        ("product_key", "Clave prod. serv.", 134, "l"),
        ("part_number", "No. identificación", 206, "l"),
        ("description", "Descripción", 284, "l"),
        ("_object", "Objeto imp.", 400, "l"),
        ("unit_price", "Valor unitario", 505, "r"),
        ("amount", "Importe", 576, "r"),
    ]

    def header(y: float) -> float:
        s.shade(34, y - 9, s.width - 34, y + 3)
        for _key, label, px, align in cols:
            (s.right if align == "r" else s.text)(px, y, label, font=st.bold, size=st.size)
        return y + 14

    y = header(y)
    for row in _concepto_cells(truth, st):
        desc = wrap(row["description"], 110, font=st.regular, size=st.size) or [""]
        if y + 11 * (len(desc) + 1) > s.height - 60:
            s.new_page()
            y = header(50.0)
        for key, _label, px, align in cols:
            if key == "description":
                for k, part in enumerate(desc):
                    s.text(px, y + 11 * k, part, size=st.size)
                continue
            value = "02" if key == "_object" else row[key]
            (s.right if align == "r" else s.text)(px, y, value, size=st.size)
        y += 11 * len(desc)
        s.text(
            206,
            y,
            "Traslado IVA 002  Base " + row["amount"] + "  Tasa 0.000000  Importe " + st.money(0),
            size=st.size - 1,
        )
        y += 13
    s.hline(34, s.width - 34, y - 4, 0.4)
    y = _cce_intro(s, st, y + 8, truth, True)
    mcols = [
        ("tariff_code", "FRACCIÓN ARANCELARIA", 36, "l"),
        ("part_number", "NO. IDENTIFICACIÓN", 150, "l"),
        ("customs_quantity", "CANTIDAD ADUANA", 330, "r"),
        ("customs_unit", "UNIDAD ADUANA", 345, "l"),
        ("usd_value", "VALOR DÓLARES", 576, "r"),
    ]
    y = _table(s, st, y, _mercancia_cells(truth, st, False), mcols)
    if y > s.height - 150:
        s.new_page()
        y = 50.0
    s.text(420, y, "Subtotal:", font=st.bold, size=st.size)
    s.right(576, y, st.money(f["subtotal"]), size=st.size)
    s.text(420, y + 11, "IVA 0%:", font=st.bold, size=st.size)
    s.right(576, y + 11, st.money(0), size=st.size)
    s.text(420, y + 22, "Total:", font=st.bold, size=st.size)
    s.right(576, y + 22, st.money(f["total"]), size=st.size)
    _stamp(s, st, y + 44, truth, True)
    s.save()
    return s.page


DRAWERS = {"compact": _compact, "ledger": _ledger, "modern": _modern, "plain": _plain, "taxed": _taxed}

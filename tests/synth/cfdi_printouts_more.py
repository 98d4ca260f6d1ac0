"""More CFDI printout arrangements (``compact``, ``ledger``, ``modern``, ``plain``; see ``cfdi_printouts``)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from tests.synth.cfdi_printouts import Style, _cce_intro, _concepto_cells, _mercancia_cells, _stamp, _table
from tests.synth.draw import Sheet


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


DRAWERS = {"compact": _compact, "ledger": _ledger, "modern": _modern, "plain": _plain}

"""Round 14 of the held-out pedimento printouts: two more ways a pedimento reaches paper, written before the reader
saw them.

Facts, not copies, from public sources: DOMAIN.md §1b; the official form's field list (Anexo 1 RGCE, "formato de
pedimento" and its instructivo, Anexo 22 for the field contents, Apéndice 7 for the units of measure); the form's
legend of destination on each printed copy (the pedimento is printed once per party that must carry or keep it: the
carrier's copy travels with the goods, the importer's or exporter's copy goes to the company's file), and broker
systems' "pedimento por factura" reports (the partidas listed under the invoice each came from, so the importer's
accounts can tie each invoice to its partidas and the invoice's value to the pedimento's).

* ``porfactura``: a broker system's print where the partidas are grouped under the invoice each belongs to: the
  header as ``LABEL: value`` lines in two columns (``NUM. PEDIMENTO``, ``T. OPER``, ``CVE. PEDIMENTO``,
  ``REGIMEN``, ``TIPO CAMBIO``, ``PESO BRUTO``, ``ADUANA E/S``, the three values and the two dates as
  ``27/08/2025``); then for each invoice a shaded band ``FACTURA 9227527  FECHA 22/08/2025  INCOTERM FOB  MONEDA
  USD  VALOR USD 31,355.88  COVE COVEQ1T06YW80`` followed by its partidas (``SEC FRACCION NICO VINC MET.VAL UMC
  CANT.UMC UMT CANT.UMT P.V/C P.O/D`` on the first row, the description on the second, ``VAL.ADU  IMP.PRECIO PAG.
  PRECIO UNIT.  VAL.AGREG.`` on the third, ``CODIGO PRODUCTO:`` with the part number on the fourth), and closing
  each group a ``SUBTOTAL FACTURA …`` line with the group's partida count, customs value and price paid (sums of
  part of the partidas, not the pedimento's totals; invoices left without a partida of their own stand as bands over
  the last group, whose subtotal names them all); ``Pag. 1 de 3`` at every head; the FIN line with the partida
  count after the last group.
* ``copias``: the pedimento printed in two copies in one file, the ``COPIA TRANSPORTISTA`` first and the ``COPIA
  IMPORTADOR`` (``COPIA EXPORTADOR`` for an export) after it, each copy complete (header, partidas, FIN line) with
  its destination legend in a box at every page's foot and its own page count (``Página 1 de 2`` restarts with the
  second copy): one pedimento, not two; the header as ruled cells with small captions over their values, the
  number with two spaces between its blocks as the instructivo asks, the partidas as two-row records under a
  two-row header with the ``CODIGO PRODUCTO`` at the end of the description row; the bank's payment stamp only on
  the importer's copy.

Both print every partida's part number (the truth keeps it).
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("porfactura", "copias")


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random, pages: int) -> int:
    """Draw the printout (``pages``: the page count of a first drawing); returns its page count."""
    if arrangement == "porfactura":
        return _porfactura(truth, path, rng, pages)
    return _copias(truth, path, rng, pages)


def _dmy(iso: str) -> str:
    d = date.fromisoformat(str(iso))
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _spaced(n: str) -> str:
    return f"{n[:2]}  {n[2:4]}  {n[4:8]}  {n[8:]}"


def _groups(
    lines: list[dict[str, Any]], invoices: list[dict[str, Any]]
) -> list[tuple[list[dict[str, Any]], list[Any]]]:
    """The partidas split over the invoices in order; when the invoices outnumber the partidas, the last partida
    covers the goods of the remaining invoices together (one band naming them all)."""
    n = max(1, min(len(invoices), len(lines)))
    size, extra = divmod(len(lines), n)
    out, start = [], 0
    for k in range(n):
        end = start + size + (1 if k < extra else 0)
        out.append(([invoices[k]] if k < n - 1 else invoices[k:], lines[start:end]))
        start = end
    return out


# --------------------------------------------------------------------------------------------------------


def _porfactura(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    export = f["operation_type"] == "EXP"
    s = Sheet(path, title="Pedimento por factura")
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Courier", "Courier-Bold")])
    size = 6.6 if regular == "Helvetica" else 6.2
    L, R = 28.0, s.width - 28.0
    M = (L + R) / 2
    n = f["pedimento_number"]
    sep = rng.choice([True, False])

    def num(value: float, decimals: int = 0) -> str:
        return f"{value:,.{decimals}f}" if sep else f"{value:.{decimals}f}"

    def top() -> float:
        s.text(L, 26, x["broker"][0], font=bold, size=8)
        s.text(L, 35, f"AGENTE ADUANAL {x['broker'][1]}  PATENTE {f['patente']}", font=regular, size=size)
        s.right(R, 26, "PEDIMENTO - RELACION DE PARTIDAS POR FACTURA", font=bold, size=8)
        s.right(R, 35, f"Pag. {s.page} de {pages}", font=regular, size=size)
        s.hline(L, R, 40, 0.8)
        if s.page > 1:
            s.text(L, 50, f"NUM. PEDIMENTO: {_spaced(n)}   T. OPER: {f['operation_type']}", font=bold, size=size)
            s.right(R, 50, f"RFC: {f['importer_exporter_rfc']}", font=regular, size=size)
            return 62.0
        return 52.0

    def lv(xx: float, y: float, label: str, value: str) -> None:
        s.text(xx, y, label, font=bold, size=size)
        s.text(xx + 112, y, value, font=regular, size=size)

    y = top()
    first = ("FECHA PRESENTACION:", f["presentation_date"]) if export else ("FECHA ENTRADA:", f["entry_date"])
    left = [
        ("NUM. PEDIMENTO:", _spaced(n)),
        ("T. OPER:", f["operation_type"]),
        ("CVE. PEDIMENTO:", f["clave"]),
        ("REGIMEN:", f["regimen"]),
        ("ADUANA E/S:", f["customs_office"]),
        ("TIPO CAMBIO:", f"{f['exchange_rate']:.5f}"),
        ("PESO BRUTO:", num(f["gross_weight_kg"], 3)),
        ("MEDIO TRANSP. E/S:", x["transport_code"]),
    ]
    right = [
        ("VALOR DOLARES:", num(f["usd_value"], 2)),
        ("VALOR ADUANA:", num(f["customs_value_mxn"])),
        ("PRECIO PAGADO/VALOR COMERCIAL:", num(f["commercial_value_mxn"])),
        (first[0], _dmy(first[1])),
        ("FECHA PAGO:", _dmy(f["payment_date"])),
        ("ACUSE DE VALIDACION:", x["acuse"]),
        ("DESTINO/ORIGEN:", x["destino"]),
    ]
    for k, (label, value) in enumerate(left):
        lv(L, y + 9 * k, label, value)
    for k, (label, value) in enumerate(right):
        lv(M + 10, y + 9 * k, label, value)
    y += 9 * len(left) + 4
    lv(L, y, "RFC:", f["importer_exporter_rfc"])
    y += 9
    lv(L, y, "NOMBRE:", f["importer_exporter_name"])
    y += 9
    lv(L, y, "DOMICILIO:", x["importer_address"].upper())
    y += 9
    role = "COMPRADOR:" if export else "PROVEEDOR:"
    lv(L, y, role, f"{x['supplier'][0]}   ID FISCAL {x['supplier_tax_id']}")
    y += 9
    for guide, kind in x["guides"]:
        lv(L, y, "GUIA/ORDEN EMBARQUE:", f"{guide}  {kind}")
        y += 9
    if x["containers"]:
        lv(L, y, "CONTENEDORES:", "  ".join(x["containers"]))
        y += 9
    if x["program"]:
        lv(L, y, "IDENTIFICADOR IM:", x["program"])
        y += 9
    y += 6

    cols1 = [
        ("SEC", 0),
        ("FRACCION", 22),
        ("NICO", 72),
        ("VINC", 96),
        ("MET.VAL", 120),
        ("UMC", 156),
        ("CANT.UMC", 180),
        ("UMT", 240),
        ("CANT.UMT", 264),
        ("P.V/C", 324),
        ("P.O/D", 354),
    ]
    cols3 = [("VAL.ADU", 22), ("IMP.PRECIO PAG.", 110), ("PRECIO UNIT.", 210), ("VAL.AGREG.", 300)]

    def header(y: float) -> float:
        s.hline(L, R, y - 8, 0.5)
        for label, dx in cols1:
            s.text(L + dx, y, label, font=bold, size=size - 0.4)
        s.text(L + 22, y + 8, "DESCRIPCION", font=bold, size=size - 0.4)
        for label, dx in cols3:
            s.text(L + dx, y + 16, label, font=bold, size=size - 0.4)
        s.hline(L, R, y + 20, 0.5)
        return y + 30

    y = header(y)
    for invs, group in _groups(lines, x["invoices"]):
        if y + 60 > s.height - 40:
            s.new_page()
            y = header(top())
        for inv in invs:
            s.shade(L, y - 8, R, y + 3, 0.86)
            band = (
                f"FACTURA {inv['number']}   FECHA {_dmy(str(inv['date']))}   INCOTERM {inv.get('incoterm', '')}   "
                f"MONEDA {inv.get('currency', 'USD')}   VALOR USD {num(float(inv.get('usd', 0.0)), 2)}   "
                f"COVE {inv['cove']}"
            )
            s.text(L + 2, y, band, font=bold, size=size)
            y += 11
        y += 2
        name = " / ".join(str(inv["number"]) for inv in invs)
        for ln in group:
            desc = wrap(ln["description"], R - L - 30, font=regular, size=size)
            h = 9 * (3 + len(desc)) + 4
            if y + h > s.height - 40:
                s.new_page()
                y = header(top())
                s.text(L + 2, y, f"FACTURA {name} (CONTINUA)", font=bold, size=size)
                y += 11
            v1 = [
                str(ln["sequence"]),
                ln["tariff_code"],
                ln["nico"],
                "0",
                "1",
                ln["umc"],
                num(ln["umc_quantity"], 3),
                ln["umt"],
                num(ln["umt_quantity"], 3),
                ln["seller_buyer_country"],
                ln["origin_destination_country"],
            ]
            for (_label, dx), value in zip(cols1, v1, strict=True):
                s.text(L + dx, y, value, font=regular, size=size)
            y += 9
            for part in desc:
                s.text(L + 22, y, part, font=regular, size=size)
                y += 9
            value = num(ln["customs_value_mxn"], 2) if export else num(ln["customs_value_mxn"])
            v3 = [value, num(ln["paid_price_mxn"]), f"{ln['unit_price']:.5f}", num(ln["value_added"])]
            for (_label, dx), text in zip(cols3, v3, strict=True):
                s.text(L + dx, y, text, font=regular, size=size)
            y += 9
            s.text(L + 22, y, f"CODIGO PRODUCTO: {ln['part_number']}", font=regular, size=size)
            y += 13
        adu = sum(float(ln["customs_value_mxn"]) for ln in group)
        paid = sum(float(ln["paid_price_mxn"]) for ln in group)
        s.hline(L + 200, R, y - 8, 0.3)
        s.right(
            R,
            y,
            f"SUBTOTAL FACTURA {name}:  PARTIDAS {len(group)}   VAL.ADU {num(adu, 2 if export else 0)}   "
            f"IMP.PRECIO PAG. {num(paid)}",
            font=bold,
            size=size,
        )
        y += 16
    if y > s.height - 40:
        s.new_page()
        y = top() + 8
    s.centre(
        (L + R) / 2,
        y + 4,
        f"***** FIN DE PEDIMENTO ***** NUM. TOTAL DE PARTIDAS: {f['partida_count']} ***** CLAVE PREVALIDADOR: "
        f"{x['prevalidador']} *****",
        font=bold,
        size=size,
    )
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _copias(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    export = f["operation_type"] == "EXP"
    s = Sheet(path, title="Pedimento")
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size, cap = 7.0, 5.0
    L, R = 26.0, s.width - 26.0
    n = f["pedimento_number"]
    per_copy = max(1, pages // 2) if pages else 1
    copies = ["COPIA TRANSPORTISTA", "COPIA EXPORTADOR" if export else "COPIA IMPORTADOR"]
    bank = rng.choice(["BANAMEX", "BBVA MEXICO", "BANORTE", "SANTANDER"])
    operation = rng.randint(10**9, 10**10 - 1)

    def cell(x0: float, y0: float, x1: float, caption: str, value: str, h: float = 20.0) -> None:
        s.box(x0, y0, x1, y0 + h, 0.5)
        s.text(x0 + 2, y0 + 6, caption, font=regular, size=cap)
        s.text(x0 + 3, y0 + 15.5, value, font=bold, size=size)

    def row(y: float, cells: list[tuple[str, str, float]]) -> float:
        xx = L
        for caption, value, share in cells:
            x1 = xx + (R - L) * share
            cell(xx, y, x1, caption, value)
            xx = x1
        return y + 20

    def foot(copy: str, page: int) -> None:
        s.box(L, s.height - 34, R, s.height - 18, 0.8)
        s.centre((L + R) / 2, s.height - 23, copy, font=bold, size=9)
        s.right(R - 4, s.height - 23, f"Página {page} de {per_copy}", font=regular, size=6)

    def head(page: int) -> float:
        title = "PEDIMENTO" if page == 1 else "ANEXO DEL PEDIMENTO"
        s.centre((L + R) / 2, 28, title, font=bold, size=10)
        s.text(L, 28, f"PATENTE {f['patente']}", font=regular, size=6.5)
        if page > 1:
            return row(
                36,
                [
                    ("NUM. PEDIMENTO", _spaced(n), 0.3),
                    ("T. OPER", f["operation_type"], 0.12),
                    ("CVE. PEDIM", f["clave"], 0.12),
                    ("RFC", f["importer_exporter_rfc"], 0.26),
                    ("CURP", "", 0.2),
                ],
            )
        return 36.0

    cols = [
        ("SEC", 0),
        ("FRACCION", 18),
        ("SUBD./NICO", 62),
        ("VINC.", 102),
        ("MET. VAL", 124),
        ("UMC", 156),
        ("CANTIDAD UMC", 176),
        ("UMT", 238),
        ("CANTIDAD UMT", 258),
        ("P. V/C", 320),
        ("P. O/D", 348),
    ]
    vals = [("VAL. ADU/USD", 376), ("IMP. PRECIO PAG.", 432), ("PRECIO UNIT.", 488), ("VAL. AGREG.", 532)]

    def part_header(y: float) -> float:
        s.shade(L, y, R, y + 20, 0.88)
        s.box(L, y, R, y + 20, 0.5)
        for label, dx in cols + vals:
            s.text(L + 2 + dx, y + 8, label, font=bold, size=cap)
        s.text(L + 20, y + 17, "DESCRIPCION (RENGLONES VARIABLES SEGUN SE REQUIERA)", font=bold, size=cap)
        s.text(L + 342, y + 17, "CODIGO PRODUCTO", font=bold, size=cap)
        return y + 30

    for copy in copies:
        page = 1
        if copy != copies[0]:
            s.new_page()
        y = head(page)
        first = ("FECHA PRESENTACION", f["presentation_date"]) if export else ("FECHA ENTRADA", f["entry_date"])
        y = row(
            y,
            [
                ("NUM. PEDIMENTO", _spaced(n), 0.3),
                ("T. OPER", f["operation_type"], 0.1),
                ("CVE. PEDIMENTO", f["clave"], 0.13),
                ("REGIMEN", f["regimen"], 0.12),
                ("CERTIFICACIONES", "", 0.35),
            ],
        )
        y = row(
            y,
            [
                ("DESTINO", x["destino"], 0.1),
                ("TIPO CAMBIO", f"{f['exchange_rate']:.5f}", 0.16),
                ("PESO BRUTO", f"{f['gross_weight_kg']:,.3f}", 0.2),
                ("ADUANA E/S", f["customs_office"], 0.19),
                ("", "", 0.35),
            ],
        )
        if copy != copies[0]:
            s.text(R - 170, y - 28, f"PAGO ELECTRONICO {bank}", font=bold, size=6.5)
            s.text(R - 170, y - 19, f"OPERACION {operation}  {_dmy(f['payment_date'])}", font=regular, size=6)
        code = x["transport_code"]
        y = row(
            y,
            [
                ("MEDIOS DE TRANSPORTE ENTRADA/SALIDA", code, 0.22),
                ("ARRIBO", code, 0.1),
                ("SALIDA", code, 0.1),
                ("VALOR DOLARES", f"{f['usd_value']:,.2f}", 0.18),
                ("VALOR ADUANA", f"{f['customs_value_mxn']:,.0f}", 0.18),
                ("PRECIO PAGADO/VALOR COMERCIAL", f"{f['commercial_value_mxn']:,.0f}", 0.22),
            ],
        )
        y = row(
            y,
            [
                ("RFC", f["importer_exporter_rfc"], 0.25),
                ("NOMBRE, DENOMINACION O RAZON SOCIAL", f["importer_exporter_name"], 0.75),
            ],
        )
        y = row(y, [("DOMICILIO", x["importer_address"].upper(), 1.0)])
        y = row(
            y,
            [
                (first[0], _dmy(first[1]), 0.25),
                ("FECHA PAGO", _dmy(f["payment_date"]), 0.25),
                ("ACUSE ELECTRONICO DE VALIDACION", x["acuse"], 0.25),
                ("CLAVE SECCION ADUANERA DE DESPACHO", f["customs_office"], 0.25),
            ],
        )
        role = "COMPRADOR" if export else "PROVEEDOR"
        y = row(y, [(f"ID. FISCAL {role}", x["supplier_tax_id"], 0.25), ("NOMBRE", x["supplier"][0], 0.75)])
        if x["program"]:
            y = row(y, [("IDENTIFICADOR", "IM", 0.2), ("COMPLEMENTO 1", x["program"], 0.4), ("COMPLEMENTO 2", "", 0.4)])
        for inv in x["invoices"]:
            y = row(
                y,
                [
                    ("NUM. CFDI O DOCUMENTO EQUIVALENTE", str(inv["number"]), 0.35),
                    ("FECHA", _dmy(str(inv["date"])), 0.15),
                    ("INCOTERM", str(inv.get("incoterm", "")), 0.12),
                    ("COVE", str(inv["cove"]), 0.38),
                ],
            )
        for guide, kind in x["guides"]:
            y = row(y, [("NUMERO (GUIA/ORDEN EMBARQUE)/ID", f"{guide}  {kind}", 1.0)])
        for k in range(0, len(x["containers"]), 3):
            group = x["containers"][k : k + 3]
            y = row(y, [("NUMERO/TIPO CONTENEDOR", c, 1 / 3) for c in group])
        y = part_header(y + 6)
        for ln in lines:
            desc = wrap(ln["description"], 300, font=regular, size=size - 0.5)
            h = 9 * (1 + len(desc)) + 5
            if y + h > s.height - 46:
                foot(copy, page)
                s.new_page()
                page += 1
                y = part_header(head(page) + 4)
            v1 = [
                str(ln["sequence"]),
                ln["tariff_code"],
                ln["nico"],
                "0",
                "1",
                ln["umc"],
                f"{ln['umc_quantity']:,.3f}",
                ln["umt"],
                f"{ln['umt_quantity']:,.3f}",
                ln["seller_buyer_country"],
                ln["origin_destination_country"],
            ]
            for (_c, dx), value in zip(cols, v1, strict=True):
                s.text(L + 2 + dx, y, value, font=regular, size=size - 0.5)
            value = f"{ln['customs_value_mxn']:,.2f}" if export else f"{ln['customs_value_mxn']:,.0f}"
            v2 = [value, f"{ln['paid_price_mxn']:,.0f}", f"{ln['unit_price']:.5f}", f"{ln['value_added']:,.0f}"]
            for (_c, dx), text in zip(vals, v2, strict=True):
                s.text(L + 2 + dx, y, text, font=regular, size=size - 0.5)
            for j, part in enumerate(desc):
                s.text(L + 20, y + 9 * (j + 1), part, font=regular, size=size - 0.5)
            s.text(L + 340, y + 9, ln["part_number"], font=regular, size=size - 0.5)
            y += h
            s.hline(L, R, y - 6, 0.2)
        if y + 16 > s.height - 46:
            foot(copy, page)
            s.new_page()
            page += 1
            y = head(page) + 10
        s.centre(
            (L + R) / 2,
            y + 6,
            f"******* FIN DE PEDIMENTO ******* NUM. TOTAL DE PARTIDAS: {f['partida_count']} ******* "
            f"CLAVE PREVALIDADOR: {x['prevalidador']} *******",
            font=bold,
            size=6.5,
        )
        foot(copy, page)
    s.save()
    return s.page

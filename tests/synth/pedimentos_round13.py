"""Round 13 of the held-out pedimento printouts: two more ways a pedimento reaches paper, written before the reader
saw them.

Facts, not copies, from public sources: DOMAIN.md §1b; the official form's field list (Anexo 1 RGCE, "formato de
pedimento" and its instructivo, which also lays out the "forma simplificada del pedimento": the one-page form the
carrier hands in at the automated selection module while the partidas travel only in the electronic pedimento;
Anexo 22 for the field contents: field 29 the eight-character acuse electrónico de validación, field 30 the bar
code, Apéndice 3 for the means of transport, Apéndice 7 for the units of measure); the single window's own summary
of the crossing ("al presentar el transportista un formato simplificado, el verificador consulta la información"),
and the courtesy prints border brokers make for the US owners of IMMEX plants, in both languages.

* ``simplificada``: a broker's print of the forma simplificada followed by its annex: page 1 the title ``FORMA
  SIMPLIFICADA DEL PEDIMENTO`` and a grid of ruled cells, each a small caption over its value (``NUM. PEDIMENTO``,
  ``T. OPER``, ``CVE. PEDIMENTO``, ``REGIMEN``, ``ADUANA E/S``, ``PATENTE``, ``RFC``, ``CURP``, ``TIPO CAMBIO``,
  ``PESO BRUTO``, ``MARCAS, NUMEROS Y TOTAL DE BULTOS``, the three medios de transporte, the two dates), the
  acuse electrónico de validación, a bar code with its human-readable line under it (patente, number and acuse run
  together: not a value of any field), the values, the invoices with their COVE, the guías and containers, and
  the partida count; no partidas on it. Then ``ANEXO DE LA FORMA SIMPLIFICADA - RELACIÓN DE PARTIDAS`` pages with
  the partidas as a ruled table whose every money figure carries the peso sign before it (``$ 123,456``, ``$
  7.12345``; the dollar value of an export's partida printed ``USD 6,543.21``), the ``CÓDIGO PRODUCTO`` in its own
  column, the column header repeated on every annex page, ``Anexo hoja 2 de 3`` in the page's corner and the FIN
  line with the partida count after the last one.
* ``bilingue``: a border broker's bilingual print for the US parent of a maquiladora: every caption in Spanish with
  its English after a slash (``Número de pedimento / Entry number``, ``Tipo de operación / Operation``, ``Clave de
  pedimento / Entry type``, ``Régimen / Regime``, ``Aduana-sección / Port``, ``Tipo de cambio / Exchange rate``,
  ``Peso bruto kg / Gross weight kg``, ``Valor dólares / Value USD``, ``Valor aduana / Customs value``, ``Precio
  pagado / Price paid``, ``Fecha de entrada / Entry date``, ``Fecha de pago / Payment date``) in two columns of
  caption-value pairs; the partidas TRANSPOSED, as a report writer prints a record whose fields outnumber the
  page's width: each band of up to four partidas is a grid whose rows are the fields (``Secuencia / Line``,
  ``Fracción / MX tariff``, ``NICO``, ``Descripción / Description`` wrapped in its column, ``No. de parte / Part
  No.``, ``UMC`` …, ``Valor agregado / Value added``) and whose columns are the partidas; ``Total de partidas /
  Total lines: N`` after the last band; ``Página 1 de 2 / Page 1 of 2`` at every foot.

Both print every partida's part number (the truth keeps it).
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("simplificada", "bilingue")


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random, pages: int) -> int:
    """Draw the printout (``pages``: the page count of a first drawing); returns its page count."""
    if arrangement == "simplificada":
        return _simplificada(truth, path, rng, pages)
    return _bilingue(truth, path, rng, pages)


def _dmy(iso: str) -> str:
    d = date.fromisoformat(str(iso))
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def peso(value: float, decimals: int = 0) -> str:
    """A figure with the peso sign before it, as some systems print every amount: ``$ 1,234``."""
    return f"$ {value:,.{decimals}f}"


def _spaced(n: str) -> str:
    return f"{n[:2]}  {n[2:4]}  {n[4:8]}  {n[8:]}"


# --------------------------------------------------------------------------------------------------------


def _simplificada(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    export = f["operation_type"] == "EXP"
    s = Sheet(path, title="Forma simplificada del pedimento")
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    cap, size = 5.2, 7.4
    L, R = 30.0, s.width - 30.0
    n = f["pedimento_number"]
    code = x["transport_code"]
    packages = rng.randint(2, 60)

    def cell(x0: float, y0: float, x1: float, caption: str, value: str, h: float = 22.0) -> None:
        s.box(x0, y0, x1, y0 + h, 0.5)
        s.text(x0 + 2, y0 + 6.5, caption, font=regular, size=cap)
        s.text(x0 + 4, y0 + 17, value, font=bold, size=size)

    def row(y: float, cells: list[tuple[str, str, float]], h: float = 22.0) -> float:
        """Cells across the page: (caption, value, share of the width)."""
        xx = L
        for caption, value, share in cells:
            x1 = xx + (R - L) * share
            cell(xx, y, x1, caption, value, h)
            xx = x1
        return y + h

    s.text(L, 30, x["broker"][0], font=bold, size=8)
    s.text(L, 40, f"PATENTE {f['patente']}  {x['broker'][1]}", font=regular, size=6.5)
    s.right(R, 30, "FORMA SIMPLIFICADA DEL PEDIMENTO", font=bold, size=11)
    s.right(R, 40, f"Página {s.page} de {pages}", font=regular, size=6.5)
    y = 50.0
    first = ("FECHA DE PRESENTACION", f["presentation_date"]) if export else ("FECHA DE ENTRADA", f["entry_date"])
    y = row(
        y,
        [
            ("NUM. PEDIMENTO", _spaced(n), 0.34),
            ("T. OPER", f["operation_type"], 0.11),
            ("CVE. PEDIMENTO", f["clave"], 0.13),
            ("REGIMEN", f["regimen"], 0.12),
            ("ADUANA E/S", f["customs_office"], 0.15),
            ("PATENTE", f["patente"], 0.15),
        ],
    )
    y = row(
        y,
        [
            ("RFC DEL IMPORTADOR/EXPORTADOR", f["importer_exporter_rfc"], 0.3),
            ("CURP", "", 0.25),
            ("TIPO CAMBIO", f"{f['exchange_rate']:.5f}", 0.2),
            ("PESO BRUTO", f"{f['gross_weight_kg']:,.3f}", 0.25),
        ],
    )
    y = row(y, [("NOMBRE, DENOMINACION O RAZON SOCIAL", f["importer_exporter_name"], 1.0)])
    y = row(y, [("DOMICILIO", x["importer_address"].upper(), 1.0)])
    y = row(
        y,
        [
            ("MEDIO DE TRANSPORTE E/S", code, 0.2),
            ("ARRIBO", code, 0.12),
            ("SALIDA", code, 0.12),
            ("DESTINO/ORIGEN", x["destino"], 0.16),
            (first[0], _dmy(first[1]), 0.2),
            ("FECHA DE PAGO", _dmy(f["payment_date"]), 0.2),
        ],
    )
    y = row(
        y,
        [
            ("VALOR DOLARES", f"{f['usd_value']:,.2f}", 0.3),
            ("VALOR ADUANA", f"{f['customs_value_mxn']:,.0f}", 0.3),
            ("PRECIO PAGADO/VALOR COMERCIAL", f"{f['commercial_value_mxn']:,.0f}", 0.4),
        ],
    )
    y = row(
        y,
        [
            ("MARCAS, NUMEROS Y TOTAL DE BULTOS", f"S/M  {packages} BULTOS", 0.5),
            ("ACUSE ELECTRONICO DE VALIDACION", x["acuse"], 0.3),
            ("NUM. TOTAL DE PARTIDAS", str(f["partida_count"]), 0.2),
        ],
    )
    if x["program"]:
        y = row(y, [("IDENTIFICADOR", "IM", 0.2), ("COMPLEMENTO 1", x["program"], 0.4), ("COMPLEMENTO 2", "", 0.4)])
    y += 10
    s.text(L, y, "FACTURAS / COVE", font=bold, size=6.5)
    y += 4
    for inv in x["invoices"]:
        y = row(
            y,
            [
                ("NUM. CFDI O DOCUMENTO EQUIVALENTE", str(inv["number"]), 0.4),
                ("FECHA", _dmy(str(inv["date"])), 0.15),
                ("INCOTERM", str(inv.get("incoterm", "")), 0.15),
                ("E-DOCUMENT (COVE)", str(inv["cove"]), 0.3),
            ],
            20.0,
        )
    if x["guides"] or x["containers"]:
        y += 8
        items = [("NUMERO (GUIA/ORDEN EMBARQUE)", f"{g}  {k}") for g, k in x["guides"]]
        items += [("NUMERO DE CONTENEDOR", c) for c in x["containers"]]
        for k in range(0, len(items), 2):
            pair = items[k : k + 2]
            y = row(y, [(c, v, 0.5) for c, v in pair], 20.0)
    # the bar code and its human-readable line
    y += 18
    xx = L + 40
    for _k in range(90):
        w = rng.choice([0.5, 0.9, 1.4, 2.0])
        s.canvas.setLineWidth(w)
        s.canvas.line(xx, s.height - y, xx, s.height - (y + 34))
        xx += w + rng.choice([0.8, 1.2, 1.8])
    s.centre(L + 40 + (xx - L - 40) / 2, y + 44, f"{f['patente']}{n[8:]}{x['acuse']}", font="Courier", size=7)
    s.text(R - 190, y + 8, "DESADUANAMIENTO LIBRE / RECONOCIMIENTO", font=regular, size=5.5)
    s.text(R - 190, y + 18, "SELLO DEL MODULO DE SELECCION AUTOMATIZADA", font=regular, size=5.5)
    s.box(R - 195, y, R, y + 50, 0.5)

    # the annex: the partidas
    annex_pages = max(1, pages - 1) if pages else 1
    cols = [
        ("SEC", 16, "l"),
        ("FRACCION", 40, "l"),
        ("NICO", 20, "l"),
        ("DESCRIPCION", 100, "l"),
        ("UMC", 18, "l"),
        ("CANT. UMC", 46, "r"),
        ("UMT", 18, "l"),
        ("CANT. UMT", 46, "r"),
        ("P.V/C", 22, "l"),
        ("P.O/D", 22, "l"),
        ("VAL. ADUANA", 56, "r"),
        ("PRECIO PAGADO", 56, "r"),
        ("PRECIO UNIT.", 48, "r"),
        ("VAL. AGREG.", 0, "r"),
    ]
    widths = [w for _c, w, _a in cols]
    widths[-1] = (R - L) - sum(widths[:-1])

    def annex_top() -> float:
        s.new_page()
        s.text(L, 30, "ANEXO DE LA FORMA SIMPLIFICADA - RELACION DE PARTIDAS", font=bold, size=9)
        s.right(R, 30, f"Anexo hoja {s.page - 1} de {annex_pages}", font=regular, size=6.5)
        s.text(L, 41, f"NUM. PEDIMENTO: {_spaced(n)}    T. OPER: {f['operation_type']}", font=regular, size=6.5)
        s.text(
            L + 280, 41, f"CVE. PEDIMENTO: {f['clave']}    RFC: {f['importer_exporter_rfc']}", font=regular, size=6.5
        )
        y = 52.0
        s.shade(L, y, R, y + 13, 0.85)
        s.box(L, y, R, y + 13, 0.5)
        xx = L
        for (label, _w, align), w in zip(cols, widths, strict=True):
            if align == "r":
                s.right(xx + w - 2, y + 9, label, font=bold, size=5.2)
            else:
                s.text(xx + 2, y + 9, label, font=bold, size=5.2)
            xx += w
        return y + 13

    y = annex_top()
    fs = 6.0
    for ln in lines:
        desc = wrap(ln["description"], widths[3] - 4, font=regular, size=fs)
        h = 8 + 8 * len(desc) + 8
        if y + h > s.height - 50:
            y = annex_top()
        value = f"USD {ln['customs_value_mxn']:,.2f}" if export else peso(ln["customs_value_mxn"])
        cells = [
            str(ln["sequence"]),
            ln["tariff_code"],
            ln["nico"],
            "",
            ln["umc"],
            f"{ln['umc_quantity']:,.3f}",
            ln["umt"],
            f"{ln['umt_quantity']:,.3f}",
            ln["seller_buyer_country"],
            ln["origin_destination_country"],
            value,
            peso(ln["paid_price_mxn"]),
            peso(ln["unit_price"], 5),
            peso(ln["value_added"]),
        ]
        s.box(L, y, R, y + h, 0.3)
        xx = L
        for k, ((_label, _w, align), w, text) in enumerate(zip(cols, widths, cells, strict=True)):
            if k == 3:
                for j, part in enumerate(desc):
                    s.text(xx + 2, y + 9 + 8 * j, part, font=regular, size=fs)
            elif align == "r":
                s.right(xx + w - 2, y + 9, text, font=regular, size=fs)
            else:
                s.text(xx + 2, y + 9, text, font=regular, size=fs)
            xx += w
        end = s.text(
            L + widths[0] + widths[1] + widths[2] + 2, y + 9 + 8 * len(desc), "CODIGO PRODUCTO:", font=bold, size=5.5
        )
        s.text(end + 4, y + 9 + 8 * len(desc), ln["part_number"], font=regular, size=fs)
        y += h
    y += 14
    if y > s.height - 40:
        y = annex_top() + 10
    s.centre(
        (L + R) / 2,
        y,
        f"******** FIN DE PEDIMENTO ******** NUM. TOTAL DE PARTIDAS: {f['partida_count']} ******** "
        f"CLAVE PREVALIDADOR: {x['prevalidador']} ********",
        font=bold,
        size=6.5,
    )
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------

UNIT_NAMES = {"1": "KILO", "3": "METRO LINEAL", "6": "PIEZA"}


def _bilingue(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    export = f["operation_type"] == "EXP"
    s = Sheet(path, title="Pedimento - bilingual print")
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = 6.8
    L, R = 30.0, s.width - 30.0
    M = (L + R) / 2
    n = f["pedimento_number"]
    number = _spaced(n) if rng.random() < 0.6 else f"{n[:2]} {n[2:4]} {n[4:8]} {n[8:]}"

    def foot() -> None:
        s.right(R, s.height - 18, f"Página {s.page} de {pages} / Page {s.page} of {pages}", font=regular, size=6)
        s.text(L, s.height - 18, f"{x['broker'][0]} - Patente {f['patente']}", font=regular, size=6)

    def top() -> float:
        s.text(L, 32, "PEDIMENTO / MEXICAN CUSTOMS ENTRY", font=bold, size=11)
        s.right(R, 32, f"{number}", font=bold, size=9)
        s.hline(L, R, 38, 0.8)
        return 52.0

    def pair(xx: float, y: float, es: str, en: str, value: str) -> None:
        s.text(xx, y, f"{es} / {en}:", font=bold, size=size)
        s.text(xx + 150, y, value, font=regular, size=size)

    y = top()
    first = (
        ("Fecha de presentación", "Filing date", f.get("presentation_date"))
        if export
        else (
            "Fecha de entrada",
            "Entry date",
            f.get("entry_date"),
        )
    )
    left = [
        ("Número de pedimento", "Entry number", number),
        ("Tipo de operación", "Operation", f["operation_type"]),
        ("Clave de pedimento", "Entry type", f["clave"]),
        ("Régimen", "Regime", f["regimen"]),
        ("Aduana-sección", "Port", f["customs_office"]),
        ("Patente", "Broker license", f["patente"]),
        ("Tipo de cambio", "Exchange rate", f"{f['exchange_rate']:.5f}"),
        ("Peso bruto kg", "Gross weight kg", f"{f['gross_weight_kg']:,.3f}"),
    ]
    right = [
        ("Valor dólares", "Value USD", f"{f['usd_value']:,.2f}"),
        ("Valor aduana", "Customs value", f"{f['customs_value_mxn']:,.0f}"),
        ("Precio pagado", "Price paid", f"{f['commercial_value_mxn']:,.0f}"),
        (first[0], first[1], _dmy(str(first[2]))),
        ("Fecha de pago", "Payment date", _dmy(f["payment_date"])),
        ("Medio de transporte", "Mode", x["transport_code"]),
        ("Acuse de validación", "Validation receipt", x["acuse"]),
    ]
    if x["program"]:
        right.append(("Programa IMMEX", "IMMEX program", x["program"]))
    for k, (es, en, value) in enumerate(left):
        pair(L, y + 10 * k, es, en, value)
    for k, (es, en, value) in enumerate(right):
        pair(M + 10, y + 10 * k, es, en, value)
    y += 10 * max(len(left), len(right)) + 6
    pair(L, y, "Importador/exportador", "Importer/exporter", f["importer_exporter_name"])
    y += 10
    pair(L, y, "RFC", "Tax ID", f["importer_exporter_rfc"])
    y += 10
    pair(L, y, "Domicilio", "Address", x["importer_address"])
    y += 10
    role = ("Comprador", "Buyer") if export else ("Proveedor", "Supplier")
    pair(L, y, role[0], role[1], f"{x['supplier'][0]}  ({x['supplier_tax_id']})")
    y += 14
    for inv in x["invoices"]:
        pair(L, y, "Factura", "Invoice", f"{inv['number']}   {_dmy(str(inv['date']))}   {inv.get('incoterm', '')}")
        pair(M + 10, y, "COVE", "Value e-doc", str(inv["cove"]))
        y += 10
    for guide, kind in x["guides"]:
        pair(L, y, "Guía / B/L", "Master", f"{guide} ({kind})")
        y += 10
    if x["containers"]:
        pair(L, y, "Contenedores", "Containers", ", ".join(x["containers"]))
        y += 10
    y += 10

    rows = [
        ("Secuencia", "Line", lambda ln: str(ln["sequence"])),
        ("Fracción", "MX tariff", lambda ln: ln["tariff_code"]),
        ("NICO", "Stat. suffix", lambda ln: ln["nico"]),
        ("Descripción", "Description", None),
        ("No. de parte", "Part No.", lambda ln: ln["part_number"]),
        ("UMC", "Unit", lambda ln: f"{ln['umc']} {UNIT_NAMES.get(ln['umc'], '')}"),
        ("Cantidad UMC", "Quantity", lambda ln: f"{ln['umc_quantity']:,.3f}"),
        ("UMT", "Tariff unit", lambda ln: f"{ln['umt']} {UNIT_NAMES.get(ln['umt'], '')}"),
        ("Cantidad UMT", "Tariff qty", lambda ln: f"{ln['umt_quantity']:,.3f}"),
        ("País vend./comp.", "Seller/buyer", lambda ln: ln["seller_buyer_country"]),
        ("País orig./dest.", "Origin/dest.", lambda ln: ln["origin_destination_country"]),
        (
            "Valor aduana" if not export else "Valor USD",
            "Customs value" if not export else "Value USD",
            lambda ln: f"{ln['customs_value_mxn']:,.2f}" if export else f"{ln['customs_value_mxn']:,.0f}",
        ),
        ("Precio pagado", "Price paid", lambda ln: f"{ln['paid_price_mxn']:,.0f}"),
        ("Precio unitario", "Unit price", lambda ln: f"{ln['unit_price']:.5f}"),
        ("Valor agregado", "Value added", lambda ln: f"{ln['value_added']:,.0f}"),
    ]
    band = 4
    label_w = 118.0
    col_w = (R - L - label_w) / band
    lh = 9.0
    s.text(L, y, "PARTIDAS / LINE ITEMS", font=bold, size=8)
    y += 8
    for start in range(0, len(lines), band):
        group = lines[start : start + band]
        descs = [wrap(ln["description"], col_w - 8, font=regular, size=size) for ln in group]
        dl = max(len(d) for d in descs)
        height = lh * (len(rows) - 1 + dl) + 4
        if y + height > s.height - 40:
            foot()
            s.new_page()
            y = top()
            s.text(L, y, "PARTIDAS / LINE ITEMS (continúa / continued)", font=bold, size=8)
            y += 8
        s.box(L, y, L + label_w + col_w * len(group), y + height, 0.5)
        for k in range(len(group) + 1):
            s.vline(L + label_w + col_w * k, y, y + height, 0.4)
        yy = y
        for es, en, get in rows:
            tall = dl if get is None else 1
            s.shade(L, yy, L + label_w, yy + lh * tall, 0.9)
            s.text(L + 3, yy + 7, f"{es} / {en}", font=bold, size=size - 0.6)
            for k, ln in enumerate(group):
                cx = L + label_w + col_w * k + 4
                if get is None:
                    for j, part in enumerate(descs[k]):
                        s.text(cx, yy + 7 + lh * j, part, font=regular, size=size)
                else:
                    s.text(cx, yy + 7, get(ln), font=regular, size=size)
            yy += lh * tall
            s.hline(L, L + label_w + col_w * len(group), yy, 0.2)
        y += height + 10
    s.text(L, y + 4, f"Total de partidas / Total lines: {f['partida_count']}", font=bold, size=size + 0.5)
    foot()
    s.save()
    return s.page

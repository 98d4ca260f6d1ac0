"""Round 12 of the held-out pedimento printouts: two more ways a pedimento reaches paper, written before the reader
saw them.

Facts, not copies, from public sources: DOMAIN.md §1b; the official form's field list (Anexo 1 RGCE, "formato de
pedimento" and its instructivo; Anexo 22 for the field contents, Apéndice 7 for the units of measure); RGCE rule
6.1.1 and art. 89 of the Ley Aduanera (a pedimento's data may be rectified after payment by a rectification
pedimento, clave R1, which restates the data as they should read); the "dice / debe decir" form in which Mexican
offices and gazettes print a correction (the wrong text beside the text that replaces it); spreadsheet printing
(every cell's border ruled, a custom page footer, dates shown by the cell format).

* ``hojacalculo``: a small broker's office that keeps its pedimentos in a spreadsheet and prints the sheet: a
  landscape grid where every cell is ruled, every caption in lower case (``num. pedimento``, ``t. oper``, ``cve.
  pedimento``, ``tipo cambio``, ``valor dólares``, ``precio pagado/valor comercial``) in a shaded cell with its
  value centred in the next one; the number either run together (``254734455001234``) or spaced as the form
  prints it, as the office typed it; dates in the cell format ``27-ago-25``; a grid of the invoices (``num.
  factura | fecha | incoterm | moneda | val. dólares | cove``) and one of the guías and containers; the partidas
  as one ruled row each, every value centred, with lower-case column captions (``sec | fracción | nico |
  descripción | umc | cant. umc | umt | cant. umt | p.v/c | p.o/d | val. aduana | precio pagado | precio unit.
  | val. agreg. | no. parte``), the caption row repeated on every page; the workbook's name at the head of
  every page and ``hoja 1 de 3`` at the foot.
* ``dicedebe``: the reprint of a pedimento after a rectification, as a broker's system prints the pedimento's
  data as they now stand: the header as ``LABEL: value`` lines for what did not change, and a ``DATOS
  RECTIFICADOS`` table ``CAMPO | DICE | DEBE DECIR`` for the header values that did (gross weight, dollar value,
  customs value, commercial value): the ``DICE`` column holds the superseded values, the truth keeps the ``DEBE
  DECIR`` ones; in the partidas table each rectified partida takes two rows, the first marked ``DICE`` with the
  old quantities and values and the second ``DEBE DECIR`` with the values that stand (the truth's), the others
  one row; the rectification's payment date as a distractor date in the title block
  (``RECTIFICACIÓN PAGADA EL``).

Both print every partida's part number (the truth keeps it).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("hojacalculo", "dicedebe")
MESES = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"]


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random, pages: int) -> int:
    """Draw the printout (``pages``: the page count of a first drawing); returns its page count."""
    if arrangement == "hojacalculo":
        return _hoja(truth, path, rng, pages)
    return _dicedebe(truth, path, rng, pages)


def _short(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day:02d}-{MESES[d.month - 1]}-{d.year % 100:02d}"


def _dmy(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _value(v: float, export: bool) -> str:
    return f"{v:,.2f}" if export else f"{v:,.0f}"


# --------------------------------------------------------------------------------------------------------


def _hoja(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    export = f["operation_type"] == "EXP"
    s = Sheet(path, wide=True, title="captura pedimentos")
    font = rng.choice(["Helvetica", "Times-Roman"])
    bold = "Helvetica-Bold" if font == "Helvetica" else "Times-Bold"
    size = 6.6
    L, R = 28.0, s.width - 28.0
    n = f["pedimento_number"]
    number = n if rng.random() < 0.5 else f"{n[:2]} {n[2:4]} {n[4:8]} {n[8:]}"
    book = f"pedimentos {date.fromisoformat(f['payment_date']).year}.xlsx"
    sheet_name = f"{n[8:]}"

    def frame() -> None:
        s.text(L, 20, f"{book} - {sheet_name}", font=font, size=6)
        s.right(R, s.height - 16, f"hoja {s.page} de {pages}", font=font, size=6)

    def cells(y: float, row: list[tuple[str, str, float]], h: float = 13.0) -> float:
        """Caption and value cells across the row: (caption, value, value-cell width)."""
        xx = L
        for caption, value, w in row:
            cw = max(70.0, len(caption) * 3.6)
            s.shade(xx, y, xx + cw, y + h, 0.9)
            s.box(xx, y, xx + cw, y + h, 0.4)
            s.text(xx + 3, y + h - 4, caption, font=bold, size=size)
            s.box(xx + cw, y, xx + cw + w, y + h, 0.4)
            s.centre(xx + cw + w / 2, y + h - 4, value, font=font, size=size)
            xx += cw + w
        return y + h

    frame()
    s.centre(s.width / 2, 40, "pedimento", font=bold, size=11)
    y = 48.0
    first = ("fecha presentación", f["presentation_date"]) if export else ("fecha entrada", f["entry_date"])
    y = cells(
        y,
        [("num. pedimento", number, 110), ("t. oper", f["operation_type"], 50)]
        + [("cve. pedimento", f["clave"], 40), ("régimen", f["regimen"], 50), ("patente", f["patente"], 60)],
    )
    y = cells(
        y,
        [
            ("aduana e/s", f["customs_office"], 60),
            ("tipo cambio", f"{f['exchange_rate']:.5f}", 70),
            ("peso bruto", f"{f['gross_weight_kg']:,.3f}", 80),
            (first[0], _short(first[1]), 60),
            ("fecha pago", _short(f["payment_date"]), 60),
        ],
    )
    y = cells(
        y,
        [
            ("valor dólares", f"{f['usd_value']:,.2f}", 90),
            ("valor aduana", f"{f['customs_value_mxn']:,.0f}", 90),
            ("precio pagado/valor comercial", f"{f['commercial_value_mxn']:,.0f}", 90),
        ],
    )
    y = cells(y, [("rfc", f["importer_exporter_rfc"], 90), ("nombre", f["importer_exporter_name"], 330)])
    y = cells(y, [("domicilio", x["importer_address"], 330), ("programa immex", x["program"] or "", 80)])
    y = cells(
        y,
        [
            ("proveedor/comprador", x["supplier"][0], 250),
            ("id. fiscal", x["supplier_tax_id"], 90),
            ("num. partidas", str(f["partida_count"]), 40),
        ],
    )
    y += 10
    heads = [
        ("num. factura", 100),
        ("fecha", 60),
        ("incoterm", 50),
        ("moneda", 45),
        ("val. dólares", 80),
        ("cove", 100),
    ]

    def grid_row(y: float, values: list[str], widths: Sequence[float], shade: bool = False, h: float = 12.0) -> float:
        xx = L
        for value, w in zip(values, widths, strict=True):
            if shade:
                s.shade(xx, y, xx + w, y + h, 0.9)
            s.box(xx, y, xx + w, y + h, 0.4)
            s.centre(xx + w / 2, y + h - 3.5, value, font=bold if shade else font, size=size)
            xx += w
        return y + h

    widths = [w for _c, w in heads]
    y = grid_row(y, [c for c, _w in heads], widths, True)
    for inv in x["invoices"]:
        usd = inv.get("usd")
        y = grid_row(
            y,
            [
                str(inv["number"]),
                _short(str(inv["date"])),
                inv.get("incoterm", ""),
                inv.get("currency", "USD"),
                f"{usd:,.2f}" if usd is not None else "",
                str(inv["cove"]),
            ],
            widths,
        )
    if x["guides"] or x["containers"]:
        y += 8
        rows = [[guide, "guía master" if kind == "M" else "guía house"] for guide, kind in x["guides"]]
        rows += [[c, "contenedor"] for c in x["containers"]]
        y = grid_row(y, ["número", "tipo"], [120, 80], True)
        for row in rows:
            y = grid_row(y, row, [120, 80], False)
    y += 12
    cols = [
        ("sec", 22),
        ("fracción", 44),
        ("nico", 24),
        ("descripción", 170),
        ("umc", 24),
        ("cant. umc", 56),
        ("umt", 24),
        ("cant. umt", 56),
        ("p.v/c", 28),
        ("p.o/d", 28),
        ("val. aduana", 58),
        ("precio pagado", 58),
        ("precio unit.", 52),
        ("val. agreg.", 44),
        ("no. parte", 0),
    ]
    widths = [w for _c, w in cols]
    widths[-1] = R - L - sum(widths[:-1])
    y = grid_row(y, [c for c, _w in cols], widths, True)
    for ln in lines:
        desc = wrap(ln["description"].lower(), 164, font=font, size=size)
        h = 4 + 8 * len(desc)
        if y + h > s.height - 30:
            s.new_page()
            frame()
            y = grid_row(36.0, [c for c, _w in cols], widths, True)
        values = [
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
            _value(ln["customs_value_mxn"], export),
            f"{ln['paid_price_mxn']:,.0f}",
            f"{ln['unit_price']:.5f}",
            f"{ln['value_added']:,.0f}",
            ln["part_number"],
        ]
        xx = L
        mid = y + h / 2 + 2.5
        for k, (value, w) in enumerate(zip(values, widths, strict=True)):
            s.box(xx, y, xx + w, y + h, 0.4)
            if k == 3:
                for j, part in enumerate(desc):
                    s.centre(xx + w / 2, y + 9 + 8 * j, part, font=font, size=size)
            else:
                s.centre(xx + w / 2, mid, value, font=font, size=size)
            xx += w
        y += h
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _dicedebe(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    export = f["operation_type"] == "EXP"
    s = Sheet(path, title="Pedimento rectificado")
    font, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Courier", "Courier-Bold")])
    size = 6.6 if font == "Helvetica" else 6.2
    lh = size + 3.2
    L, R = 30.0, s.width - 30.0
    n = f["pedimento_number"]
    number = f"{n[:2]}  {n[2:4]}  {n[4:8]}  {n[8:]}"
    paid = date.fromisoformat(f["payment_date"])
    rect_paid = paid + timedelta(days=rng.randint(5, 60))

    def off(v: float, decimals: int) -> float:
        """A superseded value: the one first declared, a few per cent off the one that stands."""
        return round(v * rng.choice([0.91, 0.95, 0.97, 1.03, 1.06, 1.12]), decimals)

    changed = rng.sample(["gross", "usd", "customs", "commercial"], rng.randint(2, 4))
    header_values = {
        "gross": ("PESO BRUTO", f["gross_weight_kg"], 3),
        "usd": ("VALOR DOLARES", f["usd_value"], 2),
        "customs": ("VALOR ADUANA", f["customs_value_mxn"], 0),
        "commercial": ("PRECIO PAGADO/VALOR COMERCIAL", f["commercial_value_mxn"], 0),
    }
    rectified = {ln["sequence"] for ln in rng.sample(lines, max(1, len(lines) // 3))}

    def top() -> float:
        s.text(L, 30, x["broker"][0], font=bold, size=9)
        s.text(L, 40, f"PATENTE {f['patente']}   AGENTE ADUANAL {x['broker'][1]}", font=font, size=size)
        s.right(R, 30, "PEDIMENTO RECTIFICADO", font=bold, size=10)
        s.right(R, 40, f"HOJA {s.page} DE {pages}", font=font, size=size)
        s.hline(L, R, 45, 1.0)
        return 58.0

    def lv(xx: float, y: float, label: str, value: str) -> None:
        end = s.text(xx, y, label, font=bold, size=size)
        s.text(end + 4, y, value, font=font, size=size)

    y = top()
    lv(L, y, "NUM. PEDIMENTO:", number)
    lv(L + 200, y, "T. OPER:", f["operation_type"])
    lv(L + 280, y, "CVE. PEDIMENTO:", f["clave"])
    lv(L + 390, y, "REGIMEN:", f["regimen"])
    y += lh
    lv(L, y, "TIPO CAMBIO:", f"{f['exchange_rate']:.5f}")
    lv(L + 200, y, "ADUANA E/S:", f["customs_office"])
    lv(L + 390, y, "RECTIFICACION PAGADA EL:", _dmy(rect_paid.isoformat()))
    y += lh
    for key, (label, value, dec) in header_values.items():
        if key not in changed:
            lv(L, y, f"{label}:", f"{value:,.{dec}f}")
            y += lh
    first = ("PRESENTACION:", f["presentation_date"]) if export else ("ENTRADA:", f["entry_date"])
    lv(L, y, first[0], _dmy(first[1]))
    lv(L + 200, y, "PAGO:", _dmy(f["payment_date"]))
    y += lh
    lv(L, y, "RFC:", f["importer_exporter_rfc"])
    lv(L + 200, y, "NOMBRE, DENOMINACION O RAZON SOCIAL:", f["importer_exporter_name"])
    y += lh
    lv(L, y, "DOMICILIO:", x["importer_address"].upper())
    y += lh
    if x["program"]:
        lv(L, y, "IDENTIFICADOR:", "IM")
        lv(L + 200, y, "COMPLEMENTO 1:", x["program"])
        y += lh
    for inv in x["invoices"]:
        lv(L, y, "FACTURA:", str(inv["number"]))
        lv(L + 200, y, "FECHA:", _dmy(str(inv["date"])))
        lv(L + 300, y, "COVE:", str(inv["cove"]))
        y += lh
    for guide, kind in x["guides"]:
        lv(L, y, "NO. (GUIA/ORDEN EMBARQUE)/ID:", f"{guide} {kind}")
        y += lh
    for c in x["containers"]:
        lv(L, y, "CONTENEDOR:", c)
        y += lh
    lv(L, y, "NUM. TOTAL DE PARTIDAS:", str(f["partida_count"]))
    y += lh + 6
    s.shade(L, y - 8, R, y + 3, 0.85)
    s.text(L + 4, y, "DATOS RECTIFICADOS", font=bold, size=size + 0.5)
    y += lh + 2
    for label, xx in (("CAMPO", L + 4), ("DICE", L + 260), ("DEBE DECIR", L + 400)):
        s.text(xx, y, label, font=bold, size=size)
    s.hline(L, R, y + 3, 0.4)
    y += lh + 1
    for key, (label, value, dec) in header_values.items():
        if key in changed:
            s.text(L + 4, y, label, font=font, size=size)
            s.text(L + 260, y, f"{off(value, dec):,.{dec}f}", font=font, size=size)
            s.text(L + 400, y, f"{value:,.{dec}f}", font=font, size=size)
            y += lh
    s.hline(L, R, y - lh + 3, 0.4)
    y += 8

    cols = (
        ("SEC", 0, "l"),
        ("FRACCION", 24, "l"),
        ("NICO", 66, "l"),
        ("UMC", 90, "l"),
        ("CANT. UMC", 160, "r"),
        ("UMT", 166, "l"),
        ("CANT. UMT", 236, "r"),
        ("P.V/C", 244, "l"),
        ("P.O/D", 272, "l"),
        ("VAL. ADUANA", 358, "r"),
        ("IMP. PRECIO PAG.", 430, "r"),
        ("PRECIO UNIT.", 486, "r"),
        ("VAL. AGREG.", 530, "r"),
        ("", 536, "l"),
    )

    def head(y: float) -> float:
        s.shade(L, y - 8, R, y + 3, 0.85)
        for label, dx, align in cols:
            (s.right if align == "r" else s.text)(L + dx, y, label, font=bold, size=size)
        return y + lh + 2

    y = head(y)
    for ln in lines:
        desc = wrap(ln["description"].upper(), 380, font=font, size=size)
        two = ln["sequence"] in rectified
        rows = 2 if two else 1
        if y + lh * (rows + len(desc) + 1) > s.height - 40:
            s.new_page()
            y = head(top())

        def row(y: float, q1: float, q2: float, val: float, paid_price: float, unit: float, mark: str) -> None:
            cells = [
                str(ln["sequence"]),
                ln["tariff_code"],
                ln["nico"],
                ln["umc"],
                f"{q1:,.3f}",
                ln["umt"],
                f"{q2:,.3f}",
                ln["seller_buyer_country"],
                ln["origin_destination_country"],
                _value(val, export),
                f"{paid_price:,.0f}",
                f"{unit:.5f}",
                f"{ln['value_added']:,.0f}",
                mark,
            ]
            for (_l, dx, align), cell in zip(cols, cells, strict=True):
                (s.right if align == "r" else s.text)(L + dx, y, cell, font=bold if cell == mark else font, size=size)

        if two:
            k = rng.choice([0.9, 0.95, 1.05, 1.1])
            q1 = round(ln["umc_quantity"] * k, 0 if ln["umc"] == "6" else 3)  # pieces stay whole
            pp = round(ln["paid_price_mxn"] * k)
            row(
                y,
                q1,
                round(ln["umt_quantity"] * k, 0 if ln["umt"] == "6" else 3),
                round(ln["customs_value_mxn"] * k, 2 if export else 0),
                pp,
                round(pp / q1, 5) if q1 else ln["unit_price"],
                "DICE",
            )
            y += lh
        row(
            y,
            ln["umc_quantity"],
            ln["umt_quantity"],
            ln["customs_value_mxn"],
            ln["paid_price_mxn"],
            ln["unit_price"],
            "DEBE DECIR" if two else "",
        )
        y += lh
        for part in desc:
            s.text(L + 24, y, part, font=font, size=size)
            y += lh
        end = s.text(L + 24, y, "CODIGO PRODUCTO:", font=bold, size=size)
        s.text(end + 4, y, ln["part_number"], font=font, size=size)
        y += lh
        s.hline(L, R, y - lh + 4, 0.2)
    y += 6
    s.centre(
        s.width / 2,
        y,
        f"***** FIN DE PEDIMENTO ***** NUM. TOTAL DE PARTIDAS: {f['partida_count']} *****",
        font=bold,
        size=size,
    )
    s.save()
    return s.page

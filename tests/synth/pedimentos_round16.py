"""Round 16 of the held-out pedimento printouts: two more ways a pedimento reaches paper, written before the reader
saw them.

Facts, not copies, from public sources: DOMAIN.md §1b; the official form's field list (Anexo 1 RGCE, "formato de
pedimento" and its instructivo, whose ``DESCARGOS`` block lists, for a pedimento that discharges earlier ones, each
original pedimento's number, date, clave, aduana, fracción and the quantity discharged; Anexo 22 for the field
contents and Apéndice 7 for the units); how report writers set long record lists in "newspaper" columns (the records
run down the left half of the page and continue at the top of the right half, so two records stand side by side on
the same text lines); how a fax machine prints every received page (the sender's transmit terminal identification
line across the top: date, time, the sender's number and name, and a page counter ``P.02/04`` that counts the
transmission's pages).

* ``periodico``: a broker system's print where the partidas run in TWO newspaper columns: page 1 opens with the
  header as ``LABEL: value`` lines across the full width (``NUM. PEDIMENTO:`` with two spaces between the blocks,
  ``T. OPER:``, ``CVE. PEDIMENTO:``, ``REGIMEN:``, ``TIPO CAMBIO:``, ``PESO BRUTO:``, ``ADUANA E/S:``, the three
  values, the dates, the invoices, guías and containers), then a rule splits the page in two and each half holds
  partida records (``SEC 3  FRACC. 85423999  NICO 99`` / the quantities and units / ``P.V/C CHN  P.O/D CHN`` / the
  description wrapped to the half's width / ``VAL.ADU`` and ``IMP.PRECIO PAG.`` / ``P.UNIT.`` and ``VAL.AGREG.`` /
  ``COD. PRODUCTO:`` with the part number); the left column is filled first, top to bottom, and the right one
  continues it, so that a text line carries the fields of two different partidas; later pages repeat the
  secondary header and go on in two columns; the FIN line with the partida count under the last record.
* ``descargos``: a pedimento received by fax: every page carries the fax header line (``27/08/2025 10:14  FAX
  +52 867 712 3456  AGENCIA ADUANAL …  P.02/03``: the transmission's date and page counter, not the pedimento's)
  over the broker system's own ``Página 2 de 3``; the header as ``LABEL: value`` lines in two columns in Courier as a
  line printer prints them; for an export (a retorno of goods made from temporary imports) the ``DESCARGOS`` block
  under the header: a table ``NUM. PEDIMENTO ORIGINAL | FECHA OPERACIÓN ORIG. | CVE. PED. ORIG. | ADUANA | FRACCIÓN
  ORIGINAL | UNIDAD MEDIDA | MERCANCÍA DESCARGADA`` whose pedimento numbers are printed exactly as this pedimento's
  own (``25  47  3445  5001234``) and whose fracciones and quantities are the original imports' (numbers that are
  not this pedimento's); imports print no such block; the partidas as four-line records under a three-line header,
  the ``CODIGO PRODUCTO`` on the fourth line; the FIN line with the partida count.

Both print every partida's part number (the truth keeps it).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("periodico", "descargos")


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random, pages: int) -> int:
    """Draw the printout (``pages``: the page count of a first drawing); returns its page count."""
    if arrangement == "periodico":
        return _periodico(truth, path, rng, pages)
    return _descargos(truth, path, rng, pages)


def _dmy(iso: str) -> str:
    d = date.fromisoformat(str(iso))
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def spaced(n: str) -> str:
    """``254734455001234`` → ``25  47  3445  5001234`` (two spaces between the blocks, as the instructivo asks)."""
    return f"{n[:2]}  {n[2:4]}  {n[4:8]}  {n[8:]}"


def _header_rows(truth: dict[str, Any], num: Any) -> list[tuple[str, str]]:
    f, x = truth["fields"], truth["extra"]
    export = f["operation_type"] == "EXP"
    first = ("FECHA PRESENTACION:", f["presentation_date"]) if export else ("FECHA ENTRADA:", f["entry_date"])
    code = x["transport_code"]
    rows = [
        ("NUM. PEDIMENTO:", spaced(f["pedimento_number"])),
        ("T. OPER:", f["operation_type"]),
        ("CVE. PEDIMENTO:", f["clave"]),
        ("REGIMEN:", f["regimen"]),
        ("DESTINO:", x["destino"]),
        ("TIPO CAMBIO:", f"{f['exchange_rate']:.5f}"),
        ("PESO BRUTO:", num(f["gross_weight_kg"], 3)),
        ("ADUANA E/S:", f["customs_office"]),
        ("PATENTE:", f["patente"]),
        ("MEDIOS TRANSP. E/S ARR SAL:", f"{code}  {code}  {code}"),
        ("VALOR DOLARES:", num(f["usd_value"], 2)),
        ("VALOR ADUANA:", num(f["customs_value_mxn"])),
        ("PRECIO PAGADO/VALOR COMERCIAL:", num(f["commercial_value_mxn"])),
        (first[0], _dmy(first[1])),
        ("FECHA PAGO:", _dmy(f["payment_date"])),
        ("RFC:", f["importer_exporter_rfc"]),
        ("CURP:", ""),
        ("ACUSE DE VALIDACION:", x["acuse"]),
    ]
    if x["program"]:
        rows.append(("IDENTIF. IM:", x["program"]))
    return rows


def _docs(truth: dict[str, Any]) -> list[str]:
    x = truth["extra"]
    out = []
    for inv in x["invoices"]:
        out.append(
            f"FACTURA: {inv['number']}   FECHA: {_dmy(str(inv['date']))}   INCOTERM: {inv.get('incoterm', '')}"
            f"   COVE: {inv['cove']}"
        )
    for guide, kind in x["guides"]:
        out.append(f"NUMERO (GUIA/ORDEN EMBARQUE)/ID: {guide}  {kind}")
    for c in x["containers"]:
        out.append(f"NUMERO/TIPO CONTENEDOR: {c}")
    return out


# --------------------------------------------------------------------------------------------------------


def _periodico(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    export = f["operation_type"] == "EXP"
    s = Sheet(path, title="Pedimento")
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = 7.4
    sep = rng.choice([True, False])
    L, R = 26.0, s.width - 26.0
    M = (L + R) / 2
    bottom = s.height - 40

    def num(v: float, d: int = 0) -> str:
        return f"{v:,.{d}f}" if sep else f"{v:.{d}f}"

    def head() -> float:
        s.text(L, 28, "PEDIMENTO" if s.page == 1 else "ANEXO DEL PEDIMENTO", font=bold, size=11)
        s.right(R, 28, f"Página {s.page} de {pages}", font=regular, size=size)
        s.text(L, 38, f"{x['broker'][0]}   PATENTE {f['patente']}", font=regular, size=size - 0.8)
        s.hline(L, R, 42, 0.8)
        if s.page == 1:
            return 54.0
        s.text(L, 52, f"NUM. PEDIMENTO: {spaced(f['pedimento_number'])}", font=bold, size=size)
        s.text(L + 230, 52, f"T. OPER: {f['operation_type']}", font=bold, size=size)
        s.text(L + 310, 52, f"CVE. PEDIMENTO: {f['clave']}", font=bold, size=size)
        s.text(L + 420, 52, f"RFC: {f['importer_exporter_rfc']}", font=regular, size=size)
        s.hline(L, R, 57, 0.5)
        return 68.0

    y = head()
    rows = _header_rows(truth, num)
    third = (R - L) / 3
    for k, (label, value) in enumerate(rows):
        cx = L + third * (k % 3)
        yy = y + 11 * (k // 3)
        end = s.text(cx, yy, label, font=bold, size=size - 0.4)
        s.text(end + 4, yy, value, font=regular, size=size - 0.2)
    y += 11 * ((len(rows) + 2) // 3) + 4
    s.text(L, y, "NOMBRE, DENOMINACION O RAZON SOCIAL:", font=bold, size=size - 0.4)
    s.text(L + 170, y, f["importer_exporter_name"], font=regular, size=size)
    y += 12
    for part in _docs(truth):
        s.text(L, y, part, font=regular, size=size - 0.4)
        y += 10
    y += 4
    s.shade(L, y - 8, R, y + 3, 0.85)
    s.centre((L + R) / 2, y, "P A R T I D A S", font=bold, size=size)
    y += 10
    half = M - L - 10

    def record(ln: dict[str, Any]) -> list[tuple[str, str]]:
        out = [
            (bold, f"SEC {ln['sequence']}   FRACC. {ln['tariff_code']}   NICO {ln['nico']}   VINC. 0   MET.VAL 1"),
            (
                regular,
                f"UMC {ln['umc']}  CANT.UMC {num(ln['umc_quantity'], 3)}   UMT {ln['umt']}  "
                f"CANT.UMT {num(ln['umt_quantity'], 3)}",
            ),
            (regular, f"P.V/C {ln['seller_buyer_country']}   P.O/D {ln['origin_destination_country']}"),
        ]
        out += [(regular, part) for part in wrap(f"DESC.: {ln['description']}", half, font=regular, size=size)]
        adu = num(ln["customs_value_mxn"], 2) if export else num(ln["customs_value_mxn"])
        out.append((regular, f"VAL.ADU/USD {adu}   IMP.PRECIO PAG. {num(ln['paid_price_mxn'])}"))
        out.append((regular, f"P.UNIT. {ln['unit_price']:.5f}   VAL.AGREG. {num(ln['value_added'])}"))
        out.append((regular, f"COD. PRODUCTO: {ln['part_number']}"))
        return out

    col = 0
    col_top = y
    s.vline(M, col_top - 6, bottom)
    for ln in lines:
        rec = record(ln)
        h = 9.2 * len(rec) + 7
        if y + h > bottom:
            if col == 0:
                col, y = 1, col_top
            else:
                s.new_page()
                col_top = y = head() + 4
                col = 0
                s.vline(M, col_top - 6, bottom)
        cx = L if col == 0 else M + 8
        for font, text in rec:
            s.text(cx, y, text, font=font, size=size)
            y += 9.2
        s.hline(cx, cx + half, y - 5, 0.2)
        y += 7
    if y + 14 > bottom:
        if col == 0:
            col, y = 1, col_top
        else:
            s.new_page()
            y = head() + 4
            col = 0
    cx = L if col == 0 else M + 8
    s.text(cx, y + 4, "***** FIN DE PEDIMENTO *****", font=bold, size=size)
    s.text(cx, y + 14, f"NUM. TOTAL DE PARTIDAS: {f['partida_count']}", font=bold, size=size)
    s.text(cx, y + 24, f"CLAVE PREVALIDADOR: {x['prevalidador']}", font=bold, size=size)
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _discharged(truth: dict[str, Any], rng: random.Random) -> list[list[str]]:
    """The original imports an export discharges: one or two per partida, numbers shaped as pedimento numbers."""
    f = truth["fields"]
    paid = date.fromisoformat(f["payment_date"])
    rows = []
    for ln in truth["lines"]:
        left = float(ln["umt_quantity"])
        for k in range(rng.choice([1, 1, 2])):
            when = paid - timedelta(days=rng.randint(30, 400))
            number = f"{when.year % 100:02d}{rng.choice(['47', '24', '07'])}{f['patente']}{when.year % 10}"
            number += f"{rng.randint(0, 999999):06d}"
            part = round(left if k else left * rng.uniform(0.3, 1.0), 3)
            rows.append(
                [
                    spaced(number),
                    _dmy(when.isoformat()),
                    rng.choice(["IN", "A1"]),
                    rng.choice(["470", "240", "800"]),
                    ln["tariff_code"],
                    ln["umt"],
                    f"{part:.3f}",
                ]
            )
            left = round(left - part, 3)
            if left <= 0:
                break
    return rows


def _descargos(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    export = f["operation_type"] == "EXP"
    s = Sheet(path, title="Pedimento")
    regular, bold = "Courier", "Courier-Bold"
    size = 7.0
    L, R = 24.0, s.width - 24.0
    sent = f"{_dmy(f['payment_date'])} {rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}"
    fax = f"+52 {rng.choice(['867', '656', '899', '81'])} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    sender = x["broker"][0][:38]
    extra_pages = rng.choice([0, 1])  # a cover sheet counted by the fax, not printed by the broker system
    total = pages + extra_pages
    discharged = _discharged(truth, rng) if export else []

    def num(v: float, d: int = 0) -> str:
        return f"{v:.{d}f}"

    def head() -> float:
        counter = f"P.{s.page + extra_pages:02d}/{total:02d}" if pages else "P.01/01"
        s.text(L, 14, f"{sent}   FAX {fax}   {sender}", font="Courier", size=6.6)
        s.right(R, 14, counter, font="Courier", size=6.6)
        s.hline(L, R, 17, 0.3)
        s.text(L, 32, "PEDIMENTO" if s.page == 1 else "ANEXO DEL PEDIMENTO", font=bold, size=10)
        s.right(R, 32, f"Página {s.page} de {pages}", font=regular, size=size)
        if s.page == 1:
            return 46.0
        s.text(L, 44, f"NUM. PEDIMENTO: {spaced(f['pedimento_number'])}", font=bold, size=size)
        s.text(L + 250, 44, f"T. OPER: {f['operation_type']}  CVE. PEDIMENTO: {f['clave']}", font=bold, size=size)
        s.text(L, 54, f"RFC: {f['importer_exporter_rfc']}", font=regular, size=size)
        return 66.0

    y = head()
    rows = _header_rows(truth, num)
    half = (R - L) / 2
    for k, (label, value) in enumerate(rows):
        cx = L + half * (k % 2)
        yy = y + 10 * (k // 2)
        s.text(cx, yy, f"{label:<31}{value}", font=regular, size=size)
    y += 10 * ((len(rows) + 1) // 2) + 4
    s.text(L, y, f"NOMBRE, DENOMINACION O RAZON SOCIAL: {f['importer_exporter_name']}", font=regular, size=size)
    y += 12
    for part in _docs(truth):
        s.text(L, y, part, font=regular, size=size)
        y += 10
    y += 4
    if discharged:
        s.shade(L, y - 8, R, y + 3, 0.85)
        s.text(L + 2, y, "DESCARGOS", font=bold, size=size + 0.5)
        y += 11
        dcols = [0, 118, 196, 246, 290, 360, 420]
        dlabels = [
            "NUM. PEDIMENTO ORIGINAL",
            "FECHA OPER. ORIG.",
            "CVE.PED.",
            "ADUANA",
            "FRACCION ORIG.",
            "UNIDAD MED.",
            "MERCANCIA DESCARGADA",
        ]
        for dx, label in zip(dcols, dlabels, strict=True):
            s.text(L + dx, y, label, font=bold, size=size - 1.2)
        y += 9
        for row in discharged:
            if y > s.height - 60:
                s.new_page()
                y = head()
            for dx, text in zip(dcols, row, strict=True):
                s.text(L + dx, y, text, font=regular, size=size - 0.4)
            y += 9
        y += 6

    def part_header(y: float) -> float:
        s.hline(L, R, y - 8, 0.5)
        s.text(L, y, "SEC FRACCION  SUBD VINC MET UMC  CANT.UMC    UMT  CANT.UMT   P.V/C P.O/D", font=bold, size=size)
        s.text(L, y + 9, "    DESCRIPCION (RENGLONES VARIABLES SEGUN SE REQUIERA)", font=bold, size=size)
        s.text(L, y + 18, "    VAL.ADU/USD   IMP.PRECIO PAG.  PRECIO UNIT.  VAL.AGREG.", font=bold, size=size)
        s.text(L, y + 27, "    MARCA      MODELO      CODIGO PRODUCTO", font=bold, size=size)
        s.hline(L, R, y + 31, 0.5)
        return y + 42

    if y + 80 > s.height - 40:
        s.new_page()
        y = head()
    y = part_header(y)
    for ln in lines:
        desc = wrap(ln["description"], R - L - 40, font=regular, size=size)
        h = 9 * (3 + len(desc)) + 6
        if y + h > s.height - 36:
            s.new_page()
            y = part_header(head())
        first = (
            f"{ln['sequence']:<4}{ln['tariff_code']:<10}{ln['nico']:<5}{'0':<5}{'1':<4}{ln['umc']:<5}"
            f"{num(ln['umc_quantity'], 3):<12}{ln['umt']:<5}{num(ln['umt_quantity'], 3):<11}"
            f"{ln['seller_buyer_country']:<6}{ln['origin_destination_country']}"
        )
        s.text(L, y, first, font=regular, size=size)
        y += 9
        for part in desc:
            s.text(L + 17, y, part, font=regular, size=size)
            y += 9
        adu = num(ln["customs_value_mxn"], 2) if export else num(ln["customs_value_mxn"])
        values = f"{adu:<14}{num(ln['paid_price_mxn']):<17}{ln['unit_price']:<14.5f}{num(ln['value_added'])}"
        s.text(L + 17, y, values, font=regular, size=size)
        y += 9
        s.text(L + 17, y, f"{'S/M':<11}{'S/M':<12}{ln['part_number']}", font=regular, size=size)
        y += 12
    if y + 12 > s.height - 36:
        s.new_page()
        y = head()
    s.text(
        L,
        y + 4,
        f"*** FIN DE PEDIMENTO *** NUM. TOTAL DE PARTIDAS: {f['partida_count']} *** "
        f"CLAVE PREVALIDADOR: {x['prevalidador']} ***",
        font=bold,
        size=size,
    )
    s.save()
    return s.page

"""Round 15 of the held-out pedimento printouts: two more ways a pedimento reaches paper, written before the reader
saw them.

Facts, not copies, from public sources: DOMAIN.md §1b; the official form's field list (Anexo 1 RGCE, "formato de
pedimento" and its instructivo: a dynamic form made of blocks, printed preferably by laser on letter paper, the
``ENCABEZADO PARA PÁGINAS SECUNDARIAS`` on every later page; Anexo 22 for the field contents and Apéndice 7 for the
units); how office printers and PDF writers put pages on paper: the printer driver's "pages per sheet" setting (two
pages of the document scaled down side by side on one landscape sheet, the sheet counted by the print dialog's own
footer), and PDF files that mix portrait and landscape pages, the landscape ones kept as portrait pages with a
``/Rotate 90`` entry so that a viewer turns them (the page's content is drawn turned, the viewer shows it upright).

* ``doshojas``: the broker's print of the official form made with "2 páginas por hoja": every physical sheet is
  landscape and holds two consecutive pages of the pedimento scaled to about two thirds, each with its own frame,
  ``Página 1 de 4`` in its own corner, so that the two pages' lines stand at the same heights side by side (the left
  page's ``NUM. PEDIMENTO`` beside the right page's partidas); the print dialog's footer under the pair (``Impreso
  27/08/2025 10:14  ·  Hoja 1 de 2``: sheets, not the pedimento's pages); the last sheet's right half blank when the
  pages are odd. The pages themselves: ``LABEL: value`` lines (``NUM. PEDIMENTO:`` with two spaces between the
  blocks, ``T. OPER:``, ``CVE. PEDIMENTO:``, ``REGIMEN:``, ``TIPO CAMBIO:``, ``PESO BRUTO:``, ``ADUANA E/S:``, the
  three values, the dates under ``FECHAS``); partidas as four-row records (codes; description; ``VAL. ADU/USD  IMP.
  PRECIO PAG.  PRECIO UNIT.  VAL. AGREG.``; ``MARCA  MODELO  CODIGO PRODUCTO`` with the part number) under the
  three-row header, repeated on each page after the secondary header; the FIN line with the partida count.
* ``rotado``: a pedimento whose first page is portrait and whose partidas annex is landscape: the header on page 1 in
  ruled blocks with their captions shaded (``ENCABEZADO DEL PEDIMENTO``, ``DATOS DEL IMPORTADOR / EXPORTADOR``,
  ``FACTURAS``, ``TRANSPORTE``), and from page 2 on the partidas as one wide row each (``SEC  FRACCION  NICO  VINC
  MET.VAL  UMC  CANT. UMC  UMT  CANT. UMT  P.V/C  P.O/D  VAL.ADU/USD  IMP.PRECIO PAG.  PRECIO UNIT.  VAL.AGREG.
  CODIGO PRODUCTO``) with the description on the row under it, the fracción printed dotted (``8542.39.99``) with the
  NICO apart; those pages are stored as portrait pages turned by the viewer (``/Rotate 90``), so their text runs up
  the page in the file and across it on screen; each annex page opens with the secondary header and ``ANEXO DEL
  PEDIMENTO  Página 2 de 3``; the FIN line after the last partida.

Both print every partida's part number (the truth keeps it).
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import landscape, letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from tests.synth.draw import wrap

ARRANGEMENTS = ("doshojas", "rotado")


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random, pages: int) -> int:
    """Draw the printout (``pages``: the page count of a first drawing); returns its page count."""
    if arrangement == "doshojas":
        return _doshojas(truth, path, rng, pages)
    return _rotado(truth, path, rng, pages)


def _dmy(iso: str) -> str:
    d = date.fromisoformat(str(iso))
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _spaced(n: str) -> str:
    return f"{n[:2]}  {n[2:4]}  {n[4:8]}  {n[8:]}"


class Pane:
    """One page of the document drawn with y from its top, onto whatever transform the canvas holds (a page of its
    own, a scaled half of a sheet, or a turned page)."""

    def __init__(self, canvas: Canvas, width: float, height: float) -> None:
        self.canvas, self.width, self.height = canvas, width, height

    def text(self, x: float, y: float, text: str, *, font: str, size: float) -> float:
        self.canvas.setFont(font, size)
        self.canvas.drawString(x, self.height - y, text)
        return x + stringWidth(text, font, size)

    def right(self, x: float, y: float, text: str, *, font: str, size: float) -> None:
        self.canvas.setFont(font, size)
        self.canvas.drawRightString(x, self.height - y, text)

    def centre(self, x: float, y: float, text: str, *, font: str, size: float) -> None:
        self.canvas.setFont(font, size)
        self.canvas.drawCentredString(x, self.height - y, text)

    def hline(self, x0: float, x1: float, y: float, width: float = 0.6) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.line(x0, self.height - y, x1, self.height - y)

    def box(self, x0: float, y0: float, x1: float, y1: float, width: float = 0.6) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.rect(x0, self.height - y1, x1 - x0, y1 - y0)

    def shade(self, x0: float, y0: float, x1: float, y1: float, grey: float = 0.88) -> None:
        self.canvas.setFillGray(grey)
        self.canvas.rect(x0, self.height - y1, x1 - x0, y1 - y0, stroke=0, fill=1)
        self.canvas.setFillGray(0)


def _codes(ln: dict[str, Any], sep: bool) -> list[str]:
    q = (lambda v: f"{v:,.3f}") if sep else (lambda v: f"{v:.3f}")
    return [
        str(ln["sequence"]),
        ln["tariff_code"],
        ln["nico"],
        "0",
        "1",
        ln["umc"],
        q(ln["umc_quantity"]),
        ln["umt"],
        q(ln["umt_quantity"]),
        ln["seller_buyer_country"],
        ln["origin_destination_country"],
    ]


def _values(ln: dict[str, Any], export: bool, sep: bool) -> list[str]:
    def n(v: float, d: int = 0) -> str:
        return f"{v:,.{d}f}" if sep else f"{v:.{d}f}"

    adu = n(ln["customs_value_mxn"], 2) if export else n(ln["customs_value_mxn"])
    return [adu, n(ln["paid_price_mxn"]), f"{ln['unit_price']:.5f}", n(ln["value_added"])]


# --------------------------------------------------------------------------------------------------------


class TwoUp:
    """A printer driver's "2 pages per sheet": logical letter pages scaled side by side on landscape sheets."""

    def __init__(self, path: Path, title: str) -> None:
        self.canvas = Canvas(str(path), pagesize=landscape(letter), invariant=1)
        self.canvas.setTitle(title)
        self.canvas.setAuthor("synthetic")
        self.sheet_w, self.sheet_h = landscape(letter)
        self.k = 0.635
        self.page = 1
        self.slot = 0
        self.sheets = 1
        self.footers: list[int] = []
        self.pane = self._begin()

    def _begin(self) -> Pane:
        w, h = letter
        self.canvas.saveState()
        ox = (self.sheet_w / 2 - w * self.k) / 2 + self.slot * self.sheet_w / 2
        oy = (self.sheet_h - h * self.k) / 2 + 6
        self.canvas.translate(ox, oy)
        self.canvas.scale(self.k, self.k)
        pane = Pane(self.canvas, w, h)
        pane.box(4, 4, w - 4, h - 4, 0.8)
        return pane

    def new_page(self, footer: Any) -> None:
        self.canvas.restoreState()
        if self.slot == 1:
            footer(self.canvas, self.sheets)
            self.canvas.showPage()
            self.sheets += 1
            self.slot = 0
        else:
            self.slot = 1
        self.page += 1
        self.pane = self._begin()

    def save(self, footer: Any) -> None:
        self.canvas.restoreState()
        footer(self.canvas, self.sheets)
        self.canvas.save()


def _doshojas(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    """Returns the sheets (the file's pages); the document's own page count, which its pages print, is found by a
    first drawing of its own."""
    state = rng.getstate()
    logical, _sheets = _two_up(truth, path, rng, 0)
    rng.setstate(state)
    return _two_up(truth, path, rng, logical)[1]


def _two_up(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> tuple[int, int]:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    export = f["operation_type"] == "EXP"
    doc = TwoUp(path, "Pedimento")
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
    size = 8.6
    L, R = 26.0, 612 - 26.0
    n = f["pedimento_number"]
    sep = rng.choice([True, False])
    sheets = (pages + 1) // 2 if pages else 1
    printed = f"{_dmy(f['payment_date'])} {rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}"

    def sheet_footer(canvas: Canvas, sheet: int) -> None:
        canvas.setFont("Helvetica", 6.5)
        canvas.drawString(30, 14, f"Impreso {printed}")
        canvas.drawRightString(doc.sheet_w - 30, 14, f"Hoja {sheet} de {sheets}")

    def num(v: float, d: int = 0) -> str:
        return f"{v:,.{d}f}" if sep else f"{v:.{d}f}"

    def head() -> float:
        p = doc.pane
        p.text(L, 30, "PEDIMENTO" if doc.page == 1 else "ANEXO DEL PEDIMENTO", font=bold, size=11)
        p.right(R, 30, f"Página {doc.page} de {pages}", font=regular, size=size)
        p.hline(L, R, 36, 0.8)
        if doc.page == 1:
            p.text(L, 47, f"{x['broker'][0]}   PATENTE: {f['patente']}", font=regular, size=size - 0.6)
            return 62.0
        p.text(L, 48, f"NUM. PEDIMENTO: {_spaced(n)}", font=bold, size=size)
        p.text(L + 240, 48, f"T. OPER: {f['operation_type']}", font=bold, size=size)
        p.text(L + 320, 48, f"CVE. PEDIMENTO: {f['clave']}", font=bold, size=size)
        p.text(L, 60, f"RFC: {f['importer_exporter_rfc']}", font=regular, size=size)
        p.text(L + 240, 60, "CURP:", font=regular, size=size)
        p.hline(L, R, 66, 0.5)
        return 80.0

    def lv(xx: float, y: float, label: str, value: str, gap: float = 96) -> None:
        doc.pane.text(xx, y, label, font=bold, size=size)
        doc.pane.text(xx + gap, y, value, font=regular, size=size)

    y = head()
    p = doc.pane
    lv(L, y, "NUM. PEDIMENTO:", _spaced(n))
    lv(L + 250, y, "T. OPER:", f["operation_type"], 50)
    lv(L + 360, y, "CVE. PEDIMENTO:", f["clave"], 84)
    y += 13
    lv(L, y, "REGIMEN:", f["regimen"])
    lv(L + 250, y, "DESTINO:", x["destino"], 50)
    lv(L + 360, y, "ADUANA E/S:", f["customs_office"], 84)
    y += 13
    lv(L, y, "TIPO CAMBIO:", f"{f['exchange_rate']:.5f}")
    lv(L + 250, y, "PESO BRUTO:", num(f["gross_weight_kg"], 3), 64)
    y += 13
    code = x["transport_code"]
    lv(L, y, "MEDIOS DE TRANSPORTE", f"ENTRADA/SALIDA: {code}   ARRIBO: {code}   SALIDA: {code}", 124)
    y += 17
    for label, value in (
        ("VALOR DOLARES:", num(f["usd_value"], 2)),
        ("VALOR ADUANA:", num(f["customs_value_mxn"])),
        ("PRECIO PAGADO/VALOR COMERCIAL:", num(f["commercial_value_mxn"])),
    ):
        p.text(L, y, label, font=bold, size=size)
        p.right(L + 330, y, value, font=regular, size=size)
        y += 12
    y += 6
    p.shade(L, y - 9, R, y + 3, 0.85)
    p.text(L + 2, y, "DATOS DEL IMPORTADOR / EXPORTADOR", font=bold, size=size)
    y += 14
    lv(L, y, "RFC:", f["importer_exporter_rfc"], 30)
    lv(L + 250, y, "CURP:", "", 40)
    y += 12
    p.text(L, y, "NOMBRE, DENOMINACION O RAZON SOCIAL:", font=bold, size=size)
    y += 12
    p.text(L, y, f["importer_exporter_name"], font=regular, size=size)
    y += 12
    for part in wrap(f"DOMICILIO: {x['importer_address'].upper()}", R - L, font=regular, size=size):
        p.text(L, y, part, font=regular, size=size)
        y += 12
    y += 4
    p.shade(L, y - 9, R, y + 3, 0.85)
    p.text(L + 2, y, "FECHAS", font=bold, size=size)
    y += 14
    first = ("PRESENTACION", f["presentation_date"]) if export else ("ENTRADA", f["entry_date"])
    lv(L, y, first[0], _dmy(first[1]), 90)
    y += 12
    lv(L, y, "PAGO", _dmy(f["payment_date"]), 90)
    y += 16
    lv(L, y, "ACUSE ELECTRONICO DE VALIDACION:", x["acuse"], 170)
    y += 16
    p.shade(L, y - 9, R, y + 3, 0.85)
    p.text(L + 2, y, "DATOS DEL PROVEEDOR O COMPRADOR", font=bold, size=size)
    y += 14
    lv(L, y, "ID. FISCAL:", x["supplier_tax_id"], 60)
    y += 12
    p.text(L, y, x["supplier"][0], font=regular, size=size)
    y += 14
    for inv in x["invoices"]:
        lv(L, y, "NUM. CFDI O DOC. EQUIVALENTE:", str(inv["number"]), 150)
        lv(L + 300, y, "FECHA:", _dmy(str(inv["date"])), 40)
        y += 12
        lv(L, y, "INCOTERM:", str(inv.get("incoterm", "")), 60)
        lv(L + 150, y, "COVE:", str(inv["cove"]), 40)
        y += 14
    for guide, kind in x["guides"]:
        lv(L, y, "NUMERO (GUIA/ORDEN EMBARQUE)/ID:", f"{guide}  {kind}", 180)
        y += 12
    for c in x["containers"]:
        lv(L, y, "NUMERO/TIPO CONTENEDOR:", c, 140)
        y += 12
    if x["program"]:
        lv(L, y, "IDENTIF.  COMPLEMENTO 1", f"IM  {x['program']}", 130)
        y += 12
    y += 10

    cols = [0, 24, 74, 100, 124, 162, 186, 250, 276, 346, 386]
    labels = [
        "SEC",
        "FRACCION",
        "SUBD.",
        "VINC.",
        "MET VAL",
        "UMC",
        "CANTIDAD UMC",
        "UMT",
        "CANTIDAD UMT",
        "P.V/C",
        "P.O/D",
    ]
    vcols = [24, 130, 236, 330]
    vlabels = ["VAL. ADU/USD", "IMP. PRECIO PAG.", "PRECIO UNIT.", "VAL. AGREG."]
    small = size - 1.2

    def part_header(y: float) -> float:
        p = doc.pane
        p.shade(L, y - 9, R, y + 3, 0.85)
        p.text(L + 2, y, "PARTIDAS", font=bold, size=size)
        y += 12
        p.hline(L, R, y - 8, 0.5)
        for dx, label in zip(cols, labels, strict=True):
            p.text(L + dx, y, label, font=bold, size=small)
        p.text(L + 24, y + 9, "DESCRIPCION (RENGLONES VARIABLES SEGUN SE REQUIERA)", font=bold, size=small)
        for dx, label in zip(vcols, vlabels, strict=True):
            p.text(L + dx, y + 18, label, font=bold, size=small)
        p.text(L + 24, y + 27, "MARCA", font=bold, size=small)
        p.text(L + 130, y + 27, "MODELO", font=bold, size=small)
        p.text(L + 236, y + 27, "CODIGO PRODUCTO", font=bold, size=small)
        p.hline(L, R, y + 31, 0.5)
        return y + 44

    if y + 90 > 792 - 40:
        doc.new_page(sheet_footer)
        y = head()
    y = part_header(y)
    for ln in lines:
        desc = wrap(ln["description"], R - L - 30, font=regular, size=size)
        h = 12 * (3 + len(desc)) + 6
        if y + h > 792 - 40:
            doc.new_page(sheet_footer)
            y = part_header(head())
        p = doc.pane
        for dx, value in zip(cols, _codes(ln, sep), strict=True):
            p.text(L + dx, y, value, font=regular, size=size)
        y += 12
        for part in desc:
            p.text(L + 24, y, part, font=regular, size=size)
            y += 12
        for dx, value in zip(vcols, _values(ln, export, sep), strict=True):
            p.text(L + dx, y, value, font=regular, size=size)
        y += 12
        p.text(L + 24, y, "S/M", font=regular, size=size)
        p.text(L + 130, y, "S/M", font=regular, size=size)
        p.text(L + 236, y, ln["part_number"], font=regular, size=size)
        y += 6
        p.hline(L, R, y, 0.2)
        y += 12
    if y + 20 > 792 - 40:
        doc.new_page(sheet_footer)
        y = head()
    doc.pane.centre(
        306,
        y + 6,
        f"****** FIN DE PEDIMENTO ****** NUM. TOTAL DE PARTIDAS: {f['partida_count']} ****** "
        f"CLAVE PREVALIDADOR: {x['prevalidador']} ******",
        font=bold,
        size=size - 0.6,
    )
    drawn = (doc.page, doc.sheets)
    doc.save(sheet_footer)
    return drawn


# --------------------------------------------------------------------------------------------------------


def _rotado(truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    export = f["operation_type"] == "EXP"
    canvas = Canvas(str(path), pagesize=letter, invariant=1)
    canvas.setTitle("Pedimento")
    canvas.setAuthor("synthetic")
    regular, bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Courier", "Courier-Bold")])
    size = 7.2 if regular == "Helvetica" else 6.8
    cap = 5.4
    n = f["pedimento_number"]
    sep = rng.choice([True, False])
    page = 1
    W, H = letter

    def num(v: float, d: int = 0) -> str:
        return f"{v:,.{d}f}" if sep else f"{v:.{d}f}"

    # page 1, portrait: the header in ruled blocks
    p = Pane(canvas, W, H)
    L, R = 30.0, W - 30.0
    p.text(L, 34, "PEDIMENTO", font=bold, size=12)
    p.text(L, 44, f"{x['broker'][0]}  -  PATENTE {f['patente']}", font=regular, size=size - 0.6)
    p.right(R, 34, f"Página 1 de {pages}", font=regular, size=size)
    y = 54.0

    def band(y: float, title: str) -> float:
        p.shade(L, y, R, y + 12, 0.82)
        p.box(L, y, R, y + 12, 0.5)
        p.text(L + 3, y + 9, title, font=bold, size=size)
        return y + 12

    def cells(y: float, row: list[tuple[str, str, float]], h: float = 22.0) -> float:
        xx = L
        for caption, value, share in row:
            x1 = xx + (R - L) * share
            p.box(xx, y, x1, y + h, 0.5)
            p.text(xx + 2, y + 7, caption, font=regular, size=cap)
            p.text(xx + 3, y + 17, value, font=bold, size=size)
            xx = x1
        return y + h

    y = band(y, "ENCABEZADO DEL PEDIMENTO")
    y = cells(
        y,
        [
            ("NUM. PEDIMENTO", _spaced(n), 0.3),
            ("T. OPER", f["operation_type"], 0.1),
            ("CVE. PEDIMENTO", f["clave"], 0.14),
            ("REGIMEN", f["regimen"], 0.12),
            ("DESTINO/ORIGEN", x["destino"], 0.14),
            ("ADUANA E/S", f["customs_office"], 0.2),
        ],
    )
    y = cells(
        y,
        [
            ("TIPO CAMBIO", f"{f['exchange_rate']:.5f}", 0.2),
            ("PESO BRUTO", num(f["gross_weight_kg"], 3), 0.2),
            ("VALOR DOLARES", num(f["usd_value"], 2), 0.2),
            ("VALOR ADUANA", num(f["customs_value_mxn"]), 0.18),
            ("PRECIO PAGADO/VALOR COMERCIAL", num(f["commercial_value_mxn"]), 0.22),
        ],
    )
    code = x["transport_code"]
    first = ("PRESENTACION", f["presentation_date"]) if export else ("ENTRADA", f["entry_date"])
    y = cells(
        y,
        [
            ("MEDIO TRANSP. ENTRADA/SALIDA", code, 0.2),
            ("ARRIBO", code, 0.1),
            ("SALIDA", code, 0.1),
            (f"FECHA DE {first[0]}", _dmy(first[1]), 0.2),
            ("FECHA DE PAGO", _dmy(f["payment_date"]), 0.2),
            ("ACUSE ELECTRONICO DE VALIDACION", x["acuse"], 0.2),
        ],
    )
    y = band(y + 6, "DATOS DEL IMPORTADOR / EXPORTADOR")
    y = cells(
        y,
        [
            ("RFC", f["importer_exporter_rfc"], 0.25),
            ("NOMBRE, DENOMINACION O RAZON SOCIAL", f["importer_exporter_name"], 0.75),
        ],
    )
    y = cells(y, [("DOMICILIO", x["importer_address"].upper(), 1.0)])
    role = "COMPRADOR" if export else "PROVEEDOR"
    y = band(y + 6, f"DATOS DEL {role}")
    y = cells(y, [("ID. FISCAL", x["supplier_tax_id"], 0.25), ("NOMBRE", x["supplier"][0], 0.75)])
    y = band(y + 6, "FACTURAS")
    for inv in x["invoices"]:
        y = cells(
            y,
            [
                ("NUM. CFDI O DOCUMENTO EQUIVALENTE", str(inv["number"]), 0.32),
                ("FECHA", _dmy(str(inv["date"])), 0.14),
                ("INCOTERM", str(inv.get("incoterm", "")), 0.12),
                ("MONEDA", str(inv.get("currency", "USD")), 0.1),
                ("COVE", str(inv["cove"]), 0.32),
            ],
        )
    y = band(y + 6, "TRANSPORTE")
    for guide, kind in x["guides"]:
        y = cells(y, [("NUMERO (GUIA/ORDEN EMBARQUE)/ID", guide, 0.6), ("TIPO", kind, 0.4)])
    for k in range(0, len(x["containers"]), 3):
        group = x["containers"][k : k + 3]
        y = cells(y, [("NUMERO/TIPO CONTENEDOR", c, 1 / 3) for c in group])
    if x["program"]:
        y = band(y + 6, "IDENTIFICADORES (NIVEL PEDIMENTO)")
        y = cells(y, [("CLAVE", "IM", 0.2), ("COMPLEMENTO 1", x["program"], 0.4), ("COMPLEMENTO 2", "", 0.4)])
    p.text(L, y + 16, "LAS PARTIDAS SE RELACIONAN EN EL ANEXO DEL PEDIMENTO.", font=regular, size=size)
    p.centre(W / 2, H - 20, "Página 1", font=regular, size=6)
    canvas.showPage()

    # the annex: landscape pages stored as portrait pages that the viewer turns (/Rotate 90)
    LW, LH = H, W  # the landscape page as the viewer shows it
    L, R = 24.0, LW - 24.0
    cols = [
        ("SEC", 0, "l"),
        ("FRACCION", 22, "l"),
        ("NICO", 72, "l"),
        ("VINC", 94, "l"),
        ("MET.VAL", 116, "l"),
        ("UMC", 150, "l"),
        ("CANT. UMC", 226, "r"),
        ("UMT", 234, "l"),
        ("CANT. UMT", 310, "r"),
        ("P.V/C", 318, "l"),
        ("P.O/D", 346, "l"),
        ("VAL.ADU/USD", 436, "r"),
        ("IMP.PRECIO PAG.", 510, "r"),
        ("PRECIO UNIT.", 570, "r"),
        ("VAL.AGREG.", 624, "r"),
        ("CODIGO PRODUCTO", 636, "l"),
    ]
    q = (lambda v: f"{v:,.3f}") if sep else (lambda v: f"{v:.3f}")

    def annex() -> tuple[Pane, float]:
        nonlocal page
        page += 1
        # the page as the viewer shows it is landscape; the file keeps it portrait (its media box turned) with
        # /Rotate 90, and the content is drawn turned a quarter the other way
        canvas.setPageSize((H, W))
        canvas.setPageRotation(90)
        canvas.saveState()
        canvas.transform(0, 1, -1, 0, W, 0)
        a = Pane(canvas, LW, LH)
        a.text(L, 28, "ANEXO DEL PEDIMENTO", font=bold, size=10)
        a.right(R, 28, f"Página {page} de {pages}", font=regular, size=size)
        a.box(L, 34, R, 56, 0.5)
        a.text(L + 3, 42, "NUM. PEDIMENTO", font=regular, size=cap)
        a.text(L + 4, 52, _spaced(n), font=bold, size=size)
        a.text(L + 200, 42, "T. OPER", font=regular, size=cap)
        a.text(L + 201, 52, f["operation_type"], font=bold, size=size)
        a.text(L + 260, 42, "CVE. PEDIM", font=regular, size=cap)
        a.text(L + 261, 52, f["clave"], font=bold, size=size)
        a.text(L + 330, 42, "RFC", font=regular, size=cap)
        a.text(L + 331, 52, f["importer_exporter_rfc"], font=bold, size=size)
        a.text(L + 480, 42, "CURP", font=regular, size=cap)
        yy = 68.0
        a.shade(L, yy, R, yy + 20, 0.85)
        for label, dx, align in cols:
            (a.right if align == "r" else a.text)(L + dx, yy + 9, label, font=bold, size=cap + 0.4)
        a.text(L + 22, yy + 17, "DESCRIPCION", font=bold, size=cap + 0.4)
        return a, yy + 32

    def close() -> None:
        canvas.restoreState()
        canvas.showPage()

    a, y = annex()
    for ln in lines:
        desc = wrap(ln["description"], R - L - 40, font=regular, size=size)
        h = 10 * (1 + len(desc)) + 5
        if y + h > LH - 30:
            close()
            a, y = annex()
        fr = ln["tariff_code"]
        values = [
            str(ln["sequence"]),
            f"{fr[:4]}.{fr[4:6]}.{fr[6:]}",
            ln["nico"],
            "0",
            "1",
            ln["umc"],
            q(ln["umc_quantity"]),
            ln["umt"],
            q(ln["umt_quantity"]),
            ln["seller_buyer_country"],
            ln["origin_destination_country"],
            *_values(ln, export, sep),
            ln["part_number"],
        ]
        for (_label, dx, align), value in zip(cols, values, strict=True):
            (a.right if align == "r" else a.text)(L + dx, y, value, font=regular, size=size)
        for j, part in enumerate(desc, start=1):
            a.text(L + 22, y + 10 * j, part, font=regular, size=size)
        y += h
        a.hline(L, R, y - 7, 0.2)
    if y + 16 > LH - 30:
        close()
        a, y = annex()
    a.centre(
        LW / 2,
        y + 8,
        f"******** FIN DE PEDIMENTO ******** NUM. TOTAL DE PARTIDAS: {f['partida_count']} ******** "
        f"CLAVE PREVALIDADOR: {x['prevalidador']} ********",
        font=bold,
        size=size,
    )
    close()
    canvas.save()
    return page

"""Round 9 of the held-out pedimento printouts: two more ways the same official form reaches paper, written before
the reader saw them.

Facts, not copies, from public sources: DOMAIN.md §1b; the official form's field list (Anexo 1 RGCE, "formato de
pedimento" and its instructivo, Anexo 22 for the field contents and appendices: Apéndice 7 for the units of
measure, ``1`` kilo, ``3`` metro lineal, ``6`` pieza; Apéndice 3 for the means of transport); the instructivo's
``ANEXO DEL PEDIMENTO`` (the form's continuation sheet, which repeats only the pedimento's identification) and the
partida-level identifiers (Apéndice 8: two-letter keys with up to three complements).

* ``consulta``: the full pedimento as the single-window's query service shows it once validated and paid, printed
  from the browser: the browser's own date and title line at the top of every page and ``1/3`` at the foot;
  each section a two-column table of spelled-out field names and values (``Número de pedimento``, ``Tipo de
  operación`` printed as the Anexo 22 code with its name, ``1 - IMPORTACIÓN`` / ``2 - EXPORTACIÓN``, ``Clave de
  pedimento``, ``Régimen``, ``Aduana-sección de entrada/salida``, ``Tipo de cambio``, ``Peso bruto``, ``Valor en
  dólares``, ``Valor en aduana``, ``Precio pagado o valor comercial``, ``Número total de partidas``), dates as the
  service gives them (``2025-08-27``); the partidas as one table whose header row the browser repeats on every
  page, units with their Apéndice 7 names (``6 - PIEZA``), fracción and NICO in columns of their own,
  descriptions wrapped inside their cell; no ``FIN DE PEDIMENTO`` line (the count sits in the header table) and no
  product codes (the service keeps none: the truth drops them).
* ``anexo``: a desktop broker system's print of the official form on plain paper: page 1 the full header as
  ``LABEL: value`` pairs in two halves of the page, values far right with no thousands separators; every later
  page titled ``ANEXO DEL PEDIMENTO`` with only the number, T. OPER, CVE. PEDIMENTO, RFC and ``Pagina 2 de 3``
  (no accent); a noise line at each page top (``Cte: 0214  Usuario: LMARTINEZ  Hora: 10:14:03``) and
  ``Referencia: A-64600/0``; the three-line partidas header with ``DESCRIPCION (RENGLONES VARIABLES SEGUN SE
  REQUIERA)``; each partida followed by its contributions on their own lines, its ``MARCA MODELO CODIGO
  PRODUCTO`` line, its identifiers (``IDENTIF. COMPLEMENTO 1 COMPLEMENTO 2``: ``EC 1``, ``TL USA``, ``PO`` with
  the invoice number) and, sometimes, ``OBSERVACIONES A NIVEL PARTIDA``; a page break may leave a partida's
  identifiers alone at the top of the next page; the FIN line with the partida count.
"""

from __future__ import annotations

import random
import string
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth

from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("consulta", "anexo")
UNIT_NAMES = {"1": "KILO", "3": "METRO LINEAL", "6": "PIEZA"}
OPERATIONS = {"IMP": "1 - IMPORTACIÓN", "EXP": "2 - EXPORTACIÓN"}
MEANS = {"1": "MARÍTIMO", "4": "AÉREO", "7": "CARRETERO", "98": "SIN PRESENTACIÓN FÍSICA"}
USERS = ["LMARTINEZ", "JGARCIA", "AROSALES", "MCASTRO", "OPERADOR1"]
# the query page's partidas table, in its column order; RIGHT: the columns aligned right
TITLES = (
    "Sec.",
    "Fracción",
    "NICO",
    "Descripción",
    "Vinc.",
    "Mét. val.",
    "UMC",
    "Cant. UMC",
    "UMT",
    "Cant. UMT",
    "P. V/C",
    "P. O/D",
    "Valor aduana",
    "Precio pagado",
    "Precio unitario",
    "Valor agregado",
)
RIGHT = {7, 9, 12, 13, 14, 15}


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random, pages: int) -> int:
    """Draw the printout (``pages``: the page count of a first drawing); returns its page count."""
    if arrangement == "consulta":
        for line in truth["lines"]:
            line.pop("part_number", None)
        return _Consulta(truth, path, rng, pages).draw()
    return _Anexo(truth, path, rng, pages).draw()


def _spaced(number: str, gap: str) -> str:
    return gap.join((number[:2], number[2:4], number[4:8], number[8:]))


class _Consulta:
    """The query service's page printed from a browser."""

    def __init__(self, truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> None:
        self.f, self.x, self.lines = truth["fields"], truth["extra"], truth["lines"]
        self.rng, self.pages = rng, pages
        self.s = Sheet(path, title="Consulta de pedimento")
        self.L, self.R = 28.0, self.s.width - 28.0
        self.size = rng.choice([6.5, 7.0])
        self.lh = self.size + 4.5
        self.y = 0.0
        printed = date.fromisoformat(self.f["payment_date"])
        self.stamp = f"{printed.day}/{printed.month}/{printed.year % 100}, {rng.randint(8, 18)}:{rng.randint(10, 59)}"
        self.export = self.f["operation_type"] == "EXP"
        self.vinc = {ln["sequence"]: rng.choice(["0", "1"]) for ln in self.lines}

    def browser_frame(self) -> None:
        """The browser's header and footer lines, printed on every page."""
        s = self.s
        s.text(self.L, 16, self.stamp, size=6)
        s.centre(s.width / 2, 16, "Consulta de pedimento completo", size=6)
        s.text(self.L, s.height - 14, "Ventanilla Digital Mexicana de Comercio Exterior", size=6)
        s.right(self.R, s.height - 14, f"{s.page}/{self.pages}", size=6)

    def need(self, h: float) -> bool:
        if self.y + h > self.s.height - 34:
            self.s.new_page()
            self.browser_frame()
            self.y = 36.0
            return True
        return False

    def table(self, title: str, rows: list[tuple[str, str]]) -> None:
        """A section: a title band and a two-column table of field name and value, two pairs a row; a long value
        wraps inside its cell, as the browser lays it out."""
        self.need(self.lh * 3)
        s = self.s
        s.shade(self.L, self.y - 9, self.R, self.y + 3, 0.8)
        s.text(self.L + 3, self.y, title, font="Helvetica-Bold", size=self.size + 1)
        self.y += self.lh + 2
        half = (self.R - self.L) / 2
        step = self.size + 2
        for k in range(0, len(rows), 2):
            pair = rows[k : k + 2]
            cells = [wrap(value, half * 0.55 - 8, size=self.size) or [""] for _label, value in pair]
            tall = max(len(c) for c in cells)
            self.need(self.lh + step * (tall - 1))
            bottom = self.y + 3 + step * (tall - 1)
            for j, ((label, _value), parts) in enumerate(zip(pair, cells, strict=True)):
                x0 = self.L + j * half
                s.shade(x0, self.y - 8, x0 + half * 0.45, bottom, 0.94)
                s.box(x0, self.y - 8, x0 + half, bottom, 0.3)
                s.text(x0 + 3, self.y, label, font="Helvetica-Bold", size=self.size)
                for i, part in enumerate(parts):
                    s.text(x0 + half * 0.45 + 4, self.y + step * i, part, size=self.size)
            self.y += self.lh + step * (tall - 1)
        self.y += 8

    def money(self, value: float, decimals: int = 2) -> str:
        return f"{value:,.{decimals}f}"

    def header(self) -> None:
        f, x = self.f, self.x
        if self.export:
            first = ("Fecha de presentación", f["presentation_date"])
        else:
            first = ("Fecha de entrada", f["entry_date"])
        code = x["transport_code"]
        self.table(
            "Datos generales",
            [
                ("Número de pedimento", _spaced(f["pedimento_number"], " ")),
                ("Patente", f["patente"]),
                ("Tipo de operación", OPERATIONS[f["operation_type"]]),
                ("Clave de pedimento", f["clave"]),
                ("Régimen", f["regimen"]),
                ("Destino/origen", x["destino"]),
                ("Aduana-sección de entrada/salida", f["customs_office"]),
                ("Tipo de cambio", f"{f['exchange_rate']:.5f}"),
                ("Peso bruto", self.money(f["gross_weight_kg"], 3)),
                ("Medio de transporte", f"{code} - {MEANS.get(code, '')}"),
                ("Valor en dólares", self.money(f["usd_value"])),
                ("Valor en aduana", self.money(f["customs_value_mxn"], 0)),
                ("Precio pagado o valor comercial", self.money(f["commercial_value_mxn"], 0)),
                ("Número total de partidas", str(f["partida_count"])),
                (first[0], first[1]),
                ("Fecha de pago", f["payment_date"]),
                ("Acuse de validación", x["acuse"]),
                ("Clave del prevalidador", x["prevalidador"]),
            ],
        )
        self.table(
            "Importador / exportador",
            [
                ("RFC", f["importer_exporter_rfc"]),
                ("CURP", ""),
                ("Nombre o razón social", f["importer_exporter_name"]),
                ("Domicilio", x["importer_address"]),
            ],
        )
        name, _country, address = x["supplier"][:3]
        rows = [("Identificación fiscal", x["supplier_tax_id"]), ("Proveedor / comprador", name)]
        rows.append(("Domicilio", address))
        for inv in x["invoices"]:
            rows += [("CFDI o documento equivalente", str(inv["number"])), ("Fecha", inv["date"].isoformat())]
            rows += [("E-document", inv["cove"]), ("Incoterm", inv["incoterm"])]
            rows += [("Moneda", inv["currency"]), ("Valor en dólares", self.money(inv["usd"]))]
        self.table("Proveedores / compradores", rows)
        trans = [(f"Guía / manifiesto ({kind})", guide) for guide, kind in x["guides"]]
        trans += [("Contenedor", c) for c in x["containers"]]
        if x["program"]:
            trans.append(("Identificador IM", x["program"]))
        if trans:
            self.table("Transporte e identificadores", trans)

    def cells(self, ln: dict[str, Any]) -> list[str]:
        """A partida's cells in the table's column order (the description's cell is drawn wrapped)."""
        return [
            str(ln["sequence"]),
            ln["tariff_code"],
            ln["nico"],
            ln["description"],
            self.vinc[ln["sequence"]],
            "1",
            f"{ln['umc']} - {UNIT_NAMES.get(ln['umc'], '')}",
            f"{ln['umc_quantity']:,.3f}",
            f"{ln['umt']} - {UNIT_NAMES.get(ln['umt'], '')}",
            f"{ln['umt_quantity']:,.3f}",
            ln["seller_buyer_country"],
            ln["origin_destination_country"],
            self.money(ln["customs_value_mxn"], 2 if self.export else 0),
            self.money(ln["paid_price_mxn"], 0),
            f"{ln['unit_price']:.5f}",
            self.money(ln["value_added"], 0),
        ]

    def edges(self) -> list[float]:
        """Each column's left edge: every column as wide as its widest cell (the unit names may wrap), the
        description taking what is left, as a browser sizes an automatic table."""
        size = self.size
        widths = []
        for k, title in enumerate(TITLES):
            widest = max(stringWidth(self.cells(ln)[k], "Helvetica", size) for ln in self.lines)
            head = max(stringWidth(w, "Helvetica-Bold", size - 1) for w in title.split())
            widths.append(max(widest if k not in (3, 6, 8) else 40.0, head) + 6)
        widths[3] = max(70.0, self.R - self.L - sum(widths) + widths[3])
        edges = [self.L]
        for width in widths[:-1]:
            edges.append(edges[-1] + width)
        return edges

    def table_head(self, edges: list[float]) -> None:
        s = self.s
        s.shade(self.L, self.y - 8, self.R, self.y + self.lh + 2, 0.8)
        ends = [*edges[1:], self.R]
        for title, x0, end in zip(TITLES, edges, ends, strict=True):
            for j, part in enumerate(wrap(title, end - x0 - 2, font="Helvetica-Bold", size=self.size - 1)[:2]):
                s.text(x0 + 2, self.y + j * (self.size - 0.5), part, font="Helvetica-Bold", size=self.size - 1)
        self.y += self.lh + 8

    def partidas(self) -> None:
        self.need(self.lh * 4)
        self.s.text(self.L, self.y, "Partidas", font="Helvetica-Bold", size=self.size + 1.5)
        self.y += self.lh + 2
        edges = self.edges()
        ends = [*edges[1:], self.R]
        self.table_head(edges)
        step = self.size + 1.5
        for ln in self.lines:
            cells = self.cells(ln)
            wrapped = {k: wrap(cells[k], ends[k] - edges[k] - 4, size=self.size) for k in (3, 6, 8)}
            rows = max(len(v) for v in wrapped.values())
            if self.need(rows * step + 6):
                self.table_head(edges)
            for k, value in enumerate(cells):
                if k in wrapped:
                    for j, part in enumerate(wrapped[k]):
                        self.s.text(edges[k] + 2, self.y + j * step, part, size=self.size)
                elif k in RIGHT:
                    self.s.right(ends[k] - 3, self.y, value, size=self.size)
                else:
                    self.s.text(edges[k] + 2, self.y, value, size=self.size)
            self.y += rows * step + 4
            self.s.hline(self.L, self.R, self.y - self.size, 0.2)

    def draw(self) -> int:
        self.browser_frame()
        s = self.s
        self.y = 40.0
        s.text(self.L, self.y, "Pedimento completo", font="Helvetica-Bold", size=13)
        s.right(self.R, self.y, "Estado: PAGADO   Situación: DESADUANADO", size=self.size)
        self.y += 20
        self.header()
        self.partidas()
        self.need(30)
        self.y += 10
        s.text(self.L, self.y, f"Agente aduanal: {self.x['broker'][1]}   RFC: {self.x['broker_rfc']}", size=self.size)
        s.save()
        return s.page


class _Anexo:
    """The official form printed by a desktop broker system, later pages as its continuation sheet."""

    def __init__(self, truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> None:
        self.f, self.x, self.lines = truth["fields"], truth["extra"], truth["lines"]
        self.rng, self.pages = rng, pages
        self.s = Sheet(path, title="Pedimento")
        self.font, self.bold = "Courier", "Courier-Bold"
        self.size = rng.choice([6.5, 7.0])
        self.lh = self.size + 2.5
        self.L, self.R = 26.0, self.s.width - 26.0
        self.y = 0.0
        self.export = self.f["operation_type"] == "EXP"
        self.gap = rng.choice(["  ", "   "])
        self.noise = (
            f"Cte: {rng.randint(100, 9999):04d}  Usuario: {rng.choice(USERS)}  "
            f"Hora: {rng.randint(8, 19):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
        )
        self.ref = f"Referencia: {rng.choice('ABM')}-{rng.randint(10000, 99999)}/{rng.randint(0, 3)}"

    def t(self, x: float, y: float, text: str, bold: bool = False) -> float:
        return self.s.text(x, y, text, font=self.bold if bold else self.font, size=self.size)

    def r(self, x: float, y: float, text: str, bold: bool = False) -> None:
        self.s.right(x, y, text, font=self.bold if bold else self.font, size=self.size)

    def top(self) -> None:
        """The noise line and, on later pages, the continuation sheet's short header."""
        f = self.f
        self.t(self.L, 18, self.noise)
        self.r(self.R, 18, self.ref)
        self.y = 32.0
        if self.s.page == 1:
            return
        self.s.centre(self.s.width / 2, self.y, "ANEXO DEL PEDIMENTO", font=self.bold, size=self.size + 2)
        self.r(self.R, self.y, f"Pagina {self.s.page} de {self.pages}")
        self.y += self.lh + 2
        number = _spaced(f["pedimento_number"], self.gap)
        self.t(self.L, self.y, f"NUM. PEDIMENTO: {number}   T. OPER: {f['operation_type']}   ")
        self.t(self.L + 300, self.y, f"CVE. PEDIMENTO: {f['clave']}   RFC: {f['importer_exporter_rfc']}")
        self.y += self.lh
        self.s.hline(self.L, self.R, self.y - 5, 0.6)
        self.y += 4

    def pair(self, x0: float, x1: float, label: str, value: str) -> None:
        self.t(x0, self.y, label)
        self.r(x1, self.y, value)

    def header(self) -> None:
        f, x = self.f, self.x
        self.s.centre(self.s.width / 2, self.y, "PEDIMENTO", font=self.bold, size=self.size + 3)
        self.r(self.R, self.y, f"Pagina 1 de {self.pages}")
        self.y += self.lh + 4
        mid = (self.L + self.R) / 2
        code = x["transport_code"]
        left = [
            ("NUM. PEDIMENTO:", _spaced(f["pedimento_number"], self.gap)),
            ("T. OPER:", f["operation_type"]),
            ("CVE. PEDIMENTO:", f["clave"]),
            ("REGIMEN:", f["regimen"]),
            ("DESTINO/ORIGEN:", x["destino"]),
            ("TIPO CAMBIO:", f"{f['exchange_rate']:.5f}"),
            ("PESO BRUTO:", f"{f['gross_weight_kg']:.3f}"),
            ("ADUANA E/S:", f["customs_office"]),
        ]
        right = [
            ("MEDIOS DE TRANSPORTE ENTRADA/SALIDA:", code),
            ("ARRIBO:", code),
            ("SALIDA:", code),
            ("VALOR DOLARES:", f"{f['usd_value']:.2f}"),
            ("VALOR ADUANA:", f"{f['customs_value_mxn']:.0f}"),
            ("PRECIO PAGADO/VALOR COMERCIAL:", f"{f['commercial_value_mxn']:.0f}"),
            ("ACUSE ELECTRONICO DE VALIDACION:", x["acuse"]),
            ("CODIGO DE BARRAS:", f"{x['prevalidador']}{f['pedimento_number']}"),
        ]
        top = self.y
        for label, value in left:
            self.pair(self.L, mid - 20, label, value)
            self.y += self.lh
        self.y = top
        for label, value in right:
            self.pair(mid + 10, self.R, label, value)
            self.y += self.lh
        self.y += 4
        self.s.hline(self.L, self.R, self.y - 6, 0.4)
        self.t(self.L, self.y, "FECHAS", bold=True)
        first = ("PRESENTACION", f["presentation_date"]) if self.export else ("ENTRADA", f["entry_date"])
        for k, (label, iso) in enumerate((first, ("PAGO", f["payment_date"]))):
            yy, mm, dd = iso.split("-")
            self.t(self.L + 60, self.y + k * self.lh, f"{label:<13}{dd}/{mm}/{yy}")
        self.y += 2 * self.lh + 4
        self.t(self.L, self.y, "DATOS DEL IMPORTADOR/EXPORTADOR", bold=True)
        self.y += self.lh
        self.t(self.L, self.y, f"RFC: {f['importer_exporter_rfc']}")
        self.t(mid + 10, self.y, "CURP:")
        self.y += self.lh
        self.t(self.L, self.y, "NOMBRE, DENOMINACION O RAZON SOCIAL:")
        self.y += self.lh
        self.t(self.L, self.y, f["importer_exporter_name"])
        self.y += self.lh
        self.t(self.L, self.y, f"DOMICILIO: {x['importer_address'].upper()}")
        self.y += self.lh + 4
        name, _country, address = x["supplier"][:3]
        self.t(self.L, self.y, "DATOS DEL PROVEEDOR O COMPRADOR", bold=True)
        self.y += self.lh
        self.t(self.L, self.y, f"ID. FISCAL: {x['supplier_tax_id']}   NOMBRE: {name}")
        self.y += self.lh
        self.t(self.L, self.y, f"DOMICILIO: {address.upper()}")
        self.y += self.lh
        for inv in x["invoices"]:
            when = inv["date"].strftime("%d/%m/%Y")
            self.t(self.L, self.y, f"NUM. CFDI O DOC. EQUIVALENTE: {inv['number']}   FECHA: {when}")
            self.t(mid + 60, self.y, f"INCOTERM: {inv['incoterm']}   COVE: {inv['cove']}")
            self.y += self.lh
        for guide, kind in x["guides"]:
            self.t(self.L, self.y, f"NUMERO (GUIA/ORDEN EMBARQUE)/ID: {guide}  {kind}")
            self.y += self.lh
        for cont in x["containers"]:
            self.t(self.L, self.y, f"NUMERO/TIPO CONTENEDOR: {cont}  {self.rng.choice(['1', '2', '3'])}")
            self.y += self.lh
        if x["program"]:
            self.t(self.L, self.y, f"CLAVE/COMPL. IDENTIFICADOR: IM  {x['program']}")
            self.y += self.lh
        self.y += 6

    def partidas_head(self) -> None:
        self.s.hline(self.L, self.R, self.y - 7, 0.6)
        self.t(self.L, self.y, "PARTIDAS", bold=True)
        self.y += self.lh
        heads = [
            "SEC  FRACCION  SUBD. VINC. MET VAL UMC   CANTIDAD UMC  UMT   CANTIDAD UMT  P.V/C P.O/D",
            "DESCRIPCION (RENGLONES VARIABLES SEGUN SE REQUIERA)",
            "VAL ADU/USD     IMP. PRECIO PAG.   PRECIO UNIT.    VAL. AGREG.",
        ]
        for head in heads:
            self.t(self.L, self.y, head, bold=True)
            self.y += self.lh
        self.t(self.R - 170, self.y - 3 * self.lh, "CON.  TASA     T.T. F.P.  IMPORTE", bold=True)
        self.s.hline(self.L, self.R, self.y - 6, 0.4)
        self.y += 2

    def need(self, h: float, head: bool) -> None:
        if self.y + h > self.s.height - 30:
            self.s.new_page()
            self.top()
            if head:
                self.partidas_head()

    def partida(self, ln: dict[str, Any]) -> None:
        """The partida's rows, then its contributions, product line and identifiers (which may break away)."""
        desc = wrap(ln["description"].upper(), self.R - self.L - 190, font=self.font, size=self.size)
        self.need(self.lh * (2 + len(desc)), True)
        first = (
            f"{ln['sequence']:<4} {ln['tariff_code']}  {ln['nico']}    {self.rng.choice('01')}     1      "
            f"{ln['umc']:<5}{ln['umc_quantity']:>13.3f}  {ln['umt']:<5}{ln['umt_quantity']:>13.3f}  "
            f"{ln['seller_buyer_country']}   {ln['origin_destination_country']}"
        )
        self.t(self.L, self.y, first)
        iva = 0 if self.export or self.f["clave"] in ("IN", "V1", "RT") else round(ln["customs_value_mxn"] * 0.16)
        taxes = [("IGI", "0.00000", "0"), ("IVA", "16.00000", str(iva))]
        y0 = self.y
        for k, (con, rate, amount) in enumerate(taxes):
            fp = "5" if con == "IGI" and self.x["program"] and not self.export else "0"
            self.t(self.R - 170, y0 + k * self.lh, f"{con:<5} {rate:<9} 1    {fp}")
            self.r(self.R, y0 + k * self.lh, amount)
        self.y += self.lh
        for part in desc:
            self.t(self.L, self.y, part)
            self.y += self.lh
        self.y = max(self.y, y0 + 2 * self.lh)
        value = f"{ln['customs_value_mxn']:.2f}" if self.export else f"{ln['customs_value_mxn']:.0f}"
        values = f"{value:<15} {ln['paid_price_mxn']:<18.0f} {ln['unit_price']:<15.5f} {ln['value_added']:.0f}"
        self.t(self.L, self.y, values)
        self.y += self.lh
        if ln.get("part_number"):
            self.t(self.L, self.y, f"MARCA: SIN MARCA   MODELO: SIN MODELO   CODIGO PRODUCTO: {ln['part_number']}")
            self.y += self.lh
        idents = [("EC", "1", ""), ("TL", "USA", "")] if self.rng.random() < 0.6 else [("EC", "1", "")]
        idents.append(("PO", str(self.x["invoices"][0]["number"]), ""))
        self.need(self.lh * (len(idents) + 1), True)
        self.t(self.L + 20, self.y, "IDENTIF.   COMPLEMENTO 1        COMPLEMENTO 2", bold=True)
        self.y += self.lh
        for key, c1, c2 in idents:
            self.t(self.L + 20, self.y, f"{key:<10} {c1:<20} {c2}")
            self.y += self.lh
        if self.rng.random() < 0.3:
            self.t(self.L + 20, self.y, "OBSERVACIONES A NIVEL PARTIDA", bold=True)
            self.y += self.lh
            note = (
                "RETORNO DE MERCANCIA ELABORADA AL AMPARO DEL PROGRAMA IMMEX"
                if self.export
                else ("MERCANCIA NUEVA, SE IMPORTA AL AMPARO DEL PROGRAMA IMMEX")
            )
            self.t(self.L + 20, self.y, note)
            self.y += self.lh
        self.s.hline(self.L, self.R, self.y - 6, 0.15)
        self.y += 3

    def draw(self) -> int:
        self.top()
        self.header()
        self.need(self.lh * 8, False)
        self.partidas_head()
        for ln in self.lines:
            self.partida(ln)
        self.need(self.lh * 5, False)
        self.y += 4
        count, prev = self.f["partida_count"], self.x["prevalidador"]
        fin = f"***********FIN DE PEDIMENTO ******* NUM. TOTAL DE PARTIDAS: {count} ***** CLAVE PREVALIDADOR: {prev}"
        self.s.centre(self.s.width / 2, self.y, fin, font=self.bold, size=self.size)
        self.y += 2 * self.lh
        self.t(self.L, self.y, f"AGENTE ADUANAL: {self.x['broker'][1]}   PATENTE: {self.f['patente']}")
        self.y += self.lh
        sig = "".join(self.rng.choice(string.ascii_letters + string.digits + "+/") for _ in range(96))
        self.s.text(self.L, self.y, f"e.firma: {sig}", font=self.font, size=5)
        self.s.save()
        return self.s.page

"""Round 11 of the held-out pedimento printouts: two more ways a pedimento reaches paper, written before the reader
saw them.

Facts, not copies, from public sources: DOMAIN.md §1b and §4; the official form's field list (Anexo 1 RGCE,
"formato de pedimento" and its instructivo; Anexo 22 for the field contents, Apéndice 7 for the units of measure,
``1`` kilo, ``3`` metro lineal, ``6`` pieza); art. 37 of the Ley Aduanera (the consolidated pedimento, which covers
the crossings of a week, each declared as a remesa with its own invoice and acuse de valor); RGCE 4.3.1 and
Anexo 24 (the IMMEX company's automated inventory control, whose reports show every pedimento by its patente,
number and aduana with its partidas, the part numbers and the balances still to discharge).

* ``consolidado``: the printout of a weekly consolidated pedimento as a border broker's system prints it: the
  title ``PEDIMENTO CONSOLIDADO`` and ``Página 1 de 3`` in a bar on every page; the header as ``LABEL: value``
  runs; before the partidas a long table of the week's remesas (``AVISOS ELECTRÓNICOS DE CONSOLIDADO``: remesa
  number, crossing date, the e-document of the aviso, invoice, COVE, caja or container, packages), each remesa
  with an invoice and COVE of its own (the references keep every one printed), the crossing dates a column of
  dates that are not the pedimento's; the partidas printed WITHOUT a column header, each a record of
  self-labelled values (``SEC 1  FRACC. 85423999  NICO 99  VINC. 0  MET. VAL. 1  UMC 6  CANT. UMC 1200.000 …``,
  then ``DESC.:``, then ``VAL. ADU. …  IMP. PRECIO PAG. …  PRECIO UNIT. …  VAL. AGREG. …``, then ``CODIGO
  PRODUCTO:`` and the contributions), records separated by dashed rules and kept whole on a page; the FIN line
  with the partida count.
* ``inventario``: the IMMEX company's own inventory-control system (the Anexo 24 system) printing one pedimento
  as it was loaded: the company's name as letterhead, ``Detalle de pedimento de entrada`` (``de salida`` for an
  export), a parameters line with the pedimento's fifteen digits run together (``Pedimento = 254734455001234``)
  and a cut-off date, the header as ``Label: value`` in three columns in title case with the number split as
  the system keys it (``Patente-Pedimento: 3445-5001234``, ``Aduana-Sección: 470``), ``Tipo de operación:
  Importación``, dates day first, the exchange rate in four decimals, a due date (``Vencimiento``, eighteen
  months after entry: not a date of the pedimento), the COVE, guía and containers kept with it on a line under
  the columns; a landscape table of partidas ``Sec | No. Parte |
  Descripción | Fracción | NICO | Cant. UMC | UMC | Cant. UMT | UMT | P.V/C | P.O/D | Val. aduana | Precio pagado
  | P. unitario | Val. agregado | Descargado | Saldo`` with the units as the system's abbreviations (``PZA``,
  ``KG``, ``MTS``: the truth keeps the Apéndice 7 codes), the discharged quantity and balance beside each
  temporary import's partida (quantities that are not the partida's; an export or a definitive import shows a
  status instead, and no due date), a totals row;
  ``Página 1 de 2`` and the user at every foot.

Both print every partida's part number (the truth keeps it).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.synth import data
from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("consolidado", "inventario")
ABBREV = {"1": "KG", "3": "MTS", "6": "PZA"}


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random, pages: int) -> int:
    """Draw the printout (``pages``: the page count of a first drawing); returns its page count."""
    if arrangement == "consolidado":
        return _Consolidado(truth, path, rng, pages).draw()
    return _Inventario(truth, path, rng, pages).draw()


def _dmy(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


class _Consolidado:
    """A weekly consolidated pedimento: remesas first, then self-labelled partida records."""

    def __init__(self, truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> None:
        self.truth = truth
        self.f, self.x, self.lines = truth["fields"], truth["extra"], truth["lines"]
        self.rng, self.pages = rng, pages
        self.s = Sheet(path, title="Pedimento consolidado")
        self.font, self.bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Courier", "Courier-Bold")])
        self.size = 6.8 if self.font == "Helvetica" else 6.3
        self.lh = self.size + 3.2
        self.L, self.R = 30.0, self.s.width - 30.0
        self.y = 0.0
        self.export = self.f["operation_type"] == "EXP"
        self.sep = rng.choice([True, False])  # thousands separators, per system configuration
        self.remesas = self._remesas()

    def _remesas(self) -> list[dict[str, Any]]:
        """The week's remesas: the truth's invoices first, then more crossings with invoices of their own."""
        x, f = self.x, self.f
        start = date.fromisoformat(f.get("entry_date") or f["presentation_date"])
        end = date.fromisoformat(f["payment_date"])
        units = list(x["containers"]) + [f"CAJA {self.rng.randint(10000, 99999)}" for _ in range(9)]
        if x["mode"] == "none":
            units = ["VIRTUAL"]  # a virtual operation's remesas cross nothing
        out = []
        extra = self.rng.randint(2, 6)
        invoices = [dict(inv) for inv in x["invoices"]]
        for k in range(extra):
            when = start + timedelta(days=min(k + 1, max(0, (end - start).days)))
            invoices.append({"number": data.invoice_number(self.rng, when), "cove": data.cove(self.rng)})
        # the references keep every invoice and COVE the printout cites
        cited = {(r["kind"], r["value"]) for r in self.truth["references"]}
        for inv in invoices[len(x["invoices"]) :]:
            for kind in ("invoice", "cove"):
                value = str(inv["number"] if kind == "invoice" else inv["cove"])
                if (kind, value) not in cited:
                    self.truth["references"].append({"kind": kind, "value": value})
        span = max(0, (end - start).days)
        dates = sorted(start + timedelta(days=0 if k == 0 else self.rng.randint(0, span)) for k in range(len(invoices)))
        for k, (inv, when) in enumerate(zip(invoices, dates, strict=True), start=1):
            out.append(
                {
                    "n": k,
                    "date": when,
                    "edoc": f"0{self.rng.randint(10**12, 10**13 - 1)}",
                    "invoice": str(inv["number"]),
                    "cove": str(inv["cove"]),
                    "unit": units[(k - 1) % len(units)],
                    "pkgs": self.rng.randint(2, 40),
                }
            )
        return out

    def num(self, value: float, decimals: int = 0) -> str:
        return f"{value:,.{decimals}f}" if self.sep else f"{value:.{decimals}f}"

    def t(self, x: float, text: str, bold: bool = False, size: float | None = None) -> float:
        return self.s.text(x, self.y, text, font=self.bold if bold else self.font, size=size or self.size)

    def runs(self, pairs: list[tuple[str, str]], x0: float | None = None) -> None:
        """``LABEL: value`` pairs one after the other on the line."""
        x = self.L + 4 if x0 is None else x0
        for label, value in pairs:
            x = self.t(x, label, bold=True) + 3
            x = self.t(x, value) + 14

    def bar(self) -> None:
        s, n = self.s, self.f["pedimento_number"]
        s.shade(self.L, 20, self.R, 33, 0.8)
        s.text(self.L + 4, 30, "PEDIMENTO CONSOLIDADO", font=self.bold, size=9)
        s.right(self.R - 4, 30, f"Página {s.page} de {self.pages}", font=self.font, size=self.size)
        self.y = 45.0
        number = f"{n[:2]} {n[2:4]} {n[4:8]} {n[8:]}"
        self.runs(
            [
                ("NUM. PEDIMENTO:", number),
                ("T. OPER:", self.f["operation_type"]),
                ("CVE. PEDIMENTO:", self.f["clave"]),
                ("RFC:", self.f["importer_exporter_rfc"]),
            ]
        )
        self.s.hline(self.L, self.R, self.y + 4, 0.6)
        self.y += self.lh + 6

    def need(self, h: float) -> bool:
        if self.y + h > self.s.height - 36:
            self.s.new_page()
            self.bar()
            return True
        return False

    def header(self) -> None:
        f, x = self.f, self.x
        code = x["transport_code"]
        rows = [
            [("REGIMEN:", f["regimen"]), ("DESTINO:", x["destino"]), ("ADUANA E/S:", f["customs_office"])],
            [("TIPO CAMBIO:", f"{f['exchange_rate']:.5f}"), ("PESO BRUTO:", self.num(f["gross_weight_kg"], 3))],
            [("VALOR DOLARES:", self.num(f["usd_value"], 2)), ("VALOR ADUANA:", self.num(f["customs_value_mxn"]))],
            [("PRECIO PAGADO/VALOR COMERCIAL:", self.num(f["commercial_value_mxn"]))],
            [("MEDIOS DE TRANSPORTE  ENTRADA/SALIDA:", code), ("ARRIBO:", code), ("SALIDA:", code)],
        ]
        for row in rows:
            self.runs(row)
            self.y += self.lh
        self.y += 3
        self.t(self.L + 4, "DATOS DEL IMPORTADOR / EXPORTADOR", bold=True)
        self.y += self.lh
        self.runs([("RFC:", f["importer_exporter_rfc"]), ("CURP:", "")])
        self.y += self.lh
        self.runs([("NOMBRE, DENOMINACION O RAZON SOCIAL:", f["importer_exporter_name"])])
        self.y += self.lh
        self.runs([("DOMICILIO:", x["importer_address"].upper())])
        self.y += self.lh + 3
        first = ("PRESENTACION", f["presentation_date"]) if self.export else ("ENTRADA", f["entry_date"])
        self.t(self.L + 4, "FECHAS", bold=True)
        self.t(self.L + 60, f"{first[0]}  {_dmy(first[1])}")
        self.t(self.L + 200, f"PAGO  {_dmy(f['payment_date'])}")
        self.y += self.lh + 3
        name, _country, address = x["supplier"][:3]
        self.runs([("ID. FISCAL:", x["supplier_tax_id"]), ("PROVEEDOR/COMPRADOR:", name)])
        self.y += self.lh
        self.runs([("DOMICILIO:", address.upper())])
        self.y += self.lh + 3
        idents = [("ED", f"0{self.rng.randint(10**12, 10**13 - 1)}")]
        if x["program"]:
            idents.insert(0, ("IM", x["program"]))
        for clave, compl in idents:
            self.runs([("IDENTIFICADOR:", clave), ("COMPLEMENTO 1:", compl)])
            self.y += self.lh
        for guide, kind in x["guides"]:
            self.runs([("NO. (GUIA/ORDEN EMBARQUE)/ID:", f"{guide} {kind}")])
            self.y += self.lh
        self.y += 6

    REMESA_COLS = (
        ("REMESA", 0, "l"),
        ("FECHA CRUCE", 40, "l"),
        ("E-DOCUMENT AVISO", 100, "l"),
        ("FACTURA", 190, "l"),
        ("COVE", 270, "l"),
        ("CAJA / CONTENEDOR", 340, "l"),
        ("BULTOS", 550, "r"),
    )

    def remesas_head(self) -> None:
        self.s.shade(self.L, self.y - 8, self.R, self.y + 3, 0.88)
        for label, dx, align in self.REMESA_COLS:
            if align == "r":
                self.s.right(self.L + dx, self.y, label, font=self.bold, size=self.size)
            else:
                self.t(self.L + dx + 2, label, bold=True)
        self.y += self.lh + 1

    def remesas_block(self) -> None:
        self.need(self.lh * 5)
        self.t(self.L + 4, "AVISOS ELECTRONICOS DE CONSOLIDADO (REMESAS)", bold=True)
        self.y += self.lh + 2
        self.remesas_head()
        for r in self.remesas:
            if self.need(self.lh * 2):
                self.remesas_head()
            cells = [
                f"{r['n']:03d}",
                r["date"].strftime("%d/%m/%Y"),
                r["edoc"],
                r["invoice"],
                r["cove"],
                r["unit"],
                str(r["pkgs"]),
            ]
            for (_label, dx, align), cell in zip(self.REMESA_COLS, cells, strict=True):
                if align == "r":
                    self.s.right(self.L + dx, self.y, cell, font=self.font, size=self.size)
                else:
                    self.t(self.L + dx + 2, cell)
            self.y += self.lh
        self.y += 2
        self.runs([("TOTAL DE REMESAS:", str(len(self.remesas)))])
        self.y += self.lh + 8

    def partida(self, ln: dict[str, Any]) -> None:
        desc = wrap(ln["description"].upper(), self.R - self.L - 60, font=self.font, size=self.size)
        self.need(self.lh * (6 + len(desc)))
        value = ln["customs_value_mxn"]
        self.runs(
            [
                ("SEC", str(ln["sequence"])),
                ("FRACC.", ln["tariff_code"]),
                ("NICO", ln["nico"]),
                ("VINC.", "0"),
                ("MET. VAL.", "1"),
                ("UMC", ln["umc"]),
                ("CANT. UMC", f"{ln['umc_quantity']:.3f}"),
                ("UMT", ln["umt"]),
                ("CANT. UMT", f"{ln['umt_quantity']:.3f}"),
                ("P.V/C", ln["seller_buyer_country"]),
                ("P.O/D", ln["origin_destination_country"]),
            ]
        )
        self.y += self.lh
        for k, part in enumerate(desc):
            if k == 0:
                self.t(self.L + 4, "DESC.:", bold=True)
            self.t(self.L + 40, part)
            self.y += self.lh
        self.runs(
            [
                ("VAL. ADU.", self.num(value, 2) if self.export else self.num(value)),
                ("IMP. PRECIO PAG.", self.num(ln["paid_price_mxn"])),
                ("PRECIO UNIT.", f"{ln['unit_price']:.5f}"),
                ("VAL. AGREG.", self.num(ln["value_added"])),
            ]
        )
        self.y += self.lh
        self.runs([("CODIGO PRODUCTO:", ln["part_number"]), ("MARCA:", "S/M"), ("MODELO:", "S/M")])
        self.y += self.lh
        exempt = self.export or self.f["clave"] in ("IN", "V1", "RT")
        iva = "0" if exempt else str(round(value * 0.16))
        self.t(self.L + 4, f"CONTRIB.  IGI 0.00000 T.T. 1 F.P. 0 IMP. 0     IVA 16.00000 T.T. 1 F.P. 0 IMP. {iva}")
        self.y += self.lh
        self.s.text(self.L, self.y - 4, "- " * 110, font=self.font, size=4)
        self.y += 4

    def draw(self) -> int:
        self.bar()
        self.header()
        self.remesas_block()
        self.need(self.lh * 8)
        self.s.shade(self.L, self.y - 8, self.R, self.y + 3, 0.88)
        self.t(self.L + 4, "PARTIDAS", bold=True)
        self.y += self.lh + 4
        for ln in self.lines:
            self.partida(ln)
        self.need(self.lh * 4)
        self.y += 6
        fin = (
            f"*** FIN DE PEDIMENTO *** NUM. TOTAL DE PARTIDAS: {self.f['partida_count']} *** "
            f"CLAVE PREVALIDADOR: {self.x['prevalidador']} ***"
        )
        self.s.centre(self.s.width / 2, self.y, fin, font=self.bold, size=self.size)
        self.y += 2 * self.lh
        self.runs([("AGENTE ADUANAL:", self.x["broker"][1]), ("PATENTE:", self.f["patente"])])
        self.s.save()
        return self.s.page


class _Inventario:
    """The IMMEX company's inventory-control report of one pedimento."""

    def __init__(self, truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> None:
        self.f, self.x, self.lines = truth["fields"], truth["extra"], truth["lines"]
        self.rng, self.pages = rng, pages
        self.s = Sheet(path, wide=True, title="Detalle de pedimento")
        self.font, self.bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
        self.size = 6.3
        self.L, self.R = 24.0, self.s.width - 24.0
        self.y = 0.0
        self.export = self.f["operation_type"] == "EXP"
        # only temporary imports are lots the system discharges and keeps a balance and a due date for
        self.temporary = not self.export and self.f["regimen"] != "IMD"
        self.user = rng.choice(["ADMIN", "JGARCIA", "COMEXT01", "MRODRIGUEZ"])
        pay = date.fromisoformat(self.f["payment_date"])
        self.cutoff = pay + timedelta(days=rng.randint(20, 200))
        self.printed = self.cutoff.strftime("%d/%m/%Y") + f" {rng.randint(7, 19):02d}:{rng.randint(0, 59):02d}"

    def foot(self) -> None:
        s = self.s
        s.hline(self.L, self.R, s.height - 26, 0.4)
        s.text(self.L, s.height - 18, f"Usuario: {self.user}   Impreso: {self.printed}", font=self.font, size=6)
        s.right(self.R, s.height - 18, f"Página {s.page} de {self.pages}", font=self.font, size=6)

    def letterhead(self) -> None:
        f, s = self.f, self.s
        s.text(self.L, 30, f["importer_exporter_name"], font=self.bold, size=11)
        s.text(self.L, 41, "Sistema de Control de Inventarios IMMEX (Anexo 24)", font=self.font, size=7)
        kind = "salida" if self.export else "entrada"
        s.right(self.R, 30, f"Detalle de pedimento de {kind}", font=self.bold, size=10)
        params = (
            f"Parámetros: Pedimento = {f['pedimento_number']}  |  Fecha de corte: {self.cutoff.strftime('%d/%m/%Y')}"
        )
        s.right(self.R, 41, params, font=self.font, size=6.5)
        s.hline(self.L, self.R, 47, 1.0)

    def lv(self, x0: float, y: float, label: str, value: str) -> None:
        end = self.s.text(x0, y, f"{label}:", font=self.bold, size=self.size + 0.5)
        self.s.text(max(end + 4, x0 + 92), y, value, font=self.font, size=self.size + 0.5)

    def header(self) -> float:
        f, x = self.f, self.x
        n = f["pedimento_number"]
        entry = f.get("entry_date") or f["presentation_date"]
        due = date.fromisoformat(entry)
        due = date(due.year + (due.month + 17) // 12, (due.month + 17) % 12 + 1, min(due.day, 28))
        first = ("Fecha de presentación", f["presentation_date"]) if self.export else ("Fecha de entrada", entry)
        cols = [
            [
                ("Patente-Pedimento", f"{n[4:8]}-{n[8:]}"),
                ("Aduana-Sección", f["customs_office"]),
                ("Tipo de operación", "Exportación" if self.export else "Importación"),
                ("Clave", f["clave"]),
                ("Régimen", f["regimen"]),
                ("Programa IMMEX", x["program"] or "N/A"),
            ],
            [
                (first[0], _dmy(first[1])),
                ("Fecha de pago", _dmy(f["payment_date"])),
                ("Tipo de cambio", f"{f['exchange_rate']:.4f}"),
                ("Peso bruto (kg)", f"{f['gross_weight_kg']:,.3f}"),
                ("Partidas", str(f["partida_count"])),
                ("Vencimiento", _dmy(due.isoformat()) if self.temporary else "N/A"),
            ],
            [
                ("Valor dólares", f"{f['usd_value']:,.2f}"),
                ("Valor aduana", f"{f['customs_value_mxn']:,.0f}"),
                ("Valor comercial", f"{f['commercial_value_mxn']:,.0f}"),
                ("RFC", f["importer_exporter_rfc"]),
                ("Proveedor/Cliente", x["supplier"][0]),
                ("Facturas", ", ".join(str(inv["number"]) for inv in x["invoices"])),
            ],
        ]
        y0 = 62.0
        for k, col in enumerate(cols):
            for j, (label, value) in enumerate(col):
                self.lv(self.L + k * 250, y0 + j * 10, label, value)
        # the documents the system keeps with the pedimento, on one line under the columns
        docs = [("COVE", ", ".join(str(inv["cove"]) for inv in x["invoices"]))]
        if x["guides"]:
            docs.append(("Guía / B.L.", ", ".join(guide for guide, _kind in x["guides"])))
        if x["containers"]:
            docs.append(("Contenedores", ", ".join(x["containers"])))
        xx = self.L
        for label, value in docs:
            end = self.s.text(xx, y0 + 60, f"{label}:", font=self.bold, size=self.size + 0.5)
            xx = self.s.text(end + 4, y0 + 60, value, font=self.font, size=self.size + 0.5) + 18
        return y0 + 7 * 10 + 8

    COLS = (
        ("Sec", 0, "l", 0),
        ("No. Parte", 18, "l", 0),
        ("Descripción", 74, "l", 0),
        ("Fracción", 236, "l", 0),
        ("NICO", 274, "l", 0),
        ("Cant. UMC", 332, "r", 0),
        ("UMC", 336, "l", 0),
        ("Cant. UMT", 392, "r", 0),
        ("UMT", 396, "l", 0),
        ("P.V/C", 418, "l", 0),
        ("P.O/D", 442, "l", 0),
        ("Val. aduana", 510, "r", 0),
        ("Precio pagado", 566, "r", 0),
        ("P. unitario", 612, "r", 0),
        ("Val. agregado", 660, "r", 0),
        ("Descargado", 706, "r", 0),
        ("Saldo", 744, "r", 0),
    )

    def table_head(self, y: float) -> float:
        s = self.s
        s.shade(self.L, y - 8, self.R, y + 3, 0.82)
        cols = self.COLS[:-2] + (self.COLS[-2:] if self.temporary else (("Estatus", 708, "l", 0),))
        for label, dx, align, _ in cols:
            (s.right if align == "r" else s.text)(self.L + dx, y, label, font=self.bold, size=self.size)
        return y + 12

    def draw(self) -> int:
        s = self.s
        self.letterhead()
        y = self.table_head(self.header())
        step = self.size + 2.2
        totals = [0.0, 0.0]
        for ln in self.lines:
            desc = wrap(ln["description"].title(), 158, font=self.font, size=self.size)
            if y + step * len(desc) + 4 > s.height - 40:
                self.foot()
                s.new_page()
                self.letterhead()
                y = self.table_head(62.0)
            qty = ln["umc_quantity"]
            done = round(qty * self.rng.choice([0, 0, 0.25, 0.5, 1]), 3) if self.temporary else 0.0
            value = ln["customs_value_mxn"]
            cells = [
                str(ln["sequence"]),
                ln["part_number"],
                desc[0],
                ln["tariff_code"],
                ln["nico"],
                f"{qty:,.3f}",
                ABBREV.get(ln["umc"], ln["umc"]),
                f"{ln['umt_quantity']:,.3f}",
                ABBREV.get(ln["umt"], ln["umt"]),
                ln["seller_buyer_country"],
                ln["origin_destination_country"],
                f"{value:,.2f}" if self.export else f"{value:,.0f}",
                f"{ln['paid_price_mxn']:,.0f}",
                f"{ln['unit_price']:.5f}",
                f"{ln['value_added']:,.0f}",
            ]
            for (_l, dx, align, _), cell in zip(self.COLS, cells, strict=False):
                (s.right if align == "r" else s.text)(self.L + dx, y, cell, font=self.font, size=self.size)
            if not self.temporary:
                status = self.rng.choice(["Aplicado", "Pendiente"]) if self.export else "Definitiva"
                s.text(self.L + 708, y, status, font=self.font, size=self.size)
            else:
                s.right(self.L + 706, y, f"{done:,.3f}", font=self.font, size=self.size)
                s.right(self.L + 744, y, f"{qty - done:,.3f}", font=self.font, size=self.size)
            for j, part in enumerate(desc[1:], start=1):
                s.text(self.L + 74, y + step * j, part, font=self.font, size=self.size)
            totals[0] += value
            totals[1] += ln["paid_price_mxn"]
            y += step * len(desc) + 3
            s.hline(self.L, self.R, y - self.size, 0.1)
        if y + 30 > s.height - 40:
            self.foot()
            s.new_page()
            self.letterhead()
            y = 62.0
        s.hline(self.L, self.R, y - self.size + 1, 0.6)
        s.text(self.L + 74, y + 2, "Totales del pedimento", font=self.bold, size=self.size)
        total0 = f"{totals[0]:,.2f}" if self.export else f"{totals[0]:,.0f}"
        s.right(self.L + 510, y + 2, total0, font=self.bold, size=self.size)
        s.right(self.L + 566, y + 2, f"{totals[1]:,.0f}", font=self.bold, size=self.size)
        y += 16
        s.text(self.L, y, f"Total de partidas: {self.f['partida_count']}", font=self.bold, size=self.size + 0.5)
        s.text(self.L + 200, y, f"Agente aduanal: {self.x['broker'][1]}", font=self.font, size=self.size + 0.5)
        self.foot()
        s.save()
        return s.page

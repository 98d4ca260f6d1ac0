"""Round 10 of the held-out pedimento printouts: two more ways the same official form reaches paper, written before
the reader saw them.

Facts, not copies, from public sources: DOMAIN.md §1b; the official form's field list (Anexo 1 RGCE, "formato de
pedimento" and its instructivo; Anexo 22 for the field contents: Apéndice 7 units, ``1`` kilo, ``3`` metro
lineal, ``6`` pieza; the ``FECHAS`` block's keys, where ``ENTRADA``, ``PAGO``, ``EXTRACCION``, ``PRESENTACION``
and ``ORIGINAL`` are all possible dates of one pedimento).

* ``renglon``: a landscape broker system that prints each partida as ONE wide row, its contributions
  (``CON. TASA T.T. F.P. IMPORTE``) at the right end of the same row and the description on the row under it;
  fracción and NICO run together (``7314420100``), as §1b reports of some text layers; header labels with wide
  gaps before their values (``T.OPER:        IMP``, ``CVE.PEDIMENTO:         IN``), the number spread over
  several gaps with the seven-digit block far from the patente; ``ADUANA E/S:`` with its code on the line under
  it and the bank's ``***PAGO ELECTRONICO***`` stamp printed in the same column; money with thousands separators
  and three decimals in the weights and values (``24,809.000``); a ``FECHAS`` block that prints every date the system
  knows (``PRESENTACION``, ``EXTRACCION`` besides ``ENTRADA`` and ``PAGO``): the truth keeps only entry (or
  presentation for exports) and payment; the full ``NUM. PEDIMENTO`` line and ``Pag. 2/3`` repeated on every
  page; the FIN line with the partida count.
* ``traduccion``: the courtesy translation a border broker sends the US parent of an IMMEX plant with every
  pedimento (the US side books the entry from it): every caption in English (``Pedimento (Entry) No.``,
  ``Operation``: ``Import`` / ``Export``, ``Pedimento key``, ``Customs regime``, ``Port of entry (Aduana)``,
  ``Exchange rate``, ``Gross weight (kg)``, ``Value USD``, ``Customs value MXN``, ``Commercial value MXN``),
  dates in the US order ``08/27/2025``; the partidas as ``Line | MX Tariff | NICO | Part No. | Description |
  Qty | UoM | Tariff qty | Tariff UoM | Seller | Orig. | Customs value | Paid price | Unit price | Value added``
  with the units spelled out (``PIECE``, ``KILO``); ``Total line items: 9`` in the summary instead of a FIN line;
  ``Page 1 of 3`` at every foot and ``This translation is provided for information only`` as its disclaimer.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("renglon", "traduccion")
UNITS_EN = {"1": "KILO", "3": "METER", "6": "PIECE"}
OPERATIONS_EN = {"IMP": "Import", "EXP": "Export"}


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random, pages: int) -> int:
    """Draw the printout (``pages``: the page count of a first drawing); returns its page count."""
    if arrangement == "renglon":
        return _Renglon(truth, path, rng, pages).draw()
    return _Traduccion(truth, path, rng, pages).draw()


def _dmy(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _mdy(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.month:02d}/{d.day:02d}/{d.year}"


class _Renglon:
    """One wide row per partida, contributions at its right end."""

    def __init__(self, truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> None:
        self.f, self.x, self.lines = truth["fields"], truth["extra"], truth["lines"]
        self.rng, self.pages = rng, pages
        self.s = Sheet(path, wide=True, title="Pedimento")
        self.font, self.bold = rng.choice([("Courier", "Courier-Bold"), ("Helvetica", "Helvetica-Bold")])
        self.size = 6.5
        self.lh = self.size + 2.5
        self.L, self.R = 24.0, self.s.width - 24.0
        self.y = 0.0
        self.export = self.f["operation_type"] == "EXP"
        n = self.f["pedimento_number"]
        self.number = f"{n[:2]} {n[2:4]} {n[4:8]}{' ' * rng.randint(6, 12)}{n[8:]}"

    def t(self, x: float, text: str, bold: bool = False, dy: float = 0.0) -> float:
        return self.s.text(x, self.y + dy, text, font=self.bold if bold else self.font, size=self.size)

    def r(self, x: float, text: str, bold: bool = False) -> None:
        self.s.right(x, self.y, text, font=self.bold if bold else self.font, size=self.size)

    def top(self) -> None:
        """The identification line every page repeats."""
        f = self.f
        self.y = 24.0
        self.t(self.L, f"NUM. PEDIMENTO: {self.number}", bold=True)
        self.t(self.L + 230, f"T.OPER:        {f['operation_type']}")
        self.t(self.L + 330, f"CVE.PEDIMENTO:         {f['clave']}")
        self.t(self.L + 460, f"RFC: {f['importer_exporter_rfc']}")
        self.r(self.R, f"Pag. {self.s.page}/{self.pages}")
        self.y += 5
        self.s.hline(self.L, self.R, self.y, 0.8)
        self.y += self.lh + 2

    def header(self) -> None:
        f, x = self.f, self.x
        code = x["transport_code"]
        # (label's x, label, value, the x the value is right-aligned at), all from the left margin
        rows = [
            [(0, "REGIMEN:", f["regimen"], 170), (180, "DESTINO:", x["destino"], 350)],
            [
                (0, "TIPO CAMBIO:", f"{f['exchange_rate']:.5f}", 170),
                (180, "PESO BRUTO:", f"{f['gross_weight_kg']:,.3f}", 350),
            ],
            [
                (0, "VALOR DOLARES:", f"{f['usd_value']:,.2f}", 170),
                (180, "VALOR ADUANA:", f"{f['customs_value_mxn']:,.3f}", 350),
            ],
            [(0, "PRECIO PAGADO/VALOR COMERCIAL:", f"{f['commercial_value_mxn']:,.3f}", 200)],
            [
                (0, "MEDIOS DE TRANSPORTE ENTRADA/SALIDA:", code, 170),
                (180, "ARRIBO:", code, 250),
                (270, "SALIDA:", code, 340),
            ],
        ]
        for row in rows:
            for dx, label, value, edge in row:
                self.t(self.L + dx, label)
                self.s.right(self.L + edge, self.y, value, font=self.font, size=self.size)
            self.y += self.lh
        self.y -= 5 * self.lh
        self.t(self.L + 380, "ADUANA E/S:")
        self.y += self.lh
        self.t(self.L + 400, f["customs_office"])  # under its label, as some systems print it
        self.s.text(self.L + 380, self.y + self.lh, "***PAGO ELECTRONICO***", font=self.bold, size=self.size)
        self.y += 4 * self.lh
        # the FECHAS block at the right, every date the system holds
        yy = self.y - 5 * self.lh
        self.s.text(self.R - 170, yy, "FECHAS", font=self.bold, size=self.size)
        pay = date.fromisoformat(f["payment_date"])
        dates = [("PRESENTACION", f.get("presentation_date") or pay.isoformat())]
        if not self.export:
            dates.append(("ENTRADA", f["entry_date"]))
        dates += [("PAGO", f["payment_date"]), ("EXTRACCION", (pay + timedelta(days=1)).isoformat())]
        for k, (label, iso) in enumerate(dates):
            self.s.text(self.R - 150, yy + (k + 1) * self.lh, f"{label:<14}{_dmy(iso)}", font=self.font, size=self.size)
        self.y += 4
        self.t(self.L, "DATOS DEL IMPORTADOR/EXPORTADOR", bold=True)
        self.y += self.lh
        self.t(self.L, f"RFC: {f['importer_exporter_rfc']}")
        self.t(self.L + 240, "CURP:")
        self.y += self.lh
        self.t(self.L, "NOMBRE, DENOMINACION O RAZON SOCIAL:")
        self.y += self.lh
        self.t(self.L, f"{f['importer_exporter_name']}     DOMICILIO: {x['importer_address'].upper()}")
        self.y += self.lh + 3
        name, _country, address = x["supplier"][:3]
        self.t(self.L, f"ID. FISCAL: {x['supplier_tax_id']}   PROVEEDOR/COMPRADOR: {name}   {address.upper()}")
        self.y += self.lh
        for inv in x["invoices"]:
            line = f"FACTURA: {inv['number']}  FECHA: {inv['date'].strftime('%d/%m/%Y')}  INCOTERM: {inv['incoterm']}"
            self.t(self.L, f"{line}  MONEDA: {inv['currency']}  VAL. DOLARES: {inv['usd']:,.2f}  COVE: {inv['cove']}")
            self.y += self.lh
        for guide, kind in x["guides"]:
            self.t(self.L, f"GUIA/ORDEN EMBARQUE: {guide} {kind}")
            self.y += self.lh
        if x["containers"]:
            self.t(self.L, "CONTENEDORES: " + "  ".join(x["containers"]))
            self.y += self.lh
        if x["program"]:
            self.t(self.L, f"IDENTIFICADOR: IM   {x['program']}")
            self.y += self.lh
        self.y += 4

    COLS = (
        ("SEC", 0, "l"),
        ("FRACCION", 22, "l"),
        ("VINC", 78, "l"),
        ("MET", 100, "l"),
        ("UMC", 120, "l"),
        ("CANT. UMC", 200, "r"),
        ("UMT", 210, "l"),
        ("CANT. UMT", 290, "r"),
        ("P.V/C", 300, "l"),
        ("P.O/D", 330, "l"),
        ("VAL. ADUANA", 420, "r"),
        ("PRECIO PAG.", 490, "r"),
        ("PRECIO UNIT.", 548, "r"),
        ("VAL. AGREG.", 600, "r"),
    )

    def partidas_head(self) -> None:
        self.s.shade(self.L, self.y - 8, self.R, self.y + self.lh + 1, 0.85)
        for label, dx, align in self.COLS:
            (self.r if align == "r" else self.t)(self.L + dx, label, True)
        for label, dx in (("CON.", 612), ("TASA", 634), ("T.T.", 670), ("F.P.", 688)):
            self.t(self.L + dx, label, bold=True)
        self.r(self.R, "IMPORTE", bold=True)
        self.y += self.lh
        self.t(self.L + 22, "DESCRIPCION  /  CODIGO PRODUCTO", bold=True)
        self.y += self.lh + 3

    def need(self, h: float) -> None:
        if self.y + h > self.s.height - 28:
            self.s.new_page()
            self.top()
            self.partidas_head()

    def partida(self, ln: dict[str, Any]) -> None:
        desc = wrap(ln["description"].upper(), 560, font=self.font, size=self.size)
        self.need(self.lh * (2 + len(desc)))
        vinc = self.rng.choice("01")
        value = ln["customs_value_mxn"]
        cells = [
            str(ln["sequence"]),
            f"{ln['tariff_code']}{ln['nico']}",
            vinc,
            "1",
            ln["umc"],
            f"{ln['umc_quantity']:,.3f}",
            ln["umt"],
            f"{ln['umt_quantity']:,.3f}",
            ln["seller_buyer_country"],
            ln["origin_destination_country"],
            f"{value:,.2f}" if self.export else f"{value:,.0f}",
            f"{ln['paid_price_mxn']:,.0f}",
            f"{ln['unit_price']:.5f}",
            f"{ln['value_added']:,.0f}",
        ]
        for (_label, dx, align), cell in zip(self.COLS, cells, strict=True):
            (self.r if align == "r" else self.t)(self.L + dx, cell)
        exempt = self.export or self.f["clave"] in ("IN", "V1", "RT")
        taxes = [("IGI", "0.00000", "0"), ("IVA", "16.00000", "0" if exempt else f"{round(value * 0.16)}")]
        for k, (con, rate, amount) in enumerate(taxes):
            for cell, dx in ((con, 612), (rate, 634), ("1", 670), ("0", 688)):
                self.s.text(self.L + dx, self.y + k * self.lh, cell, font=self.font, size=self.size)
            self.s.right(self.R, self.y + k * self.lh, amount, font=self.font, size=self.size)
        y0 = self.y
        self.y += self.lh
        for part in desc:
            self.t(self.L + 22, part)
            self.y += self.lh
        if ln.get("part_number"):
            self.t(self.L + 22, f"CODIGO PRODUCTO: {ln['part_number']}")
            self.y += self.lh
        self.y = max(self.y, y0 + 2 * self.lh)
        self.s.hline(self.L, self.R, self.y - 6, 0.15)
        self.y += 2

    def draw(self) -> int:
        self.top()
        self.header()
        self.need(self.lh * 6)
        self.t(self.L, "PARTIDAS", bold=True)
        self.y += self.lh + 2
        self.partidas_head()
        for ln in self.lines:
            self.partida(ln)
        self.need(self.lh * 4)
        self.y += 6
        fin = (
            f"***********FIN DE PEDIMENTO ******* NUM. TOTAL DE PARTIDAS: {self.f['partida_count']} ***** "
            f"CLAVE PREVALIDADOR: {self.x['prevalidador']}"
        )
        self.s.centre(self.s.width / 2, self.y, fin, font=self.bold, size=self.size)
        self.y += 2 * self.lh
        self.t(self.L, f"AGENTE ADUANAL: {self.x['broker'][1]}   PATENTE: {self.f['patente']}")
        self.t(self.L + 420, f"ACUSE: {self.x['acuse']}")
        self.s.save()
        return self.s.page


class _Traduccion:
    """The broker's English courtesy translation of the pedimento."""

    def __init__(self, truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> None:
        self.f, self.x, self.lines = truth["fields"], truth["extra"], truth["lines"]
        self.rng, self.pages = rng, pages
        self.s = Sheet(path, wide=True, title="Pedimento translation")
        self.regular, self.bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold")])
        self.size = 6.5
        self.lh = self.size + 3.5
        self.L, self.R = 28.0, self.s.width - 28.0
        self.y = 0.0
        self.export = self.f["operation_type"] == "EXP"

    def foot(self) -> None:
        s = self.s
        note = "This translation is provided for information only; the Spanish pedimento filed with SAT prevails."
        s.text(self.L, s.height - 16, note, font=self.regular, size=5.5)
        s.right(self.R, s.height - 16, f"Page {s.page} of {self.pages}", font=self.regular, size=6)

    def lv(self, x0: float, label: str, value: str) -> None:
        self.s.text(x0, self.y, label, font=self.bold, size=self.size)
        self.s.text(x0 + 105, self.y, value, font=self.regular, size=self.size)

    def header(self) -> None:
        f, x, s = self.f, self.x, self.s
        s.text(self.L, 34, x["broker"][1].upper(), font=self.bold, size=10)
        s.text(self.L, 44, "Customs broker  -  Pedimento translation (courtesy copy)", font=self.regular, size=7)
        s.right(self.R, 34, "MEXICAN CUSTOMS ENTRY SUMMARY", font=self.bold, size=10)
        s.hline(self.L, self.R, 50, 1.0)
        self.y = 64.0
        n = f["pedimento_number"]
        first = ("Presentation date", f["presentation_date"]) if self.export else ("Entry date", f["entry_date"])
        left = [
            ("Pedimento (Entry) No.", f"{n[:2]} {n[2:4]} {n[4:8]} {n[8:]}"),
            ("Operation", OPERATIONS_EN[f["operation_type"]]),
            ("Pedimento key", f["clave"]),
            ("Customs regime", f["regimen"]),
            ("Port of entry (Aduana)", f["customs_office"]),
            ("Broker license", f["patente"]),
        ]
        mid = [
            ("Exchange rate", f"{f['exchange_rate']:.5f}"),
            ("Gross weight (kg)", f"{f['gross_weight_kg']:,.3f}"),
            ("Value USD", f"{f['usd_value']:,.2f}"),
            ("Customs value MXN", f"{f['customs_value_mxn']:,.0f}"),
            ("Commercial value MXN", f"{f['commercial_value_mxn']:,.0f}"),
            ("Mode of transport", x["transport_code"]),
        ]
        right = [
            (first[0], _mdy(first[1])),
            ("Payment date", _mdy(f["payment_date"])),
            ("Tax ID (RFC)", f["importer_exporter_rfc"]),
            ("IMMEX program", x["program"] or "-"),
            ("Validation receipt", x["acuse"]),
        ]
        top = self.y
        for k, block in enumerate((left, mid, right)):
            self.y = top
            for label, value in block:
                self.lv(self.L + k * 250, label, value)
                self.y += self.lh
        self.y += 4
        self.lv(self.L, "Importer/Exporter", f["importer_exporter_name"])
        self.y += self.lh
        name = x["supplier"][0]
        self.lv(self.L, "Supplier / Buyer", f"{name}  ({x['supplier_tax_id']})")
        self.y += self.lh
        for inv in x["invoices"]:
            when = inv["date"].isoformat()
            text = f"{inv['number']}  {_mdy(when)}  {inv['incoterm']}  USD {inv['usd']:,.2f}  COVE {inv['cove']}"
            self.lv(self.L, "Invoice", text)
            self.y += self.lh
        refs = [f"{g} ({k})" for g, k in self.x["guides"]] + list(self.x["containers"])
        if refs:
            self.lv(self.L, "B/L - Containers", ", ".join(refs)[:150])
            self.y += self.lh
        self.y += 8

    def continued(self) -> None:
        """Close the page and open the next under a running head naming the pedimento."""
        self.foot()
        self.s.new_page()
        n = self.f["pedimento_number"]
        head = f"Pedimento (Entry) No. {n[:2]} {n[2:4]} {n[4:8]} {n[8:]}  -  continued"
        self.s.text(self.L, 30, head, font=self.regular, size=self.size + 0.5)
        self.y = 48.0

    COLS = (
        ("Line", 0, "l"),
        ("MX Tariff", 22, "l"),
        ("NICO", 66, "l"),
        ("Part No.", 88, "l"),
        ("Description", 150, "l"),
        ("Qty", 385, "r"),
        ("UoM", 390, "l"),
        ("Tariff qty", 455, "r"),
        ("Tariff UoM", 460, "l"),
        ("Seller", 498, "l"),
        ("Orig.", 526, "l"),
        ("Customs value", 598, "r"),
        ("Paid price", 646, "r"),
        ("Unit price", 692, "r"),
        ("Value added", 736, "r"),
    )

    def table_head(self) -> None:
        self.s.shade(self.L, self.y - 8, self.R, self.y + 3, 0.8)
        for label, dx, align in self.COLS:
            (self.s.right if align == "r" else self.s.text)(self.L + dx, self.y, label, font=self.bold, size=self.size)
        self.y += self.lh + 2

    def draw(self) -> int:
        self.header()
        self.s.text(self.L, self.y, "LINE ITEMS (PARTIDAS)", font=self.bold, size=self.size + 1)
        self.y += self.lh
        self.table_head()
        step = self.size + 1.5
        for ln in self.lines:
            desc = wrap(ln["description"], 170, font=self.regular, size=self.size)
            if self.y + step * len(desc) + 4 > self.s.height - 34:
                self.continued()
                self.table_head()
            value = ln["customs_value_mxn"]
            cells = [
                str(ln["sequence"]),
                ln["tariff_code"],
                ln["nico"],
                ln.get("part_number") or "",
                desc[0],
                f"{ln['umc_quantity']:,.3f}",
                UNITS_EN.get(ln["umc"], ln["umc"]),
                f"{ln['umt_quantity']:,.3f}",
                UNITS_EN.get(ln["umt"], ln["umt"]),
                ln["seller_buyer_country"],
                ln["origin_destination_country"],
                f"{value:,.2f}" if self.export else f"{value:,.0f}",
                f"{ln['paid_price_mxn']:,.0f}",
                f"{ln['unit_price']:.5f}",
                f"{ln['value_added']:,.0f}",
            ]
            for (_l, dx, align), cell in zip(self.COLS, cells, strict=True):
                draw = self.s.right if align == "r" else self.s.text
                draw(self.L + dx, self.y, cell, font=self.regular, size=self.size)
            for j, part in enumerate(desc[1:], start=1):
                self.s.text(self.L + 150, self.y + step * j, part, font=self.regular, size=self.size)
            self.y += step * len(desc) + 3
            self.s.hline(self.L, self.R, self.y - self.size, 0.15)
        if self.y + 40 > self.s.height - 34:
            self.continued()
        self.y += 8
        self.s.text(self.L, self.y, f"Total line items: {self.f['partida_count']}", font=self.bold, size=self.size + 1)
        self.s.text(self.L + 250, self.y, f"Prevalidator: {self.x['prevalidador']}", font=self.regular, size=self.size)
        self.foot()
        self.s.save()
        return self.s.page

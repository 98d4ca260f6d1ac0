"""Round 8 of the held-out pedimento printouts: two more broker systems' layouts, written before the reader saw them.

Facts, not copies, from public sources: DOMAIN.md §1b; the official form's field list (Anexo 1 RGCE, "formato de
pedimento" and its instructivo: ``NUM. PEDIMENTO``, ``T. OPER``, ``CVE. PEDIMENTO``, ``REGIMEN``, ``TIPO CAMBIO``,
``PESO BRUTO``, ``ADUANA E/S``, ``VALOR DOLARES``, ``VALOR ADUANA``, ``PRECIO PAGADO/VALOR COMERCIAL``; per partida
``SEC``, ``FRACCION``, ``SUBD./NICO``, ``VINC.``, ``MET. VAL``, ``UMC``, ``CANTIDAD UMC``, ``UMT``, ``CANTIDAD
UMT``, ``P. V/C``, ``P. O/D``, ``VAL. ADU/USD``, ``IMP. PRECIO PAG.``, ``PRECIO UNIT.``, ``VAL. AGREG.``,
``CÓDIGO PRODUCTO``); the instructivo's ``FIN DE PEDIMENTO`` line with ``NUM. TOTAL DE PARTIDAS`` and ``CLAVE
PREVALIDADOR``.

* ``glosa``: the landscape review copy a broker's office prints for its glosa (the review of the pedimento after
  clearance) from its customs system: a repeated page header with the broker, the patente, the pedimento and
  ``PÁG. 2/3``; the header data as a grid of ``LABEL: value`` in three columns; dates as ``27/AGO/2025``; the
  bank's payment stamp (``PAGADO`` with the bank, the date and the operation number) printed over the right of
  the header, in the value column's area; the partidas as one wide row each under a two-line column header
  (``CANT.`` over ``UMC``), with the contributions (``IGI``, ``IVA``) as the row's last columns and the
  description on the row below; a partida's description may fall on the next page; amounts with thousands
  separators or none per office. No product codes (the row has no room: the truth drops them).
* ``tarjeta``: a web-based customs system's PDF export (the systems brokers now run in the browser): the header as
  cards, each a small grey label over its value (``Número de pedimento``, ``Tipo de operación``, ``Clave``,
  ``Régimen``, ``Aduana``, ``Tipo de cambio``, ``Peso bruto (kg)`` …); each partida a card titled ``Partida 3
  de 24`` with its values in a grid of label-over-value cells, the fracción dotted (``3926.90.99``) with the
  NICO in a cell of its own, ``Código de producto`` printed for each partida, the contributions as a small line
  (``IGI 0 · IVA 76,716 · F.P. 0``); ``Página 1 de 4`` at the foot; the FIN line closing the partidas.
"""

from __future__ import annotations

import random
import string
from pathlib import Path
from typing import Any

from tests.synth.draw import MONTHS_ES, Sheet, wrap

ARRANGEMENTS = ("glosa", "tarjeta")
BANKS = ["BANAMEX", "BBVA MEXICO", "BANORTE", "SANTANDER", "HSBC"]


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random, pages: int) -> int:
    """Draw the printout (``pages``: the page count of a first drawing); returns its page count."""
    if arrangement == "glosa":
        for line in truth["lines"]:
            line.pop("part_number", None)
        return _Glosa(truth, path, rng, pages).draw()
    return _Tarjeta(truth, path, rng, pages).draw()


def _mon(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{d}/{MONTHS_ES[int(m) - 1]}/{y}"


def _n(value: float, decimals: int, thousands: bool) -> str:
    return f"{value:,.{decimals}f}" if thousands else f"{value:.{decimals}f}"


class _Base:
    def __init__(self, truth: dict[str, Any], path: Path, rng: random.Random, pages: int, wide: bool) -> None:
        self.f, self.x, self.lines = truth["fields"], truth["extra"], truth["lines"]
        self.rng, self.pages = rng, pages
        self.s = Sheet(path, wide=wide, title="Pedimento")
        self.thousands = rng.random() < 0.6
        self.export = self.f["operation_type"] == "EXP"
        n = self.f["pedimento_number"]
        self.number = f"{n[:2]}  {n[2:4]}  {n[4:8]}  {n[8:]}"

    def n(self, value: float, decimals: int) -> str:
        return _n(value, decimals, self.thousands)

    def iva(self, value: float) -> int:
        return 0 if self.export or self.f["clave"] in ("IN", "V1", "RT") else round(value * 0.16)

    def fin_text(self) -> str:
        count, prev = self.f["partida_count"], self.x["prevalidador"]
        return f"***** FIN DE PEDIMENTO *****  NUM. TOTAL DE PARTIDAS: {count}  ***** CLAVE PREVALIDADOR: {prev} *****"

    def signature(self) -> str:
        return "".join(self.rng.choice(string.ascii_letters + string.digits + "+/") for _ in range(88))


# --------------------------------------------------------------------------------------------------------
# glosa: a landscape review copy


class _Glosa(_Base):
    def __init__(self, truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> None:
        super().__init__(truth, path, rng, pages, wide=True)
        self.font, self.bold = rng.choice([("Helvetica", "Helvetica-Bold"), ("Courier", "Courier-Bold")])
        self.size = 6.5 if self.font == "Courier" else rng.choice([6.5, 7.0])
        self.lh = self.size + rng.choice([2.5, 3.0])
        self.L, self.R = 24.0, self.s.width - 24.0
        self.ref = f"{rng.choice('GLMT')}{rng.randint(24, 26)}-{rng.randint(1000, 9999)}"

    def t(self, x: float, y: float, text: str, bold: bool = False, size: float | None = None) -> float:
        return self.s.text(x, y, text, font=self.bold if bold else self.font, size=size or self.size)

    def r(self, x: float, y: float, text: str, bold: bool = False) -> None:
        self.s.right(x, y, text, font=self.bold if bold else self.font, size=self.size)

    def page_head(self) -> float:
        f = self.f
        broker = self.x["broker"][0]
        self.t(self.L, 26, f"{broker}   PATENTE {f['patente']}", bold=True, size=self.size + 1)
        self.r(self.R, 26, f"PÁG. {self.s.page}/{self.pages}", bold=True)
        self.t(self.L, 26 + self.lh, f"PEDIMENTO {self.number}    REF. {self.ref}    COPIA PARA GLOSA")
        self.s.hline(self.L, self.R, 30 + self.lh, 0.8)
        return 30 + 2.5 * self.lh

    def grid(self, y: float, rows: list[tuple[str, str]], cols: int = 3, right: float | None = None) -> float:
        right = self.R if right is None else right
        width = (right - self.L) / cols
        for k, (label, value) in enumerate(rows):
            cx = self.L + (k % cols) * width
            cy = y + (k // cols) * self.lh
            end = self.t(cx, cy, f"{label}:", bold=True)
            self.t(end + 4, cy, value)
        return y + self.lh * ((len(rows) + cols - 1) // cols) + 4

    def header(self, y: float) -> float:
        f, x = self.f, self.x
        first = ("FECHA PRESENTACION", f["presentation_date"]) if self.export else ("FECHA ENTRADA", f["entry_date"])
        code = x["transport_code"]
        rows = [
            ("NUM. PEDIMENTO", self.number),
            ("T. OPER", f["operation_type"]),
            ("CVE. PEDIMENTO", f["clave"]),
            ("REGIMEN", f["regimen"]),
            ("DESTINO/ORIGEN", x["destino"]),
            ("ADUANA E/S", f["customs_office"]),
            ("TIPO CAMBIO", f"{f['exchange_rate']:.5f}"),
            ("PESO BRUTO", self.n(f["gross_weight_kg"], 3)),
            ("MEDIOS TRANSP. E/A/S", f"{code} {code} {code}"),
            ("VALOR DOLARES", self.n(f["usd_value"], 2)),
            ("VALOR ADUANA", self.n(f["customs_value_mxn"], 0)),
            ("PRECIO PAGADO/VALOR COMERCIAL", self.n(f["commercial_value_mxn"], 0)),
            (first[0], _mon(first[1])),
            ("FECHA PAGO", _mon(f["payment_date"])),
            ("FLETES", self.n(x["incrementables"], 0)),
        ]
        stamp_x = self.L + (self.R - self.L) * 0.72
        top = y
        y = self.grid(y, rows, 3, stamp_x)
        self._stamp(stamp_x + 20, top)
        self.s.hline(self.L, self.R, y - 2, 0.4)
        y += self.lh
        y = self.grid(
            y,
            [
                ("RFC IMPORTADOR/EXPORTADOR", f["importer_exporter_rfc"]),
                ("CURP", ""),
                ("NOMBRE", f["importer_exporter_name"]),
            ],
            3,
        )
        y = self.grid(y, [("DOMICILIO", x["importer_address"].upper())], 1)
        name, _country, address = x["supplier"][:3]
        y = self.grid(
            y,
            [("ID. FISCAL PROV./COMP.", x["supplier_tax_id"]), ("PROVEEDOR/COMPRADOR", name), ("DOMICILIO", address)],
            3,
        )
        self.s.hline(self.L, self.R, y - 2, 0.4)
        y += self.lh
        heads = [("FACTURA", 0), ("FECHA", 140), ("INCOTERM", 200), ("MONEDA", 250), ("VAL. MON. FACT.", 300)]
        heads += [("VAL. DOLARES", 390), ("E-DOCUMENT (COVE)", 480)]
        for head, dx in heads:
            self.t(self.L + dx, y, head, bold=True)
        for inv in x["invoices"]:
            y += self.lh
            cells = [str(inv["number"]), _mon(inv["date"].isoformat())]
            cells += [inv["incoterm"], inv["currency"], self.n(inv["usd"], 2), self.n(inv["usd"], 2), inv["cove"]]
            for (_h, dx), cell in zip(heads, cells, strict=True):
                self.t(self.L + dx, y, cell)
        y += self.lh + 4
        refs: list[tuple[str, str]] = [(f"GUIA/ORDEN EMBARQUE ({kind})", guide) for guide, kind in x["guides"]]
        refs += [("CONTENEDOR", c) for c in x["containers"]]
        refs.append(("IDENTIFICADOR ED", f"0{self.rng.randint(10**12, 10**13 - 1)}"))
        if x["program"]:
            refs.append(("IDENTIFICADOR IM", x["program"]))
        y = self.grid(y, refs, 3)
        iva = self.iva(self.f["customs_value_mxn"])
        prv = self.rng.choice([290, 330])
        liq = [("DTA", self.n(x["dta"], 0)), ("PRV", self.n(prv, 0)), ("IVA", self.n(iva, 0))]
        liq.append(("TOTAL EFECTIVO", self.n(x["dta"] + prv + iva, 0)))
        return self.grid(y, liq, 4) + 4

    def _stamp(self, x0: float, y: float) -> None:
        """The bank's payment stamp, printed over the header's right side."""
        c = self.s.canvas
        c.saveState()
        c.setStrokeGray(0.35)
        c.setFillGray(0.3)
        self.s.box(x0 - 4, y - 9, x0 + 170, y + 4 * self.lh, 0.8)
        clock = f"{self.rng.randint(8, 18):02d}:{self.rng.randint(0, 59):02d}"
        rows = [
            f"PAGADO  {self.rng.choice(BANKS)}",
            f"{_mon(self.f['payment_date'])} {clock}",
            f"OPERACION {self.rng.randint(10**9, 10**10 - 1)}",
            f"ACUSE {self.x['acuse']}",
        ]
        for k, row in enumerate(rows):
            self.s.text(x0, y + k * self.lh, row, font=self.bold, size=self.size)
        c.restoreState()

    def columns(self) -> list[tuple[str, str, float, str]]:
        """(key, two-line label, x share of the width, alignment)."""
        return [
            ("sequence", "SEC\n", 0.0, "l"),
            ("tariff_code", "FRACCION\n", 0.030, "l"),
            ("nico", "NICO\n", 0.095, "l"),
            ("vinc", "VIN\n", 0.125, "l"),
            ("method", "MET\nVAL", 0.150, "l"),
            ("umc", "UMC\n", 0.178, "l"),
            ("umc_quantity", "CANT.\nUMC", 0.270, "r"),
            ("umt", "UMT\n", 0.280, "l"),
            ("umt_quantity", "CANT.\nUMT", 0.370, "r"),
            ("seller_buyer_country", "P.\nV/C", 0.382, "l"),
            ("origin_destination_country", "P.\nO/D", 0.414, "l"),
            ("customs_value_mxn", "VAL. ADU/\nUSD", 0.530, "r"),
            ("paid_price_mxn", "IMP. PRECIO\nPAG.", 0.630, "r"),
            ("unit_price", "PRECIO\nUNIT.", 0.720, "r"),
            ("value_added", "VAL.\nAGREG.", 0.780, "r"),
            ("_igi", "IGI\n", 0.840, "r"),
            ("_iva", "IVA\n", 0.920, "r"),
            ("_fp", "F.\nP.", 1.0, "r"),
        ]

    def partidas_header(self, y: float) -> float:
        self.s.shade(self.L, y - 8, self.R, y + self.lh + 2, 0.85)
        for _key, label, share, align in self.columns():
            cx = self.L + share * (self.R - self.L)
            for k, part in enumerate(label.split("\n")):
                if part:
                    (self.r if align == "r" else self.t)(cx, y + k * self.lh, part, bold=True)
        return y + 2 * self.lh + 6

    def partida(self, ln: dict[str, Any], y: float) -> float:
        export = self.export
        iva = self.iva(ln["customs_value_mxn"])
        values = {
            "sequence": str(ln["sequence"]),
            "tariff_code": ln["tariff_code"],
            "nico": ln["nico"],
            "vinc": self.rng.choice(["0", "1"]),
            "method": "1",
            "umc": ln["umc"],
            "umc_quantity": self.n(ln["umc_quantity"], 3),
            "umt": ln["umt"],
            "umt_quantity": self.n(ln["umt_quantity"], 3),
            "seller_buyer_country": ln["seller_buyer_country"],
            "origin_destination_country": ln["origin_destination_country"],
            "customs_value_mxn": self.n(ln["customs_value_mxn"], 2 if export else 0),
            "paid_price_mxn": self.n(ln["paid_price_mxn"], 0),
            "unit_price": f"{ln['unit_price']:.5f}",
            "value_added": self.n(ln["value_added"], 0),
            "_igi": "0",
            "_iva": self.n(iva, 0),
            "_fp": self.rng.choice(["0", "21"]),
        }
        for key, _label, share, align in self.columns():
            cx = self.L + share * (self.R - self.L)
            (self.r if align == "r" else self.t)(cx, y, values[key])
        return y + self.lh

    def draw(self) -> int:
        bottom = self.s.height - 36
        y = self.header(self.page_head())
        y = self.partidas_header(y + 4)
        for ln in self.lines:
            if y + self.lh > bottom:
                self.s.new_page()
                y = self.partidas_header(self.page_head() + 4)
            y = self.partida(ln, y)
            width = (self.R - self.L) * 0.5
            for part in wrap(ln["description"], width, font=self.font, size=self.size):
                if y + self.lh > bottom:  # the description runs on to the next page
                    self.s.new_page()
                    y = self.partidas_header(self.page_head() + 4)
                self.t(self.L + 0.030 * (self.R - self.L), y, part)
                y += self.lh
            self.s.hline(self.L, self.R, y - self.lh + 3, 0.15)
            y += 2
        if y + 6 * self.lh > bottom:
            self.s.new_page()
            y = self.page_head() + 4
        self.s.centre((self.L + self.R) / 2, y + 4, self.fin_text(), font=self.bold, size=self.size)
        y += 3 * self.lh
        broker = self.x["broker"][1]
        self.t(self.L, y, f"AGENTE ADUANAL: {broker}   RFC: {self.x['broker_rfc']}   PATENTE: {self.f['patente']}")
        self.t(self.L, y + self.lh, f"e.firma: {self.signature()}", size=5)
        self.s.save()
        return self.s.page


# --------------------------------------------------------------------------------------------------------
# tarjeta: a web system's PDF export in cards


class _Tarjeta(_Base):
    def __init__(self, truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> None:
        super().__init__(truth, path, rng, pages, wide=False)
        self.size = rng.choice([7.0, 7.5])
        self.L, self.R = 30.0, self.s.width - 30.0
        self.dotted = rng.random() < 0.7
        self.grey = rng.choice([0.45, 0.5])
        self.y = 0.0

    def label(self, x: float, y: float, text: str) -> None:
        c = self.s.canvas
        c.setFillGray(self.grey)
        self.s.text(x, y, text, font="Helvetica", size=self.size - 1.5)
        c.setFillGray(0)

    def cells(self, rows: list[tuple[str, str]], per_row: int, x0: float | None = None) -> None:
        """Label-over-value cells, ``per_row`` to a row."""
        x0 = self.L + 6 if x0 is None else x0
        width = (self.R - 6 - x0) / per_row
        for k, (label, value) in enumerate(rows):
            cx = x0 + (k % per_row) * width
            cy = self.y + (k // per_row) * 20
            self.label(cx, cy, label)
            self.s.text(cx, cy + 9, value, font="Helvetica", size=self.size)
        self.y += 20 * ((len(rows) + per_row - 1) // per_row)

    def foot(self) -> None:
        self.label(self.L, self.s.height - 20, f"Pedimento {self.number} - exportado del sistema")
        self.s.right(self.R, self.s.height - 20, f"Página {self.s.page} de {self.pages}", size=self.size - 1)

    def need(self, h: float) -> None:
        if self.y + h > self.s.height - 40:
            self.foot()
            self.s.new_page()
            self.y = 40.0

    def card(self, title: str, rows: list[tuple[str, str]], per_row: int) -> None:
        tall = 20 * ((len(rows) + per_row - 1) // per_row) + 18
        self.need(tall)
        self.s.canvas.setStrokeGray(0.7)
        self.s.box(self.L, self.y - 4, self.R, self.y + tall - 6, 0.5)
        self.s.canvas.setStrokeGray(0)
        self.s.text(self.L + 6, self.y + 6, title, font="Helvetica-Bold", size=self.size + 1)
        self.y += 18
        self.cells(rows, per_row)
        self.y += 6

    def fraccion(self, code: str) -> str:
        return f"{code[:4]}.{code[4:6]}.{code[6:]}" if self.dotted else code

    def draw(self) -> int:
        f, x = self.f, self.x
        self.y = 36.0
        self.s.text(self.L, self.y, "Pedimento", font="Helvetica-Bold", size=15)
        self.s.right(self.R, self.y, f"{x['broker'][0]} - Patente {f['patente']}", size=self.size)
        self.y += 18
        first = (
            ("Fecha de presentación", f["presentation_date"]) if self.export else ("Fecha de entrada", f["entry_date"])
        )
        dfmt = self.rng.choice(["dmy", "iso"])

        def d(iso: str) -> str:
            y_, m_, d_ = iso.split("-")
            return f"{d_}/{m_}/{y_}" if dfmt == "dmy" else iso

        code = x["transport_code"]
        self.card(
            "Encabezado",
            [
                ("Número de pedimento", self.number),
                ("Tipo de operación", f["operation_type"]),
                ("Clave", f["clave"]),
                ("Régimen", f["regimen"]),
                ("Aduana E/S", f["customs_office"]),
                ("Destino/Origen", x["destino"]),
                ("Tipo de cambio", f"{f['exchange_rate']:.5f}"),
                ("Peso bruto (kg)", self.n(f["gross_weight_kg"], 3)),
                ("Medio de transporte", code),
                ("Valor dólares", self.n(f["usd_value"], 2)),
                ("Valor aduana", self.n(f["customs_value_mxn"], 0)),
                ("Precio pagado / valor comercial", self.n(f["commercial_value_mxn"], 0)),
                (first[0], d(first[1])),
                ("Fecha de pago", d(f["payment_date"])),
                ("Fletes", self.n(x["incrementables"], 0)),
                ("Clave prevalidador", x["prevalidador"]),
            ],
            4,
        )
        self.card(
            "Importador / exportador",
            [
                ("RFC", f["importer_exporter_rfc"]),
                ("Nombre o razón social", f["importer_exporter_name"]),
                ("Domicilio", x["importer_address"]),
                ("Programa IMMEX", x["program"] or "-"),
            ],
            2,
        )
        name, _country, address = x["supplier"][:3]
        self.card(
            "Proveedor / comprador",
            [("ID fiscal", x["supplier_tax_id"]), ("Nombre", name), ("Domicilio", address)],
            3,
        )
        rows: list[tuple[str, str]] = []
        for inv in x["invoices"]:
            when = inv["date"].isoformat()
            rows += [("Factura", str(inv["number"])), ("Fecha", d(when)), ("COVE", inv["cove"])]
            rows.append(("Valor USD", f"{inv['incoterm']} {inv['currency']} {self.n(inv['usd'], 2)}"))
        self.card("Facturas", rows, 4)
        trans = [(f"Guía ({kind})", guide) for guide, kind in x["guides"]]
        trans += [("Contenedor", c) for c in x["containers"]]
        trans.append(("Identificador ED", f"0{self.rng.randint(10**12, 10**13 - 1)}"))
        self.card("Transporte e identificadores", trans, 4)
        iva = self.iva(f["customs_value_mxn"])
        prv = self.rng.choice([290, 330])
        liq = [("DTA", self.n(x["dta"], 0)), ("PRV", self.n(prv, 0)), ("IVA", self.n(iva, 0))]
        liq.append(("Total efectivo", self.n(x["dta"] + prv + iva, 0)))
        self.card("Cuadro de liquidación", liq, 4)
        total = f["partida_count"]
        for ln in self.lines:
            desc = wrap(ln["description"], self.R - self.L - 20, font="Helvetica", size=self.size)
            self.need(20 * 4 + 10 * len(desc) + 24)
            top = self.y
            self.s.text(self.L + 6, self.y + 6, f"Partida {ln['sequence']} de {total}", font="Helvetica-Bold", size=8)
            self.y += 18
            cells = [
                ("Fracción", self.fraccion(ln["tariff_code"])),
                ("NICO", ln["nico"]),
                ("Vinculación", self.rng.choice(["0", "1"])),
                ("Método de valoración", "1"),
                ("UMC", ln["umc"]),
                ("Cantidad UMC", self.n(ln["umc_quantity"], 3)),
                ("UMT", ln["umt"]),
                ("Cantidad UMT", self.n(ln["umt_quantity"], 3)),
                ("País vendedor/comprador", ln["seller_buyer_country"]),
                ("País origen/destino", ln["origin_destination_country"]),
                ("Valor aduana", self.n(ln["customs_value_mxn"], 2 if self.export else 0)),
                ("Precio pagado", self.n(ln["paid_price_mxn"], 0)),
                ("Precio unitario", f"{ln['unit_price']:.5f}"),
                ("Valor agregado", self.n(ln["value_added"], 0)),
                ("Código de producto", ln["part_number"]),
            ]
            self.cells(cells, 5)
            self.label(self.L + 6, self.y, "Descripción")
            for part in desc:
                self.y += 9
                self.s.text(self.L + 6, self.y, part, size=self.size)
            self.y += 11
            fp = self.rng.choice(["0", "21"])
            taxes = f"IGI 0  ·  IVA {self.n(self.iva(ln['customs_value_mxn']), 0)}  ·  F.P. {fp}"
            self.label(self.L + 6, self.y, taxes)
            self.y += 8
            self.s.canvas.setStrokeGray(0.7)
            self.s.box(self.L, top - 4, self.R, self.y, 0.5)
            self.s.canvas.setStrokeGray(0)
            self.y += 10
        self.need(50)
        self.s.centre((self.L + self.R) / 2, self.y + 4, self.fin_text(), font="Helvetica-Bold", size=self.size)
        self.y += 20
        broker = self.x["broker"][1]
        self.s.text(self.L, self.y, f"Agente aduanal: {broker}  ·  RFC {x['broker_rfc']}  ·  Patente {f['patente']}")
        self.label(self.L, self.y + 10, f"e.firma {self.signature()}")
        self.foot()
        self.s.save()
        return self.s.page

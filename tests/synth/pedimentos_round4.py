"""Round 4 of the held-out pedimento printouts: two broker-system layouts written before the reader saw them.

Each models facts read in public text renderings of real printouts (test fixtures and print templates of other
projects, searched for ``FIN DE PEDIMENTO``, ``NUM. TOTAL DE PARTIDAS``; nothing copied) and in DOMAIN.md §1b,
choosing variants the earlier arrangements (``pedimentos``, ``pedimentos_broker``, ``pedimentos_unseen``) do not
draw:

* ``celdas``: a form drawn cell by cell by a PDF library, as the TCPDF/iText print templates do. Modelled facts:
  header fields in ruled cells, small label at the cell's top and its value centred under it; the partidas header
  as bordered cells whose first column (SEC) has no label; ``CANTIDAD UMC`` with thousands separators
  (``512,000.000``); per-partida contributions on their own lines under the description with five-decimal rates
  (``IVA 16.00000 1 0 32719``); the value row ordered ``VAL. ADU/USD | PRECIO UNIT. | IMP. PRECIO PAG.`` where the
  unit price's cell ends where the paid price begins, so the text layer runs them together
  (``40.57420202871``); a ``DEPOSITO REFERENCIADO`` payment block (``LINEA DE CAPTURA``, ``IMPORTE PAGADO``,
  ``NUMERO DE OPERACION``) beside the values; a ``DATOS DEL PROVEEDOR`` block; every later page opened by a bar
  with ``Ref: …`` and ``Página N de M``; the FIN line printed as separate cells spread over the page width
  (``****`` | ``FIN DE PEDIMENTO`` | ``**** NUM. TOTAL DE PARTIDAS:`` | ``N`` | ``**** CLAVE PREVALIDADOR:`` |
  ``010`` | ``****``).
* ``resumen``: a system that prints a summary first. Modelled facts: the short number (``Ped. 6000151``) at the
  top; a row of labels ``DESTINO  TIPO CAMBIO  PESO BRUTO  ADUANA E/S`` with their values under them
  (``9 17.79570 23540.000 160``); a ``CUADRO DE LIQUIDACION`` with ``DTA 0 5532 PRV 0 330``, ``IVA/PRV``,
  ``IGI/IGE`` and ``IMPORTE PAGADO: $129,883``; a partidas header broken over lines mid-word (``SUBD. / N`` over
  ``ICO``, ``NUM. IDENTIFICAC-`` over ``IÓN COMERCIAL``); the description, then the contributions, then the values;
  ``IDENTIF. COMPLEMENTO 1 COMPLEMENTO 2`` identifiers and observations written as
  ``Fact(Item) 2881864841(1)(N.P. …)(CANT. 3000.000 Pza)``; continuation pages headed ``PEDIMENTO PAGINA N DE M``
  and ``NUM. PEDIMENTO: … TIPO.OPER: …``; the total zero-padded (``NUM. TOTAL DE PARTIDAS: 004``) and sometimes no
  prevalidador (``CLAVE PREVALIDADOR: **********``).

Part numbers appear only inside observations (never in a CÓDIGO PRODUCTO row), so the truth does not keep them.
"""

from __future__ import annotations

import random
import string
from pathlib import Path
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth

from tests.synth.draw import dmy, wrap
from tests.synth.pedimentos_broker import Style, _Printout, _style, num

ARRANGEMENTS = ("celdas", "resumen")
UNIT_WORDS = {"1": "Kg", "3": "Mts", "6": "Pza"}


def style_for(arrangement: str, style: Style, rng: random.Random) -> Style:
    style.thousands = True if arrangement == "celdas" else rng.random() < 0.7
    style.contributions = "below"
    style.vertical_id = False
    style.glued_nico = False
    style.tight_umc = False
    style.brand_row = False
    style.observations = False  # each arrangement prints its own
    return style


class Round4(_Printout):
    """The two round-4 layouts: their page headers, header blocks, partidas rows and FIN lines."""

    # ------------------------------------------------------------------------------------------------
    # cells

    def cell(self, x0: float, x1: float, y: float, label: str, value: str, right: bool = False) -> None:
        """A ruled cell: the label small at its top, the value centred (or right-aligned) under it."""
        size = self.st.size - 1.5
        self.s.box(x0, y - 7, x1, y + 13, 0.4)
        self.s.text(x0 + 2, y - 0.5, label, font=self.st.bold, size=size)
        if right:
            self.s.right(x1 - 3, y + 10, value, font=self.st.font, size=self.st.size)
        else:
            self.s.centre((x0 + x1) / 2, y + 10, value, font=self.st.font, size=self.st.size)

    def cell_row(self, y: float, cells: list[tuple[str, str]], widths: list[float], right: bool = False) -> float:
        total = sum(widths)
        at = self.L
        for (label, value), w in zip(cells, widths, strict=True):
            x1 = at + (self.R - self.L) * w / total
            self.cell(at, x1, y, label, value, right)
            at = x1
        return y + 22

    # ------------------------------------------------------------------------------------------------
    # page headers

    def continuation_header(self) -> float:
        y = self.noise_top() + 6
        if self.arr == "celdas":
            self.s.shade(self.L, y - 8, self.R, y + 3)
            self.t(self.L + 4, y, "PEDIMENTO", bold=True)
            self.s.centre((self.L + self.R) / 2, y, f"Ref: {self.reference}", font=self.st.font, size=self.st.size)
            self.r(self.R - 4, y, f"Página {self.s.page} de {self.pages}")
            y += self.lh + 4
            cells = [
                ("NUM. PEDIMENTO", self.number),
                ("T. OPER", self.f["operation_type"]),
                ("CVE. PEDIMENTO", self.f["clave"]),
                ("RFC", self.f["importer_exporter_rfc"]),
            ]
            return self.cell_row(y + 6, cells, [3, 1, 1.4, 2.4]) + 2
        self.t(self.L, y, f"PEDIMENTO PAGINA {self.s.page} DE {self.pages}", bold=True)
        y += self.lh
        end = self.lv(self.L, y, "NUM. PEDIMENTO:", self.number)
        end = self.lv(end + 16, y, "TIPO.OPER:", self.f["operation_type"])
        end = self.lv(end + 16, y, "CVE. PEDIMENTO:", self.f["clave"])
        self.lv(end + 16, y, "RFC:", self.f["importer_exporter_rfc"])
        y += self.lh
        self.s.hline(self.L, self.R, y - self.lh + 3)
        return y + 4

    def first_header(self) -> float:
        y = self.noise_top() + 6
        if self.arr == "celdas":
            self.s.centre((self.L + self.R) / 2, y, "PEDIMENTO", font=self.st.bold, size=self.st.size + 2)
            self.r(self.R, y, f"Página 1 de {self.pages}")
            return self._head_celdas(y + self.lh + 8)
        return self._head_resumen(y)

    def _head_celdas(self, y: float) -> float:
        f, x, st = self.f, self.x, self.st
        code = x["transport_code"]
        y = self.cell_row(
            y,
            [
                ("NUM. PEDIMENTO:", self.number),
                ("T. OPER:", f["operation_type"]),
                ("CVE. PEDIMENTO:", f["clave"]),
                (self.pick("REGIMEN:", "RÉGIMEN:"), f["regimen"]),
                ("CERTIFICACIONES", ""),
            ],
            [3, 1, 1.4, 1.2, 2.2],
        )
        y = self.cell_row(
            y,
            [
                ("DESTINO:", x["destino"]),
                ("TIPO CAMBIO:", f"{f['exchange_rate']:.5f}"),
                ("PESO BRUTO:", num(f["gross_weight_kg"], 3, st)),
                ("ADUANA E/S:", f["customs_office"]),
            ],
            [1, 1.4, 1.6, 1],
        )
        y = self.cell_row(
            y,
            [
                ("ENTRADA/SALIDA:", code),
                ("ARRIBO:", code),
                ("SALIDA:", code),
                ("VALOR DOLARES:", num(f["usd_value"], 2, st)),
                ("VALOR ADUANA:", num(f["customs_value_mxn"], 0, st)),
                ("PRECIO PAGADO/VALOR COMERCIAL:", num(f["commercial_value_mxn"], 0, st)),
            ],
            [1, 0.8, 0.8, 1.6, 1.6, 2.4],
            right=self.rng.random() < 0.5,
        )
        # the bank's payment block, its figures near the values
        paid = x["dta"] + round(f["customs_value_mxn"] * 0.16 * self.rng.choice([0, 1]))
        self.s.box(self.L, y - 7, self.R, y + 3 * self.lh, 0.4)
        self.t(self.L + 3, y, "DEPOSITO REFERENCIADO", bold=True, size=self.st.size - 1)
        self.t(self.L + 150, y, "***PAGO ELECTRONICO***", bold=True, size=self.st.size - 1)
        line = "".join(self.rng.choice(string.digits) for _ in range(20))
        self.t(self.L + 3, y + self.lh, f"LINEA DE CAPTURA: {line}")
        self.t(self.L + 220, y + self.lh, f"IMPORTE PAGADO: ${paid:,}")
        self.t(self.L + 3, y + 2 * self.lh, f"NUMERO DE OPERACION BANCARIA: {self.rng.randint(10**8, 10**9 - 1)}")
        self.t(self.L + 220, y + 2 * self.lh, f"MEDIO DE PRESENTACION: {self.pick('OTROS MEDIOS', 'ELECTRONICO')}")
        y += 3 * self.lh + 8
        y = self._importer_dates(y)
        supplier = x["supplier"]
        self.t(self.L, y, "DATOS DEL PROVEEDOR O COMPRADOR", bold=True)
        y += self.lh
        self.lv(self.L, y, "ID. FISCAL:", x["supplier_tax_id"])
        y += self.lh
        self.lv(self.L, y, "NOMBRE, DENOMINACION O RAZON SOCIAL:", supplier[0])
        y += self.lh
        self.lv(self.L, y, "DOMICILIO:", supplier[2].upper())
        return y + self.lh + 6

    def _head_resumen(self, y: float) -> float:
        f, x, st, L = self.f, self.x, self.st, self.L
        self.t(L, y, f"Ped. {f['pedimento_number'][8:]}", bold=True, size=st.size + 2)
        self.r(self.R, y, f"PEDIMENTO PAGINA 1 DE {self.pages}")
        y += self.lh + 6
        # a row of labels, their values under them at the same x
        gap = self.rng.choice([56.0, 64.0, 72.0])
        row = [
            ("DESTINO", x["destino"]),
            ("TIPO CAMBIO", f"{f['exchange_rate']:.5f}"),
            ("PESO BRUTO", num(f["gross_weight_kg"], 3, st)),
            ("ADUANA E/S", f["customs_office"]),
        ]
        for k, (label, value) in enumerate(row):
            self.t(L + k * gap * 1.3, y, label, bold=True)
            self.t(L + k * gap * 1.3, y + self.lh, value)
        y += 2 * self.lh + 4
        row2 = [
            ("NUM. PEDIMENTO", self.number, 0.0),
            ("T. OPER", f["operation_type"], 130.0),
            ("CVE. PEDIMENTO", f["clave"], 180.0),
            (self.pick("REGIMEN", "RÉGIMEN"), f["regimen"], 250.0),
        ]
        for label, value, dx in row2:
            self.t(L + dx, y, label, bold=True)
            self.t(L + dx, y + self.lh, value)
        y += 2 * self.lh + 6
        first = ("PRESENTACION", f["presentation_date"]) if self.export else ("ENTRADA", f["entry_date"])
        self.t(L, y, "FECHAS", bold=True)
        self.t(L + 60, y, first[0])
        self.t(L + 120, y, dmy(first[1]))
        self.t(L + 200, y, "PAGO")
        self.t(L + 240, y, dmy(f["payment_date"]))
        y += self.lh + 4
        y = self._liquidacion(y)
        # values: label left, figure at a tab stop far right
        tab = self.R - self.rng.choice([0.0, 80.0, 160.0])
        for label, value in (
            ("VALOR DOLARES:", num(f["usd_value"], 2, st)),
            ("VALOR ADUANA:", num(f["customs_value_mxn"], 0, st)),
            ("PRECIO PAGADO/VALOR COMERCIAL:", num(f["commercial_value_mxn"], 0, st)),
        ):
            self.t(L, y, label, bold=True)
            self.r(tab, y, value)
            y += self.lh
        y += 4
        end = self.lv(L, y, "RFC:", f["importer_exporter_rfc"])
        self.lv(end + 30, y, "CURP:", "")
        y += self.lh
        self.t(L, y, "NOMBRE, DENOMINACION O RAZON SOCIAL:", bold=True)
        y += self.lh
        self.t(L, y, f["importer_exporter_name"])
        y += self.lh
        self.lv(L, y, "DOMICILIO:", x["importer_address"].upper())
        y += self.lh + 4
        code = x["transport_code"]
        self.t(L, y, "MEDIOS DE TRANSPORTE  ENTRADA/SALIDA: ARRIBO: SALIDA:", bold=True)
        y += self.lh
        for k in range(3):
            self.t(L + 130 + 40 * k, y, code)
        y += self.lh + 4
        return self._documents(y)

    def _liquidacion(self, y: float) -> float:
        """The tax box: concept, payment form and amount, two to a line, and the total paid."""
        f, x, L = self.f, self.x, self.L
        iva = 0 if self.f["clave"] in ("IN", "V1", "RT") else round(f["customs_value_mxn"] * 0.16)
        igi = 0 if iva == 0 else round(f["customs_value_mxn"] * 0.05)
        prv = self.rng.choice([290, 330, 352])
        rows = [("DTA", "0", x["dta"], "PRV", "0", prv), ("IVA/PRV", "0", round(prv * 0.16), "IVA", "0", iva)]
        self.t(L, y, "CUADRO DE LIQUIDACION", bold=True)
        y += self.lh
        for a, fa, ia, b, fb, ib in rows:
            self.t(L + 10, y, f"{a} {fa} {ia}")
            self.t(L + 120, y, f"{b} {fb} {ib}")
            y += self.lh
        self.t(L + 10, y, f"IGI/IGE 0 {igi}")
        y += self.lh
        total = x["dta"] + prv + round(prv * 0.16) + iva + igi
        self.t(L + 10, y, "IMPORTE PAGADO:", bold=True)
        self.t(L + 120, y, f"${total:,}")
        return y + self.lh + 6

    # ------------------------------------------------------------------------------------------------
    # partidas

    def columns(self) -> list[list[tuple[str, str, float]]]:
        L, p = self.L, self.pick
        sp = self.rng.uniform(0.95, 1.04)
        if self.arr == "celdas":
            row0: list[tuple[str, str, float]] = [
                ("sequence", "", 0),
                ("tariff_code", p("FRACCIÓN", "FRACCION"), 20),
                ("nico", "SUBD.", 68),
                ("vinc", "VINC.", 98),
                ("method", "MET. VAL", 124),
                ("umc", "UMC", 166),
                ("umc_quantity", "CANTIDAD UMC", 188),
                ("umt", "UMT", 256),
                ("umt_quantity", "CANTIDAD UMT", 278),
                ("seller_buyer_country", "P. V/C", 346),
                ("origin_destination_country", "P. O/D", 378),
            ]
            row1: list[tuple[str, str, float]] = [
                ("description", p("DESCRIPCIÓN", "DESCRIPCION (RENGLONES VARIABLES SEGUN SE REQUIERA)"), 20)
            ]
            row2: list[tuple[str, str, float]] = [
                ("customs_value_mxn", p("VAL. ADU/USD", "VAL ADU/USD"), 20),
                ("unit_price", "PRECIO UNIT.", 110),
                ("paid_price_mxn", "IMP. PRECIO PAG.", 170),
                ("value_added", "VAL. AGREG.", 270),
            ]
            return [self._spread([(k, lab, L + x * sp) for k, lab, x in row]) for row in (row0, row1, row2)]
        offsets: list[tuple[str, str, float]] = [
            ("sequence", "SEC", 0),
            ("tariff_code", "FRACCION", 22),
            ("nico", "SUBD. / N", 70),
            ("vinc", "VINC.", 112),
            ("method", "MET.", 138),
            ("umc", "UMC", 164),
            ("umc_quantity", "CANTIDAD UMC", 186),
            ("umt", "UMT", 252),
            ("umt_quantity", "CANTIDAD UMT", 274),
            ("seller_buyer_country", "P. V/C", 340),
            ("origin_destination_country", "P. O/D", 372),
            ("_ident", "NUM. IDENTIFICAC-", 404),
        ]
        row0 = self._spread([(k, lab, L + x * sp) for k, lab, x in offsets])
        at = {k: x for k, _lab, x in row0}
        row1 = [
            ("_nico_b", "ICO", at["nico"]),
            ("_met_b", "VAL.", at["method"]),
            ("_ident_b", "IÓN COMERCIAL", at["_ident"]),
        ]
        row2 = [("description", "DESCRIPCION", L + 22 * sp)]
        row3: list[tuple[str, str, float]] = [
            ("customs_value_mxn", p("VAL. ADU / USD", "VAL. ADU/USD"), 22),
            ("paid_price_mxn", "IMP. PRECIO PAG.", 110),
            ("unit_price", "PRECIO UNIT.", 196),
            ("value_added", "VAL. AGREG.", 276),
        ]
        return [row0, row1, row2, self._spread([(k, lab, L + x * sp) for k, lab, x in row3])]

    def _codes(self, ln: dict[str, Any], y: float) -> None:
        st, c = self.st, self.cols
        seq = str(ln["sequence"])
        if self.arr == "celdas":
            self.s.centre(c["sequence"] + 8, y, seq, font=st.font, size=st.size)
        else:
            self.t(c["sequence"], y, seq)
        for key, value in (
            ("tariff_code", ln["tariff_code"]),
            ("nico", ln["nico"]),
            ("vinc", self.pick("0", "1")),
            ("method", "1"),
            ("umc", ln["umc"]),
            ("umt", ln["umt"]),
            ("seller_buyer_country", ln["seller_buyer_country"]),
            ("origin_destination_country", ln["origin_destination_country"]),
        ):
            self.t(c[key], y, value)
        width = stringWidth("CANTIDAD UMC", st.bold, st.size - 0.5)
        self.r(c["umc_quantity"] + width, y, num(ln["umc_quantity"], 3, st))
        self.r(c["umt_quantity"] + width, y, num(ln["umt_quantity"], 3, st))

    def _contributions(self, ln: dict[str, Any], y: float) -> float:
        iva = 0 if self.export else round(ln["customs_value_mxn"] * 0.16)
        rows = [("IGI", "0.00000", 0), ("IVA", "16.00000", iva)]
        if self.rng.random() < 0.3:
            rows.append(("DTA", "0.00800", round(ln["customs_value_mxn"] * 0.008)))
        for con, tasa, imp in rows:
            self.t(self.cols["umc"], y, f"{con} {tasa} 1 0 {imp}")
            y += self.lh
        return y

    def partida(self, ln: dict[str, Any], y: float) -> float:
        st, c = self.st, self.cols
        self._codes(ln, y)
        y += self.lh
        desc = wrap(ln["description"], 250, font=st.font, size=st.size)
        if self.arr == "celdas":
            for d in desc:
                self.t(c["description"], y, d)
                y += self.lh
            y = self._contributions(ln, y)
            value = num(ln["customs_value_mxn"], 2 if self.export else 0, st)
            self.t(c["customs_value_mxn"], y, value)
            unit = f"{ln['unit_price']:.5f}"
            paid = num(ln["paid_price_mxn"], 0, st)
            if self.rng.random() < 0.5:
                # the unit price's cell ends where the paid price's begins: the text layer runs them together
                self.r(c["paid_price_mxn"] - 0.3, y, unit)
            else:
                self.t(c["unit_price"], y, unit)
            self.t(c["paid_price_mxn"], y, paid)
            self.t(c["value_added"], y, num(ln["value_added"], 0, st))
            return y + self.lh
        for d in desc:
            self.t(c["description"], y, d)
            y += self.lh
        y = self._contributions(ln, y)
        for key, value in (
            ("customs_value_mxn", num(ln["customs_value_mxn"], 2 if self.export else 0, st)),
            ("paid_price_mxn", num(ln["paid_price_mxn"], 0, st)),
            ("unit_price", f"{ln['unit_price']:.5f}"),
            ("value_added", num(ln["value_added"], 0, st)),
        ):
            self.t(c[key], y, value)
        return y + self.lh

    def identifiers(self, ln: dict[str, Any], y: float) -> float:
        y = super().identifiers(ln, y)
        if self.rng.random() < 0.5 and y + 2 * self.lh < self.bottom:
            self.t(self.L + 24, y, "OBSERVACIONES A NIVEL PARTIDA", bold=True)
            y += self.lh
            invoice = self.x["invoices"][0]["number"]
            unit = UNIT_WORDS.get(ln["umc"], "Pza")
            part = self.x["printed_parts"].get(ln["sequence"]) or "S/N"
            text = (
                f"Fact(Item) {invoice}({ln['sequence']})(N.P. {part})(DESC...)(CANT. {ln['umc_quantity']:.3f} {unit})"
            )
            self.t(self.L + 24, y, text)
            y += self.lh
        return y

    def fin(self, y: float) -> float:
        count = self.f["partida_count"]
        prev = self.x["prevalidador"]
        if self.arr == "celdas":
            self.s.hline(self.L, self.R, y - 4, 0.6)
            cells = [
                ("****", 0.06),
                ("FIN DE PEDIMENTO", 0.24),
                ("**** NUM. TOTAL DE PARTIDAS:", 0.26),
                (str(count), 0.12),
                ("**** CLAVE PREVALIDADOR:", 0.22),
                (prev, 0.05),
                ("****", 0.05),
            ]
            at = self.L
            for text, share in cells:
                width = (self.R - self.L) * share
                self.s.centre(at + width / 2, y + 4, text, font=self.st.bold, size=self.st.size)
                at += width
            return y + self.lh + 8
        shown = prev if self.rng.random() < 0.6 else "**********"
        self.t(
            self.L,
            y + 4,
            f"**********FIN DE PEDIMENTO ******NUM. TOTAL DE PARTIDAS: {count:03d} ******CLAVE PREVALIDADOR: {shown}",
            bold=True,
        )
        return y + self.lh + 8


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random, pages: int) -> int:
    """Draw the printout (``pages``: the page count of a first drawing); returns its page count."""
    style = style_for(arrangement, _style("anexo22", rng), rng)
    # kept from the first drawing (the truth loses them: they are printed only inside observations)
    parts = {line["sequence"]: line.pop("part_number", None) for line in truth["lines"]}
    truth["extra"].setdefault("printed_parts", parts)
    return Round4(truth, arrangement, path, rng, style, pages).draw()

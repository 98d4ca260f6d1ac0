"""Two more broker-system arrangements, written after the reader's second round of development and kept out of
it (``tests.synth.pedimentos.HELD_OUT``): they only measure how the reader does on printouts it has not seen.

* ``sectioned``: a grid of boxes with spelled-out labels above their values (``NÚMERO DE PEDIMENTO``, ``TIPO DE
  CAMBIO``, ``VALOR EN DÓLARES``), dates as ``FECHA DE ENTRADA: dd/mm/aaaa``, partidas whose first row puts the
  countries before the units, values right-aligned under their labels, contributions on their own lines, ``Hoja
  N/M`` on every page.
* ``mono``: a monospaced (Courier) report, ``LABEL.......: value`` with dot leaders, labels abbreviated
  differently (``TIPO OPERACION``, ``CLAVE PEDIMENTO``, ``R.F.C.``), partidas with a two-row header and the
  description on the values' row.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth

from tests.synth.draw import dmy, wrap
from tests.synth.pedimentos_broker import Style, _Printout, num

ARRANGEMENTS = ("sectioned", "mono")


def style_for(arrangement: str, style: Style) -> Style:
    if arrangement == "mono":
        style.font, style.bold, style.size = "Courier", "Courier-Bold", 6.5
        style.contributions = "none"
        style.vertical_id = False
        style.glued_nico = False
    else:
        style.contributions = "below"
        style.vertical_id = False
    style.brand_row = False
    return style


class Unseen(_Printout):
    """The two held-out arrangements: new page headers, header blocks and partidas rows."""

    def continuation_header(self) -> float:
        y = self.noise_top() + 6
        if self.arr == "sectioned":
            self.t(self.L, y, "NÚMERO DE PEDIMENTO:", bold=True)
            self.t(self.L + 100, y, self.number)
            self.r(self.R, y, f"Hoja {self.s.page}/{self.pages}")
        else:
            self.t(self.L, y, f"NUM.PEDIMENTO.....: {self.number}")
            self.r(self.R, y, f"PAGINA {self.s.page} DE {self.pages}")
        y += self.lh
        self.s.hline(self.L, self.R, y - self.lh + 3)
        return y + 6

    def first_header(self) -> float:
        y = self.noise_top() + 6
        export = self.export
        title = "PEDIMENTO DE " + ("EXPORTACIÓN" if export else "IMPORTACIÓN")
        self.t(self.L, y, title, bold=True, size=self.st.size + 1.5)
        page = f"Hoja 1/{self.pages}" if self.arr == "sectioned" else f"PAGINA 1 DE {self.pages}"
        self.r(self.R, y, page)
        y += self.lh + 6
        return self._head_sectioned(y) if self.arr == "sectioned" else self._head_mono(y)

    def _head_sectioned(self, y: float) -> float:
        f, st, L = self.f, self.st, self.L
        grid = [
            [
                ("NÚMERO DE PEDIMENTO", self.number),
                ("TIPO DE OPERACIÓN", f["operation_type"]),
                ("CLAVE DE PEDIMENTO", f["clave"]),
                ("RÉGIMEN", f["regimen"]),
                ("ADUANA DE ENTRADA/SALIDA", f["customs_office"]),
            ],
            [
                ("TIPO DE CAMBIO", f"{f['exchange_rate']:.4f}"),
                ("PESO BRUTO (KG)", num(f["gross_weight_kg"], 3, st)),
                ("VALOR EN DÓLARES", num(f["usd_value"], 2, st)),
                ("VALOR EN ADUANA", num(f["customs_value_mxn"], 0, st)),
                ("VALOR COMERCIAL", num(f["commercial_value_mxn"], 0, st)),
            ],
        ]
        width = (self.R - L) / 5
        for row in grid:
            for k, (label, value) in enumerate(row):
                x0 = L + k * width
                self.s.box(x0, y - 8, x0 + width, y + 14)
                self.t(x0 + 3, y - 1, label, bold=True, size=st.size - 1)
                self.t(x0 + 3, y + 9, value)
            y += 26
        self.t(L, y, "R.F.C. DEL IMPORTADOR/EXPORTADOR:", bold=True)
        self.t(L + 170, y, f["importer_exporter_rfc"])
        y += self.lh
        self.t(L, y, "NOMBRE O RAZÓN SOCIAL:", bold=True)
        self.t(L + 170, y, f["importer_exporter_name"])
        y += self.lh
        first = (
            ("FECHA DE PRESENTACIÓN:", f["presentation_date"])
            if self.export
            else ("FECHA DE ENTRADA:", f["entry_date"])
        )
        self.t(L, y, first[0], bold=True)
        self.t(L + 110, y, dmy(first[1]))
        self.t(L + 250, y, "FECHA DE PAGO:", bold=True)
        self.t(L + 330, y, dmy(f["payment_date"]))
        y += self.lh + 6
        return self._documents(y)

    def _head_mono(self, y: float) -> float:
        f, x, st, L = self.f, self.x, self.st, self.L

        def dots(label: str, value: str, col: int, y: float) -> None:
            x0 = L + col * 270
            self.t(x0, y, f"{label:.<22}: {value}")

        first = ("FECHA PRESENTACION", f["presentation_date"]) if self.export else ("FECHA ENTRADA", f["entry_date"])
        pairs = [
            ("NUM.PEDIMENTO", self.number, "TIPO OPERACION", f["operation_type"]),
            ("CLAVE PEDIMENTO", f["clave"], "REGIMEN", f["regimen"]),
            ("ADUANA E/S", f["customs_office"], "TIPO DE CAMBIO", f"{f['exchange_rate']:.5f}"),
            ("PESO BRUTO KGS", num(f["gross_weight_kg"], 3, st), "VALOR EN DOLARES", num(f["usd_value"], 2, st)),
            (
                "VALOR EN ADUANA",
                num(f["customs_value_mxn"], 0, st),
                "VALOR COMERCIAL",
                num(f["commercial_value_mxn"], 0, st),
            ),
            ("R.F.C.", f["importer_exporter_rfc"], "DESTINO/ORIGEN", x["destino"]),
            (first[0], dmy(first[1]), "FECHA PAGO", dmy(f["payment_date"])),
        ]
        for a, av, b, bv in pairs:
            dots(a, av, 0, y)
            dots(b, bv, 1, y)
            y += self.lh
        self.t(L, y, f"{'RAZON SOCIAL':.<22}: {f['importer_exporter_name']}")
        y += self.lh + 6
        return self._documents(y)

    def columns(self) -> list[list[tuple[str, str, float]]]:
        L, p = self.L, self.pick
        if self.arr == "sectioned":
            row0 = [
                ("sequence", "SEC.", 0),
                ("tariff_code", "FRACCIÓN", 26),
                ("nico", "NICO", 76),
                ("seller_buyer_country", "P. V/C", 104),
                ("origin_destination_country", "P. O/D", 136),
                ("vinc", "VINC.", 170),
                ("method", "MÉT. VAL.", 198),
                ("umc", "UMC", 240),
                ("umc_quantity", "CANT. UMC", 262),
                ("umt", "UMT", 326),
                ("umt_quantity", "CANT. UMT", 348),
            ]
            row1 = [("description", "DESCRIPCIÓN DE LA MERCANCÍA", 26)]
            row2 = [
                ("customs_value_mxn", "VAL. ADUANA", 26),
                ("paid_price_mxn", "PRECIO PAGADO", 116),
                ("unit_price", "PRECIO UNITARIO", 206),
                ("value_added", "VALOR AGREGADO", 296),
            ]
            rows = [row0, row1, row2]
        else:
            row0 = [
                ("sequence", "SEC", 0),
                ("tariff_code", "FRACCION", 22),
                ("nico", "NICO", 70),
                ("vinc", "VINC", 96),
                ("method", "MET", 120),
                ("umc", "UMC", 142),
                ("umc_quantity", "CANTIDAD UMC", 164),
                ("umt", "UMT", 240),
                ("umt_quantity", "CANTIDAD UMT", 262),
                ("seller_buyer_country", "P.V/C", 340),
                ("origin_destination_country", "P.O/D", 372),
            ]
            row1 = [
                ("description", "DESCRIPCION", 22),
                ("customs_value_mxn", p("VAL.ADU/USD", "VAL.ADUANA"), 250),
                ("paid_price_mxn", "PRECIO PAG.", 320),
                ("unit_price", "PREC.UNIT.", 390),
                ("value_added", "VAL.AGREG.", 460),
            ]
            rows = [row0, row1]
        return [self._spread([(k, lab, L + x) for k, lab, x in row]) for row in rows]

    def partida(self, ln: dict[str, Any], y: float) -> float:
        if self.arr == "sectioned":
            return self._partida_sectioned(ln, y)
        return self._partida_mono(ln, y)

    def _codes(self, ln: dict[str, Any], y: float) -> None:
        st, c = self.st, self.cols
        self.t(c["sequence"], y, str(ln["sequence"]))
        self.t(c["tariff_code"], y, ln["tariff_code"])
        self.t(c["nico"], y, ln["nico"])
        self.t(c["vinc"], y, self.pick("0", "1"))
        self.t(c["method"], y, "1")
        self.t(c["umc"], y, ln["umc"])
        self.t(c["umc_quantity"], y, num(ln["umc_quantity"], 3, st))
        self.t(c["umt"], y, ln["umt"])
        self.t(c["umt_quantity"], y, num(ln["umt_quantity"], 3, st))
        self.t(c["seller_buyer_country"], y, ln["seller_buyer_country"])
        self.t(c["origin_destination_country"], y, ln["origin_destination_country"])

    def _amounts(self, ln: dict[str, Any]) -> list[tuple[str, str]]:
        st = self.st
        return [
            ("customs_value_mxn", num(ln["customs_value_mxn"], 2 if self.export else 0, st)),
            ("paid_price_mxn", num(ln["paid_price_mxn"], 0, st)),
            ("unit_price", f"{ln['unit_price']:.5f}"),
            ("value_added", num(ln["value_added"], 0, st)),
        ]

    def _partida_sectioned(self, ln: dict[str, Any], y: float) -> float:
        self._codes(ln, y)
        y += self.lh
        for con, tasa, imp in (("IVA", "16.0000000000", round(ln["customs_value_mxn"] * 0.16)), ("IGI", "0.0000", 0)):
            if self.export:
                imp = 0
            self.t(self.cols["umc"], y, f"{con}  {tasa}  1  0  {imp}")
            y += self.lh
        for d in wrap(ln["description"], 300, font=self.st.font, size=self.st.size):
            self.t(self.cols["description"], y, d)
            y += self.lh
        for key, v in self._amounts(ln):
            label_width = stringWidth("PRECIO UNITARIO", self.st.bold, self.st.size - 0.5)
            self.r(self.cols[key] + label_width, y, v)
        return y + self.lh

    def _partida_mono(self, ln: dict[str, Any], y: float) -> float:
        self._codes(ln, y)
        y += self.lh
        desc = wrap(ln["description"], 200, font=self.st.font, size=self.st.size)
        self.t(self.cols["description"], y, desc[0])
        for key, v in self._amounts(ln):
            self.t(self.cols[key], y, v)
        for d in desc[1:]:
            y += self.lh
            self.t(self.cols["description"], y, d)
        return y + self.lh


def render(truth: dict[str, Any], arrangement: str, path: Any, rng: Any, pages: int) -> int:
    """Draw the printout (``pages``: the page count of a first drawing); returns its page count."""
    from tests.synth.pedimentos_broker import _style

    style = style_for(arrangement, _style("anexo22", rng))
    for line in truth["lines"]:
        line.pop("part_number", None)
    return Unseen(truth, arrangement, path, rng, style, pages).draw()

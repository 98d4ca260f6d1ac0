"""Round 5 of the held-out pedimento printouts: two print templates written before the reader saw them.

Both model facts read in public print templates of the official form (an iText table template and a reportlab
renderer of Anexo 1, found by searching for ``FIN DE PEDIMENTO`` and ``NUM. TOTAL DE PARTIDAS``; nothing
copied) and DOMAIN.md §1b, choosing what the earlier arrangements (``pedimentos``, ``pedimentos_broker``,
``pedimentos_unseen``, ``pedimentos_round4``) do not draw:

* ``tabulado`` (after the iText table template): the header as a table of label and value cells side by side
  (``NUM. PEDIMENTO: | 24  47  3445  4001234 | T. OPER: | IMP``), values right-aligned in their cells; the
  ``VALORES INCREMENTABLES`` row (``VAL. SEGUROS  SEGUROS  FLETES  EMBALAJES  OTROS INCREMENTABLES`` with the
  figures under); ``CÓDIGO DE ACEPTACIÓN:`` and ``CLAVE DE LA SECCIÓN ADUANERA DE DESPACHO:``; ``MARCAS,
  NUMEROS Y TOTAL DE BULTOS:``; ``FECHAS`` as ``ENTRADA:`` / ``PAGO:`` label cells; ``TASAS A NIVEL PEDIMENTO``
  (``CONTRIB.: CVE.T.TASA: TASA:``); ``CUADRO DE LIQUIDACIÓN`` (``CONCEPTO F.P. IMPORTE`` twice); each partida's
  contributions as a ruled five-column table (``CON. TASA T.T. F.P. IMPORTE``) to the right of its description
  and values; the ``MARCA  MODELO  CÓDIGO PRODUCTO`` row with the part number; the FIN line as three cells
  (``********* FIN DE PEDIMENTO *********`` | ``NUM. TOTAL DE PARTIDAS: 13`` | ``**** CLAVE DE PREVALIDADOR:
  010 ****``); the footer ``AGENTE ADUANAL, AGENCIA ADUANAL, APODERADO ADUANAL O DE ALMACEN NOMBRE O RAZ.
  SOC.:``, ``MANDATARIO/PERSONA AUTORIZADA``, ``NÚMERO DE SERIE DEL CERTIFICADO:``, ``e.firma:``; a light
  ``DOCUMENTO NO OFICIAL`` watermark.
* ``transportista`` (after the reportlab renderer of Anexo 1): the title bar ``PEDIMENTO | Página 1 de N``;
  cells with the label at the top and the value under it, a tall ``CERTIFICACIONES`` cell to the right; the
  transport codes printed inside one cell as ``ENTRADA/SALIDA: 1  ARRIBO: 1  SALIDA: 1``; the three values
  stacked in one cell (label, then the figure on the next line); ``DATOS DEL IMPORTADOR /EXPORTADOR`` as
  ``RFC`` | ``NOMBRE, DENOMINACION O RAZON SOCIAL`` cells; ``CODIGO DE ACEPTACION | CODIGO DE BARRAS | CLAVE DE
  LA SECCION ADUANERA DE DESPACHO``; dates in title case (``Entrada/Presentación``, ``Pago``) beside ``TASAS A
  NIVEL PEDIMENTO``; ``CUADRO DE LIQUIDACION`` with ``EFECTIVO``, ``OTROS``, ``TOTAL``; ``DATOS DEL TRANSPORTE Y
  TRANSPORTISTA`` and ``CANDADOS`` (``1RA. REVISION``, ``2DA. REVISION``); later pages opened by ``ANEXO DEL
  PEDIMENTO | Página M de N`` and the cells ``NUM. PEDIMENTO | TIPO OPER | CVE. PEDIM | RFC | CURP``; each
  partida's values line printed before its description; ``OBSERVACIONES A NIVEL PARTIDA``; the FIN line with a
  zero-padded total and no prevalidador (``NUM. TOTAL DE PARTIDAS: 009 ******CLAVE PREVALIDADOR: **********``);
  the footer with ``FIRMA ELECTRONICA AVANZADA:``.

Both print imports and exports (RT, V1) as the truth's clave says; partidas cross pages under a repeated header.
``tabulado`` prints each partida's part number in CÓDIGO PRODUCTO (the truth keeps it); ``transportista`` prints
none (the truth drops it).
"""

from __future__ import annotations

import random
import string
from pathlib import Path
from typing import Any

from tests.synth.draw import dmy, wrap
from tests.synth.pedimentos_broker import Style, _Printout, _style, num

ARRANGEMENTS = ("tabulado", "transportista")


def style_for(arrangement: str, style: Style, rng: random.Random) -> Style:
    style.thousands = rng.random() < (0.8 if arrangement == "tabulado" else 0.4)
    style.contributions = "table" if arrangement == "tabulado" else "below"
    style.vertical_id = False
    style.glued_nico = False
    style.tight_umc = False
    style.brand_row = arrangement == "tabulado"
    style.observations = arrangement == "transportista" and rng.random() < 0.6
    style.colon = ":"
    return style


class Round5(_Printout):
    """The two round-5 templates: their page headers, header tables, partidas and FIN lines."""

    # ------------------------------------------------------------------------------------------------
    # cells

    def pair_row(self, y: float, pairs: list[tuple[str, str]], widths: list[float]) -> float:
        """A ruled row of label cells each followed by its value cell (value right-aligned)."""
        total = sum(widths)
        at = self.L
        for k, (text, w) in enumerate(zip([t for pair in pairs for t in pair], widths, strict=True)):
            x1 = at + (self.R - self.L) * w / total
            self.s.box(at, y - 8, x1, y + 4, 0.4)
            if k % 2 == 0:
                self.t(at + 2, y, text, bold=True, size=self.st.size - 0.5)
            else:
                self.r(x1 - 3, y, text)
            at = x1
        return y + 12

    def top_cells(self, y: float, cells: list[tuple[str, str]], widths: list[float], x0: float, x1: float) -> float:
        """A ruled row of cells with the label at the top and the value under it, between x0 and x1."""
        total = sum(widths)
        at = x0
        for (label, value), w in zip(cells, widths, strict=True):
            end = at + (x1 - x0) * w / total
            self.s.box(at, y - 7, end, y + 12, 0.4)
            self.t(at + 2, y - 0.5, label, bold=True, size=self.st.size - 1.5)
            self.t(at + 2, y + 9, value)
            at = end
        return y + 19

    def bar(self, y: float, text: str) -> float:
        self.s.shade(self.L, y - 8, self.R, y + 3, 0.85)
        self.t(self.L + 3, y, text, bold=True)
        return y + self.lh + 2

    # ------------------------------------------------------------------------------------------------
    # page headers

    def continuation_header(self) -> float:
        y = self.noise_top() + 6
        if self.arr == "tabulado":
            self.s.centre((self.L + self.R) / 2, y, "ANEXO DEL PEDIMENTO", font=self.st.bold, size=self.st.size + 1)
            self.r(self.R, y, f"página {self.s.page} de {self.pages}")
            y += self.lh + 6
            y = self.pair_row(
                y,
                [
                    ("NUM. PEDIMENTO:", self.number),
                    ("T. OPER:", self.f["operation_type"]),
                    ("CVE. PEDIMENTO:", self.f["clave"]),
                ],
                [1.3, 2.2, 0.9, 0.6, 1.2, 0.6],
            )
            return y + 6
        self.s.shade(self.L, y - 8, self.L + (self.R - self.L) * 0.75, y + 3, 0.85)
        self.s.centre(
            self.L + (self.R - self.L) * 0.375, y, "ANEXO DEL PEDIMENTO", font=self.st.bold, size=self.st.size
        )
        self.t(self.L + (self.R - self.L) * 0.75 + 3, y, f"Página {self.s.page} de {self.pages}")
        y += 16
        cells = [
            ("NUM. PEDIMENTO", self.number),
            ("TIPO OPER", self.f["operation_type"]),
            ("CVE. PEDIM", self.f["clave"]),
            ("RFC", self.f["importer_exporter_rfc"]),
            ("CURP", ""),
        ]
        return self.top_cells(y, cells, [0.22, 0.10, 0.13, 0.30, 0.25], self.L, self.R) + 6

    def first_header(self) -> float:
        y = self.noise_top() + 6
        if self.arr == "tabulado":
            self.s.centre((self.L + self.R) / 2, y, "PEDIMENTO", font=self.st.bold, size=self.st.size + 2)
            self.r(self.R, y, f"página 1 de {self.pages}")
            self._watermark()
            return self._head_tabulado(y + self.lh + 8)
        split = self.L + (self.R - self.L) * 0.75
        self.s.shade(self.L, y - 8, split, y + 3, 0.85)
        self.s.centre((self.L + split) / 2, y, "PEDIMENTO", font=self.st.bold, size=self.st.size + 1)
        self.t(split + 3, y, f"Página 1 de {self.pages}")
        return self._head_transportista(y + 16)

    def _watermark(self) -> None:
        c = self.s.canvas
        c.saveState()
        c.setFillGray(0.82)
        c.setFont(self.st.bold, 40)
        c.translate(self.s.width / 2, self.s.height / 2)
        c.rotate(35)
        c.drawCentredString(0, 0, "DOCUMENTO NO OFICIAL")
        c.restoreState()

    def _head_tabulado(self, y: float) -> float:
        f, x, st = self.f, self.x, self.st
        code = x["transport_code"]
        y = self.pair_row(
            y,
            [
                ("NUM. PEDIMENTO:", self.number),
                ("T. OPER:", f["operation_type"]),
                ("CVE. PEDIMENTO:", f["clave"]),
                (self.pick("RÉGIMEN:", "REGIMEN:"), f["regimen"]),
            ],
            [1.3, 2.0, 0.8, 0.5, 1.2, 0.5, 0.8, 0.5],
        )
        y = self.pair_row(
            y,
            [
                ("DESTINO/ORIGEN:", x["destino"]),
                ("TIPO CAMBIO:", f"{f['exchange_rate']:.5f}"),
                ("PESO BRUTO:", num(f["gross_weight_kg"], 3, st)),
                ("ADUANA E/S:", f["customs_office"]),
            ],
            [1.1, 0.4, 0.9, 0.9, 0.8, 1.2, 0.8, 0.5],
        )
        y = self.pair_row(
            y,
            [
                ("ENTRADA/SALIDA:", code),
                ("ARRIBO:", code),
                ("SALIDA:", code),
                ("VALOR DOLARES:", num(f["usd_value"], 2, st)),
            ],
            [1.1, 0.3, 0.6, 0.3, 0.6, 0.3, 1.0, 1.4],
        )
        y = self.pair_row(
            y,
            [
                ("VALOR ADUANA:", num(f["customs_value_mxn"], 0, st)),
                ("PRECIO PAGADO/VALOR COMERCIAL:", num(f["commercial_value_mxn"], 0, st)),
            ],
            [1.0, 1.2, 1.9, 1.2],
        )
        y += 4
        self.t(self.L, y, "DATOS DEL IMPORTADOR/EXPORTADOR", bold=True)
        y += self.lh
        y = self.pair_row(
            y,
            [("RFC:", f["importer_exporter_rfc"]), ("CURP:", "")],
            [0.6, 1.4, 0.6, 2.4],
        )
        self.t(self.L, y, "NOMBRE, DENOMINACION O RAZON SOCIAL:", bold=True, size=st.size - 0.5)
        y += self.lh
        self.t(self.L + 4, y, f["importer_exporter_name"])
        y += self.lh
        self.lv(self.L, y, "DOMICILIO:", x["importer_address"].upper())
        y += self.lh + 4
        # incrementables: labels in a row, figures under them
        labels = ["VAL. SEGUROS", "SEGUROS", "FLETES", "EMBALAJES", "OTROS INCREMENTABLES"]
        freight = x["incrementables"]
        amounts = ["0", "0", num(freight, 0, st), "0", "0"]
        width = (self.R - self.L) / 6
        for k, (label, amount) in enumerate(zip(labels, amounts, strict=True)):
            x0 = self.L + k * width * (1.2 if k < 4 else 1.2)
            self.t(x0, y, label, bold=True, size=st.size - 1)
            self.t(x0, y + self.lh, amount)
        y += 2 * self.lh + 4
        self.lv(self.L, y, "CÓDIGO DE ACEPTACIÓN:", x["acuse"])
        self.lv(self.L + 250, y, "CLAVE DE LA SECCIÓN ADUANERA DE DESPACHO:", f["customs_office"])
        y += self.lh
        bultos = f"{self.rng.randint(1, 40):02d} {self.pick('BULTOS', 'CONTENEDORES', 'PALLETS')}"
        self.lv(self.L, y, "MARCAS, NUMEROS Y TOTAL DE BULTOS:", bultos)
        y += self.lh + 4
        self.t(self.L, y, "FECHAS", bold=True)
        self.t(self.L + 200, y, "TASAS A NIVEL PEDIMENTO", bold=True)
        first = ("PRESENTACION:", f["presentation_date"]) if self.export else ("ENTRADA:", f["entry_date"])
        rates = [("CONTRIB.:", "CVE.T.TASA:", "TASA:"), ("DTA", "7", "8.00000"), ("PRV", "2", "290.00000")]
        for k, row in enumerate(rates):
            for j, cell in enumerate(row):
                self.t(self.L + 200 + 70 * j, y + self.lh * (k + 1), cell, bold=k == 0)
        for k, (label, value) in enumerate((first, ("PAGO:", f["payment_date"]))):
            self.t(self.L, y + self.lh * (k + 1), label, bold=True)
            self.t(self.L + 70, y + self.lh * (k + 1), dmy(value))
        y += 4 * self.lh + 2
        y = self._liquidacion(y, ["CONCEPTO", "F.P.", "IMPORTE"] * 2, "CUADRO DE LIQUIDACIÓN")
        return self._documents(y)

    def _liquidacion(self, y: float, heads: list[str], title: str) -> float:
        x = self.x
        iva = 0 if self.f["clave"] in ("IN", "V1", "RT") else round(self.f["customs_value_mxn"] * 0.16)
        prv = self.rng.choice([290, 330])
        concepts = [("DTA", "0", x["dta"]), ("PRV", "0", prv), ("IVA", "0" if iva else "21", iva)]
        self.t(self.L, y, title, bold=True)
        y += self.lh
        for k, head in enumerate(heads):
            self.t(self.L + 10 + 62 * k, y, head, bold=True, size=self.st.size - 0.5)
        y += self.lh
        for k in range(0, len(concepts), 2):
            for j, (con, fp, imp) in enumerate(concepts[k : k + 2]):
                base = self.L + 10 + 186 * j
                self.t(base, y, con)
                self.t(base + 62, y, fp)
                self.r(base + 170, y, f"{imp:,}" if self.st.thousands else str(imp))
            y += self.lh
        total = sum(c[2] for c in concepts)
        if self.arr == "transportista":
            for label, value in (("EFECTIVO", total), ("OTROS", 0), ("TOTAL", total)):
                self.t(self.L + 400, y, label, bold=True)
                self.r(self.R, y, f"{value:,}")
                y += self.lh
        return y + 6

    def _head_transportista(self, y: float) -> float:
        f, x, st, L = self.f, self.x, self.st, self.L
        split = L + (self.R - L) * 0.75
        self.s.box(split, y - 7, self.R, y + 50, 0.4)
        self.t(split + 2, y - 0.5, "CERTIFICACIONES", bold=True, size=st.size - 1.5)
        y = self.top_cells(
            y,
            [
                ("NUM. PEDIMENTO", self.number),
                ("T. OPER", f["operation_type"]),
                ("CVE. PEDIMENTO", f["clave"]),
                ("REGIMEN", f["regimen"]),
            ],
            [0.22, 0.10, 0.13, 0.10],
            L,
            split,
        )
        y = self.top_cells(
            y,
            [
                ("DESTINO", x["destino"]),
                ("TIPO CAMBIO", f"{f['exchange_rate']:.4f}"),
                ("PESO BRUTO", num(f["gross_weight_kg"], 3, st)),
                ("ADUANA E/S", f["customs_office"]),
            ],
            [0.18, 0.18, 0.18, 0.18],
            L,
            split,
        )
        # transport codes inside one cell; the three values stacked in the cell to its right
        code = x["transport_code"]
        mid = L + (self.R - L) * 0.54
        self.s.box(L, y - 7, mid, y + 12, 0.4)
        self.t(L + 2, y - 0.5, "MEDIOS DE TRANSPORTE", bold=True, size=st.size - 1.5)
        for k, label in enumerate(("ENTRADA/SALIDA", "ARRIBO", "SALIDA")):
            self.t(L + 2 + (mid - L) / 3 * k, y + 9, f"{label}: {code}", size=st.size - 1)
        self.s.box(mid, y - 7, split, y + 50, 0.4)
        for k, (label, value) in enumerate(
            (
                ("VALOR DOLARES:", num(f["usd_value"], 2, st)),
                ("VALOR ADUANA:", num(f["customs_value_mxn"], 0, st)),
                ("PRECIO PAGADO/VALOR COMERCIAL:", num(f["commercial_value_mxn"], 0, st)),
            )
        ):
            self.t(mid + 2, y - 0.5 + 19 * k, label, bold=True, size=st.size - 1.5)
            self.t(mid + 2, y + 8 + 19 * k, value)
        y += 60
        y = self.bar(y, "DATOS DEL IMPORTADOR /EXPORTADOR")
        y = self.top_cells(
            y + 4,
            [("RFC", f["importer_exporter_rfc"]), ("NOMBRE, DENOMINACION O RAZON SOCIAL", f["importer_exporter_name"])],
            [0.25, 0.75],
            L,
            self.R,
        )
        y = self.top_cells(y, [("CURP", "")], [1.0], L, self.R)
        y = self.top_cells(y, [("DOMICILIO", x["importer_address"].upper())], [1.0], L, self.R)
        y = self.top_cells(
            y,
            [
                ("VAL. SEGUROS", "0"),
                ("SEGUROS", "0"),
                ("FLETES", num(x["incrementables"], 0, st)),
                ("EMBALAJES", "0"),
                ("OTROS INCREMENTABLES", "0"),
            ],
            [0.15, 0.15, 0.20, 0.20, 0.30],
            L,
            self.R,
        )
        barcode = "".join(self.rng.choice(string.digits) for _ in range(24))
        y = self.top_cells(
            y,
            [
                ("CODIGO DE ACEPTACION", x["acuse"]),
                ("CODIGO DE BARRAS", barcode),
                ("CLAVE DE LA SECCION ADUANERA DE DESPACHO", f["customs_office"]),
            ],
            [0.30, 0.40, 0.30],
            L,
            self.R,
        )
        y += 6
        self.s.shade(L, y - 8, L + (self.R - L) * 0.35, y + 3, 0.85)
        self.t(L + 2, y, "FECHAS", bold=True)
        rx = L + (self.R - L) * 0.35
        self.s.shade(rx, y - 8, self.R, y + 3, 0.85)
        self.t(rx + 2, y, "TASAS A NIVEL PEDIMENTO", bold=True)
        y += self.lh + 2
        for k, head in enumerate(("CONTRIB.", "CVE. T. TASA", "TASA")):
            self.t(rx + 2 + 90 * k, y, head, bold=True, size=st.size - 1)
        first = f["presentation_date"] if self.export else f["entry_date"]
        dates = [("Entrada/Presentación", dmy(first)), ("Pago", dmy(f["payment_date"]))]
        rates = [("DTA", "7", "8"), ("PRV", "2", "290")]
        for k in range(2):
            y = self.top_cells(y + 8, [dates[k]], [1.0], L, rx) - 8
            yy = y - 1
            for j, cell in enumerate(rates[k]):
                self.t(rx + 2 + 90 * j, yy, cell)
            self.s.box(rx, yy - 8, self.R, yy + 3, 0.3)
        y += 14
        self.s.box(L, y, self.R, y + 0.1, 0.1)
        y = self._liquidacion(y + 10, ["CONCEPTO", "F.P.", "IMPORTE"] * 2 + ["TOTALES"], "CUADRO DE LIQUIDACION")
        y = self._documents(y)
        y = self.bar(y, "DATOS DEL TRANSPORTE Y TRANSPORTISTA")
        carrier = self.pick("TRANSPORTES DEL BAJIO SA DE CV", "FLETES FRONTERA NORTE SA DE CV", "MAERSK A/S")
        y = self.top_cells(
            y + 4,
            [
                (
                    "TRANSPORTE IDENTIFICACION",
                    self.pick("SIN PLACAS", f"{self.rng.randint(10, 99)}AB{self.rng.randint(100, 999)}"),
                ),
                ("PAIS", "MEX"),
            ],
            [0.5, 0.5],
            L,
            self.R,
        )
        y = self.top_cells(
            y,
            [("TRANSPORTISTA", carrier), ("RFC", ""), ("CURP", ""), ("DOMICILIO/CIUDAD/ESTADO", "")],
            [0.4, 0.2, 0.2, 0.2],
            L,
            self.R,
        )
        y = self.bar(y, "CANDADOS")
        seal = f"{self.rng.randint(10**6, 10**7 - 1)}"
        y = self.top_cells(
            y + 4, [("NUMERO DE CANDADO", seal), ("1RA. REVISION", ""), ("2DA. REVISION", "")], [1, 1, 1], L, self.R
        )
        return y + 6

    # ------------------------------------------------------------------------------------------------
    # partidas

    def columns(self) -> list[list[tuple[str, str, float]]]:
        L, p = self.L, self.pick
        sp = self.rng.uniform(0.96, 1.04)
        row0: list[tuple[str, str, float]] = [
            ("sequence", "SEC", 0),
            ("tariff_code", "FRACCION", 22),
            ("nico", p("SUBD.", "NICO"), 72),
            ("vinc", "VINC.", 104),
            ("method", "MET. VAL.", 130),
            ("umc", "UMC", 172),
            ("umc_quantity", "CANTIDAD UMC", 194),
            ("umt", "UMT", 262),
            ("umt_quantity", "CANTIDAD UMT", 284),
            ("seller_buyer_country", "P. V/C", 352),
            ("origin_destination_country", "P. O/D", 384),
        ]
        values: list[tuple[str, str, float]] = [
            ("customs_value_mxn", p("VAL. ADU/USD", "VAL ADU/USD"), 22),
            ("paid_price_mxn", "IMP. PRECIO PAG.", 100),
            ("unit_price", "PRECIO UNIT.", 180),
            ("value_added", "VAL. AGREG.", 250),
        ]
        desc: list[tuple[str, str, float]] = [
            ("description", "DESCRIPCION (RENGLONES VARIABLES SEGUN SE REQUIERA)", 22)
        ]
        if self.arr == "tabulado":
            con: list[tuple[str, str, float]] = [
                ("_con", "CON.", 330),
                ("_tasa", "TASA", 356),
                ("_tt", "T.T.", 410),
                ("_fp", "F.P.", 432),
                ("_importe", "IMPORTE", 454),
            ]
            brand: list[tuple[str, str, float]] = [
                ("brand", "MARCA", 22),
                ("model", "MODELO", 110),
                ("part_number", "CÓDIGO PRODUCTO", 220),
            ]
            rows = [row0, desc + con, values, brand]
        else:
            rows = [row0, values, desc]
        return [self._spread([(k, lab, L + x * sp) for k, lab, x in row]) for row in rows]

    def _codes(self, ln: dict[str, Any], y: float) -> None:
        st, c = self.st, self.cols
        for key, value in (
            ("sequence", str(ln["sequence"])),
            ("tariff_code", ln["tariff_code"]),
            ("nico", ln["nico"]),
            ("vinc", self.pick("0", "1")),
            ("method", "1"),
            ("umc", ln["umc"]),
            ("umc_quantity", num(ln["umc_quantity"], 3, st)),
            ("umt", ln["umt"]),
            ("umt_quantity", num(ln["umt_quantity"], 3, st)),
            ("seller_buyer_country", ln["seller_buyer_country"]),
            ("origin_destination_country", ln["origin_destination_country"]),
        ):
            self.t(c[key], y, value)

    def _values(self, ln: dict[str, Any], y: float) -> None:
        st, c = self.st, self.cols
        for key, value in (
            ("customs_value_mxn", num(ln["customs_value_mxn"], 2 if self.export else 0, st)),
            ("paid_price_mxn", num(ln["paid_price_mxn"], 0, st)),
            ("unit_price", f"{ln['unit_price']:.5f}"),
            ("value_added", num(ln["value_added"], 0, st)),
        ):
            self.t(c[key], y, value)

    def _taxes(self, ln: dict[str, Any]) -> list[tuple[str, str, str, str, int]]:
        iva = 0 if self.export else round(ln["customs_value_mxn"] * 0.16)
        rows = [("IGI", "0.00", "1", self.pick("0", "21"), 0), ("IVA", "16.00", "1", self.pick("0", "21"), iva)]
        if self.rng.random() < 0.3:
            rows.insert(0, ("DTA", "0.80", "1", "0", round(ln["customs_value_mxn"] * 0.008)))
        return rows

    def partida(self, ln: dict[str, Any], y: float) -> float:
        st, c = self.st, self.cols
        self._codes(ln, y)
        y += self.lh
        if self.arr == "tabulado":
            desc = wrap(ln["description"], c["_con"] - c["description"] - 10, font=st.font, size=st.size)
            taxes = self._taxes(ln)
            top = y
            self.s.box(c["_con"] - 3, y - self.lh + 2, self.R, y + self.lh * (len(taxes) - 1) + 3, 0.4)
            for k, (con, tasa, tt, fp, imp) in enumerate(taxes):
                yy = y + k * self.lh
                self.t(c["_con"], yy, con)
                self.t(c["_tasa"], yy, tasa)
                self.t(c["_tt"], yy, tt)
                self.t(c["_fp"], yy, fp)
                self.r(self.R - 3, yy, str(imp))
            for d in desc:
                self.t(c["description"], y, d)
                y += self.lh
            self._values(ln, y)
            y = max(y + self.lh, top + self.lh * len(taxes))
            self.t(c["brand"], y, self.pick("SIN MARCA", "S/M"))
            self.t(c["model"], y, self.pick("SIN MODELO", "S/M"))
            self.t(c["part_number"], y, ln["part_number"])
            return y + self.lh
        self._values(ln, y)
        y += self.lh
        for d in wrap(ln["description"], self.R - c["description"] - 20, font=st.font, size=st.size):
            self.t(c["description"], y, d)
            y += self.lh
        for con, tasa, tt, fp, imp in self._taxes(ln):
            self.t(c["umt"], y, f"{con}  {tasa}  {tt}  {fp}  {imp}")
            y += self.lh
        return y

    def identifiers(self, ln: dict[str, Any], y: float) -> float:
        if self.arr == "tabulado":
            if self.st.identifiers:
                self.t(self.L + 22, y, "IDENTIF.", bold=True)
                self.t(self.L + 80, y, "COMPLEMENTO 1", bold=True)
                y += self.lh
                self.t(self.L + 22, y, self.pick("EC", "TL", "NM"))
                self.t(self.L + 80, y, self.pick("1", "USA", ""))
                y += self.lh
            return y
        if self.st.observations:
            self.t(self.L + 22, y, "OBSERVACIONES A NIVEL PARTIDA", bold=True)
            y += self.lh
            invoice = self.x["invoices"][0]["number"]
            self.t(self.L + 22, y, f"FACTURA {invoice} ITEM {ln['sequence']} CANT. {ln['umc_quantity']:.3f}")
            y += self.lh
        return y

    def fin(self, y: float) -> float:
        count = self.f["partida_count"]
        prev = self.x["prevalidador"]
        if self.arr == "tabulado":
            third = (self.R - self.L) / 10
            cells = [
                ("********* FIN DE PEDIMENTO *********", 4),
                (f"NUM. TOTAL DE PARTIDAS: {count}", 2),
                (f"**** CLAVE DE PREVALIDADOR: {prev} ****", 4),
            ]
            at = self.L
            for text, share in cells:
                self.s.centre(at + third * share / 2, y + 4, text, font=self.st.font, size=self.st.size + 0.5)
                at += third * share
            return y + self.lh + 10
        self.s.hline(self.L, self.R, y - 4, 0.8)
        self.s.centre(
            (self.L + self.R) / 2,
            y + 4,
            f"**********FIN DE PEDIMENTO ******NUM. TOTAL DE PARTIDAS: {count:03d} ******CLAVE PREVALIDADOR: "
            + ("**********" if self.rng.random() < 0.6 else prev),
            font=self.st.bold,
            size=self.st.size,
        )
        self.s.hline(self.L, self.R, y + 8, 0.8)
        return y + self.lh + 10

    def draw(self) -> int:
        y = self.first_header()
        if y + 14 * self.lh > self.bottom:
            y = self.new_page()
        y = self.partidas_header(y)
        for ln in self.lines:
            tall = (7 + len(ln["description"]) // 50) * self.lh
            if y + tall > self.bottom:
                y = self.partidas_header(self.new_page())
            y = self.partida(ln, y)
            if y + 3 * self.lh > self.bottom:
                # the identifiers of this partida open the next page, under the repeated header
                y = self.partidas_header(self.new_page())
            y = self.identifiers(ln, y)
            self.s.hline(self.L, self.R, y - self.lh + 5, 0.3)
            y += 3
        if y + 9 * self.lh > self.bottom:
            y = self.new_page()
        y = self.fin(y)
        for line in self.footer_lines():
            self.t(self.L, y, line, size=self.st.size - 0.5)
            y += self.lh
        self.lv(self.L, y, "NOMBRE O RAZ. SOC:", self.x["broker"][1])
        self.lv(self.L + 260, y, "RFC:", self.x["broker_rfc"])
        y += self.lh
        self.lv(self.L, y, "PATENTE O AUTORIZACION:", self.f["patente"])
        self.noise_bottom()
        self.s.save()
        return self.s.page

    def footer_lines(self) -> list[str]:
        """The signature block's lines, which differ between the two templates."""
        digits = "".join(self.rng.choice(string.digits) for _ in range(20))
        sig = "".join(self.rng.choice(string.ascii_letters + "+/") for _ in range(60))
        if self.arr == "tabulado":
            return [
                "AGENTE ADUANAL, AGENCIA ADUANAL, APODERADO ADUANAL O DE ALMACEN NOMBRE O RAZ. SOC.:",
                "MANDATARIO/PERSONA AUTORIZADA",
                f"NÚMERO DE SERIE DEL CERTIFICADO: {digits}",
                f"e.firma: {sig}",
            ]
        return [
            "AGENTE ADUANAL, APODERADO ADUANAL O DE ALMACEN",
            "DECLARO BAJO PROTESTA DE DECIR VERDAD, EN LOS TERMINOS DE LO DISPUESTO POR EL ARTICULO 81 DE LA LEY",
            f"NUMERO DE SERIE DEL CERTIFICADO: {digits}",
            f"FIRMA ELECTRONICA AVANZADA: {sig}",
        ]


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random, pages: int) -> int:
    """Draw the printout (``pages``: the page count of a first drawing); returns its page count."""
    style = style_for(arrangement, _style("anexo22", rng), rng)
    if not style.brand_row:
        for line in truth["lines"]:
            line.pop("part_number", None)
    return Round5(truth, arrangement, path, rng, style, pages).draw()

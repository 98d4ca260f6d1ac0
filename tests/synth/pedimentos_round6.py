"""Round 6 of the held-out pedimento printouts: two broker systems' layouts written before the reader saw them.

Facts, not copies, from public sources: DOMAIN.md §1b; a TCPDF print template of the form in a public PHP
repository (found by ``NUM. TOTAL DE PARTIDAS``: its FIN line is seven bordered cells ``****`` | ``FIN DE
PEDIMENTO`` | ``**** NUM. TOTAL DE PARTIDAS:`` | count | ``**** CLAVE PREVALIDADOR:`` | ``010`` | ``****``, and its
page header a bottom-ruled row ``Ref: <referencia>`` … ``Página N de M``); a real printout's text layer kept as a
test fixture in a public repository (found by ``FIN DE PEDIMENTO``: ``IMPORTE PAGADO: $129,883``, the invoice
table ``NUM. CFDI O DOCUMENTO EQUIVALENTE FECHA INCOTERM MONEDA FACT VAL. MON. FACT`` with the COVE on its own
line, ``NO. (GUIA/ORDEN EMBARQUE)/ID:``, ``NUMERO / TIPO``, ``PEDIMENTO REF:``, each partida's first line with the
UMT quantity in five decimals, its contributions as ``IGI 0.00000 1 0 0`` lines under the description and the
values line last, where the right-aligned unit price runs into the paid price: ``202871 40.57420202871``); public
parsers of printouts (found by ``CUADRO DE LIQUIDACION``) reading ``FECHA Y HORA DE PAGO:``, ``NÚMERO DE OPERACIÓN
BANCARIA:``, ``NÚMERO DE TRANSACCIÓN SAT:`` and the ``EFECTIVO OTROS TOTAL`` totals.

* ``referencia`` (after the TCPDF template): every page opens with the bottom-ruled row ``Ref: A-1234/25``,
  the pedimento number and ``Página N de M``; the header as shaded label cells with the value in the cell to their
  right, two pairs a row (``NUM. PEDIMENTO`` | value | ``TIPO OPERACIÓN`` | value …), the aduana as ``ADUANA
  E/S`` and ``SECCIÓN ADUANERA DE DESPACHO``; money with ``$`` and thousands separators; dates as ``FECHA DE
  ENTRADA`` / ``FECHA DE PAGO`` cells; the partidas header as a shaded band with the SEC column printed
  ``001``; the NICO in a ``NICO`` column apart from the fracción; each partida's description and values in
  a bordered box, the per-partida contributions as a small table ``CONTRIB. | TASA | T.T. | F.P. | IMPORTE`` under
  it, identifiers as ``IDENTIFICADOR: EC  COMPLEMENTO: 1``; the seven-cell FIN line.
* ``certificado`` (after the real text layer): ``PEDIMENTO REF:`` beside the title; the header as aligned columns
  with the labels on one line and the values on the next for every row (``NUM. PEDIMENTO T. OPER CVE. PEDIMENTO
  REGIMEN``); ``TIPO CAMBIO`` in four decimals; the payment certification block (``PAGO ELECTRÓNICO``, bank,
  ``FECHA Y HORA DE PAGO:``, ``NÚMERO DE OPERACIÓN BANCARIA:``, ``NÚMERO DE TRANSACCIÓN SAT:``, ``IMPORTE
  PAGADO: $…``); the invoice table with ``VAL. MON. FACT``; partidas as ``SEC FRACCION NICO …`` first lines with the
  UMT quantity in five decimals, the description, the contributions (``IVA 16.00000 1 0 32719``), then the values
  line with the unit price glued to the paid price; partidas cross pages under a repeated header and the
  contributions of a partida may open the next page; the FIN line ``********* FIN DE PEDIMENTO  NUM. TOTAL DE
  PARTIDAS: N  CLAVE PREVALIDADOR: 010 *********``.

Both print imports and exports as the truth's clave says (the generator gives ``certificado`` an RT export of 40
partidas over several pages); neither prints a part number (the truth drops it).
"""

from __future__ import annotations

import random
import string
from pathlib import Path
from typing import Any

from tests.synth.draw import dmy, wrap
from tests.synth.pedimentos_broker import Style, _Printout, _style, num

ARRANGEMENTS = ("referencia", "certificado")
BANKS = ["BANAMEX", "BBVA MEXICO", "BANORTE", "SANTANDER", "HSBC"]


def style_for(arrangement: str, style: Style, rng: random.Random) -> Style:
    style.thousands = arrangement == "referencia" or rng.random() < 0.5
    style.colon = ":"
    style.glued_nico = False
    style.tight_umc = False
    style.vertical_id = False
    style.brand_row = False
    style.contributions = "below"
    style.observations = rng.random() < 0.4
    return style


class Round6(_Printout):
    """The two round-6 layouts: page headers, header blocks, partidas and FIN lines."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        n = self.f["pedimento_number"]
        self.number = f"{n[:2]} {n[2:4]} {n[4:8]} {n[8:]}" if self.arr == "certificado" else self.number
        self.ref = f"{self.rng.choice('AMRT')}-{self.rng.randint(100, 9999)}/{self.f['payment_date'][2:4]}"

    def money(self, value: float, decimals: int = 0) -> str:
        text = num(value, decimals, self.st)
        return f"${text}" if self.arr == "referencia" else text

    # ------------------------------------------------------------------------------------------------
    # cells

    def cells(self, y: float, pairs: list[tuple[str, str]]) -> float:
        """Shaded label cells, each followed by its value cell, across the page."""
        width = (self.R - self.L) / (2 * len(pairs))
        for k, (label, value) in enumerate(pairs):
            x0 = self.L + 2 * k * width
            self.s.shade(x0, y - 8, x0 + width, y + 4, 0.86)
            self.s.box(x0, y - 8, x0 + 2 * width, y + 4, 0.4)
            self.t(x0 + 2, y, label, bold=True, size=self.st.size - 1)
            self.t(x0 + width + 3, y, value)
        return y + 12

    def columns_row(self, y: float, items: list[tuple[str, str]], xs: list[float]) -> float:
        """Labels on one line, their values on the next, at the same x."""
        for (label, value), x in zip(items, xs, strict=True):
            self.t(self.L + x, y, label, bold=True, size=self.st.size - 0.5)
            self.t(self.L + x, y + self.lh, value)
        return y + 2 * self.lh + 2

    # ------------------------------------------------------------------------------------------------
    # page headers

    def page_row(self) -> float:
        y = 26.0
        if self.arr == "referencia":
            self.t(self.L, y, f"Ref: {self.ref}")
            self.s.centre((self.L + self.R) / 2, y, f"PEDIMENTO {self.number}", font=self.st.bold, size=self.st.size)
            self.r(self.R, y, f"Página {self.s.page} de {self.pages}")
            self.s.hline(self.L, self.R, y + 3, 0.6)
            return y + 16
        return self.noise_top() + 6

    def continuation_header(self) -> float:
        y = self.page_row()
        if self.arr == "certificado":
            self.t(self.L, y, "ANEXO DEL PEDIMENTO", bold=True)
            self.r(self.R, y, f"PAGINA {self.s.page} DE {self.pages}")
            y += self.lh + 2
            y = self.columns_row(
                y,
                [
                    ("NUM. PEDIMENTO", self.number),
                    ("T. OPER", self.f["operation_type"]),
                    ("CVE. PEDIMENTO", self.f["clave"]),
                    ("RFC", self.f["importer_exporter_rfc"]),
                ],
                [0, 110, 170, 250],
            )
        return y + 4

    def first_header(self) -> float:
        y = self.page_row()
        if self.arr == "referencia":
            self.s.centre((self.L + self.R) / 2, y, "PEDIMENTO", font=self.st.bold, size=self.st.size + 3)
            return self._head_referencia(y + self.lh + 6)
        self.t(self.L, y, "PEDIMENTO", bold=True, size=self.st.size + 2)
        self.lv(self.L + 200, y, "PEDIMENTO REF:", self.ref)
        self.r(self.R, y, f"PAGINA 1 DE {self.pages}")
        return self._head_certificado(y + self.lh + 6)

    def _head_referencia(self, y: float) -> float:
        f, x = self.f, self.x
        first = (
            ("FECHA DE PRESENTACIÓN", f["presentation_date"]) if self.export else ("FECHA DE ENTRADA", f["entry_date"])
        )
        rows = [
            [("NUM. PEDIMENTO", self.number), ("TIPO OPERACIÓN", f["operation_type"])],
            [("CVE. PEDIMENTO", f["clave"]), ("RÉGIMEN", f["regimen"])],
            [("DESTINO/ORIGEN", x["destino"]), ("TIPO DE CAMBIO", f"{f['exchange_rate']:.5f}")],
            [("PESO BRUTO (KG)", num(f["gross_weight_kg"], 3, self.st)), ("ADUANA E/S", f["customs_office"])],
            [("MEDIO TRANSP. ENTRADA/SALIDA", x["transport_code"]), ("MEDIO TRANSP. ARRIBO", x["transport_code"])],
            [("VALOR DÓLARES", self.money(f["usd_value"], 2)), ("VALOR ADUANA", self.money(f["customs_value_mxn"]))],
            [
                ("PRECIO PAGADO/VALOR COMERCIAL", self.money(f["commercial_value_mxn"])),
                ("FLETES", self.money(x["incrementables"])),
            ],
            [("RFC IMPORTADOR/EXPORTADOR", f["importer_exporter_rfc"]), ("CURP", "")],
        ]
        for pairs in rows:
            y = self.cells(y, pairs)
        y = self.cells(y, [("NOMBRE, DENOMINACIÓN O RAZÓN SOCIAL", f["importer_exporter_name"])])
        y = self.cells(y, [("DOMICILIO", x["importer_address"].upper()[:60])])
        y = self.cells(y, [(first[0], dmy(first[1])), ("FECHA DE PAGO", dmy(f["payment_date"]))])
        y = self.cells(y, [("SECCIÓN ADUANERA DE DESPACHO", f["customs_office"]), ("ACUSE ELECTRÓNICO", x["acuse"])])
        y += 6
        y = self._liquidacion(y)
        return self._documents(y)

    def _liquidacion(self, y: float) -> float:
        x = self.x
        iva = 0 if self.f["clave"] in ("IN", "V1", "RT") else round(self.f["customs_value_mxn"] * 0.16)
        rows = [("DTA", "0", x["dta"]), ("PRV", "0", self.rng.choice([290, 330])), ("IVA", "0", iva)]
        self.t(self.L, y, "CUADRO DE LIQUIDACIÓN", bold=True)
        y += self.lh
        for k, head in enumerate(("CONCEPTO", "F.P.", "IMPORTE")):
            self.t(self.L + 10 + 60 * k, y, head, bold=True, size=self.st.size - 0.5)
        for con, fp, imp in rows:
            y += self.lh
            self.t(self.L + 10, y, con)
            self.t(self.L + 70, y, fp)
            self.t(self.L + 130, y, self.money(imp))
        total = sum(r[2] for r in rows)
        ty = y - 2 * self.lh
        for label, value in (("EFECTIVO", total), ("OTROS", 0), ("TOTAL", total)):
            self.t(self.L + 300, ty, label, bold=True)
            self.r(self.R, ty, self.money(value))
            ty += self.lh
        return y + self.lh + 4

    def _head_certificado(self, y: float) -> float:
        f, x, st = self.f, self.x, self.st
        code = x["transport_code"]
        y = self.columns_row(
            y,
            [
                ("NUM. PEDIMENTO", self.number),
                ("T. OPER", f["operation_type"]),
                ("CVE. PEDIMENTO", f["clave"]),
                ("REGIMEN", f["regimen"]),
                ("CERTIFICACIONES", ""),
            ],
            [0, 110, 170, 250, 330],
        )
        y = self.columns_row(
            y,
            [
                ("DESTINO", x["destino"]),
                ("TIPO CAMBIO", f"{f['exchange_rate']:.4f}"),
                ("PESO BRUTO", num(f["gross_weight_kg"], 3, st)),
                ("ADUANA E/S", f["customs_office"]),
            ],
            [0, 60, 150, 250],
        )
        y = self.columns_row(
            y,
            [
                ("ENTRADA/SALIDA", code),
                ("ARRIBO", code),
                ("SALIDA", code),
                ("VALOR DOLARES", num(f["usd_value"], 2, st)),
            ],
            [0, 80, 130, 250],
        )
        y = self.columns_row(
            y,
            [
                ("VALOR ADUANA", num(f["customs_value_mxn"], 0, st)),
                ("PRECIO PAGADO/VALOR COMERCIAL", num(f["commercial_value_mxn"], 0, st)),
            ],
            [0, 150],
        )
        self.t(self.L, y, "DATOS DEL IMPORTADOR / EXPORTADOR", bold=True)
        y += self.lh
        y = self.columns_row(
            y,
            [("RFC", f["importer_exporter_rfc"]), ("NOMBRE, DENOMINACION O RAZON SOCIAL", f["importer_exporter_name"])],
            [0, 110],
        )
        self.lv(self.L, y, "DOMICILIO:", x["importer_address"].upper())
        y += self.lh + 4
        # the bank's payment certification, to the right of the dates
        paid = dmy(f["payment_date"])
        clock = f"{self.rng.randint(8, 18):02d}:{self.rng.randint(0, 59):02d}:{self.rng.randint(0, 59):02d}"
        cert = [
            "*** PAGO ELECTRÓNICO ***",
            self.pick(*BANKS),
            f"FECHA Y HORA DE PAGO: {paid} {clock}",
            f"NÚMERO DE OPERACIÓN BANCARIA: {self.rng.randint(10**9, 10**10 - 1)}",
            f"NÚMERO DE TRANSACCIÓN SAT: {self.rng.randint(10**13, 10**14 - 1)}",
            f"IMPORTE PAGADO: ${x['dta'] + 290:,}",
        ]
        for k, line in enumerate(cert):
            self.t(self.L + 300, y + k * self.lh, line, size=st.size - 0.5)
        self.t(self.L, y, "FECHAS", bold=True)
        first = ("PRESENTACION", f["presentation_date"]) if self.export else ("ENTRADA", f["entry_date"])
        for k, (label, value) in enumerate((first, ("PAGO", f["payment_date"]))):
            self.t(self.L, y + (k + 1) * self.lh, label)
            self.t(self.L + 80, y + (k + 1) * self.lh, dmy(value))
        y += len(cert) * self.lh + 4
        y = self._invoices(y)
        self.s.hline(self.L, self.R, y - self.lh + 4)
        return y

    def _invoices(self, y: float) -> float:
        x, L = self.x, self.L
        heads = [("NUM. CFDI O DOCUMENTO EQUIVALENTE", 0), ("FECHA", 170), ("INCOTERM", 230), ("MONEDA FACT", 280)]
        heads.append(("VAL. MON. FACT", 350))
        for head, dx in heads:
            self.t(L + dx, y, head, bold=True)
        for inv in x["invoices"]:
            y += self.lh
            self.t(L, y, inv["cove"])
            y += self.lh
            self.t(L, y, inv["number"])
            self.t(L + 170, y, inv["date"].strftime("%d/%m/%Y"))
            self.t(L + 230, y, inv["incoterm"])
            self.t(L + 280, y, inv["currency"])
            self.t(L + 350, y, f"{inv['usd']:,.2f}")
        for guide, kind in x["guides"]:
            y += self.lh
            self.lv(L, y, "NO. (GUIA/ORDEN EMBARQUE)/ID:", f"{guide} {kind}")
        for c in x["containers"]:
            y += self.lh
            self.lv(L, y, "NUMERO / TIPO", f"{c} {self.pick('1', '3', '5')}")
        y += self.lh + 2
        idents = [("ED", f"0{self.rng.randint(10**12, 10**13 - 1)}")]
        if x["program"]:
            idents.append(("IM", x["program"]))
        for code, comp in idents:
            self.lv(L, y, "IDENTIFICADOR:", code)
            self.lv(L + 120, y, "COMPLEMENTO 1:", comp)
            y += self.lh
        return y + self.lh

    # ------------------------------------------------------------------------------------------------
    # partidas

    def columns(self) -> list[list[tuple[str, str, float]]]:
        L = self.L
        sp = self.rng.uniform(0.97, 1.03)
        row0: list[tuple[str, str, float]] = [
            ("sequence", "SEC", 0),
            ("tariff_code", "FRACCION", 26),
            ("nico", "NICO", 74),
            ("vinc", "VINC", 102),
            ("method", "MET VAL", 126),
            ("umc", "UMC", 162),
            ("umc_quantity", "CANTIDAD UMC", 184),
            ("umt", "UMT", 252),
            ("umt_quantity", "CANTIDAD UMT", 274),
            ("seller_buyer_country", "P.V/C", 352),
            ("origin_destination_country", "P.O/D", 384),
        ]
        desc: list[tuple[str, str, float]] = [("description", "DESCRIPCION", 26)]
        values: list[tuple[str, str, float]] = [
            ("customs_value_mxn", "VAL ADU/USD", 26),
            ("unit_price", "PRECIO UNIT.", 150),
            ("paid_price_mxn", "IMP. PRECIO PAG.", 152),
            ("value_added", "VAL. AGREG.", 270),
        ]
        if self.arr == "referencia":
            values[1:3] = [("paid_price_mxn", "IMP. PRECIO PAG.", 110), ("unit_price", "PRECIO UNIT.", 192)]
        rows = [row0, desc, values]
        return [self._spread([(k, lab, L + x * sp) for k, lab, x in row]) for row in rows]

    def partidas_header(self, y: float) -> float:
        if self.arr == "referencia":
            self.s.shade(self.L, y - 8, self.R, y + 3 * (self.lh - 1) - 6, 0.8)
            self.s.centre((self.L + self.R) / 2, y, "PARTIDAS", font=self.st.bold, size=self.st.size)
            y += self.lh
            rows = self._rows = getattr(self, "_rows", None) or self.columns()
            self.cols = {k: x for row in rows for k, _lab, x in row}
            for row in rows:
                for _key, label, x in row:
                    self.t(x, y, label, bold=True, size=self.st.size - 0.5)
                y += self.lh - 1
            return y + 4
        return super().partidas_header(y)

    def _first_line(self, ln: dict[str, Any], y: float) -> None:
        st, c = self.st, self.cols
        seq = f"{ln['sequence']:03d}" if self.arr == "referencia" else str(ln["sequence"])
        for key, value in (
            ("sequence", seq),
            ("tariff_code", ln["tariff_code"]),
            ("nico", ln["nico"]),
            ("vinc", self.pick("0", "1")),
            ("method", "1"),
            ("umc", ln["umc"]),
            ("umc_quantity", num(ln["umc_quantity"], 3, st)),
            ("umt", ln["umt"]),
            ("umt_quantity", num(ln["umt_quantity"], 5 if self.arr == "certificado" else 3, st)),
            ("seller_buyer_country", ln["seller_buyer_country"]),
            ("origin_destination_country", ln["origin_destination_country"]),
        ):
            self.t(c[key], y, value)

    def _taxes(self, ln: dict[str, Any]) -> list[tuple[str, str, str, str, int]]:
        iva = 0 if self.export else round(ln["customs_value_mxn"] * 0.16)
        fp = self.pick("0", "21")
        return [("IGI", "0.00000", "1", fp, 0), ("IVA", "16.00000", "1", fp, iva)]

    def _values(self, ln: dict[str, Any], y: float) -> None:
        st, c = self.st, self.cols
        customs = num(ln["customs_value_mxn"], 2 if self.export else 0, st)
        paid = num(ln["paid_price_mxn"], 0, st)
        unit = f"{ln['unit_price']:.5f}"
        self.t(c["customs_value_mxn"], y, customs)
        if self.arr == "certificado":
            # the unit price right-aligned against the paid price, as the real text layer runs them together
            self.r(c["paid_price_mxn"], y, unit)
            self.t(c["paid_price_mxn"] + self.rng.choice([0.0, 0.5, 4.0]), y, paid)
        else:
            self.t(c["paid_price_mxn"], y, paid)
            self.t(c["unit_price"], y, unit)
        self.t(c["value_added"], y, num(ln["value_added"], 0, st))

    def partida(self, ln: dict[str, Any], y: float) -> float:
        st, c = self.st, self.cols
        top = y
        self._first_line(ln, y)
        y += self.lh
        for d in wrap(ln["description"], self.R - c["description"] - 40, font=st.font, size=st.size):
            self.t(c["description"], y, d)
            y += self.lh
        if self.arr == "referencia":
            self._values(ln, y)
            self.s.box(self.L, top - 8, self.R, y + 4, 0.4)
            y += self.lh + 4
            for k, head in enumerate(("CONTRIB.", "TASA", "T.T.", "F.P.", "IMPORTE")):
                self.t(c["umc"] + 44 * k, y, head, bold=True, size=st.size - 1)
            for con, tasa, tt, fp, imp in self._taxes(ln):
                y += self.lh
                for k, cell in enumerate((con, tasa, tt, fp, f"{imp:,}")):
                    self.t(c["umc"] + 44 * k, y, cell)
            return y + self.lh
        if y + 4 * self.lh > self.bottom:
            # the contributions and values of this partida open the next page
            y = self.partidas_header(self.new_page())
        for con, tasa, tt, fp, imp in self._taxes(ln):
            self.t(c["description"], y, f"{con} {tasa} {tt} {fp} {imp}")
            y += self.lh
        self._values(ln, y)
        return y + self.lh

    def identifiers(self, ln: dict[str, Any], y: float) -> float:
        if self.st.identifiers:
            code, comp = self.pick("EC", "TL", "NM"), self.pick("1", "USA", "")
            if self.arr == "referencia":
                self.lv(self.L + 26, y, "IDENTIFICADOR:", code)
                self.lv(self.L + 150, y, "COMPLEMENTO:", comp)
            else:
                self.t(self.L + 26, y, f"{code} {comp}")
            y += self.lh
        if self.st.observations:
            self.t(self.L + 26, y, "OBSERVACIONES A NIVEL PARTIDA", bold=True)
            y += self.lh
            self.t(self.L + 26, y, f"FACTURA {self.x['invoices'][0]['number']} PARTIDA {ln['sequence']}")
            y += self.lh
        return y

    def fin(self, y: float) -> float:
        count, prev = self.f["partida_count"], self.x["prevalidador"]
        if self.arr == "referencia":
            cells = [
                ("****", 32),
                ("FIN DE PEDIMENTO", 130),
                ("**** NUM. TOTAL DE PARTIDAS:", 140),
                (str(count), 80),
                ("**** CLAVE PREVALIDADOR:", 130),
                (prev, 30),
                ("****", 30),
            ]
            unit = (self.R - self.L) / sum(w for _c, w in cells)
            at = self.L
            self.s.hline(self.L, self.R, y - 6, 0.6)
            for text, w in cells:
                self.s.centre(at + w * unit / 2, y + 2, text, font=self.st.font, size=self.st.size)
                at += w * unit
            return y + self.lh + 8
        text = f"********* FIN DE PEDIMENTO   NUM. TOTAL DE PARTIDAS: {count}   CLAVE PREVALIDADOR: {prev} *********"
        self.t(self.L, y + 4, text, bold=True)
        return y + self.lh + 8

    def draw(self) -> int:
        y = self.first_header()
        if y + 10 * self.lh > self.bottom:
            y = self.new_page()
        y = self.partidas_header(y)
        for ln in self.lines:
            tall = (4 + len(ln["description"]) // 60) * self.lh
            if self.arr == "referencia":
                tall += 4 * self.lh
            if y + tall > self.bottom:
                y = self.partidas_header(self.new_page())
            y = self.partida(ln, y)
            if y + 2 * self.lh > self.bottom:
                y = self.partidas_header(self.new_page())
            y = self.identifiers(ln, y) + 4
        if y + 8 * self.lh > self.bottom:
            y = self.new_page()
        y = self.fin(y)
        self.lv(self.L, y, "AGENTE ADUANAL:", self.x["broker"][1])
        y += self.lh
        self.lv(self.L, y, "RFC:", self.x["broker_rfc"])
        self.lv(self.L + 160, y, "PATENTE:", self.f["patente"])
        y += self.lh
        sig = "".join(self.rng.choice(string.ascii_letters + string.digits + "+/") for _ in range(90))
        self.t(self.L, y, f"e.firma: {sig}", size=5)
        if self.arr == "certificado":
            self.noise_bottom()
        self.s.save()
        return self.s.page


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random, pages: int) -> int:
    """Draw the printout (``pages``: the page count of a first drawing); returns its page count."""
    style = style_for(arrangement, _style("anexo22", rng), rng)
    for line in truth["lines"]:
        line.pop("part_number", None)
    return Round6(truth, arrangement, path, rng, style, pages).draw()

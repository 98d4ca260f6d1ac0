"""Round 7 of the held-out pedimento printouts: two more broker systems' layouts, written before the reader saw them.

Facts, not copies, from public sources: DOMAIN.md §1b; the official form's section names and the instructivo's
field list for the partidas block (Anexo 1 RGCE, "formato de pedimento": ``ENCABEZADO DEL PEDIMENTO``, ``DATOS DEL
IMPORTADOR / EXPORTADOR``, ``DATOS DEL PROVEEDOR O COMPRADOR``, ``ENCABEZADO PARA PÁGINAS SECUNDARIAS DEL
PEDIMENTO`` with ``NUM. PEDIMENTO``, ``TIPO OPER``, ``CVE. PEDIM``, ``RFC``, ``CURP``; per partida ``SEC``,
``FRACCIÓN``, ``SUBD.``, ``VINC.``, ``MET. VAL``, …, ``MARCA``, ``MODELO``, ``CÓDIGO PRODUCTO``), the field rules
kept as JSON in a public repository (found by ``conforme a la posición en que se encuentran en el encabezado de
partidas``: each partida field declared "at its position in the partidas header"), and the headers of the
line-printer reports COBOL-era broker systems still print on continuous forms (fixed-width lines, dot leaders,
``HOJA n DE m``, the form breaking wherever the page ends).

* ``aforo``: the official form drawn in ruled boxes under shaded section bands; each box a small label over its
  value; the bank's payment certification and the automated selection's result (``DESADUANAMIENTO LIBRE``) in the
  ``CERTIFICACIONES`` box; the invoices table with ``FACTOR MON. FACT`` and ``VAL. DOLARES``; the partidas header
  on four rows, the fourth ``MARCA  MODELO  CÓDIGO PRODUCTO`` (the part number printed for every partida), the
  contributions as a small ``CON. TASA T.T. F.P. IMPORTE`` table beside the first row; later pages open with
  the secondary-page header band; the FIN line between rules. Thousands separators or none, the number with one
  or two spaces between its blocks, per printout.
* ``matricial``: a line printer's report: every line one fixed-width string in Courier; ``NUM. PEDIMENTO.....:``
  style dot leaders, two columns of them; ``HOJA 2 DE 4`` in the page's first line with the patente and the
  broker's reference; partidas as four fixed-width lines (codes; description; values; contributions) under a
  four-line header repeated on each page; the continuous form breaks wherever the page ends, inside a partida too;
  numbers without thousands separators; the FIN line drawn with ``=``. No part numbers (the truth drops them).
"""

from __future__ import annotations

import random
import string
from pathlib import Path
from typing import Any

from tests.synth.draw import Sheet, dmy, wrap
from tests.synth.pedimentos_broker import _Printout, _style, num

ARRANGEMENTS = ("aforo", "matricial")
BANKS = ["BANCO NACIONAL DE MEXICO S.A.", "BBVA MEXICO S.A.", "BANCO MERCANTIL DEL NORTE S.A.", "HSBC MEXICO S.A."]


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random, pages: int) -> int:
    """Draw the printout (``pages``: the page count of a first drawing); returns its page count."""
    if arrangement == "matricial":
        for line in truth["lines"]:
            line.pop("part_number", None)
        return _Matricial(truth, path, rng, pages).draw()
    style = _style("anexo22", rng)
    style.thousands = rng.random() < 0.6
    style.colon = ""
    return _Aforo(truth, arrangement, path, rng, style, pages).draw()


# --------------------------------------------------------------------------------------------------------
# aforo: the official form in ruled boxes


class _Aforo(_Printout):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        n = self.f["pedimento_number"]
        gap = self.rng.choice([" ", "  "])
        self.number = gap.join((n[:2], n[2:4], n[4:8], n[8:]))
        self.curp = ""

    def band(self, y: float, title: str) -> float:
        """A shaded full-width band with the section's name centred in it."""
        self.s.shade(self.L, y - 8, self.R, y + 3, 0.78)
        self.s.box(self.L, y - 8, self.R, y + 3, 0.5)
        self.s.centre((self.L + self.R) / 2, y, title, font=self.st.bold, size=self.st.size)
        return y + 12

    def boxes(self, y: float, cells: list[tuple[str, str, float]], right: float | None = None) -> float:
        """Ruled boxes across the row, each a small label over its value; ``cells`` = (label, value, width share)."""
        right = self.R if right is None else right
        total = sum(w for _l, _v, w in cells)
        x0 = self.L
        for label, value, w in cells:
            x1 = x0 + (right - self.L) * w / total
            self.s.box(x0, y - 7, x1, y + 14, 0.4)
            self.t(x0 + 2, y - 1, label, bold=True, size=self.st.size - 1.5)
            self.t(x0 + 4, y + 10, value)
            x0 = x1
        return y + 21

    def page_top(self) -> float:
        y = self.noise_top() + 4
        self.s.centre((self.L + self.R) / 2, y + 2, "PEDIMENTO", font=self.st.bold, size=self.st.size + 3)
        self.r(self.R, y, f"{self.pick('Página', 'Pagina')} {self.s.page} de {self.pages}")
        return y + 16

    def continuation_header(self) -> float:
        y = self.band(self.page_top(), "ENCABEZADO PARA PÁGINAS SECUNDARIAS DEL PEDIMENTO")
        f = self.f
        cells = [
            ("NUM. PEDIMENTO", self.number, 3.0),
            ("TIPO OPER", f["operation_type"], 1.2),
            ("CVE. PEDIM", f["clave"], 1.2),
            ("RFC", f["importer_exporter_rfc"], 2.2),
            ("CURP", self.curp, 2.4),
        ]
        return self.boxes(y + 8, cells) + 4

    def first_header(self) -> float:
        f, x, st = self.f, self.x, self.st
        y = self.band(self.page_top(), "ENCABEZADO DEL PEDIMENTO") + 8
        cert_x = self.L + (self.R - self.L) * 0.7
        top = y
        y = self.boxes(
            y,
            [
                ("NUM. PEDIMENTO", self.number, 3.0),
                ("T. OPER", f["operation_type"], 1.0),
                ("CVE. PEDIMENTO", f["clave"], 1.4),
                ("REGIMEN", f["regimen"], 1.0),
            ],
            cert_x,
        )
        y = self.boxes(
            y,
            [
                ("DESTINO/ORIGEN", x["destino"], 1.4),
                ("TIPO CAMBIO", f"{f['exchange_rate']:.5f}", 1.5),
                ("PESO BRUTO", num(f["gross_weight_kg"], 3, st), 1.6),
                ("ADUANA E/S", f["customs_office"], 1.0),
            ],
            cert_x,
        )
        code = x["transport_code"]
        y = self.boxes(
            y,
            [
                ("MEDIO TRANSP. ENTRADA/SALIDA", code, 2.0),
                ("ARRIBO", code, 0.9),
                ("SALIDA", code, 0.9),
                ("VALOR DOLARES", num(f["usd_value"], 2, st), 1.6),
            ],
            cert_x,
        )
        y = self.boxes(
            y,
            [
                ("VALOR ADUANA", num(f["customs_value_mxn"], 0, st), 1.0),
                ("PRECIO PAGADO/VALOR COMERCIAL", num(f["commercial_value_mxn"], 0, st), 1.3),
            ],
            cert_x,
        )
        self._certifications(cert_x, top, y)
        y = self.band(y + 4, "DATOS DEL IMPORTADOR / EXPORTADOR") + 8
        y = self.boxes(
            y,
            [("RFC", f["importer_exporter_rfc"], 1.0), ("CURP", self.curp, 1.0)],
        )
        y = self.boxes(y, [("NOMBRE, DENOMINACIÓN O RAZÓN SOCIAL", f["importer_exporter_name"], 1.0)])
        y = self.boxes(y, [("DOMICILIO", x["importer_address"].upper(), 1.0)])
        y = self.boxes(
            y,
            [
                ("VAL. SEGUROS", "0", 1.0),
                ("SEGUROS", "0", 1.0),
                ("FLETES", num(x["incrementables"], 0, st), 1.0),
                ("EMBALAJES", "0", 1.0),
                ("OTROS INCREMENTABLES", "0", 1.4),
            ],
        )
        first = ("PRESENTACION", f["presentation_date"]) if self.export else ("ENTRADA", f["entry_date"])
        half = (self.R - self.L) / 2
        y = self.band(y + 4, "FECHAS") + 8
        fy = y
        for label, value in (first, ("PAGO", f["payment_date"])):
            self.t(self.L + 6, fy, label, bold=True)
            self.t(self.L + 90, fy, dmy(value))
            fy += self.lh
        self._liquidation(self.L + half, y)
        y = max(fy, y + 4 * self.lh) + 4
        return self._supplier(y)

    def _certifications(self, x0: float, top: float, bottom: float) -> None:
        self.s.box(x0, top - 7, self.R, bottom - 7, 0.4)
        self.t(x0 + 2, top - 1, "CERTIFICACIONES", bold=True, size=self.st.size - 1.5)
        clock = f"{self.rng.randint(8, 18):02d}:{self.rng.randint(0, 59):02d}:{self.rng.randint(0, 59):02d}"
        lines = [
            "***PAGO ELECTRONICO***",
            self.pick(*BANKS),
            f"{dmy(self.f['payment_date'])} {clock}",
            f"OP. {self.rng.randint(10**9, 10**10 - 1)}",
            "",
            "SELECCION AUTOMATIZADA:",
            self.pick("DESADUANAMIENTO LIBRE", "RECONOCIMIENTO ADUANERO"),
        ]
        for k, line in enumerate(lines):
            self.t(x0 + 4, top + 9 + k * (self.lh - 1), line, size=self.st.size - 1)

    def _liquidation(self, x0: float, y: float) -> None:
        iva = 0 if self.f["clave"] in ("IN", "V1", "RT") else round(self.f["customs_value_mxn"] * 0.16)
        prv = self.rng.choice([290, 330])
        rows = [("DTA", "0", self.x["dta"]), ("PRV", "0", prv), ("IVA", "0", iva)]
        self.t(x0, y - self.lh, "CUADRO DE LIQUIDACIÓN", bold=True, size=self.st.size - 1)
        for k, head in enumerate(("CONCEPTO", "F.P.", "IMPORTE")):
            self.t(x0 + 54 * k, y, head, bold=True, size=self.st.size - 1)
        for j, (con, fp, imp) in enumerate(rows, start=1):
            self.t(x0, y + j * self.lh, con)
            self.t(x0 + 54, y + j * self.lh, fp)
            self.t(x0 + 108, y + j * self.lh, num(imp, 0, self.st))
        total = sum(r[2] for r in rows)
        for k, (label, value) in enumerate((("EFECTIVO", total), ("OTROS", 0), ("TOTAL", total))):
            self.t(x0 + 170, y + k * self.lh, label, bold=True, size=self.st.size - 1)
            self.r(self.R - 2, y + k * self.lh, num(value, 0, self.st))

    def _supplier(self, y: float) -> float:
        x, L, st = self.x, self.L, self.st
        y = self.band(y, "DATOS DEL PROVEEDOR O COMPRADOR") + 8
        name, _country, address = x["supplier"][:3]
        y = self.boxes(
            y,
            [("ID. FISCAL", x["supplier_tax_id"], 1.0), ("NOMBRE, DENOMINACIÓN O RAZÓN SOCIAL", name, 2.2)]
            + [("DOMICILIO", address.upper()[:48], 2.6)],
        )
        heads = [
            ("NUM. CFDI O DOCUMENTO EQUIVALENTE", 0),
            ("FECHA", 150),
            ("INCOTERM", 200),
            ("MONEDA FACT", 245),
            ("VAL. MON. FACT", 300),
            ("FACTOR MON. FACT", 370),
            ("VAL. DOLARES", 450),
        ]
        y += 2
        for head, dx in heads:
            self.t(L + dx, y, head, bold=True, size=st.size - 1)
        for inv in x["invoices"]:
            y += self.lh
            cells = [inv["number"], inv["date"].strftime("%d/%m/%Y"), inv["incoterm"], inv["currency"]]
            cells += [num(inv["usd"], 2, st), "1.00000000", num(inv["usd"], 2, st)]
            for (_h, dx), cell in zip(heads, cells, strict=True):
                self.t(L + dx, y, cell)
            y += self.lh
            self.lv(L + 10, y, "COVE:", inv["cove"])
        y += self.lh + 4
        y = self.band(y, "TRANSPORTE Y CANDADOS / IDENTIFICADORES") + 8
        for guide, kind in x["guides"]:
            self.lv(L, y, "NUMERO (GUIA/ORDEN EMBARQUE)/ID:", f"{guide} {kind}")
            y += self.lh
        for c in x["containers"]:
            self.lv(L, y, "NUMERO/TIPO CONTENEDOR:", f"{c} {self.pick('1', '3')}")
            y += self.lh
        idents = [("ED", f"0{self.rng.randint(10**12, 10**13 - 1)}")]
        if x["program"]:
            idents.append(("IM", x["program"]))
        self.t(L, y, "CLAVE", bold=True, size=st.size - 1)
        self.t(L + 50, y, "COMPL. IDENTIFICADOR 1", bold=True, size=st.size - 1)
        for code, comp in idents:
            y += self.lh
            self.t(L, y, code)
            self.t(L + 50, y, comp)
        return y + self.lh + 4

    # partidas

    def columns(self) -> list[list[tuple[str, str, float]]]:
        sp = self.rng.uniform(0.97, 1.02)
        row0: list[tuple[str, str, float]] = [
            ("sequence", "SEC", 0),
            ("tariff_code", "FRACCION", 22),
            ("nico", "SUBD.", 68),
            ("vinc", "VINC.", 94),
            ("method", "MET. VAL", 118),
            ("umc", "UMC", 154),
            ("umc_quantity", "CANTIDAD UMC", 172),
            ("umt", "UMT", 232),
            ("umt_quantity", "CANTIDAD UMT", 250),
            ("seller_buyer_country", "P.V/C", 308),
            ("origin_destination_country", "P.O/D", 334),
            ("_con", "CON.", 368),
            ("_tasa", "TASA", 392),
            ("_tt", "T.T.", 428),
            ("_fp", "F.P.", 448),
            ("_importe", "IMPORTE", 470),
        ]
        row1: list[tuple[str, str, float]] = [
            ("description", "DESCRIPCION (RENGLONES VARIABLES SEGUN SE REQUIERA)", 22)
        ]
        row2: list[tuple[str, str, float]] = [
            ("customs_value_mxn", "VAL ADU/USD", 22),
            ("paid_price_mxn", "IMP. PRECIO PAG.", 100),
            ("unit_price", "PRECIO UNIT.", 180),
            ("value_added", "VAL. AGREG.", 250),
        ]
        row3: list[tuple[str, str, float]] = [
            ("brand", "MARCA", 22),
            ("model", "MODELO", 100),
            ("part_number", "CODIGO PRODUCTO", 180),
        ]
        return [self._spread([(k, lab, self.L + x * sp) for k, lab, x in row]) for row in (row0, row1, row2, row3)]

    def partidas_header(self, y: float) -> float:
        y = self.band(y, "PARTIDAS") + 6
        rows = self._rows = getattr(self, "_rows", None) or self.columns()
        self.cols = {k: x for row in rows for k, _lab, x in row}
        for row in rows:
            for _key, label, x in row:
                self.t(x, y, label, bold=True, size=self.st.size - 0.5)
            y += self.lh - 1
        self.s.hline(self.L, self.R, y - self.lh + 5, 0.6)
        return y + 2

    def partida(self, ln: dict[str, Any], y: float) -> float:
        st, c = self.st, self.cols
        top = y
        cells = [
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
        ]
        for key, value in cells:
            self.t(c[key], y, value)
        iva = 0 if self.export else round(ln["customs_value_mxn"] * 0.16)
        fp = self.pick("0", "21")
        taxes = [("IGI", "0.00000", "1", fp, 0), ("IVA", "16.00000", "1", fp, iva)]
        if self.rng.random() < 0.3:
            taxes.append(("DTA", "0.00800", "1", "0", round(ln["customs_value_mxn"] * 0.008)))
        for k, (con, tasa, tt, pay, imp) in enumerate(taxes):
            yy = top + k * self.lh
            self.t(c["_con"], yy, con)
            self.t(c["_tasa"], yy, tasa)
            self.t(c["_tt"], yy, tt)
            self.t(c["_fp"], yy, pay)
            self.r(self.R - 2, yy, num(imp, 0, st))
        y += self.lh
        for d in wrap(ln["description"], c["_con"] - c["description"] - 12, font=st.font, size=st.size):
            self.t(c["description"], y, d)
            y += self.lh
        y = max(y, top + len(taxes) * self.lh)
        values = [
            ("customs_value_mxn", num(ln["customs_value_mxn"], 2 if self.export else 0, st)),
            ("paid_price_mxn", num(ln["paid_price_mxn"], 0, st)),
            ("unit_price", f"{ln['unit_price']:.5f}"),
            ("value_added", num(ln["value_added"], 0, st)),
        ]
        for key, value in values:
            self.t(c[key], y, value)
        y += self.lh
        self.t(c["brand"], y, self.pick("SIN MARCA", "S/M"))
        self.t(c["model"], y, self.pick("SIN MODELO", "S/M"))
        self.t(c["part_number"], y, ln["part_number"])
        return y + self.lh

    def identifiers(self, ln: dict[str, Any], y: float) -> float:
        if self.st.identifiers:
            code = self.pick("EC", "TL", "NM", "PO")
            comp = {"EC": "1", "TL": "USA", "NM": "1", "PO": f"{self.rng.randint(4500000, 4599999)}"}[code]
            self.t(self.L + 22, y, "IDENTIF.", bold=True, size=self.st.size - 1)
            self.t(self.L + 66, y, f"{code}   {comp}")
            y += self.lh
        return y

    def fin(self, y: float) -> float:
        count, prev = self.f["partida_count"], self.x["prevalidador"]
        self.s.hline(self.L, self.R, y - 6, 0.6)
        stars = "*" * 10
        text = f"{stars} FIN DE PEDIMENTO {stars} NUM. TOTAL DE PARTIDAS: {count} {stars} CLAVE PREVALIDADOR: {prev}"
        self.s.centre((self.L + self.R) / 2, y + 2, text, font=self.st.bold, size=self.st.size)
        self.s.hline(self.L, self.R, y + 6, 0.6)
        return y + self.lh + 10

    def footer(self) -> None:
        self.t(
            self.L,
            self.s.height - 30,
            "El pago de las contribuciones se realizó mediante el servicio de Pago Electrónico Centralizado Aduanero.",
            size=5.5,
        )
        self.noise_bottom()

    def new_page(self) -> float:
        self.footer()
        self.s.new_page()
        return self.continuation_header()

    def draw(self) -> int:
        y = self.first_header()
        if y + 12 * self.lh > self.bottom:
            y = self.new_page()
        y = self.partidas_header(y)
        for ln in self.lines:
            tall = (5 + len(ln["description"]) // 55) * self.lh
            if y + tall > self.bottom:
                y = self.partidas_header(self.new_page())
            y = self.partida(ln, y)
            y = self.identifiers(ln, y)
            self.s.hline(self.L, self.R, y - self.lh + 5, 0.3)
            y += 3
        if y + 9 * self.lh > self.bottom:
            y = self.new_page()
        y = self.fin(y + 4)
        y = self.band(y, "AGENTE ADUANAL, AGENCIA ADUANAL, APODERADO ADUANAL O DE ALMACÉN") + 8
        y = self.boxes(
            y,
            [
                ("NOMBRE O RAZ. SOC.", self.x["broker"][1], 2.4),
                ("RFC", self.x["broker_rfc"], 1.2),
                ("PATENTE O AUTORIZACIÓN", self.f["patente"], 1.2),
            ],
        )
        self.t(
            self.L,
            y + 2,
            "DECLARO BAJO PROTESTA DE DECIR VERDAD, EN LOS TÉRMINOS DEL ARTÍCULO 81 DE LA LEY ADUANERA.",
            size=5.5,
        )
        sig = "".join(self.rng.choice(string.ascii_letters + string.digits + "+/") for _ in range(96))
        self.t(self.L, y + 10, f"e.firma: {sig}", size=5)
        self.t(
            self.L, y + 17, f"NUMERO DE SERIE DEL CERTIFICADO: 00001000000{self.rng.randint(10**8, 10**9 - 1)}", size=5
        )
        self.footer()
        self.s.save()
        return self.s.page


# --------------------------------------------------------------------------------------------------------
# matricial: a line printer's fixed-width report


class _Matricial:
    """Every line one fixed-width string, as a line printer's report is laid down; pages break anywhere."""

    def __init__(self, truth: dict[str, Any], path: Path, rng: random.Random, pages: int) -> None:
        self.f, self.x, self.lines = truth["fields"], truth["extra"], truth["lines"]
        self.rng, self.pages = rng, pages
        self.size = rng.choice([6.5, 7.0])
        self.font, self.bold = "Courier", "Courier-Bold"
        self.s = Sheet(path, title="Pedimento")
        self.step = self.size + rng.choice([2.0, 2.5, 3.0])
        self.L = 22.0
        self.cols = int((self.s.width - 2 * self.L) / (0.6 * self.size))
        n = self.f["pedimento_number"]
        self.number = f"{n[:2]} {n[2:4]} {n[4:8]} {n[8:]}"
        self.ref = f"{rng.choice('ABMRT')}{rng.randint(10, 99)}-{rng.randint(1000, 99999)}"
        self.y = 0.0
        self.in_partidas = False

    # the page

    def top(self) -> None:
        f = self.f
        self.y = 28.0
        broker = self.x["broker"][0]
        head = f"{broker}  PATENTE {f['patente']}"
        page = f"HOJA {self.s.page} DE {self.pages}"
        self.s.text(self.L, self.y, head + page.rjust(self.cols - len(head)), font=self.bold, size=self.size)
        self.y += self.step
        sub = f"PEDIMENTO {self.number}   {f['operation_type']} {f['clave']}   REF. {self.ref}"
        self.s.text(self.L, self.y, sub, font=self.font, size=self.size)
        self.y += self.step
        self.s.text(self.L, self.y, "=" * self.cols, font=self.font, size=self.size)
        self.y += self.step
        if self.in_partidas:
            self.partidas_header()

    def row(self, text: str, bold: bool = False) -> None:
        if self.y > self.s.height - 40:
            self.s.text(self.L, self.s.height - 26, "-" * self.cols, font=self.font, size=self.size)
            self.s.new_page()
            self.top()
        self.s.text(self.L, self.y, text, font=self.bold if bold else self.font, size=self.size)
        self.y += self.step

    def pair(self, left: tuple[str, str], right: tuple[str, str] | None = None, lead: int = 19) -> None:
        """One or two ``LABEL.......: value`` columns on a line."""
        text = f"{left[0].ljust(lead, '.')}: {left[1]}"
        if right:
            text = text.ljust(self.cols // 2) + f"{right[0].ljust(lead, '.')}: {right[1]}"
        self.row(text)

    # the blocks

    def header(self) -> None:
        f, x = self.f, self.x
        self.row("P E D I M E N T O".center(self.cols), bold=True)
        self.row("")
        self.pair(("NUM. PEDIMENTO", self.number), ("TIPO DE OPERACION", f["operation_type"]))
        self.pair(("CVE. PEDIMENTO", f["clave"]), ("REGIMEN", f["regimen"]))
        self.pair(("DESTINO/ORIGEN", x["destino"]), ("TIPO DE CAMBIO", f"{f['exchange_rate']:.5f}"))
        self.pair(("PESO BRUTO", f"{f['gross_weight_kg']:.3f}"), ("ADUANA E/S", f["customs_office"]))
        code = x["transport_code"]
        self.pair(("MEDIOS TRANSPORTE", f"{code}  {code}  {code}"), ("VALOR DOLARES", f"{f['usd_value']:.2f}"))
        self.pair(
            ("VALOR ADUANA", f"{f['customs_value_mxn']:.0f}"), ("PRECIO PAGADO", f"{f['commercial_value_mxn']:.0f}")
        )
        self.pair(("FLETES", f"{x['incrementables']:.0f}"), ("SEGUROS", "0"))
        self.row("-" * self.cols)
        self.pair(("RFC IMP/EXP", f["importer_exporter_rfc"]), ("CURP", ""))
        self.pair(("NOMBRE", f["importer_exporter_name"]))
        for k, part in enumerate(wrap(x["importer_address"].upper(), 360, font=self.font, size=self.size)):
            self.pair(("DOMICILIO" if k == 0 else "", part))
        self.row("-" * self.cols)
        first = ("FECHA PRESENTACION", f["presentation_date"]) if f["operation_type"] == "EXP" else None
        first = first or ("FECHA ENTRADA", f["entry_date"])
        self.pair((first[0], dmy(first[1])), ("FECHA PAGO", dmy(f["payment_date"])))
        iva = 0 if f["clave"] in ("IN", "V1", "RT") else round(f["customs_value_mxn"] * 0.16)
        prv = self.rng.choice([290, 330])
        self.row("")
        self.row("LIQUIDACION:  CONCEPTO  F.P.     IMPORTE", bold=True)
        for con, imp in (("DTA", x["dta"]), ("PRV", prv), ("IVA", iva)):
            self.row(f"              {con:<8}  0    {imp:>10}")
        self.row(f"              EFECTIVO       {x['dta'] + prv + iva:>10}   OTROS 0")
        self.row("-" * self.cols)
        self.row("FACTURA/CFDI                       FECHA       INCOTERM  MONEDA     VAL.MON.FACT", bold=True)
        for inv in x["invoices"]:
            self.row(
                f"{str(inv['number']):<35}{inv['date'].strftime('%d/%m/%Y'):<12}{inv['incoterm']:<10}"
                f"{inv['currency']:<8}{inv['usd']:>14.2f}"
            )
            self.row(f"    COVE: {inv['cove']}")
        for guide, kind in x["guides"]:
            self.pair(("GUIA/EMBARQUE", f"{guide} {kind}"))
        for c in x["containers"]:
            self.pair(("CONTENEDOR", f"{c} TIPO {self.rng.choice(['1', '3', '5'])}"))
        self.row("IDENTIFICADORES:  CVE  COMPLEMENTO 1", bold=True)
        self.row(f"                  ED   0{self.rng.randint(10**12, 10**13 - 1)}")
        if x["program"]:
            self.row(f"                  IM   {x['program']}")
        self.row("=" * self.cols)

    def partidas_header(self) -> None:
        for text in (
            "SEC FRACCION NICO VIN MET UMC     CANT. UMC UMT     CANT. UMT  P.V/C P.O/D",
            "    DESCRIPCION",
            "          VAL. ADUANA    IMP. PRECIO PAG.    PRECIO UNIT.     VAL. AGREG.",
            "    CONTRIB.  TASA       T.T. F.P.      IMPORTE",
        ):
            self.s.text(self.L, self.y, text, font=self.bold, size=self.size)
            self.y += self.step
        self.s.text(self.L, self.y, "-" * self.cols, font=self.font, size=self.size)
        self.y += self.step

    def partida(self, ln: dict[str, Any]) -> None:
        export = self.f["operation_type"] == "EXP"
        self.row(
            f"{ln['sequence']:>3} {ln['tariff_code']} {ln['nico']:>4} {self.rng.choice('01'):>3} {'1':>3} "
            f"{ln['umc']:>3} {ln['umc_quantity']:>13.3f} {ln['umt']:>3} {ln['umt_quantity']:>13.3f}  "
            f"{ln['seller_buyer_country']:<5} {ln['origin_destination_country']}"
        )
        for part in wrap(ln["description"], 0.6 * self.size * 70, font=self.font, size=self.size):
            self.row(f"    {part}")
        customs = f"{ln['customs_value_mxn']:.2f}" if export else f"{ln['customs_value_mxn']:.0f}"
        self.row(f"{customs:>21} {ln['paid_price_mxn']:>19.0f} {ln['unit_price']:>15.5f} {ln['value_added']:>15.0f}")
        iva = 0 if export else round(ln["customs_value_mxn"] * 0.16)
        fp = self.rng.choice(["0", "21"])
        for con, tasa, imp in (("IGI", 0.0, 0), ("IVA", 16.0, iva)):
            self.row(f"    {con:<9} {tasa:<10.5f} {'1':>4} {fp:>4} {imp:>12}")
        if self.rng.random() < 0.5:
            code, comp = self.rng.choice([("EC", "1"), ("TL", "USA"), ("NM", "1")])
            self.row(f"    IDENTIF. {code}  {comp}")
        self.row("")

    def draw(self) -> int:
        self.top()
        self.header()
        self.row("")
        self.row("P A R T I D A S".center(self.cols), bold=True)
        self.in_partidas = True
        if self.y > self.s.height - 120:
            self.y = self.s.height  # the header lines open the next page
            self.row("")
        else:
            self.partidas_header()
        for ln in self.lines:
            self.partida(ln)
        self.in_partidas = False
        count, prev = self.f["partida_count"], self.x["prevalidador"]
        self.row(
            f"======== FIN DE PEDIMENTO ======== NUM. TOTAL DE PARTIDAS: {count:>4} ======== CLAVE PREVALIDADOR: {prev}"
        )
        self.row("")
        self.pair(("AGENTE ADUANAL", self.x["broker"][1]))
        self.pair(("RFC AGENTE", self.x["broker_rfc"]), ("PATENTE", self.f["patente"]))
        sig = "".join(self.rng.choice(string.ascii_letters + string.digits + "+/") for _ in range(self.cols))
        self.row(sig)
        self.s.save()
        return self.s.page

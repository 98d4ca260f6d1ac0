"""Pedimento printouts as broker systems really lay out the official form (DOMAIN.md §1b).

Five arrangements, one per broker-system family observed in real text layers; each draws from the
document's random generator what varies between printouts of the same system:

* ``anexo22``: ``LABEL: value`` rows of the official form, money far right on its label's line, a three-row
  partidas header with the per-partida contributions (``CON. TASA T.T. F.P. IMPORTE``) beside the partida's
  first line, identifiers under the values, ``FIN DE PEDIMENTO … NUM. TOTAL DE PARTIDAS: N``.
* ``stacked``: small labels with their values on the line under them, a bank stamp printed in the aduana's
  column, ``Clave en el RFC:``, the name under its label beside ``CURP:``, and the vertically broken
  ``NÚM IDENT IFICA CIÓN COME RCIAL`` column header.
* ``compact``: a two-row partidas header, the UMC code printed tight against its quantity, contributions on
  their own lines under the partida's first line, identifiers and ``OBSERVACIONES A NIVEL PARTIDA``.
* ``glued``: labels glued to their values (``T.OPER:IMP``, ``REGIMEN:ITE``), the number spread over wide gaps,
  no thousands separators, the bank stamp's figures running into the value column, fracción and NICO printed
  together.
* ``ledger``: a landscape sheet, header labels in two columns with values far right, dates at any position,
  the medios de transporte labels on one line and their codes under them, one partida per wide row.

Varied everywhere: label spelling and punctuation, fonts and sizes, thousands separators, column spacing,
noise lines (print date, reference, user, signature), the repeated page header, partidas across pages.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth

from tests.synth.draw import Sheet, dmy, wrap

ARRANGEMENTS = ("anexo22", "stacked", "compact", "glued", "ledger")
FONTS = [("Helvetica", "Helvetica-Bold"), ("Courier", "Courier-Bold"), ("Times-Roman", "Times-Bold")]
IDENTIFIERS = ["MA", "TL", "EC", "EO", "IN", "NM", "PO", "CF", "ES"]


@dataclass
class Style:
    """What one printout draws at random."""

    font: str
    bold: str
    size: float
    thousands: bool
    colon: str
    glued_nico: bool
    tight_umc: bool
    contributions: str  # beside | below | none
    identifiers: bool
    observations: bool
    vertical_id: bool
    noise: bool
    stamp: bool
    brand_row: bool


def _style(arrangement: str, rng: random.Random) -> Style:
    font, bold = rng.choice(FONTS)
    base = {
        "anexo22": dict(thousands=rng.random() < 0.6, contributions="beside", vertical_id=False, tight_umc=False),
        "stacked": dict(thousands=True, contributions=rng.choice(["beside", "below"]), vertical_id=True),
        "compact": dict(thousands=rng.random() < 0.5, contributions="below", tight_umc=True),
        "glued": dict(thousands=False, contributions=rng.choice(["beside", "none"]), glued_nico=True, stamp=True),
        "ledger": dict(thousands=rng.random() < 0.7, contributions="none", vertical_id=False),
    }[arrangement]
    values: dict[str, Any] = dict(
        font=font,
        bold=bold,
        size=rng.choice([6.5, 7.0, 7.5]) if font != "Courier" else 6.5,
        thousands=True,
        colon=rng.choice([":", ":", ""]),
        glued_nico=rng.random() < 0.25,
        tight_umc=rng.random() < 0.3,
        contributions="none",
        identifiers=rng.random() < 0.7,
        observations=rng.random() < 0.4,
        vertical_id=rng.random() < 0.2,
        noise=True,
        stamp=rng.random() < 0.4,
        brand_row=arrangement in ("anexo22", "stacked") and rng.random() < 0.5,
    )
    values.update(base)
    return Style(**values)


def num(value: float, decimals: int, style: Style) -> str:
    return f"{value:,.{decimals}f}" if style.thousands else f"{value:.{decimals}f}"


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random, pages: int) -> int:
    """Draw the printout (``pages``: the page count of a first drawing, for "Página N de M"); returns its
    page count. Part numbers are printed only in a CÓDIGO PRODUCTO row, so the truth keeps them only then."""
    style = _style(arrangement, rng)
    if not style.brand_row:
        for line in truth["lines"]:
            line.pop("part_number", None)
    return _Printout(truth, arrangement, path, rng, style, pages).draw()


class _Printout:
    def __init__(
        self, truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random, style: Style, pages: int
    ) -> None:
        self.f, self.x, self.lines = truth["fields"], truth["extra"], truth["lines"]
        self.arr, self.rng, self.st, self.pages = arrangement, rng, style, pages
        self.s = Sheet(path, wide=arrangement == "ledger", title="Pedimento")
        self.L, self.R = 24.0, self.s.width - 24.0
        self.export = self.f["operation_type"] == "EXP"
        n = self.f["pedimento_number"]
        gap = " " * rng.randint(5, 12) if arrangement == "glued" else "  "
        self.number = f"{n[:2]}  {n[2:4]}  {n[4:8]}{gap}{n[8:]}"
        self.reference = f"{rng.choice('ABCMR')}-{rng.randint(1000, 99999)}/{rng.randint(0, 3)}"
        self.bottom = self.s.height - 46

    # ------------------------------------------------------------------------------------------------
    # drawing helpers

    def t(self, x: float, y: float, text: str, bold: bool = False, size: float | None = None) -> float:
        return self.s.text(x, y, text, font=self.st.bold if bold else self.st.font, size=size or self.st.size)

    def r(self, x: float, y: float, text: str, bold: bool = False) -> None:
        self.s.right(x, y, text, font=self.st.bold if bold else self.st.font, size=self.st.size)

    def lv(self, x: float, y: float, label: str, value: str, glue: bool = False) -> float:
        """A label and its value beside it (glued: no space after the colon)."""
        label = label.rstrip(":") + (":" if glue else self.st.colon)
        if glue:
            return self.t(x, y, label + value, bold=False)
        end = self.t(x, y, label, bold=True)
        # a text layer glues words closer than about a space: only after a colon does that still read
        return self.t(end + self.rng.choice([3, 4, 8, 14] if label.endswith(":") else [7, 8, 14]), y, value)

    def pick(self, *options: str) -> str:
        return self.rng.choice(options)

    @property
    def lh(self) -> float:
        return self.st.size + 3.2

    def noise_top(self) -> float:
        y = 22.0
        if self.st.noise:
            user = "".join(self.rng.choice(string.ascii_uppercase) for _ in range(6))
            self.t(
                self.L,
                y,
                f"Cte: {self.rng.randint(100, 999)}   Usuario: {user}   Hora: 1{self.rng.randint(0, 9)}:2"
                f"{self.rng.randint(0, 9)}",
                size=6,
            )
            y += 10
        return y

    def noise_bottom(self) -> None:
        if not self.st.noise:
            return
        y = self.s.height - 22
        self.t(self.L, y, f"Fecha Impresion: {dmy(self.f['payment_date'])} 11:4{self.rng.randint(0, 9)}", size=6)
        self.t(self.L + 200, y, f"Referencia: {self.reference}", size=6)

    def new_page(self) -> float:
        self.noise_bottom()
        self.s.new_page()
        return self.continuation_header()

    # ------------------------------------------------------------------------------------------------
    # page headers

    def continuation_header(self) -> float:
        y = self.noise_top() + 6
        page = self.pick("Página", "Pagina", "PAGINA")
        self.t(self.L, y, "ANEXO DEL PEDIMENTO", bold=True)
        self.r(self.R, y, f"{page} {self.s.page} de {self.pages}")
        y += self.lh + 2
        if self.arr in ("anexo22", "glued", "compact") or self.rng.random() < 0.5:
            glue = self.arr == "glued"
            end = self.lv(self.L, y, "NUM. PEDIMENTO:", self.number)
            end = self.lv(
                max(end + 12, self.L + 170), y, self.pick("T. OPER", "T.OPER"), self.f["operation_type"], glue
            )
            end = self.lv(end + 12, y, self.pick("CVE. PEDIMENTO", "CVE.PEDIMENTO"), self.f["clave"], glue)
            self.lv(end + 12, y, "RFC", self.f["importer_exporter_rfc"])
            y += self.lh
        self.s.hline(self.L, self.R, y - self.lh + 3)
        return y + 4

    def first_header(self) -> float:
        y = self.noise_top() + 6
        self.t(self.L, y, "PEDIMENTO", bold=True, size=self.st.size + 1.5)
        self.r(self.R, y, f"{self.pick('Página', 'Pagina')} 1 de {self.pages}")
        y += self.lh + 4
        return {
            "anexo22": self._head_anexo22,
            "stacked": self._head_stacked,
            "compact": self._head_anexo22,
            "glued": self._head_glued,
            "ledger": self._head_ledger,
        }[self.arr](y)

    def _money_right(self, y: float, label: str, value: str, x: float) -> None:
        self.t(x, y, label.rstrip(":") + self.st.colon, bold=True)
        self.r(self.R - self.rng.choice([0, 30, 60]), y, value)

    def _head_anexo22(self, y: float) -> float:
        f, x, st = self.f, self.x, self.st
        L = self.L
        end = self.lv(L, y, "NUM. PEDIMENTO:", self.number)
        end = self.lv(end + 14, y, self.pick("T. OPER", "T. OPER:", "TIPO OPER"), f["operation_type"])
        end = self.lv(end + 14, y, self.pick("CVE. PEDIMENTO:", "CVE.PEDIMENTO:"), f["clave"])
        self.lv(end + 14, y, self.pick("REGIMEN:", "RÉGIMEN:", "REGIMEN"), f["regimen"])
        y += self.lh
        end = self.lv(L, y, "DESTINO:", x["destino"])
        end = self.lv(end + 14, y, "TIPO CAMBIO:", f"{f['exchange_rate']:.5f}")
        end = self.lv(end + 14, y, "PESO BRUTO:", num(f["gross_weight_kg"], 3, st))
        self.lv(end + 14, y, self.pick("ADUANA E/S:", "ADUANA E/S"), f["customs_office"])
        y += self.lh
        self.t(L, y, "MEDIOS DE TRANSPORTE", bold=True)
        self.t(L + 130, y, "ENTRADA/SALIDA:  ARRIBO:  SALIDA:", bold=True)
        self._money_right(y, "VALOR DOLARES:", num(f["usd_value"], 2, st), L + 300)
        y += self.lh
        code = x["transport_code"]
        self.t(L + 140, y, code)
        self.t(L + 190, y, code)
        self.t(L + 225, y, code)
        self._money_right(y, "VALOR ADUANA:", num(f["customs_value_mxn"], 0, st), L + 300)
        y += self.lh
        self._money_right(y, "PRECIO PAGADO/VALOR COMERCIAL:", num(f["commercial_value_mxn"], 0, st), L + 250)
        y += self.lh + 4
        return self._importer_dates(y)

    def _importer_dates(self, y: float, rfc_label: str = "RFC:") -> float:
        f, x, L = self.f, self.x, self.L
        self.t(L, y, "DATOS DEL IMPORTADOR / EXPORTADOR", bold=True)
        y += self.lh
        end = self.lv(L, y, rfc_label, f["importer_exporter_rfc"])
        self.lv(end + 30, y, "CURP:", "")
        y += self.lh
        if self.rng.random() < 0.5:
            self.t(L, y, "NOMBRE, DENOMINACION O RAZON SOCIAL:", bold=True)
            y += self.lh
            self.t(L, y, f["importer_exporter_name"])
            self.t(L + 330, y, "CURP:", bold=True)
        else:
            self.lv(L, y, "NOMBRE, DENOMINACION O RAZON SOCIAL:", f["importer_exporter_name"])
        y += self.lh
        self.lv(L, y, "DOMICILIO:", x["importer_address"].upper())
        y += self.lh + 4
        return self._dates(y)

    def _dates(self, y: float) -> float:
        f, L = self.f, self.L
        dx = self.rng.choice([0, 60, 180, 300])
        self.t(L + dx, y, "FECHAS", bold=True)
        first = ("PRESENTACION", f["presentation_date"]) if self.export else ("ENTRADA", f["entry_date"])
        for label, value in (first, ("PAGO", f["payment_date"])):
            y += self.lh
            self.t(L + dx, y, label)
            self.t(L + dx + 70, y, dmy(value))
        y += self.lh + 4
        return self._documents(y)

    def _documents(self, y: float) -> float:
        x, L = self.x, self.L
        self.t(L, y, "NUM. CFDI O DOCUMENTO EQUIVALENTE", bold=True)
        self.t(L + 190, y, "FECHA", bold=True)
        self.t(L + 250, y, "INCOTERM", bold=True)
        self.t(L + 310, y, "MONEDA FACT", bold=True)
        for inv in x["invoices"]:
            y += self.lh
            self.t(L, y, inv["number"])
            self.t(L + 190, y, inv["date"].strftime("%d/%m/%Y"))
            self.t(L + 250, y, inv["incoterm"])
            self.t(L + 310, y, inv["currency"])
            y += self.lh
            self.lv(L, y, "ACUSE DE VALOR (COVE):", inv["cove"])
        for guide, kind in x["guides"]:
            y += self.lh
            self.lv(L, y, "NUMERO (GUIA/ORDEN EMBARQUE)/ID:", f"{guide} {kind}")
        for c in x["containers"]:
            y += self.lh
            self.lv(L, y, "NUMERO/TIPO:", f"{c} / 1")
        y += self.lh + 2
        self.t(L, y, "CLAVE", bold=True)
        self.t(L + 60, y, "COMPL. IDENTIFICADOR 1", bold=True)
        self.t(L + 200, y, "COMPL. IDENTIFICADOR 2", bold=True)
        idents = [("ED", f"0{self.rng.randint(10**12, 10**13 - 1)}")]
        if x["program"]:
            idents.append(("IM", x["program"]))
        self.rng.shuffle(idents)
        for clave, c1 in idents:
            y += self.lh
            self.t(L, y, clave)
            self.t(L + 60, y, c1)
        self.s.hline(L, self.R, y + 4)
        return y + self.lh + 6

    def _head_stacked(self, y: float) -> float:
        f, x, st, L = self.f, self.x, self.st, self.L
        small = st.size - 0.5

        def stack(cells: list[tuple[float, str, str]], y: float, stamp_at: int | None = None) -> float:
            for cx, label, value in cells:
                self.t(L + cx, y, label, bold=True, size=small)
                self.t(L + cx, y + self.lh, value)
            if stamp_at is not None:
                cx = cells[stamp_at][0]
                self.t(L + cx, y + 2 * self.lh, "***PAGO ELECTRONICO***", bold=True, size=small)
                self.t(
                    L + cx, y + 3 * self.lh, self.pick("BANCO NACIONAL DE MEXICO", "BBVA MEXICO", "BANORTE"), size=small
                )
                return y + 4 * self.lh + 2
            return y + 2 * self.lh + 2

        y = stack(
            [
                (0, "NUM. PEDIMENTO:", self.number),
                (140, self.pick("T. OPER", "T.OPER:"), f["operation_type"]),
                (200, self.pick("CVE. PEDIMENTO:", "CVE PEDIMENTO"), f["clave"]),
                (280, self.pick("REGIMEN:", "RÉGIMEN"), f["regimen"]),
            ],
            y,
        )
        y = stack(
            [
                (0, "TIPO CAMBIO:", f"{f['exchange_rate']:.5f}"),
                (90, "PESO BRUTO:", num(f["gross_weight_kg"], 3, st)),
                (190, "ADUANA E/S:", f["customs_office"]),
                (300, "DESTINO/ORIGEN:", x["destino"]),
            ],
            y,
            stamp_at=2 if st.stamp or self.rng.random() < 0.7 else None,
        )
        y = stack(
            [
                (0, "VALOR DOLARES:", num(f["usd_value"], 2, st)),
                (120, "VALOR ADUANA:", num(f["customs_value_mxn"], 0, st)),
                (240, "PRECIO PAGADO/VALOR COMERCIAL:", num(f["commercial_value_mxn"], 0, st)),
            ],
            y,
        )
        return self._importer_dates(y + 2, rfc_label="Clave en el RFC:")

    def _head_glued(self, y: float) -> float:
        f, x, st, L = self.f, self.x, self.st, self.L
        end = self.lv(L, y, "NUM. PEDIMENTO:", self.number)
        end = self.lv(end + 10, y, "T.OPER", f["operation_type"], glue=True)
        end = self.lv(end + 10, y, "CVE.PEDIMENTO", f["clave"], glue=self.rng.random() < 0.5)
        self.lv(end + 10, y, self.pick("REGIMEN", "RÉGIMEN"), f["regimen"], glue=True)
        y += self.lh
        end = self.lv(L, y, "TIPO CAMBIO", f"{f['exchange_rate']:.5f}", glue=True)
        end = self.lv(end + 12, y, "PESO BRUTO", num(f["gross_weight_kg"], 3, st), glue=True)
        self.lv(end + 12, y, "ADUANA E/S", f["customs_office"], glue=self.rng.random() < 0.5)
        y += self.lh
        # the bank stamp's figures run into the value column: the value is the one at the label's column end
        stamp = [f"{self.rng.randint(10000, 999999)}.00{self.rng.randint(10000, 999999)}.00", ""]
        for label, value in (
            ("VALOR DOLARES:", num(f["usd_value"], 2, st)),
            ("VALOR ADUANA:", num(f["customs_value_mxn"], 0, st)),
            ("PRECIO PAGADO/VALOR COMERCIAL:", num(f["commercial_value_mxn"], 0, st)),
        ):
            self.t(L, y, label, bold=True)
            if st.stamp and label == "VALOR ADUANA:":
                self.t(L + 250, y, stamp[0])
            self.r(L + 420, y, value)
            y += self.lh
        self.t(L, y, "MEDIOS DE TRANSPORTE", bold=True)
        y += self.lh
        self.t(L, y, "ENTRADA/SALIDA: ARRIBO: SALIDA:", bold=True)
        y += self.lh
        for k in range(3):
            self.t(L + 10 + 45 * k, y, x["transport_code"])
        y += self.lh + 4
        return self._importer_dates(y, rfc_label=self.pick("RFC:", "Clave en el RFC:"))

    def _head_ledger(self, y: float) -> float:
        f, x, st, L = self.f, self.x, self.st, self.L
        left = [
            ("NUM. PEDIMENTO:", self.number),
            (self.pick("T. OPER:", "TIPO OPER:"), f["operation_type"]),
            (self.pick("CVE. PEDIMENTO:", "CLAVE DE PEDIMENTO:"), f["clave"]),
            (self.pick("REGIMEN:", "RÉGIMEN:"), f["regimen"]),
            (self.pick("ADUANA E/S:", "ADUANA ENTRADA/SALIDA:"), f["customs_office"]),
            ("TIPO CAMBIO:", f"{f['exchange_rate']:.4f}"),
        ]
        right = [
            ("PESO BRUTO:", num(f["gross_weight_kg"], 3, st)),
            ("VALOR DOLARES:", num(f["usd_value"], 2, st)),
            ("VALOR ADUANA:", num(f["customs_value_mxn"], 0, st)),
            ("PRECIO PAGADO/VALOR COMERCIAL:", num(f["commercial_value_mxn"], 0, st)),
            ("DESTINO:", x["destino"]),
            ("RFC:", f["importer_exporter_rfc"]),
        ]
        mid = self.s.width / 2
        for (a, av), (b, bv) in zip(left, right, strict=True):
            self.t(L, y, a, bold=True)
            self.r(mid - 40, y, av)
            self.t(mid, y, b, bold=True)
            self.r(self.R, y, bv)
            y += self.lh
        y += 2
        self.t(L, y, "ENTRADA/SALIDA:    ARRIBO:    SALIDA:", bold=True)
        y += self.lh
        for k in range(3):
            self.t(L + 20 + 60 * k, y, x["transport_code"])
        y += self.lh + 2
        self.t(L, y, "NOMBRE, DENOMINACION O RAZON SOCIAL:", bold=True)
        y += self.lh
        self.t(L, y, f["importer_exporter_name"])
        self.t(mid, y, "CURP:", bold=True)
        y += self.lh + 4
        return self._dates(y)

    # ------------------------------------------------------------------------------------------------
    # partidas

    def columns(self) -> list[list[tuple[str, str, float]]]:
        """Header rows of (key, label, x)."""
        L, p = self.L, self.pick
        sp = self.rng.uniform(0.94, 1.05) if self.arr != "ledger" else self.rng.uniform(0.93, 1.0)
        if self.arr == "ledger":
            cols = [
                ("sequence", "SEC", 0),
                ("tariff_code", "FRACCION", 22),
                ("nico", p("NICO", "SUBD."), 70),
                ("umc", "UMC", 100),
                ("umc_quantity", p("CANTIDAD UMC", "CANT. UMC"), 122),
                ("umt", "UMT", 190),
                ("umt_quantity", p("CANTIDAD UMT", "CANT. UMT"), 212),
                ("seller_buyer_country", "P.V/C", 280),
                ("origin_destination_country", "P.O/D", 310),
                ("description", "DESCRIPCION", 342),
                ("customs_value_mxn", p("VAL. ADU/USD", "VAL ADU/USD"), 520),
                ("paid_price_mxn", "IMP. PRECIO PAG.", 580),
                ("unit_price", "PRECIO UNIT.", 650),
                ("value_added", "VAL. AGREG.", 710),
            ]
            return [[(k, lab, L + x * sp) for k, lab, x in cols]]
        row0 = [
            ("sequence", "SEC", 0),
            ("tariff_code", "FRACCION", 24),
            ("nico", p("SUBD.", "SUBD./NICO", "NICO"), 72),
            ("vinc", "VINC.", 108),
            ("method", p("MET VAL", "MET. VAL."), 132),
            ("umc", "UMC", 170),
            ("umc_quantity", p("CANTIDAD UMC", "CANT. UMC"), 192 if not self.st.tight_umc else 189),
            ("umt", "UMT", 250),
            ("umt_quantity", p("CANTIDAD UMT", "CANT. UMT"), 272),
            ("seller_buyer_country", p("P. V/C", "P.V/C"), 330),
            ("origin_destination_country", p("P. O/D", "P.O/D"), 362),
        ]
        row1 = [("description", p("DESCRIPCION (RENGLONES VARIABLES SEGUN SE REQUIERA)", "DESCRIPCION"), 24)]
        row2 = [
            ("customs_value_mxn", p("VAL ADU/USD", "VAL. ADU/USD", "VAL. ADU / USD"), 24),
            ("paid_price_mxn", p("IMP. PRECIO PAG.", "PRECIO PAGADO"), 110),
            ("unit_price", "PRECIO UNIT.", 192),
            ("value_added", "VAL. AGREG.", 272),
        ]
        rows = [row0, row2] if self.arr == "compact" else [row0, row1, row2]
        if self.st.contributions == "beside":
            shift = 30 if self.st.vertical_id else 0
            rows[0] = rows[0] + [
                ("_con", "CON.", 392 + shift),
                ("_tasa", "TASA", 410 + shift),
                ("_tt", "T.T.", 468 + shift),
                ("_fp", "F.P.", 482 + shift),
                ("_importe", "IMPORTE", 498 + shift),
            ]
        if self.st.brand_row:
            rows.append([("brand", "MARCA", 24), ("model", "MODELO", 110), ("part_number", "CODIGO PRODUCTO", 250)])
        return [self._spread([(k, lab, L + x * sp) for k, lab, x in row]) for row in rows]

    def _spread(self, row: list[tuple[str, str, float]]) -> list[tuple[str, str, float]]:
        """Push a header label right when the one before it would run into it (labels stay apart, as printed)."""
        out: list[tuple[str, str, float]] = []
        end = 0.0
        for key, label, x in row:
            x = max(x, end + 6)
            out.append((key, label, x))
            end = x + stringWidth(label, self.st.bold, self.st.size - 0.5)
        return out

    def partidas_header(self, y: float) -> float:
        self.t(self.s.width / 2 - 20, y, "PARTIDAS", bold=True)
        y += self.lh
        # the same header on every page
        rows = self._rows = getattr(self, "_rows", None) or self.columns()
        self.cols = {k: x for row in rows for k, _lab, x in row}
        vertical = ["NÚM", "IDENT", "IFICA", "CIÓN", "COME", "RCIAL"] if self.st.vertical_id else []
        vx = self.cols["origin_destination_country"] + 34
        k = 0
        for row in rows:
            for key, label, x in row:
                if label:
                    self.t(x, y, label, bold=True, size=self.st.size - 0.5)
            if k < len(vertical):
                self.t(vx, y, vertical[k], bold=True, size=self.st.size - 0.5)
                k += 1
            y += self.lh - 1
        while k < len(vertical):
            self.t(vx, y, vertical[k], bold=True, size=self.st.size - 0.5)
            k += 1
            y += self.lh - 1
        if self.arr == "compact":
            self.t(self.L + 24, y, "DESCRIPCION", bold=True, size=self.st.size - 0.5)
            y += self.lh - 1
        self.s.hline(self.L, self.R, y - self.lh + 5)
        return y + 2

    def partida(self, ln: dict[str, Any], y: float) -> float:
        st, c, export = self.st, self.cols, self.export
        fr = ln["tariff_code"] + ln["nico"] if st.glued_nico else ln["tariff_code"]
        qty_umc = num(ln["umc_quantity"], 3, st)
        qty_umt = num(ln["umt_quantity"], 3, st)
        if self.arr == "ledger":
            desc = wrap(ln["description"], c["customs_value_mxn"] - c["description"] - 12, font=st.font, size=st.size)
            vals = [
                ("sequence", str(ln["sequence"])),
                ("tariff_code", fr),
                ("umc", ln["umc"]),
                ("umt", ln["umt"]),
                ("seller_buyer_country", ln["seller_buyer_country"]),
                ("origin_destination_country", ln["origin_destination_country"]),
                ("description", desc[0]),
            ]
            if not st.glued_nico:
                vals.append(("nico", ln["nico"]))
            for key, v in vals:
                self.t(c[key], y, v)
            self.r(c["umc"] + 64, y, qty_umc)
            self.r(c["umt"] + 64, y, qty_umt)
            self.r(c["customs_value_mxn"] + 52, y, num(ln["customs_value_mxn"], 2 if export else 0, st))
            self.r(c["paid_price_mxn"] + 60, y, num(ln["paid_price_mxn"], 0, st))
            self.r(c["unit_price"] + 54, y, f"{ln['unit_price']:.5f}")
            self.r(c["value_added"] + 40, y, num(ln["value_added"], 0, st))
            for d in desc[1:]:
                y += self.lh
                self.t(c["description"], y, d)
            return y + self.lh + 3
        # first line: codes, quantities, countries (and contributions beside)
        self.t(c["sequence"], y, str(ln["sequence"]))
        self.t(c["tariff_code"], y, fr)
        if not st.glued_nico:
            self.t(c["nico"], y, ln["nico"])
        self.t(c["vinc"], y, self.pick("0", "1", "2"))
        self.t(c["method"], y, "1")
        if st.tight_umc:
            # the code right against its quantity: "6 6000.000"
            self.r(c["umc_quantity"] - 3, y, ln["umc"])
            self.t(c["umc_quantity"] + 1, y, qty_umc)
        else:
            self.t(c["umc"], y, ln["umc"])
            self.t(c["umc_quantity"], y, qty_umc)
        self.t(c["umt"], y, ln["umt"])
        self.t(c["umt_quantity"], y, qty_umt)
        self.t(c["seller_buyer_country"], y, ln["seller_buyer_country"])
        self.t(c["origin_destination_country"], y, ln["origin_destination_country"])
        contributions = [
            ("IVA", "16.0000000000", round(ln["customs_value_mxn"] * 0.16) if not export else 0),
            ("IGI", "0.0000000000", 0),
        ]
        if self.rng.random() < 0.3:
            contributions.append(("DTA", "0.0080000000", round(ln["customs_value_mxn"] * 0.008)))
        if st.vertical_id:
            self.t(c["origin_destination_country"] + 36, y, f"{self.rng.randint(1, 99)}")
        if st.contributions == "beside":
            for k, (con, tasa, imp) in enumerate(contributions):
                yy = y + k * self.lh
                self.t(c["_con"], yy, con)
                self.t(c["_tasa"], yy, tasa)
                self.t(c["_tt"], yy, "1")
                self.t(c["_fp"], yy, self.pick("0", "9", "21"))
                self.r(min(c["_importe"] + 28, self.R), yy, str(imp))
        y += self.lh
        if st.contributions == "below":
            for con, tasa, imp in contributions:
                self.t(c["umt"], y, f"{con} {tasa} 1 0 {imp}")
                y += self.lh
        desc = wrap(ln["description"], 260, font=st.font, size=st.size)
        for d in desc:
            self.t(c["tariff_code"], y, d)
            y += self.lh
        if st.contributions == "beside":
            y = max(y, y + (len(contributions) - 1 - len(desc)) * self.lh)
        # values line
        keys = ("customs_value_mxn", "paid_price_mxn", "unit_price", "value_added")
        amounts = [
            num(ln["customs_value_mxn"], 2 if export else 0, st),
            num(ln["paid_price_mxn"], 0, st),
            f"{ln['unit_price']:.5f}",
            num(ln["value_added"], 0, st),
        ]
        for key, v in zip(keys, amounts, strict=True):
            self.t(c[key], y, v)
        y += self.lh
        if st.brand_row:
            self.t(c["brand"], y, "SIN MARCA")
            self.t(c["model"], y, "SIN MODELO")
            self.t(c["part_number"], y, ln["part_number"])
            y += self.lh
        return y

    def identifiers(self, ln: dict[str, Any], y: float) -> float:
        st, L = self.st, self.L
        if st.identifiers:
            self.t(L + 24, y, "IDENTIF.", bold=True)
            self.t(L + 80, y, "COMPLEMENTO 1", bold=True)
            self.t(L + 200, y, "COMPLEMENTO 2", bold=True)
            y += self.lh
            for code in self.rng.sample(IDENTIFIERS, self.rng.randint(1, 3)):
                comp = {
                    "PO": f"{self.rng.randint(4500000, 4599999)} {self.x['supplier'][0]}",
                    "TL": "USA",
                    "EC": "1",
                    "EO": "1",
                    "MA": "",
                    "NM": "1",
                    "CF": "S",
                    "ES": "2",
                }.get(code, "")
                self.t(L + 24, y, code)
                self.t(L + 80, y, comp)
                y += self.lh
        if st.observations:
            self.t(L + 24, y, "OBSERVACIONES A NIVEL PARTIDA", bold=True)
            y += self.lh
            self.t(
                L + 24,
                y,
                f"FACT {self.x['invoices'][0]['number']} N.P. {ln.get('part_number', 'S/N')} "
                f"CANT. {ln['umc_quantity']:.0f}",
            )
            y += self.lh
        return y

    def fin(self, y: float) -> float:
        """The closing ``FIN DE PEDIMENTO … NUM. TOTAL DE PARTIDAS: N`` line; returns the y under it."""
        count = self.f["partida_count"]
        prev = self.x["prevalidador"]
        fin = self.pick(
            f"***********FIN DE PEDIMENTO ******* NUM. TOTAL DE PARTIDAS: {count} ***** CLAVE PREVALIDADOR: {prev}",
            f"******** FIN DE PEDIMENTO ******** NUM. TOTAL DE PARTIDAS:   {count}   CLAVE PREVALIDADOR: {prev} ****",
        )
        self.t(self.L, y + 4, fin, bold=True)
        return y + self.lh + 8

    def draw(self) -> int:
        y = self.first_header()
        y = self.partidas_header(y)
        for ln in self.lines:
            extra = (4 + (len(ln["description"]) // 60)) * self.lh
            if y + extra > self.bottom:
                y = self.partidas_header(self.new_page())
            y = self.partida(ln, y)
            if self.arr != "ledger":
                if y + 3 * self.lh > self.bottom and self.rng.random() < 0.5:
                    # the identifiers of this partida open the next page
                    y = self.partidas_header(self.new_page())
                y = self.identifiers(ln, y)
            self.s.hline(self.L, self.R, y - self.lh + 5, 0.3)
            y += 3
        if y + 5 * self.lh > self.bottom:
            y = self.new_page()
        y = self.fin(y)
        self.t(self.L, y, "AGENTE ADUANAL, APODERADO ADUANAL O DE ALMACEN", bold=True)
        y += self.lh
        self.lv(self.L, y, "NOMBRE O RAZ. SOC:", self.x["broker"][1])
        y += self.lh
        self.lv(self.L, y, "RFC:", self.x["broker_rfc"])
        self.lv(self.L + 200, y, "PATENTE O AUTORIZACION:", self.f["patente"])
        y += self.lh
        if self.st.noise:
            sig = "".join(self.rng.choice(string.ascii_letters + string.digits + "+/") for _ in range(110))
            self.t(self.L, y, sig, size=5)
        self.noise_bottom()
        self.s.save()
        return self.s.page

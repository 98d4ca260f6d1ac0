"""Round 16 of the held-out CFDI printouts (see ``cfdi_printouts``), modelled on two more printouts of an export
Ingreso CFDI with the Comercio Exterior complement.

Facts, not copies, from public sources: SAT's Anexo 20 (CFDI 4.0) and the Comercio Exterior 2.0 complement's schema
(one ``Mercancia`` per ``NoIdentificacion`` with its ``FraccionArancelaria``, ``CantidadAduana``, ``UnidadAduana``
and ``ValorDolares``); the SAT's and the certification providers' web viewers that show a stamped CFDI as stacked
cards on a phone, and the phones' "print to PDF" of a web page, which makes ONE page as tall as the whole page
(no page breaks: the page's height is the content's); customs brokers' requests that an exporter's printout sum the
goods by tariff fraction (the pedimento declares one partida per fracción, so brokers group the complement's
mercancías by it).

* ``alto``: a CFDI saved as PDF from a phone's browser: a single narrow page several times the height of a letter
  page; the phone's status line and the viewer's address bar at the top (``11:42``, ``portal…/verificacion``); the
  CFDI as cards one under the other, each a small grey caption over its value (``Folio fiscal``, ``Serie``,
  ``Folio``, ``Fecha de emisión`` as ``27 ago. 2025, 11:06:16``, ``Tipo de comprobante``, ``Moneda``, ``Tipo de
  cambio``), the issuer's and receiver's cards, one card per concepto (``Concepto 1 de 4`` with ``Descripción``,
  ``No. identificación``, ``Clave prod./serv.``, ``Cantidad``, ``Clave unidad``, ``Valor unitario``, ``Importe`` in
  a two-column grid, then a ``Comercio exterior`` sub-card with ``Fracción arancelaria``, ``Cantidad aduana``,
  ``Unidad aduana``, ``Valor dólares``), the totals card, the stamp's card with the seals broken to the phone's
  width and the QR; the browser's print footer with the page's address and ``1/1``.
* ``porfraccion``: an exporter's template that, after the conceptos (``# | No. identificación | Descripción |
  Fracción | Cantidad | Clave unidad | Clave prod./serv. | Valor unitario | Importe``) and the complement's mercancías
  table (``No. identificación | Fracción arancelaria | Cantidad aduana | Unidad aduana | Valor unitario aduana | Valor
  dólares``), prints a ``RESUMEN POR FRACCIÓN ARANCELARIA`` for the customs broker: one row per fracción with the
  number of conceptos, the summed customs quantity and the summed dollar value (sums that are neither a concepto's
  nor the CFDI's when two conceptos share a fracción), ``Total USD`` under it; the header with ``Serie-Folio`` run
  together (``EXP-1234``), ``Fecha de emisión`` as ``27/08/2025 11:06:16``; ``Página 1 de 2`` at every foot; the stamp,
  seals and QR after the summary.

Both print every concepto's part number, fracción and customs data (the truth keeps them).
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from tests.synth.cfdi_printouts import Style
from tests.synth.cfdi_round4 import _qr
from tests.synth.cfdi_round12 import words
from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("alto", "porfraccion")
MESES = ["ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.", "sept.", "oct.", "nov.", "dic."]


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random, st: Style) -> int:
    """Draw the printout; returns its page count (drawn twice: the tall page's height, the pages' count)."""
    draw = _alto if arrangement == "alto" else _porfraccion
    state = rng.getstate()
    first = draw(truth, path, rng, st, 0)
    rng.setstate(state)
    drawn = draw(truth, path, rng, st, first)
    return 1 if arrangement == "alto" else drawn


def in_letters(total: float) -> str:
    cents = round(total * 100)
    return f"({words(cents // 100)} DÓLARES {cents % 100:02d}/100 USD)"


class Tall(Sheet):
    """One page of a given size (a phone's print of a whole web page)."""

    def __init__(self, path: Path, width: float, height: float) -> None:
        self.size = (width, height)
        self.width, self.height = width, height
        self.canvas = Canvas(str(path), pagesize=self.size, invariant=1)
        self.canvas.setTitle("CFDI")
        self.canvas.setAuthor("synthetic")
        self.page = 1


# --------------------------------------------------------------------------------------------------------


def _alto(truth: dict[str, Any], path: Path, rng: random.Random, st: Style, height: int) -> int:
    """``height``: the content's height found by a first drawing (0 on the first); returns it (pages are 1)."""
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    W = 396.0
    s = Tall(path, W, float(height or 20000))
    L, R = 14.0, W - 14.0
    regular, bold = st.regular, st.bold
    size, cap = 8.4, 6.2
    d = date.fromisoformat(f["issue_date"])
    when = f"{d.day} {MESES[d.month - 1]} {d.year}, {x['time']}"
    host = rng.choice(["verificacfdi.facturaelectronica.sat.gob.mx", "portal.timbrado.mx/consulta", "cfdi.app/visor"])
    clock = f"{rng.randint(8, 22)}:{rng.randint(0, 59):02d}"

    def card(y: float, title: str, pairs: list[tuple[str, str]], cols: int = 2) -> float:
        rows = (len(pairs) + cols - 1) // cols
        heights = []
        for r in range(rows):
            hh = 0
            for c in range(cols):
                k = r * cols + c
                if k < len(pairs):
                    hh = max(hh, len(wrap(pairs[k][1], (R - L - 20) / cols - 6, font=regular, size=size)))
            heights.append(hh)
        top = y
        body = 18 + sum(12 + 10 * hh for hh in heights)
        s.shade(L, top, R, top + body, 0.97)
        s.box(L, top, R, top + body, 0.4)
        s.text(L + 8, top + 12, title, font=bold, size=size + 1)
        yy = top + 24
        for r in range(rows):
            for c in range(cols):
                k = r * cols + c
                if k >= len(pairs):
                    continue
                cx = L + 8 + c * (R - L - 16) / cols
                s.canvas.setFillGray(0.45)
                s.text(cx, yy, pairs[k][0], font=regular, size=cap)
                s.canvas.setFillGray(0)
                for j, part in enumerate(wrap(pairs[k][1], (R - L - 20) / cols - 6, font=regular, size=size)):
                    s.text(cx, yy + 10 + 10 * j, part, font=regular, size=size)
            yy += 12 + 10 * heights[r]
        return top + body + 10

    s.text(L, 14, clock, font=bold, size=8)
    s.right(R, 14, f"5G  {rng.randint(20, 99)}%", font=regular, size=7)
    s.shade(L, 20, R, 34, 0.9)
    s.text(L + 6, 30, host, font=regular, size=7)
    y = 50.0
    s.centre(W / 2, y, "Comprobante Fiscal Digital por Internet", font=bold, size=10)
    y += 14
    y = card(
        y,
        "Comprobante",
        [
            ("Folio fiscal", f["uuid"]),
            ("Estado", "Vigente"),
            ("Serie", f["series"]),
            ("Folio", f["folio"]),
            ("Fecha de emisión", when),
            ("Versión", f["cfdi_version"]),
            ("Tipo de comprobante", "I - Ingreso"),
            ("Exportación", "02 - Definitiva con clave A1" if f["cfdi_version"].startswith("4") else "-"),
            ("Moneda", f["currency"]),
            ("Tipo de cambio", f"{f['exchange_rate']:.4f}"),
        ],
    )
    y = card(y, "Emisor", [("Nombre", f["issuer_name"]), ("RFC", f["issuer_rfc"]), ("Lugar de expedición", x["zip"])])
    y = card(
        y,
        "Receptor",
        [
            ("Nombre", f["receiver_name"]),
            ("RFC", f["receiver_rfc"]),
            ("NumRegIdTrib", x["receiver_tax_id"]),
            ("Residencia fiscal", "USA"),
        ],
    )
    for k, ln in enumerate(lines, start=1):
        y = card(
            y,
            f"Concepto {k} de {len(lines)}",
            [
                ("Descripción", ln["description"]),
                ("No. identificación", ln["part_number"]),
                ("Clave prod./serv.", ln["product_key"]),
                ("Cantidad", st.qty(ln["quantity"])),
                ("Clave unidad", ln["unit"]),
                ("Valor unitario", st.money(ln["unit_price"])),
                ("Importe", st.money(ln["amount"])),
            ],
        )
        y = card(
            y - 6,
            "Comercio exterior",
            [
                ("Fracción arancelaria", ln["tariff_code"]),
                ("Cantidad aduana", f"{ln['customs_quantity']:,.3f}"),
                ("Unidad aduana", ln["customs_unit"]),
                ("Valor dólares", f"{ln['usd_value']:,.2f}"),
            ],
            cols=4,
        )
    y = card(
        y,
        "Totales",
        [
            ("Subtotal", st.money(f["subtotal"])),
            ("IVA 0%", st.money(0.0)),
            ("Total", st.money(f["total"])),
            ("Total USD (Comercio exterior)", f"{sum(ln['usd_value'] for ln in lines):,.2f}"),
        ],
    )
    s.text(L, y, in_letters(f["total"]), font=regular, size=cap + 0.4)
    y += 14
    y = card(
        y,
        "Timbre fiscal digital",
        [
            ("Fecha de certificación", f"{d.day} {MESES[d.month - 1]} {d.year}, {x['stamp_time']}"),
            ("RFC del PAC", x["pac_rfc"]),
            ("No. de certificado del emisor", x["certificate"]),
            ("No. de certificado del SAT", x["sat_certificate"]),
        ],
    )
    for label, text in (("Sello digital del CFDI", x["seal"]), ("Sello del SAT", x["seal"][::-1])):
        s.text(L, y, label, font=bold, size=cap + 0.6)
        y += 9
        chunk = 62
        for j in range(0, len(text), chunk):
            s.text(L, y, text[j : j + chunk], font="Courier", size=6)
            y += 7.5
        y += 6
    _qr(s, W / 2 - 42, y, rng)
    y += 96
    s.text(L, y, f"https://{host}?id={f['uuid']}", font=regular, size=5.6)
    s.right(R, y, "1/1", font=regular, size=5.6)
    y += 12
    if height:
        s.save()
        return height
    s.canvas.save()
    return int(y) + 1


# --------------------------------------------------------------------------------------------------------


def _porfraccion(truth: dict[str, Any], path: Path, rng: random.Random, st: Style, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, title="CFDI")
    L, R = 28.0, s.width - 28.0
    M = (L + R) / 2
    size, bold, regular = st.size - 0.6, st.bold, st.regular
    d = date.fromisoformat(f["issue_date"])
    when = f"{d.day:02d}/{d.month:02d}/{d.year} {x['time']}"

    def lv(x0: float, y: float, label: str, value: str) -> None:
        end = s.text(x0, y, label, font=bold, size=size)
        s.text(end + 4, y, value, font=regular, size=size)

    def foot() -> None:
        s.text(L, s.height - 16, "Este documento es una representación impresa de un CFDI", font=regular, size=6)
        s.right(R, s.height - 16, f"Página {s.page} de {pages}", font=regular, size=6)

    def head() -> float:
        s.text(L, 30, f["issuer_name"], font=bold, size=9)
        s.text(L, 40, f"RFC: {f['issuer_rfc']}   Lugar de expedición: {x['zip']}", font=regular, size=size)
        s.box(M + 40, 20, R, 62, 0.6)
        s.centre((M + 40 + R) / 2, 29, "FACTURA DE EXPORTACIÓN", font=bold, size=size + 0.5)
        lv(M + 44, 39, "Serie-Folio:", f"{f['series']}-{f['folio']}")
        lv(M + 44, 48, "Folio fiscal:", f["uuid"])
        lv(M + 44, 57, "Fecha de emisión:", when)
        return 76.0

    y = head()
    lv(L, y, "Cliente:", f["receiver_name"])
    y += 9
    lv(L, y, "RFC:", f["receiver_rfc"])
    lv(L + 140, y, "Núm. reg. id. trib.:", x["receiver_tax_id"])
    lv(L + 320, y, "Uso CFDI:", "S01" if f["cfdi_version"].startswith("4") else "P01")
    y += 9
    lv(L, y, "Moneda:", f["currency"])
    lv(L + 140, y, "Tipo de cambio:", f"{f['exchange_rate']:.4f}")
    lv(L + 320, y, "Versión:", f["cfdi_version"])
    y += 9
    lv(L, y, "Tipo de comprobante:", "I - Ingreso")
    y += 16
    cols = [
        ("#", L + 2, "l"),
        ("No. identificación", L + 14, "l"),
        ("Descripción", L + 82, "l"),
        ("Fracción", L + 250, "l"),
        ("Cantidad", L + 330, "r"),
        ("C. unidad", L + 336, "l"),
        ("Clave SAT", L + 374, "l"),
        ("V. unitario", L + 470, "r"),
        ("Importe", R - 2, "r"),
    ]

    def header(y: float) -> float:
        s.shade(L, y - 9, R, y + 4, 0.85)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.6)
        return y + 14

    y = header(y)
    for k, ln in enumerate(lines, start=1):
        desc = wrap(ln["description"], 160, font=regular, size=size)
        h = 9 * len(desc) + 4
        if y + h > s.height - 50:
            foot()
            s.new_page()
            y = header(head())
        cells = [
            str(k),
            ln["part_number"],
            None,
            ln["tariff_code"],
            st.qty(ln["quantity"]),
            ln["unit"],
            ln["product_key"],
            st.money(ln["unit_price"]),
            st.money(ln["amount"]),
        ]
        for (_label, cx, align), text in zip(cols, cells, strict=True):
            if text is None:
                for j, part in enumerate(desc):
                    s.text(cx, y + 9 * j, part, font=regular, size=size)
            else:
                (s.right if align == "r" else s.text)(cx, y, text, font=regular, size=size)
        y += h
    y += 4
    for k, (label, value) in enumerate(
        [("Subtotal:", st.money(f["subtotal"])), ("IVA 0%:", st.money(0.0)), ("Total:", st.money(f["total"]))]
    ):
        s.right(R - 80, y + 10 * k, label, font=bold, size=size)
        s.right(R - 2, y + 10 * k, value, font=bold if k == 2 else regular, size=size)
    s.text(L, y, in_letters(f["total"]), font=regular, size=size - 0.5)
    y += 40

    def need(h: float) -> float:
        if y + h > s.height - 50:
            foot()
            s.new_page()
            return head()
        return y

    y = need(40)
    s.text(L, y, "COMPLEMENTO PARA COMERCIO EXTERIOR 2.0", font=bold, size=size + 0.5)
    y += 10
    lv(L, y, "Clave de pedimento:", "A1")
    lv(L + 120, y, "Incoterm:", x["incoterm"])
    lv(L + 210, y, "Tipo de cambio USD:", f"{f['exchange_rate']:.4f}")
    total_usd = sum(ln["usd_value"] for ln in lines)
    lv(L + 360, y, "Total USD:", f"{total_usd:,.2f}")
    y += 14
    mcols = [
        ("No. identificación", L + 2, "l"),
        ("Fracción arancelaria", L + 100, "l"),
        ("Cantidad aduana", L + 270, "r"),
        ("Unidad aduana", L + 280, "l"),
        ("Valor unitario aduana", L + 430, "r"),
        ("Valor dólares", R - 2, "r"),
    ]
    s.shade(L, y - 9, R, y + 4, 0.9)
    for label, cx, align in mcols:
        (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
    y += 13
    for ln in lines:
        y = need(10)
        unit_usd = ln["usd_value"] / ln["customs_quantity"] if ln["customs_quantity"] else 0.0
        cells = [
            ln["part_number"],
            ln["tariff_code"],
            f"{ln['customs_quantity']:,.3f}",
            ln["customs_unit"],
            f"{unit_usd:,.4f}",
            f"{ln['usd_value']:,.2f}",
        ]
        for (_label, cx, align), text in zip(mcols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, text, font=regular, size=size)
        y += 10
    y += 12
    groups: dict[str, list[dict[str, Any]]] = {}
    for ln in lines:
        groups.setdefault(ln["tariff_code"], []).append(ln)
    y = need(30 + 10 * len(groups))
    s.shade(L, y - 9, R, y + 4, 0.8)
    s.text(L + 2, y, "RESUMEN POR FRACCIÓN ARANCELARIA (para el agente aduanal)", font=bold, size=size)
    y += 13
    rcols = [("Fracción", L + 2, "l"), ("Conceptos", L + 140, "r"), ("Cantidad aduana", L + 260, "r")]
    rcols += [("U. aduana", L + 272, "l"), ("Valor dólares", R - 2, "r")]
    for label, cx, align in rcols:
        (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
    y += 11
    for code, group in sorted(groups.items()):
        y = need(10)
        cells = [
            f"{code[:4]}.{code[4:6]}.{code[6:]}",
            str(len(group)),
            f"{sum(g['customs_quantity'] for g in group):,.3f}",
            "/".join(sorted({g["customs_unit"] for g in group})),
            f"{sum(g['usd_value'] for g in group):,.2f}",
        ]
        for (_label, cx, align), text in zip(rcols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, text, font=regular, size=size)
        y += 10
    s.hline(L, R, y - 6, 0.4)
    s.right(R - 80, y + 2, "Total USD:", font=bold, size=size)
    s.right(R - 2, y + 2, f"{total_usd:,.2f}", font=bold, size=size)
    y += 20
    y = need(110)
    _qr(s, L, y, rng)
    lv(L + 96, y + 6, "No. de serie del certificado del emisor:", x["certificate"])
    lv(L + 96, y + 16, "No. de serie del certificado del SAT:", x["sat_certificate"])
    lv(L + 96, y + 26, "Fecha y hora de certificación:", f"{f['issue_date']}T{x['stamp_time']}")
    yy = y + 40
    for label, text in (("Sello digital del CFDI:", x["seal"]), ("Sello digital del SAT:", x["seal"][::-1])):
        s.text(L + 96, yy, label, font=bold, size=6)
        yy += 7
        for part in [text[j : j + 110] for j in range(0, len(text), 110)][:3]:
            s.text(L + 96, yy, part, font="Courier", size=5)
            yy += 6
    foot()
    s.save()
    return s.page

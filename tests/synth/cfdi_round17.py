"""Round 17 of the held-out CFDI printouts (see ``cfdi_printouts``), modelled on two more printouts of an export
Ingreso CFDI with the Comercio Exterior complement.

Facts, not copies, from public sources: SAT's Anexo 20 (CFDI 4.0: each ``Concepto`` with its ``ObjetoImp`` and its
``Impuestos`` node, ``Traslados`` and ``Retenciones``, each ``Traslado`` with ``Base``, ``Impuesto`` (``002`` IVA),
``TipoFactor`` (``Tasa``, ``Cuota``, ``Exento``), ``TasaOCuota`` (``0.000000`` for exports) and ``Importe``; the
comprobante's own ``Impuestos`` summary with ``TotalImpuestosTrasladados`` and ``TotalImpuestosRetenidos``); the
SAT's cancellation rules (from 2022 a cancellation states a ``Motivo``: ``01`` comprobante emitido con errores con
relación, naming the ``Folio Sustitución``, the CFDI that replaces it; ``02`` con errores sin relación; ``03`` no se
llevó a cabo la operación; ``04`` operación nominativa en factura global) and the SAT portal's and certification
providers' viewers, which print a cancelled CFDI with the ``CANCELADO`` watermark across every page, its status and
its cancellation date.

* ``impuestos``: an invoicing service's template that prints, under every concepto and in the concepto table's own
  columns, its tax rows: ``Traslado  IVA 002  Tasa 0.000000`` under the description, the ``Base`` under the unit
  price and the tax's ``Importe`` (``0.00``) under the amount, or ``Exento`` without a rate nor an amount; an
  ``Obj. imp.`` column (``02``); under the conceptos the ``Impuestos`` summary (``Impuesto | Tipo factor | Tasa o
  cuota | Base | Importe``, its base the subtotal) and ``Total impuestos trasladados`` / ``Total impuestos
  retenidos``; the complement's mercancías table; the header with ``Fecha`` as the XML writes it
  (``2025-08-27T11:06:16``).
* ``cancelado``: a certification provider's landscape printout of a CFDI cancelled after it was stamped: a large
  translucent diagonal ``CANCELADO`` over every page (in the text layer after the page's other words), a status box
  ``Estatus: Cancelado``, ``Fecha de cancelación`` (days after the issue date), ``Motivo de cancelación`` and, for
  motive ``01``, the ``Folio fiscal sustituto`` (a folio fiscal that is not this CFDI's); the fiscal data in two columns
  (``Folio fiscal``, ``No. de serie del CSD``, ``Fecha y hora de emisión`` as ``27/08/2025 11:06:16``, ``Fecha y hora
  de certificación``), the conceptos (``Cant. | Unidad | Clave SAT | No. parte | Descripción | P. unitario |
  Importe``), the complement's mercancías beside its header data, the seals at the foot.

Both print every concepto's part number, fracción and customs data (the truth keeps them; a cancelled CFDI's data
are still what it says).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.synth import data
from tests.synth.cfdi_printouts import Style
from tests.synth.cfdi_round4 import _qr
from tests.synth.cfdi_round16 import in_letters
from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("impuestos", "cancelado")
UNIT_NAMES = {"H87": "Pieza", "KGM": "Kilogramo", "MTR": "Metro"}
MOTIVOS = {
    "01": "01 - Comprobante emitido con errores con relación",
    "02": "02 - Comprobante emitido con errores sin relación",
    "03": "03 - No se llevó a cabo la operación",
}


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random, st: Style) -> int:
    """Draw the printout; returns its page count (drawn twice so that "page N of M" knows M)."""
    draw = _impuestos if arrangement == "impuestos" else _cancelado
    state = rng.getstate()
    pages = draw(truth, path, rng, st, 0)
    rng.setstate(state)
    return draw(truth, path, rng, st, pages)


def _seals(s: Sheet, x0: float, y: float, truth: dict[str, Any], width: float, regular: str, bold: str) -> float:
    x = truth["extra"]
    per_line = int(width / 3.0)
    for label, text in (("Sello digital del CFDI:", x["seal"]), ("Sello digital del SAT:", x["seal"][::-1])):
        s.text(x0, y, label, font=bold, size=6)
        y += 7
        for part in [text[j : j + per_line] for j in range(0, len(text), per_line)][:3]:
            s.text(x0, y, part, font="Courier", size=5)
            y += 6
        y += 3
    return y


# --------------------------------------------------------------------------------------------------------


def _impuestos(truth: dict[str, Any], path: Path, rng: random.Random, st: Style, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, title="CFDI")
    L, R = 26.0, s.width - 26.0
    regular, bold = st.regular, st.bold
    size = st.size - 0.8
    v4 = f["cfdi_version"].startswith("4")
    exempt = rng.random() < 0.3  # some issuers declare exports as exempt rather than at a zero rate
    bottom = s.height - 50

    def foot() -> None:
        s.text(L, s.height - 18, "Este documento es una representación impresa de un CFDI", font=regular, size=6)
        s.right(R, s.height - 18, f"Hoja {s.page} de {pages}", font=regular, size=6)

    def lv(x0: float, y: float, label: str, value: str) -> None:
        end = s.text(x0, y, label, font=bold, size=size)
        s.text(end + 4, y, value, font=regular, size=size)

    def head() -> float:
        s.text(L, 30, f["issuer_name"], font=bold, size=9.5)
        s.text(
            L,
            40,
            f"RFC: {f['issuer_rfc']}   Régimen fiscal: 601 - General de Ley Personas Morales",
            font=regular,
            size=size,
        )
        s.text(L, 49, f"Lugar de expedición (C.P.): {x['zip']}", font=regular, size=size)
        s.shade(R - 210, 20, R, 66, 0.92)
        s.text(R - 205, 30, f"Factura  {f['series']} {f['folio']}", font=bold, size=size + 1.5)
        lv(R - 205, 40, "Folio fiscal:", f["uuid"])
        lv(R - 205, 49, "Fecha:", f"{f['issue_date']}T{x['time']}")
        lv(R - 205, 58, "Efecto:", "I - Ingreso")
        return 80.0

    y = head()
    lv(L, y, "Receptor:", f["receiver_name"])
    y += 9
    lv(L, y, "RFC:", f["receiver_rfc"])
    lv(L + 150, y, "NumRegIdTrib:", x["receiver_tax_id"])
    lv(L + 330, y, "Uso del CFDI:", "S01 - Sin efectos fiscales" if v4 else "P01 - Por definir")
    y += 9
    lv(L, y, "Moneda:", f["currency"])
    lv(L + 150, y, "Tipo de cambio:", f"{f['exchange_rate']:.4f}")
    lv(L + 330, y, "Versión:", f["cfdi_version"])
    y += 9
    lv(L, y, "Forma de pago:", "99 - Por definir")
    lv(L + 150, y, "Método de pago:", "PPD")
    lv(L + 330, y, "Exportación:", "02 - Definitiva" if v4 else "-")
    y += 16
    cols = [
        ("Clave SAT", L + 2, "l"),
        ("No. ident.", L + 46, "l"),
        ("Cant.", L + 130, "r"),
        ("Unidad", L + 136, "l"),
        ("Descripción", L + 176, "l"),
        ("Obj. imp.", L + 360, "l"),
        ("Valor unitario", L + 450, "r"),
        ("Importe", R - 2, "r"),
    ]

    def header(y: float) -> float:
        s.shade(L, y - 9, R, y + 4, 0.84)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.4)
        return y + 14

    y = header(y)
    for ln in lines:
        desc = wrap(ln["description"], 175, font=regular, size=size)
        h = 9 * len(desc) + 14
        if y + h > bottom:
            foot()
            s.new_page()
            y = header(head())
        cells = [
            ln["product_key"],
            ln["part_number"],
            st.qty(ln["quantity"]),
            f"{ln['unit']} {UNIT_NAMES.get(ln['unit'], '')}",
            None,
            "02" if v4 else "",
            st.money(ln["unit_price"]),
            st.money(ln["amount"]),
        ]
        for (_label, cx, align), text in zip(cols, cells, strict=True):
            if text is None:
                for j, part in enumerate(desc):
                    s.text(cx, y + 9 * j, part, font=regular, size=size)
            else:
                (s.right if align == "r" else s.text)(cx, y, text, font=regular, size=size)
        y += 9 * len(desc)
        # the concepto's tax row, in the table's own columns
        s.canvas.setFillGray(0.3)
        if exempt:
            s.text(L + 176, y, "Traslado  IVA 002  Exento", font=regular, size=size - 0.8)
            s.right(L + 450, y, f"Base {st.money(ln['amount'])}", font=regular, size=size - 0.8)
        else:
            s.text(L + 176, y, "Traslado  IVA 002  Tasa 0.000000", font=regular, size=size - 0.8)
            s.right(L + 450, y, st.money(ln["amount"]), font=regular, size=size - 0.8)
            s.right(R - 2, y, st.money(0.0), font=regular, size=size - 0.8)
        s.canvas.setFillGray(0)
        y += 6
        s.hline(L, R, y - 1, 0.2)
        y += 8
    y += 4
    if y + 90 > bottom:
        foot()
        s.new_page()
        y = head()
    s.text(L, y, "Impuestos", font=bold, size=size)
    y += 10
    tcols = [
        ("Impuesto", L + 2),
        ("Tipo factor", L + 80),
        ("Tasa o cuota", L + 150),
        ("Base", L + 270),
        ("Importe", L + 330),
    ]
    for label, cx in tcols:
        (s.right if label in ("Base", "Importe") else s.text)(cx, y, label, font=bold, size=size - 0.4)
    y += 9
    row = [
        "002 IVA",
        "Exento" if exempt else "Tasa",
        "" if exempt else "0.000000",
        st.money(f["subtotal"]),
        "" if exempt else st.money(0.0),
    ]
    for (label, cx), text in zip(tcols, row, strict=True):
        (s.right if label in ("Base", "Importe") else s.text)(cx, y, text, font=regular, size=size)
    totals = [
        ("Subtotal:", st.money(f["subtotal"])),
        ("Total impuestos trasladados:", st.money(0.0)),
        ("Total impuestos retenidos:", st.money(0.0)),
        ("Total:", st.money(f["total"])),
    ]
    for k, (label, value) in enumerate(totals):
        s.right(R - 80, y - 9 + 10 * k, label, font=bold, size=size)
        s.right(R - 2, y - 9 + 10 * k, value, font=bold if k == 3 else regular, size=size)
    y += 36
    s.text(L, y, in_letters(f["total"]), font=regular, size=size - 0.4)
    y += 16

    def need(h: float) -> float:
        if y + h > bottom:
            foot()
            s.new_page()
            return head()
        return y

    y = need(40)
    s.shade(L, y - 9, R, y + 3, 0.9)
    s.text(L + 2, y, "Complemento Comercio Exterior", font=bold, size=size + 0.4)
    y += 12
    lv(L, y, "Clave de pedimento:", "A1")
    lv(L + 110, y, "Certificado origen:", "0")
    lv(L + 220, y, "Incoterm:", x["incoterm"])
    lv(L + 300, y, "Total USD:", f"{sum(ln['usd_value'] for ln in lines):,.2f}")
    y += 14
    mcols = [
        ("No. identificación", L + 2, "l"),
        ("Fracción arancelaria", L + 110, "l"),
        ("Cantidad aduana", L + 280, "r"),
        ("Unidad aduana", L + 290, "l"),
        ("Valor unitario aduana", L + 440, "r"),
        ("Valor dólares", R - 2, "r"),
    ]
    for label, cx, align in mcols:
        (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.4)
    y += 11
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
    y += 10
    y = need(110)
    _qr(s, L, y, rng)
    lv(L + 96, y + 6, "No. de serie del CSD del emisor:", x["certificate"])
    lv(L + 96, y + 16, "No. de serie del CSD del SAT:", x["sat_certificate"])
    lv(L + 96, y + 26, "Fecha y hora de certificación:", f"{f['issue_date']}T{x['stamp_time']}")
    lv(L + 96, y + 36, "RFC del proveedor de certificación:", x["pac_rfc"])
    _seals(s, L + 96, y + 50, truth, R - L - 100, regular, bold)
    foot()
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _cancelado(truth: dict[str, Any], path: Path, rng: random.Random, st: Style, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, wide=True, title="CFDI")
    L, R = 26.0, s.width - 26.0
    W = R - L
    regular, bold = st.regular, st.bold
    size = st.size - 0.6
    d = date.fromisoformat(f["issue_date"])
    when = f"{d.day:02d}/{d.month:02d}/{d.year} {x['time']}"
    cancelled = d + timedelta(days=rng.randint(1, 20))
    cancel_time = f"{rng.randint(8, 19):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
    motivo = rng.choice(["01", "01", "02", "03"])
    substitute = data.uuid4(rng)
    bottom = s.height - 40

    def watermark() -> None:
        c = s.canvas
        c.saveState()
        c.setFillGray(0.55)
        c.setFillAlpha(0.3)
        c.translate(s.width / 2, s.height / 2)
        c.rotate(28)
        c.setFont("Helvetica-Bold", 110)
        c.drawCentredString(0, -30, "CANCELADO")
        c.restoreState()

    def foot() -> None:
        s.text(L, s.height - 16, "Este documento es una representación impresa de un CFDI", font=regular, size=6)
        s.right(R, s.height - 16, f"Página {s.page} de {pages}", font=regular, size=6)
        watermark()  # over the page, translucent

    def lv(x0: float, y: float, label: str, value: str) -> None:
        end = s.text(x0, y, label, font=bold, size=size)
        s.text(end + 4, y, value, font=regular, size=size)

    def head() -> float:
        s.text(L, 28, f["issuer_name"], font=bold, size=10)
        s.text(L, 38, f"RFC: {f['issuer_rfc']}", font=regular, size=size)
        s.text(L, 47, f"Régimen fiscal: 601   Lugar de expedición: {x['zip']}", font=regular, size=size)
        s.box(R - 250, 18, R, 52, 1.2)
        s.text(R - 245, 29, "Estatus: Cancelado", font=bold, size=size + 1)
        s.text(
            R - 245,
            39,
            f"Fecha de cancelación: {cancelled.day:02d}/{cancelled.month:02d}/{cancelled.year} {cancel_time}",
            font=regular,
            size=size - 0.4,
        )
        s.text(R - 245, 48, f"Motivo: {MOTIVOS[motivo]}", font=regular, size=size - 0.8)
        if s.page == 1:
            return 62.0
        lv(L, 60, "Folio fiscal:", f["uuid"])
        return 74.0

    y = head()
    if motivo == "01":
        lv(R - 250, y, "Folio fiscal sustituto:", substitute)
        y += 12
    s.hline(L, R, y - 4, 0.5)
    y += 8
    left = [
        ("Receptor:", f["receiver_name"]),
        ("RFC receptor:", f["receiver_rfc"]),
        ("Núm. reg. id. trib.:", x["receiver_tax_id"]),
        ("Uso CFDI:", "S01" if f["cfdi_version"].startswith("4") else "P01"),
        ("Moneda / Tipo de cambio:", f"{f['currency']} / {f['exchange_rate']:.4f}"),
    ]
    right = [
        ("Serie y folio:", f"{f['series']} {f['folio']}"),
        ("Folio fiscal:", f["uuid"]),
        ("No. de serie del CSD:", x["certificate"]),
        ("Fecha y hora de emisión:", when),
        ("Fecha y hora de certificación:", f"{d.day:02d}/{d.month:02d}/{d.year} {x['stamp_time']}"),
    ]
    for k, ((l1, v1), (l2, v2)) in enumerate(zip(left, right, strict=True)):
        lv(L, y + 10 * k, l1, v1)
        lv(L + W / 2, y + 10 * k, l2, v2)
    y += 10 * len(left)
    lv(L, y, "Tipo de comprobante:", "I - Ingreso")
    lv(L + W / 2, y, "Versión:", f["cfdi_version"])
    y += 16
    cols = [
        ("Cant.", L + 34, "r"),
        ("Unidad", L + 40, "l"),
        ("Clave SAT", L + 100, "l"),
        ("No. parte", L + 150, "l"),
        ("Descripción", L + 230, "l"),
        ("Fracción", L + 470, "l"),
        ("P. unitario", L + 600, "r"),
        ("Importe", R - 2, "r"),
    ]

    def header(y: float) -> float:
        s.shade(L, y - 9, R, y + 4, 0.82)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.3)
        return y + 14

    def new_page() -> float:
        foot()
        s.new_page()
        return head()

    y = header(y)
    for ln in lines:
        desc = wrap(ln["description"], 230, font=regular, size=size)
        h = 9 * len(desc) + 3
        if y + h > bottom:
            y = header(new_page())
        cells = [
            st.qty(ln["quantity"]),
            f"{ln['unit']}-{UNIT_NAMES.get(ln['unit'], '')}",
            ln["product_key"],
            ln["part_number"],
            None,
            ln["tariff_code"],
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
    s.hline(L, R, y - 4, 0.4)
    y += 6
    if y + 40 > bottom:
        y = new_page()
    for k, (label, value) in enumerate(
        [("Subtotal:", st.money(f["subtotal"])), ("IVA 0%:", st.money(0.0)), ("Total:", st.money(f["total"]))]
    ):
        s.right(R - 80, y + 10 * k, label, font=bold, size=size)
        s.right(R - 2, y + 10 * k, value, font=bold if k == 2 else regular, size=size)
    s.text(L, y, in_letters(f["total"]), font=regular, size=size - 0.4)
    y += 38
    mlines = len(lines)
    if y + 40 + 10 * min(mlines, 5) > bottom:
        y = new_page()
    s.text(L, y, "COMERCIO EXTERIOR 2.0", font=bold, size=size + 0.4)
    info = [
        ("Tipo operación:", "2"),
        ("Clave de pedimento:", "A1"),
        ("Certificado origen:", "0"),
        ("Incoterm:", x["incoterm"]),
        ("Tipo cambio USD:", f"{f['exchange_rate']:.4f}"),
        ("Total USD:", f"{sum(ln['usd_value'] for ln in lines):,.2f}"),
    ]
    for k, (label, value) in enumerate(info):
        lv(L, y + 11 + 10 * k, label, value)
    mx = L + 190
    mcols = [
        ("No. identificación", mx, "l"),
        ("Fracción arancelaria", mx + 100, "l"),
        ("Cantidad aduana", mx + 270, "r"),
        ("Unidad aduana", mx + 280, "l"),
        ("Valor unitario aduana", mx + 430, "r"),
        ("Valor dólares", R - 2, "r"),
    ]

    def mheader(y: float) -> float:
        for label, cx, align in mcols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.4)
        return y + 11

    my = mheader(y + 11)
    for ln in lines:
        if my + 10 > bottom:
            my = mheader(new_page())
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
            (s.right if align == "r" else s.text)(cx, my, text, font=regular, size=size)
        my += 10
    y = max(my, y + 11 + 10 * len(info)) + 12
    if y + 100 > bottom:
        y = new_page()
    _qr(s, L, y, rng)
    _seals(s, L + 96, y + 4, truth, R - L - 100, regular, bold)
    foot()
    s.save()
    return s.page

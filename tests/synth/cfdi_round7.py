"""Round 7 of the held-out CFDI printouts (see ``cfdi_printouts``), modelled on two more issuers' printouts of an
export Ingreso CFDI with the Comercio Exterior complement:

* ``timbrado``: the printout a cloud ERP's Mexican e-invoicing bundle makes from the stamped XML (its print
  templates are public: FreeMarker files that fill the CFDI from the transaction, found by
  ``custbody_efx_fe_comercio_exterior``). Every catalogue code with its name (``Tipo de comprobante: I - Ingreso``,
  ``Uso CFDI: S01 - Sin efectos fiscales``, ``Forma de pago: 99 - Por definir``, ``Método de pago: PPD - …``,
  ``Exportación: 02 - Definitiva con clave A1`` on CFDI 4.0); ``Serie`` and ``Folio`` in cells of their own;
  ``Fecha y hora de emisión`` as the XML writes it (``2024-03-12T10:22:33``); the receiver's ``Residencia fiscal``
  and ``NumRegIdTrib``; the exchange rate with the XML's six decimals; conceptos ``Artículo | ClaveProdServ |
  Descripción | Cantidad | Clave unidad | Unidad | Valor unitario | Importe | Objeto imp.`` with each concepto's
  transferred tax on a small line under it (``Traslado IVA 002 Tasa 0.000000 Base … Importe 0.00``); the
  complement's data as the XML's attribute names and raw values (``CantidadAduana 120.000``,
  ``ValorUnitarioAduana 1.250000``, ``ValorDolares 150.00``); the seals, the original chain and a QR at the
  foot.
* ``apaisado``: a maquiladora's own landscape export invoice, bilingual (``FACTURA / INVOICE``), after the wide
  export invoices that print the concepto and its Comercio Exterior mercancía on one row: ``Part. | No. Parte /
  Part No. | Descripción / Description | Clave SAT | Cant. / Qty | U.M. | P. Unit. USD | Importe USD | Fracción |
  Cant. Adu. | U.M.A. | Valor USD``; series and folio run together as the invoice number (``EXP1234``); the
  date as ``12/03/2024 10:22:33``; ``Vendido a / Sold to`` and ``Embarcado a / Ship to``; totals with ``Total
  USD`` and the amount in words; the stamp's data (``Folio fiscal``, ``No. de serie del certificado del SAT``,
  ``Fecha y hora de certificación``, ``CFDI versión``) at the bottom beside the seals, not in the header;
  ``Hoja 1`` at the foot of each page.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth

from tests.synth.cfdi_printouts import Style
from tests.synth.cfdi_round4 import _in_words, _qr
from tests.synth.draw import Sheet, dmy, wrap

ARRANGEMENTS = ("timbrado", "apaisado")
UNIT_NAMES = {"H87": "Pieza", "KGM": "Kilogramo", "MTR": "Metro"}


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random, st: Style) -> int:
    """Draw the printout; returns its page count."""
    return (_timbrado if arrangement == "timbrado" else _apaisado)(truth, path, rng, st)


def _chunks(text: str, width: float, font: str, size: float) -> list[str]:
    """A seal or chain cut into lines of ``width`` points: it has no spaces, so it breaks anywhere."""
    per = max(10, int(width / stringWidth("M", font, size) * 1.6))
    return [text[k : k + per] for k in range(0, len(text), per)]


def _seals(s: Sheet, st: Style, x0: float, y: float, truth: dict[str, Any], width: float) -> float:
    """The digital seals and the stamp's original chain in small type, each cut to the block's width."""
    f, x = truth["fields"], truth["extra"]
    chain = f"||1.1|{f['uuid']}|{f['issue_date']}T{x['stamp_time']}|{x['pac_rfc']}|{x['seal'][:90]}|"
    chain += f"{x['sat_certificate']}||"
    for label, text in (
        ("Sello digital del CFDI:", x["seal"]),
        ("Sello digital del SAT:", x["seal"][::-1]),
        ("Cadena original del complemento de certificación digital del SAT:", chain),
    ):
        s.text(x0, y, label, font=st.bold, size=6)
        for part in _chunks(text, width, st.regular, 5):
            y += 6
            s.text(x0, y, part, font=st.regular, size=5)
        y += 9
    return y


def _timbrado(truth: dict[str, Any], path: Path, rng: random.Random, st: Style) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, title="CFDI")
    L, R = 28.0, s.width - 28.0
    size, bold, regular = st.size - 0.5, st.bold, st.regular
    v4 = f["cfdi_version"].startswith("4")

    def lv(x0: float, y: float, label: str, value: str) -> None:
        end = s.text(x0, y, label, font=bold, size=size)
        s.text(end + 4, y, value, font=regular, size=size)

    s.text(L, 38, f["issuer_name"], font=bold, size=10)
    lv(L, 50, "RFC:", f["issuer_rfc"])
    lv(L, 60, "Régimen fiscal:", "601 - General de Ley Personas Morales")
    lv(L, 70, "Lugar de expedición:", x["zip"])
    bx = R - 250
    s.box(bx, 28, R, 124, 0.6)
    s.shade(bx, 28, R, 40, 0.82)
    s.centre(bx + 125, 37, "FACTURA", font=bold, size=size + 1)
    s.text(bx + 4, 50, "Serie", font=bold, size=size)
    s.text(bx + 60, 50, "Folio", font=bold, size=size)
    s.text(bx + 4, 60, f["series"], font=regular, size=size)
    s.text(bx + 60, 60, f["folio"], font=regular, size=size)
    head = [
        ("Folio fiscal:", f["uuid"]),
        ("Fecha y hora de emisión:", f"{f['issue_date']}T{x['time']}"),
        ("No. de serie del CSD:", x["certificate"]),
        ("Tipo de comprobante:", "I - Ingreso"),
        ("Versión:", f["cfdi_version"]),
    ]
    if v4:
        head.append(("Exportación:", "02 - Definitiva con clave A1"))
    for k, (label, value) in enumerate(head):
        end = s.text(bx + 4, 72 + 9 * k, label, font=bold, size=size - 0.5)
        s.text(end + 3, 72 + 9 * k, value, font=regular, size=size - 0.5)
    y = 92.0
    s.text(L, y, "Receptor", font=bold, size=size + 0.5)
    y += 10
    rows = [("Nombre:", f["receiver_name"]), ("RFC:", f["receiver_rfc"]), ("Residencia fiscal:", "USA")]
    rows += [
        ("NumRegIdTrib:", x["receiver_tax_id"]),
        ("Uso CFDI:", "S01 - Sin efectos fiscales" if v4 else "P01 - Por definir"),
    ]
    if v4:
        rows.append(("Régimen fiscal receptor:", "616 - Sin obligaciones fiscales"))
    for label, value in rows:
        lv(L + 4, y, label, value)
        y += 9
    y = max(y, 130.0) + 8
    pay = [
        ("Moneda:", f"{f['currency']} - Dólar americano"),
        ("Tipo de cambio:", f"{f['exchange_rate']:.6f}"),
        ("Forma de pago:", "99 - Por definir"),
        ("Método de pago:", "PPD - Pago en parcialidades o diferido"),
    ]
    for k, (label, value) in enumerate(pay):
        lv(L + (k % 2) * 270, y + (k // 2) * 10, label, value)
    y += 28
    cols = [
        ("Artículo", L + 2, "l"),
        ("ClaveProdServ", L + 66, "l"),
        ("Descripción", L + 124, "l"),
        ("Cantidad", L + 300, "r"),
        ("Clave unidad", L + 306, "l"),
        ("Unidad", L + 356, "l"),
        ("Valor unitario", R - 96, "r"),
        ("Importe", R - 36, "r"),
        ("Obj. imp.", R - 30, "l"),
    ]

    def header(y: float) -> float:
        s.shade(L, y - 9, R, y + 3, 0.84)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
        return y + 13

    def foot() -> None:
        s.right(R, s.height - 20, f"Página {s.page}", font=regular, size=6)
        s.text(L, s.height - 20, "Este documento es una representación impresa de un CFDI", font=regular, size=6)

    y = header(y)
    for ln in lines:
        desc = wrap(ln["description"], 150, font=regular, size=size)
        if y + 9 * len(desc) + 10 > s.height - 50:
            foot()
            s.new_page()
            y = header(50.0)
        cells = [ln["part_number"], ln["product_key"], desc[0], st.qty(ln["quantity"]), ln["unit"]]
        cells += [UNIT_NAMES[ln["unit"]], st.money(ln["unit_price"]), st.money(ln["amount"]), "02"]
        for (_label, cx, align), cell in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        for j, part in enumerate(desc[1:], start=1):
            s.text(L + 124, y + 9 * j, part, font=regular, size=size)
        y += 9 * len(desc)
        tax = f"Traslado IVA 002  Tasa 0.000000  Base {ln['amount']:.2f}  Importe 0.00"
        s.text(L + 124, y, tax, font=regular, size=size - 1.5)
        y += 11
    if y > s.height - 330:
        foot()
        s.new_page()
        y = 50.0
    s.hline(L, R, y - 6, 0.5)
    totals = [("Subtotal:", f["subtotal"]), ("Impuestos trasladados IVA 0%:", 0.0), ("Total:", f["total"])]
    for k, (label, value) in enumerate(totals):
        s.right(R - 90, y + 4 + 10 * k, label, font=bold, size=size)
        s.right(R - 2, y + 4 + 10 * k, st.money(value), font=regular, size=size)
    s.text(L, y + 4, "Total con letra:", font=bold, size=size)
    for k, part in enumerate(wrap(_in_words(f["total"]), 300, font=regular, size=size)):
        s.text(L, y + 14 + 9 * k, part, font=regular, size=size)
    y += 44
    s.shade(L, y - 9, R, y + 3, 0.84)
    cce = "2.0" if v4 else "1.1"
    s.text(L + 2, y, f"Complemento de Comercio Exterior {cce}", font=bold, size=size)
    y += 12
    total_usd = sum(ln["usd_value"] for ln in lines)
    for k, (label, value) in enumerate(
        [
            ("ClaveDePedimento:", "A1"),
            ("CertificadoOrigen:", "0"),
            ("Incoterm:", x["incoterm"]),
            ("TipoCambioUSD:", f"{f['exchange_rate']:.6f}"),
            ("TotalUSD:", f"{total_usd:.2f}"),
            ("Subdivision:", "0") if not v4 else ("Receptor NumRegIdTrib:", x["receiver_tax_id"]),
        ]
    ):
        lv(L + (k % 3) * 180, y + (k // 3) * 10, label, value)
    y += 26
    mcols = [
        ("NoIdentificacion", L + 2, "l"),
        ("FraccionArancelaria", L + 110, "l"),
        ("CantidadAduana", L + 270, "r"),
        ("UnidadAduana", L + 282, "l"),
        ("ValorUnitarioAduana", R - 80, "r"),
        ("ValorDolares", R - 2, "r"),
    ]
    for label, cx, align in mcols:
        (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
    y += 11
    for ln in lines:
        if y > s.height - 60:
            foot()
            s.new_page()
            y = 50.0
        unit_value = ln["usd_value"] / ln["customs_quantity"]
        cells = [ln["part_number"], ln["tariff_code"], f"{ln['customs_quantity']:.3f}", ln["customs_unit"]]
        cells += [f"{unit_value:.6f}", f"{ln['usd_value']:.2f}"]
        for (_label, cx, align), cell in zip(mcols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        y += 9
    y += 12
    if y > s.height - 160:
        foot()
        s.new_page()
        y = 50.0
    _qr(s, L, y, rng)
    lv(L + 96, y + 4, "No. de serie del certificado del SAT:", x["sat_certificate"])
    lv(L + 96, y + 14, "Fecha y hora de certificación:", f"{f['issue_date']}T{x['stamp_time']}")
    lv(L + 96, y + 24, "RFC del proveedor de certificación:", x["pac_rfc"])
    _seals(s, st, L + 96, y + 40, truth, R - L - 96)
    foot()
    s.save()
    return s.page


def _apaisado(truth: dict[str, Any], path: Path, rng: random.Random, st: Style) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, wide=True, title="CFDI")
    L, R = 26.0, s.width - 26.0
    size, bold, regular = st.size - 0.5, st.bold, st.regular
    number = f"{f['series']}{f['folio']}" if rng.random() < 0.7 else f"{f['series']}-{f['folio']}"

    def lv(x0: float, y: float, label: str, value: str) -> None:
        end = s.text(x0, y, label, font=bold, size=size)
        s.text(end + 4, y, value, font=regular, size=size)

    def foot() -> None:
        s.centre(s.width / 2, s.height - 18, f"Hoja {s.page}", font=regular, size=6)

    s.text(L, 36, f["issuer_name"], font=bold, size=12)
    s.text(L, 48, f"R.F.C. {f['issuer_rfc']}   Régimen fiscal 601   C.P. {x['zip']}", font=regular, size=size)
    s.text(L, 58, "Programa IMMEX / Maquiladora de exportación", font=regular, size=size)
    s.centre(s.width / 2 + 40, 38, "FACTURA / INVOICE", font=bold, size=13)
    s.centre(s.width / 2 + 40, 50, "Comprobante fiscal digital por internet - Exportación", font=regular, size=size)
    s.box(R - 180, 28, R, 70, 0.6)
    lv(R - 176, 38, "No. Factura / Invoice No.:", number)
    lv(R - 176, 50, "Fecha / Date:", f"{dmy(f['issue_date'])} {x['time']}")
    lv(R - 176, 62, "Moneda / Currency:", f["currency"])
    y = 86.0
    half = (R - L) / 2
    ship = rng.choice(["Mismo / Same", f["receiver_name"]])
    for k, (title, rows) in enumerate(
        (
            ("Vendido a / Sold to", [f["receiver_name"], f"RFC {f['receiver_rfc']}", f"Tax ID {x['receiver_tax_id']}"]),
            ("Embarcado a / Ship to", [ship, f"Incoterm: {x['incoterm']}"]),
        )
    ):
        x0 = L + k * half
        s.box(x0, y - 9, x0 + half, y + 30, 0.5)
        s.text(x0 + 3, y, title, font=bold, size=size)
        for j, row in enumerate(rows):
            s.text(x0 + 6, y + 10 + 9 * j, row, font=regular, size=size)
    y += 46
    lv(L, y, "Tipo de cambio / Exchange rate:", f"{f['exchange_rate']:.4f}")
    lv(L + 220, y, "Uso CFDI:", "S01" if f["cfdi_version"].startswith("4") else "P01")
    lv(L + 320, y, "Método de pago:", "PPD")
    lv(L + 440, y, "Forma de pago:", "99")
    y += 16
    cols = [
        ("Part.", L + 14, "r"),
        ("No. Parte / Part No.", L + 20, "l"),
        ("Descripción / Description", L + 100, "l"),
        ("Clave SAT", L + 262, "l"),
        ("Cant. / Qty", L + 350, "r"),
        ("U.M.", L + 356, "l"),
        ("P. Unit. USD", L + 430, "r"),
        ("Importe USD", L + 500, "r"),
        ("Fracción", L + 510, "l"),
        ("Cant. Adu.", L + 610, "r"),
        ("U.M.A.", L + 616, "l"),
        ("Valor USD", R - 2, "r"),
    ]

    def header(y: float) -> float:
        s.shade(L, y - 9, R, y + 3, 0.8)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
        return y + 13

    y = header(y)
    for k, ln in enumerate(lines, start=1):
        desc = wrap(ln["description"], 156, font=regular, size=size)
        if y + 9 * len(desc) > s.height - 50:
            foot()
            s.new_page()
            s.text(L, 34, f"{f['issuer_name']}  -  Factura {number}", font=bold, size=size)
            y = header(54.0)
        cells = [str(k), ln["part_number"], desc[0], ln["product_key"], st.qty(ln["quantity"]), ln["unit"]]
        cells += [f"{ln['unit_price']:,.2f}", f"{ln['amount']:,.2f}", ln["tariff_code"]]
        cells += [st.qty(ln["customs_quantity"]), ln["customs_unit"], f"{ln['usd_value']:,.2f}"]
        for (_label, cx, align), cell in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        for j, part in enumerate(desc[1:], start=1):
            s.text(L + 100, y + 9 * j, part, font=regular, size=size)
        y += 9 * len(desc) + 4
        s.hline(L, R, y - 7, 0.15)
    if y > s.height - 220:
        foot()
        s.new_page()
        y = 50.0
    y += 6
    for k, (label, value) in enumerate((("Subtotal", f["subtotal"]), ("IVA 0%", 0.0), ("Total USD", f["total"]))):
        s.text(R - 160, y + 11 * k, label, font=bold, size=size)
        s.right(R - 2, y + 11 * k, f"{value:,.2f}", font=regular, size=size)
    s.text(L, y, "Importe con letra / Amount in words:", font=bold, size=size)
    for k, part in enumerate(wrap(_in_words(f["total"]), 420, font=regular, size=size)):
        s.text(L, y + 10 * (k + 1), part, font=regular, size=size)
    s.text(
        L,
        y + 34,
        f"Clave de pedimento A1   Certificado de origen: No   Incoterm {x['incoterm']}",
        font=regular,
        size=size,
    )
    y += 52
    stamp = [
        ("Folio fiscal:", f["uuid"]),
        ("No. de serie del certificado del SAT:", x["sat_certificate"]),
        ("No. de serie del CSD del emisor:", x["certificate"]),
        ("Fecha y hora de certificación:", f"{f['issue_date']}T{x['stamp_time']}"),
        ("CFDI versión:", f["cfdi_version"]),
    ]
    for k, (label, value) in enumerate(stamp):
        lv(R - 300, y + 10 * k, label, value)
    _seals(s, st, L, y, truth, R - L - 320)
    foot()
    s.save()
    return s.page

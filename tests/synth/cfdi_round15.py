"""Round 15 of the held-out CFDI printouts (see ``cfdi_printouts``), modelled on two more printouts of an export
Ingreso CFDI with the Comercio Exterior complement.

Facts, not copies, from public sources: SAT's Anexo 20 (CFDI 4.0) and its filling guide: an Ingreso paid after its
issue carries ``MetodoPago`` ``PPD - Pago en parcialidades o diferido`` and ``FormaPago`` ``99 - Por definir``, and
each payment received is stated in a CFDI of type ``P`` (Pago) with the Pagos 2.0 complement (``SubTotal`` and
``Total`` of 0, ``Moneda`` ``XXX``, one concepto ``84111506 - Servicios de facturación`` of quantity 1 and unit
``ACT``; the payment's ``FechaPago``, ``FormaDePagoP``, ``MonedaP``, ``Monto``, and per paid invoice a
``DoctoRelacionado`` with ``IdDocumento`` — the invoice's folio fiscal — ``Serie``, ``Folio``, ``NumParcialidad``,
``ImpSaldoAnt``, ``ImpPagado``, ``ImpSaldoInsoluto``); the receivables departments that send the invoice and its
payment receipt in one PDF; report writers' "horizontal pages" (a table wider than the page printed in vertical
slices: the left-hand columns of a page's rows first, then the remaining columns of the same rows on the next page,
the rows matched only by their number).

* ``conpago``: the invoice followed in the same file by the printout of its payment receipt: first the Ingreso
  (issuer and receiver, ``Serie``, ``Folio``, ``Folio fiscal``, ``Fecha de emisión`` as ``2025-08-27T11:06:16``,
  ``Método de pago: PPD``, ``Forma de pago: 99``, the conceptos ``No. identificación | Clave prod./serv. |
  Descripción | Cantidad | Clave unidad | Valor unitario | Importe``, the complement's mercancías ``No.
  identificación | Fracción arancelaria | Cantidad aduana | Unidad aduana | Valor dólares``, the totals, the stamp and
  seals); then, on pages of its own, ``RECIBO ELECTRÓNICO DE PAGO - CFDI DE PAGO`` with its own series (``P``),
  folio, folio fiscal (a second UUID), issue date weeks later, ``Tipo de comprobante: P - Pago``, ``SubTotal 0``,
  ``Total 0``, ``Moneda XXX``, its one concepto, and the payment's data (``Fecha de pago``, ``Forma de pago 03 -
  Transferencia electrónica de fondos``, ``Monto``) with the ``Documento relacionado`` table naming the invoice's
  folio fiscal, series and folio, the parcialidad, the previous balance (the invoice's total), the amount paid and
  the balance left (figures that are not the invoice's). The file's truth is the invoice's.
* ``desbordada``: an ERP's report-writer template whose concepto table is wider than the page, printed in vertical
  slices: a page with the header and the left-hand columns ``# | No. identificación | Clave prod./serv. |
  Descripción | Cantidad | Clave unidad`` for as many conceptos as fit, then a page headed ``CONCEPTOS
  (continuación de columnas)`` with ``# | Valor unitario | Importe | Fracción arancelaria | Cantidad aduana | Unidad
  aduana | Valor dólares`` for the same conceptos, keyed only by ``#`` (the part number is not repeated), and so on;
  ``Página 2 de 4  ·  columnas 7 a 13`` at each foot; the totals, the complement's header data, the stamp and the
  seals after the last slice; dates as ``27/08/2025 11:06:16``.

Both print every concepto's part number, fracción and customs data (the truth keeps them).
"""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.synth.cfdi_printouts import Style
from tests.synth.cfdi_round4 import _qr
from tests.synth.cfdi_round7 import _seals
from tests.synth.cfdi_round12 import words
from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("conpago", "desbordada")


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random, st: Style) -> int:
    """Draw the printout; returns its page count (drawn twice so that "page N of M" knows M)."""
    draw = _conpago if arrangement == "conpago" else _desbordada
    state = rng.getstate()
    pages = draw(truth, path, rng, st, 0)
    rng.setstate(state)
    return draw(truth, path, rng, st, pages)


def in_letters(total: float) -> str:
    cents = round(total * 100)
    return f"SON: {words(cents // 100)} DÓLARES {cents % 100:02d}/100 USD"


# --------------------------------------------------------------------------------------------------------


def _conpago(truth: dict[str, Any], path: Path, rng: random.Random, st: Style, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, title="CFDI")
    L, R = 28.0, s.width - 28.0
    M = (L + R) / 2
    size, bold, regular = st.size - 0.6, st.bold, st.regular
    v4 = f["cfdi_version"].startswith("4")
    issued = date.fromisoformat(f["issue_date"])
    paid = issued + timedelta(days=rng.randint(20, 75))
    pay_uuid = str(uuid.UUID(int=rng.getrandbits(128))).upper()
    pay_folio = str(rng.randint(100, 9999))
    share = rng.choice([1.0, 1.0, 0.5, 0.6])
    amount_paid = round(f["total"] * share, 2)
    parcialidad = 1 if share == 1.0 else rng.randint(1, 2)
    before = f["total"]
    if parcialidad == 2:  # the second payment settles what the first left
        before = round(f["total"] - amount_paid, 2)
        amount_paid = before
    after = round(before - amount_paid, 2)
    pay_time = f"{rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"

    def lv(x0: float, y: float, label: str, value: str) -> None:
        end = s.text(x0, y, label, font=bold, size=size)
        s.text(end + 4, y, value, font=regular, size=size)

    def foot() -> None:
        s.centre(M, s.height - 16, "Este documento es una representación impresa de un CFDI", font=regular, size=6)
        s.right(R, s.height - 16, f"Página {s.page} de {pages}", font=regular, size=6)

    def head(title: str, series: str, folio: str, folio_fiscal: str, when: str) -> float:
        s.text(L, 30, f["issuer_name"], font=bold, size=9)
        s.text(L, 40, f"RFC: {f['issuer_rfc']}", font=regular, size=size)
        s.text(
            L, 49, f"Régimen fiscal: 601 - General de Ley Personas Morales   Lugar de expedición: {x['zip']}", size=size
        )
        s.box(M + 30, 20, R, 70, 0.6)
        s.shade(M + 30, 20, R, 30, 0.82)
        s.centre((M + 30 + R) / 2, 27.5, title, font=bold, size=size)
        for k, (label, value) in enumerate(
            [("Serie:", f"{series}    Folio: {folio}"), ("Folio fiscal:", folio_fiscal), ("Fecha de emisión:", when)]
        ):
            lv(M + 34, 40 + 9 * k, label, value)
        lv(M + 34, 67, "Versión:", f["cfdi_version"])
        return 84.0

    def receptor(y: float) -> float:
        s.box(L, y - 9, R, y + 24, 0.5)
        lv(L + 3, y, "Receptor:", f["receiver_name"])
        lv(L + 3, y + 9, "RFC:", f["receiver_rfc"])
        lv(L + 150, y + 9, "NumRegIdTrib:", x["receiver_tax_id"])
        lv(L + 320, y + 9, "Residencia fiscal:", "USA")
        lv(L + 3, y + 18, "Uso CFDI:", "S01 - Sin efectos fiscales" if v4 else "P01 - Por definir")
        return y + 36

    def invoice_head() -> float:
        return head("FACTURA - CFDI DE INGRESO", f["series"], f["folio"], f["uuid"], f"{f['issue_date']}T{x['time']}")

    y = receptor(invoice_head())
    lv(L, y, "Tipo de comprobante:", "I - Ingreso")
    lv(L + 170, y, "Método de pago:", "PPD - Pago en parcialidades o diferido")
    y += 9
    lv(L, y, "Forma de pago:", "99 - Por definir")
    lv(L + 170, y, "Moneda:", f"{f['currency']}   Tipo de cambio: {f['exchange_rate']:.4f}")
    lv(L + 360, y, "Exportación:", "02 - Definitiva")
    y += 16
    cols = [
        ("No. identificación", L + 2, "l"),
        ("Clave prod./serv.", L + 76, "l"),
        ("Descripción", L + 140, "l"),
        ("Cantidad", L + 366, "r"),
        ("Clave unidad", L + 372, "l"),
        ("Valor unitario", L + 470, "r"),
        ("Importe", R - 2, "r"),
    ]

    def header(y: float) -> float:
        s.shade(L, y - 9, R, y + 4, 0.85)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
        return y + 14

    y = header(y)
    for ln in lines:
        desc = wrap(ln["description"], 190, font=regular, size=size)
        h = 9 * len(desc) + 4
        if y + h > s.height - 50:
            foot()
            s.new_page()
            y = header(invoice_head())
        cells = [
            ln["part_number"],
            ln["product_key"],
            None,
            st.qty(ln["quantity"]),
            ln["unit"],
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
    y += 38
    if y + 14 * len(lines) + 40 > s.height - 50:
        foot()
        s.new_page()
        y = invoice_head()
    s.text(L, y, "COMPLEMENTO PARA COMERCIO EXTERIOR", font=bold, size=size + 0.5)
    y += 10
    lv(L, y, "Clave de pedimento:", "A1")
    lv(L + 120, y, "Incoterm:", x["incoterm"])
    lv(L + 210, y, "Tipo de cambio USD:", f"{f['exchange_rate']:.4f}")
    lv(L + 360, y, "Total USD:", f"{sum(ln['usd_value'] for ln in lines):,.2f}")
    y += 13
    mcols = [
        ("No. identificación", L + 2, "l"),
        ("Fracción arancelaria", L + 110, "l"),
        ("Cantidad aduana", L + 300, "r"),
        ("Unidad aduana", L + 320, "l"),
        ("Valor dólares", R - 2, "r"),
    ]
    s.shade(L, y - 9, R, y + 4, 0.9)
    for label, cx, align in mcols:
        (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
    y += 13
    for ln in lines:
        if y > s.height - 50:
            foot()
            s.new_page()
            y = invoice_head()
        cells = [
            ln["part_number"],
            ln["tariff_code"],
            f"{ln['customs_quantity']:,.3f}",
            ln["customs_unit"],
            f"{ln['usd_value']:,.2f}",
        ]
        for (_label, cx, align), text in zip(mcols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, text, font=regular, size=size)
        y += 10
    y += 10
    if y > s.height - 160:
        foot()
        s.new_page()
        y = invoice_head()
    _qr(s, L, y, rng)
    lv(L + 96, y + 6, "No. de serie del certificado del emisor:", x["certificate"])
    lv(L + 96, y + 16, "No. de serie del certificado del SAT:", x["sat_certificate"])
    lv(L + 96, y + 26, "Fecha y hora de certificación:", f"{f['issue_date']}T{x['stamp_time']}")
    _seals(s, st, L + 96, y + 40, truth, R - L - 100)
    foot()

    # the payment's own CFDI, on pages of its own
    s.new_page()
    pay_when = f"{paid.isoformat()}T{pay_time}"
    y = receptor(head("RECIBO ELECTRÓNICO DE PAGO - CFDI DE PAGO", "P", pay_folio, pay_uuid, pay_when))
    lv(L, y, "Tipo de comprobante:", "P - Pago")
    lv(L + 170, y, "Moneda:", "XXX - Los códigos asignados para las transacciones en que intervenga ninguna moneda")
    y += 9
    lv(L, y, "SubTotal:", "0")
    lv(L + 170, y, "Total:", "0")
    y += 16
    s.shade(L, y - 9, R, y + 4, 0.85)
    for label, cx in (
        ("Clave prod./serv.", L + 2),
        ("Cantidad", L + 90),
        ("Clave unidad", L + 150),
        ("Descripción", L + 220),
        ("Valor unitario", L + 420),
        ("Importe", R - 40),
    ):
        s.text(cx, y, label, font=bold, size=size - 0.5)
    y += 13
    for text, cx in (
        ("84111506", L + 2),
        ("1", L + 90),
        ("ACT", L + 150),
        ("Pago", L + 220),
        ("0", L + 420),
        ("0", R - 40),
    ):
        s.text(cx, y, text, font=regular, size=size)
    y += 20
    s.text(L, y, "COMPLEMENTO PARA RECEPCIÓN DE PAGOS 2.0", font=bold, size=size + 0.5)
    y += 11
    lv(L, y, "Fecha de pago:", f"{paid.isoformat()}T12:00:00")
    lv(L + 170, y, "Forma de pago:", "03 - Transferencia electrónica de fondos")
    y += 9
    lv(L, y, "Moneda de pago:", "USD")
    lv(L + 170, y, "Tipo de cambio:", "1")
    lv(L + 300, y, "Monto:", f"{amount_paid:,.2f}")
    y += 9
    lv(L, y, "Número de operación:", str(rng.randint(10**9, 10**10 - 1)))
    lv(L + 170, y, "Total de pagos (MXN):", f"{amount_paid * float(f['exchange_rate']):,.2f}")
    y += 16
    s.text(L, y, "Documentos relacionados", font=bold, size=size)
    y += 11
    dcols = [
        ("Id documento", L + 2),
        ("Serie", L + 166),
        ("Folio", L + 196),
        ("Moneda", L + 236),
        ("Parcialidad", L + 270),
        ("Saldo anterior", L + 316),
        ("Importe pagado", L + 386),
        ("Saldo insoluto", L + 456),
    ]
    s.shade(L, y - 9, R, y + 4, 0.9)
    for label, cx in dcols:
        s.text(cx, y, label, font=bold, size=size - 0.8)
    y += 12
    values = [
        f["uuid"],
        f["series"],
        f["folio"],
        "USD",
        str(parcialidad),
        f"{before:,.2f}",
        f"{amount_paid:,.2f}",
        f"{after:,.2f}",
    ]
    for (_label, cx), text in zip(dcols, values, strict=True):
        s.text(cx, y, text, font=regular, size=size - 0.8)
    y += 10
    s.text(L + 2, y, "Objeto de impuesto DR: 01 - No objeto de impuesto   Equivalencia DR: 1", size=size - 0.8)
    y += 22
    _qr(s, L, y, rng)
    lv(L + 96, y + 6, "Folio fiscal:", pay_uuid)
    lv(L + 96, y + 16, "Fecha y hora de certificación:", f"{paid.isoformat()}T{pay_time}")
    lv(L + 96, y + 26, "No. de serie del certificado del SAT:", x["sat_certificate"])
    foot()
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _desbordada(truth: dict[str, Any], path: Path, rng: random.Random, st: Style, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, title="CFDI")
    L, R = 30.0, s.width - 30.0
    M = (L + R) / 2
    size, bold, regular = st.size - 0.4, st.bold, st.regular
    d = date.fromisoformat(f["issue_date"])
    when = f"{d.day:02d}/{d.month:02d}/{d.year} {x['time']}"
    v4 = f["cfdi_version"].startswith("4")
    slice_note = {"left": "columnas 1 a 6", "right": "columnas 7 a 13", "": ""}

    def lv(x0: float, y: float, label: str, value: str) -> None:
        end = s.text(x0, y, label, font=bold, size=size)
        s.text(end + 4, y, value, font=regular, size=size)

    def foot(part: str) -> None:
        note = f"  ·  {slice_note[part]}" if part else ""
        s.text(L, s.height - 16, "Representación impresa de un CFDI versión " + f["cfdi_version"], size=6)
        s.right(R, s.height - 16, f"Página {s.page} de {pages}{note}", font=regular, size=6)

    def head() -> float:
        s.text(L, 30, f["issuer_name"], font=bold, size=10)
        s.text(L, 40, f"RFC {f['issuer_rfc']}  ·  C.P. {x['zip']}  ·  Régimen 601", font=regular, size=size - 0.5)
        s.right(R, 30, f"Factura {f['series']}-{f['folio']}", font=bold, size=10)
        s.right(R, 40, f"Emitida {when}", font=regular, size=size - 0.5)
        s.hline(L, R, 46, 0.8)
        return 60.0

    y = head()
    left = [
        ("Cliente:", f["receiver_name"]),
        ("RFC cliente:", f["receiver_rfc"]),
        ("NumRegIdTrib:", x["receiver_tax_id"]),
        ("Residencia fiscal:", "USA"),
        ("Uso CFDI:", "S01 - Sin efectos fiscales" if v4 else "P01 - Por definir"),
    ]
    right = [
        ("Serie:", f["series"]),
        ("Folio:", f["folio"]),
        ("Folio fiscal:", f["uuid"]),
        ("Fecha de emisión:", when),
        ("Tipo de comprobante:", "I - Ingreso"),
        ("Versión:", f["cfdi_version"]),
        ("Moneda:", f"{f['currency']}"),
        ("Tipo de cambio:", f"{f['exchange_rate']:.4f}"),
    ]
    for k, (label, value) in enumerate(left):
        lv(L, y + 10 * k, label, value)
    for k, (label, value) in enumerate(right):
        lv(M + 10, y + 10 * k, label, value)
    y += 10 * len(right) + 10
    lcols = [
        ("#", L + 2, "l"),
        ("No. identificación", L + 20, "l"),
        ("Clave prod./serv.", L + 110, "l"),
        ("Descripción", L + 186, "l"),
        ("Cantidad", L + 470, "r"),
        ("Clave unidad", L + 482, "l"),
    ]
    rcols = [
        ("#", L + 2, "l"),
        ("Valor unitario", L + 110, "r"),
        ("Importe", L + 200, "r"),
        ("Fracción arancelaria", L + 216, "l"),
        ("Cantidad aduana", L + 380, "r"),
        ("Unidad aduana", L + 392, "l"),
        ("Valor dólares", R - 2, "r"),
    ]

    def header(y: float, cols: list[tuple[str, float, str]], title: str) -> float:
        s.text(L, y - 12, title, font=bold, size=size)
        s.shade(L, y - 9, R, y + 4, 0.86)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
        return y + 14

    numbered = list(enumerate(lines, start=1))
    start = 0
    first_top = y + 12
    while start < len(numbered):
        top = first_top if start == 0 else head() + 12
        y = header(top, lcols, "CONCEPTOS")
        end = start
        heights = []
        while end < len(numbered):
            k, ln = numbered[end]
            desc = wrap(ln["description"], 270, font=regular, size=size)
            h = 9 * len(desc) + 5
            if y + h > s.height - 40:
                break
            cells = [str(k), ln["part_number"], ln["product_key"], None, st.qty(ln["quantity"]), ln["unit"]]
            for (_label, cx, align), text in zip(lcols, cells, strict=True):
                if text is None:
                    for j, part in enumerate(desc):
                        s.text(cx, y + 9 * j, part, font=regular, size=size)
                else:
                    (s.right if align == "r" else s.text)(cx, y, text, font=regular, size=size)
            heights.append(h)
            y += h
            end += 1
        foot("left")
        s.new_page()
        y = header(head() + 12, rcols, "CONCEPTOS (continuación de columnas)")
        for (k, ln), h in zip(numbered[start:end], heights, strict=True):
            qty = ln["customs_quantity"]
            cells = [
                str(k),
                st.money(ln["unit_price"]),
                st.money(ln["amount"]),
                ln["tariff_code"],
                f"{qty:,.3f}",
                ln["customs_unit"],
                st.money(ln["usd_value"]),
            ]
            for (_label, cx, align), text in zip(rcols, cells, strict=True):
                (s.right if align == "r" else s.text)(cx, y, text, font=regular, size=size)
            y += h  # the rows keep the heights of their left-hand slice
        start = end
        if start < len(numbered):
            foot("right")
            s.new_page()
    y += 10
    if y + 210 > s.height - 40:
        foot("right")
        s.new_page()
        y = head() + 10
        last = ""
    else:
        last = "right"
    for k, (label, value) in enumerate(
        [("Subtotal:", st.money(f["subtotal"])), ("IVA 0%:", st.money(0.0)), ("Total:", st.money(f["total"]))]
    ):
        s.right(R - 80, y + 10 * k, label, font=bold, size=size)
        s.right(R - 2, y + 10 * k, value, font=bold if k == 2 else regular, size=size)
    s.text(L, y, in_letters(f["total"]), font=regular, size=size - 0.5)
    y += 40
    s.text(L, y, "Complemento Comercio Exterior 2.0", font=bold, size=size + 0.5)
    y += 10
    lv(L, y, "Clave de pedimento:", "A1")
    lv(L + 130, y, "Certificado de origen:", "0")
    lv(L + 260, y, "Incoterm:", x["incoterm"])
    y += 10
    lv(L, y, "Tipo de cambio USD:", f"{f['exchange_rate']:.4f}")
    lv(L + 130, y, "Total USD:", f"{sum(ln['usd_value'] for ln in lines):,.2f}")
    y += 20
    _qr(s, L, y, rng)
    lv(L + 96, y + 6, "No. de serie del certificado del emisor:", x["certificate"])
    lv(L + 96, y + 16, "No. de serie del certificado del SAT:", x["sat_certificate"])
    lv(L + 96, y + 26, "Fecha y hora de certificación:", f"{when[:10]} {x['stamp_time']}")
    _seals(s, st, L + 96, y + 40, truth, R - L - 100)
    foot(last)
    s.save()
    return s.page

"""Round 18 of the held-out CFDI printouts (see ``cfdi_printouts``), written before the reader saw them.

Facts, not copies, from public sources: Anexo 20 (CFDI 3.3 and 4.0): a concepto's ``Importe`` is its ``Cantidad``
times its ``ValorUnitario``, its ``Descuento`` is printed apart and not taken off the importe, the comprobante's
``SubTotal`` sums the importes, its ``Descuento`` sums the conceptos' discounts and its ``Total`` is the subtotal less
the discount plus taxes; ``Moneda`` ``MXN`` carries no ``TipoCambio`` (or ``1``); the Comercio Exterior complement
(version 1.1 and 2.0) states ``TipoCambioUSD`` and ``TotalUSD`` and each mercancía's ``ValorDolares`` in dollars
whatever the CFDI's currency, so that an export billed in pesos prints pesos in its conceptos and dollars in its
complement.

* ``descuento``: an invoicing service's template whose concepto table has a ``Descuento`` column with real
  discounts (a volume or early-payment discount on some conceptos): ``Clave | No. identificación | Cantidad | Unidad
  | Descripción | Valor unitario | Importe | Descuento``; under the table ``Subtotal``, ``Descuento`` and ``Total``
  (the subtotal less the discounts); the complement's mercancías with their dollar values. The truth's line amount
  is the importe (before the discount), its subtotal the sum of importes and its total the printed total.
* ``pesos``: an exporter's ERP template billing its foreign customer in Mexican pesos: ``Moneda: MXN - Peso
  Mexicano``, the conceptos' unit values and importes in pesos (``Descripción | No. parte | Cant. | U. M. | Precio
  M.N. | Importe M.N.``), the totals in pesos and in letters (``PESOS 00/100 M.N.``), and the Comercio Exterior block
  with ``Tipo de cambio USD`` and each mercancía's ``Valor dólares`` (the dollar values of the export). The truth's
  currency is ``MXN``, its amounts those in pesos, its exchange rate the complement's dollar rate (the only one
  printed), and each line's ``usd_value`` the complement's.

Renderers set the truth to what they print and drop what they do not print.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from tests.synth.cfdi_printouts import Style
from tests.synth.cfdi_round4 import _qr
from tests.synth.cfdi_round17 import _seals
from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("descuento", "pesos")
UNIT_NAMES = {"H87": "Pieza", "KGM": "Kilogramo", "MTR": "Metro"}
ONES = [
    "",
    "UN",
    "DOS",
    "TRES",
    "CUATRO",
    "CINCO",
    "SEIS",
    "SIETE",
    "OCHO",
    "NUEVE",
    "DIEZ",
    "ONCE",
    "DOCE",
    "TRECE",
    "CATORCE",
    "QUINCE",
    "DIECISEIS",
    "DIECISIETE",
    "DIECIOCHO",
    "DIECINUEVE",
    "VEINTE",
]
TENS = ["", "", "VEINTI", "TREINTA", "CUARENTA", "CINCUENTA", "SESENTA", "SETENTA", "OCHENTA", "NOVENTA"]
HUNDREDS = [
    "",
    "CIENTO",
    "DOSCIENTOS",
    "TRESCIENTOS",
    "CUATROCIENTOS",
    "QUINIENTOS",
    "SEISCIENTOS",
    "SETECIENTOS",
    "OCHOCIENTOS",
    "NOVECIENTOS",
]


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random, st: Style) -> int:
    """Draw the printout; returns its page count (drawn twice so that "page N of M" knows M)."""
    state = rng.getstate()
    original = _copy(truth)
    pages = _printout(truth, path, rng, st, 0, arrangement)
    rng.setstate(state)
    truth.clear()
    truth.update(original)
    return _printout(truth, path, rng, st, pages, arrangement)


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _below_thousand(n: int) -> str:
    if n == 100:
        return "CIEN"
    parts = []
    if n >= 100:
        parts.append(HUNDREDS[n // 100])
        n %= 100
    if n <= 20:
        if n:
            parts.append(ONES[n])
    elif n < 30:
        parts.append(TENS[2] + ONES[n - 20])
    else:
        parts.append(TENS[n // 10] + (f" Y {ONES[n % 10]}" if n % 10 else ""))
    return " ".join(parts)


def pesos_in_letters(total: float) -> str:
    """``1234.5`` → ``(MIL DOSCIENTOS TREINTA Y CUATRO PESOS 50/100 M.N.)``."""
    cents = round(total * 100)
    n = cents // 100
    words = []
    millions, rest = divmod(n, 1_000_000)
    thousands, units = divmod(rest, 1000)
    if millions:
        words.append("UN MILLON" if millions == 1 else f"{_below_thousand(millions)} MILLONES")
    if thousands:
        words.append("MIL" if thousands == 1 else f"{_below_thousand(thousands)} MIL")
    if units or not words:
        words.append(_below_thousand(units) or "CERO")
    return f"({' '.join(words)} PESOS {cents % 100:02d}/100 M.N.)"


def _printout(truth: dict[str, Any], path: Path, rng: random.Random, st: Style, pages: int, kind: str) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    pesos = kind == "pesos"
    rate = float(f["exchange_rate"])
    discounts: list[float] = []
    if pesos:
        f["currency"] = "MXN"
        for ln in lines:
            ln["unit_price"] = round(float(ln["unit_price"]) * rate, 2)
            ln["amount"] = round(float(ln["quantity"]) * ln["unit_price"], 2)
        f["subtotal"] = round(sum(float(ln["amount"]) for ln in lines), 2)
        f["total"] = f["subtotal"]
    else:
        for ln in lines:
            share = rng.choice([0.0, 0.0, 0.02, 0.03, 0.05, 0.1])
            discounts.append(round(float(ln["amount"]) * share, 2))
        f["subtotal"] = round(sum(float(ln["amount"]) for ln in lines), 2)
        f["total"] = round(f["subtotal"] - sum(discounts), 2)
    s = Sheet(path, title="CFDI")
    L, R = 26.0, s.width - 26.0
    regular, bold = st.regular, st.bold
    size = st.size - 0.8
    v4 = str(f["cfdi_version"]).startswith("4")
    bottom = s.height - 50

    def money(v: float) -> str:
        return st.money(v)

    def foot() -> None:
        s.text(L, s.height - 18, "Este documento es una representación impresa de un CFDI", font=regular, size=6)
        s.right(R, s.height - 18, f"Página {s.page} de {pages}", font=regular, size=6)

    def lv(x0: float, y: float, label: str, value: str) -> None:
        end = s.text(x0, y, label, font=bold, size=size)
        s.text(end + 4, y, value, font=regular, size=size)

    def head() -> float:
        if pesos:
            s.shade(L, 20, R, 52, 0.9)
            s.text(L + 4, 31, f["issuer_name"], font=bold, size=10)
            s.text(L + 4, 42, f"R.F.C. {f['issuer_rfc']}   C.P. {x['zip']}   Régimen 601", font=regular, size=size)
            s.right(R - 4, 31, f"FACTURA {f['series']}-{f['folio']}", font=bold, size=10)
            s.right(R - 4, 42, f"UUID {f['uuid']}", font=regular, size=size - 0.4)
            s.right(R - 4, 62, f"Fecha de emisión: {f['issue_date']} {x['time']}", font=regular, size=size)
            return 74.0
        s.text(L, 30, f["issuer_name"], font=bold, size=9.5)
        s.text(L, 40, f"RFC: {f['issuer_rfc']}   Lugar de expedición: {x['zip']}", font=regular, size=size)
        s.right(R, 30, f"Serie {f['series']}  Folio {f['folio']}", font=bold, size=size + 1.5)
        s.right(R, 40, f"Folio fiscal (UUID): {f['uuid']}", font=regular, size=size)
        s.right(R, 49, f"Fecha: {f['issue_date']}T{x['time']}", font=regular, size=size)
        s.hline(L, R, 54, 0.6)
        return 68.0

    y = head()
    lv(L, y, "Cliente:" if pesos else "Receptor:", f["receiver_name"])
    y += 9
    lv(L, y, "RFC:", f["receiver_rfc"])
    lv(L + 150, y, "Núm. reg. id. trib.:", x["receiver_tax_id"])
    lv(L + 340, y, "Uso CFDI:", "S01" if v4 else "P01")
    y += 9
    if pesos:
        lv(L, y, "Moneda:", "MXN - Peso Mexicano")
        lv(L + 150, y, "Versión:", f["cfdi_version"])
    else:
        lv(L, y, "Moneda:", f"{f['currency']}")
        lv(L + 150, y, "Tipo de cambio:", f"{rate:.4f}")
        lv(L + 340, y, "Versión:", f["cfdi_version"])
    y += 9
    lv(L, y, "Forma de pago:", "99")
    lv(L + 150, y, "Método de pago:", "PPD")
    lv(L + 340, y, "Tipo de comprobante:", "I - Ingreso")
    y += 16
    if pesos:
        cols = [
            ("Descripción", L + 2, "l"),
            ("No. parte", L + 200, "l"),
            ("Clave SAT", L + 268, "l"),
            ("Cant.", L + 350, "r"),
            ("U. M.", L + 356, "l"),
            ("Precio M.N.", L + 460, "r"),
            ("Importe M.N.", R - 2, "r"),
        ]
    else:
        cols = [
            ("Clave", L + 2, "l"),
            ("No. identificación", L + 46, "l"),
            ("Cantidad", L + 150, "r"),
            ("Unidad", L + 156, "l"),
            ("Descripción", L + 204, "l"),
            ("Valor unitario", L + 400, "r"),
            ("Importe", L + 470, "r"),
            ("Descuento", R - 2, "r"),
        ]

    def header(y: float) -> float:
        s.shade(L, y - 9, R, y + 4, 0.84)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.4)
        return y + 14

    y = header(y)
    for k, ln in enumerate(lines):
        width = 190 if pesos else 140
        desc = wrap(str(ln["description"]), width, font=regular, size=size)
        h = 9 * len(desc) + 6
        if y + h > bottom:
            foot()
            s.new_page()
            y = header(head())
        unit = f"{ln['unit']} {UNIT_NAMES.get(ln['unit'], '')}"
        if pesos:
            cells = [
                None,
                ln["part_number"],
                ln["product_key"],
                st.qty(ln["quantity"]),
                unit,
                f"{ln['unit_price']:,.2f}",
                f"{ln['amount']:,.2f}",
            ]
        else:
            cells = [
                ln["product_key"],
                ln["part_number"],
                st.qty(ln["quantity"]),
                unit,
                None,
                money(ln["unit_price"]),
                money(ln["amount"]),
                money(discounts[k]) if discounts[k] else "0.00",
            ]
        for (_label, cx, align), text in zip(cols, cells, strict=True):
            if text is None:
                for j, part in enumerate(desc):
                    s.text(cx, y + 9 * j, part, font=regular, size=size)
            else:
                (s.right if align == "r" else s.text)(cx, y, text, font=regular, size=size)
        y += h
        s.hline(L, R, y - 7, 0.2)
    y += 6
    if y + 80 > bottom:
        foot()
        s.new_page()
        y = head()
    if pesos:
        totals = [
            ("Subtotal M.N.:", f"{f['subtotal']:,.2f}"),
            ("IVA 0%:", "0.00"),
            ("Total M.N.:", f"{f['total']:,.2f}"),
        ]
    else:
        totals = [
            ("Subtotal:", money(f["subtotal"])),
            ("Descuento:", money(sum(discounts))),
            ("IVA 0%:", money(0.0)),
            ("Total:", money(f["total"])),
        ]
    for k, (label, value) in enumerate(totals):
        s.right(R - 90, y + 10 * k, label, font=bold, size=size)
        s.right(R - 2, y + 10 * k, value, font=bold if k == len(totals) - 1 else regular, size=size)
    if pesos:
        s.text(L, y, pesos_in_letters(f["total"]), font=regular, size=size - 0.4)
    y += 10 * len(totals) + 12

    def need(h: float) -> float:
        if y + h > bottom:
            foot()
            s.new_page()
            return head()
        return y

    y = need(40)
    s.shade(L, y - 9, R, y + 3, 0.9)
    s.text(L + 2, y, "Complemento de Comercio Exterior", font=bold, size=size + 0.4)
    y += 12
    lv(L, y, "Clave de pedimento:", "A1")
    lv(L + 110, y, "Incoterm:", x["incoterm"])
    lv(L + 190, y, "Tipo de cambio USD:", f"{rate:.4f}")
    lv(L + 330, y, "Total USD:", f"{sum(float(ln['usd_value']) for ln in lines):,.2f}")
    y += 14
    mcols = [
        ("No. identificación", L + 2, "l"),
        ("Fracción arancelaria", L + 110, "l"),
        ("Cantidad aduana", L + 280, "r"),
        ("Unidad aduana", L + 290, "l"),
        ("Valor dólares", R - 2, "r"),
    ]
    for label, cx, align in mcols:
        (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.4)
    y += 11
    for ln in lines:
        y = need(10)
        cells = [
            ln["part_number"],
            ln["tariff_code"],
            f"{ln['customs_quantity']:,.3f}",
            ln["customs_unit"],
            f"{float(ln['usd_value']):,.2f}",
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

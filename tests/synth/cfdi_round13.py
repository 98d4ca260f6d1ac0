"""Round 13 of the held-out CFDI printouts (see ``cfdi_printouts``), modelled on two more printouts of an export
Ingreso CFDI with the Comercio Exterior complement.

Facts, not copies, from public sources: SAT's Anexo 20 (CFDI 4.0: ``Moneda`` and ``TipoCambio`` of the comprobante in
any c_Moneda currency, ``ObjetoImp`` per concepto with its c_ObjetoImp codes, ``01`` no objeto, ``02`` sí objeto);
the Comercio Exterior 2.0 complement's schema and its filling guide (``TipoCambioUSD`` and ``TotalUSD`` in dollars
whatever the invoice's currency, each ``Mercancia``'s ``ValorDolares`` the concepto's amount converted to dollars;
``DescripcionesEspecificas`` with ``Marca``, ``Modelo``, ``SubModelo`` and ``NumeroSerie``, free text, for goods
identified one by one); the VAT identification numbers of EU buyers (country prefix and digits) as their
``NumRegIdTrib``.

* ``euros``: a maquiladora's CFDI to a European customer billed in euros, printed by a template that shows both
  currencies: ``Moneda: EUR - Euro`` with ``Tipo de cambio`` in pesos per euro, and beside it the complement's
  ``Tipo de cambio USD`` in pesos per dollar and ``Total USD``; the receiver with its ``NumRegIdTrib``
  (``DE123456789``) and ``Residencia fiscal: DEU``; one wide row per concepto and its mercancía, ``No. parte |
  Descripción | Clave SAT | Cant. | Unidad | P. unitario EUR | Importe EUR | Fracción | Cant. adu. | U. adu. |
  Valor USD`` (the amounts in euros, the mercancía's value in dollars: two figures of the same goods); totals
  ``Subtotal EUR``, ``IVA 0%``, ``Total EUR`` and the total in letters in euros (``SON: … EUROS 45/100 EUR``) beside
  ``Total USD (Comercio Exterior)``; the issue date as ``27-08-2025 11:06:16``; the stamp's data, the seals and
  the QR at the foot; ``Página 1 de 2``.
* ``seriales``: a maquiladora's CFDI for serial-numbered equipment (power supplies, control boards): the conceptos
  ``# | No. identificación | Descripción | Clave prod./serv. | Cantidad | Clave unidad | Valor unitario | Importe |
  Obj. imp.`` with each concepto's ``ObjetoImp`` code in its own column (``02``) and its transferred tax on a line
  under it (``IVA Tasa 0.000000 Base … Importe 0.00``); the complement's header as ``Clave: valor`` pairs; the
  mercancías ``No. identificación | Fracción arancelaria | Cantidad aduana | Unidad aduana | Valor unitario aduana
  | Valor dólares``, each followed by its ``Descripciones específicas`` rows ``Marca | Modelo | Submodelo | Número de
  serie`` (the model a catalogue name that looks like a part number, the serials a range ``SN2508270001 -
  SN2508271068`` whose digits are not a quantity); the issue date as the XML's ``2025-08-27T11:06:16``; ``Hoja 1
  de 2`` at every foot.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from tests.synth.cfdi_printouts import Style
from tests.synth.cfdi_round4 import _qr
from tests.synth.cfdi_round7 import _seals
from tests.synth.cfdi_round12 import words
from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("euros", "seriales")
EU_BUYERS = [
    ("AUTOMOTIVE SYSTEMS EUROPA GMBH", "DEU", "DE"),
    ("ELECTRONIQUE INDUSTRIELLE DU RHONE SAS", "FRA", "FR"),
    ("COMPONENTI AUTO TORINO S.P.A.", "ITA", "IT"),
    ("IBERICA DE SISTEMAS ELECTRICOS S.L.", "ESP", "ES"),
]
BRANDS = ["POWERTEK", "NORCONTROL", "LUMATEC", "MEDIFLOW", "AXIAL"]


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random, st: Style) -> int:
    """Draw the printout; returns its page count (drawn twice so that "page N of M" knows M)."""
    draw = _euros if arrangement == "euros" else _seriales
    state = rng.getstate()
    original = _copy(truth)
    pages = draw(truth, path, rng, st, 0)
    rng.setstate(state)
    truth.clear()
    truth.update(original)
    return draw(truth, path, rng, st, pages)


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def in_letters(total: float, currency: str = "EUROS", code: str = "EUR") -> str:
    cents = round(total * 100)
    return f"SON: {words(cents // 100)} {currency} {cents % 100:02d}/100 {code}"


# --------------------------------------------------------------------------------------------------------


def _euros(truth: dict[str, Any], path: Path, rng: random.Random, st: Style, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    buyer, country, prefix = rng.choice(EU_BUYERS)
    vat = prefix + "".join(str(rng.randint(0, 9)) for _ in range(9 if prefix != "IT" else 11))
    tc_usd = f["exchange_rate"]
    eurusd = rng.uniform(1.05, 1.17)
    tc_eur = round(tc_usd * eurusd, 4)
    for ln in lines:
        ln["unit_price"] = round(ln["unit_price"] / eurusd, 2)
        ln["amount"] = round(ln["quantity"] * ln["unit_price"], 2)
        ln["usd_value"] = round(ln["amount"] * tc_eur / tc_usd, 2)
    subtotal = round(sum(ln["amount"] for ln in lines), 2)
    f.update({"currency": "EUR", "exchange_rate": tc_eur, "subtotal": subtotal, "total": subtotal})
    f["receiver_name"] = buyer
    total_usd = round(sum(ln["usd_value"] for ln in lines), 2)
    s = Sheet(path, wide=True, title="CFDI")
    L, R = 28.0, s.width - 28.0
    M = (L + R) / 2
    size, bold, regular = st.size - 0.8, st.bold, st.regular
    iso = f["issue_date"]
    when = f"{iso[8:]}-{iso[5:7]}-{iso[:4]} {x['time']}"
    v4 = f["cfdi_version"].startswith("4")

    def lv(x0: float, y: float, label: str, value: str) -> None:
        end = s.text(x0, y, label, font=bold, size=size)
        s.text(end + 4, y, value, font=regular, size=size)

    def foot() -> None:
        s.centre(M, s.height - 16, "Este documento es una representación impresa de un CFDI", font=regular, size=6)
        s.right(R, s.height - 16, f"Página {s.page} de {pages}", font=regular, size=6)

    def head() -> float:
        s.text(L, 32, f["issuer_name"], font=bold, size=11)
        s.text(L, 43, f"RFC: {f['issuer_rfc']}    Régimen fiscal: 601 - General de Ley Personas Morales", size=size)
        s.text(L, 52, f"Lugar de expedición: {x['zip']}", font=regular, size=size)
        s.right(R, 32, "FACTURA DE EXPORTACIÓN", font=bold, size=12)
        s.right(R, 43, f"Serie: {f['series']}   Folio: {f['folio']}", font=regular, size=size)
        s.right(R, 52, f"Folio fiscal: {f['uuid']}", font=regular, size=size)
        s.hline(L, R, 58, 0.8)
        return 70.0

    y = head()
    left = [
        ("Cliente:", buyer),
        ("RFC:", f["receiver_rfc"]),
        ("NumRegIdTrib:", vat),
        ("Residencia fiscal:", country),
        ("Uso CFDI:", "S01 - Sin efectos fiscales" if v4 else "P01 - Por definir"),
    ]
    mid = [
        ("Fecha de emisión:", when),
        ("Tipo de comprobante:", "I - Ingreso"),
        ("Versión:", f["cfdi_version"]),
        ("Exportación:", "02 - Definitiva con clave A1" if v4 else ""),
        ("No. de certificado:", x["certificate"]),
    ]
    right = [
        ("Moneda:", "EUR - Euro"),
        ("Tipo de cambio:", f"{tc_eur:.4f} MXN/EUR"),
        ("Tipo de cambio USD:", f"{tc_usd:.4f} MXN/USD"),
        ("Incoterm:", x["incoterm"]),
        ("Clave de pedimento:", "A1    Certificado de origen: 0"),
    ]
    for k in range(5):
        lv(L, y + 10 * k, *left[k])
        lv(L + 250, y + 10 * k, *mid[k])
        lv(L + 480, y + 10 * k, *right[k])
    y += 60
    cols = [
        ("No. parte", L + 2, "l"),
        ("Descripción", L + 66, "l"),
        ("Clave SAT", L + 232, "l"),
        ("Cant.", L + 310, "r"),
        ("Unidad", L + 316, "l"),
        ("P. unitario EUR", L + 412, "r"),
        ("Importe EUR", L + 480, "r"),
        ("Fracción", L + 490, "l"),
        ("Cant. adu.", L + 582, "r"),
        ("U. adu.", L + 590, "l"),
        ("Valor USD", R - 2, "r"),
    ]

    def header(y: float) -> float:
        s.shade(L, y - 9, R, y + 4, 0.84)
        s.shade(L + 486, y - 20, R, y - 9, 0.92)
        s.text(L + 490, y - 12, "Comercio Exterior (USD)", font=bold, size=size - 0.8)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.6)
        return y + 13

    y = header(y + 12)
    for ln in lines:
        desc = wrap(ln["description"], 160, font=regular, size=size)
        if y + 9 * len(desc) > s.height - 60:
            foot()
            s.new_page()
            y = header(head() + 12)
        unit = {"H87": "H87 Pieza", "KGM": "KGM Kilogramo", "MTR": "MTR Metro"}.get(ln["unit"], ln["unit"])
        cells = [
            ln["part_number"],
            desc[0],
            ln["product_key"],
            st.qty(ln["quantity"]),
            unit,
            f"{ln['unit_price']:,.2f}",
            f"{ln['amount']:,.2f}",
            ln["tariff_code"],
            f"{ln['customs_quantity']:,.3f}",
            ln["customs_unit"],
            f"{ln['usd_value']:,.2f}",
        ]
        for (_l, cx, align), cell in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        for j, part in enumerate(desc[1:], start=1):
            s.text(L + 66, y + 9 * j, part, font=regular, size=size)
        y += 9 * len(desc) + 4
        s.hline(L, R, y - 9.5, 0.1)
    if y + 190 > s.height - 24:
        foot()
        s.new_page()
        y = head()
    y += 8
    totals = [("Subtotal EUR", subtotal), ("IVA 0%", 0.0), ("Total EUR", subtotal)]
    for k, (label, value) in enumerate(totals):
        s.text(R - 170, y + 10 * k, label, font=bold, size=size)
        s.right(R - 2, y + 10 * k, f"{value:,.2f}", font=bold if k == 2 else regular, size=size)
    s.text(R - 170, y + 36, "Total USD (Comercio Exterior)", font=bold, size=size)
    s.right(R - 2, y + 36, f"{total_usd:,.2f}", font=regular, size=size)
    for k, part in enumerate(wrap(in_letters(subtotal), 380, font=regular, size=size)):
        s.text(L, y + 10 * k, part, font=regular, size=size)
    s.text(
        L,
        y + 30,
        "Forma de pago: 99 - Por definir    Método de pago: PPD - Pago en parcialidades o diferido",
        size=size,
    )
    y += 52
    _qr(s, L, y, rng)
    _seals(s, st, L + 96, y + 4, truth, 400)
    xs = L + 570
    for k, (label, value) in enumerate(
        [
            ("No. de serie del certificado del SAT:", x["sat_certificate"]),
            ("Fecha y hora de certificación:", f"{f['issue_date']}T{x['stamp_time']}"),
            ("RFC del PAC:", x["pac_rfc"]),
        ]
    ):
        s.text(xs, y + 6 + 20 * k, label, font=bold, size=6)
        s.text(xs, y + 14 + 20 * k, value, font=regular, size=6)
    foot()
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _seriales(truth: dict[str, Any], path: Path, rng: random.Random, st: Style, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, title="CFDI")
    L, R = 28.0, s.width - 28.0
    M = (L + R) / 2
    size, bold, regular = st.size - 0.8, st.bold, st.regular
    tc = f["exchange_rate"]
    v4 = f["cfdi_version"].startswith("4")
    stamp = f"{f['issue_date'][2:4]}{f['issue_date'][5:7]}{f['issue_date'][8:]}"
    brand = rng.choice(BRANDS)
    specifics = []
    next_serial = rng.randint(1, 3000)
    for ln in lines:
        model = f"{brand[:2]}-{rng.randint(100, 990)}{rng.choice(['', 'A', 'X', 'HD'])}"
        qty = int(ln["customs_quantity"])
        first, last = next_serial, next_serial + max(qty, 1) - 1
        next_serial = last + 1
        serials = f"SN{stamp}{first:04d} - SN{stamp}{last:04d}" if qty > 1 else f"SN{stamp}{first:04d}"
        specifics.append((brand, model, rng.choice(["STD", "REV B", "REV C", "120V", "240V"]), serials))

    def foot() -> None:
        s.right(R, s.height - 16, f"Hoja {s.page} de {pages}", font=regular, size=6)
        s.text(L, s.height - 16, "Este documento es una representación impresa de un CFDI", font=regular, size=6)

    def lv(x0: float, y: float, label: str, value: str) -> None:
        end = s.text(x0, y, label, font=bold, size=size)
        s.text(end + 4, y, value, font=regular, size=size)

    def head() -> float:
        s.text(L, 32, f["issuer_name"], font=bold, size=10.5)
        s.text(L, 43, f"RFC: {f['issuer_rfc']}   Régimen fiscal: 601", font=regular, size=size)
        s.right(R, 32, "CFDI DE INGRESO", font=bold, size=11)
        s.right(R, 43, f"{f['series']}-{f['folio']}", font=bold, size=10)
        s.hline(L, R, 49, 0.8)
        return 62.0

    y = head()
    pairs = [
        ("Folio fiscal:", f["uuid"]),
        ("Fecha:", f"{f['issue_date']}T{x['time']}"),
        ("Serie:", f["series"]),
        ("Folio:", f["folio"]),
        ("Versión:", f["cfdi_version"]),
        ("Tipo de comprobante:", "I"),
        ("Moneda:", f["currency"]),
        ("Tipo de cambio:", f"{tc:.6f}"),
        ("Lugar de expedición:", x["zip"]),
        ("Exportación:", "02" if v4 else "N/A"),
        ("Receptor:", f["receiver_name"]),
        ("RFC receptor:", f["receiver_rfc"]),
        ("NumRegIdTrib:", x["receiver_tax_id"]),
        ("Residencia fiscal:", "USA"),
    ]
    for k, (label, value) in enumerate(pairs):
        lv(L + (k % 2) * (M - L + 10), y + 10 * (k // 2), label, value)
    y += 10 * ((len(pairs) + 1) // 2) + 12
    cols = [
        ("#", L + 2, "l"),
        ("No. identificación", L + 14, "l"),
        ("Descripción", L + 80, "l"),
        ("Clave prod./serv.", L + 236, "l"),
        ("Cantidad", L + 344, "r"),
        ("Clave unidad", L + 350, "l"),
        ("Valor unitario", L + 452, "r"),
        ("Importe", L + 516, "r"),
        ("Obj. imp.", R - 2, "r"),
    ]

    def header(y: float) -> float:
        s.shade(L, y - 9, R, y + 4, 0.84)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.6)
        return y + 13

    y = header(y)
    for k, ln in enumerate(lines, start=1):
        desc = wrap(ln["description"], 150, font=regular, size=size)
        if y + 9 * len(desc) + 10 > s.height - 40:
            foot()
            s.new_page()
            y = header(head())
        cells = [
            str(k),
            ln["part_number"],
            desc[0],
            ln["product_key"],
            st.qty(ln["quantity"]),
            ln["unit"],
            st.money(ln["unit_price"]),
            st.money(ln["amount"]),
            "02",
        ]
        for (_l, cx, align), cell in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        for j, part in enumerate(desc[1:], start=1):
            s.text(L + 80, y + 9 * j, part, font=regular, size=size)
        y += 9 * len(desc)
        s.text(
            L + 80,
            y,
            f"Traslado IVA  Tasa 0.000000  Base {ln['amount']:.2f}  Importe 0.00",
            font=regular,
            size=size - 1.5,
        )
        y += 11
    if y + 60 > s.height - 40:
        foot()
        s.new_page()
        y = head()
    y += 4
    for k, (label, value) in enumerate([("Subtotal:", f["subtotal"]), ("IVA 0%:", 0.0), ("Total:", f["total"])]):
        s.text(R - 150, y + 10 * k, label, font=bold, size=size)
        s.right(R - 2, y + 10 * k, st.money(value), font=bold if k == 2 else regular, size=size)
    s.text(L, y, "Forma de pago: 99    Método de pago: PPD    Uso CFDI: " + ("S01" if v4 else "P01"), size=size)
    y += 42
    total_usd = round(sum(ln["usd_value"] for ln in lines), 2)
    s.shade(L, y - 9, R, y + 3, 0.88)
    s.text(L + 3, y, "COMPLEMENTO COMERCIO EXTERIOR", font=bold, size=size)
    y += 14
    cce = [
        ("Versión:", "2.0" if v4 else "1.1"),
        ("Clave de pedimento:", "A1"),
        ("Certificado de origen:", "0"),
        ("Incoterm:", x["incoterm"]),
        ("Tipo de cambio USD:", f"{tc:.6f}"),
        ("Total USD:", f"{total_usd:.2f}"),
    ]
    for k, (label, value) in enumerate(cce):
        lv(L + (k % 3) * (R - L) / 3, y + 10 * (k // 3), label, value)
    y += 28
    mcols = [
        ("No. identificación", L + 2, "l"),
        ("Fracción arancelaria", L + 100, "l"),
        ("Cantidad aduana", L + 260, "r"),
        ("Unidad aduana", L + 272, "l"),
        ("Valor unitario aduana", L + 430, "r"),
        ("Valor dólares", R - 2, "r"),
    ]

    def mheader(y: float) -> float:
        s.hline(L, R, y - 9, 0.5)
        for label, cx, align in mcols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.6)
        s.hline(L, R, y + 3, 0.5)
        return y + 13

    y = mheader(y)
    for ln, (mark, model, sub, serials) in zip(lines, specifics, strict=True):
        if y + 30 > s.height - 40:
            foot()
            s.new_page()
            y = head()
            s.text(L, y, "COMPLEMENTO COMERCIO EXTERIOR (continuación)", font=bold, size=size)
            y = mheader(y + 14)
        unit_value = round(ln["usd_value"] / ln["customs_quantity"], 2) if ln["customs_quantity"] else 0.0
        cells = [
            ln["part_number"],
            ln["tariff_code"],
            f"{ln['customs_quantity']:.3f}",
            ln["customs_unit"],
            f"{unit_value:.2f}",
            f"{ln['usd_value']:.2f}",
        ]
        for (_l, cx, align), cell in zip(mcols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        y += 9
        s.text(L + 14, y, "Descripciones específicas:", font=bold, size=size - 1.2)
        sx = L + 110
        for label, value in (("Marca", mark), ("Modelo", model), ("Submodelo", sub), ("Número de serie", serials)):
            end = s.text(sx, y, f"{label}:", font=bold, size=size - 1.2)
            sx = s.text(end + 3, y, value, font=regular, size=size - 1.2) + 12
        y += 12
    y += 10
    if y + 110 > s.height - 24:
        foot()
        s.new_page()
        y = head()
    _qr(s, L, y, rng)
    _seals(s, st, L + 96, y + 4, truth, R - L - 140)
    y += 100
    s.text(L, y, f"No. de serie del certificado del SAT: {x['sat_certificate']}", font=regular, size=6)
    s.text(L + 230, y, f"Fecha y hora de certificación: {f['issue_date']}T{x['stamp_time']}", font=regular, size=6)
    s.text(L + 420, y, f"RFC del PAC: {x['pac_rfc']}", font=regular, size=6)
    foot()
    s.save()
    return s.page

"""Round 12 of the held-out CFDI printouts (see ``cfdi_printouts``), modelled on two more printouts of an export
Ingreso CFDI with the Comercio Exterior complement:

* ``anexo``: a template that prints the invoice proper first and the Comercio Exterior complement on a page of its
  own after it, as some invoicing systems print complements as annexes (the complement is a separate node of the
  XML): the first pages carry the issuer, the receiver, the comprobante's data (``Serie y folio``, ``Folio fiscal
  (UUID)``, ``Fecha y hora de emisión`` as ``27/08/2025 11:06:16``, ``Moneda``, ``Tipo de cambio``), the conceptos
  ``Cantidad | Clave unidad | Clave prod./serv. | No. identificación | Descripción | Valor unitario | Importe``
  (no fracción there), the totals and the total in letters as Mexican invoices print it (``SON: DOSCIENTOS
  CINCUENTA Y TRES MIL SEISCIENTOS VEINTINUEVE DÓLARES 97/100 USD``), the seals and the QR; then the annex with
  its own title ``ANEXO - COMPLEMENTO PARA COMERCIO EXTERIOR`` (``Tipo de operación``, ``Clave de pedimento``,
  ``Certificado de origen``, ``Incoterm``, ``Tipo de cambio USD``, ``Total USD``, the receiver's tax id) and the
  mercancías as a table ``No. identificación | Fracción arancelaria | Cantidad aduana | Unidad aduana | Valor
  unitario aduana | Valor dólares`` joined to the conceptos only by the part number; ``Página 2 de 2`` at every
  foot.
* ``empaque``: a maquiladora's CFDI printed to travel with the load as its commercial invoice and packing list
  in one (the plant's template adds what the US broker and the carrier ask for): three panels across the top
  (``EMISOR`` | ``RECEPTOR`` | ``COMPROBANTE`` with the series and folio, the UUID, ``Fecha de emisión`` as
  ``27/08/2025 11:06:16``, ``Efecto``, ``Moneda`` and ``T.C.`` on one line), the conceptos with packing columns
  beside the invoice ones: ``Part. | No. parte | Descripción | Fracción | Cantidad | U. | Tarimas | P. neto kg |
  P. bruto kg | P. unit. USD | Importe USD`` (pallets and weights: figures that are neither quantities nor
  amounts), under each row in small type the SAT key and the complement's mercancía (``Clave SAT 26121600 ·
  Cant. aduana 1,068.000 · U. aduana 06 · Valor USD 48,946.44``), the header row repeated on every page; totals of
  pallets and weights beside the invoice's totals; the shipment's data (``Transportista``, ``Caja``, ``Sello``,
  ``Aduana de salida``); at the foot the QR in a box to the left of the seals and the stamp's data to their
  right; ``Hoja 1 de 2`` at every foot.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from tests.synth.cfdi_printouts import Style
from tests.synth.cfdi_round4 import _qr
from tests.synth.cfdi_round7 import _seals
from tests.synth.draw import Sheet, wrap

ARRANGEMENTS = ("anexo", "empaque")
UNIT_NAMES = {"H87": "Pieza", "KGM": "Kilogramo", "MTR": "Metro"}
UNITS = [
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
    "DIECISÉIS",
    "DIECISIETE",
    "DIECIOCHO",
    "DIECINUEVE",
    "VEINTE",
    "VEINTIUN",
    "VEINTIDÓS",
    "VEINTITRÉS",
    "VEINTICUATRO",
    "VEINTICINCO",
    "VEINTISÉIS",
    "VEINTISIETE",
    "VEINTIOCHO",
    "VEINTINUEVE",
]
TENS = ["", "", "", "TREINTA", "CUARENTA", "CINCUENTA", "SESENTA", "SETENTA", "OCHENTA", "NOVENTA"]
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
    draw = _anexo if arrangement == "anexo" else _empaque
    state = rng.getstate()
    pages = draw(truth, path, rng, st, 0)
    rng.setstate(state)
    return draw(truth, path, rng, st, pages)


def _below_thousand(n: int) -> str:
    if n == 100:
        return "CIEN"
    parts = []
    if n >= 100:
        parts.append(HUNDREDS[n // 100])
        n %= 100
    if n >= 30:
        parts.append(TENS[n // 10] + (f" Y {UNITS[n % 10]}" if n % 10 else ""))
    elif n:
        parts.append(UNITS[n])
    return " ".join(parts)


def words(n: int) -> str:
    """An amount's whole part in Spanish capitals, as invoices print it (``UN MIL`` written ``MIL``)."""
    if n == 0:
        return "CERO"
    out = []
    millions, rest = divmod(n, 1_000_000)
    thousands, units = divmod(rest, 1000)
    if millions:
        out.append("UN MILLÓN" if millions == 1 else f"{_below_thousand(millions)} MILLONES")
    if thousands:
        out.append("MIL" if thousands == 1 else f"{_below_thousand(thousands)} MIL")
    if units:
        out.append(_below_thousand(units))
    return " ".join(out)


def _letters(total: float) -> str:
    cents = round(total * 100)
    return f"SON: {words(cents // 100)} DÓLARES {cents % 100:02d}/100 USD"


def _when(truth: dict[str, Any]) -> str:
    iso = truth["fields"]["issue_date"]
    return f"{iso[8:]}/{iso[5:7]}/{iso[:4]} {truth['extra']['time']}"


# --------------------------------------------------------------------------------------------------------


def _anexo(truth: dict[str, Any], path: Path, rng: random.Random, st: Style, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, title="CFDI")
    L, R = 30.0, s.width - 30.0
    M = (L + R) / 2
    size, bold, regular = st.size - 0.5, st.bold, st.regular
    tc = f["exchange_rate"]
    v4 = f["cfdi_version"].startswith("4")

    def foot() -> None:
        s.centre((L + R) / 2, s.height - 18, "Este documento es una representación impresa de un CFDI", size=6)
        s.right(R, s.height - 18, f"Página {s.page} de {pages}", font=regular, size=6)

    def lv(x0: float, y: float, label: str, value: str) -> None:
        end = s.text(x0, y, label, font=bold, size=size)
        s.text(end + 4, y, value, font=regular, size=size)

    def head() -> float:
        s.text(L, 36, f["issuer_name"], font=bold, size=10.5)
        s.text(L, 47, f"RFC: {f['issuer_rfc']}   Régimen fiscal: 601 - General de Ley Personas Morales", size=size)
        s.text(L, 56, f"Lugar de expedición: {x['zip']}", size=size)
        s.right(R, 36, "FACTURA", font=bold, size=12)
        s.right(R, 47, f"Serie y folio: {f['series']} {f['folio']}", font=regular, size=size)
        s.hline(L, R, 62, 0.8)
        return 76.0

    y = head()
    lv(L, y, "Folio fiscal (UUID):", f["uuid"])
    lv(M + 20, y, "Fecha y hora de emisión:", _when(truth))
    y += 10
    lv(L, y, "No. de certificado:", x["certificate"])
    lv(M + 20, y, "Tipo de comprobante:", "I - Ingreso")
    y += 10
    lv(L, y, "Moneda:", f"{f['currency']}")
    lv(L + 120, y, "Tipo de cambio:", f"{tc:.4f}")
    lv(M + 20, y, "Versión:", f["cfdi_version"])
    y += 10
    lv(L, y, "Forma de pago:", "99 - Por definir")
    lv(M + 20, y, "Método de pago:", "PPD - Pago en parcialidades o diferido")
    y += 10
    if v4:
        lv(L, y, "Exportación:", "02 - Definitiva")
        y += 10
    y += 6
    s.shade(L, y - 8, R, y + 3, 0.88)
    s.text(L + 3, y, "RECEPTOR", font=bold, size=size)
    y += 12
    lv(L, y, "Nombre:", f["receiver_name"])
    y += 10
    lv(L, y, "RFC:", f["receiver_rfc"])
    lv(L + 150, y, "Uso CFDI:", "S01 - Sin efectos fiscales" if v4 else "P01 - Por definir")
    y += 16
    cols = [
        ("Cantidad", L + 38, "r"),
        ("Clave unidad", L + 44, "l"),
        ("Clave prod./serv.", L + 96, "l"),
        ("No. identificación", L + 160, "l"),
        ("Descripción", L + 236, "l"),
        ("Valor unitario", R - 62, "r"),
        ("Importe", R - 2, "r"),
    ]

    def header(y: float) -> float:
        s.shade(L, y - 9, R, y + 3, 0.82)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
        return y + 13

    y = header(y)
    for ln in lines:
        desc = wrap(ln["description"], R - 70 - (L + 236) - 8, font=regular, size=size)
        if y + 9 * len(desc) > s.height - 50:
            foot()
            s.new_page()
            y = header(head())
        cells = [
            st.qty(ln["quantity"]),
            ln["unit"],
            ln["product_key"],
            ln["part_number"],
            desc[0],
            st.money(ln["unit_price"]),
            st.money(ln["amount"]),
        ]
        for (_l, cx, align), cell in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        for j, part in enumerate(desc[1:], start=1):
            s.text(L + 236, y + 9 * j, part, font=regular, size=size)
        y += 9 * len(desc) + 4
    if y + 210 > s.height - 30:
        foot()
        s.new_page()
        y = head()
    s.hline(L, R, y - 5, 0.5)
    y += 6
    for k, (label, value) in enumerate([("Subtotal", f["subtotal"]), ("IVA 0%", 0.0), ("Total", f["total"])]):
        s.text(R - 150, y + 10 * k, label, font=bold, size=size)
        s.right(R - 2, y + 10 * k, st.money(value), font=bold if k == 2 else regular, size=size)
    for k, part in enumerate(wrap(_letters(f["total"]), R - L - 190, font=regular, size=size)):
        s.text(L, y + 10 * k, part, font=regular, size=size)
    y += 42
    _qr(s, L, y, rng)
    _seals(s, st, L + 96, y + 4, truth, R - L - 100)
    y += 118
    s.text(L, y, f"Fecha y hora de certificación: {f['issue_date']}T{x['stamp_time']}", font=regular, size=6)
    s.text(L + 200, y, f"No. de serie del certificado del SAT: {x['sat_certificate']}", font=regular, size=6)
    s.text(L + 420, y, f"RFC del PAC: {x['pac_rfc']}", font=regular, size=6)
    foot()
    # the complement, on a page of its own
    s.new_page()
    s.text(L, 36, f["issuer_name"], font=bold, size=9)
    s.right(R, 36, f"Folio fiscal: {f['uuid']}", font=regular, size=size)
    s.centre((L + R) / 2, 56, "ANEXO - COMPLEMENTO PARA COMERCIO EXTERIOR", font=bold, size=10)
    s.hline(L, R, 62, 0.8)
    total_usd = round(sum(ln["usd_value"] for ln in lines), 2)
    y = 78.0
    pairs = [
        ("Versión:", "2.0" if v4 else "1.1"),
        ("Tipo de operación:", "2 - Exportación"),
        ("Clave de pedimento:", "A1"),
        ("Certificado de origen:", "0 - No funge como certificado"),
        ("Incoterm:", x["incoterm"]),
        ("Tipo de cambio USD:", f"{tc:.4f}"),
        ("Total USD:", f"{total_usd:,.2f}"),
        ("NumRegIdTrib del receptor:", x["receiver_tax_id"]),
    ]
    for k, (label, value) in enumerate(pairs):
        lv(L + (k % 2) * (M - L + 20), y + 10 * (k // 2), label, value)
    y += 10 * ((len(pairs) + 1) // 2) + 12
    s.shade(L, y - 8, R, y + 3, 0.88)
    s.text(L + 3, y, "MERCANCÍAS", font=bold, size=size)
    y += 14
    mcols = [
        ("No. identificación", L + 2, "l"),
        ("Fracción arancelaria", L + 110, "l"),
        ("Cantidad aduana", L + 270, "r"),
        ("Unidad aduana", L + 290, "l"),
        ("Valor unitario aduana", L + 440, "r"),
        ("Valor dólares", R - 2, "r"),
    ]

    def mheader(y: float) -> float:
        s.hline(L, R, y - 9, 0.5)
        for label, cx, align in mcols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
        s.hline(L, R, y + 3, 0.5)
        return y + 13

    y = mheader(y)
    for ln in lines:
        if y > s.height - 50:
            foot()
            s.new_page()
            s.text(L, 36, "ANEXO - COMPLEMENTO PARA COMERCIO EXTERIOR (continuación)", font=bold, size=9)
            y = mheader(60.0)
        unit_value = round(ln["usd_value"] / ln["customs_quantity"], 2) if ln["customs_quantity"] else 0.0
        cells = [
            ln["part_number"],
            ln["tariff_code"],
            f"{ln['customs_quantity']:,.3f}",
            ln["customs_unit"],
            f"{unit_value:,.2f}",
            f"{ln['usd_value']:,.2f}",
        ]
        for (_l, cx, align), cell in zip(mcols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        y += 10
    foot()
    s.save()
    return s.page


# --------------------------------------------------------------------------------------------------------


def _empaque(truth: dict[str, Any], path: Path, rng: random.Random, st: Style, pages: int) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, title="CFDI")
    L, R = 24.0, s.width - 24.0
    size, bold, regular = st.size - 1.0, st.bold, st.regular
    tc = f["exchange_rate"]
    v4 = f["cfdi_version"].startswith("4")
    w = (R - L) / 3
    weight = {"H87": 0.4, "KGM": 1.0, "MTR": 0.2}
    packing = []
    for ln in lines:
        net = round(ln["quantity"] * weight.get(ln["unit"], 0.5) * rng.uniform(0.05, 0.6), 2)
        packing.append((max(1, round(net / rng.uniform(300, 700))), net, round(net * rng.uniform(1.04, 1.15), 2)))

    def panel(k: int, title: str, rows: list[tuple[str, str]]) -> None:
        x0 = L + k * w
        s.box(x0, 22, x0 + w, 96, 0.6)
        s.shade(x0, 22, x0 + w, 32, 0.8)
        s.text(x0 + 4, 30, title, font=bold, size=size)
        for j, (label, value) in enumerate(rows):
            end = s.text(x0 + 4, 42 + 9 * j, label, font=bold, size=size - 1)
            s.text(end + 3, 42 + 9 * j, value, font=regular, size=size - 1)

    def head() -> float:
        name = wrap(f["issuer_name"], w - 10, font=regular, size=size - 1)
        panel(
            0,
            "EMISOR",
            [
                *[("", n) for n in name[:2]],
                ("RFC:", f["issuer_rfc"]),
                ("Régimen fiscal:", "601"),
                ("Lugar de expedición:", x["zip"]),
                ("No. certificado:", x["certificate"]),
            ],
        )
        panel(
            1,
            "RECEPTOR",
            [
                ("", f["receiver_name"]),
                ("RFC:", f["receiver_rfc"]),
                ("NumRegIdTrib:", x["receiver_tax_id"]),
                ("Residencia fiscal:", "USA"),
                ("Uso CFDI:", "S01" if v4 else "P01"),
            ],
        )
        panel(
            2,
            "COMPROBANTE",
            [
                ("Serie:", f"{f['series']}   Folio: {f['folio']}"),
                ("UUID:", ""),
                ("", f["uuid"]),
                ("Fecha de emisión:", _when(truth)),
                ("Efecto:", f"Ingreso   Versión: {f['cfdi_version']}"),
                ("Moneda:", f"{f['currency']}   T.C.: {tc:.4f}"),
                ("Incoterm:", f"{x['incoterm']}   Clave pedimento: A1"),
            ],
        )
        s.right(R, s.height - 14, f"Hoja {s.page} de {pages}", font=regular, size=6)
        return 112.0

    cols = [
        ("Part.", L + 2, "l"),
        ("No. parte", L + 22, "l"),
        ("Descripción", L + 80, "l"),
        ("Fracción", L + 206, "l"),
        ("Cantidad", L + 282, "r"),
        ("U.", L + 286, "l"),
        ("Tarimas", L + 334, "r"),
        ("P. neto kg", L + 382, "r"),
        ("P. bruto kg", L + 430, "r"),
        ("P. unit. USD", L + 488, "r"),
        ("Importe USD", R - 2, "r"),
    ]

    def header(y: float) -> float:
        s.shade(L, y - 8, R, y + 3, 0.82)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
        return y + 12

    y = header(head())
    for k, (ln, (pallets, net, gross)) in enumerate(zip(lines, packing, strict=True), start=1):
        desc = wrap(ln["description"], 120, font=regular, size=size)
        if y + 8 * len(desc) + 10 > s.height - 40:
            s.new_page()
            y = header(head())
        cells = [
            str(k),
            ln["part_number"],
            desc[0],
            ln["tariff_code"],
            st.qty(ln["quantity"]),
            ln["unit"],
            str(pallets),
            f"{net:,.2f}",
            f"{gross:,.2f}",
            f"{ln['unit_price']:,.2f}",
            f"{ln['amount']:,.2f}",
        ]
        for (_l, cx, align), cell in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        for j, part in enumerate(desc[1:], start=1):
            s.text(L + 80, y + 8 * j, part, font=regular, size=size)
        y += 8 * len(desc)
        s.text(
            L + 80,
            y,
            f"Clave SAT {ln['product_key']} · Cant. aduana {ln['customs_quantity']:,.3f} · "
            f"U. aduana {ln['customs_unit']} · Valor USD {ln['usd_value']:,.2f}",
            font=regular,
            size=size - 1.5,
        )
        y += 11
        s.hline(L, R, y - 7, 0.1)
    if y + 190 > s.height - 24:
        s.new_page()
        y = head()
    y += 6
    totals = [("Subtotal", f["subtotal"]), ("IVA 0%", 0.0), ("Total", f["total"])]
    for k, (label, value) in enumerate(totals):
        s.text(R - 150, y + 10 * k, label, font=bold, size=size)
        s.right(R - 2, y + 10 * k, st.money(value), font=bold if k == 2 else regular, size=size)
    pack = [
        ("Total tarimas:", str(sum(p[0] for p in packing))),
        ("Peso neto total kg:", f"{sum(p[1] for p in packing):,.2f}"),
        ("Peso bruto total kg:", f"{sum(p[2] for p in packing):,.2f}"),
    ]
    for k, (label, value) in enumerate(pack):
        end = s.text(L, y + 10 * k, label, font=bold, size=size)
        s.text(end + 4, y + 10 * k, value, font=regular, size=size)
    trailer = f"{rng.choice(['CAJA', 'TRAILER'])} {rng.randint(10000, 99999)}"
    ship = [
        ("Transportista:", rng.choice(["TRANSPORTES DEL BRAVO SA DE CV", "AUTOLINEAS FRONTERIZAS SA DE CV"])),
        ("Caja:", trailer),
        ("Sello:", f"{rng.randint(1000000, 9999999)}"),
        ("Aduana de salida:", rng.choice(["240 NUEVO LAREDO", "800 COLOMBIA", "070 CD. JUAREZ"])),
    ]
    for k, (label, value) in enumerate(ship):
        end = s.text(L + 170, y + 10 * k, label, font=bold, size=size)
        s.text(end + 4, y + 10 * k, value, font=regular, size=size)
    s.text(L, y + 44, "Forma de pago: 99 - Por definir    Método de pago: PPD", font=regular, size=size)
    y += 60
    _qr(s, L, y, rng)
    _seals(s, st, L + 96, y + 4, truth, 300)
    xs = L + 410
    for k, (label, value) in enumerate(
        [
            ("No. de serie del certificado del SAT:", x["sat_certificate"]),
            ("Fecha y hora de certificación:", f"{f['issue_date']}T{x['stamp_time']}"),
            ("RFC del PAC:", x["pac_rfc"]),
        ]
    ):
        s.text(xs, y + 6 + 20 * k, label, font=bold, size=6)
        s.text(xs, y + 14 + 20 * k, value, font=regular, size=6)
    s.centre((L + R) / 2, s.height - 14, "Este documento es una representación impresa de un CFDI", size=6)
    s.save()
    return s.page

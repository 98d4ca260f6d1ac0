"""Round 8 of the held-out CFDI printouts (see ``cfdi_printouts``), modelled on two more printouts of an export
Ingreso CFDI with the Comercio Exterior complement:

* ``contable``: the default template of a desktop accounting and invoicing package sold to Mexican small and
  mid-size companies (the packages' public template guides: a logo box top left, the issuer's data beside it,
  a ``FACTURA`` box top right with ``Serie y folio`` run together as ``A - 10188``, ``Fecha de emisión``
  as ``13/03/2025 09:44:02``, ``Lugar de expedición``); the customer block as ``Cliente`` with ``R.F.C.``
  (the generic foreign RFC) and ``Núm. reg. id. trib.``; conceptos ``Cantidad | Unidad | Clave SAT | Código |
  Descripción | P. Unitario | Importe`` and, under each concepto, the complement's mercancía for that concepto in
  small type (``Fracción 85444299  Cant. aduana 120.000  U.M. aduana 06  Valor unit. aduana 1.25  Valor
  dólares 150.00``), as templates print the complement per concepto when it is keyed by ``NoIdentificacion``;
  totals with ``Subtotal``, ``I.V.A. 0%``, ``Total`` and the amount in words; the stamp data and seals at the
  foot, with ``Este documento es una representación impresa de un CFDI``.
* ``atributos``: the printout a free XML viewer or a PAC's web portal makes from any stamped XML, without a
  template: the XML's nodes as headings (``Comprobante``, ``Emisor``, ``Receptor``, ``Conceptos``,
  ``ComercioExterior``, ``TimbreFiscalDigital``) and each attribute as ``Name: value`` with the XML's raw
  values (``Fecha: 2025-03-13T09:44:02``, ``SubTotal: 88165.80``, ``TipoCambio: 20.4636``); each concepto a
  numbered block of its attributes, the complement's mercancías a table of attribute names; no thousands
  separators anywhere, amounts with the XML's decimals. Public sources: SAT's Anexo 20 (the CFDI 3.3 / 4.0
  schema's attribute names) and the Comercio Exterior complement's schema.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from tests.synth.cfdi_printouts import Style
from tests.synth.cfdi_round4 import _in_words, _qr
from tests.synth.cfdi_round7 import _seals
from tests.synth.draw import Sheet, dmy, wrap

ARRANGEMENTS = ("contable", "atributos")
UNIT_NAMES = {"H87": "Pieza", "KGM": "Kilogramo", "MTR": "Metro"}


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random, st: Style) -> int:
    """Draw the printout; returns its page count."""
    return (_contable if arrangement == "contable" else _atributos)(truth, path, rng, st)


def _contable(truth: dict[str, Any], path: Path, rng: random.Random, st: Style) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, title="Factura")
    L, R = 30.0, s.width - 30.0
    size, bold, regular = st.size - 0.5, st.bold, st.regular
    v4 = f["cfdi_version"].startswith("4")
    sep = rng.choice([" - ", "-", " "])

    def lv(x0: float, y: float, label: str, value: str) -> None:
        end = s.text(x0, y, label, font=bold, size=size)
        s.text(end + 4, y, value, font=regular, size=size)

    def foot() -> None:
        s.centre(s.width / 2, s.height - 22, "Este documento es una representación impresa de un CFDI", size=6)
        s.right(R, s.height - 22, f"Página {s.page}", size=6)

    s.box(L, 28, L + 70, 78, 0.5)
    s.centre(L + 35, 56, "LOGO", font=bold, size=9)
    s.text(L + 80, 36, f["issuer_name"], font=bold, size=10)
    s.text(L + 80, 48, f"R.F.C.: {f['issuer_rfc']}", font=regular, size=size)
    s.text(L + 80, 58, "Régimen fiscal: 601 General de Ley Personas Morales", font=regular, size=size)
    s.text(L + 80, 68, f"Lugar de expedición: {x['zip']}", font=regular, size=size)
    bx = R - 170
    s.box(bx, 28, R, 96, 0.6)
    s.shade(bx, 28, R, 40, 0.75)
    s.centre(bx + 85, 37, "FACTURA", font=bold, size=size + 1.5)
    lv(bx + 4, 50, "Serie y folio:", f"{f['series']}{sep}{f['folio']}")
    lv(bx + 4, 60, "Fecha de emisión:", f"{dmy(f['issue_date'])} {x['time']}")
    lv(bx + 4, 70, "Versión CFDI:", f["cfdi_version"])
    lv(bx + 4, 80, "Efecto:", "I - Ingreso")
    lv(bx + 4, 90, "Exportación:", "02" if v4 else "N/A")
    y = 110.0
    s.box(L, y - 9, R, y + 42, 0.5)
    s.text(L + 3, y, "Cliente", font=bold, size=size + 0.5)
    lv(L + 6, y + 11, "Nombre:", f["receiver_name"])
    lv(L + 6, y + 21, "R.F.C.:", f["receiver_rfc"])
    lv(L + 200, y + 21, "Núm. reg. id. trib.:", x["receiver_tax_id"])
    lv(L + 6, y + 31, "Uso del CFDI:", "S01" if v4 else "P01")
    lv(L + 200, y + 31, "Residencia fiscal:", "USA")
    y += 56
    pay = [
        ("Moneda:", f["currency"]),
        ("Tipo de cambio:", f"{f['exchange_rate']:.4f}"),
        ("Método de pago:", "PPD"),
        ("Forma de pago:", "99"),
    ]
    for k, (label, value) in enumerate(pay):
        lv(L + 135 * k, y, label, value)
    y += 16
    cols = [
        ("Cantidad", L + 40, "r"),
        ("Unidad", L + 46, "l"),
        ("Clave SAT", L + 90, "l"),
        ("Código", L + 140, "l"),
        ("Descripción", L + 210, "l"),
        ("P. Unitario", R - 70, "r"),
        ("Importe", R - 2, "r"),
    ]

    def header(y: float) -> float:
        s.shade(L, y - 9, R, y + 3, 0.8)
        for label, cx, align in cols:
            (s.right if align == "r" else s.text)(cx, y, label, font=bold, size=size - 0.5)
        return y + 13

    y = header(y)
    for ln in lines:
        desc = wrap(ln["description"], R - 80 - (L + 210) - 40, font=regular, size=size)
        if y + 9 * len(desc) + 14 > s.height - 50:
            foot()
            s.new_page()
            y = header(50.0)
        cells = [st.qty(ln["quantity"]), ln["unit"], ln["product_key"], ln["part_number"], desc[0]]
        cells += [st.money(ln["unit_price"]), st.money(ln["amount"])]
        for (_l, cx, align), cell in zip(cols, cells, strict=True):
            (s.right if align == "r" else s.text)(cx, y, cell, font=regular, size=size)
        for j, part in enumerate(desc[1:], start=1):
            s.text(L + 210, y + 9 * j, part, font=regular, size=size)
        y += 9 * len(desc)
        unit_value = ln["usd_value"] / ln["customs_quantity"]
        cce = (
            f"Fracción {ln['tariff_code']}   Cant. aduana {ln['customs_quantity']:.3f}   U.M. aduana "
            f"{ln['customs_unit']}   Valor unit. aduana {unit_value:.2f}   Valor dólares {ln['usd_value']:,.2f}"
        )
        s.text(L + 90, y, cce, font=regular, size=size - 1.5)
        y += 12
        s.hline(L, R, y - 8, 0.15)
    if y > s.height - 300:
        foot()
        s.new_page()
        y = 50.0
    y += 4
    for k, (label, value) in enumerate((("Subtotal:", f["subtotal"]), ("I.V.A. 0%:", 0.0), ("Total:", f["total"]))):
        s.right(R - 80, y + 11 * k, label, font=bold, size=size)
        s.right(R - 2, y + 11 * k, st.money(value), font=bold if label == "Total:" else regular, size=size)
    s.text(L, y, "Importe con letra:", font=bold, size=size)
    for k, part in enumerate(wrap(_in_words(f["total"]), 320, font=regular, size=size)):
        s.text(L, y + 10 * (k + 1), part, font=regular, size=size)
    y += 40
    total_usd = sum(ln["usd_value"] for ln in lines)
    s.text(L, y, "Comercio Exterior:", font=bold, size=size)
    s.text(
        L + 80,
        y,
        f"Clave de pedimento A1   Incoterm {x['incoterm']}   Certificado de origen 0   Total USD {total_usd:,.2f}",
        font=regular,
        size=size,
    )
    y += 18
    _qr(s, L, y, rng)
    lv(L + 96, y + 4, "Folio fiscal (UUID):", f["uuid"])
    lv(L + 96, y + 14, "No. de certificado del emisor:", x["certificate"])
    lv(L + 96, y + 24, "No. de certificado del SAT:", x["sat_certificate"])
    lv(L + 96, y + 34, "Fecha y hora de certificación:", f"{dmy(f['issue_date'])} {x['stamp_time']}")
    lv(L + 96, y + 44, "RFC del PAC:", x["pac_rfc"])
    _seals(s, st, L + 96, y + 60, truth, R - L - 96)
    foot()
    s.save()
    return s.page


def _atributos(truth: dict[str, Any], path: Path, rng: random.Random, st: Style) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, title="CFDI")
    L, R = 36.0, s.width - 36.0
    size = st.size - 0.5
    regular, bold = rng.choice([(st.regular, st.bold), ("Courier", "Courier-Bold")])
    if regular == "Courier":
        size = 6.5
    v4 = f["cfdi_version"].startswith("4")
    state = {"y": 36.0}
    step = size + 3

    def need(h: float) -> None:
        if state["y"] + h > s.height - 40:
            s.right(R, s.height - 22, f"{s.page}", font=regular, size=6)
            s.new_page()
            state["y"] = 40.0

    def node(name: str, depth: int = 0) -> None:
        need(3 * step)
        state["y"] += 4
        s.text(L + 12 * depth, state["y"], name, font=bold, size=size + 1)
        s.hline(L + 12 * depth, R, state["y"] + 3, 0.3)
        state["y"] += step + 2

    def attrs(pairs: list[tuple[str, str]], depth: int = 1, cols: int = 2) -> None:
        width = (R - L - 12 * depth) / cols
        for k in range(0, len(pairs), cols):
            need(step)
            for j, (name, value) in enumerate(pairs[k : k + cols]):
                cx = L + 12 * depth + j * width
                end = s.text(cx, state["y"], f"{name}:", font=bold, size=size)
                s.text(end + 3, state["y"], value, font=regular, size=size)
            state["y"] += step

    s.text(L, state["y"], "Representación del comprobante fiscal digital por internet", font=bold, size=size + 2)
    state["y"] += step + 4
    node("Comprobante")
    attrs(
        [
            ("Version", f["cfdi_version"]),
            ("Serie", f["series"]),
            ("Folio", f["folio"]),
            ("Fecha", f"{f['issue_date']}T{x['time']}"),
            ("FormaPago", "99"),
            ("NoCertificado", x["certificate"]),
            ("SubTotal", f"{f['subtotal']:.2f}"),
            ("Moneda", f["currency"]),
            ("TipoCambio", f"{f['exchange_rate']:.4f}"),
            ("Total", f"{f['total']:.2f}"),
            ("TipoDeComprobante", "I"),
            ("MetodoPago", "PPD"),
            ("LugarExpedicion", x["zip"]),
            *([("Exportacion", "02")] if v4 else []),
        ]
    )
    node("Emisor", 1)
    attrs([("Rfc", f["issuer_rfc"]), ("Nombre", f["issuer_name"]), ("RegimenFiscal", "601")], 2, cols=1)
    node("Receptor", 1)
    rec = [("Rfc", f["receiver_rfc"]), ("Nombre", f["receiver_name"]), ("ResidenciaFiscal", "USA")]
    rec += [("NumRegIdTrib", x["receiver_tax_id"]), ("UsoCFDI", "S01" if v4 else "P01")]
    if v4:
        rec.append(("RegimenFiscalReceptor", "616"))
    attrs(rec, 2, cols=1)
    node("Conceptos", 1)
    for k, ln in enumerate(lines, start=1):
        need(6 * step)
        s.text(L + 24, state["y"], f"Concepto {k}", font=bold, size=size)
        state["y"] += step
        attrs(
            [
                ("ClaveProdServ", ln["product_key"]),
                ("NoIdentificacion", ln["part_number"]),
                ("Cantidad", f"{ln['quantity']:.3f}" if rng.random() < 0.5 else f"{ln['quantity']:g}"),
                ("ClaveUnidad", ln["unit"]),
                ("Unidad", UNIT_NAMES.get(ln["unit"], ln["unit"])),
                ("ValorUnitario", f"{ln['unit_price']:.2f}"),
                ("Importe", f"{ln['amount']:.2f}"),
                *([("ObjetoImp", "02")] if v4 else []),
            ],
            3,
        )
        for part in wrap(ln["description"], R - L - 120, font=regular, size=size):
            need(step)
            end = s.text(L + 36, state["y"], "Descripcion:", font=bold, size=size)
            s.text(end + 3, state["y"], part, font=regular, size=size)
            state["y"] += step
    node("Complemento / cce:ComercioExterior", 1)
    total_usd = sum(ln["usd_value"] for ln in lines)
    attrs(
        [
            ("Version", "2.0" if v4 else "1.1"),
            ("ClaveDePedimento", "A1"),
            ("CertificadoOrigen", "0"),
            ("Incoterm", x["incoterm"]),
            ("TipoCambioUSD", f"{f['exchange_rate']:.4f}"),
            ("TotalUSD", f"{total_usd:.2f}"),
        ],
        2,
    )
    node("Mercancias", 2)
    cols = [("NoIdentificacion", 0), ("FraccionArancelaria", 110), ("CantidadAduana", 220)]
    cols += [("UnidadAduana", 300), ("ValorUnitarioAduana", 370), ("ValorDolares", 460)]
    need(2 * step)
    for name, dx in cols:
        s.text(L + 36 + dx * (R - L - 36) / 520, state["y"], name, font=bold, size=size - 0.5)
    state["y"] += step
    for ln in lines:
        need(step)
        unit_value = ln["usd_value"] / ln["customs_quantity"]
        cells = [ln["part_number"], ln["tariff_code"], f"{ln['customs_quantity']:.3f}", ln["customs_unit"]]
        cells += [f"{unit_value:.2f}", f"{ln['usd_value']:.2f}"]
        for (_n, dx), cell in zip(cols, cells, strict=True):
            s.text(L + 36 + dx * (R - L - 36) / 520, state["y"], cell, font=regular, size=size)
        state["y"] += step
    node("Complemento / tfd:TimbreFiscalDigital", 1)
    attrs(
        [
            ("Version", "1.1"),
            ("UUID", f["uuid"]),
            ("FechaTimbrado", f"{f['issue_date']}T{x['stamp_time']}"),
            ("RfcProvCertif", x["pac_rfc"]),
            ("NoCertificadoSAT", x["sat_certificate"]),
        ],
        2,
        cols=1,
    )
    need(120)
    state["y"] += 6
    _seals(s, st, L, state["y"], truth, R - L)
    s.right(R, s.height - 22, f"{s.page}", font=regular, size=6)
    s.save()
    return s.page

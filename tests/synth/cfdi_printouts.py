"""CFDI printouts (the PDF "representación impresa") of export CFDI with the Comercio Exterior complement.

Four arrangements, after what common CFDI-to-PDF tools print (a generic template and a "specimen" one, as in
nodecfdi/cfdi-to-pdf; a boxed form with labels above their values; conceptos as two-row records). Each draw
varies what varies between issuers: label spelling, fonts and sizes, money with or without ``$``, quantities
with or without decimals, column order, noise lines.

* ``generic``: title "CFDI 4.0 de Ingreso", header labels in a row with their values below, conceptos
  ``Clave | No. Ident. | Unidad | Descripción | Valor unitario | Cantidad | Importe``.
* ``specimen``: ``LABEL: value`` lines, conceptos ``ClaveProdServ | Cant | Clave Unidad | Identificación | ...``,
  mercancías with the XML's attribute names as headers.
* ``boxed``: ruled boxes with small labels above, conceptos starting with the quantity, the unit as
  ``H87 - Pieza``, mercancías in another column order.
* ``tworow``: each concepto in two rows (codes and figures, then the description).
* ``compact``: ``Label: value`` pairs two to a line (``Nombre Emisor:``, ``RFC Emisor:``), conceptos
  ``Cant. | Unidad | Clave Prod/Serv | No. Ident. | Concepto | P. Unitario | Importe``.
* ``ledger``: conceptos starting with the description, headers spelled as the XML's attributes
  (``ClaveProdServ``, ``NoIdentificacion``, ``ClaveUnidad``, ``ValorUnitario``), dates day first.

* ``modern``: ``Emisor`` and ``Receptor`` panels with labels above values, conceptos
  ``Clave SAT | Descripción | Código | Cant. | U. Medida | Precio | Importe``, mercancías headed ``Código``,
  ``Cant. Aduana``, ``U. Aduana``, ``Valor USD``.
* ``plain``: monospaced ``LABEL: value`` lines, conceptos starting with the description and the
  quantity before the codes.

* ``pac``, ``erp`` (round 4; ``cfdi_round4``): a certification provider's printout template (QR and
  seals at the bottom, conceptos with ``Clave SAT``, ``No. Ident.``, ``Objeto Imp.``) and an ERP's export invoice
  (Spanish headers in another order, money as ``1,234.56 USD``, the Comercio Exterior section as ``Clave: valor``).
* ``erpform``, ``satform`` (development; ``cfdi_printouts_erp``): an ERP's invoice form with the SAT codes and the
  Comercio Exterior data on lines under each concepto, and the SAT viewer's representación impresa.

Held out by round: 1 ``boxed``, ``tworow`` (held-out text-layer F1 0.68); 2 ``compact``, ``ledger`` (0.84); 3
``modern``, ``plain`` (0.82); 4 ``pac``, ``erp`` (0.914); 5 ``facturacion``, ``addenda`` (``cfdi_round5``: an
invoicing web service's printout with units as ``H87 - Pieza`` and customs units as ``06 - PIEZA``, and an
automotive supplier's with labelled concepto blocks and the customer's addenda); 6 ``dosrenglones``, ``ticket``
(``cfdi_round6``: an ERP's printout with every concepto on two lines and units as ``PIEZA (H87)``, and a kiosk's
narrow receipt-like printout); 7 ``timbrado``, ``apaisado`` (``cfdi_round7``: an ERP e-invoicing bundle's printout
with every catalogue code named and the complement's raw XML values under their attribute names, and a
maquiladora's landscape bilingual invoice with each concepto and its mercancía on one row and the stamp's data at
the foot); 8 ``contable``, ``atributos`` (``cfdi_round8``: a desktop accounting package's template with each
concepto's Comercio Exterior mercancía in small type under it, and an XML viewer's printout of every node and
attribute by its schema name); 9 ``subsidiaria``, ``europea`` (``cfdi_round9``: a US parent's ERP printout with
every caption in English and the complement's mercancías as a table of their own joined by part number, and a
European group's ERP printout with ``1.234,56`` amounts, ``27.08.2025`` dates and positions numbered in tens); 10
``descriptivo``, ``vanvienen`` (``cfdi_round10``: an invoicing portal's template with the part number and the
complement's data typed into each concepto's description, and a printed-form template carrying ``VAN`` / ``VIENEN``
running sums across pages with the mercancías keyed by concepto number); 11 ``traslado``, ``lateral``
(``cfdi_round11``: a maquiladora's CFDI de Traslado with the Comercio Exterior and Carta Porte complements, SubTotal
and Total of zero, and an invoicing service's template with the fiscal data in a sidebar beside the conceptos and
every amount also in pesos); 12 ``anexo``, ``empaque`` (``cfdi_round12``: a template printing the Comercio Exterior
complement on an annex page of its own after the invoice with its total in letters, and a maquiladora's CFDI doubling as
packing list with pallets and weights beside each concepto); 13 ``euros``, ``seriales`` (``cfdi_round13``: a CFDI
billed in euros to a European customer whose template prints the conceptos in euros beside the complement's dollar
values, and a CFDI for serial-numbered equipment with an ``Obj. imp.`` column and each mercancía's brand, model and
serial range); 14 ``partes``, ``sustitucion`` (``cfdi_round14``: a CFDI whose conceptos are each followed by
their ``Parte`` sub-items, part numbers, quantities and some values of the parts, with the mercancías in a table of
their own, and a CFDI that replaces a cancelled one, with the ``CFDI relacionados`` box holding the replaced folio
fiscal and an observation naming the replaced series and folio); 15 ``conpago``, ``desbordada`` (``cfdi_round15``: a
CFDI paid in parcialidades printed with its payment receipt, the CFDI de Pago with its own folio fiscal, dates and
amounts and the invoice's folio fiscal among its related documents, in the same file, and a report writer's template
whose concepto table is printed in vertical slices, the left-hand columns of a page's conceptos first and their
remaining columns on the next page, matched by the concepto's number); 16 ``alto``, ``porfraccion``
(``cfdi_round16``: a CFDI saved as PDF from a phone's browser as ONE page as tall as its content, the viewer's cards
with captions over values, and an exporter's template that adds a summary of the complement's mercancías by tariff
fraction, with summed customs quantities and dollar values); 17 ``impuestos``, ``cancelado`` (``cfdi_round17``: an
invoicing service's template printing each concepto's tax row, ``Traslado IVA 002 Tasa 0.000000`` with its base and
amount, in the concepto table's own columns, and a provider's landscape printout of a cancelled CFDI with the
``CANCELADO`` watermark, the cancellation's date and motive and the substitute folio fiscal); 18 ``descuento``,
``pesos`` (``cfdi_round18``: an invoicing service's template with real discounts in a ``Descuento`` column, the total
the subtotal less the discounts, and an exporter's template billing its foreign customer in Mexican pesos, the
conceptos in pesos and the complement's mercancías in dollars with ``Tipo de cambio USD``). After each round the
readers were fixed on the held-out pair, which joined development.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from tests.synth.draw import BOLD, REGULAR, Sheet, wrap

ARRANGEMENTS: tuple[str, ...] = (
    "generic",
    "specimen",
    "boxed",
    "tworow",
    "compact",
    "ledger",
    "modern",
    "plain",
    "taxed",
    "erpform",
    "satform",
    "pac",
    "erp",
    "facturacion",
    "addenda",
    "dosrenglones",
    "ticket",
    "timbrado",
    "apaisado",
    "contable",
    "atributos",
    "subsidiaria",
    "europea",
    "descriptivo",
    "vanvienen",
    "traslado",
    "lateral",
    "anexo",
    "empaque",
    "euros",
    "seriales",
    "partes",
    "sustitucion",
    "conpago",
    "desbordada",
    "alto",
    "porfraccion",
    "impuestos",
    "cancelado",
    "descuento",
    "pesos",
)
HELD_OUT: frozenset[str] = frozenset({"descuento", "pesos"})

FONTS = [(REGULAR, BOLD), ("Times-Roman", "Times-Bold")]
UNIT_NAMES = {"H87": "Pieza", "KGM": "Kilogramo", "MTR": "Metro"}


class Style:
    """What one issuer's template varies: fonts, sizes, money and quantity formats."""

    def __init__(self, rng: random.Random) -> None:
        self.regular, self.bold = rng.choice(FONTS)
        self.size = rng.choice([7.0, 7.5, 8.0])
        self.dollar = rng.random() < 0.6
        self.qty_decimals = rng.choice([0, 2, 3])

    def money(self, value: float, decimals: int = 2) -> str:
        text = f"{value:,.{decimals}f}"
        return f"${text}" if self.dollar else text

    def qty(self, value: float) -> str:
        return f"{value:,.{self.qty_decimals}f}"


def render(truth: dict[str, Any], arrangement: str, path: Path, rng: random.Random) -> int:
    """Draw the printout; returns its page count."""
    from tests.synth import cfdi_printouts_erp as erp
    from tests.synth import cfdi_printouts_more as more
    from tests.synth import (
        cfdi_round4,
        cfdi_round5,
        cfdi_round6,
        cfdi_round7,
        cfdi_round8,
        cfdi_round9,
        cfdi_round10,
        cfdi_round11,
        cfdi_round12,
        cfdi_round13,
        cfdi_round14,
        cfdi_round15,
        cfdi_round16,
        cfdi_round17,
        cfdi_round18,
    )

    style = Style(rng)
    if arrangement in cfdi_round4.ARRANGEMENTS:
        return cfdi_round4.render(truth, arrangement, path, rng, style)
    if arrangement in cfdi_round5.ARRANGEMENTS:
        return cfdi_round5.render(truth, arrangement, path, rng, style)
    if arrangement in cfdi_round6.ARRANGEMENTS:
        return cfdi_round6.render(truth, arrangement, path, rng, style)
    if arrangement in cfdi_round7.ARRANGEMENTS:
        return cfdi_round7.render(truth, arrangement, path, rng, style)
    if arrangement in cfdi_round8.ARRANGEMENTS:
        return cfdi_round8.render(truth, arrangement, path, rng, style)
    if arrangement in cfdi_round9.ARRANGEMENTS:
        return cfdi_round9.render(truth, arrangement, path, rng, style)
    if arrangement in cfdi_round10.ARRANGEMENTS:
        return cfdi_round10.render(truth, arrangement, path, rng, style)
    if arrangement in cfdi_round11.ARRANGEMENTS:
        return cfdi_round11.render(truth, arrangement, path, rng, style)
    if arrangement in cfdi_round12.ARRANGEMENTS:
        return cfdi_round12.render(truth, arrangement, path, rng, style)
    if arrangement in cfdi_round13.ARRANGEMENTS:
        return cfdi_round13.render(truth, arrangement, path, rng, style)
    if arrangement in cfdi_round14.ARRANGEMENTS:
        return cfdi_round14.render(truth, arrangement, path, rng, style)
    if arrangement in cfdi_round15.ARRANGEMENTS:
        return cfdi_round15.render(truth, arrangement, path, rng, style)
    if arrangement in cfdi_round16.ARRANGEMENTS:
        return cfdi_round16.render(truth, arrangement, path, rng, style)
    if arrangement in cfdi_round17.ARRANGEMENTS:
        return cfdi_round17.render(truth, arrangement, path, rng, style)
    if arrangement in cfdi_round18.ARRANGEMENTS:
        return cfdi_round18.render(truth, arrangement, path, rng, style)
    draw = {
        "generic": _generic,
        "specimen": _specimen,
        "boxed": _boxed,
        "tworow": _tworow,
        **more.DRAWERS,
        **erp.DRAWERS,
    }[arrangement]
    return draw(truth, path, rng, style)


def _table(
    s: Sheet,
    st: Style,
    y: float,
    rows: list[dict[str, Any]],
    cols: list[tuple[str, str, float, str]],
    *,
    desc_width: float = 150,
    two_row: bool = False,
    desc_x: float = 40,
) -> float:
    """A table of (key, header, x, align); ``two_row`` prints the description on its own row below."""

    def header(y: float) -> float:
        s.shade(34, y - 9, s.width - 34, y + 3 + (10 if two_row else 0))
        for _key, label, x, align in cols:
            (s.right if align == "r" else s.text)(x, y, label, font=st.bold, size=st.size)
        if two_row:
            s.text(desc_x, y + 10, "Descripción", font=st.bold, size=st.size)
            return y + 24
        return y + 14

    y = header(y)
    for row in rows:
        desc = wrap(row["description"], 420 if two_row else desc_width, font=st.regular, size=st.size) or [""]
        height = 11 * (len(desc) + (1 if two_row else 0))
        if y + height > s.height - 60:
            s.new_page()
            y = header(50.0)
        for key, _label, x, align in cols:
            if key == "description":
                for k, part in enumerate(desc):
                    s.text(x, y + 11 * k, part, font=st.regular, size=st.size)
                continue
            (s.right if align == "r" else s.text)(x, y, row[key], font=st.regular, size=st.size)
        if two_row:
            for k, part in enumerate(desc):
                s.text(desc_x, y + 11 * (k + 1), part, font=st.regular, size=st.size)
            y += 11 * (len(desc) + 1) + 4
        else:
            y += 11 * len(desc) + 3
    s.hline(34, s.width - 34, y - 4, 0.4)
    return y + 10


def _concepto_cells(truth: dict[str, Any], st: Style, unit_style: str = "code") -> list[dict[str, Any]]:
    rows = []
    for ln in truth["lines"]:
        unit = ln["unit"] if unit_style == "code" else f"{ln['unit']} - {UNIT_NAMES[ln['unit']]}"
        rows.append(
            {
                "product_key": ln["product_key"],
                "part_number": ln["part_number"],
                "quantity": st.qty(ln["quantity"]),
                "unit": unit,
                "description": ln["description"],
                "unit_price": st.money(ln["unit_price"]),
                "amount": st.money(ln["amount"]),
            }
        )
    return rows


def _mercancia_cells(truth: dict[str, Any], st: Style, dotted: bool) -> list[dict[str, Any]]:
    rows = []
    for ln in truth["lines"]:
        fr = ln["tariff_code"]
        rows.append(
            {
                "part_number": ln["part_number"],
                "tariff_code": f"{fr[:4]}.{fr[4:6]}.{fr[6:]}" if dotted else fr,
                "customs_quantity": st.qty(ln["customs_quantity"]),
                "customs_unit": ln["customs_unit"],
                "usd_unit_value": f"{ln['usd_value'] / ln['customs_quantity']:,.2f}",
                "usd_value": f"{ln['usd_value']:,.2f}",
                "description": "",
            }
        )
    return rows


def _stamp(s: Sheet, st: Style, y: float, truth: dict[str, Any], upper: bool) -> None:
    f, x = truth["fields"], truth["extra"]
    if y > s.height - 120:
        s.new_page()
        y = 50.0

    def t(text: str) -> str:
        return text.upper() if upper else text

    s.text(36, y, t("Sello digital del CFDI"), font=st.bold, size=6.5)
    for k in range(3):
        s.text(36, y + 9 * (k + 1), x["seal"][k * 110 : (k + 1) * 110], size=5.5)
    y += 42
    s.text(36, y, t("Cadena original del complemento de certificación digital del SAT"), font=st.bold, size=6.5)
    s.text(
        36, y + 9, f"||1.1|{f['uuid']}|{f['issue_date']}T{x['stamp_time']}|{x['pac_rfc']}|{x['seal'][:60]}||", size=5.5
    )
    y += 24
    s.text(
        36,
        y,
        f"Este documento es una representación impresa de un CFDI versión {f['cfdi_version']}",
        font=st.regular,
        size=6.5,
    )


def _cce_intro(s: Sheet, st: Style, y: float, truth: dict[str, Any], upper: bool) -> float:
    x = truth["extra"]
    title = "COMPLEMENTO DE COMERCIO EXTERIOR" if upper else "Complemento de Comercio Exterior"
    s.text(36, y, title, font=st.bold, size=st.size + 1)
    y += 12
    s.text(36, y, f"Incoterm: {x['incoterm']}", size=st.size)
    s.text(200, y, "Clave de pedimento: A1", size=st.size)
    s.text(360, y, "Certificado de origen: 0", size=st.size)
    return y + 16


# --------------------------------------------------------------------------------------------------------


def _generic(truth: dict[str, Any], path: Path, rng: random.Random, st: Style) -> int:
    f, x = truth["fields"], truth["extra"]
    s = Sheet(path, title="CFDI")
    s.text(36, 40, f"CFDI {f['cfdi_version']} de Ingreso", font=st.bold, size=12)
    heads = [("Serie", 36), ("Folio", 110), ("Lugar de emisión", 200), ("Fecha y hora de emisión", 330)]
    vals = [f["series"], f["folio"], x["zip"], f"{f['issue_date']}T{x['time']}"]
    for (label, px), value in zip(heads, vals, strict=True):
        s.text(px, 58, label, font=st.bold, size=st.size)
        s.text(px, 69, value, font=st.regular, size=st.size)
    s.text(36, 86, "Folio fiscal", font=st.bold, size=st.size)
    s.text(330, 86, "Fecha y hora de certificación", font=st.bold, size=st.size)
    s.text(36, 97, f["uuid"], font=st.regular, size=st.size)
    s.text(330, 97, f"{f['issue_date']}T{x['stamp_time']}", font=st.regular, size=st.size)
    s.text(36, 116, "Datos del emisor", font=st.bold, size=st.size + 0.5)
    s.text(36, 127, f["issuer_name"], size=st.size)
    s.text(36, 138, f"RFC {f['issuer_rfc']}", size=st.size)
    s.text(36, 149, "Regimen Fiscal 601 - General de Ley Personas Morales", size=st.size)
    s.text(320, 116, "Datos del receptor", font=st.bold, size=st.size + 0.5)
    s.text(320, 127, f["receiver_name"], size=st.size)
    s.text(320, 138, f"RFC {f['receiver_rfc']}", size=st.size)
    s.text(320, 149, f"Num. Reg. Id. Trib. {x['receiver_tax_id']}", size=st.size)
    s.text(36, 164, f"Moneda: {f['currency']}", size=st.size)
    s.text(160, 164, f"Tipo de cambio: {f['exchange_rate']:.4f}", size=st.size)
    s.text(320, 164, "Uso del CFDI: S01 - Sin efectos fiscales", size=st.size)
    if rng.random() < 0.5:
        s.hline(36, s.width - 36, 170, 0.3)
    cols = [
        ("product_key", "Clave", 36, "l"),
        ("part_number", "No. Ident.", 84, "l"),
        ("unit", "Unidad", 146, "l"),
        ("description", "Descripción", 184, "l"),
        ("unit_price", "Valor unitario", 430, "r"),
        ("quantity", "Cantidad", 492, "r"),
        ("amount", "Importe", 576, "r"),
    ]
    y = _table(s, st, 186, _concepto_cells(truth, st), cols, desc_width=170)
    y = _cce_intro(s, st, y + 4, truth, False)
    mcols = [
        ("part_number", "No. identificación", 36, "l"),
        ("tariff_code", "Fracción arancelaria", 140, "l"),
        ("customs_quantity", "Cantidad aduana", 310, "r"),
        ("customs_unit", "Unidad aduana", 330, "l"),
        ("usd_unit_value", "Valor unitario aduana", 490, "r"),
        ("usd_value", "Valor dólares", 576, "r"),
    ]
    y = _table(s, st, y, _mercancia_cells(truth, st, rng.random() < 0.5), mcols)
    if y > s.height - 150:
        s.new_page()
        y = 50.0
    s.text(400, y, "Subtotal:", font=st.bold, size=st.size)
    s.right(576, y, st.money(f["subtotal"]), size=st.size)
    s.text(400, y + 11, "Total:", font=st.bold, size=st.size)
    s.right(576, y + 11, st.money(f["total"]), size=st.size)
    s.text(36, y, "Método de pago: PUE", size=st.size)
    _stamp(s, st, y + 34, truth, False)
    s.save()
    return s.page


def _specimen(truth: dict[str, Any], path: Path, rng: random.Random, st: Style) -> int:
    f, x = truth["fields"], truth["extra"]
    s = Sheet(path, title="CFDI")
    y = 40.0
    for label, value in (
        ("SERIE:", f["series"]),
        ("FOLIO:", f["folio"]),
        ("FECHA:", f"{f['issue_date']}T{x['time']}"),
        ("EXPEDICIÓN:", x["zip"]),
        ("COMPROBANTE:", "I"),
        ("VERSIÓN:", f["cfdi_version"]),
    ):
        end = s.text(400, y, label, font=st.bold, size=st.size)
        s.text(end + 4, y, value, size=st.size)
        y += 10
    s.text(36, 40, "EMISOR", font=st.bold, size=st.size + 1)
    end = s.text(36, 52, "NOMBRE:", font=st.bold, size=st.size)
    end = s.text(end + 4, 52, f["issuer_name"], size=st.size)
    end = s.text(end + 8, 52, "RFC:", font=st.bold, size=st.size)
    s.text(end + 4, 52, f["issuer_rfc"], size=st.size)
    s.text(36, 62, "REGIMEN FISCAL: 601", size=st.size)
    s.text(36, 80, "RECEPTOR", font=st.bold, size=st.size + 1)
    end = s.text(36, 92, "NOMBRE:", font=st.bold, size=st.size)
    end = s.text(end + 4, 92, f["receiver_name"], size=st.size)
    end = s.text(end + 8, 92, "RFC:", font=st.bold, size=st.size)
    s.text(end + 4, 92, f["receiver_rfc"], size=st.size)
    s.text(36, 102, f"NUM REG ID TRIB: {x['receiver_tax_id']}   USO CFDI: S01", size=st.size)
    s.text(36, 118, "DATOS GENERALES DEL COMPROBANTE", font=st.bold, size=st.size + 0.5)
    end = s.text(36, 130, "MONEDA:", font=st.bold, size=st.size)
    s.text(end + 4, 130, f["currency"], size=st.size)
    end = s.text(130, 130, "TIPO CAMBIO:", font=st.bold, size=st.size)
    s.text(end + 4, 130, f"{f['exchange_rate']:.4f}", size=st.size)
    s.text(260, 130, "FORMA PAGO: 99   METODO DE PAGO: PUE", size=st.size)
    cols = [
        ("product_key", "ClaveProdServ", 36, "l"),
        ("quantity", "Cant", 130, "r"),
        ("unit", "Clave Unidad", 140, "l"),
        ("part_number", "Identificación", 202, "l"),
        ("description", "Descripción", 266, "l"),
        ("unit_price", "Valor Unitario", 500, "r"),
        ("amount", "Importe", 576, "r"),
    ]
    y = _table(s, st, 150, _concepto_cells(truth, st), cols, desc_width=170)
    y = _cce_intro(s, st, y + 4, truth, True)
    mcols = [
        ("part_number", "NoIdentificacion", 36, "l"),
        ("tariff_code", "FraccionArancelaria", 120, "l"),
        ("customs_quantity", "CantidadAduana", 290, "r"),
        ("customs_unit", "UnidadAduana", 310, "l"),
        ("usd_unit_value", "ValorUnitarioAduana", 480, "r"),
        ("usd_value", "ValorDolares", 576, "r"),
    ]
    y = _table(s, st, y, _mercancia_cells(truth, st, False), mcols)
    if y > s.height - 150:
        s.new_page()
        y = 50.0
    for label, value in (("SUBTOTAL:", f["subtotal"]), ("DESCUENTO:", 0.0), ("TOTAL:", f["total"])):
        s.text(420, y, label, font=st.bold, size=st.size)
        s.right(576, y, st.money(value), size=st.size)
        y += 11
    s.text(36, y, f"FOLIO FISCAL UUID {f['uuid']}", size=st.size)
    s.text(36, y + 11, f"FECHA HORA CERTIFICACIÓN {f['issue_date']}T{x['stamp_time']}", size=st.size)
    _stamp(s, st, y + 30, truth, True)
    s.save()
    return s.page


def _boxed(truth: dict[str, Any], path: Path, rng: random.Random, st: Style) -> int:
    f, x = truth["fields"], truth["extra"]
    s = Sheet(path, title="Factura electrónica")
    s.text(36, 36, f["issuer_name"], font=st.bold, size=11)
    s.text(36, 48, f"R.F.C.: {f['issuer_rfc']}", size=st.size)
    s.right(576, 36, "FACTURA", font=st.bold, size=12)

    def box(x0: float, y0: float, x1: float, label: str, value: str) -> None:
        s.box(x0, y0, x1, y0 + 24, 0.5)
        s.text(x0 + 3, y0 + 8, label, font=st.bold, size=6)
        s.text(x0 + 3, y0 + 19, value, size=st.size)

    box(36, 60, 140, "Serie y folio", f"{f['series']}-{f['folio']}")
    box(140, 60, 300, "Fecha de emisión", f"{f['issue_date']} {x['time']}")
    box(300, 60, 576, "Folio fiscal (UUID)", f["uuid"])
    box(36, 84, 140, "Versión", f["cfdi_version"])
    box(140, 84, 300, "Tipo de comprobante", "I - Ingreso")
    box(300, 84, 440, "Moneda", f["currency"])
    box(440, 84, 576, "Tipo de cambio", f"{f['exchange_rate']:.4f}")
    box(36, 108, 300, "Receptor", f["receiver_name"])
    box(300, 108, 440, "RFC receptor", f["receiver_rfc"])
    box(440, 108, 576, "Residencia fiscal", "USA")
    cols = [
        ("quantity", "Cantidad", 70, "r"),
        ("unit", "Unidad", 78, "l"),
        ("product_key", "Clave prod./serv.", 136, "l"),
        ("part_number", "No. de identificación", 204, "l"),
        ("description", "Descripción", 290, "l"),
        ("unit_price", "Precio unitario", 506, "r"),
        ("amount", "Importe", 576, "r"),
    ]
    y = _table(s, st, 150, _concepto_cells(truth, st, "named"), cols, desc_width=150)
    y = _cce_intro(s, st, y + 4, truth, False)
    mcols = [
        ("tariff_code", "Fracción", 36, "l"),
        ("part_number", "No. identificación", 110, "l"),
        ("usd_value", "Valor USD", 290, "r"),
        ("customs_quantity", "Cant. aduana", 370, "r"),
        ("customs_unit", "Unidad aduana", 390, "l"),
    ]
    y = _table(s, st, y, _mercancia_cells(truth, st, True), mcols)
    if y > s.height - 150:
        s.new_page()
        y = 50.0
    s.box(380, y - 10, 576, y + 16, 0.5)
    s.text(384, y, "Subtotal", font=st.bold, size=st.size)
    s.right(572, y, st.money(f["subtotal"]), size=st.size)
    s.text(384, y + 11, "Total", font=st.bold, size=st.size)
    s.right(572, y + 11, st.money(f["total"]), size=st.size)
    _stamp(s, st, y + 36, truth, False)
    s.save()
    return s.page


def _tworow(truth: dict[str, Any], path: Path, rng: random.Random, st: Style) -> int:
    f, x = truth["fields"], truth["extra"]
    s = Sheet(path, title="CFDI")
    s.centre(s.width / 2, 36, "COMPROBANTE FISCAL DIGITAL POR INTERNET", font=st.bold, size=11)
    rows = [
        ("Emisor:", f["issuer_name"], "RFC Emisor:", f["issuer_rfc"]),
        ("Receptor:", f["receiver_name"], "RFC Receptor:", f["receiver_rfc"]),
        ("Folio Fiscal:", f["uuid"], "Serie / Folio:", f"{f['series']} / {f['folio']}"),
        ("Fecha de Emisión:", f"{f['issue_date']} {x['time']}", "Versión CFDI:", f["cfdi_version"]),
        ("Tipo de Comprobante:", "Ingreso", "Moneda:", f["currency"]),
        ("Tipo de Cambio:", f"{f['exchange_rate']:.4f}", "Exportación:", "02"),
    ]
    y = 56.0
    for a, av, b, bv in rows:
        end = s.text(36, y, a, font=st.bold, size=st.size)
        s.text(max(120, end + 6), y, av, size=st.size)
        end = s.text(360, y, b, font=st.bold, size=st.size)
        s.text(max(430, end + 6), y, bv, size=st.size)
        y += 11
    if rng.random() < 0.6:
        s.hline(36, 576, y, 0.3)
    cols = [
        ("product_key", "Clave SAT", 40, "l"),
        ("part_number", "No. Identificación", 100, "l"),
        ("quantity", "Cantidad", 250, "r"),
        ("unit", "Clave Unidad", 262, "l"),
        ("unit_price", "Valor Unitario", 470, "r"),
        ("amount", "Importe", 576, "r"),
    ]
    y = _table(s, st, y + 16, _concepto_cells(truth, st), cols, two_row=True, desc_x=40)
    y = _cce_intro(s, st, y + 4, truth, True)
    mcols = [
        ("tariff_code", "Fracción Arancelaria", 36, "l"),
        ("part_number", "No. Identificación", 130, "l"),
        ("customs_quantity", "Cantidad Aduana", 300, "r"),
        ("customs_unit", "Unidad Aduana", 320, "l"),
        ("usd_value", "Valor Dólares", 576, "r"),
    ]
    y = _table(s, st, y, _mercancia_cells(truth, st, False), mcols)
    if y > s.height - 150:
        s.new_page()
        y = 50.0
    s.text(420, y, "SubTotal:", font=st.bold, size=st.size)
    s.right(576, y, st.money(f["subtotal"]), size=st.size)
    s.text(420, y + 11, "Total:", font=st.bold, size=st.size)
    s.right(576, y + 11, st.money(f["total"]), size=st.size)
    _stamp(s, st, y + 34, truth, False)
    s.save()
    return s.page

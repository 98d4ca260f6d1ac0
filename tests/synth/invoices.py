"""Commercial invoices: three fixed layouts (English US supplier form, Spanish, bilingual) and four
arrangements that randomise what varies between suppliers.

Fixed: ``english``, ``spanish``, ``bilingual``. Randomised (each draw picks label spellings and punctuation,
fonts and sizes, column order and spacing, number formats, extra and missing columns, noise lines):

* ``ledger``: labels with their values beside them, the seller in the letterhead, a line-number column,
  numbers as ``1,234.50`` or ``1234.5``.
* ``stacked``: labels above their values, the seller under a label, part numbers leading the description (no
  part-number column), numbers as ``1,234.50`` or ``1.234,50``, tables broken across pages.
* ``euro``: ``Label: value`` in a monospaced font, numbers as ``1.234,50``, discount and net-weight columns, an
  ORIGINAL stamp.
* ``boxed``: ruled boxes with small labels above their values, quantity first in the table, codes either in their
  own column or leading the description, tables broken across pages.
* ``tabular``: header fields in a grid of ruled label and value cells, the part number then quantity
  and unit before the description, a rule under every row.
* ``mixed``: bilingual labels above their values, a position column, codes leading the descriptions,
  numbers as ``1.234,50``.

* ``catalog``: the header fields in a list under the letterhead, the part number after the
  description under catalogue wordings (``Item Code``, ``Part #``, ``Cat. No.``), units beside quantities.
* ``grid``: labels above values in ruled boxes, Spanish headers only, a position column, tariff and
  origin columns, numbers as ``1.234,50``, a stamp.

* ``exporter``, ``rechnung`` (round 4; ``invoices_round4``): an Asian exporter's invoice (``SAY TOTAL
  US DOLLARS … ONLY``, item numbers, model lines) and a German supplier's ``Rechnung`` (``1.234,50``, EUR, VAT id
  in the footer, tariff number under each description, ``Übertrag`` at page breaks).

Held out by round: 1 ``euro``, ``boxed`` (held-out text-layer F1 0.67); 2 ``tabular``, ``mixed`` (0.98); 3
``catalog``, ``grid`` (0.995); 4 ``exporter``, ``rechnung`` (0.620); 5 ``parts``, ``distributor``
(``invoices_round5``: a Japanese or Korean trading company's invoice with a ``Parts No.`` column, and a US
distributor's with SKU, ``Fracc. MX``, UOM and ``Ext. Price``); 6 ``proforma``, ``factura`` (``invoices_round6``: a
Chinese or Taiwanese electronics maker's bilingual invoice with ``Model No.`` and ``P/N``, and a border supplier's
Spanish ``Factura comercial`` with a fracción per line); 7 ``posnr``, ``balancedue`` (``invoices_round7``: an ERP
billing document with items counted in tens and the origin, HTS and Mexican fracción under each item, and a small
US distributor's accounting-package invoice with ``ACTIVITY`` as ``Category:Part`` and ``BALANCE DUE``); 8
``corchete``, ``messrs`` (``invoices_round8``: an open-source ERP's invoice report with ``[part] description`` lines
and the fracción under each, and a trading house's letter-of-credit style invoice with ``Messrs.``, shipping marks
and ``P/N`` lines); 9 ``facture``, ``shipped`` (``invoices_round9``: a Quebec maker's bilingual French / English
invoice with ``12 345,67`` amounts and six-digit HS codes, and a US distributor's combined invoice and packing list
with ordered, shipped and back-ordered quantities and an ``MX HTS`` column); 10 ``gstin``, ``handelsrechnung``
(``invoices_round10``: an Indian maker's GST export invoice with amounts grouped in lakhs, ``1,23,456.78``, and
eight-digit HSN codes, and a Swiss maker's bilingual German / English invoice with ``12'345.60`` amounts and the
origin and Mexican fracción under each line); 11 ``fatura``, ``usmca`` (``invoices_round11``: a Brazilian maker's
bilingual Portuguese / English invoice with the CNPJ, Mercosur NCM codes and ``1.234,56`` amounts, and a US
supplier's invoice carrying the USMCA certification of origin with six-digit HS headings and origin criteria); 12
``fattura``, ``porpedido`` (``invoices_round12``: an Italian maker's bilingual Italian / English invoice with the
EU's eight-digit codes and ``1.234,56`` amounts, and a US distributor's consolidated invoice whose lines are
grouped by customer PO with a subtotal under each group); 13 ``nif``, ``yen`` (``invoices_round13``: a Spanish maker's
invoice in euros with the NIF, ``1.234,56 €`` amounts, the EU's eight-digit codes and ``Suma y sigue`` running sums,
and a Japanese maker's English invoice billed in yen, whole-yen amounts, the qualified-invoice registration number and
``2025/08/27`` dates); 14 ``courier``, ``sterling`` (``invoices_round14``: the commercial invoice an express courier's
shipping tool prints for a dutiable parcel, with the waybill number, packages and net weight per line and the six-digit
harmonized code, and a UK maker's invoice in pounds sterling with the GB VAT and EORI numbers, ten-digit UK commodity
codes and ``27 August 2025`` dates); 15 ``consignacion``, ``hangul`` (``invoices_round15``: a US parent's no-charge
consignment invoice to its maquiladora with values for customs purposes only, the US ten-digit HTS beside the Mexican
fracción and ``AMOUNT DUE 0.00``, and a Korean maker's invoice on the standard numbered form with Korean and English
captions, the business registration number, ``2025. 08. 27.`` dates and ten-digit HSK codes); 16 ``millar``,
``vietnam`` (``invoices_round16``: a US fastener distributor's invoice priced per thousand pieces, ``12.5000`` per
``M``, with the Mexican fracción per line, and a Vietnamese maker's bilingual invoice with the ten-digit tax code,
``12.345,60`` amounts and eight-digit HS codes); 17 ``abono``, ``ditto`` (``invoices_round17``: a US distributor's
invoice whose table mixes the goods shipped with credit lines for returned parts, negative quantities and amounts in
parentheses under an RMA, summed apart as ``Less Credits``, and a Taiwanese trading house's typewritten invoice whose
lines, grouped by heading, print a repeated description, fracción, origin or unit as a ditto mark); 18 ``docenas``,
``dosarriba`` (``invoices_round18``: a supplier's invoice selling by the dozen, the gross or the piece, the quantity in
the unit of sale beside the pieces and the price per dozen or gross, and an invoice with its packing list printed two
pages per landscape sheet, so that one sheet may carry the invoice's end and the packing list's start). After each
round the readers were fixed on the held-out pair, which joined development.

Renderers drop from the truth what their draw did not print (a column left out, an origin not stated).
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from tests.synth.draw import BOLD, REGULAR, Sheet, dmy, mdy_en, money, wrap

COUNTRY_NAMES_EN = {
    "USA": "USA",
    "CHN": "China",
    "KOR": "Korea",
    "JPN": "Japan",
    "DEU": "Germany",
    "TWN": "Taiwan",
}
COUNTRY_NAMES_ES = {
    "USA": "Estados Unidos",
    "CHN": "China",
    "KOR": "Corea",
    "JPN": "Japón",
    "DEU": "Alemania",
    "TWN": "Taiwan",
}


ARRANGEMENTS: tuple[str, ...] = (
    "english",
    "spanish",
    "bilingual",
    "ledger",
    "stacked",
    "euro",
    "boxed",
    "tabular",
    "mixed",
    "catalog",
    "grid",
    "exporter",
    "rechnung",
    "parts",
    "distributor",
    "proforma",
    "factura",
    "posnr",
    "balancedue",
    "corchete",
    "messrs",
    "facture",
    "shipped",
    "gstin",
    "handelsrechnung",
    "fatura",
    "usmca",
    "fattura",
    "porpedido",
    "nif",
    "yen",
    "courier",
    "sterling",
    "consignacion",
    "hangul",
    "millar",
    "vietnam",
    "abono",
    "ditto",
    "docenas",
    "dosarriba",
)
HELD_OUT: frozenset[str] = frozenset({"docenas", "dosarriba"})


def render(truth: dict[str, Any], layout: str, path: Path, rng: random.Random) -> int:
    """Draw the invoice; returns its page count."""
    fixed = {"english": _english, "spanish": _spanish, "bilingual": _bilingual}
    if layout in fixed:
        return fixed[layout](truth, path, rng)
    from tests.synth import (
        invoices_round4,
        invoices_round5,
        invoices_round6,
        invoices_round7,
        invoices_round8,
        invoices_round9,
        invoices_round10,
        invoices_round11,
        invoices_round12,
        invoices_round13,
        invoices_round14,
        invoices_round15,
        invoices_round16,
        invoices_round17,
        invoices_round18,
    )

    if layout in invoices_round4.ARRANGEMENTS:
        return invoices_round4.render(truth, layout, path, rng)
    if layout in invoices_round5.ARRANGEMENTS:
        return invoices_round5.render(truth, layout, path, rng)
    if layout in invoices_round6.ARRANGEMENTS:
        return invoices_round6.render(truth, layout, path, rng)
    if layout in invoices_round7.ARRANGEMENTS:
        return invoices_round7.render(truth, layout, path, rng)
    if layout in invoices_round8.ARRANGEMENTS:
        return invoices_round8.render(truth, layout, path, rng)
    if layout in invoices_round9.ARRANGEMENTS:
        return invoices_round9.render(truth, layout, path, rng)
    if layout in invoices_round10.ARRANGEMENTS:
        return invoices_round10.render(truth, layout, path, rng)
    if layout in invoices_round11.ARRANGEMENTS:
        return invoices_round11.render(truth, layout, path, rng)
    if layout in invoices_round12.ARRANGEMENTS:
        return invoices_round12.render(truth, layout, path, rng)
    if layout in invoices_round13.ARRANGEMENTS:
        return invoices_round13.render(truth, layout, path, rng)
    if layout in invoices_round14.ARRANGEMENTS:
        return invoices_round14.render(truth, layout, path, rng)
    if layout in invoices_round15.ARRANGEMENTS:
        return invoices_round15.render(truth, layout, path, rng)
    if layout in invoices_round16.ARRANGEMENTS:
        return invoices_round16.render(truth, layout, path, rng)
    if layout in invoices_round17.ARRANGEMENTS:
        return invoices_round17.render(truth, layout, path, rng)
    if layout in invoices_round18.ARRANGEMENTS:
        return invoices_round18.render(truth, layout, path, rng)
    from tests.synth.invoices_varied import render_varied

    return render_varied(truth, layout, path, rng)


def _lines_table(
    s: Sheet,
    y: float,
    lines: list[dict[str, Any]],
    cols: list[tuple[str, float, str]],
    header_lines: list[list[str]],
    render_cell: Any,
    bottom: float,
    on_new_page: Any,
) -> float:
    """Draw a line-item table; ``cols`` = (key, x, align); a new page repeats the header."""

    def header(y: float) -> float:
        s.shade(cols[0][1] - 4, y - 9, s.width - 36, y + 3 + 9 * (len(header_lines) - 1))
        for row, labels in enumerate(header_lines):
            for (_key, x, align), label in zip(cols, labels, strict=True):
                if not label:
                    continue
                if align == "r":
                    s.right(x, y + 9 * row, label, font=BOLD, size=7)
                else:
                    s.text(x, y + 9 * row, label, font=BOLD, size=7)
        return y + 9 * len(header_lines) + 6

    y = header(y)
    for ln in lines:
        desc = wrap(ln["description"], 150, size=7.5)
        if y + 10 * len(desc) > bottom:
            s.new_page()
            y = header(on_new_page())
        for key, x, align in cols:
            if key == "description":
                for k, d in enumerate(desc):
                    s.text(x, y + 10 * k, d, size=7.5)
                continue
            text = render_cell(key, ln)
            if align == "r":
                s.right(x, y, text, size=7.5)
            else:
                s.text(x, y, text, size=7.5)
        y += 10 * len(desc) + 3
    s.hline(36, s.width - 36, y - 4)
    return y + 8


def _english(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, title="Commercial Invoice")
    L, R = 36.0, s.width - 36.0
    s.text(L, 44, f["seller_name"], font=BOLD, size=13)
    s.text(L, 57, x["seller_address"], size=8)
    s.text(L, 67, f"Tax ID: {f['seller_tax_id']}", size=8)
    s.right(R, 44, "COMMERCIAL INVOICE", font=BOLD, size=15)
    s.text(R - 170, 62, "Invoice No.", font=BOLD, size=8)
    s.text(R - 90, 62, f["invoice_number"], size=8)
    s.text(R - 170, 73, "Invoice Date", font=BOLD, size=8)
    s.text(R - 90, 73, mdy_en(f["invoice_date"]), size=8)
    s.text(R - 170, 84, "Customer PO", font=BOLD, size=8)
    s.text(R - 90, 84, x["po"], size=8)
    s.hline(L, R, 94)
    s.text(L, 108, "SOLD TO", font=BOLD, size=8)
    s.text(L, 119, f["buyer_name"], size=8)
    s.text(L, 129, x["buyer_address"], size=8)
    s.text(L, 139, f"RFC: {f['buyer_tax_id']}", size=8)
    s.text(L + 300, 108, "SHIP TO", font=BOLD, size=8)
    s.text(L + 300, 119, "Same as sold to", size=8)
    y = 158.0
    s.text(L, y, "Terms", font=BOLD, size=8)
    s.text(L + 60, y, x["terms"], size=8)
    s.text(L + 170, y, "Incoterm", font=BOLD, size=8)
    s.text(L + 220, y, f"{f['incoterm']} Laredo, TX", size=8)
    s.text(L + 330, y, "Currency", font=BOLD, size=8)
    s.text(L + 380, y, f["currency"], size=8)
    y += 11
    s.text(L, y, "Country of Origin", font=BOLD, size=8)
    s.text(L + 80, y, COUNTRY_NAMES_EN[f["origin_country"]], size=8)
    y += 20
    cols = [
        ("part_number", L, "l"),
        ("description", L + 62, "l"),
        ("tariff_code", L + 222, "l"),
        ("origin_country", L + 272, "l"),
        ("quantity", L + 356, "r"),
        ("unit", L + 364, "l"),
        ("unit_price", L + 446, "r"),
        ("amount", R, "r"),
    ]
    header = [["Part No.", "Description", "HTS Code", "Origin", "Qty", "UoM", "Unit Price", "Amount"]]

    def cell(key: str, ln: dict[str, Any]) -> str:
        value = ln[key]
        if key == "tariff_code":
            return f"{value[:4]}.{value[4:6]}.{value[6:]}"
        if key == "origin_country":
            return COUNTRY_NAMES_EN[value]
        if key == "quantity":
            return money(value)
        if key == "unit_price":
            return f"{value:,.4f}"
        if key == "amount":
            return money(value, 2)
        return str(value)

    y = _lines_table(s, y, lines, cols, header, cell, s.height - 120, lambda: 60.0)
    s.text(L + 330, y, "Subtotal", font=BOLD, size=8)
    s.right(R, y, money(f["subtotal_amount"], 2), size=8)
    y += 11
    s.text(L + 330, y, "Freight", font=BOLD, size=8)
    s.right(R, y, money(x["freight"], 2), size=8)
    y += 11
    s.text(L + 330, y, f"Total {f['currency']}", font=BOLD, size=9)
    s.right(R, y, money(f["total_amount"], 2), font=BOLD, size=9)
    y += 24
    s.text(
        L,
        y,
        "We certify that this invoice is true and correct and that the goods are of the origin stated.",
        size=7,
    )
    s.save()
    return s.page


def _spanish(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, title="Factura comercial")
    L, R = 36.0, s.width - 36.0
    s.centre(s.width / 2, 40, "FACTURA COMERCIAL", font=BOLD, size=14)
    s.box(L, 52, R, 132)
    s.text(L + 6, 64, "Vendedor", font=BOLD, size=8)
    s.text(L + 6, 75, f["seller_name"], size=8)
    s.text(L + 6, 85, x["seller_address"], size=7.5)
    s.text(L + 6, 95, f"Identificación fiscal: {f['seller_tax_id']}", size=7.5)
    s.text(L + 280, 64, "Comprador", font=BOLD, size=8)
    s.text(L + 280, 75, f["buyer_name"], size=8)
    s.text(L + 280, 85, x["buyer_address"][:60], size=7.5)
    s.text(L + 280, 95, f"RFC: {f['buyer_tax_id']}", size=7.5)
    s.hline(L, R, 104)
    s.text(L + 6, 116, "Factura No.:", font=BOLD, size=8)
    s.text(L + 70, 116, f["invoice_number"], size=8)
    s.text(L + 180, 116, "Fecha:", font=BOLD, size=8)
    s.text(L + 215, 116, dmy(f["invoice_date"]), size=8)
    s.text(L + 300, 116, "Moneda:", font=BOLD, size=8)
    s.text(L + 340, 116, f["currency"], size=8)
    s.text(L + 400, 116, "Incoterm:", font=BOLD, size=8)
    s.text(L + 445, 116, f["incoterm"], size=8)
    s.text(L + 6, 127, "País de origen:", font=BOLD, size=8)
    s.text(L + 80, 127, COUNTRY_NAMES_ES[f["origin_country"]], size=8)
    s.text(L + 180, 127, "Orden de compra:", font=BOLD, size=8)
    s.text(L + 260, 127, x["po"], size=8)
    y = 152.0
    cols = [
        ("part_number", L, "l"),
        ("description", L + 64, "l"),
        ("tariff_code", L + 222, "l"),
        ("origin_country", L + 266, "l"),
        ("quantity", L + 350, "r"),
        ("unit", L + 358, "l"),
        ("unit_price", L + 440, "r"),
        ("amount", R, "r"),
    ]
    header = [
        [
            "No. de parte",
            "Descripción",
            "Fracción",
            "Origen",
            "Cantidad",
            "Unidad",
            "Precio unitario",
            "Importe",
        ]
    ]

    def cell(key: str, ln: dict[str, Any]) -> str:
        value = ln[key]
        if key == "origin_country":
            return value
        if key == "quantity":
            return money(value)
        if key == "unit_price":
            return f"{value:,.4f}"
        if key == "amount":
            return money(value, 2)
        return str(value)

    y = _lines_table(s, y, lines, cols, header, cell, s.height - 110, lambda: 56.0)
    s.text(L + 330, y, "Subtotal:", font=BOLD, size=8)
    s.right(R, y, money(f["subtotal_amount"], 2), size=8)
    y += 11
    s.text(L + 330, y, "Flete:", font=BOLD, size=8)
    s.right(R, y, money(x["freight"], 2), size=8)
    y += 11
    s.text(L + 330, y, "Total:", font=BOLD, size=9)
    s.right(R, y, money(f["total_amount"], 2), font=BOLD, size=9)
    y += 24
    s.text(
        L,
        y,
        "Declaramos bajo protesta de decir verdad que los datos contenidos en esta factura son correctos.",
        font=REGULAR,
        size=7,
    )
    s.save()
    return s.page


def _bilingual(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, title="Factura comercial / Commercial invoice")
    L, R = 36.0, s.width - 36.0
    s.text(L, 40, "FACTURA COMERCIAL / COMMERCIAL INVOICE", font=BOLD, size=13)
    y = 62.0
    pairs = [
        ("Factura / Invoice No.:", f["invoice_number"]),
        ("Fecha / Date:", f["invoice_date"]),
        ("Moneda / Currency:", f["currency"]),
        ("Incoterm:", f"{f['incoterm']} 2020"),
        ("Origen / Origin:", f["origin_country"]),
    ]
    for label, value in pairs:
        s.text(R - 220, y, label, font=BOLD, size=8)
        s.text(R - 110, y, value, size=8)
        y += 11
    s.text(L, 62, "Exportador / Exporter", font=BOLD, size=8)
    s.text(L, 73, f["seller_name"], size=8)
    s.text(L, 83, x["seller_address"], size=7.5)
    s.text(L, 93, f"Tax ID / Id. fiscal: {f['seller_tax_id']}", size=7.5)
    s.text(L, 110, "Importador / Importer", font=BOLD, size=8)
    s.text(L, 121, f["buyer_name"], size=8)
    s.text(L, 131, x["buyer_address"][:70], size=7.5)
    s.text(L, 141, f"RFC: {f['buyer_tax_id']}", size=7.5)
    y = 166.0
    cols = [
        ("part_number", L, "l"),
        ("description", L + 64, "l"),
        ("tariff_code", L + 222, "l"),
        ("quantity", L + 310, "r"),
        ("unit", L + 318, "l"),
        ("origin_country", L + 356, "l"),
        ("unit_price", L + 450, "r"),
        ("amount", R, "r"),
    ]
    header = [
        ["Parte", "Descripción", "Fracción", "Cantidad", "Unidad", "Origen", "Precio unit.", "Importe"],
        ["Part No.", "Description", "HS Code", "Quantity", "Unit", "Origin", "Unit Price", "Amount"],
    ]

    def cell(key: str, ln: dict[str, Any]) -> str:
        value = ln[key]
        if key == "tariff_code":
            return f"{value[:4]}.{value[4:6]}.{value[6:]}"
        if key == "quantity":
            return money(value)
        if key == "unit_price":
            return f"{value:,.4f}"
        if key == "amount":
            return money(value, 2)
        return str(value)

    y = _lines_table(s, y, lines, cols, header, cell, s.height - 110, lambda: 56.0)
    s.text(L + 300, y, "Subtotal / Subtotal:", font=BOLD, size=8)
    s.right(R, y, money(f["subtotal_amount"], 2), size=8)
    y += 11
    s.text(L + 300, y, "Flete / Freight:", font=BOLD, size=8)
    s.right(R, y, money(x["freight"], 2), size=8)
    y += 11
    s.text(L + 300, y, "Total / Total:", font=BOLD, size=9)
    s.right(R, y, money(f["total_amount"], 2), font=BOLD, size=9)
    y += 14
    s.text(L, y, f"Orden de compra / Purchase order: {x['po']}", size=7.5)
    s.save()
    return s.page
